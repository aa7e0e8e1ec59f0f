// SPDX-License-Identifier: GPL-2.0
/*
 * Issuing /dev/uv ioctls.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "uvdev.h"

static const char *device(void)
{
	const char *dev = getenv("SECEX_UV_DEVICE");

	return dev && *dev ? dev : UV_DEVICE_DEFAULT;
}

int uv_ioctl(unsigned int nr, void *addr, uint32_t len, struct uv_status *st)
{
	struct uvio_ioctl_cb cb;
	int fd, rc, err;

	fd = open(device(), O_RDWR);
	if (fd < 0) {
		err = errno;
		cli_err("%s: %s%s", device(), strerror(err),
			err == ENOENT ? " (is the secex_uv module loaded?)" : "");
		return -err;
	}
	memset(&cb, 0, sizeof(cb));
	cb.argument_addr = (uint64_t)(uintptr_t)addr;
	cb.argument_len = len;
	rc = ioctl(fd, UVIO_IOCTL(nr), &cb);
	err = errno;
	close(fd);
	if (rc) {
		if (err != EINVAL || nr != UVIO_IOCTL_LIST_SECRETS_NR)
			cli_err("%s: ioctl %u failed: %s", device(), nr,
				strerror(err));
		return -err;
	}
	st->rc = cb.uv_rc;
	st->rrc = cb.uv_rrc;
	return 0;
}

void uv_print_rc(const char *what, enum uvrc_cmd cmd,
		 const struct uv_status *st)
{
	cli_err("%s%sultravisor rc 0x%04x, rrc 0x%04x: %s", what ? what : "",
		what ? ": " : "", st->rc, st->rrc, uvrc_str(cmd, st->rc));
}
