// SPDX-License-Identifier: GPL-2.0
/*
 * Symmetric crypto of the software ultravisor, all through the kernel crypto
 * API: SHA-256, SHA-512, HMAC-SHA512, HKDF-SHA512 and AES-256-GCM, plus the
 * Secure Execution exchange-key derivation and key-slot unwrap.
 *
 * Requests may sit in vmalloc memory, so GCM always works on a kmalloc'ed
 * linear copy that a scatterlist can describe.
 *
 * Every transform is allocated once, at module load (swuv_crypto_init()):
 * the unkeyed hashes are shared, the keyed ones (GCM, HMAC) come in sets,
 * one per possible CPU plus one, that calls borrow and return.  So no call
 * allocates a transform, none does under swuv.lock, and independent
 * attestations run side by side.
 */
#include <linux/cpumask.h>
#include <linux/err.h>
#include <linux/list.h>
#include <linux/scatterlist.h>
#include <linux/wait.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <crypto/aead.h>
#include <crypto/hash.h>
#include "swuv.h"
#include <secex/compat.h>

/**
 * struct swuv_hmac - a borrowed set of keyed transforms
 * @node: in swuv_tfm_pool while not borrowed
 * @gcm: AES-256-GCM
 * @gcm_req: a request for it
 * @tfm: HMAC-SHA512
 * @desc: its descriptor
 *
 * HMAC users hold one from swuv_hmac_sha512_start() to swuv_hmac_free().
 */
struct swuv_hmac {
	struct list_head node;
	struct crypto_aead *gcm;
	struct aead_request *gcm_req;
	struct crypto_shash *tfm;
	struct shash_desc *desc;
};

static struct crypto_shash *swuv_sha256_tfm, *swuv_sha512_tfm;
static LIST_HEAD(swuv_tfm_pool);
static DEFINE_SPINLOCK(swuv_tfm_pool_lock);
/* Callers waiting for a set: more callers than CPUs plus one. */
static DECLARE_WAIT_QUEUE_HEAD(swuv_tfm_pool_wq);

static bool swuv_tfms_take(struct swuv_hmac **t)
{
	spin_lock(&swuv_tfm_pool_lock);
	*t = list_first_entry_or_null(&swuv_tfm_pool, struct swuv_hmac, node);
	if (*t)
		list_del(&(*t)->node);
	spin_unlock(&swuv_tfm_pool_lock);
	return *t;
}

static struct swuv_hmac *swuv_tfms_get(void)
{
	struct swuv_hmac *t;

	if (wait_event_killable(swuv_tfm_pool_wq, swuv_tfms_take(&t)))
		return ERR_PTR(-EINTR);
	return t;
}

/*
 * Back to the pool.  The transforms hold the caller's keys (a request's
 * protection key, a measurement key) in their contexts: overwrite them
 * with an all-zero key first, as freeing the transforms used to wipe them.
 */
static void swuv_tfms_put(struct swuv_hmac *t)
{
	static const u8 zero_key[SWUV_KEY_SIZE];

	crypto_aead_setkey(t->gcm, zero_key, sizeof(zero_key));
	crypto_shash_setkey(t->tfm, zero_key, sizeof(zero_key));
	spin_lock(&swuv_tfm_pool_lock);
	list_add(&t->node, &swuv_tfm_pool);
	spin_unlock(&swuv_tfm_pool_lock);
	wake_up(&swuv_tfm_pool_wq);
}

static void swuv_tfms_free(struct swuv_hmac *t)
{
	aead_request_free(t->gcm_req);
	if (!IS_ERR_OR_NULL(t->gcm))
		crypto_free_aead(t->gcm);
	kfree_sensitive(t->desc);
	if (!IS_ERR_OR_NULL(t->tfm))
		crypto_free_shash(t->tfm);
	kfree(t);
}

static struct swuv_hmac *swuv_tfms_alloc(void)
{
	struct swuv_hmac *t = kzalloc(sizeof(*t), GFP_KERNEL);

	if (!t)
		return ERR_PTR(-ENOMEM);
	t->gcm = crypto_alloc_aead("gcm(aes)", 0, 0);
	if (IS_ERR(t->gcm))
		goto err;
	t->gcm_req = aead_request_alloc(t->gcm, GFP_KERNEL);
	t->tfm = crypto_alloc_shash("hmac(sha512)", 0, 0);
	if (!t->gcm_req || IS_ERR(t->tfm))
		goto err;
	t->desc = kzalloc(sizeof(*t->desc) + crypto_shash_descsize(t->tfm),
			  GFP_KERNEL);
	if (!t->desc)
		goto err;
	t->desc->tfm = t->tfm;
	return t;
err:
	swuv_tfms_free(t);
	return ERR_PTR(-ENOMEM);
}

void swuv_crypto_exit(void)
{
	struct swuv_hmac *t, *tmp;

	list_for_each_entry_safe(t, tmp, &swuv_tfm_pool, node) {
		list_del(&t->node);
		swuv_tfms_free(t);
	}
	if (!IS_ERR_OR_NULL(swuv_sha512_tfm))
		crypto_free_shash(swuv_sha512_tfm);
	if (!IS_ERR_OR_NULL(swuv_sha256_tfm))
		crypto_free_shash(swuv_sha256_tfm);
	swuv_sha256_tfm = NULL;
	swuv_sha512_tfm = NULL;
}

