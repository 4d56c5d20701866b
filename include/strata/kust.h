/* kust.h - reading a kustomization file (kustomization.yaml, .yml, or
 * Kustomization) and checking its fields the way kustomize decodes it:
 * unknown fields are errors, field names match case-insensitively, and
 * bases are folded into resources. */
#ifndef STRATA_KUST_H
#define STRATA_KUST_H

#include <stdbool.h>

#include "strata/arena.h"
#include "strata/err.h"
#include "strata/fsrc.h"
#include "strata/node.h"

typedef struct kust {
	const char *dir;      /* root-relative directory */
	const char *file;     /* root-relative path of the kustomization file */
	const char *display;  /* that file as people should see it */
	node *root;           /* the decoded map, field names canonicalised */
	bool is_component;
	bool had_bases;      /* bases were folded into resources */
} kust;

/* Is there a kustomization file in dir?  (0 none, 1 one, -1 several) */
int kust_count_files(fsrc *fs, const char *dir);
/* Loads dir's kustomization.  display_dir is how dir is shown. */
int kust_load(arena *a, fsrc *fs, const char *dir, const char *display_dir, kust *out, err *e);
/* A field's value (NULL when absent or null). */
node *kust_field(const kust *k, const char *name);
/* A field that must be a list of strings: returns it (NULL if absent), or
 * fails naming the offending entry. */
int kust_string_list(const kust *k, const char *name, node **out, err *e);

#endif
