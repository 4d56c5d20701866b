/* Unit tests: lift.c, planning a lift on scratch copies of the bundled
 * example (apps-example/, profiles-example/; the tests run from the
 * repository root).
 *
 * The render verdicts were checked with kubectl kustomize: with
 * app3/version.yaml made identical in dev, staging and production, the
 * lifted tree builds byte-identical for every overlay; with app1's
 * replicas: 4 folded into the base, production (and production-eu, which
 * includes it) builds replicas: 3, because the high-availability component
 * now overrides the value where the overlay's patch used to come last.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "strata/fsrc.h"
#include "strata/lift.h"

typedef struct scratch {
	char dir[64];
	arena *a;
	fsrc *fs;
} scratch;

static void sh(const char *fmt, const char *dir, const char *arg)
{
	char cmd[1024];
	snprintf(cmd, sizeof cmd, fmt, dir, arg ? arg : "");
	if (system(cmd))
		fail_msg("failed: %s", cmd);
}

static int setup(void **state)
{
	scratch *s = calloc(1, sizeof *s);
	snprintf(s->dir, sizeof s->dir, "/tmp/strata-test-lift-XXXXXX");
	if (!mkdtemp(s->dir))
		return -1;
	sh("cp -r apps-example profiles-example %s/", s->dir, NULL);
	err e = ERR_INIT;
	s->a = arena_new();
	s->fs = fsrc_open_dir(s->dir, &e);
	*state = s;
	return s->fs ? 0 : -1;
}

static int teardown(void **state)
{
	scratch *s = *state;
	fsrc_close(s->fs);
	arena_free(s->a);
	sh("rm -rf %s", s->dir, NULL);
	free(s);
	return 0;
}

/* Every direct overlay carries production's copy of app3/version.yaml. */
static void same_app3_version(scratch *s)
{
	sh("cd %s/apps-example/overlays && cp production/app3/version.yaml dev/app3/ && "
	   "cp production/app3/version.yaml staging/app3/",
	   s->dir, NULL);
}

static void load(scratch *s, const char *app, lift_group *g)
{
	err e = ERR_INIT;
	if (lift_load(s->a, s->fs, "apps-example", app, g, &e))
		fail_msg("%s", e.msg);
}

static lift_cand *cand(scratch *s, const lift_group *g, const char *name)
{
	lift_cand *v;
	size_t n;
	err e = ERR_INIT;
	if (lift_candidates(s->a, s->fs, g, &v, &n, &e))
		fail_msg("%s", e.msg);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].name, name))
			return &v[i];
	fail_msg("no candidate %s", name);
	return NULL;
}

static void why_has(const lift_cand *c, const char *text)
{
	if (!c->why || !strstr(c->why, text))
		fail_msg("why: %s\nwant: %s", c->why ? c->why : "(liftable)", text);
}