int swuv_crypto_init(void)
{
	unsigned int i, n = num_possible_cpus() + 1;
	struct swuv_hmac *t;

	swuv_sha256_tfm = crypto_alloc_shash("sha256", 0, 0);
	swuv_sha512_tfm = crypto_alloc_shash("sha512", 0, 0);
	if (IS_ERR(swuv_sha256_tfm) || IS_ERR(swuv_sha512_tfm))
		goto err;
	for (i = 0; i < n; i++) {
		t = swuv_tfms_alloc();
		if (IS_ERR(t))
			goto err;
		swuv_tfms_put(t);
	}
	return 0;
err:
	swuv_crypto_exit();
	return -ENOMEM;
}

int swuv_sha256(const void *data, size_t len, u8 out[SHA256_DIGEST_SIZE])
{
	return crypto_shash_tfm_digest(swuv_sha256_tfm, data, len, out);
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
	u8 ivbuf[SWUV_IV_SIZE];
	DECLARE_CRYPTO_WAIT(wait);
	struct scatterlist sg;
	struct swuv_hmac *t;
	u8 *buf;
	int ret;

	buf = kmalloc(total, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	t = swuv_tfms_get();
	if (IS_ERR(t)) {
		kfree(buf);
		return PTR_ERR(t);
	}
	ret = crypto_aead_setkey(t->gcm, key, SWUV_KEY_SIZE);
	if (!ret)
		ret = crypto_aead_setauthsize(t->gcm, SWUV_TAG_SIZE);
	if (ret)
		goto out;
	if (aad_len)
		memcpy(buf, aad, aad_len);
	memcpy(buf + aad_len, ct, ct_len);
	memcpy(buf + aad_len + ct_len, tag, SWUV_TAG_SIZE);
	memcpy(ivbuf, iv, sizeof(ivbuf));

	sg_init_one(&sg, buf, total);
	aead_request_set_callback(t->gcm_req, CRYPTO_TFM_REQ_MAY_SLEEP |
				  CRYPTO_TFM_REQ_MAY_BACKLOG,
				  crypto_req_done, &wait);
	aead_request_set_ad(t->gcm_req, aad_len);
	aead_request_set_crypt(t->gcm_req, &sg, &sg, ct_len + SWUV_TAG_SIZE,
			       ivbuf);
	ret = crypto_wait_req(crypto_aead_decrypt(t->gcm_req), &wait);
	if (!ret)
		memcpy(pt, buf + aad_len, ct_len);
out:
	swuv_tfms_put(t);
	kfree_sensitive(buf);
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

struct swuv_hmac *swuv_hmac_sha512_start(const u8 *key, size_t key_len)
{
	struct swuv_hmac *h = swuv_tfms_get();
	int ret;

	if (IS_ERR(h))
		return h;
	ret = crypto_shash_setkey(h->tfm, key, key_len);
	if (!ret)
		ret = crypto_shash_init(h->desc);
	if (!ret)
		return h;
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
	memzero_explicit(shash_desc_ctx(h->desc),
			 crypto_shash_descsize(h->tfm));
	swuv_tfms_put(h);
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
	u8 *state;		/* for swuv_runhash_peek() */
	struct shash_desc desc;	/* on swuv_sha512_tfm; its state follows */
};

struct swuv_runhash *swuv_runhash_alloc(void)
{
	struct swuv_runhash *rh;
	int ret = -ENOMEM;

	rh = kzalloc(sizeof(*rh) + crypto_shash_descsize(swuv_sha512_tfm),
		     GFP_KERNEL);
	if (!rh)
		return ERR_PTR(-ENOMEM);
	rh->state = kzalloc(crypto_shash_statesize(swuv_sha512_tfm),
			    GFP_KERNEL);
	rh->desc.tfm = swuv_sha512_tfm;
	if (rh->state)
		ret = crypto_shash_init(&rh->desc);
	if (ret) {
		swuv_runhash_free(rh);
		return ERR_PTR(ret);
	}
	return rh;
}

int swuv_runhash_update(struct swuv_runhash *rh, const void *data, size_t len)
{
	return crypto_shash_update(&rh->desc, data, len);
}

/*
 * Digest of everything so far plus @tail, without consuming the state.
 * Callers serialise (swuv.lock): the state buffer is the running hash's.
 */
int swuv_runhash_peek(struct swuv_runhash *rh, const void *tail,
		      size_t tail_len, u8 out[SHA512_DIGEST_SIZE])
{
	SHASH_DESC_ON_STACK(copy, swuv_sha512_tfm);
	int ret;

	copy->tfm = swuv_sha512_tfm;
	ret = crypto_shash_export(&rh->desc, rh->state);
	if (!ret)
		ret = crypto_shash_import(copy, rh->state);
	if (!ret)
		ret = crypto_shash_update(copy, tail, tail_len);
	if (!ret)
		ret = crypto_shash_final(copy, out);
	shash_desc_zero(copy);
	memzero_explicit(rh->state, crypto_shash_statesize(swuv_sha512_tfm));
	return ret;
}

void swuv_runhash_free(struct swuv_runhash *rh)
{
	if (IS_ERR_OR_NULL(rh))
		return;
	kfree_sensitive(rh->state);
	kfree_sensitive(rh);
}
