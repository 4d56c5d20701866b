/* fsrc_overlay.h - a file source with a few files put on top of another.
 *
 * Flux builds a Kustomization by writing its own kustomization.yaml into the
 * source directory (generated, or the repository's one with Flux's fields
 * merged in) and running kustomize there.  strata never writes into the
 * work tree: the overlay serves that file in memory and hides the other
 * spellings of a kustomization file in the same directory, so the build
 * sees exactly the tree Flux's build sees.
 */
#ifndef STRATA_FSRC_OVERLAY_H
#define STRATA_FSRC_OVERLAY_H

#include <stddef.h>

#include "strata/fsrc.h"

/* An overlay over base, which must outlive it (closing the overlay leaves
 * base open). */
fsrc *fsrc_overlay_open(fsrc *base);
/* Serves data (copied) at path, whose directory must exist in base;
 * replaces an earlier put of the same path. */
void fsrc_overlay_put(fsrc *s, const char *path, const char *data, size_t len);
/* Makes path look missing (unless it is also put). */
void fsrc_overlay_hide(fsrc *s, const char *path);

#endif
