#include "report/redact.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "model/evidence.h"
#include "model/milestone.h"
#include "model/roadmap_edit.h"
#include "util/sbuf.h"
#include "util/secret.h"

/* Masks use X, which no output format needs to escape. */
#define MASK_ACCOUNT "XXXXXXXXXXXX"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static bool is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

static bool is_alnum(char c)
{
	return is_digit(c) || is_upper(c) || is_lower(c);
}

/* Characters of base64 text, as secret keys and session tokens are written. */
static bool is_b64(char c)
{
	return is_alnum(c) || c == '/' || c == '+';
}

/* Length of a run of chars accepted by ok() at s. */
static size_t span(const char *s, bool (*ok)(char))
{
	size_t n = 0;

	while (s[n] && ok(s[n]))
		n++;
	return n;
}

static bool arn_word(char c)
{
	return is_lower(c) || is_digit(c) || c == '-';
}

/* Where an ARN's resource part ends: at space, quotes, brackets or list punctuation. */
static bool arn_resource(char c)
{
	return (unsigned char)c > ' ' && c != 0x7f && !strchr("\"'`<>()[]{}|,;", c);
}

/* An ARN at s: arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE. Returns its length and the
 * offsets of the account and resource parts, or 0. */
static size_t match_arn(const char *s, size_t *acct, size_t *acct_len, size_t *res)
{
	size_t i = 4, n;

	if (strncmp(s, "arn:", 4))
		return 0;
	n = span(s + i, arn_word); /* partition */
	if (!n || s[i + n] != ':')
		return 0;
	i += n + 1;
	n = span(s + i, arn_word); /* service */
	if (!n || s[i + n] != ':')
		return 0;
	i += n + 1;
	i += span(s + i, arn_word); /* region, may be empty */
	if (s[i] != ':')
		return 0;
	i++;
	*acct = i;
	n = span(s + i, is_alnum);
	if (s[i + n] != ':')
		return 0;
	*acct_len = n;
	i += n + 1;
	*res = i;
	n = span(s + i, arn_resource);
	while (n && strchr(".:", s[i + n - 1])) /* sentence punctuation after the ARN */
		n--;
	return n ? i + n : 0;
}

static bool match_key_id(const char *s)
{
	static const char *const prefixes[] = {
		"AKIA", "ASIA", "AIDA", "AROA", "AIPA", "ANPA",
		"ANVA", "APKA", "ABIA", "ACCA", "AGPA",
	};

	for (size_t k = 0; k < sizeof(prefixes) / sizeof(prefixes[0]); k++) {
		size_t n;

		if (strncmp(s, prefixes[k], 4))
			continue;
		for (n = 4; n < 20 && (is_upper(s[n]) || is_digit(s[n])); n++)
			;
		return n == 20 && !is_alnum(s[20]);
	}
	return false;
}

/* A secret access key (40 base64 characters) or a session token (100 or more), told from
 * ordinary words by mixing upper case, lower case and digits. Returns its length or 0. */
static size_t match_secret(const char *s)
{
	size_t n = span(s, is_b64), end = n;
	bool up = false, low = false, dig = false;

	while (s[end] == '=')
		end++;
	if (n != 40 && n < 100)
		return 0;
	for (size_t i = 0; i < n; i++) {
		up = up || is_upper(s[i]);
		low = low || is_lower(s[i]);
		dig = dig || is_digit(s[i]);
	}
	return up && low && dig ? end : 0;
}

char *redact_text(const char *s, unsigned what)
{
	struct sbuf b = { 0 };
	size_t i = 0, n, acct, acct_len, res;
	char *masked = NULL;

	if (!s)
		return NULL;
	/* The live credentials and what names a secret (util/secret.h) first. */
	if (what & REDACT_SECRETS)
		s = masked = secret_mask_dup(s);
	while (s[i]) {
		char prev = i ? s[i - 1] : '\0';

		if ((what & REDACT_IDS) && !is_alnum(prev) &&
		    (n = match_arn(s + i, &acct, &acct_len, &res))) {
			sbuf_putn(&b, s + i, acct);
			if (acct_len && span(s + i + acct, is_digit) == acct_len)
				sbuf_puts(&b, MASK_ACCOUNT);
			else
				sbuf_putn(&b, s + i + acct, acct_len);
			sbuf_puts(&b, ":REDACTED");
			i += n;
			continue;
		}
		if ((what & REDACT_SECRETS) && !is_alnum(prev) && match_key_id(s + i)) {
			sbuf_putn(&b, s + i, 4);
			sbuf_puts(&b, "XXXXXXXXXXXXXXXX");
			i += 20;
			continue;
		}
		if ((what & REDACT_SECRETS) && !is_b64(prev) && (n = match_secret(s + i))) {
			sbuf_puts(&b, "[secret removed]");
			i += n;
			continue;
		}
		if ((what & REDACT_IDS) && !is_digit(prev) && span(s + i, is_digit) == 12) {
			sbuf_puts(&b, MASK_ACCOUNT);
			i += 12;
			continue;
		}
		sbuf_putc(&b, s[i++]);
	}
	free(masked);
	return sbuf_take(&b);
}

static void redact_str(char **s, unsigned what)
{
	char *r;

	if (!*s)
		return;
	r = redact_text(*s, what);
	free(*s);
	*s = r;
}

static void redact_strv(char **v, size_t n, unsigned what)
{
	for (size_t i = 0; i < n; i++)
		redact_str(&v[i], what);
}

/* Every text of the snapshot: the probes' sentences, the resources they cite, the calls and
 * messages of errors, the account. */
static void redact_evidence(struct evidence *ev, unsigned what)
{
	if (!ev)
		return;
	redact_str(&ev->account, what);
	redact_strv(ev->accounts, ev->n_accounts, what);
	for (size_t i = 0; i < ev->n_findings; i++) {
		struct finding *f = &ev->findings[i];

		redact_str(&f->title, what);
		for (size_t j = 0; j < f->n_results; j++) {
			struct region_result *r = &f->results[j];

			redact_str(&r->account, what);
			redact_str(&r->text, what);
			redact_strv(r->cited, r->n_cited, what);
			redact_str(&r->fault.call, what);
			redact_str(&r->fault.code, what);
			redact_str(&r->fault.message, what);
		}
	}
}

void redact_review(struct review *rv, unsigned what)
{
	struct workload *wl = &rv->wl;

	redact_str(&wl->name, what);
	redact_str(&wl->description, what);
	redact_str(&wl->owner, what);
	redact_strv(wl->accounts, wl->n_accounts, what);
	for (size_t i = 0; i < wl->n_participants; i++) {
		redact_str(&wl->participants[i].name, what);
		redact_str(&wl->participants[i].role, what);
	}
	for (size_t i = 0; i < rv->n_answers; i++) {
		redact_str(&rv->answers[i].notes, what);
		redact_str(&rv->answers[i].na_note, what);
	}
	redact_evidence(rv->evidence, what);
	for (size_t i = 0; i < rv->n_overrides; i++) {
		redact_str(&rv->overrides[i].owner, what);
		redact_str(&rv->overrides[i].reason, what);
	}
	for (size_t i = 0; i < rv->n_milestones; i++)
		redact_str(&rv->milestones[i].name, what);
}
