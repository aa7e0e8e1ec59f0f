// SPDX-License-Identifier: GPL-2.0
/*
 * secex-uv info: what /dev/uv and the ultravisor support.
 */
#include <inttypes.h>
#include <stdio.h>

#include "cmds.h"
#include "uvdev.h"

static const char usage[] =
"Usage: secex-uv info\n"
"\n"
"Show which /dev/uv ioctls the driver implements (UVIO_IOCTL_UVDEV_INFO\n"
"supp_uvio_cmds) and which of the ultravisor calls behind them are\n"
"installed (supp_uv_cmds).\n";

static const char *const names[UVIO_IOCTL_NUM_IOCTLS] = {
	"info", "attestation", "add secret", "list secrets", "lock secrets",
	"retrieve secret",
};

int cmd_info(int argc, char **argv)
{
	struct uvio_uvdev_info info = { 0 };
	struct uv_status st;
	int rc = cli_no_options(argc, argv, usage, ""), nr;

	if (rc >= 0)
		return rc;
	if (uv_ioctl(UVIO_IOCTL_UVDEV_INFO_NR, &info, sizeof(info), &st))
		return EXIT_ERR;
	if (st.rc != UVRC_EXECUTED) {
		cli_err("ultravisor rc 0x%04x", st.rc);
		return EXIT_REJECTED;
	}
	printf("supp_uvio_cmds: 0x%016" PRIx64 "\n",
	       (uint64_t)info.supp_uvio_cmds);
	printf("supp_uv_cmds:   0x%016" PRIx64 "\n",
	       (uint64_t)info.supp_uv_cmds);
	printf("%-3s %-16s %-7s %s\n", "nr", "ioctl", "driver", "ultravisor");
	for (nr = 0; nr < 64; nr++) {
		int drv = !!(info.supp_uvio_cmds & UVIO_SUPP_CALL(nr));
		int uv = !!(info.supp_uv_cmds & UVIO_SUPP_CALL(nr));

		if (nr >= UVIO_IOCTL_NUM_IOCTLS && !drv)
			continue;
		printf("%-3d %-16s %-7s %s\n", nr,
		       nr < UVIO_IOCTL_NUM_IOCTLS ? names[nr] : "unknown",
		       drv ? "yes" : "no",
		       nr == UVIO_IOCTL_UVDEV_INFO_NR ? "(no UV call)" :
		       !drv ? "-" : uv ? "installed" : "not installed");
	}
	return EXIT_OK;
}
