/* flux.c - Flux Kustomization objects and the kustomization file
 * kustomize-controller builds from them; see flux.h.
 *
 * Field semantics follow fluxcd/pkg's kustomize generator (the code both
 * kustomize-controller and `flux build` run): targetNamespace, namePrefix
 * and nameSuffix replace the kustomization's own values, patches and
 * components are appended, images replace an entry of the same name or are
 * appended.  Decisions where Flux is silent are noted at the code.
 */
#include "strata/flux.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "strata/emit.h"
#include "strata/kust.h"
#include "strata/parse.h"
#include "strata/path.h"

static const char *const KS_VERSIONS[] = {
	"kustomize.toolkit.fluxcd.io/v1", "kustomize.toolkit.fluxcd.io/v1beta2",
	"kustomize.toolkit.fluxcd.io/v1beta1", NULL};

bool flux_is_kustomization(const node *obj)
{
	const char *kind = node_get_str(obj, "kind");
	const char *av = node_get_str(obj, "apiVersion");
	if (!kind || !av || strcmp(kind, "Kustomization"))
		return false;
	for (const char *const *v = KS_VERSIONS; *v; v++)
		if (!strcmp(av, *v))
			return true;
	return false;
}

const char *flux_ks_id(arena *a, const flux_ks *ks)
{
	return arena_sprintf(a, "%s/%s", ks->ns, ks->name);
}

/* --- reading the object ------------------------------------------------- */

struct rd {
	arena *a;
	const flux_ks *ks;
	const char *src;
	err *e;
};

static int bad_type(struct rd *r, const node *n, const char *field, const char *want)
{
	return err_at(r->e, n->file ? n->file : r->src, n->line, n->col,
		      "Flux Kustomization %s/%s: %s must be %s, got a %s; fix the field",
		      r->ks->ns, r->ks->name, field, want, node_kind_name((node_kind)n->kind));
}

/* A string field; NULL when absent or null. */
static int opt_str(struct rd *r, const node *m, const char *key, const char *field,
		   const char **out)
{
	node *v = node_get(m, key);
	*out = NULL;
	if (!v || v->kind == NODE_NULL)
		return 0;
	if (!node_is_scalar(v))
		return bad_type(r, v, field, "a string");
	*out = v->str.s;
	return 0;
}

static int opt_kind(struct rd *r, const node *m, const char *key, const char *field,
		    node_kind kind, const node **out)
{
	node *v = node_get(m, key);
	*out = NULL;
	if (!v || v->kind == NODE_NULL)
		return 0;
	if (v->kind != kind)
		return bad_type(r, v, field, kind == NODE_MAP ? "a map" : "a list");
	*out = v;
	return 0;
}

static int read_source_ref(struct rd *r, const node *spec, flux_ks *ks)
{
	const node *sr;
	if (opt_kind(r, spec, "sourceRef", "spec.sourceRef", NODE_MAP, &sr))
		return -1;
	if (!sr)
		return err_at(r->e, spec->file ? spec->file : r->src, spec->line, spec->col,
			      "Flux Kustomization %s/%s has no spec.sourceRef; Flux needs one to "
			      "know where spec.path lies",
			      ks->ns, ks->name);
	if (opt_str(r, sr, "kind", "spec.sourceRef.kind", &ks->source_ref.kind) ||
	    opt_str(r, sr, "name", "spec.sourceRef.name", &ks->source_ref.name) ||
	    opt_str(r, sr, "namespace", "spec.sourceRef.namespace", &ks->source_ref.ns))
		return -1;
	if (!ks->source_ref.kind || !ks->source_ref.name)
		return err_at(r->e, sr->file ? sr->file : r->src, sr->line, sr->col,
			      "Flux Kustomization %s/%s: spec.sourceRef needs kind and name",
			      ks->ns, ks->name);
	if (!ks->source_ref.ns || !ks->source_ref.ns[0])
		ks->source_ref.ns = ks->ns;
	return 0;
}

