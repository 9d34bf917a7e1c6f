#include "store/avail_io.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/avail.h"
#include "util/xalloc.h"

static const char *sval(const yaml_node_t *n)
{
	return (const char *)n->data.scalar.value;
}

/* A plain empty, "~" or "null" value: an optional field written but left blank. */
static bool is_blank(const yaml_node_t *n)
{
	const char *s;

	if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	s = sval(n);
	return !*s || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") ||
	       !strcmp(s, "NULL");
}

static int opt_str(struct ydoc *d, yaml_node_t *n, const char *what, char **out, struct wa_err *err)
{
	return n ? ydoc_str_opt(d, n, what, out, err) : 0;
}

static int opt_list(struct ydoc *d, yaml_node_t *n, const char *what, char ***out, size_t *count,
                    struct wa_err *err)
{
	if (!n || is_blank(n))
		return 0;
	return ydoc_strlist(d, n, what, out, count, err);
}

/* A percentage above 0 and at most 100. */
static int load_percent(struct ydoc *d, yaml_node_t *n, const char *what, double *out,
                        struct wa_err *err)
{
	if (ydoc_double(d, n, what, out, err))
		return -1;
	if (!(*out > 0 && *out <= 100))
		return ydoc_fail(
		        d, n, err,
		        "%s: expected a percentage above 0 and at most 100 (such as 99.95), "
		        "found %s",
		        what, sval(n));
	return 0;
}

static int load_cost(struct ydoc *d, const struct avail_io_nodes *nodes, struct workload *wl,
                     struct wa_err *err)
{
	const char *c;

	if (nodes->cost && !is_blank(nodes->cost)) {
		if (ydoc_double(d, nodes->cost, "workload.downtime_cost_per_hour",
		                &wl->downtime_cost_per_hour, err))
			return -1;
		if (wl->downtime_cost_per_hour < 0)
			return ydoc_fail(
			        d, nodes->cost, err,
			        "workload.downtime_cost_per_hour: expected an amount of 0 or "
			        "more, found %s",
			        sval(nodes->cost));
	}
	if (opt_str(d, nodes->currency, "workload.downtime_cost_currency", &wl->currency, err))
		return -1;
	c = wl->currency;
	if (c && !(strlen(c) == 3 && c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z' &&
	           c[2] >= 'A' && c[2] <= 'Z'))
		return ydoc_fail(
		        d, nodes->currency, err,
		        "workload.downtime_cost_currency: expected a three-letter ISO 4217 "
		        "code such as USD or EUR, found '%s'",
		        c);
	return 0;
}

/* Where each component's name and depends_on stand, for the checks across the lists. */
struct spots {
	yaml_node_t **name, **deps;
};

static int load_component(struct ydoc *d, yaml_node_t *n, size_t idx, struct component *c,
                          struct spots *at, struct wa_err *err)
{
	enum { NAME, TIER, SERVICE, AZS, RED, AVAIL, CRIT, DEPS, SPOF, N };
	struct yfield f[N] = {
		[NAME] = { "name", true, NULL, NULL },
		[TIER] = { "tier", false, NULL, NULL },
		[SERVICE] = { "service", false, NULL, NULL },
		[AZS] = { "availability_zones", false, NULL, NULL },
		[RED] = { "redundancy", false, NULL, NULL },
		[AVAIL] = { "availability", false, NULL, NULL },
		[CRIT] = { "critical", false, NULL, NULL },
		[DEPS] = { "depends_on", false, NULL, NULL },
		[SPOF] = { "single_points_of_failure", false, NULL, NULL },
	};
	char what[96], *red = NULL;
	struct wa_err why;
	long azs;
	bool critical = true;

