/* Lists of strings as the model keeps them: an array of newly allocated strings and a
 * count beside it. */
#ifndef WAR_UTIL_STRV_H
#define WAR_UTIL_STRV_H

#include <stddef.h>

/* A copy of the n strings at v, each copied too; NULL when n is 0. Free with strv_free(). */
char **strv_dup(char *const *v, size_t n);

/* Frees the n strings at v and the array; NULL is fine. */
void strv_free(char **v, size_t n);

#endif
