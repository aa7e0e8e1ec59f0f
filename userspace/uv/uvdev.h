/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Issuing /dev/uv ioctls.
 */
#ifndef SECEX_UV_UVDEV_H
#define SECEX_UV_UVDEV_H

#include <stdint.h>

#include "../../include/uapi/secex/uvdevice.h"
#include "../common/cli.h"
#include "../common/uvrc.h"

#define UV_DEVICE_DEFAULT "/dev/uv"

struct uv_status {
	uint16_t rc;
	uint16_t rrc;
};

/*
 * Issue ioctl @nr with argument @addr/@len on the device ($SECEX_UV_DEVICE
 * or /dev/uv).  Returns 0 when the ioctl itself succeeded (check @st->rc),
 * or -errno after printing the error.
 */
int uv_ioctl(unsigned int nr, void *addr, uint32_t len, struct uv_status *st);
/*
 * Report "[what: ]ultravisor rc 0x..., rrc 0x...: words" (@what: the call, where
 * the subcommand does not name it).
 */
void uv_print_rc(const char *what, enum uvrc_cmd cmd,
		 const struct uv_status *st);

#endif /* SECEX_UV_UVDEV_H */
