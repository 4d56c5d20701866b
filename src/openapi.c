/* openapi.c - custom OpenAPI schemas and CRD field specs; see openapi.h. */
#include "strata/openapi.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "strata/build.h"
#include "strata/buf.h"
#include "strata/kinds.h"
#include "strata/kust.h"
#include "strata/parse.h"

/* The only Kubernetes schema kyaml v0.18.1 has built in. */
#define BUILTIN_VERSION "v1.21.2"

/* Beyond these, a walk is following a reference cycle. */
enum { MAX_DEPTH = 64, MAX_REF_HOPS = 64 };

static const char *const X_STRATEGY = "x-kubernetes-patch-strategy";
static const char *const X_MERGE_KEY = "x-kubernetes-patch-merge-key";
static const char *const X_LIST_KEYS = "x-kubernetes-list-map-keys";
static const char *const X_GVK = "x-kubernetes-group-version-kind";

/* ------------------------------------------------------------ helpers */

/* Go's encoding/json matches struct fields case-insensitively, and a later
 * key overwrites an earlier one. */
static const node *get_field(const node *m, const char *name)
{
	const node *v = NULL;
	if (!m || m->kind != NODE_MAP)
		return NULL;
	for (uint32_t i = 0; i < m->map.n; i++)
		if (node_is_scalar(m->map.v[i].key) && !strcasecmp(m->map.v[i].key->str.s, name))
			v = m->map.v[i].val;
	return v;
}

static bool is_string(const node *n)
{
	return n && kust_json_type(n) == J_STRING;
}

/* Reads a schema or CRD file the way kustomize does: JSON and YAML alike,
 * first document only, the last of duplicate keys winning. */
static int read_doc(arena *a, const char *display, const char *data, size_t len, node **out,
		    err *e)
{
	parse_docs docs;
	parse_limits lim = parse_default_limits;
	lim.last_key_wins = 1;
	if (parse_yaml_limits(a, display, data, len, &lim, &docs, e))
		return -1;
	*out = docs.n && docs.v[0]->kind != NODE_NULL ? docs.v[0] : NULL;
	return 0;
}

static const char *json_type_name(const node *n)
{
	return kust_json_type_name(kust_json_type(n));
}

/* ------------------------------------------------- schema: references */

typedef struct rulebuf {
	smp_rule *v;
	size_t n, cap;
} rulebuf;

typedef struct kindbuf {
	smp_kind *v;
	size_t *order;  /* insertion index, so the last duplicate wins */
	size_t n, cap;
} kindbuf;

typedef struct flat {
	arena *a;
	const node *defs;
	rulebuf rules;
	buf path;
	const node *stack[MAX_DEPTH];
	size_t depth;
	err *e;
} flat;

/* One JSON-pointer token, ~1 and ~0 unescaped. */
static char *pointer_token(arena *a, const char *s, size_t len)
{
	char *t = arena_alloc(a, len + 1);
	size_t k = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '~' && i + 1 < len && (s[i + 1] == '0' || s[i + 1] == '1')) {
			t[k++] = s[i + 1] == '0' ? '~' : '/';
			i++;
		} else {
			t[k++] = s[i];
		}
	}
	t[k] = '\0';
	return t;
}

/* What a $ref points at.  kyaml resolves only the fragment, against a root
 * that holds nothing but the definitions; anything else has no schema. */
static const node *follow_ref(flat *f, const char *ref)
{
	const char *p = strchr(ref, '#');
	if (!p || p[1] != '/')
		return NULL;
	p++;
	const node *cur = NULL;
	bool first = true;
	while (*p == '/') {
		p++;
		size_t len = strcspn(p, "/");
		char *tok = pointer_token(f->a, p, len);
		p += len;
		if (first) {
			if (strcmp(tok, "definitions"))
				return NULL;
			cur = f->defs;
			first = false;
			continue;
		}
		if (cur && cur->kind == NODE_SEQ) {
			char *end;
			unsigned long i = strtoul(tok, &end, 10);
			cur = *tok && !*end && i < cur->seq.n ? cur->seq.v[i] : NULL;
		} else {
			cur = node_get(cur, tok);
		}
		if (!cur)
			return NULL;
	}
	return cur;
}

