/* patch.c - patch transformers; see patch.h and KUSTOMIZE-FACTS.md h. */
#include "strata/patch.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strata/build.h"
#include "strata/parse.h"
#include "strata/patch_json.h"
#include "strata/patch_smp.h"
#include "strata/pcache.h"
#include "strata/pool.h"
#include "strata/selector.h"

enum { ALLOW_NAME = 1, ALLOW_KIND = 2 };

/* A patch's text and where it came from. */
struct patch_text {
	const char *display;   /* file, or the kustomization for inline text */
	char *data;            /* malloc'd */
	size_t len;
	const node *where;     /* the entry, for positions */
	const char *source;    /* "[path: \"x\"]" or "[patch: \"...\"]" for messages */
	uint32_t line_delta;   /* inline text: its first line's place in the file */
};

static void trim(struct patch_text *t)
{
	size_t s = 0, n = t->len;
	while (s < n && isspace((unsigned char)t->data[s]))
		s++;
	while (n > s && isspace((unsigned char)t->data[n - 1]))
		n--;
	memmove(t->data, t->data + s, n - s);
	t->len = n - s;
	t->data[t->len] = 0;
}

static int load_text(patch_ctx *pc, const node *entry, struct patch_text *t, err *e)
{
	arena *a = pc->b->a;
	node *path = node_get(entry, "path");
	node *inl = node_get(entry, "patch");
	bool has_path = path && node_is_scalar(path) && path->str.len;
	bool has_inl = inl && node_is_scalar(inl) && inl->kind != NODE_NULL && inl->str.len;
	memset(t, 0, sizeof *t);
	t->where = entry;
	if (has_inl) {
		t->data = malloc(inl->str.len + 1);
		memcpy(t->data, inl->str.s, inl->str.len + 1);
		t->len = inl->str.len;
		trim(t);
		t->display = inl->file;
		t->where = inl;
		t->line_delta = inl->line;
		t->source = arena_sprintf(a, "[patch: %.60s%s]", t->data, t->len > 60 ? "..." : "");
	}
	if (has_path && has_inl) {
		free(t->data);  /* callers free the text only on success */
		t->data = NULL;
		return err_at(e, entry->file, entry->line, entry->col,
			      "patch and path can't be set at the same time; keep one of them");
	}
	if (!has_path && !has_inl)
		return err_at(e, entry->file, entry->line, entry->col,
			      "must specify one of patch and path in this patches entry");
	if (has_path) {
		const char *p;
		if (build_read_entry(pc->b, pc->kdir, path, &p, &t->data, &t->len, e))
			return -1;
		t->display = build_display(pc->b, p);
		t->where = path;
		t->source = arena_sprintf(a, "[path: \"%s\"]", path->str.s);
	}
	return 0;
}

/* Why the text is no JSON patch, when the documents have already become
 * objects: read again (only on the way to an error). */
static void json_reading_error(patch_ctx *pc, const struct patch_text *t, err *ejs)
{
	node *ops;
	if (!patch_json_parse(pc->b->a, t->display, t->data, t->len, &ops, ejs))
		err_set(ejs, "not a list of operations");
}

/* kustomize tries the text both ways: strategic-merge objects, or a list
 * of JSON 6902 operations.  Exactly one must work. */
