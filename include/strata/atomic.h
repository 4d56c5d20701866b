/* atomic.h - writing files so a failure never leaves half of one. */
#ifndef STRATA_ATOMIC_H
#define STRATA_ATOMIC_H

#include <stddef.h>

#include "strata/err.h"

/* Writes data to a temporary file beside path, then renames it into place. */
int atomic_write_file(const char *path, const char *data, size_t len, err *e);

#endif
