/* Unit tests: patch_json.c (RFC 6902 patches as kustomize v5.5.0 applies
 * them).  Every expected object and error text below is what kubectl
 * kustomize v5.5.0 printed for the same resource and ops, applied through
 * `patches: [{path: p.yaml, target: {kind: Deployment, name: x}}]`.
 * Results are compared after normalising numbers to the text kustomize
 * prints (scalar_number_text), since that is what the oracle shows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "strata/json.h"
#include "strata/parse.h"
#include "strata/patch_json.h"
#include "strata/scalar.h"

#define HEAD "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n"

/* Numbers as printed, timestamps as their RFC 3339 strings. */
static node *norm(arena *a, node *n)
{
	if (n->kind == NODE_MAP) {
		for (uint32_t i = 0; i < n->map.n; i++)
			n->map.v[i].val = norm(a, n->map.v[i].val);
	} else if (n->kind == NODE_SEQ) {
		for (uint32_t i = 0; i < n->seq.n; i++)
			n->seq.v[i] = norm(a, n->seq.v[i]);
	} else if (n->kind == NODE_INT || n->kind == NODE_FLOAT) {
		buf t = BUF_INIT;
		assert_int_equal(scalar_number_text(&t, n->str.s, n->str.len), 0);
		node_kind k = scalar_resolve_v3(t.p, t.len) == SCALAR_INT ? NODE_INT : NODE_FLOAT;
		n = node_scalar(a, k, t.p, t.len);
		buf_free(&t);
	} else if (n->kind == NODE_STR && (n->flags & NODE_F_TIMESTAMP)) {
		buf t = BUF_INIT;
		scalar_timestamp_rfc3339(&t, n->str.s, n->str.len);
		n = node_strn(a, t.p, t.len);
		buf_free(&t);
	}
	return n;
}

static node *parse1(arena *a, const char *file, const char *text)
{
	parse_docs d;
	err e = ERR_INIT;
	if (parse_yaml(a, file, text, strlen(text), &d, &e))
		fail_msg("%s", e.msg);
	assert_true(d.n >= 1);
	return d.v[0];
}

/* Applies ops to obj: 0 with *out, or -1 with *msg (malloc'd). */
static int apply(arena *a, const char *obj, const char *ops, node **out, char **msg)
{
	node *o = parse1(a, "r.yaml", obj);
	node *list;
	err e = ERR_INIT;
	if (patch_json_parse(a, "p.yaml", ops, strlen(ops), &list, &e))
		fail_msg("parse: %s", e.msg);
	if (patch_json_apply(a, &o, list, &e)) {
		*msg = e.msg;
		return -1;
	}
	*out = o;
	return 0;
}

static void run_ok(const char *obj, const char *ops, const char *want)
{
	arena *a = arena_new();
	node *got;
	char *msg = NULL;
	if (apply(a, obj, ops, &got, &msg))
		fail_msg("unexpected error: %s", msg);
	node *w = norm(a, parse1(a, "want.yaml", want));
	if (!node_equal(norm(a, got), w))
		fail_msg("result differs from kustomize's for ops:\n%s", ops);
	arena_free(a);
}

static void run_err(const char *obj, const char *ops, const char *frag)
{
	arena *a = arena_new();
	node *got;
	char *msg = NULL;
	if (!apply(a, obj, ops, &got, &msg))
		fail_msg("no error for ops:\n%s", ops);
	if (!strstr(msg, frag))
		fail_msg("error %s\nlacks %s", msg, frag);
	free(msg);
	arena_free(a);
}

#define OK_CASE(name, obj, ops, want)                                                     \
	static void name(void **state)                                                    \
	{                                                                                 \
		(void)state;                                                              \
		run_ok(obj, ops, want);                                                   \
	}
#define ERR_CASE(name, obj, ops, frag)                                                    \
	static void name(void **state)                                                    \
	{                                                                                 \
		(void)state;                                                              \
		run_err(obj, ops, frag);                                                  \
	}

#define R1 HEAD "spec:\n  replicas: 1\n"
#define RL HEAD "spec:\n  replicas: 1\n  m: {a: 1, b: {c: 2}}\n  l: [a, b, c]\n  n: null\n"

