/* yedit.c - format-keeping rewrites of YAML documents; see yedit.h.
 *
 * Offsets below are relative to one piece's text.  An edit replaces the
 * bytes [s, e) with text; an insertion has s == e.  Edits are collected
 * while the old and new trees are walked together, then applied in one
 * forward pass; edits at the same offset keep the order they were made
 * in, which is why a walk records what lies deeper before what it adds
 * after it.
 */
#include "strata/yedit.h"

#include <libfyaml.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strata/emit.h"
#include "strata/parse.h"

/* --- pieces ------------------------------------------------------------- */

static void add_piece(arena *a, yedit_file *f, size_t *cap, size_t start, size_t end)
{
	if (f->n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 4;
		f->v = arena_grow(a, f->v, *cap * sizeof *f->v, ncap * sizeof *f->v);
		*cap = ncap;
	}
	f->v[f->n++] = (yedit_piece){.start = start, .end = end};
}

static int parse_piece(arena *a, yedit_file *f, yedit_piece *p, uint32_t first_line, err *e)
{
	parse_docs docs;
	if (parse_yaml(a, f->path, f->text + p->start, p->end - p->start, &docs, e))
		return -1;
	if (docs.n > 1)
		return err_set(e, "%s: more than one document between separators", f->path);
	p->doc = docs.n && docs.v[0]->kind != NODE_NULL ? docs.v[0] : NULL;
	if (p->doc && first_line > 1)
		node_shift_lines(p->doc, first_line - 1);
	return 0;
}

int yedit_load(arena *a, const char *path, const char *text, size_t len, yedit_file *f, err *e)
{
	memset(f, 0, sizeof *f);
	f->path = path;
	f->text = text;
	f->len = len;
	if (memchr(text, '\r', len))
		return err_set(e, "%s has carriage returns (CRLF line ends); convert it to LF line "
				  "ends first",
			       path);
	size_t cap = 0, start = 0, pos = 0;
	uint32_t line = 1, start_line = 1;
	uint32_t *first = NULL;
	size_t fcap = 0;
	for (;;) {
		const char *nl = pos < len ? memchr(text + pos, '\n', len - pos) : NULL;
		size_t next = nl ? (size_t)(nl - text) + 1 : len;
		if (pos < len && len - pos >= 3 && !memcmp(text + pos, "---", 3)) {
			add_piece(a, f, &cap, start, pos);
			if (fcap < f->n) {
				first = arena_grow(a, first, fcap * sizeof *first, cap * sizeof *first);
				fcap = cap;
			}
			first[f->n - 1] = start_line;
			start = next;
			start_line = line + 1;
		}
		if (!nl)
			break;
		pos = next;
		line++;
	}
	add_piece(a, f, &cap, start, len);
	if (fcap < f->n)
		first = arena_grow(a, first, fcap * sizeof *first, cap * sizeof *first);
	first[f->n - 1] = start_line;
	for (size_t i = 0; i < f->n; i++)
		if (parse_piece(a, f, &f->v[i], first[i], e))
			return -1;
	return 0;
}

/* --- equality ------------------------------------------------------------ */

static bool is_number(const node *n)
{
	return n->kind == NODE_INT || n->kind == NODE_FLOAT;
}

static bool same_scalar(const node *x, const node *y)
{
	if (x->kind == y->kind && x->str.len == y->str.len &&
	    !memcmp(x->str.s, y->str.s, x->str.len) &&
	    (x->flags & NODE_F_TIMESTAMP) == (y->flags & NODE_F_TIMESTAMP))
		return true;
	if (x->kind == NODE_NULL && y->kind == NODE_NULL)
		return true;
	if (!is_number(x) || !is_number(y))
		return false;
	char *ex, *ey;
	double dx = strtod(x->str.s, &ex), dy = strtod(y->str.s, &ey);
	return !*ex && !*ey && !isnan(dx) && dx == dy;
}

bool yedit_same(const node *x, const node *y)
{
	if (x == y)
		return true;
	if (!x || !y)
		return false;
	if (node_is_scalar(x) && node_is_scalar(y))
		return same_scalar(x, y);
	if (x->kind != y->kind)
		return false;
	if (x->kind == NODE_MAP) {
		if (x->map.n != y->map.n)
			return false;
		for (uint32_t i = 0; i < x->map.n; i++) {
			node *o = node_get(y, x->map.v[i].key->str.s);
			if (!o || !yedit_same(x->map.v[i].val, o))
				return false;
		}
		return true;
	}
	if (x->seq.n != y->seq.n)
		return false;
	for (uint32_t i = 0; i < x->seq.n; i++)
		if (!yedit_same(x->seq.v[i], y->seq.v[i]))
			return false;
	return true;
}

