#include "ui/export.h"

#include <stdlib.h>
#include <string.h>

#include "store/review_paths.h"
#include "util/fsio.h"
#include "util/xalloc.h"

static const char *ext_of(enum report_format fmt)
{
	return fmt == REPORT_MD ? "md" : report_format_name(fmt);
}

char *export_default_path(const char *review_path, enum report_format fmt)
{
	size_t n = strlen(review_path);

	if (n > 5 && strcmp(review_path + n - 5, ".yaml") == 0)
		n -= 5;
	else if (n > 4 && strcmp(review_path + n - 4, ".yml") == 0)
		n -= 4;
	return xasprintf("%.*s-report.%s", (int)n, review_path, ext_of(fmt));
}

char *export_initial(const char *review_path)
{
	char *path = export_default_path(review_path, REPORT_MD), *s = xasprintf("md %s", path);

	free(path);
	return s;
}

/* The format a file name's extension names; -1 when none does. */
static int from_ext(const char *path)
{
	const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
	enum report_format f;

	if (!dot || (slash && slash > dot) || report_format_parse(dot + 1, &f))
		return -1;
	return (int)f;
}

int export_parse(const char *text, const char *review_path, enum report_format *fmt, char **path,
                 struct wa_err *err)
{
	char *copy = xstrdup(text), *save = NULL;
	char *w1 = strtok_r(copy, " \t", &save), *w2 = w1 ? strtok_r(NULL, " \t", &save) : NULL;
	enum report_format f = REPORT_MD;
	const char *file = NULL;
	int rc = -1;

	if (!w1) {
		err_set(err, NULL, 0, 0, "say a format (md, json, csv, html) and/or a file name");
		goto out;
	}
	if (strtok_r(NULL, " \t", &save)) {
		err_set(err, NULL, 0, 0,
		        "expected a format and a file name, such as "
		        "'html report.html' (file names with spaces are not supported here)");
		goto out;
	}
	if (report_format_parse(w1, &f) == 0) {
		file = w2;
	} else if (w2) {
		err_set(err, NULL, 0, 0, "'%s' is not a format: md, json, csv or html", w1);
		goto out;
	} else {
		int e = from_ext(w1);
		file = w1;
		f = e >= 0 ? (enum report_format)e : REPORT_MD;
	}
	if (file && file[strlen(file) - 1] == '/') {
		err_set(err, NULL, 0, 0, "'%s' is a directory: give a file name", file);
		goto out;
	}
	*fmt = f;
	*path = file ? xstrdup(file) : export_default_path(review_path, f);
	rc = 0;
out:
	free(copy);
	return rc;
}

int export_write(const struct qset *qs, const struct review *rv, const char *review_path,
                 enum report_format fmt, const char *path, struct wa_err *err)
{
	char *text;
	int rc;

	/* Checked before rendering, so a refused name costs nothing. */
	if (review_path && review_paths_check(review_path, path, err))
		return -1;
	text = report_render(fmt, qs, rv, NULL, err);
	if (!text)
		return -1;
	rc = fsio_write_atomic_within(path, text, strlen(text), fsio_mode_within(review_path, 0644),
	                              err);
	free(text);
	return rc;
}
