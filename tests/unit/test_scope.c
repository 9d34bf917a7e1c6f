/* The workload's scope: the command line's specs, the words a snapshot keeps, the review
 * file's section, and how a probe's resource names are matched against what the Tagging
 * API, Resource Groups and stacks return. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "evidence/scope.h"
#include "model/scope.h"
#include "store/qset_load.h"
#include "store/review_io.h"
#include "util/xalloc.h"

static void test_specs_and_words(void **state)
{
	struct wl_scope s = { 0 };
	struct wa_err err;
	char *words;

	(void)state;
	err_clear(&err);
	assert_false(scope_is_set(&s));
	assert_null(scope_describe(&s));
	assert_int_equal(scope_add_spec(&s, "tag:app=checkout", &err), 0);
	assert_int_equal(scope_add_spec(&s, "tag:env=prod|staging", &err), 0);
	assert_int_equal(scope_add_spec(&s, "tag:app=shop", &err), 0); /* a second value */
	assert_int_equal(scope_add_spec(&s, "stack:checkout-app", &err), 0);
	assert_int_equal(scope_add_spec(&s, "stack:checkout-app", &err), 0); /* once */
	assert_int_equal(scope_add_spec(&s, "group:shop-rg", &err), 0);
	assert_true(scope_is_set(&s));
	assert_int_equal(s.n_tags, 2);
	assert_int_equal(s.tags[0].n_values, 2);
	assert_int_equal(s.n_stacks, 1);
	words = scope_describe(&s);
	assert_string_equal(words, "resources tagged app=checkout|shop and env=prod|staging, in "
	                           "resource group shop-rg, in stack checkout-app");
	free(words);
	assert_int_equal(scope_add_spec(&s, "nonsense", &err), -1);
	assert_non_null(strstr(err.msg, "use tag:KEY=VALUE, group:NAME, app:NAME, stack:NAME"));
	assert_int_equal(scope_add_spec(&s, "stack:", &err), -1);
	assert_non_null(strstr(err.msg, "names nothing after 'stack:'"));
	assert_int_equal(scope_add_spec(&s, "tag:=x", &err), -1);
	/* "account": the whole account again */
	assert_int_equal(scope_add_spec(&s, "account", &err), 0);
	assert_false(scope_is_set(&s));
	scope_clear(&s);
}

static void test_review_file(void **state)
{
	static const char text[] = "schema: 1\nquestion_set: {id: reliability}\nworkload:\n"
	                           "  name: w\n  scope:\n    tags: {app: shop, env: [prod, "
	                           "staging], owner: }\n    applications: [shop]\n";
	struct qset *qs = NULL;
	struct review *rv = NULL, *copy;
	struct wa_err err;
	char *out;

	(void)state;
	err_clear(&err);
	assert_int_equal(qset_load_builtin(&qs, &err), 0);
	assert_int_equal(review_parse("r.yaml", text, strlen(text), qs, &rv, &err), 0);
	assert_int_equal(rv->wl.scope.n_tags, 3);
	assert_int_equal(rv->wl.scope.tags[1].n_values, 2);
	assert_int_equal(rv->wl.scope.tags[2].n_values, 0); /* any value */
	assert_string_equal(rv->wl.scope.apps[0], "shop");
	copy = review_dup(rv);
	review_free(rv);
	out = review_format(copy, qs);
	assert_non_null(strstr(out, "  scope:\n    tags:\n      app: shop\n      env: [prod, "
	                            "staging]\n      owner: []\n    applications: [shop]\n"));
	free(out);
	review_free(copy);
	/* a scope of the wrong shape is refused where it stands */
	assert_int_equal(
	        review_parse("r.yaml",
	                     "schema: 1\nquestion_set: {id: reliability}\nworkload:\n"
	                     "  scope: {tags: {app: {a: 1}}}\n",
	                     strlen("schema: 1\nquestion_set: {id: reliability}\nworkload:\n"
	                            "  scope: {tags: {app: {a: 1}}}\n"),
	                     qs, &rv, &err),
	        -1);
	assert_int_equal(err.line, 4);
	assert_non_null(strstr(err.msg, "workload.scope.tags.app: expected a value or a list"));
	assert_int_equal(
	        review_parse("r.yaml",
	                     "schema: 1\nquestion_set: {id: reliability}\nworkload:\n"
	                     "  scope: {tag: {app: shop}}\n",
	                     strlen("schema: 1\nquestion_set: {id: reliability}\nworkload:\n"
	                            "  scope: {tag: {app: shop}}\n"),
	                     qs, &rv, &err),
	        -1);
	assert_non_null(strstr(err.msg, "unknown key 'tag'"));
	qset_free(qs);
}

/* A probe's names against ARNs and stack IDs: resource IDs, path segments, URLs; another
 * service's ARN with the same name does not count. */
static void test_matching(void **state)
{
	struct ev_scope *s = ev_scope_new();

	(void)state;
	ev_scope_add_arn(s, "arn:aws:rds:us-east-1:111122223333:db:shop-reports");
	ev_scope_add_arn(s, "arn:aws:sqs:us-east-1:111122223333:shop-emails");
	ev_scope_add_arn(s, "arn:aws:s3:::shop-logs");
	ev_scope_add_arn(s, "arn:aws:elasticloadbalancing:us-east-1:111122223333:"
	                    "loadbalancer/app/shop-alb/50dc6c495c0c9188");
	ev_scope_add_arn(s, "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/shop-fn");
	ev_scope_add_arn(s, "arn:aws:ec2:us-east-1:111122223333:vpc/vpc-0a1");
	ev_scope_add_id(s, "i-0abc"); /* a stack's PhysicalResourceId */
	assert_int_equal(ev_scope_count(s), 7);
	assert_true(ev_scope_has(s, "rds", "shop-reports"));
	assert_true(ev_scope_has(s, "sqs",
	                         "https://sqs.us-east-1.amazonaws.com/111122223333/shop-emails"));
	assert_true(ev_scope_has(s, "s3", "shop-logs"));
	assert_true(ev_scope_has(s, "elbv2", "shop-alb"));
	assert_true(ev_scope_has(s, "logs", "/aws/lambda/shop-fn"));
	assert_true(ev_scope_has(s, "ec2", "vpc-0a1"));
	assert_true(ev_scope_has(s, "ec2", "i-0abc"));
	assert_true(ev_scope_has(s, "rds", "arn:aws:rds:us-east-1:111122223333:db:shop-reports"));
	/* not in scope */
	assert_false(ev_scope_has(s, "rds", "other-db"));
	assert_false(ev_scope_has(s, "lambda", "shop-reports")); /* the name of an RDS instance */
	assert_false(ev_scope_has(s, "rds", "db"));              /* a resource type names nothing */
	assert_false(ev_scope_has(s, "sqs", ""));
	ev_scope_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_specs_and_words),
		cmocka_unit_test(test_review_file),
		cmocka_unit_test(test_matching),
	};
	return cmocka_run_group_tests_name("scope", tests, NULL, NULL);
}
