/* Percent-encoding and path normalization as AWS Signature Version 4 defines them: RFC 3986
 * unreserved characters (A-Z a-z 0-9 - _ . ~) stay, every other byte becomes %XX in uppercase
 * hex, so a space is %20 (never '+') and UTF-8 is encoded byte by byte. */
#ifndef WAR_AWS_URI_H
#define WAR_AWS_URI_H

#include <stdbool.h>
#include <stddef.h>

/* True for the RFC 3986 unreserved characters, the only ones SigV4 leaves unencoded. */
bool uri_unreserved(unsigned char c);

/* Returns a newly allocated copy of the n bytes at s with every byte but the unreserved ones
 * (and '/' when keep_slash) written as %XX; free with free(). */
char *uri_encode(const char *s, size_t n, bool keep_slash);

/* Like uri_encode(s, strlen(s), true) but leaves well-formed %XX escapes alone: completes the
 * encoding of a path that is already (mostly) encoded. Returns newly allocated; free with free().
 */
char *uri_encode_path_once(const char *s);

/* Decodes the %XX escapes in the n bytes at s ('+' stays '+') into *out, newly allocated and
 * NUL-terminated; free with free(). Returns 0, or -1 when an escape is malformed or decodes
 * to a NUL byte (*out is then left alone). */
int uri_decode(const char *s, size_t n, char **out);

/* Returns a newly allocated copy of path with "." and ".." segments removed and runs of '/'
 * collapsed, keeping a leading '/' and, unless nothing is left, a trailing one; "" gives "/".
 * These are botocore's rules, which the AWS test suite shares. free with free(). */
char *uri_normalize_path(const char *path);

#endif
