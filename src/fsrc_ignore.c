/* fsrc_ignore.c - Flux's source ignore rules as a file source; see
 * fsrc_ignore.h.  The facts behind each rule, with the Flux and go-git
 * files they come from, are in /work/notes/flux-ignore-facts.md.
 *
 * All state is fixed when the source is opened (patterns read eagerly), so
 * the operations only read it and need no locking. */
#include "strata/fsrc_ignore.h"

#include <stdint.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "strata/buf.h"
#include "strata/path.h"
#include "strata/strtab.h"
#include "strata/utf8.h"

/* Pattern lists of fluxcd/pkg sourceignore, comma-separated as there. */
static const char IG_VCS[] = ".git/,.gitignore,.gitmodules,.gitattributes";
static const char IG_DEFAULT[] =
	"*.jpg,*.jpeg,*.gif,*.png,*.wmv,*.flv,*.tar.gz,*.zip,"
	".github/,.circleci/,.travis.yml,.gitlab-ci.yml,appveyor.yml,.drone.yml,"
	"cloudbuild.yaml,codeship-services.yml,codeship-steps.yml,"
	"**/.goreleaser.yml,**/.sops.yaml,**/.flux.yaml";

#define IG_FILE ".sourceignore"
/* bufio.Scanner's default token limit: Flux stops reading a file at the
 * first line this long, silently dropping the rest. */
#define IG_MAX_LINE 65536

typedef struct str {
	const char *p;
	size_t n;
} str;

typedef enum ig_res { IG_NONE, IG_EXCLUDE, IG_INCLUDE } ig_res;

typedef struct ig_pat {
	char *text;     /* pattern after parsing, segments point into it */
	str *seg;
	size_t nseg;
	char *dom;      /* directory it applies below, root-relative */
	str *domseg;
	size_t ndom;
	bool incl, dir_only, glob;
} ig_pat;

typedef struct igsrc {
	fsrc base;
	fsrc *under;
	char *root;       /* root_dir as given (clean, base-relative) */
	char *root_real;  /* root_dir with symlinks resolved */
	ig_pat *pat;
	size_t npat, cap;
	/* Answers given: a build asks about the same paths many times (stat,
	 * read, resolve, listings), and the tree does not change under it.
	 * Render threads share the source, hence the lock. */
	pthread_mutex_t lock;
	strtab seen;  /* path -> its fsrc_type + 1 */
} igsrc;

/* A directory being walked, to stop at symlink loops. */
typedef struct chain {
	const char *real;
	const struct chain *up;
} chain;

static bool str_is(str s, const char *lit)
{
	return s.n == strlen(lit) && !memcmp(s.p, lit, s.n);
}

static char *join(const char *dir, const char *name)
{
	buf b = BUF_INIT;
	buf_adds(&b, dir);
	if (dir[0])
		buf_addc(&b, '/');
	buf_adds(&b, name);
	return buf_detach(&b, NULL);
}

/* Splits s at '/' into a malloc'd array (empty parts kept, as Go's
 * strings.Split keeps them). */
static str *split_slash(const char *s, size_t n, size_t *cnt)
{
	size_t k = 1;
	for (size_t i = 0; i < n; i++)
		k += s[i] == '/';
	str *v = malloc(k * sizeof *v);
	size_t start = 0, j = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i == n || s[i] == '/') {
			v[j].p = s + start;
			v[j].n = i - start;
			j++;
			start = i + 1;
		}
	}
	*cnt = k;
	return v;
}

/* ---- Go's path/filepath.Match on one path element ---------------------
 * Same algorithm as Go's (chunks of single-character operators, each
 * optionally led by a star; a star tries the leftmost fit first, skipping
 * bytes), so odd inputs give Go's answers.  A malformed pattern never
 * matches: Go reports an error and go-git takes that as no match. */

typedef enum chunk_res { CH_OK, CH_FAIL, CH_BAD } chunk_res;

static uint32_t rune_at(const char *s, size_t n, size_t *w)
{
	uint32_t cp;
	size_t k = utf8_seq((const unsigned char *)s, n, &cp);
	if (!k) {
		*w = 1;
		return 0xFFFD;
	}
	*w = k;
	return cp;
}

