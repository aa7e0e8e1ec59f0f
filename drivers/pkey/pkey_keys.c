// SPDX-License-Identifier: GPL-2.0
/*
 * Key tokens to protected keys: the part of upstream's PCKMO and UV
 * handlers that does not depend on how keys are wrapped.  No HSM exists
 * in a Secure Execution guest, so CCA and EP11 tokens find no handler and
 * get upstream's answer for that case, -ENODEV.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/errno.h>
#include <linux/module.h>
#include <linux/random.h>
#include <linux/string.h>
#include <secex/uv_secret.h>
#include "pkey_base.h"

/* Ultravisor secret types that are keys (enum uv_secret_types). */
#define UV_SECRET_AES_128	0x04
#define UV_SECRET_AES_192	0x05
#define UV_SECRET_AES_256	0x06
#define UV_SECRET_AES_XTS_128	0x07
#define UV_SECRET_AES_XTS_256	0x08
#define UV_SECRET_HMAC_SHA_256	0x09
#define UV_SECRET_HMAC_SHA_512	0x0a
#define UV_SECRET_ECDSA_P256	0x11
#define UV_SECRET_ECDSA_P384	0x12
#define UV_SECRET_ECDSA_P521	0x13
#define UV_SECRET_ED25519	0x14
#define UV_SECRET_ED448		0x15

bool pkey_is_aes_keytype(u32 keytype)
{
	return keytype == PKEY_KEYTYPE_AES_128 ||
	       keytype == PKEY_KEYTYPE_AES_192 ||
	       keytype == PKEY_KEYTYPE_AES_256;
}

/* The protected-key type a UV secret type comes back as, 0 if no key. */
static u32 pkey_uv_keytype(u16 secret_type)
{
	switch (secret_type) {
	case UV_SECRET_AES_128:
		return PKEY_KEYTYPE_AES_128;
	case UV_SECRET_AES_192:
		return PKEY_KEYTYPE_AES_192;
	case UV_SECRET_AES_256:
		return PKEY_KEYTYPE_AES_256;
	case UV_SECRET_AES_XTS_128:
		return PKEY_KEYTYPE_AES_XTS_128;
	case UV_SECRET_AES_XTS_256:
		return PKEY_KEYTYPE_AES_XTS_256;
	case UV_SECRET_HMAC_SHA_256:
		return PKEY_KEYTYPE_HMAC_512;
	case UV_SECRET_HMAC_SHA_512:
		return PKEY_KEYTYPE_HMAC_1024;
	case UV_SECRET_ECDSA_P256:
		return PKEY_KEYTYPE_ECC_P256;
	case UV_SECRET_ECDSA_P384:
		return PKEY_KEYTYPE_ECC_P384;
	case UV_SECRET_ECDSA_P521:
		return PKEY_KEYTYPE_ECC_P521;
	case UV_SECRET_ED25519:
		return PKEY_KEYTYPE_ECC_ED25519;
	case UV_SECRET_ED448:
		return PKEY_KEYTYPE_ECC_ED448;
	default:
		return 0;
	}
}

/* VERIFYKEY2's size: the clear key's bits for every type, as upstream. */
static u32 pkey_keytype_bitsize(u32 keytype)
{
	return 8 * secex_pkey_keytype_to_size(keytype) ?: PKEY_SIZE_UNKNOWN;
}

int pkey_clr2protkey(u32 keytype, const u8 *clrkey, u32 clrkeylen,
		     u8 *protkey, u32 *protkeylen, u32 xflags)
{
	u32 size = secex_pkey_keytype_to_size(keytype);
	int ret;

	if (!size || clrkeylen != size || *protkeylen < size + SECEX_WKVP_SIZE)
		return -EINVAL;
	ret = pkey_cpacf_wrap(keytype, clrkey, clrkeylen, protkey, protkeylen,
			      xflags);
	return ret == -ENOSPC ? -EINVAL : ret;
}

/*
 * A random protected key: a random clear key that is wrapped and wiped
 * right away, so its value never leaves this function.
 */
