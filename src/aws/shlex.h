/* Splitting a command line into words the way Python's shlex.split() does (POSIX mode),
 * which is how the aws CLI reads credential_process and profile section names: white space
 * separates words, '…' is literal, "…" keeps \" and \\ escapes, a backslash outside quotes
 * escapes the next character. No variables, globs or comments: nothing is run by a shell. */
#ifndef WAR_AWS_SHLEX_H
#define WAR_AWS_SHLEX_H

#include <stddef.h>

/* Splits s into *argv, a newly allocated NULL-ended array of newly allocated words (free
 * with shlex_free()), and *argc. Returns 0, or -1 with *why a static reason ("no closing
 * quotation", "nothing after a backslash") and *argv NULL. */
int shlex_split(const char *s, char ***argv, size_t *argc, const char **why);

/* Frees an array from shlex_split(); NULL is fine. */
void shlex_free(char **argv);

#endif
