/* test_strtab.c - the string-keyed hash table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "strata/strtab.h"

static void add_then_find(void **state)
{
	(void)state;
	strtab t = STRTAB_INIT;
	assert_null(strtab_find(&t, "a"));
	strtab_ent *e = strtab_add(&t, "a");
	assert_non_null(e);
	assert_null(e->val);
	e->val = (void *)1;
	assert_ptr_equal(strtab_find(&t, "a")->val, (void *)1);
	assert_null(strtab_find(&t, "b"));
	/* adding again keeps the value */
	assert_ptr_equal(strtab_add(&t, "a")->val, (void *)1);
	assert_int_equal(t.n, 1);
	strtab_free(&t, NULL);
}

static void grows_and_keeps_everything(void **state)
{
	(void)state;
	strtab t = STRTAB_INIT;
	char key[32];
	for (int i = 0; i < 5000; i++) {
		snprintf(key, sizeof key, "dir/%d", i);
		strtab_ent *e = strtab_add(&t, key);
		assert_non_null(e);
		e->val = malloc(8);
		*(int *)e->val = i;
	}
	assert_int_equal(t.n, 5000);
	assert_true(t.cap >= 2 * t.n);
	for (int i = 0; i < 5000; i++) {
		snprintf(key, sizeof key, "dir/%d", i);
		strtab_ent *e = strtab_find(&t, key);
		assert_non_null(e);
		assert_int_equal(*(int *)e->val, i);
	}
	assert_null(strtab_find(&t, "dir/5000"));
	strtab_free(&t, free);
	assert_int_equal(t.n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(add_then_find),
		cmocka_unit_test(grows_and_keeps_everything),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
