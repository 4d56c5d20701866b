/* json.h - node trees as kustomize's JSON round trip sees them.
 *
 * kustomize hands a resource to JSON-based code (JSON 6902 patches) by
 * decoding the YAML with go-yaml v3 into Go values and encoding them with
 * encoding/json; the result comes back through json.Unmarshal into
 * interface{} (every number a float64) and go-yaml v3's encoder.  These
 * functions reproduce both directions, with jansson as the JSON value type,
 * plus the Go spellings the two steps produce.
 */
#ifndef STRATA_JSON_H
#define STRATA_JSON_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "strata/arena.h"
#include "strata/buf.h"
#include "strata/err.h"
#include "strata/node.h"

/* The JSON value kyaml's MarshalJSON makes of n: timestamps become RFC 3339
 * strings, yes/no stay strings, ints stay integers (beyond int64 a real).
 * Fails, naming n's position, where encoding/json fails: .inf/.nan
 * ("json: unsupported value: +Inf") and non-string map keys.  The caller
 * owns the result (json_decref). */
json_t *json_from_node(const node *n, err *e);

/* The node tree kyaml's UnmarshalJSON makes of j: every number is a
 * float64 written the way go-yaml v3 writes it (12345678901234567890 ->
 * "1.2345678901234567e+19", 1234567 -> "1.234567e+06", 1.0 -> "1"), so
 * scalar_number_text() of the text is what kustomize prints.  New nodes take
 * pos's file/line/col (pos may be NULL). */
node *json_to_node(arena *a, const json_t *j, const node *pos);


/* encoding/json's string literal for s: quoted, <>& and U+2028/U+2029 as
 * \u escapes, invalid UTF-8 as \ufffd. */
void json_go_quote(buf *out, const char *s, size_t len);

/* The JSON token encoding/json writes for the Go value go-yaml v3 decodes a
 * scalar node into ("1.0" -> 1, "0x10" -> 16, unquoted 2001-12-14 ->
 * "2001-12-14T00:00:00Z").  Fails like json_from_node. */
int json_scalar_token(buf *out, const node *n, err *e);

/* Go's name for a YAML .inf/.nan spelling ("+Inf", "-Inf", "NaN"), the
 * values encoding/json refuses; NULL for any other text. */
const char *json_special_float(const char *s, size_t len);

/* The node go-yaml v3's encoder and parser make of a float64 (see
 * json_to_node). */
node *json_number_node(arena *a, double v, const node *pos);

/* A string node as go-yaml v3's encoder and parser make it: marked
 * NODE_F_QUOTED when the text would otherwise read as another type. */
node *json_string_node(arena *a, const char *s, size_t len, const node *pos);
/* Whether json_string_node marks the string s quoted. */
bool json_string_quoted(const char *s, size_t len);

#endif
