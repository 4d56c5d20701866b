/* xform_images.c - the `images` and `replicas` transformers; see
 * xform_values.h. */
#include "strata/xform_values.h"

#include <regex.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strata/buf.h"
#include "strata/goregex.h"
#include "xform_internal.h"

static const xdec KUST_DEC = {"invalid Kustomization: ", true};

/* ------------------------------------------------------------- images */

static const xfield IMAGE_FIELDS[] = {
	{"name", XT_STR, "string", NULL, NULL},
	{"newName", XT_STR, "string", NULL, NULL},
	{"newTag", XT_STR, "string", NULL, NULL},
	{"digest", XT_STR, "string", NULL, NULL},
	{"tagSuffix", XT_STR, "string", NULL, NULL},
	{NULL, XT_STR, NULL, NULL, NULL},
};
static const xschema IMAGE_SCHEMA = {"Image", IMAGE_FIELDS};

typedef struct image_rule {
	const char *name, *new_name, *new_tag, *digest, *tag_suffix;
	bool plain;  /* no metacharacters but '.': matched without re */
	regex_t re;
} image_rule;

static bool plain_name(const char *name);
static bool tail_ok(const char *t);

/* The anchored match of a plain name: its '.'s match any character but a
 * newline (as in Go), the rest itself; then an optional tag and digest. */
static bool plain_match(const char *name, const char *img)
{
	for (; *name; name++, img++)
		if (*img == 0 || (*name == '.' ? *img == '\n' : *img != *name))
			return false;
	return tail_ok(img);
}

static bool rule_matches(const image_rule *r, const char *img)
{
	return r->plain ? plain_match(r->name, img) : regexec(&r->re, img, 0, NULL, 0) == 0;
}

/* kustomize's match: the name as written (a regular expression), then an
 * optional tag and an optional sha256 digest, anchored at both ends. */
static int image_rule_init(const node *entry, image_rule *r, err *e)
{
	const char *name = xdec_str(entry, "name");
	r->name = name;
	r->new_name = xdec_str(entry, "newName");
	r->new_tag = xdec_str(entry, "newTag");
	r->digest = xdec_str(entry, "digest");
	r->tag_suffix = xdec_str(entry, "tagSuffix");
	/* Most names are plain: nothing to compile, nothing to reject. */
	r->plain = plain_name(name) && strlen(name) > 0;
	if (r->plain)
		return 0;
	/* The name must be a regular expression on its own ("[" is not,
	 * though glued to the tag pattern it would compile). */
	buf pat = BUF_INIT;
	buf_printf(&pat, "(%s)", name);
	/* What Go refuses can also make glibc's compiler blow up. */
	char why[160];
	int rc = goregex_check(name, why, sizeof why)
			 ? regcomp(&r->re, pat.p, REG_EXTENDED | REG_NOSUB)
			 : REG_BADRPT;
	if (!rc) {
		regfree(&r->re);
		buf_reset(&pat);
		buf_printf(&pat, "^%s(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$", name);
		rc = regcomp(&r->re, pat.p, REG_EXTENDED | REG_NOSUB);
	}
	buf_free(&pat);
	if (rc) {
		const node *at = xdec_field(entry, "name");
		if (!at)
			at = entry;
		return err_at(e, at->file, at->line, at->col,
			      "image name '%s' is not a valid regular expression%s%s (kustomize "
			      "matches names as regular expressions); escape its special "
			      "characters",
			      name, why[0] ? ": error parsing regexp: " : "", why);
	}
	return 0;
}

/* Splits an image reference as kustomize does: tag and digest are looked
 * for only after the first '/', so a registry port is part of the name. */
static void image_split(arena *a, const char *img, const char **name, const char **tag,
			const char **digest)
{
	const char *slash = strchr(img, '/');
	size_t off = slash && slash > img ? (size_t)(slash - img) : 0;
	const char *search = img + off;
	const char *at = strchr(search, '@'), *colon = strchr(search, ':');
	*tag = *digest = "";
	if (!at && !colon) {
		*name = img;
	} else if (at && (!colon || at < colon)) {
		*name = arena_strndup(a, img, (size_t)(at - img));
		*digest = at + 1;
	} else if (at) {
		*name = arena_strndup(a, img, (size_t)(colon - img));
		*tag = arena_strndup(a, colon + 1, (size_t)(at - colon - 1));
		*digest = at + 1;
	} else {
		*name = arena_strndup(a, img, (size_t)(colon - img));
		*tag = colon + 1;
	}
}

