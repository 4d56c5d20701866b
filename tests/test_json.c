/* Unit tests: json.c (kustomize's JSON round trip of a resource).
 *
 * Expected values come from kubectl kustomize v5.5.0 runs on /tmp
 * kustomizations with a JSON 6902 patch: the patched object's annotations
 * print the texts a number takes after the round trip, and `test` ops
 * reveal the JSON token each scalar is written as. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "strata/json.h"
#include "strata/parse.h"
#include "strata/scalar.h"

static node *parse1(arena *a, const char *text)
{
	parse_docs d;
	err e = ERR_INIT;
	assert_int_equal(parse_yaml(a, "t.yaml", text, strlen(text), &d, &e), 0);
	assert_true(d.n >= 1);
	return d.v[0];
}

static void assert_token(arena *a, const char *yaml_value, const char *want)
{
	char *doc = arena_sprintf(a, "v: %s\n", yaml_value);
	node *v = node_get(parse1(a, doc), "v");
	buf out = BUF_INIT;
	err e = ERR_INIT;
	assert_int_equal(json_scalar_token(&out, v, &e), 0);
	assert_string_equal(out.p, want);
	buf_free(&out);
}

/* test ops against a resource: 1.0 equals JSON 1, 0x10 equals 16,
 * 1e21 equals 1e+21 (not 1e21), 0.0000001 equals 1e-7 (not 1e-07),
 * an unquoted date equals "2001-12-14T00:00:00Z", yes equals "yes". */
static void test_scalar_tokens(void **state)
{
	(void)state;
	arena *a = arena_new();
	assert_token(a, "1.0", "1");
	assert_token(a, "1", "1");
	assert_token(a, "0x10", "16");
	assert_token(a, "1e3", "1000");
	assert_token(a, "1e21", "1e+21");
	assert_token(a, "0.0000001", "1e-7");
	assert_token(a, "1.5", "1.5");
	assert_token(a, "12345678901234567890", "12345678901234567890");
	assert_token(a, "2001-12-14", "\"2001-12-14T00:00:00Z\"");
	assert_token(a, "'2001-12-14'", "\"2001-12-14\"");
	assert_token(a, "yes", "\"yes\"");
	assert_token(a, "~", "null");
	assert_token(a, "True", "true");
	/* go-yaml v3 keeps an out-of-range float as a string. */
	assert_token(a, "1e400", "\"1e400\"");
	arena_free(a);
}

/* test "a<b" (JSON text) fails against the resource's a<b; "a\u003cb"
 * passes; control characters keep short escapes where Go has them. */
static void test_go_quote(void **state)
{
	(void)state;
	buf out = BUF_INIT;
	json_go_quote(&out, "a<b>&\"\\", 7);
	assert_string_equal(out.p, "\"a\\u003cb\\u003e\\u0026\\\"\\\\\"");
	buf_reset(&out);
	json_go_quote(&out, "tab\there\x01", 9);
	assert_string_equal(out.p, "\"tab\\there\\u0001\"");
	buf_reset(&out);
	json_go_quote(&out, "\xc3\xa9\xff", 3);
	assert_string_equal(out.p, "\"\xc3\xa9\\ufffd\"");
	buf_free(&out);
}

static void test_go_float(void **state)
{
	(void)state;
	buf out = BUF_INIT;
	scalar_json_float(&out, 1e21);
	assert_string_equal(out.p, "1e+21");
	buf_reset(&out);
	scalar_json_float(&out, 1e-7);
	assert_string_equal(out.p, "1e-7");
	buf_reset(&out);
	scalar_json_float(&out, 1e20);
	assert_string_equal(out.p, "100000000000000000000");
	buf_reset(&out);
	assert_int_equal(scalar_json_float(&out, 1.0 / 0.0), -1);
	buf_free(&out);
}

/* Annotations after a JSON patch print the number texts go-yaml v3 wrote:
 * n1: 1234567 -> "1.234567e+06", n2: 1.0 -> "1",
 * n3: 12345678901234567890 -> "1.2345678901234567e+19", 1.5 -> "1.5". */
static void test_number_texts(void **state)
{
	(void)state;
	arena *a = arena_new();
	struct {
		double v;
		const char *text;
		node_kind kind;
	} cases[] = {
		{1234567, "1.234567e+06", NODE_FLOAT},
		{1.0, "1", NODE_INT},
		{12345678901234567890.0, "1.2345678901234567e+19", NODE_FLOAT},
		{1.5, "1.5", NODE_FLOAT},
		{100000, "100000", NODE_INT},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		node *n = json_number_node(a, cases[i].v, NULL);
		assert_string_equal(n->str.s, cases[i].text);
		assert_int_equal(n->kind, cases[i].kind);
	}
	/* ... and print as kustomize prints them (12345678901234567000). */
	buf out = BUF_INIT;
	node *big = json_number_node(a, 12345678901234567890.0, NULL);
	scalar_number_text(&out, big->str.s, big->str.len);
	assert_string_equal(out.p, "12345678901234567000");
	buf_free(&out);
	arena_free(a);
}

