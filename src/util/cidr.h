/* IP address ranges in CIDR notation (IPv4 "10.0.0.0/16", IPv6 "2001:db8::/56"), for checks
 * such as "no two VPCs share addresses". */
#ifndef WAR_UTIL_CIDR_H
#define WAR_UTIL_CIDR_H

#include <stdbool.h>

struct cidr {
	int family;             /* 4 or 6 */
	unsigned char addr[16]; /* network address, host bits cleared */
	int prefix;             /* 0..32 or 0..128 */
};

/* Parses "ADDRESS/PREFIX" (a bare address is a /32 or /128). Returns 0, or -1 when s is not
 * a CIDR range. */
int cidr_parse(const char *s, struct cidr *out);

/* Whether the two ranges share an address (always false across IPv4 and IPv6). */
bool cidr_overlap(const struct cidr *a, const struct cidr *b);

#endif
