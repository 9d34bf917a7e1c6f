/* The terminal: start and stop curses, read keys as ui/keys.h codes, and show a frame with
 * one doupdate(). Only this file and draw.c touch curses windows. */
#ifndef WAR_UI_DISPLAY_H
#define WAR_UI_DISPLAY_H

#include <stdbool.h>

#include "ui/curses.h"

/* Starts curses on the terminal (raw keys, no echo, mouse clicks, quick Esc). Returns 0, or
 * -1 with a message in msg when the terminal cannot be used. */
int display_init(char *msg, size_t len);

/* Restores the terminal; safe to call more than once and from the out-of-memory hook. */
void display_end(void);

/* Whether curses is running. */
bool display_active(void);

/* The terminal's size in rows and columns. */
void display_size(int *rows, int *cols);

/* Colours the terminal offers: 0 without colour, 8, 16, 256. */
int display_colors(void);

/* Whether the terminal's own colours can be used (COLOR_DEFAULT); else white on black. */
bool display_default_colors(void);

/* The window every view draws into (through draw.c). */
WINDOW *display_win(void);

/* Starts a frame: clears the window (clear_all: repaint every cell, for Ctrl-L). */
void display_begin(bool clear_all);

/* Ends a frame: puts the cursor at (y, x) or hides it (y < 0) and updates the terminal
 * once. */
void display_end_frame(int y, int x);

/* Waits up to timeout_ms (-1: no limit) for a key. Returns a code point or WK_* key;
 * WK_TIMEOUT when none came (or a signal interrupted the wait); *my, *mx get the place of
 * a WK_MOUSE click. */
int display_read_key(int timeout_ms, int *my, int *mx);

#endif
