/* Unit tests: emit.c.  Every expected text below is what `kubectl kustomize`
 * (Kustomize v5.5.0) printed for the same input as a resource's spec. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "strata/emit.h"
#include "strata/parse.h"

#define HDR "apiVersion: v1\nkind: X\nmetadata:\n  name: x\nspec:\n"

static parse_docs parse_all(arena *a, const char *text)
{
	parse_docs d;
	err e = ERR_INIT;
	if (parse_yaml(a, "t.yaml", text, strlen(text), &d, &e))
		fail_msg("parse: %s", e.msg);
	return d;
}

/* Parses HDR + spec_in and checks the emitted text is HDR + spec_out. */
static void check_spec(const char *spec_in, const char *spec_out)
{
	arena *a = arena_new();
	char *in = arena_sprintf(a, "%s%s", HDR, spec_in);
	char *want = arena_sprintf(a, "%s%s", HDR, spec_out);
	parse_docs d = parse_all(a, in);
	assert_int_equal(d.n, 1);
	buf out = BUF_INIT;
	err e = ERR_INIT;
	if (emit_doc(&out, d.v[0], &e))
		fail_msg("emit: %s", e.msg);
	assert_string_equal(out.p, want);
	/* libyaml alone prints the same. */
	buf ref = BUF_INIT;
	if (emit_docs_via(&ref, d.v, 1, EMIT_LIBYAML, &e))
		fail_msg("emit via libyaml: %s", e.msg);
	assert_string_equal(ref.p, want);
	buf_free(&ref);
	buf_free(&out);
	arena_free(a);
}

/* Emitting HDR + spec_in fails with a message holding each of the texts. */
static void check_error(const char *spec_in, const char *where, const char *what)
{
	arena *a = arena_new();
	char *in = arena_sprintf(a, "%s%s", HDR, spec_in);
	parse_docs d = parse_all(a, in);
	buf out = BUF_INIT;
	buf_adds(&out, "kept");
	err e = ERR_INIT;
	assert_int_equal(emit_doc(&out, d.v[0], &e), -1);
	if (!strstr(e.msg, where) || !strstr(e.msg, what))
		fail_msg("unexpected error: %s", e.msg);
	/* Nothing half-written is left behind. */
	assert_string_equal(out.p, "kept");
	err_clear(&e);
	buf_free(&out);
	arena_free(a);
}

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

static void assert_key_order(const char *a, const char *b)
{
	if (sign(emit_key_cmp(a, strlen(a), b, strlen(b))) != -1 ||
	    sign(emit_key_cmp(b, strlen(b), a, strlen(a))) != 1)
		fail_msg("expected \"%s\" before \"%s\"", a, b);
}

/* The comparison itself, on pairs whose order the oracle printed. */
static void test_key_cmp_pairs(void **state)
{
	(void)state;
	assert_key_order("-y", ".z");
	assert_key_order("_x", "9x");
	assert_key_order("9x", "10x");
	assert_key_order("Z", "a");
	assert_key_order("a_b", "a1");
	assert_key_order("a1", "a01");
	assert_key_order("a01", "a001");
	assert_key_order("a001", "a9");
	assert_key_order("a09", "a10");
	assert_key_order("a19", "a100");
	assert_key_order("ab", "\xc3\xa9");
	assert_key_order("x\xe2\x82\xac", "x1"); /* x€ x1: a symbol is no letter */
	assert_key_order("x1", "xa");
	assert_int_equal(emit_key_cmp("abc", 3, "abc", 3), 0);
	assert_key_order("abc", "abcd");
}

/* go-yaml v2's key order: non-letters first, digit runs by value. */
static void test_key_order_digit_runs(void **state)
{
	(void)state;
	check_spec("  \"é\": 1\n"
		   "  \"ab\": 1\n"
		   "  \"a10\": 1\n"
		   "  \"a09\": 1\n"
		   "  \"a9\": 1\n"
		   "  \"a001\": 1\n"
		   "  \"a01\": 1\n"
		   "  \"a1\": 1\n"
		   "  \"a_b\": 1\n"
		   "  \"a.b\": 1\n"
		   "  \"a-b\": 1\n"
		   "  \"a\": 1\n"
		   "  \"Z\": 1\n"
		   "  \"B\": 1\n"
		   "  \"10x\": 1\n"
		   "  \"9x\": 1\n"
		   "  \"_x\": 1\n"
		   "  \".z\": 1\n"
		   "  \"-y\": 1\n"
		   "  \"a100\": 1\n"
		   "  \"a19\": 1\n",
		   "  -y: 1\n"
		   "  .z: 1\n"
		   "  _x: 1\n"
		   "  9x: 1\n"
		   "  10x: 1\n"
		   "  B: 1\n"
		   "  Z: 1\n"
		   "  a: 1\n"
		   "  a-b: 1\n"
		   "  a.b: 1\n"
		   "  a_b: 1\n"
		   "  a1: 1\n"
		   "  a01: 1\n"
		   "  a001: 1\n"
		   "  a9: 1\n"
		   "  a09: 1\n"
		   "  a10: 1\n"
		   "  a19: 1\n"
		   "  a100: 1\n"
		   "  ab: 1\n"
		   "  é: 1\n");
}

/* unicode.IsLetter decides letter-vs-symbol for non-ASCII runes. */
static void test_key_order_unicode(void **state)
{
	(void)state;
	check_spec("  \"x€\": 1\n"
		   "  \"x→\": 1\n"
		   "  \"x_\": 1\n"
		   "  \"x1\": 1\n"
		   "  \"x3\": 1\n"
		   "  \"x03\": 1\n"
		   "  \"x٣\": 1\n"
		   "  \"xa\": 1\n"
		   "  \"xé\": 1\n"
		   "  \"xÀ\": 1\n"
		   "  \"xª\": 1\n"
		   "  \"x\360\237\230\200\": 1\n"
		   "  \"x\360\235\237\230\": 1\n"
		   "  \"x٠\": 1\n"
		   "  \"x٩\": 1\n"
		   "  \"x١٠\": 1\n"
		   "  \"xİ\": 1\n"
		   "  \"xı\": 1\n"
		   "  \"x~\": 1\n"
		   "  \"x-\": 1\n"
		   "  \"x.\": 1\n",
		   "  x-: 1\n"
		   "  x.: 1\n"
		   "  x_: 1\n"
		   "  x~: 1\n"
		   "  x€: 1\n"
		   "  x→: 1\n"
		   "  \"x\\U0001F600\": 1\n"
		   "  x1: 1\n"
		   "  x3: 1\n"
		   "  x03: 1\n"
		   "  x٠: 1\n"
		   "  x٣: 1\n"
		   "  x٩: 1\n"
		   "  x١٠: 1\n"
		   "  \"x\\U0001D7D8\": 1\n"
		   "  xa: 1\n"
		   "  xª: 1\n"
		   "  xÀ: 1\n"
		   "  xé: 1\n"
		   "  xİ: 1\n"
		   "  xı: 1\n");
}

/* keys that look like numbers are strings, ordered as digit runs. */
static void test_key_order_numeric_keys(void **state)
{
	(void)state;
	check_spec("  \"1\": 1\n"
		   "  \"01\": 1\n"
		   "  \"001\": 1\n"
		   "  \"0\": 1\n"
		   "  \"00\": 1\n"
		   "  \"2\": 1\n"
		   "  \"10\": 1\n"
		   "  \"100\": 1\n"
		   "  \"20\": 1\n"
		   "  \"1.5\": 1\n"
		   "  \"1.10\": 1\n"
		   "  \"1.9\": 1\n"
		   "  \"v1\": 1\n"
		   "  \"v1.2\": 1\n"
		   "  \"v1.10\": 1\n"
		   "  \"v1.9\": 1\n"
		   "  \"v2\": 1\n",
		   "  \"0\": 1\n"
		   "  \"00\": 1\n"
		   "  \"1\": 1\n"
		   "  \"1.5\": 1\n"
		   "  \"1.9\": 1\n"
		   "  \"1.10\": 1\n"
		   "  \"01\": 1\n"
		   "  \"001\": 1\n"
		   "  \"2\": 1\n"
		   "  \"10\": 1\n"
		   "  \"20\": 1\n"
		   "  \"100\": 1\n"
		   "  v1: 1\n"
		   "  v1.2: 1\n"
		   "  v1.9: 1\n"
		   "  v1.10: 1\n"
		   "  v2: 1\n");
}

