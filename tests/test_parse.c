/* Unit tests: parse.c and scalar.c (YAML reading as kustomize does).
 *
 * Expected values come from kubectl kustomize v5.5.0 (kustomize v5.5.0,
 * kyaml v0.18.1) on /tmp kustomizations with `resources: [r.yaml]` holding
 * the quoted input, unless a test says otherwise.  Where kustomize's own
 * error names no position the tests check strata's file:line:col. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "strata/parse.h"
#include "strata/scalar.h"

static void check_num(const char *in, const char *want);

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
	/* A comment-only piece between separators holds no document. */
	const char *t = "a: 1\n---\n# only a comment\n---\nb:\n  c: [1, 2]\n";
	assert_int_equal(parse_yaml(a, "f.yaml", t, strlen(t), &d, &e), 0);
	assert_int_equal(d.n, 2);
	node *c = node_dig(d.v[1], "b", "c", NULL);
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
	assert_non_null(strstr(e.msg, "d.yaml:3:1:"));
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

/* ---- helpers for the kustomize-behaviour tests -------------------------- */

static parse_docs parse_ok(arena *a, const char *text)
{
	parse_docs d;
	err e = ERR_INIT;
	int rc = parse_yaml(a, "r.yaml", text, strlen(text), &d, &e);
	if (rc)
		fail_msg("unexpected error: %s", e.msg);
	return d;
}

static parse_docs parse_len_ok(arena *a, const char *text, size_t len)
{
	parse_docs d;
	err e = ERR_INIT;
	int rc = parse_yaml(a, "r.yaml", text, len, &d, &e);
	if (rc)
		fail_msg("unexpected error: %s", e.msg);
	return d;
}

/* Parsing fails; the message starts with the position and holds want. */
static void parse_err_len(const char *text, size_t len, const char *pos, const char *want)
{
	arena *a = arena_new();
	parse_docs d;
	err e = ERR_INIT;
	assert_int_equal(parse_yaml(a, "r.yaml", text, len, &d, &e), -1);
	if (strncmp(e.msg, pos, strlen(pos)) || !strstr(e.msg, want))
		fail_msg("error \"%s\" lacks \"%s\" or \"%s\"", e.msg, pos, want);
	err_clear(&e);
	arena_free(a);
}

static void parse_err(const char *text, const char *pos, const char *want)
{
	parse_err_len(text, strlen(text), pos, want);
}

/* The kustomization reader (sigs.k8s.io/yaml). */
static node *parse_kust(arena *a, const char *text)
{
	parse_docs d;
	err e = ERR_INIT;
	parse_limits lim = parse_default_limits;
	lim.last_key_wins = 1;
	int rc = parse_yaml_limits(a, "kustomization.yaml", text, strlen(text), &lim, &d, &e);
	if (rc)
		fail_msg("unexpected error: %s", e.msg);
	assert_int_equal(d.n, 1);
	return d.v[0];
}

static void assert_str_at(const node *m, const char *key, const char *want)
{
	node *v = node_get(m, key);
	if (!v)
		fail_msg("no key %s", key);
	assert_true(node_is_scalar(v));
	assert_string_equal(v->str.s, want);
}

#define CM "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n"
#define CM_L CM "  labels: &l\n    a: \"1\"\n    b: \"2\"\n"

/* ---- merge keys (kyaml's DeAnchor) ---------------------------------------- */

static void test_merge_own_keys_win(void **state)
{
	(void)state;
	arena *a = arena_new();
	node *m = parse_ok(a, "base: &b\n  x: 1\n  y: 2\n" CM
			      "data:\n  <<: *b\n  y: \"own\"\n  z: \"3\"\n").v[0];
	node *data = node_get(m, "data");
	assert_int_equal(data->map.n, 3);
	assert_null(node_get(data, "<<"));
	assert_str_at(data, "x", "1");
	assert_int_equal(node_get(data, "x")->kind, NODE_INT);
	assert_str_at(data, "y", "own");
	assert_str_at(data, "z", "3");
	arena_free(a);
}

