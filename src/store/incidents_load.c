#include "store/incidents_load.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/avail.h"
#include "store/avail_io.h"
#include "util/fsio.h"
#include "store/ydoc.h"
#include "util/clock.h"
#include "util/utf8.h"
#include "util/xalloc.h"

static void free_list(struct incident *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		incident_clear(&v[i]);
	free(v);
}

static int parse_yaml(const char *file, const char *text, size_t len, struct incident **out,
                      size_t *count, struct wa_err *err)
{
	struct ydoc d;
	yaml_node_t *root;
	int rc;

	if (ydoc_load(&d, file, text, len, err)) {
		ydoc_free(&d);
		return -1;
	}
	root = ydoc_root(&d);
	if (!root) {
		ydoc_free(&d);
		return err_set(err, file, 1, 1, "the file is empty; expected a list of incidents");
	}
	if (root->type == YAML_MAPPING_NODE) {
		struct yfield f[] = { { "incidents", true, NULL, NULL } };

		if (ydoc_map(&d, root, f, 1, "incident log", err)) {
			ydoc_free(&d);
			return -1;
		}
		root = f[0].val;
	}
	rc = avail_io_load_incidents(&d, root, "incidents", out, count, err);
	ydoc_free(&d);
	return rc;
}

/* ---- CSV ---- */

struct field {
	char *text;
	int line, col;
};

struct csv {
	const char *file, *s;
	size_t len, pos;
	int line, col;
	struct wa_err *err;
};

static void advance(struct csv *c)
{
	if (c->s[c->pos] == '\n') {
		c->line++;
		c->col = 1;
	} else if (((unsigned char)c->s[c->pos] & 0xC0) != 0x80) {
		c->col++;
	}
	c->pos++;
}

static void free_fields(struct field *f, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(f[i].text);
	free(f);
}

/* Reads one row into *fields (newly allocated). Returns 1 with a row, 0 at the end, -1 on a
 * malformed quote. */
static int read_row(struct csv *c, struct field **fields, size_t *n, int *row_line)
{
	size_t cap = 0;

	*fields = NULL;
	*n = 0;
	if (c->pos >= c->len)
		return 0;
	*row_line = c->line;
	for (;;) {
		struct field f = { NULL, c->line, c->col };
		char *buf = NULL;
		size_t used = 0, bcap = 0;

		if (c->pos < c->len && c->s[c->pos] == '"') {
			int qline = c->line, qcol = c->col;

			advance(c);
			for (;;) {
				if (c->pos >= c->len) {
					err_set(c->err, c->file, qline, qcol,
					        "a quoted field is not closed (a \" is missing)");
					goto fail;
				}
				if (c->s[c->pos] == '"') {
					if (c->pos + 1 < c->len && c->s[c->pos + 1] == '"') {
						advance(c);
					} else {
						advance(c);
						break;
					}
				}
				buf = xgrow(buf, &bcap, used + 2, 1);
				buf[used++] = c->s[c->pos];
				advance(c);
			}
			if (c->pos < c->len && c->s[c->pos] != ',' && c->s[c->pos] != '\n' &&
			    c->s[c->pos] != '\r') {
				err_set(c->err, c->file, c->line, c->col,
				        "text after a quoted field; expected ',' or the end of the "
				        "line");
				goto fail;
			}
		} else {
			while (c->pos < c->len && c->s[c->pos] != ',' && c->s[c->pos] != '\n' &&
			       !(c->s[c->pos] == '\r' && c->pos + 1 < c->len &&
			         c->s[c->pos + 1] == '\n')) {
				if (c->s[c->pos] == '"') {
					err_set(c->err, c->file, c->line, c->col,
					        "a '\"' inside an unquoted field; quote the whole "
					        "field "
					        "and double the '\"'");
					goto fail;
				}
				buf = xgrow(buf, &bcap, used + 2, 1);
				buf[used++] = c->s[c->pos];
				advance(c);
			}
			/* Spaces around unquoted values are layout, not data. */
			while (used && (buf[used - 1] == ' ' || buf[used - 1] == '\t'))
				used--;
			while (used && buf && (buf[0] == ' ' || buf[0] == '\t')) {
				memmove(buf, buf + 1, used - 1);
				used--;
				f.col++;
			}
		}
		buf = xgrow(buf, &bcap, used + 1, 1);
		buf[used] = '\0';
		f.text = buf;
		*fields = xgrow(*fields, &cap, *n + 1, sizeof(**fields));
		(*fields)[(*n)++] = f;
		if (c->pos < c->len && c->s[c->pos] == ',') {
			advance(c);
			continue;
		}
		if (c->pos < c->len && c->s[c->pos] == '\r')
			advance(c);
		if (c->pos < c->len && c->s[c->pos] == '\n')
			advance(c);
		return 1;
	fail:
		free(buf);
		free_fields(*fields, *n);
		*fields = NULL;
		*n = 0;
		return -1;
	}
}

enum { COL_DATE, COL_DURATION, COL_IMPACT, COL_NOTE, N_COLS };
static const char *const col_names[N_COLS] = { "date", "duration", "impact", "note" };

