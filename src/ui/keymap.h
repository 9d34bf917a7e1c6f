/* Which key does what where: one table of {keymap, key, action}. The main loop looks keys
 * up here and the help overlay lists the same table, so the two always agree. */
#ifndef WAR_UI_KEYMAP_H
#define WAR_UI_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/action.h"

enum keymap {
	KM_GLOBAL, /* everywhere, unless the screen's own map has the key */
	KM_START,
	KM_WORKLOAD,
	KM_CHECKLIST,
	KM_WALK,
	KM_DASHBOARD,
	KM_ROADMAP,
	KM_CALC,
	KM_HELP,       /* the help overlay */
	KM_MENU,       /* a pop-up list of choices */
	KM_EDIT,       /* the multi-line notes editor */
	KM_FIELD,      /* a form field being typed in */
	KM_CHOICE,     /* a form field with fixed values being chosen */
	KM_PROMPT,     /* the one-line prompt in the status line */
	KM_TEXT,       /* the editing keys every text map above shares (ui/textedit.h) */
	KM_COMPONENTS, /* the components overlay */
	KM_PUSH,       /* the push overlay: preview, confirm */
	KM_COUNT
};

struct keybind {
	enum keymap map;
	int key; /* a code point or WK_* (ui/keys.h) */
	enum action act;
};

/* The action for key in map, falling back to KM_GLOBAL for screens; a text map falls back
 * to KM_TEXT's editing keys instead, and unbound text keys give ACT_CHAR there. ACT_NONE
 * when nothing applies. */
enum action keymap_lookup(enum keymap map, int key);

/* Whether the map is for typing text (global keys do not apply there). */
bool keymap_takes_text(enum keymap map);

/* Whether the global keys (quit, help, the screens' digits) apply in the map: not while
 * typing, nor in a pop-up that must be closed first. */
bool keymap_has_globals(enum keymap map);

/* The map's title for the help overlay ("Question walk"). Static. */
const char *keymap_title(enum keymap map);

/* One line of help: the keys of an action, joined ("j, Down"), and what it does. */
struct keymap_help {
	char keys[48];
	enum action act;
};

/* The help lines of map alone (not the global ones), in table order, one per action.
 * Returns how many were written into out (at most max). */
size_t keymap_help(enum keymap map, struct keymap_help *out, size_t max);

/* The whole table and its length, for tests. */
const struct keybind *keymap_table(size_t *count);

#endif