/* Leading stars, then the run up to the next star outside a class. */
static void next_chunk(str *pat, bool *star, str *chunk)
{
	*star = false;
	while (pat->n && pat->p[0] == '*') {
		pat->p++;
		pat->n--;
		*star = true;
	}
	bool in_class = false;
	size_t i;
	for (i = 0; i < pat->n; i++) {
		char c = pat->p[i];
		if (c == '\\') {
			if (i + 1 < pat->n)
				i++;
		} else if (c == '[') {
			in_class = true;
		} else if (c == ']') {
			in_class = false;
		} else if (c == '*' && !in_class) {
			break;
		}
	}
	chunk->p = pat->p;
	chunk->n = i;
	pat->p += i;
	pat->n -= i;
}

/* One possibly escaped character of a class; false when malformed
 * (missing, '-' or ']' where a character belongs, invalid UTF-8, or the
 * class not closed after it). */
static bool class_char(str c, size_t *i, uint32_t *r)
{
	if (*i >= c.n || c.p[*i] == '-' || c.p[*i] == ']')
		return false;
	if (c.p[*i] == '\\' && ++*i >= c.n)
		return false;
	uint32_t cp;
	size_t w = utf8_seq((const unsigned char *)c.p + *i, c.n - *i, &cp);
	if (!w)
		return false;
	*r = cp;
	*i += w;
	return *i < c.n;
}

/* A class at c.p[*i] == '['; *hit tells whether r is in it. */
static bool class_match(str c, size_t *i, uint32_t r, bool *hit)
{
	++*i;
	bool neg = *i < c.n && c.p[*i] == '^';
	if (neg)
		++*i;
	bool in = false;
	for (size_t ranges = 0;; ranges++) {
		if (*i < c.n && c.p[*i] == ']' && ranges > 0) {
			++*i;
			break;
		}
		uint32_t lo, hi;
		if (!class_char(c, i, &lo))
			return false;
		hi = lo;
		if (c.p[*i] == '-') {
			++*i;
			if (!class_char(c, i, &hi))
				return false;
		}
		if (lo <= r && r <= hi)
			in = true;
	}
	*hit = in != neg;
	return true;
}

/* Whether chunk matches the start of s (*used bytes).  After a mismatch the
 * rest of the chunk is still checked for syntax, as Go does. */
static chunk_res chunk_match(str c, str s, size_t *used)
{
	bool failed = false;
	size_t ci = 0, si = 0;
	while (ci < c.n) {
		if (!failed && si == s.n)
			failed = true;
		char pc = c.p[ci];
		if (pc == '[') {
			uint32_t r = 0;
			if (!failed) {
				size_t w;
				r = rune_at(s.p + si, s.n - si, &w);
				si += w;
			}
			bool hit;
			if (!class_match(c, &ci, r, &hit))
				return CH_BAD;
			if (!hit)
				failed = true;
			continue;
		}
		if (pc == '?') {
			if (!failed) {
				size_t w;
				if (s.p[si] == '/')
					failed = true;
				rune_at(s.p + si, s.n - si, &w);
				si += w;
			}
			ci++;
			continue;
		}
		if (pc == '\\' && ++ci >= c.n)
			return CH_BAD;
		if (!failed) {
			if (c.p[ci] != s.p[si])
				failed = true;
			si++;
		}
		ci++;
	}
	if (failed)
		return CH_FAIL;
	*used = si;
	return CH_OK;
}

static bool has_meta(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] == '*' || p[i] == '?' || p[i] == '[' || p[i] == '\\')
			return true;
	return false;
}

static bool go_match(str pat, str name)
{
	/* Most patterns are a plain name or "*" and a plain suffix (Flux's
	 * defaults: ".git/", "*.jpg", ...): answered without the chunk walk,
	 * as it would answer them. */
	if (!has_meta(pat.p, pat.n))
		return pat.n == name.n && !memcmp(pat.p, name.p, name.n);
	if (pat.p[0] == '*' && !has_meta(pat.p + 1, pat.n - 1)) {
		size_t sl = pat.n - 1;
		return name.n >= sl && !memcmp(name.p + name.n - sl, pat.p + 1, sl) &&
		       !memchr(name.p, '/', name.n - sl);
	}
	while (pat.n) {
		bool star;
		str c;
		next_chunk(&pat, &star, &c);
		if (star && !c.n)
			return !memchr(name.p, '/', name.n);
		size_t used;
		chunk_res r = chunk_match(c, name, &used);
		if (r == CH_OK && (used == name.n || pat.n)) {
			name.p += used;
			name.n -= used;
			continue;
		}
		if (r == CH_BAD)
			return false;
		bool moved = false;
		for (size_t i = 0; star && !moved && i < name.n && name.p[i] != '/'; i++) {
			str rest = {name.p + i + 1, name.n - i - 1};
			r = chunk_match(c, rest, &used);
			if (r == CH_BAD)
				return false;
			if (r != CH_OK || (!pat.n && used < rest.n))
				continue;
			name.p = rest.p + used;
			name.n = rest.n - used;
			moved = true;
		}
		if (!moved)
			return false;
	}
	return name.n == 0;
}

