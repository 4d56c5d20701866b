/* Unit tests: goregex.c (Go's regexp limits before regcomp).
 *
 * Every expected message was read from kubectl kustomize (v5.5.0) with the
 * pattern as a patch target's name: "error parsing regexp: <message>". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "strata/goregex.h"

static void expect_ok(const char *pat)
{
	char msg[200];
	if (!goregex_check(pat, msg, sizeof msg))
		fail_msg("%s refused: %s", pat, msg);
}

static void expect_refused(const char *pat, const char *want)
{
	char msg[200];
	assert_false(goregex_check(pat, msg, sizeof msg));
	assert_string_equal(msg, want);
}

/* kubectl kustomize with target kind "a)": error parsing regexp:
 * unexpected ): `^(?:a))$` (its own wrapper shown; ours is not). */
static void test_unmatched_close_paren(void **state)
{
	(void)state;
	expect_refused("a)", "unexpected ): `a)`");
	expect_refused("((a-1000})){1000}){1000}", "unexpected ): `((a-1000})){1000}){1000}`");
	expect_ok("(a)");
	expect_ok("[)]");
	expect_ok("\\)");
}

static void test_stacked_repetition(void **state)
{
	(void)state;
	expect_refused("c++m", "invalid nested repetition operator: `++`");
	expect_refused("a**", "invalid nested repetition operator: `**`");
	expect_refused("a+??", "invalid nested repetition operator: `+??`");
	expect_refused("a{1,2}{3}", "invalid nested repetition operator: `{1,2}{3}`");
	expect_refused("a{1000}{0}", "invalid nested repetition operator: `{1000}{0}`");
	expect_refused("a{5}??", "invalid nested repetition operator: `{5}??`");
	expect_refused("a+++++++++++++++++++++++++++++",
		       "invalid nested repetition operator: `++`");
}

static void test_lazy_and_escaped_are_no_stack(void **state)
{
	(void)state;
	expect_ok("cm*?");
	expect_ok("a{5}?");
	expect_ok("\\**");
	expect_ok("[*]*");
	expect_ok("[]*]*");
	expect_ok("()*");
	expect_ok("^*");
	expect_ok("a$*");
	expect_ok("a(?i)*");
}

static void test_repeat_counts(void **state)
{
	(void)state;
	expect_refused("a{1001}", "invalid repeat count: `{1001}`");
	expect_refused("a{2,1}", "invalid repeat count: `{2,1}`");
	expect_refused("(a{100}){11}", "invalid repeat count: `{11}`");
	expect_refused("(a{100}){11}?", "invalid repeat count: `{11}?`");
	expect_refused("(?:a{100}){11}", "invalid repeat count: `{11}`");
	expect_refused("(((a{10}){10}){10}){2}", "invalid repeat count: `{2}`");
	expect_refused("((a{1000}){1000}){1000}", "invalid repeat count: `{1000}`");
	expect_ok("(a{100}){10}");
	expect_ok("(a{0}){1000}x");
	expect_ok("((a{1000}){0}){1000}");
}

static void test_brace_without_count_is_literal(void **state)
{
	(void)state;
	expect_ok("a{,5}");
	expect_ok("a{,5}*");
	expect_ok("a{5");
}

static void test_missing_argument(void **state)
{
	(void)state;
	expect_refused("*a", "missing argument to repetition operator: `*`");
	expect_refused("x|*", "missing argument to repetition operator: `*`");
	expect_refused("(*a)", "missing argument to repetition operator: `*`");
	expect_refused("(|*)", "missing argument to repetition operator: `*`");
}

/* 3300 copies of a{1000} compile in Go; 3400 are "expression too large". */
static void test_total_size(void **state)
{
	(void)state;
	char *p = malloc(7 * 3400 + 1);
	p[0] = 0;
	for (int i = 0; i < 3400; i++)
		memcpy(p + 7 * i, "a{1000}", 8);
	char msg[64];
	assert_false(goregex_check(p, msg, sizeof msg));
	assert_memory_equal(msg, "expression too large: `a{1000}", 30);
	p[7 * 3300] = 0;
	assert_true(goregex_check(p, NULL, 0));
	free(p);
}

/* kustomize takes 998 nested groups around "a" and refuses 999. */
static void test_nesting_depth(void **state)
{
	(void)state;
	char p[2100];
	for (int n = 998; n <= 999; n++) {
		memset(p, '(', (size_t)n);
		p[n] = 'a';
		memset(p + n + 1, ')', (size_t)n);
		p[2 * n + 1] = 0;
		char msg[64];
		bool ok = goregex_check(p, msg, sizeof msg);
		if (n == 998) {
			assert_true(ok);
		} else {
			assert_false(ok);
			assert_memory_equal(msg, "expression nests too deeply", 27);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unmatched_close_paren),
		cmocka_unit_test(test_stacked_repetition),
		cmocka_unit_test(test_lazy_and_escaped_are_no_stack),
		cmocka_unit_test(test_repeat_counts),
		cmocka_unit_test(test_brace_without_count_is_literal),
		cmocka_unit_test(test_missing_argument),
		cmocka_unit_test(test_total_size),
		cmocka_unit_test(test_nesting_depth),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
