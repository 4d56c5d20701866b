/* err.h - error values that travel up the call chain.
 *
 * A function that can fail takes an `err *` and returns non-zero (or NULL) on
 * failure after filling it.  Callers add context with err_wrap() the way
 * kustomize wraps its errors, so the final text reads outermost-first.
 */
#ifndef STRATA_ERR_H
#define STRATA_ERR_H

#include <stdint.h>

typedef struct err {
	char *msg;      /* malloc'd; NULL when no error */
	int status;     /* exit status to use: 1 user error, 2 usage */
} err;

#define ERR_INIT {NULL, 0}

/* Sets the message (replacing any previous one); status 1.  Returns -1. */
int err_set(err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Same with a "file:line:col: " prefix (line/col 1-based; 0 omits them). */
int err_at(err *e, const char *file, uint32_t line, uint32_t col, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Prepends "<context>: " to the current message.  Returns -1. */
int err_wrap(err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void err_clear(err *e);

#endif
