#include "ui/app.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/evidence.h"
#include "model/milestone.h"
#include "model/risk.h"
#include "ui/collect.h"
#include "ui/export.h"
#include "ui/keys.h"
#include "ui/pathcomp.h"
#include "ui/textedit.h"
#include "ui/walk.h"
#include "util/clock.h"
#include "util/xalloc.h"

static const struct view_ops *const view_table[VIEW_ALL] = {
	[VIEW_START] = &view_start_ops,         [VIEW_WORKLOAD] = &view_workload_ops,
	[VIEW_CHECKLIST] = &view_checklist_ops, [VIEW_WALK] = &view_walk_ops,
	[VIEW_DASHBOARD] = &view_dashboard_ops, [VIEW_ROADMAP] = &view_roadmap_ops,
	[VIEW_CALC] = &view_calc_ops,           [VIEW_HELP] = &view_help_ops,
	[VIEW_NOTES] = &view_notes_ops,         [VIEW_PUSH] = &view_push_ops,
	[VIEW_CONFLICT] = &view_conflict_ops,   [VIEW_COMPONENTS] = &view_components_ops,
};

/* The app's own prompts (owner NULL). */
enum { PROMPT_QUIT = 1, PROMPT_EXPORT, PROMPT_MILESTONE, PROMPT_CONFLICT };

void app_init(struct app *a, const struct qset *qs, const struct ui_clock *clock, long timebox)
{
	memset(a, 0, sizeof(*a));
	a->qs = qs;
	session_init(&a->ses, qs);
	timer_init(&a->timer, clock, qs->n_questions, timebox);
	a->cur_bp = -1;
	a->current = VIEW_START;
	textbuf_init(&a->prompt.tb, NULL, true);
	layout_compute(LAYOUT_MIN_ROWS, LAYOUT_MIN_COLS, false, &a->lay);
}

static struct view *view_get(struct app *a, enum view_id id)
{
	struct view *v = a->views[id];

	if (v)
		return v;
	v = xcalloc(1, sizeof(*v));
	v->ops = view_table[id];
	v->app = a;
	v->keymap = v->ops->keymap;
	v->priv = xcalloc(1, v->ops->private_size ? v->ops->private_size : 1);
	a->views[id] = v;
	if (v->ops->open)
		v->ops->open(v);
	return v;
}

static void view_free(struct view *v)
{
	if (!v)
		return;
	if (v->ops->close)
		v->ops->close(v);
	free(v->priv);
	free(v);
}

void app_free(struct app *a)
{
	for (int i = 0; i < VIEW_ALL; i++)
		view_free(a->views[i]);
	collect_free(a->collect);
	undo_free(&a->undo);
	session_close(&a->ses);
	timer_free(&a->timer);
	theme_free(a->theme);
	textbuf_free(&a->prompt.tb);
	memset(a, 0, sizeof(*a));
}

static void vmessage(struct app *a, bool error, const char *fmt, va_list ap)
{
	vsnprintf(a->msg, sizeof(a->msg), fmt, ap);
	a->msg_error = error;
}

void app_message(struct app *a, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(a, false, fmt, ap);
	va_end(ap);
}

void app_did(struct app *a, bool merge, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(a->did, sizeof(a->did), fmt, ap);
	va_end(ap);
	a->did_merge = merge;
	app_message(a, "%s (u undoes it)", a->did);
}

void app_error(struct app *a, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(a, true, fmt, ap);
	va_end(ap);
}

int app_set_theme(struct app *a, const char *spec, struct wa_err *err)
{
	struct theme *t;

	if (theme_load(spec, &t, err))
		return -1;
	theme_free(a->theme);
	a->theme = t;
	return 0;
}

void app_resize(struct app *a, int rows, int cols)
{
	layout_compute(rows, cols, a->workshop, &a->lay);
	for (int i = 0; i < VIEW_ALL; i++)
		if (a->views[i] && a->views[i]->ops->resize)
			a->views[i]->ops->resize(a->views[i]);
}

int app_set_workshop(struct app *a, bool on)
{
	int r = UI_REDRAW;

	a->workshop = on;
	timer_switch(&a->timer, a->cur_q);
	timer_run(&a->timer, on);
	app_resize(a, a->lay.rows, a->lay.cols);
	if (!a->theme_chosen) {
		struct wa_err err;
		if (app_set_theme(a, theme_choose(NULL, a->no_color, on), &err) == 0)
			r |= UI_RETHEME;
	}
	app_message(a,
	            on ? "Workshop mode: timer of %ld min a question; w to leave it"
	               : "Workshop mode off",
	            a->timer.timebox / 60);
	return r;
}

