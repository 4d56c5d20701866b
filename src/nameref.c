/* nameref.c - name references; see nameref.h and KUSTOMIZE-FACTS.md d.
 *
 * For each referrer field holding an old name, the candidates are objects
 * of the referenced kind that once bore that name; kustomize narrows them
 * by role kind, by namespace, then by matching prefix/suffix history, and
 * gives up (an error) only when several differently named ones remain.
 */
#include "strata/nameref.h"

#include <stdlib.h>
#include <string.h>

#include "strata/buf.h"
#include "strata/pool.h"

/* Namespaces a RoleBinding's ServiceAccount subjects name: the one way a
 * namespaced object reaches into another namespace. */
typedef struct ns_set {
	const char **v;
	size_t n;
} ns_set;

/* Positions of the objects first loaded in a namespace (cluster-scoped
 * ones left out), sorted by namespace then position; made on first use. */
typedef struct orig_ns_ix {
	struct orig_ns_ent {
		const char *ns;
		size_t i;
	} *v;
	size_t n;
	bool made;
} orig_ns_ix;

struct ref_ctx {
	resmap *m;
	orig_ns_ix *by_orig_ns;
	resource *referrer;
	const ns_set *sa_ns;
	const fieldspec_nameref *target;
	const fieldspec *spec;
	arena *a;
	const node *at; /* the reference being fixed, for error positions */
};

static bool gvk_selects(const fieldspec_nameref *t, const resid *id)
{
	if (t->kind[0] && strcmp(t->kind, id->kind))
		return false;
	if (t->version[0] && strcmp(t->version, id->version))
		return false;
	if (t->group[0] && !resid_group_is(id, t->group))
		return false;
	return true;
}

static bool prev_name_is(const resource *r, const char *name)
{
	for (size_t i = 0; i < r->nprev; i++)
		if (!strcmp(r->prev[i].name, name))
			return true;
	return false;
}

static bool prev_selected(const resource *r, const fieldspec_nameref *t)
{
	for (size_t i = 0; i < r->nprev; i++)
		if (gvk_selects(t, &r->prev[i]))
			return true;
	return false;
}

/* roleRef/name: the candidate must be of the kind and group roleRef says. */
static bool roleref_ok(const struct ref_ctx *c, const resource *r)
{
	size_t pl = strlen(c->spec->path);
	if (pl < 12 || strcmp(c->spec->path + pl - 12, "roleRef/name"))
		return true;
	node *rr = node_get(c->referrer->obj, "roleRef");
	const char *kind = node_get_str(rr, "kind");
	const char *group = node_get_str(rr, "apiGroup");
	fieldspec_nameref sel = {group ? group : "", "", kind ? kind : "", {0}, NULL};
	return prev_selected(r, &sel);
}

static bool in_set(const ns_set *s, const char *ns)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->v[i], ns))
			return true;
	return false;
}

/* Two tests, both as kustomize makes them.  First the objects a referrer
 * can see at all: a namespaced referrer sees cluster-scoped objects, those
 * in its own namespace and, for a RoleBinding, those in the namespaces its
 * ServiceAccount subjects name (as written, "" when unset). */
static bool visible(const struct ref_ctx *c, const resource *r)
{
	resid rid = res_id(c->referrer);
	if (resid_is_cluster_scoped(&rid))
		return true;
	resid cid = res_id(r);
	return resid_is_cluster_scoped(&cid) ||
	       !strcmp(resid_effective_ns(&rid), resid_effective_ns(&cid)) ||
	       in_set(c->sa_ns, cid.ns);
}

/* Then, among a referral's candidates, those in another namespace must be
 * ServiceAccounts. */
static bool same_ns_ok(const struct ref_ctx *c, const resource *r)
{
	resid rid = res_id(c->referrer);
	if (resid_is_cluster_scoped(&rid))
		return true;
	resid cid = res_id(r);
	if (resid_is_cluster_scoped(&cid) || !strcmp(cid.kind, "ServiceAccount"))
		return true;
	return !strcmp(resid_effective_ns(&rid), resid_effective_ns(&cid));
}

