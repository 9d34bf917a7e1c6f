#include "store/lock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/fsio.h"
#include "util/xalloc.h"

/* Another process may unlink the lock file between our open and flock; retry that many
 * times before giving up. */
#define LOCK_TRIES 20

struct review_lock {
	int fd;
	char *lock_path;
};

static bool same_file(int fd, const char *path)
{
	struct stat a, b;

	return fstat(fd, &a) == 0 && lstat(path, &b) == 0 && a.st_dev == b.st_dev &&
	       a.st_ino == b.st_ino;
}

/* Fills the "another wa-review" error from what the holder wrote into the lock file. */
static int busy(int fd, const char *path, const char *lock_path, struct wa_err *err)
{
	char host[200], *info;
	long pid = 0;
	size_t len;

	/* The holder writes "PID HOST\n"; anything else (an empty file it has not yet filled,
	 * stray text, a file too large to be ours) leaves out the details. */
	if (fsio_read_fd(fd, lock_path, FSIO_LOCK, &info, &len, NULL) == 0) {
		int n = sscanf(info, "%ld %199[A-Za-z0-9._-]", &pid, host);

		free(info);
		if (n == 2 && pid > 0)
			return err_set(err, NULL, 0, 0,
			               "%s is being edited by another wa-review (pid %ld on %s); "
			               "close it first",
			               path, pid, host);
	}
	return err_set(err, NULL, 0, 0, "%s is being edited by another wa-review; close it first",
	               path);
}

static void write_holder(int fd)
{
	char host[256] = "unknown", *line;

	if (gethostname(host, sizeof(host) - 1) != 0 || !host[0])
		snprintf(host, sizeof(host), "unknown");
	host[sizeof(host) - 1] = '\0';
	line = xasprintf("%ld %s\n", (long)getpid(), host);
	/* Only informative (for the message a second process shows): errors do not matter. */
	if (ftruncate(fd, 0) == 0) {
		ssize_t n = pwrite(fd, line, strlen(line), 0);
		(void)n;
	}
	free(line);
}

int review_lock_acquire(const char *path, struct review_lock **out, struct wa_err *err)
{
	char *target, *lock_path;
	int fd = -1, e;

	*out = NULL;
	target = fsio_resolve(path, err);
	if (!target)
		return -1;
	lock_path = xasprintf("%s.lock", target);
	free(target);
	for (int tries = 0; tries < LOCK_TRIES; tries++) {
		/* O_NONBLOCK: a FIFO planted as the lock file must not hang the open. */
		fd = open(lock_path, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0600);
		if (fd < 0) {
			e = errno;
			err_set(err, path, 0, 0, "cannot create the lock file %s: %s", lock_path,
			        strerror(e));
			free(lock_path);
			return -1;
		}
		if (fsio_check_regular(fd, lock_path, err)) {
			close(fd);
			free(lock_path);
			return -1;
		}
		if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
			e = errno;
			if (e == EWOULDBLOCK)
				busy(fd, path, lock_path, err);
			else
				err_set(err, path, 0, 0, "cannot lock %s: %s", lock_path,
				        strerror(e));
			close(fd);
			free(lock_path);
			return -1;
		}
		/* The previous holder unlinks the file before letting go, so the file we locked
		 * may no longer be the one the name leads to: then try again with the new one. */
		if (same_file(fd, lock_path))
			break;
		close(fd);
		fd = -1;
	}
	if (fd < 0) {
		err_set(err, path, 0, 0, "cannot lock %s: the lock file keeps changing", lock_path);
		free(lock_path);
		return -1;
	}
	write_holder(fd);
	*out = xmalloc(sizeof(**out));
	(*out)->fd = fd;
	(*out)->lock_path = lock_path;
	return 0;
}

void review_lock_release(struct review_lock *lock)
{
	if (!lock)
		return;
	/* Unlink while still holding the lock, so a waiter that locks the old file notices. */
	if (same_file(lock->fd, lock->lock_path))
		unlink(lock->lock_path);
	close(lock->fd);
	free(lock->lock_path);
	free(lock);
}