void app_set_question(struct app *a, size_t qi)
{
	if (qi >= a->qs->n_questions)
		return;
	if (qi != a->cur_q)
		a->cur_bp = -1;
	a->cur_q = qi;
	timer_switch(&a->timer, qi);
}

void app_review_opened(struct app *a)
{
	long first = walk_unanswered(a->qs, a->ses.rv, a->qs->n_questions - 1, 1);

	app_set_question(a, first >= 0 ? (size_t)first : 0);
	a->cur_bp = -1;
	a->saved[0] = '\0';
	a->did[0] = '\0';
	undo_reset(&a->undo, a->ses.rv);
	/* Evidence collected for the previous review must not land in this one. */
	collect_free(a->collect);
	a->collect = NULL;
	/* Views keep positions, not pointers into the review; let each start afresh. The
	 * calculator keeps what was typed: it is not about any one review. */
	for (int i = VIEW_WORKLOAD; i < VIEW_ALL; i++) {
		if (i == VIEW_CALC)
			continue;
		if (a->views[i] == a->overlay)
			a->overlay = NULL;
		view_free(a->views[i]);
		a->views[i] = NULL;
	}
}

int app_show(struct app *a, enum view_id id)
{
	struct view *v;

	if (id >= VIEW_TABS)
		return UI_NONE;
	/* The calculator is scratch work: it needs no review. */
	if (id != VIEW_START && id != VIEW_CALC && !a->ses.rv) {
		app_error(a, "Open or create a review first: choose one on this Start screen");
		return app_show(a, VIEW_START);
	}
	a->current = id;
	v = view_get(a, id);
	if (v->ops->show)
		v->ops->show(v);
	return UI_REDRAW;
}

int app_overlay(struct app *a, enum view_id id)
{
	if (id < VIEW_TABS || id >= VIEW_ALL)
		return UI_NONE;
	if (id == VIEW_HELP)
		a->help_map = app_focus(a)->keymap;
	/* An overlay starts fresh each time: the notes of another question, help for
	 * another screen. */
	if (a->views[id]) {
		if (a->overlay == a->views[id])
			a->overlay = NULL;
		view_free(a->views[id]);
		a->views[id] = NULL;
	}
	a->overlay = view_get(a, id);
	return UI_REDRAW;
}

void app_paint(struct app *a)
{
	if (a->paint)
		a->paint(a->paint_ctx);
}

const struct view_ops *app_view_ops(enum view_id id)
{
	return view_table[id < VIEW_ALL ? id : VIEW_START];
}

struct view *app_focus(struct app *a)
{
	return a->overlay ? a->overlay : view_get(a, a->current);
}

static void close_overlay(struct app *a)
{
	for (int i = VIEW_TABS; i < VIEW_ALL; i++)
		if (a->views[i] && a->views[i] == a->overlay) {
			view_free(a->views[i]);
			a->views[i] = NULL;
		}
	a->overlay = NULL;
}

const struct review_part *app_conflict(const struct app *a)
{
	return a->ses.rv && a->ses.ed.conflicts.n ? &a->ses.ed.conflicts.v[0] : NULL;
}

/* Asks about the first undecided conflict of the last save. */
static void ask_conflict(struct app *a)
{
	const struct review_part *p = app_conflict(a);
	char name[160], label[sizeof(a->prompt.label)];

	if (!p)
		return;
	if (p->kind == PART_FILE)
		snprintf(label, sizeof(label),
		         "The file was changed outside and no longer reads: write yours over it "
		         "(its text goes to FILE~)? [m]ine, Esc: later ");
	else
		snprintf(
		        label, sizeof(label),
		        "%s was changed in the file too: keep [m]ine, take [t]heirs, show [b]oth? ",
		        review_part_name(p, name, sizeof(name)));
	app_prompt(a, NULL, PROMPT_CONFLICT, label, "");
}

/* The save found the file changed outside: say what came in from it, after what the key
 * did, and where the file's previous text went. */
