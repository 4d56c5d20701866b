/* render.c - a profile and every Flux Kustomization below it; see render.h.
 *
 * Decisions where Flux has no counterpart (it reads a cluster, strata reads
 * only the repository):
 *  - The repository's own source is the sourceRef of the Kustomization
 *    whose path is the profile (the flux-system sync object), else
 *    GitRepository flux-system/flux-system; --source names it otherwise.
 *    Kustomizations from any other source are reported, never fetched.
 *  - substituteFrom reads ConfigMaps and Secrets from the rendered output
 *    (the Kustomization's namespace).  One that is not there is an error,
 *    unless it is optional or the user gave cluster values with --var or
 *    --vars-file, which then stand in for it.
 */
#include "strata/render.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "strata/atomic.h"
#include "strata/base64.h"
#include "strata/build.h"
#include "strata/emit.h"
#include "strata/fsrc_overlay.h"
#include "strata/json.h"
#include "strata/kust.h"
#include "strata/path.h"
#include "strata/pool.h"

void render_init(render *r, arena *a, fsrc *fs, const render_opts *o)
{
	memset(r, 0, sizeof *r);
	r->a = a;
	r->fs = fs;
	r->opts = *o;
}

void render_release(render *r)
{
	for (size_t i = 0; i < r->n; i++)
		err_clear(&r->v[i].post_e);
	buf_free(&r->notes);
	free(r->v);
	free(r->order);
}

static render_block *add_block(render *r)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 8;
		r->v = realloc(r->v, r->cap * sizeof *r->v);
	}
	render_block *b = &r->v[r->n++];
	memset(b, 0, sizeof *b);
	return b;
}

static const char *block_name(arena *a, const render_block *b)
{
	if (!b->ks)
		return arena_sprintf(a, "profile %s", b->dir[0] ? b->dir : ".");
	return arena_sprintf(a, "Kustomization %s", flux_ks_id(a, b->ks));
}

/* --- one Flux build ----------------------------------------------------- */

struct edit_ctx {
	const flux_ks *ks;
	fsrc *fs;
	bool generated;
};

static int edit_top(void *ctx, arena *a, const char *dir, node *root, err *e)
{
	struct edit_ctx *c = ctx;
	return flux_edit_kustomization(a, c->fs, dir, c->ks, c->generated, root, e);
}

static int check_built(arena *a, const render_block *b, err *e)
{
	for (size_t i = 0; i < b->objs.n; i++) {
		const resource *res = b->objs.v[i];
		const char *av = node_get_str(res->obj, "apiVersion");
		if (!av || !av[0])
			return err_set(e, "%s: failed to decode Kubernetes apiVersion, kind and "
					  "name from %s (%s); give every object an apiVersion",
				       block_name(a, b), res->source ? res->source : "an object",
				       resid_string(a, &res->orig));
	}
	return 0;
}

/* Builds b->dir as kustomize-controller builds ks's path (ks NULL: a
 * profile no Kustomization syncs), allocating in a and noting warnings in
 * notes: touches nothing else of r, so blocks can build on several
 * threads. */
static int flux_build(render *r, render_block *b, const flux_ks *ks, arena *a, buf *notes,
		      err *e)
{
	if (fsrc_stat(r->fs, b->dir) != FSRC_DIR)
		return err_set(e, "%s: kustomization path not found: '%s' is not a directory of "
				  "the repository; fix spec.path",
			       block_name(a, b), b->dir[0] ? b->dir : ".");
	fsrc *ov = fsrc_overlay_open(r->fs);
	int rc = 0;
	bool generated = kust_count_files(r->fs, b->dir) == 0;
	if (generated) {
		buf gen = BUF_INIT;
		rc = flux_gen_kustomization(a, r->fs, b->dir, b->dir, &gen, e);
		if (!rc)
			fsrc_overlay_put(ov, path_join(a, b->dir, "kustomization.yaml"), gen.p,
					 gen.len);
		buf_free(&gen);
	}
	struct edit_ctx ctx = {ks, r->fs, generated};
	kust_edit edit = {edit_top, &ctx};
	build_opts o = {.load_restrictions_none = true,
			.display_base = r->opts.display_base,
			.display_root = "",
			.edit_top = &edit,
			.jobs = r->build_jobs,
			.par_always = r->opts.par_always,
			.pcache = r->opts.pcache};
	build bld;
	build_init(&bld, a, ov, &o);
	if (!rc)
		rc = build_run(&bld, b->dir, &b->objs, e);
	if (!rc)
		build_normalise(&bld, &b->objs);
	if (bld.warnings.len)
		buf_adds(notes, bld.warnings.p);
	build_release(&bld);
	fsrc_close(ov);
	if (rc)
		return err_wrap(e, "%s", block_name(a, b));
	return check_built(a, b, e);
}

