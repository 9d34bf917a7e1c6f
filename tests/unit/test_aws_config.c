/* The aws CLI's shared files: the INI dialect (what botocore accepts and how it reads it,
 * what it refuses and where, [DEFAULT] sections), the merged profile view of config +
 * credentials, the files' paths as botocore expands them, and the shell-like word
 * splitting used for section names and credential_process. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "aws/config.h"
#include "aws/ini.h"
#include "aws/shlex.h"
#include "util/err.h"

static int parse(const char *text, struct ini_file *f, struct wa_err *err)
{
	err_clear(err);
	return ini_parse(text, strlen(text), "cfg", f, err);
}

static const char *val(const struct ini_file *f, const char *sec, const char *key)
{
	return ini_value(ini_section(f, sec), key);
}

static void test_ini_basics(void **state)
{
	struct ini_file f;
	struct wa_err err;

	(void)state;
	assert_int_equal(parse("# leading comment\n"
	                       "; another\n"
	                       "[default]\n"
	                       "Region = eu-west-1  \n"
	                       "output:json\n"
	                       "role_arn = arn:aws:iam::1:role/x=y\n"
	                       "   # an indented comment\n"
	                       "tag = a # not a comment\n"
	                       "empty =\n"
	                       "\n"
	                       "[profile dev]\n"
	                       "\tregion\t=\tus-east-1\n",
	                       &f, &err),
	                 0);
	assert_int_equal(f.n_sections, 2);
	/* Keys are lower-cased, values trimmed; ':' also separates; only the first
	 * delimiter counts; '#' after text is part of the value. */
	assert_string_equal(val(&f, "default", "region"), "eu-west-1");
	assert_null(val(&f, "default", "Region"));
	assert_string_equal(val(&f, "default", "output"), "json");
	assert_string_equal(val(&f, "default", "role_arn"), "arn:aws:iam::1:role/x=y");
	assert_string_equal(val(&f, "default", "tag"), "a # not a comment");
	assert_string_equal(val(&f, "default", "empty"), "");
	assert_string_equal(val(&f, "profile dev", "region"), "us-east-1");
	assert_int_equal(ini_entry(ini_section(&f, "profile dev"), "region")->line, 12);
	assert_null(ini_section(&f, "Default")); /* section names keep their case */
	ini_free(&f);
}

static void test_ini_continuation_and_nested(void **state)
{
	struct ini_file f;
	struct wa_err err;
	const struct ini_entry *e;

	(void)state;
	assert_int_equal(parse("[default]\r\n"
	                       "credential_process = /bin/helper\r\n"
	                       "    --flag\r\n"
	                       "\r\n"
	                       "    last\r\n"
	                       "\r\n"
	                       "s3 =\r\n"
	                       "  addressing_style = path\r\n"
	                       "  # a comment inside\r\n"
	                       "  Signature_Version=s3v4\r\n"
	                       "region = x\r\n",
	                       &f, &err),
	                 0);
	/* Deeper-indented lines continue the value; a blank line inside stays, trailing
	 * ones go (configparser's empty_lines_in_values). */
	assert_string_equal(val(&f, "default", "credential_process"),
	                    "/bin/helper\n--flag\n\nlast");
	e = ini_entry(ini_section(&f, "default"), "s3");
	assert_non_null(e);
	assert_non_null(e->sub);
	assert_null(val(&f, "default", "s3")); /* a sub-section is not a value */
	assert_int_equal(e->n_sub, 2);
	assert_string_equal(e->sub[0].key, "addressing_style");
	assert_string_equal(e->sub[0].value, "path");
	/* botocore keeps sub-section keys as written. */
	assert_string_equal(e->sub[1].key, "Signature_Version");
	assert_int_equal(e->sub[1].line, 10);
	assert_string_equal(val(&f, "default", "region"), "x");
	ini_free(&f);

	/* A byte-order mark and a last line without a newline are fine. */
	assert_int_equal(parse("\xEF\xBB\xBF[a]\nk = v", &f, &err), 0);
	assert_string_equal(val(&f, "a", "k"), "v");
	ini_free(&f);
}