/* YAML op values are typed by go-yaml v2 (YAML 1.1). */
OK_CASE(test_yaml_value_types, R1,
	"- {op: add, path: /spec/a, value: yes}\n- {op: add, path: /spec/b, value: 1.0}\n"
	"- {op: add, path: /spec/c, value: \"1\"}\n- {op: add, path: /spec/d, value: 0x10}\n"
	"- {op: add, path: /spec/e, value: 2001-12-14}\n- {op: add, path: /spec/f, value: 1e3}\n"
	"- {op: add, path: /spec/g, value: 12345678901234567890}\n"
	"- {op: add, path: /spec/h, value: ~}\n- {op: add, path: /spec/i, value: {}}\n"
	"- {op: add, path: /spec/j, value: []}\n- {op: add, path: /spec/k, value: on}\n"
	"- {op: add, path: /spec/l, value: 017}\n- {op: add, path: /spec/m, value: 1_000}\n"
	"- {op: add, path: /spec/n, value: .5}\n",
	HEAD "spec:\n  a: true\n  b: 1\n  c: \"1\"\n  d: 16\n  e: \"2001-12-14\"\n  f: 1000\n"
	     "  g: 12345678901234567000\n  h: null\n  i: {}\n  j: []\n  k: true\n  l: 15\n"
	     "  m: 1000\n  n: 0.5\n  replicas: 1\n")

/* The whole object goes through JSON: numbers become float64, timestamps
 * RFC 3339 strings. */
OK_CASE(test_object_round_trip,
	HEAD "spec:\n  replicas: 1\n  a: 1.0\n  b: 1e3\n  c: 12345678901234567890\n  d: 0x10\n"
	     "  e: 2001-12-14\n  f: yes\n  h: 017\n  i: .5\n  j: 1e21\n  k: 0.000001\n"
	     "  l: null\n  m: {}\n  n: []\n  q: \"1\"\n  r: 2001-12-14T10:00:00+02:00\n"
	     "  s: 100000000000000000000000\n  t: -0.0\n  u: 1.5e300\n",
	"[{\"op\":\"add\",\"path\":\"/spec/z\",\"value\":1}]",
	HEAD "spec:\n  a: 1\n  b: 1000\n  c: 12345678901234567000\n  d: 16\n"
	     "  e: \"2001-12-14T00:00:00Z\"\n  f: \"yes\"\n  h: 15\n  i: 0.5\n  j: 1e+21\n"
	     "  k: 1e-06\n  l: null\n  m: {}\n  n: []\n  q: \"1\"\n"
	     "  r: \"2001-12-14T10:00:00+02:00\"\n  replicas: 1\n  s: 1e+23\n  t: 0\n"
	     "  u: 1.5e+300\n  z: 1\n")

/* Annotation values print the number text the round trip left:
 * n1: "1.234567e+06", n3: "1.2345678901234567e+19". */
static void test_number_texts_after_patch(void **state)
{
	(void)state;
	arena *a = arena_new();
	node *got;
	char *msg = NULL;
	assert_int_equal(apply(a,
			       HEAD "  annotations:\n    n1: 1234567\n    n2: 1.0\n"
				    "    n3: 12345678901234567890\n",
			       "- {op: add, path: /spec, value: {}}\n", &got, &msg),
			 0);
	node *ann = node_dig(got, "metadata", "annotations", NULL);
	assert_string_equal(node_get(ann, "n1")->str.s, "1.234567e+06");
	assert_string_equal(node_get(ann, "n2")->str.s, "1");
	assert_string_equal(node_get(ann, "n3")->str.s, "1.2345678901234567e+19");
	arena_free(a);
}

/* test compares JSON text: 1.0 in JSON is not the resource's 1 ... */
ERR_CASE(test_test_json_float_text, R1,
	 "[{\"op\":\"test\",\"path\":\"/spec/replicas\",\"value\":1.0}]",
	 "testing value /spec/replicas failed: test failed")
/* ... but 1.0 in YAML is respelled 1 ... */
OK_CASE(test_test_yaml_float, R1, "- {op: test, path: /spec/replicas, value: 1.0}\n", R1)
/* ... and the resource's 1.0 is written 1. */
OK_CASE(test_test_resource_float, HEAD "spec:\n  f: 1.0\n",
	"[{\"op\":\"test\",\"path\":\"/spec/f\",\"value\":1}]", HEAD "spec:\n  f: 1\n")
