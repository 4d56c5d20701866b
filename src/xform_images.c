/* xform_images.c - the `images` and `replicas` transformers; see
 * xform_values.h. */
#include "strata/xform_values.h"

#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strata/buf.h"
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
	const char *new_name, *new_tag, *digest, *tag_suffix;
	regex_t re;
} image_rule;

/* kustomize's match: the name as written (a regular expression), then an
 * optional tag and an optional sha256 digest, anchored at both ends. */
static int image_rule_init(const node *entry, image_rule *r, err *e)
{
	const char *name = xdec_str(entry, "name");
	r->new_name = xdec_str(entry, "newName");
	r->new_tag = xdec_str(entry, "newTag");
	r->digest = xdec_str(entry, "digest");
	r->tag_suffix = xdec_str(entry, "tagSuffix");
	/* The name must be a regular expression on its own ("[" is not,
	 * though glued to the tag pattern it would compile). */
	buf pat = BUF_INIT;
	buf_printf(&pat, "(%s)", name);
	int rc = regcomp(&r->re, pat.p, REG_EXTENDED | REG_NOSUB);
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
			      "image name '%s' is not a valid regular expression (kustomize "
			      "matches names as regular expressions); escape its special "
			      "characters",
			      name);
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
	if (regexec(&r->re, n->str.s, 0, NULL, 0) != 0)
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

static int image_in_container(arena *a, const image_rule *r, node *c, err *e)
{
	if (c->kind == NODE_NULL)
		return 0;
	if (c->kind != NODE_MAP)
		return wrong_kind(c, "MappingNode", e);
	node_pair *p = node_find(c, "image");
	return p ? image_update(a, r, p->val, e) : 0;
}

/* The first pass: every list under a `containers` or `initContainers` key,
 * wherever it is (children are visited before the key itself). */
static int image_walk(arena *a, const image_rule *r, node *n, err *e)
{
	if (n->kind == NODE_SEQ) {
		for (uint32_t i = 0; i < n->seq.n; i++)
			if (image_walk(a, r, n->seq.v[i], e))
				return -1;
		return 0;
	}
	if (n->kind != NODE_MAP)
		return 0;
	for (uint32_t i = 0; i < n->map.n; i++) {
		node_pair *p = &n->map.v[i];
		if (image_walk(a, r, p->val, e))
			return -1;
		if (p->val->kind != NODE_SEQ ||
		    !(node_str_is(p->key, "containers") || node_str_is(p->key, "initContainers")))
			continue;
		for (uint32_t k = 0; k < p->val->seq.n; k++)
			if (image_in_container(a, r, p->val->seq.v[k], e))
				return -1;
	}
	return 0;
}

static int image_fs_fn(arena *a, node *parent, node **slot, void *ctx, err *e)
{
	(void)parent;
	return *slot ? image_update(a, ctx, *slot, e) : 0;
}

static bool is_crd(const resource *r)
{
	const char *k = node_get_str(r->obj, "kind");
	return k && !strcmp(k, "CustomResourceDefinition");
}

static int image_apply(arena *a, resmap *m, const image_rule *r, const fieldspec_list *specs,
		       err *e)
{
	for (size_t i = 0; i < m->n; i++)
		if (!is_crd(m->v[i]) && image_walk(a, r, m->v[i]->obj, e))
			return -1;
	for (size_t i = 0; i < m->n; i++)
		if (!is_crd(m->v[i]) &&
		    fieldspec_apply_list(a, m->v[i]->obj, specs, FIELDSPEC_CREATE_NONE, image_fs_fn,
					 (void *)r, e))
			return -1;
	return 0;
}

int xform_images_check(const node *images, err *e)
{
	return xdec_check_list(&KUST_DEC, images, "images", "Image", &IMAGE_SCHEMA, e);
}

int xform_images(arena *a, resmap *m, const node *images, const fieldspec_config *cfg, err *e)
{
	if (xform_images_check(images, e))
		return -1;
	if (!images || images->kind != NODE_SEQ)
		return 0;
	for (uint32_t i = 0; i < images->seq.n; i++) {
		const node *entry = images->seq.v[i];
		image_rule r;
		if (image_rule_init(entry, &r, e))
			return -1;
		int rc = image_apply(a, m, &r, &cfg->t[FIELDSPEC_IMAGES], e);
		regfree(&r.re);
		if (rc)
			return -1;
	}
	return 0;
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
	for (size_t s = 0; s < specs->n; s++) {
		const fieldspec *fs = &specs->v[s];
		for (size_t i = 0; i < m->n; i++) {
			if (!replica_selects(m->v[i], name, fs))
				continue;
			found = true;
			if (fieldspec_apply(a, m->v[i]->obj, fs, FIELDSPEC_CREATE_SCALAR, replica_fn,
					    (void *)count, e))
				return -1;
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