/* --- edits ---------------------------------------------------------------- */

struct edit {
	size_t s, e, seq;
	const char *text;
	size_t len;
};

struct edits {
	struct edit *v;
	size_t n, cap;
};

struct ctx {
	arena *a;
	const char *t;      /* the piece's text */
	size_t len;
	size_t seq;         /* creation order of edits */
	bool seq_indented;  /* lists sit two columns right of their key */
	const char *why;    /* set when the in-place edit gives up */
};

static void push_edit(struct ctx *c, struct edits *ed, size_t s, size_t e, const char *text,
		      size_t len)
{
	if (ed->n == ed->cap) {
		size_t ncap = ed->cap ? ed->cap * 2 : 8;
		ed->v = arena_grow(c->a, ed->v, ed->cap * sizeof *ed->v, ncap * sizeof *ed->v);
		ed->cap = ncap;
	}
	ed->v[ed->n++] = (struct edit){s, e, c->seq++, text, len};
}

static int give_up(struct ctx *c, const char *why)
{
	if (!c->why)
		c->why = why;
	return -1;
}

static int edit_cmp(const void *pa, const void *pb)
{
	const struct edit *x = pa, *y = pb;
	if (x->s != y->s)
		return x->s < y->s ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The bytes [s, e) with the edits that fall inside them applied. */
static int apply_edits(struct ctx *c, struct edits *ed, size_t s, size_t e, buf *out)
{
	if (ed->n)
		qsort(ed->v, ed->n, sizeof *ed->v, edit_cmp);
	size_t pos = s;
	for (size_t i = 0; i < ed->n; i++) {
		const struct edit *x = &ed->v[i];
		if (x->s < pos || x->e > e)
			return give_up(c, "two changes overlap in the text");
		buf_add(out, c->t + pos, x->s - pos);
		buf_add(out, x->text, x->len);
		pos = x->e;
	}
	buf_add(out, c->t + pos, e - pos);
	return 0;
}

/* --- positions ------------------------------------------------------------ */

static void token_span(struct fy_token *t, size_t *lo, size_t *hi)
{
	if (!t)
		return;
	const struct fy_mark *s = fy_token_start_mark(t), *e = fy_token_end_mark(t);
	if (s && s->input_pos < *lo)
		*lo = s->input_pos;
	if (e && e->input_pos > *hi)
		*hi = e->input_pos;
}

/* First and last byte positions of every token below n ([lo, hi)); lo is
 * SIZE_MAX when n has none (an empty flow collection). */
static void span(struct fy_node *n, size_t *lo, size_t *hi)
{
	if (!n)
		return;
	void *it = NULL;
	switch (fy_node_get_type(n)) {
	case FYNT_SCALAR: {
		/* a quoted scalar's token marks leave the quotes out */
		enum fy_node_style st = fy_node_get_style(n);
		size_t l = SIZE_MAX, h = 0;
		token_span(fy_node_get_scalar_token(n), &l, &h);
		if (l != SIZE_MAX && (st == FYNS_DOUBLE_QUOTED || st == FYNS_SINGLE_QUOTED))
			l--, h++;
		if (l < *lo)
			*lo = l;
		if (h > *hi && l != SIZE_MAX)
			*hi = h;
		break;
	}
	case FYNT_MAPPING:
		for (struct fy_node_pair *p; (p = fy_node_mapping_iterate(n, &it));) {
			span(fy_node_pair_key(p), lo, hi);
			span(fy_node_pair_value(p), lo, hi);
		}
		break;
	case FYNT_SEQUENCE:
		for (struct fy_node *x; (x = fy_node_sequence_iterate(n, &it));)
			span(x, lo, hi);
		break;
	}
}

static size_t line_start(const struct ctx *c, size_t off)
{
	while (off > 0 && c->t[off - 1] != '\n')
		off--;
	return off;
}

/* The start of the line after the one holding the byte before off. */
static size_t after_line(const struct ctx *c, size_t off)
{
	if (off > 0 && c->t[off - 1] == '\n')
		return off;
	const char *nl = off < c->len ? memchr(c->t + off, '\n', c->len - off) : NULL;
	return nl ? (size_t)(nl - c->t) + 1 : c->len;
}

static bool only_spaces(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ')
			return false;
	return true;
}

/* The column of the dash that starts the list element whose first token is
 * at lo, which must be alone on its line apart from "- ". */
static int dash_col(const struct ctx *c, size_t lo, size_t *col)
{
	size_t ls = line_start(c, lo), i = ls;
	while (i < lo && c->t[i] == ' ')
		i++;
	if (i >= lo || c->t[i] != '-' || !only_spaces(c->t + i + 1, lo - i - 1) || i + 1 == lo)
		return -1;
	*col = i - ls;
	return 0;
}

/* --- text for new values ------------------------------------------------ */

static void json_quote(buf *b, const char *s, size_t n)
{
	buf_addc(b, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '"' || ch == '\\')
			buf_printf(b, "\\%c", ch);
		else if (ch == '\n')
			buf_adds(b, "\\n");
		else if (ch == '\t')
			buf_adds(b, "\\t");
		else if (ch < 0x20)
			buf_printf(b, "\\x%02x", ch);
		else
			buf_addc(b, (char)ch);
	}
	buf_addc(b, '"');
}

