/* A review: the workload under review and the answers given, as kept in a review file.
 * Plain data, no I/O: src/store/review_io.c loads and saves it. */
#ifndef WAR_MODEL_REVIEW_H
#define WAR_MODEL_REVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "model/checklist.h"
#include "model/scope.h"

/* The sections' own headers define these (model/evidence.h, model/roadmap_edit.h,
 * model/milestone.h); a review only points at them. */
struct evidence;
struct roadmap_override;
struct milestone;

#define REVIEW_SCHEMA 1

enum na_reason {
	NA_NO = 0,
	NA_OUT_OF_SCOPE,
	NA_BUSINESS_PRIORITIES,
	NA_ARCHITECTURE_CONSTRAINTS,
	NA_OTHER
};

/* Who decided whether a best practice is in place: the reviewers, or the evidence
 * suggestion they accepted (wa-review evidence, the wizard's evidence pane). */
enum answer_source { SOURCE_REVIEWER = 0, SOURCE_EVIDENCE };

struct bp_source {
	char *bp; /* best-practice ID */
	enum answer_source source;
};

/* A best practice that does not apply to the workload (the Well-Architected Tool's
 * per-choice NOT_APPLICABLE): it is neither in place nor missing, and counts as met for the
 * question's risk, as in the Tool. */
struct bp_na {
	char *bp; /* best-practice ID */
	enum na_reason reason;
	char *note; /* NULL when none */
};

struct answer {
	char *question;  /* question ID, e.g. "REL01" */
	char **selected; /* best-practice IDs in place, kept in question-set order */
	size_t n_selected;
	bool none_of_these;
	enum na_reason na;         /* NA_NO unless marked not applicable */
	char *na_note;             /* optional detail for the reason; NULL when none */
	char *notes;               /* free text, UTF-8, may span lines; NULL when none */
	bool flagged;              /* follow up after the review */
	char *updated;             /* ISO 8601 UTC time of the last change; NULL when unknown */
	struct bp_source *sources; /* recorded deciders; a best practice not listed here was
	                            * decided by the reviewers */
	size_t n_sources;
	char **open; /* practices nobody has decided yet, when evidence decided only some of the
	              * question's (NULL/0: the answer covers every practice), question order */
	size_t n_open;
	struct bp_na *bp_na; /* practices marked not applicable, never selected or open */
	size_t n_bp_na;
};

/* Where one best practice of an answered question stands. */
enum bp_state { BP_OPEN = 0, BP_IN_PLACE, BP_MISSING };

struct participant {
	char *name;
	char *role; /* NULL when not given */
};

/* How a component's copies back each other up (review files spell these as
 * avail_redundancy_name() gives them). */
enum redundancy {
	REDUNDANCY_DEFAULT = 0,    /* not given: derived from the service and the AZ count */
	REDUNDANCY_NONE,           /* one copy: its failure is the component's failure */
	REDUNDANCY_ACTIVE_ACTIVE,  /* a serving copy per AZ; up while any copy is up */
	REDUNDANCY_ACTIVE_PASSIVE, /* a primary and standbys; up while any copy is up */
	REDUNDANCY_N_PLUS_1,       /* one spare: up while at most one copy is down */
	REDUNDANCY_MANAGED         /* AWS runs the redundancy (S3, Lambda, RDS Multi-AZ, …) */
};

/* One part of the workload, for the composite availability (see model/avail.h). */
struct component {
	char *name;
	char *tier;             /* label grouping components in output; NULL when not given */
	char *service;          /* "ec2", "RDS MySQL", "ALB + EC2 Auto Scaling"; NULL when none */
	int availability_zones; /* copies, one per AZ; 0 when not given */
	enum redundancy redundancy;
	double availability; /* percent, as deployed; < 0: derived from the service */
	bool not_critical;   /* off the critical path unless a critical part depends on it */
	char **depends_on;   /* names of components or external APIs it needs */
	size_t n_depends_on;
	char **spof_notes; /* single points of failure the team named inside it */
	size_t n_spof_notes;
};

/* A service outside the workload it calls, such as a payment gateway. */
struct external_api {
	char *name;
	double availability; /* percent */
	bool not_critical;
};

enum incident_impact { IMPACT_FULL = 0, IMPACT_PARTIAL };

/* An outage in the workload's history, for the measured availability. */
struct incident {
	char *date;    /* start: "2024-01-15" or "2024-01-15T10:30:00Z" (UTC) */
	long duration; /* seconds, > 0 */
	enum incident_impact impact;
	char *note; /* NULL when none */
};

struct workload {
	char *name;
	char *description;
	char *owner;
	char *environment; /* production, pre-production, development, … */
	char **regions;
	size_t n_regions;
	char **accounts; /* 12-digit AWS account IDs */
	size_t n_accounts;
	char *criticality;   /* critical, high, medium, low */
	double availability; /* target in percent, e.g. 99.95; < 0 when not set */
	char *rto;           /* duration such as "4h"; NULL when not set */
	char *rpo;
	struct participant *participants;
	size_t n_participants;
	/* Availability model (model/avail.h). */
	struct component *components;
	size_t n_components;
	struct external_api *external_apis;
	size_t n_external_apis;
	struct wl_scope scope;         /* what of the account the review is about; empty: all */
	double downtime_cost_per_hour; /* < 0 when not set */
	char *currency;                /* ISO 4217 code for the cost; NULL: USD */
};

