/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The few kernel API differences between the kernels we build for (6.1,
 * 6.12, 7.x).  Every LINUX_VERSION_CODE test of the suite lives here.
 */
#ifndef _SECEX_COMPAT_H
#define _SECEX_COMPAT_H

#include <linux/version.h>
#include <linux/types.h>
#include <linux/string.h>
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
 * The block cipher of the software CPACF core: the fastest AES the machine
 * has.  7.0's AES library (struct aes_enckey, aes_prepareenckey()) uses the
 * CPU's AES instructions itself; before 7.0 the library is generic C and
 * the crypto API's "aes" cipher is the fast one (AES-NI, CPACF), usable in
 * any context (it falls back to the library where the FPU is not).
 * Setting a key may sleep and allocate; secex_aes_free() releases it.
 * Modules that use it put SECEX_AES_IMPORT_NS in one source file.
 */
#if SECEX_KERNEL_GE(7, 0, 0)
struct secex_aes_key {
	struct aes_enckey k;
};

#define SECEX_AES_IMPORT_NS

static inline int secex_aes_setkey(struct secex_aes_key *key, const u8 *in,
				   unsigned int len)
{
	return aes_prepareenckey(&key->k, in, len);
}

static inline void secex_aes_encrypt(const struct secex_aes_key *key, u8 *out,
				     const u8 *in)
{
	aes_encrypt(&key->k, out, in);
}

static inline void secex_aes_free(struct secex_aes_key *key)
{
	memzero_explicit(key, sizeof(*key));
}
#else
#include <linux/err.h>
#include <crypto/internal/cipher.h>

struct secex_aes_key {
	struct crypto_cipher *tfm;
};

#define SECEX_AES_IMPORT_NS	MODULE_IMPORT_NS(CRYPTO_INTERNAL)

static inline int secex_aes_setkey(struct secex_aes_key *key, const u8 *in,
				   unsigned int len)
{
	key->tfm = crypto_alloc_cipher("aes", 0, 0);
	if (IS_ERR(key->tfm)) {
		int ret = PTR_ERR(key->tfm);

		key->tfm = NULL;
		return ret;
	}
	return crypto_cipher_setkey(key->tfm, in, len);
}

static inline void secex_aes_encrypt(const struct secex_aes_key *key, u8 *out,
				     const u8 *in)
{
	crypto_cipher_encrypt_one(key->tfm, out, in);
}

static inline void secex_aes_free(struct secex_aes_key *key)
{
	if (key->tfm)
		crypto_free_cipher(key->tfm);
	key->tfm = NULL;
}
#endif

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