/* A schema with its $refs followed (kyaml replaces the schema by the
 * target, so what was written beside the $ref is lost); NULL: none. */
static const node *resolve(flat *f, const node *s)
{
	for (int hops = 0; hops < MAX_REF_HOPS; hops++) {
		if (!s || s->kind != NODE_MAP)
			return NULL;
		const node *r = node_get(s, "$ref");
		if (!r || !node_is_scalar(r) || !r->str.len)
			return s;
		s = follow_ref(f, r->str.s);
	}
	return NULL;
}

/* ------------------------------------------------- schema: rules */

static bool names_merge(const char *strategy)
{
	const char *p = strategy;
	while (*p) {
		size_t len = strcspn(p, ",");
		if (len == 5 && !strncmp(p, "merge", 5))
			return true;
		p += len;
		if (*p)
			p++;
	}
	return false;
}

static int schema_error(flat *f, const node *at, const char *what)
{
	return err_at(f->e, at->file, at->line, at->col,
		      "invalid schema file: %s; fix the OpenAPI document", what);
}

/* The merge keys of a list schema: x-kubernetes-list-map-keys, else the
 * merge key, else none (a list of scalars). */
static int rule_keys(flat *f, const node *s, smp_rule *r)
{
	const node *lk = node_get(s, X_LIST_KEYS), *mk = node_get(s, X_MERGE_KEY);
	if (lk) {
		if (lk->kind != NODE_SEQ || lk->seq.n > 255)
			return schema_error(f, lk, "x-kubernetes-list-map-keys must be a list of "
						   "(at most 255) strings");
		const char **keys = arena_alloc(f->a, (lk->seq.n ? lk->seq.n : 1) * sizeof *keys);
		for (uint32_t i = 0; i < lk->seq.n; i++) {
			if (!is_string(lk->seq.v[i]))
				return schema_error(f, lk->seq.v[i],
						    "x-kubernetes-list-map-keys must be strings");
			keys[i] = lk->seq.v[i]->str.s;
		}
		r->nkeys = (uint8_t)lk->seq.n;
		r->keys = keys;
		return 0;
	}
	if (!mk)
		return 0;
	if (!is_string(mk))
		return schema_error(f, mk, "x-kubernetes-patch-merge-key must be a string");
	const char **keys = arena_alloc(f->a, sizeof *keys);
	keys[0] = mk->str.s;
	r->nkeys = 1;
	r->keys = keys;
	return 0;
}

static void rule_push(flat *f, smp_rule r)
{
	if (f->rules.n == f->rules.cap) {
		size_t cap = f->rules.cap ? f->rules.cap * 2 : 32;
		f->rules.v = arena_grow(f->a, f->rules.v, f->rules.n * sizeof *f->rules.v,
					cap * sizeof *f->rules.v);
		f->rules.cap = cap;
	}
	f->rules.v[f->rules.n++] = r;
}

static int add_rule(flat *f, const node *s, const node *strategy, bool *merge)
{
	if (!is_string(strategy))
		return schema_error(f, strategy, "x-kubernetes-patch-strategy must be a string");
	smp_rule r = {arena_strndup(f->a, f->path.p, f->path.len), strategy->str.s,
		      names_merge(strategy->str.s), 0, NULL};
	if (rule_keys(f, s, &r))
		return -1;
	rule_push(f, r);
	*merge = r.merge;
	return 0;
}

/* kyaml walks into list elements only when `type` is exactly "array". */
static bool is_array(const node *s)
{
	const node *t = get_field(s, "type");
	if (t && t->kind == NODE_SEQ)
		t = t->seq.n == 1 ? t->seq.v[0] : NULL;
	return is_string(t) && !strcmp(t->str.s, "array");
}

