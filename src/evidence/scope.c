#include "evidence/scope.h"

#include <stdlib.h>
#include <string.h>

#include "util/strset.h"
#include "util/xalloc.h"

struct ev_scope {
	struct strset keys; /* "service key" and "* key" (borrowed from store) */
	char **store;       /* the keys' text */
	size_t n_store, cap_store;
	unsigned long n_resources;
};

struct ev_scope *ev_scope_new(void)
{
	return xcalloc(1, sizeof(struct ev_scope));
}

void ev_scope_free(struct ev_scope *s)
{
	if (!s)
		return;
	strset_free(&s->keys);
	for (size_t i = 0; i < s->n_store; i++)
		free(s->store[i]);
	free(s->store);
	free(s);
}

static void add_key(struct ev_scope *s, const char *service, const char *key, size_t len)
{
	char *k;

	if (!len)
		return;
	k = xasprintf("%s %.*s", service, (int)len, key);
	if (strset_get(&s->keys, k) >= 0) {
		free(k);
		return;
	}
	s->store = xgrow(s->store, &s->cap_store, s->n_store + 1, sizeof(*s->store));
	s->store[s->n_store++] = k;
	strset_add(&s->keys, k, 0);
}

/* The ARN's service ("rds") and resource part ("db:orders"); NULL when not an ARN. */
static const char *arn_parts(const char *arn, const char **svc, size_t *svc_len)
{
	const char *p = arn;

	if (strncmp(arn, "arn:", 4))
		return NULL;
	/* arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE */
	for (int field = 0; field < 5; field++) {
		p = strchr(p, ':');
		if (!p)
			return NULL;
		p++;
		if (field == 1) {
			*svc = p;
			*svc_len = strcspn(p, ":");
		}
	}
	return p;
}

void ev_scope_add_arn(struct ev_scope *s, const char *arn)
{
	const char *svc = NULL, *res;
	size_t svc_len = 0;
	char service[64];

	s->n_resources++;
	add_key(s, "*", arn, strlen(arn));
	res = arn_parts(arn, &svc, &svc_len);
	if (!res || svc_len >= sizeof(service))
		return;
	memcpy(service, svc, svc_len);
	service[svc_len] = '\0';
	/* the whole resource part, everything after its type, and every path segment:
	 * "loadbalancer/app/shop-alb/50dc6c" holds "shop-alb"; "log-group:/aws/lambda/f" holds
	 * "/aws/lambda/f"; "db:orders" holds "orders" */
	add_key(s, service, res, strlen(res));
	{
		size_t type = strcspn(res, ":/");

		/* the resource type itself ("db", "table") names nothing */
		if (res[type]) {
			res += type + 1;
			add_key(s, service, res, strlen(res));
		}
	}
	for (const char *seg = res; *seg;) {
		size_t n = strcspn(seg, ":/");

		add_key(s, service, seg, n);
		seg += n;
		if (*seg)
			seg++;
	}
}

void ev_scope_add_id(struct ev_scope *s, const char *id)
{
	s->n_resources++;
	add_key(s, "*", id, strlen(id));
}

/* The ARN service that names a client service's resources. */
static const char *arn_service(const char *service)
{
	static const char *const map[][2] = {
		{ "elbv2", "elasticloadbalancing" }, { "elb", "elasticloadbalancing" },
		{ "cloudwatch", "cloudwatch" },      { "stepfunctions", "states" },
		{ "efs", "elasticfilesystem" },      { "service-quotas", "servicequotas" },
	};

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(service, map[i][0]))
			return map[i][1];
	return service;
}

static bool has_key(const struct ev_scope *s, const char *service, const char *key)
{
	char *k = xasprintf("%s %s", service, key);
	bool found = strset_get(&s->keys, k) >= 0;

	free(k);
	return found;
}

bool ev_scope_has(const struct ev_scope *s, const char *service, const char *id)
{
	const char *svc = arn_service(service), *last;

	if (!s || !id || !*id)
		return false;
	if (has_key(s, "*", id) || has_key(s, svc, id))
		return true;
	/* a URL or path names its resource last: an SQS queue URL, /hostedzone/Z123 */
	last = strrchr(id, '/');
	return last && last[1] && (has_key(s, "*", last + 1) || has_key(s, svc, last + 1));
}

unsigned long ev_scope_count(const struct ev_scope *s)
{
	return s ? s->n_resources : 0;
}