/* strings go-yaml v2 would misread are double-quoted; plain-unsafe ones single-quoted. */
static void test_string_quoting(void **state)
{
	(void)state;
	check_spec("  k00: \"1\"\n"
		   "  k01: \"true\"\n"
		   "  k02: \"yes\"\n"
		   "  k03: \"y\"\n"
		   "  k04: \"n\"\n"
		   "  k05: \"on\"\n"
		   "  k06: \"off\"\n"
		   "  k07: \"null\"\n"
		   "  k08: \"~\"\n"
		   "  k09: \"1e3\"\n"
		   "  k10: \"0x10\"\n"
		   "  k11: \"0o17\"\n"
		   "  k12: \"1_000\"\n"
		   "  k13: \"1:20\"\n"
		   "  k14: \"2024-01-01\"\n"
		   "  k15: \"\"\n"
		   "  k16: \"&amp\"\n"
		   "  k17: \"*star\"\n"
		   "  k18: \"- x\"\n"
		   "  k19: \"a #b\"\n"
		   "  k20: \": x\"\n"
		   "  k21: \"x:\"\n"
		   "  k22: \"[a]\"\n"
		   "  k23: \" lead\"\n"
		   "  k24: \"-\"\n"
		   "  k25: \"it's\"\n"
		   "  k26: \"a#b\"\n"
		   "  k27: \"50%\"\n"
		   "  k28: \"?x\"\n"
		   "  k29: \"=\"\n"
		   "  k30: \"1.2.3\"\n"
		   "  k31: \"Y\"\n"
		   "  k32: \"NO\"\n"
		   "  k33: \"Off\"\n"
		   "  k34: \"TRUE\"\n"
		   "  k35: \"False\"\n"
		   "  k36: \".5\"\n"
		   "  k37: \"+1\"\n"
		   "  k38: \"-1\"\n"
		   "  k39: \".inf\"\n"
		   "  k40: \".nan\"\n"
		   "  k41: \"0b101\"\n"
		   "  k42: \"190:20:30.15\"\n"
		   "  k43: \"trail \"\n"
		   "  k44: \"a: b\"\n"
		   "  k45: \"a:b\"\n"
		   "  k46: \"{x\"\n"
		   "  k47: \"!x\"\n"
		   "  k48: \"|x\"\n"
		   "  k49: \">x\"\n"
		   "  k50: \"%x\"\n"
		   "  k51: \"@x\"\n"
		   "  k52: \"`x\"\n"
		   "  k53: \"#x\"\n"
		   "  k54: \",x\"\n"
		   "  k55: \"x,y\"\n"
		   "  k56: \"\\\"q\\\"\"\n"
		   "  k57: \"'s'\"\n"
		   "  k58: \"a\\\\b\"\n"
		   "  k59: \"x  y\"\n",
		   "  k00: \"1\"\n"
		   "  k01: \"true\"\n"
		   "  k02: \"yes\"\n"
		   "  k03: \"y\"\n"
		   "  k04: \"n\"\n"
		   "  k05: \"on\"\n"
		   "  k06: \"off\"\n"
		   "  k07: \"null\"\n"
		   "  k08: \"~\"\n"
		   "  k09: \"1e3\"\n"
		   "  k10: \"0x10\"\n"
		   "  k11: \"0o17\"\n"
		   "  k12: \"1_000\"\n"
		   "  k13: \"1:20\"\n"
		   "  k14: \"2024-01-01\"\n"
		   "  k15: \"\"\n"
		   "  k16: '&amp'\n"
		   "  k17: '*star'\n"
		   "  k18: '- x'\n"
		   "  k19: 'a #b'\n"
		   "  k20: ': x'\n"
		   "  k21: 'x:'\n"
		   "  k22: '[a]'\n"
		   "  k23: ' lead'\n"
		   "  k24: '-'\n"
		   "  k25: it's\n"
		   "  k26: a#b\n"
		   "  k27: 50%\n"
		   "  k28: ?x\n"
		   "  k29: =\n"
		   "  k30: 1.2.3\n"
		   "  k31: \"Y\"\n"
		   "  k32: \"NO\"\n"
		   "  k33: \"Off\"\n"
		   "  k34: \"TRUE\"\n"
		   "  k35: \"False\"\n"
		   "  k36: \".5\"\n"
		   "  k37: \"+1\"\n"
		   "  k38: \"-1\"\n"
		   "  k39: \".inf\"\n"
		   "  k40: \".nan\"\n"
		   "  k41: \"0b101\"\n"
		   "  k42: \"190:20:30.15\"\n"
		   "  k43: 'trail '\n"
		   "  k44: 'a: b'\n"
		   "  k45: a:b\n"
		   "  k46: '{x'\n"
		   "  k47: '!x'\n"
		   "  k48: '|x'\n"
		   "  k49: '>x'\n"
		   "  k50: '%x'\n"
		   "  k51: '@x'\n"
		   "  k52: '`x'\n"
		   "  k53: '#x'\n"
		   "  k54: ',x'\n"
		   "  k55: x,y\n"
		   "  k56: '\"q\"'\n"
		   "  k57: '''s'''\n"
		   "  k58: a\\b\n"
		   "  k59: x  y\n");
}

/* keys follow the same quoting rules. */
static void test_key_quoting(void **state)
{
	(void)state;
	check_spec("  \"1\": 0\n"
		   "  \"true\": 1\n"
		   "  \"yes\": 2\n"
		   "  \"y\": 3\n"
		   "  \"n\": 4\n"
		   "  \"on\": 5\n"
		   "  \"off\": 6\n"
		   "  \"null\": 7\n"
		   "  \"~\": 8\n"
		   "  \"&amp\": 16\n"
		   "  \"*star\": 17\n"
		   "  \"- x\": 18\n"
		   "  \"a #b\": 19\n"
		   "  \": x\": 20\n"
		   "  \"x:\": 21\n"
		   "  \"[a]\": 22\n"
		   "  \" lead\": 23\n"
		   "  \"-\": 24\n"
		   "  \"it's\": 25\n"
		   "  \"a#b\": 26\n"
		   "  \"?x\": 28\n"
		   "  \"=\": 29\n"
		   "  \"Y\": 31\n"
		   "  \"NO\": 32\n"
		   "  \"Off\": 33\n"
		   "  \"TRUE\": 34\n"
		   "  \"False\": 35\n"
		   "  \".5\": 36\n"
		   "  \"+1\": 37\n"
		   "  \"-1\": 38\n"
		   "  \".inf\": 39\n"
		   "  \".nan\": 40\n"
		   "  \"trail \": 43\n"
		   "  \"a: b\": 44\n"
		   "  \"a:b\": 45\n"
		   "  \"{x\": 46\n"
		   "  \"!x\": 47\n"
		   "  \"|x\": 48\n"
		   "  \">x\": 49\n"
		   "  \"%x\": 50\n"
		   "  \"@x\": 51\n"
		   "  \"`x\": 52\n"
		   "  \"#x\": 53\n"
		   "  \",x\": 54\n"
		   "  \"x,y\": 55\n"
		   "  \"\\\"q\\\"\": 56\n"
		   "  \"'s'\": 57\n"
		   "  \"a\\\\b\": 58\n"
		   "  \"x  y\": 59\n",
		   "  ' lead': 23\n"
		   "  '!x': 47\n"
		   "  '\"q\"': 56\n"
		   "  '#x': 53\n"
		   "  '%x': 50\n"
		   "  '&amp': 16\n"
		   "  '''s''': 57\n"
		   "  '*star': 17\n"
		   "  \"+1\": 37\n"
		   "  ',x': 54\n"
		   "  '-': 24\n"
		   "  '- x': 18\n"
		   "  \"-1\": 38\n"
		   "  \".5\": 36\n"
		   "  \".inf\": 39\n"
		   "  \".nan\": 40\n"
		   "  ': x': 20\n"
		   "  =: 29\n"
		   "  '>x': 49\n"
		   "  ?x: 28\n"
		   "  '@x': 51\n"
		   "  '[a]': 22\n"
		   "  '`x': 52\n"
		   "  '{x': 46\n"
		   "  '|x': 48\n"
		   "  \"~\": 8\n"
		   "  \"1\": 0\n"
		   "  \"False\": 35\n"
		   "  \"NO\": 32\n"
		   "  \"Off\": 33\n"
		   "  \"TRUE\": 34\n"
		   "  \"Y\": 31\n"
		   "  'a #b': 19\n"
		   "  a#b: 26\n"
		   "  'a: b': 44\n"
		   "  a:b: 45\n"
		   "  a\\b: 58\n"
		   "  it's: 25\n"
		   "  \"n\": 4\n"
		   "  \"null\": 7\n"
		   "  \"off\": 6\n"
		   "  \"on\": 5\n"
		   "  'trail ': 43\n"
		   "  \"true\": 1\n"
		   "  x  y: 59\n"
		   "  x,y: 55\n"
		   "  'x:': 21\n"
		   "  \"y\": 3\n"
		   "  \"yes\": 2\n");
}

