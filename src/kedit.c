/* kedit.c - text edits of kustomization files; see kedit.h.
 *
 * libfyaml's event stream gives exact marks for scalars and for the first
 * dash of a block list, but block collections end where the next token
 * starts; so the file is read into a small tree whose collections end at
 * their last content byte, and every edit splices whole lines at positions
 * derived from it.
 */
#include "strata/kedit.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libfyaml.h>

#include "strata/arena.h"

typedef enum ykind { Y_SCALAR, Y_SEQ, Y_MAP } ykind;

typedef struct ynode {
	ykind kind;
	bool flow;            /* a flow collection ([...] / {...}) */
	bool empty;           /* a null written as nothing ("key:" alone) */
	int style;            /* enum fy_node_style of a scalar */
	size_t start, end;    /* bytes; end is just past the last content byte */
	size_t close;         /* flow collection: its closing bracket */
	unsigned line, col;   /* of start, 0-based */
	const char *text;     /* scalar value */
	struct ynode **kids;  /* a map's keys and values alternate */
	size_t n, cap;
} ynode;

typedef struct ydoc {
	arena *a;
	const char *src;
	size_t len;
	const char *display;
	ynode *root;          /* NULL for an empty document */
	bool json;            /* the top mapping is a flow one: write JSON */
	bool crlf;            /* lines end in CRLF */
} ydoc;

/* ---- reading ----------------------------------------------------------- */

static void add_kid(ydoc *d, ynode *parent, ynode *kid)
{
	if (parent->n == parent->cap) {
		size_t cap = parent->cap ? parent->cap * 2 : 8;
		parent->kids = arena_grow(d->a, parent->kids, parent->cap * sizeof *parent->kids,
					  cap * sizeof *parent->kids);
		parent->cap = cap;
	}
	parent->kids[parent->n++] = kid;
}

static ynode *new_node(ydoc *d, struct fy_event *ev, ykind kind, ynode *parent)
{
	ynode *y = arena_alloc(d->a, sizeof *y);
	y->kind = kind;
	const struct fy_mark *m = fy_event_start_mark(ev);
	const struct fy_mark *me = fy_event_end_mark(ev);
	if (m && me && !(kind == Y_SCALAR && me->input_pos == 0)) {
		y->start = m->input_pos;
		y->line = (unsigned)m->line;
		y->col = (unsigned)m->column;
		y->end = kind == Y_SCALAR ? me->input_pos : m->input_pos;
	} else if (parent && parent->n) {
		/* An empty scalar has no marks: place it after its key. */
		ynode *prev = parent->kids[parent->n - 1];
		y->start = y->end = prev->end;
		y->line = prev->line;
		y->col = prev->col;
	}
	if (parent)
		add_kid(d, parent, y);
	else
		d->root = y;
	return y;
}

/* libfyaml prints its diagnostics unless told where else they go; they
 * are kept for the message.  (Collecting them as error records leaks in
 * libfyaml 0.7.) */
static void diag_keep(struct fy_diag *diag, void *user, const char *b, size_t len)
{
	(void)diag;
	buf_add(user, b, len);
}

/* The first "...:LINE:COL: error: MSG" of the diagnostics. */
static int parse_error(ydoc *d, const buf *diag, err *e)
{
	const char *at = diag->p ? strstr(diag->p, ": error: ") : NULL;
	if (!at)
		return err_set(e, "%s: invalid YAML; fix the file and try again", d->display);
	const char *msg = at + strlen(": error: ");
	int msglen = (int)strcspn(msg, "\n");
	const char *c = at;
	while (c > diag->p && c[-1] != ':')
		c--;
	const char *l = c > diag->p ? c - 1 : c;
	while (l > diag->p && isdigit((unsigned char)l[-1]))
		l--;
	unsigned line = (unsigned)strtoul(l, NULL, 10), col = (unsigned)strtoul(c, NULL, 10);
	return err_at(e, d->display, line, col, "invalid YAML: %.*s; fix the file and try again",
		      msglen, msg);
}

