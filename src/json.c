/* json.c - the JSON round trip of kustomize's JSON-based transformers.
 *
 * Going out, a scalar's JSON form is what go-yaml v3 decodes it into, as
 * encoding/json writes that Go value.  Coming back, json.Unmarshal turns
 * every number into a float64 and go-yaml v3's encoder writes it with
 * strconv.FormatFloat(v, 'g', -1, 64); the node keeps that text because
 * later steps (annotations, replacements) use the text, not the value.
 */
#include "strata/json.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strata/scalar.h"
#include "strata/utf8.h"

typedef enum js_type { JS_NULL, JS_BOOL, JS_INT, JS_FLOAT, JS_STR } js_type;

/* One scalar as a Go value.  s holds the decimal digits of an int or the
 * contents of a string (malloc'd; js_free releases it). */
typedef struct js_scalar {
	js_type type;
	bool b;
	double d;
	buf s;
} js_scalar;

static void js_free(js_scalar *v)
{
	buf_free(&v->s);
}

static int fail_at(err *e, const node *n, const char *msg)
{
	if (n && n->line)
		return err_at(e, n->file, n->line, n->col, "%s", msg);
	return err_set(e, "%s", msg);
}

const char *json_special_float(const char *s, size_t len)
{
	if (len == 4 && (!memcmp(s, ".nan", 4) || !memcmp(s, ".NaN", 4) || !memcmp(s, ".NAN", 4)))
		return "NaN";
	const char *name = "+Inf";
	if (len == 5 && (s[0] == '+' || s[0] == '-')) {
		if (s[0] == '-')
			name = "-Inf";
		s++, len--;
	}
	if (len == 4 && (!memcmp(s, ".inf", 4) || !memcmp(s, ".Inf", 4) || !memcmp(s, ".INF", 4)))
		return name;
	return NULL;
}

static double parse_float_text(const char *s, size_t len)
{
	char *p = malloc(len + 1);
	if (!p)
		abort();
	size_t j = 0;
	for (size_t i = 0; i < len; i++)
		if (s[i] != '_')
			p[j++] = s[i];
	p[j] = 0;
	double d = strtod(p, NULL);
	free(p);
	return d;
}

static int classify_number(const node *n, js_scalar *v, err *e)
{
	const char *s = n->str.s;
	size_t len = n->str.len;
	if (scalar_resolve_v3(s, len) == SCALAR_INT && scalar_number_text(&v->s, s, len) == 0) {
		v->type = JS_INT;
		return 0;
	}
	buf_reset(&v->s);
	const char *special = json_special_float(s, len);
	if (special) {
		char msg[64];
		snprintf(msg, sizeof msg, "json: unsupported value: %s", special);
		return fail_at(e, n, msg);
	}
	double d = parse_float_text(s, len);
	if (isinf(d)) {
		/* strconv.ParseFloat fails on overflow, and go-yaml then keeps
		 * the scalar as a string. */
		v->type = JS_STR;
		buf_add(&v->s, s, len);
		return 0;
	}
	v->type = JS_FLOAT;
	v->d = d;
	return 0;
}

static int classify(const node *n, js_scalar *v, err *e)
{
	memset(v, 0, sizeof *v);
	switch (n->kind) {
	case NODE_NULL:
		v->type = JS_NULL;
		return 0;
	case NODE_BOOL:
		v->type = JS_BOOL;
		v->b = scalar_bool_value(n->str.s, n->str.len);
		return 0;
	case NODE_INT:
	case NODE_FLOAT:
		return classify_number(n, v, e);
	default:
		break;
	}
	v->type = JS_STR;
	if ((n->flags & NODE_F_TIMESTAMP) &&
	    scalar_timestamp_rfc3339(&v->s, n->str.s, n->str.len) == 0)
		return 0;
	buf_reset(&v->s);
	buf_add(&v->s, n->str.s, n->str.len);
	return 0;
}

void json_go_quote(buf *out, const char *str, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *s = (const unsigned char *)str;
	buf_reserve(out, len + 2);
	buf_addc(out, '"');
	for (size_t i = 0; i < len;) {
		/* Most text needs no escape: copied a run at a time. */
		size_t run = i;
		while (run < len && s[run] >= 0x20 && s[run] < 0x7f && s[run] != '"' &&
		       s[run] != '\\' && s[run] != '<' && s[run] != '>' && s[run] != '&')
			run++;
		if (run > i) {
			buf_add(out, s + i, run - i);
			i = run;
			continue;
		}
		unsigned char c = s[i];
		if (c < 0x80) {
			i++;
			switch (c) {
			case '"': buf_adds(out, "\\\""); continue;
			case '\\': buf_adds(out, "\\\\"); continue;
			case '\b': buf_adds(out, "\\b"); continue;
			case '\f': buf_adds(out, "\\f"); continue;
			case '\n': buf_adds(out, "\\n"); continue;
			case '\r': buf_adds(out, "\\r"); continue;
			case '\t': buf_adds(out, "\\t"); continue;
			default: break;
			}
			if (c < 0x20 || c == '<' || c == '>' || c == '&') {
				buf_adds(out, "\\u00");
				buf_addc(out, hex[c >> 4]);
				buf_addc(out, hex[c & 15]);
			} else {
				buf_addc(out, (char)c);
			}
			continue;
		}
		uint32_t cp;
		size_t n = utf8_seq(s + i, len - i, &cp);
		if (n == 0) {
			buf_adds(out, "\\ufffd");
			i++;
		} else if (cp == 0x2028 || cp == 0x2029) {
			buf_printf(out, "\\u%04x", cp);
			i += n;
		} else {
			buf_add(out, s + i, n);
			i += n;
		}
	}
	buf_addc(out, '"');
}

