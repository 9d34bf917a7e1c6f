/* Scalars as botocore and the aws CLI see them: timestamps read the way parse_timestamp()
 * reads them and printed the way datetime.isoformat() prints them, numbers printed the way
 * Python prints them, base64. */
#include "aws/proto_int.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "util/xalloc.h"

/* ---- calendar arithmetic (proleptic Gregorian, any year) ---- */

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static int days_in_month(int64_t y, int m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : dm[m - 1];
}

struct fields {
	int64_t year;
	int mon, day, hour, min, sec, usec;
};

static void split_secs(int64_t secs, struct fields *f)
{
	int64_t days = secs / 86400, rem = secs % 86400;

	if (rem < 0) {
		rem += 86400;
		days--;
	}
	civil_from_days(days, &f->year, &f->mon, &f->day);
	f->hour = (int)(rem / 3600);
	f->min = (int)(rem / 60 % 60);
	f->sec = (int)(rem % 60);
}

/* ---- reading timestamps ---- */

static const char *skip_ws(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return s;
}

/* Reads exactly n digits. */
static int digits(const char **p, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return -1;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return 0;
}

/* "Z", "+HH", "+HHMM", "+HH:MM", "GMT", "UTC", "UT", or nothing (naive). */
static int read_zone(const char **p, struct proto_time *t)
{
	const char *s = skip_ws(*p);
	int hh, mm = 0, sign;

	t->has_tz = false;
	t->offset = 0;
	if (*s == '\0') {
		*p = s;
		return 0;
	}
	if (*s == 'Z' || *s == 'z') {
		s++;
		t->has_tz = true;
	} else if (strncmp(s, "GMT", 3) == 0 || strncmp(s, "UTC", 3) == 0) {
		s += 3;
		t->has_tz = true;
	} else if (strncmp(s, "UT", 2) == 0) {
		s += 2;
		t->has_tz = true;
	} else if (*s == '+' || *s == '-') {
		sign = *s++ == '-' ? -1 : 1;
		if (digits(&s, 2, &hh) < 0)
			return -1;
		if (*s == ':')
			s++;
		if (isdigit((unsigned char)*s) && digits(&s, 2, &mm) < 0)
			return -1;
		if (hh > 23 || mm > 59)
			return -1;
		t->has_tz = true;
		t->offset = sign * (hh * 3600 + mm * 60);
	} else {
		return -1;
	}
	*p = skip_ws(s);
	return 0;
}

/* "HH:MM[:SS[.ffffff…]]"; dateutil keeps six digits of the fraction and drops the rest. */
static int read_clock(const char **p, struct fields *f)
{
	const char *s = *p;

	if (digits(&s, 2, &f->hour) < 0 || *s++ != ':' || digits(&s, 2, &f->min) < 0)
		return -1;
	f->sec = f->usec = 0;
	if (*s == ':') {
		s++;
		if (digits(&s, 2, &f->sec) < 0)
			return -1;
		if (*s == '.' || *s == ',') {
			int n = 0;

			s++;
			if (!isdigit((unsigned char)*s))
				return -1;
			for (; isdigit((unsigned char)*s); s++, n++)
				if (n < 6)
					f->usec = f->usec * 10 + (*s - '0');
			for (; n < 6; n++)
				f->usec *= 10;
		}
	}
	*p = s;
	return 0;
}

static int finish(const struct fields *f, struct proto_time *t)
{
	if (f->mon < 1 || f->mon > 12 || f->day < 1 || f->day > days_in_month(f->year, f->mon) ||
	    f->hour > 23 || f->min > 59 || f->sec > 59)
		return -1;
	t->sec = days_from_civil(f->year, f->mon, f->day) * 86400 + f->hour * 3600 + f->min * 60 +
	         f->sec - t->offset;
	t->usec = f->usec;
	return 0;
}

/* ISO 8601: "YYYY-MM-DD", optionally "T" or " " and a clock, optionally a zone. */
static int read_iso(const char *s, struct proto_time *t)
{
	struct fields f = { 0 };
	int y;

	if (digits(&s, 4, &y) < 0 || *s++ != '-' || digits(&s, 2, &f.mon) < 0 || *s++ != '-' ||
	    digits(&s, 2, &f.day) < 0)
		return -1;
	f.year = y;
	if (*s == 'T' || *s == 't' || (*s == ' ' && isdigit((unsigned char)s[1]))) {
		s++;
		if (read_clock(&s, &f) < 0)
			return -1;
	}
	if (read_zone(&s, t) < 0 || *s)
		return -1;
	return finish(&f, t);
}

