/* emit.h - node trees to YAML text, byte-identical to kustomize's output.
 *
 * kustomize prints every object through JSON and go-yaml v2, so the text
 * depends only on the data: keys sorted in go-yaml v2's order, block style,
 * sequences not indented under their key, go-yaml v2's quoting and folding
 * at 80 columns, numbers in Go's canonical spelling.  Built on libyaml's
 * emitter, which go-yaml v2's is a port of, and on yamlout, which writes
 * the commonest documents as libyaml would without its per-character work.
 */
#ifndef STRATA_EMIT_H
#define STRATA_EMIT_H

#include "strata/buf.h"
#include "strata/err.h"
#include "strata/node.h"

/* Appends one document (no leading "---"), ending in a newline.  Fails,
 * with the node's position, where kustomize fails: .inf/.nan, a DEL
 * character, non-string or duplicate null keys. */
int emit_doc(buf *out, const node *doc, err *e);
/* Appends documents joined by "---\n"; nothing for n == 0. */
int emit_docs(buf *out, node *const *docs, size_t n, err *e);
/* How a document reaches its text: EMIT_DIRECT (emit_doc's and
 * emit_docs' way) writes what yamlout can itself and hands libyaml the
 * rest; EMIT_LIBYAML hands libyaml everything, the reference the direct
 * way is compared with; EMIT_YAMLOUT_ONLY, for tests, fails where
 * EMIT_DIRECT would turn to libyaml. */
typedef enum emit_via { EMIT_DIRECT, EMIT_LIBYAML, EMIT_YAMLOUT_ONLY } emit_via;
int emit_docs_via(buf *out, node *const *docs, size_t n, emit_via via, err *e);
/* go-yaml v2's map key order (digit runs compare as numbers). */
int emit_key_cmp(const char *a, size_t alen, const char *b, size_t blen);

#endif
