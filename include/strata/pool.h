/* pool.h - run n independent tasks on a few threads.
 *
 * Tasks are handed out in index order from a shared counter, so a caller
 * that needs results in order can still read them in order afterwards.
 * The calling thread is worker 0 and works too: with one job nothing is
 * started.  Per-worker state (an arena, a scratch buffer) is indexed by
 * the worker number the task receives.
 */
#ifndef STRATA_POOL_H
#define STRATA_POOL_H

#include <stdbool.h>
#include <stddef.h>

#include "strata/arena.h"
#include "strata/err.h"

typedef void (*pool_task)(void *ctx, size_t worker, size_t i);

/* How many workers n tasks get when the caller asks for jobs (0: one
 * per online core); at least 1, never more than n. */
size_t pool_workers(int jobs, size_t n);

/* Runs task(ctx, worker, i) for every i below n on up to workers threads
 * (as pool_workers gives) and returns when all are done.  A thread that
 * cannot be started leaves its share to the others. */
void pool_run(size_t workers, size_t n, pool_task task, void *ctx);

/* How far one step of a build may spread: its threads, and the smallest
 * input worth them (below it one thread does all). */
typedef struct pool_par {
	int jobs;
	size_t min;
	/* An arena per worker that the caller keeps (and frees or adopts),
	 * so that step after step fills the same memory; NULL: each step
	 * makes its own and hands it to its arena. */
	arena *const *arenas;
	size_t narenas;
} pool_par;

/* Workers for n items under par (NULL: one). */
size_t pool_par_workers(const pool_par *par, size_t n);

/* One item of pool_each: allocates in a (the worker's arena), reports
 * failure in e. */
typedef int (*pool_item)(void *ctx, arena *a, size_t i, err *e);

/* fn for items 0..n-1, which must be independent of each other, as a loop
 * would run them: on one thread in a, or on par's workers, each in its
 * arena of par's, or in one of its own handed to a afterwards.  The error is the one the loop would meet
 * first (the lowest failing item); items after it may or may not have run. */
int pool_each(const pool_par *par, size_t n, arena *a, pool_item fn, void *ctx, err *e);

/* The argument of -j/--jobs: 1 to POOL_MAX_JOBS; false if it is not. */
#define POOL_MAX_JOBS 1024
bool pool_parse_jobs(const char *arg, int *jobs);

#endif
