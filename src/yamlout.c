/* yamlout.c - libyaml's block-style emitter for ASCII documents; see
 * yamlout.h.
 *
 * The state is libyaml's own: the column, the indentation of the node
 * being written (-1 before the root), whether the last thing written was
 * white space, and whether the line holds only indentation and indicators
 * so far.  Each function below reproduces one step of libyaml's block
 * emitter for the events emit.c sends it; the scalar writers reproduce its
 * plain, single-quoted, double-quoted and literal writers for bytes
 * 0x20..0x7E (and line breaks, in what emit.c asks to be a literal
 * block), the only ones accepted here.
 */
#include "strata/yamlout.h"

#include <stdlib.h>
#include <string.h>

enum { WIDTH = 80, INDENT = 2, SIMPLE_KEY_MAX = 128 };

/* What the node being started is to its parent. */
struct ctx {
	bool mapping;    /* a mapping's key or value */
	bool simple_key; /* a mapping's key */
};

static void put(yamlout *y, char c)
{
	buf *b = y->out;
	if (b->len + 2 > b->cap)
		buf_reserve(b, 1);
	b->p[b->len++] = c;
	y->column++;
}

static void put_n(yamlout *y, const char *s, size_t n)
{
	buf *b = y->out;
	if (b->len + n + 1 > b->cap)
		buf_reserve(b, n);
	memcpy(b->p + b->len, s, n);
	b->len += n;
	y->column += (int)n;
}

static void put_break(yamlout *y)
{
	put(y, '\n');
	y->column = 0;
}

/* libyaml's write_indent: a new line unless the line holds only
 * indentation that reaches the current indent, then spaces up to it. */
static void write_indent(yamlout *y)
{
	int indent = y->indent >= 0 ? y->indent : 0;
	if (!y->indention || y->column > indent || (y->column == indent && !y->whitespace))
		put_break(y);
	if (y->column < indent) {
		size_t pad = (size_t)(indent - y->column);
		buf *b = y->out;
		if (b->len + pad + 1 > b->cap)
			buf_reserve(b, pad);
		memset(b->p + b->len, ' ', pad);
		b->len += pad;
		y->column = indent;
	}
	y->whitespace = true;
	y->indention = true;
}

/* libyaml's write_indicator for a one-character indicator. */
static void write_indicator(yamlout *y, char c, bool need_whitespace, bool is_whitespace,
			   bool is_indention)
{
	if (need_whitespace && !y->whitespace)
		put(y, ' ');
	put(y, c);
	y->whitespace = is_whitespace;
	y->indention = y->indention && is_indention;
}

static void increase_indent(yamlout *y, bool flow, bool indentless)
{
	if (y->indent < 0)
		y->indent = flow ? INDENT : 0;
	else if (!indentless)
		y->indent += INDENT;
}

/* What libyaml writes before any node: the indentation and "-" of a
 * sequence item, the indentation before a key, the ":" before a value. */
static struct ctx node_begin(yamlout *y)
{
	struct ctx c = {false, false};
	if (!y->depth)
		return c;
	yamlout_frame *f = &y->frames[y->depth - 1];
	if (f->seq) {
		write_indent(y);
		write_indicator(y, '-', true, false, true);
	} else if (f->key_next) {
		write_indent(y);
		c.mapping = c.simple_key = true;
		f->key_next = false;
	} else {
		write_indicator(y, ':', false, false, false);
		c.mapping = true;
		f->key_next = true;
	}
	return c;
}

void yamlout_begin(yamlout *y, buf *out)
{
	y->out = out;
	y->column = 0;
	y->indent = -1;
	y->whitespace = y->indention = true;
	y->depth = 0;
}

/* --- scalars ----------------------------------------------------------- */

/* What one pass over a scalar finds. */
struct scan {
	bool other;      /* a byte yamlout leaves to libyaml */
	bool space, apostrophe, escape; /* escape: '"', '\\' or a line break */
	bool indicator;  /* ": ", a final ':' or " #": no plain scalar */
	bool space_break; /* a space before a line break */
};

enum { C_SPACE = 1, C_APOS, C_ESCAPE, C_COLON, C_HASH };

static const unsigned char char_class[128] = {
	[' '] = C_SPACE, ['\''] = C_APOS, ['"'] = C_ESCAPE, ['\\'] = C_ESCAPE,
	[':'] = C_COLON, ['#'] = C_HASH,
};

