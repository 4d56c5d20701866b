/* resource.c - resource ids and the accumulated set; see resource.h. */
#include "strata/resource.h"

#include <string.h>

#include "strata/kinds.h"

#define NOT_NAMESPACEABLE "_non_namespaceable_"

static const char *str_or_empty(const char *s)
{
	return s ? s : "";
}

void resid_split_api_version(arena *a, const char *api_version, const char **group,
			     const char **version)
{
	const char *av = str_or_empty(api_version);
	const char *slash = strchr(av, '/');
	if (!slash) {
		*group = "";
		*version = av;
		return;
	}
	*group = arena_strndup(a, av, (size_t)(slash - av));
	*version = slash + 1;
}

resid resid_of(const node *obj)
{
	resid id;
	const char *av = str_or_empty(node_get_str(obj, "apiVersion"));
	const char *slash = strchr(av, '/');
	id.group = av;
	id.glen = slash ? (size_t)(slash - av) : 0;
	id.version = slash ? slash + 1 : av;
	id.kind = str_or_empty(node_get_str(obj, "kind"));
	node *md = node_get(obj, "metadata");
	id.name = str_or_empty(node_get_str(md, "name"));
	id.ns = str_or_empty(node_get_str(md, "namespace"));
	return id;
}

resid resid_make(const char *group, const char *version, const char *kind, const char *name,
		 const char *ns)
{
	resid id;
	id.group = str_or_empty(group);
	id.glen = strlen(id.group);
	id.version = str_or_empty(version);
	id.kind = str_or_empty(kind);
	id.name = str_or_empty(name);
	id.ns = str_or_empty(ns);
	return id;
}

const char *resid_group(arena *a, const resid *id)
{
	return arena_strndup(a, id->group, id->glen);
}

bool resid_group_is(const resid *id, const char *group)
{
	return strlen(group) == id->glen && !memcmp(id->group, group, id->glen);
}

const char *resid_string(arena *a, const resid *id)
{
	return arena_sprintf(a, "%s.%s.%.*s/%s.%s", id->kind[0] ? id->kind : "[noKind]",
			     id->version[0] ? id->version : "[noVer]",
			     (int)(id->glen ? id->glen : 7), id->glen ? id->group : "[noGrp]",
			     id->name[0] ? id->name : "[noName]", id->ns[0] ? id->ns : "[noNs]");
}

bool resid_is_cluster_scoped(const resid *id)
{
	char g[256];
	if (id->glen >= sizeof g)
		return false;
	memcpy(g, id->group, id->glen);
	g[id->glen] = 0;
	return kinds_is_cluster_scoped(g, id->version, id->kind);
}

const char *resid_effective_ns(const resid *id)
{
	if (resid_is_cluster_scoped(id))
		return NOT_NAMESPACEABLE;
	return id->ns[0] ? id->ns : "default";
}

bool resid_equals(const resid *x, const resid *y)
{
	return !strcmp(x->name, y->name) && !strcmp(x->kind, y->kind) && x->glen == y->glen &&
	       !memcmp(x->group, y->group, x->glen) && !strcmp(x->version, y->version) &&
	       !strcmp(resid_effective_ns(x), resid_effective_ns(y));
}

resource *res_new(arena *a, node *obj, const char *source, err *e)
{
	if (!obj || obj->kind != NODE_MAP) {
		err_at(e, obj ? obj->file : source, obj ? obj->line : 0, obj ? obj->col : 0,
		       "missing Resource metadata: expected a Kubernetes object (a map with "
		       "apiVersion, kind and metadata), got a %s",
		       obj ? node_kind_name((node_kind)obj->kind) : "nothing");
		return NULL;
	}
	node *kind = node_get(obj, "kind");
	if (!kind || kind->kind != NODE_STR || !kind->str.len) {
		err_at(e, obj->file, obj->line, obj->col,
		       "missing kind in object: every resource needs a 'kind' string");
		return NULL;
	}
	node *name = node_dig(obj, "metadata", "name", NULL);
	if (!name || !node_is_scalar(name) || name->kind == NODE_NULL || !name->str.len) {
		err_at(e, obj->file, obj->line, obj->col,
		       "missing metadata.name in object of kind %s: give it a name",
		       kind->str.s);
		return NULL;
	}
	resource *r = arena_alloc(a, sizeof *r);
	r->obj = obj;
	r->source = source;
	r->orig = resid_of(obj);
	return r;
}

resid res_id(const resource *r)
{
	return resid_of(r->obj);
}

void res_store_prev_id(arena *a, resource *r)
{
	resid cur = resid_of(r->obj);
	resid *v = arena_grow(a, r->prev, r->nprev * sizeof *v, (r->nprev + 1) * sizeof *v);
	v[r->nprev] = cur;
	r->prev = v;
	r->nprev++;
}

bool res_matches_any_id(const resource *r, const resid *id)
{
	for (size_t i = 0; i < r->nprev; i++)
		if (resid_equals(&r->prev[i], id))
			return true;
	resid cur = res_id(r);
	return resid_equals(&cur, id);
}

size_t resmap_find_any_id(const resmap *m, const resid *id, resource **found)
{
	size_t n = 0;
	*found = NULL;
	for (size_t i = 0; i < m->n; i++)
		if (res_matches_any_id(m->v[i], id)) {
			*found = m->v[i];
			n++;
		}
	return n;
}

void resmap_push(arena *a, resmap *m, resource *r)
{
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 16;
		m->v = arena_grow(a, m->v, m->n * sizeof *m->v, cap * sizeof *m->v);
		m->cap = cap;
	}
	m->v[m->n++] = r;
}

void resmap_remove(resmap *m, size_t i)
{
	if (i >= m->n)
		return;
	memmove(&m->v[i], &m->v[i + 1], (m->n - i - 1) * sizeof *m->v);
	m->n--;
}

int resmap_add_unique(arena *a, resmap *m, resource *r, err *e)
{
	resid id = res_id(r);
	for (size_t i = 0; i < m->n; i++) {
		resid o = res_id(m->v[i]);
		if (resid_equals(&o, &id)) {
			return err_set(e, "may not add resource with an already registered id: %s "
					  "(from %s and %s); give one of them another name or "
					  "namespace",
				       resid_string(a, &id), m->v[i]->source ? m->v[i]->source : "?",
				       r->source ? r->source : "?");
		}
	}
	resmap_push(a, m, r);
	return 0;
}

int resmap_append_all(arena *a, resmap *dst, const resmap *src, err *e)
{
	for (size_t i = 0; i < src->n; i++)
		if (resmap_add_unique(a, dst, src->v[i], e))
			return -1;
	return 0;
}
