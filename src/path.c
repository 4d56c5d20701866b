/* path.c - root-relative path arithmetic; see path.h. */
#include "strata/path.h"

#include <string.h>

char *path_join(arena *a, const char *dir, const char *rel)
{
	size_t dl = rel[0] == '/' ? 0 : strlen(dir), rl = strlen(rel);
	char *out = arena_alloc(a, dl + rl + 2);
	size_t n = 0;
	/* Component-wise fold of dir then rel. */
	const char *parts[2] = {rel[0] == '/' ? "" : dir, rel};
	for (int k = 0; k < 2; k++) {
		const char *p = parts[k];
		while (*p) {
			while (*p == '/')
				p++;
			if (!*p)
				break;
			const char *e = strchr(p, '/');
			size_t l = e ? (size_t)(e - p) : strlen(p);
			if (l == 1 && p[0] == '.') {
				/* skip */
			} else if (l == 2 && p[0] == '.' && p[1] == '.') {
				if (n == 0)
					return NULL;
				while (n > 0 && out[n - 1] != '/')
					n--;
				if (n > 0)
					n--;
			} else {
				if (n)
					out[n++] = '/';
				memcpy(out + n, p, l);
				n += l;
			}
			p += l;
		}
	}
	out[n] = 0;
	return out;
}

char *path_dir(arena *a, const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? arena_strndup(a, p, (size_t)(s - p)) : arena_strdup(a, "");
}

const char *path_base(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

bool path_within(const char *p, const char *dir)
{
	size_t dl = strlen(dir);
	if (dl == 0)
		return true;
	return strncmp(p, dir, dl) == 0 && (p[dl] == 0 || p[dl] == '/');
}