static int classify(patch_ctx *pc, struct patch_text *t, resmap *sm, node **ops, err *e)
{
	err esm = ERR_INIT, ejs = ERR_INIT;
	memset(sm, 0, sizeof *sm);
	*ops = NULL;
	int rsm, rjs;
	if (t->len && t->data[0] != '[') {
		/* Both readings start from the same YAML: parse it once (the
		 * JSON reading copies what it needs before the documents
		 * become objects). */
		parse_docs docs;
		arena *a = pc->b->a;
		if (pcache_parse(pc->b->opts.pcache, a, t->display, t->data, t->len,
				 &parse_default_limits, &docs, &esm)) {
			err_set(&ejs, "%s", esm.msg);
			rsm = rjs = -1;
		} else {
			/* A map is never a list of operations: its JSON reading
			 * fails, and what it says is wanted only when the
			 * strategic-merge reading fails too. */
			bool map = docs.n && docs.v[0]->kind == NODE_MAP;
			if (!docs.n)
				*ops = node_seq(a), rjs = 0;
			else if (map)
				rjs = -1;
			else
				rjs = patch_json_from_yaml(a, docs.v[0], ops, &ejs);
			/* Nor is a list ever an object: its strategic-merge reading
			 * fails, and its message is wanted only when the JSON one
			 * fails too. */
			if (!rjs && docs.n && docs.v[0]->kind == NODE_SEQ)
				rsm = -1;
			else
				rsm = build_docs_to_resources(pc->b, &docs, t->display, sm, &esm);
			if (map && rsm)
				json_reading_error(pc, t, &ejs);
		}
	} else {
		rsm = build_text_to_resources(pc->b, t->display, t->data, t->len, sm, &esm);
		rjs = patch_json_parse(pc->b->a, t->display, t->data, t->len, ops, &ejs);
	}
	int rc = 0;
	for (size_t i = 0; t->line_delta && !rsm && i < sm->n; i++)
		node_shift_lines(sm->v[i]->obj, t->line_delta);
	if (t->line_delta && !rjs)
		node_shift_lines(*ops, t->line_delta);
	if (!rsm && !rjs)
		rc = err_at(e, t->where->file, t->where->line, t->where->col,
			    "illegally qualifies as both an SM and JSON patch: %s", t->source);
	else if (rsm && rjs)
		rc = err_at(e, t->where->file, t->where->line, t->where->col,
			    "unable to parse SM or JSON patch from %s: as strategic merge: %s; as "
			    "JSON 6902: %s",
			    t->source, esm.msg, ejs.msg);
	else if (!rsm)
		*ops = NULL;
	else
		sm->n = 0;
	err_clear(&esm);
	err_clear(&ejs);
	return rc;
}

static void set_name_ns(arena *a, node *obj, const char *name, const char *ns)
{
	node *md = node_ensure_map(a, obj, "metadata");
	const char *cur = node_get_str(md, "name");
	if (!cur || strcmp(cur, name))
		node_set_str(a, md, "name", name);
	if (!ns[0]) {
		node_del(md, "namespace");
	} else {
		cur = node_get_str(md, "namespace");
		if (!cur || strcmp(cur, ns))
			node_set_str(a, md, "namespace", ns);
	}
}

/* Resource.ApplySmPatch: merge, then put back what the patch may not
 * change.  at_resmap: the patch takes the target's apiVersion first. */
static int apply_sm(patch_ctx *pc, resource *r, const resource *p, unsigned allow,
		    bool at_resmap, err *e)
{
	arena *a = pc->b->a;
	resid before = res_id(r);
	const char *name = arena_strdup(a, before.name), *ns = arena_strdup(a, before.ns);
	const char *kind = arena_strdup(a, before.kind);
	if (allow)
		res_store_prev_id(a, r);
	node *patch = p->obj;
	if (at_resmap) {
		patch = node_clone(a, p->obj);
		node *av = node_get(r->obj, "apiVersion");
		if (av)
			node_set(a, patch, "apiVersion", av);
	}
	bool deleted = false;
	const smp_opts *schema;
	if (openapi_smp_opts(&pc->b->openapi, &schema, e) ||
	    smp_apply_opts(a, r->obj, patch, schema, &deleted, e))
		return -1;
	if (deleted || r->obj->map.n == 0) {
		r->obj->map.n = 0;
		return 0;
	}
	if (!(allow & ALLOW_KIND))
		node_set_str(a, r->obj, "kind", kind);
	const char *newname = node_get_str(node_get(r->obj, "metadata"), "name");
	set_name_ns(a, r->obj, (allow & ALLOW_NAME) && newname ? newname : name, ns);
	return 0;
}

