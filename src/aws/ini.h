/* The INI dialect of the aws CLI's shared files (~/.aws/config, ~/.aws/credentials), read
 * the way botocore reads them with Python's RawConfigParser: "[section]" headers, "key = value"
 * or "key: value" (the first '=' or ':' splits), keys lower-cased, values trimmed, whole-line
 * comments starting with '#' or ';' (a '#' later in a line is part of the value), lines
 * indented deeper than their key continuing its value, and a key whose value starts on the
 * next, indented lines ("s3 =\n  addressing_style = path") holding a sub-section. A
 * "[DEFAULT]" section (which may come back) is not a section of its own: its keys go into
 * every section that lacks them, as configparser's defaults do. */
#ifndef WAR_AWS_INI_H
#define WAR_AWS_INI_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"

/* One "key = value", or a sub-section when sub is non-NULL (then value is ""). */
struct ini_entry {
	char *key;             /* lower-cased, trimmed */
	char *value;           /* trimmed; continuation lines joined with '\n' */
	int line;              /* where the key is, 1-based */
	struct ini_entry *sub; /* nested "key = value" lines, or NULL */
	size_t n_sub;
};

struct ini_section {
	char *name; /* as written between the brackets (case kept) */
	int line;
	struct ini_entry *entries; /* its own keys, then those [DEFAULT] gave it */
	size_t n_entries;
	size_t cap_entries;
};

struct ini_file {
	char *path; /* as given, for messages */
	struct ini_section *sections;
	size_t n_sections;
};

/* Parses len bytes of text read from the file called name. Returns 0 with *out filled (free
 * with ini_free()), or -1 with err naming name:line (a line outside any section, a line that
 * is neither a section, a comment nor "key = value", an empty key, a repeated section (other
 * than [DEFAULT]) or key, a malformed sub-section line, a NUL byte). *out is empty after a
 * failure. */
int ini_parse(const char *text, size_t len, const char *name, struct ini_file *out,
              struct wa_err *err);

/* Reads and parses the file at path. Returns 0 with *out filled and *found true; 0 with *out
 * empty and *found false when there is no such file (or it is not a regular file), as the
 * CLI ignores a missing file; -1 with err when it cannot be read or does not parse. */
int ini_load(const char *path, struct ini_file *out, bool *found, struct wa_err *err);

/* Frees what *f owns and empties it; safe on an empty or freed file. */
void ini_free(struct ini_file *f);

/* The section called name (exact match), or NULL; the last one when several match. */
const struct ini_section *ini_section(const struct ini_file *f, const char *name);

/* The entry for key (lower-case) in sec, or NULL. sec may be NULL. */
const struct ini_entry *ini_entry(const struct ini_section *sec, const char *key);

/* The value of key in sec (borrowed), or NULL when absent or when it is a sub-section. */
const char *ini_value(const struct ini_section *sec, const char *key);

#endif
