#include "model/evidence.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strv.h"
#include "util/xalloc.h"

static const char *const outcome_names[] = {
	[OUTCOME_NONE] = NULL,   [OUTCOME_NOT_APPLICABLE] = "not_applicable",
	[OUTCOME_PASS] = "pass", [OUTCOME_ERROR] = "error",
	[OUTCOME_FAIL] = "fail",
};

static const char *const outcome_labels[] = {
	[OUTCOME_NONE] = "-",      [OUTCOME_NOT_APPLICABLE] = "N/A", [OUTCOME_PASS] = "PASS",
	[OUTCOME_ERROR] = "ERROR", [OUTCOME_FAIL] = "FAIL",
};

const char *outcome_name(enum outcome o)
{
	return o > OUTCOME_NONE && o <= OUTCOME_FAIL ? outcome_names[o] : "none";
}

const char *outcome_label(enum outcome o)
{
	return o <= OUTCOME_FAIL ? outcome_labels[o] : "?";
}

enum outcome outcome_parse(const char *s)
{
	for (int i = OUTCOME_NOT_APPLICABLE; i <= OUTCOME_FAIL; i++)
		if (!strcmp(s, outcome_names[i]))
			return (enum outcome)i;
	return OUTCOME_NONE;
}

static enum outcome outcome_of_results(const struct region_result *r, size_t n, bool any_region,
                                       const char *account)
{
	enum outcome worst = OUTCOME_NONE;
	bool passed = false, errored = false;

	for (size_t i = 0; i < n; i++) {
		if (account && (!r[i].account || strcmp(r[i].account, account)))
			continue;
		passed |= r[i].outcome == OUTCOME_PASS;
		errored |= r[i].outcome == OUTCOME_ERROR;
		if (r[i].outcome > worst)
			worst = r[i].outcome;
	}
	/* "Used somewhere" needs one Region that has it, and no Region left unknown. */
	if (any_region && passed && !errored)
		return OUTCOME_PASS;
	if (any_region && errored)
		return OUTCOME_ERROR;
	return worst;
}

enum outcome finding_outcome(const struct region_result *r, size_t n, bool any_region)
{
	enum outcome worst = OUTCOME_NONE;
	bool several = false;

	for (size_t i = 0; i < n; i++)
		several |= r[i].account != NULL;
	if (!several || !any_region)
		return outcome_of_results(r, n, any_region, NULL);
	/* "Used somewhere" is asked of each account: one account's Region proves nothing
	 * about another account. */
	for (size_t i = 0; i < n; i++) {
		enum outcome o;
		bool seen = false;

		for (size_t j = 0; j < i && !seen; j++)
			seen = r[j].account && r[i].account && !strcmp(r[j].account, r[i].account);
		if (seen || !r[i].account)
			continue;
		o = outcome_of_results(r, n, any_region, r[i].account);
		if (o > worst)
			worst = o;
	}
	return worst;
}

const char *region_result_where(const struct region_result *r, char *buf, size_t len)
{
	const char *region = r->region ? r->region : "global";

	if (r->account)
		snprintf(buf, len, "%s %s", r->account, region);
	else
		snprintf(buf, len, "%s", region);
	return buf;
}

struct evidence *evidence_new(void)
{
	return xcalloc(1, sizeof(struct evidence));
}

void region_result_clear(struct region_result *r)
{
	free(r->account);
	free(r->region);
	free(r->text);
	strv_free(r->cited, r->n_cited);
	strv_free(r->unchecked, r->n_unchecked);
	free(r->fault.call);
	free(r->fault.code);
	free(r->fault.message);
	measures_free(r->measures, r->n_measures);
	memset(r, 0, sizeof(*r));
}

void finding_clear(struct finding *f)
{
	free(f->probe);
	free(f->question);
	free(f->title);
	strv_free(f->bps, f->n_bps);
	free(f->collected);
	free(f->same_as);
	for (size_t i = 0; i < f->n_results; i++)
		region_result_clear(&f->results[i]);
	free(f->results);
	memset(f, 0, sizeof(*f));
}

