// SPDX-License-Identifier: GPL-2.0
/*
 * Software CPACF: wrapping and unwrapping of protected keys.
 *
 * CPACF encrypts a clear key of n bytes into n bytes and appends a 32-byte
 * WKVP.  With no room for an IV, the encryption must be deterministic; this
 * is a synthetic-IV construction (RFC 5297 style) with two AES-256 keys
 * drawn at random per wrapping-key generation:
 *
 *   tag  = AES-CMAC(K_mac, type block || clear key)
 *   enc  = clear key XOR AES-CTR(K_enc, IV = tag)
 *   wkid = AES-CMAC(K_mac, 0x00 || "secex-swcpacf-wkvp")
 *   protected key = enc || wkid[16] || tag[16]
 *
 * The type block is one whole block, 0x01 || be32 keytype || 11 zero bytes,
 * so that CMAC's chaining value after it depends on the generation and the
 * type only: it is computed once per generation, and a wrap costs the AES
 * blocks of the clear key twice (MAC and CTR), four for AES-256.  A wrap
 * stands in for the machine's one PCKMO instruction (CLR2PROTK, every UV
 * secret that becomes a protected key), so each block counts.
 *
 * The wrapping-key id makes stale keys (other generation) recognisable
 * without trying to decrypt them; the tag catches any modified bit and
 * binds the key type.  Neither reveals anything about the clear key beyond
 * equality of identical keys under the same generation, which CPACF's
 * deterministic wrapping reveals as well.
 *
 * The keys live in one RCU-protected structure: unwrap runs in crypto data
 * paths (any context, no allocation, no sleeping), rotation replaces the
 * structure and a work queued after the grace period wipes and frees the
 * old one once every reader is done, so a rotation never waits and costs
 * the data path nothing.  The AES key schedules are made once per
 * generation, with the fastest AES the kernel has (see compat.h).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/err.h>
#include <linux/errno.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/nospec.h>
#include <linux/random.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/workqueue.h>
#include <crypto/algapi.h>
#include <secex/compat.h>
#include <secex/pkey_api.h>
#include <secex/swcpacf.h>
#include "swcpacf_internal.h"

#define SWCPACF_BLOCK		16
#define SWCPACF_MAX_CLRKEY	128
/* Domain separation of the two CMAC inputs. */
#define SWCPACF_DOM_WKVP	0x00
#define SWCPACF_DOM_TAG		0x01
/* Key types are small numbers (uapi pkey.h); HMAC-1024 is the last. */
#define SWCPACF_NR_KEYTYPES	(PKEY_KEYTYPE_HMAC_1024 + 1)

SECEX_AES_IMPORT_NS;

struct swcpacf_wk {
	struct secex_aes_key enc;
	struct secex_aes_key mac;
	u8 k1[SWCPACF_BLOCK];		/* CMAC subkeys */
	u8 k2[SWCPACF_BLOCK];
	u8 wkid[SECEX_WKVP_ID_SIZE];
	/* CMAC's chaining value after each key type's type block. */
	u8 type_state[SWCPACF_NR_KEYTYPES][SWCPACF_BLOCK];
	u64 generation;
	struct rcu_work free_work;
};

static struct swcpacf_wk __rcu *swcpacf_wk;
/*
 * The current generation, readable without RCU: written after the new key
 * is published, so whoever sees a generation finds its key (or a newer).
 */
static u64 swcpacf_gen;
/* Frees the keys of earlier generations (swcpacf_wk_free_work()). */
static struct workqueue_struct *swcpacf_free_wq;
/* Serialises rotations (and module exit) against each other. */
static DEFINE_MUTEX(swcpacf_wk_lock);

