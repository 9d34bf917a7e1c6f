#include "aws/shlex.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

int shlex_split(const char *s, char ***argv, size_t *argc, const char **why)
{
	size_t n = 0, cap = 0, len = strlen(s);
	char **words = NULL;
	char *word = xmalloc(len + 1); /* no word is longer than the input */
	size_t wl = 0;
	bool in_word = false;

	*argv = NULL;
	*argc = 0;
	for (size_t i = 0; i <= len; i++) {
		char c = s[i];

		if (c == '\0' || is_blank(c)) {
			if (in_word) {
				words = xgrow(words, &cap, n + 2, sizeof(*words));
				words[n++] = xstrndup(word, wl);
				wl = 0;
				in_word = false;
			}
			continue;
		}
		in_word = true;
		if (c == '\\') {
			if (!s[i + 1]) {
				*why = "nothing after a backslash";
				goto fail;
			}
			word[wl++] = s[++i];
		} else if (c == '\'') {
			const char *end = strchr(s + i + 1, '\'');

			if (!end) {
				*why = "no closing quotation";
				goto fail;
			}
			memcpy(word + wl, s + i + 1, (size_t)(end - s - i - 1));
			wl += (size_t)(end - s - i - 1);
			i = (size_t)(end - s);
		} else if (c == '"') {
			for (i++;; i++) {
				if (!s[i]) {
					*why = "no closing quotation";
					goto fail;
				}
				if (s[i] == '"')
					break;
				/* Inside "…" a backslash escapes only '"' and itself. */
				if (s[i] == '\\' && (s[i + 1] == '"' || s[i + 1] == '\\'))
					i++;
				word[wl++] = s[i];
			}
		} else {
			word[wl++] = c;
		}
	}
	free(word);
	if (!words)
		words = xcalloc(1, sizeof(*words));
	words[n] = NULL;
	*argv = words;
	*argc = n;
	return 0;
fail:
	free(word);
	if (words)
		words[n] = NULL;
	shlex_free(words);
	return -1;
}

void shlex_free(char **argv)
{
	if (!argv)
		return;
	for (char **p = argv; *p; p++)
		free(*p);
	free(argv);
}