/* RFC 822 / HTTP dates: "[Tue, ]02 Jan 2024 03:04:05 GMT". */
static int read_rfc822(const char *s, struct proto_time *t)
{
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
		                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct fields f = { 0 };
	int y, n = 0;

	if (isalpha((unsigned char)*s)) {
		while (isalpha((unsigned char)*s))
			s++;
		if (*s == ',')
			s++;
		s = skip_ws(s);
	}
	while (isdigit((unsigned char)*s) && n < 2) {
		f.day = f.day * 10 + (*s++ - '0');
		n++;
	}
	if (!n || *s++ != ' ')
		return -1;
	s = skip_ws(s);
	for (int i = 0; i < 12; i++)
		if (strncasecmp(s, months[i], 3) == 0)
			f.mon = i + 1;
	if (!f.mon || s[3] != ' ')
		return -1;
	s = skip_ws(s + 3);
	if (digits(&s, 4, &y) < 0 || *s++ != ' ')
		return -1;
	f.year = y;
	s = skip_ws(s);
	if (read_clock(&s, &f) < 0 || read_zone(&s, t) < 0 || *s)
		return -1;
	return finish(&f, t);
}

/* Python's datetime holds years 1 to 9999, in UTC and in the zone it converts to. */
static bool year_ok(int64_t secs)
{
	struct fields f;

	split_secs(secs, &f);
	return f.year >= 1 && f.year <= 9999;
}

int proto_time_epoch(double secs, struct proto_time *t)
{
	double ip, frac, us;
	struct tm tm;
	time_t tt;

	/* Checked before converting to an integer, which is undefined out of range: ±1e12
	 * seconds is ±31,700 years, beyond datetime's range and well inside int64_t's. */
	if (!(secs > -1e12 && secs < 1e12))
		return -1;
	frac = modf(secs, &ip);
	us = rint(frac * 1e6); /* Python rounds half to even, as rint() does */
	if (us >= 1e6) {
		us -= 1e6;
		ip += 1;
	} else if (us < 0) {
		us += 1e6;
		ip -= 1;
	}
	t->sec = (int64_t)ip;
	t->usec = (int)us;
	/* Python's fromtimestamp(x, tzlocal()): the local zone's offset at that instant. */
	tt = (time_t)t->sec;
	t->has_tz = true;
	t->offset = localtime_r(&tt, &tm) ? (int)tm.tm_gmtoff : 0;
	return year_ok(t->sec) && year_ok(t->sec + t->offset) ? 0 : -1;
}

int proto_time_parse(const char *s, struct proto_time *t)
{
	char *end;
	double d;

	memset(t, 0, sizeof(*t));
	s = skip_ws(s);
	if (!*s)
		return -1;
	d = strtod(s, &end);
	if (end != s && *skip_ws(end) == '\0' && isfinite(d) && fabs(d) < 1e11)
		return proto_time_epoch(d, t);
	if (read_iso(s, t) == 0 || read_rfc822(s, t) == 0)
		return 0;
	return -1;
}

char *proto_time_iso(const struct proto_time *t, char *buf, size_t len)
{
	struct fields f;
	char frac[16] = "", zone[16] = "";

	split_secs(t->sec + (t->has_tz ? t->offset : 0), &f);
	if (t->usec)
		snprintf(frac, sizeof(frac), ".%06d", t->usec);
	if (t->has_tz) {
		int off = t->offset < 0 ? -t->offset : t->offset;

		snprintf(zone, sizeof(zone), "%c%02d:%02d", t->offset < 0 ? '-' : '+', off / 3600,
		         off / 60 % 60);
		if (off % 60)
			snprintf(zone + 6, sizeof(zone) - 6, ":%02d", off % 60);
	}
	snprintf(buf, len, "%04lld-%02d-%02dT%02d:%02d:%02d%s%s", (long long)f.year, f.mon, f.day,
	         f.hour, f.min, f.sec, frac, zone);
	return buf;
}