/* ---- go-git v5 gitignore patterns ------------------------------------ */

/* A pattern without '/' (after the trailing one is taken off) may match any
 * element; matching an element above the last hides what lies below. */
static bool simple_match(const ig_pat *p, const str *el, size_t n, bool is_dir)
{
	for (size_t i = 0; i < n; i++) {
		if (!go_match(p->seg[0], el[i]))
			continue;
		return !(p->dir_only && !is_dir && i == n - 1);
	}
	return false;
}

static bool has_double_star(str s)
{
	for (size_t i = 0; i + 1 < s.n; i++)
		if (s.p[i] == '*' && s.p[i + 1] == '*')
			return true;
	return false;
}

/* A pattern with '/' matches from the start of its domain, segment by
 * segment; "**" skips to the first element fitting the next segment (no
 * backtracking), a final "**" adds nothing, and matching a prefix of the
 * path is enough. */
static bool glob_match(const ig_pat *p, const str *el, size_t n, bool is_dir)
{
	bool matched = false, skip = false;
	size_t at = 0;
	for (size_t k = 0; k < p->nseg; k++) {
		str s = p->seg[k];
		if (!s.n) {
			skip = false;
			continue;
		}
		if (str_is(s, "**")) {
			if (k == p->nseg - 1)
				break;
			skip = true;
			continue;
		}
		if (has_double_star(s))
			return false;
		if (at == n)
			return false;
		if (skip) {
			skip = false;
			matched = false;
			while (at < n && !matched)
				matched = go_match(s, el[at++]);
			continue;
		}
		if (!go_match(s, el[at]))
			return false;
		matched = true;
		at++;
	}
	if (matched && p->dir_only && !is_dir && at == n)
		return false;
	return matched;
}

static ig_res pat_match(const ig_pat *p, const str *el, size_t n, bool is_dir)
{
	if (n <= p->ndom)
		return IG_NONE;
	for (size_t i = 0; i < p->ndom; i++)
		if (el[i].n != p->domseg[i].n || memcmp(el[i].p, p->domseg[i].p, el[i].n))
			return IG_NONE;
	el += p->ndom;
	n -= p->ndom;
	bool hit = p->glob ? glob_match(p, el, n, is_dir) : simple_match(p, el, n, is_dir);
	if (!hit)
		return IG_NONE;
	return p->incl ? IG_INCLUDE : IG_EXCLUDE;
}

/* The last pattern that matches decides; *who gets its index. */
static bool rules_exclude(const igsrc *g, const char *rel, bool is_dir, size_t *who)
{
	size_t n;
	str *el = split_slash(rel, strlen(rel), &n);
	bool out = false;
	for (size_t i = g->npat; i-- > 0;) {
		ig_res r = pat_match(&g->pat[i], el, n, is_dir);
		if (r != IG_NONE) {
			out = r == IG_EXCLUDE;
			if (who)
				*who = i;
			break;
		}
	}
	free(el);
	return out;
}

/* ParsePattern: "!" first, then trailing spaces (unless the last is
 * escaped), then one trailing '/'.  Leading blanks stay part of it. */
