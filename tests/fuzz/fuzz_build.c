/* fuzz_build.c - kustomize build of an in-memory repository.
 *
 * The input is split at "@@" lines (fuzz_util.h): the text before the
 * first is kustomization.yaml at the root, each later part is the file its
 * header names ("@@ base/deploy.yaml").  Two headers are settings, not
 * files: "@@!dir overlays/prod" builds that directory instead of the root,
 * "@@!none" builds with LoadRestrictionsNone.  The build's output is
 * printed as `strata build` prints it.
 *
 * Each input is built twice, on one thread and on three with every
 * parallel path taken however small the input (par_always): a difference
 * in output or error is a finding (abort), like a crash. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "strata/arena.h"
#include "strata/buf.h"
#include "strata/build.h"
#include "strata/err.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool is_setting(const fz_part *p, const char *name)
{
	size_t n = strlen(name);
	return p->head_len >= n && !memcmp(p->head, name, n);
}

/* The output, or "error: " and the message; malloc'd. */
static char *build_text(fsrc *fs, const char *dir, bool none, int jobs)
{
	arena *a = arena_new();
	build b;
	build_opts o = {.load_restrictions_none = none, .display_base = "", .display_root = "/",
			.jobs = jobs, .par_always = jobs > 1};
	build_init(&b, a, fs, &o);
	resmap m;
	buf out = BUF_INIT;
	err e = ERR_INIT;
	if (!build_run(&b, dir, &m, &e))
		(void)build_emit(&b, &m, &out, &e);
	if (e.msg) {
		buf_reset(&out);
		buf_printf(&out, "error: %s", e.msg);
	}
	buf_adds(&out, "");
	err_clear(&e);
	build_release(&b);
	arena_free(a);
	return buf_detach(&out, NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_part parts[FZ_MAX_PARTS];
	size_t np = fz_split((const char *)data, size, parts);
	fz_fsrc *fs = fz_fsrc_new();
	fz_fsrc_put(fs, strdup("kustomization.yaml"), parts[0].text, parts[0].len);
	char *dir = strdup("");
	bool none = false;
	for (size_t i = 1; i < np; i++) {
		if (is_setting(&parts[i], "!dir")) {
			char *d = fz_clean_name(parts[i].head + 4, parts[i].head_len - 4);
			if (d) {
				free(dir);
				dir = d;
			}
			continue;
		}
		if (is_setting(&parts[i], "!none")) {
			none = true;
			continue;
		}
		char *name = fz_clean_name(parts[i].head, parts[i].head_len);
		if (name)
			fz_fsrc_put(fs, name, parts[i].text, parts[i].len);
	}
	char *one = build_text(&fs->base, dir, none, 1);
	char *many = build_text(&fs->base, dir, none, 3);
#ifdef FZ_VERBOSE
	/* -DFZ_VERBOSE: see what the seeds build to. */
	fprintf(stderr, "%s\n", one);
#endif
	if (strcmp(one, many)) {
		fprintf(stderr, "one thread:\n%s\nthree threads:\n%s\n", one, many);
		abort();
	}
	free(one);
	free(many);
	fsrc_close(&fs->base);
	free(dir);
	return 0;
}
