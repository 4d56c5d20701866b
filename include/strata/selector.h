/* selector.h - choosing resources: patch and replacement targets (anchored
 * regular expressions on group, version, kind, name, namespace) and
 * Kubernetes label/annotation selectors ("app=x,tier in (a,b),!legacy"). */
#ifndef STRATA_SELECTOR_H
#define STRATA_SELECTOR_H

#include <regex.h>
#include <stdbool.h>

#include "strata/err.h"
#include "strata/node.h"
#include "strata/resource.h"

typedef struct selector {
	regex_t re[5];         /* group, version, kind, name, namespace */
	bool has[5];           /* re[i] compiled */
	const char *lit[5];    /* or a pattern without metacharacters */
	const char *labels;    /* label selector text, or NULL */
	const char *annotations;
	const node *where;     /* the target map, for messages */
} selector;

/* Compiles a target map (group, version, kind, name, namespace,
 * labelSelector, annotationSelector).  Free with selector_free. */
int selector_compile(const node *target, selector *s, err *e);
void selector_free(selector *s);
/* kustomize's ResMap.Select: name and namespace may match the original or
 * the current id; the GVK is the current one. */
int selector_matches(const selector *s, const resource *r, bool *match, err *e);

/* Does a labels map (may be NULL) satisfy a selector expression? */
int labelsel_matches(const char *expr, const node *labels, bool *match, err *e);

#endif
