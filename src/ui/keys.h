/* Keys as views see them: Unicode code points for text and control characters, and the
 * values below for everything else. They lie past U+10FFFF so the two never meet, and they
 * are ours, not curses' (src/ui/display.c translates), so key handling is testable. */
#ifndef WAR_UI_KEYS_H
#define WAR_UI_KEYS_H

#include <stdbool.h>
#include <stddef.h>

enum {
	WK_TAB = '\t',
	WK_ENTER = '\r',
	WK_ESC = 27,
	WK_SPACE = ' ',
	WK_BASE = 0x110000,
	WK_UP,
	WK_DOWN,
	WK_LEFT,
	WK_RIGHT,
	WK_HOME,
	WK_END,
	WK_PGUP,
	WK_PGDN,
	WK_BACKSPACE,
	WK_DELETE,
	WK_BTAB, /* Shift-Tab */
	WK_F1,
	WK_MOUSE, /* a button-1 press; where is in struct app's mouse fields */
	WK_WHEEL_UP,
	WK_WHEEL_DOWN,
	WK_RESIZE,  /* the terminal changed size */
	WK_TIMEOUT, /* no key within the wait asked for */
	WK_END_OF_KEYS
};

/* Ctrl-letter as the terminal sends it ('a' -> 1). */
int keys_ctrl(char letter);

/* Whether key is text to insert: a printable code point (Tab counts, as spaces). */
bool keys_is_text(int key);

/* A key's name for help and messages ("Up", "Ctrl-L", "Space", "?"), written into buf
 * (at least 16 bytes); returns buf. */
const char *keys_name(int key, char *buf, size_t len);

#endif
