/* fieldspec.c - field-spec tables, path walking, configuration merging;
 * see fieldspec.h. */
#include "strata/fieldspec.h"
#include "strata/kust.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "strata/buf.h"
#include "strata/fieldspec_table.h"
#include "strata/resource.h"
#include "strata/scalar.h"

/* ------------------------------------------------------------- tables */

/* kustomize's TransformerConfig JSON names and the Go field names its merge
 * errors use, per fieldspec_table. */
static const struct {
	const char *name, *json, *go;
	const fieldspec_list *builtin;
} tables[FIELDSPEC_NTABLES] = {
	[FIELDSPEC_NAMEPREFIX] = {"nameprefix", "namePrefix", "NamePrefix",
				  &fieldspec_table_nameprefix},
	[FIELDSPEC_NAMESUFFIX] = {"namesuffix", "nameSuffix", "NameSuffix",
				  &fieldspec_table_namesuffix},
	[FIELDSPEC_NAMESPACE] = {"namespace", "namespace", "NameSpace",
				 &fieldspec_table_namespace},
	[FIELDSPEC_COMMONLABELS] = {"commonlabels", "commonLabels", "CommonLabels",
				    &fieldspec_table_commonlabels},
	[FIELDSPEC_LABELS] = {"labels", "labels", "Labels", &fieldspec_table_labels},
	[FIELDSPEC_TEMPLATELABELS] = {"templatelabels", "templateLabels", "TemplateLabels",
				      &fieldspec_table_templatelabels},
	[FIELDSPEC_COMMONANNOTATIONS] = {"commonannotations", "commonAnnotations",
					 "CommonAnnotations", &fieldspec_table_commonannotations},
	[FIELDSPEC_VARREFERENCE] = {"varreference", "varReference", "VarReference",
				    &fieldspec_table_varreference},
	[FIELDSPEC_IMAGES] = {"images", "images", "Images", &fieldspec_table_images},
	[FIELDSPEC_REPLICAS] = {"replicas", "replicas", "Replicas", &fieldspec_table_replicas},
};

const char *fieldspec_table_name(fieldspec_table t)
{
	return (unsigned)t < FIELDSPEC_NTABLES ? tables[t].name : NULL;
}

const fieldspec_list *fieldspec_builtin(const char *name)
{
	for (int t = 0; name && t < FIELDSPEC_NTABLES; t++)
		if (!strcmp(tables[t].name, name))
			return tables[t].builtin;
	return NULL;
}

const fieldspec_nameref_list *fieldspec_builtin_namerefs(void)
{
	return &fieldspec_table_namereference;
}

/* ------------------------------------------------------ paths, matching */

/* Cuts s in place at its slashes into v (room for one more than the
 * slashes); the count. */
static size_t cut_at_slashes(char *s, char **v)
{
	size_t n = 0;
	v[n++] = s;
	for (char *p = s; *p; p++)
		if (*p == '/') {
			*p = 0;
			v[n++] = p + 1;
		}
	return n;
}

size_t fieldspec_path_split(arena *a, const char *path, char ***out)
{
	size_t cap = 1;
	for (const char *p = path; *p; p++)
		cap += *p == '/';
	char **v = arena_alloc(a, cap * sizeof *v);
	size_t n = 0;
	if (!strchr(path, '\\')) {
		/* No escapes (nearly every path): one copy, cut at the slashes. */
		*out = v;
		return cut_at_slashes(arena_strdup(a, path), v);
	}
	const char *start = path;
	for (;;) {
		const char *end = strchr(start, '/');
		size_t len = end ? (size_t)(end - start) : strlen(start);
		/* An escaped slash continues the previous step; only one
		 * backslash is consumed, as in kustomize's splitter. */
		if (n && v[n - 1][0] && v[n - 1][strlen(v[n - 1]) - 1] == '\\') {
			char *prev = v[n - 1];
			size_t pl = strlen(prev) - 1;
			v[n - 1] = arena_sprintf(a, "%.*s/%.*s", (int)pl, prev, (int)len, start);
		} else {
			v[n++] = arena_strndup(a, start, len);
		}
		if (!end)
			break;
		start = end + 1;
	}
	*out = v;
	return n;
}

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

/* The group part of api_version (not NUL-terminated: *glen) and version. */
static void split_gv(const char *av, const char **g, size_t *glen, const char **v)
{
	const char *slash = strchr(av, '/');
	if (slash) {
		*g = av, *glen = (size_t)(slash - av), *v = slash + 1;
	} else if (!strcmp(av, "builtin")) {
		*g = av, *glen = strlen(av), *v = "";
	} else {
		*g = "", *glen = 0, *v = av;
	}
}

void fieldspec_split_gv(arena *a, const char *api_version, const char **group,
			const char **version)
{
	const char *g;
	size_t glen;
	split_gv(or_empty(api_version), &g, &glen, version);
	*group = arena_strndup(a, g, glen);
}

bool fieldspec_matches(const fieldspec *fs, const char *api_version, const char *kind)
{
	if (fs->kind && fs->kind[0] && strcmp(fs->kind, or_empty(kind)))
		return false;
	const char *g, *v;
	size_t glen;
	split_gv(or_empty(api_version), &g, &glen, &v);
	if (fs->group && fs->group[0] &&
	    (strlen(fs->group) != glen || memcmp(fs->group, g, glen)))
		return false;
	if (fs->version && fs->version[0] && strcmp(fs->version, v))
		return false;
	return true;
}

/* kyaml reads apiVersion and kind as whatever scalar text is there. */
static const char *field_text(const node *obj, const char *key)
{
	const node *n = node_get(obj, key);
	return n && node_is_scalar(n) && n->kind != NODE_NULL ? n->str.s : "";
}

