/* Availability arithmetic shared by the calculator, the workload model and the reports:
 * downtime budgets, MTBF/MTTR, parallel and k-of-n copies, and the text forms of
 * percentages, durations and money. */
#include "model/avail.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define DAY  86400.0
#define YEAR (365 * DAY)

const struct avail_tier avail_tiers[] = {
	{ 0.9, "90%", "one nine" },         { 0.99, "99%", "two nines" },
	{ 0.999, "99.9%", "three nines" },  { 0.9995, "99.95%", "three and a half nines" },
	{ 0.9999, "99.99%", "four nines" }, { 0.99999, "99.999%", "five nines" },
};
const size_t avail_n_tiers = sizeof(avail_tiers) / sizeof(avail_tiers[0]);

void avail_downtime(double a, struct avail_downtime *out)
{
	double down = 1 - a;

	out->per_year = down * YEAR;
	out->per_month = out->per_year / 12;
	out->per_week = down * 7 * DAY;
	out->per_day = down * DAY;
}

double avail_from_mtbf(double mtbf, double mttr)
{
	if (!isfinite(mtbf) || !isfinite(mttr) || mtbf <= 0 || mttr < 0)
		return NAN;
	return mtbf / (mtbf + mttr);
}

double avail_parallel(double a, int n)
{
	return 1 - pow(1 - a, n < 1 ? 1 : n);
}

/* Binomial coefficient as a double; n is small (AZ counts). */
static double choose(int n, int k)
{
	double r = 1;

	for (int i = 1; i <= k; i++)
		r = r * (n - k + i) / i;
	return r;
}

double avail_k_of_n(double a, int k, int n)
{
	double q = 0;

	if (n < 1)
		n = 1;
	if (k < 1)
		k = 1;
	if (k > n)
		k = n;
	/* Sum the states with fewer than k copies up: small terms, so 1 - q keeps its nines. */
	for (int up = 0; up < k; up++)
		q += choose(n, up) * pow(a, up) * pow(1 - a, n - up);
	return 1 - q;
}

void avail_format(double a, char *buf, size_t len)
{
	if (!len)
		return;
	if (isnan(a) || a < 0 || a > 1) {
		snprintf(buf, len, "n/a");
		return;
	}
	for (int d = 0; d <= 15; d++) {
		char text[64];
		double back;

		snprintf(text, sizeof(text), "%.*f", d, a * 100);
		back = strtod(text, NULL) / 100;
		/* Same to 1e-9 (half a unit of the 9th decimal, plus rounding slack); and a figure
		 * short of 100% (or above 0%) must not read as exactly that. */
		if (fabs(back - a) > 5e-10 + 1e-15)
			continue;
		if ((a < 1 && back >= 1) || (a > 0 && back <= 0))
			continue;
		snprintf(buf, len, "%s%%", text);
		return;
	}
	snprintf(buf, len, "%.15f%%", a * 100);
}

/* ---- durations ---- */

struct unit {
	const char *name;
	double seconds;
};

/* Longest names first within a unit so "minutes" is not read as "m" + "inutes". */
static const struct unit units[] = {
	{ "weeks", 7 * DAY }, { "week", 7 * DAY }, { "wk", 7 * DAY }, { "w", 7 * DAY },
	{ "days", DAY },      { "day", DAY },      { "d", DAY },      { "hours", 3600 },
	{ "hour", 3600 },     { "hrs", 3600 },     { "hr", 3600 },    { "h", 3600 },
	{ "minutes", 60 },    { "minute", 60 },    { "mins", 60 },    { "min", 60 },
	{ "m", 60 },          { "seconds", 1 },    { "second", 1 },   { "secs", 1 },
	{ "sec", 1 },         { "s", 1 },
};

static const struct unit *match_unit(const char *p, size_t *used)
{
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		size_t n = strlen(units[i].name);
		if (strncasecmp(p, units[i].name, n) == 0 && !isalpha((unsigned char)p[n])) {
			*used = n;
			return &units[i];
		}
	}
	return NULL;
}

int avail_parse_duration(const char *s, double *seconds)
{
	double total = 0;
	const char *p = s;
	int parts = 0;

	if (!s)
		return -1;
	for (;;) {
		double v = 0, scale = 1;
		int digits = 0;
		const struct unit *u;
		size_t used;

		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (!*p)
			break;
		if (parts && strncasecmp(p, "and ", 4) == 0)
			p += 4;
		/* One integer over a power of ten: exact for the digits people write. */
		for (; isdigit((unsigned char)*p); p++, digits++)
			v = v * 10 + (*p - '0');
		if (*p == '.') {
			for (p++; isdigit((unsigned char)*p); p++, digits++) {
				if (digits < 15) {
					v = v * 10 + (*p - '0');
					scale *= 10;
				}
			}
		}
		v /= scale;
		if (!digits)
			return -1;
		while (*p == ' ')
			p++;
		u = match_unit(p, &used);
		if (!u)
			return -1;
		p += used;
		total += v * u->seconds;
		parts++;
	}
	/* A hundred years is far beyond any outage or objective; more is a typo. */
	if (!parts || !isfinite(total) || total > 100 * YEAR)
		return -1;
	*seconds = total;
	return 0;
}

