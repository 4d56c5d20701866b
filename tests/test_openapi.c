/* Unit tests: openapi.c (custom OpenAPI schemas, the schema state of a
 * build, CRD field specs).
 *
 * Every expected object is what `kubectl kustomize` (kustomize v5.5.0)
 * printed for a kustomization with the schema shown as `openapi: {path:}`
 * (or the CRD file as `crds:`) and the resource and patch shown; the
 * state tests follow builds run the same way (see openapi.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "strata/buf.h"
#include "strata/emit.h"
#include "strata/openapi.h"
#include "strata/parse.h"

static node *parse1(arena *a, const char *file, const char *text)
{
	parse_docs d;
	err e = ERR_INIT;
	if (parse_yaml(a, file, text, strlen(text), &d, &e))
		fail_msg("%s", e.msg);
	assert_int_equal(d.n, 1);
	return d.v[0];
}

static void schema_of(arena *a, const char *text, smp_schema *s)
{
	err e = ERR_INIT;
	if (openapi_parse_schema(a, "schema.json", text, strlen(text), s, &e))
		fail_msg("%s", e.msg);
}

static void show(const char *what, const node *n)
{
	buf b = BUF_INIT;
	err e = ERR_INIT;
	if (emit_doc(&b, n, &e))
		err_clear(&e);
	print_message("%s:\n%s", what, b.p ? b.p : "?\n");
	buf_free(&b);
}

/* Merges patch into base with the custom schema alone (a custom schema
 * chosen before anything read the built-in one). */
static void check_custom_merge(const char *schema, const char *base, const char *patch,
			       const char *want)
{
	arena *a = arena_new();
	smp_schema s;
	schema_of(a, schema, &s);
	smp_opts o = {&s, true};
	node *obj = parse1(a, "base.yaml", base);
	bool deleted = false;
	err e = ERR_INIT;
	if (smp_apply_opts(a, obj, parse1(a, "patch.yaml", patch), &o, &deleted, &e))
		fail_msg("%s", e.msg);
	node *w = parse1(a, "want.yaml", want);
	if (!node_equal(obj, w)) {
		show("got", obj);
		show("want", w);
		fail();
	}
	arena_free(a);
}

/* kustomize's api/krusty/testdata/customschema.json, trimmed to what
 * matters. */
static const char *const POD_SCHEMA =
	"{\"definitions\": {\n"
	" \"v1alpha1.MyCRD\": {\"properties\": {\"spec\": {\"properties\": {\"template\":\n"
	"   {\"$ref\": \"#/definitions/io.k8s.api.core.v1.PodTemplateSpec\"}}}},\n"
	"  \"x-kubernetes-group-version-kind\": [\n"
	"   {\"group\": \"example.com\", \"kind\": \"MyCRD\", \"version\": \"v1alpha1\"},\n"
	"   {\"group\": \"\", \"kind\": \"MyCRD\", \"version\": \"v1alpha1\"}]},\n"
	" \"io.k8s.api.core.v1.PodTemplateSpec\": {\"properties\": {\"spec\":\n"
	"   {\"$ref\": \"#/definitions/io.k8s.api.core.v1.PodSpec\"}}},\n"
	" \"io.k8s.api.core.v1.PodSpec\": {\"properties\": {\"containers\": {\n"
	"   \"items\": {\"$ref\": \"#/definitions/io.k8s.api.core.v1.Container\"},\n"
	"   \"type\": \"array\", \"x-kubernetes-patch-merge-key\": \"name\",\n"
	"   \"x-kubernetes-patch-strategy\": \"merge\"}}},\n"
	" \"io.k8s.api.core.v1.Container\": {\"properties\": {\"ports\": {\n"
	"   \"items\": {\"type\": \"object\"}, \"type\": \"array\",\n"
	"   \"x-kubernetes-list-map-keys\": [\"containerPort\", \"protocol\"],\n"
	"   \"x-kubernetes-patch-merge-key\": \"containerPort\",\n"
	"   \"x-kubernetes-patch-strategy\": \"merge\"}}}\n"
	"}}\n";

