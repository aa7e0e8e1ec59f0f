// SPDX-License-Identifier: GPL-2.0
/*
 * OpenSSL 3 wrappers for the owner tool.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/kdf.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include "../common/cli.h"
#include "../common/fileio.h"
#include "crypto.h"

void cr_print_errors(const char *what)
{
	unsigned long e;

	cli_err("crypto error: %s", what);
	while ((e = ERR_get_error()))
		fprintf(stderr, "  %s\n", ERR_error_string(e, NULL));
}

int cr_random(void *buf, size_t len)
{
	if (RAND_bytes(buf, (int)len) != 1) {
		cr_print_errors("random bytes");
		return -1;
	}
	return 0;
}

int cr_sha256(const void *data, size_t len, uint8_t out[32])
{
	if (!EVP_Digest(data, len, out, NULL, EVP_sha256(), NULL)) {
		cr_print_errors("SHA-256");
		return -1;
	}
	return 0;
}

int cr_hmac_sha512(const uint8_t *key, size_t key_len, const void *data,
		   size_t len, uint8_t out[64])
{
	size_t out_len = 0;

	if (!EVP_Q_mac(NULL, "HMAC", NULL, "SHA512", NULL, key, key_len, data,
		       len, out, 64, &out_len) || out_len != 64) {
		cr_print_errors("HMAC-SHA512");
		return -1;
	}
	return 0;
}

int cr_hkdf_sha512(const uint8_t *ikm, size_t ikm_len, const uint8_t *salt,
		   size_t salt_len, const char *info, uint8_t *out,
		   size_t out_len)
{
	EVP_KDF *kdf = EVP_KDF_fetch(NULL, "HKDF", NULL);
	EVP_KDF_CTX *ctx = kdf ? EVP_KDF_CTX_new(kdf) : NULL;
	OSSL_PARAM params[5];
	int rc = -1;

	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST,
						     (char *)"SHA512", 0);
	params[1] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY,
						      (void *)ikm, ikm_len);
	params[2] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT,
						      (void *)salt, salt_len);
	params[3] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO,
						      (void *)info,
						      strlen(info));
	params[4] = OSSL_PARAM_construct_end();
	if (ctx && EVP_KDF_derive(ctx, out, out_len, params) == 1)
		rc = 0;
	else
		cr_print_errors("HKDF-SHA512");
	EVP_KDF_CTX_free(ctx);
	EVP_KDF_free(kdf);
	return rc;
}

static int gcm_crypt(int enc, const uint8_t key[32], const uint8_t iv[12],
		     const uint8_t *aad, size_t aad_len, const uint8_t *in,
		     size_t len, uint8_t *out, uint8_t tag[16])
{
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	int n, rc = -1;

	if (!ctx ||
	    !EVP_CipherInit_ex(ctx, EVP_aes_256_gcm(), NULL, key, iv, enc) ||
	    (aad_len && !EVP_CipherUpdate(ctx, NULL, &n, aad, (int)aad_len)) ||
	    (len && !EVP_CipherUpdate(ctx, out, &n, in, (int)len)))
		goto out;
	if (enc) {
		if (EVP_CipherFinal_ex(ctx, out + len, &n) &&
		    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, tag))
			rc = 0;
	} else {
		if (!EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, 16, tag))
			goto out;
		rc = EVP_CipherFinal_ex(ctx, out + len, &n) ? 0 : 1;
	}
out:
	if (rc < 0)
		cr_print_errors("AES-256-GCM");
	EVP_CIPHER_CTX_free(ctx);
	return rc;
}

int cr_gcm_encrypt(const uint8_t key[32], const uint8_t iv[12],
		   const uint8_t *aad, size_t aad_len, const uint8_t *in,
		   size_t len, uint8_t *out, uint8_t tag[16])
{
	return gcm_crypt(1, key, iv, aad, aad_len, in, len, out, tag);
}

int cr_gcm_decrypt(const uint8_t key[32], const uint8_t iv[12],
		   const uint8_t *aad, size_t aad_len, const uint8_t *in,
		   size_t len, uint8_t *out, const uint8_t tag[16])
{
	uint8_t t[16];

	memcpy(t, tag, sizeof(t));
	return gcm_crypt(0, key, iv, aad, aad_len, in, len, out, t);
}

int cr_xts_encrypt(const uint8_t key[64], const uint8_t tweak[16],
		   const uint8_t *in, size_t len, uint8_t *out)
{
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	int n, rc = -1;

	if (ctx &&
	    EVP_EncryptInit_ex(ctx, EVP_aes_256_xts(), NULL, key, tweak) &&
	    EVP_EncryptUpdate(ctx, out, &n, in, (int)len) &&
	    EVP_EncryptFinal_ex(ctx, out + n, &n))
		rc = 0;
	else
		cr_print_errors("AES-256-XTS");
	EVP_CIPHER_CTX_free(ctx);
	return rc;
}

EVP_PKEY *cr_p521_generate(void)
{
	EVP_PKEY *k = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-521");

	if (!k)
		cr_print_errors("P-521 key generation");
	return k;
}

EVP_PKEY *cr_p521_from_scalar(const uint8_t *scalar, size_t len)
{
	EC_GROUP *g = EC_GROUP_new_by_curve_name(NID_secp521r1);
	BIGNUM *d = BN_bin2bn(scalar, (int)len, NULL);
	EC_POINT *pub = g ? EC_POINT_new(g) : NULL;
	OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
	OSSL_PARAM *params = NULL;
	EVP_PKEY *key = NULL;
	uint8_t oct[1 + 2 * 66];
	size_t oct_len;

	if (!d || !pub || !bld || !ctx || BN_is_zero(d) ||
	    BN_cmp(d, EC_GROUP_get0_order(g)) >= 0 ||
	    !EC_POINT_mul(g, pub, d, NULL, NULL, NULL))
		goto out;
	oct_len = EC_POINT_point2oct(g, pub, POINT_CONVERSION_UNCOMPRESSED,
				     oct, sizeof(oct), NULL);
	if (!oct_len ||
	    !OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME,
					     "P-521", 0) ||
	    !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY, d) ||
	    !OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY,
					      oct, oct_len))
		goto out;
	params = OSSL_PARAM_BLD_to_param(bld);
	if (!params || EVP_PKEY_fromdata_init(ctx) != 1 ||
	    EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_KEYPAIR, params) != 1)
		key = NULL;
out:
	if (!key)
		cr_print_errors("invalid P-521 private scalar");
	OSSL_PARAM_free(params);
	EVP_PKEY_CTX_free(ctx);
	OSSL_PARAM_BLD_free(bld);
	EC_POINT_free(pub);
	BN_clear_free(d);
	EC_GROUP_free(g);
	return key;
}

int cr_p521_coords(EVP_PKEY *key, uint8_t out[160])
{
	BIGNUM *x = NULL, *y = NULL;
	int rc = -1;

	if (EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_EC_PUB_X, &x) &&
	    EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_EC_PUB_Y, &y) &&
	    BN_bn2binpad(x, out, 80) == 80 &&
	    BN_bn2binpad(y, out + 80, 80) == 80)
		rc = 0;
	else
		cr_print_errors("EC public key coordinates");
	BN_free(x);
	BN_free(y);
	return rc;
}

int cr_is_p521(EVP_PKEY *key)
{
	char name[64];
	int nid;

	if (!EVP_PKEY_is_a(key, "EC") ||
	    !EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME,
					    name, sizeof(name), NULL))
		return 0;
	nid = OBJ_sn2nid(name);
	if (nid == NID_undef)
		nid = EC_curve_nist2nid(name);
	return nid == NID_secp521r1;
}

int cr_exchange_key(EVP_PKEY *priv, EVP_PKEY *peer, uint8_t out[32])
{
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(priv, NULL);
	uint8_t z[66 + 4];
	size_t z_len = 66;
	int rc = -1;

	if (ctx && EVP_PKEY_derive_init(ctx) == 1 &&
	    EVP_PKEY_derive_set_peer(ctx, peer) == 1 &&
	    EVP_PKEY_derive(ctx, z, &z_len) == 1 && z_len == 66) {
		z[66] = 0;
		z[67] = 0;
		z[68] = 0;
		z[69] = 1;
		rc = cr_sha256(z, sizeof(z), out);
	} else {
		cr_print_errors("ECDH");
	}
	secure_zero(z, sizeof(z));
	EVP_PKEY_CTX_free(ctx);
	return rc;
}

X509 *cr_load_cert(const char *path, const char *what)
{
	FILE *f = fopen(path, "rb");
	X509 *x;

	if (!f) {
		cli_err("%s: %s", path, strerror(errno));
		return NULL;
	}
	x = PEM_read_X509(f, NULL, NULL, NULL);
	if (!x) {
		ERR_clear_error();
		rewind(f);
		x = d2i_X509_fp(f, NULL);
	}
	fclose(f);
	if (!x) {
		cr_print_errors(path);
		cli_err("%s: not an X.509 %s", path, what);
	}
	return x;
}

EVP_PKEY *cr_hkd_key(X509 *x, const char *path)
{
	EVP_PKEY *key = X509_get_pubkey(x);

	if (!key || !cr_is_p521(key)) {
		cli_err("%s: host key is not an EC P-521 key", path);
		EVP_PKEY_free(key);
		return NULL;
	}
	return key;
}
