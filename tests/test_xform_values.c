/* Unit tests: xform_images.c and xform_replacements.c (the images,
 * replicas and replacements transformers).
 *
 * Each case is a set of resources plus kustomization fields, and the
 * expected objects are what `kubectl kustomize` (Kustomize v5.5.0) printed
 * for the same kustomization (with namePrefix where a case has a prefix);
 * error cases hold a piece of kubectl's error text.  Objects are compared
 * with node_equal after the output's annotation rewriting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "strata/fieldspec.h"
#include "strata/parse.h"
#include "strata/resource.h"
#include "strata/xform_values.h"

typedef struct xcase {
	const char *name;
	const char *resources;  /* r.yaml */
	const char *kust;       /* the kustomization's transformer fields */
	const char *prefix;     /* namePrefix applied first, or NULL */
	const char *file;       /* a replacements file, or NULL */
	const char *file_text;
	const char *expect;     /* kubectl's output, or NULL for an error */
	const char *err;        /* part of kubectl's error text */
} xcase;

static const xcase CASES[] = {
	{
		"images_init_containers",
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: dep\n"
		"  labels: {app: x}\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      initContainers:\n"
		"      - name: init\n"
		"        image: nginx:1.0\n"
		"      containers:\n"
		"      - name: app\n"
		"        image: nginx:1.0\n"
		"        args: [\"--a\", \"--b\"]\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"      - name: side\n"
		"        image: busybox:2\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n",
		"images:\n"
		"- name: nginx\n"
		"  newTag: \"1.2\"\n",
		NULL,
		NULL,
		NULL,
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  labels:\n"
		"    app: x\n"
		"  name: dep\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      containers:\n"
		"      - args:\n"
		"        - --a\n"
		"        - --b\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"        image: nginx:1.2\n"
		"        name: app\n"
		"      - env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n"
		"        image: busybox:2\n"
		"        name: side\n"
		"      initContainers:\n"
		"      - image: nginx:1.2\n"
		"        name: init\n",
		NULL,
	},
	{
		"images_cronjob_walk_only",
		/* CronJob containers are reached only by the walk: tagSuffix once, even without a tag */
		"apiVersion: batch/v1\n"
		"kind: CronJob\n"
		"metadata: {name: cj}\n"
		"spec:\n"
		"  jobTemplate:\n"
		"    spec:\n"
		"      template:\n"
		"        spec:\n"
		"          containers:\n"
		"          - name: a\n"
		"            image: nginx:0\n"
		"          - name: b\n"
		"            image: busybox\n",
		"images:\n"
		"- name: nginx\n"
		"  newTag: \"1.2\"\n"
		"- name: busybox\n"
		"  tagSuffix: -x\n",
		NULL,
		NULL,
		NULL,
		"apiVersion: batch/v1\n"
		"kind: CronJob\n"
		"metadata:\n"
		"  name: cj\n"
		"spec:\n"
		"  jobTemplate:\n"
		"    spec:\n"
		"      template:\n"
		"        spec:\n"
		"          containers:\n"
		"          - image: nginx:1.2\n"
		"            name: a\n"
		"          - image: busybox:-x\n"
		"            name: b\n",
		NULL,
	},
	{
		"images_custom_kind_both_passes",
		/* spec.image untouched; spec/template/spec/containers gets the suffix twice */
		"apiVersion: example.com/v1\n"
		"kind: Thing\n"
		"metadata: {name: t}\n"
		"spec:\n"
		"  image: nginx:1\n"
		"  template:\n"
		"    spec:\n"
		"      containers:\n"
		"      - name: a\n"
		"        image: nginx:0\n"
		"      - name: b\n"
		"        image: busybox:2\n",
		"images:\n"
		"- name: nginx\n"
		"  newTag: \"1.2\"\n"
		"- name: busybox\n"
		"  tagSuffix: -x\n",
		NULL,
		NULL,
		NULL,
		"apiVersion: example.com/v1\n"
		"kind: Thing\n"
		"metadata:\n"
		"  name: t\n"
		"spec:\n"
		"  image: nginx:1\n"
		"  template:\n"
		"    spec:\n"
		"      containers:\n"
		"      - image: nginx:1.2\n"
		"        name: a\n"
		"      - image: busybox:2-x-x\n"
		"        name: b\n",
		NULL,
	},
	{
		"images_tag_suffix_twice",
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: dep\n"
		"  labels: {app: x}\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      initContainers:\n"
		"      - name: init\n"
		"        image: nginx:1.0\n"
		"      containers:\n"
		"      - name: app\n"
		"        image: nginx:1.0\n"
		"        args: [\"--a\", \"--b\"]\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"      - name: side\n"
		"        image: busybox:2\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n",
		"images:\n"
		"- name: busybox\n"
		"  tagSuffix: -x\n",
		NULL,
		NULL,
		NULL,
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  labels:\n"
		"    app: x\n"
		"  name: dep\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      containers:\n"
		"      - args:\n"
		"        - --a\n"
		"        - --b\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"        image: nginx:1.0\n"
		"        name: app\n"
		"      - env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n"
		"        image: busybox:2-x-x\n"
		"        name: side\n"
		"      initContainers:\n"
		"      - image: nginx:1.0\n"
		"        name: init\n",
		NULL,
	},
	{
		"images_digest_replaces_tag",
		"apiVersion: v1\n"
		"kind: Pod\n"
		"metadata: {name: p}\n"
		"spec:\n"
		"  containers:\n"
		"  - image: alpine:3@sha256:old\n"
		"  - image: both:1@sha256:zz\n"
		"  - image: keep:1@sha256:zz\n"
		"  - image: sfx:1@sha256:zz\n",
		"images:\n"
		"- name: alpine\n"
		"  digest: sha256:abc\n"
		"- name: both\n"
		"  newTag: t\n"
		"  digest: sha256:d\n"
		"- name: keep\n"
		"  newName: kept\n"
		"- name: sfx\n"
		"  tagSuffix: -s\n",
		NULL,
		NULL,
		NULL,
		"apiVersion: v1\n"
		"kind: Pod\n"
		"metadata:\n"
		"  name: p\n"
		"spec:\n"
		"  containers:\n"
		"  - image: alpine@sha256:abc\n"
		"  - image: both:t@sha256:d\n"
		"  - image: kept:1@sha256:zz\n"
		"  - image: sfx:1-s-s\n",
		NULL,
	},
	{
		"images_name_is_anchored",
		/* nginx matches neither docker.io/nginx nor nginx-extra */
		"apiVersion: v1\n"
		"kind: Pod\n"
		"metadata: {name: p}\n"
		"spec:\n"
		"  containers:\n"
		"  - image: docker.io/nginx:1\n"
		"  - image: nginx-extra:1\n"
		"  - image: nginx\n",
		"images:\n"
		"- name: nginx\n"
		"  newName: mine\n",
		NULL,
		NULL,
		NULL,
		"apiVersion: v1\n"
		"kind: Pod\n"
		"metadata:\n"
		"  name: p\n"
		"spec:\n"
		"  containers:\n"
		"  - image: docker.io/nginx:1\n"
		"  - image: nginx-extra:1\n"
		"  - image: mine\n",
		NULL,
	},
	{
		"images_name_is_a_regexp",
		"apiVersion: v1\n"
		"kind: Pod\n"
		"metadata: {name: p}\n"
		"spec:\n"
		"  containers:\n"
		"  - image: myXreg/app:1\n"
		"  - image: nginx\n"
		"  - image: busybox:1\n"
		"  - image: quay.io/foo/bar:2@sha256:aa\n",
		"images:\n"
		"- name: my.reg/app\n"
		"  newTag: v2\n"
		"- name: nginx|busybox\n"
		"  newTag: alt\n"
		"- name: \"quay.io/.*\"\n"
		"  newName: mirror/x\n",
		NULL,
		NULL,
		NULL,
		"apiVersion: v1\n"
		"kind: Pod\n"
		"metadata:\n"
		"  name: p\n"
		"spec:\n"
		"  containers:\n"
		"  - image: myXreg/app:v2\n"
		"  - image: nginx:alt\n"
		"  - image: busybox:alt\n"
		"  - image: mirror/x:2@sha256:aa\n",
		NULL,
	},
	{
		"images_registry_port",
		"apiVersion: v1\n"
		"kind: Pod\n"
		"metadata: {name: p}\n"
		"spec:\n"
		"  containers:\n"
		"  - image: localhost:5000/app:1\n"
		"  - image: localhost:5000/app\n"
		"  - image: localhost:5000/app@sha256:q\n"
		"  - image: reg:5000/b:1\n",
		"images:\n"
		"- name: localhost:5000/app\n"
		"  newTag: v3\n"
		"- name: reg:5000/b\n"
		"  digest: sha256:123\n",
		NULL,
		NULL,
		NULL,
		"apiVersion: v1\n"
		"kind: Pod\n"
		"metadata:\n"
		"  name: p\n"
		"spec:\n"
		"  containers:\n"
		"  - image: localhost:5000/app:v3\n"
		"  - image: localhost:5000/app:v3\n"
		"  - image: localhost:5000/app:v3\n"
		"  - image: reg:5000/b@sha256:123\n",
		NULL,
	},
	{
		"images_crd_skipped",
		"apiVersion: apiextensions.k8s.io/v1\n"
		"kind: CustomResourceDefinition\n"
		"metadata: {name: crd}\n"
		"spec:\n"
		"  containers:\n"
		"  - image: nginx:1\n"
		"  template:\n"
		"    spec:\n"
		"      containers:\n"
		"      - image: nginx:1\n",
		"images:\n"
		"- name: nginx\n"
		"  newTag: \"2\"\n",
		NULL,
		NULL,
		NULL,
		"apiVersion: apiextensions.k8s.io/v1\n"
		"kind: CustomResourceDefinition\n"
		"metadata:\n"
		"  name: crd\n"
		"spec:\n"
		"  containers:\n"
		"  - image: nginx:1\n"
		"  template:\n"
		"    spec:\n"
		"      containers:\n"
		"      - image: nginx:1\n",
		NULL,
	},
	{
		"images_field_names_any_case",
		"apiVersion: v1\n"
		"kind: Pod\n"
		"metadata: {name: p}\n"
		"spec:\n"
		"  containers:\n"
		"  - image: upper\n",
		"images:\n"
		"- NAME: upper\n"
		"  NewTag: up\n",
		NULL,
		NULL,
		NULL,
		"apiVersion: v1\n"
		"kind: Pod\n"
		"metadata:\n"
		"  name: p\n"
		"spec:\n"
		"  containers:\n"
		"  - image: upper:up\n",
		NULL,
	},
	{
		"images_new_text_keeps_quotes",
		/* a quoted image stays a string; a plain one is read again (77 is a number) */
		"apiVersion: v1\n"
		"kind: Foo\n"
		"metadata: {name: p}\n"
		"spec:\n"
		"  containers:\n"
		"  - image: '5'\n"
		"  - image: 123\n"
		"  - image: null\n",
		"images:\n"
		"- name: \".*\"\n"
		"  newName: \"77\"\n",
		NULL,
		NULL,
		NULL,
		"apiVersion: v1\n"
		"kind: Foo\n"
		"metadata:\n"
		"  name: p\n"
		"spec:\n"
		"  containers:\n"
		"  - image: \"77\"\n"
		"  - image: 77\n"
		"  - image: 77\n",
		NULL,
	},
	{
		"images_null_container_list",
		/* the field spec's containers[] step turns null into [] */
		"apiVersion: v1\n"
		"kind: Foo\n"
		"metadata: {name: p}\n"
		"spec:\n"
		"  containers: null\n",
		"images:\n"
		"- name: nginx\n"
		"  newTag: v\n",
		NULL,
		NULL,
		NULL,
		"apiVersion: v1\n"
		"kind: Foo\n"
		"metadata:\n"
		"  name: p\n"
		"spec:\n"
		"  containers: []\n",
		NULL,
	},
	{
		"images_error_image_not_scalar",
		"apiVersion: v1\n"
		"kind: Foo\n"
		"metadata: {name: p}\n"
		"spec:\n"
		"  containers:\n"
		"  - image: [a]\n",
		"images:\n"
		"- name: nginx\n"
		"  newTag: v\n",
		NULL,
		NULL,
		NULL,
		NULL,
		"wrong node kind: expected ScalarNode but got SequenceNode",
	},
	{
		"images_error_container_not_map",
		"apiVersion: v1\n"
		"kind: Foo\n"
		"metadata: {name: p}\n"
		"spec:\n"
		"  containers: [foo]\n",
		"images:\n"
		"- name: nginx\n"
		"  newTag: v\n",
		NULL,
		NULL,
		NULL,
		NULL,
		"wrong node kind: expected MappingNode but got ScalarNode",
	},
	{
		"images_error_number_tag",
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: dep\n"
		"  labels: {app: x}\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      initContainers:\n"
		"      - name: init\n"
		"        image: nginx:1.0\n"
		"      containers:\n"
		"      - name: app\n"
		"        image: nginx:1.0\n"
		"        args: [\"--a\", \"--b\"]\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"      - name: side\n"
		"        image: busybox:2\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n",
		"images:\n"
		"- name: nginx\n"
		"  newTag: 1.2\n",
		NULL,
		NULL,
		NULL,
		NULL,
		"json: cannot unmarshal number into Go struct field Image.images.newTag of type string",
	},
	{
		"images_error_unknown_field",
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: dep\n"
		"  labels: {app: x}\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      initContainers:\n"
		"      - name: init\n"
		"        image: nginx:1.0\n"
		"      containers:\n"
		"      - name: app\n"
		"        image: nginx:1.0\n"
		"        args: [\"--a\", \"--b\"]\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"      - name: side\n"
		"        image: busybox:2\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n",
		"images:\n"
		"- name: nginx\n"
		"  foo: bar\n",
		NULL,
		NULL,
		NULL,
		NULL,
		"json: unknown field \"foo\"",
	},
	{
		"images_error_not_a_list",
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: dep\n"
		"  labels: {app: x}\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      initContainers:\n"
		"      - name: init\n"
		"        image: nginx:1.0\n"
		"      containers:\n"
		"      - name: app\n"
		"        image: nginx:1.0\n"
		"        args: [\"--a\", \"--b\"]\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"      - name: side\n"
		"        image: busybox:2\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n",
		"images:\n"
		"  name: nginx\n",
		NULL,
		NULL,
		NULL,
		NULL,
		"json: cannot unmarshal object into Go struct field Kustomization.images of type []types.Image",
	},
	{
		"replicas_kinds_and_creation",
		/* a quoted count stays a string; missing fields are created; any group's Deployment */
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata: {name: d}\n"
		"spec:\n"
		"  replicas: \"3\"\n"
		"---\n"
		"apiVersion: apps/v1\n"
		"kind: StatefulSet\n"
		"metadata: {name: s}\n"
		"spec: {}\n"
		"---\n"
		"apiVersion: apps/v1\n"
		"kind: ReplicaSet\n"
		"metadata: {name: rs}\n"
		"---\n"
		"apiVersion: example.com/v1\n"
		"kind: Deployment\n"
		"metadata: {name: foo}\n"
		"spec:\n"
		"  replicas: 1\n"
		"---\n"
		"apiVersion: example.com/v1\n"
		"kind: Foo\n"
		"metadata: {name: foo}\n"
		"spec:\n"
		"  replicas: 1\n",
		"replicas:\n"
		"- name: d\n"
		"  count: 5\n"
		"- name: s\n"
		"  count: 0\n"
		"- name: rs\n"
		"  count: 7\n"
		"- name: foo\n"
		"  count: 2\n",
		NULL,
		NULL,
		NULL,
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: d\n"
		"spec:\n"
		"  replicas: \"5\"\n"
		"---\n"
		"apiVersion: example.com/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: foo\n"
		"spec:\n"
		"  replicas: 2\n"
		"---\n"
		"apiVersion: apps/v1\n"
		"kind: StatefulSet\n"
		"metadata:\n"
		"  name: s\n"
		"spec:\n"
		"  replicas: 0\n"
		"---\n"
		"apiVersion: apps/v1\n"
		"kind: ReplicaSet\n"
		"metadata:\n"
		"  name: rs\n"
		"spec:\n"
		"  replicas: 7\n"
		"---\n"
		"apiVersion: example.com/v1\n"
		"kind: Foo\n"
		"metadata:\n"
		"  name: foo\n"
		"spec:\n"
		"  replicas: 1\n",
		NULL,
	},
	{
		"replicas_previous_name",
		/* the original and the prefixed name both match */
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata: {name: d}\n"
		"spec:\n"
		"  replicas: \"3\"\n"
		"---\n"
		"apiVersion: apps/v1\n"
		"kind: StatefulSet\n"
		"metadata: {name: s}\n"
		"spec: {}\n"
		"---\n"
		"apiVersion: apps/v1\n"
		"kind: ReplicaSet\n"
		"metadata: {name: rs}\n"
		"---\n"
		"apiVersion: example.com/v1\n"
		"kind: Deployment\n"
		"metadata: {name: foo}\n"
		"spec:\n"
		"  replicas: 1\n"
		"---\n"
		"apiVersion: example.com/v1\n"
		"kind: Foo\n"
		"metadata: {name: foo}\n"
		"spec:\n"
		"  replicas: 1\n",
		"replicas:\n"
		"- name: d\n"
		"  count: 4\n"
		"- name: p-rs\n"
		"  count: 6\n",
		"p-",
		NULL,
		NULL,
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: p-d\n"
		"spec:\n"
		"  replicas: \"4\"\n"
		"---\n"
		"apiVersion: example.com/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: p-foo\n"
		"spec:\n"
		"  replicas: 1\n"
		"---\n"
		"apiVersion: apps/v1\n"
		"kind: StatefulSet\n"
		"metadata:\n"
		"  name: p-s\n"
		"spec: {}\n"
		"---\n"
		"apiVersion: apps/v1\n"
		"kind: ReplicaSet\n"
		"metadata:\n"
		"  name: p-rs\n"
		"spec:\n"
		"  replicas: 6\n"
		"---\n"
		"apiVersion: example.com/v1\n"
		"kind: Foo\n"
		"metadata:\n"
		"  name: p-foo\n"
		"spec:\n"
		"  replicas: 1\n",
		NULL,
	},
	{
		"replicas_error_no_match",
		"apiVersion: example.com/v1\n"
		"kind: Foo\n"
		"metadata: {name: foo}\n"
		"spec:\n"
		"  replicas: 1\n",
		"replicas:\n"
		"- name: foo\n"
		"  count: 2\n",
		NULL,
		NULL,
		NULL,
		NULL,
		"resource with name foo does not match a config with the following GVK [Deployment.[noVer].[noGrp] StatefulSet.[noVer].[noGrp] ReplicaSet.[noVer].[noGrp] ReplicationController.[noVer].[noGrp]]",
	},
	{
		"replicas_error_count_string",
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata: {name: d}\n"
		"spec:\n"
		"  replicas: \"3\"\n"
		"---\n"
		"apiVersion: apps/v1\n"
		"kind: StatefulSet\n"
		"metadata: {name: s}\n"
		"spec: {}\n"
		"---\n"
		"apiVersion: apps/v1\n"
		"kind: ReplicaSet\n"
		"metadata: {name: rs}\n"
		"---\n"
		"apiVersion: example.com/v1\n"
		"kind: Deployment\n"
		"metadata: {name: foo}\n"
		"spec:\n"
		"  replicas: 1\n"
		"---\n"
		"apiVersion: example.com/v1\n"
		"kind: Foo\n"
		"metadata: {name: foo}\n"
		"spec:\n"
		"  replicas: 1\n",
		"replicas:\n"
		"- name: d\n"
		"  count: \"3\"\n",
		NULL,
		NULL,
		NULL,
		NULL,
		"json: cannot unmarshal string into Go struct field Replica.replicas.count of type int64",
	},
	{
		"replicas_error_count_fraction",
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata: {name: d}\n"
		"spec:\n"
		"  replicas: \"3\"\n"
		"---\n"
		"apiVersion: apps/v1\n"
		"kind: StatefulSet\n"
		"metadata: {name: s}\n"
		"spec: {}\n"
		"---\n"
		"apiVersion: apps/v1\n"
		"kind: ReplicaSet\n"
		"metadata: {name: rs}\n"
		"---\n"
		"apiVersion: example.com/v1\n"
		"kind: Deployment\n"
		"metadata: {name: foo}\n"
		"spec:\n"
		"  replicas: 1\n"
		"---\n"
		"apiVersion: example.com/v1\n"
		"kind: Foo\n"
		"metadata: {name: foo}\n"
		"spec:\n"
		"  replicas: 1\n",
		"replicas:\n"
		"- name: d\n"
		"  count: 3.5\n",
		NULL,
		NULL,
		NULL,
		NULL,
		"json: cannot unmarshal number 3.5 into Go struct field Replica.replicas.count of type int64",
	},
	{
		"replicas_count_whole_float",
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata: {name: d}\n"
		"spec:\n"
		"  replicas: \"3\"\n"
		"---\n"
		"apiVersion: apps/v1\n"
		"kind: StatefulSet\n"
		"metadata: {name: s}\n"
		"spec: {}\n"
		"---\n"
		"apiVersion: apps/v1\n"
		"kind: ReplicaSet\n"
		"metadata: {name: rs}\n"
		"---\n"
		"apiVersion: example.com/v1\n"
		"kind: Deployment\n"
		"metadata: {name: foo}\n"
		"spec:\n"
		"  replicas: 1\n"
		"---\n"
		"apiVersion: example.com/v1\n"
		"kind: Foo\n"
		"metadata: {name: foo}\n"
		"spec:\n"
		"  replicas: 1\n",
		"replicas:\n"
		"- name: d\n"
		"  count: 3.0\n"
		"- name: s\n"
		"  count: 1e1\n",
		NULL,
		NULL,
		NULL,
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: d\n"
		"spec:\n"
		"  replicas: \"3\"\n"
		"---\n"
		"apiVersion: example.com/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: foo\n"
		"spec:\n"
		"  replicas: 1\n"
		"---\n"
		"apiVersion: apps/v1\n"
		"kind: StatefulSet\n"
		"metadata:\n"
		"  name: s\n"
		"spec:\n"
		"  replicas: 10\n"
		"---\n"
		"apiVersion: apps/v1\n"
		"kind: ReplicaSet\n"
		"metadata:\n"
		"  name: rs\n"
		"---\n"
		"apiVersion: example.com/v1\n"
		"kind: Foo\n"
		"metadata:\n"
		"  name: foo\n"
		"spec:\n"
		"  replicas: 1\n",
		NULL,
	},
	{
		"replicas_error_not_scalar",
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata: {name: foo}\n"
		"spec:\n"
		"  replicas: [1]\n",
		"replicas:\n"
		"- name: foo\n"
		"  count: 5\n",
		NULL,
		NULL,
		NULL,
		NULL,
		"wrong node kind: expected ScalarNode but got SequenceNode",
	},
	{
		"replicas_plain_string_becomes_int",
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata: {name: foo}\n"
		"spec:\n"
		"  replicas: abc\n"
		"---\n"
		"apiVersion: apps/v1\n"
		"kind: StatefulSet\n"
		"metadata: {name: foo}\n"
		"spec: null\n",
		"replicas:\n"
		"- name: foo\n"
		"  count: 5\n",
		NULL,
		NULL,
		NULL,
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: foo\n"
		"spec:\n"
		"  replicas: 5\n"
		"---\n"
		"apiVersion: apps/v1\n"
		"kind: StatefulSet\n"
		"metadata:\n"
		"  name: foo\n"
		"spec:\n"
		"  replicas: 5\n",
		NULL,
	},
	{
		"repl_name_into_env_value",
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: dep\n"
		"  labels: {app: x}\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      initContainers:\n"
		"      - name: init\n"
		"        image: nginx:1.0\n"
		"      containers:\n"
		"      - name: app\n"
		"        image: nginx:1.0\n"
		"        args: [\"--a\", \"--b\"]\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"      - name: side\n"
		"        image: busybox:2\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  name: svc\n"
		"  namespace: ns1\n"
		"  annotations: {a: b}\n"
		"spec:\n"
		"  ports:\n"
		"  - port: 8080\n"
		"    name: http\n"
		"  - port: 9090\n"
		"    name: metrics\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"data:\n"
		"  url: http://a.b.c:80/path\n"
		"  num: \"42\"\n"
		"  key: val\n",
		"replacements:\n"
		"- source: {kind: Service, name: svc}\n"
		"  targets:\n"
		"  - select: {kind: Deployment}\n"
		"    fieldPaths:\n"
		"    - spec.template.spec.containers.[name=app].env.[name=HOST].value\n",
		NULL,
		NULL,
		NULL,
		"apiVersion: v1\n"
		"data:\n"
		"  key: val\n"
		"  num: \"42\"\n"
		"  url: http://a.b.c:80/path\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  annotations:\n"
		"    a: b\n"
		"  name: svc\n"
		"  namespace: ns1\n"
		"spec:\n"
		"  ports:\n"
		"  - name: http\n"
		"    port: 8080\n"
		"  - name: metrics\n"
		"    port: 9090\n"
		"---\n"
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  labels:\n"
		"    app: x\n"
		"  name: dep\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      containers:\n"
		"      - args:\n"
		"        - --a\n"
		"        - --b\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: svc\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"        image: nginx:1.0\n"
		"        name: app\n"
		"      - env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n"
		"        image: busybox:2\n"
		"        name: side\n"
		"      initContainers:\n"
		"      - image: nginx:1.0\n"
		"        name: init\n",
		NULL,
	},
	{
		"repl_into_annotations_create",
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: dep\n"
		"  labels: {app: x}\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      initContainers:\n"
		"      - name: init\n"
		"        image: nginx:1.0\n"
		"      containers:\n"
		"      - name: app\n"
		"        image: nginx:1.0\n"
		"        args: [\"--a\", \"--b\"]\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"      - name: side\n"
		"        image: busybox:2\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  name: svc\n"
		"  namespace: ns1\n"
		"  annotations: {a: b}\n"
		"spec:\n"
		"  ports:\n"
		"  - port: 8080\n"
		"    name: http\n"
		"  - port: 9090\n"
		"    name: metrics\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"data:\n"
		"  url: http://a.b.c:80/path\n"
		"  num: \"42\"\n"
		"  key: val\n",
		"replacements:\n"
		"- source: {kind: Service, name: svc}\n"
		"  targets:\n"
		"  - select: {kind: Deployment}\n"
		"    fieldPaths:\n"
		"    - metadata.annotations.svcname\n"
		"    options: {create: true}\n",
		NULL,
		NULL,
		NULL,
		"apiVersion: v1\n"
		"data:\n"
		"  key: val\n"
		"  num: \"42\"\n"
		"  url: http://a.b.c:80/path\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  annotations:\n"
		"    a: b\n"
		"  name: svc\n"
		"  namespace: ns1\n"
		"spec:\n"
		"  ports:\n"
		"  - name: http\n"
		"    port: 8080\n"
		"  - name: metrics\n"
		"    port: 9090\n"
		"---\n"
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  annotations:\n"
		"    svcname: svc\n"
		"  labels:\n"
		"    app: x\n"
		"  name: dep\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      containers:\n"
		"      - args:\n"
		"        - --a\n"
		"        - --b\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"        image: nginx:1.0\n"
		"        name: app\n"
		"      - env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n"
		"        image: busybox:2\n"
		"        name: side\n"
		"      initContainers:\n"
		"      - image: nginx:1.0\n"
		"        name: init\n",
		NULL,
	},
	{
		"repl_int_into_string_field",
		/* the string field prints "8080", the integer field 8080 */
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: dep\n"
		"  labels: {app: x}\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      initContainers:\n"
		"      - name: init\n"
		"        image: nginx:1.0\n"
		"      containers:\n"
		"      - name: app\n"
		"        image: nginx:1.0\n"
		"        args: [\"--a\", \"--b\"]\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"      - name: side\n"
		"        image: busybox:2\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  name: svc\n"
		"  namespace: ns1\n"
		"  annotations: {a: b}\n"
		"spec:\n"
		"  ports:\n"
		"  - port: 8080\n"
		"    name: http\n"
		"  - port: 9090\n"
		"    name: metrics\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"data:\n"
		"  url: http://a.b.c:80/path\n"
		"  num: \"42\"\n"
		"  key: val\n",
		"replacements:\n"
		"- source: {kind: Service, fieldPath: spec.ports.0.port}\n"
		"  targets:\n"
		"  - select: {kind: ConfigMap}\n"
		"    fieldPaths: [data.key]\n"
		"  - select: {kind: Deployment}\n"
		"    fieldPaths:\n"
		"    - spec.template.spec.containers.0.env.[name=PORT].value\n"
		"    - spec.replicas\n",
		NULL,
		NULL,
		NULL,
		"apiVersion: v1\n"
		"data:\n"
		"  key: \"8080\"\n"
		"  num: \"42\"\n"
		"  url: http://a.b.c:80/path\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  annotations:\n"
		"    a: b\n"
		"  name: svc\n"
		"  namespace: ns1\n"
		"spec:\n"
		"  ports:\n"
		"  - name: http\n"
		"    port: 8080\n"
		"  - name: metrics\n"
		"    port: 9090\n"
		"---\n"
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  labels:\n"
		"    app: x\n"
		"  name: dep\n"
		"spec:\n"
		"  replicas: 8080\n"
		"  template:\n"
		"    spec:\n"
		"      containers:\n"
		"      - args:\n"
		"        - --a\n"
		"        - --b\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"8080\"\n"
		"        image: nginx:1.0\n"
		"        name: app\n"
		"      - env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n"
		"        image: busybox:2\n"
		"        name: side\n"
		"      initContainers:\n"
		"      - image: nginx:1.0\n"
		"        name: init\n",
		NULL,
	},
	{
		"repl_created_fields_are_read_again",
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: dep\n"
		"  labels: {app: x}\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      initContainers:\n"
		"      - name: init\n"
		"        image: nginx:1.0\n"
		"      containers:\n"
		"      - name: app\n"
		"        image: nginx:1.0\n"
		"        args: [\"--a\", \"--b\"]\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"      - name: side\n"
		"        image: busybox:2\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  name: svc\n"
		"  namespace: ns1\n"
		"  annotations: {a: b}\n"
		"spec:\n"
		"  ports:\n"
		"  - port: 8080\n"
		"    name: http\n"
		"  - port: 9090\n"
		"    name: metrics\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"data:\n"
		"  url: http://a.b.c:80/path\n"
		"  num: \"42\"\n"
		"  key: val\n",
		"replacements:\n"
		"- source: {kind: ConfigMap, fieldPath: data.num}\n"
		"  targets:\n"
		"  - select: {kind: Service}\n"
		"    fieldPaths:\n"
		"    - spec.ports.1.port\n"
		"    - spec.newint\n"
		"    - spec.deep.x.y\n"
		"    options: {create: true}\n",
		NULL,
		NULL,
		NULL,
		"apiVersion: v1\n"
		"data:\n"
		"  key: val\n"
		"  num: \"42\"\n"
		"  url: http://a.b.c:80/path\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  annotations:\n"
		"    a: b\n"
		"  name: svc\n"
		"  namespace: ns1\n"
		"spec:\n"
		"  deep:\n"
		"    x:\n"
		"      \"y\": 42\n"
		"  newint: 42\n"
		"  ports:\n"
		"  - name: http\n"
		"    port: 8080\n"
		"  - name: metrics\n"
		"    port: 42\n"
		"---\n"
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  labels:\n"
		"    app: x\n"
		"  name: dep\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      containers:\n"
		"      - args:\n"
		"        - --a\n"
		"        - --b\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"        image: nginx:1.0\n"
		"        name: app\n"
		"      - env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n"
		"        image: busybox:2\n"
		"        name: side\n"
		"      initContainers:\n"
		"      - image: nginx:1.0\n"
		"        name: init\n",
		NULL,
	},
	{
		"repl_error_text_into_int_field",
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: dep\n"
		"  labels: {app: x}\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      initContainers:\n"
		"      - name: init\n"
		"        image: nginx:1.0\n"
		"      containers:\n"
		"      - name: app\n"
		"        image: nginx:1.0\n"
		"        args: [\"--a\", \"--b\"]\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"      - name: side\n"
		"        image: busybox:2\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  name: svc\n"
		"  namespace: ns1\n"
		"  annotations: {a: b}\n"
		"spec:\n"
		"  ports:\n"
		"  - port: 8080\n"
		"    name: http\n"
		"  - port: 9090\n"
		"    name: metrics\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"data:\n"
		"  url: http://a.b.c:80/path\n"
		"  num: \"42\"\n"
		"  key: val\n",
		"replacements:\n"
		"- source: {kind: Service, name: svc}\n"
		"  targets:\n"
		"  - select: {kind: Deployment}\n"
		"    fieldPaths: [spec.replicas]\n",
		NULL,
		NULL,
		NULL,
		NULL,
		"yaml: cannot decode !!str `svc` as a !!int",
	},
	{
		"repl_error_into_null_field",
		"apiVersion: v1\n"
		"kind: Foo\n"
		"metadata: {name: f}\n"
		"spec:\n"
		"  t:\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"data:\n"
		"  url: http://a.b.c:80/path\n"
		"  num: \"42\"\n"
		"  key: val\n",
		"replacements:\n"
		"- source: {kind: ConfigMap, fieldPath: data.key}\n"
		"  targets:\n"
		"  - select: {kind: Foo}\n"
		"    fieldPaths: [spec.t]\n",
		NULL,
		NULL,
		NULL,
		NULL,
		"yaml: cannot decode !!str `val` as a !!null",
	},
	{
		"repl_source_delimiter",
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: dep\n"
		"  labels: {app: x}\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      initContainers:\n"
		"      - name: init\n"
		"        image: nginx:1.0\n"
		"      containers:\n"
		"      - name: app\n"
		"        image: nginx:1.0\n"
		"        args: [\"--a\", \"--b\"]\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"      - name: side\n"
		"        image: busybox:2\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  name: svc\n"
		"  namespace: ns1\n"
		"  annotations: {a: b}\n"
		"spec:\n"
		"  ports:\n"
		"  - port: 8080\n"
		"    name: http\n"
		"  - port: 9090\n"
		"    name: metrics\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"data:\n"
		"  url: http://a.b.c:80/path\n"
		"  num: \"42\"\n"
		"  key: val\n",
		"replacements:\n"
		"- source: {kind: ConfigMap, fieldPath: data.url, options: {delimiter: \":\", index: 1}}\n"
		"  targets:\n"
		"  - select: {kind: Deployment}\n"
		"    fieldPaths:\n"
		"    - spec.template.spec.containers.[name=app].env.[name=HOST].value\n",
		NULL,
		NULL,
		NULL,
		"apiVersion: v1\n"
		"data:\n"
		"  key: val\n"
		"  num: \"42\"\n"
		"  url: http://a.b.c:80/path\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  annotations:\n"
		"    a: b\n"
		"  name: svc\n"
		"  namespace: ns1\n"
		"spec:\n"
		"  ports:\n"
		"  - name: http\n"
		"    port: 8080\n"
		"  - name: metrics\n"
		"    port: 9090\n"
		"---\n"
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  labels:\n"
		"    app: x\n"
		"  name: dep\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      containers:\n"
		"      - args:\n"
		"        - --a\n"
		"        - --b\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: //a.b.c\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"        image: nginx:1.0\n"
		"        name: app\n"
		"      - env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n"
		"        image: busybox:2\n"
		"        name: side\n"
		"      initContainers:\n"
		"      - image: nginx:1.0\n"
		"        name: init\n",
		NULL,
	},
	{
		"repl_target_delimiter",
		/* index 0 replaces, a negative index prepends, a too large one appends */
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: dep\n"
		"  labels: {app: x}\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      initContainers:\n"
		"      - name: init\n"
		"        image: nginx:1.0\n"
		"      containers:\n"
		"      - name: app\n"
		"        image: nginx:1.0\n"
		"        args: [\"--a\", \"--b\"]\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"      - name: side\n"
		"        image: busybox:2\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  name: svc\n"
		"  namespace: ns1\n"
		"  annotations: {a: b}\n"
		"spec:\n"
		"  ports:\n"
		"  - port: 8080\n"
		"    name: http\n"
		"  - port: 9090\n"
		"    name: metrics\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"data:\n"
		"  url: http://a.b.c:80/path\n"
		"  num: \"42\"\n"
		"  key: val\n",
		"replacements:\n"
		"- source: {kind: Service}\n"
		"  targets:\n"
		"  - select: {kind: Deployment}\n"
		"    fieldPaths:\n"
		"    - spec.template.spec.containers.[name=side].env.[name=HOST].value\n"
		"    options: {delimiter: \".\", index: 0}\n"
		"  - select: {kind: ConfigMap}\n"
		"    fieldPaths: [data.key]\n"
		"    options: {delimiter: \"-\", index: -1}\n"
		"  - select: {kind: ConfigMap}\n"
		"    fieldPaths: [data.num]\n"
		"    options: {delimiter: \"-\", index: 5}\n",
		NULL,
		NULL,
		NULL,
		"apiVersion: v1\n"
		"data:\n"
		"  key: svc-val\n"
		"  num: 42-svc\n"
		"  url: http://a.b.c:80/path\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  annotations:\n"
		"    a: b\n"
		"  name: svc\n"
		"  namespace: ns1\n"
		"spec:\n"
		"  ports:\n"
		"  - name: http\n"
		"    port: 8080\n"
		"  - name: metrics\n"
		"    port: 9090\n"
		"---\n"
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  labels:\n"
		"    app: x\n"
		"  name: dep\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      containers:\n"
		"      - args:\n"
		"        - --a\n"
		"        - --b\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"        image: nginx:1.0\n"
		"        name: app\n"
		"      - env:\n"
		"        - name: HOST\n"
		"          value: svc.example.com\n"
		"        image: busybox:2\n"
		"        name: side\n"
		"      initContainers:\n"
		"      - image: nginx:1.0\n"
		"        name: init\n",
		NULL,
	},
	{
		"repl_error_source_index_out_of_bounds",
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: dep\n"
		"  labels: {app: x}\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      initContainers:\n"
		"      - name: init\n"
		"        image: nginx:1.0\n"
		"      containers:\n"
		"      - name: app\n"
		"        image: nginx:1.0\n"
		"        args: [\"--a\", \"--b\"]\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"      - name: side\n"
		"        image: busybox:2\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  name: svc\n"
		"  namespace: ns1\n"
		"  annotations: {a: b}\n"
		"spec:\n"
		"  ports:\n"
		"  - port: 8080\n"
		"    name: http\n"
		"  - port: 9090\n"
		"    name: metrics\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"data:\n"
		"  url: http://a.b.c:80/path\n"
		"  num: \"42\"\n"
		"  key: val\n",
		"replacements:\n"
		"- source:\n"
		"    kind: Deployment\n"
		"    fieldPath: spec.template.spec.containers.0.image\n"
		"    options: {delimiter: \":\", index: 2}\n"
		"  targets:\n"
		"  - select: {kind: ConfigMap}\n"
		"    fieldPaths: [data.key]\n",
		NULL,
		NULL,
		NULL,
		NULL,
		"options.index 2 is out of bounds for value nginx:1.0",
	},
	{
		"repl_wildcard",
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: dep\n"
		"  labels: {app: x}\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      initContainers:\n"
		"      - name: init\n"
		"        image: nginx:1.0\n"
		"      containers:\n"
		"      - name: app\n"
		"        image: nginx:1.0\n"
		"        args: [\"--a\", \"--b\"]\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"      - name: side\n"
		"        image: busybox:2\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  name: svc\n"
		"  namespace: ns1\n"
		"  annotations: {a: b}\n"
		"spec:\n"
		"  ports:\n"
		"  - port: 8080\n"
		"    name: http\n"
		"  - port: 9090\n"
		"    name: metrics\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"data:\n"
		"  url: http://a.b.c:80/path\n"
		"  num: \"42\"\n"
		"  key: val\n",
		"replacements:\n"
		"- source: {kind: Service, fieldPath: metadata.namespace}\n"
		"  targets:\n"
		"  - select: {kind: Deployment}\n"
		"    fieldPaths:\n"
		"    - spec.template.spec.containers.*.image\n"
		"    - spec.template.spec.containers.*.env.*.name\n",
		NULL,
		NULL,
		NULL,
		"apiVersion: v1\n"
		"data:\n"
		"  key: val\n"
		"  num: \"42\"\n"
		"  url: http://a.b.c:80/path\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  annotations:\n"
		"    a: b\n"
		"  name: svc\n"
		"  namespace: ns1\n"
		"spec:\n"
		"  ports:\n"
		"  - name: http\n"
		"    port: 8080\n"
		"  - name: metrics\n"
		"    port: 9090\n"
		"---\n"
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  labels:\n"
		"    app: x\n"
		"  name: dep\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      containers:\n"
		"      - args:\n"
		"        - --a\n"
		"        - --b\n"
		"        env:\n"
		"        - name: ns1\n"
		"          value: old.example.com\n"
		"        - name: ns1\n"
		"          value: \"1\"\n"
		"        image: ns1\n"
		"        name: app\n"
		"      - env:\n"
		"        - name: ns1\n"
		"          value: side.example.com\n"
		"        image: ns1\n"
		"        name: side\n"
		"      initContainers:\n"
		"      - image: nginx:1.0\n"
		"        name: init\n",
		NULL,
	},
	{
		"repl_list_selector_is_unanchored_regexp",
		/* [name=ap] matches app; a quoted value's text includes its quotes */
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: dep\n"
		"  labels: {app: x}\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      initContainers:\n"
		"      - name: init\n"
		"        image: nginx:1.0\n"
		"      containers:\n"
		"      - name: app\n"
		"        image: nginx:1.0\n"
		"        args: [\"--a\", \"--b\"]\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"      - name: side\n"
		"        image: busybox:2\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  name: svc\n"
		"  namespace: ns1\n"
		"  annotations: {a: b}\n"
		"spec:\n"
		"  ports:\n"
		"  - port: 8080\n"
		"    name: http\n"
		"  - port: 9090\n"
		"    name: metrics\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"data:\n"
		"  url: http://a.b.c:80/path\n"
		"  num: \"42\"\n"
		"  key: val\n",
		"replacements:\n"
		"- source: {kind: Service}\n"
		"  targets:\n"
		"  - select: {kind: Deployment}\n"
		"    fieldPaths:\n"
		"    - spec.template.spec.containers.[name=ap].image\n"
		"    - spec.template.spec.containers.[name=.*e].env.[name=HOS.].value\n"
		"    - spec.template.spec.containers.0.args.[=--b]\n"
		"    - spec.template.spec.containers.0.env.[value=^\"1\"$].name\n",
		NULL,
		NULL,
		NULL,
		"apiVersion: v1\n"
		"data:\n"
		"  key: val\n"
		"  num: \"42\"\n"
		"  url: http://a.b.c:80/path\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  annotations:\n"
		"    a: b\n"
		"  name: svc\n"
		"  namespace: ns1\n"
		"spec:\n"
		"  ports:\n"
		"  - name: http\n"
		"    port: 8080\n"
		"  - name: metrics\n"
		"    port: 9090\n"
		"---\n"
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  labels:\n"
		"    app: x\n"
		"  name: dep\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      containers:\n"
		"      - args:\n"
		"        - --a\n"
		"        - svc\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: svc\n"
		"          value: \"1\"\n"
		"        image: svc\n"
		"        name: app\n"
		"      - env:\n"
		"        - name: HOST\n"
		"          value: svc\n"
		"        image: busybox:2\n"
		"        name: side\n"
		"      initContainers:\n"
		"      - image: nginx:1.0\n"
		"        name: init\n",
		NULL,
	},
	{
		"repl_error_source_selector_is_exact",
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: dep\n"
		"  labels: {app: x}\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      initContainers:\n"
		"      - name: init\n"
		"        image: nginx:1.0\n"
		"      containers:\n"
		"      - name: app\n"
		"        image: nginx:1.0\n"
		"        args: [\"--a\", \"--b\"]\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"      - name: side\n"
		"        image: busybox:2\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  name: svc\n"
		"  namespace: ns1\n"
		"  annotations: {a: b}\n"
		"spec:\n"
		"  ports:\n"
		"  - port: 8080\n"
		"    name: http\n"
		"  - port: 9090\n"
		"    name: metrics\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"data:\n"
		"  url: http://a.b.c:80/path\n"
		"  num: \"42\"\n"
		"  key: val\n",
		"replacements:\n"
		"- source: {kind: Deployment, fieldPath: \"spec.template.spec.containers.[name=ap].image\"}\n"
		"  targets:\n"
		"  - select: {kind: ConfigMap}\n"
		"    fieldPaths: [data.key]\n",
		NULL,
		NULL,
		NULL,
		NULL,
		"fieldPath `spec.template.spec.containers.[name=ap].image` is missing for replacement source Deployment.[noVer].[noGrp]/[noName].[noNs]",
	},
	{
		"repl_create_list_elements",
		/* null annotations act as {}; other nulls swallow what is created */
		"apiVersion: v1\n"
		"kind: Foo\n"
		"metadata:\n"
		"  name: foo\n"
		"  annotations:\n"
		"  labels: null\n"
		"spec:\n"
		"  m: {a: 1}\n"
		"  l: [x, y]\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"data:\n"
		"  url: http://a.b.c:80/path\n"
		"  num: \"42\"\n"
		"  key: val\n",
		"replacements:\n"
		"- source: {kind: ConfigMap, fieldPath: data.key}\n"
		"  targets:\n"
		"  - select: {kind: Foo}\n"
		"    fieldPaths:\n"
		"    - metadata.annotations.x\n"
		"    - metadata.labels.y\n"
		"    - spec.newlist.0.x\n"
		"    - spec.newlist2.[name=a].x\n"
		"    - spec.m\n"
		"    - spec.newscalar\n"
		"    - spec.l.[=z]\n"
		"    options: {create: true}\n",
		NULL,
		NULL,
		NULL,
		"apiVersion: v1\n"
		"data:\n"
		"  key: val\n"
		"  num: \"42\"\n"
		"  url: http://a.b.c:80/path\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Foo\n"
		"metadata:\n"
		"  annotations:\n"
		"    x: val\n"
		"  labels: null\n"
		"  name: foo\n"
		"spec:\n"
		"  l:\n"
		"  - x\n"
		"  - \"y\"\n"
		"  - val\n"
		"  m: val\n"
		"  newlist:\n"
		"  - x: val\n"
		"  newlist2:\n"
		"  - name: a\n"
		"    x: val\n"
		"  newscalar: val\n",
		NULL,
	},
	{
		"repl_reject_and_label_selectors",
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: dep\n"
		"  labels: {app: x}\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      initContainers:\n"
		"      - name: init\n"
		"        image: nginx:1.0\n"
		"      containers:\n"
		"      - name: app\n"
		"        image: nginx:1.0\n"
		"        args: [\"--a\", \"--b\"]\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"      - name: side\n"
		"        image: busybox:2\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  name: svc\n"
		"  namespace: ns1\n"
		"  annotations: {a: b}\n"
		"spec:\n"
		"  ports:\n"
		"  - port: 8080\n"
		"    name: http\n"
		"  - port: 9090\n"
		"    name: metrics\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"data:\n"
		"  url: http://a.b.c:80/path\n"
		"  num: \"42\"\n"
		"  key: val\n",
		"replacements:\n"
		"- source: {kind: Service}\n"
		"  targets:\n"
		"  - select: {kind: Deployment}\n"
		"    reject: [{}]\n"
		"    fieldPaths: [metadata.annotations.x]\n"
		"    options: {create: true}\n"
		"  - select: {kind: ConfigMap}\n"
		"    reject: [{name: other}, {kind: ConfigMap}]\n"
		"    fieldPaths: [metadata.annotations.y]\n"
		"    options: {create: true}\n"
		"  - select: {labelSelector: \"app=x\"}\n"
		"    fieldPaths: [metadata.annotations.z]\n"
		"    options: {create: true}\n"
		"  - select: {kind: Service}\n"
		"    reject: [{annotationSelector: \"a=b\"}]\n"
		"    fieldPaths: [metadata.annotations.w]\n"
		"    options: {create: true}\n",
		NULL,
		NULL,
		NULL,
		"apiVersion: v1\n"
		"data:\n"
		"  key: val\n"
		"  num: \"42\"\n"
		"  url: http://a.b.c:80/path\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  annotations:\n"
		"    a: b\n"
		"  name: svc\n"
		"  namespace: ns1\n"
		"spec:\n"
		"  ports:\n"
		"  - name: http\n"
		"    port: 8080\n"
		"  - name: metrics\n"
		"    port: 9090\n"
		"---\n"
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  annotations:\n"
		"    x: svc\n"
		"    z: svc\n"
		"  labels:\n"
		"    app: x\n"
		"  name: dep\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      containers:\n"
		"      - args:\n"
		"        - --a\n"
		"        - --b\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"        image: nginx:1.0\n"
		"        name: app\n"
		"      - env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n"
		"        image: busybox:2\n"
		"        name: side\n"
		"      initContainers:\n"
		"      - image: nginx:1.0\n"
		"        name: init\n",
		NULL,
	},
	{
		"repl_reject_by_previous_name",
		/* a reject matching any earlier id rejects */
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: dep\n"
		"  labels: {app: x}\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      initContainers:\n"
		"      - name: init\n"
		"        image: nginx:1.0\n"
		"      containers:\n"
		"      - name: app\n"
		"        image: nginx:1.0\n"
		"        args: [\"--a\", \"--b\"]\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"      - name: side\n"
		"        image: busybox:2\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  name: svc\n"
		"  namespace: ns1\n"
		"  annotations: {a: b}\n"
		"spec:\n"
		"  ports:\n"
		"  - port: 8080\n"
		"    name: http\n"
		"  - port: 9090\n"
		"    name: metrics\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"data:\n"
		"  url: http://a.b.c:80/path\n"
		"  num: \"42\"\n"
		"  key: val\n",
		"replacements:\n"
		"- source: {kind: Service}\n"
		"  targets:\n"
		"  - select: {kind: Deployment}\n"
		"    reject: [{name: dep}]\n"
		"    fieldPaths: [metadata.annotations.x]\n"
		"    options: {create: true}\n"
		"  - select: {name: p-cm}\n"
		"    fieldPaths: [data.key]\n",
		"p-",
		NULL,
		NULL,
		"apiVersion: v1\n"
		"data:\n"
		"  key: p-svc\n"
		"  num: \"42\"\n"
		"  url: http://a.b.c:80/path\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: p-cm\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  annotations:\n"
		"    a: b\n"
		"  name: p-svc\n"
		"  namespace: ns1\n"
		"spec:\n"
		"  ports:\n"
		"  - name: http\n"
		"    port: 8080\n"
		"  - name: metrics\n"
		"    port: 9090\n"
		"---\n"
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  labels:\n"
		"    app: x\n"
		"  name: p-dep\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      containers:\n"
		"      - args:\n"
		"        - --a\n"
		"        - --b\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"        image: nginx:1.0\n"
		"        name: app\n"
		"      - env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n"
		"        image: busybox:2\n"
		"        name: side\n"
		"      initContainers:\n"
		"      - image: nginx:1.0\n"
		"        name: init\n",
		NULL,
	},
	{
		"repl_source_by_previous_name",
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: dep\n"
		"  labels: {app: x}\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      initContainers:\n"
		"      - name: init\n"
		"        image: nginx:1.0\n"
		"      containers:\n"
		"      - name: app\n"
		"        image: nginx:1.0\n"
		"        args: [\"--a\", \"--b\"]\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"      - name: side\n"
		"        image: busybox:2\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  name: svc\n"
		"  namespace: ns1\n"
		"  annotations: {a: b}\n"
		"spec:\n"
		"  ports:\n"
		"  - port: 8080\n"
		"    name: http\n"
		"  - port: 9090\n"
		"    name: metrics\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"data:\n"
		"  url: http://a.b.c:80/path\n"
		"  num: \"42\"\n"
		"  key: val\n",
		"replacements:\n"
		"- source: {kind: ConfigMap, name: cm, fieldPath: data.num}\n"
		"  targets:\n"
		"  - select: {kind: Service, name: svc}\n"
		"    fieldPaths: [spec.ports.0.name]\n",
		"p-",
		NULL,
		NULL,
		"apiVersion: v1\n"
		"data:\n"
		"  key: val\n"
		"  num: \"42\"\n"
		"  url: http://a.b.c:80/path\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: p-cm\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  annotations:\n"
		"    a: b\n"
		"  name: p-svc\n"
		"  namespace: ns1\n"
		"spec:\n"
		"  ports:\n"
		"  - name: \"42\"\n"
		"    port: 8080\n"
		"  - name: metrics\n"
		"    port: 9090\n"
		"---\n"
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  labels:\n"
		"    app: x\n"
		"  name: p-dep\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      containers:\n"
		"      - args:\n"
		"        - --a\n"
		"        - --b\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"        image: nginx:1.0\n"
		"        name: app\n"
		"      - env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n"
		"        image: busybox:2\n"
		"        name: side\n"
		"      initContainers:\n"
		"      - image: nginx:1.0\n"
		"        name: init\n",
		NULL,
	},
	{
		"repl_source_namespace_default",
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: dep\n"
		"  labels: {app: x}\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      initContainers:\n"
		"      - name: init\n"
		"        image: nginx:1.0\n"
		"      containers:\n"
		"      - name: app\n"
		"        image: nginx:1.0\n"
		"        args: [\"--a\", \"--b\"]\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"      - name: side\n"
		"        image: busybox:2\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  name: svc\n"
		"  namespace: ns1\n"
		"  annotations: {a: b}\n"
		"spec:\n"
		"  ports:\n"
		"  - port: 8080\n"
		"    name: http\n"
		"  - port: 9090\n"
		"    name: metrics\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"data:\n"
		"  url: http://a.b.c:80/path\n"
		"  num: \"42\"\n"
		"  key: val\n",
		"replacements:\n"
		"- source: {kind: Service, namespace: ns1, version: v1}\n"
		"  targets:\n"
		"  - select: {kind: ConfigMap}\n"
		"    fieldPaths: [data.key]\n"
		"- source: {kind: ConfigMap, namespace: default}\n"
		"  targets:\n"
		"  - select: {kind: ConfigMap}\n"
		"    fieldPaths: [data.num]\n"
		"- source: {group: apps, name: dep}\n"
		"  targets:\n"
		"  - select: {kind: ConfigMap, namespace: default}\n"
		"    fieldPaths: [data.url]\n",
		NULL,
		NULL,
		NULL,
		"apiVersion: v1\n"
		"data:\n"
		"  key: svc\n"
		"  num: cm\n"
		"  url: dep\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  annotations:\n"
		"    a: b\n"
		"  name: svc\n"
		"  namespace: ns1\n"
		"spec:\n"
		"  ports:\n"
		"  - name: http\n"
		"    port: 8080\n"
		"  - name: metrics\n"
		"    port: 9090\n"
		"---\n"
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  labels:\n"
		"    app: x\n"
		"  name: dep\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      containers:\n"
		"      - args:\n"
		"        - --a\n"
		"        - --b\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"        image: nginx:1.0\n"
		"        name: app\n"
		"      - env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n"
		"        image: busybox:2\n"
		"        name: side\n"
		"      initContainers:\n"
		"      - image: nginx:1.0\n"
		"        name: init\n",
		NULL,
	},
	{
		"repl_error_missing_source_field",
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: dep\n"
		"  labels: {app: x}\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      initContainers:\n"
		"      - name: init\n"
		"        image: nginx:1.0\n"
		"      containers:\n"
		"      - name: app\n"
		"        image: nginx:1.0\n"
		"        args: [\"--a\", \"--b\"]\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"      - name: side\n"
		"        image: busybox:2\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  name: svc\n"
		"  namespace: ns1\n"
		"  annotations: {a: b}\n"
		"spec:\n"
		"  ports:\n"
		"  - port: 8080\n"
		"    name: http\n"
		"  - port: 9090\n"
		"    name: metrics\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"data:\n"
		"  url: http://a.b.c:80/path\n"
		"  num: \"42\"\n"
		"  key: val\n",
		"replacements:\n"
		"- source: {kind: Deployment, fieldPath: spec.nope}\n"
		"  targets:\n"
		"  - select: {kind: ConfigMap}\n"
		"    fieldPaths: [data.key]\n",
		NULL,
		NULL,
		NULL,
		NULL,
		"fieldPath `spec.nope` is missing for replacement source Deployment.[noVer].[noGrp]/[noName].[noNs]",
	},
	{
		"repl_error_multiple_matches",
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: dep\n"
		"  labels: {app: x}\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      initContainers:\n"
		"      - name: init\n"
		"        image: nginx:1.0\n"
		"      containers:\n"
		"      - name: app\n"
		"        image: nginx:1.0\n"
		"        args: [\"--a\", \"--b\"]\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"      - name: side\n"
		"        image: busybox:2\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  name: svc\n"
		"  namespace: ns1\n"
		"  annotations: {a: b}\n"
		"spec:\n"
		"  ports:\n"
		"  - port: 8080\n"
		"    name: http\n"
		"  - port: 9090\n"
		"    name: metrics\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"data:\n"
		"  url: http://a.b.c:80/path\n"
		"  num: \"42\"\n"
		"  key: val\n",
		"replacements:\n"
		"- source: {version: v1}\n"
		"  targets:\n"
		"  - select: {kind: ConfigMap}\n",
		NULL,
		NULL,
		NULL,
		NULL,
		"multiple matches for selector [noKind].v1.[noGrp]/[noName].[noNs]",
	},
	{
		"repl_error_nothing_selected",
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: dep\n"
		"  labels: {app: x}\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      initContainers:\n"
		"      - name: init\n"
		"        image: nginx:1.0\n"
		"      containers:\n"
		"      - name: app\n"
		"        image: nginx:1.0\n"
		"        args: [\"--a\", \"--b\"]\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"      - name: side\n"
		"        image: busybox:2\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  name: svc\n"
		"  namespace: ns1\n"
		"  annotations: {a: b}\n"
		"spec:\n"
		"  ports:\n"
		"  - port: 8080\n"
		"    name: http\n"
		"  - port: 9090\n"
		"    name: metrics\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"data:\n"
		"  url: http://a.b.c:80/path\n"
		"  num: \"42\"\n"
		"  key: val\n",
		"replacements:\n"
		"- source: {kind: Service, name: nope}\n"
		"  targets:\n"
		"  - select: {kind: ConfigMap}\n",
		NULL,
		NULL,
		NULL,
		NULL,
		"nothing selected by Service.[noVer].[noGrp]/nope.[noNs]",
	},
	{
		"repl_error_target_field_missing",
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: dep\n"
		"  labels: {app: x}\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      initContainers:\n"
		"      - name: init\n"
		"        image: nginx:1.0\n"
		"      containers:\n"
		"      - name: app\n"
		"        image: nginx:1.0\n"
		"        args: [\"--a\", \"--b\"]\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"      - name: side\n"
		"        image: busybox:2\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  name: svc\n"
		"  namespace: ns1\n"
		"  annotations: {a: b}\n"
		"spec:\n"
		"  ports:\n"
		"  - port: 8080\n"
		"    name: http\n"
		"  - port: 9090\n"
		"    name: metrics\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"data:\n"
		"  url: http://a.b.c:80/path\n"
		"  num: \"42\"\n"
		"  key: val\n",
		"replacements:\n"
		"- source: {kind: Service}\n"
		"  targets:\n"
		"  - select: {kind: Deployment}\n"
		"    fieldPaths: [\"spec.template.spec.containers.[name=^ap$].image\"]\n",
		NULL,
		NULL,
		NULL,
		NULL,
		"unable to find field \"spec.template.spec.containers.[name=^ap$].image\" in replacement target",
	},
	{
		"repl_error_target_index_too_large",
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: dep\n"
		"  labels: {app: x}\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      initContainers:\n"
		"      - name: init\n"
		"        image: nginx:1.0\n"
		"      containers:\n"
		"      - name: app\n"
		"        image: nginx:1.0\n"
		"        args: [\"--a\", \"--b\"]\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"      - name: side\n"
		"        image: busybox:2\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  name: svc\n"
		"  namespace: ns1\n"
		"  annotations: {a: b}\n"
		"spec:\n"
		"  ports:\n"
		"  - port: 8080\n"
		"    name: http\n"
		"  - port: 9090\n"
		"    name: metrics\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"data:\n"
		"  url: http://a.b.c:80/path\n"
		"  num: \"42\"\n"
		"  key: val\n",
		"replacements:\n"
		"- source: {kind: Service}\n"
		"  targets:\n"
		"  - select: {kind: Deployment}\n"
		"    fieldPaths: [spec.template.spec.containers.5.image]\n",
		NULL,
		NULL,
		NULL,
		NULL,
		"unable to find field \"spec.template.spec.containers.5.image\" in replacement target: index 5 specified but only 2 elements found",
	},
	{
		"repl_error_target_through_scalar",
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: dep\n"
		"  labels: {app: x}\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      initContainers:\n"
		"      - name: init\n"
		"        image: nginx:1.0\n"
		"      containers:\n"
		"      - name: app\n"
		"        image: nginx:1.0\n"
		"        args: [\"--a\", \"--b\"]\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"      - name: side\n"
		"        image: busybox:2\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  name: svc\n"
		"  namespace: ns1\n"
		"  annotations: {a: b}\n"
		"spec:\n"
		"  ports:\n"
		"  - port: 8080\n"
		"    name: http\n"
		"  - port: 9090\n"
		"    name: metrics\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"data:\n"
		"  url: http://a.b.c:80/path\n"
		"  num: \"42\"\n"
		"  key: val\n",
		"replacements:\n"
		"- source: {kind: Service}\n"
		"  targets:\n"
		"  - select: {kind: Deployment}\n"
		"    fieldPaths: [metadata.name.x]\n"
		"    options: {create: true}\n",
		NULL,
		NULL,
		NULL,
		NULL,
		"unable to find or create field \"metadata.name.x\" in replacement target: wrong node kind: expected MappingNode but got ScalarNode",
	},
	{
		"repl_error_no_select",
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: dep\n"
		"  labels: {app: x}\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      initContainers:\n"
		"      - name: init\n"
		"        image: nginx:1.0\n"
		"      containers:\n"
		"      - name: app\n"
		"        image: nginx:1.0\n"
		"        args: [\"--a\", \"--b\"]\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"      - name: side\n"
		"        image: busybox:2\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  name: svc\n"
		"  namespace: ns1\n"
		"  annotations: {a: b}\n"
		"spec:\n"
		"  ports:\n"
		"  - port: 8080\n"
		"    name: http\n"
		"  - port: 9090\n"
		"    name: metrics\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"data:\n"
		"  url: http://a.b.c:80/path\n"
		"  num: \"42\"\n"
		"  key: val\n",
		"replacements:\n"
		"- source: {kind: Service}\n"
		"  targets:\n"
		"  - fieldPaths: [a]\n",
		NULL,
		NULL,
		NULL,
		NULL,
		"target must specify resources to select",
	},
	{
		"repl_error_no_targets",
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: dep\n"
		"  labels: {app: x}\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      initContainers:\n"
		"      - name: init\n"
		"        image: nginx:1.0\n"
		"      containers:\n"
		"      - name: app\n"
		"        image: nginx:1.0\n"
		"        args: [\"--a\", \"--b\"]\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"      - name: side\n"
		"        image: busybox:2\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  name: svc\n"
		"  namespace: ns1\n"
		"  annotations: {a: b}\n"
		"spec:\n"
		"  ports:\n"
		"  - port: 8080\n"
		"    name: http\n"
		"  - port: 9090\n"
		"    name: metrics\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"data:\n"
		"  url: http://a.b.c:80/path\n"
		"  num: \"42\"\n"
		"  key: val\n",
		"replacements:\n"
		"- source: {kind: Service}\n"
		"  targets: []\n",
		NULL,
		NULL,
		NULL,
		NULL,
		"replacements must specify a source and at least one target",
	},
	{
		"repl_error_option_type",
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: dep\n"
		"  labels: {app: x}\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      initContainers:\n"
		"      - name: init\n"
		"        image: nginx:1.0\n"
		"      containers:\n"
		"      - name: app\n"
		"        image: nginx:1.0\n"
		"        args: [\"--a\", \"--b\"]\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"      - name: side\n"
		"        image: busybox:2\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  name: svc\n"
		"  namespace: ns1\n"
		"  annotations: {a: b}\n"
		"spec:\n"
		"  ports:\n"
		"  - port: 8080\n"
		"    name: http\n"
		"  - port: 9090\n"
		"    name: metrics\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"data:\n"
		"  url: http://a.b.c:80/path\n"
		"  num: \"42\"\n"
		"  key: val\n",
		"replacements:\n"
		"- source: {kind: Service}\n"
		"  targets:\n"
		"  - select: {kind: ConfigMap}\n"
		"    fieldPaths: [data.key]\n"
		"    options: {index: \"1\"}\n",
		NULL,
		NULL,
		NULL,
		NULL,
		"json: cannot unmarshal string into Go struct field FieldOptions.replacements.targets.options.index of type int",
	},
	{
		"repl_map_and_list_values",
		/* a map replaces a map; a list into a scalar leaves its (empty) text */
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: dep\n"
		"  labels: {app: x}\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      initContainers:\n"
		"      - name: init\n"
		"        image: nginx:1.0\n"
		"      containers:\n"
		"      - name: app\n"
		"        image: nginx:1.0\n"
		"        args: [\"--a\", \"--b\"]\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"      - name: side\n"
		"        image: busybox:2\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  name: svc\n"
		"  namespace: ns1\n"
		"  annotations: {a: b}\n"
		"spec:\n"
		"  ports:\n"
		"  - port: 8080\n"
		"    name: http\n"
		"  - port: 9090\n"
		"    name: metrics\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"data:\n"
		"  url: http://a.b.c:80/path\n"
		"  num: \"42\"\n"
		"  key: val\n",
		"replacements:\n"
		"- source: {kind: Service, fieldPath: metadata.annotations}\n"
		"  targets:\n"
		"  - select: {kind: ConfigMap}\n"
		"    fieldPaths: [data]\n"
		"- source: {kind: Deployment, fieldPath: spec.template.spec.containers.0.args}\n"
		"  targets:\n"
		"  - select: {kind: Service}\n"
		"    fieldPaths: [spec.ports.0.name]\n",
		NULL,
		NULL,
		NULL,
		"apiVersion: v1\n"
		"data:\n"
		"  a: b\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  annotations:\n"
		"    a: b\n"
		"  name: svc\n"
		"  namespace: ns1\n"
		"spec:\n"
		"  ports:\n"
		"  - name: \"\"\n"
		"    port: 8080\n"
		"  - name: metrics\n"
		"    port: 9090\n"
		"---\n"
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  labels:\n"
		"    app: x\n"
		"  name: dep\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      containers:\n"
		"      - args:\n"
		"        - --a\n"
		"        - --b\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"        image: nginx:1.0\n"
		"        name: app\n"
		"      - env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n"
		"        image: busybox:2\n"
		"        name: side\n"
		"      initContainers:\n"
		"      - image: nginx:1.0\n"
		"        name: init\n",
		NULL,
	},
	{
		"repl_bracketed_map_key",
		"apiVersion: v1\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"  annotations:\n"
		"    a.b.c: dotted\n"
		"data:\n"
		"  key: val\n"
		"  k2: v2\n",
		"replacements:\n"
		"- source: {kind: ConfigMap, fieldPath: \"metadata.annotations.[a.b.c]\"}\n"
		"  targets:\n"
		"  - select: {kind: ConfigMap}\n"
		"    fieldPaths: [data.key, .data.k2]\n",
		NULL,
		NULL,
		NULL,
		"apiVersion: v1\n"
		"data:\n"
		"  k2: dotted\n"
		"  key: dotted\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  annotations:\n"
		"    a.b.c: dotted\n"
		"  name: cm\n",
		NULL,
	},
	{
		"repl_from_file_list",
		/* files are decoded loosely (unknown fields ignored, YAML 1.1 booleans) */
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: dep\n"
		"  labels: {app: x}\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      initContainers:\n"
		"      - name: init\n"
		"        image: nginx:1.0\n"
		"      containers:\n"
		"      - name: app\n"
		"        image: nginx:1.0\n"
		"        args: [\"--a\", \"--b\"]\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"      - name: side\n"
		"        image: busybox:2\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  name: svc\n"
		"  namespace: ns1\n"
		"  annotations: {a: b}\n"
		"spec:\n"
		"  ports:\n"
		"  - port: 8080\n"
		"    name: http\n"
		"  - port: 9090\n"
		"    name: metrics\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"data:\n"
		"  url: http://a.b.c:80/path\n"
		"  num: \"42\"\n"
		"  key: val\n",
		"replacements:\n"
		"- path: repl.yaml\n",
		NULL,
		"repl.yaml",
		"- source: {kind: Service}\n"
		"  targets:\n"
		"  - select: {kind: ConfigMap}\n"
		"    fieldPaths: [data.key]\n"
		"- source: {kind: Service}\n"
		"  unknown: ignored\n"
		"  targets:\n"
		"  - select: {kind: ConfigMap}\n"
		"    fieldPaths: [data.new]\n"
		"    options: {create: yes}\n",
		"apiVersion: v1\n"
		"data:\n"
		"  key: svc\n"
		"  new: svc\n"
		"  num: \"42\"\n"
		"  url: http://a.b.c:80/path\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  annotations:\n"
		"    a: b\n"
		"  name: svc\n"
		"  namespace: ns1\n"
		"spec:\n"
		"  ports:\n"
		"  - name: http\n"
		"    port: 8080\n"
		"  - name: metrics\n"
		"    port: 9090\n"
		"---\n"
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  labels:\n"
		"    app: x\n"
		"  name: dep\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      containers:\n"
		"      - args:\n"
		"        - --a\n"
		"        - --b\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"        image: nginx:1.0\n"
		"        name: app\n"
		"      - env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n"
		"        image: busybox:2\n"
		"        name: side\n"
		"      initContainers:\n"
		"      - image: nginx:1.0\n"
		"        name: init\n",
		NULL,
	},
	{
		"repl_from_file_single",
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: dep\n"
		"  labels: {app: x}\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      initContainers:\n"
		"      - name: init\n"
		"        image: nginx:1.0\n"
		"      containers:\n"
		"      - name: app\n"
		"        image: nginx:1.0\n"
		"        args: [\"--a\", \"--b\"]\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"      - name: side\n"
		"        image: busybox:2\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  name: svc\n"
		"  namespace: ns1\n"
		"  annotations: {a: b}\n"
		"spec:\n"
		"  ports:\n"
		"  - port: 8080\n"
		"    name: http\n"
		"  - port: 9090\n"
		"    name: metrics\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"data:\n"
		"  url: http://a.b.c:80/path\n"
		"  num: \"42\"\n"
		"  key: val\n",
		"replacements:\n"
		"- path: repl.yaml\n",
		NULL,
		"repl.yaml",
		"source:\n"
		"  kind: Deployment\n"
		"  fieldPath: spec.template.spec.containers.0.image\n"
		"targets:\n"
		"- select:\n"
		"    kind: Deployment\n"
		"  fieldPaths:\n"
		"  - spec.template.spec.containers.1.image\n",
		"apiVersion: v1\n"
		"data:\n"
		"  key: val\n"
		"  num: \"42\"\n"
		"  url: http://a.b.c:80/path\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  annotations:\n"
		"    a: b\n"
		"  name: svc\n"
		"  namespace: ns1\n"
		"spec:\n"
		"  ports:\n"
		"  - name: http\n"
		"    port: 8080\n"
		"  - name: metrics\n"
		"    port: 9090\n"
		"---\n"
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  labels:\n"
		"    app: x\n"
		"  name: dep\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      containers:\n"
		"      - args:\n"
		"        - --a\n"
		"        - --b\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"        image: nginx:1.0\n"
		"        name: app\n"
		"      - env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n"
		"        image: nginx:1.0\n"
		"        name: side\n"
		"      initContainers:\n"
		"      - image: nginx:1.0\n"
		"        name: init\n",
		NULL,
	},
	{
		"repl_error_file_type",
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: dep\n"
		"  labels: {app: x}\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      initContainers:\n"
		"      - name: init\n"
		"        image: nginx:1.0\n"
		"      containers:\n"
		"      - name: app\n"
		"        image: nginx:1.0\n"
		"        args: [\"--a\", \"--b\"]\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"      - name: side\n"
		"        image: busybox:2\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  name: svc\n"
		"  namespace: ns1\n"
		"  annotations: {a: b}\n"
		"spec:\n"
		"  ports:\n"
		"  - port: 8080\n"
		"    name: http\n"
		"  - port: 9090\n"
		"    name: metrics\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"data:\n"
		"  url: http://a.b.c:80/path\n"
		"  num: \"42\"\n"
		"  key: val\n",
		"replacements:\n"
		"- path: repl.yaml\n",
		NULL,
		"repl.yaml",
		"source: {kind: 5}\n"
		"targets:\n"
		"- select: {kind: ConfigMap}\n",
		NULL,
		"error unmarshaling JSON: while decoding JSON: json: cannot unmarshal number into Go struct field SourceSelector.source.kind of type string",
	},
	{
		"repl_error_file_scalar",
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: dep\n"
		"  labels: {app: x}\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      initContainers:\n"
		"      - name: init\n"
		"        image: nginx:1.0\n"
		"      containers:\n"
		"      - name: app\n"
		"        image: nginx:1.0\n"
		"        args: [\"--a\", \"--b\"]\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"      - name: side\n"
		"        image: busybox:2\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  name: svc\n"
		"  namespace: ns1\n"
		"  annotations: {a: b}\n"
		"spec:\n"
		"  ports:\n"
		"  - port: 8080\n"
		"    name: http\n"
		"  - port: 9090\n"
		"    name: metrics\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"data:\n"
		"  url: http://a.b.c:80/path\n"
		"  num: \"42\"\n"
		"  key: val\n",
		"replacements:\n"
		"- path: repl.yaml\n",
		NULL,
		"repl.yaml",
		"5\n",
		NULL,
		"unsupported replacement type encountered within replacement path: float64",
	},
	{
		"repl_error_path_and_inline",
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: dep\n"
		"  labels: {app: x}\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      initContainers:\n"
		"      - name: init\n"
		"        image: nginx:1.0\n"
		"      containers:\n"
		"      - name: app\n"
		"        image: nginx:1.0\n"
		"        args: [\"--a\", \"--b\"]\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"      - name: side\n"
		"        image: busybox:2\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata:\n"
		"  name: svc\n"
		"  namespace: ns1\n"
		"  annotations: {a: b}\n"
		"spec:\n"
		"  ports:\n"
		"  - port: 8080\n"
		"    name: http\n"
		"  - port: 9090\n"
		"    name: metrics\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"data:\n"
		"  url: http://a.b.c:80/path\n"
		"  num: \"42\"\n"
		"  key: val\n",
		"replacements:\n"
		"- path: repl.yaml\n"
		"  source: {kind: Service}\n",
		NULL,
		"repl.yaml",
		"{}\n",
		NULL,
		"cannot specify both path and inline replacement",
	},
	{
		"images_error_invalid_regexp",
		/* kustomize v5.5.0 panics on this name; strata reports it */
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: dep\n"
		"  labels: {app: x}\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      initContainers:\n"
		"      - name: init\n"
		"        image: nginx:1.0\n"
		"      containers:\n"
		"      - name: app\n"
		"        image: nginx:1.0\n"
		"        args: [\"--a\", \"--b\"]\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"      - name: side\n"
		"        image: busybox:2\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n",
		"images:\n"
		"- name: \"[\"\n"
		"  newTag: v2\n",
		NULL,
		NULL,
		NULL,
		NULL,
		"is not a valid regular expression",
	},
	{
		"repl_namespace_default_even_cluster_scoped",
		/* an empty namespace counts as default, for cluster-scoped kinds too */
		"apiVersion: rbac.authorization.k8s.io/v1\n"
		"kind: ClusterRole\n"
		"metadata: {name: cr}\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: ConfigMap\n"
		"metadata: {name: cm, namespace: default}\n"
		"data: {k: v, k2: v}\n",
		"replacements:\n"
		"- source: {kind: ClusterRole, group: rbac.authorization.k8s.io, version: v1, namespace: default}\n"
		"  targets:\n"
		"  - select: {kind: ConfigMap, version: v1, namespace: default}\n"
		"    fieldPaths: [data.k]\n"
		"  - select: {kind: ClusterRole, namespace: x}\n"
		"    fieldPaths: [metadata.annotations.x]\n"
		"    options: {create: true}\n"
		"  - select: {namespace: default}\n"
		"    reject: [{kind: ConfigMap}]\n"
		"    fieldPaths: [metadata.annotations.y]\n"
		"    options: {create: true}\n",
		NULL,
		NULL,
		NULL,
		"apiVersion: rbac.authorization.k8s.io/v1\n"
		"kind: ClusterRole\n"
		"metadata:\n"
		"  annotations:\n"
		"    \"y\": cr\n"
		"  name: cr\n"
		"---\n"
		"apiVersion: v1\n"
		"data:\n"
		"  k: cr\n"
		"  k2: v\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"  namespace: default\n",
		NULL,
	},
	{
		"repl_error_cluster_scoped_other_namespace",
		"apiVersion: rbac.authorization.k8s.io/v1\n"
		"kind: ClusterRole\n"
		"metadata: {name: cr}\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: ConfigMap\n"
		"metadata: {name: cm, namespace: default}\n"
		"data: {k: v, k2: v}\n",
		"replacements:\n"
		"- source: {kind: ClusterRole, group: rbac.authorization.k8s.io, version: v1, namespace: whatever}\n"
		"  targets:\n"
		"  - select: {kind: ConfigMap}\n"
		"    fieldPaths: [data.k]\n",
		NULL,
		NULL,
		NULL,
		NULL,
		"nothing selected by ClusterRole.v1.rbac.authorization.k8s.io/[noName].whatever",
	},
	{
		"images_error_infinite_tag",
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: dep\n"
		"  labels: {app: x}\n"
		"spec:\n"
		"  replicas: 2\n"
		"  template:\n"
		"    spec:\n"
		"      initContainers:\n"
		"      - name: init\n"
		"        image: nginx:1.0\n"
		"      containers:\n"
		"      - name: app\n"
		"        image: nginx:1.0\n"
		"        args: [\"--a\", \"--b\"]\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: old.example.com\n"
		"        - name: PORT\n"
		"          value: \"1\"\n"
		"      - name: side\n"
		"        image: busybox:2\n"
		"        env:\n"
		"        - name: HOST\n"
		"          value: side.example.com\n",
		"images:\n"
		"- name: nginx\n"
		"  newTag: .inf\n",
		NULL,
		NULL,
		NULL,
		NULL,
		"json: unsupported value: +Inf",
	},
	{
		"repl_created_list_elements_are_untagged",
		/* made elements are plain scalars: the string "5" lands as the number 5 */
		"apiVersion: v1\n"
		"kind: Foo\n"
		"metadata: {name: f}\n"
		"spec:\n"
		"  l: [a]\n"
		"  m: [{name: x}]\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: ConfigMap\n"
		"metadata: {name: cm}\n"
		"data: {n: \"5\"}\n",
		"replacements:\n"
		"- source: {kind: ConfigMap, fieldPath: data.n}\n"
		"  targets:\n"
		"  - select: {kind: Foo}\n"
		"    fieldPaths:\n"
		"    - spec.l.[=z]\n"
		"    - spec.m.[name=7].v\n"
		"    - spec.m.[name=y]\n"
		"    - spec.q.[=w]\n"
		"    options: {create: true}\n",
		NULL,
		NULL,
		NULL,
		"apiVersion: v1\n"
		"data:\n"
		"  \"n\": \"5\"\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cm\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Foo\n"
		"metadata:\n"
		"  name: f\n"
		"spec:\n"
		"  l:\n"
		"  - a\n"
		"  - 5\n"
		"  m:\n"
		"  - name: x\n"
		"  - name: 7\n"
		"    v: 5\n"
		"  - \"5\"\n"
		"  q:\n"
		"  - 5\n",
		NULL,
	},
};

