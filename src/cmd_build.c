/* cmd_build.c - `strata build DIR`. */
#include <stdio.h>

#include "strata/cmd.h"

int cmd_build(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("strata build: not implemented yet\n", stderr);
	return 1;
}