static void say_outside(struct app *a)
{
	const struct review_edit *ed = &a->ses.ed;
	char names[200], what[400], head[sizeof(a->msg)];

	if (ed->merged.n)
		snprintf(what, sizeof(what), "merged from the file (changed outside): %s",
		         review_parts_names(&ed->merged, names, sizeof(names)));
	else
		snprintf(what, sizeof(what), "the file had changed outside; yours was kept");
	snprintf(head, sizeof(head), "%s", a->msg);
	if (head[0] && !a->msg_error)
		app_message(a, "%s; %s (its previous text: %s~)", head, what, a->ses.shown);
	else
		app_message(a, "Saved: %s (its previous text: %s~)", what, a->ses.shown);
}

int app_save(struct app *a)
{
	struct wa_err err;
	char buf[600];
	time_t now = time(NULL);
	struct tm tm;
	int rc;

	if (!a->ses.rv)
		return 0;
	undo_record(&a->undo, a->ses.rv, a->did[0] ? a->did : NULL, a->did_merge);
	a->did[0] = '\0';
	err_clear(&err);
	rc = session_save(&a->ses, &err);
	/* What came in from the file is where the session starts from, not a step of its. */
	undo_absorb(&a->undo, a->ses.rv, &a->ses.ed.merged);
	if (rc && app_conflict(a)) {
		if (!a->prompt.active)
			ask_conflict(a);
		return -1;
	}
	if (rc) {
		app_error(a, "NOT SAVED: %s", err_format(&err, buf, sizeof(buf)));
		return -1;
	}
	if (a->overlay && a->overlay == a->views[VIEW_CONFLICT])
		close_overlay(a);
	if (a->ses.ed.outside)
		say_outside(a);
	/* The CLI's one-line notice goes to stderr, which the screen hides: say it here once. */
	if (a->ses.ed.dropped)
		app_message(a,
		            "Comments, tags or anchors in %s are not kept; the file as it was is "
		            "in %s~",
		            a->ses.ed.path, a->ses.ed.path);
	localtime_r(&now, &tm);
	strftime(a->saved, sizeof(a->saved), "saved %H:%M:%S", &tm);
	return 0;
}

/* The answer to the conflict prompt. Esc leaves the change unsaved; the next save asks
 * again. */
static int conflict_answer(struct app *a, const char *text)
{
	const struct review_part *p = app_conflict(a);
	int c = text ? text[0] | 0x20 : 0;
	char name[160];

	if (!p)
		return UI_REDRAW;
	review_part_name(p, name, sizeof(name));
	if (!text) {
		if (a->overlay && a->overlay == a->views[VIEW_CONFLICT])
			close_overlay(a);
		app_error(a,
		          "NOT SAVED: %s changed here and in the file; the next change asks "
		          "again",
		          name);
		return UI_REDRAW;
	}
	if (c == 'b' && p->kind != PART_FILE) {
		app_overlay(a, VIEW_CONFLICT);
		ask_conflict(a);
		return UI_REDRAW;
	}
	if (c != 'm' && (c != 't' || p->kind == PART_FILE)) {
		app_error(a, p->kind == PART_FILE
		                     ? "Type m, then Enter (Esc: decide later)"
		                     : "Type m, t or b, then Enter (Esc: decide later)");
		return UI_REFUSED;
	}
	review_edit_decide(&a->ses.ed, p, c == 't');
	app_message(a, c == 't' ? "Took the file's version of %s" : "Kept yours for %s", name);
	app_save(a);
	return UI_REDRAW;
}

int app_finish(struct app *a, char *msg, size_t len)
{
	struct wa_err err;
	char why[600], *kept;

	if (!a->ses.rv || !a->ses.save_failed)
		return 0;
	if (app_save(a) == 0)
		return 0;
	/* The prompt a failed save may open has no one to answer it now. */
	a->prompt.active = false;
	if (app_conflict(a)) {
		char names[300];
		snprintf(why, sizeof(why), "%s changed here and in the file",
		         review_parts_names(&a->ses.ed.conflicts, names, sizeof(names)));
	} else {
		snprintf(why, sizeof(why), "%s", a->msg);
	}
	err_clear(&err);
	kept = session_keep_unsaved(&a->ses, &err);
	if (kept)
		snprintf(msg, len, "the last changes could not be saved to %s (%s); they are in %s",
		         a->ses.path, why, kept);
	else
		snprintf(msg, len, "the last changes could not be saved to %s, nor kept: %s",
		         a->ses.path, err.msg);
	free(kept);
	return -1;
}