static bool on_stack(const flat *f, const node *s)
{
	for (size_t i = 0; i < f->depth; i++)
		if (f->stack[i] == s)
			return true;
	return false;
}

static void path_cut(flat *f, size_t mark)
{
	f->path.len = mark;
	if (f->path.p)
		f->path.p[mark] = '\0';
}

/* Collects the rules at and below schema s, whose field path is f->path.
 * A schema already being walked (a reference cycle) is not walked again:
 * the rules of a recursive type stop at its first repetition. */
static int flatten(flat *f, const node *s)
{
	if (!s || s->kind != NODE_MAP || on_stack(f, s) || f->depth == MAX_DEPTH)
		return 0;
	f->stack[f->depth++] = s;
	int rc = 0;
	bool merge = false;
	const node *strategy = node_get(s, X_STRATEGY);
	if (strategy && f->path.len)
		rc = add_rule(f, s, strategy, &merge);
	size_t mark = f->path.len;
	/* Elements of a list patch_smp replaces whole are never walked. */
	const node *items = get_field(s, "items");
	if (!rc && merge && is_array(s) && items && items->kind == NODE_MAP) {
		buf_adds(&f->path, "[]");
		rc = flatten(f, resolve(f, items));
		path_cut(f, mark);
	}
	const node *props = get_field(s, "properties");
	for (uint32_t i = 0; !rc && props && props->kind == NODE_MAP && i < props->map.n; i++) {
		const node *key = props->map.v[i].key;
		const char *name = key->str.s ? key->str.s : "";
		/* patch_smp finds no rule below such a key. */
		if (strpbrk(name, ".[]"))
			continue;
		if (f->path.len)
			buf_addc(&f->path, '.');
		buf_adds(&f->path, name);
		rc = flatten(f, resolve(f, props->map.v[i].val));
		path_cut(f, mark);
	}
	f->depth--;
	return rc;
}

static int rule_cmp(const void *x, const void *y)
{
	return strcmp(((const smp_rule *)x)->path, ((const smp_rule *)y)->path);
}

/* ------------------------------------------------- schema: kinds */

static void kind_push(arena *a, kindbuf *k, const char *av, const char *kind, uint32_t first,
		      uint32_t count)
{
	if (k->n == k->cap) {
		size_t cap = k->cap ? k->cap * 2 : 16;
		k->v = arena_grow(a, k->v, k->n * sizeof *k->v, cap * sizeof *k->v);
		k->order = arena_grow(a, k->order, k->n * sizeof *k->order, cap * sizeof *k->order);
		k->cap = cap;
	}
	k->v[k->n] = (smp_kind){av, kind, first, count};
	k->order[k->n] = k->n;
	k->n++;
}

/* Each GVK a definition lists (entries that are not maps are skipped, as
 * kyaml does; one without version or kind makes kyaml panic). */
static int add_gvks(flat *f, kindbuf *kinds, const node *gvks, uint32_t first, uint32_t count)
{
	for (uint32_t i = 0; i < gvks->seq.n; i++) {
		const node *g = gvks->seq.v[i];
		if (!g || g->kind != NODE_MAP)
			continue;
		const node *group = node_get(g, "group"), *version = node_get(g, "version"),
			   *kind = node_get(g, "kind");
		if (!is_string(version) || !is_string(kind))
			return schema_error(f, g, "each x-kubernetes-group-version-kind entry "
						  "needs a string version and kind");
		const char *av = version->str.s;
		if (is_string(group) && group->str.len)
			av = arena_sprintf(f->a, "%s/%s", group->str.s, version->str.s);
		kind_push(f->a, kinds, av, kind->str.s, first, count);
	}
	return 0;
}