static parse_docs parse(arena *a, const char *file, const char *text)
{
	parse_docs d;
	err e = ERR_INIT;
	if (parse_yaml(a, file, text, strlen(text), &d, &e))
		fail_msg("%s: %s", file, e.msg);
	return d;
}

static void load(arena *a, const xcase *c, resmap *m)
{
	parse_docs d = parse(a, "r.yaml", c->resources);
	err e = ERR_INIT;
	for (size_t i = 0; i < d.n; i++) {
		resource *r = res_new(a, d.v[i], "r.yaml", &e);
		assert_non_null(r);
		resmap_push(a, m, r);
	}
	for (size_t i = 0; c->prefix && i < m->n; i++) {
		resource *r = m->v[i];
		res_store_prev_id(a, r);
		node *md = node_get(r->obj, "metadata");
		node_set_str(a, md, "name",
			     arena_sprintf(a, "%s%s", c->prefix, node_get_str(md, "name")));
	}
}

struct file_ctx {
	const xcase *c;
	int reads;
};

static int read_file(void *ctx, const node *entry, const char **display, char **data,
		     size_t *len, err *e)
{
	struct file_ctx *fc = ctx;
	if (!fc->c->file || strcmp(entry->str.s, fc->c->file))
		return err_set(e, "no file %s", entry->str.s);
	fc->reads++;
	*display = fc->c->file;
	*data = strdup(fc->c->file_text);
	*len = strlen(fc->c->file_text);
	return 0;
}

