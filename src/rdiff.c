/* rdiff.c - rendered objects compared by identity; see rdiff.h.
 *
 * Matching works on a key made of group, kind, namespace and name joined
 * by a byte that cannot occur in any of them, so both lists are sorted and
 * walked once.  An object's YAML is compared as kustomize prints it, so
 * map order and scalar spelling never count as a change.
 */
#include "strata/rdiff.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strata/emit.h"

#define CTX_LINES 3
/* Beyond this many differing lines the trace of Myers' algorithm would
 * grow past ~32 MB; such a diff is printed as one replacement instead. */
#define MYERS_MAX_TRACE ((size_t)8 << 20)

/* --- identities ---------------------------------------------------------- */

static const char *str_or(const char *s, const char *dflt)
{
	return s ? s : dflt;
}

rdiff_ref rdiff_ref_of(arena *a, const node *obj)
{
	rdiff_ref r;
	const node *md = node_get(obj, "metadata");
	r.api_version = str_or(node_get_str(obj, "apiVersion"), "");
	r.kind = str_or(node_get_str(obj, "kind"), "");
	r.ns = str_or(node_get_str(md, "namespace"), "");
	r.name = str_or(node_get_str(md, "name"), "");
	const char *slash = strchr(r.api_version, '/');
	int glen = slash ? (int)(slash - r.api_version) : 0;
	const char *group = glen ? r.api_version : "core";
	if (!glen)
		glen = 4;
	if (r.ns[0])
		r.id = arena_sprintf(a, "%.*s/%s/%s/%s", glen, group, r.kind, r.ns, r.name);
	else
		r.id = arena_sprintf(a, "%.*s/%s/%s", glen, group, r.kind, r.name);
	return r;
}

/* The matching key: like the id but with separators no name contains. */
static const char *match_key(arena *a, const rdiff_ref *r)
{
	const char *slash = strchr(r->api_version, '/');
	int glen = slash ? (int)(slash - r->api_version) : 0;
	return arena_sprintf(a, "%.*s\x01%s\x01%s\x01%s", glen, r->api_version, r->kind, r->ns,
			     r->name);
}

static bool is_core(const rdiff_ref *r)
{
	return !strchr(r->api_version, '/');
}

static bool is_secret(const rdiff_ref *r)
{
	return is_core(r) && !strcmp(r->kind, "Secret");
}

bool rdiff_has_hash_suffix(const char *name)
{
	/* hex digits with 0 1 3 a e replaced by g h k m t */
	static const char alphabet[] = "2456789bcdfghkmt";
	size_t l = strlen(name);
	if (l < 12 || name[l - 11] != '-')
		return false;
	for (size_t i = l - 10; i < l; i++)
		if (!strchr(alphabet, name[i]))
			return false;
	return true;
}

/* --- one side ------------------------------------------------------------ */

typedef struct item {
	const rdiff_obj *o;
	rdiff_ref ref;
	const char *key;
	bool matched;
} item;

static int item_cmp(const void *x, const void *y)
{
	const item *a = x, *b = y;
	return strcmp(a->key, b->key);
}

static int load_side(arena *a, const rdiff_obj *objs, size_t n, const char *side, item **out,
		     err *e)
{
	item *v = arena_alloc(a, (n + 1) * sizeof *v);
	for (size_t i = 0; i < n; i++) {
		v[i].o = &objs[i];
		v[i].ref = rdiff_ref_of(a, objs[i].obj);
		v[i].key = match_key(a, &v[i].ref);
	}
	qsort(v, n, sizeof *v, item_cmp);
	for (size_t i = 1; i < n; i++)
		if (!strcmp(v[i - 1].key, v[i].key))
			return err_set(e, "two objects %s in the %s render: from %s and from %s; "
					  "Flux would apply only one of them, so remove or rename one",
				       v[i].ref.id, side, str_or(v[i - 1].o->source, "(unknown)"),
				       str_or(v[i].o->source, "(unknown)"));
	*out = v;
	return 0;
}

/* --- masking ------------------------------------------------------------- */

static node *mask_str(arena *a, const char *s)
{
	node *n = node_str(a, s);
	n->flags |= NODE_F_QUOTED;
	return n;
}

