// SPDX-License-Identifier: GPL-2.0
/*
 * Symmetric crypto of the software ultravisor, all through the kernel crypto
 * API: SHA-256, SHA-512, HMAC-SHA512, HKDF-SHA512 and AES-256-GCM, plus the
 * Secure Execution exchange-key derivation and key-slot unwrap.
 *
 * Requests may sit in vmalloc memory, so GCM always works on a kmalloc'ed
 * linear copy that a scatterlist can describe.
 */
#include <linux/err.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <crypto/aead.h>
#include <crypto/hash.h>
#include "swuv.h"
#include <secex/compat.h>

int swuv_sha256(const void *data, size_t len, u8 out[SHA256_DIGEST_SIZE])
{
	struct crypto_shash *tfm;
	int ret;

	tfm = crypto_alloc_shash("sha256", 0, 0);
	if (IS_ERR(tfm))
		return PTR_ERR(tfm);
	ret = crypto_shash_tfm_digest(tfm, data, len, out);
	crypto_free_shash(tfm);
	return ret;
}

/**
 * swuv_gcm_decrypt() - AES-256-GCM decryption with a 16-byte tag
 * @key: AES-256 key
 * @iv: 12-byte IV
 * @aad: additional authenticated data (may be NULL if @aad_len is 0)
 * @aad_len: its length
 * @ct: ciphertext
 * @ct_len: its length
 * @tag: the GCM tag
 * @pt: out: @ct_len bytes of plaintext, written only on success
 *
 * Return: 0, -EBADMSG if authentication fails, or another negative errno.
 */
int swuv_gcm_decrypt(const u8 key[SWUV_KEY_SIZE], const u8 iv[SWUV_IV_SIZE],
		     const u8 *aad, size_t aad_len, const u8 *ct,
		     size_t ct_len, const u8 tag[SWUV_TAG_SIZE], u8 *pt)
{
	size_t total = aad_len + ct_len + SWUV_TAG_SIZE;
	struct aead_request *req = NULL;
	struct crypto_aead *tfm;
	u8 ivbuf[SWUV_IV_SIZE];
	DECLARE_CRYPTO_WAIT(wait);
	struct scatterlist sg;
	u8 *buf = NULL;
	int ret;

	tfm = crypto_alloc_aead("gcm(aes)", 0, 0);
	if (IS_ERR(tfm))
		return PTR_ERR(tfm);
	ret = crypto_aead_setkey(tfm, key, SWUV_KEY_SIZE);
	if (!ret)
		ret = crypto_aead_setauthsize(tfm, SWUV_TAG_SIZE);
	if (ret)
		goto out;

	ret = -ENOMEM;
	buf = kmalloc(total, GFP_KERNEL);
	req = aead_request_alloc(tfm, GFP_KERNEL);
	if (!buf || !req)
		goto out;
	if (aad_len)
		memcpy(buf, aad, aad_len);
	memcpy(buf + aad_len, ct, ct_len);
	memcpy(buf + aad_len + ct_len, tag, SWUV_TAG_SIZE);
	memcpy(ivbuf, iv, sizeof(ivbuf));

	sg_init_one(&sg, buf, total);
	aead_request_set_callback(req, CRYPTO_TFM_REQ_MAY_SLEEP |
				  CRYPTO_TFM_REQ_MAY_BACKLOG,
				  crypto_req_done, &wait);
	aead_request_set_ad(req, aad_len);
	aead_request_set_crypt(req, &sg, &sg, ct_len + SWUV_TAG_SIZE, ivbuf);
	ret = crypto_wait_req(crypto_aead_decrypt(req), &wait);
	if (!ret)
		memcpy(pt, buf + aad_len, ct_len);
out:
	aead_request_free(req);
	kfree_sensitive(buf);
	crypto_free_aead(tfm);
	return ret;
}

