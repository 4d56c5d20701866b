/* patch_json.c - RFC 6902 patches with json-patch v4.12.0's semantics.
 *
 * json-patch works on raw JSON: a scalar is compared by its JSON text, not
 * its value (`test` of 1.0 against 1 fails when the patch is JSON text, but
 * not when it is YAML, which go-yaml v2 and encoding/json respell as 1).
 * So the resource and the op values are held here in a "raw" node form
 * whose scalars are JSON tokens: NODE_STR holds a string token with its
 * quotes and escapes, NODE_FLOAT a number token, NODE_BOOL and NODE_NULL
 * their literals; map keys hold the decoded names.  The resource enters
 * that form as kyaml's MarshalJSON would write it, and leaves it as
 * UnmarshalJSON reads it back (every number a float64).  Only what the
 * ops walk is actually made raw (NODE_F_RAWJSON marks it); the rest of the
 * resource is read back as if it had made the trip, and kept as it is
 * where the trip would not change it.
 */
#include "strata/patch_json.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strata/buf.h"
#include "strata/json.h"
#include "strata/limits.h"
#include "strata/parse.h"
#include "strata/scalar.h"
#include "strata/utf8.h"

/* ------------------------------------------------------------------ */
/* Raw form helpers */

static node *raw_token(arena *a, node_kind kind, const char *s, size_t len, const node *pos)
{
	node *n = node_scalar(a, kind, s, len);
	node_set_pos(n, pos);
	n->flags |= NODE_F_RAWJSON;
	return n;
}

/* A patched resource is raw only where ops went; the rest is still the
 * resource's own nodes, which are never changed here. */
static bool is_raw(const node *n)
{
	return n->flags & NODE_F_RAWJSON;
}

static void mark_raw(node *n)
{
	n->flags |= NODE_F_RAWJSON;
	if (n->kind == NODE_SEQ)
		for (uint32_t i = 0; i < n->seq.n; i++)
			mark_raw(n->seq.v[i]);
	else if (n->kind == NODE_MAP)
		for (uint32_t i = 0; i < n->map.n; i++)
			mark_raw(n->map.v[i].val);
}

static node *raw_null(arena *a, const node *pos)
{
	return raw_token(a, NODE_NULL, "null", 4, pos);
}

/* Kind of a raw node made from the token encoding/json wrote. */
static node_kind token_kind(const char *t)
{
	if (t[0] == '"')
		return NODE_STR;
	if (t[0] == 'n')
		return NODE_NULL;
	if (t[0] == 't' || t[0] == 'f')
		return NODE_BOOL;
	return NODE_FLOAT;
}

static node *raw_from_token(arena *a, const buf *t, const node *pos)
{
	return raw_token(a, token_kind(t->p), t->p, t->len, pos);
}

static node_pair *map_findn(const node *m, const char *k, size_t kl)
{
	for (uint32_t i = 0; i < m->map.n; i++) {
		const node *key = m->map.v[i].key;
		if (key->str.len == kl && memcmp(key->str.s, k, kl) == 0)
			return &m->map.v[i];
	}
	return NULL;
}

/* Go maps keep the last of duplicate keys. */
static void map_put(arena *a, node *m, node *key, node *val)
{
	node_pair *p = map_findn(m, key->str.s, key->str.len);
	if (p)
		p->val = val;
	else
		node_append(a, m, key, val);
}

static void seq_insert(arena *a, node *s, uint32_t at, node *v)
{
	node_push(a, s, v);
	memmove(&s->seq.v[at + 1], &s->seq.v[at], (s->seq.n - 1 - at) * sizeof(node *));
	s->seq.v[at] = v;
}

static void utf8_put(buf *out, uint32_t cp)
{
	char b[4];
	size_t n;
	if (cp < 0x80) {
		b[0] = (char)cp, n = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6)), b[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
	} else if (cp < 0x10000) {
		b[0] = (char)(0xE0 | (cp >> 12)), b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F)), n = 3;
	} else {
		b[0] = (char)(0xF0 | (cp >> 18)), b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), b[3] = (char)(0x80 | (cp & 0x3F)), n = 4;
	}
	buf_add(out, b, n);
}

