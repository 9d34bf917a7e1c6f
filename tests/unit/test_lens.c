/* Custom lenses both ways: round trips on the built-in set, on a team's own set and on a
 * lens written in the Tool, what the mapping keeps, the Tool's limits and the errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/qset.h"
#include "store/lens.h"
#include "store/qset_load.h"
#include "util/err.h"
#include "util/json.h"
#include "util/xalloc.h"

/* ---- helpers ------------------------------------------------------------------------- */

struct mem {
	const char *const *names;
	const char *const *texts;
	size_t n;
};

static int mem_source(void *ctx, const char *name, char **text, size_t *len, const char **label,
                      struct wa_err *err)
{
	struct mem *m = ctx;

	*label = name;
	for (size_t i = 0; i < m->n; i++)
		if (!strcmp(m->names[i], name)) {
			*text = xstrdup(m->texts[i]);
			*len = strlen(m->texts[i]);
			return 0;
		}
	return err_set(err, name, 0, 0, "No such file or directory");
}

static struct qset *load_files(const struct lens_file *f, size_t n)
{
	const char **names = xcalloc(n, sizeof(*names)), **texts = xcalloc(n, sizeof(*texts));
	struct mem m = { names, texts, n };
	struct qset *qs = NULL;
	struct wa_err err;

	for (size_t i = 0; i < n; i++) {
		names[i] = f[i].name;
		texts[i] = f[i].text;
	}
	err_clear(&err);
	if (qset_load(mem_source, &m, &qs, &err))
		fail_msg("the set does not load: %s:%d:%d: %s", err.where, err.line, err.col,
		         err.msg);
	free(names);
	free(texts);
	return qs;
}

static char *export_text(const struct qset *qs)
{
	struct wa_err err;
	char *t;

	err_clear(&err);
	t = lens_export_text(qs, "lens.json", &err);
	if (!t)
		fail_msg("export: %s: %s", err.where, err.msg);
	return t;
}

/* Imports a lens text, writes the set as YAML and loads it back as `validate` would. */
static struct qset *import_text(const char *text, struct lens_notes *notes)
{
	struct lens_notes mine = { 0 };
	struct lens_file *files = NULL;
	struct qset *qs = NULL, *back;
	struct wa_err err;
	size_t n = 0;
	cJSON *lens;

	err_clear(&err);
	lens = json_parse(text, strlen(text), "lens.json", &err);
	if (!lens)
		fail_msg("lens.json:%d:%d: %s", err.line, err.col, err.msg);
	if (lens_import(lens, "lens.json", &qs, notes ? notes : &mine, &err))
		fail_msg("import: %s", err.msg);
	if (lens_yaml(qs, &files, &n, &err))
		fail_msg("yaml: %s", err.msg);
	back = load_files(files, n);
	lens_files_free(files, n);
	lens_notes_free(&mine);
	qset_free(qs);
	cJSON_Delete(lens);
	return back;
}

/* The set as its YAML files, concatenated: equal texts mean equal sets. */
static char *set_text(const struct qset *qs)
{
	struct lens_file *files = NULL;
	struct wa_err err;
	size_t n = 0, len = 0;
	char *out;

	if (lens_yaml(qs, &files, &n, &err))
		fail_msg("yaml: %s", err.msg);
	for (size_t i = 0; i < n; i++)
		len += strlen(files[i].name) + files[i].len + 8;
	out = xcalloc(len + 1, 1);
	for (size_t i = 0; i < n; i++) {
		strcat(out, "== ");
		strcat(out, files[i].name);
		strcat(out, "\n");
		strcat(out, files[i].text);
	}
	lens_files_free(files, n);
	return out;
}

/* Imports a lens expected to fail; returns the message. */
static struct wa_err import_fail(const char *text)
{
	struct lens_notes notes = { 0 };
	struct qset *qs = NULL;
	struct wa_err err;
	cJSON *lens;

	err_clear(&err);
	lens = json_parse(text, strlen(text), "lens.json", &err);
	assert_non_null(lens);
	assert_int_equal(lens_import(lens, "lens.json", &qs, &notes, &err), -1);
	assert_null(qs);
	assert_string_equal(err.where, "lens.json");
	lens_notes_free(&notes);
	cJSON_Delete(lens);
	return err;
}

/* ---- a team's own set ---------------------------------------------------------------- */

static const char TEAM_SET[] =
        "set:\n"
        "  id: payments\n"
        "  name: Payments platform review\n"
        "  description: Our own questions for the payments teams, revised each quarter.\n"
        "  pillar: security\n"
        "  framework_version: \"2025.2\"\n"
        "  areas: [data-protection.yaml, operations.yaml]\n";