static void groups_found_by_app(void **state)
{
	scratch *s = *state;
	const char **dirs;
	size_t n;
	err e = ERR_INIT;
	assert_int_equal(lift_find_groups(s->a, s->fs, "app3", &dirs, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(dirs[0], "apps-example");
	assert_int_equal(lift_find_groups(s->a, s->fs, "app9", &dirs, &n, &e), 0);
	assert_int_equal(n, 0);
	const char **apps;
	assert_int_equal(lift_list_apps(s->a, s->fs, "apps-example", &apps, &n, &e), 0);
	assert_int_equal(n, 3);
	assert_string_equal(apps[2], "app3");
}

/* production-eu includes ../production: it inherits the base. */
static void overlays_direct_and_inherited(void **state)
{
	scratch *s = *state;
	lift_group g;
	load(s, "app3", &g);
	assert_int_equal(g.nov, 4);
	assert_int_equal(g.ndirect, 3);
	assert_string_equal(g.base, "apps-example/base/app3");
	for (size_t i = 0; i < g.nov; i++) {
		if (!strcmp(g.ov[i].name, "production-eu")) {
			assert_int_equal(g.ov[i].use, LIFT_INHERITS);
			assert_string_equal(g.ov[i].via, "production");
		} else {
			assert_int_equal(g.ov[i].use, LIFT_DIRECT);
		}
	}
}

static void unknown_app_is_an_error(void **state)
{
	scratch *s = *state;
	lift_group g;
	err e = ERR_INIT;
	assert_int_equal(lift_load(s->a, s->fs, "apps-example", "app9", &g, &e), -1);
	assert_non_null(strstr(e.msg, "apps-example/base/app9"));
	err_clear(&e);
}

/* The example as shipped: every version differs, some patches are missing
 * in dev; _ files are never candidates. */
static void example_reasons(void **state)
{
	scratch *s = *state;
	lift_group g;
	load(s, "app1", &g);
	why_has(cand(s, &g, "version.yaml"),
		"differs in every overlay (dev, production and staging each have their own)");
	why_has(cand(s, &g, "replicas.yaml"), "missing in dev (no app1/replicas.yaml there)");
	why_has(cand(s, &g, "resources.yaml"), "missing in dev and staging");
	lift_cand *v;
	size_t n;
	err e = ERR_INIT;
	assert_int_equal(lift_candidates(s->a, s->fs, &g, &v, &n, &e), 0);
	for (size_t i = 0; i < n; i++)
		assert_true(v[i].name[0] != '_');
}

static void odd_overlay_named(void **state)
{
	scratch *s = *state;
	sh("cp %s/apps-example/overlays/production/app3/version.yaml "
	   "%s/apps-example/overlays/staging/app3/",
	   s->dir, s->dir);
	lift_group g;
	load(s, "app3", &g);
	why_has(cand(s, &g, "version.yaml"),
		"differs in dev (production and staging have the same content)");
}

/* Same content after parsing: comments and quoting do not count. */
static void comments_do_not_differ(void **state)
{
	scratch *s = *state;
	same_app3_version(s);
	sh("cd %s/apps-example/overlays/dev/app3 && sed -i '1i # promoted from production' "
	   "version.yaml",
	   s->dir, NULL);
	lift_group g;
	load(s, "app3", &g);
	assert_null(cand(s, &g, "version.yaml")->why);
}

static void unreferenced_file_named(void **state)
{
	scratch *s = *state;
	sh("cd %s/apps-example/overlays && for o in dev staging production; do "
	   "cp production/app3/version.yaml $o/app3/extra.yaml; done",
	   s->dir, NULL);
	lift_group g;
	load(s, "app3", &g);
	why_has(cand(s, &g, "extra.yaml"),
		"not referenced by the kustomization of dev, production and staging");
}

static void apply_edits_base_in_place(void **state)
{
	scratch *s = *state;
	same_app3_version(s);
	lift_group g;
	load(s, "app3", &g);
	lift_cand *c = cand(s, &g, "version.yaml");
	assert_null(c->why);
	lift_out out;
	err e = ERR_INIT;
	if (lift_apply(s->a, s->fs, &g, &c, 1, &out, &e))
		fail_msg("%s", e.msg ? e.msg : c->why);
	assert_int_equal(out.n, 1);
	assert_string_equal(out.v[0].path, "apps-example/base/app3/cronjob.yaml");
	assert_non_null(strstr(out.v[0].text, "image: registry.example.com/shop/app3:3.1.2\n"));
	assert_null(strstr(out.v[0].text, "3.1.0"));
	assert_non_null(strstr(out.v[0].text, "# $$ survives Flux's substitution"));
	assert_non_null(strstr(out.v[0].text, "command: [\"/bin/sh\", \"-c\"]"));
	assert_int_equal(out.notes.len, 0);
	buf_free(&out.notes);
}

/* A patch for an object only a component adds cannot go into the base. */
static void apply_refuses_object_outside_base(void **state)
{
	scratch *s = *state;
	sh("cd %s/apps-example/overlays && for o in dev staging production; do "
	   "printf 'apiVersion: monitoring.coreos.com/v1\\nkind: ServiceMonitor\\nmetadata:\\n"
	   "  name: app1\\nspec:\\n  jobLabel: app\\n' > $o/app1/monitor.yaml && "
	   "printf 'patches:\\n  - path: app1/monitor.yaml\\n' >> $o/kustomization.yaml; done",
	   s->dir, NULL);
	lift_group g;
	load(s, "app1", &g);
	lift_cand *c = cand(s, &g, "monitor.yaml");
	assert_null(c->why);
	lift_out out;
	err e = ERR_INIT;
	assert_int_equal(lift_apply(s->a, s->fs, &g, &c, 1, &out, &e), 1);
	why_has(c, "does not apply to apps-example/base/app1 alone");
	why_has(c, "ServiceMonitor");
	buf_free(&out.notes);
}

static void stage_and_verify(scratch *s, const char *app, const char *name, lift_check *chk,
			     txn **t)
{
	lift_group g;
	load(s, app, &g);
	lift_cand *c = cand(s, &g, name);
	assert_null(c->why);
	lift_out out;
	err e = ERR_INIT;
	if (lift_apply(s->a, s->fs, &g, &c, 1, &out, &e))
		fail_msg("%s", e.msg ? e.msg : c->why);
	*t = txn_new(s->dir);
	if (lift_stage(s->a, s->fs, &g, &c, 1, &out, *t, &e))
		fail_msg("%s", e.msg);
	fsrc *after = txn_view(*t, s->fs);
	if (lift_verify(s->a, s->fs, after, &g, chk, &e))
		fail_msg("%s", e.msg);
	fsrc_close(after);
	buf_free(&out.notes);
}

static void verify_unchanged_render(void **state)
{
	scratch *s = *state;
	same_app3_version(s);
	lift_check chk;
	txn *t;
	stage_and_verify(s, "app3", "version.yaml", &chk, &t);
	assert_int_equal(chk.differing, 0);
	assert_int_equal(chk.n, 7);  /* 4 overlays, 3 profiles */
	assert_true(chk.objects > 100);
	assert_int_equal(chk.unverified.len, 0);
	buf d = BUF_INIT;
	txn_describe(t, &d);
	assert_non_null(strstr(d.p, "M apps-example/base/app3/cronjob.yaml"));
	assert_non_null(strstr(d.p, "D apps-example/overlays/dev/app3/version.yaml"));
	assert_non_null(strstr(d.p, "M apps-example/overlays/staging/kustomization.yaml"));
	assert_null(strstr(d.p, "production-eu"));
	buf_free(&d);
	buf_free(&chk.unverified);
	txn_free(t);
}

static void verify_names_changed_renders(void **state)
{
	scratch *s = *state;
	sh("cd %s/apps-example/overlays && for o in dev staging; do "
	   "cp production/app1/replicas.yaml $o/app1/; done && "
	   "sed -i 's|  - path: app1/version.yaml|&\\n  - path: app1/replicas.yaml|' "
	   "dev/kustomization.yaml",
	   s->dir, NULL);
	lift_check chk;
	txn *t;
	stage_and_verify(s, "app1", "replicas.yaml", &chk, &t);
	assert_int_equal(chk.differing, 3);
	const char *want[] = {"apps-example/overlays/production", "apps-example/overlays/production-eu",
			      "profiles-example/production"};
	size_t k = 0;
	for (size_t i = 0; i < chk.n; i++) {
		if (!chk.v[i].set.n)
			continue;
		assert_true(k < 3);
		assert_string_equal(chk.v[i].name, want[k++]);
		assert_int_equal(chk.v[i].set.changed, 1);
		assert_non_null(strstr(chk.v[i].set.v[0].text, "-  replicas: 4\n+  replicas: 3\n"));
	}
	buf_free(&chk.unverified);
	txn_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(groups_found_by_app, setup, teardown),
		cmocka_unit_test_setup_teardown(overlays_direct_and_inherited, setup, teardown),
		cmocka_unit_test_setup_teardown(unknown_app_is_an_error, setup, teardown),
		cmocka_unit_test_setup_teardown(example_reasons, setup, teardown),
		cmocka_unit_test_setup_teardown(odd_overlay_named, setup, teardown),
		cmocka_unit_test_setup_teardown(comments_do_not_differ, setup, teardown),
		cmocka_unit_test_setup_teardown(unreferenced_file_named, setup, teardown),
		cmocka_unit_test_setup_teardown(apply_edits_base_in_place, setup, teardown),
		cmocka_unit_test_setup_teardown(apply_refuses_object_outside_base, setup, teardown),
		cmocka_unit_test_setup_teardown(verify_unchanged_render, setup, teardown),
		cmocka_unit_test_setup_teardown(verify_names_changed_renders, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