static int hex4(const char *s, size_t len, size_t i, uint32_t *out)
{
	if (i + 4 > len)
		return -1;
	uint32_t v = 0;
	for (size_t k = i; k < i + 4; k++) {
		int c = (unsigned char)s[k];
		int d = isdigit(c) ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10
			: (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
		if (d < 0)
			return -1;
		v = v * 16 + (uint32_t)d;
	}
	*out = v;
	return 0;
}

/* The contents of a (validated) JSON string token, as encoding/json
 * decodes it: bad UTF-8 and unpaired surrogates become U+FFFD. */
static void unquote(buf *out, const char *s, size_t len)
{
	size_t i = 1, end = len - 1;
	while (i < end) {
		/* ASCII without escapes, most of every token, a run at a time. */
		size_t run = i;
		while (run < end && (unsigned char)s[run] < 0x80 && s[run] != '\\')
			run++;
		if (run > i) {
			buf_add(out, s + i, run - i);
			i = run;
			continue;
		}
		unsigned char c = (unsigned char)s[i];
		if (c != '\\') {
			size_t n = utf8_seq((const unsigned char *)s + i, end - i, &(uint32_t){0});
			if (n == 0) {
				utf8_put(out, 0xFFFD);
				i++;
			} else {
				buf_add(out, s + i, n);
				i += n;
			}
			continue;
		}
		char x = s[i + 1];
		i += 2;
		switch (x) {
		case 'b': buf_addc(out, '\b'); break;
		case 'f': buf_addc(out, '\f'); break;
		case 'n': buf_addc(out, '\n'); break;
		case 'r': buf_addc(out, '\r'); break;
		case 't': buf_addc(out, '\t'); break;
		case 'u': {
			uint32_t cp = 0, lo;
			hex4(s, end, i, &cp);
			i += 4;
			if (cp >= 0xD800 && cp <= 0xDFFF) {
				if (cp < 0xDC00 && i + 1 < end && s[i] == '\\' && s[i + 1] == 'u' &&
				    hex4(s, end, i + 2, &lo) == 0 && lo >= 0xDC00 && lo <= 0xDFFF) {
					cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
					i += 6;
				} else {
					cp = 0xFFFD;
				}
			}
			utf8_put(out, cp);
			break;
		}
		default: buf_addc(out, x); break;
		}
	}
}

/* ------------------------------------------------------------------ */
/* JSON patch text -> raw form (encoding/json's grammar) */

typedef struct jp {
	arena *a;
	const char *file;
	const char *s;
	size_t len, i, depth;
	uint32_t line, col;
	err *e;
} jp;

static void jp_step(jp *p)
{
	unsigned char c = (unsigned char)p->s[p->i++];
	if (c == '\n')
		p->line++, p->col = 1;
	else if ((c & 0xC0) != 0x80)
		p->col++;
}

static void jp_ws(jp *p)
{
	while (p->i < p->len && strchr(" \t\r\n", p->s[p->i]) && p->s[p->i])
		jp_step(p);
}

static int jp_fail(jp *p, const char *what)
{
	if (p->i >= p->len)
		return err_at(p->e, p->file, p->line, p->col,
			      "invalid JSON patch: unexpected end of JSON input");
	unsigned char c = (unsigned char)p->s[p->i];
	if (c >= 0x20 && c < 0x7f)
		return err_at(p->e, p->file, p->line, p->col,
			      "invalid JSON patch: invalid character '%c' %s", c, what);
	return err_at(p->e, p->file, p->line, p->col,
		      "invalid JSON patch: invalid character 0x%02x %s", c, what);
}

static node *jp_pos(jp *p, node *n, uint32_t line, uint32_t col)
{
	n->file = p->file;
	n->line = line;
	n->col = col;
	return n;
}

static node *jp_value(jp *p);

static int jp_string_token(jp *p, size_t *start)
{
	*start = p->i;
	jp_step(p);
	while (p->i < p->len) {
		unsigned char c = (unsigned char)p->s[p->i];
		if (c == '"') {
			jp_step(p);
			return 0;
		}
		if (c < 0x20)
			return jp_fail(p, "in string literal");
		if (c == '\\') {
			jp_step(p);
			if (p->i >= p->len)
				break;
			char x = p->s[p->i];
			if (x == 'u') {
				uint32_t cp;
				if (hex4(p->s, p->len, p->i + 1, &cp)) {
					jp_step(p);
					return jp_fail(p, "in \\u hexadecimal character escape");
				}
				for (int k = 0; k < 5; k++)
					jp_step(p);
				continue;
			}
			if (!strchr("\"\\/bfnrt", x) || !x)
				return jp_fail(p, "in string escape code");
		}
		jp_step(p);
	}
	return jp_fail(p, "in string literal");
}

static int jp_digits(jp *p)
{
	size_t s = p->i;
	while (p->i < p->len && isdigit((unsigned char)p->s[p->i]))
		jp_step(p);
	return p->i > s ? 0 : -1;
}

static node *jp_number(jp *p, uint32_t line, uint32_t col)
{
	size_t start = p->i;
	if (p->s[p->i] == '-')
		jp_step(p);
	if (p->i < p->len && p->s[p->i] == '0')
		jp_step(p);
	else if (jp_digits(p)) {
		jp_fail(p, "in numeric literal");
		return NULL;
	}
	if (p->i < p->len && p->s[p->i] == '.') {
		jp_step(p);
		if (jp_digits(p)) {
			jp_fail(p, "after decimal point in numeric literal");
			return NULL;
		}
	}
	if (p->i < p->len && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
		jp_step(p);
		if (p->i < p->len && (p->s[p->i] == '+' || p->s[p->i] == '-'))
			jp_step(p);
		if (jp_digits(p)) {
			jp_fail(p, "in exponent of numeric literal");
			return NULL;
		}
	}
	node *n = node_scalar(p->a, NODE_FLOAT, p->s + start, p->i - start);
	return jp_pos(p, n, line, col);
}

static node *jp_literal(jp *p, uint32_t line, uint32_t col)
{
	static const struct {
		const char *w;
		node_kind k;
	} lits[] = {{"true", NODE_BOOL}, {"false", NODE_BOOL}, {"null", NODE_NULL}};
	for (size_t i = 0; i < 3; i++) {
		size_t wl = strlen(lits[i].w);
		if (p->s[p->i] != lits[i].w[0])
			continue;
		for (size_t k = 0; k < wl; k++) {
			if (p->i >= p->len || p->s[p->i] != lits[i].w[k]) {
				jp_fail(p, "in literal (expecting a JSON literal)");
				return NULL;
			}
			jp_step(p);
		}
		node *n = node_scalar(p->a, lits[i].k, lits[i].w, wl);
		return jp_pos(p, n, line, col);
	}
	jp_fail(p, "looking for beginning of value");
	return NULL;
}

static node *jp_object(jp *p, uint32_t line, uint32_t col)
{
	node *m = jp_pos(p, node_map(p->a), line, col);
	jp_step(p);
	jp_ws(p);
	if (p->i < p->len && p->s[p->i] == '}') {
		jp_step(p);
		return m;
	}
	for (;;) {
		jp_ws(p);
		if (p->i >= p->len || p->s[p->i] != '"') {
			jp_fail(p, "looking for beginning of object key string");
			return NULL;
		}
		uint32_t kl = p->line, kc = p->col;
		size_t ks;
		if (jp_string_token(p, &ks))
			return NULL;
		buf k = BUF_INIT;
		unquote(&k, p->s + ks, p->i - ks);
		node *key = jp_pos(p, node_strn(p->a, k.p ? k.p : "", k.len), kl, kc);
		buf_free(&k);
		jp_ws(p);
		if (p->i >= p->len || p->s[p->i] != ':') {
			jp_fail(p, "after object key");
			return NULL;
		}
		jp_step(p);
		node *v = jp_value(p);
		if (!v)
			return NULL;
		map_put(p->a, m, key, v);
		jp_ws(p);
		if (p->i < p->len && p->s[p->i] == ',') {
			jp_step(p);
			continue;
		}
		if (p->i < p->len && p->s[p->i] == '}') {
			jp_step(p);
			return m;
		}
		jp_fail(p, "after object key:value pair");
		return NULL;
	}
}

static node *jp_array(jp *p, uint32_t line, uint32_t col)
{
	node *s = jp_pos(p, node_seq(p->a), line, col);
	jp_step(p);
	jp_ws(p);
	if (p->i < p->len && p->s[p->i] == ']') {
		jp_step(p);
		return s;
	}
	for (;;) {
		node *v = jp_value(p);
		if (!v)
			return NULL;
		node_push(p->a, s, v);
		jp_ws(p);
		if (p->i < p->len && p->s[p->i] == ',') {
			jp_step(p);
			continue;
		}
		if (p->i < p->len && p->s[p->i] == ']') {
			jp_step(p);
			return s;
		}
		jp_fail(p, "after array element");
		return NULL;
	}
}

static node *jp_value(jp *p)
{
	jp_ws(p);
	if (p->i >= p->len) {
		jp_fail(p, "");
		return NULL;
	}
	uint32_t line = p->line, col = p->col;
	char c = p->s[p->i];
	if (c == '{' || c == '[') {
		if (++p->depth > parse_default_limits.max_depth) {
			err_at(p->e, p->file, line, col, "invalid JSON patch: nested too deeply");
			return NULL;
		}
		node *n = c == '{' ? jp_object(p, line, col) : jp_array(p, line, col);
		p->depth--;
		return n;
	}
	if (c == '"') {
		size_t start;
		if (jp_string_token(p, &start))
			return NULL;
		node *n = node_scalar(p->a, NODE_STR, p->s + start, p->i - start);
		return jp_pos(p, n, line, col);
	}
	if (c == '-' || isdigit((unsigned char)c))
		return jp_number(p, line, col);
	return jp_literal(p, line, col);
}

static const char *raw_type_name(const node *n)
{
	switch (n->kind) {
	case NODE_MAP: return "object";
	case NODE_SEQ: return "array";
	case NODE_STR: return "string";
	case NODE_BOOL: return "bool";
	default: return "number";
	}
}

/* DecodePatch: a list of objects; a null element is an op without fields. */
static int ops_from_list(arena *a, const char *file, node *list, node **ops, err *e)
{
	if (list->kind == NODE_NULL) {
		*ops = node_seq(a);
		return 0;
	}
	if (list->kind != NODE_SEQ)
		return err_at(e, file, list->line, list->col,
			      "json: cannot unmarshal %s into Go value of type jsonpatch.Patch",
			      raw_type_name(list));
	for (uint32_t i = 0; i < list->seq.n; i++) {
		node *op = list->seq.v[i];
		if (op->kind == NODE_NULL) {
			node *m = node_map(a);
			node_set_pos(m, op);
			list->seq.v[i] = m;
		} else if (op->kind != NODE_MAP) {
			return err_at(e, file, op->line, op->col,
				      "json: cannot unmarshal %s into Go value of type "
				      "jsonpatch.Operation",
				      raw_type_name(op));
		}
	}
	mark_raw(list);
	*ops = list;
	return 0;
}

static int parse_json_text(arena *a, const char *file, const char *text, size_t len,
			   node **ops, err *e)
{
	jp p = {.a = a, .file = file, .s = text, .len = len, .line = 1, .col = 1, .e = e};
	node *v = jp_value(&p);
	if (!v)
		return -1;
	jp_ws(&p);
	if (p.i < p.len)
		return jp_fail(&p, "after top-level value");
	return ops_from_list(a, file, v, ops, e);
}

/* ------------------------------------------------------------------ */
/* YAML patch values -> raw form (go-yaml v2 typing, then encoding/json) */

static int yaml_fail(err *e, const node *n, const char *msg)
{
	return err_at(e, n->file, n->line, n->col, "%s", msg);
}

/* The YAML 1.1 type of a scalar read by parse_yaml. */
static scalar_type yaml_v2_type(const node *n)
{
	switch (n->kind) {
	case NODE_NULL: return SCALAR_NULL;
	case NODE_BOOL: return SCALAR_BOOL;
	case NODE_STR:
		if (n->flags & NODE_F_QUOTED)
			return SCALAR_STR;
		return scalar_resolve_v2(n->str.s, n->str.len);
	default: {
		scalar_type t = scalar_resolve_v2(n->str.s, n->str.len);
		return t == SCALAR_INT ? SCALAR_INT : SCALAR_FLOAT;
	}
	}
}

/* A YAML float as Go's float64: ok, inf/nan (rejected by encoding/json) or
 * out of range (go-yaml then keeps the text as a string). */
static int yaml_float(const node *n, double *d, err *e)
{
	const char *name = json_special_float(n->str.s, n->str.len);
	if (name) {
		char msg[64];
		snprintf(msg, sizeof msg, "json: unsupported value: %s", name);
		return yaml_fail(e, n, msg);
	}
	buf p = BUF_INIT;
	for (size_t i = 0; i < n->str.len; i++)
		if (n->str.s[i] != '_')
			buf_addc(&p, n->str.s[i]);
	*d = strtod(p.p ? p.p : "0", NULL);
	buf_free(&p);
	return isinf(*d) ? 1 : 0;
}

static int yaml_scalar_token(buf *out, const node *n, err *e)
{
	scalar_type t = yaml_v2_type(n);
	double d;
	int rc;
	switch (t) {
	case SCALAR_NULL:
		buf_adds(out, "null");
		return 0;
	case SCALAR_BOOL:
		buf_adds(out, scalar_bool_value(n->str.s, n->str.len) ? "true" : "false");
		return 0;
	case SCALAR_INT:
		scalar_number_text(out, n->str.s, n->str.len);
		return 0;
	case SCALAR_FLOAT:
		rc = yaml_float(n, &d, e);
		if (rc < 0)
			return -1;
		if (rc == 0) {
			scalar_json_float(out, d);
			return 0;
		}
		break;
	default:
		break;
	}
	/* Timestamps stay strings as written when go-yaml v2 decodes into
	 * interface{}. */
	json_go_quote(out, n->str.s, n->str.len);
	return 0;
}

/* sigs.k8s.io/yaml's YAMLToJSON turns non-string keys into their text. */
static int yaml_key_text(buf *out, const node *k, err *e)
{
	double d;
	switch (yaml_v2_type(k)) {
	case SCALAR_NULL:
		return yaml_fail(e, k, "a null map key cannot be written as JSON");
	case SCALAR_BOOL:
		buf_adds(out, scalar_bool_value(k->str.s, k->str.len) ? "true" : "false");
		return 0;
	case SCALAR_INT:
		scalar_number_text(out, k->str.s, k->str.len);
		return 0;
	case SCALAR_FLOAT: {
		int rc = yaml_float(k, &d, e);
		if (rc < 0)
			return -1;
		if (rc == 0) {
			scalar_format_go_float(out, d, 'g');
			return 0;
		}
		break;
	}
	default:
		break;
	}
	buf_add(out, k->str.s, k->str.len);
	return 0;
}

static node *yaml_to_raw(arena *a, const node *n, err *e)
{
	if (n->kind == NODE_SEQ) {
		node *s = node_seq(a);
		node_set_pos(s, n);
		for (uint32_t i = 0; i < n->seq.n; i++) {
			node *v = yaml_to_raw(a, n->seq.v[i], e);
			if (!v)
				return NULL;
			node_push(a, s, v);
		}
		return s;
	}
	if (n->kind == NODE_MAP) {
		node *m = node_map(a);
		node_set_pos(m, n);
		for (uint32_t i = 0; i < n->map.n; i++) {
			const node *k = n->map.v[i].key;
			buf kt = BUF_INIT;
			if (yaml_key_text(&kt, k, e)) {
				buf_free(&kt);
				return NULL;
			}
			node *key = node_strn(a, kt.p ? kt.p : "", kt.len);
			buf_free(&kt);
			node_set_pos(key, k);
			node *v = yaml_to_raw(a, n->map.v[i].val, e);
			if (!v)
				return NULL;
			map_put(a, m, key, v);
		}
		return m;
	}
	buf t = BUF_INIT;
	node *r = NULL;
	if (yaml_scalar_token(&t, n, e) == 0)
		r = raw_from_token(a, &t, n);
	buf_free(&t);
	return r;
}

int patch_json_from_yaml(arena *a, const node *doc, node **ops, err *e)
{
	node *list = yaml_to_raw(a, doc, e);
	if (!list)
		return -1;
	return ops_from_list(a, doc->file, list, ops, e);
}

int patch_json_parse(arena *a, const char *file, const char *text, size_t len, node **ops,
		     err *e)
{
	/* kustomize looks at the very first byte: a file starting with a
	 * newline before '[' is read as YAML (and typed as YAML 1.1). */
	if (len == 0)
		return err_set(e, "%s: empty json patch operations", file);
	if (text[0] == '[')
		return parse_json_text(a, file, text, len, ops, e);
	parse_docs docs;
	if (parse_yaml(a, file, text, len, &docs, e))
		return -1;
	if (docs.n == 0) {
		*ops = node_seq(a);
		return 0;
	}
	/* YAMLToJSON reads the first document only. */
	return patch_json_from_yaml(a, docs.v[0], ops, e);
}

/* ------------------------------------------------------------------ */
/* Resource <-> raw form */

/* n in the raw form, whole; n has passed doc_check, which reports what
 * this could refuse.  tmp: scratch for the tokens, reused. */
static node *doc_to_raw(arena *a, const node *n, buf *tmp, err *e)
{
	if (n->kind == NODE_SEQ) {
		node *s = node_seq(a);
		node_set_pos(s, n);
		s->flags |= NODE_F_RAWJSON;
		for (uint32_t i = 0; i < n->seq.n; i++) {
			node *v = doc_to_raw(a, n->seq.v[i], tmp, e);
			if (!v)
				return NULL;
			node_push(a, s, v);
		}
		return s;
	}
	if (n->kind == NODE_MAP) {
		node *m = node_map(a);
		node_set_pos(m, n);
		m->flags |= NODE_F_RAWJSON;
		for (uint32_t i = 0; i < n->map.n; i++) {
			const node *k = n->map.v[i].key;
			node *v = doc_to_raw(a, n->map.v[i].val, tmp, e);
			if (!v)
				return NULL;
			node *key = node_strn(a, k->str.s, k->str.len);
			node_set_pos(key, k);
			map_put(a, m, key, v);
		}
		return m;
	}
	buf_reset(tmp);
	if (n->kind == NODE_STR && !(n->flags & NODE_F_TIMESTAMP))
		json_go_quote(tmp, n->str.s, n->str.len);
	else if (json_scalar_token(tmp, n, e))
		return NULL;
	return raw_from_token(a, tmp, n);
}

/* What the raw form cannot hold (kyaml's MarshalJSON errors), first in
 * document order: the resource is checked whole before any op runs, as
 * it was converted whole before them. */
static int doc_check(const node *n, buf *tmp, err *e)
{
	if (n->kind == NODE_SEQ) {
		for (uint32_t i = 0; i < n->seq.n; i++)
			if (doc_check(n->seq.v[i], tmp, e))
				return -1;
		return 0;
	}
	if (n->kind == NODE_MAP) {
		for (uint32_t i = 0; i < n->map.n; i++) {
			const node *k = n->map.v[i].key;
			if (k->kind != NODE_STR || (k->flags & NODE_F_TIMESTAMP))
				return err_at(e, k->file, k->line, k->col,
					      "json: unsupported type: map[interface {}]interface {}");
			if (doc_check(n->map.v[i].val, tmp, e))
				return -1;
		}
		return 0;
	}
	/* Of the scalars, only numbers spelt as infinities or NaN fail. */
	if ((n->kind != NODE_INT && n->kind != NODE_FLOAT) ||
	    !json_special_float(n->str.s, n->str.len))
		return 0;
	buf_reset(tmp);
	return json_scalar_token(tmp, n, e);
}

/* A raw container for the resource's container n: entries of its own,
 * values still n's until an op goes below them. */
static node *shallow_raw(arena *a, const node *n)
{
	node *r;
	if (n->kind == NODE_SEQ) {
		r = node_seq(a);
		for (uint32_t i = 0; i < n->seq.n; i++)
			node_push(a, r, n->seq.v[i]);
	} else {
		r = node_map(a);
		for (uint32_t i = 0; i < n->map.n; i++)
			map_put(a, r, n->map.v[i].key, n->map.v[i].val);
	}
	node_set_pos(r, n);
	r->flags |= NODE_F_RAWJSON;
	return r;
}

/* A raw scalar's token as kyaml's UnmarshalJSON reads it back. */
static node *token_to_doc(arena *a, node_kind kind, const char *t, size_t len,
			  const node *pos, buf *tmp, err *e)
{
	node *r;
	switch (kind) {
	case NODE_STR:
		buf_reset(tmp);
		unquote(tmp, t, len);
		return json_string_node(a, tmp->p ? tmp->p : "", tmp->len, pos);
	case NODE_FLOAT: {
		double d = strtod(t, NULL);
		if (isinf(d)) {
			err_at(e, pos->file, pos->line, pos->col,
			       "json: cannot unmarshal number %s into Go value of type float64", t);
			return NULL;
		}
		return json_number_node(a, d, pos);
	}
	default:
		r = node_scalar(a, kind, t, len);
		node_set_pos(r, pos);
		return r;
	}
}

static bool all_ascii(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return false;
	return true;
}

/* Kind, flags and text alike: the round trip gave the node back. */
static bool same_scalar(const node *x, const node *y)
{
	return x->kind == y->kind && x->flags == y->flags && x->str.len == y->str.len &&
	       !memcmp(x->str.s, y->str.s, x->str.len);
}

/* A string (or key) of ASCII that JSON would give back unchanged, quoted
 * just when json_string_node would quote it. */
static bool string_kept(const node *n)
{
	if (n->kind != NODE_STR || (n->flags & ~NODE_F_QUOTED) || !all_ascii(n->str.s, n->str.len))
		return false;
	return json_string_quoted(n->str.s, n->str.len) == !!(n->flags & NODE_F_QUOTED);
}

static node *doc_normal(arena *a, node *n, buf *tmp, buf *tok, err *e);

static node *scalar_normal(arena *a, node *n, buf *tmp, buf *tok, err *e)
{
	if (n->kind == NODE_STR && !(n->flags & NODE_F_TIMESTAMP)) {
		if (string_kept(n))
			return n;
		/* Quoting ASCII for JSON and reading it back gives it unchanged. */
		if (all_ascii(n->str.s, n->str.len))
			return json_string_node(a, n->str.s, n->str.len, n);
		buf_reset(tok);
		json_go_quote(tok, n->str.s, n->str.len);
	} else {
		buf_reset(tok);
		if (json_scalar_token(tok, n, e))
			return NULL;
	}
	node *r = token_to_doc(a, token_kind(tok->p), tok->p, tok->len, n, tmp, e);
	return r && same_scalar(r, n) ? n : r;
}

static node *seq_normal(arena *a, node *n, buf *tmp, buf *tok, err *e)
{
	node *r = NULL;
	for (uint32_t i = 0; i < n->seq.n; i++) {
		node *v = doc_normal(a, n->seq.v[i], tmp, tok, e);
		if (!v)
			return NULL;
		if (!r && v == n->seq.v[i])
			continue;
		if (!r) {
			r = node_seq(a);
			for (uint32_t j = 0; j < i; j++)
				node_push(a, r, n->seq.v[j]);
		}
		node_push(a, r, v);
	}
	if (!r && !n->flags)
		return n;
	if (!r) {
		r = node_seq(a);
		for (uint32_t j = 0; j < n->seq.n; j++)
			node_push(a, r, n->seq.v[j]);
	}
	node_set_pos(r, n);
	return r;
}

static bool key_seen(const node *m, uint32_t before, const node *k)
{
	for (uint32_t j = 0; j < before; j++) {
		const node *o = m->map.v[j].key;
		if (o->str.len == k->str.len && !memcmp(o->str.s, k->str.s, k->str.len))
			return true;
	}
	return false;
}

static node *map_normal(arena *a, node *n, buf *tmp, buf *tok, err *e)
{
	node *r = NULL;
	for (uint32_t i = 0; i < n->map.n; i++) {
		node *k = n->map.v[i].key;
		node *v = doc_normal(a, n->map.v[i].val, tmp, tok, e);
		if (!v)
			return NULL;
		bool dup = key_seen(n, i, k);
		if (!r && !dup && v == n->map.v[i].val && string_kept(k))
			continue;
		if (!r) {
			r = node_map(a);
			for (uint32_t j = 0; j < i; j++)
				node_append(a, r, n->map.v[j].key, n->map.v[j].val);
		}
		/* Go maps keep the last of duplicate keys, in the first's place. */
		node_pair *d = dup ? map_findn(r, k->str.s, k->str.len) : NULL;
		if (d)
			d->val = v;
		else
			node_append(a, r,
				     string_kept(k) ? k : json_string_node(a, k->str.s, k->str.len, k),
				     v);
	}
	if (!r && !n->flags)
		return n;
	if (!r) {
		r = node_map(a);
		for (uint32_t j = 0; j < n->map.n; j++)
			node_append(a, r, n->map.v[j].key, n->map.v[j].val);
	}
	node_set_pos(r, n);
	return r;
}

/* raw_to_doc(doc_to_raw(n)) for the parts of a resource no op went into,
 * without the raw copy between: what the trip would give back unchanged
 * is n's own node, shared.  tok holds a token, tmp its reading. */
static node *doc_normal(arena *a, node *n, buf *tmp, buf *tok, err *e)
{
	if (n->kind == NODE_SEQ)
		return seq_normal(a, n, tmp, tok, e);
	if (n->kind == NODE_MAP)
		return map_normal(a, n, tmp, tok, e);
	return scalar_normal(a, n, tmp, tok, e);
}

/* The patched resource back as kyaml's UnmarshalJSON reads it: raw nodes
 * read back, the resource's own nodes as if they had been through JSON. */
static node *raw_to_doc(arena *a, node *n, buf *tmp, buf *tok, err *e)
{
	if (!is_raw(n))
		return doc_normal(a, n, tmp, tok, e);
	node *r;
	switch (n->kind) {
	case NODE_SEQ:
		r = node_seq(a);
		for (uint32_t i = 0; i < n->seq.n; i++) {
			node *v = raw_to_doc(a, n->seq.v[i], tmp, tok, e);
			if (!v)
				return NULL;
			node_push(a, r, v);
		}
		break;
	case NODE_MAP:
		r = node_map(a);
		for (uint32_t i = 0; i < n->map.n; i++) {
			const node *k = n->map.v[i].key;
			node *v = raw_to_doc(a, n->map.v[i].val, tmp, tok, e);
			if (!v)
				return NULL;
			node_append(a, r, json_string_node(a, k->str.s, k->str.len, k), v);
		}
		break;
	default:
		return token_to_doc(a, (node_kind)n->kind, n->str.s, n->str.len, n, tmp, e);
	}
	node_set_pos(r, n);
	return r;
}

/* ------------------------------------------------------------------ */
/* Applying ops */

typedef struct pctx {
	arena *a;
	/* The result's arena: a copy of the resource's own nodes goes there,
	 * as the result keeps such nodes rather than rebuilding them. */
	arena *out;
	node *root;
	const node *op;
	err *e;
	size_t copied;  /* nodes copy ops made, against the alias budget */
} pctx;

static int op_fail(pctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int op_fail(pctx *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = NULL;
	if (vasprintf(&msg, fmt, ap) < 0)
		abort();
	va_end(ap);
	if (c->op->line)
		err_at(c->e, c->op->file, c->op->line, c->op->col, "%s", msg);
	else
		err_set(c->e, "%s", msg);
	free(msg);
	return -1;
}

static const node *op_member(const node *op, const char *name)
{
	node_pair *p = map_findn(op, name, strlen(name));
	return p ? p->val : NULL;
}

static char *raw_string(pctx *c, const node *v)
{
	buf s = BUF_INIT;
	unquote(&s, v->str.s, v->str.len);
	char *r = arena_strndup(c->a, s.p ? s.p : "", s.len);
	buf_free(&s);
	return r;
}

static const char *op_kind(pctx *c)
{
	const node *v = op_member(c->op, "op");
	if (!v || v->kind != NODE_STR)
		return "unknown";
	return raw_string(c, v);
}

/* Operation.Path / From: the decoded string, or NULL with *why set. */
static char *op_string(pctx *c, const char *name, const char *missing, const char **why)
{
	const node *v = op_member(c->op, name);
	if (!v || v->kind == NODE_NULL) {
		*why = missing;
		return NULL;
	}
	if (v->kind != NODE_STR) {
		*why = arena_sprintf(c->a, "json: cannot unmarshal %s into Go value of type string",
				     raw_type_name(v));
		return NULL;
	}
	return raw_string(c, v);
}

static char *op_path(pctx *c, const char **why)
{
	return op_string(c, "path", "operation missing path field: missing value", why);
}

static char *op_from(pctx *c, const char **why)
{
	return op_string(c, "from", "operation, missing from field: missing value", why);
}

/* The op's value for insertion: a private copy (ops serve many resources),
 * null when absent. */
static node *op_value_copy(pctx *c)
{
	const node *v = op_member(c->op, "value");
	return v ? node_clone(c->a, v) : raw_null(c->a, c->op);
}

/* RFC 6901: ~1 is '/', ~0 is '~', decoded left to right. */
static char *decode_token(pctx *c, const char *s, size_t len)
{
	char *out = arena_alloc(c->a, len + 1);
	size_t j = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '~' && i + 1 < len && (s[i + 1] == '0' || s[i + 1] == '1')) {
			out[j++] = s[i + 1] == '1' ? '/' : '~';
			i++;
		} else {
			out[j++] = s[i];
		}
	}
	out[j] = 0;
	return out;
}

