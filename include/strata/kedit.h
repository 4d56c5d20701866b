/* kedit.h - small edits of a kustomization file's text.
 *
 * promote and lift add and remove entries in kustomization.yaml files that
 * people wrote and commented by hand.  Re-emitting the parsed YAML would
 * re-flow the file and lose comments, so the edits are made on the text:
 * libfyaml's parse tells where each list and entry lies, and only the lines
 * of the added or removed entry change; every other byte stays as it was.
 * A new entry copies the indentation of the list it joins (and uses flow
 * syntax in a flow list); a missing list is appended at the end of the file.
 *
 * Functions take the file's text and how to name it in messages (display),
 * never touch the disk, and write the whole new text to out (appending).
 * Paths are compared after folding "." and "" components ("./a//b" is
 * "a/b").  Errors name display:line:col.
 */
#ifndef STRATA_KEDIT_H
#define STRATA_KEDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "strata/buf.h"
#include "strata/err.h"

/* Where a kustomization references a patch file. */
typedef enum kedit_field {
	KEDIT_NONE = 0,
	KEDIT_PATCHES,          /* patches: - path: FILE */
	KEDIT_STRATEGIC_MERGE,  /* patchesStrategicMerge: - FILE */
	KEDIT_JSON6902,         /* patchesJson6902: - path: FILE */
} kedit_field;

/* A field of an entry other than its path (target:, options:).  A scalar
 * keeps its text as written, quotes included; a mapping lists its fields. */
typedef struct kedit_attr {
	char *key;
	char *value;             /* NULL for a mapping */
	struct kedit_attr *sub;  /* a mapping's fields */
	size_t nsub;
} kedit_attr;

typedef struct kedit_ref {
	kedit_field field;
	kedit_attr *attrs;       /* the entry's other fields, in file order */
	size_t nattrs;
	unsigned line, col;      /* of the entry, 1-based */
} kedit_ref;

/* Finds the first entry referencing path, looking in patches, then
 * patchesStrategicMerge, then patchesJson6902; out->field is KEDIT_NONE
 * when there is none.  Free out with kedit_ref_free. */
int kedit_find_patch(const char *text, size_t len, const char *display, const char *path,
		     kedit_ref *out, err *e);
void kedit_ref_free(kedit_ref *r);
/* Is path referenced as a patch file (any of the three lists)? */
int kedit_references(const char *text, size_t len, const char *display, const char *path,
		     bool *out, err *e);
/* Appends "- path: PATH" to patches, with like's attrs (target, options:
 * those of the entry found in another kustomization) when like is given.
 * An entry from patchesJson6902 keeps its target, which patches reads the
 * same way. */
int kedit_add_patch(const char *text, size_t len, const char *display, const char *path,
		    const kedit_ref *like, buf *out, err *e);
/* Appends "- ENTRY" to resources. */
int kedit_add_resource(const char *text, size_t len, const char *display, const char *entry,
		       buf *out, err *e);
/* Removes every entry referencing path from patches, patchesStrategicMerge
 * and patchesJson6902, and a block list left empty together with its key.
 * Returns how many entries went (0: out holds text unchanged), or -1. */
int kedit_remove_patch(const char *text, size_t len, const char *display, const char *path,
		       buf *out, err *e);

#endif
