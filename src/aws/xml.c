/* XML reading through expat into the small tree of xml.h. */
#include "aws/xml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>

#include "util/xalloc.h"

/* Deeper nesting than any AWS response uses; beyond it the input is refused rather than
 * followed down the stack. */
enum { XML_MAX_DEPTH = 256 };

/* expat reports a namespaced name as "URI<sep>local". */
#define NS_SEP '\x01'

struct xml_build {
	XML_Parser p;
	struct xml_node *root;
	struct xml_node *stack[XML_MAX_DEPTH];
	size_t text_len[XML_MAX_DEPTH];
	size_t text_cap[XML_MAX_DEPTH];
	int depth;
	const char *fault; /* why we stopped the parser, or NULL */
};

static const char *local_name(const char *name, bool *ns)
{
	const char *sep = strrchr(name, NS_SEP);

	if (ns)
		*ns = sep != NULL;
	return sep ? sep + 1 : name;
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xml_build *b = ud;
	struct xml_node *n;
	size_t na = 0;

	if (b->depth >= XML_MAX_DEPTH) {
		b->fault = "elements nested too deeply";
		XML_StopParser(b->p, XML_FALSE);
		return;
	}
	n = xcalloc(1, sizeof(*n));
	n->name = xstrdup(local_name(name, NULL));
	n->text = xstrdup("");
	while (atts[na])
		na += 2;
	n->n_attrs = na / 2;
	n->attrs = n->n_attrs ? xcalloc(n->n_attrs, sizeof(*n->attrs)) : NULL;
	for (size_t i = 0; i < n->n_attrs; i++) {
		n->attrs[i].name = xstrdup(local_name(atts[2 * i], &n->attrs[i].ns));
		n->attrs[i].value = xstrdup(atts[2 * i + 1]);
	}
	if (b->depth == 0) {
		b->root = n;
	} else {
		struct xml_node *parent = b->stack[b->depth - 1];

		parent->kids = xrealloc(parent->kids, (parent->n_kids + 1) * sizeof(*parent->kids));
		parent->kids[parent->n_kids++] = n;
	}
	b->stack[b->depth] = n;
	b->text_len[b->depth] = 0;
	b->text_cap[b->depth] = 1;
	b->depth++;
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
	struct xml_build *b = ud;

	(void)name;
	b->depth--;
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
	struct xml_build *b = ud;
	struct xml_node *n;
	int d = b->depth - 1;

	if (d < 0 || len <= 0)
		return;
	n = b->stack[d];
	/* ElementTree's .text is what comes before the first child; the rest is tails. */
	if (n->n_kids > 0)
		return;
	n->text = xgrow(n->text, &b->text_cap[d], b->text_len[d] + (size_t)len + 1, 1);
	memcpy(n->text + b->text_len[d], s, (size_t)len);
	b->text_len[d] += (size_t)len;
	n->text[b->text_len[d]] = '\0';
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
                               const XML_Char *pubid, int has_internal)
{
	struct xml_build *b = ud;

	(void)name, (void)sysid, (void)pubid, (void)has_internal;
	b->fault = "a DOCTYPE (an HTML page or a hostile document, not an AWS response)";
	XML_StopParser(b->p, XML_FALSE);
}

int xml_parse(const char *text, size_t len, const char *what, struct xml_node **root,
              struct wa_err *err)
{
	struct xml_build b;
	int rc = 0;

	memset(&b, 0, sizeof(b));
	*root = NULL;
	if (len > (size_t)0x7fffffff)
		return err_set(err, what, 0, 0, "XML body too large");
	b.p = XML_ParserCreateNS("UTF-8", NS_SEP);
	if (!b.p)
		return err_set(err, what, 0, 0, "out of memory creating the XML parser");
	XML_SetUserData(b.p, &b);
	XML_SetElementHandler(b.p, on_start, on_end);
	XML_SetCharacterDataHandler(b.p, on_text);
	XML_SetStartDoctypeDeclHandler(b.p, on_doctype);
	XML_SetParamEntityParsing(b.p, XML_PARAM_ENTITY_PARSING_NEVER);
	if (XML_Parse(b.p, text, (int)len, XML_TRUE) != XML_STATUS_OK || b.fault || !b.root) {
		int line = (int)XML_GetCurrentLineNumber(b.p);
		int col = (int)XML_GetCurrentColumnNumber(b.p) + 1;

		if (b.fault)
			err_set(err, what, line, col, "invalid XML: %s", b.fault);
		else if (!b.root || XML_GetErrorCode(b.p) == XML_ERROR_NO_ELEMENTS)
			err_set(err, what, 0, 0, "invalid XML: no element (empty body?)");
		else
			err_set(err, what, line, col, "invalid XML: %s",
			        XML_ErrorString(XML_GetErrorCode(b.p)));
		xml_free(b.root);
		rc = -1;
	} else {
		*root = b.root;
	}
	XML_ParserFree(b.p);
	return rc;
}

void xml_free(struct xml_node *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->n_kids; i++)
		xml_free(n->kids[i]);
	for (size_t i = 0; i < n->n_attrs; i++) {
		free(n->attrs[i].name);
		free(n->attrs[i].value);
	}
	free(n->attrs);
	free(n->kids);
	free(n->name);
	free(n->text);
	free(n);
}

const struct xml_node *xml_child(const struct xml_node *n, const char *name)
{
	for (size_t i = 0; n && i < n->n_kids; i++)
		if (strcmp(n->kids[i]->name, name) == 0)
			return n->kids[i];
	return NULL;
}

const char *xml_child_text(const struct xml_node *n, const char *name)
{
	const struct xml_node *c = xml_child(n, name);

	return c ? c->text : NULL;
}

void xml_escape(struct sbuf *b, const char *s, bool attr)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': sbuf_puts(b, "&amp;"); break;
		case '<': sbuf_puts(b, "&lt;"); break;
		case '>': sbuf_puts(b, "&gt;"); break;
		case '"': sbuf_puts(b, attr ? "&quot;" : "\""); break;
		case '\n':
		case '\r':
		case '\t':
			if (attr)
				sbuf_printf(b, "&#%d;", *s);
			else
				sbuf_putc(b, *s);
			break;
		default: sbuf_putc(b, *s); break;
		}
	}
}
