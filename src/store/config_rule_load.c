#include "store/config_rule_load.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "util/xalloc.h"

/* A managed rule's identifier: capitals, digits and '_' (it goes into a JMESPath literal). */
static bool valid_identifier(const char *s)
{
	if (!isupper((unsigned char)*s))
		return false;
	for (; *s; s++)
		if (!isupper((unsigned char)*s) && !isdigit((unsigned char)*s) && *s != '_')
			return false;
	return true;
}

static bool valid_name(const char *s)
{
	if (!islower((unsigned char)*s))
		return false;
	for (; *s; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) && *s != '-')
			return false;
	return s[-1] != '-';
}

/* The ARN service naming resources of a CloudFormation type ("AWS::Lambda::Function" ->
 * "lambda"), for the workload's scope; NULL for the account itself ("AWS::::Account") or a
 * type that is not AWS::SERVICE::RESOURCE. Newly allocated. */
static char *arn_service_of(const char *type)
{
	static const char *const differ[][2] = {
		{ "ElasticLoadBalancing", "elasticloadbalancing" },
		{ "ElasticLoadBalancingV2", "elasticloadbalancing" },
		{ "EFS", "elasticfilesystem" },
		{ "Elasticsearch", "es" },
		{ "OpenSearch", "es" },
		{ "OpenSearchService", "es" },
		{ "ApiGatewayV2", "apigateway" },
		{ "StepFunctions", "states" },
	};
	const char *s, *e;
	char *out;

	if (strncmp(type, "AWS::", 5))
		return NULL;
	s = type + 5;
	e = strstr(s, "::");
	if (!e || e == s || !e[2] || strstr(e + 2, "::"))
		return NULL;
	for (size_t i = 0; i < sizeof(differ) / sizeof(differ[0]); i++)
		if (strlen(differ[i][0]) == (size_t)(e - s) &&
		    !strncmp(differ[i][0], s, (size_t)(e - s)))
			return xstrdup(differ[i][1]);
	out = xstrndup(s, (size_t)(e - s));
	for (char *c = out; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	return out;
}

static void set_call(struct probe_call *c, const char *op)
{
	c->service = xstrdup("config");
	c->operation = xstrdup(op);
}

int config_rule_load(struct ydoc *d, yaml_node_t *n, const struct question *q, struct probe *p,
                     yaml_node_t **id_node, struct wa_err *err)
{
	enum { F_RULE, F_NAME, F_TYPE, F_FOR, F_SAME, F_N };
	struct yfield f[F_N] = {
		[F_RULE] = { "rule", true, 0, 0 },
		[F_NAME] = { "name", true, 0, 0 },
		[F_TYPE] = { "resource_type", true, 0, 0 },
		[F_FOR] = { "evidence_for", true, 0, 0 },
		[F_SAME] = { "same_as", false, 0, 0 },
	};
	char *name = NULL, *type = NULL;
	cJSON *types;
	bool found = false;
	int rc = -1;

	*id_node = NULL;
	if (ydoc_map(d, n, f, F_N, "config rule", err) ||
	    ydoc_str(d, f[F_RULE].val, "rule", &p->config_rule, err) ||
	    ydoc_str(d, f[F_NAME].val, "name", &name, err) ||
	    ydoc_str(d, f[F_TYPE].val, "resource_type", &type, err))
		goto out;
	*id_node = f[F_NAME].val;
	if (!valid_identifier(p->config_rule)) {
		ydoc_fail(d, f[F_RULE].val, err,
		          "config rule: '%s' is not a managed rule's identifier, such as "
		          "LAMBDA_DLQ_CHECK",
		          p->config_rule);
		goto out;
	}
	if (!valid_name(name)) {
		ydoc_fail(d, f[F_NAME].val, err,
		          "config rule %s: name '%s' may hold only lowercase letters, digits and "
		          "'-', such as lambda-dlq-check",
		          p->config_rule, name);
		goto out;
	}
	p->id = xasprintf("config-%s", name);
	p->account_wide = !strcmp(type, "AWS::::Account");
	p->scope_service = arn_service_of(type);
	if (!p->account_wide && !p->scope_service) {
		ydoc_fail(d, f[F_TYPE].val, err,
		          "config rule %s: resource_type '%s' is not a type such as "
		          "AWS::Lambda::Function (or AWS::::Account)",
		          name, type);
		goto out;
	}
	if (ydoc_strlist(d, f[F_FOR].val, "evidence_for", &p->bps, &p->n_bps, err))
		goto out;
	if (!p->n_bps) {
		ydoc_fail(d, f[F_FOR].val, err,
		          "config rule %s: evidence_for: name at least one best practice of %s",
		          name, q->id);
		goto out;
	}
	for (size_t i = 0; i < p->n_bps; i++)
		if (question_bp_index(q, p->bps[i]) < 0) {
			ydoc_fail(d, ydoc_seq_item(d, f[F_FOR].val, i), err,
			          "config rule %s: evidence_for: '%s' is not a best practice of %s",
			          name, p->bps[i], q->id);
			goto out;
		}
	if (f[F_SAME].val) {
		if (ydoc_str(d, f[F_SAME].val, "same_as", &p->same_as, err))
			goto out;
		for (size_t i = 0; i < q->n_probes && !found; i++)
			found = q->probes[i].source == SOURCE_PROBE &&
			        !strcmp(q->probes[i].id, p->same_as);
		if (!found) {
			ydoc_fail(d, f[F_SAME].val, err,
			          "config rule %s: same_as: '%s' is not a probe of %s", name,
			          p->same_as, q->id);
			goto out;
		}
	}
	/* The rule's results in each Region: the account's rules of this identifier that have
	 * evaluated something, then each one's evaluations, compliant and not. */
	p->source = SOURCE_CONFIG;
	p->scope = PROBE_REGIONAL;
	p->proves = PROVES_EVERY_RESOURCE;
	p->expect = EXPECT_EMPTY;
	p->title = xasprintf("%s: every %s it evaluated is compliant", name, type);
	set_call(&p->call, "DescribeConfigRules");
	p->with = xcalloc(1, sizeof(*p->with));
	p->with[0].name = xstrdup("compliance");
	set_call(&p->with[0].call, "DescribeComplianceByConfigRule");
	p->n_with = 1;
	p->each_items = xasprintf(
	        "let $judged = $compliance.ComplianceByConfigRules[?Compliance.ComplianceType == "
	        "'COMPLIANT' || Compliance.ComplianceType == 'NON_COMPLIANT'].ConfigRuleName in "
	        "ConfigRules[?Source.Owner == 'AWS' && Source.SourceIdentifier == '%s' && "
	        "contains($judged, ConfigRuleName)].ConfigRuleName",
	        p->config_rule);
	set_call(&p->each, "GetComplianceDetailsByConfigRule");
	p->each.params = cJSON_CreateObject();
	cJSON_AddStringToObject(p->each.params, "ConfigRuleName", "{item}");
	types = cJSON_AddArrayToObject(p->each.params, "ComplianceTypes");
	cJSON_AddItemToArray(types, cJSON_CreateString("COMPLIANT"));
	cJSON_AddItemToArray(types, cJSON_CreateString("NON_COMPLIANT"));
	p->resources = xstrdup("[].result.EvaluationResults[].EvaluationResultIdentifier."
	                       "EvaluationResultQualifier.ResourceId");
	p->query = xstrdup("[].result.EvaluationResults[?ComplianceType == 'NON_COMPLIANT'][]."
	                   "EvaluationResultIdentifier.EvaluationResultQualifier.ResourceId");
	p->finding = xasprintf("AWS Config rule %s finds resources in {region} non-compliant "
	                       "({count} of {total} evaluated): {resources}.",
	                       name);
	p->passed = xasprintf("AWS Config rule %s finds every resource it evaluated in {region} "
	                      "compliant ({total} evaluated).",
	                      name);
	rc = 0;
out:
	free(name);
	free(type);
	return rc;
}
