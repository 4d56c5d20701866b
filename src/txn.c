/* txn.c - several file edits that land together or not at all; see txn.h.
 *
 * A commit goes in phases so that everything that can fail happens while
 * the targets are still untouched: checks (paths, file types, uncommitted
 * work), missing directories, every new content in a temporary file beside
 * its target (same directory, so the rename cannot cross filesystems), and
 * only then the renames and the deletions.
 */
#include "strata/txn.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "strata/fsrc_git.h"
#include "strata/fsrc_overlay.h"

typedef struct txn_op {
	char *path;      /* clean, relative to the root */
	char *data;      /* NULL: delete */
	size_t len;
} txn_op;

struct txn {
	char *root;
	txn_op *v;
	size_t n;
};

txn *txn_new(const char *root)
{
	txn *t = calloc(1, sizeof *t);
	size_t l = strlen(root);
	while (l > 1 && root[l - 1] == '/')
		l--;
	t->root = strndup(root, l);
	return t;
}

void txn_free(txn *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].path);
		free(t->v[i].data);
	}
	free(t->v);
	free(t->root);
	free(t);
}

static txn_op *slot(txn *t, const char *path)
{
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->v[i].path, path)) {
			free(t->v[i].data);
			t->v[i].data = NULL;
			return &t->v[i];
		}
	t->v = realloc(t->v, (t->n + 1) * sizeof *t->v);
	txn_op *op = &t->v[t->n++];
	op->path = strdup(path);
	op->data = NULL;
	op->len = 0;
	return op;
}

void txn_put(txn *t, const char *path, const char *data, size_t len)
{
	txn_op *op = slot(t, path);
	op->data = malloc(len + 1);
	if (len)
		memcpy(op->data, data, len);
	op->data[len] = 0;
	op->len = len;
}

void txn_delete(txn *t, const char *path)
{
	slot(t, path);
}

static char *abs_path(const txn *t, const char *path)
{
	buf b = BUF_INIT;
	buf_adds(&b, t->root);
	if (strcmp(t->root, "/"))
		buf_addc(&b, '/');
	buf_adds(&b, path);
	return buf_detach(&b, NULL);
}

/* What committing op would do to the file on disk now. */
typedef enum change { CH_NONE, CH_ADD, CH_MODIFY, CH_DELETE } change;

static bool same_content(const char *file, const char *data, size_t len)
{
	int fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	struct stat st;
	bool same = false;
	if (!fstat(fd, &st) && S_ISREG(st.st_mode) && (size_t)st.st_size == len) {
		char *have = malloc(len + 1);
		size_t got = 0;
		while (got < len) {
			ssize_t r = read(fd, have + got, len - got);
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0)
				break;
			got += (size_t)r;
		}
		same = got == len && !memcmp(have, data, len);
		free(have);
	}
	close(fd);
	return same;
}

static change op_change(const txn *t, const txn_op *op)
{
	char *f = abs_path(t, op->path);
	struct stat st;
	bool exists = !lstat(f, &st);
	change c;
	if (!op->data)
		c = exists ? CH_DELETE : CH_NONE;
	else if (!exists)
		c = CH_ADD;
	else
		c = same_content(f, op->data, op->len) ? CH_NONE : CH_MODIFY;
	free(f);
	return c;
}

static int cmp_op(const void *x, const void *y)
{
	return strcmp((*(const txn_op *const *)x)->path, (*(const txn_op *const *)y)->path);
}

/* The operations in path order, so output and commits are the same from
 * run to run whatever order the caller queued them in. */
static const txn_op **sorted_ops(const txn *t)
{
	const txn_op **v = malloc((t->n ? t->n : 1) * sizeof *v);
	for (size_t i = 0; i < t->n; i++)
		v[i] = &t->v[i];
	qsort(v, t->n, sizeof *v, cmp_op);
	return v;
}

void txn_describe(const txn *t, buf *out)
{
	const txn_op **v = sorted_ops(t);
	for (size_t i = 0; i < t->n; i++) {
		static const char tag[] = {0, 'A', 'M', 'D'};
		change c = op_change(t, v[i]);
		if (c != CH_NONE)
			buf_printf(out, "%c %s\n", tag[c], v[i]->path);
	}
	free(v);
}

/* ---- the view ---------------------------------------------------------- */

/* The overlay serves files only in directories its base has, so the view
 * wraps it and answers for the directories the transaction would create. */
