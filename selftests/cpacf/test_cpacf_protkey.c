// SPDX-License-Identifier: GPL-2.0
/*
 * kselftest: protected keys on the machine's CPACF (s390x).
 *
 * /dev/pkey makes protected keys with PCKMO where the machine has it; this
 * program then runs the encrypted-key functions on them from user space
 * (KM, KMC, KMCTR and PCC are not privileged) and checks:
 *   - each one reproduces the published answer of its clear-key mode
 *     (FIPS-197 C.1-C.3, NIST SP 800-38A F.2.1 and F.5.1, IEEE P1619
 *     vectors 2 and 10), so the key inside is the clear key given to
 *     /dev/pkey; full XTS (MSA 10) on PCKMO double keys too, and across the
 *     machine's partial completions it agrees with PCC and KM-XTS;
 *   - PCKMO itself is privileged (SIGILL in user space);
 *   - after the host replaced the machine's wrapping key (the harness's
 *     QEMU monitor command, requested over $SECEX_HOST_CTL), the old key
 *     is refused with condition code 1, nothing processed, output and
 *     chaining value untouched, and a key made afterwards works again;
 *   - a machine reset (a reboot inside the same QEMU) renews the wrapping
 *     key, as on IBM Z: a protected key kept across it gets condition
 *     code 1.  That test needs two boots: it runs only when the harness
 *     sets SECEX_REBOOT_STATE (scripts/test, "reboot" job).
 *
 * Elsewhere (x86_64) it skips; with SECEX_EXPECT_CPACF=1 a machine without
 * PCKMO keys fails instead of skipping, with SECEX_EXPECT_MSA10=1 one
 * without full XTS.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/reboot.h>
#include <unistd.h>

#include "../../include/uapi/secex/pkey.h"
#include "../lib/hostctl.h"
#include "../lib/ieee1619.h"
#include "../lib/pkeytok.h"

#ifdef __s390x__
/* The harness's test wrappers leave arguments unused (TEST_SIGNAL). */
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "kselftest_harness.h"

#define WKVP_LEN	32

/* Function codes (KM, KMC, KMCTR; PCC and KM for XTS) */
#define FC_EAES_128	26
#define FC_EAES_192	27
#define FC_EAES_256	28
#define FC_XTS_EAES_128	58
#define FC_FULL_XTS_EAES_128	90
#define FC_FULL_XTS_EAES_256	92
#define FC_PCKMO_AES_128 18

static void unhex(const char *hex, __u8 *out)
{
	for (; hex[0] && hex[1]; hex += 2)
		sscanf(hex, "%2hhx", out++);
}

/*
 * KM (0xb92e) and KMC (0xb92f) share their format: a function returning
 * the cc (partial completion re-issued), *rem = bytes not processed.
 */
#define DEFINE_CPACF_CIPHER(name, opcode)					\
static int name(unsigned long fc, void *param, void *dst,			\
		const void *src, unsigned long len, unsigned long *rem)	\
{										\
	register unsigned long r0 __asm__("0") = fc;				\
	register unsigned long r1 __asm__("1") = (unsigned long)param;		\
	register unsigned long r2 __asm__("2") = (unsigned long)src;		\
	register unsigned long r3 __asm__("3") = len;				\
	register unsigned long r4 __asm__("4") = (unsigned long)dst;		\
	int cc;									\
										\
	__asm__ volatile("0:	.insn	rre," #opcode "0000,%[dst],%[src]\n"	\
			 "	brc	1,0b\n"					\
			 "	ipm	%[cc]\n"					\
			 "	srl	%[cc],28\n"					\
			 : [src] "+d" (r2), "+d" (r3), [dst] "+d" (r4),		\
			   [cc] "=d" (cc)					\
			 : "d" (r0), "d" (r1) : "cc", "memory");		\
	*rem = r3;								\
	return cc;								\
}

DEFINE_CPACF_CIPHER(cpacf_km, 0xb92e)
DEFINE_CPACF_CIPHER(cpacf_kmc, 0xb92f)

/* KM or KMC */
static int cpacf_km_kmc(int kmc, unsigned long fc, void *param, void *dst,
			const void *src, unsigned long len, unsigned long *rem)
{
	return kmc ? cpacf_kmc(fc, param, dst, src, len, rem) :
		     cpacf_km(fc, param, dst, src, len, rem);
}