/* strconv.Quote, enough for error texts. */
static void go_quote(buf *out, const char *s)
{
	buf_addc(out, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			buf_printf(out, "\\%c", *p);
		else if (*p == '\n')
			buf_adds(out, "\\n");
		else if (*p == '\t')
			buf_adds(out, "\\t");
		else if (*p < 0x20 || *p == 0x7f)
			buf_printf(out, "\\x%02x", *p);
		else
			buf_addc(out, (char)*p);
	}
	buf_addc(out, '"');
}

/* strconv.Atoi: 0, or -1 with *why holding Go's error text. */
static int go_atoi(pctx *c, const char *s, long long *out, const char **why)
{
	const char *p = s;
	bool neg = false;
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	const char *reason = NULL;
	unsigned long long v = 0;
	if (!*p)
		reason = "invalid syntax";
	for (; *p && !reason; p++) {
		if (!isdigit((unsigned char)*p))
			reason = "invalid syntax";
		else if (v > (ULLONG_MAX - (unsigned)(*p - '0')) / 10)
			reason = "value out of range";
		else
			v = v * 10 + (unsigned)(*p - '0');
	}
	if (!reason && v > (unsigned long long)LLONG_MAX + (neg ? 1 : 0))
		reason = "value out of range";
	if (reason) {
		buf b = BUF_INIT;
		buf_adds(&b, "strconv.Atoi: parsing ");
		go_quote(&b, s);
		buf_printf(&b, ": %s", reason);
		*why = arena_strdup(c->a, b.p);
		buf_free(&b);
		return -1;
	}
	*out = neg ? (long long)(0 - v) : (long long)v;
	return 0;
}

