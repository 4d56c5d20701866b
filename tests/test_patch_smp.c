/* Unit tests: patch_smp.c and the schema table (strategic merge as
 * kustomize v5.5.0 applies it).
 *
 * Every expected object below is the output of `kubectl kustomize` (kustomize
 * v5.5.0) for a kustomization with `resources: [base.yaml]` and
 * `patches: [{path: patch.yaml}]` holding the base and patch shown; the error
 * texts are kustomize's too.  Objects are compared with node_equal (maps
 * unordered, lists ordered).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "strata/buf.h"
#include "strata/emit.h"
#include "strata/parse.h"
#include "strata/patch_smp.h"

static node *parse1(arena *a, const char *file, const char *text)
{
	parse_docs d;
	err e = ERR_INIT;
	if (parse_yaml(a, file, text, strlen(text), &d, &e))
		fail_msg("%s", e.msg);
	assert_int_equal(d.n, 1);
	return d.v[0];
}

static void show(const char *what, const node *n)
{
	buf b = BUF_INIT;
	err e = ERR_INIT;
	if (emit_doc(&b, n, &e))
		err_clear(&e);
	print_message("%s:\n%s", what, b.p ? b.p : "?\n");
	buf_free(&b);
}

static void check_merge_opts(const char *base, const char *patch, const char *want,
			     const smp_opts *opts)
{
	arena *a = arena_new();
	node *obj = parse1(a, "base.yaml", base);
	node *p = parse1(a, "patch.yaml", patch);
	node *w = parse1(a, "want.yaml", want);
	node *before = node_clone(a, p);
	bool deleted = true;
	err e = ERR_INIT;
	if (smp_apply_opts(a, obj, p, opts, &deleted, &e))
		fail_msg("%s", e.msg);
	assert_false(deleted);
	if (!node_equal(obj, w)) {
		show("got", obj);
		show("want", w);
		fail();
	}
	/* The patch is only read. */
	assert_true(node_equal(p, before));
	arena_free(a);
}

static void check_merge(const char *base, const char *patch, const char *want)
{
	check_merge_opts(base, patch, want, NULL);
}

static void check_error(const char *base, const char *patch, const char *want)
{
	arena *a = arena_new();
	node *obj = parse1(a, "base.yaml", base);
	node *p = parse1(a, "patch.yaml", patch);
	bool deleted = false;
	err e = ERR_INIT;
	assert_int_equal(smp_apply(a, obj, p, &deleted, &e), -1);
	assert_non_null(e.msg);
	if (!strstr(e.msg, want))
		fail_msg("error %s lacks %s", e.msg, want);
	/* Errors point into the file that caused them. */
	assert_true(strstr(e.msg, "base.yaml:") || strstr(e.msg, "patch.yaml:"));
	err_clear(&e);
	arena_free(a);
}


/* Env is merged by name: the patch's entries first, in patch order, then the others. */
static void test_env_merge_order(void **state)
{
	(void)state;
	check_merge(
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - name: c\n"
	    "        image: x\n"
	    "        env:\n"
	    "        - name: A\n"
	    "          value: a\n"
	    "        - name: B\n"
	    "          value: b\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - name: c\n"
	    "        env:\n"
	    "        - name: B\n"
	    "          value: b2\n"
	    "        - name: C\n"
	    "          value: c\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - env:\n"
	    "        - name: B\n"
	    "          value: b2\n"
	    "        - name: C\n"
	    "          value: c\n"
	    "        - name: A\n"
	    "          value: a\n"
	    "        image: x\n"
	    "        name: c\n");
}

/* A null inside a matched element deletes that field. */
static void test_env_null_deletes_field(void **state)
{
	(void)state;
	check_merge(
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - name: c\n"
	    "        env:\n"
	    "        - name: B\n"
	    "          valueFrom:\n"
	    "            secretKeyRef: {name: s, key: k}\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - name: c\n"
	    "        env:\n"
	    "        - name: B\n"
	    "          value: \"2\"\n"
	    "          valueFrom: null\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - env:\n"
	    "        - name: B\n"
	    "          value: \"2\"\n"
	    "        name: c\n");
}

/* A new container comes before the object's ones. */
static void test_containers_add_prepend(void **state)
{
	(void)state;
	check_merge(
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - name: a\n"
	    "        image: a\n"
	    "      - name: b\n"
	    "        image: b\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - name: c\n"
	    "        image: c\n"
	    "      - name: b\n"
	    "        image: b2\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - image: c\n"
	    "        name: c\n"
	    "      - image: b2\n"
	    "        name: b\n"
	    "      - image: a\n"
	    "        name: a\n");
}

/* $patch: delete on an element removes it by name. */
static void test_container_delete_directive(void **state)
{
	(void)state;
	check_merge(
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - name: a\n"
	    "        image: a\n"
	    "      - name: b\n"
	    "        image: b\n"
	    "      - name: c\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - name: b\n"
	    "        $patch: delete\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - image: a\n"
	    "        name: a\n"
	    "      - name: c\n");
}

