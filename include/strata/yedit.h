/* yedit.h - rewriting a YAML file with new document contents while keeping
 * the rest of its text: comments, key order, quoting and indentation.
 *
 * lift folds patches into base manifests that people wrote by hand; the
 * result must read like their file with a few values changed, not like
 * kustomize's output.  The file is cut into pieces as kustomize reads it
 * (at lines starting with "---"); for a piece whose document changes, the
 * old and new trees are compared and only the difference is written into
 * the original text, located with libfyaml's token positions: a changed
 * scalar is replaced where it stands (keeping its quoting style), a new key
 * is added after the map's last line, a removed key or list element loses
 * its lines, a new or moved list element is placed where the new order puts
 * it.  Inserted values are written in kustomize's style (emit.h).  The
 * edited piece is parsed again and must give exactly the new document;
 * anything the in-place edit cannot express (flow collections growing, a
 * scalar becoming a map, multi-line replacements, anchors) falls back to
 * printing that one document anew, keeping its leading comments, with a
 * note saying so.
 */
#ifndef STRATA_YEDIT_H
#define STRATA_YEDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "strata/arena.h"
#include "strata/buf.h"
#include "strata/err.h"
#include "strata/node.h"

typedef struct yedit_piece {
	size_t start, end;  /* its bytes in the text, separator line excluded */
	node *doc;          /* its document, NULL when it holds none */
} yedit_piece;

typedef struct yedit_file {
	const char *path;   /* for positions and notes */
	const char *text;   /* the original text (not copied: must outlive f) */
	size_t len;
	yedit_piece *v;
	size_t n;
} yedit_file;

/* Cuts text into pieces and parses each (positions are the file's own).
 * A file with carriage returns is refused: kustomize reads it with them
 * removed, and edits would have to put them back. */
int yedit_load(arena *a, const char *path, const char *text, size_t len, yedit_file *f, err *e);

/* The file's text with the document of piece i replaced by docs[i] (NULL:
 * unchanged).  notes gets one line per document printed anew. */
int yedit_render(arena *a, const yedit_file *f, node *const *docs, buf *out, buf *notes,
		 err *e);

/* Equal trees, where two numbers are equal when their values are (a JSON
 * patch respells every number: 1 and 1.0 must not count as an edit). */
bool yedit_same(const node *x, const node *y);

#endif
