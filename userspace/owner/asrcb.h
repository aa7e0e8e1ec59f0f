/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Add-secret request control block (ASRCB) version 1.
 */
#ifndef SECEX_OWNER_ASRCB_H
#define SECEX_OWNER_ASRCB_H

#include <stddef.h>
#include <stdint.h>

#include "../common/sehdr.h"
#include "reqkeys.h"

#define ASRCB_USER_LEN		0x200	/* user data, at ASRCB_OFF_USER */
#define ASRCB_USER_EC_SIG_MAX	139	/* a DER ECDSA P-521 signature */

/*
 * pvsecret's user data (not architected; the ultravisor ignores it, the
 * request tag covers it): the type is bytes 6-7 of the magic.
 */
enum asrcb_user_type {
	ASRCB_USER_NONE = 0,		/* no user data */
	ASRCB_USER_PLAIN = 1,		/* up to 512 bytes */
	ASRCB_USER_EC521 = 2,		/* 256 bytes, ECDSA-SHA512 P-521 */
	ASRCB_USER_RSA2048 = 3,		/* 256 bytes, RSA-PSS-SHA512 2048 */
	ASRCB_USER_RSA3072 = 4,		/* 128 bytes, RSA-PSS-SHA512 3072 */
};

struct asrcb_params {
	uint64_t flags;				/* ASRCB_FLAG_* */
	const struct sehdr_info *hdr;		/* image the secret is for */
	uint8_t cuid[CUID_LEN];			/* zero: any guest */
	uint8_t sec_hdr[SECRET_HDR_LIST_LEN];	/* secret header */
	size_t sec_hdr_len;			/* 16 (null) or 48 */
	const uint8_t *secret;			/* encrypted payload */
	size_t secret_len;
	uint8_t ext[ASRCB_EXT_SECRET_LEN];	/* extension secret */
	uint16_t user_type;			/* enum asrcb_user_type */
	uint8_t user[ASRCB_USER_LEN];		/* user data, zero-padded */
	EVP_PKEY *sign_key;			/* for the signed types */
};

/* How many bytes of user data type @type holds. */
size_t asrcb_user_max(uint16_t type);
/*
 * The signed user-data type of user-signing key @key (EC P-521, RSA 2048
 * or 3072), or -1 after a message.
 */
int asrcb_user_sign_type(EVP_PKEY *key, const char *path, uint16_t *type);

/*
 * pvsecret's policy reference to @path (create --policy), for IBM's early
 * boot step to find and check the policy a request belongs to: the
 * SHA-256 of the file's content, then the path as given, NUL-padded to
 * fill the 512 bytes of unsigned user data.  A path of more than
 * ASRCB_POLICY_PATH_MAX bytes is refused (pvsecret cuts it, which would
 * name another file).  Writes @user and @hash; -1 after a message.
 */
#define ASRCB_POLICY_HASH_LEN	32
#define ASRCB_POLICY_PATH_MAX	(ASRCB_USER_LEN - ASRCB_POLICY_HASH_LEN)
int asrcb_policy_ref(const char *path, uint8_t user[ASRCB_USER_LEN],
		     uint8_t hash[ASRCB_POLICY_HASH_LEN]);

int asrcb_build(const struct req_keys *k, const struct asrcb_params *p,
		uint8_t **out, size_t *len);

#endif /* SECEX_OWNER_ASRCB_H */
