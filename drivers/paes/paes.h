/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _PAES_H
#define _PAES_H

#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <crypto/skcipher.h>
#include <secex/pkey_api.h>

/* Key sizes as upstream paes_s390: tokens up to an EP11 AES key blob. */
#define PAES_MIN_KEYSIZE	16
#define PAES_MAX_KEYSIZE	MAXEP11AESKEYBLOBSIZE

/* Bits of paes_ctx.flags */
#define PAES_REFRESH_PENDING	0

struct paes_protkey {
	u32 type;
	u32 len;
	u8 protkey[SECEX_MAXPROTKEYSIZE];
};

/**
 * struct paes_ctx - one paes transform
 * @inner: the AES skcipher doing the work with the unwrapped key
 * @xts: XTS (one or two protected keys)
 * @keybuf: the key token(s), kept to re-derive protected keys
 * @keylen: bytes in @keybuf
 * @pk_lock: guards @pk and @npk against the refresh work
 * @pk: the protected key(s) behind the inner key
 * @npk: number of valid entries in @pk (0 before setkey)
 * @pk_gen: the software core's generation @pk was made in
 * @flags: PAES_REFRESH_PENDING: @refresh queued or failed for this key
 * @refresh: re-derives @pk from @keybuf after a wrapping-key change
 */
struct paes_ctx {
	struct crypto_skcipher *inner;
	bool xts;
	u8 keybuf[2 * PAES_MAX_KEYSIZE];
	unsigned int keylen;
	spinlock_t pk_lock;	/* see @pk_lock above */
	struct paes_protkey pk[2];
	unsigned int npk;
	u64 pk_gen;
	unsigned long flags;
	struct work_struct refresh;
};

/* paes_key.c */
unsigned int paes_store_token(u8 *keybuf, bool xts, const u8 *key,
			      unsigned int keylen);
int paes_convert_token(const u8 *keybuf, unsigned int keylen, bool xts,
		       u32 xflags, struct paes_protkey *pk, unsigned int *npk);
extern bool paes_clrkey;
u32 paes_setkey_xflags(void);
int paes_setkey_token(struct paes_ctx *ctx, const u8 *key, unsigned int keylen);
void paes_forget_key(struct paes_ctx *ctx);
void paes_refresh_work(struct work_struct *work);
void paes_check_stale(struct paes_ctx *ctx);

/* paes_cpacf.c: the machine's encrypted-key functions (s390x) */
#ifdef CONFIG_S390
enum paes_mode { PAES_ECB, PAES_CBC, PAES_CTR, PAES_XTS };

/**
 * struct paes_cpacf_ctx - one transform on the machine's CPACF
 * @mode: cipher mode of the algorithm
 * @keybuf: the key token(s), to re-derive protected keys
 * @keylen: bytes in @keybuf
 * @lock: guards @pk and @fc
 * @pk: protected key(s); XTS: [0] data key, [1] tweak key, or [0] alone
 *	a double key for full XTS
 * @fc: function code for @pk, 0 while there is no usable key
 */
struct paes_cpacf_ctx {
	enum paes_mode mode;
	u8 keybuf[2 * PAES_MAX_KEYSIZE];
	unsigned int keylen;
	spinlock_t lock;	/* see @lock above */
	struct paes_protkey pk[2];
	unsigned long fc;
};

int paes_cpacf_register(void);
void paes_cpacf_unregister(void);
#else
static inline int paes_cpacf_register(void) { return 0; }
static inline void paes_cpacf_unregister(void) { }
#endif

#endif /* _PAES_H */
