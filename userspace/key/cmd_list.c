// SPDX-License-Identifier: GPL-2.0
/*
 * secex-key list: the keys of the repository and their properties.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmds.h"
#include "keycheck.h"

static const char usage[] =
"Usage: secex-key list [NAME] [OPTIONS]\n"
"\n"
"Show all keys of the repository, or only key NAME.\n"
"\n"
"Options:\n"
"  -r, --repository DIR     key repository\n"
"  -h, --help               this text\n";

static const char *prop(const struct key *k, const char *name,
			const char *dflt)
{
	const char *v = props_get(&k->props, name);

	return v ? v : dflt;
}

void key_print(const struct key *k)
{
	const struct key_token *kt = &k->kt;

	if (k->name)
		printf("Key:                    %s\n", k->name);
	printf("Description:            %s\n", prop(k, PROP_DESCRIPTION, ""));
	printf("Key type:               %s\n", token_kind_name(kt->kind));
	if (kt->kind == KEY_PVSECRET_AES)
		printf("Token:                  UV-secret token (type 0x00, version 0x09)\n");
	else if (kt->pair)
		printf("Token:                  two clear-key tokens (type 0x00, version 0x02), AES-%u each\n",
		       kt->bits);
	else
		printf("Token:                  clear-key token (type 0x00, version 0x02), AES-XTS-%u\n",
		       kt->bits);
	printf("Token size:             %zu bytes (cryptsetup --key-size %zu)\n",
	       k->len, 8 * k->len);
	printf("XTS key:                2 x %u bits\n", kt->bits);
	if (kt->kind == KEY_PVSECRET_AES) {
		int i;

		printf("UV secret:              AES-XTS-%u, id 0x", kt->bits);
		for (i = 0; i < UV_SECRET_ID_LEN; i++)
			printf("%02x", kt->secret_id[i]);
		if (props_get(&k->props, PROP_SECRET_NAME))
			printf(" (name '%s')", props_get(&k->props, PROP_SECRET_NAME));
		printf("\n");
	}
	printf("Volumes:                %s\n", prop(k, PROP_VOLUMES, "(none)"));
	printf("Volume type:            %s\n", prop(k, PROP_VOLUME_TYPE, "LUKS2"));
	printf("Sector size:            %s\n", prop(k, PROP_SECTOR_SIZE, "(default)"));
	printf("Key file:               %s\n", k->file);
	printf("Verification pattern:   %s\n",
	       prop(k, PROP_KEY_VP, "(not recorded yet)"));
	printf("Created:                %s\n", prop(k, PROP_CREATION_TIME, "-"));
	printf("Changed:                %s\n", prop(k, PROP_CHANGE_TIME, "(never)"));
}

int cmd_list(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "repository", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	const char *dir = NULL;
	char **names = NULL;
	size_t n = 0, i;
	struct repo r;
	struct key k;
	int c, ret = EXIT_OK;

	while ((c = cli_getopt(argc, argv, "r:", opts, NULL, usage)) != -1) {
		if (c != 'r')
			return cli_exit(c);
		dir = optarg;
	}
	if (argc - optind > 1)
		return cli_usage_error("unexpected argument '%s'",
				       argv[optind + 1]);
	if (repo_open(&r, dir, REPO_READ))
		return EXIT_ERR;
	if (optind < argc) {
		names = &argv[optind];
		n = 1;
	} else if (repo_names(&r, &names, &n)) {
		repo_close(&r);
		return EXIT_ERR;
	}
	for (i = 0; i < n; i++) {
		if (key_load(&r, names[i], &k)) {
			ret = EXIT_ERR;
		} else {
			if (i)
				printf("\n");
			key_print(&k);
		}
		key_free(&k);
	}
	if (optind == argc)
		repo_free_names(names, n);
	repo_close(&r);
	return ret;
}
