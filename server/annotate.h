/*
 * annotate.h - `whosaid annotate`: the engine on files, from the shell.
 *
 *   whosaid annotate [options] FILE|-          one document, one JSON object
 *   whosaid annotate --jsonl [options] IN|-    {"id","text"} a line in, one
 *                                              result a line out, in order
 */
#ifndef WS_ANNOTATE_H
#define WS_ANNOTATE_H

/*
 * cmd_annotate - run the command; argv[0] is "annotate". Writes results
 * to standard output (or --output), messages to standard error.
 * Returns the process exit status: 0 success, 1 an input or output error
 * (in --jsonl mode: at least one bad line, all good lines still written),
 * 2 a usage error. Ignores SIGPIPE for the rest of the process (a closed
 * pipe is then a write error, reported as such). Starts threads: call
 * before anything else in the process has.
 */
int cmd_annotate(int argc, char **argv);

#endif /* WS_ANNOTATE_H */