static void expect_error(const char *text, int line, const char *what)
{
	struct ini_file f;
	struct wa_err err;

	assert_int_equal(parse(text, &f, &err), -1);
	assert_string_equal(err.where, "cfg");
	if (err.line != line)
		fail_msg("%s: error at line %d, expected %d (%s)", what, err.line, line, err.msg);
	assert_int_equal(f.n_sections, 0);
}

static void test_ini_malformed(void **state)
{
	struct ini_file f;
	struct wa_err err;

	(void)state;
	expect_error("region = x\n[default]\n", 1, "key before any section");
	expect_error("\n\n  [default]\nok = 1\nno delimiter here\n", 5, "line without = or :");
	expect_error("[default]\n= value\n", 2, "empty key");
	expect_error("[a]\nx=1\n[b]\n[a]\n", 4, "repeated section");
	expect_error("[a]\nRegion=1\nregion=2\n", 3, "repeated key, any case");
	expect_error("[a]\ns3 =\n  ok = 1\n  broken\n", 4, "sub-section line without =");
	expect_error("[]\n", 1, "empty section name");
	expect_error("[a]\nk = \xff\n", 2, "invalid UTF-8");

	/* A malformed line may be a secret pasted in the wrong place: never echoed. */
	assert_int_equal(parse("[default]\nwJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n", &f, &err),
	                 -1);
	assert_null(strstr(err.msg, "wJalrXUtnFEMI"));
	assert_non_null(strstr(err.msg, "key = value"));

	/* configparser takes "[x] trailing" as section "x"; "[a]b]" as "a]b". */
	assert_int_equal(parse("[x] trailing\nk=1\n[a]b]\nk=2\n", &f, &err), 0);
	assert_string_equal(val(&f, "x", "k"), "1");
	assert_string_equal(val(&f, "a]b", "k"), "2");
	ini_free(&f);
}

static void test_ini_nul(void **state)
{
	struct ini_file f;
	struct wa_err err;
	static const char text[] = "[a]\nk=1\nv=\0x\n";

	(void)state;
	err_clear(&err);
	assert_int_equal(ini_parse(text, sizeof(text) - 1, "cfg", &f, &err), -1);
	assert_int_equal(err.line, 3);
}

static char tmpdir[64];

static char *write_tmp(const char *name, const char *text)
{
	static char path[256];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	return path;
}

static void test_ini_load(void **state)
{
	struct ini_file f;
	struct wa_err err;
	bool found = true;
	char path[256];

	(void)state;
	snprintf(path, sizeof(path), "%s/missing", tmpdir);
	err_clear(&err);
	/* A missing file or a directory counts as no file, as for the CLI. */
	assert_int_equal(ini_load(path, &f, &found, &err), 0);
	assert_false(found);
	assert_int_equal(ini_load(tmpdir, &f, &found, &err), 0);
	assert_false(found);
	assert_int_equal(ini_load(write_tmp("ok", "[a]\nk=v\n"), &f, &found, &err), 0);
	assert_true(found);
	assert_string_equal(val(&f, "a", "k"), "v");
	ini_free(&f);
	/* A malformed one names the file and the line. */
	assert_int_equal(ini_load(write_tmp("bad", "[a]\nk=v\nbad\n"), &f, &found, &err), -1);
	assert_non_null(strstr(err.where, "/bad"));
	assert_int_equal(err.line, 3);
}

