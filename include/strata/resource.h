/* resource.h - Kubernetes objects in a build, their identities, and the
 * ordered set a build accumulates.
 *
 * An id is group, version, kind, namespace and name.  kustomize matches
 * patches and references against an object's current id and every id it
 * had before (renames by prefixes, namespaces, patches), so each resource
 * keeps that history.
 */
#ifndef STRATA_RESOURCE_H
#define STRATA_RESOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strata/arena.h"
#include "strata/buf.h"
#include "strata/err.h"
#include "strata/node.h"

typedef struct resid {
	const char *group;   /* "" for the core group; NOT NUL-terminated: glen */
	size_t glen;
	const char *version;
	const char *kind;
	const char *name;
	const char *ns;      /* "" when unset */
} resid;

enum res_flags {
	RES_NEEDS_HASH = 1u << 0,   /* generated; gets a content-hash suffix at the end */
	RES_GENERATED = 1u << 1,
	RES_NAME_CHANGE_OK = 1u << 2,
	RES_KIND_CHANGE_OK = 1u << 3,
};

/* Where an object came from, as buildMetadata's originAnnotations report
 * it (see origin.h).  Empty or NULL strings are left out. */
typedef struct res_origin {
	const char *path;          /* the file, relative to the top kustomization's dir */
	const char *configured_in; /* generated: the file configuring the generator */
	const char *api_version, *kind, *name, *ns;  /* configuredBy */
} res_origin;

/* The transformers that ran over an object, newest first (the
 * transformerAnnotations list, reversed). */
typedef struct res_trail {
	const res_origin *o;
	const struct res_trail *prev;
} res_trail;

typedef struct resource {
	node *obj;            /* a NODE_MAP */
	const char *source;   /* file it was read from (for messages) */
	resid orig;           /* as first loaded */
	resid *prev;          /* ids before each rename, oldest first */
	size_t nprev;
	const char **prefixes, **suffixes;  /* applied name prefixes/suffixes */
	size_t nprefix, nsuffix;
	unsigned flags;
	const char *behavior; /* generators: create, merge, replace */
	const res_origin *origin;  /* only while buildMetadata asks for origins */
	const res_trail *xforms;   /* likewise for transformer annotations */
} resource;

/* Lookups by id and by name without scanning the map (see resmap_push). */
typedef struct resmap_ix resmap_ix;

typedef struct resmap {
	resource **v;
	size_t n, cap;
	resmap_ix *ix;        /* made by resmap_push, in its arena; built on demand */
} resmap;

/* The id an object states now.  Strings point into the tree (no copies:
 * group is the prefix of apiVersion, hence glen). */
resid resid_of(const node *obj);
/* An id from separate parts (selectors, patches); strings are not copied. */
resid resid_make(const char *group, const char *version, const char *kind, const char *name,
		 const char *ns);
/* The group as a C string. */
const char *resid_group(arena *a, const resid *id);
/* "Kind.version.group/name.namespace" as kustomize prints ids. */
const char *resid_string(arena *a, const resid *id);
bool resid_is_cluster_scoped(const resid *id);
/* kustomize's EffectiveNamespace: "default" for empty, a sentinel for
 * cluster-scoped kinds, so both sides compare alike. */
const char *resid_effective_ns(const resid *id);
/* ResId.Equals: same group/version/kind/name and effective namespace. */
bool resid_equals(const resid *x, const resid *y);
/* The same group/version/kind/name, whatever the namespaces, and a hash of
 * those parts (what the resmap index looks ids up by). */
bool resid_equals_but_ns(const resid *x, const resid *y);
uint64_t resid_hash_but_ns(const resid *id);
/* Splits apiVersion into group (copied into a) and version. */
void resid_split_api_version(arena *a, const char *api_version, const char **group,
			     const char **version);
bool resid_group_is(const resid *id, const char *group);

/* A resource for obj (a map with kind and metadata.name), or NULL with e. */
resource *res_new(arena *a, node *obj, const char *source, err *e);
resid res_id(const resource *r);
/* Records the current id as a previous one (before a rename). */
void res_store_prev_id(arena *a, resource *r);
/* Does id match the current id or any previous one? */
bool res_matches_any_id(const resource *r, const resid *id);

/* How many resources match id by their current or an earlier id; *found
 * is the last of them (NULL when none).  The one lookup that patches by id
 * and generators' merge/replace share. */
size_t resmap_find_any_id(const resmap *m, const resid *id, resource **found);
/* How many resources have id as their current id. */
size_t resmap_count_id(const resmap *m, const resid *id);
/* Resources that may have name as their original, current or an earlier
 * name, in map order: a superset the caller filters (all of them when the
 * map is small).  The array lives in the map's arena or is m->v itself. */
size_t resmap_named(const resmap *m, const char *name, resource ***out);
/* The same with the answer allocated in a: with the index ready (below)
 * and m left alone, several threads may look up at once. */
size_t resmap_named_in(const resmap *m, const char *name, arena *a, resource ***out);
/* Builds the index now if it is due, so that the lookups after it only
 * read (resmap_find_any_id, resmap_count_id, resmap_named_in). */
void resmap_index_ready(const resmap *m);

/* The lookups above use a hash index that resmap_push, resmap_remove and
 * resmap_filter keep up to date.  Code that changes ids in place (names,
 * namespaces, kinds, apiVersions, the object itself) while lookups may
 * follow must say so: resmap_id_changed for one resource (cheap, for loops
 * that change and look up in turn), resmap_ids_changed when any may have
 * changed or m->v was reordered or written directly (rebuilt on the next
 * lookup).  A lookup may rebuild the index, so one map is never looked up
 * from two threads at once. */
void resmap_id_changed(resmap *m, resource *r);
void resmap_ids_changed(resmap *m);

void resmap_push(arena *a, resmap *m, resource *r);
void resmap_remove(resmap *m, size_t i);
/* Keeps, in order, the resources keep() accepts. */
void resmap_filter(resmap *m, bool (*keep)(const resource *r, void *ctx), void *ctx);
/* Appends every resource of src; a duplicate id is an error naming both. */
int resmap_append_all(arena *a, resmap *dst, const resmap *src, err *e);
/* Fails if r's id is already present (kustomize: "may not add resource
 * with an already registered id"). */
int resmap_add_unique(arena *a, resmap *m, resource *r, err *e);

#endif