static const char TEAM_DATA[] =
        "area:\n  id: data-protection\n  title: Protection des données\n"
        "questions:\n"
        "  - id: DATA01\n"
        "    title: How do you protect card data at rest?\n"
        "    wa_question_id: card-data-at-rest\n"
        "    none_choice_id: card_data_no\n"
        "    description: |-\n      Card data lives in databases and backups.\n\n"
        "      Say how each copy is encrypted.\n"
        "    risk_rules:\n"
        "      - when: \"DATA01-BP01 && (DATA01-BP03 || !DATA01-BP02)\"\n"
        "        risk: none\n"
        "      - when: \"DATA01-BP01\"\n"
        "        risk: medium\n"
        "      - when: default\n"
        "        risk: high\n"
        "    best_practices:\n"
        "      - id: DATA01-BP01\n"
        "        title: Encrypt every store\n"
        "        choice_id: encrypt_stores\n"
        "        risk: high\n"
        "        effort: low\n"
        "        description: Every database, bucket and backup is encrypted.\n"
        "        why: A lost snapshot is then no breach.\n"
        "        steps: [List the stores., \"Turn on KMS encryption: all of them.\"]\n"
        "        services: [AWS KMS, Amazon RDS]\n"
        "        links:\n"
        "          - {title: KMS, url: \"https://docs.aws.amazon.com/kms/\"}\n"
        "          - {title: RDS encryption, url: \"https://docs.aws.amazon.com/rds/\"}\n"
        "          - {title: Internal wiki, url: \"https://wiki.example.com/enc\"}\n"
        "      - id: DATA01-BP02\n"
        "        title: Keys rotate yearly\n"
        "        choice_id: documented\n"
        "        risk: medium\n"
        "        effort: medium\n"
        "        description: Keys rotate.\n"
        "        why: Old keys leak.\n"
        "        steps: [Enable rotation.]\n"
        "        links: [{title: Rotation, url: \"https://docs.aws.amazon.com/kms/rot\"}]\n"
        "      - id: DATA01-BP03\n"
        "        title: Tokenise card numbers\n"
        "        choice_id: tokenise\n"
        "        risk: low\n"
        "        effort: high\n"
        "        description: PANs are tokenised before storage.\n"
        "        why: Fewer systems in scope.\n"
        "        steps: [Pick a vault., Replace the PANs.]\n"
        "        links: [{title: PCI, url: \"https://example.com/pci\"}]\n";

static const char TEAM_OPS[] =
        "area:\n  id: operations\n  title: Operations\n"
        "questions:\n"
        "  - id: OPS7\n"
        "    title: How do you run the payment runbooks?\n"
        "    wa_question_id: runbooks\n"
        "    none_choice_id: runbooks_no\n"
        "    description: Runbooks for failed payments.\n"
        "    best_practices:\n"
        "      - id: OPS7-BP2\n"
        "        title: Runbooks are documented\n"
        "        choice_id: documented\n"
        "        risk: medium\n"
        "        effort: low\n"
        "        description: Each alarm links a runbook.\n"
        "        why: Nobody guesses at 3 am.\n"
        "        steps: [Write them.]\n"
        "        links: [{title: Runbooks, url: \"https://example.com/rb\"}]\n"
        "      - id: OPS7-BP5\n"
        "        title: Runbooks are tested\n"
        "        choice_id: tested\n"
        "        risk: low\n"
        "        effort: medium\n"
        "        description: Game days run them.\n"
        "        why: Untested runbooks rot.\n"
        "        steps: [Schedule a game day.]\n"
        "        links: [{title: Game days, url: \"https://example.com/gd\"}]\n";

static struct qset *team_set(void)
{
	static const char *const names[] = { "set.yaml", "data-protection.yaml",
		                             "operations.yaml" };
	static const char *const texts[] = { TEAM_SET, TEAM_DATA, TEAM_OPS };
	struct mem m = { names, texts, 3 };
	struct qset *qs = NULL;
	struct wa_err err;

	err_clear(&err);
	if (qset_load(mem_source, &m, &qs, &err))
		fail_msg("team set: %s:%d:%d: %s", err.where, err.line, err.col, err.msg);
	return qs;
}

/* ---- round trips ----------------------------------------------------------------------- */

/* export -> import -> export gives the same JSON; import -> export -> import the same set. */
static void round_trips(struct qset *qs)
{
	char *j1 = export_text(qs), *j2, *y1, *y2;
	struct qset *s1 = import_text(j1, NULL), *s2;

	j2 = export_text(s1);
	assert_string_equal(j2, j1);
	s2 = import_text(j2, NULL);
	y1 = set_text(s1);
	y2 = set_text(s2);
	assert_string_equal(y2, y1);
	free(j1);
	free(j2);
	free(y1);
	free(y2);
	qset_free(s1);
	qset_free(s2);
}