/* The transformers in kustomize's order: replicas, images, replacements. */
static int transform(arena *a, const xcase *c, resmap *m, err *e)
{
	node *k = parse(a, "kustomization.yaml", c->kust).v[0];
	fieldspec_config cfg;
	fieldspec_config_default(&cfg);
	struct file_ctx fc = {c, 0};
	node *f;
	if ((f = node_get(k, "replicas")) && xform_replicas(a, m, f, &cfg, e))
		return -1;
	if ((f = node_get(k, "images")) && xform_images(a, m, f, &cfg, NULL, e))
		return -1;
	if ((f = node_get(k, "replacements")) &&
	    xform_replacements(a, m, f, read_file, &fc, e))
		return -1;
	return 0;
}

/* kustomize prints annotations as strings and drops an empty map. */
static void normalise_annotations(arena *a, node *obj)
{
	node *md = node_get(obj, "metadata");
	node *an = node_get(md, "annotations");
	if (!an)
		return;
	if (an->kind == NODE_MAP)
		for (uint32_t i = 0; i < an->map.n; i++) {
			node *v = an->map.v[i].val;
			if (node_is_scalar(v))
				an->map.v[i].val = node_strn(a, v->str.s, v->str.len);
		}
	if (an->kind == NODE_NULL || (an->kind == NODE_MAP && !an->map.n))
		node_del(md, "annotations");
}

