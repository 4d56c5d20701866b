/* Unit tests: xform_meta.c (namespace, namePrefix/nameSuffix, labels,
 * commonLabels, commonAnnotations).  Every expected object and error text
 * was produced by `kubectl kustomize` (Kustomize v5.5.0) on the same input;
 * kubectl's output order differs from the resource order used here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "strata/emit.h"
#include "strata/parse.h"
#include "strata/xform_meta.h"

/* ---------- helpers ---------- */

static parse_docs parse_all(arena *a, const char *file, const char *text)
{
	parse_docs d;
	err e = ERR_INIT;
	if (parse_yaml(a, file, text, strlen(text), &d, &e)) {
		fprintf(stderr, "parse: %s\n", e.msg);
		fail();
	}
	return d;
}

static node *kust(arena *a, const char *text)
{
	parse_docs d = parse_all(a, "kustomization.yaml", text);
	assert_true(d.n >= 1);
	return d.v[0];
}

static resmap load(arena *a, const char *text)
{
	parse_docs d = parse_all(a, "r.yaml", text);
	resmap m = {0};
	err e = ERR_INIT;
	for (size_t i = 0; i < d.n; i++) {
		resource *r = res_new(a, d.v[i], "r.yaml", &e);
		assert_non_null(r);
		resmap_push(a, &m, r);
	}
	return m;
}

static void show(const char *what, const node *n)
{
	buf b = BUF_INIT;
	err e = ERR_INIT;
	if (emit_doc(&b, n, &e) == 0)
		fprintf(stderr, "%s:\n%s", what, b.p);
	buf_free(&b);
	err_clear(&e);
}

/* Resource i of m equals the YAML object want. */
static void assert_obj(arena *a, const resmap *m, size_t i, const char *want)
{
	assert_true(i < m->n);
	parse_docs d = parse_all(a, "want.yaml", want);
	if (!node_equal(m->v[i]->obj, d.v[0])) {
		show("got", m->v[i]->obj);
		show("want", d.v[0]);
		fail();
	}
}

static void assert_err_has(const err *e, const char *want)
{
	assert_non_null(e->msg);
	if (!strstr(e->msg, want)) {
		fprintf(stderr, "error: %s\nwanted: %s\n", e->msg, want);
		fail();
	}
}

static fieldspec_config defaults(void)
{
	fieldspec_config c;
	fieldspec_config_default(&c);
	return c;
}

/* Runs the transformers kustomization text k names over resources r, on
 * three threads however few the objects: the answers must be those of
 * one (pool_each keeps the loop's order of errors). */
static int run(arena *a, resmap *m, const char *k, err *e)
{
	fieldspec_config cfg = defaults();
	pool_par par = {3, 0};
	return xform_meta_apply(a, m, kust(a, k), &cfg, &par, e);
}

/* ---------- namespace ---------- */

static const char NS_INPUT[] = "apiVersion: v1\n"
			       "kind: Namespace\n"
			       "metadata:\n  name: old\n"
			       "---\n"
			       "apiVersion: example.com/v1\n"
			       "kind: Namespace\n"
			       "metadata:\n  name: crdns\n"
			       "---\n"
			       "apiVersion: rbac.authorization.k8s.io/v1\n"
			       "kind: ClusterRole\n"
			       "metadata:\n  name: cr\n  namespace: shouldstay\n"
			       "---\n"
			       "apiVersion: v1\n"
			       "kind: ConfigMap\n"
			       "metadata:\n  name: cm\n  namespace: other\n"
			       "---\n"
			       "apiVersion: example.com/v1\n"
			       "kind: MyThing\n"
			       "metadata:\n  name: thing\n"
			       "---\n"
			       "apiVersion: v1\n"
			       "kind: PersistentVolume\n"
			       "metadata:\n  name: pv\n";

static resmap ns_run(arena *a)
{
	resmap m = load(a, NS_INPUT);
	err e = ERR_INIT;
	assert_int_equal(run(a, &m, "namespace: prod\n", &e), 0);
	return m;
}

static void test_ns_renames_core_namespace(void **state)
{
	(void)state;
	arena *a = arena_new();
	resmap m = ns_run(a);
	assert_obj(a, &m, 0, "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: prod\n");
	arena_free(a);
}

static void test_ns_other_group_namespace_is_namespaced(void **state)
{
	(void)state;
	arena *a = arena_new();
	resmap m = ns_run(a);
	assert_obj(a, &m, 1,
		   "apiVersion: example.com/v1\nkind: Namespace\nmetadata:\n  name: crdns\n"
		   "  namespace: prod\n");
	arena_free(a);
}

static void test_ns_cluster_role_keeps_namespace(void **state)
{
	(void)state;
	arena *a = arena_new();
	resmap m = ns_run(a);
	assert_obj(a, &m, 2,
		   "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n"
		   "  name: cr\n  namespace: shouldstay\n");
	assert_obj(a, &m, 5, "apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv\n");
	arena_free(a);
}

static void test_ns_overwrites_existing(void **state)
{
	(void)state;
	arena *a = arena_new();
	resmap m = ns_run(a);
	assert_obj(a, &m, 3,
		   "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n  namespace: prod\n");
	arena_free(a);
}

static void test_ns_unknown_kind_gets_namespace(void **state)
{
	(void)state;
	arena *a = arena_new();
	resmap m = ns_run(a);
	assert_obj(a, &m, 4,
		   "apiVersion: example.com/v1\nkind: MyThing\nmetadata:\n  name: thing\n"
		   "  namespace: prod\n");
	arena_free(a);
}

static void test_ns_stores_previous_id_everywhere(void **state)
{
	(void)state;
	arena *a = arena_new();
	resmap m = ns_run(a);
	/* kustomize stores one on every resource, changed or not. */
	for (size_t i = 0; i < m.n; i++)
		assert_int_equal(m.v[i]->nprev, 1);
	assert_string_equal(m.v[0]->prev[0].name, "old");
	assert_string_equal(m.v[3]->prev[0].ns, "other");
	arena_free(a);
}