/* Replaces the values of field in x (and y, the other side, may be NULL)
 * with masks that still show which values differ. */
static void mask_field(arena *a, node *x, node *y, const char *field)
{
	node *mx = node_get(x, field), *my = y ? node_get(y, field) : NULL;
	if (mx && mx->kind != NODE_MAP)
		mx = NULL;
	if (my && my->kind != NODE_MAP)
		my = NULL;
	for (uint32_t i = 0; mx && i < mx->map.n; i++) {
		node_pair *p = &mx->map.v[i];
		node_pair *q = my ? node_find(my, p->key->str.s) : NULL;
		bool differ = q && !node_equal(p->val, q->val);
		p->val = mask_str(a, differ ? "*** (before)" : "***");
		if (q)
			q->val = mask_str(a, differ ? "*** (after)" : "***");
	}
	for (uint32_t i = 0; my && i < my->map.n; i++) {
		node_pair *q = &my->map.v[i];
		if (!mx || !node_find(mx, q->key->str.s))
			q->val = mask_str(a, "***");
	}
}

/* Copies of a Secret's old and new tree (either may be NULL) with the
 * values masked. */
static void mask_secret(arena *a, const node *from, const node *to, node **mf, node **mt)
{
	*mf = from ? node_clone(a, from) : NULL;
	*mt = to ? node_clone(a, to) : NULL;
	node *x = *mf ? *mf : *mt, *y = *mf ? *mt : NULL;
	mask_field(a, x, y, "data");
	mask_field(a, x, y, "stringData");
}

/* --- comparing ----------------------------------------------------------- */

static void push(arena *a, rdiff_set *s, size_t *cap, const rdiff_entry *en)
{
	if (s->n == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		s->v = arena_grow(a, s->v, *cap * sizeof *s->v, nc * sizeof *s->v);
		*cap = nc;
	}
	s->v[s->n++] = *en;
	if (en->change == RDIFF_ADDED)
		s->added++;
	else if (en->change == RDIFF_REMOVED)
		s->removed++;
	else
		s->changed++;
}

static char *detach_arena(arena *a, buf *b)
{
	char *s = arena_strndup(a, b->p ? b->p : "", b->len);
	buf_free(b);
	return s;
}

/* A CHANGED entry for x -> y, or nothing when their YAML is the same. */
static int compare_pair(arena *a, rdiff_set *s, size_t *cap, const item *x, const item *y,
			err *e)
{
	buf bx = BUF_INIT, by = BUF_INIT;
	int rc = emit_doc(&bx, x->o->obj, e);
	if (!rc)
		rc = emit_doc(&by, y->o->obj, e);
	bool same = !rc && bx.len == by.len && !memcmp(bx.p, by.p, bx.len);
	if (!rc && !same && (is_secret(&x->ref) || is_secret(&y->ref))) {
		node *mx, *my;
		mask_secret(a, x->o->obj, y->o->obj, &mx, &my);
		buf_reset(&bx);
		buf_reset(&by);
		rc = emit_doc(&bx, mx, e);
		if (!rc)
			rc = emit_doc(&by, my, e);
	}
	if (!rc && !same) {
		buf d = BUF_INIT;
		rdiff_unified(&d, bx.p, bx.len, by.p, by.len, arena_sprintf(a, "a/%s", x->ref.id),
			      arena_sprintf(a, "b/%s", y->ref.id), CTX_LINES);
		rdiff_entry en = {RDIFF_CHANGED, x->ref, y->ref, detach_arena(a, &d)};
		push(a, s, cap, &en);
	}
	buf_free(&bx);
	buf_free(&by);
	return rc;
}

static int added_entry(arena *a, rdiff_set *s, size_t *cap, const item *y, err *e)
{
	buf t = BUF_INIT, d = BUF_INIT;
	node *shown = (node *)y->o->obj, *unused;
	if (is_secret(&y->ref))
		mask_secret(a, NULL, y->o->obj, &unused, &shown);
	if (emit_doc(&t, shown, e)) {
		buf_free(&t);
		return -1;
	}
	rdiff_unified(&d, "", 0, t.p, t.len, "/dev/null", arena_sprintf(a, "b/%s", y->ref.id),
		      CTX_LINES);
	buf_free(&t);
	rdiff_entry en = {RDIFF_ADDED, {0}, y->ref, detach_arena(a, &d)};
	push(a, s, cap, &en);
	return 0;
}

