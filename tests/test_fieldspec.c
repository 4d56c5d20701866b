/* Unit tests: fieldspec.c (built-in tables, path walking, configurations).
 * Expected trees and error texts come from kubectl kustomize (v5.5.0) runs
 * on small kustomizations; the case is named in each test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "strata/emit.h"
#include "strata/fieldspec.h"
#include "strata/parse.h"

static node *parse1(arena *a, const char *text)
{
	parse_docs d;
	err e = ERR_INIT;
	assert_int_equal(parse_yaml(a, "r.yaml", text, strlen(text), &d, &e), 0);
	assert_true(d.n >= 1);
	return d.v[0];
}

static char *emit1(const node *n)
{
	buf b = BUF_INIT;
	err e = ERR_INIT;
	assert_int_equal(emit_doc(&b, n, &e), 0);
	return buf_detach(&b, NULL);
}

static void assert_emits(const node *n, const char *want)
{
	char *got = emit1(n);
	assert_string_equal(got, want);
	free(got);
}

/* Sets label app=x the way kustomize's label setter does: into maps;
 * a null it meets stays null. */
static int set_app_label(arena *a, node *parent, node **slot, void *ctx, err *e)
{
	(void)parent, (void)e;
	if (ctx)
		(*(int *)ctx)++;
	if (*slot && (*slot)->kind == NODE_MAP)
		node_set_str(a, *slot, "app", "x");
	return 0;
}

static int set_three(arena *a, node *parent, node **slot, void *ctx, err *e)
{
	(void)parent, (void)ctx, (void)e;
	*slot = node_scalar(a, NODE_INT, "3", 1);
	return 0;
}

static int apply(arena *a, node *obj, const fieldspec_list *l, fieldspec_create mode,
		 fieldspec_fn fn, err *e)
{
	return fieldspec_apply_list(a, obj, l, mode, fn, NULL, e);
}

/* ---- paths and matching ---- */

static void check_split(const char *path, size_t n, const char *const *want)
{
	arena *a = arena_new();
	char **v;
	assert_int_equal(fieldspec_path_split(a, path, &v), n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(v[i], want[i]);
	arena_free(a);
}

static void test_path_split_plain(void **state)
{
	(void)state;
	check_split("a/b/c", 3, (const char *[]){"a", "b", "c"});
	check_split("s", 1, (const char *[]){"s"});
	check_split("", 1, (const char *[]){""});
	check_split("a/b[]/c", 3, (const char *[]){"a", "b[]", "c"});
	check_split("spec//x", 3, (const char *[]){"spec", "", "x"});
}

static void test_path_split_escapes(void **state)
{
	(void)state;
	check_split("a/b\\/c/d\\/e/f", 4, (const char *[]){"a", "b/c", "d/e", "f"});
	check_split("metadata/annotations/nginx.ingress.kubernetes.io\\/auth-secret", 3,
		    (const char *[]){"metadata", "annotations",
				     "nginx.ingress.kubernetes.io/auth-secret"});
	/* Only one backslash is consumed; a backslash elsewhere stays. */
	check_split("a\\\\/b", 1, (const char *[]){"a\\/b"});
	check_split("a\\b/c", 2, (const char *[]){"a\\b", "c"});
	check_split("a\\/", 1, (const char *[]){"a/"});
}

static void test_matches_gvk(void **state)
{
	(void)state;
	fieldspec any = {"", "", "", "p", false, NULL};
	fieldspec dep = {"", "", "Deployment", "p", false, NULL};
	fieldspec apps = {"apps", "", "Deployment", "p", false, NULL};
	fieldspec v1 = {"", "v1", "Service", "p", false, NULL};
	assert_true(fieldspec_matches(&any, "anything/v9", "Whatever"));
	assert_true(fieldspec_matches(&any, NULL, NULL));
	assert_true(fieldspec_matches(&dep, "extensions/v1beta1", "Deployment"));
	assert_false(fieldspec_matches(&dep, "apps/v1", "StatefulSet"));
	assert_true(fieldspec_matches(&apps, "apps/v1", "Deployment"));
	assert_false(fieldspec_matches(&apps, "extensions/v1beta1", "Deployment"));
	/* "v1" is a version of the core group; a group selector never sees it. */
	assert_true(fieldspec_matches(&v1, "v1", "Service"));
	assert_false(fieldspec_matches(&v1, "serving.knative.dev/v1beta1", "Service"));
	fieldspec g_v1 = {"v1", "", "Bar", "p", false, NULL};
	assert_false(fieldspec_matches(&g_v1, "v1", "Bar"));
	/* Only the first slash splits. */
	fieldspec deep = {"a", "b/c", "", "p", false, NULL};
	assert_true(fieldspec_matches(&deep, "a/b/c", "K"));
	fieldspec builtin = {"builtin", "", "", "p", false, NULL};
	assert_true(fieldspec_matches(&builtin, "builtin", "PrefixSuffixTransformer"));
}

static void test_matches_ingressclass_quirk(void **state)
{
	(void)state;
	/* kubectl: a prefixed IngressClass is renamed but Ingress
	 * spec.ingressClassName is not, because the built-in entry's group
	 * is "networking.k8s.io/v1". */
	const fieldspec_nameref_list *l = fieldspec_builtin_namerefs();
	const fieldspec_nameref *ic = NULL;
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].kind, "IngressClass"))
			ic = &l->v[i];
	assert_non_null(ic);
	assert_string_equal(ic->group, "networking.k8s.io/v1");
	fieldspec as_selector = {ic->group, ic->version, ic->kind, "", false, NULL};
	assert_false(fieldspec_matches(&as_selector, "networking.k8s.io/v1", "IngressClass"));
	assert_int_equal(ic->referrers.n, 1);
	assert_string_equal(ic->referrers.v[0].path, "spec/ingressClassName");
}

static void test_matches_obj_current_gvk(void **state)
{
	(void)state;
	arena *a = arena_new();
	node *o = parse1(a, "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\n");
	fieldspec job = {"batch", "", "Job", "p", false, NULL};
	assert_true(fieldspec_matches_obj(&job, o));
	node_set_str(a, o, "kind", "CronJob");
	assert_false(fieldspec_matches_obj(&job, o));
	arena_free(a);
}

