/* Custom lenses of the AWS Well-Architected Tool (JSON, schemaVersion 2021-11-01) both
 * ways: a question set becomes a lens the Tool accepts, and a lens becomes a question set
 * wa-review loads. wa-review-questions(5), CUSTOM LENSES, gives the mapping field by field;
 * export then import then export gives the same JSON, import then export then import the
 * same set. */
#ifndef WAR_STORE_LENS_H
#define WAR_STORE_LENS_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "model/qset.h"
#include "util/err.h"

#define LENS_SCHEMA_VERSION "2021-11-01"

/* The Tool's limits. Counts and lengths (in characters) are from the Well-Architected Tool
 * User Guide, "Lens format specification", except where the API model (botocore
 * wellarchitected 2020-03-31) is stricter about an ID that requests carry: ChoiceId and
 * PillarId have at most 64 characters there. The size is ImportLens's JSONString limit in
 * that model (LensJSON max 500000) and the API Reference's "A custom lens cannot exceed
 * 500 KB in size". */
enum {
	LENS_NAME_MAX = 128,     /* lens name */
	LENS_DESC_MAX = 2048,    /* lens and question descriptions */
	LENS_PILLARS_MAX = 10,   /* pillars in a lens */
	LENS_QUESTIONS_MAX = 20, /* questions in a pillar */
	LENS_CHOICES_MAX = 15,   /* choices in a question, "None of these" included */
	LENS_ID_MIN = 3,         /* pillar, question and choice IDs: 3 to 128 letters, */
	LENS_ID_MAX = 128,       /* digits and _ ... */
	LENS_API_ID_MAX = 64,    /* ... and choice and pillar IDs at most 64 (API model) */
	LENS_TITLE_MAX = 128,    /* pillar names, question and choice titles */
	LENS_TEXT_MAX = 2048,    /* helpful resource and improvement plan texts */
	LENS_RESOURCES_MAX = 5,  /* additional resources of each type in a choice */
	LENS_RULES_MAX = 3,      /* risk rules in a question, one per level of risk */
	LENS_JSON_MAX = 500000,  /* bytes of the whole lens */
};

/* What an import could not keep (a question's helpful resource, an http:// link, keys the
 * format does not have), one line each, for the caller to show. */
struct lens_notes {
	char **msgs;
	size_t n;
};

/* Frees the notes' lines and leaves them empty. */
void lens_notes_free(struct lens_notes *notes);

/* Checks a lens against the Tool's format and limits. name names the lens in errors.
 * Returns 0, or -1 with err: where = name, msg = "JSON path: what breaks which rule", such
 * as "pillars[0].questions[3].choices: 16 choices, the Tool allows 15". */
int lens_check(const cJSON *lens, const char *name, struct wa_err *err);

/* Builds the custom lens for qs and checks it (lens_check). Returns a new tree (free with
 * cJSON_Delete()), or NULL with err as lens_check() gives it. */
cJSON *lens_export(const struct qset *qs, const char *name, struct wa_err *err);

/* lens_export() as text: two-space indent, UTF-8, a final newline, and no longer than
 * LENS_JSON_MAX bytes. Returns a newly allocated string (free with free()), or
 * NULL with err. */
char *lens_export_text(const struct qset *qs, const char *name, struct wa_err *err);

/* Builds a question set from a lens, after lens_check(). Returns 0 with *out (free with
 * qset_free()) and what was not kept in notes (free with lens_notes_free()), or -1 with err
 * naming the JSON path. The set holds no probes (a lens has none). */
int lens_import(const cJSON *lens, const char *name, struct qset **out, struct lens_notes *notes,
                struct wa_err *err);

/* One file of a question set written as YAML. */
struct lens_file {
	char *name; /* "set.yaml", "foundations.yaml" */
	char *text;
	size_t len;
};

/* Writes qs as the files of a question-set directory (wa-review-questions(5)): set.yaml,
 * then one file per area named after its id. Probes are not written. Returns 0 with *files
 * (free with lens_files_free()), or -1 with err. */
int lens_yaml(const struct qset *qs, struct lens_file **files, size_t *n, struct wa_err *err);

/* Frees n files and the array. */
void lens_files_free(struct lens_file *files, size_t n);

#endif