bool fieldspec_matches_obj(const fieldspec *fs, const node *obj)
{
	return fieldspec_matches(fs, field_text(obj, "apiVersion"), field_text(obj, "kind"));
}

static const char *const order_first[] = {
	"Namespace", "ResourceQuota", "StorageClass", "CustomResourceDefinition",
	"ServiceAccount", "PodSecurityPolicy", "Role", "ClusterRole", "RoleBinding",
	"ClusterRoleBinding", "ConfigMap", "Secret", "Endpoints", "Service", "LimitRange",
	"PriorityClass", "PersistentVolume", "PersistentVolumeClaim", "Deployment",
	"StatefulSet", "CronJob", "PodDisruptionBudget",
};
static const char *const order_last[] = {
	"MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
};

static int kind_rank(const char *k)
{
	int nf = (int)(sizeof order_first / sizeof *order_first);
	for (int i = 0; i < nf; i++)
		if (!strcmp(order_first[i], k))
			return i - nf;
	for (int i = 0; i < (int)(sizeof order_last / sizeof *order_last); i++)
		if (!strcmp(order_last[i], k))
			return 1 + i;
	return 0;
}

/* Walks "group_version_kind" (~G/~V/~K for empty parts) a byte at a time,
 * so keys compare as kustomize's strings do without being built. */
struct gvk_key {
	const char *part[5];
	int i;
	const char *p;
};

static void gvk_key_init(struct gvk_key *k, const char *g, const char *v, const char *kind)
{
	k->part[0] = g[0] ? g : "~G";
	k->part[1] = "_";
	k->part[2] = v[0] ? v : "~V";
	k->part[3] = "_";
	k->part[4] = kind[0] ? kind : "~K";
	k->i = 0;
	k->p = "";
}

static int gvk_key_next(struct gvk_key *k)
{
	while (!*k->p && k->i < 5)
		k->p = k->part[k->i++];
	return *k->p ? (unsigned char)*k->p++ : -1;
}

bool fieldspec_gvk_less(const char *g1, const char *v1, const char *k1, const char *g2,
			const char *v2, const char *k2)
{
	const char *x[3] = {or_empty(g1), or_empty(v1), or_empty(k1)};
	const char *y[3] = {or_empty(g2), or_empty(v2), or_empty(k2)};
	int rx = kind_rank(x[2]), ry = kind_rank(y[2]);
	if (rx != ry)
		return rx < ry;
	struct gvk_key a, b;
	gvk_key_init(&a, x[0], x[1], x[2]);
	gvk_key_init(&b, y[0], y[1], y[2]);
	for (;;) {
		int ca = gvk_key_next(&a), cb = gvk_key_next(&b);
		if (ca != cb)
			return ca < cb;
		if (ca < 0)
			return false;
	}
}

/* ------------------------------------------------------ Go's sort.Sort */

/* kustomize sorts its lists with Go's sort.Sort, which is not stable:
 * specs with equal GVKs end up in the order Go's pattern-defeating
 * quicksort leaves them, and that order decides which spec is tried (and
 * fails) first.  This follows Go's algorithm step for step. */
struct gosort {
	char *base;
	size_t size;
	bool (*less)(const void *x, const void *y);
	char tmp[64];
};

static bool gs_less(struct gosort *s, long i, long j)
{
	return s->less(s->base + (size_t)i * s->size, s->base + (size_t)j * s->size);
}

static void gs_swap(struct gosort *s, long i, long j)
{
	char *x = s->base + (size_t)i * s->size, *y = s->base + (size_t)j * s->size;
	memcpy(s->tmp, x, s->size);
	memcpy(x, y, s->size);
	memcpy(y, s->tmp, s->size);
}

static int bit_len(unsigned long n)
{
	int b = 0;
	for (; n; n >>= 1)
		b++;
	return b;
}

static void gs_insertion(struct gosort *s, long a, long b)
{
	for (long i = a + 1; i < b; i++)
		for (long j = i; j > a && gs_less(s, j, j - 1); j--)
			gs_swap(s, j, j - 1);
}

static void gs_sift_down(struct gosort *s, long lo, long hi, long first)
{
	long root = lo;
	for (;;) {
		long child = 2 * root + 1;
		if (child >= hi)
			return;
		if (child + 1 < hi && gs_less(s, first + child, first + child + 1))
			child++;
		if (!gs_less(s, first + root, first + child))
			return;
		gs_swap(s, first + root, first + child);
		root = child;
	}
}

static void gs_heap(struct gosort *s, long a, long b)
{
	long first = a, hi = b - a;
	for (long i = (hi - 1) / 2; i >= 0; i--)
		gs_sift_down(s, i, hi, first);
	for (long i = hi - 1; i >= 0; i--) {
		gs_swap(s, first, first + i);
		gs_sift_down(s, 0, i, first);
	}
}

static long gs_partition(struct gosort *s, long a, long b, long pivot, bool *already)
{
	gs_swap(s, a, pivot);
	long i = a + 1, j = b - 1;
	while (i <= j && gs_less(s, i, a))
		i++;
	while (i <= j && !gs_less(s, j, a))
		j--;
	if (i > j) {
		gs_swap(s, j, a);
		*already = true;
		return j;
	}
	gs_swap(s, i, j);
	i++, j--;
	for (;;) {
		while (i <= j && gs_less(s, i, a))
			i++;
		while (i <= j && !gs_less(s, j, a))
			j--;
		if (i > j)
			break;
		gs_swap(s, i, j);
		i++, j--;
	}
	gs_swap(s, j, a);
	*already = false;
	return j;
}

