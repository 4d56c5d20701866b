/* Unit tests: generator.c and base64.c (configMapGenerator / secretGenerator,
 * name-suffix hash, behavior merge/replace).  Every expected suffix and
 * value was produced by `kubectl kustomize` (Kustomize v5.5.0). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "strata/base64.h"
#include "strata/generator.h"
#include "strata/parse.h"

/* ---------- helpers ---------- */

typedef struct memfile {
	const char *path;
	const char *data;
	size_t len; /* 0: strlen(data) */
} memfile;

static int mem_read(void *ctx, const char *path, char **data, size_t *len, err *e)
{
	for (const memfile *f = ctx; f && f->path; f++) {
		if (strcmp(f->path, path) != 0)
			continue;
		size_t n = f->len ? f->len : strlen(f->data);
		*data = malloc(n + 1);
		memcpy(*data, f->data, n);
		*len = n;
		return 0;
	}
	return err_set(e, "evalsymlink failure on '/k/%s' : lstat /k/%s: no such file or directory",
		       path, path);
}

static node *yaml1(arena *a, const char *text)
{
	parse_docs d;
	err e = ERR_INIT;
	assert_int_equal(parse_yaml(a, "kustomization.yaml", text, strlen(text), &d, &e), 0);
	return d.v[0];
}

static int try_build(arena *a, const char *kind, const char *args, const char *global,
		     const memfile *files, gen_result *r, err *e)
{
	return gen_build(a, kind, yaml1(a, args), global ? yaml1(a, global) : NULL, mem_read,
			 (void *)files, r, e);
}

static node *build(arena *a, const char *kind, const char *args, const char *global,
		   const memfile *files)
{
	gen_result r;
	err e = ERR_INIT;
	int rc = try_build(a, kind, args, global, files, &r, &e);
	if (rc)
		fail_msg("gen_build: %s", e.msg);
	return r.obj;
}

/* The error text of a failing build. */
static char *build_err(arena *a, const char *kind, const char *args, const char *global,
		       const memfile *files)
{
	gen_result r;
	err e = ERR_INIT;
	assert_int_equal(try_build(a, kind, args, global, files, &r, &e), -1);
	assert_non_null(e.msg);
	char *s = arena_strdup(a, e.msg);
	err_clear(&e);
	return s;
}

static void assert_contains(const char *hay, const char *needle)
{
	if (!strstr(hay, needle))
		fail_msg("\"%s\" does not contain \"%s\"", hay, needle);
}

static void assert_suffix(const node *obj, const char *want)
{
	char got[11];
	err e = ERR_INIT;
	if (gen_hash_suffix(obj, got, &e))
		fail_msg("gen_hash_suffix: %s", e.msg);
	assert_string_equal(got, want);
}

static const char *sget(const node *m, const char *k1, const char *k2)
{
	const node *n = k2 ? node_dig(m, k1, k2, NULL) : node_get(m, k1);
	assert_non_null(n);
	assert_int_equal(n->kind, NODE_STR);
	assert_true(n->flags & NODE_F_QUOTED);
	return n->str.s;
}

/* ---------- hash: worked examples of KUSTOMIZE-FACTS.md section a ---------- */

static void test_hash_literals_html_escaped(void **state)
{
	(void)state;
	arena *a = arena_new();
	node *o = build(a, "ConfigMap", "{name: html, literals: [a=1, \"html=<b>&amp;</b>\"]}",
			NULL, NULL);
	assert_suffix(o, "dkh72gcd6k");
	arena_free(a);
}

static void test_hash_secret_literal(void **state)
{
	(void)state;
	arena *a = arena_new();
	node *o = build(a, "Secret", "{name: pw, literals: [password=s3cr3t]}", NULL, NULL);
	assert_string_equal(sget(o, "data", "password"), "czNjcjN0");
	assert_suffix(o, "25k92892fb");
	arena_free(a);
}

static void test_hash_binary_and_text_files(void **state)
{
	(void)state;
	arena *a = arena_new();
	const memfile f[] = {{"blob.bin", "\xff\xfe\0bin", 6}, {"multi.txt", "line1\nline2\n", 0}, {0}};
	node *o = build(a, "ConfigMap", "{name: x, files: [blob.bin, multi.txt]}", NULL, f);
	assert_string_equal(sget(o, "binaryData", "blob.bin"), "//4AYmlu");
	assert_string_equal(sget(o, "data", "multi.txt"), "line1\nline2\n");
	assert_suffix(o, "7g97b8h4ht");
	arena_free(a);
}

static void test_hash_empty_configmap(void **state)
{
	(void)state;
	arena *a = arena_new();
	node *o = build(a, "ConfigMap", "{name: a}", NULL, NULL);
	assert_null(node_get(o, "data"));
	assert_suffix(o, "6ct58987ht");
	arena_free(a);
}

/* Name, namespace, labels, annotations and immutable are not hashed. */
static void test_hash_ignores_metadata(void **state)
{
	(void)state;
	arena *a = arena_new();
	node *o = build(a, "ConfigMap",
			"{name: other, namespace: ns, literals: [a=1, \"html=<b>&amp;</b>\"],"
			" options: {immutable: true, labels: {x: y1}, annotations: {n: m}}}",
			NULL, NULL);
	assert_suffix(o, "dkh72gcd6k");
	arena_free(a);
}

/* ---------- hash: more suffixes from the oracle ---------- */

static void test_hash_empty_secret_has_empty_data_map(void **state)
{
	(void)state;
	arena *a = arena_new();
	node *o = build(a, "Secret", "{name: a}", NULL, NULL);
	node *d = node_get(o, "data");
	assert_non_null(d);
	assert_int_equal(d->kind, NODE_MAP);
	assert_int_equal(d->map.n, 0);
	assert_suffix(o, "46f8b28mk5");
	arena_free(a);
}

/* Keys a9 a10 B é 😀 hash in byte order B a10 a9 é 😀. */
static void test_hash_key_byte_order(void **state)
{
	(void)state;
	arena *a = arena_new();
	node *o = build(a, "ConfigMap",
			"{name: k, literals: [\"a9=1\", \"a10=2\", \"B=3\", \"\xc3\xa9=4\","
			" \"\xf0\x9f\x98\x80=5\"]}",
			NULL, NULL);
	assert_suffix(o, "2b2h72g266");
	o = build(a, "ConfigMap",
		  "{name: k, literals: [\"Z=1\", \"a=2\", \"_=3\", \"-x=4\", \".y=5\", \"A1=6\","
		  " \"a.b=7\", \"\xc3\xa9=8\"]}",
		  NULL, NULL);
	assert_suffix(o, "4tbghcc526");
	arena_free(a);
}

