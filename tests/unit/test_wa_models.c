/* The Well-Architected Tool's model: push and pull will call its read and write
 * operations, yet the client's read-only guard refuses every write to every caller. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "aws/client.h"
#include "aws/model_int.h"

static const char *const reads[] = {
	"ListWorkloads", "GetWorkload",    "ListLensReviews", "GetLensReview", "ListAnswers",
	"GetAnswer",     "ListMilestones", "GetMilestone",    "ListLenses",    "GetLens",
};
static const char *const writes[] = {
	"CreateWorkload",  "UpdateWorkload", "AssociateLenses", "UpdateAnswer",
	"CreateMilestone", "ImportLens",     "ExportLens",      "CreateLensVersion",
};

static bool listed(const char *const *list, size_t n, const char *op)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(list[i], op))
			return true;
	return false;
}

static void test_model_has_the_operations(void **state)
{
	const struct aws_model *m = aws_model_get("wellarchitected", NULL);
	const struct aws_operation *op;
	size_t n = 0;

	(void)state;
	assert_non_null(m);
	for (size_t i = 0; (op = aws_model_operation_at(m, i, NULL)); i++, n++)
		if (!listed(reads, sizeof(reads) / sizeof(*reads), aws_operation_name(op)) &&
		    !listed(writes, sizeof(writes) / sizeof(*writes), aws_operation_name(op)))
			fail_msg("unexpected operation %s", aws_operation_name(op));
	assert_int_equal(n, sizeof(reads) / sizeof(*reads) + sizeof(writes) / sizeof(*writes));
}

static void test_guard_refuses_every_write(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(writes) / sizeof(*writes); i++) {
		assert_non_null(aws_model_operation(aws_model_get("wellarchitected", NULL),
		                                    writes[i], NULL));
		assert_false(aws_client_readonly("wellarchitected", writes[i], false));
		assert_false(aws_client_readonly("wellarchitected", writes[i], true));
	}
	for (size_t i = 0; i < sizeof(reads) / sizeof(*reads); i++)
		assert_true(aws_client_readonly("wellarchitected", reads[i], false));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_model_has_the_operations),
		cmocka_unit_test(test_guard_refuses_every_write),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
