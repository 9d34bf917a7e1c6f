/* Published availability figures of common AWS services, as data: the defaults for a
 * component that names its service but gives no figure of its own.
 *
 * Each figure is the monthly uptime commitment of the service's SLA (AWS publishes SLAs, not
 * measured availability; they are the floor AWS pays credits below, which makes them the
 * honest default for planning). `single` applies to one copy in one AZ, `multi_az` to a
 * deployment across two or more AZs, or to the whole service when AWS spreads it over AZs
 * itself (`managed`). Entries are matched in order, so the more specific come first (Aurora
 * before RDS, DynamoDB global tables before DynamoDB). When an SLA page changes, change the
 * figure and the date in its comment together. */
#include "model/avail.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static const char *const ec2_aliases[] = { "ec2", "auto scaling", "autoscaling", "asg", NULL };
static const char *const ecs_aliases[] = { "ecs", "fargate", NULL };
static const char *const eks_aliases[] = { "eks", "kubernetes", NULL };
static const char *const aurora_aliases[] = { "aurora", NULL };
static const char *const rds_aliases[] = { "rds",        "mysql",   "postgresql",
	                                   "postgres",   "mariadb", "oracle",
	                                   "sql server", "db2",     NULL };
static const char *const elb_aliases[] = { "elb", "alb", "nlb", "load balancer", "load balancing",
	                                   NULL };
static const char *const s3_aliases[] = { "s3", NULL };
static const char *const ddb_global_aliases[] = { "dynamodb global tables", "dynamodb global table",
	                                          NULL };
static const char *const ddb_aliases[] = { "dynamodb", "dynamo", NULL };
static const char *const lambda_aliases[] = { "lambda", NULL };
static const char *const apigw_aliases[] = { "api gateway", "apigateway", NULL };
static const char *const sqs_aliases[] = { "sqs", NULL };
static const char *const sns_aliases[] = { "sns", NULL };
static const char *const cloudfront_aliases[] = { "cloudfront", "cdn", NULL };
static const char *const route53_aliases[] = { "route 53", "route53", "dns", NULL };
static const char *const elasticache_aliases[] = { "elasticache", "redis", "memcached", "valkey",
	                                           NULL };
static const char *const efs_aliases[] = { "efs", NULL };

