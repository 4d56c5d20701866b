/* parse.c - libyaml events straight into arena trees; see parse.h. */
#include "strata/parse.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "strata/scalar.h"

const parse_limits parse_default_limits = {
	.max_depth = 1000,
	.max_alias_nodes = 10 * 1000 * 1000,
	.max_docs = 1000 * 1000,
};

struct anchor {
	const char *name;
	node *n;
};

struct frame {
	node *n;
	node *pending_key; /* maps: key read, value not yet */
};

struct pstate {
	arena *a;
	const char *file;
	const parse_limits *lim;
	err *e;
	struct frame *stack;
	size_t depth, cap;
	struct anchor *anchors;
	size_t nanchors, acap;
	size_t alias_nodes;
	node *root;
	parse_docs *out;
	size_t docs_cap;
};

#define TAG_PREFIX "tag:yaml.org,2002:"

static void set_pos(struct pstate *ps, node *n, const yaml_mark_t *m)
{
	n->file = ps->file;
	n->line = (uint32_t)m->line + 1;
	n->col = (uint32_t)m->column + 1;
}

static node *make_scalar(struct pstate *ps, const yaml_event_t *ev)
{
	const char *text = (const char *)ev->data.scalar.value;
	size_t len = ev->data.scalar.length;
	const char *tag = (const char *)ev->data.scalar.tag;
	node_kind kind = NODE_STR;
	uint8_t flags = 0;
	if (tag && strncmp(tag, TAG_PREFIX, strlen(TAG_PREFIX)) == 0) {
		const char *t = tag + strlen(TAG_PREFIX);
		if (!strcmp(t, "str") || !strcmp(t, "binary")) {
			flags |= NODE_F_QUOTED;
		} else {
			scalar_type st = scalar_resolve_v3(text, len);
			if (!strcmp(t, "int") && st == SCALAR_INT)
				kind = NODE_INT;
			else if (!strcmp(t, "float") && (st == SCALAR_FLOAT || st == SCALAR_INT))
				kind = NODE_FLOAT;
			else if (!strcmp(t, "bool") && st == SCALAR_BOOL)
				kind = NODE_BOOL;
			else if (!strcmp(t, "null") && st == SCALAR_NULL)
				kind = NODE_NULL;
			else if (!strcmp(t, "timestamp") && st == SCALAR_TIMESTAMP)
				flags |= NODE_F_TIMESTAMP;
			else
				flags |= NODE_F_QUOTED;
		}
	} else if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE ||
		   !ev->data.scalar.plain_implicit) {
		flags |= NODE_F_QUOTED;
	} else {
		switch (scalar_resolve_v3(text, len)) {
		case SCALAR_NULL: kind = NODE_NULL; break;
		case SCALAR_BOOL: kind = NODE_BOOL; break;
		case SCALAR_INT: kind = NODE_INT; break;
		case SCALAR_FLOAT: kind = NODE_FLOAT; break;
		case SCALAR_TIMESTAMP: flags |= NODE_F_TIMESTAMP; break;
		case SCALAR_STR:
			if (scalar_resolve_v2(text, len) == SCALAR_BOOL)
				flags |= NODE_F_BOOL11;
			break;
		}
	}
	node *n;
	if (kind == NODE_BOOL) {
		const char *b = scalar_bool_value(text, len) ? "true" : "false";
		n = node_scalar(ps->a, kind, b, strlen(b));
	} else {
		n = node_scalar(ps->a, kind, text, len);
	}
	n->flags = flags;
	set_pos(ps, n, &ev->start_mark);
	return n;
}

static int fail_at(struct pstate *ps, const node *at, const char *fmt, const char *arg)
{
	err_at(ps->e, ps->file, at ? at->line : 0, at ? at->col : 0, fmt, arg);
	return -1;
}

static size_t count_nodes(const node *n)
{
	size_t c = 1;
	if (n->kind == NODE_MAP)
		for (uint32_t i = 0; i < n->map.n; i++)
			c += count_nodes(n->map.v[i].val) + 1;
	else if (n->kind == NODE_SEQ)
		for (uint32_t i = 0; i < n->seq.n; i++)
			c += count_nodes(n->seq.v[i]);
	return c;
}

static void remember_anchor(struct pstate *ps, const yaml_char_t *name, node *n)
{
	if (!name)
		return;
	if (ps->nanchors == ps->acap) {
		ps->acap = ps->acap ? ps->acap * 2 : 8;
		ps->anchors = realloc(ps->anchors, ps->acap * sizeof *ps->anchors);
		if (!ps->anchors)
			abort();
	}
	ps->anchors[ps->nanchors].name = arena_strdup(ps->a, (const char *)name);
	ps->anchors[ps->nanchors].n = n;
	ps->nanchors++;
}

static node *find_anchor(struct pstate *ps, const char *name)
{
	/* Latest definition wins: anchors may be redefined. */
	for (size_t i = ps->nanchors; i-- > 0;)
		if (!strcmp(ps->anchors[i].name, name))
			return ps->anchors[i].n;
	return NULL;
}

/* Hands a finished node to its parent (or makes it the document root). */
static int attach(struct pstate *ps, node *n)
{
	if (ps->depth == 0) {
		ps->root = n;
		return 0;
	}
	struct frame *f = &ps->stack[ps->depth - 1];
	if (f->n->kind == NODE_SEQ) {
		node_push(ps->a, f->n, n);
		return 0;
	}
	if (!f->pending_key) {
		if (!node_is_scalar(n))
			return fail_at(ps, n, "invalid YAML: a map key must be a scalar%s; "
					      "quote it or restructure the map", "");
		f->pending_key = n;
		return 0;
	}
	node *key = f->pending_key;
	f->pending_key = NULL;
	for (uint32_t i = 0; i < f->n->map.n; i++) {
		node *k = f->n->map.v[i].key;
		if (k->str.len == key->str.len && memcmp(k->str.s, key->str.s, k->str.len) == 0) {
			if (ps->lim->last_key_wins) {
				f->n->map.v[i].val = n;
				return 0;
			}
			err_at(ps->e, ps->file, key->line, key->col,
			       "mapping key \"%s\" already defined at line %u; remove one of them",
			       key->str.s, k->line);
			return -1;
		}
	}
	node_append(ps->a, f->n, key, n);
	return 0;
}

