/* xform_meta.c - namespace, name prefix/suffix, labels and annotations
 * transformers; see xform_meta.h. */
#include "strata/xform_meta.h"
#include "strata/kust.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "strata/buf.h"
#include "strata/json.h"
#include "strata/scalar.h"

/* ================================================ kustomization decoding */

/* JSON types as encoding/json names them in "cannot unmarshal" errors. */



/* kustomize's text for a value of the wrong JSON type, plus what to do. */
static int type_err(err *e, const node *at, const char *gofield, const char *gotype)
{
	jtype got = kust_json_type(at);
	if (got == J_NUMBER) {
		const char *sp = json_special_float(at->str.s, at->str.len);
		if (sp)
			return err_at(e, at->file, at->line, at->col,
				      "invalid Kustomization: json: unsupported value: %s; quote it "
				      "to make it a string",
				      sp);
	}
	const char *hint = !strcmp(gotype, "string") ? "; quote the value to make it a string"
			   : !strcmp(gotype, "bool") ? "; write true or false"
						     : "";
	return err_at(e, at->file, at->line, at->col,
		      "invalid Kustomization: json: cannot unmarshal %s into Go struct field %s of "
		      "type %s%s",
		      kust_json_type_name(got), gofield, gotype, hint);
}

static int unknown_field(err *e, const node *key)
{
	return err_at(e, key->file, key->line, key->col,
		      "invalid Kustomization: json: unknown field \"%s\"; check its spelling",
		      key->str.s);
}

int xform_kust_string(const node *v, const char *gofield, const char **out, err *e)
{
	*out = "";
	jtype t = kust_json_type(v);
	if (t == J_NULL)
		return 0;
	if (t != J_STRING)
		return type_err(e, v, gofield, "string");
	*out = v->str.s;
	return 0;
}

static int kust_bool(const node *v, const char *gofield, bool *out, err *e)
{
	jtype t = kust_json_type(v);
	if (t == J_NULL)
		return 0;
	if (t != J_BOOL)
		return type_err(e, v, gofield, "bool");
	*out = scalar_bool_value(v->str.s, v->str.len);
	return 0;
}

/* Bytewise order, as Go sorts strings (and JSON object keys here). */
static int bytes_cmp(const char *a, size_t al, const char *b, size_t bl)
{
	int c = memcmp(a, b, al < bl ? al : bl);
	return c ? c : (al > bl) - (al < bl);
}

static int pair_key_cmp(const void *x, const void *y)
{
	const node_pair *a = *(node_pair *const *)x, *b = *(node_pair *const *)y;
	return bytes_cmp(a->key->str.s, a->key->str.len, b->key->str.s, b->key->str.len);
}

/* A map's pairs in the order Go's decoder meets them: sigs.k8s.io/yaml
 * hands it JSON with object keys sorted.  Non-scalar keys are left out
 * (YAML→JSON fails on them before this point matters). */
static node_pair **sorted_pairs(arena *a, const node *m, size_t *n)
{
	node_pair **v = arena_alloc(a, (m->map.n + 1) * sizeof *v);
	size_t k = 0;
	for (uint32_t i = 0; i < m->map.n; i++)
		if (node_is_scalar(m->map.v[i].key))
			v[k++] = &m->map.v[i];
	qsort(v, k, sizeof *v, pair_key_cmp);
	*n = k;
	return v;
}

/* ---- map[string]string ---- */

typedef struct kv {
	const char *key;
	const node *knode, *vnode;
	const char *val;
	uint32_t idx;  /* position in the map, to keep the last of equal keys */
} kv;

typedef struct strmap {
	kv *v;
	size_t n;
} strmap;

/* The key text sigs.k8s.io/yaml gives a YAML 1.1 map key: booleans become
 * "true"/"false", numbers their Go spelling. */
static int key_text(arena *a, const node *k, const node *val, const char **out, err *e)
{
	jtype t = kust_json_type(k);
	*out = k->str.s;
	if (t == J_NULL)
		return err_at(e, k->file, k->line, k->col,
			      "invalid Kustomization: unsupported map key of type: %%!s(<nil>), key: "
			      "<nil>, value: \"%s\"; quote the key",
			      node_is_scalar(val) ? val->str.s : "");
	if (t == J_BOOL) {
		*out = scalar_bool_value(k->str.s, k->str.len) ? "true" : "false";
	} else if (t == J_NUMBER) {
		buf b = BUF_INIT;
		if (scalar_number_text(&b, k->str.s, k->str.len) == 0 && b.p)
			*out = arena_strdup(a, b.p);
		buf_free(&b);
	}
	return 0;
}

static int kv_cmp(const void *x, const void *y)
{
	const kv *a = x, *b = y;
	int c = strcmp(a->key, b->key);
	/* Equal keys: document order, so the last one can win. */
	return c ? c : (a->idx > b->idx) - (a->idx < b->idx);
}

/* Decodes a map[string]string field.  Keys that collapse to one text keep
 * the last value, as a Go map does; values are checked in sorted key
 * order, as Go's decoder reports the first bad one. */
