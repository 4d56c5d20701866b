/* Unit tests: kedit.c - every edit leaves all bytes but the added or
 * removed entry's lines as they were (comments, blank lines, order,
 * quoting), in block, flow and JSON files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "strata/kedit.h"

/* The example's dev overlay, as committed. */
static const char dev[] =
	"# dev: release candidates, one pod each, debug logging.\n"
	"apiVersion: kustomize.config.k8s.io/v1beta1\n"
	"kind: Kustomization\n"
	"# dev and staging name their namespace here; production gets it from Flux\n"
	"# (targetNamespace in profiles-example/production/apps.yaml).\n"
	"namespace: shop\n"
	"resources:\n"
	"  - ../../base/app1\n"
	"  - ../../base/app2\n"
	"  - ../../base/app3\n"
	"patches:\n"
	"  - path: app1/version.yaml\n"
	"  - path: app1/env-json.yaml\n"
	"    target:\n"
	"      group: apps\n"
	"      version: v1\n"
	"      kind: Deployment\n"
	"      name: app1\n"
	"  - path: app2/version.yaml\n"
	"  - path: app3/version.yaml\n"
	"patchesStrategicMerge:\n"
	"  - app1/_namespace-quota.yaml\n"
	"  - app2/_ingress-host.yaml\n"
	"  - app3/_schedule.yaml\n";

static char *add_patch(const char *text, const char *path, const kedit_ref *like)
{
	buf out = BUF_INIT;
	err e = ERR_INIT;
	int rc = kedit_add_patch(text, strlen(text), "k.yaml", path, like, &out, &e);
	if (rc)
		fail_msg("%s", e.msg);
	return buf_detach(&out, NULL);
}

static char *add_resource(const char *text, const char *entry)
{
	buf out = BUF_INIT;
	err e = ERR_INIT;
	if (kedit_add_resource(text, strlen(text), "k.yaml", entry, &out, &e))
		fail_msg("%s", e.msg);
	return buf_detach(&out, NULL);
}

static char *remove_patch(const char *text, const char *path, int want_removed)
{
	buf out = BUF_INIT;
	err e = ERR_INIT;
	int n = kedit_remove_patch(text, strlen(text), "k.yaml", path, &out, &e);
	if (n < 0)
		fail_msg("%s", e.msg);
	assert_int_equal(n, want_removed);
	return buf_detach(&out, NULL);
}

/* text with ins put at the first occurrence of after's end. */
static char *insert_after(const char *text, const char *after, const char *ins)
{
	const char *at = strstr(text, after);
	assert_non_null(at);
	size_t pos = (size_t)(at - text) + strlen(after);
	char *r = malloc(strlen(text) + strlen(ins) + 1);
	memcpy(r, text, pos);
	strcpy(r + pos, ins);
	strcat(r, text + pos);
	return r;
}

static char *without(const char *text, const char *gone)
{
	const char *at = strstr(text, gone);
	assert_non_null(at);
	char *r = malloc(strlen(text) + 1);
	size_t pos = (size_t)(at - text);
	memcpy(r, text, pos);
	strcpy(r + pos, at + strlen(gone));
	return r;
}

static void check(char *got, char *want)
{
	assert_string_equal(got, want);
	free(got);
	free(want);
}

static void test_add_patch_after_last_entry(void **state)
{
	(void)state;
	check(add_patch(dev, "app1/replicas.yaml", NULL),
	      insert_after(dev, "  - path: app3/version.yaml\n", "  - path: app1/replicas.yaml\n"));
}

