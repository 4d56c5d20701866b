/* Unit tests: render.c, flux.c, varsub.c and fsrc_overlay.c — strata render
 * on small repositories written to a temporary directory.  Flux behaviour
 * follows fluxcd/pkg's kustomize generator and varsub code (see
 * /work/notes in the project history); kustomize parts were checked with
 * kubectl kustomize. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "strata/fsrc_ignore.h"
#include "strata/fsrc_overlay.h"
#include "strata/render.h"

#include <jansson.h>

/* ---------- fixtures ---------- */

typedef struct tfile {
	const char *path;
	const char *data;
} tfile;

static const char GOTK_SYNC[] =
	"apiVersion: source.toolkit.fluxcd.io/v1\n"
	"kind: GitRepository\n"
	"metadata:\n  name: flux-system\n  namespace: flux-system\n"
	"spec:\n  interval: 1m0s\n  url: ssh://git@example.com/fleet\n"
	"---\n"
	"apiVersion: kustomize.toolkit.fluxcd.io/v1\n"
	"kind: Kustomization\n"
	"metadata:\n  name: flux-system\n  namespace: flux-system\n"
	"spec:\n  interval: 10m0s\n  path: ./profiles/prod\n  prune: true\n"
	"  sourceRef:\n    kind: GitRepository\n    name: flux-system\n";

static const char DEPLOY[] =
	"apiVersion: apps/v1\n"
	"kind: Deployment\n"
	"metadata:\n  name: web\n"
	"spec:\n  replicas: 1\n  template:\n    spec:\n      containers:\n"
	"      - name: web\n        image: nginx:1.25\n";

/* A Flux Kustomization named name for path, with extra spec lines. */
static char *ks(const char *name, const char *path, const char *extra)
{
	char *s;
	if (asprintf(&s,
		     "apiVersion: kustomize.toolkit.fluxcd.io/v1\n"
		     "kind: Kustomization\n"
		     "metadata:\n  name: %s\n  namespace: flux-system\n"
		     "spec:\n  interval: 10m\n  path: %s\n"
		     "  sourceRef:\n    kind: GitRepository\n    name: flux-system\n%s",
		     name, path, extra ? extra : "") < 0)
		abort();
	return s;
}

typedef struct repo {
	char dir[64];
	arena *a;
	fsrc *base, *fs;
	render r;
	err e;
	int rc;
} repo;

static void write_file(const char *root, const char *path, const char *data)
{
	char full[512];
	snprintf(full, sizeof full, "%s/%s", root, path);
	for (char *s = full + strlen(root) + 1; *s; s++)
		if (*s == '/') {
			*s = 0;
			mkdir(full, 0777);
			*s = '/';
		}
	FILE *f = fopen(full, "w");
	assert_non_null(f);
	fputs(data, f);
	fclose(f);
}

/* Writes the files (plus the flux-system sync objects) and renders
 * profiles/prod. */
static void render_repo(repo *t, const tfile *files, const render_opts *extra)
{
	memset(t, 0, sizeof *t);
	strcpy(t->dir, "/tmp/strata-render-XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	write_file(t->dir, "profiles/prod/flux-system/kustomization.yaml",
		   "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
		   "resources:\n- gotk-sync.yaml\n");
	write_file(t->dir, "profiles/prod/flux-system/gotk-sync.yaml", GOTK_SYNC);
	write_file(t->dir, "apps/base/kustomization.yaml", "resources:\n- deploy.yaml\n");
	write_file(t->dir, "apps/base/deploy.yaml", DEPLOY);
	for (const tfile *f = files; f && f->path; f++)
		write_file(t->dir, f->path, f->data);
	t->a = arena_new();
	t->base = fsrc_open_dir(t->dir, &t->e);
	assert_non_null(t->base);
	t->fs = fsrc_ignore_open(t->base, "", NULL, &t->e);
	assert_non_null(t->fs);
	render_opts o = {0};
	if (extra)
		o = *extra;
	o.profile = "profiles/prod";
	o.display_base = "";
	render_init(&t->r, t->a, t->fs, &o);
	t->rc = render_run(&t->r, &t->e);
}

static void release(repo *t)
{
	render_release(&t->r);
	fsrc_close(t->fs);
	fsrc_close(t->base);
	arena_free(t->a);
	err_clear(&t->e);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", t->dir);
	assert_int_equal(system(cmd), 0);
}

static char *yaml_of(repo *t, const char *only)
{
	size_t *idx = malloc((t->r.n + 1) * sizeof *idx), n;
	buf out = BUF_INIT;
	assert_int_equal(render_select(&t->r, only, false, idx, &n, &t->e), 0);
	assert_int_equal(render_emit_yaml(&t->r, idx, n, &out, &t->e), 0);
	free(idx);
	return buf_detach(&out, NULL);
}

