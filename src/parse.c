/* parse.c - YAML text to arena trees, read the way kustomize reads it; see
 * parse.h.
 *
 * libyaml supplies the events: go-yaml is a port of it, so the syntax it
 * accepts and the problems it reports are the same, and the messages below
 * are phrased as kustomize prints them.  Children wait on one item stack and
 * are copied into their map or list when it ends, in one block of the exact
 * size; that is also where "<<" merges and the duplicate-key check happen,
 * because kyaml does both on finished nodes, after the document is read.
 */
#include "strata/parse.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "strata/scalar.h"
#include "strata/yblock.h"

parse_limits parse_default_limits = {
	.max_depth = 10000,
	/* about 60 MB of tree: a "billion laughs" stops in a fraction of a
	 * second */
	.max_alias_nodes = 1000 * 1000,
	.max_docs = 1000 * 1000,
};

#define TAG_PREFIX "tag:yaml.org,2002:"
#define TAG_PREFIX_LEN (sizeof TAG_PREFIX - 1)
/* Maps up to this size are searched linearly; larger ones get a hash index. */
#define LINEAR_MAX 16

enum item_flags {
	IT_ALIAS = 1,     /* copied from an anchor */
	IT_LT = 2,        /* a key spelled "<<", however quoted */
	IT_MERGE_KEY = 4, /* a key YAML reads as the merge key */
};

/* Why a "<<" value cannot be merged, in kyaml's words. */
enum merge_err { ME_NONE, ME_NOT_MAP, ME_ALIAS_NOT_MAP, ME_NESTED, ME_DUPLICATE };

static const char *const merge_msgs[] = {
	[ME_NONE] = "",
	[ME_NOT_MAP] = "map merge requires map or sequence of maps as the value",
	[ME_ALIAS_NOT_MAP] = "invalid map merge: received alias for a non-map value",
	[ME_NESTED] = "invalid map merge: received a nested sequence",
	[ME_DUPLICATE] = "duplicate merge key",
};

struct item {
	node *n;
	const node *bad; /* a "<<" list: its first entry that is no map */
	uint8_t flags;
	uint8_t merr;
};

struct frame {
	node *n;
	size_t base; /* first child on the item stack */
	const node *bad;
	uint8_t merr;
	bool merge_list; /* a list that is the value of a merge key */
	uint32_t nlt;    /* keys spelled "<<": the map takes the slow path */
};

struct anchor {
	const char *name;
	node *n;
};

/* A problem kyaml meets only after reading the document (merges) or when
 * printing (duplicate keys, tagged values): parsing goes on, so that syntax
 * errors, which kustomize reports first, win. */
struct later {
	char *msg;
	uint32_t line, col;
};

struct pstate {
	arena *a;
	const char *file;
	const parse_limits *lim;
	err *e;
	bool sigs;         /* sigs.k8s.io/yaml (go-yaml v2) rules */
	uint32_t line_off; /* lines of the file before the current piece */
	const char *piece;
	size_t piece_len;
	struct frame *stack;
	size_t depth, cap;
	struct item *items;
	size_t nitems, icap;
	struct anchor *anchors;
	size_t nanchors, acap;
	node_pair *kv; /* a map being rebuilt (merges, last-key-wins) */
	size_t nkv, kvcap;
	uint32_t *slots; /* hash index into kv or a pair array; 0 = empty */
	size_t nslots;
	size_t alias_nodes;
	node *root;
	parse_docs *out;
	size_t docs_cap;
	struct later doc_err, out_err;
};

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p)
		abort();
	return p;
}

static void set_pos(const struct pstate *ps, node *n, const yaml_mark_t *m)
{
	n->file = ps->file;
	n->line = (uint32_t)m->line + 1 + ps->line_off;
	n->col = (uint32_t)m->column + 1;
}

static int fail(struct pstate *ps, uint32_t line, uint32_t col, const char *fmt, const char *arg)
{
	err_at(ps->e, ps->file, line, col, fmt, arg);
	return -1;
}

static int fail_node(struct pstate *ps, const node *at, const char *fmt, const char *arg)
{
	return fail(ps, at->line, at->col, fmt, arg);
}

static void note_later(struct later *l, const node *at, char *msg)
{
	if (l->msg)
		return;
	l->msg = msg;
	l->line = at->line;
	l->col = at->col;
}

static int raise_later(struct pstate *ps, const struct later *l)
{
	return fail(ps, l->line, l->col, "%s", l->msg);
}

/* kyaml wraps go-yaml's syntax errors in resources; sigs.k8s.io/yaml does
 * not. */
static const char *malformed(const struct pstate *ps)
{
	return ps->sigs ? "" : "MalformedYAMLError: ";
}

/* ---- scalars ----------------------------------------------------------- */

/* The node and its text in one arena block. */
static node *new_scalar(struct pstate *ps, node_kind kind, const char *s, size_t len,
			const yaml_mark_t *m)
{
	node *n = arena_alloc(ps->a, sizeof *n + len + 1);
	char *t = (char *)(n + 1);
	memcpy(t, s, len);
	t[len] = 0;
	n->kind = (uint8_t)kind;
	n->str.s = t;
	n->str.len = len;
	set_pos(ps, n, m);
	return n;
}

