#include "util/fsio.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/xalloc.h"

/* Temporary files are ".NAME.tmpXXXXXX" beside NAME: hidden, and easy to recognise. */
#define TMP_INFIX     ".tmp"
#define TMP_RANDOM    6
#define MAX_LINK_HOPS 40

/* The size caps: far above any real file of each kind (the built-in question files are
 * under 100 KB, the demo review 60 KB), low enough that a stray log, disk image or endless
 * stream is refused before it eats memory. wa-review(1) lists them under LIMITS; keep the
 * two in step. */
static const struct {
	const char *what;
	size_t max;
} kinds[] = {
	[FSIO_REVIEW] = { "a review file", 64u << 20 },
	[FSIO_QUESTIONS] = { "a question set file", 8u << 20 },
	[FSIO_THEME] = { "a theme file", 1u << 20 },
	[FSIO_INVENTORY] = { "a component inventory", 16u << 20 },
	[FSIO_INCIDENTS] = { "an incident log", 16u << 20 },
	[FSIO_JSON] = { "a JSON document", 256u << 20 },
	[FSIO_PARAMS] = { "request parameters", 1u << 20 },
	[FSIO_LOCK] = { "a lock file", 4u << 10 },
	[FSIO_OTHER] = { "this kind of file", 16u << 20 },
};

size_t fsio_cap(enum fsio_kind kind)
{
	return kinds[kind].max;
}

static int too_large(const char *name, enum fsio_kind kind, struct wa_err *err)
{
	size_t max = kinds[kind].max;

	if (max >= 1u << 20)
		return err_set(err, name, 0, 0, "too large: over the %zu MiB limit for %s",
		               max >> 20, kinds[kind].what);
	return err_set(err, name, 0, 0, "too large: over the %zu KiB limit for %s", max >> 10,
	               kinds[kind].what);
}

static const char *type_name(mode_t m)
{
	if (S_ISDIR(m))
		return "a directory";
	if (S_ISFIFO(m))
		return "a FIFO";
	if (S_ISCHR(m))
		return "a character device";
	if (S_ISBLK(m))
		return "a block device";
	if (S_ISSOCK(m))
		return "a socket";
	return "not a file";
}

static int check_regular(int fd, const char *name, struct stat *st, struct wa_err *err)
{
	if (fstat(fd, st) != 0)
		return err_set(err, name, 0, 0, "cannot read: %s", strerror(errno));
	if (!S_ISREG(st->st_mode))
		return err_set(err, name, 0, 0, "not a regular file (%s)", type_name(st->st_mode));
	return 0;
}

int fsio_check_regular(int fd, const char *name, struct wa_err *err)
{
	struct stat st;

	return check_regular(fd, name, &st, err);
}

/* Reads fd to its end, at most the kind's cap; `hint` is the expected size (0: unknown). */
static int read_capped(int fd, const char *name, enum fsio_kind kind, size_t hint, char **buf,
                       size_t *len, struct wa_err *err)
{
	size_t max = kinds[kind].max, used = 0, cap = 0;
	char *data = NULL;

	for (;;) {
		ssize_t n;

		if (used > max) {
			free(data);
			return too_large(name, kind, err);
		}
		/* Never more room than one byte past the cap (to see that there is more) and
		 * the NUL. */
		if (cap - used < 2) {
			size_t want = cap ? cap * 2 : (hint ? hint + 2 : 65536);
			if (want > max + 2)
				want = max + 2;
			data = xrealloc(data, want);
			cap = want;
		}
		n = read(fd, data + used, cap - used - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			free(data);
			return err_set(err, name, 0, 0, "cannot read: %s", strerror(e));
		}
		if (n == 0)
			break;
		used += (size_t)n;
	}
	data[used] = '\0';
	*buf = data;
	*len = used;
	return 0;
}

int fsio_read_fd(int fd, const char *name, enum fsio_kind kind, char **buf, size_t *len,
                 struct wa_err *err)
{
	*buf = NULL;
	*len = 0;
	return read_capped(fd, name, kind, 0, buf, len, err);
}

int fsio_read(const char *path, enum fsio_kind kind, char **buf, size_t *len, struct wa_err *err)
{
	struct stat st;
	int fd, rc;

	*buf = NULL;
	*len = 0;
	/* Look before opening: opening a FIFO waits for a writer, opening a device may act on
	 * it. The check after opening catches a file swapped in between. */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return err_set(err, path, 0, 0, "not a regular file (%s)", type_name(st.st_mode));
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return err_set(err, path, 0, 0, "cannot open: %s", strerror(errno));
	if (check_regular(fd, path, &st, err)) {
		close(fd);
		return -1;
	}
	/* The size can change under us: read_capped counts what it reads, not what stat said. */
	if ((uintmax_t)st.st_size > kinds[kind].max) {
		close(fd);
		return too_large(path, kind, err);
	}
	rc = read_capped(fd, path, kind, (size_t)st.st_size, buf, len, err);
	close(fd);
	return rc;
}