static resource *find(const resmap *m, const node *want)
{
	for (size_t i = 0; i < m->n; i++) {
		node *o = m->v[i]->obj;
		if (node_str_is(node_get(o, "kind"), node_get_str(want, "kind")) &&
		    node_str_is(node_dig(o, "metadata", "name", NULL),
				node_get_str(node_get(want, "metadata"), "name")))
			return m->v[i];
	}
	return NULL;
}

static void run_case(const xcase *c)
{
	arena *a = arena_new();
	resmap m = {0};
	err e = ERR_INIT;
	load(a, c, &m);
	int rc = transform(a, c, &m, &e);
	if (c->err) {
		assert_int_equal(rc, -1);
		if (!strstr(e.msg, c->err))
			fail_msg("%s: error \"%s\" lacks \"%s\"", c->name, e.msg, c->err);
		err_clear(&e);
		arena_free(a);
		return;
	}
	if (rc)
		fail_msg("%s: %s", c->name, e.msg);
	parse_docs want = parse(a, "expected.yaml", c->expect);
	assert_int_equal(want.n, m.n);
	for (size_t i = 0; i < want.n; i++) {
		resource *r = find(&m, want.v[i]);
		assert_non_null(r);
		normalise_annotations(a, r->obj);
		if (!node_equal(r->obj, want.v[i]))
			fail_msg("%s: object %zu differs from kubectl's output", c->name, i);
	}
	arena_free(a);
}

