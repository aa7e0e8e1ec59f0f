/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The /dev/pkey client of the tools: the device ($SECEX_PKEY_DEVICE or
 * /dev/pkey) and the ioctls secex-key and secex-uv use.
 */
#ifndef SECEX_PKEYDEV_H
#define SECEX_PKEYDEV_H

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
/*
 * PKEY_VERIFYPROTK of @key, the protected key that a UV secret of
 * @secret_type was retrieved as: only keys wrapped by this machine's
 * current wrapping key pass.  0 if the device accepts it, else -1; a
 * message either way.
 */
int pkeydev_verify_secret(uint16_t secret_type, const uint8_t *key,
			  size_t len);

#endif /* SECEX_PKEYDEV_H */
