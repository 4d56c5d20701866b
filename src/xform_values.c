/* xform_values.c - decoding and scalar helpers shared by the images,
 * replicas and replacements transformers; see xform_internal.h. */
#include "xform_internal.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "strata/buf.h"
#include "strata/scalar.h"
#include "strata/xform_values.h"
#include "strata/kust.h"

/* ------------------------------------------------------------ decoding */

const char *xdec_json_type(const node *n)
{
	return kust_json_type_name(kust_json_type(n));
}

int xdec_type_err(const xdec *d, const node *n, const char *gofield, const char *gotype, err *e)
{
	return err_at(e, n->file, n->line, n->col,
		      "%sjson: cannot unmarshal %s into Go struct field %s of type %s; fix the "
		      "value's type",
		      d->prefix, xdec_json_type(n), gofield, gotype);
}

/* Text without YAML's digit separators. */
static void strip_underscores(const char *s, size_t len, char *out, size_t cap)
{
	size_t k = 0;
	for (size_t i = 0; i < len && k + 1 < cap; i++)
		if (s[i] != '_')
			out[k++] = s[i];
	out[k] = 0;
}

/* A YAML float's value, including .inf / -.Inf / .NaN spellings. */
static double yaml_float(const char *t)
{
	const char *p = t + (*t == '+' || *t == '-');
	if (*p == '.' && (!strcasecmp(p + 1, "inf") || !strcasecmp(p + 1, "nan"))) {
		if (!strcasecmp(p + 1, "nan"))
			return NAN;
		return *t == '-' ? -INFINITY : INFINITY;
	}
	return strtod(t, NULL);
}

/* go-yaml v2 integer text: sign, then 0b / 0o / 0x / leading-0 octal or
 * decimal.  Sets *neg and the magnitude; false on overflow or junk. */
static bool parse_v2_int(const char *s, bool *neg, unsigned long long *mag)
{
	*neg = false;
	if (*s == '+' || *s == '-')
		*neg = *s++ == '-';
	int base = 10;
	if (s[0] == '0' && (s[1] == 'b' || s[1] == 'B')) {
		base = 2;
		s += 2;
	} else if (s[0] == '0' && (s[1] == 'o' || s[1] == 'O')) {
		base = 8;
		s += 2;
	} else if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	} else if (s[0] == '0' && s[1]) {
		base = 8;
		s++;
	}
	if (!*s)
		return false;
	char *end;
	errno = 0;
	*mag = strtoull(s, &end, base);
	return !*end && errno != ERANGE && *s != '-' && *s != '+';
}

/* encoding/json's spelling of a float64. */
static void json_float_text(buf *b, double v)
{
	scalar_json_float(b, v);
}

/* A JSON number bound for a Go int: its value, or false with the literal
 * Go's error shows ("3.5", "100000000000000000000"). */
