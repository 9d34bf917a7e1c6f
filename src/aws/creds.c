/* The default credential chain: its order, the cache of the credentials it found, their
 * refresh before expiry, and the one-line account of every source when none has any. */
#include "aws/creds.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aws/creds_int.h"
#include "util/clock.h"
#include "util/secret.h"
#include "util/xalloc.h"

/* After a failed refresh of credentials that still work, wait this long before the next. */
#define RETRY_AFTER_FAILURE 30
/* A chain that found nothing gives the same answer for this long without asking again. */
#define REMEMBER_FAILURE 10

struct source {
	const char *label;
	creds_source_fn fetch;
	bool for_source_profile; /* also tried for an assume-role source_profile */
};

/* botocore's order (credentials.py create_credential_resolver): environment, assume-role
 * profile, web identity, SSO, credentials file, credential_process, config file keys,
 * container, instance metadata. */
static const struct source sources[] = {
	{ "environment", creds_env, false },
	{ "assume role", creds_assume, false },
	{ "web identity", creds_webid, true },
	{ "SSO", creds_sso, true },
	{ "shared credentials file", creds_file_shared, true },
	{ "credential_process", creds_process, true },
	{ "config file", creds_file_config, true },
	{ "container credentials", creds_container, false },
	{ "IMDS", creds_imds, false },
};
#define N_SOURCES (sizeof(sources) / sizeof(sources[0]))

const char *creds_getenv(const char *name)
{
	const char *v = getenv(name);

	return v && *v ? v : NULL;
}

int creds_none(struct creds_run *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->why, sizeof(r->why), fmt, ap);
	va_end(ap);
	return 0;
}

void creds_run_init(struct creds_run *r, struct aws_creds_chain *ch, const char *profile)
{
	memset(r, 0, sizeof(*r));
	r->ch = ch;
	r->profile = profile;
	r->use_env = !ch->profile_cli;
	config_profile(&ch->cfg, profile, &r->prof);
	r->visited[r->n_visited++] = profile;
}

void creds_clear(struct aws_creds *c)
{
	if (c->secret_key) {
		explicit_bzero(c->secret_key, strlen(c->secret_key));
		free(c->secret_key);
	}
	if (c->token) {
		explicit_bzero(c->token, strlen(c->token));
		free(c->token);
	}
	free(c->access_key);
	memset(c, 0, sizeof(*c));
}

void creds_copy(struct aws_creds *dst, const struct aws_creds *src)
{
	*dst = *src;
	dst->access_key = xstrdup(src->access_key);
	dst->secret_key = xstrdup(src->secret_key);
	dst->token = src->token ? xstrdup(src->token) : NULL;
}

void creds_chain_set_process_timeout(struct aws_creds_chain *ch, long ms)
{
	ch->process_timeout_ms = ms;
}

static int digits(const char *s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int creds_parse_time(const char *s, time_t *out)
{
	struct tm tm;
	int y, mo, d, h, mi, sec, oh, om, sign;
	const char *p;
	time_t t;

	memset(&tm, 0, sizeof(tm));
	if (strlen(s) < 19 || digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &mo) ||
	    s[7] != '-' || digits(s + 8, 2, &d) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
	    digits(s + 11, 2, &h) || s[13] != ':' || digits(s + 14, 2, &mi) || s[16] != ':' ||
	    digits(s + 17, 2, &sec))
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
		return -1;
	p = s + 19;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return -1;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	t = timegm(&tm);
	if (!strcmp(p, "Z") || !strcmp(p, "z") || !strcmp(p, "UTC") || !*p) {
		*out = t;
		return 0;
	}
	if ((p[0] != '+' && p[0] != '-') || digits(p + 1, 2, &oh))
		return -1;
	sign = p[0] == '-' ? -1 : 1;
	p += 3;
	if (*p == ':')
		p++;
	if (digits(p, 2, &om) || p[2] || oh > 23 || om > 59)
		return -1;
	*out = t - sign * (time_t)(oh * 3600 + om * 60);
	return 0;
}

static const char *member_string(const cJSON *obj, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);

	return cJSON_IsString(v) && v->valuestring[0] ? v->valuestring : NULL;
}

