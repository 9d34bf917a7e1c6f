/* The workload's scope as resolved against the account: the ARNs and identifiers of the
 * resources in it, from the Tagging API, Resource Groups and CloudFormation stacks, and the
 * test a probe applies to what it examines (wa-review(1), SCOPE). A probe names resources
 * in its own words — an instance ID, a queue URL, a load balancer's name, a bucket's name —
 * so a name is in scope when it is one of the identifiers, or when an ARN of the probe's
 * service holds it as its resource ID or as one segment of its resource path. */
#ifndef WAR_EVIDENCE_SCOPE_H
#define WAR_EVIDENCE_SCOPE_H

#include <stdbool.h>

struct ev_scope;

/* Returns a newly allocated empty scope (nothing is in it); free with ev_scope_free(). */
struct ev_scope *ev_scope_new(void);
void ev_scope_free(struct ev_scope *s);

/* Adds a resource by ARN ("arn:aws:rds:eu-west-1:111122223333:db:orders"), or by a bare
 * identifier of any service (a CloudFormation stack's PhysicalResourceId). */
void ev_scope_add_arn(struct ev_scope *s, const char *arn);
void ev_scope_add_id(struct ev_scope *s, const char *id);

/* Whether the resource a probe of client service `service` ("rds", "elbv2", "s3") names as
 * id is in scope. */
bool ev_scope_has(const struct ev_scope *s, const char *service, const char *id);

/* How many resources were added. */
unsigned long ev_scope_count(const struct ev_scope *s);

#endif