static bool number_to_int(const node *n, long long *out, buf *lit)
{
	char t[128];
	strip_underscores(n->str.s, n->str.len, t, sizeof t);
	scalar_type st = scalar_resolve_v2(n->str.s, n->str.len);
	if (st == SCALAR_INT) {
		bool neg;
		unsigned long long mag;
		if (parse_v2_int(t, &neg, &mag)) {
			if (!neg && mag <= (unsigned long long)INT64_MAX) {
				*out = (long long)mag;
				return true;
			}
			if (neg && mag <= (unsigned long long)INT64_MAX + 1) {
				*out = mag == (unsigned long long)INT64_MAX + 1 ? INT64_MIN
										: -(long long)mag;
				return true;
			}
			if (!neg) {
				buf_printf(lit, "%llu", mag);
				return false;
			}
		}
	}
	double v = yaml_float(t);
	if (isinf(v) || isnan(v)) {
		buf_adds(lit, isnan(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf");
		return false;
	}
	if (v == floor(v) && v >= -9223372036854775808.0 && v < 9223372036854775808.0) {
		*out = (long long)v;
		return true;
	}
	json_float_text(lit, v);
	return false;
}

static const xfield *find_field(const xschema *s, const char *key)
{
	for (const xfield *f = s->fields; f->name; f++)
		if (!strcmp(f->name, key))
			return f;
	for (const xfield *f = s->fields; f->name; f++)
		if (!strcasecmp(f->name, key))
			return f;
	return NULL;
}

static int check_value(const xdec *d, const node *v, const xfield *f, const char *gofield,
		       const char *path, err *e);

static int check_scalar(const xdec *d, const node *v, xtype t, const char *gofield,
			const char *gotype, err *e)
{
	const char *jt = xdec_json_type(v);
	if (!strcmp(jt, "null"))
		return 0;
	if (t == XT_STR && !strcmp(jt, "string"))
		return 0;
	if (t == XT_BOOL && !strcmp(jt, "bool"))
		return 0;
	if (t == XT_INT && !strcmp(jt, "number")) {
		long long dummy;
		buf lit = BUF_INIT;
		bool ok = number_to_int(v, &dummy, &lit);
		if (!ok)
			err_at(e, v->file, v->line, v->col,
			       "%sjson: cannot unmarshal number %s into Go struct field %s of type %s; "
			       "use a whole number that fits",
			       d->prefix, lit.p ? lit.p : "", gofield, gotype);
		buf_free(&lit);
		return ok ? 0 : -1;
	}
	return xdec_type_err(d, v, gofield, gotype, e);
}

/* The YAML to JSON step fails on infinities and NaN, whatever the field. */
static int check_json_number(const xdec *d, const node *v, err *e)
{
	if (!node_is_scalar(v) || strcmp(xdec_json_type(v), "number"))
		return 0;
	char t[128];
	strip_underscores(v->str.s, v->str.len, t, sizeof t);
	double x = yaml_float(t);
	if (!isinf(x) && !isnan(x))
		return 0;
	return err_at(e, v->file, v->line, v->col,
		      "%sjson: unsupported value: %s; write a finite number or quote it", d->prefix,
		      isnan(x) ? "NaN" : x > 0 ? "+Inf" : "-Inf");
}

static int check_value(const xdec *d, const node *v, const xfield *f, const char *gofield,
		       const char *path, err *e)
{
	if (!v || (node_is_scalar(v) && !strcmp(xdec_json_type(v), "null")))
		return 0;
	if (check_json_number(d, v, e))
		return -1;
	switch (f->type) {
	case XT_STR:
	case XT_INT:
	case XT_BOOL:
		return check_scalar(d, v, f->type, gofield, f->gotype, e);
	case XT_STRS:
		if (v->kind != NODE_SEQ)
			return xdec_type_err(d, v, gofield, f->gotype, e);
		for (uint32_t i = 0; i < v->seq.n; i++)
			if (check_json_number(d, v->seq.v[i], e) ||
			    check_scalar(d, v->seq.v[i], XT_STR, gofield,
					 f->elemtype ? f->elemtype : "string", e))
				return -1;
		return 0;
	case XT_OBJ:
		if (v->kind != NODE_MAP)
			return xdec_type_err(d, v, gofield, f->gotype, e);
		return f->sub ? xdec_check(d, v, f->sub, path, e) : 0;
	case XT_MAPSTR:
	case XT_MAPBOOL:
		if (v->kind != NODE_MAP)
			return xdec_type_err(d, v, gofield, f->gotype, e);
		for (uint32_t i = 0; i < v->map.n; i++) {
			const node *mv = v->map.v[i].val;
			if (check_json_number(d, mv, e))
				return -1;
			if (f->type == XT_MAPSTR ? check_scalar(d, mv, XT_STR, gofield, "string", e)
						 : check_scalar(d, mv, XT_BOOL, gofield, "bool", e))
				return -1;
		}
		return 0;
	case XT_ANY:
		return 0;
	case XT_OBJS:
		if (v->kind != NODE_SEQ)
			return xdec_type_err(d, v, gofield, f->gotype, e);
		for (uint32_t i = 0; i < v->seq.n; i++) {
			const node *el = v->seq.v[i];
			if (node_is_scalar(el) && !strcmp(xdec_json_type(el), "null"))
				continue;
			if (el->kind != NODE_MAP)
				return xdec_type_err(d, el, gofield, f->elemtype, e);
			if (f->sub && xdec_check(d, el, f->sub, path, e))
				return -1;
		}
		return 0;
	}
	return 0;
}

static int key_cmp(const void *x, const void *y)
{
	const node_pair *p = *(const node_pair *const *)x, *q = *(const node_pair *const *)y;
	return strcmp(p->key->str.s, q->key->str.s);
}

/* a, sep (when a is not empty) and b into dst, cut to fit: snprintf's
 * work without its cost, paid once per key of every kustomization. */
static void join_field(char *dst, size_t cap, const char *a, char sep, const char *b)
{
	size_t n = 0, la = strlen(a), lb = strlen(b);
	if (la > cap - 1)
		la = cap - 1;
	memcpy(dst, a, la);
	n = la;
	if (la && n < cap - 1)
		dst[n++] = sep;
	if (lb > cap - 1 - n)
		lb = cap - 1 - n;
	memcpy(dst + n, b, lb);
	dst[n + lb] = 0;
}

int xdec_check(const xdec *d, const node *m, const xschema *s, const char *path, err *e)
{
	if (!m || m->kind != NODE_MAP || !m->map.n)
		return 0;
	const node_pair **keys = malloc(m->map.n * sizeof *keys);
	for (uint32_t i = 0; i < m->map.n; i++)
		keys[i] = &m->map.v[i];
	qsort(keys, m->map.n, sizeof *keys, key_cmp);
	int rc = 0;
	for (uint32_t i = 0; i < m->map.n && !rc; i++) {
		const node_pair *p = keys[i];
		const xfield *f = find_field(s, p->key->str.s);
		if (!f) {
			if (d->strict)
				rc = err_at(e, p->key->file, p->key->line, p->key->col,
					    "%sjson: unknown field \"%s\"; remove it or fix its spelling",
					    d->prefix, p->key->str.s);
			continue;
		}
		char sub[512], gofield[600];
		join_field(sub, sizeof sub, path, '.', f->name);
		join_field(gofield, sizeof gofield, s->goname, '.', sub);
		rc = check_value(d, p->val, f, gofield, sub, e);
	}
	free(keys);
	return rc;
}

int xdec_check_list(const xdec *d, const node *list, const char *field, const char *elem,
		    const xschema *s, err *e)
{
	if (!list || (node_is_scalar(list) && !strcmp(xdec_json_type(list), "null")))
		return 0;
	char gofield[128], listtype[128], elemtype[128];
	snprintf(gofield, sizeof gofield, "Kustomization.%s", field);
	snprintf(listtype, sizeof listtype, "[]types.%s", elem);
	snprintf(elemtype, sizeof elemtype, "types.%s", elem);
	if (list->kind != NODE_SEQ)
		return xdec_type_err(d, list, gofield, listtype, e);
	for (uint32_t i = 0; i < list->seq.n; i++) {
		const node *el = list->seq.v[i];
		if (node_is_scalar(el) && !strcmp(xdec_json_type(el), "null"))
			continue;
		if (el->kind != NODE_MAP)
			return xdec_type_err(d, el, gofield, elemtype, e);
		if (xdec_check(d, el, s, field, e))
			return -1;
	}
	return 0;
}

const node *xdec_field(const node *m, const char *name)
{
	if (!m || m->kind != NODE_MAP)
		return NULL;
	const node_pair *best = NULL;
	for (uint32_t i = 0; i < m->map.n; i++) {
		const node *k = m->map.v[i].key;
		if (!node_is_scalar(k) || strcasecmp(k->str.s, name))
			continue;
		if (!best || strcmp(k->str.s, best->key->str.s) > 0)
			best = &m->map.v[i];
	}
	return best ? best->val : NULL;
}

const char *xdec_str(const node *m, const char *name)
{
	const node *v = xdec_field(m, name);
	if (!v || !node_is_scalar(v) || !strcmp(xdec_json_type(v), "null"))
		return "";
	return v->str.s;
}

long long xdec_int(const node *m, const char *name)
{
	const node *v = xdec_field(m, name);
	long long out = 0;
	if (!v || !node_is_scalar(v) || strcmp(xdec_json_type(v), "number"))
		return 0;
	buf lit = BUF_INIT;
	if (!number_to_int(v, &out, &lit))
		out = 0;
	buf_free(&lit);
	return out;
}

bool xdec_bool(const node *m, const char *name)
{
	const node *v = xdec_field(m, name);
	if (!v || !node_is_scalar(v) || strcmp(xdec_json_type(v), "bool"))
		return false;
	if (v->kind == NODE_BOOL)
		return !strcmp(v->str.s, "true");
	return scalar_bool_value(v->str.s, v->str.len);
}

/* ------------------------------------------------------------- scalars */

static void set_text(arena *a, node *n, node_kind kind, const char *text, size_t len)
{
	if (kind == NODE_BOOL) {
		text = scalar_bool_value(text, len) ? "true" : "false";
		len = strlen(text);
	}
	n->kind = (uint8_t)kind;
	n->str.s = arena_strndup(a, text, len);
	n->str.len = len;
}

void xval_set_untagged(arena *a, node *n, const char *text, size_t len, bool quoted)
{
	uint8_t flags = 0;
	node_kind kind = NODE_STR;
	if (quoted) {
		flags = NODE_F_QUOTED;
	} else {
		switch (scalar_resolve_v3(text, len)) {
		case SCALAR_NULL: kind = NODE_NULL; break;
		case SCALAR_BOOL: kind = NODE_BOOL; break;
		case SCALAR_INT: kind = NODE_INT; break;
		case SCALAR_FLOAT: kind = NODE_FLOAT; break;
		case SCALAR_TIMESTAMP: flags = NODE_F_TIMESTAMP; break;
		case SCALAR_STR:
			if (scalar_resolve_v2(text, len) == SCALAR_BOOL)
				flags = NODE_F_BOOL11;
			break;
		}
	}
	set_text(a, n, kind, text, len);
	n->flags = flags;
}

static const char *tag_name(scalar_type t)
{
	switch (t) {
	case SCALAR_NULL: return "null";
	case SCALAR_BOOL: return "bool";
	case SCALAR_INT: return "int";
	case SCALAR_FLOAT: return "float";
	case SCALAR_TIMESTAMP: return "timestamp";
	default: return "str";
	}
}

int xval_set_keep_tag(arena *a, node *n, const char *text, size_t len, err *e)
{
	scalar_type r = scalar_resolve_v3(text, len);
	const char *want = NULL;
	bool ok;
	switch (n->kind) {
	case NODE_INT: want = "int"; ok = r == SCALAR_INT; break;
	case NODE_FLOAT: want = "float"; ok = r == SCALAR_INT || r == SCALAR_FLOAT; break;
	case NODE_BOOL: want = "bool"; ok = r == SCALAR_BOOL; break;
	case NODE_NULL: want = "null"; ok = r == SCALAR_NULL; break;
	default:
		if (n->flags & NODE_F_TIMESTAMP) {
			want = "timestamp";
			ok = r == SCALAR_TIMESTAMP;
		} else {
			ok = true;
		}
		break;
	}
	if (!ok) {
		const char *got = r == SCALAR_TIMESTAMP && strcmp(want, "timestamp") ? "str"
										    : tag_name(r);
		return err_at(e, n->file, n->line, n->col,
			      "map[string]interface {}(nil): yaml: cannot decode !!%s `%.*s` as a "
			      "!!%s; the new value does not fit the field's type (quote the field's "
			      "value in the resource to make it a string)",
			      got, (int)len, text, want);
	}
	if (n->kind != NODE_STR) {
		set_text(a, n, (node_kind)n->kind, text, len);
		return 0;
	}
	/* A string stays a string whatever the text looks like. */
	uint8_t flags = n->flags & (NODE_F_QUOTED | NODE_F_TIMESTAMP);
	if (!(flags & NODE_F_TIMESTAMP) && r != SCALAR_STR)
		flags |= NODE_F_QUOTED;
	if (!(flags & NODE_F_QUOTED) && scalar_resolve_v2(text, len) == SCALAR_BOOL)
		flags |= NODE_F_BOOL11;
	set_text(a, n, NODE_STR, text, len);
	n->flags = flags;
	return 0;
}

const char *xval_kind_name(const node *n)
{
	if (n && n->kind == NODE_MAP)
		return "MappingNode";
	if (n && n->kind == NODE_SEQ)
		return "SequenceNode";
	return "ScalarNode";
}

const char *xval_quote(arena *a, const char *s)
{
	buf b = BUF_INIT;
	buf_addc(&b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': buf_adds(&b, "\\\""); break;
		case '\\': buf_adds(&b, "\\\\"); break;
		case '\n': buf_adds(&b, "\\n"); break;
		case '\t': buf_adds(&b, "\\t"); break;
		case '\r': buf_adds(&b, "\\r"); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				buf_printf(&b, "\\x%02x", *p);
			else
				buf_addc(&b, (char)*p);
		}
	}
	buf_addc(&b, '"');
	const char *out = arena_strdup(a, b.p);
	buf_free(&b);
	return out;
}

/* ------------------------------------------------------------ checking */

int xform_values_check(const node *kust_root, err *e)
{
	/* Go decodes JSON objects in sorted key order; the first error wins. */
	if (xform_images_check(node_get(kust_root, "images"), e))
		return -1;
	if (xform_replacements_check(node_get(kust_root, "replacements"), e))
		return -1;
	return xform_replicas_check(node_get(kust_root, "replicas"), e);
}
