/* fsrc_git.c - a Git revision or the index as a file source (libgit2).
 *
 * Contents are raw blobs: no CRLF conversion, no smudge filters.  That is
 * what Flux's go-git checkout writes, so an LFS pointer stays a pointer.
 * A symlink stored in a tree (mode 120000) is followed as the filesystem
 * would follow it in a checkout; a submodule (gitlink) is an empty
 * directory, as a checkout without --recurse-submodules leaves it.
 *
 * libgit2 keeps a reference-counted global state: every open source (and
 * every call of fsrc_git_workdir / fsrc_git_is_dirty) takes one reference
 * with gitlib_init (which loads libgit2 the first time) and drops it with
 * gitlib_shutdown, which libgit2 makes thread-safe, so strata itself keeps
 * no global but gitlib's table of functions.  One source
 * must be used by one thread at a time (libgit2 objects are not shared
 * safely); open one per render thread.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>
#include <sys/stat.h>

#include "strata/buf.h"
#include "strata/fsrc_git.h"
#include "strata/gitlib.h"

/* libgit2's functions, loaded at the first gitlib_init (gitlib.h). */
#define GIT(f) (gitlib_fns()->f)

/* Linux's limit on symlinks followed in one lookup (ELOOP). */
#define MAX_LINK_HOPS 40

typedef struct gitsrc {
	fsrc base;
	git_repository *repo;
	fsrc_git_side side;
	git_tree *tree;    /* FSRC_GIT_REV: the revision's root tree */
	git_index *index;  /* FSRC_GIT_INDEX */
	char *workdir;     /* realpath of the work tree, to map absolute links; NULL if bare */
	char *what;        /* "revision HEAD" / "the index", for messages */
} gitsrc;

typedef enum ent_kind {
	ENT_MISSING,
	ENT_FILE,
	ENT_DIR,
	ENT_LINK,
	ENT_SUBMODULE,  /* shown as an empty directory */
	ENT_CONFLICT,   /* index only: unmerged, no stage-0 content */
} ent_kind;

typedef struct ent {
	ent_kind kind;
	git_oid id;
} ent;

static const char *git_msg(void)
{
	const git_error *ge = GIT(git_error_last)();
	return ge && ge->message ? ge->message : "unknown libgit2 error";
}

static ent_kind kind_of_mode(unsigned mode)
{
	switch (mode) {
	case GIT_FILEMODE_TREE: return ENT_DIR;
	case GIT_FILEMODE_LINK: return ENT_LINK;
	case GIT_FILEMODE_COMMIT: return ENT_SUBMODULE;
	default: return ENT_FILE;
	}
}

/* --- one path, no symlinks followed ------------------------------------- */

static int lookup_rev(gitsrc *g, const char *path, ent *out, err *e)
{
	git_tree_entry *te = NULL;
	int rc = GIT(git_tree_entry_bypath)(&te, g->tree, path);
	if (rc == GIT_ENOTFOUND) {
		out->kind = ENT_MISSING;
		return 0;
	}
	if (rc < 0)
		return err_set(e, "%s%s: %s", g->base.root, path, git_msg());
	out->kind = kind_of_mode(GIT(git_tree_entry_filemode_raw)(te));
	GIT(git_oid_cpy)(&out->id, GIT(git_tree_entry_id)(te));
	GIT(git_tree_entry_free)(te);
	return 0;
}

static bool index_has_prefix(git_index *idx, const char *path)
{
	size_t pos;
	char *prefix = malloc(strlen(path) + 2);
	sprintf(prefix, "%s/", path);
	int rc = GIT(git_index_find_prefix)(&pos, idx, prefix);
	free(prefix);
	return rc == 0;
}

static int lookup_index(gitsrc *g, const char *path, ent *out)
{
	const git_index_entry *ie = GIT(git_index_get_bypath)(g->index, path, 0);
	if (ie) {
		out->kind = kind_of_mode(ie->mode);
		GIT(git_oid_cpy)(&out->id, &ie->id);
	} else if (index_has_prefix(g->index, path)) {
		out->kind = ENT_DIR;
	} else if (GIT(git_index_get_bypath)(g->index, path, 2) ||
		   GIT(git_index_get_bypath)(g->index, path, 3) ||
		   GIT(git_index_get_bypath)(g->index, path, 1)) {
		out->kind = ENT_CONFLICT;
	} else {
		out->kind = ENT_MISSING;
	}
	return 0;
}

