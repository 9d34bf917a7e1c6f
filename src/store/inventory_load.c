#include "store/inventory_load.h"

#include <ctype.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/avail.h"
#include "model/workload.h"
#include "store/avail_io.h"
#include "util/fsio.h"
#include "store/ydoc.h"
#include "util/xalloc.h"

/* One load in progress. */
struct iload {
	struct ydoc d;
	struct inventory *inv;
	struct wa_err *err;
	yaml_node_t **comp_names, **comp_deps, **api_names; /* for the checks across lists */
};

static const char *sval(const yaml_node_t *n)
{
	return (const char *)n->data.scalar.value;
}

static bool is_blank(const yaml_node_t *n)
{
	const char *s;

	if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	s = sval(n);
	return !*s || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") ||
	       !strcmp(s, "NULL");
}

/* A percentage written as 99.9, "99.9%" or 0.999: *pct in percent. */
static int read_percent(struct iload *l, yaml_node_t *n, const char *what, double *pct)
{
	struct wa_err why;
	char *text = NULL;
	double a;

	if (ydoc_str(&l->d, n, what, &text, l->err))
		return -1;
	err_clear(&why);
	if (avail_eval(text, &a, &why) || a <= 0) {
		ydoc_fail(&l->d, n, l->err,
		          "%s: expected a percentage such as 99.9%% or 99.95, "
		          "found '%s'",
		          what, text);
		free(text);
		return -1;
	}
	free(text);
	*pct = a * 100;
	return 0;
}

/* "1 hour", "15 minutes", "4h" into the review file's form ("1h", "15m"). */
static int read_duration(struct iload *l, yaml_node_t *n, const char *what, char **out)
{
	char *text = NULL, buf[32];
	double secs;

	if (ydoc_str_opt(&l->d, n, what, &text, l->err))
		return -1;
	if (!text)
		return 0;
	if (avail_parse_duration(text, &secs)) {
		ydoc_fail(&l->d, n, l->err,
		          "%s: expected a duration such as \"1 hour\", \"15 minutes\" or 4h, found "
		          "'%s'",
		          what, text);
		free(text);
		return -1;
	}
	free(text);
	*out = xstrdup(avail_format_duration_unit(lround(secs), buf, sizeof(buf)));
	return 0;
}

static int read_azs(struct iload *l, yaml_node_t *n, const char *what, int *out)
{
	long v;

	if (n->type == YAML_SEQUENCE_NODE) {
		char **names = NULL;
		size_t count = 0;
		int rc = 0;

		/* The guide lists AZ names ("us-east-1a"); what matters here is how many. */
		if (ydoc_strlist(&l->d, n, what, &names, &count, l->err))
			return -1;
		for (size_t i = 0; i < count && !rc; i++)
			for (size_t j = 0; j < i && !rc; j++)
				if (strcmp(names[i], names[j]) == 0)
					rc = ydoc_fail(&l->d, ydoc_seq_item(&l->d, n, i), l->err,
					               "%s: %s is listed twice", what, names[i]);
		if (!rc && (count < 1 || count > AVAIL_MAX_AZS))
			rc = ydoc_fail(&l->d, n, l->err, "%s: expected 1 to %d AZs, found %zu",
			               what, AVAIL_MAX_AZS, count);
		for (size_t i = 0; i < count; i++)
			free(names[i]);
		free(names);
		*out = (int)count;
		return rc;
	}
	if (ydoc_long(&l->d, n, what, &v, l->err))
		return -1;
	if (v < 1 || v > AVAIL_MAX_AZS)
		return ydoc_fail(&l->d, n, l->err, "%s: expected 1 to %d AZs, found %ld", what,
		                 AVAIL_MAX_AZS, v);
	*out = (int)v;
	return 0;
}

/* "web_tier" -> "web": the guide keys components by tier. */
static char *tier_from_name(const char *name)
{
	static const char *const suffixes[] = { "_tier", "-tier", " tier", "_Tier", " Tier" };
	size_t n = strlen(name);

	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		size_t s = strlen(suffixes[i]);
		if (n > s && strcmp(name + n - s, suffixes[i]) == 0)
			return xstrndup(name, n - s);
	}
	return xstrdup(name);
}

