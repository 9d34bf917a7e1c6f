#include "evidence/run.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evidence/accounts.h"
#include "evidence/metric.h"
#include "evidence/probe.h"
#include "evidence/scope.h"
#include "util/clock.h"
#include "util/xalloc.h"

/* One batch of calls, with the inputs the calls borrow. Identical calls (same service,
 * operation, Region and parameters) are sent once: probes often share a first call. */
struct batch {
	struct ev_call *calls;
	cJSON **params;
	char **regions;
	char **keys;
	size_t n, cap;
};

/* One probe in one Region (or once, for a global probe). */
struct task {
	size_t prog;
	size_t acct;  /* its account, in r->accts */
	char *region; /* the call's Region; NULL for a global probe */
	size_t call;  /* its first call, in the first batch */
	size_t *with; /* its 'with' calls, in the first batch (one per p->with) */
	cJSON *items; /* fan-out: the items that got a call (every one in scope) */
	long skipped; /* fan-out: items outside the workload's scope, not called */
	size_t *fan;  /* fan-out: each item's call, in the fan-out batch */
	int done;     /* res already holds the outcome (an error found early) */
	struct region_result res;
};

/* One account of the sweep: the caller's own (id NULL), or one of several. */
struct acct {
	char *id;               /* NULL: the caller's own account, learnt from STS */
	char *error;            /* its role could not be assumed: every result is this error */
	struct probe_ctx cx;    /* its scope for judging; vars set per task */
	struct ev_scope *scope; /* what the workload's scope resolved to in it */
	size_t *scope_calls;    /* its calls, in the first batch */
	size_t n_scope_calls;
	char *scope_error; /* why its scope could not be read; NULL when it could */
};

struct evidence_run {
	const struct qset *qs;
	struct ev_caller *caller;
	struct probe_prog *progs;
	size_t n_progs;
	char **regions;
	size_t n_regions;
	bool all_regions;
	struct task *tasks;
	size_t n_tasks;
	struct batch disc, first, fan;
	char *account;
	char collected[32];
	time_t now;                        /* the sweep's time, for metric and log windows */
	char times[PROBE_N_TIME_VARS][32]; /* $now, $days_ago_1, …: the sweep's time and before */
	const char *time_refs[PROBE_N_TIME_VARS]; /* the same, as probe_params() takes them */
	struct evidence *result;
	const struct wl_scope *want; /* the scope asked for; NULL: the whole account */
	struct acct *accts;          /* the accounts swept; one with id NULL: the caller's */
	size_t n_accts;
	bool several;   /* several accounts: results name theirs */
	char *role;     /* assumed in each account by the first step; NULL: done before */
	char *org_unit; /* the first step lists its accounts; NULL: they were given */
	struct wa_err err;

	pthread_mutex_t mu; /* guards the fields below */
	enum evidence_stage stage;
	size_t calls_done, calls_total;
	bool cancel, finished, started, joined;
	pthread_t thread;
};

/* ---- batches ---- */

static size_t batch_add(struct batch *b, const char *account, const char *service, const char *op,
                        cJSON *params, char *region)
{
	char *p = params ? cJSON_PrintUnformatted(params) : NULL;
	char *key = xasprintf("%s %s %s %s %s", account ? account : "-", service, op,
	                      region ? region : "-", p ? p : "{}");
	size_t i;

	free(p);
	for (i = 0; i < b->n; i++)
		if (!strcmp(b->keys[i], key)) {
			free(key);
			cJSON_Delete(params);
			free(region);
			return i;
		}
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 16;
		b->calls = xrealloc(b->calls, b->cap * sizeof(*b->calls));
		b->params = xrealloc(b->params, b->cap * sizeof(*b->params));
		b->regions = xrealloc(b->regions, b->cap * sizeof(*b->regions));
		b->keys = xrealloc(b->keys, b->cap * sizeof(*b->keys));
	}
	memset(&b->calls[i], 0, sizeof(b->calls[i]));
	b->calls[i].service = service;
	b->calls[i].operation = op;
	b->calls[i].params = params;
	b->calls[i].region = region;
	b->calls[i].account = account;
	b->params[i] = params;
	b->regions[i] = region;
	b->keys[i] = key;
	b->n++;
	return i;
}

static void batch_free(struct batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		ev_call_clear(&b->calls[i]);
		cJSON_Delete(b->params[i]);
		free(b->regions[i]);
		free(b->keys[i]);
	}
	free(b->calls);
	free(b->params);
	free(b->regions);
	free(b->keys);
	memset(b, 0, sizeof(*b));
}

static void call_done(void *ctx, struct ev_call *call)
{
	struct evidence_run *r = ctx;

	(void)call;
	pthread_mutex_lock(&r->mu);
	r->calls_done++;
	pthread_mutex_unlock(&r->mu);
}

static void set_stage(struct evidence_run *r, enum evidence_stage s)
{
	pthread_mutex_lock(&r->mu);
	r->stage = s;
	if (s >= EVIDENCE_STAGE_DONE)
		r->finished = true;
	pthread_mutex_unlock(&r->mu);
}

static void send_batch(struct evidence_run *r, struct batch *b)
{
	if (!b->n)
		return;
	pthread_mutex_lock(&r->mu);
	r->calls_total += b->n;
	pthread_mutex_unlock(&r->mu);
	ev_caller_run(r->caller, b->calls, b->n, call_done, r);
}

