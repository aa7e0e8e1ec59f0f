/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sub-commands of secex-uv.  Each takes argv starting at its own name and
 * returns the process exit code.
 */
#ifndef SECEX_UV_CMDS_H
#define SECEX_UV_CMDS_H

#include <stdio.h>

#define EXIT_OK		0
#define EXIT_ERR	1	/* usage, file or device error */
#define EXIT_UV		2	/* the ultravisor rejected the call */

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
/* Handle -h/--help only; returns -1 to continue, else an exit code. */
int simple_opts(int argc, char **argv, const char *usage, int nargs);

#endif /* SECEX_UV_CMDS_H */
