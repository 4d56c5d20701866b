/* xform_replacements.c - the `replacements` transformer; see
 * xform_values.h.
 *
 * Mirrors kustomize v5.5.0: the source value is found with kyaml's path
 * getter (exact list selectors, no wildcards), targets with its path
 * matcher (list selectors are unanchored regular expressions matched
 * against the element field's YAML text, `*` visits every element, and
 * with `create` missing fields, list elements and appended indexes are
 * made).  A target scalar keeps its type and gets only the new text.
 */
#include "strata/xform_values.h"

#include <ctype.h>
#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strata/buf.h"
#include "strata/emit.h"
#include "strata/goregex.h"
#include "strata/limits.h"
#include "strata/parse.h"
#include "strata/selector.h"
#include "xform_internal.h"

/* ------------------------------------------------------------ schemas */

#define STR_FIELD(n) {n, XT_STR, "string", NULL, NULL}
#define END_FIELD {NULL, XT_STR, NULL, NULL, NULL}

static const xfield OPT_FIELDS[] = {
	STR_FIELD("delimiter"),
	{"index", XT_INT, "int", NULL, NULL},
	STR_FIELD("encoding"),
	{"create", XT_BOOL, "bool", NULL, NULL},
	END_FIELD,
};
static const xschema OPT_SCHEMA = {"FieldOptions", OPT_FIELDS};

static const xfield SRC_FIELDS[] = {
	STR_FIELD("group"), STR_FIELD("version"), STR_FIELD("kind"), STR_FIELD("name"),
	STR_FIELD("namespace"), STR_FIELD("fieldPath"),
	{"options", XT_OBJ, "types.FieldOptions", &OPT_SCHEMA, NULL},
	END_FIELD,
};
static const xschema SRC_SCHEMA = {"SourceSelector", SRC_FIELDS};

static const xfield SEL_FIELDS[] = {
	STR_FIELD("group"), STR_FIELD("version"), STR_FIELD("kind"), STR_FIELD("name"),
	STR_FIELD("namespace"), STR_FIELD("annotationSelector"), STR_FIELD("labelSelector"),
	END_FIELD,
};
static const xschema SEL_SCHEMA = {"Selector", SEL_FIELDS};

static const xfield TGT_FIELDS[] = {
	{"select", XT_OBJ, "types.Selector", &SEL_SCHEMA, NULL},
	{"reject", XT_OBJS, "[]*types.Selector", &SEL_SCHEMA, "types.Selector"},
	{"fieldPaths", XT_STRS, "[]string", NULL, NULL},
	{"options", XT_OBJ, "types.FieldOptions", &OPT_SCHEMA, NULL},
	END_FIELD,
};
static const xschema TGT_SCHEMA = {"TargetSelector", TGT_FIELDS};

/* A kustomization entry (ReplacementField) and a file's (Replacement). */
static const xfield ENTRY_FIELDS[] = {
	{"source", XT_OBJ, "types.SourceSelector", &SRC_SCHEMA, NULL},
	{"targets", XT_OBJS, "[]*types.TargetSelector", &TGT_SCHEMA, "types.TargetSelector"},
	STR_FIELD("path"),
	END_FIELD,
};
static const xschema ENTRY_SCHEMA = {"ReplacementField", ENTRY_FIELDS};
static const xfield FILE_FIELDS[] = {
	{"source", XT_OBJ, "types.SourceSelector", &SRC_SCHEMA, NULL},
	{"targets", XT_OBJS, "[]*types.TargetSelector", &TGT_SCHEMA, "types.TargetSelector"},
	END_FIELD,
};
static const xschema FILE_SCHEMA = {"Replacement", FILE_FIELDS};

static const xdec KUST_DEC = {"invalid Kustomization: ", true};
static const xdec FILE_DEC = {"error unmarshaling JSON: while decoding JSON: ", false};

/* ---------------------------------------------------------- the model */

typedef struct rsel {
	const char *group, *version, *kind, *name, *ns;
	const char *labels, *annos;  /* "" when not given */
} rsel;

typedef struct ropts {
	const char *delimiter;
	long long index;
	bool create;
} ropts;

typedef struct rtarget {
	const node *where;
	bool has_select;
	rsel select;
	rsel *reject;
	size_t nreject;
	const node **paths;  /* string nodes; none = metadata.name */
	size_t npaths;
	ropts opt;
} rtarget;

typedef struct repl {
	const node *where;
	const node *source_node;
	bool has_source;
	rsel source;
	const char *field_path;
	const node *field_path_node;
	ropts sopt;
	rtarget *targets;
	size_t ntargets;
} repl;

typedef struct rlist {
	repl *v;
	size_t n, cap;
} rlist;

