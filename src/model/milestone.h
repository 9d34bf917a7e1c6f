/* Milestones: named, dated snapshots of a review's answers, risks and finished roadmap
 * items, and what changed between two of them. They live in the review's `milestones`
 * section (rv->milestones), oldest first:
 *   milestones:
 *     - name: baseline
 *       date: "2026-11-02T11:40:00Z"
 *       questions:              every question of the set
 *         REL01: { risk: HIGH, selected: [REL01-BP01, REL01-BP02] }
 *       done: [REL09-BP02]      roadmap items marked done at the time (optional) */
#ifndef WAR_MODEL_MILESTONE_H
#define WAR_MODEL_MILESTONE_H

#include <stdbool.h>
#include <stddef.h>

#include "model/qset.h"
#include "model/review.h"
#include "util/err.h"

#define MILESTONE_NAME_MAX 100 /* bytes */

/* One question as a milestone saw it. */
struct ms_question {
	char *question; /* question ID */
	enum qrisk risk;
	char **selected; /* best practices in place (none when none_of_these) */
	size_t n_selected;
};

struct milestone {
	char *name;                    /* unique within the review */
	char *date;                    /* ISO time it was recorded */
	struct ms_question *questions; /* every question of the set at the time, in set order */
	size_t n_questions;
	char **done; /* roadmap items marked done at the time */
	size_t n_done;
};

/* The review as it stands, as a milestone named name at date (ISO time). Returns a newly
 * allocated milestone; free with milestone_free(). */
struct milestone *milestone_snapshot(const struct qset *qs, const struct review *rv,
                                     const char *name, const char *date);

/* Appends a snapshot named name to rv->milestones. Returns 0, or -1 with err when the name
 * is empty, too long, has control characters or is already taken. */
int milestone_add(struct review *rv, const struct qset *qs, const char *name, const char *date,
                  struct wa_err *err);

/* The milestone with that name, the latest one, or NULL (borrowed from rv->milestones). */
const struct milestone *milestone_find(const struct review *rv, const char *name);
const struct milestone *milestone_last(const struct review *rv);

/* A deep copy of the n milestones at v; NULL when n is 0. Free each with milestone_clear(),
 * then the array. */
struct milestone *milestone_dup(const struct milestone *v, size_t n);
/* Frees what m owns and leaves it empty (not m itself). */
void milestone_clear(struct milestone *m);
/* Frees m and all it owns; NULL is fine. */
void milestone_free(struct milestone *m);

struct ms_change {
	const struct question *q; /* borrowed from the set */
	enum qrisk from, to;
};

struct ms_item {
	const struct question *q;
	const struct bp *bp;
	bool in_place; /* now selected in the answers (else: marked done) */
};

/* What changed from one snapshot to another. Arrays are owned; free with
 * milestone_diff_clear(). Questions whose risk moved between HIGH, MEDIUM and NONE are
 * `up` or `down`; any other change (answered for the first time, marked not applicable)
 * is `other`. `done` are best practices missing at `from` (question answered) that are in
 * place or marked done at `to`; `reopened` were in place at `from` and are missing now. */
struct ms_diff {
	struct ms_change *up, *down, *other;
	size_t n_up, n_down, n_other;
	struct ms_item *done, *reopened;
	size_t n_done, n_reopened;
};

/* Compares two snapshots (from milestone_find() or milestone_snapshot()). Never fails:
 * questions or best practices a snapshot lacks count as unanswered / not selected. */
void milestone_diff(const struct qset *qs, const struct milestone *from, const struct milestone *to,
                    struct ms_diff *out);
void milestone_diff_clear(struct ms_diff *d);

/* Whether a diff has nothing to report. */
bool milestone_diff_empty(const struct ms_diff *d);

#endif
