/* Screens that so far only explain what will come (roadmap, availability calculator) share
 * how they draw and that they take no keys of their own. */
#ifndef WAR_UI_VIEW_INFO_H
#define WAR_UI_VIEW_INFO_H

#include "ui/view.h"

/* Draws a heading and paragraphs (NULL-ended) into the body. */
void view_info_draw(struct view *v, const char *heading, const char *const *paras);

/* Every key is the app's to handle. Returns UI_UNHANDLED. */
int view_info_key(struct view *v, enum action act, int key);

#endif
