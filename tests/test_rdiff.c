/* Unit tests: rdiff.c — rendered objects compared by identity, the unified
 * diff, and the human / markdown / JSON reports.  Expected hunks were
 * produced with GNU diff -u on the same texts; the generated names
 * (settings-hf678c7m2b -> settings-47668c6k28, creds-cf85kd65mm) are what
 * kubectl kustomize gives a configMapGenerator / secretGenerator. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>

#include "strata/parse.h"
#include "strata/rdiff.h"

/* ---------- fixtures ---------- */

typedef struct side {
	rdiff_obj v[16];
	size_t n;
} side;

static void add(arena *a, side *s, const char *yaml, const char *source)
{
	parse_docs d;
	err e = ERR_INIT;
	assert_int_equal(parse_yaml(a, source, yaml, strlen(yaml), &d, &e), 0);
	for (size_t i = 0; i < d.n; i++)
		s->v[s->n++] = (rdiff_obj){d.v[i], source};
}

static void compare(arena *a, const side *x, const side *y, rdiff_set *out)
{
	err e = ERR_INIT;
	int rc = rdiff_compare(a, x->v, x->n, y->v, y->n, out, &e);
	if (rc)
		fail_msg("rdiff_compare: %s", e.msg);
}

static const char DEPLOY[] =
	"apiVersion: apps/v1\n"
	"kind: Deployment\n"
	"metadata:\n  name: web\n  namespace: shop\n"
	"spec:\n  replicas: 1\n  template:\n    spec:\n      containers:\n"
	"      - image: nginx:1.25.0\n        name: web\n";

static const char SERVICE[] =
	"apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\n"
	"spec:\n  ports:\n  - port: 80\n";

static const char NAMESPACE[] = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n";

static char *replace(const char *s, const char *old, const char *new)
{
	const char *at = strstr(s, old);
	assert_non_null(at);
	char *out;
	if (asprintf(&out, "%.*s%s%s", (int)(at - s), s, new, at + strlen(old)) < 0)
		abort();
	return out;
}

/* ---------- matching ---------- */

static void test_same_objects_no_change(void **state)
{
	(void)state;
	arena *a = arena_new();
	side x = {0}, y = {0};
	add(a, &x, DEPLOY, "a.yaml");
	add(a, &y, DEPLOY, "b.yaml");
	rdiff_set s;
	compare(a, &x, &y, &s);
	assert_int_equal(s.n, 0);
	arena_free(a);
}

static void test_reorder_and_move_no_change(void **state)
{
	(void)state;
	arena *a = arena_new();
	side x = {0}, y = {0};
	add(a, &x, DEPLOY, "deploy.yaml");
	add(a, &x, SERVICE, "service.yaml");
	add(a, &x, NAMESPACE, "ns.yaml");
	add(a, &y, NAMESPACE, "all.yaml");
	add(a, &y, SERVICE, "all.yaml");
	add(a, &y, DEPLOY, "all.yaml");
	rdiff_set s;
	compare(a, &x, &y, &s);
	assert_int_equal(s.n, 0);
	arena_free(a);
}

static void test_key_order_no_change(void **state)
{
	(void)state;
	arena *a = arena_new();
	side x = {0}, y = {0};
	add(a, &x, SERVICE, "a.yaml");
	add(a, &y,
	    "kind: Service\nspec:\n  ports:\n  - port: 80\nmetadata:\n  namespace: shop\n"
	    "  name: web\napiVersion: v1\n",
	    "b.yaml");
	rdiff_set s;
	compare(a, &x, &y, &s);
	assert_int_equal(s.n, 0);
	arena_free(a);
}

static void test_changed_object_diff(void **state)
{
	(void)state;
	arena *a = arena_new();
	side x = {0}, y = {0};
	char *bumped = replace(DEPLOY, "1.25.0", "1.26.1");
	add(a, &x, DEPLOY, "a.yaml");
	add(a, &y, bumped, "b.yaml");
	rdiff_set s;
	compare(a, &x, &y, &s);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.changed, 1);
	assert_int_equal(s.v[0].change, RDIFF_CHANGED);
	assert_string_equal(s.v[0].to.id, "apps/Deployment/shop/web");
	assert_string_equal(s.v[0].text, "--- a/apps/Deployment/shop/web\n"
					 "+++ b/apps/Deployment/shop/web\n"
					 "@@ -8,5 +8,5 @@\n"
					 "   template:\n"
					 "     spec:\n"
					 "       containers:\n"
					 "-      - image: nginx:1.25.0\n"
					 "+      - image: nginx:1.26.1\n"
					 "         name: web\n");
	free(bumped);
	arena_free(a);
}