static int cpacf_kmctr(unsigned long fc, void *param, void *dst,
		       const void *src, unsigned long len, void *ctrs,
		       unsigned long *rem)
{
	register unsigned long r0 __asm__("0") = fc;
	register unsigned long r1 __asm__("1") = (unsigned long)param;
	register unsigned long r2 __asm__("2") = (unsigned long)src;
	register unsigned long r3 __asm__("3") = len;
	register unsigned long r4 __asm__("4") = (unsigned long)dst;
	register unsigned long r6 __asm__("6") = (unsigned long)ctrs;
	int cc;

	__asm__ volatile("0:	.insn	rrf,0xb92d0000,%[dst],%[src],%[ctr],0\n"
			 "	brc	1,0b\n"
			 "	ipm	%[cc]\n"
			 "	srl	%[cc],28\n"
			 : [src] "+d" (r2), "+d" (r3), [dst] "+d" (r4),
			   [ctr] "+d" (r6), [cc] "=d" (cc)
			 : "d" (r0), "d" (r1) : "cc", "memory");
	*rem = r3;
	return cc;
}

static int cpacf_pcc(unsigned long fc, void *param)
{
	register unsigned long r0 __asm__("0") = fc;
	register unsigned long r1 __asm__("1") = (unsigned long)param;
	int cc;

	__asm__ volatile("0:	.insn	rre,0xb92c0000,0,0\n"
			 "	brc	1,0b\n"
			 "	ipm	%[cc]\n"
			 "	srl	%[cc],28\n"
			 : [cc] "=d" (cc)
			 : "d" (r0), "d" (r1) : "cc", "memory");
	return cc;
}

static void cpacf_pckmo(unsigned long fc, void *param)
{
	register unsigned long r0 __asm__("0") = fc;
	register unsigned long r1 __asm__("1") = (unsigned long)param;

	__asm__ volatile(".insn	rre,0xb9280000,0,0"
			 : : "d" (r0), "d" (r1) : "memory");
}

/* A protected key for @klen clear bytes from /dev/pkey, or -errno. */
static int clr2protk(const __u8 *clear, unsigned int klen, __u8 *protkey)
{
	struct pkey_clr2protk c = {
		.keytype = klen == 16 ? PKEY_KEYTYPE_AES_128 :
			   klen == 24 ? PKEY_KEYTYPE_AES_192 :
					PKEY_KEYTYPE_AES_256,
	};
	int fd, ret = 0;

	memcpy(c.clrkey.clrkey, clear, klen);
	fd = open("/dev/pkey", O_RDWR);
	if (fd < 0)
		return -errno;
	if (ioctl(fd, PKEY_CLR2PROTK, &c))
		ret = -errno;
	else if (c.protkey.len != klen + WKVP_LEN)
		ret = -EPROTO;
	else
		memcpy(protkey, c.protkey.protkey, c.protkey.len);
	close(fd);
	memset(&c, 0, sizeof(c));
	return ret;
}

/* FIPS-197 appendix C: one block under the keys 00 01 02 ... */
static const char fips197_pt[] = "00112233445566778899aabbccddeeff";
static const char fips197_key[] =
	"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
static const char *const fips197_ct[] = {
	[16] = "69c4e0d86a7b0430d8cdb78070b4c55a",
	[24] = "dda97ca4864cdfe06eaf70a0ec0d7191",
	[32] = "8ea2b7ca516745bfeafc49904b496089",
};

/*
 * Older harnesses run the test body even after SKIP() in the setup: the
 * bodies return at once unless the setup got through.
 */
FIXTURE(protkey) {
	__u8 clear[32];
	__u8 pk[32 + WKVP_LEN];
};

/* Whether KM function @fc is installed (query: function code 0). */
static int km_has(unsigned int fc)
{
	__u8 mask[16] = {};
	unsigned long rem;

	cpacf_km(0, mask, NULL, NULL, 0, &rem);
	return !!(mask[fc >> 3] & (0x80 >> (fc & 7)));
}

