/* fuzz_varsub.c - varsub_apply (print, envsubst, read back with YAML 1.1
 * typing, through JSON) on every object of the input, with a few fixed
 * variables, non-strict and strict; the result is printed again. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "strata/arena.h"
#include "strata/buf.h"
#include "strata/emit.h"
#include "strata/err.h"
#include "strata/parse.h"
#include "strata/varsub.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const vars[][2] = {
	{"cluster", "prod-eu"},
	{"EMPTY", ""},
	{"replicas", "3"},
	{"flag", "yes"},
	{"quote", "a: \"b"},
	{"multi", "line1\nline2"},
	{"list", "[1, 2]"},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	arena *a = arena_new();
	parse_docs docs;
	err e = ERR_INIT;
	if (parse_yaml(a, "fuzz.yaml", (const char *)data, size, &docs, &e)) {
		err_clear(&e);
		arena_free(a);
		return 0;
	}
	varsub_vars v = {0};
	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++)
		varsub_set(a, &v, vars[i][0], vars[i][1], strlen(vars[i][1]));
	(void)varsub_get(&v, "cluster", 7);
	for (size_t i = 0; i < docs.n && i < 8; i++) {
		if (docs.v[i]->kind != NODE_MAP)
			continue;
		(void)varsub_disabled(docs.v[i]);
		for (int strict = 0; strict < 2; strict++) {
			node *out;
			if (!varsub_apply(a, docs.v[i], &v, strict, "fuzz.yaml", &out, &e)) {
				buf text = BUF_INIT;
				(void)emit_doc(&text, out, &e);
				buf_free(&text);
			}
			err_clear(&e);
		}
	}
	arena_free(a);
	return 0;
}