/* Multiply by x in GF(2^128), as CMAC's subkey derivation does. */
static void swcpacf_dbl(u8 out[SWCPACF_BLOCK], const u8 in[SWCPACF_BLOCK])
{
	u8 msb = in[0] >> 7;
	int i;

	for (i = 0; i < SWCPACF_BLOCK - 1; i++)
		out[i] = (in[i] << 1) | (in[i + 1] >> 7);
	out[SWCPACF_BLOCK - 1] = (in[SWCPACF_BLOCK - 1] << 1) ^ (0x87 & -msb);
}

/*
 * AES-CMAC (NIST SP 800-38B) of @len bytes under the wrapping key's K_mac,
 * continuing from chaining value @state: zeros for a message of its own,
 * wk->type_state[t] for the rest of a message that began with t's type
 * block.
 */
static void swcpacf_cmac_from(const struct swcpacf_wk *wk,
			      const u8 state[SWCPACF_BLOCK], const u8 *msg,
			      unsigned int len, u8 tag[SWCPACF_BLOCK])
{
	unsigned int n = len ? DIV_ROUND_UP(len, SWCPACF_BLOCK) : 1;
	unsigned int i, rem = len - (n - 1) * SWCPACF_BLOCK;
	u8 x[SWCPACF_BLOCK], last[SWCPACF_BLOCK] = {};

	memcpy(x, state, sizeof(x));
	for (i = 0; i < n - 1; i++) {
		crypto_xor(x, msg + i * SWCPACF_BLOCK, SWCPACF_BLOCK);
		secex_aes_encrypt(&wk->mac, x, x);
	}
	memcpy(last, msg + (n - 1) * SWCPACF_BLOCK, rem);
	if (rem == SWCPACF_BLOCK) {
		crypto_xor(last, wk->k1, SWCPACF_BLOCK);
	} else {
		last[rem] = 0x80;
		crypto_xor(last, wk->k2, SWCPACF_BLOCK);
	}
	crypto_xor(x, last, SWCPACF_BLOCK);
	secex_aes_encrypt(&wk->mac, tag, x);
	memzero_explicit(x, sizeof(x));
	memzero_explicit(last, sizeof(last));
}

static void swcpacf_cmac(const struct swcpacf_wk *wk, const u8 *msg,
			 unsigned int len, u8 tag[SWCPACF_BLOCK])
{
	static const u8 zero[SWCPACF_BLOCK];

	swcpacf_cmac_from(wk, zero, msg, len, tag);
}

static void swcpacf_type_block(u32 keytype, u8 block[SWCPACF_BLOCK])
{
	__be32 kt = cpu_to_be32(keytype);

	memset(block, 0, SWCPACF_BLOCK);
	block[0] = SWCPACF_DOM_TAG;
	memcpy(block + 1, &kt, sizeof(kt));
}

/* The chaining value after each type block: one AES block per type. */
static void swcpacf_type_states(struct swcpacf_wk *wk)
{
	u32 t;

	for (t = 0; t < SWCPACF_NR_KEYTYPES; t++) {
		swcpacf_type_block(t, wk->type_state[t]);
		secex_aes_encrypt(&wk->mac, wk->type_state[t],
				  wk->type_state[t]);
	}
}

/* CMAC subkeys (SP 800-38B): L = AES(K_mac, 0), K1 = 2L, K2 = 4L. */
static void swcpacf_cmac_subkeys(struct swcpacf_wk *wk)
{
	u8 l[SWCPACF_BLOCK] = {};

	secex_aes_encrypt(&wk->mac, l, l);
	swcpacf_dbl(wk->k1, l);
	swcpacf_dbl(wk->k2, wk->k1);
	memzero_explicit(l, sizeof(l));
}

#ifdef SECEX_KUNIT
/* AES-CMAC under @key, for the known answers of swcpacf_kunit.c. */
int swcpacf_cmac_kat(const u8 *key, unsigned int keylen, const u8 *msg,
		     unsigned int len, u8 tag[16])
{
	struct swcpacf_wk *wk = kzalloc(sizeof(*wk), GFP_KERNEL);
	int ret;

	if (!wk)
		return -ENOMEM;
	ret = secex_aes_setkey(&wk->mac, key, keylen);
	if (!ret) {
		swcpacf_cmac_subkeys(wk);
		swcpacf_cmac(wk, msg, len, tag);
	}
	secex_aes_free(&wk->mac);
	kfree_sensitive(wk);
	return ret;
}
#endif

