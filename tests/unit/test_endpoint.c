/* Endpoint resolution: regional hosts, partitions, global services, FIPS and dual-stack
 * endpoints, the STS and S3 global endpoints, S3 addressing, host prefixes and overrides, as
 * botocore resolves them for the same inputs (tests/cli/test_aws_botocore.sh asks
 * botocore itself for every modelled service). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "aws/endpoint.h"

/* Designated initializers: members the model adds later stay zero. */
static const struct aws_service_info ec2 = {
	.service_id = "EC2",
	.endpoint_prefix = "ec2",
	.signing_name = "ec2",
	.protocol = "ec2",
};
static const struct aws_service_info sq = {
	.service_id = "Service Quotas",
	.endpoint_prefix = "servicequotas",
	.signing_name = "servicequotas",
	.protocol = "json",
};
static const struct aws_service_info iam = {
	.service_id = "IAM",
	.endpoint_prefix = "iam",
	.signing_name = "iam",
	.protocol = "query",
	.global = true,
	.global_region = "us-east-1",
};
static const struct aws_service_info r53 = {
	.service_id = "Route 53",
	.endpoint_prefix = "route53",
	.signing_name = "route53",
	.protocol = "rest-xml",
	.global = true,
	.global_region = "us-east-1",
};
static const struct aws_service_info s3 = {
	.service_id = "S3",
	.endpoint_prefix = "s3",
	.signing_name = "s3",
	.protocol = "rest-xml",
};
static const struct aws_service_info gacc = {
	.service_id = "Global Accelerator",
	.endpoint_prefix = "globalaccelerator",
	.signing_name = "globalaccelerator",
	.protocol = "json",
	.global = true,
	.global_region = "us-west-2",
};
static const struct aws_service_info newglobal = {
	.service_id = "New",
	.endpoint_prefix = "newsvc",
	.signing_name = "newsvc",
	.protocol = "json",
	.global = true,
	.global_region = "us-east-1",
};
static const struct aws_service_info hosted = {
	.service_id = "Hosted",
	.endpoint_prefix = "hosted",
	.signing_name = "hosted",
	.protocol = "json",
	.global = true,
	.global_region = "us-west-2",
	.global_host = "hosted.global.example",
};

/* Resolves in and checks url, host, signing region. */
static void check_in(const struct endpoint_in *in, const char *url, const char *host,
                     const char *signing_region)
{
	struct endpoint e;
	struct wa_err err;

	err_clear(&err);
	if (endpoint_resolve(in, &e, &err) != 0)
		fail_msg("%s %s: %s", in->svc->endpoint_prefix, in->region ? in->region : "-",
		         err.msg);
	assert_string_equal(e.url, url);
	assert_string_equal(e.host, host);
	assert_string_equal(e.signing_region, signing_region);
	endpoint_free(&e);
}

static void check(const struct aws_service_info *svc, const char *region, const char *override,
                  const char *host_prefix, const char *path, const char *url, const char *host,
                  const char *signing_region)
{
	struct endpoint_in in = { .svc = svc,
		                  .region = region,
		                  .override_url = override,
		                  .host_prefix = host_prefix,
		                  .path = path };

	check_in(&in, url, host, signing_region);
}

/* The host a service gets in region with variant (ENDPOINT_FIPS | ENDPOINT_DUALSTACK). */
static void check_variant(const struct aws_service_info *svc, const char *region, unsigned variant,
                          const char *host, const char *signing_region)
{
	struct endpoint_in in = { .svc = svc, .region = region, .path = "/", .variant = variant };
	char url[300];

	snprintf(url, sizeof(url), "https://%s/", host);
	check_in(&in, url, host, signing_region);
}

