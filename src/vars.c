/* vars.c - see vars.h and KUSTOMIZE-FACTS.md section i. */
#include "strata/vars.h"

#include <stdlib.h>
#include <string.h>

static const char *str_or(const node *m, const char *k, const char *dflt)
{
	const char *s = node_get_str(m, k);
	return s ? s : dflt;
}

/* The var's objref as an id; kustomize compares GVK and name, and the
 * namespace too when one is given or the kind cannot be namespaced. */
static bool objref_matches(const node *ref, const resid *id)
{
	const char *av = node_get_str(ref, "apiVersion");
	const char *group = str_or(ref, "group", ""), *version = str_or(ref, "version", "");
	char gbuf[256];
	if (av) {
		const char *slash = strchr(av, '/');
		if (slash) {
			size_t gl = (size_t)(slash - av);
			if (gl >= sizeof gbuf)
				gl = sizeof gbuf - 1;
			memcpy(gbuf, av, gl);
			gbuf[gl] = 0;
			group = gbuf;
			version = slash + 1;
		} else {
			group = "";
			version = av;
		}
	}
	const char *kind = str_or(ref, "kind", ""), *name = str_or(ref, "name", "");
	const char *ns = str_or(ref, "namespace", "");
	if (strcmp(kind, id->kind) || strcmp(name, id->name) || strcmp(version, id->version) ||
	    !resid_group_is(id, group))
		return false;
	resid want = resid_make(group, version, kind, name, ns);
	if (ns[0] || resid_is_cluster_scoped(&want))
		return !strcmp(resid_effective_ns(&want), resid_effective_ns(id));
	return true;
}

static bool any_id_matches(const resource *r, const node *ref)
{
	for (size_t i = 0; i < r->nprev; i++)
		if (objref_matches(ref, &r->prev[i]))
			return true;
	resid cur = res_id(r);
	return objref_matches(ref, &cur) || objref_matches(ref, &r->orig);
}

int vars_declare(arena *a, var_set *set, const node *vars, resmap *m, err *e)
{
	if (!vars || vars->kind == NODE_NULL)
		return 0;
	if (vars->kind != NODE_SEQ)
		return err_at(e, vars->file, vars->line, vars->col, "'vars' must be a list");
	for (uint32_t i = 0; i < vars->seq.n; i++) {
		node *v = vars->seq.v[i];
		const char *name = node_get_str(v, "name");
		node *ref = node_get(v, "objref");
		if (!name || !ref || ref->kind != NODE_MAP)
			return err_at(e, v->file, v->line, v->col,
				      "a var needs a name and an objref (kind, name, apiVersion)");
		var_def d = {name, v, NULL, "metadata.name", false};
		const char *fp = node_get_str(node_get(v, "fieldref"), "fieldpath");
		if (fp && fp[0])
			d.fieldpath = fp;
		size_t found = 0;
		for (size_t j = 0; j < m->n; j++)
			if (any_id_matches(m->v[j], ref)) {
				d.target = m->v[j];
				found++;
			}
		if (found > 1)
			return err_at(e, v->file, v->line, v->col,
				      "found %zu resId matches for var %s (unable to disambiguate); "
				      "give the objref a namespace",
				      found, name);
		var_set one = {&d, 1, 1};
		if (vars_merge(a, set, &one, e))
			return -1;
	}
	return 0;
}

int vars_merge(arena *a, var_set *set, const var_set *other, err *e)
{
	for (size_t i = 0; i < other->n; i++) {
		for (size_t j = 0; j < set->n; j++)
			if (!strcmp(set->v[j].name, other->v[i].name)) {
				const node *d = other->v[i].def;
				return err_at(e, d->file, d->line, d->col,
					      "var '%s' already encountered; var names must be "
					      "unique across the whole build",
					      other->v[i].name);
			}
		if (set->n == set->cap) {
			size_t cap = set->cap ? set->cap * 2 : 8;
			set->v = arena_grow(a, set->v, set->n * sizeof *set->v, cap * sizeof *set->v);
			set->cap = cap;
		}
		set->v[set->n++] = other->v[i];
	}
	return 0;
}

node *vars_field_get(node *obj, const char *path)
{
	node *cur = obj;
	const char *p = path;
	while (cur && *p) {
		if (*p == '.') {
			p++;
			continue;
		}
		if (*p == '[') {
			const char *close = strchr(p, ']');
			if (!close || cur->kind != NODE_SEQ)
				return NULL;
			char *end;
			long idx = strtol(p + 1, &end, 10);
			if (end != close || idx < 0 || (size_t)idx >= cur->seq.n)
				return NULL;
			cur = cur->seq.v[idx];
			p = close + 1;
			continue;
		}
		size_t n = strcspn(p, ".[");
		char key[256];
		if (n >= sizeof key)
			return NULL;
		memcpy(key, p, n);
		key[n] = 0;
		cur = node_get(cur, key);
		p += n;
	}
	return cur;
}