typedef struct view {
	fsrc base;
	fsrc *ov;
	fsrc *under;
	char **dirs;     /* directories only the puts create */
	size_t ndirs;
	char **files;    /* the put paths */
	size_t nfiles;
} view;

static bool in_list(char **v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i], s))
			return true;
	return false;
}

static const char *parent_is(const char *path, const char *dir)
{
	size_t dl = strlen(dir);
	if (!dl)
		return strchr(path, '/') ? NULL : path;
	if (strncmp(path, dir, dl) || path[dl] != '/' || strchr(path + dl + 1, '/'))
		return NULL;
	return path + dl + 1;
}

static fsrc_type view_stat(fsrc *s, const char *path)
{
	view *w = (view *)s;
	if (in_list(w->dirs, w->ndirs, path))
		return FSRC_DIR;
	return fsrc_stat(w->ov, path);
}

static int view_read(fsrc *s, const char *path, char **data, size_t *len, err *e)
{
	return fsrc_read(((view *)s)->ov, path, data, len, e);
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static void add_children(view *w, const char *path, char ***names, size_t *n)
{
	char **lists[2] = {w->dirs, w->files};
	size_t counts[2] = {w->ndirs, w->nfiles};
	for (int l = 0; l < 2; l++)
		for (size_t i = 0; i < counts[l]; i++) {
			const char *name = parent_is(lists[l][i], path);
			if (!name || in_list(*names, *n, name))
				continue;
			*names = realloc(*names, (*n + 1) * sizeof **names);
			(*names)[(*n)++] = strdup(name);
		}
	qsort(*names, *n, sizeof **names, cmp_str);
}

static int view_list(fsrc *s, const char *path, char ***names, size_t *n, err *e)
{
	view *w = (view *)s;
	if (in_list(w->dirs, w->ndirs, path)) {
		*names = NULL;
		*n = 0;
	} else if (fsrc_list(w->ov, path, names, n, e)) {
		return -1;
	}
	add_children(w, path, names, n);
	return 0;
}

static int view_resolve(fsrc *s, const char *path, char **out, err *e)
{
	view *w = (view *)s;
	/* Below a new directory nothing can be a link: resolve the part that
	 * exists and keep the rest as it is. */
	size_t cut = strlen(path);
	const char *rest = NULL;
	for (;;) {
		char *dir = strndup(path, cut);
		bool fresh = in_list(w->dirs, w->ndirs, dir);
		free(dir);
		if (fresh)
			rest = path + cut;
		const char *slash = memrchr(path, '/', cut);
		if (!slash)
			break;
		cut = (size_t)(slash - path);
	}
	if (!rest)
		return fsrc_resolve(w->ov, path, out, e);
	size_t keep = (size_t)(rest - path);
	const char *slash = memrchr(path, '/', keep);
	char *existing = slash ? strndup(path, (size_t)(slash - path)) : strdup("");
	char *resolved;
	int rc = fsrc_resolve(w->under, existing, &resolved, e);
	free(existing);
	if (rc)
		return -1;
	buf b = BUF_INIT;
	buf_adds(&b, resolved);
	if (resolved[0])
		buf_addc(&b, '/');
	buf_adds(&b, slash ? slash + 1 : path);
	free(resolved);
	*out = buf_detach(&b, NULL);
	return 0;
}

static void view_close(fsrc *s)
{
	view *w = (view *)s;
	fsrc_close(w->ov);
	for (size_t i = 0; i < w->ndirs; i++)
		free(w->dirs[i]);
	for (size_t i = 0; i < w->nfiles; i++)
		free(w->files[i]);
	free(w->dirs);
	free(w->files);
	free(w->base.root);
	free(w);
}

static const struct fsrc_ops view_ops = {
	.stat = view_stat,
	.read = view_read,
	.list = view_list,
	.resolve = view_resolve,
	.close = view_close,
};

static void note_new_dirs(view *w, const char *path)
{
	for (const char *p = strchr(path, '/'); p; p = strchr(p + 1, '/')) {
		char *dir = strndup(path, (size_t)(p - path));
		if (!in_list(w->dirs, w->ndirs, dir) && fsrc_stat(w->under, dir) == FSRC_MISSING) {
			w->dirs = realloc(w->dirs, (w->ndirs + 1) * sizeof *w->dirs);
			w->dirs[w->ndirs++] = dir;
		} else {
			free(dir);
		}
	}
}

fsrc *txn_view(const txn *t, fsrc *base)
{
	view *w = calloc(1, sizeof *w);
	w->base.ops = &view_ops;
	w->base.root = strdup(base->root);
	w->under = base;
	w->ov = fsrc_overlay_open(base);
	for (size_t i = 0; i < t->n; i++) {
		const txn_op *op = &t->v[i];
		if (!op->data) {
			fsrc_overlay_hide(w->ov, op->path);
			continue;
		}
		fsrc_overlay_put(w->ov, op->path, op->data, op->len);
		note_new_dirs(w, op->path);
		w->files = realloc(w->files, (w->nfiles + 1) * sizeof *w->files);
		w->files[w->nfiles++] = strdup(op->path);
	}
	return &w->base;
}

/* ---- commit ------------------------------------------------------------ */

static bool clean_path(const char *p)
{
	if (!*p || *p == '/')
		return false;
	for (const char *c = p; *c;) {
		const char *end = strchrnul(c, '/');
		size_t l = (size_t)(end - c);
		if (l == 0 || (l == 1 && c[0] == '.') || (l == 2 && c[0] == '.' && c[1] == '.'))
			return false;
		c = *end ? end + 1 : end;
		if (*end && !*c)
			return false;
	}
	return true;
}

/* One file's part in a commit. */
typedef struct work {
	const txn_op *op;
	change ch;
	char *target;    /* absolute */
	char *tmp;       /* written temporary, until renamed */
	mode_t mode;     /* of the existing target */
} work;

typedef struct plan {
	work *w;
	size_t n;
	char **made;     /* directories created, outermost first */
	size_t nmade;
} plan;

static void plan_free(plan *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->w[i].target);
		free(p->w[i].tmp);
	}
	for (size_t i = 0; i < p->nmade; i++)
		free(p->made[i]);
	free(p->w);
	free(p->made);
}

