/* Themes: the built-in ones are complete and load; a bad theme file is refused at
 * file:line:column; colours fall back sensibly on 16-, 8- and no-colour terminals; NO_COLOR
 * and --theme pick the theme. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "util/builtin.h"
#include "util/fsio.h"
#include "ui/theme.h"
#include "util/xalloc.h"

static void test_builtins_complete(void **state)
{
	(void)state;
	for (size_t i = 0; theme_builtin_names[i]; i++) {
		char *path = xasprintf("themes/%s.yaml", theme_builtin_names[i]);
		const struct builtin_file *f = builtin_find(path);
		struct theme *t = NULL;
		struct wa_err err;

		assert_non_null(f);
		/* Each lists every element itself, so none silently inherits the dark default. */
		for (int el = 0; el < EL_COUNT; el++) {
			char *key = xasprintf("\n  %s:", color_el_name((enum color_el)el));
			if (!strstr(f->data, key))
				fail_msg("%s does not set %s", path,
				         color_el_name((enum color_el)el));
			free(key);
		}
		err_clear(&err);
		if (theme_load(theme_builtin_names[i], &t, &err))
			fail_msg("%s: %s", path, err.msg);
		assert_string_equal(t->name, theme_builtin_names[i]);
		theme_free(t);
		free(path);
	}
}

static void test_builtin_looks(void **state)
{
	struct theme *t;
	struct wa_err err;
	(void)state;

	assert_int_equal(theme_load("mono", &t, &err), 0);
	/* No colour at all, and the cursor still visible by attributes alone. */
	for (int el = 0; el < EL_COUNT; el++) {
		assert_int_equal(t->el[el].fg, COLOR_DEFAULT);
		assert_int_equal(t->el[el].bg, COLOR_DEFAULT);
	}
	assert_true(t->el[EL_CURSOR].attrs & TA_REVERSE);
	assert_int_not_equal(t->el[EL_TIMER_AMBER].attrs, t->el[EL_TIMER_RED].attrs);
	theme_free(t);
	assert_int_equal(theme_load("high-contrast", &t, &err), 0);
	/* Only the 16 basic colours, so projectors and consoles show the same. */
	for (int el = 0; el < EL_COUNT; el++) {
		assert_true(t->el[el].fg < 16);
		assert_true(t->el[el].bg < 16);
	}
	theme_free(t);
}

struct bad {
	const char *text;
	int line, col;
	const char *says;
};

static void test_bad_files(void **state)
{
	static const struct bad bad[] = {
		{ "name: x\ncolors:\n  titel: {fg: red}\n", 3, 3, "unknown element 'titel'" },
		{ "name: x\ncolors:\n  title: {fg: bluish}\n", 3, 15, "unknown colour 'bluish'" },
		{ "name: x\ncolors:\n  title: {fg: 256}\n", 3, 15, "0 to 255" },
		{ "name: x\ncolors:\n  title: {attrs: [bold, blinking]}\n", 3, 25,
		  "unknown attribute 'blinking'" },
		{ "name: x\ncolors:\n  title: {fg: red, size: 3}\n", 3, 20, "unknown key 'size'" },
		{ "name: x\ncolors:\n  title: red\n", 3, 10, "mapping" },
		{ "name: x\ncolour:\n  title: {}\n", 2, 1, "unknown key 'colour'" },
		{ "colors: {}\n", 1, 1, "missing required key 'name'" },
		{ "name: x\nbase: solarized\ncolors: {}\n", 2, 7, "no built-in theme 'solarized'" },
		{ "name: x\ncolors:\n  title: {fg: red\n", 4, 1, "" },
		{ "", 1, 1, "empty" },
	};
	(void)state;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct theme *t = (struct theme *)1;
		struct wa_err err;

		err_clear(&err);
		if (theme_parse("my.yaml", bad[i].text, strlen(bad[i].text), &t, &err) == 0)
			fail_msg("case %zu accepted", i);
		assert_null(t);
		assert_string_equal(err.where, "my.yaml");
		if (err.line != bad[i].line || err.col != bad[i].col ||
		    !strstr(err.msg, bad[i].says))
			fail_msg("case %zu: got %d:%d %s", i, err.line, err.col, err.msg);
	}
}