static int decode_string_map(arena *a, const node *m, const char *gofield, strmap *out,
			     err *e)
{
	out->v = NULL;
	out->n = 0;
	jtype t = kust_json_type(m);
	if (t == J_NULL)
		return 0;
	if (t != J_OBJECT)
		return type_err(e, m, gofield, "map[string]string");
	kv *v = arena_alloc(a, (m->map.n + 1) * sizeof *v);
	size_t n = 0;
	for (uint32_t i = 0; i < m->map.n; i++) {
		const node_pair *p = &m->map.v[i];
		if (!node_is_scalar(p->key))
			continue;
		v[n].knode = p->key;
		v[n].vnode = p->val;
		v[n].idx = i;
		if (key_text(a, p->key, p->val, &v[n].key, e))
			return -1;
		n++;
	}
	qsort(v, n, sizeof *v, kv_cmp);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (i + 1 < n && !strcmp(v[i].key, v[i + 1].key))
			continue;
		v[k++] = v[i];
	}
	for (size_t i = 0; i < k; i++) {
		jtype vt = kust_json_type(v[i].vnode);
		if (vt != J_STRING && vt != J_NULL)
			return type_err(e, v[i].vnode, gofield, "string");
		v[i].val = vt == J_NULL ? "" : v[i].vnode->str.s;
	}
	out->v = v;
	out->n = k;
	return 0;
}

/* ---- labels entries ---- */

typedef struct spec_vec {
	fieldspec *v;
	size_t n, cap;
} spec_vec;

static void spec_push(arena *a, spec_vec *s, const fieldspec *x)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 16;
		s->v = arena_grow(a, s->v, s->n * sizeof *s->v, cap * sizeof *s->v);
		s->cap = cap;
	}
	s->v[s->n++] = *x;
}

typedef struct label_entry {
	strmap pairs;
	bool selectors, templates;
	spec_vec fields;
} label_entry;

static bool key_is(const node *k, const char *name)
{
	return k->str.len == strlen(name) && !strncasecmp(k->str.s, name, k->str.len);
}

static int decode_fieldspec(arena *a, const node *m, fieldspec *fs, err *e)
{
	static const struct {
		const char *name, *gofield;
	} strs[] = {
		{"group", "FieldSpec.labels.fields.group"},
		{"version", "FieldSpec.labels.fields.version"},
		{"kind", "FieldSpec.labels.fields.kind"},
		{"path", "FieldSpec.labels.fields.path"},
	};
	memset(fs, 0, sizeof *fs);
	fs->group = fs->version = fs->kind = fs->path = "";
	fs->src = m;
	if (kust_json_type(m) == J_NULL)
		return 0;
	if (kust_json_type(m) != J_OBJECT)
		return type_err(e, m, "Label.labels.fields", "types.FieldSpec");
	size_t n;
	node_pair **p = sorted_pairs(a, m, &n);
	for (size_t i = 0; i < n; i++) {
		const node *k = p[i]->key, *v = p[i]->val;
		const char **dst[] = {&fs->group, &fs->version, &fs->kind, &fs->path};
		bool known = false;
		for (size_t s = 0; s < 4 && !known; s++) {
			if (!key_is(k, strs[s].name))
				continue;
			known = true;
			if (xform_kust_string(v, strs[s].gofield, dst[s], e))
				return -1;
		}
		if (known)
			continue;
		if (!key_is(k, "create"))
			return unknown_field(e, k);
		if (kust_bool(v, "FieldSpec.labels.fields.create", &fs->create, e))
			return -1;
	}
	return 0;
}

static int decode_fields(arena *a, const node *v, spec_vec *out, err *e)
{
	jtype t = kust_json_type(v);
	if (t == J_NULL)
		return 0;
	if (t != J_ARRAY)
		return type_err(e, v, "Label.labels.fields", "[]types.FieldSpec");
	for (uint32_t i = 0; i < v->seq.n; i++) {
		fieldspec fs;
		if (decode_fieldspec(a, v->seq.v[i], &fs, e))
			return -1;
		spec_push(a, out, &fs);
	}
	return 0;
}

static int decode_label(arena *a, const node *entry, label_entry *out, err *e)
{
	memset(out, 0, sizeof *out);
	jtype t = kust_json_type(entry);
	if (t == J_NULL)
		return 0;
	if (t != J_OBJECT)
		return type_err(e, entry, "Kustomization.labels", "types.Label");
	size_t n;
	node_pair **p = sorted_pairs(a, entry, &n);
	for (size_t i = 0; i < n; i++) {
		const node *k = p[i]->key, *v = p[i]->val;
		int rc;
		if (key_is(k, "pairs"))
			rc = decode_string_map(a, v, "Label.labels.pairs", &out->pairs, e);
		else if (key_is(k, "includeSelectors"))
			rc = kust_bool(v, "Label.labels.includeSelectors", &out->selectors, e);
		else if (key_is(k, "includeTemplates"))
			rc = kust_bool(v, "Label.labels.includeTemplates", &out->templates, e);
		else if (key_is(k, "fields"))
			rc = decode_fields(a, v, &out->fields, e);
		else
			rc = unknown_field(e, k);
		if (rc)
			return -1;
	}
	return 0;
}

