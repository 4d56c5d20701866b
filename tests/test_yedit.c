/* Unit tests: yedit.c, rewriting a manifest with new document contents
 * while keeping its text.  Each case gives a file, the new content of each
 * of its documents, and the exact text expected: the original with only
 * the changed lines touched.  Every result is also read back and must be
 * the new document (yedit checks that itself; the tests check it again).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "strata/parse.h"
#include "strata/yedit.h"

static node *parse1(arena *a, const char *text)
{
	parse_docs d;
	err e = ERR_INIT;
	if (parse_yaml(a, "new.yaml", text, strlen(text), &d, &e))
		fail_msg("%s", e.msg);
	assert_int_equal(d.n, 1);
	return d.v[0];
}

/* news[i]: the new text of document piece i, NULL for unchanged. */
static void check(const char *orig, const char *const *news, size_t n, const char *want,
		  const char *note)
{
	arena *a = arena_new();
	yedit_file f;
	err e = ERR_INIT;
	if (yedit_load(a, "m.yaml", orig, strlen(orig), &f, &e))
		fail_msg("%s", e.msg);
	assert_int_equal(f.n, n);
	node **docs = arena_alloc(a, (n + 1) * sizeof *docs);
	for (size_t i = 0; i < n; i++)
		docs[i] = news[i] ? parse1(a, news[i]) : NULL;
	buf out = BUF_INIT, notes = BUF_INIT;
	if (yedit_render(a, &f, docs, &out, &notes, &e))
		fail_msg("%s", e.msg);
	if (strcmp(out.p ? out.p : "", want))
		fail_msg("got:\n%s\nwant:\n%s", out.p ? out.p : "", want);
	if (note)
		assert_non_null(strstr(notes.p ? notes.p : "", note));
	else
		assert_int_equal(notes.len, 0);
	yedit_file back;
	assert_int_equal(yedit_load(a, "back.yaml", out.p, out.len, &back, &e), 0);
	for (size_t i = 0; i < n && back.n == n; i++)
		if (docs[i])
			assert_true(yedit_same(back.v[i].doc, docs[i]));
	buf_free(&out);
	buf_free(&notes);
	arena_free(a);
}

static const char DEPLOY[] =
	"# the orders API\n"
	"apiVersion: apps/v1\n"
	"kind: Deployment\n"
	"metadata:\n"
	"  name: app1  # stable name\n"
	"spec:\n"
	"  replicas: 1\n"
	"  template:\n"
	"    spec:\n"
	"      containers:\n"
	"        - name: app\n"
	"          image: \"registry/app1:1.4.2\"\n"
	"          args: [\"--listen=:8080\"]\n"
	"          env:\n"
	"            # level for the whole service\n"
	"            - name: LOG_LEVEL\n"
	"              value: info\n"
	"        - name: envoy\n"
	"          # pinned by security\n"
	"          image: envoy:v1\n";

static char *with(const char *from, const char *to)
{
	static char out[4096];
	const char *p = strstr(DEPLOY, from);
	assert_non_null(p);
	snprintf(out, sizeof out, "%.*s%s%s", (int)(p - DEPLOY), DEPLOY, to, p + strlen(from));
	return out;
}

/* A new image keeps the double quotes, the comments and everything else. */
static void scalar_keeps_style(void **state)
{
	(void)state;
	char want[4096];
	snprintf(want, sizeof want, "%s", with("app1:1.4.2", "app1:1.4.3"));
	const char *news[] = {want};
	check(DEPLOY, news, 1, want, NULL);
}

static void plain_scalar_replaced(void **state)
{
	(void)state;
	char want[4096];
	snprintf(want, sizeof want, "%s", with("replicas: 1", "replicas: 4"));
	const char *news[] = {want};
	check(DEPLOY, news, 1, want, NULL);
}

/* A string that would read as a number gets quotes of its own. */
static void string_that_looks_numeric(void **state)
{
	(void)state;
	const char *orig = "kind: ConfigMap\ndata:\n  a: x  # note\n";
	const char *news[] = {"kind: ConfigMap\ndata:\n  a: \"300\"\n"};
	check(orig, news, 1, "kind: ConfigMap\ndata:\n  a: \"300\"  # note\n", NULL);
}

static void key_added_at_map_end(void **state)
{
	(void)state;
	char want[4096];
	snprintf(want, sizeof want, "%s",
		 with("          image: envoy:v1\n",
		      "          image: envoy:v1\n          imagePullPolicy: Always\n"));
	const char *news[] = {want};
	check(DEPLOY, news, 1, want, NULL);
}

/* A new nested value comes out in kustomize's style at the map's indent. */
static void nested_key_added(void **state)
{
	(void)state;
	const char *orig = "kind: Deployment\nmetadata:\n  name: a\nspec:\n  replicas: 1\n";
	const char *news[] = {"kind: Deployment\nmetadata:\n  name: a\n  labels: {tier: web, "
			      "team: shop}\nspec:\n  replicas: 1\n"};
	check(orig, news, 1,
	      "kind: Deployment\nmetadata:\n  name: a\n  labels:\n    team: shop\n    tier: web\n"
	      "spec:\n  replicas: 1\n",
	      NULL);
}

