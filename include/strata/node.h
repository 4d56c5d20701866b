/* node.h - strata's document tree.
 *
 * Every parsed YAML/JSON document becomes a tree of nodes allocated in an
 * arena.  Scalars keep the text they were written with plus the type YAML
 * resolved for them (go-yaml v3 rules, as kyaml reads resources); the emitter
 * turns them into kustomize's canonical spelling only on output.  Every node
 * remembers where it came from so errors can point at file, line and column.
 */
#ifndef STRATA_NODE_H
#define STRATA_NODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strata/arena.h"

typedef enum node_kind {
	NODE_NULL,
	NODE_BOOL,
	NODE_INT,
	NODE_FLOAT,
	NODE_STR,
	NODE_MAP,
	NODE_SEQ,
} node_kind;

enum node_flags {
	/* A plain scalar that YAML resolves as a timestamp (2001-12-14):
	 * kind is NODE_STR, text as written; printed in RFC 3339. */
	NODE_F_TIMESTAMP = 1u << 0,
	/* Written quoted or with an explicit !!str tag. */
	NODE_F_QUOTED = 1u << 1,
	/* A plain scalar YAML 1.1 (go-yaml v2) reads as a boolean
	 * (yes/no/on/off/y/n): still NODE_STR for resources, a bool for
	 * kustomization.yaml, which sigs.k8s.io/yaml decodes as YAML 1.1. */
	NODE_F_BOOL11 = 1u << 2,
	/* patch_json's raw form: a scalar holds its JSON token.  Set and
	 * read there only; its results never carry it. */
	NODE_F_RAWJSON = 1u << 3,
};

typedef struct node node;
typedef struct node_pair {
	node *key;
	node *val;
} node_pair;

struct node {
	uint8_t kind;   /* node_kind */
	uint8_t flags;  /* node_flags */
	uint32_t line;  /* 1-based; 0 = made by strata */
	uint32_t col;
	const char *file;
	union {
		/* Scalars: NUL-terminated text (len excludes the NUL).  For
		 * NODE_BOOL "true"/"false", for NODE_NULL whatever was written. */
		struct {
			const char *s;
			size_t len;
		} str;
		struct {
			node_pair *v;
			uint32_t n, cap;
		} map;
		struct {
			node **v;
			uint32_t n, cap;
		} seq;
	};
};

node *node_new(arena *a, node_kind kind);
node *node_scalar(arena *a, node_kind kind, const char *s, size_t len);
node *node_strn(arena *a, const char *s, size_t len);
node *node_str(arena *a, const char *s);
node *node_map(arena *a);
node *node_seq(arena *a);

static inline bool node_is_scalar(const node *n)
{
	return n && n->kind < NODE_MAP;
}

/* Map access by string key.  NULL when absent or when m is not a map. */
node_pair *node_find(const node *m, const char *key);
node *node_get(const node *m, const char *key);
/* The key's value when it is a string scalar, else NULL. */
const char *node_get_str(const node *m, const char *key);
/* Follows a NULL-terminated list of keys through nested maps. */
node *node_dig(const node *m, ...) __attribute__((sentinel));

/* Replaces the value of key, or appends the pair. */
void node_set(arena *a, node *m, const char *key, node *val);
void node_set_str(arena *a, node *m, const char *key, const char *val);
/* The map under key, created (or replacing a non-map) when needed. */
node *node_ensure_map(arena *a, node *m, const char *key);
/* Appends without looking for an existing key (the parser's job). */
void node_append(arena *a, node *m, node *key, node *val);
bool node_del(node *m, const char *key);
void node_push(arena *a, node *seq, node *v);
void node_seq_remove(node *seq, uint32_t i);

node *node_clone(arena *a, const node *n);
/* Deep equality of kind, text and structure (map order ignored). */
bool node_equal(const node *x, const node *y);
/* Scalar text equality with a C string. */
bool node_str_is(const node *n, const char *s);
/* Adds delta to the line of n and everything below it (text parsed out of
 * a block scalar, so positions point into the enclosing file). */
void node_shift_lines(node *n, uint32_t delta);
/* Copies file/line/col of src to dst (for synthesised nodes). */
void node_set_pos(node *dst, const node *src);

const char *node_kind_name(node_kind k);

#endif
