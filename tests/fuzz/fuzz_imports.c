/* libFuzzer target: the import readers, the guide's component inventory and incident logs
 * in YAML and CSV. The first byte picks the reader. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "model/inventory.h"
#include "store/incidents_load.h"
#include "store/inventory_load.h"
#include "util/err.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct wa_err err;
	struct inventory *inv = NULL;
	struct incident *v = NULL;
	size_t n = 0;

	if (!size)
		return 0;
	err_clear(&err);
	switch (data[0] % 3) {
	case 0:
		if (inventory_parse("fuzz.yaml", (const char *)data + 1, size - 1, &inv, &err) == 0)
			inventory_free(inv);
		break;
	default:
		if (incidents_parse("fuzz.log", (const char *)data + 1, size - 1, data[0] % 3 == 2,
		                    &v, &n, &err) == 0) {
			for (size_t i = 0; i < n; i++)
				incident_clear(&v[i]);
			free(v);
		}
		break;
	}
	return 0;
}
