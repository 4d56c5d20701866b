/* build.c - kustomize's accumulation of one kustomization tree.
 *
 * Mirrors the order kustomize works in (KUSTOMIZE-FACTS.md section c): a
 * kustomization first gathers its resources (files, or directories built
 * as kustomizations of their own), then its components run their own steps
 * on the shared set, then the built-in transformers run in a fixed order.
 * The top level alone sorts and prints.
 */
#include "strata/build.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strata/emit.h"
#include "strata/generator.h"
#include "strata/kust.h"
#include "strata/nameref.h"
#include "strata/order.h"
#include "strata/origin.h"
#include "strata/pcache.h"
#include "strata/parse.h"
#include "strata/patch.h"
#include "strata/pool.h"
#include "strata/path.h"
#include "strata/plugin.h"
#include "strata/vars.h"
#include "strata/xform_meta.h"
#include "strata/xform_values.h"

/* Kustomizations one build may go through: a base reached along many
 * paths (each level listing the next twice) is built once per path, which
 * grows without bound long before any output exists. */
#define BUILD_MAX_DIRS 10000
#define BUILD_MAX_VISITS 1000

/* What one kustomization accumulates: objects, field-spec config, vars. */
struct acc {
	resmap m;
	fieldspec_config cfg;
	var_set vars;
};

void build_init(build *b, arena *a, fsrc *fs, const build_opts *opts)
{
	memset(b, 0, sizeof *b);
	b->a = a;
	b->fs = fs;
	b->opts = *opts;
	if (!b->opts.display_base)
		b->opts.display_base = "";
	if (!b->opts.display_root)
		b->opts.display_root = "";
}

/* The worker arenas, made when first wanted. */
static void workers_ready(build *b)
{
	if (b->opts.jobs < 2 || b->wa)
		return;
	b->nwa = pool_workers(b->opts.jobs, SIZE_MAX);
	b->wa = calloc(b->nwa, sizeof *b->wa);
	if (!b->wa)
		abort();
	for (size_t j = 0; j < b->nwa; j++)
		b->wa[j] = arena_new();
}

/* What the workers made joins b's arena. */
static void workers_done(build *b)
{
	for (size_t j = 0; j < b->nwa; j++)
		arena_adopt(b->a, b->wa[j]);
	free(b->wa);
	b->wa = NULL;
	b->nwa = 0;
}

void build_release(build *b)
{
	workers_done(b);
	buf_free(&b->warnings);
	limits_visits_free(&b->visits);
	free(b->chain);
	b->chain = NULL;
}

size_t build_par_min(const build *b)
{
	return b->opts.par_always ? 0 : BUILD_PAR_MIN;
}

pool_par build_par(build *b)
{
	workers_ready(b);
	return (pool_par){b->opts.jobs, build_par_min(b), b->wa, b->nwa};
}

const char *build_display(const build *b, const char *path)
{
	const char *base = b->opts.display_base;
	if (base[0] && path_within(path, base)) {
		const char *rest = path + strlen(base);
		while (*rest == '/')
			rest++;
		return rest[0] ? rest : ".";
	}
	if (!base[0] && !b->opts.display_root[0])
		return path[0] ? path : ".";
	return arena_sprintf(b->a, "%s%s", b->opts.display_root, path);
}

static void warn_once(build *b, const char *line)
{
	if (b->warnings.p && strstr(b->warnings.p, line))
		return;
	buf_adds(&b->warnings, line);
	buf_addc(&b->warnings, '\n');
}

/* --- reading files under the load restriction ------------------------- */

static bool looks_remote(const char *s)
{
	return strstr(s, "://") || !strncmp(s, "git@", 4) || !strncmp(s, "github.com/", 11) ||
	       !strncmp(s, "gitlab.com/", 11) || !strncmp(s, "bitbucket.org/", 14) ||
	       strstr(s, "?ref=") || strstr(s, "?version=");
}

/* The root-relative path of rel, seen from the kustomization in kdir.  */
static int resolve_entry(build *b, const char *kdir, const node *entry, char **out, err *e)
{
	const char *rel = entry->str.s;
	char *p = path_join(b->a, kdir, rel);
	if (!p)
		return err_at(e, entry->file, entry->line, entry->col,
			      "'%s' climbs above the root '%s'; keep paths inside the repository",
			      rel, b->fs->root);
	*out = p;
	return 0;
}

/* Enforces kustomize's default LoadRestrictionsRootOnly for a file. */
static int check_restriction(build *b, const char *kdir, const char *path, const node *entry,
			     err *e)
{
	char *real = NULL, *root = NULL;
	err tmp = ERR_INIT;
	/* Fails for a file outside the repository (the file source's fence),
	 * which is outside the kustomization's directory too. */
	int outside = fsrc_resolve(b->fs, path, &real, &tmp);
	if (outside && b->opts.load_restrictions_none) {
		err_at(e, entry->file, entry->line, entry->col, "%s; keep files inside the "
		       "repository", tmp.msg);
		err_clear(&tmp);
		return -1;
	}
	err_clear(&tmp);
	if (b->opts.load_restrictions_none) {
		free(real);
		return 0;
	}
	if (fsrc_resolve(b->fs, kdir, &root, &tmp)) {
		free(real);
		err_set(e, "%s", tmp.msg);
		err_clear(&tmp);
		return -1;
	}
	int rc = 0;
	/* kustomize names the path as joined, symlinks unresolved. */
	if (outside || !path_within(real, root))
		rc = err_at(e, entry->file, entry->line, entry->col,
			    "security; file '%s' is not in or below '%s'; move it into the "
			    "kustomization's directory or build with --load-restrictor "
			    "LoadRestrictionsNone",
			    build_display(b, path), build_display(b, root));
	free(real);
	free(root);
	return rc;
}

int build_read_entry(build *b, const char *kdir, const node *entry, const char **path_out,
			   char **data, size_t *len, err *e)
{
	char *p = NULL;
	if (resolve_entry(b, kdir, entry, &p, e))
		return -1;
	fsrc_type t = fsrc_stat(b->fs, p);
	if (t == FSRC_MISSING)
		return err_at(e, entry->file, entry->line, entry->col,
			      "'%s' does not exist (looked for %s); fix the path", entry->str.s,
			      build_display(b, p));
	if (t == FSRC_DIR)
		return err_at(e, entry->file, entry->line, entry->col,
			      "'%s' is a directory; a file was expected here", entry->str.s);
	if (check_restriction(b, kdir, p, entry, e))
		return -1;
	if (path_out)
		*path_out = p;
	/* a read refused (too large, not a plain file) points at the entry */
	if (fsrc_read(b->fs, p, data, len, e))
		return entry->line ? err_wrap(e, "%s:%u:%u", entry->file, entry->line, entry->col)
				   : -1;
	return 0;
}

