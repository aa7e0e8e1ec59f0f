// SPDX-License-Identifier: GPL-2.0
/*
 * kselftest: the machine's CPACF AES, through Debian's own aes_s390 module
 * (code nobody here wrote), must reproduce published known answers:
 * NIST SP 800-38A (ECB, CBC, CTR) and IEEE P1619/D16 (XTS).  Each vector is
 * run by driver name, so the answer comes from ecb/cbc/ctr/xts-aes-s390 and
 * not from a generic implementation, and is checked both ways.
 *
 * Without CPACF AES (s390x under a QEMU that lacks it) the drivers do not
 * exist and the tests skip, unless SECEX_EXPECT_CPACF=1 says this machine
 * must have them.  Elsewhere the program skips at once: asking the kernel
 * for drivers of another architecture only costs module-loading attempts.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __s390x__

#include "../lib/afalg.h"
#include "../lib/ieee1619.h"
#include "../lib/harness.h"

#define MAX_DATA 64

/* NIST SP 800-38A, appendix F: the same four plaintext blocks throughout. */
#define SP800_38A_PT "6bc1bee22e409f96e93d7e117393172a" \
		     "ae2d8a571e03ac9c9eb76fac45af8e51" \
		     "30c81c46a35ce411e5fbc1191a0a52ef" \
		     "f69f2445df4f9b17ad2b417be66c3710"
#define SP800_38A_K128 "2b7e151628aed2a6abf7158809cf4f3c"
#define SP800_38A_K192 "8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b"
#define SP800_38A_K256 "603deb1015ca71be2b73aef0857d7781" \
		       "1f352c073b6108d72d9810a30914dff4"
#define SP800_38A_CBC_IV "000102030405060708090a0b0c0d0e0f"
#define SP800_38A_CTR_IV "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"

static size_t unhex(const char *hex, __u8 *out)
{
	size_t n = 0;

	for (; hex[0] && hex[1]; hex += 2)
		sscanf(hex, "%2hhx", &out[n++]);
	return n;
}

/* Bind @driver, loading aes_s390 once if it is not there yet. */
static int bind_driver(const char *driver)
{
	static int tried_modprobe;
	int tfm = alg_tfm(driver);

	if (tfm == -ENOENT && !tried_modprobe) {
		tried_modprobe = 1;
		if (system("modprobe -q aes_s390 2>/dev/null") == -1)
			return tfm;
		tfm = alg_tfm(driver);
	}
	return tfm;
}

/*
 * The "selftest" field of @driver's /proc/crypto entry: "passed" once the
 * kernel's crypto self-tests ran at registration and passed, "unknown"
 * where the kernel does not run them.  Empty if there is no such entry.
 */
static void proc_crypto_selftest(const char *driver, char *out, size_t len)
{
	char line[256], want[160];
	int in_entry = 0;
	FILE *f = fopen("/proc/crypto", "r");

	out[0] = 0;
	if (!f)
		return;
	snprintf(want, sizeof(want), "driver       : %s\n", driver);
	while (fgets(line, sizeof(line), f)) {
		if (line[0] == '\n')
			in_entry = 0;
		else if (!strcmp(line, want))
			in_entry = 1;
		else if (in_entry && !strncmp(line, "selftest     : ", 15))
			snprintf(out, len, "%.*s", (int)strcspn(line + 15, "\n"),
				 line + 15);
	}
	fclose(f);
}

FIXTURE(kat) {
	int tfm;
};

FIXTURE_VARIANT(kat) {
	const char *driver;
	const char *key;
	const char *iv;		/* NULL for ECB */
	const char *pt;
	const char *ct;
};

FIXTURE_VARIANT_ADD(kat, ecb_aes128_sp800_38a_f11) {
	.driver = "ecb-aes-s390", .key = SP800_38A_K128, .pt = SP800_38A_PT,
	.ct = "3ad77bb40d7a3660a89ecaf32466ef97f5d3d58503b9699de785895a96fdbaaf"
	      "43b1cd7f598ece23881b00e3ed0306887b0c785e27e8ad3f8223207104725dd4",
};

FIXTURE_VARIANT_ADD(kat, ecb_aes192_sp800_38a_f13) {
	.driver = "ecb-aes-s390", .key = SP800_38A_K192, .pt = SP800_38A_PT,
	.ct = "bd334f1d6e45f25ff712a214571fa5cc974104846d0ad3ad7734ecb3ecee4eef"
	      "ef7afd2270e2e60adce0ba2face6444e9a4b41ba738d6c72fb16691603c18e0e",
};

FIXTURE_VARIANT_ADD(kat, ecb_aes256_sp800_38a_f15) {
	.driver = "ecb-aes-s390", .key = SP800_38A_K256, .pt = SP800_38A_PT,
	.ct = "f3eed1bdb5d2a03c064b5a7e3db181f8591ccb10d410ed26dc5ba74a31362870"
	      "b6ed21b99ca6f4f9f153e7b1beafed1d23304b7a39f9f3ff067d8d8f9e24ecc7",
};

