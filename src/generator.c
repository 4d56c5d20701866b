/* generator.c - configMapGenerator / secretGenerator; see generator.h.
 *
 * Behaviour follows kustomize v5.5.0 (KUSTOMIZE-FACTS.md sections a and b),
 * checked against `kubectl kustomize`.
 */
#include "strata/generator.h"
#include "strata/kust.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "strata/base64.h"
#include "strata/buf.h"
#include "strata/scalar.h"
#include "strata/sha256.h"
#include "strata/utf8.h"

/* kustomize cuts base64 text into lines of this many characters. */
#define GEN_B64_LINE 70
/* bufio.Scanner's default token limit: an env-file line this long (or
 * longer) silently ends the scan, as kustomize never checks Err(). */
#define GEN_ENV_MAX_LINE 65536

/* ---------- UTF-8 ---------- */

static bool utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t cp;
	for (size_t i = 0; i < n;) {
		size_t k = utf8_seq(p + i, n - i, &cp);
		if (!k)
			return false;
		i += k;
	}
	return true;
}

/* Go's unicode.IsSpace. */
static bool is_unicode_space(uint32_t c)
{
	switch (c) {
	case '\t': case '\n': case '\v': case '\f': case '\r': case ' ':
	case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029:
	case 0x202F: case 0x205F: case 0x3000:
		return true;
	default:
		return c >= 0x2000 && c <= 0x200A;
	}
}

/* Go's strconv.IsPrint, approximated for the code points that matter in
 * error messages (controls, format characters, odd spaces). */
static bool go_printable(uint32_t c)
{
	if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0xA0) || c == 0xAD)
		return false;
	if ((c >= 0x2000 && c <= 0x200F) || (c >= 0x2028 && c <= 0x202F) ||
	    (c >= 0x205F && c <= 0x206F) || c == 0x3000 || c == 0xFEFF || c == 0x1680)
		return false;
	if ((c >= 0xE000 && c <= 0xF8FF) || (c >= 0xFFF9 && c <= 0xFFFB) || c >= 0xF0000)
		return false;
	return true;
}

/* Go's %q of a string, for error texts. */
static void go_quote(buf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	buf_addc(b, '"');
	for (size_t i = 0; i < n;) {
		uint32_t c;
		size_t k = utf8_seq(p + i, n - i, &c);
		if (!k) {
			buf_printf(b, "\\x%02x", p[i]);
			i++;
			continue;
		}
		switch (c) {
		case '"': buf_adds(b, "\\\""); break;
		case '\\': buf_adds(b, "\\\\"); break;
		case '\a': buf_adds(b, "\\a"); break;
		case '\b': buf_adds(b, "\\b"); break;
		case '\f': buf_adds(b, "\\f"); break;
		case '\n': buf_adds(b, "\\n"); break;
		case '\r': buf_adds(b, "\\r"); break;
		case '\t': buf_adds(b, "\\t"); break;
		case '\v': buf_adds(b, "\\v"); break;
		default:
			if (go_printable(c))
				buf_add(b, s + i, k);
			else if (c < 0x80)
				buf_printf(b, "\\x%02x", c);
			else if (c < 0x10000)
				buf_printf(b, "\\u%04x", c);
			else
				buf_printf(b, "\\U%08x", c);
		}
		i += k;
	}
	buf_addc(b, '"');
}

/* ---------- errors ---------- */

/* Replaces e's message by "<pos>: <message>", keeping kustomize's text. */
static int fail_at(err *e, const node *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int fail_at(err *e, const node *at, const char *fmt, ...)
{
	va_list ap, cp;
	va_start(ap, fmt);
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	char *m = malloc((size_t)n + 1);
	if (!m)
		abort();
	vsnprintf(m, (size_t)n + 1, fmt, ap);
	va_end(ap);
	if (at)
		err_at(e, at->file, at->line, at->col, "%s", m);
	else
		err_set(e, "%s", m);
	free(m);
	return -1;
}

/* "<pos>: <context>: <current message>". */
static int wrap_at(err *e, const node *at, const char *context)
{
	char *old = e->msg ? e->msg : strdup("");
	e->msg = NULL;
	fail_at(e, at, "%s: %s", context, old);
	free(old);
	return -1;
}

/* ---------- kustomization.yaml typing (sigs.k8s.io/yaml + encoding/json) ---------- */




static bool kust_bool(const node *n)
{
	return n->kind == NODE_BOOL ? node_str_is(n, "true")
				    : scalar_bool_value(n->str.s, n->str.len);
}

static int type_error(err *e, const node *at, jtype got, const char *field, const char *gotype)
{
	return fail_at(e, at,
		       "invalid Kustomization: json: cannot unmarshal %s into Go struct field %s "
		       "of type %s",
		       kust_json_type_name(got), field, gotype);
}

/* Map pairs in the order Go's decoder meets them: sigs.k8s.io/yaml hands
 * it JSON whose object keys are sorted bytewise. */
static int pair_cmp(const void *x, const void *y)
{
	const node_pair *a = *(node_pair *const *)x, *b = *(node_pair *const *)y;
	size_t n = a->key->str.len < b->key->str.len ? a->key->str.len : b->key->str.len;
	int c = memcmp(a->key->str.s, b->key->str.s, n);
	if (c)
		return c;
	return a->key->str.len < b->key->str.len ? -1 : a->key->str.len > b->key->str.len;
}

static node_pair **sorted_pairs(arena *a, const node *m)
{
	node_pair **v = arena_alloc(a, (m->map.n + 1) * sizeof *v);
	for (uint32_t i = 0; i < m->map.n; i++)
		v[i] = &m->map.v[i];
	qsort(v, m->map.n, sizeof *v, pair_cmp);
	return v;
}

static bool key_is(const node *k, const char *name)
{
	return k->str.len == strlen(name) && strncasecmp(k->str.s, name, k->str.len) == 0;
}

/* ---------- generator arguments ---------- */

typedef struct strlist {
	const node **v;
	size_t n, cap;
} strlist;

typedef struct genopts {
	gen_pairs labels, annotations;
	bool disable_hash, immutable;
} genopts;

typedef struct genargs {
	const node *at;
	const char *kind;
	const char *name;
	const char *ns;
	const char *behavior;
	const char *type;
	size_t name_len, ns_len, type_len;
	strlist envs, literals, files;
	const node *env;
	genopts opts;
} genargs;

static void strlist_push(arena *a, strlist *l, const node *n)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		l->v = arena_grow(a, l->v, l->n * sizeof *l->v, cap * sizeof *l->v);
		l->cap = cap;
	}
	l->v[l->n++] = n;
}