/* kustomize's FsSlice.MergeOne: x is dropped when a spec already there has
 * the same path and a GVK x selects (the first such spec); a different
 * `create` on it is a conflict. */
static bool merge_one(arena *a, spec_vec *s, const fieldspec *x)
{
	for (size_t i = 0; i < s->n; i++) {
		const fieldspec *o = &s->v[i];
		if (strcmp(o->path, x->path))
			continue;
		if ((x->group[0] && strcmp(o->group, x->group)) ||
		    (x->version[0] && strcmp(o->version, x->version)) ||
		    (x->kind[0] && strcmp(o->kind, x->kind)))
			continue;
		return o->create == x->create;
	}
	spec_push(a, s, x);
	return true;
}

static bool merge_all(arena *a, spec_vec *s, const fieldspec_list *l)
{
	for (size_t i = 0; l && i < l->n; i++)
		if (!merge_one(a, s, &l->v[i]))
			return false;
	return true;
}

static int conflict_err(err *e, const node *entry, const char *what)
{
	if (entry && entry->line)
		return err_at(e, entry->file, entry->line, entry->col,
			      "%s: conflicting fieldspecs; a `fields` entry or a configurations "
			      "`labels` spec names a path another label spec lists with the other "
			      "`create` value: give it the same `create` or leave it out",
			      what);
	return err_set(e, "%s: conflicting fieldspecs", what);
}

/* The specs one labels entry walks: its own fields first, then the
 * config's `labels` specs (from `configurations`), then the built-in
 * ones its flags ask for. */
static int label_specs(arena *a, const label_entry *le, const node *entry,
		       const fieldspec_config *cfg, fieldspec_list *out, err *e)
{
	spec_vec s = {0};
	for (size_t i = 0; i < le->fields.n; i++)
		spec_push(a, &s, &le->fields.v[i]);
	static const fieldspec meta = {"", "", "", "metadata/labels", true, NULL};
	if (!merge_all(a, &s, &cfg->t[FIELDSPEC_LABELS]))
		return conflict_err(e, entry, "failed to merge labels");
	if (le->selectors) {
		if (!merge_all(a, &s, &cfg->t[FIELDSPEC_COMMONLABELS]))
			return conflict_err(e, entry, "failed to merge labels");
	} else {
		if (le->templates && !merge_all(a, &s, &cfg->t[FIELDSPEC_TEMPLATELABELS]))
			return conflict_err(e, entry, "failed to merge template fieldSpec");
		if (!merge_one(a, &s, &meta))
			return conflict_err(e, entry, "failed to merge labels");
	}
	out->v = s.v;
	out->n = s.n;
	return 0;
}

static int decode_labels_list(arena *a, const node *list, err *e)
{
	jtype t = kust_json_type(list);
	if (t == J_NULL)
		return 0;
	if (t != J_ARRAY)
		return type_err(e, list, "Kustomization.labels", "[]types.Label");
	for (uint32_t i = 0; i < list->seq.n; i++) {
		label_entry le;
		if (decode_label(a, list->seq.v[i], &le, e))
			return -1;
	}
	return 0;
}

static int merge_labels_list(arena *a, const node *list, const fieldspec_config *cfg, err *e)
{
	for (uint32_t i = 0; list && list->kind == NODE_SEQ && i < list->seq.n; i++) {
		label_entry le;
		fieldspec_list specs;
		if (decode_label(a, list->seq.v[i], &le, e) ||
		    label_specs(a, &le, list->seq.v[i], cfg, &specs, e))
			return -1;
	}
	return 0;
}

int xform_meta_check(arena *a, const node *root, const fieldspec_config *cfg, err *e)
{
	/* Go's decoder meets the fields in sorted key order and reports the
	 * first bad one. */
	strmap sm;
	const char *s;
	if (decode_string_map(a, node_get(root, "commonAnnotations"),
			      "Kustomization.commonAnnotations", &sm, e) ||
	    decode_string_map(a, node_get(root, "commonLabels"), "Kustomization.commonLabels", &sm,
			      e) ||
	    decode_labels_list(a, node_get(root, "labels"), e) ||
	    xform_kust_string(node_get(root, "namePrefix"), "Kustomization.namePrefix", &s, e) ||
	    xform_kust_string(node_get(root, "nameSuffix"), "Kustomization.nameSuffix", &s, e) ||
	    xform_kust_string(node_get(root, "namespace"), "Kustomization.namespace", &s, e))
		return -1;
	return cfg ? merge_labels_list(a, node_get(root, "labels"), cfg, e) : 0;
}

/* ================================================ setting values */

static const char *yaml_kind_name(const node *n)
{
	if (n->kind == NODE_MAP)
		return "MappingNode";
	if (n->kind == NODE_SEQ)
		return "SequenceNode";
	return "ScalarNode";
}

/* kyaml's "wrong node kind" text, then where and what to do. */
static int wrong_kind(err *e, const node *at, const char *want, const char *hint)
{
	if (at->line)
		return err_set(e, "wrong node kind: expected %s but got %s (at %s:%u:%u); %s", want,
			       yaml_kind_name(at), at->file ? at->file : "?", at->line, at->col,
			       hint);
	return err_set(e, "wrong node kind: expected %s but got %s; %s", want, yaml_kind_name(at),
		       hint);
}