void evidence_free(struct evidence *ev)
{
	if (!ev)
		return;
	free(ev->collected);
	free(ev->account);
	strv_free(ev->accounts, ev->n_accounts);
	free(ev->scope);
	strv_free(ev->regions, ev->n_regions);
	for (size_t i = 0; i < ev->n_findings; i++)
		finding_clear(&ev->findings[i]);
	free(ev->findings);
	free(ev);
}

static void result_copy(struct region_result *dst, const struct region_result *src)
{
	*dst = *src;
	dst->account = xstrdup_opt(src->account);
	dst->region = xstrdup_opt(src->region);
	dst->text = xstrdup_opt(src->text);
	dst->cited = strv_dup(src->cited, src->n_cited);
	dst->unchecked = strv_dup(src->unchecked, src->n_unchecked);
	dst->fault.call = xstrdup_opt(src->fault.call);
	dst->fault.code = xstrdup_opt(src->fault.code);
	dst->fault.message = xstrdup_opt(src->fault.message);
	dst->measures = measures_dup(src->measures, src->n_measures);
}

static void finding_copy(struct finding *dst, const struct finding *src)
{
	*dst = *src;
	dst->probe = xstrdup_opt(src->probe);
	dst->question = xstrdup_opt(src->question);
	dst->title = xstrdup_opt(src->title);
	dst->bps = strv_dup(src->bps, src->n_bps);
	dst->collected = xstrdup_opt(src->collected);
	dst->same_as = xstrdup_opt(src->same_as);
	dst->results = src->n_results ? xcalloc(src->n_results, sizeof(*dst->results)) : NULL;
	for (size_t i = 0; i < src->n_results; i++)
		result_copy(&dst->results[i], &src->results[i]);
}

struct evidence *evidence_dup(const struct evidence *ev)
{
	struct evidence *c;

	if (!ev)
		return NULL;
	c = evidence_new();
	c->collected = xstrdup_opt(ev->collected);
	c->account = xstrdup_opt(ev->account);
	c->accounts = strv_dup(ev->accounts, ev->n_accounts);
	c->n_accounts = ev->n_accounts;
	c->scope = xstrdup_opt(ev->scope);
	c->regions = strv_dup(ev->regions, ev->n_regions);
	c->n_regions = ev->n_regions;
	c->findings = ev->n_findings ? xcalloc(ev->n_findings, sizeof(*c->findings)) : NULL;
	for (size_t i = 0; i < ev->n_findings; i++)
		finding_copy(&c->findings[c->n_findings++], &ev->findings[i]);
	return c;
}

const struct finding *evidence_find(const struct evidence *ev, const char *probe)
{
	for (size_t i = 0; ev && i < ev->n_findings; i++)
		if (!strcmp(ev->findings[i].probe, probe))
			return &ev->findings[i];
	return NULL;
}

void region_result_cite(struct region_result *r, const char *s)
{
	r->cited = xrealloc(r->cited, (r->n_cited + 1) * sizeof(*r->cited));
	r->cited[r->n_cited++] = xstrdup(s);
}

void region_result_unchecked(struct region_result *r, const char *s)
{
	r->unchecked = xrealloc(r->unchecked, (r->n_unchecked + 1) * sizeof(*r->unchecked));
	r->unchecked[r->n_unchecked++] = xstrdup(s);
}

/* ---- to JSON ---- */

static void add_strv(cJSON *o, const char *key, char *const *v, size_t n)
{
	cJSON *a = cJSON_AddArrayToObject(o, key);

	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(v[i]));
}