static void pairs_push(arena *a, gen_pairs *p, const char *k, size_t kl, const char *v, size_t vl)
{
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 8;
		p->v = arena_grow(a, p->v, p->n * sizeof *p->v, cap * sizeof *p->v);
		p->cap = cap;
	}
	p->v[p->n++] = (gen_pair){k, kl, v, vl};
}

static bool bytes_eq(const char *a, size_t al, const char *b, size_t bl)
{
	return al == bl && memcmp(a, b, al) == 0;
}

static gen_pair *pairs_find(gen_pairs *p, const char *k, size_t kl)
{
	for (size_t i = 0; i < p->n; i++)
		if (bytes_eq(p->v[i].key, p->v[i].key_len, k, kl))
			return &p->v[i];
	return NULL;
}

/* Sets or replaces k in p. */
static void pairs_put(arena *a, gen_pairs *p, const char *k, size_t kl, const char *v, size_t vl)
{
	gen_pair *q = pairs_find(p, k, kl);
	if (q) {
		q->val = v;
		q->val_len = vl;
	} else {
		pairs_push(a, p, k, kl, v, vl);
	}
}

/* kustomize passes the arguments to the builtin plugin as JSON read back as
 * YAML.  encoding/json leaves NEL (U+0085) raw, and inside a YAML
 * double-quoted scalar NEL is a line break, so it folds: a run of spaces and
 * NELs becomes one space, or n-1 newlines for n NELs. */
static bool has_nel(const char *s, size_t n)
{
	for (size_t i = 0; i + 1 < n; i++)
		if ((unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0x85)
			return true;
	return false;
}

static size_t fold_nel(char *s, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		size_t j = i, nels = 0;
		while (j < n) {
			if (s[j] == ' ') {
				j++;
			} else if (j + 1 < n && (unsigned char)s[j] == 0xC2 &&
				   (unsigned char)s[j + 1] == 0x85) {
				nels++;
				j += 2;
			} else {
				break;
			}
		}
		if (j == i) {
			s[o++] = s[i++];
		} else if (!nels) {
			memmove(s + o, s + i, j - i);
			o += j - i;
			i = j;
		} else {
			if (nels == 1)
				s[o++] = ' ';
			else
				for (size_t k = 1; k < nels; k++)
					s[o++] = '\n';
			i = j;
		}
	}
	s[o] = '\0';
	return o;
}

/* n itself, or a copy with its NELs folded. */
static const node *fold_node(arena *a, const node *n)
{
	if (!n || !node_is_scalar(n) || !has_nel(n->str.s, n->str.len))
		return n;
	node *c = node_clone(a, n);
	char *t = arena_strndup(a, n->str.s, n->str.len);
	c->str.len = fold_nel(t, n->str.len);
	c->str.s = t;
	return c;
}

/* A string field: JSON null leaves it unset. */
static int read_string(arena *a, const node *v, const char *field, const char **out,
		       size_t *len, err *e)
{
	jtype t = kust_json_type(v);
	if (t == J_NULL)
		return 0;
	if (t != J_STRING)
		return type_error(e, v, t, field, "string");
	v = fold_node(a, v);
	*out = v->str.s;
	*len = v->str.len;
	return 0;
}

static int read_strlist(arena *a, const node *v, const char *field, strlist *out, err *e)
{
	jtype t = kust_json_type(v);
	if (t == J_NULL) {
		out->n = 0;
		return 0;
	}
	if (t != J_ARRAY)
		return type_error(e, v, t, field, "[]string");
	out->n = 0;
	for (uint32_t i = 0; i < v->seq.n; i++) {
		const node *el = v->seq.v[i];
		jtype et = kust_json_type(el);
		if (et != J_STRING && et != J_NULL)
			return type_error(e, el, et, field, "string");
		strlist_push(a, out, fold_node(a, el));
	}
	return 0;
}

static int read_strmap(arena *a, const node *v, const char *field, gen_pairs *out, err *e)
{
	jtype t = kust_json_type(v);
	if (t == J_NULL)
		return 0;
	if (t != J_OBJECT)
		return type_error(e, v, t, field, "map[string]string");
	node_pair **ps = sorted_pairs(a, v);
	for (uint32_t i = 0; i < v->map.n; i++) {
		const node *val = ps[i]->val;
		jtype vt = kust_json_type(val);
		if (vt != J_STRING && vt != J_NULL)
			return type_error(e, val, vt, field, "string");
		const node *k = fold_node(a, ps[i]->key);
		val = fold_node(a, val);
		if (vt == J_NULL)
			pairs_put(a, out, k->str.s, k->str.len, "", 0);
		else
			pairs_put(a, out, k->str.s, k->str.len, val->str.s, val->str.len);
	}
	return 0;
}

static int read_bool(const node *v, const char *field, bool *out, err *e)
{
	jtype t = kust_json_type(v);
	if (t == J_NULL)
		return 0;
	if (t != J_BOOL)
		return type_error(e, v, t, field, "bool");
	*out = kust_bool(v);
	return 0;
}

