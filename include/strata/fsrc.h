/* fsrc.h - the file source every read goes through.
 *
 * Paths are clean and relative to the source's root: "a/b/c", "" for the
 * root itself; never absolute, never "..".  path.h builds such paths and
 * refuses any that would climb out of the root, so a source can only ever
 * hand out what lies below its root.  The real filesystem implements it now;
 * a Git tree implements it without the renderer changing.
 */
#ifndef STRATA_FSRC_H
#define STRATA_FSRC_H

#include <stdbool.h>
#include <stddef.h>

#include "strata/err.h"

typedef enum fsrc_type {
	FSRC_MISSING = 0,
	FSRC_FILE = 1,
	FSRC_DIR = 2,
} fsrc_type;

typedef struct fsrc fsrc;

struct fsrc_ops {
	fsrc_type (*stat)(fsrc *s, const char *path);
	/* Whole file, malloc'd, NUL-terminated (the NUL not counted). */
	int (*read)(fsrc *s, const char *path, char **data, size_t *len, err *e);
	/* Entry names of a directory, sorted bytewise; malloc'd array of
	 * malloc'd strings (free with fsrc_free_list). */
	int (*list)(fsrc *s, const char *path, char ***names, size_t *n, err *e);
	/* The path with every symlink resolved, malloc'd; error if the
	 * target is missing or lies outside the root. */
	int (*resolve)(fsrc *s, const char *path, char **out, err *e);
	void (*close)(fsrc *s);
};

struct fsrc {
	const struct fsrc_ops *ops;
	char *root;   /* how to show the root to people ("/abs/dir", "HEAD:") */
};

/* The real filesystem below the directory root (symlinks in root itself
 * resolved).  "/" gives the whole filesystem.  Nothing outside root is
 * ever opened: a symlink (or symlinked directory) leading out of it is
 * refused when read or listed, and by resolve. */
fsrc *fsrc_open_dir(const char *root, err *e);

typedef struct fsrc_dir_opts {
	/* The directory nothing outside of which is opened (at or below
	 * root); NULL means root itself. */
	const char *fence;
	/* Files larger than this are refused before they are read; 0: no
	 * limit. */
	size_t max_file_size;
	/* Nothing changes the tree while the source is open (build, render):
	 * what lstat says of a path is then asked once. */
	bool stable;
} fsrc_dir_opts;
fsrc *fsrc_open_dir_opts(const char *root, const fsrc_dir_opts *o, err *e);

static inline fsrc_type fsrc_stat(fsrc *s, const char *path)
{
	return s->ops->stat(s, path);
}
static inline int fsrc_read(fsrc *s, const char *path, char **data, size_t *len, err *e)
{
	return s->ops->read(s, path, data, len, e);
}
static inline int fsrc_list(fsrc *s, const char *path, char ***names, size_t *n, err *e)
{
	return s->ops->list(s, path, names, n, e);
}
static inline int fsrc_resolve(fsrc *s, const char *path, char **out, err *e)
{
	return s->ops->resolve(s, path, out, e);
}
void fsrc_close(fsrc *s);
void fsrc_free_list(char **names, size_t n);

#endif
