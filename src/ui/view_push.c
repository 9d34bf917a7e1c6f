/* The push overlay (P on the Risks screen): pushing the open review to the AWS
 * Well-Architected Tool with the engine `wa-review push` runs (src/sync/push.c). First a
 * dry run lists every call the push would make, and the answers changed in the Tool since
 * the last push or pull with both sides; y then writes (asking first to overwrite those
 * answers, as push --force would), n or Esc changes nothing. The calls run on the main
 * thread: the screen is redrawn with the progress in the status bar ("n of m questions")
 * but takes no keys until they end. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/safe.h"
#include "sync/push.h"
#include "ui/app.h"
#include "ui/draw.h"
#include "ui/view.h"
#include "util/xalloc.h"

enum pv_state {
	PV_PREVIEW,  /* the dry run worked: y writes */
	PV_CONFLICT, /* it did, and answers changed in the Tool: y overwrites them */
	PV_FAILED,   /* the dry run could not read the Tool: nothing to do */
	PV_DONE,     /* the push ran: its account */
};

struct push_view {
	enum pv_state state;
	char **lines; /* the engine's account, made safe for the terminal, one per line */
	size_t n_lines;
	int top;
	struct sync_push_result res;
};

static void forget(struct push_view *p)
{
	for (size_t i = 0; i < p->n_lines; i++)
		free(p->lines[i]);
	free(p->lines);
	p->lines = NULL;
	p->n_lines = 0;
	p->top = 0;
}

/* Keeps text's lines, each made safe (names and notes come from the Tool). */
static void keep(struct push_view *p, const char *text)
{
	const char *s = text;

	while (*s) {
		size_t n = strcspn(s, "\n");
		char *raw = xstrndup(s, n);
		struct sbuf b = { 0 };

		safe_text(&b, raw, true);
		free(raw);
		p->lines = xrealloc(p->lines, (p->n_lines + 1) * sizeof(*p->lines));
		p->lines[p->n_lines++] = sbuf_take(&b);
		s += n + (s[n] == '\n');
	}
}

static void progress(void *ctx, size_t done, size_t total)
{
	struct app *a = ctx;

	app_message(a, "Pushing to the Well-Architected Tool: %zu of %zu questions written", done,
	            total);
	app_paint(a);
}

/* Runs the engine on the open review, its account into p. Returns its SYNC_* result. */
static int run(struct view *v, bool dry_run, bool force)
{
	struct push_view *p = v->priv;
	struct app *a = v->app;
	struct sync_push_opts o = { 0 };
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	int rc;

	if (!f) {
		forget(p);
		keep(p, "wa-review: push: out of memory");
		return SYNC_BAD;
	}
	o.file = a->ses.path;
	o.dry_run = dry_run;
	o.force = force;
	o.out = f;
	o.err = f;
	o.progress = dry_run ? NULL : progress;
	o.ctx = a;
	rc = sync_push(&a->ses.ed, a->qs, &o, &p->res);
	fclose(f);
	forget(p);
	keep(p, text);
	free(text);
	return rc;
}

/* The dry run, as the overlay opens (P has said in the status bar that it reads the Tool). */
static void open_push(struct view *v)
{
	struct push_view *p = v->priv;
	struct app *a = v->app;
	/* Forced, so the preview lists the calls even past the answers changed in the Tool;
	 * the overwrite is asked about before anything is written. */
	int rc = run(v, true, true);

	if (rc == SYNC_BAD) {
		p->state = PV_FAILED;
		app_error(a, "Cannot push: %s", p->n_lines ? p->lines[p->n_lines - 1] : "?");
	} else if (p->res.conflicts) {
		p->state = PV_CONFLICT;
		app_message(a,
		            "%zu answer%s changed in the Tool since the last push or pull: "
		            "overwrite? y/N",
		            p->res.conflicts, p->res.conflicts == 1 ? "" : "s");
	} else {
		p->state = PV_PREVIEW;
		app_message(a, "Preview: %zu answer%s to write. y pushes, n or Esc changes nothing",
		            p->res.to_write, p->res.to_write == 1 ? "" : "s");
	}
}

static void close_push(struct view *v)
{
	forget(v->priv);
}

