/* XML response bodies (query, ec2, rest-xml) to the JSON the aws CLI prints, following
 * botocore's BaseXMLResponseParser: members in model order, repeated elements gathered into
 * lists, wrapped and flattened lists and maps, the items of a list whatever their element
 * name ("member", "item", …), attributes, and scalars typed by the model. */
#include "aws/proto_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* The element name a member is found under: a flattened list is found by its items' name. */
static const char *member_key(const struct aws_member *m)
{
	const struct aws_ref *r = &m->ref;

	if (r->shape->type == AWS_T_LIST && r->flattened && r->shape->member.name)
		return r->shape->member.name;
	return r->name ? r->name : m->name;
}

/* The children of node named name, into a new array (free with free()); *n their number. */
static const struct xml_node **kids_named(const struct xml_node *node, const char *name, size_t *n)
{
	const struct xml_node **out = NULL;
	size_t cap = 0;

	*n = 0;
	for (size_t i = 0; i < node->n_kids; i++) {
		if (strcmp(node->kids[i]->name, name) == 0) {
			out = xgrow(out, &cap, *n + 1, sizeof(*out));
			out[(*n)++] = node->kids[i];
		}
	}
	return out;
}

static cJSON *attr_value(const struct aws_ref *r, const struct xml_node *node)
{
	const char *want = r->name, *colon;

	if (!want)
		return NULL;
	colon = strchr(want, ':');
	for (size_t i = 0; i < node->n_attrs; i++) {
		const struct xml_attr *a = &node->attrs[i];

		/* botocore names a namespaced attribute with the prefix of the locationName. */
		if ((a->ns && colon && strcmp(a->name, colon + 1) == 0) ||
		    (!a->ns && strcmp(a->name, want) == 0))
			return cJSON_CreateString(a->value);
	}
	return NULL;
}

/* A tagged union whose one element names no member: what botocore reports for it. */
static cJSON *unknown_union_member(const struct aws_shape *s, const struct xml_node *node)
{
	cJSON *out, *inner;

	if (!s->is_union || node->n_kids != 1)
		return NULL;
	for (size_t i = 0; i < s->n_members; i++)
		if (strcmp(member_key(&s->members[i]), node->kids[0]->name) == 0)
			return NULL;
	out = cJSON_CreateObject();
	inner = cJSON_AddObjectToObject(out, "SDK_UNKNOWN_MEMBER");
	cJSON_AddStringToObject(inner, "name", node->kids[0]->name);
	return out;
}

cJSON *proto_xml_struct(const struct aws_ref *r, const struct xml_node *node, struct wa_err *err)
{
	const struct aws_shape *s = r->shape;
	cJSON *out = unknown_union_member(s, node);

	if (out)
		return out;
	out = cJSON_CreateObject();
	for (size_t i = 0; i < s->n_members; i++) {
		const struct aws_member *m = &s->members[i];
		const struct xml_node **nodes;
		size_t n;
		cJSON *v = NULL;

		if (m->ref.loc == AWS_LOC_HEADER || m->ref.loc == AWS_LOC_HEADERS ||
		    m->ref.loc == AWS_LOC_STATUS)
			continue;
		nodes = kids_named(node, member_key(m), &n);
		if (n) {
			v = proto_xml_value(&m->ref, nodes, n, err);
			free(nodes);
			if (!v) {
				cJSON_Delete(out);
				return NULL;
			}
		} else if (m->ref.xml_attribute) {
			v = attr_value(&m->ref, node);
		}
		if (v)
			cJSON_AddItemToObject(out, m->name, v);
	}
	return out;
}

static cJSON *bad_scalar(const struct aws_ref *r, const char *text, const char *want,
                         struct wa_err *err)
{
	err_set(err, NULL, 0, 0, "invalid response: %s value \"%.60s\" is not %s", r->shape->name,
	        text, want);
	return NULL;
}

static cJSON *list_value(const struct aws_ref *r, const struct xml_node *const *nodes, size_t n,
                         struct wa_err *err)
{
	const struct aws_ref *item = &r->shape->member;
	const struct xml_node *const *items = nodes;
	size_t n_items = n;
	cJSON *out = cJSON_CreateArray();

	/* A wrapped list's items are the wrapper's children, whatever they are called; repeated
	 * elements (a flattened list, or a repeated wrapper) are the items themselves. */
	if (!r->flattened && n == 1) {
		items = (const struct xml_node *const *)nodes[0]->kids;
		n_items = nodes[0]->n_kids;
	}
	for (size_t i = 0; i < n_items; i++) {
		cJSON *v = proto_xml_value(item, &items[i], 1, err);

		if (!v) {
			cJSON_Delete(out);
			return NULL;
		}
		cJSON_AddItemToArray(out, v);
	}
	return out;
}

static cJSON *map_value(const struct aws_ref *r, const struct xml_node *const *nodes, size_t n,
                        struct wa_err *err)
{
	const struct aws_shape *s = r->shape;
	const char *kname = s->key.name ? s->key.name : "key";
	const char *vname = s->value.name ? s->value.name : "value";
	const struct xml_node *const *entries = nodes;
	size_t n_entries = n;
	cJSON *out = cJSON_CreateObject();

	if (!r->flattened && n == 1) {
		entries = (const struct xml_node *const *)nodes[0]->kids;
		n_entries = nodes[0]->n_kids;
	}
	for (size_t i = 0; i < n_entries; i++) {
		const struct xml_node *k = xml_child(entries[i], kname);
		const struct xml_node *v = xml_child(entries[i], vname);
		cJSON *val;

		if (!k || !v)
			continue;
		val = proto_xml_value(&s->value, &v, 1, err);
		if (!val) {
			cJSON_Delete(out);
			return NULL;
		}
		/* Python dicts keep a repeated key's first place and its last value. */
		if (cJSON_GetObjectItemCaseSensitive(out, k->text))
			cJSON_ReplaceItemInObjectCaseSensitive(out, k->text, val);
		else
			cJSON_AddItemToObject(out, k->text, val);
	}
	return out;
}

cJSON *proto_xml_value(const struct aws_ref *r, const struct xml_node *const *nodes, size_t n,
                       struct wa_err *err)
{
	const char *text = nodes[0]->text;
	cJSON *v;

	switch (r->shape->type) {
	case AWS_T_STRUCTURE: return proto_xml_struct(r, nodes[0], err);
	case AWS_T_LIST: return list_value(r, nodes, n, err);
	case AWS_T_MAP: return map_value(r, nodes, n, err);
	case AWS_T_STRING:
	case AWS_T_BLOB: /* the aws CLI leaves blobs base64-encoded */
		return cJSON_CreateString(text);
	case AWS_T_BOOLEAN: return cJSON_CreateBool(strcmp(text, "true") == 0);
	case AWS_T_INTEGER:
	case AWS_T_LONG:
		v = proto_int_out(text);
		return v ? v : bad_scalar(r, text, "an integer", err);
	case AWS_T_FLOAT:
	case AWS_T_DOUBLE: {
		char *end;
		double d = strtod(text, &end);

		while (*end == ' ' || *end == '\n' || *end == '\t' || *end == '\r')
			end++;
		if (end == text || *end)
			return bad_scalar(r, text, "a number", err);
		return proto_float_out(d);
	}
	case AWS_T_TIMESTAMP: return proto_time_out_text(text);
	}
	return bad_scalar(r, text, "of a known type", err);
}