static int read_header(struct csv *c, struct field *f, size_t n, int *where)
{
	for (int k = 0; k < N_COLS; k++)
		where[k] = -1;
	for (size_t i = 0; i < n; i++) {
		int k = 0;

		for (; k < N_COLS; k++)
			if (strcasecmp(f[i].text, col_names[k]) == 0)
				break;
		if (k == N_COLS)
			return err_set(
			        c->err, c->file, f[i].line, f[i].col,
			        "unknown column '%s' (expected date, duration, impact, note)",
			        f[i].text);
		if (where[k] >= 0)
			return err_set(c->err, c->file, f[i].line, f[i].col,
			               "column '%s' appears twice", f[i].text);
		where[k] = (int)i;
	}
	for (int k = 0; k < 2; k++)
		if (where[k] < 0)
			return err_set(
			        c->err, c->file, f[0].line, 1,
			        "the header row has no '%s' column (it needs date and duration; "
			        "impact and note are optional)",
			        col_names[k]);
	return 0;
}

static int read_incident(struct csv *c, const struct field *f, const int *where,
                         struct incident *in)
{
	const struct field *date = &f[where[COL_DATE]], *dur = &f[where[COL_DURATION]];
	long long t;
	double secs;

	if (avail_parse_date(date->text, &t))
		return err_set(c->err, c->file, date->line, date->col,
		               "date: expected a date such as 2024-01-15 or 2024-01-15T10:30:00Z "
		               "(UTC), found '%s'",
		               date->text);
	if (avail_parse_duration(dur->text, &secs) || lround(secs) < 1)
		return err_set(c->err, c->file, dur->line, dur->col,
		               "duration: expected a length of time such as 45m, 1h30m or 2 hours, "
		               "found '%s'",
		               dur->text);
	in->date = xstrdup(date->text);
	in->duration = lround(secs);
	if (where[COL_IMPACT] >= 0 && *f[where[COL_IMPACT]].text) {
		const struct field *imp = &f[where[COL_IMPACT]];
		int v = avail_impact_parse(imp->text);

		if (v < 0)
			return err_set(c->err, c->file, imp->line, imp->col,
			               "impact: '%s' is not full or partial", imp->text);
		in->impact = (enum incident_impact)v;
	}
	if (where[COL_NOTE] >= 0 && *f[where[COL_NOTE]].text)
		in->note = xstrdup(f[where[COL_NOTE]].text);
	return 0;
}

static int parse_csv(const char *file, const char *text, size_t len, struct incident **out,
                     size_t *count, struct wa_err *err)
{
	struct csv c = { file, text, len, 0, 1, 1, err };
	struct field *f;
	struct incident *v = NULL;
	size_t n, cap = 0;
	int where[N_COLS], line, rc;

	if (utf8_check(file, text, len, err))
		return -1;
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		c.pos = 3; /* a byte-order mark from a spreadsheet */
	rc = read_row(&c, &f, &n, &line);
	if (rc <= 0)
		return rc < 0 ? -1
		              : err_set(err, file, 1, 1,
		                        "the file is empty; expected a header row such as "
		                        "date,duration,impact,note");
	rc = read_header(&c, f, n, where);
	free_fields(f, n);
	if (rc)
		return -1;
	while ((rc = read_row(&c, &f, &n, &line)) > 0) {
		struct incident in = { 0 };
		size_t want = 0;

		for (int k = 0; k < N_COLS; k++)
			want += where[k] >= 0;
		if (n == 1 && !*f[0].text) { /* a blank line */
			free_fields(f, n);
			continue;
		}
		if (n != want) {
			err_set(err, file, line, 1,
			        "expected %zu fields as in the header row, found %zu", want, n);
			free_fields(f, n);
			free_list(v, *count);
			return -1;
		}
		if (read_incident(&c, f, where, &in)) {
			incident_clear(&in);
			free_fields(f, n);
			free_list(v, *count);
			return -1;
		}
		free_fields(f, n);
		v = xgrow(v, &cap, *count + 1, sizeof(*v));
		v[(*count)++] = in;
	}
	if (rc < 0) {
		free_list(v, *count);
		return -1;
	}
	*out = v ? v : xcalloc(1, sizeof(*v));
	return 0;
}

/* Dates with a time of day in one form, "2024-01-15T10:30:00Z", whatever the log used. */
static void normalize_dates(struct incident *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		long long t;
		char buf[32];

		if (strlen(v[i].date) <= 10 || avail_parse_date(v[i].date, &t))
			continue;
		free(v[i].date);
		v[i].date = xstrdup(clock_iso((time_t)t, buf, sizeof(buf)));
	}
}

int incidents_parse(const char *file, const char *text, size_t len, bool csv, struct incident **out,
                    size_t *count, struct wa_err *err)
{
	int rc;

	*out = NULL;
	*count = 0;
	rc = csv ? parse_csv(file, text, len, out, count, err)
	         : parse_yaml(file, text, len, out, count, err);
	if (rc) {
		*out = NULL;
		*count = 0;
		return -1;
	}
	normalize_dates(*out, *count);
	return 0;
}

int incidents_load(const char *path, const char *format, struct incident **out, size_t *count,
                   struct wa_err *err)
{
	size_t n = strlen(path), len;
	bool csv = format ? strcmp(format, "csv") == 0
	                  : n >= 4 && strcasecmp(path + n - 4, ".csv") == 0;
	char *text;
	int rc;

	*out = NULL;
	*count = 0;
	if (fsio_read(path, FSIO_INCIDENTS, &text, &len, err))
		return -1;
	rc = incidents_parse(path, text, len, csv, out, count, err);
	free(text);
	return rc;
}
