#include "aws/endpoint.h"

#include <ctype.h>
#include <regex.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "aws/endpoint_int.h"
#include "aws/http.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

static const char where[] = "endpoint";

/* botocore's aws.partition(): a Region it lists, else the first whose pattern matches,
 * else aws. */
static const struct endpoint_partition *partition_of(const char *region)
{
	const char *id = NULL;

	for (size_t i = 0; region && endpoint_regions[i][0] && !id; i++)
		if (!strcmp(endpoint_regions[i][0], region))
			id = endpoint_regions[i][1];
	for (const struct endpoint_partition *p = endpoint_partitions; p->id; p++) {
		regex_t re;
		bool match = false;

		if (id) {
			if (!strcmp(p->id, id))
				return p;
			continue;
		}
		if (region && regcomp(&re, p->region_regex, REG_EXTENDED | REG_NOSUB) == 0) {
			match = regexec(&re, region, 0, NULL, 0) == 0;
			regfree(&re);
		}
		if (match)
			return p;
	}
	return &endpoint_partitions[0];
}

const char *endpoint_partition(const char *region)
{
	return partition_of(region)->id;
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

/* Case 1, an override: its scheme, host and port, the path under its own, and the Region
 * asked for to sign with (path style for S3). */
static int resolve_override(const struct endpoint_in *in, const char *host_prefix,
                            struct endpoint *out, struct wa_err *err)
{
	char *scheme, *h, *base;
	int port, rc = 0;

	if (http_url_split(in->override_url, &scheme, &h, &port, &base) != 0)
		return err_set(err, where, 0, 0, "endpoint URL '%s' is not scheme://host[:port]",
		               in->override_url);
	if (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0) {
		rc = err_set(err, where, 0, 0, "endpoint URL '%s': only http and https",
		             in->override_url);
		goto out;
	}
	/* Host prefixes name real AWS hosts; a loopback or IP endpoint cannot take one. */
	if (*host_prefix && !is_ip_or_localhost(h)) {
		char *ph = xasprintf("%s%s", host_prefix, h);

		free(h);
		h = ph;
	}
	fill(out, scheme, h, port, base, in->path ? in->path : "/");
	out->signing_region =
	        xstrdup(in->region                                  ? in->region
	                : in->svc->global && in->svc->global_region ? in->svc->global_region
	                                                            : "us-east-1");
out:
	free(scheme);
	free(h);
	free(base);
	return rc;
}

static bool rule_applies(const struct endpoint_rule *r, const struct endpoint_in *in)
{
	switch (r->when) {
	case ENDPOINT_ALWAYS: break;
	case ENDPOINT_STS_GLOBAL: return in->sts_global;
	case ENDPOINT_S3_LEGACY: return !in->s3_regional;
	}
	return true;
}

/* The rule for the service in the Region's partition with exactly this variant: one for the
 * Region itself before one for the whole partition. NULL when the generic form holds. */
static const struct endpoint_rule *find_rule(const struct endpoint_in *in, const char *prefix,
                                             const struct endpoint_partition *part,
                                             unsigned variant)
{
	const struct endpoint_rule *any = NULL;

	for (const struct endpoint_rule *r = endpoint_rules; r->prefix; r++) {
		if (strcmp(r->prefix, prefix) != 0 || strcmp(r->partition, part->id) != 0 ||
		    r->variant != variant || !rule_applies(r, in))
			continue;
		if (!r->region)
			any = r;
		else if (in->region && !strcmp(r->region, in->region))
			return r;
	}
	return any;
}

/* A rule's host with {region}, {dns} and {ds} filled in. Returns it (free()). */
static char *expand(const char *tmpl, const char *region, const struct endpoint_partition *part)
{
	struct sbuf b = { 0 };

	for (const char *p = tmpl; *p;) {
		if (!strncmp(p, "{region}", 8)) {
			sbuf_puts(&b, region);
			p += 8;
		} else if (!strncmp(p, "{dns}", 5)) {
			sbuf_puts(&b, part->dns_suffix);
			p += 5;
		} else if (!strncmp(p, "{ds}", 4)) {
			sbuf_puts(&b, part->dualstack_suffix);
			p += 4;
		} else {
			sbuf_putc(&b, *p++);
		}
	}
	return sbuf_take(&b);
}

/* Case 2, the public endpoint: botocore's rule for the service, partition and variant, a
 * global service's one endpoint (named by the model, when no rule knows the service), or
 * https://{prefix}[-fips].{Region}.{suffix}. Sets *host (free()) and out->signing_region. */
static int resolve_public(const struct endpoint_in *in, struct endpoint *out, char **host,
                          struct wa_err *err)
{
	const struct aws_service_info *svc = in->svc;
	const char *prefix = svc->endpoint_prefix ? svc->endpoint_prefix : "";
	const struct endpoint_partition *part = partition_of(in->region);
	const struct endpoint_rule *r = find_rule(in, prefix, part, in->variant);
	bool fips = in->variant & ENDPOINT_FIPS, ds = in->variant & ENDPOINT_DUALSTACK;

	if (r && !r->host)
		return err_set(err, where, 0, 0, "%s has no %s%s%s endpoint in %s%s%s", prefix,
		               fips ? "FIPS" : "", fips && ds ? " " : "", ds ? "dual-stack" : "",
		               part->id, in->region ? ", Region " : "",
		               in->region ? in->region : "");
	if (r && (in->region || (!strstr(r->host, "{region}") && r->signing_region))) {
		*host = expand(r->host, in->region ? in->region : "", part);
		out->signing_region = xstrdup(r->signing_region ? r->signing_region : in->region);
		return 0;
	}
	if (!r && !in->variant && svc->global && svc->global_region && !strcmp(part->id, "aws")) {
		*host = svc->global_host ? xstrdup(svc->global_host)
		                         : xasprintf("%s.%s.%s", prefix, svc->global_region,
		                                     part->dns_suffix);
		out->signing_region = xstrdup(svc->global_region);
		return 0;
	}
	if (!in->region)
		return err_set(err, where, 0, 0,
		               "no Region for %s: give --region, or set AWS_REGION or the "
		               "profile's region",
		               prefix);
	*host = xasprintf("%s%s.%s.%s", prefix, fips ? "-fips" : "", in->region,
	                  ds ? part->dualstack_suffix : part->dns_suffix);
	out->signing_region = xstrdup(in->region);
	return 0;
}

/* Case 3, S3's virtual-hosted style: a DNS-safe bucket moves from the path into the host.
 * Returns the path that remains (borrowed from path, or "/"). */
static const char *s3_address(const struct endpoint_in *in, char **host, struct endpoint *out)
{
	const char *path = in->path ? in->path : "/";
	size_t n = strcspn(path + 1, "/");
	char *vhost;

	if (strcmp(in->svc->endpoint_prefix ? in->svc->endpoint_prefix : "", "s3") != 0 ||
	    in->path_style || !path[1] || !bucket_dns_ok(path + 1, n))
		return path;
	vhost = xasprintf("%.*s.%s", (int)n, path + 1, *host);
	free(*host);
	*host = vhost;
	out->s3_virtual = 1;
	return path[1 + n] ? path + 1 + n : "/";
}

int endpoint_resolve(const struct endpoint_in *in, struct endpoint *out, struct wa_err *err)
{
	const char *path = in->path ? in->path : "/";
	const char *host_prefix = in->host_prefix && *in->host_prefix ? in->host_prefix : "";
	char *host = NULL;

	memset(out, 0, sizeof(*out));
	if (in->region && !region_ok(in->region))
		return err_set(err, where, 0, 0, "'%s' is not a Region name", in->region);
	if (*path != '/')
		return err_set(err, where, 0, 0, "request path '%s' does not start with '/'", path);
	if (in->override_url)
		return resolve_override(in, host_prefix, out, err);
	if (resolve_public(in, out, &host, err) != 0)
		return -1;
	path = s3_address(in, &host, out);
	if (*host_prefix) {
		char *ph = xasprintf("%s%s", host_prefix, host);

		free(host);
		host = ph;
	}
	fill(out, "https", host, 0, "", path);
	free(host);
	return 0;
}