static cJSON *result_to_json(const struct region_result *r)
{
	cJSON *o = cJSON_CreateObject();

	if (r->account)
		cJSON_AddStringToObject(o, "account", r->account);
	cJSON_AddStringToObject(o, "region", r->region);
	cJSON_AddStringToObject(o, "outcome", outcome_name(r->outcome));
	cJSON_AddStringToObject(o, "text", r->text ? r->text : "");
	if ((r->outcome == OUTCOME_PASS || r->outcome == OUTCOME_FAIL) && r->count >= 0)
		cJSON_AddNumberToObject(o, "count", (double)r->count);
	if (r->examined >= 0)
		cJSON_AddNumberToObject(o, "examined", (double)r->examined);
	if (r->defaults > 0)
		cJSON_AddNumberToObject(o, "defaults_left_out", (double)r->defaults);
	if (r->out_of_scope > 0)
		cJSON_AddNumberToObject(o, "out_of_scope", (double)r->out_of_scope);
	if (r->n_cited)
		add_strv(o, "cited", r->cited, r->n_cited);
	if (r->n_unchecked)
		add_strv(o, "unchecked", r->unchecked, r->n_unchecked);
	if (r->n_measures)
		cJSON_AddItemToObject(o, "measured", measures_to_json(r->measures, r->n_measures));
	if (r->outcome == OUTCOME_ERROR || (r->n_unchecked && r->fault.message)) {
		cJSON *e = cJSON_AddObjectToObject(o, "error");
		if (r->fault.call)
			cJSON_AddStringToObject(e, "call", r->fault.call);
		if (r->fault.code)
			cJSON_AddStringToObject(e, "code", r->fault.code);
		cJSON_AddStringToObject(e, "message", r->fault.message ? r->fault.message : "");
		if (r->fault.http_status)
			cJSON_AddNumberToObject(e, "http_status", (double)r->fault.http_status);
	}
	return o;
}

cJSON *finding_to_json(const struct finding *f)
{
	cJSON *fo = cJSON_CreateObject(), *rs;

	cJSON_AddStringToObject(fo, "probe", f->probe);
	cJSON_AddStringToObject(fo, "question", f->question);
	cJSON_AddStringToObject(fo, "title", f->title);
	add_strv(fo, "best_practices", f->bps, f->n_bps);
	if (f->collected)
		cJSON_AddStringToObject(fo, "collected", f->collected);
	if (f->any_region)
		cJSON_AddStringToObject(fo, "pass_in", "any_region");
	/* A finding that does not say what it proves claims existence only, as when read. */
	cJSON_AddStringToObject(fo, "proves",
	                        probe_proves_name(f->proves ? f->proves : PROVES_EXISTENCE));
	/* Only what is not our own probe says where it comes from: older snapshots read as
	 * ours. */
	if (f->source == SOURCE_CONFIG)
		cJSON_AddStringToObject(fo, "source", "aws_config");
	if (f->same_as)
		cJSON_AddStringToObject(fo, "same_as", f->same_as);
	cJSON_AddStringToObject(fo, "outcome", outcome_name(f->outcome));
	rs = cJSON_AddArrayToObject(fo, "results");
	for (size_t j = 0; j < f->n_results; j++)
		cJSON_AddItemToArray(rs, result_to_json(&f->results[j]));
	return fo;
}

cJSON *evidence_to_json(const struct evidence *ev)
{
	cJSON *o = cJSON_CreateObject(), *list;

	if (ev->collected)
		cJSON_AddStringToObject(o, "collected", ev->collected);
	if (ev->account)
		cJSON_AddStringToObject(o, "account", ev->account);
	if (ev->n_accounts)
		add_strv(o, "accounts", ev->accounts, ev->n_accounts);
	if (ev->scope)
		cJSON_AddStringToObject(o, "scope", ev->scope);
	add_strv(o, "regions", ev->regions, ev->n_regions);
	list = cJSON_AddArrayToObject(o, "findings");
	for (size_t i = 0; i < ev->n_findings; i++)
		cJSON_AddItemToArray(list, finding_to_json(&ev->findings[i]));
	return o;
}

/* ---- from JSON ---- */

/* A read in progress: the path so far for messages, and the node at fault. */
struct jread {
	char path[256];
	const cJSON **at;
	struct wa_err *err;
};

static int bad(struct jread *r, const cJSON *n, const char *fmt, ...) ATTR_FORMAT(3, 4);

static int bad(struct jread *r, const cJSON *n, const char *fmt, ...)
{
	char msg[700];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (r->at)
		*r->at = n;
	return err_set(r->err, NULL, 0, 0, "%s: %s", r->path, msg);
}

