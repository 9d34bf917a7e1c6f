/* AWS service models and the five wire protocols (query, ec2, json, rest-json, rest-xml):
 * a request serialized from parameters, a response parsed into exactly the JSON the aws CLI
 * prints, errors into code and message.
 *
 * CONTRACT (shared by the protocol and client work): the protocol work implements these in
 * src/aws/model.c and src/aws/proto_*.c from models generated out of botocore's data; the
 * client calls them. */
#ifndef WAR_AWS_PROTO_H
#define WAR_AWS_PROTO_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "util/err.h"

struct aws_model;     /* one service's model (opaque) */
struct aws_operation; /* one operation of it (opaque) */

/* The model of a service by its CLI name ("ec2", "rds", "s3", "service-quotas", …; the
 * CLI's "s3api" and "deploy" too), loaded once from the built-in data and kept until exit
 * (the cache is not locked: load before starting threads). Returns it (borrowed), or NULL
 * with err naming the services that exist. */
const struct aws_model *aws_model_get(const char *service, struct wa_err *err);
/* An operation by its API name ("DescribeInstances"), or by the CLI's kebab name
 * ("describe-instances"). Returns it (borrowed), or NULL with err. */
const struct aws_operation *aws_model_operation(const struct aws_model *m, const char *name,
                                                struct wa_err *err);

/* What the client needs to know of a service and an operation (borrowed strings). */
struct aws_service_info {
	const char *service;         /* the model's CLI name: "s3" also when asked as "s3api" */
	const char *service_id;      /* metadata.serviceId, e.g. "EC2", "Service Quotas" */
	const char *endpoint_prefix; /* e.g. "ec2", "servicequotas" */
	const char *signing_name;    /* e.g. "ec2"; "s3" for S3 */
	const char *protocol;        /* "query", "ec2", "json", "rest-json", "rest-xml" */
	bool global;                 /* one endpoint for all Regions (iam, route53, …) */
	const char *global_region;   /* the Region to sign global calls with, e.g. "us-east-1" */
	const char *global_host;     /* that endpoint's host, e.g. "iam.amazonaws.com"; NULL
	                              * when not global */
};
void aws_model_info(const struct aws_model *m, struct aws_service_info *out);
const char *aws_operation_name(const struct aws_operation *op);

/* A request ready to sign: all owned, freed by aws_wire_free(). The path is percent-encoded
 * as sent; query params unencoded (the signer encodes them; a NULL value is a bare name, as
 * in S3's "?versioning"); headers include Content-Type and X-Amz-Target where the protocol
 * wants them, but not Host, dates or auth. S3 paths are path-style ("/bucket?…"). */
struct aws_wire_pair {
	char *name;
	char *value;
};
struct aws_wire {
	char *method;
	char *path;
	char *host_prefix; /* endpoint host prefix from the model, or NULL */
	struct aws_wire_pair *query;
	size_t n_query;
	struct aws_wire_pair *headers;
	size_t n_headers;
	char *body;
	size_t body_len;
};
void aws_wire_free(struct aws_wire *w);

/* Serializes params (an object shaped like the CLI's --cli-input-json for the operation)
 * into *out. Unknown members and wrong types are errors naming the member; numbers and
 * booleans may also be given as strings ("5", "true"), as on a command line, and JSON null
 * means absent. Returns 0, or -1 with err (then *out holds nothing to free). */
int aws_proto_request(const struct aws_model *m, const struct aws_operation *op,
                      const cJSON *params, struct aws_wire *out, struct wa_err *err);

/* An error the service returned, parsed for every protocol. */
struct aws_api_error {
	long status;    /* HTTP status */
	char code[128]; /* "AccessDenied", "Throttling", … */
	char message[1024];
	char request_id[128];
};

/* Parses a response. On 2xx: 0 with *result the output as the aws CLI prints it (typed by
 * the model; timestamps as ISO 8601 strings — those sent as epoch seconds in the local time
 * zone, as the CLI prints them, so "+00:00" under TZ=UTC). On an error status: 1 with *aerr
 * filled and *result NULL. On a body that cannot be parsed: -1 with err. headers is a
 * NULL-ended list of name, value, name, value … (names in any case); body need not end
 * in a NUL.
 * Numbers the aws CLI would print differently from their double value (floats such as 90.0,
 * integers beyond 2^53) carry that exact text in valuestring: printers should prefer it. */
int aws_proto_response(const struct aws_model *m, const struct aws_operation *op, long status,
                       const char *const *headers, const char *body, size_t body_len,
                       cJSON **result, struct aws_api_error *aerr, struct wa_err *err);

/* Pagination from the model's paginators: NULL when the operation does not paginate. */
struct aws_paginator {
	const char *const *input_token;  /* NULL-ended */
	const char *const *output_token; /* NULL-ended; JMESPath-ish dotted paths */
	const char *more_results;        /* or NULL */
	const char *limit_key;           /* or NULL */
	const char *const *result_key;   /* NULL-ended */
};
const struct aws_paginator *aws_operation_paginator(const struct aws_operation *op);

/* Lists the operations and services built in, for help and the IAM policy (borrowed). */
const char *const *aws_model_services(void); /* NULL-ended */

/* The i-th operation of a model in model order (borrowed), or NULL past the end; *n (when
 * not NULL) gets the number of operations. For help and the IAM policy. */
const struct aws_operation *aws_model_operation_at(const struct aws_model *m, size_t i, size_t *n);
/* The CLI's kebab-case name of an operation, e.g. "describe-db-instances" (borrowed). */
const char *aws_operation_cli_name(const struct aws_operation *op);

/* A model from JSON text in the format src/build/gen_models.py writes (tests and models
 * kept outside the binary). Returns it (free with aws_model_free()), or NULL with err. */
struct aws_model *aws_model_parse(const char *service, const char *json, size_t len,
                                  struct wa_err *err);
void aws_model_free(struct aws_model *m);

#endif
