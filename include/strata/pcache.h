/* pcache.h - YAML parsed once per process, shared between its builds.
 *
 * diff, check and lift render many profiles and kustomizations that read
 * the same files: the bases every overlay shares, and every file two
 * revisions have in common.  A cache keeps each successful parse under
 * its text, its display name and its limits; a later parse of the same
 * gets a copy of the kept documents in its own arena (builds change their
 * trees in place), which costs a fraction of parsing.  Keyed by content,
 * not by path: a file that differs between revisions, or that a command
 * rewrote, is simply another entry.  Failed parses are not kept; their
 * text is parsed again, errors and all.
 *
 * One cache belongs to one command, which frees it once its builds are
 * done: what a parse returns is the caller's own, text included.  Safe to
 * use from several threads at once.
 */
#ifndef STRATA_PCACHE_H
#define STRATA_PCACHE_H

#include <stddef.h>

#include "strata/arena.h"
#include "strata/err.h"
#include "strata/parse.h"

typedef struct pcache pcache;

pcache *pcache_new(void);
void pcache_free(pcache *c);

/* parse_yaml_limits(a, file, data, len, lim, out, e), through c when c is
 * not NULL.  The documents are the caller's own either way. */
int pcache_parse(pcache *c, arena *a, const char *file, const char *data, size_t len,
		 const parse_limits *lim, parse_docs *out, err *e);

/* Parses done and parses saved, for reports and tests. */
void pcache_stats(pcache *c, size_t *parsed, size_t *reused);

#endif
