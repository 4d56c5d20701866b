/* plugin.c - built-in plugin configurations; see plugin.h.
 *
 * Each configuration names one of kustomize's built-in transformers and
 * carries its own field specs, which replace the default tables for that
 * one run.  The work itself is done by the same modules the plain
 * kustomization fields use.
 */
#include "strata/plugin.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "strata/buf.h"
#include "strata/build.h"
#include "strata/generator.h"
#include "strata/kust.h"
#include "strata/parse.h"
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
						    NULL, e)
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

/* Go's encoding/json matches field names ignoring case. */
static bool key_folds(const node *k, const char *name)
{
	return k && node_is_scalar(k) && k->str.len == strlen(name) &&
	       !strncasecmp(k->str.s, name, k->str.len);
}

static bool key_in(const node *k, const char *const *names)
{
	for (; *names; names++)
		if (key_folds(k, *names))
			return true;
	return false;
}

/* Built-in plugins decode their config leniently (sigs.k8s.io/yaml without
 * strict mode): fields the Go struct lacks are dropped, not refused. */
static node *known_fields(arena *a, const node *m, const char *const *names)
{
	node *out = node_map(a);
	node_set_pos(out, m);
	for (uint32_t i = 0; i < m->map.n; i++)
		if (key_in(m->map.v[i].key, names))
			node_append(a, out, m->map.v[i].key, m->map.v[i].val);
	return out;
}

static bool has_nonempty_string(const node *m, const char *field)
{
	for (uint32_t i = 0; i < m->map.n; i++) {
		const node *v = m->map.v[i].val;
		if (key_folds(m->map.v[i].key, field) && kust_json_type(v) == J_STRING &&
		    v->str.len)
			return true;
	}
	return false;
}

/* The plugin form takes name and namespace from the top-level fields of
 * the config, falling back on metadata's when those are empty. */
static node *generator_args(arena *a, const node *conf, bool secret)
{
	static const char *const cm_fields[] = {"name",  "namespace", "behavior", "literals",
						"files", "envs",      "env",      "options",
						NULL};
	static const char *const secret_fields[] = {"name",  "namespace", "behavior",
						    "literals", "files", "envs",
						    "env",   "options",   "type",
						    NULL};
	static const char *const opt_fields[] = {"labels", "annotations", "disableNameSuffixHash",
						 "immutable", NULL};
	node *args = known_fields(a, conf, secret ? secret_fields : cm_fields);
	for (uint32_t i = 0; i < args->map.n; i++) {
		node_pair *p = &args->map.v[i];
		if (key_folds(p->key, "options") && p->val->kind == NODE_MAP)
			p->val = known_fields(a, p->val, opt_fields);
	}
	node *md = node_get(conf, "metadata");
	node *v;
	if (!has_nonempty_string(args, "name") && (v = node_get(md, "name")))
		node_set(a, args, "name", v);
	if (!has_nonempty_string(args, "namespace") && (v = node_get(md, "namespace")))
		node_set(a, args, "namespace", v);
	return args;
}

/* ---- IAMPolicyGenerator ---- */

typedef struct iam_args {
	const char *cloud, *ks_name, *ks_namespace, *sa_name, *project_id;
} iam_args;

static int config_error(arena *a, const node *conf, const node *at, const char *got,
			const char *field, const char *gotype, err *e)
{
	resid id = resid_of(conf);
	return err_at(e, at->file, at->line, at->col,
		      "plugin %s fails configuration: json: cannot unmarshal %s into Go struct "
		      "field %s of type %s; write a plain string",
		      resid_string(a, &id), got, field, gotype);
}

/* A string field; kustomize re-encodes the config with go-yaml v3 before
 * decoding it, which quotes YAML 1.1 booleans such as `yes`, so those stay
 * strings.  null leaves the value as it was, as in Go. */
static int iam_string(arena *a, const node *conf, const node *v, const char *field,
		      const char *gotype, const char **out, err *e)
{
	jtype t = kust_json_type(v);
	if (t == J_BOOL && v->kind == NODE_STR)
		t = J_STRING;
	if (t == J_NULL)
		return 0;
	if (t != J_STRING)
		return config_error(a, conf, v, kust_json_type_name(t), field, gotype, e);
	*out = v->str.s;
	return 0;
}

/* kubernetesService or serviceAccount: repeated keys (in any case) decode
 * into the same struct, so later fields add to earlier ones. */
