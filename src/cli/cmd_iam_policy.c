/* wa-review iam-policy: the least-privilege IAM policy for the loaded probes' calls. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "aws/client.h"
#include "cli/cli.h"
#include "evidence/iam.h"
#include "model/review.h"
#include "model/workload.h"
#include "util/xalloc.h"
#include "util/json.h"
#include "util/err.h"

static const char help[] =
        "usage: wa-review iam-policy [--question ID] [--calls] [--push]\n"
        "       wa-review iam-policy --role NAME [FILE | --accounts ID,ID] [--trust ARN]\n"
        "                            [--profile NAME] [--endpoint-url URL]\n"
        "\n"
        "Prints the IAM policy (JSON) that allows exactly the read-only calls the loaded\n"
        "question set's probes make, and the calls 'wa-review evidence' makes on its own\n"
        "(ec2:DescribeRegions for --regions all; sts:GetCallerIdentity needs no permission).\n"
        "Attach it to the role or user that collects evidence.\n"
        "\n"
        "  --question ID   only that question's probes\n"
        "  --calls         list the calls instead: service, operation and IAM action, one a\n"
        "                  line, tab-separated\n"
        "  --push          add what 'wa-review push' and 'pull' need: a statement with the\n"
        "                  Well-Architected Tool's reads they make, and one with exactly\n"
        "                  push's writes (the only calls wa-review makes that change AWS)\n"
        "\n"
        "With --role NAME (for 'evidence --role'), prints three documents in one JSON\n"
        "object: role_policy (the policy above, for role NAME in each account),\n"
        "role_trust_policy (who may assume NAME: the principal that runs evidence, in its\n"
        "account) and caller_policy (that principal's own statement allowing\n"
        "sts:AssumeRole on NAME in each of the workload's accounts, and\n"
        "organizations:ListAccountsForParent for --org-unit).\n"
        "\n"
        "  --role NAME       the role evidence assumes in each account\n"
        "  FILE              a review: its workload's account IDs (default: every account)\n"
        "  --accounts LIST   these account IDs instead\n"
        "  --trust ARN       the principal that runs evidence (an IAM user or role ARN, or\n"
        "                    an STS assumed-role ARN); default: asks STS who you are\n"
        "  --profile NAME, --endpoint-url URL  for that question\n";

/* What --role needs: the role, the accounts, and who assumes it. */
struct role_opts {
	const char *role, *trust, *file, *accounts_arg;
	struct aws_settings_in in;
	char **accounts;
	size_t n_accounts;
};

/* An STS assumed-role ARN as the IAM role it is a session of; other ARNs unchanged.
 * Newly allocated. */
static char *principal_of(const char *arn)
{
	char part[32], acct[16], role[256];

	if (sscanf(arn, "arn:%31[^:]:sts::%15[0-9]:assumed-role/%255[^/]/", part, acct, role) == 3)
		return xasprintf("arn:%s:iam::%s:role/%s", part, acct, role);
	return xstrdup(arn);
}

/* The caller's principal ARN: --trust, else STS GetCallerIdentity. Newly allocated, or NULL
 * after printing why. */
static char *caller_arn(const struct cli *c, const struct role_opts *o)
{
	struct aws_client *client;
	struct aws_settings *s;
	cJSON *id = NULL;
	const cJSON *arn;
	struct wa_err err;
	char *out = NULL;

	if (o->trust)
		return xstrdup(o->trust);
	if (cli_refuse_offline(c, "iam-policy --role without --trust"))
		return NULL;
	err_clear(&err);
	if (aws_client_open(&o->in, NULL, &client, &err)) {
		err_print(&err);
		return NULL;
	}
	s = aws_client_settings(client);
	if (aws_client_call(client, "sts", "GetCallerIdentity", NULL,
	                    s->region ? s->region : "us-east-1", 0, &id, NULL, &err)) {
		err_print(&err);
	} else if (cJSON_IsString(arn = cJSON_GetObjectItemCaseSensitive(id, "Arn"))) {
		out = xstrdup(arn->valuestring);
	} else {
		fprintf(stderr, "wa-review: iam-policy: sts:GetCallerIdentity returned no Arn\n");
	}
	cJSON_Delete(id);
	aws_client_free(client);
	return out;
}

/* The trust policy and the caller's statement for --role; returns 0 with them added to
 * out, or EXIT_BAD after printing why. */
