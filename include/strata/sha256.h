/* sha256.h - SHA-256 (FIPS 180-4), for kustomize's content-hash name suffix.
 *
 * Written for strata; no external crypto library.  Streaming interface plus
 * one-shot helpers.  Not constant-time: it hashes public manifest text.
 */
#ifndef STRATA_SHA256_H
#define STRATA_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_DIGEST_LEN 32

typedef struct sha256_ctx {
	uint32_t h[8];
	uint64_t total;     /* bytes fed so far */
	uint8_t block[64];
	size_t fill;        /* bytes waiting in block */
} sha256_ctx;

void sha256_init(sha256_ctx *c);
void sha256_update(sha256_ctx *c, const void *data, size_t len);
/* Writes the digest; c must be re-initialised before further use. */
void sha256_final(sha256_ctx *c, uint8_t out[SHA256_DIGEST_LEN]);

void sha256(const void *data, size_t len, uint8_t out[SHA256_DIGEST_LEN]);
/* Lower-case hex digest, NUL-terminated. */
void sha256_hex(const void *data, size_t len, char out[2 * SHA256_DIGEST_LEN + 1]);

#endif