static void test_images_init_containers(void **state)
{
	(void)state;
	run_case(&CASES[0]);
}

static void test_images_cronjob_walk_only(void **state)
{
	(void)state;
	run_case(&CASES[1]);
}

static void test_images_custom_kind_both_passes(void **state)
{
	(void)state;
	run_case(&CASES[2]);
}

static void test_images_tag_suffix_twice(void **state)
{
	(void)state;
	run_case(&CASES[3]);
}

static void test_images_digest_replaces_tag(void **state)
{
	(void)state;
	run_case(&CASES[4]);
}

static void test_images_name_is_anchored(void **state)
{
	(void)state;
	run_case(&CASES[5]);
}

static void test_images_name_is_a_regexp(void **state)
{
	(void)state;
	run_case(&CASES[6]);
}

static void test_images_registry_port(void **state)
{
	(void)state;
	run_case(&CASES[7]);
}

static void test_images_crd_skipped(void **state)
{
	(void)state;
	run_case(&CASES[8]);
}

static void test_images_field_names_any_case(void **state)
{
	(void)state;
	run_case(&CASES[9]);
}

static void test_images_new_text_keeps_quotes(void **state)
{
	(void)state;
	run_case(&CASES[10]);
}

static void test_images_null_container_list(void **state)
{
	(void)state;
	run_case(&CASES[11]);
}