static void test_builtin_round_trips(void **state)
{
	struct qset *qs = NULL;
	struct wa_err err;

	(void)state;
	assert_int_equal(qset_load_builtin(&qs, &err), 0);
	round_trips(qs);
	qset_free(qs);
}

static void test_team_set_round_trips(void **state)
{
	struct qset *qs = team_set();

	(void)state;
	round_trips(qs);
	qset_free(qs);
}

/* What survives set -> lens -> set: everything but effort, probes and the set's own
 * metadata, which the lens format has no place for. */
static void test_builtin_keeps_what_the_lens_can_hold(void **state)
{
	struct qset *qs = NULL, *back;
	struct wa_err err;
	char *j;

	(void)state;
	assert_int_equal(qset_load_builtin(&qs, &err), 0);
	j = export_text(qs);
	back = import_text(j, NULL);
	assert_int_equal(back->n_questions, qs->n_questions);
	assert_int_equal(back->n_areas, qs->n_areas);
	for (size_t i = 0; i < qs->n_questions; i++) {
		const struct question *a = &qs->questions[i], *b = &back->questions[i];
		assert_string_equal(b->id, a->id);
		assert_string_equal(b->title, a->title);
		assert_string_equal(b->description, a->description);
		assert_string_equal(b->none_choice_id, a->none_choice_id);
		assert_int_equal(b->n_rules, 0); /* the default rule, written out, reads back */
		assert_int_equal(b->n_bps, a->n_bps);
		for (size_t k = 0; k < a->n_bps; k++) {
			const struct bp *x = &a->bps[k], *y = &b->bps[k];
			assert_string_equal(y->id, x->id);
			assert_string_equal(y->title, x->title);
			assert_string_equal(y->choice_id, x->choice_id);
			assert_int_equal(y->risk, x->risk);
			assert_string_equal(y->description, x->description);
			assert_string_equal(y->why, x->why);
			assert_int_equal(y->n_steps, x->n_steps);
			for (size_t s = 0; s < x->n_steps; s++)
				assert_string_equal(y->steps[s], x->steps[s]);
			assert_int_equal(y->n_services, x->n_services);
			assert_int_equal(y->n_links, x->n_links);
			for (size_t l = 0; l < x->n_links; l++)
				assert_string_equal(y->links[l].url, x->links[l].url);
		}
	}
	/* The Tool allows only letters, digits and _ in IDs. */
	assert_string_equal(back->questions[0].wa_question_id, "manage_service_limits");
	assert_string_equal(back->areas[1].id, "workload_architecture");
	free(j);
	qset_free(qs);
	qset_free(back);
}

