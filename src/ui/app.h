/* The wizard's state shared by every view, and everything that happens between a key and a
 * reaction: key lookup, dispatch to the view or overlay, the global actions, the prompt,
 * switching screens, saving. No curses here: tests drive an app with keys and look at the
 * review, the messages and the reaction flags. src/ui/ui.c adds the terminal. */
#ifndef WAR_UI_APP_H
#define WAR_UI_APP_H

#include <stdbool.h>
#include <stddef.h>

#include "model/qset.h"
#include "ui/layout.h"
#include "ui/session.h"
#include "ui/textbuf.h"
#include "ui/theme.h"
#include "ui/timer.h"
#include "ui/undo.h"
#include "ui/view.h"

enum view_id {
	VIEW_START,
	VIEW_WORKLOAD,
	VIEW_CHECKLIST,
	VIEW_WALK,
	VIEW_DASHBOARD,
	VIEW_ROADMAP,
	VIEW_CALC,
	VIEW_TABS, /* the screens above have a tab; the overlays below do not */
	VIEW_HELP = VIEW_TABS,
	VIEW_NOTES,
	VIEW_CONFLICT,   /* both versions of a part changed here and in the file */
	VIEW_COMPONENTS, /* the availability model's components */
	VIEW_PUSH,       /* pushing to the Well-Architected Tool: preview, conflicts, result */
	VIEW_ALL
};

struct collect;
struct evidence;
struct ev_targets;

/* What Tab completes in a prompt. */
enum prompt_paths {
	PROMPT_NO_PATHS,
	PROMPT_PATH,      /* the whole answer is a file name */
	PROMPT_LAST_WORD, /* the word before the cursor is (export's "md FILE") */
};

struct prompt {
	bool active;
	int id; /* the owner's tag for what is asked */
	char label[160];
	struct textbuf tb;
	struct view *owner; /* answered through owner->ops->prompt; NULL: the app's own */
	enum prompt_paths paths;
};

struct app {
	struct session ses;
	const struct qset *qs; /* borrowed */
	struct layout lay;
	bool workshop;
	struct qtimer timer;
	struct theme *theme;          /* owned */
	bool theme_chosen;            /* by --theme or the theme key: workshop keeps it */
	const char *no_color;         /* NO_COLOR's value, or NULL */
	size_t cur_q;                 /* the question the walk shows; the banner and notes use it */
	long cur_bp;                  /* its focused best practice, or -1 */
	struct view *views[VIEW_ALL]; /* opened on first use */
	enum view_id current;
	struct view *overlay; /* help or notes, drawn over the current view; or NULL */
	enum keymap help_map; /* the bindings the help overlay lists */
	struct prompt prompt;
	char msg[512]; /* the status bar's message; "" for the view's hints */
	bool msg_error;
	char saved[32];          /* "saved 14:03:22", or "" before the first save */
	int mouse_y, mouse_x;    /* where the last WK_MOUSE click was */
	struct collect *collect; /* evidence being collected in the background, or NULL */
	bool offline;            /* --offline: never collect; show the stored snapshot only */
	/* --role, --org-unit, --accounts: every collection sweeps those accounts as the role;
	 * NULL: the caller's own account. Borrowed. */
	const struct ev_targets *targets;
	struct undo undo; /* the session's changes, for u and Ctrl-R */
	char did[160];    /* what the change being saved did (app_did()); "" if unsaid */
	bool did_merge;   /* it continues the last step (typing): one undo step */
	/* Draws the screen now, from inside a key's work (a push's progress); set by
	 * src/ui/ui.c, NULL in tests without a terminal. */
	void (*paint)(void *ctx);
	void *paint_ctx;
};

/* Starts an app over qs with a clock for the workshop timer and a time box in seconds
 * (<= 0: the default). Free with app_free(). */
void app_init(struct app *a, const struct qset *qs, const struct ui_clock *clock, long timebox);
void app_free(struct app *a);

/* Loads theme spec (a built-in name or a path) and uses it. Returns 0, or -1 with err and
 * the current theme kept. */