int proto_time_wire(const cJSON *v, const char *fmt, char *buf, size_t len)
{
	static const char *const wday[] = { "Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed" };
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
		                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct proto_time t;
	struct fields f;
	int64_t days;

	if (cJSON_IsNumber(v)) {
		if (proto_time_epoch(v->valuedouble, &t) < 0)
			return -1;
	} else if (!cJSON_IsString(v) || proto_time_parse(v->valuestring, &t) < 0) {
		return -1;
	}
	/* botocore takes a time written without a zone as UTC and converts the rest to UTC. */
	split_secs(t.sec, &f);
	if (!fmt || strcasecmp(fmt, "iso8601") == 0) {
		if (t.usec)
			snprintf(buf, len, "%04lld-%02d-%02dT%02d:%02d:%02d.%06dZ",
			         (long long)f.year, f.mon, f.day, f.hour, f.min, f.sec, t.usec);
		else
			snprintf(buf, len, "%04lld-%02d-%02dT%02d:%02d:%02dZ", (long long)f.year,
			         f.mon, f.day, f.hour, f.min, f.sec);
	} else if (strcasecmp(fmt, "unixTimestamp") == 0) {
		snprintf(buf, len, "%lld", (long long)t.sec);
	} else if (strcasecmp(fmt, "rfc822") == 0) {
		days = t.sec >= 0 ? t.sec / 86400 : (t.sec - 86399) / 86400;
		snprintf(buf, len, "%s, %02d %s %04lld %02d:%02d:%02d GMT",
		         wday[((days % 7) + 7) % 7], f.day, mon[f.mon - 1], (long long)f.year,
		         f.hour, f.min, f.sec);
	} else {
		return -1;
	}
	return 0;
}

cJSON *proto_time_out_text(const char *text)
{
	struct proto_time t;
	char buf[64];

	if (proto_time_parse(text, &t) < 0)
		return cJSON_CreateString(text);
	return cJSON_CreateString(proto_time_iso(&t, buf, sizeof(buf)));
}

cJSON *proto_time_out_number(double secs)
{
	struct proto_time t;
	char buf[64];

	/* Out of range (botocore fails on it): the number as it came, as text that is no
	 * timestamp passes through. */
	if (proto_time_epoch(secs, &t) < 0)
		return isfinite(secs) ? cJSON_CreateNumber(secs) : cJSON_CreateNull();
	return cJSON_CreateString(proto_time_iso(&t, buf, sizeof(buf)));
}

/* ---- numbers ---- */

char *proto_float_repr(double d, char *buf, size_t len)
{
	char tmp[40], dig[24];
	int prec, exp, nd = 0;
	size_t r = 0;
	const char *e;

	if (isnan(d))
		return snprintf(buf, len, "NaN"), buf;
	if (isinf(d))
		return snprintf(buf, len, d < 0 ? "-Infinity" : "Infinity"), buf;
	if (d == 0)
		return snprintf(buf, len, signbit(d) ? "-0.0" : "0.0"), buf;
	/* The shortest digits that read back as d, as Python's repr() finds them. */
	for (prec = 1; prec <= 17; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*e", prec - 1, d);
		if (strtod(tmp, NULL) == d)
			break;
	}
	e = strchr(tmp, 'e');
	for (const char *c = tmp; c < e; c++)
		if (isdigit((unsigned char)*c))
			dig[nd++] = *c;
	while (nd > 1 && dig[nd - 1] == '0')
		nd--;
	exp = atoi(e + 1);
	if (d < 0)
		tmp[r++] = '-';
	if (exp >= -4 && exp < 16) {
		if (exp < 0) {
			tmp[r++] = '0';
			tmp[r++] = '.';
			for (int i = -1; i > exp; i--)
				tmp[r++] = '0';
			for (int i = 0; i < nd; i++)
				tmp[r++] = dig[i];
		} else {
			for (int i = 0; i <= exp; i++)
				tmp[r++] = i < nd ? dig[i] : '0';
			tmp[r++] = '.';
			if (nd > exp + 1)
				for (int i = exp + 1; i < nd; i++)
					tmp[r++] = dig[i];
			else
				tmp[r++] = '0';
		}
		tmp[r] = '\0';
	} else {
		tmp[r++] = dig[0];
		if (nd > 1) {
			tmp[r++] = '.';
			for (int i = 1; i < nd; i++)
				tmp[r++] = dig[i];
		}
		snprintf(tmp + r, sizeof(tmp) - r, "e%c%02d", exp < 0 ? '-' : '+', abs(exp));
	}
	snprintf(buf, len, "%s", tmp);
	return buf;
}

