/* yblock.c - block-style YAML in one pass, with libyaml's events; see
 * yblock.h.
 *
 * libyaml scans characters into a token queue, keeps "simple key"
 * candidates, copies every scalar into its own allocation and hands events
 * out one call at a time; for manifests that is half of a build.  This
 * reader walks the text line by line instead: a node's shape is known from
 * its first characters (a "- " entry, a key before ": ", a quote, "|", "["),
 * and indentation alone says where a collection ends.
 *
 * The rule that keeps it exact is to decline early.  Whatever libyaml
 * would read differently or reject - tabs, non-ASCII bytes, anchors, tags,
 * multi-line scalars and flow collections, a line indented where no node
 * may start, a second document, keys near the simple-key limit - makes
 * yblock_parse return YBLOCK_DECLINED, and parse.c gives the text to libyaml.  So an
 * error message never comes from here, and what is accepted is only ever
 * the plainest reading of the text.  tests/test_yblock.c compares the
 * events with libyaml's on generated and real documents.
 */
#include "strata/yblock.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Deeper texts go to libyaml; the recursion here stays shallow. */
#define MAX_NEST 200
/* libyaml forgets a key candidate 1024 characters after its start. */
#define MAX_KEY 1000

struct yb {
	const char *s, *end;
	const char *p;   /* the cursor */
	const char *bol; /* start of the cursor's line */
	size_t line;     /* the cursor's, from 0 */
	bool eof;        /* no content line left */
	int nest;
	yblock_sink sink;
	void *ctx;
	char *buf; /* decoded text: escapes, literal blocks */
	size_t len, cap;
	/* The last scan_plain: shape() and then the reader of the node scan
	 * the same text. */
	const char *scan_at, *scan_stop, *scan_text_end;
	bool scan_colon;
};

/* A node's shape, from its first characters. */
enum shape { SH_SEQ, SH_MAP, SH_SCALAR };

#define TRY(x)                                                                             \
	do {                                                                               \
		int rc_ = (x);                                                             \
		if (rc_)                                                                   \
			return rc_;                                                        \
	} while (0)

static yaml_mark_t mark_at(const struct yb *y, const char *at)
{
	return (yaml_mark_t){.index = (size_t)(at - y->s),
			     .line = y->line,
			     .column = (size_t)(at - y->bol)};
}

static size_t column(const struct yb *y)
{
	return (size_t)(y->p - y->bol);
}

static bool blankz(const struct yb *y, const char *at)
{
	return at >= y->end || *at == ' ' || *at == '\n';
}

/* ---- events ------------------------------------------------------------ */

static int send(struct yb *y, yaml_event_t *ev, yaml_event_type_t type, yaml_mark_t m)
{
	ev->type = type;
	ev->start_mark = ev->end_mark = m;
	return y->sink(y->ctx, ev);
}

static int send_simple(struct yb *y, yaml_event_type_t type, yaml_mark_t m)
{
	yaml_event_t ev;
	memset(&ev, 0, sizeof ev);
	return send(y, &ev, type, m);
}

static int send_open(struct yb *y, yaml_event_type_t type, yaml_mark_t m, bool flow)
{
	yaml_event_t ev;
	memset(&ev, 0, sizeof ev);
	if (type == YAML_MAPPING_START_EVENT) {
		ev.data.mapping_start.implicit = 1;
		ev.data.mapping_start.style = flow ? YAML_FLOW_MAPPING_STYLE
						   : YAML_BLOCK_MAPPING_STYLE;
	} else {
		ev.data.sequence_start.implicit = 1;
		ev.data.sequence_start.style = flow ? YAML_FLOW_SEQUENCE_STYLE
						    : YAML_BLOCK_SEQUENCE_STYLE;
	}
	return send(y, &ev, type, m);
}

