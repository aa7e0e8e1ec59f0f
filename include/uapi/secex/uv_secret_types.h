/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Secret types of the ultravisor's secret store, in one table that the
 * kernel modules (software UV, pkey) and the tools (secex-uv, secex-owner,
 * secex-key) all read.  A new secret type is its number in enum
 * secex_secret_type and its row in secex_secret_types(), plus its tests.
 *
 * Each row (struct secex_secret_type_info):
 *   type       the type in secret headers and in the List Secrets answer
 *   name       as pvsecret prints it
 *   kind       the family secex-owner offers on its command line ("aes",
 *              "aes-xts", "hmac", "ec", "plaintext"), "" if it makes none
 *   len        length of the secret in an add-secret request; 0 for the
 *              null secret and for plaintext (2-byte length, the text,
 *              zero-padded to a multiple of 16)
 *   pkey_type  PKEY_KEYTYPE_* of the protected key that Retrieve Secret
 *              returns, 0 if the secret is not a key
 *   flags      SECEX_SECRET_LISTED: List Secrets shows it;
 *              SECEX_SECRET_RETRIEVABLE: Retrieve Secret hands it out
 *
 * HMAC keys are padded to the hash's block size, P-521 keys to 80 bytes and
 * Ed448 keys to 64 bytes, as the ultravisor stores them.
 */
#ifndef _UAPI_SECEX_UV_SECRET_TYPES_H
#define _UAPI_SECEX_UV_SECRET_TYPES_H

#include <linux/types.h>
#include "pkey.h"

enum secex_secret_type {
	SECEX_SECRET_NULL = 0x0001,
	SECEX_SECRET_ASSOCIATION = 0x0002,
	SECEX_SECRET_PLAINTEXT = 0x0003,
	SECEX_SECRET_AES_128 = 0x0004,
	SECEX_SECRET_AES_192 = 0x0005,
	SECEX_SECRET_AES_256 = 0x0006,
	SECEX_SECRET_AES_XTS_128 = 0x0007,
	SECEX_SECRET_AES_XTS_256 = 0x0008,
	SECEX_SECRET_HMAC_SHA_256 = 0x0009,
	SECEX_SECRET_HMAC_SHA_512 = 0x000a,
	SECEX_SECRET_EC_P256 = 0x0011,
	SECEX_SECRET_EC_P384 = 0x0012,
	SECEX_SECRET_EC_P521 = 0x0013,
	SECEX_SECRET_EC_ED25519 = 0x0014,
	SECEX_SECRET_EC_ED448 = 0x0015,
	SECEX_SECRET_UPDATE_CCK = 0x0016,
};

#define SECEX_SECRET_LISTED		0x1
#define SECEX_SECRET_RETRIEVABLE	0x2
#define SECEX_SECRET_LR	(SECEX_SECRET_LISTED | SECEX_SECRET_RETRIEVABLE)

struct secex_secret_type_info {
	__u16 type;
	const char *name;
	const char *kind;
	__u32 len;
	__u32 pkey_type;
	__u32 flags;
};

/* The table; *@n gets its number of rows. */
static inline const struct secex_secret_type_info *
secex_secret_types(unsigned int *n)
{
	static const struct secex_secret_type_info rows[] = {
		{ SECEX_SECRET_NULL, "Null", "", 0, 0, 0 },
		{ SECEX_SECRET_ASSOCIATION, "Association", "", 32, 0,
		  SECEX_SECRET_LISTED },
		{ SECEX_SECRET_PLAINTEXT, "PLAINTEXT", "plaintext", 0, 0,
		  SECEX_SECRET_LR },
		{ SECEX_SECRET_AES_128, "AES-128-KEY", "aes", 16,
		  PKEY_KEYTYPE_AES_128, SECEX_SECRET_LR },
		{ SECEX_SECRET_AES_192, "AES-192-KEY", "aes", 24,
		  PKEY_KEYTYPE_AES_192, SECEX_SECRET_LR },
		{ SECEX_SECRET_AES_256, "AES-256-KEY", "aes", 32,
		  PKEY_KEYTYPE_AES_256, SECEX_SECRET_LR },
		{ SECEX_SECRET_AES_XTS_128, "AES-XTS-128-KEY", "aes-xts", 32,
		  PKEY_KEYTYPE_AES_XTS_128, SECEX_SECRET_LR },
		{ SECEX_SECRET_AES_XTS_256, "AES-XTS-256-KEY", "aes-xts", 64,
		  PKEY_KEYTYPE_AES_XTS_256, SECEX_SECRET_LR },
		{ SECEX_SECRET_HMAC_SHA_256, "HMAC-SHA-256-KEY", "hmac", 64,
		  PKEY_KEYTYPE_HMAC_512, SECEX_SECRET_LR },
		{ SECEX_SECRET_HMAC_SHA_512, "HMAC-SHA-512-KEY", "hmac", 128,
		  PKEY_KEYTYPE_HMAC_1024, SECEX_SECRET_LR },
		{ SECEX_SECRET_EC_P256, "EC-SECP256R1-PRIVATE-KEY", "ec", 32,
		  PKEY_KEYTYPE_ECC_P256, SECEX_SECRET_LR },
		{ SECEX_SECRET_EC_P384, "EC-SECP384R1-PRIVATE-KEY", "ec", 48,
		  PKEY_KEYTYPE_ECC_P384, SECEX_SECRET_LR },
		{ SECEX_SECRET_EC_P521, "EC-SECP521R1-PRIVATE-KEY", "ec", 80,
		  PKEY_KEYTYPE_ECC_P521, SECEX_SECRET_LR },
		{ SECEX_SECRET_EC_ED25519, "EC-ED25519-PRIVATE-KEY", "ec", 32,
		  PKEY_KEYTYPE_ECC_ED25519, SECEX_SECRET_LR },
		{ SECEX_SECRET_EC_ED448, "EC-ED448-PRIVATE-KEY", "ec", 64,
		  PKEY_KEYTYPE_ECC_ED448, SECEX_SECRET_LR },
		{ SECEX_SECRET_UPDATE_CCK, "Update-CCK", "", 32, 0, 0 },
	};

	*n = sizeof(rows) / sizeof(*rows);
	return rows;
}

/* The row of secret type @type; all zero (name NULL) if there is none. */
static inline struct secex_secret_type_info secex_secret_type_info(__u16 type)
{
	struct secex_secret_type_info none = { 0 };
	const struct secex_secret_type_info *rows;
	unsigned int i, n;

	rows = secex_secret_types(&n);
	for (i = 0; i < n; i++)
		if (rows[i].type == type)
			return rows[i];
	return none;
}

#endif /* _UAPI_SECEX_UV_SECRET_TYPES_H */
