/* What the wizard's unit tests run in: a fresh temporary directory holding XDG_DATA_HOME and
 * XDG_STATE_HOME (so no test touches the real home), the built-in question set and a UTF-8
 * locale. */
#ifndef WAR_TESTS_UI_ENV_H
#define WAR_TESTS_UI_ENV_H

#include "model/qset.h"

/* Creates the directory from the mkdtemp template dir (changed in place), points the XDG
 * variables into it, loads the built-in set into *qs. Returns 0 or -1 (cmocka setup style). */
int ui_env_setup(char *dir, struct qset **qs);

/* Removes the directory and frees qs. Returns 0 or -1. */
int ui_env_teardown(const char *dir, struct qset *qs);

#endif
