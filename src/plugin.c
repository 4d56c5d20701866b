/* plugin.c - built-in plugin configurations; see plugin.h.
 *
 * Each configuration names one of kustomize's built-in transformers and
 * carries its own field specs, which replace the default tables for that
 * one run.  The work itself is done by the same modules the plain
 * kustomization fields use.
 */
#include "strata/plugin.h"

#include <string.h>

#include "strata/build.h"
#include "strata/generator.h"
#include "strata/order.h"
#include "strata/patch.h"
#include "strata/xform_meta.h"
#include "strata/xform_values.h"

/* A config whose table t holds only the plugin's fieldSpecs. */
static int spec_config(plugin_ctx *pc, const node *conf, const char *key, fieldspec_config *out,
		       err *e)
{
	arena *a = pc->b->a;
	node *doc = node_map(a);
	node *fs = node_get(conf, "fieldSpecs");
	if (fs && fs->kind != NODE_NULL)
		node_set(a, doc, key, fs);
	return fieldspec_config_parse(a, doc, out, e);
}

static node *one_list(arena *a, node *item)
{
	node *l = node_seq(a);
	if (item && item->kind != NODE_NULL)
		node_push(a, l, item);
	return l;
}

static const char *str_field(const node *conf, const char *k)
{
	const char *s = node_get_str(conf, k);
	return s ? s : "";
}

static int prefix_suffix(plugin_ctx *pc, const node *conf, bool pre, bool suf, resmap *m,
			 err *e)
{
	fieldspec_config c, c2;
	if (spec_config(pc, conf, "namePrefix", &c, e) || spec_config(pc, conf, "nameSuffix", &c2, e))
		return -1;
	c.t[FIELDSPEC_NAMESUFFIX] = c2.t[FIELDSPEC_NAMESUFFIX];
	return xform_prefix_suffix(pc->b->a, m, pre ? str_field(conf, "prefix") : "",
				   suf ? str_field(conf, "suffix") : "", &c, e);
}

static int patch_sm_plugin(plugin_ctx *pc, const node *conf, resmap *m, err *e)
{
	patch_ctx px = {.b = pc->b, .kdir = pc->kdir};
	node *paths = node_get(conf, "paths");
	if (paths && paths->kind != NODE_NULL &&
	    patch_run_strategic_merge_list(&px, paths, m, e))
		return -1;
	node *inl = node_get(conf, "patches");
	if (inl && node_is_scalar(inl) && inl->str.len)
		return patch_run_strategic_merge_list(&px, one_list(pc->b->a, inl), m, e);
	return 0;
}

static int patch_json_plugin(plugin_ctx *pc, const node *conf, resmap *m, err *e)
{
	arena *a = pc->b->a;
	node *entry = node_map(a);
	node_set_pos(entry, conf);
	node *v;
	if ((v = node_get(conf, "target")))
		node_set(a, entry, "target", v);
	if ((v = node_get(conf, "path")))
		node_set(a, entry, "path", v);
	if ((v = node_get(conf, "jsonOp")))
		node_set(a, entry, "patch", v);
	patch_ctx px = {.b = pc->b, .kdir = pc->kdir};
	return patch_run_one_json6902(&px, entry, m, e);
}