/* ---- built-in tables ---- */

static void test_table_replicas_order(void **state)
{
	(void)state;
	/* kubectl: "does not match a config with the following GVK
	 * [Deployment... StatefulSet... ReplicaSet... ReplicationController...]" */
	const fieldspec_list *l = fieldspec_builtin("replicas");
	assert_non_null(l);
	assert_int_equal(l->n, 4);
	const char *want[] = {"Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"};
	for (int i = 0; i < 4; i++) {
		assert_string_equal(l->v[i].kind, want[i]);
		assert_string_equal(l->v[i].path, "spec/replicas");
		assert_true(l->v[i].create);
	}
}

/* The first spec of a kind in commonlabels, as kubectl reports the first
 * failing one when every path of that kind fails. */
static const fieldspec *first_for(const char *api_version, const char *kind)
{
	const fieldspec_list *l = fieldspec_builtin("commonlabels");
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].kind[0] && fieldspec_matches(&l->v[i], api_version, kind))
			return &l->v[i];
	return NULL;
}

static void test_table_commonlabels_go_sort_order(void **state)
{
	(void)state;
	/* kubectl on `spec: foo` (or `spec: 1`) objects with commonLabels:
	 * the error names the spec Go's sort put first for each kind. */
	assert_string_equal(first_for("extensions/v1beta1", "Deployment")->path,
			    "spec/template/metadata/labels");
	assert_string_equal(first_for("v1", "ReplicationController")->path,
			    "spec/template/metadata/labels");
	assert_string_equal(first_for("networking.k8s.io/v1", "NetworkPolicy")->path,
			    "spec/egress/to/podSelector/matchLabels");
	assert_string_equal(first_for("apps/v1", "Deployment")->path,
			    "spec/template/spec/affinity/podAffinity/"
			    "preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/"
			    "labelSelector/matchLabels");
	const fieldspec_list *l = fieldspec_builtin("commonlabels");
	assert_int_equal(l->n, 32);
	/* apps/StatefulSet: selector, then volumeClaimTemplates (kubectl fails
	 * there first when it is [x] and the template is a string). */
	size_t i = 0;
	while (strcmp(l->v[i].kind, "StatefulSet"))
		i++;
	assert_string_equal(l->v[i].path, "spec/selector/matchLabels");
	assert_string_equal(l->v[i + 1].path, "spec/volumeClaimTemplates[]/metadata/labels");
	assert_string_equal(l->v[l->n - 1].path, "metadata/labels");
}

static void test_table_contents(void **state)
{
	(void)state;
	assert_int_equal(fieldspec_builtin("nameprefix")->n, 1);
	assert_string_equal(fieldspec_builtin("namesuffix")->v[0].path, "metadata/name");
	assert_int_equal(fieldspec_builtin("labels")->n, 0);
	assert_int_equal(fieldspec_builtin("templatelabels")->n, 10);
	assert_int_equal(fieldspec_builtin("commonannotations")->n, 9);
	assert_int_equal(fieldspec_builtin("varreference")->n, 72);
	assert_int_equal(fieldspec_builtin("images")->n, 4);
	assert_null(fieldspec_builtin("nope"));
	const fieldspec_list *ns = fieldspec_builtin("namespace");
	assert_int_equal(ns->n, 3);
	assert_string_equal(ns->v[0].kind, "Namespace");
	assert_string_equal(ns->v[1].kind, "CustomResourceDefinition");
	assert_false(ns->v[1].create);
	assert_string_equal(ns->v[2].kind, "APIService");
	assert_true(ns->v[2].create);
	const fieldspec_nameref_list *nr = fieldspec_builtin_namerefs();
	assert_int_equal(nr->n, 16);
	/* Sorted by GVK: ServiceAccount (rank -18) before Role and ConfigMap. */
	assert_string_equal(nr->v[0].kind, "StorageClass");
	assert_string_equal(nr->v[1].kind, "ServiceAccount");
	for (int t = 0; t < FIELDSPEC_NTABLES; t++)
		assert_ptr_equal(fieldspec_builtin(fieldspec_table_name((fieldspec_table)t)),
				 fieldspec_builtin(fieldspec_table_name((fieldspec_table)t)));
}

/* ---- walking ---- */

