/* Unit tests: yblock.c against libyaml's parser, event for event.
 *
 * Every text goes to both.  Where yblock reads a text, libyaml must read
 * it without error and send the same events (type, value, style, implicit
 * flags, start mark); where yblock declines, anything goes.  The texts:
 * written cases, generated documents in many spellings (some of them
 * invalid on purpose), random edits of those, and every YAML file of the
 * repository's test data and examples - where most pieces must be read
 * rather than declined, or the fast path would be dead weight. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>
#include <yaml.h>

#include "strata/yblock.h"

struct ev {
	yaml_event_type_t type;
	char *value;
	size_t len;
	int style, implicit1, implicit2;
	bool has_anchor_or_tag;
	yaml_mark_t mark;
};

struct evlist {
	struct ev *v;
	size_t n, cap;
};

static void add(struct evlist *l, const yaml_event_t *e)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = realloc(l->v, l->cap * sizeof *l->v);
		assert_non_null(l->v);
	}
	struct ev *x = &l->v[l->n++];
	memset(x, 0, sizeof *x);
	x->type = e->type;
	x->mark = e->start_mark;
	switch (e->type) {
	case YAML_SCALAR_EVENT:
		x->len = e->data.scalar.length;
		x->value = malloc(x->len + 1);
		memcpy(x->value, e->data.scalar.value, x->len);
		x->style = e->data.scalar.style;
		x->implicit1 = e->data.scalar.plain_implicit;
		x->implicit2 = e->data.scalar.quoted_implicit;
		x->has_anchor_or_tag = e->data.scalar.anchor || e->data.scalar.tag;
		break;
	case YAML_SEQUENCE_START_EVENT:
		x->style = e->data.sequence_start.style;
		x->implicit1 = e->data.sequence_start.implicit;
		x->has_anchor_or_tag = e->data.sequence_start.anchor || e->data.sequence_start.tag;
		break;
	case YAML_MAPPING_START_EVENT:
		x->style = e->data.mapping_start.style;
		x->implicit1 = e->data.mapping_start.implicit;
		x->has_anchor_or_tag = e->data.mapping_start.anchor || e->data.mapping_start.tag;
		break;
	default:
		break;
	}
}

static void clear(struct evlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].value);
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* libyaml's events up to the first document's end, as parse.c reads
 * them; false on an error before it. */
static bool with_libyaml(const char *s, size_t len, struct evlist *l)
{
	yaml_parser_t p;
	yaml_event_t e;
	bool ok = true;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)s, len);
	for (;;) {
		if (!yaml_parser_parse(&p, &e)) {
			ok = false;
			break;
		}
		yaml_event_type_t t = e.type;
		if (t != YAML_STREAM_START_EVENT && t != YAML_STREAM_END_EVENT)
			add(l, &e);
		yaml_event_delete(&e);
		if (t == YAML_STREAM_END_EVENT || t == YAML_DOCUMENT_END_EVENT)
			break;
	}
	yaml_parser_delete(&p);
	return ok;
}

static int sink(void *ctx, const yaml_event_t *e)
{
	add(ctx, e);
	return 0;
}

static bool same_events(const struct evlist *a, const struct evlist *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++) {
		const struct ev *x = &a->v[i], *y = &b->v[i];
		if (x->type != y->type || x->len != y->len || x->style != y->style ||
		    x->implicit1 != y->implicit1 || x->implicit2 != y->implicit2 ||
		    x->has_anchor_or_tag != y->has_anchor_or_tag ||
		    (x->len && memcmp(x->value, y->value, x->len)))
			return false;
		bool marked = x->type == YAML_SCALAR_EVENT || x->type == YAML_MAPPING_START_EVENT ||
			      x->type == YAML_SEQUENCE_START_EVENT ||
			      x->type == YAML_DOCUMENT_START_EVENT;
		if (marked && (x->mark.line != y->mark.line || x->mark.column != y->mark.column ||
			       x->mark.index != y->mark.index))
			return false;
	}
	return true;
}

static void show(const char *what, const struct evlist *l)
{
	fprintf(stderr, "%s:\n", what);
	for (size_t i = 0; i < l->n; i++)
		fprintf(stderr, "  %d %zu:%zu st %d '%.*s'\n", l->v[i].type, l->v[i].mark.line,
			l->v[i].mark.column, l->v[i].style, (int)l->v[i].len,
			l->v[i].value ? l->v[i].value : "");
}

