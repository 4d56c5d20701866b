/* Unit tests: yamlout.c against libyaml's emitter, event for event.
 *
 * Random documents go to both: yamlout, and libyaml set up as emit.c sets
 * it up (indent 2, width 80, unicode).  Where yamlout prints a document it
 * must print libyaml's bytes; where it declines, it must be for what it
 * says it leaves to libyaml. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <yaml.h>

#include "strata/yamlout.h"

static uint64_t rnd(uint64_t *st)
{
	*st ^= *st << 13;
	*st ^= *st >> 7;
	*st ^= *st << 17;
	return *st;
}

/* The document as a flat list of events. */
enum ev_kind { EV_SCALAR, EV_OPEN_MAP, EV_OPEN_SEQ, EV_CLOSE, EV_EMPTY_MAP, EV_EMPTY_SEQ };

struct ev {
	enum ev_kind kind;
	char *s;
	size_t len;
	yamlout_style style;
};

struct doc {
	struct ev *v;
	size_t n, cap;
};

static void push(struct doc *d, struct ev e)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 64;
		d->v = realloc(d->v, d->cap * sizeof *d->v);
		assert_non_null(d->v);
	}
	d->v[d->n++] = e;
}

/* Spaces in runs, quotes, backslashes and indicators, at lengths around
 * the width and around a simple key's 128; rarely a byte yamlout leaves
 * to libyaml. */
static void rnd_scalar(struct doc *d, uint64_t *st, bool key)
{
	static const char *const bits[] = {"a", "bc", ": ", " #", "#", "-", "- ", "?", ":",
					   "'", "\"", "\\", ",", "[", "{", "&", "*", "!",
					   "|", ">", "%", "@", "`", "---", "...", "  ", "   ",
					   "\n", "\n\n", " \n", "\n "};
	size_t nbits = sizeof bits / sizeof *bits;
	size_t target = key ? (rnd(st) % 4 ? rnd(st) % 20 : 125 + rnd(st) % 7) : rnd(st) % 240;
	char *s = malloc(target + 8);
	assert_non_null(s);
	size_t n = 0;
	while (n < target) {
		uint64_t r = rnd(st) % 4096;
		const char *b = r < 1440   ? bits[rnd(st) % nbits]
				: r < 2720 ? " "
				: r < 4095 ? "x"
					   : "\t";
		size_t bl = strlen(b);
		if (n + bl > target)
			break;
		memcpy(s + n, b, bl);
		n += bl;
	}
	s[n] = 0;
	/* As emit.c asks: a literal block for text with a line break, never
	 * an empty plain scalar. */
	yamlout_style style = rnd(st) % 3 ? YAMLOUT_PLAIN : YAMLOUT_DOUBLE_QUOTED;
	if (memchr(s, '\n', n))
		style = YAMLOUT_LITERAL;
	else if (!n)
		style = YAMLOUT_DOUBLE_QUOTED;
	push(d, (struct ev){EV_SCALAR, s, n, style});
}

static void rnd_node(struct doc *d, uint64_t *st, int depth)
{
	uint64_t r = rnd(st) % 10;
	if (depth > 6 || r < 4) {
		rnd_scalar(d, st, false);
		return;
	}
	size_t n = rnd(st) % 5;
	bool seq = r >= 7;
	if (!n) {
		push(d, (struct ev){seq ? EV_EMPTY_SEQ : EV_EMPTY_MAP, NULL, 0, 0});
		return;
	}
	push(d, (struct ev){seq ? EV_OPEN_SEQ : EV_OPEN_MAP, NULL, 0, 0});
	for (size_t i = 0; i < n; i++) {
		if (!seq)
			rnd_scalar(d, st, true);
		rnd_node(d, st, depth + 1);
	}
	push(d, (struct ev){EV_CLOSE, NULL, 0, 0});
}

