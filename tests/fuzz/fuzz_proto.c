/* libFuzzer target: response parsing in all five protocols. The first byte picks an
 * operation, the second a status (a result or an error), the rest is the body. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "aws/proto.h"
#include "util/err.h"

static const char *const fuzz_ops[][2] = {
	{ "ec2", "DescribeInstances" },
	{ "rds", "DescribeDBInstances" },
	{ "iam", "ListRoles" },
	{ "dynamodb", "DescribeTable" },
	{ "cloudwatch", "DescribeAlarms" },
	{ "lambda", "ListFunctions" },
	{ "backup", "ListBackupJobs" },
	{ "s3", "ListBuckets" },
	{ "s3", "GetBucketLocation" },
	{ "route53", "ListResourceRecordSets" },
	{ "cloudfront", "ListDistributions" },
	{ "sqs", "GetQueueAttributes" },
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const long statuses[] = { 200, 200, 200, 400, 403, 500, 503 };
	static const char *const headers[] = {
		"x-amzn-RequestId",
		"r-1",
		"x-amzn-query-error",
		"Throttling;Sender",
		"x-amzn-ErrorType",
		"ThrottlingException:http://x/",
		"x-amz-request-id",
		"r-2",
		NULL,
	};
	const struct aws_model *m;
	const struct aws_operation *op;
	struct aws_api_error aerr;
	struct wa_err err;
	cJSON *result = NULL;
	size_t n = sizeof(fuzz_ops) / sizeof(fuzz_ops[0]);

	if (size < 2)
		return 0;
	m = aws_model_get(fuzz_ops[data[0] % n][0], &err);
	op = m ? aws_model_operation(m, fuzz_ops[data[0] % n][1], &err) : NULL;
	if (!op)
		return 0;
	aws_proto_response(m, op, statuses[data[1] % 7], headers, (const char *)data + 2, size - 2,
	                   &result, &aerr, &err);
	cJSON_Delete(result);
	return 0;
}