/* The one resource whose current or earlier id is the patch's id. */
static int find_by_id(patch_ctx *pc, resmap *m, const resource *p, resource **out, err *e)
{
	resid pid = res_id(p);
	resource *found;
	size_t n = resmap_find_any_id(m, &pid, &found);
	if (n == 1) {
		*out = found;
		return 0;
	}
	const char *id = resid_string(pc->b->a, &pid);
	return err_at(e, p->obj->file, p->obj->line, p->obj->col,
		      "no resource matches strategic merge patch \"%s\": %s for Id %s; failed to "
		      "find unique target for patch %s%s",
		      id, n ? "multiple matches" : "no matches", id, id,
		      n ? "" : "; check the patch's apiVersion, kind, name and namespace");
}

static unsigned options_of(const node *entry)
{
	node *o = node_get(entry, "options");
	unsigned f = 0;
	if (node_str_is(node_get(o, "allowNameChange"), "true"))
		f |= ALLOW_NAME;
	if (node_str_is(node_get(o, "allowKindChange"), "true"))
		f |= ALLOW_KIND;
	return f;
}

/* A target name without regular-expression syntax matches that name
 * alone, so only objects ever called so need testing. */
static const char *plain_name(const node *target)
{
	node *v = node_get(target, "name");
	if (!v || !node_is_scalar(v) || v->kind == NODE_NULL || !v->str.len)
		return NULL;
	for (size_t i = 0; i < v->str.len; i++)
		if (!isalnum((unsigned char)v->str.s[i]) && v->str.s[i] != '-' &&
		    v->str.s[i] != '_')
			return NULL;
	return v->str.s;
}

static int select_targets(patch_ctx *pc, const node *target, resmap *m, resmap *out, err *e)
{
	selector s;
	if (selector_compile(target, &s, e))
		return -1;
	memset(out, 0, sizeof *out);
	resource **cand = m->v;
	size_t n = m->n;
	const char *name = plain_name(target);
	if (name)
		n = resmap_named_in(m, name, pc->b->a, &cand);
	for (size_t i = 0; i < n; i++) {
		bool ok;
		if (selector_matches(&s, cand[i], &ok, e)) {
			selector_free(&s);
			return -1;
		}
		if (ok)
			resmap_push(pc->b->a, out, cand[i]);
	}
	selector_free(&s);
	return 0;
}

static int apply_json_one(patch_ctx *pc, resource *r, const node *ops, err *e)
{
	res_store_prev_id(pc->b->a, r);
	/* kustomize's objects always carry internal annotations while they
	 * are built, so paths under metadata/annotations exist. */
	node *md = node_get(r->obj, "metadata");
	if (md && md->kind == NODE_MAP)
		node_ensure_map(pc->b->a, md, "annotations");
	if (patch_json_apply(pc->b->a, &r->obj, ops, e))
		return err_wrap(e, "applying JSON patch to %s", resid_string(pc->b->a, &r->orig));
	return 0;
}

static int apply_json(patch_ctx *pc, resmap *m, resmap *targets, const node *ops, err *e)
{
	for (size_t i = 0; i < targets->n; i++) {
		if (apply_json_one(pc, targets->v[i], ops, e))
			return -1;
		resmap_id_changed(m, targets->v[i]);
	}
	return 0;
}

static const node *target_of(const node *entry)
{
	node *target = node_get(entry, "target");
	return target && target->kind == NODE_NULL ? NULL : target;
}

/* An entry whose text is read and classified: what kustomize's
 * PatchTransformer does with it. */
static int run_read(patch_ctx *pc, const node *entry, struct patch_text *t, resmap *sm,
		    node *ops, resmap *m, err *e)
{
	const node *target = target_of(entry);
	unsigned allow = options_of(entry);
	resmap sel;
	int rc = 0;
	if (ops) {
		if (!target)
			rc = err_at(e, entry->file, entry->line, entry->col,
				    "must specify a target for JSON patch %s", t->source);
		else if (!(rc = select_targets(pc, target, m, &sel, e)))
			rc = apply_json(pc, m, &sel, ops, e);
	} else if (!target) {
		for (size_t i = 0; !rc && i < sm->n; i++) {
			resource *r;
			if (!(rc = find_by_id(pc, m, sm->v[i], &r, e)))
				rc = apply_sm(pc, r, sm->v[i], allow, false, e);
			if (!rc)
				resmap_id_changed(m, r);
		}
	} else {
		if (sm->n > 1)
			rc = err_at(e, entry->file, entry->line, entry->col,
				    "Multiple Strategic-Merge Patches in one `patches` entry is not "
				    "allowed to set `patches.target` field: %s; split the file or "
				    "drop the target",
				    t->source);
		else if (sm->n == 1 && !(rc = select_targets(pc, target, m, &sel, e)))
			for (size_t i = 0; !rc && i < sel.n; i++) {
				rc = apply_sm(pc, sel.v[i], sm->v[0], allow, true, e);
				resmap_id_changed(m, sel.v[i]);
			}
	}
	return rc;
}

