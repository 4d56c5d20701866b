/* kust.c - kustomization files; see kust.h. */
#include "strata/kust.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "strata/parse.h"
#include "strata/scalar.h"
#include "strata/path.h"
#include "xform_internal.h"

static const char *const FILE_NAMES[] = {"kustomization.yaml", "kustomization.yml",
					  "Kustomization"};

/* Every field of kustomize v5.5.0's Kustomization type, with the Go types
 * of those no transformer checks when it runs (XT_ANY: that one does), so
 * a value of the wrong type fails at once with Go's message. */
static const xfield META_FIELDS[] = {
	{"name", XT_STR, "string", NULL, NULL},
	{"namespace", XT_STR, "string", NULL, NULL},
	{"labels", XT_MAPSTR, "map[string]string", NULL, NULL},
	{"annotations", XT_MAPSTR, "map[string]string", NULL, NULL},
	{NULL, 0, NULL, NULL, NULL},
};
static const xschema META = {"ObjectMeta", META_FIELDS};
static const xfield SELECTOR_FIELDS[] = {
	{"group", XT_STR, "string", NULL, NULL},
	{"version", XT_STR, "string", NULL, NULL},
	{"kind", XT_STR, "string", NULL, NULL},
	{"name", XT_STR, "string", NULL, NULL},
	{"namespace", XT_STR, "string", NULL, NULL},
	{"labelSelector", XT_STR, "string", NULL, NULL},
	{"annotationSelector", XT_STR, "string", NULL, NULL},
	{NULL, 0, NULL, NULL, NULL},
};
static const xschema SELECTOR = {"Selector", SELECTOR_FIELDS};
static const xfield PATCH_FIELDS[] = {
	{"path", XT_STR, "string", NULL, NULL},
	{"patch", XT_STR, "string", NULL, NULL},
	{"target", XT_OBJ, "types.Selector", &SELECTOR, NULL},
	{"options", XT_MAPBOOL, "map[string]bool", NULL, NULL},
	{NULL, 0, NULL, NULL, NULL},
};
static const xschema PATCH = {"Patch", PATCH_FIELDS};
static const xfield TARGET_FIELDS[] = {
	{"apiVersion", XT_STR, "string", NULL, NULL},
	{"group", XT_STR, "string", NULL, NULL},
	{"version", XT_STR, "string", NULL, NULL},
	{"kind", XT_STR, "string", NULL, NULL},
	{"name", XT_STR, "string", NULL, NULL},
	{"namespace", XT_STR, "string", NULL, NULL},
	{NULL, 0, NULL, NULL, NULL},
};
static const xschema TARGET = {"Target", TARGET_FIELDS};
static const xfield FIELDSEL_FIELDS[] = {
	{"fieldPath", XT_STR, "string", NULL, NULL},
	{NULL, 0, NULL, NULL, NULL},
};
static const xschema FIELDSEL = {"FieldSelector", FIELDSEL_FIELDS};
static const xfield VAR_FIELDS[] = {
	{"name", XT_STR, "string", NULL, NULL},
	{"objref", XT_OBJ, "types.Target", &TARGET, NULL},
	{"fieldref", XT_OBJ, "types.FieldSelector", &FIELDSEL, NULL},
	{NULL, 0, NULL, NULL, NULL},
};
static const xschema VAR = {"Var", VAR_FIELDS};
static const xfield GENOPTS_FIELDS[] = {
	{"labels", XT_MAPSTR, "map[string]string", NULL, NULL},
	{"annotations", XT_MAPSTR, "map[string]string", NULL, NULL},
	{"disableNameSuffixHash", XT_BOOL, "bool", NULL, NULL},
	{"immutable", XT_BOOL, "bool", NULL, NULL},
	{NULL, 0, NULL, NULL, NULL},
};
static const xschema GENOPTS = {"GeneratorOptions", GENOPTS_FIELDS};
static const xfield LEGACY_FIELDS[] = {
	{"orderFirst", XT_STRS, "[]string", NULL, NULL},
	{"orderLast", XT_STRS, "[]string", NULL, NULL},
	{NULL, 0, NULL, NULL, NULL},
};
static const xschema LEGACY = {"LegacySortOptions", LEGACY_FIELDS};
static const xfield SORT_FIELDS[] = {
	{"order", XT_STR, "types.SortOrder", NULL, NULL},
	{"legacySortOptions", XT_OBJ, "types.LegacySortOptions", &LEGACY, NULL},
	{NULL, 0, NULL, NULL, NULL},
};
static const xschema SORT = {"SortOptions", SORT_FIELDS};
static const xfield KUST_FIELDS[] = {
	{"apiVersion", XT_STR, "string", NULL, NULL},
	{"kind", XT_STR, "string", NULL, NULL},
	{"metadata", XT_OBJ, "types.ObjectMeta", &META, NULL},
	{"patchesStrategicMerge", XT_STRS, "[]types.PatchStrategicMerge", NULL,
	 "types.PatchStrategicMerge"},
	{"patchesJson6902", XT_OBJS, "[]types.Patch", &PATCH, "types.Patch"},
	{"patches", XT_OBJS, "[]types.Patch", &PATCH, "types.Patch"},
	{"vars", XT_OBJS, "[]types.Var", &VAR, "types.Var"},
	{"sortOptions", XT_OBJ, "types.SortOptions", &SORT, NULL},
	{"resources", XT_STRS, "[]string", NULL, NULL},
	{"components", XT_STRS, "[]string", NULL, NULL},
	{"crds", XT_STRS, "[]string", NULL, NULL},
	{"bases", XT_STRS, "[]string", NULL, NULL},
	{"configMapGenerator", XT_OBJS, "[]types.ConfigMapArgs", NULL, "types.ConfigMapArgs"},
	{"secretGenerator", XT_OBJS, "[]types.SecretArgs", NULL, "types.SecretArgs"},
	{"generatorOptions", XT_OBJ, "types.GeneratorOptions", &GENOPTS, NULL},
	{"configurations", XT_STRS, "[]string", NULL, NULL},
	{"generators", XT_STRS, "[]string", NULL, NULL},
	{"transformers", XT_STRS, "[]string", NULL, NULL},
	{"validators", XT_STRS, "[]string", NULL, NULL},
	{"buildMetadata", XT_STRS, "[]string", NULL, NULL},
	/* namePrefix, labels, images, openapi ...: checked by their
	 * transformers; unknown names were refused before. */
	{"openapi", XT_ANY, NULL, NULL, NULL},
	{"namePrefix", XT_ANY, NULL, NULL, NULL},
	{"nameSuffix", XT_ANY, NULL, NULL, NULL},
	{"namespace", XT_ANY, NULL, NULL, NULL},
	{"commonLabels", XT_ANY, NULL, NULL, NULL},
	{"labels", XT_ANY, NULL, NULL, NULL},
	{"commonAnnotations", XT_ANY, NULL, NULL, NULL},
	{"images", XT_ANY, NULL, NULL, NULL},
	{"replacements", XT_ANY, NULL, NULL, NULL},
	{"replicas", XT_ANY, NULL, NULL, NULL},
	{"helmGlobals", XT_ANY, NULL, NULL, NULL},
	{"helmCharts", XT_ANY, NULL, NULL, NULL},
	{"helmChartInflationGenerator", XT_ANY, NULL, NULL, NULL},
	{"inventory", XT_ANY, NULL, NULL, NULL},
	{NULL, 0, NULL, NULL, NULL},
};
static const xschema KUST = {"Kustomization", KUST_FIELDS};

