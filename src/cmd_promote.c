/* cmd_promote.c - `strata promote SRC DST APP`: overlay DST adopts SRC's
 * version of an app (README, "strata promote").
 *
 * Everything is planned in memory first: the patch files to copy and the
 * kustomization entries to add go into a transaction (txn.h), DST is built
 * from the tree as it is and from the transaction's view, and the two
 * builds are compared object by object (rdiff.h).  Only then, and only
 * when the result builds, is the transaction written.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "strata/arena.h"
#include "strata/build.h"
#include "strata/cmd.h"
#include "strata/fsrc_git.h"
#include "strata/kedit.h"
#include "strata/kust.h"
#include "strata/path.h"
#include "strata/rdiff.h"
#include "strata/txn.h"

static const char USAGE[] =
	"usage: strata promote [options] SRC DST APP\n"
	"       strata promote [options] --all SRC DST\n"
	"\n"
	"Makes overlay DST adopt overlay SRC's version of APP: copies every\n"
	"promotable patch file of <group>/overlays/SRC/APP/ (name not starting\n"
	"with '_') into DST's APP folder, adds the new ones to DST's kustomization\n"
	"patches (keeping its comments and layout), prints the files it changes\n"
	"and the rendered difference of DST, then writes everything at once.\n"
	"\n"
	"  --group DIR   the group holding overlays/ (default: the one directory\n"
	"                below the repository with overlays/SRC/APP)\n"
	"  --root DIR    the repository root (default: the Git work tree holding\n"
	"                the current directory, else the current directory)\n"
	"  --all         every app whose promotable patches differ\n"
	"  --include     add APP's base to DST's resources when DST lacks it\n"
	"  --dry-run     print the same, write nothing\n"
	"  --force       overwrite files with uncommitted changes\n"
	"  -h, --help    show this help\n"
	"\n"
	"Exit status: 0 done (or nothing to do), 1 refused or failed (the message\n"
	"says why and what to do), 2 wrong usage.\n";

typedef struct promote_args {
	const char *src, *dst, *app;
	const char *group, *root;
	bool all, include, dry_run, force;
} promote_args;

static int parse_args(int argc, char **argv, promote_args *pa)
{
	static const struct option opts[] = {
		{"group", required_argument, NULL, 'g'},
		{"root", required_argument, NULL, 'r'},
		{"all", no_argument, NULL, 'a'},
		{"include", no_argument, NULL, 'i'},
		{"dry-run", no_argument, NULL, 'n'},
		{"force", no_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	memset(pa, 0, sizeof *pa);
	optind = 1;
	int c;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'g':
			pa->group = optarg;
			break;
		case 'r':
			pa->root = optarg;
			break;
		case 'a':
			pa->all = true;
			break;
		case 'i':
			pa->include = true;
			break;
		case 'n':
			pa->dry_run = true;
			break;
		case 'f':
			pa->force = true;
			break;
		case 'h':
			fputs(USAGE, stdout);
			return -1;
		default:
			fputs(USAGE, stderr);
			return 2;
		}
	}
	int want = pa->all ? 2 : 3;
	if (argc - optind != want) {
		fprintf(stderr, "strata promote: expected %s, got %d argument%s\n%s",
			pa->all ? "SRC DST with --all" : "SRC DST APP", argc - optind,
			argc - optind == 1 ? "" : "s", USAGE);
		return 2;
	}
	pa->src = argv[optind];
	pa->dst = argv[optind + 1];
	pa->app = pa->all ? NULL : argv[optind + 2];
	const char *names[] = {pa->src, pa->dst, pa->app};
	for (int i = 0; i < want; i++)
		if (!names[i][0] || strchr(names[i], '/') || !strcmp(names[i], ".") ||
		    !strcmp(names[i], "..")) {
			fprintf(stderr, "strata promote: '%s' is not a name: give overlay and app "
					"names as they appear below overlays/ (dev, app1)\n",
				names[i]);
			return 2;
		}
	if (!strcmp(pa->src, pa->dst)) {
		fprintf(stderr, "strata promote: SRC and DST are both '%s'\n", pa->src);
		return 2;
	}
	return 0;
}

typedef struct promo {
	arena *a;
	fsrc *fs;             /* the tree, rooted at root */
	const char *root;     /* absolute */
	const char *here;     /* the current directory relative to root ("" if outside) */
	const promote_args *args;
	const char *group;    /* root-relative; "" when the root is the group */
	const char *src_dir, *dst_dir;
	const char *src_kfile, *dst_kfile;
	char *src_text;       /* SRC's kustomization */
	size_t src_len;
	buf dst_text;         /* DST's kustomization as edited so far */
	bool dst_edited;
	txn *t;
	buf notes;            /* for stderr */
	size_t promoted;      /* apps with something to do */
} promo;

