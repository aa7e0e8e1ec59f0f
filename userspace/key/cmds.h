/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sub-commands of secex-key.  Each takes argv starting at its own name and
 * returns the process exit code.
 */
#ifndef SECEX_KEY_CMDS_H
#define SECEX_KEY_CMDS_H

#define EXIT_OK		0
#define EXIT_USAGE	1	/* bad command line */
#define EXIT_ERR	2	/* repository, file or device error */
#define EXIT_INVALID	3	/* the key is not usable, or a pattern differs */

int cmd_generate(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_remove(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_cryptsetup(int argc, char **argv);
int cmd_crypttab(int argc, char **argv);

/* Print the properties of a loaded key (list, validate). */
struct key;
void key_print(const struct key *k);

/* For getopt errors: print @usage to stderr, return EXIT_USAGE. */
int usage_error(const char *usage);

#endif /* SECEX_KEY_CMDS_H */
