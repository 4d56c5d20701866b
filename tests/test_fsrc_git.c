/* Unit tests: fsrc_git.c (a revision, the index or the work tree as a file
 * source).
 *
 * Every test makes its own repository under /tmp with the git CLI and
 * reads it back through the source.  The expected build output in
 * test_build_rev_equals_checkout is `kubectl kustomize apps/prod` (Kustomize
 * v5.5.0) run on the same files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "strata/build.h"
#include "strata/fsrc_git.h"

typedef struct fx {
	char dir[64];
	char clone[80];
} fx;

static void mkdirs(const char *path)
{
	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s", path);
	for (char *p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		mkdir(tmp, 0755);
		*p = '/';
	}
	mkdir(tmp, 0755);
}

/* Runs git in the repository (quietly, with an identity). */
static void git(fx *f, const char *fmt, ...)
{
	char args[2048], cmd[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(args, sizeof args, fmt, ap);
	va_end(ap);
	snprintf(cmd, sizeof cmd,
		 "git -C '%s' -c user.name=strata -c user.email=strata@example.invalid "
		 "-c commit.gpgsign=false -c init.defaultBranch=main %s >/dev/null 2>&1",
		 f->dir, args);
	if (system(cmd) != 0)
		fail_msg("failed: %s", cmd);
}

/* "a/b.yaml=text" writes a file, "a/l->target" makes a symlink. */
static void put(fx *f, const char *spec)
{
	char path[4096];
	const char *arrow = strstr(spec, "->");
	const char *eq = strchr(spec, '=');
	const char *end = arrow ? arrow : eq ? eq : spec + strlen(spec);
	snprintf(path, sizeof path, "%s/%.*s", f->dir, (int)(end - spec), spec);
	char *slash = strrchr(path, '/');
	*slash = 0;
	mkdirs(path);
	*slash = '/';
	unlink(path);
	if (arrow) {
		assert_int_equal(symlink(arrow + 2, path), 0);
		return;
	}
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	if (eq)
		fputs(eq + 1, fp);
	fclose(fp);
}

static void repo(fx *f, const char *const *specs)
{
	strcpy(f->dir, "/tmp/strata-gt-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	f->clone[0] = 0;
	git(f, "init -q");
	for (; specs && *specs; specs++)
		put(f, *specs);
}

static void commit(fx *f, const char *msg)
{
	git(f, "add -A");
	git(f, "commit -q --allow-empty -m '%s'", msg);
}

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(p);
}

static void done(fx *f)
{
	nftw(f->dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	if (f->clone[0])
		nftw(f->clone, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static fsrc *open_side(fx *f, fsrc_git_side side, const char *rev)
{
	err e = ERR_INIT;
	fsrc *s = fsrc_git_open(f->dir, side, rev, &e);
	if (!s)
		fail_msg("fsrc_git_open: %s", e.msg);
	return s;
}

/* The file's text, or "<missing>" when the source has no such file. */
static char *text(fsrc *s, const char *path)
{
	if (fsrc_stat(s, path) == FSRC_MISSING)
		return strdup("<missing>");
	char *data;
	size_t len;
	err e = ERR_INIT;
	if (fsrc_read(s, path, &data, &len, &e))
		fail_msg("read %s: %s", path, e.msg);
	assert_int_equal(strlen(data), len);
	return data;
}

static void assert_text(fsrc *s, const char *path, const char *want)
{
	char *got = text(s, path);
	assert_string_equal(got, want);
	free(got);
}

/* The listing joined with spaces. */
static char *listing(fsrc *s, const char *path)
{
	char **names;
	size_t n;
	err e = ERR_INIT;
	if (fsrc_list(s, path, &names, &n, &e))
		fail_msg("list %s: %s", path, e.msg);
	char *out = calloc(1, 4096);
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(out, " ");
		strcat(out, names[i]);
	}
	fsrc_free_list(names, n);
	return out;
}

static void assert_listing(fsrc *s, const char *path, const char *want)
{
	char *got = listing(s, path);
	assert_string_equal(got, want);
	free(got);
}

/* The error message of a failing read, which must fail. */
static char *read_error(fsrc *s, const char *path)
{
	char *data = NULL;
	size_t len;
	err e = ERR_INIT;
	assert_int_not_equal(fsrc_read(s, path, &data, &len, &e), 0);
	assert_null(data);
	assert_non_null(e.msg);
	return e.msg;
}

static void assert_contains(const char *s, const char *part)
{
	if (!strstr(s, part))
		fail_msg("'%s' does not contain '%s'", s, part);
}

#define T(...) ((const char *const[]){__VA_ARGS__, NULL})

/* ---- revisions ---------------------------------------------------------- */

static void test_rev_stat_read_list(void **state)
{
	(void)state;
	fx f;
	repo(&f, T("apps/base/kustomization.yaml=resources: []\n", "apps/base/cm.yaml=kind: X\n",
		   "README=hi\n"));
	commit(&f, "one");
	fsrc *s = open_side(&f, FSRC_GIT_REV, "HEAD");
	assert_string_equal(s->root, "HEAD:");
	assert_int_equal(fsrc_stat(s, ""), FSRC_DIR);
	assert_int_equal(fsrc_stat(s, "apps"), FSRC_DIR);
	assert_int_equal(fsrc_stat(s, "apps/base/cm.yaml"), FSRC_FILE);
	assert_int_equal(fsrc_stat(s, "apps/nope"), FSRC_MISSING);
	assert_int_equal(fsrc_stat(s, "README/x"), FSRC_MISSING);
	assert_text(s, "apps/base/cm.yaml", "kind: X\n");
	assert_listing(s, "", "README apps");
	assert_listing(s, "apps/base", "cm.yaml kustomization.yaml");
	fsrc_close(s);
	done(&f);
}

/* Git orders a tree's entries as if directories ended in '/'; list() must
 * still sort bytewise, as fsrc_dir does. */
static void test_rev_list_sorted_bytewise(void **state)
{
	(void)state;
	fx f;
	repo(&f, T("a/x=1", "a-b=2", "a.c=3", "B=4"));
	commit(&f, "one");
	fsrc *s = open_side(&f, FSRC_GIT_REV, "HEAD");
	assert_listing(s, "", "B a a-b a.c");
	fsrc_close(s);
	done(&f);
}

static void test_rev_reads_older_commit(void **state)
{
	(void)state;
	fx f;
	repo(&f, T("f.yaml=old\n"));
	commit(&f, "one");
	put(&f, "f.yaml=new\n");
	commit(&f, "two");
	fsrc *s = open_side(&f, FSRC_GIT_REV, "HEAD~1");
	assert_text(s, "f.yaml", "old\n");
	assert_string_equal(s->root, "HEAD~1:");
	fsrc_close(s);
	done(&f);
}

static void test_rev_read_gives_blob_bytes(void **state)
{
	(void)state;
	fx f;
	repo(&f, T("crlf.yaml=a: 1\r\nb: 2\r\n", ".gitattributes=* text=auto eol=crlf\n",
		   "empty="));
	commit(&f, "one");
	fsrc *s = open_side(&f, FSRC_GIT_REV, "HEAD");
	/* Stored normalised to LF; no checkout filter is applied. */
	assert_text(s, "crlf.yaml", "a: 1\nb: 2\n");
	assert_text(s, "empty", "");
	fsrc_close(s);
	done(&f);
}

static void test_missing_file_error_names_revision_path(void **state)
{
	(void)state;
	fx f;
	repo(&f, T("a/b=1"));
	commit(&f, "one");
	fsrc *s = open_side(&f, FSRC_GIT_REV, "main");
	char *msg = read_error(s, "a/nope.yaml");
	assert_contains(msg, "main:a/nope.yaml");
	assert_contains(msg, "revision main");
	free(msg);
	msg = read_error(s, "a");
	assert_contains(msg, "is a directory");
	free(msg);
	fsrc_close(s);
	done(&f);
}

static void test_rev_does_not_touch_worktree_or_index(void **state)
{
	(void)state;
	fx f;
	repo(&f, T("f=1"));
	commit(&f, "one");
	put(&f, "f=2");
	put(&f, "g=staged");
	git(&f, "add g");
	fsrc *s = open_side(&f, FSRC_GIT_REV, "HEAD");
	assert_text(s, "f", "1");
	assert_int_equal(fsrc_stat(s, "g"), FSRC_MISSING);
	fsrc_close(s);
	fsrc *w = open_side(&f, FSRC_GIT_WORKTREE, NULL);
	assert_text(w, "f", "2");
	fsrc_close(w);
	fsrc *i = open_side(&f, FSRC_GIT_INDEX, NULL);
	assert_text(i, "g", "staged");
	fsrc_close(i);
	done(&f);
}

/* ---- the three sides ---------------------------------------------------- */

static void test_head_index_worktree_each_their_own(void **state)
{
	(void)state;
	fx f;
	repo(&f, T("app/f.yaml=v1\n"));
	commit(&f, "one");
	put(&f, "app/f.yaml=v2\n");
	git(&f, "add app/f.yaml");
	put(&f, "app/f.yaml=v3\n");
	fsrc *r = open_side(&f, FSRC_GIT_REV, "HEAD");
	fsrc *i = open_side(&f, FSRC_GIT_INDEX, NULL);
	fsrc *w = open_side(&f, FSRC_GIT_WORKTREE, NULL);
	assert_text(r, "app/f.yaml", "v1\n");
	assert_text(i, "app/f.yaml", "v2\n");
	assert_text(w, "app/f.yaml", "v3\n");
	fsrc_close(r);
	fsrc_close(i);
	fsrc_close(w);
	done(&f);
}

static void test_untracked_only_in_worktree(void **state)
{
	(void)state;
	fx f;
	repo(&f, T("a/tracked=1"));
	commit(&f, "one");
	put(&f, "a/new.yaml=2");
	put(&f, "b/new.yaml=3");
	fsrc *r = open_side(&f, FSRC_GIT_REV, "HEAD");
	fsrc *i = open_side(&f, FSRC_GIT_INDEX, NULL);
	fsrc *w = open_side(&f, FSRC_GIT_WORKTREE, NULL);
	assert_text(w, "a/new.yaml", "2");
	assert_int_equal(fsrc_stat(w, "b"), FSRC_DIR);
	assert_int_equal(fsrc_stat(r, "a/new.yaml"), FSRC_MISSING);
	assert_int_equal(fsrc_stat(i, "a/new.yaml"), FSRC_MISSING);
	assert_int_equal(fsrc_stat(r, "b"), FSRC_MISSING);
	assert_int_equal(fsrc_stat(i, "b"), FSRC_MISSING);
	assert_listing(r, "a", "tracked");
	assert_listing(i, "a", "tracked");
	fsrc_close(r);
	fsrc_close(i);
	fsrc_close(w);
	done(&f);
}

static void test_deleted_file(void **state)
{
	(void)state;
	fx f;
	repo(&f, T("d/gone.yaml=1", "d/kept.yaml=2"));
	commit(&f, "one");
	git(&f, "rm -q d/gone.yaml");
	fsrc *r = open_side(&f, FSRC_GIT_REV, "HEAD");
	fsrc *i = open_side(&f, FSRC_GIT_INDEX, NULL);
	fsrc *w = open_side(&f, FSRC_GIT_WORKTREE, NULL);
	assert_text(r, "d/gone.yaml", "1");
	assert_int_equal(fsrc_stat(i, "d/gone.yaml"), FSRC_MISSING);
	assert_int_equal(fsrc_stat(w, "d/gone.yaml"), FSRC_MISSING);
	assert_listing(i, "d", "kept.yaml");
	fsrc_close(r);
	fsrc_close(i);
	fsrc_close(w);
	done(&f);
}

/* The index stores files only; its directories are the paths' prefixes,
 * listed bytewise like any other source. */
static void test_index_directories_implied(void **state)
{
	(void)state;
	fx f;
	repo(&f, T("a/b/c.yaml=1", "a/b.c=2", "a/b0=3", "a-z=4"));
	git(&f, "add -A");
	fsrc *i = open_side(&f, FSRC_GIT_INDEX, NULL);
	assert_string_equal(i->root, ":");
	assert_int_equal(fsrc_stat(i, "a"), FSRC_DIR);
	assert_int_equal(fsrc_stat(i, "a/b"), FSRC_DIR);
	assert_int_equal(fsrc_stat(i, "a/b.c"), FSRC_FILE);
	assert_int_equal(fsrc_stat(i, "a/c"), FSRC_MISSING);
	assert_listing(i, "", "a a-z");
	assert_listing(i, "a", "b b.c b0");
	assert_listing(i, "a/b", "c.yaml");
	err e = ERR_INIT;
	char **names;
	size_t n;
	assert_int_not_equal(fsrc_list(i, "a/b.c", &names, &n, &e), 0);
	err_clear(&e);
	fsrc_close(i);
	done(&f);
}

/* ---- symlinks and submodules -------------------------------------------- */

static void test_symlinks_in_tree_followed(void **state)
{
	(void)state;
	fx f;
	repo(&f, T("apps/base/cm.yaml=base\n", "apps/prod/base->../base",
		   "apps/prod/cm.yaml->../base/cm.yaml", "top->apps/prod/base"));
	commit(&f, "one");
	fsrc *s = open_side(&f, FSRC_GIT_REV, "HEAD");
	assert_int_equal(fsrc_stat(s, "apps/prod/base"), FSRC_DIR);
	assert_int_equal(fsrc_stat(s, "apps/prod/cm.yaml"), FSRC_FILE);
	assert_text(s, "apps/prod/cm.yaml", "base\n");
	assert_text(s, "top/cm.yaml", "base\n");
	assert_listing(s, "top", "cm.yaml");
	char *real;
	err e = ERR_INIT;
	assert_int_equal(fsrc_resolve(s, "top/cm.yaml", &real, &e), 0);
	assert_string_equal(real, "apps/base/cm.yaml");
	free(real);
	assert_int_equal(fsrc_resolve(s, "apps/prod", &real, &e), 0);
	assert_string_equal(real, "apps/prod");
	free(real);
	fsrc_close(s);
	done(&f);
}

/* ".." after a symlinked directory climbs from the link's target, as the
 * kernel does. */
static void test_dotdot_after_link_is_physical(void **state)
{
	(void)state;
	fx f;
	repo(&f, T("x/y/z=1", "x/here=2", "l->x/y", "m->l/../here"));
	commit(&f, "one");
	fsrc *s = open_side(&f, FSRC_GIT_REV, "HEAD");
	assert_text(s, "m", "2");
	char *real;
	err e = ERR_INIT;
	assert_int_equal(fsrc_resolve(s, "m", &real, &e), 0);
	assert_string_equal(real, "x/here");
	free(real);
	fsrc_close(s);
	done(&f);
}

static void test_symlink_outside_repository_refused(void **state)
{
	(void)state;
	fx f;
	repo(&f, T("a/up->../../etc/hostname", "abs->/etc/hostname", "a/ok=1"));
	commit(&f, "one");
	fsrc *s = open_side(&f, FSRC_GIT_REV, "HEAD");
	assert_int_equal(fsrc_stat(s, "a/up"), FSRC_MISSING);
	char *msg = read_error(s, "a/up");
	assert_contains(msg, "HEAD:a/up");
	assert_contains(msg, "lies outside");
	free(msg);
	msg = read_error(s, "abs");
	assert_contains(msg, "lies outside");
	free(msg);
	char *real = NULL;
	err e = ERR_INIT;
	assert_int_not_equal(fsrc_resolve(s, "a/up", &real, &e), 0);
	assert_null(real);
	err_clear(&e);
	fsrc_close(s);
	done(&f);
}

/* An absolute link into the work tree itself is inside the repository. */
static void test_absolute_link_into_worktree(void **state)
{
	(void)state;
	fx f;
	repo(&f, T("a/f=1"));
	char *wd = realpath(f.dir, NULL);
	char spec[4200];
	snprintf(spec, sizeof spec, "l->%s/a/f", wd);
	free(wd);
	put(&f, spec);
	commit(&f, "one");
	fsrc *s = open_side(&f, FSRC_GIT_REV, "HEAD");
	assert_text(s, "l", "1");
	fsrc_close(s);
	done(&f);
}

static void test_symlink_loop_refused(void **state)
{
	(void)state;
	fx f;
	repo(&f, T("a->b", "b->a"));
	commit(&f, "one");
	fsrc *s = open_side(&f, FSRC_GIT_REV, "HEAD");
	assert_int_equal(fsrc_stat(s, "a"), FSRC_MISSING);
	char *msg = read_error(s, "a");
	assert_contains(msg, "too many levels of symbolic links");
	free(msg);
	fsrc_close(s);
	done(&f);
}

static void test_symlink_in_index_followed(void **state)
{
	(void)state;
	fx f;
	repo(&f, T("base/cm.yaml=1", "prod/base->../base"));
	git(&f, "add -A");
	fsrc *i = open_side(&f, FSRC_GIT_INDEX, NULL);
	assert_text(i, "prod/base/cm.yaml", "1");
	assert_listing(i, "prod/base", "cm.yaml");
	fsrc_close(i);
	done(&f);
}

/* A submodule is an empty directory, as a checkout without
 * --recurse-submodules leaves it. */
static void test_submodule_is_empty_directory(void **state)
{
	(void)state;
	fx f;
	repo(&f, T("f=1"));
	commit(&f, "one");
	git(&f, "update-index --add --cacheinfo 160000,%s,vendor/sub",
	    "1111111111111111111111111111111111111111");
	git(&f, "commit -q -m two");
	fsrc *r = open_side(&f, FSRC_GIT_REV, "HEAD");
	fsrc *i = open_side(&f, FSRC_GIT_INDEX, NULL);
	assert_int_equal(fsrc_stat(r, "vendor/sub"), FSRC_DIR);
	assert_int_equal(fsrc_stat(i, "vendor/sub"), FSRC_DIR);
	assert_int_equal(fsrc_stat(r, "vendor/sub/x"), FSRC_MISSING);
	assert_listing(r, "vendor/sub", "");
	assert_listing(i, "vendor/sub", "");
	assert_listing(r, "vendor", "sub");
	fsrc_close(r);
	fsrc_close(i);
	done(&f);
}

/* ---- errors a user can cause -------------------------------------------- */

static char *open_error(const char *path, fsrc_git_side side, const char *rev)
{
	err e = ERR_INIT;
	fsrc *s = fsrc_git_open(path, side, rev, &e);
	assert_null(s);
	assert_non_null(e.msg);
	return e.msg;
}

static void test_unknown_revision_error(void **state)
{
	(void)state;
	fx f;
	repo(&f, T("f=1"));
	commit(&f, "one");
	char *msg = open_error(f.dir, FSRC_GIT_REV, "no-such-branch");
	assert_contains(msg, "unknown revision 'no-such-branch'");
	assert_contains(msg, f.dir);
	assert_contains(msg, "git rev-parse");
	free(msg);
	done(&f);
}

static void test_revision_that_is_a_blob_error(void **state)
{
	(void)state;
	fx f;
	repo(&f, T("f=1"));
	commit(&f, "one");
	char *msg = open_error(f.dir, FSRC_GIT_REV, "HEAD:f");
	assert_contains(msg, "'HEAD:f'");
	assert_contains(msg, "not a commit or a tree");
	free(msg);
	done(&f);
}

static void test_repository_without_commits_error(void **state)
{
	(void)state;
	fx f;
	repo(&f, NULL);
	char *msg = open_error(f.dir, FSRC_GIT_REV, "HEAD");
	assert_contains(msg, "unknown revision 'HEAD'");
	assert_contains(msg, "no commits yet");
	free(msg);
	done(&f);
}

static void test_not_a_repository_error(void **state)
{
	(void)state;
	char dir[] = "/tmp/strata-gt-norepo-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *msg = open_error(dir, FSRC_GIT_REV, "HEAD");
	assert_contains(msg, dir);
	assert_contains(msg, "is not in a Git repository");
	free(msg);
	err e = ERR_INIT;
	assert_null(fsrc_git_workdir(dir, &e));
	assert_contains(e.msg, "is not in a Git repository");
	err_clear(&e);
	rmdir(dir);
}

static void test_bare_repository_has_no_worktree(void **state)
{
	(void)state;
	fx f;
	repo(&f, T("f=1"));
	commit(&f, "one");
	git(&f, "clone -q --bare . bare.git");
	char bare[128];
	snprintf(bare, sizeof bare, "%s/bare.git", f.dir);
	char *msg = open_error(bare, FSRC_GIT_WORKTREE, NULL);
	assert_contains(msg, "bare.git");
	assert_contains(msg, "bare repository");
	assert_contains(msg, "read a revision");
	free(msg);
	msg = open_error(bare, FSRC_GIT_INDEX, NULL);
	assert_contains(msg, "bare repository");
	free(msg);
	err e = ERR_INIT;
	fsrc *s = fsrc_git_open(bare, FSRC_GIT_REV, "HEAD", &e);
	assert_non_null(s);
	assert_text(s, "f", "1");
	fsrc_close(s);
	done(&f);
}

/* ---- the work tree root and dirty files --------------------------------- */

static void test_workdir_found_from_subdirectory(void **state)
{
	(void)state;
	fx f;
	repo(&f, T("a/b/c=1"));
	char sub[128];
	snprintf(sub, sizeof sub, "%s/a/b", f.dir);
	err e = ERR_INIT;
	char *wd = fsrc_git_workdir(sub, &e);
	assert_non_null(wd);
	char *want = realpath(f.dir, NULL);
	assert_string_equal(wd, want);
	free(want);
	free(wd);
	done(&f);
}

static void test_source_paths_from_worktree_root(void **state)
{
	(void)state;
	fx f;
	repo(&f, T("a/b/c=1"));
	commit(&f, "one");
	char sub[128];
	snprintf(sub, sizeof sub, "%s/a/b", f.dir);
	err e = ERR_INIT;
	fsrc *s = fsrc_git_open(sub, FSRC_GIT_REV, "HEAD", &e);
	assert_non_null(s);
	assert_text(s, "a/b/c", "1");
	fsrc_close(s);
	s = fsrc_git_open(sub, FSRC_GIT_WORKTREE, NULL, &e);
	assert_non_null(s);
	assert_text(s, "a/b/c", "1");
	fsrc_close(s);
	done(&f);
}

static int dirty(fx *f, const char *path)
{
	err e = ERR_INIT;
	int d = fsrc_git_is_dirty(f->dir, path, &e);
	if (d < 0)
		fail_msg("fsrc_git_is_dirty: %s", e.msg);
	return d;
}

static void test_dirty_when_modified(void **state)
{
	(void)state;
	fx f;
	repo(&f, T("a/f=1"));
	commit(&f, "one");
	put(&f, "a/f=2");
	assert_int_equal(dirty(&f, "a/f"), 1);
	done(&f);
}

static void test_dirty_when_staged(void **state)
{
	(void)state;
	fx f;
	repo(&f, T("a/f=1"));
	commit(&f, "one");
	put(&f, "a/f=2");
	git(&f, "add a/f");
	assert_int_equal(dirty(&f, "a/f"), 1);
	done(&f);
}

static void test_dirty_when_untracked(void **state)
{
	(void)state;
	fx f;
	repo(&f, T("a/f=1"));
	commit(&f, "one");
	put(&f, "a/new=2");
	put(&f, "newdir/deep/x=3");
	assert_int_equal(dirty(&f, "a/new"), 1);
	assert_int_equal(dirty(&f, "newdir/deep/x"), 1);
	done(&f);
}

static void test_dirty_when_deleted(void **state)
{
	(void)state;
	fx f;
	repo(&f, T("a/f=1"));
	commit(&f, "one");
	char p[128];
	snprintf(p, sizeof p, "%s/a/f", f.dir);
	unlink(p);
	assert_int_equal(dirty(&f, "a/f"), 1);
	done(&f);
}

static void test_clean_file_not_dirty(void **state)
{
	(void)state;
	fx f;
	repo(&f, T("a/f=1", "a/g=2"));
	commit(&f, "one");
	put(&f, "a/g=changed");
	assert_int_equal(dirty(&f, "a/f"), 0);
	assert_int_equal(dirty(&f, "a/absent"), 0);
	done(&f);
}

/* Ignored files are scratch output: overwriting them loses no work. */
static void test_ignored_file_not_dirty(void **state)
{
	(void)state;
	fx f;
	repo(&f, T(".gitignore=out/\n"));
	commit(&f, "one");
	put(&f, "out/x.yaml=1");
	assert_int_equal(dirty(&f, "out/x.yaml"), 0);
	done(&f);
}

static void test_directory_dirty_when_anything_below_is(void **state)
{
	(void)state;
	fx f;
	repo(&f, T("a/f=1", "b/g=2"));
	commit(&f, "one");
	put(&f, "a/f=changed");
	assert_int_equal(dirty(&f, "a"), 1);
	assert_int_equal(dirty(&f, "b"), 0);
	done(&f);
}

static void test_dirty_path_relative_to_given_dir(void **state)
{
	(void)state;
	fx f;
	repo(&f, T("a/f=1"));
	commit(&f, "one");
	put(&f, "a/f=2");
	char sub[128];
	snprintf(sub, sizeof sub, "%s/a", f.dir);
	err e = ERR_INIT;
	assert_int_equal(fsrc_git_is_dirty(sub, "f", &e), 1);
	done(&f);
}

static void test_not_dirty_outside_repository(void **state)
{
	(void)state;
	char dir[] = "/tmp/strata-gt-norepo-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char p[128];
	snprintf(p, sizeof p, "%s/f", dir);
	FILE *fp = fopen(p, "w");
	fclose(fp);
	err e = ERR_INIT;
	assert_int_equal(fsrc_git_is_dirty(dir, "f", &e), 0);
	assert_null(e.msg);
	unlink(p);
	rmdir(dir);
}

/* ---- a build through the revision --------------------------------------- */

static const char *const KUSTOMIZATION[] = {
	"apps/base/kustomization.yaml=resources:\n- deployment.yaml\nconfigMapGenerator:\n"
	"- name: web-config\n  files:\n  - settings.properties\n",
	"apps/base/deployment.yaml=apiVersion: apps/v1\nkind: Deployment\nmetadata:\n"
	"  name: web\nspec:\n  replicas: 1\n  template:\n    spec:\n      containers:\n"
	"      - name: web\n        image: nginx:1.25\n",
	"apps/base/settings.properties=color=blue\nsize=2\n",
	"apps/prod/kustomization.yaml=namePrefix: prod-\nresources:\n- ../base\npatches:\n"
	"- path: replicas.yaml\n",
	"apps/prod/patches/replicas.yaml=apiVersion: apps/v1\nkind: Deployment\nmetadata:\n"
	"  name: web\nspec:\n  replicas: 3\n",
	"apps/prod/replicas.yaml->patches/replicas.yaml",
	NULL,
};

/* kubectl kustomize apps/prod on the files above. */
static const char EXPECTED[] =
	"apiVersion: v1\n"
	"data:\n"
	"  settings.properties: |\n"
	"    color=blue\n"
	"    size=2\n"
	"kind: ConfigMap\n"
	"metadata:\n"
	"  name: prod-web-config-6mkb7fttbc\n"
	"---\n"
	"apiVersion: apps/v1\n"
	"kind: Deployment\n"
	"metadata:\n"
	"  name: prod-web\n"
	"spec:\n"
	"  replicas: 3\n"
	"  template:\n"
	"    spec:\n"
	"      containers:\n"
	"      - image: nginx:1.25\n"
	"        name: web\n";

static char *build_through(fsrc *fs, const char *dir)
{
	arena *a = arena_new();
	build b;
	build_opts o = {0};
	build_init(&b, a, fs, &o);
	resmap m;
	buf out = BUF_INIT;
	err e = ERR_INIT;
	if (build_run(&b, dir, &m, &e) || build_emit(&b, &m, &out, &e))
		fail_msg("build %s%s: %s", fs->root, dir, e.msg);
	build_release(&b);
	arena_free(a);
	return buf_detach(&out, NULL);
}

static void test_build_rev_equals_checkout(void **state)
{
	(void)state;
	fx f;
	repo(&f, KUSTOMIZATION);
	commit(&f, "one");
	snprintf(f.clone, sizeof f.clone, "%s-clone", f.dir);
	git(&f, "clone -q . '%s'", f.clone);
	/* The work tree moves on; the revision must not see it. */
	put(&f, "apps/prod/patches/replicas.yaml=apiVersion: apps/v1\nkind: Deployment\n"
		"metadata:\n  name: web\nspec:\n  replicas: 9\n");
	put(&f, "apps/base/settings.properties=color=red\n");

	fsrc *rev = open_side(&f, FSRC_GIT_REV, "HEAD");
	err e = ERR_INIT;
	fsrc *co = fsrc_open_dir(f.clone, &e);
	assert_non_null(co);
	fsrc *wt = open_side(&f, FSRC_GIT_WORKTREE, NULL);
	char *from_rev = build_through(rev, "apps/prod");
	char *from_checkout = build_through(co, "apps/prod");
	char *from_worktree = build_through(wt, "apps/prod");
	assert_string_equal(from_checkout, EXPECTED);
	assert_string_equal(from_rev, from_checkout);
	assert_string_not_equal(from_worktree, from_rev);
	assert_non_null(strstr(from_worktree, "replicas: 9"));
	free(from_rev);
	free(from_checkout);
	free(from_worktree);
	fsrc_close(rev);
	fsrc_close(co);
	fsrc_close(wt);
	done(&f);
}

int main(void)
{
	/* Keep the machine's Git configuration out of the repositories. */
	char home[] = "/tmp/strata-gt-home-XXXXXX";
	if (!mkdtemp(home))
		return 1;
	setenv("HOME", home, 1);
	setenv("XDG_CONFIG_HOME", home, 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	unsetenv("GIT_DIR");
	unsetenv("GIT_WORK_TREE");
	unsetenv("GIT_INDEX_FILE");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rev_stat_read_list),
		cmocka_unit_test(test_rev_list_sorted_bytewise),
		cmocka_unit_test(test_rev_reads_older_commit),
		cmocka_unit_test(test_rev_read_gives_blob_bytes),
		cmocka_unit_test(test_missing_file_error_names_revision_path),
		cmocka_unit_test(test_rev_does_not_touch_worktree_or_index),
		cmocka_unit_test(test_head_index_worktree_each_their_own),
		cmocka_unit_test(test_untracked_only_in_worktree),
		cmocka_unit_test(test_deleted_file),
		cmocka_unit_test(test_index_directories_implied),
		cmocka_unit_test(test_symlinks_in_tree_followed),
		cmocka_unit_test(test_dotdot_after_link_is_physical),
		cmocka_unit_test(test_symlink_outside_repository_refused),
		cmocka_unit_test(test_absolute_link_into_worktree),
		cmocka_unit_test(test_symlink_loop_refused),
		cmocka_unit_test(test_symlink_in_index_followed),
		cmocka_unit_test(test_submodule_is_empty_directory),
		cmocka_unit_test(test_unknown_revision_error),
		cmocka_unit_test(test_revision_that_is_a_blob_error),
		cmocka_unit_test(test_repository_without_commits_error),
		cmocka_unit_test(test_not_a_repository_error),
		cmocka_unit_test(test_bare_repository_has_no_worktree),
		cmocka_unit_test(test_workdir_found_from_subdirectory),
		cmocka_unit_test(test_source_paths_from_worktree_root),
		cmocka_unit_test(test_dirty_when_modified),
		cmocka_unit_test(test_dirty_when_staged),
		cmocka_unit_test(test_dirty_when_untracked),
		cmocka_unit_test(test_dirty_when_deleted),
		cmocka_unit_test(test_clean_file_not_dirty),
		cmocka_unit_test(test_ignored_file_not_dirty),
		cmocka_unit_test(test_directory_dirty_when_anything_below_is),
		cmocka_unit_test(test_dirty_path_relative_to_given_dir),
		cmocka_unit_test(test_not_dirty_outside_repository),
		cmocka_unit_test(test_build_rev_equals_checkout),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	rmdir(home);
	return rc;
}