static const char *bad_index(pctx *c, long long idx)
{
	return arena_sprintf(c->a, "Unable to access invalid index: %lld: invalid index referenced",
			     idx);
}

/* An index into a list of n elements for get/replace/remove. */
static int seq_index(pctx *c, const node *s, const char *key, uint32_t *at, const char **why)
{
	long long idx, n = s->seq.n;
	if (go_atoi(c, key, &idx, why))
		return -1;
	if (idx < 0) {
		if (idx < -n) {
			*why = bad_index(c, idx);
			return -1;
		}
		idx += n;
	}
	if (idx >= n) {
		*why = bad_index(c, idx);
		return -1;
	}
	*at = (uint32_t)idx;
	return 0;
}

/* container.get: *val is NULL when a map lacks the key. */
static int con_get(pctx *c, node *con, const char *key, node **val, const char **why)
{
	if (con->kind == NODE_MAP) {
		node_pair *p = map_findn(con, key, strlen(key));
		*val = p ? p->val : NULL;
		return 0;
	}
	uint32_t at;
	if (seq_index(c, con, key, &at, why))
		return -1;
	*val = con->seq.v[at];
	return 0;
}

static int con_add(pctx *c, node *con, const char *key, node *val, const char **why)
{
	if (con->kind == NODE_MAP) {
		node *k = node_str(c->a, key);
		node_set_pos(k, val);
		map_put(c->a, con, k, val);
		return 0;
	}
	if (!strcmp(key, "-")) {
		node_push(c->a, con, val);
		return 0;
	}
	long long idx, n = (long long)con->seq.n + 1;
	const char *aerr;
	if (go_atoi(c, key, &idx, &aerr)) {
		*why = arena_sprintf(c->a, "value was not a proper array index: '%s': %s", key,
				     aerr);
		return -1;
	}
	if (idx >= n || idx < -n) {
		*why = bad_index(c, idx);
		return -1;
	}
	if (idx < 0)
		idx += n;
	seq_insert(c->a, con, (uint32_t)idx, val);
	return 0;
}