static int role_documents(const struct cli *c, const struct role_opts *o, cJSON *out)
{
	char part[32], acct[16];
	char *arn = caller_arn(c, o), *principal, *root;
	cJSON *trust, *st, *caller, *res, *cond;

	if (!arn)
		return EXIT_BAD;
	if (sscanf(arn, "arn:%31[^:]:%*[a-z]::%15[0-9]:", part, acct) != 2 || strlen(acct) != 12) {
		cli_usage_error(c, "iam-policy",
		                "--trust: '%s' is not an IAM or STS principal ARN such as "
		                "arn:aws:iam::111122223333:role/Auditor",
		                arn);
		free(arn);
		return EXIT_BAD;
	}
	principal = principal_of(arn);
	root = xasprintf("arn:%s:iam::%s:root", part, acct);
	/* the account trusts the role to its principal alone: root as the principal, the
	 * exact ARN as a condition (works for roles recreated under the same name) */
	trust = cJSON_AddObjectToObject(out, "role_trust_policy");
	cJSON_AddStringToObject(trust, "Version", "2012-10-17");
	st = cJSON_CreateObject();
	cJSON_AddStringToObject(st, "Sid", "WaReviewEvidence");
	cJSON_AddStringToObject(st, "Effect", "Allow");
	cJSON_AddStringToObject(cJSON_AddObjectToObject(st, "Principal"), "AWS", root);
	cJSON_AddStringToObject(st, "Action", "sts:AssumeRole");
	cond = cJSON_AddObjectToObject(cJSON_AddObjectToObject(st, "Condition"), "ArnEquals");
	cJSON_AddStringToObject(cond, "aws:PrincipalArn", principal);
	cJSON_AddItemToArray(cJSON_AddArrayToObject(trust, "Statement"), st);

	caller = cJSON_AddObjectToObject(out, "caller_policy");
	cJSON_AddStringToObject(caller, "Version", "2012-10-17");
	st = cJSON_CreateObject();
	cJSON_AddStringToObject(st, "Sid", "WaReviewAssumeRole");
	cJSON_AddStringToObject(st, "Effect", "Allow");
	cJSON_AddStringToObject(st, "Action", "sts:AssumeRole");
	res = cJSON_AddArrayToObject(st, "Resource");
	for (size_t i = 0; i < o->n_accounts; i++) {
		char *r = xasprintf("arn:%s:iam::%s:role/%s", part, o->accounts[i], o->role);
		cJSON_AddItemToArray(res, cJSON_CreateString(r));
		free(r);
	}
	if (!o->n_accounts) {
		char *r = xasprintf("arn:%s:iam::*:role/%s", part, o->role);
		cJSON_AddItemToArray(res, cJSON_CreateString(r));
		free(r);
	}
	cJSON_AddItemToArray(cJSON_AddArrayToObject(caller, "Statement"), st);
	st = cJSON_CreateObject();
	cJSON_AddStringToObject(st, "Sid", "WaReviewOrgUnit");
	cJSON_AddStringToObject(st, "Effect", "Allow");
	cJSON_AddStringToObject(st, "Action", "organizations:ListAccountsForParent");
	cJSON_AddStringToObject(st, "Resource", "*");
	cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(caller, "Statement"), st);
	free(root);
	free(principal);
	free(arn);
	return 0;
}

static void add_account(struct role_opts *o, const char *id)
{
	for (size_t i = 0; i < o->n_accounts; i++)
		if (!strcmp(o->accounts[i], id))
			return;
	o->accounts = xrealloc(o->accounts, (o->n_accounts + 1) * sizeof(*o->accounts));
	o->accounts[o->n_accounts++] = xstrdup(id);
}

/* The accounts: --accounts, else the review's workload. Returns 0, or EXIT_BAD. */
static int role_accounts(const struct cli *c, const struct qset *qs, struct role_opts *o)
{
	if (o->accounts_arg) {
		char *copy = xstrdup(o->accounts_arg), *save = NULL, id[13];
		int rc = 0;

		for (char *t = strtok_r(copy, ",", &save); t && !rc; t = strtok_r(NULL, ",", &save))
			if (workload_parse_account(t, id))
				rc = cli_usage_error(
				        c, "iam-policy",
				        "--accounts: '%s' is not an AWS account ID (12 "
				        "digits)",
				        t);
			else
				add_account(o, id);
		free(copy);
		return rc;
	}
	if (o->file) {
		struct review *rv = cli_load_review(c, qs, o->file);

		if (!rv)
			return EXIT_BAD;
		for (size_t i = 0; i < rv->wl.n_accounts; i++)
			add_account(o, rv->wl.accounts[i]);
		review_free(rv);
	}
	return 0;
}

/* The calls pull and push make to read the Tool. */
static const char *const tool_reads[] = {
	"GetAnswer", "GetLensReview", "GetWorkload", "ListAnswers", "ListMilestones", NULL,
};

