/* Whole-file reads, atomic saves with a ~ backup, and the editing lock. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "util/fsio.h"
#include "store/lock.h"
#include "util/xalloc.h"

/* Each test works in a fresh directory, removed (with its content) afterwards. */
struct fixture {
	char dir[64];
	char *path; /* DIR/review.yaml, not created */
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));

	snprintf(f->dir, sizeof(f->dir), "/tmp/wa-review-fsio-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	f->path = xasprintf("%s/review.yaml", f->dir);
	*state = f;
	return 0;
}

static void remove_tree(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d)
		return;
	while ((de = readdir(d))) {
		char *p;
		struct stat st;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
			chmod(p, 0700);
			remove_tree(p);
		} else {
			unlink(p);
		}
		free(p);
	}
	closedir(d);
	rmdir(dir);
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	chmod(f->dir, 0700);
	remove_tree(f->dir);
	free(f->path);
	free(f);
	return 0;
}

static void write_plain(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	chmod(path, mode);
}

static void assert_file(const char *path, const char *text)
{
	struct wa_err err;
	char *buf;
	size_t len;

	err_clear(&err);
	if (fsio_read_file(path, &buf, &len, &err) != 0)
		fail_msg("%s: %s", path, err.msg);
	assert_int_equal(len, strlen(text));
	assert_string_equal(buf, text);
	free(buf);
}

/* Names in dir that are not the listed ones (temporary files left behind, …). */
static int count_other_entries(const char *dir, const char *const *expected, size_t n)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int others = 0;

	assert_non_null(d);
	while ((de = readdir(d))) {
		size_t i;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		for (i = 0; i < n; i++)
			if (!strcmp(de->d_name, expected[i]))
				break;
		if (i == n) {
			fprintf(stderr, "unexpected entry: %s\n", de->d_name);
			others++;
		}
	}
	closedir(d);
	return others;
}

static void test_read_missing(void **state)
{
	struct fixture *f = *state;
	struct wa_err err;
	char *buf = (char *)1;
	size_t len = 7;

	err_clear(&err);
	assert_int_equal(fsio_read_file(f->path, &buf, &len, &err), -1);
	assert_null(buf);
	assert_int_equal(len, 0);
	assert_string_equal(err.where, f->path);
	assert_string_equal(err.msg, "cannot open: No such file or directory");
}

static void test_read_directory(void **state)
{
	struct fixture *f = *state;
	struct wa_err err;
	char *buf;
	size_t len;

	assert_int_equal(fsio_read_file(f->dir, &buf, &len, &err), -1);
	assert_string_equal(err.where, f->dir);
	assert_string_equal(err.msg, "not a regular file (a directory)");
}

/* A FIFO given as a file is refused at once: opening it would wait for a writer forever.
 * The alarm turns a hang into a failure. */
static void test_read_fifo(void **state)
{
	struct fixture *f = *state;
	struct wa_err err;
	char *buf;
	size_t len;

	assert_int_equal(mkfifo(f->path, 0600), 0);
	alarm(10);
	assert_int_equal(fsio_read(f->path, FSIO_REVIEW, &buf, &len, &err), -1);
	alarm(0);
	assert_null(buf);
	assert_string_equal(err.where, f->path);
	assert_string_equal(err.msg, "not a regular file (a FIFO)");
}

/* A device that never ends is refused by its type, before a byte is read. */
static void test_read_device(void **state)
{
	struct wa_err err;
	char *buf;
	size_t len;
	(void)state;

	assert_int_equal(fsio_read("/dev/zero", FSIO_JSON, &buf, &len, &err), -1);
	assert_string_equal(err.msg, "not a regular file (a character device)");
}

