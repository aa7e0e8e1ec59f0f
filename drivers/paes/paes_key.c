// SPDX-License-Identifier: GPL-2.0
/*
 * paes keys: token -> protected key (secex_pkey) -> clear key (software
 * CPACF) -> the inner AES skcipher, whose key schedule then does the work.
 *
 * The clear key exists only for the moment of the inner setkey and inside
 * the inner transform, i.e. in kernel memory (see Documentation/pkey.rst).
 * The protected key stays in the context: when the wrapping key changes
 * it goes stale like a CPACF protected key after a live migration, and is
 * re-derived from the token in process context.  The inner key is the same
 * clear key before and after, so no request ever waits for or fails on it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/random.h>
#include <linux/string.h>
#include <secex/swcpacf.h>
#include "paes.h"

/*
 * Clear-key tokens, and raw keys, which become clear-key tokens, put the
 * key itself into a file or a dm-crypt table: what protected keys exist
 * to avoid.  As upstream paes, accept them only on request.  Checked at
 * setkey; a transform keyed before the switch is turned off keeps
 * re-deriving its key.
 */
bool paes_clrkey;
module_param_named(clrkey, paes_clrkey, bool, 0644);
MODULE_PARM_DESC(clrkey, "Accept clear-key tokens and raw AES keys as paes keys (default: no)");

u32 paes_setkey_xflags(void)
{
	return READ_ONCE(paes_clrkey) ? 0 : SECEX_PKEY_XFLAG_NOCLEARKEY;
}

/*
 * A rotation between making the protected key and unwrapping it makes the
 * key stale on the way: convert again, a few times (upstream paes retries
 * its conversion too).
 */
#define PAES_SETKEY_TRIES	5

/* Largest inner key: AES-256-XTS, two 32-byte keys. */
#define PAES_MAX_CLRKEY		64

/* Raw AES key lengths, which upstream turns into clear-key tokens. */
static bool paes_is_raw(unsigned int keylen, bool xts)
{
	if (xts)
		return keylen == 32 || keylen == 64;
	return keylen == 16 || keylen == 24 || keylen == 32;
}

static u32 paes_aes_keytype(unsigned int keylen)
{
	return keylen == 16 ? PKEY_KEYTYPE_AES_128 :
	       keylen == 24 ? PKEY_KEYTYPE_AES_192 : PKEY_KEYTYPE_AES_256;
}

/* Clear-key token for a raw key at @tok; returns the token's length. */
static unsigned int paes_clrkey_token(u8 *tok, const u8 *key,
				      unsigned int keylen)
{
	struct secex_pkey_keytok *t = (struct secex_pkey_keytok *)tok;

	memset(t, 0, sizeof(*t));
	t->hdr.type = TOKTYPE_NON_CCA;
	t->hdr.version = TOKVER_CLEAR_KEY;
	t->keytype = paes_aes_keytype(keylen);
	t->len = keylen;
	memcpy(t->key, key, keylen);
	return sizeof(*t) + keylen;
}

/*
 * Store @key as token(s) in @keybuf (2 * PAES_MAX_KEYSIZE bytes); returns
 * the bytes used.
 */
unsigned int paes_store_token(u8 *keybuf, bool xts, const u8 *key,
			      unsigned int keylen)
{
	unsigned int half = keylen / 2, len;

	if (!paes_is_raw(keylen, xts)) {
		memcpy(keybuf, key, keylen);
		return keylen;
	}
	if (!xts)
		return paes_clrkey_token(keybuf, key, keylen);
	/* Two tokens of equal length, like two-key XTS blobs. */
	len = paes_clrkey_token(keybuf, key, half);
	return len + paes_clrkey_token(keybuf + len, key + half, half);
}

static int paes_token2pk(const u8 *tok, unsigned int len, u32 xflags,
			 struct paes_protkey *pk)
{
	pk->len = sizeof(pk->protkey);
	return secex_pkey_key2protkey(tok, len, pk->protkey, &pk->len,
				      &pk->type, xflags);
}

/*
 * Protected key(s) for the token(s) in @keybuf, made by the machine's
 * CPACF or (SECEX_PKEY_XFLAG_SWCPACF in @xflags) the software core.  As
 * upstream: the whole blob first; an XTS blob that yields a plain AES key
 * holds two keys of equal length, one per half.
 */
int paes_convert_token(const u8 *keybuf, unsigned int keylen, bool xts,
		       u32 xflags, struct paes_protkey *pk, unsigned int *npk)
{
	unsigned int half = keylen / 2;
	int ret;

	ret = paes_token2pk(keybuf, keylen, xflags, &pk[0]);
	if (ret)
		return ret;
	*npk = 1;
	if (!xts) {
		switch (pk[0].type) {
		case PKEY_KEYTYPE_AES_128:
		case PKEY_KEYTYPE_AES_192:
		case PKEY_KEYTYPE_AES_256:
			return 0;
		default:
			return -EINVAL;
		}
	}
	if (pk[0].type == PKEY_KEYTYPE_AES_XTS_128 ||
	    pk[0].type == PKEY_KEYTYPE_AES_XTS_256)
		return 0;
	if ((pk[0].type != PKEY_KEYTYPE_AES_128 &&
	     pk[0].type != PKEY_KEYTYPE_AES_256) || keylen % 2)
		return -EINVAL;
	ret = paes_token2pk(keybuf, half, xflags, &pk[0]);
	ret = ret ?: paes_token2pk(keybuf + half, half, xflags, &pk[1]);
	if (ret)
		return ret;
	*npk = 2;
	return pk[0].type == pk[1].type ? 0 : -EINVAL;
}

