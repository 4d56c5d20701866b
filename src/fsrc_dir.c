/* fsrc_dir.c - the real filesystem as a file source. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "strata/buf.h"
#include "strata/fsrc.h"
#include "strata/strtab.h"

typedef struct dirsrc {
	fsrc base;
	char *abs;     /* realpath of the root, no trailing slash ("" for /) */
	char *fence;   /* realpath of the boundary, the same form */
	size_t max_size;
	bool stable;  /* fsrc_dir_opts.stable: the shards' modes are used */
	/* realpath of directories already seen: every file of a directory
	 * then costs one lstat instead of a readlink per path component.
	 * Build and render threads share the source; the tables are split
	 * by path into shards, each with its lock, held for a lookup or an
	 * insertion only (never a system call), so that threads reading
	 * different files seldom wait for each other. */
	struct shard {
		pthread_mutex_t lock;
		strtab dirs;  /* directory -> its realpath (malloc'd) */
		strtab modes; /* path -> what lstat said (struct seen, malloc'd) */
	} shard[16];
} dirsrc;

static struct shard *shard_of(dirsrc *d, const char *path)
{
	uint32_t h = 2166136261u;
	for (const unsigned char *p = (const unsigned char *)path; *p; p++)
		h = (h ^ *p) * 16777619u;
	return &d->shard[h % (sizeof d->shard / sizeof *d->shard)];
}

/* One lstat's answer. */
struct seen {
	int err;      /* errno, or 0 */
	mode_t mode;
	off_t size;
};

/* real/base (real is a real directory, "/" included); malloc'd. */
static char *join_real(const char *real, const char *base)
{
	buf b = BUF_INIT;
	buf_adds(&b, real);
	if (strcmp(real, "/"))
		buf_addc(&b, '/');
	buf_adds(&b, base);
	return buf_detach(&b, NULL);
}

static const char *real_dir_cached(dirsrc *d, const char *dir);

/* The remembered real path of directory dir, or NULL; the string stays
 * the table's until the source is closed. */
static const char *dir_known(dirsrc *d, const char *dir)
{
	struct shard *sh = shard_of(d, dir);
	pthread_mutex_lock(&sh->lock);
	strtab_ent *hit = strtab_find(&sh->dirs, dir);
	const char *known = hit ? hit->val : NULL;
	pthread_mutex_unlock(&sh->lock);
	return known;
}

/* dir's real path from its parent's (cached) when dir itself is a plain
 * directory: one lstat instead of a readlink per component.  NULL when
 * realpath has to decide. */
static char *real_from_parent(dirsrc *d, const char *dir)
{
	const char *slash = strrchr(dir, '/');
	const char *base = slash ? slash + 1 : dir;
	if (!slash || slash == dir || !*base || !strcmp(base, ".") || !strcmp(base, ".."))
		return NULL;
	struct stat st;
	if (lstat(dir, &st) || !S_ISDIR(st.st_mode))
		return NULL;
	char *parent = strndup(dir, (size_t)(slash - dir));
	const char *rp = parent ? real_dir_cached(d, parent) : NULL;
	free(parent);
	return rp ? join_real(rp, base) : NULL;
}

/* realpath(dir), remembered; NULL with errno set.  The string stays the
 * table's until the source is closed.  Two threads missing at once both
 * work it out; the first to insert wins. */
static const char *real_dir_cached(dirsrc *d, const char *dir)
{
	const char *known = dir_known(d, dir);
	if (known)
		return known;
	char *r = real_from_parent(d, dir);
	if (!r)
		r = realpath(dir, NULL);
	if (!r)
		return NULL;
	struct shard *sh = shard_of(d, dir);
	pthread_mutex_lock(&sh->lock);
	strtab_ent *e = strtab_add(&sh->dirs, dir);
	if (e && !e->val)
		e->val = r, r = NULL;
	const char *kept = e ? e->val : NULL;
	pthread_mutex_unlock(&sh->lock);
	free(r);
	if (!kept)
		errno = ENOMEM;
	return kept;
}

/* f's real path if its last component is no symlink: its directory's real
 * path (cached) plus that name.  NULL when that cannot be known so. */
