/* patch.h - the three patch transformers of a kustomization: `patches`
 * (strategic merge or JSON 6902, with or without a target), and the
 * deprecated `patchesStrategicMerge` and `patchesJson6902`. */
#ifndef STRATA_PATCH_H
#define STRATA_PATCH_H

#include "strata/err.h"
#include "strata/node.h"
#include "strata/resource.h"

struct build;

typedef struct patch_ctx {
	struct build *b;
	const char *kdir;  /* the kustomization's directory (load restriction root) */
} patch_ctx;

int patch_run_patches(patch_ctx *pc, const node *list, resmap *m, err *e);
int patch_run_strategic_merge_list(patch_ctx *pc, const node *list, resmap *m, err *e);
int patch_run_json6902_list(patch_ctx *pc, const node *list, resmap *m, err *e);
/* One entry: {path|patch, target, options} (also the PatchTransformer
 * plugin's fields) and {target, path|patch} for JSON 6902. */
int patch_run_one(patch_ctx *pc, const node *entry, resmap *m, err *e);
int patch_run_one_json6902(patch_ctx *pc, const node *entry, resmap *m, err *e);

#endif