static void test_ns_apiservice_and_crd_webhook(void **state)
{
	(void)state;
	arena *a = arena_new();
	resmap m = load(a, "apiVersion: apiextensions.k8s.io/v1\n"
			   "kind: CustomResourceDefinition\n"
			   "metadata:\n  name: crd\n"
			   "spec:\n  conversion:\n    webhook:\n      clientConfig:\n"
			   "        service:\n          name: svc\n          namespace: x\n"
			   "---\n"
			   "apiVersion: apiextensions.k8s.io/v1\n"
			   "kind: CustomResourceDefinition\n"
			   "metadata:\n  name: crd2\n"
			   "spec:\n  conversion:\n    webhook:\n      clientConfig:\n"
			   "        service:\n          name: svc\n"
			   "---\n"
			   "apiVersion: apiregistration.k8s.io/v1\n"
			   "kind: APIService\n"
			   "metadata:\n  name: v1.x\n"
			   "spec:\n  service:\n    name: s\n"
			   "---\n"
			   "apiVersion: apiregistration.k8s.io/v1\n"
			   "kind: APIService\n"
			   "metadata:\n  name: v1.y\n");
	err e = ERR_INIT;
	assert_int_equal(run(a, &m, "namespace: prod\n", &e), 0);
	assert_obj(a, &m, 0,
		   "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
		   "metadata:\n  name: crd\nspec:\n  conversion:\n    webhook:\n"
		   "      clientConfig:\n        service:\n          name: svc\n"
		   "          namespace: prod\n");
	/* Only if present: the CRD spec has no create. */
	assert_obj(a, &m, 1,
		   "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
		   "metadata:\n  name: crd2\nspec:\n  conversion:\n    webhook:\n"
		   "      clientConfig:\n        service:\n          name: svc\n");
	assert_obj(a, &m, 2,
		   "apiVersion: apiregistration.k8s.io/v1\nkind: APIService\nmetadata:\n"
		   "  name: v1.x\nspec:\n  service:\n    name: s\n    namespace: prod\n");
	assert_obj(a, &m, 3,
		   "apiVersion: apiregistration.k8s.io/v1\nkind: APIService\nmetadata:\n"
		   "  name: v1.y\nspec:\n  service:\n    namespace: prod\n");
	arena_free(a);
}

static void test_ns_role_binding_default_subjects(void **state)
{
	(void)state;
	arena *a = arena_new();
	resmap m = load(a, "apiVersion: rbac.authorization.k8s.io/v1\n"
			   "kind: RoleBinding\n"
			   "metadata:\n  name: rb\n"
			   "subjects:\n"
			   "- kind: ServiceAccount\n  name: default\n"
			   "- kind: ServiceAccount\n  name: default\n  namespace: kube-system\n"
			   "- kind: User\n  name: default\n"
			   "- kind: ServiceAccount\n  name: other\n  namespace: foo\n"
			   "- kind: ServiceAccount\n  name: other2\n"
			   "- kind: ServiceAccount\n  name: my-default-sa\n"
			   "---\n"
			   "apiVersion: rbac.authorization.k8s.io/v1\n"
			   "kind: ClusterRoleBinding\n"
			   "metadata:\n  name: crb\n"
			   "subjects:\n- kind: ServiceAccount\n  name: default\n");
	err e = ERR_INIT;
	assert_int_equal(run(a, &m, "namespace: prod\n", &e), 0);
	assert_obj(a, &m, 0,
		   "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n"
		   "  name: rb\n  namespace: prod\nsubjects:\n"
		   "- kind: ServiceAccount\n  name: default\n  namespace: prod\n"
		   "- kind: ServiceAccount\n  name: default\n  namespace: prod\n"
		   "- kind: User\n  name: default\n  namespace: prod\n"
		   "- kind: ServiceAccount\n  name: other\n  namespace: foo\n"
		   "- kind: ServiceAccount\n  name: other2\n"
		   "- kind: ServiceAccount\n  name: my-default-sa\n");
	assert_obj(a, &m, 1,
		   "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\n"
		   "metadata:\n  name: crb\nsubjects:\n- kind: ServiceAccount\n  name: default\n"
		   "  namespace: prod\n");
	arena_free(a);
}

static void test_ns_string_values_replace_null_and_numbers(void **state)
{
	(void)state;
	arena *a = arena_new();
	resmap m = load(a, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c1\n"
			   "  namespace: null\n"
			   "---\n"
			   "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c2\n  namespace: 7\n");
	err e = ERR_INIT;
	assert_int_equal(run(a, &m, "namespace: \"123\"\n", &e), 0);
	assert_obj(a, &m, 0, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c1\n"
			     "  namespace: \"123\"\n");
	assert_obj(a, &m, 1, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c2\n"
			     "  namespace: \"123\"\n");
	node *ns = node_dig(m.v[1]->obj, "metadata", "namespace", NULL);
	assert_int_equal(ns->kind, NODE_STR);
	assert_true(ns->flags & NODE_F_QUOTED);
	arena_free(a);
}

static void test_ns_conflict(void **state)
{
	(void)state;
	arena *a = arena_new();
	resmap m = load(a, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n"
			   "  namespace: x\n  annotations:\n    foo: bar\ndata:\n  k: v\n"
			   "---\n"
			   "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n");
	err e = ERR_INIT;
	assert_int_equal(run(a, &m, "namespace: prod\n", &e), -1);
	assert_err_has(
		&e,
		"namespace transformation produces ID conflict: [{\"apiVersion\":\"v1\",\"data\":"
		"{\"k\":\"v\"},\"kind\":\"ConfigMap\",\"metadata\":{\"annotations\":{\"foo\":"
		"\"bar\",\"internal.config.kubernetes.io/previousKinds\":\"ConfigMap\","
		"\"internal.config.kubernetes.io/previousNames\":\"a\","
		"\"internal.config.kubernetes.io/previousNamespaces\":\"x\"},\"name\":\"a\","
		"\"namespace\":\"prod\"}} {\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\","
		"\"metadata\":{\"annotations\":{\"internal.config.kubernetes.io/previousKinds\":"
		"\"ConfigMap\",\"internal.config.kubernetes.io/previousNames\":\"a\","
		"\"internal.config.kubernetes.io/previousNamespaces\":\"default\"},\"name\":\"a\","
		"\"namespace\":\"prod\"}}]");
	err_clear(&e);
	arena_free(a);
}

static void test_ns_two_namespaces_conflict(void **state)
{
	(void)state;
	arena *a = arena_new();
	resmap m = load(a, "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\n"
			   "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: b\n");
	err e = ERR_INIT;
	assert_int_equal(run(a, &m, "namespace: prod\n", &e), -1);
	assert_err_has(&e, "\"internal.config.kubernetes.io/previousNamespaces\":"
			   "\"_non_namespaceable_\"},\"name\":\"prod\"}} {\"apiVersion\":\"v1\"");
	err_clear(&e);
	arena_free(a);
}

