/* SPDX-License-Identifier: GPL-2.0 */
/*
 * In-kernel protected-key API of secex_pkey, the counterpart of upstream's
 * pkey_key2protkey() in <asm/pkey.h>.
 */
#ifndef _SECEX_PKEY_API_H
#define _SECEX_PKEY_API_H

#include <linux/types.h>
#include <uapi/secex/pkey.h>

/* Key token types and versions (upstream's) */
#define TOKTYPE_NON_CCA			0x00
#define TOKTYPE_CCA_INTERNAL		0x01
#define TOKTYPE_CCA_INTERNAL_PKA	0x1f

#define TOKVER_PROTECTED_KEY		0x01
#define TOKVER_CLEAR_KEY		0x02
#define TOKVER_UV_SECRET		0x09

/* The view every token shares. */
struct secex_pkey_tokhdr {
	u8 type;
	u8 res0[3];
	u8 version;
	u8 res1[3];
} __packed;

/*
 * Protected-key and clear-key tokens: header, type, length, key.  Fields
 * are in the machine's byte order, as upstream's.
 */
struct secex_pkey_keytok {
	struct secex_pkey_tokhdr hdr;
	u32 keytype;
	u32 len;
	u8 key[];
} __packed;

/* No memory allocation (upstream PKEY_XFLAG_NOMEMALLOC). */
#define SECEX_PKEY_XFLAG_NOMEMALLOC	0x0001
/* Refuse clear-key tokens (upstream PKEY_XFLAG_NOCLEARKEY). */
#define SECEX_PKEY_XFLAG_NOCLEARKEY	0x0002
/*
 * Return a protected key of the software CPACF core even where PCKMO
 * exists: secex_paes unwraps the result with secex_swcpacf_unwrap().
 */
#define SECEX_PKEY_XFLAG_SWCPACF	0x0100

/* Largest protected key of any type (HMAC-1024: 128 + 32 bytes). */
#define SECEX_MAXPROTKEYSIZE		160

/*
 * Turn the key token @key (@keylen bytes: protected-key, clear-key or
 * UV-secret token) into a protected key.  @protkey has *@protkeylen bytes;
 * on success *@protkeylen and *@protkeytype (PKEY_KEYTYPE_*) describe the
 * result.  Clear-key tokens are accepted only if secex_pkey's "clrkey"
 * parameter is set and @xflags lacks SECEX_PKEY_XFLAG_NOCLEARKEY.
 * Returns 0 or a negative errno (-EINVAL for a bad or refused token,
 * -EKEYREJECTED for a stale protected-key token, -ENODEV if a UV secret
 * cannot be reached).  May sleep.
 */
int secex_pkey_key2protkey(const u8 *key, u32 keylen, u8 *protkey,
			   u32 *protkeylen, u32 *protkeytype, u32 xflags);

/* Size of the clear key of PKEY_KEYTYPE_* @keytype, 0 if unknown. */
static inline u32 secex_pkey_keytype_to_size(u32 keytype)
{
	switch (keytype) {
	case PKEY_KEYTYPE_AES_128:
		return 16;
	case PKEY_KEYTYPE_AES_192:
		return 24;
	case PKEY_KEYTYPE_AES_256:
	case PKEY_KEYTYPE_ECC_P256:
	case PKEY_KEYTYPE_ECC_ED25519:
	case PKEY_KEYTYPE_AES_XTS_128:
		return 32;
	case PKEY_KEYTYPE_ECC_P384:
		return 48;
	case PKEY_KEYTYPE_ECC_P521:
		return 80;
	case PKEY_KEYTYPE_AES_XTS_256:
	/*
	 * A 57-byte Ed448 key travels left-padded to 64 bytes, as the
	 * ultravisor stores it and PCKMO wraps it (upstream's pkey_uv uses
	 * 64 too; its generic size table says 54).
	 */
	case PKEY_KEYTYPE_ECC_ED448:
	case PKEY_KEYTYPE_HMAC_512:
		return 64;
	case PKEY_KEYTYPE_HMAC_1024:
		return 128;
	default:
		return 0;
	}
}

#endif /* _SECEX_PKEY_API_H */