	snprintf(what, sizeof(what), "workload.components item %zu", idx + 1);
	if (ydoc_map(d, n, f, N, what, err))
		return -1;
	at->name[idx] = f[NAME].val;
	at->deps[idx] = f[DEPS].val;
	if (ydoc_str(d, f[NAME].val, "component name", &c->name, err))
		return -1;
	snprintf(what, sizeof(what), "component '%s'", c->name);
	if (opt_str(d, f[TIER].val, "tier", &c->tier, err) ||
	    opt_str(d, f[SERVICE].val, "service", &c->service, err))
		return -1;
	if (f[AZS].val && !is_blank(f[AZS].val)) {
		if (ydoc_long(d, f[AZS].val, "availability_zones", &azs, err))
			return -1;
		if (azs < 1 || azs > AVAIL_MAX_AZS)
			return ydoc_fail(d, f[AZS].val, err,
			                 "%s: availability_zones: expected 1 to %d, found %ld",
			                 what, AVAIL_MAX_AZS, azs);
		c->availability_zones = (int)azs;
	}
	if (opt_str(d, f[RED].val, "redundancy", &red, err))
		return -1;
	if (red) {
		int r = avail_redundancy_parse(red);

		if (r < 0) {
			ydoc_fail(d, f[RED].val, err,
			          "%s: redundancy: '%s' is not one of none, active-active, "
			          "active-passive, n+1, managed",
			          what, red);
			free(red);
			return -1;
		}
		c->redundancy = (enum redundancy)r;
		free(red);
	}
	if (f[AVAIL].val && !is_blank(f[AVAIL].val) &&
	    load_percent(d, f[AVAIL].val, "availability", &c->availability, err))
		return -1;
	if (f[CRIT].val && ydoc_bool(d, f[CRIT].val, "critical", &critical, err))
		return -1;
	c->not_critical = !critical;
	if (opt_list(d, f[DEPS].val, "depends_on", &c->depends_on, &c->n_depends_on, err) ||
	    opt_list(d, f[SPOF].val, "single_points_of_failure", &c->spof_notes, &c->n_spof_notes,
	             err))
		return -1;
	err_clear(&why);
	if (avail_component_check(c, &why))
		return ydoc_fail(d, f[SERVICE].val ? f[SERVICE].val : n, err, "%s", why.msg);
	return 0;
}

static int load_components(struct ydoc *d, yaml_node_t *n, struct workload *wl, struct spots *at,
                           struct wa_err *err)
{
	long len = ydoc_seq_len(d, n, "workload.components", err);

	if (len < 0)
		return -1;
	wl->components = xcalloc((size_t)len + 1, sizeof(*wl->components));
	at->name = xcalloc((size_t)len + 1, sizeof(*at->name));
	at->deps = xcalloc((size_t)len + 1, sizeof(*at->deps));
	for (long i = 0; i < len; i++) {
		struct component *c = &wl->components[i];

		c->availability = -1;
		wl->n_components++;
		if (load_component(d, ydoc_seq_item(d, n, (size_t)i), (size_t)i, c, at, err))
			return -1;
	}
	return 0;
}

static int load_apis(struct ydoc *d, yaml_node_t *n, struct workload *wl, yaml_node_t ***names,
                     struct wa_err *err)
{
	long len = ydoc_seq_len(d, n, "workload.dependencies.external_apis", err);

	if (len < 0)
		return -1;
	wl->external_apis = xcalloc((size_t)len + 1, sizeof(*wl->external_apis));
	*names = xcalloc((size_t)len + 1, sizeof(**names));
	for (long i = 0; i < len; i++) {
		struct yfield f[] = {
			{ "name", true, NULL, NULL },
			{ "availability", true, NULL, NULL },
			{ "critical", false, NULL, NULL },
		};
		struct external_api *x = &wl->external_apis[i];
		char what[96];
		bool critical = true;

		x->availability = -1;
		wl->n_external_apis++;
		snprintf(what, sizeof(what), "workload.dependencies.external_apis item %ld", i + 1);
		if (ydoc_map(d, ydoc_seq_item(d, n, (size_t)i), f, 3, what, err) ||
		    ydoc_str(d, f[0].val, "external API name", &x->name, err) ||
		    load_percent(d, f[1].val, "availability", &x->availability, err) ||
		    (f[2].val && ydoc_bool(d, f[2].val, "critical", &critical, err)))
			return -1;
		x->not_critical = !critical;
		(*names)[i] = f[0].val;
	}
	return 0;
}

static int load_dependencies(struct ydoc *d, yaml_node_t *n, struct workload *wl,
                             yaml_node_t ***names, struct wa_err *err)
{
	struct yfield f[] = { { "external_apis", false, NULL, NULL } };

	if (is_blank(n))
		return 0;
	if (ydoc_map(d, n, f, 1, "workload.dependencies", err))
		return -1;
	if (!f[0].val || is_blank(f[0].val))
		return 0;
	return load_apis(d, f[0].val, wl, names, err);
}

