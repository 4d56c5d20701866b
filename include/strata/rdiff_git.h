/* rdiff_git.h - profiles rendered at two sides of a Git repository and
 * compared (strata diff, strata check).
 *
 * Each side is a file source over a revision, the index or the work tree
 * (fsrc_git.h); every profile (or kustomization directory) is rendered on
 * both and its objects compared with rdiff.h.  A unit that fails to render
 * on a side is reported as failed, never as the removal of its objects; a
 * unit whose directory exists on one side only is new or deleted.
 */
#ifndef STRATA_RDIFF_GIT_H
#define STRATA_RDIFF_GIT_H

#include <stdbool.h>
#include <stddef.h>

#include "strata/pcache.h"
#include "strata/arena.h"
#include "strata/err.h"
#include "strata/fsrc_git.h"
#include "strata/rdiff.h"

typedef struct rdiff_git_opts {
	const char *from_rev;        /* NULL: HEAD */
	fsrc_git_side to_side;       /* a revision, the index or the work tree */
	const char *to_rev;          /* FSRC_GIT_REV only */
	bool overlays;               /* no paths: also every <group>/overlays/<env> */
	char *const *paths;          /* profiles or kustomization dirs, relative to
				        the current directory; none: every profile
				        below the repository's profiles* dirs */
	size_t npaths;
	pcache *pcache;              /* parses shared by every render, or NULL;
				        the caller frees it after the results */
} rdiff_git_opts;

typedef struct rdiff_git {
	rdiff_unit *v;               /* in the caller's arena, sorted by name */
	size_t n;
	const char *from_label, *to_label;
	size_t failed;               /* units with an error */
	size_t differing;            /* units with at least one difference */
} rdiff_git;

/* Renders and compares.  -1 with e set (status 2) when the comparison
 * cannot start: not in a Git work tree, an unknown revision, a path that is
 * a directory on neither side or lies outside the repository. */
int rdiff_git_run(arena *a, const rdiff_git_opts *o, rdiff_git *out, err *e);

#endif
