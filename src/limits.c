/* limits.c - resource limits and their flags; see limits.h. */
#include "strata/limits.h"

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strata/parse.h"

/* go-yaml itself refuses more than 10000 nested collections, so a deeper
 * tree could never build under kustomize either. */
#define DEPTH_CEILING 10000

const limits limits_default = {
	.max_file_size = (size_t)64 << 20,
	.max_output_size = (size_t)256 << 20,
	/* Real manifests nest a few dozen levels; 1000 keeps every recursive
	 * walk far from the end of a thread's stack. */
	.max_depth = 1000,
	/* About 60 MB of tree, built in a fraction of a second. */
	.max_alias_nodes = 1000 * 1000,
	.max_docs = 1000 * 1000,
};

const char LIMITS_HELP[] =
	"  --max-file-size BYTES   refuse files larger than this (default 64M); a\n"
	"                          K, M or G suffix counts KiB, MiB, GiB\n"
	"  --max-output-size BYTES refuse to produce more output (default 256M)\n"
	"  --max-depth N           nesting of maps and lists (default 1000, at most\n"
	"                          10000, go-yaml's own limit)\n"
	"  --max-alias-nodes N     nodes YAML aliases may create in one file\n"
	"                          (default 1000000)\n"
	"  --max-docs N            YAML documents in one file (default 1000000)\n";

/* A positive count, with a binary K/M/G suffix when sizes allows it. */
static int parse_count(const char *s, bool sizes, size_t *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || end == s || s[0] == '-' || v == 0)
		return -1;
	unsigned shift = 0;
	if (sizes && *end) {
		const char *units = "KMG";
		const char *u = strchr(units, end[0] & ~0x20);
		if (!u || !*u)
			return -1;
		shift = 10 * (unsigned)(u - units + 1);
		end++;
		if (!strcmp(end, "iB") || !strcmp(end, "B"))
			end += strlen(end);
	}
	if (*end || v > (SIZE_MAX >> shift))
		return -1;
	*out = (size_t)v << shift;
	return 0;
}

int limits_option(limits *l, int opt, const char *arg, const char *cmd)
{
	static const struct {
		int opt;
		const char *flag;
		size_t offset;
		bool sizes;
	} flags[] = {
		{LIMITS_OPT_FILE_SIZE, "--max-file-size", offsetof(limits, max_file_size), true},
		{LIMITS_OPT_OUTPUT_SIZE, "--max-output-size", offsetof(limits, max_output_size),
		 true},
		{LIMITS_OPT_DEPTH, "--max-depth", offsetof(limits, max_depth), false},
		{LIMITS_OPT_ALIAS_NODES, "--max-alias-nodes", offsetof(limits, max_alias_nodes),
		 false},
		{LIMITS_OPT_DOCS, "--max-docs", offsetof(limits, max_docs), false},
	};
	for (size_t i = 0; i < sizeof flags / sizeof *flags; i++) {
		if (flags[i].opt != opt)
			continue;
		size_t v;
		if (parse_count(arg, flags[i].sizes, &v)) {
			fprintf(stderr, "%s: %s '%s': give a positive number%s\n", cmd, flags[i].flag,
				arg, flags[i].sizes ? " of bytes (K, M, G suffixes allowed)" : "");
			return 2;
		}
		if (opt == LIMITS_OPT_DEPTH && v > DEPTH_CEILING) {
			fprintf(stderr, "%s: --max-depth %s: at most %d, the depth go-yaml (and so "
					"kustomize) accepts\n",
				cmd, arg, DEPTH_CEILING);
			return 2;
		}
		*(size_t *)((char *)l + flags[i].offset) = v;
		return 0;
	}
	return 1;
}