static bool is_null(const node *n)
{
	return !n || (node_is_scalar(n) && !strcmp(xdec_json_type(n), "null"));
}

static void read_sel(const node *m, rsel *s)
{
	s->group = xdec_str(m, "group");
	s->version = xdec_str(m, "version");
	s->kind = xdec_str(m, "kind");
	s->name = xdec_str(m, "name");
	s->ns = xdec_str(m, "namespace");
	s->labels = xdec_str(m, "labelSelector");
	s->annos = xdec_str(m, "annotationSelector");
}

static void read_opts(const node *m, ropts *o)
{
	o->delimiter = xdec_str(m, "delimiter");
	o->index = xdec_int(m, "index");
	o->create = xdec_bool(m, "create");
}

static void read_target(arena *a, const node *m, rtarget *t)
{
	memset(t, 0, sizeof *t);
	t->where = m;
	const node *sel = xdec_field(m, "select");
	t->has_select = !is_null(sel);
	if (t->has_select)
		read_sel(sel, &t->select);
	const node *rej = xdec_field(m, "reject");
	if (rej && rej->kind == NODE_SEQ && rej->seq.n) {
		t->reject = arena_alloc(a, rej->seq.n * sizeof *t->reject);
		for (uint32_t i = 0; i < rej->seq.n; i++)
			if (!is_null(rej->seq.v[i]))
				read_sel(rej->seq.v[i], &t->reject[t->nreject++]);
	}
	const node *fps = xdec_field(m, "fieldPaths");
	if (fps && fps->kind == NODE_SEQ && fps->seq.n) {
		t->paths = arena_alloc(a, fps->seq.n * sizeof *t->paths);
		for (uint32_t i = 0; i < fps->seq.n; i++)
			t->paths[t->npaths++] = fps->seq.v[i];
	}
	read_opts(xdec_field(m, "options"), &t->opt);
}

/* One replacement from a checked map (a null one is all empty). */
static void read_repl(arena *a, const node *m, repl *r)
{
	memset(r, 0, sizeof *r);
	r->where = m;
	const node *src = xdec_field(m, "source");
	r->has_source = !is_null(src);
	r->source_node = src;
	if (r->has_source) {
		read_sel(src, &r->source);
		r->field_path_node = xdec_field(src, "fieldPath");
		r->field_path = xdec_str(src, "fieldPath");
		read_opts(xdec_field(src, "options"), &r->sopt);
	}
	const node *tg = xdec_field(m, "targets");
	if (tg && tg->kind == NODE_SEQ && tg->seq.n) {
		r->targets = arena_alloc(a, tg->seq.n * sizeof *r->targets);
		for (uint32_t i = 0; i < tg->seq.n; i++) {
			const node *t = tg->seq.v[i];
			read_target(a, is_null(t) ? NULL : t, &r->targets[r->ntargets]);
			if (is_null(t))
				r->targets[r->ntargets].where = t;
			r->ntargets++;
		}
	}
}

static void rlist_push(arena *a, rlist *l, const node *m)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		l->v = arena_grow(a, l->v, l->n * sizeof *l->v, cap * sizeof *l->v);
		l->cap = cap;
	}
	read_repl(a, m, &l->v[l->n++]);
}

/* ---------------------------------------------------- loading entries */

/* Go's reflect kind of what a YAML document decodes to. */
static const char *go_kind(const node *n)
{
	if (!n || n->kind == NODE_NULL)
		return "invalid";
	const char *jt = xdec_json_type(n);
	if (!strcmp(jt, "null"))
		return "invalid";
	if (!strcmp(jt, "number"))
		return "float64";
	return jt;  /* string, bool */
}

static int load_file(arena *a, rlist *l, const node *path, xform_read_fn read, void *ctx,
		     err *e)
{
	if (!read)
		return err_at(e, path->file, path->line, path->col,
			      "replacements from files are not available here");
	const char *display = NULL;
	char *data = NULL;
	size_t len = 0;
	if (read(ctx, path, &display, &data, &len, e))
		return -1;
	parse_docs docs;
	int rc = parse_yaml(a, display ? display : path->str.s, data, len, &docs, e);
	free(data);
	if (rc)
		return -1;
	const node *doc = docs.n ? docs.v[0] : NULL;
	if (doc && doc->kind == NODE_MAP) {
		if (xdec_check(&FILE_DEC, doc, &FILE_SCHEMA, "", e))
			return -1;
		rlist_push(a, l, doc);
		return 0;
	}
	if (!doc || doc->kind != NODE_SEQ)
		return err_at(e, doc ? doc->file : path->file, doc ? doc->line : path->line,
			      doc ? doc->col : path->col,
			      "unsupported replacement type encountered within replacement path: "
			      "%s; the file must hold one replacement (a map) or a list of them",
			      go_kind(doc));
	for (uint32_t i = 0; i < doc->seq.n; i++) {
		const node *el = doc->seq.v[i];
		if (!is_null(el) && el->kind != NODE_MAP)
			return err_at(e, el->file, el->line, el->col,
				      "%sjson: cannot unmarshal %s into Go value of type "
				      "types.Replacement; each list entry must be a replacement map",
				      FILE_DEC.prefix, xdec_json_type(el));
		if (!is_null(el) && xdec_check(&FILE_DEC, el, &FILE_SCHEMA, "", e))
			return -1;
		rlist_push(a, l, is_null(el) ? NULL : el);
	}
	return 0;
}

