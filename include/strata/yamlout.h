/* yamlout.h - libyaml's block-style emitter, for the documents strata
 * prints most, writing text straight into a buffer.
 *
 * emit.c decides every scalar's requested style as go-yaml v2 does and
 * feeds libyaml's emitter one event at a time; libyaml then analyses each
 * scalar again, copies it twice and writes it a character at a time.  For
 * block mappings and sequences of ASCII scalars that work has a short
 * answer, and yamlout gives it: the same layout, quoting and folding at
 * 80 columns, literal blocks, as libyaml 0.2.5 with indent 2, width 80 and
 * unicode on.  Anything outside that subset (a byte outside printable
 * ASCII, a key longer than a simple key may be or with a line break) makes
 * a call return YAMLOUT_OTHER, and the caller prints the document with
 * libyaml instead; what was written by then is the caller's to drop.
 *
 * The differential tests are the contract: tests/test_yamlout.c feeds
 * random event streams to both emitters, tests/test_emit.c and
 * tests/fuzz/fuzz_parse.c print documents both ways (emit_docs_via), and
 * every one compares the bytes.
 */
#ifndef STRATA_YAMLOUT_H
#define STRATA_YAMLOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strata/buf.h"

enum { YAMLOUT_OK = 0, YAMLOUT_OTHER = 1 };

/* The styles emit.c requests (libyaml may still turn plain into quotes). */
typedef enum yamlout_style {
	YAMLOUT_PLAIN,
	YAMLOUT_DOUBLE_QUOTED,
	YAMLOUT_LITERAL,
} yamlout_style;

typedef struct yamlout_frame {
	int saved_indent;
	bool seq;       /* else a mapping */
	bool key_next;  /* mapping: the next node is a key */
} yamlout_frame;

typedef struct yamlout {
	buf *out;
	int column, indent;
	bool whitespace, indention;
	yamlout_frame *frames; /* open collections, innermost last */
	size_t depth, cap;
} yamlout;

/* Starts a document (implicit, as the first of a stream) on out. */
void yamlout_begin(yamlout *y, buf *out);
int yamlout_scalar(yamlout *y, const char *s, size_t len, yamlout_style style);
/* A mapping or sequence with nothing in it: libyaml's "{}" and "[]". */
int yamlout_empty(yamlout *y, bool seq);
int yamlout_open(yamlout *y, bool seq);
void yamlout_close(yamlout *y);
/* Ends the document: its final line break. */
void yamlout_end(yamlout *y);
void yamlout_free(yamlout *y);

#endif
