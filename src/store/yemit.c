#include "store/yemit.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* libyaml hands us output in chunks; keep it in one growing NUL-terminated buffer. */
static int write_cb(void *data, unsigned char *chunk, size_t size)
{
	struct yemit *y = data;

	y->buf = xgrow(y->buf, &y->cap, y->len + size + 1, 1);
	memcpy(y->buf + y->len, chunk, size);
	y->len += size;
	y->buf[y->len] = '\0';
	return 1;
}

void yemit_init(struct yemit *y)
{
	memset(y, 0, sizeof(*y));
	if (!yaml_emitter_initialize(&y->em)) {
		/* Only fails when out of memory; surface it through the normal path. */
		y->failed = true;
		snprintf(y->problem, sizeof(y->problem), "cannot start the YAML emitter");
		return;
	}
	yaml_emitter_set_output(&y->em, write_cb, y);
	yaml_emitter_set_encoding(&y->em, YAML_UTF8_ENCODING);
	yaml_emitter_set_unicode(&y->em, 1);
	yaml_emitter_set_width(&y->em, -1);
	yaml_emitter_set_indent(&y->em, 2);
	yaml_emitter_set_break(&y->em, YAML_LN_BREAK);
}

void yemit_free(struct yemit *y)
{
	yaml_emitter_delete(&y->em);
	free(y->buf);
	y->buf = NULL;
	y->len = y->cap = 0;
}

/* Passes one event on; libyaml owns (and frees) the event whatever the outcome. */
static int emit(struct yemit *y, yaml_event_t *ev, int init_ok)
{
	if (!init_ok) {
		if (!y->failed)
			snprintf(y->problem, sizeof(y->problem), "cannot build a YAML event");
		y->failed = true;
		return -1;
	}
	if (y->failed) {
		yaml_event_delete(ev);
		return -1;
	}
	if (!yaml_emitter_emit(&y->em, ev)) {
		y->failed = true;
		snprintf(y->problem, sizeof(y->problem), "%s",
		         y->em.problem ? y->em.problem : "the YAML emitter refused an event");
		return -1;
	}
	return 0;
}

int yemit_comment(struct yemit *y, const char *text)
{
	size_t n = strlen(text);

	if (y->started || strpbrk(text, "\r\n"))
		return -1;
	write_cb(y, (unsigned char *)"# ", 2);
	write_cb(y, (unsigned char *)text, n);
	write_cb(y, (unsigned char *)"\n", 1);
	return 0;
}

int yemit_doc_begin(struct yemit *y)
{
	yaml_event_t ev;

	if (!y->started) {
		y->started = true;
		if (emit(y, &ev, yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING)))
			return -1;
	}
	return emit(y, &ev, yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1));
}

int yemit_doc_end(struct yemit *y)
{
	yaml_event_t ev;

	if (emit(y, &ev, yaml_document_end_event_initialize(&ev, 1)))
		return -1;
	if (emit(y, &ev, yaml_stream_end_event_initialize(&ev)))
		return -1;
	if (!yaml_emitter_flush(&y->em)) {
		y->failed = true;
		snprintf(y->problem, sizeof(y->problem), "cannot flush the YAML emitter");
		return -1;
	}
	return 0;
}

/* Remembers the style of each open collection: inside flow ones, plain scalars must also
 * avoid ",[]{}:". Beyond 64 levels of nesting everything counts as flow, the safe side. */
static bool level_is_flow(const struct yemit *y, unsigned level)
{
	return level >= 64 || ((y->flow_bits >> level) & 1);
}

static void push(struct yemit *y, bool flow)
{
	if (y->depth < 64) {
		if (flow)
			y->flow_bits |= 1ULL << y->depth;
		else
			y->flow_bits &= ~(1ULL << y->depth);
	}
	if (level_is_flow(y, y->depth))
		y->flow_level++;
	y->depth++;
}

static void pop(struct yemit *y)
{
	if (!y->depth)
		return;
	y->depth--;
	if (level_is_flow(y, y->depth))
		y->flow_level--;
}

int yemit_map_begin(struct yemit *y, bool flow)
{
	yaml_event_t ev;

	push(y, flow);
	return emit(y, &ev,
	            yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
	                                                flow ? YAML_FLOW_MAPPING_STYLE
	                                                     : YAML_BLOCK_MAPPING_STYLE));
}

int yemit_map_end(struct yemit *y)
{
	yaml_event_t ev;

	pop(y);
	return emit(y, &ev, yaml_mapping_end_event_initialize(&ev));
}

