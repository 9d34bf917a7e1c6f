/* wa-review query EXPR [FILE|-]: tries a probe's JMESPath on saved aws CLI output. */
#include "cli/cmd_query.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "jmespath/jmespath.h"
#include "report/safe.h"
#include "util/err.h"
#include "util/fsio.h"
#include "util/json.h"
#include "util/sbuf.h"

static const char help[] =
        "usage: wa-review query [--compact] [--unquoted] EXPR [FILE|-]\n"
        "\n"
        "Applies the JMESPath expression EXPR (the language of the aws CLI's --query) to the\n"
        "JSON document in FILE, or on standard input when FILE is '-' or left out, and\n"
        "prints the result as JSON: two-space indent, one member or element a line, like\n"
        "the jp tool and Python's json.dumps(indent=2). Non-ASCII text prints as UTF-8;\n"
        "integral numbers print as integers. FILE must be a regular file (a FIFO or a\n"
        "device is refused); standard input may be a pipe. At most 256 MiB is read.\n"
        "\n"
        "  -c, --compact    print the result on one line without spaces\n"
        "  -u, --unquoted   print a string result as plain text, without quotes\n"
        "  -h, --help       show this help\n"
        "  --               end of options, for an expression that starts with '-'\n"
        "\n"
        "Examples:\n"
        "  aws ec2 describe-instances > i.json\n"
        "  wa-review query \"Reservations[].Instances[?State.Name=='running'].InstanceId\" i.json\n"
        "  wa-review query -c 'length(DBInstances[?!MultiAZ])' rds.json\n"
        "\n"
        "Exit status: 0 success (a null result included), 2 bad usage, a bad expression\n"
        "(the message names the column), unreadable input or invalid JSON (the message\n"
        "names file:line:column), or an expression that fails on this document.\n";

static int usage(const char *fmt, ...) ATTR_FORMAT(1, 2);

static int usage(const char *fmt, ...)
{
	va_list ap;

	fputs("wa-review: query: ", stderr);
	va_start(ap, fmt);
	err_vsay(fmt, ap);
	va_end(ap);
	fputs(" (try 'wa-review query --help')\n", stderr);
	return EXIT_BAD;
}

/* Loads the document; returns it (cJSON_Delete()) or NULL after printing why. */
static cJSON *load(const char *file)
{
	int is_stdin = strcmp(file, "-") == 0;
	const char *name = is_stdin ? "<stdin>" : file;
	struct wa_err err;
	size_t len = 0, skip = 0;
	char *text;
	cJSON *doc;

	err_clear(&err);
	if (is_stdin ? fsio_read_fd(STDIN_FILENO, name, FSIO_JSON, &text, &len, &err)
	             : fsio_read(file, FSIO_JSON, &text, &len, &err)) {
		err_print(&err);
		return NULL;
	}
	/* Editors on some systems start UTF-8 files with a byte-order mark; it is not JSON. */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		skip = 3;
	doc = json_parse(text + skip, len - skip, name, &err);
	free(text);
	if (!doc)
		err_print(&err);
	return doc;
}

static int print(const cJSON *v, int compact, int unquoted)
{
	struct sbuf b = { 0 };
	char *s;

	/* The value is a file's text: made safe for the terminal, escaped in JSON. */
	if (unquoted && cJSON_IsString(v)) {
		safe_text(&b, v->valuestring, false);
		s = sbuf_take(&b);
		puts(s);
	} else {
		char *j = json_print(v, compact ? JSON_COMPACT : JSON_PRETTY);

		s = safe_json(j);
		free(j);
		puts(s);
	}
	free(s);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		err_say("wa-review: query: writing the result: %s\n", strerror(errno));
		return EXIT_BAD;
	}
	return EXIT_OK;
}

int cmd_query(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "compact", no_argument, NULL, 'c' },
		{ "unquoted", no_argument, NULL, 'u' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int compact = 0, unquoted = 0, ch, rc;
	struct jmespath *jp;
	struct wa_err err;
	cJSON *doc, *res;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, "cuh", opts, NULL)) != -1) {
		switch (ch) {
		case 'c': compact = 1; break;
		case 'u': unquoted = 1; break;
		case 'h': fputs(help, stdout); return EXIT_OK;
		default: return usage("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (argc - optind < 1)
		return usage("give a JMESPath expression");
	if (argc - optind > 2)
		return usage("unexpected argument '%s'", argv[optind + 2]);
	err_clear(&err);
	jp = jmespath_compile(argv[optind], &err);
	if (!jp) {
		err_say("wa-review: query: %s\n", err.msg);
		return EXIT_BAD;
	}
	doc = load(argc - optind == 2 ? argv[optind + 1] : "-");
	if (!doc) {
		jmespath_free(jp);
		return EXIT_BAD;
	}
	res = jmespath_search(jp, doc, &err);
	if (!res) {
		err_say("wa-review: query: %s\n", err.msg);
		rc = EXIT_BAD;
	} else {
		rc = print(res, compact, unquoted);
	}
	cJSON_Delete(res);
	cJSON_Delete(doc);
	jmespath_free(jp);
	return rc;
}