/* --- finding Kustomizations -------------------------------------------- */

static render_block *find_ks(render *r, const char *ns, const char *name)
{
	for (size_t i = 1; i < r->n; i++)
		if (!strcmp(r->v[i].ks->ns, ns) && !strcmp(r->v[i].ks->name, name))
			return &r->v[i];
	return NULL;
}

static int discover(render *r, size_t parent, err *e)
{
	for (size_t i = 0; i < r->v[parent].objs.n; i++) {
		const resource *res = r->v[parent].objs.v[i];
		if (!flux_is_kustomization(res->obj))
			continue;
		flux_ks *ks = arena_alloc(r->a, sizeof *ks);
		if (flux_ks_parse(r->a, res->obj, res->source, ks, e))
			return err_wrap(e, "%s", block_name(r->a, &r->v[parent]));
		render_block *dup = find_ks(r, ks->ns, ks->name);
		if (dup)
			return err_set(e, "Kustomization %s is defined twice: in the output of %s "
					  "and of %s; Flux would apply only one of them, so rename "
					  "one",
				       flux_ks_id(r->a, ks), block_name(r->a, &r->v[dup->parent]),
				       block_name(r->a, &r->v[parent]));
		render_block *b = add_block(r);  /* may move r->v */
		b->ks = ks;
		b->parent = parent;
	}
	return 0;
}

/* spec.path joined under the source root the way Flux's SecureJoin does
 * it: ".." at the root stays at the root, so nothing outside is reached. */
static const char *clamp_path(arena *a, const char *p)
{
	char *out = arena_alloc(a, strlen(p) + 1);
	size_t n = 0;
	while (*p) {
		while (*p == '/')
			p++;
		const char *end = strchr(p, '/');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len == 2 && !memcmp(p, "..", 2)) {
			while (n > 0 && out[n - 1] != '/')
				n--;
			if (n > 0)
				n--;
		} else if (len && !(len == 1 && p[0] == '.')) {
			if (n)
				out[n++] = '/';
			memcpy(out + n, p, len);
			n += len;
		}
		p += len;
	}
	out[n] = 0;
	return out;
}

static bool same_ref(const flux_ref *x, const flux_ref *y)
{
	return !strcmp(x->kind, y->kind) && !strcmp(x->name, y->name) && !strcmp(x->ns, y->ns);
}

static int parse_source_opt(render *r, err *e)
{
	const char *s = r->opts.source;
	const char *a = strchr(s, '/');
	const char *b = a ? strchr(a + 1, '/') : NULL;
	if (!a || !b || strchr(b + 1, '/') || a == s || b == a + 1 || !b[1])
		return err_set(e, "--source '%s': expected KIND/NAMESPACE/NAME, e.g. "
				  "GitRepository/flux-system/flux-system",
			       s);
	r->source.kind = arena_strndup(r->a, s, (size_t)(a - s));
	r->source.ns = arena_strndup(r->a, a + 1, (size_t)(b - a - 1));
	r->source.name = arena_strdup(r->a, b + 1);
	r->have_source = true;
	return 0;
}

/* The source the profile itself is synced from. */
static void pick_source(render *r, const char *dir)
{
	if (r->have_source)
		return;
	for (size_t i = 1; i < r->n; i++) {
		if (!strcmp(clamp_path(r->a, r->v[i].ks->path), dir)) {
			r->source = r->v[i].ks->source_ref;
			r->have_source = true;
			return;
		}
	}
	r->source = (flux_ref){"GitRepository", "flux-system", "flux-system"};
	r->have_source = true;
}

static bool in_chain(render *r, size_t from, const char *dir)
{
	for (size_t i = from;; i = r->v[i].parent) {
		if (r->v[i].state == RENDER_BUILT && !strcmp(r->v[i].dir, dir))
			return true;
		if (i == 0)
			return false;
	}
}

