/* fuzz_parse.c - YAML text through parse_yaml and back out through
 * emit_docs, read both as resources are (go-yaml v3, first key wins) and
 * as kustomization files are (last key wins).  Any input must end in
 * documents or an error: never a crash, a sanitizer report or a hang; and
 * emit_docs must print what libyaml alone prints (EMIT_LIBYAML); and the
 * trees (or the error) must be those of libyaml's reading alone. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strata/arena.h"
#include "strata/buf.h"
#include "strata/emit.h"
#include "strata/err.h"
#include "strata/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Node for node: kind, flags, text, position, order. */
static int same_tree(const node *x, const node *y)
{
	if (x->kind != y->kind || x->flags != y->flags || x->line != y->line ||
	    x->col != y->col || strcmp(x->file, y->file))
		return 0;
	if (x->kind == NODE_MAP) {
		if (x->map.n != y->map.n)
			return 0;
		for (uint32_t i = 0; i < x->map.n; i++)
			if (!same_tree(x->map.v[i].key, y->map.v[i].key) ||
			    !same_tree(x->map.v[i].val, y->map.v[i].val))
				return 0;
		return 1;
	}
	if (x->kind == NODE_SEQ) {
		if (x->seq.n != y->seq.n)
			return 0;
		for (uint32_t i = 0; i < x->seq.n; i++)
			if (!same_tree(x->seq.v[i], y->seq.v[i]))
				return 0;
		return 1;
	}
	return x->str.len == y->str.len && !memcmp(x->str.s, y->str.s, x->str.len);
}

/* yblock's fast reading must build what libyaml's builds, or fail the
 * same way. */
static void compare_readers(arena *a, const char *text, size_t size, const parse_limits *lim,
			    int rc, const parse_docs *docs, const err *e)
{
	parse_limits slow = *lim;
	slow.libyaml_only = 1;
	parse_docs ref;
	err eref = ERR_INIT;
	int rref = parse_yaml_limits(a, "fuzz.yaml", text, size, &slow, &ref, &eref);
	if ((rc != 0) != (rref != 0) || strcmp(e->msg ? e->msg : "", eref.msg ? eref.msg : ""))
		abort();
	if (!rc) {
		if (docs->n != ref.n)
			abort();
		for (size_t i = 0; i < ref.n; i++)
			if (!same_tree(docs->v[i], ref.v[i]))
				abort();
	}
	err_clear(&eref);
}

static void round_trip(const char *text, size_t size, int last_key_wins)
{
	arena *a = arena_new();
	parse_limits lim = parse_default_limits;
	lim.last_key_wins = last_key_wins;
	/* The default budget lets every mutated alias bomb build (and print,
	 * and read back) a million nodes, which slows the fuzzer a hundredfold
	 * without reaching new code; the limit's own path is the same. */
	lim.max_alias_nodes = 20000;
	/* Likewise depth: a long plain scalar 4000 levels down prints as 128 MB
	 * (every folded line indented), as go-yaml prints it.  The other
	 * targets parse with the default limits. */
	lim.max_depth = 200;
	parse_docs docs;
	err e = ERR_INIT;
	int prc = parse_yaml_limits(a, "fuzz.yaml", text, size, &lim, &docs, &e);
	compare_readers(a, text, size, &lim, prc, &docs, &e);
	if (!prc) {
		buf out = BUF_INIT, ref = BUF_INIT;
		err eref = ERR_INIT;
		int rc = emit_docs(&out, docs.v, docs.n, &e);
		/* The direct printer against libyaml's: same bytes, same
		 * failure. */
		int rref = emit_docs_via(&ref, docs.v, docs.n, EMIT_LIBYAML, &eref);
		if (rc != rref || out.len != ref.len ||
		    (out.len && memcmp(out.p, ref.p, out.len)) ||
		    strcmp(e.msg ? e.msg : "", eref.msg ? eref.msg : ""))
			abort();
		err_clear(&eref);
		buf_free(&ref);
		if (!rc) {
			/* What strata prints must read back. */
			parse_docs again;
			err e2 = ERR_INIT;
			(void)parse_yaml(a, "out.yaml", out.p ? out.p : "", out.len, &again, &e2);
			err_clear(&e2);
		}
		buf_free(&out);
	}
	err_clear(&e);
	arena_free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	round_trip((const char *)data, size, 0);
	round_trip((const char *)data, size, 1);
	return 0;
}
