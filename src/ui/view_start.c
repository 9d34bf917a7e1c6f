/* The Start screen: create a review, open one by name or from the recent list, pull one
 * from the AWS Well-Architected Tool (src/sync/pull.c, as `wa-review pull` does), or open
 * the demo review (a working copy, so the built-in demo stays as shipped). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/risk.h"
#include "store/recent.h"
#include "store/review_edit.h"
#include "store/review_io.h"
#include "sync/pull.h"
#include "ui/app.h"
#include "ui/draw.h"
#include "ui/pathcomp.h"
#include "report/safe.h"
#include "ui/view.h"
#include "util/xalloc.h"

enum item { ITEM_NEW, ITEM_OPEN, ITEM_DEMO, ITEM_RESET, ITEM_PULL, ITEM_RECENT };
enum { PROMPT_NEW = 1, PROMPT_OPEN, PROMPT_RESET, PROMPT_PULL_ID, PROMPT_PULL_FILE };

struct start {
	struct recent recent;
	char *about[RECENT_MAX]; /* one line on each recent review, or why it cannot be read */
	int cur;
	int top_row;           /* body row of the first item, kept by draw() for clicks */
	struct review *pulled; /* pulled from the Tool, while its file name is asked */
	char pull_said[200];   /* what the pull said, for the status bar once it is open */
};

static const char *const labels[ITEM_RECENT] = {
	[ITEM_NEW] = "New review…",
	[ITEM_OPEN] = "Open a review file…",
	[ITEM_PULL] = "Pull from the Well-Architected Tool… (a workload ID; AWS_REGION, "
	              "AWS_PROFILE)",
	[ITEM_DEMO] = "Demo review: a made-up checkout service, part-way through its review",
	[ITEM_RESET] = "Reset the demo review to the built-in one",
};

static void forget(struct start *s)
{
	for (size_t i = 0; i < s->recent.n; i++) {
		free(s->about[i]);
		s->about[i] = NULL;
	}
	recent_free(&s->recent);
}

/* Reloads the recent list, reading each review for its name and progress. */
static void show(struct view *v)
{
	struct start *s = v->priv;
	char *file = session_recent_path(NULL);

	forget(s);
	if (!file || recent_load(file, &s->recent, NULL) != 0)
		memset(&s->recent, 0, sizeof(s->recent));
	free(file);
	for (size_t i = 0; i < s->recent.n; i++) {
		struct review *rv = NULL;
		struct wa_err err;
		char buf[600];

		err_clear(&err);
		if (review_load(s->recent.paths[i], v->app->qs, &rv, &err) == 0) {
			struct risk_counts c;
			risk_count(v->app->qs, rv, RISK_ALL_AREAS, &c);
			s->about[i] = xasprintf("%s · %zu/%zu answered · %zu high",
			                        rv->wl.name ? rv->wl.name : "(unnamed)", c.answered,
			                        c.total, c.high);
			review_free(rv);
		} else {
			s->about[i] = xasprintf("cannot open: %s", err.msg);
			(void)buf;
		}
	}
	if (s->cur >= ITEM_RECENT + (int)s->recent.n)
		s->cur = 0;
}

static void open_start(struct view *v)
{
	show(v);
}

static void close_start(struct view *v)
{
	struct start *s = v->priv;

	forget(s);
	review_free(s->pulled);
}

/* The recent list starts below a blank row and its heading. */
enum { RECENT_GAP = ITEM_RECENT + 2 };

static int row_of(int i)
{
	return i < ITEM_RECENT ? i : i - ITEM_RECENT + RECENT_GAP;
}

static int count(const struct start *s)
{
	return ITEM_RECENT + (int)s->recent.n;
}

