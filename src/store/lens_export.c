/* A question set as a custom lens: each area a pillar, each question a question, each best
 * practice a choice, plus the question's "None of these" choice and its risk rules.
 * wa-review-questions(5), CUSTOM LENSES, has the mapping; lens_import.c reads it back. */
#include "store/lens.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/lens_int.h"
#include "util/json.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

/* Adds key: s, with the '-' of an ID turned into the Tool's '_'. */
static void add_id(cJSON *obj, const char *key, const char *s)
{
	char *id = lens_tool_id(s);
	cJSON_AddStringToObject(obj, key, id);
	free(id);
}

/* "REL01 How do you ...": the title carries our ID, as the Tool's own lens names REL 1. */
static void add_titled(cJSON *obj, const char *id, const char *title)
{
	char *t = xasprintf("%s %s", id, title);
	cJSON_AddStringToObject(obj, "title", t);
	free(t);
}

static cJSON *content(const char *text, const char *url)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "displayText", text);
	if (url)
		cJSON_AddStringToObject(o, "url", url);
	return o;
}

/* Steps as one numbered text ("1. ...\n2. ..."), which an import splits again. */
static char *numbered(const struct bp *bp)
{
	struct sbuf b = { 0 };

	for (size_t i = 0; i < bp->n_steps; i++)
		sbuf_printf(&b, "%s%zu. %s", i ? "\n" : "", i + 1, bp->steps[i]);
	return sbuf_take(&b);
}

/* Whether the first link is the practice's own page, titled "REL01-BP01 Title": its URL
 * then goes with the description (the helpful resource), and its title is implied. */
static bool first_link_is_page(const struct bp *bp)
{
	char *t = xasprintf("%s %s", bp->id, bp->title);
	bool page = bp->n_links && !strcmp(bp->links[0].title, t);

	free(t);
	return page;
}

static void add_resources(cJSON *choice, const struct bp *bp)
{
	cJSON *list = cJSON_AddArrayToObject(choice, "additionalResources");
	cJSON *helpful = cJSON_CreateObject(), *items;

	/* Why it matters first (a text without a link), then the further links. */
	cJSON_AddStringToObject(helpful, "type", "HELPFUL_RESOURCE");
	items = cJSON_AddArrayToObject(helpful, "content");
	cJSON_AddItemToArray(items, content(bp->why, NULL));
	for (size_t i = first_link_is_page(bp) ? 1 : 0; i < bp->n_links; i++)
		cJSON_AddItemToArray(items, content(bp->links[i].title, bp->links[i].url));
	cJSON_AddItemToArray(list, helpful);
	if (bp->n_services) {
		cJSON *plan = cJSON_CreateObject();
		struct sbuf b = { 0 };
		char *s;

		sbuf_puts(&b, LENS_SERVICES_LEAD);
		for (size_t i = 0; i < bp->n_services; i++)
			sbuf_printf(&b, "%s%s", i ? ", " : "", bp->services[i]);
		s = sbuf_take(&b);
		cJSON_AddStringToObject(plan, "type", "IMPROVEMENT_PLAN");
		cJSON_AddItemToArray(cJSON_AddArrayToObject(plan, "content"), content(s, NULL));
		cJSON_AddItemToArray(list, plan);
		free(s);
	}
}

static cJSON *export_choice(const struct bp *bp)
{
	cJSON *c = cJSON_CreateObject();
	char *steps = numbered(bp);

	add_id(c, "id", bp->choice_id);
	add_titled(c, bp->id, bp->title);
	cJSON_AddItemToObject(
	        c, "helpfulResource",
	        content(bp->description, first_link_is_page(bp) ? bp->links[0].url : NULL));
	cJSON_AddItemToObject(c, "improvementPlan", content(steps, NULL));
	add_resources(c, bp);
	free(steps);
	return c;
}

static void add_rules(cJSON *q, const struct question *qu, const char *const *names)
{
	cJSON *list = cJSON_AddArrayToObject(q, "riskRules");
	struct risk_rule *gen = NULL;
	const struct risk_rule *rules = qu->rules;
	size_t n = qu->n_rules;

	if (!n) {
		n = lens_default_rules(qu, &gen);
		rules = gen;
	}
	for (size_t i = 0; i < n; i++) {
		cJSON *r = cJSON_CreateObject();
		char *cond = rules[i].when ? lens_cond_print(rules[i].when, names) : NULL;

		cJSON_AddStringToObject(r, "condition", cond ? cond : "default");
		cJSON_AddStringToObject(r, "risk", lens_risk_name(rules[i].risk));
		cJSON_AddItemToArray(list, r);
		free(cond);
	}
	lens_rules_free(gen, gen ? n : 0);
}