static int not_a_map(const node *entry, err *e)
{
	return err_at(e, entry->file, entry->line, entry->col,
		      "a patches entry must be a map with path or patch (and target, options)");
}

int patch_run_one(patch_ctx *pc, const node *entry, resmap *m, err *e)
{
	if (entry->kind != NODE_MAP)
		return not_a_map(entry, e);
	struct patch_text t;
	resmap sm;
	node *ops = NULL;
	int rc = load_text(pc, entry, &t, e);
	if (!rc)
		rc = classify(pc, &t, &sm, &ops, e);
	if (!rc)
		rc = run_read(pc, entry, &t, &sm, ops, m, e);
	free(t.data);
	return rc;
}

/* --- a patches list on several threads --------------------------------
 *
 * kustomize applies the entries one after another, each to the objects
 * its target selects at that moment.  A big overlay's entries mostly touch
 * one object each and change nothing a selection looks at, so they can
 * run at once: every entry is read and its targets chosen against the
 * objects as they were before the list (in parallel), then each object
 * takes its entries in list order (in parallel).
 *
 * When no entry can change what selections see (judged from the patches:
 * no rename, no deletion, no change to labels or annotations that a
 * selector reads), the targets chosen are kustomize's, and the objects
 * are patched in place; the first error in list order is kept.  Otherwise
 * each object is patched on a copy, and the copies replace the objects
 * only when none of them changed what selections see and every patch
 * applied; if not, they are dropped and the list runs one entry at a time
 * from the texts already read.  Results and errors never depend on the
 * threads. */


struct planned {
	bool read;               /* text loaded and classified */
	bool aimed;              /* targets chosen */
	struct patch_text t;
	resmap sm;
	node *ops;
	resmap targets;          /* SM without target: one per sm object */
};

/* One object's entries, in list order. */
struct step {
	uint32_t entry;
	uint32_t doc;            /* SM without target: which object */
};

struct chain {
	resource *r;
	struct step *steps;
	size_t n;
	resource copy;           /* r after its steps (on a copy) */
	bool ok;
	const struct step *failed;  /* in place: the step that failed, and why */
	err e;
};

struct plan {
	patch_ctx *pc;
	const node *list;
	const resmap *m;
	build *w;                /* one build per worker */
	size_t nw;
	struct planned *p;
	struct chain *c;
	struct step *steps;
	size_t nc;
	openapi_state schema;    /* the build's, when the workers started */
	bool by_labels;          /* some target has a labelSelector */
	bool by_annotations;     /* or an annotationSelector */
	bool in_place;           /* no entry can change a selection */
};

/* Only without a schema of the kustomization's own: reading the
 * built-in one sooner or later, or on a worker, then changes nothing. */
static bool patch_plan_worth(const patch_ctx *pc, const node *list, const resmap *m)
{
	pool_par par = build_par(pc->b);
	size_t size = 4 * (size_t)list->seq.n > m->n ? 4 * (size_t)list->seq.n : m->n;
	return list->seq.n && pool_par_workers(&par, size) > 1 &&
	       openapi_state_plain(&pc->b->openapi);
}

static int aim(patch_ctx *pc, const node *entry, struct planned *p, const resmap *m, err *e)
{
	const node *target = target_of(entry);
	resmap *m_rw = (resmap *)m;  /* the lookups below only read */
	memset(&p->targets, 0, sizeof p->targets);
	if (p->ops)
		return target ? select_targets(pc, target, m_rw, &p->targets, e) : -1;
	if (target)
		return p->sm.n > 1 ? -1
				   : p->sm.n ? select_targets(pc, target, m_rw, &p->targets, e) : 0;
	for (size_t i = 0; i < p->sm.n; i++) {
		resource *r;
		if (find_by_id(pc, m_rw, p->sm.v[i], &r, e))
			return -1;
		resmap_push(pc->b->a, &p->targets, r);
	}
	return 0;
}

