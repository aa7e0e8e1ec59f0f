// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite of the software CPACF wrapping core (secex_swcpacf).
 *
 * Built into secex_swcpacf only with "make SECEX_KUNIT=1"; runs when
 * the module loads into a kernel with CONFIG_KUNIT.  It rotates the
 * wrapping key, so it belongs in test kernels only.
 */
#include <kunit/test.h>
#include <linux/string.h>
#include <secex/pkey_api.h>
#include <secex/swcpacf.h>
#include "swcpacf_internal.h"

/* Every key type with its clear size; protected = clear + 32 (WKVP). */
struct swcpacf_size {
	u32 keytype;
	u32 clrsize;
};

static const struct swcpacf_size swcpacf_sizes[] = {
	{ PKEY_KEYTYPE_AES_128, 16 },	{ PKEY_KEYTYPE_AES_192, 24 },
	{ PKEY_KEYTYPE_AES_256, 32 },	{ PKEY_KEYTYPE_AES_XTS_128, 32 },
	{ PKEY_KEYTYPE_AES_XTS_256, 64 }, { PKEY_KEYTYPE_HMAC_512, 64 },
	{ PKEY_KEYTYPE_HMAC_1024, 128 }, { PKEY_KEYTYPE_ECC_P256, 32 },
	{ PKEY_KEYTYPE_ECC_P384, 48 },	{ PKEY_KEYTYPE_ECC_P521, 80 },
	{ PKEY_KEYTYPE_ECC_ED25519, 32 }, { PKEY_KEYTYPE_ECC_ED448, 64 },
};

#define MAXCLR	128
#define MAXPROT	(MAXCLR + SECEX_WKVP_SIZE)

static void fill(u8 *p, u32 n, u8 seed)
{
	u32 i;

	for (i = 0; i < n; i++)
		p[i] = seed + i * 7;
}

static void swcpacf_size_desc(const struct swcpacf_size *s, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "keytype %u, %u bytes",
		 s->keytype, s->clrsize);
}

KUNIT_ARRAY_PARAM(swcpacf_type, swcpacf_sizes, swcpacf_size_desc);

/* One case per key type: wrap, unwrap, verify. */
static void swcpacf_roundtrip(struct kunit *test)
{
	const struct swcpacf_size *s = test->param_value;
	u8 clr[MAXCLR], prot[MAXPROT], back[MAXCLR];
	u32 n = s->clrsize, plen = sizeof(prot), blen = sizeof(back);

	fill(clr, n, (u8)s->keytype);
	KUNIT_ASSERT_EQ(test, secex_swcpacf_wrap(s->keytype, clr, n, prot, &plen), 0);
	KUNIT_EXPECT_EQ(test, plen, n + SECEX_WKVP_SIZE);
	/* The key never appears in the clear in its protected form. */
	KUNIT_EXPECT_NE(test, memcmp(prot, clr, n), 0);
	KUNIT_ASSERT_EQ(test, secex_swcpacf_unwrap(s->keytype, prot, plen, back, &blen), 0);
	KUNIT_EXPECT_EQ(test, blen, n);
	KUNIT_EXPECT_MEMEQ(test, back, clr, n);
	KUNIT_EXPECT_EQ(test, secex_swcpacf_verify(s->keytype, prot, plen), 0);
	KUNIT_EXPECT_TRUE(test, secex_swcpacf_is_current(prot, plen));
}

/*
 * The tag is the AES-CMAC of type block || clear key, though a wrap starts
 * from the type block's precomputed chaining value.
 */
static void swcpacf_tag_is_cmac(struct kunit *test)
{
	const struct swcpacf_size *s = test->param_value;
	u8 clr[MAXCLR], prot[MAXPROT];
	u32 n = s->clrsize, plen = sizeof(prot);

	fill(clr, n, (u8)(s->keytype + 0x40));
	KUNIT_ASSERT_EQ(test, secex_swcpacf_wrap(s->keytype, clr, n, prot, &plen), 0);
	KUNIT_EXPECT_EQ(test, swcpacf_tag_kat(s->keytype, clr, n, prot), 0);
	/* And the check can fail: the type is part of the MAC input. */
	KUNIT_EXPECT_EQ(test, swcpacf_tag_kat(s->keytype ^ 1, clr, n, prot),
			-EBADMSG);
}

