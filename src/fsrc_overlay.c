/* fsrc_overlay.c - in-memory files over another file source; see
 * fsrc_overlay.h.  An overlay holds a handful of entries (one per Flux
 * build), so lookups are linear. */
#include "strata/fsrc_overlay.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "strata/buf.h"

typedef struct entry {
	char *path;
	char *data;     /* NULL: hidden */
	size_t len;
} entry;

typedef struct overlay {
	fsrc base;
	fsrc *under;
	entry *v;
	size_t n;
} overlay;

static entry *find(overlay *o, const char *path)
{
	for (size_t i = 0; i < o->n; i++)
		if (!strcmp(o->v[i].path, path))
			return &o->v[i];
	return NULL;
}

static fsrc_type ov_stat(fsrc *s, const char *path)
{
	entry *en = find((overlay *)s, path);
	if (en)
		return en->data ? FSRC_FILE : FSRC_MISSING;
	return fsrc_stat(((overlay *)s)->under, path);
}

static int ov_read(fsrc *s, const char *path, char **data, size_t *len, err *e)
{
	overlay *o = (overlay *)s;
	entry *en = find(o, path);
	if (!en)
		return fsrc_read(o->under, path, data, len, e);
	if (!en->data)
		return err_set(e, "%s/%s: no such file", s->root, path);
	*data = malloc(en->len + 1);
	memcpy(*data, en->data, en->len);
	(*data)[en->len] = 0;
	*len = en->len;
	return 0;
}

/* The entry's name if it lies directly in dir, else NULL. */
static const char *child_name(const char *path, const char *dir)
{
	size_t dl = strlen(dir);
	if (dl == 0)
		return strchr(path, '/') ? NULL : path;
	if (strncmp(path, dir, dl) || path[dl] != '/' || strchr(path + dl + 1, '/'))
		return NULL;
	return path + dl + 1;
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static int ov_list(fsrc *s, const char *path, char ***names, size_t *n, err *e)
{
	overlay *o = (overlay *)s;
	char **v;
	size_t cnt;
	if (fsrc_list(o->under, path, &v, &cnt, e))
		return -1;
	size_t keep = 0;
	for (size_t i = 0; i < cnt; i++) {
		buf full = BUF_INIT;
		if (path[0]) {
			buf_adds(&full, path);
			buf_addc(&full, '/');
		}
		buf_adds(&full, v[i]);
		entry *en = find(o, full.p);
		buf_free(&full);
		if (en) {
			free(v[i]);   /* listed again below if it is put */
			continue;
		}
		v[keep++] = v[i];
	}
	cnt = keep;
	for (size_t i = 0; i < o->n; i++) {
		const char *name = o->v[i].data ? child_name(o->v[i].path, path) : NULL;
		if (!name)
			continue;
		v = realloc(v, (cnt + 1) * sizeof *v);
		v[cnt++] = strdup(name);
	}
	qsort(v, cnt, sizeof *v, cmp_str);
	*names = v;
	*n = cnt;
	return 0;
}

static int ov_resolve(fsrc *s, const char *path, char **out, err *e)
{
	overlay *o = (overlay *)s;
	entry *en = find(o, path);
	if (!en)
		return fsrc_resolve(o->under, path, out, e);
	if (!en->data)
		return err_set(e, "%s/%s: no such file", s->root, path);
	/* The directory is real; only the last element is ours. */
	const char *slash = strrchr(path, '/');
	if (!slash) {
		*out = strdup(path);
		return 0;
	}
	char *dir = strndup(path, (size_t)(slash - path));
	char *rdir;
	int rc = fsrc_resolve(o->under, dir, &rdir, e);
	free(dir);
	if (rc)
		return -1;
	buf b = BUF_INIT;
	buf_adds(&b, rdir);
	if (rdir[0])
		buf_addc(&b, '/');
	buf_adds(&b, slash + 1);
	free(rdir);
	*out = buf_detach(&b, NULL);
	return 0;
}

static void ov_close(fsrc *s)
{
	overlay *o = (overlay *)s;
	for (size_t i = 0; i < o->n; i++) {
		free(o->v[i].path);
		free(o->v[i].data);
	}
	free(o->v);
	free(o->base.root);
	free(o);
}

static const struct fsrc_ops overlay_ops = {
	.stat = ov_stat,
	.read = ov_read,
	.list = ov_list,
	.resolve = ov_resolve,
	.close = ov_close,
};

fsrc *fsrc_overlay_open(fsrc *under)
{
	overlay *o = calloc(1, sizeof *o);
	o->base.ops = &overlay_ops;
	o->base.root = strdup(under->root);
	o->under = under;
	return &o->base;
}

static entry *slot(overlay *o, const char *path)
{
	entry *en = find(o, path);
	if (en) {
		free(en->data);
		en->data = NULL;
		return en;
	}
	o->v = realloc(o->v, (o->n + 1) * sizeof *o->v);
	en = &o->v[o->n++];
	en->path = strdup(path);
	en->data = NULL;
	en->len = 0;
	return en;
}

void fsrc_overlay_put(fsrc *s, const char *path, const char *data, size_t len)
{
	entry *en = slot((overlay *)s, path);
	en->data = malloc(len + 1);
	memcpy(en->data, data, len);
	en->data[len] = 0;
	en->len = len;
}

void fsrc_overlay_hide(fsrc *s, const char *path)
{
	slot((overlay *)s, path);
}