/* Returns whether yblock read the text; fails the test when what it read
 * differs from libyaml. */
static bool check(const char *s, size_t len)
{
	struct evlist fast = {0}, ref = {0};
	int rc = yblock_parse(s, len, sink, &fast);
	assert_true(rc == 0 || rc == YBLOCK_DECLINED);
	bool accepted = rc == 0;
	if (accepted) {
		bool ok = with_libyaml(s, len, &ref);
		if (!ok || !same_events(&fast, &ref)) {
			fprintf(stderr, "text (%zu bytes):\n---8<---\n%.*s\n---8<---\nlibyaml %s\n",
				len, (int)len, s, ok ? "ok" : "FAILED");
			show("yblock", &fast);
			show("libyaml", &ref);
			fail();
		}
	}
	clear(&fast);
	clear(&ref);
	return accepted;
}

static bool check_str(const char *s)
{
	return check(s, strlen(s));
}

/* ---- written cases ----------------------------------------------------- */

static void test_read(void **state)
{
	(void)state;
	static const char *const cases[] = {
		"a: 1\n",
		"a: 1",
		"# c\n\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x  # n\n"
		"  labels:\n    app: web\ndata:\n  k: 'v''q'\n  j: \"a\\\"b\\n\\t\\\\\"\n",
		"---\na: b\n",
		"--- # start\n\n# x\nlist:\n- a\n- b: 1\n  c: 2\n-\n- - x\n  - y\nz: ~\n",
		"a:\n  - 1\n  -   2\n  - k: v\n    k2:\n      - deep\nb: []\nc: {}\nd: [ ]\n",
		"e: [a, 'b c', \"d\", -1, x y]\nf: [ \"q\" ]  # c\n",
		"sel: {app: web, 'tier': \"x y\"}\nports: [{port: 80, name: http}, {port: 443}]\n"
		"m: {a: [1, 2], b: {c: d}}\ne: [[], {}, [ ], { }]\nq: [a?b, -1, 'q']  # c\n",
		"- {a: b}\n- [c]\n",
		"s: |\n  line 1\n\n  line 3\n    more\nt: |-\n  x\n\n\nu: |+\n  y\n\n\nv: 1\n",
		"w: |  # c\n\n  after a blank\n",
		"w: |\n\n \n  \n  after blanks no deeper than it\n",
		"- |\n  in a list\n- |-\n    deeper\n",
		"x: |\n  no end",
		"x: |+\n  keep\n\n   \n",
		"'q k': 1\n\"d k\" : 2\nplain key  : 3\n",
		"a:\nb:\n  # c\nc:    \n",
		"- a\n-\n-   # c\n- b\n",
		"k:\n  v on the next line\nl: m\n",
		"url: http://x:80/y#z\nhash: a#b\ncolon: a:b\n",
		"<<: {}\n?x: 1\n-x: 2\n:x: 3\n",
		"  indented: root\n  second: key\n",
		"text: a  b   c\n",
		"escapes: \"\\/ \\  \\r \\t \\\\ \\\"\"\n",
		"# only comments\n\n",
		"",
		"\n\n   \n",
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		if (!check_str(cases[i])) {
			fprintf(stderr, "declined: %s\n", cases[i]);
			fail();
		}
	}
}

