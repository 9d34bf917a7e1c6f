/* wa-review new FILE: create a review file with its workload definition. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "model/avail.h"
#include "model/workload.h"
#include "report/safe.h"
#include "store/review_edit.h"
#include "util/err.h"
#include "util/xalloc.h"

static const char help[] =
        "usage: wa-review new FILE [options]\n"
        "\n"
        "Creates review FILE (mode 0600) for the built-in or --questions set. It refuses to\n"
        "overwrite an existing file.\n"
        "\n"
        "  --name NAME              workload name (default: FILE's name without .yaml)\n"
        "  --description TEXT       what the workload does\n"
        "  --owner NAME             who owns the review\n"
        "  --environment ENV        production, pre-production, development, test or other\n"
        "  --criticality LEVEL      business criticality: critical, high, medium or low\n"
        "  --availability PERCENT   availability target, e.g. 99.95\n"
        "  --rto DURATION           recovery time objective, e.g. 4h, 1h30m, '4 hours'\n"
        "  --rpo DURATION           recovery point objective, e.g. 15m\n"
        "  --region R[,R...]        AWS Regions, e.g. eu-west-1 (repeatable)\n"
        "  --account ID[,ID...]     12-digit AWS account IDs, 1111-2222-3333 too (repeatable)\n"
        "  --participant 'NAME [ROLE]' someone taking part, e.g. 'Ravi Kumar [ops]' or\n"
        "                           NAME:ROLE (repeatable)\n"
        "  --scope SPEC             what of the account the review is about (repeatable):\n"
        "                           tag:KEY=VALUE, group:NAME, app:NAME, stack:NAME;\n"
        "                           default: the whole account\n";

static void push(char ***v, size_t *n, const char *s)
{
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = xstrdup(s);
}

static int parse_region(const char *s, char *out)
{
	if (!workload_valid_region(s) || strlen(s) > 63)
		return -1;
	strcpy(out, s);
	return 0;
}

/* Splits a comma list and appends each item as parse() writes it into a 64-byte buffer
 * (-1: refused). */
static int add_list(const struct cli *c, char ***v, size_t *n, const char *list,
                    int (*parse)(const char *s, char *out), const char *what)
{
	char *copy = xstrdup(list), *save = NULL, item[64];
	int rc = 0;

	for (char *t = strtok_r(copy, ",", &save); t && !rc; t = strtok_r(NULL, ",", &save)) {
		if (parse(t, item))
			rc = cli_usage_error(c, "new", "'%s' is not %s", t, what);
		else
			push(v, n, item);
	}
	free(copy);
	return rc ? -1 : 0;
}

/* "99.95" (a trailing % is allowed) -> 99.95; -1 unless 0 < v < 100. */
static int parse_percent(const char *s, double *out)
{
	char *end;
	double v = strtod(s, &end);

	if (end == s)
		return -1;
	if (*end == '%')
		end++;
	if (*end || !workload_valid_availability(v))
		return -1;
	*out = v;
	return 0;
}