/* Appends to buf at *used, keeping it terminated whatever the length. */
static void append(char *buf, size_t len, size_t *used, const char *fmt, long v, const char *unit)
{
	int n;

	if (*used >= len)
		return;
	n = snprintf(buf + *used, len - *used, fmt, v, unit);
	if (n > 0)
		*used += (size_t)n;
}

static void trim_zeros(char *s)
{
	char *dot = strchr(s, '.');
	char *end;

	if (!dot)
		return;
	end = s + strlen(s) - 1;
	while (end > dot && *end == '0')
		*end-- = '\0';
	if (end == dot)
		*end = '\0';
}

void avail_format_duration(double seconds, char *buf, size_t len)
{
	static const char *const names[] = { "d", "h", "m", "s" };
	long rest, v[4];
	size_t used = 0;
	int first = -1, last = -1;

	if (!len)
		return;
	if (isnan(seconds) || seconds < 0) {
		snprintf(buf, len, "n/a");
		return;
	}
	if (seconds < 59.5) {
		/* Under a minute the fraction matters (99.9999% allows 31.5 s a year). */
		char num[32];
		int prec = seconds >= 10 ? 1 : seconds >= 1 ? 2 : 3;

		snprintf(num, sizeof(num), "%.*f", prec, seconds);
		trim_zeros(num);
		snprintf(buf, len, "%ss", num);
		return;
	}
	rest = lround(seconds);
	v[0] = rest / 86400;
	v[1] = rest / 3600 % 24;
	v[2] = rest / 60 % 60;
	v[3] = rest % 60;
	for (int i = 0; i < 4; i++) {
		if (v[i] && first < 0)
			first = i;
		if (v[i])
			last = i;
	}
	buf[0] = '\0';
	for (int i = first; i <= last; i++)
		append(buf, len, &used, used ? " %ld%s" : "%ld%s", v[i], names[i]);
}

char *avail_format_duration_unit(long seconds, char *buf, size_t len)
{
	if (seconds > 0 && seconds % 86400 == 0)
		snprintf(buf, len, "%ldd", seconds / 86400);
	else if (seconds > 0 && seconds % 3600 == 0)
		snprintf(buf, len, "%ldh", seconds / 3600);
	else if (seconds > 0 && seconds % 60 == 0)
		snprintf(buf, len, "%ldm", seconds / 60);
	else
		snprintf(buf, len, "%lds", seconds);
	return buf;
}

char *avail_format_duration_compact(long seconds, char *buf, size_t len)
{
	static const struct {
		const char *name;
		long secs;
	} steps[] = {
		{ "d", 86400 },
		{ "h", 3600 },
		{ "m", 60 },
		{ "s", 1 },
	};
	size_t used = 0;

	if (!len)
		return buf;
	buf[0] = '\0';
	if (seconds <= 0) {
		snprintf(buf, len, "0s");
		return buf;
	}
	for (size_t i = 0; i < 4; i++) {
		long v = seconds / steps[i].secs;
		seconds %= steps[i].secs;
		if (v)
			append(buf, len, &used, "%ld%s", v, steps[i].name);
	}
	return buf;
}

void avail_format_money(double amount, const char *currency, char *buf, size_t len)
{
	char digits[64], grouped[96];
	size_t n, j = 0;
	const char *d = digits;

	if (!len)
		return;
	if (!isfinite(amount)) {
		snprintf(buf, len, "%s n/a", currency);
		return;
	}
	snprintf(digits, sizeof(digits), "%.0f", fabs(amount));
	if (amount <= -0.5)
		grouped[j++] = '-';
	n = strlen(d);
	for (size_t i = 0; i < n && j + 2 < sizeof(grouped); i++) {
		if (i && (n - i) % 3 == 0)
			grouped[j++] = ',';
		grouped[j++] = d[i];
	}
	grouped[j] = '\0';
	snprintf(buf, len, "%s %s", currency, grouped);
}

double avail_cost_per_year(double a, double cost_per_hour)
{
	return (1 - a) * (YEAR / 3600) * cost_per_hour;
}

const char *avail_currency(const struct review *rv)
{
	return rv->wl.currency && *rv->wl.currency ? rv->wl.currency : "USD";
}

/* ---- names ---- */

static const char *const redundancy_names[] = {
	NULL, "none", "active-active", "active-passive", "n+1", "managed",
};

const char *avail_redundancy_name(enum redundancy r)
{
	return r > REDUNDANCY_DEFAULT && r <= REDUNDANCY_MANAGED ? redundancy_names[r] : NULL;
}

int avail_redundancy_parse(const char *s)
{
	for (int i = REDUNDANCY_NONE; i <= REDUNDANCY_MANAGED; i++)
		if (s && strcmp(s, redundancy_names[i]) == 0)
			return i;
	return -1;
}

const char *avail_impact_name(enum incident_impact i)
{
	return i == IMPACT_PARTIAL ? "partial" : "full";
}

int avail_impact_parse(const char *s)
{
	if (s && strcasecmp(s, "full") == 0)
		return IMPACT_FULL;
	if (s && strcasecmp(s, "partial") == 0)
		return IMPACT_PARTIAL;
	return -1;
}
