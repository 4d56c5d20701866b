/* replay_main.c - runs a fuzz target's LLVMFuzzerTestOneInput on files
 * without libFuzzer: `replay_<target> FILE...` reads each file whole and
 * hands it over once, so the regression corpus runs with any compiler.
 * Prints "ok FILE" per input; a finding crashes (or trips a sanitizer). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return -1;
	}
	size_t cap = 4096, len = 0;
	unsigned char *p = malloc(cap);
	size_t r;
	while ((r = fread(p + len, 1, cap - len, f)) > 0) {
		len += r;
		if (len == cap)
			p = realloc(p, cap *= 2);
	}
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		perror(path);
		free(p);
		return -1;
	}
	/* An exact-size copy, so a read past the end shows under ASan. */
	unsigned char *exact = malloc(len ? len : 1);
	for (size_t i = 0; i < len; i++)
		exact[i] = p[i];
	free(p);
	LLVMFuzzerTestOneInput(exact, len);
	free(exact);
	printf("ok %s\n", path);
	fflush(stdout);
	return 0;
}

int main(int argc, char **argv)
{
	int rc = 0;
	for (int i = 1; i < argc; i++)
		if (replay(argv[i]))
			rc = 1;
	return rc;
}
