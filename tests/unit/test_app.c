/* The wizard without a terminal: keys go in through app_key() exactly as the main loop
 * sends them, and the tests look at what a user relies on: the review (as saved and loaded
 * back), the screen shown, the status message and the reaction flags. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "model/answer.h"
#include "model/checklist.h"
#include "model/risk.h"
#include "model/roadmap_edit.h"
#include "store/qset_load.h"
#include "store/review_io.h"
#include "ui/app.h"
#include "ui/keys.h"
#include "ui/walk.h"
#include "util/fsio.h"
#include "util/xalloc.h"

#include "support/ui_env.h"

static struct qset *qs;
static char dir[] = "/tmp/wa-app-XXXXXX";
static double fake_now;

static double fake(void *ctx)
{
	(void)ctx;
	return fake_now;
}

static const struct ui_clock clock_fake = { fake, NULL };

static int setup(void **state)
{
	(void)state;
	return ui_env_setup(dir, &qs);
}

static int teardown(void **state)
{
	(void)state;
	return ui_env_teardown(dir, qs);
}

/* An app on a new review file, on the question walk, on an 80x24 terminal. */
static void start(struct app *a, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);
	struct wa_err err;

	app_init(a, qs, &clock_fake, 300);
	assert_int_equal(app_set_theme(a, "default", &err), 0);
	app_resize(a, 24, 80);
	assert_int_equal(session_create(&a->ses, path, &err), 0);
	app_review_opened(a);
	app_show(a, VIEW_WALK);
	free(path);
}

/* Feeds keys; saves as the main loop does when a key asks for it. Returns the flags. */
static int keys(struct app *a, const int *k, size_t n)
{
	int all = 0;

	for (size_t i = 0; i < n; i++) {
		int r = app_key(a, k[i]);
		if (r & UI_SAVE)
			assert_int_equal(app_save(a), 0);
		all |= r;
	}
	return all;
}

static int key(struct app *a, int k)
{
	return keys(a, &k, 1);
}

static int type(struct app *a, const char *utf8)
{
	int all = 0;

	for (size_t i = 0; utf8[i];) {
		uint32_t cp;
		const unsigned char *p = (const unsigned char *)utf8 + i;
		size_t n = (p[0] < 0x80) ? 1 : (p[0] < 0xE0) ? 2 : (p[0] < 0xF0) ? 3 : 4;
		cp = n == 1   ? p[0]
		     : n == 2 ? (p[0] & 0x1F)
		     : n == 3 ? (p[0] & 0x0F)
		              : (p[0] & 0x07);
		for (size_t k = 1; k < n; k++)
			cp = (cp << 6) | (p[k] & 0x3F);
		all |= key(a, (int)cp);
		i += n;
	}
	return all;
}

static struct review *reload(struct app *a)
{
	struct review *rv = NULL;
	struct wa_err err;

	err_clear(&err);
	if (review_load(a->ses.path, qs, &rv, &err))
		fail_msg("%s", err.msg);
	return rv;
}

static const char *qid(const struct app *a)
{
	return qs->questions[a->cur_q].id;
}

static void test_answering(void **state)
{
	struct app a;
	struct review *rv;
	const struct answer *ans;
	(void)state;

	start(&a, "answering.yaml");
	assert_string_equal(qid(&a), "REL01"); /* a new review starts at the first question */
	assert_true(key(&a, ' ') & UI_SAVE);   /* tick BP01 */
	assert_int_equal(key(&a, 'j'), UI_REDRAW);
	key(&a, 'j');
	key(&a, ' '); /* tick BP03 */
	key(&a, 'f');
	assert_non_null(strstr(a.msg, "REL01 flagged for follow-up"));
	rv = reload(&a);
	ans = review_find(rv, "REL01");
	assert_non_null(ans);
	assert_int_equal(ans->n_selected, 2);
	assert_string_equal(ans->selected[1], "REL01-BP03");
	assert_true(ans->flagged);
	assert_non_null(ans->updated);
	review_free(rv);
	/* Ticking again unticks. */
	key(&a, ' ');
	rv = reload(&a);
	assert_int_equal(review_find(rv, "REL01")->n_selected, 1);
	review_free(rv);
	/* "0": none of these, which clears the ticks. */
	key(&a, '0');
	rv = reload(&a);
	assert_true(review_find(rv, "REL01")->none_of_these);
	assert_int_equal(review_find(rv, "REL01")->n_selected, 0);
	assert_int_equal(risk_question(&qs->questions[0], review_find(rv, "REL01")), QRISK_HIGH);
	review_free(rv);
	app_free(&a);
}