/* Decides what becomes of Kustomization i; true when it is to be built. */
static bool classify(render *r, size_t i)
{
	render_block *b = &r->v[i];
	const flux_ks *ks = b->ks;
	if (!same_ref(&ks->source_ref, &r->source)) {
		b->state = RENDER_SKIPPED;
		b->why = arena_sprintf(r->a, "its source %s %s/%s is not this repository (%s %s/%s); "
					     "strata never fetches other sources",
				       ks->source_ref.kind, ks->source_ref.ns, ks->source_ref.name,
				       r->source.kind, r->source.ns, r->source.name);
		return false;
	}
	const char *dir = clamp_path(r->a, ks->path);
	b->dir = dir;
	if (in_chain(r, b->parent, dir)) {
		b->state = RENDER_SELF;
		b->why = arena_sprintf(r->a, "its path %s is already being rendered (it syncs "
					     "the directory it is defined in)",
				       dir[0] ? dir : ".");
		return false;
	}
	b->state = RENDER_BUILT;
	return true;
}

static void post_prepare(render *r, render_block *b);

/* The blocks of one wave build in parallel: each in its own arena, with
 * its own error and notes, so nothing is shared but the render, read only. */
struct wave {
	render *r;
	const size_t *todo;
};

static void wave_task(void *ctx, size_t worker, size_t k)
{
	(void)worker;
	struct wave *w = ctx;
	render_block *b = &w->r->v[w->todo[k]];
	b->a = arena_new();
	b->rc = flux_build(w->r, b, b->ks, b->a, &b->notes, &b->e);
	if (!b->rc && b->ks && !b->ks->substitute_from)
		post_prepare(w->r, b);
}

static int build_wave(render *r, const size_t *todo, size_t n, err *e)
{
	struct wave w = {r, todo};
	/* Every build may use every core: Kustomizations of one wave differ
	 * in size, and the big one is left to run alone.  Read by the
	 * workers, written only while none runs. */
	r->build_jobs = r->opts.threaded_builds ? (int)pool_workers(r->opts.jobs, SIZE_MAX) : 1;
	pool_run(pool_workers(r->opts.jobs, n), n, wave_task, &w);
	/* Errors and notes in the order the blocks were found, whatever
	 * order the threads finished in. */
	int rc = 0;
	for (size_t k = 0; k < n; k++) {
		render_block *b = &r->v[todo[k]];
		/* The objects must outlive the render, as the caller's arena
		 * does (diff compares them after render_release). */
		arena_adopt(r->a, b->a);
		b->a = NULL;
		if (b->notes.len)
			buf_adds(&r->notes, b->notes.p);
		buf_free(&b->notes);
		if (b->rc && !rc) {
			rc = -1;
			*e = b->e;
			b->e = (err)ERR_INIT;
		}
		err_clear(&b->e);
	}
	return rc;
}

/* Kustomizations found so far are built wave by wave: those found in one
 * wave's output make the next. */
static int render_kustomizations(render *r, err *e)
{
	size_t done = 1;
	while (done < r->n) {
		size_t end = r->n, nt = 0;
		size_t *todo = malloc((end - done) * sizeof *todo);
		for (size_t i = done; i < end; i++)
			if (classify(r, i))
				todo[nt++] = i;
		int rc = build_wave(r, todo, nt, e);
		for (size_t k = 0; !rc && k < nt; k++)
			rc = discover(r, todo[k], e);
		free(todo);
		if (rc)
			return -1;
		done = end;
	}
	return 0;
}

/* --- dependsOn ---------------------------------------------------------- */

enum { WHITE, GREY, BLACK };

struct topo {
	render *r;
	unsigned char *mark;
	size_t *stack;   /* the path being visited, for the cycle message */
	size_t depth;
	err *e;
};

static int cycle_error(struct topo *t, size_t again)
{
	buf b = BUF_INIT;
	size_t from = 0;
	while (t->stack[from] != again)
		from++;
	for (size_t i = from; i < t->depth; i++)
		buf_printf(&b, "%s -> ", flux_ks_id(t->r->a, t->r->v[t->stack[i]].ks));
	buf_adds(&b, flux_ks_id(t->r->a, t->r->v[again].ks));
	err_set(t->e, "dependsOn cycle: %s; Flux would wait forever, so remove one of "
		      "these dependencies",
		b.p);
	buf_free(&b);
	return -1;
}