int pkey_gen_protkey(u32 keytype, u8 *protkey, u32 *protkeylen)
{
	u8 clrkey[128];
	u32 size;
	int ret;

	switch (keytype) {
	case PKEY_KEYTYPE_AES_128:
	case PKEY_KEYTYPE_AES_192:
	case PKEY_KEYTYPE_AES_256:
	case PKEY_KEYTYPE_AES_XTS_128:
	case PKEY_KEYTYPE_AES_XTS_256:
	case PKEY_KEYTYPE_HMAC_512:
	case PKEY_KEYTYPE_HMAC_1024:
		break;
	default:
		return -EINVAL;
	}
	size = secex_pkey_keytype_to_size(keytype);
	get_random_bytes(clrkey, size);
	ret = pkey_clr2protkey(keytype, clrkey, size, protkey, protkeylen, 0);
	memzero_explicit(clrkey, sizeof(clrkey));
	return ret;
}

/*
 * @xflags names the machine that will use the key: the software core with
 * SECEX_PKEY_XFLAG_SWCPACF, else the one that makes keys here.
 */
int pkey_verify_protkey(u32 keytype, const u8 *protkey, u32 protkeylen,
			u32 xflags)
{
	u32 size = secex_pkey_keytype_to_size(keytype);

	if (!size || protkeylen != size + SECEX_WKVP_SIZE)
		return -EINVAL;
	return pkey_cpacf_verify(keytype, protkey, protkeylen, xflags);
}

/* Checks of a protected-key token; returns the key's length or -errno. */
static int pkey_check_protkeytok(const struct secex_pkey_keytok *t, u32 keylen,
				 u32 xflags)
{
	u32 size;
	int ret;

	if (keylen < sizeof(*t))
		return -EINVAL;
	size = secex_pkey_keytype_to_size(t->keytype);
	if (!size || t->len != size + SECEX_WKVP_SIZE)
		return -EINVAL;
	/* AES tokens are struct protaeskeytoken, the others as long as needed. */
	if (pkey_is_aes_keytype(t->keytype)) {
		if (keylen < sizeof(struct pkey_protaestok))
			return -EINVAL;
	} else if (keylen < sizeof(*t) + t->len) {
		return -EINVAL;
	}
	ret = pkey_verify_protkey(t->keytype, t->key, t->len, xflags);
	return ret ? ret : t->len;
}

static int pkey_protkeytok2protkey(const struct secex_pkey_keytok *t, u32 keylen,
				   u8 *protkey, u32 *protkeylen, u32 *type,
				   u32 xflags)
{
	int len = pkey_check_protkeytok(t, keylen, xflags);

	if (len < 0)
		return len;
	if (*protkeylen < (u32)len)
		return -EINVAL;
	memcpy(protkey, t->key, len);
	*protkeylen = len;
	*type = t->keytype;
	return 0;
}

static int pkey_clrkeytok2protkey(const struct secex_pkey_keytok *t, u32 keylen,
				  u8 *protkey, u32 *protkeylen, u32 *type,
				  u32 xflags)
{
	int ret;

	/* As upstream: the ioctls take them, paes only with its clrkey. */
	if (xflags & SECEX_PKEY_XFLAG_NOCLEARKEY)
		return -EINVAL;
	if (keylen < sizeof(*t) || keylen < sizeof(*t) + t->len)
		return -EINVAL;
	ret = pkey_clr2protkey(t->keytype, t->key, t->len, protkey,
			       protkeylen, xflags);
	if (!ret)
		*type = t->keytype;
	return ret;
}

/*
 * The ultravisor hands out key secrets as protected keys already; check
 * that what came back is what the token promised.
 */
static int pkey_uvtok2protkey(const struct pkey_uvsecrettok *t, u32 keylen,
			      u8 *protkey, u32 *protkeylen, u32 *type,
			      u32 xflags)
{
	u32 len = *protkeylen;
	u16 secret_type;
	u32 keytype;
	int ret;

	/* Nothing beyond the header is read before this check. */
	if (keylen < sizeof(*t))
		return -EINVAL;
	keytype = pkey_uv_keytype(t->secret_type);
	/* Listing the secrets needs a page. */
	if (xflags & SECEX_PKEY_XFLAG_NOMEMALLOC)
		return -ENOMEM;
	ret = secex_uv_retrieve_secret_by_id(t->secret_id, &secret_type,
					     protkey, &len);
	if (ret == -ENOSPC)
		return -EINVAL;
	if (ret)
		return ret;
	if (secret_type != t->secret_type ||
	    len != secex_pkey_keytype_to_size(keytype) + SECEX_WKVP_SIZE) {
		memzero_explicit(protkey, len);
		return -EINVAL;
	}
	*protkeylen = len;
	*type = keytype;
	return 0;
}

