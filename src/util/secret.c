#include "util/secret.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

#define MAX_SECRETS 32
#define MIN_SECRET  8

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char *secrets[MAX_SECRETS];
static size_t n_secrets;

void secret_register(const char *value)
{
	if (!value || strlen(value) < MIN_SECRET)
		return;
	pthread_mutex_lock(&lock);
	bool known = false;
	for (size_t i = 0; i < n_secrets && !known; i++)
		known = !strcmp(secrets[i], value);
	if (!known) {
		/* Full: the oldest goes (it has most likely been refreshed away). */
		if (n_secrets == MAX_SECRETS) {
			free(secrets[0]);
			memmove(secrets, secrets + 1, (MAX_SECRETS - 1) * sizeof(secrets[0]));
			n_secrets--;
		}
		secrets[n_secrets++] = xstrdup(value);
	}
	pthread_mutex_unlock(&lock);
}

void secret_forget_all(void)
{
	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < n_secrets; i++)
		free(secrets[i]);
	n_secrets = 0;
	pthread_mutex_unlock(&lock);
}

/* Replaces the n bytes at p with min(n, 4) stars, closing up the rest of the string. */
static void mask_at(char *p, size_t n)
{
	size_t stars = n < 4 ? n : 4;

	memset(p, '*', stars);
	memmove(p + stars, p + n, strlen(p + n) + 1);
}

/* What a key, a token or a signature is made of ('/' aside: it separates). */
static bool token_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '+' || c == '=' || c == '-' || c == '_';
}

static size_t mask_literals(char *s)
{
	size_t count = 0;

	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < n_secrets; i++) {
		size_t n = strlen(secrets[i]);
		char *p = s;

		while ((p = strstr(p, secrets[i]))) {
			/* The whole word it stands in: a longer secret that holds this one
			 * leaves no part of itself behind. */
			char *start = p, *end = p + n;

			while (start > s && token_char(start[-1]))
				start--;
			while (token_char(*end))
				end++;
			mask_at(start, (size_t)(end - start));
			p = start + 4;
			count++;
		}
	}
	pthread_mutex_unlock(&lock);
	return count;
}

/* Names whose value is a secret, as headers, query parameters, JSON or XML keys, INI keys
 * or environment variables spell them (matched without regard to case; "-" and "_" are
 * both tried). Credential's value is masked up to its first '/', the access key ID. */
static const char *const names[] = {
	"security-token",      "security_token",      "securitytoken",      "session-token",
	"session_token",       "sessiontoken",        "secret-access-key",  "secret_access_key",
	"secretaccesskey",     "secret-key",          "secret_key",         "secretkey",
	"authorization-token", "authorization_token", "authorizationtoken", "signature",
	"credential",          "client-secret",       "client_secret",      "clientsecret",
	"accesstoken",         "access_token",        "access-token",       "refresh_token",
	"refreshtoken",        "refresh-token",
};

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + ('a' - 'A')) : c;
}

/* The first place needle (lower case) occurs in s, regardless of case; NULL when none. */
static char *find_ci(char *s, const char *needle)
{
	size_t n = strlen(needle);

	for (; *s; s++) {
		size_t i = 0;

		while (i < n && s[i] && lower(s[i]) == needle[i])
			i++;
		if (i == n)
			return s;
	}
	return NULL;
}

static bool is_delim(char c, bool credential)
{
	return !c || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '"' || c == '\'' ||
	       c == '<' || c == '>' || c == '&' || c == ',' || c == ';' || c == '\\' || c == ')' ||
	       c == ']' || c == '}' || (credential && c == '/');
}

/* At p, just past a name: finds its value. Returns the value's start with *len its
 * length, or NULL when no separator (':', '=', '>') follows the name. */
static char *value_after(char *p, bool credential, size_t *len)
{
	while (*p == '"' || *p == '\'' || *p == '\\')
		p++;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p != ':' && *p != '=' && *p != '>')
		return NULL;
	p++;
	while (*p == ' ' || *p == '\t' || *p == '"' || *p == '\'' || *p == '\\')
		p++;
	*len = 0;
	while (!is_delim(p[*len], credential))
		(*len)++;
	return p;
}

static size_t mask_named(char *s)
{
	size_t count = 0;

	for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		size_t nl = strlen(names[k]);
		bool credential = !strcmp(names[k], "credential");

		for (char *p = s; (p = find_ci(p, names[k]));) {
			size_t len;
			char *v = value_after(p + nl, credential, &len);

			p += nl;
			/* "****" itself is what an earlier mask left: nothing more to hide. */
			if (!v || !len || (len == 4 && !strncmp(v, "****", 4)))
				continue;
			mask_at(v, len);
			p = v + (len < 4 ? len : 4);
			count++;
		}
	}
	return count;
}

static bool upper_alnum(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Access key IDs: AKIA or ASIA and 16 more upper-case letters or digits, standing alone:
 * AKIAXXXXXXXXXXXXXXXX, as the reports mask them (report/redact.h). */
static size_t mask_key_ids(char *s)
{
	size_t count = 0;

	for (char *p = s; *p; p++) {
		size_t n = 0;

		if (strncmp(p, "AKIA", 4) && strncmp(p, "ASIA", 4))
			continue;
		if (p > s && (upper_alnum(p[-1]) || (p[-1] >= 'a' && p[-1] <= 'z')))
			continue;
		while (upper_alnum(p[n]))
			n++;
		if (n != 20)
			continue;
		memset(p + 4, 'X', 16);
		p += 19;
		count++;
	}
	return count;
}

size_t secret_mask(char *s)
{
	if (!s || !*s)
		return 0;
	return mask_literals(s) + mask_named(s) + mask_key_ids(s);
}

char *secret_mask_dup(const char *s)
{
	char *t = xstrdup(s ? s : "");

	secret_mask(t);
	return t;
}
