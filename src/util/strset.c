#include "util/strset.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ULL;
	}
	return h;
}

static size_t slot(const struct strset *s, const char *key)
{
	size_t i = (size_t)hash(key) & (s->cap - 1);
	while (s->keys[i] && strcmp(s->keys[i], key) != 0)
		i = (i + 1) & (s->cap - 1);
	return i;
}

static void rehash(struct strset *s, size_t cap)
{
	struct strset n = { xcalloc(cap, sizeof(char *)), xcalloc(cap, sizeof(long)), cap,
		            s->count };

	for (size_t i = 0; i < s->cap; i++) {
		if (s->keys[i]) {
			size_t j = slot(&n, s->keys[i]);
			n.keys[j] = s->keys[i];
			n.vals[j] = s->vals[i];
		}
	}
	free(s->keys);
	free(s->vals);
	*s = n;
}

long strset_add(struct strset *s, const char *key, long val)
{
	size_t i;

	if ((s->count + 1) * 2 > s->cap)
		rehash(s, s->cap ? s->cap * 2 : 64);
	i = slot(s, key);
	if (s->keys[i])
		return s->vals[i];
	s->keys[i] = key;
	s->vals[i] = val;
	s->count++;
	return -1;
}

long strset_get(const struct strset *s, const char *key)
{
	size_t i;

	if (!s->cap)
		return -1;
	i = slot(s, key);
	return s->keys[i] ? s->vals[i] : -1;
}

void strset_free(struct strset *s)
{
	free(s->keys);
	free(s->vals);
	memset(s, 0, sizeof(*s));
}
