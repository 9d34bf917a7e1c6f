/* The components overlay (c on the Risks and Workload screens): the workload's components,
 * one line each as ui/compedit.h writes them, with the figure the availability model gives
 * each and the composite against the target, so the computed availability is known without
 * writing a YAML file. a adds, Enter edits, d removes; every change is saved and undoable. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/avail.h"
#include "ui/app.h"
#include "ui/compedit.h"
#include "ui/draw.h"
#include "ui/view.h"
#include "util/xalloc.h"

enum { PROMPT_ADD = 1, PROMPT_EDIT };

struct components {
	size_t cur;  /* the selected component */
	size_t edit; /* the one PROMPT_EDIT changes */
};

static struct workload *wl_of(struct view *v)
{
	return &v->app->ses.rv->wl;
}

static void draw(struct view *v)
{
	struct components *c = v->priv;
	const struct rect *b = &v->app->lay.body;
	struct rect in = { b->y + 1, b->x + 2, b->h - 2, b->w - 4 };
	const struct workload *wl = wl_of(v);
	struct avail_model m;
	struct wa_err err;
	char fig[32], tgt[32];
	bool built;
	int y = 0;

	draw_clear(b, EL_NORMAL);
	draw_box(b, EL_PANE_TITLE_FOCUS,
	         "Components: a add  Enter edit  d remove  u undo  Esc close");
	err_clear(&err);
	built = avail_model_build(v->app->ses.rv, &m, &err) == 0;
	if (!wl->n_components)
		draw_wrapped(&in, y++, 0, 0, EL_DIM,
		             "No components yet. a adds one: a name, a colon, then its service, "
		             "AZ copies and redundancy, such as 'Web tier: ALB + EC2 Auto Scaling, "
		             "3 AZ, active-active'.");
	for (size_t i = 0; i < wl->n_components && y < in.h - 3; i++, y++) {
		char *line = compedit_format(&wl->components[i]);
		enum color_el el = i == c->cur ? EL_CURSOR : EL_NORMAL;
		int right = 18;

		if (i == c->cur)
			draw_fill(&in, y, 0, in.w, EL_CURSOR);
		draw_text_fit(&in, y, 0, in.w - right - 1, el, line);
		if (built && i < m.n_parts) {
			avail_format(m.parts[i].availability, fig, sizeof(fig));
			draw_printf(&in, y, in.w - right, m.parts[i].spof ? EL_RISK_HIGH : el,
			            "%s%s", fig, m.parts[i].spof ? " SPOF" : "");
		}
		free(line);
	}
	for (size_t i = 0; i < wl->n_external_apis && y < in.h - 3; i++, y++) {
		avail_format(wl->external_apis[i].availability / 100, fig, sizeof(fig));
		draw_printf(&in, y, 0, EL_DIM, "external API %s: %s%s", wl->external_apis[i].name,
		            fig, wl->external_apis[i].not_critical ? ", not critical" : "");
	}
	y = in.h - 2;
	if (!built) {
		draw_text_fit(&in, y, 0, -1, EL_ERROR, err.msg);
	} else if (m.n_parts) {
		avail_format(m.composite, fig, sizeof(fig));
		if (wl->availability >= 0)
			avail_format(wl->availability / 100, tgt, sizeof(tgt));
		draw_printf(&in, y, 0,
		            wl->availability < 0 || m.composite * 100 >= wl->availability
		                    ? EL_HEADING
		                    : EL_RISK_HIGH,
		            "Computed availability %s%s%s", fig,
		            wl->availability >= 0 ? " against the target " : " (no target set)",
		            wl->availability >= 0 ? tgt : "");
	}
	if (built)
		avail_model_clear(&m);
}

/* A line typed for component i (n: a new one). */
static int apply(struct view *v, size_t i, const char *text)
{
	struct app *a = v->app;
	struct components *c = v->priv;
	struct component comp = { 0 };
	char msg[400];
	bool adding = i >= wl_of(v)->n_components;

	if (compedit_parse(text, &comp, msg, sizeof(msg)) ||
	    compedit_set(a->ses.rv, i, &comp, msg, sizeof(msg))) {
		app_error(a, "Not saved: %s", msg);
		return UI_REFUSED;
	}
	c->cur = adding ? wl_of(v)->n_components - 1 : i;
	app_did(a, false, "Component %s %s", wl_of(v)->components[c->cur].name,
	        adding ? "added" : "changed");
	return UI_SAVE | UI_REDRAW;
}

static int prompt(struct view *v, int id, const char *text)
{
	struct components *c = v->priv;

	if (!text)
		return UI_REDRAW;
	return apply(v, id == PROMPT_ADD ? wl_of(v)->n_components : c->edit, text);
}

static int key(struct view *v, enum action act, int k)
{
	struct components *c = v->priv;
	struct app *a = v->app;
	struct workload *wl = wl_of(v);
	char msg[300];

	(void)k;
	switch (act) {
	case ACT_UP: c->cur = c->cur ? c->cur - 1 : 0; return UI_REDRAW;
	case ACT_DOWN:
		if (c->cur + 1 < wl->n_components)
			c->cur++;
		return UI_REDRAW;
	case ACT_ADD:
		app_prompt(a, v, PROMPT_ADD,
		           "New component (name: service, N AZ, redundancy): ", "");
		return UI_REDRAW;
	case ACT_ENTER:
		if (!wl->n_components)
			return UI_NONE;
		{
			char *line = compedit_format(&wl->components[c->cur]);
			c->edit = c->cur;
			app_prompt(a, v, PROMPT_EDIT, "Component: ", line);
			free(line);
		}
		return UI_REDRAW;
	case ACT_REMOVE: {
		char *name;
		if (!wl->n_components)
			return UI_NONE;
		name = xstrdup(wl->components[c->cur].name);
		if (compedit_remove(a->ses.rv, c->cur, msg, sizeof(msg))) {
			app_error(a, "Not removed: %s", msg);
			free(name);
			return UI_REDRAW;
		}
		app_did(a, false, "Component %s removed", name);
		free(name);
		if (c->cur && c->cur >= wl->n_components)
			c->cur--;
		return UI_SAVE | UI_REDRAW;
	}
	case ACT_BACK: return UI_CLOSE;
	default: return UI_UNHANDLED;
	}
}

const struct view_ops view_components_ops = {
	.name = "components",
	.title = "Components",
	.hints = "a add  Enter edit  d remove  u undo  Esc close",
	.keymap = KM_COMPONENTS,
	.private_size = sizeof(struct components),
	.draw = draw,
	.key = key,
	.prompt = prompt,
};