struct expand_ctx {
	var_set *set;
	resmap *m;
	arena *a;
	err *e;
};

static var_def *lookup(var_set *set, const char *name, size_t len)
{
	for (size_t i = 0; i < set->n; i++)
		if (strlen(set->v[i].name) == len && !memcmp(set->v[i].name, name, len))
			return &set->v[i];
	return NULL;
}

static int var_value(struct expand_ctx *c, var_def *d, node **out)
{
	if (!d->target)
		return err_at(c->e, d->def->file, d->def->line, d->def->col,
			      "var '%s' cannot be mapped to a field in the set of known resources",
			      d->name);
	node *v = vars_field_get(d->target->obj, d->fieldpath);
	if (!v || !node_is_scalar(v))
		return err_at(c->e, d->def->file, d->def->line, d->def->col,
			      "field specified in var '%s' (%s) not found in corresponding resource",
			      d->name, d->fieldpath);
	d->used = true;
	*out = v;
	return 0;
}

/* Kubernetes' $(VAR) expansion: $$ is a literal $, unknown names stay. */
static int expand(struct expand_ctx *c, node **slot)
{
	node *s = *slot;
	if (!s || s->kind != NODE_STR || !memchr(s->str.s, '$', s->str.len))
		return 0;
	const char *t = s->str.s;
	size_t len = s->str.len;
	/* The whole string one reference: the value keeps its type. */
	if (len > 3 && t[0] == '$' && t[1] == '(' && t[len - 1] == ')' &&
	    !memchr(t + 2, ')', len - 3)) {
		var_def *d = lookup(c->set, t + 2, len - 3);
		if (d) {
			node *v;
			if (var_value(c, d, &v))
				return -1;
			node *nv = node_clone(c->a, v);
			node_set_pos(nv, s);
			*slot = nv;
			return 0;
		}
	}
	buf b = BUF_INIT;
	for (size_t i = 0; i < len; i++) {
		if (t[i] != '$' || i + 1 >= len) {
			buf_addc(&b, t[i]);
			continue;
		}
		if (t[i + 1] == '$') {
			buf_addc(&b, '$');
			i++;
			continue;
		}
		const char *close = t[i + 1] == '(' ? memchr(t + i + 2, ')', len - i - 2) : NULL;
		var_def *d = close ? lookup(c->set, t + i + 2, (size_t)(close - t - i - 2)) : NULL;
		if (!d) {
			buf_addc(&b, t[i]);
			continue;
		}
		node *v;
		if (var_value(c, d, &v)) {
			buf_free(&b);
			return -1;
		}
		buf_add(&b, v->str.s, v->str.len);
		i = (size_t)(close - t);
	}
	node *ns = node_strn(c->a, b.p ? b.p : "", b.len);
	node_set_pos(ns, s);
	ns->flags = s->flags | NODE_F_QUOTED;
	*slot = ns;
	buf_free(&b);
	return 0;
}

static int visit(arena *a, node *parent, node **slot, void *ctx, err *e)
{
	(void)a, (void)parent, (void)e;
	struct expand_ctx *c = ctx;
	node *v = *slot;
	if (!v)
		return 0;
	if (v->kind == NODE_SEQ) {
		for (uint32_t i = 0; i < v->seq.n; i++)
			if (expand(c, &v->seq.v[i]))
				return -1;
		return 0;
	}
	if (v->kind == NODE_MAP) {
		for (uint32_t i = 0; i < v->map.n; i++)
			if (expand(c, &v->map.v[i].val))
				return -1;
		return 0;
	}
	return expand(c, slot);
}

int vars_resolve(arena *a, var_set *set, resmap *m, const fieldspec_config *cfg, buf *warn,
		 err *e)
{
	if (!set->n)
		return 0;
	struct expand_ctx c = {set, m, a, e};
	const fieldspec_list *l = &cfg->t[FIELDSPEC_VARREFERENCE];
	for (size_t i = 0; i < m->n; i++)
		if (fieldspec_apply_list(a, m->v[i]->obj, l, FIELDSPEC_CREATE_NONE, visit, &c, e))
			return -1;
	bool any = false;
	for (size_t i = 0; i < set->n; i++)
		if (!set->v[i].used) {
			buf_adds(warn, any ? ", " : "well-defined vars that were never replaced: ");
			buf_adds(warn, set->v[i].name);
			any = true;
		}
	if (any)
		buf_addc(warn, '\n');
	return 0;
}