static void test_not_applicable(void **state)
{
	struct app a;
	struct review *rv;
	(void)state;

	start(&a, "na.yaml");
	key(&a, 'x');
	assert_int_equal(app_focus(&a)->keymap, KM_MENU);
	assert_int_equal(key(&a, 'w'), UI_NONE); /* the menu ignores other keys */
	key(&a, '2');                            /* Business priorities */
	assert_true(a.prompt.active);            /* asks why */
	type(&a, "Not this year — après Q1");
	key(&a, WK_ENTER);
	assert_false(a.prompt.active);
	rv = reload(&a);
	assert_int_equal(review_find(rv, "REL01")->na, NA_BUSINESS_PRIORITIES);
	assert_string_equal(review_find(rv, "REL01")->na_note, "Not this year — après Q1");
	review_free(rv);
	/* Applicable again through the menu's last entry. */
	key(&a, 'x');
	key(&a, 'k');
	key(&a, '5');
	assert_false(a.prompt.active);
	rv = reload(&a);
	/* Nothing is left of the answer, so the file has none. */
	assert_null(review_find(rv, "REL01"));
	review_free(rv);
	/* Esc leaves the menu without a change. */
	key(&a, 'x');
	key(&a, WK_ESC);
	assert_int_equal(app_focus(&a)->keymap, KM_WALK);
	app_free(&a);
}

static void test_notes_editor(void **state)
{
	struct app a;
	struct review *rv;
	const char *note = "Accents é, 日本語, 😀";
	(void)state;

	start(&a, "notes.yaml");
	key(&a, 'n');
	assert_non_null(a.overlay);
	assert_int_equal(app_focus(&a)->keymap, KM_EDIT);
	/* Saved as typed: every keystroke asks for a save. */
	assert_true(type(&a, note) & UI_SAVE);
	key(&a, WK_ENTER);
	type(&a, "line two q?"); /* q and ? are text here */
	key(&a, WK_BACKSPACE);
	rv = reload(&a);
	assert_string_equal(review_find(rv, "REL01")->notes, "Accents é, 日本語, 😀\nline two q");
	review_free(rv);
	key(&a, WK_UP);
	key(&a, 5 /* Ctrl-E */);
	key(&a, WK_BACKSPACE); /* the emoji, whole */
	assert_int_equal(key(&a, WK_ESC) & UI_QUIT, 0);
	assert_null(a.overlay);
	rv = reload(&a);
	assert_string_equal(review_find(rv, "REL01")->notes, "Accents é, 日本語, \nline two q");
	/* Notes alone do not answer the question. */
	assert_false(answer_is_answered(review_find(rv, "REL01")));
	review_free(rv);
	app_free(&a);
}

