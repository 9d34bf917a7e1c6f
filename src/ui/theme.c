#include "ui/theme.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util/builtin.h"
#include "util/fsio.h"
#include "store/ydoc.h"
#include "util/xalloc.h"

#define COLOR_EL_NAME(id, name, what) name,
static const char *const el_names[] = { COLOR_EL_INFO(COLOR_EL_NAME) };
#undef COLOR_EL_NAME

const char *const theme_builtin_names[] = { "default", "light", "high-contrast", "mono", NULL };

/* Bases name other themes; deeper chains than this are a loop. */
#define MAX_BASE_DEPTH 4

static const char *const color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

static const struct {
	const char *name;
	enum theme_attr bit;
} attr_names[] = {
	{ "bold", TA_BOLD },       { "dim", TA_DIM },       { "underline", TA_UNDERLINE },
	{ "reverse", TA_REVERSE }, { "italic", TA_ITALIC }, { "standout", TA_STANDOUT },
};

const char *color_el_name(enum color_el el)
{
	return el < EL_COUNT ? el_names[el] : "";
}

void theme_free(struct theme *t)
{
	if (!t)
		return;
	free(t->name);
	free(t->description);
	free(t->source);
	free(t);
}

static const char *scalar(const yaml_node_t *n)
{
	return (const char *)n->data.scalar.value;
}

/* "red", "bright-red", "default" or 0-255. */
static int parse_color(struct ydoc *d, yaml_node_t *n, short *out, struct wa_err *err)
{
	const char *s;

	if (n->type != YAML_SCALAR_NODE)
		return ydoc_fail(d, n, err, "a colour is a name or a number 0-255");
	s = scalar(n);
	if (strcmp(s, "default") == 0) {
		*out = COLOR_DEFAULT;
		return 0;
	}
	if (isdigit((unsigned char)s[0])) {
		char *end;
		long v = strtol(s, &end, 10);
		if (*end || v > 255)
			return ydoc_fail(d, n, err, "colour '%s': numbers go from 0 to 255", s);
		*out = (short)v;
		return 0;
	}
	for (short i = 0; i < 8; i++) {
		if (strcmp(s, color_names[i]) == 0) {
			*out = i;
			return 0;
		}
		if (strncmp(s, "bright-", 7) == 0 && strcmp(s + 7, color_names[i]) == 0) {
			*out = (short)(i + 8);
			return 0;
		}
	}
	return ydoc_fail(d, n, err,
	                 "unknown colour '%s' (expected default, black, red, green, "
	                 "yellow, blue, magenta, cyan, white, bright-NAME or 0-255)",
	                 s);
}

static int parse_attr(struct ydoc *d, yaml_node_t *n, unsigned *bits, struct wa_err *err)
{
	if (n->type != YAML_SCALAR_NODE)
		return ydoc_fail(d, n, err, "an attribute is a word such as bold");
	if (strcmp(scalar(n), "none") == 0 || !*scalar(n))
		return 0;
	for (size_t i = 0; i < sizeof(attr_names) / sizeof(attr_names[0]); i++)
		if (strcmp(scalar(n), attr_names[i].name) == 0) {
			*bits |= attr_names[i].bit;
			return 0;
		}
	return ydoc_fail(d, n, err,
	                 "unknown attribute '%s' (expected bold, dim, underline, "
	                 "reverse, italic, standout or none)",
	                 scalar(n));
}

static int parse_style(struct ydoc *d, yaml_node_t *n, struct theme_style *st, struct wa_err *err)
{
	enum { FG, BG, ATTRS, N };
	struct yfield f[N] = {
		[FG] = { "fg", false, NULL, NULL },
		[BG] = { "bg", false, NULL, NULL },
		[ATTRS] = { "attrs", false, NULL, NULL },
	};
	struct theme_style s = { COLOR_DEFAULT, COLOR_DEFAULT, 0 };

	if (n->type != YAML_MAPPING_NODE)
		return ydoc_fail(d, n, err,
		                 "an element's style is a mapping such as "
		                 "{fg: white, bg: blue, attrs: [bold]}");
	if (ydoc_map(d, n, f, N, "style", err))
		return -1;
	if ((f[FG].val && parse_color(d, f[FG].val, &s.fg, err)) ||
	    (f[BG].val && parse_color(d, f[BG].val, &s.bg, err)))
		return -1;
	if (f[ATTRS].val && f[ATTRS].val->type == YAML_SEQUENCE_NODE) {
		long len = ydoc_seq_len(d, f[ATTRS].val, "attrs", err);
		for (long i = 0; i < len; i++)
			if (parse_attr(d, ydoc_seq_item(d, f[ATTRS].val, (size_t)i), &s.attrs, err))
				return -1;
	} else if (f[ATTRS].val && parse_attr(d, f[ATTRS].val, &s.attrs, err)) {
		return -1;
	}
	*st = s;
	return 0;
}

