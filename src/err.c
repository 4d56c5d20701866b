/* err.c - error values; see err.h. */
#include "strata/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *vfmt(const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	char *p = malloc((size_t)n + 1);
	if (!p)
		abort();
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

int err_set(err *e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *m = vfmt(fmt, ap);
	va_end(ap);
	free(e->msg);
	e->msg = m;
	e->status = 1;
	return -1;
}

int err_at(err *e, const char *file, uint32_t line, uint32_t col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *m = vfmt(fmt, ap);
	va_end(ap);
	if (file && line)
		err_set(e, "%s:%u:%u: %s", file, line, col, m);
	else if (file)
		err_set(e, "%s: %s", file, m);
	else
		err_set(e, "%s", m);
	free(m);
	return -1;
}

int err_wrap(err *e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *ctx = vfmt(fmt, ap);
	va_end(ap);
	int status = e->status ? e->status : 1;
	if (e->msg) {
		char *old = e->msg;
		e->msg = NULL;
		err_set(e, "%s: %s", ctx, old);
		free(old);
	} else {
		e->msg = ctx;
		ctx = NULL;
	}
	free(ctx);
	e->status = status;
	return -1;
}

void err_clear(err *e)
{
	free(e->msg);
	e->msg = NULL;
	e->status = 0;
}