static const char *const POD_SCHEMA_YAML =
	"definitions:\n"
	"  v1alpha1.MyCRD:\n"
	"    properties:\n"
	"      spec:\n"
	"        properties:\n"
	"          template:\n"
	"            $ref: '#/definitions/io.k8s.api.core.v1.PodTemplateSpec'\n"
	"    x-kubernetes-group-version-kind:\n"
	"    - {group: example.com, kind: MyCRD, version: v1alpha1}\n"
	"  io.k8s.api.core.v1.PodTemplateSpec:\n"
	"    properties:\n"
	"      spec: {$ref: '#/definitions/io.k8s.api.core.v1.PodSpec'}\n"
	"  io.k8s.api.core.v1.PodSpec:\n"
	"    properties:\n"
	"      containers:\n"
	"        items: {$ref: '#/definitions/io.k8s.api.core.v1.Container'}\n"
	"        type: array\n"
	"        x-kubernetes-patch-merge-key: name\n"
	"        x-kubernetes-patch-strategy: merge\n"
	"  io.k8s.api.core.v1.Container:\n"
	"    properties:\n"
	"      ports:\n"
	"        type: array\n"
	"        x-kubernetes-list-map-keys: [containerPort, protocol]\n"
	"        x-kubernetes-patch-strategy: merge\n";

static const char *const MYCRD =
	"apiVersion: example.com/v1alpha1\n"
	"kind: MyCRD\n"
	"metadata:\n  name: service\n"
	"spec:\n  template:\n    spec:\n      containers:\n"
	"      - name: server\n        image: server\n        command: example\n"
	"        ports:\n        - name: grpc\n          protocol: TCP\n"
	"          containerPort: 8080\n";

static const char *const MYCRD_PATCH =
	"apiVersion: example.com/v1alpha1\n"
	"kind: MyCRD\n"
	"metadata:\n  name: service\n"
	"spec:\n  template:\n    spec:\n      containers:\n"
	"      - name: server\n        image: nginx\n";

static const char *const MYCRD_MERGED =
	"apiVersion: example.com/v1alpha1\n"
	"kind: MyCRD\n"
	"metadata:\n  name: service\n"
	"spec:\n  template:\n    spec:\n      containers:\n"
	"      - command: example\n        image: nginx\n        name: server\n"
	"        ports:\n        - containerPort: 8080\n          name: grpc\n"
	"          protocol: TCP\n";

/* ------------------------------------------------------------ schema */

static void test_every_gvk_is_a_kind(void **state)
{
	(void)state;
	arena *a = arena_new();
	smp_schema s;
	schema_of(a, POD_SCHEMA, &s);
	assert_non_null(smp_schema_kind(&s, "example.com/v1alpha1", "MyCRD"));
	assert_non_null(smp_schema_kind(&s, "v1alpha1", "MyCRD"));
	assert_null(smp_schema_kind(&s, "apps/v1", "Deployment"));
	arena_free(a);
}

static void test_rules_follow_refs(void **state)
{
	(void)state;
	arena *a = arena_new();
	smp_schema s;
	schema_of(a, POD_SCHEMA, &s);
	const smp_kind *k = smp_schema_kind(&s, "v1alpha1", "MyCRD");
	const smp_rule *r = smp_schema_rule(&s, k, "spec.template.spec.containers");
	assert_non_null(r);
	assert_true(r->merge);
	assert_int_equal(r->nkeys, 1);
	assert_string_equal(r->keys[0], "name");
	arena_free(a);
}

static void test_list_map_keys_beat_merge_key(void **state)
{
	(void)state;
	arena *a = arena_new();
	smp_schema s;
	schema_of(a, POD_SCHEMA, &s);
	const smp_kind *k = smp_schema_kind(&s, "example.com/v1alpha1", "MyCRD");
	const smp_rule *r = smp_schema_rule(&s, k, "spec.template.spec.containers[].ports");
	assert_non_null(r);
	assert_int_equal(r->nkeys, 2);
	assert_string_equal(r->keys[0], "containerPort");
	assert_string_equal(r->keys[1], "protocol");
	arena_free(a);
}

static void test_custom_schema_merges_crd(void **state)
{
	(void)state;
	check_custom_merge(POD_SCHEMA, MYCRD, MYCRD_PATCH, MYCRD_MERGED);
}

