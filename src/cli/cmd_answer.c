/* wa-review answer FILE QUESTION ...: record an answer from a script, under the edit lock. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "evidence/suggest.h"
#include "model/evidence.h"
#include "model/risk.h"
#include "store/review_edit.h"
#include "util/clock.h"
#include "util/err.h"
#include "util/xalloc.h"

static const char help[] =
        "usage: wa-review answer FILE QUESTION [options]\n"
        "\n"
        "Changes the answer to QUESTION (an ID such as REL01) in review FILE and saves it.\n"
        "Options not given leave that part of the answer as it was.\n"
        "\n"
        "  --select BP,...          the best practices in place (replaces the selection);\n"
        "                           full IDs (REL01-BP02) or short ones (BP02); '' clears\n"
        "  --none                   none of these best practices are in place\n"
        "  --not-applicable REASON  the question does not apply: out_of_scope,\n"
        "                           business_priorities, architecture_constraints or other\n"
        "  --na-note TEXT           why it does not apply (with --not-applicable)\n"
        "  --applicable             undo --not-applicable\n"
        "  --note TEXT              replace the discussion notes ('' clears them)\n"
        "  --flag, --unflag         mark or unmark the question for follow-up\n"
        "  --clear                  remove the whole answer first\n"
        "  --accept-evidence[=BP,...]\n"
        "                           take the answers the stored evidence suggests (see\n"
        "                           'wa-review evidence FILE'), for every best practice it\n"
        "                           has a verdict on or only those named; they are recorded\n"
        "                           as decided by evidence. --select and --none record the\n"
        "                           reviewers' decision where it differs.\n";

struct answer_opts {
	const char *select; /* NULL: unchanged */
	int none, applicable, clear, flag, unflag, accept;
	const char *na, *na_note, *note;
	const char *accept_bps; /* --accept-evidence=BP,...; NULL: all */
};

/* Resolves "BP02" or "REL01-BP02" to the question's best-practice index, or -1. */
static long resolve_bp(const struct question *q, const char *tok)
{
	long i = question_bp_index(q, tok);
	if (i < 0 && strncmp(tok, "BP", 2) == 0) {
		char *full = xasprintf("%s-%s", q->id, tok);
		i = question_bp_index(q, full);
		free(full);
	}
	return i;
}