/* Deleting an element the object lacks adds nothing. */
static void test_container_delete_absent(void **state)
{
	(void)state;
	check_merge(
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - name: a\n"
	    "        image: a\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - name: zz\n"
	    "        $patch: delete\n"
	    "      - name: a\n"
	    "        image: a3\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - image: a3\n"
	    "        name: a\n");
}

/* A patch element without its merge key removes every keyed element. */
static void test_patch_elem_without_key(void **state)
{
	(void)state;
	check_merge(
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - name: a\n"
	    "        image: a\n"
	    "      - name: b\n"
	    "        image: b\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - image: foo\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers: []\n");
}

/* An object element without its merge key leaves only itself. */
static void test_base_elem_without_key(void **state)
{
	(void)state;
	check_merge(
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - name: a\n"
	    "        image: a\n"
	    "      - image: nameless\n"
	    "      - name: b\n"
	    "        image: b\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - name: b\n"
	    "        image: b2\n"
	    "      - name: c\n"
	    "        image: c\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - image: nameless\n");
}

/* $patch: replace on an element is undone by the object's element. */
static void test_elem_replace_loses(void **state)
{
	(void)state;
	check_merge(
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - name: a\n"
	    "        image: a\n"
	    "        args: [x]\n"
	    "      - name: b\n"
	    "        image: b\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - name: a\n"
	    "        $patch: replace\n"
	    "        image: a2\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - args:\n"
	    "        - x\n"
	    "        image: a\n"
	    "        name: a\n"
	    "      - image: b\n"
	    "        name: b\n");
}

/* A lone {$patch: replace} element replaces a merged list. */
static void test_list_replace_directive(void **state)
{
	(void)state;
	check_merge(
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - name: a\n"
	    "        image: a\n"
	    "      - name: b\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - $patch: replace\n"
	    "      - name: c\n"
	    "        image: c\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - image: c\n"
	    "        name: c\n");
}

/* A lone {$patch: delete} element deletes a merged list. */
static void test_list_delete_directive(void **state)
{
	(void)state;
	check_merge(
	    "apiVersion: v1\n"
	    "kind: Service\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  ports:\n"
	    "  - port: 5\n"
	    "    name: p\n"
	    "  type: ClusterIP\n",
	    "apiVersion: v1\n"
	    "kind: Service\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  ports:\n"
	    "  - port: 7\n"
	    "  - $patch: delete\n",
	    "apiVersion: v1\n"
	    "kind: Service\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  type: ClusterIP\n");
}

/* Ports merge on containerPort+protocol: another protocol is a new port. */
static void test_ports_protocol_differs(void **state)
{
	(void)state;
	check_merge(
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - name: a\n"
	    "        ports:\n"
	    "        - containerPort: 80\n"
	    "          protocol: TCP\n"
	    "          name: http\n"
	    "        - containerPort: 443\n"
	    "          protocol: TCP\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - name: a\n"
	    "        ports:\n"
	    "        - containerPort: 80\n"
	    "          protocol: UDP\n"
	    "          name: dns\n"
	    "        - containerPort: 443\n"
	    "          protocol: TCP\n"
	    "          hostPort: 8443\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - name: a\n"
	    "        ports:\n"
	    "        - containerPort: 80\n"
	    "          name: dns\n"
	    "          protocol: UDP\n"
	    "        - containerPort: 80\n"
	    "          name: http\n"
	    "          protocol: TCP\n"
	    "        - containerPort: 443\n"
	    "          hostPort: 8443\n"
	    "          protocol: TCP\n");
}

/* A patch port without protocol does not update the object's TCP port. */
static void test_ports_missing_protocol(void **state)
{
	(void)state;
	check_merge(
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - name: a\n"
	    "        ports:\n"
	    "        - containerPort: 80\n"
	    "          protocol: TCP\n"
	    "          name: http\n"
	    "        - containerPort: 443\n"
	    "          protocol: TCP\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - name: a\n"
	    "        ports:\n"
	    "        - containerPort: 80\n"
	    "          name: web\n"
	    "          hostPort: 8080\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - name: a\n"
	    "        ports:\n"
	    "        - containerPort: 80\n"
	    "          name: http\n"
	    "          protocol: TCP\n"
	    "        - containerPort: 443\n"
	    "          protocol: TCP\n");
}

/* Service ports merge on port+protocol. */
static void test_service_ports(void **state)
{
	(void)state;
	check_merge(
	    "apiVersion: v1\n"
	    "kind: Service\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  ports:\n"
	    "  - port: 80\n"
	    "    targetPort: 8080\n"
	    "  - port: 443\n"
	    "    protocol: TCP\n",
	    "apiVersion: v1\n"
	    "kind: Service\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  ports:\n"
	    "  - port: 80\n"
	    "    protocol: TCP\n"
	    "    name: http\n"
	    "  - port: 443\n"
	    "    protocol: UDP\n"
	    "  - port: 9000\n",
	    "apiVersion: v1\n"
	    "kind: Service\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  ports:\n"
	    "  - port: 443\n"
	    "    protocol: UDP\n"
	    "  - port: 9000\n"
	    "  - port: 80\n"
	    "    targetPort: 8080\n"
	    "  - port: 443\n"
	    "    protocol: TCP\n");
}

