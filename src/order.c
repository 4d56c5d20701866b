/* order.c - output order; see order.h and ../shared/schema/README.md. */
#include "strata/order.h"

#include <stdlib.h>
#include <string.h>

static const char *const DEFAULT_FIRST[] = {
	"Namespace", "ResourceQuota", "StorageClass", "CustomResourceDefinition",
	"ServiceAccount", "PodSecurityPolicy", "Role", "ClusterRole", "RoleBinding",
	"ClusterRoleBinding", "ConfigMap", "Secret", "Endpoints", "Service", "LimitRange",
	"PriorityClass", "PersistentVolume", "PersistentVolumeClaim", "Deployment",
	"StatefulSet", "CronJob", "PodDisruptionBudget"};
static const char *const DEFAULT_LAST[] = {"MutatingWebhookConfiguration",
					   "ValidatingWebhookConfiguration"};

struct sort_item {
	resource *r;
	resid id;
	int rank;
	char *gvk;  /* group_version_kind with ~G/~V/~K */
	char *key;  /* kind.version.group|namespace|name */
};

static int kind_rank(const char *kind, const char *const *first, size_t nfirst,
		     const char *const *last, size_t nlast)
{
	for (size_t i = 0; i < nfirst; i++)
		if (!strcmp(first[i], kind))
			return (int)i - (int)nfirst;
	for (size_t i = 0; i < nlast; i++)
		if (!strcmp(last[i], kind))
			return 1 + (int)i;
	return 0;
}

static char *put(char *p, const char *s, size_t n)
{
	memcpy(p, s, n);
	return p + n;
}

/* group_version_kind, with ~G/~V/~K for empty parts. */
static char *fmt_gvk(const resid *id)
{
	size_t vl = strlen(id->version), kl = strlen(id->kind);
	char *s = malloc(id->glen + vl + kl + 8), *p = s;
	p = id->glen ? put(p, id->group, id->glen) : put(p, "~G", 2);
	*p++ = '_';
	p = vl ? put(p, id->version, vl) : put(p, "~V", 2);
	*p++ = '_';
	p = kl ? put(p, id->kind, kl) : put(p, "~K", 2);
	*p = 0;
	return s;
}

/* kind.version.group|namespace|name, [noGrp] ~X ~N for empty parts. */
static char *fmt_key(const resid *id)
{
	size_t vl = strlen(id->version), kl = strlen(id->kind), nsl = strlen(id->ns),
	       nl = strlen(id->name);
	char *s = malloc(id->glen + vl + kl + nsl + nl + 24), *p = s;
	p = put(p, id->kind, kl);
	*p++ = '.';
	p = put(p, id->version, vl);
	*p++ = '.';
	p = id->glen ? put(p, id->group, id->glen) : put(p, "[noGrp]", 7);
	*p++ = '|';
	p = nsl ? put(p, id->ns, nsl) : put(p, "~X", 2);
	*p++ = '|';
	p = nl ? put(p, id->name, nl) : put(p, "~N", 2);
	*p = 0;
	return s;
}

static int item_cmp(const void *x, const void *y)
{
	const struct sort_item *a = x, *b = y;
	int same_gvk = a->id.glen == b->id.glen && !memcmp(a->id.group, b->id.group, a->id.glen) &&
		       !strcmp(a->id.version, b->id.version) && !strcmp(a->id.kind, b->id.kind);
	if (!same_gvk) {
		if (a->rank != b->rank)
			return a->rank < b->rank ? -1 : 1;
		int c = strcmp(a->gvk, b->gvk);
		if (!strcmp(a->id.kind, "Namespace") && !strcmp(b->id.kind, "Namespace") &&
		    (!a->id.glen || !b->id.glen))
			c = -c;
		return c;
	}
	return strcmp(a->key, b->key);
}

void order_legacy(resmap *m, const char *const *first, size_t nfirst, const char *const *last,
		  size_t nlast)
{
	if (!first) {
		first = DEFAULT_FIRST;
		nfirst = sizeof DEFAULT_FIRST / sizeof *DEFAULT_FIRST;
	}
	if (!last) {
		last = DEFAULT_LAST;
		nlast = sizeof DEFAULT_LAST / sizeof *DEFAULT_LAST;
	}
	struct sort_item *items = calloc(m->n ? m->n : 1, sizeof *items);
	for (size_t i = 0; i < m->n; i++) {
		items[i].r = m->v[i];
		items[i].id = res_id(m->v[i]);
		items[i].rank = kind_rank(items[i].id.kind, first, nfirst, last, nlast);
		items[i].gvk = fmt_gvk(&items[i].id);
		items[i].key = fmt_key(&items[i].id);
	}
	qsort(items, m->n, sizeof *items, item_cmp);
	for (size_t i = 0; i < m->n; i++) {
		m->v[i] = items[i].r;
		free(items[i].gvk);
		free(items[i].key);
	}
	free(items);
}

static int kind_list(arena *a, const node *n, const char *const **out, size_t *len, err *e)
{
	*out = NULL;
	*len = 0;
	if (!n || n->kind == NODE_NULL)
		return 0;
	if (n->kind != NODE_SEQ)
		return err_at(e, n->file, n->line, n->col,
			      "sortOptions: orderFirst/orderLast must be lists of kinds");
	const char **v = arena_alloc(a, (n->seq.n + 1) * sizeof *v);
	for (uint32_t i = 0; i < n->seq.n; i++) {
		if (!node_is_scalar(n->seq.v[i]))
			return err_at(e, n->seq.v[i]->file, n->seq.v[i]->line, n->seq.v[i]->col,
				      "sortOptions: a kind must be a string");
		v[i] = n->seq.v[i]->str.s;
	}
	*out = v;
	*len = n->seq.n;
	return 0;
}

int order_apply(arena *a, resmap *m, const node *so, err *e)
{
	if (!so || so->kind == NODE_NULL) {
		order_legacy(m, NULL, 0, NULL, 0);
		return 0;
	}
	if (so->kind != NODE_MAP)
		return err_at(e, so->file, so->line, so->col, "sortOptions must be a map");
	const char *ord = node_get_str(so, "order");
	node *legacy = node_get(so, "legacySortOptions");
	if (ord && !strcmp(ord, "fifo")) {
		if (legacy && legacy->kind != NODE_NULL)
			return err_at(e, legacy->file, legacy->line, legacy->col,
				      "legacySortOptions set with order 'fifo'; remove one of them");
		return 0;
	}
	if (ord && strcmp(ord, "legacy"))
		return err_at(e, so->file, so->line, so->col,
			      "sortOptions.order must be 'legacy' or 'fifo', not '%s'", ord);
	if (!ord)
		return err_at(e, so->file, so->line, so->col,
			      "sortOptions.order must be set to 'legacy' or 'fifo'");
	const char *const *first = NULL, *const *last = NULL;
	size_t nfirst = 0, nlast = 0;
	if (legacy && (kind_list(a, node_get(legacy, "orderFirst"), &first, &nfirst, e) ||
		       kind_list(a, node_get(legacy, "orderLast"), &last, &nlast, e)))
		return -1;
	if (legacy && legacy->kind == NODE_MAP) {
		/* Given options replace both default lists, even an absent one. */
		static const char *const none[] = {NULL};
		if (!first)
			first = none;
		if (!last)
			last = none;
	}
	order_legacy(m, first, nfirst, last, nlast);
	return 0;
}