/* The block of Kustomization name, without its heading line. */
static char *block_of(repo *t, const char *name)
{
	char *all = yaml_of(t, name);
	char *nl = strchr(all, '\n');
	char *body = strdup(nl ? nl + 1 : "");
	free(all);
	return body;
}

static void assert_contains(const char *hay, const char *needle)
{
	if (!strstr(hay, needle))
		fail_msg("expected to find:\n%s\nin:\n%s", needle, hay);
}

static void assert_error_contains(repo *t, const char *needle)
{
	assert_int_not_equal(t->rc, 0);
	assert_non_null(t->e.msg);
	assert_contains(t->e.msg, needle);
}

/* ---------- the generated kustomization ---------- */

static void generated_kustomization_lists_yaml_files_in_walk_order(void **state)
{
	(void)state;
	repo t;
	tfile files[] = {
		{"profiles/prod/b.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n"},
		{"profiles/prod/a.yml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n"},
		{"profiles/prod/sub/c.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n"},
		{"profiles/prod/README.md", "# not yaml\n"},
		{"profiles/prod/values.json", "{}\n"},
		{NULL, NULL}};
	render_repo(&t, files, NULL);
	assert_int_equal(t.rc, 0);
	buf out = BUF_INIT;
	assert_int_equal(flux_gen_kustomization(t.a, t.fs, "profiles/prod", "profiles/prod", &out,
						&t.e),
			 0);
	assert_string_equal(out.p, "apiVersion: kustomize.config.k8s.io/v1beta1\n"
				   "kind: Kustomization\n"
				   "resources:\n"
				   "- \"./a.yml\"\n"
				   "- \"./b.yaml\"\n"
				   "- \"./flux-system\"\n"
				   "- \"./sub/c.yaml\"\n");
	buf_free(&out);
	release(&t);
}

static void generated_kustomization_refuses_files_that_are_not_objects(void **state)
{
	(void)state;
	repo t;
	tfile files[] = {{"profiles/prod/notes.yaml", "- just\n- a list\n"}, {NULL, NULL}};
	render_repo(&t, files, NULL);
	assert_error_contains(&t, "failed to decode Kubernetes YAML from profiles/prod/notes.yaml");
	release(&t);
}

static void empty_directory_renders_nothing(void **state)
{
	(void)state;
	repo t;
	char *k = ks("apps", "./apps/empty", NULL);
	tfile files[] = {{"profiles/prod/apps.yaml", k}, {"apps/empty/.keep", ""}, {NULL, NULL}};
	render_repo(&t, files, NULL);
	assert_int_equal(t.rc, 0);
	char *b = block_of(&t, "apps");
	assert_string_equal(b, "");
	free(b);
	release(&t);
	free(k);
}

static void sourceignore_hides_files_from_the_generated_kustomization(void **state)
{
	(void)state;
	repo t;
	tfile files[] = {
		{".sourceignore", "profiles/prod/drafts/\n"},
		{"profiles/prod/drafts/x.yaml", "not: [valid\n"},
		{"profiles/prod/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n"},
		{NULL, NULL}};
	render_repo(&t, files, NULL);
	assert_int_equal(t.rc, 0);
	char *all = yaml_of(&t, NULL);
	assert_contains(all, "name: cm\n");
	free(all);
	release(&t);
}

/* ---------- Flux's fields ---------- */

static void target_namespace_and_name_prefix_replace_the_overlays(void **state)
{
	(void)state;
	repo t;
	char *k = ks("apps", "./apps/prod", "  targetNamespace: shop\n  namePrefix: flux-\n");
	tfile files[] = {
		{"profiles/prod/apps.yaml", k},
		{"apps/prod/kustomization.yaml",
		 "resources:\n- ../base\nnamespace: other\nnamePrefix: prod-\n"},
		{NULL, NULL}};
	render_repo(&t, files, NULL);
	assert_int_equal(t.rc, 0);
	char *b = block_of(&t, "apps");
	assert_contains(b, "  name: flux-web\n  namespace: shop\n");
	free(b);
	release(&t);
	free(k);
}

static void patches_are_appended_after_the_overlays_own(void **state)
{
	(void)state;
	repo t;
	char *k = ks("apps", "./apps/prod",
		     "  patches:\n"
		     "  - patch: |\n"
		     "      - op: replace\n        path: /spec/replicas\n        value: 5\n"
		     "    target:\n      kind: Deployment\n");
	tfile files[] = {
		{"profiles/prod/apps.yaml", k},
		{"apps/prod/kustomization.yaml",
		 "resources:\n- ../base\npatches:\n- patch: |\n"
		 "    - op: replace\n      path: /spec/replicas\n      value: 3\n"
		 "  target:\n    kind: Deployment\n"},
		{NULL, NULL}};
	render_repo(&t, files, NULL);
	assert_int_equal(t.rc, 0);
	char *b = block_of(&t, "apps");
	assert_contains(b, "  replicas: 5\n");
	free(b);
	release(&t);
	free(k);
}