static void test_add_patch_copies_target(void **state)
{
	(void)state;
	kedit_ref r;
	err e = ERR_INIT;
	assert_int_equal(kedit_find_patch(dev, strlen(dev), "dev", "app1/env-json.yaml", &r, &e), 0);
	assert_int_equal(r.field, KEDIT_PATCHES);
	assert_int_equal(r.line, 13);
	assert_int_equal(r.col, 5);
	const char *prod =
		"resources:\n"
		"- ../../base/app1\n"
		"patches:\n"
		"- path: app1/version.yaml # pinned\n"
		"sortOptions:\n"
		"    order: legacy\n";
	check(add_patch(prod, "app1/env-json.yaml", &r),
	      insert_after(prod, "# pinned\n",
			   "- path: app1/env-json.yaml\n"
			   "  target:\n"
			   "      group: apps\n"
			   "      version: v1\n"
			   "      kind: Deployment\n"
			   "      name: app1\n"));
	kedit_ref_free(&r);
}

static void test_find_patch_json6902_target(void **state)
{
	(void)state;
	const char *k =
		"patchesJson6902:\n"
		"  - target:\n"
		"      kind: Deployment\n"
		"      name: 'app1'\n"
		"    path: ./app1//env-json.yaml\n";
	kedit_ref r;
	err e = ERR_INIT;
	assert_int_equal(kedit_find_patch(k, strlen(k), "k", "app1/env-json.yaml", &r, &e), 0);
	assert_int_equal(r.field, KEDIT_JSON6902);
	assert_int_equal(r.nattrs, 1);
	assert_string_equal(r.attrs[0].key, "target");
	assert_null(r.attrs[0].value);
	assert_int_equal(r.attrs[0].nsub, 2);
	assert_string_equal(r.attrs[0].sub[1].key, "name");
	assert_string_equal(r.attrs[0].sub[1].value, "'app1'");
	/* In a flow list the copy is written in flow syntax. */
	const char *flow = "patches: [{path: a.yaml}]\n";
	check(add_patch(flow, "app1/env-json.yaml", &r),
	      strdup("patches: [{path: a.yaml}, {path: app1/env-json.yaml, target: "
		     "{kind: Deployment, name: 'app1'}}]\n"));
	kedit_ref_free(&r);
}

static void test_find_patch_strategic_merge_and_none(void **state)
{
	(void)state;
	kedit_ref r;
	err e = ERR_INIT;
	assert_int_equal(kedit_find_patch(dev, strlen(dev), "dev", "app2/_ingress-host.yaml", &r, &e), 0);
	assert_int_equal(r.field, KEDIT_STRATEGIC_MERGE);
	assert_int_equal(r.nattrs, 0);
	kedit_ref_free(&r);
	bool refd = true;
	assert_int_equal(kedit_references(dev, strlen(dev), "dev", "app2/replicas.yaml", &refd, &e), 0);
	assert_false(refd);
	assert_int_equal(kedit_references(dev, strlen(dev), "dev", "app3/version.yaml", &refd, &e), 0);
	assert_true(refd);
}

static void test_add_patch_creates_list_at_end(void **state)
{
	(void)state;
	const char *k =
		"# a comment\n"
		"resources:\n"
		"    - a.yaml   # four spaces\n"
		"\n"
		"# trailing comment\n";
	check(add_patch(k, "app1/version.yaml", NULL),
	      insert_after(k, "# trailing comment\n", "patches:\n    - path: app1/version.yaml\n"));
}

static void test_add_patch_no_final_newline(void **state)
{
	(void)state;
	check(add_patch("patches:\n- path: a.yaml", "b.yaml", NULL),
	      strdup("patches:\n- path: a.yaml\n- path: b.yaml\n"));
	check(add_patch("resources:\n- a.yaml", "b.yaml", NULL),
	      strdup("resources:\n- a.yaml\npatches:\n- path: b.yaml\n"));
}

static void test_add_patch_to_empty_values(void **state)
{
	(void)state;
	check(add_patch("patches:   # none yet\nnamespace: x\n", "b.yaml", NULL),
	      strdup("patches:   # none yet\n  - path: b.yaml\nnamespace: x\n"));
	check(add_patch("patches: null\nnamespace: x\n", "b.yaml", NULL),
	      strdup("patches:\n  - path: b.yaml\nnamespace: x\n"));
	check(add_patch("patches: []\n", "b.yaml", NULL), strdup("patches: [{path: b.yaml}]\n"));
	check(add_patch("", "b.yaml", NULL), strdup("patches:\n  - path: b.yaml\n"));
}