static void test_declined(void **state)
{
	(void)state;
	/* Outside the subset, or errors for libyaml: left to it. */
	static const char *const cases[] = {
		"a:\tb\n",                    /* tab */
		"a: \xc3\xa9\n",              /* non-ASCII */
		"a: &x 1\nb: *x\n",           /* anchor, alias */
		"a: !!str 1\n",               /* tag */
		"a: b\n  c\n",                /* multi-line plain */
		"a: 'b\n  c'\n",              /* multi-line quoted */
		"a: - b\n",                   /* list after a key on its line */
		"a: b: c\n",                  /* map after a key on its line */
		"a: 1\n b: 2\n",              /* wrong indentation */
		"a:\n  b: 1\n c: 2\n",        /* wrong indentation */
		"- a\nb: 1\n",                /* list then map at the root */
		"a: >\n  folded\n",           /* folded block */
		"a: |2\n   hint\n",           /* indentation hint */
		"a: [b,\n  c]\n",             /* multi-line flow */
		"a: [b, ]\n",                 /* trailing comma */
		"a: {b: 1, }\n",
		"a: {b}\n",                   /* a flow key without ": " */
		"a: {b: }\n",                 /* an empty flow value */
		"a: {\"b\":1}\n",             /* ":" right after a quoted key */
		"a: [b: c]\n",                /* a one-pair map in a flow list */
		"a: {[b]: c}\n",              /* a collection as a key */
		"a: {b: c\n  , d: e}\n",       /* multi-line flow */
		"a: [b:c]\n",                 /* a colon inside a flow scalar */
		"a: {b: c} x\n",              /* text after a flow collection */
		"a: b\n---\nc: d\n",          /* second document */
		"a: b\n...\n",                /* document end */
		"%YAML 1.1\n---\na: b\n",     /* directive */
		"plain scalar\n",             /* scalar document */
		"---\n",                      /* empty document */
		"? a\n: b\n",                 /* complex key */
		"a: \"\\u00e9\"\n",           /* escape outside the subset */
		"a: |\nb: 1\n",               /* empty literal block */
		"a: |\n     \n  text\n",     /* a blank line deeper than the text */
		"a: \"x\"y\n",                /* text after a quoted scalar */
		"a: @b\n",                    /* reserved indicator */
		/* past the first sixteen bytes */
		"apiVersion: v1\nkind: Secret\nname: caf\xc3\xa9\n",
		"apiVersion: v1\nkind: Secret\nname:\tx\n",
		"apiVersion: v1\nkind: Secret\nname: x\r\n",
		"apiVersion: v1\nkind: Secret\nname: \x7f\n",
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		if (check_str(cases[i])) {
			fprintf(stderr, "read: %s\n", cases[i]);
			fail();
		}
	}
}

/* The sink's nonzero return stops the parse and comes back. */
static int refuse_third(void *ctx, const yaml_event_t *e)
{
	(void)e;
	return ++*(int *)ctx == 3 ? 42 : 0;
}

static void test_sink_stops(void **state)
{
	(void)state;
	int calls = 0;
	assert_int_equal(yblock_parse("a: 1\nb: 2\n", 10, refuse_third, &calls), 42);
	assert_int_equal(calls, 3);
}

/* ---- generated documents ----------------------------------------------- */

static uint64_t rnd(uint64_t *st)
{
	*st ^= *st << 13;
	*st ^= *st >> 7;
	*st ^= *st << 17;
	return *st;
}

static unsigned pick(uint64_t *st, unsigned n)
{
	return (unsigned)(rnd(st) % n);
}

struct text {
	char *p;
	size_t len, cap;
};

static void put(struct text *t, const char *fmt, ...)
{
	va_list ap;
	for (;;) {
		va_start(ap, fmt);
		int n = vsnprintf(t->p + t->len, t->cap - t->len, fmt, ap);
		va_end(ap);
		if ((size_t)n < t->cap - t->len) {
			t->len += (size_t)n;
			return;
		}
		t->cap = t->cap * 2 + (size_t)n + 64;
		t->p = realloc(t->p, t->cap);
		assert_non_null(t->p);
	}
}

/* The first SAFE words are plain scalars anywhere; the rest are not, in
 * some style or place. */
#define SAFE 20
static const char *const words[] = {
	"a", "name", "x y", "1", "-1", "0.5", "true", "yes", "~", "null", "<<", "a:b", "a#b", "-a",
	"?x", ":x", "it's", "http://h:1/p", "a,b", "x  y",
	"", "a: b", "a #b", "#x", "- a", "'q'", "\"d\"", "back\\slash", "[x]", "{y}", "%p", "@x",
	"`x", "|", ">", "&a", "*a", "!t", "---", "...", " lead", "trail ", "line\nbreak",
	"two\n\nbreaks\n", "  indented\nline", "end\n", "tab\there", "\\n", "\n\nlead",
};

static const char *word(uint64_t *st)
{
	return words[pick(st, 3) ? pick(st, SAFE) : pick(st, sizeof words / sizeof *words)];
}

