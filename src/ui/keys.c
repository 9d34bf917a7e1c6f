#include "ui/keys.h"

#include <stdio.h>

int keys_ctrl(char letter)
{
	return letter & 0x1f;
}

bool keys_is_text(int key)
{
	return key == WK_TAB ||
	       (key >= 0x20 && key != 0x7f && key < WK_BASE && !(key >= 0x80 && key < 0xa0));
}

static const char *const special[] = {
	[WK_UP - WK_BASE] = "Up",
	[WK_DOWN - WK_BASE] = "Down",
	[WK_LEFT - WK_BASE] = "Left",
	[WK_RIGHT - WK_BASE] = "Right",
	[WK_HOME - WK_BASE] = "Home",
	[WK_END - WK_BASE] = "End",
	[WK_PGUP - WK_BASE] = "PgUp",
	[WK_PGDN - WK_BASE] = "PgDn",
	[WK_BACKSPACE - WK_BASE] = "Backspace",
	[WK_DELETE - WK_BASE] = "Del",
	[WK_BTAB - WK_BASE] = "Shift-Tab",
	[WK_F1 - WK_BASE] = "F1",
	[WK_MOUSE - WK_BASE] = "Click",
	[WK_WHEEL_UP - WK_BASE] = "Wheel up",
	[WK_WHEEL_DOWN - WK_BASE] = "Wheel down",
	[WK_RESIZE - WK_BASE] = "Resize",
	[WK_TIMEOUT - WK_BASE] = "Timeout",
};

const char *keys_name(int key, char *buf, size_t len)
{
	if (key > WK_BASE && key < WK_END_OF_KEYS && special[key - WK_BASE])
		snprintf(buf, len, "%s", special[key - WK_BASE]);
	else if (key == WK_TAB)
		snprintf(buf, len, "Tab");
	else if (key == WK_ENTER)
		snprintf(buf, len, "Enter");
	else if (key == WK_ESC)
		snprintf(buf, len, "Esc");
	else if (key == WK_SPACE)
		snprintf(buf, len, "Space");
	else if (key > 0 && key < 0x20)
		snprintf(buf, len, "Ctrl-%c", 'A' + key - 1);
	else if (key > 0x20 && key < 0x7f)
		snprintf(buf, len, "%c", key);
	else
		snprintf(buf, len, "U+%04X", (unsigned)key);
	return buf;
}