/* The Tool's answer to one question as last pushed or pulled: a digest of its canonical
 * form (model/wasync.h), so push can tell an answer changed in the Tool since. */
struct wa_tool_answer {
	char *question; /* question ID */
	char *digest;   /* hex SHA-256 */
};

/* The review's link to a workload in the AWS Well-Architected Tool (wa-review push, pull).
 * NULL in a review never pushed or pulled. */
struct wa_tool {
	char *workload_id;
	char *region;
	char *lens_version;         /* the Tool's lens version at the last push or pull */
	char *architectural_design; /* the workload's design URL in the Tool; NULL: none */
	char *synced;               /* ISO 8601 UTC time of the last push or pull */
	struct wa_tool_answer *answers;
	size_t n_answers;
};

struct review {
	int schema;
	char *set_id; /* question set the answers refer to */
	char *framework_version;
	char *created;
	char *updated;
	struct workload wl;
	struct answer *answers; /* in question-set order once normalized */
	size_t n_answers;
	size_t cap_answers;
	struct incident *incidents; /* outage history, as listed in the file */
	size_t n_incidents;
	/* The sections other features fill, read once when the file loads. */
	struct checklist checklist;         /* the pre-review checklist's ticked items */
	struct evidence *evidence;          /* the last evidence collected; NULL: none */
	struct roadmap_override *overrides; /* roadmap.items: the team's settings per item, */
	size_t n_overrides;                 /* in question-set order once edited */
	struct milestone *milestones;       /* oldest first */
	size_t n_milestones;
	struct wa_tool *wa_tool; /* the Well-Architected Tool link; NULL: none */
};

/* Returns a newly allocated empty review; free with review_free(). */
struct review *review_new(void);
/* Frees the review and everything it owns; NULL is fine. */
void review_free(struct review *rv);
/* A deep copy of rv, sections included, sharing nothing with it: the copy may be changed
 * (masked for a report, say) and outlive rv. Free with review_free(). */
struct review *review_dup(const struct review *rv);

/* The answer for a question, or NULL when it has none (borrowed). */
struct answer *review_find(const struct review *rv, const char *qid);
/* The answer for a question, created empty when missing (borrowed). */
struct answer *review_get(struct review *rv, const char *qid);

/* Whether bpid is among the answer's selections. */
bool answer_has(const struct answer *a, const char *bpid);
/* Whether the answer says anything at all (selection, none, N/A, a practice decided or
 * marked not applicable). */
bool answer_is_answered(const struct answer *a);
/* Whether every practice of the question has an answer (from evidence or from people), or
 * the question is not applicable. A reviewer who answers a question answers all of it:
 * practices left unticked are not in place. Only evidence leaves practices open. */
bool answer_is_complete(const struct answer *a);
/* How bpid stands in a: open when a is NULL or unanswered or lists it as open; in place
 * when selected; missing otherwise ("none of these", or not ticked). */
enum bp_state answer_bp_state(const struct answer *a, const char *bpid);
/* Whether bpid is still open in a (listed in open). */
bool answer_is_open(const struct answer *a, const char *bpid);
/* Marks bpid decided (drops it from open). */
void answer_decide(struct answer *a, const char *bpid);
/* Who decided best practice bpid of the answer (SOURCE_REVIEWER unless recorded). */
enum answer_source answer_source(const struct answer *a, const char *bpid);
/* Records who decided bpid (replacing an earlier record). */
void answer_set_source(struct answer *a, const char *bpid, enum answer_source s);
/* "reviewer", "evidence"; parse returns -1 when unknown. */
const char *answer_source_name(enum answer_source s);
int answer_source_parse(const char *s);

/* The not-applicable record of bpid in a, or NULL (borrowed). */
const struct bp_na *answer_bp_na(const struct answer *a, const char *bpid);
/* Marks bpid not applicable for reason (NA_NO: applicable again, dropping the record) with
 * an optional note (copied); unticks it and decides it when open. */
void answer_set_bp_na(struct answer *a, const char *bpid, enum na_reason reason, const char *note);

/* The digest recorded for question qid, or NULL (borrowed). */
const char *wa_tool_digest(const struct wa_tool *t, const char *qid);
/* Records digest (copied; NULL forgets the question) for question qid. */
void wa_tool_set_digest(struct wa_tool *t, const char *qid, const char *digest);
/* A deep copy of t (NULL gives NULL); free with wa_tool_free(). */
struct wa_tool *wa_tool_dup(const struct wa_tool *t);
/* Frees t and all it owns; NULL is fine. */
void wa_tool_free(struct wa_tool *t);

/* Frees what an answer owns (not the struct itself). */
void answer_clear(struct answer *a);

/* Free what a component, an external API or an incident owns (not the struct itself). */
void component_clear(struct component *c);
void external_api_clear(struct external_api *x);
void incident_clear(struct incident *i);

const char *na_reason_name(enum na_reason r);  /* "out_of_scope", …; NULL for NA_NO */
enum na_reason na_reason_parse(const char *s); /* NA_NO when unknown */

#endif
