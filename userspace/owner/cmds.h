/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sub-commands of secex-owner.  Each takes argv starting at its own name
 * and returns the process exit code (EXIT_* of common/cli.h).
 */
#ifndef SECEX_OWNER_CMDS_H
#define SECEX_OWNER_CMDS_H

#include "../common/cli.h"

int cmd_hostkey_make(int argc, char **argv);
int cmd_hdr_make(int argc, char **argv);
int cmd_attest_create(int argc, char **argv);
int cmd_attest_verify(int argc, char **argv);
int cmd_secret_create(int argc, char **argv);

#endif /* SECEX_OWNER_CMDS_H */
