/* cmd_build.c - `strata build [DIR]`: a drop-in for `kustomize build`. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "strata/build.h"
#include "strata/cmd.h"
#include "strata/fsrc_git.h"
#include "strata/atomic.h"
#include "strata/limits.h"
#include "strata/path.h"
#include "strata/pool.h"

static const char USAGE[] =
	"usage: strata build [options] [DIR]\n"
	"\n"
	"Builds the kustomization in DIR (default: the current directory) and prints\n"
	"the result exactly as Kustomize v5.5.0's `kustomize build` does.\n"
	"\n"
	"  --load-restrictor RULE  LoadRestrictionsRootOnly (default): files must lie\n"
	"                          in or below their kustomization's directory;\n"
	"                          LoadRestrictionsNone lifts that rule\n"
	"  -j, --jobs N            build the bases of a kustomization and print the\n"
	"                          output on N threads (default: one per core); the\n"
	"                          output is the same for every N\n"
	"  -o, --output FILE       write to FILE (atomically) instead of stdout\n"
	"  --root DIR              nothing outside DIR is ever read, whatever the load\n"
	"                          restrictor and symlinks say (default: the Git work\n"
	"                          tree holding the kustomization; outside Git, none)\n"
	"%s"
	"  -h, --help              show this help\n"
	"\n"
	"Exit status: 0 built, 1 the kustomization is wrong (the message names the\n"
	"file, line and column), 2 wrong usage.\n";

struct build_args {
	const char *dir;
	const char *output;
	const char *root;
	bool no_restrict;
	int jobs;
	limits lim;
};

static int parse_args(int argc, char **argv, struct build_args *ba)
{
	static const struct option opts[] = {
		{"load-restrictor", required_argument, NULL, 'L'},
		{"output", required_argument, NULL, 'o'},
		{"jobs", required_argument, NULL, 'j'},
		{"root", required_argument, NULL, 'R'},
		{"help", no_argument, NULL, 'h'},
		LIMITS_LONG_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	memset(ba, 0, sizeof *ba);
	ba->dir = ".";
	ba->lim = limits_default;
	optind = 1;
	int c;
	while ((c = getopt_long(argc, argv, "o:j:h", opts, NULL)) != -1) {
		switch (c) {
		case 'L':
			if (!strcmp(optarg, "LoadRestrictionsNone"))
				ba->no_restrict = true;
			else if (strcmp(optarg, "LoadRestrictionsRootOnly")) {
				fprintf(stderr, "strata build: --load-restrictor must be "
						"LoadRestrictionsRootOnly or LoadRestrictionsNone, "
						"not '%s'\n",
					optarg);
				return 2;
			}
			break;
		case 'o':
			ba->output = optarg;
			break;
		case 'j':
			if (!pool_parse_jobs(optarg, &ba->jobs)) {
				fprintf(stderr, "strata build: --jobs '%s': expected a number from 1 "
						"to %d\n",
					optarg, POOL_MAX_JOBS);
				return 2;
			}
			break;
		case 'R':
			ba->root = optarg;
			break;
		case 'h':
			printf(USAGE, LIMITS_HELP);
			return -1;
		default:
			if (limits_option(&ba->lim, c, optarg, "strata build") == 0)
				break;
			if (c >= LIMITS_OPT_FILE_SIZE && c <= LIMITS_OPT_DOCS)
				return 2;
			fprintf(stderr, USAGE, LIMITS_HELP);
			return 2;
		}
	}
	if (optind < argc)
		ba->dir = argv[optind++];
	if (optind < argc) {
		fprintf(stderr, "strata build: one directory at a time ('%s' is extra)\n",
			argv[optind]);
		return 2;
	}
	return 0;
}

/* Absolute path without its leading slash: the fsrc-relative form. */
static char *rel_to_root(const char *p, err *e)
{
	char *r = realpath(p, NULL);
	if (!r) {
		err_set(e, "'%s': %s; give the directory that holds kustomization.yaml", p,
			strerror(errno));
		return NULL;
	}
	memmove(r, r + 1, strlen(r));
	return r;
}

/* The directory nothing outside of which is read: --root, else the Git
 * work tree of the kustomization, else "/" (kustomize's own reach). */
static char *fence_for(const struct build_args *ba, const char *dir, err *e)
{
	if (!ba->root) {
		char *abs = malloc(strlen(dir) + 2);
		sprintf(abs, "/%s", dir);
		char *wt = fsrc_git_work_tree_of(abs);
		free(abs);
		return wt ? wt : strdup("/");
	}
	char *r = realpath(ba->root, NULL);
	if (!r) {
		err_set(e, "--root %s: %s", ba->root, strerror(errno));
		return NULL;
	}
	if (!path_within(dir, r + 1)) {
		err_set(e, "'%s' lies outside --root %s; give a root that holds the "
			   "kustomization",
			ba->dir, ba->root);
		free(r);
		return NULL;
	}
	return r;
}

static int run(const struct build_args *ba, err *e)
{
	char *dir = rel_to_root(ba->dir, e);
	if (!dir)
		return -1;
	char *cwd = rel_to_root(".", e);
	char *fence = cwd ? fence_for(ba, dir, e) : NULL;
	fsrc_dir_opts fo = {.fence = fence, .max_file_size = ba->lim.max_file_size,
			    .stable = true};
	fsrc *fs = fence ? fsrc_open_dir_opts("/", &fo, e) : NULL;
	free(fence);
	if (!fs) {
		free(dir);
		free(cwd);
		return -1;
	}
	limits_apply(&ba->lim);
	arena *a = arena_new();
	build b;
	build_opts o = {.load_restrictions_none = ba->no_restrict, .display_base = cwd,
			.display_root = "/", .max_output_size = ba->lim.max_output_size,
			.jobs = (int)pool_workers(ba->jobs, POOL_MAX_JOBS),
			/* git's GIT_TEST_* way: the parallel paths on small
			 * inputs too, so the tests reach them. */
			.par_always = getenv("STRATA_TEST_PARALLEL") != NULL};
	build_init(&b, a, fs, &o);
	resmap m;
	buf out = BUF_INIT;
	int rc = build_run(&b, dir, &m, e);
	if (b.warnings.len)
		fputs(b.warnings.p, stderr);
	if (!rc)
		rc = build_emit(&b, &m, &out, e);
	if (!rc) {
		if (ba->output)
			rc = atomic_write_file(ba->output, out.p ? out.p : "", out.len, e);
		else if (out.len && fwrite(out.p, 1, out.len, stdout) != out.len)
			rc = err_set(e, "writing output: %s", strerror(errno));
	}
	buf_free(&out);
	build_release(&b);
	arena_free(a);
	fsrc_close(fs);
	free(dir);
	free(cwd);
	return rc;
}

int cmd_build(int argc, char **argv)
{
	struct build_args ba;
	int rc = parse_args(argc, argv, &ba);
	if (rc)
		return rc < 0 ? 0 : rc;
	err e = ERR_INIT;
	if (run(&ba, &e)) {
		fprintf(stderr, "Error: %s\n", e.msg ? e.msg : "unknown error");
		int status = e.status ? e.status : 1;
		err_clear(&e);
		return status;
	}
	return 0;
}