static char *real_parent_join(dirsrc *d, const char *f)
{
	const char *slash = strrchr(f, '/');
	const char *base = slash ? slash + 1 : f;
	if (!slash || !*base || !strcmp(base, ".") || !strcmp(base, ".."))
		return NULL;
	char *dir = strndup(f, (size_t)(slash - f) + (slash == f));
	if (!dir)
		return NULL;
	const char *rd = real_dir_cached(d, dir);
	char *r = rd ? join_real(rd, base) : NULL;
	int saved = errno;
	free(dir);
	errno = saved;
	return r;
}

/* What lstat said of f earlier, when the tree is stable; false if unknown. */
static bool seen_before(dirsrc *d, const char *f, struct seen *out)
{
	if (!d->stable)
		return false;
	struct shard *sh = shard_of(d, f);
	pthread_mutex_lock(&sh->lock);
	strtab_ent *hit = strtab_find(&sh->modes, f);
	if (hit)
		*out = *(struct seen *)hit->val;
	pthread_mutex_unlock(&sh->lock);
	return hit != NULL;
}

/* lstat(f): its st_mode, or -1 with errno set; remembered per path when
 * the tree is stable.  Every file is looked at twice (its type, then
 * whether it is a symlink) before it is opened, and read knows its size
 * from it. */
static int lstat_mode(dirsrc *d, const char *f, mode_t *mode)
{
	struct seen s;
	if (!seen_before(d, f, &s)) {
		struct stat st;
		s = lstat(f, &st) ? (struct seen){errno, 0, 0}
				  : (struct seen){0, st.st_mode, st.st_size};
		struct seen *keep = d->stable ? malloc(sizeof *keep) : NULL;
		if (keep) {
			*keep = s;
			struct shard *sh = shard_of(d, f);
			pthread_mutex_lock(&sh->lock);
			strtab_ent *ent = strtab_add(&sh->modes, f);
			if (ent && !ent->val)
				ent->val = keep, keep = NULL;
			pthread_mutex_unlock(&sh->lock);
			free(keep);
		}
	}
	if (s.err) {
		errno = s.err;
		return -1;
	}
	*mode = s.mode;
	return 0;
}

/* realpath(f) through the directory cache: when f's last component is
 * not a symlink, its real path is its real directory's plus that name;
 * a directory's is remembered too. */
static char *real_path(dirsrc *d, const char *f)
{
	const char *found = dir_known(d, f);
	if (found)
		return strdup(found);
	mode_t mode;
	if (lstat_mode(d, f, &mode))
		return NULL;
	if (S_ISLNK(mode))
		return realpath(f, NULL);
	char *r = real_parent_join(d, f);
	if (!r)
		return realpath(f, NULL);
	if (S_ISDIR(mode))
		real_dir_cached(d, f);
	return r;
}

static bool inside(const char *real, const char *dir)
{
	size_t l = strlen(dir);
	return !strncmp(real, dir, l) && (real[l] == 0 || real[l] == '/');
}

/* f (malloc'd, taken over) with every symlink resolved when that lies
 * inside the fence, else NULL with e set: what is opened is what was
 * checked.  With no fence ("/") f itself, as there is nothing to check. */
static char *confine(dirsrc *d, char *f, err *e)
{
	if (!d->fence[0])
		return f;
	char *r = real_path(d, f);
	if (!r)
		err_set(e, "%s: %s", f, strerror(errno));
	free(f);
	if (!r)
		return NULL;
	if (!inside(r, d->fence)) {
		err_set(e, "'%s' lies outside the repository root '%s' (through a symlink); "
			   "strata opens nothing outside it",
			r, d->fence);
		free(r);
		return NULL;
	}
	return r;
}

/* A regular file only: a FIFO or device would block or never end.
 * *size: what it holds (0 for /proc-style files).  known: what lstat said
 * of the name opened with O_NOFOLLOW, in a stable tree (no fstat then);
 * NULL: ask the open file. */
