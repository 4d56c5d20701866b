/* flux.h - Flux Kustomization objects (kustomize.toolkit.fluxcd.io v1,
 * v1beta2, v1beta1) as strata reads them, and the kustomization file Flux's
 * kustomize-controller builds from one.
 *
 * kustomize-controller builds a Kustomization by taking the kustomization
 * file in spec.path (or generating one from the YAML files there), merging
 * the Kustomization's own fields into it, and running kustomize with the
 * load restrictor off.  flux_gen_kustomization and flux_edit_kustomization
 * reproduce those two steps on strata's trees.
 */
#ifndef STRATA_FLUX_H
#define STRATA_FLUX_H

#include <stdbool.h>

#include "strata/arena.h"
#include "strata/buf.h"
#include "strata/err.h"
#include "strata/fsrc.h"
#include "strata/node.h"
#include "strata/resource.h"

typedef struct flux_ref {
	const char *kind;     /* GitRepository, OCIRepository, Bucket */
	const char *name;
	const char *ns;       /* defaulted to the Kustomization's namespace */
} flux_ref;

typedef struct flux_dep {
	const char *name;
	const char *ns;       /* defaulted to the Kustomization's namespace */
	const node *at;       /* for messages */
} flux_dep;

typedef struct flux_ks {
	const node *obj;      /* the object as rendered */
	const char *source;   /* file it came from, for messages */
	const char *name, *ns;
	const char *path;     /* spec.path as written ("" when unset) */
	const node *path_at;
	flux_ref source_ref;
	const char *target_ns, *name_prefix, *name_suffix;  /* NULL when unset */
	const node *patches;           /* spec.patches (list) or NULL */
	const node *patches_sm;        /* v1beta2 patchesStrategicMerge */
	const node *patches_json;      /* v1beta2 patchesJson6902 */
	const node *images;            /* spec.images (list) or NULL */
	const node *components;        /* spec.components (list of strings) or NULL */
	bool ignore_missing_components;
	const node *labels, *annotations;  /* spec.commonMetadata */
	const node *substitute;        /* spec.postBuild.substitute (map) or NULL */
	const node *substitute_from;   /* spec.postBuild.substituteFrom (list) or NULL */
	flux_dep *deps;
	size_t ndeps;
	bool suspend;
} flux_ks;

/* Is obj a Flux Kustomization (any served version)? */
bool flux_is_kustomization(const node *obj);
/* Reads a Flux Kustomization; errors name the field's file, line and column. */
int flux_ks_parse(arena *a, const node *obj, const char *source, flux_ks *out, err *e);
/* "namespace/name". */
const char *flux_ks_id(arena *a, const flux_ks *ks);

/* The kustomization Flux generates for a directory without one: every
 * .yaml/.yml file below dir in lexical order, each a Kubernetes object, and
 * each subdirectory that holds a kustomization file (not descended into).
 * Appends the file's text to out. */
int flux_gen_kustomization(arena *a, fsrc *fs, const char *dir, const char *display, buf *out,
			   err *e);
/* Merges ks's fields (ks may be NULL: a profile) into the decoded map of
 * the kustomization file in dir, as kustomize-controller does before
 * building; fields kustomize does not know are dropped, as Flux's typed
 * round trip drops them.  generated: the file is flux_gen_kustomization's. */
int flux_edit_kustomization(arena *a, fsrc *fs, const char *dir, const flux_ks *ks, bool generated,
			    node *root, err *e);

#endif
