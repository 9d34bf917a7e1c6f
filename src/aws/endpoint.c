#include "aws/endpoint.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "aws/http.h"
#include "util/xalloc.h"

static const char where[] = "endpoint";

/* Partitions by Region prefix, from botocore's endpoints.json (most specific first). */
static const struct {
	const char *prefix;
	const char *suffix;
	const char *name;
} partitions[] = {
	{ "cn-", "amazonaws.com.cn", "aws-cn" },      { "us-gov-", "amazonaws.com", "aws-us-gov" },
	{ "us-isob-", "sc2s.sgov.gov", "aws-iso-b" }, { "us-isof-", "csp.hci.ic.gov", "aws-iso-f" },
	{ "us-iso-", "c2s.ic.gov", "aws-iso" },       { "eu-isoe-", "cloud.adc-e.uk", "aws-iso-e" },
};

/* Services with one endpoint per partition (botocore's "partitionEndpoint"), and the
 * Region their calls are signed for. */
static const struct {
	const char *prefix; /* endpointPrefix */
	const char *partition;
	const char *host;
	const char *region;
} globals[] = {
	{ "iam", "aws", "iam.amazonaws.com", "us-east-1" },
	{ "iam", "aws-cn", "iam.cn-north-1.amazonaws.com.cn", "cn-north-1" },
	{ "iam", "aws-us-gov", "iam.us-gov.amazonaws.com", "us-gov-west-1" },
	{ "route53", "aws", "route53.amazonaws.com", "us-east-1" },
	{ "route53", "aws-cn", "route53.amazonaws.com.cn", "cn-northwest-1" },
	{ "route53", "aws-us-gov", "route53.us-gov.amazonaws.com", "us-gov-west-1" },
	{ "cloudfront", "aws", "cloudfront.amazonaws.com", "us-east-1" },
	{ "cloudfront", "aws-cn", "cloudfront.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1" },
	{ "organizations", "aws", "organizations.us-east-1.amazonaws.com", "us-east-1" },
	{ "organizations", "aws-cn", "organizations.cn-northwest-1.amazonaws.com.cn",
	  "cn-northwest-1" },
	{ "organizations", "aws-us-gov", "organizations.us-gov-west-1.amazonaws.com",
	  "us-gov-west-1" },
	{ "waf", "aws", "waf.amazonaws.com", "us-east-1" },
	{ "shield", "aws", "shield.us-east-1.amazonaws.com", "us-east-1" },
	{ "globalaccelerator", "aws", "globalaccelerator.us-west-2.amazonaws.com", "us-west-2" },
	{ "networkmanager", "aws", "networkmanager.us-west-2.amazonaws.com", "us-west-2" },
	{ "health", "aws", "health.us-east-1.amazonaws.com", "us-east-1" },
	{ "budgets", "aws", "budgets.amazonaws.com", "us-east-1" },
	{ "ce", "aws", "ce.us-east-1.amazonaws.com", "us-east-1" },
	{ "s3", "aws", "s3.amazonaws.com", NULL }, /* us-east-1 only; see resolve_public() */
};

static const char *partition_of(const char *region)
{
	for (size_t i = 0; i < sizeof(partitions) / sizeof(*partitions); i++)
		if (strncmp(region, partitions[i].prefix, strlen(partitions[i].prefix)) == 0)
			return partitions[i].name;
	return "aws";
}

const char *endpoint_dns_suffix(const char *region)
{
	for (size_t i = 0; region && i < sizeof(partitions) / sizeof(*partitions); i++)
		if (strncmp(region, partitions[i].prefix, strlen(partitions[i].prefix)) == 0)
			return partitions[i].suffix;
	return "amazonaws.com";
}

/* A Region is a DNS label: lowercase letters, digits and '-'. */
static bool region_ok(const char *r)
{
	if (!*r || strlen(r) > 63 || *r == '-')
		return false;
	for (; *r; r++)
		if (!(islower((unsigned char)*r) || isdigit((unsigned char)*r) || *r == '-'))
			return false;
	return true;
}

/* botocore's check for a bucket that can be a host name label (and, over TLS, one without
 * dots, which the wildcard certificate would not cover). */
static bool bucket_dns_ok(const char *b, size_t n)
{
	if (n < 3 || n > 63)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)b[i];

		if (!(islower(c) || isdigit(c) || c == '-'))
			return false;
	}
	return b[0] != '-' && b[n - 1] != '-';
}

static bool is_ip_or_localhost(const char *host)
{
	size_t n = strspn(host, "0123456789.");

	return host[n] == '\0' || strchr(host, ':') != NULL || strcmp(host, "localhost") == 0;
}

static char *host_header(const char *scheme, const char *host, int port)
{
	bool v6 = strchr(host, ':') != NULL;
	bool dflt = port == 0 || (strcmp(scheme, "https") == 0 && port == 443) ||
	            (strcmp(scheme, "http") == 0 && port == 80);

	if (dflt)
		return v6 ? xasprintf("[%s]", host) : xstrdup(host);
	return v6 ? xasprintf("[%s]:%d", host, port) : xasprintf("%s:%d", host, port);
}

