/* fuzz_json6902.c - RFC 6902 patches: the input's text before the first
 * "@@" line is the object (YAML, first map document), each later part a
 * patch (JSON or YAML text), applied in order; the result is printed. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_util.h"
#include "strata/arena.h"
#include "strata/buf.h"
#include "strata/emit.h"
#include "strata/err.h"
#include "strata/node.h"
#include "strata/parse.h"
#include "strata/patch_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_part parts[FZ_MAX_PARTS];
	size_t np = fz_split((const char *)data, size, parts);
	if (np < 2)
		return 0;
	arena *a = arena_new();
	parse_docs docs;
	err e = ERR_INIT;
	if (parse_yaml(a, "obj.yaml", parts[0].text, parts[0].len, &docs, &e) || !docs.n ||
	    docs.v[0]->kind != NODE_MAP) {
		err_clear(&e);
		arena_free(a);
		return 0;
	}
	node *obj = docs.v[0];
	for (size_t i = 1; i < np && i < 8; i++) {
		node *ops;
		if (patch_json_parse(a, "patch.yaml", parts[i].text, parts[i].len, &ops, &e) ||
		    patch_json_apply(a, &obj, ops, &e))
			err_clear(&e);
	}
	/* A patch already read as YAML takes the other way in. */
	parse_docs pd;
	if (!parse_yaml(a, "patch.yaml", parts[1].text, parts[1].len, &pd, &e) && pd.n) {
		node *ops;
		if (!patch_json_from_yaml(a, pd.v[0], &ops, &e))
			(void)patch_json_apply(a, &obj, ops, &e);
	}
	err_clear(&e);
	buf out = BUF_INIT;
	(void)emit_doc(&out, obj, &e);
	err_clear(&e);
	buf_free(&out);
	arena_free(a);
	return 0;
}
