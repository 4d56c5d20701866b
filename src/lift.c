/* lift.c - folding patches every overlay carries into the base; see lift.h. */
#include "strata/lift.h"

#include <stdlib.h>
#include <string.h>

#include "strata/build.h"
#include "strata/fsrc_ignore.h"
#include "strata/kedit.h"
#include "strata/parse.h"
#include "strata/patch.h"
#include "strata/path.h"
#include "strata/render.h"
#include "strata/resource.h"
#include "strata/yedit.h"

/* --- small helpers --------------------------------------------------------- */

typedef struct strv {
	const char **v;
	size_t n, cap;
} strv;

static void strv_push(arena *a, strv *s, const char *x)
{
	if (s->n == s->cap) {
		size_t nc = s->cap ? s->cap * 2 : 8;
		s->v = arena_grow(a, s->v, s->cap * sizeof *s->v, nc * sizeof *s->v);
		s->cap = nc;
	}
	s->v[s->n++] = x;
}

static int str_cmp(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static char *join(arena *a, const char *dir, const char *name)
{
	return *dir ? arena_sprintf(a, "%s/%s", dir, name) : arena_strdup(a, name);
}

static bool is_dir(fsrc *fs, const char *p)
{
	return fsrc_stat(fs, p) == FSRC_DIR;
}

/* The entries of dir (empty when it cannot be listed), in the arena. */
static strv list_dir(arena *a, fsrc *fs, const char *dir)
{
	strv out = {0};
	char **names;
	size_t n;
	err e = ERR_INIT;
	if (fsrc_list(fs, dir, &names, &n, &e)) {
		err_clear(&e);
		return out;
	}
	for (size_t i = 0; i < n; i++)
		strv_push(a, &out, arena_strdup(a, names[i]));
	fsrc_free_list(names, n);
	return out;
}

/* "a, b and c" */
static const char *and_list(arena *a, const strv *s)
{
	buf b = BUF_INIT;
	for (size_t i = 0; i < s->n; i++) {
		if (i)
			buf_adds(&b, i + 1 == s->n ? " and " : ", ");
		buf_adds(&b, s->v[i]);
	}
	const char *r = arena_strdup(a, b.p ? b.p : "");
	buf_free(&b);
	return r;
}

/* --- groups --------------------------------------------------------------- */

static void scan_groups(arena *a, fsrc *fs, const char *dir, const char *app, int depth,
			strv *out)
{
	const char *base = join(a, dir, "base");
	if (is_dir(fs, base) && is_dir(fs, join(a, dir, "overlays")) &&
	    (!app || is_dir(fs, join(a, base, app)))) {
		strv_push(a, out, dir);
		return;
	}
	if (depth == 3)
		return;
	strv sub = list_dir(a, fs, dir);
	for (size_t i = 0; i < sub.n; i++) {
		const char *p = join(a, dir, sub.v[i]);
		if (sub.v[i][0] != '.' && is_dir(fs, p))
			scan_groups(a, fs, p, app, depth + 1, out);
	}
}

int lift_find_groups(arena *a, fsrc *fs, const char *app, const char ***dirs, size_t *n,
		     err *e)
{
	(void)e;
	strv out = {0};
	scan_groups(a, fs, "", app, 0, &out);
	if (out.n)
		qsort(out.v, out.n, sizeof *out.v, str_cmp);
	*dirs = out.v;
	*n = out.n;
	return 0;
}

int lift_list_apps(arena *a, fsrc *fs, const char *group, const char ***apps, size_t *n,
		   err *e)
{
	const char *base = join(a, group, "base");
	if (!is_dir(fs, base))
		return err_set(e, "%s is not a directory; a group holds base/ and overlays/", base);
	strv all = list_dir(a, fs, base), out = {0};
	for (size_t i = 0; i < all.n; i++)
		if (all.v[i][0] != '.' && is_dir(fs, join(a, base, all.v[i])))
			strv_push(a, &out, all.v[i]);
	*apps = out.v;
	*n = out.n;
	return 0;
}

/* --- overlays ------------------------------------------------------------- */

/* Does one of the overlay's resources name dir? */
static bool lists_dir(arena *a, const lift_overlay *o, const char *dir)
{
	node *res = kust_field(&o->k, "resources");
	if (!res || res->kind != NODE_SEQ)
		return false;
	for (uint32_t i = 0; i < res->seq.n; i++) {
		const node *x = res->seq.v[i];
		if (!node_is_scalar(x) || x->kind == NODE_NULL)
			continue;
		const char *p = path_join(a, o->dir, x->str.s);
		if (p && !strcmp(p, dir))
			return true;
	}
	return false;
}

static void find_uses(arena *a, lift_group *g)
{
	for (size_t i = 0; i < g->nov; i++)
		if (lists_dir(a, &g->ov[i], g->base)) {
			g->ov[i].use = LIFT_DIRECT;
			g->ndirect++;
		}
	for (bool changed = true; changed;) {
		changed = false;
		for (size_t i = 0; i < g->nov; i++) {
			lift_overlay *o = &g->ov[i];
			for (size_t j = 0; o->use == LIFT_UNUSED && j < g->nov; j++)
				if (g->ov[j].use != LIFT_UNUSED && lists_dir(a, o, g->ov[j].dir)) {
					o->use = LIFT_INHERITS;
					o->via = g->ov[j].name;
					changed = true;
				}
		}
	}
}

int lift_load(arena *a, fsrc *fs, const char *group, const char *app, lift_group *g, err *e)
{
	memset(g, 0, sizeof *g);
	g->dir = group;
	g->app = app;
	g->base = join(a, join(a, group, "base"), app);
	if (!is_dir(fs, g->base))
		return err_set(e, "%s is not a directory: %s has no app %s", g->base,
			       *group ? group : ".", app);
	const char *od = join(a, group, "overlays");
	strv names = list_dir(a, fs, od);
	g->ov = arena_alloc(a, (names.n + 1) * sizeof *g->ov);
	for (size_t i = 0; i < names.n; i++) {
		const char *dir = join(a, od, names.v[i]);
		if (names.v[i][0] == '.' || !is_dir(fs, dir) || kust_count_files(fs, dir) == 0)
			continue;
		lift_overlay *o = &g->ov[g->nov];
		o->name = names.v[i];
		o->dir = dir;
		if (kust_load(a, fs, dir, dir, &o->k, e))
			return err_wrap(e, "reading overlay %s", names.v[i]);
		g->nov++;
	}
	find_uses(a, g);
	if (!g->ndirect)
		return err_set(e, "no overlay in %s lists %s in its resources; nothing carries "
				  "patches for it",
			       od, g->base);
	return 0;
}

/* --- candidates ------------------------------------------------------------ */

static bool promotable(const char *name)
{
	size_t l = strlen(name);
	if (name[0] == '_' || name[0] == '.')
		return false;
	return (l > 5 && !strcmp(name + l - 5, ".yaml")) || (l > 4 && !strcmp(name + l - 4, ".yml")) ||
	       (l > 5 && !strcmp(name + l - 5, ".json"));
}

/* The entries of one kustomization field that reference file; *count how
 * many there are. */
static void refs_in(arena *a, const lift_overlay *o, const char *field, const char *file,
		    lift_ref *r, int *count)
{
	node *list = kust_field(&o->k, field);
	if (!list || list->kind != NODE_SEQ)
		return;
	for (uint32_t i = 0; i < list->seq.n; i++) {
		const node *x = list->seq.v[i];
		bool listed_as_string = !strcmp(field, "patchesStrategicMerge");
		if (listed_as_string != (x->kind != NODE_MAP))
			continue;
		const node *p = listed_as_string ? x : node_get(x, "path");
		if (!p || !node_is_scalar(p) || p->kind == NODE_NULL)
			continue;
		const char *full = path_join(a, o->dir, p->str.s);
		if (!full || strcmp(full, file))
			continue;
		if (!(*count)++)
			*r = (lift_ref){x, field, file};
	}
}

static int find_ref(arena *a, const lift_overlay *o, const char *file, lift_ref *r)
{
	static const char *const fields[] = {"patchesStrategicMerge", "patches", "patchesJson6902"};
	int count = 0;
	memset(r, 0, sizeof *r);
	for (size_t i = 0; i < 3; i++)
		refs_in(a, o, fields[i], file, r, &count);
	return count;
}

/* Parsed documents of a patch file, or NULL with *why. */
static parse_docs *read_docs(arena *a, fsrc *fs, const char *file, const char **why)
{
	char *data;
	size_t len;
	err e = ERR_INIT;
	parse_docs *d = arena_alloc(a, sizeof *d);
	if (fsrc_read(fs, file, &data, &len, &e)) {
		d = NULL;
	} else {
		if (parse_yaml(a, file, data, len, d, &e))
			d = NULL;
		free(data);
	}
	if (!d)
		*why = arena_strdup(a, e.msg ? e.msg : "unreadable");
	err_clear(&e);
	return d;
}

static bool same_docs(const parse_docs *x, const parse_docs *y)
{
	if (x->n != y->n)
		return false;
	for (size_t i = 0; i < x->n; i++)
		if (!node_equal(x->v[i], y->v[i]))
			return false;
	return true;
}

/* Names the overlays whose copy differs from the most common one. */
static const char *differs(arena *a, const lift_group *g, parse_docs **docs)
{
	size_t best = SIZE_MAX, best_n = 0;
	for (size_t i = 0; i < g->nov; i++) {
		if (!docs[i])
			continue;
		size_t n = 0;
		for (size_t j = 0; j < g->nov; j++)
			n += docs[j] && same_docs(docs[i], docs[j]);
		if (n > best_n)
			best = i, best_n = n;
	}
	if (best_n == g->ndirect)
		return NULL;
	strv odd = {0}, even = {0};
	for (size_t i = 0; i < g->nov; i++)
		if (docs[i])
			strv_push(a, same_docs(docs[i], docs[best]) ? &even : &odd, g->ov[i].name);
	if (best_n == 1) {
		strv all = {0};
		for (size_t i = 0; i < g->nov; i++)
			if (docs[i])
				strv_push(a, &all, g->ov[i].name);
		return arena_sprintf(a, "differs in every overlay (%s each have their own)",
				     and_list(a, &all));
	}
	return arena_sprintf(a, "differs in %s (%s %s the same content)", and_list(a, &odd),
			     and_list(a, &even), even.n == 1 ? "has" : "have");
}

static void check_cand(arena *a, fsrc *fs, const lift_group *g, lift_cand *c)
{
	strv missing = {0}, unref = {0}, twice = {0};
	parse_docs **docs = arena_alloc(a, (g->nov + 1) * sizeof *docs);
	c->refs = arena_alloc(a, (g->nov + 1) * sizeof *c->refs);
	for (size_t i = 0; i < g->nov && !c->why; i++) {
		const lift_overlay *o = &g->ov[i];
		if (o->use != LIFT_DIRECT)
			continue;
		const char *file = join(a, join(a, o->dir, g->app), c->name);
		if (fsrc_stat(fs, file) != FSRC_FILE) {
			strv_push(a, &missing, o->name);
			continue;
		}
		int n = find_ref(a, o, file, &c->refs[i]);
		if (!n)
			strv_push(a, &unref, o->name);
		else if (n > 1)
			strv_push(a, &twice, o->name);
		const char *why = NULL;
		docs[i] = read_docs(a, fs, file, &why);
		if (!docs[i])
			c->why = arena_sprintf(a, "cannot be read: %s", why);
	}
	if (c->why)
		return;
	if (missing.n)
		c->why = arena_sprintf(a, "missing in %s (no %s/%s there)", and_list(a, &missing),
				       g->app, c->name);
	else if (unref.n)
		c->why = arena_sprintf(a, "not referenced by the kustomization of %s",
				       and_list(a, &unref));
	else if (twice.n)
		c->why = arena_sprintf(a, "referenced more than once by the kustomization of %s",
				       and_list(a, &twice));
	else
		c->why = differs(a, g, docs);
}

int lift_candidates(arena *a, fsrc *fs, const lift_group *g, lift_cand **v, size_t *n, err *e)
{
	(void)e;
	strv names = {0};
	for (size_t i = 0; i < g->nov; i++) {
		if (g->ov[i].use != LIFT_DIRECT)
			continue;
		const char *dir = join(a, g->ov[i].dir, g->app);
		strv files = list_dir(a, fs, dir);
		for (size_t j = 0; j < files.n; j++) {
			bool seen = false;
			for (size_t k = 0; k < names.n && !seen; k++)
				seen = !strcmp(names.v[k], files.v[j]);
			if (!seen && promotable(files.v[j]) &&
			    fsrc_stat(fs, join(a, dir, files.v[j])) == FSRC_FILE)
				strv_push(a, &names, files.v[j]);
		}
	}
	if (names.n)
		qsort(names.v, names.n, sizeof *names.v, str_cmp);
	*v = arena_alloc(a, (names.n + 1) * sizeof **v);
	for (size_t i = 0; i < names.n; i++) {
		(*v)[i].name = names.v[i];
		check_cand(a, fs, g, &(*v)[i]);
	}
	*n = names.n;
	return 0;
}

/* --- applying to the base -------------------------------------------------- */

/* The base's own manifest files, cut into documents, and one resource per
 * object document. */
typedef struct base_file {
	const char *path;
	char *data;
	yedit_file yf;
} base_file;

typedef struct base_obj {
	size_t file, piece;
	node *orig;
} base_obj;

typedef struct base_set {
	base_file *f;
	size_t nf;
	base_obj *o;
	size_t no;
} base_set;

static void base_free(base_set *s)
{
	for (size_t i = 0; i < s->nf; i++)
		free(s->f[i].data);
}

static int base_add_file(arena *a, fsrc *fs, base_set *s, const char *path, size_t *cap,
			 err *e)
{
	base_file *f = &s->f[s->nf];
	size_t len;
	f->path = path;
	if (fsrc_read(fs, path, &f->data, &len, e))
		return -1;
	s->nf++;
	if (yedit_load(a, path, f->data, len, &f->yf, e))
		return -1;
	for (size_t p = 0; p < f->yf.n; p++) {
		node *d = f->yf.v[p].doc;
		if (!d || d->kind != NODE_MAP || !node_get_str(d, "kind"))
			continue;
		if (s->no == *cap) {
			size_t nc = *cap ? *cap * 2 : 8;
			s->o = arena_grow(a, s->o, *cap * sizeof *s->o, nc * sizeof *s->o);
			*cap = nc;
		}
		s->o[s->no++] = (base_obj){s->nf - 1, p, d};
	}
	return 0;
}

static int base_load(arena *a, fsrc *fs, const lift_group *g, base_set *s, err *e)
{
	memset(s, 0, sizeof *s);
	kust k;
	node *res;
	if (kust_load(a, fs, g->base, g->base, &k, e) || kust_string_list(&k, "resources", &res, e))
		return -1;
	size_t n = res ? res->seq.n : 0, cap = 0;
	s->f = arena_alloc(a, (n + 1) * sizeof *s->f);
	for (size_t i = 0; i < n; i++) {
		const char *p = path_join(a, g->base, res->seq.v[i]->str.s);
		if (!p || !path_within(p, g->base) || fsrc_stat(fs, p) != FSRC_FILE)
			continue;
		if (base_add_file(a, fs, s, p, &cap, e))
			return -1;
	}
	return 0;
}

/* Fresh resources over copies of the base objects. */
static int base_resources(arena *a, const base_set *s, resmap *m, err *e)
{
	memset(m, 0, sizeof *m);
	for (size_t i = 0; i < s->no; i++) {
		resource *r = res_new(a, node_clone(a, s->o[i].orig), s->f[s->o[i].file].path, e);
		if (!r)
			return -1;
		resmap_push(a, m, r);
	}
	return 0;
}

static int run_entry(build *b, const lift_overlay *o, const lift_ref *r, resmap *m, err *e)
{
	patch_ctx pc = {.b = b, .kdir = o->dir};
	if (!strcmp(r->field, "patches"))
		return patch_run_one(&pc, r->entry, m, e);
	if (!strcmp(r->field, "patchesJson6902"))
		return patch_run_one_json6902(&pc, r->entry, m, e);
	node *list = node_seq(b->a);
	node_push(b->a, list, (node *)r->entry);
	return patch_run_strategic_merge_list(&pc, list, m, e);
}

/* kustomize's JSON patches see an (empty) annotations map on every object;
 * one that stayed empty was never the patch's doing. */
static void drop_added_annotations(const node *orig, node *obj)
{
	node *md = node_get(obj, "metadata");
	node *an = node_get(md, "annotations");
	if (an && an->kind == NODE_MAP && !an->map.n && !node_get(node_get(orig, "metadata"), "annotations"))
		node_del(md, "annotations");
}

static const char *obj_label(arena *a, const node *obj)
{
	return arena_sprintf(a, "%s %s", node_get_str(obj, "kind"),
			     node_get_str(node_get(obj, "metadata"), "name"));
}

/* The base objects with cand's entries (in kustomize's field order) from
 * overlay oi applied.  1 with *why when the result cannot be lifted. */
static int apply_from(arena *a, fsrc *fs, const lift_group *g, const base_set *s,
		      lift_cand *const *sel, size_t n, size_t oi, resmap *m, const char **why,
		      err *e)
{
	static const char *const order[] = {"patchesStrategicMerge", "patches", "patchesJson6902"};
	build_opts bo = {.display_base = "", .display_root = ""};
	build b;
	build_init(&b, a, fs, &bo);
	int rc = base_resources(a, s, m, e);
	const lift_overlay *o = &g->ov[oi];
	for (size_t f = 0; f < 3 && !rc; f++) {
		node *list = kust_field(&o->k, order[f]);
		for (uint32_t i = 0; list && list->kind == NODE_SEQ && i < list->seq.n && !rc; i++)
			for (size_t c = 0; c < n && !rc; c++)
				if (sel[c]->refs[oi].entry == list->seq.v[i]) {
					err pe = ERR_INIT;
					if (run_entry(&b, o, &sel[c]->refs[oi], m, &pe)) {
						*why = arena_sprintf(a, "does not apply to %s alone "
									"(from %s): %s",
								     g->base, o->name, pe.msg);
						rc = 1;
					}
					err_clear(&pe);
				}
	}
	build_release(&b);
	for (size_t i = 0; !rc && i < m->n; i++) {
		if (!m->v[i]->obj->map.n) {
			*why = arena_sprintf(a, "deletes %s; lift does not remove objects from the "
						"base",
					     obj_label(a, s->o[i].orig));
			rc = 1;
		} else {
			drop_added_annotations(s->o[i].orig, m->v[i]->obj);
		}
	}
	return rc;
}

static bool same_result(const resmap *x, const resmap *y)
{
	for (size_t i = 0; i < x->n; i++)
		if (!yedit_same(x->v[i]->obj, y->v[i]->obj))
			return false;
	return true;
}

static bool changes_any(const base_set *s, const resmap *m)
{
	for (size_t i = 0; i < m->n; i++)
		if (!yedit_same(s->o[i].orig, m->v[i]->obj))
			return true;
	return false;
}

/* One candidate on its own, from every direct overlay. */
static int check_apply(arena *a, fsrc *fs, const lift_group *g, const base_set *s, lift_cand *c,
		       err *e)
{
	resmap first = {0};
	const char *first_ov = NULL;
	for (size_t i = 0; i < g->nov; i++) {
		if (g->ov[i].use != LIFT_DIRECT)
			continue;
		resmap m;
		int rc = apply_from(a, fs, g, s, &c, 1, i, &m, &c->why, e);
		if (rc)
			return rc;
		if (!first_ov) {
			first = m;
			first_ov = g->ov[i].name;
			if (!changes_any(s, &m)) {
				c->why = arena_sprintf(a, "changes no object of %s (does it patch "
							  "something the overlay adds?)",
						       g->base);
				return 1;
			}
		} else if (!same_result(&first, &m)) {
			c->why = arena_sprintf(a, "applies differently in %s than in %s (compare "
						  "their kustomization entries: target, options)",
					       g->ov[i].name, first_ov);
			return 1;
		}
	}
	return 0;
}

static int write_files(arena *a, const base_set *s, const resmap *m, lift_out *out, err *e)
{
	out->v = arena_alloc(a, (s->nf + 1) * sizeof *out->v);
	for (size_t f = 0; f < s->nf; f++) {
		const yedit_file *yf = &s->f[f].yf;
		node **docs = arena_alloc(a, (yf->n + 1) * sizeof *docs);
		bool any = false;
		for (size_t i = 0; i < s->no; i++)
			if (s->o[i].file == f && !yedit_same(s->o[i].orig, m->v[i]->obj)) {
				docs[s->o[i].piece] = m->v[i]->obj;
				any = true;
			}
		if (!any)
			continue;
		buf b = BUF_INIT;
		if (yedit_render(a, yf, docs, &b, &out->notes, e)) {
			buf_free(&b);
			return -1;
		}
		out->v[out->n++] = (lift_edit){s->f[f].path, arena_strndup(a, b.p ? b.p : "", b.len),
					       b.len};
		buf_free(&b);
	}
	return 0;
}

int lift_apply(arena *a, fsrc *fs, const lift_group *g, lift_cand *const *sel, size_t n,
	       lift_out *out, err *e)
{
	memset(out, 0, sizeof *out);
	base_set s;
	int rc = base_load(a, fs, g, &s, e);
	bool refused = false;
	for (size_t i = 0; !rc && i < n; i++) {
		int r = check_apply(a, fs, g, &s, sel[i], e);
		if (r < 0)
			rc = -1;
		refused |= r > 0;
	}
	if (!rc && refused)
		rc = 1;
	size_t first = 0;
	while (first < g->nov && g->ov[first].use != LIFT_DIRECT)
		first++;
	resmap m;
	const char *why = NULL;
	if (!rc) {
		rc = apply_from(a, fs, g, &s, sel, n, first, &m, &why, e);
		if (rc > 0)
			rc = err_set(e, "applied together, the patches cannot be lifted: %s", why);
	}
	if (!rc)
		rc = write_files(a, &s, &m, out, e);
	base_free(&s);
	return rc;
}

/* --- staging -------------------------------------------------------------- */

int lift_stage(arena *a, fsrc *fs, const lift_group *g, lift_cand *const *sel, size_t n,
	       const lift_out *out, txn *t, err *e)
{
	for (size_t i = 0; i < out->n; i++)
		txn_put(t, out->v[i].path, out->v[i].text, out->v[i].len);
	for (size_t i = 0; i < g->nov; i++) {
		const lift_overlay *o = &g->ov[i];
		if (o->use != LIFT_DIRECT)
			continue;
		char *text;
		size_t len;
		if (fsrc_read(fs, o->k.file, &text, &len, e))
			return -1;
		buf cur = BUF_INIT;
		buf_add(&cur, text, len);
		free(text);
		int rc = 0;
		for (size_t c = 0; c < n && !rc; c++) {
			const char *rel = arena_sprintf(a, "%s/%s", g->app, sel[c]->name);
			buf next = BUF_INIT;
			int removed = kedit_remove_patch(cur.p ? cur.p : "", cur.len, o->k.display, rel,
							 &next, e);
			if (removed < 0)
				rc = -1;
			else if (!removed)
				rc = err_set(e, "%s: found no entry for %s to remove", o->k.display, rel);
			buf_free(&cur);
			cur = next;
			txn_delete(t, sel[c]->refs[i].path);
		}
		if (!rc)
			txn_put(t, o->k.file, cur.p ? cur.p : "", cur.len);
		buf_free(&cur);
		if (rc)
			return -1;
	}
	return 0;
}

/* --- verification --------------------------------------------------------- */

typedef struct objs {
	rdiff_obj *v;
	size_t n, cap;
} objs;

static void add_obj(arena *a, objs *o, const node *obj, const char *source)
{
	if (o->n == o->cap) {
		size_t nc = o->cap ? o->cap * 2 : 64;
		o->v = arena_grow(a, o->v, o->cap * sizeof *o->v, nc * sizeof *o->v);
		o->cap = nc;
	}
	o->v[o->n++] = (rdiff_obj){obj, source};
}

static int build_objs(arena *a, fsrc *fs, pcache *pc, const char *dir, objs *out, err *e)
{
	build_opts bo = {.display_base = "", .display_root = "", .pcache = pc};
	build b;
	build_init(&b, a, fs, &bo);
	resmap m = {0};
	int rc = build_run(&b, dir, &m, e);
	if (!rc)
		build_normalise(&b, &m);
	build_release(&b);
	for (size_t j = 0; !rc && j < m.n; j++)
		add_obj(a, out, m.v[j]->obj, m.v[j]->source ? m.v[j]->source : dir);
	return rc;
}

static int render_objs(arena *a, fsrc *plain, pcache *pc, const char *dir, objs *out, err *e)
{
	fsrc *fs = fsrc_ignore_open(plain, "", NULL, e);
	if (!fs)
		return -1;
	render_opts ro = {.profile = dir, .display_base = "", .pcache = pc};
	render r;
	render_init(&r, a, fs, &ro);
	int rc = render_run(&r, e);
	for (size_t i = 0; !rc && i < r.n; i++) {
		const render_block *b = &r.v[i];
		if (b->state != RENDER_BUILT)
			continue;
		for (size_t j = 0; j < b->objs.n; j++) {
			const resource *res = b->objs.v[j];
			add_obj(a, out, res->obj,
				arena_sprintf(a, "%s (%s)", b->dir, res->source ? res->source : "generated"));
		}
	}
	render_release(&r);
	fsrc_close(fs);
	return rc;
}

static void compare_unit(arena *a, fsrc *sides[2], pcache *pc, const char *dir, bool profile,
			 lift_check *out)
{
	rdiff_unit *u = &out->v[out->n];
	memset(u, 0, sizeof *u);
	u->name = dir;
	objs o[2] = {{0}};
	char *msg[2] = {NULL, NULL};
	for (int i = 0; i < 2; i++) {
		err e = ERR_INIT;
		if (profile ? render_objs(a, sides[i], pc, dir, &o[i], &e)
			    : build_objs(a, sides[i], pc, dir, &o[i], &e))
			msg[i] = arena_strdup(a, e.msg ? e.msg : "failed");
		err_clear(&e);
	}
	if (msg[0] && msg[1] && !strcmp(msg[0], msg[1])) {
		buf_printf(&out->unverified, "%s: fails to render before and after the lift: %s\n",
			   dir, msg[0]);
		return;
	}
	out->n++;
	if (msg[0] || msg[1]) {
		u->error = msg[1] ? arena_sprintf(a, "fails to render after the lift: %s", msg[1])
				  : arena_sprintf(a, "renders only after the lift (before: %s)", msg[0]);
		out->differing++;
		return;
	}
	err e = ERR_INIT;
	if (rdiff_compare(a, o[0].v, o[0].n, o[1].v, o[1].n, &u->set, &e))
		u->error = arena_strdup(a, e.msg ? e.msg : "failed");
	err_clear(&e);
	out->objects += o[0].n;
	if (u->error || u->set.n)
		out->differing++;
}

/* Directories directly below every top-level profiles* directory. */
static strv profiles(arena *a, fsrc *fs)
{
	strv top = list_dir(a, fs, ""), out = {0};
	for (size_t i = 0; i < top.n; i++) {
		if (strncmp(top.v[i], "profiles", 8) || !is_dir(fs, top.v[i]))
			continue;
		strv sub = list_dir(a, fs, top.v[i]);
		for (size_t j = 0; j < sub.n; j++) {
			const char *p = join(a, top.v[i], sub.v[j]);
			if (sub.v[j][0] != '.' && is_dir(fs, p))
				strv_push(a, &out, p);
		}
	}
	return out;
}

int lift_verify(arena *a, fsrc *before, fsrc *after, const lift_group *g, lift_check *out,
		err *e)
{
	(void)e;
	strv prof = profiles(a, before);
	memset(out, 0, sizeof *out);
	out->v = arena_alloc(a, (g->nov + prof.n + 1) * sizeof *out->v);
	fsrc *sides[2] = {before, after};
	/* Before and after differ in a few files: the rest is parsed once. */
	pcache *pc = pcache_new();
	for (size_t i = 0; i < g->nov; i++)
		compare_unit(a, sides, pc, g->ov[i].dir, false, out);
	for (size_t i = 0; i < prof.n; i++)
		compare_unit(a, sides, pc, prof.v[i], true, out);
	pcache_free(pc);
	return 0;
}