static int b64_value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	return c == '+' ? 62 : c == '/' ? 63 : -1;
}

/* Go's base64.StdEncoding.DecodeString, which !!binary goes through: '='
 * padding required, line breaks skipped, nothing after the padding. */
static bool go_base64_decode(const char *s, size_t len, char *out, size_t *outlen)
{
	size_t o = 0, i = 0;
	uint32_t acc = 0;
	int n = 0;
	for (; i < len && s[i] != '='; i++) {
		if (s[i] == '\r' || s[i] == '\n')
			continue;
		int v = b64_value((unsigned char)s[i]);
		if (v < 0)
			return false;
		acc = acc << 6 | (uint32_t)v;
		if (++n == 4) {
			out[o++] = (char)(acc >> 16);
			out[o++] = (char)(acc >> 8);
			out[o++] = (char)acc;
			acc = 0;
			n = 0;
		}
	}
	if (i < len) {
		if (n < 2)
			return false;
		for (int pad = 4 - n; pad > 0; i++) {
			if (i == len || (s[i] != '=' && s[i] != '\r' && s[i] != '\n'))
				return false;
			pad -= s[i] == '=';
		}
		for (; i < len; i++)
			if (s[i] != '\r' && s[i] != '\n')
				return false;
		if (n == 2) {
			out[o++] = (char)(acc >> 4);
		} else {
			out[o++] = (char)(acc >> 10);
			out[o++] = (char)(acc >> 2);
		}
		n = 0;
	}
	*outlen = o;
	return n == 0;
}

static node *binary_scalar(struct pstate *ps, const yaml_event_t *ev)
{
	const char *text = (const char *)ev->data.scalar.value;
	size_t len = ev->data.scalar.length, dlen;
	char *d = malloc(len / 4 * 3 + 3);
	if (!d)
		abort();
	bool ok = go_base64_decode(text, len, d, &dlen);
	node *n = ok ? new_scalar(ps, NODE_STR, d, dlen, &ev->start_mark)
		     : new_scalar(ps, NODE_STR, text, len, &ev->start_mark);
	free(d);
	n->flags = NODE_F_QUOTED;
	if (!ok)
		note_later(&ps->out_err, n,
			   arena_strdup(ps->a, "yaml: !!binary value contains invalid base64 data; "
					       "fix the base64 text or drop the !!binary tag"));
	return n;
}

static const char *type_name(scalar_type t)
{
	static const char *const names[] = {
		[SCALAR_STR] = "str", [SCALAR_NULL] = "null", [SCALAR_BOOL] = "bool",
		[SCALAR_INT] = "int", [SCALAR_FLOAT] = "float", [SCALAR_TIMESTAMP] = "timestamp",
	};
	return names[t];
}

/* A scalar with an explicit yaml.org tag.  For the core types go-yaml
 * resolves the text as if it were plain (quoted or not) and fails when that
 * is not the type asked for (an int is also a float); other tags (!!str,
 * !!map on a scalar ...) leave a string. */
static node *tagged_scalar(struct pstate *ps, const yaml_event_t *ev, const char *t)
{
	static const struct {
		const char *name;
		scalar_type want;
		node_kind kind;
	} types[] = {
		{"int", SCALAR_INT, NODE_INT},       {"float", SCALAR_FLOAT, NODE_FLOAT},
		{"bool", SCALAR_BOOL, NODE_BOOL},    {"null", SCALAR_NULL, NODE_NULL},
		{"timestamp", SCALAR_TIMESTAMP, NODE_STR},
	};
	const char *text = (const char *)ev->data.scalar.value;
	size_t len = ev->data.scalar.length;
	if (!strcmp(t, "binary"))
		return binary_scalar(ps, ev);
	for (size_t i = 0; i < sizeof types / sizeof *types; i++) {
		if (strcmp(t, types[i].name))
			continue;
		scalar_type st = scalar_resolve_v3(text, len);
		/* go-yaml only tries timestamps on untagged or !!timestamp text. */
		if (st == SCALAR_TIMESTAMP && types[i].want != SCALAR_TIMESTAMP)
			st = SCALAR_STR;
		if (st == types[i].want || (st == SCALAR_INT && types[i].want == SCALAR_FLOAT)) {
			if (types[i].kind == NODE_BOOL) {
				const char *b = scalar_bool_value(text, len) ? "true" : "false";
				return new_scalar(ps, NODE_BOOL, b, strlen(b), &ev->start_mark);
			}
			node *n = new_scalar(ps, types[i].kind, text, len, &ev->start_mark);
			if (st == SCALAR_TIMESTAMP)
				n->flags = NODE_F_TIMESTAMP;
			return n;
		}
		node *n = new_scalar(ps, NODE_STR, text, len, &ev->start_mark);
		n->flags = NODE_F_QUOTED;
		note_later(&ps->out_err, n,
			   arena_sprintf(ps->a, "yaml: cannot decode !!%s `%s` as a !!%s; "
						"remove the tag or fix the value",
					 type_name(st), text, types[i].name));
		return n;
	}
	node *n = new_scalar(ps, NODE_STR, text, len, &ev->start_mark);
	n->flags = NODE_F_QUOTED;
	return n;
}

