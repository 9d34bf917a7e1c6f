/* IAM names of the calls probes make, the least-privilege policy, and the table of
 * read-only operations the loader checks calls against. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "aws/proto.h"
#include "util/builtin.h"

#include "evidence/awsops.h"
#include "evidence/iam.h"
#include "store/qset_load.h"

static const char *action(const char *service, const char *op)
{
	static char buf[256];
	return iam_action(service, op, buf, sizeof(buf));
}

static void test_prefixes_and_renamed_actions(void **state)
{
	(void)state;
	/* Service Authorization Reference: the prefix is not always the API's name. */
	assert_string_equal(action("elbv2", "DescribeTargetGroups"),
	                    "elasticloadbalancing:DescribeTargetGroups");
	assert_string_equal(action("elb", "DescribeLoadBalancers"),
	                    "elasticloadbalancing:DescribeLoadBalancers");
	assert_string_equal(action("service-quotas", "GetServiceQuota"),
	                    "servicequotas:GetServiceQuota");
	assert_string_equal(action("stepfunctions", "ListStateMachines"),
	                    "states:ListStateMachines");
	assert_string_equal(action("logs", "DescribeLogGroups"), "logs:DescribeLogGroups");
	assert_string_equal(action("efs", "DescribeFileSystems"),
	                    "elasticfilesystem:DescribeFileSystems");
	assert_string_equal(action("cloudwatch", "DescribeAlarms"), "cloudwatch:DescribeAlarms");
	/* …and a few actions are not named after their operation. */
	assert_string_equal(action("s3", "ListBuckets"), "s3:ListAllMyBuckets");
	assert_string_equal(action("s3", "GetBucketReplication"), "s3:GetReplicationConfiguration");
	assert_string_equal(action("s3", "GetBucketVersioning"), "s3:GetBucketVersioning");
	assert_string_equal(action("apigateway", "GetRestApis"), "apigateway:GET");
	assert_null(action("nosuch", "ListThings"));
	assert_true(iam_call_free("sts", "GetCallerIdentity"));
	assert_false(iam_call_free("sts", "GetSessionToken"));
}

static void test_service_table(void **state)
{
	(void)state;
	/* Sorted (it is searched by bisection) and every service has its operations listed. */
	for (size_t i = 0; i < iam_service_count(); i++) {
		const char *s = iam_service_name(i);
		if (i)
			assert_true(strcmp(iam_service_name(i - 1), s) < 0);
		assert_true(iam_service_known(s));
		assert_non_null(awsops_near(s, "Describe"));
	}
	assert_null(iam_service_name(iam_service_count()));
	assert_false(iam_service_known("ec3"));
	assert_true(awsops_known("ec2", "DescribeVpcs"));
	assert_false(awsops_known("ec2", "DescribeVpc"));
	assert_false(awsops_known("ec2", "CreateVpc")); /* only read-only operations */
	assert_false(awsops_known("nosuch", "DescribeVpcs"));
	assert_string_equal(awsops_near("ec2", "DescribeVpc"), "DescribeVpcs");
}

/* The index the loader reads (src/aws/models/operations.txt) lists exactly the operations of
 * the built-in models: regenerating one without the other fails here. */
static void test_operation_index_matches_models(void **state)
{
	(void)state;
	const char *const *services = aws_model_services();
	const struct builtin_file *idx = builtin_find("src/aws/models/operations.txt");
	size_t total = 0, lines = 0;

	assert_non_null(idx);
	for (const char *p = idx->data; *p; p++)
		lines += *p == '\n';
	for (size_t i = 0; services[i]; i++) {
		const struct aws_model *m = aws_model_get(services[i], NULL);
		const struct aws_operation *op;

		assert_non_null(m);
		for (size_t j = 0; (op = aws_model_operation_at(m, j, NULL)); j++) {
			if (!awsops_known(services[i], aws_operation_name(op)))
				fail_msg("%s %s is modelled but not in operations.txt", services[i],
				         aws_operation_name(op));
			total++;
		}
	}
	assert_int_equal(lines, total);
}

static int has(const cJSON *list, const char *s)
{
	const cJSON *c;
	cJSON_ArrayForEach(c, list) if (!strcmp(c->valuestring, s)) return 1;
	return 0;
}

static void test_policy_covers_exactly_the_calls(void **state)
{
	(void)state;
	struct qset *qs = NULL;
	struct wa_err err;
	struct iam_call *calls;
	size_t n, n_probe_calls;
	cJSON *doc, *st, *actions;
	char buf[256];

	err_clear(&err);
	assert_int_equal(qset_load_builtin(&qs, &err), 0);
	calls = iam_calls(qs, NULL, true, &n);
	free(iam_calls(qs, NULL, false, &n_probe_calls));
	assert_int_equal(n, n_probe_calls + 2);
	for (size_t i = 1; i < n; i++) {
		int c = strcmp(calls[i - 1].service, calls[i].service);
		assert_true(c < 0 ||
		            (c == 0 && strcmp(calls[i - 1].operation, calls[i].operation) < 0));
	}
	doc = iam_policy(qs, NULL);
	assert_string_equal(cJSON_GetObjectItem(doc, "Version")->valuestring, "2012-10-17");
	st = cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "Statement"), 0);
	assert_string_equal(cJSON_GetObjectItem(st, "Effect")->valuestring, "Allow");
	assert_string_equal(cJSON_GetObjectItem(st, "Resource")->valuestring, "*");
	actions = cJSON_GetObjectItem(st, "Action");
	/* Every call's action is there, nothing else is, sorted and distinct. */
	for (size_t i = 0; i < n; i++)
		if (!iam_call_free(calls[i].service, calls[i].operation))
			assert_true(has(actions, iam_action(calls[i].service, calls[i].operation,
			                                    buf, sizeof(buf))));
	for (int i = 0; i < cJSON_GetArraySize(actions); i++) {
		const char *a = cJSON_GetArrayItem(actions, i)->valuestring;
		int found = 0;
		for (size_t k = 0; k < n; k++)
			found |= !iam_call_free(calls[k].service, calls[k].operation) &&
			         !strcmp(iam_action(calls[k].service, calls[k].operation, buf,
			                            sizeof(buf)),
			                 a);
		assert_true(found);
		if (i)
			assert_true(strcmp(cJSON_GetArrayItem(actions, i - 1)->valuestring, a) < 0);
		assert_null(strstr(a, ":Create"));
		assert_null(strstr(a, ":Delete"));
	}
	assert_false(has(actions, "sts:GetCallerIdentity"));
	assert_true(has(actions, "ec2:DescribeRegions"));
	cJSON_Delete(doc);
	free(calls);

	/* One question's policy is smaller and holds only its calls. */
	doc = iam_policy(qs, "REL10");
	actions = cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "Statement"), 0),
	                              "Action");
	assert_true(has(actions, "rds:DescribeDBInstances"));
	assert_false(has(actions, "backup:ListBackupPlans"));
	cJSON_Delete(doc);
	qset_free(qs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prefixes_and_renamed_actions),
		cmocka_unit_test(test_service_table),
		cmocka_unit_test(test_operation_index_matches_models),
		cmocka_unit_test(test_policy_covers_exactly_the_calls),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
