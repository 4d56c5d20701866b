/* cmd_check.c - `strata check`: the pre-commit proof that a commit changes
 * nothing the clusters receive (lifts, refactors, file moves). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "strata/cmd.h"
#include "strata/rdiff_git.h"

static const char USAGE[] =
	"usage: strata check [--worktree]\n"
	"\n"
	"Renders every profile (each directory directly below a top-level profiles*\n"
	"directory) at HEAD and from the index, and fails when any object differs:\n"
	"the check that a commit is a no-op for the clusters, as a lift or a\n"
	"refactor must be.  Run it as a pre-commit hook (.pre-commit-hooks.yaml,\n"
	"scripts/pre-commit); for a commit meant to change objects, use\n"
	"`strata diff --cached` to review it and commit with --no-verify.\n"
	"\n"
	"  --worktree   compare HEAD with the work tree instead of the index\n"
	"  --no-color   no colours in the differences\n"
	"  -h, --help   show this help\n"
	"\n"
	"Exit status: 0 nothing changed, 1 objects changed (the differences are\n"
	"printed), 2 a profile failed to render or wrong usage.\n";

static int parse_args(int argc, char **argv, bool *worktree, bool *no_color)
{
	static const struct option opts[] = {
		{"worktree", no_argument, NULL, 'w'},
		{"no-color", no_argument, NULL, 'N'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	*worktree = *no_color = false;
	optind = 1;
	int c;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'w': *worktree = true; break;
		case 'N': *no_color = true; break;
		case 'h':
			fputs(USAGE, stdout);
			return -1;
		default:
			fputs(USAGE, stderr);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "strata check: '%s': check takes no paths; it checks every "
				"profile (use strata diff PATH for one)\n",
			argv[optind]);
		return 2;
	}
	return 0;
}

static void print_result(const rdiff_git *res, bool no_color, bool worktree)
{
	const char *nc = getenv("NO_COLOR");
	rdiff_report r = {res->v, res->n, res->from_label, res->to_label,
			  !no_color && !(nc && nc[0]) && isatty(STDOUT_FILENO), 0};
	buf out = BUF_INIT, errs = BUF_INIT;
	if (res->differing)
		rdiff_emit_human(&r, &out);
	rdiff_emit_failures(&r, "strata check", &errs);
	if (res->failed)
		buf_printf(&errs, "strata check: %zu of %zu profiles failed to render\n",
			   res->failed, res->n);
	else if (res->differing)
		buf_printf(&errs, "strata check: %s changes what %zu of %zu profiles deploy; if "
				  "that is intended, review it with `strata diff%s` and commit "
				  "with --no-verify\n",
			   res->to_label, res->differing, res->n, worktree ? "" : " --cached");
	else if (!res->n)
		buf_printf(&errs, "strata check: no profile to check (no directory below a "
				  "top-level profiles* directory at %s or in %s)\n",
			   res->from_label, res->to_label);
	else
		buf_printf(&out, "strata check: %zu profile%s render%s the same at %s and in %s\n",
			   res->n, res->n == 1 ? "" : "s", res->n == 1 ? "s" : "", res->from_label,
			   res->to_label);
	if (out.len)
		fwrite(out.p, 1, out.len, stdout);
	fflush(stdout);
	if (errs.len)
		fwrite(errs.p, 1, errs.len, stderr);
	buf_free(&out);
	buf_free(&errs);
}

int cmd_check(int argc, char **argv)
{
	bool worktree, no_color;
	int rc = parse_args(argc, argv, &worktree, &no_color);
	if (rc)
		return rc < 0 ? 0 : rc;
	/* Both sides render every profile: each file they share is parsed
	 * once. */
	rdiff_git_opts o = {.to_side = worktree ? FSRC_GIT_WORKTREE : FSRC_GIT_INDEX,
			    .pcache = pcache_new()};
	arena *a = arena_new();
	err e = ERR_INIT;
	rdiff_git res;
	if (rdiff_git_run(a, &o, &res, &e)) {
		fprintf(stderr, "strata check: %s\n", e.msg ? e.msg : "failed");
		err_clear(&e);
		rc = 2;
	} else {
		print_result(&res, no_color, worktree);
		rc = res.failed ? 2 : res.differing ? 1 : 0;
	}
	arena_free(a);
	pcache_free(o.pcache);
	return rc;
}