static void draw(struct view *v)
{
	struct start *s = v->priv;
	struct app *a = v->app;
	const struct rect *b = &a->lay.body;
	struct rect in = { b->y, b->x + 2, b->h, b->w - 4 };
	int y = 1;

	draw_clear(b, EL_NORMAL);
	draw_text(&in, y++, 0, EL_HEADING, "AWS Well-Architected Reliability review");
	y += draw_wrapped(&in, y, 0, 0, EL_DIM,
	                  "Open a review, create one, or try the demo. Every change is saved to "
	                  "the review file at once; there is no save key.");
	if (a->ses.rv)
		draw_printf(&in, y, 0, EL_OK, "Open now: %s", a->ses.shown);
	y += 2;
	s->top_row = y;
	draw_text(&in, y + RECENT_GAP - 1, 0, EL_HEADING, "Recent reviews");
	if (s->recent.n == 0)
		draw_text(&in, y + RECENT_GAP, 4, EL_DIM,
		          "(none yet: reviews you open appear here)");
	for (int i = 0; i < count(s); i++) {
		int row = y + row_of(i);
		enum color_el el = i == s->cur ? EL_CURSOR : EL_NORMAL;

		if (row >= in.h)
			break;
		if (i == s->cur)
			draw_fill(&in, row, 0, -1, EL_CURSOR);
		if (i < ITEM_RECENT) {
			static const char keys[ITEM_RECENT] = { 'n', 'o', 'd', ' ', 'p' };
			draw_printf(&in, row, 1, i == s->cur ? EL_CURSOR : EL_HELP_KEY, "%c",
			            keys[i]);
			draw_text(&in, row, 4, el, labels[i]);
		} else {
			size_t k = (size_t)(i - ITEM_RECENT);
			int x = 4 + draw_text(&in, row, 4, el, s->recent.paths[k]);
			draw_printf(&in, row, x, i == s->cur ? EL_CURSOR : EL_DIM, "  %s",
			            s->about[k]);
		}
	}
}

static int opened(struct app *a, bool created)
{
	app_review_opened(a);
	if (created) {
		app_message(a, "Created %s. Describe the workload, then 3 checklist, 4 questions",
		            a->ses.shown);
		return app_show(a, VIEW_WORKLOAD);
	}
	app_message(a, "Opened %s%s", a->ses.shown,
	            a->ses.demo ? " (the demo's working copy)" : "");
	return app_show(a, VIEW_WALK);
}

static int fail(struct app *a, const struct wa_err *err)
{
	char buf[600];

	app_error(a, "%s", err_format(err, buf, sizeof(buf)));
	return UI_REDRAW;
}

static int choose(struct view *v, int i)
{
	struct start *s = v->priv;
	struct app *a = v->app;
	struct wa_err err;

	err_clear(&err);
	switch (i) {
	case ITEM_NEW:
	case ITEM_OPEN:
		app_prompt(a, v, i == ITEM_NEW ? PROMPT_NEW : PROMPT_OPEN,
		           i == ITEM_NEW ? "New review file: " : "Open review file: ",
		           i == ITEM_NEW ? "review.yaml" : "");
		app_prompt_paths(a, PROMPT_PATH);
		return UI_REDRAW;
	case ITEM_PULL:
		if (a->offline) {
			app_error(a, "Offline (--offline): nothing is read from AWS");
			return UI_REDRAW;
		}
		app_prompt(a, v, PROMPT_PULL_ID, "Workload ID in the Well-Architected Tool: ", "");
		return UI_REDRAW;
	case ITEM_DEMO:
		if (session_open_demo(&a->ses, false, &err))
			return fail(a, &err);
		return opened(a, false);
	case ITEM_RESET:
		app_prompt(a, v, PROMPT_RESET, "Reset the demo to the built-in one? [y/N] ", "");
		app_message(a, "Its changes are lost; the copy as it is now stays as demo.yaml~");
		return UI_REDRAW;
	default:
		if (i - ITEM_RECENT >= (int)s->recent.n)
			return UI_NONE;
		if (session_open(&a->ses, s->recent.paths[i - ITEM_RECENT], &err))
			return fail(a, &err);
		return opened(a, false);
	}
}

