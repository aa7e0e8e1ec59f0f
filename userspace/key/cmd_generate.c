// SPDX-License-Identifier: GPL-2.0
/*
 * secex-key generate: a new volume key in the repository.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "../common/fileio.h"
#include "../common/hex.h"
#include "../common/sha256.h"
#include "cmds.h"
#include "keycheck.h"
#include "volumes.h"

static const char usage[] =
"Usage: secex-key generate NAME [OPTIONS]\n"
"\n"
"Make a volume key for paes-xts-plain64 and store it in the repository as\n"
"NAME.skey (the key token) and NAME.info (its properties), in zkey's format.\n"
"\n"
"Key types:\n"
"  PVSECRET-AES  a UV-secret token naming a retrievable AES-XTS secret of the\n"
"                ultravisor: the key is never in the guest, in the clear or\n"
"                wrapped, except inside the kernel while in use\n"
"  CLEAR-AES     a clear-key token holding a random AES-XTS key: for tests\n"
"                only (the key is in the file; secex_pkey refuses such\n"
"                tokens unless its clrkey parameter is set)\n"
"\n"
"Options:\n"
"  -K, --key-type TYPE      CLEAR-AES or PVSECRET-AES (default: PVSECRET-AES\n"
"                           with --secret-id/--secret-name, else CLEAR-AES)\n"
"  -k, --keybits BITS       size of each of the two XTS keys: 128 or 256\n"
"                           (default 256); for PVSECRET-AES the secret is\n"
"                           AES-XTS-128 or AES-XTS-256 accordingly\n"
"  -i, --secret-id HEX      PVSECRET-AES: the secret's 32-byte id\n"
"  -n, --secret-name NAME   PVSECRET-AES: the name the secret was created with\n"
"                           (id = SHA-256(NAME), as pvsecret and secex-owner)\n"
"  -x, --xts-form FORM      CLEAR-AES: full (default), one AES-XTS token; or\n"
"                           pair, two AES-256 tokens (one per XTS key)\n"
"  -c, --clearkey FILE      CLEAR-AES: take the XTS key (32 or 64 bytes) from\n"
"                           FILE instead of generating it\n"
"  -d, --description TEXT   free text\n"
"  -l, --volumes LIST       DEV:DMNAME[,DEV:DMNAME...] the key is for\n"
"  -S, --sector-size BYTES  sector size for luksFormat (512-4096, power of 2)\n"
"  -r, --repository DIR     key repository\n"
"  -h, --help               this text\n"
"\n"
"The verification pattern is computed right away if the kernel can use the\n"
"key (secex_paes loaded, secret present); otherwise `secex-key validate NAME`\n"
"records it later.\n";

struct gen_opts {
	const char *name, *repo, *desc, *volumes, *clearkey, *secret_name;
	const char *secret_id;
	int kind;		/* -1: from the options */
	unsigned int bits;
	int pair;
	unsigned long sector;
};