static void test_ns_errors(void **state)
{
	(void)state;
	static const struct {
		const char *obj, *want;
	} cases[] = {
		{"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c1\n  namespace:\n    a: b\n",
		 "considering field 'metadata/namespace' of object ConfigMap.v1.[noGrp]/c1.[noNs]: "
		 "wrong node kind: expected ScalarNode but got MappingNode"},
		{"apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n"
		 "  name: rb\nsubjects: 5\n",
		 "setting namespace on (cluster)role binding subjects: wrong node kind: expected "
		 "SequenceNode but got ScalarNode"},
		{"apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n"
		 "  name: rb\nsubjects:\n- 5\n",
		 "setting namespace on (cluster)role binding subjects: looking up name on "
		 "(cluster)role binding subject: wrong node kind: expected MappingNode but got "
		 "ScalarNode"},
		{"apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n"
		 "  name: rb\nsubjects:\n- name: [default]\n",
		 "setting namespace on (cluster)role binding subjects: looking up name on "
		 "(cluster)role binding subject: wrong node kind: expected ScalarNode but got "
		 "SequenceNode"},
		{"apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n"
		 "  name: rb\nsubjects:\n- name: default\n  namespace: [a]\n",
		 "setting namespace on (cluster)role binding subjects: wrong node kind: expected "
		 "ScalarNode but got SequenceNode"},
		{"apiVersion: apiregistration.k8s.io/v1\nkind: APIService\nmetadata:\n  name: v1.x\n"
		 "spec:\n  service:\n    namespace: {}\n",
		 "namespace field specs must target scalar nodes: considering field "
		 "'spec/service/namespace' of object APIService.v1.apiregistration.k8s.io/v1.x."
		 "[noNs]: wrong node kind: expected ScalarNode but got MappingNode"},
		{"apiVersion: apiregistration.k8s.io/v1\nkind: APIService\nmetadata:\n  name: v1.x\n"
		 "spec:\n  service: 5\n",
		 "namespace transformation failed: considering field 'spec/service/namespace' of "
		 "object APIService.v1.apiregistration.k8s.io/v1.x.[noNs]: expected sequence or "
		 "mapping node"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		arena *a = arena_new();
		resmap m = load(a, cases[i].obj);
		err e = ERR_INIT;
		assert_int_equal(run(a, &m, "namespace: prod\n", &e), -1);
		assert_err_has(&e, cases[i].want);
		err_clear(&e);
		arena_free(a);
	}
}

/* Objects apart in all of their ids but the namespace take it on several
 * threads (run's par): the error is still the first object's in order. */
static void test_ns_first_error_in_order(void **state)
{
	(void)state;
	const char *objs =
		"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c0\n---\n"
		"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c1\n  namespace:\n    a: b\n---\n"
		"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c2\n---\n"
		"apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n"
		"  name: rb\nsubjects: 5\n---\n"
		"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c4\n  namespace: [x]\n";
	for (int k = 0; k < 20; k++) {
		arena *a = arena_new();
		resmap m = load(a, objs);
		err e = ERR_INIT;
		assert_int_equal(run(a, &m, "namespace: prod\n", &e), -1);
		assert_err_has(&e, "of object ConfigMap.v1.[noGrp]/c1.[noNs]: wrong node kind: "
				   "expected ScalarNode but got MappingNode");
		err_clear(&e);
		arena_free(a);
	}
}

/* Namespace specs from `configurations`: metadata/name renames only
 * apiVersion v1 objects; metadata/namespace and RoleBinding
 * subjects/namespace specs give way to the built-in rules. */
static void test_ns_config_specs(void **state)
{
	(void)state;
	arena *a = arena_new();
	fieldspec_config cfg = defaults();
	static const fieldspec extra[] = {
		{"", "", "Secret", "metadata/name", false, NULL},
		{"", "", "Deployment", "metadata/name", false, NULL},
		{"", "", "Deployment", "spec/ns", true, NULL},
		{"", "", "RoleBinding", "subjects/namespace", true, NULL},
		{"", "", "ClusterRole", "metadata/namespace", true, NULL},
	};
	const fieldspec_list *def = &cfg.t[FIELDSPEC_NAMESPACE];
	fieldspec *all = arena_alloc(a, (def->n + 5) * sizeof *all);
	memcpy(all, def->v, def->n * sizeof *all);
	memcpy(all + def->n, extra, sizeof extra);
	cfg.t[FIELDSPEC_NAMESPACE] = (fieldspec_list){all, def->n + 5};
	resmap m = load(a, "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n---\n"
			   "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n---\n"
			   "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\n"
			   "metadata:\n  name: rb\nsubjects:\n- name: x\n---\n"
			   "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n"
			   "metadata:\n  name: cr\n");
	err e = ERR_INIT;
	assert_int_equal(xform_namespace(a, &m, "prod", &cfg, &e), 0);
	assert_obj(a, &m, 0, "apiVersion: v1\nkind: Secret\nmetadata:\n  name: prod\n"
			     "  namespace: prod\n");
	assert_obj(a, &m, 1, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n"
			     "  namespace: prod\nspec:\n  ns: prod\n");
	assert_obj(a, &m, 2, "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\n"
			     "metadata:\n  name: rb\n  namespace: prod\nsubjects:\n- name: x\n");
	assert_obj(a, &m, 3, "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n"
			     "metadata:\n  name: cr\n");
	arena_free(a);
}

/* ---------- namePrefix / nameSuffix ---------- */

static const char PS_INPUT[] = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns\n---\n"
			       "apiVersion: example.com/v1\nkind: Namespace\nmetadata:\n"
			       "  name: ns2\n---\n"
			       "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n"
			       "metadata:\n  name: cr\n---\n"
			       "apiVersion: apiextensions.k8s.io/v1\n"
			       "kind: CustomResourceDefinition\nmetadata:\n  name: crd\n---\n"
			       "apiVersion: example.com/v1\nkind: CustomResourceDefinition\n"
			       "metadata:\n  name: crd2\n---\n"
			       "apiVersion: apiregistration.k8s.io/v1\nkind: APIService\n"
			       "metadata:\n  name: v1.x\n---\n"
			       "apiVersion: example.com/v1\nkind: APIService\nmetadata:\n"
			       "  name: api2\n---\n"
			       "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: 123\n";

static void test_prefix_suffix_kinds(void **state)
{
	(void)state;
	arena *a = arena_new();
	resmap m = load(a, PS_INPUT);
	err e = ERR_INIT;
	assert_int_equal(run(a, &m, "namePrefix: p-\nnameSuffix: -s\n", &e), 0);
	static const char *const names[] = {"ns", "ns2", "p-cr-s", "crd",
					    "crd2", "v1.x", "p-api2-s", "p-123-s"};
	for (size_t i = 0; i < m.n; i++)
		assert_string_equal(node_dig(m.v[i]->obj, "metadata", "name", NULL)->str.s,
				    names[i]);
	assert_obj(a, &m, 2,
		   "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n"
		   "  name: p-cr-s\n");
	node *n = node_dig(m.v[7]->obj, "metadata", "name", NULL);
	assert_int_equal(n->kind, NODE_STR);
	assert_true(n->flags & NODE_F_QUOTED);
	arena_free(a);
}

static void test_prefix_records_affixes_and_ids(void **state)
{
	(void)state;
	arena *a = arena_new();
	resmap m = load(a, "apiVersion: v1\nkind: Service\nmetadata:\n  name: apple\n");
	err e = ERR_INIT;
	assert_int_equal(run(a, &m, "namePrefix: baked-\nnameSuffix: -pie\n", &e), 0);
	assert_obj(a, &m, 0, "apiVersion: v1\nkind: Service\nmetadata:\n  name: baked-apple-pie\n");
	resource *r = m.v[0];
	assert_int_equal(r->nprefix, 1);
	assert_string_equal(r->prefixes[0], "baked-");
	assert_int_equal(r->nsuffix, 1);
	assert_string_equal(r->suffixes[0], "-pie");
	assert_int_equal(r->nprev, 2);
	assert_string_equal(r->prev[0].name, "apple");
	assert_string_equal(r->prev[1].name, "baked-apple");
	arena_free(a);
}

static void test_prefix_skip_uses_original_id(void **state)
{
	(void)state;
	arena *a = arena_new();
	resmap m = load(a, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n");
	/* A resource that started as a Namespace stays unprefixed. */
	resource *r = m.v[0];
	r->nprev = 1;
	r->prev = arena_alloc(a, sizeof *r->prev);
	r->prev[0] = resid_make("", "v1", "Namespace", "a", "");
	fieldspec_config cfg = defaults();
	err e = ERR_INIT;
	assert_int_equal(xform_prefix_suffix(a, &m, "p-", "", &cfg, &e), 0);
	assert_string_equal(node_dig(r->obj, "metadata", "name", NULL)->str.s, "a");
	arena_free(a);
}

/* The effective config of a `configurations:` file with Deployment specs
 * for spec/ref (create), spec/nul, spec/nulc (create) plus the default
 * metadata/name; nameSuffix adds spec/ref. */
static void test_prefix_custom_specs_null_and_create(void **state)
{
	(void)state;
	arena *a = arena_new();
	static const fieldspec pfx[] = {
		{"", "", "Deployment", "spec/ref", true, NULL},
		{"", "", "Deployment", "spec/nul", false, NULL},
		{"", "", "Deployment", "spec/nulc", true, NULL},
		{"", "", "", "metadata/name", false, NULL},
	};
	static const fieldspec sfx[] = {
		{"", "", "Deployment", "spec/ref", false, NULL},
		{"", "", "", "metadata/name", false, NULL},
	};
	fieldspec_config cfg = defaults();
	cfg.t[FIELDSPEC_NAMEPREFIX] = (fieldspec_list){pfx, 4};
	cfg.t[FIELDSPEC_NAMESUFFIX] = (fieldspec_list){sfx, 2};
	resmap m = load(a, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n"
			   "spec:\n  nul: null\n  nulc: ~\n  list: [a, b]\n---\n"
			   "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d2\n"
			   "spec:\n  ref: 5\n");
	err e = ERR_INIT;
	assert_int_equal(xform_prefix_suffix(a, &m, "p-", "-s", &cfg, &e), 0);
	assert_obj(a, &m, 0,
		   "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: p-d-s\nspec:\n"
		   "  list:\n  - a\n  - b\n  nul: p-null\n  nulc: p-~\n  ref: p--s\n");
	assert_obj(a, &m, 1,
		   "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: p-d2-s\nspec:\n"
		   "  nulc: p-\n  ref: p-5-s\n");
	arena_free(a);
}

static void test_prefix_list_field_error(void **state)
{
	(void)state;
	arena *a = arena_new();
	static const fieldspec pfx[] = {
		{"", "", "Deployment", "metadata/name", false, NULL},
		{"", "", "Deployment", "spec/list", false, NULL},
	};
	fieldspec_config cfg = defaults();
	cfg.t[FIELDSPEC_NAMEPREFIX] = (fieldspec_list){pfx, 2};
	resmap m = load(a, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n"
			   "spec:\n  list: [a, b]\n");
	err e = ERR_INIT;
	assert_int_equal(xform_prefix_suffix(a, &m, "p-", "", &cfg, &e), -1);
	assert_err_has(&e, "considering field 'spec/list' of object Deployment.v1.apps/p-d.[noNs]: "
			   "wrong node kind: expected ScalarNode but got SequenceNode");
	err_clear(&e);
	arena_free(a);
}

/* ---------- commonLabels ---------- */

static const char CL_INPUT[] = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n"
			       "spec:\n  template:\n    spec:\n      containers: []\n---\n"
			       "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\n"
			       "spec:\n  template:\n    spec: {}\n---\n"
			       "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n"
			       "spec:\n  ports: []\n---\n"
			       "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: ss\n"
			       "spec:\n  volumeClaimTemplates:\n  - metadata:\n      name: v\n"
			       "  - spec: {}\n---\n"
			       "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: cj\n"
			       "spec:\n  jobTemplate:\n    spec:\n      template: {}\n---\n"
			       "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n"
			       "  labels: null\n";

#define LBL "\n      app: web\n      z: \"1\"\n"

static resmap cl_run(arena *a)
{
	resmap m = load(a, CL_INPUT);
	err e = ERR_INIT;
	assert_int_equal(run(a, &m, "commonLabels:\n  app: web\n  z: \"1\"\n", &e), 0);
	return m;
}

static void test_common_labels_deployment_selector_created(void **state)
{
	(void)state;
	arena *a = arena_new();
	resmap m = cl_run(a);
	assert_obj(a, &m, 0,
		   "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  labels:\n    app: web\n"
		   "    z: \"1\"\n  name: d\nspec:\n  selector:\n    matchLabels:\n"
		   "      app: web\n      z: \"1\"\n  template:\n    metadata:\n      labels:\n"
		   "        app: web\n        z: \"1\"\n    spec:\n      containers: []\n");
	arena_free(a);
}

static void test_common_labels_job_without_selector(void **state)
{
	(void)state;
	arena *a = arena_new();
	resmap m = cl_run(a);
	assert_obj(a, &m, 1,
		   "apiVersion: batch/v1\nkind: Job\nmetadata:\n  labels:\n    app: web\n"
		   "    z: \"1\"\n  name: j\nspec:\n  template:\n    metadata:\n      labels:\n"
		   "        app: web\n        z: \"1\"\n    spec: {}\n");
	arena_free(a);
}

static void test_common_labels_service_selector(void **state)
{
	(void)state;
	arena *a = arena_new();
	resmap m = cl_run(a);
	assert_obj(a, &m, 2,
		   "apiVersion: v1\nkind: Service\nmetadata:\n  labels:\n    app: web\n"
		   "    z: \"1\"\n  name: s\nspec:\n  ports: []\n  selector:\n    app: web\n"
		   "    z: \"1\"\n");
	arena_free(a);
}

static void test_common_labels_statefulset_claims(void **state)
{
	(void)state;
	arena *a = arena_new();
	resmap m = cl_run(a);
	assert_obj(a, &m, 3,
		   "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  labels:\n    app: web\n"
		   "    z: \"1\"\n  name: ss\nspec:\n  selector:\n    matchLabels:\n"
		   "      app: web\n      z: \"1\"\n  template:\n    metadata:\n      labels:\n"
		   "        app: web\n        z: \"1\"\n  volumeClaimTemplates:\n  - metadata:\n"
		   "      labels:\n        app: web\n        z: \"1\"\n      name: v\n"
		   "  - metadata:\n      labels:\n        app: web\n        z: \"1\"\n"
		   "    spec: {}\n");
	arena_free(a);
}

static void test_common_labels_cronjob_and_null_labels(void **state)
{
	(void)state;
	arena *a = arena_new();
	resmap m = cl_run(a);
	assert_obj(a, &m, 4,
		   "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  labels:\n    app: web\n"
		   "    z: \"1\"\n  name: cj\nspec:\n  jobTemplate:\n    metadata:\n"
		   "      labels:\n        app: web\n        z: \"1\"\n    spec:\n"
		   "      template:\n        metadata:\n          labels:\n"
		   "            app: web\n            z: \"1\"\n");
	assert_obj(a, &m, 5,
		   "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels:\n    app: web\n"
		   "    z: \"1\"\n  name: cm\n");
	arena_free(a);
}

static void test_common_labels_null_selector_not_created(void **state)
{
	(void)state;
	arena *a = arena_new();
	resmap m = load(a, "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j1\n"
			   "spec:\n  selector:\n    matchLabels: null\n---\n"
			   "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n"
			   "  name: pdb\nspec:\n  selector:\n    matchLabels:\n      x: y\n");
	err e = ERR_INIT;
	assert_int_equal(run(a, &m, "commonLabels:\n  a: b\n", &e), 0);
	assert_obj(a, &m, 0,
		   "apiVersion: batch/v1\nkind: Job\nmetadata:\n  labels:\n    a: b\n"
		   "  name: j1\nspec:\n  selector:\n    matchLabels: null\n  template:\n"
		   "    metadata:\n      labels:\n        a: b\n");
	assert_obj(a, &m, 1,
		   "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  labels:\n"
		   "    a: b\n  name: pdb\nspec:\n  selector:\n    matchLabels:\n      a: b\n"
		   "      x: \"y\"\n");
	arena_free(a);
}

static void test_common_labels_numeric_string_value(void **state)
{
	(void)state;
	arena *a = arena_new();
	/* numericcommonlabels__TestNumericCommonLabels */
	resmap m = load(a, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n"
			   "  name: the-deployment\n");
	err e = ERR_INIT;
	assert_int_equal(run(a, &m, "commonLabels:\n  version: \"1\"\n", &e), 0);
	assert_obj(a, &m, 0,
		   "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  labels:\n"
		   "    version: \"1\"\n  name: the-deployment\nspec:\n  selector:\n"
		   "    matchLabels:\n      version: \"1\"\n  template:\n    metadata:\n"
		   "      labels:\n        version: \"1\"\n");
	arena_free(a);
}

/* ---------- labels ---------- */

static void test_labels_entries_inline(void **state)
{
	(void)state;
	arena *a = arena_new();
	/* inlinelabels__TestKustomizationLabels */
	resmap m = load(a, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n"
			   "  name: my-deployment\nspec:\n  template:\n    spec:\n"
			   "      containers:\n      - name: my-deployment\n---\n"
			   "apiVersion: example.dev/v1\nkind: MyCRD\nmetadata:\n  name: crd\n");
	err e = ERR_INIT;
	assert_int_equal(run(a, &m,
			     "labels:\n- pairs:\n    foo: bar\n- pairs:\n    a: b\n"
			     "  includeSelectors: true\n- pairs:\n    c: d\n  fields:\n"
			     "  - path: spec/selector\n    group: example.dev\n    version: v1\n"
			     "    kind: MyCRD\n    create: true\n",
			     &e),
			 0);
	assert_obj(a, &m, 0,
		   "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  labels:\n    a: b\n"
		   "    c: d\n    foo: bar\n  name: my-deployment\nspec:\n  selector:\n"
		   "    matchLabels:\n      a: b\n  template:\n    metadata:\n      labels:\n"
		   "        a: b\n    spec:\n      containers:\n      - name: my-deployment\n");
	assert_obj(a, &m, 1,
		   "apiVersion: example.dev/v1\nkind: MyCRD\nmetadata:\n  labels:\n    a: b\n"
		   "    c: d\n    foo: bar\n  name: crd\nspec:\n  selector:\n    c: d\n");
	arena_free(a);
}

static void test_labels_include_templates(void **state)
{
	(void)state;
	arena *a = arena_new();
	resmap m = load(a, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n"
			   "spec:\n  selector:\n    matchLabels:\n      a: b\n  template:\n"
			   "    metadata:\n      labels:\n        a: b\n---\n"
			   "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: ss\n"
			   "spec:\n  volumeClaimTemplates:\n  - metadata:\n      name: v\n---\n"
			   "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n"
			   "  selector:\n    a: b\n");
	err e = ERR_INIT;
	assert_int_equal(run(a, &m, "labels:\n- pairs:\n    t: \"1\"\n  includeTemplates: true\n",
			     &e),
			 0);
	assert_obj(a, &m, 0,
		   "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  labels:\n    t: \"1\"\n"
		   "  name: d\nspec:\n  selector:\n    matchLabels:\n      a: b\n  template:\n"
		   "    metadata:\n      labels:\n        a: b\n        t: \"1\"\n");
	assert_obj(a, &m, 1,
		   "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  labels:\n    t: \"1\"\n"
		   "  name: ss\nspec:\n  template:\n    metadata:\n      labels:\n"
		   "        t: \"1\"\n  volumeClaimTemplates:\n  - metadata:\n      labels:\n"
		   "        t: \"1\"\n      name: v\n");
	assert_obj(a, &m, 2,
		   "apiVersion: v1\nkind: Service\nmetadata:\n  labels:\n    t: \"1\"\n  name: s\n"
		   "spec:\n  selector:\n    a: b\n");
	arena_free(a);
}

/* kyaml appends one value node to every field it creates in an object and
 * later copies into existing nodes, so a later entry reaching only
 * metadata/labels also changes what the first entry created elsewhere. */
static void test_labels_created_values_are_shared(void **state)
{
	(void)state;
	arena *a = arena_new();
	resmap m = load(a, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n---\n"
			   "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d2\n"
			   "  labels:\n    a: orig\nspec:\n  selector:\n    matchLabels:\n"
			   "      a: orig\n");
	err e = ERR_INIT;
	assert_int_equal(run(a, &m,
			     "labels:\n- pairs:\n    a: x\n  includeSelectors: true\n"
			     "- pairs:\n    a: yy\n",
			     &e),
			 0);
	assert_obj(a, &m, 0,
		   "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  labels:\n    a: yy\n"
		   "  name: d\nspec:\n  selector:\n    matchLabels:\n      a: yy\n  template:\n"
		   "    metadata:\n      labels:\n        a: yy\n");
	assert_obj(a, &m, 1,
		   "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  labels:\n    a: yy\n"
		   "  name: d2\nspec:\n  selector:\n    matchLabels:\n      a: x\n  template:\n"
		   "    metadata:\n      labels:\n        a: x\n");
	arena_free(a);
}

static void test_labels_common_labels_win(void **state)
{
	(void)state;
	arena *a = arena_new();
	resmap m = load(a, "apiVersion: v1\nkind: Service\nmetadata:\n  name: svc\nspec:\n"
			   "  selector:\n    app: web\n");
	err e = ERR_INIT;
	assert_int_equal(run(a, &m,
			     "namespace: prod\nnamePrefix: p-\nnameSuffix: -s\nlabels:\n"
			     "- pairs:\n    app: fromlabels\n    tier: web\n"
			     "  includeSelectors: true\ncommonLabels:\n  app: common\n"
			     "commonAnnotations:\n  note: \"true\"\n",
			     &e),
			 0);
	assert_obj(a, &m, 0,
		   "apiVersion: v1\nkind: Service\nmetadata:\n  annotations:\n"
		   "    note: \"true\"\n  labels:\n    app: common\n    tier: web\n"
		   "  name: p-svc-s\n  namespace: prod\nspec:\n  selector:\n    app: common\n"
		   "    tier: web\n");
	arena_free(a);
}

/* Specs from `configurations: labels:` join every entry, after its fields. */
static void test_labels_config_table(void **state)
{
	(void)state;
	arena *a = arena_new();
	static const fieldspec cfg_labels[] = {
		{"", "", "ConfigMap", "spec/foo", true, NULL},
	};
	fieldspec_config cfg = defaults();
	cfg.t[FIELDSPEC_LABELS] = (fieldspec_list){cfg_labels, 1};
	resmap m = load(a, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n");
	err e = ERR_INIT;
	node *k = kust(a, "labels:\n- pairs: {a: b}\n  fields:\n  - path: spec/foo\n");
	assert_int_equal(xform_meta_apply(a, &m, k, &cfg, NULL, &e), 0);
	assert_obj(a, &m, 0,
		   "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels:\n    a: b\n"
		   "  name: cm\nspec:\n  foo:\n    a: b\n");
	/* commonLabels does not use that table. */
	m = load(a, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n");
	assert_int_equal(xform_meta_apply(a, &m, kust(a, "commonLabels: {a: b}\n"), &cfg, NULL, &e),
			 0);
	assert_obj(a, &m, 0,
		   "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels:\n    a: b\n"
		   "  name: cm\n");
	arena_free(a);
}

static void test_labels_conflicting_fieldspecs(void **state)
{
	(void)state;
	static const struct {
		const char *k, *want;
	} cases[] = {
		{"labels:\n- pairs:\n    a: b\n  fields:\n  - path: metadata/labels\n",
		 "failed to merge labels: conflicting fieldspecs"},
		{"labels:\n- pairs:\n    a: b\n  includeSelectors: true\n  fields:\n"
		 "  - path: metadata/labels\n    kind: ConfigMap\n",
		 "failed to merge labels: conflicting fieldspecs"},
		{"labels:\n- pairs:\n    a: b\n  includeTemplates: true\n  fields:\n"
		 "  - path: spec/template/metadata/labels\n    kind: Deployment\n",
		 "failed to merge template fieldSpec: conflicting fieldspecs"},
		{"labels:\n- pairs:\n    a: b\n  includeSelectors: true\n  includeTemplates: true\n"
		 "  fields:\n  - path: spec/template/metadata/labels\n    kind: Deployment\n",
		 "failed to merge labels: conflicting fieldspecs"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		arena *a = arena_new();
		resmap m = load(a, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n");
		err e = ERR_INIT;
		assert_int_equal(run(a, &m, cases[i].k, &e), -1);
		assert_err_has(&e, cases[i].want);
		err_clear(&e);
		arena_free(a);
	}
}

static void test_labels_first_duplicate_decides(void **state)
{
	(void)state;
	arena *a = arena_new();
	resmap m = load(a, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n");
	err e = ERR_INIT;
	assert_int_equal(run(a, &m,
			     "labels:\n- pairs:\n    a: b\n  fields:\n  - path: metadata/labels\n"
			     "    create: true\n  - path: metadata/labels\n    create: true\n"
			     "    kind: ConfigMap\n  - path: metadata/labels\n    create: false\n"
			     "    kind: Secret\n",
			     &e),
			 0);
	assert_obj(a, &m, 0,
		   "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels:\n    a: b\n  name: cm\n");
	arena_free(a);
}

/* ---------- commonAnnotations ---------- */

static void test_annotations_values_are_strings(void **state)
{
	(void)state;
	arena *a = arena_new();
	resmap m = load(a, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n"
			   "spec:\n  template:\n    metadata:\n      annotations: null\n---\n"
			   "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n"
			   "  annotations: {}\n");
	err e = ERR_INIT;
	assert_int_equal(run(a, &m,
			     "commonAnnotations:\n  t: \"true\"\n  nn: \"1\"\n  e: \"\"\n"
			     "  f: \"1.0\"\n  z: \"null\"\n  b: plain\n",
			     &e),
			 0);
#define ANN "b: plain\n%1$se: \"\"\n%1$sf: \"1.0\"\n%1$snn: \"1\"\n%1$st: \"true\"\n%1$sz: \"null\"\n"
	char want[1024];
	char ann4[256], ann8[256];
	snprintf(ann4, sizeof ann4, "    " ANN, "    ");
	snprintf(ann8, sizeof ann8, "        " ANN, "        ");
	snprintf(want, sizeof want,
		 "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  annotations:\n%s"
		 "  name: d\nspec:\n  template:\n    metadata:\n      annotations:\n%s",
		 ann4, ann8);
	assert_obj(a, &m, 0, want);
	snprintf(want, sizeof want,
		 "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  annotations:\n%s  name: c\n",
		 ann4);
	assert_obj(a, &m, 1, want);
	node *t = node_dig(m.v[1]->obj, "metadata", "annotations", "t", NULL);
	assert_int_equal(t->kind, NODE_STR);
	assert_true(t->flags & NODE_F_QUOTED);
	arena_free(a);
}

static void test_annotations_keep_other_values(void **state)
{
	(void)state;
	arena *a = arena_new();
	resmap m = load(a, "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  labels:\n"
			   "    other: 5\n    l: no\n");
	err e = ERR_INIT;
	assert_int_equal(run(a, &m, "commonLabels:\n  l: \"yes\"\n", &e), 0);
	assert_obj(a, &m, 0,
		   "apiVersion: v1\nkind: Secret\nmetadata:\n  labels:\n    l: \"yes\"\n"
		   "    other: 5\n  name: s\n");
	arena_free(a);
}

static void test_annotations_target_errors(void **state)
{
	(void)state;
	static const struct {
		const char *k, *obj, *want;
	} cases[] = {
		{"commonLabels: {a: b}\n",
		 "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels: scalar\n",
		 "considering field 'metadata/labels' of object ConfigMap.v1.[noGrp]/c.[noNs]: wrong "
		 "node kind: expected MappingNode but got ScalarNode"},
		{"commonAnnotations: {a: b}\n",
		 "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations: []\n",
		 "considering field 'metadata/annotations' of object ConfigMap.v1.[noGrp]/c.[noNs]: "
		 "wrong node kind: expected MappingNode but got SequenceNode"},
		{"commonAnnotations:\n  \"\": x\n",
		 "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n",
		 "considering field 'metadata/annotations' of object ConfigMap.v1.[noGrp]/cm.[noNs]: "
		 "wrong node kind: expected ScalarNode but got MappingNode"},
		{"labels:\n- pairs:\n    a: b\n  fields:\n  - null\n",
		 "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n",
		 "considering field '' of object ConfigMap.v1.[noGrp]/cm.[noNs]: cannot set or create "
		 "an empty field name"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		arena *a = arena_new();
		resmap m = load(a, cases[i].obj);
		err e = ERR_INIT;
		assert_int_equal(run(a, &m, cases[i].k, &e), -1);
		assert_err_has(&e, cases[i].want);
		err_clear(&e);
		arena_free(a);
	}
}

/* ---------- decoding kustomization.yaml ---------- */

static void test_decode_errors(void **state)
{
	(void)state;
	static const struct {
		const char *k, *want;
	} cases[] = {
		{"commonLabels:\n  a: 1\n", "invalid Kustomization: json: cannot unmarshal number into "
					    "Go struct field Kustomization.commonLabels of type string"},
		{"commonLabels:\n  a: yes\n", "invalid Kustomization: json: cannot unmarshal bool into "
					      "Go struct field Kustomization.commonLabels of type string"},
		{"commonAnnotations:\n  a: 1\n",
		 "invalid Kustomization: json: cannot unmarshal number into Go struct field "
		 "Kustomization.commonAnnotations of type string"},
		{"commonAnnotations:\n  d: 0b101\n",
		 "cannot unmarshal number into Go struct field Kustomization.commonAnnotations"},
		{"commonAnnotations:\n  d: .inf\n", "invalid Kustomization: json: unsupported value: +Inf"},
		{"labels:\n- pairs:\n    a: 1.5\n", "invalid Kustomization: json: cannot unmarshal "
						   "number into Go struct field Label.labels.pairs of "
						   "type string"},
		{"labels:\n- pairs:\n    a: y\n", "cannot unmarshal bool into Go struct field "
						 "Label.labels.pairs of type string"},
		{"commonLabels:\n  a: [x]\n", "cannot unmarshal array into Go struct field "
					      "Kustomization.commonLabels of type string"},
		{"commonLabels: [a]\n", "cannot unmarshal array into Go struct field "
					"Kustomization.commonLabels of type map[string]string"},
		{"commonLabels: \"x\"\n", "cannot unmarshal string into Go struct field "
					  "Kustomization.commonLabels of type map[string]string"},
		{"labels: {a: b}\n", "cannot unmarshal object into Go struct field Kustomization.labels "
				     "of type []types.Label"},
		{"labels:\n- a\n", "cannot unmarshal string into Go struct field Kustomization.labels "
				   "of type types.Label"},
		{"labels:\n- pairs:\n    a: b\n  bogus: 1\n",
		 "invalid Kustomization: json: unknown field \"bogus\""},
		{"labels:\n- pairs:\n    a: b\n  includeSelectors: \"true\"\n",
		 "cannot unmarshal string into Go struct field Label.labels.includeSelectors of type "
		 "bool"},
		{"labels:\n- pairs:\n    a: b\n  fields:\n  - path: 1\n",
		 "cannot unmarshal number into Go struct field FieldSpec.labels.fields.path of type "
		 "string"},
		{"labels:\n- pairs:\n    a: b\n  fields:\n  - path: spec/x\n    create: \"yes\"\n",
		 "cannot unmarshal string into Go struct field FieldSpec.labels.fields.create of type "
		 "bool"},
		{"labels:\n- pairs:\n    a: b\n  fields:\n  - path: spec/x\n    kind: 1\n",
		 "cannot unmarshal number into Go struct field FieldSpec.labels.fields.kind of type "
		 "string"},
		{"labels:\n- pairs:\n    a: b\n  fields: {}\n",
		 "cannot unmarshal object into Go struct field Label.labels.fields of type "
		 "[]types.FieldSpec"},
		{"labels:\n- pairs:\n    a: b\n  fields: [x]\n",
		 "cannot unmarshal string into Go struct field Label.labels.fields of type "
		 "types.FieldSpec"},
		{"labels:\n- pairs: [a]\n", "cannot unmarshal array into Go struct field "
					    "Label.labels.pairs of type map[string]string"},
		{"namespace: 1\n", "cannot unmarshal number into Go struct field Kustomization.namespace "
				   "of type string"},
		{"namespace: yes\n", "cannot unmarshal bool into Go struct field "
				     "Kustomization.namespace of type string"},
		{"namePrefix: 1\n", "cannot unmarshal number into Go struct field "
				    "Kustomization.namePrefix of type string"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		arena *a = arena_new();
		resmap m = load(a, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n");
		err e = ERR_INIT;
		assert_int_equal(run(a, &m, cases[i].k, &e), -1);
		assert_err_has(&e, cases[i].want);
		/* Positions point into kustomization.yaml. */
		assert_true(!strncmp(e.msg, "kustomization.yaml:", 19));
		err_clear(&e);
		arena_free(a);
	}
}

static void test_decode_lenient_values(void **state)
{
	(void)state;
	arena *a = arena_new();
	resmap m = load(a, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n");
	err e = ERR_INIT;
	/* Case-insensitive field names, YAML 1.1 booleans for bools, null
	 * and timestamps as strings; null entries and maps do nothing. */
	assert_int_equal(run(a, &m,
			     "labels:\n- Pairs:\n    a: b\n  INCLUDESELECTORS: yes\n- null\n"
			     "- pairs: null\n- {}\n"
			     "commonAnnotations:\n  nu: null\n  d: 2024-01-01\n  t: 1:20\n"
			     "  s: 1.5e\n",
			     &e),
			 0);
	assert_obj(a, &m, 0,
		   "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  annotations:\n"
		   "    d: \"2024-01-01\"\n    nu: \"\"\n    s: 1.5e\n    t: \"1:20\"\n"
		   "  labels:\n    a: b\n  name: cm\n");
	arena_free(a);
}

/* Keys YAML 1.1 reads as booleans or numbers become their JSON text; keys
 * a transformer creates are plain, so go-yaml v3 retypes them on output
 * and kustomize fails there ("1", "true"), but not for "yes". */
static void test_created_keys_are_plain(void **state)
{
	(void)state;
	arena *a = arena_new();
	resmap m = load(a, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n");
	err e = ERR_INIT;
	assert_int_equal(run(a, &m, "commonLabels:\n  \"0x10\": b\n  \"yes\": c\n  on: d\n", &e),
			 0);
	node *labels = node_dig(m.v[0]->obj, "metadata", "labels", NULL);
	assert_int_equal(labels->map.n, 3);
	for (uint32_t i = 0; i < labels->map.n; i++) {
		const node *k = labels->map.v[i].key;
		if (node_str_is(k, "0x10"))
			assert_int_equal(k->kind, NODE_INT);
		else if (node_str_is(k, "yes"))
			assert_int_equal(k->kind, NODE_STR);
		else if (node_str_is(k, "true"))  /* on: YAML 1.1 true */
			assert_int_equal(k->kind, NODE_BOOL);
		else
			fail();
	}
	buf b = BUF_INIT;
	assert_int_equal(emit_doc(&b, m.v[0]->obj, &e), -1);
	assert_err_has(&e, "json: unsupported type: map[interface {}]interface {}");
	buf_free(&b);
	err_clear(&e);
	arena_free(a);
}

static void test_kust_string(void **state)
{
	(void)state;
	arena *a = arena_new();
	err e = ERR_INIT;
	const char *s = "x";
	assert_int_equal(xform_kust_string(NULL, "Kustomization.namespace", &s, &e), 0);
	assert_string_equal(s, "");
	node *k = kust(a, "a: null\nb: \"1\"\nc: on\n");
	assert_int_equal(xform_kust_string(node_get(k, "a"), "Kustomization.namespace", &s, &e), 0);
	assert_string_equal(s, "");
	assert_int_equal(xform_kust_string(node_get(k, "b"), "Kustomization.namespace", &s, &e), 0);
	assert_string_equal(s, "1");
	assert_int_equal(xform_kust_string(node_get(k, "c"), "Kustomization.nameSuffix", &s, &e),
			 -1);
	assert_err_has(&e, "kustomization.yaml:3:4: invalid Kustomization: json: cannot unmarshal "
			   "bool into Go struct field Kustomization.nameSuffix of type string");
	err_clear(&e);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ns_renames_core_namespace),
		cmocka_unit_test(test_ns_other_group_namespace_is_namespaced),
		cmocka_unit_test(test_ns_cluster_role_keeps_namespace),
		cmocka_unit_test(test_ns_overwrites_existing),
		cmocka_unit_test(test_ns_unknown_kind_gets_namespace),
		cmocka_unit_test(test_ns_stores_previous_id_everywhere),
		cmocka_unit_test(test_ns_apiservice_and_crd_webhook),
		cmocka_unit_test(test_ns_role_binding_default_subjects),
		cmocka_unit_test(test_ns_string_values_replace_null_and_numbers),
		cmocka_unit_test(test_ns_conflict),
		cmocka_unit_test(test_ns_two_namespaces_conflict),
		cmocka_unit_test(test_ns_errors),
		cmocka_unit_test(test_ns_first_error_in_order),
		cmocka_unit_test(test_ns_config_specs),
		cmocka_unit_test(test_prefix_suffix_kinds),
		cmocka_unit_test(test_prefix_records_affixes_and_ids),
		cmocka_unit_test(test_prefix_skip_uses_original_id),
		cmocka_unit_test(test_prefix_custom_specs_null_and_create),
		cmocka_unit_test(test_prefix_list_field_error),
		cmocka_unit_test(test_common_labels_deployment_selector_created),
		cmocka_unit_test(test_common_labels_job_without_selector),
		cmocka_unit_test(test_common_labels_service_selector),
		cmocka_unit_test(test_common_labels_statefulset_claims),
		cmocka_unit_test(test_common_labels_cronjob_and_null_labels),
		cmocka_unit_test(test_common_labels_null_selector_not_created),
		cmocka_unit_test(test_common_labels_numeric_string_value),
		cmocka_unit_test(test_labels_entries_inline),
		cmocka_unit_test(test_labels_include_templates),
		cmocka_unit_test(test_labels_created_values_are_shared),
		cmocka_unit_test(test_labels_common_labels_win),
		cmocka_unit_test(test_labels_config_table),
		cmocka_unit_test(test_labels_conflicting_fieldspecs),
		cmocka_unit_test(test_labels_first_duplicate_decides),
		cmocka_unit_test(test_annotations_values_are_strings),
		cmocka_unit_test(test_annotations_keep_other_values),
		cmocka_unit_test(test_annotations_target_errors),
		cmocka_unit_test(test_decode_errors),
		cmocka_unit_test(test_decode_lenient_values),
		cmocka_unit_test(test_created_keys_are_plain),
		cmocka_unit_test(test_kust_string),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
