/* varsub.c - Flux's post-build substitution on one object; see varsub.h. */
#include "strata/varsub.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "strata/buf.h"
#include "strata/emit.h"
#include "strata/envsubst.h"
#include "strata/json.h"
#include "strata/parse.h"
#include "strata/scalar.h"

void varsub_set(arena *a, varsub_vars *v, const char *key, const char *val, size_t len)
{
	char *clean = arena_alloc(a, len + 1);
	size_t j = 0;
	for (size_t i = 0; i < len; i++)
		if (val[i] != '\n')
			clean[j++] = val[i];
	clean[j] = 0;
	for (size_t i = 0; i < v->n; i++)
		if (!strcmp(v->key[i], key)) {
			v->val[i] = clean;
			return;
		}
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 16;
		v->key = arena_grow(a, v->key, v->cap * sizeof *v->key, cap * sizeof *v->key);
		v->val = arena_grow(a, v->val, v->cap * sizeof *v->val, cap * sizeof *v->val);
		v->cap = cap;
	}
	v->key[v->n] = arena_strdup(a, key);
	v->val[v->n++] = clean;
}

const char *varsub_get(const varsub_vars *v, const char *key, size_t len)
{
	for (size_t i = 0; i < v->n; i++)
		if (strlen(v->key[i]) == len && !memcmp(v->key[i], key, len))
			return v->val[i];
	return NULL;
}

int varsub_check_names(const varsub_vars *v, err *e)
{
	for (size_t i = 0; i < v->n; i++)
		if (!envsubst_name_valid(v->key[i], strlen(v->key[i])))
			return err_set(e, "'%s' var name is invalid, must match "
					  "'^[_[:alpha:]][_[:alpha:][:digit:]]*$'; rename the key",
				       v->key[i]);
	return 0;
}

static bool disabled_in(const node *md, const char *field)
{
	const char *v = node_get_str(node_get(md, field), "kustomize.toolkit.fluxcd.io/substitute");
	return v && !strcmp(v, "disabled");
}

bool varsub_disabled(const node *obj)
{
	const node *md = node_get(obj, "metadata");
	return disabled_in(md, "labels") || disabled_in(md, "annotations");
}

/* Bytes of values one object may take in: a long value used many times
 * would otherwise make gigabytes of text out of a small file. */
#define VARSUB_MAX_BYTES ((size_t)64 << 20)

struct lookup_ctx {
	const varsub_vars *vars;
	size_t used;
	bool over;  /* the budget ran out; values read as "" from then on */
};

static bool lookup(void *ctx, const char *name, size_t len, const char **val, size_t *vlen)
{
	struct lookup_ctx *c = ctx;
	const char *v = varsub_get(c->vars, name, len);
	if (!v)
		return false;
	*val = v;
	*vlen = strlen(v);
	c->used += *vlen;
	if (c->used > VARSUB_MAX_BYTES) {
		c->over = true;
		*vlen = 0;
	}
	return true;
}

/* sigs.k8s.io/yaml reads plain scalars as YAML 1.1: yes/no/on/off are
 * booleans, and a timestamp stays the string it was written as. */
static void retype_v2(arena *a, node *n)
{
	if (n->kind == NODE_MAP) {
		for (uint32_t i = 0; i < n->map.n; i++)
			retype_v2(a, n->map.v[i].val);
		return;
	}
	if (n->kind == NODE_SEQ) {
		for (uint32_t i = 0; i < n->seq.n; i++)
			retype_v2(a, n->seq.v[i]);
		return;
	}
	n->flags &= (uint8_t)~NODE_F_TIMESTAMP;
	if (n->kind == NODE_STR && (n->flags & NODE_F_BOOL11) && !(n->flags & NODE_F_QUOTED)) {
		bool t = scalar_bool_value(n->str.s, n->str.len);
		n->kind = NODE_BOOL;
		n->str.s = t ? "true" : "false";
		n->str.len = t ? 4 : 5;
	}
}

/* The object kustomize-controller applies: JSON numbers that are whole
 * become integers in the unstructured object, the rest stay floats. */
static node *from_json(arena *a, const json_t *j, const node *pos)
{
	node *n;
	switch (json_typeof(j)) {
	case JSON_OBJECT: {
		n = node_map(a);
		const char *k;
		json_t *v;
		json_object_foreach((json_t *)j, k, v)
			node_append(a, n, node_str(a, k), from_json(a, v, pos));
		break;
	}
	case JSON_ARRAY: {
		n = node_seq(a);
		size_t i;
		json_t *v;
		json_array_foreach(j, i, v)
			node_push(a, n, from_json(a, v, pos));
		break;
	}
	case JSON_STRING:
		return json_string_node(a, json_string_value(j), json_string_length(j), pos);
	case JSON_INTEGER: {
		char *t = arena_sprintf(a, "%lld", (long long)json_integer_value(j));
		n = node_scalar(a, NODE_INT, t, strlen(t));
		break;
	}
	case JSON_REAL: {
		buf t = BUF_INIT;
		if (scalar_json_float(&t, json_real_value(j)))
			buf_adds(&t, "0");
		n = node_scalar(a, NODE_FLOAT, arena_strndup(a, t.p, t.len), t.len);
		buf_free(&t);
		break;
	}
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
	if (pos)
		node_set_pos(n, pos);
	return n;
}

int varsub_apply(arena *a, const node *obj, const varsub_vars *vars, bool strict,
		 const char *what, node **out, err *e)
{
	buf text = BUF_INIT, subst = BUF_INIT;
	int rc = emit_doc(&text, obj, e);
	struct lookup_ctx lc = {vars, 0, false};
	envsubst_opts o = {lookup, &lc, strict, what};
	if (!rc && text.p && memchr(text.p, '$', text.len)) {
		rc = envsubst_eval(&o, text.p, text.len, &subst, e, NULL);
		buf_free(&text);
	} else {
		subst = text;  /* nothing to substitute: the text as it is */
	}
	if (!rc && lc.over)
		rc = err_set(e, "%s: the variables substituted into it come to more than %zu "
				"bytes; use shorter values or fewer references",
			     what, VARSUB_MAX_BYTES);
	if (rc) {
		buf_free(&subst);
		return err_wrap(e, "%s: variable substitution failed", what);
	}
	parse_docs docs;
	parse_limits lim = parse_default_limits;
	lim.last_key_wins = 1;
	rc = parse_yaml_limits(a, what, subst.p ? subst.p : "", subst.len, &lim, &docs, e);
	buf_free(&subst);
	if (rc)
		return err_wrap(e, "%s: the substituted text is no longer YAML (check the values "
				   "of the variables it uses)",
				what);
	if (docs.n != 1 || docs.v[0]->kind != NODE_MAP)
		return err_set(e, "%s: substitution left no object; check the variables it uses",
			       what);
	retype_v2(a, docs.v[0]);
	json_t *j = json_from_node(docs.v[0], e);
	if (!j)
		return err_wrap(e, "%s: YAMLToJSON", what);
	*out = from_json(a, j, obj);
	json_decref(j);
	return 0;
}