static void add_statement(cJSON *doc, const char *sid, const char *const *ops)
{
	cJSON *st = cJSON_CreateObject(), *actions;
	char buf[128];

	cJSON_AddStringToObject(st, "Sid", sid);
	cJSON_AddStringToObject(st, "Effect", "Allow");
	actions = cJSON_AddArrayToObject(st, "Action");
	for (size_t i = 0; ops[i]; i++) {
		snprintf(buf, sizeof(buf), "wellarchitected:%s", ops[i]);
		cJSON_AddItemToArray(actions, cJSON_CreateString(buf));
	}
	cJSON_AddStringToObject(st, "Resource", "*");
	cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(doc, "Statement"), st);
}

int cmd_iam_policy(const struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "question", required_argument, NULL, 'q' },
		{ "calls", no_argument, NULL, 'c' },
		{ "push", no_argument, NULL, 'p' },
		{ "role", required_argument, NULL, 'R' },
		{ "trust", required_argument, NULL, 'T' },
		{ "accounts", required_argument, NULL, 'A' },
		{ "profile", required_argument, NULL, 'P' },
		{ "endpoint-url", required_argument, NULL, 'E' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *question = NULL;
	int ch, calls = 0, push = 0, rc = EXIT_OK;
	struct role_opts ro = { 0 };
	struct qset *qs;

	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'q': question = optarg; break;
		case 'c': calls = 1; break;
		case 'p': push = 1; break;
		case 'R': ro.role = optarg; break;
		case 'T': ro.trust = optarg; break;
		case 'A': ro.accounts_arg = optarg; break;
		case 'P': ro.in.profile = optarg; break;
		case 'E': ro.in.endpoint_url = optarg; break;
		case 'h': fputs(help, stdout); return EXIT_OK;
		default:
			return cli_usage_error(c, "iam-policy", "unknown option '%s'",
			                       argv[optind - 1]);
		}
	}
	if (!ro.role && (ro.trust || ro.accounts_arg || argc - optind > 0))
		return argc - optind > 0 ? cli_usage_error(c, "iam-policy",
		                                           "unexpected argument '%s'", argv[optind])
		                         : cli_usage_error(c, "iam-policy",
		                                           "--trust and --accounts go with --role");
	if (argc - optind > 1 || (ro.accounts_arg && argc - optind))
		return cli_usage_error(c, "iam-policy",
		                       "give one review FILE or --accounts, not more");
	if (ro.role && calls)
		return cli_usage_error(c, "iam-policy", "--calls does not go with --role");
	ro.file = argc - optind ? argv[optind] : NULL;
	qs = cli_load_qset(c);
	if (!qs)
		return EXIT_BAD;
	if (question && !qset_find_question(qs, question)) {
		cli_usage_error(c, "iam-policy", "no question '%s' in set '%s'", question, qs->id);
		qset_free(qs);
		return EXIT_BAD;
	}
	if (calls) {
		size_t n;
		struct iam_call *v = iam_calls(qs, question, true, &n);
		char buf[256];

		for (size_t i = 0; i < n; i++)
			printf("%s\t%s\t%s\n", v[i].service, v[i].operation,
			       iam_call_free(v[i].service, v[i].operation)
			               ? "-"
			               : iam_action(v[i].service, v[i].operation, buf,
			                            sizeof(buf)));
		free(v);
		for (size_t i = 0; push && tool_reads[i]; i++)
			printf("wellarchitected\t%s\twellarchitected:%s\n", tool_reads[i],
			       tool_reads[i]);
		for (size_t i = 0; push && aws_client_push_ops[i]; i++)
			printf("wellarchitected\t%s\twellarchitected:%s\n", aws_client_push_ops[i],
			       aws_client_push_ops[i]);
	} else {
		cJSON *doc = iam_policy(qs, question);
		char *text;

		if (push) {
			add_statement(doc, "WaReviewPull", tool_reads);
			add_statement(doc, "WaReviewPushWrites", aws_client_push_ops);
		}
		if (ro.role) {
			cJSON *all = cJSON_CreateObject();

			cJSON_AddItemToObject(all, "role_policy", doc);
			doc = all;
			rc = role_accounts(c, qs, &ro);
			if (!rc)
				rc = role_documents(c, &ro, doc);
		}
		text = rc ? NULL : json_print(doc, JSON_PRETTY);
		if (text)
			puts(text);
		free(text);
		cJSON_Delete(doc);
	}
	for (size_t i = 0; i < ro.n_accounts; i++)
		free(ro.accounts[i]);
	free(ro.accounts);
	qset_free(qs);
	return rc;
}