/* Creates or opens the review the prompt names (~ is the home directory). A file that
 * cannot be had keeps the prompt open, to correct the name. */
static int create_or_open(struct app *a, int id, const char *text)
{
	char *path = pathcomp_expand(text);
	struct wa_err err;
	int rc;

	err_clear(&err);
	rc = id == PROMPT_NEW ? session_create(&a->ses, path, &err)
	                      : session_open(&a->ses, path, &err);
	free(path);
	if (rc) {
		fail(a, &err);
		return UI_REFUSED;
	}
	return opened(a, id == PROMPT_NEW);
}

/* The last line of an engine's account that says something went wrong, else its last. */
static const char *worst_line(const char *text, char *buf, size_t len)
{
	const char *s = text, *pick = NULL, *last = NULL;

	while (*s) {
		size_t n = strcspn(s, "\n");
		if (n) {
			last = s;
			if (strncmp(s, "wa-review:", 10) == 0 && !pick)
				pick = s;
		}
		s += n + (s[n] == '\n');
	}
	pick = pick ? pick : last;
	snprintf(buf, len, "%.*s", pick ? (int)strcspn(pick, "\n") : 0, pick ? pick : "");
	return buf;
}

/* "checkout-service.yaml" from the workload's name: a file name to offer. */
static char *file_for(const struct review *rv)
{
	const char *name = rv->wl.name ? rv->wl.name : "pulled-review";
	char *out = xcalloc(1, strlen(name) + 6);
	size_t n = 0;

	for (const char *p = name; *p && n < 60; p++) {
		char c = *p;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			out[n++] = c;
		else if (c >= 'A' && c <= 'Z')
			out[n++] = (char)(c - 'A' + 'a');
		else if (n && out[n - 1] != '-')
			out[n++] = '-';
	}
	while (n && out[n - 1] == '-')
		n--;
	strcpy(out + n, n ? ".yaml" : "review.yaml");
	return out;
}

/* Reads workload id from the Tool into a new review held until its file is named. */
static int pull(struct view *v, const char *id)
{
	struct start *s = v->priv;
	struct app *a = v->app;
	struct sync_pull_opts o = { 0 };
	struct review *rv = review_new();
	char *text = NULL, *file, line[300];
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	int rc;

	if (!*id || !f) {
		if (f)
			fclose(f);
		free(text);
		review_free(rv);
		return UI_REDRAW;
	}
	app_message(a, "Reading workload %s from the Well-Architected Tool…", id);
	app_paint(a);
	rv->set_id = xstrdup(a->qs->id);
	rv->framework_version = xstrdup_opt(a->qs->framework_version);
	o.workload_id = id;
	o.out = f;
	o.err = f;
	rc = sync_pull(rv, a->qs, &o);
	fclose(f);
	if (rc != SYNC_OK) {
		struct sbuf b = { 0 };
		char *safe;
		worst_line(text, line, sizeof(line));
		safe_text(&b, line, true);
		safe = sbuf_take(&b);
		app_error(a, "Not pulled: %s", safe);
		free(safe);
		free(text);
		review_free(rv);
		return UI_REFUSED; /* the ID stays, to correct it */
	}
	/* "7 answers taken from the Tool", for when the review opens. */
	{
		const char *took = strstr(text, " taken from the Tool\n");
		const char *from = took;
		while (from && from > text && from[-1] != '\n')
			from--;
		snprintf(s->pull_said, sizeof(s->pull_said), "%.*s taken from the Tool",
		         took ? (int)(took - from) : 0, took ? from : "");
	}
	free(text);
	review_free(s->pulled);
	s->pulled = rv;
	file = file_for(rv);
	app_prompt(a, v, PROMPT_PULL_FILE, "Write the pulled review to: ", file);
	app_prompt_paths(a, PROMPT_PATH);
	free(file);
	return UI_REDRAW;
}

/* Writes the pulled review to a new file and opens it. A file that exists, or cannot be
 * written, keeps the prompt open. */