static int load_entries(arena *a, const node *list, xform_read_fn read, void *ctx, rlist *l,
			err *e)
{
	for (uint32_t i = 0; i < list->seq.n; i++) {
		const node *m = list->seq.v[i];
		if (is_null(m)) {
			rlist_push(a, l, NULL);
			continue;
		}
		const node *path = xdec_field(m, "path");
		if (is_null(path) || !path->str.len) {
			rlist_push(a, l, m);
			continue;
		}
		const node *tg = xdec_field(m, "targets");
		if (!is_null(xdec_field(m, "source")) || (tg && tg->kind == NODE_SEQ && tg->seq.n))
			return err_at(e, m->file, m->line, m->col,
				      "cannot specify both path and inline replacement; move the "
				      "replacement into the file or drop 'path'");
		if (load_file(a, l, path, read, ctx, e))
			return err_wrap(e, "trouble configuring builtin ReplacementTransformer "
					   "with replacements file '%s'",
					path->str.s);
	}
	return 0;
}

/* ------------------------------------------------------------- ids */

static const char *or_none(const char *s, const char *none)
{
	return s && s[0] ? s : none;
}

static const char *sel_string(arena *a, const rsel *s)
{
	return arena_sprintf(a, "%s.%s.%s/%s.%s", or_none(s->kind, "[noKind]"),
			     or_none(s->version, "[noVer]"), or_none(s->group, "[noGrp]"),
			     or_none(s->name, "[noName]"), or_none(s->ns, "[noNs]"));
}

/* kyaml's ResId.IsSelectedBy: given parts must be equal, an empty
 * namespace counting as "default" (here even for cluster-scoped kinds: a
 * ClusterRole is selected by namespace: default and by no other). */
static bool id_selected(const resid *id, const rsel *s)
{
	if (s->name[0] && strcmp(s->name, id->name))
		return false;
	if (s->ns[0] && strcmp(s->ns, id->ns[0] ? id->ns : "default"))
		return false;
	return (!s->group[0] || resid_group_is(id, s->group)) &&
	       (!s->version[0] || !strcmp(s->version, id->version)) &&
	       (!s->kind[0] || !strcmp(s->kind, id->kind));
}

static bool sel_empty_id(const rsel *s)
{
	return !s->group[0] && !s->version[0] && !s->kind[0] && !s->name[0] && !s->ns[0];
}

static bool any_id_selected(const resource *r, const rsel *s)
{
	resid cur = res_id(r);
	if (id_selected(&cur, s))
		return true;
	for (size_t i = 0; i < r->nprev; i++)
		if (id_selected(&r->prev[i], s))
			return true;
	return false;
}

static int meta_selects(const resource *r, const rsel *s, bool *match, err *e)
{
	*match = true;
	if (s->annos[0] &&
	    labelsel_matches(s->annos, node_dig(r->obj, "metadata", "annotations", NULL), match, e))
		return -1;
	if (*match && s->labels[0] &&
	    labelsel_matches(s->labels, node_dig(r->obj, "metadata", "labels", NULL), match, e))
		return -1;
	return 0;
}

/* Is r a target: selected (ids, labels, annotations) and not rejected by
 * any of its ids or by a reject's label/annotation selector? */
static int target_selects(const rtarget *t, const resource *r, bool *match, err *e)
{
	*match = false;
	bool ok;
	if (meta_selects(r, &t->select, &ok, e))
		return -1;
	if (!ok || !any_id_selected(r, &t->select))
		return 0;
	for (size_t i = 0; i < t->nreject; i++) {
		const rsel *rj = &t->reject[i];
		if (rj->labels[0] || rj->annos[0]) {
			if (meta_selects(r, rj, &ok, e))
				return -1;
			if (ok)
				return 0;
		}
		if (!sel_empty_id(rj) && any_id_selected(r, rj))
			return 0;
	}
	*match = true;
	return 0;
}