static long gs_partition_equal(struct gosort *s, long a, long b, long pivot)
{
	gs_swap(s, a, pivot);
	long i = a + 1, j = b - 1;
	for (;;) {
		while (i <= j && !gs_less(s, a, i))
			i++;
		while (i <= j && gs_less(s, a, j))
			j--;
		if (i > j)
			break;
		gs_swap(s, i, j);
		i++, j--;
	}
	return i;
}

static bool gs_partial_insertion(struct gosort *s, long a, long b)
{
	long i = a + 1;
	for (int step = 0; step < 5; step++) {
		while (i < b && !gs_less(s, i, i - 1))
			i++;
		if (i == b)
			return true;
		if (b - a < 50)
			return false;
		gs_swap(s, i, i - 1);
		if (i - a >= 2)
			for (long j = i - 1; j >= 1 && gs_less(s, j, j - 1); j--)
				gs_swap(s, j, j - 1);
		if (b - i >= 2)
			for (long j = i + 1; j < b && gs_less(s, j, j - 1); j++)
				gs_swap(s, j, j - 1);
	}
	return false;
}

static void gs_break_patterns(struct gosort *s, long a, long b)
{
	long length = b - a;
	if (length < 8)
		return;
	uint64_t r = (uint64_t)length;
	unsigned long modulus = 1ul << bit_len((unsigned long)length);
	for (long idx = a + (length / 4) * 2 - 1; idx <= a + (length / 4) * 2 + 1; idx++) {
		r ^= r << 13;  /* Go 1.23's constants (1.24 uses 13, 7, 17) */
		r ^= r >> 17;
		r ^= r << 5;
		long other = (long)(r & (modulus - 1));
		if (other >= length)
			other -= length;
		gs_swap(s, idx, a + other);
	}
}

static long gs_median(struct gosort *s, long a, long b, long c, int *swaps)
{
	long t;
	if (gs_less(s, b, a))
		(*swaps)++, t = a, a = b, b = t;
	if (gs_less(s, c, b))
		(*swaps)++, t = b, b = c, c = t;
	if (gs_less(s, b, a))
		(*swaps)++, t = a, a = b, b = t;
	return b;
}

enum { HINT_UNKNOWN, HINT_INC, HINT_DEC };

static long gs_choose_pivot(struct gosort *s, long a, long b, int *hint)
{
	long l = b - a;
	int swaps = 0;
	long i = a + l / 4 * 1, j = a + l / 4 * 2, k = a + l / 4 * 3;
	if (l >= 8) {
		if (l >= 50) {
			i = gs_median(s, i - 1, i, i + 1, &swaps);
			j = gs_median(s, j - 1, j, j + 1, &swaps);
			k = gs_median(s, k - 1, k, k + 1, &swaps);
		}
		j = gs_median(s, i, j, k, &swaps);
	}
	*hint = swaps == 0 ? HINT_INC : swaps == 12 ? HINT_DEC : HINT_UNKNOWN;
	return j;
}

static void gs_reverse(struct gosort *s, long a, long b)
{
	for (long i = a, j = b - 1; i < j; i++, j--)
		gs_swap(s, i, j);
}

static void gs_pdq(struct gosort *s, long a, long b, int limit)
{
	bool balanced = true, partitioned = true;
	for (;;) {
		long length = b - a;
		if (length <= 12) {
			gs_insertion(s, a, b);
			return;
		}
		if (limit == 0) {
			gs_heap(s, a, b);
			return;
		}
		if (!balanced) {
			gs_break_patterns(s, a, b);
			limit--;
		}
		int hint;
		long pivot = gs_choose_pivot(s, a, b, &hint);
		if (hint == HINT_DEC) {
			gs_reverse(s, a, b);
			pivot = (b - 1) - (pivot - a);
			hint = HINT_INC;
		}
		if (balanced && partitioned && hint == HINT_INC && gs_partial_insertion(s, a, b))
			return;
		if (a > 0 && !gs_less(s, a - 1, pivot)) {
			a = gs_partition_equal(s, a, b, pivot);
			continue;
		}
		long mid = gs_partition(s, a, b, pivot, &partitioned);
		long left = mid - a, right = b - mid, threshold = length / 8;
		if (left < right) {
			balanced = left >= threshold;
			gs_pdq(s, a, mid, limit);
			a = mid + 1;
		} else {
			balanced = right >= threshold;
			gs_pdq(s, mid + 1, b, limit);
			b = mid;
		}
	}
}

static void go_sort(void *base, size_t n, size_t size, bool (*less)(const void *, const void *))
{
	struct gosort s = {base, size, less, {0}};
	if (n > 1 && size <= sizeof s.tmp)
		gs_pdq(&s, 0, (long)n, bit_len(n));
}

static bool spec_less(const void *x, const void *y)
{
	const fieldspec *a = x, *b = y;
	return fieldspec_gvk_less(a->group, a->version, a->kind, b->group, b->version, b->kind);
}

static bool nameref_less(const void *x, const void *y)
{
	const fieldspec_nameref *a = x, *b = y;
	return fieldspec_gvk_less(a->group, a->version, a->kind, b->group, b->version, b->kind);
}

_Static_assert(sizeof(fieldspec) <= 64 && sizeof(fieldspec_nameref) <= 64,
	       "go_sort's swap buffer is too small");

/* ------------------------------------------------------------ walking */

/* One step of a path, cut once per fieldspec_apply. */
struct step {
	const char *raw;  /* as written, for messages */
	const char *name; /* without a final "[]" */
	const char *key;  /* name without surrounding white space: what is looked up */
	bool seq;         /* it ended in "[]" */
};

struct walk {
	arena *a;
	const fieldspec *fs;
	fieldspec_create mode;
	fieldspec_fn fn;
	void *ctx;
	err *e;
	struct step *steps;
	size_t nsteps;
	const node *errpos;  /* set when the walk itself fails, for err_at */
};

