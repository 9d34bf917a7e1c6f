/* Prints the syntax tree wa-review's JMESPath engine builds for each expression, one JSON
 * line per input line, in jmespath.py's node shapes ({"type", "value", "children"}), so a
 * Python checker can walk the very trees the program evaluates — let expressions and
 * variables included, which Debian's jmespath.py cannot parse. Names bound around the whole
 * expression (a probe's 'with' calls) are given as arguments. A line that does not compile
 * prints {"error": "..."}. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "jmespath/jmespath_int.h"
#include "util/err.h"

static const char *type_name(enum jp_ntype t)
{
	switch (t) {
	case ND_FIELD: return "field";
	case ND_CURRENT: return "current";
	case ND_LITERAL: return "literal";
	case ND_SUBEXPR: return "subexpression";
	case ND_INDEX: return "index";
	case ND_SLICE: return "slice";
	case ND_INDEX_EXPR: return "index_expression";
	case ND_PROJECTION: return "projection";
	case ND_VALUE_PROJECTION: return "value_projection";
	case ND_FILTER: return "filter_projection";
	case ND_FLATTEN: return "flatten";
	case ND_COMPARE: return "comparator";
	case ND_OR: return "or_expression";
	case ND_AND: return "and_expression";
	case ND_NOT: return "not_expression";
	case ND_PIPE: return "pipe";
	case ND_MULTI_LIST: return "multi_select_list";
	case ND_MULTI_HASH: return "multi_select_dict";
	case ND_FUNCTION: return "function_expression";
	case ND_EXPREF: return "expref";
	case ND_LET: return "let";
	case ND_VARIABLE: return "variable";
	}
	return "?";
}

static cJSON *tree(const struct jp_node *n)
{
	cJSON *o = cJSON_CreateObject(), *kids;

	cJSON_AddStringToObject(o, "type", type_name(n->type));
	if (n->name)
		cJSON_AddStringToObject(o, "value", n->name);
	kids = cJSON_AddArrayToObject(o, "children");
	for (size_t i = 0; i < n->nkids; i++) {
		cJSON *k = tree(n->kids[i]);

		if (n->type == ND_MULTI_HASH) {
			/* jmespath.py: key_val_pair {value: key, children: [expr]} */
			cJSON *kv = cJSON_CreateObject();
			cJSON_AddStringToObject(kv, "type", "key_val_pair");
			cJSON_AddStringToObject(kv, "value", n->keys[i]);
			cJSON_AddItemToArray(cJSON_AddArrayToObject(kv, "children"), k);
			k = kv;
		} else if (n->type == ND_LET && n->keys[i]) {
			/* a binding: {type: binding, value: name, children: [expr]} */
			cJSON *b = cJSON_CreateObject();
			cJSON_AddStringToObject(b, "type", "binding");
			cJSON_AddStringToObject(b, "value", n->keys[i]);
			cJSON_AddItemToArray(cJSON_AddArrayToObject(b, "children"), k);
			k = b;
		}
		cJSON_AddItemToArray(kids, k);
	}
	return o;
}

int main(int argc, char **argv)
{
	char line[65536];

	while (fgets(line, sizeof(line), stdin)) {
		struct wa_err err;
		struct jmespath *jp;
		cJSON *out;
		char *s;

		line[strcspn(line, "\n")] = '\0';
		err_clear(&err);
		jp = jmespath_compile_vars(line, (const char *const *)argv + 1, (size_t)argc - 1,
		                           &err);
		if (jp) {
			out = tree(jp->root);
		} else {
			out = cJSON_CreateObject();
			cJSON_AddStringToObject(out, "error", err.msg);
		}
		s = cJSON_PrintUnformatted(out);
		puts(s);
		free(s);
		cJSON_Delete(out);
		jmespath_free(jp);
	}
	return 0;
}