int app_set_theme(struct app *a, const char *spec, struct wa_err *err);

/* Sets the terminal size; recomputes the layout and tells the open views. */
void app_resize(struct app *a, int rows, int cols);

/* Workshop mode on or off: layout, timer and (unless one was chosen) the theme. Returns
 * UI_* flags. */
int app_set_workshop(struct app *a, bool on);

/* Shows screen id, opening it on first use. Screens other than Start need an open review:
 * without one the app stays put and says so. Returns UI_* flags. */
int app_show(struct app *a, enum view_id id);

/* Opens overlay id (help, notes) over the current screen. Returns UI_* flags. */
int app_overlay(struct app *a, enum view_id id);

/* The view the user sees (the overlay when one is open) and its keymap. */
struct view *app_focus(struct app *a);

/* The ops of screen id (static), e.g. for the tab bar's titles. */
const struct view_ops *app_view_ops(enum view_id id);

/* Handles one key (ui/keys.h) end to end. Returns UI_* flags for the main loop. */
int app_key(struct app *a, int key);

/* Saves the review if one is open, first recording the change as an undo step. Changes
 * made to the file meanwhile (an editor, `git pull`) are merged in and named in the status
 * bar; a part changed differently in both places opens a prompt: keep mine, take theirs,
 * or show both. Returns 0, or -1 after putting the error in the status bar, or opening
 * that prompt (the previous save stays on disk). */
int app_save(struct app *a);

/* The session is ending (q, a signal): one last save of what keys changed; when the review
 * still cannot be saved (a conflict left undecided, a full disk), it is written beside the
 * file as FILE.unsaved instead. Returns 0, or -1 with msg the line to print once the
 * terminal is back ("the last changes are in FILE.unsaved: …"). */
int app_finish(struct app *a, char *msg, size_t len);

/* The question the walk is on changed: moves the workshop timer. */
void app_set_question(struct app *a, size_t qi);

/* Asks for a line of text in the status bar; the answer goes to owner->ops->prompt. The
 * prompt keeps every key until Enter or Esc. */
void app_prompt(struct app *a, struct view *owner, int id, const char *label, const char *initial);

/* Lets Tab complete file names (and ~) in the prompt just opened. */
void app_prompt_paths(struct app *a, enum prompt_paths paths);

/* Says what a change to the review just did, in the status bar ("none of these on REL06:
 * every tick cleared") with how to take it back, and names the undo step after it. With
 * merge, a change of the same parts under the same words joins the last step (typing). */
void app_did(struct app *a, bool merge, const char *fmt, ...) ATTR_FORMAT(3, 4);

/* Draws the screen at once (the status bar's message included) while a key's work goes on:
 * the progress of a call to the Well-Architected Tool. Nothing without a terminal. */
void app_paint(struct app *a);

/* Puts a message in the status bar (until the next key). */
void app_message(struct app *a, const char *fmt, ...) ATTR_FORMAT(2, 3);
void app_error(struct app *a, const char *fmt, ...) ATTR_FORMAT(2, 3);

/* A review was opened (or created): views start from its first unanswered question. */
void app_review_opened(struct app *a);

/* The conflict the save is asking about (borrowed from the session's edit), or NULL. */
const struct review_part *app_conflict(const struct app *a);

/* The open review's evidence snapshot (borrowed); NULL when it holds none. */
const struct evidence *app_evidence(struct app *a);

/* Starts collecting evidence in the background for question (NULL: every question) in the
 * workload's Regions; the main loop polls it with app_tick(). Returns UI_* flags; a
 * failure to start (no way to reach AWS) goes to the status bar. */
int app_collect(struct app *a, const char *question);

/* Polls work running in the background: shows its progress, and once the evidence is in,
 * stores it in the review. Returns UI_* flags (UI_NONE when nothing changed). */
int app_tick(struct app *a);

/* How long the main loop may wait for a key before calling app_tick() again, in ms;
 * -1 when nothing runs in the background. */
int app_tick_ms(const struct app *a);

#endif