static int send_scalar(struct yb *y, yaml_mark_t m, const char *s, size_t n,
		       yaml_scalar_style_t style)
{
	yaml_event_t ev;
	memset(&ev, 0, sizeof ev);
	/* libyaml's value is NUL-terminated; the sink reads length bytes. */
	ev.data.scalar.value = (yaml_char_t *)(uintptr_t)s;
	ev.data.scalar.length = n;
	ev.data.scalar.style = style;
	ev.data.scalar.plain_implicit = style == YAML_PLAIN_SCALAR_STYLE;
	ev.data.scalar.quoted_implicit = style != YAML_PLAIN_SCALAR_STYLE;
	return send(y, &ev, YAML_SCALAR_EVENT, m);
}

/* ---- lines ------------------------------------------------------------- */

static void skip_spaces(struct yb *y)
{
	while (y->p < y->end && *y->p == ' ')
		y->p++;
}

/* Is the cursor on "---" (or "...") at the margin, a document marker? */
static bool at_marker(const struct yb *y, char c)
{
	const char *p = y->p;
	return p == y->bol && y->end - p >= 3 && p[0] == c && p[1] == c && p[2] == c &&
	       blankz(y, p + 3);
}

/* Moves to the next line holding more than spaces or a comment, the
 * cursor on its first other character, from the start of a line. */
static void skip_blank(struct yb *y)
{
	const char *p = y->p;
	for (;;) {
		const char *q = p;
		while (q < y->end && *q == ' ')
			q++;
		if (q < y->end && *q == '#')
			q = memchr(q, '\n', (size_t)(y->end - q));
		if (!q || q == y->end) {
			y->eof = true;
			y->p = y->bol = y->end;
			return;
		}
		if (*q != '\n') {
			y->bol = p;
			y->p = q;
			return;
		}
		p = q + 1;
		y->line++;
	}
}

/* skip_blank inside a document: a marker ends it, "%" starts a
 * directive; both are left to libyaml. */
static int skip_blank_lines(struct yb *y)
{
	skip_blank(y);
	if (!y->eof && (at_marker(y, '-') || at_marker(y, '.') ||
			(y->p == y->bol && *y->p == '%')))
		return YBLOCK_DECLINED;
	return 0;
}

/* After a node's text: the rest of the line may hold spaces and a comment,
 * then the cursor moves on to the next content line. */
static int end_line(struct yb *y)
{
	const char *p = y->p;
	while (p < y->end && *p == ' ')
		p++;
	if (p < y->end && *p == '#' && (p == y->bol || p[-1] == ' ')) {
		p = memchr(p, '\n', (size_t)(y->end - p));
		if (!p)
			p = y->end;
	}
	if (p == y->end) {
		y->eof = true;
		y->p = y->bol = y->end;
		return 0;
	}
	if (*p != '\n')
		return YBLOCK_DECLINED;
	y->p = y->bol = p + 1;
	y->line++;
	return skip_blank_lines(y);
}

/* ---- scalars ----------------------------------------------------------- */

static char *buf_room(struct yb *y, size_t n)
{
	if (y->len + n > y->cap || !y->buf) {
		size_t cap = y->cap ? y->cap * 2 : 256;
		while (cap < y->len + n)
			cap *= 2;
		char *b = realloc(y->buf, cap);
		if (!b)
			abort();
		y->buf = b;
		y->cap = cap;
	}
	return y->buf + y->len;
}

static void buf_add(struct yb *y, const char *s, size_t n)
{
	memcpy(buf_room(y, n), s, n);
	y->len += n;
}

/* Can a plain scalar start here (block context)? */
static bool plain_start(const struct yb *y, const char *p)
{
	switch (*p) {
	case ',': case '[': case ']': case '{': case '}': case '#': case '&': case '*':
	case '!': case '|': case '>': case '\'': case '"': case '%': case '@': case '`':
	case ' ': case '\n':
		return false;
	case '-': case '?': case ':':
		return !blankz(y, p + 1);
	default:
		return true;
	}
}

