/* A UTF-8 text buffer with a cursor, for the notes editor, form fields and the prompt.
 * The text is always valid UTF-8 and the cursor always on a character boundary: input is
 * cleaned on the way in (invalid bytes become U+FFFD, CR and CRLF become LF, Tab becomes
 * spaces, other control characters are dropped), so whatever is typed or pasted can be saved. */
#ifndef WAR_UI_TEXTBUF_H
#define WAR_UI_TEXTBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct textbuf {
	char *s; /* NUL-terminated; owned */
	size_t len;
	size_t cap;
	size_t cur;  /* cursor: byte offset, on a character boundary */
	int goal;    /* column kept across up/down moves; -1 when none */
	bool single; /* one line only: newlines in input become spaces */
};

/* Starts the buffer with a copy of text (NULL: empty), cursor at the end. Free with
 * textbuf_free(). */
void textbuf_init(struct textbuf *tb, const char *text, bool single_line);
void textbuf_free(struct textbuf *tb);

/* Replaces the text (cleaned as on input), cursor at the end. */
void textbuf_set(struct textbuf *tb, const char *text);

/* Inserts n bytes at the cursor, cleaned; the cursor moves past them. */
void textbuf_insert(struct textbuf *tb, const char *s, size_t n);
/* Inserts one code point (a key); ignored when it is not text. */
void textbuf_insert_cp(struct textbuf *tb, uint32_t cp);

/* Each returns true when the text or cursor changed. */
bool textbuf_backspace(struct textbuf *tb);
bool textbuf_delete(struct textbuf *tb);
bool textbuf_left(struct textbuf *tb);
bool textbuf_right(struct textbuf *tb);
bool textbuf_line_start(struct textbuf *tb);
bool textbuf_line_end(struct textbuf *tb);
bool textbuf_kill_end(struct textbuf *tb);   /* to the end of the line (or the newline) */
bool textbuf_kill_start(struct textbuf *tb); /* to the start of the line */

/* Moves the cursor delta screen rows as the text shows when wrapped at width columns,
 * keeping its column where the row allows. Returns true when it moved. */
bool textbuf_vertical(struct textbuf *tb, int width, int delta);

/* Screen row and column of the cursor when the text is wrapped at width columns. */
void textbuf_locate(const struct textbuf *tb, int width, int *row, int *col);

#endif
