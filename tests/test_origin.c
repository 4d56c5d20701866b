/* Unit tests: origin.c.  Expected texts are kubectl kustomize's (v5.5.0)
 * annotation values for the same paths and configurations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "strata/origin.h"
#include "strata/parse.h"

static arena *A;

static int setup(void **state)
{
	(void)state;
	A = arena_new();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(A);
	return 0;
}

static void check_join(const char *dir, const char *rel, const char *want)
{
	assert_string_equal(origin_join(A, dir, rel), want);
}

static void check_file_yaml(const char *rel, const char *want)
{
	buf b = BUF_INIT;
	origin_yaml(&b, origin_file(A, "", rel));
	assert_string_equal(b.p, want);
	buf_free(&b);
}

static node *doc(const char *text)
{
	parse_docs d;
	err e = ERR_INIT;
	assert_int_equal(parse_yaml(A, "t.yaml", text, strlen(text), &d, &e), 0);
	return d.v[0];
}

/* "./svc.yaml" in the top kustomization: path: svc.yaml */
static void test_join_top_level(void **state)
{
	(void)state;
	check_join("", "service.yaml", "service.yaml");
	check_join("", "./svc.yaml", "svc.yaml");
}

/* An overlay's "../base/" then the base's "namespace.yaml". */
static void test_join_base(void **state)
{
	(void)state;
	check_join("", "../base/", "../base");
	check_join("../base", "namespace.yaml", "../base/namespace.yaml");
	check_join("../base", "kustomization.yaml", "../base/kustomization.yaml");
}

/* "sub/../x" folds to "x"; ".." above the start is kept. */
static void test_join_folds_dots(void **state)
{
	(void)state;
	check_join("", "sub/../2001-12-14", "2001-12-14");
	check_join("../base", "../common/x.yaml", "../common/x.yaml");
	check_join("..", "../x", "../../x");
	check_join("", "", "");
}

/* Strings go-yaml v3 would read as another type are double quoted. */
static void test_yaml_double_quotes_other_types(void **state)
{
	(void)state;
	check_file_yaml("true", "path: \"true\"\n");
	check_file_yaml("123", "path: \"123\"\n");
	check_file_yaml("2001-12-14", "path: \"2001-12-14\"\n");
	check_file_yaml("1:20", "path: \"1:20\"\n");
	check_file_yaml("yes", "path: \"yes\"\n");
}

/* Plain where libyaml allows it, single quotes where it does not. */
static void test_yaml_plain_and_single(void **state)
{
	(void)state;
	check_file_yaml("a b.yaml", "path: a b.yaml\n");
	check_file_yaml("-x.yaml", "path: -x.yaml\n");
	check_file_yaml("x: y.yaml", "path: 'x: y.yaml'\n");
	check_file_yaml("#h.yaml", "path: '#h.yaml'\n");
}

/* No folding of long lines. */
static void test_yaml_long_path_not_folded(void **state)
{
	(void)state;
	const char *p = "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn "
			"oooo pppp qqqq rrrr ssss.yaml";
	buf want = BUF_INIT;
	buf_printf(&want, "path: %s\n", p);
	check_file_yaml(p, want.p);
	buf_free(&want);
}

static void test_yaml_builtin_generator(void **state)
{
	(void)state;
	buf b = BUF_INIT;
	origin_yaml(&b, origin_builtin(A, "../base", "kustomization.yaml", "ConfigMapGenerator"));
	assert_string_equal(b.p, "configuredIn: ../base/kustomization.yaml\n"
				 "configuredBy:\n"
				 "  apiVersion: builtin\n"
				 "  kind: ConfigMapGenerator\n");
	buf_free(&b);
}

/* A plugin configuration read from xf/t.yaml names itself fully. */
static void test_config_origin(void **state)
{
	(void)state;
	resource r = {0};
	r.obj = doc("apiVersion: builtin\nkind: LabelTransformer\n"
		    "metadata:\n  name: lt\n  namespace: lns\nlabels: {l: m}\n");
	r.origin = origin_file(A, "", "xf/t.yaml");
	buf b = BUF_INIT;
	origin_yaml(&b, origin_of_config(A, &r));
	assert_string_equal(b.p, "configuredIn: xf/t.yaml\n"
				 "configuredBy:\n"
				 "  apiVersion: builtin\n"
				 "  kind: LabelTransformer\n"
				 "  name: lt\n"
				 "  namespace: lns\n");
	buf_free(&b);
	r.origin = NULL;
	assert_null(origin_of_config(A, &r));
}

