/* What the subcommands share: the options every command takes, and loading the question
 * set and a review with errors printed the one way. */
#ifndef WAR_CLI_CLI_H
#define WAR_CLI_CLI_H

#include <getopt.h>
#include <stdbool.h>

#include "model/qset.h"
#include "model/review.h"

struct cli {
	const char *prog;          /* "wa-review" */
	const char *questions_dir; /* --questions DIR, or NULL for the built-in set */
	const char *version;       /* "wa-review 0.1.0", for reports; NULL: "wa-review" */
	bool offline;              /* --offline: no command may touch the network */
};

/* Loads the set (built-in or --questions). Returns it (free with qset_free()), or NULL
 * after printing the error. */
struct qset *cli_load_qset(const struct cli *c);

/* Loads FILE against qs, or the built-in demo review when file is NULL. Returns the review
 * (free with review_free()), or NULL after printing the error. */
struct review *cli_load_review(const struct cli *c, const struct qset *qs, const char *file);

/* Prints "wa-review: <fmt>" and a hint to try --help on stderr; returns EXIT_BAD. */
int cli_usage_error(const struct cli *c, const char *cmd, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

/* Checks that text the user gave as `what` ("--note", "NAME") is valid UTF-8: a review file
 * holds nothing else, and silently replacing bad bytes would change what the user wrote.
 * Returns 0 (NULL text too), or prints "wa-review: CMD: --note is not valid UTF-8 (byte
 * 0xFF at position 5)" and returns EXIT_BAD. */
int cli_check_text(const struct cli *c, const char *cmd, const char *what, const char *text);

/* cli_check_text() for the argument of option ch of opts, just returned by getopt_long(),
 * naming the option by its long name. Call it on each option of a command whose options
 * all take text (not file names, which may be any bytes). */
int cli_check_arg(const struct cli *c, const char *cmd, const struct option *opts, int ch,
                  const char *arg);

/* With --offline, prints why cmd cannot run (it calls AWS) and returns EXIT_BAD; else
 * returns 0. */
int cli_refuse_offline(const struct cli *c, const char *cmd);

/* Every subcommand: parses its own options from argv (argv[0] is its name). */
int cmd_new(const struct cli *c, int argc, char **argv);
int cmd_validate(const struct cli *c, int argc, char **argv);
int cmd_status(const struct cli *c, int argc, char **argv);
int cmd_answer(const struct cli *c, int argc, char **argv);
int cmd_calc(const struct cli *c, int argc, char **argv);
int cmd_import_components(const struct cli *c, int argc, char **argv);
int cmd_import_incidents(const struct cli *c, int argc, char **argv);
int cmd_roadmap(const struct cli *c, int argc, char **argv);
int cmd_report(const struct cli *c, int argc, char **argv);
int cmd_milestone(const struct cli *c, int argc, char **argv);
int cmd_diff(const struct cli *c, int argc, char **argv);
int cmd_evidence(const struct cli *c, int argc, char **argv);
int cmd_iam_policy(const struct cli *c, int argc, char **argv);
int cmd_aws(const struct cli *c, int argc, char **argv);
int cmd_whoami(const struct cli *c, int argc, char **argv);
int cmd_lens(const struct cli *c, int argc, char **argv);
int cmd_push(const struct cli *c, int argc, char **argv);
int cmd_pull(const struct cli *c, int argc, char **argv);

#endif
