#include "model/review_merge.h"

#include <string.h>

int review_merge(const struct review *base, struct review *ours, const struct review *theirs,
                 const struct review_parts *take_theirs, const struct review_parts *keep_mine,
                 struct review_merge *out)
{
	struct review *empty = base ? NULL : review_new();
	struct review_parts all = { 0 };

	memset(out, 0, sizeof(*out));
	base = base ? base : empty;
	review_parts_of(base, &all);
	review_parts_of(ours, &all);
	review_parts_of(theirs, &all);
	for (size_t i = 0; i < all.n; i++) {
		const struct review_part *p = &all.v[i];

		if (review_part_equal(ours, theirs, p) || review_part_equal(theirs, base, p))
			continue; /* the same on both sides, or changed in ours only: ours stands */
		if (review_part_equal(ours, base, p) ||
		    (take_theirs && review_parts_has(take_theirs, p)))
			review_parts_add(&out->taken, p->kind, p->key);
		else if (!keep_mine || !review_parts_has(keep_mine, p))
			review_parts_add(&out->conflicts, p->kind, p->key);
	}
	review_parts_free(&all);
	review_free(empty);
	if (out->conflicts.n) {
		review_parts_free(&out->taken);
		return -1;
	}
	for (size_t i = 0; i < out->taken.n; i++)
		review_part_copy(ours, theirs, &out->taken.v[i]);
	return 0;
}

void review_merge_free(struct review_merge *m)
{
	review_parts_free(&m->taken);
	review_parts_free(&m->conflicts);
}