static node *make_scalar(struct pstate *ps, const yaml_event_t *ev, uint8_t *iflags)
{
	const char *text = (const char *)ev->data.scalar.value;
	size_t len = ev->data.scalar.length;
	const char *tag = (const char *)ev->data.scalar.tag;
	bool plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	/* "!" is the non-specific tag: the scalar resolves as if untagged. */
	if (tag && tag[0] == '!' && tag[1] == 0)
		tag = NULL;
	*iflags = 0;
	if (len == 2 && text[0] == '<' && text[1] == '<') {
		*iflags = IT_LT;
		if ((plain && !tag) || (tag && !strcmp(tag, TAG_PREFIX "merge")))
			*iflags |= IT_MERGE_KEY;
	}
	if (tag) {
		if (!strncmp(tag, TAG_PREFIX, TAG_PREFIX_LEN))
			return tagged_scalar(ps, ev, tag + TAG_PREFIX_LEN);
		/* A local tag (!custom): go-yaml decodes the text as a string. */
		node *n = new_scalar(ps, NODE_STR, text, len, &ev->start_mark);
		n->flags = NODE_F_QUOTED;
		return n;
	}
	if (!plain) {
		node *n = new_scalar(ps, NODE_STR, text, len, &ev->start_mark);
		n->flags = NODE_F_QUOTED;
		return n;
	}
	node_kind kind = NODE_STR;
	uint8_t flags = 0;
	switch (scalar_resolve_v3(text, len)) {
	case SCALAR_NULL: kind = NODE_NULL; break;
	case SCALAR_INT: kind = NODE_INT; break;
	case SCALAR_FLOAT: kind = NODE_FLOAT; break;
	case SCALAR_TIMESTAMP: flags = NODE_F_TIMESTAMP; break;
	case SCALAR_BOOL: {
		const char *b = scalar_bool_value(text, len) ? "true" : "false";
		return new_scalar(ps, NODE_BOOL, b, strlen(b), &ev->start_mark);
	}
	case SCALAR_STR:
		if (scalar_is_bool11(text, len))
			flags = NODE_F_BOOL11;
		break;
	}
	node *n = new_scalar(ps, kind, text, len, &ev->start_mark);
	n->flags = flags;
	return n;
}

/* ---- rebuilding maps: key lookup ---------------------------------------- */

static uint64_t key_hash(const node *k)
{
	uint64_t h = 1469598103934665603u;
	for (size_t i = 0; i < k->str.len; i++)
		h = (h ^ (unsigned char)k->str.s[i]) * 1099511628211u;
	return h;
}

static bool same_key(const node *x, const node *y)
{
	return x->str.len == y->str.len && !memcmp(x->str.s, y->str.s, x->str.len);
}

/* The slot of k in the index over v: empty (0) or holding k's first
 * occurrence (index + 1). */
static uint32_t *slot_for(struct pstate *ps, const node_pair *v, const node *k)
{
	size_t mask = ps->nslots - 1;
	for (size_t i = key_hash(k) & mask;; i = (i + 1) & mask) {
		uint32_t s = ps->slots[i];
		if (!s || same_key(v[s - 1].key, k))
			return &ps->slots[i];
	}
}

/* Sizes the index for n keys and empties it. */
static void index_reset(struct pstate *ps, size_t n)
{
	size_t want = 64;
	while (want < 2 * n)
		want *= 2;
	if (want > ps->nslots) {
		free(ps->slots);
		ps->slots = malloc(want * sizeof *ps->slots);
		if (!ps->slots)
			abort();
		ps->nslots = want;
	}
	memset(ps->slots, 0, ps->nslots * sizeof *ps->slots);
}

/* ps->kv as a set of keys: find, append. */
static void kv_reset(struct pstate *ps, size_t expect)
{
	ps->nkv = 0;
	if (expect > ps->kvcap) {
		ps->kvcap = expect;
		ps->kv = xrealloc(ps->kv, ps->kvcap * sizeof *ps->kv);
	}
}

static void kv_reindex(struct pstate *ps)
{
	index_reset(ps, ps->nkv * 2);
	for (size_t i = 0; i < ps->nkv; i++) {
		uint32_t *s = slot_for(ps, ps->kv, ps->kv[i].key);
		if (!*s)
			*s = (uint32_t)i + 1;
	}
}

static bool kv_indexed(const struct pstate *ps)
{
	return ps->nkv > LINEAR_MAX;
}

static long kv_find(struct pstate *ps, const node *k)
{
	if (!kv_indexed(ps)) {
		for (size_t i = 0; i < ps->nkv; i++)
			if (same_key(ps->kv[i].key, k))
				return (long)i;
		return -1;
	}
	uint32_t s = *slot_for(ps, ps->kv, k);
	return s ? (long)s - 1 : -1;
}

static void kv_append(struct pstate *ps, node *k, node *v)
{
	if (ps->nkv == ps->kvcap) {
		ps->kvcap = ps->kvcap ? ps->kvcap * 2 : 64;
		ps->kv = xrealloc(ps->kv, ps->kvcap * sizeof *ps->kv);
	}
	ps->kv[ps->nkv].key = k;
	ps->kv[ps->nkv].val = v;
	ps->nkv++;
	if (ps->nkv == LINEAR_MAX + 1 || (kv_indexed(ps) && ps->nkv * 2 > ps->nslots)) {
		kv_reindex(ps);
	} else if (kv_indexed(ps)) {
		uint32_t *s = slot_for(ps, ps->kv, k);
		if (!*s)
			*s = (uint32_t)ps->nkv;
	}
}