static int unknown_field(err *e, const node *k)
{
	buf b = BUF_INIT;
	go_quote(&b, k->str.s, k->str.len);
	fail_at(e, k, "invalid Kustomization: json: unknown field %s", b.p);
	buf_free(&b);
	return -1;
}

/* GeneratorOptions; where is "configMapGenerator.options" or
 * "generatorOptions" (the Go error's field path). */
static int read_opts(arena *a, const node *m, const char *where, genopts *o, err *e)
{
	char field[96];
	node_pair **ps = sorted_pairs(a, m);
	for (uint32_t i = 0; i < m->map.n; i++) {
		const node *k = ps[i]->key, *v = ps[i]->val;
		int rc;
		if (key_is(k, "labels")) {
			snprintf(field, sizeof field, "GeneratorOptions.%s.labels", where);
			rc = read_strmap(a, v, field, &o->labels, e);
		} else if (key_is(k, "annotations")) {
			snprintf(field, sizeof field, "GeneratorOptions.%s.annotations", where);
			rc = read_strmap(a, v, field, &o->annotations, e);
		} else if (key_is(k, "disableNameSuffixHash")) {
			snprintf(field, sizeof field, "GeneratorOptions.%s.disableNameSuffixHash", where);
			rc = read_bool(v, field, &o->disable_hash, e);
		} else if (key_is(k, "immutable")) {
			snprintf(field, sizeof field, "GeneratorOptions.%s.immutable", where);
			rc = read_bool(v, field, &o->immutable, e);
		} else {
			rc = unknown_field(e, k);
		}
		if (rc)
			return rc;
	}
	return 0;
}

static int read_args(arena *a, const char *kind, const node *m, genargs *g, err *e)
{
	bool secret = strcmp(kind, "Secret") == 0;
	const char *st = secret ? "SecretArgs.secretGenerator" : "ConfigMapArgs.configMapGenerator";
	const char *gen = secret ? "secretGenerator" : "configMapGenerator";
	char field[96];
	memset(g, 0, sizeof *g);
	g->at = m;
	g->kind = kind;
	g->behavior = "";
	jtype t = kust_json_type(m);
	if (t == J_NULL)
		return 0;
	if (t != J_OBJECT) {
		snprintf(field, sizeof field, "Kustomization.%s", gen);
		return type_error(e, m, t, field,
				  secret ? "types.SecretArgs" : "types.ConfigMapArgs");
	}
	node_pair **ps = sorted_pairs(a, m);
	for (uint32_t i = 0; i < m->map.n; i++) {
		const node *k = ps[i]->key, *v = ps[i]->val;
		int rc = 0;
		size_t dummy;
		if (key_is(k, "name")) {
			snprintf(field, sizeof field, "%s.name", st);
			rc = read_string(a, v, field, &g->name, &g->name_len, e);
		} else if (key_is(k, "namespace")) {
			snprintf(field, sizeof field, "%s.namespace", st);
			rc = read_string(a, v, field, &g->ns, &g->ns_len, e);
		} else if (key_is(k, "behavior")) {
			snprintf(field, sizeof field, "%s.behavior", st);
			rc = read_string(a, v, field, &g->behavior, &dummy, e);
		} else if (secret && key_is(k, "type")) {
			snprintf(field, sizeof field, "%s.type", st);
			rc = read_string(a, v, field, &g->type, &g->type_len, e);
		} else if (key_is(k, "literals")) {
			snprintf(field, sizeof field, "%s.literals", st);
			rc = read_strlist(a, v, field, &g->literals, e);
		} else if (key_is(k, "files")) {
			snprintf(field, sizeof field, "%s.files", st);
			rc = read_strlist(a, v, field, &g->files, e);
		} else if (key_is(k, "envs")) {
			snprintf(field, sizeof field, "%s.envs", st);
			rc = read_strlist(a, v, field, &g->envs, e);
		} else if (key_is(k, "env")) {
			const char *s = NULL;
			snprintf(field, sizeof field, "%s.env", st);
			rc = read_string(a, v, field, &s, &dummy, e);
			if (s)
				g->env = fold_node(a, v);
		} else if (key_is(k, "options")) {
			/* Go decodes a repeated key into the same struct; null drops it. */
			jtype ot = kust_json_type(v);
			if (ot == J_NULL)
				memset(&g->opts, 0, sizeof g->opts);
			snprintf(field, sizeof field, "%s.options", st);
			if (ot == J_OBJECT) {
				char where[64];
				snprintf(where, sizeof where, "%s.options", gen);
				rc = read_opts(a, v, where, &g->opts, e);
			} else if (ot != J_NULL) {
				rc = type_error(e, v, ot, field, "types.GeneratorOptions");
			}
		} else {
			rc = unknown_field(e, k);
		}
		if (rc)
			return rc;
	}
	/* The old singular `env` is appended to `envs`, if not empty. */
	if (g->env && g->env->str.len)
		strlist_push(a, &g->envs, g->env);
	return 0;
}

/* kustomize hands the arguments to the builtin plugin as JSON turned into
 * YAML; go-yaml's reader then rejects what encoding/json leaves raw but YAML
 * forbids: DEL, the C1 controls except NEL, U+FFFE and U+FFFF. */
static bool yaml_unreadable(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		uint32_t c;
		size_t k = utf8_seq(p + i, n - i, &c);
		if (!k) {
			i++;
			continue;
		}
		if (c == 0x7F || (c >= 0x80 && c <= 0x9F && c != 0x85) || c == 0xFFFE || c == 0xFFFF)
			return true;
		i += k;
	}
	return false;
}

static bool node_unreadable(const node *n)
{
	return n && node_is_scalar(n) && yaml_unreadable(n->str.s, n->str.len);
}