/* Generated ConfigMaps and Secrets are renamed by their content hash. */
static bool hash_candidate(const item *it)
{
	return !it->matched && is_core(&it->ref) &&
	       (!strcmp(it->ref.kind, "ConfigMap") || !strcmp(it->ref.kind, "Secret")) &&
	       rdiff_has_hash_suffix(it->ref.name);
}

static bool same_base(const item *x, const item *y)
{
	size_t lx = strlen(x->ref.name), ly = strlen(y->ref.name);
	return lx == ly && !memcmp(x->ref.name, y->ref.name, lx - 11) &&
	       !strcmp(x->ref.kind, y->ref.kind) && !strcmp(x->ref.ns, y->ref.ns);
}

static size_t count_base(const item *v, size_t n, const item *like)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += hash_candidate(&v[i]) && same_base(&v[i], like);
	return c;
}

/* Pairs a left-over old and new object whose names differ only by the hash
 * suffix, when each side has exactly one such candidate. */
static int pair_hashed(arena *a, rdiff_set *s, size_t *cap, item *x, size_t nx, item *y,
		       size_t ny, err *e)
{
	for (size_t i = 0; i < nx; i++) {
		if (!hash_candidate(&x[i]) || count_base(x, nx, &x[i]) != 1)
			continue;
		for (size_t j = 0; j < ny; j++) {
			if (!hash_candidate(&y[j]) || !same_base(&x[i], &y[j]))
				continue;
			if (count_base(y, ny, &x[i]) != 1)
				break;
			if (compare_pair(a, s, cap, &x[i], &y[j], e))
				return -1;
			x[i].matched = y[j].matched = true;
			break;
		}
	}
	return 0;
}

static const char *entry_id(const rdiff_entry *en)
{
	return en->change == RDIFF_REMOVED ? en->from.id : en->to.id;
}

static int entry_cmp(const void *p, const void *q)
{
	return strcmp(entry_id(p), entry_id(q));
}

int rdiff_compare(arena *a, const rdiff_obj *from, size_t nfrom, const rdiff_obj *to,
		  size_t nto, rdiff_set *out, err *e)
{
	memset(out, 0, sizeof *out);
	item *x, *y;
	if (load_side(a, from, nfrom, "old", &x, e) || load_side(a, to, nto, "new", &y, e))
		return -1;
	size_t cap = 0;
	for (size_t i = 0, j = 0; i < nfrom && j < nto;) {
		int c = strcmp(x[i].key, y[j].key);
		if (c < 0) {
			i++;
		} else if (c > 0) {
			j++;
		} else {
			if (compare_pair(a, out, &cap, &x[i], &y[j], e))
				return -1;
			x[i++].matched = y[j++].matched = true;
		}
	}
	if (pair_hashed(a, out, &cap, x, nfrom, y, nto, e))
		return -1;
	for (size_t i = 0; i < nfrom; i++) {
		if (x[i].matched)
			continue;
		rdiff_entry en = {RDIFF_REMOVED, x[i].ref, {0}, NULL};
		push(a, out, &cap, &en);
	}
	for (size_t j = 0; j < nto; j++)
		if (!y[j].matched && added_entry(a, out, &cap, &y[j], e))
			return -1;
	if (out->n)
		qsort(out->v, out->n, sizeof *out->v, entry_cmp);
	return 0;
}

/* --- unified diff -------------------------------------------------------- */

typedef struct line {
	const char *p;
	size_t len;      /* with the newline, if any */
	uint64_t h;
} line;

static size_t split_lines(const char *s, size_t n, line **out)
{
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		count += s[i] == '\n';
	if (n && s[n - 1] != '\n')
		count++;
	line *v = malloc((count + 1) * sizeof *v);
	size_t k = 0;
	for (size_t i = 0; i < n;) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t len = nl ? (size_t)(nl - (s + i)) + 1 : n - i;
		uint64_t h = 1469598103934665603ull;  /* FNV-1a */
		for (size_t j = 0; j < len; j++)
			h = (h ^ (unsigned char)s[i + j]) * 1099511628211ull;
		v[k++] = (line){s + i, len, h};
		i += len;
	}
	*out = v;
	return count;
}