static int lookup(gitsrc *g, const char *path, ent *out, err *e)
{
	if (!path[0]) {
		out->kind = ENT_DIR;
		return 0;
	}
	return g->side == FSRC_GIT_REV ? lookup_rev(g, path, out, e) : lookup_index(g, path, out);
}

static int read_blob(gitsrc *g, const git_oid *id, const char *path, char **data, size_t *len,
		     err *e)
{
	git_blob *blob;
	if (GIT(git_blob_lookup)(&blob, g->repo, id) < 0)
		return err_set(e, "%s%s: cannot read its blob: %s", g->base.root, path, git_msg());
	size_t n = (size_t)GIT(git_blob_rawsize)(blob);
	char *p = malloc(n + 1);
	memcpy(p, GIT(git_blob_rawcontent)(blob), n);
	p[n] = 0;
	GIT(git_blob_free)(blob);
	*data = p;
	if (len)
		*len = n;
	return 0;
}

/* --- symlinks followed --------------------------------------------------- */

typedef struct walk {
	buf cur;    /* the resolved path so far, no symlinks in it */
	char *rest; /* what is left to resolve */
	int hops;
	char *link, *target;  /* the last symlink followed, for messages */
} walk;

static void drop_last(buf *b)
{
	char *slash = b->len ? memrchr(b->p, '/', b->len) : NULL;
	b->len = slash ? (size_t)(slash - b->p) : 0;
	if (b->p)
		b->p[b->len] = 0;
}

/* A link's target as a path below the work tree root, or NULL when it
 * points out of the repository.  cur is the link's directory. */
static char *link_target(gitsrc *g, const char *cur, const char *target, const char *rest)
{
	buf b = BUF_INIT;
	if (target[0] == '/') {
		size_t wl = g->workdir ? strlen(g->workdir) : 0;
		if (!g->workdir || strncmp(target, g->workdir, wl) ||
		    (target[wl] && target[wl] != '/'))
			return NULL;
		buf_adds(&b, target + wl);
	} else {
		buf_adds(&b, cur);
		buf_addc(&b, '/');
		buf_adds(&b, target);
	}
	if (rest[0]) {
		buf_addc(&b, '/');
		buf_adds(&b, rest);
	}
	return buf_detach(&b, NULL);
}

static const char *repo_name(const gitsrc *g)
{
	return g->workdir ? g->workdir : GIT(git_repository_path)(g->repo);
}

static int outside(gitsrc *g, const char *link, const char *target, err *e)
{
	return err_set(e, "'%s%s' is a symlink to '%s', which lies outside the repository "
			  "'%s'; point it at a path inside the repository",
		       g->base.root, link, target, repo_name(g));
}

static int follow_link(gitsrc *g, walk *w, const char *link, const ent *en, err *e)
{
	if (++w->hops > MAX_LINK_HOPS)
		return err_set(e, "%s%s: too many levels of symbolic links", g->base.root, link);
	char *target;
	if (read_blob(g, &en->id, link, &target, NULL, e))
		return -1;
	buf dir = BUF_INIT;
	buf_adds(&dir, link);
	drop_last(&dir);
	char *next = link_target(g, dir.p ? dir.p : "", target, w->rest);
	buf_free(&dir);
	free(w->link);
	free(w->target);
	w->link = strdup(link);
	w->target = target;
	if (!next)
		return outside(g, link, target, e);
	free(w->rest);
	w->rest = next;
	/* The target is spelled from the root now: start over. */
	buf_reset(&w->cur);
	return 0;
}

/* Takes the next component off w->rest into comp (a NUL-terminated copy). */
static bool next_component(walk *w, char **comp)
{
	char *r = w->rest;
	while (*r == '/')
		r++;
	if (!*r)
		return false;
	size_t n = strcspn(r, "/");
	*comp = strndup(r, n);
	memmove(w->rest, r + n, strlen(r + n) + 1);
	return true;
}

static bool rest_empty(const walk *w)
{
	return w->rest[strspn(w->rest, "/")] == 0;
}

/* One step of the walk: comp applied to w->cur.  Returns 1 when the walk
 * is over (a file reached with nothing left), 0 to go on, -1 on error. */