static int read_component(struct iload *l, yaml_node_t *name_node, yaml_node_t *n, bool listed,
                          size_t idx, struct component *c)
{
	enum { NAME, SERVICE, AZS, RED, SPOF, TIER, AVAIL, DEPS, CRIT, N };
	struct yfield f[N] = {
		[NAME] = { "name", listed, NULL, NULL },
		[SERVICE] = { "service", false, NULL, NULL },
		[AZS] = { "availability_zones", false, NULL, NULL },
		[RED] = { "redundancy", false, NULL, NULL },
		[SPOF] = { "single_points_of_failure", false, NULL, NULL },
		[TIER] = { "tier", false, NULL, NULL },
		[AVAIL] = { "availability", false, NULL, NULL },
		[DEPS] = { "depends_on", false, NULL, NULL },
		[CRIT] = { "critical", false, NULL, NULL },
	};
	char what[160], *red = NULL;
	struct wa_err why;
	bool critical = true;

	if (listed)
		snprintf(what, sizeof(what), "components item %zu", idx + 1);
	else
		snprintf(what, sizeof(what), "components.%s", sval(name_node));
	/* Listed components need "name"; keyed ones take it from the key. */
	if (ydoc_map(&l->d, n, f, N, what, l->err))
		return -1;
	if (!listed && f[NAME].val)
		return ydoc_fail(&l->d, f[NAME].key_node, l->err,
		                 "%s: the key names this component already; 'name' is for "
		                 "components given as a list",
		                 what);
	if (listed) {
		name_node = f[NAME].val;
		if (ydoc_str(&l->d, name_node, "component name", &c->name, l->err))
			return -1;
	} else {
		c->name = xstrdup(sval(name_node));
		if (!*c->name)
			return ydoc_fail(&l->d, name_node, l->err,
			                 "components: empty component name");
	}
	l->comp_names[idx] = name_node;
	l->comp_deps[idx] = f[DEPS].val && !is_blank(f[DEPS].val) ? f[DEPS].val : NULL;
	snprintf(what, sizeof(what), "component '%s'", c->name);
	if ((f[SERVICE].val &&
	     ydoc_str_opt(&l->d, f[SERVICE].val, "service", &c->service, l->err)) ||
	    (f[TIER].val && ydoc_str_opt(&l->d, f[TIER].val, "tier", &c->tier, l->err)) ||
	    (f[AZS].val && !is_blank(f[AZS].val) &&
	     read_azs(l, f[AZS].val, "availability_zones", &c->availability_zones)) ||
	    (f[AVAIL].val && !is_blank(f[AVAIL].val) &&
	     read_percent(l, f[AVAIL].val, "availability", &c->availability)) ||
	    (f[CRIT].val && ydoc_bool(&l->d, f[CRIT].val, "critical", &critical, l->err)))
		return -1;
	if (c->availability > 100)
		return ydoc_fail(&l->d, f[AVAIL].val, l->err,
		                 "availability: expected at most 100%%");
	c->not_critical = !critical;
	if (!c->tier)
		c->tier = tier_from_name(c->name);
	if (f[RED].val && ydoc_str_opt(&l->d, f[RED].val, "redundancy", &red, l->err))
		return -1;
	if (red) {
		const struct avail_service *svc =
		        c->service ? avail_service_find(c->service, strlen(c->service)) : NULL;
		int r = inventory_redundancy(red, svc);

		if (r < 0) {
			ydoc_fail(&l->d, f[RED].val, l->err,
			          "%s: redundancy '%s' is not one this tool can place; use none "
			          "(single AZ), active-active, active-passive (standby), n+1, "
			          "multi-AZ or managed",
			          what, red);
			free(red);
			return -1;
		}
		c->redundancy = (enum redundancy)r;
		free(red);
	}
	if ((f[SPOF].val && !is_blank(f[SPOF].val) &&
	     ydoc_strlist(&l->d, f[SPOF].val, "single_points_of_failure", &c->spof_notes,
	                  &c->n_spof_notes, l->err)) ||
	    (l->comp_deps[idx] && ydoc_strlist(&l->d, f[DEPS].val, "depends_on", &c->depends_on,
	                                       &c->n_depends_on, l->err)))
		return -1;
	err_clear(&why);
	if (avail_component_check(c, &why))
		return ydoc_fail(&l->d, f[SERVICE].val ? f[SERVICE].val : n, l->err, "%s", why.msg);
	return 0;
}

