/* The endpoint data src/build/gen_endpoints.py takes from botocore (endpoint_data.c), for
 * endpoint.c. Not for use elsewhere. */
#ifndef WAR_AWS_ENDPOINT_INT_H
#define WAR_AWS_ENDPOINT_INT_H

#include "aws/endpoint.h"

struct endpoint_partition {
	const char *id;               /* "aws", "aws-cn", … */
	const char *region_regex;     /* POSIX extended: the Regions it claims */
	const char *dns_suffix;       /* "amazonaws.com" */
	const char *dualstack_suffix; /* "api.aws" */
};

/* When a rule applies. */
enum endpoint_when {
	ENDPOINT_ALWAYS,
	ENDPOINT_STS_GLOBAL, /* only with AWS_STS_REGIONAL_ENDPOINTS=legacy */
	ENDPOINT_S3_LEGACY,  /* only without AWS_S3_US_EAST_1_REGIONAL_ENDPOINT=regional */
};

/* An endpoint of a service that is not https://{prefix}[-fips].{Region}.{suffix}. */
struct endpoint_rule {
	const char *prefix;    /* the service's endpoint prefix */
	const char *partition; /* the partition's id */
	const char *region;    /* NULL: every Region of the partition */
	unsigned variant;      /* enum endpoint_variant, exactly */
	enum endpoint_when when;
	const char *host;           /* with {region}, {dns}, {ds}; NULL: there is none */
	const char *signing_region; /* NULL: the Region asked for */
};

/* Each ends with a member of NULLs. */
extern const struct endpoint_partition endpoint_partitions[];
extern const char *const endpoint_regions[][2]; /* Region, partition id */
extern const struct endpoint_rule endpoint_rules[];

#endif
