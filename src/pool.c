/* pool.c - a fork-join loop over task indexes; see pool.h.
 *
 * No queue and no condition variables: every phase strata runs in parallel
 * knows all its tasks up front, so an atomic counter is the whole
 * scheduler and the threads live only as long as the loop.
 */
#include "strata/pool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

struct loop {
	pool_task task;
	void *ctx;
	size_t n;
	atomic_size_t next;
};

struct worker {
	struct loop *l;
	size_t id;
};

static void drain(struct loop *l, size_t id)
{
	for (;;) {
		size_t i = atomic_fetch_add(&l->next, 1);
		if (i >= l->n)
			return;
		l->task(l->ctx, id, i);
	}
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	drain(w->l, w->id);
	return NULL;
}

size_t pool_workers(int jobs, size_t n)
{
	long want = jobs > 0 ? jobs : sysconf(_SC_NPROCESSORS_ONLN);
	size_t j = want > 0 ? (size_t)want : 1;
	if (j > n)
		j = n;
	return j ? j : 1;
}

void pool_run(size_t workers, size_t n, pool_task task, void *ctx)
{
	struct loop l = {task, ctx, n, 0};
	pthread_t *tid = workers > 1 ? calloc(workers, sizeof *tid) : NULL;
	struct worker *w = workers > 1 ? calloc(workers, sizeof *w) : NULL;
	size_t started = 1;
	if (tid && w) {
		/* Worker numbers stay dense: a failed start is not skipped over. */
		for (size_t j = 1; j < workers; j++) {
			w[started] = (struct worker){&l, started};
			if (pthread_create(&tid[started], NULL, worker_main, &w[started]))
				break;
			started++;
		}
	}
	drain(&l, 0);
	for (size_t j = 1; j < started; j++)
		pthread_join(tid[j], NULL);
	free(tid);
	free(w);
}

size_t pool_par_workers(const pool_par *par, size_t n)
{
	if (!par || par->jobs < 2 || n < 2 || n < par->min)
		return 1;
	return pool_workers(par->jobs, n);
}

struct each {
	pool_item fn;
	void *ctx;
	arena **wa;
	err *errs;
	atomic_size_t failed;  /* lowest failing item so far; n when none */
};

static void each_task(void *ctx, size_t worker, size_t i)
{
	struct each *s = ctx;
	/* What comes after a failure is never looked at. */
	if (i > atomic_load(&s->failed))
		return;
	if (!s->fn(s->ctx, s->wa[worker], i, &s->errs[i]))
		return;
	size_t f = atomic_load(&s->failed);
	while (i < f && !atomic_compare_exchange_weak(&s->failed, &f, i))
		;
}

int pool_each(const pool_par *par, size_t n, arena *a, pool_item fn, void *ctx, err *e)
{
	size_t workers = pool_par_workers(par, n);
	if (workers < 2) {
		for (size_t i = 0; i < n; i++)
			if (fn(ctx, a, i, e))
				return -1;
		return 0;
	}
	bool own = !par->arenas || par->narenas < workers;
	struct each s = {fn, ctx, calloc(workers, sizeof *s.wa), calloc(n, sizeof *s.errs), n};
	if (!s.wa || !s.errs)
		abort();
	for (size_t j = 0; j < workers; j++)
		s.wa[j] = own ? arena_new() : par->arenas[j];
	pool_run(workers, n, each_task, &s);
	size_t f = atomic_load(&s.failed);
	if (f < n) {
		err_clear(e);
		*e = s.errs[f];
		s.errs[f] = (err)ERR_INIT;
	}
	for (size_t i = 0; i < n; i++)
		err_clear(&s.errs[i]);
	for (size_t j = 0; own && j < workers; j++)
		arena_adopt(a, s.wa[j]);
	free(s.wa);
	free(s.errs);
	return f < n ? -1 : 0;
}

bool pool_parse_jobs(const char *arg, int *jobs)
{
	char *end;
	long n = strtol(arg, &end, 10);
	if (!*arg || *end || n < 1 || n > POOL_MAX_JOBS)
		return false;
	*jobs = (int)n;
	return true;
}