static const char *join(arena *a, const char *dir, const char *name)
{
	return dir[0] ? arena_sprintf(a, "%s/%s", dir, name) : arena_strdup(a, name);
}

static const char *kfile_of(promo *p, const char *dir)
{
	static const char *const names[] = {"kustomization.yaml", "kustomization.yml",
					    "Kustomization"};
	for (size_t i = 0; i < 3; i++) {
		const char *f = join(p->a, dir, names[i]);
		if (fsrc_stat(p->fs, f) == FSRC_FILE)
			return f;
	}
	return NULL;
}

/* How a root-relative path is shown: relative to where the user is when
 * that is a prefix, else root-relative. */
static const char *shown(promo *p, const char *path)
{
	size_t hl = strlen(p->here);
	if (hl && !strncmp(path, p->here, hl) && path[hl] == '/')
		return path + hl + 1;
	return path;
}

/* ---- where things are ---------------------------------------------------- */

static int find_root(promo *p, err *e)
{
	char *cwd = realpath(".", NULL);
	char *root = NULL;
	if (p->args->root) {
		root = realpath(p->args->root, NULL);
		if (!root) {
			free(cwd);
			return err_set(e, "--root %s: %s", p->args->root, strerror(errno));
		}
	} else {
		err ge = ERR_INIT;
		char *wd = fsrc_git_workdir(".", &ge);
		err_clear(&ge);
		root = wd ? realpath(wd, NULL) : NULL;
		free(wd);
		if (!root)
			root = strdup(cwd ? cwd : ".");
	}
	p->root = arena_strdup(p->a, root);
	size_t rl = strlen(root);
	p->here = "";
	if (cwd && !strncmp(cwd, root, rl) && cwd[rl] == '/')
		p->here = arena_strdup(p->a, cwd + rl + 1);
	free(cwd);
	free(root);
	p->fs = fsrc_open_dir(p->root, e);
	return p->fs ? 0 : -1;
}

typedef struct strlist {
	const char **v;
	size_t n;
} strlist;

static void strlist_add(arena *a, strlist *l, const char *s)
{
	l->v = arena_grow(a, l->v, l->n * sizeof *l->v, (l->n + 1) * sizeof *l->v);
	l->v[l->n++] = s;
}

/* Directories below dir (three levels at most) that hold overlays/: the
 * groups.  Hidden directories (.git) are skipped. */
static void collect_groups(promo *p, const char *dir, int depth, strlist *out)
{
	if (fsrc_stat(p->fs, join(p->a, dir, "overlays")) == FSRC_DIR)
		strlist_add(p->a, out, dir);
	if (depth == 3)
		return;
	char **names;
	size_t n;
	err e = ERR_INIT;
	if (fsrc_list(p->fs, dir, &names, &n, &e)) {
		err_clear(&e);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const char *sub = join(p->a, dir, names[i]);
		if (names[i][0] != '.' && strcmp(names[i], "overlays") &&
		    fsrc_stat(p->fs, sub) == FSRC_DIR)
			collect_groups(p, sub, depth + 1, out);
	}
	fsrc_free_list(names, n);
}

/* The part of SRC the promotion reads: overlays/SRC/APP, or overlays/SRC
 * with --all. */
static const char *wanted(promo *p, const char *group)
{
	const char *ov = join(p->a, join(p->a, group, "overlays"), p->args->src);
	return p->args->app ? join(p->a, ov, p->args->app) : ov;
}

static const char *group_name(const char *g)
{
	return g[0] ? g : ".";
}