static int check_file(dirsrc *d, int fd, const char *f, const struct seen *known,
		      size_t *size, err *e)
{
	struct stat st;
	if (known) {
		st.st_mode = known->mode;
		st.st_size = known->size;
	} else if (fstat(fd, &st)) {
		return err_set(e, "%s: cannot read: %s", f, strerror(errno));
	}
	if (!S_ISREG(st.st_mode))
		return err_set(e, "%s: not a regular file; only plain files can be read", f);
	if (d->max_size && (unsigned long long)st.st_size > d->max_size)
		return err_set(e, "%s: file is %lld bytes, over the limit of %zu bytes; raise it "
				  "with --max-file-size BYTES",
			       f, (long long)st.st_size, d->max_size);
	*size = (size_t)st.st_size;
	return 0;
}

/* The whole of fd (size bytes by fstat) into a malloc'd, NUL-terminated
 * block.  A plain file that gives exactly its size in a read asking for
 * more is at its end: one read, not a second one for the end; a file
 * that grew, or says it is empty, is read until read says so. */
static int read_all(dirsrc *d, int fd, const char *f, size_t size, char **data, size_t *len,
		    err *e)
{
	size_t cap = size + 2, n = 0;
	char *p = malloc(cap);
	if (!p)
		abort();
	for (;;) {
		if (cap - n < 2) {
			cap = cap * 2 + 4096;
			char *q = realloc(p, cap);
			if (!q)
				abort();
			p = q;
		}
		size_t want = cap - n - 1;
		ssize_t r = read(fd, p + n, want);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			free(p);
			return err_set(e, "%s: cannot read: %s", f, strerror(errno));
		}
		n += (size_t)r;
		if (d->max_size && n > d->max_size) {
			/* it grew while being read, or is a /proc-style file */
			free(p);
			return err_set(e, "%s: file is over the limit of %zu bytes; raise it with "
					  "--max-file-size BYTES",
				       f, d->max_size);
		}
		if (r == 0 || (size && n == size && (size_t)r < want))
			break;
	}
	p[n] = 0;
	*data = p;
	*len = n;
	return 0;
}

static char *full(dirsrc *d, const char *path)
{
	buf b = BUF_INIT;
	buf_adds(&b, d->abs);
	buf_addc(&b, '/');
	buf_adds(&b, path);
	return buf_detach(&b, NULL);
}

/* stat(): lstat's answer unless the name is a symlink, which stat follows
 * (a name lstat cannot find, stat cannot either). */
static fsrc_type dir_stat(fsrc *s, const char *path)
{
	dirsrc *d = (dirsrc *)s;
	char *f = full(d, path);
	mode_t mode;
	int rc = lstat_mode(d, f, &mode);
	struct stat st;
	if (!rc && S_ISLNK(mode)) {
		rc = stat(f, &st);
		mode = st.st_mode;
	}
	free(f);
	if (rc)
		return FSRC_MISSING;
	return S_ISDIR(mode) ? FSRC_DIR : FSRC_FILE;
}

/* Opens path's real file when its name is no symlink (O_NOFOLLOW says so
 * in the same call): no lstat, no readlink per component.  -1 otherwise,
 * for confine() to sort out. */
static int open_direct(dirsrc *d, const char *path, char **real, struct seen *seen,
		       bool *known)
{
	*known = false;
	if (!d->fence[0])
		return -1;
	char *f = full(d, path);
	char *r = real_parent_join(d, f);
	/* A plain file lstat saw, opened without following a link: the same
	 * file in a stable tree. */
	*known = seen_before(d, f, seen) && !seen->err && S_ISREG(seen->mode);
	free(f);
	int fd = r && inside(r, d->fence)
			 ? open(r, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW)
			 : -1;
	if (fd < 0) {
		free(r);
		*known = false;
		return -1;
	}
	*real = r;
	return fd;
}