static int con_remove(pctx *c, node *con, const char *key, const char **why)
{
	if (con->kind == NODE_MAP) {
		node_pair *p = map_findn(con, key, strlen(key));
		if (!p) {
			*why = arena_sprintf(c->a,
					     "Unable to remove nonexistent key: %s: missing value", key);
			return -1;
		}
		size_t i = (size_t)(p - con->map.v);
		memmove(p, p + 1, (con->map.n - i - 1) * sizeof *p);
		con->map.n--;
		return 0;
	}
	uint32_t at;
	if (seq_index(c, con, key, &at, why))
		return -1;
	node_seq_remove(con, at);
	return 0;
}

/* con_get for a step along a path: a container still in the resource's
 * form is swapped for a raw one first, as the op may change it. */
static int con_step(pctx *c, node *con, const char *key, node **val, const char **why)
{
	node **slot;
	if (con->kind == NODE_MAP) {
		node_pair *p = map_findn(con, key, strlen(key));
		if (!p) {
			*val = NULL;
			return 0;
		}
		slot = &p->val;
	} else {
		uint32_t at;
		if (seq_index(c, con, key, &at, why))
			return -1;
		slot = &con->seq.v[at];
	}
	if (((*slot)->kind == NODE_MAP || (*slot)->kind == NODE_SEQ) && !is_raw(*slot))
		*slot = shallow_raw(c->a, *slot);
	*val = *slot;
	return 0;
}

