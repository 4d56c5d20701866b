/* fsrc_dir.c - the real filesystem as a file source. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "strata/buf.h"
#include "strata/fsrc.h"

typedef struct dirsrc {
	fsrc base;
	char *abs;     /* realpath of the root, no trailing slash ("" for /) */
} dirsrc;

static char *full(dirsrc *d, const char *path)
{
	buf b = BUF_INIT;
	buf_adds(&b, d->abs);
	buf_addc(&b, '/');
	buf_adds(&b, path);
	return buf_detach(&b, NULL);
}

static fsrc_type dir_stat(fsrc *s, const char *path)
{
	char *f = full((dirsrc *)s, path);
	struct stat st;
	int rc = stat(f, &st);
	free(f);
	if (rc)
		return FSRC_MISSING;
	return S_ISDIR(st.st_mode) ? FSRC_DIR : FSRC_FILE;
}

static int dir_read(fsrc *s, const char *path, char **data, size_t *len, err *e)
{
	char *f = full((dirsrc *)s, path);
	int fd = open(f, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err_set(e, "%s: cannot open: %s", f, strerror(errno));
		free(f);
		return -1;
	}
	buf b = BUF_INIT;
	char chunk[65536];
	for (;;) {
		ssize_t r = read(fd, chunk, sizeof chunk);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			err_set(e, "%s: cannot read: %s", f, strerror(errno));
			close(fd);
			free(f);
			buf_free(&b);
			return -1;
		}
		if (r == 0)
			break;
		buf_add(&b, chunk, (size_t)r);
	}
	close(fd);
	free(f);
	if (!b.p)
		buf_add(&b, "", 0);
	*data = buf_detach(&b, len);
	return 0;
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static int dir_list(fsrc *s, const char *path, char ***names, size_t *n, err *e)
{
	char *f = full((dirsrc *)s, path);
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
	char *r = realpath(f, NULL);
	if (!r) {
		err_set(e, "%s: %s", f, strerror(errno));
		free(f);
		return -1;
	}
	free(f);
	size_t rl = strlen(d->abs);
	if (strncmp(r, d->abs, rl) != 0 || (r[rl] != 0 && r[rl] != '/')) {
		err_set(e, "'%s' lies outside '%s'", r, d->abs[0] ? d->abs : "/");
		free(r);
		return -1;
	}
	const char *rel = r + rl;
	while (*rel == '/')
		rel++;
	*out = strdup(rel);
	free(r);
	return 0;
}

static void dir_close(fsrc *s)
{
	dirsrc *d = (dirsrc *)s;
	free(d->abs);
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

fsrc *fsrc_open_dir(const char *root, err *e)
{
	char *r = realpath(root, NULL);
	if (!r) {
		err_set(e, "%s: %s", root, strerror(errno));
		return NULL;
	}
	dirsrc *d = calloc(1, sizeof *d);
	d->base.ops = &dir_ops;
	d->base.root = strdup(r);
	if (!strcmp(r, "/"))
		r[0] = 0;
	d->abs = r;
	return &d->base;
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
