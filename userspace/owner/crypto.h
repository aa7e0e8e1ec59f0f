/* SPDX-License-Identifier: GPL-2.0 */
/*
 * OpenSSL 3 wrappers for the owner tool: P-521 keys, ECDH exchange key,
 * AES-256-GCM/XTS, SHA-2, HMAC-SHA512 and HKDF-SHA512.  Functions return
 * 0 on success and -1 on failure (after printing OpenSSL's error queue).
 */
#ifndef SECEX_OWNER_CRYPTO_H
#define SECEX_OWNER_CRYPTO_H

#include <stddef.h>
#include <stdint.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

int cr_random(void *buf, size_t len);
int cr_sha256(const void *data, size_t len, uint8_t out[32]);
int cr_hmac_sha512(const uint8_t *key, size_t key_len, const void *data,
		   size_t len, uint8_t out[64]);
int cr_hkdf_sha512(const uint8_t *ikm, size_t ikm_len, const uint8_t *salt,
		   size_t salt_len, const char *info, uint8_t *out,
		   size_t out_len);
int cr_gcm_encrypt(const uint8_t key[32], const uint8_t iv[12],
		   const uint8_t *aad, size_t aad_len, const uint8_t *in,
		   size_t len, uint8_t *out, uint8_t tag[16]);
/* Returns 1 if the tag does not match. */
int cr_gcm_decrypt(const uint8_t key[32], const uint8_t iv[12],
		   const uint8_t *aad, size_t aad_len, const uint8_t *in,
		   size_t len, uint8_t *out, const uint8_t tag[16]);
int cr_xts_encrypt(const uint8_t key[64], const uint8_t tweak[16],
		   const uint8_t *in, size_t len, uint8_t *out);

EVP_PKEY *cr_p521_generate(void);
/* P-521 key pair from a big-endian private scalar of up to 80 bytes. */
EVP_PKEY *cr_p521_from_scalar(const uint8_t *scalar, size_t len);
/* x || y, each left-padded to 80 bytes. */
int cr_p521_coords(EVP_PKEY *key, uint8_t out[160]);
/* 1 if @key is a P-521 EC key. */
int cr_is_p521(EVP_PKEY *key);
/* SHA-256(ECDH(@priv, @peer) || 00000001): the key-slot wrapping key. */
int cr_exchange_key(EVP_PKEY *priv, EVP_PKEY *peer, uint8_t out[32]);
/* The first certificate (PEM, else DER) in @path, a @what for messages. */
X509 *cr_load_cert(const char *path, const char *what);
/* The key of host-key document @x (read from @path); it must be P-521. */
EVP_PKEY *cr_hkd_key(X509 *x, const char *path);
void cr_print_errors(const char *what);

#endif /* SECEX_OWNER_CRYPTO_H */
