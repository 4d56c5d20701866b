/* strtab.c - string-keyed open-addressing hash table; see strtab.h. */
#include "strata/strtab.h"

#include <stdlib.h>
#include <string.h>

/* FNV-1a */
static size_t hash(const char *s)
{
	size_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static strtab_ent *slot(strtab_ent *v, size_t cap, const char *key)
{
	size_t i = hash(key) & (cap - 1);
	while (v[i].key && strcmp(v[i].key, key))
		i = (i + 1) & (cap - 1);
	return &v[i];
}

strtab_ent *strtab_find(const strtab *t, const char *key)
{
	if (!t->cap)
		return NULL;
	strtab_ent *e = slot(t->v, t->cap, key);
	return e->key ? e : NULL;
}

static int grow(strtab *t)
{
	size_t cap = t->cap ? t->cap * 2 : 64;
	strtab_ent *v = calloc(cap, sizeof *v);
	if (!v)
		return -1;
	for (size_t i = 0; i < t->cap; i++)
		if (t->v[i].key)
			*slot(v, cap, t->v[i].key) = t->v[i];
	free(t->v);
	t->v = v, t->cap = cap;
	return 0;
}

strtab_ent *strtab_add(strtab *t, const char *key)
{
	if ((t->n + 1) * 2 > t->cap && grow(t))
		return NULL;
	strtab_ent *e = slot(t->v, t->cap, key);
	if (e->key)
		return e;
	if (!(e->key = strdup(key)))
		return NULL;
	e->val = NULL;
	t->n++;
	return e;
}

void strtab_free(strtab *t, void (*free_val)(void *))
{
	for (size_t i = 0; i < t->cap; i++) {
		if (t->v[i].key && free_val)
			free_val(t->v[i].val);
		free(t->v[i].key);
	}
	free(t->v);
	t->v = NULL;
	t->n = t->cap = 0;
}
