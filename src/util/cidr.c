#include "util/cidr.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

int cidr_parse(const char *s, struct cidr *out)
{
	char addr[64];
	const char *slash = strchr(s, '/');
	size_t n = slash ? (size_t)(slash - s) : strlen(s);
	long prefix;
	char *end;
	int bits;

	if (n == 0 || n >= sizeof(addr))
		return -1;
	memcpy(addr, s, n);
	addr[n] = '\0';
	memset(out, 0, sizeof(*out));
	if (inet_pton(AF_INET, addr, out->addr) == 1) {
		out->family = 4;
		bits = 32;
	} else if (inet_pton(AF_INET6, addr, out->addr) == 1) {
		out->family = 6;
		bits = 128;
	} else {
		return -1;
	}
	prefix = bits;
	if (slash) {
		if (slash[1] < '0' || slash[1] > '9')
			return -1;
		prefix = strtol(slash + 1, &end, 10);
		if (*end || prefix < 0 || prefix > bits)
			return -1;
	}
	out->prefix = (int)prefix;
	/* Clear the host bits, so 10.0.1.0/16 is the range 10.0.0.0/16 it names. */
	for (int i = 0; i < bits / 8; i++) {
		int keep = out->prefix - i * 8;

		if (keep <= 0)
			out->addr[i] = 0;
		else if (keep < 8)
			out->addr[i] &= (unsigned char)(0xFF << (8 - keep));
	}
	return 0;
}

bool cidr_overlap(const struct cidr *a, const struct cidr *b)
{
	/* Two ranges overlap exactly when they agree on the shorter prefix's bits. */
	int common = a->prefix < b->prefix ? a->prefix : b->prefix;
	int whole = common / 8, rest = common % 8;

	if (a->family != b->family)
		return false;
	if (memcmp(a->addr, b->addr, (size_t)whole) != 0)
		return false;
	if (rest) {
		unsigned char mask = (unsigned char)(0xFF << (8 - rest));

		if ((a->addr[whole] & mask) != (b->addr[whole] & mask))
			return false;
	}
	return true;
}
