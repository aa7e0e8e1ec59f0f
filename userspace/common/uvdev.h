/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Issuing /dev/uv ioctls, silently: callers report failures their own way
 * (secex-uv on stderr, the LUKS2 token plugin through libcryptsetup).
 */
#ifndef SECEX_UVDEV_H
#define SECEX_UVDEV_H

#include <stdint.h>

#include "../../include/uapi/secex/uvdevice.h"

#define UV_DEVICE_DEFAULT "/dev/uv"

struct uv_status {
	uint16_t rc;
	uint16_t rrc;
	/* on failure: 0 if the device could not be opened, 1 if the ioctl failed */
	int opened;
};

/* The device: $SECEX_UV_DEVICE (tests point it elsewhere), else /dev/uv. */
const char *uvdev_path(void);

/*
 * Issue ioctl @nr with argument @addr/@len on the device.  Returns 0 when
 * the ioctl itself succeeded (check @st->rc), or -errno (@st->opened says
 * whether open or ioctl failed).  Prints nothing.
 */
int uvdev_ioctl(unsigned int nr, void *addr, uint32_t len, struct uv_status *st);

/* uvdev_ioctl, or a wrapper of it that reports failures. */
typedef int uvdev_call_fn(unsigned int nr, void *addr, uint32_t len,
			  struct uv_status *st);

#endif /* SECEX_UVDEV_H */