/* ------------------------------------------------------------- paths */

static void push_part(arena *a, char ***v, size_t *n, size_t *cap, const char *s, size_t len)
{
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 8;
		*v = arena_grow(a, *v, *n * sizeof **v, c * sizeof **v);
		*cap = c;
	}
	(*v)[(*n)++] = arena_strndup(a, s, len);
}

static bool ends_with(const char *s, char c)
{
	size_t n = strlen(s);
	return n && s[n - 1] == c;
}

/* kyaml's SmarterPathSplitter on '.': "\." escapes a dot, a leading dot
 * is dropped, and "[...]" spanning dots stays one part (its brackets
 * removed unless it is a list selector holding '='). */
static size_t path_split(arena *a, const char *fp, char ***out)
{
	char **raw = NULL, **res = NULL;
	size_t nraw = 0, craw = 0, nres = 0, cres = 0;
	const char *p = fp + (fp[0] == '.');
	for (;;) {
		const char *dot = strchr(p, '.');
		size_t len = dot ? (size_t)(dot - p) : strlen(p);
		if (nraw && ends_with(raw[nraw - 1], '\\')) {
			char *prev = raw[nraw - 1];
			size_t pl = strlen(prev) - 1;
			raw[nraw - 1] = arena_sprintf(a, "%.*s.%.*s", (int)pl, prev, (int)len, p);
		} else {
			push_part(a, &raw, &nraw, &craw, p, len);
		}
		if (!dot)
			break;
		p = dot + 1;
	}
	for (size_t i = 0; i < nraw; i++) {
		const char *el = raw[i];
		if (el[0] != '[' || ends_with(el, ']')) {
			push_part(a, &res, &nres, &cres, el, strlen(el));
			continue;
		}
		buf b = BUF_INIT;
		buf_adds(&b, el);
		while (i + 1 < nraw) {
			i++;
			buf_printf(&b, ".%s", raw[i]);
			if (ends_with(raw[i], ']'))
				break;
		}
		const char *s = b.p;
		size_t len = b.len;
		if (!strchr(s, '=')) {
			while (len && (*s == '[' || *s == ']'))
				s++, len--;
			while (len && (s[len - 1] == '[' || s[len - 1] == ']'))
				len--;
		}
		push_part(a, &res, &nres, &cres, s, len);
		buf_free(&b);
	}
	*out = res;
	return nres;
}

/* Go's strconv.Atoi. */
static bool go_atoi(const char *s, long long *v)
{
	const char *d = s + (*s == '+' || *s == '-');
	if (!*d || strspn(d, "0123456789") != strlen(d))
		return false;
	errno = 0;
	*v = strtoll(s, NULL, 10);
	return errno != ERANGE;
}

static bool is_list_index(const char *p)
{
	return p[0] == '[' && ends_with(p, ']');
}

static int split_index(const char *p, char **name, char **value, arena *a, err *e)
{
	size_t len = strlen(p);
	const char *in = p + 1, *eq = memchr(in, '=', len - 2);
	if (!eq)
		return err_set(e, "list path element must contain fieldName=fieldValue for "
				  "element to match");
	*name = arena_strndup(a, in, (size_t)(eq - in));
	*value = arena_strndup(a, eq + 1, (size_t)(p + len - 1 - eq - 1));
	return 0;
}

static int wrong_kind(err *e, const char *want, const node *got)
{
	if (!got->line)
		return err_set(e, "wrong node kind: expected %s but got %s", want,
			       xval_kind_name(got));
	return err_set(e, "wrong node kind: expected %s but got %s: the node at %s:%u:%u", want,
		       xval_kind_name(got), got->file ? got->file : "?", got->line, got->col);
}

static const char *scalar_text(const node *n)
{
	return node_is_scalar(n) ? n->str.s : "";
}

/* ---- the source: kyaml's path getter ---- */