static int set_field(const struct cli *c, int ch, const char *arg, struct workload *wl)
{
	char buf[64];
	long secs;

	switch (ch) {
	case 'N':
		free(wl->name);
		wl->name = xstrdup(arg);
		return 0;
	case 'D':
		free(wl->description);
		wl->description = xstrdup(arg);
		return 0;
	case 'o':
		free(wl->owner);
		wl->owner = xstrdup(arg);
		return 0;
	case 'e':
		if (!workload_valid_environment(arg))
			return cli_usage_error(
			        c, "new",
			        "--environment: '%s' is not one of "
			        "production, pre-production, development, test, other",
			        arg);
		free(wl->environment);
		wl->environment = xstrdup(arg);
		return 0;
	case 'k':
		if (!workload_valid_criticality(arg))
			return cli_usage_error(c, "new",
			                       "--criticality: '%s' is not one of "
			                       "critical, high, medium, low",
			                       arg);
		free(wl->criticality);
		wl->criticality = xstrdup(arg);
		return 0;
	case 'a':
		if (parse_percent(arg, &wl->availability))
			return cli_usage_error(c, "new",
			                       "--availability: '%s' is not a percentage "
			                       "between 0 and 100, such as 99.95",
			                       arg);
		return 0;
	case 't':
	case 'p':
		if (workload_parse_duration(arg, &secs))
			return cli_usage_error(c, "new",
			                       "--%s: '%s' is not a duration such as 15m, 4h, "
			                       "1h30m or '4 hours'",
			                       ch == 't' ? "rto" : "rpo", arg);
		free(ch == 't' ? wl->rto : wl->rpo);
		/* Kept in the one compact form the file and the wizard show. */
		*(ch == 't' ? &wl->rto : &wl->rpo) =
		        xstrdup(avail_format_duration_compact(secs, buf, sizeof(buf)));
		return 0;
	case 'r':
		return add_list(c, &wl->regions, &wl->n_regions, arg, parse_region,
		                "an AWS Region name such as eu-west-1");
	case 'A':
		return add_list(
		        c, &wl->accounts, &wl->n_accounts, arg, workload_parse_account,
		        "a 12-digit AWS account ID (such as 111122223333 or 1111-2222-3333)");
	case 'S': {
		struct wa_err err;

		err_clear(&err);
		if (scope_add_spec(&wl->scope, arg, &err))
			return cli_usage_error(c, "new", "--%s", err.msg);
		return 0;
	}
	case 'P': {
		char *name, *role, msg[300];
		struct participant *p;
		if (workload_parse_participant(arg, &name, &role, msg, sizeof(msg)))
			return cli_usage_error(c, "new", "--participant %s", msg);
		wl->participants = xrealloc(wl->participants,
		                            (wl->n_participants + 1) * sizeof(*wl->participants));
		p = &wl->participants[wl->n_participants++];
		p->name = name;
		p->role = role;
		return 0;
	}
	}
	return -1;
}

int cmd_new(const struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'N' },
		{ "description", required_argument, NULL, 'D' },
		{ "owner", required_argument, NULL, 'o' },
		{ "environment", required_argument, NULL, 'e' },
		{ "criticality", required_argument, NULL, 'k' },
		{ "availability", required_argument, NULL, 'a' },
		{ "rto", required_argument, NULL, 't' },
		{ "rpo", required_argument, NULL, 'p' },
		{ "region", required_argument, NULL, 'r' },
		{ "account", required_argument, NULL, 'A' },
		{ "participant", required_argument, NULL, 'P' },
		{ "scope", required_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct review *rv = review_new();
	struct review_edit ed = { 0 };
	struct qset *qs = NULL;
	struct wa_err err;
	const char *file;
	int ch, rc = EXIT_BAD;

	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (ch == 'h') {
			fputs(help, stdout);
			review_free(rv);
			return EXIT_OK;
		}
		if (ch == '?') {
			cli_usage_error(c, "new", "unknown option or missing value '%s'",
			                argv[optind - 1]);
			goto out;
		}
		if (cli_check_arg(c, "new", opts, ch, optarg) || set_field(c, ch, optarg, &rv->wl))
			goto out;
	}
	if (argc - optind != 1) {
		cli_usage_error(c, "new", "give the review FILE to create");
		goto out;
	}
	file = argv[optind];
	if (!rv->wl.name)
		rv->wl.name = review_edit_default_name(file);
	qs = cli_load_qset(c);
	if (!qs)
		goto out;
	rv->set_id = xstrdup(qs->id);
	rv->framework_version = xstrdup(qs->framework_version);
	err_clear(&err);
	rc = review_edit_create(&ed, file, qs, rv, &err);
	rv = NULL; /* the edit took it, even if it failed */
	if (rc || review_edit_commit(&ed, &err)) {
		err_print(&err);
		rc = EXIT_BAD;
		goto out;
	}
	{
		/* The name and the path are the user's bytes: shown safe, never acted on. */
		struct safe_stream ss;
		FILE *out = safe_stream_open(&ss, stdout);

		if (out) {
			fprintf(out, "created %s: review of '%s' against %s (%zu questions)\n",
			        file, ed.rv->wl.name, qs->name, qs->n_questions);
			safe_stream_close(&ss);
		}
	}
	rc = EXIT_OK;
out:
	review_edit_close(&ed);
	review_free(rv);
	qset_free(qs);
	return rc;
}