static int step(gitsrc *g, walk *w, const char *comp, const char *path, ent *en, err *e)
{
	if (!strcmp(comp, "."))
		return 0;
	if (!strcmp(comp, "..")) {
		if (!w->cur.len && w->link)
			return outside(g, w->link, w->target, e);
		if (!w->cur.len)
			return err_set(e, "%s%s: climbs above the root of the repository",
				       g->base.root, path);
		drop_last(&w->cur);
		return 0;
	}
	if (w->cur.len)
		buf_addc(&w->cur, '/');
	buf_adds(&w->cur, comp);
	if (lookup(g, w->cur.p, en, e))
		return -1;
	switch (en->kind) {
	case ENT_MISSING:
		return err_set(e, "%s%s: no such file or directory in %s", g->base.root, path,
			       g->what);
	case ENT_CONFLICT:
		return err_set(e, "%s%s: unmerged in the index; resolve the conflict and "
				  "`git add` it first",
			       g->base.root, w->cur.p);
	case ENT_LINK: {
		char *link = strdup(w->cur.p);
		int rc = follow_link(g, w, link, en, e);
		free(link);
		return rc;
	}
	case ENT_FILE:
		if (!rest_empty(w))
			return err_set(e, "%s%s: not a directory (%s is a file)", g->base.root,
				       path, w->cur.p);
		return 1;
	default:
		return 0;
	}
}

/* Resolves every symlink in path: *out gets the real path (malloc'd, when
 * out is not NULL) and en its entry (never ENT_LINK). */
static int walk_path(gitsrc *g, const char *path, char **out, ent *en, err *e)
{
	walk w = {BUF_INIT, strdup(path), 0, NULL, NULL};
	buf_add(&w.cur, "", 0);
	en->kind = ENT_DIR;
	int rc = 0;
	char *comp;
	while (rc == 0 && next_component(&w, &comp)) {
		rc = step(g, &w, comp, path, en, e);
		free(comp);
	}
	free(w.rest);
	free(w.link);
	free(w.target);
	if (rc < 0) {
		buf_free(&w.cur);
		return -1;
	}
	/* A trailing ".." leaves en on the directory it climbed out of. */
	if (en->kind != ENT_FILE && lookup(g, w.cur.p, en, e)) {
		buf_free(&w.cur);
		return -1;
	}
	if (out)
		*out = buf_detach(&w.cur, NULL);
	else
		buf_free(&w.cur);
	return 0;
}

/* --- the fsrc operations ------------------------------------------------- */

static fsrc_type git_stat(fsrc *s, const char *path)
{
	ent en;
	err e = ERR_INIT;
	if (walk_path((gitsrc *)s, path, NULL, &en, &e)) {
		err_clear(&e);
		return FSRC_MISSING;
	}
	return en.kind == ENT_FILE ? FSRC_FILE : FSRC_DIR;
}

