/* The one key handler for typing: every prompt, form field and the notes editor hand their
 * editing actions (ui/action.h) to textedit_key(), so the same keys do the same thing in
 * each, and each keeps only what is its own (accept, cancel, move to another field). */
#ifndef WAR_UI_TEXTEDIT_H
#define WAR_UI_TEXTEDIT_H

#include "ui/action.h"
#include "ui/textbuf.h"

enum textedit {
	TEXTEDIT_NOT_MINE, /* not an editing action: the caller's (accept, cancel, …) */
	TEXTEDIT_SAME,     /* an editing action that changed nothing, or only the cursor */
	TEXTEDIT_CHANGED,  /* the text changed */
};

/* Applies act (key: the typed code point, for ACT_CHAR) to tb. width is the columns the
 * text is wrapped at and page the rows shown, for the up, down and page moves of
 * multi-line text; single-line buffers ignore both. */
enum textedit textedit_key(struct textbuf *tb, enum action act, int key, int width, int page);

#endif