/* TopologySpreadConstraints merge on topologyKey+whenUnsatisfiable. */
static void test_topology_spread(void **state)
{
	(void)state;
	check_merge(
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      topologySpreadConstraints:\n"
	    "      - topologyKey: zone\n"
	    "        whenUnsatisfiable: DoNotSchedule\n"
	    "        maxSkew: 1\n"
	    "      - topologyKey: host\n"
	    "        whenUnsatisfiable: ScheduleAnyway\n"
	    "        maxSkew: 1\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      topologySpreadConstraints:\n"
	    "      - topologyKey: zone\n"
	    "        whenUnsatisfiable: DoNotSchedule\n"
	    "        maxSkew: 3\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      topologySpreadConstraints:\n"
	    "      - maxSkew: 3\n"
	    "        topologyKey: zone\n"
	    "        whenUnsatisfiable: DoNotSchedule\n"
	    "      - maxSkew: 1\n"
	    "        topologyKey: host\n"
	    "        whenUnsatisfiable: ScheduleAnyway\n");
}

/* Volumes (merge,retainKeys) merge by name; retainKeys is not applied. */
static void test_volumes_merge(void **state)
{
	(void)state;
	check_merge(
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      volumes:\n"
	    "      - name: a\n"
	    "        emptyDir: {}\n"
	    "      - name: b\n"
	    "        configMap:\n"
	    "          name: x\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      volumes:\n"
	    "      - name: b\n"
	    "        secret:\n"
	    "          secretName: s\n"
	    "      - name: c\n"
	    "        emptyDir: {}\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      volumes:\n"
	    "      - configMap:\n"
	    "          name: x\n"
	    "        name: b\n"
	    "        secret:\n"
	    "          secretName: s\n"
	    "      - emptyDir: {}\n"
	    "        name: c\n"
	    "      - emptyDir: {}\n"
	    "        name: a\n");
}

/* Tolerations have no strategy: the patch's list replaces. */
static void test_tolerations_replaced(void **state)
{
	(void)state;
	check_merge(
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      tolerations:\n"
	    "      - key: a\n"
	    "        operator: Exists\n"
	    "      - key: b\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      tolerations:\n"
	    "      - key: c\n"
	    "        operator: Exists\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      tolerations:\n"
	    "      - key: c\n"
	    "        operator: Exists\n");
}

/* Args have no strategy: the patch's list replaces. */
static void test_args_replaced(void **state)
{
	(void)state;
	check_merge(
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - name: a\n"
	    "        args: [x, y]\n"
	    "        command: [a]\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - name: a\n"
	    "        args: [z]\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - args:\n"
	    "        - z\n"
	    "        command:\n"
	    "        - a\n"
	    "        name: a\n");
}

/* ImagePullSecrets merge by name. */
static void test_image_pull_secrets(void **state)
{
	(void)state;
	check_merge(
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      imagePullSecrets:\n"
	    "      - name: a\n"
	    "      - name: b\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      imagePullSecrets:\n"
	    "      - name: c\n"
	    "      - name: a\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      imagePullSecrets:\n"
	    "      - name: c\n"
	    "      - name: a\n"
	    "      - name: b\n");
}

/* Finalizers (no merge key) merge as a set, the patch's first. */
static void test_finalizers_union(void **state)
{
	(void)state;
	check_merge(
	    "apiVersion: v1\n"
	    "kind: ConfigMap\n"
	    "metadata:\n"
	    "  name: d\n"
	    "  finalizers: [a, b]\n",
	    "apiVersion: v1\n"
	    "kind: ConfigMap\n"
	    "metadata:\n"
	    "  name: d\n"
	    "  finalizers: [c, a]\n",
	    "apiVersion: v1\n"
	    "kind: ConfigMap\n"
	    "metadata:\n"
	    "  finalizers:\n"
	    "  - c\n"
	    "  - a\n"
	    "  - b\n"
	    "  name: d\n");
}

/* A set list the object lacks is still deduplicated. */
static void test_finalizers_added_deduped(void **state)
{
	(void)state;
	check_merge(
	    "apiVersion: v1\n"
	    "kind: ConfigMap\n"
	    "metadata:\n"
	    "  name: d\n"
	    "data:\n"
	    "  x: \"1\"\n",
	    "apiVersion: v1\n"
	    "kind: ConfigMap\n"
	    "metadata:\n"
	    "  name: d\n"
	    "  finalizers: [c, c, d]\n",
	    "apiVersion: v1\n"
	    "data:\n"
	    "  x: \"1\"\n"
	    "kind: ConfigMap\n"
	    "metadata:\n"
	    "  finalizers:\n"
	    "  - c\n"
	    "  - d\n"
	    "  name: d\n");
}

/* InitContainers merge by name. */
static void test_init_containers(void **state)
{
	(void)state;
	check_merge(
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      initContainers:\n"
	    "      - name: i1\n"
	    "        image: a\n"
	    "      - name: i2\n"
	    "        image: b\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      initContainers:\n"
	    "      - name: i2\n"
	    "        image: b2\n"
	    "      - name: i0\n"
	    "        image: z\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      initContainers:\n"
	    "      - image: b2\n"
	    "        name: i2\n"
	    "      - image: z\n"
	    "        name: i0\n"
	    "      - image: a\n"
	    "        name: i1\n");
}

