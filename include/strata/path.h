/* path.h - clean, root-relative paths (see fsrc.h for the convention). */
#ifndef STRATA_PATH_H
#define STRATA_PATH_H

#include <stdbool.h>

#include "strata/arena.h"

/* dir joined with rel, "." and ".." folded.  rel may be absolute ("/x"),
 * which restarts from the root.  NULL if the result climbs above the root. */
char *path_join(arena *a, const char *dir, const char *rel);
/* Directory part ("" for a top-level name). */
char *path_dir(arena *a, const char *p);
/* Last component. */
const char *path_base(const char *p);
/* true if p is dir itself or lies below it. */
bool path_within(const char *p, const char *dir);

#endif