static int ydoc_read(ydoc *d, const char *text, size_t len, const char *display, err *e)
{
	memset(d, 0, sizeof *d);
	d->a = arena_new();
	d->src = text;
	d->len = len;
	d->display = display;
	struct fy_diag_cfg dcfg;
	fy_diag_cfg_default(&dcfg);
	buf diag = BUF_INIT;
	dcfg.fp = NULL;
	dcfg.output_fn = diag_keep;
	dcfg.user = &diag;
	dcfg.colorize = false;
	dcfg.show_source = false;
	dcfg.show_position = true;
	dcfg.show_type = true;
	struct fy_diag *dg = fy_diag_create(&dcfg);
	struct fy_parse_cfg cfg = {.flags = FYPCF_QUIET, .diag = dg};
	struct fy_parser *p = dg ? fy_parser_create(&cfg) : NULL;
	if (!p || fy_parser_set_string(p, text, len)) {
		if (p)
			fy_parser_destroy(p);
		if (dg)
			fy_diag_unref(dg);
		return err_set(e, "%s: cannot start the YAML parser", display);
	}
	ynode **stack = NULL;
	size_t depth = 0, docs = 0;
	int rc = 0;
	struct fy_event *ev;
	while (!rc && (ev = fy_parser_parse(p))) {
		ynode *top = depth ? stack[depth - 1] : NULL;
		ynode *y;
		switch (ev->type) {
		case FYET_DOCUMENT_START:
			if (++docs > 1)
				rc = err_at(e, display, 0, 0, "holds several YAML documents; a "
					    "kustomization file is one");
			break;
		case FYET_MAPPING_START:
		case FYET_SEQUENCE_START:
			y = new_node(d, ev, ev->type == FYET_MAPPING_START ? Y_MAP : Y_SEQ, top);
			y->flow = fy_event_get_node_style(ev) == FYNS_FLOW;
			stack = realloc(stack, (depth + 1) * sizeof *stack);
			stack[depth++] = y;
			break;
		case FYET_MAPPING_END:
		case FYET_SEQUENCE_END:
			y = stack[--depth];
			if (y->flow && fy_event_start_mark(ev) && fy_event_end_mark(ev)) {
				y->close = fy_event_start_mark(ev)->input_pos;
				y->end = fy_event_end_mark(ev)->input_pos;
			} else {
				for (size_t i = 0; i < y->n; i++)
					if (y->kids[i]->end > y->end)
						y->end = y->kids[i]->end;
			}
			break;
		case FYET_SCALAR:
		case FYET_ALIAS: {
			y = new_node(d, ev, Y_SCALAR, top);
			struct fy_token *tok = ev->type == FYET_SCALAR ? ev->scalar.value
								      : ev->alias.anchor;
			size_t l = 0;
			const char *t = tok ? fy_token_get_text(tok, &l) : NULL;
			y->text = arena_strndup(d->a, t ? t : "", t ? l : 0);
			y->style = ev->type == FYET_SCALAR ? (int)fy_event_get_node_style(ev)
							     : FYNS_ALIAS;
			y->empty = !l && y->style == FYNS_ANY;
			/* Quoted scalars' marks leave the quotes out. */
			if ((y->style == FYNS_SINGLE_QUOTED || y->style == FYNS_DOUBLE_QUOTED) &&
			    y->start > 0 && y->end < len && d->src[y->start - 1] == d->src[y->end] &&
			    strchr("'\"", d->src[y->end])) {
				y->start--;
				y->col--;
				y->end++;
			}
			break;
		}
		default:
			break;
		}
		fy_parser_event_free(p, ev);
	}
	if (!rc && fy_parser_get_stream_error(p))
		rc = parse_error(d, &diag, e);
	buf_free(&diag);
	free(stack);
	fy_parser_destroy(p);
	fy_diag_unref(dg);
	if (!rc && d->root && d->root->kind == Y_SCALAR && d->root->empty)
		d->root = NULL;
	if (!rc && d->root && d->root->kind != Y_MAP)
		rc = err_at(e, display, d->root->line + 1, d->root->col + 1,
			    "expected a mapping of kustomization fields");
	d->json = !rc && d->root && d->root->flow;
	d->crlf = memmem(text, len, "\r\n", 2) != NULL;
	return rc;
}

