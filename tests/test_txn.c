/* Unit tests: txn.c - describe, the view, commit, and failed commits that
 * change nothing, on scratch directories (some of them Git repositories). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "strata/fsrc.h"
#include "strata/txn.h"

static char *scratch(void)
{
	char tmpl[] = "/tmp/strata-txn-XXXXXX";
	assert_non_null(mkdtemp(tmpl));
	return strdup(tmpl);
}

static void sh(const char *fmt, ...)
{
	char cmd[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	assert_int_equal(system(cmd), 0);
}

static void write_file(const char *root, const char *rel, const char *text)
{
	char p[1024];
	snprintf(p, sizeof p, "%s/%s", root, rel);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* The file's content, or NULL when it does not exist. */
static char *slurp(const char *root, const char *rel)
{
	char p[1024];
	snprintf(p, sizeof p, "%s/%s", root, rel);
	FILE *f = fopen(p, "r");
	if (!f)
		return NULL;
	char *b = calloc(1, 65536);
	size_t n = fread(b, 1, 65535, f);
	b[n] = 0;
	fclose(f);
	return b;
}

static void assert_file(const char *root, const char *rel, const char *want)
{
	char *got = slurp(root, rel);
	if (!want) {
		assert_null(got);
		return;
	}
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

/* A listing of every entry below root (find's order), to compare trees. */
static char *tree_listing(const char *root)
{
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "cd %s && find . -not -path './.git*' | sort && cat $(find . -type f -not -path './.git/*' | sort)", root);
	FILE *p = popen(cmd, "r");
	char *b = calloc(1, 1 << 20);
	size_t n = fread(b, 1, (1 << 20) - 1, p);
	b[n] = 0;
	pclose(p);
	return b;
}

static void rm_tree(char *root)
{
	sh("chmod -R u+w %s && rm -rf %s", root, root);
	free(root);
}

static void describe_is(txn *t, const char *want)
{
	buf b = BUF_INIT;
	txn_describe(t, &b);
	assert_string_equal(b.p ? b.p : "", want);
	buf_free(&b);
}

static void test_describe_add_modify_delete(void **state)
{
	(void)state;
	char *root = scratch();
	write_file(root, "a.yaml", "a\n");
	write_file(root, "b.yaml", "b\n");
	txn *t = txn_new(root);
	txn_put(t, "new/c.yaml", "c\n", 2);
	txn_put(t, "b.yaml", "B\n", 2);
	txn_delete(t, "a.yaml");
	describe_is(t, "D a.yaml\nM b.yaml\nA new/c.yaml\n");
	txn_free(t);
	rm_tree(root);
}

static void test_describe_skips_noops(void **state)
{
	(void)state;
	char *root = scratch();
	write_file(root, "a.yaml", "a\n");
	txn *t = txn_new(root);
	txn_put(t, "a.yaml", "a\n", 2);
	txn_delete(t, "missing.yaml");
	describe_is(t, "");
	err e = ERR_INIT;
	assert_int_equal(txn_commit(t, false, &e), 0);
	txn_free(t);
	rm_tree(root);
}

static void test_later_op_wins(void **state)
{
	(void)state;
	char *root = scratch();
	write_file(root, "a.yaml", "a\n");
	txn *t = txn_new(root);
	txn_delete(t, "a.yaml");
	txn_put(t, "a.yaml", "second\n", 7);
	txn_put(t, "b.yaml", "b\n", 2);
	txn_delete(t, "b.yaml");
	describe_is(t, "M a.yaml\n");
	err e = ERR_INIT;
	assert_int_equal(txn_commit(t, false, &e), 0);
	assert_file(root, "a.yaml", "second\n");
	assert_file(root, "b.yaml", NULL);
	txn_free(t);
	rm_tree(root);
}

static void test_commit_writes_creates_deletes(void **state)
{
	(void)state;
	char *root = scratch();
	write_file(root, "a.yaml", "a\n");
	write_file(root, "b.yaml", "b\n");
	txn *t = txn_new(root);
	txn_put(t, "x/y/c.yaml", "c\n", 2);
	txn_put(t, "b.yaml", "B\n", 2);
	txn_delete(t, "a.yaml");
	err e = ERR_INIT;
	assert_int_equal(txn_commit(t, false, &e), 0);
	assert_file(root, "a.yaml", NULL);
	assert_file(root, "b.yaml", "B\n");
	assert_file(root, "x/y/c.yaml", "c\n");
	/* No temporary file is left beside the targets. */
	char *l = tree_listing(root);
	assert_null(strstr(l, ".strata-"));
	free(l);
	txn_free(t);
	rm_tree(root);
}