/* kyaml always reads its Kustomization schema after the chosen one. */
static void add_kustomize_kinds(flat *f, kindbuf *kinds)
{
	const smp_schema *b = &smp_builtin_schema;
	static const char prefix[] = "kustomize.config.k8s.io/";
	for (size_t i = 0; i < b->nkinds; i++) {
		const smp_kind *k = &b->kinds[i];
		if (strncmp(k->api_version, prefix, sizeof prefix - 1))
			continue;
		uint32_t first = (uint32_t)f->rules.n;
		for (uint32_t r = 0; r < k->count; r++)
			rule_push(f, b->rules[k->first + r]);
		kind_push(f->a, kinds, k->api_version, k->kind, first, k->count);
	}
}

typedef struct kind_ref {
	const smp_kind *k;
	size_t order;
} kind_ref;

static int kind_ref_cmp(const void *x, const void *y)
{
	const kind_ref *a = x, *b = y;
	int c = strcmp(a->k->api_version, b->k->api_version);
	if (!c)
		c = strcmp(a->k->kind, b->k->kind);
	if (!c)
		c = a->order < b->order ? -1 : a->order > b->order;
	return c;
}

/* Sorted for bisection; of two definitions for one GVK the later wins. */
static void finish_kinds(arena *a, const kindbuf *kinds, const rulebuf *rules, smp_schema *out)
{
	kind_ref *refs = arena_alloc(a, (kinds->n ? kinds->n : 1) * sizeof *refs);
	for (size_t i = 0; i < kinds->n; i++)
		refs[i] = (kind_ref){&kinds->v[i], kinds->order[i]};
	qsort(refs, kinds->n, sizeof *refs, kind_ref_cmp);
	smp_kind *v = arena_alloc(a, (kinds->n ? kinds->n : 1) * sizeof *v);
	size_t n = 0;
	for (size_t i = 0; i < kinds->n; i++) {
		if (i + 1 < kinds->n && !strcmp(refs[i].k->api_version, refs[i + 1].k->api_version) &&
		    !strcmp(refs[i].k->kind, refs[i + 1].k->kind))
			continue;
		v[n++] = *refs[i].k;
	}
	out->kinds = v;
	out->nkinds = n;
	out->rules = rules->v;
	out->nrules = rules->n;
}

static int flatten_definitions(flat *f, kindbuf *kinds)
{
	for (uint32_t i = 0; i < f->defs->map.n; i++) {
		const node *key = f->defs->map.v[i].key, *d = f->defs->map.v[i].val;
		if (d->kind != NODE_MAP && d->kind != NODE_NULL)
			return err_at(f->e, d->file, d->line, d->col,
				      "invalid schema file: definition '%s' must be an object, not "
				      "%s; fix the OpenAPI document",
				      key->str.s, json_type_name(d));
		const node *gvks = node_get(d, X_GVK);
		if (!gvks || gvks->kind != NODE_SEQ)
			continue;
		size_t first = f->rules.n;
		buf_reset(&f->path);
		if (flatten(f, d))
			return -1;
		if (f->rules.n - first > 1)
			qsort(f->rules.v + first, f->rules.n - first, sizeof *f->rules.v, rule_cmp);
		if (add_gvks(f, kinds, gvks, (uint32_t)first, (uint32_t)(f->rules.n - first)))
			return -1;
	}
	return 0;
}

int openapi_parse_schema(arena *a, const char *display, const char *data, size_t len,
			 smp_schema *out, err *e)
{
	memset(out, 0, sizeof *out);
	if (!len)
		return err_set(e, "invalid schema file %s: the file is empty; give it an OpenAPI "
				  "document with definitions",
			       display);
	node *doc;
	if (read_doc(a, display, data, len, &doc, e))
		return err_wrap(e, "invalid schema file");
	if (doc && doc->kind != NODE_MAP)
		return err_at(e, doc->file, doc->line, doc->col,
			      "invalid schema file: expected an OpenAPI document (an object), got "
			      "%s; fix the file named by openapi.path",
			      json_type_name(doc));
	const node *defs = get_field(doc, "definitions");
	if (defs && defs->kind != NODE_MAP && defs->kind != NODE_NULL)
		return err_at(e, defs->file, defs->line, defs->col,
			      "invalid schema file: definitions must be an object, not %s; fix "
			      "the OpenAPI document",
			      json_type_name(defs));
	flat f = {.a = a, .defs = defs, .path = BUF_INIT, .e = e};
	kindbuf kinds = {0};
	int rc = defs && defs->kind == NODE_MAP ? flatten_definitions(&f, &kinds) : 0;
	buf_free(&f.path);
	if (rc)
		return -1;
	add_kustomize_kinds(&f, &kinds);
	finish_kinds(a, &kinds, &f.rules, out);
	return 0;
}