static void test_config_merge(void **state)
{
	struct aws_config cfg;
	struct aws_profile p;
	struct wa_err err;
	char cpath[256], kpath[256], where[300];

	(void)state;
	snprintf(cpath, sizeof(cpath), "%s",
	         write_tmp("config",
	                   "[default]\nregion = from-default-section\n"
	                   "[profile default]\nregion = from-profile-default\n"
	                   "[profile dev]\nregion = eu-west-1\naws_access_key_id = "
	                   "CONFIGKEY\noutput = json\n"
	                   "[profile  \"with space\"]\nregion = ap-south-1\n"
	                   "[profile a b]\nregion = ignored\n"
	                   "[dev]\nregion = not-a-profile-in-config\n"
	                   "[sso-session corp]\nsso_region = us-east-1\n"
	                   "[services local]\ns3 =\n  endpoint_url = http://127.0.0.1:1\n"));
	snprintf(kpath, sizeof(kpath), "%s",
	         write_tmp(
	                 "credentials",
	                 "[dev]\naws_access_key_id = CREDKEY\n[only-creds]\nregion = us-west-2\n"));
	err_clear(&err);
	assert_int_equal(config_load_paths(&cfg, cpath, kpath, &err), 0);
	assert_true(cfg.config_found);
	assert_true(cfg.cred_found);

	/* Two sections for the default profile: the later one is used, whole. */
	assert_true(config_profile(&cfg, "default", &p));
	assert_string_equal(config_get(&p, "region"), "from-profile-default");
	/* The credentials file wins key by key; the rest comes from the config file. */
	assert_true(config_profile(&cfg, "dev", &p));
	assert_string_equal(config_get(&p, "aws_access_key_id"), "CREDKEY");
	assert_string_equal(config_get(&p, "region"), "eu-west-1");
	assert_non_null(strstr(config_where(&cfg, &p, "aws_access_key_id", where, sizeof(where)),
	                       "/credentials:2"));
	assert_non_null(
	        strstr(config_where(&cfg, &p, "output", where, sizeof(where)), "/config:8"));
	assert_string_equal(config_where(&cfg, &p, "nope", where, sizeof(where)), "");
	/* Quoted names; a header of three words names no profile. */
	assert_true(config_profile(&cfg, "with space", &p));
	assert_string_equal(config_get(&p, "region"), "ap-south-1");
	assert_false(config_profile(&cfg, "a b", &p));
	assert_false(config_profile(&cfg, "a", &p));
	/* A profile only in the credentials file exists. */
	assert_true(config_profile(&cfg, "only-creds", &p));
	assert_string_equal(config_get(&p, "region"), "us-west-2");
	assert_false(config_profile(&cfg, "nope", &p));
	assert_null(config_get(&p, "region"));

	assert_non_null(config_sso_session(&cfg, "corp"));
	assert_null(config_sso_session(&cfg, "other"));
	assert_non_null(config_services(&cfg, "local"));
	config_free(&cfg);

	/* No files at all: fine, and empty. */
	snprintf(cpath, sizeof(cpath), "%s/none1", tmpdir);
	snprintf(kpath, sizeof(kpath), "%s/none2", tmpdir);
	assert_int_equal(config_load_paths(&cfg, cpath, kpath, &err), 0);
	assert_false(cfg.config_found);
	assert_false(config_profile(&cfg, "default", &p));
	config_free(&cfg);
}

static void test_config_defaults(void **state)
{
	struct aws_config cfg;
	struct aws_profile p;
	struct wa_err err;
	char cpath[256], kpath[256], where[300];

	(void)state;
	/* configparser's [DEFAULT]: its keys go into every section of its file that lacks
	 * them; it is no profile itself, not even in the credentials file. */
	snprintf(cpath, sizeof(cpath), "%s",
	         write_tmp("config-defaults",
	                   "[profile dev]\nregion = eu-west-1\n"
	                   "[DEFAULT]\nregion = us-east-2\nretry_mode = standard\n"
	                   "[default]\n"));
	snprintf(kpath, sizeof(kpath), "%s",
	         write_tmp("credentials-defaults",
	                   "[DEFAULT]\naws_access_key_id = SHAREDKEY\n[dev]\n"));
	err_clear(&err);
	assert_int_equal(config_load_paths(&cfg, cpath, kpath, &err), 0);
	assert_true(config_profile(&cfg, "default", &p));
	assert_string_equal(config_get(&p, "region"), "us-east-2");
	assert_non_null(strstr(config_where(&cfg, &p, "region", where, sizeof(where)),
	                       "/config-defaults:4"));
	assert_true(config_profile(&cfg, "dev", &p));
	assert_string_equal(config_get(&p, "region"), "eu-west-1");
	assert_string_equal(config_get(&p, "retry_mode"), "standard");
	assert_string_equal(config_get(&p, "aws_access_key_id"), "SHAREDKEY");
	assert_false(config_profile(&cfg, "DEFAULT", &p));
	config_free(&cfg);
}

