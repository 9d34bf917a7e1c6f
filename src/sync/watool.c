#include "sync/watool.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/wasync.h"
#include "util/xalloc.h"

bool watool_option(int ch, const char *arg, struct aws_settings_in *in)
{
	switch (ch) {
	case WATOOL_O_REGION: in->region = arg; return true;
	case WATOOL_O_PROFILE: in->profile = arg; return true;
	case WATOOL_O_ENDPOINT: in->endpoint_url = arg; return true;
	default: return false;
	}
}

void watool_err(FILE *f, const struct wa_err *err)
{
	char buf[1600];

	fprintf(f, "wa-review: %s\n", err_format(err, buf, sizeof(buf)));
}

struct aws_client *watool_open(const char *cmd, const struct aws_settings_in *in, bool writes,
                               FILE *errf)
{
	struct aws_client *c = NULL;
	struct wa_err err;

	err_clear(&err);
	if (aws_client_open(in, NULL, &c, &err) != 0) {
		watool_err(errf, &err);
		return NULL;
	}
	if (!aws_client_settings(c)->region) {
		fprintf(errf,
		        "wa-review: %s: no AWS Region: give --region, or set AWS_REGION or the "
		        "profile's region\n",
		        cmd);
		aws_client_free(c);
		return NULL;
	}
	if (writes)
		aws_client_allow_push(c);
	return c;
}

cJSON *watool_call(struct aws_client *c, const char *op, const cJSON *params,
                   struct aws_api_error *aerr, struct wa_err *err)
{
	cJSON *out = NULL;

	err_clear(err);
	if (aerr)
		memset(aerr, 0, sizeof(*aerr));
	aws_client_call(c, "wellarchitected", op, params, NULL, 0, &out, aerr, err);
	return out;
}

int watool_answers(struct aws_client *c, const char *cmd, const char *wid, long milestone,
                   const struct qset *qs, cJSON **answers, bool *missing, FILE *errf)
{
	struct aws_call *calls = xcalloc(qs->n_questions + 1, sizeof(*calls));
	cJSON **params = xcalloc(qs->n_questions + 1, sizeof(*params));
	int rc = 0;

	for (size_t i = 0; i < qs->n_questions; i++) {
		params[i] = cJSON_CreateObject();
		cJSON_AddStringToObject(params[i], "WorkloadId", wid);
		cJSON_AddStringToObject(params[i], "LensAlias", WASYNC_LENS);
		cJSON_AddStringToObject(params[i], "QuestionId", qs->questions[i].wa_question_id);
		if (milestone)
			cJSON_AddNumberToObject(params[i], "MilestoneNumber", (double)milestone);
		calls[i].service = "wellarchitected";
		calls[i].operation = "GetAnswer";
		calls[i].params = params[i];
	}
	aws_client_run(c, calls, qs->n_questions, NULL, NULL);
	for (size_t i = 0; i < qs->n_questions; i++) {
		answers[i] = NULL;
		missing[i] = false;
		if (calls[i].status == AWS_CALL_OK) {
			answers[i] =
			        cJSON_DetachItemFromObjectCaseSensitive(calls[i].result, "Answer");
		} else if (calls[i].status == AWS_CALL_API_ERROR &&
		           !strcmp(calls[i].api.code, "ResourceNotFoundException")) {
			/* The workload is known to exist: what is not found is the question. */
			missing[i] = true;
		} else {
			fprintf(errf, "wa-review: %s: %s: %s\n", cmd, calls[i].err.where,
			        calls[i].err.msg);
			rc = -1;
		}
		aws_call_clear(&calls[i]);
		cJSON_Delete(params[i]);
	}
	free(calls);
	free(params);
	return rc;
}
