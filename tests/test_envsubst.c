/* Unit tests: envsubst.c (Flux's postBuild variable substitution).
 *
 * Expected values come from fluxcd/pkg's own tests (eval_test.go,
 * parse/parse_test.go, funcs_test.go, kustomize_varsub_test.go), from the
 * Flux docs (kustomizations.md), or, for quirks no test pins, from reading
 * the Flux source named in the comment (parse.go, scan.go, template.go,
 * funcs.go, eval.go, and drone's path/match.go that funcs.go calls). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "strata/envsubst.h"

/* ctx: NULL-terminated name, value, name, value, ... */
static bool look(void *ctx, const char *name, size_t len, const char **val, size_t *vlen)
{
	for (const char *const *kv = ctx; kv && kv[0]; kv += 2) {
		if (strlen(kv[0]) == len && memcmp(kv[0], name, len) == 0) {
			*val = kv[1];
			*vlen = strlen(kv[1]);
			return true;
		}
	}
	return false;
}

static void expect_n(const char *const *vars, bool strict, const char *in, size_t len,
		     const char *want, size_t wlen)
{
	envsubst_opts o = {look, (void *)vars, strict, "t.yaml"};
	buf out = BUF_INIT;
	err e = ERR_INIT;
	int rc = envsubst_eval(&o, in, len, &out, &e, NULL);
	if (rc)
		print_error("unexpected error: %s\n", e.msg);
	assert_int_equal(rc, 0);
	assert_int_equal(out.len, wlen);
	assert_memory_equal(out.p, want, wlen);
	buf_free(&out);
}

static void expect(const char *const *vars, const char *in, const char *want)
{
	expect_n(vars, false, in, strlen(in), want, strlen(want));
}

static void expect_strict(const char *const *vars, const char *in, const char *want)
{
	expect_n(vars, true, in, strlen(in), want, strlen(want));
}

/* Fails with Flux's text `flux`; returns nothing, checks the message
 * carries the text and a location. */
static void expect_fail(const char *const *vars, bool strict, const char *in, const char *flux)
{
	envsubst_opts o = {look, (void *)vars, strict, "t.yaml"};
	buf out = BUF_INIT;
	err e = ERR_INIT;
	envsubst_diag d;
	buf_adds(&out, "kept");
	assert_int_equal(envsubst_eval(&o, in, strlen(in), &out, &e, &d), -1);
	assert_string_equal(d.flux, flux);
	assert_non_null(strstr(e.msg, flux));
	assert_true(strncmp(e.msg, "t.yaml:", 7) == 0);
	assert_string_equal(out.p, "kept");
	envsubst_diag_free(&d);
	err_clear(&e);
	buf_free(&out);
}

#define VARS(...) ((const char *const[]){__VA_ARGS__, NULL})
#define NOVARS ((const char *const[]){NULL})

/* ---- eval_test.go TestExpand ---- */

static void test_text_only(void **state)
{
	(void)state;
	expect(NOVARS, "abcdEFGH28ij", "abcdEFGH28ij");
}

static void test_length(void **state)
{
	(void)state;
	expect(VARS("var01", "abcdEFGH28ij"), "${#var01}", "12");
}

static void test_upper_first(void **state)
{
	(void)state;
	expect(VARS("var01", "abcdEFGH28ij"), "${var01^}", "AbcdEFGH28ij");
}

static void test_upper_all(void **state)
{
	(void)state;
	expect(VARS("var01", "abcdEFGH28ij"), "${var01^^}", "ABCDEFGH28IJ");
}

static void test_lower_first(void **state)
{
	(void)state;
	expect(VARS("var01", "ABCDEFGH28IJ"), "${var01,}", "aBCDEFGH28IJ");
}

static void test_lower_all(void **state)
{
	(void)state;
	expect(VARS("var01", "ABCDEFGH28IJ"), "${var01,,}", "abcdefgh28ij");
}

static void test_substring_offset(void **state)
{
	(void)state;
	expect(VARS("path_name", "/home/bozo/ideas/thoughts.for.today"), "${path_name:11}",
	       "ideas/thoughts.for.today");
}

