#include "ui_env.h"

#include <locale.h>
#include <stdlib.h>

#include "store/qset_load.h"
#include "util/err.h"
#include "util/xalloc.h"

int ui_env_setup(char *dir, struct qset **qs)
{
	struct wa_err err;
	char *data;

	if (!mkdtemp(dir) || qset_load_builtin(qs, &err))
		return -1;
	data = xasprintf("%s/xdg", dir);
	setenv("XDG_DATA_HOME", data, 1);
	setenv("XDG_STATE_HOME", data, 1);
	free(data);
	setlocale(LC_CTYPE, "C.UTF-8");
	return 0;
}

int ui_env_teardown(const char *dir, struct qset *qs)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	int rc = system(cmd);

	free(cmd);
	qset_free(qs);
	return rc == 0 ? 0 : -1;
}
