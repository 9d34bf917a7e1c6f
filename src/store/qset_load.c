#include "store/qset_load.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/rexpr.h"
#include "util/builtin.h"
#include "util/fsio.h"
#include "store/config_rule_load.h"
#include "store/probe_load.h"
#include "store/ydoc.h"
#include "util/strset.h"
#include "util/xalloc.h"

/* State while loading: the set being built and the indexes for duplicate checks. Labels
 * and lines of first definitions are kept so a duplicate's error can point back at it. */
struct loader {
	struct qset *qs;
	size_t cap_q;
	struct strset qids, bpids, areaids, probeids;
	struct strset choiceids; /* of the question being loaded: the Tool scopes choices so */
	char **labels;           /* owned copies of file labels, one per file read */
	size_t n_labels;
};

/* Index values pack where a name was first defined: the file (label index) and line. */
static long here(struct loader *L, const yaml_node_t *n)
{
	return (long)(L->n_labels - 1) << 32 | ydoc_line(n);
}

static const char *where_str(struct loader *L, long v, char *buf, size_t len)
{
	snprintf(buf, len, "%s:%ld", L->labels[v >> 32], v & 0xffffffffL);
	return buf;
}

static const char *remember_label(struct loader *L, const char *label)
{
	L->labels = xrealloc(L->labels, (L->n_labels + 1) * sizeof(*L->labels));
	return L->labels[L->n_labels++] = xstrdup(label);
}

static int valid_question_id(const char *s)
{
	size_t i = 0;

	if (!isupper((unsigned char)s[0]))
		return 0;
	while (isupper((unsigned char)s[i]))
		i++;
	if (!isdigit((unsigned char)s[i]))
		return 0;
	while (isdigit((unsigned char)s[i]))
		i++;
	return s[i] == '\0';
}

/* "<question id>-BP<digits>" */
static int valid_bp_id(const char *s, const char *qid)
{
	size_t n = strlen(qid);

	if (strncmp(s, qid, n) != 0 || strncmp(s + n, "-BP", 3) != 0)
		return 0;
	s += n + 3;
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

/* Slugs used as Tool identifiers: lowercase letters, digits, '-', '_'. */
static int valid_slug(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) && *s != '-' &&
		    *s != '_')
			return 0;
	return 1;
}

/* Reads one word of a fixed list ("high", "low", …) through parse, which returns 0 for
 * words it does not know. */
static int read_word(struct ydoc *d, yaml_node_t *n, const char *what, int (*parse)(const char *),
                     const char *expected, int *out, struct wa_err *err)
{
	char *s;

	if (ydoc_str(d, n, what, &s, err))
		return -1;
	*out = parse(s);
	free(s);
	if (!*out)
		return ydoc_fail(d, n, err, "%s: expected %s", what, expected);
	return 0;
}

static int parse_risk(const char *s)
{
	return (int)bp_risk_parse(s);
}

static int parse_effort(const char *s)
{
	return (int)effort_parse(s);
}

static int load_links(struct ydoc *d, yaml_node_t *n, struct bp *bp, struct wa_err *err)
{
	char what[160];
	long len;

	snprintf(what, sizeof(what), "%s links", bp->id);
	len = ydoc_seq_len(d, n, what, err);
	if (len < 0)
		return -1;
	if (len == 0)
		return ydoc_fail(d, n, err, "%s: at least one link is needed", what);
	bp->links = xcalloc((size_t)len, sizeof(*bp->links));
	for (long i = 0; i < len; i++) {
		yaml_node_t *item = ydoc_seq_item(d, n, (size_t)i);
		struct yfield f[] = { { "title", true, 0, 0 }, { "url", true, 0, 0 } };
		struct link *l = &bp->links[bp->n_links++];

		if (ydoc_map(d, item, f, 2, what, err) ||
		    ydoc_str(d, f[0].val, "link title", &l->title, err) ||
		    ydoc_str(d, f[1].val, "link url", &l->url, err))
			return -1;
		if (strncmp(l->url, "https://", 8) != 0 || strpbrk(l->url, " \t"))
			return ydoc_fail(d, f[1].val, err, "%s: url must be an https:// address",
			                 what);
	}
	return 0;
}