/* Replaces the value of k, or appends the pair (later keys win). */
static void kv_set(struct pstate *ps, node *k, node *v)
{
	long i = kv_find(ps, k);
	if (i >= 0)
		ps->kv[i].val = v;
	else
		kv_append(ps, k, v);
}

/* ---- rebuilding maps: merges ------------------------------------------- */

/* The maps a "<<" value stands for (kyaml's findMergeValues): a map, an
 * alias of a map, or a list of those.  Returns the reason it is none. */
static enum merge_err merge_sources(const struct item *v, node *const **list, size_t *n,
				    const node **bad)
{
	*bad = v->n;
	if (v->flags & IT_ALIAS) {
		if (v->n->kind != NODE_MAP)
			return ME_ALIAS_NOT_MAP;
	} else if (v->n->kind == NODE_SEQ) {
		if (v->merr) {
			*bad = v->bad;
			return v->merr;
		}
		*list = v->n->seq.v;
		*n = v->n->seq.n;
		return ME_NONE;
	} else if (v->n->kind != NODE_MAP) {
		return ME_NOT_MAP;
	}
	*list = &v->n;
	*n = 1;
	return ME_NONE;
}

/* kyaml's DeAnchor on a map holding "<<" keys: a second merge key is an
 * error; the first key spelled "<<" (merge key or quoted) is dropped; the
 * map's own keys win, then earlier maps of the list.  Own keys keep their
 * places, merged ones follow. */
static void merge_kyaml(struct pstate *ps, struct item *it, size_t np)
{
	size_t nmerge = 0, mi = 0, lt = np;
	for (size_t i = 0; i < np; i++) {
		uint8_t f = it[2 * i].flags;
		if ((f & IT_LT) && lt == np)
			lt = i;
		if (!(f & IT_MERGE_KEY))
			continue;
		if (nmerge++ == 0) {
			mi = i;
		} else if (nmerge == 2) {
			note_later(&ps->doc_err, it[2 * i].n,
				   arena_sprintf(ps->a, "%s; keep one \"<<\" in this map",
						 merge_msgs[ME_DUPLICATE]));
		}
	}
	node *const *list = NULL;
	size_t nlist = 0;
	if (nmerge == 1) {
		const node *bad;
		enum merge_err me = merge_sources(&it[2 * mi + 1], &list, &nlist, &bad);
		if (me) {
			note_later(&ps->doc_err, bad,
				   arena_sprintf(ps->a, "%s; give \"<<\" a map, an alias of a map "
							"or a list of those",
						 merge_msgs[me]));
			nlist = 0;
		}
	}
	kv_reset(ps, np + 8);
	for (size_t i = 0; i < np; i++)
		if (i != lt)
			kv_append(ps, it[2 * i].n, it[2 * i + 1].n);
	size_t nown = ps->nkv;
	/* Values stay shared only if the "<<" pair itself stays (when a quoted
	 * "<<" came first and was dropped instead). */
	bool copy = lt != mi;
	for (size_t j = nlist; j-- > 0;) {
		const node *m = list[j];
		for (uint32_t p = 0; p < m->map.n; p++) {
			node *k = m->map.v[p].key, *v = m->map.v[p].val;
			if (copy) {
				k = node_clone(ps->a, k);
				v = node_clone(ps->a, v);
			}
			long at = kv_find(ps, k);
			if (at < 0) {
				kv_append(ps, k, v);
			} else if ((size_t)at >= nown) {
				ps->kv[at].key = k;
				ps->kv[at].val = v;
			}
		}
	}
}

/* go-yaml v2 decoding a map (sigs.k8s.io/yaml): pairs in order, each key
 * replacing an earlier one; "<<" merges its maps at its place, the earlier
 * maps of a list winning. */
static int merge_v2(struct pstate *ps, struct item *it, size_t np)
{
	kv_reset(ps, np + 8);
	for (size_t i = 0; i < np; i++) {
		if (!(it[2 * i].flags & IT_MERGE_KEY)) {
			kv_set(ps, it[2 * i].n, it[2 * i + 1].n);
			continue;
		}
		node *const *list = NULL;
		size_t nlist = 0;
		const node *bad;
		if (merge_sources(&it[2 * i + 1], &list, &nlist, &bad))
			return fail_node(ps, bad, "yaml: %s; give \"<<\" a map, an alias of a map or "
						  "a list of those",
					 merge_msgs[ME_NOT_MAP]);
		for (size_t j = nlist; j-- > 0;)
			for (uint32_t p = 0; p < list[j]->map.n; p++)
				kv_set(ps, list[j]->map.v[p].key, list[j]->map.v[p].val);
	}
	return 0;
}