static void test_regional(void **state)
{
	(void)state;
	check(&ec2, "eu-west-1", NULL, NULL, "/", "https://ec2.eu-west-1.amazonaws.com/",
	      "ec2.eu-west-1.amazonaws.com", "eu-west-1");
	check(&sq, "ap-southeast-2", NULL, NULL, "/",
	      "https://servicequotas.ap-southeast-2.amazonaws.com/",
	      "servicequotas.ap-southeast-2.amazonaws.com", "ap-southeast-2");
	/* Other partitions' DNS suffixes. */
	check(&ec2, "cn-north-1", NULL, NULL, "/", "https://ec2.cn-north-1.amazonaws.com.cn/",
	      "ec2.cn-north-1.amazonaws.com.cn", "cn-north-1");
	check(&ec2, "us-gov-west-1", NULL, NULL, "/", "https://ec2.us-gov-west-1.amazonaws.com/",
	      "ec2.us-gov-west-1.amazonaws.com", "us-gov-west-1");
	check(&ec2, "us-iso-east-1", NULL, NULL, "/", "https://ec2.us-iso-east-1.c2s.ic.gov/",
	      "ec2.us-iso-east-1.c2s.ic.gov", "us-iso-east-1");
	assert_string_equal(endpoint_partition("cn-northwest-1"), "aws-cn");
	assert_string_equal(endpoint_partition("eu-central-2"), "aws");
	/* The European Sovereign Cloud; a Region no list knows yet goes by its pattern. */
	check(&ec2, "eusc-de-east-1", NULL, NULL, "/", "https://ec2.eusc-de-east-1.amazonaws.eu/",
	      "ec2.eusc-de-east-1.amazonaws.eu", "eusc-de-east-1");
	assert_string_equal(endpoint_partition("eusc-de-west-9"), "aws-eusc");
	assert_string_equal(endpoint_partition("us-gov-north-9"), "aws-us-gov");
	assert_string_equal(endpoint_partition("xx-new-9"), "aws");
}

static void test_variants(void **state)
{
	const unsigned F = ENDPOINT_FIPS, D = ENDPOINT_DUALSTACK;

	(void)state;
	check_variant(&ec2, "eu-west-1", F, "ec2-fips.eu-west-1.amazonaws.com", "eu-west-1");
	check_variant(&ec2, "eu-west-1", D, "ec2.eu-west-1.api.aws", "eu-west-1");
	check_variant(&ec2, "eu-west-1", F | D, "ec2-fips.eu-west-1.api.aws", "eu-west-1");
	check_variant(&sq, "cn-north-1", D, "servicequotas.cn-north-1.api.amazonwebservices.com.cn",
	              "cn-north-1");
	check_variant(&ec2, "eusc-de-east-1", F | D,
	              "ec2-fips.eusc-de-east-1.api.amazonwebservices.eu", "eusc-de-east-1");
	/* GovCloud's regular endpoints are its FIPS ones. */
	check_variant(&ec2, "us-gov-west-1", F, "ec2.us-gov-west-1.amazonaws.com", "us-gov-west-1");
	/* Global services have their own FIPS and dual-stack hosts. */
	check_variant(&iam, "eu-west-1", F, "iam-fips.amazonaws.com", "us-east-1");
	check_variant(&r53, "ap-south-1", D, "route53.global.api.aws", "us-east-1");
	check_variant(&s3, "eu-west-1", D, "s3.dualstack.eu-west-1.amazonaws.com", "eu-west-1");
}

static void test_variant_refused(void **state)
{
	struct endpoint_in in = { .svc = &s3, .region = "cn-north-1", .path = "/" };
	struct endpoint e;
	struct wa_err err;

	(void)state;
	/* S3 has no FIPS endpoint in China; botocore refuses, and so do we. */
	in.variant = ENDPOINT_FIPS;
	err_clear(&err);
	assert_int_equal(endpoint_resolve(&in, &e, &err), -1);
	assert_string_equal(err.msg, "s3 has no FIPS endpoint in aws-cn, Region cn-north-1");
	endpoint_free(&e);
	/* No dual-stack endpoints in the ISO-E partition. */
	in.svc = &ec2;
	in.region = "eu-isoe-west-1";
	in.variant = ENDPOINT_DUALSTACK;
	assert_int_equal(endpoint_resolve(&in, &e, &err), -1);
	assert_non_null(strstr(err.msg, "no dual-stack endpoint in aws-iso-e"));
	endpoint_free(&e);
	/* An override takes no variant, as in botocore. */
	in.override_url = "http://127.0.0.1:5000";
	check_in(&in, "http://127.0.0.1:5000/", "127.0.0.1:5000", "eu-isoe-west-1");
}

