/* Where everything goes on a screen of a given size, computed without a terminal so every
 * size can be tested. Below 80x24 nothing fits: too_small says to show the enlarge message. */
#ifndef WAR_UI_LAYOUT_H
#define WAR_UI_LAYOUT_H

#include <stdbool.h>

enum { LAYOUT_MIN_COLS = 80, LAYOUT_MIN_ROWS = 24 };

/* The question list's width when it shows IDs, flags and risk badges only: the longest
 * area title fits. Wider lists show the questions' titles as well. */
enum { LAYOUT_LIST_COLS = 24 };

struct rect {
	int y, x, h, w; /* h or w 0: not shown */
};

struct layout {
	bool too_small;
	int rows, cols;
	struct rect title;  /* review name and progress */
	struct rect tabs;   /* the screens, by number; not shown in workshop mode */
	struct rect banner; /* workshop mode: large question ID and timer */
	struct rect people; /* workshop mode: the participants */
	struct rect body;   /* the current screen */
	struct rect status; /* messages, prompts, key hints */
	/* The question walk's panes, inside body; each has a title row. */
	struct rect list;
	struct rect main;
	struct rect guide;
	struct rect evid;
};

/* Fills out for a terminal of rows x cols; workshop selects the large layout. */
void layout_compute(int rows, int cols, bool workshop, struct layout *out);

/* Whether (y, x) lies inside r. */
bool layout_contains(const struct rect *r, int y, int x);

/* The first row to show of a list scrolled to top so that row cur is visible in height rows,
 * moving as little as possible. */
int layout_scroll(int top, int cur, int height);

#endif