/* A string value as kyaml writes it: tagged !!str. */
static node *str_value(arena *a, const char *s, const node *pos)
{
	node *n = node_str(a, s);
	n->flags = NODE_F_QUOTED;
	if (pos)
		node_set_pos(n, pos);
	return n;
}

/* kyaml's SetYNode: the existing node takes the new value in place, so
 * whatever else points at it sees the change too. */
static void overwrite(node *dst, const node *src)
{
	dst->kind = src->kind;
	dst->flags = src->flags;
	dst->str = src->str;
}

/* Sets a scalar field (kyaml's FieldSetter with no name): a null or a
 * scalar is replaced, a missing field created, a map or list refused. */
static int set_scalar(arena *a, node *parent, node **slot, const char *text, const char *hint,
		      err *e)
{
	node *cur = *slot;
	if (cur && !node_is_scalar(cur))
		return wrong_kind(e, cur, "ScalarNode", hint);
	node *v = str_value(a, text, cur ? cur : parent);
	if (cur)
		overwrite(cur, v);
	else
		*slot = v;
	return 0;
}

static node_pair *find_key(const node *m, const char *key)
{
	for (uint32_t i = 0; i < m->map.n; i++) {
		const node *k = m->map.v[i].key;
		if (node_is_scalar(k) && !strcmp(k->str.s, key))
			return &m->map.v[i];
	}
	return NULL;
}

/* ================================================ namespace */

typedef struct ns_ctx {
	const char *ns;
	bool kind_err;  /* the setter refused a map or list */
} ns_ctx;

static int ns_set(arena *a, node *parent, node **slot, void *ctx, err *e)
{
	ns_ctx *c = ctx;
	if (set_scalar(a, parent, slot, c->ns, "a namespace field must be a string", e)) {
		c->kind_err = true;
		return -1;
	}
	return 0;
}

static bool is_role_binding(const char *kind)
{
	return kind && (!strcmp(kind, "RoleBinding") || !strcmp(kind, "ClusterRoleBinding"));
}

#define RB_CTX "setting namespace on (cluster)role binding subjects"
#define RB_NAME_CTX RB_CTX ": looking up name on (cluster)role binding subject"

/* Subjects named "default" (any kind) get the namespace. */
static int ns_role_binding(arena *a, node *obj, ns_ctx *c, err *e)
{
	node_pair *p = find_key(obj, "subjects");
	if (!p || !p->val || p->val->kind == NODE_NULL)
		return 0;
	node *subs = p->val;
	if (subs->kind != NODE_SEQ) {
		wrong_kind(e, subs, "SequenceNode", "subjects must be a list");
		return err_wrap(e, RB_CTX);
	}
	for (uint32_t i = 0; i < subs->seq.n; i++) {
		node *o = subs->seq.v[i];
		if (!o || o->kind == NODE_NULL)
			continue;
		if (o->kind != NODE_MAP) {
			wrong_kind(e, o, "MappingNode", "a subject must be a map");
			return err_wrap(e, RB_NAME_CTX);
		}
		node_pair *np = find_key(o, "name");
		if (!np || !np->val || np->val->kind == NODE_NULL)
			continue;
		if (!node_is_scalar(np->val)) {
			wrong_kind(e, np->val, "ScalarNode", "a subject's name must be a string");
			return err_wrap(e, RB_NAME_CTX);
		}
		if (strcmp(np->val->str.s, "default"))
			continue;
		node_pair *nsp = find_key(o, "namespace");
		if (!nsp) {
			node *key = node_str(a, "namespace");
			node_set_pos(key, o);
			node_append(a, o, key, str_value(a, c->ns, o));
			continue;
		}
		if (set_scalar(a, o, &nsp->val, c->ns, "a subject's namespace must be a string", e))
			return err_wrap(e, RB_CTX);
	}
	return 0;
}

static const char *field_text(const node *obj, const char *key)
{
	const node *n = node_get(obj, key);
	return n && node_is_scalar(n) && n->kind != NODE_NULL ? n->str.s : "";
}

/* Whether the namespace spec applies to this object in kustomize: its
 * metadata/namespace specs are replaced by the hard-wired step, its
 * metadata/name specs only rename apiVersion v1 objects (so only core
 * Namespaces), and role binding subject specs are replaced by the
 * "default" rule. */
static bool ns_spec_used(const fieldspec *fs, const char *api_version, bool role_binding)
{
	if (!strcmp(fs->path, "metadata/namespace"))
		return false;
	if (strcmp(api_version, "v1") && !strcmp(fs->path, "metadata/name"))
		return false;
	if (role_binding && is_role_binding(fs->kind) && !strcmp(fs->path, "subjects/namespace"))
		return false;
	return true;
}

/* Prepends "<what>: " to e, after a leading "<file>:<line>:<col>: " so
 * the position stays first. */
