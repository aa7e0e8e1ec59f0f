// SPDX-License-Identifier: GPL-2.0
/*
 * secex-key crypttab: /etc/crypttab lines for the volumes of a key.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmds.h"
#include "keycheck.h"
#include "volumes.h"

static const char usage[] =
"Usage: secex-key crypttab NAME [OPTIONS]\n"
"\n"
"Print /etc/crypttab lines (systemd-cryptsetup syntax) for the LUKS2\n"
"volumes of key NAME.  LUKS2 keeps the cipher and the key token in its\n"
"header, so the lines need only the passphrase source.\n"
"\n"
"Options:\n"
"  -l, --volumes LIST       DEV:DMNAME[,...] instead of the key's volumes\n"
"      --key-file FILE      passphrase file (default: none, i.e. ask)\n"
"  -r, --repository DIR     key repository\n"
"  -h, --help               this text\n";

int cmd_crypttab(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "volumes", required_argument, NULL, 'l' },
		{ "key-file", required_argument, NULL, 'k' },
		{ "repository", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	const char *dir = NULL, *volumes = NULL, *keyfile = NULL, *list;
	struct volume *v = NULL;
	struct repo r;
	struct key k;
	size_t n = 0, i;
	int c, ret;

	while ((c = cli_getopt(argc, argv, "l:r:", opts, "NAME", usage)) != -1) {
		switch (c) {
		case 'l': volumes = optarg; break;
		case 'k': keyfile = optarg; break;
		case 'r': dir = optarg; break;
		default:
			return cli_exit(c);
		}
	}
	/* crypttab fields are separated by white space and cannot quote. */
	if (keyfile && (keyfile[0] != '/' || strpbrk(keyfile, " \t\n")))
		return cli_usage_error("--key-file: an absolute path without white space");
	if (repo_open(&r, dir, REPO_READ))
		return EXIT_ERR;
	ret = key_load(&r, argv[optind], &k) ? EXIT_ERR : EXIT_OK;
	repo_close(&r);
	list = volumes ? volumes : props_get(&k.props, "volumes");
	if (ret == EXIT_OK && !list) {
		ret = cli_usage_error("key '%s' has no volumes: give --volumes DEV:DMNAME",
				      argv[optind]);
	}
	if (ret == EXIT_OK && volumes_parse(list, &v, &n))
		ret = EXIT_USAGE;
	for (i = 0; i < n && ret == EXIT_OK; i++)
		printf("%s\t%s\t%s\tluks\n", v[i].dm, v[i].dev,
		       keyfile ? keyfile : "none");
	volumes_free(v, n);
	key_free(&k);
	return ret;
}