static void test_from_node_types(void **state)
{
	(void)state;
	arena *a = arena_new();
	node *m = parse1(a, "i: 1\nf: 1.0\nh: 0x10\nt: 2001-12-14\ny: yes\nn: null\n"
			    "e: {}\nl: []\nb: false\nu: 12345678901234567890\n");
	err e = ERR_INIT;
	json_t *j = json_from_node(m, &e);
	assert_non_null(j);
	assert_true(json_is_integer(json_object_get(j, "i")));
	assert_true(json_is_real(json_object_get(j, "f")));
	assert_int_equal(json_integer_value(json_object_get(j, "h")), 16);
	assert_string_equal(json_string_value(json_object_get(j, "t")), "2001-12-14T00:00:00Z");
	assert_string_equal(json_string_value(json_object_get(j, "y")), "yes");
	assert_true(json_is_null(json_object_get(j, "n")));
	assert_int_equal(json_object_size(json_object_get(j, "e")), 0);
	assert_int_equal(json_array_size(json_object_get(j, "l")), 0);
	assert_true(json_is_false(json_object_get(j, "b")));
	assert_true(json_is_real(json_object_get(j, "u")));
	json_decref(j);
	arena_free(a);
}

static void test_from_node_errors(void **state)
{
	(void)state;
	arena *a = arena_new();
	err e = ERR_INIT;
	node *m = parse1(a, "a:\n  b: .inf\n");
	assert_null(json_from_node(m, &e));
	assert_non_null(strstr(e.msg, "t.yaml:2:6"));
	assert_non_null(strstr(e.msg, "json: unsupported value: +Inf"));
	err_clear(&e);
	m = parse1(a, "a:\n  1: x\n");
	assert_null(json_from_node(m, &e));
	assert_non_null(strstr(e.msg, "json: unsupported type: map[interface {}]interface {}"));
	err_clear(&e);
	arena_free(a);
}

/* The round trip of a resource through JSON, as a JSON patch does it:
 * spec {a: 1.0, b: 1e3, c: 12345678901234567890, d: 0x10, e: 2001-12-14,
 * f: yes, h: 017, i: .5, j: 1e21, l: null, m: {}, n: [], q: "1"} printed
 * a: 1, b: 1000, c: 12345678901234567000, d: 16,
 * e: "2001-12-14T00:00:00Z", f: "yes", h: 15, i: 0.5, j: 1e+21,
 * l: null, m: {}, n: [], q: "1". */
static void test_round_trip(void **state)
{
	(void)state;
	arena *a = arena_new();
	node *m = parse1(a, "a: 1.0\nb: 1e3\nc: 12345678901234567890\nd: 0x10\n"
			    "e: 2001-12-14\nf: yes\nh: 017\ni: .5\nj: 1e21\nl: null\nm: {}\n"
			    "n: []\nq: \"1\"\n");
	err e = ERR_INIT;
	json_t *j = json_from_node(m, &e);
	node *pos = node_get(m, "a");
	node *r = json_to_node(a, j, pos);
	json_decref(j);
	struct {
		const char *key, *printed;
	} want[] = {{"a", "1"},  {"b", "1000"}, {"c", "12345678901234567000"}, {"d", "16"},
		    {"h", "15"}, {"i", "0.5"},  {"j", "1e+21"}};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		node *v = node_get(r, want[i].key);
		assert_non_null(v);
		buf out = BUF_INIT;
		assert_int_equal(scalar_number_text(&out, v->str.s, v->str.len), 0);
		assert_string_equal(out.p, want[i].printed);
		buf_free(&out);
	}
	node *ts = node_get(r, "e");
	assert_int_equal(ts->kind, NODE_STR);
	assert_string_equal(ts->str.s, "2001-12-14T00:00:00Z");
	assert_true(ts->flags & NODE_F_QUOTED);
	assert_false(ts->flags & NODE_F_TIMESTAMP);
	node *y = node_get(r, "f");
	assert_int_equal(y->kind, NODE_STR);
	assert_true(y->flags & NODE_F_QUOTED);
	assert_int_equal(node_get(r, "l")->kind, NODE_NULL);
	assert_int_equal(node_get(r, "m")->kind, NODE_MAP);
	assert_int_equal(node_get(r, "n")->kind, NODE_SEQ);
	assert_int_equal(node_get(r, "q")->kind, NODE_STR);
	assert_int_equal(node_get(r, "q")->line, pos->line);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scalar_tokens),  cmocka_unit_test(test_go_quote),
		cmocka_unit_test(test_go_float),       cmocka_unit_test(test_number_texts),
		cmocka_unit_test(test_from_node_types), cmocka_unit_test(test_from_node_errors),
		cmocka_unit_test(test_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