/* A {name, namespace} reference looks among the visible objects that were
 * first loaded in that namespace if there are any such, else among those
 * now in it ("" or "default" both mean default; cluster-scoped objects are
 * in no namespace). */
static bool in_original_ns(const struct ref_ctx *c, const resource *r, const char *ns)
{
	return !resid_is_cluster_scoped(&r->orig) && !strcmp(resid_effective_ns(&r->orig), ns) &&
	       visible(c, r);
}

static int by_ns_then_pos(const void *x, const void *y)
{
	const struct orig_ns_ent *a = x, *b = y;
	int d = strcmp(a->ns, b->ns);
	return d ? d : a->i < b->i ? -1 : a->i > b->i;
}

static void make_orig_ns_ix(arena *a, const resmap *m, orig_ns_ix *x)
{
	x->v = arena_alloc(a, (m->n + 1) * sizeof *x->v);
	for (size_t i = 0; i < m->n; i++) {
		const resid *o = &m->v[i]->orig;
		if (!resid_is_cluster_scoped(o))
			x->v[x->n++] = (struct orig_ns_ent){resid_effective_ns(o), i};
	}
	qsort(x->v, x->n, sizeof *x->v, by_ns_then_pos);
	x->made = true;
}

/* Is any object first loaded in ns visible to the referrer? */
static bool use_original_ns(const struct ref_ctx *c, const char *ns)
{
	orig_ns_ix *x = c->by_orig_ns;
	if (!x->made)
		make_orig_ns_ix(c->a, c->m, x);
	size_t lo = 0, hi = x->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(x->v[mid].ns, ns) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t k = lo; k < x->n && !strcmp(x->v[k].ns, ns); k++)
		if (in_original_ns(c, c->m->v[x->v[k].i], ns))
			return true;
	return false;
}

static bool in_ns(const struct ref_ctx *c, const resource *r, const char *ns, bool orig)
{
	if (orig)
		return in_original_ns(c, r, ns);
	resid id = res_id(r);
	return !resid_is_cluster_scoped(&id) && !strcmp(resid_effective_ns(&id), ns);
}

/* Read before any reference of the binding is rewritten. */
static int subject_namespaces(arena *a, const resource *r, ns_set *out, err *e)
{
	*out = (ns_set){0};
	const char *kind = node_get_str(r->obj, "kind");
	node *subs = node_get(r->obj, "subjects");
	if (!kind || strcmp(kind, "RoleBinding") || !subs || subs->kind != NODE_SEQ)
		return 0;
	for (uint32_t i = 0; i < subs->seq.n; i++) {
		node *s = subs->seq.v[i];
		node_pair *ns = s->kind == NODE_MAP ? node_find(s, "namespace") : NULL;
		const char *k = s->kind == NODE_MAP ? node_get_str(s, "kind") : NULL;
		if (!ns || !k || strcmp(k, "ServiceAccount"))
			continue;
		if (ns->val->kind != NODE_STR) {
			resid id = res_id(r);
			return err_at(e, ns->val->file, ns->val->line, ns->val->col,
				      "Invalid Input: namespace is blank for resource \"%s\": a "
				      "ServiceAccount subject's namespace must be a string",
				      resid_string(a, &id));
		}
		out->v = arena_grow(a, out->v, out->n * sizeof *out->v,
				    (out->n + 1) * sizeof *out->v);
		out->v[out->n++] = ns->val->str.s;
	}
	return 0;
}

/* utils.SameEndingSubSlice */
static bool same_ending(const char **x, size_t nx, const char **y, size_t ny)
{
	if (nx > ny) {
		const char **t = x;
		size_t tn = nx;
		x = y, nx = ny, y = t, ny = tn;
	}
	size_t diff = ny - nx;
	if (nx == 0)
		return diff == 0;
	for (size_t i = nx; i-- > 0;)
		if (strcmp(y[i + diff], x[i]))
			return false;
	return true;
}

