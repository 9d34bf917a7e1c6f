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

/* Decodes the code point at s (len bytes available); returns its length in bytes, 0 when
 * the bytes are not valid UTF-8. */
size_t utf8_get(const unsigned char *s, size_t len, unsigned long *cp);

/* Writes the UTF-8 encoding of code point cp to out (4 bytes room); returns its length. */
size_t utf8_put(char *out, unsigned long cp);

/* Number of code points in UTF-8 s. */
size_t utf8_len(const char *s);

/* 1-based column, in characters, of byte offset off in s. */
int utf8_column(const char *s, size_t off);

#endif
