/* A custom lens as a question set: each pillar an area, each question a question, each
 * choice but "None of these" a best practice. IDs in titles ("REL01 ...", "REL01-BP01 ...",
 * as an export writes them) become the set's IDs; without them questions are numbered.
 * Risk rules become risk_rules, unless they say what wa-review's default says. The mapping
 * is in wa-review-questions(5), CUSTOM LENSES; lens_export.c is the other direction. */
#include "store/lens.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/rexpr.h"
#include "store/lens_int.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

struct imp {
	const char *name;
	struct wa_err *err;
	struct lens_notes *notes;
	struct qset *qs;
};

void lens_notes_free(struct lens_notes *notes)
{
	for (size_t i = 0; i < notes->n; i++)
		free(notes->msgs[i]);
	free(notes->msgs);
	notes->msgs = NULL;
	notes->n = 0;
}

static void note(struct imp *im, const char *fmt, ...) ATTR_FORMAT(2, 3);
static void note(struct imp *im, const char *fmt, ...)
{
	struct sbuf b = { 0 };
	char msg[700];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	sbuf_printf(&b, "%s: %s", im->name, msg);
	im->notes->msgs = xrealloc(im->notes->msgs, (im->notes->n + 1) * sizeof(char *));
	im->notes->msgs[im->notes->n++] = sbuf_take(&b);
}

/* Notes every key of obj outside keys[] (NULL-terminated). */
static void unknown_keys(struct imp *im, const cJSON *obj, const char *path,
                         const char *const *keys)
{
	const cJSON *it;

	cJSON_ArrayForEach(it, obj)
	{
		size_t i = 0;
		while (keys[i] && strcmp(keys[i], it->string) != 0)
			i++;
		if (!keys[i])
			note(im, "%s%s%s: not a key of the lens format; not imported", path,
			     *path ? "." : "", it->string);
	}
}