/* --- resources --------------------------------------------------------- */

/* Splits documents into resources; FooList kinds with items are expanded
 * (queued behind the rest, as kustomize does). */
int build_docs_to_resources(build *b, parse_docs *docs, const char *source, resmap *out,
			    err *e)
{
	size_t qn = docs->n, qcap = docs->n + 8, head = 0;
	node **q = malloc(qcap * sizeof *q);
	if (docs->n)  /* docs->v is NULL for a text without documents */
		memcpy(q, docs->v, docs->n * sizeof *q);
	int rc = 0;
	while (head < qn) {
		node *d = q[head++];
		if (!d || d->kind == NODE_NULL || (d->kind == NODE_MAP && d->map.n == 0))
			continue;
		const char *kind = d->kind == NODE_MAP ? node_get_str(d, "kind") : NULL;
		size_t kl = kind ? strlen(kind) : 0;
		node_pair *items = d->kind == NODE_MAP ? node_find(d, "items") : NULL;
		if (kind && kl >= 4 && !strcmp(kind + kl - 4, "List") && items) {
			node *iv = items->val;
			if (iv->kind == NODE_NULL)
				continue;
			if (iv->kind != NODE_SEQ) {
				rc = err_at(e, iv->file, iv->line, iv->col,
					    "expected a list for items of %s", kind);
				break;
			}
			if (qn + iv->seq.n > qcap) {
				qcap = (qn + iv->seq.n) * 2;
				q = realloc(q, qcap * sizeof *q);
			}
			for (uint32_t i = 0; i < iv->seq.n; i++)
				q[qn++] = iv->seq.v[i];
			continue;
		}
		resource *r = res_new(b->a, d, source, e);
		if (!r || openapi_note_object(&b->openapi, d, e)) {
			rc = -1;
			break;
		}
		resmap_push(b->a, out, r);
	}
	free(q);
	return rc;
}

/* Parses text into resources (resource files, strategic-merge patches). */
int build_text_to_resources(build *b, const char *display, const char *data, size_t len,
			     resmap *out, err *e)
{
	parse_docs docs;
	if (pcache_parse(b->opts.pcache, b->a, display, data, len, &parse_default_limits, &docs, e))
		return -1;
	return build_docs_to_resources(b, &docs, display, out, e);
}

static int accumulate_dir(build *b, const char *dir, const node *entry, bool component,
			  struct acc *ac, err *e);
static int enter_dir(build *b, const char *dir, const node *entry, bool component,
		     struct acc *ac, err *e);
static int join_base(build *b, struct acc *ac, struct acc *sub, err *e);

/* Whether the build records origins or transformers (buildMetadata). */
static bool tracking(const build *b)
{
	return b->meta & (ORIGIN_META_ORIGIN | ORIGIN_META_XFORMS);
}

/* rel is the entry as the kustomization wrote it: origins spell it so. */
static int accumulate_file(build *b, const char *path, const node *entry, resmap *ra, err *e)
{
	const char *rel = entry->str.s;
	char *data;
	size_t len;
	if (fsrc_read(b->fs, path, &data, &len, e))
		return entry->line ? err_wrap(e, "%s:%u:%u", entry->file, entry->line, entry->col)
				   : -1;
	resmap tmp = {0};
	int rc = build_text_to_resources(b, build_display(b, path), data, len, &tmp, e);
	free(data);
	if (rc)
		return -1;
	const res_origin *o = tracking(b) ? origin_file(b->a, b->origin_dir, rel) : NULL;
	for (size_t i = 0; i < tmp.n; i++) {
		tmp.v[i]->origin = o;
		if (resmap_add_unique(b->a, ra, tmp.v[i], e))
			return -1;
	}
	return 0;
}

/* Where an entry of resources/components/transformers points, and what is
 * there; a missing entry that looks like a URL is refused here. */
static int locate_entry(build *b, const char *kdir, const node *entry, const char *what,
			char **path, fsrc_type *type, err *e)
{
	if (resolve_entry(b, kdir, entry, path, e))
		return -1;
	*type = fsrc_stat(b->fs, *path);
	if (*type == FSRC_MISSING && looks_remote(entry->str.s))
		return err_at(e, entry->file, entry->line, entry->col,
			      "remote %s '%s' is not supported: strata never uses the network; "
			      "vendor it into the repository",
			      what, entry->str.s);
	return 0;
}

static int accumulate_entry(build *b, const kust *k, const node *entry, struct acc *ac, err *e)
{
	char *p = NULL;
	fsrc_type t;
	if (locate_entry(b, k->dir, entry, "resource", &p, &t, e))
		return -1;
	if (t == FSRC_MISSING)
		return err_at(e, entry->file, entry->line, entry->col,
			      "accumulating resources: '%s' does not exist (looked for %s); fix "
			      "the path or remove the entry",
			      entry->str.s, build_display(b, p));
	if (t == FSRC_DIR)
		return accumulate_dir(b, p, entry, false, ac, e);
	if (check_restriction(b, k->dir, p, entry, e))
		return -1;
	return accumulate_file(b, p, entry, &ac->m, e);
}

/* --- bases built ahead -------------------------------------------------- */

/* A base of a resources list, built on a worker before its turn from the
 * state the build had when the workers started.  At its turn the result
 * is taken only when building it then would have given the same: the
 * schema choice it saw still holds and no build-wide limit is passed.
 * Otherwise the entry is built again, in order, so objects, warnings and
 * errors never depend on the threads. */
struct ahead {
	uint32_t index;          /* in the resources list */
	const node *entry;
	char *dir;
	bool ok;
	struct acc sub;
	buf warnings;
	limits_visits visits;
	size_t ndirs;            /* kustomizations it went through */
	openapi_state openapi;   /* after it */
};

struct ahead_set {
	openapi_state start;     /* the build's schema state when the workers started */
	size_t ndirs;            /* and its count of kustomizations then */
	struct ahead *v;
	size_t n, next;          /* next: the first not yet taken */
	build *w;                /* a build per worker */
	size_t nw;
};