static void test_navigation(void **state)
{
	struct app a;
	(void)state;

	start(&a, "nav.yaml");
	key(&a, '0'); /* answer REL01 */
	key(&a, ']');
	assert_string_equal(qid(&a), "REL02");
	key(&a, '[');
	assert_string_equal(qid(&a), "REL13"); /* wraps, skipping answered REL01 */
	key(&a, 'g');
	type(&a, "REL10-BP03");
	key(&a, WK_ENTER);
	assert_string_equal(qid(&a), "REL10");
	assert_int_equal(a.cur_bp, 2);
	/* An ID that names nothing: the prompt stays open with the error, keeping its keys. */
	key(&a, 'g');
	type(&a, "REL99");
	key(&a, WK_ENTER);
	assert_true(a.msg_error);
	assert_true(a.prompt.active);
	assert_string_equal(a.prompt.tb.s, "REL99");
	assert_string_equal(qid(&a), "REL10");
	key(&a, WK_BACKSPACE);
	key(&a, WK_BACKSPACE);
	type(&a, "12");
	key(&a, WK_ENTER);
	assert_false(a.prompt.active);
	assert_string_equal(qid(&a), "REL12");
	key(&a, '/');
	type(&a, "chaos engineering");
	key(&a, WK_ENTER);
	assert_non_null(strstr(a.msg, "found in REL12"));
	/* j past the last item goes on to the next question. */
	key(&a, 'g');
	type(&a, "REL01");
	key(&a, WK_ENTER);
	for (size_t i = 0; i < walk_item_count(&qs->questions[0]); i++)
		key(&a, 'j');
	assert_string_equal(qid(&a), "REL02");
	key(&a, 'k');
	assert_string_equal(qid(&a), "REL01");
	/* In the list pane, j and k move by question. */
	key(&a, WK_TAB);
	key(&a, WK_TAB);
	key(&a, WK_TAB);
	key(&a, 'j');
	assert_string_equal(qid(&a), "REL02");
	app_free(&a);
}

static void test_workload_form(void **state)
{
	struct app a;
	struct review *rv;
	int i;
	(void)state;

	start(&a, "form.yaml");
	key(&a, '2');
	assert_int_equal(a.current, VIEW_WORKLOAD);
	/* Availability: the sixth field. A bad value is refused and not saved. */
	for (i = 0; i < 5; i++)
		key(&a, 'j');
	key(&a, WK_ENTER);
	assert_int_equal(app_focus(&a)->keymap, KM_FIELD);
	type(&a, "99.9x");
	assert_int_equal(key(&a, WK_ENTER) & UI_SAVE, 0);
	assert_true(a.msg_error);
	assert_non_null(strstr(a.msg, "not a percentage"));
	assert_int_equal(app_focus(&a)->keymap, KM_FIELD); /* still editing */
	key(&a, WK_BACKSPACE);
	assert_true(key(&a, WK_ENTER) & UI_SAVE);
	assert_int_equal(app_focus(&a)->keymap, KM_WORKLOAD);
	/* RTO through Tab, which accepts and goes on into the next field (RPO), still typing. */
	key(&a, 'j');
	key(&a, WK_ENTER);
	type(&a, "4h");
	assert_true(key(&a, WK_TAB) & UI_SAVE);
	assert_int_equal(app_focus(&a)->keymap, KM_FIELD);
	key(&a, WK_ESC);
	assert_int_equal(app_focus(&a)->keymap, KM_WORKLOAD);
	/* Environment is a choice: Space cycles and saves. */
	for (i = 0; i < 4; i++)
		key(&a, 'k');
	assert_true(key(&a, ' ') & UI_SAVE);
	rv = reload(&a);
	assert_true(rv->wl.availability > 99.89 && rv->wl.availability < 99.91);
	assert_string_equal(rv->wl.rto, "4h");
	assert_string_equal(rv->wl.environment, "production");
	review_free(rv);
	/* Esc throws away what was typed. */
	key(&a, WK_HOME);
	key(&a, WK_ENTER);
	type(&a, " renamed");
	key(&a, WK_ESC);
	assert_string_equal(a.ses.rv->wl.name, "form");
	app_free(&a);
}

