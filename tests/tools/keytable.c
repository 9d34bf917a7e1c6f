/* Prints the wizard's key table as the help overlay shows it, one map after another:
 *   == Map title
 *   KEYS<TAB>what they do
 * For tests/cli/test_wizard_cli.sh, which checks that the man page documents every key. */
#include <stdio.h>

#include "ui/keymap.h"

int main(void)
{
	struct keymap_help h[64];

	for (int m = 0; m < KM_COUNT; m++) {
		size_t n = keymap_help((enum keymap)m, h, 64);
		printf("== %s\n", keymap_title((enum keymap)m));
		for (size_t i = 0; i < n; i++)
			printf("%s\t%s\n", h[i].keys, action_help(h[i].act));
	}
	return 0;
}
