/* The aws CLI's shared files taken together, as botocore merges them: profiles from the
 * config file ("[default]", "[profile NAME]") and from the credentials file ("[NAME]"), where
 * a key in the credentials file wins; plus the config file's "[sso-session NAME]" and
 * "[services NAME]" sections. */
#ifndef WAR_AWS_CONFIG_H
#define WAR_AWS_CONFIG_H

#include <stdbool.h>

#include "aws/ini.h"
#include "util/err.h"

struct aws_config {
	char *config_path;  /* AWS_CONFIG_FILE or ~/.aws/config, tilde expanded */
	char *cred_path;    /* AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials */
	char *config_shown; /* the same with $HOME written as "~", for messages */
	char *cred_shown;
	bool config_found;
	bool cred_found;
	struct ini_file config;
	struct ini_file cred;
};

/* Where a profile's keys are, borrowed from the config. Either may be NULL. */
struct aws_profile {
	const char *name;
	const struct ini_section *cred;   /* [NAME] in the credentials file */
	const struct ini_section *config; /* [profile NAME] or [default] in the config file */
};

/* The user's home directory: $HOME, else the password database. Returns a newly allocated
 * string (free with free()), or NULL when neither knows. */
char *config_home(void);

/* Reads both files from the environment's paths (a missing file is fine and counts as
 * empty). Returns 0 with *cfg filled (free with config_free()), or -1 with err naming
 * file:line of what does not parse or the file that cannot be read. */
int config_load(struct aws_config *cfg, struct wa_err *err);

/* Like config_load() but from the given paths (NULL: no such file), for tests. */
int config_load_paths(struct aws_config *cfg, const char *config_path, const char *cred_path,
                      struct wa_err *err);

/* Frees what cfg owns and zeroes it. */
void config_free(struct aws_config *cfg);

/* Fills *p for profile name; returns true when either file has it. */
bool config_profile(const struct aws_config *cfg, const char *name, struct aws_profile *p);

/* A profile's value for key (lower-case): the credentials file's, else the config file's.
 * Returns a borrowed string, or NULL when neither has it (sub-sections do not count). */
const char *config_get(const struct aws_profile *p, const char *key);

/* A key of the profile's sub-section ("s3 =\n  addressing_style = path": section "s3", key
 * "addressing_style"), the credentials file's sub-section before the config file's; a later
 * line wins. Returns a borrowed string, or NULL. */
const char *config_get_sub(const struct aws_profile *p, const char *section, const char *key);

/* Where key of profile p is set, "~/.aws/config:12", written into buf; returns buf
 * ("" when unset). */
const char *config_where(const struct aws_config *cfg, const struct aws_profile *p, const char *key,
                         char *buf, size_t len);

/* The "[sso-session NAME]" section, or NULL. */
const struct ini_section *config_sso_session(const struct aws_config *cfg, const char *name);

/* The "[services NAME]" section, or NULL. */
const struct ini_section *config_services(const struct aws_config *cfg, const char *name);

/* True for the CLI's spellings of true in settings ("true" in any case). */
bool config_is_true(const char *v);

#endif
