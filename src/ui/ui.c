#include "ui/ui.h"

#include <locale.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ui/app.h"
#include "ui/display.h"
#include "ui/draw.h"
#include "ui/frame.h"
#include "ui/keys.h"
#include "util/err.h"
#include "util/xalloc.h"

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
	got_signal = sig;
}

/* SIGHUP (terminal closed), SIGTERM and SIGINT end the session as q does: the loop saves
 * what keys changed, then ui_run() restores the terminal, cancels a sweep in flight
 * (collect_free() ends its calls at once) and releases the lock. Installed before curses
 * starts, so curses keeps them instead of installing its own. No SA_RESTART: a blocked
 * read returns. */
static void catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
}

/* Text is UTF-8 throughout. A terminal whose locale says otherwise (often just LANG unset)
 * gets C.UTF-8 for characters, so wide characters are drawn rather than mangled. */
static void set_locale(void)
{
	setlocale(LC_ALL, "");
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
}

int ui_check(const struct ui_opts *o)
{
	struct theme *t;
	struct wa_err err;

	if (!o->theme)
		return 0;
	err_clear(&err);
	if (theme_load(o->theme, &t, &err)) {
		err_print(&err);
		return EXIT_BAD;
	}
	theme_free(t);
	return 0;
}

static int open_review(struct app *a, const struct ui_opts *o)
{
	struct wa_err err;

	err_clear(&err);
	if (o->demo && session_open_demo(&a->ses, false, &err)) {
		err_print(&err);
		return -1;
	}
	if (!o->demo && o->file && access(o->file, F_OK) != 0) {
		/* Most likely a new user's first try: say how to make one. */
		fprintf(stderr,
		        "wa-review: %s: no such review; create it with 'wa-review new %s' "
		        "or on the Start screen (wa-review without FILE)\n",
		        o->file, o->file);
		return -1;
	}
	if (!o->demo && o->file && session_open(&a->ses, o->file, &err)) {
		err_print(&err);
		return -1;
	}
	if (a->ses.rv)
		app_review_opened(a);
	return 0;
}

struct loop {
	struct app *a;
	struct theme *mono; /* used instead on terminals without colour */
	bool bench;         /* WA_BENCH_FIRST_FRAME: stop after the first frame */
};

static void apply_theme(struct loop *l)
{
	draw_set_theme(display_colors() < 8 ? l->mono : l->a->theme);
}

static void draw_frame(struct loop *l, bool clear_all)
{
	struct app *a = l->a;
	struct view *v;
	int cy = -1, cx = -1;

	display_begin(clear_all);
	if (a->lay.too_small) {
		frame_draw_too_small(a);
		display_end_frame(-1, -1);
		return;
	}
	v = app_focus(a);
	if (a->overlay) {
		struct view *base = a->views[a->current];
		if (base)
			base->ops->draw(base);
	}
	v->ops->draw(v);
	frame_draw(a, &cy, &cx);
	if (cy < 0 && v->ops->cursor && v->ops->cursor(v, &cy, &cx) != 0)
		cy = -1;
	display_end_frame(cy, cx);
}

/* app_paint(): a frame in the middle of a key's work. */
static void paint(void *ctx)
{
	draw_frame(ctx, false);
}

static void resize(struct app *a)
{
	int rows, cols;

	display_size(&rows, &cols);
	app_resize(a, rows, cols);
}

/* Keys are handled as they come; saving and drawing wait until none is pending, so a paste
 * of many characters costs one save and one frame, and a lone key is saved at once. */
static int run(struct loop *l)
{
	struct app *a = l->a;
	int pending = UI_REDRAW | UI_RETHEME;

	for (;;) {
		int key, timeout;

		if (!got_signal)
			pending |= app_tick(a);
		/* Saved before anything else, a signal included: keys already handled count. */
		if (pending & UI_SAVE)
			app_save(a);
		if (got_signal)
			return 0;
		if (pending & UI_RETHEME)
			apply_theme(l);
		if (pending & (UI_REDRAW | UI_SAVE | UI_RETHEME | UI_CLEAR)) {
			draw_frame(l, pending & UI_CLEAR);
			if (l->bench)
				return 0;
		}
		if (pending & UI_QUIT)
			return 0;
		pending = UI_NONE;
		timeout = a->workshop ? timer_next_tick_ms(&a->timer) : -1;
		/* Background work is polled between keys, so the screen never waits for it. */
		if (app_tick_ms(a) >= 0 && (timeout < 0 || app_tick_ms(a) < timeout))
			timeout = app_tick_ms(a);
		key = display_read_key(timeout, &a->mouse_y, &a->mouse_x);
		for (;;) {
			if (got_signal)
				break;
			if (key == WK_RESIZE) {
				resize(a);
				pending |= UI_REDRAW;
			} else if (key == WK_TIMEOUT) {
				if (a->workshop)
					pending |= UI_REDRAW; /* the timer moved on */
				pending |= app_tick(a);
				break;
			} else {
				pending |= app_key(a, key);
			}
			if (pending & UI_QUIT)
				break;
			/* More keys already waiting (a paste)? Handle them before saving. */
			key = display_read_key(0, &a->mouse_y, &a->mouse_x);
		}
	}
}

int ui_run(const struct ui_opts *o)
{
	struct app a;
	struct loop l = { &a, NULL, false };
	struct wa_err err;
	char msg[256], unsaved[1024];
	int sig, rc = EXIT_OK;
	bool lost;

	set_locale();
	app_init(&a, o->qs, &timer_clock_system, o->timebox);
	a.no_color = getenv("NO_COLOR");
	a.offline = o->offline;
	a.targets = o->targets && o->targets->role ? o->targets : NULL;
	a.theme_chosen = o->theme != NULL;
	err_clear(&err);
	if (app_set_theme(&a, theme_choose(o->theme, a.no_color, o->workshop), &err) ||
	    theme_load("mono", &l.mono, &err)) {
		err_print(&err);
		app_free(&a);
		return EXIT_BAD;
	}
	if (open_review(&a, o)) {
		theme_free(l.mono);
		app_free(&a);
		return EXIT_BAD;
	}
	l.bench = getenv("WA_BENCH_FIRST_FRAME") != NULL;
	a.paint = paint;
	a.paint_ctx = &l;
	catch_signals();
	xalloc_set_die_hook(display_end);
	if (display_init(msg, sizeof(msg))) {
		fprintf(stderr, "wa-review: %s\n", msg);
		theme_free(l.mono);
		app_free(&a);
		return EXIT_BAD;
	}
	resize(&a);
	if (o->workshop)
		app_set_workshop(&a, true);
	app_show(&a, a.ses.rv ? VIEW_WALK : VIEW_START);
	if (!a.ses.rv)
		a.msg[0] = '\0';
	run(&l);
	lost = app_finish(&a, unsaved, sizeof(unsaved)) != 0;
	display_end();
	xalloc_set_die_hook(NULL);
	if (lost)
		fprintf(stderr, "wa-review: %s\n", unsaved);
	sig = got_signal;
	theme_free(l.mono);
	app_free(&a); /* cancels a sweep in flight, then releases the edit lock */
	if (sig) {
		/* End the way the signal would have, so a parent sees why. */
		signal(sig, SIG_DFL);
		raise(sig);
	}
	return rc;
}
