/* The key table: one table dispatches keys and generates the help overlay, so these tests
 * check the table itself (no key bound twice in a map, every bound action documented) and
 * that the keys the wizard promises do what they say on every screen. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "ui/action.h"
#include "ui/keymap.h"
#include "ui/keys.h"

static void test_table_consistent(void **state)
{
	size_t n;
	const struct keybind *t = keymap_table(&n);
	(void)state;

	for (size_t i = 0; i < n; i++) {
		if (t[i].act != ACT_NONE && !*action_help(t[i].act))
			fail_msg("action %s has no help text", action_name(t[i].act));
		for (size_t j = i + 1; j < n; j++)
			if (t[i].map == t[j].map && t[i].key == t[j].key)
				fail_msg("key %d bound twice in map %s", t[i].key,
				         keymap_title(t[i].map));
	}
	/* Names are unique, so a future config file can refer to actions by name. */
	for (int a = 1; a < ACT_COUNT; a++)
		assert_int_equal(action_find(action_name((enum action)a)), a);
	assert_int_equal(action_find("no-such-action"), ACT_NONE);
}

static void test_promised_keys(void **state)
{
	(void)state;
	/* The walk: the keys. */
	assert_int_equal(keymap_lookup(KM_WALK, WK_UP), ACT_UP);
	assert_int_equal(keymap_lookup(KM_WALK, 'k'), ACT_UP);
	assert_int_equal(keymap_lookup(KM_WALK, 'j'), ACT_DOWN);
	assert_int_equal(keymap_lookup(KM_WALK, WK_DOWN), ACT_DOWN);
	assert_int_equal(keymap_lookup(KM_WALK, WK_TAB), ACT_NEXT_PANE);
	assert_int_equal(keymap_lookup(KM_WALK, ' '), ACT_TOGGLE);
	assert_int_equal(keymap_lookup(KM_WALK, 'n'), ACT_NOTES);
	assert_int_equal(keymap_lookup(KM_WALK, '/'), ACT_SEARCH);
	assert_int_equal(keymap_lookup(KM_WALK, 'g'), ACT_JUMP);
	assert_int_equal(keymap_lookup(KM_WALK, ']'), ACT_NEXT_UNANSWERED);
	assert_int_equal(keymap_lookup(KM_WALK, '['), ACT_PREV_UNANSWERED);
	assert_int_equal(keymap_lookup(KM_WALK, 'f'), ACT_FLAG);
	assert_int_equal(keymap_lookup(KM_WALK, '?'), ACT_HELP);
	assert_int_equal(keymap_lookup(KM_WALK, 'q'), ACT_QUIT);
	assert_int_equal(keymap_lookup(KM_WALK, 'w'), ACT_WORKSHOP);
	assert_int_equal(keymap_lookup(KM_WALK, WK_MOUSE), ACT_CLICK);
	/* The same key means what the screen says: n is "new" on the Start screen. */
	assert_int_equal(keymap_lookup(KM_START, 'n'), ACT_NEW);
	assert_int_equal(keymap_lookup(KM_DASHBOARD, 'n'), ACT_NONE);
	assert_int_equal(keymap_lookup(KM_CHECKLIST, '4'), ACT_VIEW_WALK);
}