static void test_merge_list_earlier_wins(void **state)
{
	(void)state;
	arena *a = arena_new();
	node *m = parse_ok(a, CM_L "  annotations: &an\n    b: \"from-an\"\n    c: \"3\"\n"
				   "data:\n  y: own\n  <<: [*l, *an]\n").v[0];
	node *data = node_get(m, "data");
	assert_int_equal(data->map.n, 4);
	assert_str_at(data, "a", "1");
	assert_str_at(data, "b", "2");
	assert_str_at(data, "c", "3");
	assert_str_at(data, "y", "own");
	/* An inline map in the list counts like an alias. */
	m = parse_ok(a, CM_L "data:\n  <<: [*l, {a: \"x\", q: \"q\"}]\n").v[0];
	data = node_get(m, "data");
	assert_str_at(data, "a", "1");
	assert_str_at(data, "q", "q");
	/* So does an inline map as the whole value. */
	m = parse_ok(a, CM_L "data:\n  <<: {b: inline, c: \"3\"}\n  k: v\n").v[0];
	data = node_get(m, "data");
	assert_int_equal(data->map.n, 3);
	assert_str_at(data, "b", "inline");
	/* And a flow map holding the merge key. */
	m = parse_ok(a, CM_L "data: {<<: *l, z: \"9\"}\n").v[0];
	assert_int_equal(node_get(m, "data")->map.n, 3);
	arena_free(a);
}

/* A "<<" that is no merge key (quoted, or tagged !!str) is dropped, and its
 * value with it; a quoted "<<" tagged !!merge merges. */
static void test_merge_quoted_key_dropped(void **state)
{
	(void)state;
	arena *a = arena_new();
	node *data = node_get(parse_ok(a, CM_L "data:\n  \"<<\": *l\n  z: \"3\"\n").v[0], "data");
	assert_int_equal(data->map.n, 1);
	assert_str_at(data, "z", "3");
	data = node_get(parse_ok(a, CM_L "data:\n  \"<<\": zz\n  k: v\n").v[0], "data");
	assert_int_equal(data->map.n, 1);
	data = node_get(parse_ok(a, CM_L "data:\n  !!str <<: *l\n  k: v\n").v[0], "data");
	assert_int_equal(data->map.n, 1);
	data = node_get(parse_ok(a, CM_L "data:\n  !!merge \"<<\": *l\n  k: v\n").v[0], "data");
	assert_int_equal(data->map.n, 3);
	assert_str_at(data, "a", "1");
	arena_free(a);
}

/* kyaml drops the first key spelled "<<", whichever it is. */
static void test_merge_first_lt_dropped(void **state)
{
	(void)state;
	arena *a = arena_new();
	/* The quoted one goes; the merge key merges and stays (printing then
	 * merges it again, to the same effect). */
	node *data = node_get(
		parse_ok(a, CM_L "data:\n  \"<<\": *l\n  <<: {c: \"3\"}\n").v[0], "data");
	assert_str_at(data, "c", "3");
	assert_null(node_get(data, "a"));
	node_pair *p = node_find(data, "<<");
	assert_non_null(p);
	assert_false(p->key->flags & NODE_F_QUOTED);
	/* The merge key goes; the quoted "<<" stays a plain key whose map is
	 * printed as such ("<<:\n    a: \"1\"..."). */
	data = node_get(parse_ok(a, CM_L "data:\n  <<: {c: \"3\"}\n  \"<<\": *l\n").v[0],
			"data");
	assert_str_at(data, "c", "3");
	p = node_find(data, "<<");
	assert_non_null(p);
	assert_true(p->key->flags & NODE_F_QUOTED);
	assert_int_equal(p->val->kind, NODE_MAP);
	assert_null(node_get(data, "a"));
	arena_free(a);
}

