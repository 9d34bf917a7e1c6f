/* wa-review calc: composite availability of an expression, availability from MTBF and MTTR,
 * and the availability tiers table, with the downtime each allows. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli/cli.h"
#include "model/avail.h"
#include "util/err.h"
#include "util/xalloc.h"

static const char help[] =
        "usage: wa-review calc EXPR [--json]\n"
        "       wa-review calc --mtbf DURATION --mttr DURATION [--json]\n"
        "       wa-review calc --tiers [--json]\n"
        "\n"
        "Prints an availability and the downtime it allows per year, month, week and day.\n"
        "\n"
        "EXPR combines availabilities: A * B in series (both needed), A | B in parallel\n"
        "(either suffices), parentheses to group, A^N for N copies in series. Numbers are\n"
        "fractions (0.999) or percentages (99.9% or 99.9). '*' binds tighter than '|'.\n"
        "Quote it for the shell: wa-review calc '0.9999 * (0.999 | 0.999) * 0.9995'\n"
        "\n"
        "  --mtbf DURATION  mean time between failures (720h, 30d, \"2 weeks\")\n"
        "  --mttr DURATION  mean time to repair (30m, 1h30m); gives MTBF / (MTBF + MTTR)\n"
        "  --tiers          the availability tiers table: 90% to 99.999%\n"
        "  --json           print JSON instead of text\n"
        "\n"
        "A year is 365 days, a month a twelfth of a year.\n";

struct figure {
	double a;
	struct avail_downtime d;
};

static void figure_set(struct figure *f, double a)
{
	f->a = a;
	avail_downtime(a, &f->d);
}

static void print_figure(const struct figure *f)
{
	char pct[64], y[64], m[64], w[64], d[64];

	avail_format(f->a, pct, sizeof(pct));
	avail_format_duration(f->d.per_year, y, sizeof(y));
	avail_format_duration(f->d.per_month, m, sizeof(m));
	avail_format_duration(f->d.per_week, w, sizeof(w));
	avail_format_duration(f->d.per_day, d, sizeof(d));
	printf("availability        %s\n"
	       "downtime per year   %s\n"
	       "downtime per month  %s\n"
	       "downtime per week   %s\n"
	       "downtime per day    %s\n",
	       pct, y, m, w, d);
}

static cJSON *figure_json(const struct figure *f)
{
	cJSON *o = cJSON_CreateObject(), *secs, *text;
	char buf[64];
	const double v[4] = { f->d.per_year, f->d.per_month, f->d.per_week, f->d.per_day };
	static const char *const keys[4] = { "year", "month", "week", "day" };

	cJSON_AddNumberToObject(o, "availability", f->a);
	avail_format(f->a, buf, sizeof(buf));
	cJSON_AddStringToObject(o, "percent", buf);
	secs = cJSON_AddObjectToObject(o, "downtime_seconds");
	text = cJSON_AddObjectToObject(o, "downtime");
	for (int i = 0; i < 4; i++) {
		cJSON_AddNumberToObject(secs, keys[i], v[i]);
		avail_format_duration(v[i], buf, sizeof(buf));
		cJSON_AddStringToObject(text, keys[i], buf);
	}
	return o;
}

static void print_json(cJSON *o)
{
	char *text = cJSON_Print(o);

	puts(text);
	cJSON_free(text);
	cJSON_Delete(o);
}

static int tiers(int json)
{
	cJSON *arr = json ? cJSON_CreateArray() : NULL;

	if (!json)
		printf("%-13s %-23s %-15s %-12s %s\n", "availability", "nines", "down per year",
		       "per month", "per week");
	for (size_t i = 0; i < avail_n_tiers; i++) {
		struct figure f;
		char y[64], m[64], w[64];

		figure_set(&f, avail_tiers[i].availability);
		if (json) {
			cJSON *o = figure_json(&f);
			cJSON_AddStringToObject(o, "nines", avail_tiers[i].nines);
			cJSON_AddItemToArray(arr, o);
			continue;
		}
		avail_format_duration(f.d.per_year, y, sizeof(y));
		avail_format_duration(f.d.per_month, m, sizeof(m));
		avail_format_duration(f.d.per_week, w, sizeof(w));
		printf("%-13s %-23s %-15s %-12s %s\n", avail_tiers[i].label, avail_tiers[i].nines,
		       y, m, w);
	}
	if (json)
		print_json(arr);
	return EXIT_OK;
}

static int parse_time(const struct cli *c, const char *opt, const char *s, double *out)
{
	if (avail_parse_duration(s, out))
		return cli_usage_error(c, "calc",
		                       "%s: '%s' is not a duration such as 720h, 30m or "
		                       "1h30m",
		                       opt, s);
	return 0;
}

static int mtbf(const struct cli *c, const char *mtbf_s, const char *mttr_s, int json)
{
	double up, down;
	struct figure f;
	char a[64], b[64];

	if (parse_time(c, "--mtbf", mtbf_s, &up) || parse_time(c, "--mttr", mttr_s, &down))
		return EXIT_BAD;
	if (up <= 0)
		return cli_usage_error(c, "calc", "--mtbf must be longer than zero");
	figure_set(&f, avail_from_mtbf(up, down));
	if (json) {
		cJSON *o = figure_json(&f);
		cJSON_AddNumberToObject(o, "mtbf_seconds", up);
		cJSON_AddNumberToObject(o, "mttr_seconds", down);
		print_json(o);
		return EXIT_OK;
	}
	avail_format_duration(up, a, sizeof(a));
	avail_format_duration(down, b, sizeof(b));
	printf("MTBF %s (%s), MTTR %s (%s): MTBF / (MTBF + MTTR)\n", mtbf_s, a, mttr_s, b);
	print_figure(&f);
	return EXIT_OK;
}

static int expression(int argc, char **argv, int json)
{
	char *expr = NULL;
	size_t len = 0;
	struct wa_err err;
	struct figure f;
	double a;

	/* Words after calc form one expression, so unquoted "0.9 '*' 0.8" works too. */
	for (int i = 0; i < argc; i++) {
		size_t n = strlen(argv[i]);
		expr = xrealloc(expr, len + n + 2);
		if (len)
			expr[len++] = ' ';
		memcpy(expr + len, argv[i], n + 1);
		len += n;
	}
	err_clear(&err);
	if (avail_eval(expr, &a, &err)) {
		err_say("wa-review: calc: column %d: %s\n", err.col, err.msg);
		free(expr);
		return EXIT_BAD;
	}
	free(expr);
	figure_set(&f, a);
	if (json)
		print_json(figure_json(&f));
	else
		print_figure(&f);
	return EXIT_OK;
}

