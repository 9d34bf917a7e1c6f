#include "evidence/iam.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* The client's service name → IAM service prefix. Sources: the Service Authorization
 * Reference, https://docs.aws.amazon.com/service-authorization/latest/reference/
 * reference_policies_actions-resources-contextkeys.html, one page per service (the page
 * names are given after each entry); sorted by name for bsearch. */
static const struct service {
	const char *name;
	const char *prefix;
} services[] = {
	{ "apigateway", "apigateway" }, /* list_amazonapigatewaymanagement.html */
	{ "appconfig", "appconfig" },   /* list_awsappconfig.html */
	{ "application-autoscaling",
	  "application-autoscaling" },            /* list_applicationautoscaling.html */
	{ "autoscaling", "autoscaling" },         /* list_amazonec2autoscaling.html */
	{ "backup", "backup" },                   /* list_awsbackup.html */
	{ "cloudformation", "cloudformation" },   /* list_awscloudformation.html */
	{ "cloudfront", "cloudfront" },           /* list_amazoncloudfront.html */
	{ "cloudtrail", "cloudtrail" },           /* list_awscloudtrail.html */
	{ "cloudwatch", "cloudwatch" },           /* list_amazoncloudwatch.html */
	{ "codedeploy", "codedeploy" },           /* list_awscodedeploy.html */
	{ "codepipeline", "codepipeline" },       /* list_awscodepipeline.html */
	{ "config", "config" },                   /* list_awsconfig.html */
	{ "directconnect", "directconnect" },     /* list_awsdirectconnect.html */
	{ "dynamodb", "dynamodb" },               /* list_amazondynamodb.html */
	{ "ec2", "ec2" },                         /* list_amazonec2.html */
	{ "ecs", "ecs" },                         /* list_amazonelasticcontainerservice.html */
	{ "efs", "elasticfilesystem" },           /* list_amazonelasticfilesystem.html */
	{ "elasticache", "elasticache" },         /* list_amazonelasticache.html */
	{ "elb", "elasticloadbalancing" },        /* list_elasticloadbalancing.html */
	{ "elbv2", "elasticloadbalancing" },      /* list_elasticloadbalancingv2.html */
	{ "events", "events" },                   /* list_amazoneventbridge.html */
	{ "fis", "fis" },                         /* list_awsfaultinjectionservice.html */
	{ "iam", "iam" },                         /* list_awsidentityandaccessmanagementiam.html */
	{ "lambda", "lambda" },                   /* list_awslambda.html */
	{ "logs", "logs" },                       /* list_amazoncloudwatchlogs.html */
	{ "opensearch", "es" },                   /* list_amazonopensearchservice.html */
	{ "rds", "rds" },                         /* list_amazonrds.html */
	{ "redshift", "redshift" },               /* list_amazonredshift.html */
	{ "resiliencehub", "resiliencehub" },     /* list_awsresiliencehub.html */
	{ "resource-groups", "resource-groups" }, /* list_awsresourcegroups.html */
	{ "resourcegroupstaggingapi", "tag" },    /* list_amazonresourcegrouptaggingapi.html */
	{ "route53", "route53" },                 /* list_amazonroute53.html */
	{ "s3", "s3" },                           /* list_amazons3.html */
	{ "service-quotas", "servicequotas" },    /* list_servicequotas.html */
	{ "sns", "sns" },                         /* list_amazonsns.html */
	{ "sqs", "sqs" },                         /* list_amazonsqs.html */
	{ "ssm", "ssm" },                         /* list_awssystemsmanager.html */
	{ "ssm-incidents", "ssm-incidents" },     /* list_awssystemsmanagerincidentmanager.html */
	{ "stepfunctions", "states" },            /* list_awsstepfunctions.html */
	{ "sts", "sts" },                         /* list_awssecuritytokenservice.html */
	{ "synthetics", "synthetics" },           /* list_amazoncloudwatchsynthetics.html */
	{ "wafv2", "wafv2" },                     /* list_awswafv2.html */
	{ "wellarchitected", "wellarchitected" }, /* list_awswell-architectedtool.html */
	{ "xray", "xray" },                       /* list_awsx-ray.html */
};

/* Operations whose action is named otherwise, from the same pages (the "Actions" table maps
 * each action to its API operation). API Gateway's management API is authorized by HTTP
 * method, so every read there is apigateway:GET. Sorted by service, then operation. */
static const struct rename {
	const char *service;
	const char *op;
	const char *action;
} renames[] = {
	{ "s3", "GetBucketAccelerateConfiguration", "GetAccelerateConfiguration" },
	{ "s3", "GetBucketAnalyticsConfiguration", "GetAnalyticsConfiguration" },
	{ "s3", "GetBucketCors", "GetBucketCORS" },
	{ "s3", "GetBucketEncryption", "GetEncryptionConfiguration" },
	{ "s3", "GetBucketIntelligentTieringConfiguration", "GetIntelligentTieringConfiguration" },
	{ "s3", "GetBucketInventoryConfiguration", "GetInventoryConfiguration" },
	{ "s3", "GetBucketLifecycle", "GetLifecycleConfiguration" },
	{ "s3", "GetBucketLifecycleConfiguration", "GetLifecycleConfiguration" },
	{ "s3", "GetBucketMetricsConfiguration", "GetMetricsConfiguration" },
	{ "s3", "GetBucketNotificationConfiguration", "GetBucketNotification" },
	{ "s3", "GetBucketReplication", "GetReplicationConfiguration" },
	{ "s3", "GetObjectLockConfiguration", "GetBucketObjectLockConfiguration" },
	{ "s3", "GetPublicAccessBlock", "GetBucketPublicAccessBlock" },
	{ "s3", "ListBuckets", "ListAllMyBuckets" },
	{ "s3", "ListMultipartUploads", "ListBucketMultipartUploads" },
	{ "s3", "ListObjectVersions", "ListBucketVersions" },
	{ "s3", "ListObjects", "ListBucket" },
	{ "s3", "ListObjectsV2", "ListBucket" },
};