/* YAML 1.1 booleans stay strings and are quoted; real booleans and nulls are canonical. */
static void test_yaml11_bools(void **state)
{
	(void)state;
	check_spec("  a: yes\n"
		   "  b: no\n"
		   "  c: on\n"
		   "  d: off\n"
		   "  e: y\n"
		   "  f: n\n"
		   "  g: true\n"
		   "  h: True\n"
		   "  i: FALSE\n"
		   "  j: null\n"
		   "  k: ~\n"
		   "  l:\n"
		   "  m: Null\n"
		   "  n: Y\n"
		   "  o: NO\n"
		   "  p: 'true'\n"
		   "  q: !!str 1\n"
		   "  yes: 1\n"
		   "  no: 2\n"
		   "  '~': 3\n",
		   "  \"~\": 3\n"
		   "  a: \"yes\"\n"
		   "  b: \"no\"\n"
		   "  c: \"on\"\n"
		   "  d: \"off\"\n"
		   "  e: \"y\"\n"
		   "  f: \"n\"\n"
		   "  g: true\n"
		   "  h: true\n"
		   "  i: false\n"
		   "  j: null\n"
		   "  k: null\n"
		   "  l: null\n"
		   "  m: null\n"
		   "  \"n\": \"Y\"\n"
		   "  \"no\": 2\n"
		   "  o: \"NO\"\n"
		   "  p: \"true\"\n"
		   "  q: \"1\"\n"
		   "  \"yes\": 1\n");
}

/* numbers in the spelling JSON and go-yaml v2 leave them. */
static void test_numbers(void **state)
{
	(void)state;
	check_spec("  n00: 1.0\n"
		   "  n01: 1e3\n"
		   "  n02: 0x1F\n"
		   "  n03: 017\n"
		   "  n04: +1\n"
		   "  n05: .5\n"
		   "  n06: 2.5e-7\n"
		   "  n07: 1.0e+20\n"
		   "  n08: 12345678901234567890\n"
		   "  n09: 123456789012345678901234\n"
		   "  n10: 0o17\n"
		   "  n11: 0b101\n"
		   "  n12: 1_000\n"
		   "  n13: -0\n"
		   "  n14: -0.0\n"
		   "  n15: 1e21\n"
		   "  n16: 1e20\n"
		   "  n17: 1e-7\n"
		   "  n18: 0.000001\n"
		   "  n19: 9223372036854775808\n"
		   "  n20: -9223372036854775809\n"
		   "  n21: 08\n"
		   "  n22: 1.e3\n"
		   "  n23: 6.02e23\n",
		   "  n00: 1\n"
		   "  n01: 1000\n"
		   "  n02: 31\n"
		   "  n03: 15\n"
		   "  n04: 1\n"
		   "  n05: 0.5\n"
		   "  n06: 2.5e-07\n"
		   "  n07: 1e+20\n"
		   "  n08: 12345678901234567890\n"
		   "  n09: 1.2345678901234569e+23\n"
		   "  n10: 15\n"
		   "  n11: 5\n"
		   "  n12: 1000\n"
		   "  n13: 0\n"
		   "  n14: 0\n"
		   "  n15: 1e+21\n"
		   "  n16: 1e+20\n"
		   "  n17: 1e-07\n"
		   "  n18: 1e-06\n"
		   "  n19: 9223372036854775808\n"
		   "  n20: -9.223372036854776e+18\n"
		   "  n21: 8\n"
		   "  n22: 1000\n"
		   "  n23: 6.02e+23\n");
}

/* plain timestamps print as quoted RFC 3339 strings. */
static void test_timestamps(void **state)
{
	(void)state;
	check_spec("  t0: 2001-12-14\n"
		   "  t1: 2001-12-14t21:59:43.10-05:00\n"
		   "  t2: 2001-12-14 21:59:43.10 -5\n"
		   "  t3: 2001-12-15T02:59:43.1Z\n"
		   "  t4: 2024-02-29T12:00:00+01:30\n"
		   "  t5: 2024-01-01T00:00:00.000000001Z\n"
		   "  t6: '2001-12-14'\n",
		   "  t0: \"2001-12-14T00:00:00Z\"\n"
		   "  t1: \"2001-12-14T21:59:43.1-05:00\"\n"
		   "  t2: 2001-12-14 21:59:43.10 -5\n"
		   "  t3: \"2001-12-15T02:59:43.1Z\"\n"
		   "  t4: \"2024-02-29T12:00:00+01:30\"\n"
		   "  t5: \"2024-01-01T00:00:00.000000001Z\"\n"
		   "  t6: \"2001-12-14\"\n");
}

/* empty maps and lists print in flow style; lists are not indented under keys. */
static void test_empty_collections(void **state)
{
	(void)state;
	check_spec("  a: {}\n"
		   "  b: []\n"
		   "  c:\n"
		   "    d: {}\n"
		   "    e: []\n"
		   "    f:\n"
		   "    - []\n"
		   "    - {}\n"
		   "    - - []\n"
		   "    g: ''\n"
		   "  h: [[], [1, [2, []]], {}]\n"
		   "  l: [[1, 2], [3]]\n"
		   "  m:\n"
		   "  - a: 1\n"
		   "    b: 2\n"
		   "  - c: [x]\n"
		   "    d: {e: f}\n"
		   "  - - p: 1\n"
		   "      q: 2\n"
		   "    - r\n",
		   "  a: {}\n"
		   "  b: []\n"
		   "  c:\n"
		   "    d: {}\n"
		   "    e: []\n"
		   "    f:\n"
		   "    - []\n"
		   "    - {}\n"
		   "    - - []\n"
		   "    g: \"\"\n"
		   "  h:\n"
		   "  - []\n"
		   "  - - 1\n"
		   "    - - 2\n"
		   "      - []\n"
		   "  - {}\n"
		   "  l:\n"
		   "  - - 1\n"
		   "    - 2\n"
		   "  - - 3\n"
		   "  m:\n"
		   "  - a: 1\n"
		   "    b: 2\n"
		   "  - c:\n"
		   "    - x\n"
		   "    d:\n"
		   "      e: f\n"
		   "  - - p: 1\n"
		   "      q: 2\n"
		   "    - r\n");
}

/* strings with newlines are literal blocks with |, |-, |+ and indentation hints. */
static void test_literal_blocks(void **state)
{
	(void)state;
	check_spec("  s00: \"a\\x0ab\"\n"
		   "  s01: \"a\\x0ab\\x0a\"\n"
		   "  s02: \"a\\x0ab\\x0a\\x0a\"\n"
		   "  s03: \"a\\x0ab\\x0a\\x0a\\x0a\"\n"
		   "  s04: \"\\x0a\"\n"
		   "  s05: \"\\x0a\\x0a\"\n"
		   "  s06: \"\\x0aa\"\n"
		   "  s07: \" a\\x0ab\"\n"
		   "  s08: \"  a\\x0ab\\x0a\"\n"
		   "  s09: \"a\\x0a b\"\n"
		   "  s10: \"x\\x0a\\x0ay\"\n"
		   "  s11: \"a\\x0a#b\"\n"
		   "  s12: \"- a\\x0a- b\"\n"
		   "  l:\n"
		   "  - \"a\\x0ab\"\n"
		   "  - \"a\\x0ab\\x0a\"\n"
		   "  - \"a\\x0ab\\x0a\\x0a\"\n"
		   "  - \"a\\x0ab\\x0a\\x0a\\x0a\"\n"
		   "  - \"\\x0a\"\n"
		   "  - \"\\x0a\\x0a\"\n",
		   "  l:\n"
		   "  - |-\n"
		   "    a\n"
		   "    b\n"
		   "  - |\n"
		   "    a\n"
		   "    b\n"
		   "  - |+\n"
		   "    a\n"
		   "    b\n"
		   "\n"
		   "  - |+\n"
		   "    a\n"
		   "    b\n"
		   "\n"
		   "\n"
		   "  - |2+\n"
		   "\n"
		   "  - |2+\n"
		   "\n"
		   "\n"
		   "  s00: |-\n"
		   "    a\n"
		   "    b\n"
		   "  s01: |\n"
		   "    a\n"
		   "    b\n"
		   "  s02: |+\n"
		   "    a\n"
		   "    b\n"
		   "\n"
		   "  s03: |+\n"
		   "    a\n"
		   "    b\n"
		   "\n"
		   "\n"
		   "  s04: |2+\n"
		   "\n"
		   "  s05: |2+\n"
		   "\n"
		   "\n"
		   "  s06: |2-\n"
		   "\n"
		   "    a\n"
		   "  s07: |2-\n"
		   "     a\n"
		   "    b\n"
		   "  s08: |2\n"
		   "      a\n"
		   "    b\n"
		   "  s09: |-\n"
		   "    a\n"
		   "     b\n"
		   "  s10: |-\n"
		   "    x\n"
		   "\n"
		   "    y\n"
		   "  s11: |-\n"
		   "    a\n"
		   "    #b\n"
		   "  s12: |-\n"
		   "    - a\n"
		   "    - b\n");
}