ERR_CASE(test_test_resource_float_text, HEAD "spec:\n  f: 1.0\n",
	 "[{\"op\":\"test\",\"path\":\"/spec/f\",\"value\":1.0}]",
	 "testing value /spec/f failed: test failed")
/* Strings too: the resource's a<b is written "a\u003cb". */
ERR_CASE(test_test_string_raw, HEAD "spec:\n  s: a<b\n",
	 "[{\"op\":\"test\",\"path\":\"/spec/s\",\"value\":\"a<b\"}]",
	 "testing value /spec/s failed: test failed")
OK_CASE(test_test_string_escaped, HEAD "spec:\n  s: a<b\n",
	"[{\"op\":\"test\",\"path\":\"/spec/s\",\"value\":\"a\\u003cb\"}]", HEAD "spec:\n  s: a<b\n")
OK_CASE(test_test_string_yaml, HEAD "spec:\n  s: a<b\n",
	"- {op: test, path: /spec/s, value: a<b}\n", HEAD "spec:\n  s: a<b\n")
/* Maps compare whole (a subset or superset fails), in any order. */
ERR_CASE(test_test_map_subset, RL,
	 "[{\"op\":\"test\",\"path\":\"/spec/m\",\"value\":{\"a\":1}}]",
	 "testing value /spec/m failed: test failed")
ERR_CASE(test_test_map_superset, RL,
	 "[{\"op\":\"test\",\"path\":\"/spec/m\",\"value\":{\"a\":1,\"b\":{\"c\":2},\"d\":3}}]",
	 "testing value /spec/m failed: test failed")
OK_CASE(test_test_map_order, RL,
	"[{\"op\":\"test\",\"path\":\"/spec/m\",\"value\":{\"b\":{\"c\": 2},\"a\":1}}]", RL)
ERR_CASE(test_test_list_shorter, RL,
	 "[{\"op\":\"test\",\"path\":\"/spec/l\",\"value\":[\"a\",\"b\"]}]",
	 "testing value /spec/l failed: test failed")
/* null matches null and a missing key; nothing else. */
OK_CASE(test_test_null, RL,
	"[{\"op\":\"test\",\"path\":\"/spec/n\",\"value\":null},"
	"{\"op\":\"test\",\"path\":\"/spec/nope\",\"value\":null}]",
	RL)
ERR_CASE(test_test_null_vs_value, RL, "[{\"op\":\"test\",\"path\":\"/spec/n\",\"value\":1}]",
	 "testing value /spec/n failed: test failed")
ERR_CASE(test_test_without_value, R1, "[{\"op\":\"test\",\"path\":\"/spec/replicas\"}]",
	 "testing value /spec/replicas failed: test failed")
ERR_CASE(test_test_missing_with_value, R1,
	 "- op: test\n  path: /spec/z\n  value: 1\n", "p.yaml:1:3: testing value /spec/z failed: "
						     "test failed")
/* YAML yes is true, not the resource's string "yes". */
ERR_CASE(test_test_yaml_yes, HEAD "spec:\n  y: yes\n", "- {op: test, path: /spec/y, value: yes}\n",
	 "testing value /spec/y failed: test failed")
ERR_CASE(test_test_root, R1, "[{\"op\":\"test\",\"path\":\"\",\"value\":{\"a\":1}}]",
	 "testing value  failed: test failed")
ERR_CASE(test_test_bad_index, RL, "[{\"op\":\"test\",\"path\":\"/spec/l/7\",\"value\":1}]",
	 "error in test for path: '/spec/l/7': Unable to access invalid index: 7: invalid "
	 "index referenced")

/* replace of a missing map key adds it. */
OK_CASE(test_replace_missing_key, R1,
	"[{\"op\":\"replace\",\"path\":\"/spec/nope\",\"value\":1}]",
	HEAD "spec:\n  nope: 1\n  replicas: 1\n")
ERR_CASE(test_replace_bad_array_key, RL,
	 "[{\"op\":\"replace\",\"path\":\"/spec/l/x\",\"value\":1}]",
	 "replace operation does not apply: doc is missing key: /spec/l/x: missing value")