static int read_components(struct iload *l, yaml_node_t *n)
{
	struct inventory *inv = l->inv;
	bool listed = n->type == YAML_SEQUENCE_NODE;
	size_t count;

	if (is_blank(n))
		return 0;
	if (!listed && ydoc_map_any(&l->d, n, "components", l->err))
		return -1;
	count = listed ? (size_t)(n->data.sequence.items.top - n->data.sequence.items.start)
	               : (size_t)(n->data.mapping.pairs.top - n->data.mapping.pairs.start);
	inv->components = xcalloc(count + 1, sizeof(*inv->components));
	l->comp_names = xcalloc(count + 1, sizeof(*l->comp_names));
	l->comp_deps = xcalloc(count + 1, sizeof(*l->comp_deps));
	for (size_t i = 0; i < count; i++) {
		struct component *c = &inv->components[i];
		yaml_node_t *key = NULL, *val;

		c->availability = -1;
		inv->n_components++;
		if (listed) {
			val = ydoc_seq_item(&l->d, n, i);
		} else {
			key = ydoc_get(&l->d, n->data.mapping.pairs.start[i].key);
			val = ydoc_get(&l->d, n->data.mapping.pairs.start[i].value);
		}
		if (read_component(l, key, val, listed, i, c))
			return -1;
	}
	return 0;
}

static int read_apis(struct iload *l, yaml_node_t *n)
{
	struct inventory *inv = l->inv;
	long len = ydoc_seq_len(&l->d, n, "dependencies.external_apis", l->err);

	if (len < 0)
		return -1;
	inv->external_apis = xcalloc((size_t)len + 1, sizeof(*inv->external_apis));
	l->api_names = xcalloc((size_t)len + 1, sizeof(*l->api_names));
	for (long i = 0; i < len; i++) {
		/* timeout, retry_policy and fallback are the guide's; nothing here uses them. */
		struct yfield f[] = {
			{ "name", true, NULL, NULL },          { "availability", true, NULL, NULL },
			{ "critical", false, NULL, NULL },     { "timeout", false, NULL, NULL },
			{ "retry_policy", false, NULL, NULL }, { "fallback", false, NULL, NULL },
		};
		struct external_api *x = &inv->external_apis[i];
		char what[96];
		bool critical = true;

		x->availability = -1;
		inv->n_external_apis++;
		snprintf(what, sizeof(what), "dependencies.external_apis item %ld", i + 1);
		if (ydoc_map(&l->d, ydoc_seq_item(&l->d, n, (size_t)i), f, 6, what, l->err) ||
		    ydoc_str(&l->d, f[0].val, "external API name", &x->name, l->err) ||
		    read_percent(l, f[1].val, "availability", &x->availability) ||
		    (f[2].val && ydoc_bool(&l->d, f[2].val, "critical", &critical, l->err)))
			return -1;
		if (x->availability > 100)
			return ydoc_fail(&l->d, f[1].val, l->err,
			                 "availability: expected at most 100%%");
		x->not_critical = !critical;
		l->api_names[i] = f[0].val;
	}
	return 0;
}

static int read_dependencies(struct iload *l, yaml_node_t *n)
{
	struct yfield f[] = { { "external_apis", false, NULL, NULL } };

	if (is_blank(n))
		return 0;
	if (ydoc_map(&l->d, n, f, 1, "dependencies", l->err))
		return -1;
	return f[0].val && !is_blank(f[0].val) ? read_apis(l, f[0].val) : 0;
}