static bool list_unreadable(const strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		if (node_unreadable(l->v[i]))
			return true;
	return false;
}

static bool pairs_unreadable(const gen_pairs *p)
{
	for (size_t i = 0; i < p->n; i++)
		if (yaml_unreadable(p->v[i].key, p->v[i].key_len) ||
		    yaml_unreadable(p->v[i].val, p->v[i].val_len))
			return true;
	return false;
}

static int check_marshal(const genargs *g, err *e)
{
	if ((g->name && yaml_unreadable(g->name, g->name_len)) ||
	    (g->ns && yaml_unreadable(g->ns, g->ns_len)) ||
	    yaml_unreadable(g->behavior, strlen(g->behavior)) ||
	    (g->type && yaml_unreadable(g->type, g->type_len)) || list_unreadable(&g->envs) ||
	    list_unreadable(&g->literals) || list_unreadable(&g->files) ||
	    pairs_unreadable(&g->opts.labels) || pairs_unreadable(&g->opts.annotations))
		return fail_at(e, g->at,
			       "builtin %sGenerator marshal: yaml: control characters are not allowed",
			       g->kind);
	return 0;
}

/* generatorOptions: the entry's own labels/annotations win; either side
 * switches the booleans on. */
static void merge_global_opts(arena *a, genopts *local, const genopts *global)
{
	for (size_t i = 0; i < global->labels.n; i++) {
		const gen_pair *p = &global->labels.v[i];
		if (!pairs_find(&local->labels, p->key, p->key_len))
			pairs_push(a, &local->labels, p->key, p->key_len, p->val, p->val_len);
	}
	for (size_t i = 0; i < global->annotations.n; i++) {
		const gen_pair *p = &global->annotations.v[i];
		if (!pairs_find(&local->annotations, p->key, p->key_len))
			pairs_push(a, &local->annotations, p->key, p->key_len, p->val, p->val_len);
	}
	local->disable_hash |= global->disable_hash;
	local->immutable |= global->immutable;
}

/* ---------- key/value sources ---------- */

int gen_parse_literal(arena *a, const char *src, size_t len, gen_pair *out, err *e)
{
	const char *eq = memchr(src, '=', len);
	if (!eq || eq == src)
		return err_set(e, "invalid literal source %.*s, expected key=value", (int)len, src);
	size_t kl = (size_t)(eq - src);
	const char *v = eq + 1;
	size_t vl = len - kl - 1;
	/* One pair of quotes goes, and only when both ends carry the same one. */
	if (vl >= 2 && v[0] == v[vl - 1] && (v[0] == '"' || v[0] == '\'')) {
		v++;
		vl -= 2;
	}
	out->key = arena_strndup(a, src, kl);
	out->key_len = kl;
	out->val = arena_strndup(a, v, vl);
	out->val_len = vl;
	return 0;
}

/* Go's path.Base. */
static const char *go_path_base(arena *a, const char *p)
{
	size_t n = strlen(p);
	if (!n)
		return ".";
	while (n > 0 && p[n - 1] == '/')
		n--;
	if (!n)
		return "/";
	size_t i = n;
	while (i > 0 && p[i - 1] != '/')
		i--;
	return arena_strndup(a, p + i, n - i);
}

int gen_parse_file_source(arena *a, const char *src, const char **key, const char **path,
			  err *e)
{
	size_t n = strlen(src), eqs = 0;
	for (size_t i = 0; i < n; i++)
		eqs += src[i] == '=';
	if (eqs == 0) {
		*key = go_path_base(a, src);
		*path = src;
		return 0;
	}
	buf q = BUF_INIT, qs = BUF_INIT;
	int rc = 0;
	go_quote(&qs, src, n);
	if (eqs > 1) {
		rc = err_set(e, "source %s key name or file path contains '='", qs.p);
	} else if (src[0] == '=') {
		go_quote(&q, src + 1, n - 1);
		rc = err_set(e, "missing key name for file path %s in source %s", q.p, qs.p);
	} else if (src[n - 1] == '=') {
		go_quote(&q, src, n - 1);
		rc = err_set(e, "missing file path for key name %s in source %s", q.p, qs.p);
	} else {
		const char *eq = strchr(src, '=');
		*key = arena_strndup(a, src, (size_t)(eq - src));
		*path = arena_strdup(a, eq + 1);
	}
	buf_free(&q);
	buf_free(&qs);
	return rc;
}

/* One env-file line (its '\n' and one trailing '\r' already gone). */
static int env_line(arena *a, const char *s, size_t n, bool first, gen_pairs *out, err *e)
{
	if (!utf8_valid(s, n)) {
		buf b = BUF_INIT;
		buf_addc(&b, '[');
		for (size_t i = 0; i < n; i++)
			buf_printf(&b, i ? " %u" : "%u", (unsigned char)s[i]);
		buf_addc(&b, ']');
		err_set(e, "line %s has invalid utf8 bytes : %.*s", b.p, (int)n, s);
		buf_free(&b);
		return -1;
	}
	if (first && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3, n -= 3;
	for (;;) {
		uint32_t c;
		size_t k = n ? utf8_seq((const unsigned char *)s, n, &c) : 0;
		if (!k || !is_unicode_space(c))
			break;
		s += k;
		n -= k;
	}
	if (!n || s[0] == '#')
		return 0;
	const char *eq = memchr(s, '=', n);
	size_t kl = eq ? (size_t)(eq - s) : n;
	/* An empty key (a line starting with '=') is skipped like a comment. */
	if (!kl)
		return 0;
	const char *v = eq ? eq + 1 : "";
	size_t vl = eq ? n - kl - 1 : 0;
	pairs_push(a, out, arena_strndup(a, s, kl), kl, arena_strndup(a, v, vl), vl);
	return 0;
}

int gen_parse_env(arena *a, const char *data, size_t len, gen_pairs *out, err *e)
{
	size_t pos = 0;
	bool first = true;
	while (pos < len) {
		const char *nl = memchr(data + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - data) : len;
		size_t n = end - pos;
		if (n >= GEN_ENV_MAX_LINE)
			break;
		size_t m = n && data[pos + n - 1] == '\r' ? n - 1 : n;
		if (env_line(a, data + pos, m, first, out, e))
			return -1;
		first = false;
		pos = nl ? end + 1 : len;
	}
	return 0;
}

void gen_base64_wrapped(arena *a, const void *data, size_t len, const char **out, size_t *out_len)
{
	buf b = BUF_INIT;
	base64_encode_lines(&b, data, len, GEN_B64_LINE);
	*out = arena_strndup(a, b.p, b.len);
	*out_len = b.len;
	buf_free(&b);
}

/* Go's fmt %v of a []string: "[a b c]". */
static char *list_text(arena *a, const strlist *l)
{
	buf b = BUF_INIT;
	buf_addc(&b, '[');
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			buf_addc(&b, ' ');
		if (l->v[i]->kind != NODE_NULL)
			buf_add(&b, l->v[i]->str.s, l->v[i]->str.len);
	}
	buf_addc(&b, ']');
	char *s = arena_strndup(a, b.p, b.len);
	buf_free(&b);
	return s;
}

