#include "ui/pathcomp.h"

#include <dirent.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/sbuf.h"
#include "util/xalloc.h"

/* The home directory of user (NULL: the current user), or NULL. Borrowed. */
static const char *home_of(const char *user)
{
	const struct passwd *pw;
	const char *h;

	if (!user) {
		h = getenv("HOME");
		if (h && *h)
			return h;
		pw = getpwuid(getuid());
	} else {
		pw = getpwnam(user);
	}
	return pw ? pw->pw_dir : NULL;
}

char *pathcomp_expand(const char *path)
{
	size_t n;
	char *user;
	const char *home;

	if (path[0] != '~')
		return xstrdup(path);
	n = strcspn(path + 1, "/");
	user = n ? xstrndup(path + 1, n) : NULL;
	home = home_of(user);
	free(user);
	if (!home)
		return xstrdup(path);
	return xasprintf("%s%s", home, path + 1 + n);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_dir(const char *dir, const char *name)
{
	struct stat st;
	char *p = xasprintf("%s/%s", dir, name);
	bool yes = stat(p, &st) == 0 && S_ISDIR(st.st_mode);

	free(p);
	return yes;
}

/* The names in dir starting with prefix, directories with a '/', sorted. */
static size_t matches(const char *dir, const char *prefix, char ***out)
{
	DIR *d = opendir(dir);
	size_t n = 0, cap = 0, len = strlen(prefix);
	const struct dirent *e;

	*out = NULL;
	if (!d)
		return 0;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") ||
		    strncmp(e->d_name, prefix, len) || (e->d_name[0] == '.' && prefix[0] != '.'))
			continue;
		*out = xgrow(*out, &cap, n + 1, sizeof(**out));
		(*out)[n++] = xasprintf("%s%s", e->d_name, is_dir(dir, e->d_name) ? "/" : "");
	}
	closedir(d);
	if (n)
		qsort(*out, n, sizeof(**out), by_name);
	return n;
}

size_t pathcomp_complete(const char *word, struct pathcomp *out)
{
	const char *slash = strrchr(word, '/'), *base = slash ? slash + 1 : word;
	char *typed_dir = xstrndup(word, (size_t)(base - word)), *dir, **names;
	size_t n, common;

	memset(out, 0, sizeof(*out));
	if (word[0] == '~' && !slash) {
		/* "~" alone (or "~user") is a directory: go into it. */
		char *home = pathcomp_expand(word);
		out->n = strcmp(home, word) != 0;
		out->word = out->n ? xasprintf("%s/", word) : xstrdup(word);
		free(home);
		free(typed_dir);
		return out->n;
	}
	dir = pathcomp_expand(*typed_dir ? typed_dir : ".");
	n = matches(dir, base, &names);
	common = n ? strlen(names[0]) : 0;
	for (size_t i = 1; i < n; i++) {
		size_t k = 0;
		while (k < common && names[i][k] == names[0][k])
			k++;
		common = k;
	}
	out->n = n;
	out->word = n ? xasprintf("%s%.*s", typed_dir, (int)common, names[0]) : xstrdup(word);
	if (n > 1) {
		struct sbuf b = { 0 };
		for (size_t i = 0; i < n; i++)
			sbuf_printf(&b, "%s%s", i ? "  " : "", names[i]);
		out->choices = sbuf_take(&b);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(dir);
	free(typed_dir);
	return n;
}

void pathcomp_free(struct pathcomp *pc)
{
	free(pc->word);
	free(pc->choices);
	memset(pc, 0, sizeof(*pc));
}
