/* lift.h - folding patches that every environment carries into the base.
 *
 * In the layout strata serves (README), an app's base is <group>/base/APP
 * and each environment's overlay <group>/overlays/ENV lists it and carries
 * patch files in <group>/overlays/ENV/APP/.  Once every environment has
 * adopted a change, the same patch file sits in every overlay; lift applies
 * it to the base manifests (keeping their text, see yedit.h), removes the
 * copies and their kustomization entries, and proves that nothing any
 * overlay or profile renders has changed.
 *
 * Which overlays count: an overlay that lists the base in its own
 * resources uses it directly and must carry the patch.  An overlay that
 * includes another overlay (resources: [../production]) inherits the base,
 * and the patch, through it: it is not required to carry the file (a copy
 * of its own is an override applied on top, and stays), but it is rendered
 * before and after like every other overlay.
 *
 * Planning (lift_load, lift_candidates, lift_apply) reads through a file
 * source and writes nothing; lift_stage puts the edits into a transaction
 * (txn.h) and lift_verify renders both sides.
 */
#ifndef STRATA_LIFT_H
#define STRATA_LIFT_H

#include <stdbool.h>
#include <stddef.h>

#include "strata/arena.h"
#include "strata/buf.h"
#include "strata/err.h"
#include "strata/fsrc.h"
#include "strata/kust.h"
#include "strata/node.h"
#include "strata/rdiff.h"
#include "strata/txn.h"

typedef enum lift_use {
	LIFT_UNUSED,    /* does not reach the base */
	LIFT_DIRECT,    /* lists the base in its own resources */
	LIFT_INHERITS,  /* includes an overlay that reaches it */
} lift_use;

typedef struct lift_overlay {
	const char *name;  /* its directory's name below overlays/ */
	const char *dir;   /* root-relative */
	kust k;
	lift_use use;
	const char *via;   /* LIFT_INHERITS: the overlay it includes (name) */
} lift_overlay;

typedef struct lift_group {
	const char *dir;   /* root-relative group directory */
	const char *app;
	const char *base;  /* dir/base/app */
	lift_overlay *ov;  /* every overlay with a kustomization, by name */
	size_t nov;
	size_t ndirect;
} lift_group;

/* Where one overlay references a patch file. */
typedef struct lift_ref {
	const node *entry;  /* a patches or patchesJson6902 map, or a
			       patchesStrategicMerge string; NULL: none */
	const char *field;  /* "patches", "patchesStrategicMerge", "patchesJson6902" */
	const char *path;   /* root-relative patch file */
} lift_ref;

typedef struct lift_cand {
	const char *name;  /* file name in the app's folder ("version.yaml") */
	const char *why;   /* NULL while liftable; else why not, naming overlays */
	lift_ref *refs;    /* indexed like g->ov; set for direct overlays */
} lift_cand;

typedef struct lift_edit {
	const char *path;  /* root-relative base file */
	const char *text;  /* its new content */
	size_t len;
} lift_edit;

typedef struct lift_out {
	lift_edit *v;
	size_t n;
	buf notes;         /* documents printed anew (yedit.h); free with buf_free */
} lift_out;

/* Directories below the root (to three levels) holding base/APP (any base/
 * when app is NULL) and overlays/: the groups, sorted. */
int lift_find_groups(arena *a, fsrc *fs, const char *app, const char ***dirs, size_t *n,
		     err *e);
/* The apps of a group: the directories in its base/. */
int lift_list_apps(arena *a, fsrc *fs, const char *group, const char ***apps, size_t *n,
		   err *e);
/* Reads the group's overlays and works out which use APP's base. */
int lift_load(arena *a, fsrc *fs, const char *group, const char *app, lift_group *g, err *e);
/* Every promotable file name in the direct overlays' APP folders, sorted,
 * with the reason it cannot be lifted where one is found: missing in an
 * overlay, not referenced there, or different content (named). */
int lift_candidates(arena *a, fsrc *fs, const lift_group *g, lift_cand **v, size_t *n, err *e);
/* Applies the selected candidates to the base manifests.  Each must apply
 * to the base alone, and alike from every direct overlay; a candidate that
 * does not gets its why set and 1 is returned with out empty.  0: out holds
 * the new base files. */
int lift_apply(arena *a, fsrc *fs, const lift_group *g, lift_cand *const *sel, size_t n,
	       lift_out *out, err *e);
/* Puts the lift into t: new base files, the patch files deleted, their
 * kustomization entries removed (kedit.h, comments kept). */
int lift_stage(arena *a, fsrc *fs, const lift_group *g, lift_cand *const *sel, size_t n,
	       const lift_out *out, txn *t, err *e);

/* Every overlay of the group and every profile (directories below the
 * repository's top-level profiles* directories) rendered on both sides and
 * compared object by object (rdiff.h).  A unit that fails on one side only
 * is a difference; one failing alike on both is listed in `unverified`. */
typedef struct lift_check {
	rdiff_unit *v;
	size_t n;
	size_t differing;  /* units with differences or a one-sided failure */
	size_t objects;    /* objects compared */
	buf unverified;    /* "unit: error" lines; free with buf_free */
} lift_check;
int lift_verify(arena *a, fsrc *before, fsrc *after, const lift_group *g, lift_check *out,
		err *e);

#endif
