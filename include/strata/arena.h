/* arena.h - bump allocation for whole-render lifetimes.
 *
 * Everything a build produces (parsed trees, resources, strings) lives in one
 * arena that is dropped at once when the build is done.  There is no per-object
 * free; growing an array copies it and abandons the old block.
 */
#ifndef STRATA_ARENA_H
#define STRATA_ARENA_H

#include <stddef.h>

typedef struct arena arena;

arena *arena_new(void);
void arena_free(arena *a);

/* Hands everything child holds to a (freed with a) and frees child
 * itself: a worker thread fills an arena of its own, and its results then
 * live as long as the caller's. */
void arena_adopt(arena *a, arena *child);
/* Zeroed, 16-byte aligned.  Aborts on out-of-memory (like xmalloc). */
void *arena_alloc(arena *a, size_t size);
/* Copy of old (old_size bytes) in a block of new_size bytes. */
void *arena_grow(arena *a, void *old, size_t old_size, size_t new_size);
char *arena_strndup(arena *a, const char *s, size_t len);
char *arena_strdup(arena *a, const char *s);
char *arena_sprintf(arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Bytes handed out so far, for limits and benchmarks. */
size_t arena_used(const arena *a);

#endif
