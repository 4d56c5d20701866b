/* patch.c - patch transformers; see patch.h and KUSTOMIZE-FACTS.md h. */
#include "strata/patch.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "strata/build.h"
#include "strata/parse.h"
#include "strata/patch_json.h"
#include "strata/patch_smp.h"
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
		if (parse_yaml(a, t->display, t->data, t->len, &docs, &esm)) {
			err_set(&ejs, "%s", esm.msg);
			rsm = rjs = -1;
		} else {
			if (!docs.n)
				*ops = node_seq(a), rjs = 0;
			else
				rjs = patch_json_from_yaml(a, docs.v[0], ops, &ejs);
			rsm = build_docs_to_resources(pc->b, &docs, t->display, sm, &esm);
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
		n = resmap_named(m, name, &cand);
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

static int apply_json(patch_ctx *pc, resmap *m, resmap *targets, const node *ops, err *e)
{
	for (size_t i = 0; i < targets->n; i++) {
		resource *r = targets->v[i];
		res_store_prev_id(pc->b->a, r);
		/* kustomize's objects always carry internal annotations while
		 * they are built, so paths under metadata/annotations exist. */
		node *md = node_get(r->obj, "metadata");
		if (md && md->kind == NODE_MAP)
			node_ensure_map(pc->b->a, md, "annotations");
		if (patch_json_apply(pc->b->a, &r->obj, ops, e))
			return err_wrap(e, "applying JSON patch to %s",
					resid_string(pc->b->a, &r->orig));
		resmap_id_changed(m, r);
	}
	return 0;
}

int patch_run_one(patch_ctx *pc, const node *entry, resmap *m, err *e)
{
	if (entry->kind != NODE_MAP)
		return err_at(e, entry->file, entry->line, entry->col,
			      "a patches entry must be a map with path or patch (and target, "
			      "options)");
	struct patch_text t;
	int rc = load_text(pc, entry, &t, e);
	resmap sm;
	node *ops = NULL;
	if (!rc)
		rc = classify(pc, &t, &sm, &ops, e);
	node *target = node_get(entry, "target");
	if (target && target->kind == NODE_NULL)
		target = NULL;
	unsigned allow = options_of(entry);
	resmap sel;
	if (!rc && ops) {
		if (!target)
			rc = err_at(e, entry->file, entry->line, entry->col,
				    "must specify a target for JSON patch %s", t.source);
		else if (!(rc = select_targets(pc, target, m, &sel, e)))
			rc = apply_json(pc, m, &sel, ops, e);
	} else if (!rc && !target) {
		for (size_t i = 0; !rc && i < sm.n; i++) {
			resource *r;
			if (!(rc = find_by_id(pc, m, sm.v[i], &r, e)))
				rc = apply_sm(pc, r, sm.v[i], allow, false, e);
			if (!rc)
				resmap_id_changed(m, r);
		}
	} else if (!rc) {
		if (sm.n > 1)
			rc = err_at(e, entry->file, entry->line, entry->col,
				    "Multiple Strategic-Merge Patches in one `patches` entry is not "
				    "allowed to set `patches.target` field: %s; split the file or "
				    "drop the target",
				    t.source);
		else if (sm.n == 1 && !(rc = select_targets(pc, target, m, &sel, e)))
			for (size_t i = 0; !rc && i < sel.n; i++) {
				rc = apply_sm(pc, sel.v[i], sm.v[0], allow, true, e);
				resmap_id_changed(m, sel.v[i]);
			}
	}
	free(t.data);
	return rc;
}

int patch_run_patches(patch_ctx *pc, const node *list, resmap *m, err *e)
{
	if (!list)
		return 0;
	if (list->kind != NODE_SEQ)
		return err_at(e, list->file, list->line, list->col, "'patches' must be a list");
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
