/* Display width of UTF-8 text and word wrapping, for every view that shows prose and for the
 * notes editor's cursor. Invalid bytes count as one U+FFFD each, control characters as one
 * column (they are drawn as '?'), so a bad byte can shift text but never the screen. */
#ifndef WAR_UI_WRAP_H
#define WAR_UI_WRAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes the character at s (at most left bytes, left > 0). Returns its length in bytes
 * (1 for an invalid byte, with *cp = U+FFFD) and its code point in *cp. */
size_t wrap_decode(const char *s, size_t left, uint32_t *cp);

/* Columns a code point takes on screen: 0 (combining), 1 or 2. */
int wrap_cp_width(uint32_t cp);

/* Columns the first len bytes of s take. */
int wrap_width(const char *s, size_t len);

/* Bytes of s (len bytes) that fit in cols columns, ending on a character boundary. */
size_t wrap_fit(const char *s, size_t len, int cols);

/* Where to start showing one line of text so that the place cur (a byte offset) is within
 * room columns: 0 when it fits, else far enough in. For inputs that scroll sideways. */
size_t wrap_scroll(const char *s, size_t cur, int room);

/* Iterates the lines of text wrapped at width columns: breaks at newlines, then at the last
 * space that fits, else mid-word. Empty text is one empty line; a final newline starts one. */
struct wrap_iter {
	const char *s;
	size_t len;
	int width;
	size_t pos; /* where the next line starts */
	bool done;
};

void wrap_begin(struct wrap_iter *it, const char *s, size_t len, int width);

/* The next line: true with its bytes s[*start, *start + *n) (no newline, no break space),
 * false when there are no more. After it, it->pos is where the following line starts. */
bool wrap_next(struct wrap_iter *it, size_t *start, size_t *n);

/* Number of lines text wraps into at width columns (at least 1). */
size_t wrap_count(const char *s, size_t len, int width);

#endif