static void test_yaml_schema(void **state)
{
	(void)state;
	check_custom_merge(POD_SCHEMA_YAML, MYCRD, MYCRD_PATCH, MYCRD_MERGED);
}

/* kyaml replaces a $ref property by its target: a strategy written beside
 * the $ref is lost (a), one in the target counts (b); elements of merged
 * lists are walked (c), those of replaced lists are not (d). */
static void test_strategy_beside_ref_is_lost(void **state)
{
	(void)state;
	static const char *const schema =
		"{\"definitions\": {\n"
		" \"foo\": {\"x-kubernetes-group-version-kind\": [{\"group\": \"ex.com\",\n"
		"   \"version\": \"v1\", \"kind\": \"Foo\"}],\n"
		"  \"properties\": {\"spec\": {\"properties\": {\n"
		"   \"a\": {\"$ref\": \"#/definitions/alist\", \"x-kubernetes-patch-strategy\":\n"
		"     \"merge\", \"x-kubernetes-patch-merge-key\": \"name\"},\n"
		"   \"b\": {\"$ref\": \"#/definitions/blist\"},\n"
		"   \"c\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/elem\"},\n"
		"     \"x-kubernetes-patch-strategy\": \"merge\",\n"
		"     \"x-kubernetes-patch-merge-key\": \"name\"},\n"
		"   \"d\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/elem\"}}}}}},\n"
		" \"alist\": {\"type\": \"array\", \"items\": {\"type\": \"object\"}},\n"
		" \"blist\": {\"type\": \"array\", \"items\": {\"type\": \"object\"},\n"
		"   \"x-kubernetes-patch-strategy\": \"merge\", \"x-kubernetes-patch-merge-key\":\n"
		"   \"name\"},\n"
		" \"elem\": {\"properties\": {\"sub\": {\"type\": \"array\",\n"
		"   \"x-kubernetes-patch-strategy\": \"merge\", \"x-kubernetes-patch-merge-key\":\n"
		"   \"k\"}}}}}\n";
	check_custom_merge(schema,
			   "apiVersion: ex.com/v1\nkind: Foo\nmetadata: {name: f}\nspec:\n"
			   "  a: [{name: x, v: 1}]\n  b: [{name: x, v: 1}]\n"
			   "  c: [{name: x, sub: [{k: p, v: 1}]}]\n"
			   "  d: [{name: x, sub: [{k: p, v: 1}]}]\n",
			   "apiVersion: ex.com/v1\nkind: Foo\nmetadata: {name: f}\nspec:\n"
			   "  a: [{name: y}]\n  b: [{name: y}]\n  c: [{name: x, sub: [{k: q}]}]\n"
			   "  d: [{name: x, sub: [{k: q}]}]\n",
			   "apiVersion: ex.com/v1\nkind: Foo\nmetadata: {name: f}\nspec:\n"
			   "  a: [{name: \"y\"}]\n  b: [{name: \"y\"}, {name: x, v: 1}]\n"
			   "  c: [{name: x, sub: [{k: q}, {k: p, v: 1}]}]\n"
			   "  d: [{name: x, sub: [{k: q}]}]\n");
}

/* A custom schema replaces the built-in one: Deployment containers are
 * replaced, not merged. */
static void test_custom_schema_drops_builtin_kinds(void **state)
{
	(void)state;
	check_custom_merge(POD_SCHEMA,
			   "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n"
			   "spec:\n  template:\n    spec:\n      containers:\n"
			   "      - {name: a, image: x}\n",
			   "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n"
			   "spec:\n  template:\n    spec:\n      containers:\n"
			   "      - {name: b, image: nginx}\n",
			   "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n"
			   "spec:\n  template:\n    spec:\n      containers:\n"
			   "      - {image: nginx, name: b}\n");
}

