// SPDX-License-Identifier: GPL-2.0
/*
 * paes on the machine's CPACF (s390x): where the query of KM, KMC, KMCTR
 * and PCC reports the Encrypted-AES functions, the protected key goes into
 * the parameter block of those functions and the machine does the work.
 * The key is never unwrapped: the clear key does not exist in memory.
 *
 * Protected keys come from secex_pkey without SECEX_PKEY_XFLAG_SWCPACF,
 * i.e. from PCKMO (clear-key tokens), from a protected-key token, or from
 * the ultravisor (UV-secret tokens).  When the machine's wrapping key
 * changes (a live migration, say), the functions process less than asked
 * (condition code 1); the request then re-derives the protected key from
 * the stored token and goes on, as upstream paes_s390 does.
 *
 * Priority: above our software path, below the in-tree paes_s390, which
 * stays in charge where the kernel ships it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <crypto/aes.h>
#include <crypto/algapi.h>
#include <crypto/internal/skcipher.h>
#include <crypto/xts.h>
#include <asm/cpacf.h>
#include <secex/swcpacf.h>
#include "paes.h"

/* Full XTS (MSA 10, z17): older kernel headers lack the codes. */
#ifndef CPACF_KM_PXTS_128_FULL
#define CPACF_KM_PXTS_128_FULL	0x5a
#define CPACF_KM_PXTS_256_FULL	0x5c
#endif

#define PAES_CPACF_PRIORITY	300
/* Re-derivations one request may make without progress before it fails. */
#define PAES_CPACF_RETRIES	3
/* Counter blocks prepared per KMCTR call (on the stack). */
#define PAES_CTR_BLOCKS		16

/* Installed function codes (cpacf_query at module load). */
static cpacf_mask_t km_functions, kmc_functions, kmctr_functions;

struct paes_cpacf_alg {
	struct skcipher_alg alg;
	enum paes_mode mode;
	bool registered;
};

/* Function code for a key of PKEY_KEYTYPE_* @keytype, 0 if none. */
static unsigned long paes_cpacf_fc(enum paes_mode mode, u32 keytype)
{
	cpacf_mask_t *mask = mode == PAES_CBC ? &kmc_functions :
			     mode == PAES_CTR ? &kmctr_functions : &km_functions;
	unsigned long fc = 0;

	if (mode == PAES_XTS) {
		if (keytype == PKEY_KEYTYPE_AES_128)
			fc = CPACF_KM_PXTS_128;
		else if (keytype == PKEY_KEYTYPE_AES_256)
			fc = CPACF_KM_PXTS_256;
		else if (keytype == PKEY_KEYTYPE_AES_XTS_128)
			fc = CPACF_KM_PXTS_128_FULL;
		else if (keytype == PKEY_KEYTYPE_AES_XTS_256)
			fc = CPACF_KM_PXTS_256_FULL;
	} else if (keytype == PKEY_KEYTYPE_AES_128) {
		/* The same codes for KM, KMC and KMCTR. */
		fc = CPACF_KM_PAES_128;
	} else if (keytype == PKEY_KEYTYPE_AES_192) {
		fc = CPACF_KM_PAES_192;
	} else if (keytype == PKEY_KEYTYPE_AES_256) {
		fc = CPACF_KM_PAES_256;
	}
	return fc && cpacf_test_func(mask, fc) ? fc : 0;
}

static bool paes_double_key(u32 keytype)
{
	return keytype == PKEY_KEYTYPE_AES_XTS_128 ||
	       keytype == PKEY_KEYTYPE_AES_XTS_256;
}

static bool paes_cpacf_full_xts_fc(unsigned long fc)
{
	return fc == CPACF_KM_PXTS_128_FULL || fc == CPACF_KM_PXTS_256_FULL;
}

/* Bytes of the wrapped double key of full-XTS function @fc. */
static unsigned int paes_cpacf_full_xts_dklen(unsigned long fc)
{
	return fc == CPACF_KM_PXTS_128_FULL ? 32 : 64;
}

