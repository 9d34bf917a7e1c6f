#include "ui/keymap.h"

#include <string.h>

#include "ui/keys.h"

/* Order matters only for help: actions are listed in the order of their first binding. */
static const struct keybind table[] = {
	{ KM_GLOBAL, '?', ACT_HELP },
	{ KM_GLOBAL, WK_F1, ACT_HELP },
	{ KM_GLOBAL, 'q', ACT_QUIT },
	{ KM_GLOBAL, 3 /* Ctrl-C */, ACT_QUIT },
	{ KM_GLOBAL, '1', ACT_VIEW_START },
	{ KM_GLOBAL, '2', ACT_VIEW_WORKLOAD },
	{ KM_GLOBAL, '3', ACT_VIEW_CHECKLIST },
	{ KM_GLOBAL, '4', ACT_VIEW_WALK },
	{ KM_GLOBAL, '5', ACT_VIEW_DASHBOARD },
	{ KM_GLOBAL, '6', ACT_VIEW_ROADMAP },
	{ KM_GLOBAL, '7', ACT_VIEW_CALC },
	{ KM_GLOBAL, 'w', ACT_WORKSHOP },
	{ KM_GLOBAL, 't', ACT_THEME },
	{ KM_GLOBAL, 12 /* Ctrl-L */, ACT_REDRAW },
	{ KM_GLOBAL, 'k', ACT_UP },
	{ KM_GLOBAL, WK_UP, ACT_UP },
	{ KM_GLOBAL, WK_WHEEL_UP, ACT_UP },
	{ KM_GLOBAL, 'j', ACT_DOWN },
	{ KM_GLOBAL, WK_DOWN, ACT_DOWN },
	{ KM_GLOBAL, WK_WHEEL_DOWN, ACT_DOWN },
	{ KM_GLOBAL, 'h', ACT_LEFT },
	{ KM_GLOBAL, WK_LEFT, ACT_LEFT },
	{ KM_GLOBAL, 'l', ACT_RIGHT },
	{ KM_GLOBAL, WK_RIGHT, ACT_RIGHT },
	{ KM_GLOBAL, WK_PGUP, ACT_PAGE_UP },
	{ KM_GLOBAL, 2 /* Ctrl-B */, ACT_PAGE_UP },
	{ KM_GLOBAL, WK_PGDN, ACT_PAGE_DOWN },
	{ KM_GLOBAL, 6 /* Ctrl-F */, ACT_PAGE_DOWN },
	{ KM_GLOBAL, WK_HOME, ACT_HOME },
	{ KM_GLOBAL, WK_END, ACT_END },
	{ KM_GLOBAL, WK_TAB, ACT_NEXT_PANE },
	{ KM_GLOBAL, WK_BTAB, ACT_PREV_PANE },
	{ KM_GLOBAL, WK_ENTER, ACT_ENTER },
	{ KM_GLOBAL, WK_ESC, ACT_BACK },
	{ KM_GLOBAL, WK_MOUSE, ACT_CLICK },
	{ KM_GLOBAL, 'X', ACT_EXPORT },
	{ KM_GLOBAL, 'M', ACT_MILESTONE },
	{ KM_GLOBAL, 'u', ACT_UNDO },
	{ KM_GLOBAL, 18 /* Ctrl-R */, ACT_REDO },

	{ KM_START, 'n', ACT_NEW },
	{ KM_START, 'o', ACT_OPEN },
	{ KM_START, 'd', ACT_DEMO },
	{ KM_START, 'p', ACT_PULL },

	{ KM_WORKLOAD, WK_TAB, ACT_FIELD_NEXT },
	{ KM_WORKLOAD, WK_BTAB, ACT_FIELD_PREV },
	{ KM_WORKLOAD, WK_SPACE, ACT_CHOICE_NEXT },
	{ KM_WORKLOAD, WK_RIGHT, ACT_CHOICE_NEXT },
	{ KM_WORKLOAD, WK_LEFT, ACT_CHOICE_PREV },
	{ KM_WORKLOAD, WK_DELETE, ACT_CLEAR },
	{ KM_WORKLOAD, WK_BACKSPACE, ACT_CLEAR },

	{ KM_WORKLOAD, 'c', ACT_COMPONENTS },

	{ KM_CHECKLIST, WK_SPACE, ACT_TOGGLE },

	{ KM_DASHBOARD, 'c', ACT_COMPONENTS },
	{ KM_DASHBOARD, 'P', ACT_PUSH },

	{ KM_PUSH, 'y', ACT_CONFIRM },
	{ KM_PUSH, 'Y', ACT_CONFIRM },
	{ KM_PUSH, 'n', ACT_BACK },
	{ KM_PUSH, 'N', ACT_BACK },
	{ KM_PUSH, WK_ESC, ACT_BACK },
	{ KM_PUSH, 'q', ACT_BACK },
	{ KM_PUSH, 'k', ACT_UP },
	{ KM_PUSH, WK_UP, ACT_UP },
	{ KM_PUSH, 'j', ACT_DOWN },
	{ KM_PUSH, WK_DOWN, ACT_DOWN },
	{ KM_PUSH, WK_PGUP, ACT_PAGE_UP },
	{ KM_PUSH, WK_PGDN, ACT_PAGE_DOWN },
	{ KM_PUSH, WK_SPACE, ACT_PAGE_DOWN },

	{ KM_COMPONENTS, 'a', ACT_ADD },
	{ KM_COMPONENTS, WK_ENTER, ACT_ENTER },
	{ KM_COMPONENTS, 'e', ACT_ENTER },
	{ KM_COMPONENTS, 'd', ACT_REMOVE },
	{ KM_COMPONENTS, WK_DELETE, ACT_REMOVE },
	{ KM_COMPONENTS, WK_ESC, ACT_BACK },

	{ KM_WALK, WK_SPACE, ACT_TOGGLE },
	{ KM_WALK, 'n', ACT_NOTES },
	{ KM_WALK, '/', ACT_SEARCH },
	{ KM_WALK, 'g', ACT_JUMP },
	{ KM_WALK, ']', ACT_NEXT_UNANSWERED },
	{ KM_WALK, '[', ACT_PREV_UNANSWERED },
	{ KM_WALK, 'f', ACT_FLAG },
	{ KM_WALK, 'x', ACT_NOT_APPLICABLE },
	{ KM_WALK, '0', ACT_NONE_OF_THESE },
	{ KM_WALK, 'r', ACT_TIMER_RESET },
	{ KM_WALK, 'e', ACT_EVIDENCE },
	{ KM_WALK, 'E', ACT_EVIDENCE_ALL },
	{ KM_WALK, 'a', ACT_ACCEPT_EVIDENCE },
	{ KM_WALK, 'A', ACT_ACCEPT_ALL },

	{ KM_ROADMAP, 'o', ACT_OWNER },
	{ KM_ROADMAP, 's', ACT_STATUS },
	{ KM_ROADMAP, WK_SPACE, ACT_STATUS },
	{ KM_ROADMAP, 'x', ACT_WONT_DO },
	{ KM_ROADMAP, 'W', ACT_WEEK },
	{ KM_ROADMAP, 'F', ACT_EFFORT },
	{ KM_ROADMAP, 'd', ACT_DIFF },

	{ KM_CALC, WK_TAB, ACT_FIELD_NEXT },
	{ KM_CALC, WK_BTAB, ACT_FIELD_PREV },
	{ KM_CALC, 'c', ACT_CLEAR },
	{ KM_CALC, WK_DELETE, ACT_CLEAR },

	{ KM_HELP, 'k', ACT_UP },
	{ KM_HELP, WK_UP, ACT_UP },
	{ KM_HELP, WK_WHEEL_UP, ACT_UP },
	{ KM_HELP, 'j', ACT_DOWN },
	{ KM_HELP, WK_DOWN, ACT_DOWN },
	{ KM_HELP, WK_WHEEL_DOWN, ACT_DOWN },
	{ KM_HELP, WK_PGUP, ACT_PAGE_UP },
	{ KM_HELP, WK_SPACE, ACT_PAGE_DOWN },
	{ KM_HELP, WK_PGDN, ACT_PAGE_DOWN },
	{ KM_HELP, WK_ESC, ACT_BACK },
	{ KM_HELP, 'q', ACT_BACK },
	{ KM_HELP, '?', ACT_BACK },
	{ KM_HELP, WK_ENTER, ACT_BACK },
	{ KM_HELP, WK_MOUSE, ACT_BACK },

	{ KM_MENU, 'k', ACT_UP },
	{ KM_MENU, WK_UP, ACT_UP },
	{ KM_MENU, 'j', ACT_DOWN },
	{ KM_MENU, WK_DOWN, ACT_DOWN },
	{ KM_MENU, WK_ENTER, ACT_ACCEPT },
	{ KM_MENU, WK_SPACE, ACT_ACCEPT },
	{ KM_MENU, WK_MOUSE, ACT_CLICK },
	{ KM_MENU, '1', ACT_PICK },
	{ KM_MENU, '2', ACT_PICK },
	{ KM_MENU, '3', ACT_PICK },
	{ KM_MENU, '4', ACT_PICK },
	{ KM_MENU, '5', ACT_PICK },
	{ KM_MENU, WK_ESC, ACT_CANCEL },
	{ KM_MENU, 'q', ACT_CANCEL },
	{ KM_MENU, '?', ACT_HELP },

	{ KM_TEXT, WK_BACKSPACE, ACT_BACKSPACE },
	{ KM_TEXT, WK_DELETE, ACT_DELETE },
	{ KM_TEXT, WK_LEFT, ACT_CURSOR_LEFT },
	{ KM_TEXT, WK_RIGHT, ACT_CURSOR_RIGHT },
	{ KM_TEXT, WK_HOME, ACT_LINE_START },
	{ KM_TEXT, 1 /* Ctrl-A */, ACT_LINE_START },
	{ KM_TEXT, WK_END, ACT_LINE_END },
	{ KM_TEXT, 5 /* Ctrl-E */, ACT_LINE_END },
	{ KM_TEXT, 11 /* Ctrl-K */, ACT_KILL_END },
	{ KM_TEXT, 21 /* Ctrl-U */, ACT_KILL_START },

	{ KM_EDIT, WK_ENTER, ACT_NEWLINE },
	{ KM_EDIT, WK_UP, ACT_CURSOR_UP },
	{ KM_EDIT, WK_DOWN, ACT_CURSOR_DOWN },
	{ KM_EDIT, WK_PGUP, ACT_PAGE_UP },
	{ KM_EDIT, WK_PGDN, ACT_PAGE_DOWN },
	{ KM_EDIT, WK_ESC, ACT_DONE },
	{ KM_EDIT, WK_MOUSE, ACT_NONE },

	{ KM_FIELD, WK_ENTER, ACT_ACCEPT },
	{ KM_FIELD, WK_TAB, ACT_ACCEPT_NEXT },
	{ KM_FIELD, WK_DOWN, ACT_ACCEPT_NEXT },
	{ KM_FIELD, WK_BTAB, ACT_ACCEPT_PREV },
	{ KM_FIELD, WK_UP, ACT_ACCEPT_PREV },
	{ KM_FIELD, WK_ESC, ACT_CANCEL },
	{ KM_FIELD, WK_F1, ACT_HELP },

	{ KM_CHOICE, WK_SPACE, ACT_CHOICE_NEXT },
	{ KM_CHOICE, WK_RIGHT, ACT_CHOICE_NEXT },
	{ KM_CHOICE, WK_LEFT, ACT_CHOICE_PREV },
	{ KM_CHOICE, WK_ENTER, ACT_ACCEPT },
	{ KM_CHOICE, WK_TAB, ACT_ACCEPT_NEXT },
	{ KM_CHOICE, WK_DOWN, ACT_ACCEPT_NEXT },
	{ KM_CHOICE, WK_BTAB, ACT_ACCEPT_PREV },
	{ KM_CHOICE, WK_UP, ACT_ACCEPT_PREV },
	{ KM_CHOICE, WK_DELETE, ACT_CLEAR },
	{ KM_CHOICE, WK_BACKSPACE, ACT_CLEAR },
	{ KM_CHOICE, WK_ESC, ACT_CANCEL },
	{ KM_CHOICE, WK_F1, ACT_HELP },

	{ KM_PROMPT, WK_ENTER, ACT_ACCEPT },
	{ KM_PROMPT, WK_TAB, ACT_COMPLETE },
	{ KM_PROMPT, WK_ESC, ACT_CANCEL },
	{ KM_PROMPT, 3 /* Ctrl-C */, ACT_CANCEL },
};

