// SPDX-License-Identifier: GPL-2.0
/*
 * A stand-in ultravisor for host tests of secex-uv (tests/format.sh):
 * LD_PRELOAD it into a dynamically linked secex-uv run with
 * SECEX_UV_DEVICE=/dev/null, and the /dev/uv ioctls (type 'u') it issues
 * are answered here instead of by the kernel:
 *
 *   UVIO_IOCTL_UVDEV_INFO   supp_uvio_cmds and supp_uv_cmds from
 *                           $UV_SHIM_INFO ("UVIO_HEX UV_HEX")
 *   UVIO_IOCTL_LIST_SECRETS the bytes of file $UV_SHIM_LIST (a UV secret
 *                           list: 16-byte header, 48-byte entries), the
 *                           rest of the buffer zero; the first
 *                           $UV_SHIM_LIST_EAGAIN calls fail with EAGAIN
 *                           (secex_uv's backend changed while listing)
 *
 * both with uv_rc 0x0001.  Other ioctls of type 'u' fail with ENOTTY;
 * any other ioctl goes to libc.  The real device paths are tested in a VM
 * (selftests/uv).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "../../include/uapi/secex/uvdevice.h"

static int uv_info(struct uvio_ioctl_cb *cb)
{
	struct uvio_uvdev_info info;
	const char *v = getenv("UV_SHIM_INFO");
	unsigned long long a, b;

	if (!v || sscanf(v, "%llx %llx", &a, &b) != 2 ||
	    cb->argument_len < sizeof(info))
		return -EINVAL;
	info.supp_uvio_cmds = a;
	info.supp_uv_cmds = b;
	memcpy((void *)(uintptr_t)cb->argument_addr, &info, sizeof(info));
	return 0;
}

static int uv_list(struct uvio_ioctl_cb *cb)
{
	const char *path = getenv("UV_SHIM_LIST");
	uint8_t *buf = (uint8_t *)(uintptr_t)cb->argument_addr;
	size_t n;
	FILE *f;

	static int eagain = -1;

	if (eagain < 0)
		eagain = atoi(getenv("UV_SHIM_LIST_EAGAIN") ? : "0");
	if (eagain > 0) {
		eagain--;
		return -EAGAIN;
	}
	if (!path || cb->argument_len % 0x1000)
		return -EINVAL;
	f = fopen(path, "rb");
	if (!f)
		return -EIO;
	memset(buf, 0, cb->argument_len);
	n = fread(buf, 1, cb->argument_len, f);
	fclose(f);
	return n >= 16 ? 0 : -EIO;
}

int ioctl(int fd, unsigned long req, ...)
{
	int (*next)(int, unsigned long, void *);
	struct uvio_ioctl_cb *cb;
	va_list ap;
	void *arg;
	int rc;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	if (_IOC_TYPE(req) != UVIO_TYPE_UVC) {
		*(void **)&next = dlsym(RTLD_NEXT, "ioctl");
		if (!next) {
			errno = ENOSYS;
			return -1;
		}
		return next(fd, req, arg);
	}
	cb = arg;
	switch (_IOC_NR(req)) {
	case UVIO_IOCTL_UVDEV_INFO_NR:
		rc = uv_info(cb);
		break;
	case UVIO_IOCTL_LIST_SECRETS_NR:
		rc = uv_list(cb);
		break;
	default:
		rc = -ENOTTY;
	}
	if (rc) {
		errno = -rc;
		return -1;
	}
	cb->uv_rc = 1;
	cb->uv_rrc = 0;
	return 0;
}