static void test_commit_keeps_mode(void **state)
{
	(void)state;
	char *root = scratch();
	write_file(root, "run.sh", "old\n");
	sh("chmod 750 %s/run.sh", root);
	txn *t = txn_new(root);
	txn_put(t, "run.sh", "new\n", 4);
	err e = ERR_INIT;
	assert_int_equal(txn_commit(t, false, &e), 0);
	char p[1024];
	snprintf(p, sizeof p, "%s/run.sh", root);
	struct stat st;
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0750);
	txn_free(t);
	rm_tree(root);
}

/* The second write fails (its directory would have to be made below a
 * regular file) after the first was prepared in a new directory: the
 * temporary and the new directory go, every file stays as it was. */
static void test_failed_commit_changes_nothing(void **state)
{
	(void)state;
	char *root = scratch();
	write_file(root, "a.yaml", "a\n");
	write_file(root, "b.yaml", "b\n");
	write_file(root, "zz", "a file where a directory is needed\n");
	char *before = tree_listing(root);
	txn *t = txn_new(root);
	txn_put(t, "a.yaml", "A\n", 2);
	txn_delete(t, "b.yaml");
	txn_put(t, "new/dir/c.yaml", "c\n", 2);
	txn_put(t, "zz/d.yaml", "d\n", 2);
	err e = ERR_INIT;
	assert_int_equal(txn_commit(t, false, &e), -1);
	assert_non_null(strstr(e.msg, "is not a directory"));
	char *after = tree_listing(root);
	assert_string_equal(after, before);
	free(after);
	free(before);
	err_clear(&e);
	txn_free(t);
	rm_tree(root);
}

static void test_refuses_unclean_path(void **state)
{
	(void)state;
	char *root = scratch();
	txn *t = txn_new(root);
	txn_put(t, "../escape.yaml", "x\n", 2);
	err e = ERR_INIT;
	assert_int_equal(txn_commit(t, false, &e), -1);
	assert_non_null(strstr(e.msg, "not a clean path"));
	err_clear(&e);
	txn_free(t);
	rm_tree(root);
}

static void test_refuses_directory_target(void **state)
{
	(void)state;
	char *root = scratch();
	sh("mkdir %s/d", root);
	txn *t = txn_new(root);
	txn_put(t, "d", "x\n", 2);
	err e = ERR_INIT;
	assert_int_equal(txn_commit(t, false, &e), -1);
	assert_non_null(strstr(e.msg, "not a regular file"));
	err_clear(&e);
	txn_free(t);
	rm_tree(root);
}

static char *git_repo(void)
{
	char *root = scratch();
	sh("cd %s && git init -q . && printf 'a\\n' > a.yaml && printf 'b\\n' > b.yaml && "
	   "git add . && git -c user.name=t -c user.email=t@t commit -qm init", root);
	return root;
}

static void test_refuses_dirty_file(void **state)
{
	(void)state;
	char *root = git_repo();
	write_file(root, "a.yaml", "edited by hand\n");
	txn *t = txn_new(root);
	txn_put(t, "a.yaml", "A\n", 2);
	txn_put(t, "b.yaml", "B\n", 2);
	err e = ERR_INIT;
	assert_int_equal(txn_commit(t, false, &e), -1);
	assert_non_null(strstr(e.msg, "uncommitted"));
	assert_non_null(strstr(e.msg, "a.yaml"));
	assert_null(strstr(e.msg, "b.yaml"));
	assert_non_null(strstr(e.msg, "--force"));
	assert_file(root, "a.yaml", "edited by hand\n");
	assert_file(root, "b.yaml", "b\n");
	err_clear(&e);
	txn_free(t);
	rm_tree(root);
}

static void test_refuses_deleting_untracked(void **state)
{
	(void)state;
	char *root = git_repo();
	write_file(root, "scratch.yaml", "mine\n");
	txn *t = txn_new(root);
	txn_delete(t, "scratch.yaml");
	err e = ERR_INIT;
	assert_int_equal(txn_commit(t, false, &e), -1);
	assert_non_null(strstr(e.msg, "scratch.yaml"));
	assert_file(root, "scratch.yaml", "mine\n");
	err_clear(&e);
	txn_free(t);
	rm_tree(root);
}

static void test_force_overwrites_dirty(void **state)
{
	(void)state;
	char *root = git_repo();
	write_file(root, "a.yaml", "edited by hand\n");
	txn *t = txn_new(root);
	txn_put(t, "a.yaml", "A\n", 2);
	err e = ERR_INIT;
	assert_int_equal(txn_commit(t, true, &e), 0);
	assert_file(root, "a.yaml", "A\n");
	txn_free(t);
	rm_tree(root);
}

