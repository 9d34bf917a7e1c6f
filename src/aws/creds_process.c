/* credential_process: a command from the profile, split like a shell line but run without a
 * shell, that prints credentials as JSON ({"Version": 1, "AccessKeyId": …}). It runs within
 * a time limit; its stdout (which holds the secret) never appears in a message. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "aws/creds_int.h"
#include "aws/shlex.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

#define MAX_STDOUT (256 * 1024)
#define MAX_STDERR 4096

/* pipe() with both ends closed on exec (pipe2 is not POSIX). */
static int cloexec_pipe(int fd[2])
{
	if (pipe(fd) < 0)
		return -1;
	fcntl(fd[0], F_SETFD, FD_CLOEXEC);
	fcntl(fd[1], F_SETFD, FD_CLOEXEC);
	return 0;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Reads what is there; returns false at end of file. */
static bool drain(int fd, struct sbuf *c)
{
	char tmp[4096];
	ssize_t n = read(fd, tmp, sizeof(tmp));

	if (n < 0)
		return errno == EINTR || errno == EAGAIN;
	if (n == 0)
		return false;
	sbuf_putn(c, tmp, (size_t)n); /* past its cap c->over is set; reading goes on */
	return true;
}

/* The first line of stderr, cut short and without control characters, for messages. */
static void first_line(const char *s, char *buf, size_t len)
{
	size_t i = 0;

	while (*s == '\n' || *s == '\r' || *s == ' ')
		s++;
	for (; s[i] && s[i] != '\n' && s[i] != '\r' && i + 1 < len && i < 200; i++)
		buf[i] = (unsigned char)s[i] < ' ' ? ' ' : s[i];
	buf[i] = '\0';
}

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* Starts argv with stdout and stderr on pipes; stdin stays ours, as with the aws CLI, so a
 * helper can prompt. Returns the pid, or -1 with err (exec failures included). */
static pid_t spawn(char *const *argv, int *out_fd, int *err_fd, const char *what,
                   struct wa_err *err)
{
	int po[2], pe[2], px[2];
	pid_t pid;
	int child_errno = 0;
	ssize_t n;

	if (cloexec_pipe(po) < 0)
		return err_set(err, NULL, 0, 0, "%s: pipe: %s", what, strerror(errno));
	if (cloexec_pipe(pe) < 0) {
		close(po[0]);
		close(po[1]);
		return err_set(err, NULL, 0, 0, "%s: pipe: %s", what, strerror(errno));
	}
	if (cloexec_pipe(px) < 0) {
		close(po[0]);
		close(po[1]);
		close(pe[0]);
		close(pe[1]);
		return err_set(err, NULL, 0, 0, "%s: pipe: %s", what, strerror(errno));
	}
	pid = fork();
	if (pid == 0) {
		int e;

		dup2(po[1], 1);
		dup2(pe[1], 2);
		signal(SIGPIPE, SIG_DFL);
		execvp(argv[0], argv);
		e = errno;
		/* The exec error goes back through px, which exec would have closed. */
		if (write(px[1], &e, sizeof(e)) < 0)
			_exit(127);
		_exit(127);
	}
	close(po[1]);
	close(pe[1]);
	close(px[1]);
	if (pid < 0) {
		int e = errno;

		close(po[0]);
		close(pe[0]);
		close(px[0]);
		return err_set(err, NULL, 0, 0, "%s: fork: %s", what, strerror(e));
	}
	do
		n = read(px[0], &child_errno, sizeof(child_errno));
	while (n < 0 && errno == EINTR);
	close(px[0]);
	if (n == (ssize_t)sizeof(child_errno)) {
		close(po[0]);
		close(pe[0]);
		waitpid(pid, NULL, 0);
		return err_set(err, NULL, 0, 0, "%s: cannot run %s: %s", what, argv[0],
		               strerror(child_errno));
	}
	*out_fd = po[0];
	*err_fd = pe[0];
	return pid;
}

/* Collects output until the process ends or the deadline passes. Returns 0 with *status, or
 * -1 after killing it on timeout. */
static int collect(pid_t pid, int fds[2], struct sbuf cap[2], long timeout_ms, int *status)
{
	long deadline = now_ms() + timeout_ms;
	bool exited = false;

	while (fds[0] >= 0 || fds[1] >= 0 || !exited) {
		long left = deadline - now_ms();
		struct pollfd p[2];
		int np = 0, idx[2];

		if (left <= 0 && exited)
			return 0; /* something it started keeps the pipes open: we have enough */
		if (left <= 0) {
			kill(pid, SIGKILL);
			waitpid(pid, status, 0);
			return -1;
		}
		if (!exited && waitpid(pid, status, WNOHANG) == pid) {
			exited = true;
			if (deadline - now_ms() > 200)
				deadline = now_ms() + 200;
		}
		for (int i = 0; i < 2; i++)
			if (fds[i] >= 0) {
				p[np].fd = fds[i];
				p[np].events = POLLIN;
				idx[np++] = i;
			}
		if (np == 0) {
			if (!exited) {
				struct timespec ts = { 0, 10 * 1000000L };

				nanosleep(&ts, NULL);
			}
			continue;
		}
		if (poll(p, (nfds_t)np, left > 50 ? 50 : (int)left) < 0 && errno != EINTR) {
			if (!exited) {
				kill(pid, SIGKILL);
				waitpid(pid, status, 0);
			}
			return -1;
		}
		for (int j = 0; j < np; j++)
			if (p[j].revents && !drain(fds[idx[j]], &cap[idx[j]]))
				close_fd(&fds[idx[j]]);
	}
	return 0;
}

static int parse_output(const char *text, size_t len, const char *what, struct aws_creds *out,
                        struct wa_err *err)
{
	static const char *const names[4] = { "AccessKeyId", "SecretAccessKey", "SessionToken",
		                              "Expiration" };
	cJSON *doc = cJSON_ParseWithLength(text, len);
	const cJSON *ver;
	int rc;

	if (!doc)
		return err_set(err, NULL, 0, 0, "%s: its output is not JSON", what);
	ver = cJSON_GetObjectItemCaseSensitive(doc, "Version");
	if (!cJSON_IsNumber(ver) || ver->valuedouble != 1) {
		cJSON_Delete(doc);
		return err_set(err, NULL, 0, 0,
		               "%s: its output has %s; only Version 1 is supported", what,
		               ver ? "another Version" : "no Version");
	}
	rc = creds_from_json(doc, names, false, what, out, err);
	cJSON_Delete(doc);
	return rc;
}

int creds_process_run(char *const *argv, long timeout_ms, const char *what, struct aws_creds *out,
                      struct wa_err *err)
{
	struct sbuf cap[2] = { { .max = MAX_STDOUT }, { .max = MAX_STDERR } };
	int fds[2] = { -1, -1 }, status = 0, rc = -1;
	char line[256];
	pid_t pid;

	memset(out, 0, sizeof(*out));
	pid = spawn(argv, &fds[0], &fds[1], what, err);
	if (pid < 0)
		goto done;
	if (collect(pid, fds, cap, timeout_ms, &status) < 0) {
		err_set(err, NULL, 0, 0, "%s: no answer within %ld ms; stopped it", what,
		        timeout_ms);
		goto done;
	}
	first_line(cap[1].buf ? cap[1].buf : "", line, sizeof(line));
	if (WIFSIGNALED(status)) {
		err_set(err, NULL, 0, 0, "%s: killed by signal %d%s%s", what, WTERMSIG(status),
		        line[0] ? ": " : "", line);
	} else if (WEXITSTATUS(status) != 0) {
		err_set(err, NULL, 0, 0, "%s: exited with status %d%s%s", what, WEXITSTATUS(status),
		        line[0] ? ": " : "", line);
	} else if (cap[0].over) {
		err_set(err, NULL, 0, 0, "%s: its output is over %d KiB", what, MAX_STDOUT / 1024);
	} else {
		rc = parse_output(cap[0].buf, cap[0].len, what, out, err);
	}
done:
	close_fd(&fds[0]);
	close_fd(&fds[1]);
	if (cap[0].buf)
		explicit_bzero(cap[0].buf, cap[0].len);
	sbuf_free(&cap[0]);
	sbuf_free(&cap[1]);
	return rc;
}

int creds_process(struct creds_run *r, struct aws_creds *out, struct wa_err *err)
{
	const char *cmd = config_get(&r->prof, "credential_process");
	char **argv;
	size_t argc;
	const char *why;
	char where[600], *what;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!cmd || !*cmd)
		return creds_none(r, "none in profile %s", r->profile);
	config_where(&r->ch->cfg, &r->prof, "credential_process", where, sizeof(where));
	if (shlex_split(cmd, &argv, &argc, &why) < 0)
		return err_set(err, where, 0, 0, "credential_process: %s", why);
	if (argc == 0) {
		shlex_free(argv);
		return err_set(err, where, 0, 0, "credential_process names no command");
	}
	/* Only the program's name: its arguments may hold something private. */
	what = xasprintf("credential_process %s of profile %s", argv[0], r->profile);
	rc = creds_process_run(argv, r->ch->process_timeout_ms, what, out, err);
	free(what);
	shlex_free(argv);
	if (rc < 0)
		return -1;
	snprintf(out->source, sizeof(out->source), "credential_process, profile %s", r->profile);
	return 1;
}