/* Checks that o is an object with only the known keys, the required ones present. */
static int keys(struct jread *r, const cJSON *o, const char *const *known, const char *required)
{
	const cJSON *c;
	char req[200], *save = NULL;

	if (!cJSON_IsObject(o))
		return bad(r, o, "expected a mapping");
	cJSON_ArrayForEach(c, o)
	{
		size_t i;
		for (i = 0; known[i]; i++)
			if (!strcmp(known[i], c->string))
				break;
		if (!known[i])
			return bad(r, c, "unknown key '%s'", c->string);
	}
	snprintf(req, sizeof(req), "%s", required);
	for (char *k = strtok_r(req, " ", &save); k; k = strtok_r(NULL, " ", &save))
		if (!cJSON_GetObjectItemCaseSensitive(o, k))
			return bad(r, o, "missing required key '%s'", k);
	return 0;
}

static int str_of(struct jread *r, const cJSON *o, const char *key, bool need, char **out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	size_t n = strlen(r->path);

	*out = NULL;
	if (!v)
		return 0;
	snprintf(r->path + n, sizeof(r->path) - n, ".%s", key);
	if (!cJSON_IsString(v) || (need && !*v->valuestring))
		return bad(r, v, "expected %s", need ? "a non-empty string" : "a string");
	r->path[n] = '\0';
	*out = xstrdup(v->valuestring);
	return 0;
}

static int long_of(struct jread *r, const cJSON *o, const char *key, long *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	size_t n = strlen(r->path);

	if (!v)
		return 0;
	snprintf(r->path + n, sizeof(r->path) - n, ".%s", key);
	if (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble > 1e12 ||
	    v->valuedouble != (double)(long)v->valuedouble)
		return bad(r, v, "expected a whole number of 0 or more");
	r->path[n] = '\0';
	*out = (long)v->valuedouble;
	return 0;
}

static int strv_of(struct jread *r, const cJSON *o, const char *key, size_t max, char ***out,
                   size_t *n_out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key), *c;
	size_t n = strlen(r->path), i = 0;

	*out = NULL;
	*n_out = 0;
	if (!v)
		return 0;
	snprintf(r->path + n, sizeof(r->path) - n, ".%s", key);
	if (!cJSON_IsArray(v))
		return bad(r, v, "expected a list");
	if ((size_t)cJSON_GetArraySize(v) > max)
		return bad(r, v, "more than %zu items", max);
	*out = xcalloc((size_t)cJSON_GetArraySize(v) + 1, sizeof(**out));
	cJSON_ArrayForEach(c, v)
	{
		if (!cJSON_IsString(c) || !*c->valuestring) {
			size_t m = strlen(r->path);
			snprintf(r->path + m, sizeof(r->path) - m, "[%zu]", i);
			return bad(r, c, "expected a non-empty string");
		}
		(*out)[i++] = xstrdup(c->valuestring);
		(*n_out)++;
	}
	r->path[n] = '\0';
	return 0;
}

static int outcome_of(struct jread *r, const cJSON *o, enum outcome *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "outcome");
	size_t n = strlen(r->path);

	snprintf(r->path + n, sizeof(r->path) - n, ".outcome");
	if (!cJSON_IsString(v) || !(*out = outcome_parse(v->valuestring)))
		return bad(r, v, "expected one of not_applicable, pass, error, fail");
	r->path[n] = '\0';
	return 0;
}