/* ------------------------------------------------------------ state */

int openapi_use(openapi_state *st, err *e)
{
	if (!st->current_loaded) {
		if (st->custom_error)
			return err_set(e, "%s", st->custom_error);
		if (st->custom)
			st->custom_loaded = st->custom;
		else
			st->builtin_loaded = true;
		st->current_loaded = true;
		st->opts.extra = st->custom_loaded;
		st->opts.extra_only = !st->builtin_loaded;
	}
	return 0;
}

bool openapi_state_plain(const openapi_state *st)
{
	return !st->chosen && !st->custom && !st->custom_error && !st->custom_loaded;
}

static bool same_state(const openapi_state *x, const openapi_state *y)
{
	return x->chosen == y->chosen && x->custom == y->custom &&
	       x->custom_error == y->custom_error && x->current_loaded == y->current_loaded &&
	       x->builtin_loaded == y->builtin_loaded && x->custom_loaded == y->custom_loaded &&
	       x->opts.extra == y->opts.extra && x->opts.extra_only == y->opts.extra_only;
}

bool openapi_state_follows(const openapi_state *now, const openapi_state *start,
			   const openapi_state *end, openapi_state *out)
{
	if (same_state(now, start)) {
		*out = *end;
		return true;
	}
	if (!openapi_state_plain(now) || !openapi_state_plain(end))
		return false;
	*out = end->current_loaded ? *end : *now;
	return true;
}

/* kyaml's precomputed scope table is exactly kinds_table. */
static bool precomputed(const char *api_version, const char *kind)
{
	const char *slash = strchr(api_version, '/');
	size_t glen = slash ? (size_t)(slash - api_version) : 0;
	const char *version = slash ? slash + 1 : api_version;
	if (!slash && !strcmp(api_version, "builtin"))
		return false;
	for (size_t i = 0; i < kinds_table_len; i++) {
		const struct kinds_row *r = &kinds_table[i];
		if (strlen(r->group) == glen && !strncmp(r->group, api_version, glen) &&
		    !strcmp(r->version, version) && !strcmp(r->kind, kind))
			return true;
	}
	return false;
}

static const char *scalar_text(const node *m, const char *key)
{
	const node *v = node_get(m, key);
	return v && node_is_scalar(v) && v->kind != NODE_NULL ? v->str.s : "";
}

int openapi_note_object(openapi_state *st, const node *obj, err *e)
{
	if (st->current_loaded)
		return 0;
	if (precomputed(scalar_text(obj, "apiVersion"), scalar_text(obj, "kind")))
		return 0;
	return openapi_use(st, e);
}

int openapi_smp_opts(openapi_state *st, const smp_opts **out, err *e)
{
	if (openapi_use(st, e))
		return -1;
	*out = &st->opts;
	return 0;
}

/* The kustomization's openapi field, checked as Go decodes it into a
 * map[string]string. */
static int check_field(const node *f, err *e)
{
	if (f->kind != NODE_MAP)
		return err_at(e, f->file, f->line, f->col,
			      "invalid Kustomization: json: cannot unmarshal %s into Go struct field "
			      "Kustomization.openapi of type map[string]string; write openapi: "
			      "{path: FILE} or openapi: {version: " BUILTIN_VERSION "}",
			      json_type_name(f));
	for (uint32_t i = 0; i < f->map.n; i++) {
		const node *v = f->map.v[i].val;
		jtype t = kust_json_type(v);
		if (t != J_STRING && t != J_NULL)
			return err_at(e, v->file, v->line, v->col,
				      "invalid Kustomization: json: cannot unmarshal %s into Go "
				      "struct field Kustomization.openapi of type string; quote the "
				      "value",
				      kust_json_type_name(t));
	}
	return 0;
}