static void test_text_maps_take_text(void **state)
{
	(void)state;
	/* Typing q in the notes must type a q, not quit. */
	assert_int_equal(keymap_lookup(KM_EDIT, 'q'), ACT_CHAR);
	assert_int_equal(keymap_lookup(KM_EDIT, '?'), ACT_CHAR);
	assert_int_equal(keymap_lookup(KM_EDIT, 0xE9), ACT_CHAR);
	assert_int_equal(keymap_lookup(KM_EDIT, 0x1F600), ACT_CHAR);
	assert_int_equal(keymap_lookup(KM_EDIT, WK_ENTER), ACT_NEWLINE);
	assert_int_equal(keymap_lookup(KM_EDIT, WK_ESC), ACT_DONE);
	assert_int_equal(keymap_lookup(KM_FIELD, WK_ENTER), ACT_ACCEPT);
	assert_int_equal(keymap_lookup(KM_FIELD, '1'), ACT_CHAR);
	assert_int_equal(keymap_lookup(KM_PROMPT, 'w'), ACT_CHAR);
	assert_int_equal(keymap_lookup(KM_PROMPT, WK_ESC), ACT_CANCEL);
	assert_int_equal(keymap_lookup(KM_PROMPT, WK_TAB), ACT_COMPLETE);
	/* Every text map edits with the same keys: one handler, ui/textedit.c. */
	for (enum keymap m = KM_EDIT; m <= KM_PROMPT; m++) {
		if (!keymap_takes_text(m))
			continue;
		assert_int_equal(keymap_lookup(m, 21 /* Ctrl-U */), ACT_KILL_START);
		assert_int_equal(keymap_lookup(m, WK_BACKSPACE), ACT_BACKSPACE);
		assert_int_equal(keymap_lookup(m, WK_HOME), ACT_LINE_START);
		assert_int_equal(keymap_lookup(m, 'M'), ACT_CHAR); /* not the milestone key */
		assert_false(keymap_has_globals(m));
	}
	/* Choosing a field's value: letters choose, digits do not switch screens. */
	assert_int_equal(keymap_lookup(KM_CHOICE, 'p'), ACT_CHOOSE_TYPED);
	assert_int_equal(keymap_lookup(KM_CHOICE, '4'), ACT_CHOOSE_TYPED);
	assert_int_equal(keymap_lookup(KM_CHOICE, WK_TAB), ACT_ACCEPT_NEXT);
	assert_int_equal(keymap_lookup(KM_CHOICE, WK_ESC), ACT_CANCEL);
	assert_int_equal(keymap_lookup(KM_CHOICE, WK_F1), ACT_HELP);
	/* Control characters are not text. */
	assert_int_equal(keymap_lookup(KM_EDIT, 7), ACT_NONE);
	assert_int_equal(keymap_lookup(KM_EDIT, WK_F1), ACT_NONE);
	/* Pop-ups ignore global keys until closed. */
	assert_int_equal(keymap_lookup(KM_HELP, '1'), ACT_NONE);
	assert_int_equal(keymap_lookup(KM_HELP, WK_ESC), ACT_BACK);
	assert_int_equal(keymap_lookup(KM_MENU, '2'), ACT_PICK);
	assert_int_equal(keymap_lookup(KM_MENU, 'w'), ACT_NONE);
}

static const struct keymap_help *find(const struct keymap_help *h, size_t n, enum action a)
{
	for (size_t i = 0; i < n; i++)
		if (h[i].act == a)
			return &h[i];
	return NULL;
}

static void test_help_generated(void **state)
{
	struct keymap_help h[64];
	size_t n;
	const struct keymap_help *l;
	(void)state;

	n = keymap_help(KM_WALK, h, 64);
	l = find(h, n, ACT_NOTES);
	assert_non_null(l);
	assert_string_equal(l->keys, "n");
	assert_non_null(find(h, n, ACT_NEXT_UNANSWERED));
	assert_null(find(h, n, ACT_QUIT)); /* global keys are their own section */
	n = keymap_help(KM_GLOBAL, h, 64);
	l = find(h, n, ACT_UP);
	assert_non_null(l);
	assert_string_equal(l->keys, "k, Up"); /* one line per action; the wheel left out */
	l = find(h, n, ACT_QUIT);
	assert_string_equal(l->keys, "q, Ctrl-C");
	/* Every action bound in a map has its help line. */
	for (int m = 0; m < KM_COUNT; m++) {
		size_t count;
		const struct keybind *t = keymap_table(&count);
		n = keymap_help((enum keymap)m, h, 64);
		for (size_t i = 0; i < count; i++)
			if (t[i].map == (enum keymap)m && t[i].act != ACT_NONE &&
			    t[i].key < WK_WHEEL_UP && !find(h, n, t[i].act))
				fail_msg("%s missing from help of %s", action_name(t[i].act),
				         keymap_title((enum keymap)m));
	}
	/* Help on typing says that letters type, and what the editing keys are. */
	n = keymap_help(KM_TEXT, h, 64);
	assert_int_equal(h[0].act, ACT_CHAR);
	assert_string_equal(find(h, n, ACT_KILL_START)->keys, "Ctrl-U");
	n = keymap_help(KM_CHOICE, h, 64);
	assert_int_equal(h[0].act, ACT_CHOOSE_TYPED);
	/* A short output array is respected. */
	assert_int_equal(keymap_help(KM_GLOBAL, h, 3), 3);
}

static void test_key_names(void **state)
{
	char b[16];
	(void)state;

	assert_string_equal(keys_name(WK_UP, b, sizeof(b)), "Up");
	assert_string_equal(keys_name(' ', b, sizeof(b)), "Space");
	assert_string_equal(keys_name(12, b, sizeof(b)), "Ctrl-L");
	assert_string_equal(keys_name(WK_ENTER, b, sizeof(b)), "Enter");
	assert_string_equal(keys_name(']', b, sizeof(b)), "]");
	assert_int_equal(keys_ctrl('l'), 12);
	assert_true(keys_is_text('a'));
	assert_true(keys_is_text(0x65E5));
	assert_false(keys_is_text(0x7f));
	assert_false(keys_is_text(0x9b)); /* C1 control: could start an escape sequence */
	assert_false(keys_is_text(WK_DOWN));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_consistent),    cmocka_unit_test(test_promised_keys),
		cmocka_unit_test(test_text_maps_take_text), cmocka_unit_test(test_help_generated),
		cmocka_unit_test(test_key_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