/* Maps merge key by key; null deletes a key. */
static void test_labels_merge(void **state)
{
	(void)state;
	check_merge(
	    "apiVersion: v1\n"
	    "kind: ConfigMap\n"
	    "metadata:\n"
	    "  name: d\n"
	    "  labels:\n"
	    "    a: \"1\"\n"
	    "    b: \"2\"\n"
	    "  annotations:\n"
	    "    x: y\n",
	    "apiVersion: v1\n"
	    "kind: ConfigMap\n"
	    "metadata:\n"
	    "  name: d\n"
	    "  labels:\n"
	    "    b: \"3\"\n"
	    "    c: \"4\"\n"
	    "    a: null\n"
	    "  annotations:\n"
	    "    z: w\n",
	    "apiVersion: v1\n"
	    "kind: ConfigMap\n"
	    "metadata:\n"
	    "  annotations:\n"
	    "    x: \"y\"\n"
	    "    z: w\n"
	    "  labels:\n"
	    "    b: \"3\"\n"
	    "    c: \"4\"\n"
	    "  name: d\n");
}

/* Null deletes scalars, maps and lists; for an absent key it adds nothing. */
static void test_null_deletes(void **state)
{
	(void)state;
	check_merge(
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  replicas: 1\n"
	    "  selector:\n"
	    "    matchLabels: {a: b}\n"
	    "  strategy:\n"
	    "    type: x\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - name: a\n"
	    "        args: [x]\n"
	    "        image: a\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  replicas: null\n"
	    "  selector: ~\n"
	    "  newfield: null\n"
	    "  strategy:\n"
	    "    type: null\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - name: a\n"
	    "        args: null\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  strategy: {}\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - image: a\n"
	    "        name: a\n");
}

/* Nulls in the object survive where the patch is silent, except empty ones. */
static void test_object_nulls_kept(void **state)
{
	(void)state;
	check_merge(
	    "apiVersion: v1\n"
	    "kind: ConfigMap\n"
	    "metadata:\n"
	    "  name: d\n"
	    "data:\n"
	    "  a:\n"
	    "  b: ~\n"
	    "  c: null\n"
	    "  f:\n"
	    "    x:\n"
	    "    y: ~\n",
	    "apiVersion: v1\n"
	    "kind: ConfigMap\n"
	    "metadata:\n"
	    "  name: d\n"
	    "data:\n"
	    "  z: \"1\"\n",
	    "apiVersion: v1\n"
	    "data:\n"
	    "  b: null\n"
	    "  c: null\n"
	    "  f:\n"
	    "    \"y\": null\n"
	    "  z: \"1\"\n"
	    "kind: ConfigMap\n"
	    "metadata:\n"
	    "  name: d\n");
}

/* An empty map in the patch changes nothing in the object's map. */
static void test_empty_map_in_patch(void **state)
{
	(void)state;
	check_merge(
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "  labels: {a: b}\n"
	    "spec:\n"
	    "  replicas: 1\n"
	    "  selector:\n"
	    "    matchLabels: {a: b}\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  selector: {}\n"
	    "  template:\n"
	    "    metadata:\n"
	    "      labels: {}\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  labels:\n"
	    "    a: b\n"
	    "  name: d\n"
	    "spec:\n"
	    "  replicas: 1\n"
	    "  selector:\n"
	    "    matchLabels:\n"
	    "      a: b\n"
	    "  template:\n"
	    "    metadata:\n"
	    "      labels: {}\n");
}

/* An empty merged list changes nothing; an empty replaced list replaces. */
static void test_empty_lists_in_patch(void **state)
{
	(void)state;
	check_merge(
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - name: a\n"
	    "        image: a\n"
	    "        args: [x]\n"
	    "        env:\n"
	    "        - name: A\n"
	    "          value: a\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - name: a\n"
	    "        args: []\n"
	    "        env: []\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - args: []\n"
	    "        env:\n"
	    "        - name: A\n"
	    "          value: a\n"
	    "        image: a\n"
	    "        name: a\n");
}

/* An empty string is a value like any other. */
static void test_empty_string_value(void **state)
{
	(void)state;
	check_merge(
	    "apiVersion: v1\n"
	    "kind: ConfigMap\n"
	    "metadata:\n"
	    "  name: d\n"
	    "  labels:\n"
	    "    a: b\n"
	    "data:\n"
	    "  k: v\n",
	    "apiVersion: v1\n"
	    "kind: ConfigMap\n"
	    "metadata:\n"
	    "  name: d\n"
	    "  labels:\n"
	    "    a: \"\"\n"
	    "data:\n"
	    "  k: \"\"\n",
	    "apiVersion: v1\n"
	    "data:\n"
	    "  k: \"\"\n"
	    "kind: ConfigMap\n"
	    "metadata:\n"
	    "  labels:\n"
	    "    a: \"\"\n"
	    "  name: d\n");
}

