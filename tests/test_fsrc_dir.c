/* Unit tests: fsrc_dir.c - confinement to the root (or a fence below it),
 * symlinks leading out, the file-size limit, files that are not plain. */
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

/* A scratch tree: T/repo/{a.yaml,sub/b.yaml} and T/out/{secret,dir/x}. */
static char *tree(void)
{
	char tmpl[] = "/tmp/strata-fsrc-dir-XXXXXX";
	assert_non_null(mkdtemp(tmpl));
	char cmd[1024];
	snprintf(cmd, sizeof cmd,
		 "cd %s && mkdir -p repo/sub out/dir && printf 'a: 1\\n' > repo/a.yaml && "
		 "printf 'b: 2\\n' > repo/sub/b.yaml && printf 'secret\\n' > out/secret && "
		 "printf x > out/dir/x && ln -s ../out/secret repo/leak && "
		 "ln -s ../out/dir repo/leakdir && ln -s sub repo/inside && "
		 "ln -s %s/repo/a.yaml repo/abs-inside && mkfifo repo/pipe",
		 tmpl, tmpl);
	assert_int_equal(system(cmd), 0);
	return strdup(tmpl);
}

static void rm_tree(char *t)
{
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "rm -rf %s", t);
	assert_int_equal(system(cmd), 0);
	free(t);
}

static fsrc *open_at(const char *t, const char *sub, const fsrc_dir_opts *o)
{
	char root[1024];
	snprintf(root, sizeof root, "%s/%s", t, sub);
	err e = ERR_INIT;
	fsrc *s = fsrc_open_dir_opts(root, o, &e);
	assert_non_null(s);
	return s;
}

static void read_fails(fsrc *s, const char *path, const char *want)
{
	char *data = NULL;
	size_t len;
	err e = ERR_INIT;
	assert_int_equal(fsrc_read(s, path, &data, &len, &e), -1);
	assert_non_null(strstr(e.msg, want));
	err_clear(&e);
}

static void test_reads_inside_and_inside_links(void **state)
{
	(void)state;
	char *t = tree();
	fsrc *s = open_at(t, "repo", NULL);
	char *data;
	size_t len;
	err e = ERR_INIT;
	assert_int_equal(fsrc_read(s, "inside/b.yaml", &data, &len, &e), 0);
	assert_string_equal(data, "b: 2\n");
	free(data);
	assert_int_equal(fsrc_read(s, "abs-inside", &data, &len, &e), 0);
	assert_string_equal(data, "a: 1\n");
	free(data);
	fsrc_close(s);
	rm_tree(t);
}

static void test_symlink_out_is_never_opened(void **state)
{
	(void)state;
	char *t = tree();
	fsrc *s = open_at(t, "repo", NULL);
	read_fails(s, "leak", "lies outside the repository root");
	read_fails(s, "leakdir/x", "lies outside the repository root");
	char **names;
	size_t n;
	err e = ERR_INIT;
	assert_int_equal(fsrc_list(s, "leakdir", &names, &n, &e), -1);
	assert_non_null(strstr(e.msg, "lies outside the repository root"));
	err_clear(&e);
	char *real;
	assert_int_equal(fsrc_resolve(s, "leakdir", &real, &e), -1);
	assert_non_null(strstr(e.msg, "lies outside the repository root"));
	err_clear(&e);
	fsrc_close(s);
	rm_tree(t);
}

static void test_fence_below_a_wider_root(void **state)
{
	(void)state;
	char *t = tree();
	char fence[1024];
	snprintf(fence, sizeof fence, "%s/repo", t);
	fsrc_dir_opts o = {.fence = fence};
	fsrc *s = open_at(t, "", &o);
	char *data;
	size_t len;
	err e = ERR_INIT;
	assert_int_equal(fsrc_read(s, "repo/a.yaml", &data, &len, &e), 0);
	free(data);
	read_fails(s, "out/secret", "lies outside the repository root");
	read_fails(s, "repo/leak", "lies outside the repository root");
	fsrc_close(s);
	rm_tree(t);
}

static void test_fence_must_lie_under_the_root(void **state)
{
	(void)state;
	char *t = tree();
	char root[1024];
	snprintf(root, sizeof root, "%s/repo", t);
	fsrc_dir_opts o = {.fence = "/"};
	err e = ERR_INIT;
	assert_null(fsrc_open_dir_opts(root, &o, &e));
	assert_non_null(strstr(e.msg, "lies outside"));
	err_clear(&e);
	rm_tree(t);
}