static void test_images_error_image_not_scalar(void **state)
{
	(void)state;
	run_case(&CASES[12]);
}

static void test_images_error_container_not_map(void **state)
{
	(void)state;
	run_case(&CASES[13]);
}

static void test_images_error_number_tag(void **state)
{
	(void)state;
	run_case(&CASES[14]);
}

static void test_images_error_unknown_field(void **state)
{
	(void)state;
	run_case(&CASES[15]);
}

static void test_images_error_not_a_list(void **state)
{
	(void)state;
	run_case(&CASES[16]);
}

static void test_replicas_kinds_and_creation(void **state)
{
	(void)state;
	run_case(&CASES[17]);
}

static void test_replicas_previous_name(void **state)
{
	(void)state;
	run_case(&CASES[18]);
}

static void test_replicas_error_no_match(void **state)
{
	(void)state;
	run_case(&CASES[19]);
}

static void test_replicas_error_count_string(void **state)
{
	(void)state;
	run_case(&CASES[20]);
}

static void test_replicas_error_count_fraction(void **state)
{
	(void)state;
	run_case(&CASES[21]);
}

static void test_replicas_count_whole_float(void **state)
{
	(void)state;
	run_case(&CASES[22]);
}

static void test_replicas_error_not_scalar(void **state)
{
	(void)state;
	run_case(&CASES[23]);
}

