// SPDX-License-Identifier: GPL-2.0
/*
 * ASRCB version 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/rsa.h>

#include "../common/be.h"
#include "../common/cli.h"
#include "../common/fileio.h"
#include "asrcb.h"
#include "crypto.h"

size_t asrcb_user_max(uint16_t type)
{
	switch (type) {
	case ASRCB_USER_PLAIN:
		return ASRCB_USER_LEN;
	case ASRCB_USER_EC521:
	case ASRCB_USER_RSA2048:
		return 256;
	case ASRCB_USER_RSA3072:
		return 128;
	default:
		return 0;
	}
}

int asrcb_policy_ref(const char *path, uint8_t user[ASRCB_USER_LEN],
		     uint8_t hash[ASRCB_POLICY_HASH_LEN])
{
	size_t len = strlen(path), flen;
	uint8_t *content;
	int rc;

	if (len > ASRCB_POLICY_PATH_MAX) {
		cli_err("%s: a policy path of %zu bytes; the policy reference holds at most %d",
			path, len, ASRCB_POLICY_PATH_MAX);
		return -1;
	}
	if (read_file(path, &content, &flen, SIZE_MAX))
		return -1;
	rc = cr_sha256(content, flen, hash);
	free(content);
	if (rc)
		return -1;
	memset(user, 0, ASRCB_USER_LEN);
	memcpy(user, hash, ASRCB_POLICY_HASH_LEN);
	memcpy(user + ASRCB_POLICY_HASH_LEN, path, len);
	return 0;
}

int asrcb_user_sign_type(EVP_PKEY *key, const char *path, uint16_t *type)
{
	char group[64] = "";

	if (EVP_PKEY_is_a(key, "EC") &&
	    EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME,
					   group, sizeof(group), NULL) &&
	    !strcmp(group, "secp521r1")) {
		*type = ASRCB_USER_EC521;
		return 0;
	}
	if (EVP_PKEY_is_a(key, "RSA") && EVP_PKEY_get_bits(key) == 2048) {
		*type = ASRCB_USER_RSA2048;
		return 0;
	}
	if (EVP_PKEY_is_a(key, "RSA") && EVP_PKEY_get_bits(key) == 3072) {
		*type = ASRCB_USER_RSA3072;
		return 0;
	}
	cli_err("%s: unsupported user-signing key: EC secp521r1, RSA 2048 or RSA 3072 only",
		path);
	return -1;
}

/*
 * Sign the request as pvsecret does: SHA-512 over everything before the
 * tag, with the signature area zero; ECDSA signatures (DER) go after the
 * 256 bytes of data with their length at +400, RSA-PSS ones fill the rest
 * of the 512 bytes.
 */
static int sign_user_data(void *arg, uint8_t *req, size_t len)
{
	const struct asrcb_params *p = arg;
	size_t max = asrcb_user_max(p->user_type), slen = 0;
	uint8_t *user = req + ASRCB_OFF_USER, *sig = NULL;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	EVP_PKEY_CTX *pctx = NULL;
	int rc = -1;

	memset(user + max, 0, ASRCB_USER_LEN - max);
	if (!ctx ||
	    EVP_DigestSignInit(ctx, &pctx, EVP_sha512(), NULL, p->sign_key) != 1 ||
	    (EVP_PKEY_is_a(p->sign_key, "RSA") &&
	     EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1) ||
	    EVP_DigestSign(ctx, NULL, &slen, req, len) != 1 ||
	    !(sig = malloc(slen)) ||
	    EVP_DigestSign(ctx, sig, &slen, req, len) != 1) {
		cr_print_errors("user-data signature");
		goto out;
	}
	if (p->user_type == ASRCB_USER_EC521 && slen <= ASRCB_USER_EC_SIG_MAX) {
		memcpy(user + max, sig, slen);
		put_be16(user + max + ASRCB_USER_EC_SIG_MAX + 5, (uint16_t)slen);
		rc = 0;
	} else if (p->user_type != ASRCB_USER_EC521 &&
		   slen == ASRCB_USER_LEN - max) {
		memcpy(user + max, sig, slen);
		rc = 0;
	} else {
		cli_err("user-data signature of unexpected length %zu", slen);
	}
out:
	free(sig);
	EVP_MD_CTX_free(ctx);
	return rc;
}

int asrcb_build(const struct req_keys *k, const struct asrcb_params *p,
		uint8_t **out, size_t *len)
{
	size_t shdr = ASRCB_OFF_SLOTS + (size_t)k->nhosts * KEYSLOT_LEN;
	size_t enc = shdr + p->sec_hdr_len;
	size_t sea = p->secret_len + ASRCB_EXT_SECRET_LEN;
	size_t total = enc + sea + GCM_TAG_LEN;
	uint8_t *r;

	if (total > ASRCB_MAX_LEN) {
		cli_err("add-secret request too large");
		return -1;
	}
	r = calloc(1, total);
	if (!r) {
		cli_err("out of memory");
		return -1;
	}
	memcpy(r, ASRCB_MAGIC, 6);
	put_be16(r + 6, p->user_type);
	put_be64(r + ASRCB_OFF_FLAGS, p->flags);
	memcpy(r + ASRCB_OFF_PLD, p->hdr->pld, SEHDR_DIGEST_LEN);
	memcpy(r + ASRCB_OFF_ALD, p->hdr->ald, SEHDR_DIGEST_LEN);
	memcpy(r + ASRCB_OFF_TLD, p->hdr->tld, SEHDR_DIGEST_LEN);
	memcpy(r + ASRCB_OFF_TAG, p->hdr->tag, GCM_TAG_LEN);
	memcpy(r + ASRCB_OFF_CUID, p->cuid, CUID_LEN);
	if (p->user_type)
		memcpy(r + ASRCB_OFF_USER, p->user, ASRCB_USER_LEN);
	if (req_put_keys(k, r + ASRCB_OFF_CPK, r + ASRCB_OFF_SLOTS))
		goto err;
	memcpy(r + shdr, p->sec_hdr, p->sec_hdr_len);
	if (p->secret_len)
		memcpy(r + enc, p->secret, p->secret_len);
	memcpy(r + enc + p->secret_len, p->ext, ASRCB_EXT_SECRET_LEN);
	if (p->user_type > ASRCB_USER_PLAIN)
		return req_seal_signed(k, r, total, sea, sign_user_data,
				       (void *)p, out, len);
	return req_seal(k, r, total, sea, out, len);
err:
	secure_zero(r, total);
	free(r);
	return -1;
}