static void test_team_set_mapping(void **state)
{
	struct qset *qs = team_set(), *back;
	char *j = export_text(qs);
	cJSON *lens = json_parse(j, strlen(j), "lens.json", NULL);
	const cJSON *p0 = cJSON_GetArrayItem(cJSON_GetObjectItem(lens, "pillars"), 0);
	const cJSON *q0 = cJSON_GetArrayItem(cJSON_GetObjectItem(p0, "questions"), 0);
	const cJSON *rules = cJSON_GetObjectItem(q0, "riskRules");
	const cJSON *c0 = cJSON_GetArrayItem(cJSON_GetObjectItem(q0, "choices"), 0);
	const cJSON *none = cJSON_GetArrayItem(cJSON_GetObjectItem(q0, "choices"), 3);

	(void)state;
	assert_string_equal(cJSON_GetObjectItem(lens, "description")->valuestring, qs->description);
	assert_string_equal(cJSON_GetObjectItem(p0, "id")->valuestring, "data_protection");
	assert_string_equal(cJSON_GetObjectItem(p0, "name")->valuestring, "Protection des données");
	assert_string_equal(cJSON_GetObjectItem(q0, "id")->valuestring, "card_data_at_rest");
	assert_string_equal(cJSON_GetObjectItem(q0, "title")->valuestring,
	                    "DATA01 How do you protect card data at rest?");
	assert_string_equal(cJSON_GetObjectItem(c0, "title")->valuestring,
	                    "DATA01-BP01 Encrypt every store");
	assert_string_equal(
	        cJSON_GetObjectItem(cJSON_GetObjectItem(c0, "improvementPlan"), "displayText")
	                ->valuestring,
	        "1. List the stores.\n2. Turn on KMS encryption: all of them.");
	assert_string_equal(cJSON_GetObjectItem(none, "id")->valuestring, "card_data_no");
	assert_string_equal(
	        cJSON_GetObjectItem(cJSON_GetArrayItem(rules, 0), "condition")->valuestring,
	        "encrypt_stores && (tokenise || !documented)");
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(rules, 0), "risk")->valuestring,
	                    "NO_RISK");
	assert_string_equal(
	        cJSON_GetObjectItem(cJSON_GetArrayItem(rules, 2), "condition")->valuestring,
	        "default");
	/* OPS7 has no rules of its own: the default rule, written out (one medium BP). */
	rules = cJSON_GetObjectItem(
	        cJSON_GetArrayItem(
	                cJSON_GetObjectItem(
	                        cJSON_GetArrayItem(cJSON_GetObjectItem(lens, "pillars"), 1),
	                        "questions"),
	                0),
	        "riskRules");
	assert_int_equal(cJSON_GetArraySize(rules), 2);
	assert_string_equal(
	        cJSON_GetObjectItem(cJSON_GetArrayItem(rules, 0), "condition")->valuestring,
	        "documented");
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(rules, 1), "risk")->valuestring,
	                    "MEDIUM_RISK");
	back = import_text(j, NULL);
	/* Explicit rules stay rules; the best practices' risks are what the rules imply. */
	assert_int_equal(back->questions[0].n_rules, 3);
	assert_int_equal(back->questions[0].bps[0].risk, BP_RISK_HIGH);
	assert_int_equal(back->questions[0].bps[1].risk, BP_RISK_LOW);
	assert_int_equal(back->questions[0].bps[2].risk, BP_RISK_MEDIUM);
	assert_string_equal(back->questions[1].id, "OPS7");
	assert_string_equal(back->questions[1].bps[1].id, "OPS7-BP5");
	assert_int_equal(back->questions[1].n_rules, 0);
	assert_string_equal(back->description, qs->description);
	assert_string_equal(back->questions[0].description, qs->questions[0].description);
	assert_int_equal(back->questions[0].bps[0].n_links, 3);
	assert_string_equal(back->questions[0].bps[0].services[1], "Amazon RDS");
	cJSON_Delete(lens);
	free(j);
	qset_free(qs);
	qset_free(back);
}

/* ---- a lens written in the Tool ---------------------------------------------------------- */

static const char TOOL_LENS[] =
        "{\"schemaVersion\": \"2021-11-01\", \"name\": \"Company Policy ABC\",\n"
        " \"description\": \"Compliance with policy ABC-2021.\",\n"
        " \"pillars\": [\n"
        "  {\"id\": \"company_Privacy\", \"name\": \"Privacy Excellence\", \"questions\": [\n"
        "   {\"id\": \"privacy01\", \"title\": \"How do you ensure HR conversations are "
        "private?\",\n"
        "    \"description\": \"Career talks happen on secure channels.\",\n"
        "    \"helpfulResource\": {\"displayText\": \"Help\", \"url\": "
        "\"https://example.com/q1\"},\n"
        "    \"choices\": [\n"
        "     {\"id\": \"choice_1\", \"title\": \"Option 1\",\n"
        "      \"helpfulResource\": {\"displayText\": \"Text 1\", \"url\": "
        "\"https://example.com/c1\"},\n"
        "      \"improvementPlan\": {\"displayText\": \"Improve 1\", \"url\": "
        "\"https://example.com/i1\"}},\n"
        "     {\"id\": \"choice_2\", \"title\": \"Option 2\",\n"
        "      \"helpfulResource\": {\"displayText\": \"Text 2\", \"url\": "
        "\"http://example.com/old\"},\n"
        "      \"improvementPlan\": {\"displayText\": \"Improve 2\"},\n"
        "      \"additionalResources\": [{\"type\": \"HELPFUL_RESOURCE\", \"content\": [\n"
        "        {\"displayText\": \"Manual\", \"url\": \"https://example.com/m\"}]},\n"
        "       {\"type\": \"IMPROVEMENT_PLAN\", \"content\": [{\"displayText\": \"Also "
        "this\"}]}]},\n"
        "     {\"id\": \"choice_3\", \"title\": \"Option 3\",\n"
        "      \"helpfulResource\": {\"displayText\": \"Text 3\", \"url\": "
        "\"https://example.com/c3\"},\n"
        "      \"improvementPlan\": {\"displayText\": \"Improve 3\"}},\n"
        "     {\"id\": \"option_no\", \"title\": \"None of these\"}],\n"
        "    \"riskRules\": [\n"
        "     {\"condition\": \"choice_1 && choice_2 && choice_3\", \"risk\": \"NO_RISK\"},\n"
        "     {\"condition\": \"((choice_1 || choice_2) && choice_3) || (!choice_1 && "
        "choice_3)\", \"risk\": \"MEDIUM_RISK\"},\n"
        "     {\"condition\": \"default\", \"risk\": \"HIGH_RISK\"}]}]},\n"
        "  {\"id\": \"company_Security\", \"name\": \"Security\", \"questions\": [\n"
        "   {\"id\": \"sec01\", \"title\": \"Do you rotate secrets?\", \"colour\": \"blue\",\n"
        "    \"choices\": [\n"
        "     {\"id\": \"choice_1\", \"title\": \"Rotated\",\n"
        "      \"helpfulResource\": {\"displayText\": \"Rotate\", \"url\": "
        "\"https://example.com/r\"},\n"
        "      \"improvementPlan\": {\"displayText\": \"1. Find them\\n2. Rotate them\"}}],\n"
        "    \"riskRules\": [\n"
        "     {\"condition\": \"option_x_no || choice_1\", \"risk\": \"NO_RISK\"},\n"
        "     {\"condition\": \"default\", \"risk\": \"MEDIUM_RISK\"}]}]}]}\n";