static int git_read(fsrc *s, const char *path, char **data, size_t *len, err *e)
{
	gitsrc *g = (gitsrc *)s;
	ent en;
	char *real;
	if (walk_path(g, path, &real, &en, e))
		return -1;
	int rc = en.kind == ENT_FILE
			 ? read_blob(g, &en.id, real, data, len, e)
			 : err_set(e, "%s%s: is a directory, a file was expected", s->root, path);
	free(real);
	return rc;
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

typedef struct names {
	char **v;
	size_t n, cap;
} names;

static void names_add(names *ns, const char *s, size_t len)
{
	if (ns->n == ns->cap) {
		ns->cap = ns->cap ? ns->cap * 2 : 16;
		ns->v = realloc(ns->v, ns->cap * sizeof *ns->v);
	}
	ns->v[ns->n++] = strndup(s, len);
}

/* Sorted bytewise, duplicates dropped. */
static void names_finish(names *ns)
{
	if (ns->n)
		qsort(ns->v, ns->n, sizeof *ns->v, cmp_str);
	size_t o = 0;
	for (size_t i = 0; i < ns->n; i++) {
		if (o && !strcmp(ns->v[o - 1], ns->v[i]))
			free(ns->v[i]);
		else
			ns->v[o++] = ns->v[i];
	}
	ns->n = o;
}

static int list_rev(gitsrc *g, const char *dir, const ent *en, names *ns, err *e)
{
	git_tree *t = g->tree;
	if (dir[0] && GIT(git_tree_lookup)(&t, g->repo, &en->id) < 0)
		return err_set(e, "%s%s: cannot read its tree: %s", g->base.root, dir, git_msg());
	size_t n = GIT(git_tree_entrycount)(t);
	for (size_t i = 0; i < n; i++) {
		const char *name = GIT(git_tree_entry_name)(GIT(git_tree_entry_byindex)(t, i));
		names_add(ns, name, strlen(name));
	}
	if (t != g->tree)
		GIT(git_tree_free)(t);
	return 0;
}

static void list_index(gitsrc *g, const char *dir, names *ns)
{
	size_t plen = strlen(dir) + (dir[0] ? 1 : 0);
	char *prefix = malloc(plen + 1);
	sprintf(prefix, dir[0] ? "%s/" : "%s", dir);
	size_t pos = 0;
	if (!plen || GIT(git_index_find_prefix)(&pos, g->index, prefix) == 0) {
		const git_index_entry *ie;
		for (; (ie = GIT(git_index_get_byindex)(g->index, pos)); pos++) {
			if (strncmp(ie->path, prefix, plen))
				break;
			const char *name = ie->path + plen;
			names_add(ns, name, strcspn(name, "/"));
		}
	}
	free(prefix);
}

static int git_list(fsrc *s, const char *path, char ***out, size_t *n, err *e)
{
	gitsrc *g = (gitsrc *)s;
	ent en;
	char *real;
	if (walk_path(g, path, &real, &en, e))
		return -1;
	names ns = {0};
	int rc = 0;
	if (en.kind == ENT_FILE)
		rc = err_set(e, "%s%s: cannot list directory: it is a file", s->root, path);
	else if (en.kind == ENT_DIR && g->side == FSRC_GIT_REV)
		rc = list_rev(g, real, &en, &ns, e);
	else if (en.kind == ENT_DIR)
		list_index(g, real, &ns);
	free(real);
	if (rc) {
		fsrc_free_list(ns.v, ns.n);
		return -1;
	}
	names_finish(&ns);
	*out = ns.v ? ns.v : calloc(1, sizeof *ns.v);
	*n = ns.n;
	return 0;
}

static int git_resolve(fsrc *s, const char *path, char **out, err *e)
{
	ent en;
	return walk_path((gitsrc *)s, path, out, &en, e);
}

static void git_close(fsrc *s)
{
	gitsrc *g = (gitsrc *)s;
	GIT(git_tree_free)(g->tree);
	GIT(git_index_free)(g->index);
	GIT(git_repository_free)(g->repo);
	free(g->workdir);
	free(g->what);
	free(g->base.root);
	free(g);
	gitlib_shutdown();
}

static const struct fsrc_ops git_ops = {
	.stat = git_stat,
	.read = git_read,
	.list = git_list,
	.resolve = git_resolve,
	.close = git_close,
};

/* --- opening ------------------------------------------------------------- */

/* The repository containing path; libgit2 must be initialised. */
static int open_repo(const char *path, git_repository **repo, err *e)
{
	int rc = GIT(git_repository_open_ext)(repo, path, 0, NULL);
	if (rc == GIT_ENOTFOUND)
		return err_set(e, "'%s' is not in a Git repository (no .git in it or any parent "
				  "directory); give a path inside a clone",
			       path);
	if (rc < 0)
		return err_set(e, "'%s': cannot open its Git repository: %s", path, git_msg());
	return 0;
}

/* The work tree root without a trailing slash, symlinks resolved. */
static char *workdir_of(git_repository *repo)
{
	const char *wd = GIT(git_repository_workdir)(repo);
	if (!wd)
		return NULL;
	char *r = realpath(wd, NULL);
	if (!r) {
		r = strdup(wd);
		size_t n = strlen(r);
		while (n > 1 && r[n - 1] == '/')
			r[--n] = 0;
	}
	return r;
}

static int open_rev(gitsrc *g, const char *rev, err *e)
{
	git_object *obj;
	int rc = GIT(git_revparse_single)(&obj, g->repo, rev);
	if (rc < 0) {
		if (GIT(git_repository_head_unborn)(g->repo) == 1)
			return err_set(e, "unknown revision '%s' in '%s': the repository has no "
					  "commits yet; commit first",
				       rev, repo_name(g));
		return err_set(e, "unknown revision '%s' in '%s' (%s); give a branch, tag or "
				  "commit that `git rev-parse` accepts",
			       rev, repo_name(g), git_msg());
	}
	git_object *tree;
	rc = GIT(git_object_peel)(&tree, obj, GIT_OBJECT_TREE);
	GIT(git_object_free)(obj);
	if (rc < 0)
		return err_set(e, "revision '%s' in '%s' is not a commit or a tree (%s); give a "
				  "branch, tag or commit",
			       rev, repo_name(g), git_msg());
	g->tree = (git_tree *)tree;
	return 0;
}

static int open_index(gitsrc *g, err *e)
{
	/* Git runs hooks with the index being committed in GIT_INDEX_FILE
	 * (a temporary one for `git commit -a` or `git commit PATH`); that
	 * one, not .git/index, is what the commit will hold.  A relative
	 * name is relative to where git runs the hook, the work tree. */
	const char *alt = getenv("GIT_INDEX_FILE");
	if (alt && alt[0]) {
		char *wd = workdir_of(g->repo);
		buf p = BUF_INIT;
		if (alt[0] != '/' && wd && access(alt, F_OK) != 0)
			buf_printf(&p, "%s/%s", wd, alt);
		else
			buf_adds(&p, alt);
		free(wd);
		int rc = GIT(git_index_open)(&g->index, p.p);
		if (rc == 0 && GIT(git_index_read)(g->index, 1) < 0)
			rc = -1;
		if (rc < 0) {
			err_set(e, "'%s': cannot read the index GIT_INDEX_FILE names (%s): %s",
				repo_name(g), p.p, git_msg());
			buf_free(&p);
			return -1;
		}
		buf_free(&p);
		return 0;
	}
	if (GIT(git_repository_index)(&g->index, g->repo) < 0)
		return err_set(e, "'%s': cannot read the index: %s", repo_name(g),
			       git_msg());
	return 0;
}

static void describe(gitsrc *g, const char *rev)
{
	buf b = BUF_INIT;
	if (g->side == FSRC_GIT_REV)
		buf_printf(&b, "revision %s", rev);
	else
		buf_adds(&b, "the index");
	g->what = buf_detach(&b, NULL);
	b = (buf)BUF_INIT;
	/* git's own spellings: `git show HEAD:path` and `git show :path`. */
	if (g->side == FSRC_GIT_REV)
		buf_printf(&b, "%s:", rev);
	else
		buf_adds(&b, ":");
	g->base.root = buf_detach(&b, NULL);
}

static fsrc *open_worktree(git_repository *repo, const char *path, err *e)
{
	if (GIT(git_repository_is_bare)(repo)) {
		err_set(e, "'%s' is a bare repository: it has no work tree; read a revision "
			   "(e.g. HEAD) instead",
			GIT(git_repository_path)(repo));
		return NULL;
	}
	char *wd = workdir_of(repo);
	fsrc *s = fsrc_open_dir(wd, e);
	free(wd);
	if (!s)
		err_wrap(e, "work tree of the repository containing '%s'", path);
	return s;
}

fsrc *fsrc_git_open(const char *path, fsrc_git_side side, const char *rev, err *e)
{
	if (gitlib_init(e))
		return NULL;
	git_repository *repo;
	if (open_repo(path, &repo, e)) {
		gitlib_shutdown();
		return NULL;
	}
	if (side == FSRC_GIT_WORKTREE) {
		/* The directory itself; no libgit2 object needs to stay open. */
		fsrc *s = open_worktree(repo, path, e);
		GIT(git_repository_free)(repo);
		gitlib_shutdown();
		return s;
	}
	if (side == FSRC_GIT_INDEX && GIT(git_repository_is_bare)(repo)) {
		err_set(e, "'%s' is a bare repository: it has no index; read a revision "
			   "(e.g. HEAD) instead",
			GIT(git_repository_path)(repo));
		GIT(git_repository_free)(repo);
		gitlib_shutdown();
		return NULL;
	}
	if (!rev)
		rev = "HEAD";
	/* Every path is looked up from the root tree, and diff and check
	 * render several profiles that share their bases: keep trees and
	 * blobs read once in libgit2's object cache (by default it keeps no
	 * blob, and no tree over 4 KiB, such as a directory of 300 apps),
	 * not inflated again for every lookup.  Its total stays under
	 * libgit2's own bound. */
	GIT(git_libgit2_opts)(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, (size_t)1 << 20);
	GIT(git_libgit2_opts)(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_BLOB, (size_t)1 << 20);
	gitsrc *g = calloc(1, sizeof *g);
	g->base.ops = &git_ops;
	g->repo = repo;
	g->side = side;
	g->workdir = workdir_of(repo);
	describe(g, rev);
	int rc = side == FSRC_GIT_REV ? open_rev(g, rev, e) : open_index(g, e);
	if (rc) {
		git_close(&g->base);
		return NULL;
	}
	return &g->base;
}

/* Whether the .git file of a submodule (gitdir: .../modules/...) is at
 * dir/.git: its superproject is the repository then. */
static bool submodule_git_file(const char *git)
{
	FILE *f = fopen(git, "r");
	if (!f)
		return false;
	char line[4096] = "";
	bool sub = fgets(line, sizeof line, f) && !strncmp(line, "gitdir:", 7) &&
		   strstr(line, "/modules/");
	fclose(f);
	return sub;
}

char *fsrc_git_work_tree_of(const char *abs)
{
	char *p = strdup(abs);
	for (;;) {
		char *git = malloc(strlen(p) + 6);
		sprintf(git, "%s/.git", p);
		struct stat st;
		bool found = !lstat(git, &st) && (S_ISDIR(st.st_mode) || !submodule_git_file(git));
		free(git);
		if (found)
			return p;
		char *slash = strrchr(p, '/');
		if (!slash || slash == p) {
			free(p);
			return NULL;
		}
		*slash = 0;
	}
}

char *fsrc_git_workdir(const char *path, err *e)
{
	if (gitlib_init(e))
		return NULL;
	git_repository *repo;
	char *wd = NULL;
	if (!open_repo(path, &repo, e)) {
		wd = workdir_of(repo);
		if (!wd)
			err_set(e, "'%s' is a bare repository: it has no work tree",
				GIT(git_repository_path)(repo));
		GIT(git_repository_free)(repo);
	}
	gitlib_shutdown();
	return wd;
}

/* path (relative to dir) as a path relative to the repository's work tree;
 * NULL if it does not lie in it. */
static char *repo_relative(git_repository *repo, const char *dir, const char *path)
{
	char *wd = workdir_of(repo);
	char *d = realpath(dir, NULL);
	char *rel = NULL;
	if (wd && d) {
		size_t wl = strlen(wd);
		if (!strncmp(d, wd, wl) && (d[wl] == 0 || d[wl] == '/')) {
			buf b = BUF_INIT;
			const char *sub = d + wl + (d[wl] ? 1 : 0);
			if (sub[0])
				buf_printf(&b, "%s/", sub);
			buf_adds(&b, path);
			rel = buf_detach(&b, NULL);
		}
	}
	free(wd);
	free(d);
	return rel;
}

/* A directory is dirty when anything below it is. */
static int dir_dirty(git_repository *repo, const char *rel, err *e)
{
	git_status_options o = GIT_STATUS_OPTIONS_INIT;
	char *spec = (char *)rel;
	o.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
		  GIT_STATUS_OPT_DISABLE_PATHSPEC_MATCH;
	o.pathspec.strings = &spec;
	o.pathspec.count = 1;
	git_status_list *l;
	if (GIT(git_status_list_new)(&l, repo, &o) < 0)
		return err_set(e, "'%s': cannot read its Git status: %s", rel, git_msg());
	int dirty = GIT(git_status_list_entrycount)(l) > 0;
	GIT(git_status_list_free)(l);
	return dirty;
}

int fsrc_git_is_dirty(const char *workdir, const char *path, err *e)
{
	if (gitlib_init(e))
		return -1;
	git_repository *repo;
	int rc = GIT(git_repository_open_ext)(&repo, workdir, 0, NULL);
	if (rc < 0) {
		gitlib_shutdown();
		return rc == GIT_ENOTFOUND ? 0
					   : err_set(e, "'%s': cannot open its Git repository: %s",
						     workdir, git_msg());
	}
	char *rel = GIT(git_repository_is_bare)(repo) ? NULL : repo_relative(repo, workdir, path);
	int dirty = 0;
	unsigned flags = 0;
	if (rel) {
		rc = GIT(git_status_file)(&flags, repo, rel);
		if (rc == GIT_EAMBIGUOUS)
			dirty = dir_dirty(repo, rel, e);
		else if (rc < 0 && rc != GIT_ENOTFOUND)
			dirty = err_set(e, "'%s/%s': cannot read its Git status: %s", workdir,
					path, git_msg());
		else if (rc == 0)
			/* An ignored file is scratch output, not work to protect. */
			dirty = flags != GIT_STATUS_CURRENT && !(flags & GIT_STATUS_IGNORED);
	}
	free(rel);
	GIT(git_repository_free)(repo);
	gitlib_shutdown();
	return dirty;
}