static void read_task(void *ctx, size_t worker, size_t i)
{
	struct plan *pl = ctx;
	patch_ctx pc = {&pl->w[worker], pl->pc->kdir};
	const node *entry = pl->list->seq.v[i];
	struct planned *p = &pl->p[i];
	err e = ERR_INIT;
	if (entry->kind == NODE_MAP && !load_text(&pc, entry, &p->t, &e)) {
		p->read = !classify(&pc, &p->t, &p->sm, &p->ops, &e);
		if (p->read)
			p->aimed = !aim(&pc, entry, p, pl->m, &e);
	}
	err_clear(&e);
}

/* Labels and annotations as selectors read them: absent, null and empty
 * all select alike. */
static bool same_meta_map(const node *x, const node *y)
{
	bool ex = !x || x->kind == NODE_NULL || (x->kind == NODE_MAP && !x->map.n);
	bool ey = !y || y->kind == NODE_NULL || (y->kind == NODE_MAP && !y->map.n);
	return ex || ey ? ex && ey : node_equal(x, y);
}

/* Whether y, the copy of x after its patches, is selected as x was by
 * every entry of the list (labels and annotations count only when some
 * entry selects by them). */
static bool same_selection(const struct plan *pl, const resource *x, const resource *y)
{
	if (!y->obj || y->obj->kind != NODE_MAP || !y->obj->map.n)
		return false;
	resid a = res_id(x), b = res_id(y);
	if (!resid_equals(&a, &b) || strcmp(a.ns, b.ns))
		return false;
	const node *mx = node_get(x->obj, "metadata"), *my = node_get(y->obj, "metadata");
	return (!pl->by_labels || same_meta_map(node_get(mx, "labels"), node_get(my, "labels"))) &&
	       (!pl->by_annotations ||
		same_meta_map(node_get(mx, "annotations"), node_get(my, "annotations")));
}

static void note_selectors(struct plan *pl)
{
	for (uint32_t i = 0; i < pl->list->seq.n; i++) {
		const node *t = target_of(pl->list->seq.v[i]);
		if (node_get(t, "labelSelector"))
			pl->by_labels = true;
		if (node_get(t, "annotationSelector"))
			pl->by_annotations = true;
	}
}

static int run_step(patch_ctx *pc, const struct plan *pl, const struct step *st, resource *r,
		    err *e)
{
	const node *entry = pl->list->seq.v[st->entry];
	const struct planned *p = &pl->p[st->entry];
	if (p->ops)
		return apply_json_one(pc, r, p->ops, e);
	bool targeted = target_of(entry) != NULL;
	return apply_sm(pc, r, p->sm.v[targeted ? 0 : st->doc], options_of(entry), targeted, e);
}

static void chain_task(void *ctx, size_t worker, size_t i)
{
	struct plan *pl = ctx;
	patch_ctx pc = {&pl->w[worker], pl->pc->kdir};
	struct chain *c = &pl->c[i];
	if (pl->in_place) {
		for (size_t k = 0; !c->failed && k < c->n; k++)
			if (run_step(&pc, pl, &c->steps[k], c->r, &c->e))
				c->failed = &c->steps[k];
		return;
	}
	c->copy = *c->r;
	c->copy.obj = node_clone(pc.b->a, c->r->obj);
	err e = ERR_INIT;
	c->ok = true;
	for (size_t k = 0; c->ok && k < c->n; k++)
		c->ok = !run_step(&pc, pl, &c->steps[k], &c->copy, &e);
	err_clear(&e);
	c->ok = c->ok && same_selection(pl, c->r, &c->copy);
}

/* Which chain each target joins: objects by address, open addressing. */
struct chain_ix {
	resource **key;
	size_t *val, mask;
};