static int read_criticality(struct iload *l, yaml_node_t *n)
{
	char *s = NULL;

	if (ydoc_str_opt(&l->d, n, "business_criticality", &s, l->err))
		return -1;
	if (!s)
		return 0;
	for (char *p = s; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	if (!workload_valid_criticality(s)) {
		ydoc_fail(&l->d, n, l->err,
		          "business_criticality: '%s' is not one of critical, high, medium, low",
		          s);
		free(s);
		return -1;
	}
	l->inv->criticality = s;
	return 0;
}

static int read_root(struct iload *l)
{
	enum { NAME, CRIT, AVAIL, RTO, RPO, COMPONENTS, DEPS, MONITORING, N };
	struct yfield f[N] = {
		[NAME] = { "workload_name", false, NULL, NULL },
		[CRIT] = { "business_criticality", false, NULL, NULL },
		[AVAIL] = { "availability_requirement", false, NULL, NULL },
		[RTO] = { "rto_requirement", false, NULL, NULL },
		[RPO] = { "rpo_requirement", false, NULL, NULL },
		[COMPONENTS] = { "components", false, NULL, NULL },
		[DEPS] = { "dependencies", false, NULL, NULL },
		[MONITORING] = { "monitoring", false, NULL, NULL },
	};
	struct inventory *inv = l->inv;
	yaml_node_t *root = ydoc_root(&l->d);
	struct workload wl = { 0 };

	if (!root)
		return err_set(l->err, l->d.file, 1, 1,
		               "the file is empty; expected a component inventory (workload_name, "
		               "availability_requirement, components, dependencies)");
	if (ydoc_map(&l->d, root, f, N, "inventory", l->err))
		return -1;
	if ((f[NAME].val &&
	     ydoc_str_opt(&l->d, f[NAME].val, "workload_name", &inv->workload_name, l->err)) ||
	    (f[CRIT].val && read_criticality(l, f[CRIT].val)) ||
	    (f[RTO].val && read_duration(l, f[RTO].val, "rto_requirement", &inv->rto)) ||
	    (f[RPO].val && read_duration(l, f[RPO].val, "rpo_requirement", &inv->rpo)))
		return -1;
	if (f[AVAIL].val && !is_blank(f[AVAIL].val)) {
		if (read_percent(l, f[AVAIL].val, "availability_requirement", &inv->availability))
			return -1;
		if (!workload_valid_availability(inv->availability))
			return ydoc_fail(&l->d, f[AVAIL].val, l->err,
			                 "availability_requirement: expected a percentage above 0 "
			                 "and below 100, found '%s'",
			                 sval(f[AVAIL].val));
	}
	if ((f[DEPS].val && read_dependencies(l, f[DEPS].val)) ||
	    (f[COMPONENTS].val && read_components(l, f[COMPONENTS].val)))
		return -1;
	wl.components = inv->components;
	wl.n_components = inv->n_components;
	wl.external_apis = inv->external_apis;
	wl.n_external_apis = inv->n_external_apis;
	return avail_io_check_names(&l->d, &wl, l->comp_names, l->comp_deps, l->api_names, l->err);
}

int inventory_parse(const char *file, const char *text, size_t len, struct inventory **out,
                    struct wa_err *err)
{
	struct iload l = { .err = err };
	int rc;

	*out = NULL;
	if (ydoc_load(&l.d, file, text, len, err)) {
		ydoc_free(&l.d);
		return -1;
	}
	l.inv = inventory_new();
	rc = read_root(&l);
	ydoc_free(&l.d);
	free(l.comp_names);
	free(l.comp_deps);
	free(l.api_names);
	if (rc) {
		inventory_free(l.inv);
		return -1;
	}
	*out = l.inv;
	return 0;
}

int inventory_load(const char *path, struct inventory **out, struct wa_err *err)
{
	char *text;
	size_t len;
	int rc;

	*out = NULL;
	if (fsio_read(path, FSIO_INVENTORY, &text, &len, err))
		return -1;
	rc = inventory_parse(path, text, len, out, err);
	free(text);
	return rc;
}
