/* cmd.h - the subcommands, dispatched from main.c's table like git's builtins. */
#ifndef STRATA_CMD_H
#define STRATA_CMD_H

/* Each returns the process exit status: 0 ok, 1 user error, 2 usage. */
int cmd_build(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_promote(int argc, char **argv);
/* diff and check: 1 means differences (diff with --exit-code), 2 a render
 * failure or usage. */
int cmd_diff(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_lift(int argc, char **argv);

#endif
