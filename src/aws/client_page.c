/* Pagination as the aws CLI does it (botocore's PageIterator): the output tokens of one page
 * become the input tokens of the next, the result keys of every page are merged, and the
 * non-aggregate keys are kept from the first page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aws/client_int.h"
#include "jmespath/jmespath.h"
#include "util/xalloc.h"

/* Paginators' non_aggregate_keys, which the aws CLI keeps from the first page. Only S3 has
 * them among the modelled operations (botocore paginators-1.json). */
static const char *const non_aggregate[][3] = {
	{ "s3", "ListBuckets", "Owner" },
	{ "s3", "ListBuckets", "Prefix" },
	{ "s3", "ListObjects", "Name" },
	{ "s3", "ListObjects", "Prefix" },
	{ "s3", "ListObjects", "Delimiter" },
	{ "s3", "ListObjects", "MaxKeys" },
	{ "s3", "ListObjects", "EncodingType" },
	{ "s3", "ListObjectsV2", "Name" },
	{ "s3", "ListObjectsV2", "Prefix" },
	{ "s3", "ListObjectsV2", "Delimiter" },
	{ "s3", "ListObjectsV2", "MaxKeys" },
	{ "s3", "ListObjectsV2", "EncodingType" },
	{ "s3", "ListObjectVersions", "Name" },
	{ "s3", "ListObjectVersions", "Prefix" },
	{ "s3", "ListObjectVersions", "Delimiter" },
	{ "s3", "ListObjectVersions", "MaxKeys" },
	{ "s3", "ListObjectVersions", "EncodingType" },
};

static cJSON *path_get(const cJSON *obj, const char *path)
{
	char *copy = xstrdup(path), *save = NULL, *part;
	const cJSON *cur = obj;

	for (part = strtok_r(copy, ".", &save); part && cur; part = strtok_r(NULL, ".", &save))
		cur = cJSON_IsObject(cur) ? cJSON_GetObjectItemCaseSensitive(cur, part) : NULL;
	free(copy);
	return (cJSON *)cur;
}

/* Sets obj.path = val (taking val), making the objects on the way. */
static void path_set(cJSON *obj, const char *path, cJSON *val)
{
	char *copy = xstrdup(path), *save = NULL, *part, *next;
	cJSON *cur = obj;

	part = strtok_r(copy, ".", &save);
	while (part) {
		next = strtok_r(NULL, ".", &save);
		if (!next) {
			if (cJSON_GetObjectItemCaseSensitive(cur, part))
				cJSON_ReplaceItemInObjectCaseSensitive(cur, part, val);
			else
				cJSON_AddItemToObject(cur, part, val);
			break;
		}
		cJSON *child = cJSON_GetObjectItemCaseSensitive(cur, part);

		if (!cJSON_IsObject(child)) {
			child = cJSON_CreateObject();
			if (cJSON_GetObjectItemCaseSensitive(cur, part))
				cJSON_ReplaceItemInObjectCaseSensitive(cur, part, child);
			else
				cJSON_AddItemToObject(cur, part, child);
		}
		cur = child;
		part = next;
	}
	free(copy);
}

void client_page_init(struct client_pages *p, const struct aws_paginator *pg, const char *service,
                      const char *operation)
{
	memset(p, 0, sizeof(*p));
	p->pg = pg;
	p->service = service;
	p->operation = operation;
}

void client_page_add(struct client_pages *p, const cJSON *page)
{
	const char *const *rk = p->pg->result_key;

	if (!p->merged) {
		p->merged = cJSON_CreateObject();
		p->non_agg = cJSON_CreateObject();
		for (size_t i = 0; i < sizeof(non_aggregate) / sizeof(*non_aggregate); i++) {
			const cJSON *v;

			if (strcmp(non_aggregate[i][0], p->service) != 0 ||
			    strcmp(non_aggregate[i][1], p->operation) != 0)
				continue;
			/* Kept even when absent (as null), as botocore does. */
			v = path_get(page, non_aggregate[i][2]);
			path_set(p->non_agg, non_aggregate[i][2],
			         v ? cJSON_Duplicate(v, 1) : cJSON_CreateNull());
		}
	}
	for (; rk && *rk; rk++) {
		const cJSON *v = path_get(page, *rk);
		cJSON *have;

		if (!v || cJSON_IsNull(v))
			continue;
		have = path_get(p->merged, *rk);
		if (!have) {
			path_set(p->merged, *rk, cJSON_Duplicate(v, 1));
		} else if (cJSON_IsArray(have) && cJSON_IsArray(v)) {
			const cJSON *it;

			cJSON_ArrayForEach(it, v)
			        cJSON_AddItemToArray(have, cJSON_Duplicate(it, 1));
		} else if (cJSON_IsNumber(have) && cJSON_IsNumber(v)) {
			cJSON_SetNumberValue(have, have->valuedouble + v->valuedouble);
		} else if (cJSON_IsString(have) && cJSON_IsString(v)) {
			char *cat = xasprintf("%s%s", have->valuestring, v->valuestring);

			cJSON_SetValuestring(have, cat);
			free(cat);
		}
	}
}

