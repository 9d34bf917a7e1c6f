#include "model/workload.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/avail.h"
#include "util/xalloc.h"

const char *const workload_environments[] = {
	"production", "pre-production", "development", "test", "other", NULL,
};

const char *const workload_criticalities[] = {
	"critical", "high", "medium", "low", NULL,
};

/* Directions used in Region names; a typo such as "eu-wset-1" is caught by this list. */
static const char *const directions[] = {
	"central",   "north",     "south",     "east",      "west",
	"northeast", "northwest", "southeast", "southwest", NULL,
};

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

static bool in_list(const char *const *list, const char *s, size_t len)
{
	for (; *list; list++)
		if (strlen(*list) == len && strncmp(*list, s, len) == 0)
			return true;
	return false;
}

int workload_parse_duration(const char *s, long *seconds)
{
	double secs;

	/* The calculator's reader, so every duration field takes the same forms. */
	if (avail_parse_duration(s, &secs) || secs != floor(secs))
		return -1;
	*seconds = (long)secs;
	return 0;
}

int workload_parse_account(const char *s, char out[13])
{
	size_t n = 0;

	for (const char *p = s; *p; p++) {
		if (is_digit(*p) && n < 12)
			out[n++] = *p;
		else if (!(*p == '-' && p > s && is_digit(p[-1]) && is_digit(p[1])))
			return -1;
	}
	out[n] = '\0';
	return n == 12 ? 0 : -1;
}

/* A copy of the n bytes at s without leading and trailing white space. */
static char *trim(const char *s, size_t n)
{
	while (n && isspace((unsigned char)*s))
		s++, n--;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return xstrndup(s, n);
}

int workload_parse_participant(const char *s, char **name, char **role, char *msg, size_t len)
{
	static const char *const pairs[] = { "[]", "()" };
	const char *open = NULL, *close = NULL, *colon;
	size_t n = strlen(s);

	*name = *role = NULL;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	for (size_t i = 0; i < 2 && !open; i++)
		if (n && s[n - 1] == pairs[i][1]) {
			close = s + n - 1;
			open = memchr(s, pairs[i][0], n);
		}
	/* A bracket anywhere but around a role at the end is a role written wrong. */
	if ((close && !open) || strcspn(s, "[]()") < (size_t)((open ? open : s + n) - s)) {
		snprintf(msg, len,
		         "'%s': a role goes in brackets after the name, such as "
		         "Ravi Kumar [ops]",
		         s);
		return -1;
	}
	colon = open ? NULL : strchr(s, ':');
	*name = open ? trim(s, (size_t)(open - s)) : trim(s, colon ? (size_t)(colon - s) : n);
	if (open)
		*role = trim(open + 1, (size_t)(close - open - 1));
	else if (colon)
		*role = trim(colon + 1, n - (size_t)(colon + 1 - s));
	if (!**name) {
		snprintf(msg, len, "'%s' has no name", s);
		free(*name);
		free(*role);
		*name = *role = NULL;
		return -1;
	}
	if (*role && !**role) {
		free(*role);
		*role = NULL;
	}
	return 0;
}

bool workload_valid_availability(double v)
{
	return isfinite(v) && v > 0 && v < 100;
}

/* Region names: cc[-partition]-direction-N, e.g. us-isob-east-1, ap-southeast-2. */
bool workload_valid_region(const char *s)
{
	const char *p, *dash;

	if (!s || !is_lower(s[0]) || !is_lower(s[1]) || s[2] != '-')
		return false;
	p = s + 3;
	if (strncmp(p, "gov-", 4) == 0) {
		p += 4;
	} else if (strncmp(p, "iso", 3) == 0) {
		p += 3;
		if (is_lower(*p))
			p++;
		if (*p != '-')
			return false;
		p++;
	}
	dash = strchr(p, '-');
	if (!dash || !in_list(directions, p, (size_t)(dash - p)))
		return false;
	p = dash + 1;
	/* One or two digits, no leading zero: "1" … "99". */
	if (!is_digit(p[0]) || p[0] == '0')
		return false;
	if (p[1] == '\0')
		return true;
	return is_digit(p[1]) && p[2] == '\0';
}

bool workload_valid_environment(const char *s)
{
	return s && in_list(workload_environments, s, strlen(s));
}

bool workload_valid_criticality(const char *s)
{
	return s && in_list(workload_criticalities, s, strlen(s));
}
