/* rdiff_git.c - renders at two sides of a repository compared; see
 * rdiff_git.h.
 *
 * Both sides are opened once and every unit is rendered through them, so
 * the .sourceignore walk happens once per side.  Render notes (skipped
 * Kustomizations and the like) are the same on both sides and say nothing
 * about the difference, so they are not printed.
 */
#include "strata/rdiff_git.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "strata/build.h"
#include "strata/fsrc_ignore.h"
#include "strata/kust.h"
#include "strata/path.h"
#include "strata/render.h"

typedef enum unit_kind { UNIT_PROFILE, UNIT_KUST } unit_kind;

typedef struct unit {
	const char *path;   /* root-relative */
	unit_kind kind;
} unit;

typedef struct units {
	unit *v;
	size_t n, cap;
} units;

/* One side: the repository as Flux packs it (ignore rules applied) for
 * profiles, and as it is for plain kustomize builds. */
typedef struct side {
	const char *label;
	fsrc *plain, *flux;
	pcache *pc;  /* shared by both sides: most files are alike */
} side;

typedef struct objs {
	rdiff_obj *v;
	size_t n, cap;
} objs;

/* --- opening ------------------------------------------------------------- */

static void close_side(side *s)
{
	if (s->flux)
		fsrc_close(s->flux);
	if (s->plain)
		fsrc_close(s->plain);
	s->flux = s->plain = NULL;
}

static int open_side(const char *root, fsrc_git_side which, const char *rev, side *s, err *e)
{
	s->plain = fsrc_git_open(root, which, rev, e);
	if (!s->plain)
		return -1;
	s->flux = fsrc_ignore_open(s->plain, "", NULL, e);
	if (!s->flux) {
		close_side(s);
		return err_wrap(e, "%s", s->label);
	}
	return 0;
}

/* --- which units --------------------------------------------------------- */

static void add_unit(arena *a, units *u, const char *path, unit_kind kind)
{
	for (size_t i = 0; i < u->n; i++)
		if (!strcmp(u->v[i].path, path))
			return;
	if (u->n == u->cap) {
		size_t nc = u->cap ? u->cap * 2 : 16;
		u->v = arena_grow(a, u->v, u->cap * sizeof *u->v, nc * sizeof *u->v);
		u->cap = nc;
	}
	u->v[u->n++] = (unit){arena_strdup(a, path), kind};
}

/* Calls fn for every directory directly below dir (hidden ones left out). */
static void each_subdir(arena *a, fsrc *fs, const char *dir, void (*fn)(void *, const char *),
			void *ctx)
{
	char **names;
	size_t n;
	err e = ERR_INIT;
	if (fsrc_list(fs, dir, &names, &n, &e)) {
		err_clear(&e);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const char *p = dir[0] ? arena_sprintf(a, "%s/%s", dir, names[i]) : names[i];
		if (names[i][0] != '.' && fsrc_stat(fs, p) == FSRC_DIR)
			fn(ctx, arena_strdup(a, p));
	}
	fsrc_free_list(names, n);
}

struct scan {
	arena *a;
	fsrc *fs;
	units *u;
	bool overlays;
};

static void add_profile(void *ctx, const char *dir)
{
	struct scan *s = ctx;
	add_unit(s->a, s->u, dir, UNIT_PROFILE);
}

static void add_overlay(void *ctx, const char *dir)
{
	struct scan *s = ctx;
	if (kust_count_files(s->fs, dir) != 0)
		add_unit(s->a, s->u, dir, UNIT_KUST);
}

static void scan_top(void *ctx, const char *dir)
{
	struct scan *s = ctx;
	if (!strncmp(dir, "profiles", 8)) {
		each_subdir(s->a, s->fs, dir, add_profile, s);
		return;
	}
	const char *ov = arena_sprintf(s->a, "%s/overlays", dir);
	if (s->overlays && fsrc_stat(s->fs, ov) == FSRC_DIR)
		each_subdir(s->a, s->fs, ov, add_overlay, s);
}

static int unit_cmp(const void *x, const void *y)
{
	return strcmp(((const unit *)x)->path, ((const unit *)y)->path);
}