static int parse_colors(struct ydoc *d, yaml_node_t *n, struct theme *t, struct wa_err *err)
{
	if (ydoc_map_any(d, n, "colors", err))
		return -1;
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = ydoc_get(d, p->key);
		int el = 0;

		while (el < EL_COUNT && strcmp(el_names[el], scalar(k)) != 0)
			el++;
		if (el == EL_COUNT)
			return ydoc_fail(d, k, err,
			                 "unknown element '%s' (see wa-review(1), THEMES, "
			                 "for the list)",
			                 scalar(k));
		if (parse_style(d, ydoc_get(d, p->value), &t->el[el], err))
			return -1;
	}
	return 0;
}

static int load_builtin(const char *name, int depth, struct theme **out, struct wa_err *err);

static int parse(const char *file, const char *text, size_t len, int depth, struct theme **out,
                 struct wa_err *err)
{
	enum { NAME, DESCRIPTION, BASE, COLORS, N };
	struct yfield f[N] = {
		[NAME] = { "name", true, NULL, NULL },
		[DESCRIPTION] = { "description", false, NULL, NULL },
		[BASE] = { "base", false, NULL, NULL },
		[COLORS] = { "colors", true, NULL, NULL },
	};
	struct ydoc d;
	struct theme *t = NULL, *base = NULL;
	char *name = NULL, *base_name = NULL;
	yaml_node_t *root;
	int rc = -1;

	*out = NULL;
	if (ydoc_load(&d, file, text, len, err))
		goto out;
	root = ydoc_root(&d);
	if (!root) {
		err_set(err, file, 1, 1, "the file is empty; expected a theme (name, colors)");
		goto out;
	}
	if (ydoc_map(&d, root, f, N, "theme", err) ||
	    ydoc_str(&d, f[NAME].val, "name", &name, err) ||
	    (f[BASE].val && ydoc_str(&d, f[BASE].val, "base", &base_name, err)))
		goto out;
	/* Every built-in theme is complete; anything else starts from its base. */
	if (!base_name && strcmp(name, "default") != 0)
		base_name = xstrdup("default");
	if (base_name) {
		if (depth >= MAX_BASE_DEPTH) {
			ydoc_fail(&d, f[BASE].val, err, "base themes nest too deeply (a loop?)");
			goto out;
		}
		if (load_builtin(base_name, depth + 1, &base, err)) {
			if (f[BASE].val)
				ydoc_fail(&d, f[BASE].val, err,
				          "base: no built-in theme '%s' "
				          "(default, light, high-contrast, mono)",
				          base_name);
			goto out;
		}
	}
	t = xcalloc(1, sizeof(*t));
	for (int i = 0; i < EL_COUNT; i++)
		t->el[i] = base ? base->el[i]
		                : (struct theme_style){ COLOR_DEFAULT, COLOR_DEFAULT, 0 };
	if ((f[DESCRIPTION].val &&
	     ydoc_str_opt(&d, f[DESCRIPTION].val, "description", &t->description, err)) ||
	    parse_colors(&d, f[COLORS].val, t, err))
		goto out;
	t->name = name;
	name = NULL;
	t->source = xstrdup(file);
	*out = t;
	t = NULL;
	rc = 0;
out:
	ydoc_free(&d);
	theme_free(t);
	theme_free(base);
	free(name);
	free(base_name);
	return rc;
}

static int load_builtin(const char *name, int depth, struct theme **out, struct wa_err *err)
{
	char *path = xasprintf("themes/%s.yaml", name), *label;
	const struct builtin_file *f = builtin_find(path);
	int rc;

	if (!f || strchr(name, '/')) {
		rc = err_set(err, NULL, 0, 0,
		             "no built-in theme '%s' (default, light, "
		             "high-contrast, mono); give a file path for your own",
		             name);
		free(path);
		return rc;
	}
	label = xasprintf("(built-in) %s", path);
	rc = parse(label, f->data, f->len, depth, out, err);
	free(label);
	free(path);
	return rc;
}

