/* What push and pull share, for the CLI and the wizard alike: the AWS options every AWS
 * command takes, the client, and reading every answer of a workload's Reliability review
 * from the Well-Architected Tool in one batch. Messages go to the FILE the caller gives
 * (stderr for the CLI, a memory stream for the wizard), never to the terminal directly. */
#ifndef WAR_SYNC_WATOOL_H
#define WAR_SYNC_WATOOL_H

#include <stdbool.h>
#include <stdio.h>

#include <cjson/cJSON.h>

#include "aws/client.h"
#include "model/qset.h"

enum { WATOOL_O_REGION = 300, WATOOL_O_PROFILE, WATOOL_O_ENDPOINT };

/* Takes option ch (with arg) into in when it is --region, --profile or --endpoint-url
 * (WATOOL_O_*); returns whether it was. */
bool watool_option(int ch, const char *arg, struct aws_settings_in *in);

/* Opens the client for cmd ("push", "pull"); with writes, push's writes are allowed too.
 * Returns it (aws_client_free()), or NULL after printing why to errf. */
struct aws_client *watool_open(const char *cmd, const struct aws_settings_in *in, bool writes,
                               FILE *errf);

/* Prints err to f as err_print() does to stderr: "wa-review: WHERE: MESSAGE". */
void watool_err(FILE *f, const struct wa_err *err);

/* One call of the wellarchitected service; returns its result (cJSON_Delete()), or NULL
 * with the error in aerr (may be NULL) and err. */
cJSON *watool_call(struct aws_client *c, const char *op, const cJSON *params,
                   struct aws_api_error *aerr, struct wa_err *err);

/* The Tool's answer to each question of qs (answers[i], GetAnswer's Answer, or NULL; free
 * each with cJSON_Delete()), for workload wid, now (milestone 0) or at a milestone.
 * missing[i] is set when the Tool's lens has no such question. Returns 0, or -1 after
 * printing each call that failed otherwise to errf. */
int watool_answers(struct aws_client *c, const char *cmd, const char *wid, long milestone,
                   const struct qset *qs, cJSON **answers, bool *missing, FILE *errf);

#endif