static int walk_value(struct walk *w, node *parent, node **slot, size_t i);

static const char *kind_word(const node *n)
{
	switch (n->kind) {
	case NODE_BOOL: return "a boolean";
	case NODE_INT: return "an integer";
	case NODE_FLOAT: return "a number";
	default: return "a string";
	}
}

static int walk_fail(struct walk *w, const node *at, size_t i, const char *msg)
{
	w->errpos = at;
	buf where = BUF_INIT;
	for (size_t k = 0; k < i; k++)
		buf_printf(&where, "%s%s", k ? "/" : "", w->steps[k].raw);
	err_set(w->e, "%s; the value at '%s' is %s, but the path goes on with '%s': make it a "
		"map or a list, or fix the field spec's path", msg, where.p ? where.p : "",
		kind_word(at), w->steps[i].raw);
	buf_free(&where);
	return -1;
}

static int walk_seq(struct walk *w, node *seq, size_t i)
{
	for (uint32_t k = 0; k < seq->seq.n; k++) {
		if (walk_value(w, seq, &seq->seq.v[k], i) == 0)
			continue;
		/* Go prints the rest of the path as %v of a []string. */
		buf rest = BUF_INIT;
		for (size_t j = i; j < w->nsteps; j++)
			buf_printf(&rest, "%s%s", j > i ? " " : "", w->steps[j].raw);
		err_wrap(w->e, "visit traversal on path: [%s]", rest.p ? rest.p : "");
		buf_free(&rest);
		return -1;
	}
	return 0;
}

/* kyaml's path lookup reads some steps as list selectors: a decimal index,
 * "-" (the last element) or "[name=value]".  On a map they all fail. */
static int check_list_step(struct walk *w, const node *map, const char *name, const char *t)
{
	const char *d = t + (*t == '+' || *t == '-');
	bool numeric = *d && strspn(d, "0123456789") == strlen(d);
	if (numeric) {
		errno = 0;
		long long v = strtoll(t, NULL, 10);
		if (errno == ERANGE)
			numeric = false;  /* too big for Atoi: an ordinary key */
		else if (v < 0) {
			w->errpos = map;
			return err_set(w->e, "fieldName: %s: array index %lld cannot be negative", name,
				       v);
		}
	}
	size_t tl = strlen(t);
	bool bracket = tl >= 2 && t[0] == '[' && t[tl - 1] == ']';
	if (bracket && !memchr(t, '=', tl)) {
		w->errpos = map;
		return err_set(w->e, "fieldName: %s: list path element must contain "
			       "fieldName=fieldValue for element to match", name);
	}
	if (numeric || bracket || !strcmp(t, "-")) {
		w->errpos = map;
		return err_set(w->e, "fieldName: %s: wrong node kind: expected SequenceNode but got "
			       "MappingNode; '%s' selects a list element, but the field is a map",
			       name, t);
	}
	return 0;
}


/* A missing final field for a scalar: the callback fills the new slot; a
 * slot left empty (or an error) drops the field again. */
static int create_scalar(struct walk *w, node *map, const char *name)
{
	node *key = node_str(w->a, name);
	node_set_pos(key, map);
	node_append(w->a, map, key, NULL);
	uint32_t at = map->map.n - 1;
	int rc = w->fn(w->a, map, &map->map.v[at].val, w->ctx, w->e);
	if (at < map->map.n && map->map.v[at].key == key && !map->map.v[at].val) {
		memmove(&map->map.v[at], &map->map.v[at + 1],
			(map->map.n - at - 1) * sizeof *map->map.v);
		map->map.n--;
	}
	return rc;
}

static node *empty_like(arena *a, node_kind kind, const node *pos)
{
	node *n = kind == NODE_SEQ ? node_seq(a) : node_map(a);
	node_set_pos(n, pos);
	return n;
}

static int walk_map(struct walk *w, node *parent, node **slot, size_t i)
{
	node *map = *slot;
	const struct step *st = &w->steps[i];
	bool is_seq = st->seq;
	const char *name = st->name;
	if (!name[0]) {
		w->errpos = map;
		return err_set(w->e, "cannot set or create an empty field name; remove the empty "
			       "step from the field spec's path");
	}
	bool last = i + 1 == w->nsteps;
	/* What a missing or null field becomes: nothing, a list (a "[]" step
	 * turns a null into [] even without create), a map, or the final
	 * scalar the callback writes. */
	int becomes = -1;
	if (is_seq)
		becomes = NODE_SEQ;
	else if (w->fs->create && w->mode != FIELDSPEC_CREATE_NONE)
		becomes = !last || w->mode == FIELDSPEC_CREATE_MAP ? NODE_MAP : NODE_STR;

	const char *t = st->key;
	if (check_list_step(w, map, name, t))
		return -1;
	if (!t[0])  /* kyaml drops blank steps: stay on this map */
		return walk_value(w, parent, slot, i + 1);

	for (uint32_t k = 0; k < map->map.n; k++) {
		node_pair *p = &map->map.v[k];
		if (!node_is_scalar(p->key) || strcmp(p->key->str.s, t))
			continue;
		if (p->val && p->val->kind == NODE_NULL &&
		    (becomes == NODE_SEQ || becomes == NODE_MAP))
			p->val = empty_like(w->a, (node_kind)becomes, p->val);
		return walk_value(w, map, &p->val, i + 1);
	}
	if (becomes == NODE_MAP) {
		node *key = node_str(w->a, t);
		node_set_pos(key, map);
		node_append(w->a, map, key, empty_like(w->a, NODE_MAP, map));
		return walk_value(w, map, &map->map.v[map->map.n - 1].val, i + 1);
	}
	if (becomes == NODE_STR)
		return create_scalar(w, map, t);
	return 0;
}