static int wrap_after_pos(err *e, const char *file, const char *what)
{
	const char *m = e->msg;
	size_t fl = file ? strlen(file) : 0;
	if (m && fl && !strncmp(m, file, fl) && m[fl] == ':') {
		const char *p = m + fl + 1;
		p += strspn(p, "0123456789");
		if (*p == ':') {
			p++;
			p += strspn(p, "0123456789");
			if (p[0] == ':' && p[1] == ' ') {
				p += 2;
				char *old = e->msg;
				e->msg = NULL;
				err_set(e, "%.*s%s: %s", (int)(p - old), old, what, p);
				free(old);
				return -1;
			}
		}
	}
	return err_wrap(e, "%s", what);
}

static int ns_one(arena *a, resource *r, const char *ns, const fieldspec_config *cfg, err *e)
{
	node *obj = r->obj;
	ns_ctx c = {ns, false};
	res_store_prev_id(a, r);
	resid id = resid_of(obj);
	if (!resid_is_cluster_scoped(&id)) {
		static const fieldspec meta = {"", "", "", "metadata/namespace", true, NULL};
		if (fieldspec_apply(a, obj, &meta, FIELDSPEC_CREATE_SCALAR, ns_set, &c, e))
			return -1;
	}
	bool rb = is_role_binding(field_text(obj, "kind"));
	if (rb && ns_role_binding(a, obj, &c, e))
		return -1;
	const char *av = field_text(obj, "apiVersion");
	const fieldspec_list *l = &cfg->t[FIELDSPEC_NAMESPACE];
	for (size_t i = 0; i < l->n; i++) {
		if (!ns_spec_used(&l->v[i], av, rb))
			continue;
		c.kind_err = false;
		if (fieldspec_apply(a, obj, &l->v[i], FIELDSPEC_CREATE_SCALAR, ns_set, &c, e))
			return wrap_after_pos(e, obj->file,
					      c.kind_err ? "namespace field specs must target scalar "
							   "nodes"
							 : "namespace transformation failed");
	}
	return 0;
}

/* ---- the ID conflict report: each resource as kustomize's JSON ---- */

static void add_anno(arena *a, node *an, const char *k, const char *v)
{
	if (v && v[0])
		node_set(a, an, k, node_str(a, v));
}

static const char *csv_of(arena *a, const char *const *v, size_t n)
{
	buf b = BUF_INIT;
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? "," : "", v[i]);
	const char *s = arena_strdup(a, b.p ? b.p : "");
	buf_free(&b);
	return s;
}

/* The object with the internal annotations kustomize keeps its build
 * state in (previous ids, prefixes, generator marks). */
static node *with_build_annotations(arena *a, const resource *r)
{
	node *o = node_clone(a, r->obj);
	node *md = node_get(o, "metadata");
	if (!md || md->kind != NODE_MAP)
		return o;
	node *an = node_ensure_map(a, md, "annotations");
	const char **kinds = arena_alloc(a, (r->nprev + 1) * sizeof *kinds);
	const char **names = arena_alloc(a, (r->nprev + 1) * sizeof *names);
	const char **nss = arena_alloc(a, (r->nprev + 1) * sizeof *nss);
	for (size_t i = 0; i < r->nprev; i++) {
		kinds[i] = r->prev[i].kind;
		names[i] = r->prev[i].name;
		nss[i] = resid_effective_ns(&r->prev[i]);
	}
	const char *pfx = "internal.config.kubernetes.io/";
	if (r->flags & RES_GENERATED) {
		const char *b = r->behavior && r->behavior[0] && strcmp(r->behavior, "create")
					? r->behavior
					: "unspecified";
		add_anno(a, an, arena_sprintf(a, "%sgeneratorBehavior", pfx), b);
	}
	if (r->flags & RES_NEEDS_HASH)
		add_anno(a, an, arena_sprintf(a, "%sneedsHashSuffix", pfx), "enabled");
	add_anno(a, an, arena_sprintf(a, "%sprefixes", pfx), csv_of(a, r->prefixes, r->nprefix));
	add_anno(a, an, arena_sprintf(a, "%spreviousKinds", pfx), csv_of(a, kinds, r->nprev));
	add_anno(a, an, arena_sprintf(a, "%spreviousNames", pfx), csv_of(a, names, r->nprev));
	add_anno(a, an, arena_sprintf(a, "%spreviousNamespaces", pfx), csv_of(a, nss, r->nprev));
	add_anno(a, an, arena_sprintf(a, "%ssuffixes", pfx), csv_of(a, r->suffixes, r->nsuffix));
	return o;
}

/* encoding/json's compact output: sorted keys, <>& escaped. */
static void append_json(arena *a, buf *out, const resource *r)
{
	err tmp = ERR_INIT;
	json_t *j = json_from_node(with_build_annotations(a, r), &tmp);
	char *s = j ? json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	if (!s) {
		buf_printf(out, "<%s>", tmp.msg ? tmp.msg : "unprintable");
	} else {
		for (const char *p = s; *p; p++) {
			if (*p == '<' || *p == '>' || *p == '&')
				buf_printf(out, "\\u%04x", (unsigned)*p);
			else
				buf_addc(out, *p);
		}
	}
	free(s);
	json_decref(j);
	err_clear(&tmp);
}