/* ... but kyaml always adds its Kustomization schema. */
static void test_kustomization_kind_keeps_rules(void **state)
{
	(void)state;
	check_custom_merge(POD_SCHEMA,
			   "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
			   "metadata: {name: k}\nconfigMapGenerator:\n- {name: a, literals: [x=1]}\n",
			   "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
			   "metadata: {name: k}\nconfigMapGenerator:\n- {name: b}\n",
			   "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
			   "metadata: {name: k}\nconfigMapGenerator:\n- {name: b}\n"
			   "- {literals: [x=1], name: a}\n");
}

static void expect_schema_error(const char *text, const char *part)
{
	arena *a = arena_new();
	smp_schema s;
	err e = ERR_INIT;
	assert_int_equal(openapi_parse_schema(a, "schema.json", text, strlen(text), &s, &e), -1);
	if (!strstr(e.msg, part))
		fail_msg("error '%s' lacks '%s'", e.msg, part);
	err_clear(&e);
	arena_free(a);
}

static void test_schema_errors(void **state)
{
	(void)state;
	expect_schema_error("", "empty");
	expect_schema_error("[1]\n", "expected an OpenAPI document");
	expect_schema_error("{\"definitions\": 5}\n", "definitions must be an object");
	expect_schema_error("{\"definitions\": {\"a\": {\"x-kubernetes-group-version-kind\":"
			    " [{\"group\": \"g\"}]}}}\n",
			    "needs a string version and kind");
	expect_schema_error("{\"definitions\": {\"a\": {\"x-kubernetes-group-version-kind\":"
			    " [{\"version\": \"v1\", \"kind\": \"A\"}], \"properties\": {\"l\":"
			    " {\"x-kubernetes-patch-strategy\": 5}}}}}\n",
			    "x-kubernetes-patch-strategy must be a string");
}

/* ------------------------------------------------------------ state */

/* A custom schema chosen before anything needed a schema is all kyaml
 * reads. */
static void test_custom_chosen_before_use(void **state)
{
	(void)state;
	smp_schema custom = {0};
	openapi_state st = {0};
	st.chosen = true;
	st.custom = &custom;
	const smp_opts *o;
	err e = ERR_INIT;
	assert_int_equal(openapi_smp_opts(&st, &o, &e), 0);
	assert_ptr_equal(o->extra, &custom);
	assert_true(o->extra_only);
}

/* Once the built-in schema was read (a patch, or an object of a kind
 * outside the precomputed table), a later custom choice adds to it. */
static void test_custom_chosen_after_builtin_read(void **state)
{
	(void)state;
	smp_schema custom = {0};
	openapi_state st = {0};
	err e = ERR_INIT;
	assert_int_equal(openapi_use(&st, &e), 0);
	st.chosen = true;
	st.custom = &custom;
	st.current_loaded = false;
	const smp_opts *o;
	assert_int_equal(openapi_smp_opts(&st, &o, &e), 0);
	assert_ptr_equal(o->extra, &custom);
	assert_false(o->extra_only);
}

static void test_precomputed_kinds_do_not_read(void **state)
{
	(void)state;
	arena *a = arena_new();
	openapi_state st = {0};
	err e = ERR_INIT;
	assert_int_equal(openapi_note_object(&st, parse1(a, "d.yaml",
							  "apiVersion: apps/v1\n"
							  "kind: Deployment\n"), &e), 0);
	assert_false(st.current_loaded);
	assert_int_equal(openapi_note_object(&st, parse1(a, "d.yaml",
							  "apiVersion: v1\n"
							  "kind: Deployment\n"), &e), 0);
	assert_true(st.current_loaded);
	assert_true(st.builtin_loaded);
	arena_free(a);
}

/* kustomize reads a bad custom file only when it needs it. */
static void test_bad_custom_schema_fails_at_use(void **state)
{
	(void)state;
	arena *a = arena_new();
	openapi_state st = {0};
	st.chosen = true;
	st.custom_error = "invalid schema file: broken";
	err e = ERR_INIT;
	assert_int_equal(openapi_note_object(&st, parse1(a, "c.yaml",
							  "apiVersion: v1\nkind: ConfigMap\n"), &e),
			 0);
	const smp_opts *o;
	assert_int_equal(openapi_smp_opts(&st, &o, &e), -1);
	assert_non_null(strstr(e.msg, "broken"));
	err_clear(&e);
	arena_free(a);
}