/* A kind without schema has every list replaced. */
static void test_crd_lists_replaced(void **state)
{
	(void)state;
	check_merge(
	    "apiVersion: example.com/v1\n"
	    "kind: Foo\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  items:\n"
	    "  - name: a\n"
	    "    x: 1\n"
	    "  - name: b\n"
	    "  containers:\n"
	    "  - name: a\n",
	    "apiVersion: example.com/v1\n"
	    "kind: Foo\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  items:\n"
	    "  - name: b\n"
	    "    y: 2\n",
	    "apiVersion: example.com/v1\n"
	    "kind: Foo\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  containers:\n"
	    "  - name: a\n"
	    "  items:\n"
	    "  - name: b\n"
	    "    \"y\": 2\n");
}

/* Extensions/v1beta1 Deployment is not in the schema: lists are replaced. */
static void test_extensions_v1beta1_replaced(void **state)
{
	(void)state;
	check_merge(
	    "apiVersion: extensions/v1beta1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - name: a\n"
	    "        image: a\n"
	    "      - name: b\n"
	    "        image: b\n",
	    "apiVersion: extensions/v1beta1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - name: a\n"
	    "        image: a2\n",
	    "apiVersion: extensions/v1beta1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - image: a2\n"
	    "        name: a\n");
}

/* A map with its own apiVersion and kind merges with that kind's schema. */
static void test_embedded_object_schema(void **state)
{
	(void)state;
	check_merge(
	    "apiVersion: example.com/v1\n"
	    "kind: Foo\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  embedded:\n"
	    "    apiVersion: apps/v1\n"
	    "    kind: Deployment\n"
	    "    spec:\n"
	    "      template:\n"
	    "        spec:\n"
	    "          containers:\n"
	    "          - name: a\n"
	    "            image: a\n"
	    "          - name: b\n"
	    "            image: b\n",
	    "apiVersion: example.com/v1\n"
	    "kind: Foo\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  embedded:\n"
	    "    spec:\n"
	    "      template:\n"
	    "        spec:\n"
	    "          containers:\n"
	    "          - name: a\n"
	    "            image: a2\n",
	    "apiVersion: example.com/v1\n"
	    "kind: Foo\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  embedded:\n"
	    "    apiVersion: apps/v1\n"
	    "    kind: Deployment\n"
	    "    spec:\n"
	    "      template:\n"
	    "        spec:\n"
	    "          containers:\n"
	    "          - image: a2\n"
	    "            name: a\n"
	    "          - image: b\n"
	    "            name: b\n");
}

/* $patch: replace on a map replaces it. */
static void test_map_replace_directive(void **state)
{
	(void)state;
	check_merge(
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  strategy:\n"
	    "    type: RollingUpdate\n"
	    "    rollingUpdate:\n"
	    "      maxSurge: 1\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  strategy:\n"
	    "    $patch: replace\n"
	    "    type: Recreate\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  strategy:\n"
	    "    type: Recreate\n");
}

/* $patch: delete on a map deletes it, and adds nothing when absent. */
static void test_map_delete_directive(void **state)
{
	(void)state;
	check_merge(
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  strategy:\n"
	    "    type: RollingUpdate\n"
	    "  replicas: 1\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  strategy:\n"
	    "    $patch: delete\n"
	    "  selector:\n"
	    "    $patch: delete\n"
	    "    matchLabels: {a: b}\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  replicas: 1\n");
}

/* $patch: merge is the default and is removed. */
static void test_map_merge_directive(void **state)
{
	(void)state;
	check_merge(
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  strategy:\n"
	    "    type: RollingUpdate\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  strategy:\n"
	    "    $patch: merge\n"
	    "    rollingUpdate:\n"
	    "      maxSurge: 2\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  strategy:\n"
	    "    rollingUpdate:\n"
	    "      maxSurge: 2\n"
	    "    type: RollingUpdate\n");
}

/* $patch: replace on the whole object changes nothing. */
static void test_top_replace_noop(void **state)
{
	(void)state;
	check_merge(
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  replicas: 1\n"
	    "  paused: true\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "$patch: replace\n"
	    "spec:\n"
	    "  replicas: 3\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  paused: true\n"
	    "  replicas: 1\n");
}

/* $setElementOrder, $deleteFromPrimitiveList and $retainKeys are plain fields. */
static void test_directives_copied(void **state)
{
	(void)state;
	check_merge(
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "  finalizers: [a, b]\n"
	    "spec:\n"
	    "  strategy:\n"
	    "    type: RollingUpdate\n"
	    "    rollingUpdate:\n"
	    "      maxSurge: 1\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - name: a\n"
	    "      - name: b\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "  $deleteFromPrimitiveList/finalizers: [a]\n"
	    "spec:\n"
	    "  strategy:\n"
	    "    $retainKeys: [type]\n"
	    "    type: Recreate\n"
	    "  template:\n"
	    "    spec:\n"
	    "      $setElementOrder/containers:\n"
	    "      - name: b\n"
	    "      - name: a\n"
	    "      containers:\n"
	    "      - name: b\n"
	    "        image: bb\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  $deleteFromPrimitiveList/finalizers:\n"
	    "  - a\n"
	    "  finalizers:\n"
	    "  - a\n"
	    "  - b\n"
	    "  name: d\n"
	    "spec:\n"
	    "  strategy:\n"
	    "    $retainKeys:\n"
	    "    - type\n"
	    "    rollingUpdate:\n"
	    "      maxSurge: 1\n"
	    "    type: Recreate\n"
	    "  template:\n"
	    "    spec:\n"
	    "      $setElementOrder/containers:\n"
	    "      - name: b\n"
	    "      - name: a\n"
	    "      containers:\n"
	    "      - image: bb\n"
	    "        name: b\n"
	    "      - name: a\n");
}