static void ahead_task(void *ctx, size_t worker, size_t i)
{
	struct ahead_set *s = ctx;
	build *w = &s->w[worker];
	struct ahead *h = &s->v[i];
	w->ndirs = s->ndirs;
	w->openapi = s->start;
	fieldspec_config_empty(&h->sub.cfg);
	err e = ERR_INIT;
	h->ok = enter_dir(w, h->dir, h->entry, false, &h->sub, &e) == 0;
	err_clear(&e);
	h->ndirs = w->ndirs - s->ndirs;
	h->openapi = w->openapi;
	h->warnings = w->warnings;
	h->visits = w->visits;
	w->warnings = (buf)BUF_INIT;
	w->visits = (limits_visits){0};
}

build *build_fork(build *b, size_t n)
{
	workers_ready(b);
	build *w = calloc(n, sizeof *w);
	if (!w || n > b->nwa)
		abort();
	for (size_t j = 0; j < n; j++) {
		build_init(&w[j], b->wa[j], b->fs, &b->opts);
		w[j].opts.jobs = 1;
		w[j].openapi = b->openapi;
		w[j].meta = b->meta;
		w[j].origin_dir = b->origin_dir;
		w[j].gen_origin = b->gen_origin;
		w[j].ndirs = b->ndirs;
		w[j].chaincap = b->nchain + 8;
		w[j].chain = malloc(w[j].chaincap * sizeof *w[j].chain);
		if (!w[j].chain)
			abort();
		memcpy(w[j].chain, b->chain, b->nchain * sizeof *w[j].chain);
		w[j].nchain = b->nchain;
	}
	return w;
}

void build_join(build *w, size_t n)
{
	for (size_t j = 0; j < n; j++)
		build_release(&w[j]);
	free(w);
}

/* Starts nothing unless at least two directories are listed and the build
 * may use more than one thread. */
static void ahead_start(build *b, const kust *k, const node *list, struct ahead_set *s)
{
	memset(s, 0, sizeof *s);
	if (b->opts.jobs < 2 || !list || list->seq.n < 2)
		return;
	s->v = calloc(list->seq.n, sizeof *s->v);
	if (!s->v)
		abort();
	for (uint32_t i = 0; i < list->seq.n; i++) {
		char *p = NULL;
		fsrc_type t;
		err e = ERR_INIT;
		if (!locate_entry(b, k->dir, list->seq.v[i], "resource", &p, &t, &e) &&
		    t == FSRC_DIR)
			s->v[s->n++] = (struct ahead){.index = i, .entry = list->seq.v[i], .dir = p};
		err_clear(&e);
	}
	if (s->n < 2) {
		s->n = 0;
		return;
	}
	s->start = b->openapi;
	s->ndirs = b->ndirs;
	s->nw = pool_workers(b->opts.jobs, s->n);
	s->w = build_fork(b, s->nw);
	pool_run(s->nw, s->n, ahead_task, s);
	build_join(s->w, s->nw);
	s->w = NULL;
}

/* The entry's result if it was built ahead and still holds, else NULL. */
static struct ahead *ahead_ready(build *b, struct ahead_set *s, uint32_t index)
{
	if (s->next >= s->n || s->v[s->next].index != index)
		return NULL;
	struct ahead *h = &s->v[s->next++];
	openapi_state after;
	if (!h->ok || b->ndirs + h->ndirs > BUILD_MAX_DIRS ||
	    !openapi_state_follows(&b->openapi, &s->start, &h->openapi, &after) ||
	    !limits_visits_add(&b->visits, &h->visits, BUILD_MAX_VISITS))
		return NULL;
	b->ndirs += h->ndirs;
	b->openapi = after;
	for (const char *l = h->warnings.p; l && *l;) {
		const char *nl = strchr(l, '\n');
		warn_once(b, arena_strndup(b->a, l, (size_t)(nl - l)));
		l = nl + 1;
	}
	return h;
}

static void ahead_free(struct ahead_set *s)
{
	for (size_t i = 0; i < s->n; i++) {
		buf_free(&s->v[i].warnings);
		limits_visits_free(&s->v[i].visits);
	}
	free(s->v);
}

static int accumulate_resources(build *b, const kust *k, struct acc *ac, err *e)
{
	node *list;
	if (kust_string_list(k, "resources", &list, e))
		return -1;
	struct ahead_set s;
	ahead_start(b, k, list, &s);
	int rc = 0;
	for (uint32_t i = 0; !rc && list && i < list->seq.n; i++) {
		const node *entry = list->seq.v[i];
		struct ahead *h = ahead_ready(b, &s, i);
		rc = h ? join_base(b, ac, &h->sub, e) : accumulate_entry(b, k, entry, ac, e);
		if (rc)
			err_wrap(e, "accumulating resources from '%s'", entry->str.s);
	}
	ahead_free(&s);
	return rc;
}

/* --- transformers ------------------------------------------------------ */

/* Fields this version does not handle yet: refuse rather than ignore. */
static int refuse_unsupported(const kust *k, err *e)
{
	static const char *const later[] = {"validators", NULL};
	static const char *const never[] = {"helmGlobals", "helmCharts",
					    "helmChartInflationGenerator", "inventory", NULL};
	for (const char *const *f = never; *f; f++) {
		node_pair *p = node_find(k->root, *f);
		if (p)
			return err_at(e, p->key->file, p->key->line, p->key->col,
				      "'%s' is not supported: strata renders no Helm charts and runs "
				      "no plugins; render the chart into the repository instead",
				      *f);
	}
	for (const char *const *f = later; *f; f++) {
		node_pair *p = node_find(k->root, *f);
		if (p && p->val->kind != NODE_NULL)
			return err_at(e, p->key->file, p->key->line, p->key->col,
				      "'%s' is not implemented in this version of strata yet", *f);
	}
	return 0;
}

static bool not_empty(const resource *r, void *ctx)
{
	(void)ctx;
	return r->obj && r->obj->kind == NODE_MAP && r->obj->map.n != 0;
}

/* Runs after every transformer step, any of which may have changed ids
 * (patches, replacements, plugins), so the lookup index is rebuilt. */
static void drop_empties(resmap *ra)
{
	resmap_filter(ra, not_empty, NULL);
	resmap_ids_changed(ra);
}

struct file_reader {
	build *b;
	const kust *k;
};

static int read_for_xform(void *ctx, const node *entry, const char **display, char **data,
			  size_t *len, err *e)
{
	struct file_reader *r = ctx;
	const char *p;
	if (build_read_entry(r->b, r->k->dir, entry, &p, data, len, e))
		return -1;
	*display = build_display(r->b, p);
	return 0;
}