/* kustomize's spelling of a value (emit.h), without the final newline. */
static int emitted(struct ctx *c, const node *n, buf *b)
{
	err e = ERR_INIT;
	int rc = emit_doc(b, n, &e);
	err_clear(&e);
	if (rc)
		return give_up(c, "a new value cannot be written as YAML");
	if (b->len && b->p[b->len - 1] == '\n')
		b->p[--b->len] = 0;
	return 0;
}

/* One-line text for scalar n where a scalar of style old stood. */
static int scalar_text(struct ctx *c, const node *n, enum fy_node_style old, const char **out,
		       size_t *len)
{
	buf b = BUF_INIT;
	if (n->kind == NODE_STR && old == FYNS_DOUBLE_QUOTED) {
		json_quote(&b, n->str.s, n->str.len);
	} else if (n->kind == NODE_STR && old == FYNS_SINGLE_QUOTED &&
		   !memchr(n->str.s, '\n', n->str.len)) {
		buf_addc(&b, '\'');
		for (size_t i = 0; i < n->str.len; i++) {
			if (n->str.s[i] == '\'')
				buf_addc(&b, '\'');
			buf_addc(&b, n->str.s[i]);
		}
		buf_addc(&b, '\'');
	} else {
		if (emitted(c, n, &b)) {
			buf_free(&b);
			return -1;
		}
		/* go-yaml folds long strings; one line is what fits here */
		if (b.p && memchr(b.p, '\n', b.len)) {
			if (n->kind != NODE_STR) {
				buf_free(&b);
				return give_up(c, "a new value spans several lines");
			}
			buf_reset(&b);
			json_quote(&b, n->str.s, n->str.len);
		}
	}
	*len = b.len;
	*out = arena_strndup(c->a, b.p ? b.p : "", b.len);
	buf_free(&b);
	return 0;
}

/* Appends text's lines to out, each but the first prefixed with indent
 * spaces (empty lines stay empty). */
static void indent_lines(buf *out, const char *text, size_t len, size_t indent, bool first)
{
	size_t pos = 0;
	for (bool head = true; pos < len || head; head = false) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t l = nl ? (size_t)(nl - text - pos) : len - pos;
		if (l && (!head || first))
			for (size_t i = 0; i < indent; i++)
				buf_addc(out, ' ');
		buf_add(out, text + pos, l);
		buf_addc(out, '\n');
		pos += l + (nl ? 1 : 0);
		if (!nl)
			break;
	}
}

