#include "model/workload.h"

#include <limits.h>
#include <math.h>
#include <string.h>

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
	long n = 0, mult;
	const char *p = s;

	if (!s || !is_digit(*p))
		return -1;
	for (; is_digit(*p); p++) {
		if (n > (LONG_MAX - (*p - '0')) / 10)
			return -1;
		n = n * 10 + (*p - '0');
	}
	switch (*p) {
	case 's': mult = 1; break;
	case 'm': mult = 60; break;
	case 'h': mult = 3600; break;
	case 'd': mult = 86400; break;
	default: return -1;
	}
	if (p[1] != '\0' || n > LONG_MAX / mult)
		return -1;
	*seconds = n * mult;
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

bool workload_valid_account(const char *s)
{
	if (!s)
		return false;
	for (int i = 0; i < 12; i++)
		if (!is_digit(s[i]))
			return false;
	return s[12] == '\0';
}

bool workload_valid_environment(const char *s)
{
	return s && in_list(workload_environments, s, strlen(s));
}

bool workload_valid_criticality(const char *s)
{
	return s && in_list(workload_criticalities, s, strlen(s));
}