static int read_result(struct jread *r, const cJSON *o, struct region_result *res)
{
	static const char *const known[] = { "account",
		                             "region",
		                             "outcome",
		                             "text",
		                             "count",
		                             "examined",
		                             "defaults_left_out",
		                             "out_of_scope",
		                             "cited",
		                             "unchecked",
		                             "error",
		                             "measured",
		                             NULL };
	static const char *const eknown[] = { "call", "code", "message", "http_status", NULL };
	const cJSON *e;

	res->count = res->examined = -1;
	if (keys(r, o, known, "region outcome text") ||
	    str_of(r, o, "account", true, &res->account) ||
	    str_of(r, o, "region", true, &res->region) || outcome_of(r, o, &res->outcome) ||
	    str_of(r, o, "text", false, &res->text) || long_of(r, o, "count", &res->count) ||
	    long_of(r, o, "examined", &res->examined) ||
	    long_of(r, o, "defaults_left_out", &res->defaults) ||
	    long_of(r, o, "out_of_scope", &res->out_of_scope) ||
	    strv_of(r, o, "cited", SIZE_MAX, &res->cited, &res->n_cited) ||
	    strv_of(r, o, "unchecked", SIZE_MAX, &res->unchecked, &res->n_unchecked))
		return -1;
	if (res->defaults < 0)
		res->defaults = 0;
	if (res->out_of_scope < 0)
		res->out_of_scope = 0;
	e = cJSON_GetObjectItemCaseSensitive(o, "measured");
	if (e) {
		char msg[300];
		const cJSON *at = NULL;
		if (measures_from_json(e, &res->measures, &res->n_measures, &at, msg, sizeof(msg)))
			return bad(r, at ? at : e, "measured%s", msg);
	}
	e = cJSON_GetObjectItemCaseSensitive(o, "error");
	if (res->outcome == OUTCOME_ERROR && !e)
		return bad(r, o, "an error result needs 'error' (call, code, message)");
	if (res->outcome != OUTCOME_ERROR && !res->n_unchecked && e)
		return bad(r, e, "only an error result, or one with unchecked items, has 'error'");
	if (e) {
		size_t n = strlen(r->path);
		snprintf(r->path + n, sizeof(r->path) - n, ".error");
		if (keys(r, e, eknown, "message") || str_of(r, e, "call", true, &res->fault.call) ||
		    str_of(r, e, "code", true, &res->fault.code) ||
		    str_of(r, e, "message", false, &res->fault.message) ||
		    long_of(r, e, "http_status", &res->fault.http_status))
			return -1;
		r->path[n] = '\0';
	}
	return 0;
}