static int run_transformers(build *b, const kust *k, resmap *ra, fieldspec_config *cfg, err *e)
{
	patch_ctx pc = {.b = b, .kdir = k->dir};
	/* kustomize configures every transformer before running any. */
	if (xform_meta_check(b->a, k->root, cfg, e))
		return -1;
	if (patch_run_strategic_merge_list(&pc, kust_field(k, "patchesStrategicMerge"), ra, e))
		return -1;
	drop_empties(ra);
	if (patch_run_patches(&pc, kust_field(k, "patches"), ra, e))
		return -1;
	drop_empties(ra);
	pool_par par = build_par(b);
	if (xform_meta_apply(b->a, ra, k->root, cfg, &par, e))
		return -1;
	drop_empties(ra);
	if (patch_run_json6902_list(&pc, kust_field(k, "patchesJson6902"), ra, e))
		return -1;
	drop_empties(ra);
	if (xform_replicas(b->a, ra, kust_field(k, "replicas"), cfg, e) ||
	    xform_images(b->a, ra, kust_field(k, "images"), cfg, &par, e))
		return -1;
	struct file_reader rd = {b, k};
	if (xform_replacements(b->a, ra, kust_field(k, "replacements"), read_for_xform, &rd, e))
		return -1;
	drop_empties(ra);
	return 0;
}

static int accumulate_components(build *b, const kust *k, struct acc *ac, err *e)
{
	node *list;
	if (kust_string_list(k, "components", &list, e))
		return -1;
	for (uint32_t i = 0; list && i < list->seq.n; i++) {
		node *entry = list->seq.v[i];
		char *p = NULL;
		fsrc_type t;
		if (locate_entry(b, k->dir, entry, "component", &p, &t, e))
			return -1;
		if (t != FSRC_DIR) {
			return err_at(e, entry->file, entry->line, entry->col,
				      "accumulating components: '%s' %s; a component is a "
				      "directory holding a kustomization of kind Component",
				      entry->str.s, t == FSRC_FILE ? "is a file" : "does not exist");
		}
		if (accumulate_dir(b, p, entry, true, ac, e))
			return err_wrap(e, "accumulating components from '%s'", entry->str.s);
	}
	return 0;
}

/* --- field-spec configuration and generators --------------------------- */

/* configurations: entries are files, or inline YAML (holding a newline). */
static int merge_configurations(build *b, const kust *k, fieldspec_config *cfg, err *e)
{
	node *list;
	if (kust_string_list(k, "configurations", &list, e))
		return -1;
	size_t n = list ? list->seq.n : 0;
	const node **inl = arena_alloc(b->a, (n + 1) * sizeof *inl);
	const node **files = arena_alloc(b->a, (n + 1) * sizeof *files);
	size_t ni = 0, nf = 0;
	for (size_t i = 0; i < n; i++) {
		node *entry = list->seq.v[i];
		const char *text = entry->str.s;
		size_t len = entry->str.len;
		char *data = NULL;
		const char *disp = entry->file;
		bool is_inline = memchr(text, '\n', len) != NULL;
		if (!is_inline) {
			const char *p;
			if (build_read_entry(b, k->dir, entry, &p, &data, &len, e))
				return -1;
			text = data;
			disp = build_display(b, p);
		}
		/* sigs.k8s.io/yaml reads these: the last of duplicate keys wins. */
		parse_docs docs;
		parse_limits lim = parse_default_limits;
		lim.last_key_wins = 1;
		int rc = pcache_parse(b->opts.pcache, b->a, disp, text, len, &lim, &docs, e);
		free(data);
		if (rc)
			return -1;
		node *doc = docs.n ? docs.v[0] : node_map(b->a);
		if (is_inline)
			inl[ni++] = doc;
		else
			files[nf++] = doc;
	}
	fieldspec_config kc;
	if (fieldspec_config_make(b->a, inl, ni, files, nf, &kc, e))
		return -1;
	return fieldspec_config_merge_memo(&b->cfg_memo, b->a, cfg, &kc, cfg, e);
}

struct gen_reader {
	build *b;
	const char *kdir, *kdisplay;
};

static int gen_read(void *ctx, const char *path, char **data, size_t *len, err *e)
{
	struct gen_reader *g = ctx;
	node *entry = node_str(g->b->a, path);
	entry->file = g->kdisplay;
	return build_read_entry(g->b, g->kdir, entry, NULL, data, len, e);
}

/* kustomize's appendReplaceOrMerge for one generated object. */
static int add_generated(build *b, resmap *ra, const gen_result *g, const node *args, err *e)
{
	resource *r = res_new(b->a, g->obj, build_display(b, ""), e);
	if (!r)
		return -1;
	r->source = args->file;
	r->flags = RES_GENERATED | (g->needs_hash ? RES_NEEDS_HASH : 0);
	r->origin = b->gen_origin;
	resid id = res_id(r);
	resource *old;
	size_t matches = resmap_find_any_id(ra, &id, &old);
	bool create = !strcmp(g->behavior, "create");
	if (matches > 1)
		return err_at(e, args->file, args->line, args->col,
			      "found multiple objects that could accept merge of %s",
			      resid_string(b->a, &id));
	if (!matches) {
		if (!create)
			return err_at(e, args->file, args->line, args->col,
				      "id %s does not exist; cannot merge or replace",
				      resid_string(b->a, &id));
		resmap_push(b->a, ra, r);
		return 0;
	}
	if (create)
		return err_at(e, args->file, args->line, args->col,
			      "id %s exists; behavior must be merge or replace",
			      resid_string(b->a, &id));
	if (gen_merge_into(b->a, old->obj, g->obj, g->behavior, e))
		return -1;
	resmap_id_changed(ra, old);
	/* kustomize keeps the target's origin on merge, the generator's wins
	 * on replace; the target's transformer list stays either way. */
	if (b->gen_origin && (!old->origin || !strcmp(g->behavior, "replace")))
		old->origin = b->gen_origin;
	if (!(old->flags & RES_NEEDS_HASH) || !g->needs_hash)
		old->flags &= ~(unsigned)RES_NEEDS_HASH;
	return 0;
}

/* The objects of a generator list built on workers: each entry reads its
 * own files and makes its own object, independent of the others and of
 * what is already accumulated. */
struct gen_job {
	build *w;  /* one build per worker */
	const kust *k;
	const char *kind;
	const node *list, *opts;
	gen_result *g;
	err *errs;
	bool *ok;
};

static void gen_task(void *ctx, size_t worker, size_t i)
{
	struct gen_job *j = ctx;
	struct gen_reader rd = {&j->w[worker], j->k->dir, j->k->display};
	j->ok[i] = !gen_build(j->w[worker].a, j->kind, j->list->seq.v[i], j->opts, gen_read, &rd,
			      &j->g[i], &j->errs[i]);
}

