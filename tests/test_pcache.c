/* Unit tests: pcache.c (parses kept under their text and handed out as
 * copies). */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "strata/pcache.h"

static const char DOC[] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n"
			  "data:\n  k: v\n  n: 1\n---\nkind: Second\nlist: [x, y]\n";

static int parse(pcache *c, arena *a, const char *file, const char *text, parse_docs *d)
{
	err e = ERR_INIT;
	int rc = pcache_parse(c, a, file, text, strlen(text), &parse_default_limits, d, &e);
	err_clear(&e);
	return rc;
}

static void assert_same_docs(const parse_docs *x, const parse_docs *y)
{
	assert_int_equal(x->n, y->n);
	for (size_t i = 0; i < x->n; i++)
		assert_true(node_equal(x->v[i], y->v[i]));
}

/* The second parse of a text is a copy of the first, equal to a plain
 * parse, positions and file names included. */
static void test_reused_equal(void **state)
{
	(void)state;
	pcache *c = pcache_new();
	arena *a = arena_new();
	parse_docs plain, d1, d2;
	err e = ERR_INIT;
	assert_int_equal(parse_yaml(a, "f.yaml", DOC, strlen(DOC), &plain, &e), 0);
	char *name1 = arena_strdup(a, "f.yaml"), *name2 = arena_strdup(a, "f.yaml");
	assert_int_equal(parse(c, a, name1, DOC, &d1), 0);
	assert_int_equal(parse(c, a, name2, DOC, &d2), 0);
	size_t parsed, reused;
	pcache_stats(c, &parsed, &reused);
	assert_int_equal(parsed, 1);
	assert_int_equal(reused, 1);
	assert_same_docs(&plain, &d1);
	assert_same_docs(&plain, &d2);
	const node *n = node_dig(d2.v[0], "data", "n", NULL);
	assert_int_equal(n->line, 7);
	assert_int_equal(n->col, 6);
	/* The caller's own name, not the cache's copy of it. */
	assert_ptr_equal(n->file, name2);
	assert_ptr_equal(d2.v[1]->file, name2);
	arena_free(a);
	pcache_free(c);
}

/* A copy is the caller's own: changing it changes neither the cache nor
 * another copy, and it outlives the cache. */
static void test_copies_independent(void **state)
{
	(void)state;
	pcache *c = pcache_new();
	arena *a = arena_new(), *b = arena_new();
	parse_docs d1, d2, d3;
	assert_int_equal(parse(c, a, "f.yaml", DOC, &d1), 0);
	arena_free(a);  /* the kept parse owns its text */
	a = arena_new();
	assert_int_equal(parse(c, a, "f.yaml", DOC, &d2), 0);
	node *md = node_get(d2.v[0], "metadata");
	node_set_str(a, md, "name", "changed");
	node_get(d2.v[0], "data")->map.n = 0;
	assert_int_equal(parse(c, b, "f.yaml", DOC, &d3), 0);
	assert_string_equal(node_get_str(node_get(d3.v[0], "metadata"), "name"), "a");
	assert_int_equal(node_get(d3.v[0], "data")->map.n, 2);
	pcache_free(c);  /* d3 stays readable */
	assert_string_equal(node_get_str(node_get(d3.v[0], "data"), "k"), "v");
	arena_free(a);
	arena_free(b);
}

/* Another name, other limits or other text: another entry. */
static void test_keys(void **state)
{
	(void)state;
	pcache *c = pcache_new();
	arena *a = arena_new();
	parse_docs d;
	assert_int_equal(parse(c, a, "f.yaml", DOC, &d), 0);
	assert_int_equal(parse(c, a, "g.yaml", DOC, &d), 0);
	assert_string_equal(d.v[0]->file, "g.yaml");
	assert_int_equal(parse(c, a, "f.yaml", "kind: Other\n", &d), 0);
	parse_limits lim = parse_default_limits;
	lim.last_key_wins = 1;
	err e = ERR_INIT;
	assert_int_equal(pcache_parse(c, a, "f.yaml", DOC, strlen(DOC), &lim, &d, &e), 0);
	size_t parsed, reused;
	pcache_stats(c, &parsed, &reused);
	assert_int_equal(parsed, 4);
	assert_int_equal(reused, 0);
	arena_free(a);
	pcache_free(c);
}

/* A failed parse is not kept: the same error every time. */
static void test_errors_not_kept(void **state)
{
	(void)state;
	pcache *c = pcache_new();
	arena *a = arena_new();
	const char *bad = "a: [1, 2\n";
	parse_docs d;
	for (int i = 0; i < 2; i++) {
		err e = ERR_INIT;
		assert_int_equal(pcache_parse(c, a, "bad.yaml", bad, strlen(bad),
					      &parse_default_limits, &d, &e),
				 -1);
		assert_non_null(strstr(e.msg, "bad.yaml:"));
		err_clear(&e);
	}
	size_t parsed, reused;
	pcache_stats(c, &parsed, &reused);
	assert_int_equal(parsed + reused, 0);
	arena_free(a);
	pcache_free(c);
}

/* No cache: a plain parse. */
static void test_null_cache(void **state)
{
	(void)state;
	arena *a = arena_new();
	parse_docs d;
	assert_int_equal(parse(NULL, a, "f.yaml", DOC, &d), 0);
	assert_int_equal(d.n, 2);
	arena_free(a);
}

struct job {
	pcache *c;
	int ok;
};

static void *hammer(void *arg)
{
	struct job *j = arg;
	arena *a = arena_new();
	char name[32];
	j->ok = 1;
	for (int i = 0; i < 200; i++) {
		parse_docs d;
		snprintf(name, sizeof name, "f%d.yaml", i % 7);
		if (parse(j->c, a, name, DOC, &d) || d.n != 2 ||
		    strcmp(node_get_str(node_get(d.v[0], "metadata"), "name"), "a") ||
		    strcmp(d.v[0]->file, name))
			j->ok = 0;
	}
	arena_free(a);
	return NULL;
}

/* Several threads at once (make tsan runs this too). */
static void test_threads(void **state)
{
	(void)state;
	pcache *c = pcache_new();
	pthread_t t[4];
	struct job j[4];
	for (int i = 0; i < 4; i++) {
		j[i] = (struct job){c, 0};
		assert_int_equal(pthread_create(&t[i], NULL, hammer, &j[i]), 0);
	}
	for (int i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		assert_true(j[i].ok);
	}
	size_t parsed, reused;
	pcache_stats(c, &parsed, &reused);
	assert_true(parsed >= 7 && parsed <= 28);
	assert_int_equal(parsed + reused, 800);
	pcache_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reused_equal),
		cmocka_unit_test(test_copies_independent),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_errors_not_kept),
		cmocka_unit_test(test_null_cache),
		cmocka_unit_test(test_threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
