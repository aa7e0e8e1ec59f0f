// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite of secex_paes's keys:
 * - the request flags of the outer transform reach the inner xts(aes) of
 *   the software path, so weak XTS keys (identical halves) are refused
 *   where the user forbids them, as the kernel's xts template does;
 * - a failed setkey leaves nothing of any key in the transform's context,
 *   on the software path and on the machine's CPACF (s390x kernels with
 *   KUnit: the s390x-debug entry of the matrix).
 * Built into secex_paes only with "make SECEX_KUNIT=1".
 */
#include <kunit/test.h>
#include <linux/err.h>
#include <linux/fips.h>
#include <linux/scatterlist.h>
#include <linux/string.h>
#include <crypto/aes.h>
#include <crypto/internal/skcipher.h>
#include <secex/pkey_api.h>
#include "paes.h"

#define TOKLEN	(sizeof(struct secex_pkey_keytok) + 32)

/* An AES-256 clear-key token (TOKLEN bytes) of @keytype, key bytes @fill. */
static void clear_token(u8 *tok, u32 keytype, u8 fill)
{
	struct secex_pkey_keytok *t = (struct secex_pkey_keytok *)tok;

	memset(tok, 0, TOKLEN);
	t->hdr.type = TOKTYPE_NON_CCA;
	t->hdr.version = TOKVER_CLEAR_KEY;
	t->keytype = keytype;
	t->len = 32;
	memset(t->key, fill, 32);
}

/* Two AES-256 clear-key tokens holding the same key (identical halves). */
static void same_halves(u8 tok[2 * TOKLEN])
{
	clear_token(tok, PKEY_KEYTYPE_AES_256, 0x5c);
	memcpy(tok + TOKLEN, tok, TOKLEN);
}

struct paes_weak_case {
	const char *name;
	bool raw;		/* a raw 64-byte key, else two tokens */
	bool forbid;		/* CRYPTO_TFM_REQ_FORBID_WEAK_KEYS */
	int want;
};

static const struct paes_weak_case paes_weak_cases[] = {
	{ "raw key, weak keys allowed", true, false, 0 },
	{ "raw key, weak keys forbidden", true, true, -EINVAL },
	{ "token pair, weak keys allowed", false, false, 0 },
	{ "token pair, weak keys forbidden", false, true, -EINVAL },
};