static void test_substring_offset_length(void **state)
{
	(void)state;
	expect(VARS("path_name", "/home/bozo/ideas/thoughts.for.today"), "${path_name:11:5}",
	       "ideas");
}

static void test_default_not_used(void **state)
{
	(void)state;
	expect(VARS("var", "abc"), "${var=xyz}", "abc");
}

static void test_default_used(void **state)
{
	(void)state;
	expect(NOVARS, "${var=xyz}", "xyz");
	expect(NOVARS, "${var:=xyz}", "xyz");
}

static void test_default_nested_variable(void **state)
{
	(void)state;
	expect(VARS("default_var", "foo"), "something ${var=${default_var}}", "something foo");
}

static void test_default_nested_with_text(void **state)
{
	(void)state;
	expect(VARS("default_var", "foo1"), "foo: ${var=${default_var}-suffix}",
	       "foo: foo1-suffix");
	expect(VARS("default_var", "foo1"), "foo: ${var=prefix${default_var}-suffix}",
	       "foo: prefixfoo1-suffix");
}

static void test_default_nested_function(void **state)
{
	(void)state;
	expect(VARS("var01", "abcdEFGH28ij"), "${var=${var01^^}}", "ABCDEFGH28IJ");
}

static void test_replace_suffix(void **state)
{
	(void)state;
	expect(VARS("stringZ", "abcABC123ABCabc"), "${stringZ/%abc/XYZ}", "abcABC123ABCXYZ");
}

static void test_replace_prefix(void **state)
{
	(void)state;
	expect(VARS("stringZ", "abcABC123ABCabc"), "${stringZ/#abc/XYZ}", "XYZABC123ABCabc");
}

static void test_replace_prefix_empty_pattern(void **state)
{
	(void)state;
	expect(VARS("stringZ", "somevalue"), "${stringZ/#/prefix-}", "prefix-somevalue");
}

static void test_replace_suffix_empty_pattern(void **state)
{
	(void)state;
	expect(VARS("stringZ", "somevalue"), "${stringZ/%/-suffix}", "somevalue-suffix");
}

static void test_replace_all(void **state)
{
	(void)state;
	expect(VARS("stringZ", "abcABC123ABCabc"), "${stringZ//abc/xyz}", "xyzABC123ABCxyz");
}

static void test_replace_first(void **state)
{
	(void)state;
	expect(VARS("stringZ", "abcABC123ABCabc"), "${stringZ/abc/xyz}", "xyzABC123ABCabc");
}

static void test_replace_with_blank(void **state)
{
	(void)state;
	expect(VARS("stringZ", "foo.bar"), "${stringZ/./}", "foobar");
}

static void test_replace_escaped_slash(void **state)
{
	(void)state;
	expect(VARS("stringZ", "foo/bar"), "${stringZ/\\//-}", "foo-bar");
	expect(VARS("stringZ", "foo/bar/baz"), "${stringZ//\\//-}", "foo-bar-baz");
}

static void test_strip_shortest_prefix(void **state)
{
	(void)state;
	expect(VARS("filename", "bash.string.txt"), "${filename#*.}", "string.txt");
	expect(VARS("filename", "path/to/file"), "${filename#*/}", "to/file");
	expect(VARS("filename", "/path/to/file"), "${filename#*/}", "path/to/file");
}

/* drone's path.Match lets '*' cross '/', unlike Go's. */
static void test_strip_longest_prefix(void **state)
{
	(void)state;
	expect(VARS("filename", "bash.string.txt"), "${filename##*.}", "txt");
	expect(VARS("filename", "path/to/file"), "${filename##*/}", "file");
	expect(VARS("filename", "/path/to/file"), "${filename##*/}", "file");
}

static void test_strip_shortest_suffix(void **state)
{
	(void)state;
	expect(VARS("filename", "bash.string.txt"), "${filename%.*}", "bash.string");
}

static void test_strip_longest_suffix(void **state)
{
	(void)state;
	expect(VARS("filename", "bash.string.txt"), "${filename%%.*}", "bash");
}

static void test_escape_double_dollar(void **state)
{
	(void)state;
	expect(VARS("var01", "abcdEFGH28ij"), "$${var01}", "${var01}");
}