/* ---- planning ---- */

static void add_task(struct evidence_run *r, size_t prog, const char *region, size_t acct)
{
	const char *account = r->accts[acct].id;
	const struct probe *p = r->progs[prog].p;
	struct task *t;
	struct wa_err err;
	int failed;
	cJSON *params;

	r->tasks = xrealloc(r->tasks, (r->n_tasks + 1) * sizeof(*r->tasks));
	t = &r->tasks[r->n_tasks++];
	memset(t, 0, sizeof(*t));
	t->prog = prog;
	t->acct = acct;
	t->region = region ? xstrdup(region) : NULL;
	if (r->accts[acct].error) {
		/* no role in that account: nothing is sent there, every result says why */
		probe_fault_msg(region ? region : "global", r->accts[acct].error, &t->res);
		t->done = 1;
		t->with = xcalloc(1, sizeof(*t->with));
		return;
	}
	err_clear(&err);
	params = probe_params(&p->call, NULL, r->time_refs, &failed, &err);
	t->call = batch_add(&r->first, account, p->call.service, p->call.operation, params,
	                    region ? xstrdup(region) : NULL);
	r->first.calls[t->call].max_pages = (int)p->call.max_pages;
	/* Further calls go out with the first ones: one round trip for the lot. */
	t->with = xcalloc(p->n_with + 1, sizeof(*t->with));
	for (size_t i = 0; i < p->n_with; i++) {
		const struct probe_call *w = &p->with[i].call;

		params = probe_params(w, NULL, r->time_refs, &failed, &err);
		t->with[i] = batch_add(&r->first, account, w->service, w->operation, params,
		                       region ? xstrdup(region) : NULL);
	}
}

/* ---- the workload's scope ---- */

static void scope_call(struct evidence_run *r, struct acct *a, const char *service, const char *op,
                       cJSON *params, const char *region)
{
	a->scope_calls = xrealloc(a->scope_calls, (a->n_scope_calls + 1) * sizeof(size_t));
	a->scope_calls[a->n_scope_calls++] =
	        batch_add(&r->first, a->id, service, op, params, xstrdup(region));
}

static bool listed(const char *const *v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i], s))
			return true;
	return false;
}

static cJSON *one_param(const char *name, const char *value)
{
	cJSON *p = cJSON_CreateObject();

	cJSON_AddStringToObject(p, name, value);
	return p;
}

/* The calls that list what is in scope, in every Region swept and in us-east-1 (where
 * global resources such as Route 53's keep their tags). They go out with the probes' first
 * calls: the scope is known before any fan-out is planned. */
static void plan_scope(struct evidence_run *r, struct acct *a)
{
	const struct wl_scope *s = r->want;
	size_t n = r->n_regions + 1;
	const char **regions = xcalloc(n, sizeof(*regions));
	size_t k = 0;

	for (size_t i = 0; i < r->n_regions; i++)
		regions[k++] = r->regions[i];
	if (!listed(regions, k, "us-east-1"))
		regions[k++] = "us-east-1";
	for (size_t i = 0; i < k; i++) {
		if (s->n_tags) {
			cJSON *p = cJSON_CreateObject(),
			      *tf = cJSON_AddArrayToObject(p, "TagFilters");

			for (size_t t = 0; t < s->n_tags; t++) {
				cJSON *f = cJSON_CreateObject(), *vs;

				cJSON_AddStringToObject(f, "Key", s->tags[t].key);
				if (s->tags[t].n_values) {
					vs = cJSON_AddArrayToObject(f, "Values");
					for (size_t v = 0; v < s->tags[t].n_values; v++)
						cJSON_AddItemToArray(
						        vs,
						        cJSON_CreateString(s->tags[t].values[v]));
				}
				cJSON_AddItemToArray(tf, f);
			}
			scope_call(r, a, "resourcegroupstaggingapi", "GetResources", p, regions[i]);
		}
		for (size_t g = 0; g < s->n_groups; g++)
			scope_call(r, a, "resource-groups", "ListGroupResources",
			           one_param("Group", s->groups[g]), regions[i]);
		/* An AppRegistry application's resources are its application resource group. */
		for (size_t ap = 0; ap < s->n_apps; ap++) {
			char *group = xasprintf("AWS_AppRegistry_Application-%s", s->apps[ap]);
			scope_call(r, a, "resource-groups", "ListGroupResources",
			           one_param("Group", group), regions[i]);
			free(group);
		}
		for (size_t st = 0; st < s->n_stacks; st++)
			scope_call(r, a, "cloudformation", "ListStackResources",
			           one_param("StackName", s->stacks[st]), regions[i]);
	}
	free(regions);
}

/* Whether an error only says "not here": a stack or group that lives in another Region. */
static bool elsewhere(const struct ev_call *c)
{
	return c->status == EV_CALL_API_ERROR &&
	       (!strcmp(c->code, "NotFoundException") ||
	        (!strcmp(c->code, "ValidationError") && strstr(c->message, "does not exist")));
}

/* Reads an account's scope calls into a->scope; the first that failed makes
 * a->scope_error. */
