// SPDX-License-Identifier: GPL-2.0
/*
 * Loading keys and checking them against the kernel.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../include/uapi/secex/pkey.h"
#include "../common/fileio.h"
#include "cmds.h"
#include "keycheck.h"
#include "../common/pkeydev.h"

#define CLRKEY_PARAM "/sys/module/secex_paes/parameters/clrkey"

int key_load(const struct repo *r, const char *name, struct key *k)
{
	char *info;
	int ret;

	memset(k, 0, sizeof(*k));
	k->name = name;
	if (!repo_valid_name(name)) {
		cli_err("invalid key name '%s'", name);
		return -1;
	}
	k->path = repo_path(r, name, ".skey");
	k->file = k->path;
	if (!k->path || repo_load(r, name, k->tok, &k->len, &k->props))
		return -1;
	info = repo_path(r, name, ".info");
	ret = -1;
	/* A zkey key of another type is named as such, not as a bad token. */
	if (!info || repo_check_props(info, &k->props, NULL))
		goto out;
	if (token_parse(k->tok, k->len, &k->kt)) {
		cli_err("%s: not a volume key token of secex-key",
			k->file);
		goto out;
	}
	if (repo_check_props(info, &k->props, token_kind_name(k->kt.kind)))
		goto out;
	/* The commands take zkey's "volumes=" and "sector-size=0" as absent. */
	repo_props_defaults(&k->props);
	ret = 0;
out:
	free(info);
	return ret;
}

int key_load_file(const char *path, struct key *k)
{
	uint8_t *buf;

	memset(k, 0, sizeof(*k));
	k->file = path;
	if (read_file(path, &buf, &k->len, TOKEN_MAX))
		return -1;
	memcpy(k->tok, buf, k->len);
	secure_zero(buf, k->len);
	free(buf);
	if (token_parse(k->tok, k->len, &k->kt)) {
		cli_err("%s: not a volume key token of secex-key", path);
		return -1;
	}
	return 0;
}

void key_free(struct key *k)
{
	secure_zero(k->tok, sizeof(k->tok));
	props_free(&k->props);
	free(k->path);
	k->path = NULL;
}

static const char *secret_id_hex(const struct key_token *kt)
{
	static char hex[2 * UV_SECRET_ID_LEN + 3];
	int i;

	strcpy(hex, "0x");
	for (i = 0; i < UV_SECRET_ID_LEN; i++)
		snprintf(hex + 2 + 2 * i, 3, "%02x", kt->secret_id[i]);
	return hex;
}

const char *key_strerror(const struct key *k, int err)
{
	if (k->kt.kind == KEY_PVSECRET_AES && err == ENOENT) {
		static char msg[256];

		snprintf(msg, sizeof(msg),
			 "UV secret %s is not in the ultravisor's secret store (not added since the guest started?)",
			 secret_id_hex(&k->kt));
		return msg;
	}
	if (k->kt.kind == KEY_PVSECRET_AES && err == ENODEV)
		return "no ultravisor to retrieve the secret from (secex_uv without a backend?)";
	if (k->kt.kind == KEY_PVSECRET_AES && err == EINVAL)
		return "the ultravisor's secret with this id is not of the token's type";
	/* secex_paes: a double key on a machine without full XTS */
	if (k->kt.kind == KEY_PVSECRET_AES && err == EOPNOTSUPP)
		return "this machine's CPACF has no full XTS (MSA 10, z17), which AES-XTS protected keys of UV secrets need";
	return strerror(err);
}

/* KBLOB2PROTK3 of one token; describes the protected key. */
static int check_kblob(int fd, const struct key *k, const uint8_t *tok,
		       size_t len, FILE *out, struct key_check_info *info)
{
	uint32_t type, plen;
	int ret = pkeydev_kblob2protk3(fd, tok, len, &type, &plen);

	if (ret) {
		cli_err("%s: /dev/pkey cannot derive a protected key: %s",
			k->file, key_strerror(k, -ret));
		return EXIT_UNUSABLE;
	}
	if (out)
		fprintf(out, "Protected key:          %s, %u bytes (wrapped key and 32-byte WKVP)\n",
			token_keytype_name(type), plen);
	if (info && info->nprot < 2) {
		info->prot[info->nprot].type = type;
		info->prot[info->nprot++].len = plen;
	}
	return EXIT_OK;
}

