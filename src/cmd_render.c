/* cmd_render.c - `strata render PROFILE`: everything Flux would apply for a
 * profile, as one YAML stream, JSON, or one file per Kustomization. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "strata/atomic.h"
#include "strata/cmd.h"
#include "strata/fsrc_git.h"
#include "strata/fsrc_ignore.h"
#include "strata/limits.h"
#include "strata/parse.h"
#include "strata/path.h"
#include "strata/pool.h"
#include "strata/render.h"

static const char USAGE[] =
	"usage: strata render [options] PROFILE\n"
	"\n"
	"Prints everything Flux would apply for the profile directory PROFILE: its own\n"
	"objects, then every Flux Kustomization found there (and below), built from\n"
	"its spec.path with Flux's fields, postBuild substitution and owner labels,\n"
	"in dependsOn order.\n"
	"\n"
	"  --root DIR             repository root (default: the Git work tree that\n"
	"                         holds PROFILE); spec.path values are relative to it\n"
	"  -o, --output FORMAT    yaml (default) or json\n"
	"  --output-dir DIR       one file per Kustomization, DIR/<namespace>/<name>.yaml;\n"
	"                         stale .yaml files in DIR are removed\n"
	"  --only NAME            render only this Kustomization (NAME or NAMESPACE/NAME)\n"
	"  --with-deps            with --only: also what it depends on\n"
	"  --var KEY=VALUE        a substitution value that exists only in the cluster\n"
	"                         (repeatable; used by Kustomizations with postBuild)\n"
	"  --vars-file FILE       such values from FILE: KEY=VALUE lines, or a YAML map\n"
	"                         for a .yaml/.yml/.json file\n"
	"  --strict-substitute    an unset variable without a default is an error\n"
	"                         (also --strict)\n"
	"  --source KIND/NS/NAME  the source this repository is (default: the sourceRef\n"
	"                         of the Kustomization that syncs PROFILE)\n"
	"  -j, --jobs N           build N Kustomizations at once, each on up to N\n"
	"                         threads (default: one per core); the output is the\n"
	"                         same for every N\n"
	"%s"
	"  -h, --help             show this help\n"
	"\n"
	"Exit status: 0 rendered, 1 something in the repository is wrong (the message\n"
	"names the Kustomization, file, line and column), 2 wrong usage.\n";

struct render_args {
	const char *profile, *root, *format, *output_dir, *only, *source, *vars_file;
	bool with_deps, strict;
	int jobs;
	const char **vars;
	size_t nvars;
	limits lim;
};

static int usage_error(const char *fmt, const char *arg)
{
	fputs("strata render: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\n", stderr);
	return 2;
}

static int parse_args(int argc, char **argv, struct render_args *ra)
{
	static const struct option opts[] = {
		{"root", required_argument, NULL, 'R'},
		{"output", required_argument, NULL, 'o'},
		{"output-dir", required_argument, NULL, 'D'},
		{"only", required_argument, NULL, 'O'},
		{"with-deps", no_argument, NULL, 'W'},
		{"var", required_argument, NULL, 'V'},
		{"vars-file", required_argument, NULL, 'F'},
		{"strict", no_argument, NULL, 'S'},
		{"strict-substitute", no_argument, NULL, 'S'},
		{"source", required_argument, NULL, 's'},
		{"jobs", required_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		LIMITS_LONG_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	memset(ra, 0, sizeof *ra);
	ra->format = "yaml";
	ra->lim = limits_default;
	ra->vars = calloc((size_t)argc + 1, sizeof *ra->vars);
	optind = 1;
	int c;
	while ((c = getopt_long(argc, argv, "o:j:h", opts, NULL)) != -1) {
		switch (c) {
		case 'R': ra->root = optarg; break;
		case 'o': ra->format = optarg; break;
		case 'D': ra->output_dir = optarg; break;
		case 'O': ra->only = optarg; break;
		case 'W': ra->with_deps = true; break;
		case 'V':
			if (!strchr(optarg, '='))
				return usage_error("--var '%s': expected KEY=VALUE", optarg);
			ra->vars[ra->nvars++] = optarg;
			break;
		case 'F': ra->vars_file = optarg; break;
		case 'S': ra->strict = true; break;
		case 's': ra->source = optarg; break;
		case 'j':
			if (!pool_parse_jobs(optarg, &ra->jobs))
				return usage_error("--jobs '%s': expected a number from 1 to 1024",
						   optarg);
			break;
		case 'h':
			printf(USAGE, LIMITS_HELP);
			return -1;
		default:
			if (limits_option(&ra->lim, c, optarg, "strata render") == 0)
				break;
			if (c >= LIMITS_OPT_FILE_SIZE && c <= LIMITS_OPT_DOCS)
				return 2;
			fprintf(stderr, USAGE, LIMITS_HELP);
			return 2;
		}
	}
	if (strcmp(ra->format, "yaml") && strcmp(ra->format, "json"))
		return usage_error("--output must be yaml or json, not '%s'", ra->format);
	if (ra->output_dir && !strcmp(ra->format, "json"))
		return usage_error("%s", "--output-dir writes YAML files; drop -o json");
	if (ra->with_deps && !ra->only)
		return usage_error("%s", "--with-deps goes with --only NAME");
	if (optind >= argc)
		return usage_error("%s", "which profile? e.g. strata render profiles/production");
	ra->profile = argv[optind++];
	if (optind < argc)
		return usage_error("one profile at a time ('%s' is extra)", argv[optind]);
	return 0;
}

/* abs below root, as a root-relative path; NULL when outside. */
static const char *below(arena *a, const char *root, const char *abs)
{
	size_t rl = strcmp(root, "/") ? strlen(root) : 0;
	if (strncmp(abs, root, rl) || (abs[rl] && abs[rl] != '/'))
		return NULL;
	const char *rest = abs + rl;
	while (*rest == '/')
		rest++;
	return arena_strdup(a, rest);
}

