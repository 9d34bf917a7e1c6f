/* Running one probe's logic: its calls' parameters (with a fan-out item substituted), the
 * document its query sees, and the judgement — pass, fail, not applicable or error — with
 * the finding's sentence and the resources it cites. No I/O: run.c sends the calls. */
#ifndef WAR_EVIDENCE_PROBE_H
#define WAR_EVIDENCE_PROBE_H

#include <cjson/cJSON.h>

#include "evidence/caller.h"
#include "model/evidence.h"
#include "jmespath/jmespath.h"
#include "model/qset.h"
#include "util/err.h"

/* A probe ready to run: the declaration (borrowed) and its compiled queries. */
struct probe_prog {
	const struct probe *p;
	const struct question *q;
	struct jmespath *items;     /* each.items, or NULL */
	struct jmespath *resources; /* or NULL */
	struct jmespath *defaults;  /* or NULL */
	struct jmespath *query;
};

/* What judging needs beside the document: the results of the probe's 'with' calls, and the
 * workload's scope. */
struct probe_ctx {
	const cJSON *vars; /* an object: each 'with' call's result by name; NULL: none */
	/* Whether a resource the probe names (an ID, a name or an ARN) belongs to the
	 * workload; NULL: the whole account does. */
	bool (*in_scope)(void *ctx, const struct probe *p, const char *region, const char *id);
	void *scope_ctx;
	long skipped; /* fan-out items already left out of scope before their calls */
};

/* Compiles p's queries. Returns 0 with *out filled (free with probe_prog_clear()), or -1
 * with err (the loader has already checked them, so only for sets built by hand). */
int probe_compile(const struct probe *p, const struct question *q, struct probe_prog *out,
                  struct wa_err *err);
void probe_prog_clear(struct probe_prog *pp);

/* The parameters of call c as sent: "{{" and "}}" unescaped, every time reference ({now},
 * {days_ago_30}) replaced by the sweep's time from times (PROBE_N_TIME_VARS strings in
 * probe_time_vars' order; NULL: none bound) and, with item not NULL, every {item...}
 * reference replaced (a string that is only an item reference takes the item's value with
 * its JSON type; a time is always an ISO 8601 string, which the client writes in the
 * protocol's timestamp form). Returns a new object or NULL for no parameters
 * (cJSON_Delete()), or sets *failed and returns NULL with err when a reference cannot be
 * filled. */
cJSON *probe_params(const struct probe_call *c, const cJSON *item, const char *const *times,
                    int *failed, struct wa_err *err);

/* The Region of a fan-out call for item: each.region rendered (newly allocated), or NULL
 * when the probe gives none or the item has no such member (then the probe's Region). */
char *probe_item_region(const struct probe *p, const cJSON *item);

/* Whether an API error code is one of the call's empty_on codes. */
int probe_empty_on(const struct probe_call *c, const char *code);

/* Judges doc (the first call's result, or for a fan-out the list of {item, result}) for
 * region ("global" for a global probe), with cx (NULL: no 'with' results, the whole
 * account). Resources AWS creates in every account (the probe's defaults) and resources
 * outside the scope are left out of what is examined, of the offenders and of what was
 * found, and counted. Fills *out (zeroed by the caller; free with region_result_clear()):
 * NOT_APPLICABLE when nothing is left to examine, else PASS or FAIL by the criterion, or
 * ERROR when a query cannot be applied. */
void probe_judge(const struct probe_prog *pp, const cJSON *doc, const struct probe_ctx *cx,
                 const char *region, struct region_result *out);

/* A short name for a fan-out item, for lists of what could not be checked: the item when
 * it is a string, else its name, id or arn member, else its JSON. Newly allocated. */
char *probe_item_label(const cJSON *item);

/* Whether a fan-out item is in scope: the item, or any of its string members, names a
 * resource in scope (cx NULL or without a scope: always). */
bool probe_item_in_scope(const struct probe_prog *pp, const struct probe_ctx *cx,
                         const char *region, const cJSON *item);

/* An ERROR result for region from a failed call (its code, message, HTTP status, label),
 * with note appended to the sentence when not NULL ("2 of 9 calls failed"). */
void probe_fault(const struct ev_call *call, const char *region, const char *note,
                 struct region_result *out);

/* An ERROR result for a failure that is not a call's (a query, a template). */
void probe_fault_msg(const char *region, const char *msg, struct region_result *out);

#endif