static int read_deps(struct rd *r, const node *spec, flux_ks *ks)
{
	const node *list;
	if (opt_kind(r, spec, "dependsOn", "spec.dependsOn", NODE_SEQ, &list))
		return -1;
	if (!list)
		return 0;
	ks->deps = arena_alloc(r->a, (list->seq.n + 1) * sizeof *ks->deps);
	for (uint32_t i = 0; i < list->seq.n; i++) {
		const node *d = list->seq.v[i];
		if (d->kind != NODE_MAP)
			return bad_type(r, d, "spec.dependsOn entries", "a map with name");
		flux_dep *dep = &ks->deps[ks->ndeps];
		if (opt_str(r, d, "name", "spec.dependsOn[].name", &dep->name) ||
		    opt_str(r, d, "namespace", "spec.dependsOn[].namespace", &dep->ns))
			return -1;
		if (!dep->name || !dep->name[0])
			return err_at(r->e, d->file ? d->file : r->src, d->line, d->col,
				      "Flux Kustomization %s/%s: a dependsOn entry has no name",
				      ks->ns, ks->name);
		if (!dep->ns || !dep->ns[0])
			dep->ns = ks->ns;
		dep->at = d;
		ks->ndeps++;
	}
	return 0;
}

static int read_post_build(struct rd *r, const node *spec, flux_ks *ks)
{
	const node *pb;
	if (opt_kind(r, spec, "postBuild", "spec.postBuild", NODE_MAP, &pb))
		return -1;
	if (!pb)
		return 0;
	if (opt_kind(r, pb, "substitute", "spec.postBuild.substitute", NODE_MAP,
		     &ks->substitute) ||
	    opt_kind(r, pb, "substituteFrom", "spec.postBuild.substituteFrom", NODE_SEQ,
		     &ks->substitute_from))
		return -1;
	for (uint32_t i = 0; ks->substitute && i < ks->substitute->map.n; i++) {
		const node *v = ks->substitute->map.v[i].val;
		if (!node_is_scalar(v))
			return bad_type(r, v, "spec.postBuild.substitute values", "a string");
	}
	for (uint32_t i = 0; ks->substitute_from && i < ks->substitute_from->seq.n; i++) {
		const node *ref = ks->substitute_from->seq.v[i];
		const char *kind, *name;
		if (ref->kind != NODE_MAP)
			return bad_type(r, ref, "spec.postBuild.substituteFrom entries",
					"a map with kind and name");
		if (opt_str(r, ref, "kind", "spec.postBuild.substituteFrom[].kind", &kind) ||
		    opt_str(r, ref, "name", "spec.postBuild.substituteFrom[].name", &name))
			return -1;
		if (!kind || (strcmp(kind, "ConfigMap") && strcmp(kind, "Secret")) || !name)
			return err_at(r->e, ref->file ? ref->file : r->src, ref->line, ref->col,
				      "Flux Kustomization %s/%s: substituteFrom entries need kind "
				      "ConfigMap or Secret and a name",
				      ks->ns, ks->name);
	}
	return 0;
}

static int read_metadata(struct rd *r, const node *spec, flux_ks *ks)
{
	const node *cm;
	if (opt_kind(r, spec, "commonMetadata", "spec.commonMetadata", NODE_MAP, &cm))
		return -1;
	if (!cm)
		return 0;
	return opt_kind(r, cm, "labels", "spec.commonMetadata.labels", NODE_MAP, &ks->labels) ||
	       opt_kind(r, cm, "annotations", "spec.commonMetadata.annotations", NODE_MAP,
			&ks->annotations);
}

static int read_spec(struct rd *r, const node *spec, flux_ks *ks)
{
	const char *path;
	if (opt_str(r, spec, "path", "spec.path", &path))
		return -1;
	ks->path = path ? path : "";
	ks->path_at = node_get(spec, "path");
	node *sus = node_get(spec, "suspend");
	ks->suspend = sus && sus->kind == NODE_BOOL && !strcmp(sus->str.s, "true");
	node *imc = node_get(spec, "ignoreMissingComponents");
	ks->ignore_missing_components = imc && imc->kind == NODE_BOOL && !strcmp(imc->str.s, "true");
	if (opt_str(r, spec, "targetNamespace", "spec.targetNamespace", &ks->target_ns) ||
	    opt_str(r, spec, "namePrefix", "spec.namePrefix", &ks->name_prefix) ||
	    opt_str(r, spec, "nameSuffix", "spec.nameSuffix", &ks->name_suffix) ||
	    opt_kind(r, spec, "patches", "spec.patches", NODE_SEQ, &ks->patches) ||
	    opt_kind(r, spec, "patchesStrategicMerge", "spec.patchesStrategicMerge", NODE_SEQ,
		     &ks->patches_sm) ||
	    opt_kind(r, spec, "patchesJson6902", "spec.patchesJson6902", NODE_SEQ,
		     &ks->patches_json) ||
	    opt_kind(r, spec, "images", "spec.images", NODE_SEQ, &ks->images) ||
	    opt_kind(r, spec, "components", "spec.components", NODE_SEQ, &ks->components))
		return -1;
	return read_source_ref(r, spec, ks) || read_deps(r, spec, ks) ||
	       read_post_build(r, spec, ks) || read_metadata(r, spec, ks);
}