static bool line_eq(const line *x, const line *y)
{
	return x->h == y->h && x->len == y->len && !memcmp(x->p, y->p, x->len);
}

enum { OP_EQ = 'E', OP_DEL = 'D', OP_INS = 'I' };

/* Myers' greedy O(ND) search with the V array of every step kept for the
 * walk back.  Writes the ops for A -> B in reverse order into rev;
 * returns their count, or -1 when the trace would grow too large. */
static long myers(const line *A, long n, const line *B, long m, char *rev)
{
	long max = n + m, off = max + 1;
	long *v = calloc((size_t)(2 * max + 3), sizeof *v);
	long **trace = calloc((size_t)max + 1, sizeof *trace);
	size_t used = 0;
	long dend = -1;
	for (long d = 0; d <= max && dend < 0; d++) {
		for (long k = -d; k <= d; k += 2) {
			long x = (k == -d || (k != d && v[off + k - 1] < v[off + k + 1]))
					 ? v[off + k + 1]
					 : v[off + k - 1] + 1;
			long y = x - k;
			while (x < n && y < m && line_eq(&A[x], &B[y]))
				x++, y++;
			v[off + k] = x;
			if (x >= n && y >= m)
				dend = d;
		}
		used += (size_t)(2 * d + 1);
		if (used > MYERS_MAX_TRACE) {
			for (long i = 0; i < d; i++)
				free(trace[i]);
			free(trace);
			free(v);
			return -1;
		}
		trace[d] = malloc((size_t)(2 * d + 1) * sizeof **trace);
		memcpy(trace[d], v + off - d, (size_t)(2 * d + 1) * sizeof **trace);
	}
	long nops = 0, x = n, y = m;
	for (long d = dend; d > 0; d--) {
		const long *pv = trace[d - 1] + (d - 1);  /* index by k */
		long k = x - y;
		long pk = (k == -d || (k != d && pv[k - 1] < pv[k + 1])) ? k + 1 : k - 1;
		long px = pv[pk];
		long mx = pk == k + 1 ? px : px + 1;  /* x after the step, before the snake */
		while (x > mx)
			rev[nops++] = OP_EQ, x--, y--;
		if (pk == k + 1)
			rev[nops++] = OP_INS, y--;
		else
			rev[nops++] = OP_DEL, x--;
	}
	while (x > 0 && y > 0)
		rev[nops++] = OP_EQ, x--, y--;
	for (long d = 0; d <= dend; d++)
		free(trace[d]);
	free(trace);
	free(v);
	return nops;
}

/* The edit script for A -> B, in order, deletions before insertions within
 * each run of changes (as diff -u prints them). */
static char *edit_script(const line *A, size_t n, const line *B, size_t m, size_t *nops)
{
	char *ops = malloc(n + m + 1);
	size_t pre = 0, suf = 0;
	while (pre < n && pre < m && line_eq(&A[pre], &B[pre]))
		pre++;
	while (suf < n - pre && suf < m - pre && line_eq(&A[n - 1 - suf], &B[m - 1 - suf]))
		suf++;
	size_t k = 0;
	memset(ops, OP_EQ, pre);
	k = pre;
	long mn = (long)(n - pre - suf), mm = (long)(m - pre - suf);
	char *rev = malloc((size_t)(mn + mm) + 1);
	long got = myers(A + pre, mn, B + pre, mm, rev);
	if (got < 0) {
		memset(ops + k, OP_DEL, (size_t)mn);
		memset(ops + k + mn, OP_INS, (size_t)mm);
		k += (size_t)(mn + mm);
	} else {
		for (long i = got - 1; i >= 0; i--)
			ops[k++] = rev[i];
	}
	free(rev);
	memset(ops + k, OP_EQ, suf);
	k += suf;
	for (size_t i = 0; i < k;) {  /* deletions first in each run */
		if (ops[i] == OP_EQ) {
			i++;
			continue;
		}
		size_t j = i, dels = 0;
		while (j < k && ops[j] != OP_EQ)
			dels += ops[j++] == OP_DEL;
		memset(ops + i, OP_DEL, dels);
		memset(ops + i + dels, OP_INS, j - i - dels);
		i = j;
	}
	*nops = k;
	return ops;
}