ERR_CASE(test_replace_index_len, RL, "[{\"op\":\"replace\",\"path\":\"/spec/l/3\",\"value\":7}]",
	 "replace operation does not apply: doc is missing key: /spec/l/3: missing value")
OK_CASE(test_replace_null, RL, "[{\"op\":\"replace\",\"path\":\"/spec/n\",\"value\":7}]",
	HEAD "spec:\n  replicas: 1\n  m: {a: 1, b: {c: 2}}\n  l: [a, b, c]\n  n: 7\n")
/* path "" with an object replaces the resource; with a scalar, nothing. */
OK_CASE(test_replace_root, R1,
	"[{\"op\":\"replace\",\"path\":\"\",\"value\":{\"apiVersion\":\"v1\",\"kind\":"
	"\"ConfigMap\",\"metadata\":{\"name\":\"x\"},\"data\":{\"a\":\"b\"}}}]",
	"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b\n")
OK_CASE(test_replace_root_scalar, R1,
	"[{\"op\":\"replace\",\"path\":\"\",\"value\":1},"
	"{\"op\":\"add\",\"path\":\"/spec/z\",\"value\":1}]",
	HEAD "spec:\n  replicas: 1\n  z: 1\n")
ERR_CASE(test_replace_root_array, R1, "[{\"op\":\"replace\",\"path\":\"\",\"value\":[1]}]",
	 "json: cannot unmarshal array into Go value of type map[string]interface {}")
ERR_CASE(test_replace_path_type, R1, "[{\"op\":\"replace\",\"path\":5,\"value\":1}]",
	 "replace operation failed to decode path: json: cannot unmarshal number into Go "
	 "value of type string")

ERR_CASE(test_add_missing_parent, RL,
	 "[{\"op\":\"add\",\"path\":\"/spec/nope/x\",\"value\":1}]",
	 "add operation does not apply: doc is missing path: \"/spec/nope/x\": missing value")
ERR_CASE(test_add_through_scalar, RL,
	 "[{\"op\":\"add\",\"path\":\"/spec/replicas/y\",\"value\":1}]",
	 "add operation does not apply: doc is missing path: \"/spec/replicas/y\": missing "
	 "value")
ERR_CASE(test_add_through_null, RL, "[{\"op\":\"add\",\"path\":\"/spec/n/y\",\"value\":1}]",
	 "add operation does not apply: doc is missing path: \"/spec/n/y\": missing value")
ERR_CASE(test_add_index_past_len, RL, "[{\"op\":\"add\",\"path\":\"/spec/l/5\",\"value\":\"z\"}]",
	 "error in add for path: '/spec/l/5': Unable to access invalid index: 5: invalid index "
	 "referenced")
OK_CASE(test_add_index_len, RL, "[{\"op\":\"add\",\"path\":\"/spec/l/3\",\"value\":\"z\"}]",
	HEAD "spec:\n  replicas: 1\n  m: {a: 1, b: {c: 2}}\n  l: [a, b, c, z]\n  n: null\n")
OK_CASE(test_add_dash, RL, "[{\"op\":\"add\",\"path\":\"/spec/l/-\",\"value\":\"z\"}]",
	HEAD "spec:\n  replicas: 1\n  m: {a: 1, b: {c: 2}}\n  l: [a, b, c, z]\n  n: null\n")
OK_CASE(test_add_minus_one, RL, "[{\"op\":\"add\",\"path\":\"/spec/l/-1\",\"value\":\"z\"}]",
	HEAD "spec:\n  replicas: 1\n  m: {a: 1, b: {c: 2}}\n  l: [a, b, c, z]\n  n: null\n")
ERR_CASE(test_add_negative_too_far, RL, "[{\"op\":\"add\",\"path\":\"/spec/l/-5\",\"value\":1}]",
	 "error in add for path: '/spec/l/-5': Unable to access invalid index: -5: invalid "
	 "index referenced")
OK_CASE(test_add_index_forms, RL,
	"[{\"op\":\"add\",\"path\":\"/spec/l/01\",\"value\":\"z\"},"
	"{\"op\":\"add\",\"path\":\"/spec/l/+1\",\"value\":\"y\"}]",
	HEAD "spec:\n  replicas: 1\n  m: {a: 1, b: {c: 2}}\n  l: [a, \"y\", z, b, c]\n"
	     "  n: null\n")