/*
 * Derive protected key(s) from the stored token(s).  A failed
 * re-derivation leaves the stale key, for the other requests to find
 * stale and re-derive themselves (one that may sleep can do what this one
 * could not); a failed setkey forgets it (paes_cpacf_forget).
 */
static int paes_cpacf_convert(struct paes_cpacf_ctx *ctx, u32 xflags)
{
	bool xts = ctx->mode == PAES_XTS;
	struct paes_protkey pk[2] = {};
	unsigned int npk = 0;
	unsigned long fc = 0;
	int ret;

	ret = paes_convert_token(ctx->keybuf, ctx->keylen, xts, xflags, pk,
				 &npk);
	if (!ret) {
		/* XTS: two keys of one type, or one double key. */
		fc = paes_cpacf_fc(ctx->mode, pk[0].type);
		if (!fc && xts && npk == 1 && paes_double_key(pk[0].type)) {
			/*
			 * A double key (a UV AES-XTS secret) needs full XTS,
			 * which machines before z17 lack: not a wrong key.
			 */
			pr_info_once("AES-XTS double keys (UV AES-XTS secrets) need KM Full-XTS-Encrypted-AES (MSA 10, z17); this machine has none\n");
			ret = -EOPNOTSUPP;
		} else if (!fc ||
			   (xts && npk != (paes_cpacf_full_xts_fc(fc) ? 1 : 2))) {
			ret = -EINVAL;
		}
	}
	if (!ret) {
		spin_lock_bh(&ctx->lock);
		memcpy(ctx->pk, pk, sizeof(pk));
		WRITE_ONCE(ctx->fc, fc);
		spin_unlock_bh(&ctx->lock);
	}
	memzero_explicit(pk, sizeof(pk));
	return ret;
}

/* As the software path: leave neither token nor protected key behind. */
static void paes_cpacf_forget(struct paes_cpacf_ctx *ctx)
{
	spin_lock_bh(&ctx->lock);
	WRITE_ONCE(ctx->fc, 0);
	memzero_explicit(ctx->pk, sizeof(ctx->pk));
	spin_unlock_bh(&ctx->lock);
	memzero_explicit(ctx->keybuf, sizeof(ctx->keybuf));
	ctx->keylen = 0;
}

/* Copy protected key @i (key and WKVP) to @dst; returns its code or 0. */
static unsigned long paes_cpacf_load(struct paes_cpacf_ctx *ctx, int i,
				     u8 *dst)
{
	unsigned long fc;

	spin_lock_bh(&ctx->lock);
	fc = ctx->fc;
	if (fc)
		memcpy(dst, ctx->pk[i].protkey, ctx->pk[i].len);
	spin_unlock_bh(&ctx->lock);
	return fc;
}

/**
 * struct paes_cpacf_rctx - one request, resumable in a worker
 * @walk: the walk over the request's data, open across a hand-over (s390
 *	has no highmem: the mapped chunk stays valid in another context)
 * @work: hands the request to process context
 * @req: the request, for the worker
 * @mod: CPACF_ENCRYPT or CPACF_DECRYPT
 * @fc: function code of the protected key in @pb
 * @tries: re-derivations without progress
 * @walking: @walk is open
 * @started: @walk and @pb are set up
 * @pb: the parameter block, whose chaining fields carry the progress
 */
struct paes_cpacf_rctx {
	struct skcipher_walk walk;
	struct work_struct work;
	struct skcipher_request *req;
	unsigned long mod;
	unsigned long fc;
	int tries;
	bool walking;
	bool started;
	u8 pb[AES_BLOCK_SIZE + SECEX_MAXPROTKEYSIZE] __aligned(8);
};

/*
 * The machine refused the key (its wrapping key changed): make a new one
 * from the token.  Where the request may not sleep and the token cannot be
 * converted without sleeping (a UV secret must be looked up), -EAGAIN:
 * the request goes on in process context (paes_cpacf_crypt).
 */