static void range(buf *out, char sign, size_t start, size_t len)
{
	if (len == 1)
		buf_printf(out, "%c%zu", sign, start + 1);
	else
		buf_printf(out, "%c%zu,%zu", sign, len ? start + 1 : start, len);
}

static void out_line(buf *out, char sign, const line *l)
{
	buf_addc(out, sign);
	buf_add(out, l->p, l->len);
	if (!l->len || l->p[l->len - 1] != '\n')
		buf_adds(out, "\n\\ No newline at end of file\n");
}

/* One hunk: ops [s, e), starting at line ai of A and bi of B. */
static void hunk(buf *out, const char *ops, size_t s, size_t e, const line *A, size_t ai,
		 const line *B, size_t bi)
{
	size_t alen = 0, blen = 0;
	for (size_t i = s; i < e; i++) {
		alen += ops[i] != OP_INS;
		blen += ops[i] != OP_DEL;
	}
	buf_adds(out, "@@ ");
	range(out, '-', ai, alen);
	buf_addc(out, ' ');
	range(out, '+', bi, blen);
	buf_adds(out, " @@\n");
	for (size_t i = s; i < e; i++) {
		if (ops[i] == OP_EQ)
			out_line(out, ' ', &A[ai]), ai++, bi++;
		else if (ops[i] == OP_DEL)
			out_line(out, '-', &A[ai++]);
		else
			out_line(out, '+', &B[bi++]);
	}
}

void rdiff_unified(buf *out, const char *a, size_t alen, const char *b, size_t blen,
		   const char *from_label, const char *to_label, int ctx)
{
	if (alen == blen && (!alen || !memcmp(a, b, alen)))
		return;
	line *A, *B;
	size_t n = split_lines(a, alen, &A), m = split_lines(b, blen, &B), nops;
	char *ops = edit_script(A, n, B, m, &nops);
	buf_printf(out, "--- %s\n+++ %s\n", from_label, to_label);
	size_t c = (size_t)(ctx < 0 ? 0 : ctx);
	size_t ai = 0, bi = 0;  /* lines before op i */
	for (size_t i = 0; i < nops;) {
		if (ops[i] == OP_EQ) {
			i++, ai++, bi++;
			continue;
		}
		size_t back = i < c ? i : c;
		size_t s = i - back, hai = ai - back, hbi = bi - back;
		size_t e = i;  /* extend while the next change is within 2*ctx */
		for (;;) {
			while (e < nops && ops[e] != OP_EQ) {
				ai += ops[e] != OP_INS;
				bi += ops[e] != OP_DEL;
				e++;
			}
			size_t eq = 0;
			while (e + eq < nops && ops[e + eq] == OP_EQ)
				eq++;
			if (e + eq < nops && eq <= 2 * c) {
				e += eq, ai += eq, bi += eq;
				continue;
			}
			size_t tail = eq < c ? eq : c;
			e += tail, ai += tail, bi += tail;
			break;
		}
		hunk(out, ops, s, e, A, hai, B, hbi);
		i = e;
	}
	free(ops);
	free(A);
	free(B);
}

/* --- human --------------------------------------------------------------- */

#define C_BOLD "\033[1m"
#define C_RED "\033[31m"
#define C_GREEN "\033[32m"
#define C_CYAN "\033[36m"
#define C_RESET "\033[m"

static const char *line_color(const char *l, size_t len)
{
	if (len >= 4 && (!memcmp(l, "--- ", 4) || !memcmp(l, "+++ ", 4)))
		return C_BOLD;
	if (len >= 2 && !memcmp(l, "@@", 2))
		return C_CYAN;
	if (len && l[0] == '-')
		return C_RED;
	if (len && l[0] == '+')
		return C_GREEN;
	return NULL;
}