/*
 * A clear AES-XTS token on a machine whose PCKMO has no XTS double keys
 * (before z17, and the CPACF test machine): xts(paes) runs such a key as
 * two AES keys there, so that is what is checked.
 */
static int check_xts_as_pair(int fd, const struct key *k, FILE *out,
			     struct key_check_info *info)
{
	uint8_t pair[TOKEN_MAX];
	size_t n;
	int ret;

	if (out)
		fprintf(out, "Protected key:          no AES-XTS double key from this machine's PCKMO; xts(paes) uses two AES keys:\n");
	if (info)
		info->as_pair = 1;
	n = token_make_clear(pair, k->tok + CLRTOK_HDR_LEN, k->kt.bits, 1);
	ret = check_kblob(fd, k, pair, n / 2, out, info);
	if (ret == EXIT_OK)
		ret = check_kblob(fd, k, pair + n / 2, n / 2, out, info);
	secure_zero(pair, sizeof(pair));
	return ret;
}

/*
 * /dev/pkey takes clear-key tokens (as upstream); secex_paes, like
 * upstream paes, only when its clrkey parameter is set.
 */
static void clear_key_note(const struct key *k)
{
	char c = 0;
	FILE *f;

	if (k->kt.kind != KEY_CLEAR_AES)
		return;
	f = fopen(CLRKEY_PARAM, "r");
	if (!f)
		return;
	if (fread(&c, 1, 1, f) == 1 && c == 'N')
		fprintf(stderr, "note: %s: secex_paes refuses clear-key tokens until its clrkey parameter is set (echo 1 >" CLRKEY_PARAM ")\n",
			k->file);
	fclose(f);
}

int key_check(const struct key *k, FILE *out, struct key_check_info *info)
{
	uint32_t type, bits, flags;
	size_t half = k->len / 2;
	int fd, ret;

	if (info)
		memset(info, 0, sizeof(*info));
	clear_key_note(k);

	fd = pkeydev_open();
	if (fd < 0)
		return EXIT_ERR;
	if (k->kt.kind == KEY_PVSECRET_AES) {
		ret = pkeydev_verifykey2(fd, k->tok, k->len, &type, &bits, &flags);
		if (ret) {
			cli_err("%s: /dev/pkey refuses the key: %s",
				k->file, key_strerror(k, -ret));
			close(fd);
			return EXIT_UNUSABLE;
		}
		if (out)
			fprintf(out, "Verified by /dev/pkey:  %s key, %s secret present\n",
				type == PKEY_TYPE_UVSECRET ? "UV-secret" : "other",
				token_keytype_name(flags));
		if (info) {
			info->verified = 1;
			info->verify_type = type;
			info->verify_flags = flags;
		}
	}
	if (k->kt.pair) {
		ret = check_kblob(fd, k, k->tok, half, out, info);
		if (ret == EXIT_OK)
			ret = check_kblob(fd, k, k->tok + half, half, out,
					  info);
	} else if (k->kt.kind == KEY_CLEAR_AES &&
		   pkeydev_kblob2protk3(fd, k->tok, k->len, &type, &bits) == -ENODEV) {
		ret = check_xts_as_pair(fd, k, out, info);
	} else {
		ret = check_kblob(fd, k, k->tok, k->len, out, info);
	}
	close(fd);
	return ret;
}

int key_vp(const struct key *k, char vp[VP_HEX_LEN + 1])
{
	enum vp_stage stage;
	int ret = vp_compute(k->tok, k->len, vp, &stage);

	if (!ret)
		return EXIT_OK;
	if (stage == VP_SOCKET) {
		cli_err("%s: no verification pattern: AF_ALG: %s",
			k->file, strerror(-ret));
		return EXIT_ERR;
	}
	if (stage == VP_BIND) {
		cli_err("%s: no verification pattern: xts(paes): %s (is secex_paes loaded?)",
			k->file, strerror(-ret));
		return EXIT_ERR;
	}
	cli_err("%s: no verification pattern: xts(paes) refuses the key: %s",
		k->file, key_strerror(k, -ret));
	return stage == VP_SETKEY ? EXIT_UNUSABLE : EXIT_ERR;
}