void app_prompt(struct app *a, struct view *owner, int id, const char *label, const char *initial)
{
	a->prompt.active = true;
	a->prompt.owner = owner;
	a->prompt.id = id;
	a->prompt.paths = PROMPT_NO_PATHS;
	snprintf(a->prompt.label, sizeof(a->prompt.label), "%s", label);
	textbuf_set(&a->prompt.tb, initial);
}

void app_prompt_paths(struct app *a, enum prompt_paths paths)
{
	a->prompt.paths = paths;
}

static int export(struct app *a, const char *text)
{
	enum report_format fmt;
	struct wa_err err;
	char *path = NULL, buf[600];

	err_clear(&err);
	if (export_parse(text, a->ses.path, &fmt, &path, &err) == 0) {
		char *full = pathcomp_expand(path);
		free(path);
		path = full;
	}
	if (!path || export_write(a->qs, a->ses.rv, a->ses.path, fmt, path, &err)) {
		app_error(a, "Not exported: %s", err_format(&err, buf, sizeof(buf)));
		free(path);
		return UI_REFUSED;
	}
	app_message(a, "Report (%s) written to %s", report_format_name(fmt), path);
	free(path);
	return UI_REDRAW;
}

static int milestone(struct app *a, const char *name)
{
	struct wa_err err;
	char now[32], buf[600];

	err_clear(&err);
	if (milestone_add(a->ses.rv, a->qs, name, clock_iso(clock_now(), now, sizeof(now)), &err)) {
		app_error(a, "No milestone: %s", err_format(&err, buf, sizeof(buf)));
		return UI_REFUSED;
	}
	app_did(a, false, "Milestone '%s' recorded; the roadmap's d shows progress since it", name);
	return UI_SAVE | UI_REDRAW;
}

/* The app's own prompts: quit although the last save failed, export, milestone. */
static int own_prompt(struct app *a, int id, const char *text)
{
	if (id == PROMPT_CONFLICT)
		return conflict_answer(a, text);
	if (!text || !a->ses.rv)
		return UI_REDRAW;
	switch (id) {
	case PROMPT_QUIT: return text[0] == 'y' || text[0] == 'Y' ? UI_QUIT : UI_REDRAW;
	case PROMPT_EXPORT: return export(a, text);
	case PROMPT_MILESTONE: return milestone(a, text);
	}
	return UI_REDRAW;
}

/* Tab in a prompt for a file name: completes the word before the cursor, and lists the
 * choices when there are several. */
static int complete(struct app *a)
{
	struct prompt *p = &a->prompt;
	struct textbuf *tb = &p->tb;
	struct pathcomp pc;
	size_t from = 0, at;
	char *word, *head;

	if (p->paths == PROMPT_NO_PATHS)
		return UI_NONE;
	if (p->paths == PROMPT_LAST_WORD)
		for (size_t i = 0; i < tb->cur; i++)
			if (tb->s[i] == ' ')
				from = i + 1;
	word = xstrndup(tb->s + from, tb->cur - from);
	pathcomp_complete(word, &pc);
	if (pc.n == 0)
		app_error(a, "No file name starts with '%s'", word);
	else if (pc.choices)
		app_message(a, "%s", pc.choices);
	else
		app_message(a, "%s", "");
	/* Put the completed word in place of the typed one; the cursor goes after it. */
	head = xasprintf("%.*s%s", (int)from, tb->s, pc.word);
	{
		char *tail = xstrdup(tb->s + tb->cur);
		textbuf_set(tb, head);
		at = tb->cur;
		textbuf_insert(tb, tail, strlen(tail));
		tb->cur = at;
		free(tail);
	}
	free(head);
	free(word);
	pathcomp_free(&pc);
	return UI_REDRAW;
}

static int prompt_key(struct app *a, enum action act, int key)
{
	struct prompt *p = &a->prompt;
	char *text;
	struct view *owner = p->owner;
	int r;

	switch (act) {
	case ACT_ACCEPT:
	case ACT_CANCEL: break;
	case ACT_COMPLETE: return complete(a);
	default:
		return textedit_key(&p->tb, act, key, 0, 0) == TEXTEDIT_NOT_MINE ? UI_NONE
		                                                                 : UI_REDRAW;
	}
	text = act == ACT_ACCEPT ? xstrdup(p->tb.s) : NULL;
	p->active = false;
	a->msg[0] = '\0';
	a->msg_error = false;
	if (owner && owner->ops->prompt)
		r = owner->ops->prompt(owner, p->id, text);
	else
		r = own_prompt(a, p->id, text);
	/* A refused answer: ask again, with what was typed and the error above it (unless the
	 * answer already opened another prompt). */
	if ((r & UI_REFUSED) && text && !p->active)
		p->active = true;
	free(text);
	return (r & ~UI_REFUSED) | UI_REDRAW;
}