static void test_walk_creates_selector_and_template(void **state)
{
	(void)state;
	/* kubectl, commonLabels {app: x} on a bare Deployment. */
	arena *a = arena_new();
	err e = ERR_INIT;
	node *o = parse1(a, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n");
	assert_int_equal(apply(a, o, fieldspec_builtin("commonlabels"), FIELDSPEC_CREATE_MAP,
			       set_app_label, &e), 0);
	assert_emits(o, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  labels:\n    app: x\n"
			"  name: d\nspec:\n  selector:\n    matchLabels:\n      app: x\n"
			"  template:\n    metadata:\n      labels:\n        app: x\n");
	arena_free(a);
}

static void test_walk_job_selector_not_created(void **state)
{
	(void)state;
	/* kubectl: a Job without a selector gets none (create: false). */
	arena *a = arena_new();
	err e = ERR_INIT;
	node *o = parse1(a, "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\n"
			    "spec:\n  template:\n    spec: {}\n");
	assert_int_equal(apply(a, o, fieldspec_builtin("commonlabels"), FIELDSPEC_CREATE_MAP,
			       set_app_label, &e), 0);
	assert_emits(o, "apiVersion: batch/v1\nkind: Job\nmetadata:\n  labels:\n    app: x\n"
			"  name: j\nspec:\n  template:\n    metadata:\n      labels:\n"
			"        app: x\n    spec: {}\n");
	arena_free(a);
}

static void test_walk_annotations_template_created(void **state)
{
	(void)state;
	/* kubectl, commonAnnotations {note: hello} on a bare Deployment. */
	arena *a = arena_new();
	err e = ERR_INIT;
	node *o = parse1(a, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n");
	assert_int_equal(apply(a, o, fieldspec_builtin("commonannotations"), FIELDSPEC_CREATE_MAP,
			       set_app_label, &e), 0);
	assert_emits(o, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  annotations:\n"
			"    app: x\n  name: d\nspec:\n  template:\n    metadata:\n"
			"      annotations:\n        app: x\n");
	arena_free(a);
}

static void test_walk_null_becomes_map_when_creating(void **state)
{
	(void)state;
	/* kubectl: `selector: null`, `template: ~` on a Deployment are filled. */
	arena *a = arena_new();
	err e = ERR_INIT;
	node *o = parse1(a, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d2\n"
			    "spec:\n  selector: null\n  template: ~\n");
	assert_int_equal(apply(a, o, fieldspec_builtin("commonlabels"), FIELDSPEC_CREATE_MAP,
			       set_app_label, &e), 0);
	assert_emits(o, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  labels:\n    app: x\n"
			"  name: d2\nspec:\n  selector:\n    matchLabels:\n      app: x\n"
			"  template:\n    metadata:\n      labels:\n        app: x\n");
	arena_free(a);
}

static void test_walk_null_without_create(void **state)
{
	(void)state;
	/* kubectl: Job `selector: null` and `matchLabels: null` stay as they
	 * are; only the final null reaches the setter. */
	arena *a = arena_new();
	err e = ERR_INIT;
	fieldspec fs = {"batch", "", "Job", "spec/selector/matchLabels", false, NULL};
	int calls = 0;
	node *o = parse1(a, "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j3}\n"
			    "spec:\n  selector: null\n");
	assert_int_equal(fieldspec_apply(a, o, &fs, FIELDSPEC_CREATE_MAP, set_app_label, &calls,
					 &e), 0);
	assert_int_equal(calls, 0);
	node *o2 = parse1(a, "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j2}\n"
			     "spec:\n  selector:\n    matchLabels: null\n");
	assert_int_equal(fieldspec_apply(a, o2, &fs, FIELDSPEC_CREATE_MAP, set_app_label, &calls,
					 &e), 0);
	assert_int_equal(calls, 1);
	assert_int_equal(node_dig(o2, "spec", "selector", "matchLabels", NULL)->kind, NODE_NULL);
	arena_free(a);
}

static void test_walk_list_elements(void **state)
{
	(void)state;
	/* kubectl: commonLabels reach every volumeClaimTemplates element. */
	arena *a = arena_new();
	err e = ERR_INIT;
	node *o = parse1(a, "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: s\n"
			    "spec:\n  volumeClaimTemplates:\n  - metadata:\n      name: a\n"
			    "  - spec: {}\n");
	assert_int_equal(apply(a, o, fieldspec_builtin("commonlabels"), FIELDSPEC_CREATE_MAP,
			       set_app_label, &e), 0);
	assert_emits(o, "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  labels:\n"
			"    app: x\n  name: s\nspec:\n  selector:\n    matchLabels:\n"
			"      app: x\n  template:\n    metadata:\n      labels:\n        app: x\n"
			"  volumeClaimTemplates:\n  - metadata:\n      labels:\n        app: x\n"
			"      name: a\n  - metadata:\n      labels:\n        app: x\n"
			"    spec: {}\n");
	arena_free(a);
}

static void test_walk_list_step_never_created(void **state)
{
	(void)state;
	/* transformersarrays__TestTransformersNoCreateArrays: no
	 * volumeClaimTemplates appear on a StatefulSet without them. */
	arena *a = arena_new();
	err e = ERR_INIT;
	node *o = parse1(a, "kind: StatefulSet\napiVersion: apps/v1\nmetadata:\n  name: test\n"
			    "spec:\n  selector:\n    matchLabels:\n      app: test\n");
	assert_int_equal(apply(a, o, fieldspec_builtin("commonlabels"), FIELDSPEC_CREATE_MAP,
			       set_app_label, &e), 0);
	assert_null(node_dig(o, "spec", "volumeClaimTemplates", NULL));
	arena_free(a);
}

static int set_image(arena *a, node *parent, node **slot, void *ctx, err *e)
{
	(void)parent, (void)ctx, (void)e;
	if (*slot && (*slot)->kind == NODE_STR)
		*slot = node_str(a, "nginx:2");
	return 0;
}

static void test_walk_path_through_list(void **state)
{
	(void)state;
	/* kubectl, images [{name: nginx, newTag: "2"}]: containers' images
	 * change, an initContainer without image gets none, and a null
	 * `containers` becomes [] (the "[]" step's hint). */
	arena *a = arena_new();
	err e = ERR_INIT;
	node *o = parse1(a, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n"
			    "  containers: null\n  initContainers:\n  - name: a\n");
	assert_int_equal(apply(a, o, fieldspec_builtin("images"), FIELDSPEC_CREATE_NONE,
			       set_image, &e), 0);
	assert_emits(o, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n"
			"  containers: []\n  initContainers:\n  - name: a\n");
	node *d = parse1(a, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n"
			    "spec:\n  template:\n    spec:\n      containers:\n      - name: c\n"
			    "        image: nginx\n      initContainers: []\n");
	assert_int_equal(apply(a, d, fieldspec_builtin("images"), FIELDSPEC_CREATE_NONE,
			       set_image, &e), 0);
	assert_emits(d, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n"
			"  template:\n    spec:\n      containers:\n      - image: nginx:2\n"
			"        name: c\n      initContainers: []\n");
	arena_free(a);
}

static void test_walk_scalar_create(void **state)
{
	(void)state;
	/* kubectl, replicas [{name: d, count: 3}] on a Deployment without spec. */
	arena *a = arena_new();
	err e = ERR_INIT;
	node *o = parse1(a, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n");
	assert_int_equal(apply(a, o, fieldspec_builtin("replicas"), FIELDSPEC_CREATE_SCALAR,
			       set_three, &e), 0);
	assert_emits(o, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n"
			"  replicas: 3\n");
	arena_free(a);
}

static int leave_empty(arena *a, node *parent, node **slot, void *ctx, err *e)
{
	(void)a, (void)parent, (void)slot, (void)ctx, (void)e;
	return 0;
}

static void test_walk_scalar_slot_left_empty(void **state)
{
	(void)state;
	/* API contract: a slot fn leaves NULL is dropped; the maps created on
	 * the way stay. */
	arena *a = arena_new();
	err e = ERR_INIT;
	node *o = parse1(a, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n");
	assert_int_equal(apply(a, o, fieldspec_builtin("replicas"), FIELDSPEC_CREATE_SCALAR,
			       leave_empty, &e), 0);
	node *spec = node_get(o, "spec");
	assert_non_null(spec);
	assert_int_equal(spec->map.n, 0);
	arena_free(a);
}

static int set_ns(arena *a, node *parent, node **slot, void *ctx, err *e)
{
	(void)parent, (void)ctx, (void)e;
	*slot = node_str(a, "ns1");
	return 0;
}

static void test_walk_namespace_table(void **state)
{
	(void)state;
	/* kubectl, namespace: ns1: APIService gets spec.service.namespace
	 * created, a CRD's webhook service namespace is only overwritten, a
	 * CRD without one is left alone, a custom kind matches nothing here. */
	arena *a = arena_new();
	err e = ERR_INIT;
	const fieldspec_list *l = fieldspec_builtin("namespace");
	node *api = parse1(a, "apiVersion: apiregistration.k8s.io/v1\nkind: APIService\n"
			      "metadata:\n  name: v1.x.example.com\nspec:\n  group: x.example.com\n");
	assert_int_equal(apply(a, api, l, FIELDSPEC_CREATE_SCALAR, set_ns, &e), 0);
	assert_emits(api, "apiVersion: apiregistration.k8s.io/v1\nkind: APIService\nmetadata:\n"
			  "  name: v1.x.example.com\nspec:\n  group: x.example.com\n  service:\n"
			  "    namespace: ns1\n");
	node *crd = parse1(a, "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
			      "metadata:\n  name: mykinds.example.com\nspec:\n  conversion:\n"
			      "    webhook:\n      clientConfig:\n        service:\n"
			      "          name: svc\n          namespace: old\n");
	assert_int_equal(apply(a, crd, l, FIELDSPEC_CREATE_SCALAR, set_ns, &e), 0);
	assert_string_equal(node_get_str(node_dig(crd, "spec", "conversion", "webhook",
						  "clientConfig", "service", NULL), "namespace"),
			    "ns1");
	node *crd2 = parse1(a, "apiVersion: apiextensions.k8s.io/v1\n"
			       "kind: CustomResourceDefinition\nmetadata:\n  name: o.example.com\n"
			       "spec:\n  group: example.com\n");
	assert_int_equal(apply(a, crd2, l, FIELDSPEC_CREATE_SCALAR, set_ns, &e), 0);
	assert_emits(crd2, "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
			   "metadata:\n  name: o.example.com\nspec:\n  group: example.com\n");
	node *cr = parse1(a, "apiVersion: example.com/v1\nkind: MyKind\nmetadata:\n  name: m\n");
	assert_int_equal(apply(a, cr, l, FIELDSPEC_CREATE_SCALAR, set_ns, &e), 0);
	assert_emits(cr, "apiVersion: example.com/v1\nkind: MyKind\nmetadata:\n  name: m\n");
	arena_free(a);
}

static void test_walk_escaped_slash_key(void **state)
{
	(void)state;
	arena *a = arena_new();
	err e = ERR_INIT;
	fieldspec fs = {"", "", "Ingress",
			"metadata/annotations/nginx.ingress.kubernetes.io\\/auth-secret", false, NULL};
	node *o = parse1(a, "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n"
			    "  name: i\n  annotations:\n    nginx.ingress.kubernetes.io/auth-secret: s\n");
	assert_int_equal(fieldspec_apply(a, o, &fs, FIELDSPEC_CREATE_NONE, set_ns, NULL, &e), 0);
	assert_string_equal(node_get_str(node_dig(o, "metadata", "annotations", NULL),
					 "nginx.ingress.kubernetes.io/auth-secret"),
			    "ns1");
	arena_free(a);
}

/* Paths past the stack buffer fieldspec_apply cuts them in: more steps
 * than it holds, and a step longer than its text. */
static void test_walk_long_paths(void **state)
{
	(void)state;
	arena *a = arena_new();
	err e = ERR_INIT;
	buf path = BUF_INIT, want = BUF_INIT;
	for (int i = 0; i < 20; i++)
		buf_printf(&path, "%sk%d", i ? "/" : "", i);
	fieldspec deep = {"", "", "X", path.p, true, NULL};
	node *o = parse1(a, "apiVersion: v1\nkind: X\nmetadata: {name: x}\n");
	assert_int_equal(fieldspec_apply(a, o, &deep, FIELDSPEC_CREATE_SCALAR, set_ns, NULL, &e),
			 0);
	node *n = o;
	for (int i = 0; i < 20; i++)
		n = node_get(n, arena_sprintf(a, "k%d", i));
	assert_non_null(n);
	assert_string_equal(n->str.s, "ns1");
	for (int i = 0; i < 500; i++)
		buf_addc(&want, (char)('a' + i % 26));
	/* the step's key is its name trimmed, without the "[]" */
	node *o2 = parse1(a, arena_sprintf(a, "apiVersion: v1\nkind: X\nmetadata: {name: y}\n"
					      "spec:\n  %s: null\n", want.p));
	fieldspec fs = {"", "", "X", arena_sprintf(a, "spec/ %s []", want.p), false, NULL};
	assert_int_equal(fieldspec_apply(a, o2, &fs, FIELDSPEC_CREATE_NONE, set_ns, NULL, &e), 0);
	assert_string_equal(node_dig(o2, "spec", want.p, NULL)->str.s, "ns1");
	buf_free(&path);
	buf_free(&want);
	arena_free(a);
}

static void test_walk_blank_steps(void **state)
{
	(void)state;
	/* kubectl: steps are trimmed (" data / a " reaches data.a) and a
	 * blank step stays where it is ("data/ " labels the data map). */
	arena *a = arena_new();
	err e = ERR_INIT;
	const char *cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: {}\n";
	node *o = parse1(a, cm);
	fieldspec fs = {"", "", "", " data / a ", true, NULL};
	assert_int_equal(fieldspec_apply(a, o, &fs, FIELDSPEC_CREATE_MAP, set_app_label, NULL,
					 &e), 0);
	assert_emits(o, "apiVersion: v1\ndata:\n  a:\n    app: x\nkind: ConfigMap\nmetadata:\n"
			"  name: c\n");
	node *o2 = parse1(a, cm);
	fieldspec fs2 = {"", "", "", "data/ ", true, NULL};
	assert_int_equal(fieldspec_apply(a, o2, &fs2, FIELDSPEC_CREATE_MAP, set_app_label, NULL,
					 &e), 0);
	assert_emits(o2, "apiVersion: v1\ndata:\n  a: {}\n  app: x\nkind: ConfigMap\nmetadata:\n"
			 "  name: c\n");
	arena_free(a);
}

static void assert_err_contains(const err *e, const char *want)
{
	assert_non_null(e->msg);
	if (!strstr(e->msg, want))
		fail_msg("error\n  %s\nlacks\n  %s", e->msg, want);
}

static void test_walk_scalar_where_map_expected(void **state)
{
	(void)state;
	arena *a = arena_new();
	err e = ERR_INIT;
	node *o = parse1(a, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n"
			    "spec:\n  template: foo\n");
	assert_int_equal(apply(a, o, fieldspec_builtin("commonlabels"), FIELDSPEC_CREATE_MAP,
			       set_app_label, &e), -1);
	assert_err_contains(&e, "considering field 'spec/template/spec/affinity/podAffinity/"
				"preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/"
				"labelSelector/matchLabels' of object Deployment.v1.apps/d.[noNs]: "
				"expected sequence or mapping node");
	assert_true(strncmp(e.msg, "r.yaml:6:13: ", 13) == 0);
	err_clear(&e);
	arena_free(a);
}

static void test_walk_scalar_in_list(void **state)
{
	(void)state;
	arena *a = arena_new();
	err e = ERR_INIT;
	node *o = parse1(a, "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: s\n"
			    "spec:\n  volumeClaimTemplates:\n  - metadata: {}\n  - foo\n");
	assert_int_equal(apply(a, o, fieldspec_builtin("commonlabels"), FIELDSPEC_CREATE_MAP,
			       set_app_label, &e), -1);
	assert_err_contains(&e, "considering field 'spec/volumeClaimTemplates[]/metadata/labels' "
				"of object StatefulSet.v1.apps/s.[noNs]: visit traversal on path: "
				"[metadata labels]: expected sequence or mapping node");
	err_clear(&e);
	arena_free(a);
}

static void test_walk_empty_step(void **state)
{
	(void)state;
	arena *a = arena_new();
	err e = ERR_INIT;
	node *o = parse1(a, "apiVersion: example.com/v1\nkind: MyKind\nmetadata:\n  name: m\n"
			    "  namespace: ns\nspec: {}\n");
	fieldspec fs = {"", "", "MyKind", "spec//x", true, NULL};
	assert_int_equal(fieldspec_apply(a, o, &fs, FIELDSPEC_CREATE_MAP, set_app_label, NULL, &e),
			 -1);
	assert_err_contains(&e, "considering field 'spec//x' of object MyKind.v1.example.com/m.ns: "
				"cannot set or create an empty field name");
	err_clear(&e);
	fieldspec none = {"", "", "", "", false, NULL};
	assert_int_equal(fieldspec_apply(a, o, &none, FIELDSPEC_CREATE_MAP, set_app_label, NULL,
					 &e), -1);
	assert_err_contains(&e, "considering field '' of object MyKind.v1.example.com/m.ns: "
				"cannot set or create an empty field name");
	err_clear(&e);
	arena_free(a);
}

static void test_walk_list_selector_steps(void **state)
{
	(void)state;
	arena *a = arena_new();
	err e = ERR_INIT;
	node *o = parse1(a, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n"
			    "  a: {}\n");
	static const char *const cases[][2] = {
		{"data/-1/x", "considering field 'data/-1/x' of object ConfigMap.v1.[noGrp]/c.[noNs]: "
			      "fieldName: -1: array index -1 cannot be negative"},
		{"data/[xy]", "considering field 'data/[xy]' of object ConfigMap.v1.[noGrp]/c.[noNs]: "
			      "fieldName: [xy]: list path element must contain fieldName=fieldValue "
			      "for element to match"},
		{"data/-", "considering field 'data/-' of object ConfigMap.v1.[noGrp]/c.[noNs]: "
			   "fieldName: -: wrong node kind: expected SequenceNode but got MappingNode"},
		{"data/[x=y]/z", "fieldName: [x=y]: wrong node kind: expected SequenceNode but got "
				 "MappingNode"},
		{"12", "considering field '12' of object ConfigMap.v1.[noGrp]/c.[noNs]: fieldName: "
		       "12: wrong node kind: expected SequenceNode but got MappingNode"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		fieldspec fs = {"", "", "", cases[i][0], false, NULL};
		assert_int_equal(fieldspec_apply(a, o, &fs, FIELDSPEC_CREATE_MAP, set_app_label, NULL,
						 &e), -1);
		assert_err_contains(&e, cases[i][1]);
		err_clear(&e);
	}
	arena_free(a);
}

static int fail_cb(arena *a, node *parent, node **slot, void *ctx, err *e)
{
	(void)a, (void)parent, (void)slot, (void)ctx;
	return err_set(e, "found multiple possible referrals");
}

static void test_walk_callback_error_wrapped(void **state)
{
	(void)state;
	/* namedspacedserviceaccounts__TestNamedspacedServiceAccountsWithOverlap:
	 * "considering field 'subjects' of object ClusterRoleBinding.v1.
	 * rbac.authorization.k8s.io/crb-a.[noNs]: found multiple ..." */
	arena *a = arena_new();
	err e = ERR_INIT;
	node *o = parse1(a, "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\n"
			    "metadata:\n  name: crb-a\nsubjects:\n- kind: ServiceAccount\n"
			    "  name: sa\n");
	fieldspec fs = {"rbac.authorization.k8s.io", "", "ClusterRoleBinding", "subjects", false,
			NULL};
	assert_int_equal(fieldspec_apply(a, o, &fs, FIELDSPEC_CREATE_NONE, fail_cb, NULL, &e), -1);
	assert_string_equal(e.msg, "considering field 'subjects' of object ClusterRoleBinding.v1."
				   "rbac.authorization.k8s.io/crb-a.[noNs]: found multiple possible "
				   "referrals");
	err_clear(&e);
	/* Through a list, Go's %v of the remaining path is added. */
	node *w = parse1(a, "apiVersion: admissionregistration.k8s.io/v1\n"
			    "kind: ValidatingWebhookConfiguration\nmetadata:\n  name: w\n"
			    "webhooks:\n- clientConfig:\n    service: {name: s}\n");
	fieldspec ws = {"admissionregistration.k8s.io", "", "ValidatingWebhookConfiguration",
			"webhooks/clientConfig/service", false, NULL};
	assert_int_equal(fieldspec_apply(a, w, &ws, FIELDSPEC_CREATE_NONE, fail_cb, NULL, &e), -1);
	assert_string_equal(e.msg, "considering field 'webhooks/clientConfig/service' of object "
				   "ValidatingWebhookConfiguration.v1.admissionregistration.k8s.io/"
				   "w.[noNs]: visit traversal on path: [clientConfig service]: found "
				   "multiple possible referrals");
	err_clear(&e);
	arena_free(a);
}

static void test_walk_no_match_no_call(void **state)
{
	(void)state;
	arena *a = arena_new();
	err e = ERR_INIT;
	int calls = 0;
	node *o = parse1(a, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\nspec: 1\n");
	fieldspec fs = {"", "", "Deployment", "spec/x", true, NULL};
	assert_int_equal(fieldspec_apply(a, o, &fs, FIELDSPEC_CREATE_MAP, set_app_label, &calls,
					 &e), 0);
	assert_int_equal(calls, 0);
	arena_free(a);
}

/* ---- configurations ---- */

static int config_from(arena *a, const char *text, fieldspec_config *c, err *e)
{
	return fieldspec_config_make(a, NULL, 0, (const node *const[]){parse1(a, text)}, 1, c, e);
}

static void test_config_custom_crd_selector(void **state)
{
	(void)state;
	/* kubectl, commonLabels {app: x} with a configurations file adding
	 * spec/selector (create) and spec/list[]/sel for MyKind. */
	arena *a = arena_new();
	err e = ERR_INIT;
	fieldspec_config c;
	assert_int_equal(config_from(a, "commonLabels:\n- path: spec/selector\n  kind: MyKind\n"
					"  create: true\n- path: spec/list[]/sel\n  kind: MyKind\n"
					"  create: true\n", &c, &e), 0);
	assert_int_equal(c.t[FIELDSPEC_COMMONLABELS].n, 34);
	node *o = parse1(a, "apiVersion: example.com/v1\nkind: MyKind\nmetadata:\n  name: m\n"
			    "  namespace: foo\nspec:\n  list:\n  - a: 1\n  - sel: {z: 1}\n");
	assert_int_equal(apply(a, o, &c.t[FIELDSPEC_COMMONLABELS], FIELDSPEC_CREATE_MAP,
			       set_app_label, &e), 0);
	assert_emits(o, "apiVersion: example.com/v1\nkind: MyKind\nmetadata:\n  labels:\n"
			"    app: x\n  name: m\n  namespace: foo\nspec:\n  list:\n  - a: 1\n"
			"    sel:\n      app: x\n  - sel:\n      app: x\n      z: 1\n"
			"  selector:\n    app: x\n");
	/* The built-in tables are untouched. */
	assert_int_equal(fieldspec_builtin("commonlabels")->n, 32);
	arena_free(a);
}

static void test_config_conflicting_fieldspecs(void **state)
{
	(void)state;
	arena *a = arena_new();
	err e = ERR_INIT;
	fieldspec_config c;
	assert_int_equal(config_from(a, "commonLabels:\n- path: spec/template/metadata/labels\n"
					"  kind: Deployment\n  create: false\n", &c, &e), -1);
	assert_err_contains(&e, "failed to merge CommonLabels fieldSpec: conflicting fieldspecs");
	assert_true(strncmp(e.msg, "r.yaml:2:3: ", 12) == 0);
	err_clear(&e);
	arena_free(a);
}

static void test_config_duplicates_and_namerefs(void **state)
{
	(void)state;
	/* customconfig__TestCustomConfig: a copy of the defaults plus new
	 * nameReference kinds; duplicates are dropped, new GVKs appended. */
	arena *a = arena_new();
	err e = ERR_INIT;
	const node *files[] = {
		parse1(a, "commonLabels:\n- path: metadata/labels\n  create: true\n"
			  "nameReference:\n- kind: ConfigMap\n  version: v1\n  fieldSpecs:\n"
			  "  - path: spec/volumes/configMap/name\n    version: v1\n    kind: Pod\n"
			  "  - path: spec/cm\n    kind: AnimalPark\n"),
		parse1(a, "nameReference:\n- kind: Gorilla\n  fieldSpecs:\n  - kind: AnimalPark\n"
			  "    path: spec/gorillaRef/name\nvarReference:\n- path: spec/food\n"
			  "  kind: AnimalPark\n"),
	};
	fieldspec_config c;
	assert_int_equal(fieldspec_config_make(a, NULL, 0, files, 2, &c, &e), 0);
	assert_int_equal(c.t[FIELDSPEC_COMMONLABELS].n, 32);
	assert_int_equal(c.t[FIELDSPEC_VARREFERENCE].n, 73);
	assert_int_equal(c.namerefs.n, 17);
	const fieldspec_nameref *cm = NULL, *go = NULL;
	for (size_t i = 0; i < c.namerefs.n; i++) {
		if (!strcmp(c.namerefs.v[i].kind, "ConfigMap"))
			cm = &c.namerefs.v[i];
		if (!strcmp(c.namerefs.v[i].kind, "Gorilla"))
			go = &c.namerefs.v[i];
	}
	assert_non_null(cm);
	assert_non_null(go);
	const fieldspec_nameref *builtin_cm = NULL;
	for (size_t i = 0; i < fieldspec_builtin_namerefs()->n; i++)
		if (!strcmp(fieldspec_builtin_namerefs()->v[i].kind, "ConfigMap"))
			builtin_cm = &fieldspec_builtin_namerefs()->v[i];
	assert_int_equal(cm->referrers.n, builtin_cm->referrers.n + 1);
	assert_string_equal(cm->referrers.v[cm->referrers.n - 1].path, "spec/cm");
	assert_string_equal(go->referrers.v[0].path, "spec/gorillaRef/name");
	/* Rank 0 kinds sort by "group_version_kind": grouped ones first, then
	 * ~G_~V_Gorilla, ~G_~V_ReplicaSet, ~G_~V_ReplicationController. */
	assert_ptr_equal(go, &c.namerefs.v[c.namerefs.n - 3]);
	arena_free(a);
}

static void test_config_yaml11_scalars(void **state)
{
	(void)state;
	/* kubectl: path `yes` creates key "true", `1.50` "1.5", `0x10` "16",
	 * `017` "15". */
	arena *a = arena_new();
	err e = ERR_INIT;
	fieldspec_config c;
	assert_int_equal(fieldspec_config_parse(a, parse1(a, "commonLabels:\n- path: yes\n"
							    "  create: yes\n- path: 1.50\n"
							    "- path: 0x10\n  CREATE: true\n"
							    "  Kind: ConfigMap\n- path: 017\n"),
						&c, &e), 0);
	const fieldspec_list *l = &c.t[FIELDSPEC_COMMONLABELS];
	assert_int_equal(l->n, 4);
	assert_string_equal(l->v[0].path, "16");  /* ConfigMap sorts first */
	assert_true(l->v[0].create);
	assert_string_equal(l->v[0].kind, "ConfigMap");
	assert_string_equal(l->v[1].path, "true");
	assert_true(l->v[1].create);
	assert_string_equal(l->v[2].path, "1.5");
	assert_string_equal(l->v[3].path, "15");
	arena_free(a);
}

static void test_config_type_errors(void **state)
{
	(void)state;
	arena *a = arena_new();
	err e = ERR_INIT;
	fieldspec_config c;
	static const char *const cases[][2] = {
		{"commonLabels:\n- path: a/b\n  create: \"true\"\n",
		 "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into "
		 "Go struct field FieldSpec.commonLabels.create of type bool"},
		{"commonLabels:\n- path: data/x\n  create: 1\n",
		 "json: cannot unmarshal number into Go struct field FieldSpec.commonLabels.create "
		 "of type bool"},
		{"commonLabels: foo\n",
		 "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into "
		 "Go struct field TransformerConfig.commonLabels of type types.FsSlice"},
		{"commonLabels:\n- foo\n",
		 "json: cannot unmarshal string into Go struct field TransformerConfig.commonLabels "
		 "of type types.FieldSpec"},
		{"commonLabels:\n- path: {a: b}\n",
		 "json: cannot unmarshal object into Go struct field FieldSpec.commonLabels.path of "
		 "type string"},
		{"nameReference:\n- kind: ConfigMap\n  fieldSpecs: 3\n",
		 "json: cannot unmarshal number into Go struct field NameBackReferences.nameReference."
		 "fieldSpecs of type types.FsSlice"},
		{"- a\n",
		 "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go "
		 "value of type builtinconfig.TransformerConfig"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		assert_int_equal(fieldspec_config_parse(a, parse1(a, cases[i][0]), &c, &e), -1);
		assert_err_contains(&e, cases[i][1]);
		err_clear(&e);
	}
	/* null entries: an empty spec (matches everything, fails on use), and
	 * null fields are left empty; an empty document is an empty config. */
	assert_int_equal(fieldspec_config_parse(a, parse1(a, "commonLabels:\n-\n- path: data/x\n"
							    "  create: null\n  kind: null\n"),
						&c, &e), 0);
	assert_int_equal(c.t[FIELDSPEC_COMMONLABELS].n, 2);
	assert_string_equal(c.t[FIELDSPEC_COMMONLABELS].v[0].path, "");
	assert_false(c.t[FIELDSPEC_COMMONLABELS].v[1].create);
	assert_int_equal(fieldspec_config_parse(a, NULL, &c, &e), 0);
	for (int t = 0; t < FIELDSPEC_NTABLES; t++)
		assert_int_equal(c.t[t].n, 0);
	arena_free(a);
}

static bool same_list(const fieldspec_list *x, const fieldspec_list *y)
{
	if (x->n != y->n)
		return false;
	for (size_t i = 0; i < x->n; i++) {
		const fieldspec *p = &x->v[i], *q = &y->v[i];
		if (strcmp(p->group, q->group) || strcmp(p->version, q->version) ||
		    strcmp(p->kind, q->kind) || strcmp(p->path, q->path) || p->create != q->create)
			return false;
	}
	return true;
}

static void test_config_parse_matches_generated_tables(void **state)
{
	(void)state;
	/* Parsing defaultconfig.yaml here (C sort) must give the generated
	 * tables (Python sort): both follow Go's sort.Sort. */
	FILE *f = fopen("../shared/schema/fieldspecs/defaultconfig.yaml", "rb");
	if (!f)
		skip();
	char *text = malloc(1 << 20);
	size_t len = fread(text, 1, (1 << 20) - 1, f);
	fclose(f);
	text[len] = 0;
	arena *a = arena_new();
	err e = ERR_INIT;
	fieldspec_config parsed, def;
	assert_int_equal(fieldspec_config_parse(a, parse1(a, text), &parsed, &e), 0);
	fieldspec_config_default(&def);
	for (int t = 0; t < FIELDSPEC_NTABLES; t++)
		assert_true(same_list(&parsed.t[t], &def.t[t]));
	assert_int_equal(parsed.namerefs.n, def.namerefs.n);
	for (size_t i = 0; i < def.namerefs.n; i++) {
		assert_string_equal(parsed.namerefs.v[i].kind, def.namerefs.v[i].kind);
		assert_string_equal(parsed.namerefs.v[i].group, def.namerefs.v[i].group);
		assert_true(same_list(&parsed.namerefs.v[i].referrers, &def.namerefs.v[i].referrers));
	}
	/* Merging the defaults into themselves changes nothing. */
	fieldspec_config m;
	assert_int_equal(fieldspec_config_merge(a, &def, &parsed, &m, &e), 0);
	for (int t = 0; t < FIELDSPEC_NTABLES; t++)
		assert_true(same_list(&m.t[t], &def.t[t]));
	free(text);
	arena_free(a);
}

static const char *first_path_of(const fieldspec_list *l, const char *kind)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].kind, kind))
			return l->v[i].path;
	return NULL;
}

/* commonAnnotations specs "spec/p<i>/x", one per letter of kinds. */
static void check_sort_probe(const char *kinds, const char *kind, const char *want)
{
	static const char *const names[] = {
		['D'] = "Deployment", ['S'] = "StatefulSet", ['V'] = "Service", ['C'] = "ConfigMap",
		['F'] = "Foo", ['B'] = "Bar", ['N'] = "Namespace", ['J'] = "CronJob",
	};
	buf b = BUF_INIT;
	buf_adds(&b, "commonAnnotations:\n");
	for (int i = 0; kinds[i]; i++)
		buf_printf(&b, "- {kind: %s, path: spec/p%d/x}\n", names[(int)kinds[i]], i);
	arena *a = arena_new();
	err e = ERR_INIT;
	fieldspec_config c;
	assert_int_equal(config_from(a, b.p, &c, &e), 0);
	assert_string_equal(first_path_of(&c.t[FIELDSPEC_COMMONANNOTATIONS], kind), want);
	buf_free(&b);
	arena_free(a);
}

static void test_config_sort_matches_go_1_23(void **state)
{
	(void)state;
	/* kubectl (go1.23.8) on `spec: 1` objects with these configurations:
	 * the first failing spec shows Go's order after partitions that call
	 * breakPatterns, whose xorshift changed in Go 1.24. */
	check_sort_probe("JJCBCCJFDNSVFSBNCFFJNDJCNNVBBSJSVNBJDJDFNVVCDCCNBBJFDNVCNDJBCNJBNBDB",
			 "Deployment", "spec/p44/x");
	check_sort_probe("DSBFBFDNSSFCDJDNJJCSDFDBFSCJCSBNJVBNSFSSSBN", "StatefulSet",
			 "spec/p29/x");
}

static void test_config_copy_is_independent(void **state)
{
	(void)state;
	arena *a = arena_new();
	err e = ERR_INIT;
	fieldspec_config base;
	fieldspec_config_default(&base);
	fieldspec_config layer = base;  /* a kustomization's own copy */
	fieldspec_config add;
	assert_int_equal(fieldspec_config_parse(a, parse1(a, "replicas:\n- path: spec/size\n"
							    "  kind: MyKind\n  create: true\n"),
						&add, &e), 0);
	assert_int_equal(fieldspec_config_merge(a, &layer, &add, &layer, &e), 0);
	assert_int_equal(base.t[FIELDSPEC_REPLICAS].n, 4);
	assert_string_equal(base.t[FIELDSPEC_REPLICAS].v[2].kind, "ReplicaSet");
	/* kubectl: "... following GVK [Deployment.[noVer].[noGrp] StatefulSet...
	 * MyKind... ReplicaSet... ReplicationController...]" */
	const char *want[] = {"Deployment", "StatefulSet", "MyKind", "ReplicaSet",
			      "ReplicationController"};
	assert_int_equal(layer.t[FIELDSPEC_REPLICAS].n, 5);
	for (int i = 0; i < 5; i++)
		assert_string_equal(layer.t[FIELDSPEC_REPLICAS].v[i].kind, want[i]);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_path_split_plain),
		cmocka_unit_test(test_path_split_escapes),
		cmocka_unit_test(test_matches_gvk),
		cmocka_unit_test(test_matches_ingressclass_quirk),
		cmocka_unit_test(test_matches_obj_current_gvk),
		cmocka_unit_test(test_table_replicas_order),
		cmocka_unit_test(test_table_commonlabels_go_sort_order),
		cmocka_unit_test(test_table_contents),
		cmocka_unit_test(test_walk_creates_selector_and_template),
		cmocka_unit_test(test_walk_job_selector_not_created),
		cmocka_unit_test(test_walk_annotations_template_created),
		cmocka_unit_test(test_walk_null_becomes_map_when_creating),
		cmocka_unit_test(test_walk_null_without_create),
		cmocka_unit_test(test_walk_list_elements),
		cmocka_unit_test(test_walk_list_step_never_created),
		cmocka_unit_test(test_walk_path_through_list),
		cmocka_unit_test(test_walk_scalar_create),
		cmocka_unit_test(test_walk_scalar_slot_left_empty),
		cmocka_unit_test(test_walk_namespace_table),
		cmocka_unit_test(test_walk_escaped_slash_key),
		cmocka_unit_test(test_walk_long_paths),
		cmocka_unit_test(test_walk_blank_steps),
		cmocka_unit_test(test_walk_scalar_where_map_expected),
		cmocka_unit_test(test_walk_scalar_in_list),
		cmocka_unit_test(test_walk_empty_step),
		cmocka_unit_test(test_walk_list_selector_steps),
		cmocka_unit_test(test_walk_callback_error_wrapped),
		cmocka_unit_test(test_walk_no_match_no_call),
		cmocka_unit_test(test_config_custom_crd_selector),
		cmocka_unit_test(test_config_conflicting_fieldspecs),
		cmocka_unit_test(test_config_duplicates_and_namerefs),
		cmocka_unit_test(test_config_yaml11_scalars),
		cmocka_unit_test(test_config_type_errors),
		cmocka_unit_test(test_config_parse_matches_generated_tables),
		cmocka_unit_test(test_config_sort_matches_go_1_23),
		cmocka_unit_test(test_config_copy_is_independent),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