static void test_screens_and_modes(void **state)
{
	struct app a;
	struct review *rv;
	(void)state;

	start(&a, "screens.yaml");
	key(&a, '3');
	assert_int_equal(a.current, VIEW_CHECKLIST);
	assert_true(key(&a, ' ') & UI_SAVE);
	rv = reload(&a);
	assert_true(checklist_done(rv, 0));
	review_free(rv);
	key(&a, '5');
	assert_int_equal(a.current, VIEW_DASHBOARD);
	key(&a, 'j');
	key(&a, 'j');
	key(&a, 'j');
	key(&a, WK_ENTER); /* the Failure management area: the walk at its first question */
	assert_int_equal(a.current, VIEW_WALK);
	assert_string_equal(qid(&a), "REL09");
	key(&a, '6');
	assert_int_equal(a.current, VIEW_ROADMAP);
	key(&a, '7');
	assert_int_equal(a.current, VIEW_CALC);
	/* Help lists the screen's keys; it closes with Esc. */
	key(&a, '4');
	key(&a, '?');
	assert_non_null(a.overlay);
	assert_int_equal(a.help_map, KM_WALK);
	assert_int_equal(key(&a, '5'), UI_NONE); /* nothing else until it is closed */
	key(&a, WK_ESC);
	assert_null(a.overlay);
	assert_int_equal(a.current, VIEW_WALK);
	/* Workshop mode: large layout, the workshop theme, a running timer. */
	assert_true(key(&a, 'w') & UI_RETHEME);
	assert_true(a.workshop);
	assert_int_equal(a.lay.banner.h, 3);
	assert_string_equal(a.theme->name, "high-contrast");
	fake_now += 42;
	assert_int_equal(timer_elapsed(&a.timer), 42);
	key(&a, 'r');
	assert_int_equal(timer_elapsed(&a.timer), 0);
	key(&a, 'w');
	assert_string_equal(a.theme->name, "default");
	/* A theme picked by hand stays in workshop mode. */
	key(&a, 't');
	assert_string_equal(a.theme->name, "light");
	key(&a, 'w');
	assert_string_equal(a.theme->name, "light");
	/* Clicking a tab switches screens: the tabs row, "1 Start" from column 0. */
	key(&a, 'w');
	a.mouse_y = a.lay.tabs.y;
	a.mouse_x = 3;
	key(&a, WK_MOUSE);
	assert_int_equal(a.current, VIEW_START);
	/* Too small: only q does anything. */
	app_resize(&a, 20, 60);
	assert_int_equal(key(&a, '4'), UI_NONE);
	assert_int_equal(a.current, VIEW_START);
	assert_int_equal(key(&a, 'q'), UI_QUIT);
	app_resize(&a, 24, 80);
	assert_int_equal(key(&a, 'q'), UI_QUIT);
	app_free(&a);
}

static void test_no_review(void **state)
{
	struct app a;
	struct wa_err err;
	(void)state;

	app_init(&a, qs, &clock_fake, 0);
	assert_int_equal(app_set_theme(&a, "default", &err), 0);
	app_resize(&a, 24, 80);
	app_show(&a, VIEW_START);
	/* Screens that need a review say so and stay on Start. */
	key(&a, '4');
	assert_int_equal(a.current, VIEW_START);
	assert_true(a.msg_error);
	/* The calculator needs none. Tab there goes into the next field, as in the form. */
	key(&a, '7');
	assert_int_equal(a.current, VIEW_CALC);
	assert_false(a.msg_error);
	key(&a, WK_TAB);
	assert_int_equal(app_focus(&a)->keymap, KM_FIELD);
	assert_int_equal(key(&a, '1'), UI_REDRAW); /* typed, not a switch of screens */
	assert_int_equal(a.current, VIEW_CALC);
	key(&a, WK_ESC);
	assert_int_equal(app_focus(&a)->keymap, KM_CALC);
	key(&a, '1');
	/* The demo from the Start screen, then new review via the prompt. */
	key(&a, 'd');
	assert_true(a.ses.demo);
	assert_int_equal(a.current, VIEW_WALK);
	assert_string_equal(qid(&a), "REL08"); /* the demo's first unanswered question */
	key(&a, '1');
	key(&a, 'n');
	assert_true(a.prompt.active);
	key(&a, 21 /* Ctrl-U */);
	{
		char *path = xasprintf("%s/from-start.yaml", dir);
		type(&a, path);
		key(&a, WK_ENTER);
		assert_string_equal(a.ses.path, path);
		free(path);
	}
	assert_false(a.ses.demo);
	assert_int_equal(a.current, VIEW_WORKLOAD); /* a new review starts with its workload */

	app_free(&a);
}

