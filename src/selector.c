/* selector.c - target and label selection; see selector.h. */
#include "strata/selector.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strata/goregex.h"

enum { SEL_GROUP, SEL_VERSION, SEL_KIND, SEL_NAME, SEL_NS };
static const char *const SEL_FIELDS[] = {"group", "version", "kind", "name", "namespace"};

/* Text that matches only itself as an anchored regular expression. */
static bool is_literal(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!isalnum((unsigned char)s[i]) && !strchr("-_/:@=,'\"%&~<>!# ", s[i]))
			return false;
	return true;
}

int selector_compile(const node *target, selector *s, err *e)
{
	memset(s, 0, sizeof *s);
	s->where = target;
	if (!target || target->kind != NODE_MAP)
		return err_at(e, target ? target->file : NULL, target ? target->line : 0,
			      target ? target->col : 0,
			      "a target must be a map of group, version, kind, name, namespace, "
			      "labelSelector, annotationSelector");
	for (int i = 0; i < 5; i++) {
		node *v = node_get(target, SEL_FIELDS[i]);
		if (!v || !node_is_scalar(v) || v->kind == NODE_NULL || !v->str.len)
			continue;
		/* Most targets name one object: no regex to compile or run. */
		if (is_literal(v->str.s, v->str.len)) {
			s->lit[i] = v->str.s;
			continue;
		}
		size_t n = v->str.len + 8;
		char *pat = malloc(n);
		snprintf(pat, n, "^(%s)$", v->str.s);
		/* What Go refuses can also make glibc's compiler blow up. */
		char why[160];
		int rc = goregex_check(v->str.s, why, sizeof why)
				 ? regcomp(&s->re[i], pat, REG_EXTENDED | REG_NOSUB)
				 : REG_BADRPT;
		free(pat);
		if (rc) {
			selector_free(s);
			return err_at(e, v->file, v->line, v->col,
				      "target %s '%s' is not a valid regular expression%s%s",
				      SEL_FIELDS[i], v->str.s,
				      why[0] ? ": error parsing regexp: " : "", why);
		}
		s->has[i] = true;
	}
	s->labels = node_get_str(target, "labelSelector");
	s->annotations = node_get_str(target, "annotationSelector");
	return 0;
}

void selector_free(selector *s)
{
	for (int i = 0; i < 5; i++)
		if (s->has[i])
			regfree(&s->re[i]);
	memset(s->has, 0, sizeof s->has);
	memset(s->lit, 0, sizeof s->lit);
}

static bool re_ok(const selector *s, int i, const char *text)
{
	if (s->lit[i])
		return !strcmp(s->lit[i], text);
	return !s->has[i] || regexec(&s->re[i], text, 0, NULL, 0) == 0;
}

static bool re_ok_n(const selector *s, int i, const char *text, size_t len)
{
	if (s->lit[i])
		return strlen(s->lit[i]) == len && !memcmp(s->lit[i], text, len);
	if (!s->has[i])
		return true;
	char tmp[512];
	if (len >= sizeof tmp)
		len = sizeof tmp - 1;
	memcpy(tmp, text, len);
	tmp[len] = 0;
	return regexec(&s->re[i], tmp, 0, NULL, 0) == 0;
}

int selector_matches(const selector *s, const resource *r, bool *match, err *e)
{
	resid cur = res_id(r);
	const resid *org = &r->orig;
	*match = false;
	if (!re_ok(s, SEL_NS, resid_effective_ns(org)) && !re_ok(s, SEL_NS, resid_effective_ns(&cur)))
		return 0;
	if (!re_ok(s, SEL_NAME, org->name) && !re_ok(s, SEL_NAME, cur.name))
		return 0;
	if (!re_ok_n(s, SEL_GROUP, cur.group, cur.glen) || !re_ok(s, SEL_VERSION, cur.version) ||
	    !re_ok(s, SEL_KIND, cur.kind))
		return 0;
	bool ok = true;
	if (s->labels && labelsel_matches(s->labels, node_dig(r->obj, "metadata", "labels", NULL),
					  &ok, e))
		return -1;
	if (!ok)
		return 0;
	if (s->annotations &&
	    labelsel_matches(s->annotations, node_dig(r->obj, "metadata", "annotations", NULL),
			     &ok, e))
		return -1;
	*match = ok;
	return 0;
}

