/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Software CPACF: the protected-key wrapping core (module secex_swcpacf).
 *
 * A protected key is a clear key encrypted under a per-boot wrapping key
 * that only ever exists in kernel memory, followed by a 32-byte trailer in
 * the place of CPACF's wrapping key verification pattern (WKVP): 16 bytes
 * that identify the wrapping key, then a 16-byte per-key integrity tag.
 * Sizes match CPACF's protected keys for every key type.  Shared by
 * /dev/pkey, the paes ciphers and the software ultravisor (which returns
 * retrievable key secrets as protected keys).
 */
#ifndef _SECEX_SWCPACF_H
#define _SECEX_SWCPACF_H

#include <linux/errno.h>
#include <linux/types.h>

#define SECEX_WKVP_SIZE	32
/* Leading trailer bytes that identify the wrapping key. */
#define SECEX_WKVP_ID_SIZE	16

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

/*
 * Current WKVP: its first SECEX_WKVP_ID_SIZE bytes identify the wrapping
 * key and start the trailer of every current protected key (the rest is
 * zero here; in a protected key it is that key's tag).  A protected key
 * whose trailer starts differently is stale.
 */
void secex_swcpacf_wkvp(u8 wkvp[SECEX_WKVP_SIZE]);

/*
 * The wrapping key's generation, counting rotations: one load, no lock, for
 * data paths that only need to notice that a rotation happened.
 */
u64 secex_swcpacf_generation(void);

/* Whether @protkey was wrapped under the current wrapping key.  Atomic. */
bool secex_swcpacf_is_current(const u8 *protkey, u32 protkeylen);

/*
 * Check @protkey completely (as unwrap, without handing out the key).
 * Returns 0, -EINVAL, -EKEYEXPIRED or -EKEYREJECTED.
 */
int secex_swcpacf_verify(u32 keytype, const u8 *protkey, u32 protkeylen);

/*
 * Replace the wrapping key: every existing protected key becomes stale.
 * Returns 0, or -errno (-ENOMEM, or interrupted while waiting for the
 * CRNG) with the old key still in place.
 */
int secex_swcpacf_rotate(void);

/*
 * The machine's PCKMO (s390x; module secex_swcpacf queries it at load).
 * Its protected keys work with the encrypted-key CPACF functions and carry
 * the machine's WKVP, not the software core's.
 *
 * secex_pckmo_has(): whether PCKMO makes keys of PKEY_KEYTYPE_* @keytype
 * here (never without AES-128, which verification needs).
 * secex_pckmo_wrap(): as secex_swcpacf_wrap, -ENODEV if the machine lacks
 * the function.  secex_pckmo_verify(): 0, -EINVAL, -ENODEV (no PCKMO), or
 * -EKEYREJECTED if made under another wrapping key.
 */
#ifdef CONFIG_S390
bool secex_pckmo_has(u32 keytype);
int secex_pckmo_wrap(u32 keytype, const u8 *clrkey, u32 clrkeylen,
		     u8 *protkey, u32 *protkeylen);
int secex_pckmo_verify(u32 keytype, const u8 *protkey, u32 protkeylen);
#else
static inline bool secex_pckmo_has(u32 keytype)
{
	return false;
}

static inline int secex_pckmo_wrap(u32 keytype, const u8 *clrkey,
				   u32 clrkeylen, u8 *protkey, u32 *protkeylen)
{
	return -ENODEV;
}

static inline int secex_pckmo_verify(u32 keytype, const u8 *protkey,
				     u32 protkeylen)
{
	return -ENODEV;
}
#endif

#endif /* _SECEX_SWCPACF_H */