static int ns_conflicts(arena *a, const resmap *m, const resource *r, err *e)
{
	resid cur = res_id(r);
	if (resmap_count_id(m, &cur) == 1)
		return 0;
	buf b = BUF_INIT;
	size_t k = 0;
	for (size_t i = 0; i < m->n; i++) {
		resid o = res_id(m->v[i]);
		if (!resid_equals(&o, &cur))
			continue;
		if (k++)
			buf_addc(&b, ' ');
		append_json(a, &b, m->v[i]);
	}
	err_at(e, r->obj->file, r->obj->line, r->obj->col,
	       "namespace transformation produces ID conflict: [%s]; two resources end up with "
	       "the same kind, name and namespace: rename one of them",
	       b.p ? b.p : "");
	buf_free(&b);
	return -1;
}

/* Whether spec fs, used for an object (ns_spec_used), would reach a field
 * of its id other than the namespace (kind, apiVersion, metadata or its
 * name), as the built-in spec for a Namespace's name does. */
static bool ns_spec_moves_id(arena *a, const fieldspec *fs)
{
	char **st;
	size_t n = fieldspec_path_split(a, fs->path ? fs->path : "", &st);
	return !strcmp(st[0], "kind") || !strcmp(st[0], "apiVersion") ||
	       (!strcmp(st[0], "metadata") && (n == 1 || !strcmp(st[1], "name")));
}

/* No object a spec renames or re-kinds. */
static bool ns_ids_stay(const resmap *m, const fieldspec_list *l)
{
	arena *a = arena_new();
	bool stay = true;
	for (size_t s = 0; stay && s < l->n; s++) {
		if (!ns_spec_moves_id(a, &l->v[s]))
			continue;
		for (size_t i = 0; stay && i < m->n; i++) {
			const node *obj = m->v[i]->obj;
			if (!obj || obj->kind != NODE_MAP || !obj->map.n)
				continue;
			const char *av = field_text(obj, "apiVersion"), *kind = field_text(obj, "kind");
			stay = !(fieldspec_matches(&l->v[s], av, kind) &&
				 ns_spec_used(&l->v[s], av, is_role_binding(kind)));
		}
	}
	arena_free(a);
	return stay;
}

/* No two objects alike in all of their id but the namespace: then no
 * namespace makes two ids one. */
static bool ids_apart_but_ns(const resmap *m)
{
	size_t cap = 16;
	while (cap < 2 * m->n)
		cap *= 2;
	resid *ids = malloc(m->n * sizeof *ids);
	size_t *slot = malloc(cap * sizeof *slot);
	if (!ids || !slot)
		abort();
	for (size_t k = 0; k < cap; k++)
		slot[k] = SIZE_MAX;
	bool apart = true;
	for (size_t i = 0; apart && i < m->n; i++) {
		ids[i] = res_id(m->v[i]);
		size_t k = resid_hash_but_ns(&ids[i]) & (cap - 1);
		for (; slot[k] != SIZE_MAX && apart; k = (k + 1) & (cap - 1))
			apart = !resid_equals_but_ns(&ids[slot[k]], &ids[i]);
		slot[k] = i;
	}
	free(ids);
	free(slot);
	return apart;
}

struct ns_job {
	resmap *m;
	const char *ns;
	const fieldspec_config *cfg;
};

static bool ns_skipped(const resource *r)
{
	return !r->obj || r->obj->kind != NODE_MAP || r->obj->map.n == 0;
}

static int ns_item(void *ctx, arena *a, size_t i, err *e)
{
	const struct ns_job *j = ctx;
	return ns_skipped(j->m->v[i]) ? 0 : ns_one(a, j->m->v[i], j->ns, j->cfg, e);
}

/* Object by object, each checked for an ID conflict as soon as it moved;
 * where no conflict can arise (ids_apart_but_ns) and no spec changes
 * another part of an id (ns_ids_stay), the objects are independent and
 * par may spread them: the first error in object order is the one the
 * loop meets. */
static int namespace_all(arena *a, resmap *m, const char *ns, const fieldspec_config *cfg,
			 const pool_par *par, err *e)
{
	if (!ns || !ns[0])
		return 0;
	if (pool_par_workers(par, m->n) > 1 && ns_ids_stay(m, &cfg->t[FIELDSPEC_NAMESPACE]) &&
	    ids_apart_but_ns(m)) {
		struct ns_job j = {m, ns, cfg};
		if (pool_each(par, m->n, a, ns_item, &j, e))
			return -1;
		for (size_t i = 0; i < m->n; i++)
			if (!ns_skipped(m->v[i]))
				resmap_id_changed(m, m->v[i]);
		return 0;
	}
	for (size_t i = 0; i < m->n; i++) {
		resource *r = m->v[i];
		if (ns_skipped(r))
			continue;
		if (ns_one(a, r, ns, cfg, e))
			return -1;
		resmap_id_changed(m, r);
		if (ns_conflicts(a, m, r, e))
			return -1;
	}
	return 0;
}

