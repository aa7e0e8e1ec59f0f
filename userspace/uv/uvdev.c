// SPDX-License-Identifier: GPL-2.0
/*
 * Issuing /dev/uv ioctls, with the failures on stderr.
 */
#include <errno.h>
#include <string.h>

#include "uvdev.h"

int uv_ioctl(unsigned int nr, void *addr, uint32_t len, struct uv_status *st)
{
	int rc = uvdev_ioctl(nr, addr, len, st);

	if (!rc)
		return 0;
	if (!st->opened)
		cli_err("%s: %s%s", uvdev_path(), strerror(-rc),
			rc == -ENOENT ? " (is the secex_uv module loaded?)" : "");
	/*
	 * EINVAL on the list: a kernel before 6.13; EAGAIN: the backend
	 * changed between two pages.  The caller retries, and words it.
	 */
	else if ((rc != -EINVAL && rc != -EAGAIN) || nr != UVIO_IOCTL_LIST_SECRETS_NR)
		cli_err("%s: ioctl %u failed: %s", uvdev_path(), nr,
			strerror(-rc));
	return rc;
}

void uv_print_rc(const char *what, enum uvrc_cmd cmd,
		 const struct uv_status *st)
{
	cli_err("%s%sultravisor rc 0x%04x, rrc 0x%04x: %s", what ? what : "",
		what ? ": " : "", st->rc, st->rrc, uvrc_str(cmd, st->rc));
}