static void images_merge_field_by_field_with_the_overlays(void **state)
{
	(void)state;
	repo t;
	char *k = ks("apps", "./apps/prod", "  images:\n  - name: nginx\n    newTag: \"1.27\"\n");
	tfile files[] = {
		{"profiles/prod/apps.yaml", k},
		{"apps/prod/kustomization.yaml",
		 "resources:\n- ../base\nimages:\n- name: nginx\n  newName: mirror/nginx\n"
		 "  newTag: \"1.0\"\n"},
		{NULL, NULL}};
	render_repo(&t, files, NULL);
	assert_int_equal(t.rc, 0);
	char *b = block_of(&t, "apps");
	assert_contains(b, "image: mirror/nginx:1.27\n");
	free(b);
	release(&t);
	free(k);
}

static void components_are_appended_and_missing_ones_can_be_ignored(void **state)
{
	(void)state;
	repo t;
	char *k = ks("apps", "./apps/prod",
		     "  components:\n  - ../components/team\n  - ../components/absent\n"
		     "  ignoreMissingComponents: true\n");
	tfile files[] = {
		{"profiles/prod/apps.yaml", k},
		{"apps/prod/kustomization.yaml", "resources:\n- ../base\n"},
		{"apps/components/team/kustomization.yaml",
		 "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n"
		 "commonAnnotations:\n  team: shop\n"},
		{NULL, NULL}};
	render_repo(&t, files, NULL);
	assert_int_equal(t.rc, 0);
	char *b = block_of(&t, "apps");
	assert_contains(b, "    team: shop\n");
	free(b);
	release(&t);
	free(k);
}

static void a_missing_component_fails_without_ignore(void **state)
{
	(void)state;
	repo t;
	char *k = ks("apps", "./apps/prod", "  components:\n  - ../components/absent\n");
	tfile files[] = {{"profiles/prod/apps.yaml", k},
			 {"apps/prod/kustomization.yaml", "resources:\n- ../base\n"},
			 {NULL, NULL}};
	render_repo(&t, files, NULL);
	assert_error_contains(&t, "Kustomization flux-system/apps");
	release(&t);
	free(k);
}

static void remote_components_are_refused(void **state)
{
	(void)state;
	repo t;
	char *k = ks("apps", "./apps/prod",
		     "  components:\n  - https://github.com/example/x//c\n");
	tfile files[] = {{"profiles/prod/apps.yaml", k},
			 {"apps/prod/kustomization.yaml", "resources:\n- ../base\n"},
			 {NULL, NULL}};
	render_repo(&t, files, NULL);
	assert_error_contains(&t, "must be local and relative");
	release(&t);
	free(k);
}

static void unknown_kustomization_fields_are_dropped_as_flux_drops_them(void **state)
{
	(void)state;
	repo t;
	char *k = ks("apps", "./apps/prod", NULL);
	tfile files[] = {{"profiles/prod/apps.yaml", k},
			 {"apps/prod/kustomization.yaml", "resources:\n- ../base\nnotAField: 1\n"},
			 {NULL, NULL}};
	render_repo(&t, files, NULL);
	assert_int_equal(t.rc, 0);
	release(&t);
	free(k);
}

static void owner_labels_and_common_metadata_go_on_metadata_only(void **state)
{
	(void)state;
	repo t;
	char *k = ks("apps", "./apps/prod",
		     "  commonMetadata:\n    labels:\n      team: shop\n"
		     "    annotations:\n      owner: ops\n");
	tfile files[] = {{"profiles/prod/apps.yaml", k},
			 {"apps/prod/kustomization.yaml", "resources:\n- ../base\n"},
			 {NULL, NULL}};
	render_repo(&t, files, NULL);
	assert_int_equal(t.rc, 0);
	char *b = block_of(&t, "apps");
	assert_string_equal(b, "apiVersion: apps/v1\n"
			       "kind: Deployment\n"
			       "metadata:\n"
			       "  annotations:\n"
			       "    owner: ops\n"
			       "  labels:\n"
			       "    kustomize.toolkit.fluxcd.io/name: apps\n"
			       "    kustomize.toolkit.fluxcd.io/namespace: flux-system\n"
			       "    team: shop\n"
			       "  name: web\n"
			       "spec:\n"
			       "  replicas: 1\n"
			       "  template:\n"
			       "    spec:\n"
			       "      containers:\n"
			       "      - image: nginx:1.25\n"
			       "        name: web\n");
	free(b);
	release(&t);
	free(k);
}

/* ---------- postBuild ---------- */

static const char SUBST_DEPLOY[] =
	"apiVersion: apps/v1\n"
	"kind: Deployment\n"
	"metadata:\n  name: web\n  annotations:\n"
	"    host: web.${domain}\n    flag: ${enabled}\n    def: ${missing:=fallback}\n"
	"    quoted: \"${enabled}\"\n    trick: ${quote}${enabled}${quote}\n"
	"spec:\n  replicas: ${replicas}\n";

