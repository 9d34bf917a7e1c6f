/* Credentials never leave in a message: the live values registered at load time, what
 * follows a name that carries a secret (a header, a query parameter, JSON, XML, an
 * environment variable), and access key IDs, masked wherever they stand; and the text a
 * terminal would act on (util/safetext.c) shown instead. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/err.h"
#include "util/safetext.h"
#include "util/secret.h"

#define TOKEN  "FQoGZXIvYXdzEJr//////////wEaDOn+token/value=="
#define SECRET "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

static int forget(void **state)
{
	(void)state;
	secret_forget_all();
	return 0;
}

/* s masked, as a new string the test frees. */
static char *masked(const char *s)
{
	return secret_mask_dup(s);
}

static void check(const char *in, const char *want)
{
	char *got = masked(in);

	assert_string_equal(got, want);
	free(got);
}

static void test_headers_echoed(void **state)
{
	(void)state;
	/* What a gateway echoing the request shows: the token, the key ID and the signature. */
	check("AccessDenied: X-Amz-Security-Token: " TOKEN " X-Amz-Date: 20261207T054617Z "
	      "Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261207/us-east-1/"
	      "sts/aws4_request, SignedHeaders=host;x-amz-date, Signature=efdc8a7ee059bc4612df0ca7",
	      "AccessDenied: X-Amz-Security-Token: **** X-Amz-Date: 20261207T054617Z "
	      "Authorization: AWS4-HMAC-SHA256 "
	      "Credential=****/20261207/us-east-1/sts/aws4_request, "
	      "SignedHeaders=host;x-amz-date, Signature=****");
	/* A presigned URL's query. */
	check("GET /?X-Amz-Credential=ASIAXXXXXXXXXXXXXXXX%2F2026&X-Amz-Security-Token=abc%2Bd&"
	      "X-Amz-Signature=0a1b2c&x=1",
	      "GET /?X-Amz-Credential=****&X-Amz-Security-Token=****&X-Amz-Signature=****&x=1");
}

static void test_json_xml_env(void **state)
{
	(void)state;
	check("{\"SecretAccessKey\": \"" SECRET "\", \"SessionToken\":\"" TOKEN "\"}",
	      "{\"SecretAccessKey\": \"****\", \"SessionToken\":\"****\"}");
	check("<SessionToken>" TOKEN "</SessionToken><SecretAccessKey>x1</SecretAccessKey>",
	      "<SessionToken>****</SessionToken><SecretAccessKey>**</SecretAccessKey>");
	check("aws_secret_access_key = " SECRET "\nAWS_SESSION_TOKEN=" TOKEN,
	      "aws_secret_access_key = ****\nAWS_SESSION_TOKEN=****");
	/* Inside a JSON string: escaped quotes around the value. */
	check("{\"message\":\"echo {\\\"SessionToken\\\":\\\"" TOKEN "\\\"}\"}",
	      "{\"message\":\"echo {\\\"SessionToken\\\":\\\"****\\\"}\"}");
}

static void test_prose_kept(void **state)
{
	(void)state;
	/* The words alone are no secret: AWS's own messages read as they did. */
	check("SignatureDoesNotMatch: The request signature we calculated does not match the "
	      "signature you provided. Check your AWS Secret Access Key and signing method.",
	      "SignatureDoesNotMatch: The request signature we calculated does not match the "
	      "signature you provided. Check your AWS Secret Access Key and signing method.");
	check("AWS_SESSION_TOKEN is set but AWS_SECRET_ACCESS_KEY is not; no credentials: x",
	      "AWS_SESSION_TOKEN is set but AWS_SECRET_ACCESS_KEY is not; no credentials: x");
	/* Not a key ID: too short, too long, or part of a word. */
	check("ASIAFAKE1 AKIAIOSFODNN7EXAMPLEX xAKIAIOSFODNN7EXAMPLE",
	      "ASIAFAKE1 AKIAIOSFODNN7EXAMPLEX xAKIAIOSFODNN7EXAMPLE");
	check("key AKIAIOSFODNN7EXAMPLE.", "key AKIAXXXXXXXXXXXXXXXX.");
	check("", "");
	assert_int_equal(secret_mask(NULL), 0);
}

static void test_registered(void **state)
{
	char *s;

	(void)state;
	/* A live value is masked however it is surrounded, once registered, and not before. */
	check("token is " TOKEN "!", "token is " TOKEN "!");
	secret_register(TOKEN);
	secret_register(TOKEN); /* twice: once */
	secret_register("short");
	secret_register(NULL);
	check("token is " TOKEN "! and again:" TOKEN, "token is ****! and again:****");
	check("short stays", "short stays");
	secret_register(SECRET);
	s = masked("a " SECRET " b:" TOKEN);
	assert_string_equal(s, "a **** b:****");
	free(s);
	/* A longer secret holding a registered one goes whole, up to a '/'. */
	secret_register("session-token");
	check("bad key env-session-token/env-session-token2.", "bad key ****/****.");
	secret_forget_all();
	check("x" SECRET, "x" SECRET);
}

static void test_err_set_masks(void **state)
{
	struct wa_err err;

	(void)state;
	/* An error record never holds a credential, whoever fills it. */
	secret_register(SECRET);
	err_set(&err, "sts:GetCallerIdentity in us-east-1", 0, 0, "AccessDenied \xE2\x80\x94 %s %s",
	        "Authorization: AWS4-HMAC-SHA256 Signature=abcdef0123", SECRET);
	assert_string_equal(
	        err.msg,
	        "AccessDenied \xE2\x80\x94 Authorization: AWS4-HMAC-SHA256 Signature=**** ****");
	assert_null(strstr(err.msg, SECRET));
}

static void test_safetext(void **state)
{
	char *s;

	(void)state;
	/* OSC 0 (retitle), a CSI as ESC [ and as U+009B, a bidi override, DEL, a bad byte. */
	s = safetext_dup("a\033]0;PWNED\007b\033[2Jc\xC2\x9B"
	                 "31md\xE2\x80\xAE"
	                 "e\x7f\xff",
	                 true);
	assert_string_equal(s, "a\xEF\xBF\xBD]0;PWNED\xEF\xBF\xBD"
	                       "b\xEF\xBF\xBD[2Jc\xEF\xBF\xBD"
	                       "31md\xEF\xBF\xBD"
	                       "e\xEF\xBF\xBD\xEF\xBF\xBD");
	free(s);
	/* Lines kept or joined; CR before LF dropped; what is safe passes as it is. */
	s = safetext_dup("l1\r\nl2\tx \xC3\xA9 \xE2\x82\xAC", false);
	assert_string_equal(s, "l1\nl2\tx \xC3\xA9 \xE2\x82\xAC");
	free(s);
	s = safetext_dup("l1\nl2\tx", true);
	assert_string_equal(s, "l1 l2 x");
	free(s);
	s = safetext_dup(NULL, true);
	assert_string_equal(s, "");
	free(s);
	assert_true(safetext_unsafe(0x9B));
	assert_true(safetext_unsafe(0x1B));
	assert_true(safetext_unsafe(0x2067));
	assert_false(safetext_unsafe('\n'));
	assert_false(safetext_unsafe(0xA0));
	assert_false(safetext_unsafe(0xFFFD));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_headers_echoed, forget),
		cmocka_unit_test_teardown(test_json_xml_env, forget),
		cmocka_unit_test_teardown(test_prose_kept, forget),
		cmocka_unit_test_teardown(test_registered, forget),
		cmocka_unit_test_teardown(test_err_set_masks, forget),
		cmocka_unit_test_teardown(test_safetext, forget),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
