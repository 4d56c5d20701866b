/* vars.h - kustomize's deprecated `vars`: $(NAME) references in the
 * varReference fields, resolved once at the very end of a build, after
 * hashes and name references (so values carry prefixes and hashes). */
#ifndef STRATA_VARS_H
#define STRATA_VARS_H

#include "strata/buf.h"
#include "strata/err.h"
#include "strata/fieldspec.h"
#include "strata/resource.h"

typedef struct var_def {
	const char *name;
	const node *def;       /* the var's map in kustomization.yaml */
	resource *target;      /* bound when declared; NULL if nothing matched */
	const char *fieldpath; /* default metadata.name */
	bool used;
} var_def;

typedef struct var_set {
	var_def *v;
	size_t n, cap;
} var_set;

/* A kustomization's vars: binds each to the object it names among m
 * (by any id) and adds it to set; a name seen before is an error. */
int vars_declare(arena *a, var_set *set, const node *vars, resmap *m, err *e);
/* Appends other's vars (a base's) to set. */
int vars_merge(arena *a, var_set *set, const var_set *other, err *e);
/* Replaces $(NAME) in every varReference field.  Warnings (unused vars)
 * are appended to warn. */
int vars_resolve(arena *a, var_set *set, resmap *m, const fieldspec_config *cfg, buf *warn,
		 err *e);
/* The value at a kyaml-style field path ("spec.ports[0].port",
 * "metadata.labels.app"), or NULL. */
node *vars_field_get(node *obj, const char *path);

#endif
