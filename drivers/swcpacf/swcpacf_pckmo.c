// SPDX-License-Identifier: GPL-2.0
/*
 * The machine's PCKMO on s390x: protected keys wrapped by the firmware's
 * wrapping key, which the encrypted-key CPACF functions accept.  Here, in
 * the wrapping core, so that /dev/pkey and the software ultravisor (whose
 * Retrieve Secret returns key secrets as the machine's protected keys)
 * make the same choice.
 *
 * The facility bit alone proves nothing (QEMU TCG sets it with no function
 * codes), and an uninstalled function code raises a specification
 * exception, so every code is queried once, at load.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bitops.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/string.h>
#include <asm/cpacf.h>
#include <secex/pkey_api.h>
#include <secex/swcpacf.h>
#include "swcpacf_internal.h"

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

void swcpacf_pckmo_probe(void)
{
	unsigned int kt;

	for (kt = 0; kt < ARRAY_SIZE(pckmo_fc); kt++)
		if (pckmo_fc[kt] && cpacf_query_func(CPACF_PCKMO, pckmo_fc[kt]))
			__set_bit(kt, &pckmo_installed);
	/* Verification needs AES-128 (see secex_pckmo_verify). */
	if (!test_bit(PKEY_KEYTYPE_AES_128, &pckmo_installed))
		pckmo_installed = 0;
	if (pckmo_installed)
		pr_info("PCKMO wraps protected keys of types %*pbl\n",
			BITS_PER_LONG, &pckmo_installed);
}

bool secex_pckmo_has(u32 keytype)
{
	return keytype < ARRAY_SIZE(pckmo_fc) &&
	       test_bit(keytype, &pckmo_installed);
}
EXPORT_SYMBOL_GPL(secex_pckmo_has);

/* The parameter block is overwritten in place with E_WK(key) || WKVP. */
int secex_pckmo_wrap(u32 keytype, const u8 *clrkey, u32 clrkeylen,
		     u8 *protkey, u32 *protkeylen)
{
	u32 size = secex_pkey_keytype_to_size(keytype);
	u8 param[PCKMO_PARAM_SIZE] = {};

	if (!size || clrkeylen != size)
		return -EINVAL;
	if (!secex_pckmo_has(keytype))
		return -ENODEV;
	if (*protkeylen < size + SECEX_WKVP_SIZE)
		return -ENOSPC;
	memcpy(param, clrkey, size);
	cpacf_pckmo(pckmo_fc[keytype], param);
	memcpy(protkey, param, size + SECEX_WKVP_SIZE);
	memzero_explicit(param, sizeof(param));
	*protkeylen = size + SECEX_WKVP_SIZE;
	return 0;
}
EXPORT_SYMBOL_GPL(secex_pckmo_wrap);

/*
 * The machine's current WKVP is the one of any freshly wrapped key, of
 * whatever type (as upstream, an AES-128 one is made); a key carrying
 * another one was wrapped before the wrapping key changed.
 */
int secex_pckmo_verify(u32 keytype, const u8 *protkey, u32 protkeylen)
{
	u32 size = secex_pkey_keytype_to_size(keytype);
	u8 param[PCKMO_PARAM_SIZE] = {};
	int ret = 0;

	if (!size || protkeylen != size + SECEX_WKVP_SIZE)
		return -EINVAL;
	if (!pckmo_installed)
		return -ENODEV;
	cpacf_pckmo(pckmo_fc[PKEY_KEYTYPE_AES_128], param);
	if (memcmp(param + 16, protkey + size, SECEX_WKVP_SIZE))
		ret = -EKEYREJECTED;
	memzero_explicit(param, sizeof(param));
	return ret;
}
EXPORT_SYMBOL_GPL(secex_pckmo_verify);
