/* goregex.h - the checks Go's regexp parser makes that POSIX regcomp does
 * not.
 *
 * kustomize matches target names, image names and replacement paths as Go
 * (RE2) regular expressions; strata compiles them with regcomp.  glibc's
 * compiler accepts patterns Go refuses, and copies the tree for every
 * stacked or counted repetition: "a++++++++++++++++++++++++" or
 * "((a{1000}){1000}){1000}" take gigabytes before matching a byte.  Checking
 * a pattern here first refuses them as kustomize does, with Go's text
 * (kustomize prints "error parsing regexp: " before it):
 *   invalid nested repetition operator: `++`
 *   invalid repeat count: `{1001}`       (more than 1000 copies, nested too)
 *   missing argument to repetition operator: `*`
 *   expression nests too deeply / expression too large
 *   unexpected ): `a)`                   (a ')' that closes no group)
 * Other syntax is left to regcomp.
 */
#ifndef STRATA_GOREGEX_H
#define STRATA_GOREGEX_H

#include <stdbool.h>
#include <stddef.h>

/* true when Go would accept pat as far as these checks go; else false with
 * Go's message in msg (msglen bytes, NUL-terminated, cut to fit; msg may
 * be NULL). */
bool goregex_check(const char *pat, char *msg, size_t msglen);

#endif