static int quit(struct app *a)
{
	if (a->ses.save_failed) {
		app_prompt(a, NULL, PROMPT_QUIT,
		           "The last change is NOT saved (see above). Quit anyway (it is kept in "
		           "FILE.unsaved)? [y/N] ",
		           "");
		return UI_REDRAW;
	}
	return UI_QUIT;
}

/* u and Ctrl-R: one step back or forward, said in the status bar. */
static int undo_key(struct app *a, bool redo)
{
	struct review_parts skipped = { 0 };
	const char *label;
	char names[200];

	if (!a->ses.rv) {
		app_error(a, "Open or create a review first: choose one on this Start screen");
		return UI_REDRAW;
	}
	label = redo ? undo_redo(&a->undo, a->ses.rv, &skipped)
	             : undo_undo(&a->undo, a->ses.rv, &skipped);
	if (!label) {
		app_error(a, redo ? "Nothing to redo"
		                  : "Nothing to undo: every change since the review was opened is "
		                    "undone");
		return UI_REDRAW;
	}
	if (skipped.n)
		app_message(a, "%s: %s, except %s (changed in the file since)",
		            redo ? "Redone" : "Undone", label,
		            review_parts_names(&skipped, names, sizeof(names)));
	else if (redo)
		app_message(a, "Redone: %s (u undoes it)", label);
	else
		app_message(a, "Undone: %s (Ctrl-R redoes it)", label);
	review_parts_free(&skipped);
	a->did[0] = '\0';
	return UI_SAVE | UI_REDRAW;
}

static int global(struct app *a, enum action act)
{
	struct wa_err err;
	char buf[600];

	switch (act) {
	case ACT_QUIT: return quit(a);
	case ACT_HELP: return app_overlay(a, VIEW_HELP);
	case ACT_VIEW_START:
	case ACT_VIEW_WORKLOAD:
	case ACT_VIEW_CHECKLIST:
	case ACT_VIEW_WALK:
	case ACT_VIEW_DASHBOARD:
	case ACT_VIEW_ROADMAP:
	case ACT_VIEW_CALC:
		close_overlay(a);
		return app_show(a, (enum view_id)(VIEW_START + (act - ACT_VIEW_START)));
	case ACT_WORKSHOP: return app_set_workshop(a, !a->workshop);
	case ACT_THEME: {
		const char *next = theme_next(a->theme ? a->theme->name : NULL);
		err_clear(&err);
		if (app_set_theme(a, next, &err)) {
			app_error(a, "%s", err_format(&err, buf, sizeof(buf)));
			return UI_REDRAW;
		}
		a->theme_chosen = true;
		app_message(a, "Theme: %s (t for the next one)", next);
		return UI_REDRAW | UI_RETHEME;
	}
	case ACT_REDRAW: return UI_REDRAW | UI_CLEAR;
	case ACT_UNDO:
	case ACT_REDO: return undo_key(a, act == ACT_REDO);
	case ACT_EXPORT:
	case ACT_MILESTONE:
		if (!a->ses.rv) {
			app_error(a,
			          "Open or create a review first: choose one on this Start screen");
			return UI_REDRAW;
		}
		if (act == ACT_MILESTONE) {
			app_prompt(a, NULL, PROMPT_MILESTONE, "Milestone name: ", "");
		} else {
			char *initial = export_initial(a->ses.path);
			app_prompt(a, NULL, PROMPT_EXPORT,
			           "Export report (md|json|csv|html) [file]: ", initial);
			app_prompt_paths(a, PROMPT_LAST_WORD);
			free(initial);
		}
		return UI_REDRAW;
	default: return UI_NONE;
	}
}

/* A click on a tab switches screens; anything else goes to the view. */
static int click_tabs(struct app *a)
{
	const struct rect *t = &a->lay.tabs;
	int x = 0;

	if (!layout_contains(t, a->mouse_y, a->mouse_x))
		return -1;
	for (int i = 0; i < VIEW_TABS; i++) {
		/* Same widths as the tab bar draws: " N Title". */
		int w = (int)strlen(view_table[i]->title) + 3;
		if (a->mouse_x >= x && a->mouse_x < x + w) {
			close_overlay(a);
			return app_show(a, (enum view_id)i);
		}
		x += w;
	}
	return UI_NONE;
}