static int paes_cpacf_refresh(struct paes_cpacf_ctx *ctx,
			      struct paes_cpacf_rctx *r, bool may_sleep)
{
	int ret;

	if (++r->tries > PAES_CPACF_RETRIES)
		return -EKEYEXPIRED;
	ret = paes_cpacf_convert(ctx, may_sleep ? 0 : SECEX_PKEY_XFLAG_NOMEMALLOC);
	if (ret && !may_sleep) {
		r->tries--;
		return -EAGAIN;
	}
	return ret;
}

/*
 * A clear-key token of an XTS double key (PKEY_KEYTYPE_AES_XTS_*), as
 * secex-key makes for volumes, on a machine that cannot run it as one
 * (no full-XTS KM or no PCKMO double key: before z17): its key, which is
 * then run as two AES keys with PCC and KM XTS-Encrypted-AES, like a raw
 * XTS key.  Else NULL.
 */
static const u8 *paes_cpacf_xts_clrtok(const u8 *key, unsigned int keylen,
				       unsigned int *dklen)
{
	const struct secex_pkey_keytok *t = (const struct secex_pkey_keytok *)key;

	if (keylen < sizeof(*t) || t->hdr.type != TOKTYPE_NON_CCA ||
	    t->hdr.version != TOKVER_CLEAR_KEY)
		return NULL;
	if (t->keytype == PKEY_KEYTYPE_AES_XTS_128)
		*dklen = 32;
	else if (t->keytype == PKEY_KEYTYPE_AES_XTS_256)
		*dklen = 64;
	else
		return NULL;
	if (paes_cpacf_fc(PAES_XTS, t->keytype) && secex_pckmo_has(t->keytype))
		return NULL;
	return t->len == *dklen && keylen >= sizeof(*t) + *dklen ? t->key : NULL;
}

static int paes_cpacf_setkey(struct crypto_skcipher *tfm, const u8 *key,
			     unsigned int keylen)
{
	struct paes_cpacf_ctx *ctx = crypto_skcipher_ctx(tfm);
	bool xts = ctx->mode == PAES_XTS;
	const u8 *dk;
	unsigned int dklen;
	int ret;

	dk = xts ? paes_cpacf_xts_clrtok(key, keylen, &dklen) : NULL;
	if (dk) {
		/* The clrkey switch still applies to the halves. */
		key = dk;
		keylen = dklen;
	}
	paes_cpacf_forget(ctx);
	/* Raw XTS keys: the generic checks (identical halves, say). */
	if (xts && (keylen == 32 || keylen == 64)) {
		ret = xts_verify_key(tfm, key, keylen);
		if (ret)
			return ret;
	}
	ctx->keylen = paes_store_token(ctx->keybuf, xts, key, keylen);
	ret = paes_cpacf_convert(ctx, paes_setkey_xflags());
	if (ret)
		paes_cpacf_forget(ctx);
	return ret;
}

/*
 * After the machine processed @k of @n bytes of the current chunk: finish
 * them, and on a refused key re-derive it and reload it with @reload.
 * Returns 0 to go on, -EAGAIN to go on in process context, or the error
 * that ended the walk (*@done set).
 */
static int paes_cpacf_step(struct skcipher_request *req,
			   struct paes_cpacf_rctx *r, unsigned int n,
			   unsigned int k, bool may_sleep,
			   unsigned long (*reload)(struct paes_cpacf_ctx *ctx,
						   struct paes_cpacf_rctx *r),
			   bool *done)
{
	struct paes_cpacf_ctx *ctx = crypto_skcipher_ctx(crypto_skcipher_reqtfm(req));
	unsigned int nbytes = r->walk.nbytes;
	int ret = 0;

	*done = false;
	if (k) {
		r->tries = 0;
		ret = skcipher_walk_done(&r->walk, nbytes - k);
		if (ret) {
			*done = true;
			return ret;
		}
	}
	if (k >= n)
		return 0;
	ret = paes_cpacf_refresh(ctx, r, may_sleep);
	if (ret == -EAGAIN)
		return ret;
	if (ret || reload(ctx, r) != r->fc) {
		*done = true;
		return skcipher_walk_done(&r->walk, ret ?: -EINVAL);
	}
	return 0;
}

