/* Masking for reports: credentials always, account IDs and ARNs on request, and nothing
 * else (dates, hashes, ordinary URLs and IDs stay readable). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/evidence.h"
#include "model/milestone.h"
#include "model/roadmap_edit.h"
#include "report/redact.h"
#include "util/xalloc.h"

static void expect(const char *in, unsigned what, const char *out)
{
	char *got = redact_text(in, what);

	if (strcmp(got, out))
		fail_msg("redact(%s)\n  got    %s\n  wanted %s", in, got, out);
	free(got);
}

static const unsigned ALL = REDACT_SECRETS | REDACT_IDS;

static void test_account_ids(void **state)
{
	(void)state;
	expect("account 111122223333 and 012345678901.", ALL,
	       "account XXXXXXXXXXXX and XXXXXXXXXXXX.");
	expect("acct=111122223333,next", ALL, "acct=XXXXXXXXXXXX,next");
	/* Not 12 digits: left alone. */
	expect("11112222333 1111222233334 2026-11-26T10:00:00Z", ALL,
	       "11112222333 1111222233334 2026-11-26T10:00:00Z");
	/* Without --redact account IDs stay. */
	expect("account 111122223333", REDACT_SECRETS, "account 111122223333");
}

static void test_arns(void **state)
{
	(void)state;
	expect("db arn:aws:rds:eu-west-1:111122223333:db:orders-prod is single-AZ.", ALL,
	       "db arn:aws:rds:eu-west-1:XXXXXXXXXXXX:REDACTED is single-AZ.");
	expect("(arn:aws:s3:::checkout-receipts/2026/*)", ALL, "(arn:aws:s3:::REDACTED)");
	expect("\"arn:aws-us-gov:iam::123456789012:role/Deploy\",", ALL,
	       "\"arn:aws-us-gov:iam::XXXXXXXXXXXX:REDACTED\",");
	expect("arn:aws:iam::aws:policy/ReadOnlyAccess", ALL, "arn:aws:iam::aws:REDACTED");
	/* Not ARNs. */
	expect("learn:aws:x:y:z", ALL, "learn:aws:x:y:z");
	expect("arn: not one", ALL, "arn: not one");
	expect("arn:aws:rds:eu-west-1:111122223333:db:x", REDACT_SECRETS,
	       "arn:aws:rds:eu-west-1:111122223333:db:x");
}

static void test_credentials_always(void **state)
{
	(void)state;
	expect("key AKIAIOSFODNN7EXAMPLE here", REDACT_SECRETS, "key AKIAXXXXXXXXXXXXXXXX here");
	expect("ASIAY34FZKBOKMUTVV7A,", 0 | REDACT_SECRETS, "ASIAXXXXXXXXXXXXXXXX,");
	expect("secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY end", REDACT_SECRETS,
	       "secret [secret removed] end");
	/* Look-alikes that are not credentials. */
	expect("AKIASHORT and XAKIAIOSFODNN7EXAMPLE", REDACT_SECRETS,
	       "AKIASHORT and XAKIAIOSFODNN7EXAMPLE");
	expect("commit 0123456789abcdef0123456789abcdef01234567", REDACT_SECRETS,
	       "commit 0123456789abcdef0123456789abcdef01234567");
	expect("https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/x.html", ALL,
	       "https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/x.html");
	expect("Café — 日本語 i-0abc123def4567890", ALL, "Café — 日本語 i-0abc123def4567890");
}

static struct evidence *snapshot(const char *json)
{
	cJSON *j = cJSON_Parse(json);
	struct evidence *ev = NULL;
	struct wa_err err;

	err_clear(&err);
	if (!j || evidence_from_json(j, NULL, &ev, NULL, &err))
		fail_msg("bad snapshot: %s", err.msg);
	cJSON_Delete(j);
	return ev;
}

/* The snapshot's JSON form as text: every string it holds. Newly allocated. */
static char *evidence_text(const struct evidence *ev)
{
	cJSON *j = evidence_to_json(ev);
	char *s = cJSON_PrintUnformatted(j), *out = xstrdup(s);

	cJSON_free(s);
	cJSON_Delete(j);
	return out;
}

static void test_review_everywhere(void **state)
{
	struct review *rv = review_new();
	struct answer *a;
	char *text;
	(void)state;

	rv->wl.name = xstrdup("shop 111122223333");
	rv->wl.accounts = xcalloc(1, sizeof(char *));
	rv->wl.accounts[0] = xstrdup("111122223333");
	rv->wl.n_accounts = 1;
	a = review_get(rv, "REL01");
	a->notes =
	        xstrdup("see arn:aws:sqs:eu-west-1:111122223333:orders\nkey AKIAIOSFODNN7EXAMPLE");
	a->na_note = xstrdup("111122223333");
	rv->evidence = snapshot(
	        "{\"account\":\"111122223333\",\"findings\":[{\"probe\":\"p\",\"question\":"
	        "\"REL01\",\"title\":\"T\",\"best_practices\":[\"REL01-BP01\"],\"outcome\":"
	        "\"error\",\"results\":[{\"region\":\"eu-west-1\",\"outcome\":\"error\","
	        "\"text\":\"in 111122223333\",\"cited\":[\"arn:aws:ec2:eu-west-1:111122223333:"
	        "instance/i-1\"],\"error\":{\"call\":\"ec2:DescribeInstances in 111122223333\","
	        "\"message\":\"denied for AKIAIOSFODNN7EXAMPLE\"}}]}]}");
	rv->overrides = xcalloc(1, sizeof(*rv->overrides));
	rv->n_overrides = 1;
	rv->overrides[0].bp = xstrdup("REL01-BP01");
	rv->overrides[0].owner = xstrdup("ops 111122223333");
	rv->overrides[0].status = RM_WONT_DO;
	rv->overrides[0].reason = xstrdup("see 111122223333");
	rv->milestones = xcalloc(1, sizeof(*rv->milestones));
	rv->n_milestones = 1;
	rv->milestones[0].name = xstrdup("before 111122223333 moved");
	rv->milestones[0].date = xstrdup("2026-11-01");
	redact_review(rv, ALL);
	assert_string_equal(rv->wl.name, "shop XXXXXXXXXXXX");
	assert_string_equal(rv->wl.accounts[0], "XXXXXXXXXXXX");
	assert_string_equal(a->notes, "see arn:aws:sqs:eu-west-1:XXXXXXXXXXXX:REDACTED\n"
	                              "key AKIAXXXXXXXXXXXXXXXX");
	assert_string_equal(a->na_note, "XXXXXXXXXXXX");
	/* Every text of the sections, as a report would print them. */
	text = evidence_text(rv->evidence);
	assert_null(strstr(text, "1111"));
	assert_null(strstr(text, "AKIAIOSFODNN7EXAMPLE"));
	assert_non_null(strstr(text, "arn:aws:ec2:eu-west-1:XXXXXXXXXXXX:REDACTED"));
	free(text);
	assert_string_equal(rv->overrides[0].owner, "ops XXXXXXXXXXXX");
	assert_string_equal(rv->overrides[0].reason, "see XXXXXXXXXXXX");
	assert_string_equal(rv->milestones[0].name, "before XXXXXXXXXXXX moved");
	review_free(rv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_account_ids),
		cmocka_unit_test(test_arns),
		cmocka_unit_test(test_credentials_always),
		cmocka_unit_test(test_review_everywhere),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