static void test_api_version_bump_is_one_change(void **state)
{
	(void)state;
	arena *a = arena_new();
	side x = {0}, y = {0};
	const char *hpa = "apiVersion: autoscaling/v2beta2\nkind: HorizontalPodAutoscaler\n"
			  "metadata:\n  name: web\n  namespace: shop\n";
	add(a, &x, hpa, "a.yaml");
	char *v2 = replace(hpa, "v2beta2", "v2");
	add(a, &y, v2, "b.yaml");
	rdiff_set s;
	compare(a, &x, &y, &s);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.v[0].change, RDIFF_CHANGED);
	assert_string_equal(s.v[0].from.id, "autoscaling/HorizontalPodAutoscaler/shop/web");
	assert_string_equal(s.v[0].from.id, s.v[0].to.id);
	assert_string_equal(s.v[0].from.api_version, "autoscaling/v2beta2");
	assert_string_equal(s.v[0].to.api_version, "autoscaling/v2");
	assert_non_null(strstr(s.v[0].text, "-apiVersion: autoscaling/v2beta2\n"
					    "+apiVersion: autoscaling/v2\n"));
	free(v2);
	arena_free(a);
}

static void test_group_change_is_add_and_remove(void **state)
{
	(void)state;
	arena *a = arena_new();
	side x = {0}, y = {0};
	add(a, &x, "apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: web\n", "a");
	add(a, &y, "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n",
	    "b");
	rdiff_set s;
	compare(a, &x, &y, &s);
	assert_int_equal(s.added, 1);
	assert_int_equal(s.removed, 1);
	arena_free(a);
}

static void test_namespace_is_identity(void **state)
{
	(void)state;
	arena *a = arena_new();
	side x = {0}, y = {0};
	add(a, &x, SERVICE, "a.yaml");
	char *moved = replace(SERVICE, "namespace: shop", "namespace: web");
	add(a, &y, moved, "b.yaml");
	rdiff_set s;
	compare(a, &x, &y, &s);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.v[0].change, RDIFF_REMOVED);
	assert_string_equal(s.v[0].from.id, "core/Service/shop/web");
	assert_null(s.v[0].text);
	assert_int_equal(s.v[1].change, RDIFF_ADDED);
	assert_string_equal(s.v[1].to.id, "core/Service/web/web");
	free(moved);
	arena_free(a);
}

static void test_added_object_text(void **state)
{
	(void)state;
	arena *a = arena_new();
	side x = {0}, y = {0};
	add(a, &y, NAMESPACE, "ns.yaml");
	rdiff_set s;
	compare(a, &x, &y, &s);
	assert_int_equal(s.added, 1);
	assert_string_equal(s.v[0].to.id, "core/Namespace/shop");
	assert_string_equal(s.v[0].text, "--- /dev/null\n+++ b/core/Namespace/shop\n"
					 "@@ -0,0 +1,4 @@\n"
					 "+apiVersion: v1\n+kind: Namespace\n+metadata:\n"
					 "+  name: shop\n");
	arena_free(a);
}

static void test_sorted_by_id(void **state)
{
	(void)state;
	arena *a = arena_new();
	side x = {0}, y = {0};
	add(a, &y, SERVICE, "a");
	add(a, &y, NAMESPACE, "a");
	add(a, &y, DEPLOY, "a");
	rdiff_set s;
	compare(a, &x, &y, &s);
	assert_int_equal(s.n, 3);
	assert_string_equal(s.v[0].to.id, "apps/Deployment/shop/web");
	assert_string_equal(s.v[1].to.id, "core/Namespace/shop");
	assert_string_equal(s.v[2].to.id, "core/Service/shop/web");
	arena_free(a);
}

/* ---------- generated names ---------- */

static const char CM_OLD[] = "apiVersion: v1\ndata:\n  LOG_LEVEL: info\nkind: ConfigMap\n"
			     "metadata:\n  name: settings-hf678c7m2b\n";
static const char CM_NEW[] = "apiVersion: v1\ndata:\n  LOG_LEVEL: debug\nkind: ConfigMap\n"
			     "metadata:\n  name: settings-47668c6k28\n";