/* Then merged in list order, each entry's own error where it had one:
 * the first error is the one the sequential loop meets. */
static int gen_parallel(build *b, const kust *k, const node *list, const char *kind,
			const node *opts, size_t nw, resmap *ra, err *e)
{
	size_t n = list->seq.n;
	struct gen_job j = {build_fork(b, nw), k, kind, list, opts, calloc(n, sizeof *j.g),
			    calloc(n, sizeof *j.errs), calloc(n, sizeof *j.ok)};
	if (!j.g || !j.errs || !j.ok)
		abort();
	pool_run(nw, n, gen_task, &j);
	build_join(j.w, nw);
	int rc = 0;
	for (size_t i = 0; !rc && i < n; i++) {
		if (!j.ok[i]) {
			err_clear(e);
			*e = j.errs[i];
			j.errs[i] = (err)ERR_INIT;
			rc = -1;
		} else {
			rc = add_generated(b, ra, &j.g[i], list->seq.v[i], e);
		}
	}
	for (size_t i = 0; i < n; i++)
		err_clear(&j.errs[i]);
	free(j.g);
	free(j.errs);
	free(j.ok);
	return rc;
}

static int run_generator_list(build *b, const kust *k, const char *field, const char *kind,
			      resmap *ra, err *e)
{
	node *list = kust_field(k, field);
	if (!list)
		return 0;
	if (list->kind != NODE_SEQ)
		return err_at(e, list->file, list->line, list->col, "'%s' must be a list", field);
	node *opts = kust_field(k, "generatorOptions");
	struct gen_reader rd = {b, k->dir, k->display};
	if (tracking(b))
		b->gen_origin = origin_builtin(b->a, b->origin_dir, path_base(k->file),
					       !strcmp(kind, "Secret") ? "SecretGenerator"
								       : "ConfigMapGenerator");
	int rc = 0;
	pool_par par = build_par(b);
	size_t nw = pool_par_workers(&par, list->seq.n);
	if (nw > 1)
		rc = gen_parallel(b, k, list, kind, opts, nw, ra, e);
	for (uint32_t i = 0; nw < 2 && !rc && i < list->seq.n; i++) {
		gen_result g;
		rc = gen_build(b->a, kind, list->seq.v[i], opts, gen_read, &rd, &g, e) ||
		     add_generated(b, ra, &g, list->seq.v[i], e);
	}
	b->gen_origin = NULL;
	return rc ? -1 : 0;
}

int build_generate(build *b, const char *kdir, const char *kdisplay, const char *kind,
		   const node *args, resmap *m, err *e)
{
	struct gen_reader rd = {b, kdir, kdisplay};
	gen_result g;
	if (gen_build(b->a, kind, args, NULL, gen_read, &rd, &g, e))
		return -1;
	return add_generated(b, m, &g, args, e);
}

static int run_generators(build *b, const kust *k, resmap *ra, err *e)
{
	return run_generator_list(b, k, "configMapGenerator", "ConfigMap", ra, e) ||
			       run_generator_list(b, k, "secretGenerator", "Secret", ra, e)
		       ? -1
		       : 0;
}

struct hash_job {
	const resmap *m;
	char (*h)[11];
};

static int hash_item(void *ctx, arena *a, size_t i, err *e)
{
	(void)a;
	const struct hash_job *j = ctx;
	const resource *r = j->m->v[i];
	return r->flags & RES_NEEDS_HASH ? gen_hash_suffix(r->obj, j->h[i], e) : 0;
}

/* Top level only: generated names get their content hash last of all.
 * Each hash reads only its own object: they are computed first (on
 * several threads when the build may), the names changed after. */
static int add_hash_suffixes(build *b, resmap *m, err *e)
{
	pool_par par = build_par(b);
	struct hash_job j = {m, malloc((m->n ? m->n : 1) * sizeof *j.h)};
	if (!j.h)
		abort();
	if (pool_each(&par, m->n, b->a, hash_item, &j, e)) {
		free(j.h);
		return -1;
	}
	for (size_t i = 0; i < m->n; i++) {
		resource *r = m->v[i];
		if (!(r->flags & RES_NEEDS_HASH))
			continue;
		const char *h = j.h[i];
		res_store_prev_id(b->a, r);
		node *md = node_ensure_map(b->a, r->obj, "metadata");
		const char *name = node_get_str(md, "name");
		node_set_str(b->a, md, "name", arena_sprintf(b->a, "%s-%s", name ? name : "", h));
		resmap_id_changed(m, r);
	}
	free(j.h);
	return 0;
}

static bool not_local_config(const resource *r, void *ctx)
{
	(void)ctx;
	node *v = node_dig(r->obj, "metadata", "annotations", "config.kubernetes.io/local-config",
			   NULL);
	return !(v && node_is_scalar(v) && strcmp(v->str.s, "false"));
}

/* Objects annotated config.kubernetes.io/local-config are not output. */
static void drop_local_config(resmap *m)
{
	resmap_filter(m, not_local_config, NULL);
}

/* --- generators: and transformers: ----------------------------------------- */

static int accumulate_dir(build *b, const char *dir, const node *entry, bool component,
			  struct acc *ac, err *e);

/* One entry of generators:/transformers: into out.  *rel is what the
 * objects' origin is spelt from (NULL for a directory, whose objects got
 * theirs while it was built). */
static int load_plugin_entry(build *b, const kust *k, const char *field, node *entry,
			     const char **rel, resmap *out, err *e)
{
	*rel = NULL;
	if (memchr(entry->str.s, '\n', entry->str.len)) {
		resmap tmp = {0};
		if (build_text_to_resources(b, entry->file, entry->str.s, entry->str.len, &tmp, e))
			return -1;
		for (size_t j = 0; j < tmp.n; j++) {
			node_shift_lines(tmp.v[j]->obj, entry->line);
			resmap_push(b->a, out, tmp.v[j]);
		}
		*rel = path_base(k->file);
		return 0;
	}
	char *p = NULL;
	fsrc_type t;
	if (locate_entry(b, k->dir, entry, field, &p, &t, e))
		return -1;
	if (t == FSRC_DIR) {
		struct acc sub = {0};
		fieldspec_config_empty(&sub.cfg);
		if (accumulate_dir(b, p, entry, false, &sub, e))
			return err_wrap(e, "loading %s from '%s'", field, entry->str.s);
		for (size_t j = 0; j < sub.m.n; j++)
			resmap_push(b->a, out, sub.m.v[j]);
		return 0;
	}
	char *data;
	size_t len;
	const char *path;
	if (build_read_entry(b, k->dir, entry, &path, &data, &len, e))
		return -1;
	int rc = build_text_to_resources(b, build_display(b, path), data, len, out, e);
	free(data);
	*rel = entry->str.s;
	return rc;
}