static void ydoc_free(ydoc *d)
{
	arena_free(d->a);
}

/* The value of a top-level field (kustomize matches field names in any
 * case); key receives the key node. */
static ynode *field(const ydoc *d, const char *name, ynode **key)
{
	ynode *m = d->root;
	for (size_t i = 0; m && i + 1 < m->n; i += 2)
		if (m->kids[i]->kind == Y_SCALAR && !strcasecmp(m->kids[i]->text, name)) {
			if (key)
				*key = m->kids[i];
			return m->kids[i + 1];
		}
	return NULL;
}

static ynode *map_get(const ynode *m, const char *name)
{
	for (size_t i = 0; m->kind == Y_MAP && i + 1 < m->n; i += 2)
		if (m->kids[i]->kind == Y_SCALAR && !strcmp(m->kids[i]->text, name))
			return m->kids[i + 1];
	return NULL;
}

/* ---- paths -------------------------------------------------------------- */

/* p with "." and empty components dropped and ".." folded where it can
 * be; malloc'd. */
static char *norm_path(const char *p)
{
	size_t l = strlen(p);
	char *out = malloc(l + 1);
	size_t o = 0;
	const char *c = p;
	while (*c) {
		const char *end = strchrnul(c, '/');
		size_t cl = (size_t)(end - c);
		if (cl == 0 || (cl == 1 && c[0] == '.')) {
			/* skip */
		} else if (cl == 2 && c[0] == '.' && c[1] == '.' && o &&
			   !(o >= 2 && out[o - 1] == '.' && out[o - 2] == '.' &&
			     (o == 2 || out[o - 3] == '/'))) {
			while (o && out[o - 1] != '/')
				o--;
			if (o)
				o--;
		} else {
			if (o)
				out[o++] = '/';
			memcpy(out + o, c, cl);
			o += cl;
		}
		c = *end ? end + 1 : end;
	}
	out[o] = 0;
	return out;
}

static bool same_path(const char *a, const char *b)
{
	char *x = norm_path(a), *y = norm_path(b);
	bool same = !strcmp(x, y);
	free(x);
	free(y);
	return same;
}

/* Does item (a list entry) reference path in the way field lists do? */
static bool item_refs(const ynode *item, kedit_field f, const char *path)
{
	if (f == KEDIT_STRATEGIC_MERGE)
		return item->kind == Y_SCALAR && same_path(item->text, path);
	if (item->kind != Y_MAP)
		return false;
	const ynode *p = map_get(item, "path");
	return p && p->kind == Y_SCALAR && same_path(p->text, path);
}

static const struct {
	kedit_field f;
	const char *name;
} lists[] = {
	{KEDIT_PATCHES, "patches"},
	{KEDIT_STRATEGIC_MERGE, "patchesStrategicMerge"},
	{KEDIT_JSON6902, "patchesJson6902"},
};

/* ---- text positions ----------------------------------------------------- */

static size_t line_begin(const ydoc *d, size_t pos)
{
	while (pos > 0 && d->src[pos - 1] != '\n')
		pos--;
	return pos;
}

/* A block scalar with keep chomping (|+) owns its trailing blank lines. */
static bool keeps_trailing(const ydoc *d, const ynode *y)
{
	if (y->kind != Y_SCALAR || (y->style != FYNS_LITERAL && y->style != FYNS_FOLDED))
		return false;
	size_t hdr_end = line_begin(d, y->start);
	size_t hdr = line_begin(d, hdr_end ? hdr_end - 1 : 0);
	for (size_t i = hdr; i < hdr_end; i++)
		if ((d->src[i] == '|' || d->src[i] == '>') && i + 1 < hdr_end &&
		    (d->src[i + 1] == '+' || (isdigit((unsigned char)d->src[i + 1]) && i + 2 < hdr_end &&
					      d->src[i + 2] == '+')))
			return true;
	return false;
}