static void add_pattern(igsrc *g, const char *line, size_t len, const char *dom)
{
	ig_pat p = {0};
	if (len && line[0] == '!') {
		p.incl = true;
		line++;
		len--;
	}
	if (!(len >= 2 && line[len - 2] == '\\' && line[len - 1] == ' '))
		while (len && line[len - 1] == ' ')
			len--;
	if (len && line[len - 1] == '/') {
		p.dir_only = true;
		len--;
	}
	p.glob = memchr(line, '/', len) != NULL;
	p.text = malloc(len + 1);
	memcpy(p.text, line, len);
	p.text[len] = 0;
	p.seg = split_slash(p.text, len, &p.nseg);
	p.dom = strdup(dom);
	if (dom[0]) {
		p.domseg = split_slash(p.dom, strlen(p.dom), &p.ndom);
	} else {
		p.domseg = NULL;
		p.ndom = 0;
	}
	if (g->npat == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 32;
		g->pat = realloc(g->pat, g->cap * sizeof *g->pat);
	}
	g->pat[g->npat++] = p;
}

static void add_list(igsrc *g, const char *list)
{
	const char *s = list;
	for (;;) {
		const char *c = strchr(s, ',');
		size_t n = c ? (size_t)(c - s) : strlen(s);
		add_pattern(g, s, n, "");
		if (!c)
			break;
		s = c + 1;
	}
}

/* unicode.IsSpace, which strings.TrimSpace uses to drop blank lines. */
static bool go_space(uint32_t r)
{
	switch (r) {
	case '\t': case '\n': case '\v': case '\f': case '\r': case ' ':
	case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029:
	case 0x202F: case 0x205F: case 0x3000:
		return true;
	}
	return r >= 0x2000 && r <= 0x200A;
}

static bool blank(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		size_t w = utf8_seq((const unsigned char *)s + i, n - i, &cp);
		if (!w || !go_space(cp))
			return false;
		i += w;
	}
	return true;
}

/* ReadPatterns: lines as bufio.Scanner cuts them (one trailing CR
 * dropped), '#' lines and blank ones skipped. */
static size_t read_patterns(igsrc *g, const char *data, size_t len, const char *dom)
{
	size_t added = 0, i = 0;
	while (i < len) {
		const char *nl = memchr(data + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - data) : len;
		size_t n = end - i;
		if (n >= IG_MAX_LINE)
			break;
		const char *line = data + i;
		if (n && line[n - 1] == '\r')
			n--;
		if (!(n && line[0] == '#') && !blank(line, n)) {
			add_pattern(g, line, n, dom);
			added++;
		}
		i = end + 1;
	}
	return added;
}

/* ---- paths ------------------------------------------------------------ */

/* The path relative to the repository root, NULL for the root itself and
 * for anything outside it. */
static const char *rel_path(const igsrc *g, const char *path)
{
	size_t rl = strlen(g->root);
	if (!rl)
		return path[0] ? path : NULL;
	if (strncmp(path, g->root, rl) || path[rl] != '/')
		return NULL;
	return path + rl + 1;
}

/* Resolved path (malloc'd) when path stays inside the repository once its
 * symlinks are followed, else NULL. */
static char *real_inside(const igsrc *g, const char *path)
{
	char *real;
	err tmp = ERR_INIT;
	if (fsrc_resolve(g->under, path, &real, &tmp)) {
		err_clear(&tmp);
		return NULL;
	}
	if (!path_within(real, g->root_real)) {
		free(real);
		return NULL;
	}
	return real;
}

/* Whether real is parent_real/name, i.e. no symlink led there.  Flux's
 * walks go by lstat and never enter a symlinked directory; following them
 * would also let a few links multiply a walk without end. */
static bool direct_child(const char *parent_real, const char *name, const char *real)
{
	size_t l = strlen(parent_real);
	if (!l)
		return !strcmp(real, name);
	return !strncmp(real, parent_real, l) && real[l] == '/' && !strcmp(real + l + 1, name);
}

static bool on_chain(const chain *c, const char *real)
{
	for (; c; c = c->up)
		if (!strcmp(c->real, real))
			return true;
	return false;
}

/* ---- loading ------------------------------------------------------------ */

/* LoadIgnorePatterns: the directory's own file, then its subdirectories in
 * name order, depth first; .git directories are not searched. */