static int iam_struct(arena *a, const node *conf, const node *v, bool ks, iam_args *out,
		      err *e)
{
	const char *sname = ks ? "KubernetesService" : "ServiceAccount";
	char field[64];
	jtype t = kust_json_type(v);
	if (t == J_NULL)
		return 0;
	if (t != J_OBJECT) {
		snprintf(field, sizeof field, "IAMPolicyGeneratorPlugin.%s",
			 ks ? "kubernetesService" : "serviceAccount");
		char gotype[48];
		snprintf(gotype, sizeof gotype, "types.%s", sname);
		return config_error(a, conf, v, kust_json_type_name(t), field, gotype, e);
	}
	for (uint32_t i = 0; i < v->map.n; i++) {
		const node *k = v->map.v[i].key, *val = v->map.v[i].val;
		const char **dst = NULL, *fname = NULL;
		if (key_folds(k, "name"))
			dst = ks ? &out->ks_name : &out->sa_name, fname = "name";
		else if (ks && key_folds(k, "namespace"))
			dst = &out->ks_namespace, fname = "namespace";
		else if (!ks && key_folds(k, "projectId"))
			dst = &out->project_id, fname = "projectId";
		if (!dst)
			continue;
		snprintf(field, sizeof field, "%s.%s.%s", sname,
			 ks ? "kubernetesService" : "serviceAccount", fname);
		if (iam_string(a, conf, val, field, "string", dst, e))
			return -1;
	}
	return 0;
}

static int iam_decode(arena *a, const node *conf, iam_args *out, err *e)
{
	*out = (iam_args){"", "", "", "", ""};
	for (uint32_t i = 0; i < conf->map.n; i++) {
		const node *k = conf->map.v[i].key, *v = conf->map.v[i].val;
		int rc = 0;
		if (key_folds(k, "cloud"))
			rc = iam_string(a, conf, v, "IAMPolicyGeneratorPlugin.cloud", "types.Cloud",
					&out->cloud, e);
		else if (key_folds(k, "kubernetesService"))
			rc = iam_struct(a, conf, v, true, out, e);
		else if (key_folds(k, "serviceAccount"))
			rc = iam_struct(a, conf, v, false, out, e);
		if (rc)
			return -1;
	}
	return 0;
}

/* kustomize builds the ServiceAccount by pasting the values into YAML
 * text, unquoted; reading that text back gives the same node types (a name
 * of 123 stays a number) and the same failures for values YAML can't hold. */
static int iam_generate(plugin_ctx *pc, const node *conf, resmap *m, err *e)
{
	arena *a = pc->b->a;
	iam_args g;
	if (iam_decode(a, conf, &g, e))
		return -1;
	if (strcmp(g.cloud, "gke"))
		return err_at(e, conf->file, conf->line, conf->col,
			      "cloud provider %s not supported yet; IAMPolicyGenerator supports "
			      "only 'cloud: gke'",
			      g.cloud);
	buf t = BUF_INIT;
	buf_printf(&t,
		   "\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  annotations:\n"
		   "    iam.gke.io/gcp-service-account: %s@%s.iam.gserviceaccount.com\n"
		   "  name: %s\n",
		   g.sa_name, g.project_id, g.ks_name);
	if (g.ks_namespace[0])
		buf_printf(&t, "\n  namespace: %s", g.ks_namespace);
	const char *display = arena_sprintf(a, "%s (ServiceAccount of IAMPolicyGenerator)",
					    conf->file ? conf->file : "");
	parse_docs docs;
	int rc = parse_yaml(a, display, t.p, t.len, &docs, e);
	buf_free(&t);
	if (rc)
		return err_wrap(e, "%s:%u:%u: IAMPolicyGenerator: kubernetesService and "
				   "serviceAccount values must be plain YAML strings",
				conf->file, conf->line, conf->col);
	resource *r = res_new(a, docs.n ? docs.v[0] : NULL, display, e);
	if (!r)
		return -1;
	r->source = conf->file;
	resid id = res_id(r);
	resource *old;
	if (resmap_find_any_id(m, &id, &old))
		return err_at(e, conf->file, conf->line, conf->col,
			      "id %s exists; behavior must be merge or replace: the ServiceAccount "
			      "IAMPolicyGenerator makes is already in the build",
			      resid_string(a, &id));
	resmap_push(a, m, r);
	return 0;
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
	if (!strcmp(kind, "IAMPolicyGenerator"))
		return iam_generate(pc, conf, m, e);
	const char *what = !strcmp(kind, "ConfigMapGenerator") ? "ConfigMap"
			   : !strcmp(kind, "SecretGenerator")  ? "Secret"
							       : NULL;
	if (!what)
		return err_at(e, conf->file, conf->line, conf->col,
			      "built-in generator '%s' is not supported (only ConfigMapGenerator, "
			      "SecretGenerator and IAMPolicyGenerator)",
			      kind);
	return build_generate(pc->b, pc->kdir, pc->kdisplay, what,
			      generator_args(pc->b->a, conf, !strcmp(what, "Secret")), m, e);
}
