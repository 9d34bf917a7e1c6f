/* A question set written back as YAML files in the layout qset_load() reads, through
 * libyaml's emitter (src/store/yemit.c picks each string's style). */
#include "store/lens.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/lens_int.h"
#include "store/yemit.h"
#include "util/xalloc.h"

static const char *rule_risk(enum qrisk r)
{
	return r == QRISK_HIGH ? "high" : r == QRISK_MEDIUM ? "medium" : "none";
}

static void emit_list(struct yemit *y, const char *key, char *const *items, size_t n)
{
	yemit_str(y, key);
	yemit_seq_begin(y, false);
	for (size_t i = 0; i < n; i++)
		yemit_str(y, items[i]);
	yemit_seq_end(y);
}

static void emit_bp(struct yemit *y, const struct bp *bp)
{
	yemit_map_begin(y, false);
	yemit_pair(y, "id", bp->id);
	yemit_pair(y, "title", bp->title);
	yemit_pair(y, "choice_id", bp->choice_id);
	yemit_pair(y, "risk", bp_risk_name(bp->risk));
	yemit_pair(y, "effort", effort_name(bp->effort));
	yemit_pair(y, "description", bp->description);
	yemit_pair(y, "why", bp->why);
	emit_list(y, "steps", bp->steps, bp->n_steps);
	if (bp->n_services)
		emit_list(y, "services", bp->services, bp->n_services);
	yemit_str(y, "links");
	yemit_seq_begin(y, false);
	for (size_t i = 0; i < bp->n_links; i++) {
		yemit_map_begin(y, false);
		yemit_pair(y, "title", bp->links[i].title);
		yemit_pair(y, "url", bp->links[i].url);
		yemit_map_end(y);
	}
	yemit_seq_end(y);
	yemit_map_end(y);
}

static void emit_question(struct yemit *y, const struct question *q)
{
	yemit_map_begin(y, false);
	yemit_pair(y, "id", q->id);
	yemit_pair(y, "title", q->title);
	yemit_pair(y, "wa_question_id", q->wa_question_id);
	yemit_pair(y, "none_choice_id", q->none_choice_id);
	yemit_pair(y, "description", q->description);
	if (q->n_rules) {
		const char **names = xcalloc(q->n_bps + 1, sizeof(*names));

		for (size_t i = 0; i < q->n_bps; i++)
			names[i] = q->bps[i].id;
		yemit_str(y, "risk_rules");
		yemit_seq_begin(y, false);
		for (size_t i = 0; i < q->n_rules; i++) {
			char *when = q->rules[i].when ? lens_cond_print(q->rules[i].when, names)
			                              : xstrdup("default");
			yemit_map_begin(y, false);
			yemit_pair(y, "when", when);
			yemit_pair(y, "risk", rule_risk(q->rules[i].risk));
			yemit_map_end(y);
			free(when);
		}
		yemit_seq_end(y);
		free(names);
	}
	yemit_str(y, "best_practices");
	yemit_seq_begin(y, false);
	for (size_t i = 0; i < q->n_bps; i++)
		emit_bp(y, &q->bps[i]);
	yemit_seq_end(y);
	yemit_map_end(y);
}

static int take(struct yemit *y, struct lens_file *f, const char *name, struct wa_err *err)
{
	yemit_doc_end(y);
	f->text = yemit_take(y, &f->len);
	if (!f->text) {
		err_set(err, name, 0, 0, "cannot write YAML: %s", y->problem);
		yemit_free(y);
		return -1;
	}
	f->name = xstrdup(name);
	yemit_free(y);
	return 0;
}

static int emit_manifest(const struct qset *qs, struct lens_file *f, struct wa_err *err)
{
	struct yemit y;

	yemit_init(&y);
	yemit_comment(&y, "A wa-review question set (wa-review-questions(5)).");
	yemit_doc_begin(&y);
	yemit_map_begin(&y, false);
	yemit_str(&y, "set");
	yemit_map_begin(&y, false);
	yemit_pair(&y, "id", qs->id);
	yemit_pair(&y, "name", qs->name);
	if (qs->description)
		yemit_pair(&y, "description", qs->description);
	yemit_pair(&y, "pillar", qs->pillar);
	yemit_pair(&y, "framework_version", qs->framework_version);
	if (qs->lens_alias)
		yemit_pair(&y, "lens_alias", qs->lens_alias);
	yemit_str(&y, "areas");
	yemit_seq_begin(&y, false);
	for (size_t a = 0; a < qs->n_areas; a++) {
		char *file = xasprintf("%s.yaml", qs->areas[a].id);
		yemit_str(&y, file);
		free(file);
	}
	yemit_seq_end(&y);
	yemit_map_end(&y);
	yemit_map_end(&y);
	return take(&y, f, "set.yaml", err);
}

static int emit_area(const struct qset *qs, size_t a, struct lens_file *f, struct wa_err *err)
{
	const struct area *ar = &qs->areas[a];
	char *name = xasprintf("%s.yaml", ar->id);
	struct yemit y;
	int rc;

	yemit_init(&y);
	yemit_doc_begin(&y);
	yemit_map_begin(&y, false);
	yemit_str(&y, "area");
	yemit_map_begin(&y, false);
	yemit_pair(&y, "id", ar->id);
	yemit_pair(&y, "title", ar->title);
	yemit_map_end(&y);
	yemit_str(&y, "questions");
	yemit_seq_begin(&y, false);
	for (size_t i = ar->first; i < ar->first + ar->count; i++)
		emit_question(&y, &qs->questions[i]);
	yemit_seq_end(&y);
	yemit_map_end(&y);
	rc = take(&y, f, name, err);
	free(name);
	return rc;
}

int lens_yaml(const struct qset *qs, struct lens_file **files, size_t *n, struct wa_err *err)
{
	struct lens_file *f = xcalloc(qs->n_areas + 1, sizeof(*f));
	int rc = emit_manifest(qs, &f[0], err);

	for (size_t a = 0; !rc && a < qs->n_areas; a++)
		rc = emit_area(qs, a, &f[a + 1], err);
	if (rc) {
		lens_files_free(f, qs->n_areas + 1);
		return -1;
	}
	*files = f;
	*n = qs->n_areas + 1;
	return 0;
}

void lens_files_free(struct lens_file *files, size_t n)
{
	for (size_t i = 0; files && i < n; i++) {
		free(files[i].name);
		free(files[i].text);
	}
	free(files);
}