static int write_pulled(struct view *v, const char *text)
{
	struct start *s = v->priv;
	struct app *a = v->app;
	struct review_edit e = { 0 };
	struct wa_err err;
	char *path;
	int rc;

	if (!s->pulled || !*text)
		return UI_REDRAW;
	path = pathcomp_expand(text);
	err_clear(&err);
	/* create takes the review even when it fails: give it a copy, keep ours to retry. */
	rc = review_edit_create(&e, path, a->qs, review_dup(s->pulled), &err) ||
	     review_edit_commit(&e, &err);
	review_edit_close(&e);
	if (!rc)
		rc = session_open(&a->ses, path, &err);
	free(path);
	if (rc) {
		fail(a, &err);
		return UI_REFUSED;
	}
	review_free(s->pulled);
	s->pulled = NULL;
	app_review_opened(a);
	app_message(a, "Pulled %s into %s: %s", a->ses.rv->wl.name ? a->ses.rv->wl.name : "",
	            a->ses.shown, s->pull_said[0] ? s->pull_said : "answers taken from the Tool");
	return app_show(a, VIEW_WALK);
}

static int prompt(struct view *v, int id, const char *text)
{
	struct app *a = v->app;
	struct wa_err err;

	if (!text) {
		if (id == PROMPT_PULL_FILE) {
			struct start *s = v->priv;
			review_free(s->pulled);
			s->pulled = NULL;
			app_message(a, "Pulled review not written");
		}
		return UI_REDRAW;
	}
	err_clear(&err);
	switch (id) {
	case PROMPT_PULL_ID: return pull(v, text);
	case PROMPT_PULL_FILE: return write_pulled(v, text);
	case PROMPT_NEW:
	case PROMPT_OPEN: return *text ? create_or_open(a, id, text) : UI_REDRAW;
	case PROMPT_RESET:
		if (text[0] != 'y' && text[0] != 'Y')
			return UI_REDRAW;
		if (session_open_demo(&a->ses, true, &err))
			return fail(a, &err);
		app_review_opened(a);
		app_message(a, "The demo review is as shipped again");
		return UI_REDRAW;
	}
	return UI_REDRAW;
}

static int key(struct view *v, enum action act, int k)
{
	struct start *s = v->priv;
	struct app *a = v->app;

	(void)k;
	switch (act) {
	case ACT_UP: s->cur = s->cur > 0 ? s->cur - 1 : 0; return UI_REDRAW;
	case ACT_DOWN: s->cur = s->cur < count(s) - 1 ? s->cur + 1 : count(s) - 1; return UI_REDRAW;
	case ACT_HOME: s->cur = 0; return UI_REDRAW;
	case ACT_END: s->cur = count(s) - 1; return UI_REDRAW;
	case ACT_ENTER:
	case ACT_TOGGLE: return choose(v, s->cur);
	case ACT_NEW: return choose(v, ITEM_NEW);
	case ACT_OPEN: return choose(v, ITEM_OPEN);
	case ACT_DEMO: return choose(v, ITEM_DEMO);
	case ACT_PULL: return choose(v, ITEM_PULL);
	case ACT_BACK:
		/* Back to the review that is open, if any. */
		return a->ses.rv ? app_show(a, VIEW_WALK) : UI_NONE;
	case ACT_CLICK: {
		int row = a->mouse_y - a->lay.body.y - s->top_row;
		for (int i = 0; i < count(s); i++)
			if (row_of(i) == row) {
				s->cur = i;
				return UI_REDRAW;
			}
		return UI_NONE;
	}
	default: return UI_UNHANDLED;
	}
}

const struct view_ops view_start_ops = {
	.name = "start",
	.title = "Start",
	.hints = "Enter choose  n new  o open  p pull from the Tool  d demo  7 calculator",
	.keymap = KM_START,
	.private_size = sizeof(struct start),
	.open = open_start,
	.show = show,
	.close = close_start,
	.draw = draw,
	.key = key,
	.prompt = prompt,
};
