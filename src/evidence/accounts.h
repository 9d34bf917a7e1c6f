/* Which accounts a sweep covers, and as which role: the --role, --org-unit and --accounts
 * options that `wa-review evidence` and the wizard take alike. Checking the options, the
 * list of account IDs (given, or the workload's) and the accounts of an Organizations OU
 * live here, below both, so the command and the wizard sweep by one code path
 * (evidence_run_opts.role and .org_unit take it from there). */
#ifndef WAR_EVIDENCE_ACCOUNTS_H
#define WAR_EVIDENCE_ACCOUNTS_H

#include <stdbool.h>
#include <stddef.h>

#include "evidence/caller.h"
#include "model/review.h"
#include "model/workload.h"
#include "util/err.h"

/* The STS session name every assumed role gets (CloudTrail shows it). */
#define EV_ROLE_SESSION "wa-review"

/* The options as checked. All members owned; a zeroed struct is "no --role": the caller's
 * own account. */
struct ev_targets {
	char *role;      /* the IAM role name ([path/]name) to assume in each account */
	char *org_unit;  /* the accounts of this OU (ou-…) or root (r-…); NULL: not asked */
	char **accounts; /* --accounts, each once, in the order given; n 0: not given */
	size_t n_accounts;
};

/* Checks --role, --org-unit and --accounts as given (NULL: not given) and keeps them in *t
 * (free with ev_targets_clear()). Returns 0, or -1 with err in the words both usage errors
 * print: "--org-unit needs --role NAME: …", "give --org-unit or --accounts, not both", a bad
 * role name, OU ID or account ID. */
int ev_targets_parse(struct ev_targets *t, const char *role, const char *org_unit,
                     const char *accounts, struct wa_err *err);

/* Frees what t owns and zeroes it; NULL members are fine. */
void ev_targets_clear(struct ev_targets *t);

/* The accounts to sweep when no OU is asked: t's --accounts, else the workload's (wl may be
 * NULL), each once. Returns how many, with *ids newly allocated (free with ev_ids_free(),
 * also when 0 are returned). */
size_t ev_targets_accounts(const struct ev_targets *t, const struct workload *wl, char ***ids);

/* Whether s is an IAM role name with an optional path: [path/]name, the name 1 to 64 of
 * A-Z a-z 0-9 +=,.@_-. */
bool ev_role_name_valid(const char *s);

/* Whether s is an Organizations OU ID (ou-xxxx-xxxxxxxx) or root ID (r-xxxx). */
bool ev_org_parent_valid(const char *s);

/* The active accounts of parent (an OU or root) through Organizations ListAccountsForParent
 * (every page), with the caller's own credentials; suspended accounts are left out, as they
 * cannot be entered. Returns 0 with *ids and *n (free with ev_ids_free()), or -1 with err:
 * "cannot list the accounts of ou-…: organizations:ListAccountsForParent …", "ou-… holds
 * no active account". */
int ev_org_accounts(struct ev_caller *caller, const char *parent, char ***ids, size_t *n,
                    struct wa_err *err);

/* Appends id to *ids unless it is there already. */
void ev_ids_add(char ***ids, size_t *n, const char *id);

/* Frees n IDs and the array; NULL is fine. */
void ev_ids_free(char **ids, size_t n);

#endif
