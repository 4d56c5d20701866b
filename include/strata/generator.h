/* generator.h - configMapGenerator / secretGenerator (kustomize v5.5.0).
 *
 * Builds the ConfigMap or Secret one generator entry of kustomization.yaml
 * describes, computes the content-hash name suffix kustomize appends at the
 * end of a build, and folds a `behavior: merge|replace` object into the one
 * it targets.  Error texts are kustomize's, prefixed with the position of
 * the kustomization node at fault.
 */
#ifndef STRATA_GENERATOR_H
#define STRATA_GENERATOR_H

#include <stdbool.h>
#include <stddef.h>

#include "strata/arena.h"
#include "strata/err.h"
#include "strata/node.h"

/* How the generator reads a file named in `files:` / `envs:` / `env:`, as
 * written there.  The caller resolves the path against the kustomization's
 * directory and enforces load restrictions; its errors name the file
 * (kustomize: `'<abs>' must resolve to a file`, `security; file ...`).
 * *data is malloc'd (the generator frees it); NUL termination not needed. */
typedef int (*gen_read_fn)(void *ctx, const char *path, char **data, size_t *len, err *e);

typedef struct gen_result {
	node *obj;            /* the ConfigMap / Secret, in the caller's arena */
	bool needs_hash;      /* append gen_hash_suffix() at the end of the build */
	const char *behavior; /* "create", "merge" or "replace" (static string) */
} gen_result;

/* One generator entry (a map node from kustomization.yaml: name, namespace,
 * behavior, literals, files, envs, env, options, and type for Secrets) plus
 * the kustomization's generatorOptions (may be NULL).  kind is "ConfigMap"
 * or "Secret".  Field names match case-insensitively, as Go's JSON decoder
 * does; wrong types and unknown fields give kustomize's
 * `invalid Kustomization: json: ...` errors. */
int gen_build(arena *a, const char *kind, const node *args, const node *global_opts,
	      gen_read_fn read, void *ctx, gen_result *out, err *e);

/* Only the decoding checks gen_build starts with (types, unknown fields),
 * for the kustomization loader: kustomize reports these when it reads
 * kustomization.yaml, before any resource is loaded.  global_opts may be
 * NULL. */
int gen_check_args(arena *a, const char *kind, const node *args, const node *global_opts,
		   err *e);

/* The 10-character suffix (without the '-') for a ConfigMap or Secret as it
 * stands: SHA-256 of kustomize's JSON encoding of kind, type, data,
 * binaryData / stringData (the name is always hashed as ""), first 10 hex
 * digits, with 0 1 3 a e mapped to g h k m t.  Errors for other kinds. */
int gen_hash_suffix(const node *obj, char out[11], err *e);

/* Folds a generated object into the existing resource it targets, in
 * place: existing becomes the generated object carrying existing's name
 * and namespace, the union of both label and annotation maps (generated
 * values win) and, for "merge", the union of data and of binaryData
 * (generated values win); "replace" keeps the generated data only.  All
 * merged map values become strings, as kustomize re-writes them.  The
 * caller keeps the hash mark only when both sides had it. */
int gen_merge_into(arena *a, node *existing, const node *generated, const char *behavior,
		   err *e);

/* The pieces, exposed for tests and for `kustomize edit`-like tools.  All
 * strings below are allocated in a; error texts carry no position. */
typedef struct gen_pair {
	const char *key;
	size_t key_len;
	const char *val;
	size_t val_len;
} gen_pair;

typedef struct gen_pairs {
	gen_pair *v;
	size_t n, cap;
} gen_pairs;

/* `key=value`: split at the first '=', one pair of matching surrounding
 * quotes removed from the value. */
int gen_parse_literal(arena *a, const char *src, size_t len, gen_pair *out, err *e);
/* `path` (key = last path element) or `key=path`. */
int gen_parse_file_source(arena *a, const char *src, const char **key, const char **path,
			  err *e);
/* Appends the pairs of an env file (KEY=VALUE lines) to out. */
int gen_parse_env(arena *a, const char *data, size_t len, gen_pairs *out, err *e);
/* The value as kustomize stores binary data (allocated in a): base64, and
 * when 70 characters or longer, cut into 70-character lines each ending in
 * '\n'. */
void gen_base64_wrapped(arena *a, const void *data, size_t len, const char **out,
			size_t *out_len);

#endif
