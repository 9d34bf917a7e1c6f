/* The wizard's roadmap, export, calculator and evidence logic without a terminal: what the
 * export prompt's answer means, what the roadmap keys change in the review, what the
 * calculator shows for an input, and evidence collected in the background landing in the
 * review while the caller polls. */
#include <fcntl.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "model/answer.h"
#include "model/roadmap.h"
#include "model/roadmap_edit.h"
#include "model/evidence.h"
#include "store/qset_load.h"
#include "store/review_io.h"
#include "ui/app.h"
#include "ui/calc.h"
#include "ui/export.h"
#include "ui/keys.h"
#include "ui/rmedit.h"
#include "util/xalloc.h"

#include "support/ui_env.h"

static struct qset *qs;
static char dir[] = "/tmp/wa-uiplan-XXXXXX";

static double fake(void *ctx)
{
	(void)ctx;
	return 0;
}

static const struct ui_clock clock_fake = { fake, NULL };

static int setup(void **state)
{
	(void)state;
	return ui_env_setup(dir, &qs);
}

static int teardown(void **state)
{
	(void)state;
	return ui_env_teardown(dir, qs);
}

/* ---- export prompt ---- */

static void parse_ok(const char *text, enum report_format want_fmt, const char *want_path)
{
	enum report_format fmt = REPORT_CSV;
	char *path = NULL;
	struct wa_err err;

	err_clear(&err);
	assert_int_equal(export_parse(text, "/r/shop.yaml", &fmt, &path, &err), 0);
	assert_int_equal(fmt, want_fmt);
	assert_string_equal(path, want_path);
	free(path);
}

static void parse_bad(const char *text, const char *why)
{
	enum report_format fmt;
	char *path = NULL;
	struct wa_err err;

	err_clear(&err);
	assert_int_equal(export_parse(text, "/r/shop.yaml", &fmt, &path, &err), -1);
	assert_null(path);
	assert_non_null(strstr(err.msg, why));
}

static void test_export_parse(void **state)
{
	char *s;
	(void)state;

	/* The first answer offered is Markdown beside the review. */
	s = export_initial("/r/shop.yaml");
	assert_string_equal(s, "md /r/shop-report.md");
	free(s);
	parse_ok("md /r/shop-report.md", REPORT_MD, "/r/shop-report.md");
	parse_ok("  html  ", REPORT_HTML, "/r/shop-report.html");
	parse_ok("json out.json", REPORT_JSON, "out.json");
	parse_ok("markdown plan.txt", REPORT_MD, "plan.txt");
	/* A bare file name: its extension picks the format, else Markdown. */
	parse_ok("plan.csv", REPORT_CSV, "plan.csv");
	parse_ok("plan.txt", REPORT_MD, "plan.txt");
	parse_ok("dir.html/plan", REPORT_MD, "dir.html/plan");
	parse_bad("", "say a format");
	parse_bad("pdf out.pdf", "'pdf' is not a format");
	parse_bad("md a b", "file names with spaces");
	parse_bad("html out/", "is a directory");
	s = export_default_path("team/x.yml", REPORT_CSV);
	assert_string_equal(s, "team/x-report.csv");
	free(s);
}

static void test_export_write(void **state)
{
	struct review *rv = review_new();
	char *path = xasprintf("%s/r.md", dir), *bad = xasprintf("%s/no/such/dir/r.md", dir);
	char *review = xasprintf("%s/r.yaml", dir);
	struct wa_err err;
	struct stat st;
	mode_t old = umask(022);
	(void)state;

	rv->set_id = xstrdup(qs->id);
	rv->wl.name = xstrdup("Shop");
	/* The report is no more open than the review it comes from. */
	close(open(review, O_WRONLY | O_CREAT | O_TRUNC, 0600));
	assert_int_equal(chmod(review, 0640), 0);
	err_clear(&err);
	assert_int_equal(export_write(qs, rv, review, REPORT_MD, path, &err), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0640);
	assert_int_equal(export_write(qs, rv, review, REPORT_MD, bad, &err), -1);
	umask(old);
	unlink(review);
	free(review);
	assert_true(err.msg[0] != '\0');
	review_free(rv);
	free(path);
	free(bad);
}

/* ---- roadmap edits ---- */

static struct review *review_with_gaps(void)
{
	struct review *rv = review_new();
	const struct question *q = qset_find_question(qs, "REL09");

	rv->set_id = xstrdup(qs->id);
	answer_toggle_bp(review_get(rv, "REL09"), q, 0);
	return rv;
}