FIXTURE_SETUP(protkey)
{
	const char *expect = getenv("SECEX_EXPECT_CPACF");
	__u8 out[16], pt[16];
	unsigned long rem;
	int ret;

	/* An uninstalled function code is a specification exception. */
	if (!km_has(FC_EAES_128)) {
		if (expect && !strcmp(expect, "1"))
			ASSERT_TRUE(0) TH_LOG("KM has no Encrypted-AES-128 on a machine that must have it");
		SKIP(return, "this machine's KM has no Encrypted-AES functions (QEMU TCG without our CPACF patch?)");
	}
	unhex(fips197_key, self->clear);
	ret = clr2protk(self->clear, 16, self->pk);
	if (ret == -ENOENT)
		SKIP(return, "no /dev/pkey (secex_pkey not loaded)");
	ASSERT_EQ(0, ret) TH_LOG("CLR2PROTK: %s", strerror(-ret));
	/* A software-CPACF key makes the machine answer cc 1 here. */
	unhex(fips197_pt, pt);
	if (cpacf_km_kmc(0, FC_EAES_128, self->pk, out, pt, 16, &rem) == 1) {
		if (expect && !strcmp(expect, "1"))
			ASSERT_TRUE(0) TH_LOG("/dev/pkey keys are not the machine's PCKMO keys");
		SKIP(return, "/dev/pkey keys are not made by this machine's PCKMO");
	}
}

FIXTURE_TEARDOWN(protkey)
{
	memset(self->clear, 0, sizeof(self->clear));
}

TEST_F(protkey, km_eaes_fips197)
{
	static const unsigned int klens[] = { 16, 24, 32 };
	__u8 pk[32 + WKVP_LEN], pt[16], ct[16], out[16];
	unsigned long rem;
	unsigned int i, k;

	unhex(fips197_pt, pt);
	for (i = 0; i < 3; i++) {
		k = klens[i];
		ASSERT_EQ(0, clr2protk(self->clear, k, pk));
		unhex(fips197_ct[k], ct);
		ASSERT_EQ(0, cpacf_km_kmc(0, FC_EAES_128 + i, pk, out, pt, 16, &rem));
		EXPECT_EQ(0UL, rem);
		EXPECT_EQ(0, memcmp(out, ct, 16)) TH_LOG("AES-%u encrypt", 8 * k);
		ASSERT_EQ(0, cpacf_km_kmc(0, (FC_EAES_128 + i) | 0x80, pk, out,
					  ct, 16, &rem));
		EXPECT_EQ(0, memcmp(out, pt, 16)) TH_LOG("AES-%u decrypt", 8 * k);
	}
}

/* NIST SP 800-38A F.2.1 (CBC) and F.5.1 (CTR), AES-128, two blocks. */
TEST_F(protkey, kmc_kmctr_eaes_sp800_38a)
{
	__u8 key[16], pt[32], ct[32], out[32], ctrs[32];
	struct { __u8 cv[16]; __u8 pk[16 + WKVP_LEN]; } kmc;
	__u8 pk[16 + WKVP_LEN];
	unsigned long rem;

	unhex("2b7e151628aed2a6abf7158809cf4f3c", key);
	unhex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51", pt);
	ASSERT_EQ(0, clr2protk(key, 16, pk));

	memcpy(kmc.pk, pk, sizeof(pk));
	unhex("000102030405060708090a0b0c0d0e0f", kmc.cv);
	unhex("7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2", ct);
	ASSERT_EQ(0, cpacf_km_kmc(1, FC_EAES_128, &kmc, out, pt, 32, &rem));
	EXPECT_EQ(0, memcmp(out, ct, 32)) TH_LOG("KMC-EAES-128");
	EXPECT_EQ(0, memcmp(kmc.cv, ct + 16, 16)) TH_LOG("chaining value");

	unhex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff", ctrs);
	memcpy(ctrs + 16, ctrs, 16);
	ctrs[30] = 0xff;	/* f0 .. fe ff + 1 = f0 .. ff 00 */
	ctrs[31] = 0x00;
	unhex("874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff", ct);
	ASSERT_EQ(0, cpacf_kmctr(FC_EAES_128, pk, out, pt, 32, ctrs, &rem));
	EXPECT_EQ(0, memcmp(out, ct, 32)) TH_LOG("KMCTR-EAES-128");
}

/*
 * The full-XTS parameter block of protected double key @pk (@d bytes and
 * the WKVP): the wrapped key, the tweak, the next alpha power (NAP, 1),
 * then the WKVP, which here does not follow the key.
 */