/* A name repeated in the patch: the first one counts. */
static void test_same_name_twice_in_patch(void **state)
{
	(void)state;
	check_merge(
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - name: a\n"
	    "        image: a\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - name: x\n"
	    "        image: \"1\"\n"
	    "      - name: x\n"
	    "        args: [a]\n"
	    "      - name: a\n"
	    "        image: a2\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - image: \"1\"\n"
	    "        name: x\n"
	    "      - image: a2\n"
	    "        name: a\n");
}

/* A new list with a repeated name keeps the last one. */
static void test_same_name_twice_new_list(void **state)
{
	(void)state;
	check_merge(
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  replicas: 1\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      initContainers:\n"
	    "      - name: i\n"
	    "      - name: j\n"
	    "      - name: i\n"
	    "        image: z\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  replicas: 1\n"
	    "  template:\n"
	    "    spec:\n"
	    "      initContainers:\n"
	    "      - image: z\n"
	    "        name: i\n"
	    "      - name: j\n");
}

/* A name repeated in the object: its last copy wins over the merge. */
static void test_same_name_twice_in_object(void **state)
{
	(void)state;
	check_merge(
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - name: a\n"
	    "        image: a1\n"
	    "      - name: b\n"
	    "      - name: a\n"
	    "        image: a2\n"
	    "        args: [q]\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - name: a\n"
	    "        command: [c]\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - args:\n"
	    "        - q\n"
	    "        image: a2\n"
	    "        name: a\n"
	    "      - name: b\n");
}

/* Replacing a quoted or block scalar gives a string. */
static void test_quoted_value_stays_string(void **state)
{
	(void)state;
	check_merge(
	    "apiVersion: v1\n"
	    "kind: ConfigMap\n"
	    "metadata:\n"
	    "  name: d\n"
	    "data:\n"
	    "  a: \"3\"\n"
	    "  b: 3\n"
	    "  c: |\n"
	    "    lit\n"
	    "  d: '1'\n"
	    "  h: plain\n",
	    "apiVersion: v1\n"
	    "kind: ConfigMap\n"
	    "metadata:\n"
	    "  name: d\n"
	    "data:\n"
	    "  a: 5\n"
	    "  b: \"5\"\n"
	    "  c: 7\n"
	    "  d: true\n"
	    "  h: 9\n",
	    "apiVersion: v1\n"
	    "data:\n"
	    "  a: \"5\"\n"
	    "  b: \"5\"\n"
	    "  c: \"7\"\n"
	    "  d: \"true\"\n"
	    "  h: 9\n"
	    "kind: ConfigMap\n"
	    "metadata:\n"
	    "  name: d\n");
}

/* A map the object lacks is added after its own directives and nulls are applied. */
static void test_added_map_directives(void **state)
{
	(void)state;
	check_merge(
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  replicas: 1\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  foo:\n"
	    "    bar:\n"
	    "      $patch: delete\n"
	    "    baz:\n"
	    "      q: 1\n"
	    "      $patch: replace\n"
	    "    qux: null\n"
	    "    quux: 1\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  foo:\n"
	    "    baz:\n"
	    "      q: 1\n"
	    "    quux: 1\n"
	    "  replicas: 1\n");
}

/* Batch/v1 CronJob containers merge by name. */
static void test_cronjob_containers(void **state)
{
	(void)state;
	check_merge(
	    "apiVersion: batch/v1\n"
	    "kind: CronJob\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  jobTemplate:\n"
	    "    spec:\n"
	    "      template:\n"
	    "        spec:\n"
	    "          containers:\n"
	    "          - name: a\n"
	    "            image: a\n"
	    "          - name: b\n",
	    "apiVersion: batch/v1\n"
	    "kind: CronJob\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  jobTemplate:\n"
	    "    spec:\n"
	    "      template:\n"
	    "        spec:\n"
	    "          containers:\n"
	    "          - name: b\n"
	    "            image: b2\n",
	    "apiVersion: batch/v1\n"
	    "kind: CronJob\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  jobTemplate:\n"
	    "    spec:\n"
	    "      template:\n"
	    "        spec:\n"
	    "          containers:\n"
	    "          - image: b2\n"
	    "            name: b\n"
	    "          - image: a\n"
	    "            name: a\n");
}

/* OwnerReferences merge by uid. */
static void test_owner_references(void **state)
{
	(void)state;
	check_merge(
	    "apiVersion: v1\n"
	    "kind: ConfigMap\n"
	    "metadata:\n"
	    "  name: d\n"
	    "  ownerReferences:\n"
	    "  - uid: u1\n"
	    "    name: a\n"
	    "  - uid: u2\n"
	    "    name: b\n",
	    "apiVersion: v1\n"
	    "kind: ConfigMap\n"
	    "metadata:\n"
	    "  name: d\n"
	    "  ownerReferences:\n"
	    "  - uid: u2\n"
	    "    name: c\n",
	    "apiVersion: v1\n"
	    "kind: ConfigMap\n"
	    "metadata:\n"
	    "  name: d\n"
	    "  ownerReferences:\n"
	    "  - name: c\n"
	    "    uid: u2\n"
	    "  - name: a\n"
	    "    uid: u1\n");
}