/* tabs, CR, controls, U+FEFF, 4-byte UTF-8 and space-before-newline force escapes. */
static void test_double_quoted_escapes(void **state)
{
	(void)state;
	check_spec("  s00: \"a \\x0ab\"\n"
		   "  s01: \"a\\x09\\x0ab\"\n"
		   "  s02: \"a\\x09b\"\n"
		   "  s03: \"\\x09a\"\n"
		   "  s04: \"a\\x0db\"\n"
		   "  s05: \"a\\x0d\\x0ab\\x0a\"\n"
		   "  s06: \"a\\x01b\"\n"
		   "  s07: \"a\\x1bb\"\n"
		   "  s08: \"a\\ufeff\"\n"
		   "  s09: \"\\U0001f600\"\n"
		   "  s10: \"a\\U0001f600\\x0ab\"\n"
		   "  s11: \"a\\x08b\\x0cc\\u2028d\"\n"
		   "  s12: \"a\\x0ab \"\n"
		   "  s13: \"a \\x0a\"\n"
		   "  s14: \"a\\x00b\"\n"
		   "  s15: \"a\\x07\"\n"
		   "  s16: \"a\\x0b\"\n"
		   "  s17: \"a\\ufeff\\x0ab\"\n"
		   "  s18: \"a\\x0a\\x09b\\x0a\"\n",
		   "  s00: \"a \\nb\"\n"
		   "  s01: \"a\\t\\nb\"\n"
		   "  s02: \"a\\tb\"\n"
		   "  s03: \"\\ta\"\n"
		   "  s04: \"a\\rb\"\n"
		   "  s05: \"a\\r\\nb\\n\"\n"
		   "  s06: \"a\\x01b\"\n"
		   "  s07: \"a\\eb\"\n"
		   "  s08: \"a\\uFEFF\"\n"
		   "  s09: \"\\U0001F600\"\n"
		   "  s10: \"a\\U0001F600\\nb\"\n"
		   "  s11: \"a\\bb\\fc\\Ld\"\n"
		   "  s12: \"a\\nb \"\n"
		   "  s13: \"a \\n\"\n"
		   "  s14: \"a\\0b\"\n"
		   "  s15: \"a\\a\"\n"
		   "  s16: \"a\\v\"\n"
		   "  s17: \"a\\uFEFF\\nb\"\n"
		   "  s18: \"a\\n\\tb\\n\"\n");
}

/* BMP text stays raw; U+2028/U+2029 make a single-quoted string. */
static void test_unicode_raw(void **state)
{
	(void)state;
	check_spec("  s00: \"é\"\n"
		   "  s01: \"中文\"\n"
		   "  s02: \"a\302\240b\"\n"
		   "  s03: \"\302\240\"\n"
		   "  s04: \"\342\200\213\"\n"
		   "  s05: \"\356\200\200\"\n"
		   "  s06: \"\357\277\275\"\n"
		   "  s07: \"a\\u2028b\"\n"
		   "  s08: \"a\\u2029b\"\n"
		   "  s09: \"a\\u2028\\x0ab\"\n"
		   "  s10: \"a\302\240\\x0ab\"\n"
		   "  s11: \" \"\n"
		   "  s12: \"a \"\n"
		   "  s13: \"'\"\n"
		   "  s14: \"\\\"\"\n",
		   "  s00: é\n"
		   "  s01: 中文\n"
		   "  s02: a\302\240b\n"
		   "  s03: \302\240\n"
		   "  s04: \342\200\213\n"
		   "  s05: \356\200\200\n"
		   "  s06: \357\277\275\n"
		   "  s07: 'a\342\200\250    b'\n"
		   "  s08: 'a\342\200\251    b'\n"
		   "  s09: |-\n"
		   "    a\342\200\250\n"
		   "    b\n"
		   "  s10: |-\n"
		   "    a\302\240\n"
		   "    b\n"
		   "  s11: ' '\n"
		   "  s12: 'a '\n"
		   "  s13: ''''\n"
		   "  s14: '\"'\n");
}

/* no indentation before the closing quote after a final U+2028/U+2029. */
static void test_final_line_separator(void **state)
{
	(void)state;
	check_spec("  k0: \"a\\u2028\"\n"
		   "  k1: \"a\\u2029\"\n"
		   "  k2: \"\\u2028\"\n"
		   "  k3: \"a\\u2028'\\u2028\"\n"
		   "  k4: \"a\\u2028\\u2028\"\n"
		   "  l:\n"
		   "  - \"a\\u2028\"\n"
		   "  \"a\\u2029\": \"w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w "
		   "w w w w w w w w w w w w w w w w w w w \"\n",
		   "  ? 'a\342\200\251'\n"
		   "  : 'w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w"
		   " w\n"
		   "    w w w w w w w w w w w '\n"
		   "  k0: 'a\342\200\250'\n"
		   "  k1: 'a\342\200\251'\n"
		   "  k2: '\342\200\250'\n"
		   "  k3: 'a\342\200\250    ''\342\200\250'\n"
		   "  k4: 'a\342\200\250\342\200\250'\n"
		   "  l:\n"
		   "  - 'a\342\200\250'\n");
}

/* go-yaml v2 escapes every character of a string that starts with U+FEFF. */
static void test_leading_bom(void **state)
{
	(void)state;
	check_spec("  k0: \"\\ufeffa\"\n"
		   "  k1: \"\\ufeffé\"\n"
		   "  k2: \"\\ufeffĀ\"\n"
		   "  k3: \"\\ufeff中 x\\x0a\\x09\\U0001f600\"\n"
		   "  k4: \"\\ufeff\302\240\\u2028\\x85\"\n"
		   "  k5: \"\\ufefflong long long long long long long long long long long long long "
		   "long long long long long long long \"\n"
		   "  \"\\ufeff\302\240\": \"v v v v v v v v v v v v v v v v v v v v v v v v v v v v"
		   " v v v v v v v v v v v v v v v v v v v v v v \"\n",
		   "  \"\\uFEFF\\_\": 'v v v v v v v v v v v v v v v v v v v v v v v v v v v v v v v"
		   " v v v\n"
		   "    v v v v v v v v v v v v v v v v '\n"
		   "  k0: \"\\uFEFF\\x61\"\n"
		   "  k1: \"\\uFEFF\\xE9\"\n"
		   "  k2: \"\\uFEFF\\u0100\"\n"
		   "  k3: \"\\uFEFF\\u4E2D\\x20\\x78\\n\\t\\U0001F600\"\n"
		   "  k4: \"\\uFEFF\\_\\L\\x20\"\n"
		   "  k5: \"\\uFEFF\\x6C\\x6F\\x6E\\x67\\x20\\x6C\\x6F\\x6E\\x67\\x20\\x6C\\x6F\\x6E"
		   "\\x67\\x20\\x6C\\x6F\\x6E\\x67\\x20\\x6C\\x6F\\x6E\\x67\\x20\\x6C\\x6F\\x6E\\x67"
		   "\\x20\\x6C\\x6F\\x6E\\x67\\x20\\x6C\\x6F\\x6E\\x67\\x20\\x6C\\x6F\\x6E\\x67\\x20"
		   "\\x6C\\x6F\\x6E\\x67\\x20\\x6C\\x6F\\x6E\\x67\\x20\\x6C\\x6F\\x6E\\x67\\x20\\x6C"
		   "\\x6F\\x6E\\x67\\x20\\x6C\\x6F\\x6E\\x67\\x20\\x6C\\x6F\\x6E\\x67\\x20\\x6C\\x6F"
		   "\\x6E\\x67\\x20\\x6C\\x6F\\x6E\\x67\\x20\\x6C\\x6F\\x6E\\x67\\x20\\x6C\\x6F\\x6E"
		   "\\x67\\x20\\x6C\\x6F\\x6E\\x67\\x20\"\n");
}

