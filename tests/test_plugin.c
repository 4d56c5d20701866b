/* Unit tests: plugin.c (built-in generator configurations).
 * Expected objects and error texts come from kubectl kustomize (v5.5.0)
 * runs with the same `generators:` entries; each test names the case. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "strata/build.h"
#include "strata/emit.h"
#include "strata/parse.h"
#include "strata/plugin.h"

typedef struct fixture {
	arena *a;
	build b;
	plugin_ctx pc;
	resmap m;
	err e;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	f->a = arena_new();
	build_opts o = {0};
	build_init(&f->b, f->a, NULL, &o);
	f->pc = (plugin_ctx){&f->b, "", ".", NULL};
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	err_clear(&f->e);
	build_release(&f->b);
	arena_free(f->a);
	free(f);
	return 0;
}

static int generate(fixture *f, const char *conf)
{
	parse_docs d;
	err pe = ERR_INIT;
	assert_int_equal(parse_yaml(f->a, "kustomization.yaml", conf, strlen(conf), &d, &pe), 0);
	return plugin_generate(&f->pc, d.v[0], &f->m, &f->e);
}

static void assert_emits(const node *n, const char *want)
{
	buf b = BUF_INIT;
	err e = ERR_INIT;
	assert_int_equal(emit_doc(&b, n, &e), 0);
	assert_string_equal(b.p, want);
	buf_free(&b);
}

#define IAM_HEAD "apiVersion: builtin\nkind: IAMPolicyGenerator\nmetadata:\n  name: g\n"

/* iampolicygenerator__TestGkeGeneratorWithNamespace */
static void test_iam_gke_with_namespace(void **state)
{
	fixture *f = *state;
	assert_int_equal(generate(f, IAM_HEAD "cloud: gke\nkubernetesService:\n"
					      "  namespace: k8s-namespace\n  name: k8s-sa-name\n"
					      "serviceAccount:\n  name: gsa-name\n"
					      "  projectId: project-id\n"),
			 0);
	assert_int_equal(f->m.n, 1);
	assert_emits(f->m.v[0]->obj,
		     "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  annotations:\n"
		     "    iam.gke.io/gcp-service-account: "
		     "gsa-name@project-id.iam.gserviceaccount.com\n"
		     "  name: k8s-sa-name\n  namespace: k8s-namespace\n");
}

static void test_iam_gke_without_namespace(void **state)
{
	fixture *f = *state;
	assert_int_equal(generate(f, IAM_HEAD "cloud: gke\nkubernetesService:\n  name: k8s-sa\n"
					      "serviceAccount:\n  name: gsa\n  projectId: pid\n"),
			 0);
	assert_emits(f->m.v[0]->obj,
		     "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  annotations:\n"
		     "    iam.gke.io/gcp-service-account: gsa@pid.iam.gserviceaccount.com\n"
		     "  name: k8s-sa\n");
}

static void test_iam_other_cloud_refused(void **state)
{
	fixture *f = *state;
	assert_int_equal(generate(f, IAM_HEAD "cloud: aws\nkubernetesService: {name: a}\n"), -1);
	assert_non_null(strstr(f->e.msg, "cloud provider aws not supported yet"));
}

/* `yes` and `on` are strings here (kustomize re-encodes the config with
 * go-yaml v3 first); kustomize prints them quoted. */
static void test_iam_yaml11_booleans_are_strings(void **state)
{
	fixture *f = *state;
	assert_int_equal(generate(f, IAM_HEAD "cloud: gke\n"
					      "kubernetesService: {name: yes, namespace: on}\n"
					      "serviceAccount: {name: gsa, projectId: pid}\n"),
			 0);
	assert_emits(node_get(f->m.v[0]->obj, "metadata"),
		     "annotations:\n  iam.gke.io/gcp-service-account: "
		     "gsa@pid.iam.gserviceaccount.com\nname: \"yes\"\nnamespace: \"on\"\n");
}

