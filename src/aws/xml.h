/* A small XML tree read with expat, shaped like what botocore's parsers see through
 * ElementTree: element names without their namespace, the text before the first child,
 * attributes, children in order. Documents with a DOCTYPE are refused (AWS never sends one,
 * and refusing it rules out entity expansion). */
#ifndef WAR_AWS_XML_H
#define WAR_AWS_XML_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"
#include "util/sbuf.h"

struct xml_attr {
	char *name; /* local name */
	char *value;
	bool ns; /* the name had a namespace (e.g. xsi:type) */
};

struct xml_node {
	char *name; /* local name, namespace dropped */
	char *text; /* character data before the first child element, never NULL */
	struct xml_attr *attrs;
	size_t n_attrs;
	struct xml_node **kids;
	size_t n_kids;
};

/* Parses len bytes of UTF-8 XML. Returns 0 with *root (free with xml_free()), or -1 with
 * err ("what" as where, line and column of the fault). */
int xml_parse(const char *text, size_t len, const char *what, struct xml_node **root,
              struct wa_err *err);

/* Frees a tree; NULL is allowed. */
void xml_free(struct xml_node *n);

/* The first child named name, or NULL (borrowed). */
const struct xml_node *xml_child(const struct xml_node *n, const char *name);

/* The text of the first child named name, or NULL (borrowed). */
const char *xml_child_text(const struct xml_node *n, const char *name);

/* Appends s to b with &, <, > and, for attributes, " and the line-breaking control
 * characters written as entities. */
void xml_escape(struct sbuf *b, const char *s, bool attr);

#endif
