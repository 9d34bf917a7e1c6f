/* Reading YAML documents with libyaml's parser, with errors that name file:line:column.
 * Every loader in src/store reads through these helpers so they all check the same way:
 * mappings have known keys only and no duplicates, scalars have the expected type. */
#ifndef WAR_STORE_YDOC_H
#define WAR_STORE_YDOC_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>
#include <yaml.h>

#include "util/err.h"

struct ydoc {
	yaml_document_t doc;
	const char *file; /* borrowed; names the source in errors */
	bool loaded;
};

/* A wanted key of a mapping, filled by ydoc_map(). */
struct yfield {
	const char *key;
	bool required;
	yaml_node_t *val;      /* out: NULL when absent */
	yaml_node_t *key_node; /* out: where the key stands, for errors */
};

/* Parses one document from text. Returns 0, or -1 with err at the offending line:column
 * (syntax errors, invalid UTF-8, more than one document, aliases, a tag that is not one of
 * YAML's standard ones (!custom), nesting deeper than 64 levels, stopped at the 65th). Free with
 * ydoc_free() either way. */
int ydoc_load(struct ydoc *d, const char *file, const char *text, size_t len, struct wa_err *err);
void ydoc_free(struct ydoc *d);

/* What a YAML text holds that the document (and so every save) leaves out, as YDOC_*
 * bits: comments, other than a header the text starts with (header: the exact text, "# …\n",
 * or NULL); explicit tags (!!str) and directives (%YAML, %TAG); anchors (&name). 0 when
 * none, or when the text does not scan. */
enum { YDOC_COMMENTS = 1, YDOC_TAGS = 2, YDOC_ANCHORS = 4 };
unsigned ydoc_extras(const char *text, size_t len, const char *header);

/* The root node, or NULL for an empty document (borrowed). */
yaml_node_t *ydoc_root(struct ydoc *d);
/* The node a sequence item or pair refers to (borrowed). */
yaml_node_t *ydoc_get(struct ydoc *d, int index);

/* Records "msg" at node n's position; returns -1. */
int ydoc_fail(struct ydoc *d, const yaml_node_t *n, struct wa_err *err, const char *fmt, ...)
        ATTR_FORMAT(4, 5);

/* Checks that n is a mapping whose keys are distinct scalars, each one of fields[].key;
 * fills fields[].val. `what` names the mapping in messages ("best practice").
 * Returns 0, or -1 naming the unknown, duplicate or missing key. */
int ydoc_map(struct ydoc *d, yaml_node_t *n, struct yfield *fields, size_t n_fields,
             const char *what, struct wa_err *err);

/* Checks that n is a mapping with distinct scalar keys (any keys). Returns 0 or -1. */
int ydoc_map_any(struct ydoc *d, yaml_node_t *n, const char *what, struct wa_err *err);

/* Scalar readers; `what` names the value in messages. Each returns 0 or -1 (wrong type,
 * empty when not allowed, out of range). Strings are newly allocated; free with free(). */
int ydoc_str(struct ydoc *d, yaml_node_t *n, const char *what, char **out, struct wa_err *err);
/* Like ydoc_str but an empty string or `null`/`~` gives *out = NULL. */
int ydoc_str_opt(struct ydoc *d, yaml_node_t *n, const char *what, char **out, struct wa_err *err);
int ydoc_bool(struct ydoc *d, yaml_node_t *n, const char *what, bool *out, struct wa_err *err);
int ydoc_long(struct ydoc *d, yaml_node_t *n, const char *what, long *out, struct wa_err *err);
int ydoc_double(struct ydoc *d, yaml_node_t *n, const char *what, double *out, struct wa_err *err);
/* A sequence of non-empty scalars; *out is a newly allocated array of newly allocated
 * strings (free each, then the array). */
int ydoc_strlist(struct ydoc *d, yaml_node_t *n, const char *what, char ***out, size_t *count,
                 struct wa_err *err);

/* Number of items of a sequence node, after checking it is one; -1 with err otherwise. */
long ydoc_seq_len(struct ydoc *d, yaml_node_t *n, const char *what, struct wa_err *err);
/* Item i of a sequence node (borrowed). */
yaml_node_t *ydoc_seq_item(struct ydoc *d, yaml_node_t *n, size_t i);

/* Converts any node to JSON: plain scalars resolve as YAML 1.2 core (null, booleans,
 * integers, floats), quoted ones stay strings. Returns a new cJSON (cJSON_Delete it), or
 * NULL with err (a duplicate key, a NUL in a value). */
cJSON *ydoc_to_json(struct ydoc *d, yaml_node_t *n, struct wa_err *err);

/* 1-based line and column of a node. */
int ydoc_line(const yaml_node_t *n);
int ydoc_col(const yaml_node_t *n);

#endif
