/* Unit tests: selector.c (patch targets, label selectors). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "strata/parse.h"
#include "strata/selector.h"

static node *yaml1(arena *a, const char *text)
{
	parse_docs d;
	err e = ERR_INIT;
	assert_int_equal(parse_yaml(a, "t.yaml", text, strlen(text), &d, &e), 0);
	return d.v[0];
}

static bool lmatch(arena *a, const char *expr, const char *labels_yaml)
{
	bool m = false;
	err e = ERR_INIT;
	node *labels = labels_yaml ? yaml1(a, labels_yaml) : NULL;
	assert_int_equal(labelsel_matches(expr, labels, &m, &e), 0);
	return m;
}

static void test_label_equality(void **state)
{
	(void)state;
	arena *a = arena_new();
	assert_true(lmatch(a, "app=web", "{app: web, tier: fe}"));
	assert_true(lmatch(a, "app==web", "{app: web}"));
	assert_false(lmatch(a, "app=web", "{app: db}"));
	assert_true(lmatch(a, "app!=web", "{tier: fe}"));
	assert_false(lmatch(a, "app!=web", "{app: web}"));
	assert_true(lmatch(a, "app=web, tier=fe", "{app: web, tier: fe}"));
	assert_false(lmatch(a, "app=web,tier=be", "{app: web, tier: fe}"));
	assert_false(lmatch(a, "app=web", NULL));
	assert_true(lmatch(a, "", NULL));
	arena_free(a);
}

static void test_label_sets_and_existence(void **state)
{
	(void)state;
	arena *a = arena_new();
	assert_true(lmatch(a, "env in (prod, staging)", "{env: staging}"));
	assert_false(lmatch(a, "env in (prod)", "{env: dev}"));
	assert_true(lmatch(a, "env notin (prod)", "{env: dev}"));
	assert_true(lmatch(a, "env notin (prod)", "{app: x}"));
	assert_true(lmatch(a, "legacy", "{legacy: 'true'}"));
	assert_false(lmatch(a, "!legacy", "{legacy: 'true'}"));
	assert_true(lmatch(a, "!legacy", "{app: x}"));
	arena_free(a);
}

static void test_label_syntax_error(void **state)
{
	(void)state;
	bool m;
	err e = ERR_INIT;
	assert_int_equal(labelsel_matches("env in prod", NULL, &m, &e), -1);
	assert_non_null(strstr(e.msg, "invalid label selector"));
	err_clear(&e);
}

static resource *res(arena *a, const char *text)
{
	err e = ERR_INIT;
	resource *r = res_new(a, yaml1(a, text), "r.yaml", &e);
	assert_non_null(r);
	return r;
}

static bool tmatch(arena *a, const char *target, resource *r)
{
	selector s;
	err e = ERR_INIT;
	assert_int_equal(selector_compile(yaml1(a, target), &s, &e), 0);
	bool m = false;
	assert_int_equal(selector_matches(&s, r, &m, &e), 0);
	selector_free(&s);
	return m;
}

static void test_target_regex_anchored(void **state)
{
	(void)state;
	arena *a = arena_new();
	resource *r = res(a, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web-1, "
			     "labels: {app: web}}\n");
	assert_true(tmatch(a, "{kind: Deployment}", r));
	assert_false(tmatch(a, "{kind: Deploy}", r));
	assert_true(tmatch(a, "{name: 'web-.*'}", r));
	assert_false(tmatch(a, "{name: web}", r));
	assert_true(tmatch(a, "{group: apps, version: v1}", r));
	assert_false(tmatch(a, "{group: ''}", r) == false);
	assert_true(tmatch(a, "{namespace: default}", r));
	assert_true(tmatch(a, "{kind: 'Deployment|StatefulSet', labelSelector: 'app=web'}", r));
	assert_false(tmatch(a, "{labelSelector: 'app=db'}", r));
	arena_free(a);
}

static void test_target_original_name(void **state)
{
	(void)state;
	arena *a = arena_new();
	resource *r = res(a, "apiVersion: v1\nkind: Service\nmetadata: {name: svc}\n");
	node_set_str(a, node_get(r->obj, "metadata"), "name", "p-svc");
	assert_true(tmatch(a, "{name: svc}", r));
	assert_true(tmatch(a, "{name: p-svc}", r));
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_label_equality),
		cmocka_unit_test(test_label_sets_and_existence),
		cmocka_unit_test(test_label_syntax_error),
		cmocka_unit_test(test_target_regex_anchored),
		cmocka_unit_test(test_target_original_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
