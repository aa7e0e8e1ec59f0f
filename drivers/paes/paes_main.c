// SPDX-License-Identifier: GPL-2.0
/*
 * secex_paes: ecb(paes), cbc(paes), ctr(paes) and xts(paes) for Secure
 * Execution guests.  Where the machine has the CPACF encrypted-key
 * functions, paes_cpacf.c registers transforms that use them; the ones
 * here, for machines without, run on the software CPACF core.
 *
 * The names are upstream's so that dm-crypt ("paes-xts-plain64") and
 * cryptsetup (which knows "paes" as a wrapped-key cipher) treat keys as
 * tokens.  Each transform forwards requests to an inner AES skcipher of
 * the same mode (the fastest the machine has, e.g. AES-NI), keyed with the
 * unwrapped protected key (paes_key.c).  Requests use their own context for
 * the inner request: nothing is allocated in the data path.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/string.h>
#include <crypto/aes.h>
#include <crypto/internal/skcipher.h>
#include <crypto/xts.h>
#include "paes.h"

/*
 * Below our CPACF path (300, paes_cpacf.c) and upstream paes_s390
 * (401/402): the machine's encrypted-key functions win where they exist.
 */
#define PAES_PRIORITY		200

struct paes_alg {
	struct skcipher_alg alg;
	const char *inner;
};

static const struct paes_alg *paes_alg_of(struct crypto_skcipher *tfm)
{
	return container_of(crypto_skcipher_alg(tfm), struct paes_alg, alg);
}

static int paes_setkey(struct crypto_skcipher *tfm, const u8 *key,
		       unsigned int keylen)
{
	struct paes_ctx *ctx = crypto_skcipher_ctx(tfm);
	int ret;

	/* Raw XTS keys: the generic checks first, as upstream paes does. */
	if (ctx->xts && (keylen == 32 || keylen == 64)) {
		ret = xts_verify_key(tfm, key, keylen);
		if (ret) {
			paes_forget_key(ctx);
			return ret;
		}
	}
	/* The user's request flags (weak keys forbidden, say) hold inside. */
	crypto_skcipher_clear_flags(ctx->inner, CRYPTO_TFM_REQ_MASK);
	crypto_skcipher_set_flags(ctx->inner, crypto_skcipher_get_flags(tfm) &
				  CRYPTO_TFM_REQ_MASK);
	return paes_setkey_token(ctx, key, keylen);
}

static int paes_crypt(struct skcipher_request *req, bool encrypt)
{
	struct paes_ctx *ctx = crypto_skcipher_ctx(crypto_skcipher_reqtfm(req));
	struct skcipher_request *subreq = skcipher_request_ctx(req);

	paes_check_stale(ctx);
	/* Same buffers, IV, flags and completion; only the tfm differs. */
	*subreq = *req;
	skcipher_request_set_tfm(subreq, ctx->inner);
	return encrypt ? crypto_skcipher_encrypt(subreq) :
			 crypto_skcipher_decrypt(subreq);
}

static int paes_encrypt(struct skcipher_request *req)
{
	return paes_crypt(req, true);
}

static int paes_decrypt(struct skcipher_request *req)
{
	return paes_crypt(req, false);
}

static int paes_init_tfm(struct crypto_skcipher *tfm)
{
	const struct paes_alg *palg = paes_alg_of(tfm);
	struct paes_ctx *ctx = crypto_skcipher_ctx(tfm);
	u32 mask = CRYPTO_ALG_ALLOCATES_MEMORY;
	struct crypto_skcipher *inner;

	/*
	 * Allocated here, once: setkey and requests allocate nothing.  A
	 * synchronous variant needs a synchronous inner cipher.
	 */
	if (!(palg->alg.base.cra_flags & CRYPTO_ALG_ASYNC))
		mask |= CRYPTO_ALG_ASYNC;
	inner = crypto_alloc_skcipher(palg->inner, 0, mask);
	if (IS_ERR(inner))
		return PTR_ERR(inner);
	ctx->inner = inner;
	ctx->xts = !strcmp(palg->inner, "xts(aes)");
	spin_lock_init(&ctx->pk_lock);
	INIT_WORK(&ctx->refresh, paes_refresh_work);
	crypto_skcipher_set_reqsize(tfm, sizeof(struct skcipher_request) +
				    crypto_skcipher_reqsize(inner));
	return 0;
}

static void paes_exit_tfm(struct crypto_skcipher *tfm)
{
	struct paes_ctx *ctx = crypto_skcipher_ctx(tfm);

	cancel_work_sync(&ctx->refresh);
	crypto_free_skcipher(ctx->inner);
	memzero_explicit(ctx, sizeof(*ctx));
}

