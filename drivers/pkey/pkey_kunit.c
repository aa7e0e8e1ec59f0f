// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite of pkey's key-token handling (secex_pkey): which tokens
 * become protected keys, and how malformed, tampered and refused ones are
 * answered.  Built into secex_pkey only with "make SECEX_KUNIT=1".
 */
#include <kunit/test.h>
#include <linux/string.h>
#include <secex/pkey_api.h>
#include <secex/swcpacf.h>
#include <uapi/secex/uv_secret_types.h>
#include "pkey_base.h"

#define TOKBUF	(sizeof(struct secex_pkey_keytok) + SECEX_MAXPROTKEYSIZE)

/*
 * The protected keys these cases make and check are the software core's:
 * on a machine with PCKMO (s390x-debug), flags without this one would
 * make the machine's.
 */
#define SW	SECEX_PKEY_XFLAG_SWCPACF

static u32 tok_init(u8 *buf, u8 version, u32 keytype, const u8 *key, u32 len)
{
	struct secex_pkey_keytok *t = (struct secex_pkey_keytok *)buf;

	memset(buf, 0, TOKBUF);
	t->hdr.type = TOKTYPE_NON_CCA;
	t->hdr.version = version;
	t->keytype = keytype;
	t->len = len;
	memcpy(t->key, key, len);
	/* AES protected-key tokens are fixed-size (PROTKEYBLOBSIZE). */
	return max_t(u32, sizeof(*t) + len, PROTKEYBLOBSIZE);
}

static void pkey_protkey_token(struct kunit *test)
{
	u8 clr[32], prot[64], tok[TOKBUF], out[SECEX_MAXPROTKEYSIZE];
	u32 plen = sizeof(prot), olen = sizeof(out), type = 0, toklen;

	memset(clr, 0x5c, sizeof(clr));
	KUNIT_ASSERT_EQ(test, secex_swcpacf_wrap(PKEY_KEYTYPE_AES_256, clr, 32, prot, &plen), 0);
	toklen = tok_init(tok, TOKVER_PROTECTED_KEY, PKEY_KEYTYPE_AES_256, prot, plen);

	KUNIT_ASSERT_EQ(test, secex_pkey_key2protkey(tok, toklen, out, &olen, &type, SW), 0);
	KUNIT_EXPECT_EQ(test, type, (u32)PKEY_KEYTYPE_AES_256);
	KUNIT_EXPECT_EQ(test, olen, plen);
	KUNIT_EXPECT_EQ(test, memcmp(out, prot, plen), 0);

	/* Shorter than the fixed AES token, or a length that lies. */
	olen = sizeof(out);
	KUNIT_EXPECT_EQ(test, secex_pkey_key2protkey(tok, PROTKEYBLOBSIZE - 1, out, &olen,
						     &type, SW), -EINVAL);
	((struct secex_pkey_keytok *)tok)->len = plen - 1;
	KUNIT_EXPECT_EQ(test, secex_pkey_key2protkey(tok, toklen, out, &olen, &type, SW),
			-EINVAL);
	((struct secex_pkey_keytok *)tok)->len = plen;

	/* A changed byte of the protected key is detected. */
	((struct secex_pkey_keytok *)tok)->key[3] ^= 0x40;
	KUNIT_EXPECT_EQ(test, secex_pkey_key2protkey(tok, toklen, out, &olen, &type, SW),
			-EKEYREJECTED);
}

/* Accepted as upstream, unless the caller (paes) says NOCLEARKEY. */
static void pkey_clearkey_token(struct kunit *test)
{
	u8 clr[16], tok[TOKBUF], out[SECEX_MAXPROTKEYSIZE], back[16];
	u32 olen = sizeof(out), blen = sizeof(back), type, toklen;

	memset(clr, 0xa7, sizeof(clr));
	toklen = sizeof(struct secex_pkey_keytok) + sizeof(clr);
	tok_init(tok, TOKVER_CLEAR_KEY, PKEY_KEYTYPE_AES_128, clr, sizeof(clr));

	KUNIT_EXPECT_EQ(test, secex_pkey_key2protkey(tok, toklen, out, &olen, &type,
						     SW | SECEX_PKEY_XFLAG_NOCLEARKEY), -EINVAL);
	olen = sizeof(out);
	KUNIT_ASSERT_EQ(test, secex_pkey_key2protkey(tok, toklen, out, &olen, &type, SW), 0);
	KUNIT_EXPECT_EQ(test, type, (u32)PKEY_KEYTYPE_AES_128);
	KUNIT_EXPECT_EQ(test, olen, 16u + SECEX_WKVP_SIZE);
	/* It really is the clear key, wrapped. */
	KUNIT_ASSERT_EQ(test, secex_swcpacf_unwrap(PKEY_KEYTYPE_AES_128, out, olen, back,
						   &blen), 0);
	KUNIT_EXPECT_EQ(test, memcmp(back, clr, sizeof(clr)), 0);

	/* The key must be as long as its type says, and present. */
	((struct secex_pkey_keytok *)tok)->len = 15;
	olen = sizeof(out);
	KUNIT_EXPECT_EQ(test, secex_pkey_key2protkey(tok, toklen, out, &olen, &type, SW),
			-EINVAL);
	((struct secex_pkey_keytok *)tok)->len = 16;
	KUNIT_EXPECT_EQ(test, secex_pkey_key2protkey(tok, toklen - 1, out, &olen, &type, SW),
			-EINVAL);
}

