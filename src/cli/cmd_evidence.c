/* wa-review evidence [FILE]: sweep the probes through the caller, print the findings per
 * question with suggested answers, and with FILE keep the snapshot in the review. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli/cli.h"
#include "evidence/accounts.h"
#include "evidence/caller.h"
#include "evidence/run.h"
#include "evidence/suggest.h"
#include "model/evidence.h"
#include "model/workload.h"
#include "report/safe.h"
#include "store/review_edit.h"
#include "util/err.h"
#include "util/json.h"
#include "util/xalloc.h"

static const char help[] =
        "usage: wa-review evidence [FILE] [--question ID] [--regions R1,R2|all]\n"
        "                          [--scope SPEC]... [--format text|json] [--profile NAME]\n"
        "                          [--endpoint-url URL]\n"
        "                          [--role NAME [--org-unit OU | --accounts ID,ID]]\n"
        "\n"
        "Runs the question set's evidence probes (read-only AWS calls, all at once) against\n"
        "the account your credentials reach, and prints what each found per question, with\n"
        "the answer the evidence suggests for each best practice. With FILE, the findings\n"
        "are also stored in the review's evidence section, under the review's lock.\n"
        "\n"
        "  --question ID      only that question's probes (FILE keeps the other findings)\n"
        "  --regions LIST     Regions to sweep, comma-separated, or 'all' for every Region\n"
        "                     enabled in the account; default: the review's workload Regions,\n"
        "                     else your default Region (AWS_REGION, the profile's region)\n"
        "  --scope SPEC       judge only the workload's resources (repeatable): tag:KEY=VALUE\n"
        "                     (VALUE may be V1|V2), group:NAME (a Resource Group),\n"
        "                     app:NAME (an AppRegistry application), stack:NAME (a\n"
        "                     CloudFormation stack), or account; default: the review's\n"
        "                     workload scope, else the whole account\n"
        "  --format FMT       text (default) or json\n"
        "  --profile NAME     the AWS profile to use\n"
        "  --endpoint-url URL send every call to URL (a local AWS emulator)\n"
        "  --role NAME        sweep each of the workload's accounts as the role NAME in it\n"
        "                     (STS AssumeRole of arn:aws:iam::ACCOUNT:role/NAME, session\n"
        "                     wa-review), all at once; findings are kept per account\n"
        "  --org-unit OU      with --role: the accounts of that Organizations OU (ou-…) or\n"
        "                     root (r-…), not the workload's\n"
        "  --accounts LIST    with --role: these account IDs, not the workload's\n"
        "\n"
        "Exit status: 0 no probe failed or erred, 1 some probe failed or could not run,\n"
        "2 bad usage, no way to reach AWS, or a review file that cannot be read or written.\n";

struct ev_opts {
	const char *file, *question, *regions, *format;
	struct ev_caller_opts caller;
	char **region_list;
	size_t n_regions;
	bool all_regions, json;
	struct wl_scope scope; /* --scope, when scope_given */
	bool scope_given;
	const char *role, *org_unit, *accounts_arg; /* as given */
	struct ev_targets targets;                  /* the three, checked */
	char **accounts; /* the accounts to assume role in (--accounts, the workload) */
	size_t n_accounts;
};

/* Splits --regions; returns 0, or EXIT_BAD after printing the bad name. */
static int parse_regions(const struct cli *c, struct ev_opts *o)
{
	char *copy, *save = NULL;

	if (!strcmp(o->regions, "all")) {
		o->all_regions = true;
		return 0;
	}
	copy = xstrdup(o->regions);
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		if (!workload_valid_region(t)) {
			cli_usage_error(c, "evidence",
			                "--regions: '%s' is not a Region name such as "
			                "eu-west-1",
			                t);
			free(copy);
			return EXIT_BAD;
		}
		o->region_list = xrealloc(o->region_list, (o->n_regions + 1) * sizeof(char *));
		o->region_list[o->n_regions++] = xstrdup(t);
	}
	free(copy);
	if (!o->n_regions)
		return cli_usage_error(c, "evidence",
		                       "--regions: name at least one Region, or all");
	return 0;
}

/* The verdict per best practice the probes speak to, with the sentence behind it. */
static void print_verdicts(FILE *out, const struct question *q, const struct evidence *ev)
{
	struct bp_suggestion *s = suggest_question(q, ev);
	bool header = false;

	for (size_t i = 0; i < q->n_bps; i++) {
		if (!s[i].v.n_reasons)
			continue;
		if (!header)
			fprintf(out, "  Verdicts:\n");
		header = true;
		fprintf(out, "    %-11s %-16s %s\n", s[i].bp->id, verdict_label(s[i].v.verdict),
		        s[i].v.why);
	}
	suggest_free(s, q->n_bps);
}

