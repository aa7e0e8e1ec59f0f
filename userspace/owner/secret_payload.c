// SPDX-License-Identifier: GPL-2.0
/*
 * Secret headers and payloads of add-secret requests.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/pem.h>

#include "../common/be.h"
#include "../common/cli.h"
#include "../common/fileio.h"
#include "../common/secret_types.h"
#include "../common/uvsecret.h"
#include "crypto.h"
#include "secret_payload.h"

void payload_null(struct asrcb_params *p)
{
	memset(p->sec_hdr, 0, sizeof(p->sec_hdr));
	put_be16(p->sec_hdr + 2, SECEX_SECRET_NULL);
	p->sec_hdr_len = SECRET_HDR_NULL_LEN;
	p->secret = NULL;
	p->secret_len = 0;
}

void payload_update_cck(struct asrcb_params *p, const uint8_t *cck)
{
	memset(p->sec_hdr, 0, sizeof(p->sec_hdr));
	put_be16(p->sec_hdr + 2, SECEX_SECRET_UPDATE_CCK);
	put_be32(p->sec_hdr + 4, 32);
	p->sec_hdr_len = SECRET_HDR_LIST_LEN;
	p->secret = cck;
	p->secret_len = 32;
}

int payload_listable(struct asrcb_params *p, uint16_t type, const char *name,
		     int use_name, const uint8_t *secret, size_t len)
{
	uint8_t *id = p->sec_hdr + 16;

	memset(p->sec_hdr, 0, sizeof(p->sec_hdr));
	put_be16(p->sec_hdr + 2, type);
	put_be32(p->sec_hdr + 4, (uint32_t)len);
	/* the name reaches LUKS2 tokens, messages and crypttab comments */
	if (!uvsecret_name_valid(name, strlen(name))) {
		cli_err("secret name: %s", UVSECRET_NAME_RULE);
		return -1;
	}
	if (use_name) {
		if (strlen(name) >= SECRET_ID_LEN) {
			cli_err("--use-name: name longer than %d bytes",
				SECRET_ID_LEN - 1);
			return -1;
		}
		memcpy(id, name, strlen(name));
	} else if (cr_sha256(name, strlen(name), id)) {
		return -1;
	}
	p->sec_hdr_len = SECRET_HDR_LIST_LEN;
	p->secret = secret;
	p->secret_len = len;
	return 0;
}

static int pad_to(uint8_t **buf, size_t *len, size_t want, size_t at)
{
	uint8_t *b = calloc(1, want);

	if (!b)
		return -1;
	memcpy(b + at, *buf, *len);
	secure_zero(*buf, *len);
	free(*buf);
	*buf = b;
	*len = want;
	return 0;
}

static int ec_payload(const char *path, uint16_t *type, uint8_t **out,
		      size_t *len)
{
	/* OpenSSL's names of the curves; lengths from the secret table */
	static const struct {
		const char *group;
		uint16_t type;
	} curves[] = {
		{ "prime256v1", SECEX_SECRET_EC_P256 },
		{ "secp384r1", SECEX_SECRET_EC_P384 },
		{ "secp521r1", SECEX_SECRET_EC_P521 },
	};
	FILE *f = fopen(path, "r");
	EVP_PKEY *k = f ? PEM_read_PrivateKey(f, NULL, NULL, NULL) : NULL;
	char group[64] = "";
	BIGNUM *d = NULL;
	size_t i, n;
	int rc = -1;

	if (f)
		fclose(f);
	if (!k) {
		cr_print_errors(path);
		cli_err("%s: not a PEM private key", path);
		return -1;
	}
	if (EVP_PKEY_is_a(k, "ED25519") || EVP_PKEY_is_a(k, "ED448")) {
		int ed448 = EVP_PKEY_is_a(k, "ED448");

		*type = ed448 ? SECEX_SECRET_EC_ED448 : SECEX_SECRET_EC_ED25519;
		*len = secex_secret_type_info(*type).len;
		*out = calloc(1, *len);
		n = *len;
		if (*out && EVP_PKEY_get_raw_private_key(k, *out, &n)) {
			memmove(*out + *len - n, *out, n);
			memset(*out, 0, *len - n);
			rc = 0;
		}
		goto out;
	}
	EVP_PKEY_get_utf8_string_param(k, OSSL_PKEY_PARAM_GROUP_NAME, group,
				       sizeof(group), NULL);
	for (i = 0; i < sizeof(curves) / sizeof(curves[0]); i++) {
		if (strcmp(group, curves[i].group))
			continue;
		*type = curves[i].type;
		*len = secex_secret_type_info(*type).len;
		*out = calloc(1, *len);
		if (*out && EVP_PKEY_get_bn_param(k, OSSL_PKEY_PARAM_PRIV_KEY, &d) &&
		    BN_bn2binpad(d, *out, (int)*len) == (int)*len)
			rc = 0;
		goto out;
	}
	cli_err("%s: unsupported key type (P-256/384/521, Ed25519, Ed448)",
		path);
out:
	if (rc && *out) {
		free(*out);
		*out = NULL;
	}
	BN_clear_free(d);
	EVP_PKEY_free(k);
	return rc;
}

int payload_retrievable(const char *kind, const char *path, uint16_t *type,
			uint8_t **out, size_t *len)
{
	char sizes[64];
	size_t n;

	if (!strcmp(kind, "ec"))
		return ec_payload(path, type, out, len);
	if (read_file(path, out, len, PLAINTEXT_MAX))
		return -1;
	n = *len;
	if (!strcmp(kind, "hmac-sha"))
		kind = "hmac";
	if (!strcmp(kind, "aes") || !strcmp(kind, "aes-xts")) {
		*type = secret_type_by_kind(kind, n, 0);
		if (*type)
			return 0;
		secret_kind_lengths(kind, sizes, sizeof(sizes));
		cli_err("%s: %s keys have %s bytes, not %zu", path,
			kind, sizes, n);
	} else if (!strcmp(kind, "hmac")) {
		/* zero-padded to the block size of SHA-256 or SHA-512 */
		*type = n ? secret_type_by_kind(kind, n, 1) : 0;
		if (*type &&
		    !pad_to(out, len, secex_secret_type_info(*type).len, 0))
			return 0;
		secret_kind_lengths(kind, sizes, sizeof(sizes));
		cli_err("%s: HMAC keys have 1 to %s bytes", path,
			strrchr(sizes, ' ') ? strrchr(sizes, ' ') + 1 : sizes);
	} else if (!strcmp(kind, "plaintext") || !strcmp(kind, "plain")) {
		/* be16 length, the text, zero-padded to 16 bytes */
		*type = SECEX_SECRET_PLAINTEXT;
		if (!pad_to(out, len, (n + 2 + 15) / 16 * 16, 2)) {
			put_be16(*out, (uint16_t)n);
			return 0;
		}
	} else {
		cli_err("unknown secret type '%s'", kind);
	}
	secure_zero(*out, *len);
	free(*out);
	*out = NULL;
	return -1;
}
