/* fieldspec.h - kustomize's field specs: which fields of which kinds a
 * transformer touches.
 *
 * A field spec is a GVK selector plus a '/'-separated path ("\/" is a slash
 * inside a key; a "name[]" step says the field is a list).  Transformers
 * (prefix/suffix, namespace, labels, annotations, images, replicas, vars,
 * name references) walk every object with their table of specs and change
 * what the paths reach.  kustomize v5.5.0's built-in tables are generated
 * into fieldspec_table.c by scripts/gen-fieldspecs; a kustomization's
 * `configurations:` files add to them.
 *
 * Built-in tables are const and shared.  A config is a small struct of
 * pointers to immutable lists: copy it freely; merging never changes its
 * inputs and allocates the result in the caller's arena.
 */
#ifndef STRATA_FIELDSPEC_H
#define STRATA_FIELDSPEC_H

#include <stdbool.h>
#include <stddef.h>

#include "strata/arena.h"
#include "strata/err.h"
#include "strata/node.h"

typedef struct fieldspec {
	const char *group, *version, *kind;  /* "" = any */
	const char *path;
	bool create;                         /* create missing maps and the field */
	const node *src;  /* where a configuration wrote it (errors); NULL if built in */
} fieldspec;

typedef struct fieldspec_list {
	const fieldspec *v;
	size_t n;
} fieldspec_list;

/* Name references: objects of this GVK are referred to by name from the
 * referrer fields (nameReference in kustomize's configuration). */
typedef struct fieldspec_nameref {
	const char *group, *version, *kind;
	fieldspec_list referrers;  /* in configuration order, not sorted */
	const node *src;
} fieldspec_nameref;

typedef struct fieldspec_nameref_list {
	const fieldspec_nameref *v;
	size_t n;
} fieldspec_nameref_list;

/* kustomize's TransformerConfig lists, except nameReference. */
typedef enum fieldspec_table {
	FIELDSPEC_NAMEPREFIX,
	FIELDSPEC_NAMESUFFIX,
	FIELDSPEC_NAMESPACE,
	FIELDSPEC_COMMONLABELS,
	FIELDSPEC_LABELS,          /* empty by default; `labels[].fields` style specs */
	FIELDSPEC_TEMPLATELABELS,
	FIELDSPEC_COMMONANNOTATIONS,
	FIELDSPEC_VARREFERENCE,
	FIELDSPEC_IMAGES,
	FIELDSPEC_REPLICAS,
	FIELDSPEC_NTABLES
} fieldspec_table;

/* "nameprefix", "commonlabels", ... (the names fieldspec_builtin takes). */
const char *fieldspec_table_name(fieldspec_table t);
/* Built-in table by name (lower case, as above); NULL if unknown. */
const fieldspec_list *fieldspec_builtin(const char *name);
const fieldspec_nameref_list *fieldspec_builtin_namerefs(void);

/* ---- paths and matching ---- */

/* Splits path into steps: on '/', except that a step ending in '\' is
 * joined with the next one (the '\' dropped).  Always >= 1 step ("" gives
 * one empty step).  Returns the count; *out is an arena array. */
size_t fieldspec_path_split(arena *a, const char *path, char ***out);

/* Splits an apiVersion the way kustomize's matcher does: at the first '/';
 * without one, "builtin" is a group and anything else a version. */
void fieldspec_split_gv(arena *a, const char *api_version, const char **group,
			const char **version);
/* Does fs select an object with this apiVersion and kind?  Empty selector
 * parts match anything; NULL arguments count as "". */
bool fieldspec_matches(const fieldspec *fs, const char *api_version, const char *kind);
/* The same for an object's current apiVersion and kind. */
bool fieldspec_matches_obj(const fieldspec *fs, const node *obj);

/* kustomize's GVK order for sorting configs (legacy kind rank, then
 * "group_version_kind" with ~G/~V/~K for empty parts). */
bool fieldspec_gvk_less(const char *g1, const char *v1, const char *k1, const char *g2,
			const char *v2, const char *k2);

/* ---- walking ---- */

/* What a walk may create when the spec says `create: true`.  kustomize's
 * transformers differ: labels and annotations create maps, prefix/suffix,
 * namespace and replicas a scalar, images and references nothing. */
typedef enum fieldspec_create {
	FIELDSPEC_CREATE_NONE,    /* never create, whatever fs->create says */
	FIELDSPEC_CREATE_MAP,     /* create: a missing or null final field becomes {} */
	FIELDSPEC_CREATE_SCALAR,  /* create: a missing final field is a NULL slot */
} fieldspec_create;

