// SPDX-License-Identifier: GPL-2.0
/*
 * PCKMO on s390x.  The facility bit alone proves nothing (QEMU TCG sets
 * it with no function codes), and an uninstalled function code raises a
 * specification exception, so every code is queried before first use.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/errno.h>
#include <linux/bitops.h>
#include <linux/string.h>
#include <asm/cpacf.h>
#include "pkey_base.h"

#define PCKMO_PARAM_SIZE	160

/* PCKMO function codes by PKEY_KEYTYPE_* (0: none) */
static const u8 pckmo_fc[] = {
	[PKEY_KEYTYPE_AES_128]		= 0x12,
	[PKEY_KEYTYPE_AES_192]		= 0x13,
	[PKEY_KEYTYPE_AES_256]		= 0x14,
	[PKEY_KEYTYPE_ECC_P256]		= 0x20,
	[PKEY_KEYTYPE_ECC_P384]		= 0x21,
	[PKEY_KEYTYPE_ECC_P521]		= 0x22,
	[PKEY_KEYTYPE_ECC_ED25519]	= 0x28,
	[PKEY_KEYTYPE_ECC_ED448]	= 0x29,
	[PKEY_KEYTYPE_AES_XTS_128]	= 0x15,
	[PKEY_KEYTYPE_AES_XTS_256]	= 0x16,
	[PKEY_KEYTYPE_HMAC_512]		= 0x76,
	[PKEY_KEYTYPE_HMAC_1024]	= 0x7a,
};

/* Bit n: the function code of keytype n is installed. */
static unsigned long pckmo_installed;

bool pkey_pckmo_probe(void)
{
	unsigned int kt;

	for (kt = 0; kt < ARRAY_SIZE(pckmo_fc); kt++)
		if (pckmo_fc[kt] && cpacf_query_func(CPACF_PCKMO, pckmo_fc[kt]))
			__set_bit(kt, &pckmo_installed);
	/* Verification needs AES-128 (see pkey_pckmo_verify). */
	return test_bit(PKEY_KEYTYPE_AES_128, &pckmo_installed);
}

bool pkey_pckmo_has(u32 keytype)
{
	return keytype < ARRAY_SIZE(pckmo_fc) &&
	       test_bit(keytype, &pckmo_installed);
}

/* The parameter block is overwritten in place with E_WK(key) || WKVP. */
int pkey_pckmo_wrap(u32 keytype, const u8 *clrkey, u8 *protkey)
{
	u32 size = secex_pkey_keytype_to_size(keytype);
	u8 param[PCKMO_PARAM_SIZE] = {};

	memcpy(param, clrkey, size);
	cpacf_pckmo(pckmo_fc[keytype], param);
	memcpy(protkey, param, size + SECEX_WKVP_SIZE);
	memzero_explicit(param, sizeof(param));
	return 0;
}

/*
 * The machine's current WKVP is the one of any freshly wrapped key; a key
 * carrying another one was wrapped before the wrapping key changed.
 */
int pkey_pckmo_verify(u32 keytype, const u8 *protkey)
{
	u32 size = secex_pkey_keytype_to_size(keytype);
	u8 param[PCKMO_PARAM_SIZE] = {};
	int ret = 0;

	cpacf_pckmo(pckmo_fc[PKEY_KEYTYPE_AES_128], param);
	if (memcmp(param + 16, protkey + size, SECEX_WKVP_SIZE))
		ret = -EKEYREJECTED;
	memzero_explicit(param, sizeof(param));
	return ret;
}
