/* cmd_lift.c - `strata lift APP [PATCH...]`: fold the patches every
 * environment carries into the app's base, proven to change no render. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strata/cmd.h"
#include "strata/fsrc_git.h"
#include "strata/lift.h"

static const char USAGE[] =
	"usage: strata lift [options] APP [PATCH...]\n"
	"       strata lift --check [APP]\n"
	"\n"
	"Folds patches that every overlay using APP's base carries identically into\n"
	"the base: applies them to <group>/base/APP's manifests (keeping comments and\n"
	"formatting), deletes the overlays' copies and removes their kustomization\n"
	"entries.  PATCH is a file name in the overlays' APP folder (version.yaml);\n"
	"none means every liftable one.  Files starting with _ are never lifted.\n"
	"Nothing is written unless every overlay of the group and every profile\n"
	"(profiles*/<env>) renders the same objects before and after.\n"
	"\n"
	"  --group DIR   the group (a directory with base/ and overlays/), when more\n"
	"                than one has APP\n"
	"  --check       list what could be lifted (for APP, or every app) and write\n"
	"                nothing\n"
	"  --dry-run     print the plan, the files it would touch and the\n"
	"                verification; write nothing\n"
	"  --force       overwrite files that have uncommitted changes\n"
	"  --root DIR    repository root (default: the Git work tree holding the\n"
	"                current directory)\n"
	"  -h, --help    show this help\n"
	"\n"
	"An overlay that includes another overlay (resources: [../production])\n"
	"inherits the base through it: it need not carry the patch, and is verified\n"
	"like the others.\n"
	"\n"
	"Exit status: 0 lifted (or listed), 1 refused or something in the repository\n"
	"is wrong (the message says why and what to do), 2 wrong usage.\n";

struct lift_args {
	const char *app, *group, *root;
	char **patches;
	size_t npatches;
	bool check, dry_run, force;
};

static int usage_error(const char *fmt, const char *arg)
{
	fputs("strata lift: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\n", stderr);
	return 2;
}

static int parse_args(int argc, char **argv, struct lift_args *la)
{
	static const struct option opts[] = {
		{"group", required_argument, NULL, 'g'},
		{"root", required_argument, NULL, 'R'},
		{"check", no_argument, NULL, 'c'},
		{"dry-run", no_argument, NULL, 'n'},
		{"force", no_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	memset(la, 0, sizeof *la);
	optind = 1;
	int c;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'g': la->group = optarg; break;
		case 'R': la->root = optarg; break;
		case 'c': la->check = true; break;
		case 'n': la->dry_run = true; break;
		case 'f': la->force = true; break;
		case 'h':
			fputs(USAGE, stdout);
			return -1;
		default:
			fputs(USAGE, stderr);
			return 2;
		}
	}
	if (optind < argc)
		la->app = argv[optind++];
	la->patches = argv + optind;
	la->npatches = (size_t)(argc - optind);
	if (!la->app && !la->check)
		return usage_error("%s", "which app? e.g. strata lift app3 (or strata lift --check)");
	if (la->check && la->npatches)
		return usage_error("--check takes at most an app ('%s' is extra)", la->patches[0]);
	if (la->check && la->dry_run)
		return usage_error("%s", "--check already writes nothing; drop --dry-run");
	if (la->app && (strchr(la->app, '/') || la->app[0] == '.'))
		return usage_error("APP is the name of a directory in <group>/base ('%s' is a path)",
				   la->app);
	for (size_t i = 0; i < la->npatches; i++)
		if (strchr(la->patches[i], '/'))
			return usage_error("PATCH is a file name in the overlays' app folder, e.g. "
					   "version.yaml ('%s' is a path)",
					   la->patches[i]);
	return 0;
}

/* --- where --------------------------------------------------------------- */

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

