/* libFuzzer target: the masking of credentials (util/secret.c) and the terminal-safe text
 * (util/safetext.c) every message and output goes through. Masking never grows the text
 * and leaves no copy of a registered value; safe text holds no control and is UTF-8. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/safetext.h"
#include "util/secret.h"
#include "util/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts when s holds a byte that is not UTF-8 or a character safetext_unsafe() names. */
static void check_safe(const char *s)
{
	size_t n = strlen(s);

	for (size_t i = 0; i < n;) {
		unsigned long cp;
		size_t len = utf8_get((const unsigned char *)s + i, n - i, &cp);

		if (!len || safetext_unsafe(cp))
			abort();
		i += len;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The first line (up to 64 bytes) is a live secret; the rest the message. */
	const uint8_t *nl = memchr(data, '\n', size < 64 ? size : 64);
	size_t klen = nl ? (size_t)(nl - data) : 0;
	char *key = strndup((const char *)data, klen);
	char *text = strndup((const char *)data + (nl ? klen + 1 : 0), size - (nl ? klen + 1 : 0));
	char *masked, *safe;

	if (!key || !text)
		abort();
	secret_register(key);
	masked = secret_mask_dup(text);
	if (strlen(masked) > strlen(text))
		abort();
	/* No registered value is left (one holding "*" or "X" may be what a mask wrote). */
	if (strlen(key) >= 8 && !strpbrk(key, "*X") && strstr(masked, key))
		abort();
	safe = safetext_dup(masked, size & 1);
	check_safe(safe);
	free(safe);
	free(masked);
	free(key);
	free(text);
	secret_forget_all();
	return 0;
}
