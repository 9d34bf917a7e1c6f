/* Where an AWS call goes: the URL, the Host header and the Region to sign with, from the
 * service's model, the Region, and an endpoint override — as botocore resolves them for
 * the operations we use: https://{endpointPrefix}.{region}.{dnsSuffix}, the partitions'
 * DNS suffixes (cn-* → amazonaws.com.cn, …), global services (iam, route53, cloudfront, …)
 * on their one endpoint and signing Region, S3 virtual-hosted buckets (path style when an
 * endpoint override is set or the bucket is not DNS-safe), and host prefixes. */
#ifndef WAR_AWS_ENDPOINT_H
#define WAR_AWS_ENDPOINT_H

#include "aws/proto.h"
#include "util/err.h"

struct endpoint_in {
	const struct aws_service_info *svc;
	const char *region;       /* the Region asked for; may be NULL for global services */
	const char *override_url; /* aws_settings_endpoint(), or NULL for the public one */
	const char *host_prefix;  /* from the model (already expanded), or NULL */
	const char *path;         /* the request path as serialized, percent-encoded */
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
 * Region or override URL that is not well formed). *out is zeroed first; free it with
 * endpoint_free() in both cases. */
int endpoint_resolve(const struct endpoint_in *in, struct endpoint *out, struct wa_err *err);

/* Frees what *e owns and zeroes it. */
void endpoint_free(struct endpoint *e);

/* The DNS suffix of the partition a Region belongs to ("amazonaws.com",
 * "amazonaws.com.cn", …); a static string. */
const char *endpoint_dns_suffix(const char *region);

#endif
