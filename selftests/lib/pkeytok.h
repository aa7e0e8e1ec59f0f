/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pkey key tokens for the kselftests (upstream's layout, native byte
 * order): a header, the key type, the length and the key.
 */
#ifndef SECEX_SELFTEST_PKEYTOK_H
#define SECEX_SELFTEST_PKEYTOK_H

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
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

/*
 * The protected key that PKEY_KBLOB2PROTK3 makes of the clear-key token of
 * XTS double key @key (32 or 64 bytes: K1 || K2) into @pk (96 bytes; on
 * s390x, PCKMO's Encrypt-AES-XTS-Double-Key where the machine has it).
 * Returns 0 or -errno (-ENODEV: no double keys on this machine).
 */
static inline int pkey_xts_protkey(const __u8 *key, __u32 len, __u8 *pk,
				   __u32 *pklen)
{
	__u32 type = len == 32 ? PKEY_KEYTYPE_AES_XTS_128 : PKEY_KEYTYPE_AES_XTS_256;
	__u8 ctok[TOKHDR_LEN + 64], buf[160] = { 0 };
	struct pkey_kblob2pkey3 k = {
		.key = ctok,
		.keylen = make_tok(ctok, 0x02, type, key, len),
		.pkey = buf,
		.pkeylen = sizeof(buf),
	};
	int fd = open("/dev/pkey", O_RDWR), ret;

	if (fd < 0)
		return -errno;
	ret = ioctl(fd, PKEY_KBLOB2PROTK3, &k) ? -errno : 0;
	close(fd);
	memset(ctok, 0, sizeof(ctok));
	if (!ret && (k.pkeytype != type || k.pkeylen != len + 32))
		ret = -EPROTO;
	if (!ret) {
		memcpy(pk, buf, k.pkeylen);
		*pklen = k.pkeylen;
	}
	memset(buf, 0, sizeof(buf));
	return ret;
}

#endif