/* "key: value" lines at column indent, in kustomize's style. */
static int pair_text(struct ctx *c, const node *key, const node *val, size_t indent, buf *out)
{
	const char *kt;
	size_t kl;
	if (!node_is_scalar(key) || scalar_text(c, key, FYNS_PLAIN, &kt, &kl))
		return give_up(c, "a new key cannot be written on one line");
	buf v = BUF_INIT;
	if (emitted(c, val, &v)) {
		buf_free(&v);
		return -1;
	}
	for (size_t i = 0; i < indent; i++)
		buf_addc(out, ' ');
	buf_add(out, kt, kl);
	bool nested = (val->kind == NODE_MAP && val->map.n) || (val->kind == NODE_SEQ && val->seq.n);
	if (!nested) {
		buf_addc(out, ':');
		if (v.len)
			buf_addc(out, ' ');
		indent_lines(out, v.p ? v.p : "", v.len, indent, false);
	} else {
		buf_adds(out, ":\n");
		size_t in = indent + (val->kind == NODE_MAP || c->seq_indented ? 2 : 0);
		indent_lines(out, v.p, v.len, in, true);
	}
	buf_free(&v);
	return 0;
}

/* "- element" lines with the dash at column col. */
static int element_text(struct ctx *c, const node *val, size_t col, buf *out)
{
	buf v = BUF_INIT;
	if (emitted(c, val, &v)) {
		buf_free(&v);
		return -1;
	}
	for (size_t i = 0; i < col; i++)
		buf_addc(out, ' ');
	buf_adds(out, "- ");
	indent_lines(out, v.p ? v.p : "", v.len, col + 2, false);
	buf_free(&v);
	return 0;
}

static void push_buf(struct ctx *c, struct edits *ed, size_t s, size_t e, buf *b)
{
	push_edit(c, ed, s, e, arena_strndup(c->a, b->p ? b->p : "", b->len), b->len);
	buf_free(b);
}

/* --- the walk -------------------------------------------------------------- */

static int walk(struct ctx *c, const node *old, const node *nw, struct fy_node *fy,
		struct edits *ed);

static bool key_is(struct fy_node *k, const node *key)
{
	size_t len;
	const char *s = k && fy_node_get_type(k) == FYNT_SCALAR ? fy_node_get_scalar(k, &len) : NULL;
	return s && len == key->str.len && !memcmp(s, key->str.s, len);
}

static struct fy_node_pair *fy_pair(struct fy_node *map, const node *key)
{
	void *it = NULL;
	for (struct fy_node_pair *p; (p = fy_node_mapping_iterate(map, &it));)
		if (key_is(fy_node_pair_key(p), key))
			return p;
	return NULL;
}

static int edit_scalar(struct ctx *c, const node *nw, struct fy_node *fy, struct edits *ed)
{
	if (!fy || fy_node_get_type(fy) != FYNT_SCALAR)
		return give_up(c, "an empty value changes");
	enum fy_node_style st = fy_node_get_style(fy);
	if (st == FYNS_LITERAL || st == FYNS_FOLDED || st == FYNS_ALIAS)
		return give_up(c, "a block scalar or alias changes");
	size_t lo = SIZE_MAX, hi = 0;
	span(fy, &lo, &hi);
	if (lo == SIZE_MAX || hi < lo || hi > c->len)
		return give_up(c, "an empty value changes");
	const char *text;
	size_t len;
	if (scalar_text(c, nw, st, &text, &len))
		return -1;
	push_edit(c, ed, lo, hi, text, len);
	return 0;
}

/* Deletes a key and its value: the lines from the key to the value's end. */
static int delete_pair(struct ctx *c, struct fy_node_pair *p, struct edits *ed)
{
	size_t klo = SIZE_MAX, khi = 0, lo = SIZE_MAX, hi = 0;
	span(fy_node_pair_key(p), &klo, &khi);
	span(fy_node_pair_key(p), &lo, &hi);
	span(fy_node_pair_value(p), &lo, &hi);
	if (klo == SIZE_MAX)
		return give_up(c, "a key without text is removed");
	size_t ls = line_start(c, klo);
	if (!only_spaces(c->t + ls, klo - ls))
		return give_up(c, "a key that shares its line is removed");
	push_edit(c, ed, ls, after_line(c, hi), "", 0);
	return 0;
}