static int get_step(arena *a, node *rn, const char *part, node **out, err *e)
{
	*out = NULL;
	long long idx;
	if (go_atoi(part, &idx) || !strcmp(part, "-")) {
		bool last = !strcmp(part, "-");
		if (!last && idx < 0)
			return err_set(e, "array index %lld cannot be negative", idx);
		if (rn->kind == NODE_NULL)
			return 0;
		if (rn->kind != NODE_SEQ)
			return wrong_kind(e, "SequenceNode", rn);
		if (last && rn->seq.n)
			*out = rn->seq.v[rn->seq.n - 1];
		else if (!last && (unsigned long long)idx < rn->seq.n)
			*out = rn->seq.v[idx];
		return 0;
	}
	if (!strcmp(part, "*"))
		return err_set(e, "wildcard is not supported in PathGetter");
	if (is_list_index(part)) {
		char *name, *value;
		if (split_index(part, &name, &value, a, e))
			return -1;
		if (rn->kind == NODE_NULL)
			return 0;
		if (rn->kind != NODE_SEQ)
			return wrong_kind(e, "SequenceNode", rn);
		for (uint32_t i = 0; i < rn->seq.n; i++) {
			node *el = rn->seq.v[i];
			if (!name[0] ? !strcmp(scalar_text(el), value)
				     : el->kind == NODE_MAP && node_get(el, name) &&
					       !strcmp(scalar_text(node_get(el, name)), value)) {
				*out = el;
				return 0;
			}
		}
		return 0;
	}
	if (rn->kind == NODE_NULL)
		return 0;
	if (rn->kind != NODE_MAP)
		return wrong_kind(e, "MappingNode", rn);
	*out = node_get(rn, part);
	return 0;
}

static int source_lookup(arena *a, node *obj, const char *fp, node **out, err *e)
{
	char **parts;
	size_t n = path_split(a, fp, &parts);
	node *cur = obj;
	for (size_t i = 0; i < n && cur; i++) {
		char *p = parts[i];
		while (isspace((unsigned char)*p))
			p++;
		size_t len = strlen(p);
		while (len && isspace((unsigned char)p[len - 1]))
			p[--len] = 0;
		if (!len)
			continue;
		if (get_step(a, cur, p, &cur, e))
			return -1;
	}
	*out = cur;
	return 0;
}

static bool nil_or_empty(const node *n)
{
	return !n || n->kind == NODE_NULL || (n->kind == NODE_MAP && !n->map.n) ||
	       (n->kind == NODE_SEQ && !n->seq.n);
}

/* Go's strings.Split (sep not empty). */
static size_t split_text(arena *a, const char *s, const char *sep, char ***out)
{
	size_t sl = strlen(sep), n = 1;
	for (const char *p = strstr(s, sep); p; p = strstr(p + sl, sep))
		n++;
	char **v = arena_alloc(a, n * sizeof *v);
	size_t k = 0;
	for (const char *p = s;; k++) {
		const char *q = strstr(p, sep);
		if (!q) {
			v[k] = arena_strdup(a, p);
			break;
		}
		v[k] = arena_strndup(a, p, (size_t)(q - p));
		p = q + sl;
	}
	*out = v;
	return n;
}

static const char *join_text(arena *a, char **v, size_t n, const char *sep)
{
	buf b = BUF_INIT;
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? sep : "", v[i]);
	const char *s = arena_strdup(a, b.p ? b.p : "");
	buf_free(&b);
	return s;
}

static int source_value(arena *a, const resmap *m, const repl *r, node **value, err *e)
{
	const resource *src = NULL;
	const node *at = r->source_node;
	for (size_t i = 0; i < m->n; i++) {
		if (!any_id_selected(m->v[i], &r->source))
			continue;
		if (src)
			return err_at(e, at->file, at->line, at->col,
				      "multiple matches for selector %s; give the source a name, "
				      "namespace or kind that only one object has",
				      sel_string(a, &r->source));
		src = m->v[i];
	}
	if (!src)
		return err_at(e, at->file, at->line, at->col,
			      "nothing selected by %s; no object has that kind, name and namespace",
			      sel_string(a, &r->source));
	const char *fp = r->field_path[0] ? r->field_path : "metadata.name";
	const node *fpn = r->field_path_node ? r->field_path_node : at;
	node *v;
	if (source_lookup(a, src->obj, fp, &v, e)) {
		char *msg = e->msg;
		e->msg = NULL;
		err_at(e, fpn->file, fpn->line, fpn->col, "error looking up replacement source: %s",
		       msg);
		free(msg);
		return -1;
	}
	if (nil_or_empty(v))
		return err_at(e, fpn->file, fpn->line, fpn->col,
			      "fieldPath `%s` is missing for replacement source %s; the source "
			      "object has no value there",
			      fp, sel_string(a, &r->source));
	*value = node_clone(a, v);
	if (!r->sopt.delimiter[0])
		return 0;
	if (!node_is_scalar(v))
		return err_at(e, fpn->file, fpn->line, fpn->col,
			      "delimiter option can only be used with scalar nodes");
	char **parts;
	size_t n = split_text(a, v->str.s, r->sopt.delimiter, &parts);
	if (r->sopt.index < 0 || (unsigned long long)r->sopt.index >= n)
		return err_at(e, fpn->file, fpn->line, fpn->col,
			      "options.index %lld is out of bounds for value %s", r->sopt.index,
			      v->str.s);
	const char *part = parts[r->sopt.index];
	return xval_set_keep_tag(a, *value, part, strlen(part), e);
}

