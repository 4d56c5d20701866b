/* strtab.h - a string-keyed hash table (open addressing), for the caches
 * that remember answers per path.  Not synchronised: callers that share
 * one between threads hold their own lock around it. */
#ifndef STRATA_STRTAB_H
#define STRATA_STRTAB_H

#include <stddef.h>

typedef struct strtab_ent {
	char *key;  /* malloc'd copy; NULL for a free slot */
	void *val;  /* the caller's */
} strtab_ent;

typedef struct strtab {
	strtab_ent *v;
	size_t n, cap;  /* cap a power of two, at least twice n */
} strtab;

#define STRTAB_INIT {NULL, 0, 0}

/* The entry for key, or NULL. */
strtab_ent *strtab_find(const strtab *t, const char *key);
/* The entry for key, added with val NULL when missing; NULL when memory
 * runs out.  Adding may move every entry: earlier pointers go stale. */
strtab_ent *strtab_add(strtab *t, const char *key);
/* Frees the keys and the table, and each val with free_val unless NULL. */
void strtab_free(strtab *t, void (*free_val)(void *));

#endif
