/* The workload's scope: which of the account's resources the review is about. Evidence
 * judges only resources in scope (wa-review(1), SCOPE). Any of: resources carrying given
 * tags, the members of Resource Groups, the resources of AppRegistry applications, the
 * resources of CloudFormation stacks; a resource is in scope when any of them names it.
 * Nothing set: the whole account. Plain data; src/evidence resolves it against AWS. */
#ifndef WAR_MODEL_SCOPE_H
#define WAR_MODEL_SCOPE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"

/* Resources tagged key with one of values (any value when n_values is 0). */
struct scope_tag {
	char *key;
	char **values;
	size_t n_values;
};

struct wl_scope {
	struct scope_tag *tags; /* all of them must match (as the Tagging API's TagFilters) */
	size_t n_tags;
	char **groups; /* Resource Group names */
	size_t n_groups;
	char **apps; /* AppRegistry application names */
	size_t n_apps;
	char **stacks; /* CloudFormation stack names */
	size_t n_stacks;
};

/* Whether anything narrows the scope (else: the whole account). */
bool scope_is_set(const struct wl_scope *s);

/* Adds one command-line spec to s: "tag:KEY=VALUE" (VALUE may be "V1|V2", or empty for any
 * value), "group:NAME", "app:NAME", "stack:NAME"; "account" empties s (the whole account).
 * Returns 0, or -1 with err saying what a spec looks like. */
int scope_add_spec(struct wl_scope *s, const char *spec, struct wa_err *err);

/* The scope in words for people and snapshots: "resources tagged app=checkout, in stack
 * checkout-app". Returns newly allocated text (free()), or NULL when the scope is not set. */
char *scope_describe(const struct wl_scope *s);

/* Deep copy into dst (whose old content is not freed); frees what s owns. */
void scope_copy(struct wl_scope *dst, const struct wl_scope *src);
void scope_clear(struct wl_scope *s);

#endif
