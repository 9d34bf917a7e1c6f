#include "ui/compedit.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/avail.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

/* A copy of the n bytes at s without surrounding white space. */
static char *trim(const char *s, size_t n)
{
	while (n && isspace((unsigned char)*s))
		s++, n--;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return xstrndup(s, n);
}

static bool starts(const char *s, const char *word)
{
	return strncasecmp(s, word, strlen(word)) == 0;
}

/* "2 AZ", "3 AZs", "2az": the copies. */
static bool parse_azs(const char *f, int *out)
{
	char *end;
	long n = strtol(f, &end, 10);

	if (end == f || !isdigit((unsigned char)*f))
		return false;
	while (*end == ' ')
		end++;
	if (strcasecmp(end, "az") != 0 && strcasecmp(end, "azs") != 0)
		return false;
	*out = n >= 1 && n <= AVAIL_MAX_AZS ? (int)n : -1;
	return true;
}

/* "99.95%": the availability as deployed. */
static bool parse_percent(const char *f, double *out)
{
	char *end;
	double v = strtod(f, &end);

	if (end == f || strcmp(end, "%") != 0)
		return false;
	*out = isfinite(v) && v > 0 && v <= 100 ? v : -1;
	return true;
}

static void add_needs(struct component *c, const char *list)
{
	const char *p = list;

	while (*p) {
		size_t n = strcspn(p, "+");
		char *name = trim(p, n);
		if (*name) {
			c->depends_on = xrealloc(c->depends_on,
			                         (c->n_depends_on + 1) * sizeof(*c->depends_on));
			c->depends_on[c->n_depends_on++] = name;
		} else {
			free(name);
		}
		p += n;
		if (*p)
			p++;
	}
}

/* One comma-separated part after the name. Returns 0, or -1 with msg. */
static int field(struct component *c, const char *f, char *msg, size_t len)
{
	int r;

	if (parse_azs(f, &c->availability_zones)) {
		if (c->availability_zones < 0)
			goto range;
	} else if ((r = avail_redundancy_parse(f)) >= 0) {
		c->redundancy = (enum redundancy)r;
	} else if (parse_percent(f, &c->availability)) {
		if (c->availability < 0)
			goto range;
	} else if (strcasecmp(f, "not critical") == 0) {
		c->not_critical = true;
	} else if (strcasecmp(f, "critical") == 0) {
		c->not_critical = false;
	} else if (starts(f, "tier ")) {
		free(c->tier);
		c->tier = trim(f + 5, strlen(f + 5));
	} else if (starts(f, "needs ")) {
		add_needs(c, f + 6);
	} else if (starts(f, "depends on ")) {
		add_needs(c, f + 11);
	} else if (!c->service) {
		c->service = xstrdup(f);
	} else {
		snprintf(msg, len,
		         "'%s': not understood (after the service: N AZ, a redundancy, 99.9%%, not "
		         "critical, tier T, needs A + B)",
		         f);
		return -1;
	}
	return 0;
range:
	snprintf(msg, len,
	         "'%s': out of range (1 to %d AZ copies; an availability above 0 and "
	         "at most 100%%)",
	         f, AVAIL_MAX_AZS);
	return -1;
}

int compedit_parse(const char *line, struct component *c, char *msg, size_t len)
{
	const char *colon = strchr(line, ':'), *p;

	component_clear(c);
	c->name = trim(line, colon ? (size_t)(colon - line) : strlen(line));
	if (!*c->name) {
		snprintf(msg, len,
		         "give a name first, then ':' and the rest, such as "
		         "'Web tier: ALB + EC2 Auto Scaling, 3 AZ, active-active'");
		component_clear(c);
		return -1;
	}
	for (p = colon ? colon + 1 : ""; *p;) {
		size_t n = strcspn(p, ",");
		char *f = trim(p, n);
		int rc = *f ? field(c, f, msg, len) : 0;
		free(f);
		if (rc) {
			component_clear(c);
			return -1;
		}
		p += n;
		if (*p)
			p++;
	}
	return 0;
}