static void test_merge_nested_and_in_place(void **state)
{
	(void)state;
	arena *a = arena_new();
	/* The anchored map merges first; the alias sees the result. */
	node *m = parse_ok(a, "x: &t\n  <<: {y: \"2\"}\n  x: \"1\"\n" CM "data:\n  <<: *t\n").v[0];
	assert_str_at(node_get(m, "data"), "y", "2");
	assert_str_at(node_get(m, "x"), "y", "2");
	assert_null(node_get(node_get(m, "x"), "<<"));
	/* Transformers see merged fields: metadata.name from a merge. */
	m = parse_ok(a, "m: &m\n  name: merged\napiVersion: v1\nkind: ConfigMap\n"
			"metadata:\n  <<: *m\n").v[0];
	assert_str_at(node_get(m, "metadata"), "name", "merged");
	arena_free(a);
}

static void test_merge_errors(void **state)
{
	(void)state;
	parse_err(CM_L "data:\n  <<: zz\n  k: v\n", "r.yaml:9:7:",
		  "map merge requires map or sequence of maps as the value");
	parse_err(CM_L "data:\n  <<:\n  k: v\n", "r.yaml:9:6:",
		  "map merge requires map or sequence of maps as the value");
	parse_err(CM_L "  s: &s str\ndata:\n  <<: *s\n  k: v\n", "r.yaml:10:7:",
		  "invalid map merge: received alias for a non-map value");
	parse_err(CM_L "data:\n  <<: [[*l]]\n  k: v\n", "r.yaml:9:8:",
		  "invalid map merge: received a nested sequence");
	parse_err(CM_L "data:\n  <<: [*l, x]\n  k: v\n", "r.yaml:9:12:",
		  "map merge requires map or sequence of maps as the value");
	parse_err(CM_L "data:\n  <<: *l\n  <<: *l\n", "r.yaml:10:3:", "duplicate merge key");
	/* After the document: a later syntax error in it is reported instead. */
	parse_err(CM_L "data:\n  <<: zz\n  k: [\n", "r.yaml:", "did not find expected");
}

/* sigs.k8s.io/yaml (go-yaml v2) merges at the key's place: later keys
 * override it, it overrides earlier ones; earlier maps of a list win. */
static void test_merge_kustomization_v2(void **state)
{
	(void)state;
	arena *a = arena_new();
	assert_str_at(parse_kust(a, "namespace: own\n<<: {namespace: a}\n"), "namespace", "a");
	assert_str_at(parse_kust(a, "<<: {namespace: a}\nnamespace: own\n"), "namespace", "own");
	assert_str_at(parse_kust(a, "<<: [{namespace: first}, {namespace: second}]\n"),
		      "namespace", "first");
	assert_str_at(parse_kust(a, "namespace: own\n<<: {namespace: a}\nnamespace: last\n"),
		      "namespace", "last");
	assert_str_at(parse_kust(a, "<<: {namespace: a}\n<<: {namespace: b}\n"), "namespace",
		      "b");
	/* A quoted "<<" is an ordinary (unknown) field there. */
	assert_non_null(node_get(parse_kust(a, "\"<<\": {namespace: a}\n"), "<<"));
	/* Only the first document is read. */
	assert_str_at(parse_kust(a, "namespace: a\n---\nnamespace: [\n"), "namespace", "a");
	arena_free(a);
	parse_limits lim = parse_default_limits;
	lim.last_key_wins = 1;
	a = arena_new();
	parse_docs d;
	err e = ERR_INIT;
	const char *t = "<<: [{namespace: first}, 5]\n";
	assert_int_equal(parse_yaml_limits(a, "k.yaml", t, strlen(t), &lim, &d, &e), -1);
	assert_non_null(strstr(e.msg, "k.yaml:1:26: yaml: map merge requires map"));
	err_clear(&e);
	arena_free(a);
}

/* ---- scalars ------------------------------------------------------------- */

/* strconv.ParseFloat's range error leaves the text a string in go-yaml v3
 * and v2; kustomize prints 1e400 plain and "1e-400" quoted (it is 0). */
