/* Unit tests: resource.c, the resmap's lookups by id and by name.
 * The maps hold more objects than the index threshold, so the answers come
 * from the hash index; each expected answer is what a scan of the map in
 * order gives under kustomize's ResId rules (current or earlier id, ""
 * and "default" the same namespace, none for cluster-scoped kinds). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "strata/parse.h"
#include "strata/resource.h"

enum { N = 60 };

static resource *add(arena *a, resmap *m, const char *kind, const char *name, const char *ns,
		     const char *source)
{
	char text[256];
	snprintf(text, sizeof text, "apiVersion: v1\nkind: %s\nmetadata:\n  name: %s\n%s%s%s",
		 kind, name, ns ? "  namespace: " : "", ns ? ns : "", ns ? "\n" : "");
	parse_docs d;
	err e = ERR_INIT;
	assert_int_equal(parse_yaml(a, source, text, strlen(text), &d, &e), 0);
	resource *r = res_new(a, d.v[0], source, &e);
	assert_non_null(r);
	resmap_push(a, m, r);
	return r;
}

/* N ConfigMaps cm-0 ... in namespace ns, each from its own file. */
static void fill(arena *a, resmap *m)
{
	for (int i = 0; i < N; i++) {
		char name[32], src[32];
		snprintf(name, sizeof name, "cm-%d", i);
		snprintf(src, sizeof src, "f%d.yaml", i);
		add(a, m, "ConfigMap", name, "ns", arena_strdup(a, src));
	}
}

static void rename_to(arena *a, resmap *m, resource *r, const char *name)
{
	res_store_prev_id(a, r);
	node_set_str(a, node_get(r->obj, "metadata"), "name", name);
	resmap_id_changed(m, r);
}

static size_t find(const resmap *m, const char *kind, const char *name, const char *ns,
		   resource **found)
{
	resid id = resid_make("", "v1", kind, name, ns);
	return resmap_find_any_id(m, &id, found);
}

static void test_find_by_current_and_earlier_id(void **state)
{
	(void)state;
	arena *a = arena_new();
	resmap m = {0};
	fill(a, &m);
	resource *r, *seven = m.v[7];
	assert_int_equal(find(&m, "ConfigMap", "cm-7", "ns", &r), 1);
	assert_ptr_equal(r, seven);
	rename_to(a, &m, seven, "x-cm-7");
	assert_int_equal(find(&m, "ConfigMap", "x-cm-7", "ns", &r), 1);
	assert_ptr_equal(r, seven);
	assert_int_equal(find(&m, "ConfigMap", "cm-7", "ns", &r), 1);
	assert_ptr_equal(r, seven);
	assert_int_equal(find(&m, "ConfigMap", "cm-7", "other", &r), 0);
	assert_null(r);
	assert_int_equal(find(&m, "Secret", "cm-7", "ns", &r), 0);
	arena_free(a);
}

static void test_find_counts_every_match_and_gives_the_last(void **state)
{
	(void)state;
	arena *a = arena_new();
	resmap m = {0};
	fill(a, &m);
	rename_to(a, &m, m.v[40], "cm-3");
	resource *r;
	assert_int_equal(find(&m, "ConfigMap", "cm-3", "ns", &r), 2);
	assert_ptr_equal(r, m.v[40]);
	arena_free(a);
}

static void test_add_unique_names_the_first_holder(void **state)
{
	(void)state;
	arena *a = arena_new();
	resmap m = {0};
	fill(a, &m);
	rename_to(a, &m, m.v[50], "cm-5");
	parse_docs d;
	err e = ERR_INIT;
	const char *text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-5\n"
			   "  namespace: ns\n";
	assert_int_equal(parse_yaml(a, "new.yaml", text, strlen(text), &d, &e), 0);
	resource *r = res_new(a, d.v[0], "new.yaml", &e);
	assert_int_equal(resmap_add_unique(a, &m, r, &e), -1);
	assert_non_null(strstr(e.msg, "already registered id: ConfigMap.v1.[noGrp]/cm-5.ns "
				      "(from f5.yaml and new.yaml)"));
	assert_int_equal(m.n, N);
	err_clear(&e);
	arena_free(a);
}