static int load_bp(struct loader *L, struct ydoc *d, yaml_node_t *n, struct question *q,
                   struct bp *bp, struct wa_err *err)
{
	enum {
		F_ID,
		F_TITLE,
		F_CHOICE,
		F_RISK,
		F_EFFORT,
		F_DESC,
		F_WHY,
		F_STEPS,
		F_SERVICES,
		F_LINKS,
		F_N
	};
	struct yfield f[F_N] = {
		[F_ID] = { "id", true, 0, 0 },
		[F_TITLE] = { "title", true, 0, 0 },
		[F_CHOICE] = { "choice_id", true, 0, 0 },
		[F_RISK] = { "risk", true, 0, 0 },
		[F_EFFORT] = { "effort", true, 0, 0 },
		[F_DESC] = { "description", true, 0, 0 },
		[F_WHY] = { "why", true, 0, 0 },
		[F_STEPS] = { "steps", true, 0, 0 },
		[F_SERVICES] = { "services", false, 0, 0 },
		[F_LINKS] = { "links", true, 0, 0 },
	};
	char what[160], buf[600];
	int risk = 0, effort = 0;
	long prev;

	snprintf(what, sizeof(what), "best practice of %s", q->id);
	if (ydoc_map(d, n, f, F_N, what, err) || ydoc_str(d, f[F_ID].val, "id", &bp->id, err))
		return -1;
	if (!valid_bp_id(bp->id, q->id))
		return ydoc_fail(d, f[F_ID].val, err,
		                 "best practice ID '%s' must be %s-BP followed by digits", bp->id,
		                 q->id);
	prev = strset_add(&L->bpids, bp->id, here(L, f[F_ID].val));
	if (prev >= 0)
		return ydoc_fail(d, f[F_ID].val, err,
		                 "duplicate best practice ID '%s' (already defined at %s)", bp->id,
		                 where_str(L, prev, buf, sizeof(buf)));
	snprintf(what, sizeof(what), "%s", bp->id);
	if (ydoc_str(d, f[F_TITLE].val, "title", &bp->title, err) ||
	    ydoc_str(d, f[F_CHOICE].val, "choice_id", &bp->choice_id, err) ||
	    read_word(d, f[F_RISK].val, "risk", parse_risk, "high, medium or low", &risk, err) ||
	    read_word(d, f[F_EFFORT].val, "effort", parse_effort, "low, medium or high", &effort,
	              err) ||
	    ydoc_str(d, f[F_DESC].val, "description", &bp->description, err) ||
	    ydoc_str(d, f[F_WHY].val, "why", &bp->why, err) ||
	    ydoc_strlist(d, f[F_STEPS].val, "steps", &bp->steps, &bp->n_steps, err) ||
	    (f[F_SERVICES].val &&
	     ydoc_strlist(d, f[F_SERVICES].val, "services", &bp->services, &bp->n_services, err)) ||
	    load_links(d, f[F_LINKS].val, bp, err))
		return -1;
	bp->risk = (enum bp_risk)risk;
	bp->effort = (enum effort)effort;
	if (!valid_slug(bp->choice_id))
		return ydoc_fail(d, f[F_CHOICE].val, err,
		                 "%s: choice_id '%s' may hold only lowercase letters, digits, '-' "
		                 "and '_'",
		                 bp->id, bp->choice_id);
	if (bp->n_steps == 0)
		return ydoc_fail(d, f[F_STEPS].val, err, "%s: steps must list at least one step",
		                 bp->id);
	prev = strset_add(&L->choiceids, bp->choice_id, here(L, f[F_CHOICE].val));
	if (prev >= 0)
		return ydoc_fail(d, f[F_CHOICE].val, err,
		                 "%s: duplicate choice_id '%s' (already used at %s)", bp->id,
		                 bp->choice_id, where_str(L, prev, buf, sizeof(buf)));
	return 0;
}