static const ynode *last_leaf(const ynode *y)
{
	while (y->kind != Y_SCALAR && !y->flow && y->n)
		y = y->kids[y->n - 1];
	return y;
}

/* Just past the last byte that belongs to y: trailing blank lines of a
 * block scalar belong to what follows, unless it keeps them. */
static size_t content_end(const ydoc *d, const ynode *y)
{
	size_t end = y->end;
	if (keeps_trailing(d, last_leaf(y)))
		return end;
	while (end > y->start && strchr(" \t\r\n", d->src[end - 1]))
		end--;
	return end;
}

/* The start of the line after the one holding pos - 1 (the line's comment
 * goes with it). */
static size_t next_line(const ydoc *d, size_t pos)
{
	if (pos > 0 && d->src[pos - 1] == '\n')
		return pos;
	while (pos < d->len && d->src[pos] != '\n')
		pos++;
	return pos < d->len ? pos + 1 : pos;
}

/* The dash that starts block list entry item. */
static size_t dash_of(const ydoc *d, const ynode *item)
{
	size_t p = item->start;
	while (p > 0 && strchr(" \t\r\n", d->src[p - 1]))
		p--;
	return p > 0 && d->src[p - 1] == '-' ? p - 1 : item->start;
}

/* ---- writing ------------------------------------------------------------ */

static void put_dq(buf *b, const char *s)
{
	buf_addc(b, '"');
	for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
		if (*c == '"' || *c == '\\')
			buf_printf(b, "\\%c", *c);
		else if (*c == '\n')
			buf_adds(b, "\\n");
		else if (*c == '\t')
			buf_adds(b, "\\t");
		else if (*c < 0x20 || *c == 0x7f)
			buf_printf(b, "\\x%02x", *c);
		else
			buf_addc(b, (char)*c);
	}
	buf_addc(b, '"');
}

/* Would a plain scalar s read back as something other than the string s
 * (YAML 1.1 or 1.2)? */
static bool plain_is_not_string(const char *s)
{
	static const char *const words[] = {"true", "false", "yes", "no", "on", "off", "y", "n",
					    "null", "~", ".inf", "-.inf", "+.inf", ".nan"};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (!strcasecmp(s, words[i]))
			return true;
	char *end;
	strtod(s, &end);
	return end != s && *end == 0;
}

static bool needs_quotes(const char *s, bool flow)
{
	if (!*s || isspace((unsigned char)s[0]) || isspace((unsigned char)s[strlen(s) - 1]))
		return true;
	if (strchr("!&*-?:,[]{}#|>@`\"'%", s[0]) && !(s[0] == '-' && s[1] && s[1] != ' '))
		return true;
	if (strstr(s, ": ") || strstr(s, " #") || s[strlen(s) - 1] == ':')
		return true;
	for (const unsigned char *c = (const unsigned char *)s; *c; c++)
		if (*c < 0x20 || *c == 0x7f || (flow && strchr(",[]{}", *c)))
			return true;
	return plain_is_not_string(s);
}

static void put_string(const ydoc *d, buf *b, const char *s, bool flow)
{
	if (d->json || needs_quotes(s, flow))
		put_dq(b, s);
	else
		buf_adds(b, s);
}

/* A copied scalar as written (see kedit_attr), in the context at hand. */
static void put_raw(const ydoc *d, buf *b, const char *raw, bool flow)
{
	if (!d->json && !(flow && raw[0] != '"' && raw[0] != '\'' && strpbrk(raw, ",[]{}"))) {
		buf_adds(b, raw);
		return;
	}
	if (raw[0] == '"') {
		buf_adds(b, raw);
	} else if (raw[0] == '\'') {
		buf v = BUF_INIT;
		for (const char *c = raw + 1; *c && !(c[0] == '\'' && c[1] != '\''); c++) {
			buf_addc(&v, *c);
			if (c[0] == '\'')
				c++;
		}
		put_dq(b, v.p ? v.p : "");
		buf_free(&v);
	} else if (d->json && plain_is_not_string(raw)) {
		buf_adds(b, raw);
	} else {
		put_dq(b, raw);
	}
}