char *compedit_format(const struct component *c)
{
	struct sbuf b = { 0 };
	const char *sep = ": ";

	sbuf_printf(&b, "%s", c->name ? c->name : "");
	if (c->service)
		sbuf_printf(&b, "%s%s", sep, c->service), sep = ", ";
	if (c->availability_zones)
		sbuf_printf(&b, "%s%d AZ", sep, c->availability_zones), sep = ", ";
	if (c->redundancy != REDUNDANCY_DEFAULT)
		sbuf_printf(&b, "%s%s", sep, avail_redundancy_name(c->redundancy)), sep = ", ";
	if (c->availability >= 0)
		sbuf_printf(&b, "%s%.10g%%", sep, c->availability), sep = ", ";
	if (c->not_critical)
		sbuf_printf(&b, "%snot critical", sep), sep = ", ";
	if (c->tier)
		sbuf_printf(&b, "%stier %s", sep, c->tier), sep = ", ";
	if (c->n_depends_on)
		sbuf_printf(&b, "%sneeds ", sep);
	for (size_t i = 0; i < c->n_depends_on; i++)
		sbuf_printf(&b, "%s%s", i ? " + " : "", c->depends_on[i]);
	return sbuf_take(&b);
}

/* Names unique over components and external APIs, needs naming one of them (not itself). */
static int check_names(const struct workload *wl, char *msg, size_t len)
{
	for (size_t i = 0; i < wl->n_components; i++) {
		const struct component *c = &wl->components[i];
		for (size_t j = 0; j < i; j++)
			if (strcmp(wl->components[j].name, c->name) == 0)
				goto dup;
		for (size_t j = 0; j < wl->n_external_apis; j++)
			if (strcmp(wl->external_apis[j].name, c->name) == 0)
				goto dup;
		for (size_t k = 0; k < c->n_depends_on; k++) {
			bool found = false;
			for (size_t j = 0; j < wl->n_components && !found; j++)
				found = j != i &&
				        strcmp(wl->components[j].name, c->depends_on[k]) == 0;
			for (size_t j = 0; j < wl->n_external_apis && !found; j++)
				found = strcmp(wl->external_apis[j].name, c->depends_on[k]) == 0;
			if (!found) {
				snprintf(msg, len,
				         "%s needs '%s', which is no other component or external "
				         "API",
				         c->name, c->depends_on[k]);
				return -1;
			}
		}
		continue;
	dup:
		snprintf(msg, len, "there is already a component or external API called '%s'",
		         c->name);
		return -1;
	}
	return 0;
}

int compedit_set(struct review *rv, size_t i, struct component *c, char *msg, size_t len)
{
	struct workload *wl = &rv->wl;
	struct component old;
	struct wa_err err;
	bool append = i >= wl->n_components;

	err_clear(&err);
	if (avail_component_check(c, &err)) {
		snprintf(msg, len, "%s: %s", c->name, err.msg);
		component_clear(c);
		return -1;
	}
	if (append) {
		wl->components =
		        xrealloc(wl->components, (wl->n_components + 1) * sizeof(*wl->components));
		i = wl->n_components++;
		memset(&old, 0, sizeof(old));
	} else {
		old = wl->components[i];
	}
	wl->components[i] = *c;
	if (check_names(wl, msg, len)) {
		/* Put back what was there. */
		component_clear(&wl->components[i]);
		if (append)
			wl->n_components--;
		else
			wl->components[i] = old;
		memset(c, 0, sizeof(*c));
		return -1;
	}
	if (!append)
		component_clear(&old);
	memset(c, 0, sizeof(*c));
	return 0;
}

int compedit_remove(struct review *rv, size_t i, char *msg, size_t len)
{
	struct workload *wl = &rv->wl;
	const char *name;

	if (i >= wl->n_components)
		return -1;
	name = wl->components[i].name;
	for (size_t j = 0; j < wl->n_components; j++)
		for (size_t k = 0; j != i && k < wl->components[j].n_depends_on; k++)
			if (strcmp(wl->components[j].depends_on[k], name) == 0) {
				snprintf(msg, len, "%s needs %s: change that first",
				         wl->components[j].name, name);
				return -1;
			}
	component_clear(&wl->components[i]);
	memmove(&wl->components[i], &wl->components[i + 1],
	        (wl->n_components - i - 1) * sizeof(*wl->components));
	if (!--wl->n_components) {
		free(wl->components);
		wl->components = NULL;
	}
	return 0;
}
