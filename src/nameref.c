/* nameref.c - name references; see nameref.h and KUSTOMIZE-FACTS.md d.
 *
 * For each referrer field holding an old name, the candidates are objects
 * of the referenced kind that once bore that name; kustomize narrows them
 * by role kind, by namespace, then by matching prefix/suffix history, and
 * gives up (an error) only when several differently named ones remain.
 */
#include "strata/nameref.h"

#include <string.h>

struct ref_ctx {
	resmap *m;
	resource *referrer;
	const fieldspec_nameref *target;
	const fieldspec *spec;
	arena *a;
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

/* The object old_name now refers to, NULL if none (nothing to change). */
static int select_referral(struct ref_ctx *c, const char *old_name, const char *ns_filter,
			   resource **out, err *e)
{
	resource **cand = NULL;
	size_t n = 0;
	*out = NULL;
	for (size_t i = 0; i < c->m->n; i++) {
		resource *r = c->m->v[i];
		if (!prev_name_is(r, old_name) || !prev_selected(r, c->target) || !roleref_ok(c, r))
			continue;
		if (ns_filter) {
			resid cid = res_id(r);
			if (strcmp(r->orig.ns, ns_filter) && strcmp(cid.ns, ns_filter))
				continue;
		} else if (!same_ns_ok(c, r)) {
			continue;
		}
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
	bool same = true;
	for (size_t i = 1; i < n; i++)
		if (strcmp(res_id(cand[i]).name, res_id(cand[0]).name))
			same = false;
	if (n == 1 || same) {
		*out = cand[0];
		return 0;
	}
	char ids[1024] = "";
	for (size_t i = 0; i < n && strlen(ids) < 900; i++) {
		resid id = res_id(cand[i]);
		strcat(ids, i ? " " : "[");
		strncat(ids, resid_string(c->a, &id), 200);
	}
	strcat(ids, "]");
	resid rid = res_id(c->referrer);
	return err_set(e, "found multiple possible referrals: %s (for '%s' in field %s of %s); "
			  "give the objects distinct names or namespaces",
		       ids, old_name, c->spec->path, resid_string(c->a, &rid));
}

static int fix_scalar(struct ref_ctx *c, node **slot, err *e)
{
	node *v = *slot;
	if (!v || v->kind != NODE_STR || !v->str.len)
		return 0;
	resource *ref;
	if (select_referral(c, v->str.s, NULL, &ref, e))
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
	const char *ns = node_get_str(m, "namespace");
	resource *ref;
	if (select_referral(c, np->val->str.s, ns, &ref, e))
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

int nameref_fix(arena *a, resmap *m, const fieldspec_config *cfg, err *e)
{
	const fieldspec_nameref_list *refs = &cfg->namerefs;
	for (size_t t = 0; t < refs->n; t++) {
		const fieldspec_nameref *target = &refs->v[t];
		for (size_t i = 0; i < m->n; i++) {
			struct ref_ctx c = {m, m->v[i], target, NULL, a};
			for (size_t s = 0; s < target->referrers.n; s++) {
				c.spec = &target->referrers.v[s];
				if (!fieldspec_matches_obj(c.spec, m->v[i]->obj))
					continue;
				if (fieldspec_apply(a, m->v[i]->obj, c.spec, FIELDSPEC_CREATE_NONE,
						    visit, &c, e))
					return -1;
			}
		}
	}
	return 0;
}