/* ------------------------------------------------------------ crds */

static void crds_of(arena *a, const char *text, fieldspec_config *c)
{
	err e = ERR_INIT;
	if (openapi_parse_crds(a, "crd.json", text, strlen(text), c, &e))
		fail_msg("%s", e.msg);
}

static const fieldspec_nameref *find_nameref(const fieldspec_config *c, const char *version,
					     const char *kind)
{
	for (size_t i = 0; i < c->namerefs.n; i++)
		if (!strcmp(c->namerefs.v[i].version, version) &&
		    !strcmp(c->namerefs.v[i].kind, kind))
			return &c->namerefs.v[i];
	return NULL;
}

/* From kustomize's TestCrdWithOverlay (trimmed). */
static const char *const MYKIND_CRDS =
	"\n{\n"
	" \"github.com/example/pkg/apis/jingfang/v1beta1.BeeObjectReference\": {\n"
	"  \"Schema\": {\"properties\": {\"name\": {\"type\": \"string\"}}},\n"
	"  \"Dependencies\": []},\n"
	" \"github.com/example/pkg/apis/jingfang/v1beta1.MyKind\": {\"Schema\": {\n"
	"  \"properties\": {\"apiVersion\": {\"type\": \"string\"}, \"kind\": {\"type\":\n"
	"   \"string\"}, \"metadata\": {\"$ref\": \"k8s.io/meta/v1.ObjectMeta\"},\n"
	"   \"spec\": {\"$ref\": \"github.com/example/pkg/apis/jingfang/v1beta1.MyKindSpec\"}}}},\n"
	" \"github.com/example/pkg/apis/jingfang/v1beta1.MyKindSpec\": {\"Schema\": {\n"
	"  \"properties\": {\n"
	"   \"beeRef\": {\"x-kubernetes-object-ref-api-version\": \"v1beta1\",\n"
	"    \"x-kubernetes-object-ref-kind\": \"Bee\", \"$ref\":\n"
	"    \"github.com/example/pkg/apis/jingfang/v1beta1.BeeObjectReference\"},\n"
	"   \"secretRef\": {\"x-kubernetes-object-ref-api-version\": \"v1\",\n"
	"    \"x-kubernetes-object-ref-kind\": \"Secret\",\n"
	"    \"$ref\": \"k8s.io/api/core/v1.LocalObjectReference\"}}}}\n"
	"}\n";

static void test_crds_name_references(void **state)
{
	(void)state;
	arena *a = arena_new();
	fieldspec_config c;
	crds_of(a, MYKIND_CRDS, &c);
	assert_int_equal(c.namerefs.n, 2);
	const fieldspec_nameref *s = find_nameref(&c, "v1", "Secret");
	assert_non_null(s);
	assert_string_equal(s->group, "");
	assert_int_equal(s->referrers.n, 1);
	assert_string_equal(s->referrers.v[0].kind, "MyKind");
	assert_string_equal(s->referrers.v[0].version, "");
	assert_string_equal(s->referrers.v[0].path, "spec/secretRef/name");
	const fieldspec_nameref *b = find_nameref(&c, "v1beta1", "Bee");
	assert_non_null(b);
	assert_string_equal(b->referrers.v[0].path, "spec/beeRef/name");
	arena_free(a);
}

static const char *const THING_CRDS =
	"{\n"
	" \"pkg.v1.Thing\": {\"Schema\": {\"properties\": {\n"
	"  \"apiVersion\": {\"type\": \"string\"}, \"kind\": {\"type\": \"string\"},\n"
	"  \"metadata\": {\"type\": \"object\"}, \"spec\": {\"$ref\": \"pkg.v1.ThingSpec\"}}}},\n"
	" \"pkg.v1.ThingSpec\": {\"Schema\": {\"properties\": {\n"
	"  \"notes\": {\"x-kubernetes-annotation\": \"\"},\n"
	"  \"sel\": {\"x-kubernetes-label-selector\": \"\"},\n"
	"  \"ident\": {\"x-kubernetes-identity\": \"\"},\n"
	"  \"notstr\": {\"x-kubernetes-annotation\": true},\n"
	"  \"cm\": {\"x-kubernetes-object-ref-api-version\": \"v1\",\n"
	"   \"x-kubernetes-object-ref-kind\": \"ConfigMap\",\n"
	"   \"x-kubernetes-object-ref-name-key\": \"cmName\"}}}}\n"
	"}\n";