int avail_io_check_names(struct ydoc *d, const struct workload *wl, yaml_node_t **comp_names,
                         yaml_node_t **comp_deps, yaml_node_t **api_names, struct wa_err *err)
{
	size_t nc = wl->n_components, n = nc + wl->n_external_apis;

	for (size_t i = 0; i < n; i++) {
		const char *name = i < nc ? wl->components[i].name : wl->external_apis[i - nc].name;
		yaml_node_t *node = i < nc ? comp_names[i] : api_names[i - nc];

		for (size_t j = 0; j < i; j++) {
			const char *other =
			        j < nc ? wl->components[j].name : wl->external_apis[j - nc].name;
			yaml_node_t *first = j < nc ? comp_names[j] : api_names[j - nc];

			if (strcmp(name, other) == 0)
				return ydoc_fail(
				        d, node, err,
				        "'%s' names two parts of the workload (first at line "
				        "%d); components and external APIs need distinct names",
				        name, ydoc_line(first));
		}
	}
	for (size_t i = 0; i < nc; i++) {
		const struct component *c = &wl->components[i];

		for (size_t j = 0; j < c->n_depends_on; j++) {
			yaml_node_t *item = ydoc_seq_item(d, comp_deps[i], j);
			bool known = false;

			if (strcmp(c->depends_on[j], c->name) == 0)
				return ydoc_fail(d, item, err, "component '%s' depends on itself",
				                 c->name);
			for (size_t k = 0; k < nc && !known; k++)
				known = strcmp(c->depends_on[j], wl->components[k].name) == 0;
			for (size_t k = 0; k < wl->n_external_apis && !known; k++)
				known = strcmp(c->depends_on[j], wl->external_apis[k].name) == 0;
			if (!known)
				return ydoc_fail(
				        d, item, err,
				        "component '%s' depends on '%s', which is neither a "
				        "component nor an external API of the workload",
				        c->name, c->depends_on[j]);
		}
	}
	return 0;
}

int avail_io_load_workload(struct ydoc *d, const struct avail_io_nodes *nodes, struct workload *wl,
                           struct wa_err *err)
{
	struct spots at = { NULL, NULL };
	yaml_node_t **api_names = NULL;
	int rc = -1;

	if (load_cost(d, nodes, wl, err))
		return -1;
	if (nodes->dependencies && load_dependencies(d, nodes->dependencies, wl, &api_names, err))
		goto out;
	if (nodes->components && !is_blank(nodes->components) &&
	    load_components(d, nodes->components, wl, &at, err))
		goto out;
	rc = avail_io_check_names(d, wl, at.name, at.deps, api_names, err);
out:
	free(at.name);
	free(at.deps);
	free(api_names);
	return rc;
}

static int load_incident(struct ydoc *d, yaml_node_t *n, const char *list, size_t idx,
                         struct incident *in, struct wa_err *err)
{
	struct yfield f[] = {
		{ "date", true, NULL, NULL },
		{ "duration", true, NULL, NULL },
		{ "impact", false, NULL, NULL },
		{ "note", false, NULL, NULL },
	};
	char what[96], *text = NULL;
	long long t;
	double secs;
	int impact;

	snprintf(what, sizeof(what), "%s item %zu", list, idx + 1);
	if (ydoc_map(d, n, f, 4, what, err) || ydoc_str(d, f[0].val, "date", &in->date, err))
		return -1;
	if (avail_parse_date(in->date, &t))
		return ydoc_fail(d, f[0].val, err,
		                 "%s: date: expected a date such as 2024-01-15 or "
		                 "2024-01-15T10:30:00Z (UTC), found '%s'",
		                 what, in->date);
	if (ydoc_str(d, f[1].val, "duration", &text, err))
		return -1;
	if (avail_parse_duration(text, &secs) || lround(secs) < 1) {
		ydoc_fail(d, f[1].val, err,
		          "%s: duration: expected a length of time such as 45m, 1h30m or "
		          "\"2 hours\", found '%s'",
		          what, text);
		free(text);
		return -1;
	}
	free(text);
	in->duration = lround(secs);
	if (f[2].val) {
		if (ydoc_str(d, f[2].val, "impact", &text, err))
			return -1;
		impact = avail_impact_parse(text);
		if (impact < 0) {
			ydoc_fail(d, f[2].val, err, "%s: impact: '%s' is not full or partial", what,
			          text);
			free(text);
			return -1;
		}
		free(text);
		in->impact = (enum incident_impact)impact;
	}
	return opt_str(d, f[3].val, "note", &in->note, err);
}

