// SPDX-License-Identifier: GPL-2.0
/*
 * secex-uv secret add|list|lock: the UV secret store.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/fileio.h"
#include "cmds.h"
#include "secret_list.h"
#include "uvdev.h"

static const char add_usage[] =
"Usage: secex-uv secret add FILE\n"
"\n"
"Add the secret in add-secret request FILE (from 'secex-owner secret create'\n"
"or 'pvsecret create') to the ultravisor's secret store of this guest.\n"
"Once the store is locked, the ultravisor rejects it (rc 0x0102, exit 2).\n";

static const char list_usage[] =
"Usage: secex-uv secret list [--format human|yaml|bin] [-o FILE]\n"
"\n"
"List the secrets in the ultravisor's secret store as 'pvsecret list' does.\n"
"Any number of secrets is listed (a multi-page buffer is passed).\n"
"\n"
"  -f, --format FMT       human (default), yaml, or bin (the raw UV list:\n"
"                         16-byte header and 48-byte entries, big-endian)\n"
"  -o, --output FILE      write to FILE instead of stdout\n"
"  -h, --help             show this help\n";

static const char lock_usage[] =
"Usage: secex-uv secret lock\n"
"\n"
"Lock the secret store: no further secrets can be added to this guest.\n"
"A locked store rejects the call (rc 0x0102, exit 2).\n";

int cmd_secret_add(int argc, char **argv)
{
	int rc = cli_no_options(argc, argv, add_usage, "FILE");
	const char *path;
	struct uv_status st;
	uint8_t *req;
	size_t len;

	if (rc >= 0)
		return rc;
	path = argv[optind];
	if (read_file(path, &req, &len, UVIO_ADD_SECRET_MAX_LEN))
		return EXIT_ERR;
	if (len < 8 || memcmp(req, ASRCB_MAGIC, 6)) {
		cli_err("%s: not an add-secret request", path);
		free(req);
		return EXIT_ERR;
	}
	rc = EXIT_ERR;
	if (!uv_ioctl(UVIO_IOCTL_ADD_SECRET_NR, req, (uint32_t)len, &st)) {
		rc = EXIT_OK;
		if (st.rc != UVRC_EXECUTED) {
			uv_print_rc(NULL, UVRC_CMD_ADD_SECRET, &st);
			rc = EXIT_REJECTED;
		}
	}
	free(req);
	return rc;
}

int cmd_secret_lock(int argc, char **argv)
{
	int rc = cli_no_options(argc, argv, lock_usage, "");
	struct uv_status st;

	if (rc >= 0)
		return rc;
	if (uv_ioctl(UVIO_IOCTL_LOCK_SECRETS_NR, NULL, 0, &st))
		return EXIT_ERR;
	if (st.rc != UVRC_EXECUTED) {
		uv_print_rc(NULL, UVRC_CMD_LOCK_SECRETS, &st);
		return EXIT_REJECTED;
	}
	return EXIT_OK;
}

FILE *open_out(const char *path)
{
	FILE *f;

	if (!path || !strcmp(path, "-"))
		return stdout;
	f = fopen(path, "w");
	if (!f)
		cli_err("%s: %s", path, strerror(errno));
	return f;
}

int close_out(FILE *f)
{
	if (f == stdout)
		return fflush(f) ? EXIT_ERR : EXIT_OK;
	return fclose(f) ? EXIT_ERR : EXIT_OK;
}

int cmd_secret_list(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	const char *fmt = "human", *out = NULL;
	struct secret_list l;
	FILE *f;
	int c, rc;

	while ((c = cli_getopt(argc, argv, "f:o:", opts, "",
			       list_usage)) != -1) {
		switch (c) {
		case 'f':
			fmt = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		default:
			return cli_exit(c);
		}
	}
	if (strcmp(fmt, "human") && strcmp(fmt, "yaml") && strcmp(fmt, "bin"))
		return cli_usage_error("--format is human, yaml or bin, not '%s'",
				       fmt);
	rc = secret_list_get(&l);
	if (rc)
		return rc;
	f = open_out(out);
	if (!f) {
		secret_list_free(&l);
		return EXIT_ERR;
	}
	if (!strcmp(fmt, "human"))
		secret_list_print_human(f, &l);
	else if (!strcmp(fmt, "yaml"))
		secret_list_print_yaml(f, &l);
	else
		fwrite(l.raw, 1, l.raw_len, f);
	rc = close_out(f);
	secret_list_free(&l);
	return rc;
}