/*
 * KM over the rest of the walk with the parameter block in @r, which
 * carries the progress (the XTS modes).
 */
static int paes_cpacf_km_walk(struct skcipher_request *req,
			      struct paes_cpacf_rctx *r, bool may_sleep,
			      unsigned long (*reload)(struct paes_cpacf_ctx *ctx,
						      struct paes_cpacf_rctx *r))
{
	unsigned int nbytes, n, k;
	bool done;
	int ret = 0;

	while ((nbytes = r->walk.nbytes) != 0) {
		n = nbytes & ~(AES_BLOCK_SIZE - 1);
		k = cpacf_km(r->fc | r->mod, r->pb, r->walk.dst.virt.addr,
			     r->walk.src.virt.addr, n);
		ret = paes_cpacf_step(req, r, n, k, may_sleep, reload, &done);
		if (ret == -EAGAIN || done)
			return ret;
	}
	return ret;
}

/* ECB and CBC: KM or KMC, the key right behind the chaining value. */
static unsigned long paes_cpacf_reload_km_kmc(struct paes_cpacf_ctx *ctx,
					      struct paes_cpacf_rctx *r)
{
	return paes_cpacf_load(ctx, 0, r->pb + AES_BLOCK_SIZE);
}

static int paes_cpacf_km_kmc(struct skcipher_request *req,
			     struct paes_cpacf_rctx *r, bool may_sleep)
{
	struct paes_cpacf_ctx *ctx = crypto_skcipher_ctx(crypto_skcipher_reqtfm(req));
	bool cbc = ctx->mode == PAES_CBC, done;
	unsigned int nbytes, n, k;
	int ret = 0;

	if (!r->started) {
		ret = skcipher_walk_virt(&r->walk, req, false);
		if (ret)
			return ret;
		r->fc = paes_cpacf_reload_km_kmc(ctx, r);
		if (!r->fc)
			return skcipher_walk_done(&r->walk, -EINVAL);
		if (cbc)
			memcpy(r->pb, r->walk.iv, AES_BLOCK_SIZE);
		r->started = true;
	}
	while ((nbytes = r->walk.nbytes) != 0) {
		n = nbytes & ~(AES_BLOCK_SIZE - 1);
		if (cbc)
			k = cpacf_kmc(r->fc | r->mod, r->pb, r->walk.dst.virt.addr,
				      r->walk.src.virt.addr, n);
		else
			k = cpacf_km(r->fc | r->mod, r->pb + AES_BLOCK_SIZE,
				     r->walk.dst.virt.addr,
				     r->walk.src.virt.addr, n);
		if (k && cbc)
			memcpy(r->walk.iv, r->pb, AES_BLOCK_SIZE);
		ret = paes_cpacf_step(req, r, n, k, may_sleep,
				      paes_cpacf_reload_km_kmc, &done);
		if (ret == -EAGAIN || done)
			return ret;
	}
	return ret;
}

/* CTR: KMCTR reads one counter block per data block; we make them. */
static unsigned long paes_cpacf_reload_ctr(struct paes_cpacf_ctx *ctx,
					   struct paes_cpacf_rctx *r)
{
	return paes_cpacf_load(ctx, 0, r->pb);
}

static int paes_cpacf_ctr(struct skcipher_request *req,
			  struct paes_cpacf_rctx *r, bool may_sleep)
{
	u8 ctrs[PAES_CTR_BLOCKS * AES_BLOCK_SIZE], buf[AES_BLOCK_SIZE];
	unsigned int nbytes, n, k, i;
	bool done;
	int ret = 0;