static void read_scope(struct evidence_run *r, struct acct *a)
{
	const cJSON *x, *list;

	for (size_t i = 0; i < a->n_scope_calls; i++) {
		struct ev_call *c = &r->first.calls[a->scope_calls[i]];

		if (c->status != EV_CALL_OK) {
			char label[300];

			if (elsewhere(c) || a->scope_error)
				continue;
			ev_call_label(c, label, sizeof(label));
			a->scope_error =
			        xasprintf("the workload's scope could not be read (%s: %s%s%s)",
			                  label, c->code, *c->code ? ": " : "", c->message);
			continue;
		}
		list = cJSON_GetObjectItemCaseSensitive(c->result, "ResourceTagMappingList");
		cJSON_ArrayForEach(x, list)
		{
			const cJSON *arn = cJSON_GetObjectItemCaseSensitive(x, "ResourceARN");
			if (cJSON_IsString(arn))
				ev_scope_add_arn(a->scope, arn->valuestring);
		}
		list = cJSON_GetObjectItemCaseSensitive(c->result, "Resources");
		cJSON_ArrayForEach(x, list)
		{
			const cJSON *arn = cJSON_GetObjectItemCaseSensitive(
			        cJSON_GetObjectItemCaseSensitive(x, "Identifier"), "ResourceArn");
			if (cJSON_IsString(arn))
				ev_scope_add_arn(a->scope, arn->valuestring);
		}
		list = cJSON_GetObjectItemCaseSensitive(c->result, "StackResourceSummaries");
		cJSON_ArrayForEach(x, list)
		{
			const cJSON *id = cJSON_GetObjectItemCaseSensitive(x, "PhysicalResourceId");
			if (cJSON_IsString(id))
				(strncmp(id->valuestring, "arn:", 4)
				         ? ev_scope_add_id
				         : ev_scope_add_arn)(a->scope, id->valuestring);
		}
	}
}

static bool in_scope(void *ctx, const struct probe *p, const char *region, const char *id)
{
	struct acct *a = ctx;

	(void)region;
	return ev_scope_has(a->scope, p->scope_service ? p->scope_service : p->call.service, id);
}

static void plan_first(struct evidence_run *r)
{
	/* The account ID, for the snapshot; sent with the first batch so it costs no round
	 * trip of its own (unless the Regions had to be listed first). */
	if (!r->disc.n && !r->several)
		batch_add(&r->first, NULL, "sts", "GetCallerIdentity", NULL, NULL);
	for (size_t a = 0; r->want && a < r->n_accts; a++)
		if (!r->accts[a].error)
			plan_scope(r, &r->accts[a]);
	/* account by account, so each account's results stay together in the snapshot */
	for (size_t a = 0; a < r->n_accts; a++)
		for (size_t i = 0; i < r->n_progs; i++) {
			if (r->progs[i].p->scope == PROBE_GLOBAL)
				add_task(r, i, NULL, a);
			else
				for (size_t j = 0; j < r->n_regions; j++)
					add_task(r, i, r->regions[j], a);
		}
}

static const char *task_region(const struct task *t)
{
	return t->region ? t->region : "global";
}

/* A call's result as the queries see it: NULL when the call failed, a JSON null (returned
 * in *owned) when its error means "nothing there". */
static const cJSON *call_result(const struct probe_call *pc, struct ev_call *c, cJSON **owned)
{
	*owned = NULL;
	if (c->status == EV_CALL_OK)
		return c->result;
	if (c->status == EV_CALL_API_ERROR && probe_empty_on(pc, c->code))
		return *owned = cJSON_CreateNull();
	return NULL;
}

static const cJSON *first_result(const struct probe *p, struct ev_call *c, cJSON **owned)
{
	return call_result(&p->call, c, owned);
}

/* The results of the task's 'with' calls by name and the sweep's times, for the probe's
 * expressions. Returns a new object (cJSON_Delete()), or NULL with *failed the call that
 * failed. */
static cJSON *with_vars(struct evidence_run *r, const struct task *t, struct ev_call **failed)
{
	const struct probe *p = r->progs[t->prog].p;
	cJSON *vars = cJSON_CreateObject();

	*failed = NULL;
	for (size_t i = 0; i < p->n_with; i++) {
		struct ev_call *c = &r->first.calls[t->with[i]];
		cJSON *owned;
		const cJSON *res = call_result(&p->with[i].call, c, &owned);

		if (!res) {
			*failed = c;
			cJSON_Delete(vars);
			return NULL;
		}
		cJSON_AddItemToObject(vars, p->with[i].name,
		                      owned ? owned : cJSON_Duplicate(res, 1));
	}
	for (size_t i = 0; i < PROBE_N_TIME_VARS; i++)
		cJSON_AddStringToObject(vars, probe_time_vars[i], r->times[i]);
	return vars;
}

