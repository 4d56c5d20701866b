/* fsrc_ignore.h - a file source without what Flux leaves out of an artifact.
 *
 * Flux's source-controller packs a GitRepository into a tarball and skips
 * every path its ignore rules match; kustomize-controller unpacks that
 * tarball and builds there, so an ignored file does not exist for the
 * build.  This source wraps another and hides those paths: stat() says
 * FSRC_MISSING, list() leaves them out, read() and resolve() fail as for a
 * missing file.
 *
 * The rules (sources in /work/notes/flux-ignore-facts.md):
 * - always: .git/ .gitignore .gitmodules .gitattributes, at any depth;
 * - then every .sourceignore below the repository root (each applies below
 *   its own directory; directories named .git are not searched), then the
 *   GitRepository's spec.ignore lines (relative to the root);
 * - only when those two give no pattern at all: the built-in exclusions
 *   (*.jpg ... *.zip, .github/ ... cloudbuild.yaml, .sops.yaml anywhere ...).
 * Patterns are gitignore lines as go-git v5 reads them: the last matching
 * pattern decides, a "!" pattern re-includes.  Flux tests every path on its
 * own, so a file re-included below an excluded directory is packed, and
 * that directory then exists again (tar extraction creates it).
 * A path whose symlinks lead out of the repository root is hidden too:
 * source-controller does not pack links that point outside.
 *
 * Paths outside root_dir (and root_dir itself) pass through unchanged.
 */
#ifndef STRATA_FSRC_IGNORE_H
#define STRATA_FSRC_IGNORE_H

#include <stdbool.h>

#include "strata/fsrc.h"

/* Wraps base, which must outlive the result (closing it leaves base open).
 * root_dir is the repository root within base ("" for base's root).
 * extra_patterns is the GitRepository's spec.ignore text, NULL when unset.
 * Every .sourceignore is read here, once; an unreadable one or an
 * unlistable directory is an error, as it fails Flux's artifact. */
fsrc *fsrc_ignore_open(fsrc *base, const char *root_dir, const char *extra_patterns, err *e);

/* What Flux's archive filter says about path (base-relative) taken as a
 * directory or not: true when a pattern excludes it.  Only the patterns;
 * a matched directory may still exist through a re-included descendant. */
bool fsrc_ignore_match(fsrc *s, const char *path, bool is_dir);

#endif
