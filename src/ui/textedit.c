#include "ui/textedit.h"

#include <stdbool.h>
#include <stdint.h>

enum textedit textedit_key(struct textbuf *tb, enum action act, int key, int width, int page)
{
	bool changed = false;
	int rows = page > 1 ? page : 1;

	switch (act) {
	case ACT_CHAR:
		textbuf_insert_cp(tb, (uint32_t)key);
		changed = true;
		break;
	case ACT_NEWLINE:
		textbuf_insert(tb, "\n", 1);
		changed = true;
		break;
	case ACT_BACKSPACE: changed = textbuf_backspace(tb); break;
	case ACT_DELETE: changed = textbuf_delete(tb); break;
	case ACT_KILL_END: changed = textbuf_kill_end(tb); break;
	case ACT_KILL_START: changed = textbuf_kill_start(tb); break;
	case ACT_CURSOR_LEFT: textbuf_left(tb); break;
	case ACT_CURSOR_RIGHT: textbuf_right(tb); break;
	case ACT_LINE_START: textbuf_line_start(tb); break;
	case ACT_LINE_END: textbuf_line_end(tb); break;
	case ACT_CURSOR_UP:
	case ACT_CURSOR_DOWN:
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
		if (tb->single)
			return TEXTEDIT_NOT_MINE;
		textbuf_vertical(tb, width,
		                 act == ACT_CURSOR_UP     ? -1
		                 : act == ACT_CURSOR_DOWN ? 1
		                 : act == ACT_PAGE_UP     ? -rows
		                                          : rows);
		break;
	default: return TEXTEDIT_NOT_MINE;
	}
	return changed ? TEXTEDIT_CHANGED : TEXTEDIT_SAME;
}