ERR_CASE(test_add_bad_index, RL, "[{\"op\":\"add\",\"path\":\"/spec/l/x\",\"value\":1}]",
	 "error in add for path: '/spec/l/x': value was not a proper array index: 'x': "
	 "strconv.Atoi: parsing \"x\": invalid syntax")
OK_CASE(test_add_existing_key, RL, "[{\"op\":\"add\",\"path\":\"/spec/m\",\"value\":7}]",
	HEAD "spec:\n  replicas: 1\n  m: 7\n  l: [a, b, c]\n  n: null\n")
OK_CASE(test_add_without_value, R1, "[{\"op\":\"add\",\"path\":\"/spec/zz\"}]",
	HEAD "spec:\n  replicas: 1\n  zz: null\n")
/* Whatever precedes the first '/' is ignored: spec/x is the root's x. */
OK_CASE(test_add_no_leading_slash, R1, "[{\"op\":\"add\",\"path\":\"spec/x\",\"value\":1}]",
	HEAD "spec:\n  replicas: 1\nx: 1\n")
ERR_CASE(test_add_root, R1, "[{\"op\":\"add\",\"path\":\"\",\"value\":{\"a\":1}}]",
	 "add operation does not apply: doc is missing path: \"\": missing value")
OK_CASE(test_pointer_escapes,
	HEAD "spec:\n  \"a/b\": 1\n  \"t~x\": 2\n",
	"[{\"op\":\"add\",\"path\":\"/spec/a~1b\",\"value\":5},"
	"{\"op\":\"add\",\"path\":\"/spec/t~0x\",\"value\":6}]",
	HEAD "spec:\n  a/b: 5\n  t~x: 6\n")

OK_CASE(test_remove_element, RL, "[{\"op\":\"remove\",\"path\":\"/spec/l/1\"}]",
	HEAD "spec:\n  replicas: 1\n  m: {a: 1, b: {c: 2}}\n  l: [a, c]\n  n: null\n")
OK_CASE(test_remove_last, RL, "[{\"op\":\"remove\",\"path\":\"/spec/l/-1\"}]",
	HEAD "spec:\n  replicas: 1\n  m: {a: 1, b: {c: 2}}\n  l: [a, b]\n  n: null\n")
ERR_CASE(test_remove_index_len, RL, "[{\"op\":\"remove\",\"path\":\"/spec/l/3\"}]",
	 "error in remove for path: '/spec/l/3': Unable to access invalid index: 3: invalid "
	 "index referenced")
ERR_CASE(test_remove_negative_too_far, RL, "[{\"op\":\"remove\",\"path\":\"/spec/l/-4\"}]",
	 "error in remove for path: '/spec/l/-4': Unable to access invalid index: -4: invalid "
	 "index referenced")
ERR_CASE(test_remove_missing_key, R1, "[{\"op\":\"remove\",\"path\":\"/spec/nope\"}]",
	 "error in remove for path: '/spec/nope': Unable to remove nonexistent key: nope: "
	 "missing value")
OK_CASE(test_remove_null_value, RL, "[{\"op\":\"remove\",\"path\":\"/spec/n\"}]",
	HEAD "spec:\n  replicas: 1\n  m: {a: 1, b: {c: 2}}\n  l: [a, b, c]\n")

ERR_CASE(test_move_into_own_child, RL,
	 "[{\"op\":\"move\",\"from\":\"/spec/m\",\"path\":\"/spec/m/d\"}]",
	 "move operation does not apply: doc is missing destination path: /spec/m/d: missing "
	 "value")
ERR_CASE(test_move_missing_from, RL,
	 "[{\"op\":\"move\",\"from\":\"/spec/nope\",\"path\":\"/spec/x\"}]",
	 "error in move for path: 'nope': Unable to remove nonexistent key: nope: missing value")
ERR_CASE(test_move_without_from, RL, "[{\"op\":\"move\",\"path\":\"/spec/x\"}]",
	 "move operation failed to decode from: operation, missing from field: missing value")
