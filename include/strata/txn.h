/* txn.h - several file edits that land together or not at all.
 *
 * promote and lift change a handful of files at once.  A transaction
 * collects the new contents (and deletions) in memory, refuses files with
 * uncommitted changes unless forced, writes every new content to a
 * temporary file beside its target, and only when all of them were written
 * renames them into place and deletes what is to be deleted.  A failure
 * before the renames leaves every file as it was.
 */
#ifndef STRATA_TXN_H
#define STRATA_TXN_H

#include <stdbool.h>
#include <stddef.h>

#include "strata/buf.h"
#include "strata/err.h"
#include "strata/fsrc.h"

typedef struct txn txn;

/* root: the absolute repository root every path below is relative to. */
txn *txn_new(const char *root);
void txn_free(txn *t);
/* Replaces (or creates) path with data (copied); a later put wins. */
void txn_put(txn *t, const char *path, const char *data, size_t len);
/* Deletes path when the transaction commits. */
void txn_delete(txn *t, const char *path);
/* The files the transaction touches, as "M path", "A path", "D path"
 * lines in path order, for people.  A put whose content equals the file on
 * disk, or a delete of a missing file, touches nothing: it is neither
 * listed nor written. */
void txn_describe(const txn *t, buf *out);
/* A source that shows base with the transaction applied (for rendering the
 * result before writing anything); base must outlive it, and close the view
 * with fsrc_close.  Transaction paths are handed to base unchanged, so base
 * must be rooted at the transaction's root: fsrc_open_dir(root), or a
 * fsrc_git_open source when root is the work tree root.  Directories the
 * puts would create show up in the view too. */
fsrc *txn_view(const txn *t, fsrc *base);
/* Writes everything.  Unless force, refuses (writing nothing) when a
 * touched file has uncommitted changes in its Git repository, naming it.
 * Returns 0, or -1 with e set and nothing changed. */
int txn_commit(txn *t, bool force, err *e);

#endif