/* Undoes the preparation: temporaries and the directories made for them. */
static void plan_undo(plan *p)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->w[i].tmp) {
			unlink(p->w[i].tmp);
			free(p->w[i].tmp);
			p->w[i].tmp = NULL;
		}
	for (size_t i = p->nmade; i-- > 0;)
		rmdir(p->made[i]);
}

static int check_target(const txn *t, work *w, err *e)
{
	struct stat st;
	if (lstat(w->target, &st)) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;   /* make_dirs says what is in the way */
		return err_set(e, "%s: cannot inspect: %s", w->target, strerror(errno));
	}
	if (S_ISLNK(st.st_mode))
		return err_set(e, "%s/%s is a symbolic link; strata replaces only regular files: "
			       "edit its target instead", t->root, w->op->path);
	if (!S_ISREG(st.st_mode))
		return err_set(e, "%s/%s exists and is not a regular file; move it away first",
			       t->root, w->op->path);
	w->mode = st.st_mode & 07777;
	return 0;
}

static int check_dirty(const txn *t, plan *p, err *e)
{
	int rc = 0;
	buf dirty = BUF_INIT;
	size_t ndirty = 0;
	for (size_t i = 0; i < p->n && !rc; i++) {
		if (p->w[i].ch != CH_MODIFY && p->w[i].ch != CH_DELETE)
			continue;
		/* Finds the repository above the root by itself; 0 outside one. */
		int d = fsrc_git_is_dirty(t->root, p->w[i].op->path, e);
		if (d < 0)
			rc = -1;
		else if (d) {
			buf_printf(&dirty, "\n  %s", p->w[i].op->path);
			ndirty++;
		}
	}
	if (!rc && ndirty)
		rc = err_set(e, "%s uncommitted changes that this would overwrite (in %s):%s\n"
			     "Commit or stash them first, or pass --force to overwrite them.",
			     ndirty == 1 ? "a file has" : "files have", t->root, dirty.p);
	buf_free(&dirty);
	return rc;
}

/* Creates the missing directories above target, remembering them. */
static int make_dirs(plan *p, const char *target, err *e)
{
	char *path = strdup(target);
	char *last = strrchr(path, '/');
	if (!last || last == path) {
		free(path);
		return 0;
	}
	*last = 0;
	/* Find the deepest existing ancestor, then create downwards. */
	size_t start = strlen(path);
	struct stat st;
	while (stat(path, &st)) {
		char *s = strrchr(path, '/');
		if (errno != ENOENT || !s || s == path) {
			err_set(e, "%s: cannot inspect: %s", path, strerror(errno));
			free(path);
			return -1;
		}
		*s = 0;
	}
	if (!S_ISDIR(st.st_mode)) {
		err_set(e, "%s is not a directory; cannot create files below it", path);
		free(path);
		return -1;
	}
	size_t have = strlen(path);
	while (have < start) {
		path[have] = '/';
		have = strlen(path);
		if (mkdir(path, 0777)) {
			err_set(e, "%s: cannot create directory: %s", path, strerror(errno));
			free(path);
			return -1;
		}
		p->made = realloc(p->made, (p->nmade + 1) * sizeof *p->made);
		p->made[p->nmade++] = strdup(path);
	}
	free(path);
	return 0;
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t r = write(fd, data, len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		data += r;
		len -= (size_t)r;
	}
	return 0;
}