static void key_removed_with_its_lines(void **state)
{
	(void)state;
	const char *orig = "kind: Deployment\nspec:\n  replicas: 1\n  strategy:\n    type: Recreate\n"
			   "  paused: false\n";
	const char *news[] = {"kind: Deployment\nspec:\n  replicas: 1\n  paused: false\n"};
	check(orig, news, 1, news[0], NULL);
}

/* A JSON patch's "add .../env/-": one element after the last, same dash
 * column; the comment above the first element stays. */
static void element_appended(void **state)
{
	(void)state;
	char want[4096];
	snprintf(want, sizeof want, "%s",
		 with("              value: info\n",
		      "              value: info\n            - name: FLAGS\n"
		      "              value: new-checkout\n"));
	const char *news[] = {want};
	check(DEPLOY, news, 1, want, NULL);
}

/* A strategic merge puts the patched element first: it moves with its own
 * text (comment included) and its change. */
static void element_moved_with_its_text(void **state)
{
	(void)state;
	const char *orig = "spec:\n  containers:\n    - name: app\n      image: a:1\n"
			   "    - name: envoy\n      # pinned\n      image: e:1\n";
	const char *news[] = {"spec:\n  containers:\n    - name: envoy\n      image: e:2\n"
			      "    - name: app\n      image: a:1\n"};
	check(orig, news, 1,
	      "spec:\n  containers:\n    - name: envoy\n      # pinned\n      image: e:2\n"
	      "    - name: app\n      image: a:1\n",
	      NULL);
}

static void element_removed(void **state)
{
	(void)state;
	const char *orig = "args:\n- a\n- b  # gone\n- c\n";
	const char *news[] = {"args:\n- a\n- c\n"};
	check(orig, news, 1, "args:\n- a\n- c\n", NULL);
}

/* A flow list that grows cannot be edited in place: the document is
 * printed anew (its leading comment kept) and a note says so. */
static void flow_list_falls_back(void **state)
{
	(void)state;
	const char *orig = "# keep me\nkind: Pod\nspec:\n  args: [\"a\"]  # lost\n";
	const char *news[] = {"kind: Pod\nspec:\n  args: [a, b]\n"};
	check(orig, news, 1, "# keep me\nkind: Pod\nspec:\n  args:\n  - a\n  - b\n",
	      "written anew");
}

/* Only the changed document of a multi-document file is touched; the
 * separators and the other documents stay byte for byte. */
static void multi_document(void **state)
{
	(void)state;
	const char *orig = "# first\nkind: A\nv: 1\n---\n# second\nkind: B\nv: 1\n--- # third\n"
			   "kind: C\nv: 1\n";
	const char *news[] = {NULL, "kind: B\nv: 2\n", NULL};
	check(orig, news, 3,
	      "# first\nkind: A\nv: 1\n---\n# second\nkind: B\nv: 2\n--- # third\nkind: C\nv: 1\n",
	      NULL);
}

/* A JSON patch respells every number (1 becomes a float64); that is no
 * change, and the text keeps its spelling. */
static void respelled_numbers_are_no_change(void **state)
{
	(void)state;
	arena *a = arena_new();
	node *x = parse1(a, "a: 1\nb: [1234567, 0.5]\n");
	node *y = parse1(a, "a: 1.0\nb: [1.234567e+06, 0.50]\n");
	node *z = parse1(a, "a: \"1\"\nb: [1234567, 0.5]\n");
	assert_true(yedit_same(x, y));
	assert_false(yedit_same(x, z));
	arena_free(a);
}

static void crlf_refused(void **state)
{
	(void)state;
	arena *a = arena_new();
	yedit_file f;
	err e = ERR_INIT;
	const char *t = "a: 1\r\nb: 2\r\n";
	assert_int_equal(yedit_load(a, "w.yaml", t, strlen(t), &f, &e), -1);
	assert_non_null(strstr(e.msg, "w.yaml"));
	assert_non_null(strstr(e.msg, "CRLF"));
	err_clear(&e);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scalar_keeps_style),
		cmocka_unit_test(plain_scalar_replaced),
		cmocka_unit_test(string_that_looks_numeric),
		cmocka_unit_test(key_added_at_map_end),
		cmocka_unit_test(nested_key_added),
		cmocka_unit_test(key_removed_with_its_lines),
		cmocka_unit_test(element_appended),
		cmocka_unit_test(element_moved_with_its_text),
		cmocka_unit_test(element_removed),
		cmocka_unit_test(flow_list_falls_back),
		cmocka_unit_test(multi_document),
		cmocka_unit_test(respelled_numbers_are_no_change),
		cmocka_unit_test(crlf_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
