#include "evidence/caller_fixture.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "util/json.h"
#include "util/fsio.h"
#include "util/xalloc.h"

/* A fixture file, parsed once (doc NULL when it is missing or broken: why says why). */
struct ffile {
	char *path;
	cJSON *doc;
	char why[1200];
};

struct fixture {
	char *dir;
	struct ffile *files;
	size_t n_files, cap_files;
};

/* Service and operation names become path parts: keep them to plain names. */
static int plain_name(const char *s)
{
	if (!*s || *s == '.')
		return 0;
	for (; *s; s++)
		if (!(*s >= 'a' && *s <= 'z') && !(*s >= 'A' && *s <= 'Z') &&
		    !(*s >= '0' && *s <= '9') && *s != '-' && *s != '_')
			return 0;
	return 1;
}

static struct ffile *load_file(struct fixture *fx, const char *service, const char *op)
{
	char *path = xasprintf("%s/%s/%s.json", fx->dir, service, op);
	struct ffile *f;
	struct wa_err err;
	char *text;
	size_t len;

	for (size_t i = 0; i < fx->n_files; i++)
		if (!strcmp(fx->files[i].path, path)) {
			free(path);
			return &fx->files[i];
		}
	fx->files = xgrow(fx->files, &fx->cap_files, fx->n_files + 1, sizeof(*fx->files));
	f = &fx->files[fx->n_files++];
	memset(f, 0, sizeof(*f));
	f->path = path;
	err_clear(&err);
	if (fsio_read_file(path, &text, &len, &err)) {
		snprintf(f->why, sizeof(f->why), "no fixture for this call: %s", err.msg);
		return f;
	}
	f->doc = json_parse(text, len, path, &err);
	free(text);
	if (!f->doc)
		err_format(&err, f->why, sizeof(f->why));
	else if (!cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(f->doc, "responses"))) {
		snprintf(f->why, sizeof(f->why), "%s: expected an object with a 'responses' list",
		         path);
		cJSON_Delete(f->doc);
		f->doc = NULL;
	}
	return f;
}

/* Whether every member of want equals the call's parameter of that name. */
static int params_match(const cJSON *want, const cJSON *params)
{
	const cJSON *w;

	if (!want)
		return 1;
	cJSON_ArrayForEach(w, want)
	{
		const cJSON *have =
		        params ? cJSON_GetObjectItemCaseSensitive(params, w->string) : NULL;
		if (!have || !cJSON_Compare(w, have, 1))
			return 0;
	}
	return 1;
}

/* Whether the call's parameters, as compact JSON, hold the response's match text (for calls
 * whose parameters nest, such as GetMetricData's queries); absent: any. */
static int text_match(const cJSON *want, const cJSON *params)
{
	char *p;
	int ok;

	if (!cJSON_IsString(want))
		return 1;
	p = params ? cJSON_PrintUnformatted(params) : NULL;
	ok = p && strstr(p, want->valuestring) != NULL;
	free(p);
	return ok;
}

static const cJSON *pick(const cJSON *doc, const char *region, const cJSON *params)
{
	const cJSON *r;

	cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(doc, "responses"))
	{
		const cJSON *rg = cJSON_GetObjectItemCaseSensitive(r, "region");

		if (cJSON_IsString(rg) && strcmp(rg->valuestring, "*") &&
		    (!region || strcmp(rg->valuestring, region)))
			continue;
		if (params_match(cJSON_GetObjectItemCaseSensitive(r, "params"), params) &&
		    text_match(cJSON_GetObjectItemCaseSensitive(r, "match"), params))
			return r;
	}
	return NULL;
}

struct fixture_caller {
	struct fixture fx;
	struct ev_caller *owner;
	/* A response's delay_ms is waited out on cond, so a cancel ends it at once. */
	pthread_mutex_t lock;
	pthread_cond_t cond;
	bool cancelled;
};

/* Waits out the response's delay_ms, unless cancelled first. Returns whether cancelled. */
static bool pause_ms(struct fixture_caller *fc, const cJSON *r)
{
	const cJSON *d = cJSON_GetObjectItemCaseSensitive(r, "delay_ms");
	struct timespec until;
	bool cancelled;

	clock_gettime(CLOCK_REALTIME, &until);
	if (cJSON_IsNumber(d) && d->valuedouble > 0) {
		long long ns = (long long)until.tv_nsec + (long long)(d->valuedouble * 1e6);
		until.tv_sec += (time_t)(ns / 1000000000);
		until.tv_nsec = (long)(ns % 1000000000);
	}
	pthread_mutex_lock(&fc->lock);
	while (!fc->cancelled && pthread_cond_timedwait(&fc->cond, &fc->lock, &until) == 0)
		;
	cancelled = fc->cancelled;
	pthread_mutex_unlock(&fc->lock);
	return cancelled;
}