static void put_key(const ydoc *d, buf *b, const char *k)
{
	if (d->json)
		put_dq(b, k);
	else
		buf_adds(b, k);
}

/* What is added: a string entry, or a patch entry (path plus attrs). */
typedef struct newitem {
	const char *scalar;
	const char *path;
	const kedit_attr *attrs;
	size_t nattrs;
} newitem;

static void put_flow_attrs(const ydoc *d, buf *b, const kedit_attr *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		buf_adds(b, ", ");
		put_key(d, b, v[i].key);
		buf_adds(b, ": ");
		if (v[i].value) {
			put_raw(d, b, v[i].value, true);
			continue;
		}
		buf_addc(b, '{');
		for (size_t j = 0; j < v[i].nsub; j++) {
			if (j)
				buf_adds(b, ", ");
			put_key(d, b, v[i].sub[j].key);
			buf_adds(b, ": ");
			put_raw(d, b, v[i].sub[j].value ? v[i].sub[j].value : "null", true);
		}
		buf_addc(b, '}');
	}
}

static void put_flow_item(const ydoc *d, buf *b, const newitem *it)
{
	if (it->scalar) {
		put_string(d, b, it->scalar, true);
		return;
	}
	buf_addc(b, '{');
	put_key(d, b, "path");
	buf_adds(b, ": ");
	put_string(d, b, it->path, true);
	put_flow_attrs(d, b, it->attrs, it->nattrs);
	buf_addc(b, '}');
}

static void indent(buf *b, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		buf_addc(b, ' ');
}

/* Block style: the dash at column dash, the content gap columns after it,
 * nested mappings step columns deeper. */
static void put_block_item(const ydoc *d, buf *b, const newitem *it, unsigned dash, unsigned gap,
			   unsigned step)
{
	indent(b, dash);
	buf_addc(b, '-');
	indent(b, gap - 1);
	if (it->scalar) {
		put_string(d, b, it->scalar, false);
		buf_addc(b, '\n');
		return;
	}
	buf_adds(b, "path: ");
	put_string(d, b, it->path, false);
	buf_addc(b, '\n');
	for (size_t i = 0; i < it->nattrs; i++) {
		const kedit_attr *a = &it->attrs[i];
		indent(b, dash + gap);
		buf_adds(b, a->key);
		buf_addc(b, ':');
		if (a->value) {
			buf_addc(b, ' ');
			put_raw(d, b, a->value, false);
			buf_addc(b, '\n');
			continue;
		}
		buf_addc(b, '\n');
		for (size_t j = 0; j < a->nsub; j++) {
			indent(b, dash + gap + step);
			buf_adds(b, a->sub[j].key);
			buf_adds(b, ": ");
			put_raw(d, b, a->sub[j].value ? a->sub[j].value : "null", false);
			buf_addc(b, '\n');
		}
	}
}

/* ---- the file's own style ------------------------------------------------ */

/* How far a block mapping nested in another is indented (2 by default). */
static unsigned map_step(const ynode *y)
{
	if (!y || y->flow || y->kind == Y_SCALAR)
		return 0;
	for (size_t i = 0; i < y->n; i++) {
		const ynode *k = y->kids[i];
		if (y->kind == Y_MAP && i % 2 == 1 && k->kind == Y_MAP && !k->flow &&
		    k->col > y->kids[i - 1]->col && k->line > y->kids[i - 1]->line)
			return k->col - y->kids[i - 1]->col;
		unsigned s = map_step(k);
		if (s)
			return s;
	}
	return 0;
}

