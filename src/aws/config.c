#include "aws/config.h"

#include <ctype.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "aws/shlex.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

char *config_home(void)
{
	const char *h = getenv("HOME");
	struct passwd *pw;

	if (h && *h)
		return xstrdup(h);
	pw = getpwuid(getuid());
	return pw && pw->pw_dir && *pw->pw_dir ? xstrdup(pw->pw_dir) : NULL;
}

/* Python's os.path.expanduser(), which botocore applies: "~" and "~/x" to the home
 * directory, "~user/x" to that user's; left as it is when there is none. */
static char *expand_home(const char *path)
{
	size_t n = strcspn(path, "/"), hn;
	char *home, *r;

	if (path[0] != '~')
		return xstrdup(path);
	if (n == 1) {
		home = config_home();
	} else {
		char *user = xstrndup(path + 1, n - 1);
		struct passwd *pw = getpwnam(user);

		free(user);
		home = pw && pw->pw_dir ? xstrdup(pw->pw_dir) : NULL;
	}
	if (!home)
		return xstrdup(path);
	hn = strlen(home);
	while (hn > 0 && home[hn - 1] == '/')
		hn--;
	r = hn || path[n] ? xasprintf("%.*s%s", (int)hn, home, path + n) : xstrdup("/");
	free(home);
	return r;
}

/* The path with the home directory written as "~", shorter in one-line messages. */
static char *shown(const char *path)
{
	char *home = config_home();
	size_t n = home ? strlen(home) : 0;
	char *r;

	if (n > 1 && !strncmp(path, home, n) && path[n] == '/')
		r = xasprintf("~%s", path + n);
	else
		r = xstrdup(path);
	free(home);
	return r;
}

/* Python's os.path.expandvars(): "$NAME" and "${NAME}" replaced by the variable's value
 * (NAME in "$NAME" being letters, digits and '_'); unset variables are left as written.
 * Returns a newly allocated string. */
static char *expand_vars(const char *path)
{
	struct sbuf b = { 0 };

	for (const char *p = path; *p;) {
		const char *name = p + 1, *close = p[1] == '{' ? strchr(p + 2, '}') : NULL;
		size_t n = 0, len = 0; /* the name, and the bytes of the match */
		char *var;
		const char *v;

		if (*p == '$' && close) {
			name = p + 2;
			n = (size_t)(close - name);
			len = n + 3;
		} else if (*p == '$') {
			while (isalnum((unsigned char)name[n]) || name[n] == '_')
				n++;
			len = n ? n + 1 : 0;
		}
		if (!len) { /* no variable here */
			sbuf_putc(&b, *p++);
			continue;
		}
		var = xstrndup(name, n);
		v = getenv(var);
		free(var);
		if (v)
			sbuf_puts(&b, v);
		else
			sbuf_putn(&b, p, len); /* not set: kept as written, and not read again */
		p += len;
	}
	return sbuf_take(&b);
}

/* botocore's reading of AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE: variables
 * expanded, then "~". */
static char *path_from(const char *env, const char *dflt)
{
	const char *v = getenv(env);
	char *vars = expand_vars(v && *v ? v : dflt), *r = expand_home(vars);

	free(vars);
	return r;
}

int config_load_paths(struct aws_config *cfg, const char *config_path, const char *cred_path,
                      struct wa_err *err)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->config_path = xstrdup(config_path ? config_path : "");
	cfg->cred_path = xstrdup(cred_path ? cred_path : "");
	cfg->config_shown = shown(cfg->config_path);
	cfg->cred_shown = shown(cfg->cred_path);
	if (config_path && ini_load(config_path, &cfg->config, &cfg->config_found, err) < 0)
		goto fail;
	if (cred_path && ini_load(cred_path, &cfg->cred, &cfg->cred_found, err) < 0)
		goto fail;
	return 0;
fail:
	config_free(cfg);
	return -1;
}

int config_load(struct aws_config *cfg, struct wa_err *err)
{
	char *c = path_from("AWS_CONFIG_FILE", "~/.aws/config");
	char *k = path_from("AWS_SHARED_CREDENTIALS_FILE", "~/.aws/credentials");
	int rc = config_load_paths(cfg, c, k, err);

	free(c);
	free(k);
	return rc;
}

void config_free(struct aws_config *cfg)
{
	ini_free(&cfg->config);
	ini_free(&cfg->cred);
	free(cfg->config_path);
	free(cfg->cred_path);
	free(cfg->config_shown);
	free(cfg->cred_shown);
	memset(cfg, 0, sizeof(*cfg));
}

/* botocore's reading of a config section name: it starts with prefix and splits like a
 * shell line into exactly two words, the second being the name ("[profile  \"a b\"]"). */
static bool section_names(const char *section, const char *prefix, const char *name)
{
	char **w;
	size_t n;
	const char *why;
	bool match;

	if (strncmp(section, prefix, strlen(prefix)) || shlex_split(section, &w, &n, &why) < 0)
		return false;
	match = n == 2 && !strcmp(w[1], name);
	shlex_free(w);
	return match;
}

/* The last of the config file's sections for a kind ("profile", "sso-session", "services")
 * and name: botocore keeps the last when several name the same thing. */
static const struct ini_section *find_section(const struct ini_file *f, const char *prefix,
                                              const char *name)
{
	for (size_t i = f->n_sections; i > 0; i--) {
		const struct ini_section *s = &f->sections[i - 1];

		if (section_names(s->name, prefix, name))
			return s;
		if (!strcmp(prefix, "profile") && !strcmp(name, "default") &&
		    !strcmp(s->name, "default"))
			return s;
	}
	return NULL;
}

bool config_profile(const struct aws_config *cfg, const char *name, struct aws_profile *p)
{
	p->name = name;
	p->cred = ini_section(&cfg->cred, name);
	p->config = find_section(&cfg->config, "profile", name);
	return p->cred || p->config;
}

const char *config_get(const struct aws_profile *p, const char *key)
{
	const char *v = ini_value(p->cred, key);

	return v ? v : ini_value(p->config, key);
}

const char *config_get_sub(const struct aws_profile *p, const char *section, const char *key)
{
	const struct ini_entry *e = ini_entry(p->cred, section);

	if (!e)
		e = ini_entry(p->config, section);
	for (size_t i = e ? e->n_sub : 0; i > 0; i--)
		if (!strcmp(e->sub[i - 1].key, key))
			return e->sub[i - 1].value;
	return NULL;
}

const char *config_where(const struct aws_config *cfg, const struct aws_profile *p, const char *key,
                         char *buf, size_t len)
{
	const struct ini_entry *e = ini_entry(p->cred, key);

	if (e)
		snprintf(buf, len, "%s:%d", cfg->cred_shown, e->line);
	else if ((e = ini_entry(p->config, key)))
		snprintf(buf, len, "%s:%d", cfg->config_shown, e->line);
	else if (len)
		buf[0] = '\0';
	return buf;
}

const struct ini_section *config_sso_session(const struct aws_config *cfg, const char *name)
{
	return find_section(&cfg->config, "sso-session", name);
}

const struct ini_section *config_services(const struct aws_config *cfg, const char *name)
{
	return find_section(&cfg->config, "services", name);
}

bool config_is_true(const char *v)
{
	return v && !strcasecmp(v, "true");
}