static int find_group(promo *p, err *e)
{
	const char *want_rel = p->args->app
				       ? arena_sprintf(p->a, "overlays/%s/%s", p->args->src, p->args->app)
				       : arena_sprintf(p->a, "overlays/%s", p->args->src);
	if (p->args->group) {
		/* As typed, relative to the current directory; else to the root. */
		const char *g = path_join(p->a, p->here, p->args->group);
		if (!g || fsrc_stat(p->fs, g) != FSRC_DIR)
			g = path_join(p->a, "", p->args->group);
		if (!g || fsrc_stat(p->fs, g) != FSRC_DIR)
			return err_set(e, "--group %s: no such directory below %s", p->args->group,
				       p->root);
		if (fsrc_stat(p->fs, wanted(p, g)) != FSRC_DIR)
			return err_set(e, "--group %s has no %s", p->args->group, want_rel);
		p->group = g;
		return 0;
	}
	strlist groups = {0}, hits = {0};
	collect_groups(p, "", 0, &groups);
	for (size_t i = 0; i < groups.n; i++)
		if (fsrc_stat(p->fs, wanted(p, groups.v[i])) == FSRC_DIR)
			strlist_add(p->a, &hits, groups.v[i]);
	if (hits.n == 1) {
		p->group = hits.v[0];
		return 0;
	}
	buf b = BUF_INIT;
	const strlist *list = hits.n ? &hits : &groups;
	for (size_t i = 0; i < list->n; i++)
		buf_printf(&b, "\n  %s", group_name(list->v[i]));
	if (hits.n)
		err_set(e, "%zu groups below %s have %s:%s\nPick one with --group DIR.", hits.n,
			p->root, want_rel, b.p);
	else if (groups.n)
		err_set(e, "no group below %s has %s; the groups (directories with overlays/) "
			"are:%s\nCheck the overlay%s name, or pick a group with --group DIR.",
			p->root, want_rel, b.p, p->args->app ? " and app" : "");
	else
		err_set(e, "no directory below %s has overlays/ (looked three levels deep); run "
			"this inside the repository or pass --root DIR", p->root);
	buf_free(&b);
	return -1;
}

static int list_dirs(promo *p, const char *dir, strlist *out, err *e)
{
	char **names;
	size_t n;
	if (fsrc_list(p->fs, dir, &names, &n, e))
		return -1;
	for (size_t i = 0; i < n; i++)
		if (names[i][0] != '.' && fsrc_stat(p->fs, join(p->a, dir, names[i])) == FSRC_DIR)
			strlist_add(p->a, out, arena_strdup(p->a, names[i]));
	fsrc_free_list(names, n);
	return 0;
}

static int load_overlays(promo *p, err *e)
{
	const char *ovs = join(p->a, p->group, "overlays");
	p->src_dir = join(p->a, ovs, p->args->src);
	p->dst_dir = join(p->a, ovs, p->args->dst);
	p->src_kfile = kfile_of(p, p->src_dir);
	p->dst_kfile = kfile_of(p, p->dst_dir);
	if (!p->src_kfile || !p->dst_kfile) {
		strlist names = {0};
		buf b = BUF_INIT;
		if (list_dirs(p, ovs, &names, e))
			return -1;
		for (size_t i = 0; i < names.n; i++)
			if (kfile_of(p, join(p->a, ovs, names.v[i])))
				buf_printf(&b, " %s", names.v[i]);
		err_set(e, "%s has no kustomization file; the overlays of %s are:%s",
			shown(p, p->src_kfile ? p->dst_dir : p->src_dir), group_name(p->group),
			b.p ? b.p : " (none)");
		buf_free(&b);
		return -1;
	}
	char *data;
	size_t len;
	if (fsrc_read(p->fs, p->src_kfile, &p->src_text, &p->src_len, e))
		return -1;
	if (fsrc_read(p->fs, p->dst_kfile, &data, &len, e))
		return -1;
	buf_add(&p->dst_text, data, len);
	if (!p->dst_text.p)
		buf_adds(&p->dst_text, "");
	free(data);
	return 0;
}

/* ---- does DST reach the base? --------------------------------------------- */

static bool is_remote(const char *s)
{
	return strstr(s, "://") || !strncmp(s, "git@", 4) || !strncmp(s, "github.com/", 11);
}

/* Does the kustomization in dir list base in its resources (bases) or
 * components, directly or through a local kustomization it includes? */
static bool reaches(promo *p, const char *dir, const char *base, strlist *seen, err *e)
{
	for (size_t i = 0; i < seen->n; i++)
		if (!strcmp(seen->v[i], dir))
			return false;
	strlist_add(p->a, seen, dir);
	kust k;
	if (kust_load(p->a, p->fs, dir, shown(p, dir), &k, e))
		return false;
	static const char *const fields[] = {"resources", "components"};
	for (size_t f = 0; f < 2; f++) {
		const node *l = kust_field(&k, fields[f]);
		for (size_t i = 0; l && l->kind == NODE_SEQ && i < l->seq.n; i++) {
			const node *en = l->seq.v[i];
			if (en->kind != NODE_STR || is_remote(en->str.s))
				continue;
			const char *to = path_join(p->a, dir, en->str.s);
			if (!to)
				continue;
			if (!strcmp(to, base))
				return true;
			if (fsrc_stat(p->fs, to) == FSRC_DIR && kust_count_files(p->fs, to) == 1) {
				err sub = ERR_INIT;
				bool hit = reaches(p, to, base, seen, &sub);
				err_clear(&sub);
				if (hit)
					return true;
			}
		}
	}
	return false;
}

