/* Unit tests: nameref.c (which object a name reference now means).
 * Expected trees and error texts come from kubectl kustomize (v5.5.0) runs
 * on the same inputs; each test names the case. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "strata/emit.h"
#include "strata/nameref.h"
#include "strata/parse.h"
#include "strata/xform_meta.h"

/* Every document of text as a resource, appended to m. */
static void load(arena *a, resmap *m, const char *text)
{
	parse_docs d;
	err e = ERR_INIT;
	assert_int_equal(parse_yaml(a, "r.yaml", text, strlen(text), &d, &e), 0);
	for (size_t i = 0; i < d.n; i++) {
		resource *r = res_new(a, d.v[i], "r.yaml", &e);
		assert_non_null(r);
		resmap_push(a, m, r);
	}
}

static void assert_emits(const node *n, const char *want)
{
	buf b = BUF_INIT;
	err e = ERR_INIT;
	assert_int_equal(emit_doc(&b, n, &e), 0);
	assert_string_equal(b.p, want);
	buf_free(&b);
}

static void prefix_all(arena *a, resmap *m, const char *p, const fieldspec_config *cfg)
{
	err e = ERR_INIT;
	assert_int_equal(xform_prefix_suffix(a, m, p, "", cfg, &e), 0);
}

static const char sa_and_crb[] = "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa\n"
				 "---\napiVersion: rbac.authorization.k8s.io/v1\n"
				 "kind: ClusterRoleBinding\nmetadata:\n  name: crb-%s\nroleRef:\n"
				 "  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n"
				 "  name: cr-%s\nsubjects:\n- kind: ServiceAccount\n  name: sa\n";

/* namedspacedserviceaccounts__TestNamedspacedServiceAccountsWithOverlap:
 * a {name, namespace} reference takes the namespace too, so two objects of
 * one name in two namespaces are two different answers.  On one thread and
 * on three, which must fail alike. */
static void map_ref_two_namespaces(const pool_par *par)
{
	arena *a = arena_new();
	fieldspec_config cfg;
	fieldspec_config_default(&cfg);
	resmap all = {0};
	const char *nss[] = {"a", "b"};
	for (int i = 0; i < 2; i++) {
		resmap m = {0};
		char text[sizeof sa_and_crb + 8];
		snprintf(text, sizeof text, sa_and_crb, nss[i], nss[i]);
		load(a, &m, text);
		err e = ERR_INIT;
		assert_int_equal(xform_namespace(a, &m, nss[i], &cfg, &e), 0);
		assert_int_equal(resmap_append_all(a, &all, &m, &e), 0);
	}
	err e = ERR_INIT;
	assert_int_equal(nameref_fix(a, &all, &cfg, par, &e), -1);
	assert_non_null(strstr(e.msg, "updating name reference in 'subjects' field of "
				      "'ClusterRoleBinding.v1.rbac.authorization.k8s.io/crb-a.[noNs]': "
				      "considering field 'subjects' of object ClusterRoleBinding.v1."
				      "rbac.authorization.k8s.io/crb-a.[noNs]: found multiple possible "
				      "referrals: ServiceAccount.v1.[noGrp]/sa.a, "
				      "ServiceAccount.v1.[noGrp]/sa.b"));
	err_clear(&e);
	arena_free(a);
}

static void test_map_ref_two_namespaces_is_ambiguous(void **state)
{
	(void)state;
	pool_par three = {3, 0, NULL, 0};
	map_ref_two_namespaces(NULL);
	map_ref_two_namespaces(&three);
}

static const char rb_objects[] =
	"apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa, namespace: a}\n---\n"
	"apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa, namespace: b}\n---\n"
	"apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\n"
	"metadata: {name: rb, namespace: a}\n"
	"roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}\n"
	"subjects:\n- kind: ServiceAccount\n  name: sa\n---\n"
	"apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, namespace: c}\n"
	"spec:\n  template:\n    spec:\n      serviceAccountName: sa\n";

/* A RoleBinding sees ServiceAccounts of its own namespace, and of others
 * only when a subject names them: the subject gets p-sa in a (oracle). */
static void test_rolebinding_sees_own_namespace(void **state)
{
	(void)state;
	arena *a = arena_new();
	fieldspec_config cfg;
	fieldspec_config_default(&cfg);
	resmap m = {0};
	load(a, &m, rb_objects);
	prefix_all(a, &m, "p-", &cfg);
	err e = ERR_INIT;
	assert_int_equal(nameref_fix(a, &m, &cfg, NULL, &e), 0);
	assert_emits(node_get(m.v[2]->obj, "subjects"),
		     "- kind: ServiceAccount\n  name: p-sa\n  namespace: a\n");
	arena_free(a);
}

/* A Deployment in c sees no ServiceAccount of a or b: the name stays. */
static void test_scalar_ref_other_namespace_unchanged(void **state)
{
	(void)state;
	arena *a = arena_new();
	fieldspec_config cfg;
	fieldspec_config_default(&cfg);
	resmap m = {0};
	load(a, &m, rb_objects);
	prefix_all(a, &m, "p-", &cfg);
	err e = ERR_INIT;
	assert_int_equal(nameref_fix(a, &m, &cfg, NULL, &e), 0);
	assert_string_equal(
		node_get_str(node_dig(m.v[3]->obj, "spec", "template", "spec", NULL),
			     "serviceAccountName"),
		"sa");
	arena_free(a);
}