static const char *src_text(const node *n)
{
	return n->kind == NODE_NULL ? "" : n->str.s;
}

static int read_source(arena *a, gen_read_fn read, void *ctx, const char *path,
		       const char **data, size_t *len, err *e)
{
	char *raw = NULL;
	size_t n = 0;
	if (!read)
		return err_set(e, "no file reader for '%s'", path);
	if (read(ctx, path, &raw, &n, e))
		return -1;
	*data = arena_strndup(a, raw ? raw : "", n);
	*len = n;
	free(raw);
	return 0;
}

static int load_envs(arena *a, const genargs *g, gen_read_fn read, void *ctx, gen_pairs *all,
		     err *e)
{
	for (size_t i = 0; i < g->envs.n; i++) {
		const node *src = g->envs.v[i];
		const char *data;
		size_t len;
		if (read_source(a, read, ctx, src_text(src), &data, &len, e) ||
		    gen_parse_env(a, data, len, all, e)) {
			char *ctxs = arena_sprintf(a, "loading KV pairs: env source files: %s",
						   list_text(a, &g->envs));
			return wrap_at(e, src, ctxs);
		}
	}
	return 0;
}

static int load_literals(arena *a, const genargs *g, gen_pairs *all, err *e)
{
	for (size_t i = 0; i < g->literals.n; i++) {
		const node *src = g->literals.v[i];
		gen_pair p;
		size_t n = src->kind == NODE_NULL ? 0 : src->str.len;
		if (gen_parse_literal(a, src_text(src), n, &p, e)) {
			char *ctxs = arena_sprintf(a, "loading KV pairs: literal sources %s",
						   list_text(a, &g->literals));
			return wrap_at(e, src, ctxs);
		}
		pairs_push(a, all, p.key, p.key_len, p.val, p.val_len);
	}
	return 0;
}

static int load_files(arena *a, const genargs *g, gen_read_fn read, void *ctx, gen_pairs *all,
		      err *e)
{
	for (size_t i = 0; i < g->files.n; i++) {
		const node *src = g->files.v[i];
		const char *key, *path, *data;
		size_t len;
		if (gen_parse_file_source(a, src_text(src), &key, &path, e) ||
		    read_source(a, read, ctx, path, &data, &len, e)) {
			char *ctxs = arena_sprintf(a, "loading KV pairs: file sources: %s",
						   list_text(a, &g->files));
			return wrap_at(e, src, ctxs);
		}
		pairs_push(a, all, key, strlen(key), data, len);
	}
	return 0;
}

static int bytes_cmp(const char *a, size_t al, const char *b, size_t bl)
{
	int c = memcmp(a, b, al < bl ? al : bl);
	if (c)
		return c;
	return al < bl ? -1 : al > bl;
}

typedef struct keyref {
	const gen_pair *p;
	size_t idx;
} keyref;