/* Tab goes into the next field, and the form keeps its keys until Enter or Esc: a name
 * typed after Tab is the owner, not a string of hotkeys (M would ask for a milestone). */
static void test_form_typed_after_tab(void **state)
{
	struct app a;
	struct review *rv;
	(void)state;

	start(&a, "tabbed.yaml");
	key(&a, '2');
	key(&a, WK_TAB); /* Description, open for typing */
	assert_int_equal(app_focus(&a)->keymap, KM_FIELD);
	type(&a, "Sells things");
	key(&a, WK_TAB); /* Owner */
	type(&a, "Mei Tanaka");
	assert_false(a.prompt.active);
	key(&a, WK_TAB); /* Environment: chosen by its first letters */
	assert_int_equal(app_focus(&a)->keymap, KM_CHOICE);
	type(&a, "pre");
	key(&a, WK_TAB); /* Business criticality */
	type(&a, "h");
	key(&a, WK_TAB); /* Availability target: a refused value keeps the field open */
	type(&a, "99.9x");
	assert_int_equal(key(&a, WK_TAB) & UI_SAVE, 0);
	assert_true(a.msg_error);
	assert_int_equal(app_focus(&a)->keymap, KM_FIELD);
	key(&a, WK_BACKSPACE);
	assert_true(key(&a, WK_ENTER) & UI_SAVE);
	assert_int_equal(app_focus(&a)->keymap, KM_WORKLOAD);
	assert_int_equal(a.current, VIEW_WORKLOAD);
	rv = reload(&a);
	assert_string_equal(rv->wl.description, "Sells things");
	assert_string_equal(rv->wl.owner, "Mei Tanaka");
	assert_string_equal(rv->wl.environment, "pre-production");
	assert_string_equal(rv->wl.criticality, "high");
	assert_true(rv->wl.availability > 99.89 && rv->wl.availability < 99.91);
	assert_null(rv->milestones);
	review_free(rv);
	/* Esc while choosing keeps the value there was. */
	key(&a, WK_UP);
	key(&a, WK_ENTER);
	key(&a, ' ');
	key(&a, WK_ESC);
	assert_string_equal(a.ses.rv->wl.criticality, "high");
	app_free(&a);
}

/* A refused answer keeps the prompt open with what was typed, the error shown above it, and
 * every key still the prompt's: a digit is typed, not a switch of screens. */
