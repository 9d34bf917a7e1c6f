/* The workload's availability model: each component's effective figure, the critical path
 * and the single points of failure, and their composite in series. */
#include "model/avail.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* A growing one-line text. */
struct line {
	char *s;
	size_t len, cap;
};

static void line_add(struct line *l, const char *fmt, ...) ATTR_FORMAT(2, 3);

static void line_add(struct line *l, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	l->s = xgrow(l->s, &l->cap, l->len + (size_t)n + 1, 1);
	va_start(ap, fmt);
	vsnprintf(l->s + l->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	l->len += (size_t)n;
}

/* The separators between the services one component names: "ALB + EC2", "ECS/Fargate". */
static size_t next_piece(const char *s, size_t *len)
{
	size_t i = 0;

	for (; s[i]; i++) {
		if (s[i] == '+' || s[i] == ',' || s[i] == '&' || s[i] == '/')
			break;
		if (strncmp(s + i, " and ", 5) == 0)
			break;
	}
	*len = i;
	if (!s[i])
		return i;
	return i + (s[i] == ' ' ? 5 : 1);
}

/* The redundancy a service part runs with when the component does not say. */
static enum redundancy derived(const struct avail_service *e, enum redundancy given, int copies)
{
	if (given != REDUNDANCY_DEFAULT)
		return given;
	if (e && e->managed)
		return REDUNDANCY_MANAGED;
	if (copies >= 2)
		return e && e->standby ? REDUNDANCY_ACTIVE_PASSIVE : REDUNDANCY_ACTIVE_ACTIVE;
	return REDUNDANCY_NONE;
}

/* Whether a part with redundancy r over `copies` AZs is a single point of failure: one copy,
 * or one AZ for a service whose AZs the team chooses (e NULL: an unknown service). */
static bool lone(const struct avail_service *e, enum redundancy r, int copies)
{
	if (r == REDUNDANCY_NONE)
		return true;
	return !(e && e->managed) && r != REDUNDANCY_MANAGED && copies < 2;
}

/* One service's figure (fraction) in the component, with the reasoning appended to basis. */
static double service_figure(const struct avail_service *e, enum redundancy r, int copies,
                             struct line *basis)
{
	double one = e->single / 100, multi = e->multi_az / 100, x;
	char a[32], b[32], c[32];

	avail_format(one, a, sizeof(a));
	avail_format(multi, b, sizeof(b));
	if (r == REDUNDANCY_MANAGED) {
		line_add(basis, "%s %s (%s)", e->name, b,
		         e->managed ? "run across AZs by AWS" : "its own multi-AZ mode");
		return multi;
	}
	if (r == REDUNDANCY_NONE || copies < 2) {
		line_add(basis, "%s %s (one copy)", e->name, a);
		return one;
	}
	if (r == REDUNDANCY_N_PLUS_1)
		x = avail_k_of_n(one, copies - 1, copies);
	else
		x = avail_parallel(one, copies);
	avail_format(x, c, sizeof(c));
	line_add(basis, "%s %s x %d AZs %s = %s", e->name, a, copies, avail_redundancy_name(r), c);
	/* Copies in parallel assume AZs fail independently; region-wide events take them out
	 * together, so no deployment is credited above what AWS commits to for multi-AZ. */
	if (x > multi) {
		line_add(basis, ", capped at the multi-AZ %s", b);
		x = multi;
	}
	return x;
}

static void set_spof(struct avail_part *p, struct line *why)
{
	p->spof = true;
	p->spof_reason = why->s;
	why->s = NULL;
}

static int component_figure(const struct component *c, struct avail_part *p, struct wa_err *err)
{
	const struct avail_service *seen[16];
	size_t n_seen = 0, len;
	struct line basis = { 0 }, why = { 0 };
	const char *s = c->service;
	int copies = c->availability_zones > 0 ? c->availability_zones : 1;
	double product = 1;
	bool any_lone = false, first_zonal = true;

	p->name = c->name;
	p->tier = c->tier;
	p->copies = copies;
	p->redundancy = c->redundancy;
	while (s && *s) {
		size_t step = next_piece(s, &len);
		const struct avail_service *e;
		enum redundancy r;
		bool dup = false;

		/* Skip blank pieces ("a + + b") silently: the text is the team's, not ours. */
		while (len && (*s == ' ' || *s == '\t')) {
			s++;
			len--;
			step--;
		}
		if (len) {
			e = avail_service_find(s, len);
			if (!e && c->availability < 0) {
				free(basis.s);
				return err_set(
				        err, "components", 0, 0,
				        "component '%s': no published figure for '%.*s'; give "
				        "its availability (percent)",
				        c->name, (int)len, s);
			}
			for (size_t i = 0; e && i < n_seen; i++)
				dup |= seen[i] == e;
			if (e && !dup && n_seen < sizeof(seen) / sizeof(seen[0])) {
				seen[n_seen++] = e;
				r = derived(e, c->redundancy, copies);
				if (!e->managed && first_zonal) {
					p->redundancy = r;
					first_zonal = false;
				}
				any_lone |= lone(e, r, copies);
				if (c->availability < 0) {
					if (basis.len)
						line_add(&basis, "; ");
					product *= service_figure(e, r, copies, &basis);
				}
			}
		}
		s += step;
	}
	if (c->availability >= 0) {
		char a[32];

		avail_format(c->availability / 100, a, sizeof(a));
		free(basis.s);
		basis = (struct line){ 0 };
		line_add(&basis, "%s as given", a);
		product = c->availability / 100;
		if (!n_seen) {
			p->redundancy = derived(NULL, c->redundancy, copies);
			any_lone = lone(NULL, p->redundancy, copies);
		}
	} else if (!n_seen) {
		return err_set(err, "components", 0, 0,
		               "component '%s': no service and no availability; give one of them",
		               c->name);
	}
	if (first_zonal && n_seen)
		p->redundancy = derived(seen[0], c->redundancy, copies);
	p->availability = product;
	p->basis = basis.s;
	if (any_lone) {
		if (p->redundancy == REDUNDANCY_NONE)
			line_add(&why, "redundancy none");
		else
			line_add(&why, "one AZ");
	}
	for (size_t i = 0; i < c->n_spof_notes; i++)
		line_add(&why, "%s%s%s", why.len ? "; " : "",
		         i ? "" : "named by the team: ", c->spof_notes[i]);
	if (why.len)
		set_spof(p, &why);
	return 0;
}

int avail_component_check(const struct component *c, struct wa_err *err)
{
	struct avail_part p = { 0 };
	int rc = component_figure(c, &p, err);

	free(p.basis);
	free(p.spof_reason);
	return rc;
}

/* Index of the part called name, or -1. */
static long find_part(const struct avail_model *m, const char *name)
{
	for (size_t i = 0; i < m->n_parts; i++)
		if (strcmp(m->parts[i].name, name) == 0)
			return (long)i;
	return -1;
}

void avail_model_clear(struct avail_model *m)
{
	for (size_t i = 0; i < m->n_parts; i++) {
		free(m->parts[i].basis);
		free(m->parts[i].spof_reason);
	}
	free(m->parts);
	memset(m, 0, sizeof(*m));
}

int avail_model_build(const struct review *rv, struct avail_model *m, struct wa_err *err)
{
	const struct workload *wl = &rv->wl;
	bool changed = true;

	memset(m, 0, sizeof(*m));
	m->composite = 1;
	m->parts = xcalloc(wl->n_components + wl->n_external_apis + 1, sizeof(*m->parts));
	for (size_t i = 0; i < wl->n_components; i++) {
		struct avail_part *p = &m->parts[m->n_parts++];

		if (component_figure(&wl->components[i], p, err)) {
			avail_model_clear(m);
			return -1;
		}
		p->critical = !wl->components[i].not_critical;
	}
	for (size_t i = 0; i < wl->n_external_apis; i++) {
		const struct external_api *x = &wl->external_apis[i];
		struct avail_part *p = &m->parts[m->n_parts++];
		struct line basis = { 0 };
		char a[32];

		if (!(x->availability > 0 && x->availability <= 100)) {
			avail_model_clear(m);
			return err_set(
			        err, "dependencies", 0, 0,
			        "external API '%s': availability must be above 0 and at most "
			        "100 (percent)",
			        x->name);
		}
		avail_format(x->availability / 100, a, sizeof(a));
		line_add(&basis, "%s as given (external API)", a);
		p->name = x->name;
		p->external = true;
		p->critical = !x->not_critical;
		p->availability = x->availability / 100;
		p->redundancy = REDUNDANCY_MANAGED;
		p->copies = 1;
		p->basis = basis.s;
	}
	for (size_t i = 0; i < wl->n_components; i++)
		for (size_t j = 0; j < wl->components[i].n_depends_on; j++)
			if (find_part(m, wl->components[i].depends_on[j]) < 0) {
				err_set(err, "components", 0, 0,
				        "component '%s' depends on '%s', which is neither a "
				        "component "
				        "nor an external API",
				        wl->components[i].name, wl->components[i].depends_on[j]);
				avail_model_clear(m);
				return -1;
			}
	/* What a critical part needs is critical too, however it is marked. */
	while (changed) {
		changed = false;
		for (size_t i = 0; i < wl->n_components; i++) {
			if (!m->parts[i].critical)
				continue;
			for (size_t j = 0; j < wl->components[i].n_depends_on; j++) {
				long k = find_part(m, wl->components[i].depends_on[j]);
				if (!m->parts[k].critical) {
					m->parts[k].critical = true;
					changed = true;
				}
			}
		}
	}
	for (size_t i = 0; i < m->n_parts; i++) {
		struct avail_part *p = &m->parts[i];

		if (!p->critical) {
			/* Off the critical path, a lone copy is a risk to that feature only. */
			p->spof = false;
			free(p->spof_reason);
			p->spof_reason = NULL;
			continue;
		}
		m->composite *= p->availability;
		m->n_critical++;
	}
	return 0;
}