static void substitution_layers_values_and_retypes_as_yaml_1_1(void **state)
{
	(void)state;
	repo t;
	char *k = ks("apps", "./apps/subst",
		     "  postBuild:\n    substitute:\n      replicas: \"3\"\n      enabled: \"yes\"\n"
		     "      domain: inline.example\n      quote: '\"'\n"
		     "    substituteFrom:\n    - kind: ConfigMap\n      name: vars\n");
	tfile files[] = {
		{"profiles/prod/apps.yaml", k},
		{"profiles/prod/vars.yaml",
		 "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: vars\n  namespace: flux-system\n"
		 "data:\n  domain: example.com\n  replicas: \"2\"\n"},
		{"apps/subst/kustomization.yaml", "resources:\n- deploy.yaml\n"},
		{"apps/subst/deploy.yaml", SUBST_DEPLOY},
		{NULL, NULL}};
	render_repo(&t, files, NULL);
	assert_int_equal(t.rc, 0);
	char *b = block_of(&t, "apps");
	/* substitute overrides substituteFrom; yes becomes a boolean even
	 * where the source quoted it (kustomize prints it plain before Flux
	 * substitutes), unless the quotes come from a variable. */
	assert_contains(b, "    def: fallback\n    flag: true\n    host: web.inline.example\n"
			   "    quoted: true\n    trick: \"yes\"\n");
	assert_contains(b, "  replicas: 3\n");
	free(b);
	release(&t);
	free(k);
}

static void substitution_values_come_from_secrets_decoded(void **state)
{
	(void)state;
	repo t;
	char *k = ks("apps", "./apps/subst",
		     "  postBuild:\n    substituteFrom:\n    - kind: Secret\n      name: vars\n"
		     "    - kind: ConfigMap\n      name: absent\n      optional: true\n");
	tfile files[] = {
		{"profiles/prod/apps.yaml", k},
		/* "example.org\n" in base64: the newline is dropped. */
		{"profiles/prod/vars.yaml",
		 "apiVersion: v1\nkind: Secret\nmetadata:\n  name: vars\n  namespace: flux-system\n"
		 "data:\n  domain: ZXhhbXBsZS5vcmcK\n  replicas: Mg==\n  enabled: b2Zm\n"},
		{"apps/subst/kustomization.yaml", "resources:\n- deploy.yaml\n"},
		{"apps/subst/deploy.yaml", SUBST_DEPLOY},
		{NULL, NULL}};
	render_repo(&t, files, NULL);
	assert_int_equal(t.rc, 0);
	char *b = block_of(&t, "apps");
	assert_contains(b, "    flag: false\n    host: web.example.org\n");
	assert_contains(b, "  replicas: 2\n");
	free(b);
	release(&t);
	free(k);
}

static void a_missing_substitute_source_is_an_error_naming_it(void **state)
{
	(void)state;
	repo t;
	char *k = ks("apps", "./apps/subst",
		     "  postBuild:\n    substituteFrom:\n    - kind: ConfigMap\n      name: cluster\n");
	tfile files[] = {{"profiles/prod/apps.yaml", k},
			 {"apps/subst/kustomization.yaml", "resources:\n- deploy.yaml\n"},
			 {"apps/subst/deploy.yaml", SUBST_DEPLOY},
			 {NULL, NULL}};
	render_repo(&t, files, NULL);
	assert_error_contains(&t, "substitute from 'ConfigMap/cluster' error");
	assert_error_contains(&t, "--var");
	release(&t);
	free(k);
}

static void cli_vars_stand_in_for_cluster_only_sources(void **state)
{
	(void)state;
	repo t;
	char *k = ks("apps", "./apps/subst",
		     "  postBuild:\n    substituteFrom:\n    - kind: ConfigMap\n      name: cluster\n");
	tfile files[] = {{"profiles/prod/apps.yaml", k},
			 {"apps/subst/kustomization.yaml", "resources:\n- deploy.yaml\n"},
			 {"apps/subst/deploy.yaml", SUBST_DEPLOY},
			 {NULL, NULL}};
	arena *va = arena_new();
	render_opts o = {0};
	varsub_set(va, &o.cli_vars, "domain", "cli.example", 11);
	varsub_set(va, &o.cli_vars, "replicas", "4", 1);
	o.have_cli_vars = true;
	render_repo(&t, files, &o);
	assert_int_equal(t.rc, 0);
	char *b = block_of(&t, "apps");
	assert_contains(b, "host: web.cli.example\n");
	assert_contains(b, "  replicas: 4\n");
	free(b);
	release(&t);
	arena_free(va);
	free(k);
}

