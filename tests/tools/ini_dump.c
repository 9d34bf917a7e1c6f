/* ini_dump: parses each file named on the command line with the shared-file INI parser and
 * prints one JSON line per file, for comparison with botocore (tests/cli/ini_botocore.py):
 *   {"file": F, "ok": true, "sections": {"name": {"key": "value" | {"sub": "value"}}}}
 *   {"file": F, "ok": false, "line": N, "error": "…"}
 * Sub-section keys repeat-last-wins, as in botocore's dict. Exit status 0, or 2 on bad usage. */
#include <stdio.h>
#include <stdlib.h>

#include <cjson/cJSON.h>

#include "aws/ini.h"
#include "util/err.h"

static cJSON *sections_json(const struct ini_file *f)
{
	cJSON *all = cJSON_CreateObject();

	for (size_t i = 0; i < f->n_sections; i++) {
		const struct ini_section *s = &f->sections[i];
		cJSON *sec = cJSON_AddObjectToObject(all, s->name);

		for (size_t j = 0; j < s->n_entries; j++) {
			const struct ini_entry *e = &s->entries[j];

			if (e->sub) {
				cJSON *sub = cJSON_AddObjectToObject(sec, e->key);

				for (size_t k = 0; k < e->n_sub; k++) {
					cJSON_DeleteItemFromObjectCaseSensitive(sub, e->sub[k].key);
					cJSON_AddStringToObject(sub, e->sub[k].key,
					                        e->sub[k].value);
				}
			} else {
				cJSON_AddStringToObject(sec, e->key, e->value);
			}
		}
	}
	return all;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: ini_dump FILE...\n");
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		struct ini_file f;
		struct wa_err err;
		bool found;
		cJSON *o = cJSON_CreateObject();
		char *text;

		err_clear(&err);
		cJSON_AddStringToObject(o, "file", argv[i]);
		if (ini_load(argv[i], &f, &found, &err) < 0) {
			cJSON_AddFalseToObject(o, "ok");
			cJSON_AddNumberToObject(o, "line", err.line);
			cJSON_AddStringToObject(o, "error", err.msg);
		} else {
			cJSON_AddBoolToObject(o, "ok", found);
			cJSON_AddItemToObject(o, "sections", sections_json(&f));
			ini_free(&f);
		}
		text = cJSON_PrintUnformatted(o);
		puts(text);
		free(text);
		cJSON_Delete(o);
	}
	return 0;
}
