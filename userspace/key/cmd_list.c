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
"Usage: secex-key list [NAME] [--format text|json|yaml] [OPTIONS]\n"
"\n"
"Show all keys of the repository, or only key NAME.\n"
"\n"
"Options:\n"
"  -r, --repository DIR     key repository\n"
"      --format FMT         text (default; also human), json or yaml\n"
"                           (Documentation/tools.md, Machine-readable output)\n"
"  -h, --help               this text\n";

static const char *prop(const struct key *k, const char *name,
			const char *dflt)
{
	const char *v = props_get(&k->props, name);

	return v ? v : dflt;
}

/* One line "LABEL VALUE"; the value comes from disk: escaped. */
static void put(const char *label, const char *value)
{
	printf("%-24s", label);
	cli_put_safe(stdout, value);
	putchar('\n');
}

void key_print(const struct key *k)
{
	const struct key_token *kt = &k->kt;

	if (k->name)
		put("Key:", k->name);
	put("Description:", prop(k, PROP_DESCRIPTION, ""));
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
		if (props_get(&k->props, PROP_SECRET_NAME)) {
			printf(" (name '");
			cli_put_safe(stdout, props_get(&k->props, PROP_SECRET_NAME));
			printf("')");
		}
		printf("\n");
	}
	put("Volumes:", prop(k, PROP_VOLUMES, "(none)"));
	put("Volume type:", prop(k, PROP_VOLUME_TYPE, "LUKS2"));
	put("Sector size:", prop(k, PROP_SECTOR_SIZE, "(default)"));
	put("Key file:", k->file);
	put("Verification pattern:", prop(k, PROP_KEY_VP, "(not recorded yet)"));
	put("Created:", prop(k, PROP_CREATION_TIME, "-"));
	put("Changed:", prop(k, PROP_CHANGE_TIME, "(never)"));
}

void key_emit(struct emit *e, const char *member, const struct key *k)
{
	const struct key_token *kt = &k->kt;
	const char *vol = props_get(&k->props, PROP_VOLUMES);

	emit_object_begin(e, member);
	emit_string(e, "name", k->name);
	emit_string(e, "description", props_get(&k->props, PROP_DESCRIPTION));
	emit_string(e, "key_type", token_kind_name(kt->kind));
	emit_int(e, "token_version", kt->kind == KEY_PVSECRET_AES ?
		 TOKVER_UV_SECRET : TOKVER_CLEAR_KEY);
	emit_int(e, "token_count", kt->pair ? 2 : 1);
	emit_uint(e, "token_size", k->len);
	emit_uint(e, "key_size_bits", 8 * k->len);
	emit_uint(e, "xts_key_bits", kt->bits);
	if (kt->kind == KEY_PVSECRET_AES) {
		emit_object_begin(e, "uv_secret");
		emit_hex(e, "id", kt->secret_id, UV_SECRET_ID_LEN);
		emit_string(e, "name", props_get(&k->props, PROP_SECRET_NAME));
		emit_object_end(e);
	} else {
		emit_null(e, "uv_secret");
	}
	/* zkey's "DEV:DMNAME[,DEV:DMNAME...]", split at the commas */
	emit_array_begin(e, "volumes");
	while (vol && *vol) {
		size_t len = strcspn(vol, ",");

		emit_string_n(e, NULL, vol, len);
		vol += len;
		vol += *vol == ',';
	}
	emit_array_end(e);
	emit_string(e, "volume_type", prop(k, PROP_VOLUME_TYPE, "LUKS2"));
	emit_string(e, "sector_size", props_get(&k->props, PROP_SECTOR_SIZE));
	emit_string(e, "key_file", k->file);
	emit_string(e, "verification_pattern",
		    props_get(&k->props, PROP_KEY_VP));
	emit_string(e, "created", props_get(&k->props, PROP_CREATION_TIME));
	emit_string(e, "changed", props_get(&k->props, PROP_CHANGE_TIME));
	emit_object_end(e);
}

int key_parse_format(const char *arg, enum emit_format *fmt)
{
	if (!emit_parse_format(arg, 0, fmt))
		return -1;
	return cli_usage_error("--format is text, json or yaml, not '%s'", arg);
}

int cmd_list(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "repository", required_argument, NULL, 'r' },
		{ "format", required_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 }
	};
	enum emit_format fmt = EMIT_TEXT;
	const char *dir = NULL;
	char **names = NULL;
	size_t n = 0, i;
	struct repo r;
	struct key k;
	struct emit e;
	int c, ret = EXIT_OK;

	while ((c = cli_getopt(argc, argv, "r:", opts, NULL, usage)) != -1) {
		if (c == 'r') {
			dir = optarg;
		} else if (c == 'F') {
			if (key_parse_format(optarg, &fmt) >= 0)
				return EXIT_USAGE;
		} else {
			return cli_exit(c);
		}
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
	if (fmt != EMIT_TEXT) {
		emit_begin(&e, stdout, fmt);
		emit_array_begin(&e, "keys");
	}
	for (i = 0; i < n; i++) {
		if (key_load(&r, names[i], &k)) {
			ret = EXIT_ERR;
		} else if (fmt != EMIT_TEXT) {
			key_emit(&e, NULL, &k);
		} else {
			if (i)
				printf("\n");
			key_print(&k);
		}
		key_free(&k);
	}
	if (fmt != EMIT_TEXT) {
		emit_array_end(&e);
		if (emit_end(&e))
			ret = EXIT_ERR;
	}
	if (optind == argc)
		repo_free_names(names, n);
	repo_close(&r);
	return ret;
}
