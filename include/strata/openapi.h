/* openapi.h - a kustomization's `openapi:` and `crds:` fields.
 *
 * openapi: {path: FILE} gives kustomize an OpenAPI (swagger) document to
 * use instead of its built-in Kubernetes schema when it merges strategic-
 * merge patches; openapi: {version: v1.21.2} names the built-in one.  kyaml
 * keeps one schema per process, and this module reproduces how it evolves
 * during a build (all settled against `kubectl kustomize`):
 *
 * - the top kustomization chooses first; when it says nothing, the first
 *   kustomization reached (base, component, plugin-config directory) whose
 *   field chooses something wins, and every later choice is ignored, though
 *   a later path must still name a readable file;
 * - the choice is read lazily, the first time anything needs the schema:
 *   a strategic-merge patch, or any object whose apiVersion/kind is not in
 *   kyaml's precomputed scope table (kinds_table).  Reading adds to what is
 *   already loaded: when the built-in schema was read before a custom one
 *   is chosen, built-in kinds keep their merge keys; otherwise a custom
 *   schema replaces the built-in one, and a Deployment's containers are
 *   then replaced by a patch rather than merged;
 * - a custom file that cannot be read as a schema fails at that first use
 *   (kustomize panics there), so a build that never needs it succeeds.
 *
 * A custom document is turned into the list-merge rules patch_smp uses:
 * every definition carrying x-kubernetes-group-version-kind (each listed
 * GVK) is walked through `properties` and, below lists whose
 * x-kubernetes-patch-strategy contains "merge", through `items`, following
 * "#/definitions/..." references.  As in kyaml, a property that is a $ref
 * is replaced by its target, losing a strategy written beside the $ref;
 * x-kubernetes-list-map-keys beats x-kubernetes-patch-merge-key.
 *
 * crds: [FILE...] are OpenAPI definition maps as Go's openapi-gen writes
 * them ({"pkg.Type": {"Schema": {...}, "Dependencies": [...]}}); types with
 * kind, apiVersion and metadata properties add field specs for their kind
 * (the last dotted part of the type name): x-kubernetes-annotation
 * (commonAnnotations), x-kubernetes-label-selector (commonLabels),
 * x-kubernetes-identity (namePrefix) and x-kubernetes-object-ref-kind /
 * -api-version / -name-key (nameReference), following $refs to other types
 * of the same file.
 */
#ifndef STRATA_OPENAPI_H
#define STRATA_OPENAPI_H

#include <stdbool.h>
#include <stddef.h>

#include "strata/arena.h"
#include "strata/err.h"
#include "strata/fieldspec.h"
#include "strata/node.h"
#include "strata/patch_smp.h"

struct build;
struct kust;

/* The schema state of one build.  All zero is the start: nothing chosen,
 * nothing read. */
typedef struct openapi_state {
	bool chosen;                 /* a version or a custom file was chosen */
	const smp_schema *custom;    /* the custom schema chosen, else NULL */
	const char *custom_error;    /* why the chosen custom file is unusable */
	bool current_loaded;         /* the current choice has been read */
	bool builtin_loaded;         /* the built-in schema has been read */
	const smp_schema *custom_loaded;
	smp_opts opts;
} openapi_state;

/* A base built from state start ended in end; the build has since come
 * to now.  Whether building it from now would have ended the same, and
 * if so the state after it in *out.  True when now is start, and when no
 * schema was ever chosen (the built-in one is read or not, to the same
 * effect). */
/* No kustomization of the build has chosen a schema yet. */
bool openapi_state_plain(const openapi_state *st);
bool openapi_state_follows(const openapi_state *now, const openapi_state *start,
			   const openapi_state *end, openapi_state *out);

/* Parses an OpenAPI document (JSON or YAML, `definitions` at the top) into
 * rules, with kustomize's own Kustomization kinds added as kyaml does.
 * Errors name display and say what is wrong. */
int openapi_parse_schema(arena *a, const char *display, const char *data, size_t len,
			 smp_schema *out, err *e);

/* kyaml's SetSchema for one kustomization's `openapi` field (top: the
 * kustomization being built).  Reads the file a path names through the
 * build (load restrictions apply).  Fails on a bad field, an unreadable
 * file, an unknown version, or both version and path. */
int openapi_choose(struct build *b, const struct kust *k, bool top, err *e);

/* Something needed the schema: read the current choice if not yet done.
 * Fails when the chosen custom file is not a usable schema. */
int openapi_use(openapi_state *st, err *e);
/* An object entered the build: kyaml computes its scope, which reads the
 * schema unless apiVersion/kind is in the precomputed table. */
int openapi_note_object(openapi_state *st, const node *obj, err *e);
/* The options a strategic-merge patch runs with (this counts as a use). */
int openapi_smp_opts(openapi_state *st, const smp_opts **out, err *e);

/* One `crds:` document as a field-spec config (empty tables but for what
 * the file adds). */
int openapi_parse_crds(arena *a, const char *display, const char *data, size_t len,
		       fieldspec_config *out, err *e);
/* Every file of k's `crds:` merged into cfg, as kustomize does after the
 * kustomization's configurations. */
int openapi_load_crds(struct build *b, const struct kust *k, fieldspec_config *cfg, err *e);

#endif
