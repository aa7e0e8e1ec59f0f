/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sub-commands of secex-uv.  Each takes argv starting at its own name and
 * returns the process exit code (EXIT_* of common/cli.h).
 */
#ifndef SECEX_UV_CMDS_H
#define SECEX_UV_CMDS_H

#include <stdio.h>

#include "../common/cli.h"

int cmd_info(int argc, char **argv);
int cmd_attest_perform(int argc, char **argv);
int cmd_secret_add(int argc, char **argv);
int cmd_secret_list(int argc, char **argv);
int cmd_secret_lock(int argc, char **argv);
int cmd_secret_retrieve(int argc, char **argv);
int cmd_provision(int argc, char **argv);

/* stdout for NULL or "-", else a new file; close_out() returns EXIT_*. */
FILE *open_out(const char *path);
int close_out(FILE *f);

#endif /* SECEX_UV_CMDS_H */
