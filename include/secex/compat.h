/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The few kernel API differences between the kernels we build for (6.1,
 * 6.12, 7.x).  Every LINUX_VERSION_CODE test of the suite lives here.
 */
#ifndef _SECEX_COMPAT_H
#define _SECEX_COMPAT_H

#include <linux/version.h>
#include <linux/types.h>
#include <crypto/aes.h>

/* The kernel is version a.b.c or newer. */
#define SECEX_KERNEL_GE(a, b, c) \
	(KERNEL_VERSION(a, b, c) <= LINUX_VERSION_CODE)

/*
 * asm/unaligned.h moved to linux/unaligned.h in 6.12 (sparse 0.6.4 cannot
 * parse __has_include(), so the version decides).
 */
#if SECEX_KERNEL_GE(6, 12, 0)
#include <linux/unaligned.h>
#else
#include <asm/unaligned.h>
#endif

/*
 * hex2bin() moved from linux/kernel.h to linux/hex.h (6.12 has it), and
 * 7.x's kernel.h no longer includes that.
 */
#if SECEX_KERNEL_GE(6, 12, 0)
#include <linux/hex.h>
#else
#include <linux/kernel.h>
#endif

/*
 * 7.0 reworked the AES library: encryption uses a struct aes_enckey
 * prepared by aes_prepareenckey() instead of a struct crypto_aes_ctx.
 */
struct secex_aes_key {
#if SECEX_KERNEL_GE(7, 0, 0)
	struct aes_enckey k;
#else
	struct crypto_aes_ctx k;
#endif
};

static inline int secex_aes_setkey(struct secex_aes_key *key, const u8 *in,
				   unsigned int len)
{
#if SECEX_KERNEL_GE(7, 0, 0)
	return aes_prepareenckey(&key->k, in, len);
#else
	return aes_expandkey(&key->k, in, len);
#endif
}

static inline void secex_aes_encrypt(const struct secex_aes_key *key, u8 *out,
				     const u8 *in)
{
	aes_encrypt(&key->k, out, in);
}

/*
 * Binary sysfs attributes are const since 6.17 (6.13 to 6.16 had const
 * variants next to the old ones, which still worked there).
 */
#if SECEX_KERNEL_GE(6, 17, 0)
#define SECEX_BIN_ATTR_CONST const
#else
#define SECEX_BIN_ATTR_CONST
#endif

#endif /* _SECEX_COMPAT_H */
