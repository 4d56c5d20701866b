/* origin.h - kustomize's buildMetadata annotations (Kustomize v5.5.0).
 *
 * With `buildMetadata: [originAnnotations]` every object says where it came
 * from (config.kubernetes.io/origin: the file it was read from, or the
 * generator that made it); with transformerAnnotations it lists every
 * transformer that ran over it (alpha.config.kubernetes.io/transformations).
 * kustomize records a transformer on every object present when it runs,
 * whether it changed the object or not.  Paths are relative to the
 * directory of the kustomization being built, spelt as Go's path.Join
 * spells them ("../base/x.yaml").  Only the top kustomization's
 * buildMetadata counts: kustomize gives every base and component the top's
 * list.
 */
#ifndef STRATA_ORIGIN_H
#define STRATA_ORIGIN_H

#include <stdbool.h>

#include "strata/arena.h"
#include "strata/buf.h"
#include "strata/node.h"
#include "strata/resource.h"

#define ORIGIN_ANNOTATION "config.kubernetes.io/origin"
#define ORIGIN_XFORM_ANNOTATION "alpha.config.kubernetes.io/transformations"

/* Which annotations a build's buildMetadata asks for. */
enum origin_meta {
	ORIGIN_META_ORIGIN = 1u << 0,        /* originAnnotations */
	ORIGIN_META_XFORMS = 1u << 1,        /* transformerAnnotations */
	ORIGIN_META_MANAGED_BY = 1u << 2,    /* managedByLabel */
};

/* The flags for a buildMetadata list (a sequence of strings, or NULL);
 * kustomize ignores values it does not know. */
unsigned origin_meta_flags(const node *list);

/* Go's path.Join(dir, rel): empty parts skipped, "." and ".." folded
 * lexically (a leading ".." is kept), "" when both are empty. */
char *origin_join(arena *a, const char *dir, const char *rel);

/* An origin for a file read at rel, seen from a kustomization whose
 * origin directory is dir. */
res_origin *origin_file(arena *a, const char *dir, const char *rel);
/* The origin of a built-in generator or transformer configured by the
 * kustomization file kfile (its base name) in origin directory dir:
 * configuredBy apiVersion builtin, kind kind. */
res_origin *origin_builtin(arena *a, const char *dir, const char *kfile, const char *kind);
/* The origin of a plugin configuration object: configuredIn is the path
 * the configuration itself came from, configuredBy its apiVersion, kind,
 * name and namespace.  NULL when the configuration has no origin. */
res_origin *origin_of_config(arena *a, const resource *conf);

/* Records that the transformer o ran over every object in m: appended to
 * each one's transformations, or taken as its origin by an object that has
 * none yet (kustomize assumes the transformer made it). */
void origin_record(arena *a, resmap *m, const res_origin *o);

/* kyaml's YAML text for one origin, and for a list of them oldest first:
 * the annotation values, keys in kustomize's field order, strings quoted as
 * go-yaml v3 quotes them. */
void origin_yaml(buf *out, const res_origin *o);
void origin_trail_yaml(buf *out, const res_trail *t);

/* Writes the annotations the flags ask for into r's object (metadata and
 * annotations created as needed). */
void origin_annotate(arena *a, resource *r, unsigned flags);

#endif
