/* UTF-8 validation shared by every reader of text files. */
#ifndef WAR_UTIL_UTF8_H
#define WAR_UTIL_UTF8_H

#include <stddef.h>

#include "util/err.h"

/* Length (1-4) of the valid UTF-8 sequence at p, reading at most `left` bytes; 0 when
 * invalid (overlong forms, surrogates and code points past U+10FFFF included). */
size_t utf8_seq_len(const unsigned char *p, size_t left);

/* Checks that text is UTF-8. Returns 0, or -1 with err at the first bad byte's line and
 * column, saying plainly what is wrong. */
int utf8_check(const char *file, const char *text, size_t len, struct wa_err *err);

#endif