static void test_replicas_plain_string_becomes_int(void **state)
{
	(void)state;
	run_case(&CASES[24]);
}

static void test_repl_name_into_env_value(void **state)
{
	(void)state;
	run_case(&CASES[25]);
}

static void test_repl_into_annotations_create(void **state)
{
	(void)state;
	run_case(&CASES[26]);
}

static void test_repl_int_into_string_field(void **state)
{
	(void)state;
	run_case(&CASES[27]);
}

static void test_repl_created_fields_are_read_again(void **state)
{
	(void)state;
	run_case(&CASES[28]);
}

static void test_repl_error_text_into_int_field(void **state)
{
	(void)state;
	run_case(&CASES[29]);
}

static void test_repl_error_into_null_field(void **state)
{
	(void)state;
	run_case(&CASES[30]);
}

static void test_repl_source_delimiter(void **state)
{
	(void)state;
	run_case(&CASES[31]);
}

static void test_repl_target_delimiter(void **state)
{
	(void)state;
	run_case(&CASES[32]);
}

static void test_repl_error_source_index_out_of_bounds(void **state)
{
	(void)state;
	run_case(&CASES[33]);
}

static void test_repl_wildcard(void **state)
{
	(void)state;
	run_case(&CASES[34]);
}

static void test_repl_list_selector_is_unanchored_regexp(void **state)
{
	(void)state;
	run_case(&CASES[35]);
}