	if (!r->started) {
		ret = skcipher_walk_virt(&r->walk, req, false);
		if (ret)
			return ret;
		r->fc = paes_cpacf_reload_ctr(crypto_skcipher_ctx(crypto_skcipher_reqtfm(req)), r);
		if (!r->fc)
			return skcipher_walk_done(&r->walk, -EINVAL);
		r->started = true;
	}
	while ((nbytes = r->walk.nbytes) != 0) {
		u8 *dst = r->walk.dst.virt.addr;
		const u8 *src = r->walk.src.virt.addr;

		n = min_t(unsigned int, nbytes & ~(AES_BLOCK_SIZE - 1),
			  sizeof(ctrs));
		if (!n) {
			/* The last, partial block, through a block buffer. */
			memset(buf, 0, sizeof(buf));
			memcpy(buf, src, nbytes);
			k = cpacf_kmctr(r->fc, r->pb, buf, buf, AES_BLOCK_SIZE,
					r->walk.iv);
			if (k == AES_BLOCK_SIZE) {
				memcpy(dst, buf, nbytes);
				crypto_inc(r->walk.iv, AES_BLOCK_SIZE);
				ret = skcipher_walk_done(&r->walk, 0);
				continue;
			}
			/* Nothing done: re-derive, as for a whole block. */
			n = AES_BLOCK_SIZE;
			k = 0;
		} else {
			for (i = 0; i < n; i += AES_BLOCK_SIZE) {
				memcpy(ctrs + i, r->walk.iv, AES_BLOCK_SIZE);
				crypto_inc(r->walk.iv, AES_BLOCK_SIZE);
			}
			k = cpacf_kmctr(r->fc, r->pb, dst, src, n, ctrs);
			/* The IV continues behind the last block done. */
			if (k < n)
				memcpy(r->walk.iv, ctrs + k, AES_BLOCK_SIZE);
		}
		ret = paes_cpacf_step(req, r, n, k, may_sleep,
				      paes_cpacf_reload_ctr, &done);
		if (ret == -EAGAIN || done)
			break;
	}
	memzero_explicit(buf, sizeof(buf));
	return ret;
}

/* PCC returns the condition code: 1 when the key's WKVP is stale. */
static int paes_cpacf_pcc(unsigned long fc, void *param)
{
	int cc;

	asm volatile("	lgr	0,%[fc]\n"
		     "	lgr	1,%[pba]\n"
		     "0:	.insn	rre,%[opc] << 16,0,0\n"
		     "	brc	1,0b\n"
		     "	ipm	%[cc]\n"
		     "	srl	%[cc],28\n"
		     : [cc] "=d" (cc)
		     : [fc] "d" (fc), [pba] "d" ((unsigned long)param),
		       [opc] "i" (CPACF_PCC)
		     : "cc", "memory", "0", "1");
	return cc;
}

/* Bytes of an XTS key field: the key and the WKVP. */
static unsigned int paes_cpacf_xts_kf(unsigned long fc)
{
	return (fc == CPACF_KM_PXTS_128 ? 16 : 32) + SECEX_WKVP_SIZE;
}

/* KM XTS-Encrypted-AES: the data key, then the XTS parameter. */
static unsigned long paes_cpacf_reload_xts(struct paes_cpacf_ctx *ctx,
					   struct paes_cpacf_rctx *r)
{
	return paes_cpacf_load(ctx, 0, r->pb);
}

/*
 * XTS with two protected keys: PCC turns the IV into the XTS parameter
 * under the tweak key, then KM XTS-Encrypted-AES runs on the data key.
 */
static int paes_cpacf_xts_start(struct paes_cpacf_ctx *ctx,
				struct paes_cpacf_rctx *r, bool may_sleep)
{
	/* key, WKVP, then tweak, block number, bit index, XTS parameter */
	u8 pcc[32 + SECEX_WKVP_SIZE + 4 * AES_BLOCK_SIZE];
	unsigned int kf;
	int ret = 0;

