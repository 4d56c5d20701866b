/* parse.h - YAML (and JSON) text to node trees, via libyaml's event parser.
 *
 * Accepts what go-yaml v3 accepts for kustomize resources, and rejects what
 * it rejects beyond libyaml: duplicate map keys, non-scalar keys.  Aliases are
 * expanded into copies, within a budget, so patches never alias.
 */
#ifndef STRATA_PARSE_H
#define STRATA_PARSE_H

#include <stddef.h>

#include "strata/arena.h"
#include "strata/err.h"
#include "strata/node.h"

typedef struct parse_docs {
	node **v;  /* one root per document; an empty document is a NODE_NULL */
	size_t n;
} parse_docs;

typedef struct parse_limits {
	size_t max_depth;       /* nesting of maps and lists */
	size_t max_alias_nodes; /* nodes that alias expansion may create */
	size_t max_docs;
	/* kustomization files: sigs.k8s.io/yaml keeps the last of duplicate keys */
	int last_key_wins;
} parse_limits;

/* Defaults generous enough for any real repository. */
extern const parse_limits parse_default_limits;

/* Parses data (len bytes) read from file (used in positions and errors).
 * Trees are allocated in a.  Returns 0, or -1 with e set. */
int parse_yaml(arena *a, const char *file, const char *data, size_t len, parse_docs *out,
	       err *e);
int parse_yaml_limits(arena *a, const char *file, const char *data, size_t len,
		      const parse_limits *lim, parse_docs *out, err *e);

#endif