static cJSON *export_question(const struct question *qu)
{
	cJSON *q = cJSON_CreateObject(), *choices, *none;
	char **names = xcalloc(qu->n_bps + 1, sizeof(*names));

	add_id(q, "id", qu->wa_question_id);
	add_titled(q, qu->id, qu->title);
	cJSON_AddStringToObject(q, "description", qu->description);
	choices = cJSON_AddArrayToObject(q, "choices");
	for (size_t i = 0; i < qu->n_bps; i++) {
		cJSON_AddItemToArray(choices, export_choice(&qu->bps[i]));
		names[i] = lens_tool_id(qu->bps[i].choice_id);
	}
	none = cJSON_CreateObject();
	add_id(none, "id", qu->none_choice_id);
	cJSON_AddStringToObject(none, "title", LENS_NONE_TITLE);
	cJSON_AddItemToArray(choices, none);
	add_rules(q, qu, (const char *const *)names);
	for (size_t i = 0; i < qu->n_bps; i++)
		free(names[i]);
	free(names);
	return q;
}

/* What only a set can get wrong: the Tool knows "None of these" by its ID alone. */
static int check_none_ids(const struct qset *qs, const char *name, struct wa_err *err)
{
	for (size_t a = 0; a < qs->n_areas; a++)
		for (size_t i = 0; i < qs->areas[a].count; i++) {
			const struct question *q = &qs->questions[qs->areas[a].first + i];
			size_t n = strlen(q->none_choice_id);

			if (n < 3 || strcmp(q->none_choice_id + n - 3, "_no") != 0)
				return err_set(
				        err, name, 0, 0,
				        "pillars[%zu].questions[%zu].choices[%zu].id: %s's "
				        "none_choice_id '%s' must end in _no, which is how the "
				        "Tool knows \"None of these\"",
				        a, i, q->n_bps, q->id, q->none_choice_id);
		}
	return 0;
}

static char *default_description(const struct qset *qs)
{
	return xasprintf("%s: %zu questions in %zu areas, framework version %s, from the "
	                 "wa-review question set '%s'.",
	                 qs->name, qs->n_questions, qs->n_areas, qs->framework_version, qs->id);
}

cJSON *lens_export(const struct qset *qs, const char *name, struct wa_err *err)
{
	cJSON *lens, *pillars;
	char *desc;

	if (check_none_ids(qs, name, err))
		return NULL;
	lens = cJSON_CreateObject();
	cJSON_AddStringToObject(lens, "schemaVersion", LENS_SCHEMA_VERSION);
	cJSON_AddStringToObject(lens, "name", qs->name);
	desc = qs->description ? xstrdup(qs->description) : default_description(qs);
	cJSON_AddStringToObject(lens, "description", desc);
	free(desc);
	pillars = cJSON_AddArrayToObject(lens, "pillars");
	for (size_t a = 0; a < qs->n_areas; a++) {
		const struct area *ar = &qs->areas[a];
		cJSON *p = cJSON_CreateObject(), *qlist;

		add_id(p, "id", ar->id);
		cJSON_AddStringToObject(p, "name", ar->title);
		qlist = cJSON_AddArrayToObject(p, "questions");
		for (size_t i = ar->first; i < ar->first + ar->count; i++)
			cJSON_AddItemToArray(qlist, export_question(&qs->questions[i]));
		cJSON_AddItemToArray(pillars, p);
	}
	if (lens_check(lens, name, err)) {
		cJSON_Delete(lens);
		return NULL;
	}
	return lens;
}

char *lens_export_text(const struct qset *qs, const char *name, struct wa_err *err)
{
	cJSON *lens = lens_export(qs, name, err);
	char *text, *out;
	size_t n;

	if (!lens)
		return NULL;
	text = json_print(lens, JSON_PRETTY);
	cJSON_Delete(lens);
	n = strlen(text);
	if (n + 1 > LENS_JSON_MAX) {
		free(text);
		err_set(err, name, 0, 0, "%zu bytes, the Tool allows a lens of %d", n + 1,
		        LENS_JSON_MAX);
		return NULL;
	}
	out = xasprintf("%s\n", text);
	free(text);
	return out;
}