/* allow_empty: a candidate with no prefixes (suffixes) passes that test. */
static bool affixes_ok(const struct ref_ctx *c, const resource *r, bool allow_empty)
{
	const resource *o = c->referrer;
	return ((allow_empty && r->nprefix == 0) ||
		same_ending(r->prefixes, r->nprefix, o->prefixes, o->nprefix)) &&
	       ((allow_empty && r->nsuffix == 0) ||
		same_ending(r->suffixes, r->nsuffix, o->suffixes, o->nsuffix));
}

/* Do the remaining candidates all give the same answer?  A map reference
 * takes both name and namespace from its target, a scalar only the name. */
static bool all_alike(resource **cand, size_t n, bool with_ns)
{
	resid first = res_id(cand[0]);
	for (size_t i = 1; i < n; i++) {
		resid id = res_id(cand[i]);
		if (strcmp(id.name, first.name) || (with_ns && strcmp(id.ns, first.ns)))
			return false;
	}
	return true;
}

static int ambiguous(struct ref_ctx *c, const char *old_name, resource **cand, size_t n,
		     err *e)
{
	buf ids = BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		resid id = res_id(cand[i]);
		buf_printf(&ids, "%s%s", i ? ", " : "", resid_string(c->a, &id));
	}
	err_set(e, "found multiple possible referrals: %s; '%s' could name any of them: give "
		   "them distinct names, or (for a {name, namespace} reference) state the "
		   "namespace",
		ids.p, old_name);
	buf_free(&ids);
	return -1;
}

/* The object old_name now refers to, NULL if none (nothing to change).
 * A map reference with a namespace looks only at objects that were, or
 * else are, in that namespace; either kind is then narrowed alike. */
static int select_referral(struct ref_ctx *c, const char *old_name, const char *ns_filter,
			   bool map_ref, resource **out, err *e)
{
	resource **cand = NULL;
	size_t n = 0;
	*out = NULL;
	bool orig_ns = ns_filter && use_original_ns(c, ns_filter);
	/* objects that ever bore old_name, in map order */
	resource **named;
	size_t nnamed = resmap_named_in(c->m, old_name, c->a, &named);
	for (size_t i = 0; i < nnamed; i++) {
		resource *r = named[i];
		/* Pure tests, the cheapest and most selective first: most
		 * objects of the name are of another kind. */
		if (!prev_selected(r, c->target) || !prev_name_is(r, old_name))
			continue;
		if (!visible(c, r) || (ns_filter && !in_ns(c, r, ns_filter, orig_ns)))
			continue;
		if (!roleref_ok(c, r) || !same_ns_ok(c, r))
			continue;
		cand = arena_grow(c->a, cand, n * sizeof *cand, (n + 1) * sizeof *cand);
		cand[n++] = r;
	}
	if (n == 1) {
		*out = cand[0];
		return 0;
	}
	/* Prefer the one candidate renamed exactly like the referrer; else
	 * accept candidates that were not renamed by that kind of affix. */
	resource *strict = NULL;
	size_t ns = 0;
	for (size_t i = 0; i < n; i++)
		if (affixes_ok(c, cand[i], false))
			strict = cand[i], ns++;
	if (ns == 1) {
		*out = strict;
		return 0;
	}
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (affixes_ok(c, cand[i], true))
			cand[k++] = cand[i];
	n = k;
	if (n == 0)
		return 0;
	if (n == 1 || all_alike(cand, n, map_ref)) {
		*out = cand[0];
		return 0;
	}
	return ambiguous(c, old_name, cand, n, e);
}