static void test_out_of_range_floats(void **state)
{
	(void)state;
	const char *strs[] = {"1e400", "-1e400", "+1e400", "1.8e308", "1E400", ".1e400",
			      "1_0e400", "1.e400", "1e4_00", "0x1FFFFFFFFFFFFFFFFFF",
			      "0o7777777777777777777777777", "1.7976931348623159e308"};
	for (size_t i = 0; i < sizeof strs / sizeof *strs; i++) {
		assert_int_equal(scalar_resolve_v3(strs[i], strlen(strs[i])), SCALAR_STR);
		assert_int_equal(scalar_resolve_v2(strs[i], strlen(strs[i])), SCALAR_STR);
	}
	const char *floats[] = {"1e-400", "2e-324", "1.7976931348623157e308", "1e308",
				"99999999999999999999", "123456789012345678901234567890",
				"0.0001e312"};
	for (size_t i = 0; i < sizeof floats / sizeof *floats; i++) {
		assert_int_equal(scalar_resolve_v3(floats[i], strlen(floats[i])), SCALAR_FLOAT);
		assert_int_equal(scalar_resolve_v2(floats[i], strlen(floats[i])), SCALAR_FLOAT);
	}
	check_num("1e-400", "0");
	check_num("1.7976931348623157e308", "1.7976931348623157e+308");
	check_num("123456789012345678901234567890", "1.2345678901234568e+29");
	check_num("99999999999999999999", "1e+20");
	arena *a = arena_new();
	node *m = parse_ok(a, "a: 1e400\nb: 1e-400\n").v[0];
	assert_int_equal(node_get(m, "a")->kind, NODE_STR);
	assert_int_equal(node_get(m, "b")->kind, NODE_FLOAT);
	arena_free(a);
}

static void test_bool11_words(void **state)
{
	(void)state;
	const char *yes[] = {"y", "Y", "yes", "Yes", "YES", "on", "On", "ON",
			     "n", "N", "no", "No", "NO", "off", "Off", "OFF"};
	for (size_t i = 0; i < sizeof yes / sizeof *yes; i++) {
		assert_true(scalar_is_bool11(yes[i], strlen(yes[i])));
		assert_int_equal(scalar_resolve_v3(yes[i], strlen(yes[i])), SCALAR_STR);
		assert_int_equal(scalar_resolve_v2(yes[i], strlen(yes[i])), SCALAR_BOOL);
	}
	const char *no[] = {"yEs", "oN", "nO", "true", "", "yess", "o"};
	for (size_t i = 0; i < sizeof no / sizeof *no; i++)
		assert_false(scalar_is_bool11(no[i], strlen(no[i])));
	assert_true(scalar_bool_value("Yes", 3));
	assert_true(scalar_bool_value("TRUE", 4));
	assert_false(scalar_bool_value("off", 3));
	assert_int_equal(scalar_resolve_v3("+.inf", 5), SCALAR_FLOAT);
	assert_int_equal(scalar_resolve_v3("+.nan", 5), SCALAR_STR);
	assert_int_equal(scalar_resolve_v3("Null", 4), SCALAR_NULL);
	assert_int_equal(scalar_resolve_v3("nULL", 4), SCALAR_STR);
}

/* kustomize: a: "1", b: 1, c: x, d: hello, e: 1, g: true, h: null,
 * i: "2001-12-14T00:00:00Z", j: "~", k: 16, l: 1000, m: "true", n: "5",
 * t: 12, w: 15, x: 16, y: "2001-12-14", aa: hello (line breaks skipped). */
