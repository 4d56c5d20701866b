/* utf8.h - UTF-8 decoding with Go's rules (kustomize's strings are Go's). */
#ifndef STRATA_UTF8_H
#define STRATA_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Length (1-4) of the valid sequence at s (len bytes available), with the
 * code point in *cp; 0 when invalid: overlong forms, surrogates, values
 * above U+10FFFF and truncated sequences, as utf8.DecodeRune rejects. */
size_t utf8_seq(const unsigned char *s, size_t len, uint32_t *cp);

#endif