static int walk_map(struct ctx *c, const node *old, const node *nw, struct fy_node *fy,
		    struct edits *ed)
{
	if (!fy || fy_node_get_type(fy) != FYNT_MAPPING)
		return give_up(c, "the text does not match the document (anchors or merge keys)");
	if (!nw->map.n)
		return give_up(c, "a map becomes empty");
	bool block = fy_node_get_style(fy) != FYNS_FLOW;
	for (uint32_t i = 0; i < old->map.n; i++) {
		const node *k = old->map.v[i].key;
		struct fy_node_pair *p = fy_pair(fy, k);
		if (!p)
			return give_up(c, "the text does not match the document (merge keys)");
		node *nv = node_get(nw, k->str.s);
		if (!nv && !block)
			return give_up(c, "a key of a flow map is removed");
		if (!nv ? delete_pair(c, p, ed) : walk(c, old->map.v[i].val, nv, fy_node_pair_value(p), ed))
			return -1;
	}
	bool adds = false;
	for (uint32_t i = 0; i < nw->map.n && !adds; i++)
		adds = !node_find(old, nw->map.v[i].key->str.s);
	if (!adds)
		return 0;
	size_t klo = SIZE_MAX, khi = 0, lo = SIZE_MAX, hi = 0;
	void *it = NULL;
	struct fy_node_pair *first = fy_node_mapping_iterate(fy, &it);
	if (first)
		span(fy_node_pair_key(first), &klo, &khi);
	span(fy, &lo, &hi);
	if (!block || klo == SIZE_MAX)
		return give_up(c, "a key is added to a flow map");
	size_t ls = line_start(c, klo), col = klo - ls, dc;
	if (!only_spaces(c->t + ls, col) && dash_col(c, klo, &dc))
		return give_up(c, "a key is added to a map that shares its first line");
	size_t at = after_line(c, hi);
	for (uint32_t i = 0; i < nw->map.n; i++) {
		const node_pair *np = &nw->map.v[i];
		if (node_find(old, np->key->str.s))
			continue;
		buf b = BUF_INIT;
		if (at == c->len && c->len && c->t[c->len - 1] != '\n')
			buf_addc(&b, '\n');
		if (pair_text(c, np->key, np->val, col, &b)) {
			buf_free(&b);
			return -1;
		}
		push_buf(c, ed, at, at, &b);
	}
	return 0;
}

/* Are x and y the same list element, possibly changed?  Kubernetes lists
 * of maps are keyed; the usual keys decide, else the whole value. */
static bool same_element(const node *x, const node *y)
{
	static const char *const keys[] = {"name", "mountPath", "containerPort", "port",
					   "key", "ip", "devicePath", "topologyKey"};
	if (x->kind == NODE_MAP && y->kind == NODE_MAP) {
		for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
			node *a = node_get(x, keys[i]), *b = node_get(y, keys[i]);
			if (a && b && node_is_scalar(a) && node_is_scalar(b))
				return same_scalar(a, b);
		}
	}
	return yedit_same(x, y);
}

/* Longest common subsequence of old and new elements by identity:
 * match[j] = index in old of new element j, or -1. */
static void align(arena *a, const node *old, const node *nw, int *match)
{
	size_t n = old->seq.n, m = nw->seq.n;
	uint32_t *t = arena_alloc(a, (n + 1) * (m + 1) * sizeof *t);
#define T(i, j) t[(i) * (m + 1) + (j)]
	for (size_t i = n; i-- > 0;)
		for (size_t j = m; j-- > 0;)
			T(i, j) = same_element(old->seq.v[i], nw->seq.v[j])
					  ? T(i + 1, j + 1) + 1
					  : (T(i + 1, j) > T(i, j + 1) ? T(i + 1, j) : T(i, j + 1));
	for (size_t j = 0; j < m; j++)
		match[j] = -1;
	for (size_t i = 0, j = 0; i < n && j < m;) {
		if (same_element(old->seq.v[i], nw->seq.v[j]) && T(i, j) == T(i + 1, j + 1) + 1) {
			match[j] = (int)i;
			i++, j++;
		} else if (T(i + 1, j) >= T(i, j + 1)) {
			i++;
		} else {
			j++;
		}
	}
#undef T
}

struct elem {
	size_t s, e;  /* its lines */
	size_t col;   /* of its dash */
};

static int element_lines(struct ctx *c, struct fy_node *x, struct elem *el)
{
	size_t lo = SIZE_MAX, hi = 0;
	span(x, &lo, &hi);
	if (lo == SIZE_MAX || dash_col(c, lo, &el->col))
		return give_up(c, "a list element that shares its line moves");
	el->s = line_start(c, lo);
	el->e = after_line(c, hi);
	return 0;
}

