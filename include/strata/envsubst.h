/* envsubst.h - Flux's postBuild variable substitution (fluxcd/pkg/envsubst).
 *
 * kustomize-controller runs this engine over the YAML text of each built
 * object when a Kustomization has spec.postBuild.substitute/substituteFrom.
 * envsubst_eval() reproduces it byte for byte, quirks included: only
 * ${...} is expanded (a bare $var is left alone), $$ before { or $ is an
 * escape, every default operator (= := :- :+ :?) falls back when the value
 * is EMPTY, ${var-x} / ${var+x} are errors, and the string operators
 * (# ## % %% / // /# /% : ^ ^^ , ,, and ${#var}) act on bytes the way the
 * Go code does.  /work/notes/envsubst-facts.md lists the facts and sources.
 *
 * The whole input is parsed before anything is looked up, so a syntax error
 * anywhere wins over an unset variable earlier in the text, as in Flux.
 */
#ifndef STRATA_ENVSUBST_H
#define STRATA_ENVSUBST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strata/buf.h"
#include "strata/err.h"

/* Looks a variable up.  Returns false when it is unset; otherwise sets
 * *val and *val_len (the value may be empty and need not be NUL-terminated).
 * Called once per ${...} expression, after its arguments were evaluated. */
typedef bool (*envsubst_lookup)(void *ctx, const char *name, size_t name_len,
				const char **val, size_t *val_len);

typedef struct envsubst_opts {
	envsubst_lookup look;
	void *ctx;
	/* Flux's StrictPostBuildSubstitutions: an unset variable read without
	 * a default operator is an error.  Set-but-empty counts as set.  When
	 * false, an unset variable reads as "" (Flux's default). */
	bool strict;
	/* Label for error messages (file name or resource id); may be NULL. */
	const char *where;
} envsubst_opts;

/* Where and why a substitution failed, for callers that rebuild Flux's
 * own message chain ("envsubst error: variable substitution failed: "
 * + flux). */
typedef struct envsubst_diag {
	size_t offset;    /* byte offset in the input of the `${` involved */
	uint32_t line;    /* 1-based */
	uint32_t col;     /* 1-based, in characters */
	char *flux;       /* malloc'd: Flux's exact error text */
} envsubst_diag;

/* Substitutes in[0..len) and appends the result to out.  On error returns
 * -1 with e set to "<where>:<line>:<col>: <Flux's text>; <what to do>",
 * out left as it was, and *diag filled when diag is not NULL (free it with
 * envsubst_diag_free).  No global state: safe on several threads. */
int envsubst_eval(const envsubst_opts *o, const char *in, size_t len, buf *out, err *e,
		  envsubst_diag *diag);

void envsubst_diag_free(envsubst_diag *d);

/* Flux validates every variable name it is given (substitute keys and the
 * data keys of substituteFrom objects) against this ASCII-only pattern and
 * fails with "'<name>' var name is invalid, must match '<regex>'". */
#define ENVSUBST_NAME_REGEX "^[_[:alpha:]][_[:alpha:][:digit:]]*$"
bool envsubst_name_valid(const char *name, size_t len);

#endif