/* findObject: the container holding the path's last token, and that token
 * decoded.  Whatever precedes the first '/' is ignored, as json-patch
 * does; a path without '/' finds nothing. */
static bool find_object(pctx *c, const char *path, node **con, char **key)
{
	const char *p = strchr(path, '/');
	if (!p)
		return false;
	node *doc = c->root;
	p++;
	for (const char *q; (q = strchr(p, '/')); p = q + 1) {
		node *next;
		const char *why;
		if (con_step(c, doc, decode_token(c, p, (size_t)(q - p)), &next, &why))
			return false;
		if (!next || (next->kind != NODE_MAP && next->kind != NODE_SEQ))
			return false;
		doc = next;
	}
	*con = doc;
	*key = decode_token(c, p, strlen(p));
	return true;
}

/* n in the raw form, converted when it is still the resource's. */
static const node *as_raw(pctx *c, const node *n)
{
	if (is_raw(n))
		return n;
	/* doc_check passed: no error to meet here. */
	buf tmp = BUF_INIT;
	err e = ERR_INIT;
	const node *r = doc_to_raw(c->a, n, &tmp, &e);
	buf_free(&tmp);
	err_clear(&e);
	return r;
}

/* lazyNode.equal: structure, and scalars by their JSON text. */
static bool raw_equal(pctx *c, const node *x, const node *y)
{
	x = as_raw(c, x);
	y = as_raw(c, y);
	if (!x || !y)
		return false;
	bool xs = x->kind == NODE_MAP || x->kind == NODE_SEQ;
	bool ys = y->kind == NODE_MAP || y->kind == NODE_SEQ;
	if (!xs || !ys)
		return !xs && !ys && x->str.len == y->str.len &&
		       memcmp(x->str.s, y->str.s, x->str.len) == 0;
	if (x->kind != y->kind)
		return false;
	if (x->kind == NODE_SEQ) {
		if (x->seq.n != y->seq.n)
			return false;
		for (uint32_t i = 0; i < x->seq.n; i++)
			if (!raw_equal(c, x->seq.v[i], y->seq.v[i]))
				return false;
		return true;
	}
	if (x->map.n != y->map.n)
		return false;
	for (uint32_t i = 0; i < x->map.n; i++) {
		const node *k = x->map.v[i].key;
		node_pair *p = map_findn(y, k->str.s, k->str.len);
		if (!p || !raw_equal(c, x->map.v[i].val, p->val))
			return false;
	}
	return true;
}