static void test_hash_suffix_detection(void **state)
{
	(void)state;
	assert_true(rdiff_has_hash_suffix("settings-hf678c7m2b"));
	assert_true(rdiff_has_hash_suffix("creds-cf85kd65mm"));
	assert_false(rdiff_has_hash_suffix("settings"));
	assert_false(rdiff_has_hash_suffix("-hf678c7m2b"));     /* no base name */
	assert_false(rdiff_has_hash_suffix("settings-hf678c7m2"));  /* 9 characters */
	assert_false(rdiff_has_hash_suffix("settings-0f678c7m2b"));  /* 0 is never used */
	assert_false(rdiff_has_hash_suffix("settings-af678c7m2b"));  /* nor a */
	assert_false(rdiff_has_hash_suffix("my-application"));
}

static void test_hash_rename_is_one_change(void **state)
{
	(void)state;
	arena *a = arena_new();
	side x = {0}, y = {0};
	add(a, &x, CM_OLD, "a");
	add(a, &y, CM_NEW, "b");
	rdiff_set s;
	compare(a, &x, &y, &s);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.changed, 1);
	assert_string_equal(s.v[0].from.id, "core/ConfigMap/settings-hf678c7m2b");
	assert_string_equal(s.v[0].to.id, "core/ConfigMap/settings-47668c6k28");
	assert_string_equal(s.v[0].text, "--- a/core/ConfigMap/settings-hf678c7m2b\n"
					 "+++ b/core/ConfigMap/settings-47668c6k28\n"
					 "@@ -1,6 +1,6 @@\n"
					 " apiVersion: v1\n"
					 " data:\n"
					 "-  LOG_LEVEL: info\n"
					 "+  LOG_LEVEL: debug\n"
					 " kind: ConfigMap\n"
					 " metadata:\n"
					 "-  name: settings-hf678c7m2b\n"
					 "+  name: settings-47668c6k28\n");
	arena_free(a);
}

static void test_hash_rename_ambiguous(void **state)
{
	(void)state;
	arena *a = arena_new();
	side x = {0}, y = {0};
	add(a, &x, CM_OLD, "a");
	add(a, &y, CM_NEW, "b");
	char *other = replace(CM_NEW, "47668c6k28", "9c8d7f6g5h");
	add(a, &y, other, "b");
	rdiff_set s;
	compare(a, &x, &y, &s);
	assert_int_equal(s.changed, 0);
	assert_int_equal(s.added, 2);
	assert_int_equal(s.removed, 1);
	free(other);
	arena_free(a);
}

static void test_hash_rename_only_configmaps_and_secrets(void **state)
{
	(void)state;
	arena *a = arena_new();
	side x = {0}, y = {0};
	add(a, &x, "apiVersion: v1\nkind: Service\nmetadata:\n  name: settings-hf678c7m2b\n", "a");
	add(a, &y, "apiVersion: v1\nkind: Service\nmetadata:\n  name: settings-47668c6k28\n", "b");
	rdiff_set s;
	compare(a, &x, &y, &s);
	assert_int_equal(s.added, 1);
	assert_int_equal(s.removed, 1);
	arena_free(a);
}

/* ---------- secrets ---------- */

static const char SECRET_OLD[] = "apiVersion: v1\ndata:\n  password: aHVudGVyMg==\n"
				 "  user: YWRtaW4=\nkind: Secret\nmetadata:\n"
				 "  name: creds-cf85kd65mm\nstringData:\n  token: abc\n"
				 "type: Opaque\n";

static void test_secret_values_masked(void **state)
{
	(void)state;
	arena *a = arena_new();
	side x = {0}, y = {0};
	add(a, &x, SECRET_OLD, "a");
	char *changed = replace(SECRET_OLD, "aHVudGVyMg==", "c3dvcmRmaXNo");
	add(a, &y, changed, "b");
	rdiff_set s;
	compare(a, &x, &y, &s);
	assert_int_equal(s.changed, 1);
	assert_string_equal(s.v[0].text, "--- a/core/Secret/creds-cf85kd65mm\n"
					 "+++ b/core/Secret/creds-cf85kd65mm\n"
					 "@@ -1,6 +1,6 @@\n"
					 " apiVersion: v1\n"
					 " data:\n"
					 "-  password: '*** (before)'\n"
					 "+  password: '*** (after)'\n"
					 "   user: '***'\n"
					 " kind: Secret\n"
					 " metadata:\n");
	assert_null(strstr(s.v[0].text, "aHVudGVyMg"));
	assert_null(strstr(s.v[0].text, "c3dvcmRmaXNo"));
	free(changed);
	arena_free(a);
}