/* a raw U+0085 in the JSON text is a line break that go-yaml v2 folds. */
static void test_nel_folds(void **state)
{
	(void)state;
	check_spec("  k0: \"a\\x85b\"\n"
		   "  k1: \"ab\\x85\"\n"
		   "  k2: \"\\x85x\"\n"
		   "  k3: \"a \\x85 b\"\n"
		   "  k4: \"a\\x85\\x85b\"\n"
		   "  k5: \"a \\x85  \\x85 \\x85 b\"\n"
		   "  k6: \"a\\x85\\x0ab\"\n"
		   "  k7: \"a\\x0a\\x85b\"\n"
		   "  k8: \"a\\x85---b\"\n",
		   "  k0: a b\n"
		   "  k1: 'ab '\n"
		   "  k2: ' x'\n"
		   "  k3: a b\n"
		   "  k4: |-\n"
		   "    a\n"
		   "    b\n"
		   "  k5: |-\n"
		   "    a\n"
		   "\n"
		   "    b\n"
		   "  k6: \"a \\nb\"\n"
		   "  k7: |-\n"
		   "    a\n"
		   "     b\n"
		   "  k8: a ---b\n");
}

/* long scalars fold at the first space past column 80; space-free text never folds. */
static void test_folding(void **state)
{
	(void)state;
	check_spec("  l00: \"ccc xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz bb a zzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz eeeee ddd"
		   "d dddd zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzz zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzzzzzz yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yyyyyyyyyyyyyyyyyyy ccc dddd ccc yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yyyyyyyyyyyyyyyyyyyyyyy a\"\n"
		   "  l01: \"bb ccc a eeeee a eeeee zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yyyyyyyyyyyyyyyyyyyyyyyy yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yyyyyyyyyyyyyyy zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzzzz ccc xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx bb a ccc zzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "z dddd eeeee yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yyy eeeee yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   " yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy xxxxxxxx"
		   "xxxxxxxxxxxxxxxxxxxxxx yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yyyyyyyyyyyyy dddd xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx a eeeee ccc xxxxxxxxxxxxxxxxxx"
		   "xxxxxxxxxxxx\"\n"
		   "  l02: \"bb dddd eeeee eeeee bb bb zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz bb xxxxxxxxxxxxxxxxxxxx"
		   "xxxxxxxxxx bb yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yyyy ccc a eeeee yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yyyyyyy yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy b"
		   "b a a yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy xxx"
		   "xxxxxxxxxxxxxxxxxxxxxxxxxxx eeeee dddd a eeeee a bb bb a dddd yyyyyyyyyyyyyyyyyy"
		   "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy eeeee eeeee ccc a xxxxxxxxx"
		   "xxxxxxxxxxxxxxxxxxxxx xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx xxxxxxxxxxxxxxxxxxxxxxxxxxx"
		   "xxx ccc\"\n"
		   "  l03: \"yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy "
		   "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy zzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "z yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy bb eeee"
		   "e yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy dddd ee"
		   "eee yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy eeeee"
		   " eeeee xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx a yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyy xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx a yyyyyyyyyyyyyyyy"
		   "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy ccc a xxxxxxxxxxxxxxxxxxx"
		   "xxxxxxxxxxx zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzz xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx xxxxxxxxxxxxxxxxxxxxxxxxxx"
		   "xxxx eeeee zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzz a a a xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx eeeee zzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz eeee"
		   "e xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx ccc xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx ccc xxxxxxxx"
		   "xxxxxxxxxxxxxxxxxxxxxx\"\n"
		   "  l04: \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx eeeee eeeee yyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy bb a ccc eeeee dddd eeeee dddd xxxxxx"
		   "xxxxxxxxxxxxxxxxxxxxxxxx ccc yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yyyyyyyyyyyyyyyyyyy bb bb xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx xxxxxxxxxxxxxxxxxxxxxxx"
		   "xxxxxxx dddd zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzz ccc bb xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx dddd zzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz ee"
		   "eee dddd bb a dddd xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx ccc eeeee xxxxxxxxxxxxxxxxxxxx"
		   "xxxxxxxxxx\"\n"
		   "  l05: \"bb xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx ccc yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy eeeee eeeee zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz xxxxxxxxxxxxxxxxxxx"
		   "xxxxxxxxxxx yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yy eeeee yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy "
		   "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy a yyyyyyy"
		   "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy ccc dddd a zzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzz yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy ddd"
		   "d a zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzz eeeee xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx dddd bb eeeee bb dddd a a dd"
		   "dd yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy a a\""
		   "\n"
		   "  l06: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		   "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		   "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"\n"
		   "  l07: \"a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a"
		   " a a a a a a a a a a a a a a a a a a a a a a a a \"\n"
		   "  l08: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		   "aaaaaaaa b\"\n"
		   "  l09: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		   "aaaaaaaaa b\"\n"
		   "  l10: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		   "aaaaaaaaaa b c\"\n"
		   "  l11: \"'q' 'q' 'q' 'q' 'q' 'q' 'q' 'q' 'q' 'q' 'q' 'q' 'q' 'q' 'q' 'q' 'q' 'q'"
		   " 'q' 'q' 'q' 'q' 'q' 'q' 'q' 'q' 'q' 'q' 'q' 'q' \"\n"
		   "  l12: \"a\\x09b a\\x09b a\\x09b a\\x09b a\\x09b a\\x09b a\\x09b a\\x09b a\\x09b"
		   " a\\x09b a\\x09b a\\x09b a\\x09b a\\x09b a\\x09b a\\x09b a\\x09b a\\x09b a\\x09b"
		   " a\\x09b a\\x09b a\\x09b a\\x09b a\\x09b a\\x09b a\\x09b a\\x09b a\\x09b a\\x09b"
		   " a\\x09b \"\n"
		   "  l13: \" lead w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w"
		   " w w w w w w w \"\n",
		   "  l00: ccc xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz\n"
		   "    bb a zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzz\n"
		   "    eeeee dddd dddd zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz\n"
		   "    zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzz\n"
		   "    yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy ccc d"
		   "ddd\n"
		   "    ccc yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy a"
		   "\n"
		   "  l01: bb ccc a eeeee a eeeee zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz\n"
		   "    yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy yyyyy"
		   "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\n"
		   "    yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy zzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzz\n"
		   "    ccc xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx bb a ccc zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz\n"
		   "    dddd eeeee yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yyyyy\n"
		   "    eeeee yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   " yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\n"
		   "    xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yyyyyyyyyyyyyyyyyyyyyyyyy\n"
		   "    dddd xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx a eeeee ccc xxxxxxxxxxxxxxxxxxxxxxxxxxxx"
		   "xx\n"
		   "  l02: bb dddd eeeee eeeee bb bb zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz\n"
		   "    zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzz\n"
		   "    bb xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx bb yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\n"
		   "    ccc a eeeee yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yyyyyy\n"
		   "    yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy bb a "
		   "a\n"
		   "    yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy xxxxx"
		   "xxxxxxxxxxxxxxxxxxxxxxxxx\n"
		   "    eeeee dddd a eeeee a bb bb a dddd yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yyyyyyyyyyyyyyyyyyyyyyyyyyyy\n"
		   "    eeeee eeeee ccc a xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx xxxxxxxxxxxxxxxxxxxxxxxxxxx"
		   "xxx\n"
		   "    xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx ccc\n"
		   "  l03: yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy yy"
		   "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\n"
		   "    zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzz\n"
		   "    yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy bb ee"
		   "eee\n"
		   "    yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy dddd "
		   "eeeee\n"
		   "    yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy eeeee"
		   " eeeee\n"
		   "    xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx a yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yyyyyyyyyyyyyyyyyyyyyyyyyyy\n"
		   "    xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx a yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yyyyyyyyyyyyyyyyyyyyyyyyyyy\n"
		   "    ccc a xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz\n"
		   "    xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx eeeee zzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zz\n"
		   "    a a a xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx eeeee zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz\n"
		   "    eeeee xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx ccc xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx ccc "
		   "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n"
		   "  l04: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx eeeee eeeee yyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\n"
		   "    bb a ccc eeeee dddd eeeee dddd xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx ccc yyyyyyyyyy"
		   "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\n"
		   "    bb bb xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx dddd zzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzz\n"
		   "    ccc bb xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx dddd zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz\n"
		   "    eeeee dddd bb a dddd xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx ccc eeeee xxxxxxxxxxxxxx"
		   "xxxxxxxxxxxxxxxx\n"
		   "  l05: bb xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx ccc yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\n"
		   "    eeeee eeeee zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzzzz\n"
		   "    xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yyyyyyyyyyyyyyyyyyyyyyyyy\n"
		   "    eeeee yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   " yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\n"
		   "    a yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy ccc"
		   " dddd\n"
		   "    a zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzz\n"
		   "    yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy dddd "
		   "a\n"
		   "    zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzz\n"
		   "    eeeee xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx dddd bb eeeee bb dddd a a dddd yyyyyyyy"
		   "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\n"
		   "    a a\n"
		   "  l06: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		   "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		   "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n"
		   "  l07: 'a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a "
		   "a\n"
		   "    a a a a a a a a a a a a a a a a a a a a a a a '\n"
		   "  l08: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		   "aaaaaa\n"
		   "    b\n"
		   "  l09: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		   "aaaaaaa\n"
		   "    b\n"
		   "  l10: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		   "aaaaaaaa\n"
		   "    b c\n"
		   "  l11: '''q'' ''q'' ''q'' ''q'' ''q'' ''q'' ''q'' ''q'' ''q'' ''q'' ''q'' ''q'' "
		   "''q''\n"
		   "    ''q'' ''q'' ''q'' ''q'' ''q'' ''q'' ''q'' ''q'' ''q'' ''q'' ''q'' ''q'' ''q'"
		   "'\n"
		   "    ''q'' ''q'' ''q'' ''q'' '\n"
		   "  l12: \"a\\tb a\\tb a\\tb a\\tb a\\tb a\\tb a\\tb a\\tb a\\tb a\\tb a\\tb a\\tb"
		   " a\\tb a\\tb a\\tb\n"
		   "    a\\tb a\\tb a\\tb a\\tb a\\tb a\\tb a\\tb a\\tb a\\tb a\\tb a\\tb a\\tb a\\t"
		   "b a\\tb a\\tb \"\n"
		   "  l13: ' lead w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w "
		   "w\n"
		   "    w w w w w w '\n");
}