static void test_escape_mixed(void **state)
{
	(void)state;
	expect(VARS("var01", "abcdEFGH28ij"), "some text ${var01}$${var$${var01}$var01${var01}",
	       "some text abcdEFGH28ij${var${var01}$var01abcdEFGH28ij");
}

static void test_escape_keeps_inner_expression(void **state)
{
	(void)state;
	expect(VARS("default_var", "foo"), "something $${var=${default_var}}",
	       "something ${var=foo}");
}

static void test_backslash_outside_expression(void **state)
{
	(void)state;
	expect(VARS("default_var", "foo"), "\\\\something ${var=${default_var}}",
	       "\\\\something foo");
}

/* ---- eval_test.go TestExpandStrict, kustomize_varsub_test.go ---- */

static void test_strict_set(void **state)
{
	(void)state;
	expect_strict(VARS("foo", "bar"), "${foo}", "bar");
	expect_strict(NOVARS, "abcdEFGH28ij", "abcdEFGH28ij");
}

/* Set-but-empty counts as set (TestKustomization_Varsub_StrictEmptyValues). */
static void test_strict_empty_is_set(void **state)
{
	(void)state;
	expect_strict(VARS("foo", ""), "${foo}", "");
	expect_strict(VARS("foo", ""), "a: ${foo}^^${foo,,}", "a: ^^");
}

static void test_strict_missing(void **state)
{
	(void)state;
	expect_fail(NOVARS, true, "${missing}", "variable not set (strict mode): \"missing\"");
}

/* The fix for fluxcd/flux2#5836: operators that read the value fail too. */
static void test_strict_missing_with_operator(void **state)
{
	(void)state;
	static const char *in[] = {
		"${#missing}", "${missing^}", "${missing^^}", "${missing,}", "${missing,,}",
		"${missing:0}", "${missing:0:10}", "${missing/pattern/replacement}",
		"${missing//pattern/replacement}", "${missing/#pattern/replacement}",
		"${missing/%pattern/replacement}", "${missing#pattern}", "${missing##pattern}",
		"${missing%pattern}", "${missing%%pattern}",
	};
	for (size_t i = 0; i < sizeof in / sizeof in[0]; i++)
		expect_fail(NOVARS, true, in[i], "variable not set (strict mode): \"missing\"");
}

static void test_strict_missing_with_default(void **state)
{
	(void)state;
	expect_strict(VARS("foo", "bar"), "${missing:=default}", "default");
	expect_strict(NOVARS, "${missing:-fallback}", "fallback");
	expect_strict(NOVARS, "${missing:=assigned}", "assigned");
	expect_strict(NOVARS, "${missing=assigned}", "assigned");
}

/* template.go: :+ and :? are in the strict exemption list too. */
static void test_strict_missing_with_plus_and_question(void **state)
{
	(void)state;
	expect_strict(NOVARS, "${missing:+x}", "x");
	expect_strict(NOVARS, "${missing:?x}", "x");
}

/* template.go evaluates the arguments before looking the variable up, so a
 * missing variable inside an unused default still fails. */
static void test_strict_default_argument_evaluated_first(void **state)
{
	(void)state;
	expect_fail(VARS("set", "v"), true, "${set:=${missing}}",
		    "variable not set (strict mode): \"missing\"");
}

/* eval.go parses the whole text before evaluating. */
static void test_parse_error_wins_over_strict(void **state)
{
	(void)state;
	expect_fail(NOVARS, true, "${missing} ${", "unable to parse variable name");
}

/* Without strict mode an unset variable reads as "" (eval_test.go TestExpand
 * mapping; kustomizations.md: "substituted with an empty string"). */
static void test_unset_is_empty(void **state)
{
	(void)state;
	expect(NOVARS, "a${missing}b", "ab");
	expect(NOVARS, "${#missing}", "0");
	expect(NOVARS, "${missing^^}", "");
}

/* ---- kustomizations.md ---- */