static int parse_opts(int argc, char **argv, struct gen_opts *o)
{
	static const struct option opts[] = {
		{ "key-type", required_argument, NULL, 'K' },
		{ "keybits", required_argument, NULL, 'k' },
		{ "secret-id", required_argument, NULL, 'i' },
		{ "secret-name", required_argument, NULL, 'n' },
		{ "xts-form", required_argument, NULL, 'x' },
		{ "clearkey", required_argument, NULL, 'c' },
		{ "description", required_argument, NULL, 'd' },
		{ "volumes", required_argument, NULL, 'l' },
		{ "sector-size", required_argument, NULL, 'S' },
		{ "repository", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	enum key_kind kind;
	uint64_t v;
	int c;

	memset(o, 0, sizeof(*o));
	o->kind = -1;
	o->bits = 256;
	while ((c = cli_getopt(argc, argv, "K:k:i:n:x:c:d:l:S:r:", opts,
			       "NAME", usage)) != -1) {
		switch (c) {
		case 'K':
			if (token_kind_parse(optarg, &kind))
				return cli_usage_error("unknown key type '%s'", optarg);
			o->kind = (int)kind;
			break;
		case 'k':
			if (strcmp(optarg, "128") && strcmp(optarg, "256"))
				return cli_usage_error("--keybits: 128 or 256");
			o->bits = (unsigned int)atoi(optarg);
			break;
		case 'i': o->secret_id = optarg; break;
		case 'n': o->secret_name = optarg; break;
		case 'x':
			if (strcmp(optarg, "full") && strcmp(optarg, "pair"))
				return cli_usage_error("--xts-form: full or pair");
			o->pair = !strcmp(optarg, "pair");
			break;
		case 'c': o->clearkey = optarg; break;
		case 'd': o->desc = optarg; break;
		case 'l': o->volumes = optarg; break;
		case 'S':
			if (parse_u64(optarg, &v, 4096) || v < 512 || (v & (v - 1)))
				return cli_usage_error("--sector-size: 512, 1024, 2048 or 4096");
			o->sector = (unsigned long)v;
			break;
		case 'r': o->repo = optarg; break;
		default:
			return cli_exit(c);
		}
	}
	o->name = argv[optind];
	return -1;
}

/* Options that contradict the key type, and missing ones. */
static int check_opts(struct gen_opts *o)
{
	int uv_opts = o->secret_id || o->secret_name;

	if (o->kind < 0)
		o->kind = uv_opts ? KEY_PVSECRET_AES : KEY_CLEAR_AES;
	if (!repo_valid_name(o->name))
		return cli_usage_error("invalid key name '%s': 1-64 of [A-Za-z0-9._-], not starting with '.' or '-'",
				       o->name);
	if (o->kind == KEY_PVSECRET_AES) {
		if (!!o->secret_id + !!o->secret_name != 1 || o->clearkey ||
		    o->pair)
			return cli_usage_error("PVSECRET-AES: exactly one of --secret-id and --secret-name, no --clearkey or --xts-form");
		return -1;
	}
	if (uv_opts)
		return cli_usage_error("CLEAR-AES keys name no UV secret");
	/* Two AES-128 tokens are 64 bytes: xts(paes) takes that for a raw key. */
	if (o->pair && o->bits == 128)
		return cli_usage_error("--xts-form pair needs --keybits 256 (64-byte token pairs are taken for raw keys by xts(paes))");
	return -1;
}

static int make_token(const struct gen_opts *o, uint8_t *tok, size_t *len)
{
	size_t klen = 2 * o->bits / 8;
	uint8_t key[64];

	if (o->kind == KEY_PVSECRET_AES) {
		uint8_t id[UV_SECRET_ID_LEN];

		if (o->secret_name) {
			sha256(o->secret_name, strlen(o->secret_name), id);
		} else if (hex_parse(o->secret_id, id, sizeof(id))) {
			return cli_usage_error("--secret-id: 64 hex digits expected");
		}
		*len = token_make_uv(tok, o->bits, id);
		return EXIT_OK;
	}
	if (o->clearkey) {
		if (read_file_exact(o->clearkey, key, klen))
			return EXIT_ERR;
	} else if (getrandom(key, klen, 0) != (ssize_t)klen) {
		cli_err("getrandom: %s", strerror(errno));
		return EXIT_ERR;
	}
	*len = token_make_clear(tok, key, o->bits, o->pair);
	secure_zero(key, sizeof(key));
	return EXIT_OK;
}

/* The properties of a new key: zkey's, as zkey pvsecrets import writes them. */
static int make_props(const struct gen_opts *o, enum key_kind kind,
		      struct props *p)
{
	struct volume *v;
	size_t n;

	if (o->volumes) {
		if (volumes_parse(o->volumes, &v, &n))
			return EXIT_USAGE;
		volumes_free(v, n);
	}
	if (repo_new_props(p, token_kind_name(kind), o->desc, o->volumes,
			   o->sector, o->secret_name))
		return cli_usage_error("invalid property value (line breaks are not allowed, lines end at %d bytes)",
				       PROPS_LINE_MAX);
	return EXIT_OK;
}

int cmd_generate(int argc, char **argv)
{
	char vp[VP_HEX_LEN + 1];
	struct gen_opts o;
	struct repo r;
	struct key k;
	int ret;

	ret = parse_opts(argc, argv, &o);
	if (ret < 0)
		ret = check_opts(&o);
	if (ret >= 0)
		return ret;
	memset(&k, 0, sizeof(k));
	k.name = o.name;
	k.file = o.name;
	ret = make_token(&o, k.tok, &k.len);
	if (ret == EXIT_OK && token_parse(k.tok, k.len, &k.kt))
		ret = EXIT_ERR;
	if (ret == EXIT_OK)
		ret = make_props(&o, k.kt.kind, &k.props);
	if (ret != EXIT_OK)
		goto out;
	ret = EXIT_ERR;
	if (repo_open(&r, o.repo, REPO_CREATE))
		goto out;
	if (repo_exists(&r, o.name)) {
		cli_err("key '%s' exists already in %s", o.name, r.dir);
		goto close;
	}
	/* Best effort: a secret may be added to the guest only later. */
	if (key_vp(&k, vp) == EXIT_OK)
		props_set(&k.props, PROP_KEY_VP, vp);
	else
		cli_err("%s: stored without a verification pattern; run `secex-key validate %s` where the key can be used",
			o.name, o.name);
	if (repo_add(&r, o.name, k.tok, k.len, &k.props))
		goto close;
	ret = EXIT_OK;
	printf("Key '%s' (%s, XTS 2 x %u bits, %zu-byte token) generated in %s\n",
	       o.name, token_kind_name(k.kt.kind), k.kt.bits, k.len, r.dir);
close:
	repo_close(&r);
out:
	key_free(&k);
	return ret;
}