/* @keytype has a size (the callers checked), so it indexes type_state. */
static void swcpacf_tag(const struct swcpacf_wk *wk, u32 keytype,
			const u8 *clrkey, u32 len, u8 tag[SWCPACF_BLOCK])
{
	keytype = array_index_nospec(keytype, SWCPACF_NR_KEYTYPES);
	swcpacf_cmac_from(wk, wk->type_state[keytype], clrkey, len, tag);
}

#ifdef SECEX_KUNIT
/*
 * The tag of @protkey, a wrap of @clrkey, recomputed as one AES-CMAC over
 * the whole message (type block || clear key) under the current wrapping
 * key: 0 if it is the tag the precomputed chaining value gave.
 */
int swcpacf_tag_kat(u32 keytype, const u8 *clrkey, u32 len, const u8 *protkey)
{
	u8 msg[SWCPACF_BLOCK + SWCPACF_MAX_CLRKEY], tag[SWCPACF_BLOCK];
	int ret;

	if (len > SWCPACF_MAX_CLRKEY)
		return -EINVAL;
	swcpacf_type_block(keytype, msg);
	memcpy(msg + SWCPACF_BLOCK, clrkey, len);
	rcu_read_lock();
	swcpacf_cmac(rcu_dereference(swcpacf_wk), msg, SWCPACF_BLOCK + len, tag);
	rcu_read_unlock();
	ret = memcmp(tag, protkey + len + SECEX_WKVP_ID_SIZE, sizeof(tag)) ?
		-EBADMSG : 0;
	memzero_explicit(msg, sizeof(msg));
	return ret;
}
#endif

/* CTR mode: @out = @in XOR keystream(K_enc, @iv).  @out may be @in. */
static void swcpacf_ctr(const struct swcpacf_wk *wk, const u8 iv[SWCPACF_BLOCK],
			const u8 *in, u8 *out, u32 len)
{
	u8 ctr[SWCPACF_BLOCK], ks[SWCPACF_BLOCK];
	u32 off, n;

	memcpy(ctr, iv, sizeof(ctr));
	for (off = 0; off < len; off += n) {
		n = min_t(u32, len - off, SWCPACF_BLOCK);
		secex_aes_encrypt(&wk->enc, ks, ctr);
		crypto_xor_cpy(out + off, in + off, ks, n);
		crypto_inc(ctr, SWCPACF_BLOCK);
	}
	memzero_explicit(ks, sizeof(ks));
	memzero_explicit(ctr, sizeof(ctr));
}

int secex_swcpacf_wrap(u32 keytype, const u8 *clrkey, u32 clrkeylen,
		       u8 *protkey, u32 *protkeylen)
{
	u32 size = secex_pkey_keytype_to_size(keytype);
	const struct swcpacf_wk *wk;
	u8 tag[SWCPACF_BLOCK];

	if (!size || clrkeylen != size)
		return -EINVAL;
	if (*protkeylen < size + SECEX_WKVP_SIZE)
		return -ENOSPC;

	rcu_read_lock();
	wk = rcu_dereference(swcpacf_wk);
	swcpacf_tag(wk, keytype, clrkey, size, tag);
	swcpacf_ctr(wk, tag, clrkey, protkey, size);
	memcpy(protkey + size, wk->wkid, SECEX_WKVP_ID_SIZE);
	memcpy(protkey + size + SECEX_WKVP_ID_SIZE, tag, sizeof(tag));
	rcu_read_unlock();

	*protkeylen = size + SECEX_WKVP_SIZE;
	return 0;
}
EXPORT_SYMBOL_GPL(secex_swcpacf_wrap);

