/* Large letters for workshop mode, readable from the back of a room: a 3x5 pixel font drawn
 * with half-block characters, three screen rows tall. */
#ifndef WAR_UI_BIGTEXT_H
#define WAR_UI_BIGTEXT_H

#include <stddef.h>

enum { BIGTEXT_ROWS = 3 };

/* Screen row `row` (0-2) of text in large letters, as UTF-8 into buf; characters the font
 * lacks show as '?', lowercase as uppercase. Returns buf (truncated to len if small). */
const char *bigtext_row(const char *text, int row, char *buf, size_t len);

/* Columns the large text takes: 4 per character, less the last gap. */
int bigtext_width(const char *text);

#endif
