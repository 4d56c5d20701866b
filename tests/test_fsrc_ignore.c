/* Unit tests: fsrc_ignore.c (Flux source-controller's ignore rules).
 *
 * There is no Flux on this machine; every expected visible/hidden answer
 * below was confirmed with a Go harness built from go-git v5's gitignore
 * package (the matcher Flux vendors) and Go's filepath.Match, wrapped in
 * Flux's sourceignore/archive logic, on the same trees (see
 * /work/notes/flux-ignore-facts.md).  The symlink tests follow
 * source-controller's resolveSymlinks, which the harness does not run. */
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

#include "strata/fsrc_ignore.h"

typedef struct fx {
	char dir[64];
	fsrc *base;
	fsrc *ig;
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

/* "a/b.yaml" makes an empty file, "a/b.yaml=text" one with text, "a/" a
 * directory. */
static void put(fx *f, const char *spec)
{
	char path[4096];
	const char *eq = strchr(spec, '=');
	size_t n = eq ? (size_t)(eq - spec) : strlen(spec);
	snprintf(path, sizeof path, "%s/%.*s", f->dir, (int)n, spec);
	if (path[strlen(path) - 1] == '/') {
		mkdirs(path);
		return;
	}
	char *slash = strrchr(path, '/');
	*slash = 0;
	mkdirs(path);
	*slash = '/';
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	if (eq)
		fputs(eq + 1, fp);
	fclose(fp);
}

static void tree(fx *f, const char *const *specs)
{
	strcpy(f->dir, "/tmp/strata-ig-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	for (; *specs; specs++)
		put(f, *specs);
}

static void open_at(fx *f, const char *root_dir, const char *spec_ignore)
{
	err e = ERR_INIT;
	f->base = fsrc_open_dir(f->dir, &e);
	assert_non_null(f->base);
	f->ig = fsrc_ignore_open(f->base, root_dir, spec_ignore, &e);
	if (!f->ig)
		fail_msg("fsrc_ignore_open: %s", e.msg);
}

static void setup(fx *f, const char *const *specs, const char *spec_ignore)
{
	tree(f, specs);
	open_at(f, "", spec_ignore);
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
	fsrc_close(f->ig);
	fsrc_close(f->base);
	nftw(f->dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

#define T(...) ((const char *const[]){__VA_ARGS__, NULL})
#define SHOWN(f, p) assert_int_not_equal(fsrc_stat((f)->ig, p), FSRC_MISSING)
#define HIDDEN(f, p) assert_int_equal(fsrc_stat((f)->ig, p), FSRC_MISSING)

/* ---- built-in exclusions ---------------------------------------------- */

static void test_vcs_paths_hidden(void **state)
{
	(void)state;
	fx f;
	setup(&f, T(".git/config", ".gitignore", ".gitmodules", ".gitattributes", "sub/.gitignore",
		    "a.yaml"), NULL);
	HIDDEN(&f, ".git");
	HIDDEN(&f, ".git/config");
	HIDDEN(&f, ".gitignore");
	HIDDEN(&f, ".gitmodules");
	HIDDEN(&f, ".gitattributes");
	HIDDEN(&f, "sub/.gitignore");
	SHOWN(&f, "a.yaml");
	done(&f);
}

static void test_git_file_is_not_git_dir(void **state)
{
	(void)state;
	fx f;
	setup(&f, T("sub/.git=gitdir: ../x"), NULL);
	assert_int_equal(fsrc_stat(f.ig, "sub/.git"), FSRC_FILE);
	done(&f);
}

static void test_default_extensions_hidden(void **state)
{
	(void)state;
	fx f;
	setup(&f, T("a.jpg", "b/c.png", "d.tar.gz", "e.zip", "f.jpeg", "g.gif", "h.wmv", "i.flv",
		    "k.yaml"), NULL);
	HIDDEN(&f, "a.jpg");
	HIDDEN(&f, "b/c.png");
	HIDDEN(&f, "d.tar.gz");
	HIDDEN(&f, "e.zip");
	HIDDEN(&f, "f.jpeg");
	HIDDEN(&f, "g.gif");
	HIDDEN(&f, "h.wmv");
	HIDDEN(&f, "i.flv");
	SHOWN(&f, "k.yaml");
	SHOWN(&f, "b");
	done(&f);
}

static void test_default_extensions_exact_case(void **state)
{
	(void)state;
	fx f;
	setup(&f, T("m.JPG", "l.gz"), NULL);
	SHOWN(&f, "m.JPG");
	SHOWN(&f, "l.gz");
	done(&f);
}

static void test_default_ci_files_hidden(void **state)
{
	(void)state;
	fx f;
	setup(&f, T(".github/workflows/ci.yaml", ".circleci/config.yml", ".gitlab-ci.yml",
		    "sub/.travis.yml", "appveyor.yml", ".drone.yml", "cloudbuild.yaml",
		    "codeship-services.yml", "codeship-steps.yml"), NULL);
	HIDDEN(&f, ".github");
	HIDDEN(&f, ".github/workflows/ci.yaml");
	HIDDEN(&f, ".circleci");
	HIDDEN(&f, ".gitlab-ci.yml");
	HIDDEN(&f, "sub/.travis.yml");
	HIDDEN(&f, "appveyor.yml");
	HIDDEN(&f, ".drone.yml");
	HIDDEN(&f, "cloudbuild.yaml");
	HIDDEN(&f, "codeship-services.yml");
	HIDDEN(&f, "codeship-steps.yml");
	done(&f);
}

static void test_default_github_is_directory_only(void **state)
{
	(void)state;
	fx f;
	setup(&f, T("sub/.github=a file"), NULL);
	SHOWN(&f, "sub/.github");
	done(&f);
}

static void test_default_extra_any_depth(void **state)
{
	(void)state;
	fx f;
	setup(&f, T(".sops.yaml", "a/b/.sops.yaml", ".flux.yaml", "c/.goreleaser.yml", ".sops.yml"),
	      NULL);
	HIDDEN(&f, ".sops.yaml");
	HIDDEN(&f, "a/b/.sops.yaml");
	HIDDEN(&f, ".flux.yaml");
	HIDDEN(&f, "c/.goreleaser.yml");
	SHOWN(&f, ".sops.yml");
	done(&f);
}

/* ---- .sourceignore files ------------------------------------------------ */

static void test_sourceignore_root_any_depth(void **state)
{
	(void)state;
	fx f;
	setup(&f, T(".sourceignore=secret.yaml\n", "secret.yaml", "a/b/secret.yaml", "ok.yaml"),
	      NULL);
	HIDDEN(&f, "secret.yaml");
	HIDDEN(&f, "a/b/secret.yaml");
	SHOWN(&f, "ok.yaml");
	SHOWN(&f, ".sourceignore");
	done(&f);
}

static void test_sourceignore_drops_defaults_but_not_vcs(void **state)
{
	(void)state;
	fx f;
	setup(&f, T(".sourceignore=secret.yaml\n", "x.jpg", ".github/w.yaml", ".git/config"), NULL);
	SHOWN(&f, "x.jpg");
	SHOWN(&f, ".github/w.yaml");
	HIDDEN(&f, ".git/config");
	done(&f);
}

static void test_sourceignore_subdir_scoped(void **state)
{
	(void)state;
	fx f;
	setup(&f, T("sub/.sourceignore=x.yaml\n", "sub/x.yaml", "sub/deep/x.yaml", "x.yaml",
		    "other/x.yaml"), NULL);
	HIDDEN(&f, "sub/x.yaml");
	HIDDEN(&f, "sub/deep/x.yaml");
	SHOWN(&f, "x.yaml");
	SHOWN(&f, "other/x.yaml");
	done(&f);
}

static void test_sourceignore_subdir_anchored(void **state)
{
	(void)state;
	fx f;
	setup(&f, T("sub/.sourceignore=/x.yaml\n", "sub/x.yaml", "sub/deep/x.yaml", "x.yaml"), NULL);
	HIDDEN(&f, "sub/x.yaml");
	SHOWN(&f, "sub/deep/x.yaml");
	SHOWN(&f, "x.yaml");
	done(&f);
}

static void test_sourceignore_in_ignored_dir_drops_defaults(void **state)
{
	(void)state;
	fx f;
	setup(&f, T(".github/.sourceignore=nothing-matches-this\n", ".github/w.yaml", "x.jpg"),
	      NULL);
	SHOWN(&f, "x.jpg");
	SHOWN(&f, ".github/w.yaml");
	done(&f);
}

static void test_sourceignore_comments_only_keeps_defaults(void **state)
{
	(void)state;
	fx f;
	setup(&f, T(".sourceignore=# c\n\n  \n\t\n", "x.jpg", "a.yaml"), NULL);
	HIDDEN(&f, "x.jpg");
	SHOWN(&f, "a.yaml");
	done(&f);
}

static void test_sourceignore_unicode_blank_line_skipped(void **state)
{
	(void)state;
	fx f;
	setup(&f, T(".sourceignore=\xc2\xa0\n", "x.jpg"), NULL);
	HIDDEN(&f, "x.jpg");
	done(&f);
}

static void test_sourceignore_under_git_not_read(void **state)
{
	(void)state;
	fx f;
	setup(&f, T(".git/.sourceignore=a.yaml\n", "a.yaml", "x.jpg"), NULL);
	SHOWN(&f, "a.yaml");
	HIDDEN(&f, "x.jpg");
	done(&f);
}

static void test_sourceignore_directory_not_read(void **state)
{
	(void)state;
	fx f;
	setup(&f, T(".sourceignore/.sourceignore=a.yaml\n", ".sourceignore/a.yaml", "a.yaml",
		    "x.jpg"), NULL);
	SHOWN(&f, "a.yaml");
	HIDDEN(&f, ".sourceignore/a.yaml");
	SHOWN(&f, "x.jpg");
	done(&f);
}

static void test_subdir_sourceignore_beats_root(void **state)
{
	(void)state;
	fx f;
	setup(&f, T(".sourceignore=!keep.yaml\n", "sub/.sourceignore=*.yaml\n", "sub/keep.yaml",
		    "keep.yaml"), NULL);
	HIDDEN(&f, "sub/keep.yaml");
	SHOWN(&f, "keep.yaml");
	done(&f);
}

static void test_subdir_negation_beats_root(void **state)
{
	(void)state;
	fx f;
	setup(&f, T(".sourceignore=*.yaml\n", "sub/.sourceignore=!keep.yaml\n", "sub/keep.yaml",
		    "keep.yaml"), NULL);
	SHOWN(&f, "sub/keep.yaml");
	HIDDEN(&f, "keep.yaml");
	done(&f);
}

static char *long_file(size_t n)
{
	const char *head = ".sourceignore=y.yaml\n", *tail = "\nx.yaml\n";
	char *s = malloc(strlen(head) + n + strlen(tail) + 1);
	strcpy(s, head);
	memset(s + strlen(head), 'a', n);
	strcpy(s + strlen(head) + n, tail);
	return s;
}

static void test_long_line_stops_reading(void **state)
{
	(void)state;
	fx f;
	char *s = long_file(65536);
	setup(&f, T(s, "x.yaml", "y.yaml"), NULL);
	HIDDEN(&f, "y.yaml");
	SHOWN(&f, "x.yaml");
	free(s);
	done(&f);
}

static void test_line_below_limit_read(void **state)
{
	(void)state;
	fx f;
	char *s = long_file(65535);
	setup(&f, T(s, "x.yaml", "y.yaml"), NULL);
	HIDDEN(&f, "y.yaml");
	HIDDEN(&f, "x.yaml");
	free(s);
	done(&f);
}

/* ---- pattern semantics -------------------------------------------------- */

static void test_negation_reincludes(void **state)
{
	(void)state;
	fx f;
	setup(&f, T(".sourceignore=*.yaml\n!keep.yaml\n", "keep.yaml", "drop.yaml", "d/keep.yaml"),
	      NULL);
	SHOWN(&f, "keep.yaml");
	SHOWN(&f, "d/keep.yaml");
	HIDDEN(&f, "drop.yaml");
	done(&f);
}

static void test_last_match_wins(void **state)
{
	(void)state;
	fx f;
	setup(&f, T(".sourceignore=!keep.yaml\n*.yaml\n", "keep.yaml", "drop.yaml"), NULL);
	HIDDEN(&f, "keep.yaml");
	HIDDEN(&f, "drop.yaml");
	done(&f);
}

static void test_negation_below_excluded_dir(void **state)
{
	(void)state;
	fx f;
	setup(&f, T(".sourceignore=dir/\n!dir/keep.yaml\n", "dir/keep.yaml", "dir/other.yaml",
		    "dir/sub/x.yaml"), NULL);
	assert_int_equal(fsrc_stat(f.ig, "dir"), FSRC_DIR);
	SHOWN(&f, "dir/keep.yaml");
	HIDDEN(&f, "dir/other.yaml");
	HIDDEN(&f, "dir/sub");
	char **names;
	size_t n;
	err e = ERR_INIT;
	assert_int_equal(fsrc_list(f.ig, "dir", &names, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(names[0], "keep.yaml");
	fsrc_free_list(names, n);
	done(&f);
}

static void test_excluded_dir_is_missing(void **state)
{
	(void)state;
	fx f;
	setup(&f, T(".sourceignore=dir/\n", "dir/a.yaml", "dir/sub/b.yaml", "dirx/a.yaml"), NULL);
	HIDDEN(&f, "dir");
	HIDDEN(&f, "dir/sub/b.yaml");
	SHOWN(&f, "dirx/a.yaml");
	char **names;
	size_t n;
	err e = ERR_INIT;
	assert_int_not_equal(fsrc_list(f.ig, "dir", &names, &n, &e), 0);
	assert_non_null(strstr(e.msg, "No such file or directory"));
	err_clear(&e);
	assert_int_equal(fsrc_list(f.ig, "", &names, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(names[0], ".sourceignore");
	assert_string_equal(names[1], "dirx");
	fsrc_free_list(names, n);
	done(&f);
}

static void test_leading_slash_anchors(void **state)
{
	(void)state;
	fx f;
	setup(&f, T(".sourceignore=/top.yaml\n", "top.yaml", "a/top.yaml"), NULL);
	HIDDEN(&f, "top.yaml");
	SHOWN(&f, "a/top.yaml");
	done(&f);
}

static void test_name_without_slash_any_depth(void **state)
{
	(void)state;
	fx f;
	setup(&f, T(".sourceignore=x.yaml\n", "x.yaml", "a/b/x.yaml"), NULL);
	HIDDEN(&f, "x.yaml");
	HIDDEN(&f, "a/b/x.yaml");
	done(&f);
}

static void test_inner_slash_anchors(void **state)
{
	(void)state;
	fx f;
	setup(&f, T(".sourceignore=a/x.yaml\n", "a/x.yaml", "b/a/x.yaml", "a/b/x.yaml"), NULL);
	HIDDEN(&f, "a/x.yaml");
	SHOWN(&f, "b/a/x.yaml");
	SHOWN(&f, "a/b/x.yaml");
	done(&f);
}

static void test_leading_double_star(void **state)
{
	(void)state;
	fx f;
	setup(&f, T(".sourceignore=**/x.yaml\n", "x.yaml", "a/b/x.yaml", "a/y.yaml"), NULL);
	HIDDEN(&f, "x.yaml");
	HIDDEN(&f, "a/b/x.yaml");
	SHOWN(&f, "a/y.yaml");
	done(&f);
}

static void test_middle_double_star(void **state)
{
	(void)state;
	fx f;
	setup(&f, T(".sourceignore=a/**/x.yaml\n", "a/x.yaml", "a/b/c/x.yaml", "b/x.yaml",
		    "a/y.yaml"), NULL);
	HIDDEN(&f, "a/x.yaml");
	HIDDEN(&f, "a/b/c/x.yaml");
	SHOWN(&f, "b/x.yaml");
	SHOWN(&f, "a/y.yaml");
	done(&f);
}

static void test_trailing_double_star_matches_itself(void **state)
{
	(void)state;
	fx f;
	setup(&f, T(".sourceignore=a/**\n", "a=a file", "b/a", "d/x.yaml"), NULL);
	HIDDEN(&f, "a");
	SHOWN(&f, "b/a");
	SHOWN(&f, "d/x.yaml");
	done(&f);
}

static void test_double_star_does_not_backtrack(void **state)
{
	(void)state;
	fx f;
	setup(&f, T(".sourceignore=a/**/b/c\n", "a/b/x/b/c", "a/y/b/c"), NULL);
	SHOWN(&f, "a/b/x/b/c");
	HIDDEN(&f, "a/y/b/c");
	done(&f);
}

static void test_double_star_inside_segment_never_matches(void **state)
{
	(void)state;
	fx f;
	setup(&f, T(".sourceignore=a/**.yaml\n", "a/x.yaml"), NULL);
	SHOWN(&f, "a/x.yaml");
	done(&f);
}

static void test_double_star_without_slash_is_star(void **state)
{
	(void)state;
	fx f;
	setup(&f, T(".sourceignore=**.yaml\n", "x.yaml", "a/b/y.yaml", "z.yml"), NULL);
	HIDDEN(&f, "x.yaml");
	HIDDEN(&f, "a/b/y.yaml");
	SHOWN(&f, "z.yml");
	done(&f);
}

static void test_directory_only_pattern(void **state)
{
	(void)state;
	fx f;
	setup(&f, T(".sourceignore=build/\n", "build/x.yaml", "other/build=a file",
		    "a/build/y.yaml"), NULL);
	HIDDEN(&f, "build");
	HIDDEN(&f, "a/build/y.yaml");
	SHOWN(&f, "other/build");
	done(&f);
}

static void test_question_mark(void **state)
{
	(void)state;
	fx f;
	setup(&f, T(".sourceignore=v?.yaml\n", "v1.yaml", "v12.yaml"), NULL);
	HIDDEN(&f, "v1.yaml");
	SHOWN(&f, "v12.yaml");
	done(&f);
}

static void test_character_class(void **state)
{
	(void)state;
	fx f;
	setup(&f, T(".sourceignore=[ab].txt\n", "a.txt", "c.txt"), NULL);
	HIDDEN(&f, "a.txt");
	SHOWN(&f, "c.txt");
	done(&f);
}

static void test_negated_class_uses_caret(void **state)
{
	(void)state;
	fx f;
	setup(&f, T(".sourceignore=[^a]x\n", "ax", "bx"), NULL);
	SHOWN(&f, "ax");
	HIDDEN(&f, "bx");
	done(&f);
}

static void test_class_range(void **state)
{
	(void)state;
	fx f;
	setup(&f, T(".sourceignore=[c-e]1\n", "d1", "f1"), NULL);
	HIDDEN(&f, "d1");
	SHOWN(&f, "f1");
	done(&f);
}

static void test_backslash_escapes(void **state)
{
	(void)state;
	fx f;
	setup(&f, T(".sourceignore=\\*.yaml\n\\#x\n\\!y\n", "*.yaml", "a.yaml", "#x", "!y"), NULL);
	HIDDEN(&f, "*.yaml");
	SHOWN(&f, "a.yaml");
	HIDDEN(&f, "#x");
	HIDDEN(&f, "!y");
	done(&f);
}

static void test_malformed_patterns_match_nothing(void **state)
{
	(void)state;
	fx f;
	setup(&f, T(".sourceignore=a[\n[]b]\n[a-]\n", "a[", "]b]", "b", "x.jpg"), NULL);
	SHOWN(&f, "a[");
	SHOWN(&f, "]b]");
	SHOWN(&f, "b");
	SHOWN(&f, "x.jpg");  /* they still count as patterns: no defaults */
	done(&f);
}

static void test_bare_bang_and_slash_match_nothing(void **state)
{
	(void)state;
	fx f;
	setup(&f, T(".sourceignore=!\n/\n", "a", "x.jpg"), NULL);
	SHOWN(&f, "a");
	SHOWN(&f, "x.jpg");
	done(&f);
}

static void test_trailing_spaces_trimmed(void **state)
{
	(void)state;
	fx f;
	setup(&f, T(".sourceignore=x.yaml   \n", "x.yaml"), NULL);
	HIDDEN(&f, "x.yaml");
	done(&f);
}

static void test_escaped_trailing_space_kept(void **state)
{
	(void)state;
	fx f;
	setup(&f, T(".sourceignore=y\\ \n", "y ", "y"), NULL);
	HIDDEN(&f, "y ");
	SHOWN(&f, "y");
	done(&f);
}

static void test_leading_space_kept(void **state)
{
	(void)state;
	fx f;
	setup(&f, T(".sourceignore= z\n", " z", "z"), NULL);
	HIDDEN(&f, " z");
	SHOWN(&f, "z");
	done(&f);
}

static void test_trailing_tab_kept(void **state)
{
	(void)state;
	fx f;
	setup(&f, T(".sourceignore=x.yaml\t\n", "x.yaml", "x.yaml\t"), NULL);
	SHOWN(&f, "x.yaml");
	HIDDEN(&f, "x.yaml\t");
	done(&f);
}

static void test_crlf_lines(void **state)
{
	(void)state;
	fx f;
	setup(&f, T(".sourceignore=x.yaml\r\ny.yaml\r\n", "x.yaml", "y.yaml"), NULL);
	HIDDEN(&f, "x.yaml");
	HIDDEN(&f, "y.yaml");
	done(&f);
}

static void test_reinclusion_reaches_into_git_dir(void **state)
{
	(void)state;
	fx f;
	setup(&f, T(".sourceignore=/*\n!/deploy/\n", "deploy/a.yaml", "deploy/.git/x", "apps/b.yaml",
		    "c.yaml"), NULL);
	SHOWN(&f, "deploy/a.yaml");
	SHOWN(&f, "deploy/.git/x");
	HIDDEN(&f, "apps");
	HIDDEN(&f, "c.yaml");
	HIDDEN(&f, ".sourceignore");
	done(&f);
}

/* ---- spec.ignore --------------------------------------------------------- */

static void test_spec_ignore_drops_defaults(void **state)
{
	(void)state;
	fx f;
	setup(&f, T("x.jpg", ".git/config", "foo", "a/foo"), "foo");
	SHOWN(&f, "x.jpg");
	HIDDEN(&f, ".git/config");
	HIDDEN(&f, "foo");
	HIDDEN(&f, "a/foo");
	done(&f);
}

static void test_spec_ignore_beats_sourceignore(void **state)
{
	(void)state;
	fx f;
	setup(&f, T(".sourceignore=*.yaml\n", "keep.yaml", "drop.yaml"), "!keep.yaml");
	SHOWN(&f, "keep.yaml");
	HIDDEN(&f, "drop.yaml");
	done(&f);
}

static void test_sourceignore_loses_to_spec_ignore(void **state)
{
	(void)state;
	fx f;
	setup(&f, T(".sourceignore=!keep.yaml\n", "keep.yaml"), "*.yaml");
	HIDDEN(&f, "keep.yaml");
	done(&f);
}

static void test_spec_ignore_without_patterns_keeps_defaults(void **state)
{
	(void)state;
	fx f;
	setup(&f, T("x.jpg"), "# only a comment\n\n");
	HIDDEN(&f, "x.jpg");
	done(&f);
}

static void test_spec_ignore_anchored_at_repository_root(void **state)
{
	(void)state;
	fx f;
	tree(&f, T("repo/x.yaml", "repo/a/x.yaml", "x.yaml"));
	open_at(&f, "repo", "/x.yaml");
	HIDDEN(&f, "repo/x.yaml");
	SHOWN(&f, "repo/a/x.yaml");
	SHOWN(&f, "x.yaml");
	done(&f);
}

/* ---- the wrapper --------------------------------------------------------- */

static void test_outside_root_dir_untouched(void **state)
{
	(void)state;
	fx f;
	tree(&f, T("repo/x.jpg", "other/x.jpg", ".git/config"));
	open_at(&f, "repo", NULL);
	HIDDEN(&f, "repo/x.jpg");
	SHOWN(&f, "other/x.jpg");
	SHOWN(&f, ".git/config");
	assert_int_equal(fsrc_stat(f.ig, "repo"), FSRC_DIR);
	done(&f);
}

static void test_read_of_hidden_file_fails(void **state)
{
	(void)state;
	fx f;
	setup(&f, T("x.jpg=data", "y.yaml=kind: A\n"), NULL);
	char *data;
	size_t len;
	err e = ERR_INIT;
	assert_int_not_equal(fsrc_read(f.ig, "x.jpg", &data, &len, &e), 0);
	assert_non_null(strstr(e.msg, "x.jpg: cannot open: No such file or directory"));
	err_clear(&e);
	assert_int_equal(fsrc_read(f.ig, "y.yaml", &data, &len, &e), 0);
	assert_string_equal(data, "kind: A\n");
	free(data);
	done(&f);
}

static void test_resolve_of_hidden_path_fails(void **state)
{
	(void)state;
	fx f;
	setup(&f, T(".github/w.yaml", "a.yaml"), NULL);
	char *out;
	err e = ERR_INIT;
	assert_int_not_equal(fsrc_resolve(f.ig, ".github/w.yaml", &out, &e), 0);
	err_clear(&e);
	assert_int_equal(fsrc_resolve(f.ig, "a.yaml", &out, &e), 0);
	assert_string_equal(out, "a.yaml");
	free(out);
	done(&f);
}

static void test_match_reports_patterns_only(void **state)
{
	(void)state;
	fx f;
	setup(&f, T(".sourceignore=dir/\n!dir/keep.yaml\n", "dir/keep.yaml"), NULL);
	assert_true(fsrc_ignore_match(f.ig, "dir", true));
	assert_false(fsrc_ignore_match(f.ig, "dir", false));
	assert_false(fsrc_ignore_match(f.ig, "dir/keep.yaml", false));
	assert_true(fsrc_ignore_match(f.ig, "dir/other", false));
	assert_true(fsrc_ignore_match(f.ig, ".git", true));
	assert_false(fsrc_ignore_match(f.ig, "", true));
	done(&f);
}

static void test_symlink_out_of_root_hidden(void **state)
{
	(void)state;
	fx f;
	tree(&f, T("repo/a.yaml", "outside/b.yaml"));
	char link[4096], target[4096];
	snprintf(link, sizeof link, "%s/repo/ext", f.dir);
	snprintf(target, sizeof target, "%s/outside", f.dir);
	assert_int_equal(symlink(target, link), 0);
	snprintf(link, sizeof link, "%s/repo/same.yaml", f.dir);
	assert_int_equal(symlink("a.yaml", link), 0);
	open_at(&f, "repo", NULL);
	HIDDEN(&f, "repo/ext");
	HIDDEN(&f, "repo/ext/b.yaml");
	SHOWN(&f, "repo/same.yaml");
	done(&f);
}

static void test_symlink_loop_terminates(void **state)
{
	(void)state;
	fx f;
	tree(&f, T("a/x.yaml", "a/.sourceignore=x.yaml\n"));
	char link[4096];
	snprintf(link, sizeof link, "%s/a/loop", f.dir);
	assert_int_equal(symlink("..", link), 0);
	open_at(&f, "", NULL);
	HIDDEN(&f, "a/x.yaml");
	done(&f);
}

static void test_root_must_be_directory(void **state)
{
	(void)state;
	fx f;
	tree(&f, T("file"));
	err e = ERR_INIT;
	f.base = fsrc_open_dir(f.dir, &e);
	assert_null(fsrc_ignore_open(f.base, "file", NULL, &e));
	assert_non_null(strstr(e.msg, "not a directory"));
	err_clear(&e);
	f.ig = NULL;
	done(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vcs_paths_hidden),
		cmocka_unit_test(test_git_file_is_not_git_dir),
		cmocka_unit_test(test_default_extensions_hidden),
		cmocka_unit_test(test_default_extensions_exact_case),
		cmocka_unit_test(test_default_ci_files_hidden),
		cmocka_unit_test(test_default_github_is_directory_only),
		cmocka_unit_test(test_default_extra_any_depth),
		cmocka_unit_test(test_sourceignore_root_any_depth),
		cmocka_unit_test(test_sourceignore_drops_defaults_but_not_vcs),
		cmocka_unit_test(test_sourceignore_subdir_scoped),
		cmocka_unit_test(test_sourceignore_subdir_anchored),
		cmocka_unit_test(test_sourceignore_in_ignored_dir_drops_defaults),
		cmocka_unit_test(test_sourceignore_comments_only_keeps_defaults),
		cmocka_unit_test(test_sourceignore_unicode_blank_line_skipped),
		cmocka_unit_test(test_sourceignore_under_git_not_read),
		cmocka_unit_test(test_sourceignore_directory_not_read),
		cmocka_unit_test(test_subdir_sourceignore_beats_root),
		cmocka_unit_test(test_subdir_negation_beats_root),
		cmocka_unit_test(test_long_line_stops_reading),
		cmocka_unit_test(test_line_below_limit_read),
		cmocka_unit_test(test_negation_reincludes),
		cmocka_unit_test(test_last_match_wins),
		cmocka_unit_test(test_negation_below_excluded_dir),
		cmocka_unit_test(test_excluded_dir_is_missing),
		cmocka_unit_test(test_leading_slash_anchors),
		cmocka_unit_test(test_name_without_slash_any_depth),
		cmocka_unit_test(test_inner_slash_anchors),
		cmocka_unit_test(test_leading_double_star),
		cmocka_unit_test(test_middle_double_star),
		cmocka_unit_test(test_trailing_double_star_matches_itself),
		cmocka_unit_test(test_double_star_does_not_backtrack),
		cmocka_unit_test(test_double_star_inside_segment_never_matches),
		cmocka_unit_test(test_double_star_without_slash_is_star),
		cmocka_unit_test(test_directory_only_pattern),
		cmocka_unit_test(test_question_mark),
		cmocka_unit_test(test_character_class),
		cmocka_unit_test(test_negated_class_uses_caret),
		cmocka_unit_test(test_class_range),
		cmocka_unit_test(test_backslash_escapes),
		cmocka_unit_test(test_malformed_patterns_match_nothing),
		cmocka_unit_test(test_bare_bang_and_slash_match_nothing),
		cmocka_unit_test(test_trailing_spaces_trimmed),
		cmocka_unit_test(test_escaped_trailing_space_kept),
		cmocka_unit_test(test_leading_space_kept),
		cmocka_unit_test(test_trailing_tab_kept),
		cmocka_unit_test(test_crlf_lines),
		cmocka_unit_test(test_reinclusion_reaches_into_git_dir),
		cmocka_unit_test(test_spec_ignore_drops_defaults),
		cmocka_unit_test(test_spec_ignore_beats_sourceignore),
		cmocka_unit_test(test_sourceignore_loses_to_spec_ignore),
		cmocka_unit_test(test_spec_ignore_without_patterns_keeps_defaults),
		cmocka_unit_test(test_spec_ignore_anchored_at_repository_root),
		cmocka_unit_test(test_outside_root_dir_untouched),
		cmocka_unit_test(test_read_of_hidden_file_fails),
		cmocka_unit_test(test_resolve_of_hidden_path_fails),
		cmocka_unit_test(test_match_reports_patterns_only),
		cmocka_unit_test(test_symlink_out_of_root_hidden),
		cmocka_unit_test(test_symlink_loop_terminates),
		cmocka_unit_test(test_root_must_be_directory),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