static int push(struct pstate *ps, node *n)
{
	if (ps->depth >= ps->lim->max_depth)
		return fail_at(ps, n, "invalid YAML: nesting deeper than %s levels; "
				      "this looks like a hostile or generated document", "the limit");
	if (ps->depth == ps->cap) {
		ps->cap = ps->cap ? ps->cap * 2 : 16;
		ps->stack = realloc(ps->stack, ps->cap * sizeof *ps->stack);
		if (!ps->stack)
			abort();
	}
	ps->stack[ps->depth].n = n;
	ps->stack[ps->depth].pending_key = NULL;
	ps->depth++;
	return 0;
}

static int add_doc(struct pstate *ps, node *root)
{
	parse_docs *o = ps->out;
	if (o->n >= ps->lim->max_docs)
		return fail_at(ps, root, "too many documents in one file (%s); "
					 "split the file", "over the limit");
	if (o->n == ps->docs_cap) {
		size_t cap = ps->docs_cap ? ps->docs_cap * 2 : 4;
		o->v = arena_grow(ps->a, o->v, o->n * sizeof(node *), cap * sizeof(node *));
		ps->docs_cap = cap;
	}
	o->v[o->n++] = root;
	return 0;
}

static int parser_error(struct pstate *ps, yaml_parser_t *p)
{
	const yaml_mark_t *m = p->problem ? &p->problem_mark : &p->mark;
	const char *problem = p->problem ? p->problem : "unknown error";
	if (p->context)
		err_at(ps->e, ps->file, (uint32_t)m->line + 1, (uint32_t)m->column + 1,
		       "invalid YAML: %s %s (line %zu, column %zu); check indentation and quoting",
		       p->context, problem, p->context_mark.line + 1,
		       p->context_mark.column + 1);
	else
		err_at(ps->e, ps->file, (uint32_t)m->line + 1, (uint32_t)m->column + 1,
		       "invalid YAML: %s; check indentation and quoting", problem);
	return -1;
}

static int handle_event(struct pstate *ps, yaml_event_t *ev)
{
	node *n;
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		ps->root = NULL;
		ps->nanchors = 0;
		return 0;
	case YAML_DOCUMENT_END_EVENT:
		if (!ps->root) {
			ps->root = node_new(ps->a, NODE_NULL);
			ps->root->str.s = "";
			set_pos(ps, ps->root, &ev->start_mark);
		}
		return add_doc(ps, ps->root);
	case YAML_SCALAR_EVENT:
		n = make_scalar(ps, ev);
		remember_anchor(ps, ev->data.scalar.anchor, n);
		return attach(ps, n);
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		n = node_new(ps->a, ev->type == YAML_MAPPING_START_EVENT ? NODE_MAP : NODE_SEQ);
		set_pos(ps, n, &ev->start_mark);
		remember_anchor(ps, ev->type == YAML_MAPPING_START_EVENT
					    ? ev->data.mapping_start.anchor
					    : ev->data.sequence_start.anchor,
				n);
		return push(ps, n);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		n = ps->stack[--ps->depth].n;
		return attach(ps, n);
	case YAML_ALIAS_EVENT: {
		const char *name = (const char *)ev->data.alias.anchor;
		node *target = find_anchor(ps, name);
		if (!target) {
			err_at(ps->e, ps->file, (uint32_t)ev->start_mark.line + 1,
			       (uint32_t)ev->start_mark.column + 1,
			       "unknown anchor '%s' referenced; define it with &%s before using *%s",
			       name, name, name);
			return -1;
		}
		ps->alias_nodes += count_nodes(target);
		if (ps->alias_nodes > ps->lim->max_alias_nodes) {
			err_at(ps->e, ps->file, (uint32_t)ev->start_mark.line + 1,
			       (uint32_t)ev->start_mark.column + 1,
			       "alias *%s expands past %zu nodes (a \"billion laughs\" document?); "
			       "reduce the aliasing",
			       name, ps->lim->max_alias_nodes);
			return -1;
		}
		n = node_clone(ps->a, target);
		set_pos(ps, n, &ev->start_mark);
		return attach(ps, n);
	}
	default:
		return 0;
	}
}

int parse_yaml_limits(arena *a, const char *file, const char *data, size_t len,
		      const parse_limits *lim, parse_docs *out, err *e)
{
	yaml_parser_t p;
	yaml_event_t ev;
	struct pstate ps = {.a = a, .file = file, .lim = lim, .e = e, .out = out};
	out->v = NULL;
	out->n = 0;
	if (!yaml_parser_initialize(&p))
		abort();
	yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
	int rc = 0;
	for (;;) {
		if (!yaml_parser_parse(&p, &ev)) {
			rc = parser_error(&ps, &p);
			break;
		}
		int done = ev.type == YAML_STREAM_END_EVENT;
		rc = handle_event(&ps, &ev);
		yaml_event_delete(&ev);
		if (rc || done)
			break;
	}
	yaml_parser_delete(&p);
	free(ps.stack);
	free(ps.anchors);
	return rc;
}

int parse_yaml(arena *a, const char *file, const char *data, size_t len, parse_docs *out,
	       err *e)
{
	return parse_yaml_limits(a, file, data, len, &parse_default_limits, out, e);
}