static void test_secret_string_data_change_detected(void **state)
{
	(void)state;
	arena *a = arena_new();
	side x = {0}, y = {0};
	add(a, &x, SECRET_OLD, "a");
	char *changed = replace(SECRET_OLD, "token: abc", "token: abd");
	add(a, &y, changed, "b");
	rdiff_set s;
	compare(a, &x, &y, &s);
	assert_int_equal(s.changed, 1);
	assert_non_null(strstr(s.v[0].text, "-  token: '*** (before)'\n"
					    "+  token: '*** (after)'\n"));
	assert_null(strstr(s.v[0].text, "abc"));
	free(changed);
	arena_free(a);
}

static void test_added_secret_masked(void **state)
{
	(void)state;
	arena *a = arena_new();
	side x = {0}, y = {0};
	add(a, &y, SECRET_OLD, "b");
	rdiff_set s;
	compare(a, &x, &y, &s);
	assert_int_equal(s.added, 1);
	assert_non_null(strstr(s.v[0].text, "+  password: '***'\n+  user: '***'\n"));
	assert_non_null(strstr(s.v[0].text, "+  token: '***'\n"));
	assert_null(strstr(s.v[0].text, "YWRtaW4"));
	arena_free(a);
}

/* ---------- errors ---------- */

static void test_duplicate_identity(void **state)
{
	(void)state;
	arena *a = arena_new();
	side x = {0}, y = {0};
	add(a, &y, SERVICE, "Kustomization flux-system/apps (base/service.yaml)");
	add(a, &y, SERVICE, "Kustomization flux-system/extra (extra/service.yaml)");
	rdiff_set s;
	err e = ERR_INIT;
	assert_int_equal(rdiff_compare(a, x.v, x.n, y.v, y.n, &s, &e), -1);
	assert_string_equal(e.msg, "two objects core/Service/shop/web in the new render: from "
				   "Kustomization flux-system/apps (base/service.yaml) and from "
				   "Kustomization flux-system/extra (extra/service.yaml); Flux "
				   "would apply only one of them, so remove or rename one");
	err_clear(&e);
	arena_free(a);
}

/* ---------- unified diff ---------- */

static const char NUMS[] = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n17\n18\n"
			   "19\n20\n";

static void unified(const char *x, const char *y, const char *want)
{
	buf b = BUF_INIT;
	rdiff_unified(&b, x, strlen(x), y, strlen(y), "a", "b", 3);
	assert_string_equal(b.p ? b.p : "", want);
	buf_free(&b);
}

static void test_unified_close_changes_share_a_hunk(void **state)
{
	(void)state;
	char *y1 = replace(NUMS, "\n3\n", "\nx\n");
	char *y2 = replace(y1, "\n10\n", "\ny\n");
	char *y3 = replace(y2, "\n17\n", "\nz\n");
	unified(NUMS, y3,
		"--- a\n+++ b\n@@ -1,20 +1,20 @@\n 1\n 2\n-3\n+x\n 4\n 5\n 6\n 7\n 8\n 9\n"
		"-10\n+y\n 11\n 12\n 13\n 14\n 15\n 16\n-17\n+z\n 18\n 19\n 20\n");
	free(y1);
	free(y2);
	free(y3);
}

static void test_unified_far_changes_two_hunks(void **state)
{
	(void)state;
	char *y1 = replace(NUMS, "\n2\n", "\nx\n");
	char *y2 = replace(y1, "\n10\n", "\ny\n");
	unified(NUMS, y2,
		"--- a\n+++ b\n@@ -1,5 +1,5 @@\n 1\n-2\n+x\n 3\n 4\n 5\n"
		"@@ -7,7 +7,7 @@\n 7\n 8\n 9\n-10\n+y\n 11\n 12\n 13\n");
	free(y1);
	free(y2);
}

static void test_unified_no_newline_at_end(void **state)
{
	(void)state;
	unified("a\nb", "a\nc",
		"--- a\n+++ b\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n"
		"+c\n\\ No newline at end of file\n");
}

static void test_unified_empty_sides(void **state)
{
	(void)state;
	unified("a\nb\n", "", "--- a\n+++ b\n@@ -1,2 +0,0 @@\n-a\n-b\n");
	unified("", "a\nb\n", "--- a\n+++ b\n@@ -0,0 +1,2 @@\n+a\n+b\n");
	unified("same\n", "same\n", "");
}