/* yaml.v3 refuses equal keys when kustomize prints the object. */
static void check_duplicates(struct pstate *ps, const node_pair *v, size_t n)
{
	if (ps->out_err.msg || n < 2)
		return;
	const node *first = NULL, *dup = NULL;
	if (n <= LINEAR_MAX) {
		for (size_t i = 1; i < n && !dup; i++)
			for (size_t j = 0; j < i; j++)
				if (same_key(v[j].key, v[i].key)) {
					first = v[j].key;
					dup = v[i].key;
					break;
				}
	} else {
		index_reset(ps, n);
		for (size_t i = 0; i < n && !dup; i++) {
			uint32_t *s = slot_for(ps, v, v[i].key);
			if (*s) {
				first = v[*s - 1].key;
				dup = v[i].key;
			}
			*s = (uint32_t)i + 1;
		}
	}
	if (dup)
		note_later(&ps->out_err, dup,
			   arena_sprintf(ps->a, "mapping key \"%s\" already defined at line %u; "
						"remove one of them",
					 dup->str.s, first->line));
}

static void store_pairs(struct pstate *ps, node *m, const node_pair *v, size_t n)
{
	if (!n)
		return;
	m->map.v = arena_alloc(ps->a, n * sizeof *v);
	memcpy(m->map.v, v, n * sizeof *v);
	m->map.n = m->map.cap = (uint32_t)n;
}

static int finish_map(struct pstate *ps, const struct frame *f)
{
	/* items is still NULL when every map so far was empty. */
	struct item *it = ps->items ? ps->items + f->base : NULL;
	size_t np = (ps->nitems - f->base) / 2;
	node *m = f->n;
	if (ps->sigs) {
		if (merge_v2(ps, it, np))
			return -1;
		store_pairs(ps, m, ps->kv, ps->nkv);
		return 0;
	}
	if (f->nlt) {
		merge_kyaml(ps, it, np);
		store_pairs(ps, m, ps->kv, ps->nkv);
	} else if (np) {
		m->map.v = arena_alloc(ps->a, np * sizeof *m->map.v);
		for (size_t i = 0; i < np; i++) {
			m->map.v[i].key = it[2 * i].n;
			m->map.v[i].val = it[2 * i + 1].n;
		}
		m->map.n = m->map.cap = (uint32_t)np;
	}
	check_duplicates(ps, m->map.v, m->map.n);
	return 0;
}

/* ---- the event stream -------------------------------------------------- */

static void push_item(struct pstate *ps, node *n, uint8_t flags)
{
	if (ps->nitems == ps->icap) {
		ps->icap = ps->icap ? ps->icap * 2 : 256;
		ps->items = xrealloc(ps->items, ps->icap * sizeof *ps->items);
	}
	ps->items[ps->nitems++] = (struct item){n, NULL, flags, ME_NONE};
}

/* Hands a finished node to the open collection (or makes it the root). */
static int add_child(struct pstate *ps, node *n, uint8_t flags)
{
	if (ps->depth == 0) {
		ps->root = n;
		return 0;
	}
	struct frame *f = &ps->stack[ps->depth - 1];
	if (f->n->kind == NODE_MAP) {
		if (((ps->nitems - f->base) & 1) == 0) {
			if (!node_is_scalar(n))
				return fail_node(ps, n, "yaml: invalid map key: a %s cannot be a "
							"map key; use a string",
						 node_kind_name((node_kind)n->kind));
			f->nlt += (flags & IT_LT) != 0;
		}
	} else if (f->merge_list && !f->merr) {
		if (flags & IT_ALIAS)
			f->merr = n->kind == NODE_MAP ? ME_NONE : ME_ALIAS_NOT_MAP;
		else
			f->merr = n->kind == NODE_MAP ? ME_NONE
				  : n->kind == NODE_SEQ ? ME_NESTED
							: ME_NOT_MAP;
		f->bad = n;
	}
	push_item(ps, n, flags);
	return 0;
}

static void remember_anchor(struct pstate *ps, const yaml_char_t *name, node *n)
{
	if (!name)
		return;
	if (ps->nanchors == ps->acap) {
		ps->acap = ps->acap ? ps->acap * 2 : 16;
		ps->anchors = xrealloc(ps->anchors, ps->acap * sizeof *ps->anchors);
	}
	ps->anchors[ps->nanchors].name = arena_strdup(ps->a, (const char *)name);
	ps->anchors[ps->nanchors++].n = n;
}

static int open_collection(struct pstate *ps, const yaml_event_t *ev, node_kind kind,
			   const yaml_char_t *anchor)
{
	node *n = node_new(ps->a, kind);
	set_pos(ps, n, &ev->start_mark);
	if (ps->depth >= ps->lim->max_depth) {
		err_at(ps->e, ps->file, n->line, n->col,
		       "%syaml: exceeded max depth of %zu; flatten the document (or raise "
		       "--max-depth)", malformed(ps),
		       ps->lim->max_depth);
		return -1;
	}
	remember_anchor(ps, anchor, n);
	bool merge_list = false;
	if (kind == NODE_SEQ && ps->depth) {
		const struct frame *p = &ps->stack[ps->depth - 1];
		merge_list = p->n->kind == NODE_MAP && ((ps->nitems - p->base) & 1) &&
			     (ps->items[ps->nitems - 1].flags & IT_MERGE_KEY);
	}
	if (ps->depth == ps->cap) {
		ps->cap = ps->cap ? ps->cap * 2 : 32;
		ps->stack = xrealloc(ps->stack, ps->cap * sizeof *ps->stack);
	}
	ps->stack[ps->depth++] = (struct frame){
		.n = n, .base = ps->nitems, .merge_list = merge_list};
	return 0;
}

