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
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *dir = NULL, *name;
	struct repo r;
	int c, ret = EXIT_ERR;

	while ((c = getopt_long(argc, argv, "r:h", opts, NULL)) != -1) {
		if (c == 'r') {
			dir = optarg;
		} else if (c == 'h') {
			fputs(usage, stdout);
			return EXIT_OK;
		} else {
			return usage_error(usage);
		}
	}
	if (argc - optind != 1)
		return usage_error(usage);
	name = argv[optind];
	if (!repo_valid_name(name)) {
		fprintf(stderr, "invalid key name '%s'\n", name);
		return EXIT_USAGE;
	}
	if (repo_open(&r, dir, REPO_WRITE))
		return EXIT_ERR;
	if (!repo_exists(&r, name))
		fprintf(stderr, "no key '%s' in repository %s\n", name, r.dir);
	else if (!repo_remove(&r, name))
		ret = EXIT_OK;
	repo_close(&r);
	return ret;
}
