/* limits.h - the resource limits strata build and strata render enforce on
 * the repositories they read, and the flags that raise them.
 *
 * Hostile input (a "billion laughs" document, a 10 GB file, a tree nested
 * a million deep) must end in a clear error naming the file, quickly and in
 * little memory; the defaults are far above what real repositories need.
 * The YAML limits go into parse_default_limits (parse.h), set once before
 * any work starts; the file size goes to the file source (fsrc.h); the
 * output size to build_opts / render_opts.
 */
#ifndef STRATA_LIMITS_H
#define STRATA_LIMITS_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>

#include "strata/node.h"

typedef struct limits {
	size_t max_file_size;    /* bytes; a larger file is refused before it is read */
	size_t max_output_size;  /* bytes of YAML or JSON one command may produce */
	size_t max_depth;        /* nesting of maps and lists */
	size_t max_alias_nodes;  /* nodes YAML aliases may create, per file */
	size_t max_docs;         /* YAML documents per file */
} limits;

extern const limits limits_default;

/* getopt_long entries for the five flags; their vals are LIMITS_OPT_*. */
enum {
	LIMITS_OPT_FILE_SIZE = 0x4c00,
	LIMITS_OPT_OUTPUT_SIZE,
	LIMITS_OPT_DEPTH,
	LIMITS_OPT_ALIAS_NODES,
	LIMITS_OPT_DOCS,
};
#define LIMITS_LONG_OPTIONS                                                      \
	{"max-file-size", required_argument, NULL, LIMITS_OPT_FILE_SIZE},        \
	{"max-output-size", required_argument, NULL, LIMITS_OPT_OUTPUT_SIZE},    \
	{"max-depth", required_argument, NULL, LIMITS_OPT_DEPTH},                \
	{"max-alias-nodes", required_argument, NULL, LIMITS_OPT_ALIAS_NODES},    \
	{"max-docs", required_argument, NULL, LIMITS_OPT_DOCS}

/* The flags' lines for a command's --help. */
extern const char LIMITS_HELP[];

/* Handles getopt value opt with its argument: 0 handled, 1 not a limits
 * flag, 2 a bad value (said on stderr, prefixed with cmd). */
int limits_option(limits *l, int opt, const char *arg, const char *cmd);

/* Makes the YAML limits the ones every parse uses.  Call once, before any
 * work (and any thread) starts. */
void limits_apply(const limits *l);

/* Whether n, put inside `at` nested maps and lists, would nest deeper than
 * the YAML depth limit: the check for what grows trees after parsing (JSON
 * patches, replacements), so every later recursive walk stays bounded.
 * Its own recursion stops at the limit. */
bool limits_too_deep(const node *n, size_t at);

/* Adds the nodes of n to *used and says whether *used has passed the
 * alias-node budget: copies (JSON patch copy, replacements) double trees
 * as aliases do, and share that limit.  Counting stops at the budget. */
bool limits_copy_over(size_t *used, const node *n);

/* How often each directory was built: a base reached along many paths
 * (every level listing the next twice) is built once per path. */
typedef struct limits_visits {
	char **keys;
	size_t *counts;
	size_t n, cap;
} limits_visits;
/* Counts one more visit of key and returns the count so far. */
size_t limits_visit(limits_visits *v, const char *key);
/* Adds from's counts to into, unless that would take a count past max:
 * then into is left as it was and the answer is false. */
bool limits_visits_add(limits_visits *into, const limits_visits *from, size_t max);
void limits_visits_free(limits_visits *v);

#endif
