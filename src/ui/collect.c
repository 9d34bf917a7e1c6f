#include "ui/collect.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evidence/caller.h"
#include "model/scope.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

struct collect {
	struct ev_caller *caller;
	struct evidence_run *run;
	char *question;
	bool stepping;         /* no thread could be started: the poll steps the sweep instead */
	struct wl_scope scope; /* the workload's, copied: the run borrows it while the workload
	                        * may be edited meanwhile */
	char *role, *org_unit; /* targets', for the progress line; NULL: own account */
	size_t n_accounts;     /* the accounts given (0 with an OU: listed by the sweep) */
};

int collect_start(const struct qset *qs, const char *question, const struct workload *wl,
                  const struct ev_targets *targets, struct collect **out, struct wa_err *err)
{
	struct evidence_run_opts ro = { 0 };
	struct collect *c = xcalloc(1, sizeof(*c));
	struct ev_caller_opts co = { 0 };
	char **ids = NULL;
	size_t n_ids = 0;

	if (targets && targets->role) {
		/* the same accounts `evidence FILE --role` sweeps: the OU's, --accounts, or the
		 * workload's as it stands now (it may have been edited since the start) */
		if (!targets->org_unit)
			n_ids = ev_targets_accounts(targets, wl, &ids);
		if (!targets->org_unit && !n_ids) {
			err_set(err, NULL, 0, 0,
			        "--role %s: the workload lists no account IDs; add them on the "
			        "Workload screen, or start the wizard with --accounts or "
			        "--org-unit",
			        targets->role);
			goto fail;
		}
		c->role = xstrdup(targets->role);
		c->org_unit = targets->org_unit ? xstrdup(targets->org_unit) : NULL;
		c->n_accounts = n_ids;
		ro.role = targets->role;
		ro.org_unit = targets->org_unit;
		ro.accounts = (const char *const *)ids;
		ro.n_accounts = n_ids;
	}
	if (ev_caller_open(&co, &c->caller, err))
		goto fail;
	ro.question = question;
	ro.regions = (const char *const *)wl->regions;
	ro.n_regions = wl->n_regions;
	scope_copy(&c->scope, &wl->scope);
	ro.scope = &c->scope;
	if (evidence_run_new(qs, c->caller, &ro, &c->run, err))
		goto fail;
	ev_ids_free(ids, n_ids); /* the run keeps its own copies */
	ids = NULL;
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
	ev_ids_free(ids, n_ids);
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
	if (!c->role)
		snprintf(buf, len, "Collecting evidence for %s: %zu of %zu calls",
		         c->question ? c->question : "every question", p.calls_done, p.calls_total);
	else if (c->org_unit)
		snprintf(buf, len,
		         "Collecting evidence for %s from the accounts of %s as %s: %zu of %zu "
		         "calls",
		         c->question ? c->question : "every question", c->org_unit, c->role,
		         p.calls_done, p.calls_total);
	else
		snprintf(buf, len,
		         "Collecting evidence for %s from %zu account%s as %s: %zu of %zu calls",
		         c->question ? c->question : "every question", c->n_accounts,
		         c->n_accounts == 1 ? "" : "s", c->role, p.calls_done, p.calls_total);
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

const char *collect_accounts(struct collect *c, char *buf, size_t len)
{
	size_t n = evidence_run_n_accounts(c->run), refused = 0;
	struct sbuf b = { 0 };
	char *text;

	buf[0] = '\0';
	if (!n || !evidence_run_finished(c->run))
		return buf;
	sbuf_printf(&b, "account%s ", n == 1 ? "" : "s");
	for (size_t i = 0; i < n; i++)
		sbuf_printf(&b, "%s%s", i ? ", " : "", evidence_run_account(c->run, i, NULL));
	for (size_t i = 0; i < n; i++) {
		const char *why, *id = evidence_run_account(c->run, i, &why);

		if (why)
			sbuf_printf(&b, "%s%s", refused++ ? ", " : "; AssumeRole failed in ", id);
	}
	text = sbuf_take(&b);
	snprintf(buf, len, "%s", text);
	free(text);
	return buf;
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
	free(c->role);
	free(c->org_unit);
	scope_clear(&c->scope);
	free(c);
}