static void test_global_endpoint_settings(void **state)
{
	static const struct aws_service_info sts = {
		.service_id = "STS",
		.endpoint_prefix = "sts",
		.signing_name = "sts",
		.protocol = "query",
	};
	struct endpoint_in in = { .svc = &sts, .region = "eu-west-1", .path = "/" };

	(void)state;
	/* STS is regional by default; "legacy" sends the old Regions to sts.amazonaws.com. */
	check_in(&in, "https://sts.eu-west-1.amazonaws.com/", "sts.eu-west-1.amazonaws.com",
	         "eu-west-1");
	in.sts_global = true;
	check_in(&in, "https://sts.amazonaws.com/", "sts.amazonaws.com", "us-east-1");
	in.region = "eu-south-1"; /* newer than the global endpoint */
	check_in(&in, "https://sts.eu-south-1.amazonaws.com/", "sts.eu-south-1.amazonaws.com",
	         "eu-south-1");
	/* S3 in us-east-1: s3.amazonaws.com unless "regional". */
	in.svc = &s3;
	in.region = "us-east-1";
	check_in(&in, "https://s3.amazonaws.com/", "s3.amazonaws.com", "us-east-1");
	in.s3_regional = true;
	check_in(&in, "https://s3.us-east-1.amazonaws.com/", "s3.us-east-1.amazonaws.com",
	         "us-east-1");
}

static void test_global(void **state)
{
	(void)state;
	/* One endpoint and signing Region whatever Region was asked for. */
	check(&iam, "eu-west-1", NULL, NULL, "/", "https://iam.amazonaws.com/", "iam.amazonaws.com",
	      "us-east-1");
	check(&iam, NULL, NULL, NULL, "/", "https://iam.amazonaws.com/", "iam.amazonaws.com",
	      "us-east-1");
	check(&r53, "ap-south-1", NULL, NULL, "/2013-04-01/healthcheck",
	      "https://route53.amazonaws.com/2013-04-01/healthcheck", "route53.amazonaws.com",
	      "us-east-1");
	/* China has its own. */
	check(&iam, "cn-northwest-1", NULL, NULL, "/", "https://iam.cn-north-1.amazonaws.com.cn/",
	      "iam.cn-north-1.amazonaws.com.cn", "cn-north-1");
	check(&r53, "cn-north-1", NULL, NULL, "/2013-04-01/healthcheck",
	      "https://route53.amazonaws.com.cn/2013-04-01/healthcheck", "route53.amazonaws.com.cn",
	      "cn-northwest-1");
	check(&gacc, "eu-west-1", NULL, NULL, "/",
	      "https://globalaccelerator.us-west-2.amazonaws.com/",
	      "globalaccelerator.us-west-2.amazonaws.com", "us-west-2");
	/* A global service this table does not know: the model's global Region. */
	check(&newglobal, "eu-west-3", NULL, NULL, "/", "https://newsvc.us-east-1.amazonaws.com/",
	      "newsvc.us-east-1.amazonaws.com", "us-east-1");
	/* … or the host the model names for it. */
	check(&hosted, "eu-west-3", NULL, NULL, "/", "https://hosted.global.example/",
	      "hosted.global.example", "us-west-2");
}

