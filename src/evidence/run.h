/* A sweep: every probe (or one question's) in every Region asked for, through a caller, in
 * a few large batches — the first calls of all probes at once, then every fan-out call at
 * once — and the findings that come of it. The runner is built for a UI that must not
 * freeze: step it yourself (each step sends one batch), or start it on its own thread and
 * poll its progress, then take the snapshot. */
#ifndef WAR_EVIDENCE_RUN_H
#define WAR_EVIDENCE_RUN_H

#include <stdbool.h>
#include <stddef.h>

#include "evidence/caller.h"
#include "model/evidence.h"
#include "model/qset.h"
#include "model/scope.h"
#include "util/err.h"

struct evidence_run_opts {
	const char *question;       /* only this question's probes; NULL: every question */
	const char *const *regions; /* the Regions to sweep; NULL/0: the caller's default */
	size_t n_regions;
	bool all_regions; /* every Region enabled in the account (ec2 DescribeRegions) */
	const struct wl_scope *scope; /* the workload's scope; NULL or empty: the account */
	/* Several accounts: each swept as the role ev_caller_assume() took in it, findings
	 * kept per account and Region; account_errors[i] (may be NULL) says why account i's
	 * role could not be assumed, which makes its every result an error. n 0: the caller's
	 * own account. */
	const char *const *accounts;
	const char *const *account_errors;
	size_t n_accounts;
	/* With role (an IAM role name, evidence/accounts.h): the sweep's first step assumes it
	 * in each account (session EV_ROLE_SESSION), on the sweep's thread like every other
	 * call, so a UI stays live and can cancel it; an account whose AssumeRole fails is
	 * that account's error. With org_unit too, the accounts are that OU's (or root's)
	 * active ones, listed in that step (accounts must be empty); a listing that fails
	 * fails the sweep. Both copied. */
	const char *role;
	const char *org_unit;
};

/* Where a sweep stands; a copy, safe to take from any thread. */
enum evidence_stage {
	EVIDENCE_STAGE_START = 0,
	EVIDENCE_STAGE_ACCOUNTS, /* listing the OU's accounts, assuming the role in each */
	EVIDENCE_STAGE_REGIONS,  /* listing the account's Regions (--regions all) */
	EVIDENCE_STAGE_CALLS,    /* the probes' first calls */
	EVIDENCE_STAGE_FANOUT,   /* the calls per item of fan-out probes */
	EVIDENCE_STAGE_DONE,     /* finished: take the snapshot */
	EVIDENCE_STAGE_FAILED,   /* stopped: see evidence_run_error() */
	EVIDENCE_STAGE_CANCELLED,
};

struct evidence_progress {
	enum evidence_stage stage;
	size_t calls_done;  /* calls answered so far */
	size_t calls_total; /* calls planned so far (grows when fan-out is planned) */
	size_t probes;      /* probes in the sweep */
};

struct evidence_run;

/* Plans a sweep of qs's probes through caller (both borrowed; they must outlive the run).
 * Returns 0 with *out (free with evidence_run_free()), or -1 with err: no such question,
 * no probes, no Region to sweep. */
int evidence_run_new(const struct qset *qs, struct ev_caller *caller,
                     const struct evidence_run_opts *opts, struct evidence_run **out,
                     struct wa_err *err);

/* Does the next step on this thread: sends one batch and waits for it, or judges.
 * Returns 1 while there is more to do, 0 once finished (done, failed or cancelled). Not to
 * be mixed with evidence_run_start(). */
int evidence_run_step(struct evidence_run *r);

/* Runs all steps on a thread of its own and returns at once. Returns 0, or -1 with err
 * when the thread cannot be started (then step instead). */
int evidence_run_start(struct evidence_run *r, struct wa_err *err);

/* The sweep's progress (any thread). */
void evidence_run_progress(struct evidence_run *r, struct evidence_progress *p);

/* Whether it has finished (any thread); after a start, also whether the thread is done. */
bool evidence_run_finished(struct evidence_run *r);

/* Asks the sweep to stop after the batch in flight (any thread); it ends CANCELLED. */
void evidence_run_cancel(struct evidence_run *r);

/* Blocks until a started sweep has finished; a no-op otherwise. */
void evidence_run_wait(struct evidence_run *r);

/* Why a sweep failed (its stage is FAILED): e.g. the Regions could not be listed. */
const struct wa_err *evidence_run_error(struct evidence_run *r);

/* The accounts of a sweep of several, as its first step left them (read it once the sweep
 * has finished): how many, and account i's ID with, in *error (may be NULL), why its role
 * could not be assumed, or NULL when it was. Borrowed until evidence_run_free(). */
size_t evidence_run_n_accounts(struct evidence_run *r);
const char *evidence_run_account(struct evidence_run *r, size_t i, const char **error);

/* After DONE: the snapshot (findings in question-set order), handed over to the caller
 * (evidence_free()); NULL before, after a failure, or when already taken. */
struct evidence *evidence_run_take(struct evidence_run *r);

/* Waits for a started sweep to finish (cancel first to make that quick), then frees it. */
void evidence_run_free(struct evidence_run *r);

#endif
