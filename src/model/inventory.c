#include "model/inventory.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

struct inventory *inventory_new(void)
{
	struct inventory *inv = xcalloc(1, sizeof(*inv));
	inv->availability = -1;
	return inv;
}

void inventory_free(struct inventory *inv)
{
	if (!inv)
		return;
	free(inv->workload_name);
	free(inv->criticality);
	free(inv->rto);
	free(inv->rpo);
	for (size_t i = 0; i < inv->n_components; i++)
		component_clear(&inv->components[i]);
	free(inv->components);
	for (size_t i = 0; i < inv->n_external_apis; i++)
		external_api_clear(&inv->external_apis[i]);
	free(inv->external_apis);
	free(inv);
}

/* Lowercase, with runs of spaces, hyphens and underscores as one '-', trimmed. */
static void normalize(const char *s, char *out, size_t len)
{
	size_t j = 0;
	bool sep = false;

	for (; *s && j + 1 < len; s++) {
		if (*s == ' ' || *s == '-' || *s == '_' || *s == '\t') {
			sep = j > 0;
			continue;
		}
		if (sep && j + 2 < len)
			out[j++] = '-';
		sep = false;
		out[j++] = (char)tolower((unsigned char)*s);
	}
	out[j] = '\0';
}

static bool starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

int inventory_redundancy(const char *text, const struct avail_service *svc)
{
	static const struct {
		const char *name;
		enum redundancy r;
	} exact[] = {
		{ "none", REDUNDANCY_NONE },
		{ "no", REDUNDANCY_NONE },
		{ "single", REDUNDANCY_NONE },
		{ "single-az", REDUNDANCY_NONE },
		{ "single-instance", REDUNDANCY_NONE },
		{ "n+1", REDUNDANCY_N_PLUS_1 },
		{ "n-plus-1", REDUNDANCY_N_PLUS_1 },
		{ "managed", REDUNDANCY_MANAGED },
		{ "regional", REDUNDANCY_MANAGED },
		{ "serverless", REDUNDANCY_MANAGED },
	};
	char n[128];

	if (!text)
		return -1;
	normalize(text, n, sizeof(n));
	for (size_t i = 0; i < sizeof(exact) / sizeof(exact[0]); i++)
		if (strcmp(n, exact[i].name) == 0)
			return (int)exact[i].r;
	if (strstr(n, "active-active"))
		return REDUNDANCY_ACTIVE_ACTIVE;
	/* "Multi-AZ" is the service's own mode for a database (RDS Multi-AZ: a standby AWS
	 * runs) and copies across AZs for anything else (an Auto Scaling group); what follows
	 * it ("with automatic failover", "with read replicas") is how that mode works. */
	if (starts(n, "multi-az") || starts(n, "multiaz") || starts(n, "multi-region"))
		return svc && svc->standby ? REDUNDANCY_MANAGED : REDUNDANCY_ACTIVE_ACTIVE;
	if (strstr(n, "active-passive") || strstr(n, "standby") || strstr(n, "failover"))
		return REDUNDANCY_ACTIVE_PASSIVE;
	return -1;
}

static void note(char ***notes, size_t *n, const char *fmt, ...) ATTR_FORMAT(3, 4);

static void note(char ***notes, size_t *n, const char *fmt, ...)
{
	va_list ap;
	char buf[512];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	*notes = xrealloc(*notes, (*n + 2) * sizeof(**notes));
	(*notes)[(*n)++] = xstrdup(buf);
	(*notes)[*n] = NULL;
}

/* Takes the inventory's text value into *have when that is unset or overwrite is given. */
static void take_str(char **have, char **from, bool overwrite, const char *key, char ***notes,
                     size_t *n)
{
	if (!*from)
		return;
	if (*have && strcmp(*have, *from) != 0 && !overwrite) {
		note(notes, n, "kept the review's %s '%s' (the inventory says '%s')", key, *have,
		     *from);
		return;
	}
	free(*have);
	*have = *from;
	*from = NULL;
}

void inventory_apply(struct inventory *inv, struct review *rv, bool overwrite, char ***notes,
                     size_t *n_notes)
{
	struct workload *wl = &rv->wl;

	*notes = NULL;
	*n_notes = 0;
	take_str(&wl->name, &inv->workload_name, overwrite, "name", notes, n_notes);
	take_str(&wl->criticality, &inv->criticality, overwrite, "business_criticality", notes,
	         n_notes);
	take_str(&wl->rto, &inv->rto, overwrite, "rto", notes, n_notes);
	take_str(&wl->rpo, &inv->rpo, overwrite, "rpo", notes, n_notes);
	if (inv->availability >= 0) {
		if (wl->availability >= 0 && wl->availability != inv->availability && !overwrite)
			note(notes, n_notes,
			     "kept the review's availability_target %g (the inventory says %g)",
			     wl->availability, inv->availability);
		else
			wl->availability = inv->availability;
	}
	for (size_t i = 0; i < wl->n_components; i++)
		component_clear(&wl->components[i]);
	free(wl->components);
	wl->components = inv->components;
	wl->n_components = inv->n_components;
	inv->components = NULL;
	inv->n_components = 0;
	for (size_t i = 0; i < wl->n_external_apis; i++)
		external_api_clear(&wl->external_apis[i]);
	free(wl->external_apis);
	wl->external_apis = inv->external_apis;
	wl->n_external_apis = inv->n_external_apis;
	inv->external_apis = NULL;
	inv->n_external_apis = 0;
}
