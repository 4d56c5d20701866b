/* order.h - the order kustomize prints objects in: "legacy" (by kind, from
 * fixed first/last lists, then by id), custom first/last lists, or fifo. */
#ifndef STRATA_ORDER_H
#define STRATA_ORDER_H

#include "strata/err.h"
#include "strata/node.h"
#include "strata/resource.h"

/* Sorts m per a kustomization's sortOptions map (NULL: legacy). */
int order_apply(arena *a, resmap *m, const node *sort_options, err *e);
/* Legacy order with the given kind lists (NULL lists: kustomize's defaults). */
void order_legacy(resmap *m, const char *const *first, size_t nfirst, const char *const *last,
		  size_t nlast);

#endif