static int fix_scalar(struct ref_ctx *c, node **slot, err *e)
{
	node *v = *slot;
	if (!v || v->kind != NODE_STR || !v->str.len)
		return 0;
	resource *ref;
	c->at = v;
	if (select_referral(c, v->str.s, NULL, false, &ref, e))
		return -1;
	if (!ref)
		return 0;
	const char *nn = res_id(ref).name;
	if (strcmp(nn, v->str.s)) {
		node *s = node_str(c->a, nn);
		node_set_pos(s, v);
		s->flags = v->flags;
		*slot = s;
	}
	return 0;
}

/* {name, namespace} references (subjects, webhook services). */
static int fix_map(struct ref_ctx *c, node *m, err *e)
{
	node_pair *np = node_find(m, "name");
	if (!np || np->val->kind != NODE_STR)
		return 0;
	/* Any scalar's text names the namespace, as kustomize reads it. */
	node *nsv = node_get(m, "namespace");
	const char *ns = !nsv ? NULL : node_is_scalar(nsv) ? nsv->str.s : "";
	resource *ref;
	c->at = m;
	if (select_referral(c, np->val->str.s, ns, true, &ref, e))
		return -1;
	if (!ref)
		return 0;
	resid id = res_id(ref);
	node_set_str(c->a, m, "name", id.name);
	if (id.ns[0])
		node_set_str(c->a, m, "namespace", id.ns);
	return 0;
}

static int visit(arena *a, node *parent, node **slot, void *ctx, err *e)
{
	(void)a;
	(void)parent;
	struct ref_ctx *c = ctx;
	node *v = *slot;
	if (!v)
		return 0;
	if (v->kind == NODE_MAP)
		return fix_map(c, v, e);
	if (v->kind == NODE_SEQ) {
		for (uint32_t i = 0; i < v->seq.n; i++) {
			node **el = &v->seq.v[i];
			if ((*el)->kind == NODE_MAP ? fix_map(c, *el, e) : fix_scalar(c, el, e))
				return -1;
		}
		return 0;
	}
	return fix_scalar(c, slot, e);
}

/* kustomize's context for a failed reference, led by where it is. */
static int wrap_error(const struct ref_ctx *c, err *e)
{
	resid rid = res_id(c->referrer);
	return err_wrap(e, "%s:%u:%u: updating name reference in '%s' field of '%s'",
			c->at->file ? c->at->file : c->referrer->source, c->at->line, c->at->col,
			c->spec->path, resid_string(c->a, &rid));
}

/* What fieldspec_matches_obj reads: a scalar's text, else "". */
static const char *obj_text(const node *obj, const char *key)
{
	const node *n = node_get(obj, key);
	return n && node_is_scalar(n) && n->kind != NODE_NULL ? n->str.s : "";
}

/* What every referrer's fixes share, read only while they run. */
struct fix_all {
	resmap *m;
	const fieldspec_nameref_list *refs;
	orig_ns_ix *by_orig_ns;
	ns_set *sa_ns;
	const char **av, **kind;  /* each object's apiVersion and kind */
	size_t *failed_at;        /* per object: the target that failed, or refs->n */
	err *errs;
};

/* The references object i holds to objects of target t. */
static int fix_one(const struct fix_all *f, arena *a, size_t t, size_t i, err *e)
{
	const fieldspec_nameref *target = &f->refs->v[t];
	resmap *m = f->m;
	struct ref_ctx c = {m, f->by_orig_ns, m->v[i], &f->sa_ns[i], target, NULL, a,
			    m->v[i]->obj};
	for (size_t s = 0; s < target->referrers.n; s++) {
		c.spec = &target->referrers.v[s];
		if (fieldspec_matches(c.spec, f->av[i], f->kind[i]) &&
		    fieldspec_apply(a, m->v[i]->obj, c.spec, FIELDSPEC_CREATE_NONE, visit, &c, e))
			return wrap_error(&c, e);
	}
	return 0;
}

/* Every reference object i holds, target by target in configuration
 * order; *failed_at is the target that failed (refs->n when none). */