static void test_rmedit_fields(void **state)
{
	struct review *rv = review_with_gaps();
	struct roadmap_override ov;
	struct wa_err err;
	const char *now = "2026-11-02T10:00:00Z";
	(void)state;

	err_clear(&err);
	assert_int_equal(rmedit_apply(rv, qs, "REL09-BP02", RMEDIT_OWNER, "  Ana Ruiz ", now, &err),
	                 0);
	assert_true(roadmap_override_get(rv, "REL09-BP02", &ov));
	assert_string_equal(ov.owner, "Ana Ruiz");
	assert_int_equal(
	        rmedit_apply(rv, qs, "REL09-BP02", RMEDIT_STATUS, "in_progress", now, &err), 0);
	roadmap_override_get(rv, "REL09-BP02", &ov);
	assert_int_equal(ov.status, RM_IN_PROGRESS);
	/* Won't do without a reason, a week out of range: refused, nothing changed. */
	assert_int_equal(rmedit_apply(rv, qs, "REL09-BP02", RMEDIT_WONT_DO, "  ", now, &err), -1);
	assert_int_equal(rmedit_apply(rv, qs, "REL09-BP02", RMEDIT_WEEK, "0", now, &err), -1);
	assert_non_null(strstr(err.msg, "week"));
	roadmap_override_get(rv, "REL09-BP02", &ov);
	assert_int_equal(ov.status, RM_IN_PROGRESS);
	assert_int_equal(ov.week, 0);
	assert_int_equal(rmedit_apply(rv, qs, "REL09-BP02", RMEDIT_WONT_DO, "platform", now, &err),
	                 0);
	roadmap_override_get(rv, "REL09-BP02", &ov);
	assert_int_equal(ov.status, RM_WONT_DO);
	assert_string_equal(ov.reason, "platform");
	/* Back to planned: the reason goes with the decision. */
	assert_int_equal(rmedit_apply(rv, qs, "REL09-BP02", RMEDIT_STATUS, "planned", now, &err),
	                 0);
	roadmap_override_get(rv, "REL09-BP02", &ov);
	assert_null(ov.reason);
	assert_int_equal(rmedit_apply(rv, qs, "REL09-BP02", RMEDIT_WEEK, "7", now, &err), 0);
	roadmap_override_get(rv, "REL09-BP02", &ov);
	assert_int_equal(ov.week, 7);
	assert_int_equal(rmedit_apply(rv, qs, "REL09-BP02", RMEDIT_WEEK, "", now, &err), 0);
	roadmap_override_get(rv, "REL09-BP02", &ov);
	assert_int_equal(ov.week, 0);
	/* Clearing the owner leaves nothing set: the item leaves the file. */
	assert_int_equal(rmedit_apply(rv, qs, "REL09-BP02", RMEDIT_OWNER, "", now, &err), 0);
	assert_false(roadmap_override_get(rv, "REL09-BP02", &ov));
	assert_int_equal(rmedit_apply(rv, qs, "REL99-BP01", RMEDIT_OWNER, "x", now, &err), -1);
	review_free(rv);
}

static void test_rmedit_cycles_and_row(void **state)
{
	struct review *rv = review_with_gaps();
	struct roadmap rm;
	const struct roadmap_item *it;
	struct wa_err err;
	char buf[512];
	const char *seen[4];
	(void)state;

	assert_int_equal(rmedit_status_next(RM_PLANNED), RM_IN_PROGRESS);
	assert_int_equal(rmedit_status_next(RM_IN_PROGRESS), RM_DONE);
	assert_int_equal(rmedit_status_next(RM_DONE), RM_PLANNED);
	assert_int_equal(rmedit_status_next(RM_WONT_DO), RM_PLANNED);
	/* The effort key goes round low, medium, high and back to the set's. */
	for (int i = 0; i < 4; i++) {
		assert_int_equal(roadmap_build(qs, rv, &rm, &err), 0);
		it = roadmap_find(&rm, "REL09-BP03");
		assert_non_null(it);
		seen[i] = rmedit_effort_next(it);
		assert_int_equal(
		        rmedit_apply(rv, qs, "REL09-BP03", RMEDIT_EFFORT, seen[i], "t", &err), 0);
		roadmap_clear(&rm);
	}
	assert_string_equal(seen[0], "low");
	assert_string_equal(seen[1], "medium");
	assert_string_equal(seen[2], "high");
	assert_string_equal(seen[3], "auto");
	assert_int_equal(rmedit_apply(rv, qs, "REL09-BP03", RMEDIT_OWNER, "Bo", "t", &err), 0);
	assert_int_equal(roadmap_build(qs, rv, &rm, &err), 0);
	it = roadmap_find(&rm, "REL09-BP03");
	rmedit_row(it, buf, sizeof(buf));
	assert_non_null(strstr(buf, "REL09-BP03"));
	assert_non_null(strstr(buf, "Bo"));
	assert_non_null(strstr(buf, it->bp->title));
	roadmap_clear(&rm);
	review_free(rv);
}