static int wrong_kind(const node *n, const char *want, err *e)
{
	return err_at(e, n->file, n->line, n->col,
		      "wrong node kind: expected %s but got %s; this field must be a %s", want,
		      xval_kind_name(n), !strcmp(want, "ScalarNode") ? "single value" : "map");
}

static int image_update(arena *a, const image_rule *r, node *n, err *e)
{
	if (!node_is_scalar(n))
		return wrong_kind(n, "ScalarNode", e);
	if (!rule_matches(r, n->str.s))
		return 0;
	const char *name, *tag, *digest;
	image_split(a, n->str.s, &name, &tag, &digest);
	if (r->new_name[0])
		name = r->new_name;
	if (r->new_tag[0] && r->digest[0]) {
		tag = r->new_tag;
		digest = r->digest;
	} else if (r->new_tag[0]) {
		tag = r->new_tag;
		digest = "";
	} else if (r->digest[0]) {
		tag = "";
		digest = r->digest;
	} else if (r->tag_suffix[0]) {
		tag = arena_sprintf(a, "%s%s", tag, r->tag_suffix);
		digest = "";
	}
	buf out = BUF_INIT;
	buf_adds(&out, name);
	if (tag[0])
		buf_printf(&out, ":%s", tag);
	if (digest[0])
		buf_printf(&out, "@%s", digest);
	/* kyaml writes a new untagged scalar in the old one's style. */
	xval_set_untagged(a, n, out.p ? out.p : "", out.len, n->flags & NODE_F_QUOTED);
	buf_free(&out);
	return 0;
}

/* --- where images are ---------------------------------------------------
 *
 * kustomize runs the rules one after another, each over every object: a
 * walk (every list under a `containers` or `initContainers` key, children
 * before the key itself), then the images field specs.  Every rule visits
 * the same nodes (a rule only rewrites a scalar's text), so the nodes are
 * found once, in that order, and the structural errors, which do not depend
 * on the rule, surface as the first rule would raise them.  Each node then
 * takes the rules in order, each as many times as the passes visit it. */

typedef struct img_sites {
	node **v;
	size_t n, cap;
} img_sites;

static void sites_add(img_sites *s, node *n)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->v = realloc(s->v, s->cap * sizeof *s->v);
	}
	s->v[s->n++] = n;
}

static int site_scalar(img_sites *s, node *n, err *e)
{
	if (!node_is_scalar(n))
		return wrong_kind(n, "ScalarNode", e);
	sites_add(s, n);
	return 0;
}

static int sites_in_container(img_sites *s, node *c, err *e)
{
	if (c->kind == NODE_NULL)
		return 0;
	if (c->kind != NODE_MAP)
		return wrong_kind(c, "MappingNode", e);
	node_pair *p = node_find(c, "image");
	return p ? site_scalar(s, p->val, e) : 0;
}

static int sites_walk(img_sites *s, node *n, err *e)
{
	if (n->kind == NODE_SEQ) {
		for (uint32_t i = 0; i < n->seq.n; i++)
			if (sites_walk(s, n->seq.v[i], e))
				return -1;
		return 0;
	}
	if (n->kind != NODE_MAP)
		return 0;
	for (uint32_t i = 0; i < n->map.n; i++) {
		node_pair *p = &n->map.v[i];
		if (sites_walk(s, p->val, e))
			return -1;
		if (p->val->kind != NODE_SEQ ||
		    !(node_str_is(p->key, "containers") || node_str_is(p->key, "initContainers")))
			continue;
		for (uint32_t k = 0; k < p->val->seq.n; k++)
			if (sites_in_container(s, p->val->seq.v[k], e))
				return -1;
	}
	return 0;
}

static int sites_fs(arena *a, node *parent, node **slot, void *ctx, err *e)
{
	(void)a;
	(void)parent;
	return *slot ? site_scalar(ctx, *slot, e) : 0;
}

static bool is_crd(const resource *r)
{
	const char *k = node_get_str(r->obj, "kind");
	return k && !strcmp(k, "CustomResourceDefinition");
}

/* Each object's sites, found apart (pool_each) and joined after: the
 * rules sort them by node anyway. */
struct sites_job {
	resmap *m;
	const fieldspec_list *specs;
	img_sites *per;  /* one per object */
};

static int walk_one(void *ctx, arena *a, size_t i, err *e)
{
	(void)a;
	struct sites_job *j = ctx;
	return is_crd(j->m->v[i]) ? 0 : sites_walk(&j->per[i], j->m->v[i]->obj, e);
}

