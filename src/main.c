/* main.c - strata's entry point: one table of subcommands, as git does it. */
#include <stdio.h>
#include <string.h>

#include "strata/cmd.h"

#define STRATA_VERSION "0.1.0"

struct subcommand {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
};

static const struct subcommand commands[] = {
	{"build", cmd_build, "build a kustomization directory, as kustomize build does"},
	{"render", cmd_render, "print everything Flux would apply for a profile"},
	{"promote", cmd_promote, "copy an app's patches from one environment's overlay to the next"},
	{"diff", cmd_diff, "compare rendered objects between two Git revisions"},
	{"check", cmd_check, "fail when the staged change alters any rendered object"},
	{"lift", cmd_lift, "fold patches every overlay carries into the base"},
};

static void usage(FILE *f)
{
	fputs("usage: strata [--version] [--help] <command> [<args>]\n\ncommands:\n", f);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fputs("\nRun 'strata <command> --help' for a command's options.\n", f);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	const char *name = argv[1];
	if (!strcmp(name, "--version") || !strcmp(name, "version")) {
		printf("strata %s (kustomize v5.5.0 compatible)\n", STRATA_VERSION);
		return 0;
	}
	if (!strcmp(name, "--help") || !strcmp(name, "-h") || !strcmp(name, "help")) {
		usage(stdout);
		return 0;
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (!strcmp(commands[i].name, name))
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "strata: '%s' is not a strata command; see 'strata --help'\n", name);
	return 2;
}