static void test_base_and_files(void **state)
{
	char path[] = "/tmp/wa-theme-XXXXXX.yaml";
	const char text[] = "# mine\nname: mine\nbase: light\ncolors:\n"
	                    "  title: {fg: 231, bg: 88, attrs: bold}\n";
	struct theme *t, *light;
	struct wa_err err;
	int fd = mkstemps(path, 5);
	(void)state;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, sizeof(text) - 1), (long)sizeof(text) - 1);
	close(fd);
	assert_int_equal(theme_load(path, &t, &err), 0);
	assert_int_equal(theme_load("light", &light, &err), 0);
	assert_string_equal(t->name, "mine");
	assert_int_equal(t->el[EL_TITLE].bg, 88);
	assert_int_equal(t->el[EL_TITLE].attrs, TA_BOLD);
	/* What the file leaves out comes from its base. */
	assert_memory_equal(&t->el[EL_CURSOR], &light->el[EL_CURSOR], sizeof(struct theme_style));
	theme_free(t);
	theme_free(light);
	unlink(path);
	err_clear(&err);
	assert_int_equal(theme_load(path, &t, &err), -1); /* gone */
	assert_non_null(strstr(err.where, "wa-theme-"));
	err_clear(&err);
	assert_int_equal(theme_load("solarized", &t, &err), -1);
	assert_non_null(strstr(err.msg, "default, light, high-contrast, mono"));
}

static void test_fallback(void **state)
{
	struct theme t;
	struct theme_style s;
	(void)state;

	memset(&t, 0, sizeof(t));
	t.el[EL_TITLE] = (struct theme_style){ 196, 21, TA_UNDERLINE }; /* red on blue */
	t.el[EL_CURSOR] = (struct theme_style){ 9, 12, 0 }; /* bright red on bright blue */
	t.el[EL_DIM] = (struct theme_style){ 236, 234, 0 }; /* two dark greys */
	t.el[EL_OK] = (struct theme_style){ COLOR_DEFAULT, COLOR_DEFAULT, TA_BOLD };
	s = theme_resolve(&t, EL_TITLE, 256);
	assert_int_equal(s.fg, 196);
	s = theme_resolve(&t, EL_TITLE, 16);
	assert_int_equal(s.fg, 9); /* nearest of 16: bright red */
	assert_int_equal(s.bg, 4); /* (0,0,255) is nearer blue (0,0,238) than bright blue */
	s = theme_resolve(&t, EL_TITLE, 8);
	assert_int_equal(s.fg, 1);
	assert_int_equal(s.bg, 4);
	assert_int_equal(s.attrs, TA_UNDERLINE | TA_BOLD); /* bright text becomes bold */
	s = theme_resolve(&t, EL_CURSOR, 8);
	assert_int_equal(s.fg, 1);
	assert_int_equal(s.bg, 4);
	/* Two greys that both become black would hide the text: it is made readable. */
	s = theme_resolve(&t, EL_DIM, 8);
	assert_int_not_equal(s.fg, s.bg);
	s = theme_resolve(&t, EL_OK, 8);
	assert_int_equal(s.fg, COLOR_DEFAULT);
	/* No colour: attributes only. */
	s = theme_resolve(&t, EL_TITLE, 2);
	assert_int_equal(s.fg, COLOR_DEFAULT);
	assert_int_equal(s.bg, COLOR_DEFAULT);
	assert_int_equal(s.attrs, TA_UNDERLINE);
	assert_int_equal(theme_nearest(231, 8), 7); /* white */
	assert_int_equal(theme_nearest(16, 8), 0);  /* black */
	assert_int_equal(theme_nearest(3, 8), 3);   /* already basic */
}

static void test_choose(void **state)
{
	(void)state;
	assert_string_equal(theme_choose(NULL, NULL, false), "default");
	assert_string_equal(theme_choose(NULL, "", false), "default"); /* empty: not set */
	assert_string_equal(theme_choose(NULL, "1", false), "mono");
	assert_string_equal(theme_choose(NULL, "1", true), "mono");
	assert_string_equal(theme_choose(NULL, NULL, true), "high-contrast");
	assert_string_equal(theme_choose("light", "1", true), "light"); /* asked for: wins */
	assert_string_equal(theme_next("default"), "light");
	assert_string_equal(theme_next("mono"), "default");
	assert_string_equal(theme_next("mine"), "default");
	assert_string_equal(color_el_name(EL_BADGE_HIGH), "badge-high");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtins_complete), cmocka_unit_test(test_builtin_looks),
		cmocka_unit_test(test_bad_files),         cmocka_unit_test(test_base_and_files),
		cmocka_unit_test(test_fallback),          cmocka_unit_test(test_choose),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