int plugin_transform(plugin_ctx *pc, const node *conf, resmap *m, err *e)
{
	arena *a = pc->b->a;
	const char *av = str_field(conf, "apiVersion");
	const char *kind = str_field(conf, "kind");
	fieldspec_config c;
	if (strcmp(av, "builtin"))
		return err_at(e, conf->file, conf->line, conf->col,
			      "transformer %s/%s is not a built-in plugin: strata runs no exec, "
			      "container or Starlark plugins",
			      av, kind);
	if (!strcmp(kind, "PatchTransformer")) {
		patch_ctx px = {.b = pc->b, .kdir = pc->kdir};
		return patch_run_one(&px, conf, m, e);
	}
	if (!strcmp(kind, "PatchStrategicMergeTransformer"))
		return patch_sm_plugin(pc, conf, m, e);
	if (!strcmp(kind, "PatchJson6902Transformer"))
		return patch_json_plugin(pc, conf, m, e);
	if (!strcmp(kind, "PrefixSuffixTransformer"))
		return prefix_suffix(pc, conf, true, true, m, e);
	if (!strcmp(kind, "PrefixTransformer"))
		return prefix_suffix(pc, conf, true, false, m, e);
	if (!strcmp(kind, "SuffixTransformer"))
		return prefix_suffix(pc, conf, false, true, m, e);
	if (!strcmp(kind, "LabelTransformer"))
		return spec_config(pc, conf, "commonLabels", &c, e) ||
				       xform_common_labels(a, m, node_get(conf, "labels"), &c, e)
			       ? -1
			       : 0;
	if (!strcmp(kind, "AnnotationsTransformer"))
		return spec_config(pc, conf, "commonAnnotations", &c, e) ||
				       xform_common_annotations(a, m, node_get(conf, "annotations"),
								&c, e)
			       ? -1
			       : 0;
	if (!strcmp(kind, "NamespaceTransformer"))
		return spec_config(pc, conf, "namespace", &c, e) ||
				       xform_namespace(a, m,
						       str_field(node_get(conf, "metadata"), "namespace"),
						       &c, e)
			       ? -1
			       : 0;
	if (!strcmp(kind, "ImageTagTransformer"))
		return spec_config(pc, conf, "images", &c, e) ||
				       xform_images(a, m, one_list(a, node_get(conf, "imageTag")), &c,
						    e)
			       ? -1
			       : 0;
	if (!strcmp(kind, "ReplicaCountTransformer"))
		return spec_config(pc, conf, "replicas", &c, e) ||
				       xform_replicas(a, m, one_list(a, node_get(conf, "replica")), &c,
						      e)
			       ? -1
			       : 0;
	if (!strcmp(kind, "ReplacementTransformer"))
		return xform_replacements(a, m, node_get(conf, "replacements"), NULL, NULL, e);
	if (!strcmp(kind, "SortOrderTransformer"))
		return order_apply(a, m, conf, e);
	if (!strcmp(kind, "HashTransformer"))
		return 0; /* names get their hashes at the end of the build anyway */
	return err_at(e, conf->file, conf->line, conf->col,
		      "unknown built-in transformer kind '%s'", kind);
}

/* The plugin form keeps name and namespace under metadata. */
static node *generator_args(arena *a, const node *conf)
{
	node *args = node_map(a);
	node_set_pos(args, conf);
	for (uint32_t i = 0; i < conf->map.n; i++) {
		const char *k = conf->map.v[i].key->str.s;
		if (!strcmp(k, "apiVersion") || !strcmp(k, "kind") || !strcmp(k, "metadata"))
			continue;
		node_append(a, args, conf->map.v[i].key, conf->map.v[i].val);
	}
	node *md = node_get(conf, "metadata");
	node *v;
	if ((v = node_get(md, "name")))
		node_set(a, args, "name", v);
	if ((v = node_get(md, "namespace")))
		node_set(a, args, "namespace", v);
	return args;
}

int plugin_generate(plugin_ctx *pc, const node *conf, resmap *m, err *e)
{
	const char *av = str_field(conf, "apiVersion");
	const char *kind = str_field(conf, "kind");
	if (strcmp(av, "builtin"))
		return err_at(e, conf->file, conf->line, conf->col,
			      "generator %s/%s is not a built-in plugin: strata runs no exec, "
			      "container or Starlark plugins",
			      av, kind);
	const char *what = !strcmp(kind, "ConfigMapGenerator") ? "ConfigMap"
			   : !strcmp(kind, "SecretGenerator")  ? "Secret"
							       : NULL;
	if (!what)
		return err_at(e, conf->file, conf->line, conf->col,
			      "built-in generator '%s' is not supported (only ConfigMapGenerator and "
			      "SecretGenerator)",
			      kind);
	return build_generate(pc->b, pc->kdir, pc->kdisplay, what, generator_args(pc->b->a, conf),
			      m, e);
}
