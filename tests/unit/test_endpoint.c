/* Endpoint resolution: regional hosts, partitions, global services, S3 addressing, host
 * prefixes and overrides, as botocore resolves them for the same inputs. */
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

/* Resolves and checks url, host, signing region; NULL expectations are not checked. */
static void check(const struct aws_service_info *svc, const char *region, const char *override,
                  const char *host_prefix, const char *path, const char *url, const char *host,
                  const char *signing_region)
{
	struct endpoint_in in = { svc, region, override, host_prefix, path };
	struct endpoint e;
	struct wa_err err;

	err_clear(&err);
	if (endpoint_resolve(&in, &e, &err) != 0)
		fail_msg("%s %s: %s", svc->endpoint_prefix, region ? region : "-", err.msg);
	assert_string_equal(e.url, url);
	assert_string_equal(e.host, host);
	assert_string_equal(e.signing_region, signing_region);
	endpoint_free(&e);
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
	assert_string_equal(endpoint_dns_suffix("cn-northwest-1"), "amazonaws.com.cn");
	assert_string_equal(endpoint_dns_suffix("eu-central-2"), "amazonaws.com");
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
	struct endpoint_in in = { &ec2, NULL, NULL, NULL, "/" };
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
		cmocka_unit_test(test_regional), cmocka_unit_test(test_global),
		cmocka_unit_test(test_s3),       cmocka_unit_test(test_override_and_prefix),
		cmocka_unit_test(test_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
