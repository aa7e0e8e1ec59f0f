/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sub-commands of secex-key.  Each takes argv starting at its own name and
 * returns the process exit code (EXIT_* of common/cli.h).
 */
#ifndef SECEX_KEY_CMDS_H
#define SECEX_KEY_CMDS_H

#include "../common/cli.h"

int cmd_generate(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_remove(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_cryptsetup(int argc, char **argv);
int cmd_crypttab(int argc, char **argv);
int cmd_enroll(int argc, char **argv);
int cmd_unenroll(int argc, char **argv);

/* Print the properties of a loaded key (list, validate). */
struct key;
void key_print(const struct key *k);

#endif /* SECEX_KEY_CMDS_H */
