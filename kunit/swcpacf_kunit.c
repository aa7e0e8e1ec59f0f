// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite of the software CPACF wrapping core (secex_swcpacf).
 *
 * Built into secex_swcpacf only with "make CONFIG_SECEX_KUNIT=y"; runs when
 * the module loads into a kernel with CONFIG_KUNIT.  It rotates the
 * wrapping key, so it belongs in test kernels only.
 */
#include <kunit/test.h>
#include <linux/string.h>
#include <secex/pkey_api.h>
#include <secex/swcpacf.h>

/* Every key type with its clear size; protected = clear + 32 (WKVP). */
static const struct {
	u32 keytype;
	u32 clrsize;
} swcpacf_sizes[] = {
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

static void swcpacf_roundtrip_every_type(struct kunit *test)
{
	u8 clr[MAXCLR], prot[MAXPROT], back[MAXCLR];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(swcpacf_sizes); i++) {
		u32 n = swcpacf_sizes[i].clrsize, plen = sizeof(prot);
		u32 blen = sizeof(back), kt = swcpacf_sizes[i].keytype;

		fill(clr, n, i);
		KUNIT_ASSERT_EQ(test, secex_swcpacf_wrap(kt, clr, n, prot, &plen), 0);
		KUNIT_EXPECT_EQ_MSG(test, plen, n + SECEX_WKVP_SIZE, "keytype %u", kt);
		/* The key never appears in the clear in its protected form. */
		KUNIT_EXPECT_NE(test, memcmp(prot, clr, n), 0);
		KUNIT_ASSERT_EQ(test, secex_swcpacf_unwrap(kt, prot, plen, back, &blen), 0);
		KUNIT_EXPECT_EQ(test, blen, n);
		KUNIT_EXPECT_EQ(test, memcmp(back, clr, n), 0);
		KUNIT_EXPECT_EQ(test, secex_swcpacf_verify(kt, prot, plen), 0);
		KUNIT_EXPECT_TRUE(test, secex_swcpacf_is_current(prot, plen));
	}
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

static struct kunit_case swcpacf_cases[] = {
	KUNIT_CASE(swcpacf_roundtrip_every_type),
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