/* \b \f short forms, other C0 as \u00XX, quote, backslash, tab, CR, LF,
 * U+2028/U+2029 escaped, other non-ASCII raw, <>& as \u003c... */
static void test_hash_json_escapes(void **state)
{
	(void)state;
	arena *a = arena_new();
	node *o = build(a, "ConfigMap",
			"name: c\n"
			"literals:\n"
			"- \"ctl=a\\bb\\fc\\x01d\\x1fef\"\n"
			"- \"uni=\\u2028x\\u2029y\\u00e9\\U0001F600\"\n"
			"- \"esc=q\\\"b\\\\s/t\\tn\\nr\\r\"\n"
			"- \"html=<>&\"\n",
			NULL, NULL);
	assert_suffix(o, "m8htfb7m6h");
	arena_free(a);
}

/* U+FFFD and a BOM inside a value are raw UTF-8 in the JSON (the NEL
 * before them has become a space, see test_build_nel_folds). */
static void test_hash_json_raw_non_ascii(void **state)
{
	(void)state;
	arena *a = arena_new();
	node *o = build(a, "ConfigMap", "{name: c, literals: [\"a=\\u0085\\uFFFD\\uFEFF\"]}", NULL,
			NULL);
	assert_suffix(o, "gfht8m4fdc");
	arena_free(a);
}

typedef struct oracle_case {
	const char *kind, *args;
	memfile files[5];
	const char *suffix;
} oracle_case;