int flux_ks_parse(arena *a, const node *obj, const char *source, flux_ks *out, err *e)
{
	memset(out, 0, sizeof *out);
	out->obj = obj;
	out->source = source;
	node *md = node_get(obj, "metadata");
	out->name = node_get_str(md, "name");
	out->ns = node_get_str(md, "namespace");
	if (!out->name)
		out->name = "";
	if (!out->ns || !out->ns[0])
		out->ns = "default";  /* where the API server would put it */
	struct rd r = {a, out, source, e};
	const node *spec;
	if (opt_kind(&r, obj, "spec", "spec", NODE_MAP, &spec))
		return -1;
	if (!spec)
		return err_at(e, obj->file ? obj->file : source, obj->line, obj->col,
			      "Flux Kustomization %s/%s has no spec", out->ns, out->name);
	return read_spec(&r, spec, out);
}

/* --- the generated kustomization ---------------------------------------- */

static bool has_kustomization(fsrc *fs, arena *a, const char *dir)
{
	static const char *const names[] = {"kustomization.yaml", "kustomization.yml",
					    "Kustomization"};
	for (size_t i = 0; i < 3; i++)
		if (fsrc_stat(fs, path_join(a, dir, names[i])) == FSRC_FILE)
			return true;
	return false;
}

static bool yaml_ext(const char *name)
{
	const char *dot = strrchr(name, '.');
	return dot && (!strcmp(dot, ".yaml") || !strcmp(dot, ".yml"));
}

/* Flux refuses a file it cannot read as Kubernetes objects. */
static int check_objects(arena *a, fsrc *fs, const char *path, const char *shown, err *e)
{
	char *data;
	size_t len;
	if (fsrc_read(fs, path, &data, &len, e))
		return -1;
	parse_docs docs;
	int rc = parse_yaml(a, shown, data, len, &docs, e);
	free(data);
	for (size_t i = 0; !rc && i < docs.n; i++) {
		node *d = docs.v[i];
		if (d->kind != NODE_MAP && d->kind != NODE_NULL)
			rc = err_at(e, d->file, d->line, d->col,
				    "expected a Kubernetes object (a map), got a %s",
				    node_kind_name((node_kind)d->kind));
	}
	if (rc)
		return err_wrap(e, "failed to decode Kubernetes YAML from %s (Flux includes every "
				   ".yaml/.yml file of a directory without a kustomization; "
				   "move it or add a .sourceignore entry)",
				shown);
	return 0;
}

/* A resources entry, double-quoted so that any file name stays a string. */
static void add_entry(buf *out, const char *rel)
{
	buf_adds(out, "- \"./");
	for (const char *c = rel; *c; c++) {
		if (*c == '"' || *c == '\\')
			buf_addc(out, '\\');
		buf_addc(out, *c);
	}
	buf_adds(out, "\"\n");
}

struct scan {
	arena *a;
	fsrc *fs;
	const char *top;
	const char *display;
	buf *out;
	err *e;
};

/* Whether directory p (named name, in the directory whose real path is
 * real_dir) is a symlink.  Flux's walk goes by lstat: it neither descends
 * into a symlinked directory nor lists it, and so two links to "." cannot
 * make the scan endless. */
static bool linked_dir(fsrc *fs, const char *real_dir, const char *name, const char *p)
{
	char *real = NULL;
	err tmp = ERR_INIT;
	if (!real_dir || fsrc_resolve(fs, p, &real, &tmp)) {
		err_clear(&tmp);
		return true;
	}
	size_t dl = strlen(real_dir);
	bool same = (dl ? !strncmp(real, real_dir, dl) && real[dl] == '/' &&
				  !strcmp(real + dl + 1, name)
			: !strcmp(real, name));
	free(real);
	return !same;
}

