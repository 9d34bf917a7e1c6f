/* A screen of the wizard: a struct view the framework allocates, and a static view_ops
 * table in the screen's own file (view_walk.c, …). Views draw through ui/draw.h and answer
 * keys with reaction flags; only the main loop redraws, saves and quits. */
#ifndef WAR_UI_VIEW_H
#define WAR_UI_VIEW_H

#include <stddef.h>

#include "ui/action.h"
#include "ui/keymap.h"

struct app;

/* What a key handler asks the main loop to do; or-ed together. */
enum ui_reaction {
	UI_NONE = 0,
	UI_REDRAW = 1 << 0, /* draw the screen again */
	UI_SAVE = 1 << 1,   /* the review changed: save it now */
	UI_QUIT = 1 << 2,
	UI_UNHANDLED = 1 << 3, /* the view has no use for the action: the app may */
	UI_CLOSE = 1 << 4,     /* an overlay is done */
	UI_RETHEME = 1 << 5,   /* the theme or the mode changed: set the colours again */
	UI_CLEAR = 1 << 6,     /* repaint every cell (Ctrl-L) */
	UI_REFUSED = 1 << 7,   /* a prompt's answer was refused: the prompt stays open with
	                        * what was typed, under the error in the status message */
};

struct view {
	const struct view_ops *ops;
	struct app *app;    /* borrowed: session, layout, messages */
	enum keymap keymap; /* bindings in force now; a view editing text switches it */
	void *priv;         /* ops->private_size bytes, zeroed, freed by the framework */
};

struct view_ops {
	const char *name;   /* "walk": for messages and tests */
	const char *title;  /* "Questions": the tab's label */
	const char *hints;  /* the status bar's key hints when nothing else is shown */
	enum keymap keymap; /* the view's bindings when it opens */
	size_t private_size;
	/* Called once, after priv is allocated and zeroed. May be NULL. */
	void (*open)(struct view *v);
	/* The view is about to be shown (again). May be NULL. */
	void (*show)(struct view *v);
	/* Frees what priv owns (not priv). May be NULL. */
	void (*close)(struct view *v);
	/* Draws the view into app->lay.body (overlays: anywhere). */
	void (*draw)(struct view *v);
	/* Handles act (key is the raw key, for ACT_CHAR and clicks). Returns UI_* flags. */
	int (*key)(struct view *v, enum action act, int key);
	/* The status bar's key hints now, when they depend on what the view is doing; NULL
	 * (or returning NULL): hints. May be NULL. */
	const char *(*hint)(struct view *v);
	/* The layout changed (terminal size or mode). May be NULL. */
	void (*resize)(struct view *v);
	/* The answer to a prompt the view asked with app_prompt(): text, or NULL when
	 * cancelled. Returns UI_* flags; UI_REFUSED (with app_error() saying why) keeps the
	 * prompt open for another try. May be NULL. */
	int (*prompt)(struct view *v, int id, const char *text);
	/* Where the terminal cursor goes while typing: returns 0 with y, x (screen
	 * coordinates), or -1 to hide it. May be NULL (hidden). */
	int (*cursor)(struct view *v, int *y, int *x);
};

/* Every screen, defined in its own file. */
extern const struct view_ops view_start_ops;
extern const struct view_ops view_workload_ops;
extern const struct view_ops view_checklist_ops;
extern const struct view_ops view_walk_ops;
extern const struct view_ops view_dashboard_ops;
extern const struct view_ops view_roadmap_ops;
extern const struct view_ops view_calc_ops;
extern const struct view_ops view_help_ops;
extern const struct view_ops view_notes_ops;
extern const struct view_ops view_conflict_ops;
extern const struct view_ops view_components_ops;
extern const struct view_ops view_push_ops;

#endif