static int read_finding(struct jread *r, const cJSON *o, const struct qset *qs, struct finding *f)
{
	static const char *const known[] = { "probe",     "question", "title",   "best_practices",
		                             "collected", "pass_in",  "proves",  "source",
		                             "same_as",   "outcome",  "results", NULL };
	const struct question *q = NULL;
	const cJSON *rs, *c, *pi;
	size_t n = strlen(r->path), i = 0;

	if (keys(r, o, known, "probe question title best_practices outcome results") ||
	    str_of(r, o, "probe", true, &f->probe) ||
	    str_of(r, o, "question", true, &f->question) ||
	    str_of(r, o, "title", true, &f->title) ||
	    strv_of(r, o, "best_practices", 1000, &f->bps, &f->n_bps) ||
	    str_of(r, o, "collected", true, &f->collected) || outcome_of(r, o, &f->outcome))
		return -1;
	pi = cJSON_GetObjectItemCaseSensitive(o, "pass_in");
	snprintf(r->path + n, sizeof(r->path) - n, ".pass_in");
	if (pi && !(cJSON_IsString(pi) && (!strcmp(pi->valuestring, "any_region") ||
	                                   !strcmp(pi->valuestring, "every_region"))))
		return bad(r, pi, "expected any_region or every_region");
	f->any_region = pi && !strcmp(pi->valuestring, "any_region");
	pi = cJSON_GetObjectItemCaseSensitive(o, "proves");
	snprintf(r->path + n, sizeof(r->path) - n, ".proves");
	/* A snapshot from before probes said what they prove claims only existence. */
	f->proves = PROVES_EXISTENCE;
	if (pi && !(cJSON_IsString(pi) && (f->proves = probe_proves_parse(pi->valuestring))))
		return bad(r, pi, "expected every_resource, part or existence");
	pi = cJSON_GetObjectItemCaseSensitive(o, "source");
	snprintf(r->path + n, sizeof(r->path) - n, ".source");
	if (pi && !(cJSON_IsString(pi) &&
	            (!strcmp(pi->valuestring, "aws_config") || !strcmp(pi->valuestring, "probe"))))
		return bad(r, pi, "expected probe or aws_config");
	f->source = pi && !strcmp(pi->valuestring, "aws_config") ? SOURCE_CONFIG : SOURCE_PROBE;
	r->path[n] = '\0';
	if (str_of(r, o, "same_as", true, &f->same_as))
		return -1;
	snprintf(r->path + n, sizeof(r->path) - n, ".question");
	if (qs && !(q = qset_find_question(qs, f->question)))
		return bad(r, cJSON_GetObjectItemCaseSensitive(o, "question"),
		           "'%s' is not a question of set '%s'", f->question, qs->id);
	for (size_t j = 0; q && j < f->n_bps; j++) {
		snprintf(r->path + n, sizeof(r->path) - n, ".best_practices[%zu]", j);
		if (question_bp_index(q, f->bps[j]) < 0)
			return bad(r,
			           cJSON_GetArrayItem(
			                   cJSON_GetObjectItemCaseSensitive(o, "best_practices"),
			                   (int)j),
			           "'%s' is not a best practice of %s", f->bps[j], q->id);
	}
	snprintf(r->path + n, sizeof(r->path) - n, ".best_practices");
	if (f->n_bps == 0)
		return bad(r, cJSON_GetObjectItemCaseSensitive(o, "best_practices"),
		           "name at least one best practice");
	snprintf(r->path + n, sizeof(r->path) - n, ".results");
	rs = cJSON_GetObjectItemCaseSensitive(o, "results");
	if (!cJSON_IsArray(rs) || cJSON_GetArraySize(rs) == 0)
		return bad(r, rs, "expected a non-empty list");
	f->results = xcalloc((size_t)cJSON_GetArraySize(rs), sizeof(*f->results));
	cJSON_ArrayForEach(c, rs)
	{
		snprintf(r->path + n, sizeof(r->path) - n, ".results[%zu]", i++);
		if (read_result(r, c, &f->results[f->n_results++]))
			return -1;
	}
	r->path[n] = '\0';
	/* The results are the record; the finding's outcome follows from them by today's rule,
	 * so a snapshot written under an older rule (any_region passing while another Region
	 * was unknown) reads as it should now. */
	f->outcome = finding_outcome(f->results, f->n_results, f->any_region);
	return 0;
}

static int valid_account(const char *s)
{
	size_t n = 0;

	for (; s[n]; n++)
		if (!isdigit((unsigned char)s[n]))
			return 0;
	return n == 12;
}

int evidence_from_json(const cJSON *j, const struct qset *qs, struct evidence **out,
                       const cJSON **at, struct wa_err *err)
{
	static const char *const known[] = { "collected", "account",  "accounts", "scope",
		                             "regions",   "findings", NULL };
	struct jread r = { "evidence", at, err };
	struct evidence *ev = evidence_new();
	const cJSON *fs, *c;
	size_t i = 0;

	*out = NULL;
	if (at)
		*at = j;
	if (keys(&r, j, known, "findings") || str_of(&r, j, "collected", true, &ev->collected) ||
	    str_of(&r, j, "account", true, &ev->account) ||
	    strv_of(&r, j, "accounts", 10000, &ev->accounts, &ev->n_accounts) ||
	    str_of(&r, j, "scope", true, &ev->scope) ||
	    strv_of(&r, j, "regions", 1000, &ev->regions, &ev->n_regions))
		goto fail;
	if (ev->account && !valid_account(ev->account)) {
		bad(&r, cJSON_GetObjectItemCaseSensitive(j, "account"),
		    "account: expected a 12-digit account ID in quotes, such as \"111122223333\"");
		goto fail;
	}
	for (size_t k = 0; k < ev->n_accounts; k++)
		if (!valid_account(ev->accounts[k])) {
			bad(&r,
			    cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(j, "accounts"),
			                       (int)k),
			    "accounts[%zu]: expected a 12-digit account ID in quotes", k);
			goto fail;
		}
	fs = cJSON_GetObjectItemCaseSensitive(j, "findings");
	if (!cJSON_IsArray(fs)) {
		bad(&r, fs, "findings: expected a list");
		goto fail;
	}
	ev->findings = xcalloc((size_t)cJSON_GetArraySize(fs) + 1, sizeof(*ev->findings));
	cJSON_ArrayForEach(c, fs)
	{
		snprintf(r.path, sizeof(r.path), "evidence.findings[%zu]", i++);
		if (read_finding(&r, c, qs, &ev->findings[ev->n_findings++]))
			goto fail;
		for (size_t k = 0; k + 1 < ev->n_findings; k++)
			if (!strcmp(ev->findings[k].probe,
			            ev->findings[ev->n_findings - 1].probe)) {
				bad(&r, cJSON_GetObjectItemCaseSensitive(c, "probe"),
				    "probe '%s' has two findings", ev->findings[k].probe);
				goto fail;
			}
	}
	*out = ev;
	return 0;