static char *find_root(const struct lift_args *la, err *e)
{
	if (la->root) {
		char *r = realpath(la->root, NULL);
		if (!r)
			err_set(e, "--root %s: %s", la->root, strerror(errno));
		return r;
	}
	err ge = ERR_INIT;
	char *r = fsrc_git_workdir(".", &ge);
	err_clear(&ge);
	if (!r) {
		err_set(e, "the current directory is not inside a Git work tree; give the "
			   "repository root with --root DIR");
		return NULL;
	}
	size_t l = strlen(r);
	while (l > 1 && r[l - 1] == '/')
		r[--l] = 0;
	char *real = realpath(r, NULL);
	free(r);
	return real;
}

/* The groups to work on: --group, or every group holding the app. */
static int find_groups(arena *a, fsrc *fs, const char *root, const struct lift_args *la,
		       const char ***dirs, size_t *n, err *e)
{
	if (la->group) {
		char *abs = realpath(la->group, NULL);
		if (!abs)
			return err_set(e, "--group %s: %s", la->group, strerror(errno));
		const char *rel = below(a, root, abs);
		free(abs);
		if (!rel)
			return err_set(e, "--group %s lies outside the repository %s", la->group, root);
		*dirs = arena_alloc(a, sizeof **dirs);
		(*dirs)[0] = rel;
		*n = 1;
		return 0;
	}
	if (lift_find_groups(a, fs, la->app, dirs, n, e))
		return -1;
	if (!*n && la->app)
		return err_set(e, "no group in %s has an app %s (looked for <group>/base/%s with "
				  "<group>/overlays beside it); check the name, or give --group DIR",
			       root, la->app, la->app);
	if (!*n)
		return err_set(e, "no group in %s (a directory with base/ and overlays/); give "
				  "--group DIR",
			       root);
	if (*n > 1 && !la->check) {
		buf b = BUF_INIT;
		for (size_t i = 0; i < *n; i++)
			buf_printf(&b, "\n  %s", (*dirs)[i]);
		err_set(e, "app %s is in more than one group; pick one with --group DIR:%s", la->app,
			b.p);
		buf_free(&b);
		return -1;
	}
	return 0;
}

/* --- planning and proving ------------------------------------------------ */

static const char *gname(const lift_group *g)
{
	return *g->dir ? g->dir : ".";
}

/* Stages the lift in a new transaction and renders both sides. */
static int prove(arena *a, fsrc *fs, const char *root, const lift_group *g, lift_cand *const *sel,
		 size_t n, const lift_out *lo, txn **tout, lift_check *chk, err *e)
{
	txn *t = txn_new(root);
	int rc = lift_stage(a, fs, g, sel, n, lo, t, e);
	fsrc *after = rc ? NULL : txn_view(t, fs);
	if (!rc)
		rc = lift_verify(a, fs, after, g, chk, e);
	if (after)
		fsrc_close(after);
	if (rc || !tout)
		txn_free(t);
	else
		*tout = t;
	return rc;
}

static const char *differing_units(arena *a, const lift_check *chk)
{
	buf b = BUF_INIT;
	for (size_t i = 0; i < chk->n; i++)
		if (chk->v[i].error || chk->v[i].set.n)
			buf_printf(&b, "%s%s", b.len ? ", " : "", chk->v[i].name);
	const char *r = arena_strdup(a, b.p ? b.p : "");
	buf_free(&b);
	return r;
}

static int check_one(arena *a, fsrc *fs, const char *root, const lift_group *g, lift_cand *c,
		     err *e)
{
	if (!c->why) {
		lift_out lo;
		lift_cand *sel[1] = {c};
		int rc = lift_apply(a, fs, g, sel, 1, &lo, e);
		buf_free(&lo.notes);
		if (rc < 0)
			return -1;
		lift_check chk;
		if (!rc && !prove(a, fs, root, g, sel, 1, &lo, NULL, &chk, e)) {
			if (chk.differing)
				c->why = arena_sprintf(a, "lifting it would change what %s render%s",
						       differing_units(a, &chk),
						       chk.differing == 1 ? "s" : "");
			buf_free(&chk.unverified);
		} else if (!rc) {
			return -1;
		}
	}
	printf("  %-24s %s%s\n", c->name, c->why ? "not liftable: " : "liftable",
	       c->why ? c->why : "");
	return 0;
}