static int visit(struct topo *t, size_t i)
{
	render *r = t->r;
	if (t->mark[i] == BLACK)
		return 0;
	if (t->mark[i] == GREY)
		return cycle_error(t, i);
	t->mark[i] = GREY;
	t->stack[t->depth++] = i;
	const flux_ks *ks = r->v[i].ks;
	for (size_t d = 0; d < ks->ndeps; d++) {
		const flux_dep *dep = &ks->deps[d];
		render_block *target = find_ks(r, dep->ns, dep->name);
		if (!target) {
			const node *at = dep->at;
			return err_at(t->e, at->file ? at->file : ks->source, at->line, at->col,
				      "Kustomization %s dependsOn %s/%s, which no Kustomization "
				      "of this profile defines (Flux: dependency '%s/%s' not "
				      "found); fix the name or namespace",
				      flux_ks_id(r->a, ks), dep->ns, dep->name, dep->ns, dep->name);
		}
		if (visit(t, (size_t)(target - r->v)))
			return -1;
	}
	t->depth--;
	t->mark[i] = BLACK;
	r->order[r->norder++] = i;
	return 0;
}

/* Dependencies first; otherwise the order Kustomizations were found in. */
static int order_blocks(render *r, err *e)
{
	struct topo t = {r, calloc(r->n, 1), malloc(r->n * sizeof(size_t)), 0, e};
	free(r->order);
	r->order = malloc(r->n * sizeof *r->order);
	r->norder = 0;
	int rc = 0;
	for (size_t i = 1; !rc && i < r->n; i++)
		rc = visit(&t, i);
	free(t.mark);
	free(t.stack);
	return rc;
}

/* --- postBuild, owner labels, commonMetadata ---------------------------- */

/* An object by kind, namespace and name in any built block (apiVersion
 * prefix checked by the caller when it matters). */
static const resource *find_object_any(render *r, const char *kind, const char *ns,
				       const char *name)
{
	for (size_t i = 0; i < r->n; i++) {
		if (r->v[i].state != RENDER_BUILT)
			continue;
		for (size_t j = 0; j < r->v[i].objs.n; j++) {
			const node *o = r->v[i].objs.v[j]->obj;
			const node *md = node_get(o, "metadata");
			const char *k = node_get_str(o, "kind"), *n = node_get_str(md, "name");
			const char *s = node_get_str(md, "namespace");
			if (!s || !s[0])
				s = "default";
			if (k && n && !strcmp(k, kind) && !strcmp(n, name) && !strcmp(s, ns))
				return r->v[i].objs.v[j];
		}
	}
	return NULL;
}

/* A core ConfigMap or Secret, as substituteFrom reads them. */
static const resource *find_object(render *r, const char *kind, const char *ns,
				   const char *name)
{
	const resource *res = find_object_any(r, kind, ns, name);
	const char *av = res ? node_get_str(res->obj, "apiVersion") : NULL;
	return av && !strcmp(av, "v1") ? res : NULL;
}

static int add_map_vars(render *r, varsub_vars *vars, const node *m, bool b64, const char *what,
			err *e)
{
	for (uint32_t i = 0; m && m->kind == NODE_MAP && i < m->map.n; i++) {
		const node *v = m->map.v[i].val;
		if (!node_is_scalar(v))
			continue;
		if (!b64) {
			varsub_set(r->a, vars, m->map.v[i].key->str.s, v->str.s, v->str.len);
			continue;
		}
		buf dec = BUF_INIT;
		if (base64_decode(&dec, v->str.s, v->str.len)) {
			buf_free(&dec);
			return err_at(e, v->file, v->line, v->col,
				      "%s: data.%s is not base64; Kubernetes would refuse this "
				      "Secret",
				      what, m->map.v[i].key->str.s);
		}
		varsub_set(r->a, vars, m->map.v[i].key->str.s, dec.p ? dec.p : "", dec.len);
		buf_free(&dec);
	}
	return 0;
}

static int vars_from_ref(render *r, const flux_ks *ks, const node *ref, varsub_vars *vars,
			 err *e)
{
	const char *kind = node_get_str(ref, "kind"), *name = node_get_str(ref, "name");
	node *opt = node_get(ref, "optional");
	bool optional = opt && opt->kind == NODE_BOOL && !strcmp(opt->str.s, "true");
	const resource *src = find_object(r, kind, ks->ns, name);
	if (!src) {
		if (optional)
			return 0;
		if (r->opts.have_cli_vars) {
			buf_printf(&r->notes,
				   "strata render: Kustomization %s: %s %s/%s is not in the "
				   "rendered output; using --var/--vars-file values for it\n",
				   flux_ks_id(r->a, ks), kind, ks->ns, name);
			return 0;
		}
		return err_at(e, ref->file ? ref->file : ks->source, ref->line, ref->col,
			      "Kustomization %s: substitute from '%s/%s' error: no %s %s/%s in "
			      "the rendered output; if it exists only in the cluster, give its "
			      "values with --var KEY=VALUE or --vars-file FILE, or mark it "
			      "optional",
			      flux_ks_id(r->a, ks), kind, name, kind, ks->ns, name);
	}
	const char *what = arena_sprintf(r->a, "%s %s/%s", kind, ks->ns, name);
	if (!strcmp(kind, "ConfigMap"))
		return add_map_vars(r, vars, node_get(src->obj, "data"), false, what, e);
	/* In the cluster stringData has been folded into data. */
	return add_map_vars(r, vars, node_get(src->obj, "data"), true, what, e) ||
	       add_map_vars(r, vars, node_get(src->obj, "stringData"), false, what, e);
}

