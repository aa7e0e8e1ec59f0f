// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite of secex_paes's keys on the software core: the request
 * flags of the outer transform reach the inner xts(aes), so weak XTS keys
 * (identical halves) are refused where the user forbids them, as the
 * kernel's xts template does.  Built into secex_paes only with
 * "make SECEX_KUNIT=1".
 */
#include <kunit/test.h>
#include <linux/err.h>
#include <linux/fips.h>
#include <linux/string.h>
#include <crypto/skcipher.h>
#include <secex/pkey_api.h>
#include "paes.h"

#define TOKLEN	(sizeof(struct secex_pkey_keytok) + 32)

/* Two AES-256 clear-key tokens holding the same key (identical halves). */
static void same_halves(u8 tok[2 * TOKLEN])
{
	struct secex_pkey_keytok *t = (struct secex_pkey_keytok *)tok;

	memset(tok, 0, 2 * TOKLEN);
	t->hdr.type = TOKTYPE_NON_CCA;
	t->hdr.version = TOKVER_CLEAR_KEY;
	t->keytype = PKEY_KEYTYPE_AES_256;
	t->len = 32;
	memset(t->key, 0x5c, 32);
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

static struct kunit_case paes_key_cases[] = {
	KUNIT_CASE_PARAM(paes_xts_weak_keys, paes_weak_gen_params),
	{}
};

static struct kunit_suite paes_key_suite = {
	.name = "paes_keys",
	.test_cases = paes_key_cases,
};

kunit_test_suite(paes_key_suite);
