/* aws_batch: runs a list of AWS calls as one batch through the client (the way evidence
 * probes fan out) and prints each call's outcome, for the fault tests and the benchmark.
 *
 *   aws_batch [--endpoint-url URL] [--concurrency N] [--timeout S] [--max-attempts N]
 *             [--quiet] SPEC.json
 *
 * SPEC is a JSON array of {"service", "operation", "region", "params", "repeat"}. Output:
 * one JSON line per call in input order, {"i", "call", "status": "ok"|"api-error"|
 * "failed", "attempts", "pages", "result" | "error"}; --quiet prints only the summary.
 * The summary goes to stderr: "calls N ok N failed N seconds S". Exit status: 0 all ok,
 * 1 some failed, 2 bad usage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "aws/client.h"
#include "util/xalloc.h"

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 0, n = 0, got;
	char *buf = NULL;

	if (!f)
		return NULL;
	do {
		buf = xgrow(buf, &cap, n + 65536, 1);
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
	} while (got > 0);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static const char *sget(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

int main(int argc, char **argv)
{
	struct aws_settings_in in = { 0 };
	struct aws_client_opts co = { 0 };
	const char *spec_path = NULL;
	struct aws_client *client;
	struct aws_call *calls = NULL;
	size_t n = 0, cap = 0;
	struct wa_err err;
	struct timespec t0, t1;
	int quiet = 0, failed;
	cJSON *spec, *it;
	char *text;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--endpoint-url") && i + 1 < argc)
			in.endpoint_url = argv[++i];
		else if (!strcmp(argv[i], "--concurrency") && i + 1 < argc)
			co.max_per_host = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--timeout") && i + 1 < argc)
			co.timeout_ms = (long)(atof(argv[++i]) * 1000);
		else if (!strcmp(argv[i], "--max-attempts") && i + 1 < argc)
			co.max_attempts = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--quiet"))
			quiet = 1;
		else if (argv[i][0] != '-' && !spec_path)
			spec_path = argv[i];
		else {
			fprintf(stderr, "aws_batch: bad argument '%s'\n", argv[i]);
			return 2;
		}
	}
	if (!spec_path || !(text = slurp(spec_path))) {
		fprintf(stderr, "aws_batch: give a readable SPEC.json\n");
		return 2;
	}
	spec = cJSON_Parse(text);
	free(text);
	if (!cJSON_IsArray(spec)) {
		fprintf(stderr, "aws_batch: SPEC must be a JSON array\n");
		cJSON_Delete(spec);
		return 2;
	}
	cJSON_ArrayForEach(it, spec)
	{
		const cJSON *rep = cJSON_GetObjectItemCaseSensitive(it, "repeat");
		int times = cJSON_IsNumber(rep) ? rep->valueint : 1;

		for (int r = 0; r < times; r++) {
			calls = xgrow(calls, &cap, n + 1, sizeof(*calls));
			memset(&calls[n], 0, sizeof(calls[n]));
			calls[n].service = sget(it, "service");
			calls[n].operation = sget(it, "operation");
			calls[n].region = sget(it, "region");
			calls[n].params = cJSON_GetObjectItemCaseSensitive(it, "params");
			n++;
		}
	}
	err_clear(&err);
	if (aws_client_open(&in, &co, &client, &err) != 0) {
		err_print(&err);
		cJSON_Delete(spec);
		free(calls);
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	failed = aws_client_run(client, calls, n, NULL, NULL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	for (size_t i = 0; i < n && !quiet; i++) {
		cJSON *o = cJSON_CreateObject();
		char *line, *call = xasprintf("%s:%s %s", calls[i].service ? calls[i].service : "",
		                              calls[i].operation ? calls[i].operation : "",
		                              calls[i].region ? calls[i].region : "");

		cJSON_AddNumberToObject(o, "i", (double)i);
		cJSON_AddStringToObject(o, "call", call);
		cJSON_AddStringToObject(o, "status",
		                        calls[i].status == AWS_CALL_OK          ? "ok"
		                        : calls[i].status == AWS_CALL_API_ERROR ? "api-error"
		                                                                : "failed");
		cJSON_AddNumberToObject(o, "attempts", calls[i].attempts);
		cJSON_AddNumberToObject(o, "pages", calls[i].pages);
		if (calls[i].status == AWS_CALL_OK) {
			cJSON_AddItemToObject(o, "result", calls[i].result);
			calls[i].result = NULL;
		} else {
			char buf[2048];

			cJSON_AddStringToObject(o, "error",
			                        err_format(&calls[i].err, buf, sizeof(buf)));
			if (calls[i].status == AWS_CALL_API_ERROR)
				cJSON_AddStringToObject(o, "code", calls[i].api.code);
		}
		line = cJSON_PrintUnformatted(o);
		puts(line);
		free(line);
		free(call);
		cJSON_Delete(o);
	}
	fprintf(stderr, "calls %zu ok %zu failed %d seconds %.3f\n", n, n - (size_t)failed, failed,
	        (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	for (size_t i = 0; i < n; i++)
		aws_call_clear(&calls[i]);
	free(calls);
	aws_client_free(client);
	cJSON_Delete(spec);
	return failed ? 1 : 0;
}
