/* buf.h - growable byte buffer (heap, owned by the caller). */
#ifndef STRATA_BUF_H
#define STRATA_BUF_H

#include <stddef.h>

typedef struct buf {
	char *p;     /* always NUL-terminated once anything was added */
	size_t len;
	size_t cap;
} buf;

#define BUF_INIT {NULL, 0, 0}

void buf_add(buf *b, const void *data, size_t len);
void buf_adds(buf *b, const char *s);
void buf_addc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Room for extra more bytes (and the NUL) without moving again. */
void buf_reserve(buf *b, size_t extra);
void buf_reset(buf *b);
void buf_free(buf *b);
/* Hands the bytes to the caller (malloc'd, NUL-terminated); b is emptied. */
char *buf_detach(buf *b, size_t *len);

#endif