static void substitution_can_be_disabled_per_object(void **state)
{
	(void)state;
	repo t;
	char *k = ks("apps", "./apps/subst", "  postBuild:\n    substitute:\n      domain: x\n");
	tfile files[] = {
		{"profiles/prod/apps.yaml", k},
		{"apps/subst/kustomization.yaml", "resources:\n- cm.yaml\n"},
		{"apps/subst/cm.yaml",
		 "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: script\n  annotations:\n"
		 "    kustomize.toolkit.fluxcd.io/substitute: disabled\n"
		 "data:\n  run.sh: echo ${domain}\n"},
		{NULL, NULL}};
	render_repo(&t, files, NULL);
	assert_int_equal(t.rc, 0);
	char *b = block_of(&t, "apps");
	assert_contains(b, "run.sh: echo ${domain}\n");
	free(b);
	release(&t);
	free(k);
}

static void without_post_build_nothing_is_substituted(void **state)
{
	(void)state;
	repo t;
	char *k = ks("apps", "./apps/subst", NULL);
	tfile files[] = {{"profiles/prod/apps.yaml", k},
			 {"apps/subst/kustomization.yaml", "resources:\n- deploy.yaml\n"},
			 {"apps/subst/deploy.yaml", SUBST_DEPLOY},
			 {NULL, NULL}};
	render_repo(&t, files, NULL);
	assert_int_equal(t.rc, 0);
	char *b = block_of(&t, "apps");
	assert_contains(b, "replicas: ${replicas}\n");
	free(b);
	release(&t);
	free(k);
}

static void invalid_variable_names_are_refused(void **state)
{
	(void)state;
	repo t;
	char *k = ks("apps", "./apps/subst", "  postBuild:\n    substitute:\n      my-var: x\n");
	tfile files[] = {{"profiles/prod/apps.yaml", k},
			 {"apps/subst/kustomization.yaml", "resources:\n- deploy.yaml\n"},
			 {"apps/subst/deploy.yaml", SUBST_DEPLOY},
			 {NULL, NULL}};
	render_repo(&t, files, NULL);
	assert_error_contains(&t, "'my-var' var name is invalid");
	release(&t);
	free(k);
}

static void strict_mode_refuses_unset_variables(void **state)
{
	(void)state;
	repo t;
	char *k = ks("apps", "./apps/subst", "  postBuild:\n    substitute:\n      domain: x\n");
	tfile files[] = {{"profiles/prod/apps.yaml", k},
			 {"apps/subst/kustomization.yaml", "resources:\n- deploy.yaml\n"},
			 {"apps/subst/deploy.yaml", SUBST_DEPLOY},
			 {NULL, NULL}};
	render_opts o = {0};
	o.strict = true;
	render_repo(&t, files, &o);
	assert_error_contains(&t, "variable not set (strict mode)");
	release(&t);
	free(k);
}

/* ---------- which Kustomizations, in which order ---------- */

static const char *heading_order(repo *t, char *all)
{
	(void)t;
	static char order[512];
	order[0] = 0;
	for (char *l = all; l && *l;) {
		char *nl = strchr(l, '\n');
		if (!strncmp(l, "# Kustomization ", 16)) {
			char *end = strchr(l + 16, ',');
			strncat(order, l + 16, (size_t)(end - l - 16));
			strcat(order, " ");
		}
		l = nl ? nl + 1 : NULL;
	}
	return order;
}

static void depends_on_orders_the_blocks(void **state)
{
	(void)state;
	repo t;
	char *apps = ks("apps", "./apps/prod", "  dependsOn:\n  - name: infra\n");
	char *infra = ks("infra", "./infra", NULL);
	tfile files[] = {{"profiles/prod/apps.yaml", apps},
			 {"profiles/prod/infra.yaml", infra},
			 {"apps/prod/kustomization.yaml", "resources:\n- ../base\n"},
			 {"infra/ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n"},
			 {NULL, NULL}};
	render_repo(&t, files, NULL);
	assert_int_equal(t.rc, 0);
	char *all = yaml_of(&t, NULL);
	assert_string_equal(heading_order(&t, all), "flux-system/infra flux-system/apps ");
	assert_true(!strncmp(all, "# profile profiles/prod (Kustomization flux-system/flux-system)\n",
			     63));
	free(all);
	release(&t);
	free(apps);
	free(infra);
}

static void a_depends_on_cycle_is_an_error_naming_it(void **state)
{
	(void)state;
	repo t;
	char *a = ks("a", "./apps/prod", "  dependsOn:\n  - name: b\n");
	char *b = ks("b", "./apps/prod", "  dependsOn:\n  - name: a\n");
	tfile files[] = {{"profiles/prod/a.yaml", a},
			 {"profiles/prod/b.yaml", b},
			 {"apps/prod/kustomization.yaml", "resources:\n- ../base\n"},
			 {NULL, NULL}};
	render_repo(&t, files, NULL);
	assert_error_contains(&t, "dependsOn cycle: flux-system/a -> flux-system/b -> flux-system/a");
	release(&t);
	free(a);
	free(b);
}

