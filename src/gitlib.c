/* gitlib.c - libgit2 loaded on first use; see gitlib.h. */
#include "strata/gitlib.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#ifndef STRATA_GIT2_SONAME
#define STRATA_GIT2_SONAME "libgit2.so"
#endif

/* Written once under pthread_once, read-only afterwards. */
static struct {
	pthread_once_t once;
	gitlib fns;
	bool ok;
	char why[512]; /* when !ok: dlopen's or dlsym's complaint */
} lib = {PTHREAD_ONCE_INIT};

static void load(void)
{
	/* Never unloaded: libgit2's TLS and SSH libraries register exit
	 * handlers of their own. */
	void *h = dlopen(STRATA_GIT2_SONAME, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
	if (!h) {
		snprintf(lib.why, sizeof lib.why, "%s", dlerror());
		return;
	}
#define GITLIB_LOOKUP(f)                                                                 \
	{                                                                                  \
		void *p = dlsym(h, #f);                                                    \
		if (!p) {                                                                  \
			snprintf(lib.why, sizeof lib.why, "%s has no %s",                  \
				 STRATA_GIT2_SONAME, #f);                                  \
			return;                                                            \
		}                                                                          \
		memcpy(&lib.fns.f, &p, sizeof p);                                          \
	}
	GITLIB_FUNCTIONS(GITLIB_LOOKUP)
#undef GITLIB_LOOKUP
	lib.ok = true;
}

int gitlib_init(err *e)
{
	pthread_once(&lib.once, load);
	if (!lib.ok)
		return err_set(e, "cannot load libgit2 (%s), which Git revisions, the index and "
				  "work-tree checks need: install it (Debian: apt-get install "
				  "libgit2-dev, or the package that holds %s)",
			       lib.why, STRATA_GIT2_SONAME);
	lib.fns.git_libgit2_init();
	return 0;
}

void gitlib_shutdown(void)
{
	lib.fns.git_libgit2_shutdown();
}

const gitlib *gitlib_fns(void)
{
	return &lib.fns;
}