/* The steps of path, with each step's name and key: in the memory given
 * (small, text) when it is enough, else in memory returned for the caller
 * to free.  A path with an escaped slash (rare) is split in a. */
static void *steps_cut(arena *a, const char *path, struct step *small, size_t nsmall,
		       char *text, size_t ntext, struct step **out, size_t *n)
{
	size_t len = strlen(path), cap = 1;
	for (const char *p = path; *p; p++)
		cap += *p == '/';
	/* Per step a pointer to its raw text, then the texts: the raw ones,
	 * the names and the keys (each at most as long as the raw one). */
	size_t nbytes = 3 * (len + cap);
	void *heap = NULL;
	struct step *v = small;
	char *mem = text;
	if (cap > nsmall || cap * sizeof(char *) + nbytes > ntext) {
		heap = malloc(cap * sizeof(struct step) + cap * sizeof(char *) + nbytes);
		if (!heap)
			abort();
		v = heap;
		mem = (char *)heap + cap * sizeof(struct step);
	}
	char **raw = (char **)(void *)mem;
	mem += cap * sizeof(char *);
	size_t k;
	if (strchr(path, '\\')) {
		k = fieldspec_path_split(a, path, &raw);
	} else {
		memcpy(mem, path, len + 1);
		k = cut_at_slashes(mem, raw);
		mem += len + 1;
	}
	for (size_t i = 0; i < k; i++) {
		const char *r = raw[i];
		size_t rl = strlen(r);
		bool seq = rl >= 2 && !strcmp(r + rl - 2, "[]");
		size_t nl = seq ? rl - 2 : rl;
		char *name = mem;
		memcpy(name, r, nl);
		name[nl] = 0;
		mem += nl + 1;
		const char *b = name, *e = name + nl;
		while (b < e && isspace((unsigned char)*b))
			b++;
		while (e > b && isspace((unsigned char)e[-1]))
			e--;
		char *key = mem;
		memcpy(key, b, (size_t)(e - b));
		key[e - b] = 0;
		mem += (size_t)(e - b) + 1;
		v[i] = (struct step){r, name, key, seq};
	}
	*out = v;
	*n = k;
	return heap;
}

static int walk_value(struct walk *w, node *parent, node **slot, size_t i)
{
	if (i == w->nsteps)
		return w->fn(w->a, parent, slot, w->ctx, w->e);
	node *n = *slot;
	if (!n || n->kind == NODE_NULL)
		return 0;
	if (n->kind == NODE_SEQ)
		return walk_seq(w, n, i);
	if (n->kind == NODE_MAP)
		return walk_map(w, parent, slot, i);
	return walk_fail(w, n, i, "expected sequence or mapping node");
}

int fieldspec_apply(arena *a, node *obj, const fieldspec *fs, fieldspec_create mode,
		    fieldspec_fn fn, void *ctx, err *e)
{
	if (!obj || !fieldspec_matches_obj(fs, obj))
		return 0;
	struct walk w = {a, fs, mode, fn, ctx, e, NULL, 0, NULL};
	struct step small[16];
	_Alignas(char *) char text[384];
	void *heap = steps_cut(a, or_empty(fs->path), small, sizeof small / sizeof *small, text,
			       sizeof text, &w.steps, &w.nsteps);
	node *root = obj;
	int rc = walk_value(&w, NULL, &root, 0);
	free(heap);
	if (rc == 0)
		return 0;
	resid id = resid_of(obj);
	const char *ids = resid_string(a, &id);
	if (w.errpos) {
		char *msg = e->msg;
		e->msg = NULL;
		err_at(e, w.errpos->file, w.errpos->line, w.errpos->col,
		       "considering field '%s' of object %s: %s", or_empty(fs->path), ids, msg);
		free(msg);
		return -1;
	}
	return err_wrap(e, "considering field '%s' of object %s", or_empty(fs->path), ids);
}

int fieldspec_apply_list(arena *a, node *obj, const fieldspec_list *l, fieldspec_create mode,
			 fieldspec_fn fn, void *ctx, err *e)
{
	for (size_t i = 0; l && i < l->n; i++)
		if (fieldspec_apply(a, obj, &l->v[i], mode, fn, ctx, e))
			return -1;
	return 0;
}

/* ------------------------------------------------------ configurations */

void fieldspec_config_default(fieldspec_config *c)
{
	for (int t = 0; t < FIELDSPEC_NTABLES; t++)
		c->t[t] = *tables[t].builtin;
	c->namerefs = fieldspec_table_namereference;
}

void fieldspec_config_empty(fieldspec_config *c)
{
	memset(c, 0, sizeof *c);
}

#define JSON_ERR "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal "

/* The JSON type name Go's decoder reports for a YAML value, after
 * sigs.k8s.io/yaml's YAML 1.1 reading. */
static const char *json_type(const node *n)
{
	return kust_json_type_name(kust_json_type(n));
}

static int type_err(err *e, const node *n, const char *gotype)
{
	return err_at(e, n->file, n->line, n->col, JSON_ERR "%s into %s; fix the value's type",
		      json_type(n), gotype);
}

/* Go's strconv.FormatFloat(v, 'g', -1, 32): sigs.k8s.io/yaml turns a float
 * bound for a string field into text with float32 precision. */
