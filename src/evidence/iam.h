/* IAM action names for the calls probes make, and the least-privilege policy that allows
 * exactly those calls. The service's IAM prefix is not always its API name (elbv2 is
 * elasticloadbalancing, service-quotas is servicequotas, stepfunctions is states), and a
 * few services name actions differently from operations (S3's ListBuckets needs
 * s3:ListAllMyBuckets; API Gateway's reads all need apigateway:GET). */
#ifndef WAR_EVIDENCE_IAM_H
#define WAR_EVIDENCE_IAM_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "model/qset.h"

/* Whether wa-review knows the service (by the client's name: "ec2", "elbv2", "s3"). */
int iam_service_known(const char *service);

/* The services it knows: how many, and the i-th in alphabetical order (static; NULL when i
 * is out of range). */
size_t iam_service_count(void);
const char *iam_service_name(size_t i);

/* The IAM action that allows operation op of service ("elasticloadbalancing:
 * DescribeTargetGroups"), written into buf; returns buf, or NULL for an unknown service. */
const char *iam_action(const char *service, const char *op, char *buf, size_t len);

/* Whether the call needs no permission at all (sts:GetCallerIdentity). */
int iam_call_free(const char *service, const char *op);

/* One (service, operation) pair a sweep can send. */
struct iam_call {
	const char *service; /* borrowed from the set, or static */
	const char *operation;
};

/* Every distinct call the probes of qs make (question qid only, when not NULL), plus, with
 * sweep, the calls a sweep makes on its own (sts GetCallerIdentity for the account, ec2
 * DescribeRegions for --regions all), sorted by service then operation. Returns a newly
 * allocated array (free with free()) and its length in *n. */
struct iam_call *iam_calls(const struct qset *qs, const char *qid, bool sweep, size_t *n);

/* The IAM policy document (Version 2012-10-17, one Allow statement on Resource "*") for
 * those calls: their actions, sorted and distinct, leaving out calls that need no
 * permission. Returns a new cJSON object (cJSON_Delete()). */
cJSON *iam_policy(const struct qset *qs, const char *qid);

#endif
