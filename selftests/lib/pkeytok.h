/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pkey key tokens for the kselftests (upstream's layout, native byte
 * order): a header, the key type, the length and the key.
 */
#ifndef SECEX_SELFTEST_PKEYTOK_H
#define SECEX_SELFTEST_PKEYTOK_H

#include <stdio.h>
#include <string.h>
#include <linux/types.h>
#include "../../include/uapi/secex/pkey.h"

#define TOKHDR_LEN	16

struct keytok {
	__u8 type;
	__u8 res0[3];
	__u8 version;
	__u8 res1[3];
	__u32 keytype;
	__u32 len;
	__u8 key[];
};

static inline __u32 aes_keytype(__u32 len)
{
	return len == 16 ? PKEY_KEYTYPE_AES_128 :
	       len == 24 ? PKEY_KEYTYPE_AES_192 : PKEY_KEYTYPE_AES_256;
}

/* Token of @keytype and version @version around @key at @buf. */
static inline size_t make_tok(__u8 *buf, __u8 version, __u32 keytype,
			      const __u8 *key, __u32 len)
{
	struct keytok *t = (struct keytok *)buf;

	memset(t, 0, TOKHDR_LEN);
	t->version = version;
	t->keytype = keytype;
	t->len = len;
	memcpy(t->key, key, len);
	return TOKHDR_LEN + len;
}

/*
 * Whether secex_pkey makes protected keys with the machine's PCKMO (1),
 * the software CPACF core (0), or is not loaded (-1).
 */
static inline int pkey_uses_pckmo(void)
{
	FILE *f = fopen("/sys/module/secex_pkey/parameters/pckmo", "r");
	int c;

	if (!f)
		return -1;
	c = fgetc(f);
	fclose(f);
	return c == 'Y';
}

#endif
