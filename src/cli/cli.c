#include "cli/cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/builtin.h"
#include "store/qset_load.h"
#include "store/review_io.h"
#include "util/err.h"
#include "util/utf8.h"

struct qset *cli_load_qset(const struct cli *c)
{
	struct wa_err err;
	struct qset *qs = NULL;
	int rc;

	err_clear(&err);
	rc = c->questions_dir ? qset_load_dir(c->questions_dir, &qs, &err)
	                      : qset_load_builtin(&qs, &err);
	if (rc) {
		err_print(&err);
		return NULL;
	}
	return qs;
}

struct review *cli_load_review(const struct cli *c, const struct qset *qs, const char *file)
{
	struct wa_err err;
	struct review *rv = NULL;
	int rc;

	(void)c;
	err_clear(&err);
	if (file) {
		rc = review_load(file, qs, &rv, &err);
	} else {
		const struct builtin_file *f = builtin_find("questions/demo/review.yaml");
		rc = f ? review_parse("(built-in) demo review", f->data, f->len, qs, &rv, &err)
		       : err_set(&err, NULL, 0, 0, "this binary has no demo review built in");
	}
	if (rc) {
		err_print(&err);
		return NULL;
	}
	return rv;
}

int cli_usage_error(const struct cli *c, const char *cmd, const char *fmt, ...)
{
	va_list ap;

	err_say("%s: ", c->prog);
	va_start(ap, fmt);
	err_vsay(fmt, ap);
	va_end(ap);
	if (cmd)
		err_say(" (see '%s %s --help')\n", c->prog, cmd);
	else
		err_say(" (see '%s --help')\n", c->prog);
	return EXIT_BAD;
}

int cli_check_text(const struct cli *c, const char *cmd, const char *what, const char *text)
{
	size_t len, off = 0, n;

	if (!text)
		return 0;
	len = strlen(text);
	while (off < len && (n = utf8_seq_len((const unsigned char *)text + off, len - off)))
		off += n;
	if (off == len)
		return 0;
	err_say("%s: %s: %s is not valid UTF-8 (byte 0x%02X at position %zu)\n", c->prog, cmd, what,
	        (unsigned char)text[off], off + 1);
	return EXIT_BAD;
}

int cli_check_arg(const struct cli *c, const char *cmd, const struct option *opts, int ch,
                  const char *arg)
{
	char what[64] = "an option";

	for (; opts->name; opts++) {
		if (opts->val == ch) {
			snprintf(what, sizeof(what), "--%s", opts->name);
			break;
		}
	}
	return cli_check_text(c, cmd, what, arg);
}

int cli_refuse_offline(const struct cli *c, const char *cmd)
{
	if (!c->offline)
		return 0;
	err_say("%s: %s: offline (--offline): this command calls AWS, and --offline "
	        "promises no network; the stored evidence shows in the wizard and the reports\n",
	        c->prog, cmd);
	return EXIT_BAD;
}