static void plan_fanout(struct evidence_run *r)
{
	for (size_t i = 0; i < r->n_tasks; i++) {
		struct task *t = &r->tasks[i];
		const struct probe_prog *pp = &r->progs[t->prog];
		const struct probe *p = pp->p;
		const cJSON *doc, *item;
		struct ev_call *bad;
		cJSON *owned, *vars;
		struct wa_err err;
		size_t k = 0;

		if (!p->each.service || t->done)
			continue;
		doc = first_result(p, &r->first.calls[t->call], &owned);
		vars = doc ? with_vars(r, t, &bad) : NULL;
		if (!doc || !vars) {
			cJSON_Delete(owned);
			continue; /* judged as the failed call's error */
		}
		err_clear(&err);
		t->items = jmespath_search_vars(pp->items, doc, vars, &err);
		cJSON_Delete(owned);
		cJSON_Delete(vars);
		if (!t->items) {
			char *m = xasprintf("each.items: %s", err.msg);
			probe_fault_msg(task_region(t), m, &t->res);
			free(m);
			t->done = 1;
			continue;
		}
		if (cJSON_IsNull(t->items)) {
			cJSON_Delete(t->items);
			t->items = cJSON_CreateArray();
		}
		if (!cJSON_IsArray(t->items)) {
			probe_fault_msg(task_region(t), "each.items: expected a list of items",
			                &t->res);
			t->done = 1;
			continue;
		}
		/* Every item in scope gets its call: no count caps a fan-out, so no item left
		 * unexamined can hide behind a pass. Items outside the scope cost no call. (A
		 * Config rule is no resource: the scope narrows what it evaluated.) */
		for (cJSON *it = t->items->child, *next; it; it = next) {
			next = it->next;
			if (!p->account_wide && p->source != SOURCE_CONFIG &&
			    !probe_item_in_scope(pp, &r->accts[t->acct].cx, task_region(t), it)) {
				cJSON_Delete(cJSON_DetachItemViaPointer(t->items, it));
				t->skipped++;
			}
		}
		t->fan = xcalloc((size_t)cJSON_GetArraySize(t->items) + 1, sizeof(*t->fan));
		cJSON_ArrayForEach(item, t->items)
		{
			int failed;
			cJSON *params =
			        p->metric || p->logs
			                ? metric_params(p, item, r->now, err.msg, sizeof(err.msg))
			                : probe_params(&p->each, item, r->time_refs, &failed, &err);
			char *region;

			if (p->metric || p->logs)
				failed = !params;

			if (failed) {
				char *m = xasprintf("each.params: %s", err.msg);
				probe_fault_msg(task_region(t), m, &t->res);
				free(m);
				t->done = 1;
				break;
			}
			region = probe_item_region(p, item);
			if (!region && t->region)
				region = xstrdup(t->region);
			t->fan[k++] = batch_add(&r->fan, r->accts[t->acct].id, p->each.service,
			                        p->each.operation, params, region);
			if (p->logs) /* a log search is bounded in volume */
				r->fan.calls[t->fan[k - 1]].max_pages = (int)p->logs->max_pages;
		}
	}
}

/* ---- judging ---- */

/* The fan-out document: {item, result} for every item whose call answered (or answered
 * "nothing there"); the items whose call failed are listed in res->unchecked instead, the
 * first failure kept as res->fault. Returns a new array (cJSON_Delete()). */
static cJSON *fanout_doc(struct evidence_run *r, struct task *t, struct ev_call **first_bad)
{
	const struct probe *p = r->progs[t->prog].p;
	cJSON *doc = cJSON_CreateArray();
	const cJSON *item;
	size_t k = 0;

	*first_bad = NULL;
	cJSON_ArrayForEach(item, t->items)
	{
		struct ev_call *fc = &r->fan.calls[t->fan[k++]];
		cJSON *owned, *pair;
		const cJSON *res = call_result(&p->each, fc, &owned);

		if (!res) {
			char *label = probe_item_label(item);
			region_result_unchecked(&t->res, label);
			free(label);
			if (!*first_bad)
				*first_bad = fc;
			continue;
		}
		pair = cJSON_CreateObject();
		cJSON_AddItemToObject(pair, "item", cJSON_Duplicate(item, 1));
		cJSON_AddItemToObject(pair, "result", owned ? owned : cJSON_Duplicate(res, 1));
		if (fc->truncated)
			cJSON_AddTrueToObject(pair, "truncated");
		cJSON_AddItemToArray(doc, pair);
	}
	return doc;
}

/* Items that could not be checked keep the practice unknown, never passed: a pass or
 * "none found" over the rest becomes "could not check"; a failure stays a failure, with
 * the offenders that did answer, and says what was left unchecked. */
static void mark_unchecked(struct task *t, struct ev_call *bad, size_t total)
{
	struct region_result *res = &t->res;
	char label[300], *note;

	ev_call_label(bad, label, sizeof(label));
	free(res->fault.call);
	free(res->fault.code);
	free(res->fault.message);
	res->fault.call = xstrdup(label);
	res->fault.code = bad->code[0] ? xstrdup(bad->code) : NULL;
	res->fault.message = xstrdup(bad->message);
	res->fault.http_status = bad->http_status;
	note = xasprintf("%s%zu of %zu could not be checked (%s%s%s)",
	                 res->outcome == OUTCOME_FAIL ? "; " : "", res->n_unchecked, total,
	                 bad->code[0] ? bad->code : bad->message, bad->code[0] ? ": " : "",
	                 bad->code[0] ? label : "");
	if (res->outcome != OUTCOME_FAIL) {
		/* what the rest showed stays in the sentence */
		char *text =
		        total > res->n_unchecked
		                ? xasprintf("could not check: %s; the other %zu: %s", note,
		                            total - res->n_unchecked, res->text ? res->text : "")
		                : xasprintf("could not check: %s", note);
		res->outcome = OUTCOME_ERROR;
		free(res->text);
		res->text = text;
	} else {
		char *text = xasprintf("%s%s", res->text ? res->text : "", note);
		free(res->text);
		res->text = text;
	}
	free(note);
}

