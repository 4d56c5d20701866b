/* kinds.h - which built-in kinds kustomize knows to be cluster-scoped. */
#ifndef STRATA_KINDS_H
#define STRATA_KINDS_H

#include <stdbool.h>
#include <stddef.h>

struct kinds_row {
	const char *group, *version, *kind;
	int namespaced;
};

extern const struct kinds_row kinds_table[];
extern const size_t kinds_table_len;

/* true only for kinds the schema says are cluster-scoped; unknown kinds
 * (CRDs, unknown versions) are treated as namespaced, as kustomize does. */
bool kinds_is_cluster_scoped(const char *group, const char *version, const char *kind);

#endif