static int keyref_cmp(const void *x, const void *y)
{
	const keyref *a = x, *b = y;
	int c = bytes_cmp(a->p->key, a->p->key_len, b->p->key, b->p->key_len);
	if (c)
		return c;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* Sorts the pairs by key; fails on the first key (in source order) that
 * repeats an earlier one, as kustomize reports it. */
static int sort_unique(arena *a, const genargs *g, const gen_pairs *all, keyref **out, err *e)
{
	keyref *r = arena_alloc(a, (all->n + 1) * sizeof *r);
	for (size_t i = 0; i < all->n; i++)
		r[i] = (keyref){&all->v[i], i};
	qsort(r, all->n, sizeof *r, keyref_cmp);
	size_t bad = SIZE_MAX;
	for (size_t i = 1; i < all->n; i++)
		if (bytes_eq(r[i].p->key, r[i].p->key_len, r[i - 1].p->key, r[i - 1].p->key_len) &&
		    r[i].idx < bad)
			bad = r[i].idx;
	if (bad != SIZE_MAX) {
		const gen_pair *p = &all->v[bad];
		return fail_at(e, g->at, "configmap %.*s illegally repeats the key `%.*s`",
			       (int)g->name_len, g->name, (int)p->key_len, p->key);
	}
	*out = r;
	return 0;
}

/* ---------- object construction ---------- */

static node *str_node(arena *a, const char *s, size_t len)
{
	node *n = node_strn(a, s, len);
	n->flags = NODE_F_QUOTED;
	return n;
}

static void map_put(arena *a, node *m, const char *k, size_t kl, node *v)
{
	for (uint32_t i = 0; i < m->map.n; i++)
		if (bytes_eq(m->map.v[i].key->str.s, m->map.v[i].key->str.len, k, kl)) {
			m->map.v[i].val = v;
			return;
		}
	node_append(a, m, str_node(a, k, kl), v);
}

static node *wrapped_node(arena *a, const char *data, size_t len)
{
	const char *s;
	size_t n;
	gen_base64_wrapped(a, data, len, &s, &n);
	return str_node(a, s, n);
}

static void add_meta_map(arena *a, node *meta, const char *field, const gen_pairs *p)
{
	if (!p->n)
		return;
	node *m = node_map(a);
	for (size_t i = 0; i < p->n; i++)
		map_put(a, m, p->v[i].key, p->v[i].key_len, str_node(a, p->v[i].val, p->v[i].val_len));
	node_set(a, meta, field, m);
}

static void fill_data(arena *a, node *obj, bool secret, const keyref *r, size_t n)
{
	node *data = NULL, *bin = NULL;
	/* Secrets always get a data map, even an empty one. */
	if (secret)
		data = node_ensure_map(a, obj, "data");
	for (size_t i = 0; i < n; i++) {
		const gen_pair *p = r[i].p;
		node *v;
		if (secret) {
			v = wrapped_node(a, p->val, p->val_len);
		} else if (utf8_valid(p->val, p->val_len)) {
			if (!data)
				data = node_ensure_map(a, obj, "data");
			v = str_node(a, p->val, p->val_len);
		} else {
			if (!bin)
				bin = node_ensure_map(a, obj, "binaryData");
			node_append(a, bin, str_node(a, p->key, p->key_len),
				    wrapped_node(a, p->val, p->val_len));
			continue;
		}
		node_append(a, data, str_node(a, p->key, p->key_len), v);
	}
}

static void set_pos_all(node *n, const node *at)
{
	if (!n || !at || n->line)
		return;
	node_set_pos(n, at);
	if (n->kind == NODE_MAP) {
		for (uint32_t i = 0; i < n->map.n; i++) {
			set_pos_all(n->map.v[i].key, at);
			set_pos_all(n->map.v[i].val, at);
		}
	} else if (n->kind == NODE_SEQ) {
		for (uint32_t i = 0; i < n->seq.n; i++)
			set_pos_all(n->seq.v[i], at);
	}
}

static const char *norm_behavior(const char *b)
{
	if (!strcmp(b, "merge"))
		return "merge";
	if (!strcmp(b, "replace"))
		return "replace";
	return "create";
}

/* Decodes the entry and generatorOptions, merged. */
static int decode_all(arena *a, const char *kind, const node *args, const node *global_opts,
		      genargs *g, err *e)
{
	if (strcmp(kind, "Secret") != 0 && strcmp(kind, "ConfigMap") != 0)
		return err_set(e, "generator kind must be ConfigMap or Secret, not %s", kind);
	genopts global = {0};
	if (read_args(a, kind, args, g, e))
		return -1;
	if (global_opts) {
		jtype t = kust_json_type(global_opts);
		if (t == J_OBJECT) {
			if (read_opts(a, global_opts, "generatorOptions", &global, e))
				return -1;
		} else if (t != J_NULL) {
			return type_error(e, global_opts, t, "Kustomization.generatorOptions",
					  "types.GeneratorOptions");
		}
	}
	merge_global_opts(a, &g->opts, &global);
	return 0;
}

int gen_check_args(arena *a, const char *kind, const node *args, const node *global_opts,
		   err *e)
{
	genargs g;
	return decode_all(a, kind, args, global_opts, &g, e);
}

int gen_build(arena *a, const char *kind, const node *args, const node *global_opts,
	      gen_read_fn read, void *ctx, gen_result *out, err *e)
{
	bool secret = strcmp(kind, "Secret") == 0;
	genargs g;
	if (decode_all(a, kind, args, global_opts, &g, e))
		return -1;
	if (check_marshal(&g, e))
		return -1;
	if (!g.name || !g.name_len)
		return fail_at(e, args, "a configmap must have a name");

	node *obj = node_map(a);
	node_set(a, obj, "apiVersion", str_node(a, "v1", 2));
	node_set(a, obj, "kind", str_node(a, kind, strlen(kind)));
	node *meta = node_ensure_map(a, obj, "metadata");
	node_set(a, meta, "name", str_node(a, g.name, g.name_len));
	if (g.ns && g.ns_len)
		node_set(a, meta, "namespace", str_node(a, g.ns, g.ns_len));
	if (secret) {
		if (g.type && g.type_len)
			node_set(a, obj, "type", str_node(a, g.type, g.type_len));
		else
			node_set(a, obj, "type", str_node(a, "Opaque", 6));
	}

	gen_pairs all = {0};
	keyref *sorted = NULL;
	if (load_envs(a, &g, read, ctx, &all, e) || load_literals(a, &g, &all, e) ||
	    load_files(a, &g, read, ctx, &all, e) || sort_unique(a, &g, &all, &sorted, e))
		return -1;
	fill_data(a, obj, secret, sorted, all.n);
	add_meta_map(a, meta, "labels", &g.opts.labels);
	add_meta_map(a, meta, "annotations", &g.opts.annotations);
	if (g.opts.immutable)
		node_set(a, obj, "immutable", node_scalar(a, NODE_BOOL, "true", 4));
	set_pos_all(obj, args);

	out->obj = obj;
	out->needs_hash = !g.opts.disable_hash;
	out->behavior = norm_behavior(g.behavior);
	return 0;
}

/* ---------- name-suffix hash ---------- */

/* Go encoding/json string: HTML-safe, invalid UTF-8 as U+FFFD. */
static void json_string(buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;
	buf_addc(b, '"');
	for (size_t i = 0; i < n;) {
		unsigned char c = p[i];
		if (c < 0x80) {
			switch (c) {
			case '"': buf_adds(b, "\\\""); break;
			case '\\': buf_adds(b, "\\\\"); break;
			case '\n': buf_adds(b, "\\n"); break;
			case '\r': buf_adds(b, "\\r"); break;
			case '\t': buf_adds(b, "\\t"); break;
			case '\b': buf_adds(b, "\\b"); break;
			case '\f': buf_adds(b, "\\f"); break;
			case '<': case '>': case '&':
				buf_adds(b, "\\u00");
				buf_addc(b, hex[c >> 4]);
				buf_addc(b, hex[c & 15]);
				break;
			default:
				if (c < 0x20) {
					buf_adds(b, "\\u00");
					buf_addc(b, hex[c >> 4]);
					buf_addc(b, hex[c & 15]);
				} else {
					buf_addc(b, (char)c);
				}
			}
			i++;
			continue;
		}
		uint32_t cp;
		size_t k = utf8_seq(p + i, n - i, &cp);
		if (!k) {
			buf_adds(b, "\\ufffd");
			i++;
		} else if (cp == 0x2028 || cp == 0x2029) {
			buf_printf(b, "\\u%04x", cp);
			i += k;
		} else {
			buf_add(b, s + i, k);
			i += k;
		}
	}
	buf_addc(b, '"');
}

/* A float64 as encoding/json writes it. */
static int json_float(buf *b, double v, err *e)
{
	if (isinf(v) || isnan(v))
		return err_set(e, "json: unsupported value: %s",
			       isnan(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf");
	scalar_json_float(b, v);
	return 0;
}

static int json_number(buf *b, const node *n, err *e)
{
	buf t = BUF_INIT;
	double v;
	if (scalar_number_text(&t, n->str.s, n->str.len) == 0 && t.p) {
		v = strtod(t.p, NULL);
	} else {
		/* .inf, -.inf, .nan: JSON cannot carry them. */
		bool nan = strpbrk(n->str.s, "nN") && !strpbrk(n->str.s, "iI");
		v = nan ? NAN : n->str.s[0] == '-' ? -INFINITY : INFINITY;
	}
	buf_free(&t);
	return json_float(b, v, e);
}

static int json_value(buf *b, const node *n, err *e);

static int json_object(buf *b, const node *m, err *e)
{
	node_pair **v = malloc((m->map.n + 1) * sizeof *v);
	if (!v)
		abort();
	for (uint32_t i = 0; i < m->map.n; i++)
		v[i] = &m->map.v[i];
	qsort(v, m->map.n, sizeof *v, pair_cmp);
	int rc = 0;
	buf_addc(b, '{');
	for (uint32_t i = 0; i < m->map.n && !rc; i++) {
		if (i)
			buf_addc(b, ',');
		json_string(b, v[i]->key->str.s, v[i]->key->str.len);
		buf_addc(b, ':');
		rc = json_value(b, v[i]->val, e);
	}
	buf_addc(b, '}');
	free(v);
	return rc;
}

/* A value the way kyaml's MarshalJSON (go-yaml v3 decode, encoding/json)
 * and a JSON round trip through interface{} leave it: numbers become
 * float64, plain timestamps RFC 3339 strings. */
static int json_value(buf *b, const node *n, err *e)
{
	switch (n->kind) {
	case NODE_NULL:
		buf_adds(b, "null");
		return 0;
	case NODE_BOOL:
		buf_adds(b, node_str_is(n, "true") ? "true" : "false");
		return 0;
	case NODE_INT:
	case NODE_FLOAT:
		return json_number(b, n, e);
	case NODE_STR:
		if ((n->flags & (NODE_F_TIMESTAMP | NODE_F_QUOTED)) == NODE_F_TIMESTAMP) {
			buf t = BUF_INIT;
			if (scalar_timestamp_rfc3339(&t, n->str.s, n->str.len) == 0 && t.p) {
				json_string(b, t.p, t.len);
				buf_free(&t);
				return 0;
			}
			buf_free(&t);
		}
		json_string(b, n->str.s, n->str.len);
		return 0;
	case NODE_MAP:
		return json_object(b, n, e);
	case NODE_SEQ:
		buf_addc(b, '[');
		for (uint32_t i = 0; i < n->seq.n; i++) {
			if (i)
				buf_addc(b, ',');
			if (json_value(b, n->seq.v[i], e))
				return -1;
		}
		buf_addc(b, ']');
		return 0;
	}
	return 0;
}

/* One field of the hashed object as kustomize's hasher reads it: "" when
 * absent, the raw text of a scalar, a map as JSON, anything else null. */
static int hash_field(buf *b, const node *v, err *e)
{
	if (!v) {
		buf_adds(b, "\"\"");
		return 0;
	}
	if (node_is_scalar(v)) {
		json_string(b, v->str.s, v->str.len);
		return 0;
	}
	if (v->kind == NODE_MAP)
		return json_object(b, v, e);
	buf_adds(b, "null");
	return 0;
}

/* binaryData / stringData join only when they decode as a JSON object
 * (a map, or a list, which decodes to a nil map). */
static bool hash_optional(const node *v)
{
	return v && (v->kind == NODE_MAP || v->kind == NODE_SEQ);
}

static int hash_text(buf *b, const node *obj, err *e)
{
	const char *kind = node_get_str(obj, "kind");
	const node *data = node_get(obj, "data");
	if (kind && !strcmp(kind, "ConfigMap")) {
		const node *bin = node_get(obj, "binaryData");
		buf_addc(b, '{');
		if (hash_optional(bin)) {
			buf_adds(b, "\"binaryData\":");
			if (hash_field(b, bin, e))
				return -1;
			buf_addc(b, ',');
		}
		buf_adds(b, "\"data\":");
		if (hash_field(b, data, e))
			return -1;
		buf_adds(b, ",\"kind\":\"ConfigMap\",\"name\":\"\"}");
		return 0;
	}
	if (kind && !strcmp(kind, "Secret")) {
		const node *sd = node_get(obj, "stringData");
		buf_adds(b, "{\"data\":");
		if (hash_field(b, data, e))
			return -1;
		buf_adds(b, ",\"kind\":\"Secret\",\"name\":\"\"");
		if (hash_optional(sd)) {
			buf_adds(b, ",\"stringData\":");
			if (hash_field(b, sd, e))
				return -1;
		}
		buf_adds(b, ",\"type\":");
		if (hash_field(b, node_get(obj, "type"), e))
			return -1;
		buf_addc(b, '}');
		return 0;
	}
	return err_set(e, "cannot compute a name hash for kind %s: only ConfigMap and Secret",
		       kind ? kind : "(none)");
}

int gen_hash_suffix(const node *obj, char out[11], err *e)
{
	buf b = BUF_INIT;
	if (hash_text(&b, obj, e)) {
		buf_free(&b);
		return -1;
	}
	char hex[2 * SHA256_DIGEST_LEN + 1];
	sha256_hex(b.p, b.len, hex);
	buf_free(&b);
	for (int i = 0; i < 10; i++) {
		char c = hex[i];
		switch (c) {
		case '0': c = 'g'; break;
		case '1': c = 'h'; break;
		case '3': c = 'k'; break;
		case 'a': c = 'm'; break;
		case 'e': c = 't'; break;
		default: break;
		}
		out[i] = c;
	}
	out[10] = '\0';
	return 0;
}

/* ---------- behavior: merge / replace ---------- */

/* kyaml GetLabels/GetAnnotations: every value as its raw text (a null is
 * "null" or "~" as written, a map or list ""). */
static void meta_strings(arena *a, const node *m, gen_pairs *out)
{
	if (!m || m->kind != NODE_MAP)
		return;
	for (uint32_t i = 0; i < m->map.n; i++) {
		const node *k = m->map.v[i].key, *v = m->map.v[i].val;
		if (node_is_scalar(v))
			pairs_put(a, out, k->str.s, k->str.len, v->str.s, v->str.len);
		else
			pairs_put(a, out, k->str.s, k->str.len, "", 0);
	}
}

/* kyaml GetDataMap: like meta_strings, but a null value becomes "". */
static void data_strings(arena *a, const node *m, gen_pairs *out)
{
	if (!m || m->kind != NODE_MAP)
		return;
	for (uint32_t i = 0; i < m->map.n; i++) {
		const node *k = m->map.v[i].key, *v = m->map.v[i].val;
		if (node_is_scalar(v) && v->kind != NODE_NULL)
			pairs_put(a, out, k->str.s, k->str.len, v->str.s, v->str.len);
		else
			pairs_put(a, out, k->str.s, k->str.len, "", 0);
	}
}

/* Writes the map field from pairs, or removes the field when there are
 * none (kyaml's SetLabels / SetDataMap clear first). */
static void put_string_map(arena *a, node *parent, const char *field, const gen_pairs *p)
{
	node_del(parent, field);
	if (!p->n)
		return;
	node *m = node_map(a);
	for (size_t i = 0; i < p->n; i++)
		node_append(a, m, str_node(a, p->v[i].key, p->v[i].key_len),
			    str_node(a, p->v[i].val, p->v[i].val_len));
	node_set(a, parent, field, m);
}

static void merge_pairs(arena *a, gen_pairs *into, const gen_pairs *newer)
{
	for (size_t i = 0; i < newer->n; i++)
		pairs_put(a, into, newer->v[i].key, newer->v[i].key_len, newer->v[i].val,
			  newer->v[i].val_len);
}

int gen_merge_into(arena *a, node *existing, const node *generated, const char *behavior,
		   err *e)
{
	bool merge = behavior && !strcmp(behavior, "merge");
	if (!merge && !(behavior && !strcmp(behavior, "replace")))
		return err_set(e, "behavior must be merge or replace, not %s",
			       behavior ? behavior : "(none)");
	if (!existing || existing->kind != NODE_MAP || !generated || generated->kind != NODE_MAP)
		return err_set(e, "merge or replace needs two objects");

	node *res = node_clone(a, generated);
	const node *ometa = node_get(existing, "metadata");
	node *meta = node_ensure_map(a, res, "metadata");
	const node *nmeta = node_get(generated, "metadata");

	gen_pairs labels = {0}, ann = {0}, nl = {0}, na = {0};
	meta_strings(a, node_get(ometa, "labels"), &labels);
	meta_strings(a, node_get(nmeta, "labels"), &nl);
	merge_pairs(a, &labels, &nl);
	put_string_map(a, meta, "labels", &labels);
	meta_strings(a, node_get(ometa, "annotations"), &ann);
	meta_strings(a, node_get(nmeta, "annotations"), &na);
	merge_pairs(a, &ann, &na);
	put_string_map(a, meta, "annotations", &ann);

	const node *oname = node_get(ometa, "name");
	if (oname)
		node_set(a, meta, "name", node_clone(a, oname));
	const node *ons = node_get(ometa, "namespace");
	if (ons && node_is_scalar(ons) && ons->kind != NODE_NULL && ons->str.len)
		node_set(a, meta, "namespace", node_clone(a, ons));
	else
		node_del(meta, "namespace");

	if (merge) {
		static const char *const fields[] = {"data", "binaryData"};
		for (int f = 0; f < 2; f++) {
			gen_pairs d = {0}, nd = {0};
			data_strings(a, node_get(existing, fields[f]), &d);
			data_strings(a, node_get(generated, fields[f]), &nd);
			merge_pairs(a, &d, &nd);
			put_string_map(a, res, fields[f], &d);
		}
	}
	*existing = *res;
	return 0;
}