/* Where a plain scalar on the cursor's line stops: at ": " (a key), at
 * " #" (a comment) or at the end of the line.  *text_end excludes the
 * spaces before the stop. */
static const char *scan_plain(struct yb *y, bool *colon, const char **text_end)
{
	if (y->scan_at == y->p) {
		*colon = y->scan_colon;
		*text_end = y->scan_text_end;
		return y->scan_stop;
	}
	const char *p = y->p;
	*colon = false;
	for (; p < y->end; p++) {
		char c = *p;
		if (c == '\n')
			break;
		if (c == ':' && blankz(y, p + 1)) {
			*colon = true;
			break;
		}
		if (c == '#' && p[-1] == ' ')
			break;
	}
	const char *t = p;
	while (t > y->p && t[-1] == ' ')
		t--;
	*text_end = t;
	y->scan_at = y->p;
	y->scan_stop = p;
	y->scan_text_end = t;
	y->scan_colon = *colon;
	return p;
}

/* A one-line quoted scalar at the cursor; its text in *out (the input, or
 * y->buf after escapes), the cursor after the closing quote. */
static int scan_quoted(struct yb *y, const char **out, size_t *n, yaml_scalar_style_t *style)
{
	char q = *y->p;
	*style = q == '"' ? YAML_DOUBLE_QUOTED_SCALAR_STYLE : YAML_SINGLE_QUOTED_SCALAR_STYLE;
	const char *p = y->p + 1, *start = p;
	bool copied = false;
	y->len = 0;
	for (;; p++) {
		if (p == y->end || *p == '\n')
			return YBLOCK_DECLINED;
		if (*p == q) {
			if (q == '\'' && p + 1 < y->end && p[1] == '\'') {
				buf_add(y, start, (size_t)(p + 1 - start));
				copied = true;
				start = ++p + 1;
				continue;
			}
			break;
		}
		if (*p != '\\' || q == '\'')
			continue;
		if (p + 1 == y->end)
			return YBLOCK_DECLINED;
		char c;
		switch (p[1]) {
		case '\\': c = '\\'; break;
		case '"': c = '"'; break;
		case 'n': c = '\n'; break;
		case 't': c = '\t'; break;
		case 'r': c = '\r'; break;
		case ' ': c = ' '; break;
		case '/': c = '/'; break;
		default: return YBLOCK_DECLINED;
		}
		buf_add(y, start, (size_t)(p - start));
		buf_add(y, &c, 1);
		copied = true;
		start = ++p + 1;
	}
	if (copied) {
		buf_add(y, start, (size_t)(p - start));
		*out = y->buf;
		*n = y->len;
	} else {
		*out = start;
		*n = (size_t)(p - start);
	}
	y->p = p + 1;
	return 0;
}

static int send_quoted(struct yb *y)
{
	yaml_mark_t m = mark_at(y, y->p);
	const char *t;
	size_t n;
	yaml_scalar_style_t style;
	TRY(scan_quoted(y, &t, &n, &style));
	return send_scalar(y, m, t, n, style);
}

/* A plain scalar at the cursor that is no key. */
static int send_plain(struct yb *y)
{
	if (!plain_start(y, y->p))
		return YBLOCK_DECLINED;
	bool colon;
	const char *t, *stop = scan_plain(y, &colon, &t);
	if (colon)
		return YBLOCK_DECLINED;
	TRY(send_scalar(y, mark_at(y, y->p), y->p, (size_t)(t - y->p), YAML_PLAIN_SCALAR_STYLE));
	y->p = stop;
	return 0;
}

/* The header of a literal block: "|", a chomping indicator ("-" strip,
 * "+" keep), at most a comment.  *chomp is -1, 0 (clip) or 1; the result
 * is the line break that ends the header, or NULL to decline. */
