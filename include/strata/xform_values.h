/* xform_values.h - kustomize's value-changing built-in transformers:
 * `images`, `replicas` and `replacements` (Kustomize v5.5.0).
 *
 * Each takes the kustomization field's value as written (a node from
 * kustomization.yaml, checked here the way kustomize's strict JSON
 * decoding checks it) and changes the objects of a resmap in place.
 * Everything new is allocated in the caller's arena.  A NULL or null
 * field does nothing.  Errors carry kustomize's text and the position of
 * the entry (or resource field) at fault.
 */
#ifndef STRATA_XFORM_VALUES_H
#define STRATA_XFORM_VALUES_H

#include <stddef.h>

#include "strata/arena.h"
#include "strata/err.h"
#include "strata/fieldspec.h"
#include "strata/pool.h"
#include "strata/node.h"
#include "strata/resource.h"

/* Checks the three fields of a kustomization's decoded map the way
 * kustomize decodes kustomization.yaml (unknown fields, JSON types), in
 * Go's order (images, replacements, replicas).  kustomize fails on these
 * before it reads any resource, so call this right after loading the
 * kustomization; the transformers below check again anyway. */
int xform_values_check(const node *kust_root, err *e);

/* `images:` entries (name, newName, newTag, digest, tagSuffix), one after
 * the other.  Each entry runs two passes over every object except
 * CustomResourceDefinitions: every `containers` / `initContainers` list
 * found anywhere (each element's `image`), then the images field specs of
 * cfg.  `name` is an anchored regular expression (not escaped) followed
 * by an optional tag and digest; a registry port is not a tag.  newTag
 * and/or digest replace both old tag and digest; else tagSuffix is added
 * to the old tag (twice, where both passes reach the field).  par (NULL:
 * one thread) spreads the search for image fields over threads. */
int xform_images(arena *a, resmap *m, const node *images, const fieldspec_config *cfg,
		 const pool_par *par, err *e);

/* `replicas:` entries (name, count): every object with that name (current
 * or earlier) whose kind the replicas field specs select gets the count
 * (created where the spec creates).  An entry that selects nothing is an
 * error naming the specs' GVKs. */
int xform_replicas(arena *a, resmap *m, const node *replicas, const fieldspec_config *cfg,
		   err *e);

/* Reads the file a `replacements: - path: <file>` entry names, relative
 * to the kustomization and under its load restriction.  On success *data
 * is malloc'd (freed by the caller of the callback), *len its size, and
 * *display how to name the file in messages (may stay NULL: the entry's
 * text is used). */
typedef int (*xform_read_fn)(void *ctx, const node *path_entry, const char **display,
			     char **data, size_t *len, err *e);

/* `replacements:` entries, each inline ({source, targets}) or {path}
 * (a file holding one replacement or a list).  All files are read first,
 * then the replacements run in order: the source is the one object whose
 * current or earlier id has the given group/version/kind/name/namespace
 * (exact; absent parts match anything), its value at fieldPath (default
 * metadata.name); each target's selected objects (minus rejected ones)
 * get it at their fieldPaths.  Paths are dotted, with numeric indexes,
 * [field=regexp] list selectors (exact values on the source side) and *
 * in targets; options delimiter/index split and join scalars, create adds
 * missing fields.  read may be NULL when no entry has a path. */
int xform_replacements(arena *a, resmap *m, const node *replacements, xform_read_fn read,
		       void *ctx, err *e);

#endif