static void test_refused_prompt_stays_open(void **state)
{
	struct app a;
	struct review *rv;
	(void)state;

	start(&a, "refused.yaml");
	key(&a, '0'); /* REL01: none of these, so the roadmap has items */
	key(&a, '6');
	assert_int_equal(a.current, VIEW_ROADMAP);
	key(&a, 'W');
	assert_true(a.prompt.active);
	type(&a, "0");
	assert_int_equal(key(&a, WK_ENTER) & UI_SAVE, 0);
	assert_true(a.prompt.active);
	assert_true(a.msg_error);
	assert_non_null(strstr(a.msg, "week"));
	key(&a, '5'); /* typed into the prompt */
	assert_int_equal(a.current, VIEW_ROADMAP);
	assert_string_equal(a.prompt.tb.s, "05");
	key(&a, 21 /* Ctrl-U */);
	type(&a, "3");
	assert_true(key(&a, WK_ENTER) & UI_SAVE);
	assert_false(a.prompt.active);
	rv = reload(&a);
	assert_int_equal(rv->n_overrides, 1);
	assert_int_equal(rv->overrides[0].week, 3);
	review_free(rv);
	/* A report in a format there is none of: asked again; Esc gives up. */
	key(&a, 'X');
	key(&a, 21);
	type(&a, "pdf out.pdf");
	key(&a, WK_ENTER);
	assert_true(a.prompt.active);
	assert_non_null(strstr(a.msg, "'pdf' is not a format"));
	key(&a, WK_ESC);
	assert_false(a.prompt.active);
	assert_string_equal(a.msg, "");
	/* A milestone name already taken: asked again. */
	key(&a, 'M');
	type(&a, "baseline");
	assert_true(key(&a, WK_ENTER) & UI_SAVE);
	key(&a, 'M');
	type(&a, "baseline");
	key(&a, WK_ENTER);
	assert_true(a.prompt.active);
	assert_true(a.msg_error);
	key(&a, WK_ESC);
	app_free(&a);
}

/* The Open prompt: ~ is the home directory, and Tab completes file names. */
static void test_open_completes_paths(void **state)
{
	struct app a;
	struct wa_err err;
	char *home = xasprintf("%s/home", dir),
	     *old = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;
	char *sub = xasprintf("%s/reviews", home), *file = xasprintf("%s/shop.yaml", sub);
	(void)state;

	assert_int_equal(mkdir(home, 0700), 0);
	assert_int_equal(mkdir(sub, 0700), 0);
	setenv("HOME", home, 1);
	app_init(&a, qs, &clock_fake, 0);
	assert_int_equal(app_set_theme(&a, "default", &err), 0);
	app_resize(&a, 24, 80);
	assert_int_equal(session_create(&a.ses, file, &err), 0);
	session_close(&a.ses);
	session_init(&a.ses, qs);
	app_show(&a, VIEW_START);
	key(&a, 'o');
	type(&a, "~/rev");
	key(&a, WK_TAB);
	assert_string_equal(a.prompt.tb.s, "~/reviews/");
	type(&a, "s");
	key(&a, WK_TAB);
	assert_string_equal(a.prompt.tb.s, "~/reviews/shop.yaml");
	key(&a, WK_ENTER);
	assert_false(a.prompt.active);
	assert_non_null(a.ses.rv);
	assert_string_equal(a.ses.path, file);
	assert_int_equal(a.current, VIEW_WALK);
	/* A file that is not there: the prompt stays, to correct the name. */
	key(&a, '1');
	key(&a, 'o');
	type(&a, "~/reviews/none.yaml");
	key(&a, WK_ENTER);
	assert_true(a.prompt.active);
	assert_true(a.msg_error);
	assert_string_equal(a.ses.path, file); /* the open review stays open */
	key(&a, WK_ESC);
	app_free(&a);
	if (old)
		setenv("HOME", old, 1);
	else
		unsetenv("HOME");
	free(old);
	free(file);
	free(sub);
	free(home);
}

/* u takes back every kind of change, one step at a time, and says what it took back;
 * Ctrl-R makes it again; a new change ends what could be redone. */