int fsio_read_file(const char *path, char **buf, size_t *len, struct wa_err *err)
{
	return fsio_read(path, FSIO_OTHER, buf, len, err);
}

/* Newly allocated directory part of path: "." when there is none. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	while (slash > path && slash[-1] == '/')
		slash--;
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

static const char *base_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

char *fsio_resolve(const char *path, struct wa_err *err)
{
	char *cur = xstrdup(path), *real;
	struct stat st;

	if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
		return cur;
	real = realpath(path, NULL);
	if (real) {
		free(cur);
		return real;
	}
	/* A dangling link: follow it by hand so saving creates the file it points to. */
	for (int hops = 0; lstat(cur, &st) == 0 && S_ISLNK(st.st_mode); hops++) {
		char target[PATH_MAX], *next, *dir;
		ssize_t n;

		if (hops >= MAX_LINK_HOPS) {
			err_set(err, path, 0, 0, "too many levels of symbolic links");
			free(cur);
			return NULL;
		}
		n = readlink(cur, target, sizeof(target) - 1);
		if (n < 0) {
			err_set(err, path, 0, 0, "cannot read link: %s", strerror(errno));
			free(cur);
			return NULL;
		}
		target[n] = '\0';
		if (target[0] == '/') {
			next = xstrdup(target);
		} else {
			dir = dir_of(cur);
			next = xasprintf("%s/%s", dir, target);
			free(dir);
		}
		free(cur);
		cur = next;
	}
	return cur;
}