static int load_rules(struct ydoc *d, yaml_node_t *n, struct question *q, struct wa_err *err)
{
	char what[96];
	long len;

	snprintf(what, sizeof(what), "%s risk_rules", q->id);
	len = ydoc_seq_len(d, n, what, err);
	if (len < 0)
		return -1;
	if (len == 0)
		return ydoc_fail(d, n, err,
		                 "%s: give at least the default rule, or leave "
		                 "risk_rules out",
		                 what);
	q->rules = xcalloc((size_t)len, sizeof(*q->rules));
	for (long i = 0; i < len; i++) {
		yaml_node_t *item = ydoc_seq_item(d, n, (size_t)i);
		struct yfield f[] = { { "when", true, 0, 0 }, { "risk", true, 0, 0 } };
		struct risk_rule *r = &q->rules[q->n_rules++];
		char *when = NULL, *risk = NULL;
		int rc = 0;

		if (ydoc_map(d, item, f, 2, "risk rule", err) ||
		    ydoc_str(d, f[0].val, "when", &when, err) ||
		    ydoc_str(d, f[1].val, "risk", &risk, err)) {
			free(when);
			free(risk);
			return -1;
		}
		if (!strcmp(risk, "none"))
			r->risk = QRISK_NONE;
		else if (!strcmp(risk, "medium"))
			r->risk = QRISK_MEDIUM;
		else if (!strcmp(risk, "high"))
			r->risk = QRISK_HIGH;
		else
			rc = ydoc_fail(d, f[1].val, err, "%s: risk must be none, medium or high",
			               what);
		if (!rc && !strcmp(when, "default")) {
			if (i != len - 1)
				rc = ydoc_fail(d, f[0].val, err,
				               "%s: the default rule must be the last one", what);
		} else if (!rc) {
			char msg[256];
			size_t pos;
			/* Quoted scalars start one column before their text. */
			int shift = f[0].val->data.scalar.style == YAML_PLAIN_SCALAR_STYLE ? 0 : 1;
			if (rexpr_parse(when, q, &r->when, &pos, msg, sizeof(msg)))
				rc = err_set(err, d->file, ydoc_line(f[0].val),
				             ydoc_col(f[0].val) + shift + (int)pos, "%s: %s", what,
				             msg);
			else if (i == len - 1)
				rc = ydoc_fail(d, f[0].val, err,
				               "%s: the last rule must be 'when: default'", what);
		}
		free(when);
		free(risk);
		if (rc)
			return -1;
	}
	return 0;
}

typedef int (*probe_loader)(struct ydoc *d, yaml_node_t *n, const struct question *q,
                            struct probe *p, yaml_node_t **id_node, struct wa_err *err);

/* A list of the question's probes (key "probes"), or of its AWS Config rules made into
 * probes ("config_rules", after its own: same_as names one), appended to q->probes. */
static int load_probe_list(struct loader *L, struct ydoc *d, yaml_node_t *n, struct question *q,
                           const char *key, probe_loader load, struct wa_err *err)
{
	char what[96], buf[600];
	long len;

	snprintf(what, sizeof(what), "%s %s", q->id, key);
	len = ydoc_seq_len(d, n, what, err);
	if (len < 0)
		return -1;
	q->probes = xrealloc(q->probes, (q->n_probes + (size_t)len + 1) * sizeof(*q->probes));
	for (long i = 0; i < len; i++) {
		struct probe *p = &q->probes[q->n_probes++];
		yaml_node_t *id_node;
		long prev;

		memset(p, 0, sizeof(*p));
		if (load(d, ydoc_seq_item(d, n, (size_t)i), q, p, &id_node, err))
			return -1;
		prev = strset_add(&L->probeids, p->id, here(L, id_node));
		if (prev >= 0)
			return ydoc_fail(d, id_node, err,
			                 "duplicate probe ID '%s' (already defined at %s)", p->id,
			                 where_str(L, prev, buf, sizeof(buf)));
	}
	return 0;
}

