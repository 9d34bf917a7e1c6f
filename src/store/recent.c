#include "store/recent.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/fsio.h"
#include "store/xdg.h"
#include "util/xalloc.h"

int recent_load(const char *file, struct recent *r, struct wa_err *err)
{
	char *text, *line, *save = NULL;
	size_t len;

	memset(r, 0, sizeof(*r));
	if (access(file, F_OK) != 0 && errno == ENOENT)
		return 0;
	if (fsio_read_file(file, &text, &len, err))
		return -1;
	for (line = strtok_r(text, "\n", &save); line && r->n < RECENT_MAX;
	     line = strtok_r(NULL, "\n", &save))
		if (line[0] == '/')
			r->paths[r->n++] = xstrdup(line);
	free(text);
	return 0;
}

void recent_remove(struct recent *r, const char *path)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->paths[i], path) == 0) {
			free(r->paths[i]);
			memmove(r->paths + i, r->paths + i + 1, (r->n - i - 1) * sizeof(*r->paths));
			r->n--;
			return;
		}
}

void recent_add(struct recent *r, const char *path)
{
	if (path[0] != '/' || strchr(path, '\n'))
		return; /* the file holds one absolute path a line */
	recent_remove(r, path);
	if (r->n == RECENT_MAX)
		free(r->paths[--r->n]);
	memmove(r->paths + 1, r->paths, r->n * sizeof(*r->paths));
	r->paths[0] = xstrdup(path);
	r->n++;
}

int recent_save(const char *file, const struct recent *r, struct wa_err *err)
{
	size_t len = 0;
	char *text;
	int rc;

	for (size_t i = 0; i < r->n; i++)
		len += strlen(r->paths[i]) + 1;
	text = xmalloc(len + 1);
	len = 0;
	for (size_t i = 0; i < r->n; i++) {
		size_t n = strlen(r->paths[i]);
		memcpy(text + len, r->paths[i], n);
		text[len + n] = '\n';
		len += n + 1;
	}
	text[len] = '\0';
	rc = xdg_mkparents(file, err);
	if (rc == 0)
		rc = fsio_write_atomic(file, text, len, 0600, err);
	free(text);
	return rc;
}

void recent_free(struct recent *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->paths[i]);
	r->n = 0;
}