/* Plugin configurations: inline YAML, a file, or a directory whose
 * kustomization builds them.  kustomize takes the inline ones first, then
 * the files and directories, each group in list order. */
static int load_plugin_configs(build *b, const kust *k, const char *field, resmap *out, err *e)
{
	node *list;
	memset(out, 0, sizeof *out);
	if (kust_string_list(k, field, &list, e))
		return -1;
	for (int pass = 0; pass < 2; pass++) {
		for (uint32_t i = 0; list && i < list->seq.n; i++) {
			node *entry = list->seq.v[i];
			bool inl = memchr(entry->str.s, '\n', entry->str.len) != NULL;
			if (inl != (pass == 0))
				continue;
			size_t first = out->n;
			const char *rel;
			if (load_plugin_entry(b, k, field, entry, &rel, out, e))
				return -1;
			if (!rel || !tracking(b))
				continue;
			const res_origin *o = origin_file(b->a, b->origin_dir, rel);
			for (size_t j = first; j < out->n; j++)
				out->v[j]->origin = o;
		}
	}
	return 0;
}

static int run_plugins(build *b, const kust *k, struct acc *ac, bool generators, err *e)
{
	resmap confs;
	if (load_plugin_configs(b, k, generators ? "generators" : "transformers", &confs, e))
		return -1;
	plugin_ctx pc = {b, k->dir, k->display, &ac->cfg};
	for (size_t i = 0; i < confs.n; i++) {
		const res_origin *o = tracking(b) ? origin_of_config(b->a, confs.v[i]) : NULL;
		int rc;
		if (generators) {
			b->gen_origin = o;
			rc = plugin_generate(&pc, confs.v[i]->obj, &ac->m, e);
			b->gen_origin = NULL;
			/* objects a generator made without add_generated */
			for (size_t j = 0; !rc && o && j < ac->m.n; j++)
				if (!ac->m.v[j]->origin)
					ac->m.v[j]->origin = o;
		} else {
			rc = plugin_transform(&pc, confs.v[i]->obj, &ac->m, e);
			if (!rc)
				origin_record(b->a, &ac->m, o);
		}
		if (rc)
			return -1;
		drop_empties(&ac->m);
	}
	return 0;
}

/* buildMetadata counts only in the top kustomization (kustomize hands
 * every base and component the top's list); elsewhere it is only checked. */
static int check_build_metadata(const kust *k, err *e)
{
	node *list;
	return kust_string_list(k, "buildMetadata", &list, e);
}

static size_t count_of(const node *v)
{
	if (!v)
		return 0;
	switch (v->kind) {
	case NODE_SEQ:
		return v->seq.n;
	case NODE_MAP:
		return v->map.n;
	case NODE_STR:
		return v->str.len ? 1 : 0;
	default:
		return 0;
	}
}

/* kustomize records each built-in transformer it configured for k on every
 * object, in the order they run, whether it changed the object or not. */
static void record_builtin_xforms(build *b, const kust *k, resmap *m)
{
	enum { EACH, ONCE };
	static const struct {
		const char *field, *kind;
		int how;
	} steps[] = {
		{"patchesStrategicMerge", "PatchStrategicMergeTransformer", ONCE},
		{"patches", "PatchTransformer", EACH},
		{"namespace", "NamespaceTransformer", ONCE},
		{"namePrefix", "PrefixTransformer", ONCE},
		{"nameSuffix", "SuffixTransformer", ONCE},
		{"labels", "LabelTransformer", EACH},
		{"commonAnnotations", "AnnotationsTransformer", ONCE},
		{"patchesJson6902", "PatchJson6902Transformer", EACH},
		{"replicas", "ReplicaCountTransformer", EACH},
		{"images", "ImageTagTransformer", EACH},
		{"replacements", "ReplacementTransformer", ONCE},
	};
	const char *kfile = path_base(k->file);
	for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
		size_t n = count_of(kust_field(k, steps[i].field));
		if (!strcmp(steps[i].field, "labels")) {
			/* one per labels entry, and one for commonLabels */
			if (n || count_of(kust_field(k, "commonLabels")))
				n++;
		} else if (steps[i].how == ONCE && n) {
			n = 1;
		}
		if (!n)
			continue;
		const res_origin *o = origin_builtin(b->a, b->origin_dir, kfile, steps[i].kind);
		while (n--)
			origin_record(b->a, m, o);
	}
}

/* kubectl's kustomize labels objects with its own version, "(devel)",
 * once the whole build is done. */
static void add_managed_by(build *b, node *obj)
{
	node *md = node_ensure_map(b->a, obj, "metadata");
	node *labels = node_ensure_map(b->a, md, "labels");
	node *v = node_str(b->a, "kustomize-(devel)");
	v->flags |= NODE_F_QUOTED;
	node_set(b->a, labels, "app.kubernetes.io/managed-by", v);
}

static int accumulate_target(build *b, const kust *k, struct acc *ac, err *e)
{
	if (check_build_metadata(k, e))
		return -1;
	if (refuse_unsupported(k, e) || xform_meta_check(b->a, k->root, NULL, e) ||
	    xform_values_check(k->root, e))
		return -1;
	if (accumulate_resources(b, k, ac, e))
		return -1;
	if (merge_configurations(b, k, &ac->cfg, e) || openapi_load_crds(b, k, &ac->cfg, e))
		return -1;
	if (run_generators(b, k, &ac->m, e) || run_plugins(b, k, ac, true, e))
		return -1;
	if (accumulate_components(b, k, ac, e))
		return -1;
	if (run_transformers(b, k, &ac->m, &ac->cfg, e))
		return -1;
	if (tracking(b))
		record_builtin_xforms(b, k, &ac->m);
	if (run_plugins(b, k, ac, false, e))
		return -1;
	return vars_declare(b->a, &ac->vars, kust_field(k, "vars"), &ac->m, e);
}