	for (;;) {
		memset(pcc, 0, sizeof(pcc));
		r->fc = paes_cpacf_load(ctx, 1, pcc);
		if (!r->fc) {
			ret = -EINVAL;
			break;
		}
		kf = paes_cpacf_xts_kf(r->fc);
		memcpy(pcc + kf, r->walk.iv, AES_BLOCK_SIZE);
		if (!paes_cpacf_pcc(r->fc, pcc)) {
			memcpy(r->pb + kf, pcc + kf + 3 * AES_BLOCK_SIZE,
			       AES_BLOCK_SIZE);
			if (paes_cpacf_reload_xts(ctx, r) != r->fc)
				ret = -EINVAL;
			break;
		}
		ret = paes_cpacf_refresh(ctx, r, may_sleep);
		if (ret)
			break;
	}
	memzero_explicit(pcc, sizeof(pcc));
	return ret;
}

static int paes_cpacf_xts(struct skcipher_request *req,
			  struct paes_cpacf_rctx *r, bool may_sleep)
{
	struct paes_cpacf_ctx *ctx = crypto_skcipher_ctx(crypto_skcipher_reqtfm(req));
	int ret;

	if (!r->started) {
		if (!r->walking) {
			ret = skcipher_walk_virt(&r->walk, req, false);
			if (ret)
				return ret;
			r->walking = true;
		}
		ret = paes_cpacf_xts_start(ctx, r, may_sleep);
		if (ret == -EAGAIN)
			return ret;
		if (ret)
			return skcipher_walk_done(&r->walk, ret);
		r->tries = 0;
		r->started = true;
	}
	/* The XTS parameter stays as the machine left it. */
	return paes_cpacf_km_walk(req, r, may_sleep, paes_cpacf_reload_xts);
}

/*
 * The full-XTS parameter block: the wrapped double key, the tweak, the
 * next alpha power (NAP), then the WKVP, which here does not follow the
 * key.  Loads the key and the WKVP, not the tweak and NAP, which keep the
 * machine's progress across a re-derivation.
 */
static unsigned long paes_cpacf_reload_full_xts(struct paes_cpacf_ctx *ctx,
						struct paes_cpacf_rctx *r)
{
	u8 pk[SECEX_MAXPROTKEYSIZE];
	unsigned long fc;
	unsigned int d;

	fc = paes_cpacf_load(ctx, 0, pk);
	if (paes_cpacf_full_xts_fc(fc)) {
		d = paes_cpacf_full_xts_dklen(fc);
		memcpy(r->pb, pk, d);
		memcpy(r->pb + d + 2 * AES_BLOCK_SIZE, pk + d, SECEX_WKVP_SIZE);
	}
	memzero_explicit(pk, sizeof(pk));
	return fc;
}

/* Full XTS (MSA 10): one KM function does the tweak and the data. */
static int paes_cpacf_full_xts(struct skcipher_request *req,
			       struct paes_cpacf_rctx *r, bool may_sleep)
{
	struct paes_cpacf_ctx *ctx = crypto_skcipher_ctx(crypto_skcipher_reqtfm(req));
	unsigned int d;
	int ret;

	if (!r->started) {
		ret = skcipher_walk_virt(&r->walk, req, false);
		if (ret)
			return ret;
		memset(r->pb, 0, sizeof(r->pb));
		r->fc = paes_cpacf_reload_full_xts(ctx, r);
		if (!paes_cpacf_full_xts_fc(r->fc))
			return skcipher_walk_done(&r->walk, -EINVAL);
		d = paes_cpacf_full_xts_dklen(r->fc);
		memcpy(r->pb + d, r->walk.iv, AES_BLOCK_SIZE);
		r->pb[d + AES_BLOCK_SIZE] = 1;	/* NAP, little-endian */
		r->started = true;
	}
	return paes_cpacf_km_walk(req, r, may_sleep, paes_cpacf_reload_full_xts);
}

