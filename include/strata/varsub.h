/* varsub.h - Flux's post-build variable substitution (spec.postBuild).
 *
 * kustomize-controller prints each built object as YAML, runs its envsubst
 * over the text, and reads the result back through sigs.k8s.io/yaml (YAML
 * 1.1 typing: a substituted `yes` becomes true) and JSON.  varsub_apply
 * does the same to one object, so the object strata prints is the one Flux
 * would apply.
 */
#ifndef STRATA_VARSUB_H
#define STRATA_VARSUB_H

#include <stdbool.h>
#include <stddef.h>

#include "strata/arena.h"
#include "strata/err.h"
#include "strata/node.h"

typedef struct varsub_vars {
	const char **key, **val;
	size_t n, cap;
} varsub_vars;

/* Sets key to val (a later set wins); newlines are dropped from val, as
 * Flux drops them. */
void varsub_set(arena *a, varsub_vars *v, const char *key, const char *val, size_t len);
/* The value of key (len bytes), or NULL when unset. */
const char *varsub_get(const varsub_vars *v, const char *key, size_t len);
/* Flux refuses the whole set if any name is not a shell-style identifier. */
int varsub_check_names(const varsub_vars *v, err *e);
/* Is substitution switched off for obj by the
 * kustomize.toolkit.fluxcd.io/substitute: disabled label or annotation? */
bool varsub_disabled(const node *obj);
/* obj with vars substituted, typed as Flux types it (*out is a new tree in
 * a; obj is unchanged).  what names the object in errors. */
int varsub_apply(arena *a, const node *obj, const varsub_vars *vars, bool strict,
		 const char *what, node **out, err *e);

#endif