static void test_tool_lens_imports(void **state)
{
	struct lens_notes notes = { 0 };
	struct qset *qs;
	char *bad = xstrdup(TOOL_LENS), *at = strstr(bad, "option_x_no || ");
	struct wa_err e;

	(void)state;
	/* A condition naming a choice the question lacks is refused with its place. */
	e = import_fail(bad);
	assert_non_null(strstr(e.msg, "pillars[1].questions[0].riskRules[0].condition: at "
	                              "character 1: 'option_x_no' is not a choice of this "
	                              "question"));
	memmove(at, at + strlen("option_x_no || "), strlen(at + strlen("option_x_no || ")) + 1);
	qs = import_text(bad, &notes);
	assert_string_equal(qs->id, "company-policy-abc");
	assert_string_equal(qs->pillar, "custom");
	assert_string_equal(qs->description, "Compliance with policy ABC-2021.");
	assert_int_equal(qs->n_areas, 2);
	assert_string_equal(qs->areas[0].id, "company_privacy");
	/* Titles carry no IDs: questions are numbered, best practices after them. */
	assert_string_equal(qs->questions[0].id, "Q01");
	assert_string_equal(qs->questions[1].id, "Q02");
	assert_string_equal(qs->questions[0].bps[2].id, "Q01-BP03");
	assert_string_equal(qs->questions[0].title, "How do you ensure HR conversations are "
	                                            "private?");
	assert_string_equal(qs->questions[0].none_choice_id, "option_no");
	/* No "None of these" of its own: the set gets one, as the export then writes it. */
	assert_string_equal(qs->questions[1].none_choice_id, "sec01_no");
	assert_string_equal(qs->questions[1].description, "Do you rotate secrets?");
	/* choice_1 in both questions: choices are scoped to their question. */
	assert_string_equal(qs->questions[1].bps[0].choice_id, "choice_1");
	assert_int_equal(qs->questions[1].bps[0].n_steps, 2);
	assert_string_equal(qs->questions[1].bps[0].steps[1], "Rotate them");
	{
		const struct bp *b = &qs->questions[0].bps[1];
		assert_string_equal(b->description, "Text 2");
		assert_int_equal(b->n_links, 1); /* the http:// one is not kept */
		assert_string_equal(b->links[0].url, "https://example.com/m");
		assert_int_equal(b->n_steps, 2);
		assert_string_equal(b->steps[1], "Also this");
		assert_string_equal(qs->questions[0].bps[0].links[1].url, "https://example.com/i1");
	}
	/* The example rules of the Tool's guide stay rules; risks follow from them. */
	assert_int_equal(qs->questions[0].n_rules, 3);
	assert_int_equal(qs->questions[0].bps[0].risk, BP_RISK_MEDIUM);
	assert_int_equal(qs->questions[0].bps[2].risk, BP_RISK_HIGH);
	assert_int_equal(qs->questions[1].bps[0].risk, BP_RISK_MEDIUM);
	{
		static const char *const want[] = {
			"pillars[0].questions[0].helpfulResource: a question set has no links",
			"pillars[0].questions[0].choices[1].helpfulResource: "
			"http://example.com/old: "
			"a question set keeps only https:// links",
			"pillars[1].questions[0].colour: not a key of the lens format",
		};
		for (size_t w = 0; w < sizeof(want) / sizeof(*want); w++) {
			size_t i = 0;
			while (i < notes.n && !strstr(notes.msgs[i], want[w]))
				i++;
			if (i == notes.n)
				fail_msg("no note '%s'", want[w]);
		}
		assert_int_equal(notes.n, 3);
	}
	/* import -> export -> import: the same set. */
	{
		char *j = export_text(qs), *y1 = set_text(qs), *y2;
		struct qset *again = import_text(j, NULL);
		y2 = set_text(again);
		assert_string_equal(y2, y1);
		free(j);
		free(y1);
		free(y2);
		qset_free(again);
	}
	lens_notes_free(&notes);
	qset_free(qs);
	free(bad);
}