int cmd_calc(const struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "mtbf", required_argument, NULL, 'b' }, { "mttr", required_argument, NULL, 'r' },
		{ "tiers", no_argument, NULL, 't' },      { "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },       { NULL, 0, NULL, 0 },
	};
	const char *mtbf_s = NULL, *mttr_s = NULL;
	int json = 0, show_tiers = 0, ch, rest;

	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'b': mtbf_s = optarg; break;
		case 'r': mttr_s = optarg; break;
		case 't': show_tiers = 1; break;
		case 'j': json = 1; break;
		case 'h': fputs(help, stdout); return EXIT_OK;
		default: return cli_usage_error(c, "calc", "unknown option '%s'", argv[optind - 1]);
		}
	}
	rest = argc - optind;
	if (show_tiers) {
		if (rest || mtbf_s || mttr_s)
			return cli_usage_error(c, "calc", "--tiers goes alone");
		return tiers(json);
	}
	if (mtbf_s || mttr_s) {
		if (rest)
			return cli_usage_error(c, "calc",
			                       "give an expression or --mtbf and --mttr, "
			                       "not both");
		if (!mtbf_s || !mttr_s)
			return cli_usage_error(c, "calc", "--mtbf and --mttr go together");
		return mtbf(c, mtbf_s, mttr_s, json);
	}
	if (!rest)
		return cli_usage_error(c, "calc",
		                       "give an expression such as '0.9999 * (0.999 | "
		                       "0.999)', --mtbf and --mttr, or --tiers");
	return expression(rest, argv + optind, json);
}
