/* goregex.c - Go's regexp limits checked before regcomp; see goregex.h.
 *
 * One pass over the pattern with a stack of open groups.  For every item
 * it keeps two numbers, as Go's parser does:
 *  - need: how many copies of the innermost thing its counted repetitions
 *    make (Go's repeatIsValid: at most 1000 at every {n,m});
 *  - size: about how many instructions it compiles to (Go's checkSize:
 *    at most 128 MiB of 40-byte instructions).
 * Both saturate, so no pattern overflows them.
 */
#include "strata/goregex.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define MAX_COUNT 1000
/* Go stops at a tree height of 1000: 998 groups inside kustomize's own
 * "^(?:...)$" (operators inside groups count too; not modelled). */
#define MAX_DEPTH 998
#define MAX_SIZE ((size_t)(128u << 20) / 40)
#define SAT ((size_t)1 << 40)

typedef struct level {
	size_t need_done, size_done;  /* the items before the last one */
} level;

typedef struct scan {
	const char *pat;
	char *msg;
	size_t msglen;
	level stack[MAX_DEPTH];
	size_t depth;
	level cur;
	/* The last item: none (start, after '(' or '|'), an atom, or an atom
	 * with a repetition applied (rep points at the operator). */
	int have_item;
	size_t need, size;
	const char *rep;
} scan;

static size_t sat_mul(size_t a, size_t b)
{
	return a && b > SAT / a ? SAT : a * b;
}

static size_t sat_add(size_t a, size_t b)
{
	return a + b > SAT ? SAT : a + b;
}

static size_t max_sz(size_t a, size_t b)
{
	return a > b ? a : b;
}

static bool fail(scan *s, const char *what, const char *from, const char *to)
{
	if (s->msg && s->msglen)
		snprintf(s->msg, s->msglen, "%s: `%.*s`", what, (int)(to - from), from);
	return false;
}

/* The last item is done: later operators cannot apply to it. */
static void fold(scan *s)
{
	if (s->have_item) {
		s->cur.need_done = max_sz(s->cur.need_done, s->need);
		s->cur.size_done = sat_add(s->cur.size_done, s->size);
	}
	s->have_item = 0;
	s->rep = NULL;
}

static void atom(scan *s, size_t need, size_t size)
{
	fold(s);
	s->have_item = 1;
	s->need = need;
	s->size = size;
}

/* A bracket expression from its '['; returns what follows it (the end of
 * the pattern when unterminated: regcomp reports that). */
static const char *skip_bracket(const char *p)
{
	p++;
	if (*p == '^')
		p++;
	if (*p == ']')
		p++;
	while (*p && *p != ']') {
		if (*p == '[' && (p[1] == ':' || p[1] == '=' || p[1] == '.')) {
			const char *end = strchr(p + 2, p[1]);
			while (end && end[1] != ']')
				end = strchr(end + 1, p[1]);
			if (end) {
				p = end + 2;
				continue;
			}
		}
		p++;
	}
	return *p ? p + 1 : p;
}

/* {n}, {n,} or {n,m} at p: sets *min and *max (-1: unbounded) and returns
 * what follows, or NULL when p is a literal '{' (as in Go). */
static const char *parse_count(const char *p, long *min, long *max)
{
	const char *q = p + 1;
	if (*q < '0' || *q > '9')
		return NULL;
	long n = 0;
	for (; *q >= '0' && *q <= '9'; q++)
		n = n > 100000 ? n : n * 10 + (*q - '0');
	*min = *max = n;
	if (*q == ',') {
		q++;
		*max = -1;
		if (*q >= '0' && *q <= '9') {
			long m = 0;
			for (; *q >= '0' && *q <= '9'; q++)
				m = m > 100000 ? m : m * 10 + (*q - '0');
			*max = m;
		}
	}
	return *q == '}' ? q + 1 : NULL;
}

/* A repetition operator from op to end (a lazy '?' after it included). */
static bool repeat(scan *s, const char *op, const char *end, bool counted, long min, long max)
{
	if (*end == '?')
		end++;
	if (s->rep)
		return fail(s, "invalid nested repetition operator", s->rep, end);
	if (!s->have_item)
		return fail(s, "missing argument to repetition operator", op, end);
	if (counted) {
		size_t m = (size_t)(max >= 0 ? max : min);
		size_t need = m ? sat_mul(m, s->need ? s->need : 1) : 0;
		if ((min >= 2 || max >= 2) && need > MAX_COUNT)
			return fail(s, "invalid repeat count", op, end);
		s->need = need;
		s->size = sat_add(sat_mul(m ? m : 1, s->size), 1);
	} else {
		s->size = sat_add(s->size, 1);
	}
	s->rep = op;
	return true;
}

static bool step(scan *s, const char **pp)
{
	const char *p = *pp;
	switch (*p) {
	case '\\':
		atom(s, 0, 1);
		*pp = p[1] ? p + 2 : p + 1;
		return true;
	case '[':
		atom(s, 0, 1);
		*pp = skip_bracket(p);
		return true;
	case '(':
		if (p[1] == '?') {
			/* (?flags) sets flags and is no item; (?:...) groups. */
			const char *q = p + 2;
			while (*q && *q != ':' && *q != ')')
				q++;
			if (*q != ':') {
				*pp = *q ? q + 1 : q;
				return true;
			}
			p = q;
		}
		fold(s);
		if (s->depth == MAX_DEPTH)
			return fail(s, "expression nests too deeply", s->pat, p + 1);
		s->stack[s->depth++] = s->cur;
		s->cur = (level){0, 0};
		*pp = p + 1;
		return true;
	case ')':
		/* Callers wrap the pattern in a group of their own, which a
		 * stray ')' would close early; Go refuses it outright. */
		if (!s->depth)
			return fail(s, "unexpected )", s->pat, s->pat + strlen(s->pat));
		fold(s);
		level g = s->cur;
		s->cur = s->stack[--s->depth];
		atom(s, g.need_done, sat_add(g.size_done, 1));
		*pp = p + 1;
		return true;
	case '|':
		fold(s);
		s->cur.size_done = sat_add(s->cur.size_done, 1);
		*pp = p + 1;
		return true;
	case '*':
	case '+':
	case '?':
		*pp = p + 1 + (p[1] == '?');
		return repeat(s, p, p + 1, false, 0, 0);
	case '{': {
		long min, max;
		const char *end = parse_count(p, &min, &max);
		if (!end)
			break;
		if (min > MAX_COUNT || max > MAX_COUNT || (max >= 0 && min > max))
			return fail(s, "invalid repeat count", p, end);
		*pp = end + (*end == '?');
		return repeat(s, p, end, true, min, max);
	}
	default:
		break;
	}
	atom(s, 0, 1);
	*pp = p + 1;
	return true;
}

bool goregex_check(const char *pat, char *msg, size_t msglen)
{
	/* The group stack is 16 KB on the C stack: no allocation, no state
	 * shared between threads. */
	scan s = {.pat = pat, .msg = msg, .msglen = msglen};
	if (msg && msglen)
		msg[0] = 0;
	const char *p = pat;
	while (*p)
		if (!step(&s, &p))
			return false;
	fold(&s);
	size_t size = s.cur.size_done;
	for (size_t i = s.depth; i-- > 0;)
		size = sat_add(size, s.stack[i].size_done);
	if (size > MAX_SIZE)
		return fail(&s, "expression too large", pat, p);
	return true;
}