static const char *title(const struct push_view *p)
{
	switch (p->state) {
	case PV_PREVIEW: return "Push to the Well-Architected Tool: preview (nothing written yet)";
	case PV_CONFLICT: return "Push: answers changed in the Tool since the last push or pull";
	case PV_FAILED: return "Push: the Tool could not be read (nothing written)";
	default: return "Push to the Well-Architected Tool: done";
	}
}

static const char *hint(struct view *v)
{
	const struct push_view *p = v->priv;

	switch (p->state) {
	case PV_PREVIEW: return "y push  n/Esc cancel  j/k scroll";
	case PV_CONFLICT: return "y overwrite them in the Tool  n/Esc cancel  j/k scroll";
	default: return "Esc close  j/k scroll";
	}
}

static void draw(struct view *v)
{
	struct push_view *p = v->priv;
	const struct rect *b = &v->app->lay.body;
	struct rect in = { b->y + 1, b->x + 2, b->h - 2, b->w - 4 };

	draw_clear(b, EL_NORMAL);
	draw_box(b, EL_PANE_TITLE_FOCUS, title(p));
	if (p->top > (int)p->n_lines - 1)
		p->top = p->n_lines ? (int)p->n_lines - 1 : 0;
	/* Whole lines, wrapped: a call's parameters are what the preview is for. */
	for (int i = p->top, y = 0; y < in.h && i < (int)p->n_lines; i++) {
		const char *line = p->lines[i];
		enum color_el el = strstr(line, "changed in the Tool") || strstr(line, "not ")
		                           ? EL_RISK_MEDIUM
		                   : strncmp(line, "wa-review:", 10) == 0 ? EL_ERROR
		                                                          : EL_NORMAL;
		y += draw_wrapped(&in, y, 0, 0, el, line);
	}
}

static int confirm(struct view *v)
{
	struct push_view *p = v->priv;
	struct app *a = v->app;
	bool force = p->state == PV_CONFLICT;
	int rc;

	if (p->state != PV_PREVIEW && p->state != PV_CONFLICT)
		return UI_NONE;
	app_message(a, "Pushing to the Well-Architected Tool…");
	app_paint(a);
	rc = run(v, false, force);
	p->state = PV_DONE;
	if (rc == SYNC_OK)
		app_message(a, "Pushed to the Well-Architected Tool: %zu answer%s written",
		            p->res.to_write, p->res.to_write == 1 ? "" : "s");
	else if (p->res.conflicts && !force)
		app_error(a, "Not pushed: answers changed in the Tool meanwhile; P shows them");
	else
		app_error(a, "Push incomplete: %d call%s failed, %d not pushed; P again carries on",
		          p->res.failed, p->res.failed == 1 ? "" : "s", p->res.skipped);
	/* The link to the workload is saved already (the engine commits through the session's
	 * edit); saving again records the time and merges what the file holds. */
	return UI_SAVE | UI_REDRAW;
}

static int key(struct view *v, enum action act, int k)
{
	struct push_view *p = v->priv;
	int page = v->app->lay.body.h > 4 ? v->app->lay.body.h - 3 : 1;

	(void)k;
	switch (act) {
	case ACT_CONFIRM: return confirm(v);
	case ACT_BACK:
		if (p->state == PV_PREVIEW || p->state == PV_CONFLICT)
			app_message(v->app, "Nothing pushed");
		return UI_CLOSE;
	case ACT_UP: p->top = p->top > 0 ? p->top - 1 : 0; return UI_REDRAW;
	case ACT_DOWN: p->top++; return UI_REDRAW;
	case ACT_PAGE_UP: p->top = p->top > page ? p->top - page : 0; return UI_REDRAW;
	case ACT_PAGE_DOWN: p->top += page; return UI_REDRAW;
	case ACT_HELP: return UI_UNHANDLED;
	default: return UI_NONE;
	}
}

const struct view_ops view_push_ops = {
	.name = "push",
	.title = "Push",
	.hints = "y push  n/Esc cancel  j/k scroll",
	.keymap = KM_PUSH,
	.private_size = sizeof(struct push_view),
	.open = open_push,
	.close = close_push,
	.draw = draw,
	.key = key,
	.hint = hint,
};