/* from (a directory) to to, both root-relative, as a relative path. */
static const char *relative(arena *a, const char *from, const char *to)
{
	const char *f = from, *t = to;
	while (*f && *t) {
		size_t fl = strcspn(f, "/"), tl = strcspn(t, "/");
		if (fl != tl || strncmp(f, t, fl))
			break;
		f += fl + (f[fl] == '/');
		t += tl + (t[tl] == '/');
	}
	buf b = BUF_INIT;
	while (*f) {
		buf_adds(&b, "../");
		f += strcspn(f, "/");
		f += *f == '/';
	}
	buf_adds(&b, t);
	if (b.len > 1 && b.p[b.len - 1] == '/')
		b.p[--b.len] = 0;
	const char *r = arena_strdup(a, b.len ? b.p : ".");
	buf_free(&b);
	return r;
}

/* ---- one app ---------------------------------------------------------------- */

typedef struct patchfile {
	const char *name;      /* in the app folder */
	char *data;            /* SRC's content */
	size_t len;
	unsigned line;         /* of its entry in SRC's kustomization */
} patchfile;

/* Patches apply in list order, so new entries keep SRC's order. */
static int cmp_line(const void *x, const void *y)
{
	unsigned a = ((const patchfile *)x)->line, b = ((const patchfile *)y)->line;
	return a < b ? -1 : a > b;
}

/* The promotable files of SRC's app folder that SRC's kustomization uses. */
static int src_patches(promo *p, const char *app, patchfile **out, size_t *nout, err *e)
{
	const char *dir = join(p->a, p->src_dir, app);
	char **names;
	size_t n;
	*out = NULL;
	*nout = 0;
	if (fsrc_list(p->fs, dir, &names, &n, e))
		return -1;
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		const char *path = join(p->a, dir, names[i]);
		if (names[i][0] == '_' || names[i][0] == '.' || fsrc_stat(p->fs, path) != FSRC_FILE)
			continue;
		const char *rel = arena_sprintf(p->a, "%s/%s", app, names[i]);
		kedit_ref ref;
		rc = kedit_find_patch(p->src_text, p->src_len, shown(p, p->src_kfile), rel, &ref, e);
		if (rc)
			break;
		kedit_field used = ref.field;
		unsigned line = ref.line;
		kedit_ref_free(&ref);
		if (!used) {
			buf_printf(&p->notes, "note: %s is not referenced by %s; not promoted\n",
				   shown(p, path), shown(p, p->src_kfile));
			continue;
		}
		*out = realloc(*out, (*nout + 1) * sizeof **out);
		patchfile *pf = &(*out)[(*nout)++];
		pf->name = arena_strdup(p->a, names[i]);
		pf->line = line;
		rc = fsrc_read(p->fs, path, &pf->data, &pf->len, e);
		if (rc)
			pf->data = NULL;
	}
	fsrc_free_list(names, n);
	if (*nout)
		qsort(*out, *nout, sizeof **out, cmp_line);
	return rc;
}

static void free_patches(patchfile *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].data);
	free(v);
}

/* DST's copy of a file differs from (or lacks) SRC's. */
static bool differs(promo *p, const char *dst_path, const patchfile *pf)
{
	char *have;
	size_t len;
	err e = ERR_INIT;
	if (fsrc_stat(p->fs, dst_path) != FSRC_FILE || fsrc_read(p->fs, dst_path, &have, &len, &e)) {
		err_clear(&e);
		return true;
	}
	bool d = len != pf->len || memcmp(have, pf->data, len);
	free(have);
	return d;
}

static int edit_dst(promo *p, int (*fn)(promo *, const char *, buf *, err *), const char *arg,
		    err *e)
{
	buf out = BUF_INIT;
	if (fn(p, arg, &out, e)) {
		buf_free(&out);
		return -1;
	}
	buf_free(&p->dst_text);
	p->dst_text = out;
	p->dst_edited = true;
	return 0;
}

