// SPDX-License-Identifier: GPL-2.0
/*
 * Key tokens to protected keys: the part of upstream's PCKMO and UV
 * handlers that does not depend on how keys are wrapped.  No HSM exists
 * in a Secure Execution guest, so CCA and EP11 tokens find no handler and
 * get upstream's answer for that case, -ENODEV.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/err.h>
#include <linux/errno.h>
#include <linux/module.h>
#include <linux/random.h>
#include <linux/string.h>
#include <secex/uv_secret.h>
#include <uapi/secex/uv_secret_types.h>
#include "pkey_base.h"

bool pkey_is_aes_keytype(u32 keytype)
{
	return keytype == PKEY_KEYTYPE_AES_128 ||
	       keytype == PKEY_KEYTYPE_AES_192 ||
	       keytype == PKEY_KEYTYPE_AES_256;
}

/* The protected-key type a UV secret type comes back as, 0 if no key. */
static u32 pkey_uv_keytype(u16 secret_type)
{
	return secex_secret_type_info(secret_type).pkey_type;
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

/*
 * Checks of a protected-key token of at least sizeof(*t) bytes; returns
 * the key's length or -errno.
 */
static int pkey_check_protkeytok(const struct secex_pkey_keytok *t, u32 keylen,
				 u32 xflags)
{
	u32 size = secex_pkey_keytype_to_size(t->keytype);
	int ret;

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

static int pkey_protkeytok2protkey(const void *tok, u32 keylen, u8 *protkey,
				   u32 *protkeylen, u32 *type, u32 xflags)
{
	const struct secex_pkey_keytok *t = tok;
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

static int pkey_protkeytok_verify(const void *tok, u32 keylen, u32 *type,
				  u32 *bitsize, u32 *flags)
{
	const struct secex_pkey_keytok *t = tok;
	int ret = pkey_check_protkeytok(t, keylen, 0);

	if (ret < 0)
		return ret;
	*type = PKEY_TYPE_PROTKEY;
	*bitsize = pkey_keytype_bitsize(t->keytype);
	*flags = t->keytype;
	return 0;
}

static u32 pkey_clrkeytok_keytype(const void *tok)
{
	const struct secex_pkey_keytok *t = tok;

	return secex_pkey_keytype_to_size(t->keytype) ? t->keytype : 0;
}

static int pkey_clrkeytok2protkey(const void *tok, u32 keylen, u8 *protkey,
				  u32 *protkeylen, u32 *type, u32 xflags)
{
	const struct secex_pkey_keytok *t = tok;
	int ret;

	/* As upstream: the ioctls take them, paes only with its clrkey. */
	if (xflags & SECEX_PKEY_XFLAG_NOCLEARKEY)
		return -EINVAL;
	if (keylen < sizeof(*t) + t->len)
		return -EINVAL;
	ret = pkey_clr2protkey(t->keytype, t->key, t->len, protkey,
			       protkeylen, xflags);
	if (!ret)
		*type = t->keytype;
	return ret;
}

static u32 pkey_uvtok_keytype(const void *tok)
{
	const struct pkey_uvsecrettok *t = tok;

	return pkey_uv_keytype(t->secret_type);
}

/*
 * The ultravisor hands out key secrets as protected keys already; check
 * that what came back is what the token promised.
 */
static int pkey_uvtok2protkey(const void *tok, u32 keylen, u8 *protkey,
			      u32 *protkeylen, u32 *type, u32 xflags)
{
	const struct pkey_uvsecrettok *t = tok;
	u32 keytype = pkey_uv_keytype(t->secret_type);
	u32 len = *protkeylen;
	u16 secret_type;
	int ret;

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

static int pkey_uvtok_verify(const void *tok, u32 keylen, u32 *type,
			     u32 *bitsize, u32 *flags)
{
	const struct pkey_uvsecrettok *t = tok;
	u32 keytype = pkey_uv_keytype(t->secret_type);
	struct secex_uv_secret_meta meta;
	int ret;

	ret = secex_uv_find_secret(t->secret_id, &meta);
	if (ret)
		return ret;
	if (meta.type != t->secret_type)
		return -EINVAL;
	*type = PKEY_TYPE_UVSECRET;
	*bitsize = pkey_keytype_bitsize(keytype);
	*flags = keytype;
	return 0;
}

/**
 * struct pkey_tok_kind - what pkey does with one kind of key token
 * @version: the token's version byte (all kinds are TOKTYPE_NON_CCA)
 * @min_len: its fixed part; shorter tokens are -EINVAL, and no handler
 *	     reads before this is checked
 * @keytype: the key type the token makes, 0 if no handler takes it
 *	     (-ENODEV, as upstream); NULL if the handler decides
 * @to_protkey: the protected key of the token
 * @verify: PKEY_VERIFYKEY2; NULL if there is nothing to verify (-EINVAL)
 */
struct pkey_tok_kind {
	u8 version;
	u32 min_len;
	u32 (*keytype)(const void *tok);
	int (*to_protkey)(const void *tok, u32 keylen, u8 *protkey,
			  u32 *protkeylen, u32 *type, u32 xflags);
	int (*verify)(const void *tok, u32 keylen, u32 *type, u32 *bitsize,
		      u32 *flags);
};

static const struct pkey_tok_kind pkey_tok_kinds[] = {
	{ TOKVER_PROTECTED_KEY, sizeof(struct secex_pkey_keytok), NULL,
	  pkey_protkeytok2protkey, pkey_protkeytok_verify },
	{ TOKVER_CLEAR_KEY, sizeof(struct secex_pkey_keytok),
	  pkey_clrkeytok_keytype, pkey_clrkeytok2protkey, NULL },
	{ TOKVER_UV_SECRET, sizeof(struct pkey_uvsecrettok),
	  pkey_uvtok_keytype, pkey_uvtok2protkey, pkey_uvtok_verify },
};

/*
 * The kind of token @key, or an ERR_PTR: -EINVAL if it is shorter than its
 * kind's fixed part, -ENODEV if no handler takes it (CCA and EP11 tokens:
 * no HSM in a guest; unknown versions; types we make no keys of).
 */
static const struct pkey_tok_kind *pkey_tok_kind(const u8 *key, u32 keylen)
{
	const struct secex_pkey_tokhdr *hdr = (const void *)key;
	unsigned int i;

	if (keylen < sizeof(*hdr))
		return ERR_PTR(-EINVAL);
	if (hdr->type != TOKTYPE_NON_CCA)
		return ERR_PTR(-ENODEV);
	for (i = 0; i < ARRAY_SIZE(pkey_tok_kinds); i++) {
		const struct pkey_tok_kind *k = &pkey_tok_kinds[i];

		if (k->version != hdr->version)
			continue;
		if (keylen < k->min_len)
			return ERR_PTR(-EINVAL);
		if (k->keytype && !k->keytype(key))
			return ERR_PTR(-ENODEV);
		return k;
	}
	return ERR_PTR(-ENODEV);
}

int pkey_key2protkey(const u8 *key, u32 keylen, u8 *protkey, u32 *protkeylen,
		     u32 *protkeytype, u32 xflags)
{
	const struct pkey_tok_kind *k = pkey_tok_kind(key, keylen);

	if (IS_ERR(k))
		return PTR_ERR(k);
	return k->to_protkey(key, keylen, protkey, protkeylen, protkeytype,
			     xflags);
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
	const struct pkey_tok_kind *k = pkey_tok_kind(key, keylen);

	if (IS_ERR(k))
		return PTR_ERR(k);
	if (!k->verify)
		return -EINVAL;
	return k->verify(key, keylen, type, bitsize, flags);
}