/* Replaces a's selection with the listed IDs, kept in question-set order. */
static int set_selection(const struct cli *c, const struct question *q, struct answer *a,
                         const char *list)
{
	unsigned char *sel = xcalloc(q->n_bps, 1);
	char *copy = xstrdup(list), *save = NULL;

	for (char *tok = strtok_r(copy, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
		long i = resolve_bp(q, tok);
		if (i < 0) {
			cli_usage_error(c, "answer",
			                "'%s' is not a best practice of %s (%s-BP01 to "
			                "%s)",
			                tok, q->id, q->id, q->bps[q->n_bps - 1].id);
			free(copy);
			free(sel);
			return -1;
		}
		sel[i] = 1;
	}
	for (size_t i = 0; i < a->n_selected; i++)
		free(a->selected[i]);
	free(a->selected);
	a->selected = xcalloc(q->n_bps, sizeof(*a->selected));
	a->n_selected = 0;
	for (size_t i = 0; i < q->n_bps; i++)
		if (sel[i])
			a->selected[a->n_selected++] = xstrdup(q->bps[i].id);
	free(copy);
	free(sel);
	return 0;
}

/* Takes the evidence's suggestions into a (all, or the named best practices). Returns the
 * number accepted, or -1 after printing why not. */
static int accept_evidence(const struct cli *c, const struct question *q, struct answer *a,
                           const struct review *rv, const char *list)
{
	struct bp_suggestion *s;
	const char **bps = NULL;
	size_t n_bps = 0, n;
	char *copy = NULL, *save = NULL;
	int rc = -1;

	if (!rv->evidence) {
		cli_usage_error(c, "answer",
		                "the review holds no evidence yet: run 'wa-review evidence FILE' "
		                "first");
		return -1;
	}
	copy = list ? xstrdup(list) : NULL;
	bps = xcalloc(q->n_bps + 1, sizeof(*bps));
	for (char *t = copy ? strtok_r(copy, ", ", &save) : NULL; t;
	     t = strtok_r(NULL, ", ", &save)) {
		long i = resolve_bp(q, t);
		if (i < 0) {
			cli_usage_error(c, "answer", "'%s' is not a best practice of %s", t, q->id);
			goto out;
		}
		bps[n_bps++] = q->bps[i].id;
	}
	if (copy && !n_bps) {
		cli_usage_error(c, "answer", "--accept-evidence=: name at least one best practice");
		goto out;
	}
	s = suggest_question(q, rv->evidence);
	n = suggest_accept(q, a, s, bps, n_bps);
	suggest_free(s, q->n_bps);
	rc = (int)n;
out:
	free(bps);
	free(copy);
	return rc;
}

/* Best practices whose state the reviewers' options changed are theirs now, where evidence
 * had decided them before. */
static void reclaim(const struct question *q, struct answer *a, const unsigned char *before)
{
	for (size_t i = 0; i < q->n_bps; i++)
		if ((answer_has(a, q->bps[i].id) ? 1 : 0) != before[i] &&
		    answer_source(a, q->bps[i].id) == SOURCE_EVIDENCE)
			answer_set_source(a, q->bps[i].id, SOURCE_REVIEWER);
}

static void set_str(char **dst, const char *s)
{
	free(*dst);
	*dst = s && *s ? xstrdup(s) : NULL;
}

static int apply(const struct cli *c, const struct question *q, struct answer *a,
                 const struct review *rv, const struct answer_opts *o, int *accepted)
{
	unsigned char *before = xcalloc(q->n_bps + 1, 1);
	char now[32];

	if (o->clear) {
		char *qid = a->question;
		a->question = NULL;
		answer_clear(a);
		a->question = qid;
	}
	for (size_t i = 0; i < q->n_bps; i++)
		before[i] = answer_has(a, q->bps[i].id);
	if (o->accept && (*accepted = accept_evidence(c, q, a, rv, o->accept_bps)) < 0) {
		free(before);
		return -1;
	}
	if (o->select) {
		if (set_selection(c, q, a, o->select)) {
			free(before);
			return -1;
		}
		if (a->n_selected)
			a->none_of_these = false;
		/* The reviewers answer the question whole: nothing stays open. */
		while (a->n_open)
			answer_decide(a, a->open[0]);
	}
	if (o->none) {
		for (size_t i = 0; i < a->n_selected; i++)
			free(a->selected[i]);
		a->n_selected = 0;
		a->none_of_these = true;
	}
	if (!o->accept)
		reclaim(q, a, before);
	free(before);
	if (o->na) {
		a->na = na_reason_parse(o->na);
		if (a->na == NA_NO)
			return cli_usage_error(
			        c, "answer",
			        "--not-applicable takes out_of_scope, "
			        "business_priorities, architecture_constraints or other");
	}
	if (o->applicable)
		a->na = NA_NO;
	if (o->na_note)
		set_str(&a->na_note, o->na_note);
	if (a->na == NA_NO && a->na_note) {
		free(a->na_note);
		a->na_note = NULL;
	}
	if (o->note)
		set_str(&a->notes, o->note);
	if (o->flag)
		a->flagged = true;
	if (o->unflag)
		a->flagged = false;
	set_str(&a->updated, clock_iso(clock_now(), now, sizeof(now)));
	return 0;
}

static int check_opts(const struct cli *c, const struct answer_opts *o)
{
	if (o->none && o->select && *o->select)
		return cli_usage_error(c, "answer", "--none and --select contradict each other");
	if (o->na && o->applicable)
		return cli_usage_error(c, "answer",
		                       "--not-applicable and --applicable contradict "
		                       "each other");
	if (o->accept && (o->select || o->none))
		return cli_usage_error(c, "answer",
		                       "--accept-evidence and --select or --none "
		                       "contradict each other");
	if (o->flag && o->unflag)
		return cli_usage_error(c, "answer", "--flag and --unflag contradict each other");
	if (o->na_note && !o->na)
		return cli_usage_error(c, "answer", "--na-note goes with --not-applicable");
	if (!o->select && !o->none && !o->na && !o->applicable && !o->note && !o->flag &&
	    !o->unflag && !o->clear && !o->accept)
		return cli_usage_error(c, "answer",
		                       "nothing to change: give --select, --none, "
		                       "--not-applicable, --note, --flag or "
		                       "--accept-evidence");
	return 0;
}

int cmd_answer(const struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "select", required_argument, NULL, 's' },
		{ "none", no_argument, NULL, 'n' },
		{ "not-applicable", required_argument, NULL, 'a' },
		{ "na-note", required_argument, NULL, 'A' },
		{ "applicable", no_argument, NULL, 'p' },
		{ "note", required_argument, NULL, 'm' },
		{ "flag", no_argument, NULL, 'f' },
		{ "unflag", no_argument, NULL, 'u' },
		{ "clear", no_argument, NULL, 'c' },
		{ "accept-evidence", optional_argument, NULL, 'E' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct answer_opts o = { 0 };
	const char *file, *qid;
	const struct question *q;
	struct qset *qs;
	struct review_edit ed = { 0 };
	struct wa_err err;
	int ch, rc = EXIT_BAD, accepted = 0;

	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (cli_check_arg(c, "answer", opts, ch, optarg))
			return EXIT_BAD;
		switch (ch) {
		case 's': o.select = optarg; break;
		case 'n': o.none = 1; break;
		case 'a': o.na = optarg; break;
		case 'A': o.na_note = optarg; break;
		case 'p': o.applicable = 1; break;
		case 'm': o.note = optarg; break;
		case 'f': o.flag = 1; break;
		case 'u': o.unflag = 1; break;
		case 'c': o.clear = 1; break;
		case 'E':
			o.accept = 1;
			o.accept_bps = optarg;
			break;
		case 'h': fputs(help, stdout); return EXIT_OK;
		default:
			return cli_usage_error(c, "answer", "unknown option '%s'",
			                       argv[optind - 1]);
		}
	}
	if (argc - optind != 2)
		return cli_usage_error(c, "answer", "give a review FILE and a QUESTION ID");
	file = argv[optind];
	qid = argv[optind + 1];
	if (check_opts(c, &o))
		return EXIT_BAD;
	qs = cli_load_qset(c);
	if (!qs)
		return EXIT_BAD;
	q = qset_find_question(qs, qid);
	if (!q) {
		cli_usage_error(c, "answer", "no question '%s' in set '%s' (%s to %s)", qid, qs->id,
		                qs->questions[0].id, qs->questions[qs->n_questions - 1].id);
		goto out;
	}
	err_clear(&err);
	if (review_edit_open(&ed, file, qs, &err)) {
		err_print(&err);
		goto out;
	}
	if (apply(c, q, review_get(ed.rv, q->id), ed.rv, &o, &accepted))
		goto out;
	if (review_edit_commit(&ed, &err)) {
		err_print(&err);
		goto out;
	}
	{
		const struct answer *a = review_find(ed.rv, q->id);
		if (o.accept)
			printf("%s: accepted the evidence's suggestion for %d best practice%s%s\n",
			       q->id, accepted, accepted == 1 ? "" : "s",
			       accepted ? ""
			                : " (evidence decides a practice only when it proves it "
			                  "implemented or not implemented; see 'wa-review "
			                  "evidence')");
		char open[48] = "";

		if (a->n_open)
			snprintf(open, sizeof(open), ", %zu still open", a->n_open);
		printf("%s: %s (%zu of %zu best practices in place%s%s)\n", q->id,
		       qrisk_name(risk_question(q, a)), a->n_selected, q->n_bps, open,
		       a->flagged ? ", flagged for follow-up" : "");
	}
	rc = EXIT_OK;
out:
	review_edit_close(&ed);
	qset_free(qs);
	return rc;
}
