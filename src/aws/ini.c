#include "aws/ini.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/fsio.h"
#include "util/utf8.h"
#include "util/xalloc.h"

/* One physical line of a value: the key line's text after the delimiter, then each
 * continuation line, trimmed; blank lines inside a value are kept as "" like configparser. */
struct vline {
	char *text;
	int line;
};

/* The key being read, whose value may still grow. */
struct pending {
	bool active;
	char *key;
	int line;
	struct vline *lines;
	size_t n_lines;
	size_t cap_lines;
};

struct parser {
	const char *name;
	struct ini_file *out;
	struct ini_section *cur; /* NULL before the first header */
	size_t cap_sections;
	struct ini_section defaults; /* [DEFAULT], however many times it appears */
	struct pending pend;
	size_t indent; /* indentation of the last key or header line */
	struct wa_err *err;
};

/* Python's str.strip() white space among ASCII (0x1C-0x1F included). */
static bool is_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F);
}

/* Newly allocated copy of s[0..n) without leading and trailing white space. */
static char *trim_dup(const char *s, size_t n)
{
	while (n && is_space(*s)) {
		s++;
		n--;
	}
	while (n && is_space(s[n - 1]))
		n--;
	return xstrndup(s, n);
}

static void pending_clear(struct pending *p)
{
	free(p->key);
	for (size_t i = 0; i < p->n_lines; i++)
		free(p->lines[i].text);
	free(p->lines);
	memset(p, 0, sizeof(*p));
}

static void pending_add(struct pending *p, char *text, int line)
{
	p->lines = xgrow(p->lines, &p->cap_lines, p->n_lines + 1, sizeof(*p->lines));
	p->lines[p->n_lines].text = text;
	p->lines[p->n_lines].line = line;
	p->n_lines++;
}

static void entry_free(struct ini_entry *e)
{
	free(e->key);
	free(e->value);
	for (size_t i = 0; i < e->n_sub; i++)
		entry_free(&e->sub[i]);
	free(e->sub);
}

static void entry_copy(struct ini_entry *dst, const struct ini_entry *src)
{
	*dst = *src;
	dst->key = xstrdup(src->key);
	dst->value = xstrdup(src->value);
	if (src->sub) {
		dst->sub = xcalloc(src->n_sub ? src->n_sub : 1, sizeof(*dst->sub));
		for (size_t i = 0; i < src->n_sub; i++)
			entry_copy(&dst->sub[i], &src->sub[i]);
	}
}

static void section_free(struct ini_section *s)
{
	for (size_t j = 0; j < s->n_entries; j++)
		entry_free(&s->entries[j]);
	free(s->entries);
	free(s->name);
	memset(s, 0, sizeof(*s));
}

/* botocore reads "key =" followed by indented "k = v" lines as a sub-section (one level);
 * each of those lines must hold '=' (only '=': this split is botocore's own). text is the
 * value, its lines joined with '\n' (the first one empty); vl their line numbers, or NULL
 * to name the key's line in an error. Makes e a sub-section (value "") or returns -1. */
static int parse_sub(struct parser *ps, struct ini_entry *e, const char *text,
                     const struct vline *vl)
{
	size_t cap = 0, i = 0;

	e->sub = xcalloc(1, sizeof(*e->sub));
	for (const char *t = text, *nl; t; t = nl ? nl + 1 : NULL, i++) {
		size_t n;
		const char *eq;
		struct ini_entry *s;

		nl = strchr(t, '\n');
		n = nl ? (size_t)(nl - t) : strlen(t);
		if (n == 0)
			continue;
		eq = memchr(t, '=', n);
		if (!eq)
			return err_set(ps->err, ps->name, vl ? vl[i].line : e->line, 0,
			               "expected \"key = value\" in the sub-section of %s", e->key);
		e->sub = xgrow(e->sub, &cap, e->n_sub + 1, sizeof(*e->sub));
		s = &e->sub[e->n_sub++];
		memset(s, 0, sizeof(*s));
		s->key = trim_dup(t, (size_t)(eq - t));
		s->value = trim_dup(eq + 1, n - (size_t)(eq + 1 - t));
		s->line = vl ? vl[i].line : e->line;
	}
	free(e->value);
	e->value = xstrdup("");
	return 0;
}

/* Gives every section the [DEFAULT] keys it does not set itself. A [DEFAULT] sub-section
 * is read only now, in a section that takes it, as configparser reads it only then. */