static void pkey_unknown_tokens(struct kunit *test)
{
	u8 tok[TOKBUF] = {}, out[SECEX_MAXPROTKEYSIZE];
	u32 olen = sizeof(out), type;

	/* Too short for a header. */
	KUNIT_EXPECT_EQ(test, secex_pkey_key2protkey(tok, 7, out, &olen, &type, 0), -EINVAL);
	/* CCA and EP11 secure keys: no HSM in a guest, no handler. */
	tok[0] = TOKTYPE_CCA_INTERNAL;
	tok[4] = 0x04;
	KUNIT_EXPECT_EQ(test, secex_pkey_key2protkey(tok, 64, out, &olen, &type, 0), -ENODEV);
	tok[0] = TOKTYPE_NON_CCA;
	tok[4] = 0x06;
	KUNIT_EXPECT_EQ(test, secex_pkey_key2protkey(tok, 64, out, &olen, &type, 0), -ENODEV);
	tok[4] = 0x7f;
	KUNIT_EXPECT_EQ(test, secex_pkey_key2protkey(tok, 64, out, &olen, &type, 0), -ENODEV);
	/* Every kind: shorter than its fixed part is malformed, not unknown. */
	tok[4] = TOKVER_CLEAR_KEY;
	KUNIT_EXPECT_EQ(test, secex_pkey_key2protkey(tok, sizeof(struct secex_pkey_keytok) - 1,
						     out, &olen, &type, 0), -EINVAL);
	tok[4] = TOKVER_PROTECTED_KEY;
	KUNIT_EXPECT_EQ(test, secex_pkey_key2protkey(tok, sizeof(struct secex_pkey_keytok) - 1,
						     out, &olen, &type, 0), -EINVAL);
}

/*
 * The secret-type table: a key secret is exactly as long as the clear key
 * of its protected-key type, and every key can be retrieved.
 */
static void pkey_secret_type_table(struct kunit *test)
{
	const struct secex_secret_type_info *t;
	unsigned int i, n;

	t = secex_secret_types(&n);
	for (i = 0; i < n; i++) {
		KUNIT_EXPECT_PTR_EQ(test, secex_secret_type_info(t[i].type).name, t[i].name);
		if (!t[i].pkey_type)
			continue;
		KUNIT_EXPECT_EQ_MSG(test, t[i].len, secex_pkey_keytype_to_size(t[i].pkey_type),
				    "%s", t[i].name);
		KUNIT_EXPECT_TRUE_MSG(test, t[i].flags & SECEX_SECRET_RETRIEVABLE, "%s",
				      t[i].name);
	}
	KUNIT_EXPECT_NULL(test, secex_secret_type_info(0).name);
}

static void pkey_uv_secret_token(struct kunit *test)
{
	u8 tok[sizeof(struct pkey_uvsecrettok)] = {}, out[SECEX_MAXPROTKEYSIZE];
	struct pkey_uvsecrettok *t = (struct pkey_uvsecrettok *)tok;
	u32 olen = sizeof(out), type;
	int ret;

	t->hdr.type = TOKTYPE_NON_CCA;
	t->hdr.version = TOKVER_UV_SECRET;
	t->secret_type = 0x6;		/* AES-256 */
	t->secret_len = 32;
	memset(t->secret_id, 0xee, sizeof(t->secret_id));

	/* Resolving lists the secrets, which needs memory. */
	KUNIT_EXPECT_EQ(test, secex_pkey_key2protkey(tok, sizeof(tok), out, &olen, &type,
						     SECEX_PKEY_XFLAG_NOMEMALLOC), -ENOMEM);
	/*
	 * No such secret: -ENOENT; no ultravisor backend: -ENODEV; one that
	 * is not provisioned yet answers List Secrets with an error: -EIO.
	 * Which one depends on the modules loaded so far; never a key.
	 */
	ret = secex_pkey_key2protkey(tok, sizeof(tok), out, &olen, &type, 0);
	KUNIT_EXPECT_TRUE_MSG(test, ret == -ENOENT || ret == -ENODEV || ret == -EIO,
			      "got %d", ret);
	KUNIT_EXPECT_EQ(test, secex_pkey_key2protkey(tok, sizeof(tok) - 1, out, &olen, &type, 0),
			-EINVAL);
	/* Secret types that are no keys are refused up front. */
	t->secret_type = 0x2;		/* association */
	KUNIT_EXPECT_EQ(test, secex_pkey_key2protkey(tok, sizeof(tok), out, &olen, &type, 0),
			-ENODEV);
}

static struct kunit_case pkey_token_cases[] = {
	KUNIT_CASE(pkey_protkey_token),
	KUNIT_CASE(pkey_clearkey_token),
	KUNIT_CASE(pkey_unknown_tokens),
	KUNIT_CASE(pkey_uv_secret_token),
	KUNIT_CASE(pkey_secret_type_table),
	{}
};

static struct kunit_suite pkey_token_suite = {
	.name = "pkey_tokens",
	.test_cases = pkey_token_cases,
};

kunit_test_suite(pkey_token_suite);