static int scan_dir(struct scan *s, const char *dir)
{
	char **names;
	size_t n;
	if (fsrc_list(s->fs, dir, &names, &n, s->e))
		return -1;
	char *real_dir = NULL;
	err tmp = ERR_INIT;
	if (fsrc_resolve(s->fs, dir, &real_dir, &tmp))
		err_clear(&tmp);
	int rc = 0;
	for (size_t i = 0; !rc && i < n; i++) {
		const char *p = path_join(s->a, dir, names[i]);
		const char *rel = p + strlen(s->top) + (s->top[0] ? 1 : 0);
		fsrc_type t = fsrc_stat(s->fs, p);
		if (t == FSRC_DIR && linked_dir(s->fs, real_dir, names[i], p))
			continue;
		if (t == FSRC_DIR) {
			if (has_kustomization(s->fs, s->a, p))
				add_entry(s->out, rel);
			else
				rc = scan_dir(s, p);
		} else if (t == FSRC_FILE && yaml_ext(names[i])) {
			const char *shown = arena_sprintf(s->a, "%s%s%s", s->display,
							  s->display[0] ? "/" : "", rel);
			rc = check_objects(s->a, s->fs, p, shown, s->e);
			if (!rc)
				add_entry(s->out, rel);
		}
	}
	fsrc_free_list(names, n);
	free(real_dir);
	return rc;
}

int flux_gen_kustomization(arena *a, fsrc *fs, const char *dir, const char *display, buf *out,
			   err *e)
{
	buf res = BUF_INIT;
	struct scan s = {a, fs, dir, display, &res, e};
	int rc = scan_dir(&s, dir);
	if (!rc) {
		buf_adds(out, "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n");
		if (res.len) {
			buf_adds(out, "resources:\n");
			buf_add(out, res.p, res.len);
		} else {
			/* Flux's way round kustomize's "kustomization.yaml is
			 * empty": a namespace nothing will carry. */
			buf_adds(out, "namespace: _placeholder\n");
		}
	}
	buf_free(&res);
	return rc;
}

/* --- merging the Kustomization's fields --------------------------------- */

/* A list field of the kustomization, created when absent. */
static node *list_field(arena *a, node *root, const char *key)
{
	node *v = node_get(root, key);
	if (v && v->kind == NODE_SEQ)
		return v;
	/* A non-list value is kustomize's to reject; Flux's typed decode
	 * would have failed the same way, so replacing it loses nothing
	 * a build could have used. */
	v = node_seq(a);
	node_set(a, root, key, v);
	return v;
}

static void copy_keys(arena *a, node *dst, const node *src, const char *const *keys)
{
	for (const char *const *k = keys; *k; k++) {
		node *v = node_get(src, *k);
		if (v && v->kind != NODE_NULL)
			node_set(a, dst, *k, v);
	}
}

/* Flux's patch selector has exactly kustomize's selector fields. */
static node *patch_entry(arena *a, const node *p, bool json6902)
{
	static const char *const target_keys[] = {"group", "version", "kind", "name",
						  "namespace", "labelSelector",
						  "annotationSelector", NULL};
	node *out = node_map(a);
	node_set_pos(out, p);
	node *patch = node_get(p, "patch");
	if (patch && json6902 && patch->kind != NODE_STR) {
		/* v1beta2 patchesJson6902 holds the operations as objects;
		 * Flux hands kustomize their JSON text. */
		buf t = BUF_INIT;
		err ignore = ERR_INIT;
		if (!emit_doc(&t, patch, &ignore)) {
			node *s = node_strn(a, t.p, t.len);
			node_set_pos(s, patch);
			patch = s;
		}
		err_clear(&ignore);
		buf_free(&t);
	}
	if (patch)
		node_set(a, out, "patch", patch);
	node *target = node_get(p, "target");
	if (target && target->kind == NODE_MAP) {
		node *t = node_map(a);
		node_set_pos(t, target);
		copy_keys(a, t, target, target_keys);
		node_set(a, out, "target", t);
	}
	return out;
}

static void merge_patches(arena *a, node *root, const flux_ks *ks)
{
	for (uint32_t i = 0; ks->patches && i < ks->patches->seq.n; i++)
		node_push(a, list_field(a, root, "patches"),
			  patch_entry(a, ks->patches->seq.v[i], false));
	for (uint32_t i = 0; ks->patches_json && i < ks->patches_json->seq.n; i++)
		node_push(a, list_field(a, root, "patchesJson6902"),
			  patch_entry(a, ks->patches_json->seq.v[i], true));
	for (uint32_t i = 0; ks->patches_sm && i < ks->patches_sm->seq.n; i++) {
		/* Inline strategic-merge patches travel as YAML text. */
		const node *p = ks->patches_sm->seq.v[i];
		buf t = BUF_INIT;
		err ignore = ERR_INIT;
		if (!emit_doc(&t, p, &ignore)) {
			node *s = node_strn(a, t.p, t.len);
			node_set_pos(s, p);
			node_push(a, list_field(a, root, "patchesStrategicMerge"), s);
		}
		err_clear(&ignore);
		buf_free(&t);
	}
}

