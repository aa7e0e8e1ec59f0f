/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Issuing /dev/uv ioctls, silently: callers report failures their own way
 * (secex-uv on stderr, the LUKS2 token plugin through libcryptsetup).
 */
#ifndef SECEX_UVDEV_H
#define SECEX_UVDEV_H

#include <stdint.h>

#include "../../include/uapi/secex/uvdevice.h"

#define UV_DEVICE_DEFAULT "/dev/" UVIO_DEVICE_NAME
/* secex_uv's device where the kernel's uvdevice is /dev/uv. */
#define UV_DEVICE_SECEX "/dev/" UVIO_SECEX_DEVICE_NAME

struct uv_status {
	uint16_t rc;
	uint16_t rrc;
	/* on failure: 0 if the device could not be opened, 1 if the ioctl failed */
	int opened;
};

/*
 * The device: $SECEX_UV_DEVICE (tests point it elsewhere), else the one
 * the last uvdev_ioctl() used (/dev/uv before any).
 */
const char *uvdev_path(void);

/*
 * Issue ioctl @nr with argument @addr/@len on the device.  Returns 0 when
 * the ioctl itself succeeded (check @st->rc), or -errno (@st->opened says
 * whether open or ioctl failed).  Prints nothing.
 *
 * Without $SECEX_UV_DEVICE: /dev/uv, and where that is the kernel's own
 * uvdevice and does not know @nr (ENOTTY: Linux 6.1 has attestation only,
 * 6.12 no Retrieve Secret), or does not exist, /dev/secex-uv.
 */
int uvdev_ioctl(unsigned int nr, void *addr, uint32_t len, struct uv_status *st);

/* uvdev_ioctl, or a wrapper of it that reports failures. */
typedef int uvdev_call_fn(unsigned int nr, void *addr, uint32_t len,
			  struct uv_status *st);

#endif /* SECEX_UVDEV_H */