static int load_dir(igsrc *g, const char *dir, const char *dom, const chain *up,
		    size_t *added, err *e)
{
	char *f = join(dir, IG_FILE);
	int rc = 0;
	if (fsrc_stat(g->under, f) == FSRC_FILE) {
		char *data;
		size_t len;
		rc = fsrc_read(g->under, f, &data, &len, e);
		if (!rc) {
			*added += read_patterns(g, data, len, dom);
			free(data);
		}
	}
	free(f);
	if (rc)
		return -1;
	char **names;
	size_t n;
	if (fsrc_list(g->under, dir, &names, &n, e))
		return -1;
	for (size_t i = 0; i < n && !rc; i++) {
		if (!strcmp(names[i], ".git"))
			continue;
		char *sub = join(dir, names[i]);
		char *real = NULL;
		if (fsrc_stat(g->under, sub) == FSRC_DIR && (real = real_inside(g, sub)) &&
		    !on_chain(up, real) && direct_child(up->real, names[i], real)) {
			char *subdom = join(dom, names[i]);
			chain me = {real, up};
			rc = load_dir(g, sub, subdom, &me, added, e);
			free(subdom);
		}
		free(real);
		free(sub);
	}
	fsrc_free_list(names, n);
	return rc;
}

/* ---- visibility --------------------------------------------------------- */

/* Whether the inclusion pattern q could match something below the
 * directory el[0..n): its domain and leading segments must allow it.  Errs
 * towards yes; it only saves walks. */
static bool could_include_below(const ig_pat *q, const str *el, size_t n)
{
	size_t d = q->ndom < n ? q->ndom : n;
	for (size_t i = 0; i < d; i++)
		if (el[i].n != q->domseg[i].n || memcmp(el[i].p, q->domseg[i].p, el[i].n))
			return false;
	if (!q->glob || q->ndom >= n)
		return true;
	el += q->ndom;
	n -= q->ndom;
	size_t at = 0;
	for (size_t k = 0; k < q->nseg; k++) {
		str s = q->seg[k];
		if (!s.n)
			continue;
		if (str_is(s, "**"))
			return true;
		if (has_double_star(s))
			return false;
		if (at == n)
			return true;
		if (!go_match(s, el[at++]))
			return false;
	}
	return true;
}

static bool worth_walking(const igsrc *g, const char *rel, size_t decided_by)
{
	size_t n;
	str *el = split_slash(rel, strlen(rel), &n);
	bool any = false;
	for (size_t i = decided_by + 1; i < g->npat && !any; i++)
		any = g->pat[i].incl && could_include_below(&g->pat[i], el, n);
	free(el);
	return any;
}

static fsrc_type visible_type(const igsrc *g, const char *path, const chain *up);

/* Some descendant of the excluded directory path is packed after all. */
static bool packed_below(const igsrc *g, const char *path, const chain *up)
{
	char *real = real_inside(g, path);
	if (!real || on_chain(up, real) ||
	    (up && !direct_child(up->real, path_base(path), real))) {
		free(real);
		return false;
	}
	chain me = {real, up};
	char **names;
	size_t n;
	err tmp = ERR_INIT;
	bool found = false;
	if (fsrc_list(g->under, path, &names, &n, &tmp)) {
		err_clear(&tmp);
		free(real);
		return false;
	}
	for (size_t i = 0; i < n && !found; i++) {
		char *sub = join(path, names[i]);
		found = visible_type(g, sub, &me) != FSRC_MISSING;
		free(sub);
	}
	fsrc_free_list(names, n);
	free(real);
	return found;
}

static fsrc_type visible_type(const igsrc *g, const char *path, const chain *up)
{
	fsrc_type t = fsrc_stat(g->under, path);
	const char *rel = rel_path(g, path);
	if (t == FSRC_MISSING || !rel)
		return t;
	char *real = real_inside(g, path);
	if (!real)
		return FSRC_MISSING;
	free(real);
	size_t who;
	if (!rules_exclude(g, rel, t == FSRC_DIR, &who))
		return t;
	if (t == FSRC_DIR && worth_walking(g, rel, who) && packed_below(g, path, up))
		return FSRC_DIR;
	return FSRC_MISSING;
}

/* ---- fsrc operations ---------------------------------------------------- */

static int missing(fsrc *s, const char *path, const char *what, err *e)
{
	return err_set(e, "%s/%s: %sNo such file or directory", s->root, path, what);
}

