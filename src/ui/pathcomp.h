/* File names in the prompts that ask for one (open, new review, export): ~ expansion, and
 * Tab completion as a shell does it. No curses here, so both are tested directly. */
#ifndef WAR_UI_PATHCOMP_H
#define WAR_UI_PATHCOMP_H

#include <stddef.h>

/* path with a leading "~" or "~/" replaced by $HOME (or the password file's home) and
 * "~user/" by that user's home; anything else, or a user that does not exist, as it is.
 * Returns newly allocated text; free with free(). */
char *pathcomp_expand(const char *path);

struct pathcomp {
	char *word;    /* the word completed as far as every match agrees (newly allocated) */
	size_t n;      /* how many names match */
	char *choices; /* when n > 1: the matching names, "a.yaml  b.yaml  drafts/" (newly
	                * allocated); NULL otherwise */
};

/* Completes word, a file name as typed (relative, absolute or starting with ~), against the
 * files on disk: a single match is completed whole (a directory with its '/'), several as
 * far as they agree. Names starting with '.' only match a word that does. Returns out->n;
 * free with pathcomp_free(). */
size_t pathcomp_complete(const char *word, struct pathcomp *out);
void pathcomp_free(struct pathcomp *pc);

#endif
