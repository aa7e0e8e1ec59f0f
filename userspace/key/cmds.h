/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sub-commands of secex-key.  Each takes argv starting at its own name and
 * returns the process exit code (EXIT_* of common/cli.h).
 */
#ifndef SECEX_KEY_CMDS_H
#define SECEX_KEY_CMDS_H

#include "../common/cli.h"
#include "../common/emit.h"

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
/*
 * The same as an object, member @member of the innermost object of @e or
 * (NULL) an item of its innermost array (Documentation/tools.md).
 */
void key_emit(struct emit *e, const char *member, const struct key *k);
/* --format of list and validate: -1, or EXIT_USAGE after the message. */
int key_parse_format(const char *arg, enum emit_format *fmt);

#endif /* SECEX_KEY_CMDS_H */