/* folding in nested maps and list items. */
static void test_folding_nested(void **state)
{
	(void)state;
	check_spec("  a:\n"
		   "    b:\n"
		   "      - x: \"ccc xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz bb a zzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz eeeee"
		   " dddd dddd zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzz zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yyyyyyyyyyyyyyyyyyyyyyy ccc dddd ccc yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yyyyyyyyyyyyyyyyyyyyyyyyyyy a\"\n"
		   "        yy: \"bb ccc a eeeee a eeeee zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yyyyyyyyyyyyyyyyyyyyyyyyyyyyy yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yyyyyyyyyyyyyyyyyyyy zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz ccc xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx bb a ccc zzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzz dddd eeeee yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yyyyyyyy eeeee yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yyyyy yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy xxx"
		   "xxxxxxxxxxxxxxxxxxxxxxxxxxx yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yyyyyyyyyyyyyyyyyy dddd xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx a eeeee ccc xxxxxxxxxxxxx"
		   "xxxxxxxxxxxxxxxxx\"\n"
		   "      - \"bb dddd eeeee eeeee bb bb zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz bb xxxxxxxxxxxxxxxxxxx"
		   "xxxxxxxxxxx bb yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yyyyy ccc a eeeee yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yyyyyyyy yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy "
		   "bb a a yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy xx"
		   "xxxxxxxxxxxxxxxxxxxxxxxxxxxx eeeee dddd a eeeee a bb bb a dddd yyyyyyyyyyyyyyyyy"
		   "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy eeeee eeeee ccc a xxxxxxxx"
		   "xxxxxxxxxxxxxxxxxxxxxx xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx xxxxxxxxxxxxxxxxxxxxxxxxxx"
		   "xxxx ccc\"\n"
		   "      - - \"yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yy yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy zzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzz yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy bb e"
		   "eeee yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy dddd"
		   " eeeee yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy ee"
		   "eee eeeee xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx a yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx a yyyyyyyyyyyyy"
		   "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy ccc a xxxxxxxxxxxxxxxx"
		   "xxxxxxxxxxxxxx zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzzz xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx xxxxxxxxxxxxxxxxxxxxxxx"
		   "xxxxxxx eeeee zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzz a a a xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx eeeee zzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz e"
		   "eeee xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx ccc xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx ccc xxxxx"
		   "xxxxxxxxxxxxxxxxxxxxxxxxx\"\n",
		   "  a:\n"
		   "    b:\n"
		   "    - x: ccc xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz\n"
		   "        bb a zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzz\n"
		   "        eeeee dddd dddd zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz\n"
		   "        zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzz\n"
		   "        yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy c"
		   "cc\n"
		   "        dddd ccc yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yyyyyyy\n"
		   "        a\n"
		   "      yy: bb ccc a eeeee a eeeee zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz\n"
		   "        yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy y"
		   "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\n"
		   "        yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy z"
		   "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzz\n"
		   "        ccc xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx bb a ccc zzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz\n"
		   "        dddd eeeee yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yyyyyyyyy\n"
		   "        eeeee yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yyyy\n"
		   "        yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy x"
		   "xxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n"
		   "        yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy d"
		   "ddd\n"
		   "        xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx a eeeee ccc xxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
		   "x\n"
		   "    - bb dddd eeeee eeeee bb bb zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz\n"
		   "      zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzz\n"
		   "      bb xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx bb yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\n"
		   "      ccc a eeeee yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yyyyyyyy\n"
		   "      yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy bb "
		   "a\n"
		   "      a yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy x"
		   "xxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n"
		   "      eeeee dddd a eeeee a bb bb a dddd yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\n"
		   "      eeeee eeeee ccc a xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx xxxxxxxxxxxxxxxxxxxxxxxxx"
		   "xxxxx\n"
		   "      xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx ccc\n"
		   "    - - yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy y"
		   "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\n"
		   "        zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzz\n"
		   "        yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy b"
		   "b\n"
		   "        eeeee yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yyyy\n"
		   "        dddd eeeee yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yyyyyyyyy\n"
		   "        eeeee eeeee xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx a yyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\n"
		   "        xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx a yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		   "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\n"
		   "        ccc a xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz\n"
		   "        xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx eeeee zzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzz\n"
		   "        a a a xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx eeeee zzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		   "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz\n"
		   "        eeeee xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx ccc xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx "
		   "ccc\n"
		   "        xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n");
}

/* keys over 128 bytes use the explicit '? ' form. */
static void test_long_keys(void **state)
{
	(void)state;
	check_spec("  kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"
		   "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk: v\n"
		   "  zkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"
		   "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk:\n"
		   "    m: 1\n"
		   "  zzkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"
		   "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk:\n"
		   "  - 1\n"
		   "  jjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjj"
		   "jjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjj: v\n"
		   "  zjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjj"
		   "jjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjj:\n"
		   "    m: 1\n"
		   "  zzjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjj"
		   "jjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjj:\n"
		   "  - 1\n",
		   "  jjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjj"
		   "jjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjj: v\n"
		   "  kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"
		   "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk: v\n"
		   "  ? zjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjj"
		   "jjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjj\n"
		   "  : m: 1\n"
		   "  zkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"
		   "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk:\n"
		   "    m: 1\n"
		   "  ? zzjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjj"
		   "jjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjj\n"
		   "  : - 1\n"
		   "  ? zzkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"
		   "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk\n"
		   "  : - 1\n");
}

/* multi-line keys use the explicit '? ' form. */
static void test_multiline_keys(void **state)
{
	(void)state;
	check_spec("  \"a\\nb\": 1\n"
		   "  \"c\\nd\":\n"
		   "    e: 1\n"
		   "  \"f\\ng\":\n"
		   "  - 1\n",
		   "  ? |-\n"
		   "    a\n"
		   "    b\n"
		   "  : 1\n"
		   "  ? |-\n"
		   "    c\n"
		   "    d\n"
		   "  : e: 1\n"
		   "  ? |-\n"
		   "    f\n"
		   "    g\n"
		   "  : - 1\n");
}

/* lists of maps and lists of lists. */
static void test_lists_of_maps(void **state)
{
	(void)state;
	check_spec("  l:\n"
		   "  - a: 1\n"
		   "    b: [x, y]\n"
		   "    c: {d: [{e: 1, f: 2}]}\n"
		   "  - - 1\n"
		   "    - [2, 3]\n"
		   "  - []\n"
		   "  - {}\n"
		   "  - null\n",
		   "  l:\n"
		   "  - a: 1\n"
		   "    b:\n"
		   "    - x\n"
		   "    - \"y\"\n"
		   "    c:\n"
		   "      d:\n"
		   "      - e: 1\n"
		   "        f: 2\n"
		   "  - - 1\n"
		   "    - - 2\n"
		   "      - 3\n"
		   "  - []\n"
		   "  - {}\n"
		   "  - null\n");
}