/* An image entry of the same name is updated field by field (what Flux
 * sets wins, what it leaves empty stays); otherwise the entry is added. */
static void merge_images(arena *a, node *root, const flux_ks *ks)
{
	static const char *const image_keys[] = {"name", "newName", "newTag", "digest", NULL};
	for (uint32_t i = 0; ks->images && i < ks->images->seq.n; i++) {
		const node *img = ks->images->seq.v[i];
		const char *name = node_get_str(img, "name");
		node *list = list_field(a, root, "images");
		node *entry = NULL;
		for (uint32_t j = 0; name && j < list->seq.n; j++) {
			const char *have = node_get_str(list->seq.v[j], "name");
			if (have && !strcmp(name, have))
				entry = list->seq.v[j];
		}
		if (!entry || entry->kind != NODE_MAP) {
			entry = node_map(a);
			node_set_pos(entry, img);
			node_push(a, list, entry);
		}
		for (const char *const *k = image_keys; *k; k++) {
			node *v = node_get(img, *k);
			if (v && node_is_scalar(v) && v->kind != NODE_NULL && v->str.len)
				node_set(a, entry, *k, v);
		}
	}
}

/* Flux's IsLocalRelativePath: no URL-like prefix, not absolute; ".." is
 * fine (components usually live beside the overlays). */
static bool local_relative(const char *p)
{
	static const char *const remote[] = {"git::", "gh:", "ssh://", "https://", "http://",
					     "git@", "github.com:", "github.com/", "file://",
					     NULL};
	if (!p[0] || p[0] == '/')
		return false;
	for (const char *const *r = remote; *r; r++)
		if (!strncasecmp(p, *r, strlen(*r)))
			return false;
	return true;
}

static int merge_components(arena *a, fsrc *fs, const char *dir, node *root,
			    const flux_ks *ks, err *e)
{
	for (uint32_t i = 0; ks->components && i < ks->components->seq.n; i++) {
		node *c = ks->components->seq.v[i];
		if (c->kind != NODE_STR || !local_relative(c->str.s))
			return err_at(e, c->file, c->line, c->col,
				      "Flux Kustomization %s/%s: component path '%s' must be "
				      "local and relative to spec.path",
				      ks->ns, ks->name, node_is_scalar(c) ? c->str.s : "");
		char *p = path_join(a, dir, c->str.s);
		if (ks->ignore_missing_components && (!p || fsrc_stat(fs, p) == FSRC_MISSING))
			continue;
		node_push(a, list_field(a, root, "components"), c);
	}
	return 0;
}

static void drop_unknown_fields(node *root)
{
	uint32_t keep = 0;
	for (uint32_t i = 0; i < root->map.n; i++)
		if (kust_known_field(root->map.v[i].key->str.s))
			root->map.v[keep++] = root->map.v[i];
	root->map.n = keep;
}

static void set_string(arena *a, node *root, const char *key, const char *val,
		       const node *at)
{
	node *v = node_str(a, val);
	node_set_pos(v, at);
	node_set(a, root, key, v);
}

/* Flux keeps kustomize from calling a file without resources empty by
 * switching on origin annotations, replacing any buildMetadata it had. */
static void keep_buildable(arena *a, node *root)
{
	node *res = node_get(root, "resources");
	if (res && res->kind == NODE_SEQ && res->seq.n)
		return;
	node *bm = node_seq(a);
	node_push(a, bm, node_str(a, "originAnnotations"));
	node_set(a, root, "buildMetadata", bm);
}

int flux_edit_kustomization(arena *a, fsrc *fs, const char *dir, const flux_ks *ks, bool generated,
			    node *root, err *e)
{
	drop_unknown_fields(root);
	if (!generated)
		keep_buildable(a, root);
	if (!ks)
		return 0;
	const node *spec = node_get(ks->obj, "spec");
	if (ks->target_ns && ks->target_ns[0])
		set_string(a, root, "namespace", ks->target_ns, node_get(spec, "targetNamespace"));
	if (ks->name_prefix && ks->name_prefix[0])
		set_string(a, root, "namePrefix", ks->name_prefix, node_get(spec, "namePrefix"));
	if (ks->name_suffix && ks->name_suffix[0])
		set_string(a, root, "nameSuffix", ks->name_suffix, node_get(spec, "nameSuffix"));
	merge_patches(a, root, ks);
	merge_images(a, root, ks);
	return merge_components(a, fs, dir, root, ks, e);
}