/* --- label selector expressions ------------------------------------- */

struct lex {
	const char *p;
	const char *expr;
};

static void skip_ws(struct lex *l)
{
	while (isspace((unsigned char)*l->p))
		l->p++;
}

static bool is_word(char c)
{
	return c && !isspace((unsigned char)c) && !strchr(",()=!<>", c);
}

static size_t word(struct lex *l, const char **start)
{
	skip_ws(l);
	*start = l->p;
	while (is_word(*l->p))
		l->p++;
	return (size_t)(l->p - *start);
}

static const node *label_value(const node *labels, const char *k, size_t kl)
{
	if (!labels || labels->kind != NODE_MAP)
		return NULL;
	for (uint32_t i = 0; i < labels->map.n; i++) {
		node *key = labels->map.v[i].key;
		if (key->str.len == kl && !memcmp(key->str.s, k, kl))
			return labels->map.v[i].val;
	}
	return NULL;
}

static bool val_is(const node *v, const char *s, size_t n)
{
	return v && node_is_scalar(v) && v->str.len == n && !memcmp(v->str.s, s, n);
}

static int sel_error(struct lex *l, err *e, const char *what)
{
	return err_set(e, "invalid label selector '%s': %s at offset %d", l->expr, what,
		       (int)(l->p - l->expr));
}

/* One requirement; sets *ok when it holds. */
static int requirement(struct lex *l, const node *labels, bool *ok, err *e)
{
	skip_ws(l);
	bool neg_exists = false;
	if (*l->p == '!') {
		neg_exists = true;
		l->p++;
	}
	const char *k;
	size_t kl = word(l, &k);
	if (!kl)
		return sel_error(l, e, "expected a label key");
	const node *v = label_value(labels, k, kl);
	skip_ws(l);
	if (neg_exists) {
		*ok = v == NULL;
		return 0;
	}
	if (!*l->p || *l->p == ',') {
		*ok = v != NULL;
		return 0;
	}
	if (*l->p == '=' || (*l->p == '!' && l->p[1] == '=')) {
		bool neg = *l->p == '!';
		l->p += neg ? 2 : 1;
		if (!neg && *l->p == '=')
			l->p++;
		const char *val;
		size_t vl = word(l, &val);
		bool eq = val_is(v, val, vl);
		*ok = neg ? !eq : eq;
		return 0;
	}
	const char *op;
	size_t ol = word(l, &op);
	bool in = ol == 2 && !strncmp(op, "in", 2);
	bool notin = ol == 5 && !strncmp(op, "notin", 5);
	if (!in && !notin)
		return sel_error(l, e, "expected =, ==, !=, in or notin");
	skip_ws(l);
	if (*l->p != '(')
		return sel_error(l, e, "expected '('");
	l->p++;
	bool found = false;
	for (;;) {
		const char *val;
		size_t vl = word(l, &val);
		if (val_is(v, val, vl))
			found = true;
		skip_ws(l);
		if (*l->p == ',') {
			l->p++;
			continue;
		}
		if (*l->p == ')') {
			l->p++;
			break;
		}
		return sel_error(l, e, "expected ',' or ')'");
	}
	*ok = in ? found : !found;
	return 0;
}

int labelsel_matches(const char *expr, const node *labels, bool *match, err *e)
{
	struct lex l = {expr, expr};
	*match = true;
	skip_ws(&l);
	if (!*l.p)
		return 0;
	for (;;) {
		bool ok = false;
		if (requirement(&l, labels, &ok, e))
			return -1;
		if (!ok)
			*match = false;
		skip_ws(&l);
		if (!*l.p)
			return 0;
		if (*l.p != ',')
			return sel_error(&l, e, "expected ','");
		l.p++;
	}
}