static char *float32_text(arena *a, double v)
{
	if (isnan(v))
		return arena_strdup(a, "NaN");
	if (isinf(v))
		return arena_strdup(a, v > 0 ? "+Inf" : "-Inf");
	float f = (float)v;
	char digits[32];
	int prec = 1;
	for (; prec <= 9; prec++) {
		snprintf(digits, sizeof digits, "%.*e", prec - 1, (double)f);
		if (strtof(digits, NULL) == f)
			break;
	}
	/* digits is d.ddde±XX: pull out mantissa digits and exponent. */
	char mant[16];
	int nd = 0, neg = digits[0] == '-';
	const char *p = digits + neg;
	for (; *p && *p != 'e'; p++)
		if (isdigit((unsigned char)*p))
			mant[nd++] = *p;
	while (nd > 1 && mant[nd - 1] == '0')
		nd--;
	mant[nd] = 0;
	int exp = atoi(p + 1);
	if (f == 0)
		return arena_strdup(a, neg ? "-0" : "0");
	buf b = BUF_INIT;
	if (neg)
		buf_addc(&b, '-');
	if (exp < -4 || exp >= 6) {  /* shortest 'g' switches to %e at 1e+06 */
		buf_addc(&b, mant[0]);
		if (nd > 1)
			buf_printf(&b, ".%s", mant + 1);
		buf_printf(&b, "e%c%02d", exp < 0 ? '-' : '+', abs(exp));
	} else if (exp < 0) {
		buf_adds(&b, "0.");
		for (int z = -1; z > exp; z--)
			buf_addc(&b, '0');
		buf_adds(&b, mant);
	} else {
		for (int k = 0; k <= exp || k < nd; k++) {
			if (k == exp + 1)
				buf_addc(&b, '.');
			buf_addc(&b, k < nd ? mant[k] : '0');
		}
	}
	char *s = arena_strdup(a, b.p);
	buf_free(&b);
	return s;
}

/* A YAML scalar bound for a Go string field: numbers and booleans become
 * their text, as sigs.k8s.io/yaml converts them; null leaves "". */
static int get_string(arena *a, const node *n, const char *gofield, const char **out, err *e)
{
	if (!node_is_scalar(n))
		return type_err(e, n, gofield);
	if (n->kind == NODE_NULL)
		return 0;
	if (n->kind == NODE_BOOL || (n->flags & NODE_F_QUOTED)) {
		*out = n->str.s;
		return 0;
	}
	scalar_type st = scalar_resolve_v2(n->str.s, n->str.len);
	if (st == SCALAR_NULL)
		return 0;
	if (st == SCALAR_BOOL) {
		*out = scalar_bool_value(n->str.s, n->str.len) ? "true" : "false";
	} else if (st == SCALAR_INT || st == SCALAR_FLOAT) {
		buf b = BUF_INIT;
		if (st == SCALAR_INT && scalar_number_text(&b, n->str.s, n->str.len) == 0 &&
		    !strpbrk(b.p, ".e"))
			*out = arena_strdup(a, b.p);
		else
			*out = float32_text(a, strtod(n->str.s, NULL));
		buf_free(&b);
	} else {
		*out = n->str.s;
	}
	return 0;
}

static int get_bool(const node *n, const char *gofield, bool *out, err *e)
{
	if (n->kind == NODE_NULL)
		return 0;
	if (n->kind == NODE_BOOL) {
		*out = !strcmp(n->str.s, "true");
		return 0;
	}
	if (n->kind == NODE_STR && !(n->flags & NODE_F_QUOTED)) {
		scalar_type st = scalar_resolve_v2(n->str.s, n->str.len);
		if (st == SCALAR_NULL)
			return 0;
		if (st == SCALAR_BOOL) {
			*out = scalar_bool_value(n->str.s, n->str.len);
			return 0;
		}
	}
	return type_err(e, n, gofield);
}

/* Go's decoder matches JSON keys to fields exactly or case-insensitively;
 * the YAML map reaches it as JSON with sorted keys, so among spellings of
 * one field the greatest key is decoded last and wins. */
static const node_pair *field_of(const node *m, const char *field)
{
	const node_pair *best = NULL;
	for (uint32_t i = 0; i < m->map.n; i++) {
		const node *k = m->map.v[i].key;
		if (!node_is_scalar(k) || strcasecmp(k->str.s, field))
			continue;
		if (!best || strcmp(k->str.s, best->key->str.s) > 0)
			best = &m->map.v[i];
	}
	return best;
}

/* ctx names the JSON path for Go's error texts ("commonLabels",
 * "nameReference.fieldSpecs"). */
static int parse_spec(arena *a, const node *n, const char *ctx, fieldspec *fs, err *e)
{
	memset(fs, 0, sizeof *fs);
	fs->group = fs->version = fs->kind = fs->path = "";
	fs->src = n;
	if (n->kind == NODE_NULL)
		return 0;
	if (n->kind != NODE_MAP)
		return type_err(e, n, arena_sprintf(a, "Go struct field %s of type types.FieldSpec",
						    ctx));
	static const char *const names[] = {"group", "version", "kind", "path"};
	const char **dst[] = {&fs->group, &fs->version, &fs->kind, &fs->path};
	for (int i = 0; i < 4; i++) {
		const node_pair *p = field_of(n, names[i]);
		if (p && get_string(a, p->val,
				    arena_sprintf(a, "Go struct field FieldSpec.%s.%s of type string",
						  ctx, names[i]),
				    dst[i], e))
			return -1;
	}
	const node_pair *c = field_of(n, "create");
	if (c && get_bool(c->val,
			  arena_sprintf(a, "Go struct field FieldSpec.%s.create of type bool", ctx),
			  &fs->create, e))
		return -1;
	return 0;
}