static void test_doc_example(void **state)
{
	(void)state;
	const char *in = "metadata:\n  name: apps\n  labels:\n    environment: ${cluster_env:=dev}\n"
			 "    region: \"${cluster_region}\"\n";
	expect(VARS("cluster_env", "prod", "cluster_region", "eu-central-1"), in,
	       "metadata:\n  name: apps\n  labels:\n    environment: prod\n"
	       "    region: \"eu-central-1\"\n");
	expect(VARS("cluster_region", "eu-central-1"), in,
	       "metadata:\n  name: apps\n  labels:\n    environment: dev\n"
	       "    region: \"eu-central-1\"\n");
}

static void test_doc_bare_dollar_not_substituted(void **state)
{
	(void)state;
	expect(VARS("var", "x"), "echo $var $ 5$ $", "echo $var $ 5$ $");
}

static void test_doc_quote_variable(void **state)
{
	(void)state;
	expect(VARS("quote", "\"", "id", "123"), "id: ${quote}${id}${quote}", "id: \"123\"");
}

/* ---- parse_test.go (trees, evaluated with funcs.go) ---- */

static void test_plain_text_kept(void **state)
{
	(void)state;
	expect(NOVARS, "}text", "}text");
	expect(NOVARS, "http://github.com", "http://github.com");
	expect(NOVARS, "\\\\.\\pipe\\pipename", "\\\\.\\pipe\\pipename");
}

static void test_escape_dollar_before_name(void **state)
{
	(void)state;
	expect(VARS("string", "x"), "$$string", "$string");
}

static void test_special_characters_in_argument(void **state)
{
	(void)state;
	/* the pattern is "$%:*{": it matches the whole value */
	expect(VARS("string", "$%:ab{"), "${string#$%:*{}", "");
}

static void test_escaped_replace_arguments(void **state)
{
	(void)state;
	expect(VARS("string", "a/positionb"), "${string/\\/position/length}", "alengthb");
	expect(VARS("string", "a/position\\b"), "${string/\\/position\\\\/length}", "alengthb");
	expect(VARS("string", "apositionb"), "${string/position/\\/length}", "a/lengthb");
	expect(VARS("string", "apositionb"), "${string/position/\\/leng\\\\th}", "a/leng\\thb");
}

static void test_nested_substring_arguments(void **state)
{
	(void)state;
	expect(VARS("string", "0123456789", "position", "4"), "${string:${position}}", "456789");
	/* ${stringy:position:length} keeps "5": "position" is not a number */
	expect(VARS("string", "0123456789", "stringy", "5", "stringz", "3"),
	       "${string:${stringy:position:length}:${stringz,,}}", "567");
}

static void test_nested_replace_arguments(void **state)
{
	(void)state;
	expect(VARS("string", "a-b-c", "stringy", "-", "stringz", "+"),
	       "${string//${stringy}/${stringz}}", "a+b+c");
	expect(VARS("string", "abc", "stringz", "b"), "${string#${stringz}}", "abc");
	expect(VARS("string", "abc", "stringz", "a"), "${string#${stringz}}", "bc");
}

static void test_text_around_expression(void **state)
{
	(void)state;
	expect(VARS("string", "abc"), "\\\\ hello ${#string} world \\\\",
	       "\\\\ hello 3 world \\\\");
}

/* ---- funcs_test.go ---- */

static void test_default_joins_arguments(void **state)
{
	(void)state;
	expect(VARS("b", "-Bonjour le monde", "c", "-Halló heimur"), "${v:=Hola Mundo${b}${c}}",
	       "Hola Mundo-Bonjour le monde-Halló heimur");
	expect(VARS("v", "Hello World"), "${v:=Hola Mundo}", "Hello World");
}

static void test_case_functions(void **state)
{
	(void)state;
	expect(VARS("v", "Hello World"), "${#v} ${v,,} ${v^^}", "11 hello world HELLO WORLD");
	expect(VARS("v", "HELLO WORLD", "w", "hello world"), "${v,} ${w^}",
	       "hELLO WORLD Hello world");
	expect(VARS("v", ""), "[${v,}${v^}]", "[]");
}

