/* patch_json.h - RFC 6902 JSON patches as kustomize v5.5.0 applies them
 * (gopkg.in/evanphx/json-patch.v4 v4.12.0 on the resource's JSON form).
 *
 * Semantics worth knowing (all checked with kubectl kustomize):
 * - YAML patch text is read as YAML 1.1 (go-yaml v2): `value: yes` is true,
 *   `017` is 15, an unquoted date stays the string as written; only the
 *   first document of a multi-document file counts.  JSON text (starting
 *   with '[') keeps its number spelling: `test` compares scalars by their
 *   JSON text, so 1.0 written in JSON does not equal a resource's 1.
 * - `replace` of a missing map key adds it; `replace` on path "" with an
 *   object replaces the whole resource, with a scalar does nothing; `add`
 *   takes index == length and "-" (append) and negative indexes (from the
 *   end); a missing `value` adds null; `copy` copies deeply; `move` into
 *   its own child fails because the source is gone first.
 * - Afterwards every number in the resource is a float64 written by go-yaml
 *   v3 (1234567 -> "1.234567e+06" text, printed 1234567), timestamps are
 *   RFC 3339 strings, map keys of the patched resource keep their order.
 *
 * Ops are kept in a "raw JSON" node form: each op is a NODE_MAP whose keys
 * are the decoded member names and whose scalars hold JSON tokens (strings
 * with their quotes and escapes).  Only patch_json_parse and
 * patch_json_from_yaml make them.
 */
#ifndef STRATA_PATCH_JSON_H
#define STRATA_PATCH_JSON_H

#include <stddef.h>

#include <stdbool.h>

#include "strata/arena.h"
#include "strata/err.h"
#include "strata/node.h"

/* Parses patch text: a JSON array when the first byte is '[', else YAML
 * (first document).  kustomize trims inline `patch:` text but not the
 * contents of a `path:` file, so "\n[...]" from a file is YAML: trim
 * inline text before calling.  *ops is a NODE_SEQ (empty for a
 * whitespace-only text; "" is an error).  Errors name file (and line:col
 * where known). */
int patch_json_parse(arena *a, const char *file, const char *text, size_t len, node **ops,
		     err *e);

/* The same from a YAML document already read by parse_yaml (go-yaml v3
 * typing; converted here to the YAML 1.1 typing kustomize uses). */
int patch_json_from_yaml(arena *a, const node *doc, node **ops, err *e);

/* Applies ops to *obj.  *obj may be replaced (a `replace` on path "").
 * On error *obj is unchanged and e holds kustomize's text prefixed by the
 * failing op's file:line:col, e.g. "p.yaml:3:3: testing value
 * /spec/replicas failed: test failed". */
int patch_json_apply(arena *a, node **obj, const node *ops, err *e);

/* Whether every op of ops has a `path` (and `from`, if it has one) that
 * is a string and ok(ctx, path) says yes to, the path decoded from its
 * JSON token but not from JSON Pointer (~0, ~1 stay).  Ops that would
 * fail are not judged: ok only has to hold for the paths there are. */
bool patch_json_paths_all(const node *ops, bool (*ok)(void *ctx, const char *path), void *ctx);

#endif