/* Runs (or resumes) @req; -EAGAIN: to be resumed in process context. */
static int paes_cpacf_run(struct skcipher_request *req, bool may_sleep)
{
	struct paes_cpacf_ctx *ctx = crypto_skcipher_ctx(crypto_skcipher_reqtfm(req));
	struct paes_cpacf_rctx *r = skcipher_request_ctx(req);
	int ret;

	switch (ctx->mode) {
	case PAES_CTR:
		ret = paes_cpacf_ctr(req, r, may_sleep);
		break;
	case PAES_XTS:
		/* The key type, hence the kind of @fc, is fixed by setkey. */
		if (paes_cpacf_full_xts_fc(r->started ? r->fc : READ_ONCE(ctx->fc)))
			ret = paes_cpacf_full_xts(req, r, may_sleep);
		else
			ret = paes_cpacf_xts(req, r, may_sleep);
		break;
	default:
		ret = paes_cpacf_km_kmc(req, r, may_sleep);
		break;
	}
	if (ret != -EAGAIN)
		memzero_explicit(r->pb, sizeof(r->pb));
	return ret;
}

static void paes_cpacf_worker(struct work_struct *work)
{
	struct paes_cpacf_rctx *r = container_of(work, struct paes_cpacf_rctx,
						 work);
	int ret = paes_cpacf_run(r->req, true);

	/* Completions run with bottom halves off, as from cryptd. */
	local_bh_disable();
	skcipher_request_complete(r->req, ret);
	local_bh_enable();
}

/*
 * Requests run here and now.  One that meets a changed wrapping key while
 * it may not sleep, with a token whose conversion must (a UV secret), goes
 * on in a worker from where it stopped and completes asynchronously, as
 * upstream paes_s390 hands such requests to its crypto engine.
 */
static int paes_cpacf_crypt(struct skcipher_request *req, unsigned long mod)
{
	struct paes_cpacf_rctx *r = skcipher_request_ctx(req);
	int ret;

	memset(r, 0, offsetof(struct paes_cpacf_rctx, pb));
	r->req = req;
	r->mod = mod;
	ret = paes_cpacf_run(req, req->base.flags & CRYPTO_TFM_REQ_MAY_SLEEP);
	if (ret != -EAGAIN)
		return ret;
	INIT_WORK(&r->work, paes_cpacf_worker);
	queue_work(system_unbound_wq, &r->work);
	return -EINPROGRESS;
}

static int paes_cpacf_encrypt(struct skcipher_request *req)
{
	return paes_cpacf_crypt(req, 0);
}

static int paes_cpacf_decrypt(struct skcipher_request *req)
{
	return paes_cpacf_crypt(req, CPACF_DECRYPT);
}

static int paes_cpacf_init_tfm(struct crypto_skcipher *tfm)
{
	struct paes_cpacf_ctx *ctx = crypto_skcipher_ctx(tfm);
	struct skcipher_alg *alg = crypto_skcipher_alg(tfm);

	ctx->mode = container_of(alg, struct paes_cpacf_alg, alg)->mode;
	spin_lock_init(&ctx->lock);
	crypto_skcipher_set_reqsize(tfm, sizeof(struct paes_cpacf_rctx));
	return 0;
}

static void paes_cpacf_exit_tfm(struct crypto_skcipher *tfm)
{
	memzero_explicit(crypto_skcipher_ctx(tfm),
			 sizeof(struct paes_cpacf_ctx));
}

#define PAES_CPACF_ALG(_mode, _name, _drv, _bs, _ivsize, _minkey, _maxkey) \
	{								\
		.mode = (_mode),					\
		.alg = {						\
			.base.cra_name = _name,				\
			.base.cra_driver_name = _drv,			\
			.base.cra_priority = PAES_CPACF_PRIORITY,	\
			.base.cra_flags = CRYPTO_ALG_ASYNC,		\
			.base.cra_blocksize = (_bs),			\
			.base.cra_ctxsize = sizeof(struct paes_cpacf_ctx), \
			.base.cra_module = THIS_MODULE,			\
			.min_keysize = (_minkey),			\
			.max_keysize = (_maxkey),			\
			.ivsize = (_ivsize),				\
			.chunksize = AES_BLOCK_SIZE,			\
			.setkey = paes_cpacf_setkey,			\
			.encrypt = paes_cpacf_encrypt,			\
			.decrypt = paes_cpacf_decrypt,			\
			.init = paes_cpacf_init_tfm,			\
			.exit = paes_cpacf_exit_tfm,			\
		},							\
	}