/* The software path: keys of the software CPACF core, unwrapped here. */
static int paes_convert(const struct paes_ctx *ctx, u32 xflags,
			struct paes_protkey *pk, unsigned int *npk)
{
	return paes_convert_token(ctx->keybuf, ctx->keylen, ctx->xts,
				  xflags | SECEX_PKEY_XFLAG_SWCPACF, pk, npk);
}

/* Unwrap the protected key(s) into the inner transform's key. */
static int paes_set_inner(struct paes_ctx *ctx, const struct paes_protkey *pk,
			  unsigned int npk)
{
	u8 clrkey[PAES_MAX_CLRKEY];
	unsigned int i, off = 0;
	u32 len;
	int ret = 0;

	for (i = 0; i < npk && !ret; i++) {
		len = sizeof(clrkey) - off;
		ret = secex_swcpacf_unwrap(pk[i].type, pk[i].protkey,
					   pk[i].len, clrkey + off, &len);
		off += len;
	}
	if (!ret)
		ret = crypto_skcipher_setkey(ctx->inner, clrkey, off);
	memzero_explicit(clrkey, sizeof(clrkey));
	return ret;
}

/* Drop the token and the protected keys of @ctx. */
static void paes_drop_key(struct paes_ctx *ctx)
{
	unsigned long flags;

	/* No refresh may run on the old token while it goes. */
	cancel_work_sync(&ctx->refresh);
	clear_bit(PAES_REFRESH_PENDING, &ctx->flags);
	spin_lock_irqsave(&ctx->pk_lock, flags);
	WRITE_ONCE(ctx->npk, 0);
	memzero_explicit(ctx->pk, sizeof(ctx->pk));
	spin_unlock_irqrestore(&ctx->pk_lock, flags);
	memzero_explicit(ctx->keybuf, sizeof(ctx->keybuf));
	ctx->keylen = 0;
}

/*
 * Leave nothing of the last key in @ctx: not its token, not its protected
 * keys, not the clear key in the inner transform's key schedule.  After a
 * failed setkey the crypto API refuses requests until the next one, but
 * the memory would still hold the key it replaced.  The inner transform
 * gets a random key instead (there is no way to unkey a transform).
 */
void paes_forget_key(struct paes_ctx *ctx)
{
	u8 rnd[PAES_MAX_CLRKEY];

	paes_drop_key(ctx);
	/* AES-256 or AES-256-XTS: a valid length, halves that differ. */
	get_random_bytes(rnd, sizeof(rnd));
	if (crypto_skcipher_setkey(ctx->inner, rnd, ctx->xts ? 64 : 32))
		pr_warn_once("a random key did not replace the last one in the inner transform\n");
	memzero_explicit(rnd, sizeof(rnd));
}

int paes_setkey_token(struct paes_ctx *ctx, const u8 *key, unsigned int keylen)
{
	struct paes_protkey pk[2];
	unsigned int npk = 0, tries = 0;
	unsigned long flags;
	u64 gen;
	int ret;

	/* the inner key: replaced below, or forgotten if that fails */
	paes_drop_key(ctx);
	ctx->keylen = paes_store_token(ctx->keybuf, ctx->xts, key, keylen);
	do {
		gen = secex_swcpacf_generation();
		ret = paes_convert(ctx, paes_setkey_xflags(), pk, &npk);
		ret = ret ?: paes_set_inner(ctx, pk, npk);
	} while (ret == -EKEYEXPIRED && ++tries < PAES_SETKEY_TRIES);
	if (ret) {
		/* the new token, and the inner key if it got there */
		paes_forget_key(ctx);
	} else {
		spin_lock_irqsave(&ctx->pk_lock, flags);
		memcpy(ctx->pk, pk, sizeof(pk));
		WRITE_ONCE(ctx->npk, npk);
		WRITE_ONCE(ctx->pk_gen, gen);
		spin_unlock_irqrestore(&ctx->pk_lock, flags);
	}
	memzero_explicit(pk, sizeof(pk));
	return ret;
}

void paes_refresh_work(struct work_struct *work)
{
	struct paes_ctx *ctx = container_of(work, struct paes_ctx, refresh);
	u64 gen = secex_swcpacf_generation();
	struct paes_protkey pk[2];
	unsigned int npk = 0;
	unsigned long flags;
	int ret;

	ret = paes_convert(ctx, 0, pk, &npk);
	if (!ret) {
		spin_lock_irqsave(&ctx->pk_lock, flags);
		memcpy(ctx->pk, pk, sizeof(pk));
		WRITE_ONCE(ctx->npk, npk);
		WRITE_ONCE(ctx->pk_gen, gen);
		spin_unlock_irqrestore(&ctx->pk_lock, flags);
		clear_bit(PAES_REFRESH_PENDING, &ctx->flags);
	} else {
		/*
		 * E.g. a protected-key token: it went stale with the rest.
		 * The transform keeps its working key; the bit stays set so
		 * that this is tried (and logged) once per key.
		 */
		pr_warn_ratelimited("cannot re-derive a protected key from its token (%d)\n",
				    ret);
	}
	memzero_explicit(pk, sizeof(pk));
}

/*
 * Data path: any context, no lock, no allocation, never fails; one load
 * and a compare unless a rotation happened since the key was made.
 */
void paes_check_stale(struct paes_ctx *ctx)
{
	if (likely(READ_ONCE(ctx->pk_gen) == secex_swcpacf_generation()))
		return;
	/* Queued, or failed for this key: nothing to do until setkey. */
	if (test_bit(PAES_REFRESH_PENDING, &ctx->flags) || !READ_ONCE(ctx->npk))
		return;
	if (!test_and_set_bit(PAES_REFRESH_PENDING, &ctx->flags))
		schedule_work(&ctx->refresh);
}