static int dir_read(fsrc *s, const char *path, char **data, size_t *len, err *e)
{
	dirsrc *d = (dirsrc *)s;
	char *f = NULL;
	struct seen seen;
	bool known;
	int fd = open_direct(d, path, &f, &seen, &known);
	if (fd < 0 && !(f = confine(d, full(d, path), e)))
		return -1;
	if (fd < 0) {
		/* Without a fence f is the name itself, as lstat saw it. */
		known = !d->fence[0] && seen_before(d, f, &seen) && !seen.err &&
			S_ISREG(seen.mode);
		fd = open(f, O_RDONLY | O_CLOEXEC | O_NONBLOCK | (known ? O_NOFOLLOW : 0));
		if (fd < 0 && known) {
			known = false;
			fd = open(f, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
		}
	}
	if (fd < 0) {
		err_set(e, "%s: cannot open: %s", f, strerror(errno));
		free(f);
		return -1;
	}
	size_t size = 0;
	int rc = check_file(d, fd, f, known ? &seen : NULL, &size, e)
			 ? -1
			 : read_all(d, fd, f, size, data, len, e);
	close(fd);
	free(f);
	return rc;
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static int dir_list(fsrc *s, const char *path, char ***names, size_t *n, err *e)
{
	dirsrc *d = (dirsrc *)s;
	char *f = confine(d, full(d, path), e);
	if (!f)
		return -1;
	DIR *dh = opendir(f);
	if (!dh) {
		err_set(e, "%s: cannot list directory: %s", f, strerror(errno));
		free(f);
		return -1;
	}
	size_t cap = 16, cnt = 0;
	char **v = malloc(cap * sizeof *v);
	struct dirent *de;
	while ((de = readdir(dh))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (cnt == cap) {
			cap *= 2;
			v = realloc(v, cap * sizeof *v);
		}
		v[cnt++] = strdup(de->d_name);
	}
	closedir(dh);
	free(f);
	qsort(v, cnt, sizeof *v, cmp_str);
	*names = v;
	*n = cnt;
	return 0;
}

static int dir_resolve(fsrc *s, const char *path, char **out, err *e)
{
	dirsrc *d = (dirsrc *)s;
	char *f = full(d, path);
	char *r = real_path(d, f);
	if (!r) {
		err_set(e, "%s: %s", f, strerror(errno));
		free(f);
		return -1;
	}
	free(f);
	if (!inside(r, d->fence)) {
		err_set(e, "'%s' lies outside the repository root '%s', and strata reads "
			   "nothing outside it",
			r, d->fence[0] ? d->fence : "/");
		free(r);
		return -1;
	}
	const char *rel = r + strlen(d->abs);
	while (*rel == '/')
		rel++;
	*out = strdup(rel);
	free(r);
	return 0;
}

static void dir_close(fsrc *s)
{
	dirsrc *d = (dirsrc *)s;
	for (size_t i = 0; i < sizeof d->shard / sizeof *d->shard; i++) {
		strtab_free(&d->shard[i].dirs, free);
		strtab_free(&d->shard[i].modes, free);
		pthread_mutex_destroy(&d->shard[i].lock);
	}
	free(d->abs);
	free(d->fence);
	free(d->base.root);
	free(d);
}

static const struct fsrc_ops dir_ops = {
	.stat = dir_stat,
	.read = dir_read,
	.list = dir_list,
	.resolve = dir_resolve,
	.close = dir_close,
};

/* realpath of p without a trailing slash, "" for "/". */
static char *real_dir(const char *p, err *e)
{
	char *r = realpath(p, NULL);
	if (!r) {
		err_set(e, "%s: %s", p, strerror(errno));
		return NULL;
	}
	if (!strcmp(r, "/"))
		r[0] = 0;
	return r;
}

fsrc *fsrc_open_dir_opts(const char *root, const fsrc_dir_opts *o, err *e)
{
	char *r = real_dir(root, e);
	if (!r)
		return NULL;
	char *fence = o && o->fence ? real_dir(o->fence, e) : strdup(r);
	if (!fence) {
		free(r);
		return NULL;
	}
	if (!inside(fence, r)) {
		err_set(e, "%s lies outside %s", o->fence, root);
		free(r);
		free(fence);
		return NULL;
	}
	dirsrc *d = calloc(1, sizeof *d);
	d->base.ops = &dir_ops;
	d->base.root = strdup(r[0] ? r : "/");
	d->abs = r;
	d->fence = fence;
	d->max_size = o ? o->max_file_size : 0;
	d->stable = o && o->stable;
	for (size_t i = 0; i < sizeof d->shard / sizeof *d->shard; i++)
		pthread_mutex_init(&d->shard[i].lock, NULL);
	return &d->base;
}

fsrc *fsrc_open_dir(const char *root, err *e)
{
	return fsrc_open_dir_opts(root, NULL, e);
}

void fsrc_close(fsrc *s)
{
	if (s)
		s->ops->close(s);
}

void fsrc_free_list(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}