/* visible_type from the top, remembered. */
static fsrc_type visible(igsrc *g, const char *path)
{
	pthread_mutex_lock(&g->lock);
	strtab_ent *hit = strtab_find(&g->seen, path);
	uintptr_t known = hit ? (uintptr_t)hit->val : 0;
	pthread_mutex_unlock(&g->lock);
	if (known)
		return (fsrc_type)(known - 1);
	fsrc_type t = visible_type(g, path, NULL);
	pthread_mutex_lock(&g->lock);
	strtab_ent *e = strtab_add(&g->seen, path);
	if (e)
		e->val = (void *)((uintptr_t)t + 1);
	pthread_mutex_unlock(&g->lock);
	return t;
}

static fsrc_type ig_stat(fsrc *s, const char *path)
{
	return visible((igsrc *)s, path);
}

static int ig_read(fsrc *s, const char *path, char **data, size_t *len, err *e)
{
	igsrc *g = (igsrc *)s;
	if (visible(g, path) == FSRC_MISSING)
		return missing(s, path, "cannot open: ", e);
	return fsrc_read(g->under, path, data, len, e);
}

static int ig_list(fsrc *s, const char *path, char ***names, size_t *n, err *e)
{
	igsrc *g = (igsrc *)s;
	if (visible(g, path) == FSRC_MISSING)
		return missing(s, path, "cannot list directory: ", e);
	char **v;
	size_t cnt;
	if (fsrc_list(g->under, path, &v, &cnt, e))
		return -1;
	size_t keep = 0;
	for (size_t i = 0; i < cnt; i++) {
		char *sub = join(path, v[i]);
		bool shown = visible(g, sub) != FSRC_MISSING;
		free(sub);
		if (shown)
			v[keep++] = v[i];
		else
			free(v[i]);
	}
	*names = v;
	*n = keep;
	return 0;
}

static int ig_resolve(fsrc *s, const char *path, char **out, err *e)
{
	igsrc *g = (igsrc *)s;
	if (visible(g, path) == FSRC_MISSING)
		return missing(s, path, "", e);
	return fsrc_resolve(g->under, path, out, e);
}

static void ig_close(fsrc *s)
{
	igsrc *g = (igsrc *)s;
	for (size_t i = 0; i < g->npat; i++) {
		free(g->pat[i].text);
		free(g->pat[i].seg);
		free(g->pat[i].dom);
		free(g->pat[i].domseg);
	}
	free(g->pat);
	strtab_free(&g->seen, NULL);
	pthread_mutex_destroy(&g->lock);
	free(g->root);
	free(g->root_real);
	free(g->base.root);
	free(g);
}

static const struct fsrc_ops ig_ops = {
	.stat = ig_stat,
	.read = ig_read,
	.list = ig_list,
	.resolve = ig_resolve,
	.close = ig_close,
};

bool fsrc_ignore_match(fsrc *s, const char *path, bool is_dir)
{
	igsrc *g = (igsrc *)s;
	const char *rel = rel_path(g, path);
	return rel && rules_exclude(g, rel, is_dir, NULL);
}

/* The defaults go first and lose to everything after them; Flux keeps the
 * built-in exclusions only while the repository and spec.ignore add no
 * pattern of their own. */
static int load_all(igsrc *g, const char *extra, err *e)
{
	add_list(g, IG_VCS);
	size_t added = 0;
	chain top = {g->root_real, NULL};
	if (load_dir(g, g->root, "", &top, &added, e))
		return err_wrap(e, "failed to load source ignore patterns from repository");
	if (extra)
		added += read_patterns(g, extra, strlen(extra), "");
	if (!added)
		add_list(g, IG_DEFAULT);
	return 0;
}

fsrc *fsrc_ignore_open(fsrc *base, const char *root_dir, const char *extra_patterns, err *e)
{
	if (!root_dir)
		root_dir = "";
	if (fsrc_stat(base, root_dir) != FSRC_DIR) {
		err_set(e, "%s/%s: the repository root is not a directory", base->root, root_dir);
		return NULL;
	}
	igsrc *g = calloc(1, sizeof *g);
	pthread_mutex_init(&g->lock, NULL);
	g->base.ops = &ig_ops;
	g->base.root = strdup(base->root);
	g->under = base;
	g->root = strdup(root_dir);
	if (fsrc_resolve(base, root_dir, &g->root_real, e) || load_all(g, extra_patterns, e)) {
		ig_close(&g->base);
		return NULL;
	}
	return &g->base;
}