FIXTURE_VARIANT_ADD(kat, cbc_aes128_sp800_38a_f21) {
	.driver = "cbc-aes-s390", .key = SP800_38A_K128,
	.iv = SP800_38A_CBC_IV, .pt = SP800_38A_PT,
	.ct = "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2"
	      "73bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7",
};

FIXTURE_VARIANT_ADD(kat, cbc_aes256_sp800_38a_f25) {
	.driver = "cbc-aes-s390", .key = SP800_38A_K256,
	.iv = SP800_38A_CBC_IV, .pt = SP800_38A_PT,
	.ct = "f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d"
	      "39f23369a9d9bacfa530e26304231461b2eb05e2c39be9fcda6c19078c6a9d1b",
};

FIXTURE_VARIANT_ADD(kat, ctr_aes128_sp800_38a_f51) {
	.driver = "ctr-aes-s390", .key = SP800_38A_K128,
	.iv = SP800_38A_CTR_IV, .pt = SP800_38A_PT,
	.ct = "874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff"
	      "5ae4df3edbd5d35e5b4f09020db03eab1e031dda2fbe03d1792170a0f3009cee",
};

FIXTURE_VARIANT_ADD(kat, ctr_aes256_sp800_38a_f55) {
	.driver = "ctr-aes-s390", .key = SP800_38A_K256,
	.iv = SP800_38A_CTR_IV, .pt = SP800_38A_PT,
	.ct = "601ec313775789a5b7a7f504bbf3d228f443e3ca4d62b59aca84e990cacaf5c5"
	      "2b0930daa23de94ce87017ba2d84988ddfc9c58db67aada613c2dd08457941a6",
};

/* IEEE P1619 vector 2: data unit sequence number 0x3333333333. */
FIXTURE_VARIANT_ADD(kat, xts_aes128_ieee1619_v2) {
	.driver = "xts-aes-s390", .key = IEEE1619_V2_KEY,
	.iv = IEEE1619_V2_TWEAK, .pt = IEEE1619_V2_PT, .ct = IEEE1619_V2_CT,
};

/* IEEE P1619 vector 10 (sequence number 0xff), its first two blocks. */
FIXTURE_VARIANT_ADD(kat, xts_aes256_ieee1619_v10) {
	.driver = "xts-aes-s390", .key = IEEE1619_V10_KEY,
	.iv = IEEE1619_V10_TWEAK, .pt = IEEE1619_V10_PT, .ct = IEEE1619_V10_CT,
};

FIXTURE_SETUP(kat)
{
	const char *expect = getenv("SECEX_EXPECT_CPACF");

	self->tfm = bind_driver(variant->driver);
	if (self->tfm == -ENOENT) {
		if (expect && !strcmp(expect, "1"))
			ASSERT_GE(self->tfm, 0)
				TH_LOG("%s missing on a machine that must have CPACF AES",
				       variant->driver);
		SKIP(return, "%s not available: no CPACF AES on this machine",
		     variant->driver);
	}
	ASSERT_GE(self->tfm, 0) TH_LOG("bind %s: %s", variant->driver,
				       strerror(-self->tfm));
}

FIXTURE_TEARDOWN(kat)
{
	if (self->tfm >= 0)
		close(self->tfm);
}

/*
 * Binding a driver the machine lacks makes the kernel try to load modules
 * for it, each a few seconds in a busy emulated guest: more than the
 * harness's default 30 s per test.
 */
#define KAT_TIMEOUT	180

TEST_F_TIMEOUT(kat, encrypt_and_decrypt, KAT_TIMEOUT)
{
	__u8 key[64], iv[16], pt[MAX_DATA], ct[MAX_DATA], out[MAX_DATA];
	size_t klen, len;

	if (self->tfm < 0)
		return;
	klen = unhex(variant->key, key);
	len = unhex(variant->pt, pt);
	ASSERT_EQ(len, unhex(variant->ct, ct));
	if (variant->iv)
		unhex(variant->iv, iv);
	ASSERT_EQ(0, alg_setkey(self->tfm, key, klen));

	ASSERT_EQ(0, alg_crypt(self->tfm, ALG_OP_ENCRYPT,
			       variant->iv ? iv : NULL, pt, out, len));
	EXPECT_EQ(0, memcmp(out, ct, len)) TH_LOG("wrong ciphertext");
	ASSERT_EQ(0, alg_crypt(self->tfm, ALG_OP_DECRYPT,
			       variant->iv ? iv : NULL, ct, out, len));
	EXPECT_EQ(0, memcmp(out, pt, len)) TH_LOG("wrong plaintext");
}

/* The kernel's own self-tests of the driver passed (or did not run). */
TEST_F_TIMEOUT(kat, registration_selftest, KAT_TIMEOUT)
{
	char result[32];

	if (self->tfm < 0)
		return;
	proc_crypto_selftest(variant->driver, result, sizeof(result));
	TH_LOG("%s: selftest %s", variant->driver, result);
	EXPECT_TRUE(!strcmp(result, "passed") || !strcmp(result, "unknown"));
}

TEST_HARNESS_MAIN

#else /* !__s390x__ */

int main(void)
{
	printf("1..0 # SKIP CPACF exists on s390x only\n");
	return 4;	/* KSFT_SKIP */
}

#endif
