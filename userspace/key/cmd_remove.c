// SPDX-License-Identifier: GPL-2.0
/*
 * secex-key remove: delete a key from the repository.
 */
#include <getopt.h>
#include <stdio.h>

#include "cmds.h"
#include "repo.h"

static const char usage[] =
"Usage: secex-key remove NAME [OPTIONS]\n"
"\n"
"Delete NAME.skey and NAME.info from the repository.  A volume formatted\n"
"with the key keeps working (LUKS2 holds the token in its key slots), but\n"
"`secex-key cryptsetup` and `validate` no longer know the key.  For a\n"
"PVSECRET-AES key only the reference goes; the secret stays in the UV.\n"
"\n"
"Options:\n"
"  -r, --repository DIR     key repository\n"
"  -h, --help               this text\n";

int cmd_remove(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "repository", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	const char *dir = NULL, *name;
	struct repo r;
	int c, ret = EXIT_ERR;

	while ((c = cli_getopt(argc, argv, "r:", opts, "NAME", usage)) != -1) {
		if (c != 'r')
			return cli_exit(c);
		dir = optarg;
	}
	name = argv[optind];
	if (!repo_valid_name(name))
		return cli_usage_error("invalid key name '%s'", name);
	if (repo_open(&r, dir, REPO_WRITE))
		return EXIT_ERR;
	if (!repo_exists(&r, name))
		cli_err("no key '%s' in repository %s", name, r.dir);
	else if (!repo_remove(&r, name))
		ret = EXIT_OK;
	repo_close(&r);
	return ret;
}
