/* fsrc_git.h - a Git revision, the index, or the work tree as a file source.
 *
 * strata renders what a commit would deploy without checking it out: the
 * same build and render code reads through this source instead of the
 * real filesystem, and rendering a revision gives the same bytes as
 * rendering its checkout.  Paths are relative to the repository's work
 * tree root, as fsrc.h requires.
 */
#ifndef STRATA_FSRC_GIT_H
#define STRATA_FSRC_GIT_H

#include <stdbool.h>

#include "strata/err.h"
#include "strata/fsrc.h"

typedef enum fsrc_git_side {
	FSRC_GIT_REV,       /* a revision (any git rev-parse spelling: HEAD, main~2, a sha) */
	FSRC_GIT_INDEX,     /* the staged content */
	FSRC_GIT_WORKTREE,  /* the work tree as it is on disk */
} fsrc_git_side;

/* Opens the repository that contains path (discovered upwards, as git
 * does) and returns a source for one side of it; rev is used for
 * FSRC_GIT_REV only.  Errors name the repository and the revision. */
fsrc *fsrc_git_open(const char *path, fsrc_git_side side, const char *rev, err *e);
/* The work tree root of the repository that contains path (malloc'd,
 * absolute), or NULL with e set. */
char *fsrc_git_workdir(const char *path, err *e);
/* The top of the Git work tree holding abs (an absolute directory), found
 * by looking for .git upwards without opening the repository; a
 * submodule's .git file leads on to its superproject.  malloc'd, or NULL
 * outside Git. */
char *fsrc_git_work_tree_of(const char *abs);
/* Is the file at path (relative to the work tree root) modified in the
 * work tree or the index compared with HEAD, or untracked?  Used to refuse
 * overwriting uncommitted work.  -1 with e set on a libgit2 error; 0 when
 * path is not in a Git repository. */
int fsrc_git_is_dirty(const char *workdir, const char *path, err *e);

#endif
