/* cmd_diff.c - `strata diff`: what a change does to what the clusters
 * receive, object by object, between two sides of the repository. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "strata/cmd.h"
#include "strata/rdiff_git.h"

static const char USAGE[] =
	"usage: strata diff [options] [PATH...]\n"
	"\n"
	"Renders every profile (or each PATH) at two sides of the Git repository and\n"
	"reports the objects that were added, removed or changed, with a unified\n"
	"diff of each changed object's YAML.  Objects are matched by group, kind,\n"
	"namespace and name: moving an object between files or reordering documents\n"
	"is no change, an apiVersion bump is a change, and a generated ConfigMap or\n"
	"Secret whose hash suffix changed is one change.  Secret values are masked.\n"
	"\n"
	"  --from REV          the old side (default HEAD)\n"
	"  --to REV            the new side: a revision\n"
	"  --cached            the new side: the index (also --staged)\n"
	"  --worktree          the new side: the work tree (the default)\n"
	"  --overlays          with no PATH: also every <group>/overlays/<env>\n"
	"                      kustomization, built as kustomize builds it\n"
	"  --format FORMAT     human (default), markdown or json\n"
	"  --no-color          no colours (they are used only on a terminal; NO_COLOR\n"
	"                      in the environment also turns them off)\n"
	"  --max-bytes N       markdown: keep the report within N bytes (a pull\n"
	"                      request comment's limit), listing what was cut\n"
	"  --name-only         one line per differing object: PATH ID\n"
	"  --exit-code         exit 1 when there are differences\n"
	"  -h, --help          show this help\n"
	"\n"
	"PATH is a profile directory or a kustomization directory; none means every\n"
	"directory directly below a top-level directory named profiles*.\n"
	"IDs read group/Kind/namespace/name (\"core\" for the core group, no\n"
	"namespace segment for cluster-scoped objects).\n"
	"\n"
	"Exit status: 0 compared (with --exit-code: no differences), 1 differences\n"
	"with --exit-code, 2 a side failed to render or wrong usage.\n";

struct diff_args {
	rdiff_git_opts git;
	const char *format;
	bool no_color, name_only, exit_code;
	size_t max_bytes;
};

static int usage_error(const char *fmt, const char *arg)
{
	fputs("strata diff: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\n", stderr);
	return 2;
}

static int parse_max_bytes(const char *s, size_t *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || end == s || *end || s[0] == '-' || v < RDIFF_MIN_MAX_BYTES)
		return usage_error("--max-bytes '%s': give a number of bytes, at least "
				   "256",
				   s);
	*out = (size_t)v;
	return 0;
}

static int set_to(struct diff_args *da, fsrc_git_side side, const char *rev, bool *set)
{
	if (*set)
		return usage_error("%s", "give one of --to REV, --cached and --worktree");
	*set = true;
	da->git.to_side = side;
	da->git.to_rev = rev;
	return 0;
}

static int check_args(const struct diff_args *da)
{
	const char *f = da->format;
	if (strcmp(f, "human") && strcmp(f, "markdown") && strcmp(f, "json"))
		return usage_error("--format must be human, markdown or json, not '%s'", f);
	if (da->max_bytes && strcmp(f, "markdown"))
		return usage_error("%s", "--max-bytes goes with --format markdown");
	if (da->name_only && strcmp(f, "human"))
		return usage_error("%s", "--name-only is a format of its own; drop --format");
	return 0;
}

static int parse_args(int argc, char **argv, struct diff_args *da)
{
	static const struct option opts[] = {
		{"from", required_argument, NULL, 'f'},
		{"to", required_argument, NULL, 't'},
		{"cached", no_argument, NULL, 'c'},
		{"staged", no_argument, NULL, 'c'},
		{"worktree", no_argument, NULL, 'w'},
		{"overlays", no_argument, NULL, 'O'},
		{"format", required_argument, NULL, 'F'},
		{"no-color", no_argument, NULL, 'N'},
		{"max-bytes", required_argument, NULL, 'M'},
		{"name-only", no_argument, NULL, 'n'},
		{"exit-code", no_argument, NULL, 'x'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	memset(da, 0, sizeof *da);
	da->format = "human";
	da->git.to_side = FSRC_GIT_WORKTREE;
	bool to_set = false;
	optind = 1;
	int c, rc = 0;
	while (!rc && (c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'f': da->git.from_rev = optarg; break;
		case 't': rc = set_to(da, FSRC_GIT_REV, optarg, &to_set); break;
		case 'c': rc = set_to(da, FSRC_GIT_INDEX, NULL, &to_set); break;
		case 'w': rc = set_to(da, FSRC_GIT_WORKTREE, NULL, &to_set); break;
		case 'O': da->git.overlays = true; break;
		case 'F': da->format = optarg; break;
		case 'N': da->no_color = true; break;
		case 'M': rc = parse_max_bytes(optarg, &da->max_bytes); break;
		case 'n': da->name_only = true; break;
		case 'x': da->exit_code = true; break;
		case 'h':
			fputs(USAGE, stdout);
			return -1;
		default:
			fputs(USAGE, stderr);
			return 2;
		}
	}
	if (rc)
		return rc;
	da->git.paths = argv + optind;
	da->git.npaths = (size_t)(argc - optind);
	if (da->git.npaths && da->git.overlays)
		return usage_error("%s", "--overlays picks the units itself; give no PATH with it");
	return check_args(da);
}

static bool want_color(bool no_color)
{
	const char *nc = getenv("NO_COLOR");
	return !no_color && !(nc && nc[0]) && isatty(STDOUT_FILENO);
}

static int print(const char *what, buf *b)
{
	if (b->len && fwrite(b->p, 1, b->len, what[0] == 'o' ? stdout : stderr) != b->len)
		return -1;
	return 0;
}

static int report(const struct diff_args *da, const rdiff_git *res)
{
	rdiff_report r = {res->v, res->n, res->from_label, res->to_label,
			  want_color(da->no_color), da->max_bytes};
	buf out = BUF_INIT, errs = BUF_INIT;
	err e = ERR_INIT;
	int rc = 0;
	if (da->name_only)
		rdiff_emit_names(&r, &out);
	else if (!strcmp(da->format, "markdown"))
		rdiff_emit_markdown(&r, &out);
	else if (!strcmp(da->format, "json"))
		rc = rdiff_emit_json(&r, &out, &e);
	else
		rdiff_emit_human(&r, &out);
	if (da->name_only || !strcmp(da->format, "human"))
		rdiff_emit_failures(&r, "strata diff", &errs);
	if (rc)
		fprintf(stderr, "strata diff: %s\n", e.msg);
	if (print("out", &out) || fflush(stdout)) {
		fprintf(stderr, "strata diff: writing the report: %s\n", strerror(errno));
		rc = -1;
	}
	print("err", &errs);
	buf_free(&out);
	buf_free(&errs);
	err_clear(&e);
	return rc;
}

int cmd_diff(int argc, char **argv)
{
	struct diff_args da;
	int rc = parse_args(argc, argv, &da);
	if (rc)
		return rc < 0 ? 0 : rc;
	arena *a = arena_new();
	err e = ERR_INIT;
	rdiff_git res;
	/* Both revisions render every unit: each file they share is parsed
	 * once. */
	da.git.pcache = pcache_new();
	if (rdiff_git_run(a, &da.git, &res, &e)) {
		fprintf(stderr, "strata diff: %s\n", e.msg ? e.msg : "failed");
		err_clear(&e);
		rc = 2;
	} else if (!res.n) {
		fprintf(stderr, "strata diff: no profile at %s or in %s (directories below a "
				"top-level profiles* directory); give the PATHs to compare\n",
			res.from_label, res.to_label);
		rc = 2;
	} else {
		rc = report(&da, &res);
		if (rc || res.failed)
			rc = 2;
		else
			rc = da.exit_code && res.differing ? 1 : 0;
	}
	arena_free(a);
	pcache_free(da.git.pcache);
	return rc;
}