static void answer(struct fixture_caller *fc, struct ev_call *c)
{
	struct fixture *fx = &fc->fx;
	const char *default_region = fc->owner->default_region;
	const char *region = c->region ? c->region : default_region;
	const cJSON *r, *v;
	struct ffile *f;

	if (!plain_name(c->service) || !plain_name(c->operation)) {
		ev_call_fail(c, EV_CALL_FAILED, NULL, "not a service and operation name", 0);
		return;
	}
	f = load_file(fx, c->service, c->operation);
	if (!f->doc) {
		ev_call_fail(c, EV_CALL_FAILED, NULL, f->why, 0);
		return;
	}
	r = pick(f->doc, region, c->params);
	if (!r) {
		char *p = c->params ? cJSON_PrintUnformatted(c->params) : NULL;
		char msg[900];
		snprintf(msg, sizeof(msg), "no response in %s matches Region %s and parameters %s",
		         f->path, region ? region : "(none)", p ? p : "{}");
		free(p);
		ev_call_fail(c, EV_CALL_FAILED, NULL, msg, 0);
		return;
	}
	if (pause_ms(fc, r)) {
		ev_call_fail(c, EV_CALL_FAILED, NULL, "cancelled", 0);
		return;
	}
	if ((v = cJSON_GetObjectItemCaseSensitive(r, "result")) != NULL) {
		c->status = EV_CALL_OK;
		c->result = cJSON_Duplicate(v, 1);
		/* a page bound reached with more pages left (a log search's max_pages) */
		c->truncated = c->max_pages > 0 &&
		               cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r, "truncated"));
	} else if ((v = cJSON_GetObjectItemCaseSensitive(r, "error")) != NULL) {
		const cJSON *code = cJSON_GetObjectItemCaseSensitive(v, "code");
		const cJSON *msg = cJSON_GetObjectItemCaseSensitive(v, "message");
		const cJSON *st = cJSON_GetObjectItemCaseSensitive(v, "status");
		ev_call_fail(c, EV_CALL_API_ERROR,
		             cJSON_IsString(code) ? code->valuestring : "Unknown",
		             cJSON_IsString(msg) ? msg->valuestring : "",
		             cJSON_IsNumber(st) ? (long)st->valuedouble : 400);
	} else if ((v = cJSON_GetObjectItemCaseSensitive(r, "failure")) != NULL &&
	           cJSON_IsString(v)) {
		ev_call_fail(c, EV_CALL_FAILED, NULL, v->valuestring, 0);
	} else {
		ev_call_fail(c, EV_CALL_FAILED, NULL,
		             "the fixture response has no result, error "
		             "or failure",
		             0);
	}
}

static void fixture_run(void *impl, struct ev_call *calls, size_t n, ev_call_done_fn done,
                        void *ctx)
{
	struct fixture_caller *fc = impl;

	for (size_t i = 0; i < n; i++) {
		ev_call_clear(&calls[i]);
		answer(fc, &calls[i]);
		if (done)
			done(ctx, &calls[i]);
	}
}

static void fixture_free(void *impl)
{
	struct fixture_caller *fc = impl;

	for (size_t i = 0; i < fc->fx.n_files; i++) {
		free(fc->fx.files[i].path);
		cJSON_Delete(fc->fx.files[i].doc);
	}
	free(fc->fx.files);
	free(fc->fx.dir);
	pthread_cond_destroy(&fc->cond);
	pthread_mutex_destroy(&fc->lock);
	free(fc);
}

static void fixture_cancel(void *impl)
{
	struct fixture_caller *fc = impl;

	pthread_mutex_lock(&fc->lock);
	fc->cancelled = true;
	pthread_cond_broadcast(&fc->cond);
	pthread_mutex_unlock(&fc->lock);
}

static const struct ev_caller_ops fixture_ops = { .run = fixture_run,
	                                          .free = fixture_free,
	                                          .cancel = fixture_cancel };

/* DIR/caller.json: {"default_region": "eu-west-1"}, optional. */
static int read_config(const char *dir, char **region, struct wa_err *err)
{
	char *path = xasprintf("%s/caller.json", dir), *text;
	struct stat st;
	size_t len;
	cJSON *doc, *r;

	*region = NULL;
	if (stat(path, &st) != 0) {
		free(path);
		return 0;
	}
	if (fsio_read_file(path, &text, &len, err)) {
		free(path);
		return -1;
	}
	doc = json_parse(text, len, path, err);
	free(text);
	if (!doc) {
		free(path);
		return -1;
	}
	r = cJSON_GetObjectItemCaseSensitive(doc, "default_region");
	if (cJSON_IsString(r) && *r->valuestring)
		*region = xstrdup(r->valuestring);
	else if (r)
		err_set(err, path, 0, 0, "default_region: expected a Region name");
	cJSON_Delete(doc);
	free(path);
	return r && !*region ? -1 : 0;
}

int caller_fixture_open(const char *dir, struct ev_caller **out, struct wa_err *err)
{
	struct ev_caller *c;
	struct fixture_caller *fc;
	struct stat st;
	const char *env;
	char *region;

	*out = NULL;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
		return err_set(err, dir, 0, 0, "WA_EVIDENCE_FIXTURES: not a directory");
	if (read_config(dir, &region, err))
		return -1;
	if ((env = getenv("AWS_REGION")) != NULL && *env) {
		free(region);
		region = xstrdup(env);
	} else if ((env = getenv("AWS_DEFAULT_REGION")) != NULL && *env) {
		free(region);
		region = xstrdup(env);
	}
	c = xcalloc(1, sizeof(*c));
	fc = xcalloc(1, sizeof(*fc));
	fc->fx.dir = xstrdup(dir);
	fc->owner = c;
	pthread_mutex_init(&fc->lock, NULL);
	pthread_cond_init(&fc->cond, NULL);
	c->ops = &fixture_ops;
	c->impl = fc;
	c->default_region = region;
	c->name = xasprintf("fixtures in %s", dir);
	*out = c;
	return 0;
}