static void add_diff_text(buf *out, const char *text, bool color)
{
	if (!color) {
		buf_adds(out, text);
		return;
	}
	for (const char *s = text; *s;) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		const char *c = line_color(s, len);
		if (c)
			buf_printf(out, "%s%.*s%s\n", c, (int)len, s, C_RESET);
		else
			buf_printf(out, "%.*s\n", (int)len, s);
		s += len + (nl ? 1 : 0);
	}
}

static void add_counts(buf *out, const rdiff_set *s)
{
	if (!s->n) {
		buf_adds(out, "no changes");
		return;
	}
	const char *sep = "";
	if (s->changed)
		buf_printf(out, "%zu changed", s->changed), sep = ", ";
	if (s->added)
		buf_printf(out, "%s%zu added", sep, s->added), sep = ", ";
	if (s->removed)
		buf_printf(out, "%s%zu removed", sep, s->removed);
}

static const char *change_word(rdiff_change c)
{
	return c == RDIFF_ADDED ? "added" : c == RDIFF_REMOVED ? "removed" : "changed";
}

static void human_entry(buf *out, const rdiff_entry *en, bool color)
{
	const char *id = entry_id(en);
	if (en->change == RDIFF_CHANGED && strcmp(en->from.id, en->to.id))
		buf_printf(out, "%s%s %s -> %s%s\n", color ? C_BOLD : "", change_word(en->change),
			   en->from.id, id, color ? C_RESET : "");
	else
		buf_printf(out, "%s%s %s%s\n", color ? C_BOLD : "", change_word(en->change), id,
			   color ? C_RESET : "");
	if (en->text)
		add_diff_text(out, en->text, color);
}

void rdiff_emit_human(const rdiff_report *r, buf *out)
{
	size_t ch = 0, ad = 0, rm = 0, failed = 0;
	for (size_t i = 0; i < r->n; i++) {
		const rdiff_unit *u = &r->v[i];
		if (u->error) {
			failed++;
			continue;
		}
		ch += u->set.changed, ad += u->set.added, rm += u->set.removed;
		buf_printf(out, "%s%s%s%s%s: ", r->color ? C_BOLD : "", u->name,
			   u->note ? " (" : "", u->note ? u->note : "", u->note ? ")" : "");
		add_counts(out, &u->set);
		buf_printf(out, "%s\n", r->color ? C_RESET : "");
		for (size_t j = 0; j < u->set.n; j++)
			human_entry(out, &u->set.v[j], r->color);
		if (u->set.n)
			buf_addc(out, '\n');
	}
	buf_printf(out, "total (%zu path%s, %s -> %s): ", r->n - failed, r->n - failed == 1 ? "" : "s",
		   r->from_label, r->to_label);
	rdiff_set total = {NULL, ch + ad + rm, ad, rm, ch};
	add_counts(out, &total);
	if (failed)
		buf_printf(out, "; %zu failed", failed);
	buf_addc(out, '\n');
}

void rdiff_emit_failures(const rdiff_report *r, const char *prog, buf *out)
{
	for (size_t i = 0; i < r->n; i++) {
		for (const char *s = r->v[i].error; s && *s;) {
			const char *nl = strchr(s, '\n');
			size_t len = nl ? (size_t)(nl - s) : strlen(s);
			buf_printf(out, "%s: %s: %.*s\n", prog, r->v[i].name, (int)len, s);
			s += len + (nl ? 1 : 0);
		}
	}
}

void rdiff_emit_names(const rdiff_report *r, buf *out)
{
	for (size_t i = 0; i < r->n; i++)
		for (size_t j = 0; !r->v[i].error && j < r->v[i].set.n; j++)
			buf_printf(out, "%s %s\n", r->v[i].name, entry_id(&r->v[i].set.v[j]));
}

/* --- markdown ------------------------------------------------------------ */

static size_t longest_backtick_run(const char *s)
{
	size_t best = 0, run = 0;
	for (; *s; s++) {
		run = *s == '`' ? run + 1 : 0;
		if (run > best)
			best = run;
	}
	return best;
}