static int check_app(arena *a, fsrc *fs, const char *root, const lift_group *g, err *e)
{
	lift_cand *v;
	size_t n;
	if (lift_candidates(a, fs, g, &v, &n, e))
		return -1;
	printf("%s (%s):%s\n", g->app, g->base, n ? "" : " no promotable patch files");
	for (size_t i = 0; i < n; i++)
		if (check_one(a, fs, root, g, &v[i], e))
			return -1;
	return 0;
}

static int run_check(arena *a, fsrc *fs, const char *root, const struct lift_args *la,
		     const char **groups, size_t ngroups, err *e)
{
	for (size_t i = 0; i < ngroups; i++) {
		const char *one[1] = {la->app}, **apps = one;
		size_t napps = 1;
		if (!la->app && lift_list_apps(a, fs, groups[i], &apps, &napps, e))
			return -1;
		for (size_t j = 0; j < napps; j++) {
			err le = ERR_INIT;
			lift_group g;
			if (lift_load(a, fs, groups[i], apps[j], &g, &le)) {
				printf("%s: %s\n", apps[j], le.msg);
				err_clear(&le);
				continue;
			}
			if (check_app(a, fs, root, &g, e))
				return -1;
		}
	}
	return 0;
}

/* The candidates to lift: the named ones (each must be liftable), or every
 * liftable one.  1 with e when nothing can go. */
static int select_cands(arena *a, const lift_group *g, lift_cand *v, size_t n,
			const struct lift_args *la, lift_cand ***sel, size_t *nsel, err *e)
{
	*sel = arena_alloc(a, (n + la->npatches + 1) * sizeof **sel);
	*nsel = 0;
	buf why = BUF_INIT;
	for (size_t i = 0; i < la->npatches; i++) {
		const char *p = la->patches[i];
		lift_cand *c = NULL;
		for (size_t j = 0; j < n && !c; j++)
			if (!strcmp(v[j].name, p))
				c = &v[j];
		if (p[0] == '_')
			buf_printf(&why, "\n  %s: a static patch (its name starts with _): it belongs "
					 "to its environment and is never lifted", p);
		else if (!c)
			buf_printf(&why, "\n  %s: no overlay of %s has %s/%s", p, gname(g), g->app, p);
		else if (c->why)
			buf_printf(&why, "\n  %s: %s", p, c->why);
		else
			(*sel)[(*nsel)++] = c;
	}
	for (size_t j = 0; !la->npatches && j < n; j++) {
		if (v[j].why)
			buf_printf(&why, "\n  %s: %s", v[j].name, v[j].why);
		else
			(*sel)[(*nsel)++] = &v[j];
	}
	int rc = 0;
	if (la->npatches && why.len)
		rc = err_set(e, "not lifting anything for %s in %s:%s", g->app, gname(g), why.p);
	else if (!*nsel)
		rc = err_set(e, "nothing to lift for %s in %s%s%s", g->app, gname(g),
			     why.len ? ":" : " (no promotable patch files)", why.len ? why.p : "");
	else if (why.len)
		printf("left in the overlays:%s\n", why.p);
	buf_free(&why);
	return rc;
}

static void print_plan(const lift_group *g, lift_cand *const *sel, size_t n)
{
	printf("lift into %s:", g->base);
	for (size_t i = 0; i < n; i++)
		printf(" %s", sel[i]->name);
	printf("\n  carried by");
	for (size_t i = 0, k = 0; i < g->nov; i++)
		if (g->ov[i].use == LIFT_DIRECT)
			printf("%s %s", k++ ? "," : "", g->ov[i].name);
	printf("\n");
	for (size_t i = 0; i < g->nov; i++)
		if (g->ov[i].use == LIFT_INHERITS)
			printf("  %s inherits the base through %s\n", g->ov[i].name, g->ov[i].via);
}