int theme_parse(const char *file, const char *text, size_t len, struct theme **out,
                struct wa_err *err)
{
	return parse(file, text, len, 0, out, err);
}

static bool is_path(const char *spec)
{
	size_t n = strlen(spec);

	return strchr(spec, '/') || (n > 5 && strcmp(spec + n - 5, ".yaml") == 0) ||
	       (n > 4 && strcmp(spec + n - 4, ".yml") == 0);
}

int theme_load(const char *spec, struct theme **out, struct wa_err *err)
{
	char *text;
	size_t len;
	int rc;

	*out = NULL;
	if (!is_path(spec))
		return load_builtin(spec, 0, out, err);
	if (fsio_read(spec, FSIO_THEME, &text, &len, err))
		return -1;
	rc = theme_parse(spec, text, len, out, err);
	free(text);
	return rc;
}

const char *theme_choose(const char *spec, const char *no_color, bool workshop)
{
	if (spec && *spec)
		return spec;
	if (no_color && *no_color)
		return "mono";
	return workshop ? "high-contrast" : "default";
}

const char *theme_next(const char *name)
{
	for (size_t i = 0; theme_builtin_names[i]; i++)
		if (name && strcmp(name, theme_builtin_names[i]) == 0)
			return theme_builtin_names[i + 1] ? theme_builtin_names[i + 1]
			                                  : theme_builtin_names[0];
	return theme_builtin_names[0];
}

/* The xterm palette's RGB for colour c. */
static void rgb(short c, int *r, int *g, int *b)
{
	static const unsigned char basic[16][3] = {
		{ 0, 0, 0 },       { 205, 0, 0 },   { 0, 205, 0 },   { 205, 205, 0 },
		{ 0, 0, 238 },     { 205, 0, 205 }, { 0, 205, 205 }, { 229, 229, 229 },
		{ 127, 127, 127 }, { 255, 0, 0 },   { 0, 255, 0 },   { 255, 255, 0 },
		{ 92, 92, 255 },   { 255, 0, 255 }, { 0, 255, 255 }, { 255, 255, 255 },
	};
	static const int level[6] = { 0, 95, 135, 175, 215, 255 };

	if (c < 16) {
		*r = basic[c][0];
		*g = basic[c][1];
		*b = basic[c][2];
	} else if (c < 232) {
		c -= 16;
		*r = level[c / 36];
		*g = level[c / 6 % 6];
		*b = level[c % 6];
	} else {
		*r = *g = *b = 8 + 10 * (c - 232);
	}
}

short theme_nearest(short c, int have)
{
	int r, g, b;
	long best = -1;
	short pick = 0;

	if (c < have)
		return c;
	rgb(c, &r, &g, &b);
	for (short i = 0; i < have && i < 16; i++) {
		int r2, g2, b2;
		long dist;
		rgb(i, &r2, &g2, &b2);
		dist = (long)(r - r2) * (r - r2) + (long)(g - g2) * (g - g2) +
		       (long)(b - b2) * (b - b2);
		if (best < 0 || dist < best) {
			best = dist;
			pick = i;
		}
	}
	return pick;
}

struct theme_style theme_resolve(const struct theme *t, enum color_el el, int ncolors)
{
	struct theme_style s = t->el[el < EL_COUNT ? el : EL_NORMAL];
	const struct theme_style orig = s;

	if (ncolors < 8) {
		s.fg = s.bg = COLOR_DEFAULT;
		return s;
	}
	if (ncolors >= 256)
		return s;
	/* Palette colours become the nearest of the 16; on 8-colour terminals a bright one
	 * becomes its basic colour, bold when it is the text's. */
	if (s.fg >= 16)
		s.fg = theme_nearest(s.fg, 16);
	if (s.bg >= 16)
		s.bg = theme_nearest(s.bg, 16);
	if (ncolors < 16) {
		if (s.fg >= 8) {
			s.fg -= 8;
			s.attrs |= TA_BOLD;
		}
		if (s.bg >= 8)
			s.bg -= 8;
	}
	/* Two different colours that land on one would hide the text. */
	if (s.fg >= 0 && s.fg == s.bg && orig.fg != orig.bg)
		s.fg = s.bg == 0 ? 7 : 0;
	return s;
}
