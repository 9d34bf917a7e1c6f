/* The Tool's rules for a custom lens, checked with errors that name the JSON path. The
 * limits and their sources are in lens.h. Keys the format does not have are left to the
 * caller (an import notes them), as the Tool's own exports may carry more than the guide
 * lists. */
#include "store/lens.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/rexpr.h"
#include "store/lens_int.h"
#include "util/strset.h"
#include "util/utf8.h"
#include "util/xalloc.h"

struct chk {
	const char *name;
	struct wa_err *err;
	char path[512];
	size_t len;
};

static int fail(struct chk *c, const char *fmt, ...) ATTR_FORMAT(2, 3);
static int fail(struct chk *c, const char *fmt, ...)
{
	char msg[700];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return err_set(c->err, c->name, 0, 0, "%s: %s", c->len ? c->path : "(top level)", msg);
}

/* Appends ".key" or "[i]" to the path; returns the old length for pop(). */
static size_t push_key(struct chk *c, const char *key)
{
	size_t old = c->len;
	int n = snprintf(c->path + c->len, sizeof(c->path) - c->len, "%s%s", c->len ? "." : "",
	                 key);

	if (n > 0)
		c->len = strlen(c->path);
	return old;
}

static size_t push_index(struct chk *c, int i)
{
	size_t old = c->len;

	snprintf(c->path + c->len, sizeof(c->path) - c->len, "[%d]", i);
	c->len = strlen(c->path);
	return old;
}

static void pop(struct chk *c, size_t old)
{
	c->len = old;
	c->path[old] = '\0';
}

/* A string member of at most max characters; required or not. *out is NULL when absent. */
static int text(struct chk *c, const cJSON *obj, const char *key, bool required, size_t max,
                const char **out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	size_t old = push_key(c, key), n;
	int rc = 0;

	*out = NULL;
	if (!v) {
		if (required)
			rc = fail(c, "missing; the Tool requires it");
	} else if (!cJSON_IsString(v)) {
		rc = fail(c, "must be a string");
	} else if ((n = utf8_len(v->valuestring)) == 0) {
		rc = fail(c, required ? "empty; the Tool requires a text"
		                      : "empty; give a text or leave it out");
	} else if (n > max) {
		rc = fail(c, "%zu characters, the Tool allows %zu", n, max);
	} else {
		*out = v->valuestring;
	}
	pop(c, old);
	return rc;
}

/* An array member (required) of min to max items, whose items are objects. */
static int list(struct chk *c, const cJSON *obj, const char *key, int min, int max,
                const char *what, const cJSON **out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key), *it;
	size_t old = push_key(c, key);
	int n, rc = 0;

	*out = v;
	if (!v)
		rc = fail(c, "missing; the Tool requires it");
	else if (!cJSON_IsArray(v))
		rc = fail(c, "must be a list");
	else if ((n = cJSON_GetArraySize(v)) < min)
		rc = fail(c, "%d %s, the Tool needs at least %d", n, what, min);
	else if (n > max)
		rc = fail(c, "%d %s, the Tool allows %d", n, what, max);
	else
		cJSON_ArrayForEach(it, v) if (!cJSON_IsObject(it))
		{
			rc = fail(c, "every item must be an object");
			break;
		}
	pop(c, old);
	return rc;
}

/* The Tool's IDs: 3 to max letters, digits and '_'. */
static int tool_id(struct chk *c, const cJSON *obj, size_t max, const char **out)
{
	size_t old;
	const char *s;

	if (text(c, obj, "id", true, max, out))
		return -1;
	s = *out;
	old = push_key(c, "id");
	for (const char *p = s; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '_') {
			int rc = fail(c, "'%s' may hold only letters, digits and _", s);
			pop(c, old);
			return rc;
		}
	if (strlen(s) < LENS_ID_MIN) {
		int rc = fail(c, "'%s' is shorter than the %d characters the Tool needs", s,
		              LENS_ID_MIN);
		pop(c, old);
		return rc;
	}
	pop(c, old);
	return 0;
}

static int url(struct chk *c, const cJSON *obj, const char *text_key)
{
	const char *u, *t;
	size_t old;
	int rc = 0;

	if (text(c, obj, "url", false, LENS_TEXT_MAX, &u) ||
	    text(c, obj, text_key, false, LENS_TEXT_MAX, &t))
		return -1;
	old = push_key(c, "url");
	if (u && strncmp(u, "https://", 8) != 0 && strncmp(u, "http://", 7) != 0)
		rc = fail(c, "'%s' must start with http:// or https://", u);
	else if (u && !t)
		rc = fail(c, "a url needs a %s beside it", text_key);
	pop(c, old);
	return rc;
}

