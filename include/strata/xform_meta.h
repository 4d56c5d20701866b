/* xform_meta.h - kustomize v5.5.0's built-in metadata transformers:
 * namespace, namePrefix / nameSuffix, labels, commonLabels and
 * commonAnnotations.
 *
 * They run back to back inside one kustomization, after `patches` and
 * before `patchesJson6902` (KUSTOMIZE-FACTS.md section c), each walking
 * the field specs of the kustomization's config.  Values written are
 * string nodes (NODE_STR + NODE_F_QUOTED: kyaml tags them !!str).
 *
 * Two kustomize quirks are kept on purpose:
 * - namespace stores a previous id on every resource it visits, changed
 *   or not, as kustomize does;
 * - a label or annotation a transformer creates shares one value node
 *   among all the fields it creates in the same object, and a later
 *   transformer overwrites an existing value in place.  kustomize does
 *   the same (kyaml appends the same yaml.Node everywhere, then copies
 *   into it), so a later `labels` entry that only reaches metadata/labels
 *   also changes the selector and template values an earlier
 *   includeSelectors entry created there (verified with the oracle).
 */
#ifndef STRATA_XFORM_META_H
#define STRATA_XFORM_META_H

#include "strata/arena.h"
#include "strata/err.h"
#include "strata/fieldspec.h"
#include "strata/pool.h"
#include "strata/node.h"
#include "strata/resource.h"

/* ---- decoding kustomization.yaml ---- */

/* Checks namespace, namePrefix, nameSuffix, commonLabels, labels and
 * commonAnnotations of a kustomization (root: its map, field names
 * canonical) the way kustomize decodes them (YAML 1.1, then strict JSON):
 * `invalid Kustomization: json: cannot unmarshal number into Go struct
 * field Kustomization.commonLabels of type string` and the like, at the
 * offending node.  With cfg, also merges each `labels` entry's field
 * specs, which kustomize does before any transformer runs ("failed to
 * merge labels: conflicting fieldspecs").  cfg may be NULL. */
int xform_meta_check(arena *a, const node *root, const fieldspec_config *cfg, err *e);

/* A string field of the kustomization (namespace, namePrefix, ...):
 * *out is its text, "" when absent or null.  gofield names it in errors
 * ("Kustomization.namespace"). */
int xform_kust_string(const node *v, const char *gofield, const char **out, err *e);

/* Runs namespace, namePrefix, nameSuffix, every `labels` entry,
 * commonLabels and commonAnnotations of the kustomization in that order
 * (kustomize's order; they are consecutive).  Checks as xform_meta_check
 * first.  par (NULL: one thread) spreads the labels and annotations over
 * threads, object by object. */
int xform_meta_apply(arena *a, resmap *m, const node *root, const fieldspec_config *cfg,
		     const pool_par *par, err *e);

/* ---- the transformers ---- */

/* namespace: on every resource (empty ones skipped) stores the previous
 * id, sets metadata.namespace unless the kind is known cluster-scoped,
 * sets the namespace of RoleBinding / ClusterRoleBinding subjects named
 * "default", then applies cfg's namespace specs (a metadata/name spec only
 * for apiVersion v1: Namespace objects are renamed).  Afterwards two
 * resources with one id fail: `namespace transformation produces ID
 * conflict: [<json> <json>]`.  ns "" does nothing. */
int xform_namespace(arena *a, resmap *m, const char *ns, const fieldspec_config *cfg, err *e);

/* namePrefix then nameSuffix ("" skips either), over cfg's nameprefix /
 * namesuffix specs.  Skips, by original id, CustomResourceDefinition,
 * APIService of apiregistration.k8s.io and Namespace.  Each metadata/name
 * spec that selects a resource's original id records the prefix or suffix
 * in r->prefixes / r->suffixes (split at commas, as kustomize reads its
 * CSV annotation back) and stores the previous id. */
int xform_prefix_suffix(arena *a, resmap *m, const char *prefix, const char *suffix,
			const fieldspec_config *cfg, err *e);

/* One `labels:` entry (pairs, includeSelectors, includeTemplates, fields):
 * its specs are the entry's fields, then cfg's `labels` table (filled by
 * `configurations` only), then the commonlabels table (includeSelectors),
 * or the templatelabels table (includeTemplates) and metadata/labels, or
 * metadata/labels alone; a spec already there for the same path and a
 * GVK the new one selects is kept ("conflicting fieldspecs" when its
 * `create` differs). */
int xform_labels_entry(arena *a, resmap *m, const node *entry, const fieldspec_config *cfg,
		       err *e);
/* Every entry of a `labels:` list, in order. */
int xform_labels(arena *a, resmap *m, const node *list, const fieldspec_config *cfg, err *e);
/* commonLabels (a map; NULL or null does nothing): the commonlabels table. */
int xform_common_labels(arena *a, resmap *m, const node *labels, const fieldspec_config *cfg,
			err *e);
/* commonAnnotations: the commonannotations table. */
int xform_common_annotations(arena *a, resmap *m, const node *annos,
			     const fieldspec_config *cfg, err *e);

#endif
