/* nameref.h - kustomize's name-reference fix-up: after prefixes, suffixes,
 * namespaces and content hashes have renamed objects, every field that
 * names one of them (configMapRef, serviceAccountName, roleRef, ...; the
 * nameReference field specs) is updated to the new name. */
#ifndef STRATA_NAMEREF_H
#define STRATA_NAMEREF_H

#include "strata/err.h"
#include "strata/fieldspec.h"
#include "strata/pool.h"
#include "strata/resource.h"

/* par (NULL: one thread) spreads the referrers over threads, with the
 * same result and the same first error as on one. */
int nameref_fix(arena *a, resmap *m, const fieldspec_config *cfg, const pool_par *par, err *e);

#endif
