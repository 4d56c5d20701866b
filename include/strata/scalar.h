/* scalar.h - how YAML reads a plain scalar, and how kustomize prints it.
 *
 * kyaml reads resources with go-yaml v3 rules; kustomize prints them through
 * JSON and go-yaml v2, which reads YAML 1.1 (yes/no/on/off are booleans).
 * Both resolvers mirror go-yaml's resolve(): the emitter quotes any string
 * that v2 would read back as something else.
 */
#ifndef STRATA_SCALAR_H
#define STRATA_SCALAR_H

#include <stdbool.h>
#include <stddef.h>

#include "strata/buf.h"

typedef enum scalar_type {
	SCALAR_STR,
	SCALAR_NULL,
	SCALAR_BOOL,
	SCALAR_INT,
	SCALAR_FLOAT,     /* includes .inf/.nan */
	SCALAR_TIMESTAMP,
} scalar_type;

/* Type of an untagged plain scalar, go-yaml v3 (resources).  Numbers
 * strconv.ParseFloat rejects as out of range (1e400) are strings. */
scalar_type scalar_resolve_v3(const char *s, size_t len);
/* Type of an untagged plain scalar, go-yaml v2 (output, kustomization.yaml). */
scalar_type scalar_resolve_v2(const char *s, size_t len);
/* go-yaml v2 quotes these on output too (1:20, sexagesimal). */
bool scalar_is_base60_float(const char *s, size_t len);
/* Whether s is one of YAML 1.1's extra booleans (y, yes, on, n, no, off in
 * go-yaml's spellings), which only v2 reads as booleans. */
bool scalar_is_bool11(const char *s, size_t len);
/* For SCALAR_BOOL text: true for the true spellings. */
bool scalar_bool_value(const char *s, size_t len);

/* Appends the text kustomize prints for a number written as s (resolved as
 * SCALAR_INT or SCALAR_FLOAT by v3): the value after the JSON round trip
 * and go-yaml v2.  Returns -1 for values JSON cannot carry (inf, nan). */
int scalar_number_text(buf *out, const char *s, size_t len);
/* encoding/json's spelling of a float64: 'f' form, 'e' form below 1e-6 and
 * from 1e21 on ("1e+21", "1e-7").  -1 (nothing written) for inf/nan. */
int scalar_json_float(buf *out, double v);
/* The same for a number held as a C double (JSON patch results). */
int scalar_double_text(buf *out, double v);
/* Go's strconv.FormatFloat(v, 'g'|'e'|'f', -1, 64): shortest round trip. */
void scalar_format_go_float(buf *out, double v, char fmt);

/* Appends the RFC 3339 form time.Time's JSON gives for a v3 timestamp
 * ("2001-12-14" -> "2001-12-14T00:00:00Z").  Returns -1 if s is none. */
int scalar_timestamp_rfc3339(buf *out, const char *s, size_t len);

#endif