static void a_missing_dependency_is_an_error_naming_it(void **state)
{
	(void)state;
	repo t;
	char *a = ks("apps", "./apps/prod", "  dependsOn:\n  - name: infra\n    namespace: ops\n");
	tfile files[] = {{"profiles/prod/apps.yaml", a},
			 {"apps/prod/kustomization.yaml", "resources:\n- ../base\n"},
			 {NULL, NULL}};
	render_repo(&t, files, NULL);
	assert_error_contains(&t, "profiles/prod/apps.yaml");
	assert_error_contains(&t, "dependsOn ops/infra");
	release(&t);
	free(a);
}

static void a_missing_path_is_an_error(void **state)
{
	(void)state;
	repo t;
	char *a = ks("apps", "./apps/nowhere", NULL);
	tfile files[] = {{"profiles/prod/apps.yaml", a}, {NULL, NULL}};
	render_repo(&t, files, NULL);
	assert_error_contains(&t, "kustomization path not found");
	assert_error_contains(&t, "apps/nowhere");
	release(&t);
	free(a);
}

static void paths_cannot_climb_out_of_the_repository(void **state)
{
	(void)state;
	repo t;
	/* Flux joins spec.path under the artifact root: ../../apps/prod is
	 * apps/prod. */
	char *a = ks("apps", "../../apps/prod", NULL);
	tfile files[] = {{"profiles/prod/apps.yaml", a},
			 {"apps/prod/kustomization.yaml", "resources:\n- ../base\n"},
			 {NULL, NULL}};
	render_repo(&t, files, NULL);
	assert_int_equal(t.rc, 0);
	char *b = block_of(&t, "apps");
	assert_contains(b, "name: web\n");
	free(b);
	release(&t);
	free(a);
}

static void foreign_sources_are_skipped_not_fetched(void **state)
{
	(void)state;
	repo t;
	tfile files[] = {
		{"profiles/prod/podinfo.yaml",
		 "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\n"
		 "metadata:\n  name: podinfo\n  namespace: flux-system\n"
		 "spec:\n  interval: 10m\n  path: ./kustomize\n"
		 "  sourceRef:\n    kind: OCIRepository\n    name: podinfo\n"},
		{NULL, NULL}};
	render_repo(&t, files, NULL);
	assert_int_equal(t.rc, 0);
	char *all = yaml_of(&t, NULL);
	assert_contains(all, "# Kustomization flux-system/podinfo, path ./kustomize: skipped, its "
			     "source OCIRepository flux-system/podinfo is not this repository");
	free(all);
	assert_contains(t.r.notes.p, "flux-system/podinfo skipped");
	release(&t);
}

static void the_sync_kustomization_is_noted_not_looped_on(void **state)
{
	(void)state;
	repo t;
	render_repo(&t, NULL, NULL);
	assert_int_equal(t.rc, 0);
	assert_contains(t.r.notes.p, "Kustomization flux-system/flux-system not rendered again");
	release(&t);
}

static void groups_nest_to_any_depth(void **state)
{
	(void)state;
	repo t;
	char *group = ks("apps", "./groups/apps", NULL);
	char *leaf = ks("web", "./apps/prod", NULL);
	tfile files[] = {{"profiles/prod/apps.yaml", group},
			 {"groups/apps/web.yaml", leaf},
			 {"apps/prod/kustomization.yaml", "resources:\n- ../base\n"},
			 {NULL, NULL}};
	render_repo(&t, files, NULL);
	assert_int_equal(t.rc, 0);
	char *all = yaml_of(&t, NULL);
	assert_string_equal(heading_order(&t, all), "flux-system/apps flux-system/web ");
	free(all);
	char *b = block_of(&t, "web");
	assert_contains(b, "kustomize.toolkit.fluxcd.io/name: web\n");
	free(b);
	release(&t);
	free(group);
	free(leaf);
}