static void test_explicit_tags(void **state)
{
	(void)state;
	arena *a = arena_new();
	node *m = parse_ok(a, "a: !!str 1\nb: !!int \"1\"\nc: !custom x\nd: !!binary aGVsbG8=\n"
			      "e: !!float 1\ng: !!bool \"true\"\nh: !!null \"\"\n"
			      "i: !!timestamp 2001-12-14\nj: !!str ~\nk: !!int 0x10\n"
			      "l: !!float \"1e3\"\nm: !!str true\n"
			      "n: !<tag:yaml.org,2002:str> 5\nt: ! 12\nw: !!int \"0o17\"\n"
			      "x: !!float \"0x10\"\ny: !!str 2001-12-14\nag: !custom 1\n"
			      "aa: !!binary |\n  aGVs\n  bG8=\nac: !!bool \"False\"\n").v[0];
	struct {
		const char *key;
		node_kind kind;
		const char *text;
	} want[] = {
		{"a", NODE_STR, "1"},     {"b", NODE_INT, "1"},        {"c", NODE_STR, "x"},
		{"d", NODE_STR, "hello"}, {"e", NODE_FLOAT, "1"},      {"g", NODE_BOOL, "true"},
		{"h", NODE_NULL, ""},     {"i", NODE_STR, "2001-12-14"}, {"j", NODE_STR, "~"},
		{"k", NODE_INT, "0x10"},  {"l", NODE_FLOAT, "1e3"},    {"m", NODE_STR, "true"},
		{"n", NODE_STR, "5"},     {"t", NODE_INT, "12"},       {"w", NODE_INT, "0o17"},
		{"x", NODE_FLOAT, "0x10"}, {"y", NODE_STR, "2001-12-14"}, {"ag", NODE_STR, "1"},
		{"aa", NODE_STR, "hello"}, {"ac", NODE_BOOL, "false"},
	};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
		node *v = node_get(m, want[i].key);
		assert_non_null(v);
		if (v->kind != want[i].kind || strcmp(v->str.s, want[i].text))
			fail_msg("%s: kind %d text %s", want[i].key, v->kind, v->str.s);
	}
	assert_true(node_get(m, "i")->flags & NODE_F_TIMESTAMP);
	assert_true(node_get(m, "a")->flags & NODE_F_QUOTED);
	assert_false(node_get(m, "y")->flags & NODE_F_TIMESTAMP);
	/* Decoded bytes may be anything ("/w==" prints as U+FFFD). */
	node *b = node_get(parse_ok(a, "x: !!binary \"/w==\"\n").v[0], "x");
	assert_int_equal(b->str.len, 1);
	assert_int_equal((unsigned char)b->str.s[0], 0xFF);
	arena_free(a);
}

/* kustomize fails when it prints such a value. */
static void test_tag_errors(void **state)
{
	(void)state;
	parse_err("x: !!int x\n", "r.yaml:1:4:", "yaml: cannot decode !!str `x` as a !!int");
	parse_err("x: !!bool maybe\n", "r.yaml:1:4:", "cannot decode !!str `maybe` as a !!bool");
	parse_err("x: !!bool yes\n", "r.yaml:1:4:", "cannot decode !!str `yes` as a !!bool");
	parse_err("x: !!float abc\n", "r.yaml:1:4:", "cannot decode !!str `abc` as a !!float");
	parse_err("x: !!null x\n", "r.yaml:1:4:", "cannot decode !!str `x` as a !!null");
	parse_err("x: !!timestamp notatime\n", "r.yaml:1:4:",
		  "cannot decode !!str `notatime` as a !!timestamp");
	parse_err("x: !!int 1.5\n", "r.yaml:1:4:", "cannot decode !!float `1.5` as a !!int");
	parse_err("x: !!int 99999999999999999999\n", "r.yaml:1:4:",
		  "cannot decode !!float `99999999999999999999` as a !!int");
	parse_err("x: !!float 1e400\n", "r.yaml:1:4:", "cannot decode !!str `1e400` as a !!float");
	parse_err("x: !!binary \"@@@\"\n", "r.yaml:1:4:",
		  "!!binary value contains invalid base64 data");
	parse_err("x: !!binary aGVsbG8\n", "r.yaml:1:4:", "invalid base64");
	parse_err("x: !!binary \" aGVsbG8=\"\n", "r.yaml:1:4:", "invalid base64");
	parse_err("x: !!binary \"aGVsbA=\"\n", "r.yaml:1:4:", "invalid base64");
	parse_err("x: !e!x 1\n", "r.yaml:1:4:", "yaml: found undefined tag handle");
	parse_err("a: 1\nx: !e!x 1\n", "r.yaml:2:4:", "yaml: line 1: found undefined tag handle");
}