static void test_add_patch_json_file(void **state)
{
	(void)state;
	const char *k = "{\n  \"resources\": [\"a.yaml\"]\n}\n";
	check(add_patch(k, "b.yaml", NULL),
	      strdup("{\n  \"resources\": [\"a.yaml\"], \"patches\": [{\"path\": \"b.yaml\"}]\n}\n"));
}

/* An inline patch's block scalar ends with blank lines and a comment that
 * introduces the next field: the entry goes right after the patch text. */
static void test_add_patch_after_block_scalar(void **state)
{
	(void)state;
	const char *k =
		"patches:\n"
		"  - target:\n"
		"      kind: Ingress\n"
		"    patch: |-\n"
		"      - op: add\n"
		"        path: /x\n"
		"\n"
		"# Order\n"
		"sortOptions:\n"
		"  order: legacy\n";
	check(add_patch(k, "b.yaml", NULL),
	      insert_after(k, "        path: /x\n", "  - path: b.yaml\n"));
}

static void test_crlf_file(void **state)
{
	(void)state;
	check(add_patch("# c\r\npatches:\r\n  - path: a.yaml\r\nnamespace: x\r\n", "b.yaml", NULL),
	      strdup("# c\r\npatches:\r\n  - path: a.yaml\r\n  - path: b.yaml\r\nnamespace: x\r\n"));
	check(remove_patch("patches:\r\n  - path: a.yaml\r\n  - path: b.yaml\r\n", "a.yaml", 1),
	      strdup("patches:\r\n  - path: b.yaml\r\n"));
}

static void test_add_patch_quotes_when_needed(void **state)
{
	(void)state;
	check(add_patch("patches:\n- path: a.yaml\n", "yes", NULL),
	      strdup("patches:\n- path: a.yaml\n- path: \"yes\"\n"));
	check(add_patch("patches:\n- path: a.yaml\n", "#x: y.yaml", NULL),
	      strdup("patches:\n- path: a.yaml\n- path: \"#x: y.yaml\"\n"));
}

static void test_add_resource(void **state)
{
	(void)state;
	check(add_resource(dev, "../../base/app4"),
	      insert_after(dev, "  - ../../base/app3\n", "  - ../../base/app4\n"));
	check(add_resource("resources: [../a, ../b]  # flow\n", "../../base/app4"),
	      strdup("resources: [../a, ../b, ../../base/app4]  # flow\n"));
	check(add_resource("kind: Kustomization\n", "../../base/app4"),
	      strdup("kind: Kustomization\nresources:\n  - ../../base/app4\n"));
}

static void test_remove_middle_entry_with_target(void **state)
{
	(void)state;
	check(remove_patch(dev, "app1/env-json.yaml", 1),
	      without(dev, "  - path: app1/env-json.yaml\n"
			   "    target:\n"
			   "      group: apps\n"
			   "      version: v1\n"
			   "      kind: Deployment\n"
			   "      name: app1\n"));
}

static void test_remove_keeps_comments(void **state)
{
	(void)state;
	const char *eu =
		"resources:\n"
		"  - ../production\n"
		"patches:\n"
		"  - path: app2/_ingress-host.yaml\n"
		"  # EU reports run one release behind production until it is promoted here.\n"
		"  - path: app3/version.yaml   # behind\n"
		"  - path: app3/_schedule.yaml\n";
	check(remove_patch(eu, "./app3/version.yaml", 1),
	      without(eu, "  - path: app3/version.yaml   # behind\n"));
}

static void test_remove_strategic_merge_entry(void **state)
{
	(void)state;
	check(remove_patch(dev, "app2/_ingress-host.yaml", 1),
	      without(dev, "  - app2/_ingress-host.yaml\n"));
}

