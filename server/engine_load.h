/*
 * engine_load.h - build the engine the commands share: the built-in
 * lexicons plus an optional cue lexicon file. Used by `serve` and
 * `annotate`; the only place the server reads lexicon files.
 */
#ifndef WS_ENGINE_LOAD_H
#define WS_ENGINE_LOAD_H

#include <stddef.h>

#include "whosaid.h"

/* Lexicon files larger than this are refused (a cue list is kilobytes). */
#define ENGINE_LOAD_MAX_FILE ((size_t)4 << 20)

/*
 * engine_load - create an engine and, when cues_path is non-NULL and
 * non-empty, add the cue entries of that file (ws_engine_load_cues()).
 * On success returns 0 and *out owns a new engine (ws_engine_free()).
 * On error returns a negative WS_E* code, leaves *out NULL and writes a
 * NUL-terminated sentence into err (errlen bytes, may be 0) that names
 * the file, and the line for a bad entry (`file:line: message`):
 * WS_EINVAL the file cannot be opened or read (errno's text),
 * WS_ETOOBIG it is larger than ENGINE_LOAD_MAX_FILE,
 * WS_ELEXICON a bad line, WS_ENOMEM.
 * cues_path is borrowed.
 */
int engine_load(const char *cues_path, struct ws_engine **out, char *err,
                size_t errlen);

#endif /* WS_ENGINE_LOAD_H */