/**
 * swuv_exchange_key() - Secure Execution exchange key
 * @priv: our P-521 private scalar
 * @peer: the other side's public key (padded coordinates)
 * @key: out: SHA-256(ECDH(@priv, @peer) || 00 00 00 01)
 *
 * Return: 0, -EINVAL for an invalid peer key, or another negative errno.
 */
int swuv_exchange_key(const u8 priv[SWUV_P521_BYTES],
		      const u8 peer[SWUV_EC_PUB_SIZE], u8 key[SWUV_KEY_SIZE])
{
	u8 z[SWUV_P521_BYTES + 4];
	int ret;

	ret = swuv_p521_ecdh(priv, peer, z);
	if (!ret) {
		put_unaligned_be32(1, z + SWUV_P521_BYTES);
		ret = swuv_sha256(z, sizeof(z), key);
	}
	memzero_explicit(z, sizeof(z));
	return ret;
}

/**
 * swuv_unwrap_slot() - unwrap the protection key of one key slot
 * @slot: 80-byte key slot (PHKH, wrapped key, tag)
 * @exch_key: exchange key of the slot's host key and the customer key
 * @prot_key: out: the 32-byte protection key
 *
 * Return: 0 or -EBADMSG (wrong key or tampered slot) or another errno.
 */
int swuv_unwrap_slot(const u8 *slot, const u8 exch_key[SWUV_KEY_SIZE],
		     u8 prot_key[SWUV_KEY_SIZE])
{
	static const u8 zero_iv[SWUV_IV_SIZE];

	return swuv_gcm_decrypt(exch_key, zero_iv, NULL, 0,
				slot + SWUV_PHKH_SIZE, SWUV_KEY_SIZE,
				slot + SWUV_PHKH_SIZE + SWUV_KEY_SIZE,
				prot_key);
}

struct swuv_hmac {
	struct crypto_shash *tfm;
	struct shash_desc *desc;
};

struct swuv_hmac *swuv_hmac_sha512_start(const u8 *key, size_t key_len)
{
	struct swuv_hmac *h;
	int ret;

	h = kzalloc(sizeof(*h), GFP_KERNEL);
	if (!h)
		return ERR_PTR(-ENOMEM);
	h->tfm = crypto_alloc_shash("hmac(sha512)", 0, 0);
	if (IS_ERR(h->tfm)) {
		ret = PTR_ERR(h->tfm);
		kfree(h);
		return ERR_PTR(ret);
	}
	ret = -ENOMEM;
	h->desc = kzalloc(sizeof(*h->desc) + crypto_shash_descsize(h->tfm),
			  GFP_KERNEL);
	if (!h->desc)
		goto err;
	h->desc->tfm = h->tfm;
	ret = crypto_shash_setkey(h->tfm, key, key_len);
	if (!ret)
		ret = crypto_shash_init(h->desc);
	if (!ret)
		return h;
err:
	swuv_hmac_free(h);
	return ERR_PTR(ret);
}

int swuv_hmac_update(struct swuv_hmac *h, const void *data, size_t len)
{
	return len ? crypto_shash_update(h->desc, data, len) : 0;
}

int swuv_hmac_finish(struct swuv_hmac *h, u8 out[SHA512_DIGEST_SIZE])
{
	return crypto_shash_final(h->desc, out);
}

void swuv_hmac_free(struct swuv_hmac *h)
{
	if (IS_ERR_OR_NULL(h))
		return;
	if (h->desc)
		kfree_sensitive(h->desc);
	crypto_free_shash(h->tfm);
	kfree(h);
}

/**
 * swuv_hkdf_sha512() - HKDF (RFC 5869) with HMAC-SHA512
 * @ikm: input keying material
 * @ikm_len: its length
 * @salt: salt
 * @salt_len: its length
 * @info: context information
 * @info_len: its length
 * @okm: out: output keying material
 * @okm_len: its length, at most 255 * 64
 *
 * Return: 0 or a negative errno.
 */
