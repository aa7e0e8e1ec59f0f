/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Issuing /dev/uv ioctls from secex-uv: the silent common/uvdev.c, with
 * the failures reported on stderr.
 */
#ifndef SECEX_UV_UVDEV_H
#define SECEX_UV_UVDEV_H

#include <stdint.h>

#include "../common/cli.h"
#include "../common/uvdev.h"
#include "../common/uvrc.h"

/*
 * Issue ioctl @nr with argument @addr/@len on the device ($SECEX_UV_DEVICE
 * or /dev/uv).  Returns 0 when the ioctl itself succeeded (check @st->rc),
 * or -errno after printing the error.
 */
uvdev_call_fn uv_ioctl;
/*
 * Report "[what: ]ultravisor rc 0x..., rrc 0x...: words" (@what: the call, where
 * the subcommand does not name it).
 */
void uv_print_rc(const char *what, enum uvrc_cmd cmd,
		 const struct uv_status *st);

#endif /* SECEX_UV_UVDEV_H */