static int service_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct service *)elem)->name);
}

static const struct service *find_service(const char *name)
{
	return bsearch(name, services, sizeof(services) / sizeof(services[0]), sizeof(services[0]),
	               service_cmp);
}

int iam_service_known(const char *service)
{
	return find_service(service) != NULL;
}

size_t iam_service_count(void)
{
	return sizeof(services) / sizeof(services[0]);
}

const char *iam_service_name(size_t i)
{
	return i < iam_service_count() ? services[i].name : NULL;
}

const char *iam_action(const char *service, const char *op, char *buf, size_t len)
{
	const struct service *s = find_service(service);
	const char *action = op;

	if (!s)
		return NULL;
	if (!strcmp(service, "apigateway"))
		action = "GET";
	for (size_t i = 0; i < sizeof(renames) / sizeof(renames[0]); i++)
		if (!strcmp(renames[i].service, service) && !strcmp(renames[i].op, op))
			action = renames[i].action;
	snprintf(buf, len, "%s:%s", s->prefix, action);
	return buf;
}

int iam_call_free(const char *service, const char *op)
{
	/* "No permissions are required to perform this operation." (STS API reference,
	 * GetCallerIdentity) */
	return !strcmp(service, "sts") && !strcmp(op, "GetCallerIdentity");
}

static int call_cmp(const void *a, const void *b)
{
	const struct iam_call *x = a, *y = b;
	int c = strcmp(x->service, y->service);
	return c ? c : strcmp(x->operation, y->operation);
}

static void add_call(struct iam_call **v, size_t *n, size_t *cap, const char *service,
                     const char *op)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*v)[i].service, service) && !strcmp((*v)[i].operation, op))
			return;
	*v = xgrow(*v, cap, *n + 1, sizeof(**v));
	(*v)[*n].service = service;
	(*v)[*n].operation = op;
	(*n)++;
}

struct iam_call *iam_calls(const struct qset *qs, const char *qid, bool sweep, size_t *n)
{
	struct iam_call *v = NULL;
	size_t cap = 0;

	*n = 0;
	if (sweep) {
		add_call(&v, n, &cap, "sts", "GetCallerIdentity");
		add_call(&v, n, &cap, "ec2", "DescribeRegions");
	}
	for (size_t i = 0; i < qs->n_questions; i++) {
		const struct question *q = &qs->questions[i];

		if (qid && strcmp(q->id, qid))
			continue;
		for (size_t j = 0; j < q->n_probes; j++) {
			const struct probe *p = &q->probes[j];
			add_call(&v, n, &cap, p->call.service, p->call.operation);
			if (p->each.service)
				add_call(&v, n, &cap, p->each.service, p->each.operation);
			for (size_t w = 0; w < p->n_with; w++)
				add_call(&v, n, &cap, p->with[w].call.service,
				         p->with[w].call.operation);
		}
	}
	if (*n) /* a set without probes has no calls, and qsort() may not be given NULL */
		qsort(v, *n, sizeof(*v), call_cmp);
	return v;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

cJSON *iam_policy(const struct qset *qs, const char *qid)
{
	size_t n, n_actions = 0;
	struct iam_call *calls = iam_calls(qs, qid, true, &n);
	char **actions = xcalloc(n + 1, sizeof(*actions));
	cJSON *doc = cJSON_CreateObject(), *st, *list;
	char buf[256];

	for (size_t i = 0; i < n; i++) {
		if (iam_call_free(calls[i].service, calls[i].operation) ||
		    !iam_action(calls[i].service, calls[i].operation, buf, sizeof(buf)))
			continue;
		actions[n_actions++] = xstrdup(buf);
	}
	qsort(actions, n_actions, sizeof(*actions), str_cmp);
	cJSON_AddStringToObject(doc, "Version", "2012-10-17");
	st = cJSON_CreateObject();
	cJSON_AddStringToObject(st, "Sid", "WaReviewEvidenceReadOnly");
	cJSON_AddStringToObject(st, "Effect", "Allow");
	list = cJSON_AddArrayToObject(st, "Action");
	for (size_t i = 0; i < n_actions; i++)
		if (i == 0 || strcmp(actions[i], actions[i - 1]))
			cJSON_AddItemToArray(list, cJSON_CreateString(actions[i]));
	cJSON_AddStringToObject(st, "Resource", "*");
	cJSON_AddItemToArray(cJSON_AddArrayToObject(doc, "Statement"), st);
	for (size_t i = 0; i < n_actions; i++)
		free(actions[i]);
	free(actions);
	free(calls);
	return doc;
}