/* Each kind of file has its cap, named in the error; a file exactly at the cap is read. */
static void test_read_too_large(void **state)
{
	struct fixture *f = *state;
	struct wa_err err;
	char *buf;
	size_t len;
	int fd = open(f->path, O_WRONLY | O_CREAT, 0600);

	/* Sparse files: cost no disk space. */
	assert_int_equal(ftruncate(fd, (off_t)fsio_cap(FSIO_THEME) + 1), 0);
	close(fd);
	assert_int_equal(fsio_read(f->path, FSIO_THEME, &buf, &len, &err), -1);
	assert_null(buf);
	assert_string_equal(err.where, f->path);
	assert_string_equal(err.msg, "too large: over the 1 MiB limit for a theme file");
	assert_int_equal(truncate(f->path, (off_t)fsio_cap(FSIO_THEME)), 0);
	assert_int_equal(fsio_read(f->path, FSIO_THEME, &buf, &len, &err), 0);
	assert_int_equal(len, fsio_cap(FSIO_THEME));
	free(buf);

	assert_int_equal(truncate(f->path, (off_t)fsio_cap(FSIO_REVIEW) + 1), 0);
	assert_int_equal(fsio_read(f->path, FSIO_REVIEW, &buf, &len, &err), -1);
	assert_string_equal(err.msg, "too large: over the 64 MiB limit for a review file");
	assert_int_equal(fsio_read(f->path, FSIO_QUESTIONS, &buf, &len, &err), -1);
	assert_string_equal(err.msg, "too large: over the 8 MiB limit for a question set file");
}

/* A stream is read up to its kind's cap and no further: one byte more is refused, and an
 * endless one (/dev/zero on standard input) stops at the cap. */