/* a: where the variables go (a worker's arena when it calls). */
static int ks_vars(render *r, arena *a, const flux_ks *ks, varsub_vars *vars, err *e)
{
	memset(vars, 0, sizeof *vars);
	if (r->opts.have_cli_vars)
		for (size_t i = 0; i < r->opts.cli_vars.n; i++)
			varsub_set(a, vars, r->opts.cli_vars.key[i], r->opts.cli_vars.val[i],
				   strlen(r->opts.cli_vars.val[i]));
	for (uint32_t i = 0; ks->substitute_from && i < ks->substitute_from->seq.n; i++)
		if (vars_from_ref(r, ks, ks->substitute_from->seq.v[i], vars, e))
			return -1;
	for (uint32_t i = 0; ks->substitute && i < ks->substitute->map.n; i++) {
		const node *v = ks->substitute->map.v[i].val;
		varsub_set(a, vars, ks->substitute->map.v[i].key->str.s, v->str.s, v->str.len);
	}
	return varsub_check_names(vars, e);
}

/* build_par_min for what a render spreads itself. */
static size_t render_par_min(const render *r)
{
	return r->opts.par_always ? 0 : BUILD_PAR_MIN;
}

struct post_job {
	const render_block *b;
	const varsub_vars *vars;
	bool strict;
	node **post;
};

static int post_one(void *ctx, arena *a, size_t i, err *e)
{
	const struct post_job *j = ctx;
	const resource *res = j->b->objs.v[i];
	if (varsub_disabled(res->obj))
		return 0;
	const char *what = resid_string(a, &res->orig);
	return varsub_apply(a, res->obj, j->vars, j->strict, what, &j->post[i], e);
}

/* The substituted objects of block b into post[i] (NULL: left as it is),
 * allocated in a; touches nothing else, so a worker can run it.  Each
 * object is substituted on its own (Flux's text round trip, the costliest
 * step of a render), on as many threads as the block's build had; the
 * error is the first object's in order. */
static int post_objects(render *r, arena *a, render_block *b, const flux_ks *ks, node **post,
			err *e)
{
	if (!node_dig(ks->obj, "spec", "postBuild", NULL))
		return 0;
	varsub_vars vars;
	if (ks_vars(r, a, ks, &vars, e))
		return err_wrap(e, "post build failed for '%s'", flux_ks_id(a, ks));
	if (!vars.n)
		return 0;
	struct post_job j = {b, &vars, r->opts.strict, post};
	pool_par par = {r->build_jobs, render_par_min(r), NULL, 0};
	if (pool_each(&par, b->objs.n, a, post_one, &j, e))
		return err_wrap(e, "post build failed for '%s'", flux_ks_id(a, ks));
	return 0;
}

/* In the worker, right after the build: nothing between here and the
 * block's turn in dependsOn order changes what postBuild reads. */
static void post_prepare(render *r, render_block *b)
{
	b->post = arena_alloc(b->a, (b->objs.n + 1) * sizeof *b->post);
	b->post_rc = post_objects(r, b->a, b, b->ks, b->post, &b->post_e);
	b->post_ready = true;
}

static int post_build(render *r, render_block *b, const flux_ks *ks, err *e)
{
	node **post = b->post;
	int rc;
	if (b->post_ready) {
		rc = b->post_rc;
		if (rc) {
			err_clear(e);
			*e = b->post_e;
			b->post_e = (err)ERR_INIT;
		}
	} else {
		post = arena_alloc(r->a, (b->objs.n + 1) * sizeof *post);
		rc = post_objects(r, r->a, b, ks, post, e);
	}
	for (size_t i = 0; !rc && i < b->objs.n; i++)
		if (post[i])
			b->objs.v[i]->obj = post[i];
	return rc;
}

