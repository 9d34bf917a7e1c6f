/* Text from a file, an argument or AWS made safe to show: the one test of which characters
 * a terminal (or a viewer) would act on rather than show, used by the error printer, the
 * plain-text commands, the reports (report/safe.h) and the wizard's drawing. */
#ifndef WAR_UTIL_SAFETEXT_H
#define WAR_UTIL_SAFETEXT_H

#include <stdbool.h>

#include "util/sbuf.h"

/* True for a code point a terminal acts on: C0 controls other than newline and tab, DEL,
 * C1 controls (U+0080-U+009F: CSI U+009B, OSC U+009D ...), and the bidirectional
 * embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069). */
bool safetext_unsafe(unsigned long cp);

/* Appends s (NULL: nothing) with every unsafe character and every byte that is not UTF-8
 * replaced by U+FFFD; a CR before a newline is dropped. With one_line, newlines and tabs
 * become spaces too. */
void safetext_put(struct sbuf *b, const char *s, bool one_line);

/* s made safe as safetext_put() does. Returns newly allocated text ("" for NULL); free
 * with free(). */
char *safetext_dup(const char *s, bool one_line);

#endif