/* ---- input kustomize reads its own way ---------------------------------- */

static void test_tabs(void **state)
{
	(void)state;
	parse_err(CM "data:\n\ta: b\n", "r.yaml:6:1:",
		  "yaml: line 6: found character that cannot start any token");
	parse_err(CM "data:\n  a: |\n\t  x\n", "r.yaml:7:1:",
		  "yaml: line 6: found a tab character where an indentation space is expected");
	parse_err(CM "spec:\n  - a\n  -\tb\n", "r.yaml:7:4:",
		  "yaml: line 7: found character that cannot start any token");
	arena *a = arena_new();
	node *m = parse_ok(a, CM "data:\n  a:\tb\n  c: d\t\n  e: [\n\t1]\n").v[0];
	assert_str_at(node_get(m, "data"), "a", "b");
	assert_str_at(node_get(m, "data"), "c", "d");
	arena_free(a);
}

/* Accepted by the reader; kustomize then says "missing Resource metadata". */
static void test_bare_scalar_and_list(void **state)
{
	(void)state;
	arena *a = arena_new();
	parse_docs d = parse_ok(a, "hello\n");
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0]->kind, NODE_STR);
	d = parse_ok(a, "- a\n- b\n");
	assert_int_equal(d.v[0]->kind, NODE_SEQ);
	assert_int_equal(d.v[0]->seq.n, 2);
	arena_free(a);
}

/* kyaml cuts the text at "---" lines before go-yaml sees it, so a directive
 * stands alone; go-yaml accepts no %YAML but 1.1. */
static void test_directives(void **state)
{
	(void)state;
	parse_err("%YAML 1.2\n---\n" CM, "r.yaml:", "yaml: found incompatible YAML document");
	parse_err("%YAML 1.3\n---\n" CM, "r.yaml:", "yaml: found incompatible YAML document");
	parse_err("%YAML 1.1\n---\n" CM, "r.yaml:2:1:",
		  "yaml: line 1: did not find expected <document start>");
	parse_err("%TAG !e! tag:example.com,2000:\n---\n" CM, "r.yaml:2:1:",
		  "yaml: line 1: did not find expected <document start>");
}

static void test_bom_and_crlf(void **state)
{
	(void)state;
	arena *a = arena_new();
	parse_docs d = parse_ok(a, "\xef\xbb\xbf" CM);
	assert_str_at(node_get(d.v[0], "metadata"), "name", "x");
	/* Each piece may start with its own BOM. */
	d = parse_ok(a, CM "---\n\xef\xbb\xbf" "apiVersion: v1\nkind: ConfigMap\n");
	assert_int_equal(d.n, 2);
	assert_str_at(d.v[1], "kind", "ConfigMap");
	d = parse_ok(a, "a: 1\r\n---\r\nb: |\r\n  x\r\n  y\r\n");
	assert_int_equal(d.n, 2);
	assert_str_at(d.v[1], "b", "x\ny\n");
	assert_int_equal(node_get(d.v[1], "b")->line, 3);
	arena_free(a);
	/* kustomize: "line 4" (of the second piece); strata adds the file's. */
	parse_err(CM "---\r\napiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: b\r\n"
		     "\tbad: 1\r\n",
		  "r.yaml:10:1:", "yaml: line 4: found a tab character that violates indentation");
}

