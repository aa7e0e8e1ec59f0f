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
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *dir = NULL, *volumes = NULL, *keyfile = NULL, *list;
	struct volume *v = NULL;
	struct repo r;
	struct key k;
	size_t n = 0, i;
	int c, ret;

	while ((c = getopt_long(argc, argv, "l:r:h", opts, NULL)) != -1) {
		switch (c) {
		case 'l': volumes = optarg; break;
		case 'k': keyfile = optarg; break;
		case 'r': dir = optarg; break;
		case 'h':
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			return usage_error(usage);
		}
	}
	if (argc - optind != 1)
		return usage_error(usage);
	/* crypttab fields are separated by white space and cannot quote. */
	if (keyfile && (keyfile[0] != '/' || strpbrk(keyfile, " \t\n"))) {
		fprintf(stderr, "--key-file: an absolute path without white space\n");
		return EXIT_USAGE;
	}
	if (repo_open(&r, dir, REPO_READ))
		return EXIT_ERR;
	ret = key_load(&r, argv[optind], &k) ? EXIT_ERR : EXIT_OK;
	repo_close(&r);
	list = volumes ? volumes : props_get(&k.props, "volumes");
	if (ret == EXIT_OK && !list) {
		fprintf(stderr, "key '%s' has no volumes: give --volumes DEV:DMNAME\n",
			argv[optind]);
		ret = EXIT_USAGE;
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