/* helpfulResource / improvementPlan: {displayText, url}. */
static int resource(struct chk *c, const cJSON *obj, const char *key, bool required)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	size_t old = push_key(c, key);
	const char *t;
	int rc = 0;

	if (!v) {
		if (required)
			rc = fail(c, "missing; the Tool requires an improvement plan for every "
			             "choice but the one ending in _no");
	} else if (!cJSON_IsObject(v)) {
		rc = fail(c, "must be an object");
	} else {
		rc = text(c, v, "displayText", required, LENS_TEXT_MAX, &t) ||
		     url(c, v, "displayText");
	}
	pop(c, old);
	return rc ? -1 : 0;
}

static int additional(struct chk *c, const cJSON *choice)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(choice, "additionalResources"), *it;
	size_t old = push_key(c, "additionalResources");
	int counts[2] = { 0, 0 }, i = 0, rc = 0;

	if (v && !cJSON_IsArray(v))
		rc = fail(c, "must be a list");
	cJSON_ArrayForEach(it, v)
	{
		size_t o2 = push_index(c, i++);
		const char *type;
		const cJSON *content, *item;
		int k, j = 0;

		if (!cJSON_IsObject(it))
			rc = fail(c, "must be an object");
		else if (!(rc = text(c, it, "type", true, 32, &type))) {
			k = !strcmp(type, "HELPFUL_RESOURCE")   ? 0
			    : !strcmp(type, "IMPROVEMENT_PLAN") ? 1
			                                        : -1;
			if (k < 0) {
				size_t o3 = push_key(c, "type");
				rc = fail(c, "'%s' must be HELPFUL_RESOURCE or IMPROVEMENT_PLAN",
				          type);
				pop(c, o3);
			} else if (!(rc = list(c, it, "content", 1, LENS_RESOURCES_MAX, "items",
			                       &content))) {
				cJSON_ArrayForEach(item, content)
				{
					size_t o3 = push_key(c, "content");
					push_index(c, j++);
					rc = url(c, item, "displayText");
					pop(c, o3);
					if (rc)
						break;
				}
				counts[k] += cJSON_GetArraySize(content);
				if (!rc && counts[k] > LENS_RESOURCES_MAX)
					rc = fail(c, "%d %s resources in all, the Tool allows %d",
					          counts[k], k ? "improvement-plan" : "helpful",
					          LENS_RESOURCES_MAX);
			}
		}
		pop(c, o2);
		if (rc)
			break;
	}
	pop(c, old);
	return rc;
}

static bool is_none_id(const char *id)
{
	size_t n = strlen(id);
	return n >= 3 && !strcmp(id + n - 3, "_no");
}

int lens_cond_parse(const cJSON *choices, const char *qid, const char *text, struct rexpr **out,
                    char *msg, size_t msglen)
{
	struct question q = { 0 };
	const cJSON *it;
	char m[256];
	size_t pos;
	int rc;

	q.id = (char *)qid;
	q.bps = xcalloc((size_t)cJSON_GetArraySize(choices) + 1, sizeof(*q.bps));
	cJSON_ArrayForEach(it, choices)
	{
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(it, "id");
		q.bps[q.n_bps++].id = cJSON_IsString(id) ? id->valuestring : "";
	}
	rc = rexpr_parse(text, &q, out, &pos, m, sizeof(m));
	if (rc) {
		/* rexpr speaks of best practices; here they are the question's choices. */
		char *bp = strstr(m, "is not a best practice of");
		if (bp)
			snprintf(m + (bp - m), sizeof(m) - (size_t)(bp - m),
			         "is not a choice of this question");
		snprintf(msg, msglen, "at character %zu: %s", pos + 1, m);
	}
	free(q.bps);
	return rc;
}

static int rules(struct chk *c, const cJSON *q, const char *qid, const cJSON *choices)
{
	const cJSON *list_v, *it;
	bool seen[QRISK_HIGH + 1] = { false };
	int i = 0, n, rc;
	size_t old;

	if (list(c, q, "riskRules", 1, LENS_RULES_MAX, "risk rules", &list_v))
		return -1;
	n = cJSON_GetArraySize(list_v);
	old = push_key(c, "riskRules");
	rc = 0;
	cJSON_ArrayForEach(it, list_v)
	{
		size_t o2 = push_index(c, i);
		const char *cond, *risk;
		enum qrisk r;

		if (!(rc = text(c, it, "condition", true, 4096, &cond)) &&
		    !(rc = text(c, it, "risk", true, 32, &risk))) {
			r = lens_risk_parse(risk);
			if (!r)
				rc = fail(c, "risk '%s' must be NO_RISK, MEDIUM_RISK or HIGH_RISK",
				          risk);
			else if (seen[r])
				rc = fail(c,
				          "a second %s rule; the Tool allows one rule per level "
				          "of risk",
				          risk);
			seen[r] = true;
			if (!rc && !strcmp(cond, "default") && i != n - 1)
				rc = fail(c, "the default rule must be the last: the rules after "
				             "it could never apply");
			else if (!rc && strcmp(cond, "default") && i == n - 1)
				rc = fail(c, "the last rule must be the default one (condition "
				             "\"default\")");
			else if (!rc && strcmp(cond, "default")) {
				struct rexpr *e;
				char msg[400];
				size_t o3 = push_key(c, "condition");
				if (lens_cond_parse(choices, qid, cond, &e, msg, sizeof(msg)))
					rc = fail(c, "%s", msg);
				rexpr_free(e);
				pop(c, o3);
			}
		}
		pop(c, o2);
		i++;
		if (rc)
			break;
	}
	pop(c, old);
	return rc;
}