static int merge_defaults(struct parser *ps)
{
	struct ini_file *f = ps->out;
	const struct ini_section *d = &ps->defaults;

	for (size_t i = 0; i < f->n_sections; i++) {
		struct ini_section *s = &f->sections[i];
		size_t own = s->n_entries;

		for (size_t j = 0; j < d->n_entries; j++) {
			struct ini_entry *e;
			bool set = false;

			for (size_t k = 0; k < own && !set; k++)
				set = !strcmp(s->entries[k].key, d->entries[j].key);
			if (set)
				continue;
			s->entries = xgrow(s->entries, &s->cap_entries, s->n_entries + 1,
			                   sizeof(*s->entries));
			e = &s->entries[s->n_entries++];
			entry_copy(e, &d->entries[j]);
			if (e->value[0] == '\n' && parse_sub(ps, e, e->value, NULL) < 0)
				return -1;
		}
	}
	return 0;
}

/* Ends the pending key: its value lines become the entry's value or sub-section. */
static int finish_entry(struct parser *ps)
{
	struct pending *p = &ps->pend;
	struct ini_section *sec = ps->cur;
	struct ini_entry *e;
	size_t last, len = 0;
	bool sub;

	if (!p->active)
		return 0;
	sec->entries =
	        xgrow(sec->entries, &sec->cap_entries, sec->n_entries + 1, sizeof(*sec->entries));
	e = &sec->entries[sec->n_entries++];
	memset(e, 0, sizeof(*e));
	e->key = p->key;
	e->line = p->line;
	p->key = NULL;
	/* Trailing blank lines are not part of the value (configparser's rstrip). */
	last = p->n_lines;
	while (last > 1 && !p->lines[last - 1].text[0])
		last--;
	sub = last > 1 && !p->lines[0].text[0];
	for (size_t i = 0; i < last; i++)
		len += strlen(p->lines[i].text) + 1;
	e->value = xmalloc(len + 1);
	e->value[0] = '\0';
	for (size_t i = 0; i < last; i++) {
		if (i)
			strcat(e->value, "\n");
		strcat(e->value, p->lines[i].text);
	}
	/* [DEFAULT]'s stays text until a section takes it (merge_defaults()). */
	if (sub && sec != &ps->defaults && parse_sub(ps, e, e->value, p->lines) < 0)
		return -1;
	pending_clear(p);
	return 0;
}

static int start_section(struct parser *ps, const char *name, size_t n, int line)
{
	struct ini_file *f = ps->out;
	struct ini_section *sec;

	if (finish_entry(ps) < 0)
		return -1;
	if (n == 7 && !memcmp(name, "DEFAULT", 7)) {
		if (!ps->defaults.name) {
			ps->defaults.name = xstrdup("DEFAULT");
			ps->defaults.line = line;
		}
		ps->cur = &ps->defaults;
		return 0;
	}
	for (size_t i = 0; i < f->n_sections; i++)
		if (strlen(f->sections[i].name) == n && !memcmp(f->sections[i].name, name, n))
			return err_set(ps->err, ps->name, line, 0,
			               "section [%s] is repeated (first at line %d)",
			               f->sections[i].name, f->sections[i].line);
	f->sections =
	        xgrow(f->sections, &ps->cap_sections, f->n_sections + 1, sizeof(*f->sections));
	sec = &f->sections[f->n_sections++];
	memset(sec, 0, sizeof(*sec));
	sec->name = xstrndup(name, n);
	sec->line = line;
	ps->cur = sec;
	return 0;
}

static int start_entry(struct parser *ps, const char *s, size_t n, int line)
{
	const char *delim = NULL;
	char *key;

	for (size_t i = 0; i < n; i++)
		if (s[i] == '=' || s[i] == ':') {
			delim = s + i;
			break;
		}
	if (!delim)
		return err_set(ps->err, ps->name, line, 0,
		               "expected \"key = value\", a [section] or a comment");
	key = trim_dup(s, (size_t)(delim - s));
	if (!*key) {
		free(key);
		return err_set(ps->err, ps->name, line, 0, "a value without a key");
	}
	for (char *k = key; *k; k++)
		*k = (char)tolower((unsigned char)*k);
	if (finish_entry(ps) < 0) {
		free(key);
		return -1;
	}
	for (size_t i = 0; i < ps->cur->n_entries; i++)
		if (!strcmp(ps->cur->entries[i].key, key)) {
			err_set(ps->err, ps->name, line, 0,
			        "key %s is repeated in section [%s] (first at line %d)", key,
			        ps->cur->name, ps->cur->entries[i].line);
			free(key);
			return -1;
		}
	ps->pend.active = true;
	ps->pend.key = key;
	ps->pend.line = line;
	pending_add(&ps->pend, trim_dup(delim + 1, n - (size_t)(delim + 1 - s)), line);
	return 0;
}

