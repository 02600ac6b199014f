/* attrib.c - the pipeline (first cut: paragraphs only). */
#include "internal.h"

int ws__analyze(struct ws_doc *doc)
{
	doc->nparagraphs = doc->len ? 1 : 0;
	return WS_OK;
}
