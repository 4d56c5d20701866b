/* kinds.c - lookup in the generated kinds table. */
#include <stdlib.h>
#include <string.h>

#include "strata/kinds.h"

/* The table's order (scripts/gen-kinds): kind, group, version. */
static int row_cmp(const void *key, const void *elem)
{
	const struct kinds_row *k = key, *r = elem;
	int c = strcmp(k->kind, r->kind);
	if (!c)
		c = strcmp(k->group, r->group);
	if (!c)
		c = strcmp(k->version, r->version);
	return c;
}

bool kinds_is_cluster_scoped(const char *group, const char *version, const char *kind)
{
	struct kinds_row key = {group ? group : "", version ? version : "", kind ? kind : "", 0};
	const struct kinds_row *r =
		bsearch(&key, kinds_table, kinds_table_len, sizeof *kinds_table, row_cmp);
	return r && !r->namespaced;
}
