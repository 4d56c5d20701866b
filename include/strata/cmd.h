/* cmd.h - the subcommands, dispatched from main.c's table like git's builtins. */
#ifndef STRATA_CMD_H
#define STRATA_CMD_H

/* Each returns the process exit status: 0 ok, 1 user error, 2 usage. */
int cmd_build(int argc, char **argv);
int cmd_render(int argc, char **argv);

#endif
