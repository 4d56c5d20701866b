/* Unit tests: limits.c - the limit flags, the depth check for trees that
 * grow after parsing, and the copy budget. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "strata/limits.h"
#include "strata/parse.h"

static node *yaml(arena *a, const char *text)
{
	parse_docs d;
	err e = ERR_INIT;
	assert_int_equal(parse_yaml(a, "t.yaml", text, strlen(text), &d, &e), 0);
	return d.v[0];
}

static void test_option_sizes_take_suffixes(void **state)
{
	(void)state;
	limits l = limits_default;
	assert_int_equal(limits_option(&l, LIMITS_OPT_FILE_SIZE, "12K", "t"), 0);
	assert_int_equal(l.max_file_size, 12 * 1024);
	assert_int_equal(limits_option(&l, LIMITS_OPT_OUTPUT_SIZE, "3MiB", "t"), 0);
	assert_int_equal(l.max_output_size, 3 << 20);
	assert_int_equal(limits_option(&l, LIMITS_OPT_FILE_SIZE, "1g", "t"), 0);
	assert_int_equal(l.max_file_size, (size_t)1 << 30);
	assert_int_equal(limits_option(&l, LIMITS_OPT_FILE_SIZE, "4096", "t"), 0);
	assert_int_equal(l.max_file_size, 4096);
}

static void test_option_rejects_bad_values(void **state)
{
	(void)state;
	limits l = limits_default;
	assert_int_equal(limits_option(&l, LIMITS_OPT_FILE_SIZE, "12X", "t"), 2);
	assert_int_equal(limits_option(&l, LIMITS_OPT_FILE_SIZE, "-1", "t"), 2);
	assert_int_equal(limits_option(&l, LIMITS_OPT_FILE_SIZE, "0", "t"), 2);
	assert_int_equal(limits_option(&l, LIMITS_OPT_DEPTH, "5K", "t"), 2);
	assert_int_equal(limits_option(&l, LIMITS_OPT_DEPTH, "10001", "t"), 2);
	assert_int_equal(limits_option(&l, LIMITS_OPT_DOCS, "", "t"), 2);
	assert_int_equal(limits_option(&l, LIMITS_OPT_ALIAS_NODES, "99999999999999999999999", "t"),
			 2);
	assert_memory_equal(&l, &limits_default, sizeof l);
}

static void test_option_other_flags_pass_through(void **state)
{
	(void)state;
	limits l = limits_default;
	assert_int_equal(limits_option(&l, 'o', "x", "t"), 1);
}

static void test_apply_sets_parse_limits(void **state)
{
	(void)state;
	parse_limits saved = parse_default_limits;
	limits l = limits_default;
	l.max_depth = 3;
	l.max_docs = 2;
	limits_apply(&l);
	arena *a = arena_new();
	parse_docs d;
	err e = ERR_INIT;
	const char *deep = "a: {b: {c: [1]}}\n";
	assert_int_equal(parse_yaml(a, "d.yaml", deep, strlen(deep), &d, &e), -1);
	assert_non_null(strstr(e.msg, "exceeded max depth of 3"));
	err_clear(&e);
	const char *docs = "a: 1\n---\nb: 2\n---\nc: 3\n";
	assert_int_equal(parse_yaml(a, "n.yaml", docs, strlen(docs), &d, &e), -1);
	assert_non_null(strstr(e.msg, "more than 2 documents"));
	err_clear(&e);
	arena_free(a);
	parse_default_limits = saved;
}

static void test_too_deep_counts_the_path(void **state)
{
	(void)state;
	parse_limits saved = parse_default_limits;
	parse_default_limits.max_depth = 4;
	arena *a = arena_new();
	node *v = yaml(a, "a: {b: 1}\n");  /* two levels */
	assert_false(limits_too_deep(v, 0));
	assert_false(limits_too_deep(v, 2));
	assert_true(limits_too_deep(v, 3));
	node *s = yaml(a, "x\n");
	assert_false(limits_too_deep(s, 4));
	assert_true(limits_too_deep(v, 100));
	arena_free(a);
	parse_default_limits = saved;
}

static void test_copy_budget_adds_up(void **state)
{
	(void)state;
	parse_limits saved = parse_default_limits;
	parse_default_limits.max_alias_nodes = 10;
	arena *a = arena_new();
	node *v = yaml(a, "a: 1\nb: 2\n");  /* map, 2 keys, 2 values */
	size_t used = 0;
	assert_false(limits_copy_over(&used, v));
	assert_int_equal(used, 5);
	assert_false(limits_copy_over(&used, v));
	assert_true(limits_copy_over(&used, v));
	assert_true(limits_copy_over(&used, NULL));
	arena_free(a);
	parse_default_limits = saved;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_option_sizes_take_suffixes),
		cmocka_unit_test(test_option_rejects_bad_values),
		cmocka_unit_test(test_option_other_flags_pass_through),
		cmocka_unit_test(test_apply_sets_parse_limits),
		cmocka_unit_test(test_too_deep_counts_the_path),
		cmocka_unit_test(test_copy_budget_adds_up),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
