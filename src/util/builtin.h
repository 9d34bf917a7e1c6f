/* Files compiled into the binary at build time (see src/build/embed.c). */
#ifndef WAR_UTIL_BUILTIN_H
#define WAR_UTIL_BUILTIN_H

#include <stddef.h>

struct builtin_file {
	const char *name; /* path in the source tree, e.g. "questions/foundations.yaml" */
	const char *data; /* NUL-terminated */
	size_t len;
};

/* The table, ended by an entry whose name is NULL. */
extern const struct builtin_file builtin_files[];

/* The built-in file with that exact name, or NULL (borrowed, static). */
const struct builtin_file *builtin_find(const char *name);

#endif