int avail_io_load_incidents(struct ydoc *d, yaml_node_t *n, const char *what, struct incident **out,
                            size_t *count, struct wa_err *err)
{
	long len;
	struct incident *v;

	*out = NULL;
	*count = 0;
	if (is_blank(n))
		return 0;
	len = ydoc_seq_len(d, n, what, err);
	if (len < 0)
		return -1;
	v = xcalloc((size_t)len + 1, sizeof(*v));
	for (long i = 0; i < len; i++) {
		if (load_incident(d, ydoc_seq_item(d, n, (size_t)i), what, (size_t)i, &v[i], err)) {
			for (long j = 0; j <= i; j++)
				incident_clear(&v[j]);
			free(v);
			return -1;
		}
	}
	*out = v;
	*count = (size_t)len;
	return 0;
}

/* ---- writing ---- */

static void put_list(struct yemit *y, const char *key, char *const *v, size_t n)
{
	if (!n)
		return;
	yemit_str(y, key);
	yemit_seq_begin(y, true);
	for (size_t i = 0; i < n; i++)
		yemit_str(y, v[i]);
	yemit_seq_end(y);
}

static void put_component(struct yemit *y, const struct component *c)
{
	yemit_map_begin(y, false);
	yemit_pair(y, "name", c->name);
	if (c->tier)
		yemit_pair(y, "tier", c->tier);
	if (c->service)
		yemit_pair(y, "service", c->service);
	if (c->availability_zones > 0) {
		yemit_str(y, "availability_zones");
		yemit_long(y, c->availability_zones);
	}
	if (avail_redundancy_name(c->redundancy))
		yemit_pair(y, "redundancy", avail_redundancy_name(c->redundancy));
	if (!(c->availability < 0)) {
		yemit_str(y, "availability");
		yemit_double(y, c->availability);
	}
	if (c->not_critical) {
		yemit_str(y, "critical");
		yemit_bool(y, false);
	}
	put_list(y, "depends_on", c->depends_on, c->n_depends_on);
	put_list(y, "single_points_of_failure", c->spof_notes, c->n_spof_notes);
	yemit_map_end(y);
}

void avail_io_put_workload(struct yemit *y, const struct workload *wl)
{
	if (!(wl->downtime_cost_per_hour < 0)) {
		yemit_str(y, "downtime_cost_per_hour");
		yemit_double(y, wl->downtime_cost_per_hour);
	}
	if (wl->currency && *wl->currency)
		yemit_pair(y, "downtime_cost_currency", wl->currency);
	if (wl->n_components) {
		yemit_str(y, "components");
		yemit_seq_begin(y, false);
		for (size_t i = 0; i < wl->n_components; i++)
			put_component(y, &wl->components[i]);
		yemit_seq_end(y);
	}
	if (wl->n_external_apis) {
		yemit_str(y, "dependencies");
		yemit_map_begin(y, false);
		yemit_str(y, "external_apis");
		yemit_seq_begin(y, false);
		for (size_t i = 0; i < wl->n_external_apis; i++) {
			const struct external_api *x = &wl->external_apis[i];

			yemit_map_begin(y, false);
			yemit_pair(y, "name", x->name);
			yemit_str(y, "availability");
			yemit_double(y, x->availability);
			if (x->not_critical) {
				yemit_str(y, "critical");
				yemit_bool(y, false);
			}
			yemit_map_end(y);
		}
		yemit_seq_end(y);
		yemit_map_end(y);
	}
}

void avail_io_put_incidents(struct yemit *y, const struct review *rv)
{
	char buf[64];

	if (!rv->n_incidents)
		return;
	yemit_str(y, "incidents");
	yemit_seq_begin(y, false);
	for (size_t i = 0; i < rv->n_incidents; i++) {
		const struct incident *in = &rv->incidents[i];

		yemit_map_begin(y, false);
		yemit_pair(y, "date", in->date ? in->date : "");
		yemit_pair(y, "duration",
		           avail_format_duration_compact(in->duration, buf, sizeof(buf)));
		yemit_pair(y, "impact", avail_impact_name(in->impact));
		if (in->note && *in->note)
			yemit_pair(y, "note", in->note);
		yemit_map_end(y);
	}
	yemit_seq_end(y);
}
