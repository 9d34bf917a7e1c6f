/* The question set: areas, questions and best practices, as loaded from questions/.
 * Plain data, no I/O: src/store/qset_load.c builds it, everything else reads it. */
#ifndef WAR_MODEL_QSET_H
#define WAR_MODEL_QSET_H

#include <stddef.h>

/* Level of risk if a best practice is not established. Order matters: higher is worse. */
enum bp_risk { BP_RISK_LOW = 1, BP_RISK_MEDIUM, BP_RISK_HIGH };
enum effort { EFFORT_LOW = 1, EFFORT_MEDIUM, EFFORT_HIGH };

/* Computed risk of a question (and what a risk rule may yield). */
enum qrisk { QRISK_UNANSWERED = 0, QRISK_NOT_APPLICABLE, QRISK_NONE, QRISK_MEDIUM, QRISK_HIGH };

struct link {
	char *title;
	char *url;
};

struct bp {
	char *id;          /* "REL01-BP01" */
	char *title;
	char *choice_id;   /* Well-Architected Tool ChoiceId */
	enum bp_risk risk;
	enum effort effort;
	char *description; /* what it means */
	char *why;         /* why it matters */
	char **steps;      /* how to implement, in order */
	size_t n_steps;
	char **services;   /* AWS services that help */
	size_t n_services;
	struct link *links;
	size_t n_links;
};

/* A risk-rule condition: a small boolean tree over best-practice selections. */
enum rexpr_kind { REXPR_BP, REXPR_NOT, REXPR_AND, REXPR_OR };
struct rexpr {
	enum rexpr_kind kind;
	size_t bp;         /* REXPR_BP: index into question.bps */
	struct rexpr *a, *b;
};

struct risk_rule {
	struct rexpr *when; /* NULL: the default rule, always true */
	enum qrisk risk;    /* QRISK_NONE, QRISK_MEDIUM or QRISK_HIGH */
};

struct question {
	char *id;          /* "REL01" */
	char *title;
	char *description;
	char *wa_question_id;
	char *none_choice_id;
	size_t area;       /* index into qset.areas */
	struct bp *bps;
	size_t n_bps;
	struct risk_rule *rules; /* NULL/0: highest risk among unselected best practices */
	size_t n_rules;
};

struct area {
	char *id;          /* "foundations" */
	char *title;       /* "Foundations" */
	size_t first;      /* index of its first question in qset.questions */
	size_t count;
};

struct qset {
	char *id;
	char *name;
	char *pillar;
	char *framework_version;
	char *lens_alias;
	struct area *areas;
	size_t n_areas;
	struct question *questions;
	size_t n_questions;
};

/* Frees the set and everything it owns; NULL is fine. */
void qset_free(struct qset *qs);

/* Lookups by ID; return a borrowed pointer, or NULL when absent. */
const struct question *qset_find_question(const struct qset *qs, const char *id);
const struct bp *question_find_bp(const struct question *q, const char *id);
/* Index of the best practice in q, or -1. */
long question_bp_index(const struct question *q, const char *id);

/* Counts every best practice in the set. */
size_t qset_count_bps(const struct qset *qs);

/* Names as written in files ("high", "medium", …); parse returns 0 when unknown. */
const char *bp_risk_name(enum bp_risk r);
enum bp_risk bp_risk_parse(const char *s);
const char *effort_name(enum effort e);
enum effort effort_parse(const char *s);
/* "HIGH", "MEDIUM", "NONE", "NOT_APPLICABLE", "UNANSWERED". */
const char *qrisk_name(enum qrisk r);

#endif