/* An element that moved: its own text, with its changes, at a new place. */
static int move_element(struct ctx *c, const node *o, const node *n, struct fy_node *fy,
			const struct elem *el, size_t at, struct edits *ed)
{
	struct edits sub = {0};
	if (walk(c, o, n, fy, &sub))
		return -1;
	buf b = BUF_INIT;
	if (at == c->len && c->len && c->t[c->len - 1] != '\n')
		buf_addc(&b, '\n');
	if (apply_edits(c, &sub, el->s, el->e, &b)) {
		buf_free(&b);
		return -1;
	}
	if (!b.len || b.p[b.len - 1] != '\n')
		buf_addc(&b, '\n');
	push_buf(c, ed, at, at, &b);
	return 0;
}

static int walk_seq(struct ctx *c, const node *old, const node *nw, struct fy_node *fy,
		    struct edits *ed)
{
	if (!fy || fy_node_get_type(fy) != FYNT_SEQUENCE ||
	    fy_node_sequence_item_count(fy) != (int)old->seq.n)
		return give_up(c, "the text does not match the document (anchors)");
	size_t n = old->seq.n, m = nw->seq.n;
	int *match = arena_alloc(c->a, (m + 1) * sizeof *match);
	align(c->a, old, nw, match);
	bool *used = arena_alloc(c->a, (n + 1) * sizeof *used);
	size_t matched = 0;
	for (size_t j = 0; j < m; j++)
		if (match[j] >= 0)
			used[match[j]] = true, matched++;
	for (size_t j = 0; j < m; j++)
		if (match[j] >= 0 && walk(c, old->seq.v[match[j]], nw->seq.v[j],
					  fy_node_sequence_get_by_index(fy, match[j]), ed))
			return -1;
	if (matched == n && matched == m)
		return 0;
	if (fy_node_get_style(fy) == FYNS_FLOW || !n)
		return give_up(c, "a flow list changes length");
	struct elem *els = arena_alloc(c->a, n * sizeof *els);
	for (size_t i = 0; i < n; i++)
		if (element_lines(c, fy_node_sequence_get_by_index(fy, (int)i), &els[i]))
			return -1;
	bool *moved = arena_alloc(c->a, n * sizeof *moved);
	for (size_t j = 0; j < m; j++) {
		if (match[j] >= 0)
			continue;
		size_t at = els[n - 1].e;  /* before the next kept element, else at the end */
		for (size_t k = j + 1; k < m; k++)
			if (match[k] >= 0) {
				at = els[match[k]].s;
				break;
			}
		size_t from = n;
		for (size_t i = 0; i < n && from == n; i++)
			if (!used[i] && !moved[i] && same_element(old->seq.v[i], nw->seq.v[j]))
				from = i;
		if (from < n) {
			moved[from] = true;
			if (move_element(c, old->seq.v[from], nw->seq.v[j],
					 fy_node_sequence_get_by_index(fy, (int)from), &els[from], at,
					 ed))
				return -1;
			continue;
		}
		buf b = BUF_INIT;
		if (at == c->len && c->len && c->t[c->len - 1] != '\n')
			buf_addc(&b, '\n');
		if (element_text(c, nw->seq.v[j], els[0].col, &b)) {
			buf_free(&b);
			return -1;
		}
		push_buf(c, ed, at, at, &b);
	}
	for (size_t i = 0; i < n; i++)
		if (!used[i])
			push_edit(c, ed, els[i].s, els[i].e, "", 0);
	return 0;
}

static int walk(struct ctx *c, const node *old, const node *nw, struct fy_node *fy,
		struct edits *ed)
{
	if (yedit_same(old, nw))
		return 0;
	if (node_is_scalar(old) && node_is_scalar(nw))
		return edit_scalar(c, nw, fy, ed);
	if (old->kind == NODE_MAP && nw->kind == NODE_MAP)
		return walk_map(c, old, nw, fy, ed);
	if (old->kind == NODE_SEQ && nw->kind == NODE_SEQ)
		return walk_seq(c, old, nw, fy, ed);
	return give_up(c, "a value changes between scalar, map and list");
}

/* Do lists in this text sit two columns right of their key?  The first
 * "key:" line followed by a "- " line decides; kubectl-written files say
 * no, most hand-written ones yes. */