/* PATH (relative to the current directory) as a root-relative path. */
static const char *root_relative(arena *a, const char *root, const char *cwd, const char *p)
{
	const char *abs = p[0] == '/' ? p : arena_sprintf(a, "%s/%s", cwd, p);
	const char *clean = path_join(a, "", abs);
	size_t rl = strcmp(root, "/") ? strlen(root) : 0;
	if (!clean)
		return NULL;
	/* path_join drops the leading slash: compare without it. */
	const char *r = root + (rl ? 1 : 0);
	size_t l = rl ? rl - 1 : 0;
	if (l && (strncmp(clean, r, l) || (clean[l] && clean[l] != '/')))
		return NULL;
	const char *rest = clean + l;
	while (*rest == '/')
		rest++;
	return rest;
}

static bool is_profile_path(const char *p)
{
	const char *slash = strchr(p, '/');
	return !strncmp(p, "profiles", 8) && slash && slash[1] && !strchr(slash + 1, '/');
}

static int given_unit(arena *a, side *sides, const char *rel, const char *arg, units *u, err *e)
{
	bool dir = false, has_kust = false;
	for (int i = 0; i < 2; i++) {
		dir |= fsrc_stat(sides[i].plain, rel) == FSRC_DIR;
		has_kust |= kust_count_files(sides[i].plain, rel) != 0;
	}
	if (!dir) {
		err_set(e, "%s is a directory neither at %s nor in %s; give a profile or "
			   "kustomization directory",
			arg, sides[0].label, sides[1].label);
		e->status = 2;
		return -1;
	}
	add_unit(a, u, rel, is_profile_path(rel) || !has_kust ? UNIT_PROFILE : UNIT_KUST);
	return 0;
}

static int find_units(arena *a, const rdiff_git_opts *o, const char *root, const char *cwd,
		      side *sides, units *u, err *e)
{
	for (size_t i = 0; i < o->npaths; i++) {
		const char *rel = root_relative(a, root, cwd, o->paths[i]);
		if (!rel) {
			err_set(e, "%s lies outside the repository %s", o->paths[i], root);
			e->status = 2;
			return -1;
		}
		if (given_unit(a, sides, rel, o->paths[i], u, e))
			return -1;
	}
	for (int i = 0; !o->npaths && i < 2; i++) {
		struct scan s = {a, sides[i].plain, u, o->overlays};
		each_subdir(a, sides[i].plain, "", scan_top, &s);
	}
	if (u->n)
		qsort(u->v, u->n, sizeof *u->v, unit_cmp);
	return 0;
}

/* --- rendering one side -------------------------------------------------- */

static void add_obj(arena *a, objs *o, const node *obj, const char *source)
{
	if (o->n == o->cap) {
		size_t nc = o->cap ? o->cap * 2 : 64;
		o->v = arena_grow(a, o->v, o->cap * sizeof *o->v, nc * sizeof *o->v);
		o->cap = nc;
	}
	o->v[o->n++] = (rdiff_obj){obj, source};
}

static const char *where(arena *a, const render *r, const render_block *b, const resource *res)
{
	const char *file = res->source ? res->source : "generated";
	if (b->ks)
		return arena_sprintf(a, "Kustomization %s/%s (%s)", b->ks->ns, b->ks->name, file);
	return arena_sprintf(a, "profile %s (%s)", r->opts.profile, file);
}

static int render_profile(arena *a, side *s, const char *dir, const char *display_base,
			  objs *out, err *e)
{
	render_opts ro = {.profile = dir, .display_base = display_base, .pcache = s->pc};
	render r;
	render_init(&r, a, s->flux, &ro);
	int rc = render_run(&r, e);
	for (size_t i = 0; !rc && i < r.n; i++) {
		const render_block *b = &r.v[i];
		if (b->state != RENDER_BUILT)
			continue;
		for (size_t j = 0; j < b->objs.n; j++)
			add_obj(a, out, b->objs.v[j]->obj, where(a, &r, b, b->objs.v[j]));
	}
	render_release(&r);
	return rc;
}

static int build_kust(arena *a, side *s, const char *dir, const char *display_base, objs *out,
		      err *e)
{
	build_opts bo = {.display_base = display_base, .display_root = "", .pcache = s->pc};
	build b;
	build_init(&b, a, s->plain, &bo);
	resmap m = {0};
	int rc = build_run(&b, dir, &m, e);
	if (!rc)
		build_normalise(&b, &m);
	build_release(&b);
	for (size_t j = 0; !rc && j < m.n; j++)
		add_obj(a, out, m.v[j]->obj, m.v[j]->source ? m.v[j]->source : dir);
	return rc;
}

