/* patch_smp.c - kyaml merge2's walk over an object and a patch; see
 * patch_smp.h.
 *
 * The structure follows kyaml's walker closely, because its results depend
 * on the order of its steps: a list merge walks the union of element keys
 * (patch first), merges matched elements in place inside the object's list,
 * collects the results in a new list, then re-inserts the object's elements
 * into it; deletions remove elements from the object's list.  Every step that
 * kyaml performs through ElementSetter also drops null and `{}` elements.
 */
#include "strata/patch_smp.h"

#include <stdlib.h>
#include <string.h>

#include "strata/buf.h"
#include "strata/emit.h"
#include "strata/scalar.h"

/* ------------------------------------------------------------ schema */

const smp_kind *smp_schema_kind(const smp_schema *s, const char *api_version,
				const char *kind)
{
	size_t lo = 0, hi = s->nkinds;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const smp_kind *k = &s->kinds[mid];
		int c = strcmp(k->api_version, api_version);
		if (!c)
			c = strcmp(k->kind, kind);
		if (!c)
			return k;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const smp_rule *smp_schema_rule(const smp_schema *s, const smp_kind *k, const char *path)
{
	size_t lo = k->first, hi = (size_t)k->first + k->count;
	if (hi > s->nrules)
		return NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(s->rules[mid].path, path);
		if (!c)
			return &s->rules[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* ------------------------------------------------------------ walker */

/* Where the walk stands in the schema.  Paths of the current kind start at
 * path.p + base; below a map key no schema field can have (one with '.',
 * '[' or ']') no rule applies. */
typedef struct scope {
	const smp_schema *s;  /* NULL: no schema here */
	const smp_kind *k;
	size_t base;
	bool lost;
} scope;

/* Memory for what one step of the walk sorts and drops again: taken and
 * given back in stack order, reused for the whole walk, so that a walk
 * over an object leaves in the arena only what the result keeps. */
typedef struct sblock {
	struct sblock *prev;
	size_t size, used;
	max_align_t data[];
} sblock;

typedef struct smark {
	sblock *top;
	size_t used;
} smark;

typedef struct walker {
	arena *a;
	const smp_opts *opts;
	buf path;
	err *e;
	sblock *scratch;
} walker;

static smark scratch_mark(const walker *w)
{
	return (smark){w->scratch, w->scratch ? w->scratch->used : 0};
}

static void *scratch_alloc(walker *w, size_t n)
{
	n = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
	sblock *b = w->scratch;
	if (!b || b->size - b->used < n) {
		size_t size = b ? b->size * 2 : 4096;
		if (size < n)
			size = n;
		sblock *nb = malloc(sizeof *nb + size);
		if (!nb)
			abort();
		*nb = (sblock){b, size, 0};
		w->scratch = b = nb;
	}
	void *p = (char *)b->data + b->used;
	b->used += n;
	return p;
}

static void scratch_release(walker *w, smark m)
{
	while (w->scratch != m.top) {
		sblock *prev = w->scratch->prev;
		free(w->scratch);
		w->scratch = prev;
	}
	if (w->scratch)
		w->scratch->used = m.used;
}

/* One element's merge-key values, in key order ("" = absent). */
typedef struct keyvals {
	const char **v;
} keyvals;

typedef struct kvlist {
	keyvals *v;
	size_t n, cap;
} kvlist;

enum nclass { CLASS_NONE, CLASS_MAP, CLASS_SEQ, CLASS_SCALAR };

static int walk(walker *w, scope sc, node *dest, node *src, node **out);

static bool is_null(const node *n)
{
	return !n || n->kind == NODE_NULL;
}

static bool is_empty_map(const node *n)
{
	return is_null(n) || (n->kind == NODE_MAP && n->map.n == 0);
}

/* yaml.Node.Value: a scalar's text, "" for maps and lists. */
static const char *text(const node *n)
{
	if (!n || n->kind == NODE_MAP || n->kind == NODE_SEQ || !n->str.s)
		return "";
	return n->str.s;
}

static enum nclass class_of(const node *n)
{
	if (!n)
		return CLASS_NONE;
	if (n->kind == NODE_MAP)
		return CLASS_MAP;
	if (n->kind == NODE_SEQ)
		return CLASS_SEQ;
	return CLASS_SCALAR;
}

static const char *class_name(enum nclass c)
{
	switch (c) {
	case CLASS_MAP: return "MappingNode";
	case CLASS_SEQ: return "SequenceNode";
	case CLASS_SCALAR: return "ScalarNode";
	default: return "?";
	}
}

/* kyaml's text for a node of the wrong kind, with the node's position. */
static int kind_error(walker *w, const node *n, enum nclass want)
{
	buf b = BUF_INIT;
	err ee = ERR_INIT;
	if (emit_doc(&b, n, &ee)) {
		err_clear(&ee);
		buf_reset(&b);
		buf_adds(&b, text(n));
	}
	while (b.len && b.p[b.len - 1] == '\n')
		b.p[--b.len] = '\0';
	err_at(w->e, n->file, n->line, n->col,
	       "wrong node kind: expected %s but got %s: node contents:\n%s", class_name(want),
	       class_name(class_of(n)), b.p ? b.p : "");
	buf_free(&b);
	return -1;
}

/* --------------------------------------------------- paths and schema */

static const char *path_here(const walker *w, const scope *sc)
{
	return w->path.p ? w->path.p + sc->base : "";
}

static void path_cut(walker *w, size_t mark)
{
	w->path.len = mark;
	if (w->path.p)
		w->path.p[mark] = '\0';
}

static scope enter_key(walker *w, const scope *sc, const node *key)
{
	scope c = *sc;
	const char *s = key->str.s ? key->str.s : "";
	size_t len = key->str.s ? key->str.len : 0;
	if (w->path.len > sc->base)
		buf_addc(&w->path, '.');
	if (len)
		buf_add(&w->path, s, len);
	if (memchr(s, '.', len) || memchr(s, '[', len) || memchr(s, ']', len))
		c.lost = true;
	return c;
}

static scope enter_elem(walker *w, const scope *sc)
{
	buf_adds(&w->path, "[]");
	return *sc;
}

static const smp_rule *rule_here(const walker *w, const scope *sc)
{
	if (!sc->s || sc->lost)
		return NULL;
	return smp_schema_rule(sc->s, sc->k, path_here(w, sc));
}

/* GetMeta's reading of apiVersion / kind: a non-empty scalar text. */
static const char *meta_text(const node *m, const char *key)
{
	const node *v = node_get(m, key);
	if (!v || v->kind == NODE_NULL || v->kind == NODE_MAP || v->kind == NODE_SEQ)
		return NULL;
	return v->str.len ? v->str.s : NULL;
}

static bool lookup_kind(const walker *w, const char *av, const char *kind, scope *sc)
{
	const smp_opts *o = w->opts;
	const smp_schema *order[2] = {o ? o->extra : NULL,
				      o && o->extra_only ? NULL : &smp_builtin_schema};
	for (int i = 0; i < 2; i++) {
		const smp_kind *k = order[i] ? smp_schema_kind(order[i], av, kind) : NULL;
		if (k) {
			sc->s = order[i];
			sc->k = k;
			return true;
		}
	}
	return false;
}

/* A map that names its own apiVersion and kind takes that kind's schema
 * (the object first, then the patch), so objects embedded in custom
 * resources merge like the real thing. */
static void find_schema(walker *w, scope *sc, const node *dest, const node *src)
{
	const node *srcs[2] = {dest, src};
	for (int i = 0; i < 2; i++) {
		const node *n = srcs[i];
		if (!n || n->kind != NODE_MAP)
			continue;
		const char *av = meta_text(n, "apiVersion"), *kind = meta_text(n, "kind");
		if (av && kind && lookup_kind(w, av, kind, sc)) {
			sc->base = w->path.len;
			sc->lost = false;
			return;
		}
	}
}

/* --------------------------------------------------- kyaml primitives */

enum directive { DIR_MERGE, DIR_REPLACE, DIR_DELETE, DIR_UNKNOWN };

static enum directive directive_of(const char *v)
{
	if (!strcmp(v, "delete"))
		return DIR_DELETE;
	if (!strcmp(v, "replace"))
		return DIR_REPLACE;
	if (!strcmp(v, "merge"))
		return DIR_MERGE;
	return DIR_UNKNOWN;
}

/* Reads the $patch directive of a patch map and removes it when known. */
static enum directive take_directive(node *src, const node **bad)
{
	if (!src || src->kind == NODE_SEQ)
		return DIR_MERGE;
	if (src->kind != NODE_MAP)
		return DIR_UNKNOWN;
	node_pair *p = node_find(src, "$patch");
	if (!p)
		return DIR_MERGE;
	enum directive d = directive_of(text(p->val));
	if (d == DIR_UNKNOWN)
		*bad = p->val;
	else
		node_del(src, "$patch");
	return d;
}

static node_pair *find_text(const node *m, const char *key)
{
	if (!m || m->kind != NODE_MAP)
		return NULL;
	for (uint32_t i = 0; i < m->map.n; i++) {
		const char *t = text(m->map.v[i].key);
		/* the first byte rules out most keys without a call */
		if (t[0] == key[0] && !strcmp(t, key))
			return &m->map.v[i];
	}
	return NULL;
}

/* FieldMatcher: the value of field name in item, matching value when value
 * is not "" (an empty name compares a scalar item itself).  A null item
 * never matches; an item of the wrong kind is an error. */
static int field_match(walker *w, node *item, const char *name, const char *value,
		       node **out)
{
	*out = NULL;
	if (is_null(item))
		return 0;
	if (!name[0]) {
		if (class_of(item) != CLASS_SCALAR)
			return kind_error(w, item, CLASS_SCALAR);
		if (!strcmp(text(item), value))
			*out = item;
		return 0;
	}
	if (item->kind != NODE_MAP)
		return kind_error(w, item, CLASS_MAP);
	node_pair *p = find_text(item, name);
	if (p && (!value[0] || !strcmp(text(p->val), value)))
		*out = p->val;
	return 0;
}

/* ElementSetter: in seq, replaces the elements matching keys/vals with elem
 * (removes them when elem is NULL), appending elem when none matched.  As
 * in kyaml, null and {} elements are dropped on the way, and with no values
 * every element not matched is dropped too. */
static int element_set(walker *w, node *seq, node *elem, const char *const *keys,
		       size_t nkeys, const char *const *vals, size_t nvals)
{
	static const char *const none[] = {""};
	if (!nkeys) {
		keys = none;
		nkeys = 1;
	}
	bool mapping = keys[0][0] && nvals && vals[0][0];
	bool found = false;
	uint32_t kept = 0;
	for (uint32_t i = 0; i < seq->seq.n; i++) {
		node *item = seq->seq.v[i];
		if (is_empty_map(item))
			continue;
		if (item->kind != NODE_MAP && mapping) {
			seq->seq.v[kept++] = item;
			continue;
		}
		node *m = NULL;
		bool match = true;
		for (size_t j = 0; j < nkeys; j++) {
			if (j < nvals && field_match(w, item, keys[j], vals[j], &m))
				return -1;
			if (!m) {
				match = false;
				break;
			}
		}
		if (!match) {
			if (nvals)
				seq->seq.v[kept++] = item;
			continue;
		}
		found = true;
		if (elem)
			seq->seq.v[kept++] = elem;
	}
	seq->seq.n = kept;
	if (!is_null(elem) && !found)
		node_push(w->a, seq, elem);
	return 0;
}

/* ElementMatcher: the first element of seq whose keys have exactly vals
 * (for a list of scalars, keys[0] is "" and the element's text is vals[0]). */
static node *element_find(node *seq, const char *const *keys, const char *const *vals,
			  size_t n)
{
	if (!seq || seq->kind != NODE_SEQ)
		return NULL;
	for (uint32_t i = 0; i < seq->seq.n; i++) {
		node *item = seq->seq.v[i];
		if (!keys[0][0]) {
			if (!strcmp(text(item), vals[0]))
				return item;
			continue;
		}
		if (item->kind != NODE_MAP)
			continue;
		size_t j = 0;
		for (; j < n; j++) {
			node_pair *p = find_text(item, keys[j]);
			if (!p || strcmp(text(p->val), vals[j]))
				break;
		}
		if (j == n)
			return item;
	}
	return NULL;
}

/* Written quoted or as a block scalar: YAML reads it as a string whatever
 * the text.  (NODE_F_QUOTED also marks an explicit !!str tag, which kyaml
 * does not count; multi-line text stands for generated literal blocks.) */
static bool string_style(const node *n)
{
	return n->kind == NODE_STR &&
	       ((n->flags & NODE_F_QUOTED) || (n->str.s && memchr(n->str.s, '\n', n->str.len)));
}

/* FieldSetter: null or missing deletes the key, else sets or appends it.  A
 * scalar replacing a scalar takes the old one's style, so replacing a quoted
 * value always gives a string. */
static void set_field(arena *a, node *m, node *key, node *val)
{
	node_pair *p = find_text(m, text(key));
	if (is_null(val)) {
		if (p) {
			size_t i = (size_t)(p - m->map.v);
			memmove(p, p + 1, (m->map.n - i - 1) * sizeof *p);
			m->map.n--;
		}
		return;
	}
	if (p && p->val != val && class_of(val) == CLASS_SCALAR &&
	    class_of(p->val) == CLASS_SCALAR && string_style(p->val) && !string_style(val)) {
		node *v = node_strn(a, text(val), strlen(text(val)));
		node_set_pos(v, val);
		v->flags = NODE_F_QUOTED;
		val = v;
	}
	if (p)
		p->val = val;
	else
		node_append(a, m, key, val);
}

/* ------------------------------------------------------------ maps */

static int pair_cmp(const void *x, const void *y)
{
	return strcmp(text((*(node_pair *const *)x)->key), text((*(node_pair *const *)y)->key));
}

/* Sorts fields by name.  Maps are small: an insertion sort (stable, like
 * glibc's qsort on arrays this short) beats qsort's calls through a
 * pointer below a few dozen entries. */
#define SMALL_SORT 24

static void sort_pairs(node_pair **v, size_t n)
{
	if (n > SMALL_SORT) {
		qsort(v, n, sizeof *v, pair_cmp);
		return;
	}
	for (size_t i = 1; i < n; i++) {
		node_pair *x = v[i];
		size_t j = i;
		for (; j && strcmp(text(v[j - 1]->key), text(x->key)) > 0; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

/* The field names of both maps, sorted and unique (kyaml walks them so). */
static node **field_names(walker *w, const node *d, const node *s, size_t *n)
{
	size_t cap = (d && d->kind == NODE_MAP ? d->map.n : 0) +
		     (s && s->kind == NODE_MAP ? s->map.n : 0);
	/* keys first: the caller releases them; ps goes before returning. */
	node **keys = scratch_alloc(w, (cap ? cap : 1) * sizeof *keys);
	smark m = scratch_mark(w);
	node_pair **ps = scratch_alloc(w, (cap ? cap : 1) * sizeof *ps);
	size_t k = 0;
	const node *both[2] = {d, s};
	for (int i = 0; i < 2; i++)
		if (both[i] && both[i]->kind == NODE_MAP)
			for (uint32_t j = 0; j < both[i]->map.n; j++)
				ps[k++] = &both[i]->map.v[j];
	sort_pairs(ps, k);
	size_t u = 0;
	for (size_t i = 0; i < k; i++)
		if (!u || strcmp(text(keys[u - 1]), text(ps[i]->key)))
			keys[u++] = ps[i]->key;
	scratch_release(w, m);
	*n = u;
	return keys;
}

/* walk_map for a map the patch does not reach, which is most of every
 * object: the same fields in the same (sorted) order, but each found once
 * instead of searched for, and scalars, which come back as they are,
 * skipped.  1 when a key repeats, to leave that to the general walk. */
/* A small map of scalars only (labels, a port, an env entry): the walk
 * below would skip every field, so only its test for a repeated key is
 * left to make, pair by pair. */
static bool scalars_only(const node *m)
{
	if (m->map.n > 16)
		return false;
	for (uint32_t i = 0; i < m->map.n; i++) {
		const node *v = m->map.v[i].val;
		if (!v || !node_is_scalar(v) || (v->kind == NODE_NULL && !v->str.len))
			return false;
	}
	return true;
}

static int walk_map_alone(walker *w, const scope *sc, node *res, node **out)
{
	uint32_t n = res->map.n;
	if (scalars_only(res)) {
		for (uint32_t i = 1; i < n; i++)
			for (uint32_t j = 0; j < i; j++)
				if (!strcmp(text(res->map.v[j].key), text(res->map.v[i].key)))
					return 1;
		*out = res;
		return 0;
	}
	smark m = scratch_mark(w);
	node_pair **ps = scratch_alloc(w, (n ? n : 1) * sizeof *ps);
	for (uint32_t i = 0; i < n; i++)
		ps[i] = &res->map.v[i];
	sort_pairs(ps, n);
	for (uint32_t i = 1; i < n; i++)
		if (!strcmp(text(ps[i - 1]->key), text(ps[i]->key))) {
			scratch_release(w, m);
			return 1;
		}
	bool dropped = false;
	size_t mark = w->path.len;
	int rc = 0;
	for (uint32_t i = 0; !rc && i < n; i++) {
		node_pair *p = ps[i];
		node *dv = p->val;
		if (dv && node_is_scalar(dv) && (dv->kind != NODE_NULL || dv->str.len))
			continue;
		scope c = enter_key(w, sc, p->key);
		node *val;
		rc = walk(w, c, dv, NULL, &val);
		path_cut(w, mark);
		if (rc)
			break;
		if (is_null(val))
			p->key = NULL, dropped = true;
		else
			p->val = val;
	}
	scratch_release(w, m);
	/* Even after an error: the map must not keep pairs without keys. */
	if (dropped) {
		uint32_t k = 0;
		for (uint32_t i = 0; i < n; i++)
			if (res->map.v[i].key)
				res->map.v[k++] = res->map.v[i];
		res->map.n = k;
	}
	*out = res;
	return rc ? -1 : 0;
}

static int walk_map(walker *w, const scope *sc, node *dest, node *src, node **out)
{
	node *res;
	const node *bad = NULL;
	*out = NULL;
	if (is_null(dest)) {
		/* kyaml ignores a bad directive here: it is copied like a field. */
		if (take_directive(src, &bad) == DIR_DELETE)
			return 0;
		res = src;
	} else if (src && src->kind == NODE_NULL) {
		return 0;
	} else {
		enum directive d = take_directive(src, &bad);
		if (d == DIR_UNKNOWN)
			return err_at(w->e, bad->file, bad->line, bad->col,
				      "unknown patch strategy '%s'", text(bad));
		if (d == DIR_DELETE)
			return 0;
		res = d == DIR_REPLACE ? src : dest;
	}
	if (!res || res->kind != NODE_MAP) {
		*out = res;
		return 0;
	}
	if (!src) {
		int rc = walk_map_alone(w, sc, res, out);
		if (rc <= 0)
			return rc;
	}
	size_t n;
	smark m = scratch_mark(w);
	node **keys = field_names(w, res, src, &n);
	size_t mark = w->path.len;
	int rc = 0;
	for (size_t i = 0; !rc && i < n; i++) {
		const char *k = text(keys[i]);
		node_pair *dp = find_text(res, k), *sp = find_text(src, k);
		node *dv = dp ? dp->val : NULL, *sv = sp ? sp->val : NULL;
		/* A null the object spells out survives when the patch is silent. */
		if (!sv && dv && dv->kind == NODE_NULL && dv->str.len)
			continue;
		scope c = enter_key(w, sc, keys[i]);
		node *val;
		rc = walk(w, c, dv, sv, &val);
		path_cut(w, mark);
		if (!rc)
			set_field(w->a, res, dp ? dp->key : keys[i], val);
	}
	scratch_release(w, m);
	if (rc)
		return -1;
	*out = res;
	return 0;
}

/* ------------------------------------------------------------ lists */

static void kv_push(walker *w, kvlist *l, keyvals kv)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		l->v = arena_grow(w->a, l->v, l->n * sizeof *l->v, cap * sizeof *l->v);
		l->cap = cap;
	}
	l->v[l->n++] = kv;
}

static bool kv_equal(keyvals x, keyvals y, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(x.v[i], y.v[i]))
			return false;
	return true;
}

static bool kv_seen(const kvlist *l, keyvals kv, size_t n)
{
	for (size_t i = 0; i < l->n; i++)
		if (kv_equal(l->v[i], kv, n))
			return true;
	return false;
}

/* Key values of every element, patch first, each combination once.  An
 * absent, null or empty key field counts as "". */
static void element_values(walker *w, node *dest, node *src, const char *const *keys,
			   size_t nkeys, kvlist *out)
{
	node *order[2] = {src, dest};
	for (int s = 0; s < 2; s++) {
		node *l = order[s];
		if (!l || l->kind != NODE_SEQ)
			continue;
		for (uint32_t i = 0; i < l->seq.n; i++) {
			keyvals kv = {arena_alloc(w->a, nkeys * sizeof(char *))};
			for (size_t k = 0; k < nkeys; k++) {
				node_pair *p = find_text(l->seq.v[i], keys[k]);
				kv.v[k] = !p || is_empty_map(p->val) ||
							  (p->val->kind == NODE_SEQ && !p->val->seq.n)
						  ? ""
						  : text(p->val);
			}
			if (!kv_seen(out, kv, nkeys))
				kv_push(w, out, kv);
		}
	}
}

/* The texts of a list of scalars, patch first, each once. */
static void primitive_values(walker *w, node *dest, node *src, kvlist *out)
{
	node *order[2] = {src, dest};
	for (int s = 0; s < 2; s++) {
		node *l = order[s];
		if (!l || l->kind != NODE_SEQ)
			continue;
		for (uint32_t i = 0; i < l->seq.n; i++) {
			keyvals kv = {arena_alloc(w->a, sizeof(char *))};
			kv.v[0] = text(l->seq.v[i]);
			if (!kv_seen(out, kv, 1))
				kv_push(w, out, kv);
		}
	}
}

/* Two key-value sets are the same element when they share a value and
 * differ only where one side is "" (a port without protocol); res gets the
 * union. */
static bool kv_match(walker *w, keyvals x, keyvals y, size_t n, keyvals *res)
{
	bool common = false;
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(x.v[i], y.v[i]))
			common = true;
		else if (x.v[i][0] && y.v[i][0])
			return false;
	}
	if (!common)
		return false;
	res->v = arena_alloc(w->a, n * sizeof *res->v);
	for (size_t i = 0; i < n; i++)
		res->v[i] = x.v[i][0] ? x.v[i] : y.v[i];
	return true;
}

static void merge_values(walker *w, kvlist *l, size_t n)
{
	for (size_t i = 0; i < l->n; i++) {
		keyvals x = l->v[i];
		for (size_t j = 0; j < l->n; j++) {
			keyvals res;
			if (kv_match(w, x, l->v[j], n, &res)) {
				l->v[i] = res;
				l->v[j] = res;
			}
		}
	}
}

/* kyaml's validateKeys: keep the keys some element has a value for, and
 * the values under them; with none at all, keep everything. */
typedef struct keysel {
	const char **keys, **vals;
	size_t n;
} keysel;

static keysel valid_keys(walker *w, const keyvals *all, size_t nall, keyvals kv,
			 const char *const *keys, size_t nkeys)
{
	bool *has = arena_alloc(w->a, nkeys * sizeof *has);
	bool any = false;
	for (size_t i = 0; i < nall; i++)
		for (size_t k = 0; k < nkeys; k++)
			if (all[i].v[k][0])
				has[k] = any = true;
	keysel ks = {arena_alloc(w->a, nkeys * sizeof(char *)),
		     arena_alloc(w->a, nkeys * sizeof(char *)), 0};
	for (size_t k = 0; k < nkeys; k++) {
		if (any && !has[k])
			continue;
		ks.keys[ks.n] = keys[k];
		ks.vals[ks.n++] = kv.v[k];
	}
	return ks;
}

/* Gives val its key field back when the merge left it out. */
static int restore_key(walker *w, node *val, const char *key, const char *value)
{
	if (!key[0]) {
		/* kyaml rewrites the scalar with the same text. */
		return class_of(val) == CLASS_SCALAR ? 0 : kind_error(w, val, CLASS_SCALAR);
	}
	if (val->kind != NODE_MAP)
		return kind_error(w, val, CLASS_MAP);
	node *v;
	switch (scalar_resolve_v3(value, strlen(value))) {
	case SCALAR_NULL: v = node_scalar(w->a, NODE_NULL, value, strlen(value)); break;
	case SCALAR_INT: v = node_scalar(w->a, NODE_INT, value, strlen(value)); break;
	case SCALAR_FLOAT: v = node_scalar(w->a, NODE_FLOAT, value, strlen(value)); break;
	case SCALAR_BOOL:
		v = node_scalar(w->a, NODE_BOOL, scalar_bool_value(value, strlen(value)) ? "true" : "false",
				scalar_bool_value(value, strlen(value)) ? 4 : 5);
		break;
	default: v = node_str(w->a, value); break;
	}
	node_set_pos(v, val);
	node_append(w->a, val, node_str(w->a, key), v);
	return 0;
}

/* Re-inserts the object's elements into the merged list: each replaces
 * the item with its key values, or is appended. */
static int append_list(walker *w, node *items, node *dest, const char **keys, size_t nkeys)
{
	if (!dest || dest->kind != NODE_SEQ)
		return 0;
	uint32_t n = dest->seq.n;
	node **snap = arena_alloc(w->a, (n ? n : 1) * sizeof *snap);
	if (n)
		memcpy(snap, dest->seq.v, n * sizeof *snap);
	const char **vals = arena_alloc(w->a, nkeys * sizeof *vals);
	for (uint32_t i = 0; i < n; i++) {
		node *elem = snap[i];
		if (!keys[0][0]) {
			const char *v = text(elem);
			if (element_set(w, items, elem, keys, 1, &v, 1))
				return -1;
			continue;
		}
		size_t nv = 0;
		for (size_t k = 0; k < nkeys; k++) {
			node *m;
			if (field_match(w, elem, keys[k], "", &m))
				return -1;
			if (!m)
				node_push(w->a, items, elem);
			else
				vals[nv++] = text(m);
		}
		if (nkeys > 1 && element_set(w, items, NULL, keys, nkeys, vals, nv))
			return -1;
		if (element_set(w, items, elem, keys, nkeys, vals, nv))
			return -1;
	}
	return 0;
}

static int set_elements(walker *w, const scope *sc, node *dest, node *src, kvlist *all,
			const char *const *keys, size_t nkeys, node **out)
{
	node *items = node_seq(w->a);
	node_set_pos(items, dest);
	if (nkeys > 1)
		merge_values(w, all, nkeys);
	keysel last = {0};
	size_t mark = w->path.len;
	for (size_t i = 0; i < all->n; i++) {
		keysel ks = valid_keys(w, all->v, all->n, all->v[i], keys, nkeys);
		last = ks;
		keyvals one = {ks.vals};
		keysel m = valid_keys(w, &one, 1, one, ks.keys, ks.n);
		node *de = element_find(dest, m.keys, m.vals, m.n);
		node *se = element_find(src, m.keys, m.vals, m.n);
		scope ec = enter_elem(w, sc);
		node *val;
		int rc = walk(w, ec, de, se, &val);
		path_cut(w, mark);
		if (rc)
			return -1;
		if (is_empty_map(val)) {
			if (element_set(w, dest, NULL, ks.keys, ks.n, ks.vals, ks.n))
				return -1;
			continue;
		}
		for (size_t k = 0; k < ks.n; k++)
			if (ks.vals[k][0] && !find_text(val, ks.keys[k]) &&
			    restore_key(w, val, ks.keys[k], ks.vals[k]))
				return -1;
		if (element_set(w, items, val, ks.keys, ks.n, ks.vals, ks.n))
			return -1;
	}
	if (all->n) {
		if (append_list(w, items, dest, last.keys, last.n))
			return -1;
		dest = items;
	}
	*out = dest;
	return 0;
}

/* A list's directive is the $patch of its first element that has one, when
 * that element has nothing else; the directive elements are then removed. */
static int take_seq_directive(walker *w, node *src, enum directive *d)
{
	*d = DIR_MERGE;
	if (!src || src->kind != NODE_SEQ)
		return 0;
	const node *el = NULL;
	for (uint32_t i = 0; i < src->seq.n && !el; i++)
		if (find_text(src->seq.v[i], "$patch"))
			el = src->seq.v[i];
	if (!el || el->map.n > 1)
		return 0;
	const node *v = find_text(el, "$patch")->val;
	const char *t = text(v);
	*d = directive_of(t);
	if (*d == DIR_UNKNOWN)
		return err_at(w->e, v->file, v->line, v->col, "unknown patch strategy '%s'", t);
	static const char *const key[] = {"$patch"};
	return element_set(w, src, NULL, key, 1, &t, 1);
}

/* Whether two elements of a list the patch does not reach could be the
 * same to kyaml: equal key values (equal texts for a list of scalars). */
static bool same_keys(const node *x, const node *y, const char *const *keys, size_t nkeys)
{
	if (!nkeys)
		return !strcmp(text(x), text(y));
	for (size_t k = 0; k < nkeys; k++)
		if (strcmp(text(find_text(x, keys[k])->val), text(find_text(y, keys[k])->val)))
			return false;
	return true;
}

/* Every element as the general merge needs it to come back unchanged:
 * a non-empty map with a non-empty scalar under each key (a scalar for a
 * list without keys), no two alike.  Long lists take the general path. */
#define ALONE_MAX 64
static bool list_plain(const node *l, const char *const *keys, size_t nkeys)
{
	if (l->seq.n > ALONE_MAX)
		return false;
	for (uint32_t i = 0; i < l->seq.n; i++) {
		const node *el = l->seq.v[i];
		if (!nkeys) {
			if (class_of(el) != CLASS_SCALAR || el->kind == NODE_NULL)
				return false;
		} else {
			if (el->kind != NODE_MAP || !el->map.n)
				return false;
			for (size_t k = 0; k < nkeys; k++) {
				const node_pair *p = find_text(el, keys[k]);
				if (!p || class_of(p->val) != CLASS_SCALAR || p->val->kind == NODE_NULL ||
				    !text(p->val)[0])
					return false;
			}
		}
		for (uint32_t j = 0; j < i; j++)
			if (same_keys(l->seq.v[j], el, keys, nkeys))
				return false;
	}
	return true;
}

/* walk_seq for a merged list the patch does not reach.  kyaml rebuilds
 * it (values collected, each element found by them, walked, set into a
 * new list, then the old elements set in again); when list_plain holds,
 * that rebuild is the same elements in the same order, each walked once,
 * in a new list.  1 when it does not hold, for the general path. */
static int walk_seq_alone(walker *w, const scope *sc, node *dest, const smp_rule *r, node **out)
{
	if (!dest->seq.n) {
		*out = dest;
		return 0;
	}
	if (!list_plain(dest, (const char *const *)r->keys, r->nkeys))
		return 1;
	node *items = node_seq(w->a);
	node_set_pos(items, dest);
	size_t mark = w->path.len;
	for (uint32_t i = 0; i < dest->seq.n; i++) {
		scope ec = enter_elem(w, sc);
		node *val;
		int rc = walk(w, ec, dest->seq.v[i], NULL, &val);
		path_cut(w, mark);
		if (rc)
			return -1;
		node_push(w->a, items, val);
	}
	*out = items;
	return 0;
}

static int walk_seq(walker *w, const scope *sc, node *dest, node *src, node **out)
{
	const smp_rule *r = rule_here(w, sc);
	if (!r || !r->merge) {
		*out = src ? src : dest;
		return 0;
	}
	*out = NULL;
	node *res;
	if (is_null(dest)) {
		res = src;
	} else if (src && src->kind == NODE_NULL) {
		return 0;
	} else {
		enum directive d;
		if (take_seq_directive(w, src, &d))
			return -1;
		if (d == DIR_DELETE)
			return 0;
		res = d == DIR_REPLACE ? src : dest;
	}
	if (!res)
		return 0;
	if (!src && res->kind == NODE_SEQ) {
		int rc = walk_seq_alone(w, sc, res, r, out);
		if (rc <= 0)
			return rc;
	}
	kvlist all = {0};
	if (r->nkeys) {
		element_values(w, res, src, r->keys, r->nkeys, &all);
		return set_elements(w, sc, res, src, &all, r->keys, r->nkeys, out);
	}
	static const char *const scalar_key[] = {""};
	primitive_values(w, res, src, &all);
	return set_elements(w, sc, res, src, &all, scalar_key, 1, out);
}

/* ------------------------------------------------------------ walk */

static int walk(walker *w, scope sc, node *dest, node *src, node **out)
{
	find_schema(w, &sc, dest, src);
	const node *first = !is_null(dest) ? dest : !is_null(src) ? src : NULL;
	enum nclass c = first ? class_of(first) : CLASS_MAP;
	const node *both[2] = {dest, src};
	for (int i = 0; i < 2; i++)
		if (!is_null(both[i]) && class_of(both[i]) != c)
			return kind_error(w, both[i], c);
	switch (c) {
	case CLASS_MAP:
		return walk_map(w, &sc, dest, src, out);
	case CLASS_SEQ:
		return walk_seq(w, &sc, dest, src, out);
	default:
		*out = src ? src : dest;
		return 0;
	}
}

int smp_apply_opts(arena *a, node *obj, const node *patch, const smp_opts *opts,
		   bool *deleted, err *e)
{
	walker w = {a, opts, BUF_INIT, e, NULL};
	/* The walk edits the patch (directives are removed, parts adopted). */
	node *p = node_clone(a, patch);
	scope sc = {0};
	node *res;
	int rc = walk(&w, sc, obj, p, &res);
	buf_free(&w.path);
	scratch_release(&w, (smark){NULL, 0});
	if (rc)
		return -1;
	/* kustomize keeps its own node and only looks at whether the walk
	 * returned anything, so `$patch: replace` at the top changes nothing. */
	*deleted = res == NULL;
	return 0;
}

int smp_apply(arena *a, node *obj, const node *patch, bool *deleted, err *e)
{
	return smp_apply_opts(a, obj, patch, NULL, deleted, e);
}