static int specs_one(void *ctx, arena *a, size_t i, err *e)
{
	struct sites_job *j = ctx;
	return is_crd(j->m->v[i]) ? 0
				  : fieldspec_apply_list(a, j->m->v[i]->obj, j->specs,
							 FIELDSPEC_CREATE_NONE, sites_fs, &j->per[i], e);
}

/* Both passes over every object, the walk first, as kustomize errs. */
static int find_sites(arena *a, resmap *m, const fieldspec_list *specs, const pool_par *par,
		      img_sites *s, err *e)
{
	struct sites_job j = {m, specs, calloc(m->n + 1, sizeof *j.per)};
	if (!j.per)
		abort();
	int rc = pool_each(par, m->n, a, walk_one, &j, e);
	if (!rc)
		rc = pool_each(par, m->n, a, specs_one, &j, e);
	for (size_t i = 0; i < m->n; i++) {
		for (size_t k = 0; !rc && k < j.per[i].n; k++)
			sites_add(s, j.per[i].v[k]);
		free(j.per[i].v);
	}
	free(j.per);
	return rc;
}

/* --- which rules may match an image ---------------------------------------
 *
 * A rule whose name has no regular-expression syntax but '.' matches
 * exactly the images made of a name part as long as the rule's, equal to it
 * where the rule has no '.', then an optional ":tag" and "@sha256:digest".
 * Such rules are hashed by their text with the dots masked, in groups of
 * equal length and dot positions; an image is looked up in each group at
 * each place its name part could end.  Other rules are tried on every
 * image.  regexec has the last word either way. */

typedef struct img_group {
	size_t len;
	const size_t *dots; /* positions, ascending */
	size_t ndots;
} img_group;

typedef struct img_index {
	size_t *complex; /* rules tried everywhere, ascending */
	size_t ncomplex;
	img_group *groups;
	size_t ngroups;
	struct img_ent {
		uint64_t h;
		size_t rule; /* SIZE_MAX: empty */
	} *t;
	size_t cap;
	size_t *cand; /* next_rule's scratch */
	size_t ncand, candcap;
} img_index;

static bool tag_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c && strchr("_.{}-", c));
}

/* Is rest an optional ":tag" then an optional "@sha256:digest"? */
static bool tail_ok(const char *t)
{
	if (*t == ':')
		for (t++; tag_char(*t); t++)
			;
	if (!strncmp(t, "@sha256:", 8))
		for (t += 8; tag_char(*t); t++)
			;
	return !*t;
}

static bool plain_name(const char *name)
{
	for (const char *p = name; *p; p++)
		if (*p <= ' ' || *p > '~' || strchr("[]()*+?{}|^$\\", *p))
			return false;
	return true;
}

static uint64_t masked_hash(const char *s, const img_group *g, size_t gi)
{
	uint64_t h = 0xcbf29ce484222325u ^ (gi * 0x9e3779b97f4a7c15u);
	size_t d = 0;
	for (size_t i = 0; i < g->len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (d < g->ndots && g->dots[d] == i)
			c = 0, d++;
		h = (h ^ c) * 0x100000001b3u;
	}
	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9u;
	return h ^ (h >> 32);
}

static void ent_put(img_index *x, uint64_t h, size_t rule)
{
	size_t mask = x->cap - 1;
	size_t i = h & mask;
	while (x->t[i].rule != SIZE_MAX)
		i = (i + 1) & mask;
	x->t[i] = (struct img_ent){h, rule};
}

static size_t group_of(img_index *x, arena *a, const char *name)
{
	size_t len = strlen(name), nd = 0;
	size_t *dots = arena_alloc(a, (len + 1) * sizeof *dots);
	for (size_t i = 0; i < len; i++)
		if (name[i] == '.')
			dots[nd++] = i;
	for (size_t g = 0; g < x->ngroups; g++)
		if (x->groups[g].len == len && x->groups[g].ndots == nd &&
		    !memcmp(x->groups[g].dots, dots, nd * sizeof *dots))
			return g;
	x->groups[x->ngroups] = (img_group){len, dots, nd};
	return x->ngroups++;
}

static void index_rules(arena *a, const image_rule *rules, size_t n, img_index *x)
{
	memset(x, 0, sizeof *x);
	x->complex = malloc((n + 1) * sizeof *x->complex);
	x->groups = malloc((n + 1) * sizeof *x->groups);
	for (x->cap = 16; x->cap < 2 * n; x->cap *= 2)
		;
	x->t = malloc(x->cap * sizeof *x->t);
	for (size_t i = 0; i < x->cap; i++)
		x->t[i].rule = SIZE_MAX;
	for (size_t i = 0; i < n; i++) {
		if (!plain_name(rules[i].name)) {
			x->complex[x->ncomplex++] = i;
			continue;
		}
		size_t g = group_of(x, a, rules[i].name);
		ent_put(x, masked_hash(rules[i].name, &x->groups[g], g), i);
	}
}