/* kustomize's warnings for deprecated fields, in its order. */
static void deprecations(build *b, const kust *k)
{
	static const struct {
		const char *field, *instead, *extra;
	} dep[] = {
		{"bases", "resources", ""},
		{"commonLabels", "labels", ""},
		{"patchesJson6902", "patches", ""},
		{"patchesStrategicMerge", "patches", ""},
		{"vars", "replacements", " [EXPERIMENTAL]"},
	};
	for (size_t i = 0; i < sizeof dep / sizeof *dep; i++) {
		if (!node_get(k->root, dep[i].field) &&
		    !(i == 0 && k->had_bases))
			continue;
		char line[256];
		snprintf(line, sizeof line,
			 "# Warning: '%s' is deprecated. Please use '%s' instead.%s Run 'kustomize "
			 "edit fix' to update your Kustomization automatically.",
			 dep[i].field, dep[i].instead, dep[i].extra);
		warn_once(b, line);
	}
}

static int push_chain(build *b, const char *dir, const node *entry, err *e)
{
	char *real;
	err tmp = ERR_INIT;
	if (fsrc_resolve(b->fs, dir, &real, &tmp)) {
		if (entry)
			err_at(e, entry->file, entry->line, entry->col, "%s", tmp.msg);
		else
			err_set(e, "%s", tmp.msg);
		err_clear(&tmp);
		return -1;
	}
	/* kustomize names the nearest visited root that is inside it */
	for (size_t i = b->nchain; i-- > 0;) {
		if (path_within(b->chain[i], real)) {
			int rc = err_at(e, entry ? entry->file : NULL, entry ? entry->line : 0,
					entry ? entry->col : 0,
					"cycle detected: candidate root '%s' contains visited root "
					"'%s'; a kustomization cannot include itself or a directory "
					"above it",
					build_display(b, real), build_display(b, b->chain[i]));
			free(real);
			return rc;
		}
	}
	if (b->nchain == b->chaincap) {
		b->chaincap = b->chaincap ? b->chaincap * 2 : 8;
		b->chain = realloc(b->chain, b->chaincap * sizeof *b->chain);
	}
	b->chain[b->nchain++] = arena_strdup(b->a, real);
	free(real);
	return 0;
}

/* Goes into dir: its kustomization accumulated into ac, with the checks
 * every visit of a directory makes (limits, cycles, the kind it must be). */
static int enter_dir(build *b, const char *dir, const node *entry, bool component,
		     struct acc *ac, err *e)
{
	if (++b->ndirs > BUILD_MAX_DIRS)
		return err_at(e, entry ? entry->file : NULL, entry ? entry->line : 0,
			      entry ? entry->col : 0,
			      "more than %d kustomizations built for one build (bases reached "
			      "along many paths?); include each base once",
			      BUILD_MAX_DIRS);
	if (push_chain(b, dir, entry, e))
		return -1;
	if (limits_visit(&b->visits, b->chain[b->nchain - 1]) > BUILD_MAX_VISITS) {
		b->nchain--;
		return err_at(e, entry ? entry->file : NULL, entry ? entry->line : 0,
			      entry ? entry->col : 0,
			      "'%s' is built more than %d times in one build (a base reached along "
			      "many paths?); include it fewer times",
			      build_display(b, dir), BUILD_MAX_VISITS);
	}
	const char *saved_origin_dir = b->origin_dir;
	if (tracking(b) && entry)
		b->origin_dir = origin_join(b->a, saved_origin_dir, entry->str.s);
	kust k;
	int rc = kust_load(b->a, b->fs, dir, build_display(b, dir), &k, e);
	if (!rc) {
		deprecations(b, &k);
		if (openapi_choose(b, &k, false, e))
			rc = -1;
		else if (component && !k.is_component)
			rc = err_set(e, "expected kind 'Component' for path '%s' but got "
					"'Kustomization'; components must say kind: Component",
				     build_display(b, dir));
		else if (!component && k.is_component)
			rc = err_set(e, "expected kind != 'Component' for path '%s'; list "
					"components under 'components', not 'resources'",
				     build_display(b, dir));
	}
	if (!rc)
		rc = accumulate_target(b, &k, ac, e);
	b->nchain--;
	b->origin_dir = saved_origin_dir;
	return rc;
}

/* A built base's objects, field-spec config and vars join ac. */
static int join_base(build *b, struct acc *ac, struct acc *sub, err *e)
{
	if (resmap_append_all(b->a, &ac->m, &sub->m, e) ||
	    fieldspec_config_merge_memo(&b->cfg_memo, b->a, &ac->cfg, &sub->cfg, &ac->cfg, e))
		return -1;
	return vars_merge(b->a, &ac->vars, &sub->vars, e);
}

/* A component runs its steps on ac itself; a base builds in an
 * accumulator of its own, which then joins ac. */
static int accumulate_dir(build *b, const char *dir, const node *entry, bool component,
			  struct acc *ac, err *e)
{
	if (component)
		return enter_dir(b, dir, entry, true, ac, e);
	struct acc sub = {0};
	fieldspec_config_empty(&sub.cfg);
	return enter_dir(b, dir, entry, false, &sub, e) ? -1 : join_base(b, ac, &sub, e);
}

static int run(build *b, const char *dir, resmap *out, err *e)
{
	memset(out, 0, sizeof *out);
	if (push_chain(b, dir, NULL, e))
		return -1;
	kust k;
	if (kust_load_edit(b->a, b->fs, dir, build_display(b, dir), b->opts.edit_top, b->opts.pcache,
			   &k, e))
		return -1;
	deprecations(b, &k);
	if (openapi_choose(b, &k, true, e))
		return -1;
	/* kustomize builds a Component named on the command line as it
	 * builds a Kustomization. */
	b->meta = origin_meta_flags(kust_field(&k, "buildMetadata"));
	b->origin_dir = "";
	struct acc ac = {0};
	fieldspec_config_empty(&ac.cfg);
	if (accumulate_target(b, &k, &ac, e))
		return -1;
	b->nchain--;
	pool_par par = build_par(b);
	if (add_hash_suffixes(b, &ac.m, e) || nameref_fix(b->a, &ac.m, &ac.cfg, &par, e) ||
	    vars_resolve(b->a, &ac.vars, &ac.m, &ac.cfg, &b->warnings, e))
		return -1;
	resmap_ids_changed(&ac.m);
	drop_local_config(&ac.m);
	*out = ac.m;
	if (order_apply(b->a, out, kust_field(&k, "sortOptions"), e))
		return -1;
	resmap_ids_changed(out); /* reordered */
	for (size_t i = 0; i < out->n; i++) {
		if (b->meta & ORIGIN_META_MANAGED_BY)
			add_managed_by(b, out->v[i]->obj);
		if (tracking(b))
			origin_annotate(b->a, out->v[i], b->meta);
	}
	return 0;
}

int build_run(build *b, const char *dir, resmap *out, err *e)
{
	int rc = run(b, dir, out, e);
	workers_done(b);
	return rc;
}

