/* resource.c - resource ids and the accumulated set; see resource.h. */
#include "strata/resource.h"

#include <stdint.h>
#include <stdlib.h>
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

/* --- the index ------------------------------------------------------------
 *
 * Two multimaps from a 64-bit hash to (resource, position): by id (group,
 * version, kind and name of the current and every earlier id; namespaces
 * are left out because "" and "default", and any two for a cluster-scoped
 * kind, compare equal) and by name (original, current and earlier names).
 * A bucket holds every resource that may match and lookups test each with
 * the predicate the scan uses, so a collision or a stale entry costs time,
 * never a wrong answer.  Positions count pushes (a removal keeps the rest
 * in order), so "first" and "last" mean what they mean for a scan.
 * Tables only grow; a rebuild clears and refills them.
 */

#ifdef STRATA_RESMAP_CHECK
enum { IX_MIN = 1 }; /* index every map, to compare it with the scans */
#else
enum { IX_MIN = 32 }; /* smaller maps are scanned */
#endif

typedef struct ix_slot {
	uint64_t h;
	resource *r; /* NULL: empty */
	size_t seq;
} ix_slot;

typedef struct ix_table {
	ix_slot *s;
	size_t cap, used; /* cap: 0 or a power of two */
} ix_table;

typedef struct ix_pos {
	const resource *r;
	size_t seq;
} ix_pos;

struct resmap_ix {
	arena *a;
	bool built;  /* the tables describe v_seen[0..n_seen) */
	bool broken; /* one resource twice in the map: scan until rebuilt */
	size_t n_seen;
	resource **v_seen;
	size_t next_seq;
	ix_table byid, byname;
	ix_pos *pos; /* resource -> position, open addressing */
	size_t pcap, pused;
};

static uint64_t mix(uint64_t h)
{
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9u;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebu;
	return h ^ (h >> 31);
}

static uint64_t fnv(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3u;
	return (h ^ 0xff) * 0x100000001b3u; /* ends the field */
}

uint64_t resid_hash_but_ns(const resid *id)
{
	uint64_t h = fnv(0xcbf29ce484222325u, id->group, id->glen);
	h = fnv(h, id->version, strlen(id->version));
	h = fnv(h, id->kind, strlen(id->kind));
	return mix(fnv(h, id->name, strlen(id->name)));
}

static uint64_t name_hash(const char *name)
{
	return mix(fnv(0x84222325cbf29ce4u, name, strlen(name)));
}

static void table_insert(ix_table *t, uint64_t h, resource *r, size_t seq)
{
	size_t mask = t->cap - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		ix_slot *s = &t->s[i];
		if (!s->r) {
			*s = (ix_slot){h, r, seq};
			t->used++;
			return;
		}
		if (s->h == h && s->r == r)
			return;
	}
}

static void table_put(arena *a, ix_table *t, uint64_t h, resource *r, size_t seq)
{
	if ((t->used + 1) * 2 > t->cap) {
		ix_slot *old = t->s;
		size_t ocap = t->cap;
		t->cap = ocap ? ocap * 2 : 64;
		t->s = arena_alloc(a, t->cap * sizeof *t->s);
		t->used = 0;
		for (size_t i = 0; i < ocap; i++)
			if (old[i].r)
				table_insert(t, old[i].h, old[i].r, old[i].seq);
	}
	table_insert(t, h, r, seq);
}

static void table_clear(ix_table *t)
{
	if (t->cap)
		memset(t->s, 0, t->cap * sizeof *t->s);
	t->used = 0;
}

/* Walks the entries stored under one hash. */
typedef struct ix_iter {
	const ix_table *t;
	uint64_t h;
	size_t i;
	bool started;
} ix_iter;

static const ix_slot *ix_next(ix_iter *it)
{
	const ix_table *t = it->t;
	if (!t->cap)
		return NULL;
	size_t mask = t->cap - 1;
	for (;;) {
		it->i = it->started ? (it->i + 1) & mask : it->h & mask;
		it->started = true;
		const ix_slot *s = &t->s[it->i];
		if (!s->r)
			return NULL;
		if (s->h == it->h)
			return s;
	}
}

static size_t pos_find(const resmap_ix *x, const resource *r)
{
	size_t mask = x->pcap - 1;
	size_t i = mix((uint64_t)(uintptr_t)r) & mask;
	while (x->pos[i].r && x->pos[i].r != r)
		i = (i + 1) & mask;
	return i;
}

/* false when r is there already */
static bool pos_put(resmap_ix *x, const resource *r, size_t seq)
{
	if ((x->pused + 1) * 2 > x->pcap) {
		ix_pos *old = x->pos;
		size_t ocap = x->pcap;
		x->pcap = ocap ? ocap * 2 : 64;
		x->pos = arena_alloc(x->a, x->pcap * sizeof *x->pos);
		for (size_t i = 0; i < ocap; i++)
			if (old[i].r)
				x->pos[pos_find(x, old[i].r)] = old[i];
	}
	size_t i = pos_find(x, r);
	if (x->pos[i].r)
		return false;
	x->pos[i] = (ix_pos){r, seq};
	x->pused++;
	return true;
}