static int load_question(struct loader *L, struct ydoc *d, yaml_node_t *n, struct question *q,
                         struct wa_err *err)
{
	enum { F_ID, F_TITLE, F_DESC, F_WAQ, F_NONE, F_RULES, F_BPS, F_PROBES, F_CONFIG, F_N };
	struct yfield f[F_N] = {
		[F_ID] = { "id", true, 0, 0 },
		[F_TITLE] = { "title", true, 0, 0 },
		[F_DESC] = { "description", true, 0, 0 },
		[F_WAQ] = { "wa_question_id", true, 0, 0 },
		[F_NONE] = { "none_choice_id", true, 0, 0 },
		[F_RULES] = { "risk_rules", false, 0, 0 },
		[F_BPS] = { "best_practices", true, 0, 0 },
		[F_PROBES] = { "probes", false, 0, 0 },
		[F_CONFIG] = { "config_rules", false, 0, 0 },
	};
	long len, prev;
	char buf[600];

	if (ydoc_map(d, n, f, F_N, "question", err) || ydoc_str(d, f[F_ID].val, "id", &q->id, err))
		return -1;
	if (!valid_question_id(q->id))
		return ydoc_fail(d, f[F_ID].val, err,
		                 "question ID '%s' must be capital letters then digits, like REL01",
		                 q->id);
	prev = strset_add(&L->qids, q->id, here(L, f[F_ID].val));
	if (prev >= 0)
		return ydoc_fail(d, f[F_ID].val, err,
		                 "duplicate question ID '%s' (already defined at %s)", q->id,
		                 where_str(L, prev, buf, sizeof(buf)));
	if (ydoc_str(d, f[F_TITLE].val, "title", &q->title, err) ||
	    ydoc_str(d, f[F_DESC].val, "description", &q->description, err) ||
	    ydoc_str(d, f[F_WAQ].val, "wa_question_id", &q->wa_question_id, err) ||
	    ydoc_str(d, f[F_NONE].val, "none_choice_id", &q->none_choice_id, err))
		return -1;
	if (!valid_slug(q->wa_question_id))
		return ydoc_fail(d, f[F_WAQ].val, err,
		                 "%s: wa_question_id may hold only lowercase letters, digits, '-' "
		                 "and '_'",
		                 q->id);
	if (!valid_slug(q->none_choice_id))
		return ydoc_fail(d, f[F_NONE].val, err,
		                 "%s: none_choice_id may hold only lowercase letters, digits, '-' "
		                 "and '_'",
		                 q->id);
	strset_free(&L->choiceids);
	prev = strset_add(&L->choiceids, q->none_choice_id, here(L, f[F_NONE].val));
	if (prev >= 0)
		return ydoc_fail(d, f[F_NONE].val, err,
		                 "%s: duplicate choice ID '%s' (already used at %s)", q->id,
		                 q->none_choice_id, where_str(L, prev, buf, sizeof(buf)));
	len = ydoc_seq_len(d, f[F_BPS].val, "best_practices", err);
	if (len < 0)
		return -1;
	if (len == 0)
		return ydoc_fail(d, f[F_BPS].val, err, "question %s has no best practices", q->id);
	q->bps = xcalloc((size_t)len, sizeof(*q->bps));
	for (long i = 0; i < len; i++) {
		struct bp *bp = &q->bps[q->n_bps++];
		if (load_bp(L, d, ydoc_seq_item(d, f[F_BPS].val, (size_t)i), q, bp, err))
			return -1;
	}
	if (f[F_RULES].val && load_rules(d, f[F_RULES].val, q, err))
		return -1;
	if (f[F_PROBES].val && load_probe_list(L, d, f[F_PROBES].val, q, "probes", probe_load, err))
		return -1;
	return f[F_CONFIG].val ? load_probe_list(L, d, f[F_CONFIG].val, q, "config_rules",
	                                         config_rule_load, err)
	                       : 0;
}