static void fill(struct endpoint *out, const char *scheme, const char *host, int port,
                 const char *base, const char *path)
{
	int p = port ? port : strcmp(scheme, "http") == 0 ? 80 : 443;
	bool v6 = strchr(host, ':') != NULL;
	size_t bl = strlen(base);

	while (bl > 0 && base[bl - 1] == '/')
		bl--;
	out->host = host_header(scheme, host, port);
	out->host_key = v6 ? xasprintf("%s://[%s]:%d", scheme, host, p)
	                   : xasprintf("%s://%s:%d", scheme, host, p);
	out->path = xasprintf("%.*s%s", (int)bl, base, *path ? path : "/");
	out->url = xasprintf("%s://%s%s", scheme, out->host, out->path);
}

void endpoint_free(struct endpoint *e)
{
	free(e->url);
	free(e->host);
	free(e->host_key);
	free(e->path);
	free(e->signing_region);
	memset(e, 0, sizeof(*e));
}

int endpoint_resolve(const struct endpoint_in *in, struct endpoint *out, struct wa_err *err)
{
	const struct aws_service_info *svc = in->svc;
	const char *region = in->region, *path = in->path ? in->path : "/";
	const char *prefix = svc->endpoint_prefix ? svc->endpoint_prefix : "";
	bool is_s3 = strcmp(prefix, "s3") == 0;
	const char *host_prefix = in->host_prefix && *in->host_prefix ? in->host_prefix : "";
	char *host = NULL, *bucket_path = NULL;

	memset(out, 0, sizeof(*out));
	if (region && !region_ok(region))
		return err_set(err, where, 0, 0, "'%s' is not a Region name", region);
	if (*path != '/')
		return err_set(err, where, 0, 0, "request path '%s' does not start with '/'", path);

	if (in->override_url) {
		char *scheme, *h, *base;
		int port;

		if (http_url_split(in->override_url, &scheme, &h, &port, &base) != 0)
			return err_set(err, where, 0, 0,
			               "endpoint URL '%s' is not scheme://host[:port]",
			               in->override_url);
		if (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0) {
			err_set(err, where, 0, 0, "endpoint URL '%s': only http and https",
			        in->override_url);
			free(scheme);
			free(h);
			free(base);
			return -1;
		}
		/* Host prefixes name real AWS hosts; a loopback or IP endpoint cannot take one. */
		if (*host_prefix && !is_ip_or_localhost(h)) {
			host = xasprintf("%s%s", host_prefix, h);
			free(h);
			h = host;
		}
		/* With an override, S3 uses path style: the bucket stays in the path. */
		fill(out, scheme, h, port, base, path);
		if (region)
			out->signing_region = xstrdup(region);
		else if (svc->global && svc->global_region)
			out->signing_region = xstrdup(svc->global_region);
		else
			out->signing_region = xstrdup("us-east-1");
		free(scheme);
		free(h);
		free(base);
		return 0;
	}

	/* A global service: its partition's one endpoint, whatever the Region. */
	{
		const char *part = partition_of(region ? region : "");
		bool known_global = false;

		for (size_t i = 0; i < sizeof(globals) / sizeof(*globals); i++) {
			if (strcmp(globals[i].prefix, prefix) != 0 ||
			    strcmp(globals[i].partition, part) != 0)
				continue;
			if (is_s3 && !(region && strcmp(region, "us-east-1") == 0))
				break;
			host = xstrdup(globals[i].host);
			out->signing_region =
			        xstrdup(globals[i].region ? globals[i].region : "us-east-1");
			known_global = true;
			break;
		}
		/* Otherwise the model's own global endpoint (it names the aws partition's). */
		if (!known_global && svc->global && svc->global_region &&
		    strcmp(part, "aws") == 0) {
			host = svc->global_host
			               ? xstrdup(svc->global_host)
			               : xasprintf("%s.%s.%s", prefix, svc->global_region,
			                           endpoint_dns_suffix(svc->global_region));
			out->signing_region = xstrdup(svc->global_region);
		}
	}
	if (!host) {
		if (!region)
			return err_set(err, where, 0, 0,
			               "no Region for %s: give --region, or set AWS_REGION or the "
			               "profile's region",
			               prefix);
		host = xasprintf("%s.%s.%s", prefix, region, endpoint_dns_suffix(region));
		out->signing_region = xstrdup(region);
	}
	if (is_s3 && path[1]) {
		size_t n = strcspn(path + 1, "/");

		if (bucket_dns_ok(path + 1, n)) {
			char *vhost = xasprintf("%.*s.%s", (int)n, path + 1, host);

			free(host);
			host = vhost;
			bucket_path = xstrdup(path[1 + n] ? path + 1 + n : "/");
			out->s3_virtual = 1;
		}
	}
	if (*host_prefix) {
		char *ph = xasprintf("%s%s", host_prefix, host);

		free(host);
		host = ph;
	}
	fill(out, "https", host, 0, "", bucket_path ? bucket_path : path);
	free(host);
	free(bucket_path);
	return 0;
}