static void test_s3(void **state)
{
	(void)state;
	/* Virtual-hosted style for DNS-safe buckets. */
	check(&s3, "eu-west-1", NULL, NULL, "/my-bucket",
	      "https://my-bucket.s3.eu-west-1.amazonaws.com/",
	      "my-bucket.s3.eu-west-1.amazonaws.com", "eu-west-1");
	check(&s3, "eu-west-1", NULL, NULL, "/my-bucket/a/b%20c.txt",
	      "https://my-bucket.s3.eu-west-1.amazonaws.com/a/b%20c.txt",
	      "my-bucket.s3.eu-west-1.amazonaws.com", "eu-west-1");
	check(&s3, "us-east-1", NULL, NULL, "/logs", "https://logs.s3.amazonaws.com/",
	      "logs.s3.amazonaws.com", "us-east-1");
	check(&s3, "us-east-1", NULL, NULL, "/", "https://s3.amazonaws.com/", "s3.amazonaws.com",
	      "us-east-1");
	/* Path style where a host name cannot carry the bucket. */
	check(&s3, "eu-west-1", NULL, NULL, "/My.Bucket",
	      "https://s3.eu-west-1.amazonaws.com/My.Bucket", "s3.eu-west-1.amazonaws.com",
	      "eu-west-1");
	check(&s3, "eu-west-1", NULL, NULL, "/a.b.c", "https://s3.eu-west-1.amazonaws.com/a.b.c",
	      "s3.eu-west-1.amazonaws.com", "eu-west-1");
	/* … and always with an endpoint override. */
	check(&s3, "eu-west-1", "http://127.0.0.1:5000", NULL, "/my-bucket",
	      "http://127.0.0.1:5000/my-bucket", "127.0.0.1:5000", "eu-west-1");
	/* … and for GetBucketLocation, whose caller does not know the bucket's Region. */
	{
		struct endpoint_in in = {
			.svc = &s3, .region = "eu-west-1", .path = "/my-bucket", .path_style = true
		};

		check_in(&in, "https://s3.eu-west-1.amazonaws.com/my-bucket",
		         "s3.eu-west-1.amazonaws.com", "eu-west-1");
	}
	/* FIPS and dual-stack hosts take the bucket in front too. */
	{
		struct endpoint_in in = { .svc = &s3,
			                  .region = "eu-west-1",
			                  .path = "/my-bucket",
			                  .variant = ENDPOINT_FIPS | ENDPOINT_DUALSTACK };

		check_in(&in, "https://my-bucket.s3-fips.dualstack.eu-west-1.amazonaws.com/",
		         "my-bucket.s3-fips.dualstack.eu-west-1.amazonaws.com", "eu-west-1");
	}
}

static void test_override_and_prefix(void **state)
{
	(void)state;
	check(&ec2, "eu-west-1", "http://127.0.0.1:5000/", NULL, "/", "http://127.0.0.1:5000/",
	      "127.0.0.1:5000", "eu-west-1");
	check(&ec2, "eu-west-1", "https://vpce.example:443/base/", NULL, "/x",
	      "https://vpce.example/base/x", "vpce.example", "eu-west-1");
	check(&ec2, "eu-west-1", "http://[::1]:8080", NULL, "/", "http://[::1]:8080/", "[::1]:8080",
	      "eu-west-1");
	/* A global service behind an override without a Region signs for its own Region. */
	check(&iam, NULL, "http://localhost:4566", NULL, "/", "http://localhost:4566/",
	      "localhost:4566", "us-east-1");
	/* Host prefixes on real hosts; not on an IP or localhost, which cannot take one. */
	check(&sq, "eu-west-1", NULL, "data-", "/",
	      "https://data-servicequotas.eu-west-1.amazonaws.com/",
	      "data-servicequotas.eu-west-1.amazonaws.com", "eu-west-1");
	check(&sq, "eu-west-1", "https://proxy.example", "data-", "/",
	      "https://data-proxy.example/", "data-proxy.example", "eu-west-1");
	check(&sq, "eu-west-1", "http://127.0.0.1:9", "data-", "/", "http://127.0.0.1:9/",
	      "127.0.0.1:9", "eu-west-1");
}

static void test_refusals(void **state)
{
	struct endpoint_in in = { .svc = &ec2, .path = "/" };
	struct endpoint e;
	struct wa_err err;

	(void)state;
	err_clear(&err);
	assert_int_equal(endpoint_resolve(&in, &e, &err), -1);
	assert_non_null(strstr(err.msg, "no Region"));
	assert_non_null(strstr(err.msg, "--region"));
	endpoint_free(&e);
	/* A Region cannot smuggle anything into the host name. */
	in.region = "eu-west-1.evil.example/";
	assert_int_equal(endpoint_resolve(&in, &e, &err), -1);
	assert_non_null(strstr(err.msg, "not a Region"));
	endpoint_free(&e);
	in.region = "eu-west-1";
	in.override_url = "ftp://127.0.0.1/";
	assert_int_equal(endpoint_resolve(&in, &e, &err), -1);
	assert_non_null(strstr(err.msg, "http"));
	endpoint_free(&e);
	in.override_url = "127.0.0.1:5000";
	assert_int_equal(endpoint_resolve(&in, &e, &err), -1);
	endpoint_free(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_regional),
		cmocka_unit_test(test_global),
		cmocka_unit_test(test_variants),
		cmocka_unit_test(test_variant_refused),
		cmocka_unit_test(test_global_endpoint_settings),
		cmocka_unit_test(test_s3),
		cmocka_unit_test(test_override_and_prefix),
		cmocka_unit_test(test_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