static int parse_specs(arena *a, const node *n, const char *structname, const char *ctx,
		       fieldspec_list *out, err *e)
{
	out->v = NULL, out->n = 0;
	if (n->kind == NODE_NULL)
		return 0;
	if (n->kind != NODE_SEQ)
		return type_err(e, n, arena_sprintf(a, "Go struct field %s.%s of type types.FsSlice",
						    structname, ctx));
	fieldspec *v = arena_alloc(a, (n->seq.n ? n->seq.n : 1) * sizeof *v);
	const char *elem_ctx = arena_sprintf(a, "%s.%s", structname, ctx);
	for (uint32_t i = 0; i < n->seq.n; i++) {
		const node *x = n->seq.v[i];
		if (x->kind != NODE_MAP && x->kind != NODE_NULL)
			return type_err(e, x, arena_sprintf(a, "Go struct field %s of type "
							    "types.FieldSpec", elem_ctx));
		if (parse_spec(a, x, ctx, &v[i], e))
			return -1;
	}
	out->v = v, out->n = n->seq.n;
	return 0;
}

static int parse_nameref(arena *a, const node *n, fieldspec_nameref *r, err *e)
{
	memset(r, 0, sizeof *r);
	r->group = r->version = r->kind = "";
	r->src = n;
	if (n->kind == NODE_NULL)
		return 0;
	static const char *const names[] = {"group", "version", "kind"};
	const char **dst[] = {&r->group, &r->version, &r->kind};
	for (int i = 0; i < 3; i++) {
		const node_pair *p = field_of(n, names[i]);
		if (p && get_string(a, p->val,
				    arena_sprintf(a, "Go struct field NameBackReferences."
						  "nameReference.%s of type string", names[i]),
				    dst[i], e))
			return -1;
	}
	const node_pair *f = field_of(n, "fieldSpecs");
	if (f && parse_specs(a, f->val, "NameBackReferences", "nameReference.fieldSpecs",
			     &r->referrers, e))
		return -1;
	return 0;
}

static int parse_namerefs(arena *a, const node *n, fieldspec_nameref_list *out, err *e)
{
	out->v = NULL, out->n = 0;
	if (n->kind == NODE_NULL)
		return 0;
	if (n->kind != NODE_SEQ)
		return type_err(e, n, "Go struct field TransformerConfig.nameReference of type "
				"builtinconfig.nbrSlice");
	fieldspec_nameref *v = arena_alloc(a, (n->seq.n ? n->seq.n : 1) * sizeof *v);
	for (uint32_t i = 0; i < n->seq.n; i++) {
		const node *x = n->seq.v[i];
		if (x->kind != NODE_MAP && x->kind != NODE_NULL)
			return type_err(e, x, "Go struct field TransformerConfig.nameReference of "
					"type builtinconfig.NameBackReferences");
		if (parse_nameref(a, x, &v[i], e))
			return -1;
	}
	out->v = v, out->n = n->seq.n;
	return 0;
}

static void sort_config(fieldspec_config *c)
{
	for (int t = 0; t < FIELDSPEC_NTABLES; t++)
		go_sort((void *)c->t[t].v, c->t[t].n, sizeof(fieldspec), spec_less);
	go_sort((void *)c->namerefs.v, c->namerefs.n, sizeof(fieldspec_nameref), nameref_less);
}

int fieldspec_config_parse(arena *a, const node *doc, fieldspec_config *out, err *e)
{
	fieldspec_config c;
	fieldspec_config_empty(&c);
	if (doc && doc->kind != NODE_NULL && doc->kind != NODE_MAP)
		return err_at(e, doc->file, doc->line, doc->col,
			      JSON_ERR "%s into Go value of type builtinconfig.TransformerConfig; a "
			      "configurations file is a map of field-spec lists",
			      json_type(doc));
	if (doc && doc->kind == NODE_MAP) {
		for (int t = 0; t < FIELDSPEC_NTABLES; t++) {
			const node_pair *p = field_of(doc, tables[t].json);
			if (p && parse_specs(a, p->val, "TransformerConfig", tables[t].json, &c.t[t],
					     e))
				return -1;
		}
		const node_pair *p = field_of(doc, "nameReference");
		if (p && parse_namerefs(a, p->val, &c.namerefs, e))
			return -1;
	}
	sort_config(&c);
	*out = c;
	return 0;
}

/* A spec already in the list: same path, and a GVK the new spec selects. */
static const fieldspec *find_dup(const fieldspec *v, size_t n, const fieldspec *x)
{
	for (size_t i = 0; i < n; i++) {
		const fieldspec *o = &v[i];
		if (strcmp(o->path, x->path))
			continue;
		if ((!x->group[0] || !strcmp(o->group, x->group)) &&
		    (!x->version[0] || !strcmp(o->version, x->version)) &&
		    (!x->kind[0] || !strcmp(o->kind, x->kind)))
			return o;
	}
	return NULL;
}

static int conflict(err *e, const char *table, const fieldspec *old, const fieldspec *x)
{
	static const char fmt[] = "failed to merge %s fieldSpec: conflicting fieldspecs; '%s' "
				  "for these kinds is already listed with create: %s, so say the "
				  "same (or leave the spec out)";
	const char *c = old->create ? "true" : "false";
	if (x->src)
		return err_at(e, x->src->file, x->src->line, x->src->col, fmt, table, x->path, c);
	return err_set(e, fmt, table, x->path, c);
}

/* kustomize's FsSlice.MergeAll; the result is a new array. */
static int merge_specs(arena *a, const char *table, fieldspec_list base, fieldspec_list add,
		       fieldspec_list *out, err *e)
{
	fieldspec *v = arena_alloc(a, (base.n + add.n ? base.n + add.n : 1) * sizeof *v);
	if (base.n)
		memcpy(v, base.v, base.n * sizeof *v);
	size_t n = base.n;
	for (size_t i = 0; i < add.n; i++) {
		const fieldspec *old = find_dup(v, n, &add.v[i]);
		if (!old) {
			v[n++] = add.v[i];
			continue;
		}
		if (old->create != add.v[i].create)
			return conflict(e, table, old, &add.v[i]);
	}
	out->v = v, out->n = n;
	return 0;
}