/* A first call stopped at the probe's page bound with pages left: what was read can name
 * offenders, but cannot pass the rest. A failure stays one and says the search stopped;
 * anything else becomes "could not check", keeping what was read in the sentence. */
static void mark_bounded(struct task *t, const struct probe *p, struct ev_call *c)
{
	struct region_result *res = &t->res;
	char label[300], *note, *text;

	if (res->outcome == OUTCOME_ERROR)
		return;
	ev_call_label(c, label, sizeof(label));
	note = xasprintf("only the first %ld page%s of %s were read, more were left",
	                 p->call.max_pages, p->call.max_pages == 1 ? "" : "s", label);
	if (res->outcome == OUTCOME_FAIL) {
		text = xasprintf("%s (%s)", res->text ? res->text : "", note);
	} else {
		free(res->fault.call);
		free(res->fault.message);
		res->fault.call = xstrdup(label);
		res->fault.message = xstrdup("page bound reached");
		text = xasprintf("could not check: %s; in what was read: %s", note,
		                 res->text ? res->text : "");
		res->outcome = OUTCOME_ERROR;
	}
	free(res->text);
	res->text = text;
	free(note);
}

static void judge_task(struct evidence_run *r, struct task *t)
{
	const struct probe_prog *pp = &r->progs[t->prog];
	const struct probe *p = pp->p;
	struct ev_call *c = &r->first.calls[t->call], *bad = NULL;
	const struct acct *a = &r->accts[t->acct];
	struct probe_ctx cx = a->cx;

	/* an account's own mechanisms are judged whatever the workload's scope */
	if (p->account_wide)
		cx.in_scope = NULL;
	const cJSON *first;
	cJSON *owned, *vars, *doc;

	if (t->done)
		return;
	if (a->scope_error) {
		/* judged against the whole account it could pass on what is not the workload's */
		probe_fault_msg(task_region(t), a->scope_error, &t->res);
		return;
	}
	first = first_result(p, c, &owned);
	if (!first) {
		probe_fault(c, task_region(t), NULL, &t->res);
		return;
	}
	vars = with_vars(r, t, &bad);
	if (!vars) {
		probe_fault(bad, task_region(t), NULL, &t->res);
		cJSON_Delete(owned);
		return;
	}
	cx.vars = vars;
	cx.skipped = t->skipped;
	if (!p->each.service) {
		probe_judge(pp, first, &cx, task_region(t), &t->res);
	} else {
		size_t total = (size_t)cJSON_GetArraySize(t->items);
		struct region_result keep = { 0 };

		doc = fanout_doc(r, t, &bad);
		/* probe_judge fills a zeroed result: keep the unchecked list aside */
		keep.unchecked = t->res.unchecked;
		keep.n_unchecked = t->res.n_unchecked;
		t->res.unchecked = NULL;
		t->res.n_unchecked = 0;
		if (p->metric || p->logs)
			metric_judge(pp, doc, &cx, task_region(t), r->now, &t->res);
		else
			probe_judge(pp, doc, &cx, task_region(t), &t->res);
		/* items the judge could not check come after those whose call failed */
		for (size_t k = 0; k < t->res.n_unchecked; k++) {
			keep.unchecked = xrealloc(keep.unchecked,
			                          (keep.n_unchecked + 1) * sizeof(*keep.unchecked));
			keep.unchecked[keep.n_unchecked++] = t->res.unchecked[k];
		}
		free(t->res.unchecked);
		t->res.unchecked = keep.unchecked;
		t->res.n_unchecked = keep.n_unchecked;
		if (bad && t->res.outcome != OUTCOME_ERROR)
			mark_unchecked(t, bad, total);
		cJSON_Delete(doc);
	}
	if (c->truncated)
		mark_bounded(t, p, c);
	cJSON_Delete(owned);
	cJSON_Delete(vars);
}

