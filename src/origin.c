/* origin.c - buildMetadata's origin and transformer annotations; see
 * origin.h. */
#include "strata/origin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strata/scalar.h"

unsigned origin_meta_flags(const node *list)
{
	unsigned f = 0;
	for (uint32_t i = 0; list && list->kind == NODE_SEQ && i < list->seq.n; i++) {
		const node *v = list->seq.v[i];
		if (node_str_is(v, "originAnnotations"))
			f |= ORIGIN_META_ORIGIN;
		else if (node_str_is(v, "transformerAnnotations"))
			f |= ORIGIN_META_XFORMS;
		else if (node_str_is(v, "managedByLabel"))
			f |= ORIGIN_META_MANAGED_BY;
	}
	return f;
}

/* --- Go's path.Join ---------------------------------------------------- */

/* Lexical clean of s (len n) into out, which has room for n + 1 bytes. */
static size_t clean_into(char *out, const char *s, size_t n)
{
	bool rooted = n && s[0] == '/';
	size_t r = rooted, w = rooted, dotdot = rooted;
	if (rooted)
		out[0] = '/';
	while (r < n) {
		if (s[r] == '/') {
			r++;
		} else if (s[r] == '.' && (r + 1 == n || s[r + 1] == '/')) {
			r++;
		} else if (s[r] == '.' && s[r + 1] == '.' && (r + 2 == n || s[r + 2] == '/')) {
			r += 2;
			if (w > dotdot) {
				w--;
				while (w > dotdot && out[w] != '/')
					w--;
			} else if (!rooted) {
				if (w > 0)
					out[w++] = '/';
				out[w++] = '.';
				out[w++] = '.';
				dotdot = w;
			}
		} else {
			if ((rooted && w != 1) || (!rooted && w != 0))
				out[w++] = '/';
			while (r < n && s[r] != '/')
				out[w++] = s[r++];
		}
	}
	if (w == 0)
		out[w++] = '.';
	return w;
}

char *origin_join(arena *a, const char *dir, const char *rel)
{
	dir = dir ? dir : "";
	rel = rel ? rel : "";
	size_t dl = strlen(dir), rl = strlen(rel);
	if (!dl && !rl)
		return arena_strdup(a, "");
	char *joined = arena_alloc(a, dl + rl + 2);
	size_t n = 0;
	memcpy(joined, dir, dl);
	n = dl;
	if (dl && rl)
		joined[n++] = '/';
	memcpy(joined + n, rel, rl);
	n += rl;
	char *out = arena_alloc(a, n + 2);
	out[clean_into(out, joined, n)] = '\0';
	return out;
}

/* --- origins ------------------------------------------------------------ */

res_origin *origin_file(arena *a, const char *dir, const char *rel)
{
	res_origin *o = arena_alloc(a, sizeof *o);
	o->path = origin_join(a, dir, rel);
	return o;
}

res_origin *origin_builtin(arena *a, const char *dir, const char *kfile, const char *kind)
{
	res_origin *o = arena_alloc(a, sizeof *o);
	o->configured_in = origin_join(a, dir, kfile);
	o->api_version = "builtin";
	o->kind = kind;
	return o;
}

res_origin *origin_of_config(arena *a, const resource *conf)
{
	if (!conf->origin)
		return NULL;
	res_origin *o = arena_alloc(a, sizeof *o);
	const node *md = node_get(conf->obj, "metadata");
	o->configured_in = conf->origin->path;
	o->api_version = node_get_str(conf->obj, "apiVersion");
	o->kind = node_get_str(conf->obj, "kind");
	o->name = node_get_str(md, "name");
	o->ns = node_get_str(md, "namespace");
	return o;
}

void origin_record(arena *a, resmap *m, const res_origin *o)
{
	if (!o)
		return;
	for (size_t i = 0; i < m->n; i++) {
		resource *r = m->v[i];
		if (!r->origin) {
			r->origin = o;
			continue;
		}
		res_trail *t = arena_alloc(a, sizeof *t);
		t->o = o;
		t->prev = r->xforms;
		r->xforms = t;
	}
}

/* --- YAML text ----------------------------------------------------------- */

static bool is_blankz(const char *s, size_t i, size_t n)
{
	return i >= n || s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r';
}

/* Characters libyaml's emitter will not write in a plain or single-quoted
 * scalar: control characters (tab included) and DEL. */
static bool has_special(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f)
			return true;
	}
	return false;
}

/* libyaml's analysis of a scalar for the plain style in block context. */
static bool plain_allowed(const char *s, size_t n)
{
	if (n >= 3 && (!memcmp(s, "---", 3) || !memcmp(s, "...", 3)))
		return false;
	if (s[0] == ' ' || s[n - 1] == ' ')
		return false;
	if (strchr("#,[]{}&*!|>'\"%@`", s[0]))
		return false;
	if ((s[0] == '?' || s[0] == ':' || s[0] == '-') && is_blankz(s, 1, n))
		return false;
	for (size_t i = 1; i < n; i++) {
		if (s[i] == ':' && is_blankz(s, i + 1, n))
			return false;
		if (s[i] == '#' && (s[i - 1] == ' ' || s[i - 1] == '\t'))
			return false;
	}
	return true;
}

