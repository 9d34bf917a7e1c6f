#include "util/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/safetext.h"
#include "util/secret.h"

void err_clear(struct wa_err *err)
{
	if (!err)
		return;
	err->where[0] = '\0';
	err->msg[0] = '\0';
	err->line = err->col = 0;
}

int err_set(struct wa_err *err, const char *where, int line, int col, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return -1;
	snprintf(err->where, sizeof(err->where), "%s", where ? where : "");
	err->line = line;
	err->col = col;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	/* Keep the record one line: a message never carries a newline to the terminal. */
	for (char *p = err->msg; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	/* Text from AWS or a credential source may echo a credential: masked from the start. */
	secret_mask(err->where);
	secret_mask(err->msg);
	return -1;
}

int err_isset(const struct wa_err *err)
{
	return err && err->msg[0] != '\0';
}

const char *err_format(const struct wa_err *err, char *buf, size_t len)
{
	if (!err->where[0])
		snprintf(buf, len, "%s", err->msg);
	else if (err->line > 0 && err->col > 0)
		snprintf(buf, len, "%s:%d:%d: %s", err->where, err->line, err->col, err->msg);
	else if (err->line > 0)
		snprintf(buf, len, "%s:%d: %s", err->where, err->line, err->msg);
	else
		snprintf(buf, len, "%s: %s", err->where, err->msg);
	return buf;
}

void err_print(const struct wa_err *err)
{
	char buf[1600];
	char *safe;

	/* Masked again (a record may have been filled by hand) and made safe for the
	 * terminal: the text may hold a file's or AWS's bytes. */
	err_format(err, buf, sizeof(buf));
	secret_mask(buf);
	safe = safetext_dup(buf, true);
	fprintf(stderr, "wa-review: %s\n", safe);
	free(safe);
}

void err_vsay(const char *fmt, va_list ap)
{
	char buf[2048];
	char *safe;

	vsnprintf(buf, sizeof(buf), fmt, ap);
	secret_mask(buf);
	safe = safetext_dup(buf, false);
	fputs(safe, stderr);
	free(safe);
}

void err_say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_vsay(fmt, ap);
	va_end(ap);
}

static int notices_on;

void err_notice_enable(int on)
{
	notices_on = on;
}

void err_notice(const char *fmt, ...)
{
	va_list ap;

	if (!notices_on)
		return;
	fputs("wa-review: ", stderr);
	va_start(ap, fmt);
	err_vsay(fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}
