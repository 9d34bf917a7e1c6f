/* Where an AWS call goes: the URL, the Host header and the Region to sign with, from the
 * service's model, the Region, the endpoint settings and an endpoint override, as botocore
 * 1.43 resolves them for the modelled services: https://{prefix}[-fips].{Region}.{suffix}
 * in the Region's partition (aws, aws-cn, aws-us-gov, aws-eusc, the ISO ones), its
 * dual-stack suffix when asked for, and the endpoints that differ from that (global services
 * on one endpoint and signing Region, GovCloud's FIPS hosts, STS's and S3's global
 * endpoints…) taken from botocore by src/build/gen_endpoints.py. S3 buckets move into the
 * host (virtual-hosted style) unless an override is set, the bucket is not DNS-safe, or the
 * operation wants path style; host prefixes go in front. */
#ifndef WAR_AWS_ENDPOINT_H
#define WAR_AWS_ENDPOINT_H

#include <stdbool.h>

#include "aws/proto.h"
#include "util/err.h"

enum endpoint_variant {
	ENDPOINT_FIPS = 1,      /* AWS_USE_FIPS_ENDPOINT */
	ENDPOINT_DUALSTACK = 2, /* AWS_USE_DUALSTACK_ENDPOINT */
};

struct endpoint_in {
	const struct aws_service_info *svc;
	const char *region;       /* the Region asked for; may be NULL for global services */
	const char *override_url; /* aws_settings_endpoint(), or NULL for the public one */
	const char *host_prefix;  /* from the model (already expanded), or NULL */
	const char *path;         /* the request path as serialized, percent-encoded */
	unsigned variant;         /* enum endpoint_variant; ignored with an override, as by
	                           * botocore */
	bool sts_global;          /* AWS_STS_REGIONAL_ENDPOINTS=legacy */
	bool s3_regional;         /* AWS_S3_US_EAST_1_REGIONAL_ENDPOINT=regional */
	bool path_style;          /* S3: the bucket stays in the path (GetBucketLocation) */
};

/* A resolved endpoint; every member owned, freed by endpoint_free(). */
struct endpoint {
	char *url;      /* scheme://host[:port][base]path, without the query */
	char *host;     /* the Host header as sent: host, or host:port when not default */
	char *host_key; /* scheme://host:port, what the transport's per-host cap counts */
	char *path;     /* the path as sent (and signed) */
	char *signing_region;
	int s3_virtual; /* 1 when the bucket moved from the path into the host */
};

/* Resolves in into *out. Returns 0, or -1 with err (no Region for a regional service, a
 * Region or override URL that is not well formed, a FIPS or dual-stack endpoint the service
 * does not have in that partition). *out is zeroed first; free it with endpoint_free() in
 * both cases. */
int endpoint_resolve(const struct endpoint_in *in, struct endpoint *out, struct wa_err *err);

/* Frees what *e owns and zeroes it. */
void endpoint_free(struct endpoint *e);

/* The partition a Region belongs to as botocore finds it ("aws", "aws-cn", "aws-eusc", …;
 * "aws" for a Region no partition claims); a static string. */
const char *endpoint_partition(const char *region);

#endif