/* a |+ block at the end of the document is not followed by '...'. */
static void test_plus_at_end(void **state)
{
	(void)state;
	check_spec("  a: 1\n"
		   "  z: \"x\\n\\n\"\n",
		   "  a: 1\n"
		   "  z: |+\n"
		   "    x\n"
		   "\n");
}

/* blank lines, space-only lines and other breaks in literal blocks. */
static void test_literal_edges(void **state)
{
	(void)state;
	check_spec("  k00: \"  \\x0a  \"\n"
		   "  k01: \"\\x0a \"\n"
		   "  k02: \" \\x0a\"\n"
		   "  k03: \"a\\x0a\\x0a\"\n"
		   "  k04: \"\\x0a\\x0aa\"\n"
		   "  k05: \"a\\x0a  \\x0ab\"\n"
		   "  k06: \"a\\x0a \\x0a\"\n"
		   "  k07: \"\\x09\\x0a\"\n"
		   "  k08: \"a\\x0a\\x0a\\x0ab\\x0a\\x0a\"\n"
		   "  k09: \"x\\x0ax\\x0ax\\x0ax\\x0ax\\x0a\"\n"
		   "  k10: \"é\\x0añ\\x0a\"\n"
		   "  k11: \"a\\u2028\\x0ab\\x0a\"\n"
		   "  k12: \"a\\x0ab\\u2028\"\n"
		   "  k13: \"a\\x0d\\x0a\"\n"
		   "  m:\n"
		   "  - - \"  \\x0a  \"\n"
		   "  - - \"\\x0a \"\n"
		   "  - - \" \\x0a\"\n"
		   "  - - \"a\\x0a\\x0a\"\n"
		   "  - - \"\\x0a\\x0aa\"\n",
		   "  k00: \"  \\n  \"\n"
		   "  k01: \"\\n \"\n"
		   "  k02: \" \\n\"\n"
		   "  k03: |+\n"
		   "    a\n"
		   "\n"
		   "  k04: |2-\n"
		   "\n"
		   "\n"
		   "    a\n"
		   "  k05: \"a\\n  \\nb\"\n"
		   "  k06: \"a\\n \\n\"\n"
		   "  k07: \"\\t\\n\"\n"
		   "  k08: |+\n"
		   "    a\n"
		   "\n"
		   "\n"
		   "    b\n"
		   "\n"
		   "  k09: |\n"
		   "    x\n"
		   "    x\n"
		   "    x\n"
		   "    x\n"
		   "    x\n"
		   "  k10: |\n"
		   "    é\n"
		   "    ñ\n"
		   "  k11: |\n"
		   "    a\342\200\250\n"
		   "    b\n"
		   "  k12: |\n"
		   "    a\n"
		   "    b\342\200\250  k13: \"a\\r\\n\"\n"
		   "  m:\n"
		   "  - - \"  \\n  \"\n"
		   "  - - \"\\n \"\n"
		   "  - - \" \\n\"\n"
		   "  - - |+\n"
		   "      a\n"
		   "\n"
		   "  - - |2-\n"
		   "\n"
		   "\n"
		   "      a\n");
}

/* explicit keys inside list items. */
static void test_long_keys_in_lists(void **state)
{
	(void)state;
	check_spec("  l:\n"
		   "  - kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"
		   "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk: v\n"
		   "    b: 1\n"
		   "  - - jjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjj"
		   "jjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjj: w\n"
		   "  - ? mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm"
		   "mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm\n"
		   "    : [1]\n"
		   "  - \"a\\x0ab\": 1\n",
		   "  l:\n"
		   "  - b: 1\n"
		   "    ? kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"
		   "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk\n"
		   "    : v\n"
		   "  - - ? jjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjj"
		   "jjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjj\n"
		   "      : w\n"
		   "  - ? mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm"
		   "mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm\n"
		   "    : - 1\n"
		   "  - ? |-\n"
		   "      a\n"
		   "      b\n"
		   "    : 1\n");
}

/* Documents are joined by "---"; a |+ block ends its document cleanly. */
static void test_docs_joined(void **state)
{
	(void)state;
	arena *a = arena_new();
	parse_docs d = parse_all(a, "apiVersion: v1\nkind: X\nmetadata:\n  name: a\nspec:\n"
				    "  x: \"p\\n\\n\"\n---\n"
				    "apiVersion: v1\nkind: X\nmetadata:\n  name: b\nspec:\n"
				    "  y: \"\\ufeffab\"\n  z: \"q\\u2028\"\n---\n"
				    "apiVersion: v1\nkind: X\nmetadata:\n  name: c\nspec:\n  w: 1\n");
	buf out = BUF_INIT;
	err e = ERR_INIT;
	assert_int_equal(emit_docs(&out, d.v, d.n, &e), 0);
	assert_string_equal(out.p, "apiVersion: v1\nkind: X\nmetadata:\n  name: a\nspec:\n"
				   "  x: |+\n    p\n\n---\n"
				   "apiVersion: v1\nkind: X\nmetadata:\n  name: b\nspec:\n"
				   "  \"y\": \"\\uFEFF\\x61\\x62\"\n  z: 'q\342\200\250'\n---\n"
				   "apiVersion: v1\nkind: X\nmetadata:\n  name: c\nspec:\n  w: 1\n");
	buf_reset(&out);
	assert_int_equal(emit_docs(&out, d.v, 0, &e), 0);
	assert_int_equal(out.len, 0);
	buf_free(&out);
	arena_free(a);
}

/* A "<<" key made by a JSON patch is merged on output the way yaml.v3
 * merges: the map's own keys win, then earlier maps of a list. */
static void test_merge_key(void **state)
{
	(void)state;
	arena *a = arena_new();
	parse_docs d = parse_all(a, HDR "  \"0\": orig0\n  z: origz\n"
				       "  LT: [{\"0\": m1, z: m1, \"y\": m1, \"n\": {LT: {deep: 1}, k: 2}},"
				       " {\"y\": m2, x: m2, LT: {w: m2w, \"y\": m2y}}]\n");
	/* The parser reads a written "<<" as kyaml does; build the patched tree. */
	node *spec = node_get(d.v[0], "spec");
	node_find(spec, "LT")->key->str.s = "<<";
	node *list = node_get(spec, "<<");
	node_find(node_get(list->seq.v[0], "n"), "LT")->key->str.s = "<<";
	node_find(list->seq.v[1], "LT")->key->str.s = "<<";
	buf out = BUF_INIT;
	err e = ERR_INIT;
	assert_int_equal(emit_doc(&out, d.v[0], &e), 0);
	assert_string_equal(out.p, HDR "  \"0\": orig0\n  \"n\":\n    deep: 1\n    k: 2\n  w: m2w\n"
				       "  x: m2\n  \"y\": m1\n  z: origz\n");
	buf_free(&out);
	arena_free(a);
}

static void test_merge_key_needs_map(void **state)
{
	(void)state;
	arena *a = arena_new();
	parse_docs d = parse_all(a, HDR "  b:\n    LT: 5\n    c: 1\n");
	node_find(node_dig(d.v[0], "spec", "b", NULL), "LT")->key->str.s = "<<";
	buf out = BUF_INIT;
	err e = ERR_INIT;
	assert_int_equal(emit_doc(&out, d.v[0], &e), -1);
	assert_non_null(strstr(e.msg, "t.yaml:7:9: "));
	assert_non_null(strstr(e.msg, "map merge requires map or sequence of maps as the value"));
	err_clear(&e);
	buf_free(&out);
	arena_free(a);
}

static void test_error_inf_nan(void **state)
{
	(void)state;
	check_error("  a: .inf\n", "t.yaml:6:6: ", "json: unsupported value: +Inf");
	check_error("  a: -.Inf\n", "t.yaml:6:6: ", "json: unsupported value: -Inf");
	check_error("  a: [.nan]\n", "t.yaml:6:7: ", "json: unsupported value: NaN");
}

static void test_error_control_characters(void **state)
{
	(void)state;
	check_error("  a: \"a\\x7fb\"\n", "t.yaml:6:6: ", "yaml: control characters are not allowed");
	check_error("  a: \"\\x80\"\n", "t.yaml:6:6: ", "yaml: control characters are not allowed");
	check_error("  a: \"\\uffff\"\n", "t.yaml:6:6: ", "yaml: control characters are not allowed");
}

