/* yaml-floor - the libyaml parse+emit floor that `make bench` compares strata with.
 *
 * usage: yaml-floor [-o OUT] [FILE]
 *
 * Reads a YAML stream (FILE, default standard input) into memory, then, timed,
 * parses it with libyaml's event parser and hands every event straight to
 * libyaml's emitter (go-yaml v2's settings: indent 2, width 80, unicode),
 * writing to /dev/null, or to OUT to check the round trip.  Prints the
 * seconds the parse+emit took, nothing else.  No tree is built: this is the
 * least work any tool that reads and prints the same bytes has to do.
 *
 * Exit status: 0 done, 1 unreadable input or a YAML error, 2 usage.
 * Built by `make bench` as $(BUILD)/yaml-floor; links -lyaml only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <yaml.h>

static int read_all(FILE *f, unsigned char **out, size_t *len)
{
	size_t cap = 1 << 20, n = 0;
	unsigned char *p = malloc(cap);

	if (!p)
		return -1;
	for (;;) {
		size_t got = fread(p + n, 1, cap - n, f);

		n += got;
		if (got == 0)
			break;
		if (n == cap) {
			unsigned char *q = realloc(p, cap * 2);

			if (!q) {
				free(p);
				return -1;
			}
			p = q;
			cap *= 2;
		}
	}
	if (ferror(f)) {
		free(p);
		return -1;
	}
	*out = p;
	*len = n;
	return 0;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Parses and re-emits the whole stream; 0 or -1 with a message printed. */
static int round_trip(const unsigned char *in, size_t len, FILE *out)
{
	yaml_parser_t parser;
	yaml_emitter_t emitter;
	yaml_event_t event;
	int rc = 0, done = 0;

	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, in, len);
	yaml_emitter_initialize(&emitter);
	yaml_emitter_set_output_file(&emitter, out);
	yaml_emitter_set_indent(&emitter, 2);
	yaml_emitter_set_width(&emitter, 80);
	yaml_emitter_set_unicode(&emitter, 1);
	while (!done) {
		if (!yaml_parser_parse(&parser, &event)) {
			fprintf(stderr, "yaml-floor: line %zu: %s\n",
				parser.problem_mark.line + 1,
				parser.problem ? parser.problem : "parse error");
			rc = -1;
			break;
		}
		done = event.type == YAML_STREAM_END_EVENT;
		/* The emitter owns the event from here, even when it fails. */
		if (!yaml_emitter_emit(&emitter, &event)) {
			fprintf(stderr, "yaml-floor: emit: %s\n",
				emitter.problem ? emitter.problem : "emitter error");
			rc = -1;
			break;
		}
	}
	if (rc == 0 && !yaml_emitter_flush(&emitter))
		rc = -1;
	yaml_emitter_delete(&emitter);
	yaml_parser_delete(&parser);
	return rc;
}

int main(int argc, char **argv)
{
	const char *in_path = NULL, *out_path = "/dev/null";
	unsigned char *text;
	size_t len;
	FILE *in = stdin, *out;
	double t0, t1;
	int i, rc;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
			out_path = argv[++i];
		else if (argv[i][0] == '-' && argv[i][1] != '\0')
			goto usage;
		else if (!in_path)
			in_path = argv[i];
		else
			goto usage;
	}
	if (in_path && strcmp(in_path, "-") != 0 && !(in = fopen(in_path, "rb"))) {
		perror(in_path);
		return 1;
	}
	if (read_all(in, &text, &len) != 0) {
		perror(in_path ? in_path : "standard input");
		return 1;
	}
	if (in != stdin)
		fclose(in);
	if (!(out = fopen(out_path, "wb"))) {
		perror(out_path);
		free(text);
		return 1;
	}
	t0 = now();
	rc = round_trip(text, len, out);
	t1 = now();
	if (fclose(out) != 0)
		rc = -1;
	free(text);
	if (rc != 0)
		return 1;
	printf("%.6f\n", t1 - t0);
	return 0;
usage:
	fprintf(stderr, "usage: yaml-floor [-o OUT] [FILE]\n");
	return 2;
}