/* Null and {} elements of a merged list are dropped. */
static void test_null_element_dropped(void **state)
{
	(void)state;
	check_merge(
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - name: a\n"
	    "      - null\n"
	    "      - {}\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - name: b\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  template:\n"
	    "    spec:\n"
	    "      containers:\n"
	    "      - name: b\n"
	    "      - name: a\n");
}

/* An error: a map where the object has a scalar. */
static void test_error_kind_mismatch(void **state)
{
	(void)state;
	check_error(
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  replicas: 1\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  replicas:\n"
	    "    a: b\n",
	    "wrong node kind: expected ScalarNode but got MappingNode");
}

/* An error: an unknown $patch value. */
static void test_error_unknown_directive(void **state)
{
	(void)state;
	check_error(
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  strategy:\n"
	    "    type: x\n",
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: d\n"
	    "spec:\n"
	    "  strategy:\n"
	    "    $patch: foo\n",
	    "unknown patch strategy 'foo'");
}

/* An error: a map among the scalars of a set list. */
static void test_error_map_in_set_list(void **state)
{
	(void)state;
	check_error(
	    "apiVersion: v1\n"
	    "kind: ConfigMap\n"
	    "metadata:\n"
	    "  name: d\n"
	    "  finalizers: [a, b]\n",
	    "apiVersion: v1\n"
	    "kind: ConfigMap\n"
	    "metadata:\n"
	    "  name: d\n"
	    "  finalizers: [{x: 1}]\n",
	    "wrong node kind: expected ScalarNode but got MappingNode");
}

/* $patch: delete at the top deletes the whole object (the resource is
 * dropped from kustomize's output). */
static void test_top_delete(void **state)
{
	(void)state;
	arena *a = arena_new();
	node *obj = parse1(a, "base.yaml",
			   "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n"
			   "spec:\n  replicas: 1\n");
	node *p = parse1(a, "patch.yaml",
			 "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n"
			 "$patch: delete\n");
	bool deleted = false;
	err e = ERR_INIT;
	assert_int_equal(smp_apply(a, obj, p, &deleted, &e), 0);
	assert_true(deleted);
	arena_free(a);
}

/* The generated table: kinds and paths found by bisection, list-map keys
 * preferred to the merge key, scalar lists without keys. */
static void test_table_lookup(void **state)
{
	(void)state;
	const smp_schema *s = &smp_builtin_schema;
	const smp_kind *k = smp_schema_kind(s, "apps/v1", "Deployment");
	assert_non_null(k);
	const smp_rule *r = smp_schema_rule(s, k, "spec.template.spec.containers[].ports");
	assert_non_null(r);
	assert_true(r->merge);
	assert_int_equal(r->nkeys, 2);
	assert_string_equal(r->keys[0], "containerPort");
	assert_string_equal(r->keys[1], "protocol");
	r = smp_schema_rule(s, k, "spec.template.spec.volumes");
	assert_non_null(r);
	assert_string_equal(r->strategy, "merge,retainKeys");
	assert_true(r->merge);
	r = smp_schema_rule(s, k, "metadata.finalizers");
	assert_non_null(r);
	assert_int_equal(r->nkeys, 0);
	assert_null(smp_schema_rule(s, k, "spec.template.spec.tolerations"));
	assert_null(smp_schema_rule(s, k, "spec.template.spec.containers[].args"));
	assert_null(smp_schema_kind(s, "extensions/v1beta1", "Deployment"));
	assert_null(smp_schema_kind(s, "example.com/v1", "Foo"));
	k = smp_schema_kind(s, "v1", "Service");
	assert_non_null(k);
	r = smp_schema_rule(s, k, "spec.ports");
	assert_non_null(r);
	assert_string_equal(r->keys[0], "port");
	/* Every kind's rules are sorted, so bisection finds each of them. */
	for (size_t i = 0; i < s->nkinds; i++) {
		const smp_kind *ki = &s->kinds[i];
		assert_ptr_equal(smp_schema_kind(s, ki->api_version, ki->kind), ki);
		for (uint32_t j = 0; j < ki->count; j++)
			assert_ptr_equal(smp_schema_rule(s, ki, s->rules[ki->first + j].path),
					 &s->rules[ki->first + j]);
	}
}

/* Rules a kustomization's openapi: field would give (the schema of
 * conformance case openapicustomschema/TestCustomOpenApiFieldBasicUsage). */
static const char *const k_name[] = {"name"};
static const char *const k_port[] = {"containerPort", "protocol"};
static const smp_rule crd_rules[] = {
	{"spec.template.spec.containers", "merge", true, 1, k_name},
	{"spec.template.spec.containers[].ports", "merge", true, 2, k_port},
};
static const smp_kind crd_kinds[] = {{"example.com/v1alpha1", "MyCRD", 0, 2}};
static const smp_schema crd_schema = {crd_kinds, 1, crd_rules, 2};