static void read_account(struct evidence_run *r, struct batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		const cJSON *a;
		if (strcmp(b->calls[i].service, "sts") || b->calls[i].status != EV_CALL_OK)
			continue;
		a = cJSON_GetObjectItemCaseSensitive(b->calls[i].result, "Account");
		if (cJSON_IsString(a) && *a->valuestring && !r->account)
			r->account = xstrdup(a->valuestring);
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void finish(struct evidence_run *r)
{
	struct evidence *ev = evidence_new();

	for (size_t i = 0; i < r->n_tasks; i++)
		judge_task(r, &r->tasks[i]);
	ev->collected = xstrdup(r->collected);
	ev->account = r->account && !r->several ? xstrdup(r->account) : NULL;
	if (r->several) {
		ev->accounts = xcalloc(r->n_accts + 1, sizeof(*ev->accounts));
		for (size_t i = 0; i < r->n_accts; i++)
			ev->accounts[ev->n_accounts++] = xstrdup(r->accts[i].id);
	}
	ev->scope = r->want ? scope_describe(r->want) : NULL;
	ev->regions = xcalloc(r->n_regions + 1, sizeof(*ev->regions));
	for (size_t i = 0; i < r->n_regions; i++)
		ev->regions[ev->n_regions++] = xstrdup(r->regions[i]);
	qsort(ev->regions, ev->n_regions, sizeof(*ev->regions), cmp_str);
	ev->findings = xcalloc(r->n_progs + 1, sizeof(*ev->findings));
	for (size_t i = 0; i < r->n_progs; i++) {
		const struct probe *p = r->progs[i].p;
		struct finding *f = &ev->findings[ev->n_findings++];

		f->probe = xstrdup(p->id);
		f->question = xstrdup(r->progs[i].q->id);
		f->title = xstrdup(p->title);
		f->bps = xcalloc(p->n_bps + 1, sizeof(*f->bps));
		for (size_t j = 0; j < p->n_bps; j++)
			f->bps[f->n_bps++] = xstrdup(p->bps[j]);
		f->collected = xstrdup(r->collected);
		f->any_region = p->any_region;
		f->proves = p->proves;
		f->source = p->source;
		f->same_as = p->same_as ? xstrdup(p->same_as) : NULL;
		for (size_t j = 0; j < r->n_tasks; j++) {
			struct task *t = &r->tasks[j];
			if (t->prog != i)
				continue;
			f->results = xrealloc(f->results, (f->n_results + 1) * sizeof(*f->results));
			if (r->several)
				t->res.account = xstrdup(r->accts[t->acct].id);
			f->results[f->n_results++] = t->res;
			memset(&t->res, 0, sizeof(t->res));
		}
		f->outcome = finding_outcome(f->results, f->n_results, f->any_region);
	}
	r->result = ev;
}

/* The Regions from ec2 DescribeRegions (the union over the accounts swept), sorted; -1
 * with r->err when no account's call answered. */
static int use_regions(struct evidence_run *r, struct batch *b)
{
	const struct ev_call *bad = NULL;
	const cJSON *reg;

	for (size_t i = 0; i < b->n; i++) {
		const struct ev_call *c = &b->calls[i];

		if (strcmp(c->operation, "DescribeRegions"))
			continue;
		if (c->status != EV_CALL_OK) {
			bad = bad ? bad : c;
			continue;
		}
		cJSON_ArrayForEach(reg, cJSON_GetObjectItemCaseSensitive(c->result, "Regions"))
		{
			const cJSON *name = cJSON_GetObjectItemCaseSensitive(reg, "RegionName");
			bool dup = false;

			if (!cJSON_IsString(name) || !*name->valuestring)
				continue;
			for (size_t j = 0; j < r->n_regions && !dup; j++)
				dup = !strcmp(r->regions[j], name->valuestring);
			if (dup)
				continue;
			r->regions = xrealloc(r->regions, (r->n_regions + 1) * sizeof(*r->regions));
			r->regions[r->n_regions++] = xstrdup(name->valuestring);
		}
	}
	if (!r->n_regions && bad) {
		char buf[1600];
		return err_set(&r->err, NULL, 0, 0, "cannot list the account's Regions: %s",
		               err_format(&bad->err, buf, sizeof(buf)));
	}
	if (!r->n_regions)
		return err_set(&r->err, NULL, 0, 0,
		               "cannot list the account's Regions: "
		               "ec2:DescribeRegions returned none");
	qsort(r->regions, r->n_regions, sizeof(*r->regions), cmp_str);
	return 0;
}

/* The sweep's time, and the times its probes may judge age against ($now, $days_ago_N). */
static void set_times(struct evidence_run *r)
{
	time_t now = clock_now();

	r->now = now;
	clock_iso(now, r->collected, sizeof(r->collected));
	for (size_t i = 0; i < PROBE_N_TIME_VARS; i++) {
		clock_iso(now - (time_t)probe_time_days[i] * 86400, r->times[i],
		          sizeof(r->times[i]));
		r->time_refs[i] = r->times[i];
	}
}

/* The accounts of a sweep of several (ids[i] with errors[i], which may be NULL), each
 * with its scope when one is asked for. */
static void init_accts(struct evidence_run *r, const char *const *ids, const char *const *errors,
                       size_t n)
{
	r->n_accts = n;
	r->accts = xcalloc(n ? n : 1, sizeof(*r->accts));
	for (size_t i = 0; i < n; i++) {
		r->accts[i].id = xstrdup(ids[i]);
		if (errors && errors[i])
			r->accts[i].error = xstrdup(errors[i]);
	}
	for (size_t i = 0; r->want && i < n; i++) {
		r->accts[i].scope = ev_scope_new();
		r->accts[i].cx.in_scope = in_scope;
		r->accts[i].cx.scope_ctx = &r->accts[i];
	}
}

static void count_calls(struct evidence_run *r, size_t total, size_t done)
{
	pthread_mutex_lock(&r->mu);
	r->calls_total += total;
	r->calls_done += done;
	pthread_mutex_unlock(&r->mu);
}

/* The first step of a sweep with a role: the OU's accounts when asked, then the role in
 * every account that has no error yet, all at once. -1 with r->err when the OU's accounts
 * cannot be listed; a role refused is that account's error, not the sweep's. */
static int enter_accounts(struct evidence_run *r)
{
	const char **ids;
	char **errors;
	size_t *which, k = 0;

	if (r->org_unit) {
		char **listed;
		size_t n;
		int rc;

		count_calls(r, 1, 0);
		rc = ev_org_accounts(r->caller, r->org_unit, &listed, &n, &r->err);
		count_calls(r, 0, 1);
		if (rc)
			return -1;
		init_accts(r, (const char *const *)listed, NULL, n);
		ev_ids_free(listed, n);
	}
	ids = xcalloc(r->n_accts + 1, sizeof(*ids));
	errors = xcalloc(r->n_accts + 1, sizeof(*errors));
	which = xcalloc(r->n_accts + 1, sizeof(*which));
	for (size_t i = 0; i < r->n_accts; i++)
		if (!r->accts[i].error) {
			which[k] = i;
			ids[k++] = r->accts[i].id;
		}
	count_calls(r, k, 0);
	if (k)
		ev_caller_assume(r->caller, ids, k, r->role, EV_ROLE_SESSION, errors);
	count_calls(r, 0, k);
	for (size_t i = 0; i < k; i++)
		r->accts[which[i]].error = errors[i]; /* owned by the account now */
	free(ids);
	free(errors);
	free(which);
	return 0;
}

int evidence_run_step(struct evidence_run *r);

/* The first step once the accounts are known: the Regions when all are asked for, else
 * the first batch planned and sent. */
static int start_sweep(struct evidence_run *r)
{
	if (r->all_regions) {
		set_stage(r, EVIDENCE_STAGE_REGIONS);
		if (!r->several)
			batch_add(&r->disc, NULL, "sts", "GetCallerIdentity", NULL, NULL);
		for (size_t a = 0; a < r->n_accts; a++)
			if (!r->accts[a].error)
				batch_add(&r->disc, r->accts[a].id, "ec2", "DescribeRegions", NULL,
				          NULL);
		send_batch(r, &r->disc);
		read_account(r, &r->disc);
		if (use_regions(r, &r->disc)) {
			set_stage(r, EVIDENCE_STAGE_FAILED);
			return 0;
		}
		plan_first(r);
		set_stage(r, EVIDENCE_STAGE_CALLS);
		return 1;
	}
	plan_first(r);
	set_stage(r, EVIDENCE_STAGE_CALLS);
	/* Planning alone is not worth a step: send the first batch now. */
	return evidence_run_step(r);
}

/* ---- the public face ---- */

int evidence_run_new(const struct qset *qs, struct ev_caller *caller,
                     const struct evidence_run_opts *opts, struct evidence_run **out,
                     struct wa_err *err)
{
	struct evidence_run *r;
	size_t n = 0;

	*out = NULL;
	if (opts->question && !qset_find_question(qs, opts->question))
		return err_set(err, NULL, 0, 0, "no question '%s' in set '%s'", opts->question,
		               qs->id);
	for (size_t i = 0; i < qs->n_questions; i++)
		if (!opts->question || !strcmp(qs->questions[i].id, opts->question))
			n += qs->questions[i].n_probes;
	if (!n)
		return err_set(err, NULL, 0, 0, "%s%s has no probes",
		               opts->question ? "question " : "the question set",
		               opts->question ? opts->question : "");
	if (!opts->all_regions && !opts->n_regions && !caller->default_region)
		return err_set(err, NULL, 0, 0,
		               "no Region to sweep: give --regions, or set "
		               "AWS_REGION or a profile's region");
	if (opts->org_unit && (!opts->role || opts->n_accounts))
		return err_set(err, NULL, 0, 0,
		               "the accounts of %s are swept with a role, and only they",
		               opts->org_unit);
	if (opts->role && !opts->org_unit && !opts->n_accounts)
		return err_set(err, NULL, 0, 0, "no account to assume role %s in", opts->role);
	r = xcalloc(1, sizeof(*r));
	pthread_mutex_init(&r->mu, NULL);
	r->qs = qs;
	r->caller = caller;
	r->all_regions = opts->all_regions;
	r->several = opts->n_accounts > 0 || opts->org_unit;
	r->role = opts->role ? xstrdup(opts->role) : NULL;
	r->org_unit = opts->org_unit ? xstrdup(opts->org_unit) : NULL;
	if (scope_is_set(opts->scope))
		r->want = opts->scope;
	if (opts->n_accounts) {
		init_accts(r, opts->accounts, opts->account_errors, opts->n_accounts);
	} else if (!opts->org_unit) {
		/* the caller's own account: id NULL, learnt from STS */
		r->n_accts = 1;
		r->accts = xcalloc(1, sizeof(*r->accts));
		if (r->want) {
			r->accts[0].scope = ev_scope_new();
			r->accts[0].cx.in_scope = in_scope;
			r->accts[0].cx.scope_ctx = &r->accts[0];
		}
	} /* else the first step lists them */
	err_clear(&r->err);
	set_times(r);
	r->progs = xcalloc(n, sizeof(*r->progs));
	for (size_t i = 0; i < qs->n_questions; i++) {
		const struct question *q = &qs->questions[i];
		if (opts->question && strcmp(q->id, opts->question))
			continue;
		for (size_t j = 0; j < q->n_probes; j++) {
			if (probe_compile(&q->probes[j], q, &r->progs[r->n_progs], err)) {
				evidence_run_free(r);
				return -1;
			}
			r->n_progs++;
		}
	}
	if (!opts->all_regions) {
		size_t k = opts->n_regions ? opts->n_regions : 1;
		r->regions = xcalloc(k, sizeof(*r->regions));
		for (size_t i = 0; i < k; i++) {
			const char *name =
			        opts->n_regions ? opts->regions[i] : caller->default_region;
			bool dup = false;
			for (size_t j = 0; j < r->n_regions; j++)
				dup |= !strcmp(r->regions[j], name);
			if (!dup)
				r->regions[r->n_regions++] = xstrdup(name);
		}
	}
	*out = r;
	return 0;
}

int evidence_run_step(struct evidence_run *r)
{
	bool cancel;

	pthread_mutex_lock(&r->mu);
	cancel = r->cancel;
	pthread_mutex_unlock(&r->mu);
	if (r->stage >= EVIDENCE_STAGE_DONE)
		return 0;
	if (cancel) {
		set_stage(r, EVIDENCE_STAGE_CANCELLED);
		return 0;
	}
	switch (r->stage) {
	case EVIDENCE_STAGE_START:
		if (r->role) {
			/* a step of its own: a cancel is seen before the sweep goes on */
			set_stage(r, EVIDENCE_STAGE_ACCOUNTS);
			if (enter_accounts(r)) {
				set_stage(r, EVIDENCE_STAGE_FAILED);
				return 0;
			}
			return 1;
		}
		return start_sweep(r);
	case EVIDENCE_STAGE_ACCOUNTS: return start_sweep(r);
	case EVIDENCE_STAGE_REGIONS:
	case EVIDENCE_STAGE_CALLS:
		send_batch(r, &r->first);
		read_account(r, &r->first);
		for (size_t a = 0; r->want && a < r->n_accts; a++)
			read_scope(r, &r->accts[a]);
		plan_fanout(r);
		if (r->fan.n) {
			set_stage(r, EVIDENCE_STAGE_FANOUT);
			return 1;
		}
		finish(r);
		set_stage(r, EVIDENCE_STAGE_DONE);
		return 0;
	case EVIDENCE_STAGE_FANOUT:
		send_batch(r, &r->fan);
		finish(r);
		set_stage(r, EVIDENCE_STAGE_DONE);
		return 0;
	default: return 0;
	}
}

static void *thread_main(void *arg)
{
	struct evidence_run *r = arg;

	while (evidence_run_step(r) > 0)
		;
	return NULL;
}

int evidence_run_start(struct evidence_run *r, struct wa_err *err)
{
	int rc = pthread_create(&r->thread, NULL, thread_main, r);

	if (rc)
		return err_set(err, NULL, 0, 0, "cannot start the evidence thread: %s",
		               strerror(rc));
	pthread_mutex_lock(&r->mu);
	r->started = true;
	pthread_mutex_unlock(&r->mu);
	return 0;
}

void evidence_run_progress(struct evidence_run *r, struct evidence_progress *p)
{
	pthread_mutex_lock(&r->mu);
	p->stage = r->stage;
	p->calls_done = r->calls_done;
	p->calls_total = r->calls_total;
	p->probes = r->n_progs;
	pthread_mutex_unlock(&r->mu);
}

bool evidence_run_finished(struct evidence_run *r)
{
	bool f;

	pthread_mutex_lock(&r->mu);
	f = r->finished;
	pthread_mutex_unlock(&r->mu);
	return f;
}

void evidence_run_cancel(struct evidence_run *r)
{
	pthread_mutex_lock(&r->mu);
	r->cancel = true;
	pthread_mutex_unlock(&r->mu);
}

void evidence_run_wait(struct evidence_run *r)
{
	if (r->started && !r->joined) {
		pthread_join(r->thread, NULL);
		r->joined = true;
	}
}

const struct wa_err *evidence_run_error(struct evidence_run *r)
{
	return &r->err;
}

size_t evidence_run_n_accounts(struct evidence_run *r)
{
	return r->several ? r->n_accts : 0;
}

const char *evidence_run_account(struct evidence_run *r, size_t i, const char **error)
{
	if (error)
		*error = i < r->n_accts ? r->accts[i].error : NULL;
	return i < r->n_accts ? r->accts[i].id : NULL;
}

struct evidence *evidence_run_take(struct evidence_run *r)
{
	struct evidence *ev = NULL;

	if (evidence_run_finished(r)) {
		evidence_run_wait(r);
		ev = r->result;
		r->result = NULL;
	}
	return ev;
}

void evidence_run_free(struct evidence_run *r)
{
	if (!r)
		return;
	evidence_run_wait(r);
	for (size_t i = 0; i < r->n_progs; i++)
		probe_prog_clear(&r->progs[i]);
	free(r->progs);
	for (size_t i = 0; i < r->n_regions; i++)
		free(r->regions[i]);
	free(r->regions);
	for (size_t i = 0; i < r->n_tasks; i++) {
		free(r->tasks[i].region);
		cJSON_Delete(r->tasks[i].items);
		free(r->tasks[i].fan);
		free(r->tasks[i].with);
		region_result_clear(&r->tasks[i].res);
	}
	free(r->tasks);
	batch_free(&r->disc);
	batch_free(&r->first);
	batch_free(&r->fan);
	free(r->account);
	for (size_t i = 0; i < r->n_accts; i++) {
		free(r->accts[i].id);
		free(r->accts[i].error);
		ev_scope_free(r->accts[i].scope);
		free(r->accts[i].scope_calls);
		free(r->accts[i].scope_error);
	}
	free(r->accts);
	free(r->role);
	free(r->org_unit);
	evidence_free(r->result);
	pthread_mutex_destroy(&r->mu);
	free(r);
}
