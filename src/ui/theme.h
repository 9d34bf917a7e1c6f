/* Colours by meaning, not by place: views draw with elements such as EL_BADGE_HIGH and a theme
 * (themes/NAME.yaml, compiled in, or any file) says what each looks like. No curses here:
 * src/ui/draw.c turns a resolved theme into colour pairs. */
#ifndef WAR_UI_THEME_H
#define WAR_UI_THEME_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"

/* _(ID, "name in theme files", "what it colours") */
#define COLOR_EL_INFO(_)                                                                           \
	_(NORMAL, "normal", "ordinary text")                                                       \
	_(DIM, "dim", "secondary text and hints")                                                  \
	_(TITLE, "title", "the top bar")                                                           \
	_(TAB, "tab", "screen names in the tab bar")                                               \
	_(TAB_ACTIVE, "tab-active", "the current screen's name")                                   \
	_(STATUS, "status", "the status bar")                                                      \
	_(STATUS_ERROR, "status-error", "an error in the status bar")                              \
	_(PROMPT, "prompt", "the prompt in the status bar")                                        \
	_(PANE_TITLE, "pane-title", "a pane's title row")                                          \
	_(PANE_TITLE_FOCUS, "pane-title-focus", "the focused pane's title row")                    \
	_(SEPARATOR, "separator", "lines between panes")                                           \
	_(CURSOR, "cursor", "the selected item in the focused pane")                               \
	_(CURSOR_DIM, "cursor-unfocused", "the selected item in another pane")                     \
	_(AREA, "area", "area titles")                                                             \
	_(QUESTION, "question", "question titles")                                                 \
	_(BADGE_HIGH, "badge-high", "high-risk badge")                                             \
	_(BADGE_MEDIUM, "badge-medium", "medium-risk badge")                                       \
	_(BADGE_NONE, "badge-none", "no-risk badge")                                               \
	_(BADGE_NA, "badge-na", "not-applicable badge")                                            \
	_(BADGE_UNANSWERED, "badge-unanswered", "unanswered badge")                                \
	_(RISK_HIGH, "risk-high", "a best practice's high risk level")                             \
	_(RISK_MEDIUM, "risk-medium", "a best practice's medium risk level")                       \
	_(RISK_LOW, "risk-low", "a best practice's low risk level")                                \
	_(CHECK, "check", "ticked boxes")                                                          \
	_(FLAG, "flag", "follow-up flags")                                                         \
	_(HEADING, "heading", "headings in guidance and forms")                                    \
	_(LINK, "link", "links")                                                                   \
	_(INPUT, "input", "text being typed")                                                      \
	_(ERROR, "error", "validation errors")                                                     \
	_(OK, "ok", "validation passed, notes")                                                    \
	_(TIMER_OK, "timer-ok", "workshop timer within the time box")                              \
	_(TIMER_AMBER, "timer-amber", "workshop timer near the end of the box")                    \
	_(TIMER_RED, "timer-red", "workshop timer past the box")                                   \
	_(BAR_HIGH, "bar-high", "dashboard bar: high risk")                                        \
	_(BAR_MEDIUM, "bar-medium", "dashboard bar: medium risk")                                  \
	_(BAR_NONE, "bar-none", "dashboard bar: no risk")                                          \
	_(BAR_NA, "bar-na", "dashboard bar: not applicable")                                       \
	_(BAR_EMPTY, "bar-empty", "dashboard bar: unanswered")                                     \
	_(BANNER, "banner", "workshop mode's large question ID")                                   \
	_(PEOPLE, "people", "workshop mode's participants row")                                    \
	_(HELP_KEY, "help-key", "keys in the help overlay")

#define COLOR_EL_ENUM(id, name, what) EL_##id,
enum color_el { COLOR_EL_INFO(COLOR_EL_ENUM) EL_COUNT };
#undef COLOR_EL_ENUM

/* Colour numbers: COLOR_DEFAULT (the terminal's own), 0-7 basic, 8-15 bright, 16-255 the
 * xterm palette. */
enum { COLOR_DEFAULT = -1 };

enum theme_attr {
	TA_BOLD = 1 << 0,
	TA_DIM = 1 << 1,
	TA_UNDERLINE = 1 << 2,
	TA_REVERSE = 1 << 3,
	TA_ITALIC = 1 << 4,
	TA_STANDOUT = 1 << 5,
};

struct theme_style {
	short fg, bg;
	unsigned attrs; /* enum theme_attr bits */
};

struct theme {
	char *name; /* "default", or the file's name: field */
	char *description;
	char *source; /* "(built-in) themes/default.yaml" or the path */
	struct theme_style el[EL_COUNT];
};

/* Element names as written in theme files; "" when out of range. */
const char *color_el_name(enum color_el el);

/* The built-in themes' names, NULL-ended: default, light, high-contrast, mono. */
extern const char *const theme_builtin_names[];

/* Parses theme text; file names it in errors. Elements left out keep the values of the
 * theme named by `base:` (a built-in; default: "default"). Returns 0 with *out newly
 * allocated (free with theme_free()), or -1 with err at file:line:column. */
int theme_parse(const char *file, const char *text, size_t len, struct theme **out,
                struct wa_err *err);

/* Loads a built-in theme by name, or a file when spec contains '/' or ends in .yaml/.yml.
 * Same return convention; an unknown name lists the built-in ones. */
int theme_load(const char *spec, struct theme **out, struct wa_err *err);

void theme_free(struct theme *t);

/* Which theme to start with: an explicit --theme wins; else a non-empty NO_COLOR gives
 * "mono"; else workshop mode gives "high-contrast"; else "default". Static or spec. */
const char *theme_choose(const char *spec, const char *no_color, bool workshop);

/* The built-in theme after name (wrapping), for the theme key; "default" after a file. */
const char *theme_next(const char *name);

/* The style of el on a terminal with ncolors colours: palette colours it lacks become the
 * nearest it has (a bright foreground on 8 colours becomes bold), never with foreground and
 * background the same unless the theme says so. With fewer than 8 colours, attributes only. */
struct theme_style theme_resolve(const struct theme *t, enum color_el el, int ncolors);

/* The nearest colour among the first `have` (8 or 16) to palette colour c (0-255). */
short theme_nearest(short c, int have);

#endif