static void expect_one_spec(const fieldspec_list *l, const char *path)
{
	assert_int_equal(l->n, 1);
	assert_string_equal(l->v[0].kind, "Thing");
	assert_string_equal(l->v[0].path, path);
	assert_false(l->v[0].create);
}

/* Only string-valued extensions count (notstr gets no annotations). */
static void test_crds_annotation_label_identity(void **state)
{
	(void)state;
	arena *a = arena_new();
	fieldspec_config c;
	crds_of(a, THING_CRDS, &c);
	expect_one_spec(&c.t[FIELDSPEC_COMMONANNOTATIONS], "spec/notes");
	expect_one_spec(&c.t[FIELDSPEC_COMMONLABELS], "spec/sel");
	expect_one_spec(&c.t[FIELDSPEC_NAMEPREFIX], "spec/ident");
	assert_int_equal(c.t[FIELDSPEC_NAMESUFFIX].n, 0);
	const fieldspec_nameref *cm = find_nameref(&c, "v1", "ConfigMap");
	assert_non_null(cm);
	assert_string_equal(cm->referrers.v[0].path, "spec/cm/cmName");
	arena_free(a);
}

/* A type without kind, apiVersion and metadata properties adds nothing. */
static void test_crds_need_object_types(void **state)
{
	(void)state;
	arena *a = arena_new();
	fieldspec_config c;
	char *text = arena_strdup(a, THING_CRDS);
	char *m = strstr(text, "\"metadata\"");
	memcpy(m, "\"metadatX\"", 10);
	crds_of(a, text, &c);
	assert_int_equal(c.namerefs.n, 0);
	assert_int_equal(c.t[FIELDSPEC_COMMONANNOTATIONS].n, 0);
	arena_free(a);
}

static void expect_crds_error(const char *text, const char *part)
{
	arena *a = arena_new();
	fieldspec_config c;
	err e = ERR_INIT;
	assert_int_equal(openapi_parse_crds(a, "crd.json", text, strlen(text), &c, &e), -1);
	if (!strstr(e.msg, part))
		fail_msg("error '%s' lacks '%s'", e.msg, part);
	err_clear(&e);
	arena_free(a);
}

static void test_crds_errors(void **state)
{
	(void)state;
	expect_crds_error("[]\n", "cannot unmarshal array into Go value of type "
				  "accumulator.nameToApiMap");
	expect_crds_error("{\"a\": 5}\n", "cannot unmarshal number into Go value of type "
					 "accumulator.OpenAPIDefinition");
	expect_crds_error("{\"x.v1.T\": {\"Schema\": {\"properties\": {\"kind\": {},\n"
			  " \"apiVersion\": {}, \"metadata\": {}, \"next\": {\"$ref\": \"x.v1.T\"}}}}}\n",
			  "reference cycle");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_gvk_is_a_kind),
		cmocka_unit_test(test_rules_follow_refs),
		cmocka_unit_test(test_list_map_keys_beat_merge_key),
		cmocka_unit_test(test_custom_schema_merges_crd),
		cmocka_unit_test(test_yaml_schema),
		cmocka_unit_test(test_strategy_beside_ref_is_lost),
		cmocka_unit_test(test_custom_schema_drops_builtin_kinds),
		cmocka_unit_test(test_kustomization_kind_keeps_rules),
		cmocka_unit_test(test_schema_errors),
		cmocka_unit_test(test_custom_chosen_before_use),
		cmocka_unit_test(test_custom_chosen_after_builtin_read),
		cmocka_unit_test(test_precomputed_kinds_do_not_read),
		cmocka_unit_test(test_bad_custom_schema_fails_at_use),
		cmocka_unit_test(test_crds_name_references),
		cmocka_unit_test(test_crds_annotation_label_identity),
		cmocka_unit_test(test_crds_need_object_types),
		cmocka_unit_test(test_crds_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