static const char crd_base[] =
	"apiVersion: example.com/v1alpha1\nkind: MyCRD\nmetadata:\n  name: service\n"
	"spec:\n  template:\n    spec:\n      containers:\n      - name: server\n"
	"        image: server\n        command: example\n        ports:\n"
	"        - name: grpc\n          protocol: TCP\n          containerPort: 8080\n";
static const char crd_patch[] =
	"apiVersion: example.com/v1alpha1\nkind: MyCRD\nmetadata:\n  name: service\n"
	"spec:\n  template:\n    spec:\n      containers:\n      - name: server\n"
	"        image: nginx\n";

/* Extra rules make a custom kind's list merge (kustomize with openapi:). */
static void test_extra_schema(void **state)
{
	(void)state;
	smp_opts o = {&crd_schema, true};
	check_merge_opts(crd_base, crd_patch,
			 "apiVersion: example.com/v1alpha1\nkind: MyCRD\nmetadata:\n"
			 "  name: service\nspec:\n  template:\n    spec:\n      containers:\n"
			 "      - command: example\n        image: nginx\n        name: server\n"
			 "        ports:\n        - containerPort: 8080\n          name: grpc\n"
			 "          protocol: TCP\n",
			 &o);
}

/* Without them the same list is replaced (kustomize without openapi:). */
static void test_no_extra_schema(void **state)
{
	(void)state;
	check_merge(crd_base, crd_patch,
		    "apiVersion: example.com/v1alpha1\nkind: MyCRD\nmetadata:\n"
		    "  name: service\nspec:\n  template:\n    spec:\n      containers:\n"
		    "      - image: nginx\n        name: server\n");
}

/* openapi: replaces kustomize's schema: built-in kinds lose their rules. */
static void test_extra_only(void **state)
{
	(void)state;
	smp_opts o = {&crd_schema, true};
	check_merge_opts("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n"
			 "spec:\n  template:\n    spec:\n      containers:\n      - name: a\n"
			 "        image: a\n      - name: b\n        image: b\n",
			 "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n"
			 "spec:\n  template:\n    spec:\n      containers:\n      - name: a\n"
			 "        image: a2\n",
			 "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n"
			 "spec:\n  template:\n    spec:\n      containers:\n      - image: a2\n"
			 "        name: a\n",
			 &o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_env_merge_order),
		cmocka_unit_test(test_env_null_deletes_field),
		cmocka_unit_test(test_containers_add_prepend),
		cmocka_unit_test(test_container_delete_directive),
		cmocka_unit_test(test_container_delete_absent),
		cmocka_unit_test(test_patch_elem_without_key),
		cmocka_unit_test(test_base_elem_without_key),
		cmocka_unit_test(test_elem_replace_loses),
		cmocka_unit_test(test_list_replace_directive),
		cmocka_unit_test(test_list_delete_directive),
		cmocka_unit_test(test_ports_protocol_differs),
		cmocka_unit_test(test_ports_missing_protocol),
		cmocka_unit_test(test_service_ports),
		cmocka_unit_test(test_topology_spread),
		cmocka_unit_test(test_volumes_merge),
		cmocka_unit_test(test_tolerations_replaced),
		cmocka_unit_test(test_args_replaced),
		cmocka_unit_test(test_image_pull_secrets),
		cmocka_unit_test(test_finalizers_union),
		cmocka_unit_test(test_finalizers_added_deduped),
		cmocka_unit_test(test_init_containers),
		cmocka_unit_test(test_labels_merge),
		cmocka_unit_test(test_null_deletes),
		cmocka_unit_test(test_object_nulls_kept),
		cmocka_unit_test(test_empty_map_in_patch),
		cmocka_unit_test(test_empty_lists_in_patch),
		cmocka_unit_test(test_empty_string_value),
		cmocka_unit_test(test_crd_lists_replaced),
		cmocka_unit_test(test_extensions_v1beta1_replaced),
		cmocka_unit_test(test_embedded_object_schema),
		cmocka_unit_test(test_map_replace_directive),
		cmocka_unit_test(test_map_delete_directive),
		cmocka_unit_test(test_map_merge_directive),
		cmocka_unit_test(test_top_replace_noop),
		cmocka_unit_test(test_directives_copied),
		cmocka_unit_test(test_same_name_twice_in_patch),
		cmocka_unit_test(test_same_name_twice_new_list),
		cmocka_unit_test(test_same_name_twice_in_object),
		cmocka_unit_test(test_quoted_value_stays_string),
		cmocka_unit_test(test_added_map_directives),
		cmocka_unit_test(test_cronjob_containers),
		cmocka_unit_test(test_owner_references),
		cmocka_unit_test(test_null_element_dropped),
		cmocka_unit_test(test_error_kind_mismatch),
		cmocka_unit_test(test_error_unknown_directive),
		cmocka_unit_test(test_error_map_in_set_list),
		cmocka_unit_test(test_top_delete),
		cmocka_unit_test(test_table_lookup),
		cmocka_unit_test(test_extra_schema),
		cmocka_unit_test(test_no_extra_schema),
		cmocka_unit_test(test_extra_only),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