/* A null value decodes as "". */
static const node *string_or_empty(arena *a, const node *v)
{
	if (v->kind != NODE_NULL)
		return v;
	node *s = node_str(a, "");
	node_set_pos(s, v);
	return s;
}

static void choose_custom(openapi_state *st, arena *a, const kust *k, const char *display,
			  const char *data, size_t len)
{
	smp_schema *s = arena_alloc(a, sizeof *s);
	err pe = ERR_INIT;
	st->custom = NULL;
	st->custom_error = NULL;
	if (openapi_parse_schema(a, display, data, len, s, &pe)) {
		st->custom_error = arena_sprintf(a, "%s (the openapi.path of %s; kustomize reads "
						    "it when it first needs a schema)",
						 pe.msg, k->display);
		err_clear(&pe);
	} else {
		st->custom = s;
	}
	st->chosen = true;
	st->current_loaded = false;
}

int openapi_choose(build *b, const kust *k, bool top, err *e)
{
	openapi_state *st = &b->openapi;
	const node *f = kust_field(k, "openapi");
	if (!f)
		return 0;
	if (check_field(f, e))
		return -1;
	const node *path = node_get(f, "path"), *version = node_get(f, "version");
	char *data = NULL;
	size_t len = 0;
	const char *display = NULL;
	/* The file is read (and must exist) even when the choice is ignored. */
	if (path) {
		const char *p;
		if (build_read_entry(b, k->dir, string_or_empty(b->a, path), &p, &data, &len, e))
			return -1;
		display = build_display(b, p);
	}
	int rc = 0;
	if (st->chosen && !top) {
		/* kyaml keeps the first choice. */
	} else if (path && version) {
		rc = err_at(e, f->file, f->line, f->col,
			    "builtin version and custom schema provided, cannot use both; keep "
			    "either openapi.path or openapi.version");
	} else if (path) {
		choose_custom(st, b->a, k, display, data, len);
	} else if (version && version->kind != NODE_NULL && version->str.len) {
		if (strcmp(version->str.s, BUILTIN_VERSION))
			rc = err_at(e, version->file, version->line, version->col,
				    "the specified OpenAPI version is not built in; the only "
				    "built-in version is " BUILTIN_VERSION);
		st->chosen = true;
		st->custom = NULL;
		st->custom_error = NULL;
		st->current_loaded = false;
	}
	free(data);
	return rc;
}

/* ------------------------------------------------------------ crds */

typedef struct crdwalk {
	arena *a;
	const node *types;     /* the file's map of type name to definition */
	const char *kind;      /* the kind whose fields are being collected */
	buf path;
	fieldspec_config *cfg; /* this type's config */
	err *e;
} crdwalk;

/* x-kubernetes-... extensions count only when their value is a string. */
static const char *ext_string(const node *prop, const char *name)
{
	const node *v = node_get(prop, name);
	return is_string(v) ? v->str.s : NULL;
}

static fieldspec *new_spec(crdwalk *w, const char *path, const node *src)
{
	fieldspec *fs = arena_alloc(w->a, sizeof *fs);
	*fs = (fieldspec){"", "", w->kind, arena_strdup(w->a, path), false, src};
	return fs;
}

/* kustomize's Add...FieldSpec: merges one spec into the type's config. */
static int add_spec(crdwalk *w, fieldspec_table t, const char *path, const node *src)
{
	fieldspec_config one;
	fieldspec_config_empty(&one);
	one.t[t] = (fieldspec_list){new_spec(w, path, src), 1};
	return fieldspec_config_merge(w->a, w->cfg, &one, w->cfg, w->e);
}