static int write_all(int fd, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Whether name is one of our temporary files for base: ".BASE.tmpXXXXXX". */
static bool is_tmp_of(const char *name, const char *base)
{
	size_t bl = strlen(base), il = strlen(TMP_INFIX);

	return name[0] == '.' && strncmp(name + 1, base, bl) == 0 &&
	       strncmp(name + 1 + bl, TMP_INFIX, il) == 0 &&
	       strlen(name + 1 + bl + il) == TMP_RANDOM;
}

/* Removes temporary files left by writers that died (a crash, SIGKILL). A live writer
 * holds an flock on its temporary file, so one we can lock is abandoned. */
static void sweep_stale(const char *dir, const char *base)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d)
		return;
	while ((de = readdir(d))) {
		struct stat a, b;
		char *p;
		int fd;

		if (!is_tmp_of(de->d_name, base))
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		fd = open(p, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
		if (fd >= 0) {
			if (flock(fd, LOCK_EX | LOCK_NB) == 0 && fstat(fd, &a) == 0 &&
			    lstat(p, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
				unlink(p);
			close(fd);
		}
		free(p);
	}
	closedir(d);
}

/* Fills x with TMP_RANDOM characters of a fresh random name. */
static void random_name(char *x)
{
	static const char chars[] =
	        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	static unsigned long counter;
	unsigned char rnd[TMP_RANDOM];

	if (getrandom(rnd, sizeof(rnd), GRND_NONBLOCK) != (ssize_t)sizeof(rnd)) {
		/* No entropy yet (early boot): unique enough, and O_EXCL catches a clash. */
		struct timespec ts;
		unsigned long v;

		clock_gettime(CLOCK_REALTIME, &ts);
		v = (unsigned long)ts.tv_nsec ^ ((unsigned long)getpid() << 20) ^
		    (++counter * 2654435761UL);
		for (int i = 0; i < TMP_RANDOM; i++)
			rnd[i] = (unsigned char)(v >> (i * 6));
	}
	for (int i = 0; i < TMP_RANDOM; i++)
		x[i] = chars[rnd[i] % (sizeof(chars) - 1)];
}

/* Creates and locks a fresh temporary file beside base in dir, with permissions mode less
 * the umask: open(2) applies it, so the file never has wider permissions than it will
 * keep. Returns the fd and sets *tmp (newly allocated), or -1 with errno set. */
static int tmp_create(const char *dir, const char *base, mode_t mode, char **tmp)
{
	for (int tries = 0; tries < 64; tries++) {
		struct stat a, b;
		char *t = xasprintf("%s/.%s%s%*s", dir, base, TMP_INFIX, TMP_RANDOM, "");
		int fd;

		random_name(t + strlen(t) - TMP_RANDOM);
		fd = open(t, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
		if (fd < 0) {
			int e = errno;
			free(t);
			if (e == EEXIST)
				continue;
			errno = e;
			return -1;
		}
		/* A sweeper may have locked and removed it between open and flock: then the
		 * name no longer leads to our file, and we start again. */
		if (flock(fd, LOCK_EX) == 0 && fstat(fd, &a) == 0 && lstat(t, &b) == 0 &&
		    a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
			*tmp = t;
			return fd;
		}
		close(fd);
		free(t);
	}
	errno = EAGAIN;
	return -1;
}

/* Copies the file at from to to (mode `mode`), for file systems without hard links. */
static int copy_file(const char *from, const char *to, mode_t mode)
{
	char buf[65536];
	int in, out, rc = 0;
	ssize_t n;

	in = open(from, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return -1;
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, mode);
	if (out < 0) {
		close(in);
		return -1;
	}
	while ((n = read(in, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || write_all(out, buf, (size_t)n)) {
			rc = -1;
			break;
		}
	}
	if (close(out) != 0)
		rc = -1;
	close(in);
	return rc;
}

/* Keeps the current content of target as target~, replacing an older backup. The link is
 * made under a side name and renamed into place, so target~ is never missing or partial
 * even if we die half-way (a leftover target~.new is replaced by the next save). Returns 0
 * or -1 with errno set. */
static int keep_backup(const char *target, mode_t mode)
{
	char *bak = xasprintf("%s~", target), *side = xasprintf("%s~.new", target);
	int rc = 0, e = 0;

	if (unlink(side) != 0 && errno != ENOENT) {
		rc = -1;
	} else if (link(target, side) != 0) {
		if (errno == ENOENT)
			rc = 0; /* nothing to keep: the first save */
		else if (errno == EEXIST)
			rc = -1;
		else
			rc = copy_file(target, side, mode);
		if (rc == 0 && access(side, F_OK) == 0)
			rc = rename(side, bak);
	} else {
		rc = rename(side, bak);
	}
	e = errno;
	if (rc != 0)
		unlink(side);
	free(bak);
	free(side);
	errno = e;
	return rc;
}

static void sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	/* Best effort: the rename has happened; some file systems cannot sync directories. */
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

static int write_atomic(const char *path, const void *data, size_t len, mode_t mode, bool narrow,
                        struct wa_err *err)
{
	char *target, *dir, *tmp = NULL;
	const char *base, *what;
	mode_t final = mode;
	struct stat st;
	bool exists;
	int fd, e;

	target = fsio_resolve(path, err);
	if (!target)
		return -1;
	exists = stat(target, &st) == 0;
	if (exists && !S_ISREG(st.st_mode)) {
		free(target);
		return err_set(err, path, 0, 0, "not a regular file; not saved");
	}
	if (exists)
		final = st.st_mode & (narrow ? mode : 0777) & 0777;
	dir = dir_of(target);
	base = base_of(target);
	sweep_stale(dir, base);
	fd = tmp_create(dir, base, final, &tmp);
	if (fd < 0) {
		e = errno;
		err_set(err, path, 0, 0, "cannot create a temporary file in %s: %s", dir,
		        strerror(e));
		free(dir);
		free(target);
		return -1;
	}
	if (exists) {
		/* Keep the owner and group of the file we replace (root editing someone's
		 * review); not allowed for others (only root may give files away), and then
		 * the new file is simply ours. */
		if (fchown(fd, st.st_uid, st.st_gid) != 0) {
		}
		/* The user's permissions, even those the umask would not give a new file. */
		what = "cannot set permissions";
		if (fchmod(fd, final) != 0)
			goto fail;
	}
	what = "cannot write";
	if (write_all(fd, data, len) != 0)
		goto fail;
	what = "cannot sync to disk";
	if (fsync(fd) != 0)
		goto fail;
	what = "cannot write";
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	/* Narrowed: the old content, kept as the backup, gets no more than the new. */
	what = "cannot set permissions";
	if (exists && final != (st.st_mode & 0777) && chmod(target, final) != 0)
		goto fail;
	what = "cannot keep the previous version as a ~ backup";
	if (keep_backup(target, final) != 0)
		goto fail;
	what = "cannot replace the file";
	if (rename(tmp, target) != 0)
		goto fail;
	sync_dir(dir);
	free(tmp);
	free(dir);
	free(target);
	return 0;
fail:
	e = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	err_set(err, path, 0, 0, "%s: %s (the file is unchanged)", what, strerror(e));
	free(tmp);
	free(dir);
	free(target);
	return -1;
}

mode_t fsio_mode_within(const char *path, mode_t mode)
{
	struct stat st;

	if (!path || stat(path, &st) != 0)
		return mode;
	return mode & (0700 | (st.st_mode & 077));
}

int fsio_write_atomic(const char *path, const void *data, size_t len, mode_t mode,
                      struct wa_err *err)
{
	return write_atomic(path, data, len, mode, false, err);
}

int fsio_write_atomic_within(const char *path, const void *data, size_t len, mode_t mode,
                             struct wa_err *err)
{
	return write_atomic(path, data, len, mode, true, err);
}
