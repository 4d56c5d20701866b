/* Unit tests: parse.c and scalar.c (YAML reading as go-yaml v3 does). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

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

static void test_scalar_kinds(void **state)
{
	(void)state;
	arena *a = arena_new();
	node *m = parse1(a, "a: 1\nb: 1.5\nc: true\nd: ~\ne: yes\nf: '1'\ng: 2001-12-14\nh: x\n"
			    "i: 0x1F\nj: .5\nk: 1_000\nl: 08\n");
	assert_int_equal(node_get(m, "a")->kind, NODE_INT);
	assert_int_equal(node_get(m, "b")->kind, NODE_FLOAT);
	assert_int_equal(node_get(m, "c")->kind, NODE_BOOL);
	assert_int_equal(node_get(m, "d")->kind, NODE_NULL);
	assert_int_equal(node_get(m, "e")->kind, NODE_STR);
	assert_true(node_get(m, "e")->flags & NODE_F_BOOL11);
	assert_int_equal(node_get(m, "f")->kind, NODE_STR);
	assert_true(node_get(m, "f")->flags & NODE_F_QUOTED);
	assert_true(node_get(m, "g")->flags & NODE_F_TIMESTAMP);
	assert_int_equal(node_get(m, "h")->kind, NODE_STR);
	assert_int_equal(node_get(m, "i")->kind, NODE_INT);
	assert_int_equal(node_get(m, "j")->kind, NODE_FLOAT);
	assert_int_equal(node_get(m, "k")->kind, NODE_INT);
	assert_int_equal(node_get(m, "l")->kind, NODE_FLOAT);
	arena_free(a);
}

static void test_positions_and_docs(void **state)
{
	(void)state;
	arena *a = arena_new();
	parse_docs d;
	err e = ERR_INIT;
	const char *t = "a: 1\n---\n# only a comment\n---\nb:\n  c: [1, 2]\n";
	assert_int_equal(parse_yaml(a, "f.yaml", t, strlen(t), &d, &e), 0);
	assert_int_equal(d.n, 3);
	assert_int_equal(d.v[1]->kind, NODE_NULL);
	node *c = node_dig(d.v[2], "b", "c", NULL);
	assert_non_null(c);
	assert_int_equal(c->kind, NODE_SEQ);
	assert_int_equal(c->line, 6);
	assert_int_equal(c->col, 6);
	arena_free(a);
}

static void test_errors(void **state)
{
	(void)state;
	arena *a = arena_new();
	parse_docs d;
	err e = ERR_INIT;
	const char *dup = "a: 1\nb: 2\na: 3\n";
	assert_int_equal(parse_yaml(a, "d.yaml", dup, strlen(dup), &d, &e), -1);
	assert_non_null(strstr(e.msg, "d.yaml:3:1"));
	assert_non_null(strstr(e.msg, "already defined at line 1"));
	err_clear(&e);
	const char *bad = "a:\n  b: 1\n c: 2\n";
	assert_int_equal(parse_yaml(a, "b.yaml", bad, strlen(bad), &d, &e), -1);
	assert_non_null(strstr(e.msg, "b.yaml:3:"));
	err_clear(&e);
	arena_free(a);
}

static void test_alias_expansion(void **state)
{
	(void)state;
	arena *a = arena_new();
	node *m = parse1(a, "x: &r {k: v}\ny: *r\n");
	node *y = node_get(m, "y");
	assert_int_equal(y->kind, NODE_MAP);
	assert_ptr_not_equal(y, node_get(m, "x"));
	assert_true(node_equal(y, node_get(m, "x")));
	const char *bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
			   "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
			   "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
			   "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
			   "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
			   "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
			   "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n";
	parse_docs d;
	err e = ERR_INIT;
	assert_int_equal(parse_yaml(a, "bomb.yaml", bomb, strlen(bomb), &d, &e), -1);
	assert_non_null(strstr(e.msg, "billion laughs"));
	err_clear(&e);
	arena_free(a);
}

static void check_num(const char *in, const char *want)
{
	buf b = BUF_INIT;
	assert_int_equal(scalar_number_text(&b, in, strlen(in)), 0);
	assert_string_equal(b.p, want);
	buf_free(&b);
}

static void test_numbers(void **state)
{
	(void)state;
	check_num("1.0", "1");
	check_num("1e3", "1000");
	check_num("0x1F", "31");
	check_num("0o17", "15");
	check_num("017", "15");
	check_num("+1", "1");
	check_num(".5", "0.5");
	check_num("2.5e-7", "2.5e-07");
	check_num("1.0e+20", "1e+20");
	check_num("12345678901234567890", "12345678901234567890");
	check_num("1_000", "1000");
	check_num("-0", "0");
	check_num("1234567.5", "1.2345675e+06");
	check_num("0.000001", "1e-06");
	check_num("3.14", "3.14");
	buf b = BUF_INIT;
	assert_int_equal(scalar_number_text(&b, ".inf", 4), -1);
	buf_free(&b);
}

static void test_resolve_v2_quoting(void **state)
{
	(void)state;
	const char *nonstr[] = {"1", "true", "yes", "y", "n", "on", "off", "null", "~",
				"1e3", "0x10", "0o17", "1_000", "2024-01-01", "", "-1", ".5"};
	for (size_t i = 0; i < sizeof nonstr / sizeof *nonstr; i++)
		assert_int_not_equal(scalar_resolve_v2(nonstr[i], strlen(nonstr[i])), SCALAR_STR);
	const char *str[] = {"it's", "a#b", "1.2.3", "=", "<<", "x", "-", "yess", "0x", "1:20"};
	for (size_t i = 0; i < sizeof str / sizeof *str; i++)
		assert_int_equal(scalar_resolve_v2(str[i], strlen(str[i])), SCALAR_STR);
	assert_true(scalar_is_base60_float("1:20", 4));
	assert_false(scalar_is_base60_float("1:70", 4));
}

static void test_timestamp(void **state)
{
	(void)state;
	buf b = BUF_INIT;
	assert_int_equal(scalar_timestamp_rfc3339(&b, "2001-12-14", 10), 0);
	assert_string_equal(b.p, "2001-12-14T00:00:00Z");
	buf_reset(&b);
	const char *t = "2001-12-14t21:59:43.10-05:00";
	assert_int_equal(scalar_timestamp_rfc3339(&b, t, strlen(t)), 0);
	assert_string_equal(b.p, "2001-12-14T21:59:43.1-05:00");
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scalar_kinds),
		cmocka_unit_test(test_positions_and_docs),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_alias_expansion),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_resolve_v2_quoting),
		cmocka_unit_test(test_timestamp),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