static void full_xts_block(__u8 *pb, const __u8 *pk, unsigned int d,
			   const __u8 *tweak)
{
	memcpy(pb, pk, d);
	memcpy(pb + d, tweak, 16);
	memset(pb + d + 16, 0, 16);
	pb[d + 16] = 1;
	memcpy(pb + d + 32, pk + d, WKVP_LEN);
}

/*
 * 1: the machine has full XTS; 0: it has not; -1: it must and has not
 * (SECEX_EXPECT_MSA10=1: the harness's z17-like machine; its z15/z16-like
 * variant has none).
 */
static int full_xts_ready(void)
{
	const char *expect = getenv("SECEX_EXPECT_MSA10");

	if (km_has(FC_FULL_XTS_EAES_128) && km_has(FC_FULL_XTS_EAES_256))
		return 1;
	return expect && !strcmp(expect, "1") ? -1 : 0;
}

/* In a test: skip without full XTS, fail where the machine must have it. */
#define REQUIRE_FULL_XTS() do {						\
	int _ready = full_xts_ready();					\
									\
	ASSERT_LE(0, _ready)						\
		TH_LOG("KM has no Full-XTS-Encrypted-AES on a machine that must have it"); \
	if (!_ready)							\
		SKIP(return, "no full XTS (MSA 10) on this machine");	\
} while (0)

/* IEEE P1619 vectors 2 and 10 with KM Full-XTS-Encrypted-AES-128/256. */
TEST_F(protkey, km_full_xts_eaes_ieee1619)
{
	static const struct {
		const char *key, *tweak, *pt, *ct;
		unsigned int d;
		unsigned long fc;
	} v[] = {
		{ IEEE1619_V2_KEY, IEEE1619_V2_TWEAK, IEEE1619_V2_PT,
		  IEEE1619_V2_CT, 32, FC_FULL_XTS_EAES_128 },
		{ IEEE1619_V10_KEY, IEEE1619_V10_TWEAK, IEEE1619_V10_PT,
		  IEEE1619_V10_CT, 64, FC_FULL_XTS_EAES_256 },
	};
	__u8 key[64], pk[96], pb[64 + 32 + WKVP_LEN], tweak[16];
	__u8 pt[32], ct[32], out[32];
	unsigned int i, pklen = 0;
	unsigned long rem;

	REQUIRE_FULL_XTS();
	for (i = 0; i < 2; i++) {
		unhex(v[i].key, key);
		ASSERT_EQ(0, pkey_xts_protkey(key, v[i].d, pk, &pklen));
		unhex(v[i].tweak, tweak);
		unhex(v[i].pt, pt);
		unhex(v[i].ct, ct);
		full_xts_block(pb, pk, v[i].d, tweak);
		ASSERT_EQ(0, cpacf_km(v[i].fc, pb, out, pt, 32, &rem));
		EXPECT_EQ(0, memcmp(out, ct, 32)) TH_LOG("fc %lu encrypt", v[i].fc);
		full_xts_block(pb, pk, v[i].d, tweak);
		ASSERT_EQ(0, cpacf_km(v[i].fc | 0x80, pb, out, ct, 32, &rem));
		EXPECT_EQ(0, memcmp(out, pt, 32)) TH_LOG("fc %lu decrypt", v[i].fc);
	}
	memset(key, 0, sizeof(key));
}

/*
 * 12 KiB in one KM call: the machine stops and resumes inside it (partial
 * completion); full XTS must agree with PCC and KM-XTS on the same keys.
 */
