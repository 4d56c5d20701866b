/* node.c - the document tree; see node.h. */
#include "strata/node.h"

#include <stdarg.h>
#include <string.h>

node *node_new(arena *a, node_kind kind)
{
	node *n = arena_alloc(a, sizeof *n);
	n->kind = (uint8_t)kind;
	return n;
}

node *node_scalar(arena *a, node_kind kind, const char *s, size_t len)
{
	node *n = node_new(a, kind);
	n->str.s = arena_strndup(a, s, len);
	n->str.len = len;
	return n;
}

node *node_strn(arena *a, const char *s, size_t len)
{
	return node_scalar(a, NODE_STR, s, len);
}

node *node_str(arena *a, const char *s)
{
	return node_strn(a, s, strlen(s));
}

node *node_map(arena *a)
{
	return node_new(a, NODE_MAP);
}

node *node_seq(arena *a)
{
	return node_new(a, NODE_SEQ);
}

node_pair *node_find(const node *m, const char *key)
{
	if (!m || m->kind != NODE_MAP)
		return NULL;
	size_t kl = strlen(key);
	for (uint32_t i = 0; i < m->map.n; i++) {
		node *k = m->map.v[i].key;
		if (k->str.len == kl && memcmp(k->str.s, key, kl) == 0)
			return &m->map.v[i];
	}
	return NULL;
}

node *node_get(const node *m, const char *key)
{
	node_pair *p = node_find(m, key);
	return p ? p->val : NULL;
}

const char *node_get_str(const node *m, const char *key)
{
	node *v = node_get(m, key);
	return v && v->kind == NODE_STR ? v->str.s : NULL;
}

node *node_dig(const node *m, ...)
{
	va_list ap;
	va_start(ap, m);
	const char *k;
	node *cur = (node *)m;
	while (cur && (k = va_arg(ap, const char *)))
		cur = node_get(cur, k);
	va_end(ap);
	return cur;
}

void node_append(arena *a, node *m, node *key, node *val)
{
	if (m->map.n == m->map.cap) {
		uint32_t cap = m->map.cap ? m->map.cap * 2 : 4;
		m->map.v = arena_grow(a, m->map.v, m->map.n * sizeof(node_pair),
				      cap * sizeof(node_pair));
		m->map.cap = cap;
	}
	m->map.v[m->map.n].key = key;
	m->map.v[m->map.n].val = val;
	m->map.n++;
}

void node_set(arena *a, node *m, const char *key, node *val)
{
	node_pair *p = node_find(m, key);
	if (p)
		p->val = val;
	else
		node_append(a, m, node_str(a, key), val);
}

void node_set_str(arena *a, node *m, const char *key, const char *val)
{
	node_set(a, m, key, node_str(a, val));
}

node *node_ensure_map(arena *a, node *m, const char *key)
{
	node *v = node_get(m, key);
	if (v && v->kind == NODE_MAP)
		return v;
	v = node_map(a);
	node_set(a, m, key, v);
	return v;
}

bool node_del(node *m, const char *key)
{
	node_pair *p = node_find(m, key);
	if (!p)
		return false;
	size_t i = (size_t)(p - m->map.v);
	memmove(p, p + 1, (m->map.n - i - 1) * sizeof *p);
	m->map.n--;
	return true;
}

void node_push(arena *a, node *s, node *v)
{
	if (s->seq.n == s->seq.cap) {
		uint32_t cap = s->seq.cap ? s->seq.cap * 2 : 4;
		s->seq.v = arena_grow(a, s->seq.v, s->seq.n * sizeof(node *),
				      cap * sizeof(node *));
		s->seq.cap = cap;
	}
	s->seq.v[s->seq.n++] = v;
}

void node_seq_remove(node *s, uint32_t i)
{
	if (i >= s->seq.n)
		return;
	memmove(&s->seq.v[i], &s->seq.v[i + 1], (s->seq.n - i - 1) * sizeof(node *));
	s->seq.n--;
}

node *node_clone(arena *a, const node *n)
{
	if (!n)
		return NULL;
	node *c = arena_alloc(a, sizeof *c);
	*c = *n;
	switch (n->kind) {
	case NODE_MAP:
		c->map.v = arena_alloc(a, (n->map.n ? n->map.n : 1) * sizeof(node_pair));
		c->map.cap = n->map.n;
		for (uint32_t i = 0; i < n->map.n; i++) {
			c->map.v[i].key = node_clone(a, n->map.v[i].key);
			c->map.v[i].val = node_clone(a, n->map.v[i].val);
		}
		break;
	case NODE_SEQ:
		c->seq.v = arena_alloc(a, (n->seq.n ? n->seq.n : 1) * sizeof(node *));
		c->seq.cap = n->seq.n;
		for (uint32_t i = 0; i < n->seq.n; i++)
			c->seq.v[i] = node_clone(a, n->seq.v[i]);
		break;
	default:
		/* Scalar text is immutable once made, so it can be shared. */
		break;
	}
	return c;
}

bool node_equal(const node *x, const node *y)
{
	if (x == y)
		return true;
	if (!x || !y || x->kind != y->kind)
		return false;
	switch (x->kind) {
	case NODE_MAP:
		if (x->map.n != y->map.n)
			return false;
		for (uint32_t i = 0; i < x->map.n; i++) {
			node *ov = node_get(y, x->map.v[i].key->str.s);
			if (!ov || !node_equal(x->map.v[i].val, ov))
				return false;
		}
		return true;
	case NODE_SEQ:
		if (x->seq.n != y->seq.n)
			return false;
		for (uint32_t i = 0; i < x->seq.n; i++)
			if (!node_equal(x->seq.v[i], y->seq.v[i]))
				return false;
		return true;
	case NODE_NULL:
		return true;
	default:
		return x->str.len == y->str.len && memcmp(x->str.s, y->str.s, x->str.len) == 0;
	}
}

bool node_str_is(const node *n, const char *s)
{
	return node_is_scalar(n) && strcmp(n->str.s, s) == 0;
}

void node_shift_lines(node *n, uint32_t delta)
{
	if (!n)
		return;
	if (n->line)
		n->line += delta;
	if (n->kind == NODE_MAP) {
		for (uint32_t i = 0; i < n->map.n; i++) {
			node_shift_lines(n->map.v[i].key, delta);
			node_shift_lines(n->map.v[i].val, delta);
		}
	} else if (n->kind == NODE_SEQ) {
		for (uint32_t i = 0; i < n->seq.n; i++)
			node_shift_lines(n->seq.v[i], delta);
	}
}

void node_set_pos(node *dst, const node *src)
{
	if (!dst || !src)
		return;
	dst->file = src->file;
	dst->line = src->line;
	dst->col = src->col;
}

const char *node_kind_name(node_kind k)
{
	static const char *names[] = {"null", "bool", "int", "float", "string", "map", "list"};
	return k <= NODE_SEQ ? names[k] : "?";
}