static void set_meta(arena *a, node *obj, const char *field, const char *key, const node *val)
{
	node *md = node_ensure_map(a, obj, "metadata");
	node *m = node_get(md, field);
	if (!m || m->kind != NODE_MAP) {
		m = node_map(a);
		node_set(a, md, field, m);
	}
	node *v = (node *)val;  /* shared, never modified */
	if (val->kind != NODE_STR) {
		v = node_strn(a, val->str.s, val->str.len);
		node_set_pos(v, val);
	}
	node_set(a, m, key, v);
}

/* Flux stamps every object it applies with the Kustomization that owns it,
 * then commonMetadata, both on the object's own metadata only. */
static void stamp(render *r, render_block *b, const flux_ks *ks)
{
	node *name = node_str(r->a, ks->name), *ns = node_str(r->a, ks->ns);
	for (size_t i = 0; i < b->objs.n; i++) {
		node *obj = b->objs.v[i]->obj;
		set_meta(r->a, obj, "labels", "kustomize.toolkit.fluxcd.io/name", name);
		set_meta(r->a, obj, "labels", "kustomize.toolkit.fluxcd.io/namespace", ns);
		for (uint32_t j = 0; ks->labels && j < ks->labels->map.n; j++)
			if (node_is_scalar(ks->labels->map.v[j].val))
				set_meta(r->a, obj, "labels", ks->labels->map.v[j].key->str.s,
					 ks->labels->map.v[j].val);
		for (uint32_t j = 0; ks->annotations && j < ks->annotations->map.n; j++)
			if (node_is_scalar(ks->annotations->map.v[j].val))
				set_meta(r->a, obj, "annotations",
					 ks->annotations->map.v[j].key->str.s,
					 ks->annotations->map.v[j].val);
	}
}

/* --- the whole render --------------------------------------------------- */

static const flux_ks *find_sync(render *r)
{
	for (size_t i = 1; i < r->n; i++)
		if (!strcmp(clamp_path(r->a, r->v[i].ks->path), r->v[0].dir))
			return r->v[i].ks;
	return NULL;
}

/* The profile, built as the Kustomization that syncs it builds it when
 * there is one (its patches often reach the Kustomizations below). */
static int render_profile(render *r, err *e)
{
	render_block *p = add_block(r);
	p->dir = r->opts.profile;
	p->state = RENDER_BUILT;
	if (flux_build(r, p, NULL, r->a, &r->notes, e) || discover(r, 0, e))
		return -1;
	const flux_ks *sync = find_sync(r);
	if (!sync)
		return 0;
	r->n = 1;
	r->sync = sync;
	if (flux_build(r, &r->v[0], sync, r->a, &r->notes, e) || discover(r, 0, e))
		return -1;
	if (!find_sync(r))
		buf_printf(&r->notes, "strata render: Kustomization %s syncs %s but its own "
				      "patches remove it from there\n",
			   flux_ks_id(r->a, sync), r->v[0].dir);
	return 0;
}

int render_run(render *r, err *e)
{
	if (r->opts.source && parse_source_opt(r, e))
		return -1;
	if (render_profile(r, e))
		return -1;
	pick_source(r, r->v[0].dir);
	if (render_kustomizations(r, e))
		return -1;
	if (order_blocks(r, e))
		return -1;
	if (r->sync) {
		if (post_build(r, &r->v[0], r->sync, e))
			return -1;
		stamp(r, &r->v[0], r->sync);
	}
	for (size_t k = 0; k < r->norder; k++) {
		render_block *b = &r->v[r->order[k]];
		if (b->state != RENDER_BUILT)
			continue;
		if (post_build(r, b, b->ks, e))
			return -1;
		stamp(r, b, b->ks);
	}
	for (size_t i = 1; i < r->n; i++)
		if (r->v[i].state != RENDER_BUILT)
			buf_printf(&r->notes, "strata render: %s %s: %s\n", block_name(r->a, &r->v[i]),
				   r->v[i].state == RENDER_SKIPPED ? "skipped" : "not rendered again",
				   r->v[i].why);
	return 0;
}

/* --- choosing and printing blocks --------------------------------------- */