static void test_hash_oracle_generators(void **state)
{
	(void)state;
	static const oracle_case cases[] = {
		/* conformance configmaps__TestDataEndsWithQuotes */
		{"ConfigMap", "{name: test, literals: [\"TEST=this is a 'test'\"]}", {{0}},
		 "k9cc55dfm5"},
		/* conformance configmaps__TestGeneratorBasics (three objects) */
		{"ConfigMap",
		 "{name: bob, literals: [fruit=apple, vegetable=broccoli], envs: [foo.env],"
		 " env: bar.env, files: [passphrase=phrase.dat, forces.txt]}",
		 {{"foo.env", "\nMOUNTAIN=everest\nOCEAN=pacific\n", 0},
		  {"bar.env", "\nBIRD=falcon\n", 0},
		  {"phrase.dat", "\nLife is short.\nBut the years are long.\nNot while the evil days come not.\n", 0},
		  {"forces.txt", "\ngravitational\nelectromagnetic\nstrong nuclear\nweak nuclear\n", 0}},
		 "g9df72cd5b"},
		{"ConfigMap",
		 "name: json\nliterals:\n- 'v2=[{\"path\": \"var/druid/segment-cache\"}]'\n- >-\n"
		 "  druid_segmentCache_locations=[{\"path\":\n  \"var/druid/segment-cache\",\n"
		 "  \"maxSize\": 32000000000,\n  \"freeSpacePercent\": 1.0}]\n",
		 {{0}}, "m8529t979f"},
		{"Secret",
		 "{name: bob, literals: [fruit=apple, vegetable=broccoli], envs: [foo.env],"
		 " files: [passphrase=phrase.dat, forces.txt], env: bar.env}",
		 {{"foo.env", "\nMOUNTAIN=everest\nOCEAN=pacific\n", 0},
		  {"bar.env", "\nBIRD=falcon\n", 0},
		  {"phrase.dat", "\nLife is short.\nBut the years are long.\nNot while the evil days come not.\n", 0},
		  {"forces.txt", "\ngravitational\nelectromagnetic\nstrong nuclear\nweak nuclear\n", 0}},
		 "58g62h555c"},
		/* binary file, 52-byte value, every literal quoting form */
		{"ConfigMap",
		 "{name: cm, namespace: own, files: [blob.bin, multi.txt, k2=v52],"
		 " literals: [\"q='x'\", 'dq=\"y\"', \"mix=\\\"z'\", \"empty=\", \"sq=''\", \"one='\","
		 " \"eq==a=b\"], options: {labels: {both: local, l: \"2\"}, annotations: {x: yy}}}",
		 {{"blob.bin", "\xff\xfe\0bin", 6}, {"multi.txt", "line1\nline2\n", 0},
		  {"v52", "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy", 0}},
		 "g9cdk72k65"},
		/* 51 (one line), 52 and 105 bytes (wrapped) */
		{"Secret", "{name: s, files: [v52, v51, v105]}",
		 {{"v52", "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy", 0},
		  {"v51", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", 0},
		  {"v105", "wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww"
			   "wwwwwwwwwwwwwwwwwwwwwwwwwww", 0}},
		 "f8k2fkh4b5"},
		/* env file: BOM, CRLF, comments, blanks, no '=', Unicode spaces */
		{"ConfigMap", "{name: a, envs: [my.env]}",
		 {{"my.env",
		   "\xef\xbb\xbf" "A=1\r\n# comment\n\n   \t B = 2 \r\nNOEQ\n  #c2\nC=\"q v\"\nD=x=y\n"
		   "\xef\xbb\xbf" "E=3\n=emptykey\n\xc2\xa0" "F=nb\n\x0bG=vt\n\xc2\x85H=nel\n"
		   "\xe3\x80\x80I=ideo\nJ=a\rb\nK=\r\r\n", 0}},
		 "66797t59b4"},
		{"Secret", "{name: t, type: kubernetes.io/tls, files: [tls.crt, tls.key]}",
		 {{"tls.crt", "CERT", 0}, {"tls.key", "KEY", 0}}, "4b255hm948"},
		{"Secret", "{name: s, envs: [a.env], literals: [lit=v]}",
		 {{"a.env", "A=1\nB=two words\n", 0}}, "47mfk9b455"},
		{"ConfigMap", "{name: e, literals: [\"empty=\", \"sp= \"], options: {immutable: true}}",
		 {{0}}, "2t84k7tk5d"},
		{"Secret",
		 "{name: long, literals: [\"k=01234567890123456789012345678901234567890123456789"
		 "01234567890123456789012345678901234567890123456789\"]}",
		 {{0}}, "gtbkbt4t44"},
		/* NUL is valid UTF-8: data, not binaryData */
		{"ConfigMap", "{name: nul, files: [nul.txt]}", {{"nul.txt", "a\0b\n", 4}}, "cdh2cm544b"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		arena *a = arena_new();
		node *o = build(a, cases[i].kind, cases[i].args, NULL, cases[i].files);
		assert_suffix(o, cases[i].suffix);
		arena_free(a);
	}
}

/* 768 bytes of 0..255 x3: binaryData wrapped over many lines. */
static void test_hash_large_binary_file(void **state)
{
	(void)state;
	arena *a = arena_new();
	char data[768];
	for (int i = 0; i < 768; i++)
		data[i] = (char)(i & 255);
	const memfile f[] = {{"big.bin", data, sizeof data}, {0}};
	node *o = build(a, "ConfigMap", "{name: b, files: [big.bin]}", NULL, f);
	const char *b = sget(o, "binaryData", "big.bin");
	assert_int_equal(strlen(b), 1024 + 15);
	assert_suffix(o, "dm7tm2g9mc");
	arena_free(a);
}

/* Objects changed by patches before the hash: numbers go through float64,
 * plain timestamps become RFC 3339, scalars are hashed as their text, a
 * binaryData list counts (as null), a scalar one does not. */
static void test_hash_patched_objects(void **state)
{
	(void)state;
	static const struct {
		const char *yaml, *suffix;
	} v[] = {
		{"kind: ConfigMap\ndata:\n  a: \"1\"\n  i: 42\n  f: 1.5\n  big: 12345678901234567890\n"
		 "  e: 1e3\n  tiny: 0.0000001\n  b: true\n  t: 2001-12-14\n  m: {z: 1, a: [1, \"x\"]}\n",
		 "6hkhk72kdd"},
		{"kind: ConfigMap\ndata: null\n", "g886t7dd28"},
		{"kind: ConfigMap\ndata: {a: \"1\"}\nbinaryData: [x]\n", "bmgmm7k8fh"},
		{"kind: ConfigMap\ndata: {a: \"1\"}\nbinaryData: scalar\n", "h29d89cmmt"},
		{"kind: Secret\ndata: {a: MQ==}\ntype: 7\nstringData: {x: \"y\"}\n", "gg2db968f5"},
		{"kind: ConfigMap\ndata: str\n", "6ffk6hhc6g"},
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		arena *a = arena_new();
		assert_suffix(yaml1(a, v[i].yaml), v[i].suffix);
		arena_free(a);
	}
}

static void test_hash_other_kind_fails(void **state)
{
	(void)state;
	arena *a = arena_new();
	char out[11];
	err e = ERR_INIT;
	assert_int_equal(gen_hash_suffix(yaml1(a, "kind: Service\n"), out, &e), -1);
	assert_contains(e.msg, "Service");
	err_clear(&e);
	arena_free(a);
}

/* ---------- literals, file sources, env files ---------- */

static void check_literal(arena *a, const char *src, const char *key, const char *val)
{
	gen_pair p;
	err e = ERR_INIT;
	assert_int_equal(gen_parse_literal(a, src, strlen(src), &p, &e), 0);
	assert_string_equal(p.key, key);
	assert_string_equal(p.val, val);
}

static void test_literal_quotes(void **state)
{
	(void)state;
	arena *a = arena_new();
	check_literal(a, "q='x'", "q", "x");
	check_literal(a, "dq=\"y\"", "dq", "y");
	check_literal(a, "mix=\"z'", "mix", "\"z'");
	check_literal(a, "sq=''", "sq", "");
	check_literal(a, "one='", "one", "'");
	check_literal(a, "TEST=this is a 'test'", "TEST", "this is a 'test'");
	arena_free(a);
}

static void test_literal_split_at_first_equals(void **state)
{
	(void)state;
	arena *a = arena_new();
	check_literal(a, "eq==a=b", "eq", "=a=b");
	check_literal(a, "empty=", "empty", "");
	check_literal(a, "bad key!=v", "bad key!", "v");
	arena_free(a);
}

static void test_literal_errors(void **state)
{
	(void)state;
	arena *a = arena_new();
	gen_pair p;
	err e = ERR_INIT;
	assert_int_equal(gen_parse_literal(a, "=1", 2, &p, &e), -1);
	assert_string_equal(e.msg, "invalid literal source =1, expected key=value");
	assert_int_equal(gen_parse_literal(a, "noeq", 4, &p, &e), -1);
	assert_string_equal(e.msg, "invalid literal source noeq, expected key=value");
	err_clear(&e);
	/* The wrapped form names all literals, Go-style. */
	char *m = build_err(a, "ConfigMap", "{name: a, literals: [null, x=1]}", NULL, NULL);
	assert_contains(m, ": loading KV pairs: literal sources [ x=1]: invalid literal source , "
			   "expected key=value");
	assert_true(strncmp(m, "kustomization.yaml:1:", 21) == 0);
	arena_free(a);
}

static void test_file_source_keys(void **state)
{
	(void)state;
	arena *a = arena_new();
	const char *k, *p;
	err e = ERR_INIT;
	assert_int_equal(gen_parse_file_source(a, "dir/sub/forces.txt", &k, &p, &e), 0);
	assert_string_equal(k, "forces.txt");
	assert_string_equal(p, "dir/sub/forces.txt");
	assert_int_equal(gen_parse_file_source(a, "passphrase=phrase.dat", &k, &p, &e), 0);
	assert_string_equal(k, "passphrase");
	assert_string_equal(p, "phrase.dat");
	assert_int_equal(gen_parse_file_source(a, "dir/", &k, &p, &e), 0);
	assert_string_equal(k, "dir");
	arena_free(a);
}

static void test_file_source_errors(void **state)
{
	(void)state;
	arena *a = arena_new();
	const char *k, *p;
	err e = ERR_INIT;
	assert_int_equal(gen_parse_file_source(a, "a=b=c", &k, &p, &e), -1);
	assert_string_equal(e.msg, "source \"a=b=c\" key name or file path contains '='");
	assert_int_equal(gen_parse_file_source(a, "=c", &k, &p, &e), -1);
	assert_string_equal(e.msg, "missing key name for file path \"c\" in source \"=c\"");
	assert_int_equal(gen_parse_file_source(a, "c=", &k, &p, &e), -1);
	assert_string_equal(e.msg, "missing file path for key name \"c\" in source \"c=\"");
	err_clear(&e);
	char *m = build_err(a, "ConfigMap", "{name: a, files: [a=b=c]}", NULL, NULL);
	assert_contains(m, ": loading KV pairs: file sources: [a=b=c]: source \"a=b=c\" key name "
			   "or file path contains '='");
	arena_free(a);
}

static void test_file_read_error_wrapped(void **state)
{
	(void)state;
	arena *a = arena_new();
	char *m = build_err(a, "ConfigMap", "{name: a, files: [nope]}", NULL, NULL);
	assert_contains(m, "loading KV pairs: file sources: [nope]: evalsymlink failure on "
			   "'/k/nope' : lstat /k/nope: no such file or directory");
	m = build_err(a, "ConfigMap", "{name: a, envs: [nope]}", NULL, NULL);
	assert_contains(m, "loading KV pairs: env source files: [nope]: evalsymlink failure");
	arena_free(a);
}

static void test_env_parsing(void **state)
{
	(void)state;
	arena *a = arena_new();
	const char *t = "\xef\xbb\xbf" "A=1\r\n# comment\n\n   \t B = 2 \r\nNOEQ\n  #c2\nC=\"q v\"\n"
			"D=x=y\n\xef\xbb\xbf" "E=3\n=emptykey\n\xc2\xa0" "F=nb\n\x0bG=vt\n\xc2\x85H=nel\n"
			"\xe3\x80\x80I=ideo\nJ=a\rb\nK=\r\r\n";
	static const char *want[][2] = {
		{"A", "1"}, {"B ", " 2 "}, {"NOEQ", ""}, {"C", "\"q v\""}, {"D", "x=y"},
		{"\xef\xbb\xbf" "E", "3"}, {"F", "nb"}, {"G", "vt"}, {"H", "nel"}, {"I", "ideo"},
		{"J", "a\rb"}, {"K", "\r"},
	};
	gen_pairs p = {0};
	err e = ERR_INIT;
	assert_int_equal(gen_parse_env(a, t, strlen(t), &p, &e), 0);
	assert_int_equal(p.n, sizeof want / sizeof want[0]);
	for (size_t i = 0; i < p.n; i++) {
		assert_string_equal(p.v[i].key, want[i][0]);
		assert_string_equal(p.v[i].val, want[i][1]);
	}
	arena_free(a);
}

/* A line of 65536 bytes or more ends the file silently (bufio.Scanner). */
static size_t env_with_line(char *t, size_t xs)
{
	memcpy(t, "A=1\nL=", 6);
	memset(t + 6, 'x', xs);
	memcpy(t + 6 + xs, "\nB=2\n", 5);
	return 6 + xs + 5;
}

static void test_env_long_line_stops(void **state)
{
	(void)state;
	arena *a = arena_new();
	char *t = malloc(70000);
	err e = ERR_INIT;
	/* "L=" + 65534 x: a 65536-byte line. */
	size_t n = env_with_line(t, 65534);
	gen_pairs p = {0};
	assert_int_equal(gen_parse_env(a, t, n, &p, &e), 0);
	assert_int_equal(p.n, 1);
	assert_string_equal(p.v[0].key, "A");
	/* 65535 bytes is still read. */
	n = env_with_line(t, 65533);
	gen_pairs q = {0};
	assert_int_equal(gen_parse_env(a, t, n, &q, &e), 0);
	assert_int_equal(q.n, 3);
	assert_int_equal(q.v[1].val_len, 65533);
	free(t);
	arena_free(a);
}

static void test_env_invalid_utf8(void **state)
{
	(void)state;
	arena *a = arena_new();
	const char *t = "A=1\n\x85H=nel\n";
	gen_pairs p = {0};
	err e = ERR_INIT;
	assert_int_equal(gen_parse_env(a, t, strlen(t), &p, &e), -1);
	assert_string_equal(e.msg, "line [133 72 61 110 101 108] has invalid utf8 bytes : \x85H=nel");
	err_clear(&e);
	arena_free(a);
}

/* ---------- base64 ---------- */

static const char *b64(arena *a, const char *s, size_t n)
{
	const char *out;
	size_t len;
	gen_base64_wrapped(a, s, n, &out, &len);
	assert_int_equal(strlen(out), len);
	return out;
}

static void test_base64_plain(void **state)
{
	(void)state;
	buf b = BUF_INIT;
	base64_encode(&b, "", 0);
	assert_string_equal(b.p, "");
	base64_encode(&b, "f", 1);
	base64_encode(&b, "fo", 2);
	base64_encode(&b, "foo", 3);
	base64_encode(&b, "foob", 4);
	assert_string_equal(b.p, "Zg==Zm8=Zm9vZm9vYg==");
	buf_free(&b);
	arena *a = arena_new();
	assert_string_equal(b64(a, "s3cr3t", 6), "czNjcjN0");
	assert_string_equal(b64(a, "\xff\xfe\0bin", 6), "//4AYmlu");
	assert_string_equal(b64(a, "", 0), "");
	arena_free(a);
}

static void test_base64_wrapping(void **state)
{
	(void)state;
	arena *a = arena_new();
	char y[106];
	memset(y, 'z', 51);
	assert_string_equal(b64(a, y, 51),
			    "enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6");
	memset(y, 'y', 52);
	assert_string_equal(b64(a, y, 52),
			    "eXl5eXl5eXl5eXl5eXl5eXl5eXl5eXl5eXl5eXl5eXl5eXl5eXl5eXl5eXl5eXl5eXl5eQ\n"
			    "==\n");
	memset(y, 'w', 105);
	assert_string_equal(b64(a, y, 105),
			    "d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3\n"
			    "d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3\n");
	arena_free(a);
}

/* ---------- building objects ---------- */

static void test_build_configmap_object(void **state)
{
	(void)state;
	arena *a = arena_new();
	const memfile f[] = {{"blob.bin", "\xff\xfe\0bin", 6}, {"multi.txt", "line1\nline2\n", 0},
			     {"v52", "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy", 0}, {0}};
	node *o = build(a, "ConfigMap",
			"{name: cm, namespace: own, files: [blob.bin, multi.txt, k2=v52],"
			" literals: [\"q='x'\", \"eq==a=b\"],"
			" options: {labels: {both: local, l: \"2\"}, annotations: {x: yy}}}",
			"{labels: {g: gl, both: fromglobal}, annotations: {ga: \"1\"}, immutable: true}",
			f);
	assert_string_equal(sget(o, "apiVersion", NULL), "v1");
	assert_string_equal(sget(o, "kind", NULL), "ConfigMap");
	assert_string_equal(sget(o, "metadata", "name"), "cm");
	assert_string_equal(sget(o, "metadata", "namespace"), "own");
	assert_string_equal(sget(o, "binaryData", "blob.bin"), "//4AYmlu");
	assert_string_equal(sget(o, "data", "k2"), "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy");
	assert_string_equal(sget(o, "data", "q"), "x");
	assert_string_equal(sget(o, "data", "eq"), "=a=b");
	assert_int_equal(node_get(o, "data")->map.n, 4);
	node *labels = node_dig(o, "metadata", "labels", NULL);
	assert_int_equal(labels->map.n, 3);
	assert_string_equal(node_get_str(labels, "both"), "local");
	assert_string_equal(node_get_str(labels, "g"), "gl");
	assert_string_equal(node_get_str(labels, "l"), "2");
	node *ann = node_dig(o, "metadata", "annotations", NULL);
	assert_int_equal(ann->map.n, 2);
	assert_string_equal(node_get_str(ann, "ga"), "1");
	assert_string_equal(node_get_str(ann, "x"), "yy");
	node *imm = node_get(o, "immutable");
	assert_int_equal(imm->kind, NODE_BOOL);
	assert_string_equal(imm->str.s, "true");
	assert_null(node_get(o, "type"));
	arena_free(a);
}

static void test_build_secret_types(void **state)
{
	(void)state;
	arena *a = arena_new();
	const memfile f[] = {{"tls.crt", "CERT", 0}, {"tls.key", "KEY", 0}, {0}};
	node *o = build(a, "Secret", "{name: s, literals: [a=b]}", NULL, NULL);
	assert_string_equal(sget(o, "type", NULL), "Opaque");
	o = build(a, "Secret", "{name: s, type: \"\"}", NULL, NULL);
	assert_string_equal(sget(o, "type", NULL), "Opaque");
	o = build(a, "Secret", "{name: tls, type: kubernetes.io/tls, files: [tls.crt, tls.key]}",
		  NULL, f);
	assert_string_equal(sget(o, "type", NULL), "kubernetes.io/tls");
	assert_string_equal(sget(o, "data", "tls.crt"), "Q0VSVA==");
	assert_string_equal(sget(o, "data", "tls.key"), "S0VZ");
	assert_null(node_get(o, "binaryData"));
	arena_free(a);
}

static void test_build_duplicate_key(void **state)
{
	(void)state;
	arena *a = arena_new();
	char *m = build_err(a, "ConfigMap", "{name: a, literals: [x=1, x=2]}", NULL, NULL);
	assert_contains(m, ": configmap a illegally repeats the key `x`");
	/* envs come first, so the literal is the repeat; Secrets say "configmap" too. */
	const memfile f[] = {{"e.env", "y=1\nx=0\n", 0}, {0}};
	m = build_err(a, "Secret", "{name: s, literals: [y=2, x=1], envs: [e.env]}", NULL, f);
	assert_contains(m, ": configmap s illegally repeats the key `y`");
	arena_free(a);
}

static void test_build_missing_name(void **state)
{
	(void)state;
	arena *a = arena_new();
	char *m = build_err(a, "Secret", "{literals: [x=1]}", NULL, NULL);
	assert_contains(m, ": a configmap must have a name");
	m = build_err(a, "ConfigMap", "{name: null}", NULL, NULL);
	assert_contains(m, "a configmap must have a name");
	arena_free(a);
}

static void test_build_hash_flag_and_behavior(void **state)
{
	(void)state;
	arena *a = arena_new();
	gen_result r;
	err e = ERR_INIT;
	assert_int_equal(try_build(a, "ConfigMap", "{name: a}", NULL, NULL, &r, &e), 0);
	assert_true(r.needs_hash);
	assert_string_equal(r.behavior, "create");
	assert_int_equal(try_build(a, "ConfigMap",
				   "{name: a, behavior: merge, options: {disableNameSuffixHash: true}}",
				   NULL, NULL, &r, &e), 0);
	assert_false(r.needs_hash);
	assert_string_equal(r.behavior, "merge");
	assert_int_equal(try_build(a, "Secret", "{name: a, behavior: replace}",
				   "{disableNameSuffixHash: true}", NULL, &r, &e), 0);
	assert_false(r.needs_hash);
	assert_string_equal(r.behavior, "replace");
	/* Unknown words (and other cases) act as create. */
	assert_int_equal(try_build(a, "Secret", "{name: a, behavior: MERGE}", NULL, NULL, &r, &e), 0);
	assert_string_equal(r.behavior, "create");
	/* YAML 1.1 booleans in kustomization.yaml. */
	assert_int_equal(try_build(a, "ConfigMap", "{name: a, options: {immutable: yes}}", NULL,
				   NULL, &r, &e), 0);
	assert_non_null(node_get(r.obj, "immutable"));
	arena_free(a);
}

/* Go decodes fields case-insensitively; sigs.k8s.io/yaml sorts the keys, so
 * "name" (after "Name") wins. */
static void test_build_field_names_fold(void **state)
{
	(void)state;
	arena *a = arena_new();
	node *o = build(a, "ConfigMap", "{Name: a, LITERALS: [x=1], name: b}", NULL, NULL);
	assert_string_equal(sget(o, "metadata", "name"), "b");
	assert_suffix(o, "hmg6f82fh6");
	o = build(a, "ConfigMap", "{name: a, Name: b}", NULL, NULL);
	assert_string_equal(sget(o, "metadata", "name"), "a");
	arena_free(a);
}

static void test_build_type_errors(void **state)
{
	(void)state;
	arena *a = arena_new();
	static const struct {
		const char *kind, *args, *global, *msg;
	} v[] = {
		{"ConfigMap", "{name: 1}", NULL,
		 "invalid Kustomization: json: cannot unmarshal number into Go struct field "
		 "ConfigMapArgs.configMapGenerator.name of type string"},
		{"ConfigMap", "{name: a, literals: [yes]}", NULL,
		 "cannot unmarshal bool into Go struct field ConfigMapArgs.configMapGenerator.literals "
		 "of type string"},
		{"Secret", "{name: a, literals: [1.5]}", NULL,
		 "cannot unmarshal number into Go struct field SecretArgs.secretGenerator.literals of "
		 "type string"},
		{"Secret", "{name: a, type: [x]}", NULL,
		 "cannot unmarshal array into Go struct field SecretArgs.secretGenerator.type of type "
		 "string"},
		{"ConfigMap", "{name: a, literals: x=1}", NULL,
		 "cannot unmarshal string into Go struct field ConfigMapArgs.configMapGenerator.literals "
		 "of type []string"},
		{"ConfigMap", "{name: a, options: {labels: {a: 1}}}", NULL,
		 "cannot unmarshal number into Go struct field "
		 "GeneratorOptions.configMapGenerator.options.labels of type string"},
		{"ConfigMap", "{name: a}", "{labels: {a: 1}}",
		 "cannot unmarshal number into Go struct field GeneratorOptions.generatorOptions.labels "
		 "of type string"},
		{"ConfigMap", "{name: a, options: {disableNameSuffixHash: \"true\"}}", NULL,
		 "cannot unmarshal string into Go struct field "
		 "GeneratorOptions.configMapGenerator.options.disableNameSuffixHash of type bool"},
		{"ConfigMap", "{name: a, options: x}", NULL,
		 "cannot unmarshal string into Go struct field ConfigMapArgs.configMapGenerator.options "
		 "of type types.GeneratorOptions"},
		{"ConfigMap", "{name: a, options: {labels: x}}", NULL,
		 "GeneratorOptions.configMapGenerator.options.labels of type map[string]string"},
		{"ConfigMap", "x", NULL,
		 "cannot unmarshal string into Go struct field Kustomization.configMapGenerator of type "
		 "types.ConfigMapArgs"},
		{"ConfigMap", "{name: a}", "x",
		 "cannot unmarshal string into Go struct field Kustomization.generatorOptions of type "
		 "types.GeneratorOptions"},
		{"ConfigMap", "{name: a, env: [a]}", NULL,
		 "cannot unmarshal array into Go struct field ConfigMapArgs.configMapGenerator.env of "
		 "type string"},
		{"ConfigMap", "{name: a, literals: [0o17]}", NULL,
		 "cannot unmarshal number into Go struct field ConfigMapArgs.configMapGenerator.literals"},
		{"ConfigMap", "{name: a, literals: [{a: b}]}", NULL,
		 "cannot unmarshal object into Go struct field ConfigMapArgs.configMapGenerator.literals"},
		/* Keys are decoded in sorted order: behavior before name. */
		{"ConfigMap", "{zz: 1, name: 1, behavior: 1}", NULL,
		 "ConfigMapArgs.configMapGenerator.behavior of type string"},
		{"ConfigMap", "{name: a, literals: [x=1], unknownf: 1}", NULL,
		 "invalid Kustomization: json: unknown field \"unknownf\""},
		{"ConfigMap", "{name: a, type: x}", NULL,
		 "invalid Kustomization: json: unknown field \"type\""},
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		assert_contains(build_err(a, v[i].kind, v[i].args, v[i].global, NULL), v[i].msg);
	arena_free(a);
}

/* Nulls are Go zero values: labels a: null is "", literal null is "". */
static void test_build_nulls(void **state)
{
	(void)state;
	arena *a = arena_new();
	node *o = build(a, "ConfigMap",
			"{name: a, files: null, literals: ~, options: {labels: {a: null}, immutable: null}}",
			NULL, NULL);
	assert_string_equal(node_get_str(node_dig(o, "metadata", "labels", NULL), "a"), "");
	assert_null(node_get(o, "immutable"));
	assert_suffix(o, "6ct58987ht");
	arena_free(a);
}

static void test_build_control_chars_rejected(void **state)
{
	(void)state;
	arena *a = arena_new();
	char *m = build_err(a, "Secret", "{name: \"s\\x7f\"}", NULL, NULL);
	assert_contains(m, "builtin SecretGenerator marshal: yaml: control characters are not allowed");
	m = build_err(a, "ConfigMap", "{name: c, literals: [\"a=\\u0090\"]}", NULL, NULL);
	assert_contains(m, "builtin ConfigMapGenerator marshal: yaml: control characters are not "
			   "allowed");
	/* Checked before the name, and global options count too. */
	m = build_err(a, "ConfigMap", "{literals: [\"a=\\uFFFE\"]}", NULL, NULL);
	assert_contains(m, "marshal: yaml: control characters are not allowed");
	m = build_err(a, "ConfigMap", "{name: c}", "{labels: {a: \"\\x7f\"}}", NULL);
	assert_contains(m, "marshal: yaml: control characters are not allowed");
	arena_free(a);
}

/* NEL in an argument folds like a line break in a YAML double-quoted
 * scalar (kustomize passes the arguments through JSON and YAML). */
static void test_build_nel_folds(void **state)
{
	(void)state;
	arena *a = arena_new();
	node *o = build(a, "ConfigMap",
			"name: \"n\\u0085m\"\n"
			"literals:\n"
			"- \"a=x\\u0085y\"\n"
			"- \"b=x \\u0085 y\"\n"
			"- \"c=x\\u0085\\u0085y\"\n"
			"- \"d=x\\u0085 \\u0085\\u0085y\"\n"
			"- \"e=\\u0085\"\n"
			"- \"\\u0085f=1\"\n"
			"- \"g=x  y\"\n"
			"- \"h=x\\u0085\\ty\"\n"
			"- \"i=x\\t\\u0085y\"\n"
			"options: {labels: {l: \"v\\u0085w\"}}\n",
			NULL, NULL);
	static const char *want[][2] = {
		{" f", "1"}, {"a", "x y"}, {"b", "x y"}, {"c", "x\ny"}, {"d", "x\n\ny"},
		{"e", " "}, {"g", "x  y"}, {"h", "x \ty"}, {"i", "x\t y"},
	};
	assert_int_equal(node_get(o, "data")->map.n, 9);
	for (size_t i = 0; i < 9; i++)
		assert_string_equal(sget(o, "data", want[i][0]), want[i][1]);
	assert_string_equal(sget(o, "metadata", "name"), "n m");
	assert_string_equal(node_get_str(node_dig(o, "metadata", "labels", NULL), "l"), "v w");
	assert_suffix(o, "t2gbbhb468");
	arena_free(a);
}

/* env (singular) goes after envs, and both show in errors. */
static void test_build_env_singular_appended(void **state)
{
	(void)state;
	arena *a = arena_new();
	const memfile f[] = {{"a.env", "X=1\n", 0}, {0}};
	char *m = build_err(a, "ConfigMap", "{name: c, env: b.env, envs: [a.env]}", NULL, f);
	assert_contains(m, "loading KV pairs: env source files: [a.env b.env]: evalsymlink");
	arena_free(a);
}

/* ---------- behavior merge / replace ---------- */

static node *merge_step(arena *a, node *old, const char *kind, const char *overlay,
			const memfile *files)
{
	gen_result r;
	err e = ERR_INIT;
	if (try_build(a, kind, overlay, NULL, files, &r, &e) ||
	    gen_merge_into(a, old, r.obj, r.behavior, &e))
		fail_msg("merge step: %s", e.msg);
	return old;
}

/* Suffixes of the conformance cases that merge generators. */
static void test_merge_conformance_suffixes(void **state)
{
	(void)state;
	arena *a = arena_new();
	char bin[180];
	for (int i = 0; i < 30; i++)
		memcpy(bin + 6 * i, "\xffhello", 6);
	const memfile bf[] = {{"data.bin", bin, sizeof bin}, {0}};
	/* configmaps__TestGeneratorOverlaysBinaryData: merge with no sources */
	node *o = build(a, "ConfigMap", "{name: com1, behavior: create, files: [data.bin]}", NULL, bf);
	merge_step(a, o, "ConfigMap", "{name: com1, behavior: merge}", NULL);
	assert_null(node_get(o, "data"));
	assert_suffix(o, "96gmmt6gt5");
	/* configmaps__TestGeneratorOverlays: two merges in a row */
	o = build(a, "ConfigMap", "{name: com1, behavior: create, literals: [from=base]}", NULL, NULL);
	merge_step(a, o, "ConfigMap", "{name: com1, behavior: merge, literals: [from=overlay]}", NULL);
	merge_step(a, o, "ConfigMap", "{name: com1, behavior: merge, literals: [foo=bar, baz=qux]}",
		   NULL);
	assert_suffix(o, "8tc62428t2");
	/* namespacedgenerators__TestNamespacedGeneratorWithOverlays */
	o = build(a, "ConfigMap", "{name: testCase, literals: [base=apple]}", NULL, NULL);
	merge_step(a, o, "ConfigMap", "{name: testCase, behavior: merge, literals: [overlay=peach]}",
		   NULL);
	assert_suffix(o, "gmfch8gkbt");
	arena_free(a);
}

/* generatoroptions__TestSecretGenerator and ...TestGeneratorOptionsWithBases */
static void test_generator_options_conformance(void **state)
{
	(void)state;
	arena *a = arena_new();
	const memfile f[] = {{"foo.env", "\nMOUNTAIN=everest\nOCEAN=pacific\n", 0},
			     {"phrase.dat", "dat phrase", 0}, {0}};
	node *o = build(a, "Secret",
			"{name: bob, literals: [FRUIT=apple, VEGETABLE=carrot],"
			" files: [foo.env, passphrase=phrase.dat], envs: [foo.env]}",
			NULL, f);
	assert_string_equal(sget(o, "data", "foo.env"), "Ck1PVU5UQUlOPWV2ZXJlc3QKT0NFQU49cGFjaWZpYwo=");
	assert_suffix(o, "bh645k7tmg");
	gen_result r;
	err e = ERR_INIT;
	assert_int_equal(try_build(a, "ConfigMap", "{name: shouldHaveHash, literals: [fruit=apple]}",
				   "{disableNameSuffixHash: false, labels: {fruit: apple}}", NULL, &r,
				   &e), 0);
	assert_true(r.needs_hash);
	assert_suffix(r.obj, "c9867f8446");
	assert_int_equal(try_build(a, "ConfigMap", "{name: shouldNotHaveHash, literals: [foo=bar]}",
				   "{disableNameSuffixHash: true, labels: {foo: bar}}", NULL, &r, &e), 0);
	assert_false(r.needs_hash);
	assert_string_equal(node_get_str(node_dig(r.obj, "metadata", "labels", NULL), "foo"), "bar");
	arena_free(a);
}

static const memfile merge_files[] = {{"bin1", "\xff\xfe", 2}, {"bin2", "\xff\xfd", 2}, {0}};

static node *merged(arena *a, const char *kind, const char *base, const char *overlay,
		    const char *behavior)
{
	node *old = build(a, kind, base, NULL, merge_files);
	node *gen = build(a, kind, overlay, NULL, merge_files);
	err e = ERR_INIT;
	if (gen_merge_into(a, old, gen, behavior, &e))
		fail_msg("gen_merge_into: %s", e.msg);
	return old;
}

static void test_merge_configmap(void **state)
{
	(void)state;
	arena *a = arena_new();
	node *o = merged(a, "ConfigMap",
			 "{name: cm, literals: [a=1, b=2], files: [bin1], options: {immutable: true,"
			 " labels: {l1: base, l2: base}, annotations: {a1: base}}}",
			 "{name: cm, behavior: merge, literals: [b=new, c=3], files: [bin2],"
			 " options: {labels: {l2: ov, l3: ov}}}",
			 "merge");
	assert_string_equal(sget(o, "data", "a"), "1");
	assert_string_equal(sget(o, "data", "b"), "new");
	assert_string_equal(sget(o, "data", "c"), "3");
	assert_string_equal(sget(o, "binaryData", "bin1"), "//4=");
	assert_string_equal(sget(o, "binaryData", "bin2"), "//0=");
	node *l = node_dig(o, "metadata", "labels", NULL);
	assert_int_equal(l->map.n, 3);
	assert_string_equal(node_get_str(l, "l1"), "base");
	assert_string_equal(node_get_str(l, "l2"), "ov");
	assert_string_equal(node_get_str(node_dig(o, "metadata", "annotations", NULL), "a1"), "base");
	/* immutable belonged to the old object only. */
	assert_null(node_get(o, "immutable"));
	assert_suffix(o, "hg85m4fdgg");
	arena_free(a);
}

static void test_merge_secret_takes_new_type(void **state)
{
	(void)state;
	arena *a = arena_new();
	node *o = merged(a, "Secret",
			 "{name: s, type: kubernetes.io/basic-auth, literals: [u=x, p=y],"
			 " options: {labels: {sl: base}}}",
			 "{name: s, behavior: merge, literals: [p=z]}", "merge");
	assert_string_equal(sget(o, "type", NULL), "Opaque");
	assert_string_equal(sget(o, "data", "p"), "eg==");
	assert_string_equal(sget(o, "data", "u"), "eA==");
	assert_string_equal(node_get_str(node_dig(o, "metadata", "labels", NULL), "sl"), "base");
	assert_suffix(o, "bkkdtmkk8d");
	arena_free(a);
}

static void test_replace_keeps_only_new_data(void **state)
{
	(void)state;
	arena *a = arena_new();
	node *o = merged(a, "Secret", "{name: r, literals: [u=x], files: [bin1]}",
			 "{name: r, behavior: replace, literals: [v=w],"
			 " options: {annotations: {ra: ov}, immutable: true}}",
			 "replace");
	node *d = node_get(o, "data");
	assert_int_equal(d->map.n, 1);
	assert_string_equal(sget(o, "data", "v"), "dw==");
	assert_non_null(node_get(o, "immutable"));
	assert_null(node_dig(o, "metadata", "labels", NULL));
	assert_string_equal(node_get_str(node_dig(o, "metadata", "annotations", NULL), "ra"), "ov");
	assert_suffix(o, "dk6fb7fg5t");
	arena_free(a);
}

/* Merging into a plain resource: every data value, label and annotation
 * becomes a string (data nulls ""; label nulls keep their text), other
 * metadata is dropped, empty label maps disappear. */
static void test_merge_into_plain_resource(void **state)
{
	(void)state;
	arena *a = arena_new();
	node *old = yaml1(a, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n"
			     "  namespace: ns1\n  labels: {n: 1, b: true, x: null, t: ~, e: }\n"
			     "  annotations: {d: 1.0, m: {x: 1}}\n  finalizers: [x]\n"
			     "data:\n  i: 1\n  f: 1.50\n  nul: ~\n  t: 2001-12-14\n  m: {x: 1}\n"
			     "  s: \"str\"\nbinaryData:\n  bb: //4=\n");
	node *gen = build(a, "ConfigMap", "{name: cm, namespace: ns1, literals: [new=1]}", NULL,
			  NULL);
	err e = ERR_INIT;
	assert_int_equal(gen_merge_into(a, old, gen, "merge", &e), 0);
	static const char *want[][2] = {{"f", "1.50"}, {"i", "1"}, {"m", ""}, {"new", "1"},
					{"nul", ""}, {"s", "str"}, {"t", "2001-12-14"}};
	node *d = node_get(old, "data");
	assert_int_equal(d->map.n, 7);
	for (size_t i = 0; i < 7; i++)
		assert_string_equal(sget(old, "data", want[i][0]), want[i][1]);
	assert_string_equal(sget(old, "binaryData", "bb"), "//4=");
	node *l = node_dig(old, "metadata", "labels", NULL);
	assert_string_equal(sget(l, "n", NULL), "1");
	assert_string_equal(sget(l, "b", NULL), "true");
	assert_string_equal(sget(l, "x", NULL), "null");
	assert_string_equal(sget(l, "t", NULL), "~");
	assert_string_equal(sget(l, "e", NULL), "");
	node *an = node_dig(old, "metadata", "annotations", NULL);
	assert_string_equal(sget(an, "d", NULL), "1.0");
	assert_string_equal(sget(an, "m", NULL), "");
	assert_null(node_dig(old, "metadata", "finalizers", NULL));
	assert_string_equal(node_get_str(node_get(old, "metadata"), "namespace"), "ns1");

	node *old2 = yaml1(a, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm2\n"
			      "  labels: {}\n  annotations: {}\n");
	node *gen2 = build(a, "ConfigMap", "{name: cm2, behavior: merge}", NULL, NULL);
	assert_int_equal(gen_merge_into(a, old2, gen2, "merge", &e), 0);
	assert_null(node_dig(old2, "metadata", "labels", NULL));
	assert_null(node_dig(old2, "metadata", "annotations", NULL));
	assert_null(node_get(old2, "data"));
	arena_free(a);
}

/* The old object's (empty) namespace wins over the generator's "default". */
static void test_replace_takes_old_name_and_namespace(void **state)
{
	(void)state;
	arena *a = arena_new();
	node *old = yaml1(a, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: p-cm\n"
			     "data: {a: b}\n");
	node *gen = build(a, "ConfigMap", "{name: cm, namespace: default, literals: [new=1]}", NULL,
			  NULL);
	err e = ERR_INIT;
	assert_int_equal(gen_merge_into(a, old, gen, "replace", &e), 0);
	assert_string_equal(node_get_str(node_get(old, "metadata"), "name"), "p-cm");
	assert_null(node_dig(old, "metadata", "namespace", NULL));
	assert_int_equal(node_get(old, "data")->map.n, 1);
	assert_string_equal(sget(old, "data", "new"), "1");
	assert_int_equal(gen_merge_into(a, old, gen, "create", &e), -1);
	err_clear(&e);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hash_literals_html_escaped),
		cmocka_unit_test(test_hash_secret_literal),
		cmocka_unit_test(test_hash_binary_and_text_files),
		cmocka_unit_test(test_hash_empty_configmap),
		cmocka_unit_test(test_hash_ignores_metadata),
		cmocka_unit_test(test_hash_empty_secret_has_empty_data_map),
		cmocka_unit_test(test_hash_key_byte_order),
		cmocka_unit_test(test_hash_json_escapes),
		cmocka_unit_test(test_hash_json_raw_non_ascii),
		cmocka_unit_test(test_hash_oracle_generators),
		cmocka_unit_test(test_hash_large_binary_file),
		cmocka_unit_test(test_hash_patched_objects),
		cmocka_unit_test(test_hash_other_kind_fails),
		cmocka_unit_test(test_literal_quotes),
		cmocka_unit_test(test_literal_split_at_first_equals),
		cmocka_unit_test(test_literal_errors),
		cmocka_unit_test(test_file_source_keys),
		cmocka_unit_test(test_file_source_errors),
		cmocka_unit_test(test_file_read_error_wrapped),
		cmocka_unit_test(test_env_parsing),
		cmocka_unit_test(test_env_long_line_stops),
		cmocka_unit_test(test_env_invalid_utf8),
		cmocka_unit_test(test_base64_plain),
		cmocka_unit_test(test_base64_wrapping),
		cmocka_unit_test(test_build_configmap_object),
		cmocka_unit_test(test_build_secret_types),
		cmocka_unit_test(test_build_duplicate_key),
		cmocka_unit_test(test_build_missing_name),
		cmocka_unit_test(test_build_hash_flag_and_behavior),
		cmocka_unit_test(test_build_field_names_fold),
		cmocka_unit_test(test_build_type_errors),
		cmocka_unit_test(test_build_nulls),
		cmocka_unit_test(test_build_control_chars_rejected),
		cmocka_unit_test(test_build_nel_folds),
		cmocka_unit_test(test_build_env_singular_appended),
		cmocka_unit_test(test_merge_conformance_suffixes),
		cmocka_unit_test(test_generator_options_conformance),
		cmocka_unit_test(test_merge_configmap),
		cmocka_unit_test(test_merge_secret_takes_new_type),
		cmocka_unit_test(test_replace_keeps_only_new_data),
		cmocka_unit_test(test_merge_into_plain_resource),
		cmocka_unit_test(test_replace_takes_old_name_and_namespace),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
