#include "ui/action.h"

#include <string.h>

#define ACTION_NAME(id, name, help) name,
static const char *const names[] = { ACTION_INFO(ACTION_NAME) };
#undef ACTION_NAME

#define ACTION_HELP(id, name, help) help,
static const char *const helps[] = { ACTION_INFO(ACTION_HELP) };
#undef ACTION_HELP

const char *action_name(enum action a)
{
	return a < ACT_COUNT ? names[a] : "";
}

const char *action_help(enum action a)
{
	return a < ACT_COUNT ? helps[a] : "";
}

enum action action_find(const char *name)
{
	for (int a = 1; a < ACT_COUNT; a++)
		if (strcmp(names[a], name) == 0)
			return (enum action)a;
	return ACT_NONE;
}