static int do_add(pctx *c)
{
	const char *why;
	char *path = op_path(c, &why), *key;
	node *con;
	if (!path)
		return op_fail(c, "add operation failed to decode path: missing value");
	if (!find_object(c, path, &con, &key))
		return op_fail(c, "add operation does not apply: doc is missing path: \"%s\": "
				  "missing value", path);
	if (con_add(c, con, key, op_value_copy(c), &why))
		return op_fail(c, "error in add for path: '%s': %s", path, why);
	return 0;
}

static int do_remove(pctx *c)
{
	const char *why;
	char *path = op_path(c, &why), *key;
	node *con;
	if (!path)
		return op_fail(c, "remove operation failed to decode path: missing value");
	if (!find_object(c, path, &con, &key))
		return op_fail(c, "remove operation does not apply: doc is missing path: \"%s\": "
				  "missing value", path);
	if (con_remove(c, con, key, &why))
		return op_fail(c, "error in remove for path: '%s': %s", path, why);
	return 0;
}

static int do_replace(pctx *c)
{
	const char *why;
	char *path = op_path(c, &why), *key;
	node *con, *old;
	if (!path)
		return op_fail(c, "replace operation failed to decode path: %s", why);
	if (!*path) {
		/* Only an object or array replaces the whole document; any other
		 * value is silently ignored by json-patch v4.12.0. */
		const node *v = op_member(c->op, "value");
		if (v && (v->kind == NODE_MAP || v->kind == NODE_SEQ))
			c->root = node_clone(c->a, v);
		return 0;
	}
	if (!find_object(c, path, &con, &key))
		return op_fail(c, "replace operation does not apply: doc is missing path: %s: "
				  "missing value", path);
	if (con_get(c, con, key, &old, &why))
		return op_fail(c, "replace operation does not apply: doc is missing key: %s: "
				  "missing value", path);
	node *val = op_value_copy(c);
	if (con->kind == NODE_SEQ) {
		uint32_t at;
		seq_index(c, con, key, &at, &why);
		con->seq.v[at] = val;
	} else {
		con_add(c, con, key, val, &why);
	}
	return 0;
}

static int do_move(pctx *c)
{
	const char *why;
	char *from = op_from(c, &why), *key;
	node *con, *val;
	if (!from)
		return op_fail(c, "move operation failed to decode from: %s", why);
	if (!find_object(c, from, &con, &key))
		return op_fail(c, "move operation does not apply: doc is missing from path: %s: "
				  "missing value", from);
	if (con_get(c, con, key, &val, &why) || con_remove(c, con, key, &why))
		return op_fail(c, "error in move for path: '%s': %s", key, why);
	if (!val)
		val = raw_null(c->a, c->op);
	char *path = op_path(c, &why);
	if (!path)
		return op_fail(c, "move operation failed to decode path: %s", why);
	if (!find_object(c, path, &con, &key))
		return op_fail(c, "move operation does not apply: doc is missing destination "
				  "path: %s: missing value", path);
	if (con_add(c, con, key, val, &why))
		return op_fail(c, "error in move for path: '%s': %s", path, why);
	return 0;
}

