/* test_pool.c - the fork-join loop and pool_each's order of errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "strata/pool.h"

struct count {
	atomic_int *seen;
	atomic_int workers_seen[8];
};

static void count_task(void *ctx, size_t worker, size_t i)
{
	struct count *c = ctx;
	atomic_fetch_add(&c->seen[i], 1);
	atomic_fetch_add(&c->workers_seen[worker], 1);
}

static void every_index_once(void **state)
{
	(void)state;
	for (size_t workers = 1; workers <= 5; workers++) {
		size_t n = 1000;
		struct count c = {calloc(n, sizeof *c.seen), {0}};
		pool_run(workers, n, count_task, &c);
		for (size_t i = 0; i < n; i++)
			assert_int_equal(atomic_load(&c.seen[i]), 1);
		/* worker numbers stay below the number asked for */
		for (size_t w = workers; w < 8; w++)
			assert_int_equal(atomic_load(&c.workers_seen[w]), 0);
		free(c.seen);
	}
	/* nothing to do is fine */
	pool_run(3, 0, count_task, NULL);
}

static void workers_bounded(void **state)
{
	(void)state;
	assert_int_equal(pool_workers(4, 2), 2);
	assert_int_equal(pool_workers(4, 0), 1);
	assert_int_equal(pool_workers(1, 100), 1);
	assert_true(pool_workers(0, 100) >= 1);
	pool_par p = {3, 10};
	assert_int_equal(pool_par_workers(&p, 9), 1);
	assert_int_equal(pool_par_workers(&p, 10), 3);
	assert_int_equal(pool_par_workers(NULL, 100), 1);
	pool_par one = {1, 0};
	assert_int_equal(pool_par_workers(&one, 100), 1);
}

/* Fails at the items listed in ctx (a NUL-terminated list of 1-based
 * numbers), saying which; every call allocates in its arena. */
struct fails {
	const size_t *at;
	atomic_int calls;
};

static int maybe_fail(void *ctx, arena *a, size_t i, err *e)
{
	struct fails *f = ctx;
	atomic_fetch_add(&f->calls, 1);
	assert_non_null(arena_alloc(a, 64));
	for (const size_t *p = f->at; *p; p++)
		if (*p == i + 1)
			return err_set(e, "item %zu failed", i);
	return 0;
}

static void first_error_in_order(void **state)
{
	(void)state;
	static const size_t none[] = {0}, some[] = {700, 12, 950, 0}, last[] = {500, 0};
	const size_t *cases[] = {none, some, last};
	const char *want[] = {NULL, "item 11 failed", "item 499 failed"};
	for (int jobs = 1; jobs <= 4; jobs++)
		for (size_t c = 0; c < 3; c++) {
			arena *a = arena_new();
			struct fails f = {cases[c], 0};
			pool_par par = {jobs, 0};
			err e = ERR_INIT;
			int rc = pool_each(&par, 500, a, maybe_fail, &f, &e);
			if (!want[c]) {
				assert_int_equal(rc, 0);
				assert_null(e.msg);
				assert_int_equal(atomic_load(&f.calls), 500);
			} else {
				assert_int_equal(rc, -1);
				assert_string_equal(e.msg, want[c]);
			}
			err_clear(&e);
			arena_free(a);
		}
}

static void parse_jobs(void **state)
{
	(void)state;
	int j = 0;
	assert_true(pool_parse_jobs("4", &j));
	assert_int_equal(j, 4);
	assert_true(pool_parse_jobs("1024", &j));
	assert_false(pool_parse_jobs("0", &j));
	assert_false(pool_parse_jobs("1025", &j));
	assert_false(pool_parse_jobs("", &j));
	assert_false(pool_parse_jobs("2x", &j));
	assert_false(pool_parse_jobs("-1", &j));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_index_once),
		cmocka_unit_test(workers_bounded),
		cmocka_unit_test(first_error_in_order),
		cmocka_unit_test(parse_jobs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