static int add_kv_line(arena *a, varsub_vars *v, const char *file, unsigned line, const char *s,
		       size_t len, err *e)
{
	while (len && (s[len - 1] == '\r' || s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	while (len && (*s == ' ' || *s == '\t'))
		s++, len--;
	if (!len || *s == '#')
		return 0;
	const char *eq = memchr(s, '=', len);
	if (!eq || eq == s)
		return err_at(e, file, line, 1, "expected KEY=VALUE, got '%.*s'", (int)len, s);
	char *key = arena_strndup(a, s, (size_t)(eq - s));
	varsub_set(a, v, key, eq + 1, len - (size_t)(eq - s) - 1);
	return 0;
}

static int vars_from_yaml(arena *a, varsub_vars *v, const char *file, const char *data,
			  size_t len, err *e)
{
	parse_docs docs;
	parse_limits lim = parse_default_limits;
	lim.last_key_wins = 1;
	if (parse_yaml_limits(a, file, data, len, &lim, &docs, e))
		return -1;
	node *m = docs.n ? docs.v[0] : NULL;
	if (!m || m->kind != NODE_MAP)
		return err_set(e, "%s: expected a map of variable names to values", file);
	for (uint32_t i = 0; i < m->map.n; i++) {
		node *val = m->map.v[i].val;
		if (!node_is_scalar(val))
			return err_at(e, val->file, val->line, val->col,
				      "the value of %s must be a string", m->map.v[i].key->str.s);
		varsub_set(a, v, m->map.v[i].key->str.s, val->str.s, val->str.len);
	}
	return 0;
}

static int load_vars_file(arena *a, varsub_vars *v, const char *file, err *e)
{
	FILE *f = fopen(file, "rb");
	if (!f)
		return err_set(e, "--vars-file %s: %s", file, strerror(errno));
	buf b = BUF_INIT;
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	const char *data = b.p ? b.p : "";
	const char *dot = strrchr(file, '.');
	int rc = 0;
	if (dot && (!strcmp(dot, ".yaml") || !strcmp(dot, ".yml") || !strcmp(dot, ".json"))) {
		rc = vars_from_yaml(a, v, file, data, b.len, e);
	} else {
		unsigned line = 1;
		for (const char *s = data; !rc && s < data + b.len; line++) {
			const char *nl = memchr(s, '\n', (size_t)(data + b.len - s));
			size_t l = nl ? (size_t)(nl - s) : (size_t)(data + b.len - s);
			rc = add_kv_line(a, v, file, line, s, l, e);
			s += l + 1;
		}
	}
	buf_free(&b);
	return rc;
}

static int cli_vars(arena *a, const struct render_args *ra, render_opts *o, err *e)
{
	if (ra->vars_file && load_vars_file(a, &o->cli_vars, ra->vars_file, e))
		return -1;
	for (size_t i = 0; i < ra->nvars; i++) {
		const char *eq = strchr(ra->vars[i], '=');
		varsub_set(a, &o->cli_vars, arena_strndup(a, ra->vars[i], (size_t)(eq - ra->vars[i])),
			   eq + 1, strlen(eq + 1));
	}
	o->have_cli_vars = ra->vars_file || ra->nvars;
	return 0;
}

static int locate(arena *a, const struct render_args *ra, char **root, render_opts *o, err *e)
{
	char *prof = realpath(ra->profile, NULL);
	if (!prof)
		return err_set(e, "%s: %s; give the profile directory, e.g. profiles/production",
			       ra->profile, strerror(errno));
	*root = ra->root ? realpath(ra->root, NULL) : fsrc_git_work_tree_of(prof);
	if (!*root && !ra->root) {
		/* Not in Git (an unpacked artifact, a copy): spec.path values
		 * are then taken from where the user stands. */
		char *cwd = realpath(".", NULL);
		if (cwd && strcmp(cwd, "/") && below(a, cwd, prof)) {
			fprintf(stderr, "strata render: %s is not inside a Git work tree; using the "
					"current directory as the repository root (--root DIR "
					"overrides)\n",
				ra->profile);
			*root = cwd;
		} else {
			free(cwd);
		}
	}
	if (!*root) {
		free(prof);
		if (ra->root)
			return err_set(e, "--root %s: %s", ra->root, strerror(errno));
		return err_set(e, "%s is not inside a Git work tree nor below the current "
				  "directory; give the repository root with --root DIR",
			       ra->profile);
	}
	o->profile = below(a, *root, prof);
	free(prof);
	if (!o->profile)
		return err_set(e, "%s lies outside the repository root %s", ra->profile, *root);
	char *cwd = realpath(".", NULL);
	o->display_base = cwd ? below(a, *root, cwd) : NULL;
	free(cwd);
	if (!o->display_base)
		o->display_base = "";
	return 0;
}

static int output(render *r, const struct render_args *ra, err *e)
{
	size_t *idx = malloc((r->n + 1) * sizeof *idx), n;
	int rc = render_select(r, ra->only, ra->with_deps, idx, &n, e);
	if (!rc && ra->output_dir) {
		rc = render_write_dir(r, idx, n, ra->output_dir, e);
	} else if (!rc) {
		buf out = BUF_INIT;
		rc = !strcmp(ra->format, "json") ? render_emit_json(r, idx, n, &out, e)
						 : render_emit_yaml(r, idx, n, &out, e);
		if (!rc && out.len && fwrite(out.p, 1, out.len, stdout) != out.len)
			rc = err_set(e, "writing the output: %s", strerror(errno));
		buf_free(&out);
	}
	free(idx);
	return rc;
}

static int run(const struct render_args *ra, err *e)
{
	arena *a = arena_new();
	render_opts o = {.source = ra->source, .strict = ra->strict, .jobs = ra->jobs,
			 .max_output_size = ra->lim.max_output_size, .threaded_builds = true,
			 .par_always = getenv("STRATA_TEST_PARALLEL") != NULL};
	fsrc_dir_opts fo = {.max_file_size = ra->lim.max_file_size, .stable = true};
	limits_apply(&ra->lim);
	char *root = NULL;
	fsrc *base = NULL, *fs = NULL;
	int rc = locate(a, ra, &root, &o, e);
	if (!rc)
		rc = cli_vars(a, ra, &o, e);
	if (!rc)
		rc = (base = fsrc_open_dir_opts(root, &fo, e)) ? 0 : -1;
	if (!rc)
		rc = (fs = fsrc_ignore_open(base, "", NULL, e)) ? 0 : -1;
	render r;
	render_init(&r, a, fs, &o);
	if (!rc)
		rc = render_run(&r, e);
	const char *ignore = rc ? NULL : render_source_ignore(&r);
	if (ignore) {
		/* The GitRepository's spec.ignore shapes the artifact: render
		 * again over a source that leaves those paths out too. */
		render_release(&r);
		fsrc_close(fs);
		fs = fsrc_ignore_open(base, "", ignore, e);
		rc = fs ? 0 : -1;
		render_init(&r, a, fs, &o);
		if (!rc)
			rc = render_run(&r, e);
	}
	if (!rc)
		rc = output(&r, ra, e);
	if (r.notes.len)
		fputs(r.notes.p, stderr);
	render_release(&r);
	if (fs)
		fsrc_close(fs);
	if (base)
		fsrc_close(base);
	free(root);
	arena_free(a);
	return rc;
}

int cmd_render(int argc, char **argv)
{
	struct render_args ra;
	int rc = parse_args(argc, argv, &ra);
	if (rc) {
		free(ra.vars);
		return rc < 0 ? 0 : rc;
	}
	err e = ERR_INIT;
	rc = run(&ra, &e);
	free(ra.vars);
	if (rc) {
		fprintf(stderr, "strata render: %s\n", e.msg ? e.msg : "failed");
		rc = e.status == 2 ? 2 : 1;
		err_clear(&e);
		return rc;
	}
	return 0;
}