OK_CASE(test_move_in_list, RL, "[{\"op\":\"move\",\"from\":\"/spec/l/0\",\"path\":\"/spec/l/-\"}]",
	HEAD "spec:\n  replicas: 1\n  m: {a: 1, b: {c: 2}}\n  l: [b, c, a]\n  n: null\n")

/* copy is deep: changing the copy leaves the source alone. */
OK_CASE(test_copy_deep, RL,
	"[{\"op\":\"copy\",\"from\":\"/spec/m\",\"path\":\"/spec/m2\"},"
	"{\"op\":\"add\",\"path\":\"/spec/m2/b/z\",\"value\":9}]",
	HEAD "spec:\n  replicas: 1\n  m: {a: 1, b: {c: 2}}\n  m2: {a: 1, b: {c: 2, z: 9}}\n"
	     "  l: [a, b, c]\n  n: null\n")
OK_CASE(test_copy_missing_from, RL,
	"[{\"op\":\"copy\",\"from\":\"/spec/nope\",\"path\":\"/spec/x\"}]",
	HEAD "spec:\n  replicas: 1\n  m: {a: 1, b: {c: 2}}\n  l: [a, b, c]\n  n: null\n"
	     "  x: null\n")

ERR_CASE(test_unknown_op, RL, "[{\"op\":\"frob\",\"path\":\"/spec/l/1\"}]",
	 "Unexpected kind: frob")
ERR_CASE(test_missing_op, RL, "[{\"path\":\"/spec/l/1\"}]", "Unexpected kind: unknown")
ERR_CASE(test_null_op, RL, "[{\"op\":null,\"path\":\"/spec/x\"}]", "Unexpected kind: unknown")
ERR_CASE(test_missing_path, RL, "[{\"op\":\"add\",\"value\":1}]",
	 "add operation failed to decode path: missing value")
ERR_CASE(test_path_not_string, RL, "[{\"op\":\"add\",\"path\":5,\"value\":1}]",
	 "add operation failed to decode path: missing value")

/* Only the first document of a YAML ops file counts. */
OK_CASE(test_first_document_only, R1,
	"- {op: add, path: /spec/x, value: 1}\n---\n- {op: add, path: /spec/y, value: 2}\n",
	HEAD "spec:\n  replicas: 1\n  x: 1\n")
/* YAML keys become strings: 1, 1.5, 0x10 -> "16", dates as written, and
 * yes (true) collides with true; the later wins. */
OK_CASE(test_yaml_key_texts, R1,
	"- {op: add, path: /spec/x, value: {1: a, true: b, 1.5: c, 2001-12-14: e, yes: f, "
	"0x10: g}}\n",
	HEAD "spec:\n  replicas: 1\n  x:\n    \"1\": a\n    \"1.5\": c\n    \"16\": g\n"
	     "    \"2001-12-14\": e\n    \"true\": f\n")
OK_CASE(test_yaml_anchor_values, R1,
	"- op: add\n  path: /spec/x\n  value: &a {p: 1}\n- op: add\n  path: /spec/y\n"
	"  value: *a\n",
	HEAD "spec:\n  replicas: 1\n  x: {p: 1}\n  \"y\": {p: 1}\n")
/* JSON numbers keep their text until the end: a huge one becomes a
 * float64, one beyond float64 fails. */
OK_CASE(test_json_big_number, R1,
	"[{\"op\": \"add\", \"path\": \"/spec/x\", \"value\": 123456789012345678901234567890}]",
	HEAD "spec:\n  replicas: 1\n  x: 1.2345678901234568e+29\n")
ERR_CASE(test_json_number_overflow, R1,
	 "[{\"op\": \"add\", \"path\": \"/spec/x\", \"value\": 1e400}]",
	 "json: cannot unmarshal number 1e400 into Go value of type float64")

/* Only a first byte '[' makes JSON: a file starting with a newline is
 * YAML, so its 1.0 is respelled 1 and the test passes. */
OK_CASE(test_leading_newline_is_yaml, R1,
	"\n[{\"op\":\"test\",\"path\":\"/spec/replicas\",\"value\":1.0}]\n", R1)