static void test_error_key_types(void **state)
{
	(void)state;
	const char *t = "json: unsupported type: map[interface {}]interface {}";
	check_error("  1: x\n", "t.yaml:6:3: ", t);
	check_error("  true: x\n", "t.yaml:6:3: ", t);
	check_error("  2001-12-14: x\n", "t.yaml:6:3: ", t);
	check_error("  null: x\n", "t.yaml:6:3: ", "mapping key \"null\" already defined");
	check_error("  ~: x\n", "t.yaml:6:3: ", "mapping key \"~\" already defined");
	/* An empty key is the empty string. */
	check_spec("  ? \n  : 1\n", "  \"\": 1\n");
}

/* go-yaml v2 cannot read these back from the JSON text. */
static void test_error_unreadable_json(void **state)
{
	(void)state;
	arena *a = arena_new();
	char *k = arena_alloc(a, 1100);
	memset(k, 'k', 1021);
	check_error(arena_sprintf(a, "  zz%s: v\n", k), "t.yaml:6:3: ",
		    "did not find expected ',' or '}'");
	check_error("  \"a\\x85b\": 1\n", "t.yaml:6:3: ", "did not find expected ',' or '}'");
	check_error("  a: \"a\\x85--- b\"\n", "t.yaml:6:6: ", "found unexpected document indicator");
	/* 1022 characters of JSON key ('<' is written \u003c) still print. */
	memset(k, 'k', 1016);
	k[1016] = 0;
	check_spec(arena_sprintf(a, "  \"<%s\": 1\n", k), arena_sprintf(a, "  ? <%s\n  : 1\n", k));
	arena_free(a);
}

/* --- the direct printer against libyaml ------------------------------ */

static uint64_t rnd(uint64_t *st)
{
	*st ^= *st << 13;
	*st ^= *st >> 7;
	*st ^= *st << 17;
	return *st;
}

/* Text that reaches every branch of yamlout's analysis and folding:
 * indicators, quotes, backslashes, runs of spaces, lengths around the
 * width and around a simple key's limit, now and then a byte it leaves
 * to libyaml. */
static char *rnd_text(arena *a, uint64_t *st, bool key)
{
	static const char *const words[] = {
		"a",  "name", "x:y", ": ", " #", "#", "-", "- ", "?", ":", "'", "\"", "\\",
		",",  "[",    "]",   "{",  "}",  "&", "*", "!", "|", ">", "%", "@",  "`",
		"---", "...", "true", "1", "0x1F", "1.5", "null", "~", "y", "No", "",
		"2001-12-14", "8080", "-1", "+1", ".inf", "0o7", "1e3", "=", "<<",
	};
	size_t nwords = sizeof words / sizeof *words;
	buf b = BUF_INIT;
	/* Keys mostly short, now and then right around a simple key's 128;
	 * values up to well past a line. */
	size_t target = key ? (rnd(st) % 4 ? rnd(st) % 24 : 125 + rnd(st) % 7) : rnd(st) % 200;
	while (b.len < target) {
		uint64_t r = rnd(st) % 256;
		if (r < 96)
			buf_adds(&b, words[rnd(st) % nwords]);
		else if (r < 176)
			buf_addc(&b, ' ');
		else if (r < 255)
			buf_addc(&b, (char)('a' + rnd(st) % 26));
		else
			buf_addc(&b, rnd(st) % 2 ? '\t' : (char)0xC3), buf_addc(&b, 'x');
		if (rnd(st) % 64 == 0)
			break;
	}
	if (key && b.len > target)
		b.len = target, b.p[target] = 0;
	char *t = arena_strndup(a, b.p ? b.p : "", b.len);
	buf_free(&b);
	return t;
}

static node *rnd_node(arena *a, uint64_t *st, int depth)
{
	uint64_t r = rnd(st) % 10;
	if (depth > 7 || r < 5) {
		node_kind k = r == 0 ? NODE_INT : r == 1 ? NODE_BOOL : r == 2 ? NODE_NULL : NODE_STR;
		if (k == NODE_STR)
			return node_str(a, rnd_text(a, st, false));
		if (k == NODE_INT)
			return node_scalar(a, NODE_INT, "42", 2);
		if (k == NODE_BOOL)
			return node_scalar(a, NODE_BOOL, "true", 4);
		return node_scalar(a, NODE_NULL, "null", 4);
	}
	size_t n = rnd(st) % 5;
	if (r < 8) {
		node *m = node_map(a);
		for (size_t i = 0; i < n; i++)
			node_set(a, m, rnd_text(a, st, true), rnd_node(a, st, depth + 1));
		return m;
	}
	node *q = node_seq(a);
	for (size_t i = 0; i < n; i++)
		node_push(a, q, rnd_node(a, st, depth + 1));
	return q;
}

static void test_direct_matches_libyaml(void **state)
{
	(void)state;
	uint64_t st = 0x9E3779B97F4A7C15u;
	size_t direct = 0, total = 20000;
	for (size_t i = 0; i < total; i++) {
		arena *a = arena_new();
		node *doc = rnd_node(a, &st, 0);
		buf x = BUF_INIT, y = BUF_INIT, z = BUF_INIT;
		err ex = ERR_INIT, ey = ERR_INIT, ez = ERR_INIT;
		int rx = emit_docs(&x, &doc, 1, &ex);
		int ry = emit_docs_via(&y, &doc, 1, EMIT_LIBYAML, &ey);
		if (rx != ry || strcmp(x.p ? x.p : "", y.p ? y.p : "") ||
		    strcmp(ex.msg ? ex.msg : "", ey.msg ? ey.msg : ""))
			fail_msg("document %zu: direct printed\n%s(%s)\nlibyaml\n%s(%s)", i,
				 x.p ? x.p : "", ex.msg ? ex.msg : "", y.p ? y.p : "",
				 ey.msg ? ey.msg : "");
		if (!emit_docs_via(&z, &doc, 1, EMIT_YAMLOUT_ONLY, &ez))
			direct++;
		buf_free(&x), buf_free(&y), buf_free(&z);
		err_clear(&ex), err_clear(&ey), err_clear(&ez);
		arena_free(a);
	}
	/* The comparison means something only if yamlout printed most. */
	if (direct < total / 2)
		fail_msg("yamlout printed only %zu of %zu documents", direct, total);
}

/* Kubernetes objects as kustomize prints them never need libyaml. */
static void test_direct_covers_objects(void **state)
{
	(void)state;
	arena *a = arena_new();
	parse_docs d = parse_all(a, HDR "  replicas: 3\n  template:\n    metadata:\n"
				    "      annotations:\n        prometheus.io/scrape: \"true\"\n"
				    "    spec:\n      containers:\n      - args: []\n"
				    "        command: ['sh', '-c', 'echo a: b # c']\n"
				    "        env:\n        - name: A\n          value: \"\"\n"
				    "        image: nginx:1.2\n        resources: {}\n");
	buf out = BUF_INIT;
	err e = ERR_INIT;
	if (emit_docs_via(&out, d.v, d.n, EMIT_YAMLOUT_ONLY, &e))
		fail_msg("%s", e.msg);
	buf_free(&out);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key_cmp_pairs),
		cmocka_unit_test(test_key_order_digit_runs),
		cmocka_unit_test(test_key_order_unicode),
		cmocka_unit_test(test_key_order_numeric_keys),
		cmocka_unit_test(test_string_quoting),
		cmocka_unit_test(test_key_quoting),
		cmocka_unit_test(test_yaml11_bools),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_timestamps),
		cmocka_unit_test(test_empty_collections),
		cmocka_unit_test(test_literal_blocks),
		cmocka_unit_test(test_double_quoted_escapes),
		cmocka_unit_test(test_unicode_raw),
		cmocka_unit_test(test_final_line_separator),
		cmocka_unit_test(test_leading_bom),
		cmocka_unit_test(test_nel_folds),
		cmocka_unit_test(test_folding),
		cmocka_unit_test(test_folding_nested),
		cmocka_unit_test(test_long_keys),
		cmocka_unit_test(test_multiline_keys),
		cmocka_unit_test(test_lists_of_maps),
		cmocka_unit_test(test_plus_at_end),
		cmocka_unit_test(test_literal_edges),
		cmocka_unit_test(test_long_keys_in_lists),
		cmocka_unit_test(test_docs_joined),
		cmocka_unit_test(test_merge_key),
		cmocka_unit_test(test_merge_key_needs_map),
		cmocka_unit_test(test_error_inf_nan),
		cmocka_unit_test(test_error_control_characters),
		cmocka_unit_test(test_error_key_types),
		cmocka_unit_test(test_error_unreadable_json),
		cmocka_unit_test(test_direct_matches_libyaml),
		cmocka_unit_test(test_direct_covers_objects),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