static const char *const titles[KM_COUNT] = {
	[KM_GLOBAL] = "Everywhere",
	[KM_START] = "Start screen",
	[KM_WORKLOAD] = "Workload definition",
	[KM_CHECKLIST] = "Pre-review checklist",
	[KM_WALK] = "Question walk",
	[KM_DASHBOARD] = "Risk dashboard",
	[KM_ROADMAP] = "Improvement roadmap",
	[KM_CALC] = "Availability calculator",
	[KM_HELP] = "Help",
	[KM_MENU] = "Choosing from a list",
	[KM_EDIT] = "Notes editor",
	[KM_FIELD] = "Typing in a field",
	[KM_CHOICE] = "Choosing a field's value",
	[KM_PROMPT] = "Typing in the prompt",
	[KM_TEXT] = "Editing text",
	[KM_COMPONENTS] = "Components",
	[KM_PUSH] = "Pushing to the Well-Architected Tool",
};

bool keymap_takes_text(enum keymap map)
{
	return map == KM_EDIT || map == KM_FIELD || map == KM_PROMPT || map == KM_TEXT;
}

bool keymap_has_globals(enum keymap map)
{
	return !keymap_takes_text(map) && map != KM_HELP && map != KM_MENU && map != KM_CHOICE &&
	       map != KM_PUSH;
}