static int fix_referrer(const struct fix_all *f, arena *a, size_t i, size_t *failed_at, err *e)
{
	for (size_t t = 0; t < f->refs->n; t++)
		if (fix_one(f, a, t, i, e)) {
			*failed_at = t;
			return -1;
		}
	*failed_at = f->refs->n;
	return 0;
}

/* One object for pool_each: its error is kept aside, not returned, as
 * the one wanted is the first by target, not by object. */
static int fix_item(void *ctx, arena *a, size_t i, err *e)
{
	(void)e;
	struct fix_all *f = ctx;
	fix_referrer(f, a, i, &f->failed_at[i], &f->errs[i]);
	return 0;
}

/* A referrer path that could change what the lookups read of other
 * objects (their ids and names) makes the order of objects matter. */
static bool fixes_independent(const fieldspec_nameref_list *refs)
{
	static const char *const ids[] = {"kind", "apiVersion", "metadata/name"};
	for (size_t t = 0; t < refs->n; t++)
		for (size_t s = 0; s < refs->v[t].referrers.n; s++) {
			const char *p = refs->v[t].referrers.v[s].path;
			if (!p || !p[0])
				return false;
			for (size_t k = 0; k < sizeof ids / sizeof ids[0]; k++)
				if (!strncmp(p, ids[k], strlen(ids[k])))
					return false;
		}
	return true;
}

/* kustomize fixes target by target, each over every object.  A fix reads
 * other objects only for what no fix changes (fixes_independent), so each
 * object can take all its targets at once, on its own thread; the error
 * kept is the one the target-by-target order meets first. */
static int fix_parallel(arena *a, struct fix_all *f, const pool_par *par, err *e)
{
	resmap *m = f->m;
	f->failed_at = calloc(m->n, sizeof *f->failed_at);
	f->errs = calloc(m->n, sizeof *f->errs);
	if (!f->failed_at || !f->errs)
		abort();
	if (!f->by_orig_ns->made)
		make_orig_ns_ix(a, m, f->by_orig_ns);
	resmap_index_ready(m);
	(void)pool_each(par, m->n, a, fix_item, f, e);
	size_t first = m->n;
	for (size_t i = 0; i < m->n; i++)
		if (f->failed_at[i] < f->refs->n &&
		    (first == m->n || f->failed_at[i] < f->failed_at[first]))
			first = i;
	if (first < m->n) {
		*e = f->errs[first];
		f->errs[first] = (err)ERR_INIT;
	}
	for (size_t i = 0; i < m->n; i++)
		err_clear(&f->errs[i]);
	free(f->failed_at);
	free(f->errs);
	return first < m->n ? -1 : 0;
}

int nameref_fix(arena *a, resmap *m, const fieldspec_config *cfg, const pool_par *par, err *e)
{
	const fieldspec_nameref_list *refs = &cfg->namerefs;
	orig_ns_ix by_orig_ns = {0};
	ns_set *sa_ns = arena_alloc(a, (m->n + 1) * sizeof *sa_ns);
	/* Looked up once: the loops below test every pair of spec and object. */
	const char **av = arena_alloc(a, (m->n + 1) * sizeof *av);
	const char **kind = arena_alloc(a, (m->n + 1) * sizeof *kind);
	for (size_t i = 0; i < m->n; i++) {
		if (subject_namespaces(a, m->v[i], &sa_ns[i], e))
			return -1;
		av[i] = obj_text(m->v[i]->obj, "apiVersion");
		kind[i] = obj_text(m->v[i]->obj, "kind");
	}
	struct fix_all f = {m, refs, &by_orig_ns, sa_ns, av, kind, NULL, NULL};
	if (pool_par_workers(par, m->n) > 1 && fixes_independent(refs))
		return fix_parallel(a, &f, par, e);
	for (size_t t = 0; t < refs->n; t++)
		for (size_t i = 0; i < m->n; i++)
			if (fix_one(&f, a, t, i, e))
				return -1;
	return 0;
}