/* ---- targets: kyaml's path matcher ---- */

typedef struct hit {
	node *n;
	bool fresh;  /* just created: an untagged scalar YAML resolves again */
} hit;

typedef struct matcher {
	arena *a;
	err *e;
	int create;  /* 0, or the value's node_kind + 1 */
	char **parts;
	size_t nparts;
	hit *hits;
	size_t nhits, cap;
	const node *created;  /* the list element made for [x=y], untagged too */
} matcher;

static void add_hit(matcher *mt, node *n, bool fresh)
{
	if (mt->nhits == mt->cap) {
		size_t c = mt->cap ? mt->cap * 2 : 8;
		mt->hits = arena_grow(mt->a, mt->hits, mt->nhits * sizeof *mt->hits, c * sizeof *mt->hits);
		mt->cap = c;
	}
	mt->hits[mt->nhits++] = (hit){n, fresh || n == mt->created};
}

static bool is_idx(const char *p, long long *idx)
{
	return go_atoi(p, idx) && *idx >= 0;
}

/* The kind of a node made for part i: a list where the next part selects
 * list elements, a map on the way, the value's kind at the end. */
static node *new_part(matcher *mt, size_t i, const node *pos)
{
	node *n;
	long long idx;
	if (i + 1 >= mt->nparts) {
		node_kind k = (node_kind)(mt->create - 1);
		n = k == NODE_MAP ? node_map(mt->a) : k == NODE_SEQ ? node_seq(mt->a)
								    : node_str(mt->a, "");
	} else if (is_list_index(mt->parts[i + 1]) || is_idx(mt->parts[i + 1], &idx)) {
		n = node_seq(mt->a);
	} else {
		n = node_map(mt->a);
	}
	node_set_pos(n, pos);
	return n;
}

/* Adds an element to a list; kyaml "adds" it to a null too, where it is
 * lost, so the walk goes on in a detached node. */
static void seq_add(matcher *mt, node *rn, node *el)
{
	if (rn->kind == NODE_SEQ)
		node_push(mt->a, rn, el);
}

static int match_at(matcher *mt, node *rn, size_t i, bool fresh);

/* YAML text of a list element's field, as kyaml's regexp sees it. */
static const char *match_text(matcher *mt, const node *v)
{
	if (v->kind == NODE_MAP || v->kind == NODE_SEQ) {
		buf b = BUF_INIT;
		err tmp = ERR_INIT;
		if (emit_doc(&b, v, &tmp))
			err_clear(&tmp);
		while (b.len && isspace((unsigned char)b.p[b.len - 1]))
			b.p[--b.len] = 0;
		const char *s = arena_strdup(mt->a, b.p ? b.p : "");
		buf_free(&b);
		return s;
	}
	if (v->flags & NODE_F_QUOTED)
		return xval_quote(mt->a, v->str.s);
	const char *s = v->str.s;
	while (isspace((unsigned char)*s))
		s++;
	size_t len = strlen(s);
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	return arena_strndup(mt->a, s, len);
}

static int match_list(matcher *mt, node *rn, size_t i, bool may_create)
{
	char *field, *value;
	if (split_index(mt->parts[i], &field, &value, mt->a, mt->e))
		return -1;
	if (rn->kind != NODE_SEQ && rn->kind != NODE_NULL)
		return wrong_kind(mt->e, "SequenceNode", rn);
	uint32_t n = rn->kind == NODE_SEQ ? rn->seq.n : 0;
	regex_t re;
	/* What Go refuses can also make glibc's compiler blow up. */
	char why[160];
	if (n && !goregex_check(value, why, sizeof why))
		return err_set(mt->e, "error parsing regexp: %s", why);
	int rc = n ? regcomp(&re, value, REG_EXTENDED | REG_NOSUB) : 0;
	if (rc) {
		char msg[256];
		regerror(rc, &re, msg, sizeof msg);
		return err_set(mt->e, "error parsing regexp: %s: `%s`", msg, value);
	}
	size_t before = mt->nhits;
	for (uint32_t k = 0; k < n && !rc; k++) {
		node *el = rn->seq.v[k];
		if (!field[0]) {
			if (!regexec(&re, match_text(mt, el), 0, NULL, 0))
				add_hit(mt, el, false);
			continue;
		}
		node *fv = el->kind == NODE_MAP ? node_get(el, field) : NULL;
		if (fv && !regexec(&re, match_text(mt, fv), 0, NULL, 0))
			rc = match_at(mt, el, i + 1, false);
	}
	if (n)
		regfree(&re);
	if (rc || mt->nhits > before || !mt->create || !may_create)
		return rc;
	/* Nothing matched: add an element holding the selector's value, then
	 * look again (once: a pattern that misses its own text stays unmatched). */
	node *val = node_str(mt->a, "");
	node_set_pos(val, rn);
	xval_set_untagged(mt->a, val, value, strlen(value), false);
	node *el = val;
	mt->created = val;
	if (field[0]) {
		el = node_map(mt->a);
		node_set_pos(el, rn);
		node *key = node_str(mt->a, field);
		node_set_pos(key, rn);
		node_append(mt->a, el, key, val);
	}
	if (rn->kind != NODE_SEQ) {
		/* lost in a null: only the new element can match */
		node *tmp = node_seq(mt->a);
		node_push(mt->a, tmp, el);
		return match_list(mt, tmp, i, false);
	}
	seq_add(mt, rn, el);
	return match_list(mt, rn, i, false);
}