static void test_undo_redo(void **state)
{
	struct app a;
	struct review *rv;
	(void)state;

	start(&a, "undo.yaml");
	key(&a, 'u');
	assert_true(a.msg_error);
	assert_non_null(strstr(a.msg, "Nothing to undo"));
	key(&a, ' '); /* tick BP01 */
	key(&a, 'j');
	key(&a, ' '); /* tick BP02 */
	assert_string_equal(a.msg, "REL01-BP02 ticked: in place (u undoes it)");
	/* 0 clears both ticks at once, and says so. */
	key(&a, '0');
	assert_string_equal(a.msg, "None of these on REL01: 2 ticks cleared (u undoes it)");
	assert_true(key(&a, 'u') & UI_SAVE);
	assert_string_equal(a.msg, "Undone: None of these on REL01: 2 ticks cleared "
	                           "(Ctrl-R redoes it)");
	rv = reload(&a);
	assert_false(review_find(rv, "REL01")->none_of_these);
	assert_int_equal(review_find(rv, "REL01")->n_selected, 2);
	review_free(rv);
	key(&a, 18 /* Ctrl-R */);
	assert_non_null(strstr(a.msg, "Redone: None of these on REL01"));
	assert_true(review_find(a.ses.rv, "REL01")->none_of_these);
	key(&a, 'u');
	key(&a, 'u');
	key(&a, 'u');
	assert_null(review_find(a.ses.rv, "REL01"));
	rv = reload(&a);
	assert_null(review_find(rv, "REL01"));
	review_free(rv);
	key(&a, 18);
	assert_int_equal(review_find(a.ses.rv, "REL01")->n_selected, 1);
	/* A new change: what was undone can no longer be redone. */
	key(&a, 'f');
	key(&a, 18);
	assert_non_null(strstr(a.msg, "Nothing to redo"));

	/* Typing a note is one step, however many keys. */
	key(&a, 'n');
	type(&a, "a long note");
	key(&a, WK_ESC);
	assert_string_equal(review_find(a.ses.rv, "REL01")->notes, "a long note");
	key(&a, 'u');
	assert_string_equal(a.msg, "Undone: Notes on REL01 edited (Ctrl-R redoes it)");
	assert_null(review_find(a.ses.rv, "REL01")->notes);
	key(&a, 'u');
	assert_false(review_find(a.ses.rv, "REL01")->flagged);

	/* The workload form and the roadmap too. */
	key(&a, '2');
	key(&a, WK_ENTER);
	key(&a, 21 /* Ctrl-U */);
	type(&a, "Shop");
	key(&a, WK_ENTER);
	assert_string_equal(a.ses.rv->wl.name, "Shop");
	key(&a, 'u');
	assert_string_equal(a.ses.rv->wl.name, "undo");
	rv = reload(&a);
	assert_string_equal(rv->wl.name, "undo");
	review_free(rv);
	app_free(&a);
}

/* Writes rv's text to the app's review file as another program would. */
static void write_outside(struct app *a, struct review *rv)
{
	char *text = review_format(rv, qs);
	struct wa_err err;

	assert_int_equal(fsio_write_atomic(a->ses.path, text, strlen(text), 0600, &err), 0);
	free(text);
}

/* The file changed while the wizard had it open: other answers merge in and say so; the
 * same answer asks, can show both, and goes the way chosen; undo leaves merged parts. */