static int write_out(void *data, unsigned char *bytes, size_t size)
{
	buf_add(data, bytes, size);
	return 1;
}

static void emit(yaml_emitter_t *y, yaml_event_t *e)
{
	assert_true(yaml_emitter_emit(y, e));
}

static void by_libyaml(const struct doc *d, buf *out)
{
	yaml_emitter_t y;
	yaml_event_t e;
	assert_true(yaml_emitter_initialize(&y));
	yaml_emitter_set_output(&y, write_out, out);
	yaml_emitter_set_unicode(&y, 1);
	yaml_emitter_set_width(&y, 80);
	yaml_emitter_set_indent(&y, 2);
	yaml_stream_start_event_initialize(&e, YAML_UTF8_ENCODING);
	emit(&y, &e);
	yaml_document_start_event_initialize(&e, NULL, NULL, NULL, 1);
	emit(&y, &e);
	bool stack[64];
	size_t depth = 0;
	for (size_t i = 0; i < d->n; i++) {
		const struct ev *v = &d->v[i];
		switch (v->kind) {
		case EV_SCALAR:
			yaml_scalar_event_initialize(&e, NULL, NULL, (yaml_char_t *)v->s, (int)v->len,
						     1, 1,
						     v->style == YAMLOUT_PLAIN ? YAML_PLAIN_SCALAR_STYLE
						     : v->style == YAMLOUT_LITERAL
							     ? YAML_LITERAL_SCALAR_STYLE
							     : YAML_DOUBLE_QUOTED_SCALAR_STYLE);
			emit(&y, &e);
			break;
		case EV_OPEN_MAP:
		case EV_EMPTY_MAP:
			yaml_mapping_start_event_initialize(&e, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
			emit(&y, &e);
			if (v->kind == EV_EMPTY_MAP) {
				yaml_mapping_end_event_initialize(&e);
				emit(&y, &e);
			} else {
				stack[depth++] = false;
			}
			break;
		case EV_OPEN_SEQ:
		case EV_EMPTY_SEQ:
			yaml_sequence_start_event_initialize(&e, NULL, NULL, 1,
							     YAML_BLOCK_SEQUENCE_STYLE);
			emit(&y, &e);
			if (v->kind == EV_EMPTY_SEQ) {
				yaml_sequence_end_event_initialize(&e);
				emit(&y, &e);
			} else {
				stack[depth++] = true;
			}
			break;
		case EV_CLOSE:
			if (stack[--depth])
				yaml_sequence_end_event_initialize(&e);
			else
				yaml_mapping_end_event_initialize(&e);
			emit(&y, &e);
			break;
		}
	}
	yaml_document_end_event_initialize(&e, 1);
	emit(&y, &e);
	yaml_stream_end_event_initialize(&e);
	emit(&y, &e);
	yaml_emitter_delete(&y);
	/* libyaml ends a document whose last block keeps its final breaks
	 * with "..."; emit.c drops it (go-yaml v2 writes none), and yamlout
	 * never writes it. */
	if (out->len >= 5 && !memcmp(out->p + out->len - 5, "\n...\n", 5)) {
		out->len -= 4;
		out->p[out->len] = 0;
	}
}

/* YAMLOUT_OK, or YAMLOUT_OTHER where yamlout declined. */
static int by_yamlout(const struct doc *d, buf *out)
{
	yamlout y = {0};
	yamlout_begin(&y, out);
	int rc = YAMLOUT_OK;
	for (size_t i = 0; rc == YAMLOUT_OK && i < d->n; i++) {
		const struct ev *v = &d->v[i];
		switch (v->kind) {
		case EV_SCALAR:
			rc = yamlout_scalar(&y, v->s, v->len, v->style);
			break;
		case EV_OPEN_MAP:
		case EV_OPEN_SEQ:
			rc = yamlout_open(&y, v->kind == EV_OPEN_SEQ);
			break;
		case EV_EMPTY_MAP:
		case EV_EMPTY_SEQ:
			rc = yamlout_empty(&y, v->kind == EV_EMPTY_SEQ);
			break;
		case EV_CLOSE:
			yamlout_close(&y);
			break;
		}
	}
	if (rc == YAMLOUT_OK)
		yamlout_end(&y);
	yamlout_free(&y);
	return rc;
}

/* Why yamlout may decline: a tab, a key past 128 bytes, a key with a
 * line break (libyaml's "? " keys). */
static bool declinable(const struct doc *d)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].kind == EV_SCALAR &&
		    (memchr(d->v[i].s, '\t', d->v[i].len) || d->v[i].len > 128 ||
		     memchr(d->v[i].s, '\n', d->v[i].len)))
			return true;
	return false;
}