static int find_named(render *r, const char *only, size_t *out, err *e)
{
	const char *slash = strchr(only, '/');
	size_t hits = 0;
	for (size_t i = 1; i < r->n; i++) {
		const flux_ks *ks = r->v[i].ks;
		bool match = slash ? !strcmp(flux_ks_id(r->a, ks), only) : !strcmp(ks->name, only);
		if (match) {
			*out = i;
			hits++;
		}
	}
	if (hits == 1)
		return 0;
	if (!hits)
		return err_set(e, "--only %s: no Kustomization of this profile has that name; "
				  "names are NAME or NAMESPACE/NAME",
			       only);
	return err_set(e, "--only %s: several Kustomizations have that name; give "
			  "NAMESPACE/NAME",
		       only);
}

static void mark_deps(render *r, size_t i, bool *want)
{
	if (want[i])
		return;
	want[i] = true;
	const flux_ks *ks = r->v[i].ks;
	for (size_t d = 0; d < ks->ndeps; d++) {
		render_block *t = find_ks(r, ks->deps[d].ns, ks->deps[d].name);
		if (t)
			mark_deps(r, (size_t)(t - r->v), want);
	}
}

int render_select(render *r, const char *only, bool deps, size_t *idx, size_t *n, err *e)
{
	*n = 0;
	if (!only) {
		idx[(*n)++] = 0;
		for (size_t k = 0; k < r->norder; k++)
			idx[(*n)++] = r->order[k];
		return 0;
	}
	size_t hit = 0;
	if (find_named(r, only, &hit, e))
		return -1;
	bool *want = calloc(r->n, sizeof *want);
	if (deps)
		mark_deps(r, hit, want);
	want[hit] = true;
	for (size_t k = 0; k < r->norder; k++)
		if (want[r->order[k]])
			idx[(*n)++] = r->order[k];
	free(want);
	return 0;
}

static const char *block_heading(render *r, const render_block *b)
{
	if (!b->ks) {
		if (r->sync)
			return arena_sprintf(r->a, "# profile %s (Kustomization %s)",
					     b->dir[0] ? b->dir : ".", flux_ks_id(r->a, r->sync));
		return arena_sprintf(r->a, "# profile %s", b->dir[0] ? b->dir : ".");
	}
	const char *path = b->ks->path[0] ? b->ks->path : "(repository root)";
	if (b->state == RENDER_SKIPPED)
		return arena_sprintf(r->a, "# Kustomization %s, path %s: skipped, %s",
				     flux_ks_id(r->a, b->ks), path, b->why);
	return arena_sprintf(r->a, "# Kustomization %s, path %s", flux_ks_id(r->a, b->ks), path);
}

static int emit_block(render *r, const render_block *b, buf *out, err *e)
{
	buf_adds(out, block_heading(r, b));
	buf_addc(out, '\n');
	size_t at;
	int rc = build_emit_stream(&b->objs, r->opts.jobs, render_par_min(r),
				   r->opts.max_output_size, out, &at, e);
	if (rc > 0)
		return err_set(e, "%s: the output passes %zu bytes at %s; raise the limit "
				  "with --max-output-size BYTES",
			       block_name(r->a, b), r->opts.max_output_size,
			       resid_string(r->a, &b->objs.v[at]->orig));
	return rc;
}

int render_emit_yaml(render *r, const size_t *idx, size_t n, buf *out, err *e)
{
	bool first = true;
	for (size_t k = 0; k < n; k++) {
		const render_block *b = &r->v[idx[k]];
		if (b->state == RENDER_SELF)
			continue;
		if (!first)
			buf_adds(out, "---\n");
		first = false;
		if (emit_block(r, b, out, e))
			return -1;
	}
	return 0;
}

static json_t *entry_json(render *r, const render_block *b, err *e, const node *obj)
{
	json_t *en = json_object();
	const flux_ks *ks = b->ks ? b->ks : r->sync;
	json_object_set_new(en, "kustomization", ks ? json_string(flux_ks_id(r->a, ks)) : json_null());
	/* The path as the heading of the YAML stream shows it. */
	json_object_set_new(en, "path", json_string(b->ks ? b->ks->path : b->dir));
	if (!obj) {
		json_object_set_new(en, "skipped", json_string(b->why));
		return en;
	}
	json_t *o = json_from_node(obj, e);
	if (!o) {
		json_decref(en);
		return NULL;
	}
	json_object_set_new(en, "object", o);
	return en;
}