static void md_code_block(buf *out, const char *lang, const char *text)
{
	size_t fence = longest_backtick_run(text) + 1;
	if (fence < 3)
		fence = 3;
	for (size_t i = 0; i < fence; i++)
		buf_addc(out, '`');
	buf_printf(out, "%s\n%s", lang, text);
	if (text[0] && text[strlen(text) - 1] != '\n')
		buf_addc(out, '\n');
	for (size_t i = 0; i < fence; i++)
		buf_addc(out, '`');
	buf_adds(out, "\n\n");
}

static void md_entry(buf *out, const rdiff_entry *en, bool full)
{
	buf_printf(out, "- %s ", change_word(en->change));
	if (en->change == RDIFF_CHANGED && strcmp(en->from.id, en->to.id))
		buf_printf(out, "`%s` -> ", en->from.id);
	buf_printf(out, "`%s`", entry_id(en));
	if (en->text && full) {
		buf_adds(out, "\n\n");
		md_code_block(out, "diff", en->text);
	} else {
		buf_adds(out, en->text ? " (not shown)\n" : "\n");
	}
}

#define MD_CUT_NOTE "\n%zu diff%s marked *not shown* %s cut to keep this report within %zu bytes; run `strata diff` locally for them.\n"

static void md_cut_note(buf *out, size_t ncut, size_t max)
{
	buf_printf(out, MD_CUT_NOTE, ncut, ncut == 1 ? "" : "s", ncut == 1 ? "was" : "were", max);
}

static void md_table(const rdiff_report *r, buf *out)
{
	buf_printf(out, "### strata diff: %s -> %s\n\n", r->from_label, r->to_label);
	buf_adds(out, "| path | changed | added | removed |\n| :-- | --: | --: | --: |\n");
	for (size_t i = 0; i < r->n; i++) {
		const rdiff_unit *u = &r->v[i];
		buf_printf(out, "| `%s`%s%s%s | ", u->name, u->note ? " (" : "",
			   u->note ? u->note : "", u->note ? ")" : "");
		if (u->error)
			buf_adds(out, "**failed** | | |\n");
		else
			buf_printf(out, "%zu | %zu | %zu |\n", u->set.changed, u->set.added,
				   u->set.removed);
	}
	buf_addc(out, '\n');
}

/* The whole report with the entries marked in cut shortened. */
static void md_render(const rdiff_report *r, const bool *cut, size_t ncut, buf *out)
{
	md_table(r, out);
	size_t k = 0;
	for (size_t i = 0; i < r->n; i++) {
		const rdiff_unit *u = &r->v[i];
		if (!u->error && !u->set.n)
			continue;
		buf_printf(out, "<details><summary><code>%s</code>: ", u->name);
		if (u->error)
			buf_adds(out, "failed");
		else
			add_counts(out, &u->set);
		buf_adds(out, "</summary>\n\n");
		if (u->error)
			md_code_block(out, "", u->error);
		for (size_t j = 0; !u->error && j < u->set.n; j++, k++)
			md_entry(out, &u->set.v[j], !cut[k]);
		if (out->len && out->p[out->len - 2] != '\n')
			buf_addc(out, '\n');
		buf_adds(out, "</details>\n\n");
	}
	if (ncut)
		md_cut_note(out, ncut, r->max_bytes);
}

typedef struct md_cost {
	size_t k;        /* entry index in report order */
	size_t saving;   /* bytes saved by cutting it */
} md_cost;

static int cost_cmp(const void *p, const void *q)
{
	const md_cost *a = p, *b = q;
	if (a->saving != b->saving)
		return a->saving < b->saving ? 1 : -1;
	return a->k < b->k ? -1 : a->k > b->k;
}