static void index_free(img_index *x)
{
	free(x->complex);
	free(x->groups);
	free(x->t);
	free(x->cand);
}

static void cand_add(img_index *x, size_t rule, size_t from)
{
	if (rule < from)
		return;
	if (x->ncand == x->candcap) {
		x->candcap = x->candcap ? x->candcap * 2 : 16;
		x->cand = realloc(x->cand, x->candcap * sizeof *x->cand);
	}
	x->cand[x->ncand++] = rule;
}

static int by_rule(const void *p, const void *q)
{
	size_t a = *(const size_t *)p, b = *(const size_t *)q;
	return a < b ? -1 : a > b;
}

/* The first rule from `from` on that matches img, or SIZE_MAX. */
static size_t next_rule(img_index *x, const image_rule *rules, size_t from, const char *img)
{
	size_t len = strlen(img);
	x->ncand = 0;
	for (size_t i = 0; i < x->ncomplex; i++)
		cand_add(x, x->complex[i], from);
	for (size_t end = 0; end <= len; end++) {
		if ((end < len && img[end] != ':' && img[end] != '@') || !tail_ok(img + end))
			continue;
		for (size_t g = 0; g < x->ngroups; g++) {
			if (x->groups[g].len != end)
				continue;
			uint64_t h = masked_hash(img, &x->groups[g], g);
			size_t mask = x->cap - 1;
			for (size_t i = h & mask; x->t[i].rule != SIZE_MAX; i = (i + 1) & mask)
				if (x->t[i].h == h)
					cand_add(x, x->t[i].rule, from);
		}
	}
	if (x->ncand > 1)
		qsort(x->cand, x->ncand, sizeof *x->cand, by_rule);
	for (size_t i = 0; i < x->ncand; i++)
		if (rule_matches(&rules[x->cand[i]], img))
			return x->cand[i];
	return SIZE_MAX;
}

static int by_address(const void *x, const void *y)
{
	uintptr_t a = (uintptr_t)*(node *const *)x, b = (uintptr_t)*(node *const *)y;
	return a < b ? -1 : a > b;
}

static int apply_rules(arena *a, const image_rule *rules, size_t nrules, img_sites *s, err *e)
{
	img_index x;
	index_rules(a, rules, nrules, &x);
	/* a node the passes reach k times takes each rule k times running */
	if (s->n > 1)
		qsort(s->v, s->n, sizeof *s->v, by_address);
	int rc = 0;
	for (size_t i = 0; !rc && i < s->n;) {
		node *n = s->v[i];
		size_t visits = 0;
		while (i < s->n && s->v[i] == n)
			i++, visits++;
		for (size_t r = next_rule(&x, rules, 0, n->str.s); !rc && r != SIZE_MAX;
		     r = next_rule(&x, rules, r + 1, n->str.s))
			for (size_t k = 0; !rc && k < visits; k++)
				rc = image_update(a, &rules[r], n, e);
	}
	index_free(&x);
	return rc;
}

int xform_images_check(const node *images, err *e)
{
	return xdec_check_list(&KUST_DEC, images, "images", "Image", &IMAGE_SCHEMA, e);
}

int xform_images(arena *a, resmap *m, const node *images, const fieldspec_config *cfg,
		 const pool_par *par, err *e)
{
	if (xform_images_check(images, e))
		return -1;
	if (!images || images->kind != NODE_SEQ || !images->seq.n)
		return 0;
	size_t n = images->seq.n, ready = 0;
	image_rule *rules = calloc(n, sizeof *rules);
	img_sites sites = {0};
	/* the order kustomize fails in: the first rule, then its passes,
	 * then the other rules */
	int rc = image_rule_init(images->seq.v[0], &rules[0], e);
	if (!rc) {
		ready = 1;
		rc = find_sites(a, m, &cfg->t[FIELDSPEC_IMAGES], par, &sites, e);
	}
	while (!rc && ready < n)
		if (!(rc = image_rule_init(images->seq.v[ready], &rules[ready], e)))
			ready++;
	if (!rc)
		rc = apply_rules(a, rules, n, &sites, e);
	for (size_t i = 0; i < ready; i++)
		if (!rules[i].plain)
			regfree(&rules[i].re);
	free(rules);
	free(sites.v);
	return rc ? -1 : 0;
}