static void test_substring_table(void **state)
{
	(void)state;
	const char *const *v = VARS("s", "123456789123456789", "t", "12345678", "h", "hello world",
				    "m3", "-3", "m300", "-300", "m1", "-1", "m4", "-4", "m8", "-8");
	expect(v, "${s:0:8}", "12345678");
	expect(v, "${s:1:8}", "23456789");
	expect(v, "${s:9}", "123456789");
	expect(v, "${s:9:50}", "123456789");
	expect(v, "${s:${m3}:2}", "78");
	expect(v, "${s:${m300}:3}", "123");
	expect(v, "${t:9:1}", "");
	expect(v, "${h:2:${m1}}", "llo worl");
	expect(v, "${h:0:-3}", "hello wo");
	expect(v, "${h:8:${m8}}", "");
	expect(v, "${h:${m4}:${m1}}", "orl");
}

/* funcs.go toSubstr: an offset or length Atoi rejects keeps the value. */
static void test_substring_not_a_number(void **state)
{
	(void)state;
	expect(VARS("v", "hello"), "${v:a} ${v:1:x} ${v: -2}", "hello hello hello");
}

/* ---- quirks read from the source ---- */

/* parse.go parseFunc has no case for '-', '+' or '?' after the name. */
static void test_dash_default_unsupported(void **state)
{
	(void)state;
	expect_fail(NOVARS, false, "${var-default}", "missing closing brace");
	expect_fail(NOVARS, false, "${var+alt}", "missing closing brace");
	expect_fail(NOVARS, false, "${var?msg}", "missing closing brace");
}

/* template.go maps every default operator to toDefault: the fallback is
 * used when the value is empty, whether it is unset or set to "". */
static void test_defaults_fire_on_empty(void **state)
{
	(void)state;
	expect(VARS("v", ""), "${v=a}|${v:=b}|${v:-c}|${v:+d}|${v:?e}", "a|b|c|d|e");
}

/* :+ is not bash's alternate value: a set value wins. */
static void test_colon_plus_keeps_value(void **state)
{
	(void)state;
	expect(VARS("v", "set"), "${v:+alt}", "set");
}

static void test_default_may_be_empty(void **state)
{
	(void)state;
	expect(NOVARS, "[${v:=}]", "[]");
}

static void test_default_text_ends_at_first_brace(void **state)
{
	(void)state;
	expect(NOVARS, "${v:=a}b}", "ab}");
}

/* parse.go parseDefaultFunc scans its word without escapes. */
static void test_default_word_keeps_double_dollar(void **state)
{
	(void)state;
	expect(NOVARS, "${v:=$$}", "$$");
	expect(VARS("x", "X"), "${v:=$${x}}", "$X");
}

/* parse.go parseReplaceFunc scans its words with escapes on. */
static void test_replace_word_escapes_dollar(void **state)
{
	(void)state;
	expect(VARS("v", "a-b"), "${v/-/$$}", "a$b");
}

static void test_escape_runs(void **state)
{
	(void)state;
	expect(VARS("x", "X"), "$$$${x}", "$${x}");
	expect(VARS("x", "X"), "$$${x}", "$X");
	expect(VARS("x", "X"), "a$$", "a$");
}

static void test_unterminated(void **state)
{
	(void)state;
	expect_fail(NOVARS, false, "a: ${", "unable to parse variable name");
	expect_fail(NOVARS, false, "a: ${abc", "missing closing brace");
	expect_fail(NOVARS, false, "a: ${abc:=x", "unable to parse substitution within function");
	expect_fail(NOVARS, false, "a: ${abc:1", "bad substitution");
	expect_fail(NOVARS, false, "a: ${abc^^", "bad substitution");
}

static void test_invalid_names(void **state)
{
	(void)state;
	expect_fail(NOVARS, false, "${}", "unable to parse variable name");
	expect_fail(NOVARS, false, "${ a}", "unable to parse variable name");
	expect_fail(NOVARS, false, "${-a}", "unable to parse variable name");
	expect_fail(NOVARS, false, "${a.b}", "missing closing brace");
	expect_fail(NOVARS, false, "${a b}", "missing closing brace");
	expect_fail(NOVARS, false, "${#}", "bad substitution");
}

