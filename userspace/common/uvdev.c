// SPDX-License-Identifier: GPL-2.0
/*
 * Issuing /dev/uv ioctls.
 */
/*
 * secure_getenv(): this code also runs inside whatever process opens a
 * volume (the token plugin); a setuid or setgid one must not be pointed
 * at another device by its caller's environment.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "uvdev.h"

static const char *uvdev_used = UV_DEVICE_DEFAULT;

static const char *uvdev_env(void)
{
	const char *dev = secure_getenv("SECEX_UV_DEVICE");

	return dev && *dev ? dev : NULL;
}

const char *uvdev_path(void)
{
	const char *dev = uvdev_env();

	return dev ? dev : uvdev_used;
}

static int uvdev_ioctl_on(const char *dev, unsigned int nr, void *addr,
			  uint32_t len, struct uv_status *st)
{
	struct uvio_ioctl_cb cb;
	int fd, rc, err;

	st->opened = 0;
	fd = open(dev, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	st->opened = 1;
	memset(&cb, 0, sizeof(cb));
	cb.argument_addr = (uint64_t)(uintptr_t)addr;
	cb.argument_len = len;
	rc = ioctl(fd, UVIO_IOCTL(nr), &cb);
	err = errno;
	close(fd);
	if (rc)
		return -err;
	st->rc = cb.uv_rc;
	st->rrc = cb.uv_rrc;
	return 0;
}

int uvdev_ioctl(unsigned int nr, void *addr, uint32_t len, struct uv_status *st)
{
	const char *dev = uvdev_env();
	struct uv_status first;
	int rc, rc2;

	if (dev)
		return uvdev_ioctl_on(dev, nr, addr, len, st);
	uvdev_used = UV_DEVICE_DEFAULT;
	rc = uvdev_ioctl_on(UV_DEVICE_DEFAULT, nr, addr, len, st);
	if (rc != -ENOTTY && (rc != -ENOENT || st->opened))
		return rc;
	first = *st;
	rc2 = uvdev_ioctl_on(UV_DEVICE_SECEX, nr, addr, len, st);
	if (rc2 == -ENOENT && !st->opened) {
		/* No secex_uv device either: what /dev/uv said counts. */
		*st = first;
		return rc;
	}
	uvdev_used = UV_DEVICE_SECEX;
	return rc2;
}
