#include "ui/collect.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evidence/caller.h"
#include "util/xalloc.h"

struct collect {
	struct ev_caller *caller;
	struct evidence_run *run;
	char *question;
	bool stepping; /* no thread could be started: the poll steps the sweep instead */
};

int collect_start(const struct qset *qs, const char *question, char *const *regions,
                  size_t n_regions, struct collect **out, struct wa_err *err)
{
	struct evidence_run_opts ro = { 0 };
	struct collect *c = xcalloc(1, sizeof(*c));
	struct ev_caller_opts co = { 0 };

	if (ev_caller_open(&co, &c->caller, err))
		goto fail;
	ro.question = question;
	ro.regions = (const char *const *)regions;
	ro.n_regions = n_regions;
	if (evidence_run_new(qs, c->caller, &ro, &c->run, err))
		goto fail;
	c->question = question ? xstrdup(question) : NULL;
	/* The sweep's thread (and libcurl's resolver threads after it) take no signals: the
	 * main loop must see SIGHUP and SIGTERM at once to end the session. */
	{
		sigset_t all, old;
		sigfillset(&all);
		pthread_sigmask(SIG_BLOCK, &all, &old);
		if (evidence_run_start(c->run, NULL))
			c->stepping = true;
		pthread_sigmask(SIG_SETMASK, &old, NULL);
	}
	*out = c;
	return 0;
fail:
	collect_free(c);
	return -1;
}

void collect_progress(struct collect *c, struct evidence_progress *p)
{
	evidence_run_progress(c->run, p);
}

const char *collect_question(const struct collect *c)
{
	return c->question;
}

const char *collect_describe(struct collect *c, char *buf, size_t len)
{
	struct evidence_progress p;

	collect_progress(c, &p);
	snprintf(buf, len, "Collecting evidence for %s: %zu of %zu calls",
	         c->question ? c->question : "every question", p.calls_done, p.calls_total);
	return buf;
}

bool collect_finished(struct collect *c)
{
	/* Without a thread each poll sends one batch: slower to finish, but never stuck. */
	if (c->stepping && !evidence_run_finished(c->run))
		evidence_run_step(c->run);
	return evidence_run_finished(c->run);
}

struct evidence *collect_take(struct collect *c, struct wa_err *err)
{
	struct evidence *ev = evidence_run_take(c->run);
	const struct wa_err *why;

	if (ev)
		return ev;
	why = evidence_run_error(c->run);
	if (why && why->msg[0] && err)
		*err = *why;
	else
		err_set(err, NULL, 0, 0, "evidence collection stopped before it finished");
	return NULL;
}

void collect_free(struct collect *c)
{
	if (!c)
		return;
	if (c->run) {
		/* The calls in flight end at once, so the thread is joined without waiting for
		 * slow answers. */
		evidence_run_cancel(c->run);
		ev_caller_cancel(c->caller);
		evidence_run_free(c->run);
	}
	ev_caller_free(c->caller);
	free(c->question);
	free(c);
}