static int close_collection(struct pstate *ps)
{
	struct frame f = ps->stack[--ps->depth];
	node *n = f.n;
	if (n->kind == NODE_MAP) {
		if (finish_map(ps, &f))
			return -1;
	} else if (ps->nitems > f.base) {
		size_t cnt = ps->nitems - f.base;
		n->seq.v = arena_alloc(ps->a, cnt * sizeof *n->seq.v);
		for (size_t i = 0; i < cnt; i++)
			n->seq.v[i] = ps->items[f.base + i].n;
		n->seq.n = n->seq.cap = (uint32_t)cnt;
	}
	ps->nitems = f.base;
	if (add_child(ps, n, 0))
		return -1;
	if (f.merr && ps->depth) {
		ps->items[ps->nitems - 1].merr = f.merr;
		ps->items[ps->nitems - 1].bad = f.bad;
	}
	return 0;
}

static size_t count_nodes(const node *n)
{
	size_t c = 1;
	if (n->kind == NODE_MAP)
		for (uint32_t i = 0; i < n->map.n; i++)
			c += count_nodes(n->map.v[i].val) + 1;
	else if (n->kind == NODE_SEQ)
		for (uint32_t i = 0; i < n->seq.n; i++)
			c += count_nodes(n->seq.v[i]);
	return c;
}

static int alias(struct pstate *ps, const yaml_event_t *ev)
{
	const char *name = (const char *)ev->data.alias.anchor;
	uint32_t line = (uint32_t)ev->start_mark.line + 1 + ps->line_off;
	uint32_t col = (uint32_t)ev->start_mark.column + 1;
	node *target = NULL;
	/* The latest definition wins: anchors may be redefined. */
	for (size_t i = ps->nanchors; i-- > 0 && !target;)
		if (!strcmp(ps->anchors[i].name, name))
			target = ps->anchors[i].n;
	if (!target) {
		err_at(ps->e, ps->file, line, col,
		       "%syaml: unknown anchor '%s' referenced; define it with &anchor before "
		       "using *anchor",
		       malformed(ps), name);
		return -1;
	}
	for (size_t i = 0; target->kind >= NODE_MAP && i < ps->depth; i++)
		if (ps->stack[i].n == target)
			return fail(ps, line, col,
				    "yaml: anchor '%s' value contains itself; an alias cannot "
				    "point into the node it is part of",
				    name);
	ps->alias_nodes += count_nodes(target);
	if (ps->alias_nodes > ps->lim->max_alias_nodes) {
		err_at(ps->e, ps->file, line, col,
		       "alias *%s expands past %zu nodes (a \"billion laughs\" document?); "
		       "reduce the aliasing or raise --max-alias-nodes",
		       name, ps->lim->max_alias_nodes);
		return -1;
	}
	node *n = node_clone(ps->a, target);
	n->line = line;
	n->col = col;
	return add_child(ps, n, IT_ALIAS);
}

static int add_doc(struct pstate *ps, const yaml_event_t *ev)
{
	node *root = ps->root;
	if (!root) {
		root = node_new(ps->a, NODE_NULL);
		root->str.s = "";
		set_pos(ps, root, &ev->start_mark);
	}
	parse_docs *o = ps->out;
	if (o->n >= ps->lim->max_docs) {
		err_at(ps->e, ps->file, root->line, root->col,
		       "more than %zu documents in one file; split the file or raise --max-docs",
		       ps->lim->max_docs);
		return -1;
	}
	if (o->n == ps->docs_cap) {
		size_t cap = ps->docs_cap ? ps->docs_cap * 2 : 4;
		o->v = arena_grow(ps->a, o->v, o->n * sizeof(node *), cap * sizeof(node *));
		ps->docs_cap = cap;
	}
	o->v[o->n++] = root;
	return 0;
}

static int handle_event(struct pstate *ps, const yaml_event_t *ev)
{
	uint8_t flags;
	node *n;
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT: {
		const yaml_version_directive_t *v = ev->data.document_start.version_directive;
		/* libyaml also takes %YAML 1.2; go-yaml only 1.1. */
		if (v && (v->major != 1 || v->minor != 1))
			return fail(ps, (uint32_t)ev->start_mark.line + 1 + ps->line_off,
				    (uint32_t)ev->start_mark.column + 1,
				    "%syaml: found incompatible YAML document; remove the %%YAML "
				    "directive",
				    malformed(ps));
		ps->root = NULL;
		ps->nanchors = 0;
		return 0;
	}
	case YAML_DOCUMENT_END_EVENT:
		if (ps->doc_err.msg)
			return raise_later(ps, &ps->doc_err);
		return add_doc(ps, ev);
	case YAML_SCALAR_EVENT:
		n = make_scalar(ps, ev, &flags);
		remember_anchor(ps, ev->data.scalar.anchor, n);
		return add_child(ps, n, flags);
	case YAML_SEQUENCE_START_EVENT:
		return open_collection(ps, ev, NODE_SEQ, ev->data.sequence_start.anchor);
	case YAML_MAPPING_START_EVENT:
		return open_collection(ps, ev, NODE_MAP, ev->data.mapping_start.anchor);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return close_collection(ps);
	case YAML_ALIAS_EVENT:
		return alias(ps, ev);
	default:
		return 0;
	}
}