static void swcpacf_rejects_bad_sizes(struct kunit *test)
{
	u8 clr[MAXCLR] = {}, prot[MAXPROT];
	u32 plen = sizeof(prot), small = 16 + SECEX_WKVP_SIZE - 1;

	KUNIT_EXPECT_EQ(test, secex_swcpacf_wrap(PKEY_KEYTYPE_AES_256, clr, 31, prot, &plen),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, secex_swcpacf_wrap(0, clr, 32, prot, &plen), -EINVAL);
	KUNIT_EXPECT_EQ(test, secex_swcpacf_wrap(99, clr, 32, prot, &plen), -EINVAL);
	KUNIT_EXPECT_EQ(test, secex_swcpacf_wrap(PKEY_KEYTYPE_AES_128, clr, 16, prot, &small),
			-ENOSPC);
	KUNIT_EXPECT_EQ(test, secex_swcpacf_verify(PKEY_KEYTYPE_AES_256, prot, 63), -EINVAL);
}

/* Any changed bit of the encrypted part or of the tag is detected. */
static void swcpacf_detects_tampering(struct kunit *test)
{
	u8 clr[32], prot[MAXPROT], back[MAXCLR];
	u32 plen = sizeof(prot), bit;

	fill(clr, sizeof(clr), 3);
	KUNIT_ASSERT_EQ(test, secex_swcpacf_wrap(PKEY_KEYTYPE_AES_256, clr, 32, prot, &plen), 0);
	for (bit = 0; bit < plen * 8; bit += 13) {
		u32 blen = sizeof(back);
		int ret;

		prot[bit / 8] ^= 1 << (bit % 8);
		ret = secex_swcpacf_unwrap(PKEY_KEYTYPE_AES_256, prot, plen, back, &blen);
		/* The wrapping-key id makes it stale, anything else tampered. */
		if (bit / 8 >= 32 && bit / 8 < 32 + SECEX_WKVP_ID_SIZE)
			KUNIT_EXPECT_EQ_MSG(test, ret, -EKEYEXPIRED, "bit %u", bit);
		else
			KUNIT_EXPECT_EQ_MSG(test, ret, -EKEYREJECTED, "bit %u", bit);
		prot[bit / 8] ^= 1 << (bit % 8);
	}
	/* A key of another type under the same bytes does not pass either. */
	KUNIT_EXPECT_EQ(test, secex_swcpacf_verify(PKEY_KEYTYPE_AES_XTS_128, prot, plen),
			-EKEYREJECTED);
}

/* After a rotation every existing protected key is stale; new ones work. */
static void swcpacf_rotation_makes_keys_stale(struct kunit *test)
{
	u8 clr[32], prot[MAXPROT], prot2[MAXPROT], wkvp[SECEX_WKVP_SIZE];
	u8 wkvp2[SECEX_WKVP_SIZE];
	u32 plen = sizeof(prot), plen2 = sizeof(prot2);

	fill(clr, sizeof(clr), 9);
	secex_swcpacf_wkvp(wkvp);
	KUNIT_ASSERT_EQ(test, secex_swcpacf_wrap(PKEY_KEYTYPE_AES_256, clr, 32, prot, &plen), 0);
	KUNIT_EXPECT_EQ(test, memcmp(prot + 32, wkvp, SECEX_WKVP_ID_SIZE), 0);

	KUNIT_ASSERT_EQ(test, secex_swcpacf_rotate(), 0);
	secex_swcpacf_wkvp(wkvp2);
	KUNIT_EXPECT_NE(test, memcmp(wkvp, wkvp2, SECEX_WKVP_ID_SIZE), 0);
	KUNIT_EXPECT_FALSE(test, secex_swcpacf_is_current(prot, plen));
	KUNIT_EXPECT_EQ(test, secex_swcpacf_verify(PKEY_KEYTYPE_AES_256, prot, plen),
			-EKEYEXPIRED);

	KUNIT_ASSERT_EQ(test, secex_swcpacf_wrap(PKEY_KEYTYPE_AES_256, clr, 32, prot2, &plen2), 0);
	KUNIT_EXPECT_EQ(test, secex_swcpacf_verify(PKEY_KEYTYPE_AES_256, prot2, plen2), 0);
	/* Same clear key, new wrapping key: different protected key. */
	KUNIT_EXPECT_NE(test, memcmp(prot, prot2, plen), 0);
}

