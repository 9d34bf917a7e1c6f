/* The mapping between a review and the AWS Well-Architected Tool's answers, for wa-review
 * push and pull: pure functions from an answer to UpdateAnswer's input and back, the
 * workload's fields, milestones, and the canonical form (and digest) of an answer that
 * tells push whether the Tool changed since the last push or pull. No I/O.
 *
 * How an answer maps (question q, its wa_question_id and choice_ids from the set):
 *   selected practices      SelectedChoices, their choice IDs
 *   none_of_these           SelectedChoices [q's none_choice_id]
 *   not_applicable          IsApplicable false, Reason OUT_OF_SCOPE / BUSINESS_PRIORITIES /
 *                           ARCHITECTURE_CONSTRAINTS / OTHER; its note opens the Notes as
 *                           "Not applicable: NOTE" and a blank line
 *   not_applicable_practices ChoiceUpdates {choice: NOT_APPLICABLE, Reason, Notes}
 *   notes                   Notes, cut to the Tool's 2,084 characters with a marker naming
 *                           where the whole note is; pull keeps the whole note when the Tool
 *                           still holds exactly the cut form
 * A question with practices still open (evidence decided only some) is not complete: its
 * answer is not pushed at all, since the Tool would read every open practice as missing. */
#ifndef WAR_MODEL_WASYNC_H
#define WAR_MODEL_WASYNC_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "model/milestone.h"
#include "model/qset.h"
#include "model/review.h"

#define WASYNC_LENS             "wellarchitected"
#define WASYNC_NOTES_MAX        2084 /* characters the Tool keeps in an answer's Notes */
#define WASYNC_CHOICE_NOTES_MAX 250  /* … and in a choice's */
#define WASYNC_DIGEST_LEN       65   /* hex SHA-256 and its NUL */

/* What building an input had to cut. */
struct wasync_cut {
	size_t notes_chars; /* the note's length when it was cut, else 0 */
	char **choices;     /* best practices whose not-applicable note was cut */
	size_t n_choices;
};

/* Frees what cut holds and empties it. */
void wasync_cut_clear(struct wasync_cut *cut);

/* UpdateAnswer's members for answer a (NULL or unanswered: the question cleared) of q:
 * SelectedChoices, ChoiceUpdates, Notes, IsApplicable, Reason (the caller adds WorkloadId,
 * LensAlias and QuestionId). tool is the Tool's current answer (GetAnswer's Answer) or NULL:
 * choices it has as not applicable that a no longer marks so are set UNSELECTED. file names
 * the review in a cut note's marker. cut (may be NULL) tells what was cut. Returns a new
 * object (cJSON_Delete()). */
cJSON *wasync_answer_input(const struct question *q, const struct answer *a, const cJSON *tool,
                           const char *file, struct wasync_cut *cut);

/* Whether a should be pushed: answered, and complete (no practice left open). */
bool wasync_pushable(const struct answer *a);

/* The canonical form of an answer, one line of JSON: selected choices (sorted), whether it
 * applies and why not, not-applicable choices with reason and notes (sorted), notes. Both
 * from the Tool's answer (GetAnswer's or UpdateAnswer's Answer) and from an UpdateAnswer
 * input, so "what we would write" and "what the Tool holds" compare equal exactly when the
 * write would change nothing. Returns newly allocated text (free()). */
char *wasync_canon_tool(const cJSON *answer);
char *wasync_canon_input(const cJSON *input);

/* The hex SHA-256 of text into out. */
void wasync_digest(const char *text, char out[WASYNC_DIGEST_LEN]);

/* Choice IDs of q's answer in the Tool that q does not have (a newer or older lens), and
 * choice IDs a would send that the Tool's question lacks (Choices of tool). Each returns
 * the first one, or NULL (borrowed). */
const char *wasync_unknown_choice(const struct question *q, const cJSON *tool);
const char *wasync_missing_choice(const struct question *q, const struct answer *a,
                                  const cJSON *tool);

/* Whether the Tool's answer (GetAnswer's Answer) differs from local (may be NULL) in
 * anything push writes: exactly when pushing local would change the Tool. */
bool wasync_tool_differs(const struct question *q, const struct answer *local, const cJSON *tool,
                         const char *file);

/* Builds the answer the Tool holds (GetAnswer's Answer) for q into out (question set, the
 * rest as the Tool says): local is the review's answer before (may be NULL): its flag is
 * kept, and its notes where the Tool holds exactly what push cut them to. Choices q does
 * not know are left out (see wasync_unknown_choice()). Free out with answer_clear(). */
void wasync_answer_from_tool(const struct question *q, const cJSON *tool,
                             const struct answer *local, const char *file, struct answer *out);

/* The Tool's Risk ("HIGH", "NOT_APPLICABLE", …) as ours; -1 when unknown. */
int wasync_risk_parse(const char *s);

/* The question of qs whose wa_question_id is id, or NULL. */
const struct question *wasync_question(const struct qset *qs, const char *id);

/* CreateWorkload's members for rv (name, description, environment, Regions, account IDs,
 * review owner, architectural design; not Lenses or ClientRequestToken). Returns a new
 * object, or NULL with why in msg when the review cannot make a workload (a name shorter
 * than 3 characters). */
cJSON *wasync_workload_input(const struct review *rv, char *msg, size_t cap);

/* The members of want (wasync_workload_input()) whose values differ from the Tool's workload
 * (GetWorkload's Workload), as a new object (empty when none differ). */
cJSON *wasync_workload_changes(const cJSON *want, const cJSON *tool);

/* Copies the Tool's workload (GetWorkload's Workload) into rv's workload and wa_tool (which
 * must exist): name, description, environment (kept when ours maps to the same), Regions,
 * account IDs, review owner, architectural design. */
void wasync_workload_from_tool(struct review *rv, const cJSON *tool);

/* UpdateAnswer's members that put a milestone's question sq back as it was (selections,
 * none of these, not applicable), for replaying a milestone before CreateMilestone. cur is
 * the review's answer now (its not-applicable reason is used; may be NULL). */
cJSON *wasync_milestone_input(const struct question *q, const struct ms_question *sq,
                              const struct answer *cur);

/* A milestone of the review from the Tool's milestone: name, date (ISO time) and the
 * AnswerSummaries of ListAnswers at that milestone; every question of qs is in it. Returns
 * a new milestone (milestone_free()). */
struct milestone *wasync_milestone_from_tool(const struct qset *qs, const char *name,
                                             const char *date, const cJSON *summaries);

#endif