static void test_outside_changes(void **state)
{
	struct app a;
	struct review *rv;
	char *bak;
	(void)state;

	start(&a, "outside.yaml");
	bak = xasprintf("%s~", a.ses.path);
	key(&a, ' ');
	rv = reload(&a);
	answer_set_notes(review_get(rv, "REL02"), "from git pull");
	write_outside(&a, rv);
	review_free(rv);
	key(&a, 'f');
	assert_non_null(strstr(a.msg, "REL01 flagged for follow-up (u undoes it); merged from "
	                              "the file (changed outside): REL02"));
	assert_non_null(strstr(a.msg, "outside.yaml~"));
	rv = reload(&a);
	assert_string_equal(review_find(rv, "REL02")->notes, "from git pull");
	assert_true(review_find(rv, "REL01")->flagged);
	review_free(rv);
	/* Undo takes back the flag only: the merged note is no step of the session. */
	key(&a, 'u');
	key(&a, 'u');
	assert_null(review_find(a.ses.rv, "REL01"));
	assert_string_equal(review_find(a.ses.rv, "REL02")->notes, "from git pull");

	/* The same answer changed in both places: nothing saved until decided. */
	rv = reload(&a);
	answer_set_notes(review_get(rv, "REL01"), "theirs");
	write_outside(&a, rv);
	review_free(rv);
	assert_int_equal(app_key(&a, 'f') & UI_SAVE, UI_SAVE);
	assert_int_equal(app_save(&a), -1);
	assert_true(a.prompt.active);
	assert_non_null(strstr(a.prompt.label, "REL01 was changed in the file too"));
	type(&a, "b");
	key(&a, WK_ENTER);
	assert_true(a.overlay == a.views[VIEW_CONFLICT]);
	assert_true(a.prompt.active);
	type(&a, "z");
	key(&a, WK_ENTER);
	assert_true(a.msg_error);
	assert_true(a.prompt.active);
	key(&a, 21 /* Ctrl-U */);
	type(&a, "t");
	key(&a, WK_ENTER);
	assert_false(a.prompt.active);
	assert_null(a.overlay);
	assert_non_null(strstr(a.msg, "Took the file's version of REL01"));
	rv = reload(&a);
	assert_string_equal(review_find(rv, "REL01")->notes, "theirs");
	assert_false(review_find(rv, "REL01")->flagged);
	review_free(rv);

	/* Mine, the next time: the file gets ours, its version stays in FILE~. */
	rv = reload(&a);
	answer_set_notes(review_get(rv, "REL01"), "theirs again");
	write_outside(&a, rv);
	review_free(rv);
	app_key(&a, 'f');
	assert_int_equal(app_save(&a), -1);
	type(&a, "m");
	key(&a, WK_ENTER);
	assert_non_null(strstr(a.msg, "Kept yours for REL01"));
	rv = reload(&a);
	assert_string_equal(review_find(rv, "REL01")->notes, "theirs");
	assert_true(review_find(rv, "REL01")->flagged);
	review_free(rv);
	rv = NULL;
	{
		struct wa_err err;
		assert_int_equal(review_load(bak, qs, &rv, &err), 0);
		assert_string_equal(review_find(rv, "REL01")->notes, "theirs again");
		review_free(rv);
	}
	free(bak);

	/* Ending with a conflict still undecided (q answered y, a signal): nothing of the
	 * session's is dropped: it goes to FILE.unsaved, the file stays the editor's. */
	rv = reload(&a);
	answer_set_notes(review_get(rv, "REL01"), "theirs at the end");
	write_outside(&a, rv);
	review_free(rv);
	app_key(&a, 'f');
	assert_int_equal(app_save(&a), -1);
	{
		char msg[1024], *unsaved = xasprintf("%s.unsaved", a.ses.path);
		struct wa_err err;
		assert_int_equal(app_finish(&a, msg, sizeof(msg)), -1);
		assert_non_null(strstr(msg, "REL01 changed here and in the file"));
		assert_non_null(strstr(msg, unsaved));
		assert_int_equal(review_load(unsaved, qs, &rv, &err), 0);
		assert_false(review_find(rv, "REL01")->flagged);
		assert_string_equal(review_find(rv, "REL01")->notes, "theirs");
		review_free(rv);
		rv = reload(&a);
		assert_string_equal(review_find(rv, "REL01")->notes, "theirs at the end");
		review_free(rv);
		free(unsaved);
	}
	app_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_answering),
		cmocka_unit_test(test_not_applicable),
		cmocka_unit_test(test_notes_editor),
		cmocka_unit_test(test_navigation),
		cmocka_unit_test(test_workload_form),
		cmocka_unit_test(test_screens_and_modes),
		cmocka_unit_test(test_no_review),
		cmocka_unit_test(test_form_typed_after_tab),
		cmocka_unit_test(test_refused_prompt_stays_open),
		cmocka_unit_test(test_open_completes_paths),
		cmocka_unit_test(test_undo_redo),
		cmocka_unit_test(test_outside_changes),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
