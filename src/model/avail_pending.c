/* TEMPORARY stand-in for the availability work (src/model/avail*.c on branch avail):
 * only the two functions the reports call, saying "nothing computed yet". The lead deletes
 * this file when merging that branch; nothing else depends on it. */
#include "model/avail.h"

#include <stdlib.h>
#include <string.h>

int avail_summarize(const struct review *rv, struct avail_summary *out, struct wa_err *err)
{
	(void)err;
	memset(out, 0, sizeof(*out));
	out->target = rv->wl.availability < 0 ? -1 : rv->wl.availability / 100.0;
	return 0;
}

void avail_summary_clear(struct avail_summary *s)
{
	for (size_t i = 0; i < s->n_single_points; i++)
		free(s->single_points[i]);
	free(s->single_points);
	memset(s, 0, sizeof(*s));
}