int secex_swcpacf_unwrap(u32 keytype, const u8 *protkey, u32 protkeylen,
			 u8 *clrkey, u32 *clrkeylen)
{
	u32 size = secex_pkey_keytype_to_size(keytype);
	const u8 *trailer = protkey + size;
	const struct swcpacf_wk *wk;
	u8 tag[SWCPACF_BLOCK];
	int ret = 0;

	if (!size || protkeylen != size + SECEX_WKVP_SIZE)
		return -EINVAL;
	if (*clrkeylen < size)
		return -ENOSPC;

	rcu_read_lock();
	wk = rcu_dereference(swcpacf_wk);
	if (crypto_memneq(trailer, wk->wkid, SECEX_WKVP_ID_SIZE)) {
		ret = -EKEYEXPIRED;
		goto out;
	}
	swcpacf_ctr(wk, trailer + SECEX_WKVP_ID_SIZE, protkey, clrkey, size);
	swcpacf_tag(wk, keytype, clrkey, size, tag);
	if (crypto_memneq(tag, trailer + SECEX_WKVP_ID_SIZE, sizeof(tag))) {
		memzero_explicit(clrkey, size);
		ret = -EKEYREJECTED;
	}
	memzero_explicit(tag, sizeof(tag));
out:
	rcu_read_unlock();
	if (!ret)
		*clrkeylen = size;
	return ret;
}
EXPORT_SYMBOL_GPL(secex_swcpacf_unwrap);

int secex_swcpacf_verify(u32 keytype, const u8 *protkey, u32 protkeylen)
{
	u8 clrkey[SWCPACF_MAX_CLRKEY];
	u32 len = sizeof(clrkey);
	int ret;

	ret = secex_swcpacf_unwrap(keytype, protkey, protkeylen, clrkey, &len);
	memzero_explicit(clrkey, sizeof(clrkey));
	return ret;
}
EXPORT_SYMBOL_GPL(secex_swcpacf_verify);

bool secex_swcpacf_is_current(const u8 *protkey, u32 protkeylen)
{
	bool current_wk;

	if (protkeylen <= SECEX_WKVP_SIZE)
		return false;
	rcu_read_lock();
	current_wk = !crypto_memneq(protkey + protkeylen - SECEX_WKVP_SIZE,
				    rcu_dereference(swcpacf_wk)->wkid,
				    SECEX_WKVP_ID_SIZE);
	rcu_read_unlock();
	return current_wk;
}
EXPORT_SYMBOL_GPL(secex_swcpacf_is_current);

void secex_swcpacf_wkvp(u8 wkvp[SECEX_WKVP_SIZE])
{
	memset(wkvp, 0, SECEX_WKVP_SIZE);
	rcu_read_lock();
	memcpy(wkvp, rcu_dereference(swcpacf_wk)->wkid, SECEX_WKVP_ID_SIZE);
	rcu_read_unlock();
}
EXPORT_SYMBOL_GPL(secex_swcpacf_wkvp);

static void swcpacf_wk_free(struct swcpacf_wk *wk)
{
	secex_aes_free(&wk->enc);
	secex_aes_free(&wk->mac);
	kfree_sensitive(wk);
}

/*
 * A new wrapping key, or an ERR_PTR.  Waits for the CRNG: this module may
 * load from an initramfs before the kernel's RNG is ready.
 */
static struct swcpacf_wk *swcpacf_wk_new(u64 generation)
{
	static const char label[] = "secex-swcpacf-wkvp";
	u8 buf[sizeof(label) + 1];
	u8 raw[AES_KEYSIZE_256];
	struct swcpacf_wk *wk;
	int ret;