int creds_from_json(const cJSON *obj, const char *const names[4], bool exp_ms, const char *what,
                    struct aws_creds *out, struct wa_err *err)
{
	const char *ak, *sk, *tok;
	const cJSON *exp;
	time_t when = 0;

	memset(out, 0, sizeof(*out));
	if (!cJSON_IsObject(obj))
		return err_set(err, NULL, 0, 0, "%s: the response is not a JSON object", what);
	ak = member_string(obj, names[0]);
	sk = member_string(obj, names[1]);
	tok = member_string(obj, names[2]);
	exp = cJSON_GetObjectItemCaseSensitive(obj, names[3]);
	if (!ak)
		return err_set(err, NULL, 0, 0, "%s: the response has no %s", what, names[0]);
	if (!sk)
		return err_set(err, NULL, 0, 0, "%s: the response has no %s", what, names[1]);
	if (cJSON_IsString(exp)) {
		if (creds_parse_time(exp->valuestring, &when) < 0)
			return err_set(err, NULL, 0, 0, "%s: %s \"%s\" is not an ISO 8601 time",
			               what, names[3], exp->valuestring);
	} else if (cJSON_IsNumber(exp)) {
		double v = exp->valuedouble;

		if (exp_ms)
			v /= 1000;
		if (v < 1 || v > 1e11)
			return err_set(err, NULL, 0, 0, "%s: %s is out of range", what, names[3]);
		when = (time_t)v;
	} else if (exp && !cJSON_IsNull(exp)) {
		return err_set(err, NULL, 0, 0, "%s: %s is neither a time nor a number", what,
		               names[3]);
	}
	out->access_key = xstrdup(ak);
	out->secret_key = xstrdup(sk);
	out->token = tok ? xstrdup(tok) : NULL;
	out->expires = when;
	return 0;
}

int creds_sts(struct creds_run *r, const char *action, const struct aws_creds *signer,
              const char *const *params, const char *what, struct aws_creds *out,
              struct wa_err *err)
{
	static const char *const names[4] = { "AccessKeyId", "SecretAccessKey", "SessionToken",
		                              "Expiration" };
	struct aws_creds_chain *ch = r->ch;
	cJSON *result = NULL;
	struct wa_err e2;
	int rc;

	memset(out, 0, sizeof(*out));
	if (signer) {
		secret_register(signer->secret_key);
		secret_register(signer->token);
	}
	if (!ch->sts)
		return err_set(err, NULL, 0, 0, "%s: STS %s is not available here", what, action);
	err_clear(&e2);
	if (ch->sts(ch->sts_ctx, action, signer, ch->s->region, params, &result, &e2) < 0) {
		char buf[1400];

		cJSON_Delete(result);
		if (signer) {
			creds_redact(&e2, signer->secret_key);
			creds_redact(&e2, signer->token);
		}
		return err_set(err, NULL, 0, 0, "%s: STS %s failed: %s", what, action,
		               err_isset(&e2) ? err_format(&e2, buf, sizeof(buf))
		                              : "no reason given");
	}
	if (!cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(result, "Credentials"))) {
		cJSON_Delete(result);
		return err_set(err, NULL, 0, 0, "%s: the STS %s result has no Credentials", what,
		               action);
	}
	rc = creds_from_json(cJSON_GetObjectItemCaseSensitive(result, "Credentials"), names, false,
	                     what, out, err);
	cJSON_Delete(result);
	return rc;
}

int aws_creds_from_sts(const cJSON *result, const char *what, const char *source,
                       struct aws_creds *out, struct wa_err *err)
{
	static const char *const names[4] = { "AccessKeyId", "SecretAccessKey", "SessionToken",
		                              "Expiration" };
	const cJSON *c = cJSON_GetObjectItemCaseSensitive(result, "Credentials");

	memset(out, 0, sizeof(*out));
	if (!cJSON_IsObject(c))
		return err_set(err, NULL, 0, 0, "%s: the STS AssumeRole result has no Credentials",
		               what);
	if (creds_from_json(c, names, false, what, out, err))
		return -1;
	snprintf(out->source, sizeof(out->source), "%s", source ? source : "");
	return 0;
}