static int match_index(matcher *mt, node *rn, size_t i, long long idx)
{
	if (rn->kind != NODE_SEQ && rn->kind != NODE_NULL)
		return wrong_kind(mt->e, "SequenceNode", rn);
	uint32_t n = rn->kind == NODE_SEQ ? rn->seq.n : 0;
	node *el = NULL;
	bool fresh = false;
	if ((unsigned long long)idx == n && mt->create) {
		el = new_part(mt, i, rn);
		seq_add(mt, rn, el);
		fresh = true;
	} else if ((unsigned long long)idx < n) {
		el = rn->seq.v[idx];
	}
	if (!el)
		return err_set(mt->e, "index %lld specified but only %u elements found", idx, n);
	return match_at(mt, el, i + 1, fresh);
}

static int match_field(matcher *mt, node *rn, size_t i)
{
	const char *part = mt->parts[i];
	node *field = NULL;
	if (rn->kind == NODE_NULL) {
		field = NULL;
	} else if (!part[0]) {
		if (!node_is_scalar(rn))
			return wrong_kind(mt->e, "ScalarNode", rn);
		field = rn->str.len ? NULL : rn;
	} else if (rn->kind != NODE_MAP) {
		return wrong_kind(mt->e, "MappingNode", rn);
	} else {
		field = node_get(rn, part);
	}
	if (field)
		return match_at(mt, field, i + 1, false);
	if (!mt->create)
		return 0;
	field = new_part(mt, i, rn);
	if (rn->kind == NODE_MAP) {
		node *key = node_str(mt->a, part);
		node_set_pos(key, rn);
		node_append(mt->a, rn, key, field);
	}
	return match_at(mt, field, i + 1, true);
}

static int match_at(matcher *mt, node *rn, size_t i, bool fresh)
{
	if (i == mt->nparts) {
		add_hit(mt, rn, fresh);
		return 0;
	}
	const char *part = mt->parts[i];
	long long idx;
	if (is_idx(part, &idx))
		return match_index(mt, rn, i, idx);
	if (is_list_index(part))
		return match_list(mt, rn, i, true);
	if (!strcmp(part, "*")) {
		if (rn->kind != NODE_SEQ && rn->kind != NODE_NULL)
			return wrong_kind(mt->e, "SequenceNode", rn);
		for (uint32_t k = 0; rn->kind == NODE_SEQ && k < rn->seq.n; k++)
			if (match_at(mt, rn->seq.v[k], i + 1, false))
				return -1;
		return 0;
	}
	return match_field(mt, rn, i);
}

/* ---- writing the value ---- */

static int set_value(arena *a, const ropts *o, const hit *h, const node *value, err *e)
{
	node *t = h->n;
	const char *text = scalar_text(value);
	node *v = node_clone(a, value);
	if (o->delimiter[0]) {
		if (!node_is_scalar(t))
			return err_at(e, t->file, t->line, t->col,
				      "delimiter option can only be used with scalar nodes");
		char **parts;
		size_t n = split_text(a, t->str.s, o->delimiter, &parts);
		char **nv = arena_alloc(a, (n + 1) * sizeof *nv);
		if (o->index < 0) {
			nv[0] = (char *)text;
			memcpy(nv + 1, parts, n * sizeof *nv);
			n++;
		} else if ((unsigned long long)o->index >= n) {
			memcpy(nv, parts, n * sizeof *nv);
			nv[n++] = (char *)text;
		} else {
			memcpy(nv, parts, n * sizeof *nv);
			nv[o->index] = (char *)text;
		}
		text = join_text(a, nv, n, o->delimiter);
		if (node_is_scalar(v)) {
			v->str.s = text;
			v->str.len = strlen(text);
		}
	}
	if (!node_is_scalar(t)) {
		uint32_t line = t->line, col = t->col;
		const char *file = t->file;
		*t = *v;
		if (!t->line) {
			t->file = file;
			t->line = line;
			t->col = col;
		}
		return 0;
	}
	if (h->fresh) {
		xval_set_untagged(a, t, text, strlen(text), false);
		return 0;
	}
	return xval_set_keep_tag(a, t, text, strlen(text), e);
}