int swuv_hkdf_sha512(const u8 *ikm, size_t ikm_len, const u8 *salt,
		     size_t salt_len, const u8 *info, size_t info_len,
		     u8 *okm, size_t okm_len)
{
	u8 prk[SHA512_DIGEST_SIZE], t[SHA512_DIGEST_SIZE];
	struct swuv_hmac *h;
	size_t done = 0, n;
	u8 ctr = 0;
	int ret;

	if (okm_len > 255 * SHA512_DIGEST_SIZE)
		return -EINVAL;
	h = swuv_hmac_sha512_start(salt, salt_len);
	if (IS_ERR(h))
		return PTR_ERR(h);
	ret = swuv_hmac_update(h, ikm, ikm_len);
	if (!ret)
		ret = swuv_hmac_finish(h, prk);
	swuv_hmac_free(h);

	while (!ret && done < okm_len) {
		h = swuv_hmac_sha512_start(prk, sizeof(prk));
		if (IS_ERR(h)) {
			ret = PTR_ERR(h);
			break;
		}
		ctr++;
		if (ctr > 1)
			ret = swuv_hmac_update(h, t, sizeof(t));
		if (!ret)
			ret = swuv_hmac_update(h, info, info_len);
		if (!ret)
			ret = swuv_hmac_update(h, &ctr, 1);
		if (!ret)
			ret = swuv_hmac_finish(h, t);
		swuv_hmac_free(h);
		if (ret)
			break;
		n = min_t(size_t, okm_len - done, sizeof(t));
		memcpy(okm + done, t, n);
		done += n;
	}
	memzero_explicit(prk, sizeof(prk));
	memzero_explicit(t, sizeof(t));
	return ret;
}

struct swuv_runhash {
	struct crypto_shash *tfm;
	struct shash_desc *desc;
};

static struct shash_desc *swuv_desc_alloc(struct crypto_shash *tfm)
{
	struct shash_desc *desc;

	desc = kzalloc(sizeof(*desc) + crypto_shash_descsize(tfm), GFP_KERNEL);
	if (desc)
		desc->tfm = tfm;
	return desc;
}

struct swuv_runhash *swuv_runhash_alloc(void)
{
	struct swuv_runhash *rh;
	int ret;

	rh = kzalloc(sizeof(*rh), GFP_KERNEL);
	if (!rh)
		return ERR_PTR(-ENOMEM);
	rh->tfm = crypto_alloc_shash("sha512", 0, 0);
	if (IS_ERR(rh->tfm)) {
		ret = PTR_ERR(rh->tfm);
		kfree(rh);
		return ERR_PTR(ret);
	}
	rh->desc = swuv_desc_alloc(rh->tfm);
	ret = rh->desc ? crypto_shash_init(rh->desc) : -ENOMEM;
	if (ret) {
		swuv_runhash_free(rh);
		return ERR_PTR(ret);
	}
	return rh;
}

int swuv_runhash_update(struct swuv_runhash *rh, const void *data, size_t len)
{
	return crypto_shash_update(rh->desc, data, len);
}

/* Digest of everything so far plus @tail, without consuming the state. */
int swuv_runhash_peek(struct swuv_runhash *rh, const void *tail,
		      size_t tail_len, u8 out[SHA512_DIGEST_SIZE])
{
	struct shash_desc *copy;
	void *state;
	int ret;

	state = kzalloc(crypto_shash_statesize(rh->tfm), GFP_KERNEL);
	copy = swuv_desc_alloc(rh->tfm);
	ret = -ENOMEM;
	if (!state || !copy)
		goto out;
	ret = crypto_shash_export(rh->desc, state);
	if (!ret)
		ret = crypto_shash_import(copy, state);
	if (!ret)
		ret = crypto_shash_update(copy, tail, tail_len);
	if (!ret)
		ret = crypto_shash_final(copy, out);
out:
	kfree(copy);
	kfree(state);
	return ret;
}

void swuv_runhash_free(struct swuv_runhash *rh)
{
	if (IS_ERR_OR_NULL(rh))
		return;
	kfree(rh->desc);
	crypto_free_shash(rh->tfm);
	kfree(rh);
}