static int do_test(pctx *c)
{
	const char *why;
	char *path = op_path(c, &why), *key;
	node *con, *val;
	if (!path)
		return op_fail(c, "test operation failed to decode path: %s", why);
	const node *want = op_member(c->op, "value");
	if (!*path) {
		if (want && raw_equal(c, c->root, want))
			return 0;
		return op_fail(c, "testing value %s failed: test failed", path);
	}
	if (!find_object(c, path, &con, &key))
		return op_fail(c, "test operation does not apply: is missing path: %s: "
				  "missing value", path);
	if (con_get(c, con, key, &val, &why))
		return op_fail(c, "error in test for path: '%s': %s", path, why);
	bool ok;
	if (val)
		val = (node *)as_raw(c, val);
	if (!val || val->kind == NODE_NULL)
		ok = !want || want->kind == NODE_NULL;
	else
		ok = want && raw_equal(c, val, want);
	if (!ok)
		return op_fail(c, "testing value %s failed: test failed", path);
	return 0;
}

static int do_copy(pctx *c)
{
	const char *why;
	char *from = op_from(c, &why), *key;
	node *con, *val;
	if (!from)
		return op_fail(c, "copy operation failed to decode from: %s", why);
	if (!find_object(c, from, &con, &key))
		return op_fail(c, "copy operation does not apply: doc is missing from path: %s: "
				  "missing value", from);
	if (con_get(c, con, key, &val, &why))
		return op_fail(c, "error in copy for from: '%s': %s", from, why);
	char *path = op_path(c, &why);
	if (!path)
		return op_fail(c, "copy operation failed to decode path: missing value");
	if (!find_object(c, path, &con, &key))
		return op_fail(c, "copy operation does not apply: doc is missing destination "
				  "path: %s: missing value", path);
	node *dup = val ? node_clone(c->out, val) : raw_null(c->a, c->op);
	if (con_add(c, con, key, dup, &why))
		return op_fail(c, "error while adding value during copy: %s", why);
	return 0;
}

/* A value put at a path of t tokens nests t levels below the root: keeps
 * every object within --max-depth, however many ops pile up. */
static int check_depth(pctx *c, const char *kind)
{
	const char *why;
	const node *val = NULL;
	if (!strcmp(kind, "add") || !strcmp(kind, "replace")) {
		val = op_member(c->op, "value");
	} else if (!strcmp(kind, "copy") || !strcmp(kind, "move")) {
		char *from = op_from(c, &why), *key;
		node *con, *v = NULL;
		/* Counted in the raw form, which keeps one of duplicate keys. */
		if (from && find_object(c, from, &con, &key) && !con_get(c, con, key, &v, &why))
			val = v ? as_raw(c, v) : NULL;
	}
	char *path = val ? op_path(c, &why) : NULL;
	if (!path)
		return 0;
	size_t t = 0;
	for (const char *p = path; *p; p++)
		t += *p == '/';
	if (limits_too_deep(val, t))
		return op_fail(c, "%s at path '%.120s%s' would nest the object deeper than %zu "
				  "levels; flatten the value or raise --max-depth",
			       kind, path, strlen(path) > 120 ? "..." : "",
			       parse_default_limits.max_depth);
	if (!strcmp(kind, "copy") && limits_copy_over(&c->copied, val))
		return op_fail(c, "copy ops of this patch would create more than %zu nodes; copy "
				  "less or raise --max-alias-nodes",
			       parse_default_limits.max_alias_nodes);
	return 0;
}

static int apply_op(pctx *c)
{
	static const struct {
		const char *name;
		int (*fn)(pctx *);
	} kinds[] = {
		{"add", do_add},   {"remove", do_remove}, {"replace", do_replace},
		{"move", do_move}, {"test", do_test},     {"copy", do_copy},
	};
	const char *kind = op_kind(c);
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (!strcmp(kind, kinds[i].name))
			return check_depth(c, kind) ? -1 : kinds[i].fn(c);
	return op_fail(c, "Unexpected kind: %s", kind);
}

bool patch_json_paths_all(const node *ops, bool (*ok)(void *ctx, const char *path), void *ctx)
{
	static const char *const names[] = {"path", "from"};
	buf s = BUF_INIT;
	bool all = true;
	for (uint32_t i = 0; all && ops && i < ops->seq.n; i++)
		for (size_t k = 0; all && k < 2; k++) {
			const node *v = op_member(ops->seq.v[i], names[k]);
			if (!v)
				continue;
			if (v->kind != NODE_STR) {
				all = false;
				break;
			}
			buf_reset(&s);
			unquote(&s, v->str.s, v->str.len);
			buf_adds(&s, "");
			all = ok(ctx, s.p);
		}
	buf_free(&s);
	return all;
}

int patch_json_apply(arena *a, node **obj, const node *ops, err *e)
{
	/* The raw form lives only while the ops run: its own arena, dropped
	 * once the result is back in a. */
	arena *raw = arena_new();
	pctx c = {.a = raw, .out = a, .e = e};
	buf tmp = BUF_INIT, tok = BUF_INIT;
	int rc = doc_check(*obj, &tmp, e);
	if (!rc) {
		bool con = (*obj)->kind == NODE_MAP || (*obj)->kind == NODE_SEQ;
		c.root = con ? shallow_raw(raw, *obj) : doc_to_raw(raw, *obj, &tmp, e);
		rc = c.root ? 0 : -1;
	}
	for (uint32_t i = 0; !rc && ops && i < ops->seq.n; i++) {
		c.op = ops->seq.v[i];
		rc = apply_op(&c);
	}
	/* kyaml's UnmarshalJSON reads the result into a map. */
	if (!rc && c.root->kind != NODE_MAP)
		rc = err_at(e, c.root->file, c.root->line, c.root->col,
			    "json: cannot unmarshal %s into Go value of type "
			    "map[string]interface {}",
			    raw_type_name(c.root));
	node *out = rc ? NULL : raw_to_doc(a, c.root, &tmp, &tok, e);
	buf_free(&tmp);
	buf_free(&tok);
	arena_free(raw);
	if (!out)
		return -1;
	*obj = out;
	return 0;
}