bool resid_equals_but_ns(const resid *a, const resid *b)
{
	return a->glen == b->glen && !memcmp(a->group, b->group, a->glen) &&
	       !strcmp(a->name, b->name) && !strcmp(a->kind, b->kind) &&
	       !strcmp(a->version, b->version);
}

static void index_one(resmap_ix *x, resource *r, size_t seq)
{
	resid cur = res_id(r);
	table_put(x->a, &x->byid, resid_hash_but_ns(&cur), r, seq);
	table_put(x->a, &x->byname, name_hash(cur.name), r, seq);
	if (r->orig.name)
		table_put(x->a, &x->byname, name_hash(r->orig.name), r, seq);
	/* Every patch stores the id it found, mostly the one before it:
	 * hashing a repeat would only find its slot taken. */
	const resid *last = &cur;
	for (size_t j = 0; j < r->nprev; j++) {
		if (resid_equals_but_ns(&r->prev[j], last))
			continue;
		last = &r->prev[j];
		table_put(x->a, &x->byid, resid_hash_but_ns(last), r, seq);
		table_put(x->a, &x->byname, name_hash(last->name), r, seq);
	}
}

static void rebuild(const resmap *m, resmap_ix *x)
{
	table_clear(&x->byid);
	table_clear(&x->byname);
	if (x->pcap)
		memset(x->pos, 0, x->pcap * sizeof *x->pos);
	x->pused = 0;
	x->broken = false;
	for (size_t i = 0; i < m->n && !x->broken; i++) {
		if (pos_put(x, m->v[i], i))
			index_one(x, m->v[i], i);
		else
			x->broken = true;
	}
	x->next_seq = m->n;
	x->n_seen = m->n;
	x->v_seen = m->v;
	x->built = true;
}

static bool in_step(const resmap *m, const resmap_ix *x)
{
	return x->built && !x->broken && x->n_seen == m->n && x->v_seen == m->v;
}

/* The index, up to date, or NULL: scan. */
static resmap_ix *ix_ready(const resmap *m)
{
	resmap_ix *x = m->ix;
	if (!x || m->n < IX_MIN || (x->built && x->broken))
		return NULL;
	if (!in_step(m, x))
		rebuild(m, x);
	return x->broken ? NULL : x;
}

void resmap_id_changed(resmap *m, resource *r)
{
	resmap_ix *x = m->ix;
	if (!x || !in_step(m, x))
		return;
	size_t i = pos_find(x, r);
	if (x->pos[i].r)
		index_one(x, r, x->pos[i].seq);
}

void resmap_ids_changed(resmap *m)
{
	if (m->ix)
		m->ix->built = false;
}

/* --- lookups: the scans define the answers; the index must agree ---------- */

static bool cur_id_is(const resource *r, const resid *id)
{
	resid cur = res_id(r);
	return resid_equals(&cur, id);
}

typedef bool id_match(const resource *r, const resid *id);

/* How many resources match id, and the last (or first) of them in map
 * order: the answer the index must give. */
static size_t scan_ids(const resmap *m, const resid *id, id_match *match, bool last,
		       resource **pick)
{
	size_t n = 0;
	*pick = NULL;
	for (size_t i = 0; i < m->n; i++)
		if (match(m->v[i], id) && (!n++ || last))
			*pick = m->v[i];
	return n;
}

#ifdef STRATA_RESMAP_CHECK
#include <stdio.h>

static bool has_name(const resource *r, const char *name)
{
	if ((r->orig.name && !strcmp(r->orig.name, name)) || !strcmp(res_id(r).name, name))
		return true;
	for (size_t j = 0; j < r->nprev; j++)
		if (!strcmp(r->prev[j].name, name))
			return true;
	return false;
}

/* Built with -DSTRATA_RESMAP_CHECK, every indexed answer is compared with
 * the scan's: a missed resmap_id_changed/resmap_ids_changed shows here. */
static void check_failed(const char *what, const resmap *m, const char *key)
{
	fprintf(stderr, "strata: resmap index disagrees with a scan in %s for %s (%zu resources)\n",
		what, key, m->n);
	abort();
}

static void check_named(const resmap *m, const char *name, resource **v, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < m->n; i++) {
		if (!has_name(m->v[i], name))
			continue;
		while (k < n && !has_name(v[k], name))
			k++;
		if (k == n || v[k] != m->v[i])
			check_failed("resmap_named", m, name);
		k++;
	}
	for (; k < n; k++)
		if (has_name(v[k], name))
			check_failed("resmap_named", m, name);
}
#define CHECK_EQ(what, m, id, a, b)                                                        \
	do {                                                                               \
		if ((a) != (b))                                                            \
			check_failed(what, m, (id)->name);                                 \
	} while (0)
