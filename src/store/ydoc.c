#include "store/ydoc.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strset.h"
#include "util/utf8.h"
#include "util/xalloc.h"

/* Nesting deeper than this is refused while parsing: no file of ours comes near, and every
 * walk of the tree can recurse without a guard of its own. */
#define YDOC_MAX_DEPTH 64

int ydoc_line(const yaml_node_t *n)
{
	return (int)n->start_mark.line + 1;
}

int ydoc_col(const yaml_node_t *n)
{
	return (int)n->start_mark.column + 1;
}

/* libyaml's reader errors carry a byte offset, not a mark: count lines ourselves. */
static void offset_to_linecol(const char *text, size_t len, size_t off, int *line, int *col)
{
	int l = 1, c = 1;

	for (size_t i = 0; i < off && i < len; i++) {
		if (text[i] == '\n') {
			l++;
			c = 1;
		} else if (((unsigned char)text[i] & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*col = c;
}

static int parser_fail(yaml_parser_t *p, const char *file, const char *text, size_t len,
                       struct wa_err *err)
{
	int line, col;
	const char *problem = p->problem ? p->problem : "cannot parse YAML";

	if (p->error == YAML_READER_ERROR) {
		offset_to_linecol(text, len, p->problem_offset, &line, &col);
		if (p->problem_value != -1)
			return err_set(err, file, line, col, "%s (byte 0x%02X)", problem,
			               (unsigned)p->problem_value & 0xFF);
		return err_set(err, file, line, col, "%s", problem);
	}
	if (p->error == YAML_MEMORY_ERROR)
		return err_set(err, file, 0, 0, "out of memory while parsing");
	line = (int)p->problem_mark.line + 1;
	col = (int)p->problem_mark.column + 1;
	if (p->context)
		return err_set(err, file, line, col, "%s %s (started at line %d)", problem,
		               p->context, (int)p->context_mark.line + 1);
	return err_set(err, file, line, col, "%s", problem);
}

/* A collection still open while the document is built: its node, and for a mapping the
 * key that waits for its value (0: none). */
struct open_node {
	int id;
	int key;
};

static int fail_at(const char *file, yaml_mark_t m, struct wa_err *err, const char *msg)
{
	return err_set(err, file, (int)m.line + 1, (int)m.column + 1, "%s", msg);
}

/* Adds the node an event starts; returns its id, or 0 when out of memory. */
static int add_node(yaml_document_t *doc, const yaml_event_t *ev)
{
	const yaml_char_t *tag;
	int id;

	switch (ev->type) {
	case YAML_SCALAR_EVENT: tag = ev->data.scalar.tag; break;
	case YAML_SEQUENCE_START_EVENT: tag = ev->data.sequence_start.tag; break;
	default: tag = ev->data.mapping_start.tag; break;
	}
	/* "!" is the non-specific tag of quoted scalars: the default one, as libyaml's
	 * loader has it. */
	if (tag && !strcmp((const char *)tag, "!"))
		tag = NULL;
	if (ev->type == YAML_SCALAR_EVENT)
		id = yaml_document_add_scalar(doc, tag, ev->data.scalar.value,
		                              (int)ev->data.scalar.length, ev->data.scalar.style);
	else if (ev->type == YAML_SEQUENCE_START_EVENT)
		id = yaml_document_add_sequence(doc, tag, ev->data.sequence_start.style);
	else
		id = yaml_document_add_mapping(doc, tag, ev->data.mapping_start.style);
	if (id) {
		doc->nodes.start[id - 1].start_mark = ev->start_mark;
		doc->nodes.start[id - 1].end_mark = ev->end_mark;
	}
	return id;
}

/* Hangs node id under the innermost open collection. Returns 1, or 0 when out of memory. */
static int attach(yaml_document_t *doc, struct open_node *parent, int id)
{
	int ok;

	if (doc->nodes.start[parent->id - 1].type == YAML_SEQUENCE_NODE)
		return yaml_document_append_sequence_item(doc, parent->id, id);
	if (!parent->key) {
		parent->key = id;
		return 1;
	}
	ok = yaml_document_append_mapping_pair(doc, parent->id, parent->key, id);
	parent->key = 0;
	return ok;
}

/* The tag of a node event when it is not one of YAML's own (!!str, !!int ...: tag:yaml.org,
 * 2002:...) nor the non-specific "!": a type only some other program knows, which nothing
 * here could honour or write back. NULL when there is none. */
static const char *local_tag(const yaml_event_t *ev)
{
	static const char std[] = "tag:yaml.org,2002:";
	const char *tag;

	switch (ev->type) {
	case YAML_SCALAR_EVENT: tag = (const char *)ev->data.scalar.tag; break;
	case YAML_SEQUENCE_START_EVENT: tag = (const char *)ev->data.sequence_start.tag; break;
	case YAML_MAPPING_START_EVENT: tag = (const char *)ev->data.mapping_start.tag; break;
	default: return NULL;
	}
	if (!tag || !strcmp(tag, "!") || !strncmp(tag, std, sizeof(std) - 1))
		return NULL;
	return tag;
}

/* Handles one parser event. Returns 1 to go on, 0 at the end of the stream, -1 with err. */
static int take_event(struct ydoc *d, const yaml_event_t *ev, struct open_node *open, int *depth,
                      int *docs, struct wa_err *err)
{
	int id;

	/* A review or question file is one document; a second one is a mistake, not data.
	 * The error points at its first node, the event after its start. */
	if (*docs > 1)
		return fail_at(d->file, ev->start_mark, err,
		               "a second YAML document; expected only one");
	switch (ev->type) {
	case YAML_STREAM_END_EVENT: return 0;
	case YAML_DOCUMENT_START_EVENT: ++*docs; return 1;
	case YAML_ALIAS_EVENT:
		/* No file of ours needs them, and a few nested ones make a walk exponential. */
		return fail_at(d->file, ev->start_mark, err,
		               "aliases (*name) are not supported here");
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		d->doc.nodes.start[open[--*depth].id - 1].end_mark = ev->end_mark;
		return 1;
	case YAML_SCALAR_EVENT: break;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		/* Checked as the parser goes, so a file of a million '[' stops here at once. */
		if (*depth == YDOC_MAX_DEPTH) {
			char msg[64];
			snprintf(msg, sizeof(msg), "nested more than %d levels deep",
			         YDOC_MAX_DEPTH);
			return fail_at(d->file, ev->start_mark, err, msg);
		}
		break;
	default: return 1;
	}
	if (local_tag(ev)) {
		char msg[200];
		snprintf(msg, sizeof(msg),
		         "the YAML tag '%.100s' is not supported (only the standard ones, such as "
		         "!!str)",
		         local_tag(ev));
		return fail_at(d->file, ev->start_mark, err, msg);
	}
	id = add_node(&d->doc, ev);
	if (!id || (*depth && !attach(&d->doc, &open[*depth - 1], id)))
		return err_set(err, d->file, 0, 0, "out of memory while parsing");
	if (ev->type != YAML_SCALAR_EVENT)
		open[(*depth)++] = (struct open_node){ id, 0 };
	return 1;
}

/* The document is built from the parser's events rather than by yaml_parser_load(), which
 * reads the whole file before anything can be checked. */
int ydoc_load(struct ydoc *d, const char *file, const char *text, size_t len, struct wa_err *err)
{
	struct open_node open[YDOC_MAX_DEPTH];
	int depth = 0, docs = 0, rc = 1;
	yaml_parser_t p;
	yaml_event_t ev;

	memset(d, 0, sizeof(*d));
	d->file = file;
	if (utf8_check(file, text, len, err))
		return -1;
	if (!yaml_document_initialize(&d->doc, NULL, NULL, NULL, 1, 1))
		return err_set(err, file, 0, 0, "out of memory while parsing");
	d->loaded = true;
	if (!yaml_parser_initialize(&p))
		return err_set(err, file, 0, 0, "cannot start the YAML parser");
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	while (rc > 0) {
		if (!yaml_parser_parse(&p, &ev)) {
			rc = parser_fail(&p, file, text, len, err);
			break;
		}
		rc = take_event(d, &ev, open, &depth, &docs, err);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	return rc;
}

void ydoc_free(struct ydoc *d)
{
	if (d->loaded)
		yaml_document_delete(&d->doc);
	d->loaded = false;
}

yaml_node_t *ydoc_root(struct ydoc *d)
{
	return yaml_document_get_root_node(&d->doc);
}

yaml_node_t *ydoc_get(struct ydoc *d, int index)
{
	return yaml_document_get_node(&d->doc, index);
}

int ydoc_fail(struct ydoc *d, const yaml_node_t *n, struct wa_err *err, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (!n)
		return err_set(err, d->file, 0, 0, "%s", msg);
	return err_set(err, d->file, ydoc_line(n), ydoc_col(n), "%s", msg);
}

static const char *kind_name(const yaml_node_t *n)
{
	switch (n->type) {
	case YAML_SCALAR_NODE: return "a scalar";
	case YAML_SEQUENCE_NODE: return "a list";
	case YAML_MAPPING_NODE: return "a mapping";
	default: return "nothing";
	}
}

static const char *scalar(const yaml_node_t *n)
{
	return (const char *)n->data.scalar.value;
}

static int keys_check(struct ydoc *d, yaml_node_t *n, const char *what, struct wa_err *err)
{
	struct strset seen = { 0 };
	yaml_node_pair_t *p;
	int rc = 0;

	if (n->type != YAML_MAPPING_NODE)
		return ydoc_fail(d, n, err, "%s: expected a mapping, found %s", what, kind_name(n));
	/* A hash set, so a mapping of 100,000 keys is checked in linear time. */
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *k = ydoc_get(d, p->key);
		long first;

		if (k->type != YAML_SCALAR_NODE) {
			rc = ydoc_fail(d, k, err, "%s: keys must be plain text", what);
			break;
		}
		first = strset_add(&seen, scalar(k), p->key);
		if (first >= 0) {
			rc = ydoc_fail(d, k, err, "%s: duplicate key '%s' (first at line %d)", what,
			               scalar(k), ydoc_line(ydoc_get(d, (int)first)));
			break;
		}
	}
	strset_free(&seen);
	return rc;
}

int ydoc_map_any(struct ydoc *d, yaml_node_t *n, const char *what, struct wa_err *err)
{
	return keys_check(d, n, what, err);
}

int ydoc_map(struct ydoc *d, yaml_node_t *n, struct yfield *fields, size_t n_fields,
             const char *what, struct wa_err *err)
{
	yaml_node_pair_t *p;

	for (size_t i = 0; i < n_fields; i++)
		fields[i].val = fields[i].key_node = NULL;
	if (keys_check(d, n, what, err))
		return -1;
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *k = ydoc_get(d, p->key);
		size_t i;

		for (i = 0; i < n_fields; i++)
			if (strcmp(fields[i].key, scalar(k)) == 0)
				break;
		if (i == n_fields) {
			char allowed[512] = "";
			size_t used = 0;
			for (size_t j = 0; j < n_fields && used < sizeof(allowed); j++)
				used += (size_t)snprintf(allowed + used, sizeof(allowed) - used,
				                         "%s%s", j ? ", " : "", fields[j].key);
			return ydoc_fail(d, k, err, "%s: unknown key '%s' (expected one of: %s)",
			                 what, scalar(k), allowed);
		}
		fields[i].val = ydoc_get(d, p->value);
		fields[i].key_node = k;
	}
	for (size_t i = 0; i < n_fields; i++)
		if (fields[i].required && !fields[i].val)
			return ydoc_fail(d, n, err, "%s: missing required key '%s'", what,
			                 fields[i].key);
	return 0;
}

static bool is_null_plain(const yaml_node_t *n)
{
	const char *s = scalar(n);

	if (n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	return !*s || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") ||
	       !strcmp(s, "NULL");
}

static int want_scalar(struct ydoc *d, yaml_node_t *n, const char *what, struct wa_err *err)
{
	if (n->type != YAML_SCALAR_NODE)
		return ydoc_fail(d, n, err, "%s: expected a single value, found %s", what,
		                 kind_name(n));
	if (strlen(scalar(n)) != n->data.scalar.length)
		return ydoc_fail(d, n, err, "%s: contains a NUL character", what);
	return 0;
}

int ydoc_str_opt(struct ydoc *d, yaml_node_t *n, const char *what, char **out, struct wa_err *err)
{
	*out = NULL;
	if (want_scalar(d, n, what, err))
		return -1;
	if (!is_null_plain(n) && *scalar(n))
		*out = xstrdup(scalar(n));
	return 0;
}

int ydoc_str(struct ydoc *d, yaml_node_t *n, const char *what, char **out, struct wa_err *err)
{
	if (ydoc_str_opt(d, n, what, out, err))
		return -1;
	if (!*out)
		return ydoc_fail(d, n, err, "%s: must not be empty", what);
	return 0;
}

int ydoc_bool(struct ydoc *d, yaml_node_t *n, const char *what, bool *out, struct wa_err *err)
{
	const char *s;

	if (want_scalar(d, n, what, err))
		return -1;
	s = scalar(n);
	if (n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
		if (!strcmp(s, "true") || !strcmp(s, "True") || !strcmp(s, "TRUE")) {
			*out = true;
			return 0;
		}
		if (!strcmp(s, "false") || !strcmp(s, "False") || !strcmp(s, "FALSE")) {
			*out = false;
			return 0;
		}
	}
	return ydoc_fail(d, n, err, "%s: expected true or false, found '%s'", what, s);
}

int ydoc_long(struct ydoc *d, yaml_node_t *n, const char *what, long *out, struct wa_err *err)
{
	const char *s;
	char *end;

	if (want_scalar(d, n, what, err))
		return -1;
	s = scalar(n);
	errno = 0;
	*out = strtol(s, &end, 10);
	if (!*s || *end || errno || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return ydoc_fail(d, n, err, "%s: expected a whole number, found '%s'", what, s);
	return 0;
}

int ydoc_double(struct ydoc *d, yaml_node_t *n, const char *what, double *out, struct wa_err *err)
{
	const char *s;
	char *end;

	if (want_scalar(d, n, what, err))
		return -1;
	s = scalar(n);
	errno = 0;
	*out = strtod(s, &end);
	if (!*s || *end || errno || !isfinite(*out) ||
	    n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return ydoc_fail(d, n, err, "%s: expected a number, found '%s'", what, s);
	return 0;
}

long ydoc_seq_len(struct ydoc *d, yaml_node_t *n, const char *what, struct wa_err *err)
{
	if (n->type != YAML_SEQUENCE_NODE)
		return ydoc_fail(d, n, err, "%s: expected a list, found %s", what, kind_name(n));
	return (long)(n->data.sequence.items.top - n->data.sequence.items.start);
}

yaml_node_t *ydoc_seq_item(struct ydoc *d, yaml_node_t *n, size_t i)
{
	return ydoc_get(d, n->data.sequence.items.start[i]);
}

int ydoc_strlist(struct ydoc *d, yaml_node_t *n, const char *what, char ***out, size_t *count,
                 struct wa_err *err)
{
	long len = ydoc_seq_len(d, n, what, err);
	char **v;

	*out = NULL;
	*count = 0;
	if (len < 0)
		return -1;
	v = xcalloc((size_t)len + 1, sizeof(*v));
	for (long i = 0; i < len; i++) {
		if (ydoc_str(d, ydoc_seq_item(d, n, (size_t)i), what, &v[i], err)) {
			for (long j = 0; j < i; j++)
				free(v[j]);
			free(v);
			return -1;
		}
	}
	*out = v;
	*count = (size_t)len;
	return 0;
}

/* YAML 1.2 core schema resolution of a plain scalar. */
static cJSON *plain_to_json(const char *s)
{
	char *end;
	double v;

	if (!*s || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") ||
	    !strcmp(s, "NULL"))
		return cJSON_CreateNull();
	if (!strcmp(s, "true") || !strcmp(s, "True") || !strcmp(s, "TRUE"))
		return cJSON_CreateTrue();
	if (!strcmp(s, "false") || !strcmp(s, "False") || !strcmp(s, "FALSE"))
		return cJSON_CreateFalse();
	/* Numbers: digits with an optional sign, fraction and exponent; no hex, no leading '.'
	 * ambiguity beyond what strtod accepts, and never "inf"/"nan" words. */
	if (strspn(s, "+-0123456789.eE") == strlen(s) && strpbrk(s, "0123456789")) {
		errno = 0;
		v = strtod(s, &end);
		if (!*end && !errno && isfinite(v))
			return cJSON_CreateNumber(v);
	}
	return cJSON_CreateString(s);
}

/* Recursion is bounded: ydoc_load() refused nesting deeper than YDOC_MAX_DEPTH, and
 * aliases, so every node is visited once. */
static cJSON *to_json(struct ydoc *d, yaml_node_t *n, struct wa_err *err)
{
	cJSON *out;

	switch (n->type) {
	case YAML_SCALAR_NODE:
		if (want_scalar(d, n, "value", err))
			return NULL;
		if (n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
			return plain_to_json(scalar(n));
		return cJSON_CreateString(scalar(n));
	case YAML_SEQUENCE_NODE:
		out = cJSON_CreateArray();
		for (yaml_node_item_t *it = n->data.sequence.items.start;
		     it < n->data.sequence.items.top; it++) {
			cJSON *c = to_json(d, ydoc_get(d, *it), err);
			if (!c) {
				cJSON_Delete(out);
				return NULL;
			}
			cJSON_AddItemToArray(out, c);
		}
		return out;
	case YAML_MAPPING_NODE:
		if (keys_check(d, n, "mapping", err))
			return NULL;
		out = cJSON_CreateObject();
		for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
		     p < n->data.mapping.pairs.top; p++) {
			yaml_node_t *k = ydoc_get(d, p->key);
			cJSON *c = to_json(d, ydoc_get(d, p->value), err);
			if (!c) {
				cJSON_Delete(out);
				return NULL;
			}
			cJSON_AddItemToObject(out, scalar(k), c);
		}
		return out;
	default: ydoc_fail(d, n, err, "empty node"); return NULL;
	}
}

cJSON *ydoc_to_json(struct ydoc *d, yaml_node_t *n, struct wa_err *err)
{
	return to_json(d, n, err);
}

/* Whether the gap between two tokens (only blanks, line breaks and comments can stand
 * there) holds a comment, leaving out what lies before skip (the header we write). */
static bool gap_has_comment(const char *text, size_t from, size_t to, size_t skip)
{
	if (from < skip)
		from = skip;
	for (size_t i = from; i < to; i++)
		if (text[i] == '#')
			return true;
	return false;
}

unsigned ydoc_extras(const char *text, size_t len, const char *header)
{
	size_t skip = 0, last = 0;
	unsigned found = 0;
	yaml_parser_t p;
	yaml_token_t tok;
	bool done = false;

	if (header && len >= strlen(header) && !memcmp(text, header, strlen(header)))
		skip = strlen(header);
	if (!yaml_parser_initialize(&p))
		return 0;
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	/* The scanner's tokens cover everything but blanks and comments: a '#' between two
	 * tokens starts a comment, one inside a token (a quoted or block scalar) is text. */
	while (!done && yaml_parser_scan(&p, &tok)) {
		if (tok.start_mark.index > last &&
		    gap_has_comment(text, last, tok.start_mark.index, skip))
			found |= YDOC_COMMENTS;
		if (tok.end_mark.index > last)
			last = tok.end_mark.index;
		switch (tok.type) {
		case YAML_TAG_TOKEN:
		case YAML_TAG_DIRECTIVE_TOKEN:
		case YAML_VERSION_DIRECTIVE_TOKEN: found |= YDOC_TAGS; break;
		case YAML_ANCHOR_TOKEN: found |= YDOC_ANCHORS; break;
		case YAML_STREAM_END_TOKEN: done = true; break;
		default: break;
		}
		yaml_token_delete(&tok);
	}
	yaml_parser_delete(&p);
	return found;
}
