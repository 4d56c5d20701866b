/* gitlib.h - libgit2, loaded when a command first needs it.
 *
 * Only fsrc_git.c talks to libgit2, and only diff, check, lift and
 * promote's safety checks reach it.  Linked at start-up, libgit2 and the
 * libraries it pulls in (TLS, SSH, Kerberos, HTTP: seventeen in all) cost
 * every run of strata about 3.5 ms before main, several percent of a
 * large build and most of a small one.  So strata loads it with dlopen on
 * first use, the library whose headers it was compiled against (its
 * soname, STRATA_GIT2_SONAME, comes from the Makefile).
 *
 * The table of functions is filled once per process (pthread_once) and
 * never changes after, like libgit2's own global state, which gitlib_init
 * and gitlib_shutdown count references to.
 */
#ifndef STRATA_GITLIB_H
#define STRATA_GITLIB_H

#include <git2.h>

#include "strata/err.h"

/* Every libgit2 function strata calls. */
#define GITLIB_FUNCTIONS(X)                                                                   \
	X(git_blob_free) X(git_blob_lookup) X(git_blob_rawcontent) X(git_blob_rawsize)        \
	X(git_error_last) X(git_index_find_prefix) X(git_index_free) X(git_index_get_byindex) \
	X(git_index_get_bypath) X(git_index_open) X(git_index_read) X(git_libgit2_init)       \
	X(git_libgit2_opts) X(git_libgit2_shutdown) X(git_object_free) X(git_object_peel)     \
	X(git_oid_cpy) X(git_repository_free) X(git_repository_head_unborn)                   \
	X(git_repository_index) X(git_repository_is_bare) X(git_repository_open_ext)          \
	X(git_repository_path) X(git_repository_workdir) X(git_revparse_single)               \
	X(git_status_file) X(git_status_list_entrycount) X(git_status_list_free)              \
	X(git_status_list_new) X(git_tree_entry_byindex) X(git_tree_entry_bypath)             \
	X(git_tree_entry_filemode_raw) X(git_tree_entry_free) X(git_tree_entry_id)            \
	X(git_tree_entry_name) X(git_tree_entrycount) X(git_tree_free) X(git_tree_lookup)

typedef struct gitlib {
#define GITLIB_POINTER(f) __typeof__(f) *f;
	GITLIB_FUNCTIONS(GITLIB_POINTER)
#undef GITLIB_POINTER
} gitlib;

/* Loads libgit2 (the first time) and takes a reference on its global
 * state (git_libgit2_init): 0, or -1 with e saying what could not be
 * loaded and which package provides it. */
int gitlib_init(err *e);
/* Drops the reference gitlib_init took (git_libgit2_shutdown). */
void gitlib_shutdown(void);
/* The functions; only between gitlib_init and gitlib_shutdown. */
const gitlib *gitlib_fns(void);

#endif
