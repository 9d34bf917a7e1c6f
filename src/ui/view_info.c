#include "ui/view_info.h"

#include "ui/app.h"
#include "ui/draw.h"

void view_info_draw(struct view *v, const char *heading, const char *const *paras)
{
	const struct rect *b = &v->app->lay.body;
	int w = b->w - 4 > 76 ? 76 : b->w - 4;
	struct rect text = { b->y + 1, b->x + 2, b->h - 2, w };
	int y = 2;

	draw_clear(b, EL_NORMAL);
	draw_text(&text, 0, 0, EL_HEADING, heading);
	for (; *paras; paras++)
		y += draw_wrapped(&text, y, 0, 0, EL_NORMAL, *paras) + 1;
}

int view_info_key(struct view *v, enum action act, int key)
{
	(void)v;
	(void)act;
	(void)key;
	return UI_UNHANDLED;
}
