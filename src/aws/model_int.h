/* The inside of a service model, shared by src/aws/model.c and the protocol codecs: shapes
 * resolved into a graph, each use of a shape (a member, a list item, a map key or value, an
 * operation's input or output) carrying the serialization traits botocore merges from the
 * shape and the reference. All strings are borrowed from the model's JSON, which lives as
 * long as the model. */
#ifndef WAR_AWS_MODEL_INT_H
#define WAR_AWS_MODEL_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "aws/proto.h"

enum aws_type {
	AWS_T_STRUCTURE,
	AWS_T_LIST,
	AWS_T_MAP,
	AWS_T_STRING,
	AWS_T_INTEGER, /* also byte, short */
	AWS_T_LONG,    /* also biginteger */
	AWS_T_FLOAT,
	AWS_T_DOUBLE, /* also bigdecimal */
	AWS_T_BOOLEAN,
	AWS_T_TIMESTAMP,
	AWS_T_BLOB,
};

enum aws_proto {
	AWS_P_QUERY,
	AWS_P_EC2,
	AWS_P_JSON,
	AWS_P_REST_JSON,
	AWS_P_REST_XML,
};

/* Where a member travels in a REST request or response. */
enum aws_loc {
	AWS_LOC_BODY,
	AWS_LOC_URI,
	AWS_LOC_QUERYSTRING,
	AWS_LOC_HEADER,
	AWS_LOC_HEADERS, /* a map of headers sharing a name prefix */
	AWS_LOC_STATUS,  /* the HTTP status code */
};

struct aws_shape;

/* One use of a shape: the reference's traits override the shape's own. */
struct aws_ref {
	const struct aws_shape *shape;
	enum aws_loc loc;
	const char *name;             /* locationName, or NULL */
	const char *query_name;       /* ec2 queryName, or NULL */
	const char *xmlns_uri;        /* xmlNamespace, or NULL */
	const char *xmlns_prefix;     /* its prefix, or NULL */
	const char *timestamp_format; /* "iso8601", "unixTimestamp", "rfc822", or NULL */
	const char *result_wrapper;   /* query output element holding the result, or NULL */
	bool flattened;
	bool xml_attribute;
	bool host_label;
	bool jsonvalue;
	bool streaming;
};

struct aws_member {
	const char *name;
	struct aws_ref ref;
	bool required;
};

struct aws_shape {
	const char *name;
	enum aws_type type;
	struct aws_member *members; /* structure members in model order */
	size_t n_members;
	struct aws_ref member;     /* list item */
	struct aws_ref key, value; /* map */
	const char *payload;       /* REST: the member that is the whole body, or NULL */
	bool document;             /* free-form JSON */
	bool is_union;
	bool exception;
};

struct aws_operation {
	const struct aws_model *model;
	const char *name;
	const char *cli_name;
	const char *method;
	const char *request_uri;
	const char *host_prefix; /* endpoint.hostPrefix, e.g. "{Account}.", or NULL */
	struct aws_ref input;    /* shape NULL when the operation takes nothing */
	struct aws_ref output;   /* shape NULL when it returns nothing */
	bool has_paginator;
	struct aws_paginator pag;
};

struct aws_model {
	char *service; /* CLI name; owned */
	cJSON *root;   /* owned; every borrowed string points into it */
	struct aws_service_info info;
	enum aws_proto proto;
	const char *api_version;
	const char *json_version;  /* json protocol: "1.0" or "1.1" */
	const char *target_prefix; /* json protocol: X-Amz-Target prefix */
	bool query_compatible;     /* JSON service that was once query (SQS, CloudWatch) */
	struct aws_shape *shapes;
	size_t n_shapes;
	struct aws_operation *ops;
	size_t n_ops;
	char **strings; /* paginator string arrays; owned */
	size_t n_strings;
};

/* The member of a structure shape by its model name, or NULL (borrowed). */
const struct aws_member *aws_shape_member(const struct aws_shape *s, const char *name);

#endif