static void free_doc(struct doc *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->v[i].s);
	free(d->v);
}

static void test_random_documents(void **state)
{
	(void)state;
	uint64_t st = 0x2545F4914F6CDD1Du;
	size_t printed = 0, total = 20000;
	for (size_t i = 0; i < total; i++) {
		struct doc d = {0};
		rnd_node(&d, &st, 0);
		buf want = BUF_INIT, got = BUF_INIT;
		by_libyaml(&d, &want);
		if (by_yamlout(&d, &got) == YAMLOUT_OK) {
			printed++;
			if (strcmp(got.p ? got.p : "", want.p ? want.p : ""))
				fail_msg("document %zu: yamlout printed\n%s\nlibyaml\n%s", i,
					 got.p ? got.p : "", want.p ? want.p : "");
		} else if (!declinable(&d)) {
			fail_msg("document %zu: yamlout declined\n%s", i, want.p ? want.p : "");
		}
		buf_free(&want);
		buf_free(&got);
		free_doc(&d);
	}
	if (printed < total / 2)
		fail_msg("yamlout printed only %zu of %zu documents", printed, total);
}

/* Cases found by hand: folds at runs of spaces in each style, a fold
 * right at the width, keys of 128 and 129 bytes. */
static void check(struct ev *evs, size_t n)
{
	struct doc d = {evs, n, n};
	buf want = BUF_INIT, got = BUF_INIT;
	by_libyaml(&d, &want);
	assert_int_equal(by_yamlout(&d, &got), YAMLOUT_OK);
	assert_string_equal(got.p, want.p);
	buf_free(&want);
	buf_free(&got);
}

static void test_edges(void **state)
{
	(void)state;
	char k128[129], k129[130];
	memset(k128, 'k', 128), k128[128] = 0;
	memset(k129, 'k', 129), k129[129] = 0;
	char *v = "word word word word word word word word word word word word  two  spaces "
		  "then   three   and more words to fold";
	yamlout_style styles[] = {YAMLOUT_PLAIN, YAMLOUT_DOUBLE_QUOTED};
	for (int i = 0; i < 2; i++) {
		struct ev a[] = {{EV_OPEN_MAP, NULL, 0, 0},
				 {EV_SCALAR, k128, 128, YAMLOUT_PLAIN},
				 {EV_SCALAR, v, strlen(v), styles[i]},
				 {EV_SCALAR, "q", 1, YAMLOUT_PLAIN},
				 {EV_SCALAR, "'quoted' word: word word word word word word word word word"
					     " word word word word", 81, YAMLOUT_PLAIN},
				 {EV_CLOSE, NULL, 0, 0}};
		a[4].len = strlen(a[4].s);
		check(a, sizeof a / sizeof *a);
	}
	struct doc d = {(struct ev[]){{EV_OPEN_MAP, NULL, 0, 0},
				      {EV_SCALAR, k129, 129, YAMLOUT_PLAIN}},
			2, 2};
	buf got = BUF_INIT;
	assert_int_equal(by_yamlout(&d, &got), YAMLOUT_OTHER);
	buf_free(&got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_documents),
		cmocka_unit_test(test_edges),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
