/* Draws the evidence pane (ui/evpane.h) into a rectangle of the walk: its title row, then
 * the suggested answers and the findings, scrolled to keep the selection in view; a pane
 * too small for them shows one line that sums them up. */
#ifndef WAR_UI_EVPANE_DRAW_H
#define WAR_UI_EVPANE_DRAW_H

#include <stdbool.h>

#include "ui/evpane.h"
#include "ui/layout.h"

/* What the pane's look depends on besides its data. */
struct evpane_look {
	bool focus;           /* the pane has the keys: show the selection */
	bool offline;         /* --offline: nothing will be collected */
	const char *progress; /* "Collecting evidence for REL08: 3 of 7 calls", or NULL */
	const char *scope;    /* the workload's scope in words, NULL: the whole account */
};

/* Draws p into r (its first row the title), from pos, which it scrolls. */
void evpane_draw(const struct evpane *p, struct evpane_pos *pos, const struct rect *r,
                 const struct evpane_look *look);

#endif