/* Clean files in a subdirectory of a work tree, the root being that
 * subdirectory: committed without complaint. */
static void test_clean_files_below_work_tree(void **state)
{
	(void)state;
	char *repo = git_repo();
	sh("cd %s && mkdir sub && printf 's\\n' > sub/s.yaml && git add . && "
	   "git -c user.name=t -c user.email=t@t commit -qm sub", repo);
	char root[1024];
	snprintf(root, sizeof root, "%s/sub", repo);
	txn *t = txn_new(root);
	txn_put(t, "s.yaml", "S\n", 2);
	txn_put(t, "new.yaml", "n\n", 2);
	err e = ERR_INIT;
	assert_int_equal(txn_commit(t, false, &e), 0);
	assert_file(root, "s.yaml", "S\n");
	write_file(root, "s.yaml", "dirty\n");
	txn_put(t, "s.yaml", "again\n", 6);
	assert_int_equal(txn_commit(t, false, &e), -1);
	assert_non_null(strstr(e.msg, "s.yaml"));
	err_clear(&e);
	txn_free(t);
	rm_tree(repo);
}

static void test_view(void **state)
{
	(void)state;
	char *root = scratch();
	sh("mkdir -p %s/d && printf 'a\\n' > %s/d/a.yaml && printf 'b\\n' > %s/d/b.yaml", root,
	   root, root);
	err e = ERR_INIT;
	fsrc *base = fsrc_open_dir(root, &e);
	assert_non_null(base);
	txn *t = txn_new(root);
	txn_put(t, "d/a.yaml", "A\n", 2);
	txn_delete(t, "d/b.yaml");
	txn_put(t, "d/new/x/c.yaml", "c\n", 2);
	fsrc *v = txn_view(t, base);
	txn_free(t);   /* the view keeps its own copies */

	char *data;
	size_t len;
	assert_int_equal(fsrc_read(v, "d/a.yaml", &data, &len, &e), 0);
	assert_string_equal(data, "A\n");
	free(data);
	assert_int_equal(fsrc_stat(v, "d/b.yaml"), FSRC_MISSING);
	assert_int_equal(fsrc_stat(v, "d/new"), FSRC_DIR);
	assert_int_equal(fsrc_stat(v, "d/new/x"), FSRC_DIR);
	assert_int_equal(fsrc_stat(v, "d/new/x/c.yaml"), FSRC_FILE);
	assert_int_equal(fsrc_read(v, "d/new/x/c.yaml", &data, &len, &e), 0);
	assert_string_equal(data, "c\n");
	free(data);

	char **names;
	size_t n;
	assert_int_equal(fsrc_list(v, "d", &names, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(names[0], "a.yaml");
	assert_string_equal(names[1], "new");
	fsrc_free_list(names, n);
	assert_int_equal(fsrc_list(v, "d/new", &names, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(names[0], "x");
	fsrc_free_list(names, n);

	char *r;
	assert_int_equal(fsrc_resolve(v, "d/new/x/c.yaml", &r, &e), 0);
	assert_string_equal(r, "d/new/x/c.yaml");
	free(r);
	assert_int_equal(fsrc_resolve(v, "d/new", &r, &e), 0);
	assert_string_equal(r, "d/new");
	free(r);
	assert_int_equal(fsrc_resolve(v, "d/a.yaml", &r, &e), 0);
	assert_string_equal(r, "d/a.yaml");
	free(r);

	/* The disk is untouched. */
	assert_file(root, "d/a.yaml", "a\n");
	assert_file(root, "d/b.yaml", "b\n");
	fsrc_close(v);
	fsrc_close(base);
	rm_tree(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_describe_add_modify_delete),
		cmocka_unit_test(test_describe_skips_noops),
		cmocka_unit_test(test_later_op_wins),
		cmocka_unit_test(test_commit_writes_creates_deletes),
		cmocka_unit_test(test_commit_keeps_mode),
		cmocka_unit_test(test_failed_commit_changes_nothing),
		cmocka_unit_test(test_refuses_unclean_path),
		cmocka_unit_test(test_refuses_directory_target),
		cmocka_unit_test(test_refuses_dirty_file),
		cmocka_unit_test(test_refuses_deleting_untracked),
		cmocka_unit_test(test_force_overwrites_dirty),
		cmocka_unit_test(test_clean_files_below_work_tree),
		cmocka_unit_test(test_view),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