int kust_count_files(fsrc *fs, const char *dir)
{
	int n = 0;
	char tmp[4096];
	for (size_t i = 0; i < 3; i++) {
		snprintf(tmp, sizeof tmp, "%s%s%s", dir, dir[0] ? "/" : "", FILE_NAMES[i]);
		if (fsrc_stat(fs, tmp) == FSRC_FILE)
			n++;
	}
	return n > 1 ? -1 : n;
}

static const char *canonical_field(const char *name)
{
	for (const xfield *f = KUST_FIELDS; f->name; f++)
		if (!strcasecmp(f->name, name))
			return f->name;
	return NULL;
}

bool kust_known_field(const char *name)
{
	return canonical_field(name) != NULL;
}

static int check_fields(arena *a, kust *k, err *e)
{
	node *m = k->root;
	for (uint32_t i = 0; i < m->map.n; i++) {
		node *key = m->map.v[i].key;
		const char *canon = canonical_field(key->str.s);
		if (!canon)
			return err_at(e, key->file, key->line, key->col,
				      "invalid Kustomization: json: unknown field \"%s\"; check its "
				      "spelling against the kustomization reference",
				      key->str.s);
		if (strcmp(canon, key->str.s)) {
			node *nk = node_str(a, canon);
			node_set_pos(nk, key);
			m->map.v[i].key = nk;
		}
	}
	/* Same field twice under different case: Go keeps the last. */
	return 0;
}

static int check_types(const kust *k, err *e)
{
	static const xdec dec = {"invalid Kustomization: ", true};
	return xdec_check(&dec, k->root, &KUST, "", e);
}

static int check_kind(kust *k, err *e)
{
	node *kind = node_get(k->root, "kind");
	const char *ks = kind && kind->kind == NODE_STR ? kind->str.s : "";
	if (!ks[0] || !strcmp(ks, "Kustomization"))
		k->is_component = false;
	else if (!strcmp(ks, "Component"))
		k->is_component = true;
	else
		return err_at(e, kind->file, kind->line, kind->col,
			      "kind should be Kustomization or Component, not '%s'", ks);
	node *av = node_get(k->root, "apiVersion");
	const char *want = k->is_component ? "kustomize.config.k8s.io/v1alpha1"
					   : "kustomize.config.k8s.io/v1beta1";
	if (av && av->kind == NODE_STR && av->str.len && strcmp(av->str.s, want))
		return err_at(e, av->file, av->line, av->col,
			      "apiVersion for %s should be %s, not '%s'",
			      k->is_component ? "Component" : "Kustomization", want, av->str.s);
	return 0;
}