/* Resource names, messages and titles come from AWS and the question set: the text is
 * made safe for the terminal (report/safe.h) before it is written. */
static void print_text(const struct qset *qs, const struct evidence *ev, const char *source)
{
	struct safe_stream ss;
	FILE *out = safe_stream_open(&ss, stdout);
	size_t n[OUTCOME_FAIL + 1], cfg = 0, ran = 0;

	if (!out)
		return;
	if (ev->n_accounts) {
		fprintf(out, "Evidence from accounts ");
		for (size_t i = 0; i < ev->n_accounts; i++)
			fprintf(out, "%s%s", i ? ", " : "", ev->accounts[i]);
		fprintf(out, ", Region%s ", ev->n_regions == 1 ? "" : "s");
	} else {
		fprintf(out, "Evidence from account %s, Region%s ",
		        ev->account ? ev->account : "(unknown)", ev->n_regions == 1 ? "" : "s");
	}
	for (size_t i = 0; i < ev->n_regions; i++)
		fprintf(out, "%s%s", i ? ", " : "", ev->regions[i]);
	fprintf(out, ", collected %s\n", ev->collected ? ev->collected : "(unknown)");
	if (source)
		fprintf(out, "Source: %s\n", source);
	fprintf(out, "Scope: %s\n", ev->scope ? ev->scope : "the whole account");
	for (size_t i = 0; i < qs->n_questions; i++) {
		const struct question *q = &qs->questions[i];
		bool any = false;

		for (size_t j = 0; j < ev->n_findings; j++) {
			const struct finding *f = &ev->findings[j];
			/* a Config rule the account does not run says nothing: counted below */
			if (strcmp(f->question, q->id) ||
			    (f->source == SOURCE_CONFIG && f->outcome == OUTCOME_NOT_APPLICABLE))
				continue;
			if (!any)
				fprintf(out, "\n%s  %s\n", q->id, q->title);
			any = true;
			fprintf(out, "  %-6s %-28s %s%s\n", outcome_label(f->outcome), f->probe,
			        f->title, f->source == SOURCE_CONFIG ? " (from AWS Config)" : "");
			for (size_t k = 0; k < f->n_results; k++) {
				char where[64];
				fprintf(out, "         %-14s %s\n",
				        region_result_where(&f->results[k], where, sizeof(where)),
				        f->results[k].text ? f->results[k].text : "");
			}
		}
		if (any)
			print_verdicts(out, q, ev);
	}
	evidence_count(ev, NULL, n);
	fprintf(out, "\nSummary: %zu probes: %zu pass, %zu fail, %zu not applicable, %zu error\n",
	        ev->n_findings, n[OUTCOME_PASS], n[OUTCOME_FAIL], n[OUTCOME_NOT_APPLICABLE],
	        n[OUTCOME_ERROR]);
	for (size_t j = 0; j < ev->n_findings; j++) {
		cfg += ev->findings[j].source == SOURCE_CONFIG;
		ran += ev->findings[j].source == SOURCE_CONFIG &&
		       (ev->findings[j].outcome == OUTCOME_PASS ||
		        ev->findings[j].outcome == OUTCOME_FAIL);
	}
	if (cfg)
		fprintf(out,
		        "AWS Config: %zu of the %zu mapped rules have results in the account (the "
		        "others are not run there, evaluated nothing or could not be read)\n",
		        ran, cfg);
	safe_stream_close(&ss);
}