static const char *str(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static bool is_none_id(const char *id)
{
	size_t n = strlen(id);
	return n >= 3 && !strcmp(id + n - 3, "_no");
}

/* Splits "ID rest" when the ID is valid (ok) and rest is not empty; *id and *rest are newly
 * allocated. Returns whether it split. */
static bool split_title(const char *title, bool (*ok)(const char *id, const char *ctx),
                        const char *ctx, char **id, char **rest)
{
	const char *sp = strchr(title, ' ');
	char *head;

	if (!sp || !sp[1])
		return false;
	head = xstrndup(title, (size_t)(sp - title));
	if (!ok(head, ctx)) {
		free(head);
		return false;
	}
	*id = head;
	*rest = xstrdup(sp + 1);
	return true;
}

/* Capital letters then digits, as a question ID is. */
static bool ok_question_id(const char *s, const char *ctx)
{
	size_t i = 0;

	(void)ctx;
	while (isupper((unsigned char)s[i]))
		i++;
	if (i == 0 || !isdigit((unsigned char)s[i]))
		return false;
	while (isdigit((unsigned char)s[i]))
		i++;
	return s[i] == '\0';
}

/* "<question ID>-BP<digits>" */
static bool ok_bp_id(const char *s, const char *qid)
{
	size_t n = strlen(qid);

	if (strncmp(s, qid, n) != 0 || strncmp(s + n, "-BP", 3) != 0 || !s[n + 3])
		return false;
	for (s += n + 3; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

/* Whether every title in a list of n carries a valid ID and no ID repeats: only then are
 * the IDs taken, so a lens that numbers some questions and not others gets numbered whole. */
static bool all_titled(const char *const *titles, size_t n,
                       bool (*ok)(const char *id, const char *ctx), const char *ctx)
{
	char **ids = xcalloc(n + 1, sizeof(*ids));
	bool all = true;

	for (size_t i = 0; i < n && all; i++) {
		char *rest;
		all = split_title(titles[i], ok, ctx, &ids[i], &rest);
		if (all)
			free(rest);
		for (size_t j = 0; all && j < i; j++)
			all = strcmp(ids[i], ids[j]) != 0;
	}
	for (size_t i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	return all;
}

static void push_str(char ***list, size_t *n, char *s)
{
	*list = xrealloc(*list, (*n + 1) * sizeof(**list));
	(*list)[(*n)++] = s;
}

static void add_link(struct imp *im, struct bp *bp, const char *path, const char *title,
                     const char *url)
{
	if (strncmp(url, "https://", 8) != 0) {
		note(im, "%s: %s: a question set keeps only https:// links; not imported", path,
		     url);
		return;
	}
	bp->links = xrealloc(bp->links, (bp->n_links + 1) * sizeof(*bp->links));
	bp->links[bp->n_links].title = xstrdup(title);
	bp->links[bp->n_links++].url = xstrdup(url);
}

/* "1. a\n2. b" as steps a and b; a text that does not start with "1. " is one step. A line
 * that does not start with the next number continues the step before it. */
static void split_steps(struct bp *bp, const char *text)
{
	struct sbuf cur = { 0 };
	size_t next = 1;
	const char *line = text;

	if (strncmp(text, "1. ", 3) != 0) {
		push_str(&bp->steps, &bp->n_steps, xstrdup(text));
		return;
	}
	while (*line) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		char num[32];
		int k = snprintf(num, sizeof(num), "%zu. ", next);

		if (len >= (size_t)k && !strncmp(line, num, (size_t)k)) {
			if (next > 1)
				push_str(&bp->steps, &bp->n_steps, sbuf_take(&cur));
			sbuf_putn(&cur, line + k, len - (size_t)k);
			next++;
		} else {
			sbuf_putc(&cur, '\n');
			sbuf_putn(&cur, line, len);
		}
		line += len + (end ? 1 : 0);
	}
	push_str(&bp->steps, &bp->n_steps, sbuf_take(&cur));
}

/* additionalResources: links from items with a url; the texts without one become "why"
 * (helpful) or steps and services (improvement plan). */
static void import_additional(struct imp *im, const cJSON *ch, const char *path, struct bp *bp,
                              struct sbuf *why)
{
	static const char *const res_keys[] = { "type", "content", NULL };
	static const char *const item_keys[] = { "displayText", "url", NULL };
	const cJSON *res;
	int i = 0;

	cJSON_ArrayForEach(res, cJSON_GetObjectItemCaseSensitive(ch, "additionalResources"))
	{
		bool helpful = !strcmp(str(res, "type"), "HELPFUL_RESOURCE");
		const cJSON *item;
		char rpath[600];
		int j = 0;

		snprintf(rpath, sizeof(rpath), "%.200s.additionalResources[%d]", path, i++);
		unknown_keys(im, res, rpath, res_keys);
		cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(res, "content"))
		{
			const char *text = str(item, "displayText"), *url = str(item, "url");
			char ipath[700];

			snprintf(ipath, sizeof(ipath), "%.300s.content[%d]", rpath, j++);
			unknown_keys(im, item, ipath, item_keys);
			if (url)
				add_link(im, bp, ipath, text, url);
			else if (!text)
				continue;
			else if (helpful)
				sbuf_printf(why, "%s%s", why->len ? "\n\n" : "", text);
			else if (!strncmp(text, LENS_SERVICES_LEAD, strlen(LENS_SERVICES_LEAD)))
				for (const char *s = text + strlen(LENS_SERVICES_LEAD); *s;) {
					const char *comma = strstr(s, ", ");
					size_t n = comma ? (size_t)(comma - s) : strlen(s);
					if (n)
						push_str(&bp->services, &bp->n_services,
						         xstrndup(s, n));
					s += n + (comma ? 2 : 0);
				}
			else
				push_str(&bp->steps, &bp->n_steps, xstrdup(text));
		}
	}
}

static int import_choice(struct imp *im, const cJSON *ch, const char *path, struct question *q,
                         struct bp *bp, bool titled)
{
	static const char *const keys[] = {
		"id", "title", "helpfulResource", "improvementPlan", "additionalResources", NULL
	};
	static const char *const res_keys[] = { "displayText", "url", NULL };
	const char *title = str(ch, "title");
	const cJSON *help = cJSON_GetObjectItemCaseSensitive(ch, "helpfulResource");
	const cJSON *plan = cJSON_GetObjectItemCaseSensitive(ch, "improvementPlan");
	struct sbuf why = { 0 };
	char sub[700];

	unknown_keys(im, ch, path, keys);
	if (!titled || !split_title(title, ok_bp_id, q->id, &bp->id, &bp->title)) {
		bp->id = xasprintf("%s-BP%02zu", q->id, (size_t)(bp - q->bps) + 1);
		bp->title = xstrdup(title);
	}
	bp->choice_id = xstrdup(str(ch, "id"));
	bp->effort = EFFORT_MEDIUM;
	bp->description = xstrdup(str(help, "displayText") ? str(help, "displayText") : bp->title);
	snprintf(sub, sizeof(sub), "%.200s.helpfulResource", path);
	unknown_keys(im, help, sub, res_keys);
	if (str(help, "url")) {
		/* Titled as an export expects its first link to be: "REL01-BP01 Title". */
		char *t = xasprintf("%s %s", bp->id, bp->title);
		add_link(im, bp, sub, t, str(help, "url"));
		free(t);
	}
	snprintf(sub, sizeof(sub), "%.200s.improvementPlan", path);
	unknown_keys(im, plan, sub, res_keys);
	split_steps(bp, str(plan, "displayText"));
	if (str(plan, "url")) {
		char *t = xasprintf("Improvement plan: %s", bp->title);
		add_link(im, bp, sub, t, str(plan, "url"));
		free(t);
	}
	import_additional(im, ch, path, bp, &why);
	bp->why = why.len ? sbuf_take(&why) : xstrdup(bp->description);
	if (!bp->n_links)
		return err_set(im->err, im->name, 0, 0,
		               "%s: no https:// link (helpfulResource.url or additionalResources); "
		               "a question set needs one for each best practice",
		               path);
	return 0;
}

/* A condition over the lens question's choices as one over its best practices: choice i
 * becomes best practice bp_of[i], and "None of these" (bp_of -1) "none selected". */
static struct rexpr *map_cond(struct rexpr *e, const long *bp_of, size_t n_bps)
{
	struct rexpr *r;

	if (e->kind != REXPR_BP) {
		e->a = map_cond(e->a, bp_of, n_bps);
		if (e->b)
			e->b = map_cond(e->b, bp_of, n_bps);
		return e;
	}
	if (bp_of[e->bp] >= 0) {
		e->bp = (size_t)bp_of[e->bp];
		return e;
	}
	free(e);
	r = NULL;
	for (size_t i = 0; i < n_bps; i++) {
		struct rexpr *leaf = xcalloc(1, sizeof(*leaf));
		leaf->kind = REXPR_BP;
		leaf->bp = i;
		if (r) {
			struct rexpr * or = xcalloc(1, sizeof(* or));
			or->kind = REXPR_OR;
			or->a = r;
			or->b = leaf;
			leaf = or ;
		}
		r = leaf;
	}
	e = xcalloc(1, sizeof(*e));
	e->kind = REXPR_NOT;
	e->a = r;
	return e;
}

static enum qrisk eval_rules(const struct question *q, const unsigned char *sel)
{
	for (size_t i = 0; i < q->n_rules; i++)
		if (!q->rules[i].when || rexpr_eval(q->rules[i].when, sel))
			return q->rules[i].risk;
	return QRISK_HIGH;
}

/* Each best practice's risk is what the rules give when it alone is missing. */
static void derive_risks(struct question *q)
{
	unsigned char *sel = xmalloc(q->n_bps + 1);

	for (size_t i = 0; i < q->n_bps; i++) {
		enum qrisk r;
		memset(sel, 1, q->n_bps);
		sel[i] = 0;
		r = eval_rules(q, sel);
		q->bps[i].risk = r == QRISK_HIGH     ? BP_RISK_HIGH
		                 : r == QRISK_MEDIUM ? BP_RISK_MEDIUM
		                                     : BP_RISK_LOW;
	}
	free(sel);
}

/* Whether the rules say what the default rule says for the best practices' risks. */
static bool rules_are_default(const struct question *q)
{
	struct risk_rule *gen;
	size_t n = lens_default_rules(q, &gen);
	const char **names = xcalloc(q->n_bps + 1, sizeof(*names));
	bool same = n == q->n_rules;

	for (size_t i = 0; i < q->n_bps; i++)
		names[i] = q->bps[i].id;
	for (size_t i = 0; same && i < n; i++) {
		char *a, *b;
		if (gen[i].risk != q->rules[i].risk || !gen[i].when != !q->rules[i].when) {
			same = false;
			break;
		}
		if (!gen[i].when)
			continue;
		a = lens_cond_print(gen[i].when, names);
		b = lens_cond_print(q->rules[i].when, names);
		same = !strcmp(a, b);
		free(a);
		free(b);
	}
	lens_rules_free(gen, n);
	free(names);
	return same;
}

static void import_rules(const cJSON *jq, struct question *q, const long *bp_of)
{
	const cJSON *choices = cJSON_GetObjectItemCaseSensitive(jq, "choices"), *r;
	const cJSON *rules = cJSON_GetObjectItemCaseSensitive(jq, "riskRules");

	q->rules = xcalloc((size_t)cJSON_GetArraySize(rules) + 1, sizeof(*q->rules));
	cJSON_ArrayForEach(r, rules)
	{
		struct risk_rule *rr = &q->rules[q->n_rules++];
		const char *cond = str(r, "condition");
		char msg[300];

		rr->risk = lens_risk_parse(str(r, "risk"));
		/* lens_check() parsed every condition already. */
		if (strcmp(cond, "default") != 0 &&
		    !lens_cond_parse(choices, q->wa_question_id, cond, &rr->when, msg, sizeof(msg)))
			rr->when = map_cond(rr->when, bp_of, q->n_bps);
	}
	derive_risks(q);
	if (rules_are_default(q)) {
		for (size_t i = 0; i < q->n_rules; i++)
			rexpr_free(q->rules[i].when);
		free(q->rules);
		q->rules = NULL;
		q->n_rules = 0;
	}
}

static int import_question(struct imp *im, const cJSON *jq, const char *path, struct question *q,
                           size_t number, bool titled)
{
	static const char *const keys[] = {
		"id", "title", "description", "helpfulResource", "choices", "riskRules", NULL
	};
	static const char *const none_keys[] = { "id", "title", NULL };
	static const char *const rule_keys[] = { "condition", "risk", NULL };
	const cJSON *choices = cJSON_GetObjectItemCaseSensitive(jq, "choices"), *ch;
	const char *title = str(jq, "title"), *none = NULL;
	size_t n = (size_t)cJSON_GetArraySize(choices), k = 0;
	const char **bp_titles = xcalloc(n + 1, sizeof(*bp_titles));
	long *bp_of = xcalloc(n + 1, sizeof(*bp_of));
	bool bps_titled;
	char sub[700];
	int rc = 0;

	unknown_keys(im, jq, path, keys);
	if (cJSON_GetObjectItemCaseSensitive(jq, "helpfulResource"))
		note(im,
		     "%s.helpfulResource: a question set has no links for a question; not "
		     "imported",
		     path);
	if (!titled || !split_title(title, ok_question_id, NULL, &q->id, &q->title)) {
		q->id = xasprintf(LENS_QUESTION_PREFIX "%02zu", number);
		q->title = xstrdup(title);
	}
	q->wa_question_id = xstrdup(str(jq, "id"));
	q->description = xstrdup(str(jq, "description") ? str(jq, "description") : q->title);
	cJSON_ArrayForEach(ch, choices)
	{
		if (is_none_id(str(ch, "id"))) {
			none = str(ch, "id");
			bp_of[k++] = -1;
			snprintf(sub, sizeof(sub), "%s.choices[%zu]", path, k - 1);
			unknown_keys(im, ch, sub, none_keys);
			continue;
		}
		bp_titles[q->n_bps] = str(ch, "title");
		bp_of[k++] = (long)q->n_bps++;
	}
	/* Without its own, the question gets one: a set needs it, and an export writes it. */
	q->none_choice_id = none ? xstrdup(none) : xasprintf("%.61s_no", q->wa_question_id);
	if (!q->n_bps) {
		rc = err_set(
		        im->err, im->name, 0, 0,
		        "%s.choices: only \"None of these\"; a question set needs at least one "
		        "best practice",
		        path);
		goto out;
	}
	bps_titled = all_titled(bp_titles, q->n_bps, ok_bp_id, q->id);
	q->bps = xcalloc(q->n_bps, sizeof(*q->bps));
	k = 0;
	cJSON_ArrayForEach(ch, choices)
	{
		size_t i = (size_t)(k++);
		if (bp_of[i] < 0)
			continue;
		snprintf(sub, sizeof(sub), "%s.choices[%zu]", path, i);
		rc = import_choice(im, ch, sub, q, &q->bps[bp_of[i]], bps_titled);
		if (rc)
			goto out;
	}
	k = 0;
	cJSON_ArrayForEach(ch, cJSON_GetObjectItemCaseSensitive(jq, "riskRules"))
	{
		snprintf(sub, sizeof(sub), "%s.riskRules[%zu]", path, k++);
		unknown_keys(im, ch, sub, rule_keys);
	}
	import_rules(jq, q, bp_of);
out:
	free(bp_titles);
	free(bp_of);
	return rc;
}

/* A set ID from the lens name: lowercase letters and digits, other runs as one '-'. */
static char *slug(const char *name)
{
	char *s = xmalloc(65);
	size_t n = 0;

	for (const char *p = name; *p && n < 64; p++) {
		if (isalnum((unsigned char)*p))
			s[n++] = (char)tolower((unsigned char)*p);
		else if (n && s[n - 1] != '-')
			s[n++] = '-';
	}
	while (n && s[n - 1] == '-')
		n--;
	s[n] = '\0';
	if (!n) {
		free(s);
		return xstrdup("lens");
	}
	return s;
}

static int import_pillars(struct imp *im, const cJSON *pillars)
{
	static const char *const keys[] = { "id", "name", "questions", NULL };
	struct qset *qs = im->qs;
	const char **titles = NULL;
	const cJSON *p, *jq;
	size_t nq = 0, ai = 0;
	bool titled;

	cJSON_ArrayForEach(p, pillars)
	        cJSON_ArrayForEach(jq, cJSON_GetObjectItemCaseSensitive(p, "questions"))
	{
		titles = xrealloc(titles, (nq + 1) * sizeof(*titles));
		titles[nq++] = str(jq, "title");
	}
	titled = all_titled(titles, nq, ok_question_id, NULL);
	free(titles);
	qs->areas = xcalloc((size_t)cJSON_GetArraySize(pillars), sizeof(*qs->areas));
	qs->questions = xcalloc(nq, sizeof(*qs->questions));
	cJSON_ArrayForEach(p, pillars)
	{
		struct area *a = &qs->areas[qs->n_areas++];
		char path[64];
		size_t qi = 0;

		snprintf(path, sizeof(path), "pillars[%zu]", ai++);
		unknown_keys(im, p, path, keys);
		a->id = xstrdup(str(p, "id"));
		for (char *c = a->id; *c; c++)
			*c = (char)tolower((unsigned char)*c);
		for (size_t i = 0; i + 1 < qs->n_areas; i++)
			if (!strcmp(qs->areas[i].id, a->id))
				return err_set(im->err, im->name, 0, 0,
				               "%s.id: '%s' and pillars[%zu].id both become area "
				               "'%s' (area IDs are lowercase)",
				               path, str(p, "id"), i, a->id);
		a->title = xstrdup(str(p, "name"));
		a->first = qs->n_questions;
		cJSON_ArrayForEach(jq, cJSON_GetObjectItemCaseSensitive(p, "questions"))
		{
			struct question *q = &qs->questions[qs->n_questions++];
			char qpath[96];

			snprintf(qpath, sizeof(qpath), "%s.questions[%zu]", path, qi++);
			q->area = qs->n_areas - 1;
			a->count++;
			if (import_question(im, jq, qpath, q, qs->n_questions, titled))
				return -1;
		}
	}
	return 0;
}

int lens_import(const cJSON *lens, const char *name, struct qset **out, struct lens_notes *notes,
                struct wa_err *err)
{
	static const char *const keys[] = { "schemaVersion", "name", "description", "pillars",
		                            NULL };
	struct imp im = { name, err, notes, NULL };
	const cJSON *pillars;

	*out = NULL;
	if (lens_check(lens, name, err))
		return -1;
	im.qs = xcalloc(1, sizeof(*im.qs));
	unknown_keys(&im, lens, "", keys);
	im.qs->name = xstrdup(str(lens, "name"));
	im.qs->id = slug(im.qs->name);
	if (str(lens, "description"))
		im.qs->description = xstrdup(str(lens, "description"));
	im.qs->framework_version = xstrdup(LENS_IMPORTED_VERSION);
	pillars = cJSON_GetObjectItemCaseSensitive(lens, "pillars");
	/* One pillar is the set's pillar; several make a set of its own kind. */
	im.qs->pillar =
	        xstrdup(cJSON_GetArraySize(pillars) == 1 ? str(cJSON_GetArrayItem(pillars, 0), "id")
	                                                 : "custom");
	if (import_pillars(&im, pillars)) {
		qset_free(im.qs);
		return -1;
	}
	*out = im.qs;
	return 0;
}