/* ---- limits and errors ----------------------------------------------------------------- */

/* The built-in lens with one change made by edit(), then checked. */
static struct wa_err check_edited(void (*edit)(cJSON *lens))
{
	struct qset *qs = NULL;
	struct wa_err err;
	cJSON *lens;

	assert_int_equal(qset_load_builtin(&qs, &err), 0);
	lens = lens_export(qs, "lens.json", &err);
	assert_non_null(lens);
	edit(lens);
	err_clear(&err);
	assert_int_equal(lens_check(lens, "lens.json", &err), -1);
	cJSON_Delete(lens);
	qset_free(qs);
	return err;
}

static cJSON *question0(cJSON *lens)
{
	return cJSON_GetArrayItem(
	        cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(lens, "pillars"), 0),
	                            "questions"),
	        0);
}

static cJSON *choice0(cJSON *lens)
{
	return cJSON_GetArrayItem(cJSON_GetObjectItem(question0(lens), "choices"), 0);
}

static void sixteen_choices(cJSON *lens)
{
	cJSON *choices = cJSON_GetObjectItem(question0(lens), "choices");
	for (int i = cJSON_GetArraySize(choices); i < 16; i++) {
		cJSON *c = cJSON_Duplicate(cJSON_GetArrayItem(choices, 0), 1);
		char id[32];
		snprintf(id, sizeof(id), "extra_%d", i);
		cJSON_ReplaceItemInObject(c, "id", cJSON_CreateString(id));
		cJSON_AddItemToArray(choices, c);
	}
}

static void long_title(cJSON *lens)
{
	char t[130];
	memset(t, 'x', 129);
	t[129] = '\0';
	cJSON_ReplaceItemInObject(choice0(lens), "title", cJSON_CreateString(t));
}

static void long_unicode_name(cJSON *lens)
{
	/* 128 characters of two bytes each: within the limit, which counts characters. */
	char t[300] = "";
	for (int i = 0; i < 128; i++)
		strcat(t, "é");
	cJSON_ReplaceItemInObject(lens, "name", cJSON_CreateString(t));
	cJSON_ReplaceItemInObject(lens, "schemaVersion", cJSON_CreateString("2020-01-01"));
}

static void eleven_pillars(cJSON *lens)
{
	cJSON *pillars = cJSON_GetObjectItem(lens, "pillars");
	for (int i = cJSON_GetArraySize(pillars); i < 11; i++)
		cJSON_AddItemToArray(pillars, cJSON_Duplicate(cJSON_GetArrayItem(pillars, 0), 1));
}

static void twentyone_questions(cJSON *lens)
{
	cJSON *qs = cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(lens, "pillars"), 0),
	                                "questions");
	for (int i = cJSON_GetArraySize(qs); i < 21; i++)
		cJSON_AddItemToArray(qs, cJSON_Duplicate(cJSON_GetArrayItem(qs, 0), 1));
}

static void hyphen_id(cJSON *lens)
{
	cJSON_ReplaceItemInObject(question0(lens), "id", cJSON_CreateString("manage-limits"));
}

static void long_choice_id(cJSON *lens)
{
	char id[70];
	memset(id, 'a', 65);
	id[65] = '\0';
	cJSON_ReplaceItemInObject(choice0(lens), "id", cJSON_CreateString(id));
}

static void no_plan(cJSON *lens)
{
	cJSON_DeleteItemFromObject(choice0(lens), "improvementPlan");
}

static void six_resources(cJSON *lens)
{
	cJSON *content = cJSON_GetObjectItem(
	        cJSON_GetArrayItem(cJSON_GetObjectItem(choice0(lens), "additionalResources"), 0),
	        "content");
	while (cJSON_GetArraySize(content) < 6)
		cJSON_AddItemToArray(content, cJSON_Duplicate(cJSON_GetArrayItem(content, 0), 1));
}

static void ftp_url(cJSON *lens)
{
	cJSON_ReplaceItemInObject(cJSON_GetObjectItem(choice0(lens), "helpfulResource"), "url",
	                          cJSON_CreateString("ftp://example.com/x"));
}

static void four_rules(cJSON *lens)
{
	cJSON *rules = cJSON_GetObjectItem(question0(lens), "riskRules");
	cJSON_InsertItemInArray(rules, 0, cJSON_Duplicate(cJSON_GetArrayItem(rules, 0), 1));
}