int json_scalar_token(buf *out, const node *n, err *e)
{
	js_scalar v;
	if (classify(n, &v, e))
		return -1;
	switch (v.type) {
	case JS_NULL: buf_adds(out, "null"); break;
	case JS_BOOL: buf_adds(out, v.b ? "true" : "false"); break;
	case JS_INT: buf_add(out, v.s.p, v.s.len); break;
	case JS_FLOAT: scalar_json_float(out, v.d); break;
	case JS_STR: json_go_quote(out, v.s.p ? v.s.p : "", v.s.len); break;
	}
	js_free(&v);
	return 0;
}

static json_t *scalar_to_json(const node *n, err *e)
{
	js_scalar v;
	if (classify(n, &v, e))
		return NULL;
	json_t *j = NULL;
	switch (v.type) {
	case JS_NULL: j = json_null(); break;
	case JS_BOOL: j = json_boolean(v.b); break;
	case JS_INT: {
		char *end;
		errno = 0;
		long long ll = strtoll(v.s.p, &end, 10);
		/* Beyond int64 only a uint64 remains: jansson has no such type. */
		j = errno ? json_real(strtod(v.s.p, NULL)) : json_integer(ll);
		break;
	}
	case JS_FLOAT: j = json_real(v.d); break;
	case JS_STR: j = json_stringn_nocheck(v.s.p ? v.s.p : "", v.s.len); break;
	}
	js_free(&v);
	return j;
}

static bool is_string_key(const node *k)
{
	return k->kind == NODE_STR && !(k->flags & NODE_F_TIMESTAMP);
}

json_t *json_from_node(const node *n, err *e)
{
	if (!n)
		return json_null();
	if (n->kind == NODE_SEQ) {
		json_t *arr = json_array();
		for (uint32_t i = 0; i < n->seq.n; i++) {
			json_t *v = json_from_node(n->seq.v[i], e);
			if (!v) {
				json_decref(arr);
				return NULL;
			}
			json_array_append_new(arr, v);
		}
		return arr;
	}
	if (n->kind != NODE_MAP)
		return scalar_to_json(n, e);
	json_t *obj = json_object();
	for (uint32_t i = 0; i < n->map.n; i++) {
		const node *k = n->map.v[i].key;
		if (!is_string_key(k)) {
			json_decref(obj);
			fail_at(e, k, "json: unsupported type: map[interface {}]interface {}");
			return NULL;
		}
		json_t *v = json_from_node(n->map.v[i].val, e);
		if (!v) {
			json_decref(obj);
			return NULL;
		}
		json_object_setn_new_nocheck(obj, k->str.s, k->str.len, v);
	}
	return obj;
}

node *json_number_node(arena *a, double v, const node *pos)
{
	buf t = BUF_INIT;
	scalar_format_go_float(&t, v, 'g');
	node_kind kind = scalar_resolve_v3(t.p, t.len) == SCALAR_INT ? NODE_INT : NODE_FLOAT;
	node *n = node_scalar(a, kind, t.p, t.len);
	buf_free(&t);
	node_set_pos(n, pos);
	return n;
}

bool json_string_quoted(const char *s, size_t len)
{
	/* go-yaml v3 quotes what would read back as another type, and the
	 * YAML 1.1 booleans and sexagesimals besides. */
	return scalar_resolve_v3(s, len) != SCALAR_STR || scalar_resolve_v2(s, len) != SCALAR_STR ||
	       scalar_is_base60_float(s, len);
}

node *json_string_node(arena *a, const char *s, size_t len, const node *pos)
{
	node *n = node_strn(a, s, len);
	if (json_string_quoted(s, len))
		n->flags |= NODE_F_QUOTED;
	node_set_pos(n, pos);
	return n;
}

static node *json_scalar_node(arena *a, const json_t *j, const node *pos)
{
	node *n;
	switch (json_typeof(j)) {
	case JSON_STRING:
		return json_string_node(a, json_string_value(j), json_string_length(j), pos);
	case JSON_INTEGER:
		return json_number_node(a, (double)json_integer_value(j), pos);
	case JSON_REAL:
		return json_number_node(a, json_real_value(j), pos);
	case JSON_TRUE:
		n = node_scalar(a, NODE_BOOL, "true", 4);
		break;
	case JSON_FALSE:
		n = node_scalar(a, NODE_BOOL, "false", 5);
		break;
	default:
		n = node_scalar(a, NODE_NULL, "null", 4);
		break;
	}
	node_set_pos(n, pos);
	return n;
}

node *json_to_node(arena *a, const json_t *j, const node *pos)
{
	if (!j)
		return json_scalar_node(a, json_null(), pos);
	node *n;
	if (json_is_array(j)) {
		n = node_seq(a);
		for (size_t i = 0; i < json_array_size(j); i++)
			node_push(a, n, json_to_node(a, json_array_get(j, i), pos));
	} else if (json_is_object(j)) {
		n = node_map(a);
		const char *k;
		json_t *v;
		json_object_foreach((json_t *)j, k, v) {
			size_t kl = json_object_iter_key_len(json_object_key_to_iter(k));
			node *key = json_string_node(a, k, kl, pos);
			node_append(a, n, key, json_to_node(a, v, pos));
		}
	} else {
		return json_scalar_node(a, j, pos);
	}
	node_set_pos(n, pos);
	return n;
}
