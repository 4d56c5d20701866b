/* plugin.h - `generators:` and `transformers:` entries that configure
 * kustomize's built-in plugins (apiVersion builtin: PatchTransformer,
 * PrefixSuffixTransformer, LabelTransformer, NamespaceTransformer, ...).
 * Exec, container and Starlark plugins are refused: strata runs no code
 * from the repository. */
#ifndef STRATA_PLUGIN_H
#define STRATA_PLUGIN_H

#include "strata/err.h"
#include "strata/fieldspec.h"
#include "strata/resource.h"

struct build;

typedef struct plugin_ctx {
	struct build *b;
	const char *kdir;            /* the kustomization listing the plugins */
	const char *kdisplay;
	const fieldspec_config *cfg; /* the accumulated config (name refs etc.) */
} plugin_ctx;

/* Runs one transformer configuration object over m. */
int plugin_transform(plugin_ctx *pc, const node *conf, resmap *m, err *e);
/* Runs one generator configuration object, adding to m. */
int plugin_generate(plugin_ctx *pc, const node *conf, resmap *m, err *e);

#endif