static void only_with_deps_selects_the_dependency_chain(void **state)
{
	(void)state;
	repo t;
	char *apps = ks("apps", "./apps/prod", "  dependsOn:\n  - name: infra\n");
	char *infra = ks("infra", "./infra", NULL);
	char *other = ks("other", "./infra", NULL);
	tfile files[] = {{"profiles/prod/apps.yaml", apps},
			 {"profiles/prod/infra.yaml", infra},
			 {"profiles/prod/other.yaml", other},
			 {"apps/prod/kustomization.yaml", "resources:\n- ../base\n"},
			 {"infra/ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n"},
			 {NULL, NULL}};
	render_repo(&t, files, NULL);
	assert_int_equal(t.rc, 0);
	size_t idx[16], n;
	assert_int_equal(render_select(&t.r, "apps", true, idx, &n, &t.e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(t.r.v[idx[0]].ks->name, "infra");
	assert_string_equal(t.r.v[idx[1]].ks->name, "apps");
	assert_int_not_equal(render_select(&t.r, "nope", false, idx, &n, &t.e), 0);
	assert_contains(t.e.msg, "--only nope");
	release(&t);
	free(apps);
	free(infra);
	free(other);
}

static void the_sources_spec_ignore_is_reported(void **state)
{
	(void)state;
	repo t;
	tfile files[] = {
		{"profiles/prod/flux-system/gotk-sync.yaml",
		 "apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\n"
		 "metadata:\n  name: flux-system\n  namespace: flux-system\n"
		 "spec:\n  url: ssh://git@example.com/fleet\n  ignore: |\n    /drafts/\n"
		 "---\n"
		 "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\n"
		 "metadata:\n  name: flux-system\n  namespace: flux-system\n"
		 "spec:\n  path: ./profiles/prod\n"
		 "  sourceRef:\n    kind: GitRepository\n    name: flux-system\n"},
		{NULL, NULL}};
	render_repo(&t, files, NULL);
	assert_int_equal(t.rc, 0);
	assert_string_equal(render_source_ignore(&t.r), "/drafts/\n");
	release(&t);
}

static char *render_with_jobs(const tfile *files, int jobs)
{
	repo t;
	render_opts o = {0};
	o.jobs = jobs;
	render_repo(&t, files, &o);
	assert_int_equal(t.rc, 0);
	char *all = yaml_of(&t, NULL);
	release(&t);
	return all;
}

static void parallel_builds_print_the_same_stream(void **state)
{
	(void)state;
	char *k[6];
	tfile files[8];
	for (int i = 0; i < 6; i++) {
		char name[16], path[32];
		snprintf(name, sizeof name, "app%d", i);
		snprintf(path, sizeof path, "./apps/%s", i % 2 ? "prod" : "base");
		k[i] = ks(name, path, i ? "  dependsOn:\n  - name: app0\n" : NULL);
		char *file;
		assert_true(asprintf(&file, "profiles/prod/%s.yaml", name) > 0);
		files[i] = (tfile){file, k[i]};
	}
	files[6] = (tfile){"apps/prod/kustomization.yaml", "resources:\n- ../base\nnamePrefix: p-\n"};
	files[7] = (tfile){NULL, NULL};
	char *one = render_with_jobs(files, 1), *four = render_with_jobs(files, 4);
	assert_string_equal(one, four);
	assert_contains(one, "# Kustomization flux-system/app5, path ./apps/prod\n");
	free(one);
	free(four);
	for (int i = 0; i < 6; i++) {
		free((char *)files[i].path);
		free(k[i]);
	}
}

/* ---------- output ---------- */

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	buf b = BUF_INIT;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	if (!b.p)
		buf_add(&b, "", 0);
	return buf_detach(&b, NULL);
}

static void output_dir_writes_one_file_per_kustomization_and_drops_stale_ones(void **state)
{
	(void)state;
	repo t;
	char *apps = ks("apps", "./apps/prod", NULL);
	tfile files[] = {{"profiles/prod/apps.yaml", apps},
			 {"apps/prod/kustomization.yaml", "resources:\n- ../base\n"},
			 {"gen/flux-system/old.yaml", "stale\n"},
			 {"gen/flux-system/notes.txt", "kept\n"},
			 {NULL, NULL}};
	render_repo(&t, files, NULL);
	assert_int_equal(t.rc, 0);
	size_t idx[16], n;
	assert_int_equal(render_select(&t.r, NULL, false, idx, &n, &t.e), 0);
	char dir[128], path[192];
	snprintf(dir, sizeof dir, "%s/gen", t.dir);
	assert_int_equal(render_write_dir(&t.r, idx, n, dir, &t.e), 0);
	snprintf(path, sizeof path, "%s/flux-system/apps.yaml", dir);
	char *text = slurp(path);
	assert_non_null(text);
	assert_true(!strncmp(text, "# Kustomization flux-system/apps, path ./apps/prod\n"
				   "apiVersion: apps/v1\n",
			     71));
	free(text);
	snprintf(path, sizeof path, "%s/flux-system/flux-system.yaml", dir);
	text = slurp(path);
	assert_non_null(text);
	assert_contains(text, "kind: GitRepository\n");
	free(text);
	snprintf(path, sizeof path, "%s/flux-system/old.yaml", dir);
	assert_int_not_equal(access(path, F_OK), 0);
	snprintf(path, sizeof path, "%s/flux-system/notes.txt", dir);
	assert_int_equal(access(path, F_OK), 0);
	release(&t);
	free(apps);
}

static void json_output_names_each_objects_kustomization(void **state)
{
	(void)state;
	repo t;
	char *apps = ks("apps", "./apps/prod", NULL);
	tfile files[] = {{"profiles/prod/apps.yaml", apps},
			 {"apps/prod/kustomization.yaml", "resources:\n- ../base\n"},
			 {NULL, NULL}};
	render_repo(&t, files, NULL);
	assert_int_equal(t.rc, 0);
	size_t idx[16], n;
	buf out = BUF_INIT;
	assert_int_equal(render_select(&t.r, "apps", false, idx, &n, &t.e), 0);
	assert_int_equal(render_emit_json(&t.r, idx, n, &out, &t.e), 0);
	json_error_t je;
	json_t *j = json_loads(out.p, 0, &je);
	assert_non_null(j);
	assert_true(json_is_array(j));
	assert_int_equal(json_array_size(j), 1);
	json_t *en = json_array_get(j, 0);
	assert_string_equal(json_string_value(json_object_get(en, "kustomization")),
			    "flux-system/apps");
	assert_string_equal(json_string_value(json_object_get(en, "path")), "./apps/prod");
	json_t *obj = json_object_get(en, "object");
	assert_string_equal(json_string_value(json_object_get(obj, "kind")), "Deployment");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(obj, "spec"),
							    "replicas")),
			 1);
	json_decref(j);
	buf_free(&out);
	release(&t);
	free(apps);
}

