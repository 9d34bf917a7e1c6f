/* The improvement roadmap screen. The roadmap itself is its own feature; until it lands this
 * screen says so plainly and points at what already helps. */
#include "ui/view.h"
#include "ui/view_info.h"

static void draw(struct view *v)
{
	static const char *const paras[] = {
	        "The improvement roadmap arrives with the roadmap feature: it will turn the gaps "
	        "this review finds into a plan, ordered by risk and effort and grouped into phases "
	        "you can schedule.",
	        "It is not part of this version yet. Until then, the risk dashboard (5) shows "
	        "where "
	        "the high and medium risks are, and in the question walk (4) each best practice's "
	        "guidance says how to put it in place.",
	        NULL,
	};

	view_info_draw(v, "Improvement roadmap — not available yet", paras);
}

const struct view_ops view_roadmap_ops = {
        .name = "roadmap",
        .title = "Roadmap",
        .hints = "5 risk dashboard  4 questions  ? help  q quit",
        .keymap = KM_INFO,
        .private_size = 0,
        .draw = draw,
        .key = view_info_key,
};
