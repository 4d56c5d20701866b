/* build.h - kustomize build: one kustomization directory to an ordered list
 * of objects, the way Kustomize v5.5.0 accumulates and transforms them.
 *
 * A build owns nothing but its arena; everything it reads goes through the
 * file source, so the same code builds a checkout or a Git revision.
 */
#ifndef STRATA_BUILD_H
#define STRATA_BUILD_H

#include <stdbool.h>

#include "strata/arena.h"
#include "strata/buf.h"
#include "strata/err.h"
#include "strata/fsrc.h"
#include "strata/openapi.h"
#include "strata/parse.h"
#include "strata/pool.h"
#include "strata/kust.h"
#include "strata/limits.h"
#include "strata/resource.h"

typedef struct build_opts {
	bool load_restrictions_none;  /* --load-restrictor LoadRestrictionsNone */
	const char *display_base;     /* root-relative dir paths are shown relative to */
	const char *display_root;     /* prefix for paths outside display_base ("/" or "") */
	const struct kust_edit *edit_top;  /* applied to the top kustomization (Flux) */
	size_t max_output_size;       /* build_emit refuses to write more; 0: no limit */
	int jobs;                     /* threads for bases, patches, name references
				       * and output; 0 or 1: none.  fs must then be
				       * safe to read from several threads. */
	bool par_always;              /* use them even for small inputs (tests) */
	struct pcache *pcache;        /* parses shared with other builds, or NULL */
} build_opts;

typedef struct build {
	arena *a;
	fsrc *fs;
	build_opts opts;
	buf warnings;                 /* deprecation notes for stderr, in order */
	const char **chain;           /* resolved dirs being built, for cycles */
	size_t nchain, chaincap;
	size_t ndirs;                 /* kustomizations built so far, bounded */
	limits_visits visits;         /* and how often each one */
	openapi_state openapi;        /* the schema kyaml would be using (openapi.h) */
	fieldspec_memo cfg_memo;      /* configurations merged lately (fieldspec.h) */
	unsigned meta;                /* the top's buildMetadata (origin.h flags) */
	const char *origin_dir;       /* the kustomization being built, as origins spell it */
	const res_origin *gen_origin; /* the generator running now, when tracking origins */
	arena **wa;                   /* with jobs > 1, the worker threads' arenas, one
				       * each for all the build's parallel steps; handed
				       * to a when build_run returns */
	size_t nwa;
} build;

void build_init(build *b, arena *a, fsrc *fs, const build_opts *opts);
void build_release(build *b);
/* Builds the kustomization in dir (root-relative) into out, sorted as
 * kustomize prints it. */
int build_run(build *b, const char *dir, resmap *out, err *e);
/* kustomize's YAML stream for the built objects. */
int build_emit(build *b, const resmap *m, buf *out, err *e);
/* m's objects as one YAML stream ("---" lines between them) appended to
 * out, on up to jobs threads (0: one per core) when there are at least min.
 * 0 when all are printed; otherwise *at is the first object, in order,
 * that could not be printed (-1, e set) or whose end took out past limit
 * bytes (1; limit 0 is none). */
int build_emit_stream(const resmap *m, int jobs, size_t min, size_t limit, buf *out, size_t *at,
		      err *e);
/* Reads the file a kustomization entry (a string node) names, relative to
 * the kustomization in kdir, under the load restriction. */
int build_read_entry(build *b, const char *kdir, const node *entry, const char **path_out,
		     char **data, size_t *len, err *e);
/* Parses text into resources (List kinds expanded); display names the source. */
int build_text_to_resources(build *b, const char *display, const char *data, size_t len,
			    resmap *out, err *e);
/* The same for documents already parsed (they become the objects). */
int build_docs_to_resources(build *b, parse_docs *docs, const char *source, resmap *out,
			    err *e);
/* Generates one ConfigMap or Secret from generator args (the fields of a
 * configMapGenerator entry) for the kustomization in kdir, merging into m. */
int build_generate(build *b, const char *kdir, const char *kdisplay, const char *kind,
		   const node *args, resmap *m, err *e);
/* Puts the built objects into the form kustomize prints (annotations as
 * strings, internal ones gone), as build_emit does before printing. */
void build_normalise(build *b, const resmap *m);
/* Builds for n worker threads that share b's work: each has b's options
 * (jobs 1), position (chain, schema state, origins) and an arena of its
 * own.  b itself must not change while they run. */
build *build_fork(build *b, size_t n);
/* Frees the workers (their arenas are b's worker arenas, which keep what
 * they made until build_run hands them to b's arena).  Their warnings are
 * dropped: the caller takes what it wants first. */
void build_join(build *w, size_t n);
/* Inputs (objects, or patches entries times four) smaller than this run
 * on one thread even with jobs > 1: threads would cost more than they
 * save.  build_par_min is 0 with par_always. */
#define BUILD_PAR_MIN 64
size_t build_par_min(const build *b);
/* The same as a pool_par: b's jobs, that minimum and b's worker arenas. */
pool_par build_par(build *b);
/* How a root-relative path is shown to people. */
const char *build_display(const build *b, const char *path);

#endif
