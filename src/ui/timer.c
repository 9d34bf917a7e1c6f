#include "ui/timer.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "util/xalloc.h"

/* Default time box: ten minutes a question fits the usual two-hour workshop with breaks. */
#define DEFAULT_TIMEBOX 600

static double system_now(void *ctx)
{
	struct timespec ts;

	(void)ctx;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

const struct ui_clock timer_clock_system = { system_now, NULL };

void timer_init(struct qtimer *t, const struct ui_clock *clock, size_t n, long timebox)
{
	t->clock = clock;
	t->timebox = timebox > 0 ? timebox : DEFAULT_TIMEBOX;
	t->n = n;
	t->spent = xcalloc(n ? n : 1, sizeof(*t->spent));
	t->current = 0;
	t->since = 0;
	t->running = false;
}

void timer_free(struct qtimer *t)
{
	free(t->spent);
	t->spent = NULL;
}

static double now(const struct qtimer *t)
{
	return t->clock->now(t->clock->ctx);
}

/* Moves the running visit's time into spent[current]. */
static void bank(struct qtimer *t)
{
	double n = now(t);

	if (t->running && t->current < t->n && n > t->since)
		t->spent[t->current] += n - t->since;
	t->since = n;
}

void timer_run(struct qtimer *t, bool on)
{
	bank(t);
	t->running = on;
}

void timer_switch(struct qtimer *t, size_t q)
{
	bank(t);
	if (q < t->n)
		t->current = q;
}

void timer_reset(struct qtimer *t)
{
	bank(t);
	if (t->current < t->n)
		t->spent[t->current] = 0;
}

static double elapsed(const struct qtimer *t)
{
	double s = t->current < t->n ? t->spent[t->current] : 0, n = now(t);

	if (t->running && n > t->since)
		s += n - t->since;
	return s;
}

long timer_elapsed(const struct qtimer *t)
{
	return (long)floor(elapsed(t));
}

enum timer_state timer_state_of(long elapsed_s, long timebox)
{
	if (elapsed_s >= timebox)
		return TIMER_RED;
	/* elapsed >= 80 % of the box, in integers so 8:00 of 10:00 is amber exactly */
	if (elapsed_s * 5 >= timebox * 4)
		return TIMER_AMBER;
	return TIMER_OK;
}

const char *timer_format(long secs, char *buf, size_t len)
{
	if (secs < 0)
		secs = 0;
	if (secs >= 3600)
		snprintf(buf, len, "%ld:%02ld:%02ld", secs / 3600, secs / 60 % 60, secs % 60);
	else
		snprintf(buf, len, "%02ld:%02ld", secs / 60, secs % 60);
	return buf;
}

int timer_next_tick_ms(const struct qtimer *t)
{
	double e = elapsed(t);
	int ms = (int)((floor(e) + 1 - e) * 1000) + 1;

	return ms < 1 ? 1 : ms > 1000 ? 1000 : ms;
}