/* bases are resources listed after the resources field. */
static void fold_bases(arena *a, kust *k)
{
	node *bases = node_get(k->root, "bases");
	if (!bases || bases->kind != NODE_SEQ || !bases->seq.n)
		return;
	node *res = node_get(k->root, "resources");
	if (!res || res->kind != NODE_SEQ) {
		res = node_seq(a);
		node_set(a, k->root, "resources", res);
	}
	for (uint32_t i = 0; i < bases->seq.n; i++)
		node_push(a, res, bases->seq.v[i]);
	node_del(k->root, "bases");
	k->had_bases = true;
}

int kust_load(arena *a, fsrc *fs, const char *dir, const char *display_dir, kust *out, err *e)
{
	return kust_load_edit(a, fs, dir, display_dir, NULL, NULL, out, e);
}

int kust_load_edit(arena *a, fsrc *fs, const char *dir, const char *display_dir,
		   const kust_edit *edit, pcache *pc, kust *out, err *e)
{
	memset(out, 0, sizeof *out);
	out->dir = dir;
	const char *found = NULL;
	for (size_t i = 0; i < 3; i++) {
		char *p = path_join(a, dir, FILE_NAMES[i]);
		if (p && fsrc_stat(fs, p) == FSRC_FILE) {
			if (found)
				return err_set(e, "Found multiple kustomization files under: %s; keep "
						  "only one of kustomization.yaml, kustomization.yml, "
						  "Kustomization",
					       display_dir);
			found = p;
			out->display = arena_sprintf(a, "%s%s%s", display_dir,
						     display_dir[0] ? "/" : "", FILE_NAMES[i]);
		}
	}
	if (!found)
		return err_set(e, "unable to find one of 'kustomization.yaml', 'kustomization.yml' "
				  "or 'Kustomization' in directory '%s'",
			       display_dir);
	out->file = found;
	char *data;
	size_t len;
	if (fsrc_read(fs, found, &data, &len, e))
		return -1;
	parse_docs docs;
	parse_limits lim = parse_default_limits;
	lim.last_key_wins = 1;
	int rc = pcache_parse(pc, a, out->display, data, len, &lim, &docs, e);
	free(data);
	if (rc)
		return -1;
	node *root = docs.n ? docs.v[0] : NULL;
	if (!root || root->kind == NODE_NULL)
		return err_at(e, out->display, 1, 1,
			      "kustomization.yaml is empty; list at least one resource");
	if (root->kind != NODE_MAP)
		return err_at(e, root->file, root->line, root->col,
			      "invalid Kustomization: expected a map of fields, got a %s",
			      node_kind_name((node_kind)root->kind));
	out->root = root;
	if (edit && edit->fn(edit->ctx, a, dir, root, e))
		return -1;
	if (check_fields(a, out, e) || check_types(out, e) || check_kind(out, e))
		return -1;
	fold_bases(a, out);
	return 0;
}

node *kust_field(const kust *k, const char *name)
{
	node *v = node_get(k->root, name);
	return v && v->kind != NODE_NULL ? v : NULL;
}

int kust_string_list(const kust *k, const char *name, node **out, err *e)
{
	node *v = kust_field(k, name);
	*out = NULL;
	if (!v)
		return 0;
	if (v->kind != NODE_SEQ)
		return err_at(e, v->file, v->line, v->col,
			      "invalid Kustomization: '%s' must be a list of strings, got a %s",
			      name, node_kind_name((node_kind)v->kind));
	for (uint32_t i = 0; i < v->seq.n; i++) {
		node *s = v->seq.v[i];
		if (!node_is_scalar(s) || s->kind == NODE_NULL)
			return err_at(e, s->file, s->line, s->col,
				      "invalid Kustomization: entries of '%s' must be strings, got "
				      "a %s",
				      name, node_kind_name((node_kind)s->kind));
	}
	*out = v;
	return 0;
}

jtype kust_json_type(const node *n)
{
	if (!n)
		return J_NULL;
	switch (n->kind) {
	case NODE_NULL: return J_NULL;
	case NODE_BOOL: return J_BOOL;
	case NODE_MAP: return J_OBJECT;
	case NODE_SEQ: return J_ARRAY;
	default: break;
	}
	if (n->flags & (NODE_F_QUOTED | NODE_F_TIMESTAMP))
		return J_STRING;
	if (n->flags & NODE_F_BOOL11)
		return J_BOOL;
	switch (scalar_resolve_v2(n->str.s, n->str.len)) {
	case SCALAR_NULL: return J_NULL;
	case SCALAR_BOOL: return J_BOOL;
	case SCALAR_INT:
	case SCALAR_FLOAT: return J_NUMBER;
	default: break;
	}
	return n->kind == NODE_STR ? J_STRING : J_NUMBER;
}

const char *kust_json_type_name(jtype t)
{
	static const char *const names[] = {"null", "bool", "number", "string", "array", "object"};
	return names[t];
}