/* scan.go acceptIdent takes Unicode letters and digits, digits first too. */
static void test_unicode_and_digit_names(void **state)
{
	(void)state;
	expect(VARS("café", "x", "1abc", "y"), "${café}${1abc}", "xy");
}

static void test_operator_missing_argument(void **state)
{
	(void)state;
	expect_fail(NOVARS, false, "${a#}", "unable to parse substitution within function");
	expect_fail(NOVARS, false, "${a:}", "unable to parse substitution within function");
	expect_fail(NOVARS, false, "${a::2}", "unable to parse substitution within function");
}

static void test_operator_argument_single_node(void **state)
{
	(void)state;
	expect_fail(VARS("b", "x"), false, "${a#x${b}}", "bad substitution");
	expect_fail(VARS("b", "x"), false, "${a:1${b}}", "bad substitution");
}

/* parse.go parseDefaultOrSubstr steps back by the peeked rune's width. */
static void test_multibyte_after_colon(void **state)
{
	(void)state;
	expect_fail(VARS("a", "x"), false, "${a:é}", "bad substitution");
}

/* scan.go acceptNotSlash takes '}', so the pattern runs past it. */
static void test_replace_without_second_slash(void **state)
{
	(void)state;
	expect_fail(VARS("a", "x"), false, "${a/x} end", "bad substitution");
}

/* funcs.go replacePrefix/Suffix need two arguments. */
static void test_replace_anchored_without_replacement(void **state)
{
	(void)state;
	expect(VARS("v", "xyz"), "${v/#x/}|${v/%z/}|${v/x/}|${v//y/}", "xyz|xyz|yz|xz");
}

/* strings.Replace with an empty pattern inserts before every rune. */
static void test_replace_all_empty_pattern(void **state)
{
	(void)state;
	expect(VARS("v", "abc"), "${v///-}", "-a-b-c-");
	expect(VARS("v", "abc"), "${v//#/-}", "abc");
}

/* funcs.go matches % patterns reversed, so a [class] breaks and the
 * malformed pattern leaves the value whole; # is fine. */
static void test_suffix_class_pattern_reversed(void **state)
{
	(void)state;
	expect(VARS("v", "abc1"), "${v%[0-9]}", "abc1");
	expect(VARS("v", "1abc"), "${v#[0-9]}", "abc");
	expect(VARS("v", "a.b.c"), "${v%?c}", "a.b");
}

static void test_glob_classes_and_escapes(void **state)
{
	(void)state;
	expect(VARS("v", "v1.2.3"), "${v#[a-z]}", "1.2.3");
	/* only ^ negates: ! is one more member of the class */
	expect(VARS("v", "v1.2.3"), "${v#[!a-z]}", "1.2.3");
	expect(VARS("v", "v1.2.3"), "${v#[^0-9]}", "1.2.3");
	expect(VARS("v", "*abc"), "${v#\\*}", "abc");
	expect(VARS("v", "abc"), "${v#[}", "abc");
}

static void test_case_mixed_operators_keep_value(void **state)
{
	(void)state;
	expect(VARS("v", "aBc"), "${v,^}${v^,}", "aBcaBc");
	expect_fail(VARS("v", "aBc"), false, "${v^^^}", "bad substitution");
}

/* funcs.go uses Go's per-rune simple case mappings and byte lengths. */
static void test_unicode_values(void **state)
{
	(void)state;
	expect(VARS("v", "élan"), "${v^}", "Élan");
	expect(VARS("v", "straße"), "${v^^}", "STRAßE");
	expect(VARS("v", "ÉCOLE"), "${v,,}", "école");
	expect(VARS("v", "héllo"), "${#v}", "6");
	expect(VARS("v", "héllo"), "${v:0:2}", "h\xc3");
}

/* Go's strings.ToUpper and []rune turn invalid bytes into U+FFFD. */
static void test_invalid_utf8_values(void **state)
{
	(void)state;
	expect(VARS("v", "a\xff\xc3\xa9"), "${v^^}", "A\xef\xbf\xbd\xc3\x89");
	expect(VARS("v", "a\xff"), "${v^^}", "A\xef\xbf\xbd");
	expect(VARS("v", "a\xff"), "${v^}", "A\xff");
	expect(VARS("v", "a\xffz"), "${v%z}", "a\xef\xbf\xbd");
	expect(VARS("v", "\xff"), "${v^}", "\xef\xbf\xbd");
}