/* ---- errors ------------------------------------------------------------ */

/* File position of byte off of the current piece (reader errors carry an
 * offset, not a mark).  libyaml counts a lone CR as a line break too. */
static void piece_pos(const struct pstate *ps, size_t off, uint32_t *line, uint32_t *col)
{
	const unsigned char *s = (const unsigned char *)ps->piece;
	uint32_t l = ps->line_off + 1, c = 1;
	if (off > ps->piece_len)
		off = ps->piece_len;
	for (size_t i = 0; i < off; i++) {
		if (s[i] == '\n' || s[i] == '\r') {
			l++;
			c = 1;
		} else if ((s[i] & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*col = c;
}

/* A "%YAML x.y" line other than 1.1 before off: go-yaml stops there, where
 * libyaml goes on to complain about the missing "---". */
static bool bad_version_directive(const struct pstate *ps, size_t off)
{
	const char *s = ps->piece;
	for (size_t i = 0; i + 5 < off; i++) {
		if ((i == 0 || s[i - 1] == '\n') && !memcmp(s + i, "%YAML", 5)) {
			size_t j = i + 5;
			while (j < off && (s[j] == ' ' || s[j] == '\t'))
				j++;
			return !(j + 3 <= off && !memcmp(s + j, "1.1", 3) &&
				 (j + 3 == off || s[j + 3] < '0' || s[j + 3] > '9'));
		}
	}
	return false;
}

static int parser_error(struct pstate *ps, const yaml_parser_t *p)
{
	const char *problem = p->problem ? p->problem : "unknown problem parsing YAML content";
	uint32_t line, col;
	if (p->error == YAML_READER_ERROR) {
		piece_pos(ps, p->problem_offset, &line, &col);
		err_at(ps->e, ps->file, line, col,
		       "%syaml: %s; the file must be UTF-8 text without control characters",
		       malformed(ps), problem);
		return -1;
	}
	line = (uint32_t)p->problem_mark.line + 1 + ps->line_off;
	col = (uint32_t)p->problem_mark.column + 1;
	if (!strcmp(problem, "did not find expected <document start>") &&
	    bad_version_directive(ps, p->problem_mark.index))
		return fail(ps, line, col,
			    "%syaml: found incompatible YAML document; remove the %%YAML directive",
			    malformed(ps));
	/* go-yaml's "line N" (as kustomize prints it): the context line, else
	 * the problem line, zero-based, plus one for scanner errors; relative
	 * to the piece kyaml decoded. */
	size_t gl = p->context_mark.line ? p->context_mark.line : p->problem_mark.line;
	if (gl && p->error == YAML_SCANNER_ERROR)
		gl++;
	char where[40] = "";
	if (gl)
		snprintf(where, sizeof where, "line %zu: ", gl);
	if (p->context)
		err_at(ps->e, ps->file, line, col,
		       "%syaml: %s%s (%s at line %zu, column %zu); check indentation and quoting",
		       malformed(ps), where, problem, p->context,
		       p->context_mark.line + 1 + ps->line_off, p->context_mark.column + 1);
	else
		err_at(ps->e, ps->file, line, col, "%syaml: %s%s; check indentation and quoting",
		       malformed(ps), where, problem);
	return -1;
}

/* ---- pieces ------------------------------------------------------------ */

static int fast_sink(void *ctx, const yaml_event_t *ev)
{
	return handle_event(ctx, ev) ? -1 : 0;
}

/* yblock reads most pieces at a fraction of libyaml's cost.  When it
 * declines, or the tree refuses one of its events (an error, which must
 * be the one libyaml's reading meets first), what it built is dropped and
 * libyaml reads the piece. */
static bool parse_piece_fast(struct pstate *ps, const char *data, size_t len)
{
	if (ps->lim->libyaml_only)
		return false;
	struct later doc_err = ps->doc_err, out_err = ps->out_err;
	size_t ndocs = ps->out->n;
	int rc = yblock_parse(data, len, fast_sink, ps);
	ps->depth = 0;
	ps->nitems = 0;
	if (rc == 0)
		return true;
	err_clear(ps->e);
	ps->doc_err = doc_err;
	ps->out_err = out_err;
	ps->out->n = ndocs;
	return false;
}

/* Reads the first document of data[0..len) (nothing if it holds none). */
static int parse_piece(struct pstate *ps, const char *data, size_t len)
{
	if (parse_piece_fast(ps, data, len))
		return 0;
	yaml_parser_t p;
	yaml_event_t ev;
	if (!yaml_parser_initialize(&p))
		abort();
	yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
	ps->piece = data;
	ps->piece_len = len;
	int rc = 0;
	for (;;) {
		if (!yaml_parser_parse(&p, &ev)) {
			rc = parser_error(ps, &p);
			break;
		}
		yaml_event_type_t t = ev.type;
		rc = handle_event(ps, &ev);
		yaml_event_delete(&ev);
		if (rc || t == YAML_STREAM_END_EVENT || t == YAML_DOCUMENT_END_EVENT)
			break;
	}
	yaml_parser_delete(&p);
	ps->depth = 0;
	ps->nitems = 0;
	return rc;
}

/* Length of the Unicode space (Go's unicode.IsSpace) at s, or 0. */
static size_t go_space(const unsigned char *s, size_t n)
{
	if (n && (s[0] == ' ' || (s[0] >= '\t' && s[0] <= '\r')))
		return 1;
	if (n >= 2 && s[0] == 0xC2 && (s[1] == 0x85 || s[1] == 0xA0))
		return 2;
	if (n < 3)
		return 0;
	uint32_t c = (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
	if ((s[0] & 0xF0) != 0xE0)
		return 0;
	bool sp = c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
		  c == 0x202F || c == 0x205F || c == 0x3000;
	return sp ? 3 : 0;
}

/* Line breaks in s[0..n) as libyaml counts them, for text with a lone CR. */
static uint32_t count_breaks(const char *s, size_t n)
{
	uint32_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += s[i] == '\n' || s[i] == '\r';
	return c;
}

struct piece {
	size_t start, end;
	uint32_t line; /* lines before it */
};

/* kyaml's splitDocuments: a line starting with "---" ends a piece when the
 * rest of it is blank or a comment; any other text there is an error.  One
 * pass over the line ends, which also numbers the pieces' first lines. */
static int split_pieces(struct pstate *ps, const char *s, size_t len, struct piece **out,
			size_t *n)
{
	size_t cap = 16, cnt = 0, start = 0;
	uint32_t lines = 0, start_line = 0;
	struct piece *v = malloc(cap * sizeof *v);
	if (!v)
		abort();
	const char *end = s + len;
	for (const char *p = s; (p = memchr(p, '\n', (size_t)(end - p))); lines++, p++) {
		if (end - p < 5 || p[1] != '-' || p[2] != '-' || p[3] != '-')
			continue;
		const char *q = memchr(p + 4, '\n', (size_t)(end - p - 4));
		if (!q)
			break;
		const char *k = p + 4;
		size_t w;
		while (k < q && (w = go_space((const unsigned char *)k, (size_t)(q - k))))
			k += w;
		if (k < q && *k != '#') {
			const char *e = q;
			while (e > p + 4 && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
				e--;
			free(v);
			err_at(ps->e, ps->file, lines + 2, 1,
			       "invalid document separator: %.*s; a line starting with --- may only "
			       "hold a comment",
			       (int)(e - p - 1), p + 1);
			return -1;
		}
		if (cnt == cap)
			v = xrealloc(v, (cap *= 2) * sizeof *v);
		v[cnt++] = (struct piece){start, (size_t)(p - s) + 1, start_line};
		start = (size_t)(q - s) + 1;
		start_line = lines + 2;
		lines++;
		p = q;
	}
	if (cnt == cap)
		v = xrealloc(v, (cap + 1) * sizeof *v);
	v[cnt++] = (struct piece){start, len, start_line};
	*out = v;
	*n = cnt;
	return 0;
}

/* kyaml replaces every CRLF by LF before anything else. */
static char *without_crlf(const char *s, size_t len, size_t *outlen)
{
	char *d = malloc(len + 1);
	if (!d)
		abort();
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
			continue;
		d[o++] = s[i];
	}
	*outlen = o;
	return d;
}

static int parse_kio(struct pstate *ps, const char *data, size_t len)
{
	char *copy = NULL;
	bool has_cr = memchr(data, '\r', len) != NULL;
	if (has_cr) {
		data = copy = without_crlf(data, len, &len);
		/* libyaml also counts a lone CR as a line break. */
		has_cr = memchr(data, '\r', len) != NULL;
	}
	struct piece *pieces = NULL;
	size_t n = 0;
	int rc = split_pieces(ps, data, len, &pieces, &n);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		ps->line_off = pieces[i].line;
		if (has_cr)
			ps->line_off = count_breaks(data, pieces[i].start);
		rc = parse_piece(ps, data + pieces[i].start, pieces[i].end - pieces[i].start);
	}
	free(pieces);
	free(copy);
	return rc;
}

int parse_yaml_limits(arena *a, const char *file, const char *data, size_t len,
		      const parse_limits *lim, parse_docs *out, err *e)
{
	struct pstate ps = {
		.a = a, .file = file, .lim = lim, .e = e, .out = out,
		.sigs = lim->last_key_wins != 0,
	};
	out->v = NULL;
	out->n = 0;
	int rc = ps.sigs ? parse_piece(&ps, data, len) : parse_kio(&ps, data, len);
	if (rc == 0 && ps.out_err.msg)
		rc = raise_later(&ps, &ps.out_err);
	free(ps.stack);
	free(ps.items);
	free(ps.anchors);
	free(ps.kv);
	free(ps.slots);
	return rc;
}

int parse_yaml(arena *a, const char *file, const char *data, size_t len, parse_docs *out,
	       err *e)
{
	return parse_yaml_limits(a, file, data, len, &parse_default_limits, out, e);
}