static void paes_weak_desc(const struct paes_weak_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(paes_weak, paes_weak_cases, paes_weak_desc);

static void paes_xts_weak_keys(struct kunit *test)
{
	const struct paes_weak_case *c = test->param_value;
	bool clrkey = paes_clrkey;
	struct crypto_skcipher *tfm;
	u8 tok[2 * TOKLEN], raw[64];
	int ret;

	/* Outside FIPS mode the xts template refuses them only on request. */
	if (fips_enabled)
		kunit_skip(test, "FIPS mode refuses identical halves always");
	tfm = crypto_alloc_skcipher("xts-paes-secex-sync", 0, 0);
	if (IS_ERR(tfm))
		kunit_skip(test, "xts-paes-secex-sync: %ld", PTR_ERR(tfm));
	if (c->forbid)
		crypto_skcipher_set_flags(tfm, CRYPTO_TFM_REQ_FORBID_WEAK_KEYS);
	same_halves(tok);
	memset(raw, 0x5c, sizeof(raw));
	paes_clrkey = true;
	ret = c->raw ? crypto_skcipher_setkey(tfm, raw, sizeof(raw)) :
		       crypto_skcipher_setkey(tfm, tok, sizeof(tok));
	paes_clrkey = clrkey;
	KUNIT_EXPECT_EQ(test, ret, c->want);
	crypto_free_skcipher(tfm);
}

/*
 * A failed setkey after a good one: on each path, a token that the key
 * layer refuses (a key type no one knows) and, for XTS, a raw key with
 * identical halves where weak keys are forbidden (refused before any
 * conversion).
 */
struct paes_forget_case {
	const char *name;
	const char *driver;
	bool cpacf;		/* the machine's CPACF path, else the software one */
	bool weak;		/* identical XTS halves, else an unknown key type */
};

static const struct paes_forget_case paes_forget_cases[] = {
	{ "software, refused token", "ecb-paes-secex-sync", false, false },
	{ "software, XTS refused token", "xts-paes-secex-sync", false, false },
	{ "software, XTS weak key", "xts-paes-secex-sync", false, true },
	{ "CPACF, refused token", "ecb-paes-secex-cpacf", true, false },
	{ "CPACF, XTS refused token", "xts-paes-secex-cpacf", true, false },
	{ "CPACF, XTS weak key", "xts-paes-secex-cpacf", true, true },
};

static void paes_forget_desc(const struct paes_forget_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(paes_forget, paes_forget_cases, paes_forget_desc);

/* A block of zeros through @tfm with a zero IV, into @out (kmalloc'ed). */
static int paes_one_block(struct crypto_skcipher *tfm, u8 *out)
{
	u8 iv[AES_BLOCK_SIZE] = {};
	struct skcipher_request *req;
	struct scatterlist sg;
	DECLARE_CRYPTO_WAIT(wait);
	int ret;

	req = skcipher_request_alloc(tfm, GFP_KERNEL);
	if (!req)
		return -ENOMEM;
	memset(out, 0, AES_BLOCK_SIZE);
	sg_init_one(&sg, out, AES_BLOCK_SIZE);
	skcipher_request_set_callback(req, CRYPTO_TFM_REQ_MAY_SLEEP,
				      crypto_req_done, &wait);
	skcipher_request_set_crypt(req, &sg, &sg, AES_BLOCK_SIZE, iv);
	ret = crypto_wait_req(crypto_skcipher_encrypt(req), &wait);
	skcipher_request_free(req);
	return ret;
}

/*
 * The software path's context: no token, no protected key, and an inner
 * transform that no longer encrypts as it did with the good key (@before:
 * its output then).
 */
static void paes_expect_forgotten(struct kunit *test, struct paes_ctx *ctx,
				  const u8 *before)
{
	u8 *after = kunit_kzalloc(test, AES_BLOCK_SIZE, GFP_KERNEL);

	KUNIT_EXPECT_EQ(test, ctx->keylen, 0);
	KUNIT_EXPECT_NULL(test, memchr_inv(ctx->keybuf, 0, sizeof(ctx->keybuf)));
	KUNIT_EXPECT_EQ(test, ctx->npk, 0);
	KUNIT_EXPECT_NULL(test, memchr_inv(ctx->pk, 0, sizeof(ctx->pk)));
	/* No assertion: the caller frees the transform. */
	if (!after || paes_one_block(ctx->inner, after)) {
		KUNIT_FAIL(test, "the inner transform does not encrypt");
		return;
	}
	KUNIT_EXPECT_NE_MSG(test, memcmp(before, after, AES_BLOCK_SIZE), 0,
			    "the inner transform still holds the last clear key");
}

#ifdef CONFIG_S390
static void paes_cpacf_expect_forgotten(struct kunit *test,
					struct paes_cpacf_ctx *ctx)
{
	KUNIT_EXPECT_EQ(test, ctx->keylen, 0);
	KUNIT_EXPECT_NULL(test, memchr_inv(ctx->keybuf, 0, sizeof(ctx->keybuf)));
	KUNIT_EXPECT_EQ(test, ctx->fc, 0);
	KUNIT_EXPECT_NULL(test, memchr_inv(ctx->pk, 0, sizeof(ctx->pk)));
}
#endif

static struct paes_ctx *paes_sw_ctx(struct crypto_skcipher *tfm)
{
	return crypto_skcipher_ctx(tfm);
}

/* The failing setkey of case @c on @tfm: its result. */
static int paes_bad_setkey(struct crypto_skcipher *tfm,
			   const struct paes_forget_case *c, bool xts)
{
	u8 key[2 * TOKLEN] = {};

	if (c->weak) {
		/* 64 zero bytes: two identical halves */
		crypto_skcipher_set_flags(tfm, CRYPTO_TFM_REQ_FORBID_WEAK_KEYS);
		return crypto_skcipher_setkey(tfm, key, 64);
	}
	clear_token(key, 0x7f, 0x5c);
	clear_token(key + TOKLEN, 0x7f, 0x5c);
	return crypto_skcipher_setkey(tfm, key, xts ? 2 * TOKLEN : TOKLEN);
}

static void paes_failed_setkey_forgets(struct kunit *test)
{
	const struct paes_forget_case *c = test->param_value;
	bool xts = !strncmp(c->driver, "xts", 3);
	bool clrkey = paes_clrkey;
	struct crypto_skcipher *tfm;
	u8 good[64], *before;
	int i, ret, bad = 0;

	if (c->cpacf && !IS_ENABLED(CONFIG_S390))
		kunit_skip(test, "the machine's CPACF exists on s390x only");
	before = kunit_kzalloc(test, AES_BLOCK_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, before);
	tfm = crypto_alloc_skcipher(c->driver, 0, 0);
	if (IS_ERR(tfm))
		kunit_skip(test, "%s: %ld (not registered on this machine)",
			   c->driver, PTR_ERR(tfm));
	for (i = 0; i < sizeof(good); i++)
		good[i] = i;
	/* Raw keys become clear-key tokens: only with the switch on. */
	paes_clrkey = true;
	ret = crypto_skcipher_setkey(tfm, good, xts ? 64 : 32);
	if (!ret && !c->cpacf)
		ret = paes_one_block(paes_sw_ctx(tfm)->inner, before);
	if (!ret)
		bad = paes_bad_setkey(tfm, c, xts);
	paes_clrkey = clrkey;
	KUNIT_EXPECT_EQ_MSG(test, ret, 0, "the good key");
	KUNIT_EXPECT_NE_MSG(test, bad, 0, "the bad key was taken");
	if (!ret && bad) {
#ifdef CONFIG_S390
		if (c->cpacf)
			paes_cpacf_expect_forgotten(test,
						    crypto_skcipher_ctx(tfm));
#endif
		if (!c->cpacf)
			paes_expect_forgotten(test, paes_sw_ctx(tfm), before);
	}
	crypto_free_skcipher(tfm);
}

static struct kunit_case paes_key_cases[] = {
	KUNIT_CASE_PARAM(paes_xts_weak_keys, paes_weak_gen_params),
	KUNIT_CASE_PARAM(paes_failed_setkey_forgets, paes_forget_gen_params),
	{}
};

static struct kunit_suite paes_key_suite = {
	.name = "paes_keys",
	.test_cases = paes_key_cases,
};

kunit_test_suite(paes_key_suite);