static void test_iam_number_refused(void **state)
{
	fixture *f = *state;
	assert_int_equal(generate(f, IAM_HEAD "cloud: gke\nkubernetesService: {name: 5}\n"
					      "serviceAccount: {name: gsa, projectId: pid}\n"),
			 -1);
	assert_non_null(strstr(f->e.msg, "json: cannot unmarshal number into Go struct field "
					 "KubernetesService.kubernetesService.name of type string"));
}

/* Field names match in any case; a repeated struct adds to the first and
 * null leaves a value alone. */
static void test_iam_repeated_fields_merge(void **state)
{
	fixture *f = *state;
	assert_int_equal(generate(f, IAM_HEAD "cloud: gke\nkubernetesService:\n  name: a\n"
					      "KubernetesService:\n  namespace: b\n  name: null\n"
					      "serviceAccount:\n  name: gsa\n  projectId: pid\n"
					      "serviceaccount: null\n"),
			 0);
	assert_string_equal(node_get_str(node_get(f->m.v[0]->obj, "metadata"), "name"), "a");
	assert_string_equal(node_get_str(node_get(f->m.v[0]->obj, "metadata"), "namespace"), "b");
}

static void test_iam_existing_id_refused(void **state)
{
	fixture *f = *state;
	const char *conf = IAM_HEAD "cloud: gke\nkubernetesService: {name: k8s-sa}\n"
				    "serviceAccount: {name: gsa, projectId: pid}\n";
	assert_int_equal(generate(f, conf), 0);
	assert_int_equal(generate(f, conf), -1);
	assert_non_null(strstr(f->e.msg, "id ServiceAccount.v1.[noGrp]/k8s-sa.[noNs] exists; "
					 "behavior must be merge or replace"));
}

/* The plugin form of ConfigMapGenerator ignores fields it doesn't know
 * (here top-level labels, foo, options.foo); the top-level name beats
 * metadata's; field names match in any case. */
static void test_configmap_plugin_lenient(void **state)
{
	fixture *f = *state;
	assert_int_equal(generate(f, "apiVersion: builtin\nkind: ConfigMapGenerator\n"
				     "metadata:\n  name: meta-name\n  namespace: meta-ns\n"
				     "name: top-name\nlabels:\n  app: foo\nfoo: bar\n"
				     "LITERALS:\n- a=b\noptions:\n  labels: {o: p}\n  foo: 1\n"),
			 0);
	node *md = node_get(f->m.v[0]->obj, "metadata");
	assert_string_equal(node_get_str(md, "name"), "top-name");
	assert_string_equal(node_get_str(md, "namespace"), "meta-ns");
	assert_emits(node_get(md, "labels"), "o: p\n");
	assert_emits(node_get(f->m.v[0]->obj, "data"), "a: b\n");
}

/* namereference__TestEmptyFieldSpecValue's generator, and an empty
 * top-level name falling back on metadata's. */
static void test_configmap_plugin_empty_name_uses_metadata(void **state)
{
	fixture *f = *state;
	assert_int_equal(generate(f, "apiVersion: builtin\nkind: ConfigMapGenerator\n"
				     "metadata:\n  name: meta-name\nname: \"\"\n"
				     "labels:\n  app.kubernetes.io/name: x\n"
				     "literals:\n- this_is_a_secret_name=\n"),
			 0);
	node *md = node_get(f->m.v[0]->obj, "metadata");
	assert_string_equal(node_get_str(md, "name"), "meta-name");
	assert_null(node_get(md, "labels"));
	assert_emits(node_get(f->m.v[0]->obj, "data"), "this_is_a_secret_name: \"\"\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_iam_gke_with_namespace, setup, teardown),
		cmocka_unit_test_setup_teardown(test_iam_gke_without_namespace, setup, teardown),
		cmocka_unit_test_setup_teardown(test_iam_other_cloud_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_iam_yaml11_booleans_are_strings, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_iam_number_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_iam_repeated_fields_merge, setup, teardown),
		cmocka_unit_test_setup_teardown(test_iam_existing_id_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_configmap_plugin_lenient, setup, teardown),
		cmocka_unit_test_setup_teardown(test_configmap_plugin_empty_name_uses_metadata,
						setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