/* --- output ------------------------------------------------------------ */

/* The buildMetadata annotations stay when the build asked for them. */
static bool internal_annotation(const char *k, unsigned meta)
{
	if (((meta & ORIGIN_META_ORIGIN) && !strcmp(k, ORIGIN_ANNOTATION)) ||
	    ((meta & ORIGIN_META_XFORMS) && !strcmp(k, ORIGIN_XFORM_ANNOTATION)))
		return false;
	static const char *const drop[] = {
		"config.kubernetes.io/index", "config.kubernetes.io/path", "config.k8s.io/id",
		"config.kubernetes.io/origin", "alpha.config.kubernetes.io/transformations",
		"internal.config.kubernetes.io/path", "internal.config.kubernetes.io/index",
		"internal.config.kubernetes.io/id", "internal.config.kubernetes.io/annotations-migration-resource-id",
		"internal.config.kubernetes.io/seqindent", NULL};
	for (const char *const *d = drop; *d; d++)
		if (!strcmp(k, *d))
			return true;
	return false;
}

/* kustomize writes annotations back as a map of strings: every value the
 * text it was written with, internal keys gone, an empty map removed. */
static void normalise_annotations(const build *b, node *obj)
{
	arena *a = b->a;
	node *md = node_get(obj, "metadata");
	node_pair *p = node_find(md, "annotations");
	if (!p)
		return;
	node *an = p->val;
	if (an->kind == NODE_MAP) {
		node *out = node_map(a);
		node_set_pos(out, an);
		for (uint32_t i = 0; i < an->map.n; i++) {
			node_pair *kv = &an->map.v[i];
			if (internal_annotation(kv->key->str.s, b->meta))
				continue;
			node *v = kv->val;
			if (node_is_scalar(v) && v->kind != NODE_STR) {
				node *s = node_strn(a, v->str.s, v->str.len);
				node_set_pos(s, v);
				v = s;
			}
			node_append(a, out, kv->key, v);
		}
		an = out;
		p->val = out;
	}
	if (an->kind == NODE_NULL || (an->kind == NODE_MAP && an->map.n == 0))
		node_del(md, "annotations");
}

void build_normalise(build *b, const resmap *m)
{
	for (size_t i = 0; i < m->n; i++)
		normalise_annotations(b, m->v[i]->obj);
}

static int output_too_big(build *b, const resmap *m, size_t i, err *e)
{
	return err_set(e, "the output passes %zu bytes at %s (%s); raise the limit with "
			  "--max-output-size BYTES",
		       b->opts.max_output_size, resid_string(b->a, &m->v[i]->orig),
		       m->v[i]->source ? m->v[i]->source : "generated");
}

/* A run of objects printed by one worker: where each one ends in its
 * text, and the first that failed (hi when none did). */
struct emit_part {
	const resmap *m;
	size_t lo, hi, failed;
	buf out;
	size_t *ends;   /* indexed from lo */
	err e;
};

static void emit_task(void *ctx, size_t worker, size_t i)
{
	(void)worker;
	struct emit_part *p = &((struct emit_part *)ctx)[i];
	p->failed = p->hi;
	for (size_t k = p->lo; k < p->hi; k++) {
		if (k)
			buf_adds(&p->out, "---\n");
		if (emit_doc(&p->out, p->m->v[k]->obj, &p->e)) {
			p->failed = k;
			return;
		}
		p->ends[k - p->lo] = p->out.len;
	}
}

/* Parts of about equal length, a few per worker so that one slow part
 * does not hold up the rest; joined in order, they are the text the
 * sequential loop would print, and the first failure in order wins. */
static int emit_parallel(const resmap *m, buf *out, size_t workers, size_t limit, size_t *at,
			 err *e)
{
	/* Objects differ a lot in size and come sorted by kind (the big
	 * Deployments together): many small parts keep every worker busy to
	 * the end. */
	size_t nparts = workers * 32 < m->n ? workers * 32 : m->n;
	struct emit_part *parts = calloc(nparts, sizeof *parts);
	size_t *ends = calloc(m->n, sizeof *ends);
	if (!parts || !ends)
		abort();
	for (size_t j = 0; j < nparts; j++)
		parts[j] = (struct emit_part){.m = m, .lo = m->n * j / nparts,
					      .hi = m->n * (j + 1) / nparts, .e = ERR_INIT};
	for (size_t j = 0; j < nparts; j++)
		parts[j].ends = ends + parts[j].lo;
	pool_run(workers, nparts, emit_task, parts);
	int rc = 0;
	size_t total = 0;
	for (size_t j = 0; j < nparts; j++)
		total += parts[j].out.len;
	buf_reserve(out, total);
	for (size_t j = 0; j < nparts && !rc; j++) {
		struct emit_part *p = &parts[j];
		size_t base = out->len;
		buf_add(out, p->out.p ? p->out.p : "", p->out.len);
		for (size_t k = p->lo; k < p->hi && !rc; k++) {
			if (k == p->failed) {
				err_clear(e);
				*e = p->e;
				p->e = (err)ERR_INIT;
				*at = k;
				rc = -1;
			} else if (limit && base + p->ends[k - p->lo] > limit) {
				*at = k;
				rc = 1;
			}
		}
	}
	for (size_t j = 0; j < nparts; j++) {
		buf_free(&parts[j].out);
		err_clear(&parts[j].e);
	}
	free(parts);
	free(ends);
	return rc;
}

int build_emit_stream(const resmap *m, int jobs, size_t min, size_t limit, buf *out, size_t *at,
		      err *e)
{
	/* Text goes to buffers of the parts: no arenas wanted. */
	pool_par par = {jobs, min, NULL, 0};
	size_t workers = pool_par_workers(&par, m->n);
	if (workers > 1)
		return emit_parallel(m, out, workers, limit, at, e);
	for (size_t i = 0; i < m->n; i++) {
		*at = i;
		if (i)
			buf_adds(out, "---\n");
		if (emit_doc(out, m->v[i]->obj, e))
			return -1;
		if (limit && out->len > limit)
			return 1;
	}
	return 0;
}

int build_emit(build *b, const resmap *m, buf *out, err *e)
{
	for (size_t i = 0; i < m->n; i++)
		normalise_annotations(b, m->v[i]->obj);
	size_t at;
	int rc = build_emit_stream(m, b->opts.jobs, build_par_min(b), b->opts.max_output_size, out,
				   &at, e);
	return rc > 0 ? output_too_big(b, m, at, e) : rc;
}
