/* rdiff.h - two sets of rendered objects compared object by object, and
 * the reports strata diff and strata check print.
 *
 * Reviewers care about what the cluster receives, so objects are matched
 * by identity (group, kind, namespace, name) wherever they came from:
 * moving an object to another file or reordering documents changes
 * nothing.  The version is not part of the identity, so an apiVersion bump
 * is a change of one object.  A generated ConfigMap or Secret whose content
 * hash suffix changed is one change too, not a removal plus an addition.
 * Secret values never appear in the text: a changed value shows as
 * "*** (before)" / "*** (after)", an unchanged one as "***".
 *
 * Everything lives in the caller's arena; nothing here reads files.
 */
#ifndef STRATA_RDIFF_H
#define STRATA_RDIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "strata/arena.h"
#include "strata/buf.h"
#include "strata/err.h"
#include "strata/node.h"

/* One rendered object and where it came from (for the duplicate error). */
typedef struct rdiff_obj {
	const node *obj;
	const char *source;
} rdiff_obj;

typedef enum rdiff_change {
	RDIFF_ADDED,
	RDIFF_REMOVED,
	RDIFF_CHANGED,
} rdiff_change;

/* An object as reports name it.  id is "group/Kind/namespace/name" with
 * "core" for the core group and the namespace segment left out when the
 * object has none ("core/Namespace/shop"). */
typedef struct rdiff_ref {
	const char *id;
	const char *api_version, *kind, *ns, *name;
} rdiff_ref;

typedef struct rdiff_entry {
	rdiff_change change;
	rdiff_ref from, to;   /* the side(s) that have it; both for CHANGED */
	/* CHANGED: unified diff of the YAML; ADDED: the whole object as a diff
	 * from /dev/null; REMOVED: NULL.  Secret values masked. */
	const char *text;
} rdiff_entry;

typedef struct rdiff_set {
	rdiff_entry *v;       /* sorted by id (the new side's for changes) */
	size_t n;
	size_t added, removed, changed;
} rdiff_set;

/* Compares two object lists.  Fails when one side has two objects with the
 * same identity (Flux would apply only one of them), naming both sources. */
int rdiff_compare(arena *a, const rdiff_obj *from, size_t nfrom, const rdiff_obj *to,
		  size_t nto, rdiff_set *out, err *e);

/* The reference for one object. */
rdiff_ref rdiff_ref_of(arena *a, const node *obj);

/* Appends a unified diff of two texts, line by line (Myers' algorithm),
 * with ctx lines of context, headed "--- <from_label>" / "+++ <to_label>";
 * appends nothing when the texts are equal. */
void rdiff_unified(buf *out, const char *a, size_t alen, const char *b, size_t blen,
		   const char *from_label, const char *to_label, int ctx);

/* Does name end in a kustomize content-hash suffix ("-" and ten characters
 * of the alphabet kustomize encodes hashes with)? */
bool rdiff_has_hash_suffix(const char *name);

/* --- reports ------------------------------------------------------------- */

/* One compared unit: a profile or a kustomization directory. */
typedef struct rdiff_unit {
	const char *name;     /* as shown: "profiles/production" */
	const char *error;    /* why it could not be compared, or NULL */
	const char *note;     /* "new", "deleted" or NULL */
	rdiff_set set;
} rdiff_unit;

typedef struct rdiff_report {
	const rdiff_unit *v;
	size_t n;
	const char *from_label, *to_label;  /* "HEAD", "the work tree" */
	bool color;                         /* human: ANSI colours */
	size_t max_bytes;                   /* markdown: 0 = no limit */
} rdiff_report;

/* Differences and totals for people; failed units are left to the caller
 * (stderr). */
void rdiff_emit_human(const rdiff_report *r, buf *out);
/* "<prog>: <unit>: <error line>" for every failed unit (for stderr). */
void rdiff_emit_failures(const rdiff_report *r, const char *prog, buf *out);
/* "<unit> <id>" per added, removed or changed object. */
void rdiff_emit_names(const rdiff_report *r, buf *out);
/* A table of counts per unit, then a <details> section per unit with
 * differences or an error.  With max_bytes, the output stays within it:
 * diffs are cut from the end first (and listed), then the text itself. */
void rdiff_emit_markdown(const rdiff_report *r, buf *out);
/* {"from", "to", "profiles": [{"profile", "error"?, "note"?, "applied",
 * "deleted", "changed"}]}: applied and deleted are lists of {id,
 * apiVersion, kind, namespace, name} (applied: added and changed objects,
 * as Kahoy's report lists what it applies); changed adds "diff" (and
 * "previousId" when a hash suffix changed the name). */
int rdiff_emit_json(const rdiff_report *r, buf *out, err *e);
/* The smallest max_bytes rdiff_emit_markdown can honour. */
#define RDIFF_MIN_MAX_BYTES 256

#endif