static int add_resource(promo *p, const char *entry, buf *out, err *e)
{
	return kedit_add_resource(p->dst_text.p, p->dst_text.len, shown(p, p->dst_kfile), entry,
				  out, e);
}

/* Adds the reference to rel as SRC writes it (its target and options). */
static int add_patch(promo *p, const char *rel, buf *out, err *e)
{
	kedit_ref like;
	if (kedit_find_patch(p->src_text, p->src_len, shown(p, p->src_kfile), rel, &like, e))
		return -1;
	int rc = kedit_add_patch(p->dst_text.p, p->dst_text.len, shown(p, p->dst_kfile), rel,
				 &like, out, e);
	kedit_ref_free(&like);
	return rc;
}

/* 1: the app was planned; 0: nothing differs; 2: skipped (--all) with a
 * note; -1: refused. */
static int plan_app(promo *p, const char *app, err *e)
{
	const char *base = join(p->a, join(p->a, p->group, "base"), app);
	if (fsrc_stat(p->fs, join(p->a, p->src_dir, app)) != FSRC_DIR)
		return err_set(e, "%s has no folder %s", shown(p, p->src_dir), app);
	patchfile *pf;
	size_t n;
	if (src_patches(p, app, &pf, &n, e))
		return -1;
	size_t todo = 0;
	for (size_t i = 0; i < n; i++) {
		const char *rel = arena_sprintf(p->a, "%s/%s", app, pf[i].name);
		bool refd;
		if (kedit_references(p->dst_text.p, p->dst_text.len, shown(p, p->dst_kfile), rel,
				     &refd, e)) {
			free_patches(pf, n);
			return -1;
		}
		if (differs(p, join(p->a, p->dst_dir, rel), &pf[i]) || !refd)
			todo++;
	}
	if (!todo) {
		free_patches(pf, n);
		return 0;
	}
	strlist seen = {0};
	err re = ERR_INIT;
	bool has_base = reaches(p, p->dst_dir, base, &seen, &re);
	if (re.msg && !has_base) {
		free_patches(pf, n);
		*e = re;
		return -1;
	}
	err_clear(&re);
	if (!has_base) {
		const char *entry = relative(p->a, p->dst_dir, base);
		if (fsrc_stat(p->fs, base) != FSRC_DIR) {
			free_patches(pf, n);
			if (p->args->all) {
				buf_printf(&p->notes, "skipped %s: %s has no base %s\n", app,
					   group_name(p->group), shown(p, base));
				return 2;
			}
			return err_set(e, "%s has no base %s, so %s cannot include it",
				       group_name(p->group), shown(p, base), p->args->dst);
		}
		if (!p->args->include) {
			free_patches(pf, n);
			if (p->args->all) {
				buf_printf(&p->notes, "skipped %s: %s does not include its base %s "
						      "(promote it by name with --include to add it)\n",
					   app, p->args->dst, shown(p, base));
				return 2;
			}
			return err_set(e, "%s does not include %s's base: nothing in %s resources "
				       "leads to %s, so %s's patches would patch nothing.\nIncluding "
				       "a service in an environment is a decision of its own: pass "
				       "--include to add '%s' to its resources.",
				       p->args->dst, app, shown(p, p->dst_kfile), shown(p, base), app,
				       entry);
		}
		if (edit_dst(p, add_resource, entry, e)) {
			free_patches(pf, n);
			return -1;
		}
	}
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		const char *rel = arena_sprintf(p->a, "%s/%s", app, pf[i].name);
		const char *dst_path = join(p->a, p->dst_dir, rel);
		if (differs(p, dst_path, &pf[i]))
			txn_put(p->t, dst_path, pf[i].data, pf[i].len);
		bool refd;
		rc = kedit_references(p->dst_text.p, p->dst_text.len, shown(p, p->dst_kfile), rel,
				      &refd, e);
		if (!rc && !refd)
			rc = edit_dst(p, add_patch, rel, e);
	}
	free_patches(pf, n);
	return rc ? -1 : 1;
}

/* ---- rendering ----------------------------------------------------------------- */

typedef struct objs {
	rdiff_obj *v;
	size_t n;
} objs;

