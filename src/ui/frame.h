/* What surrounds every screen: the title bar, the tabs, workshop mode's banner and
 * participants, the status bar with its prompt, and the message shown instead of all of it
 * when the terminal is too small. */
#ifndef WAR_UI_FRAME_H
#define WAR_UI_FRAME_H

#include "ui/app.h"

/* Draws the frame for a's layout (everything but the body). Sets *cy, *cx to where the
 * terminal cursor goes when the prompt is active, else *cy = -1. */
void frame_draw(struct app *a, int *cy, int *cx);

/* The message for a terminal below 80x24, centred in what there is. */
void frame_draw_too_small(const struct app *a);

#endif
