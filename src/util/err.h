/* Error records: a status return plus a caller-owned record of where and what. */
#ifndef WAR_UTIL_ERR_H
#define WAR_UTIL_ERR_H

#include <stdarg.h>
#include <stddef.h>

#define ATTR_FORMAT(a, b) __attribute__((format(printf, a, b)))

/* Exit statuses shared by every subcommand (documented in wa-review(1)). */
enum { EXIT_OK = 0, EXIT_FINDING = 1, EXIT_BAD = 2 };

struct wa_err {
	char where[512]; /* "file" or "rds:DescribeDBInstances us-east-1"; may be empty */
	int line;        /* 1-based; 0 when not known */
	int col;         /* 1-based; 0 when not known */
	char msg[1024];
};

/* Clears the record so err_isset() is false. */
void err_clear(struct wa_err *err);

/* Fills the record (err may be NULL: then nothing is recorded). Always returns -1, so
 * callers can write `return err_set(...)`. */
int err_set(struct wa_err *err, const char *where, int line, int col, const char *fmt, ...)
        ATTR_FORMAT(5, 6);

/* True when a message was recorded. */
int err_isset(const struct wa_err *err);

/* Formats "where:line:col: msg" (parts left out when unknown) into buf; returns buf. */
const char *err_format(const struct wa_err *err, char *buf, size_t len);

/* Prints "wa-review: where:line:col: msg" on stderr as one line, credentials masked
 * (util/secret.h) and controls made safe (util/safetext.h). */
void err_print(const struct wa_err *err);

/* Prints printf-formatted text on stderr as err_print() does, line breaks kept: for the
 * messages that echo a file's, an argument's or AWS's text without a record. */
void err_say(const char *fmt, ...) ATTR_FORMAT(1, 2);
void err_vsay(const char *fmt, va_list ap) ATTR_FORMAT(1, 0);

/* Notices: a warning that is no error ("r.yaml: comments ... are not kept"). They go to
 * stderr, as err_say() prints, once err_notice_enable(true) said so (the command line);
 * otherwise nowhere, since the wizard's screen may own the terminal. */
void err_notice_enable(int on);
void err_notice(const char *fmt, ...) ATTR_FORMAT(1, 2);

#endif