static void test_control_chars_and_utf8(void **state)
{
	(void)state;
	parse_err_len(CM "data:\n  a: b\0c\n", sizeof CM "data:\n  a: b\0c\n" - 1, "r.yaml:6:7:",
		      "yaml: control characters are not allowed");
	parse_err(CM "data:\n  a: b\x7f" "c\n", "r.yaml:6:7:", "control characters are not allowed");
	parse_err(CM "data:\n  a: b\x01" "c\n", "r.yaml:6:7:", "control characters are not allowed");
	parse_err(CM "data:\n  a: b\xff" "c\n", "r.yaml:6:7:", "yaml: invalid leading UTF-8 octet");
	parse_err(CM "data:\n  a: \"b\xc3\"\n", "r.yaml:6:9:", "invalid trailing UTF-8 octet");
	parse_err(CM "# comment \xff\n", "r.yaml:5:11:", "invalid leading UTF-8 octet");
	parse_err(CM "data:\n  a: \xed\xa0\x80\n", "r.yaml:6:6:", "invalid Unicode character");
	parse_err(CM "data:\n  a: \xc0\x80\n", "r.yaml:6:6:", "invalid length of a UTF-8 sequence");
	arena *a = arena_new();
	/* U+FEFF inside text and "\0" escapes are fine. */
	node *m = parse_ok(a, "a: b\xef\xbb\xbf" "c\nb: \"\\0x\"\n").v[0];
	assert_int_equal(node_get(m, "a")->str.len, 5);
	assert_int_equal(node_get(m, "b")->str.len, 2);
	arena_free(a);
}

static void test_long_lines_and_keys(void **state)
{
	(void)state;
	arena *a = arena_new();
	size_t n = 2000000;
	char *t = malloc(n + 16);
	memcpy(t, "a: ", 3);
	memset(t + 3, 'v', n);
	memcpy(t + 3 + n, "\n", 2);
	parse_docs d = parse_ok(a, t);
	assert_int_equal(node_get(d.v[0], "a")->str.len, n);
	/* Simple keys end at 1024 characters (the emitter refuses past 1022). */
	memset(t, 'k', 1023);
	memcpy(t + 1023, ": v\n", 5);
	d = parse_ok(a, t);
	assert_int_equal(d.v[0]->map.v[0].key->str.len, 1023);
	memset(t, 'k', 1025);
	memcpy(t + 1025, ": v\n", 5);
	/* go-yaml names no line for a problem on the first one. */
	parse_err(t, "r.yaml:1:1026:", "yaml: mapping values are not allowed in this context");
	free(t);
	arena_free(a);
}

static void test_anchors(void **state)
{
	(void)state;
	arena *a = arena_new();
	node *m = parse_ok(a, "a: &x one\nb: *x\nc: &x two\nd: *x\n").v[0];
	assert_str_at(m, "b", "one");
	assert_str_at(m, "d", "two");
	/* An alias of a scalar may be a key. */
	m = parse_ok(a, "n: &k keyname\n*k : b\n").v[0];
	assert_str_at(m, "keyname", "b");
	/* An anchor on an empty value. */
	m = parse_ok(a, "a: &x\nb: *x\n").v[0];
	assert_int_equal(node_get(m, "b")->kind, NODE_NULL);
	arena_free(a);
	parse_err("a: *nope\n", "r.yaml:1:4:", "yaml: unknown anchor 'nope' referenced");
	parse_err("a: &x &y v\n", "r.yaml:1:", "did not find expected key");
	/* kustomize overflows its stack here; strata refuses. */
	parse_err("data: &x\n  a: *x\n", "r.yaml:2:6:", "anchor 'x' value contains itself");
}

static void test_keys(void **state)
{
	(void)state;
	parse_err(CM "data:\n  k: v\n  k: w\n", "r.yaml:7:3:",
		  "mapping key \"k\" already defined at line 6");
	parse_err(CM "data:\n  k: v\n  \"k\": w\n", "r.yaml:7:3:",
		  "mapping key \"k\" already defined at line 6");
	parse_err(CM "data:\n  1: a\n  \"1\": b\n", "r.yaml:7:3:",
		  "mapping key \"1\" already defined at line 6");
	parse_err(CM "data:\n  ? [a]\n  : b\n", "r.yaml:6:5:", "yaml: invalid map key");
	parse_err(CM "data:\n  ? {a: 1}\n  : b\n", "r.yaml:6:5:", "yaml: invalid map key");
	/* Null keys are read; printing refuses them (emit.c). */
	arena *a = arena_new();
	node *m = parse_ok(a, "null: a\n? b\n").v[0];
	assert_int_equal(m->map.v[0].key->kind, NODE_NULL);
	assert_int_equal(m->map.v[1].val->kind, NODE_NULL);
	/* Many keys: the duplicate check uses an index. */
	char big[6000];
	size_t o = 0;
	for (int i = 0; i < 400; i++)
		o += (size_t)snprintf(big + o, sizeof big - o, "k%d: v\n", i);
	m = parse_len_ok(a, big, o).v[0];
	assert_int_equal(m->map.n, 400);
	snprintf(big + o, sizeof big - o, "k17: again\n");
	parse_err(big, "r.yaml:401:1:", "mapping key \"k17\" already defined at line 18");
	arena_free(a);
}