/* n's depth (0 for a scalar), or anything >= cap once it reaches cap. */
static size_t depth_upto(const node *n, size_t cap)
{
	if (!n || !cap || (n->kind != NODE_MAP && n->kind != NODE_SEQ))
		return 0;
	size_t best = 0;
	uint32_t cnt = n->kind == NODE_MAP ? n->map.n : n->seq.n;
	for (uint32_t i = 0; i < cnt && best + 1 < cap; i++) {
		size_t d = depth_upto(n->kind == NODE_MAP ? n->map.v[i].val : n->seq.v[i], cap - 1);
		if (d > best)
			best = d;
	}
	return best + 1;
}

bool limits_too_deep(const node *n, size_t at)
{
	size_t max = parse_default_limits.max_depth;
	size_t room = at < max ? max - at : 0;
	return depth_upto(n, room + 1) > room;
}

/* Nodes of n, counting no further than cap. */
static size_t count_upto(const node *n, size_t cap)
{
	size_t c = 1;
	uint32_t cnt = n->kind == NODE_MAP ? n->map.n : n->kind == NODE_SEQ ? n->seq.n : 0;
	for (uint32_t i = 0; i < cnt && c < cap; i++)
		c += count_upto(n->kind == NODE_MAP ? n->map.v[i].val : n->seq.v[i], cap - c) +
		     (n->kind == NODE_MAP);
	return c;
}

bool limits_copy_over(size_t *used, const node *n)
{
	size_t max = parse_default_limits.max_alias_nodes;
	if (*used > max)
		return true;
	*used += n ? count_upto(n, max - *used + 1) : 0;
	return *used > max;
}

static size_t hash_str(const char *s)
{
	size_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static void visits_grow(limits_visits *v)
{
	limits_visits bigger = {0};
	bigger.cap = v->cap ? v->cap * 2 : 64;
	bigger.keys = calloc(bigger.cap, sizeof *bigger.keys);
	bigger.counts = calloc(bigger.cap, sizeof *bigger.counts);
	if (!bigger.keys || !bigger.counts)
		abort();
	for (size_t i = 0; i < v->cap; i++) {
		if (!v->keys[i])
			continue;
		size_t j = hash_str(v->keys[i]) & (bigger.cap - 1);
		while (bigger.keys[j])
			j = (j + 1) & (bigger.cap - 1);
		bigger.keys[j] = v->keys[i];
		bigger.counts[j] = v->counts[i];
	}
	bigger.n = v->n;
	free(v->keys);
	free(v->counts);
	*v = bigger;
}

size_t limits_visit(limits_visits *v, const char *key)
{
	if (2 * (v->n + 1) > v->cap)
		visits_grow(v);
	size_t j = hash_str(key) & (v->cap - 1);
	while (v->keys[j] && strcmp(v->keys[j], key))
		j = (j + 1) & (v->cap - 1);
	if (!v->keys[j]) {
		v->keys[j] = strdup(key);
		v->n++;
	}
	return ++v->counts[j];
}

static size_t visits_count(const limits_visits *v, const char *key)
{
	if (!v->cap)
		return 0;
	size_t j = hash_str(key) & (v->cap - 1);
	while (v->keys[j] && strcmp(v->keys[j], key))
		j = (j + 1) & (v->cap - 1);
	return v->keys[j] ? v->counts[j] : 0;
}

bool limits_visits_add(limits_visits *into, const limits_visits *from, size_t max)
{
	for (size_t i = 0; i < from->cap; i++)
		if (from->keys[i] && visits_count(into, from->keys[i]) + from->counts[i] > max)
			return false;
	for (size_t i = 0; i < from->cap; i++)
		for (size_t c = 0; from->keys[i] && c < from->counts[i]; c++)
			limits_visit(into, from->keys[i]);
	return true;
}

void limits_visits_free(limits_visits *v)
{
	for (size_t i = 0; i < v->cap; i++)
		free(v->keys[i]);
	free(v->keys);
	free(v->counts);
	memset(v, 0, sizeof *v);
}

void limits_apply(const limits *l)
{
	parse_default_limits.max_depth = l->max_depth;
	parse_default_limits.max_alias_nodes = l->max_alias_nodes;
	parse_default_limits.max_docs = l->max_docs;
}
