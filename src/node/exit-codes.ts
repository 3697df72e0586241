// Exit codes of every vfm command.
/** Success: the program is valid, the run completed, the file was written. */
export const EXIT_OK = 0;
/** The input was rejected: invalid program, a filter fault, a damaged capture. */
export const EXIT_REJECTED = 1;
/** Bad usage or a file that cannot be read or written. */
export const EXIT_USAGE = 2;
/** Ctrl-C stopped the reading of a capture file before its end (the report covers what was read). */
export const EXIT_INTERRUPTED = 130;