void aws_creds_clear(struct aws_creds *c)
{
	creds_clear(c);
}

/* Runs one source and turns its "nothing" into "label (why)" appended to notes. */
static int try_source(const struct source *src, struct creds_run *r, struct aws_creds *out,
                      char *notes, size_t notes_len, struct wa_err *err)
{
	int rc;
	size_t n;

	r->label[0] = '\0';
	r->why[0] = '\0';
	rc = src->fetch(r, out, err);
	if (rc != 0 || !notes)
		return rc;
	n = strlen(notes);
	snprintf(notes + n, notes_len - n, "%s%s (%s)", n ? "; " : "",
	         r->label[0] ? r->label : src->label, r->why[0] ? r->why : "not set up");
	return 0;
}

int creds_source_profile(struct creds_run *parent, const char *name, struct aws_creds *out,
                         struct wa_err *err)
{
	struct creds_run r;
	char notes[900] = "";
	bool keys;

	creds_run_init(&r, parent->ch, name);
	r.use_env = false;
	r.n_visited = 0;
	for (size_t i = 0; i < parent->n_visited; i++)
		r.visited[r.n_visited++] = parent->visited[i];
	if (r.n_visited >= CREDS_MAX_VISITED)
		return err_set(err, NULL, 0, 0,
		               "source_profile chain from profile %s is longer than %d",
		               parent->visited[0], CREDS_MAX_VISITED);
	r.visited[r.n_visited++] = name;
	keys = config_get(&r.prof, "aws_access_key_id") ||
	       config_get(&r.prof, "aws_secret_access_key");
	/* A profile that has role_arn and no keys of its own assumes its role in turn. */
	if (!keys && config_get(&r.prof, "role_arn") &&
	    !config_get(&r.prof, "web_identity_token_file")) {
		int rc = creds_assume(&r, out, err);

		return rc == 1 ? 0 : -1;
	}
	for (size_t i = 0; i < N_SOURCES; i++) {
		int rc;

		if (!sources[i].for_source_profile)
			continue;
		rc = try_source(&sources[i], &r, out, notes, sizeof(notes), err);
		if (rc == 1)
			return 0;
		if (rc < 0)
			return -1;
	}
	return err_set(err, NULL, 0, 0, "source profile %s has no credentials: %s", name, notes);
}

int creds_named_source(struct creds_run *parent, const char *name, struct aws_creds *out,
                       struct wa_err *err)
{
	static const struct {
		const char *name;
		creds_source_fn fetch;
	} named[] = {
		{ "Environment", creds_env },
		{ "Ec2InstanceMetadata", creds_imds },
		{ "EcsContainer", creds_container },
	};
	struct creds_run r;

	for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
		int rc;

		if (strcmp(named[i].name, name))
			continue;
		creds_run_init(&r, parent->ch, parent->profile);
		r.use_env = true; /* the profile asked for the environment by name */
		rc = named[i].fetch(&r, out, err);
		if (rc == 1)
			return 0;
		if (rc == 0)
			err_set(err, NULL, 0, 0,
			        "credential_source %s of profile %s gave no credentials: %s", name,
			        parent->profile, r.why);
		return -1;
	}
	return err_set(err, NULL, 0, 0,
	               "credential_source \"%s\" of profile %s is not one of Environment, "
	               "Ec2InstanceMetadata, EcsContainer",
	               name, parent->profile);
}

void creds_redact(struct wa_err *err, const char *secret)
{
	size_t n;
	char *p;

	if (!err || !secret || (n = strlen(secret)) < 4)
		return;
	while ((p = strstr(err->msg, secret))) {
		memcpy(p, "****", 4);
		memmove(p + 4, p + n, strlen(p + n) + 1);
	}
}

static void redact_err(const struct aws_creds_chain *ch, const struct aws_creds *fresh,
                       struct wa_err *err)
{
	const char *env[] = { "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN",
		              "AWS_CONTAINER_AUTHORIZATION_TOKEN" };

	for (size_t i = 0; i < sizeof(env) / sizeof(env[0]); i++)
		creds_redact(err, creds_getenv(env[i]));
	creds_redact(err, ch->cur.secret_key);
	creds_redact(err, ch->cur.token);
	if (fresh) {
		creds_redact(err, fresh->secret_key);
		creds_redact(err, fresh->token);
	}
}