/* A subject's namespace: objects first loaded there, if any are; else the
 * objects now there.  s1 moved from nsx to nsy: {s1, nsx} and {s1, nsy}
 * find it, unless something else started in nsy (the ConfigMap), then
 * {s1, nsy} finds nothing; "default" and "" find nothing. */
static void run_grouping(bool other_in_nsy, const char *want)
{
	arena *a = arena_new();
	fieldspec_config cfg;
	fieldspec_config_default(&cfg);
	resmap m = {0};
	load(a, &m, "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: s1, namespace: nsx}\n");
	err e = ERR_INIT;
	assert_int_equal(xform_namespace(a, &m, "nsy", &cfg, &e), 0);
	load(a, &m,
	     "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\n"
	     "metadata: {name: crb}\n"
	     "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: r}\n"
	     "subjects:\n- {kind: ServiceAccount, name: s1, namespace: nsx}\n"
	     "- {kind: ServiceAccount, name: s1, namespace: nsy}\n"
	     "- {kind: ServiceAccount, name: s1, namespace: default}\n"
	     "- {kind: ServiceAccount, name: s1, namespace: \"\"}\n");
	if (other_in_nsy)
		load(a, &m, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: other, namespace: nsy}\n");
	prefix_all(a, &m, "p-", &cfg);
	assert_int_equal(nameref_fix(a, &m, &cfg, NULL, &e), 0);
	assert_emits(node_get(m.v[1]->obj, "subjects"), want);
	arena_free(a);
}

static void test_map_ref_namespace_current_when_none_original(void **state)
{
	(void)state;
	run_grouping(false, "- kind: ServiceAccount\n  name: p-s1\n  namespace: nsy\n"
			    "- kind: ServiceAccount\n  name: p-s1\n  namespace: nsy\n"
			    "- kind: ServiceAccount\n  name: s1\n  namespace: default\n"
			    "- kind: ServiceAccount\n  name: s1\n  namespace: \"\"\n");
}

static void test_map_ref_namespace_original_first(void **state)
{
	(void)state;
	run_grouping(true, "- kind: ServiceAccount\n  name: p-s1\n  namespace: nsy\n"
			   "- kind: ServiceAccount\n  name: s1\n  namespace: nsy\n"
			   "- kind: ServiceAccount\n  name: s1\n  namespace: default\n"
			   "- kind: ServiceAccount\n  name: s1\n  namespace: \"\"\n");
}

/* A map reference with a namespace is still limited to what the referrer
 * sees: a Deployment in x does not reach the ConfigMap in nsy. */
static void test_map_ref_namespace_still_needs_visibility(void **state)
{
	(void)state;
	arena *a = arena_new();
	parse_docs d;
	err e = ERR_INIT;
	const char *conf = "nameReference:\n- kind: ConfigMap\n  version: v1\n  fieldSpecs:\n"
			   "  - path: spec/cmref\n    kind: Deployment\n";
	assert_int_equal(parse_yaml(a, "c.yaml", conf, strlen(conf), &d, &e), 0);
	fieldspec_config cfg;
	assert_int_equal(fieldspec_config_make(a, NULL, 0, (const node *const *)d.v, 1, &cfg, &e),
			 0);
	resmap m = {0};
	load(a, &m,
	     "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm, namespace: nsy}\n---\n"
	     "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, namespace: x}\n"
	     "spec:\n  cmref: {name: cm, namespace: nsy}\n---\n"
	     "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d2, namespace: nsy}\n"
	     "spec:\n  cmref: {name: cm, namespace: nsy}\n");
	prefix_all(a, &m, "p-", &cfg);
	assert_int_equal(nameref_fix(a, &m, &cfg, NULL, &e), 0);
	assert_emits(node_dig(m.v[1]->obj, "spec", "cmref", NULL), "name: cm\nnamespace: nsy\n");
	assert_emits(node_dig(m.v[2]->obj, "spec", "cmref", NULL),
		     "name: p-cm\nnamespace: nsy\n");
	arena_free(a);
}

/* A RoleBinding's ServiceAccount subject with a null namespace. */
static void test_rolebinding_subject_namespace_not_string(void **state)
{
	(void)state;
	arena *a = arena_new();
	fieldspec_config cfg;
	fieldspec_config_default(&cfg);
	resmap m = {0};
	load(a, &m,
	     "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa, namespace: a}\n---\n"
	     "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\n"
	     "metadata: {name: rb, namespace: c}\n"
	     "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}\n"
	     "subjects:\n- kind: ServiceAccount\n  name: sa\n  namespace: null\n");
	prefix_all(a, &m, "p-", &cfg);
	err e = ERR_INIT;
	assert_int_equal(nameref_fix(a, &m, &cfg, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "Invalid Input: namespace is blank for resource "
				      "\"RoleBinding.v1.rbac.authorization.k8s.io/p-rb.c\""));
	err_clear(&e);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_map_ref_two_namespaces_is_ambiguous),
		cmocka_unit_test(test_rolebinding_sees_own_namespace),
		cmocka_unit_test(test_scalar_ref_other_namespace_unchanged),
		cmocka_unit_test(test_map_ref_namespace_current_when_none_original),
		cmocka_unit_test(test_map_ref_namespace_original_first),
		cmocka_unit_test(test_map_ref_namespace_still_needs_visibility),
		cmocka_unit_test(test_rolebinding_subject_namespace_not_string),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
