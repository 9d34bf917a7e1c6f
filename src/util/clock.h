/* Wall-clock time, replaceable so tests get stable timestamps. */
#ifndef WAR_UTIL_CLOCK_H
#define WAR_UTIL_CLOCK_H

#include <stddef.h>
#include <time.h>

/* Seconds since the epoch: SOURCE_DATE_EPOCH when set (reproducible output), else now. */
time_t clock_now(void);

/* Writes the time as "YYYY-MM-DDTHH:MM:SSZ" (UTC) into buf (at least 21 bytes); returns buf. */
char *clock_iso(time_t t, char *buf, size_t len);

#endif
