/* base64.h - standard base64 (RFC 4648 alphabet, '=' padding).
 *
 * Kubernetes Secret data and ConfigMap binaryData are base64 text; kustomize
 * additionally breaks long values into lines, which base64_encode_lines does.
 */
#ifndef STRATA_BASE64_H
#define STRATA_BASE64_H

#include <stddef.h>

#include "strata/buf.h"

/* Length of the padded encoding of n bytes. */
size_t base64_encoded_len(size_t n);
/* Appends the padded encoding of data to out. */
void base64_encode(buf *out, const void *data, size_t len);
/* Like base64_encode, but when the encoding is at least width characters
 * long it is cut into lines of width characters, each (the last included)
 * followed by '\n'.  Shorter encodings stay on one line with no newline.
 * width 0 means never wrap. */
void base64_encode_lines(buf *out, const void *data, size_t len, size_t width);

/* Appends the bytes text decodes to, skipping CR and LF as Go's decoder
 * (and so the API server) does.  -1 when text is not padded base64. */
int base64_decode(buf *out, const char *text, size_t len);

#endif