static int write_temp(work *w, unsigned *seq, err *e)
{
	char *slash = strrchr(w->target, '/');
	for (;;) {
		free(w->tmp);
		w->tmp = NULL;
		if (asprintf(&w->tmp, "%.*s/.%s.strata-%ld-%u", (int)(slash - w->target), w->target,
			     slash + 1, (long)getpid(), (*seq)++) < 0)
			abort();
		int fd = open(w->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd < 0 && errno == EEXIST)
			continue;
		if (fd < 0) {
			err_set(e, "%s: cannot write: %s", w->target, strerror(errno));
			free(w->tmp);
			w->tmp = NULL;
			return -1;
		}
		int bad = write_all(fd, w->op->data, w->op->len);
		if (!bad && w->ch == CH_MODIFY)
			bad = fchmod(fd, w->mode);
		if (!bad)
			bad = fsync(fd);
		int saved = errno;
		if (close(fd) && !bad) {
			bad = -1;
			saved = errno;
		}
		if (bad)
			return err_set(e, "%s: cannot write: %s", w->target, strerror(saved));
		return 0;
	}
}

static void sync_dir_of(const char *file)
{
	char *dir = strdup(file);
	char *slash = strrchr(dir, '/');
	if (slash)
		*(slash == dir ? slash + 1 : slash) = 0;
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

static int prepare(const txn *t, plan *p, bool force, err *e)
{
	const txn_op **ops = sorted_ops(t);
	int rc = 0;
	p->w = calloc(t->n ? t->n : 1, sizeof *p->w);
	for (size_t i = 0; i < t->n && !rc; i++) {
		if (!clean_path(ops[i]->path)) {
			rc = err_set(e, "%s: not a clean path relative to %s", ops[i]->path, t->root);
			break;
		}
		work *w = &p->w[p->n];
		w->op = ops[i];
		w->target = abs_path(t, w->op->path);
		rc = check_target(t, w, e);
		w->ch = op_change(t, w->op);
		p->n++;
	}
	free(ops);
	if (!rc && !force)
		rc = check_dirty(t, p, e);
	for (size_t i = 0; i < p->n && !rc; i++) {
		work *w = &p->w[i];
		if (w->ch == CH_DELETE) {
			char *dir = strdup(w->target);
			*strrchr(dir, '/') = 0;
			if (access(dir, W_OK | X_OK))
				rc = err_set(e, "%s: cannot delete: %s", w->target, strerror(errno));
			free(dir);
		}
	}
	unsigned seq = 0;
	for (size_t i = 0; i < p->n && !rc; i++) {
		work *w = &p->w[i];
		if (w->ch != CH_ADD && w->ch != CH_MODIFY)
			continue;
		rc = make_dirs(p, w->target, e);
		if (!rc)
			rc = write_temp(w, &seq, e);
	}
	return rc;
}

int txn_commit(txn *t, bool force, err *e)
{
	plan p = {0};
	if (prepare(t, &p, force, e)) {
		plan_undo(&p);
		plan_free(&p);
		return -1;
	}
	/* Past this point only rename and unlink run; both stay within a
	 * directory already shown to be writable. */
	int rc = 0;
	for (size_t i = 0; i < p.n; i++) {
		work *w = &p.w[i];
		if (!w->tmp)
			continue;
		if (rename(w->tmp, w->target)) {
			rc = err_set(e, "%s: cannot replace: %s (files before it in path order "
				     "were already written)", w->target, strerror(errno));
			plan_undo(&p);
			break;
		}
		free(w->tmp);
		w->tmp = NULL;
		sync_dir_of(w->target);
	}
	for (size_t i = 0; i < p.n && !rc; i++) {
		work *w = &p.w[i];
		if (w->ch != CH_DELETE)
			continue;
		if (unlink(w->target) && errno != ENOENT)
			rc = err_set(e, "%s: cannot delete: %s", w->target, strerror(errno));
		else
			sync_dir_of(w->target);
	}
	plan_free(&p);
	return rc;
}
