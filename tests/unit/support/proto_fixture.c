#include "support/proto_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/json.h"
#include "util/xalloc.h"

static struct aws_model *corner[8];
static char corner_name[8][32];
static size_t n_corner;

char *proto_fixture_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, got;

	if (!f)
		return NULL;
	do {
		buf = xgrow(buf, &cap, n + 4097, 1);
		got = fread(buf + n, 1, 4096, f);
		n += got;
	} while (got > 0);
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

cJSON *proto_fixture_json(const char *path)
{
	size_t len;
	char *text = proto_fixture_read(path, &len);
	cJSON *v;

	if (!text)
		return NULL;
	v = cJSON_ParseWithLength(text, len);
	free(text);
	return v;
}

const struct aws_model *proto_fixture_model(const char *service)
{
	struct wa_err err;
	const struct aws_model *m;
	char *path, *text;
	size_t len;

	if (strncmp(service, "corner", 6) != 0) {
		m = aws_model_get(service, &err);
		if (!m)
			fprintf(stderr, "model %s: %s\n", service, err.msg);
		return m;
	}
	for (size_t i = 0; i < n_corner; i++)
		if (strcmp(corner_name[i], service) == 0)
			return corner[i];
	path = xasprintf(PROTO_FIXTURES "models/%s.json", service);
	text = proto_fixture_read(path, &len);
	free(path);
	if (!text || n_corner == sizeof(corner) / sizeof(corner[0])) {
		fprintf(stderr, "model %s: cannot read it\n", service);
		free(text);
		return NULL;
	}
	corner[n_corner] = aws_model_parse(service, text, len, &err);
	free(text);
	if (!corner[n_corner]) {
		fprintf(stderr, "model %s: %s: %s\n", service, err.where, err.msg);
		return NULL;
	}
	snprintf(corner_name[n_corner], sizeof(corner_name[0]), "%s", service);
	return corner[n_corner++];
}

void proto_fixture_cleanup(void)
{
	for (size_t i = 0; i < n_corner; i++)
		aws_model_free(corner[i]);
	n_corner = 0;
}

char *proto_fixture_print(const cJSON *v)
{
	return json_print(v, JSON_COMPACT);
}