static int load_area(struct loader *L, struct ydoc *d, struct wa_err *err)
{
	yaml_node_t *root = ydoc_root(d);
	struct yfield top[] = { { "area", true, 0, 0 }, { "questions", true, 0, 0 } };
	struct yfield af[] = { { "id", true, 0, 0 }, { "title", true, 0, 0 } };
	struct qset *qs = L->qs;
	struct area *a;
	long len;

	if (!root)
		return err_set(err, d->file, 1, 1, "empty file; expected 'area' and 'questions'");
	if (ydoc_map(d, root, top, 2, "area file", err) ||
	    ydoc_map(d, top[0].val, af, 2, "area", err))
		return -1;
	qs->areas = xrealloc(qs->areas, (qs->n_areas + 1) * sizeof(*qs->areas));
	a = &qs->areas[qs->n_areas++];
	memset(a, 0, sizeof(*a));
	a->first = qs->n_questions;
	if (ydoc_str(d, af[0].val, "area id", &a->id, err) ||
	    ydoc_str(d, af[1].val, "area title", &a->title, err))
		return -1;
	if (!valid_slug(a->id))
		return ydoc_fail(
		        d, af[0].val, err,
		        "area id '%s' may hold only lowercase letters, digits, '-' and '_'", a->id);
	if (strset_add(&L->areaids, a->id, 0) >= 0)
		return ydoc_fail(d, af[0].val, err, "duplicate area id '%s'", a->id);
	len = ydoc_seq_len(d, top[1].val, "questions", err);
	if (len < 0)
		return -1;
	if (len == 0)
		return ydoc_fail(d, top[1].val, err, "area '%s' has no questions", a->id);
	for (long i = 0; i < len; i++) {
		struct question *q;
		qs->questions = xgrow(qs->questions, &L->cap_q, qs->n_questions + 1,
		                      sizeof(*qs->questions));
		q = &qs->questions[qs->n_questions++];
		memset(q, 0, sizeof(*q));
		q->area = qs->n_areas - 1;
		a->count++;
		if (load_question(L, d, ydoc_seq_item(d, top[1].val, (size_t)i), q, err))
			return -1;
	}
	return 0;
}

/* Area file names are plain names inside the set's directory: no paths. */
static int valid_area_file(const char *s)
{
	size_t n = strlen(s);
	return n > 5 && !strchr(s, '/') && s[0] != '.' && strcmp(s + n - 5, ".yaml") == 0;
}

static int load_manifest(struct loader *L, struct ydoc *d, char ***files, size_t *n_files,
                         struct wa_err *err)
{
	yaml_node_t *root = ydoc_root(d);
	struct yfield top[] = { { "set", true, 0, 0 } };
	enum { F_ID, F_NAME, F_DESC, F_PILLAR, F_VERSION, F_LENS, F_AREAS, F_N };
	struct yfield f[F_N] = {
		[F_ID] = { "id", true, 0, 0 },
		[F_NAME] = { "name", true, 0, 0 },
		[F_DESC] = { "description", false, 0, 0 },
		[F_PILLAR] = { "pillar", true, 0, 0 },
		[F_VERSION] = { "framework_version", true, 0, 0 },
		[F_LENS] = { "lens_alias", false, 0, 0 },
		[F_AREAS] = { "areas", true, 0, 0 },
	};
	struct qset *qs = L->qs;

	if (!root)
		return err_set(err, d->file, 1, 1, "empty file; expected 'set'");
	if (ydoc_map(d, root, top, 1, "set file", err) ||
	    ydoc_map(d, top[0].val, f, F_N, "set", err))
		return -1;
	if (ydoc_str(d, f[F_ID].val, "set id", &qs->id, err) ||
	    ydoc_str(d, f[F_NAME].val, "set name", &qs->name, err) ||
	    (f[F_DESC].val &&
	     ydoc_str(d, f[F_DESC].val, "set description", &qs->description, err)) ||
	    ydoc_str(d, f[F_PILLAR].val, "pillar", &qs->pillar, err) ||
	    ydoc_str(d, f[F_VERSION].val, "framework_version", &qs->framework_version, err) ||
	    (f[F_LENS].val && ydoc_str(d, f[F_LENS].val, "lens_alias", &qs->lens_alias, err)) ||
	    ydoc_strlist(d, f[F_AREAS].val, "areas", files, n_files, err))
		return -1;
	if (!valid_slug(qs->id))
		return ydoc_fail(d, f[F_ID].val, err,
		                 "set id '%s' may hold only lowercase letters, digits, '-' and '_'",
		                 qs->id);
	if (*n_files == 0)
		return ydoc_fail(d, f[F_AREAS].val, err, "areas: list at least one area file");
	for (size_t i = 0; i < *n_files; i++) {
		if (!valid_area_file((*files)[i]))
			return ydoc_fail(
			        d, ydoc_seq_item(d, f[F_AREAS].val, i), err,
			        "areas: '%s' must be a file name ending in .yaml, without a "
			        "directory",
			        (*files)[i]);
		for (size_t j = 0; j < i; j++)
			if (!strcmp((*files)[i], (*files)[j]))
				return ydoc_fail(d, ydoc_seq_item(d, f[F_AREAS].val, i), err,
				                 "areas: '%s' is listed twice", (*files)[i]);
	}
	return 0;
}