int pkey_key2protkey(const u8 *key, u32 keylen, u8 *protkey, u32 *protkeylen,
		     u32 *protkeytype, u32 xflags)
{
	const struct secex_pkey_tokhdr *hdr = (const struct secex_pkey_tokhdr *)key;
	const struct secex_pkey_keytok *t = (const struct secex_pkey_keytok *)key;

	if (keylen < sizeof(*hdr))
		return -EINVAL;
	if (hdr->type != TOKTYPE_NON_CCA)
		return -ENODEV;		/* CCA/EP11: no HSM, no handler */
	switch (hdr->version) {
	case TOKVER_PROTECTED_KEY:
		return pkey_protkeytok2protkey(t, keylen, protkey, protkeylen,
					       protkeytype, xflags);
	case TOKVER_CLEAR_KEY:
		if (keylen < sizeof(*t) ||
		    !secex_pkey_keytype_to_size(t->keytype))
			return -ENODEV;
		return pkey_clrkeytok2protkey(t, keylen, protkey, protkeylen,
					      protkeytype, xflags);
	case TOKVER_UV_SECRET:
		if (keylen >= sizeof(struct pkey_uvsecrettok) &&
		    !pkey_uv_keytype(((const struct pkey_uvsecrettok *)key)->secret_type))
			return -ENODEV;
		return pkey_uvtok2protkey((const struct pkey_uvsecrettok *)key,
					  keylen, protkey, protkeylen,
					  protkeytype, xflags);
	default:
		return -ENODEV;
	}
}

int secex_pkey_key2protkey(const u8 *key, u32 keylen, u8 *protkey,
			   u32 *protkeylen, u32 *protkeytype, u32 xflags)
{
	return pkey_key2protkey(key, keylen, protkey, protkeylen, protkeytype,
				xflags);
}
EXPORT_SYMBOL_GPL(secex_pkey_key2protkey);

/* PKEY_VERIFYKEY2 for the token kinds a guest can have. */
int pkey_verify_key(const u8 *key, u32 keylen, u32 *type, u32 *bitsize,
		    u32 *flags)
{
	const struct secex_pkey_tokhdr *hdr = (const struct secex_pkey_tokhdr *)key;
	const struct secex_pkey_keytok *t = (const struct secex_pkey_keytok *)key;
	const struct pkey_uvsecrettok *u = (const struct pkey_uvsecrettok *)key;
	struct secex_uv_secret_meta meta;
	u32 keytype;
	int ret;

	if (keylen < sizeof(*hdr))
		return -EINVAL;
	if (hdr->type != TOKTYPE_NON_CCA)
		return -ENODEV;
	switch (hdr->version) {
	case TOKVER_PROTECTED_KEY:
		ret = pkey_check_protkeytok(t, keylen, 0);
		if (ret < 0)
			return ret;
		*type = PKEY_TYPE_PROTKEY;
		*bitsize = pkey_keytype_bitsize(t->keytype);
		*flags = t->keytype;
		return 0;
	case TOKVER_CLEAR_KEY:
		return -EINVAL;		/* nothing to verify */
	case TOKVER_UV_SECRET:
		if (keylen < sizeof(*u))
			return -EINVAL;
		keytype = pkey_uv_keytype(u->secret_type);
		if (!keytype)
			return -ENODEV;
		ret = secex_uv_find_secret(u->secret_id, &meta);
		if (ret)
			return ret;
		if (meta.type != u->secret_type)
			return -EINVAL;
		*type = PKEY_TYPE_UVSECRET;
		*bitsize = pkey_keytype_bitsize(keytype);
		*flags = keytype;
		return 0;
	default:
		return -ENODEV;
	}
}