static int build_objs(promo *p, fsrc *fs, objs *out, err *e)
{
	build_opts bo = {.display_base = p->here, .display_root = ""};
	build b;
	build_init(&b, p->a, fs, &bo);
	resmap m = {0};
	int rc = build_run(&b, p->dst_dir, &m, e);
	if (!rc)
		build_normalise(&b, &m);
	build_release(&b);
	out->v = arena_alloc(p->a, (m.n + 1) * sizeof *out->v);
	out->n = 0;
	for (size_t i = 0; !rc && i < m.n; i++)
		out->v[out->n++] = (rdiff_obj){m.v[i]->obj, m.v[i]->source ? m.v[i]->source : ""};
	return rc;
}

static bool use_color(void)
{
	const char *nc = getenv("NO_COLOR");
	return !(nc && nc[0]) && isatty(STDOUT_FILENO);
}

/* Prints the rendered difference of DST; fails when DST would not build. */
static int show_render(promo *p, buf *out, err *e)
{
	objs before, after;
	err be = ERR_INIT;
	if (build_objs(p, p->fs, &before, &be)) {
		buf_printf(&p->notes, "note: %s does not build as it is now (%s); showing every "
				      "object as added\n", shown(p, p->dst_dir), be.msg);
		err_clear(&be);
		before.n = 0;
	}
	fsrc *view = txn_view(p->t, p->fs);
	int rc = build_objs(p, view, &after, e);
	fsrc_close(view);
	if (rc)
		return err_wrap(e, "%s would not build after the promotion, so nothing was "
			       "written", shown(p, p->dst_dir));
	rdiff_unit u = {.name = shown(p, p->dst_dir)};
	if (rdiff_compare(p->a, before.v, before.n, after.v, after.n, &u.set, e))
		return -1;
	rdiff_report r = {.v = &u, .n = 1, .from_label = "before", .to_label = "after",
			  .color = use_color()};
	rdiff_emit_human(&r, out);
	return 0;
}

/* ---- the command ----------------------------------------------------------------- */

static int plan(promo *p, err *e)
{
	strlist apps = {0};
	if (p->args->app)
		strlist_add(p->a, &apps, p->args->app);
	else if (list_dirs(p, p->src_dir, &apps, e))
		return -1;
	for (size_t i = 0; i < apps.n; i++) {
		int r = plan_app(p, apps.v[i], e);
		if (r < 0)
			return -1;
		p->promoted += r == 1;
	}
	if (p->dst_edited)
		txn_put(p->t, p->dst_kfile, p->dst_text.p, p->dst_text.len);
	return 0;
}

static int run(promo *p, err *e)
{
	if (find_root(p, e) || find_group(p, e) || load_overlays(p, e))
		return -1;
	p->t = txn_new(p->root);
	if (plan(p, e))
		return -1;
	buf out = BUF_INIT;
	const char *what = p->args->app ? p->args->app : "every app";
	buf_printf(&out, "promote %s from %s to %s (%s)\n", what, p->args->src, p->args->dst,
		   group_name(p->group));
	size_t before = out.len;
	txn_describe(p->t, &out);
	bool nothing = out.len == before;
	int rc = 0;
	if (nothing)
		buf_printf(&out, "nothing to do: %s already has %s's version of %s\n", p->args->dst,
			   p->args->src, what);
	else {
		buf_addc(&out, '\n');
		rc = show_render(p, &out, e);
	}
	if (p->notes.len)
		fputs(p->notes.p, stderr);
	if (rc) {
		buf_free(&out);
		return -1;
	}
	if (!nothing && p->args->dry_run)
		buf_adds(&out, "dry run: nothing written\n");
	fwrite(out.p, 1, out.len, stdout);
	fflush(stdout);
	buf_free(&out);
	if (nothing || p->args->dry_run)
		return 0;
	if (txn_commit(p->t, p->args->force, e))
		return err_wrap(e, "nothing was written");
	printf("written\n");
	return 0;
}

int cmd_promote(int argc, char **argv)
{
	promote_args pa;
	int rc = parse_args(argc, argv, &pa);
	if (rc)
		return rc < 0 ? 0 : rc;
	promo p = {.a = arena_new(), .args = &pa};
	err e = ERR_INIT;
	rc = run(&p, &e) ? (e.status ? e.status : 1) : 0;
	if (rc)
		fprintf(stderr, "strata promote: %s\n", e.msg ? e.msg : "failed");
	err_clear(&e);
	txn_free(p.t);
	free(p.src_text);
	buf_free(&p.dst_text);
	buf_free(&p.notes);
	if (p.fs)
		fsrc_close(p.fs);
	arena_free(p.a);
	return rc;
}
