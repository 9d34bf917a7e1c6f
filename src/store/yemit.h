/* Writing YAML through libyaml's emitter into a growing memory buffer. Callers emit
 * structure (documents, mappings, sequences, scalars); the style of each string scalar is
 * chosen here so that it always reads back as the same string. */
#ifndef WAR_STORE_YEMIT_H
#define WAR_STORE_YEMIT_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>
#include <yaml.h>

struct yemit {
	yaml_emitter_t em;
	char *buf; /* output so far, NUL-terminated */
	size_t len, cap;
	bool started;                 /* the stream has begun: no more header comments */
	unsigned long long flow_bits; /* bit i: the collection at depth i is in flow style */
	unsigned depth;               /* open collections */
	unsigned flow_level;          /* open collections in flow style */
	bool failed;                  /* an event was refused; later calls do nothing */
	char problem[256];            /* why it failed */
};

/* Prepares an emitter (UTF-8, unicode output, no line folding). Free with yemit_free(). */
void yemit_init(struct yemit *y);
/* Frees what the emitter holds (not y itself). */
void yemit_free(struct yemit *y);

/* Adds a "# text" line before the document (text must be one line; libyaml has no comment
 * events, so it goes straight into the buffer). Returns 0, or -1 once the document has
 * begun. */
int yemit_comment(struct yemit *y, const char *text);

/* Structure. Each returns 0, or -1 after the first refused event (see y->problem). */
int yemit_doc_begin(struct yemit *y);
int yemit_doc_end(struct yemit *y);
int yemit_map_begin(struct yemit *y, bool flow);
int yemit_map_end(struct yemit *y);
int yemit_seq_begin(struct yemit *y, bool flow);
int yemit_seq_end(struct yemit *y);

/* A string scalar in the style that reads back as the same string: plain when safe,
 * double-quoted when it would resolve as null/bool/number/date or has special characters,
 * literal block when multi-line. Invalid UTF-8 bytes are written as U+FFFD. */
int yemit_str(struct yemit *y, const char *s);
/* A key followed by a string value (yemit_str for both). */
int yemit_pair(struct yemit *y, const char *key, const char *value);
/* Non-string scalars, written plain so they resolve to their type. */
int yemit_bool(struct yemit *y, bool v);
int yemit_long(struct yemit *y, long v);
int yemit_double(struct yemit *y, double v);
int yemit_null(struct yemit *y);
/* Any JSON value, mappings and sequences in block style. */
int yemit_json(struct yemit *y, const cJSON *v);

/* The text so far; valid after yemit_doc_end(). Returns a newly allocated NUL-terminated
 * string (free with free()) and leaves the emitter empty, or NULL if anything failed. */
char *yemit_take(struct yemit *y, size_t *len);

/* Whether a plain scalar s would resolve to something other than a string (null, bool,
 * number, timestamp, merge key) under YAML 1.1 or 1.2 rules. */
bool yemit_plain_is_typed(const char *s);

/* Formats a number so it reads back as the same double: integers without a fraction,
 * others with the fewest digits (up to 17) that round-trip. Returns buf. */
const char *yemit_number(double v, char *buf, size_t len);

#endif