/* How a block list under a top-level key is indented: dash column relative
 * to the key, and the gap from dash to content. */
static void list_style(const ydoc *d, unsigned *dash, unsigned *gap)
{
	*dash = 2;
	*gap = 2;
	const ynode *m = d->root;
	for (size_t i = 1; m && i < m->n; i += 2) {
		const ynode *v = m->kids[i];
		if (v->kind == Y_SEQ && !v->flow && v->n && v->col >= m->kids[i - 1]->col) {
			*dash = v->col - m->kids[i - 1]->col;
			if (v->kids[0]->line == v->line && v->kids[0]->col > v->col)
				*gap = v->kids[0]->col - v->col;
			return;
		}
	}
}

/* ---- edits ---------------------------------------------------------------- */

/* New lines end like the file's own: a file written on Windows keeps
 * CRLF throughout. */
static void add_lines(const ydoc *d, buf *out, const buf *ins)
{
	if (!d->crlf) {
		buf_add(out, ins->p, ins->len);
		return;
	}
	for (size_t i = 0; i < ins->len; i++) {
		if (ins->p[i] == '\n' && (i == 0 || ins->p[i - 1] != '\r'))
			buf_addc(out, '\r');
		buf_addc(out, ins->p[i]);
	}
}

static void splice(const ydoc *d, buf *out, size_t at, const buf *ins)
{
	buf_add(out, d->src, at);
	add_lines(d, out, ins);
	buf_add(out, d->src + at, d->len - at);
}

static int add_to_list(ydoc *d, const char *name, const newitem *it, buf *out, err *e)
{
	unsigned step = map_step(d->root);
	if (!step)
		step = 2;
	unsigned dash, gap;
	list_style(d, &dash, &gap);
	ynode *key = NULL;
	ynode *v = field(d, name, &key);
	buf ins = BUF_INIT;
	size_t at;
	if (d->root && d->root->flow && (!v || v->empty)) {
		if (v)
			return err_at(e, d->display, key->line + 1, key->col + 1,
				      "%s has no value; write [] there first", name);
		at = d->root->n ? d->root->kids[d->root->n - 1]->end : d->root->close;
		if (d->root->n)
			buf_adds(&ins, ", ");
		put_key(d, &ins, name);
		buf_adds(&ins, ": [");
		put_flow_item(d, &ins, it);
		buf_addc(&ins, ']');
	} else if (!v) {
		at = d->len;
		if (d->len && d->src[d->len - 1] != '\n')
			buf_addc(&ins, '\n');
		unsigned kcol = d->root ? d->root->col : 0;
		indent(&ins, kcol);
		buf_printf(&ins, "%s:\n", name);
		put_block_item(d, &ins, it, kcol + dash, gap, step);
	} else if (v->kind == Y_SCALAR && (v->empty || (v->style == FYNS_PLAIN &&
							 (!strcmp(v->text, "~") ||
							  !strcasecmp(v->text, "null"))))) {
		/* "patches:" or "patches: null": the list goes on the lines below. */
		size_t cut = v->start, resume = v->end;
		while (!v->empty && cut > key->end && d->src[cut - 1] == ' ')
			cut--;
		at = next_line(d, v->empty ? key->end : v->end);
		if (at == d->len && d->len && d->src[d->len - 1] != '\n')
			buf_addc(&ins, '\n');
		put_block_item(d, &ins, it, key->col + dash, gap, step);
		buf_add(out, d->src, cut);
		buf_add(out, d->src + resume, at - resume);
		add_lines(d, out, &ins);
		buf_add(out, d->src + at, d->len - at);
		buf_free(&ins);
		return 0;
	} else if (v->kind != Y_SEQ) {
		return err_at(e, d->display, v->line + 1, v->col + 1,
			      "%s must be a list; fix it and try again", name);
	} else if (v->flow) {
		if (v->n) {
			at = v->kids[v->n - 1]->end;
			buf_adds(&ins, ", ");
		} else {
			at = v->close;
		}
		put_flow_item(d, &ins, it);
	} else {
		const ynode *first = v->kids[0];
		unsigned g = first->line == v->line && first->col > v->col ? first->col - v->col : gap;
		at = next_line(d, content_end(d, v->kids[v->n - 1]));
		if (at == d->len && d->len && d->src[d->len - 1] != '\n')
			buf_addc(&ins, '\n');
		put_block_item(d, &ins, it, v->col, g, step);
	}
	splice(d, out, at, &ins);
	buf_free(&ins);
	return 0;
}