	wk = kzalloc(sizeof(*wk), GFP_KERNEL);
	if (!wk)
		return ERR_PTR(-ENOMEM);
	ret = get_random_bytes_wait(raw, sizeof(raw));
	ret = ret ?: secex_aes_setkey(&wk->enc, raw, sizeof(raw));
	ret = ret ?: get_random_bytes_wait(raw, sizeof(raw));
	ret = ret ?: secex_aes_setkey(&wk->mac, raw, sizeof(raw));
	memzero_explicit(raw, sizeof(raw));
	if (ret) {
		swcpacf_wk_free(wk);
		return ERR_PTR(ret);
	}
	swcpacf_cmac_subkeys(wk);
	swcpacf_type_states(wk);
	buf[0] = SWCPACF_DOM_WKVP;
	memcpy(buf + 1, label, sizeof(label));
	swcpacf_cmac(wk, buf, sizeof(buf), wk->wkid);
	memzero_explicit(buf, sizeof(buf));
	wk->generation = generation;
	return wk;
}

/*
 * After a grace period, in process context: kfree_rcu() would not wipe the
 * keys, and freeing a cipher transform is not for softirq context.
 */
static void swcpacf_wk_free_work(struct work_struct *work)
{
	swcpacf_wk_free(container_of(to_rcu_work(work), struct swcpacf_wk,
				     free_work));
}

int secex_swcpacf_rotate(void)
{
	struct swcpacf_wk *old, *wk;
	u64 generation;

	mutex_lock(&swcpacf_wk_lock);
	old = rcu_dereference_protected(swcpacf_wk,
					lockdep_is_held(&swcpacf_wk_lock));
	wk = swcpacf_wk_new(old->generation + 1);
	if (IS_ERR(wk)) {
		mutex_unlock(&swcpacf_wk_lock);
		return PTR_ERR(wk);
	}
	/* Once unlocked, another rotation may free @wk: no reads after. */
	generation = wk->generation;
	rcu_assign_pointer(swcpacf_wk, wk);
	/* Pairs with secex_swcpacf_generation(): the key before its number. */
	smp_store_release(&swcpacf_gen, generation);
	INIT_RCU_WORK(&old->free_work, swcpacf_wk_free_work);
	queue_rcu_work(swcpacf_free_wq, &old->free_work);
	mutex_unlock(&swcpacf_wk_lock);

	pr_info_ratelimited("wrapping key rotated (generation %llu): existing protected keys are stale\n",
			    generation);
	return 0;
}
EXPORT_SYMBOL_GPL(secex_swcpacf_rotate);

u64 secex_swcpacf_generation(void)
{
	/* Pairs with the rotation's release: who sees n finds key n. */
	return smp_load_acquire(&swcpacf_gen);
}
EXPORT_SYMBOL_GPL(secex_swcpacf_generation);

int swcpacf_wk_init(void)
{
	struct swcpacf_wk *wk;

	swcpacf_free_wq = alloc_workqueue("secex_swcpacf_free", WQ_UNBOUND, 0);
	if (!swcpacf_free_wq)
		return -ENOMEM;
	wk = swcpacf_wk_new(0);
	if (IS_ERR(wk)) {
		destroy_workqueue(swcpacf_free_wq);
		return PTR_ERR(wk);
	}
	rcu_assign_pointer(swcpacf_wk, wk);
	return 0;
}

void swcpacf_wk_exit(void)
{
	struct swcpacf_wk *wk;

	mutex_lock(&swcpacf_wk_lock);
	wk = rcu_dereference_protected(swcpacf_wk,
				       lockdep_is_held(&swcpacf_wk_lock));
	RCU_INIT_POINTER(swcpacf_wk, NULL);
	mutex_unlock(&swcpacf_wk_lock);
	synchronize_rcu();
	swcpacf_wk_free(wk);
	/*
	 * The old keys of the last rotations, before the module text goes:
	 * the grace periods end, their works are queued, and run.
	 */
	rcu_barrier();
	destroy_workqueue(swcpacf_free_wq);
}
