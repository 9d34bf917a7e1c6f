#include "ui/form.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/avail.h"
#include "model/scope.h"
#include "model/workload.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

static const struct form_info infos[FF_COUNT] = {
	[FF_NAME] = { "Workload name", "What the team calls the workload.", NULL, true },
	[FF_DESCRIPTION] = { "Description", "What it does, for whom, and how it is built.", NULL,
	                     false },
	[FF_OWNER] = { "Owner", "Who is accountable for the workload.", NULL, false },
	[FF_ENVIRONMENT] = { "Environment",
	                     "Space, Left/Right or the first letters of a value choose it.",
	                     workload_environments, false },
	[FF_CRITICALITY] = { "Business criticality",
	                     "Space, Left/Right or the first letters of a value choose it.",
	                     workload_criticalities, false },
	[FF_AVAILABILITY] = { "Availability target", "A percentage such as 99.95.", NULL, false },
	[FF_RTO] = { "RTO", "Recovery time objective: a duration such as 4h, 1h30m or 4 hours.",
	             NULL, false },
	[FF_RPO] = { "RPO", "Recovery point objective: a duration such as 15m or 1 hour.", NULL,
	             false },
	[FF_REGIONS] = { "Regions", "AWS Regions separated by commas: eu-west-1, us-east-1.", NULL,
	                 false },
	[FF_ACCOUNTS] = { "Accounts",
	                  "12-digit AWS account IDs separated by commas; 1111-2222-3333 too.", NULL,
	                  false },
	[FF_PARTICIPANTS] = { "Participants",
	                      "Names separated by commas, each with an optional role: "
	                      "Ana Lima [facilitator], Ravi Kumar [ops].",
	                      NULL, false },
	[FF_SCOPE] = { "Scope",
	               "What of the account the review is about, as wa-review --scope takes it, "
	               "separated by commas: tag:app=checkout (tag:KEY=V1|V2), stack:NAME, "
	               "group:NAME (a Resource Group), app:NAME (an AppRegistry application); "
	               "empty or 'account': the whole account.",
	               NULL, false },
};

const struct form_info *form_info(enum form_field f)
{
	return &infos[f < FF_COUNT ? f : FF_NAME];
}

static char *join(char **v, size_t n)
{
	struct sbuf b = { 0 };

	for (size_t i = 0; i < n; i++)
		sbuf_printf(&b, "%s%s", i ? ", " : "", v[i]);
	return sbuf_take(&b);
}

static char *dup_or_empty(const char *s)
{
	return xstrdup(s ? s : "");
}

static void add_named(struct sbuf *b, const char *prefix, char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sbuf_printf(b, "%s%s%s", b->len ? ", " : "", prefix, v[i]);
}

/* The scope as the specs that make it ("tag:app=checkout, stack:shop"); "" for the whole
 * account. Newly allocated. */
static char *scope_specs(const struct wl_scope *s)
{
	struct sbuf b = { 0 };

	for (size_t i = 0; i < s->n_tags; i++) {
		sbuf_printf(&b, "%stag:%s", b.len ? ", " : "", s->tags[i].key);
		for (size_t k = 0; k < s->tags[i].n_values; k++)
			sbuf_printf(&b, "%s%s", k ? "|" : "=", s->tags[i].values[k]);
	}
	add_named(&b, "group:", s->groups, s->n_groups);
	add_named(&b, "app:", s->apps, s->n_apps);
	add_named(&b, "stack:", s->stacks, s->n_stacks);
	return sbuf_take(&b);
}

char *form_get(const struct workload *wl, enum form_field f)
{
	struct sbuf b = { 0 };

	switch (f) {
	case FF_NAME: return dup_or_empty(wl->name);
	case FF_DESCRIPTION: return dup_or_empty(wl->description);
	case FF_OWNER: return dup_or_empty(wl->owner);
	case FF_ENVIRONMENT: return dup_or_empty(wl->environment);
	case FF_CRITICALITY: return dup_or_empty(wl->criticality);
	case FF_AVAILABILITY:
		return wl->availability < 0 ? xstrdup("") : xasprintf("%g", wl->availability);
	case FF_RTO: return dup_or_empty(wl->rto);
	case FF_RPO: return dup_or_empty(wl->rpo);
	case FF_REGIONS: return join(wl->regions, wl->n_regions);
	case FF_ACCOUNTS: return join(wl->accounts, wl->n_accounts);
	case FF_PARTICIPANTS:
		for (size_t i = 0; i < wl->n_participants; i++) {
			const struct participant *p = &wl->participants[i];
			sbuf_printf(&b, "%s%s", i ? ", " : "", p->name);
			if (p->role)
				sbuf_printf(&b, " [%s]", p->role);
		}
		return sbuf_take(&b);
	case FF_SCOPE: return scope_specs(&wl->scope);
	case FF_COUNT: break;
	}
	return xstrdup("");
}