#else
#define CHECK_EQ(what, m, id, a, b) ((void)0)
#endif

/* scan_ids through the index; seq orders the hits as the map does. */
static size_t find_ids(const resmap *m, const resid *id, id_match *match, bool last,
		       resource **pick, const char *what)
{
	resmap_ix *x = ix_ready(m);
	if (!x)
		return scan_ids(m, id, match, last, pick);
	size_t n = 0, at = 0;
	*pick = NULL;
	ix_iter it = {&x->byid, resid_hash_but_ns(id), 0, false};
	for (const ix_slot *s; (s = ix_next(&it));)
		if (match(s->r, id) && (!n++ || (last ? s->seq > at : s->seq < at)))
			at = s->seq, *pick = s->r;
#ifdef STRATA_RESMAP_CHECK
	resource *p2;
	size_t n2 = scan_ids(m, id, match, last, &p2);
	CHECK_EQ(what, m, id, n, n2);
	CHECK_EQ(what, m, id, *pick, p2);
#else
	(void)what;
#endif
	return n;
}

size_t resmap_find_any_id(const resmap *m, const resid *id, resource **found)
{
	return find_ids(m, id, res_matches_any_id, true, found, "resmap_find_any_id");
}

/* The count, and the first in map order. */
static size_t count_id(const resmap *m, const resid *id, resource **first)
{
	return find_ids(m, id, cur_id_is, false, first, "resmap_count_id");
}

size_t resmap_count_id(const resmap *m, const resid *id)
{
	resource *first;
	return count_id(m, id, &first);
}

static int by_seq(const void *x, const void *y)
{
	const ix_slot *a = x, *b = y;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void resmap_index_ready(const resmap *m)
{
	(void)ix_ready(m);
}

size_t resmap_named(const resmap *m, const char *name, resource ***out)
{
	return resmap_named_in(m, name, m->ix ? m->ix->a : NULL, out);
}

size_t resmap_named_in(const resmap *m, const char *name, arena *a, resource ***out)
{
	resmap_ix *x = ix_ready(m);
	if (!x) {
		*out = m->v;
		return m->n;
	}
	uint64_t h = name_hash(name);
	size_t n = 0;
	ix_iter it = {&x->byname, h, 0, false};
	while (ix_next(&it))
		n++;
	ix_slot *s = arena_alloc(a, (n + 1) * sizeof *s);
	resource **v = arena_alloc(a, (n + 1) * sizeof *v);
	it = (ix_iter){&x->byname, h, 0, false};
	n = 0;
	for (const ix_slot *p; (p = ix_next(&it));)
		s[n++] = *p;
	qsort(s, n, sizeof *s, by_seq);
	for (size_t i = 0; i < n; i++)
		v[i] = s[i].r;
#ifdef STRATA_RESMAP_CHECK
	check_named(m, name, v, n);
#endif
	*out = v;
	return n;
}

void resmap_push(arena *a, resmap *m, resource *r)
{
	if (!m->ix) {
		m->ix = arena_alloc(a, sizeof *m->ix);
		m->ix->a = a;
	}
	resmap_ix *x = m->ix;
	bool follow = in_step(m, x);
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 16;
		m->v = arena_grow(a, m->v, m->n * sizeof *m->v, cap * sizeof *m->v);
		m->cap = cap;
	}
	m->v[m->n++] = r;
	if (!follow)
		return;
	x->n_seen = m->n;
	x->v_seen = m->v;
	if (pos_put(x, r, x->next_seq))
		index_one(x, r, x->next_seq++);
	else
		x->broken = true;
}

void resmap_remove(resmap *m, size_t i)
{
	if (i >= m->n)
		return;
	memmove(&m->v[i], &m->v[i + 1], (m->n - i - 1) * sizeof *m->v);
	m->n--;
	resmap_ids_changed(m);
}

void resmap_filter(resmap *m, bool (*keep)(const resource *r, void *ctx), void *ctx)
{
	size_t k = 0;
	for (size_t i = 0; i < m->n; i++)
		if (keep(m->v[i], ctx))
			m->v[k++] = m->v[i];
	if (k == m->n)
		return;
	m->n = k;
	resmap_ids_changed(m);
}

int resmap_add_unique(arena *a, resmap *m, resource *r, err *e)
{
	resid id = res_id(r);
	resource *old;
	if (count_id(m, &id, &old)) {
		return err_set(e, "may not add resource with an already registered id: %s "
				  "(from %s and %s); give one of them another name or "
				  "namespace",
			       resid_string(a, &id), old->source ? old->source : "?",
			       r->source ? r->source : "?");
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