static size_t chain_of(struct chain_ix *x, struct plan *pl, resource *r)
{
	size_t h = ((uintptr_t)r >> 4) * 0x9e3779b97f4a7c15u;
	for (size_t i = h & x->mask;; i = (i + 1) & x->mask) {
		if (x->key[i] == r)
			return x->val[i];
		if (!x->key[i]) {
			x->key[i] = r;
			x->val[i] = pl->nc;
			pl->c[pl->nc] = (struct chain){.r = r};
			return pl->nc++;
		}
	}
}

/* Groups the entries' targets by object.  False when some entry could not
 * be aimed: the list then runs one entry at a time. */
static bool make_chains(struct plan *pl)
{
	size_t total = 0, n = pl->list->seq.n;
	for (size_t i = 0; i < n; i++) {
		if (!pl->p[i].aimed)
			return false;
		total += pl->p[i].targets.n;
	}
	size_t cap = 16;
	while (cap < 2 * total)
		cap *= 2;
	struct chain_ix x = {calloc(cap, sizeof *x.key), calloc(cap, sizeof *x.val), cap - 1};
	pl->c = calloc(total ? total : 1, sizeof *pl->c);
	size_t *where = calloc(total ? total : 1, sizeof *where);
	struct step *steps = pl->steps = calloc(total ? total : 1, sizeof *steps);
	if (!x.key || !x.val || !pl->c || !where || !steps)
		abort();
	for (size_t i = 0, t = 0; i < n; i++)
		for (size_t k = 0; k < pl->p[i].targets.n; k++, t++)
			pl->c[where[t] = chain_of(&x, pl, pl->p[i].targets.v[k])].n++;
	for (size_t j = 0, at = 0; j < pl->nc; j++) {
		pl->c[j].steps = steps + at;
		at += pl->c[j].n;
		pl->c[j].n = 0;
	}
	for (size_t i = 0, t = 0; i < n; i++)
		for (size_t k = 0; k < pl->p[i].targets.n; k++, t++) {
			struct chain *c = &pl->c[where[t]];
			c->steps[c->n++] = (struct step){(uint32_t)i, (uint32_t)k};
		}
	free(x.key);
	free(x.val);
	free(where);
	return true;
}

static bool token_is(const char *t, size_t len, const char *word)
{
	return strlen(word) == len && !memcmp(t, word, len);
}

/* A JSON 6902 path that no selection reads: not the whole object, its
 * kind, apiVersion, metadata, name or namespace, nor labels or
 * annotations when some entry selects by them.  (None of these words can
 * be spelt with ~0 or ~1.) */
static bool json_path_safe(void *ctx, const char *path)
{
	const struct plan *pl = ctx;
	if (path[0] != '/')
		return false;
	const char *t1 = path + 1;
	size_t l1 = strcspn(t1, "/");
	if (token_is(t1, l1, "kind") || token_is(t1, l1, "apiVersion"))
		return false;
	if (!token_is(t1, l1, "metadata"))
		return true;
	if (!t1[l1])
		return false;
	const char *t2 = t1 + l1 + 1;
	size_t l2 = strcspn(t2, "/");
	if (token_is(t2, l2, "labels"))
		return !pl->by_labels;
	if (token_is(t2, l2, "annotations"))
		return !pl->by_annotations;
	return !token_is(t2, l2, "name") && !token_is(t2, l2, "namespace");
}

/* A strategic-merge object that cannot change a selection: apply_sm puts
 * name, namespace and kind back unless options allow otherwise, a target
 * gives the patch its apiVersion; what is left are directives (deletion,
 * replacement), a different apiVersion for a patch found by id, and
 * labels or annotations that some entry selects by. */
static bool sm_safe(const struct plan *pl, const node *doc, const resource *found)
{
	for (uint32_t i = 0; i < doc->map.n; i++)
		if (doc->map.v[i].key->str.s[0] == '$')
			return false;
	if (found) {
		const char *av = node_get_str(doc, "apiVersion");
		const char *now = node_get_str(found->obj, "apiVersion");
		if (!av || !now || strcmp(av, now))
			return false;
	}
	const node *md = node_get(doc, "metadata");
	if (!md)
		return true;
	if (md->kind != NODE_MAP)
		return false;
	for (uint32_t i = 0; i < md->map.n; i++) {
		const char *k = md->map.v[i].key->str.s;
		if (k[0] == '$' || (pl->by_labels && !strcmp(k, "labels")) ||
		    (pl->by_annotations && !strcmp(k, "annotations")))
			return false;
	}
	return true;
}

