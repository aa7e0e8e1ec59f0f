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
int cmd_secret_add_dir(int argc, char **argv);
int cmd_secret_list(int argc, char **argv);
int cmd_secret_lock(int argc, char **argv);
int cmd_secret_retrieve(int argc, char **argv);
int cmd_provision(int argc, char **argv);

/* What secret_add_file() did with a request; each failure was reported. */
enum secret_add_result {
	SECRET_ADDED,		/* the ultravisor took it (and it was recorded) */
	SECRET_ALREADY,		/* its marker exists: added in this boot, not sent */
	SECRET_REJECTED,	/* the ultravisor refused it */
	SECRET_BAD,		/* unreadable, or not an add-secret request */
	SECRET_NO_DEVICE,	/* the device could not be used */
	SECRET_UNRECORDED,	/* added, but its marker could not be written */
};

/*
 * Add the add-secret request in file @path to the ultravisor's secret
 * store: the one add of 'secret add' and 'secret add-dir'.  @what starts
 * the message of a refusal ("@what: ultravisor rc ..."; NULL: the
 * subcommand names the call).  With @state_dir, a request whose marker
 * (@state_dir/<sha256 of the file, hex>) exists is not sent, and one that
 * was added gets its marker.
 */
enum secret_add_result secret_add_file(const char *path, const char *what,
				       const char *state_dir);

/* stdout for NULL or "-", else a new file; close_out() returns EXIT_*. */
FILE *open_out(const char *path);
/*
 * The same for a secret's value: the file is made (or made again) 0600,
 * and a symbolic link or anything but a regular file is refused.
 */
FILE *open_out_private(const char *path);
int close_out(FILE *f);

#endif /* SECEX_UV_CMDS_H */
