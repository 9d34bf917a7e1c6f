/* The evidence snapshot a review keeps: what each probe showed, per Region (timestamp,
 * account, Regions, findings). Plain data plus its JSON form, which is both the `evidence`
 * section of a review file (wa-review(1), THE REVIEW FILE) and the output of
 * `wa-review evidence --format json`. src/evidence fills it (probes, runner, suggestions);
 * the review owns one (rv->evidence). */
#ifndef WAR_MODEL_EVIDENCE_H
#define WAR_MODEL_EVIDENCE_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "model/measure.h"
#include "model/qset.h"
#include "model/review.h"
#include "util/err.h"

/* A probe's outcome. Ordered so that the worst of several Regions is the largest: a failure
 * anywhere is a failure, an error leaves the answer open, a pass beats "none found". */
enum outcome {
	OUTCOME_NONE = 0,
	OUTCOME_NOT_APPLICABLE, /* nothing of the kind was found (in scope, AWS defaults aside) */
	OUTCOME_PASS,
	OUTCOME_ERROR, /* could not check: a call or the query failed, or items went unchecked */
	OUTCOME_FAIL,  /* an offender was found (even if other items could not be checked) */
};

/* Why a result is an error. */
struct probe_fault {
	char *call; /* "rds:DescribeDBInstances in eu-west-1"; NULL when no call failed */
	char *code; /* API error code ("AccessDenied"), or NULL */
	char *message;
	long http_status; /* 0 when there was no HTTP answer */
};

/* A probe's outcome in one Region (or for the account, "global"). */
struct region_result {
	char *account; /* the account swept (12 digits) in a sweep of several; NULL: the one */
	char *region;
	enum outcome outcome;
	char *text;   /* the finding as a sentence */
	char **cited; /* resources it names: every offender, or what was found */
	size_t n_cited;
	long count;        /* how many the criterion counted (offenders, items, values); -1 when a
	                    * snapshot read back does not say */
	long examined;     /* resources examined; -1 when the probe does not say */
	long defaults;     /* resources AWS creates in every account, left out; 0: none */
	long out_of_scope; /* resources outside the workload's scope, left out; 0: none */
	char **unchecked;  /* items whose own call failed, so they were not judged */
	size_t n_unchecked;
	struct probe_fault fault; /* OUTCOME_ERROR, or the first unchecked item's failure */
	struct measure *measures; /* availability measured per resource (metric probes with
	                           * 'availability'); NULL/0: none */
	size_t n_measures;
};

struct finding {
	char *probe; /* probe ID */
	char *question;
	char *title;
	char **bps; /* the best practices it is evidence for */
	size_t n_bps;
	char *collected; /* ISO 8601 UTC time of the sweep that produced it */
	bool any_region; /* the probe passes when one Region passes (pass_in: any_region) */
	enum probe_proves proves; /* what its pass proves; snapshots that do not say: existence */
	enum probe_source source; /* our probe (snapshots that do not say) or an AWS Config rule */
	char *same_as;            /* SOURCE_CONFIG: our probe that checks the same, or NULL */
	enum outcome outcome;     /* finding_outcome() of its results */
	struct region_result *results;
	size_t n_results;
};

struct evidence {
	char *collected; /* the newest sweep's time */
	char *account;   /* 12-digit account ID, or NULL when it could not be learnt or when
	                  * several accounts were swept (then see accounts) */
	char **accounts; /* the accounts a sweep of several covered, in order; n 0: one */
	size_t n_accounts;
	char *scope;    /* what was judged, in words ("resources tagged app=checkout"); NULL:
	                 * the whole account */
	char **regions; /* every Region the findings cover, sorted */
	size_t n_regions;
	struct finding *findings; /* in question-set order when built by a sweep */
	size_t n_findings;
};

/* "not_applicable", "pass", "error", "fail" (as in files); parse returns OUTCOME_NONE when
 * unknown. outcome_label gives "N/A", "PASS", "ERROR", "FAIL" for people. */
const char *outcome_name(enum outcome o);
enum outcome outcome_parse(const char *s);
const char *outcome_label(enum outcome o);

/* A finding's outcome from its results: the worst of them (fail, then error, then pass,
 * then not applicable). With any_region, one passing Region makes it a pass — unless
 * another Region could not be checked (an error) or named an offender (a failure). With
 * results of several accounts, each account is judged so on its own and the worst of the
 * accounts counts: a pass needs a pass in every account. */
enum outcome finding_outcome(const struct region_result *r, size_t n, bool any_region);

/* Where a result was found, for people: "eu-west-1", or "111122223333 eu-west-1" when it
 * names its account; "global" for a result without a Region. Into buf; returns buf. */
const char *region_result_where(const struct region_result *r, char *buf, size_t len);

/* Returns a newly allocated empty snapshot; free with evidence_free(). */
struct evidence *evidence_new(void);
/* Frees the snapshot and all it owns; NULL is fine. */
void evidence_free(struct evidence *ev);
/* A deep copy of ev sharing nothing with it (free with evidence_free()); NULL for NULL. */
struct evidence *evidence_dup(const struct evidence *ev);
/* Frees what a finding / a result owns (not the struct). */
void finding_clear(struct finding *f);
void region_result_clear(struct region_result *r);

/* The finding of probe id, or NULL (borrowed). */
const struct finding *evidence_find(const struct evidence *ev, const char *probe);

/* Appends a copy of s to r's cited list; counts nothing (count is the caller's). */
void region_result_cite(struct region_result *r, const char *s);
/* Appends a copy of s to r's unchecked items. */
void region_result_unchecked(struct region_result *r, const char *s);

/* The snapshot as JSON, keys in a fixed order (the review file's layout). Returns a new
 * cJSON object (cJSON_Delete()). */
cJSON *evidence_to_json(const struct evidence *ev);

/* One finding as JSON, the form a snapshot's findings list holds. Returns a new cJSON
 * object (cJSON_Delete()). */
cJSON *finding_to_json(const struct finding *f);

/* Reads a snapshot from JSON. With qs, question and best-practice IDs must exist in it.
 * Returns 0 with *out (evidence_free()), or -1 with err naming the member ("evidence.
 * findings[2].outcome: …") and, when at is not NULL, *at the node at fault (borrowed from
 * j), so a caller that built j from a file can point at the line. */
int evidence_from_json(const cJSON *j, const struct qset *qs, struct evidence **out,
                       const cJSON **at, struct wa_err *err);

/* Folds a newer sweep into an older snapshot: the newer findings replace those of the same
 * probes, the others are kept — unless the account differs, when only the newer ones
 * remain. Takes both (old may be NULL); returns the merged snapshot. Findings end up in
 * question-set order when qs is given. */
struct evidence *evidence_merge(struct evidence *old, struct evidence *newer,
                                const struct qset *qs);

/* Folds a copy of a sweep (ev stays the caller's) into rv->evidence as evidence_merge()
 * does. */
void evidence_store(struct review *rv, const struct qset *qs, const struct evidence *ev);

/* Counts findings by outcome into n[OUTCOME_*] (n has OUTCOME_FAIL + 1 slots). */
void evidence_count(const struct evidence *ev, const char *question, size_t *n);

#endif