/* scan.go uses rune 0 as end of input. */
static void test_nul_ends_input(void **state)
{
	(void)state;
	expect_n(VARS("x", "X"), false, "ab\0${x}", 7, "ab", 2);
}

static void test_error_location(void **state)
{
	(void)state;
	envsubst_opts o = {look, (void *)NOVARS, true, "cm.yaml"};
	buf out = BUF_INIT;
	err e = ERR_INIT;
	envsubst_diag d;
	const char *in = "a: $$x\nb: é ${y}\n";
	assert_int_equal(envsubst_eval(&o, in, strlen(in), &out, &e, &d), -1);
	assert_int_equal(d.line, 2);
	assert_int_equal(d.col, 6);
	assert_int_equal(d.offset, 13);
	assert_true(strncmp(e.msg, "cm.yaml:2:6: variable not set (strict mode): \"y\"; ", 50) == 0);
	envsubst_diag_free(&d);
	err_clear(&e);
	buf_free(&out);
}

static void test_error_location_after_escapes(void **state)
{
	(void)state;
	envsubst_opts o = {look, (void *)NOVARS, false, "cm.yaml"};
	buf out = BUF_INIT;
	err e = ERR_INIT;
	envsubst_diag d;
	const char *in = "$$$$ ${a.b}";
	assert_int_equal(envsubst_eval(&o, in, strlen(in), &out, &e, &d), -1);
	assert_int_equal(d.offset, 5);
	assert_int_equal(d.col, 6);
	assert_string_equal(d.flux, "missing closing brace");
	envsubst_diag_free(&d);
	err_clear(&e);
	buf_free(&out);
}

static void test_appends_to_output(void **state)
{
	(void)state;
	envsubst_opts o = {look, (void *)VARS("x", "X"), false, NULL};
	buf out = BUF_INIT;
	err e = ERR_INIT;
	buf_adds(&out, "pre:");
	assert_int_equal(envsubst_eval(&o, "${x}", 4, &out, &e, NULL), 0);
	assert_string_equal(out.p, "pre:X");
	assert_int_equal(envsubst_eval(&o, "", 0, &out, &e, NULL), 0);
	assert_string_equal(out.p, "pre:X");
	buf_free(&out);
}

/* strata's own limit: Go recurses without one. */
static void test_deep_nesting_is_an_error(void **state)
{
	(void)state;
	buf in = BUF_INIT;
	for (int i = 0; i < 1500; i++)
		buf_adds(&in, "${a:=");
	for (int i = 0; i < 1500; i++)
		buf_adds(&in, "}");
	envsubst_opts o = {look, (void *)NOVARS, false, NULL};
	buf out = BUF_INIT;
	err e = ERR_INIT;
	assert_int_equal(envsubst_eval(&o, in.p, in.len, &out, &e, NULL), -1);
	assert_non_null(strstr(e.msg, "nested too deeply"));
	err_clear(&e);
	buf_free(&in);
	buf_free(&out);
}