static void same_risk_twice(cJSON *lens)
{
	cJSON *rules = cJSON_GetObjectItem(question0(lens), "riskRules");
	cJSON_ReplaceItemInObject(cJSON_GetArrayItem(rules, 1), "risk",
	                          cJSON_CreateString("NO_RISK"));
}

static void default_first(cJSON *lens)
{
	cJSON *rules = cJSON_GetObjectItem(question0(lens), "riskRules");
	cJSON_ReplaceItemInObject(cJSON_GetArrayItem(rules, 0), "condition",
	                          cJSON_CreateString("default"));
}

static void bad_syntax(cJSON *lens)
{
	cJSON *rules = cJSON_GetObjectItem(question0(lens), "riskRules");
	cJSON_ReplaceItemInObject(cJSON_GetArrayItem(rules, 1), "condition",
	                          cJSON_CreateString("rel_manage_service_limits_aware_fixed_limits "
	                                             "&& (rel_manage_service_limits_limits_"
	                                             "considered"));
}

static void two_nones(cJSON *lens)
{
	cJSON *c = cJSON_Duplicate(choice0(lens), 1);
	cJSON_ReplaceItemInObject(c, "id", cJSON_CreateString("other_no"));
	cJSON_AddItemToArray(cJSON_GetObjectItem(question0(lens), "choices"), c);
}

