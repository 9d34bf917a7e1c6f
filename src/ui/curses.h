/* The one place curses comes in (`make lint` checks that nothing outside src/ui includes
 * it): the wide-character API, so UTF-8 text is drawn as characters, not bytes. */
#ifndef WAR_UI_CURSES_H
#define WAR_UI_CURSES_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <curses.h>

#endif