/* kustomize's nbrSlice.mergeAll: entries of an equal GVK merge referrers
 * (every such entry, as kustomize loops over all); others are appended. */
static int merge_namerefs(arena *a, fieldspec_nameref_list base, fieldspec_nameref_list add,
			  fieldspec_nameref_list *out, err *e)
{
	fieldspec_nameref *v = arena_alloc(a, (base.n + add.n ? base.n + add.n : 1) * sizeof *v);
	if (base.n)
		memcpy(v, base.v, base.n * sizeof *v);
	size_t n = base.n;
	for (size_t i = 0; i < add.n; i++) {
		const fieldspec_nameref *x = &add.v[i];
		bool found = false;
		for (size_t k = 0; k < n; k++) {
			if (strcmp(v[k].group, x->group) || strcmp(v[k].version, x->version) ||
			    strcmp(v[k].kind, x->kind))
				continue;
			if (merge_specs(a, "NameReference", v[k].referrers, x->referrers,
					&v[k].referrers, e))
				return -1;
			found = true;
		}
		if (!found)
			v[n++] = *x;
	}
	out->v = v, out->n = n;
	return 0;
}

int fieldspec_config_merge(arena *a, const fieldspec_config *base, const fieldspec_config *add,
			   fieldspec_config *out, err *e)
{
	/* kustomize merges (and so reports conflicts) in this order. */
	static const fieldspec_table order[] = {
		FIELDSPEC_NAMEPREFIX, FIELDSPEC_NAMESUFFIX, FIELDSPEC_NAMESPACE,
		FIELDSPEC_COMMONANNOTATIONS, FIELDSPEC_COMMONLABELS, FIELDSPEC_LABELS,
		FIELDSPEC_TEMPLATELABELS, FIELDSPEC_VARREFERENCE, (fieldspec_table)-1,
		FIELDSPEC_IMAGES, FIELDSPEC_REPLICAS,
	};
	fieldspec_config m;
	for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
		fieldspec_table t = order[i];
		int rc = (int)t < 0
			 ? merge_namerefs(a, base->namerefs, add->namerefs, &m.namerefs, e)
			 : merge_specs(a, tables[t].go, base->t[t], add->t[t], &m.t[t], e);
		if (rc)
			return -1;
	}
	sort_config(&m);
	*out = m;
	return 0;
}

static bool same_text(const char *x, const char *y)
{
	return x == y || !strcmp(x, y);
}

static bool specs_equal(fieldspec_list x, fieldspec_list y)
{
	if (x.n != y.n)
		return false;
	if (x.v == y.v)
		return true;
	for (size_t i = 0; i < x.n; i++) {
		const fieldspec *p = &x.v[i], *q = &y.v[i];
		if (p->create != q->create || p->src != q->src || !same_text(p->path, q->path) ||
		    !same_text(p->kind, q->kind) || !same_text(p->group, q->group) ||
		    !same_text(p->version, q->version))
			return false;
	}
	return true;
}

/* Equal inputs give equal merges, conflicts and their messages included
 * (src is compared by identity). */
static bool config_equal(const fieldspec_config *x, const fieldspec_config *y)
{
	for (size_t t = 0; t < FIELDSPEC_NTABLES; t++)
		if (!specs_equal(x->t[t], y->t[t]))
			return false;
	if (x->namerefs.n != y->namerefs.n)
		return false;
	for (size_t i = 0; x->namerefs.v != y->namerefs.v && i < x->namerefs.n; i++) {
		const fieldspec_nameref *p = &x->namerefs.v[i], *q = &y->namerefs.v[i];
		if (p->src != q->src || !same_text(p->kind, q->kind) ||
		    !same_text(p->group, q->group) || !same_text(p->version, q->version) ||
		    !specs_equal(p->referrers, q->referrers))
			return false;
	}
	return true;
}

int fieldspec_config_merge_memo(fieldspec_memo *m, arena *a, const fieldspec_config *base,
				const fieldspec_config *add, fieldspec_config *out, err *e)
{
	for (unsigned i = 0; i < m->n; i++)
		if (config_equal(&m->e[i].base, base) && config_equal(&m->e[i].add, add)) {
			*out = m->e[i].out;
			return 0;
		}
	fieldspec_config b = *base, x = *add;
	if (fieldspec_config_merge(a, &b, &x, out, e))
		return -1;
	unsigned k = m->next;
	m->e[k].base = b, m->e[k].add = x, m->e[k].out = *out;
	m->next = (k + 1) % FIELDSPEC_MEMO_SIZE;
	if (m->n < FIELDSPEC_MEMO_SIZE)
		m->n++;
	return 0;
}

int fieldspec_config_make(arena *a, const node *const *inline_docs, size_t n_inline,
			  const node *const *file_docs, size_t n_files, fieldspec_config *out,
			  err *e)
{
	fieldspec_config c, x;
	fieldspec_config_default(&c);
	for (size_t i = 0; i < n_inline; i++)
		if (fieldspec_config_parse(a, inline_docs[i], &x, e) ||
		    fieldspec_config_merge(a, &c, &x, &c, e))
			return -1;
	if (n_files) {
		fieldspec_config files;
		fieldspec_config_empty(&files);
		for (size_t i = 0; i < n_files; i++)
			if (fieldspec_config_parse(a, file_docs[i], &x, e) ||
			    fieldspec_config_merge(a, &files, &x, &files, e))
				return -1;
		if (fieldspec_config_merge(a, &c, &files, &c, e))
			return -1;
	}
	*out = c;
	return 0;
}
