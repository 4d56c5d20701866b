/* fuzz_smp.c - a strategic-merge patch applied to an object: the input is
 * YAML, its first document the object, the second the patch (both maps, as
 * a build hands them over).  The merged object is printed afterwards. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strata/arena.h"
#include "strata/buf.h"
#include "strata/emit.h"
#include "strata/err.h"
#include "strata/node.h"
#include "strata/parse.h"
#include "strata/patch_smp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	arena *a = arena_new();
	parse_docs docs;
	err e = ERR_INIT;
	if (parse_yaml(a, "fuzz.yaml", (const char *)data, size, &docs, &e) || docs.n < 2 ||
	    docs.v[0]->kind != NODE_MAP || docs.v[1]->kind != NODE_MAP) {
		err_clear(&e);
		arena_free(a);
		return 0;
	}
	node *obj = docs.v[0];
	const node *patch = docs.v[1];
	/* Later documents are patched in too, in order, as several patches
	 * to one resource are. */
	for (size_t i = 1; i < docs.n && i < 6; i++) {
		if (docs.v[i]->kind != NODE_MAP)
			continue;
		patch = docs.v[i];
		bool deleted = false;
		if (smp_apply(a, obj, patch, &deleted, &e) || deleted)
			break;
	}
	err_clear(&e);
	buf out = BUF_INIT;
	(void)emit_doc(&out, obj, &e);
	err_clear(&e);
	buf_free(&out);
	/* The patch applied to a copy of itself: lists meet their own keys. */
	node *self = node_clone(a, docs.v[1]);
	bool deleted = false;
	(void)smp_apply(a, self, docs.v[1], &deleted, &e);
	err_clear(&e);
	arena_free(a);
	return 0;
}