static void test_remove_last_entry_drops_key(void **state)
{
	(void)state;
	const char *k =
		"resources:\n"
		"- a.yaml\n"
		"patchesJson6902:\n"
		"- target:\n"
		"    kind: Deployment\n"
		"  path: env.yaml\n"
		"# end\n";
	check(remove_patch(k, "env.yaml", 1), strdup("resources:\n- a.yaml\n# end\n"));
}

static void test_remove_from_flow_list(void **state)
{
	(void)state;
	check(remove_patch("patches: [{path: a.yaml}, {path: b.yaml}, {path: c.yaml}]\n", "b.yaml", 1),
	      strdup("patches: [{path: a.yaml}, {path: c.yaml}]\n"));
	check(remove_patch("patches: [{path: a.yaml}, {path: b.yaml}]\n", "b.yaml", 1),
	      strdup("patches: [{path: a.yaml}]\n"));
	check(remove_patch("patchesStrategicMerge: [a.yaml, b.yaml]\n", "a.yaml", 1),
	      strdup("patchesStrategicMerge: [b.yaml]\n"));
	check(remove_patch("patchesStrategicMerge: [a.yaml, a.yaml]\n", "a.yaml", 2),
	      strdup("patchesStrategicMerge: []\n"));
}

static void test_remove_everywhere_and_nowhere(void **state)
{
	(void)state;
	const char *k =
		"patches:\n"
		"  - path: x.yaml\n"
		"  - path: y.yaml\n"
		"patchesStrategicMerge:\n"
		"  - x.yaml\n"
		"  - z.yaml\n";
	check(remove_patch(k, "x.yaml", 2),
	      strdup("patches:\n  - path: y.yaml\npatchesStrategicMerge:\n  - z.yaml\n"));
	check(remove_patch(k, "w.yaml", 0), strdup(k));
}

static void test_errors(void **state)
{
	(void)state;
	buf out = BUF_INIT;
	err e = ERR_INIT;
	const char *bad = "patches:\n  - path: a\n    target: [\n";
	assert_int_equal(kedit_add_patch(bad, strlen(bad), "k.yaml", "b", NULL, &out, &e), -1);
	assert_string_equal(e.msg, "k.yaml:4:1: invalid YAML: flow sequence without a closing "
			    "bracket; fix the file and try again");
	err_clear(&e);
	const char *notlist = "patches: a.yaml\n";
	assert_int_equal(kedit_add_patch(notlist, strlen(notlist), "k.yaml", "b", NULL, &out, &e), -1);
	assert_string_equal(e.msg, "k.yaml:1:10: patches must be a list; fix it and try again");
	err_clear(&e);
	const char *seq = "- a\n";
	assert_int_equal(kedit_add_patch(seq, strlen(seq), "k.yaml", "b", NULL, &out, &e), -1);
	assert_non_null(strstr(e.msg, "k.yaml:1:1: expected a mapping"));
	err_clear(&e);
	buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_patch_after_last_entry),
		cmocka_unit_test(test_add_patch_copies_target),
		cmocka_unit_test(test_find_patch_json6902_target),
		cmocka_unit_test(test_find_patch_strategic_merge_and_none),
		cmocka_unit_test(test_add_patch_creates_list_at_end),
		cmocka_unit_test(test_add_patch_no_final_newline),
		cmocka_unit_test(test_add_patch_to_empty_values),
		cmocka_unit_test(test_add_patch_json_file),
		cmocka_unit_test(test_add_patch_after_block_scalar),
		cmocka_unit_test(test_add_patch_quotes_when_needed),
		cmocka_unit_test(test_crlf_file),
		cmocka_unit_test(test_add_resource),
		cmocka_unit_test(test_remove_middle_entry_with_target),
		cmocka_unit_test(test_remove_keeps_comments),
		cmocka_unit_test(test_remove_strategic_merge_entry),
		cmocka_unit_test(test_remove_last_entry_drops_key),
		cmocka_unit_test(test_remove_from_flow_list),
		cmocka_unit_test(test_remove_everywhere_and_nowhere),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