/* Printable ASCII is yamlout's; line breaks too where breaks_ok. */
static struct scan scan_text(const char *s, size_t len, bool breaks_ok)
{
	struct scan r = {0};
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((unsigned char)(c - 0x20) > 0x7E - 0x20) {
			/* below the space or past '~': only a line break, where
			 * allowed, is not left to libyaml */
			if (c != '\n' || !breaks_ok) {
				r.other = true;
				return r;
			}
			r.escape = true;
			r.space_break |= i && s[i - 1] == ' ';
			continue;
		}
		unsigned k = char_class[c];
		if (!k)
			continue;
		switch (k) {
		case C_SPACE:
			r.space = true;
			break;
		case C_APOS:
			r.apostrophe = true;
			break;
		case C_ESCAPE:
			r.escape = true;
			break;
		case C_COLON:
			r.indicator |= i + 1 == len || s[i + 1] == ' ';
			break;
		case C_HASH:
			r.indicator |= !i || s[i - 1] == ' ';
			break;
		}
	}
	return r;
}

/* libyaml's analysis, cut down to what printable ASCII can trigger: may
 * the scalar be written plain in block context? */
static bool block_plain_allowed(const char *s, size_t len, const struct scan *r)
{
	if (r->indicator || s[0] == ' ' || s[len - 1] == ' ')
		return false;
	if (len >= 3 && ((s[0] == '-' && s[1] == '-' && s[2] == '-') ||
			 (s[0] == '.' && s[1] == '.' && s[2] == '.')))
		return false;
	static const bool indicator[128] = {
		[','] = 1, ['['] = 1, [']'] = 1, ['{'] = 1, ['}'] = 1, ['&'] = 1, ['*'] = 1,
		['!'] = 1, ['|'] = 1, ['>'] = 1, ['\''] = 1, ['"'] = 1, ['%'] = 1, ['@'] = 1,
		['`'] = 1,
	};
	if (indicator[(unsigned char)s[0] & 0x7F])
		return false;
	return !((s[0] == '?' || s[0] == '-') && (len == 1 || s[1] == ' '));
}

enum fold { FOLD_PLAIN, FOLD_SINGLE, FOLD_DOUBLE };

/* Whether the space at i folds the line: libyaml breaks at the first of a
 * run of spaces once the line is past the width, never at a quoted
 * scalar's first or last character, and (but in double quotes, which
 * escape it) never before another space. */
static bool fold_here(const yamlout *y, const char *s, size_t len, size_t i, bool spaces,
		      enum fold how)
{
	if (spaces || y->column <= WIDTH)
		return false;
	if (how != FOLD_PLAIN && (i == 0 || i == len - 1))
		return false;
	return how == FOLD_DOUBLE || !(i + 1 < len && s[i + 1] == ' ');
}

/* Nothing in the scalar can reach past the width: no folding to do. */
static bool fits(const yamlout *y, size_t len)
{
	return (size_t)y->column + len + 3 <= WIDTH;
}

/* The text of a plain or single-quoted scalar, folded where libyaml folds
 * it; in single quotes an apostrophe is doubled. */
static void write_folded(yamlout *y, const char *s, size_t len, bool allow_breaks,
			 enum fold how)
{
	bool spaces = false;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == ' ') {
			if (allow_breaks && fold_here(y, s, len, i, spaces, how))
				write_indent(y);
			else
				put(y, ' ');
			spaces = true;
		} else {
			if (s[i] == '\'' && how == FOLD_SINGLE)
				put(y, '\'');
			put(y, s[i]);
			y->indention = false;
			spaces = false;
		}
	}
}

static void write_plain(yamlout *y, const char *s, size_t len, bool allow_breaks,
			const struct scan *r)
{
	if (!y->whitespace)
		put(y, ' ');
	if (!allow_breaks || fits(y, len) || !r->space)
		put_n(y, s, len);
	else
		write_folded(y, s, len, allow_breaks, FOLD_PLAIN);
	y->whitespace = false;
	y->indention = false;
}

static void write_single_quoted(yamlout *y, const char *s, size_t len, bool allow_breaks,
				const struct scan *r)
{
	write_indicator(y, '\'', true, false, false);
	if ((!allow_breaks || fits(y, len) || !r->space) && !r->apostrophe)
		put_n(y, s, len);
	else
		write_folded(y, s, len, allow_breaks, FOLD_SINGLE);
	write_indicator(y, '\'', false, false, false);
	y->whitespace = false;
	y->indention = false;
}

static void write_double_quoted(yamlout *y, const char *s, size_t len, bool allow_breaks,
				const struct scan *r)
{
	write_indicator(y, '"', true, false, false);
	if ((!allow_breaks || fits(y, len) || !r->space) && !r->escape) {
		put_n(y, s, len);
	} else {
		bool spaces = false;
		for (size_t i = 0; i < len; i++) {
			if (s[i] == '"' || s[i] == '\\' || s[i] == '\n') {
				put(y, '\\');
				put(y, s[i] == '\n' ? 'n' : s[i]);
				spaces = false;
			} else if (s[i] == ' ') {
				if (allow_breaks && fold_here(y, s, len, i, spaces, FOLD_DOUBLE)) {
					write_indent(y);
					if (s[i + 1] == ' ')
						put(y, '\\');
				} else {
					put(y, ' ');
				}
				spaces = true;
			} else {
				put(y, s[i]);
				spaces = false;
			}
		}
	}
	write_indicator(y, '"', false, false, false);
	y->whitespace = false;
	y->indention = false;
}