static const char *literal_header(const struct yb *y, int *chomp)
{
	const char *p = y->p + 1;
	*chomp = 0;
	if (p < y->end && (*p == '-' || *p == '+'))
		*chomp = *p++ == '-' ? -1 : 1;
	if (p < y->end && *p != ' ' && *p != '\n')
		return NULL; /* an indentation hint, or more */
	while (p < y->end && *p == ' ')
		p++;
	if (p < y->end && *p == '#')
		p = memchr(p, '\n', (size_t)(y->end - p));
	return p && p < y->end && *p == '\n' ? p : NULL;
}

/* The blank lines after the header, one break each in the text, and the
 * indentation of the first line that is not blank: it must be at least
 * as deep as theirs (or libyaml ends the block at once) and deeper than
 * the collection's.  *p ends on that line's text. */
static int literal_start(struct yb *y, const char **p, const char **bol, size_t indent,
			 size_t *ind)
{
	size_t breaks = 0, deepest = 0;
	for (;;) {
		*bol = ++*p;
		y->line++;
		while (*p < y->end && **p == ' ')
			++*p;
		*ind = (size_t)(*p - *bol);
		if (*p == y->end || **p != '\n')
			break;
		if (*ind > deepest)
			deepest = *ind;
		breaks++;
	}
	if (*p == y->end || *ind < deepest || *ind <= indent)
		return YBLOCK_DECLINED;
	y->len = 0;
	memset(buf_room(y, breaks), '\n', breaks);
	y->len += breaks;
	return 0;
}

/* The lines of a literal block from column ind, blank lines between them
 * kept as breaks, up to a line less indented (or the end).  Returns the
 * start of that line; the text is in y->buf. */
static const char *literal_text(struct yb *y, const char *bol, size_t ind, int chomp)
{
	size_t trailing = 0;
	bool last_break;
	for (;;) {
		const char *eol = memchr(bol + ind, '\n', (size_t)(y->end - bol - ind));
		if (!eol)
			eol = y->end;
		buf_add(y, bol + ind, (size_t)(eol - bol - ind));
		last_break = eol < y->end;
		if (!last_break) {
			bol = y->end;
			break;
		}
		const char *p;
		for (;;) {
			bol = p = eol + 1;
			y->line++;
			while (p < y->end && *p == ' ' && (size_t)(p - bol) < ind)
				p++;
			if (p == y->end || *p != '\n')
				break;
			trailing++;
			eol = p;
		}
		if (p == y->end || (size_t)(p - bol) < ind)
			break;
		memset(buf_room(y, 1 + trailing), '\n', 1 + trailing);
		y->len += 1 + trailing;
		trailing = 0;
	}
	/* The last line's break unless stripped, the blank lines after it
	 * only when kept. */
	if (chomp != -1 && last_break)
		buf_add(y, "\n", 1);
	if (chomp == 1) {
		memset(buf_room(y, trailing), '\n', trailing);
		y->len += trailing;
	}
	return bol;
}

/* A literal block scalar at the cursor, in a collection indented at
 * `indent`. */
static int literal(struct yb *y, size_t indent)
{
	yaml_mark_t m = mark_at(y, y->p);
	int chomp;
	const char *p = literal_header(y, &chomp), *bol;
	size_t ind;
	if (!p)
		return YBLOCK_DECLINED;
	TRY(literal_start(y, &p, &bol, indent, &ind));
	bol = literal_text(y, bol, ind, chomp);
	TRY(send_scalar(y, m, y->buf, y->len, YAML_LITERAL_SCALAR_STYLE));
	y->p = y->bol = bol;
	if (bol == y->end) {
		y->eof = true;
		return 0;
	}
	return skip_blank_lines(y);
}

/* ---- flow collections on one line ------------------------------------ */

/* A plain scalar inside [] or {}: it ends at ",", "]", "}" or, as a key,
 * at ": " (the cursor is left on the ":").  Colons and "#" anywhere else,
 * brackets and line ends are left to libyaml. */
