/* render.h - everything Flux would apply for one profile.
 *
 * A profile directory is built the way Flux builds a Kustomization's path;
 * every Flux Kustomization in the result is built in turn from its
 * spec.path, with Flux's own fields applied, and its output searched again
 * (profiles -> groups -> overlays).  Blocks come out in dependsOn order.
 * Everything is read through one file source rooted at the repository, so
 * a render of a Git revision is the same code over a different source.
 */
#ifndef STRATA_RENDER_H
#define STRATA_RENDER_H

#include <stdbool.h>

#include "strata/pcache.h"
#include "strata/arena.h"
#include "strata/buf.h"
#include "strata/err.h"
#include "strata/flux.h"
#include "strata/fsrc.h"
#include "strata/resource.h"
#include "strata/varsub.h"

typedef struct render_opts {
	const char *profile;       /* root-relative profile directory */
	const char *display_base;  /* root-relative dir paths are shown from ("" root) */
	const char *source;        /* KIND/NAMESPACE/NAME of the repository's source,
				      or NULL to work it out */
	bool strict;               /* unset variables without defaults are errors */
	varsub_vars cli_vars;      /* --var / --vars-file: cluster-only values */
	bool have_cli_vars;
	size_t max_output_size;    /* emitting more is an error (per file with
				      render_write_dir); 0: no limit */
	int jobs;                  /* Kustomizations built at once; 0: one per core */
	bool threaded_builds;      /* fs may be read by several threads of one
				      build: each build may use jobs threads too */
	bool par_always;           /* build_opts.par_always (tests) */
	pcache *pcache;            /* build_opts.pcache */
} render_opts;

typedef enum render_state {
	RENDER_BUILT,      /* built and printed */
	RENDER_SKIPPED,    /* its source is not this repository */
	RENDER_SELF,       /* its path is already being rendered above it */
} render_state;

typedef struct render_block {
	flux_ks *ks;          /* NULL for the profile's own objects */
	const char *dir;      /* root-relative directory built */
	render_state state;
	const char *why;      /* SKIPPED / SELF: the reason, for people */
	size_t parent;        /* block it was found in (itself for the profile) */
	resmap objs;
	arena *a;             /* a worker thread's arena, adopted by the render's */
	int rc;               /* the worker's result, err and notes, merged in order */
	err e;
	buf notes;
	/* postBuild worked out by the worker when it needs no other block
	 * (no substituteFrom): the new objects (NULL: unchanged), or the
	 * error, taken over when the dependsOn order reaches the block. */
	bool post_ready;
	node **post;
	int post_rc;
	err post_e;
} render_block;

typedef struct render {
	arena *a;
	fsrc *fs;             /* the repository, ignore rules applied */
	render_opts opts;
	render_block *v;      /* v[0] is the profile */
	size_t n, cap;
	size_t *order;        /* Kustomization blocks in dependsOn order */
	size_t norder;
	const flux_ks *sync;  /* the Kustomization whose path is the profile */
	flux_ref source;      /* the repository's own source */
	bool have_source;
	buf notes;            /* for stderr */
	int build_jobs;       /* threads each build of the current wave may use */
} render;

void render_init(render *r, arena *a, fsrc *fs, const render_opts *o);
void render_release(render *r);
/* Builds the profile and every Kustomization below it, orders them, and
 * substitutes variables. */
int render_run(render *r, err *e);
/* spec.ignore of the repository's own source object, when the render
 * found it: Flux's artifact leaves those paths out, so a caller renders
 * again over a source that hides them.  NULL when there is none. */
const char *render_source_ignore(render *r);
/* The blocks to print: everything, or the Kustomization `only` names
 * ("name" or "namespace/name") and, with deps, what it depends on.
 * Returns the count written to idx (sized r->n). */
int render_select(render *r, const char *only, bool deps, size_t *idx, size_t *n, err *e);
/* One YAML stream, a comment heading each block. */
int render_emit_yaml(render *r, const size_t *idx, size_t n, buf *out, err *e);
/* A JSON list: {"kustomization": "ns/name" or null, "path": ..., "object": ...}
 * per object, {"kustomization": ..., "skipped": reason} per skipped one. */
int render_emit_json(render *r, const size_t *idx, size_t n, buf *out, err *e);
/* One file per block below dir (dir/<namespace>/<name>.yaml; the profile's
 * own objects in the file of the Kustomization that syncs the profile, else
 * dir/_profile.yaml); stale .yaml files there are removed. */
int render_write_dir(render *r, const size_t *idx, size_t n, const char *dir, err *e);

#endif