static void print_diff(const lift_check *chk)
{
	rdiff_unit *v = malloc((chk->n + 1) * sizeof *v);
	size_t n = 0;
	for (size_t i = 0; i < chk->n; i++)
		if (chk->v[i].set.n)
			v[n++] = chk->v[i];
	rdiff_report r = {.v = v, .n = n, .from_label = "before", .to_label = "after the lift"};
	buf out = BUF_INIT;
	rdiff_emit_human(&r, &out);
	for (size_t i = 0; i < chk->n; i++)
		if (chk->v[i].error)
			buf_printf(&out, "%s: %s\n", chk->v[i].name, chk->v[i].error);
	fputs(out.p ? out.p : "", stdout);
	buf_free(&out);
	free(v);
}

static int run_lift(arena *a, fsrc *fs, const char *root, const struct lift_args *la,
		    const char *group, err *e)
{
	lift_group g;
	lift_cand *v, **sel;
	size_t n, nsel;
	if (lift_load(a, fs, group, la->app, &g, e) || lift_candidates(a, fs, &g, &v, &n, e) ||
	    select_cands(a, &g, v, n, la, &sel, &nsel, e))
		return -1;
	lift_out lo;
	int rc = lift_apply(a, fs, &g, sel, nsel, &lo, e);
	if (rc > 0) {
		buf why = BUF_INIT;
		for (size_t i = 0; i < nsel; i++)
			if (sel[i]->why)
				buf_printf(&why, "\n  %s: %s", sel[i]->name, sel[i]->why);
		err_set(e, "not lifting anything for %s in %s:%s", g.app, gname(&g), why.p);
		buf_free(&why);
	}
	if (rc) {
		buf_free(&lo.notes);
		return -1;
	}
	print_plan(&g, sel, nsel);
	if (lo.notes.len)
		printf("note: %s", lo.notes.p);
	buf_free(&lo.notes);
	txn *t = NULL;
	lift_check chk;
	if (prove(a, fs, root, &g, sel, nsel, &lo, &t, &chk, e))
		return -1;
	buf files = BUF_INIT;
	txn_describe(t, &files);
	printf("files:\n%s", files.p ? files.p : "");
	buf_free(&files);
	if (chk.unverified.len)
		printf("warning: not verified (they fail to render before and after):\n%s",
		       chk.unverified.p);
	buf_free(&chk.unverified);
	if (chk.differing) {
		print_diff(&chk);
		rc = err_set(e, "refused: the lift would change what %s render%s (differences "
				"above); nothing was written.  A patch that something later in an "
				"overlay overrides or depends on cannot move into the base as it is",
			     differing_units(a, &chk), chk.differing == 1 ? "s" : "");
	} else {
		printf("verified: %zu overlays and profiles render the same %zu objects\n", chk.n,
		       chk.objects);
		if (la->dry_run)
			printf("dry run: nothing written\n");
		else if (!(rc = txn_commit(t, la->force, e)))
			printf("lifted %zu patch%s into %s\n", nsel, nsel == 1 ? "" : "es", g.base);
	}
	txn_free(t);
	return rc;
}

static int run(const struct lift_args *la, err *e)
{
	arena *a = arena_new();
	char *root = find_root(la, e);
	fsrc *fs = root ? fsrc_open_dir(root, e) : NULL;
	const char **groups;
	size_t ngroups;
	int rc = fs ? find_groups(a, fs, root, la, &groups, &ngroups, e) : -1;
	if (!rc && la->check)
		rc = run_check(a, fs, root, la, groups, ngroups, e);
	else if (!rc)
		rc = run_lift(a, fs, root, la, groups[0], e);
	if (fs)
		fsrc_close(fs);
	free(root);
	arena_free(a);
	return rc;
}

int cmd_lift(int argc, char **argv)
{
	struct lift_args la;
	int rc = parse_args(argc, argv, &la);
	if (rc)
		return rc < 0 ? 0 : rc;
	err e = ERR_INIT;
	fflush(stdout);
	rc = run(&la, &e);
	fflush(stdout);
	if (rc) {
		fprintf(stderr, "strata lift: %s\n", e.msg ? e.msg : "failed");
		rc = e.status == 2 ? 2 : 1;
		err_clear(&e);
	}
	return rc;
}
