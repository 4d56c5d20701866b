/* fuzz_envsubst.c - Flux's postBuild substitution engine on any text, with
 * a few fixed variables, non-strict and strict. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "strata/buf.h"
#include "strata/envsubst.h"
#include "strata/err.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const vars[][2] = {
	{"cluster", "prod-eu"},
	{"EMPTY", ""},
	{"replicas", "3"},
	{"_x1", "a/b/c.d"},
	{"multi", "line1\nline2"},
	{"\xc3\x9cML", "x"},  /* not a valid name: Flux never looks it up */
};

static bool look(void *ctx, const char *name, size_t len, const char **val, size_t *vlen)
{
	(void)ctx;
	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		if (strlen(vars[i][0]) == len && !memcmp(vars[i][0], name, len)) {
			*val = vars[i][1];
			*vlen = strlen(vars[i][1]);
			return true;
		}
	}
	return false;
}

static void eval(const char *in, size_t len, bool strict)
{
	envsubst_opts o = {look, NULL, strict, "fuzz.yaml"};
	buf out = BUF_INIT;
	err e = ERR_INIT;
	envsubst_diag d = {0};
	(void)envsubst_eval(&o, in, len, &out, &e, &d);
	envsubst_diag_free(&d);
	err_clear(&e);
	buf_free(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	eval((const char *)data, size, false);
	eval((const char *)data, size, true);
	(void)envsubst_name_valid((const char *)data, size);
	return 0;
}
