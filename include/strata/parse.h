/* parse.h - YAML (and JSON) text to node trees, read as kustomize reads it.
 *
 * Resources, patches and other kustomize inputs go through kyaml's reader:
 *  - CRLF becomes LF, then the text is cut at every line that starts with
 *    "---" (the rest of that line may only be blank or a comment, else
 *    "invalid document separator"); each piece yields its first document
 *    only (what follows a "..." in a piece is never read), and a piece with
 *    no document (comments only) yields nothing;
 *  - scalars resolve as go-yaml v3 does (see scalar.h), explicit tags are
 *    checked (!!int x is an error, !!binary is decoded);
 *  - aliases become copies, within a budget, so patches never alias; "<<"
 *    merge keys are folded in as kyaml's DeAnchor does: the map's own keys
 *    win, then earlier maps of a "<<" list; the first key spelled "<<" is
 *    dropped even when quoted;
 *  - duplicate keys ("a" and a too) are errors, as when kustomize prints.
 * Problems kustomize meets only after a document (merges) or when printing
 * (duplicate keys, tags) are reported after the syntax of the document (or
 * file), which kustomize checks first.  Every error names file:line:col and
 * carries go-yaml's own text ("yaml: line N: ..." counts lines as kustomize
 * does: zero-based for parser errors, within the piece).
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
	size_t max_depth;       /* nested maps and lists (go-yaml: 10000) */
	size_t max_alias_nodes; /* nodes that alias expansion may create */
	size_t max_docs;
	/* Read as sigs.k8s.io/yaml (go-yaml v2) reads kustomization files
	 * instead: the first document of the whole text only, the last of
	 * duplicate keys wins, and "<<" merges at its place in the map (later
	 * keys override it, it overrides earlier ones). */
	int last_key_wins;
	/* Every text through libyaml, none through yblock's fast reader.
	 * The trees are the same either way (so pcache ignores it); the
	 * tests that compare the two readers set it. */
	int libyaml_only;
} parse_limits;

/* Defaults generous enough for any real repository.  A command may set
 * them once from its flags (limits.h) before any work or thread starts;
 * they are only read after that. */
extern parse_limits parse_default_limits;

/* Parses data (len bytes) read from file (used in positions and errors).
 * Trees are allocated in a.  Returns 0, or -1 with e set. */
int parse_yaml(arena *a, const char *file, const char *data, size_t len, parse_docs *out,
	       err *e);
int parse_yaml_limits(arena *a, const char *file, const char *data, size_t len,
		      const parse_limits *lim, parse_docs *out, err *e);

#endif