/* A copy of s without leading and trailing spaces. */
static char *trimmed(const char *s, size_t n)
{
	while (n && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return xstrndup(s, n);
}

/* Splits a list at commas (and, for IDs, spaces) into trimmed, non-empty items. Returns
 * the count; *out is a newly allocated array of newly allocated strings. */
static size_t split(const char *text, const char *seps, char ***out)
{
	size_t n = 0;
	const char *p = text;

	*out = NULL;
	while (*p) {
		size_t len = strcspn(p, seps);
		char *item = trimmed(p, len);
		if (*item) {
			*out = xrealloc(*out, (n + 1) * sizeof(**out));
			(*out)[n++] = item;
		} else {
			free(item);
		}
		p += len;
		if (*p)
			p++;
	}
	return n;
}

static void free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* "99.95" or "99.95 %" -> 99.95; -1 when it is not a number (range not checked). */
static int parse_percent(const char *s, double *out)
{
	char *end;
	double v;

	while (isspace((unsigned char)*s))
		s++;
	if (!*s)
		return -1;
	v = strtod(s, &end);
	if (end == s)
		return -1;
	while (isspace((unsigned char)*end))
		end++;
	if (*end == '%')
		end++;
	while (isspace((unsigned char)*end))
		end++;
	if (*end)
		return -1;
	*out = v;
	return 0;
}

/* "4h 22m" for the downtime a year that an availability target allows. */
static void downtime(double pct, char *buf, size_t len)
{
	double secs = (100.0 - pct) / 100.0 * 365.25 * 86400.0;

	if (secs >= 86400)
		snprintf(buf, len, "%.0fd %.0fh", floor(secs / 86400), fmod(secs, 86400) / 3600);
	else if (secs >= 3600)
		snprintf(buf, len, "%.0fh %.0fm", floor(secs / 3600), floor(fmod(secs, 3600) / 60));
	else if (secs >= 60)
		snprintf(buf, len, "%.0fm %.0fs", floor(secs / 60), fmod(secs, 60));
	else
		snprintf(buf, len, "%.1fs", secs);
}

/* Checks each item of a list; names the first bad one. */
static bool check_list(const char *text, const char *seps, bool (*valid)(const char *),
                       const char *what, char *msg, size_t len)
{
	char **v;
	size_t n = split(text, seps, &v);
	bool ok = true;

	for (size_t i = 0; i < n && ok; i++)
		if (!valid(v[i])) {
			snprintf(msg, len, "'%s' is not %s", v[i], what);
			ok = false;
		}
	free_list(v, n);
	return ok;
}

static bool check_choice(enum form_field f, const char *t, char *msg, size_t len)
{
	const char *const *c = infos[f].choices;
	size_t used;

	for (; *c; c++)
		if (strcmp(*c, t) == 0)
			return true;
	used = (size_t)snprintf(msg, len, "'%s' is not one of: ", t);
	for (c = infos[f].choices; *c && used < len; c++)
		used += (size_t)snprintf(msg + used, len - used, "%s%s", *c, c[1] ? ", " : "");
	return false;
}

static bool check_participants(const char *text, char *msg, size_t len)
{
	char **v, *name, *role;
	size_t n = split(text, ",", &v);
	bool ok = true;

	for (size_t i = 0; i < n && ok; i++) {
		ok = workload_parse_participant(v[i], &name, &role, msg, len) == 0;
		free(name);
		free(role);
	}
	free_list(v, n);
	return ok;
}

static bool valid_account(const char *s)
{
	char id[13];

	return workload_parse_account(s, id) == 0;
}

/* Parses text (specs separated by commas) into out, as --scope would; returns 0, or -1 with
 * the parser's message in msg. out is set either way (scope_clear() it). */
static int parse_scope(const char *text, struct wl_scope *out, char *msg, size_t len)
{
	char **v;
	size_t n = split(text, ",", &v);
	struct wa_err err;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	err_clear(&err);
	for (size_t i = 0; i < n && !rc; i++)
		if (scope_add_spec(out, v[i], &err)) {
			snprintf(msg, len, "%s", err.msg);
			rc = -1;
		}
	free_list(v, n);
	return rc;
}

bool form_check(enum form_field f, const char *text, char *msg, size_t len)
{
	char *t = trimmed(text, strlen(text));
	bool ok = true;
	double pct;
	long secs;

	msg[0] = '\0';
	if (!*t) {
		if (f == FF_SCOPE)
			snprintf(msg, len, "the whole account");
		if (infos[f].required) {
			snprintf(msg, len, "%s is required", infos[f].label);
			ok = false;
		}
		free(t);
		return ok;
	}
	switch (f) {
	case FF_ENVIRONMENT:
	case FF_CRITICALITY: ok = check_choice(f, t, msg, len); break;
	case FF_AVAILABILITY:
		if (parse_percent(t, &pct) || !workload_valid_availability(pct)) {
			snprintf(msg, len,
			         "'%s' is not a percentage between 0 and 100, such as 99.95", t);
			ok = false;
		} else {
			char d[32];
			downtime(pct, d, sizeof(d));
			snprintf(msg, len, "allows %s of downtime a year", d);
		}
		break;
	case FF_RTO:
	case FF_RPO:
		if (workload_parse_duration(t, &secs)) {
			snprintf(msg, len,
			         "'%s' is not a duration: such as 15m, 4h, 1h30m or 4 hours", t);
			ok = false;
		}
		break;
	case FF_REGIONS:
		ok = check_list(t, ", ", workload_valid_region,
		                "an AWS Region name such as eu-west-1", msg, len);
		break;
	case FF_ACCOUNTS:
		ok = check_list(t, ", ", valid_account,
		                "a 12-digit AWS account ID (such as 1111-2222-3333)", msg, len);
		break;
	case FF_PARTICIPANTS: ok = check_participants(t, msg, len); break;
	case FF_SCOPE: {
		struct wl_scope sc;
		char *words;
		ok = parse_scope(t, &sc, msg, len) == 0;
		if (ok && (words = scope_describe(&sc))) {
			snprintf(msg, len, "evidence judges only %s", words);
			free(words);
		} else if (ok) {
			snprintf(msg, len, "the whole account");
		}
		scope_clear(&sc);
		break;
	}
	default: break;
	}
	free(t);
	return ok;
}

static void set_str(char **dst, const char *s)
{
	free(*dst);
	*dst = *s ? xstrdup(s) : NULL;
}

int form_set(struct workload *wl, enum form_field f, const char *text)
{
	char msg[256], *t, **v;
	size_t n;
	double pct;

	if (!form_check(f, text, msg, sizeof(msg)))
		return -1;
	t = trimmed(text, strlen(text));
	switch (f) {
	case FF_NAME: set_str(&wl->name, t); break;
	case FF_DESCRIPTION: set_str(&wl->description, t); break;
	case FF_OWNER: set_str(&wl->owner, t); break;
	case FF_ENVIRONMENT: set_str(&wl->environment, t); break;
	case FF_CRITICALITY: set_str(&wl->criticality, t); break;
	case FF_AVAILABILITY:
		wl->availability = *t && parse_percent(t, &pct) == 0 ? pct : -1;
		break;
	case FF_RTO:
	case FF_RPO: {
		/* Kept in one compact form: "4 hours" is saved and shown as 4h. */
		char buf[64] = "";
		long secs;
		if (*t && workload_parse_duration(t, &secs) == 0)
			avail_format_duration_compact(secs, buf, sizeof(buf));
		set_str(f == FF_RTO ? &wl->rto : &wl->rpo, buf);
		break;
	}
	case FF_REGIONS:
		n = split(t, ", ", &v);
		free_list(wl->regions, wl->n_regions);
		wl->regions = v;
		wl->n_regions = n;
		break;
	case FF_ACCOUNTS:
		n = split(t, ", ", &v);
		for (size_t i = 0; i < n; i++) {
			char id[13];
			if (workload_parse_account(v[i], id) == 0)
				strcpy(v[i], id); /* the digits alone: never longer */
		}
		free_list(wl->accounts, wl->n_accounts);
		wl->accounts = v;
		wl->n_accounts = n;
		break;
	case FF_PARTICIPANTS:
		n = split(t, ",", &v);
		for (size_t i = 0; i < wl->n_participants; i++) {
			free(wl->participants[i].name);
			free(wl->participants[i].role);
		}
		free(wl->participants);
		wl->participants = n ? xcalloc(n, sizeof(*wl->participants)) : NULL;
		wl->n_participants = n;
		for (size_t i = 0; i < n; i++) {
			struct participant *p = &wl->participants[i];
			workload_parse_participant(v[i], &p->name, &p->role, msg, sizeof(msg));
		}
		free_list(v, n);
		break;
	case FF_SCOPE: {
		struct wl_scope sc;
		parse_scope(t, &sc, msg, sizeof(msg)); /* checked above */
		scope_clear(&wl->scope);
		wl->scope = sc;
		break;
	}
	case FF_COUNT: break;
	}
	free(t);
	return 0;
}

const char *form_cycle(enum form_field f, const char *cur, int dir)
{
	const char *const *c = infos[f < FF_COUNT ? f : FF_NAME].choices;
	size_t n = 0, at = (size_t)-1;

	if (!c)
		return NULL;
	for (; c[n]; n++)
		if (cur && strcmp(c[n], cur) == 0)
			at = n;
	if (at == (size_t)-1)
		return c[dir >= 0 ? 0 : n - 1];
	return c[(at + n + (dir >= 0 ? 1 : n - 1)) % n];
}

const char *form_choose(enum form_field f, const char *prefix)
{
	const char *const *c = infos[f < FF_COUNT ? f : FF_NAME].choices;

	for (; c && *c; c++)
		if (strncasecmp(*c, prefix, strlen(prefix)) == 0)
			return *c;
	return NULL;
}
