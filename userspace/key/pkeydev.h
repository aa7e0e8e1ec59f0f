/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The two /dev/pkey ioctls secex-key needs to check a token.
 */
#ifndef SECEX_KEY_PKEYDEV_H
#define SECEX_KEY_PKEYDEV_H

#include <stddef.h>
#include <stdint.h>

#define PKEY_DEVICE_DEFAULT	"/dev/pkey"
#define PKEY_DEVICE_ENV		"SECEX_PKEY_DEVICE"

/* Open $SECEX_PKEY_DEVICE or /dev/pkey; -1 after a message. */
int pkeydev_open(void);
/* PKEY_VERIFYKEY2: 0 or -errno; no message. */
int pkeydev_verifykey2(int fd, const uint8_t *tok, size_t len,
		       uint32_t *type, uint32_t *bits, uint32_t *flags);
/*
 * PKEY_KBLOB2PROTK3 without an output buffer: the kernel derives the
 * protected key and reports only its type and length, so the key itself
 * never reaches user space.  0 or -errno; no message.
 */
int pkeydev_kblob2protk3(int fd, const uint8_t *tok, size_t len,
			 uint32_t *keytype, uint32_t *keylen);

#endif /* SECEX_KEY_PKEYDEV_H */