/* One physical line (without its line break), in configparser's order of tests. */
static int parse_line(struct parser *ps, const char *s, size_t n, int line)
{
	size_t ind = 0, end = n;
	const char *body;
	size_t blen;

	while (ind < n && is_space(s[ind]))
		ind++;
	while (end > ind && is_space(s[end - 1]))
		end--;
	body = s + ind;
	blen = end - ind;
	if (blen && (body[0] == '#' || body[0] == ';'))
		return 0; /* a comment, even inside a value, and it does not end the value */
	if (!blen) {
		if (ps->pend.active)
			pending_add(&ps->pend, xstrdup(""), line);
		return 0;
	}
	if (ps->pend.active && ind > ps->indent) {
		pending_add(&ps->pend, xstrndup(body, blen), line);
		return 0;
	}
	ps->indent = ind;
	if (body[0] == '[') {
		/* configparser's \[(?P<header>.+)\]: up to the last ']', at least one character. */
		const char *close = NULL;

		for (size_t i = blen; i > 1; i--)
			if (body[i - 1] == ']') {
				close = body + i - 1;
				break;
			}
		if (close && close > body + 1) {
			if (start_section(ps, body + 1, (size_t)(close - body - 1), line) < 0)
				return -1;
			return 0;
		}
	}
	if (!ps->cur)
		return err_set(ps->err, ps->name, line, 0,
		               "expected a [section] header before the first key");
	return start_entry(ps, body, blen, line);
}

int ini_parse(const char *text, size_t len, const char *name, struct ini_file *out,
              struct wa_err *err)
{
	struct parser ps;
	size_t pos = 0;
	int line = 0;

	memset(out, 0, sizeof(*out));
	memset(&ps, 0, sizeof(ps));
	ps.name = name;
	ps.out = out;
	ps.err = err;
	out->path = xstrdup(name);
	if (memchr(text, '\0', len)) {
		int l = 1;

		for (const char *p = text; *p; p++)
			l += *p == '\n';
		err_set(err, name, l, 0, "a NUL byte; not a text file");
		goto fail;
	}
	if (utf8_check(name, text, len, err) < 0)
		goto fail;
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		pos = 3; /* a byte-order mark some editors write */
	while (pos < len) {
		size_t eol = pos;

		while (eol < len && text[eol] != '\n' && text[eol] != '\r')
			eol++;
		line++;
		if (parse_line(&ps, text + pos, eol - pos, line) < 0)
			goto fail;
		/* "\r\n", "\r" and "\n" all end a line, as in Python's universal newlines. */
		if (eol < len && text[eol] == '\r' && eol + 1 < len && text[eol + 1] == '\n')
			eol++;
		pos = eol + 1;
	}
	if (ps.cur && finish_entry(&ps) < 0)
		goto fail;
	pending_clear(&ps.pend);
	if (merge_defaults(&ps) < 0)
		goto fail;
	section_free(&ps.defaults);
	return 0;
fail:
	pending_clear(&ps.pend);
	section_free(&ps.defaults);
	ini_free(out);
	return -1;
}

int ini_load(const char *path, struct ini_file *out, bool *found, struct wa_err *err)
{
	struct stat st;
	char *text;
	size_t len;
	int rc;

	memset(out, 0, sizeof(*out));
	*found = false;
	if (stat(path, &st) != 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;
		return err_set(err, path, 0, 0, "cannot read: %s", strerror(errno));
	}
	if (!S_ISREG(st.st_mode))
		return 0;
	if (fsio_read_file(path, &text, &len, err) < 0)
		return -1;
	rc = ini_parse(text, len, path, out, err);
	free(text);
	if (rc == 0)
		*found = true;
	return rc;
}

void ini_free(struct ini_file *f)
{
	for (size_t i = 0; i < f->n_sections; i++)
		section_free(&f->sections[i]);
	free(f->sections);
	free(f->path);
	memset(f, 0, sizeof(*f));
}

const struct ini_section *ini_section(const struct ini_file *f, const char *name)
{
	for (size_t i = f->n_sections; i > 0; i--)
		if (!strcmp(f->sections[i - 1].name, name))
			return &f->sections[i - 1];
	return NULL;
}

const struct ini_entry *ini_entry(const struct ini_section *sec, const char *key)
{
	if (!sec)
		return NULL;
	for (size_t i = 0; i < sec->n_entries; i++)
		if (!strcmp(sec->entries[i].key, key))
			return &sec->entries[i];
	return NULL;
}

const char *ini_value(const struct ini_section *sec, const char *key)
{
	const struct ini_entry *e = ini_entry(sec, key);

	return e && !e->sub ? e->value : NULL;
}