int xform_namespace(arena *a, resmap *m, const char *ns, const fieldspec_config *cfg, err *e)
{
	return namespace_all(a, m, ns, cfg, NULL, e);
}

/* ================================================ namePrefix / nameSuffix */

typedef struct affix_ctx {
	const char *prefix, *suffix;
} affix_ctx;

static int affix_set(arena *a, node *parent, node **slot, void *ctx, err *e)
{
	const affix_ctx *c = ctx;
	/* A null keeps the text it was written with ("null", "~" or ""). */
	const char *old = *slot && node_is_scalar(*slot) ? (*slot)->str.s : "";
	const char *text = arena_sprintf(a, "%s%s%s", c->prefix, old, c->suffix);
	return set_scalar(a, parent, slot, text, "a name field must be a string", e);
}

/* kustomize's OrgId: the first previous id, else the current one. */
static resid org_id(const resource *r)
{
	return r->nprev ? r->prev[0] : resid_of(r->obj);
}

/* Gvk.IsSelected: empty selector parts match anything. */
static bool gvk_selected(const resid *id, const fieldspec *fs)
{
	if (fs->group[0] && !resid_group_is(id, fs->group))
		return false;
	if (fs->version[0] && strcmp(id->version, fs->version))
		return false;
	if (fs->kind[0] && strcmp(id->kind, fs->kind))
		return false;
	return true;
}

static bool affix_skipped(const resid *org)
{
	return !strcmp(org->kind, "CustomResourceDefinition") || !strcmp(org->kind, "Namespace") ||
	       (!strcmp(org->kind, "APIService") && resid_group_is(org, "apiregistration.k8s.io"));
}

/* kustomize keeps them as a comma-joined annotation and splits it again
 * when it reads them. */
static void record_affix(arena *a, const char ***list, size_t *n, const char *s)
{
	for (;;) {
		const char *comma = strchr(s, ',');
		size_t len = comma ? (size_t)(comma - s) : strlen(s);
		const char **v = arena_grow(a, *list, *n * sizeof *v, (*n + 1) * sizeof *v);
		v[(*n)++] = arena_strndup(a, s, len);
		*list = v;
		if (!comma)
			break;
		s = comma + 1;
	}
}

static int affix_pass(arena *a, resmap *m, const char *affix, bool prefix,
		      const fieldspec_list *l, err *e)
{
	affix_ctx c = {prefix ? affix : "", prefix ? "" : affix};
	for (size_t i = 0; i < m->n; i++) {
		resource *r = m->v[i];
		if (!r->obj)
			continue;
		resid org = org_id(r);
		if (affix_skipped(&org))
			continue;
		for (size_t k = 0; l && k < l->n; k++) {
			const fieldspec *fs = &l->v[k];
			if (!gvk_selected(&org, fs))
				continue;
			if (!strcmp(fs->path, "metadata/name")) {
				if (prefix)
					record_affix(a, &r->prefixes, &r->nprefix, affix);
				else
					record_affix(a, &r->suffixes, &r->nsuffix, affix);
				res_store_prev_id(a, r);
			}
			if (fieldspec_apply(a, r->obj, fs, FIELDSPEC_CREATE_SCALAR, affix_set, &c, e))
				return -1;
		}
	}
	return 0;
}

int xform_prefix_suffix(arena *a, resmap *m, const char *prefix, const char *suffix,
			const fieldspec_config *cfg, err *e)
{
	if (prefix && prefix[0] &&
	    affix_pass(a, m, prefix, true, &cfg->t[FIELDSPEC_NAMEPREFIX], e))
		return -1;
	if (suffix && suffix[0] &&
	    affix_pass(a, m, suffix, false, &cfg->t[FIELDSPEC_NAMESUFFIX], e))
		return -1;
	return 0;
}

/* ================================================ labels, annotations */

/* A key as kyaml creates it: an untagged plain scalar, which go-yaml v3
 * reads back by its text on output ("1" an int, "true" a bool, "yes" a
 * string), so such keys fail later exactly where kustomize's do. */
static node *plain_key(arena *a, const char *text)
{
	size_t len = strlen(text);
	node_kind k = NODE_STR;
	uint8_t flags = 0;
	switch (scalar_resolve_v3(text, len)) {
	case SCALAR_NULL: k = NODE_NULL; break;
	case SCALAR_BOOL: k = NODE_BOOL; break;
	case SCALAR_INT: k = NODE_INT; break;
	case SCALAR_FLOAT: k = NODE_FLOAT; break;
	case SCALAR_TIMESTAMP: flags = NODE_F_TIMESTAMP; break;
	default:
		if (scalar_is_bool11(text, len))
			flags = NODE_F_BOOL11;
		break;
	}
	node *n = node_scalar(a, k, text, len);
	n->flags = flags;
	return n;
}

typedef struct kv_ctx {
	const kv *pair;
	node *shared;  /* the value node every field created in this object shares */
} kv_ctx;

