/* arena.c - chunked bump allocator; see arena.h.
 *
 * Big chunks come zeroed from mmap, and a bump allocator never hands out
 * the same bytes twice, so their allocations need no memset; small chunks
 * (malloc'd, maybe reused memory) clear each allocation, so a short-lived
 * arena pays only for what it uses.
 * Chunk sizes double from 64 KiB to 4 MiB: a small arena stays small, and
 * a big render touches its memory in huge pages where the kernel offers
 * them (MADV_HUGEPAGE), not in hundreds of thousands of 4 KiB faults.
 */
#include "strata/arena.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define ARENA_CHUNK (64 * 1024)
#define ARENA_CHUNK_MAX (4u << 20)
#define HUGE_PAGE (2u << 20)

struct chunk {
	struct chunk *next;
	size_t size, used;
	void *map;       /* the mapping to munmap, or NULL when malloc'd */
	size_t map_len;
	max_align_t data[];
};

struct arena {
	struct chunk *head;
	size_t total;
	size_t next_cap;  /* size of the next regular chunk */
};

static void oom(void)
{
	fputs("strata: out of memory\n", stderr);
	abort();
}

/* A chunk with room for cap bytes: zero-filled when mapped; a malloc'd one
 * is cleared allocation by allocation instead. */
static struct chunk *chunk_new(size_t cap)
{
	size_t len = sizeof(struct chunk) + cap;
	if (len < HUGE_PAGE) {
		struct chunk *c = malloc(len);
		if (!c)
			oom();
		memset(c, 0, sizeof *c);
		c->size = cap;
		return c;
	}
	/* Round up to whole huge pages, and map one more to align in. */
	len = (len + HUGE_PAGE - 1) & ~(size_t)(HUGE_PAGE - 1);
	size_t map_len = len + HUGE_PAGE;
	char *m = mmap(NULL, map_len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		oom();
	char *p = (char *)(((uintptr_t)m + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1));
#ifdef MADV_HUGEPAGE
	madvise(p, len, MADV_HUGEPAGE);
#endif
	struct chunk *c = (struct chunk *)p;
	c->size = len - sizeof(struct chunk);
	c->map = m;
	c->map_len = map_len;
	return c;
}

static void chunk_free(struct chunk *c)
{
	if (c->map)
		munmap(c->map, c->map_len);
	else
		free(c);
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n);
	if (!p) {
		fputs("strata: out of memory\n", stderr);
		abort();
	}
	return p;
}

arena *arena_new(void)
{
	arena *a = xmalloc(sizeof *a);
	a->head = NULL;
	a->total = 0;
	a->next_cap = ARENA_CHUNK;
	return a;
}

void arena_free(arena *a)
{
	if (!a)
		return;
	struct chunk *c = a->head;
	while (c) {
		struct chunk *next = c->next;
		chunk_free(c);
		c = next;
	}
	free(a);
}

void arena_adopt(arena *a, arena *child)
{
	struct chunk *first = child->head;
	if (first) {
		struct chunk *last = first;
		while (last->next)
			last = last->next;
		/* Behind a's current chunk, whose free space stays in use. */
		if (a->head) {
			last->next = a->head->next;
			a->head->next = first;
		} else {
			a->head = first;
		}
		a->total += child->total;
	}
	free(child);
}

/* Nothing strata keeps needs more than 8-byte alignment, and text none:
 * a tree's many small nodes and strings pack without padding. */
#define ALIGN 8

static size_t align_up(size_t n, size_t to)
{
	return (n + to - 1) & ~(to - 1);
}

static void *bump(arena *a, size_t size, size_t align)
{
	struct chunk *c = a->head;
	size_t start = c ? align_up(c->used, align) : 0;
	if (!c || start > c->size || c->size - start < size) {
		/* Large requests get a chunk of their own, placed behind the
		 * current one so its free space is not wasted. */
		bool own = size > a->next_cap / 4;
		struct chunk *n = chunk_new(own ? size : a->next_cap);
		if (c && own) {
			n->next = c->next;
			c->next = n;
		} else {
			n->next = c;
			a->head = n;
			if (a->next_cap < ARENA_CHUNK_MAX)
				a->next_cap *= 2;
		}
		c = n;
		start = 0;
	}
	void *p = (char *)c->data + start;
	a->total += start + size - c->used;
	c->used = start + size;
	if (!c->map)
		memset(p, 0, size);
	return p;
}

void *arena_alloc(arena *a, size_t size)
{
	return bump(a, align_up(size, ALIGN), ALIGN);
}

void *arena_grow(arena *a, void *old, size_t old_size, size_t new_size)
{
	/* Growing the newest allocation in place keeps doubling lists from
	 * leaving every smaller copy behind. */
	struct chunk *c = a->head;
	size_t o = align_up(old_size, ALIGN), n = align_up(new_size, ALIGN);
	if (old && c && (char *)old + o == (char *)c->data + c->used && n >= o &&
	    c->size - c->used >= n - o) {
		if (!c->map)
			memset((char *)c->data + c->used, 0, n - o);
		c->used += n - o;
		a->total += n - o;
		return old;
	}
	void *p = arena_alloc(a, new_size);
	if (old && old_size)
		memcpy(p, old, old_size < new_size ? old_size : new_size);
	return p;
}

char *arena_strndup(arena *a, const char *s, size_t len)
{
	char *p = bump(a, len + 1, 1);
	if (len)
		memcpy(p, s, len);
	p[len] = 0;
	return p;
}

char *arena_strdup(arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *arena_sprintf(arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *p = arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

size_t arena_used(const arena *a)
{
	return a->total;
}