static bool entry_safe(struct plan *pl, size_t i)
{
	const struct planned *p = &pl->p[i];
	const node *entry = pl->list->seq.v[i];
	if (p->ops)
		return patch_json_paths_all(p->ops, json_path_safe, pl);
	if (options_of(entry))
		return false;
	bool targeted = target_of(entry) != NULL;
	for (size_t k = 0; k < p->sm.n; k++)
		if (p->sm.v[k]->obj->kind != NODE_MAP ||
		    !sm_safe(pl, p->sm.v[k]->obj, targeted ? NULL : p->targets.v[k]))
			return false;
	return true;
}

static bool plan_in_place(struct plan *pl)
{
	for (size_t i = 0; i < pl->list->seq.n; i++)
		if (!entry_safe(pl, i))
			return false;
	return true;
}

/* In place: the error the list would meet first (by entry, then by the
 * order of its targets), or 0. */
static int first_failure(struct plan *pl, err *e)
{
	struct chain *first = NULL;
	for (size_t j = 0; j < pl->nc; j++) {
		struct chain *c = &pl->c[j];
		if (c->failed && (!first || c->failed->entry < first->failed->entry ||
				  (c->failed->entry == first->failed->entry &&
				   c->failed->doc < first->failed->doc)))
			first = c;
	}
	if (first) {
		err_clear(e);
		*e = first->e;
		first->e = (err)ERR_INIT;
	}
	for (size_t j = 0; j < pl->nc; j++)
		err_clear(&pl->c[j].e);
	return first ? -1 : 0;
}

static bool chains_hold(const struct plan *pl)
{
	for (size_t j = 0; j < pl->nc; j++)
		if (!pl->c[j].ok)
			return false;
	return true;
}

static int patch_run_planned(patch_ctx *pc, const node *list, resmap *m, err *e)
{
	size_t n = list->seq.n;
	struct plan pl = {.pc = pc, .list = list, .m = m, .schema = pc->b->openapi};
	pl.p = calloc(n, sizeof *pl.p);
	if (!pl.p)
		abort();
	note_selectors(&pl);
	/* A list of one entry may still patch hundreds of objects (a
	 * component's patch for every Deployment): the chains want every
	 * worker even when the reading does not. */
	pl.nw = pool_workers(pc->b->opts.jobs, n > m->n ? n : m->n);
	pl.w = build_fork(pc->b, pl.nw);
	resmap_index_ready(m);
	pool_run(pl.nw < n ? pl.nw : n, n, read_task, &pl);
	bool whole = make_chains(&pl);
	if (whole) {
		pl.in_place = plan_in_place(&pl);
		pool_run(pl.nw, pl.nc, chain_task, &pl);
		whole = pl.in_place || chains_hold(&pl);
	}
	for (size_t j = 0; j < pl.nw; j++) {
		openapi_state after;
		if (openapi_state_follows(&pc->b->openapi, &pl.schema, &pl.w[j].openapi, &after))
			pc->b->openapi = after;
	}
	build_join(pl.w, pl.nw);
	int rc = pl.in_place ? first_failure(&pl, e) : 0;
	for (size_t j = 0; whole && j < pl.nc; j++) {
		if (!pl.in_place)
			*pl.c[j].r = pl.c[j].copy;
		resmap_id_changed(m, pl.c[j].r);
	}
	for (size_t i = 0; !whole && !rc && i < n; i++) {
		const node *entry = list->seq.v[i];
		struct planned *p = &pl.p[i];
		rc = p->read ? run_read(pc, entry, &p->t, &p->sm, p->ops, m, e)
			     : patch_run_one(pc, entry, m, e);
	}
	for (size_t i = 0; i < n; i++)
		free(pl.p[i].t.data);
	free(pl.steps);
	free(pl.c);
	free(pl.p);
	return rc;
}