static int add_nameref(crdwalk *w, const char *version, const char *kind, const char *path,
		       const node *src)
{
	fieldspec_nameref *nr = arena_alloc(w->a, sizeof *nr);
	*nr = (fieldspec_nameref){"", version, kind, {new_spec(w, path, src), 1}, src};
	fieldspec_config one;
	fieldspec_config_empty(&one);
	one.namerefs = (fieldspec_nameref_list){nr, 1};
	return fieldspec_config_merge(w->a, w->cfg, &one, w->cfg, w->e);
}

static const node *crd_schema(const node *def)
{
	return get_field(def, "schema");
}

static int crd_check(crdwalk *w, const node *n, const char *what, bool map_ok)
{
	if (!n || n->kind == NODE_NULL || (map_ok && n->kind == NODE_MAP))
		return 0;
	return err_at(w->e, n->file, n->line, n->col,
		      "json: cannot unmarshal %s into %s; fix the CRD file", json_type_name(n),
		      what);
}

static int crd_property(crdwalk *w, const char *name, const node *prop, int depth);

/* Collects the field specs of type name's properties (kustomize's
 * loadCrdIntoConfig), with the current path as their prefix. */
static int crd_type(crdwalk *w, const char *name, int depth)
{
	const node *def = node_get(w->types, name);
	if (!def)
		return 0;
	if (depth > MAX_DEPTH)
		return err_at(w->e, def->file, def->line, def->col,
			      "$ref chain deeper than %d through '%s' (a reference cycle?); "
			      "break the cycle in the CRD file",
			      MAX_DEPTH, name);
	const node *props = get_field(crd_schema(def), "properties");
	for (uint32_t i = 0; props && props->kind == NODE_MAP && i < props->map.n; i++)
		if (crd_property(w, props->map.v[i].key->str.s, props->map.v[i].val, depth))
			return -1;
	return 0;
}

static int crd_property(crdwalk *w, const char *name, const node *prop, int depth)
{
	size_t mark = w->path.len;
	if (w->path.len)
		buf_addc(&w->path, '/');
	buf_adds(&w->path, name);
	const char *path = w->path.p;
	int rc = 0;
	if (ext_string(prop, "x-kubernetes-annotation"))
		rc = add_spec(w, FIELDSPEC_COMMONANNOTATIONS, path, prop);
	if (!rc && ext_string(prop, "x-kubernetes-label-selector"))
		rc = add_spec(w, FIELDSPEC_COMMONLABELS, path, prop);
	if (!rc && ext_string(prop, "x-kubernetes-identity"))
		rc = add_spec(w, FIELDSPEC_NAMEPREFIX, path, prop);
	const char *version = ext_string(prop, "x-kubernetes-object-ref-api-version");
	const char *kind = ext_string(prop, "x-kubernetes-object-ref-kind");
	if (!rc && version && kind) {
		const char *key = ext_string(prop, "x-kubernetes-object-ref-name-key");
		const char *full = arena_sprintf(w->a, "%s/%s", path, key ? key : "name");
		rc = add_nameref(w, version, kind, full, prop);
	}
	const node *ref = node_get(prop, "$ref");
	if (!rc && is_string(ref) && ref->str.len)
		rc = crd_type(w, ref->str.s, depth + 1);
	w->path.len = mark;
	if (w->path.p)
		w->path.p[mark] = '\0';
	return rc;
}

/* kustomize's looksLikeAk8sType. */
static bool looks_like_object(const node *props)
{
	return props && props->kind == NODE_MAP && node_find(props, "kind") &&
	       node_find(props, "apiVersion") && node_find(props, "metadata");
}