static void scalar_text(uint64_t *st, struct text *t, const char *w, int col)
{
	switch (pick(st, 6)) {
	case 0: case 1: /* plain, valid or not */
		put(t, "%s", w);
		break;
	case 2: { /* single-quoted */
		put(t, "'");
		for (const char *c = w; *c; c++)
			put(t, *c == '\'' ? "''" : "%c", *c);
		put(t, "'");
		break;
	}
	case 3: { /* double-quoted */
		put(t, "\"");
		for (const char *c = w; *c; c++) {
			if (*c == '"' || *c == '\\')
				put(t, "\\%c", *c);
			else if (*c == '\n')
				put(t, "\\n");
			else if (*c == '\t')
				put(t, pick(st, 2) ? "\\t" : "\t");
			else
				put(t, "%c", *c);
		}
		put(t, "\"");
		break;
	}
	case 4: { /* literal block */
		const char *chomp[] = {"", "-", "+"};
		put(t, "|%s%s\n", chomp[pick(st, 3)], pick(st, 4) ? "" : " # c");
		int ind = col + 1 + (int)pick(st, 3);
		put(t, "%*s", ind, "");
		for (const char *c = w; *c; c++) {
			put(t, "%c", *c);
			if (*c == '\n' && c[1])
				put(t, "%*s", pick(st, 5) ? ind : (int)pick(st, (unsigned)ind + 3), "");
		}
		break;
	}
	default: { /* in flow collections */
		static const char *const shapes[] = {
			"[%s, %s]", "[ %s ]", "{k: %s}", "{k: %s, 'k2': [%s]}", "[{a: %s}, [%s]]",
			"{ x: {y: %s}, z: [ %s , b ] }", "[%s,%s]", "{%s: v}",
		};
		put(t, shapes[pick(st, sizeof shapes / sizeof *shapes)], w, w);
		break;
	}
	}
}

static void gen_node(uint64_t *st, struct text *t, int col, int depth, bool inline_ok);

static void newline(uint64_t *st, struct text *t)
{
	switch (pick(st, 12)) {
	case 0: put(t, "  # c"); break;
	case 1: put(t, " "); break;
	case 2: put(t, "\n"); break;
	case 3: put(t, "\n%*s# comment", (int)pick(st, 6), ""); break;
	default: break;
	}
	put(t, "\n");
}

/* A map or list starting at column col, the cursor already there. */
static void gen_collection(uint64_t *st, struct text *t, int col, int depth)
{
	int n = 1 + (int)pick(st, 4);
	bool is_map = pick(st, 2);
	for (int i = 0; i < n; i++) {
		if (i)
			put(t, "%*s", pick(st, 30) ? col : col + (int)pick(st, 3) - 1, "");
		if (is_map) {
			const char *k = word(st);
			if (pick(st, 3))
				k = (const char *[]){"k", "key", "name", "a b", "x.y/z"}[pick(st, 5)];
			scalar_text(st, t, k, col);
			put(t, pick(st, 8) ? ":" : " :");
		} else {
			put(t, "-");
		}
		gen_node(st, t, col, depth + 1, !is_map);
	}
}

/* What follows ":" or "-" of a collection at column col. */
static void gen_node(uint64_t *st, struct text *t, int col, int depth, bool inline_ok)
{
	unsigned what = depth > 4 ? pick(st, 2) : pick(st, 5);
	if (what == 0) { /* empty */
		newline(st, t);
		return;
	}
	if (what == 1) { /* scalar on the same line */
		put(t, " ");
		scalar_text(st, t, word(st), col);
		newline(st, t);
		return;
	}
	if (what == 2 && inline_ok) { /* compact collection after "- " */
		int spaces = 1 + (int)pick(st, 2);
		put(t, "%*s", spaces, "");
		gen_collection(st, t, col + 1 + spaces, depth);
		return;
	}
	/* on the lines below, deeper (or at col: an indentless list) */
	newline(st, t);
	int c = col + (int)pick(st, 4) + (pick(st, 4) ? 1 : 0);
	put(t, "%*s", c, "");
	gen_collection(st, t, c, depth);
}

static void gen_doc(uint64_t *st, struct text *t)
{
	t->len = 0;
	if (!pick(st, 5))
		put(t, "# head\n");
	if (!pick(st, 4))
		put(t, pick(st, 2) ? "---\n" : "--- # c\n");
	int col = pick(st, 8) ? 0 : (int)pick(st, 3);
	put(t, "%*s", col, "");
	gen_collection(st, t, col, 0);
	if (!pick(st, 6) && t->len)
		t->len--; /* no final newline */
}