/* What an unbound letter does in the maps where letters do something. */
static enum action letters(enum keymap map)
{
	return map == KM_TEXT ? ACT_CHAR : map == KM_CHOICE ? ACT_CHOOSE_TYPED : ACT_NONE;
}

static int find(enum keymap map, int key, enum action *act)
{
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (table[i].map == map && table[i].key == key) {
			*act = table[i].act;
			return 0;
		}
	return -1;
}

enum action keymap_lookup(enum keymap map, int key)
{
	enum action act = ACT_NONE;

	if (find(map, key, &act) == 0)
		return act;
	if (keymap_takes_text(map)) {
		/* Every text map edits with the same keys. */
		if (find(KM_TEXT, key, &act) == 0)
			return act;
		map = KM_TEXT;
	}
	if (letters(map) != ACT_NONE)
		return keys_is_text(key) ? letters(map) : ACT_NONE;
	if (keymap_has_globals(map) && find(KM_GLOBAL, key, &act) == 0)
		return act;
	return ACT_NONE;
}

const char *keymap_title(enum keymap map)
{
	return map < KM_COUNT ? titles[map] : "";
}

size_t keymap_help(enum keymap map, struct keymap_help *out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		const struct keybind *b = &table[i];
		struct keymap_help *h = NULL;
		char name[16];
		size_t used;

		/* Mouse and wheel are documented once, in the man page; keys are what help lists.
		 */
		if (b->map != map || b->act == ACT_NONE || b->key == WK_WHEEL_UP ||
		    b->key == WK_WHEEL_DOWN)
			continue;
		for (size_t j = 0; j < n; j++)
			if (out[j].act == b->act)
				h = &out[j];
		if (!h) {
			if (n == max)
				continue;
			h = &out[n++];
			h->act = b->act;
			h->keys[0] = '\0';
		}
		keys_name(b->key, name, sizeof(name));
		used = strlen(h->keys);
		if (used + strlen(name) + 3 < sizeof(h->keys)) {
			if (used)
				strcat(h->keys, ", ");
			strcat(h->keys, name);
		}
	}
	if (letters(map) != ACT_NONE && n < max) {
		/* What letters do is implicit in the table; say so, or the most important key
		 * is missing. */
		memmove(out + 1, out, n * sizeof(*out));
		strcpy(out[0].keys, "letters");
		out[0].act = letters(map);
		n++;
	}
	return n;
}

const struct keybind *keymap_table(size_t *count)
{
	*count = sizeof(table) / sizeof(table[0]);
	return table;
}
