/* Fixture access for the protocol tests: the recorded requests and responses under
 * tests/fixtures/proto/, and the models of the synthetic "corner" services kept there. */
#ifndef WAR_SUPPORT_PROTO_FIXTURE_H
#define WAR_SUPPORT_PROTO_FIXTURE_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "aws/proto.h"

#define PROTO_FIXTURES "tests/fixtures/proto/"

/* Returns the file's bytes, newly allocated and NUL-terminated (free with free()), *len set
 * when not NULL; NULL when it cannot be read. */
char *proto_fixture_read(const char *path, size_t *len);

/* The parsed JSON file (cJSON_Delete()), or NULL. */
cJSON *proto_fixture_json(const char *path);

/* The model of a built-in service, or of a corner service ("corner…", loaded from the
 * fixtures and kept until proto_fixture_cleanup()). NULL with a message on stderr. */
const struct aws_model *proto_fixture_model(const char *service);

/* Frees the corner models. */
void proto_fixture_cleanup(void);

/* Prints v compactly, with numbers as the aws CLI prints them (newly allocated). */
char *proto_fixture_print(const cJSON *v);

#endif