static void test_document_separators(void **state)
{
	(void)state;
	parse_err(CM "--- x: 1\n" CM, "r.yaml:5:1:", "invalid document separator: --- x: 1");
	parse_err(CM "----\n" CM, "r.yaml:5:1:", "invalid document separator: ----");
	parse_err(CM "--- |\n  text\n", "r.yaml:5:1:", "invalid document separator: --- |");
	arena *a = arena_new();
	/* After "..." the rest of a piece is never read. */
	parse_docs d = parse_ok(a, CM "...\n" CM);
	assert_int_equal(d.n, 1);
	d = parse_ok(a, CM "...\nfoo: [\n");
	assert_int_equal(d.n, 1);
	d = parse_ok(a, CM "...\n---\n" CM);
	assert_int_equal(d.n, 2);
	d = parse_ok(a, CM "--- # c\n" CM "---#c\n" CM "---\t\n" CM "---\n---\n" CM);
	assert_int_equal(d.n, 5);
	assert_int_equal(d.v[4]->line, 22);
	arena_free(a);
}

/* The reader takes 10000 flow levels inside a block map, but printing
 * refuses more than 10000 nested collections in all ("yaml: exceeded max
 * depth of 10000"), so strata stops there at once. */
static void test_depth(void **state)
{
	(void)state;
	arena *a = arena_new();
	size_t depth = 9999;
	char *t = malloc(2 * depth + 8);
	memcpy(t, "a: ", 3);
	memset(t + 3, '[', depth);
	memset(t + 3 + depth, ']', depth);
	t[3 + 2 * depth] = 0;
	parse_docs d = parse_ok(a, t);
	assert_int_equal(node_get(d.v[0], "a")->kind, NODE_SEQ);
	free(t);
	depth = 10000;
	t = malloc(2 * depth + 8);
	memcpy(t, "a: ", 3);
	memset(t + 3, '[', depth);
	memset(t + 3 + depth, ']', depth);
	t[3 + 2 * depth] = 0;
	parse_err(t, "r.yaml:1:", "exceeded max depth of 10000");
	free(t);
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
		cmocka_unit_test(test_merge_own_keys_win),
		cmocka_unit_test(test_merge_list_earlier_wins),
		cmocka_unit_test(test_merge_quoted_key_dropped),
		cmocka_unit_test(test_merge_first_lt_dropped),
		cmocka_unit_test(test_merge_nested_and_in_place),
		cmocka_unit_test(test_merge_errors),
		cmocka_unit_test(test_merge_kustomization_v2),
		cmocka_unit_test(test_out_of_range_floats),
		cmocka_unit_test(test_bool11_words),
		cmocka_unit_test(test_explicit_tags),
		cmocka_unit_test(test_tag_errors),
		cmocka_unit_test(test_tabs),
		cmocka_unit_test(test_bare_scalar_and_list),
		cmocka_unit_test(test_directives),
		cmocka_unit_test(test_bom_and_crlf),
		cmocka_unit_test(test_control_chars_and_utf8),
		cmocka_unit_test(test_long_lines_and_keys),
		cmocka_unit_test(test_anchors),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_document_separators),
		cmocka_unit_test(test_depth),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