/* libyaml's literal block: "|", an indentation hint when the text starts
 * with a space or break, "-" to strip a missing final break or "+" to
 * keep several, then each line indented.  (libyaml closes a document
 * whose last block keeps breaks with "..."; go-yaml v2 does not, and
 * emit.c drops it, so it is not written here.) */
static void write_literal(yamlout *y, const char *s, size_t len)
{
	write_indicator(y, '|', true, false, false);
	if (s[0] == ' ' || s[0] == '\n')
		write_indicator(y, '0' + INDENT, false, false, false);
	if (s[len - 1] != '\n')
		write_indicator(y, '-', false, false, false);
	else if (len == 1 || s[len - 2] == '\n')
		write_indicator(y, '+', false, false, false);
	put_break(y);
	y->indention = y->whitespace = true;
	bool breaks = true;
	for (size_t i = 0; i < len;) {
		if (s[i] == '\n') {
			put_break(y);
			y->indention = breaks = true;
			i++;
			continue;
		}
		if (breaks)
			write_indent(y);
		const char *nl = memchr(s + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (s + i)) : len - i;
		put_n(y, s + i, n);
		i += n;
		y->indention = breaks = false;
	}
}

int yamlout_scalar(yamlout *y, const char *s, size_t len, yamlout_style style)
{
	bool literal = style == YAMLOUT_LITERAL;
	struct scan r = scan_text(s, len, literal);
	if (r.other || (literal && !len))
		return YAMLOUT_OTHER;
	/* An empty plain scalar and an over-long key take paths (no space
	 * after the ':', a "? " complex key) this file leaves to libyaml. */
	if (style == YAMLOUT_PLAIN && !len)
		return YAMLOUT_OTHER;
	if (y->depth && !y->frames[y->depth - 1].seq && y->frames[y->depth - 1].key_next &&
	    (len > SIMPLE_KEY_MAX || literal))
		return YAMLOUT_OTHER;
	struct ctx c = node_begin(y);
	int saved = y->indent;
	increase_indent(y, true, false);
	bool breaks = !c.simple_key;
	/* libyaml keeps a literal block unless a space ends the text or a
	 * line; then only double quotes can. */
	if (literal && !r.space_break && s[len - 1] != ' ')
		write_literal(y, s, len);
	else if (literal || style == YAMLOUT_DOUBLE_QUOTED)
		write_double_quoted(y, s, len, breaks, &r);
	else if (block_plain_allowed(s, len, &r))
		write_plain(y, s, len, breaks, &r);
	else
		write_single_quoted(y, s, len, breaks, &r);
	y->indent = saved;
	return YAMLOUT_OK;
}

/* --- collections ------------------------------------------------------- */

static int is_key_next(const yamlout *y)
{
	return y->depth && !y->frames[y->depth - 1].seq && y->frames[y->depth - 1].key_next;
}

int yamlout_empty(yamlout *y, bool seq)
{
	if (is_key_next(y))
		return YAMLOUT_OTHER; /* a collection as a key: not emit.c's */
	node_begin(y);
	write_indicator(y, seq ? '[' : '{', true, true, false);
	write_indicator(y, seq ? ']' : '}', false, false, false);
	return YAMLOUT_OK;
}

int yamlout_open(yamlout *y, bool seq)
{
	if (is_key_next(y))
		return YAMLOUT_OTHER;
	struct ctx c = node_begin(y);
	if (y->depth == y->cap) {
		y->cap = y->cap ? y->cap * 2 : 16;
		y->frames = realloc(y->frames, y->cap * sizeof *y->frames);
		if (!y->frames)
			abort();
	}
	y->frames[y->depth++] = (yamlout_frame){y->indent, seq, !seq};
	/* A sequence that is a mapping's value is not indented under its key. */
	increase_indent(y, false, seq && c.mapping && !y->indention);
	return YAMLOUT_OK;
}

void yamlout_close(yamlout *y)
{
	y->indent = y->frames[--y->depth].saved_indent;
}

void yamlout_end(yamlout *y)
{
	write_indent(y);
	if (y->out->p)
		y->out->p[y->out->len] = 0;
}

void yamlout_free(yamlout *y)
{
	free(y->frames);
	y->frames = NULL;
	y->depth = y->cap = 0;
}