int patch_run_patches(patch_ctx *pc, const node *list, resmap *m, err *e)
{
	if (!list)
		return 0;
	if (list->kind != NODE_SEQ)
		return err_at(e, list->file, list->line, list->col, "'patches' must be a list");
	if (patch_plan_worth(pc, list, m))
		return patch_run_planned(pc, list, m, e);
	for (uint32_t i = 0; i < list->seq.n; i++)
		if (patch_run_one(pc, list->seq.v[i], m, e))
			return -1;
	return 0;
}

/* An entry of patchesStrategicMerge: a file name, or the patch itself. */
static int load_psm(patch_ctx *pc, const node *entry, resmap *out, err *e)
{
	memset(out, 0, sizeof *out);
	if (!node_is_scalar(entry))
		return err_at(e, entry->file, entry->line, entry->col,
			      "patchesStrategicMerge entries must be file names or patch text");
	bool inline_text = memchr(entry->str.s, '\n', entry->str.len) != NULL;
	if (!inline_text) {
		char *data;
		size_t len;
		const char *p;
		err fe = ERR_INIT;
		if (!build_read_entry(pc->b, pc->kdir, entry, &p, &data, &len, &fe)) {
			int rc = build_text_to_resources(pc->b, build_display(pc->b, p), data, len,
							 out, e);
			free(data);
			return rc;
		}
		/* Not a readable file: kustomize then tries it as inline YAML. */
		err ie = ERR_INIT;
		if (build_text_to_resources(pc->b, entry->file, entry->str.s, entry->str.len, out,
					    &ie) ||
		    !out->n) {
			err_set(e, "%s", fe.msg);
			err_clear(&fe);
			err_clear(&ie);
			return -1;
		}
		err_clear(&fe);
		return 0;
	}
	return build_text_to_resources(pc->b, entry->file, entry->str.s, entry->str.len, out, e);
}

int patch_run_strategic_merge_list(patch_ctx *pc, const node *list, resmap *m, err *e)
{
	if (!list)
		return 0;
	if (list->kind != NODE_SEQ)
		return err_at(e, list->file, list->line, list->col,
			      "'patchesStrategicMerge' must be a list");
	for (uint32_t i = 0; i < list->seq.n; i++) {
		resmap ps;
		if (load_psm(pc, list->seq.v[i], &ps, e))
			return -1;
		for (size_t j = 0; j < ps.n; j++) {
			resource *r;
			if (find_by_id(pc, m, ps.v[j], &r, e) ||
			    apply_sm(pc, r, ps.v[j], 0, true, e))
				return -1;
			resmap_id_changed(m, r);
		}
	}
	return 0;
}

int patch_run_one_json6902(patch_ctx *pc, const node *entry, resmap *m, err *e)
{
	if (entry->kind != NODE_MAP)
		return err_at(e, entry->file, entry->line, entry->col,
			      "a patchesJson6902 entry must be a map with target and path or patch");
	node *target = node_get(entry, "target");
	if (!target || target->kind != NODE_MAP)
		return err_at(e, entry->file, entry->line, entry->col,
			      "must specify a target for patch in patchesJson6902");
	const char *tname = node_get_str(target, "name");
	if (!tname || !tname[0])
		return err_at(e, target->file, target->line, target->col,
			      "must specify the target name");
	struct patch_text t;
	if (load_text(pc, entry, &t, e))
		return -1;
	node *ops;
	int rc = patch_json_parse(pc->b->a, t.display, t.data, t.len, &ops, e);
	resmap sel;
	if (!rc && !(rc = select_targets(pc, target, m, &sel, e)))
		rc = apply_json(pc, m, &sel, ops, e);
	free(t.data);
	return rc;
}

int patch_run_json6902_list(patch_ctx *pc, const node *list, resmap *m, err *e)
{
	if (!list)
		return 0;
	if (list->kind != NODE_SEQ)
		return err_at(e, list->file, list->line, list->col,
			      "'patchesJson6902' must be a list");
	for (uint32_t i = 0; i < list->seq.n; i++)
		if (patch_run_one_json6902(pc, list->seq.v[i], m, e))
			return -1;
	return 0;
}
