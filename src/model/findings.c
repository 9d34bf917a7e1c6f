#include "model/findings.h"

#include <stdbool.h>
#include <string.h>

#include "util/xalloc.h"

static const char *const status_names[] = { NULL, "pass", "fail", "not_applicable", "error" };

const char *finding_status_name(enum finding_status s)
{
	return s >= FINDING_PASS && s <= FINDING_ERROR ? status_names[s] : "?";
}

enum finding_status finding_status_parse(const char *s)
{
	for (int i = FINDING_PASS; i <= FINDING_ERROR; i++)
		if (s && strcmp(s, status_names[i]) == 0)
			return (enum finding_status)i;
	return 0;
}

static const char *str_member(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) && *v->valuestring ? v->valuestring : NULL;
}

static bool names_bp(const cJSON *f, const char *bpid)
{
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(f, "best_practices"), *v;

	cJSON_ArrayForEach(v, list) if (cJSON_IsString(v) &&
	                                strcmp(v->valuestring, bpid) == 0) return true;
	return false;
}

/* One finding per probe result (a probe run in two Regions gives two), so each carries its
 * own Region, outcome, text and cited resources. */
struct bp_evidence *findings_for_bp(const struct review *rv, const char *bpid, size_t *n)
{
	const cJSON *list =
	        rv->evidence ? cJSON_GetObjectItemCaseSensitive(rv->evidence, "findings") : NULL;
	const cJSON *f, *r;
	struct bp_evidence *out = NULL;
	size_t cap = 0;

	*n = 0;
	if (!cJSON_IsArray(list))
		return NULL;
	cJSON_ArrayForEach(f, list)
	{
		if (!cJSON_IsObject(f) || !names_bp(f, bpid))
			continue;
		cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(f, "results"))
		{
			enum finding_status st = finding_status_parse(str_member(r, "outcome"));
			const cJSON *res;
			struct bp_evidence *x;

			if (!st)
				continue;
			out = xgrow(out, &cap, *n + 1, sizeof(*out));
			x = &out[(*n)++];
			x->probe = str_member(f, "probe");
			x->status = st;
			x->summary = str_member(r, "text");
			x->region = str_member(r, "region");
			x->checked = str_member(f, "collected");
			res = cJSON_GetObjectItemCaseSensitive(r, "cited");
			x->resources =
			        cJSON_IsArray(res) && cJSON_GetArraySize(res) > 0 ? res : NULL;
		}
	}
	return out;
}