/* Reads one file through the source and parses it as a YAML document. */
static int open_doc(struct loader *L, qset_source_fn src, void *ctx, const char *name,
                    struct ydoc *d, char **text, struct wa_err *err)
{
	size_t len;
	const char *label;

	*text = NULL;
	memset(d, 0, sizeof(*d));
	if (src(ctx, name, text, &len, &label, err))
		return -1;
	return ydoc_load(d, remember_label(L, label), *text, len, err);
}

int qset_load(qset_source_fn src, void *ctx, struct qset **out, struct wa_err *err)
{
	struct loader L;
	struct ydoc d;
	char *text = NULL, **files = NULL;
	size_t n_files = 0;
	int rc;

	memset(&L, 0, sizeof(L));
	L.qs = xcalloc(1, sizeof(*L.qs));
	*out = NULL;
	rc = open_doc(&L, src, ctx, "set.yaml", &d, &text, err);
	if (!rc)
		rc = load_manifest(&L, &d, &files, &n_files, err);
	ydoc_free(&d);
	free(text);
	for (size_t i = 0; !rc && i < n_files; i++) {
		rc = open_doc(&L, src, ctx, files[i], &d, &text, err);
		if (!rc)
			rc = load_area(&L, &d, err);
		ydoc_free(&d);
		free(text);
	}
	for (size_t i = 0; i < n_files; i++)
		free(files[i]);
	free(files);
	strset_free(&L.qids);
	strset_free(&L.bpids);
	strset_free(&L.choiceids);
	strset_free(&L.areaids);
	strset_free(&L.probeids);
	for (size_t i = 0; i < L.n_labels; i++)
		free(L.labels[i]);
	free(L.labels);
	if (rc) {
		qset_free(L.qs);
		return -1;
	}
	*out = L.qs;
	return 0;
}

struct dir_ctx {
	const char *dir;
	char *label;
};

static int dir_source(void *ctx, const char *name, char **text, size_t *len, const char **label,
                      struct wa_err *err)
{
	struct dir_ctx *c = ctx;

	free(c->label);
	c->label = xasprintf("%s/%s", c->dir, name);
	*label = c->label;
	return fsio_read(c->label, FSIO_QUESTIONS, text, len, err);
}

int qset_load_dir(const char *dir, struct qset **out, struct wa_err *err)
{
	struct dir_ctx c = { dir, NULL };
	int rc = qset_load(dir_source, &c, out, err);

	free(c.label);
	return rc;
}

struct builtin_ctx {
	char label[256];
};

static int builtin_source(void *ctx, const char *name, char **text, size_t *len, const char **label,
                          struct wa_err *err)
{
	struct builtin_ctx *c = ctx;
	const struct builtin_file *f;
	char path[256];

	snprintf(path, sizeof(path), "questions/%s", name);
	snprintf(c->label, sizeof(c->label), "(built-in) questions/%s", name);
	*label = c->label;
	f = builtin_find(path);
	if (!f)
		return err_set(err, c->label, 0, 0, "not built into this binary");
	*text = xstrndup(f->data, f->len);
	*len = f->len;
	return 0;
}

int qset_load_builtin(struct qset **out, struct wa_err *err)
{
	struct builtin_ctx c;
	return qset_load(builtin_source, &c, out, err);
}