static void test_repl_error_source_selector_is_exact(void **state)
{
	(void)state;
	run_case(&CASES[36]);
}

static void test_repl_create_list_elements(void **state)
{
	(void)state;
	run_case(&CASES[37]);
}

static void test_repl_reject_and_label_selectors(void **state)
{
	(void)state;
	run_case(&CASES[38]);
}

static void test_repl_reject_by_previous_name(void **state)
{
	(void)state;
	run_case(&CASES[39]);
}

static void test_repl_source_by_previous_name(void **state)
{
	(void)state;
	run_case(&CASES[40]);
}

static void test_repl_source_namespace_default(void **state)
{
	(void)state;
	run_case(&CASES[41]);
}

static void test_repl_error_missing_source_field(void **state)
{
	(void)state;
	run_case(&CASES[42]);
}

static void test_repl_error_multiple_matches(void **state)
{
	(void)state;
	run_case(&CASES[43]);
}

static void test_repl_error_nothing_selected(void **state)
{
	(void)state;
	run_case(&CASES[44]);
}

static void test_repl_error_target_field_missing(void **state)
{
	(void)state;
	run_case(&CASES[45]);
}

static void test_repl_error_target_index_too_large(void **state)
{
	(void)state;
	run_case(&CASES[46]);
}

static void test_repl_error_target_through_scalar(void **state)
{
	(void)state;
	run_case(&CASES[47]);
}

static void test_repl_error_no_select(void **state)
{
	(void)state;
	run_case(&CASES[48]);
}

static void test_repl_error_no_targets(void **state)
{
	(void)state;
	run_case(&CASES[49]);
}

static void test_repl_error_option_type(void **state)
{
	(void)state;
	run_case(&CASES[50]);
}

static void test_repl_map_and_list_values(void **state)
{
	(void)state;
	run_case(&CASES[51]);
}

static void test_repl_bracketed_map_key(void **state)
{
	(void)state;
	run_case(&CASES[52]);
}

static void test_repl_from_file_list(void **state)
{
	(void)state;
	run_case(&CASES[53]);
}

static void test_repl_from_file_single(void **state)
{
	(void)state;
	run_case(&CASES[54]);
}

static void test_repl_error_file_type(void **state)
{
	(void)state;
	run_case(&CASES[55]);
}

static void test_repl_error_file_scalar(void **state)
{
	(void)state;
	run_case(&CASES[56]);
}

static void test_repl_error_path_and_inline(void **state)
{
	(void)state;
	run_case(&CASES[57]);
}

static void test_images_error_invalid_regexp(void **state)
{
	(void)state;
	run_case(&CASES[58]);
}

static void test_repl_namespace_default_even_cluster_scoped(void **state)
{
	(void)state;
	run_case(&CASES[59]);
}

static void test_repl_error_cluster_scoped_other_namespace(void **state)
{
	(void)state;
	run_case(&CASES[60]);
}

static void test_images_error_infinite_tag(void **state)
{
	(void)state;
	run_case(&CASES[61]);
}

static void test_repl_created_list_elements_are_untagged(void **state)
{
	(void)state;
	run_case(&CASES[62]);
}

/* The table and the test list stay in step. */
static void test_case_table_names(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
		assert_non_null(CASES[i].name);
		assert_true(!CASES[i].expect != !CASES[i].err);
	}
}

/* Errors name the file, line and column of what is wrong. */
static void test_errors_carry_positions(void **state)
{
	(void)state;
	arena *a = arena_new();
	resmap m = {0};
	err e = ERR_INIT;
	const xcase *c = NULL;
	for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++)
		if (!strcmp(CASES[i].name, "images_error_number_tag"))
			c = &CASES[i];
	assert_non_null(c);
	load(a, c, &m);
	assert_int_equal(transform(a, c, &m, &e), -1);
	assert_true(!strncmp(e.msg, "kustomization.yaml:3:11: ", 25));
	err_clear(&e);

	c = NULL;
	for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++)
		if (!strcmp(CASES[i].name, "repl_error_text_into_int_field"))
			c = &CASES[i];
	assert_non_null(c);
	resmap m2 = {0};
	load(a, c, &m2);
	assert_int_equal(transform(a, c, &m2, &e), -1);
	assert_true(!strncmp(e.msg, "r.yaml:7:13: ", 13)); /* the Deployment's replicas */
	err_clear(&e);
	arena_free(a);
}

static void test_null_fields_do_nothing(void **state)
{
	(void)state;
	arena *a = arena_new();
	resmap m = {0};
	err e = ERR_INIT;
	fieldspec_config cfg;
	fieldspec_config_default(&cfg);
	node *null = node_new(a, NODE_NULL);
	assert_int_equal(xform_images(a, &m, NULL, &cfg, NULL, &e), 0);
	assert_int_equal(xform_images(a, &m, null, &cfg, NULL, &e), 0);
	assert_int_equal(xform_replicas(a, &m, null, &cfg, &e), 0);
	assert_int_equal(xform_replacements(a, &m, null, NULL, NULL, &e), 0);
	arena_free(a);
}

/* Files are read while configuring, before any replacement runs: a bad
 * file fails the build even though an earlier entry would fail too. */
static void test_file_read_once_before_running(void **state)
{
	(void)state;
	arena *a = arena_new();
	resmap m = {0};
	err e = ERR_INIT;
	xcase c = {"files_first", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\n",
		   "replacements:\n- source: {kind: Nope}\n  targets: [{select: {}}]\n"
		   "- path: repl.yaml\n",
		   NULL, "repl.yaml", "5\n", NULL, NULL};
	load(a, &c, &m);
	assert_int_equal(transform(a, &c, &m, &e), -1);
	assert_non_null(strstr(e.msg, "unsupported replacement type"));
	err_clear(&e);
	arena_free(a);
}

/* kubectl reports the images error first, then replacements, then
 * replicas (Go decodes keys in sorted order), before reading resources. */
static void test_values_check_order(void **state)
{
	(void)state;
	arena *a = arena_new();
	err e = ERR_INIT;
	const char *k = "resources: [missing.yaml]\n"
			"replicas:\n- name: x\n  count: \"1\"\n"
			"replacements:\n- source: {kind: 5}\n"
			"images:\n- name: 5\n";
	node *root = parse(a, "kustomization.yaml", k).v[0];
	assert_int_equal(xform_values_check(root, &e), -1);
	assert_non_null(strstr(e.msg, "json: cannot unmarshal number into Go struct field "
				      "Image.images.name of type string"));
	err_clear(&e);
	node_del(root, "images");
	assert_int_equal(xform_values_check(root, &e), -1);
	assert_non_null(strstr(e.msg, "Go struct field SourceSelector.replacements.source.kind"));
	err_clear(&e);
	node_del(root, "replacements");
	assert_int_equal(xform_values_check(root, &e), -1);
	assert_non_null(strstr(e.msg, "Go struct field Replica.replicas.count of type int64"));
	err_clear(&e);
	node_del(root, "replicas");
	assert_int_equal(xform_values_check(root, &e), 0);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_images_init_containers),
		cmocka_unit_test(test_images_cronjob_walk_only),
		cmocka_unit_test(test_images_custom_kind_both_passes),
		cmocka_unit_test(test_images_tag_suffix_twice),
		cmocka_unit_test(test_images_digest_replaces_tag),
		cmocka_unit_test(test_images_name_is_anchored),
		cmocka_unit_test(test_images_name_is_a_regexp),
		cmocka_unit_test(test_images_registry_port),
		cmocka_unit_test(test_images_crd_skipped),
		cmocka_unit_test(test_images_field_names_any_case),
		cmocka_unit_test(test_images_new_text_keeps_quotes),
		cmocka_unit_test(test_images_null_container_list),
		cmocka_unit_test(test_images_error_image_not_scalar),
		cmocka_unit_test(test_images_error_container_not_map),
		cmocka_unit_test(test_images_error_number_tag),
		cmocka_unit_test(test_images_error_unknown_field),
		cmocka_unit_test(test_images_error_not_a_list),
		cmocka_unit_test(test_replicas_kinds_and_creation),
		cmocka_unit_test(test_replicas_previous_name),
		cmocka_unit_test(test_replicas_error_no_match),
		cmocka_unit_test(test_replicas_error_count_string),
		cmocka_unit_test(test_replicas_error_count_fraction),
		cmocka_unit_test(test_replicas_count_whole_float),
		cmocka_unit_test(test_replicas_error_not_scalar),
		cmocka_unit_test(test_replicas_plain_string_becomes_int),
		cmocka_unit_test(test_repl_name_into_env_value),
		cmocka_unit_test(test_repl_into_annotations_create),
		cmocka_unit_test(test_repl_int_into_string_field),
		cmocka_unit_test(test_repl_created_fields_are_read_again),
		cmocka_unit_test(test_repl_error_text_into_int_field),
		cmocka_unit_test(test_repl_error_into_null_field),
		cmocka_unit_test(test_repl_source_delimiter),
		cmocka_unit_test(test_repl_target_delimiter),
		cmocka_unit_test(test_repl_error_source_index_out_of_bounds),
		cmocka_unit_test(test_repl_wildcard),
		cmocka_unit_test(test_repl_list_selector_is_unanchored_regexp),
		cmocka_unit_test(test_repl_error_source_selector_is_exact),
		cmocka_unit_test(test_repl_create_list_elements),
		cmocka_unit_test(test_repl_reject_and_label_selectors),
		cmocka_unit_test(test_repl_reject_by_previous_name),
		cmocka_unit_test(test_repl_source_by_previous_name),
		cmocka_unit_test(test_repl_source_namespace_default),
		cmocka_unit_test(test_repl_error_missing_source_field),
		cmocka_unit_test(test_repl_error_multiple_matches),
		cmocka_unit_test(test_repl_error_nothing_selected),
		cmocka_unit_test(test_repl_error_target_field_missing),
		cmocka_unit_test(test_repl_error_target_index_too_large),
		cmocka_unit_test(test_repl_error_target_through_scalar),
		cmocka_unit_test(test_repl_error_no_select),
		cmocka_unit_test(test_repl_error_no_targets),
		cmocka_unit_test(test_repl_error_option_type),
		cmocka_unit_test(test_repl_map_and_list_values),
		cmocka_unit_test(test_repl_bracketed_map_key),
		cmocka_unit_test(test_repl_from_file_list),
		cmocka_unit_test(test_repl_from_file_single),
		cmocka_unit_test(test_repl_error_file_type),
		cmocka_unit_test(test_repl_error_file_scalar),
		cmocka_unit_test(test_repl_error_path_and_inline),
		cmocka_unit_test(test_images_error_invalid_regexp),
		cmocka_unit_test(test_repl_namespace_default_even_cluster_scoped),
		cmocka_unit_test(test_repl_error_cluster_scoped_other_namespace),
		cmocka_unit_test(test_images_error_infinite_tag),
		cmocka_unit_test(test_repl_created_list_elements_are_untagged),
		cmocka_unit_test(test_case_table_names),
		cmocka_unit_test(test_errors_carry_positions),
		cmocka_unit_test(test_null_fields_do_nothing),
		cmocka_unit_test(test_file_read_once_before_running),
		cmocka_unit_test(test_values_check_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
