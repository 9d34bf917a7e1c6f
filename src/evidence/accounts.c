#include "evidence/accounts.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "util/xalloc.h"

void ev_ids_add(char ***ids, size_t *n, const char *id)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*ids)[i], id))
			return;
	*ids = xrealloc(*ids, (*n + 1) * sizeof(**ids));
	(*ids)[(*n)++] = xstrdup(id);
}

void ev_ids_free(char **ids, size_t n)
{
	for (size_t i = 0; ids && i < n; i++)
		free(ids[i]);
	free(ids);
}

bool ev_role_name_valid(const char *s)
{
	const char *name = strrchr(s, '/');
	size_t n;

	name = name ? name + 1 : s;
	n = strlen(name);
	if (!n || n > 64 || strlen(s) > 512)
		return false;
	for (; *s; s++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+=,.@_-"
		            "/",
		            *s))
			return false;
	return true;
}

static bool lower_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* As Organizations spells them: r- and 4 to 32 characters; ou- and two groups of 4 to 32,
 * joined by a dash. */
bool ev_org_parent_valid(const char *s)
{
	size_t n = 0, groups = 0, len = 0;

	if (!strncmp(s, "r-", 2)) {
		for (s += 2; s[n]; n++)
			if (!lower_alnum(s[n]))
				return false;
		return n >= 4 && n <= 32;
	}
	if (strncmp(s, "ou-", 3))
		return false;
	for (s += 3;; s++) {
		if (*s == '-' || !*s) {
			if (len < 4 || len > 32)
				return false;
			groups++;
			len = 0;
			if (!*s)
				break;
			continue;
		}
		if (!lower_alnum(*s))
			return false;
		len++;
	}
	return groups == 2;
}

/* Splits the comma-separated IDs into t->accounts; -1 with err naming the bad one. */
static int parse_accounts(struct ev_targets *t, const char *list, struct wa_err *err)
{
	char *copy = xstrdup(list), *save = NULL, id[13];
	int rc = 0;

	for (char *s = strtok_r(copy, ",", &save); s && !rc; s = strtok_r(NULL, ",", &save))
		if (workload_parse_account(s, id))
			rc = err_set(err, NULL, 0, 0,
			             "--accounts: '%s' is not an AWS account ID (12 digits)", s);
		else
			ev_ids_add(&t->accounts, &t->n_accounts, id);
	free(copy);
	if (!rc && !t->n_accounts)
		rc = err_set(err, NULL, 0, 0, "--accounts: name at least one account ID");
	return rc;
}

int ev_targets_parse(struct ev_targets *t, const char *role, const char *org_unit,
                     const char *accounts, struct wa_err *err)
{
	memset(t, 0, sizeof(*t));
	/* the order of the checks is the order the messages are most useful in: a missing
	 * role first, since nothing else matters without one */
	if ((org_unit || accounts) && !role)
		return err_set(err, NULL, 0, 0,
		               "--%s needs --role NAME: the role to assume in each account",
		               org_unit ? "org-unit" : "accounts");
	if (org_unit && accounts)
		return err_set(err, NULL, 0, 0, "give --org-unit or --accounts, not both");
	if (role && !ev_role_name_valid(role))
		return err_set(err, NULL, 0, 0,
		               "--role: '%s' is not an IAM role name (1 to 64 of A-Z a-z 0-9 "
		               "+=,.@_-, optionally after a path/)",
		               role);
	if (org_unit && !ev_org_parent_valid(org_unit))
		return err_set(err, NULL, 0, 0,
		               "--org-unit: '%s' is not an Organizations OU ID (ou-abcd-12345678) "
		               "or root ID (r-abcd)",
		               org_unit);
	if (accounts && parse_accounts(t, accounts, err)) {
		ev_targets_clear(t);
		return -1;
	}
	t->role = role ? xstrdup(role) : NULL;
	t->org_unit = org_unit ? xstrdup(org_unit) : NULL;
	return 0;
}

void ev_targets_clear(struct ev_targets *t)
{
	free(t->role);
	free(t->org_unit);
	ev_ids_free(t->accounts, t->n_accounts);
	memset(t, 0, sizeof(*t));
}

size_t ev_targets_accounts(const struct ev_targets *t, const struct workload *wl, char ***ids)
{
	size_t n = 0;

	*ids = NULL;
	for (size_t i = 0; i < t->n_accounts; i++)
		ev_ids_add(ids, &n, t->accounts[i]);
	for (size_t i = 0; !t->n_accounts && wl && i < wl->n_accounts; i++)
		ev_ids_add(ids, &n, wl->accounts[i]);
	return n;
}

static const char *json_str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

int ev_org_accounts(struct ev_caller *caller, const char *parent, char ***ids, size_t *n,
                    struct wa_err *err)
{
	cJSON *params = cJSON_CreateObject();
	struct ev_call call = { 0 };
	const cJSON *a;
	char buf[1600];
	int rc = 0;

	*ids = NULL;
	*n = 0;
	cJSON_AddStringToObject(params, "ParentId", parent);
	call.service = "organizations";
	call.operation = "ListAccountsForParent";
	call.params = params;
	ev_caller_run(caller, &call, 1, NULL, NULL);
	if (call.status != EV_CALL_OK) {
		rc = err_set(err, NULL, 0, 0, "cannot list the accounts of %s: %s", parent,
		             err_format(&call.err, buf, sizeof(buf)));
		goto out;
	}
	cJSON_ArrayForEach(a, cJSON_GetObjectItemCaseSensitive(call.result, "Accounts"))
	{
		const char *id = json_str(a, "Id"), *st = json_str(a, "Status");
		char norm[13];

		/* a suspended account cannot be entered: left out, as the console lists it */
		if (id && !workload_parse_account(id, norm) && (!st || !strcmp(st, "ACTIVE")))
			ev_ids_add(ids, n, norm);
	}
	if (!*n)
		rc = err_set(err, NULL, 0, 0, "%s holds no active account", parent);
out:
	ev_call_clear(&call);
	cJSON_Delete(params);
	return rc;
}