static int choice(struct chk *c, const cJSON *ch, struct strset *ids, bool *had_none)
{
	const char *id, *title;
	long prev;

	if (tool_id(c, ch, LENS_API_ID_MAX, &id) ||
	    text(c, ch, "title", true, LENS_TITLE_MAX, &title))
		return -1;
	prev = strset_add(ids, id, 0);
	if (prev >= 0) {
		size_t old = push_key(c, "id");
		int rc = fail(c, "'%s' is already a choice of this question", id);
		pop(c, old);
		return rc;
	}
	if (is_none_id(id)) {
		if (*had_none)
			return fail(c, "a second \"None of these\" choice (an id ending in _no)");
		*had_none = true;
	}
	if (resource(c, ch, "helpfulResource", false) ||
	    resource(c, ch, "improvementPlan", !is_none_id(id)))
		return -1;
	return additional(c, ch);
}

static int question(struct chk *c, const cJSON *q, struct strset *qids)
{
	const char *id, *s;
	const cJSON *choices, *it;
	struct strset ids = { 0 };
	bool had_none = false;
	int i = 0, rc = 0;

	if (tool_id(c, q, LENS_ID_MAX, &id) || text(c, q, "title", true, LENS_TITLE_MAX, &s) ||
	    text(c, q, "description", false, LENS_DESC_MAX, &s) ||
	    resource(c, q, "helpfulResource", false) ||
	    list(c, q, "choices", 1, LENS_CHOICES_MAX, "choices", &choices))
		return -1;
	if (strset_add(qids, id, 0) >= 0) {
		size_t old = push_key(c, "id");
		rc = fail(c, "'%s' is already a question of this lens", id);
		pop(c, old);
		return rc;
	}
	cJSON_ArrayForEach(it, choices)
	{
		size_t old = push_key(c, "choices");
		push_index(c, i++);
		rc = choice(c, it, &ids, &had_none);
		pop(c, old);
		if (rc)
			break;
	}
	strset_free(&ids);
	return rc ? -1 : rules(c, q, id, choices);
}

int lens_check(const cJSON *lens, const char *name, struct wa_err *err)
{
	struct chk c = { name, err, "", 0 };
	struct strset pillar_ids = { 0 }, qids = { 0 };
	const char *s;
	const cJSON *pillars, *p;
	int i = 0, rc = 0;

	if (!cJSON_IsObject(lens))
		return fail(&c, "a lens is a JSON object");
	if (text(&c, lens, "schemaVersion", true, 32, &s))
		return -1;
	if (strcmp(s, LENS_SCHEMA_VERSION) != 0) {
		push_key(&c, "schemaVersion");
		return fail(&c, "'%s': only %s is known", s, LENS_SCHEMA_VERSION);
	}
	if (text(&c, lens, "name", true, LENS_NAME_MAX, &s) ||
	    text(&c, lens, "description", false, LENS_DESC_MAX, &s) ||
	    list(&c, lens, "pillars", 1, LENS_PILLARS_MAX, "pillars", &pillars))
		return -1;
	cJSON_ArrayForEach(p, pillars)
	{
		const cJSON *qs, *q;
		const char *id;
		int j = 0;

		push_key(&c, "pillars");
		push_index(&c, i++);
		if (tool_id(&c, p, LENS_API_ID_MAX, &id) ||
		    text(&c, p, "name", true, LENS_TITLE_MAX, &s) ||
		    list(&c, p, "questions", 1, LENS_QUESTIONS_MAX, "questions", &qs)) {
			rc = -1;
			break;
		}
		if (strset_add(&pillar_ids, id, 0) >= 0) {
			push_key(&c, "id");
			rc = fail(&c, "'%s' is already a pillar of this lens", id);
			break;
		}
		cJSON_ArrayForEach(q, qs)
		{
			size_t old = push_key(&c, "questions");
			push_index(&c, j++);
			rc = question(&c, q, &qids);
			pop(&c, old);
			if (rc)
				break;
		}
		pop(&c, 0);
		if (rc)
			break;
	}
	strset_free(&pillar_ids);
	strset_free(&qids);
	return rc;
}