int kedit_add_resource(const char *text, size_t len, const char *display, const char *entry,
		       buf *out, err *e)
{
	ydoc d;
	int rc = ydoc_read(&d, text, len, display, e);
	if (!rc) {
		newitem it = {.scalar = entry};
		rc = add_to_list(&d, "resources", &it, out, e);
	}
	ydoc_free(&d);
	return rc;
}

int kedit_add_patch(const char *text, size_t len, const char *display, const char *path,
		    const kedit_ref *like, buf *out, err *e)
{
	ydoc d;
	int rc = ydoc_read(&d, text, len, display, e);
	if (!rc) {
		newitem it = {.path = path};
		if (like) {
			it.attrs = like->attrs;
			it.nattrs = like->nattrs;
		}
		rc = add_to_list(&d, "patches", &it, out, e);
	}
	ydoc_free(&d);
	return rc;
}

/* A scalar as kedit_attr keeps it: as written when on one line. */
static char *attr_value(const ydoc *d, const ynode *y)
{
	const char *raw = d->src + y->start;
	size_t l = y->end - y->start;
	if (!y->empty && !memchr(raw, '\n', l) && y->style != FYNS_LITERAL &&
	    y->style != FYNS_FOLDED && y->style != FYNS_ALIAS)
		return strndup(raw, l);
	buf b = BUF_INIT;
	if (y->empty)
		buf_adds(&b, "null");
	else
		put_dq(&b, y->text);
	return buf_detach(&b, NULL);
}

static int copy_attrs(const ydoc *d, const ynode *item, kedit_ref *out, err *e)
{
	if (item->kind != Y_MAP)
		return 0;
	for (size_t i = 0; i + 1 < item->n; i += 2) {
		const ynode *k = item->kids[i], *v = item->kids[i + 1];
		if (k->kind != Y_SCALAR || !strcmp(k->text, "path"))
			continue;
		out->attrs = realloc(out->attrs, (out->nattrs + 1) * sizeof *out->attrs);
		kedit_attr *a = &out->attrs[out->nattrs++];
		memset(a, 0, sizeof *a);
		a->key = strdup(k->text);
		if (v->kind == Y_SCALAR) {
			a->value = attr_value(d, v);
			continue;
		}
		if (v->kind != Y_MAP)
			return err_at(e, d->display, v->line + 1, v->col + 1,
				      "%s of this entry is a list; strata copies only scalar "
				      "fields and mappings of scalars", k->text);
		a->sub = calloc(v->n / 2 + 1, sizeof *a->sub);
		for (size_t j = 0; j + 1 < v->n; j += 2) {
			const ynode *sk = v->kids[j], *sv = v->kids[j + 1];
			if (sk->kind != Y_SCALAR || sv->kind != Y_SCALAR)
				return err_at(e, d->display, sv->line + 1, sv->col + 1,
					      "%s.%s of this entry is not a scalar; strata copies "
					      "only scalar fields and mappings of scalars", k->text,
					      sk->text);
			a->sub[a->nsub].key = strdup(sk->text);
			a->sub[a->nsub++].value = attr_value(d, sv);
		}
	}
	return 0;
}

static void free_attrs(kedit_attr *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].key);
		free(v[i].value);
		free_attrs(v[i].sub, v[i].nsub);
	}
	free(v);
}

void kedit_ref_free(kedit_ref *r)
{
	free_attrs(r->attrs, r->nattrs);
	memset(r, 0, sizeof *r);
}