/* kustomize's reader always leaves metadata.annotations a map (it adds
 * and removes its own annotations), so a null one is an empty map here. */
static void annotations_as_map(arena *a, node *obj)
{
	node *md = node_get(obj, "metadata");
	node_pair *p = node_find(md, "annotations");
	if (p && p->val->kind == NODE_NULL) {
		node *m = node_map(a);
		node_set_pos(m, p->val);
		p->val = m;
	}
}

static int copy_to_target(arena *a, node *obj, const rtarget *t, const node *value,
			  size_t *copied, err *e)
{
	static const char *const dflt = "metadata.name";
	size_t np = t->npaths ? t->npaths : 1;
	annotations_as_map(a, obj);
	for (size_t i = 0; i < np; i++) {
		const node *fpn = t->npaths ? t->paths[i] : t->where;
		const char *fp = !t->npaths ? dflt : is_null(fpn) ? "" : scalar_text(fpn);
		matcher mt = {a, e, 0, NULL, 0, NULL, 0, 0, NULL};
		if (t->opt.create)
			mt.create = value->kind + 1;
		mt.nparts = path_split(a, fp, &mt.parts);
		const char *what = t->opt.create ? "find or create" : "find";
		if (match_at(&mt, obj, 0, false)) {
			char *msg = e->msg;
			e->msg = NULL;
			err_at(e, fpn->file, fpn->line, fpn->col,
			       "unable to %s field %s in replacement target: %s", what,
			       xval_quote(a, fp), msg);
			free(msg);
			return -1;
		}
		if (!mt.nhits)
			return err_at(e, fpn->file, fpn->line, fpn->col,
				      "unable to %s field %s in replacement target; fix the path%s",
				      what, xval_quote(a, fp),
				      t->opt.create ? "" : " or set options.create: true");
		if (limits_too_deep(value, mt.nparts))
			return err_at(e, fpn->file, fpn->line, fpn->col,
				      "the replacement at %s would nest the object deeper than %zu "
				      "levels; raise --max-depth or copy a smaller value",
				      xval_quote(a, fp), parse_default_limits.max_depth);
		for (size_t k = 0; k < mt.nhits; k++) {
			if (limits_copy_over(copied, value))
				return err_at(e, fpn->file, fpn->line, fpn->col,
					      "this replacement would create more than %zu nodes "
					      "copying its value; copy less or raise "
					      "--max-alias-nodes",
					      parse_default_limits.max_alias_nodes);
			if (set_value(a, &t->opt, &mt.hits[k], value, e))
				return -1;
		}
	}
	return 0;
}

static int apply_repl(arena *a, resmap *m, const repl *r, err *e)
{
	const node *at = r->where;
	if (!r->has_source || !r->ntargets)
		return err_at(e, at ? at->file : NULL, at ? at->line : 0, at ? at->col : 0,
			      "replacements must specify a source and at least one target");
	node *value = NULL;
	size_t copied = 0;
	if (source_value(a, m, r, &value, e))
		return -1;
	for (size_t ti = 0; ti < r->ntargets; ti++) {
		const rtarget *t = &r->targets[ti];
		if (!t->has_select) {
			const node *w = t->where ? t->where : at;
			return err_at(e, w->file, w->line, w->col,
				      "target must specify resources to select; add 'select:'");
		}
		for (size_t i = 0; i < m->n; i++) {
			bool chosen;
			if (target_selects(t, m->v[i], &chosen, e))
				return -1;
			if (chosen && copy_to_target(a, m->v[i]->obj, t, value, &copied, e))
				return -1;
		}
	}
	return 0;
}

int xform_replacements_check(const node *replacements, err *e)
{
	return xdec_check_list(&KUST_DEC, replacements, "replacements", "ReplacementField",
			       &ENTRY_SCHEMA, e);
}

int xform_replacements(arena *a, resmap *m, const node *replacements, xform_read_fn read,
		       void *ctx, err *e)
{
	if (xform_replacements_check(replacements, e))
		return -1;
	if (!replacements || replacements->kind != NODE_SEQ)
		return 0;
	rlist l = {0};
	if (load_entries(a, replacements, read, ctx, &l, e))
		return -1;
	for (size_t i = 0; i < l.n; i++)
		if (apply_repl(a, m, &l.v[i], e))
			return -1;
	return 0;
}
