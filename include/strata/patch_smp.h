/* patch_smp.h - strategic-merge patches as kustomize v5.5.0 applies them.
 *
 * kustomize does not use Kubernetes' strategicpatch package: it walks the
 * object and the patch together with kyaml's merge2 (list direction
 * "prepend", no inferred list keys).  This module reproduces that walk,
 * including its quirks, which were settled against `kubectl kustomize`:
 *
 * - maps merge key by key; `key: null` in the patch deletes the key; a null
 *   already in the object survives unless the patch names the key, except an
 *   empty one (`key:`), which the walk drops; a scalar replacing a quoted or
 *   block scalar becomes a string (kyaml keeps the old style);
 * - a list merges element by element only when the schema gives it a
 *   strategy containing "merge"; elements are matched on the list-map keys
 *   (else the merge key); the patch's elements come first in patch order,
 *   then the object's others; a list of scalars merges as a set; every other
 *   list, and every list of a kind without schema, is replaced;
 * - `$patch: delete|replace|merge` work on maps, and on a merged list as an
 *   element of its own ({$patch: replace}); on an element, delete removes it
 *   while replace is undone by the object's element, as in kyaml; at the top
 *   delete removes the object and replace changes nothing;
 *   `$setElementOrder/...`, `$deleteFromPrimitiveList/...` and `$retainKeys`
 *   are ordinary fields, copied through;
 * - patch elements without their merge key delete every keyed element, and
 *   null and {} elements of a merged list are dropped.
 *
 * The schema is found by the object's exact apiVersion and kind (then the
 * patch's), and again inside any map that carries its own apiVersion and
 * kind (an object embedded in a custom resource).
 */
#ifndef STRATA_PATCH_SMP_H
#define STRATA_PATCH_SMP_H

#include <stdbool.h>

#include "strata/arena.h"
#include "strata/err.h"
#include "strata/node.h"
#include "strata/smp_table.h"

typedef struct smp_opts {
	/* Rules for more kinds (a kustomization's `openapi:` field), sorted like
	 * smp_builtin_schema; consulted first.  NULL: built-in rules only. */
	const smp_schema *extra;
	/* Ignore the built-in rules (kustomize replaces its schema with the
	 * kustomization's). */
	bool extra_only;
} smp_opts;

/* Merges patch (a whole object: apiVersion, kind, metadata, ...) into obj in
 * place.  *deleted is set, and obj left alone, when the patch deletes the
 * object ($patch: delete at the top).  The patch is not modified; parts of
 * it are copied into obj, all in a.  Name and kind are not protected: the
 * caller restores them as kustomize does.  Returns 0, or -1 with e set
 * (mismatched node kinds, an unknown $patch value). */
int smp_apply(arena *a, node *obj, const node *patch, bool *deleted, err *e);
/* The same with extra schema; opts may be NULL. */
int smp_apply_opts(arena *a, node *obj, const node *patch, const smp_opts *opts,
		   bool *deleted, err *e);

/* The kind's entry in s, or NULL (bisection). */
const smp_kind *smp_schema_kind(const smp_schema *s, const char *api_version,
				const char *kind);
/* The rule for the list at path ("spec.template.spec.containers[].env") in
 * kind k of s, or NULL. */
const smp_rule *smp_schema_rule(const smp_schema *s, const smp_kind *k, const char *path);

#endif
