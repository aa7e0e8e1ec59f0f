// SPDX-License-Identifier: GPL-2.0
/*
 * Who wraps clear keys into protected keys.  On s390x with PCKMO function
 * codes installed, the machine does (keys then work with real CPACF); else
 * the software CPACF core does, e.g. on x86_64 and under QEMU TCG, where
 * s390x reports the PCKMO facility with no function codes behind it.
 * secex_swcpacf knows what the machine's PCKMO has.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/printk.h>
#include "pkey_base.h"

static bool pkey_use_pckmo;
/* Read-only: tells user space (and the selftests) who makes the keys. */
module_param_named(pckmo, pkey_use_pckmo, bool, 0444);
MODULE_PARM_DESC(pckmo, "protected keys are made by the machine's PCKMO (read-only; else by the software CPACF core)");

void pkey_cpacf_init(void)
{
	if (secex_pckmo_has(PKEY_KEYTYPE_AES_128)) {
		pkey_use_pckmo = true;
		pr_info("protected keys are made by CPACF PCKMO\n");
	} else if (IS_ENABLED(CONFIG_S390)) {
		pr_info("no PCKMO function codes: protected keys are made by the software CPACF core\n");
	} else {
		pr_info("protected keys are made by the software CPACF core\n");
	}
}

static bool pkey_pckmo_for(u32 xflags)
{
	return pkey_use_pckmo && !(xflags & SECEX_PKEY_XFLAG_SWCPACF);
}

/*
 * On a PCKMO machine, a key type its PCKMO lacks is -ENODEV (as upstream):
 * a software key would be refused by the machine's CPACF.
 */
int pkey_cpacf_wrap(u32 keytype, const u8 *clrkey, u32 clrkeylen,
		    u8 *protkey, u32 *protkeylen, u32 xflags)
{
	if (pkey_pckmo_for(xflags))
		return secex_pckmo_wrap(keytype, clrkey, clrkeylen, protkey,
					protkeylen);
	return secex_swcpacf_wrap(keytype, clrkey, clrkeylen, protkey,
				  protkeylen);
}

/*
 * 0 if current, -EKEYREJECTED if stale or damaged (as upstream).  A key is
 * judged by the machine that will use it: PCKMO's unless @xflags asks for
 * the software core, whose keys the machine would refuse and vice versa.
 */
int pkey_cpacf_verify(u32 keytype, const u8 *protkey, u32 protkeylen,
		      u32 xflags)
{
	int ret;

	if (pkey_pckmo_for(xflags))
		return secex_pckmo_verify(keytype, protkey, protkeylen);
	ret = secex_swcpacf_verify(keytype, protkey, protkeylen);
	return ret == -EKEYEXPIRED ? -EKEYREJECTED : ret;
}
