#include "aws/uri.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static const char hexdigits[] = "0123456789ABCDEF";

bool uri_unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_' || c == '.' || c == '~';
}

static int hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Encodes n bytes into a buffer sized for the worst case (every byte three wide). When
 * keep_escapes is set, a '%' that starts a valid escape is copied as is. */
static char *encode(const char *s, size_t n, bool keep_slash, bool keep_escapes)
{
	char *out = xmalloc(3 * n + 1);
	char *o = out;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (uri_unreserved(c) || (keep_slash && c == '/') ||
		    (keep_escapes && c == '%' && i + 2 < n &&
		     hexval((unsigned char)s[i + 1]) >= 0 &&
		     hexval((unsigned char)s[i + 2]) >= 0)) {
			*o++ = (char)c;
		} else {
			*o++ = '%';
			*o++ = hexdigits[c >> 4];
			*o++ = hexdigits[c & 15];
		}
	}
	*o = '\0';
	return out;
}

char *uri_encode(const char *s, size_t n, bool keep_slash)
{
	return encode(s, n, keep_slash, false);
}

char *uri_encode_path_once(const char *s)
{
	return encode(s, strlen(s), true, true);
}

int uri_decode(const char *s, size_t n, char **out)
{
	char *buf = xmalloc(n + 1);
	size_t len = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] != '%') {
			buf[len++] = s[i];
			continue;
		}
		if (i + 2 >= n) {
			free(buf);
			return -1;
		}
		int hi = hexval((unsigned char)s[i + 1]);
		int lo = hexval((unsigned char)s[i + 2]);
		if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
			free(buf);
			return -1;
		}
		buf[len++] = (char)(hi << 4 | lo);
		i += 2;
	}
	buf[len] = '\0';
	*out = buf;
	return 0;
}

char *uri_normalize_path(const char *path)
{
	size_t n = strlen(path);
	size_t *start, *len; /* kept segments as offsets into path, so ".." can pop one */
	size_t kept = 0;
	char *out, *o;

	if (n == 0)
		return xstrdup("/");
	start = xmalloc((n + 1) * sizeof(*start));
	len = xmalloc((n + 1) * sizeof(*len));
	for (size_t i = 0; i <= n;) {
		size_t j = i;

		while (j < n && path[j] != '/')
			j++;
		size_t sl = j - i;
		if (sl == 0 || (sl == 1 && path[i] == '.')) {
			/* empty (from "//") or "." segment: dropped */
		} else if (sl == 2 && path[i] == '.' && path[i + 1] == '.') {
			if (kept)
				kept--;
		} else {
			start[kept] = i;
			len[kept] = sl;
			kept++;
		}
		i = j + 1;
	}
	out = o = xmalloc(n + 2);
	if (path[0] == '/')
		*o++ = '/';
	for (size_t k = 0; k < kept; k++) {
		if (k)
			*o++ = '/';
		memcpy(o, path + start[k], len[k]);
		o += len[k];
	}
	if (path[n - 1] == '/' && kept)
		*o++ = '/';
	*o = '\0';
	free(start);
	free(len);
	return out;
}