static void print_json(const struct qset *qs, const struct evidence *ev, const char *source)
{
	cJSON *root = cJSON_CreateObject(), *qa, *sum, *regions;
	size_t n[OUTCOME_FAIL + 1];
	char *text, *safe;

	if (ev->collected)
		cJSON_AddStringToObject(root, "collected", ev->collected);
	if (ev->account)
		cJSON_AddStringToObject(root, "account", ev->account);
	else
		cJSON_AddNullToObject(root, "account");
	if (ev->n_accounts) {
		cJSON *al = cJSON_AddArrayToObject(root, "accounts");
		for (size_t i = 0; i < ev->n_accounts; i++)
			cJSON_AddItemToArray(al, cJSON_CreateString(ev->accounts[i]));
	}
	regions = cJSON_AddArrayToObject(root, "regions");
	for (size_t i = 0; i < ev->n_regions; i++)
		cJSON_AddItemToArray(regions, cJSON_CreateString(ev->regions[i]));
	if (source)
		cJSON_AddStringToObject(root, "source", source);
	if (ev->scope)
		cJSON_AddStringToObject(root, "scope", ev->scope);
	else
		cJSON_AddNullToObject(root, "scope");
	evidence_count(ev, NULL, n);
	sum = cJSON_AddObjectToObject(root, "summary");
	cJSON_AddNumberToObject(sum, "probes", (double)ev->n_findings);
	for (int o = OUTCOME_NOT_APPLICABLE; o <= OUTCOME_FAIL; o++)
		cJSON_AddNumberToObject(sum, outcome_name((enum outcome)o), (double)n[o]);
	qa = cJSON_AddArrayToObject(root, "questions");
	for (size_t i = 0; i < qs->n_questions; i++) {
		const struct question *q = &qs->questions[i];
		cJSON *qo = NULL, *fl = NULL, *sl;
		struct bp_suggestion *s;

		for (size_t j = 0; j < ev->n_findings; j++) {
			if (strcmp(ev->findings[j].question, q->id))
				continue;
			if (!qo) {
				qo = cJSON_CreateObject();
				cJSON_AddStringToObject(qo, "id", q->id);
				cJSON_AddStringToObject(qo, "title", q->title);
				fl = cJSON_AddArrayToObject(qo, "findings");
			}
			cJSON_AddItemToArray(fl, finding_to_json(&ev->findings[j]));
		}
		if (!qo)
			continue;
		s = suggest_question(q, ev);
		sl = cJSON_AddArrayToObject(qo, "verdicts");
		for (size_t k = 0; k < q->n_bps; k++) {
			cJSON *so, *rs;
			if (!s[k].v.n_reasons)
				continue;
			so = cJSON_CreateObject();
			cJSON_AddStringToObject(so, "best_practice", s[k].bp->id);
			cJSON_AddStringToObject(so, "verdict", verdict_name(s[k].v.verdict));
			cJSON_AddStringToObject(so, "why", s[k].v.why);
			if (s[k].v.disagreement)
				cJSON_AddStringToObject(so, "disagreement", s[k].v.disagreement);
			cJSON_AddBoolToObject(so, "accepting_decides",
			                      suggest_decides(s[k].v.verdict));
			rs = cJSON_AddArrayToObject(so, "reasons");
			for (size_t m = 0; m < s[k].v.n_reasons; m++) {
				char *t = verdict_reason_text(&s[k].v.reasons[m]);
				cJSON_AddItemToArray(rs, cJSON_CreateString(t));
				free(t);
			}
			cJSON_AddItemToArray(sl, so);
		}
		suggest_free(s, q->n_bps);
		cJSON_AddItemToArray(qa, qo);
	}
	text = json_print(root, JSON_PRETTY);
	safe = safe_json(text); /* C1 and bidirectional controls as \u escapes */
	puts(safe);
	free(safe);
	free(text);
	cJSON_Delete(root);
}

/* Runs the sweep to the end on this thread (the caller sends each batch in parallel). */
static struct evidence *sweep(const struct qset *qs, struct ev_caller *caller,
                              const struct ev_opts *o, char *const *wl_regions, size_t n_wl_regions,
                              const struct wl_scope *scope)
{
	struct evidence_run_opts ro = { .scope = scope };
	struct evidence_run *run;
	struct evidence *ev = NULL;
	struct wa_err err;

	/* the OU's accounts and the roles come in the sweep's first step, as in the wizard;
	 * an account whose role fails is that account's error */
	ro.role = o->targets.role;
	ro.org_unit = o->targets.org_unit;
	ro.accounts = (const char *const *)o->accounts;
	ro.n_accounts = o->n_accounts;

	ro.question = o->question;
	ro.all_regions = o->all_regions;
	if (o->n_regions) {
		ro.regions = (const char *const *)o->region_list;
		ro.n_regions = o->n_regions;
	} else if (n_wl_regions) {
		ro.regions = (const char *const *)wl_regions;
		ro.n_regions = n_wl_regions;
	}
	err_clear(&err);
	if (evidence_run_new(qs, caller, &ro, &run, &err)) {
		err_print(&err);
		goto out;
	}
	while (evidence_run_step(run) > 0)
		;
	ev = evidence_run_take(run);
	if (!ev)
		err_print(evidence_run_error(run));
	evidence_run_free(run);
out:
	return ev;
}