static void test_config_paths(void **state)
{
	struct aws_config cfg;
	struct wa_err err;
	char want[300];

	(void)state;
	/* $VAR and ${VAR} in the variables naming the files, then "~", as botocore expands
	 * them; a variable that is not set stays as written. */
	setenv("WA_TEST_DIR", tmpdir, 1);
	unsetenv("WA_TEST_UNSET");
	setenv("AWS_CONFIG_FILE", "${WA_TEST_DIR}/cfg-$WA_TEST_UNSET", 1);
	setenv("AWS_SHARED_CREDENTIALS_FILE", "$WA_TEST_DIR/creds.d/${}x", 1);
	err_clear(&err);
	assert_int_equal(config_load(&cfg, &err), 0);
	snprintf(want, sizeof(want), "%s/cfg-$WA_TEST_UNSET", tmpdir);
	assert_string_equal(cfg.config_path, want);
	snprintf(want, sizeof(want), "%s/creds.d/${}x", tmpdir);
	assert_string_equal(cfg.cred_path, want);
	config_free(&cfg);
	setenv("HOME", tmpdir, 1);
	setenv("AWS_CONFIG_FILE", "~/c", 1);
	setenv("AWS_SHARED_CREDENTIALS_FILE", "~root/k", 1);
	assert_int_equal(config_load(&cfg, &err), 0);
	snprintf(want, sizeof(want), "%s/c", tmpdir);
	assert_string_equal(cfg.config_path, want);
	assert_string_equal(cfg.cred_path, "/root/k");
	config_free(&cfg);
}

static void check_split(const char *s, int n, ...)
{
	char **argv;
	size_t argc;
	const char *why = NULL;
	va_list ap;

	assert_int_equal(shlex_split(s, &argv, &argc, &why), 0);
	if ((int)argc != n)
		fail_msg("'%s': %zu words, expected %d", s, argc, n);
	va_start(ap, n);
	for (int i = 0; i < n; i++)
		assert_string_equal(argv[i], va_arg(ap, const char *));
	va_end(ap);
	assert_null(argv[argc]);
	shlex_free(argv);
}

static void test_shlex(void **state)
{
	char **argv;
	size_t argc;
	const char *why;

	(void)state;
	/* The expectations are Python's shlex.split() on the same strings. */
	check_split("  /usr/bin/helper  --profile x ", 3, "/usr/bin/helper", "--profile", "x");
	check_split("a\"b c\"d", 1, "ab cd");
	check_split("a '' b", 3, "a", "", "b");
	check_split("\"a\\b\" \"a\\\"b\" \"a\\\\b\"", 3, "a\\b", "a\"b", "a\\b");
	check_split("x\\ y 'it''s' $HOME `id` ;", 5, "x y", "its", "$HOME", "`id`", ";");
	check_split("", 0);
	assert_int_equal(shlex_split("'open", &argv, &argc, &why), -1);
	assert_string_equal(why, "no closing quotation");
	assert_null(argv);
	assert_int_equal(shlex_split("a \"open", &argv, &argc, &why), -1);
	assert_int_equal(shlex_split("end\\", &argv, &argc, &why), -1);
}

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/wa-config.XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ini_basics),
		cmocka_unit_test(test_ini_continuation_and_nested),
		cmocka_unit_test(test_ini_malformed),
		cmocka_unit_test(test_ini_nul),
		cmocka_unit_test(test_ini_load),
		cmocka_unit_test(test_config_merge),
		cmocka_unit_test(test_config_defaults),
		cmocka_unit_test(test_config_paths),
		cmocka_unit_test(test_shlex),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