static int kv_set(arena *a, node *parent, node **slot, void *ctx, err *e)
{
	kv_ctx *c = ctx;
	node *t = *slot;
	/* An empty key makes kyaml's setter treat the target as the value. */
	if (!c->pair->key[0])
		return set_scalar(a, parent, slot, c->pair->val,
				  "an empty label or annotation key cannot be set; remove it", e);
	if (!t || t->kind == NODE_NULL)
		return 0;
	if (t->kind != NODE_MAP)
		return wrong_kind(e, t, "MappingNode", "labels and annotations must be maps");
	node_pair *p = find_key(t, c->pair->key);
	if (!c->shared)
		c->shared = str_value(a, c->pair->val, c->pair->vnode);
	if (p) {
		overwrite(p->val, c->shared);
		return 0;
	}
	node *key = plain_key(a, c->pair->key);
	node_set_pos(key, c->pair->knode);
	node_append(a, t, key, c->shared);
	return 0;
}

struct pairs_job {
	resmap *m;
	const strmap *pairs;
	const fieldspec_list *specs;
};

static int pairs_one(void *ctx, arena *a, size_t i, err *e)
{
	const struct pairs_job *j = ctx;
	node *obj = j->m->v[i]->obj;
	for (size_t k = 0; obj && k < j->pairs->n; k++) {
		kv_ctx c = {&j->pairs->v[k], NULL};
		if (fieldspec_apply_list(a, obj, j->specs, FIELDSPEC_CREATE_MAP, kv_set, &c, e))
			return -1;
	}
	return 0;
}

/* kustomize's labels / annotations filter: object by object, key by key
 * in sorted order, each through every spec.  Objects are independent, so
 * par may spread them. */
static int apply_pairs(arena *a, resmap *m, const strmap *pairs, const fieldspec_list *specs,
		       const pool_par *par, err *e)
{
	struct pairs_job j = {m, pairs, specs};
	return pairs->n ? pool_each(par, m->n, a, pairs_one, &j, e) : 0;
}

static int labels_entry(arena *a, resmap *m, const node *entry, const fieldspec_config *cfg,
			const pool_par *par, err *e)
{
	label_entry le;
	fieldspec_list specs;
	if (decode_label(a, entry, &le, e) || label_specs(a, &le, entry, cfg, &specs, e))
		return -1;
	return apply_pairs(a, m, &le.pairs, &specs, par, e);
}

int xform_labels_entry(arena *a, resmap *m, const node *entry, const fieldspec_config *cfg,
		       err *e)
{
	return labels_entry(a, m, entry, cfg, NULL, e);
}

static int labels(arena *a, resmap *m, const node *list, const fieldspec_config *cfg,
		  const pool_par *par, err *e)
{
	if (decode_labels_list(a, list, e))
		return -1;
	for (uint32_t i = 0; list && list->kind == NODE_SEQ && i < list->seq.n; i++)
		if (labels_entry(a, m, list->seq.v[i], cfg, par, e))
			return -1;
	return 0;
}

int xform_labels(arena *a, resmap *m, const node *list, const fieldspec_config *cfg, err *e)
{
	return labels(a, m, list, cfg, NULL, e);
}

static int string_map_pairs(arena *a, resmap *m, const node *v, const char *gofield,
			    const fieldspec_list *specs, const pool_par *par, err *e)
{
	strmap sm;
	if (decode_string_map(a, v, gofield, &sm, e))
		return -1;
	return apply_pairs(a, m, &sm, specs, par, e);
}

int xform_common_labels(arena *a, resmap *m, const node *labels, const fieldspec_config *cfg,
			err *e)
{
	return string_map_pairs(a, m, labels, "Kustomization.commonLabels",
				&cfg->t[FIELDSPEC_COMMONLABELS], NULL, e);
}

int xform_common_annotations(arena *a, resmap *m, const node *annos,
			     const fieldspec_config *cfg, err *e)
{
	return string_map_pairs(a, m, annos, "Kustomization.commonAnnotations",
				&cfg->t[FIELDSPEC_COMMONANNOTATIONS], NULL, e);
}

int xform_meta_apply(arena *a, resmap *m, const node *root, const fieldspec_config *cfg,
		     const pool_par *par, err *e)
{
	const char *ns, *prefix, *suffix;
	if (xform_meta_check(a, root, cfg, e) ||
	    xform_kust_string(node_get(root, "namespace"), "Kustomization.namespace", &ns, e) ||
	    xform_kust_string(node_get(root, "namePrefix"), "Kustomization.namePrefix", &prefix,
			      e) ||
	    xform_kust_string(node_get(root, "nameSuffix"), "Kustomization.nameSuffix", &suffix,
			      e))
		return -1;
	if (namespace_all(a, m, ns, cfg, par, e) ||
	    xform_prefix_suffix(a, m, prefix, suffix, cfg, e) ||
	    labels(a, m, node_get(root, "labels"), cfg, par, e) ||
	    string_map_pairs(a, m, node_get(root, "commonLabels"), "Kustomization.commonLabels",
			     &cfg->t[FIELDSPEC_COMMONLABELS], par, e) ||
	    string_map_pairs(a, m, node_get(root, "commonAnnotations"),
			     "Kustomization.commonAnnotations", &cfg->t[FIELDSPEC_COMMONANNOTATIONS],
			     par, e))
		return -1;
	return 0;
}