static bool lists_indented(const char *t, size_t len)
{
	size_t prev_indent = 0;
	bool prev_key = false;
	for (size_t pos = 0; pos < len;) {
		const char *nl = memchr(t + pos, '\n', len - pos);
		size_t l = nl ? (size_t)(nl - t - pos) : len - pos, ind = 0;
		while (ind < l && t[pos + ind] == ' ')
			ind++;
		size_t end = l;
		while (end > ind && t[pos + end - 1] == ' ')
			end--;
		if (end > ind && t[pos + ind] != '#') {
			if (prev_key && t[pos + ind] == '-' && (ind + 1 == end || t[pos + ind + 1] == ' '))
				return ind > prev_indent;
			prev_key = t[pos + end - 1] == ':';
			prev_indent = prev_key && t[pos + ind] == '-' ? ind + 2 : ind;
		}
		pos += l + 1;
	}
	return true;
}

/* The piece edited in place, or -1 with c->why. */
static int edit_in_place(struct ctx *c, const char *path, const node *old, const node *nw,
			 buf *out)
{
	struct fy_parse_cfg cfg = {.flags = FYPCF_QUIET};
	struct fy_document *fyd = fy_document_build_from_string(&cfg, c->t, c->len);
	if (!fyd)
		return give_up(c, "libfyaml cannot read it");
	struct edits ed = {0};
	int rc = walk(c, old, nw, fy_document_root(fyd), &ed);
	if (!rc)
		rc = apply_edits(c, &ed, 0, c->len, out);
	fy_document_destroy(fyd);
	if (rc)
		return -1;
	parse_docs docs;
	err e = ERR_INIT;
	rc = parse_yaml(c->a, path, out->p ? out->p : "", out->len, &docs, &e);
	err_clear(&e);
	if (rc || docs.n != 1 || !yedit_same(docs.v[0], nw))
		return give_up(c, "the edited text did not read back as the new document");
	return 0;
}

/* Leading comment and blank lines of a piece, then the document printed. */
static int reprint(const char *t, size_t len, const node *nw, buf *out, err *e)
{
	size_t pos = 0;
	while (pos < len) {
		const char *nl = memchr(t + pos, '\n', len - pos);
		size_t l = nl ? (size_t)(nl - t - pos) + 1 : len - pos, i = 0;
		while (i < l && (t[pos + i] == ' ' || t[pos + i] == '\t'))
			i++;
		if (i < l && t[pos + i] != '#' && t[pos + i] != '\n')
			break;
		pos += l;
	}
	buf_add(out, t, pos);
	if (pos && t[pos - 1] != '\n')
		buf_addc(out, '\n');
	return emit_doc(out, nw, e);
}

static const char *doc_label(arena *a, const node *d)
{
	const char *kind = node_get_str(d, "kind");
	const char *name = node_get_str(node_get(d, "metadata"), "name");
	return arena_sprintf(a, "%s %s", kind ? kind : "document", name ? name : "(unnamed)");
}

static int render_piece(arena *a, const yedit_file *f, const yedit_piece *p, const node *nw,
			buf *out, buf *notes, err *e)
{
	struct ctx c = {.a = a, .t = f->text + p->start, .len = p->end - p->start};
	c.seq_indented = lists_indented(f->text, f->len);
	buf tmp = BUF_INIT;
	int rc = 0;
	if (p->doc && !edit_in_place(&c, f->path, p->doc, nw, &tmp)) {
		buf_add(out, tmp.p ? tmp.p : "", tmp.len);
	} else {
		rc = reprint(c.t, c.len, nw, out, e);
		if (!rc)
			buf_printf(notes, "%s: %s written anew in kustomize's style (%s); comments "
					  "inside it are gone\n",
				   f->path, doc_label(a, nw), p->doc ? c.why : "it was empty");
	}
	buf_free(&tmp);
	return rc;
}

int yedit_render(arena *a, const yedit_file *f, node *const *docs, buf *out, buf *notes, err *e)
{
	size_t pos = 0;
	for (size_t i = 0; i < f->n; i++) {
		const yedit_piece *p = &f->v[i];
		buf_add(out, f->text + pos, p->start - pos);
		pos = p->end;
		if (!docs[i] || (p->doc && yedit_same(p->doc, docs[i]))) {
			buf_add(out, f->text + p->start, p->end - p->start);
			continue;
		}
		if (render_piece(a, f, p, docs[i], out, notes, e))
			return -1;
	}
	buf_add(out, f->text + pos, f->len - pos);
	return 0;
}