static void test_read_fd_capped(void **state)
{
	size_t cap = fsio_cap(FSIO_LOCK);
	char *data = xmalloc(cap + 1), *buf;
	struct wa_err err;
	size_t len;
	int p[2], fd;
	(void)state;

	memset(data, 'x', cap + 1);
	for (size_t n = cap; n <= cap + 1; n++) {
		assert_int_equal(pipe(p), 0);
		assert_int_equal(write(p[1], data, n), (ssize_t)n);
		close(p[1]);
		err_clear(&err);
		if (n == cap) {
			assert_int_equal(fsio_read_fd(p[0], "<stdin>", FSIO_LOCK, &buf, &len, &err),
			                 0);
			assert_int_equal(len, cap);
			assert_int_equal(buf[cap], '\0');
			free(buf);
		} else {
			assert_int_equal(fsio_read_fd(p[0], "<stdin>", FSIO_LOCK, &buf, &len, &err),
			                 -1);
			assert_null(buf);
			assert_string_equal(err.where, "<stdin>");
			assert_string_equal(err.msg,
			                    "too large: over the 4 KiB limit for a lock file");
		}
		close(p[0]);
	}
	fd = open("/dev/zero", O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(fsio_read_fd(fd, "<stdin>", FSIO_PARAMS, &buf, &len, &err), -1);
	assert_string_equal(err.msg, "too large: over the 1 MiB limit for request parameters");
	close(fd);
	free(data);
}

static void test_read_ok(void **state)
{
	struct fixture *f = *state;

	write_plain(f->path, "schema: 1\n", 0644);
	assert_file(f->path, "schema: 1\n");
	write_plain(f->path, "", 0644);
	assert_file(f->path, "");
}

static void test_write_new_file(void **state)
{
	struct fixture *f = *state;
	struct wa_err err;
	struct stat st;
	mode_t old = umask(0);

	err_clear(&err);
	assert_int_equal(fsio_write_atomic(f->path, "one\n", 4, 0600, &err), 0);
	umask(old);
	assert_file(f->path, "one\n");
	assert_int_equal(stat(f->path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	/* Nothing to back up on the first save, and no temporary file left. */
	assert_int_equal(count_other_entries(f->dir, (const char *const[]){ "review.yaml" }, 1), 0);
}

static void test_write_keeps_backup(void **state)
{
	struct fixture *f = *state;
	struct wa_err err;
	struct stat st;
	char *bak = xasprintf("%s~", f->path);

	write_plain(f->path, "version 1\n", 0644);
	assert_int_equal(fsio_write_atomic(f->path, "version 2\n", 10, 0600, &err), 0);
	assert_file(f->path, "version 2\n");
	assert_file(bak, "version 1\n");
	/* The user's permissions stay. */
	assert_int_equal(stat(f->path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);
	assert_int_equal(fsio_write_atomic(f->path, "version 3\n", 10, 0600, &err), 0);
	assert_file(f->path, "version 3\n");
	assert_file(bak, "version 2\n");
	assert_int_equal(count_other_entries(
	                         f->dir, (const char *const[]){ "review.yaml", "review.yaml~" }, 2),
	                 0);
	free(bak);
}

static mode_t mode_of(const char *path)
{
	struct stat st;

	assert_int_equal(stat(path, &st), 0);
	return st.st_mode & 07777;
}

/* A new file gets the mode less the umask; an existing one keeps the user's mode, even one
 * the umask would not give and even a read-only one. */
static void test_write_modes(void **state)
{
	struct fixture *f = *state;
	struct wa_err err;
	mode_t old = umask(077);

	assert_int_equal(fsio_write_atomic(f->path, "a\n", 2, 0644, &err), 0);
	assert_int_equal(mode_of(f->path), 0600);
	assert_int_equal(unlink(f->path), 0);
	umask(022);
	assert_int_equal(fsio_write_atomic(f->path, "a\n", 2, 0640, &err), 0);
	assert_int_equal(mode_of(f->path), 0640);
	umask(077);
	for (size_t i = 0; i < 3; i++) {
		static const mode_t kept[] = { 0400, 0640, 0644 };
		assert_int_equal(chmod(f->path, kept[i]), 0);
		assert_int_equal(fsio_write_atomic(f->path, "b\n", 2, 0600, &err), 0);
		assert_int_equal(mode_of(f->path), kept[i]);
	}
	umask(old);
	assert_file(f->path, "b\n");
}

/* A report is never more open than asked: an existing one is narrowed, its backup too. */
static void test_write_within(void **state)
{
	struct fixture *f = *state;
	char *bak = xasprintf("%s~", f->path);
	struct wa_err err;
	mode_t old = umask(022);

	write_plain(f->path, "old report\n", 0644);
	assert_int_equal(fsio_write_atomic_within(f->path, "new\n", 4, 0600, &err), 0);
	assert_int_equal(mode_of(f->path), 0600);
	assert_int_equal(mode_of(bak), 0600);
	assert_file(bak, "old report\n");
	/* Narrower than asked stays narrower. */
	assert_int_equal(chmod(f->path, 0400), 0);
	assert_int_equal(fsio_write_atomic_within(f->path, "newer\n", 6, 0644, &err), 0);
	assert_int_equal(mode_of(f->path), 0400);
	assert_int_equal(unlink(f->path), 0);
	umask(077);
	assert_int_equal(fsio_write_atomic_within(f->path, "x\n", 2, 0644, &err), 0);
	assert_int_equal(mode_of(f->path), 0600);
	umask(old);
	free(bak);
}

/* The mode of a report made from a review: group and others only as the review allows. */
static void test_mode_within(void **state)
{
	struct fixture *f = *state;
	static const mode_t cases[][2] = {
		{ 0600, 0600 }, { 0640, 0640 }, { 0644, 0644 }, { 0400, 0600 }, { 0604, 0604 },
	};

	write_plain(f->path, "review\n", 0600);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(chmod(f->path, cases[i][0]), 0);
		assert_int_equal(fsio_mode_within(f->path, 0644), cases[i][1]);
	}
	assert_int_equal(fsio_mode_within(NULL, 0644), 0644);
}

/* As root, saving someone else's review leaves it theirs. */
static void test_write_keeps_owner(void **state)
{
	struct fixture *f = *state;
	struct wa_err err;
	struct stat st;

	if (geteuid() != 0)
		skip();
	write_plain(f->path, "theirs\n", 0600);
	assert_int_equal(chown(f->path, 65534, 65534), 0);
	assert_int_equal(fsio_write_atomic(f->path, "edited\n", 7, 0600, &err), 0);
	assert_int_equal(stat(f->path, &st), 0);
	assert_int_equal(st.st_uid, 65534);
	assert_int_equal(st.st_gid, 65534);
	assert_file(f->path, "edited\n");
}

static void test_write_missing_directory(void **state)
{
	struct fixture *f = *state;
	struct wa_err err;
	char *path = xasprintf("%s/no/such/dir/review.yaml", f->dir);

	err_clear(&err);
	assert_int_equal(fsio_write_atomic(path, "x", 1, 0600, &err), -1);
	assert_string_equal(err.where, path);
	assert_non_null(strstr(err.msg, "No such file or directory"));
	assert_non_null(strstr(err.msg, "/no/such/dir"));
	assert_int_equal(count_other_entries(f->dir, NULL, 0), 0);
	free(path);
}

/* Failing after the temporary file was written: the old file stays, the temp goes. */
static void test_write_failure_after_temp(void **state)
{
	struct fixture *f = *state;
	struct wa_err err;
	char *bak = xasprintf("%s~", f->path), *inside = xasprintf("%s/keep", bak);

	write_plain(f->path, "old content\n", 0600);
	/* A non-empty directory where the backup goes cannot be replaced. */
	assert_int_equal(mkdir(bak, 0700), 0);
	write_plain(inside, "x", 0600);
	err_clear(&err);
	assert_int_equal(fsio_write_atomic(f->path, "new content\n", 12, 0600, &err), -1);
	assert_string_equal(err.where, f->path);
	assert_non_null(strstr(err.msg, "the file is unchanged"));
	assert_file(f->path, "old content\n");
	assert_int_equal(count_other_entries(
	                         f->dir, (const char *const[]){ "review.yaml", "review.yaml~" }, 2),
	                 0);
	free(inside);
	free(bak);
}

/* A write that fails half-way (file size limit): the old file stays whole. */
static void test_write_failure_mid_write(void **state)
{
	struct fixture *f = *state;
	size_t big = 1 << 20;
	char *data = xmalloc(big);
	int status;
	pid_t pid;

	memset(data, 'y', big);
	write_plain(f->path, "old content\n", 0600);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct rlimit rl = { 4096, 4096 };
		struct wa_err err;

		signal(SIGXFSZ, SIG_IGN);
		setrlimit(RLIMIT_FSIZE, &rl);
		if (fsio_write_atomic(f->path, data, big, 0600, &err) != -1)
			_exit(1);
		_exit(strstr(err.msg, "cannot write: File too large") ? 0 : 2);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_file(f->path, "old content\n");
	assert_int_equal(count_other_entries(f->dir, (const char *const[]){ "review.yaml" }, 1), 0);
	free(data);
}

/* A directory the user may not write to (as root: run the save as "nobody"). */
static void test_write_unwritable_directory(void **state)
{
	struct fixture *f = *state;
	int status;
	pid_t pid;

	write_plain(f->path, "old content\n", 0644);
	assert_int_equal(chmod(f->dir, 0755), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct wa_err err;

		if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
			_exit(3);
		if (chmod(f->dir, 0555) != 0 && errno != EPERM)
			_exit(4);
		if (fsio_write_atomic(f->path, "new\n", 4, 0600, &err) != -1)
			_exit(1);
		_exit(strstr(err.msg, "Permission denied") ? 0 : 2);
	}
	if (geteuid() != 0)
		assert_int_equal(chmod(f->dir, 0555), 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	chmod(f->dir, 0700);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_file(f->path, "old content\n");
	assert_int_equal(count_other_entries(f->dir, (const char *const[]){ "review.yaml" }, 1), 0);
}

static void test_write_refuses_directory(void **state)
{
	struct fixture *f = *state;
	struct wa_err err;

	assert_int_equal(mkdir(f->path, 0700), 0);
	assert_int_equal(fsio_write_atomic(f->path, "x", 1, 0600, &err), -1);
	assert_non_null(strstr(err.msg, "not a regular file"));
	assert_int_equal(count_other_entries(f->dir, (const char *const[]){ "review.yaml" }, 1), 0);
}

/* A symlinked review: the link stays a link and its target gets the new content. */
static void test_write_through_symlink(void **state)
{
	struct fixture *f = *state;
	char *real = xasprintf("%s/real.yaml", f->dir), *bak = xasprintf("%s~", real);
	struct wa_err err;
	struct stat st;

	write_plain(real, "old\n", 0600);
	assert_int_equal(symlink("real.yaml", f->path), 0);
	assert_int_equal(fsio_write_atomic(f->path, "new\n", 4, 0600, &err), 0);
	assert_int_equal(lstat(f->path, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_file(real, "new\n");
	assert_file(bak, "old\n");
	free(real);
	free(bak);
}

static void test_write_through_dangling_symlink(void **state)
{
	struct fixture *f = *state;
	char *real = xasprintf("%s/later.yaml", f->dir);
	struct wa_err err;
	struct stat st;

	assert_int_equal(symlink("later.yaml", f->path), 0);
	assert_int_equal(fsio_write_atomic(f->path, "first\n", 6, 0600, &err), 0);
	assert_int_equal(lstat(f->path, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_file(real, "first\n");
	free(real);
}

/* Temporary files of writers that were killed are swept; a live writer's one is not. */
static void test_write_sweeps_stale_temps(void **state)
{
	struct fixture *f = *state;
	char *stale = xasprintf("%s/.review.yaml.tmpAbC123", f->dir);
	char *live = xasprintf("%s/.review.yaml.tmpZzZ999", f->dir);
	char *other = xasprintf("%s/.other.yaml.tmpAbC123", f->dir);
	struct wa_err err;
	int fd;

	write_plain(stale, "half a file", 0600);
	write_plain(other, "someone else's", 0600);
	write_plain(live, "being written", 0600);
	fd = open(live, O_RDONLY);
	assert_int_equal(flock(fd, LOCK_EX), 0);
	assert_int_equal(fsio_write_atomic(f->path, "x\n", 2, 0600, &err), 0);
	assert_int_equal(access(stale, F_OK), -1);
	assert_int_equal(access(live, F_OK), 0);
	assert_int_equal(access(other, F_OK), 0);
	close(fd);
	free(stale);
	free(live);
	free(other);
}

/* ---- lock ---- */

/* Runs review_lock_acquire(path) in a child process; returns its exit status: 0 when
 * refused with exactly `msg`, 10 when it got the lock, other values on surprises. */
static int child_acquire(const char *path, const char *msg)
{
	int status;
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (pid == 0) {
		struct review_lock *lk;
		struct wa_err err;

		err_clear(&err);
		if (review_lock_acquire(path, &lk, &err) == 0) {
			review_lock_release(lk);
			_exit(10);
		}
		if (lk != NULL)
			_exit(3);
		if (strcmp(err.msg, msg) != 0) {
			fprintf(stderr, "got    '%s'\nwanted '%s'\n", err.msg, msg);
			_exit(2);
		}
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

static char *busy_message(const char *path)
{
	char host[256] = "";

	gethostname(host, sizeof(host) - 1);
	return xasprintf("%s is being edited by another wa-review (pid %ld on %s); close it first",
	                 path, (long)getpid(), host);
}

static void test_lock_refuses_second(void **state)
{
	struct fixture *f = *state;
	struct review_lock *lk;
	struct wa_err err;
	char *msg = busy_message(f->path), *lock_path = xasprintf("%s.lock", f->path);
	struct stat st;

	err_clear(&err);
	assert_int_equal(review_lock_acquire(f->path, &lk, &err), 0);
	assert_non_null(lk);
	assert_int_equal(stat(lock_path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(child_acquire(f->path, msg), 0);
	/* Still refused a second time, and still ours afterwards. */
	assert_int_equal(child_acquire(f->path, msg), 0);
	review_lock_release(lk);
	assert_int_equal(access(lock_path, F_OK), -1);
	assert_int_equal(child_acquire(f->path, msg), 10);
	assert_int_equal(review_lock_acquire(f->path, &lk, &err), 0);
	review_lock_release(lk);
	free(msg);
	free(lock_path);
}

static void test_lock_same_process_twice(void **state)
{
	struct fixture *f = *state;
	struct review_lock *a, *b = (struct review_lock *)1;
	struct wa_err err;
	char *msg = busy_message(f->path);

	assert_int_equal(review_lock_acquire(f->path, &a, &err), 0);
	assert_int_equal(review_lock_acquire(f->path, &b, &err), -1);
	assert_null(b);
	assert_string_equal(err.msg, msg);
	review_lock_release(a);
	free(msg);
}

static void test_lock_stale_file(void **state)
{
	struct fixture *f = *state;
	char *lock_path = xasprintf("%s.lock", f->path), *buf, want[300], host[256] = "";
	struct review_lock *lk;
	struct wa_err err;
	size_t len;

	/* Left by a wa-review that crashed: nobody holds an flock on it. */
	write_plain(lock_path, "99999 crashed-host\n", 0600);
	err_clear(&err);
	assert_int_equal(review_lock_acquire(f->path, &lk, &err), 0);
	gethostname(host, sizeof(host) - 1);
	snprintf(want, sizeof(want), "%ld %s\n", (long)getpid(), host);
	assert_int_equal(fsio_read_file(lock_path, &buf, &len, &err), 0);
	assert_string_equal(buf, want);
	free(buf);
	review_lock_release(lk);
	free(lock_path);
}

static void test_lock_through_symlink(void **state)
{
	struct fixture *f = *state;
	char *real = xasprintf("%s/real.yaml", f->dir), *msg = busy_message(f->path);
	struct review_lock *lk;
	struct wa_err err;

	write_plain(real, "x", 0600);
	assert_int_equal(symlink("real.yaml", f->path), 0);
	assert_int_equal(review_lock_acquire(real, &lk, &err), 0);
	/* The link names the same review: same lock. */
	assert_int_equal(child_acquire(f->path, msg), 0);
	review_lock_release(lk);
	free(real);
	free(msg);
}

static void test_lock_unwritable(void **state)
{
	struct fixture *f = *state;
	char *path = xasprintf("%s/missing/review.yaml", f->dir);
	struct review_lock *lk;
	struct wa_err err;

	assert_int_equal(review_lock_acquire(path, &lk, &err), -1);
	assert_null(lk);
	assert_string_equal(err.where, path);
	assert_non_null(strstr(err.msg, "cannot create the lock file"));
	assert_non_null(strstr(err.msg, "No such file or directory"));
	free(path);
}

/* A FIFO planted as the lock file is refused at once, naming it. */
static void test_lock_fifo(void **state)
{
	struct fixture *f = *state;
	char *lock_path = xasprintf("%s.lock", f->path);
	struct review_lock *lk;
	struct wa_err err;

	assert_int_equal(mkfifo(lock_path, 0600), 0);
	alarm(10);
	assert_int_equal(review_lock_acquire(f->path, &lk, &err), -1);
	alarm(0);
	assert_null(lk);
	assert_string_equal(err.where, lock_path);
	assert_string_equal(err.msg, "not a regular file (a FIFO)");
	free(lock_path);
}

/* What a holder wrote is read no further than a lock file's cap: a huge one only loses the
 * details. */
static void test_lock_huge_holder_info(void **state)
{
	struct fixture *f = *state;
	char *lock_path = xasprintf("%s.lock", f->path), *msg;
	struct review_lock *lk;
	struct wa_err err;
	int fd;

	write_plain(lock_path, "123 host\n", 0600);
	assert_int_equal(truncate(lock_path, (off_t)fsio_cap(FSIO_LOCK) + 1), 0);
	fd = open(lock_path, O_RDWR);
	assert_int_equal(flock(fd, LOCK_EX), 0);
	assert_int_equal(review_lock_acquire(f->path, &lk, &err), -1);
	msg = xasprintf("%s is being edited by another wa-review; close it first", f->path);
	assert_string_equal(err.msg, msg);
	/* Within the cap, the holder is named. */
	assert_int_equal(truncate(lock_path, 9), 0);
	assert_int_equal(review_lock_acquire(f->path, &lk, &err), -1);
	assert_non_null(strstr(err.msg, "(pid 123 on host)"));
	close(fd);
	free(msg);
	free(lock_path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_read_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_directory, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_fifo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_device, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_too_large, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_fd_capped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_ok, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_new_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_keeps_backup, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_modes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_within, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mode_within, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_keeps_owner, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_missing_directory, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_failure_after_temp, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_failure_mid_write, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_unwritable_directory, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_refuses_directory, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_through_symlink, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_through_dangling_symlink, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_write_sweeps_stale_temps, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lock_refuses_second, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lock_same_process_twice, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lock_stale_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lock_through_symlink, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lock_unwritable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lock_fifo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lock_huge_holder_info, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