int render_emit_json(render *r, const size_t *idx, size_t n, buf *out, err *e)
{
	json_t *list = json_array();
	for (size_t k = 0; k < n; k++) {
		const render_block *b = &r->v[idx[k]];
		if (b->state == RENDER_SELF)
			continue;
		if (b->state == RENDER_SKIPPED) {
			json_array_append_new(list, entry_json(r, b, e, NULL));
			continue;
		}
		for (size_t i = 0; i < b->objs.n; i++) {
			json_t *en = entry_json(r, b, e, b->objs.v[i]->obj);
			if (!en) {
				json_decref(list);
				return -1;
			}
			json_array_append_new(list, en);
		}
	}
	char *text = json_dumps(list, JSON_INDENT(2) | JSON_SORT_KEYS);
	json_decref(list);
	if (r->opts.max_output_size && strlen(text) > r->opts.max_output_size) {
		free(text);
		return err_set(e, "the JSON output passes %zu bytes; raise the limit with "
				  "--max-output-size BYTES",
			       r->opts.max_output_size);
	}
	buf_adds(out, text);
	buf_addc(out, '\n');
	free(text);
	return 0;
}

/* --- --output-dir ------------------------------------------------------- */

static const char *block_file(render *r, const render_block *b)
{
	const flux_ks *ks = b->ks ? b->ks : r->sync;
	if (!ks)
		return "_profile.yaml";
	return arena_sprintf(r->a, "%s/%s.yaml", ks->ns, ks->name);
}

static int mkdirs(const char *path, err *e)
{
	char *p = strdup(path);
	for (char *s = p + 1;; s++) {
		if (*s != '/' && *s)
			continue;
		char c = *s;
		*s = 0;
		if (mkdir(p, 0777) && errno != EEXIST) {
			err_set(e, "%s: cannot create directory: %s", p, strerror(errno));
			free(p);
			return -1;
		}
		*s = c;
		if (!c)
			break;
	}
	free(p);
	return 0;
}

static bool written(const char **files, size_t n, const char *rel)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(files[i], rel))
			return true;
	return false;
}

static bool yaml_name(const char *name)
{
	size_t l = strlen(name);
	return l > 5 && !strcmp(name + l - 5, ".yaml");
}

/* Removes the .yaml files of dir (and of its subdirectories one level
 * down) that this render did not write; nothing else is touched. */
static void remove_stale(render *r, const char *dir, const char *sub, const char **files,
			 size_t n)
{
	const char *path = sub ? arena_sprintf(r->a, "%s/%s", dir, sub) : dir;
	DIR *d = opendir(path);
	if (!d)
		return;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		const char *rel = sub ? arena_sprintf(r->a, "%s/%s", sub, de->d_name) : de->d_name;
		const char *full = arena_sprintf(r->a, "%s/%s", dir, rel);
		struct stat st;
		if (lstat(full, &st))
			continue;
		if (S_ISDIR(st.st_mode) && !sub) {
			remove_stale(r, dir, de->d_name, files, n);
			rmdir(full);  /* only succeeds when nothing is left */
		} else if (S_ISREG(st.st_mode) && yaml_name(de->d_name) && !written(files, n, rel)) {
			if (!unlink(full))
				buf_printf(&r->notes, "strata render: removed stale %s\n", full);
		}
	}
	closedir(d);
}

int render_write_dir(render *r, const size_t *idx, size_t n, const char *dir, err *e)
{
	const char **files = calloc(n + 1, sizeof *files);
	size_t nf = 0;
	int rc = mkdirs(dir, e);
	for (size_t k = 0; !rc && k < n; k++) {
		const render_block *b = &r->v[idx[k]];
		if (b->state == RENDER_SELF)
			continue;
		const char *rel = block_file(r, b);
		const char *full = arena_sprintf(r->a, "%s/%s", dir, rel);
		buf text = BUF_INIT;
		rc = emit_block(r, b, &text, e);
		if (!rc)
			rc = mkdirs(path_dir(r->a, full), e);
		if (!rc)
			rc = atomic_write_file(full, text.p, text.len, e);
		buf_free(&text);
		files[nf++] = rel;
	}
	if (!rc)
		remove_stale(r, dir, NULL, files, nf);
	free(files);
	return rc;
}

const char *render_source_ignore(render *r)
{
	if (!r->have_source)
		return NULL;
	const resource *src = find_object_any(r, r->source.kind, r->source.ns, r->source.name);
	if (!src || strncmp(node_get_str(src->obj, "apiVersion") ? node_get_str(src->obj, "apiVersion")
								   : "",
			    "source.toolkit.fluxcd.io/", 25))
		return NULL;
	const node *ig = node_dig(src->obj, "spec", "ignore", NULL);
	return ig && ig->kind == NODE_STR ? ig->str.s : NULL;
}