static int flow_plain(struct yb *y)
{
	const char *p = y->p;
	if (*p == '?' || *p == ':' || !plain_start(y, p))
		return YBLOCK_DECLINED;
	for (; p < y->end; p++) {
		char c = *p;
		if (c == ',' || c == ']' || c == '}' || (c == ':' && blankz(y, p + 1)))
			break;
		if (c == ':' || c == '\n' || c == '[' || c == '{' || c == '#')
			return YBLOCK_DECLINED;
	}
	if (p == y->end)
		return YBLOCK_DECLINED;
	const char *t = p;
	while (t[-1] == ' ')
		t--;
	TRY(send_scalar(y, mark_at(y, y->p), y->p, (size_t)(t - y->p), YAML_PLAIN_SCALAR_STYLE));
	y->p = p;
	return 0;
}

static int flow_node(struct yb *y);

/* After an entry: "," and another, or the closing bracket.  A trailing
 * comma is valid YAML, but left to libyaml. */
static int flow_next(struct yb *y, char close, bool *done)
{
	skip_spaces(y);
	if (y->p == y->end || (*y->p != ',' && *y->p != close))
		return YBLOCK_DECLINED;
	*done = *y->p++ == close;
	skip_spaces(y);
	return !*done && y->p < y->end && *y->p == close ? YBLOCK_DECLINED : 0;
}

/* The opening bracket: its event, and *done when the closing one follows
 * at once. */
static int flow_open(struct yb *y, yaml_event_type_t type, char close, bool *done)
{
	TRY(send_open(y, type, mark_at(y, y->p), true));
	y->p++;
	skip_spaces(y);
	*done = y->p < y->end && *y->p == close;
	if (*done)
		y->p++;
	return 0;
}

/* [a, "b", {c: d}]: entries that are scalars or flow collections; an
 * entry followed by ": " (a one-pair map) declines. */
static int flow_seq(struct yb *y)
{
	bool done;
	TRY(flow_open(y, YAML_SEQUENCE_START_EVENT, ']', &done));
	while (!done) {
		TRY(flow_node(y));
		TRY(flow_next(y, ']', &done));
	}
	return send_simple(y, YAML_SEQUENCE_END_EVENT, mark_at(y, y->p));
}

/* {k: v, "k2": [x]}: scalar keys, each followed by ": " and a value. */
static int flow_map(struct yb *y)
{
	bool done;
	TRY(flow_open(y, YAML_MAPPING_START_EVENT, '}', &done));
	while (!done) {
		if (y->p == y->end || *y->p == '[' || *y->p == '{')
			return YBLOCK_DECLINED;
		TRY(*y->p == '"' || *y->p == '\'' ? send_quoted(y) : flow_plain(y));
		skip_spaces(y);
		if (y->p == y->end || *y->p != ':' || !blankz(y, y->p + 1))
			return YBLOCK_DECLINED;
		y->p++;
		skip_spaces(y);
		if (y->p == y->end || *y->p == ',' || *y->p == '}')
			return YBLOCK_DECLINED; /* an empty value */
		TRY(flow_node(y));
		TRY(flow_next(y, '}', &done));
	}
	return send_simple(y, YAML_MAPPING_END_EVENT, mark_at(y, y->p));
}

static int flow_node(struct yb *y)
{
	if (y->p == y->end)
		return YBLOCK_DECLINED;
	if (*y->p == '"' || *y->p == '\'')
		return send_quoted(y);
	if (*y->p != '[' && *y->p != '{')
		return flow_plain(y);
	if (++y->nest > MAX_NEST)
		return YBLOCK_DECLINED;
	int rc = *y->p == '[' ? flow_seq(y) : flow_map(y);
	y->nest--;
	return rc;
}

/* A flow collection written on one line, as a block node. */
static int flow(struct yb *y)
{
	TRY(flow_node(y));
	return end_line(y);
}