/* The unit's objects on one side; *exists false when its directory is not
 * there (a new or deleted unit). */
static int side_objects(arena *a, side *s, const unit *u, const char *display_base, objs *out,
			bool *exists, err *e)
{
	memset(out, 0, sizeof *out);
	*exists = fsrc_stat(s->plain, u->path) == FSRC_DIR;
	if (!*exists)
		return 0;
	if (u->kind == UNIT_PROFILE)
		return render_profile(a, s, u->path, display_base, out, e);
	return build_kust(a, s, u->path, display_base, out, e);
}

static void compare_unit(arena *a, side *sides, const unit *u, const char *display_base,
			 rdiff_unit *out)
{
	memset(out, 0, sizeof *out);
	out->name = u->path[0] ? u->path : ".";
	objs o[2];
	bool exists[2];
	buf why = BUF_INIT;
	for (int i = 0; i < 2; i++) {
		err e = ERR_INIT;
		if (side_objects(a, &sides[i], u, display_base, &o[i], &exists[i], &e))
			buf_printf(&why, "%sat %s: %s", why.len ? "\n" : "", sides[i].label,
				   e.msg ? e.msg : "failed");
		err_clear(&e);
	}
	if (!why.len) {
		err e = ERR_INIT;
		if (rdiff_compare(a, o[0].v, o[0].n, o[1].v, o[1].n, &out->set, &e))
			buf_adds(&why, e.msg ? e.msg : "failed");
		err_clear(&e);
	}
	if (why.len)
		out->error = arena_strndup(a, why.p, why.len);
	else if (!exists[0] && exists[1])
		out->note = "new";
	else if (exists[0] && !exists[1])
		out->note = "deleted";
	buf_free(&why);
}

/* --- the run ------------------------------------------------------------- */

static const char *to_label(const rdiff_git_opts *o)
{
	if (o->to_side == FSRC_GIT_INDEX)
		return "the index";
	if (o->to_side == FSRC_GIT_WORKTREE)
		return "the work tree";
	return o->to_rev ? o->to_rev : "HEAD";
}

static int setup_error(err *e)
{
	e->status = 2;
	return -1;
}

int rdiff_git_run(arena *a, const rdiff_git_opts *o, rdiff_git *out, err *e)
{
	memset(out, 0, sizeof *out);
	out->from_label = o->from_rev ? o->from_rev : "HEAD";
	out->to_label = to_label(o);
	char *cwd = getcwd(NULL, 0);
	if (!cwd)
		return err_set(e, "cannot read the current directory: %s", strerror(errno)),
		       setup_error(e);
	char *root = fsrc_git_workdir(cwd, e);
	if (!root) {
		free(cwd);
		return setup_error(e);
	}
	char *rcwd = realpath(cwd, NULL);
	const char *cwd_abs = arena_strdup(a, rcwd ? rcwd : cwd);
	free(rcwd);
	free(cwd);
	const char *base = root_relative(a, root, cwd_abs, ".");
	side sides[2] = {{out->from_label, NULL, NULL, o->pcache},
			 {out->to_label, NULL, NULL, o->pcache}};
	int rc = open_side(root, FSRC_GIT_REV, out->from_label, &sides[0], e);
	if (!rc)
		rc = open_side(root, o->to_side, o->to_rev, &sides[1], e);
	units u = {0};
	if (!rc)
		rc = find_units(a, o, root, cwd_abs, sides, &u, e);
	if (!rc) {
		out->v = arena_alloc(a, (u.n + 1) * sizeof *out->v);
		out->n = u.n;
	}
	for (size_t i = 0; !rc && i < u.n; i++) {
		compare_unit(a, sides, &u.v[i], base ? base : "", &out->v[i]);
		out->failed += out->v[i].error != NULL;
		out->differing += !out->v[i].error && out->v[i].set.n;
	}
	close_side(&sides[1]);
	close_side(&sides[0]);
	free(root);
	if (rc && e->status != 2)
		setup_error(e);
	return rc;
}