static void test_file_size_limit(void **state)
{
	(void)state;
	char *t = tree();
	fsrc_dir_opts o = {.max_file_size = 4};
	fsrc *s = open_at(t, "repo", &o);
	read_fails(s, "a.yaml", "file is 5 bytes, over the limit of 4 bytes");
	fsrc_close(s);
	o.max_file_size = 5;
	s = open_at(t, "repo", &o);
	char *data;
	size_t len;
	err e = ERR_INIT;
	assert_int_equal(fsrc_read(s, "a.yaml", &data, &len, &e), 0);
	assert_int_equal(len, 5);
	free(data);
	fsrc_close(s);
	rm_tree(t);
}

static void test_pipe_is_refused_not_waited_on(void **state)
{
	(void)state;
	char *t = tree();
	fsrc *s = open_at(t, "repo", NULL);
	read_fails(s, "pipe", "not a regular file");
	read_fails(s, "sub", "not a regular file");
	fsrc_close(s);
	rm_tree(t);
}

/* A stable source answers as an ordinary one, with the names looked at
 * (as builds do) before they are read: its lstat cache must not let a
 * pipe, a directory, a link out or an oversized file through.  Both with
 * a fence and without one (the whole filesystem, as `strata build` has
 * outside Git). */
static void check_stable(fsrc *s, const char *pre)
{
	static const char *const names[] = {"a.yaml", "inside/b.yaml", "abs-inside", "pipe",
					    "sub", "leak", "missing.yaml"};
	char p[1024];
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		snprintf(p, sizeof p, "%s%s", pre, names[i]);
		(void)fsrc_stat(s, p);
	}
	char *data;
	size_t len;
	err e = ERR_INIT;
	snprintf(p, sizeof p, "%sa.yaml", pre);
	assert_int_equal(fsrc_stat(s, p), FSRC_FILE);
	assert_int_equal(fsrc_read(s, p, &data, &len, &e), 0);
	assert_string_equal(data, "a: 1\n");
	free(data);
	snprintf(p, sizeof p, "%sinside/b.yaml", pre);
	assert_int_equal(fsrc_read(s, p, &data, &len, &e), 0);
	assert_string_equal(data, "b: 2\n");
	free(data);
	snprintf(p, sizeof p, "%sabs-inside", pre);
	assert_int_equal(fsrc_read(s, p, &data, &len, &e), 0);
	assert_string_equal(data, "a: 1\n");
	free(data);
	snprintf(p, sizeof p, "%spipe", pre);
	read_fails(s, p, "not a regular file");
	snprintf(p, sizeof p, "%ssub", pre);
	assert_int_equal(fsrc_stat(s, p), FSRC_DIR);
	read_fails(s, p, "not a regular file");
	snprintf(p, sizeof p, "%smissing.yaml", pre);
	assert_int_equal(fsrc_stat(s, p), FSRC_MISSING);
	read_fails(s, p, "No such file");
}

static void test_stable_source_answers_alike(void **state)
{
	(void)state;
	char *t = tree();
	fsrc_dir_opts o = {.stable = true};
	fsrc *s = open_at(t, "repo", &o);
	check_stable(s, "");
	read_fails(s, "leak", "lies outside the repository root");
	fsrc_close(s);
	o.max_file_size = 4;
	s = open_at(t, "repo", &o);
	(void)fsrc_stat(s, "a.yaml");
	read_fails(s, "a.yaml", "file is 5 bytes, over the limit of 4 bytes");
	fsrc_close(s);
	err e = ERR_INIT;
	fsrc_dir_opts whole = {.stable = true, .max_file_size = 4};
	s = fsrc_open_dir_opts("/", &whole, &e);
	assert_non_null(s);
	char pre[1024];
	snprintf(pre, sizeof pre, "%s/repo/", t + 1);
	char p[1100];
	snprintf(p, sizeof p, "%sa.yaml", pre);
	(void)fsrc_stat(s, p);
	read_fails(s, p, "file is 5 bytes, over the limit of 4 bytes");
	fsrc_close(s);
	whole.max_file_size = 0;
	s = fsrc_open_dir_opts("/", &whole, &e);
	assert_non_null(s);
	check_stable(s, pre);
	fsrc_close(s);
	rm_tree(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reads_inside_and_inside_links),
		cmocka_unit_test(test_symlink_out_is_never_opened),
		cmocka_unit_test(test_fence_below_a_wider_root),
		cmocka_unit_test(test_fence_must_lie_under_the_root),
		cmocka_unit_test(test_file_size_limit),
		cmocka_unit_test(test_pipe_is_refused_not_waited_on),
		cmocka_unit_test(test_stable_source_answers_alike),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
