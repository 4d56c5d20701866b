/* Unit tests: order.c (kustomize's legacy output order), path.c, resource ids. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "strata/order.h"
#include "strata/parse.h"
#include "strata/path.h"

static resource *res(arena *a, const char *av, const char *kind, const char *name,
		     const char *ns)
{
	char text[512];
	snprintf(text, sizeof text, "apiVersion: %s\nkind: %s\nmetadata: {name: %s%s%s}\n", av,
		 kind, name, ns ? ", namespace: " : "", ns ? ns : "");
	parse_docs d;
	err e = ERR_INIT;
	assert_int_equal(parse_yaml(a, "t.yaml", text, strlen(text), &d, &e), 0);
	resource *r = res_new(a, d.v[0], "t.yaml", &e);
	assert_non_null(r);
	return r;
}

static void test_legacy_order(void **state)
{
	(void)state;
	arena *a = arena_new();
	resmap m = {0};
	resmap_push(a, &m, res(a, "admissionregistration.k8s.io/v1",
			       "ValidatingWebhookConfiguration", "vw", NULL));
	resmap_push(a, &m, res(a, "apps/v1", "Deployment", "b", NULL));
	resmap_push(a, &m, res(a, "v1", "Pod", "p", NULL));
	resmap_push(a, &m, res(a, "example.com/v1", "Widget", "w", NULL));
	resmap_push(a, &m, res(a, "apps/v1", "Deployment", "a", NULL));
	resmap_push(a, &m, res(a, "v1", "Namespace", "ns", NULL));
	resmap_push(a, &m, res(a, "v1", "Service", "s", NULL));
	order_legacy(&m, NULL, 0, NULL, 0);
	const char *want[] = {"ns", "s", "a", "b", "w", "p", "vw"};
	for (size_t i = 0; i < 7; i++)
		assert_string_equal(res_id(m.v[i]).name, want[i]);
	arena_free(a);
}

static void test_same_kind_by_namespace_then_name(void **state)
{
	(void)state;
	arena *a = arena_new();
	resmap m = {0};
	resmap_push(a, &m, res(a, "v1", "ConfigMap", "b", "y"));
	resmap_push(a, &m, res(a, "v1", "ConfigMap", "a", "y"));
	resmap_push(a, &m, res(a, "v1", "ConfigMap", "z", "x"));
	order_legacy(&m, NULL, 0, NULL, 0);
	assert_string_equal(res_id(m.v[0]).name, "z");
	assert_string_equal(res_id(m.v[1]).name, "a");
	assert_string_equal(res_id(m.v[2]).name, "b");
	arena_free(a);
}

static void test_fifo_keeps_order(void **state)
{
	(void)state;
	arena *a = arena_new();
	resmap m = {0};
	resmap_push(a, &m, res(a, "apps/v1", "Deployment", "d", NULL));
	resmap_push(a, &m, res(a, "v1", "Namespace", "n", NULL));
	parse_docs d;
	err e = ERR_INIT;
	const char *so = "order: fifo\n";
	assert_int_equal(parse_yaml(a, "k.yaml", so, strlen(so), &d, &e), 0);
	assert_int_equal(order_apply(a, &m, d.v[0], &e), 0);
	assert_string_equal(res_id(m.v[0]).name, "d");
	arena_free(a);
}

static void test_path_join(void **state)
{
	(void)state;
	arena *a = arena_new();
	assert_string_equal(path_join(a, "a/b", "../c/./d.yaml"), "a/c/d.yaml");
	assert_string_equal(path_join(a, "a/b", "/x/y"), "x/y");
	assert_string_equal(path_join(a, "", "x"), "x");
	assert_string_equal(path_join(a, "a", ".."), "");
	assert_null(path_join(a, "a", "../.."));
	assert_true(path_within("a/b/c", "a/b"));
	assert_false(path_within("a/bc", "a/b"));
	assert_true(path_within("anything", ""));
	arena_free(a);
}

static void test_resid_string_and_equality(void **state)
{
	(void)state;
	arena *a = arena_new();
	resource *r = res(a, "apps/v1", "Deployment", "web", NULL);
	resid id = res_id(r);
	assert_string_equal(resid_string(a, &id), "Deployment.v1.apps/web.[noNs]");
	resid other = resid_make("apps", "v1", "Deployment", "web", "default");
	assert_true(resid_equals(&id, &other));
	resource *crb = res(a, "rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "x", "a");
	resid c1 = res_id(crb);
	resid c2 = resid_make("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "x", "b");
	assert_true(resid_equals(&c1, &c2));
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_legacy_order),
		cmocka_unit_test(test_same_kind_by_namespace_then_name),
		cmocka_unit_test(test_fifo_keeps_order),
		cmocka_unit_test(test_path_join),
		cmocka_unit_test(test_resid_string_and_equality),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
