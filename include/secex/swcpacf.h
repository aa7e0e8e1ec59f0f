/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Software CPACF: the protected-key wrapping core (module secex_swcpacf).
 *
 * A protected key is a clear key encrypted under a per-boot wrapping key
 * that only ever exists in kernel memory, followed by the 32-byte wrapping
 * key verification pattern (WKVP).  Sizes match CPACF's protected keys for
 * every key type.  Shared by /dev/pkey, the paes ciphers and the software
 * ultravisor (which returns retrievable key secrets as protected keys).
 */
#ifndef _SECEX_SWCPACF_H
#define _SECEX_SWCPACF_H

#include <linux/types.h>

#define SECEX_WKVP_SIZE	32

/*
 * Wrap @clrkey (@clrkeylen bytes) of PKEY_KEYTYPE_* @keytype into @protkey
 * (buffer of *@protkeylen bytes; on success set to the protected-key size).
 * Returns 0, -EINVAL (type/length mismatch) or -ENOSPC (buffer too small).
 */
int secex_swcpacf_wrap(u32 keytype, const u8 *clrkey, u32 clrkeylen,
		       u8 *protkey, u32 *protkeylen);

/*
 * Unwrap @protkey into @clrkey (*@clrkeylen in: buffer size, out: key
 * size).  Returns 0, -EINVAL if malformed, -EKEYEXPIRED (stale WKVP, e.g.
 * after a rotation) or -EKEYREJECTED (tampered).
 */
int secex_swcpacf_unwrap(u32 keytype, const u8 *protkey, u32 protkeylen,
			 u8 *clrkey, u32 *clrkeylen);

/* Current WKVP; a protected key whose trailing 32 bytes differ is stale. */
void secex_swcpacf_wkvp(u8 wkvp[SECEX_WKVP_SIZE]);

/* Replace the wrapping key: every existing protected key becomes stale. */
void secex_swcpacf_rotate(void);

#endif /* _SECEX_SWCPACF_H */