int kedit_find_patch(const char *text, size_t len, const char *display, const char *path,
		     kedit_ref *out, err *e)
{
	memset(out, 0, sizeof *out);
	ydoc d;
	int rc = ydoc_read(&d, text, len, display, e);
	for (size_t l = 0; !rc && !out->field && l < sizeof lists / sizeof lists[0]; l++) {
		const ynode *v = field(&d, lists[l].name, NULL);
		for (size_t i = 0; v && v->kind == Y_SEQ && i < v->n; i++) {
			const ynode *item = v->kids[i];
			if (!item_refs(item, lists[l].f, path))
				continue;
			out->field = lists[l].f;
			out->line = item->line + 1;
			out->col = item->col + 1;
			rc = copy_attrs(&d, item, out, e);
			break;
		}
	}
	if (rc)
		kedit_ref_free(out);
	ydoc_free(&d);
	return rc;
}

int kedit_references(const char *text, size_t len, const char *display, const char *path,
		     bool *out, err *e)
{
	kedit_ref r;
	if (kedit_find_patch(text, len, display, path, &r, e))
		return -1;
	*out = r.field != KEDIT_NONE;
	kedit_ref_free(&r);
	return 0;
}

typedef struct span {
	size_t from, to;
} span;

static int cmp_span(const void *x, const void *y)
{
	const span *a = x, *b = y;
	return a->from < b->from ? -1 : a->from > b->from;
}

/* The bytes that go with a flow list entry: it and one comma beside it. */
static span flow_span(const ydoc *d, const ynode *item)
{
	span s = {item->start, item->end};
	size_t p = s.to;
	while (p < d->len && strchr(" \t\r\n", d->src[p]))
		p++;
	if (p < d->len && d->src[p] == ',') {
		s.to = p + 1;
		while (s.to < d->len && strchr(" \t", d->src[s.to]))
			s.to++;
		return s;
	}
	p = s.from;
	while (p > 0 && strchr(" \t\r\n", d->src[p - 1]))
		p--;
	if (p > 0 && d->src[p - 1] == ',')
		s.from = p - 1;
	return s;
}

int kedit_remove_patch(const char *text, size_t len, const char *display, const char *path,
		       buf *out, err *e)
{
	ydoc d;
	if (ydoc_read(&d, text, len, display, e)) {
		ydoc_free(&d);
		return -1;
	}
	span *cut = NULL;
	size_t ncut = 0;
	int removed = 0;
	for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++) {
		ynode *key = NULL;
		const ynode *v = field(&d, lists[l].name, &key);
		if (!v || v->kind != Y_SEQ)
			continue;
		size_t hits = 0;
		for (size_t i = 0; i < v->n; i++)
			hits += item_refs(v->kids[i], lists[l].f, path);
		if (!hits)
			continue;
		removed += (int)hits;
		cut = realloc(cut, (ncut + v->n + 1) * sizeof *cut);
		if (!v->flow && hits == v->n) {
			cut[ncut++] = (span){line_begin(&d, key->start), next_line(&d, content_end(&d, v))};
			continue;
		}
		for (size_t i = 0; i < v->n; i++) {
			const ynode *item = v->kids[i];
			if (!item_refs(item, lists[l].f, path))
				continue;
			cut[ncut++] = v->flow ? flow_span(&d, item)
					      : (span){line_begin(&d, dash_of(&d, item)),
						       next_line(&d, content_end(&d, item))};
		}
	}
	if (ncut)
		qsort(cut, ncut, sizeof *cut, cmp_span);
	size_t pos = 0;
	for (size_t i = 0; i < ncut; i++) {
		if (cut[i].from > pos)
			buf_add(out, text + pos, cut[i].from - pos);
		if (cut[i].to > pos)
			pos = cut[i].to;
	}
	buf_add(out, text + pos, len - pos);
	if (!out->p)
		buf_adds(out, "");
	free(cut);
	ydoc_free(&d);
	return removed;
}
