// SPDX-License-Identifier: GPL-2.0
/*
 * secex-uv info: what /dev/uv and the ultravisor support.
 */
#include <inttypes.h>
#include <stdio.h>

#include "../common/emit.h"
#include "cmds.h"
#include "uvdev.h"

static const char usage[] =
"Usage: secex-uv info [--format text|json|yaml]\n"
"\n"
"Show which /dev/uv ioctls the driver implements (UVIO_IOCTL_UVDEV_INFO\n"
"supp_uvio_cmds) and which of the ultravisor calls behind them are\n"
"installed (supp_uv_cmds).\n"
"\n"
"      --format FMT       text (default; also human), json or yaml\n"
"                         (Documentation/tools.md, Machine-readable output)\n"
"  -h, --help             show this help\n";

static const char *const names[UVIO_IOCTL_NUM_IOCTLS] = {
	"info", "attestation", "add secret", "list secrets", "lock secrets",
	"retrieve secret",
};

/* The "ultravisor" column: NULL for "-" (the driver lacks the ioctl). */
static const char *uv_column(int nr, int drv, int uv)
{
	if (nr == UVIO_IOCTL_UVDEV_INFO_NR)
		return "(no UV call)";
	return !drv ? NULL : uv ? "installed" : "not installed";
}

/* --format json|yaml; EXIT_OK or EXIT_ERR (stdout failed). */
static int print_doc(enum emit_format fmt, const struct uvio_uvdev_info *info)
{
	char mask[24];
	struct emit e;
	int nr;

	emit_begin(&e, stdout, fmt);
	snprintf(mask, sizeof(mask), "0x%016" PRIx64,
		 (uint64_t)info->supp_uvio_cmds);
	emit_string(&e, "supp_uvio_cmds", mask);
	snprintf(mask, sizeof(mask), "0x%016" PRIx64,
		 (uint64_t)info->supp_uv_cmds);
	emit_string(&e, "supp_uv_cmds", mask);
	emit_array_begin(&e, "ioctls");
	for (nr = 0; nr < 64; nr++) {
		int drv = !!(info->supp_uvio_cmds & UVIO_SUPP_CALL(nr));
		int uv = !!(info->supp_uv_cmds & UVIO_SUPP_CALL(nr));

		if (nr >= UVIO_IOCTL_NUM_IOCTLS && !drv)
			continue;
		emit_object_begin(&e, NULL);
		emit_int(&e, "nr", nr);
		emit_string(&e, "ioctl",
			    nr < UVIO_IOCTL_NUM_IOCTLS ? names[nr] : "unknown");
		emit_bool(&e, "driver", drv);
		/* true/false: installed or not; null: no UV call, or no ioctl */
		if (nr == UVIO_IOCTL_UVDEV_INFO_NR || !drv)
			emit_null(&e, "ultravisor");
		else
			emit_bool(&e, "ultravisor", uv);
		emit_object_end(&e);
	}
	emit_array_end(&e);
	return emit_end(&e) ? EXIT_ERR : EXIT_OK;
}

int cmd_info(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 }
	};
	struct uvio_uvdev_info info = { 0 };
	enum emit_format fmt = EMIT_TEXT;
	struct uv_status st;
	int c, nr;

	while ((c = cli_getopt(argc, argv, "", opts, "", usage)) != -1) {
		if (c != 'F')
			return cli_exit(c);
		if (emit_parse_format(optarg, 0, &fmt))
			return cli_usage_error("--format is text, json or yaml, not '%s'",
					       optarg);
	}
	if (uv_ioctl(UVIO_IOCTL_UVDEV_INFO_NR, &info, sizeof(info), &st))
		return EXIT_ERR;
	if (st.rc != UVRC_EXECUTED) {
		cli_err("ultravisor rc 0x%04x", st.rc);
		return EXIT_REJECTED;
	}
	if (fmt != EMIT_TEXT)
		return print_doc(fmt, &info);
	printf("supp_uvio_cmds: 0x%016" PRIx64 "\n",
	       (uint64_t)info.supp_uvio_cmds);
	printf("supp_uv_cmds:   0x%016" PRIx64 "\n",
	       (uint64_t)info.supp_uv_cmds);
	printf("%-3s %-16s %-7s %s\n", "nr", "ioctl", "driver", "ultravisor");
	for (nr = 0; nr < 64; nr++) {
		int drv = !!(info.supp_uvio_cmds & UVIO_SUPP_CALL(nr));
		int uv = !!(info.supp_uv_cmds & UVIO_SUPP_CALL(nr));
		const char *col = uv_column(nr, drv, uv);

		if (nr >= UVIO_IOCTL_NUM_IOCTLS && !drv)
			continue;
		printf("%-3d %-16s %-7s %s\n", nr,
		       nr < UVIO_IOCTL_NUM_IOCTLS ? names[nr] : "unknown",
		       drv ? "yes" : "no", col ? col : "-");
	}
	return EXIT_OK;
}