/* Cuts the diffs that save most first, until the report fits. */
static size_t md_choose_cuts(const rdiff_report *r, bool *cut, size_t nent)
{
	buf all = BUF_INIT;
	md_render(r, cut, 0, &all);
	size_t total = all.len;
	buf_free(&all);
	if (total <= r->max_bytes)
		return 0;
	md_cost *c = calloc(nent + 1, sizeof *c);
	size_t nc = 0, k = 0;
	for (size_t i = 0; i < r->n; i++) {
		for (size_t j = 0; !r->v[i].error && j < r->v[i].set.n; j++, k++) {
			const rdiff_entry *en = &r->v[i].set.v[j];
			if (!en->text)
				continue;
			buf f = BUF_INIT, s = BUF_INIT;
			md_entry(&f, en, true);
			md_entry(&s, en, false);
			if (f.len > s.len)
				c[nc++] = (md_cost){k, f.len - s.len};
			buf_free(&f);
			buf_free(&s);
		}
	}
	qsort(c, nc, sizeof *c, cost_cmp);
	buf note = BUF_INIT;
	md_cut_note(&note, nent, r->max_bytes);  /* the longest it can be */
	total += note.len;
	buf_free(&note);
	size_t ncut = 0;
	for (size_t i = 0; i < nc && total > r->max_bytes; i++) {
		cut[c[i].k] = true;
		total -= c[i].saving;
		ncut++;
	}
	free(c);
	return ncut;
}

void rdiff_emit_markdown(const rdiff_report *r, buf *out)
{
	size_t nent = 0;
	for (size_t i = 0; i < r->n; i++)
		nent += r->v[i].error ? 0 : r->v[i].set.n;
	bool *cut = calloc(nent + 1, sizeof *cut);
	size_t ncut = r->max_bytes ? md_choose_cuts(r, cut, nent) : 0;
	buf md = BUF_INIT;
	md_render(r, cut, ncut, &md);
	free(cut);
	if (r->max_bytes && md.len > r->max_bytes) {
		/* Even without diffs it is too long: keep whole lines. */
		char trailer[96];
		snprintf(trailer, sizeof trailer, "\n... (the rest is cut to stay within %zu bytes)\n",
			 r->max_bytes);
		size_t keep = r->max_bytes > strlen(trailer) ? r->max_bytes - strlen(trailer) : 0;
		while (keep && md.p[keep - 1] != '\n')
			keep--;
		md.len = keep;
		buf_adds(&md, trailer);
	}
	buf_add(out, md.p ? md.p : "", md.len);
	buf_free(&md);
}

/* --- json ---------------------------------------------------------------- */

static json_t *ref_json(const rdiff_ref *r)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_string(r->id));
	json_object_set_new(o, "apiVersion", json_string(r->api_version));
	json_object_set_new(o, "kind", json_string(r->kind));
	json_object_set_new(o, "namespace", json_string(r->ns));
	json_object_set_new(o, "name", json_string(r->name));
	return o;
}

static json_t *unit_json(const rdiff_unit *u)
{
	json_t *o = json_object(), *ap = json_array(), *del = json_array(), *ch = json_array();
	json_object_set_new(o, "profile", json_string(u->name));
	if (u->error)
		json_object_set_new(o, "error", json_string(u->error));
	if (u->note)
		json_object_set_new(o, "note", json_string(u->note));
	for (size_t j = 0; !u->error && j < u->set.n; j++) {
		const rdiff_entry *en = &u->set.v[j];
		if (en->change == RDIFF_REMOVED) {
			json_array_append_new(del, ref_json(&en->from));
			continue;
		}
		json_array_append_new(ap, ref_json(&en->to));
		if (en->change != RDIFF_CHANGED)
			continue;
		json_t *c = ref_json(&en->to);
		if (strcmp(en->from.id, en->to.id))
			json_object_set_new(c, "previousId", json_string(en->from.id));
		json_object_set_new(c, "diff", json_string(en->text));
		json_array_append_new(ch, c);
	}
	json_object_set_new(o, "applied", ap);
	json_object_set_new(o, "deleted", del);
	json_object_set_new(o, "changed", ch);
	return o;
}

int rdiff_emit_json(const rdiff_report *r, buf *out, err *e)
{
	json_t *root = json_object(), *list = json_array();
	json_object_set_new(root, "from", json_string(r->from_label));
	json_object_set_new(root, "to", json_string(r->to_label));
	for (size_t i = 0; i < r->n; i++)
		json_array_append_new(list, unit_json(&r->v[i]));
	json_object_set_new(root, "profiles", list);
	char *text = json_dumps(root, JSON_INDENT(2));
	json_decref(root);
	if (!text)
		return err_set(e, "cannot encode the report as JSON (invalid UTF-8 in an object?)");
	buf_adds(out, text);
	buf_addc(out, '\n');
	free(text);
	return 0;
}
