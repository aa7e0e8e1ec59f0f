/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sub-commands of secex-owner.  Each takes argv starting at its own name
 * and returns the process exit code.
 */
#ifndef SECEX_OWNER_CMDS_H
#define SECEX_OWNER_CMDS_H

#define EXIT_OK		0
#define EXIT_ERR	1
#define EXIT_MISMATCH	2

int cmd_hostkey_make(int argc, char **argv);
int cmd_hdr_make(int argc, char **argv);
int cmd_attest_create(int argc, char **argv);
int cmd_attest_verify(int argc, char **argv);
int cmd_secret_create(int argc, char **argv);

#endif /* SECEX_OWNER_CMDS_H */