int app_key(struct app *a, int key)
{
	struct view *v;
	enum action act;
	int r;

	if (a->prompt.active)
		return prompt_key(a, keymap_lookup(KM_PROMPT, key), key);
	a->msg[0] = '\0';
	a->msg_error = false;
	if (a->lay.too_small)
		return key == 'q' || key == 3 ? quit(a) : UI_NONE;
	if (key == WK_MOUSE && !a->overlay && (r = click_tabs(a)) >= 0)
		return r;
	v = app_focus(a);
	act = keymap_lookup(v->keymap, key);
	if (act == ACT_NONE)
		return UI_NONE;
	r = v->ops->key(v, act, key);
	if (r & UI_CLOSE) {
		close_overlay(a);
		r = (r & ~UI_CLOSE) | UI_REDRAW;
	}
	if (r & UI_UNHANDLED)
		r = (r & ~UI_UNHANDLED) | global(a, act);
	if (r & UI_REFUSED) /* not from a prompt: the error is the news */
		r = (r & ~UI_REFUSED) | UI_REDRAW;
	return r;
}

const struct evidence *app_evidence(struct app *a)
{
	return a->ses.rv ? a->ses.rv->evidence : NULL;
}

int app_collect(struct app *a, const char *question)
{
	const struct workload *wl = &a->ses.rv->wl;
	struct wa_err err;
	char buf[600];

	if (a->collect) {
		app_message(a, "%s; it goes on in the background",
		            collect_describe(a->collect, buf, sizeof(buf)));
		return UI_REDRAW;
	}
	if (a->offline) {
		app_error(a, "Offline (--offline): no evidence is collected; the pane shows the "
		             "stored snapshot only");
		return UI_REDRAW;
	}
	err_clear(&err);
	if (collect_start(a->qs, question, wl, a->targets, &a->collect, &err)) {
		a->collect = NULL;
		app_error(a, "No evidence: %s", err_format(&err, buf, sizeof(buf)));
		return UI_REDRAW;
	}
	app_message(a, "%s…", collect_describe(a->collect, buf, sizeof(buf)));
	return UI_REDRAW;
}

int app_tick_ms(const struct app *a)
{
	return a->collect ? 100 : -1;
}

/* The sweep is over: keep its findings in the review, or say why there are none. */
static int collected(struct app *a)
{
	struct evidence *ev;
	struct wa_err err;
	size_t n[OUTCOME_FAIL + 1];
	char buf[600], what[64], accts[300];

	err_clear(&err);
	snprintf(what, sizeof(what), "%s",
	         collect_question(a->collect) ? collect_question(a->collect) : "every question");
	ev = collect_take(a->collect, &err);
	collect_accounts(a->collect, accts, sizeof(accts));
	collect_free(a->collect);
	a->collect = NULL;
	if (!ev) {
		app_error(a, "No evidence for %s: %s", what, err_format(&err, buf, sizeof(buf)));
		return UI_REDRAW;
	}
	evidence_store(a->ses.rv, a->qs, ev);
	evidence_count(ev, NULL, n);
	/* with a role, which accounts: those whose role failed show errors, not silence */
	app_message(a, "Evidence for %s: %zu probes, %zu fail, %zu pass, %zu N/A, %zu error%s%s",
	            what, ev->n_findings, n[OUTCOME_FAIL], n[OUTCOME_PASS],
	            n[OUTCOME_NOT_APPLICABLE], n[OUTCOME_ERROR], accts[0] ? "; from " : "", accts);
	evidence_free(ev);
	return UI_SAVE | UI_REDRAW;
}

int app_tick(struct app *a)
{
	char buf[300];

	if (!a->collect)
		return UI_NONE;
	if (collect_finished(a->collect))
		return collected(a);
	/* The progress replaces the status message only while no prompt or error is up. */
	collect_describe(a->collect, buf, sizeof(buf));
	if (a->msg_error || (a->msg[0] && strncmp(a->msg, "Collecting", 10) != 0))
		return UI_NONE;
	if (strncmp(a->msg, buf, strlen(buf)) == 0)
		return UI_NONE;
	app_message(a, "%s…", buf);
	return UI_REDRAW;
}
