/* wa-review query: a JMESPath expression applied to a JSON document, like the jp tool. */
#ifndef WAR_CLI_CMD_QUERY_H
#define WAR_CLI_CMD_QUERY_H

/* Runs `query [--compact] [--unquoted] EXPR [FILE|-]` (argv[0] is "query"). Prints the
 * result on stdout; returns EXIT_OK, or EXIT_BAD after a one-line error on stderr. */
int cmd_query(int argc, char **argv);

#endif
