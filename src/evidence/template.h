/* Text templates of probes: "{count} of {total} DB instances are single-AZ: {resources}".
 * A reference is {name} or {name.member.member}; "{{" and "}}" stand for braces. Used for
 * the finding sentences and for a fan-out call's parameters ({item}, {item.region}). */
#ifndef WAR_EVIDENCE_TEMPLATE_H
#define WAR_EVIDENCE_TEMPLATE_H

#include <stddef.h>

#include <cjson/cJSON.h>

/* Decides whether a reference is known: returns 0, or -1 after writing why into msg. */
typedef int (*tmpl_check_fn)(void *ctx, const char *ref, size_t len, char *msg, size_t msglen);

/* Checks the syntax of t and every reference through check. Returns 0, or -1 with *errpos
 * the 0-based byte offset of the problem in t and msg filled. */
int tmpl_check(const char *t, tmpl_check_fn check, void *ctx, size_t *errpos, char *msg,
               size_t msglen);

/* The text to put in place of a reference (borrowed until the next call), or NULL to leave
 * the reference as written. */
typedef const char *(*tmpl_lookup_fn)(void *ctx, const char *ref, size_t len);

/* Renders t (which tmpl_check() accepted) through lookup. Returns a newly allocated string;
 * free with free(). */
char *tmpl_render(const char *t, tmpl_lookup_fn lookup, void *ctx);

/* When t is exactly one reference ("{item.id}"), returns 1 with *ref, *len naming it inside
 * t (borrowed); else 0. */
int tmpl_whole_ref(const char *t, const char **ref, size_t *len);

/* Whether t holds any reference at all. */
int tmpl_has_ref(const char *t);

/* The member of item a whole reference names ("item", "item.a.b"), or NULL; borrowed from
 * item. Probes and metric probes read their parameters through it. */
const cJSON *tmpl_item_member(const cJSON *item, const char *ref, size_t len);

#endif