TEST_F(protkey, km_full_xts_resumes_like_two_key_xts)
{
	enum { LEN = 3 * 4096 };
	static __u8 pt[LEN], full[LEN], two[LEN];
	struct { __u8 pk[16 + WKVP_LEN]; __u8 tweak[16], j[16], bit[16], xts[16]; } pcc = {};
	struct { __u8 pk[16 + WKVP_LEN]; __u8 xts[16]; } km;
	__u8 key[32], pk[64], pb[32 + 32 + WKVP_LEN], tweak[16];
	unsigned int i, pklen = 0;
	unsigned long rem;

	REQUIRE_FULL_XTS();
	for (i = 0; i < LEN; i++)
		pt[i] = (__u8)(i * 7 + (i >> 8));
	for (i = 0; i < 32; i++)
		key[i] = (__u8)(0xa5 ^ (i * 29));
	for (i = 0; i < 16; i++)
		tweak[i] = (__u8)(i * 13);

	ASSERT_EQ(0, pkey_xts_protkey(key, 32, pk, &pklen));
	full_xts_block(pb, pk, 32, tweak);
	ASSERT_EQ(0, cpacf_km(FC_FULL_XTS_EAES_128, pb, full, pt, LEN, &rem));
	EXPECT_EQ(0UL, rem);

	ASSERT_EQ(0, clr2protk(key + 16, 16, pcc.pk));
	memcpy(pcc.tweak, tweak, 16);
	ASSERT_EQ(0, cpacf_pcc(FC_XTS_EAES_128, &pcc));
	ASSERT_EQ(0, clr2protk(key, 16, km.pk));
	memcpy(km.xts, pcc.xts, 16);
	ASSERT_EQ(0, cpacf_km_kmc(0, FC_XTS_EAES_128, &km, two, pt, LEN, &rem));
	EXPECT_EQ(0, memcmp(full, two, LEN)) TH_LOG("full XTS and two-key XTS disagree");
	memset(key, 0, sizeof(key));
}

/* IEEE P1619 vector 2 with PCC and KM XTS-Encrypted-AES-128. */
TEST_F(protkey, pcc_km_xts_eaes_ieee1619)
{
	__u8 k1[16], k2[16], pt[32], ct[32], out[32];
	struct { __u8 pk[16 + WKVP_LEN]; __u8 tweak[16], j[16], bit[16], xts[16]; } pcc = {};
	struct { __u8 pk[16 + WKVP_LEN]; __u8 xts[16]; } km;
	unsigned long rem;

	memset(k1, 0x11, 16);
	memset(k2, 0x22, 16);
	memset(pt, 0x44, 32);
	unhex("c454185e6a16936e39334038acef838bfb186fff7480adc4289382ecd6d394f0", ct);
	ASSERT_EQ(0, clr2protk(k2, 16, pcc.pk));
	unhex("33333333330000000000000000000000", pcc.tweak);
	ASSERT_EQ(0, cpacf_pcc(FC_XTS_EAES_128, &pcc));

	ASSERT_EQ(0, clr2protk(k1, 16, km.pk));
	memcpy(km.xts, pcc.xts, 16);
	ASSERT_EQ(0, cpacf_km_kmc(0, FC_XTS_EAES_128, &km, out, pt, 32, &rem));
	EXPECT_EQ(0, memcmp(out, ct, 32)) TH_LOG("KM-XTS-EAES-128");
}

/* PCKMO is privileged: user space gets SIGILL. */
TEST_SIGNAL(pckmo_is_privileged, SIGILL)
{
	__u8 param[16 + WKVP_LEN] = {};

	cpacf_pckmo(FC_PCKMO_AES_128, param);
}