static void mutate(uint64_t *st, struct text *t)
{
	static const char alphabet[] = " -:#'\"|[]{},\n\tab+0\\&!";
	int edits = 1 + (int)pick(st, 3);
	for (int i = 0; i < edits && t->len; i++) {
		size_t at = pick(st, (unsigned)t->len);
		char c = alphabet[pick(st, sizeof alphabet - 1)];
		switch (pick(st, 3)) {
		case 0:
			t->p[at] = c;
			break;
		case 1:
			memmove(t->p + at, t->p + at + 1, t->len - at - 1);
			t->len--;
			break;
		default:
			put(t, " ");
			memmove(t->p + at + 1, t->p + at, t->len - at - 1);
			t->p[at] = c;
			break;
		}
	}
}

static void test_generated(void **state)
{
	(void)state;
	uint64_t st = 0x9E3779B97F4A7C15u;
	struct text t = {0};
	size_t accepted = 0, total = 30000, mut_accepted = 0;
	for (size_t i = 0; i < total; i++) {
		gen_doc(&st, &t);
		accepted += check(t.p, t.len);
		mutate(&st, &t);
		mut_accepted += check(t.p, t.len);
	}
	free(t.p);
	fprintf(stderr, "generated: %zu of %zu read, mutated: %zu read\n", accepted, total,
		mut_accepted);
	/* Most generated documents hold something outside the subset; a
	 * share of them must still take the fast path, or this tests nothing. */
	assert_true(accepted > total / 20);
	assert_true(mut_accepted > total / 50);
}

/* ---- the repository's YAML --------------------------------------------- */

struct tally {
	size_t pieces, read;
};

/* Each piece between "---" lines, as parse.c hands kyaml's pieces over. */
static void check_file(const char *path, struct tally *ty)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return;
	char *s = NULL;
	size_t len = 0, cap = 0, n;
	char chunk[65536];
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (len + n > cap) {
			cap = (len + n) * 2;
			s = realloc(s, cap);
		}
		memcpy(s + len, chunk, n);
		len += n;
	}
	fclose(f);
	size_t start = 0;
	for (size_t i = 0; i <= len; i++) {
		bool cut = i == len || (s[i] == '\n' && len - i > 3 && !memcmp(s + i + 1, "---", 3));
		if (!cut)
			continue;
		size_t end = i == len ? len : i + 1;
		bool has_text = false;
		for (size_t j = start; j < end && !has_text; j++)
			has_text = s[j] != ' ' && s[j] != '\n';
		if (has_text) {
			ty->pieces++;
			ty->read += check(s + start, end - start);
		}
		if (i == len)
			break;
		const char *nl = memchr(s + i + 1, '\n', len - i - 1);
		start = nl ? (size_t)(nl - s) + 1 : len;
		i = start - 1;
	}
	free(s);
}

static void walk(const char *dir, struct tally *ty)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		struct stat sb;
		if (lstat(path, &sb))
			continue;
		size_t nl = strlen(de->d_name);
		if (S_ISDIR(sb.st_mode))
			walk(path, ty);
		else if (S_ISREG(sb.st_mode) && nl > 5 &&
			 (!strcmp(de->d_name + nl - 5, ".yaml") || !strcmp(de->d_name + nl - 4, ".yml")))
			check_file(path, ty);
	}
	closedir(d);
}

static void test_repository(void **state)
{
	(void)state;
	struct tally ty = {0};
	walk("apps-example", &ty);
	walk("profiles-example", &ty);
	size_t examples = ty.pieces, examples_read = ty.read;
	walk("testdata", &ty);
	fprintf(stderr, "examples: %zu of %zu pieces read; with testdata: %zu of %zu\n",
		examples_read, examples, ty.read, ty.pieces);
	assert_true(examples > 20);
	/* The examples are written as real repositories are. */
	assert_true(examples_read * 10 >= examples * 9);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read),
		cmocka_unit_test(test_declined),
		cmocka_unit_test(test_sink_stops),
		cmocka_unit_test(test_generated),
		cmocka_unit_test(test_repository),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