const struct avail_service avail_services[] = {
	/* Amazon Compute SLA (updated 2022-05-05): Region-Level 99.99% for instances or tasks
	 * across two or more AZs; Instance-Level 99.5% for one EC2 instance. */
	{ "ec2", "Amazon EC2", ec2_aliases, 99.5, 99.99, false, false,
	  "https://aws.amazon.com/compute/sla/" },
	/* Same Compute SLA: ECS and Fargate are in the Region-Level 99.99%; AWS publishes no
	 * single-task figure, so the EC2 instance-level 99.5% stands in for one AZ. */
	{ "ecs", "Amazon ECS / AWS Fargate", ecs_aliases, 99.5, 99.99, false, false,
	  "https://aws.amazon.com/compute/sla/" },
	/* Amazon EKS SLA (updated 2022-05-04): 99.95% for the cluster's Kubernetes endpoint,
	 * which AWS runs across AZs. (Worker nodes are EC2 or Fargate: list them separately.) */
	{ "eks", "Amazon EKS", eks_aliases, 99.95, 99.95, true, false,
	  "https://aws.amazon.com/eks/sla/" },
	/* Amazon Aurora SLA (updated 2022-05-19): Multi-AZ cluster 99.99%, Single-AZ 99.9%. */
	{ "aurora", "Amazon Aurora", aurora_aliases, 99.9, 99.99, false, true,
	  "https://aws.amazon.com/rds/aurora/sla/" },
	/* Amazon RDS SLA (updated 2024-01-22): Multi-AZ instance or cluster 99.95%, Single-DB
	 * instance 99.5%. */
	{ "rds", "Amazon RDS", rds_aliases, 99.5, 99.95, false, true,
	  "https://aws.amazon.com/rds/sla/" },
	/* Elastic Load Balancing SLA (updated 2022-07-25): load balancer across two or more AZs
	 * 99.99%, in one AZ 99.9%. */
	{ "elb", "Elastic Load Balancing", elb_aliases, 99.9, 99.99, false, false,
	  "https://aws.amazon.com/elasticloadbalancing/sla/" },
	/* Amazon S3 SLA (updated 2023-11-28): S3 Standard 99.9% (Standard-IA, One Zone-IA and
	 * Intelligent-Tiering 99%: give `availability` for those). */
	{ "s3", "Amazon S3", s3_aliases, 99.9, 99.9, true, false,
	  "https://aws.amazon.com/s3/sla/" },
	/* Amazon DynamoDB SLA: Global Tables 99.999%. */
	{ "dynamodb-global", "Amazon DynamoDB global tables", ddb_global_aliases, 99.999, 99.999,
	  true, false, "https://aws.amazon.com/dynamodb/sla/" },
	/* Amazon DynamoDB SLA: Standard (one Region) 99.99%. */
	{ "dynamodb", "Amazon DynamoDB", ddb_aliases, 99.99, 99.99, true, false,
	  "https://aws.amazon.com/dynamodb/sla/" },
	/* AWS Lambda SLA: 99.95% per Region. */
	{ "lambda", "AWS Lambda", lambda_aliases, 99.95, 99.95, true, false,
	  "https://aws.amazon.com/lambda/sla/" },
	/* Amazon API Gateway SLA: 99.95% per Region (checked against a 2019 summary of AWS
	 * SLAs, not a current copy of the page). */
	{ "api-gateway", "Amazon API Gateway", apigw_aliases, 99.95, 99.95, true, false,
	  "https://aws.amazon.com/api-gateway/sla/" },
	/* Amazon SQS SLA: 99.9% (not checked against a current copy of the page). */
	{ "sqs", "Amazon SQS", sqs_aliases, 99.9, 99.9, true, false,
	  "https://aws.amazon.com/messaging/sla/" },
	/* Amazon SNS SLA: 99.9% (not checked against a current copy of the page). */
	{ "sns", "Amazon SNS", sns_aliases, 99.9, 99.9, true, false,
	  "https://aws.amazon.com/messaging/sla/" },
	/* Amazon CloudFront SLA: 99.9% (checked against a 2019 summary of AWS SLAs). */
	{ "cloudfront", "Amazon CloudFront", cloudfront_aliases, 99.9, 99.9, true, false,
	  "https://aws.amazon.com/cloudfront/sla/" },
	/* Amazon Route 53 SLA: 100% for DNS queries (checked against a 2019 summary). */
	{ "route53", "Amazon Route 53", route53_aliases, 100, 100, true, false,
	  "https://aws.amazon.com/route53/sla/" },
	/* Amazon ElastiCache SLA: Multi-AZ 99.99%, other configurations 99.9% (not checked
	 * against a current copy of the page). */
	{ "elasticache", "Amazon ElastiCache", elasticache_aliases, 99.9, 99.99, false, true,
	  "https://aws.amazon.com/elasticache/sla/" },
	/* Amazon EFS SLA: Regional file systems 99.99% (One Zone file systems 99.9%: give
	 * `availability` for those). Not checked against a current copy of the page. */
	{ "efs", "Amazon EFS", efs_aliases, 99.99, 99.99, true, false,
	  "https://aws.amazon.com/efs/sla/" },
};
const size_t avail_n_services = sizeof(avail_services) / sizeof(avail_services[0]);

static bool word_char(char c)
{
	return isalnum((unsigned char)c);
}

/* Whether word occurs in text[0..len) on word boundaries, ignoring case; spaces, hyphens and
 * underscores in the text all match a space in word. */
static bool has_word(const char *text, size_t len, const char *word)
{
	size_t wl = strlen(word);

	for (size_t i = 0; i + wl <= len; i++) {
		size_t j = 0;

		if (i > 0 && word_char(text[i - 1]))
			continue;
		for (; j < wl; j++) {
			char t = text[i + j], w = word[j];
			if (w == ' ' ? (t != ' ' && t != '-' && t != '_')
			             : tolower((unsigned char)t) != w)
				break;
		}
		if (j == wl && (i + wl == len || !word_char(text[i + wl])))
			return true;
	}
	return false;
}

const struct avail_service *avail_service_find(const char *text, size_t len)
{
	for (size_t i = 0; i < avail_n_services; i++) {
		const struct avail_service *e = &avail_services[i];

		if (has_word(text, len, e->key))
			return e;
		for (const char *const *a = e->aliases; *a; a++)
			if (has_word(text, len, *a))
				return e;
	}
	return NULL;
}