fail:
	evidence_free(ev);
	return -1;
}

/* ---- merging ---- */

static size_t finding_rank(const struct qset *qs, const struct finding *f)
{
	size_t rank = 0;

	for (size_t i = 0; qs && i < qs->n_questions; i++)
		for (size_t j = 0; j < qs->questions[i].n_probes; j++, rank++)
			if (!strcmp(qs->questions[i].probes[j].id, f->probe))
				return rank;
	return (size_t)-1;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void add_region(struct evidence *ev, const char *r)
{
	if (!strcmp(r, "global"))
		return;
	for (size_t i = 0; i < ev->n_regions; i++)
		if (!strcmp(ev->regions[i], r))
			return;
	ev->regions = xrealloc(ev->regions, (ev->n_regions + 1) * sizeof(*ev->regions));
	ev->regions[ev->n_regions++] = xstrdup(r);
}

struct evidence *evidence_merge(struct evidence *old, struct evidence *newer, const struct qset *qs)
{
	struct evidence *m = newer;
	bool same_account;

	if (!old)
		return newer;
	same_account =
	        ((!old->account && !newer->account) ||
	         (old->account && newer->account && !strcmp(old->account, newer->account))) &&
	        old->n_accounts == newer->n_accounts;
	for (size_t i = 0; same_account && i < old->n_accounts; i++)
		same_account = !strcmp(old->accounts[i], newer->accounts[i]);
	for (size_t i = 0; same_account && i < old->n_findings; i++) {
		if (evidence_find(newer, old->findings[i].probe))
			continue;
		m->findings = xrealloc(m->findings, (m->n_findings + 1) * sizeof(*m->findings));
		m->findings[m->n_findings++] = old->findings[i];
		memset(&old->findings[i], 0, sizeof(old->findings[i]));
	}
	/* Insertion sort by the probes' order in the set: stable, and lists are short. */
	for (size_t i = 1; i < m->n_findings; i++) {
		struct finding f = m->findings[i];
		size_t r = finding_rank(qs, &f), j = i;

		for (; j > 0 && finding_rank(qs, &m->findings[j - 1]) > r; j--)
			m->findings[j] = m->findings[j - 1];
		m->findings[j] = f;
	}
	for (size_t i = 0; i < m->n_findings; i++)
		for (size_t j = 0; j < m->findings[i].n_results; j++)
			add_region(m, m->findings[i].results[j].region);
	qsort(m->regions, m->n_regions, sizeof(*m->regions), cmp_str);
	for (size_t i = 0; i < old->n_findings; i++)
		finding_clear(&old->findings[i]);
	evidence_free(old);
	return m;
}

void evidence_store(struct review *rv, const struct qset *qs, const struct evidence *ev)
{
	rv->evidence = evidence_merge(rv->evidence, evidence_dup(ev), qs);
}

void evidence_count(const struct evidence *ev, const char *question, size_t *n)
{
	for (int i = 0; i <= OUTCOME_FAIL; i++)
		n[i] = 0;
	for (size_t i = 0; ev && i < ev->n_findings; i++)
		if (!question || !strcmp(ev->findings[i].question, question))
			n[ev->findings[i].outcome]++;
}
