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
#include "strata/pcache.h"

typedef struct kust {
	const char *dir;      /* root-relative directory */
	const char *file;     /* root-relative path of the kustomization file */
	const char *display;  /* that file as people should see it */
	node *root;           /* the decoded map, field names canonicalised */
	bool is_component;
	bool had_bases;      /* bases were folded into resources */
} kust;

/* The JSON type a kustomization value has once sigs.k8s.io/yaml has read
 * it as YAML 1.1 (yes/on/y are booleans, 017 a number, dates strings) and
 * turned it into JSON: what Go's strict decoder then checks field types
 * against.  NULL is null. */
typedef enum jtype { J_NULL, J_BOOL, J_NUMBER, J_STRING, J_ARRAY, J_OBJECT } jtype;
jtype kust_json_type(const node *n);
/* "null", "bool", "number", "string", "array", "object" as Go names them. */
const char *kust_json_type_name(jtype t);

/* Is name a field of kustomize's Kustomization type (any case)? */
bool kust_known_field(const char *name);
/* Is there a kustomization file in dir?  (0 none, 1 one, -1 several) */
int kust_count_files(fsrc *fs, const char *dir);
/* Loads dir's kustomization.  display_dir is how dir is shown. */
int kust_load(arena *a, fsrc *fs, const char *dir, const char *display_dir, kust *out, err *e);
/* A change to a kustomization's decoded map before it is checked: how Flux
 * merges a Flux Kustomization's fields into the file it builds. */
typedef struct kust_edit {
	int (*fn)(void *ctx, arena *a, const char *dir, node *root, err *e);
	void *ctx;
} kust_edit;
/* kust_load with edit, its file parsed through pc (pcache.h; NULL: none). */
int kust_load_edit(arena *a, fsrc *fs, const char *dir, const char *display_dir,
		   const kust_edit *edit, pcache *pc, kust *out, err *e);
/* A field's value (NULL when absent or null). */
node *kust_field(const kust *k, const char *name);
/* A field that must be a list of strings: returns it (NULL if absent), or
 * fails naming the offending entry. */
int kust_string_list(const kust *k, const char *name, node **out, err *e);

#endif