static void test_limits(void **state)
{
	static const struct {
		void (*edit)(cJSON *);
		const char *msg;
	} cases[] = {
		{ sixteen_choices,
		  "pillars[0].questions[0].choices: 16 choices, the Tool allows 15" },
		{ long_title, "pillars[0].questions[0].choices[0].title: 129 characters, the Tool "
		              "allows 128" },
		{ long_unicode_name, "schemaVersion: '2020-01-01': only 2021-11-01 is known" },
		{ eleven_pillars, "pillars: 11 pillars, the Tool allows 10" },
		{ twentyone_questions, "pillars[0].questions: 21 questions, the Tool allows 20" },
		{ hyphen_id, "pillars[0].questions[0].id: 'manage-limits' may hold only letters, "
		             "digits and _" },
		{ long_choice_id, "pillars[0].questions[0].choices[0].id: 65 characters, the Tool "
		                  "allows 64" },
		{ no_plan, "pillars[0].questions[0].choices[0].improvementPlan: missing; the Tool "
		           "requires an improvement plan" },
		{ six_resources,
		  "pillars[0].questions[0].choices[0].additionalResources[0].content: "
		  "6 items, the Tool allows 5" },
		{ ftp_url, "pillars[0].questions[0].choices[0].helpfulResource.url: "
		           "'ftp://example.com/x' must start with http:// or https://" },
		{ four_rules,
		  "pillars[0].questions[0].riskRules: 4 risk rules, the Tool allows 3" },
		{ same_risk_twice, "pillars[0].questions[0].riskRules[1]: a second NO_RISK rule" },
		{ default_first,
		  "pillars[0].questions[0].riskRules[0]: the default rule must be the "
		  "last" },
		{ bad_syntax, "pillars[0].questions[0].riskRules[1].condition: at character 93: "
		              "expected ')'" },
		{ two_nones,
		  "pillars[0].questions[0].choices[7]: a second \"None of these\" choice" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct wa_err e = check_edited(cases[i].edit);
		assert_string_equal(e.where, "lens.json");
		if (strncmp(e.msg, cases[i].msg, strlen(cases[i].msg)) != 0)
			fail_msg("case %zu: got '%s', want '%s'", i, e.msg, cases[i].msg);
	}
}

static void test_export_refusals(void **state)
{
	struct qset *qs = team_set();
	struct wa_err err;
	struct risk_rule *r;

	(void)state;
	free(qs->questions[1].none_choice_id);
	qs->questions[1].none_choice_id = xstrdup("runbooks_none");
	err_clear(&err);
	assert_null(lens_export_text(qs, "lens.json", &err));
	assert_string_equal(err.where, "lens.json");
	assert_string_equal(err.msg, "pillars[1].questions[0].choices[2].id: OPS7's none_choice_id "
	                             "'runbooks_none' must end in _no, which is how the Tool "
	                             "knows \"None of these\"");
	free(qs->questions[1].none_choice_id);
	qs->questions[1].none_choice_id = xstrdup("runbooks_no");
	/* Our rules may repeat a level of risk; the Tool's may not. */
	r = &qs->questions[0].rules[1];
	r->risk = QRISK_NONE;
	err_clear(&err);
	assert_null(lens_export_text(qs, "lens.json", &err));
	assert_string_equal(err.msg, "pillars[0].questions[0].riskRules[1]: a second NO_RISK rule; "
	                             "the Tool allows one rule per level of risk");
	qset_free(qs);
}

static void test_import_refusals(void **state)
{
	struct wa_err e;

	(void)state;
	e = import_fail(
	        "{\"schemaVersion\": \"2021-11-01\", \"name\": \"L\", \"pillars\": [{\"id\": "
	        "\"abc\", \"name\": \"P\", \"questions\": [{\"id\": \"q01\", \"title\": "
	        "\"Q?\", \"choices\": [{\"id\": \"c_1\", \"title\": \"C\", "
	        "\"improvementPlan\": {\"displayText\": \"Do it\"}}], \"riskRules\": "
	        "[{\"condition\": \"default\", \"risk\": \"HIGH_RISK\"}]}]}]}");
	assert_string_equal(e.msg, "pillars[0].questions[0].choices[0]: no https:// link "
	                           "(helpfulResource.url or additionalResources); a question set "
	                           "needs one for each best practice");
	e = import_fail(
	        "{\"schemaVersion\": \"2021-11-01\", \"name\": \"L\", \"pillars\": [{\"id\": "
	        "\"abc\", \"name\": \"P\", \"questions\": [{\"id\": \"q01\", \"title\": "
	        "\"Q?\", \"choices\": [{\"id\": \"c_no\", \"title\": \"None\"}], "
	        "\"riskRules\": [{\"condition\": \"default\", \"risk\": \"HIGH_RISK\"}]}]}]}");
	assert_string_equal(e.msg, "pillars[0].questions[0].choices: only \"None of these\"; a "
	                           "question set needs at least one best practice");
	e = import_fail("{\"schemaVersion\": \"2021-11-01\", \"name\": \"L\", \"pillars\": []}");
	assert_string_equal(e.msg, "pillars: 0 pillars, the Tool needs at least 1");
	e = import_fail("[1, 2]");
	assert_string_equal(e.msg, "(top level): a lens is a JSON object");
}

/* Choice IDs are scoped to their question, as in the Tool: the team set reuses
 * "documented" across questions, but one question may not hold it twice. */
static void test_choice_ids_unique_per_question(void **state)
{
	static const char *const names[] = { "set.yaml", "data-protection.yaml",
		                             "operations.yaml" };
	const char *at = strstr(TEAM_OPS, "choice_id: tested");
	char *ops = xasprintf("%.*schoice_id: runbooks_no%s", (int)(at - TEAM_OPS), TEAM_OPS,
	                      at + strlen("choice_id: tested"));
	const char *texts[] = { TEAM_SET, TEAM_DATA, ops };
	struct mem m = { names, texts, 3 };
	struct qset *qs = NULL;
	struct wa_err err;

	(void)state;
	err_clear(&err);
	assert_int_equal(qset_load(mem_source, &m, &qs, &err), -1);
	assert_string_equal(err.where, "operations.yaml");
	assert_non_null(strstr(err.msg, "OPS7-BP5: duplicate choice_id 'runbooks_no' (already "
	                                "used at operations.yaml:8)"));
	free(ops);
}

static void test_size_limit(void **state)
{
	struct qset *qs = NULL;
	struct wa_err err;
	char *big;

	(void)state;
	assert_int_equal(qset_load_builtin(&qs, &err), 0);
	/* The built-in set exports to about 180 kB; texts near their limits pass 500 kB. */
	big = xcalloc(2001, 1);
	memset(big, 'w', 2000);
	for (size_t i = 0; i < qs->n_questions; i++)
		for (size_t k = 0; k < qs->questions[i].n_bps; k++) {
			struct bp *b = &qs->questions[i].bps[k];
			free(b->why);
			b->why = xstrdup(big);
			free(b->description);
			b->description = xstrdup(big);
			free(b->steps[0]);
			b->steps[0] = xstrdup(big + 1100);
			for (size_t l = 0; l < b->n_links; l++) {
				free(b->links[l].title);
				b->links[l].title = xstrdup(big);
			}
		}
	err_clear(&err);
	assert_null(lens_export_text(qs, "lens.json", &err));
	assert_non_null(strstr(err.msg, "bytes, the Tool allows a lens of 500000"));
	free(big);
	qset_free(qs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_round_trips),
		cmocka_unit_test(test_team_set_round_trips),
		cmocka_unit_test(test_builtin_keeps_what_the_lens_can_hold),
		cmocka_unit_test(test_team_set_mapping),
		cmocka_unit_test(test_tool_lens_imports),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_export_refusals),
		cmocka_unit_test(test_import_refusals),
		cmocka_unit_test(test_choice_ids_unique_per_question),
		cmocka_unit_test(test_size_limit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
