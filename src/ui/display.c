#include "ui/display.h"

#include <stdio.h>
#include <stdlib.h>

#include "ui/keys.h"

static bool active;
static bool default_colors;
static SCREEN *screen;

int display_init(char *msg, size_t len)
{
	/* newterm, unlike initscr, reports an unknown terminal instead of exiting. */
	screen = newterm(NULL, stdout, stdin);
	if (!screen) {
		const char *term = getenv("TERM");
		snprintf(msg, len,
		         "cannot use the terminal (TERM=%s); set TERM to your "
		         "terminal's type, such as xterm-256color",
		         term ? term : "(unset)");
		return -1;
	}
	active = true;
	raw(); /* every key reaches us, Ctrl-C and Ctrl-S included */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	if (has_colors()) {
		start_color();
		default_colors = use_default_colors() == OK;
	}
	mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
	                  | BUTTON5_PRESSED
#endif
	          ,
	          NULL);
	mouseinterval(0); /* report presses at once instead of waiting for a click */
	curs_set(0);
	return 0;
}

void display_end(void)
{
	if (!active)
		return;
	active = false;
	endwin();
	delscreen(screen);
	screen = NULL;
}

bool display_active(void)
{
	return active;
}

void display_size(int *rows, int *cols)
{
	getmaxyx(stdscr, *rows, *cols);
}

int display_colors(void)
{
	return has_colors() ? COLORS : 0;
}

bool display_default_colors(void)
{
	return default_colors;
}

WINDOW *display_win(void)
{
	return stdscr;
}

void display_begin(bool clear_all)
{
	if (clear_all)
		clearok(curscr, TRUE);
	werase(stdscr);
}

void display_end_frame(int y, int x)
{
	if (y >= 0) {
		wmove(stdscr, y, x);
		curs_set(1);
	} else {
		curs_set(0);
	}
	wnoutrefresh(stdscr);
	doupdate();
}

static int special(wint_t ch, int *my, int *mx)
{
	MEVENT ev;

	switch (ch) {
	case KEY_UP: return WK_UP;
	case KEY_DOWN: return WK_DOWN;
	case KEY_LEFT: return WK_LEFT;
	case KEY_RIGHT: return WK_RIGHT;
	case KEY_HOME: return WK_HOME;
	case KEY_END: return WK_END;
	case KEY_PPAGE: return WK_PGUP;
	case KEY_NPAGE: return WK_PGDN;
	case KEY_BACKSPACE: return WK_BACKSPACE;
	case KEY_DC: return WK_DELETE;
	case KEY_BTAB: return WK_BTAB;
	case KEY_ENTER: return WK_ENTER;
	case KEY_F(1): return WK_F1;
	case KEY_RESIZE: return WK_RESIZE;
	case KEY_MOUSE:
		if (getmouse(&ev) != OK)
			return WK_TIMEOUT;
		*my = ev.y;
		*mx = ev.x;
		if (ev.bstate & BUTTON1_PRESSED)
			return WK_MOUSE;
		if (ev.bstate & BUTTON4_PRESSED)
			return WK_WHEEL_UP;
#ifdef BUTTON5_PRESSED
		if (ev.bstate & BUTTON5_PRESSED)
			return WK_WHEEL_DOWN;
#endif
		return WK_TIMEOUT;
	default: return WK_TIMEOUT; /* a key we have no use for */
	}
}

int display_read_key(int timeout_ms, int *my, int *mx)
{
	wint_t ch;
	int rc;

	wtimeout(stdscr, timeout_ms);
	rc = wget_wch(stdscr, &ch);
	if (rc == ERR)
		return WK_TIMEOUT;
	if (rc == KEY_CODE_YES)
		return special(ch, my, mx);
	if (ch == 127 || ch == 8)
		return WK_BACKSPACE;
	if (ch == '\n')
		return WK_ENTER;
	return (int)ch;
}