cJSON *client_page_result(struct client_pages *p)
{
	cJSON *out = p->merged ? p->merged : cJSON_CreateObject(), *it;

	p->merged = NULL;
	cJSON_ArrayForEach(it, p->non_agg) if (!cJSON_GetObjectItemCaseSensitive(out, it->string))
	        cJSON_AddItemToObject(out, it->string, cJSON_Duplicate(it, 1));
	client_page_free(p);
	return out;
}

void client_page_free(struct client_pages *p)
{
	cJSON_Delete(p->merged);
	cJSON_Delete(p->non_agg);
	free(p->last_tokens);
	p->merged = p->non_agg = NULL;
	p->last_tokens = NULL;
}

/* Evaluates an output token expression ("NextToken", "NextMarker || Contents[-1].Key"). */
static cJSON *token_value(const cJSON *page, const char *expr)
{
	struct wa_err e;
	struct jmespath *jp;
	cJSON *v;

	err_clear(&e);
	jp = jmespath_compile(expr, &e);
	if (!jp)
		return NULL;
	v = jmespath_search(jp, page, &e);
	jmespath_free(jp);
	if (v && (cJSON_IsNull(v) || (cJSON_IsString(v) && !*v->valuestring))) {
		cJSON_Delete(v);
		v = NULL;
	}
	return v;
}

static bool truthy(const cJSON *v)
{
	return v && !cJSON_IsNull(v) && !cJSON_IsFalse(v) &&
	       !(cJSON_IsString(v) && !*v->valuestring) && !(cJSON_IsArray(v) && !v->child) &&
	       !(cJSON_IsObject(v) && !v->child);
}

int client_page_next(struct client_pages *p, const cJSON *page, cJSON *params, char *msg,
                     size_t cap)
{
	const struct aws_paginator *pg = p->pg;
	cJSON *tokens = cJSON_CreateArray();
	bool any = false;
	char *text;
	int rc = 0;

	if (pg->more_results) {
		cJSON *more = token_value(page, pg->more_results);
		bool go = truthy(more);

		cJSON_Delete(more);
		if (!go) {
			cJSON_Delete(tokens);
			return 0;
		}
	}
	for (size_t i = 0; pg->output_token && pg->output_token[i]; i++) {
		cJSON *v = token_value(page, pg->output_token[i]);

		if (v)
			any = true;
		cJSON_AddItemToArray(tokens, v ? v : cJSON_CreateNull());
	}
	if (!any) {
		cJSON_Delete(tokens);
		return 0;
	}
	text = cJSON_PrintUnformatted(tokens);
	if (p->last_tokens && strcmp(text, p->last_tokens) == 0) {
		snprintf(msg, cap, "the service sent the same pagination token twice (%.200s)",
		         text);
		free(text);
		cJSON_Delete(tokens);
		return -1;
	}
	free(p->last_tokens);
	p->last_tokens = text;
	for (size_t i = 0; pg->input_token && pg->input_token[i]; i++) {
		cJSON *v = cJSON_GetArrayItem(tokens, (int)i);

		cJSON_DeleteItemFromObjectCaseSensitive(params, pg->input_token[i]);
		if (v && !cJSON_IsNull(v)) {
			cJSON_AddItemToObject(params, pg->input_token[i], cJSON_Duplicate(v, 1));
			rc = 1;
		}
	}
	cJSON_Delete(tokens);
	return rc;
}