int yemit_seq_begin(struct yemit *y, bool flow)
{
	yaml_event_t ev;

	push(y, flow);
	return emit(y, &ev,
	            yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
	                                                 flow ? YAML_FLOW_SEQUENCE_STYLE
	                                                      : YAML_BLOCK_SEQUENCE_STYLE));
}

int yemit_seq_end(struct yemit *y)
{
	yaml_event_t ev;

	pop(y);
	return emit(y, &ev, yaml_sequence_end_event_initialize(&ev));
}

static int scalar(struct yemit *y, const char *s, size_t len, yaml_scalar_style_t style)
{
	yaml_event_t ev;

	if (len > INT_MAX)
		return emit(y, &ev, 0);
	return emit(y, &ev,
	            yaml_scalar_event_initialize(&ev, NULL, NULL, (const yaml_char_t *)s, (int)len,
	                                         1, 1, style));
}

/* Code point of the valid UTF-8 sequence at s and its length (1-4) in *n; *n = 0 when
 * invalid. Surrogates and code points past U+10FFFF count as invalid: libyaml's reader
 * would refuse them on load. */
static unsigned utf8_decode(const unsigned char *s, size_t *n)
{
	unsigned c = s[0], v;
	size_t w;

	*n = 0;
	if (c < 0x80) {
		*n = 1;
		return c;
	}
	if ((c & 0xE0) == 0xC0) {
		w = 2;
		v = c & 0x1F;
	} else if ((c & 0xF0) == 0xE0) {
		w = 3;
		v = c & 0x0F;
	} else if ((c & 0xF8) == 0xF0) {
		w = 4;
		v = c & 0x07;
	} else {
		return 0;
	}
	for (size_t i = 1; i < w; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if ((w == 2 && v < 0x80) || (w == 3 && v < 0x800) || (w == 4 && v < 0x10000))
		return 0;
	if ((v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF)
		return 0;
	*n = w;
	return v;
}

static size_t utf8_put(char *out, unsigned v)
{
	if (v < 0x80) {
		out[0] = (char)v;
		return 1;
	}
	if (v < 0x800) {
		out[0] = (char)(0xC0 | (v >> 6));
		out[1] = (char)(0x80 | (v & 0x3F));
		return 2;
	}
	if (v < 0x10000) {
		out[0] = (char)(0xE0 | (v >> 12));
		out[1] = (char)(0x80 | ((v >> 6) & 0x3F));
		out[2] = (char)(0x80 | (v & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (v >> 18));
	out[1] = (char)(0x80 | ((v >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((v >> 6) & 0x3F));
	out[3] = (char)(0x80 | (v & 0x3F));
	return 4;
}

/*
 * libyaml 0.2.5 treats every character outside the Basic Multilingual Plane (emoji, rare
 * CJK) as unprintable: it would force double quotes and write "\U0001F680". So such
 * characters travel through the emitter disguised as five noncharacters U+FDD0..U+FDEF
 * (5 bits each), which it writes as they are, and yemit_take() turns them back. Real
 * U+FDD0..U+FDEF in the text are disguised the same way so that nothing is ambiguous.
 */
#define NONCHAR_FIRST  0xFDD0u
#define NONCHAR_LAST   0xFDEFu
#define DISGUISE_UNITS 5

static bool is_disguised(unsigned v)
{
	return v >= 0x10000 || (v >= NONCHAR_FIRST && v <= NONCHAR_LAST);
}

/* Returns s itself when it needs no change, else a newly allocated copy with invalid
 * UTF-8 bytes replaced by U+FFFD (a file we cannot read back is worse than a visible
 * replacement) and characters disguised as above. *len is the result's length. */
static char *prepare(const char *s, size_t *len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), o = 0, w, need = 0;
	bool change = false;
	unsigned v;
	char *out;

	for (size_t i = 0; i < n; i += w ? w : 1) {
		v = utf8_decode(p + i, &w);
		if (!w || is_disguised(v))
			change = true;
		need += !w ? 3 : is_disguised(v) ? DISGUISE_UNITS * 3 : w;
	}
	*len = n;
	if (!change)
		return (char *)s;
	out = xmalloc(need + 1);
	for (size_t i = 0; i < n; i += w ? w : 1) {
		v = utf8_decode(p + i, &w);
		if (!w) {
			o += utf8_put(out + o, 0xFFFD);
		} else if (is_disguised(v)) {
			/* 0 … 0xFFFFF: the planes above the BMP; above that: the noncharacters. */
			unsigned code = v >= 0x10000 ? v - 0x10000 : 0x100000 + (v - NONCHAR_FIRST);
			for (int k = DISGUISE_UNITS - 1; k >= 0; k--)
				o += utf8_put(out + o, NONCHAR_FIRST + ((code >> (5 * k)) & 31));
		} else {
			memcpy(out + o, s + i, w);
			o += w;
		}
	}
	out[o] = '\0';
	*len = o;
	return out;
}

/* Undoes prepare()'s disguise in the emitted text, in place; returns the new length. */
static size_t undisguise(char *buf, size_t len)
{
	const unsigned char *p = (const unsigned char *)buf;
	size_t o = 0, w;

	for (size_t i = 0; i < len;) {
		unsigned v = utf8_decode(p + i, &w), code = 0;
		size_t j = i, k;

		if (!w || v < NONCHAR_FIRST || v > NONCHAR_LAST) {
			buf[o++] = buf[i++];
			continue;
		}
		for (k = 0; k < DISGUISE_UNITS && j < len; k++) {
			v = utf8_decode(p + j, &w);
			if (!w || v < NONCHAR_FIRST || v > NONCHAR_LAST)
				break;
			code = (code << 5) | (v - NONCHAR_FIRST);
			j += w;
		}
		if (k < DISGUISE_UNITS) {
			/* Cannot happen: the emitter copies the units as a whole. Keep the bytes.
			 */
			buf[o++] = buf[i++];
			continue;
		}
		if (code < 0x100000)
			o += utf8_put(buf + o, code + 0x10000);
		else
			o += utf8_put(buf + o, NONCHAR_FIRST + (code - 0x100000));
		i = j;
	}
	buf[o] = '\0';
	return o;
}

static bool all_in(const char *s, const char *set)
{
	return s[strspn(s, set)] == '\0';
}

static bool one_of(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(s, *list) == 0)
			return true;
	return false;
}

bool yemit_plain_is_typed(const char *s)
{
	/* YAML 1.1 and 1.2 core words: null, booleans (yes/no/on/off too), merge and value keys,
	 * infinities and not-a-number. Quoting one of these too many costs nothing. */
	static const char *const words[] = {
		"~",     "null", "Null", "NULL", "true", "True", "TRUE", "false", "False",
		"FALSE", "yes",  "Yes",  "YES",  "no",   "No",   "NO",   "on",    "On",
		"ON",    "off",  "Off",  "OFF",  "y",    "Y",    "n",    "N",     "<<",
		"=",     ".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN", NULL,
	};
	const char *t = s;

	if (!*s || one_of(s, words))
		return true;
	if (*t == '+' || *t == '-')
		t++;
	if (!strcmp(t, ".inf") || !strcmp(t, ".Inf") || !strcmp(t, ".INF"))
		return true;
	/* Hex, octal and binary integers: 0x1F, 0o17, 0b101. */
	if (t[0] == '0' && strchr("xXoObB", t[1]) && t[1] && t[2] &&
	    all_in(t + 2, "0123456789abcdefABCDEF_"))
		return true;
	/* Decimal integers and floats, YAML 1.1 sexagesimal (1:20) and digit separators
	 * (1_000): anything made of these characters that starts like a number. */
	if (((t[0] >= '0' && t[0] <= '9') || t[0] == '.') && all_in(t, "0123456789_.:eE+-") &&
	    strpbrk(t, "0123456789"))
		return true;
	/* Timestamps (YAML 1.1): 2026-11-26, 2026-11-26T22:00:00Z. */
	if (strspn(s, "0123456789") == 4 && s[4] == '-' && s[5] >= '0' && s[5] <= '9')
		return true;
	return false;
}

/* Whether s may be written as a plain scalar (in a flow collection when flow) and read
 * back unchanged; stricter than YAML needs, since quoting costs nothing. */
static bool plain_safe(const char *s, bool flow)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);

	if (!n || strchr("-?:,[]{}#&*!|>'\"%@` ", s[0]) || s[n - 1] == ' ' || s[n - 1] == ':')
		return false;
	if (!strncmp(s, "---", 3) || !strncmp(s, "...", 3))
		return false;
	if (strstr(s, ": ") || strstr(s, " #") || (flow && strpbrk(s, ",[]{}:")))
		return false;
	for (size_t i = 0; i < n; i++) {
		if (p[i] < 0x20 || p[i] == 0x7F)
			return false;
		/* C1 controls, the byte-order mark and non-characters are escaped by libyaml. */
		if (p[i] == 0xC2 && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F)
			return false;
		if (p[i] == 0xEF && ((p[i + 1] == 0xBB && p[i + 2] == 0xBF) ||
		                     (p[i + 1] == 0xBF && (p[i + 2] == 0xBE || p[i + 2] == 0xBF))))
			return false;
		if (p[i] == 0xE2 && p[i + 1] == 0x80 && (p[i + 2] == 0xA8 || p[i + 2] == 0xA9))
			return false;
	}
	return true;
}

/* Line breaks YAML normalises to '\n' on reading: a literal block would lose them. */
static bool has_other_break(const char *s)
{
	return strchr(s, '\r') || strstr(s, "\xC2\x85") || strstr(s, "\xE2\x80\xA8") ||
	       strstr(s, "\xE2\x80\xA9");
}

static yaml_scalar_style_t pick_style(const char *s, bool flow)
{
	if (strchr(s, '\n') && !has_other_break(s))
		return YAML_LITERAL_SCALAR_STYLE;
	if (yemit_plain_is_typed(s) || !plain_safe(s, flow))
		return YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	return YAML_PLAIN_SCALAR_STYLE;
}

int yemit_str(struct yemit *y, const char *s)
{
	const char *in = s ? s : "";
	size_t len;
	char *fixed = prepare(in, &len);
	int rc;

	/* libyaml still checks what we ask for and falls back to a quoted style when a
	 * literal block cannot hold the text (trailing spaces on a line, tabs, …). */
	rc = scalar(y, fixed, len, pick_style(fixed, y->flow_level > 0));
	if (fixed != in)
		free(fixed);
	return rc;
}

int yemit_pair(struct yemit *y, const char *key, const char *value)
{
	if (yemit_str(y, key))
		return -1;
	return yemit_str(y, value);
}

int yemit_bool(struct yemit *y, bool v)
{
	return v ? scalar(y, "true", 4, YAML_PLAIN_SCALAR_STYLE)
	         : scalar(y, "false", 5, YAML_PLAIN_SCALAR_STYLE);
}

int yemit_long(struct yemit *y, long v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%ld", v);
	return scalar(y, buf, strlen(buf), YAML_PLAIN_SCALAR_STYLE);
}

int yemit_null(struct yemit *y)
{
	return scalar(y, "null", 4, YAML_PLAIN_SCALAR_STYLE);
}

const char *yemit_number(double v, char *buf, size_t len)
{
	if (isnan(v)) {
		snprintf(buf, len, ".nan");
	} else if (isinf(v)) {
		snprintf(buf, len, v < 0 ? "-.inf" : ".inf");
	} else if (v == floor(v) && fabs(v) < 1e15) {
		snprintf(buf, len, "%.0f", v);
	} else {
		/* The shortest of %.15g … %.17g that reads back exactly: 99.95, not
		 * 99.950000000000003. */
		for (int prec = 15; prec <= 17; prec++) {
			snprintf(buf, len, "%.*g", prec, v);
			if (strtod(buf, NULL) == v)
				break;
		}
	}
	return buf;
}

int yemit_double(struct yemit *y, double v)
{
	char buf[40];

	/* JSON has no infinities or NaN either; cJSON prints them as null too. */
	if (!isfinite(v))
		return yemit_null(y);
	yemit_number(v, buf, sizeof(buf));
	return scalar(y, buf, strlen(buf), YAML_PLAIN_SCALAR_STYLE);
}

int yemit_json(struct yemit *y, const cJSON *v)
{
	const cJSON *c;

	if (!v || cJSON_IsNull(v) || cJSON_IsInvalid(v))
		return yemit_null(y);
	if (cJSON_IsBool(v))
		return yemit_bool(y, cJSON_IsTrue(v));
	if (cJSON_IsNumber(v))
		return yemit_double(y, v->valuedouble);
	if (cJSON_IsString(v) || cJSON_IsRaw(v))
		return yemit_str(y, v->valuestring);
	if (cJSON_IsArray(v)) {
		if (yemit_seq_begin(y, false))
			return -1;
		cJSON_ArrayForEach(c, v) if (yemit_json(y, c)) return -1;
		return yemit_seq_end(y);
	}
	if (yemit_map_begin(y, false))
		return -1;
	cJSON_ArrayForEach(c, v)
	{
		if (yemit_str(y, c->string) || yemit_json(y, c))
			return -1;
	}
	return yemit_map_end(y);
}

char *yemit_take(struct yemit *y, size_t *len)
{
	char *out;

	if (y->failed)
		return NULL;
	out = y->buf ? y->buf : xstrdup("");
	y->len = undisguise(out, y->len);
	if (len)
		*len = y->len;
	y->buf = NULL;
	y->len = y->cap = 0;
	return out;
}