/* ---------- reports ---------- */

static void two_units(arena *a, rdiff_unit u[2])
{
	side x = {0}, y = {0};
	add(a, &x, DEPLOY, "a");
	add(a, &x, SERVICE, "a");
	char *bumped = replace(DEPLOY, "1.25.0", "1.26.1");
	add(a, &y, bumped, "b");
	add(a, &y, NAMESPACE, "b");
	free(bumped);
	memset(u, 0, 2 * sizeof *u);
	u[0].name = "profiles/prod";
	compare(a, &x, &y, &u[0].set);
	u[1].name = "profiles/dev";
	u[1].error = "at HEAD: boom";
}

static void test_json_shape(void **state)
{
	(void)state;
	arena *a = arena_new();
	rdiff_unit u[2];
	two_units(a, u);
	rdiff_report r = {u, 2, "HEAD", "the work tree", false, 0};
	buf b = BUF_INIT;
	err e = ERR_INIT;
	assert_int_equal(rdiff_emit_json(&r, &b, &e), 0);
	json_error_t je;
	json_t *j = json_loads(b.p, 0, &je);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "from")), "HEAD");
	json_t *p = json_array_get(json_object_get(j, "profiles"), 0);
	assert_string_equal(json_string_value(json_object_get(p, "profile")), "profiles/prod");
	json_t *ap = json_object_get(p, "applied"), *del = json_object_get(p, "deleted");
	assert_int_equal(json_array_size(ap), 2);  /* the changed and the added object */
	assert_int_equal(json_array_size(del), 1);
	json_t *d0 = json_array_get(del, 0);
	assert_string_equal(json_string_value(json_object_get(d0, "id")), "core/Service/shop/web");
	assert_string_equal(json_string_value(json_object_get(d0, "apiVersion")), "v1");
	assert_string_equal(json_string_value(json_object_get(d0, "kind")), "Service");
	assert_string_equal(json_string_value(json_object_get(d0, "namespace")), "shop");
	assert_string_equal(json_string_value(json_object_get(d0, "name")), "web");
	json_t *ch = json_array_get(json_object_get(p, "changed"), 0);
	assert_string_equal(json_string_value(json_object_get(ch, "id")),
			    "apps/Deployment/shop/web");
	assert_non_null(strstr(json_string_value(json_object_get(ch, "diff")),
			       "+      - image: nginx:1.26.1\n"));
	json_t *bad = json_array_get(json_object_get(j, "profiles"), 1);
	assert_string_equal(json_string_value(json_object_get(bad, "error")), "at HEAD: boom");
	assert_int_equal(json_array_size(json_object_get(bad, "deleted")), 0);
	json_decref(j);
	buf_free(&b);
	arena_free(a);
}

static void test_markdown_full(void **state)
{
	(void)state;
	arena *a = arena_new();
	rdiff_unit u[2];
	two_units(a, u);
	rdiff_report r = {u, 2, "HEAD", "the work tree", false, 0};
	buf b = BUF_INIT;
	rdiff_emit_markdown(&r, &b);
	assert_non_null(strstr(b.p, "| `profiles/prod` | 1 | 1 | 1 |\n"
				    "| `profiles/dev` | **failed** | | |\n"));
	assert_non_null(strstr(b.p, "<details><summary><code>profiles/prod</code>: 1 changed, 1 "
				    "added, 1 removed</summary>\n"));
	assert_non_null(strstr(b.p, "- changed `apps/Deployment/shop/web`\n\n```diff\n--- a/"));
	assert_non_null(strstr(b.p, "- removed `core/Service/shop/web`\n"));
	assert_non_null(strstr(b.p, "```\nat HEAD: boom\n```\n"));
	assert_null(strstr(b.p, "not shown"));
	buf_free(&b);
	arena_free(a);
}