/* ---- collections ------------------------------------------------------- */

static int node(struct yb *y, size_t indent, bool after_key);

/* The key at the cursor: sends it and leaves the cursor after its ":".
 * Anything but a one-line key declines. */
static int key(struct yb *y)
{
	yaml_mark_t m = mark_at(y, y->p);
	if (*y->p == '"' || *y->p == '\'') {
		const char *t;
		size_t n;
		yaml_scalar_style_t st;
		TRY(scan_quoted(y, &t, &n, &st));
		skip_spaces(y);
		if (y->p == y->end || *y->p != ':' || !blankz(y, y->p + 1) ||
		    (size_t)(y->p - y->s) - m.index > MAX_KEY)
			return YBLOCK_DECLINED;
		TRY(send_scalar(y, m, t, n, st));
		y->p++;
		return 0;
	}
	if (!plain_start(y, y->p))
		return YBLOCK_DECLINED;
	bool colon;
	const char *t, *stop = scan_plain(y, &colon, &t);
	if (!colon || (size_t)(stop - y->p) > MAX_KEY)
		return YBLOCK_DECLINED;
	TRY(send_scalar(y, m, y->p, (size_t)(t - y->p), YAML_PLAIN_SCALAR_STYLE));
	y->p = stop + 1;
	return 0;
}

/* What follows "key:" or "-": a node on the same line, one on the lines
 * below (deeper than `indent`, or a "- " list at `indent` after a key), or
 * nothing - an empty scalar marked just after the indicator. */
static int value(struct yb *y, size_t indent, bool after_key)
{
	yaml_mark_t empty = mark_at(y, y->p);
	/* The indicator is followed by a space or the line's end, so a "#"
	 * here starts a comment. */
	skip_spaces(y);
	if (y->p < y->end && *y->p != '\n' && *y->p != '#')
		return node(y, indent, after_key);
	TRY(end_line(y));
	if (!y->eof) {
		size_t c = column(y);
		if (c > indent)
			return node(y, indent, false);
		if (c == indent && after_key && *y->p == '-' && blankz(y, y->p + 1))
			return node(y, indent, false);
	}
	return send_scalar(y, empty, "", 0, YAML_PLAIN_SCALAR_STYLE);
}

/* A block list whose "-" entries stand at the cursor's column (which may
 * be the column of the map holding it: an indentless list). */
static int seq(struct yb *y)
{
	size_t c = column(y);
	TRY(send_open(y, YAML_SEQUENCE_START_EVENT, mark_at(y, y->p), false));
	for (;;) {
		y->p++;
		TRY(value(y, c, false));
		if (y->eof || column(y) < c)
			break;
		/* A line deeper than the entries after a node: libyaml
		 * would read it as more of that node, or fail. */
		if (column(y) > c)
			return YBLOCK_DECLINED;
		if (*y->p != '-' || !blankz(y, y->p + 1))
			break;
	}
	return send_simple(y, YAML_SEQUENCE_END_EVENT, mark_at(y, y->p));
}

static int map(struct yb *y)
{
	size_t c = column(y);
	TRY(send_open(y, YAML_MAPPING_START_EVENT, mark_at(y, y->p), false));
	for (;;) {
		TRY(key(y));
		TRY(value(y, c, true));
		if (y->eof || column(y) < c)
			break;
		if (column(y) > c)
			return YBLOCK_DECLINED;
	}
	return send_simple(y, YAML_MAPPING_END_EVENT, mark_at(y, y->p));
}