/* RFC 4493 section 4: AES-128-CMAC of the first 0, 16, 40, 64 bytes. */
static const u8 rfc4493_key[16] = {
	0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6,
	0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c,
};

static const u8 rfc4493_msg[64] = {
	0x6b, 0xc1, 0xbe, 0xe2, 0x2e, 0x40, 0x9f, 0x96,
	0xe9, 0x3d, 0x7e, 0x11, 0x73, 0x93, 0x17, 0x2a,
	0xae, 0x2d, 0x8a, 0x57, 0x1e, 0x03, 0xac, 0x9c,
	0x9e, 0xb7, 0x6f, 0xac, 0x45, 0xaf, 0x8e, 0x51,
	0x30, 0xc8, 0x1c, 0x46, 0xa3, 0x5c, 0xe4, 0x11,
	0xe5, 0xfb, 0xc1, 0x19, 0x1a, 0x0a, 0x52, 0xef,
	0xf6, 0x9f, 0x24, 0x45, 0xdf, 0x4f, 0x9b, 0x17,
	0xad, 0x2b, 0x41, 0x7b, 0xe6, 0x6c, 0x37, 0x10,
};

struct cmac_vector {
	const char *name;
	unsigned int len;
	u8 tag[16];
};

static const struct cmac_vector rfc4493_vectors[] = {
	{ "example 1, empty message", 0, {
	  0xbb, 0x1d, 0x69, 0x29, 0xe9, 0x59, 0x37, 0x28,
	  0x7f, 0xa3, 0x7d, 0x12, 0x9b, 0x75, 0x67, 0x46 } },
	{ "example 2, one block", 16, {
	  0x07, 0x0a, 0x16, 0xb4, 0x6b, 0x4d, 0x41, 0x44,
	  0xf7, 0x9b, 0xdd, 0x9d, 0xd0, 0x4a, 0x28, 0x7c } },
	{ "example 3, 40 bytes (padded)", 40, {
	  0xdf, 0xa6, 0x67, 0x47, 0xde, 0x9a, 0xe6, 0x30,
	  0x30, 0xca, 0x32, 0x61, 0x14, 0x97, 0xc8, 0x27 } },
	{ "example 4, four blocks", 64, {
	  0x51, 0xf0, 0xbe, 0xbf, 0x7e, 0x3b, 0x9d, 0x92,
	  0xfc, 0x49, 0x74, 0x17, 0x79, 0x36, 0x3c, 0xfe } },
};

static void cmac_vector_desc(const struct cmac_vector *v, char *desc)
{
	strscpy(desc, v->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(rfc4493, rfc4493_vectors, cmac_vector_desc);

/* The wrapping core's own CMAC, which makes every tag and the WKVP. */
static void swcpacf_cmac_rfc4493(struct kunit *test)
{
	const struct cmac_vector *v = test->param_value;
	u8 tag[16];

	KUNIT_ASSERT_EQ(test, swcpacf_cmac_kat(rfc4493_key, sizeof(rfc4493_key),
					       rfc4493_msg, v->len, tag), 0);
	KUNIT_EXPECT_MEMEQ(test, tag, v->tag, sizeof(tag));
}

static struct kunit_case swcpacf_cases[] = {
	KUNIT_CASE_PARAM(swcpacf_cmac_rfc4493, rfc4493_gen_params),
	KUNIT_CASE_PARAM(swcpacf_roundtrip, swcpacf_type_gen_params),
	KUNIT_CASE_PARAM(swcpacf_tag_is_cmac, swcpacf_type_gen_params),
	KUNIT_CASE(swcpacf_rejects_bad_sizes),
	KUNIT_CASE(swcpacf_detects_tampering),
	KUNIT_CASE(swcpacf_rotation_makes_keys_stale),
	{}
};

static struct kunit_suite swcpacf_suite = {
	.name = "swcpacf_wrap",
	.test_cases = swcpacf_cases,
};

kunit_test_suite(swcpacf_suite);