static struct paes_cpacf_alg paes_cpacf_algs[] = {
	PAES_CPACF_ALG(PAES_ECB, "ecb(paes)", "ecb-paes-secex-cpacf",
		       AES_BLOCK_SIZE, 0, PAES_MIN_KEYSIZE, PAES_MAX_KEYSIZE),
	PAES_CPACF_ALG(PAES_CBC, "cbc(paes)", "cbc-paes-secex-cpacf",
		       AES_BLOCK_SIZE, AES_BLOCK_SIZE, PAES_MIN_KEYSIZE,
		       PAES_MAX_KEYSIZE),
	PAES_CPACF_ALG(PAES_CTR, "ctr(paes)", "ctr-paes-secex-cpacf",
		       1, AES_BLOCK_SIZE, PAES_MIN_KEYSIZE, PAES_MAX_KEYSIZE),
	PAES_CPACF_ALG(PAES_XTS, "xts(paes)", "xts-paes-secex-cpacf",
		       AES_BLOCK_SIZE, AES_BLOCK_SIZE, 2 * PAES_MIN_KEYSIZE,
		       2 * PAES_MAX_KEYSIZE),
};

/* Whether the machine has an encrypted-key function for @mode. */
static bool paes_cpacf_has(enum paes_mode mode)
{
	switch (mode) {
	case PAES_XTS:
		return paes_cpacf_fc(mode, PKEY_KEYTYPE_AES_128) ||
		       paes_cpacf_fc(mode, PKEY_KEYTYPE_AES_256);
	default:
		return paes_cpacf_fc(mode, PKEY_KEYTYPE_AES_128) ||
		       paes_cpacf_fc(mode, PKEY_KEYTYPE_AES_192) ||
		       paes_cpacf_fc(mode, PKEY_KEYTYPE_AES_256);
	}
}

int paes_cpacf_register(void)
{
	unsigned int i, n = 0;
	int ret;

	cpacf_query(CPACF_KM, &km_functions);
	cpacf_query(CPACF_KMC, &kmc_functions);
	cpacf_query(CPACF_KMCTR, &kmctr_functions);
	/*
	 * The encrypted-key functions need the machine's protected keys.
	 * Without PCKMO AES (a hypervisor that turned AES key wrapping off,
	 * the s390x-nopckmo test machine) secex_pkey makes them with the
	 * software core, which only the software transforms can use.
	 */
	if (!secex_pckmo_has(PKEY_KEYTYPE_AES_128)) {
		pr_info("no PCKMO AES functions: paes runs on the software CPACF core (*-paes-secex)\n");
		return 0;
	}
	for (i = 0; i < ARRAY_SIZE(paes_cpacf_algs); i++) {
		struct paes_cpacf_alg *a = &paes_cpacf_algs[i];

		if (!paes_cpacf_has(a->mode))
			continue;
		ret = crypto_register_skcipher(&a->alg);
		if (ret) {
			paes_cpacf_unregister();
			return ret;
		}
		a->registered = true;
		n++;
	}
	if (n)
		pr_info("%u paes modes run on the CPACF encrypted-key functions (*-paes-secex-cpacf)\n",
			n);
	else
		pr_info("no CPACF encrypted-key functions: paes runs on the software CPACF core (*-paes-secex)\n");
	return 0;
}

void paes_cpacf_unregister(void)
{
	int i;

	for (i = ARRAY_SIZE(paes_cpacf_algs) - 1; i >= 0; i--) {
		if (paes_cpacf_algs[i].registered)
			crypto_unregister_skcipher(&paes_cpacf_algs[i].alg);
		paes_cpacf_algs[i].registered = false;
	}
}