/* The shape of the node at the cursor. */
static enum shape shape(struct yb *y)
{
	const char *p = y->p;
	if (*p == '-' && blankz(y, p + 1))
		return SH_SEQ;
	if (*p == '"' || *p == '\'') {
		/* A quoted key (rare): read it here, and again as the key. */
		const char *t;
		size_t n;
		yaml_scalar_style_t st;
		int rc = scan_quoted(y, &t, &n, &st);
		skip_spaces(y);
		bool key = !rc && y->p < y->end && *y->p == ':' && blankz(y, y->p + 1);
		y->p = p;
		return key ? SH_MAP : SH_SCALAR;
	}
	if (!plain_start(y, p))
		return SH_SCALAR;
	bool colon;
	const char *t;
	scan_plain(y, &colon, &t);
	return colon ? SH_MAP : SH_SCALAR;
}

/* A scalar, at the cursor, of a collection indented at `indent`. */
static int scalar(struct yb *y, size_t indent)
{
	switch (*y->p) {
	case '|':
		return literal(y, indent);
	case '[': case '{':
		return flow(y);
	case '"': case '\'':
		TRY(send_quoted(y));
		break;
	default:
		TRY(send_plain(y));
	}
	return end_line(y);
}

/* The node at the cursor, in a collection indented at `indent`; after_key
 * when it follows "key: " on the same line, where no block collection may
 * start. */
static int node(struct yb *y, size_t indent, bool after_key)
{
	enum shape sh = shape(y);
	if (sh == SH_SCALAR)
		return scalar(y, indent);
	if (after_key)
		return YBLOCK_DECLINED;
	if (++y->nest > MAX_NEST)
		return YBLOCK_DECLINED;
	int rc = sh == SH_SEQ ? seq(y) : map(y);
	y->nest--;
	return rc;
}

/* ---- the document ------------------------------------------------------ */

/* Only printable ASCII and line feeds: the rest (tabs, CR, UTF-8, control
 * characters) is libyaml's.  Every byte passes through here, so the x86
 * build tests sixteen at a time. */
static bool printable_ascii(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
#ifdef __SSE2__
	const __m128i space = _mm_set1_epi8(0x20), lf = _mm_set1_epi8('\n'),
		      del = _mm_set1_epi8(0x7F);
	for (; i + 16 <= len; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
		/* signed: below 0x20, or 0x80 and above */
		__m128i bad = _mm_andnot_si128(_mm_cmpeq_epi8(v, lf), _mm_cmplt_epi8(v, space));
		bad = _mm_or_si128(bad, _mm_cmpeq_epi8(v, del));
		if (_mm_movemask_epi8(bad))
			return false;
	}
#endif
	unsigned bad = 0;
	for (; i < len; i++)
		bad |= (unsigned)(p[i] < 0x20 && p[i] != '\n') | (unsigned)(p[i] >= 0x7F);
	return !bad;
}

static int document(struct yb *y)
{
	y->p = y->bol = y->s;
	skip_blank(y);
	if (y->eof)
		return 0;
	yaml_mark_t m = mark_at(y, y->p);
	if (at_marker(y, '-')) {
		/* An explicit start: "---", then at most a comment on its line. */
		TRY(send_simple(y, YAML_DOCUMENT_START_EVENT, m));
		y->p += 3;
		TRY(end_line(y));
		if (y->eof)
			return YBLOCK_DECLINED;
	} else {
		if (at_marker(y, '.') || (y->p == y->bol && *y->p == '%'))
			return YBLOCK_DECLINED;
		TRY(send_simple(y, YAML_DOCUMENT_START_EVENT, m));
	}
	if (shape(y) == SH_SCALAR)
		return YBLOCK_DECLINED;
	TRY(node(y, column(y), false));
	if (!y->eof)
		return YBLOCK_DECLINED;
	return send_simple(y, YAML_DOCUMENT_END_EVENT, mark_at(y, y->end));
}

int yblock_parse(const char *s, size_t len, yblock_sink sink, void *ctx)
{
	if (!printable_ascii(s, len))
		return YBLOCK_DECLINED;
	struct yb y = {.s = s, .end = s + len, .sink = sink, .ctx = ctx};
	int rc = document(&y);
	free(y.buf);
	return rc;
}