/* kustomize_varsub.go varsubRegex is ASCII only. */
static void test_name_valid(void **state)
{
	(void)state;
	assert_true(envsubst_name_valid("_a1", 3));
	assert_true(envsubst_name_valid("cluster_env", 11));
	assert_false(envsubst_name_valid("1a", 2));
	assert_false(envsubst_name_valid("a-b", 3));
	assert_false(envsubst_name_valid("café", strlen("café")));
	assert_false(envsubst_name_valid("", 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_only),
		cmocka_unit_test(test_length),
		cmocka_unit_test(test_upper_first),
		cmocka_unit_test(test_upper_all),
		cmocka_unit_test(test_lower_first),
		cmocka_unit_test(test_lower_all),
		cmocka_unit_test(test_substring_offset),
		cmocka_unit_test(test_substring_offset_length),
		cmocka_unit_test(test_default_not_used),
		cmocka_unit_test(test_default_used),
		cmocka_unit_test(test_default_nested_variable),
		cmocka_unit_test(test_default_nested_with_text),
		cmocka_unit_test(test_default_nested_function),
		cmocka_unit_test(test_replace_suffix),
		cmocka_unit_test(test_replace_prefix),
		cmocka_unit_test(test_replace_prefix_empty_pattern),
		cmocka_unit_test(test_replace_suffix_empty_pattern),
		cmocka_unit_test(test_replace_all),
		cmocka_unit_test(test_replace_first),
		cmocka_unit_test(test_replace_with_blank),
		cmocka_unit_test(test_replace_escaped_slash),
		cmocka_unit_test(test_strip_shortest_prefix),
		cmocka_unit_test(test_strip_longest_prefix),
		cmocka_unit_test(test_strip_shortest_suffix),
		cmocka_unit_test(test_strip_longest_suffix),
		cmocka_unit_test(test_escape_double_dollar),
		cmocka_unit_test(test_escape_mixed),
		cmocka_unit_test(test_escape_keeps_inner_expression),
		cmocka_unit_test(test_backslash_outside_expression),
		cmocka_unit_test(test_strict_set),
		cmocka_unit_test(test_strict_empty_is_set),
		cmocka_unit_test(test_strict_missing),
		cmocka_unit_test(test_strict_missing_with_operator),
		cmocka_unit_test(test_strict_missing_with_default),
		cmocka_unit_test(test_strict_missing_with_plus_and_question),
		cmocka_unit_test(test_strict_default_argument_evaluated_first),
		cmocka_unit_test(test_parse_error_wins_over_strict),
		cmocka_unit_test(test_unset_is_empty),
		cmocka_unit_test(test_doc_example),
		cmocka_unit_test(test_doc_bare_dollar_not_substituted),
		cmocka_unit_test(test_doc_quote_variable),
		cmocka_unit_test(test_plain_text_kept),
		cmocka_unit_test(test_escape_dollar_before_name),
		cmocka_unit_test(test_special_characters_in_argument),
		cmocka_unit_test(test_escaped_replace_arguments),
		cmocka_unit_test(test_nested_substring_arguments),
		cmocka_unit_test(test_nested_replace_arguments),
		cmocka_unit_test(test_text_around_expression),
		cmocka_unit_test(test_default_joins_arguments),
		cmocka_unit_test(test_case_functions),
		cmocka_unit_test(test_substring_table),
		cmocka_unit_test(test_substring_not_a_number),
		cmocka_unit_test(test_dash_default_unsupported),
		cmocka_unit_test(test_defaults_fire_on_empty),
		cmocka_unit_test(test_colon_plus_keeps_value),
		cmocka_unit_test(test_default_may_be_empty),
		cmocka_unit_test(test_default_text_ends_at_first_brace),
		cmocka_unit_test(test_default_word_keeps_double_dollar),
		cmocka_unit_test(test_replace_word_escapes_dollar),
		cmocka_unit_test(test_escape_runs),
		cmocka_unit_test(test_unterminated),
		cmocka_unit_test(test_invalid_names),
		cmocka_unit_test(test_unicode_and_digit_names),
		cmocka_unit_test(test_operator_missing_argument),
		cmocka_unit_test(test_operator_argument_single_node),
		cmocka_unit_test(test_multibyte_after_colon),
		cmocka_unit_test(test_replace_without_second_slash),
		cmocka_unit_test(test_replace_anchored_without_replacement),
		cmocka_unit_test(test_replace_all_empty_pattern),
		cmocka_unit_test(test_suffix_class_pattern_reversed),
		cmocka_unit_test(test_glob_classes_and_escapes),
		cmocka_unit_test(test_case_mixed_operators_keep_value),
		cmocka_unit_test(test_unicode_values),
		cmocka_unit_test(test_invalid_utf8_values),
		cmocka_unit_test(test_nul_ends_input),
		cmocka_unit_test(test_error_location),
		cmocka_unit_test(test_error_location_after_escapes),
		cmocka_unit_test(test_appends_to_output),
		cmocka_unit_test(test_deep_nesting_is_an_error),
		cmocka_unit_test(test_name_valid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