/* ---- calculator ---- */

static void test_calc(void **state)
{
	struct calc_out o;
	(void)state;

	calc_compute("0.9999 * (0.999 | 0.999) * 0.9995", NULL, NULL, &o);
	assert_true(o.expr_ok);
	assert_string_equal(o.figure, "99.9399051%");
	assert_true(o.tier >= 0);
	assert_string_equal(avail_tiers[o.tier].label, "99.9%");
	assert_true(o.down[0][0] != '\0' && strchr(o.down[0], 'h'));
	assert_false(o.mtbf_ok);
	/* The guide's own: three 99.9% in series. */
	calc_compute("99.9% * 99.9% * 99.9%", "", "", &o);
	assert_true(fabs(o.availability - 0.997003) < 1e-6);
	/* A bad expression: why, and where. */
	calc_compute("0.999 * ", NULL, NULL, &o);
	assert_false(o.expr_ok);
	assert_true(o.error[0] != '\0');
	assert_true(o.error_col > 0);
	calc_compute("", "30d", "45m", &o);
	assert_false(o.expr_ok);
	assert_string_equal(o.error, "");
	assert_true(o.mtbf_ok);
	assert_true(strncmp(o.mtbf_figure, "99.8959", 7) == 0);
	calc_compute(NULL, "30d", "soon", &o);
	assert_false(o.mtbf_ok);
	assert_non_null(strstr(o.mtbf_error, "MTTR"));
	calc_compute(NULL, "0s", "1h", &o);
	assert_false(o.mtbf_ok);
	assert_true(o.mtbf_error[0] != '\0');
}

/* ---- evidence in the background ---- */

static void test_collect_in_background(void **state)
{
	struct app a;
	struct wa_err err;
	char *path = xasprintf("%s/ev.yaml", dir);
	int r = 0, polls = 0;
	struct review *back = NULL;
	(void)state;

	setenv("WA_EVIDENCE_FIXTURES", "tests/evidence/fixtures", 1);
	setenv("AWS_REGION", "eu-west-1", 1);
	app_init(&a, qs, &clock_fake, 300);
	assert_int_equal(app_set_theme(&a, "default", &err), 0);
	app_resize(&a, 24, 80);
	assert_int_equal(session_create(&a.ses, path, &err), 0);
	app_review_opened(&a);
	app_show(&a, VIEW_WALK);
	assert_int_equal(app_tick_ms(&a), -1);
	assert_null(app_evidence(&a));
	app_collect(&a, "REL10");
	assert_false(a.msg_error);
	assert_true(app_tick_ms(&a) > 0);
	/* The caller polls between keys; keys still work meanwhile. */
	while (!((r = app_tick(&a)) & UI_SAVE) && polls++ < 2000) {
		app_key(&a, 'j');
		usleep(1000);
	}
	assert_true(r & UI_SAVE);
	assert_int_equal(app_tick_ms(&a), -1);
	assert_non_null(strstr(a.msg, "Evidence for REL10: 25 probes"));
	assert_ptr_equal(app_evidence(&a), a.ses.rv->evidence);
	assert_int_equal(a.ses.rv->evidence->n_findings, 25);
	assert_string_equal(a.ses.rv->evidence->findings[0].question, "REL10");
	/* Saved: the file holds them, as a reviewer reopening it would see. */
	assert_int_equal(app_save(&a), 0);
	assert_int_equal(review_load(path, qs, &back, &err), 0);
	assert_int_equal(back->evidence->n_findings, 25);
	review_free(back);
	/* Without a way to reach AWS: said at once, nothing runs. */
	unsetenv("WA_EVIDENCE_FIXTURES");
	app_collect(&a, "REL10");
	assert_true(a.msg_error);
	assert_int_equal(app_tick_ms(&a), -1);
	app_free(&a);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_export_parse),  cmocka_unit_test(test_export_write),
		cmocka_unit_test(test_rmedit_fields), cmocka_unit_test(test_rmedit_cycles_and_row),
		cmocka_unit_test(test_calc),          cmocka_unit_test(test_collect_in_background),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