static void test_markdown_truncated(void **state)
{
	(void)state;
	arena *a = arena_new();
	rdiff_unit u[2];
	two_units(a, u);
	rdiff_report r = {u, 2, "HEAD", "the work tree", false, 0};
	buf full = BUF_INIT, cut = BUF_INIT;
	rdiff_emit_markdown(&r, &full);
	r.max_bytes = full.len - 50;
	rdiff_emit_markdown(&r, &cut);
	assert_true(cut.len <= r.max_bytes);
	/* The biggest diff goes first: the Deployment's. */
	assert_non_null(strstr(cut.p, "- changed `apps/Deployment/shop/web` (not shown)\n"));
	assert_non_null(strstr(cut.p, "```diff\n--- /dev/null\n+++ b/core/Namespace/shop\n"));
	assert_non_null(strstr(cut.p, "1 diff marked *not shown* was cut to keep this report "
				      "within"));
	buf_free(&cut);
	r.max_bytes = RDIFF_MIN_MAX_BYTES;
	rdiff_emit_markdown(&r, &cut);
	assert_true(cut.len <= RDIFF_MIN_MAX_BYTES);
	assert_non_null(strstr(cut.p, "(the rest is cut to stay within 256 bytes)\n"));
	buf_free(&cut);
	buf_free(&full);
	arena_free(a);
}

static void test_markdown_fence_longer_than_content(void **state)
{
	(void)state;
	arena *a = arena_new();
	side x = {0}, y = {0};
	add(a, &y, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: doc\ndata:\n"
		   "  README: \"```sh\\nmake\\n```\"\n", "b");
	rdiff_unit u = {.name = "p"};
	compare(a, &x, &y, &u.set);
	rdiff_report r = {&u, 1, "HEAD", "the work tree", false, 0};
	buf b = BUF_INIT;
	rdiff_emit_markdown(&r, &b);
	assert_non_null(strstr(b.p, "\n````diff\n"));
	buf_free(&b);
	arena_free(a);
}

static void test_human_and_names(void **state)
{
	(void)state;
	arena *a = arena_new();
	rdiff_unit u[2];
	two_units(a, u);
	rdiff_report r = {u, 2, "HEAD", "the work tree", false, 0};
	buf b = BUF_INIT;
	rdiff_emit_human(&r, &b);
	assert_non_null(strstr(b.p, "profiles/prod: 1 changed, 1 added, 1 removed\n"
				    "changed apps/Deployment/shop/web\n--- a/"));
	assert_non_null(strstr(b.p, "removed core/Service/shop/web\n"));
	assert_non_null(strstr(b.p, "total (1 path, HEAD -> the work tree): 1 changed, 1 added, "
				    "1 removed; 1 failed\n"));
	assert_null(strstr(b.p, "\033["));
	buf_reset(&b);
	r.color = true;
	rdiff_emit_human(&r, &b);
	assert_non_null(strstr(b.p, "\033[31m-      - image: nginx:1.25.0\033[m\n"));
	buf_reset(&b);
	rdiff_emit_names(&r, &b);
	assert_string_equal(b.p, "profiles/prod apps/Deployment/shop/web\n"
				 "profiles/prod core/Namespace/shop\n"
				 "profiles/prod core/Service/shop/web\n");
	buf_reset(&b);
	rdiff_emit_failures(&r, "strata diff", &b);
	assert_string_equal(b.p, "strata diff: profiles/dev: at HEAD: boom\n");
	buf_free(&b);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_objects_no_change),
		cmocka_unit_test(test_reorder_and_move_no_change),
		cmocka_unit_test(test_key_order_no_change),
		cmocka_unit_test(test_changed_object_diff),
		cmocka_unit_test(test_api_version_bump_is_one_change),
		cmocka_unit_test(test_group_change_is_add_and_remove),
		cmocka_unit_test(test_namespace_is_identity),
		cmocka_unit_test(test_added_object_text),
		cmocka_unit_test(test_sorted_by_id),
		cmocka_unit_test(test_hash_suffix_detection),
		cmocka_unit_test(test_hash_rename_is_one_change),
		cmocka_unit_test(test_hash_rename_ambiguous),
		cmocka_unit_test(test_hash_rename_only_configmaps_and_secrets),
		cmocka_unit_test(test_secret_values_masked),
		cmocka_unit_test(test_secret_string_data_change_detected),
		cmocka_unit_test(test_added_secret_masked),
		cmocka_unit_test(test_duplicate_identity),
		cmocka_unit_test(test_unified_close_changes_share_a_hunk),
		cmocka_unit_test(test_unified_far_changes_two_hunks),
		cmocka_unit_test(test_unified_no_newline_at_end),
		cmocka_unit_test(test_unified_empty_sides),
		cmocka_unit_test(test_json_shape),
		cmocka_unit_test(test_markdown_full),
		cmocka_unit_test(test_markdown_truncated),
		cmocka_unit_test(test_markdown_fence_longer_than_content),
		cmocka_unit_test(test_human_and_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