/* Called for every field the path reaches.  *slot is the field's value: a
 * node (possibly NODE_NULL, or a list when the path ends on one), or NULL
 * for a field being created (FIELDSPEC_CREATE_SCALAR); fn may replace *slot
 * (a NULL left there drops the new field).  parent is the map (or, after a
 * blank step, list) holding the slot, NULL for obj itself, which fn must
 * not replace.  fn must not add or remove entries of parent itself.  A
 * non-zero return stops the walk; fn sets e with kustomize's text, which
 * the walk prefixes with "considering field '<path>' of object <id>: "
 * (and "visit traversal on path: [<rest>]: " per list passed), so fn should
 * put positions after that text, not before it. */
typedef int (*fieldspec_fn)(arena *a, node *parent, node **slot, void *ctx, err *e);

/* Applies one spec to obj (a resource's root map) if it selects obj, as
 * kustomize's fieldspec filter does: a step landing on a list walks every
 * element with the rest of the path; a missing field ends the walk
 * quietly, unless the spec creates (maps on the way, the final field per
 * mode; "name[]" steps are never created); a null met on the way ends it
 * too, unless the step would create (or is "name[]": a null becomes []).
 * A scalar where the path continues is an error ("expected sequence or
 * mapping node"), as is an empty step; such errors start with the
 * offending node's file:line:col.  Returns 0, or -1 with e set. */
int fieldspec_apply(arena *a, node *obj, const fieldspec *fs, fieldspec_create mode,
		    fieldspec_fn fn, void *ctx, err *e);
/* Every spec of the list in order (kustomize's fsslice filter). */
int fieldspec_apply_list(arena *a, node *obj, const fieldspec_list *l, fieldspec_create mode,
			 fieldspec_fn fn, void *ctx, err *e);

/* ---- configurations ---- */

typedef struct fieldspec_config {
	fieldspec_list t[FIELDSPEC_NTABLES];
	fieldspec_nameref_list namerefs;
} fieldspec_config;

/* kustomize's default config: the built-in tables (no allocation). */
void fieldspec_config_default(fieldspec_config *c);
void fieldspec_config_empty(fieldspec_config *c);

/* Reads one `configurations:` document (keys namePrefix, nameSuffix,
 * namespace, commonLabels, labels, templateLabels, commonAnnotations,
 * varReference, nameReference, images, replicas; case-insensitive; others
 * ignored; a null or empty document is an empty config) the way kustomize
 * decodes it (YAML 1.1 scalars, numbers and booleans accepted as strings),
 * then sorts every list by GVK.  Strings point into doc or a. */
int fieldspec_config_parse(arena *a, const node *doc, fieldspec_config *out, err *e);

/* kustomize's TransformerConfig.Merge: each of add's specs joins base's
 * list unless one there has the same path and a GVK add's spec selects (a
 * different `create` is "conflicting fieldspecs"); name references of the
 * same GVK merge their referrers; then every list is sorted by GVK.
 * out may be base.  Errors read "failed to merge <Table> fieldSpec: ...".
 * kustomize also merges each base's final config into the config of the
 * kustomization that includes it (its accumulator starts empty). */
int fieldspec_config_merge(arena *a, const fieldspec_config *base, const fieldspec_config *add,
			   fieldspec_config *out, err *e);

/* Recent merges and their results.  Every kustomization of a big overlay
 * merges the same built-in config into the same accumulated one; a merge
 * whose inputs equal a remembered one's reuses its (immutable) result. */
#define FIELDSPEC_MEMO_SIZE 4
typedef struct fieldspec_memo {
	struct {
		fieldspec_config base, add, out;
	} e[FIELDSPEC_MEMO_SIZE];
	unsigned n, next;
} fieldspec_memo;

/* fieldspec_config_merge through memo m (zeroed before first use). */
int fieldspec_config_merge_memo(fieldspec_memo *m, arena *a, const fieldspec_config *base,
				const fieldspec_config *add, fieldspec_config *out, err *e);

/* One kustomization's config, as kustomize's MakeTransformerConfig builds
 * it: the defaults, merged with each inline configuration (an entry of
 * `configurations:` holding a newline), then with the merge of all file
 * configurations (their parsed first documents, in order). */
int fieldspec_config_make(arena *a, const node *const *inline_docs, size_t n_inline,
			  const node *const *file_docs, size_t n_files, fieldspec_config *out,
			  err *e);

#endif