/* The shapes Go's decoder insists on before any type is looked at. */
static int crd_check_types(crdwalk *w)
{
	for (uint32_t i = 0; i < w->types->map.n; i++) {
		const node *def = w->types->map.v[i].val;
		if (crd_check(w, def, "Go value of type accumulator.OpenAPIDefinition", true) ||
		    crd_check(w, crd_schema(def), "Go struct field OpenAPIDefinition.Schema of "
						  "type spec.Schema", true) ||
		    crd_check(w, get_field(crd_schema(def), "properties"),
			      "Go struct field Schema.properties of type map[string]spec.Schema",
			      true))
			return -1;
		const node *deps = get_field(def, "dependencies");
		if (deps && deps->kind == NODE_SEQ) {
			for (uint32_t j = 0; j < deps->seq.n; j++)
				if (!is_string(deps->seq.v[j]) &&
				    crd_check(w, deps->seq.v[j], "Go struct field "
					      "OpenAPIDefinition.Dependencies of type string", false))
					return -1;
		} else if (crd_check(w, deps, "Go struct field OpenAPIDefinition.Dependencies of "
					       "type []string", false)) {
			return -1;
		}
	}
	return 0;
}

int openapi_parse_crds(arena *a, const char *display, const char *data, size_t len,
		       fieldspec_config *out, err *e)
{
	fieldspec_config_empty(out);
	if (!len)
		return err_set(e, "%s is empty; a CRD file holds OpenAPI definitions", display);
	node *doc;
	if (read_doc(a, display, data, len, &doc, e))
		return -1;
	if (!doc)
		return 0;
	crdwalk w = {.a = a, .types = doc, .path = BUF_INIT, .e = e};
	if (doc->kind != NODE_MAP) {
		return err_at(e, doc->file, doc->line, doc->col,
			      "json: cannot unmarshal %s into Go value of type "
			      "accumulator.nameToApiMap; a CRD file is an object of OpenAPI "
			      "definitions",
			      json_type_name(doc));
	}
	if (crd_check_types(&w))
		return -1;
	int rc = 0;
	for (uint32_t i = 0; !rc && i < doc->map.n; i++) {
		const char *name = doc->map.v[i].key->str.s;
		if (!looks_like_object(get_field(crd_schema(doc->map.v[i].val), "properties")))
			continue;
		const char *dot = strrchr(name, '.');
		fieldspec_config tc;
		fieldspec_config_empty(&tc);
		w.kind = dot ? dot + 1 : name;
		w.cfg = &tc;
		buf_reset(&w.path);
		rc = crd_type(&w, name, 0);
		if (!rc)
			rc = fieldspec_config_merge(a, out, &tc, out, e);
	}
	buf_free(&w.path);
	return rc;
}

/* Go's %v of a []string: "[a b]". */
static const char *list_text(arena *a, const node *list)
{
	buf t = BUF_INIT;
	buf_addc(&t, '[');
	for (uint32_t i = 0; i < list->seq.n; i++) {
		if (i)
			buf_addc(&t, ' ');
		buf_adds(&t, list->seq.v[i]->str.s);
	}
	buf_addc(&t, ']');
	const char *s = arena_strdup(a, t.p);
	buf_free(&t);
	return s;
}

int openapi_load_crds(build *b, const kust *k, fieldspec_config *cfg, err *e)
{
	node *list;
	if (kust_string_list(k, "crds", &list, e))
		return -1;
	if (!list || !list->seq.n)
		return 0;
	fieldspec_config all;
	fieldspec_config_empty(&all);
	for (uint32_t i = 0; i < list->seq.n; i++) {
		const node *entry = list->seq.v[i];
		const char *p;
		char *data;
		size_t len;
		if (build_read_entry(b, k->dir, entry, &p, &data, &len, e))
			return err_wrap(e, "loading CRDs %s", list_text(b->a, list));
		fieldspec_config one;
		int rc = openapi_parse_crds(b->a, build_display(b, p), data, len, &one, e);
		free(data);
		if (rc)
			return err_wrap(e, "loading CRDs %s: unable to parse open API definition "
					   "from '%s'",
					list_text(b->a, list), entry->str.s);
		if (fieldspec_config_merge(b->a, &all, &one, &all, e))
			return err_wrap(e, "loading CRDs %s", list_text(b->a, list));
	}
	if (fieldspec_config_merge(b->a, cfg, &all, cfg, e))
		return err_wrap(e, "merging CRDs");
	return 0;
}
