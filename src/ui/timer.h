/* The workshop timer: time spent on each question against a time box, from an injected
 * clock so tests can drive it. Amber from 80 % of the box, red once it is used up. */
#ifndef WAR_UI_TIMER_H
#define WAR_UI_TIMER_H

#include <stdbool.h>
#include <stddef.h>

/* Seconds from a monotonic clock; the real one is timer_clock_system. */
struct ui_clock {
	double (*now)(void *ctx);
	void *ctx;
};

extern const struct ui_clock timer_clock_system;

enum timer_state { TIMER_OK, TIMER_AMBER, TIMER_RED };

struct qtimer {
	const struct ui_clock *clock; /* borrowed */
	long timebox;                 /* seconds per question, > 0 */
	double *spent;                /* per question, before the current visit; owned */
	size_t n;
	size_t current; /* question being timed */
	double since;   /* clock time the current visit began */
	bool running;
};

/* Starts a stopped timer for n questions with a time box in seconds (<= 0: 10 minutes).
 * Free with timer_free(). */
void timer_init(struct qtimer *t, const struct ui_clock *clock, size_t n, long timebox);
void timer_free(struct qtimer *t);

/* Starts or stops counting (workshop mode on or off); time stopped does not count. */
void timer_run(struct qtimer *t, bool on);

/* Moves to question q: the time so far stays with the old one, and q resumes where it was. */
void timer_switch(struct qtimer *t, size_t q);

/* Puts the current question back to zero. */
void timer_reset(struct qtimer *t);

/* Whole seconds spent on the current question. */
long timer_elapsed(const struct qtimer *t);

/* The colour the timer shows for elapsed seconds against timebox. */
enum timer_state timer_state_of(long elapsed, long timebox);

/* "mm:ss" (or "h:mm:ss" past an hour) into buf; returns buf. */
const char *timer_format(long secs, char *buf, size_t len);

/* Milliseconds until the shown time next changes, for the main loop's wait. */
int timer_next_tick_ms(const struct qtimer *t);

#endif