static void test_default_namespace_is_the_empty_one(void **state)
{
	(void)state;
	arena *a = arena_new();
	resmap m = {0};
	fill(a, &m);
	resource *d = add(a, &m, "Service", "web", "default", "svc.yaml");
	resource *r;
	assert_int_equal(find(&m, "Service", "web", "", &r), 1);
	assert_ptr_equal(r, d);
	resid id = resid_make("", "v1", "Service", "web", NULL);
	assert_int_equal(resmap_count_id(&m, &id), 1);
	arena_free(a);
}

static void test_cluster_scoped_ignores_namespace(void **state)
{
	(void)state;
	arena *a = arena_new();
	resmap m = {0};
	fill(a, &m);
	add(a, &m, "Namespace", "team", "a", "ns.yaml");
	resid id = resid_make("", "v1", "Namespace", "team", "b");
	assert_int_equal(resmap_count_id(&m, &id), 1);
	arena_free(a);
}

static void test_edits_seen_after_ids_changed(void **state)
{
	(void)state;
	arena *a = arena_new();
	resmap m = {0};
	fill(a, &m);
	resource *r;
	assert_int_equal(find(&m, "ConfigMap", "cm-1", "ns", &r), 1);
	/* changed in place without a word, as a plugin transformer might */
	for (int i = 0; i < N; i++)
		node_set_str(a, node_get(m.v[i]->obj, "metadata"), "namespace", "moved");
	resmap_ids_changed(&m);
	assert_int_equal(find(&m, "ConfigMap", "cm-1", "ns", &r), 0);
	assert_int_equal(find(&m, "ConfigMap", "cm-1", "moved", &r), 1);
	assert_ptr_equal(r, m.v[1]);
	arena_free(a);
}

static bool not_even(const resource *r, void *ctx)
{
	(void)ctx;
	const char *name = node_get_str(node_get(r->obj, "metadata"), "name");
	return atoi(name + 3) % 2;
}

static void test_removed_objects_are_gone(void **state)
{
	(void)state;
	arena *a = arena_new();
	resmap m = {0};
	fill(a, &m);
	resource *r;
	resmap_remove(&m, 9);
	assert_int_equal(find(&m, "ConfigMap", "cm-9", "ns", &r), 0);
	assert_int_equal(find(&m, "ConfigMap", "cm-10", "ns", &r), 1);
	assert_ptr_equal(r, m.v[9]);
	resmap_filter(&m, not_even, NULL);
	assert_int_equal(m.n, N / 2 - 1); /* the odd ones but cm-9 */
	assert_int_equal(find(&m, "ConfigMap", "cm-10", "ns", &r), 0);
	assert_int_equal(find(&m, "ConfigMap", "cm-11", "ns", &r), 1);
	assert_ptr_equal(r, m.v[4]);
	arena_free(a);
}

/* Later pushes keep their place after objects that were renamed. */
static void test_named_in_map_order(void **state)
{
	(void)state;
	arena *a = arena_new();
	resmap m = {0};
	fill(a, &m);
	resource *svc = add(a, &m, "Service", "web", NULL, "svc.yaml");
	rename_to(a, &m, m.v[12], "web");
	resource *dep = add(a, &m, "Deployment", "web", NULL, "dep.yaml");
	resource *twelve = m.v[12];
	rename_to(a, &m, twelve, "web-2");
	resource **v;
	size_t n = resmap_named(&m, "web", &v);
	resource *want[] = {twelve, svc, dep};
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const char *cur = res_id(v[i]).name;
		bool was = !strcmp(v[i]->orig.name, "web") || !strcmp(cur, "web");
		for (size_t j = 0; j < v[i]->nprev; j++)
			was = was || !strcmp(v[i]->prev[j].name, "web");
		if (!was)
			continue;
		assert_true(k < 3);
		assert_ptr_equal(v[i], want[k++]);
	}
	assert_int_equal(k, 3);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find_by_current_and_earlier_id),
		cmocka_unit_test(test_find_counts_every_match_and_gives_the_last),
		cmocka_unit_test(test_add_unique_names_the_first_holder),
		cmocka_unit_test(test_default_namespace_is_the_empty_one),
		cmocka_unit_test(test_cluster_scoped_ignores_namespace),
		cmocka_unit_test(test_edits_seen_after_ids_changed),
		cmocka_unit_test(test_removed_objects_are_gone),
		cmocka_unit_test(test_named_in_map_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