/* ----------------------------------------------------------- replicas */

static const xfield REPLICA_FIELDS[] = {
	{"name", XT_STR, "string", NULL, NULL},
	{"count", XT_INT, "int64", NULL, NULL},
	{NULL, XT_STR, NULL, NULL, NULL},
};
static const xschema REPLICA_SCHEMA = {"Replica", REPLICA_FIELDS};

static bool set(const char *s)
{
	return s && s[0];
}

static bool gvk_selects(const fieldspec *fs, const resid *id)
{
	return (!set(fs->group) || resid_group_is(id, fs->group)) &&
	       (!set(fs->version) || !strcmp(fs->version, id->version)) &&
	       (!set(fs->kind) || !strcmp(fs->kind, id->kind));
}

/* kustomize picks the objects by any id they had, then lets the field
 * spec check the current kind again. */
static bool replica_selects(const resource *r, const char *name, const fieldspec *fs)
{
	resid cur = res_id(r);
	if (!strcmp(cur.name, name) && gvk_selects(fs, &cur))
		return true;
	for (size_t i = 0; i < r->nprev; i++)
		if (!strcmp(r->prev[i].name, name) && gvk_selects(fs, &r->prev[i]))
			return true;
	return false;
}

static int replica_fn(arena *a, node *parent, node **slot, void *ctx, err *e)
{
	const char *count = ctx;
	if (!*slot) {
		node *n = node_scalar(a, NODE_INT, count, strlen(count));
		node_set_pos(n, parent);
		*slot = n;
		return 0;
	}
	node *n = *slot;
	if (!node_is_scalar(n))
		return wrong_kind(n, "ScalarNode", e);
	/* The new value is an integer, but a quoted old one keeps its quotes
	 * and so stays a string. */
	bool quoted = n->flags & NODE_F_QUOTED;
	n->kind = quoted ? NODE_STR : NODE_INT;
	n->flags = quoted ? NODE_F_QUOTED : 0;
	n->str.s = arena_strdup(a, count);
	n->str.len = strlen(count);
	return 0;
}

static const char *gvk_text(arena *a, const fieldspec *fs)
{
	return arena_sprintf(a, "%s.%s.%s", set(fs->kind) ? fs->kind : "[noKind]",
			     set(fs->version) ? fs->version : "[noVer]",
			     set(fs->group) ? fs->group : "[noGrp]");
}

static int replica_apply(arena *a, resmap *m, const node *entry, const fieldspec_list *specs,
			 err *e)
{
	const char *name = xdec_str(entry, "name");
	const char *count = arena_sprintf(a, "%lld", xdec_int(entry, "count"));
	bool found = false;
	resource **named;
	size_t nnamed = resmap_named(m, name, &named);
	for (size_t s = 0; s < specs->n; s++) {
		const fieldspec *fs = &specs->v[s];
		for (size_t i = 0; i < nnamed; i++) {
			if (!replica_selects(named[i], name, fs))
				continue;
			found = true;
			if (fieldspec_apply(a, named[i]->obj, fs, FIELDSPEC_CREATE_SCALAR, replica_fn,
					    (void *)count, e))
				return -1;
			resmap_id_changed(m, named[i]); /* a field spec may name any field */
		}
	}
	if (found)
		return 0;
	buf gvks = BUF_INIT;
	for (size_t s = 0; s < specs->n; s++)
		buf_printf(&gvks, "%s%s", s ? " " : "", gvk_text(a, &specs->v[s]));
	err_at(e, entry->file, entry->line, entry->col,
	       "resource with name %s does not match a config with the following GVK [%s]; "
	       "check the name, or add the kind's replicas field with `configurations:`",
	       name, gvks.p ? gvks.p : "");
	buf_free(&gvks);
	return -1;
}

int xform_replicas_check(const node *replicas, err *e)
{
	return xdec_check_list(&KUST_DEC, replicas, "replicas", "Replica", &REPLICA_SCHEMA, e);
}

int xform_replicas(arena *a, resmap *m, const node *replicas, const fieldspec_config *cfg,
		   err *e)
{
	if (xform_replicas_check(replicas, e))
		return -1;
	if (!replicas || replicas->kind != NODE_SEQ)
		return 0;
	for (uint32_t i = 0; i < replicas->seq.n; i++) {
		const node *entry = replicas->seq.v[i];
		if (replica_apply(a, m, entry, &cfg->t[FIELDSPEC_REPLICAS], e))
			return -1;
	}
	return 0;
}