/* The op's position prefixes kustomize's text. */
static void test_error_position(void **state)
{
	(void)state;
	run_err(R1, "[\n  {\"op\": \"test\", \"path\": \"/spec/replicas\", \"value\": 2}\n]",
		"p.yaml:2:3: testing value /spec/replicas failed: test failed");
}

/* The ops serve many resources: applying must not change them. */
static void test_ops_reusable(void **state)
{
	(void)state;
	arena *a = arena_new();
	node *ops;
	err e = ERR_INIT;
	const char *t = "- {op: add, path: /spec/x, value: {a: 1}}\n"
			"- {op: add, path: /spec/x/b, value: 2}\n";
	assert_int_equal(patch_json_parse(a, "p.yaml", t, strlen(t), &ops, &e), 0);
	for (int i = 0; i < 2; i++) {
		node *o = parse1(a, "r.yaml", R1);
		assert_int_equal(patch_json_apply(a, &o, ops, &e), 0);
		node *x = node_dig(o, "spec", "x", NULL);
		assert_int_equal(x->map.n, 2);
	}
	arena_free(a);
}

/* What the trip through JSON would give back unchanged is the resource's
 * own node; what it changes is new, and the resource is left as it was. */
static void test_untouched_parts_kept(void **state)
{
	(void)state;
	arena *a = arena_new();
	node *o = parse1(a, "r.yaml", RL "  q: \"abc\"\n  r: \"1\"\n  f: yes\n");
	node *before = o, *m = node_dig(o, "spec", "m", NULL), *l = node_dig(o, "spec", "l", NULL);
	node *q = node_dig(o, "spec", "q", NULL), *r = node_dig(o, "spec", "r", NULL);
	node *f = node_dig(o, "spec", "f", NULL);
	uint32_t nspec = node_get(o, "spec")->map.n;
	node *ops;
	err e = ERR_INIT;
	const char *t = "[{\"op\": \"add\", \"path\": \"/spec/l/-\", \"value\": \"d\"}]";
	assert_int_equal(patch_json_parse(a, "p.json", t, strlen(t), &ops, &e), 0);
	assert_int_equal(patch_json_apply(a, &o, ops, &e), 0);
	assert_ptr_not_equal(o, before);
	assert_ptr_equal(node_dig(o, "spec", "m", NULL), m);
	assert_ptr_not_equal(node_dig(o, "spec", "l", NULL), l);
	assert_int_equal(l->seq.n, 3);
	assert_int_equal(node_dig(o, "spec", "l", NULL)->seq.n, 4);
	assert_int_equal(node_get(before, "spec")->map.n, nspec);
	/* Quoted without need: the trip drops the quotes. */
	node *q2 = node_dig(o, "spec", "q", NULL);
	assert_ptr_not_equal(q2, q);
	assert_false(q2->flags & NODE_F_QUOTED);
	/* Quoted because it must be: kept. */
	assert_ptr_equal(node_dig(o, "spec", "r", NULL), r);
	/* A YAML 1.1 boolean spelling stays a string, now quoted. */
	node *f2 = node_dig(o, "spec", "f", NULL);
	assert_ptr_not_equal(f2, f);
	assert_true(f2->flags & NODE_F_QUOTED);
	assert_string_equal(f2->str.s, "yes");
	arena_free(a);
}

/* A copy of an untouched part, then changed through its new path: the
 * copy belongs to the result (ASan sees a use after free otherwise), and
 * the original part stays as it was. */
OK_CASE(test_copy_then_change, RL,
	"- {op: copy, from: /spec/m, path: /spec/m2}\n"
	"- {op: add, path: /spec/m2/b/d, value: 3}\n"
	"- {op: copy, from: /spec/m, path: /spec/m/b/e}\n",
	HEAD "spec:\n  replicas: 1\n  m: {a: 1, b: {c: 2, e: {a: 1, b: {c: 2}}}}\n"
	     "  l: [a, b, c]\n  n: null\n  m2: {a: 1, b: {c: 2, d: 3}}\n")