TEST_F(protkey, new_wrapping_key_refuses_old_keys)
{
	struct { __u8 cv[16]; __u8 pk[16 + WKVP_LEN]; } kmc, kmc_saved;
	__u8 pt[16], ct[16], out[16], fresh[16 + WKVP_LEN];
	__u8 dk[64], pb[32 + 32 + WKVP_LEN], pb_saved[sizeof(pb)];
	unsigned int dklen = 0;
	unsigned long rem;
	int ret;

	/* A double key too, where the machine has full XTS. */
	if (km_has(FC_FULL_XTS_EAES_128)) {
		ASSERT_EQ(0, pkey_xts_protkey(self->clear, 32, dk, &dklen));
		full_xts_block(pb, dk, 32, self->clear);
	}
	unhex(fips197_pt, pt);
	unhex(fips197_ct[16], ct);
	ASSERT_EQ(0, cpacf_km_kmc(0, FC_EAES_128, self->pk, out, pt, 16, &rem));
	ASSERT_EQ(0, memcmp(out, ct, 16));
	memset(&kmc, 0x5a, sizeof(kmc.cv));
	memcpy(kmc.pk, self->pk, sizeof(kmc.pk));

	ret = host_request("cpacf-new-wrapping-key");
	if (ret == -ENOENT)
		SKIP(return, "no host control port ($SECEX_HOST_CTL): not in a harness guest");
	ASSERT_EQ(0, ret);

	memset(out, 0xee, sizeof(out));
	EXPECT_EQ(1, cpacf_km_kmc(0, FC_EAES_128, self->pk, out, pt, 16, &rem));
	EXPECT_EQ(16UL, rem) TH_LOG("KM processed data with a stale key");
	EXPECT_EQ(0xee, out[0]);
	EXPECT_EQ(0xee, out[15]);

	kmc_saved = kmc;
	EXPECT_EQ(1, cpacf_km_kmc(1, FC_EAES_128, &kmc, out, pt, 16, &rem));
	EXPECT_EQ(16UL, rem);
	EXPECT_EQ(0, memcmp(&kmc, &kmc_saved, sizeof(kmc))) TH_LOG("KMC changed its parameter block");

	if (dklen) {
		memcpy(pb_saved, pb, sizeof(pb));
		EXPECT_EQ(1, cpacf_km(FC_FULL_XTS_EAES_128, pb, out, pt, 16, &rem));
		EXPECT_EQ(16UL, rem);
		EXPECT_EQ(0, memcmp(pb, pb_saved, sizeof(pb))) TH_LOG("full XTS changed its parameter block");
	}

	ASSERT_EQ(0, clr2protk(self->clear, 16, fresh));
	EXPECT_NE(0, memcmp(fresh + 16, self->pk + 16, WKVP_LEN)) TH_LOG("same WKVP after the change");
	ASSERT_EQ(0, cpacf_km_kmc(0, FC_EAES_128, fresh, out, pt, 16, &rem));
	EXPECT_EQ(0, memcmp(out, ct, 16)) TH_LOG("a new key does not work");
}

/*
 * First boot: keep a protected key in $SECEX_REBOOT_STATE (on the share)
 * and reboot; the harness lets QEMU re-IPL the same machine, which runs
 * this test again.  Second boot: that key must be stale.
 */
TEST_F(protkey, reboot_renews_wrapping_key)
{
	const char *state = getenv("SECEX_REBOOT_STATE");
	__u8 saved[16 + WKVP_LEN], fresh[16 + WKVP_LEN];
	__u8 pt[16], ct[16], out[16];
	unsigned long rem;
	FILE *f;

	if (!state || !*state)
		SKIP(return, "needs two boots of one machine: SECEX_REBOOT_STATE unset (scripts/test runs it)");
	unhex(fips197_pt, pt);
	unhex(fips197_ct[16], ct);
	f = fopen(state, "rb");
	if (!f) {
		ASSERT_EQ(ENOENT, errno);
		f = fopen(state, "wb");
		ASSERT_NE(NULL, f);
		ASSERT_EQ(1UL, fwrite(self->pk, sizeof(saved), 1, f));
		ASSERT_EQ(0, fflush(f));
		ASSERT_EQ(0, fsync(fileno(f)));
		fclose(f);
		sync();
		printf("# first boot: protected key saved, rebooting\n");
		fflush(stdout);
		reboot(RB_AUTOBOOT);
		ASSERT_TRUE(0) TH_LOG("reboot: %s", strerror(errno));
	}
	ASSERT_EQ(1UL, fread(saved, sizeof(saved), 1, f));
	fclose(f);
	unlink(state);

	memset(out, 0xee, sizeof(out));
	EXPECT_EQ(1, cpacf_km_kmc(0, FC_EAES_128, saved, out, pt, 16, &rem))
		TH_LOG("a protected key of the previous boot still works");
	EXPECT_EQ(16UL, rem);
	EXPECT_EQ(0xee, out[0]);
	ASSERT_EQ(0, clr2protk(self->clear, 16, fresh));
	EXPECT_NE(0, memcmp(fresh + 16, saved + 16, WKVP_LEN)) TH_LOG("same WKVP after the reboot");
	ASSERT_EQ(0, cpacf_km_kmc(0, FC_EAES_128, fresh, out, pt, 16, &rem));
	EXPECT_EQ(0, memcmp(out, ct, 16)) TH_LOG("a key of this boot does not work");
	memset(saved, 0, sizeof(saved));
	memset(fresh, 0, sizeof(fresh));
}

TEST_HARNESS_MAIN

#else /* !__s390x__ */

int main(void)
{
	printf("1..0 # SKIP CPACF exists on s390x only\n");
	return 4;	/* KSFT_SKIP */
}

#endif