#define PAES_ALG(_mode, _drv, _flags, _prio, _bs, _ivsize, _minkey, _maxkey) \
	{								\
		.inner = #_mode "(aes)",				\
		.alg = {						\
			.base.cra_name = #_mode "(paes)",		\
			.base.cra_driver_name = _drv,			\
			.base.cra_priority = (_prio),			\
			.base.cra_flags = (_flags),			\
			.base.cra_blocksize = (_bs),			\
			.base.cra_ctxsize = sizeof(struct paes_ctx),	\
			.base.cra_module = THIS_MODULE,			\
			.min_keysize = (_minkey),			\
			.max_keysize = (_maxkey),			\
			.ivsize = (_ivsize),				\
			.chunksize = AES_BLOCK_SIZE,			\
			.setkey = paes_setkey,				\
			.encrypt = paes_encrypt,			\
			.decrypt = paes_decrypt,			\
			.init = paes_init_tfm,				\
			.exit = paes_exit_tfm,				\
		},							\
	}

/*
 * Each mode twice: an asynchronous variant that may use the fastest AES
 * of all (e.g. AES-NI behind cryptd on 6.1), preferred by dm-crypt, and a
 * synchronous one for users that need it (AF_ALG of newer kernels offers
 * synchronous algorithms only).  XTS keys are two keys: twice the sizes.
 */
static struct paes_alg paes_algs[] = {
	PAES_ALG(ecb, "ecb-paes-secex", CRYPTO_ALG_ASYNC, PAES_PRIORITY,
		 AES_BLOCK_SIZE, 0, PAES_MIN_KEYSIZE, PAES_MAX_KEYSIZE),
	PAES_ALG(ecb, "ecb-paes-secex-sync", 0, PAES_PRIORITY - 1,
		 AES_BLOCK_SIZE, 0, PAES_MIN_KEYSIZE, PAES_MAX_KEYSIZE),
	PAES_ALG(cbc, "cbc-paes-secex", CRYPTO_ALG_ASYNC, PAES_PRIORITY,
		 AES_BLOCK_SIZE, AES_BLOCK_SIZE, PAES_MIN_KEYSIZE,
		 PAES_MAX_KEYSIZE),
	PAES_ALG(cbc, "cbc-paes-secex-sync", 0, PAES_PRIORITY - 1,
		 AES_BLOCK_SIZE, AES_BLOCK_SIZE, PAES_MIN_KEYSIZE,
		 PAES_MAX_KEYSIZE),
	PAES_ALG(ctr, "ctr-paes-secex", CRYPTO_ALG_ASYNC, PAES_PRIORITY,
		 1, AES_BLOCK_SIZE, PAES_MIN_KEYSIZE, PAES_MAX_KEYSIZE),
	PAES_ALG(ctr, "ctr-paes-secex-sync", 0, PAES_PRIORITY - 1,
		 1, AES_BLOCK_SIZE, PAES_MIN_KEYSIZE, PAES_MAX_KEYSIZE),
	PAES_ALG(xts, "xts-paes-secex", CRYPTO_ALG_ASYNC, PAES_PRIORITY,
		 AES_BLOCK_SIZE, AES_BLOCK_SIZE, 2 * PAES_MIN_KEYSIZE,
		 2 * PAES_MAX_KEYSIZE),
	PAES_ALG(xts, "xts-paes-secex-sync", 0, PAES_PRIORITY - 1,
		 AES_BLOCK_SIZE, AES_BLOCK_SIZE, 2 * PAES_MIN_KEYSIZE,
		 2 * PAES_MAX_KEYSIZE),
};

static int __init paes_init(void)
{
	int i, ret;

	for (i = 0; i < ARRAY_SIZE(paes_algs); i++) {
		ret = crypto_register_skcipher(&paes_algs[i].alg);
		if (ret)
			goto err;
	}
	ret = paes_cpacf_register();
	if (ret)
		goto err;
	return 0;
err:
	while (--i >= 0)
		crypto_unregister_skcipher(&paes_algs[i].alg);
	return ret;
}

static void __exit paes_exit(void)
{
	int i;

	paes_cpacf_unregister();
	for (i = ARRAY_SIZE(paes_algs) - 1; i >= 0; i--)
		crypto_unregister_skcipher(&paes_algs[i].alg);
}

module_init(paes_init);
module_exit(paes_exit);

MODULE_ALIAS_CRYPTO("ecb(paes)");
MODULE_ALIAS_CRYPTO("cbc(paes)");
MODULE_ALIAS_CRYPTO("ctr(paes)");
MODULE_ALIAS_CRYPTO("xts(paes)");
MODULE_DESCRIPTION("Protected-key AES (paes) skciphers on CPACF or the software CPACF core");
MODULE_LICENSE("GPL");