int cmd_evidence(const struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "question", required_argument, NULL, 'q' },
		{ "regions", required_argument, NULL, 'r' },
		{ "format", required_argument, NULL, 'f' },
		{ "profile", required_argument, NULL, 'p' },
		{ "endpoint-url", required_argument, NULL, 'e' },
		{ "scope", required_argument, NULL, 's' },
		{ "role", required_argument, NULL, 'R' },
		{ "org-unit", required_argument, NULL, 'O' },
		{ "accounts", required_argument, NULL, 'A' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct ev_opts o = { 0 };
	struct qset *qs = NULL;
	struct review_edit ed = { 0 };
	struct ev_caller *caller = NULL;
	struct evidence *ev = NULL;
	struct wa_err err;
	size_t n[OUTCOME_FAIL + 1];
	int ch, rc = EXIT_BAD;

	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'q': o.question = optarg; break;
		case 'r': o.regions = optarg; break;
		case 'f': o.format = optarg; break;
		case 'p': o.caller.profile = optarg; break;
		case 'e': o.caller.endpoint_url = optarg; break;
		case 's':
			err_clear(&err);
			o.scope_given = true;
			if (scope_add_spec(&o.scope, optarg, &err)) {
				cli_usage_error(c, "evidence", "--%s", err.msg);
				goto out;
			}
			break;
		case 'R': o.role = optarg; break;
		case 'O': o.org_unit = optarg; break;
		case 'A': o.accounts_arg = optarg; break;
		case 'h': fputs(help, stdout); return EXIT_OK;
		default:
			return cli_usage_error(c, "evidence", "unknown option '%s'",
			                       argv[optind - 1]);
		}
	}
	if (cli_refuse_offline(c, "evidence"))
		return EXIT_BAD;
	if (argc - optind > 1)
		return cli_usage_error(c, "evidence", "give at most one review FILE");
	o.file = argc - optind == 1 ? argv[optind] : NULL;
	if (o.format && strcmp(o.format, "text") && strcmp(o.format, "json"))
		return cli_usage_error(c, "evidence", "--format takes text or json");
	o.json = o.format && !strcmp(o.format, "json");
	if (o.regions && parse_regions(c, &o))
		goto out;
	err_clear(&err);
	if (ev_targets_parse(&o.targets, o.role, o.org_unit, o.accounts_arg, &err)) {
		cli_usage_error(c, "evidence", "%s", err.msg);
		goto out;
	}
	qs = cli_load_qset(c);
	if (!qs)
		goto out;
	if (o.question && !qset_find_question(qs, o.question)) {
		cli_usage_error(c, "evidence", "no question '%s' in set '%s' (%s to %s)",
		                o.question, qs->id, qs->questions[0].id,
		                qs->questions[qs->n_questions - 1].id);
		goto out;
	}
	err_clear(&err);
	/* With FILE, the review stays locked through the sweep: nobody changes it meanwhile. */
	if (o.file && review_edit_open(&ed, o.file, qs, &err)) {
		err_print(&err);
		goto out;
	}
	if (o.role && !o.org_unit) {
		o.n_accounts =
		        ev_targets_accounts(&o.targets, ed.rv ? &ed.rv->wl : NULL, &o.accounts);
		if (!o.n_accounts) {
			cli_usage_error(c, "evidence",
			                "--role: %s lists no account IDs in its workload; add them "
			                "(wa-review new --account, or the wizard), or give "
			                "--accounts or --org-unit",
			                o.file ? o.file : "no review FILE given, so nothing");
			goto out;
		}
	}
	if (ev_caller_open(&o.caller, &caller, &err)) {
		err_print(&err);
		goto out;
	}
	/* --scope wins; else the review's; "--scope account" asks for the whole account */
	ev = sweep(qs, caller, &o, ed.rv ? ed.rv->wl.regions : NULL,
	           ed.rv ? ed.rv->wl.n_regions : 0,
	           o.scope_given ? &o.scope
	           : ed.rv       ? &ed.rv->wl.scope
	                         : NULL);
	if (!ev)
		goto out;
	if (o.json)
		print_json(qs, ev, caller->name);
	else
		print_text(qs, ev, caller->name);
	if (o.file) {
		evidence_store(ed.rv, qs, ev);
		if (review_edit_commit(&ed, &err)) {
			err_print(&err);
			goto out;
		}
	}
	if (o.file && !o.json)
		printf("Stored in %s.\n", o.file);
	evidence_count(ev, NULL, n);
	rc = n[OUTCOME_FAIL] || n[OUTCOME_ERROR] ? EXIT_FINDING : EXIT_OK;
out:
	evidence_free(ev);
	ev_caller_free(caller);
	review_edit_close(&ed);
	qset_free(qs);
	for (size_t i = 0; i < o.n_regions; i++)
		free(o.region_list[i]);
	free(o.region_list);
	ev_ids_free(o.accounts, o.n_accounts);
	ev_targets_clear(&o.targets);
	scope_clear(&o.scope);
	return rc;
}