static void test_parse_errors(void **state)
{
	(void)state;
	arena *a = arena_new();
	node *ops;
	err e = ERR_INIT;
	const char *bad[] = {"[{\"op\": \"add\",}]", "[{\"op\": \"add\"}] x", "[1]",
			     "{op: add}\n", "- 5\n"};
	const char *frag[] = {"p.json:1:15", "after top-level value",
			      "jsonpatch.Operation", "jsonpatch.Patch", "jsonpatch.Operation"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(patch_json_parse(a, "p.json", bad[i], strlen(bad[i]), &ops, &e), -1);
		if (!strstr(e.msg, frag[i]))
			fail_msg("%s: %s", bad[i], e.msg);
		err_clear(&e);
	}
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_yaml_value_types),
		cmocka_unit_test(test_untouched_parts_kept),
		cmocka_unit_test(test_copy_then_change),
		cmocka_unit_test(test_object_round_trip),
		cmocka_unit_test(test_number_texts_after_patch),
		cmocka_unit_test(test_test_json_float_text),
		cmocka_unit_test(test_test_yaml_float),
		cmocka_unit_test(test_test_resource_float),
		cmocka_unit_test(test_test_resource_float_text),
		cmocka_unit_test(test_test_string_raw),
		cmocka_unit_test(test_test_string_escaped),
		cmocka_unit_test(test_test_string_yaml),
		cmocka_unit_test(test_test_map_subset),
		cmocka_unit_test(test_test_map_superset),
		cmocka_unit_test(test_test_map_order),
		cmocka_unit_test(test_test_list_shorter),
		cmocka_unit_test(test_test_null),
		cmocka_unit_test(test_test_null_vs_value),
		cmocka_unit_test(test_test_without_value),
		cmocka_unit_test(test_test_missing_with_value),
		cmocka_unit_test(test_test_yaml_yes),
		cmocka_unit_test(test_test_root),
		cmocka_unit_test(test_test_bad_index),
		cmocka_unit_test(test_replace_missing_key),
		cmocka_unit_test(test_replace_bad_array_key),
		cmocka_unit_test(test_replace_index_len),
		cmocka_unit_test(test_replace_null),
		cmocka_unit_test(test_replace_root),
		cmocka_unit_test(test_replace_root_scalar),
		cmocka_unit_test(test_replace_root_array),
		cmocka_unit_test(test_replace_path_type),
		cmocka_unit_test(test_add_missing_parent),
		cmocka_unit_test(test_add_through_scalar),
		cmocka_unit_test(test_add_through_null),
		cmocka_unit_test(test_add_index_past_len),
		cmocka_unit_test(test_add_index_len),
		cmocka_unit_test(test_add_dash),
		cmocka_unit_test(test_add_minus_one),
		cmocka_unit_test(test_add_negative_too_far),
		cmocka_unit_test(test_add_index_forms),
		cmocka_unit_test(test_add_bad_index),
		cmocka_unit_test(test_add_existing_key),
		cmocka_unit_test(test_add_without_value),
		cmocka_unit_test(test_add_no_leading_slash),
		cmocka_unit_test(test_add_root),
		cmocka_unit_test(test_pointer_escapes),
		cmocka_unit_test(test_remove_element),
		cmocka_unit_test(test_remove_last),
		cmocka_unit_test(test_remove_index_len),
		cmocka_unit_test(test_remove_negative_too_far),
		cmocka_unit_test(test_remove_missing_key),
		cmocka_unit_test(test_remove_null_value),
		cmocka_unit_test(test_move_into_own_child),
		cmocka_unit_test(test_move_missing_from),
		cmocka_unit_test(test_move_without_from),
		cmocka_unit_test(test_move_in_list),
		cmocka_unit_test(test_copy_deep),
		cmocka_unit_test(test_copy_missing_from),
		cmocka_unit_test(test_unknown_op),
		cmocka_unit_test(test_missing_op),
		cmocka_unit_test(test_null_op),
		cmocka_unit_test(test_missing_path),
		cmocka_unit_test(test_path_not_string),
		cmocka_unit_test(test_first_document_only),
		cmocka_unit_test(test_yaml_key_texts),
		cmocka_unit_test(test_yaml_anchor_values),
		cmocka_unit_test(test_json_big_number),
		cmocka_unit_test(test_json_number_overflow),
		cmocka_unit_test(test_leading_newline_is_yaml),
		cmocka_unit_test(test_error_position),
		cmocka_unit_test(test_ops_reusable),
		cmocka_unit_test(test_parse_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
