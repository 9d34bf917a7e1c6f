/* The availability calculator screen. The calculator is its own feature; until it lands
 * this screen says so and shows what the workload's target already means. */
#include <stdio.h>
#include <stdlib.h>

#include "ui/app.h"
#include "ui/form.h"
#include "ui/view.h"
#include "ui/view_info.h"

static void draw(struct view *v)
{
	const struct review *rv = v->app->ses.rv;
	char target[256] = "The workload definition (2) has no availability target yet.";
	const char *paras[] = {
	        "The availability calculator arrives with its own feature: it will combine the "
	        "availability of the workload's components, in series, in parallel and across "
	        "Regions, and compare the result with the target.",
	        target,
	        "It is not part of this version yet.",
	        NULL,
	};

	if (rv && rv->wl.availability > 0) {
		char *text = form_get(&rv->wl, FF_AVAILABILITY), note[160];
		form_check(FF_AVAILABILITY, text, note, sizeof(note));
		snprintf(target, sizeof(target), "The workload's target is %s %%, which %s.", text,
		         note);
		free(text);
	}
	view_info_draw(v, "Availability calculator — not available yet", paras);
}

const struct view_ops view_calc_ops = {
        .name = "availability",
        .title = "Availability",
        .hints = "2 workload  4 questions  ? help  q quit",
        .keymap = KM_INFO,
        .private_size = 0,
        .draw = draw,
        .key = view_info_key,
};
