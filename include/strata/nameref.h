/* nameref.h - kustomize's name-reference fix-up: after prefixes, suffixes,
 * namespaces and content hashes have renamed objects, every field that
 * names one of them (configMapRef, serviceAccountName, roleRef, ...; the
 * nameReference field specs) is updated to the new name. */
#ifndef STRATA_NAMEREF_H
#define STRATA_NAMEREF_H

#include "strata/err.h"
#include "strata/fieldspec.h"
#include "strata/resource.h"

int nameref_fix(arena *a, resmap *m, const fieldspec_config *cfg, err *e);

#endif