/* The whole chain, in order. Returns 0 with *out and *which, or -1 with err. */
static int resolve(struct aws_creds_chain *ch, struct aws_creds *out, int *which,
                   struct wa_err *err)
{
	struct creds_run r;
	char notes[1000] = "";

	creds_run_init(&r, ch, ch->profile);
	for (size_t i = 0; i < N_SOURCES; i++) {
		int rc;

		if (i == 0 && !r.use_env) {
			size_t n = strlen(notes);

			snprintf(notes + n, sizeof(notes) - n,
			         "environment (ignored: --profile given)");
			continue;
		}
		rc = try_source(&sources[i], &r, out, notes, sizeof(notes), err);
		if (rc == 1) {
			*which = (int)i;
			return 0;
		}
		if (rc < 0)
			return -1;
	}
	return err_set(err, NULL, 0, 0, "no AWS credentials: %s", notes);
}

/* The source that gave the current credentials, asked again. */
static int refresh(struct aws_creds_chain *ch, struct aws_creds *out, struct wa_err *err)
{
	struct creds_run r;
	int rc;

	creds_run_init(&r, ch, ch->profile);
	rc = sources[ch->src].fetch(&r, out, err);
	if (rc == 0)
		return err_set(err, NULL, 0, 0, "%s gave no credentials on refresh: %s",
		               sources[ch->src].label, r.why);
	return rc < 0 ? -1 : 0;
}

int aws_creds_get(struct aws_settings *s, const struct aws_creds **out, struct wa_err *err)
{
	struct aws_creds_chain *ch = s->chain;
	struct aws_creds fresh;
	time_t now = ch->now();
	int which = -1, rc;
	char when[32];

	*out = NULL;
	if (ch->have && ch->cur.expires && ch->cur.expires <= now) {
		/* Expired, refresh failing: start again from the top of the chain. */
		creds_clear(&ch->cur);
		ch->have = false;
	}
	if (ch->have && (!ch->cur.expires || ch->cur.expires - now > CREDS_REFRESH_WINDOW ||
	                 (now < ch->retry_at && ch->cur.expires > now))) {
		*out = &ch->cur;
		return 0;
	}
	if (!ch->have && ch->failed_at && now >= ch->failed_at &&
	    now - ch->failed_at < REMEMBER_FAILURE) {
		if (err)
			*err = ch->failure;
		return -1;
	}
	memset(&fresh, 0, sizeof(fresh));
	if (ch->have) {
		which = ch->src;
		rc = refresh(ch, &fresh, err);
		if (rc < 0 && ch->cur.expires - now > 60) {
			/* The old ones still work for a while: use them and try again later, as the
			 * SDKs do within their advisory refresh window. */
			ch->retry_at = now + RETRY_AFTER_FAILURE;
			err_clear(err);
			*out = &ch->cur;
			return 0;
		}
	} else {
		rc = resolve(ch, &fresh, &which, err);
	}
	if (rc == 0 && fresh.expires && fresh.expires <= now) {
		err_set(err, NULL, 0, 0, "the credentials from %s expired at %s", fresh.source,
		        clock_iso(fresh.expires, when, sizeof(when)));
		rc = -1;
	}
	if (rc < 0) {
		redact_err(ch, &fresh, err);
		creds_clear(&fresh);
		if (err && !ch->have) {
			ch->failure = *err;
			ch->failed_at = now;
		}
		return -1;
	}
	ch->failed_at = 0;
	creds_clear(&ch->cur);
	ch->cur = fresh;
	ch->have = true;
	/* From now on no message shows them, whatever echoes them back. */
	secret_register(ch->cur.secret_key);
	secret_register(ch->cur.token);
	ch->src = which;
	/* Sources that hand out the same credentials until shortly before they expire (IMDS,
	 * containers) are not asked again on every call. */
	ch->retry_at = fresh.expires && fresh.expires - now <= CREDS_REFRESH_WINDOW
	                       ? now + RETRY_AFTER_FAILURE
	                       : 0;
	*out = &ch->cur;
	return 0;
}