/* ---------- fsrc_overlay ---------- */

static void overlay_serves_put_files_and_hides_others(void **state)
{
	(void)state;
	repo t;
	tfile files[] = {{"x/kustomization.yml", "resources: []\n"}, {NULL, NULL}};
	render_repo(&t, files, NULL);
	fsrc *ov = fsrc_overlay_open(t.fs);
	fsrc_overlay_put(ov, "x/kustomization.yaml", "a: 1\n", 5);
	fsrc_overlay_hide(ov, "x/kustomization.yml");
	assert_int_equal(fsrc_stat(ov, "x/kustomization.yaml"), FSRC_FILE);
	assert_int_equal(fsrc_stat(ov, "x/kustomization.yml"), FSRC_MISSING);
	char **names;
	size_t n;
	assert_int_equal(fsrc_list(ov, "x", &names, &n, &t.e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(names[0], "kustomization.yaml");
	fsrc_free_list(names, n);
	char *data;
	size_t len;
	assert_int_equal(fsrc_read(ov, "x/kustomization.yaml", &data, &len, &t.e), 0);
	assert_string_equal(data, "a: 1\n");
	free(data);
	char *res;
	assert_int_equal(fsrc_resolve(ov, "x/kustomization.yaml", &res, &t.e), 0);
	assert_string_equal(res, "x/kustomization.yaml");
	free(res);
	fsrc_close(ov);
	release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(generated_kustomization_lists_yaml_files_in_walk_order),
		cmocka_unit_test(generated_kustomization_refuses_files_that_are_not_objects),
		cmocka_unit_test(empty_directory_renders_nothing),
		cmocka_unit_test(sourceignore_hides_files_from_the_generated_kustomization),
		cmocka_unit_test(target_namespace_and_name_prefix_replace_the_overlays),
		cmocka_unit_test(patches_are_appended_after_the_overlays_own),
		cmocka_unit_test(images_merge_field_by_field_with_the_overlays),
		cmocka_unit_test(components_are_appended_and_missing_ones_can_be_ignored),
		cmocka_unit_test(a_missing_component_fails_without_ignore),
		cmocka_unit_test(remote_components_are_refused),
		cmocka_unit_test(unknown_kustomization_fields_are_dropped_as_flux_drops_them),
		cmocka_unit_test(owner_labels_and_common_metadata_go_on_metadata_only),
		cmocka_unit_test(substitution_layers_values_and_retypes_as_yaml_1_1),
		cmocka_unit_test(substitution_values_come_from_secrets_decoded),
		cmocka_unit_test(a_missing_substitute_source_is_an_error_naming_it),
		cmocka_unit_test(cli_vars_stand_in_for_cluster_only_sources),
		cmocka_unit_test(substitution_can_be_disabled_per_object),
		cmocka_unit_test(without_post_build_nothing_is_substituted),
		cmocka_unit_test(invalid_variable_names_are_refused),
		cmocka_unit_test(strict_mode_refuses_unset_variables),
		cmocka_unit_test(depends_on_orders_the_blocks),
		cmocka_unit_test(a_depends_on_cycle_is_an_error_naming_it),
		cmocka_unit_test(a_missing_dependency_is_an_error_naming_it),
		cmocka_unit_test(a_missing_path_is_an_error),
		cmocka_unit_test(paths_cannot_climb_out_of_the_repository),
		cmocka_unit_test(foreign_sources_are_skipped_not_fetched),
		cmocka_unit_test(the_sync_kustomization_is_noted_not_looped_on),
		cmocka_unit_test(groups_nest_to_any_depth),
		cmocka_unit_test(only_with_deps_selects_the_dependency_chain),
		cmocka_unit_test(the_sources_spec_ignore_is_reported),
		cmocka_unit_test(parallel_builds_print_the_same_stream),
		cmocka_unit_test(output_dir_writes_one_file_per_kustomization_and_drops_stale_ones),
		cmocka_unit_test(json_output_names_each_objects_kustomization),
		cmocka_unit_test(overlay_serves_put_files_and_hides_others),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