static cJSON *number_with_text(double d, const char *text)
{
	cJSON *n = cJSON_CreateNumber(d);

	if (text)
		n->valuestring = xstrdup(text);
	return n;
}

cJSON *proto_float_out(double d)
{
	char buf[40];

	return number_with_text(d, proto_float_repr(d, buf, sizeof(buf)));
}

cJSON *proto_int_out(const char *text)
{
	struct sbuf b = { 0 };
	const char *s = skip_ws(text);
	bool neg = false, any = false;
	cJSON *n;
	double d;

	if (*s == '+' || *s == '-')
		neg = *s++ == '-';
	/* Python's int() also takes underscores between digits. */
	for (; isdigit((unsigned char)*s) || (*s == '_' && any && isdigit((unsigned char)s[1]));
	     s++) {
		if (*s == '_')
			continue;
		if (*s != '0' || b.len) /* leading zeros dropped */
			sbuf_putn(&b, s, 1);
		any = true;
	}
	if (!any || *skip_ws(s)) {
		free(b.buf);
		return NULL;
	}
	if (!b.len)
		sbuf_putn(&b, "0", 1);
	d = strtod(b.buf, NULL);
	if (neg && strcmp(b.buf, "0") != 0)
		d = -d;
	/* Integers a double cannot hold exactly keep their digits. */
	if (fabs(d) >= 9007199254740992.0) {
		char *t = xasprintf("%s%s", neg ? "-" : "", b.buf);

		n = number_with_text(d, t);
		free(t);
	} else {
		n = cJSON_CreateNumber(d);
	}
	free(b.buf);
	return n;
}

cJSON *proto_int_from_item(const cJSON *v)
{
	if (cJSON_IsString(v))
		return proto_int_out(v->valuestring);
	if (cJSON_IsBool(v))
		return cJSON_CreateNumber(cJSON_IsTrue(v) ? 1 : 0);
	if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble))
		return NULL;
	if (v->valuestring && !strpbrk(v->valuestring, ".eEIN"))
		return number_with_text(v->valuedouble, v->valuestring);
	return cJSON_CreateNumber(trunc(v->valuedouble)); /* int(5.7) is 5 */
}

char *proto_number_text(const cJSON *v, char *buf, size_t len)
{
	double d = v->valuedouble;

	if (v->valuestring)
		snprintf(buf, len, "%s", v->valuestring);
	else if (d == floor(d) && fabs(d) < 1e17)
		snprintf(buf, len, "%.0f", d);
	else
		proto_float_repr(d, buf, len);
	return buf;
}

/* ---- base64 ---- */

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

char *proto_base64(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	char *out = xmalloc((n + 2) / 3 * 4 + 1), *o = out;

	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)u[i] << 16;

		if (i + 1 < n)
			v |= (unsigned)u[i + 1] << 8;
		if (i + 2 < n)
			v |= u[i + 2];
		*o++ = b64[v >> 18 & 63];
		*o++ = b64[v >> 12 & 63];
		*o++ = i + 1 < n ? b64[v >> 6 & 63] : '=';
		*o++ = i + 2 < n ? b64[v & 63] : '=';
	}
	*o = '\0';
	return out;
}

int proto_unbase64(const char *s, char **out, size_t *n)
{
	size_t len = strlen(s), k = 0;
	unsigned acc = 0;
	int bits = 0;
	char *o = xmalloc(len / 4 * 3 + 4);

	for (size_t i = 0; i < len; i++) {
		const char *p;

		if (s[i] == '=' || isspace((unsigned char)s[i]))
			continue;
		p = s[i] ? strchr(b64, s[i]) : NULL;
		if (!p) {
			free(o);
			return -1;
		}
		acc = acc << 6 | (unsigned)(p - b64);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			o[k++] = (char)(acc >> bits & 0xFF);
		}
	}
	o[k] = '\0';
	*out = o;
	*n = k;
	return 0;
}
