/* fuzz_util.h - helpers shared by the libFuzzer targets in tests/fuzz/.
 *
 * Each target is one LLVMFuzzerTestOneInput; built with -fsanitize=fuzzer
 * by `make fuzz`, or with replay_main.c by scripts/test-fuzz-replay, which
 * runs the regression corpus in testdata/fuzz/<target>/ under `make test`.
 *
 * Inputs that hold several texts are split at separator lines: a line that
 * starts with "@@" begins a new part, the rest of that line is the part's
 * header (a file name for fuzz_build).  Text before the first separator is
 * part 0 with an empty header.
 */
#ifndef STRATA_FUZZ_UTIL_H
#define STRATA_FUZZ_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strata/fsrc.h"

#define FZ_MAX_PARTS 64

typedef struct fz_part {
	const char *head;   /* text after "@@" on the separator line, not NUL-terminated */
	size_t head_len;
	const char *text;   /* the part's text, not NUL-terminated */
	size_t len;
} fz_part;

/* Splits data into at most FZ_MAX_PARTS parts; returns the count (>= 1).
 * A separator beyond the last part is kept as text of the last part. */
static inline size_t fz_split(const char *data, size_t size, fz_part *parts)
{
	size_t n = 0, pos = 0;
	parts[0] = (fz_part){"", 0, data, 0};
	for (;;) {
		const char *nl = memchr(data + pos, '\n', size - pos);
		size_t end = nl ? (size_t)(nl - data) + 1 : size;
		bool sep = end - pos >= 2 && data[pos] == '@' && data[pos + 1] == '@' &&
			   n + 1 < FZ_MAX_PARTS;
		if (sep) {
			parts[n].len = (size_t)(data + pos - parts[n].text);
			n++;
			size_t hl = end - pos - 2;
			if (hl && data[end - 1] == '\n')
				hl--;
			parts[n] = (fz_part){data + pos + 2, hl, data + end, 0};
		}
		if (!nl)
			break;
		pos = end;
	}
	parts[n].len = (size_t)(data + size - parts[n].text);
	return n + 1;
}

/* A copy of the input with a NUL after it: the parsers take (data, len)
 * but some callers hand the same text on as a C string. */
static inline char *fz_dup(const char *data, size_t size)
{
	char *s = malloc(size + 1);
	if (size)
		memcpy(s, data, size);
	s[size] = 0;
	return s;
}

/* ---- an in-memory file source ------------------------------------------ */

typedef struct fz_file {
	char *path;   /* clean, root-relative */
	char *data;
	size_t len;
} fz_file;

typedef struct fz_fsrc {
	fsrc base;
	fz_file *v;
	size_t n;
} fz_fsrc;

static inline fz_file *fz_find(fz_fsrc *m, const char *path)
{
	for (size_t i = 0; i < m->n; i++)
		if (!strcmp(m->v[i].path, path))
			return &m->v[i];
	return NULL;
}

/* Does some file lie below dir ("" is the root, always a directory)? */
static inline bool fz_is_dir(fz_fsrc *m, const char *dir)
{
	size_t dl = strlen(dir);
	if (!dl)
		return true;
	for (size_t i = 0; i < m->n; i++)
		if (!strncmp(m->v[i].path, dir, dl) && m->v[i].path[dl] == '/')
			return true;
	return false;
}

static inline fsrc_type fz_stat(fsrc *s, const char *path)
{
	fz_fsrc *m = (fz_fsrc *)s;
	if (fz_find(m, path))
		return FSRC_FILE;
	return fz_is_dir(m, path) ? FSRC_DIR : FSRC_MISSING;
}

static inline int fz_read(fsrc *s, const char *path, char **data, size_t *len, err *e)
{
	fz_file *f = fz_find((fz_fsrc *)s, path);
	if (!f)
		return err_set(e, "%s: no such file", path);
	*data = fz_dup(f->data, f->len);
	*len = f->len;
	return 0;
}

static inline int fz_cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static inline int fz_list(fsrc *s, const char *path, char ***names, size_t *n, err *e)
{
	fz_fsrc *m = (fz_fsrc *)s;
	if (fz_find(m, path) || !fz_is_dir(m, path))
		return err_set(e, "%s: not a directory", path);
	size_t dl = strlen(path), cnt = 0;
	char **v = malloc((m->n + 1) * sizeof *v);
	for (size_t i = 0; i < m->n; i++) {
		const char *p = m->v[i].path;
		if (dl && (strncmp(p, path, dl) || p[dl] != '/'))
			continue;
		const char *name = dl ? p + dl + 1 : p;
		const char *slash = strchr(name, '/');
		char *child = slash ? strndup(name, (size_t)(slash - name)) : strdup(name);
		bool dup = false;
		for (size_t j = 0; j < cnt && !dup; j++)
			dup = !strcmp(v[j], child);
		if (dup)
			free(child);
		else
			v[cnt++] = child;
	}
	qsort(v, cnt, sizeof *v, fz_cmp_str);
	*names = v;
	*n = cnt;
	return 0;
}

static inline int fz_resolve(fsrc *s, const char *path, char **out, err *e)
{
	if (fz_stat(s, path) == FSRC_MISSING)
		return err_set(e, "%s: no such file or directory", path);
	*out = strdup(path);
	return 0;
}

static inline void fz_close(fsrc *s)
{
	fz_fsrc *m = (fz_fsrc *)s;
	for (size_t i = 0; i < m->n; i++) {
		free(m->v[i].path);
		free(m->v[i].data);
	}
	free(m->v);
	free(m->base.root);
	free(m);
}

static const struct fsrc_ops fz_ops = {
	.stat = fz_stat,
	.read = fz_read,
	.list = fz_list,
	.resolve = fz_resolve,
	.close = fz_close,
};

static inline fz_fsrc *fz_fsrc_new(void)
{
	fz_fsrc *m = calloc(1, sizeof *m);
	m->base.ops = &fz_ops;
	m->base.root = strdup("/fuzz");
	return m;
}

/* A clean root-relative path from a part header, or NULL when the header
 * is no usable file name (empty, absolute after trimming, "." or ".."
 * components, control bytes): such parts are dropped. */
static inline char *fz_clean_name(const char *h, size_t len)
{
	while (len && (*h == ' ' || *h == '/')) {
		h++;
		len--;
	}
	while (len && (h[len - 1] == ' ' || h[len - 1] == '/' || h[len - 1] == '\r'))
		len--;
	if (!len || len > 200)
		return NULL;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)h[i] < 0x20 || (h[i] == '/' && i + 1 < len && h[i + 1] == '/'))
			return NULL;
	char *p = strndup(h, len);
	for (char *c = p; c;) {
		char *slash = strchr(c, '/');
		size_t cl = slash ? (size_t)(slash - c) : strlen(c);
		if ((cl == 1 && c[0] == '.') || (cl == 2 && c[0] == '.' && c[1] == '.')) {
			free(p);
			return NULL;
		}
		c = slash ? slash + 1 : NULL;
	}
	return p;
}

/* Adds (or replaces) a file. */
static inline void fz_fsrc_put(fz_fsrc *m, char *path, const char *data, size_t len)
{
	fz_file *f = fz_find(m, path);
	if (f) {
		free(path);
		free(f->data);
	} else {
		m->v = realloc(m->v, (m->n + 1) * sizeof *m->v);
		f = &m->v[m->n++];
		f->path = path;
	}
	f->data = fz_dup(data, len);
	f->len = len;
}

#endif