/* Transformers are listed oldest first. */
static void test_trail_yaml(void **state)
{
	(void)state;
	resource r = {0};
	r.origin = origin_file(A, "", "x.yaml");
	resource *rp = &r;
	resmap m = {&rp, 1, 1};
	origin_record(A, &m, origin_builtin(A, "../base", "kustomization.yaml", "PrefixTransformer"));
	origin_record(A, &m, origin_builtin(A, "", "kustomization.yaml", "PrefixTransformer"));
	buf b = BUF_INIT;
	origin_trail_yaml(&b, r.xforms);
	assert_string_equal(b.p, "- configuredIn: ../base/kustomization.yaml\n"
				 "  configuredBy:\n"
				 "    apiVersion: builtin\n"
				 "    kind: PrefixTransformer\n"
				 "- configuredIn: kustomization.yaml\n"
				 "  configuredBy:\n"
				 "    apiVersion: builtin\n"
				 "    kind: PrefixTransformer\n");
	buf_free(&b);
}

/* An object without an origin takes the transformer's as its origin. */
static void test_record_sets_missing_origin(void **state)
{
	(void)state;
	resource r = {0};
	resource *rp = &r;
	resmap m = {&rp, 1, 1};
	const res_origin *o = origin_builtin(A, "", "kustomization.yaml", "NamespaceTransformer");
	origin_record(A, &m, o);
	assert_ptr_equal(r.origin, o);
	assert_null(r.xforms);
	origin_record(A, &m, NULL);
	assert_null(r.xforms);
}

/* The flags; unknown options are ignored, as kustomize ignores them. */
static void test_meta_flags(void **state)
{
	(void)state;
	node *d = doc("l: [transformerAnnotations, bogus, managedByLabel]\n");
	assert_int_equal(origin_meta_flags(node_get(d, "l")),
			 ORIGIN_META_XFORMS | ORIGIN_META_MANAGED_BY);
	assert_int_equal(origin_meta_flags(NULL), 0);
	d = doc("l: [originAnnotations]\n");
	assert_int_equal(origin_meta_flags(node_get(d, "l")), ORIGIN_META_ORIGIN);
}

/* Annotations are written only as the flags ask. */
static void test_annotate(void **state)
{
	(void)state;
	resource r = {0};
	r.obj = doc("apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n");
	r.origin = origin_file(A, "", "service.yaml");
	resource *rp = &r;
	resmap m = {&rp, 1, 1};
	origin_record(A, &m, origin_builtin(A, "", "kustomization.yaml", "PrefixTransformer"));
	origin_annotate(A, &r, ORIGIN_META_XFORMS);
	node *an = node_dig(r.obj, "metadata", "annotations", NULL);
	assert_non_null(an);
	assert_null(node_get(an, ORIGIN_ANNOTATION));
	assert_string_equal(node_get_str(an, ORIGIN_XFORM_ANNOTATION),
			    "- configuredIn: kustomization.yaml\n"
			    "  configuredBy:\n"
			    "    apiVersion: builtin\n"
			    "    kind: PrefixTransformer\n");
	origin_annotate(A, &r, ORIGIN_META_ORIGIN);
	assert_string_equal(node_get_str(an, ORIGIN_ANNOTATION), "path: service.yaml\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_join_top_level),
		cmocka_unit_test(test_join_base),
		cmocka_unit_test(test_join_folds_dots),
		cmocka_unit_test(test_yaml_double_quotes_other_types),
		cmocka_unit_test(test_yaml_plain_and_single),
		cmocka_unit_test(test_yaml_long_path_not_folded),
		cmocka_unit_test(test_yaml_builtin_generator),
		cmocka_unit_test(test_config_origin),
		cmocka_unit_test(test_trail_yaml),
		cmocka_unit_test(test_record_sets_missing_origin),
		cmocka_unit_test(test_meta_flags),
		cmocka_unit_test(test_annotate),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
