/* pcache.c - parses kept under their text; see pcache.h.
 *
 * A chained hash table under one mutex.  Entries are never changed or
 * dropped once in, so the documents of one found under the lock are
 * copied out after it is released.
 */
#include "strata/pcache.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct entry {
	struct entry *next;
	uint64_t hash;
	const char *file, *data;
	size_t len;
	parse_limits lim;
	parse_docs docs;  /* in the cache's arena, file pointing at its copy */
};

struct pcache {
	pthread_mutex_t lock;
	arena *a;
	struct entry **slot;
	size_t nslot, n;
	size_t parsed, reused;
};

pcache *pcache_new(void)
{
	pcache *c = calloc(1, sizeof *c);
	if (!c)
		abort();
	pthread_mutex_init(&c->lock, NULL);
	c->a = arena_new();
	c->nslot = 256;
	c->slot = calloc(c->nslot, sizeof *c->slot);
	if (!c->slot)
		abort();
	return c;
}

void pcache_free(pcache *c)
{
	if (!c)
		return;
	pthread_mutex_destroy(&c->lock);
	arena_free(c->a);
	free(c->slot);
	free(c);
}

static uint64_t mix(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 1099511628211u;
	return h;
}

static uint64_t key_hash(const char *file, const char *data, size_t len,
			 const parse_limits *lim)
{
	uint64_t h = mix(1469598103934665603u, file, strlen(file) + 1);
	size_t nums[] = {len, lim->max_depth, lim->max_alias_nodes, lim->max_docs,
			 (size_t)lim->last_key_wins};
	h = mix(h, nums, sizeof nums);
	return mix(h, data, len);
}

static bool same_limits(const parse_limits *x, const parse_limits *y)
{
	return x->max_depth == y->max_depth && x->max_alias_nodes == y->max_alias_nodes &&
	       x->max_docs == y->max_docs && x->last_key_wins == y->last_key_wins;
}

static struct entry *find(const pcache *c, uint64_t h, const char *file, const char *data,
			  size_t len, const parse_limits *lim)
{
	for (struct entry *en = c->slot[h & (c->nslot - 1)]; en; en = en->next)
		if (en->hash == h && en->len == len && !strcmp(en->file, file) &&
		    same_limits(&en->lim, lim) && !memcmp(en->data, data, len))
			return en;
	return NULL;
}

/* node_clone, with the nodes of the parse (those naming from) naming to;
 * own_text: scalar text copied too, so that neither the cache nor a copy
 * out of it points into the other's arena. */
static node *clone_as(arena *a, const node *n, const char *from, const char *to, bool own_text)
{
	node *c = arena_alloc(a, sizeof *c);
	*c = *n;
	if (n->file == from)
		c->file = to;
	if (n->kind != NODE_MAP && n->kind != NODE_SEQ) {
		if (own_text && n->str.s)
			c->str.s = arena_strndup(a, n->str.s, n->str.len);
	} else if (n->kind == NODE_MAP) {
		c->map.v = arena_alloc(a, (n->map.n ? n->map.n : 1) * sizeof *c->map.v);
		c->map.cap = n->map.n;
		for (uint32_t i = 0; i < n->map.n; i++) {
			c->map.v[i].key = clone_as(a, n->map.v[i].key, from, to, own_text);
			c->map.v[i].val = clone_as(a, n->map.v[i].val, from, to, own_text);
		}
	} else if (n->kind == NODE_SEQ) {
		c->seq.v = arena_alloc(a, (n->seq.n ? n->seq.n : 1) * sizeof *c->seq.v);
		c->seq.cap = n->seq.n;
		for (uint32_t i = 0; i < n->seq.n; i++)
			c->seq.v[i] = clone_as(a, n->seq.v[i], from, to, own_text);
	}
	return c;
}

static void clone_docs(arena *a, const parse_docs *in, const char *from, const char *to,
		       bool own_text, parse_docs *out)
{
	out->n = in->n;
	out->v = in->n ? arena_alloc(a, in->n * sizeof *out->v) : NULL;
	for (size_t i = 0; i < in->n; i++)
		out->v[i] = clone_as(a, in->v[i], from, to, own_text);
}

static void grow(pcache *c)
{
	size_t ns = c->nslot * 2;
	struct entry **slot = calloc(ns, sizeof *slot);
	if (!slot)
		abort();
	for (size_t i = 0; i < c->nslot; i++)
		for (struct entry *en = c->slot[i], *next; en; en = next) {
			next = en->next;
			en->next = slot[en->hash & (ns - 1)];
			slot[en->hash & (ns - 1)] = en;
		}
	free(c->slot);
	c->slot = slot;
	c->nslot = ns;
}

/* Keeps a copy of a parse just made (under the lock). */
static void keep(pcache *c, uint64_t h, const char *file, const char *data, size_t len,
		 const parse_limits *lim, const parse_docs *docs)
{
	struct entry *en = arena_alloc(c->a, sizeof *en);
	en->hash = h;
	en->file = arena_strdup(c->a, file);
	en->data = arena_strndup(c->a, data, len);
	en->len = len;
	en->lim = *lim;
	clone_docs(c->a, docs, file, en->file, true, &en->docs);
	if (c->n + 1 > c->nslot)
		grow(c);
	en->next = c->slot[h & (c->nslot - 1)];
	c->slot[h & (c->nslot - 1)] = en;
	c->n++;
}

int pcache_parse(pcache *c, arena *a, const char *file, const char *data, size_t len,
		 const parse_limits *lim, parse_docs *out, err *e)
{
	if (!c)
		return parse_yaml_limits(a, file, data, len, lim, out, e);
	uint64_t h = key_hash(file, data, len, lim);
	pthread_mutex_lock(&c->lock);
	struct entry *en = find(c, h, file, data, len, lim);
	if (en)
		c->reused++;
	pthread_mutex_unlock(&c->lock);
	if (en) {
		clone_docs(a, &en->docs, en->file, file, true, out);
		return 0;
	}
	if (parse_yaml_limits(a, file, data, len, lim, out, e))
		return -1;
	pthread_mutex_lock(&c->lock);
	c->parsed++;
	if (!find(c, h, file, data, len, lim))
		keep(c, h, file, data, len, lim, out);
	pthread_mutex_unlock(&c->lock);
	return 0;
}

void pcache_stats(pcache *c, size_t *parsed, size_t *reused)
{
	pthread_mutex_lock(&c->lock);
	*parsed = c->parsed;
	*reused = c->reused;
	pthread_mutex_unlock(&c->lock);
}