static void put_double_quoted(buf *out, const char *s, size_t n)
{
	buf_addc(out, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '"':
			buf_adds(out, "\\\"");
			break;
		case '\\':
			buf_adds(out, "\\\\");
			break;
		case '\t':
			buf_adds(out, "\\t");
			break;
		case '\n':
			buf_adds(out, "\\n");
			break;
		case '\r':
			buf_adds(out, "\\r");
			break;
		default:
			if (c < 0x20 || c == 0x7f)
				buf_printf(out, "\\x%02X", c);
			else
				buf_addc(out, (char)c);
		}
	}
	buf_addc(out, '"');
}

/* go-yaml v3: a string that would read back as another type is double
 * quoted; one the emitter cannot write plain is single quoted. */
static void put_scalar(buf *out, const char *s)
{
	size_t n = strlen(s);
	if (!n || scalar_resolve_v3(s, n) != SCALAR_STR || scalar_is_base60_float(s, n) ||
	    scalar_is_bool11(s, n) || has_special(s, n)) {
		put_double_quoted(out, s, n);
		return;
	}
	if (plain_allowed(s, n)) {
		buf_add(out, s, n);
		return;
	}
	buf_addc(out, '\'');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\'')
			buf_addc(out, '\'');
		buf_addc(out, s[i]);
	}
	buf_addc(out, '\'');
}

static void put_field(buf *out, const char *indent, const char *key, const char *val)
{
	if (!val || !val[0])
		return;
	buf_adds(out, indent);
	buf_adds(out, key);
	buf_adds(out, ": ");
	put_scalar(out, val);
	buf_addc(out, '\n');
}

static bool has(const char *s)
{
	return s && s[0];
}

/* The fields of o in kustomize's order, the first line prefixed with
 * first and the others with indent. */
static void put_origin(buf *out, const res_origin *o, const char *first, const char *indent)
{
	const char *pre = first;
	bool wrote = false;
	if (has(o->path)) {
		put_field(out, pre, "path", o->path);
		pre = indent, wrote = true;
	}
	if (has(o->configured_in)) {
		put_field(out, pre, "configuredIn", o->configured_in);
		pre = indent, wrote = true;
	}
	if (has(o->api_version) || has(o->kind) || has(o->name) || has(o->ns)) {
		char deeper[16];
		snprintf(deeper, sizeof deeper, "%s  ", indent);
		buf_adds(out, pre);
		buf_adds(out, "configuredBy:\n");
		put_field(out, deeper, "apiVersion", o->api_version);
		put_field(out, deeper, "kind", o->kind);
		put_field(out, deeper, "name", o->name);
		put_field(out, deeper, "namespace", o->ns);
		wrote = true;
	}
	if (!wrote) {
		buf_adds(out, first);
		buf_adds(out, "{}\n");
	}
}

void origin_yaml(buf *out, const res_origin *o)
{
	put_origin(out, o, "", "");
}

void origin_trail_yaml(buf *out, const res_trail *t)
{
	size_t n = 0;
	for (const res_trail *p = t; p; p = p->prev)
		n++;
	if (!n) {
		buf_adds(out, "[]\n");
		return;
	}
	const res_trail *stack[64];
	const res_trail **v = n <= 64 ? stack : malloc(n * sizeof *v);
	size_t i = n;
	for (const res_trail *p = t; p; p = p->prev)
		v[--i] = p;
	for (i = 0; i < n; i++)
		put_origin(out, v[i]->o, "- ", "  ");
	if (v != stack)
		free(v);
}

static void set_annotation(arena *a, node *obj, const char *key, buf *text)
{
	node *md = node_ensure_map(a, obj, "metadata");
	node *an = node_get(md, "annotations");
	if (!an || an->kind != NODE_MAP) {
		node_del(md, "annotations");
		an = node_ensure_map(a, md, "annotations");
	}
	node_set(a, an, key, node_strn(a, text->p, text->len));
}

void origin_annotate(arena *a, resource *r, unsigned flags)
{
	buf t = BUF_INIT;
	if ((flags & ORIGIN_META_ORIGIN) && r->origin) {
		origin_yaml(&t, r->origin);
		set_annotation(a, r->obj, ORIGIN_ANNOTATION, &t);
	}
	if ((flags & ORIGIN_META_XFORMS) && r->xforms) {
		buf_reset(&t);
		origin_trail_yaml(&t, r->xforms);
		set_annotation(a, r->obj, ORIGIN_XFORM_ANNOTATION, &t);
	}
	buf_free(&t);
}
