/* xform_internal.h - helpers shared by xform_values.c, xform_images.c and
 * xform_replacements.c (not part of any public interface).
 *
 * Two jobs.  Decoding: kustomize reads the `images`, `replicas` and
 * `replacements` entries with Go's encoding/json after a YAML 1.1 to JSON
 * conversion, so type errors name Go structs and JSON types; a schema
 * checks an entry first (keys in the order Go meets them) so extraction
 * afterwards cannot fail.  Scalars: kyaml changes a scalar's text while its
 * tag stays, or writes an untagged one that YAML resolves again; these
 * helpers give a node the kind kustomize's output would then show.
 */
#ifndef STRATA_XFORM_INTERNAL_H
#define STRATA_XFORM_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "strata/arena.h"
#include "strata/err.h"
#include "strata/node.h"

/* ---- decoding ---- */

typedef enum xtype {
	XT_STR,
	XT_INT,      /* Go int / int64 */
	XT_BOOL,
	XT_STRS,     /* []string */
	XT_OBJ,      /* *struct */
	XT_OBJS,     /* []struct or []*struct */
	XT_MAPSTR,   /* map[string]string */
	XT_MAPBOOL,  /* map[string]bool */
	XT_ANY,      /* checked elsewhere */
} xtype;

typedef struct xschema xschema;

typedef struct xfield {
	const char *name;     /* JSON name */
	xtype type;
	const char *gotype;   /* as Go's errors print it: "string", "types.FieldOptions" */
	const xschema *sub;   /* XT_OBJ, XT_OBJS (NULL: checked elsewhere) */
	const char *elemtype; /* XT_OBJS: the element's type ("types.TargetSelector");
				 XT_STRS: when not "string" */
} xfield;

struct xschema {
	const char *goname;   /* the struct's Go name: "SourceSelector" */
	const xfield *fields; /* NULL-name terminated */
};

typedef struct xdec {
	const char *prefix;   /* put before "json: ..." ("invalid Kustomization: ") */
	bool strict;          /* unknown fields are errors (kustomization.yaml) */
} xdec;

/* Checks map m against s, Go's way: keys in sorted order, the first
 * problem wins.  path is the JSON path of m from the decoded root
 * ("replacements", "" for a file's root). */
int xdec_check(const xdec *d, const node *m, const xschema *s, const char *path, err *e);
/* Checks a top-level list field of the kustomization (Go type
 * []types.<elem>): field is its JSON name ("images"). */
int xdec_check_list(const xdec *d, const node *list, const char *field, const char *elem,
		    const xschema *s, err *e);
/* A type error "cannot unmarshal <json type> into Go struct field
 * <gofield> of type <gotype>" at n. */
int xdec_type_err(const xdec *d, const node *n, const char *gofield, const char *gotype,
		  err *e);
/* The JSON type Go's decoder sees for n after the YAML 1.1 conversion. */
const char *xdec_json_type(const node *n);

/* Field lookup as Go matches JSON keys (exact or case-insensitive; among
 * spellings of one field the greatest key is decoded last and wins). */
const node *xdec_field(const node *m, const char *name);
/* Values of checked fields: a string ("" for absent or null), an integer
 * (0), a boolean (false). */
const char *xdec_str(const node *m, const char *name);
long long xdec_int(const node *m, const char *name);
bool xdec_bool(const node *m, const char *name);

/* Per-field checks behind xform_values_check (NULL or null: fine). */
int xform_images_check(const node *images, err *e);
int xform_replicas_check(const node *replicas, err *e);
int xform_replacements_check(const node *replacements, err *e);

/* ---- scalars ---- */

/* Gives n (a scalar node, changed in place) the text and the kind YAML
 * resolves for an untagged plain scalar (or a string when quoted). */
void xval_set_untagged(arena *a, node *n, const char *text, size_t len, bool quoted);
/* Replaces n's text and keeps its tag, as kyaml does when it assigns a
 * scalar's Value; fails (kustomize fails later, decoding the object) when
 * the text cannot be read with that tag. */
int xval_set_keep_tag(arena *a, node *n, const char *text, size_t len, err *e);
/* "ScalarNode", "MappingNode", "SequenceNode" for n's kind. */
const char *xval_kind_name(const node *n);
/* Go's %q of s. */
const char *xval_quote(arena *a, const char *s);

#endif
