// SPDX-License-Identifier: GPL-2.0
/*
 * secex-uv attest perform: run the attestation request of a pvattest
 * exchange file through UVIO_IOCTL_ATT and write the response.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/exchange.h"
#include "../common/fileio.h"
#include "cmds.h"
#include "uvdev.h"

#define DEFAULT_MEAS_LEN 64

static const char usage[] =
"Usage: secex-uv attest perform [--user-data FILE] IN OUT\n"
"\n"
"Send the attestation request in exchange file IN (from 'secex-owner attest\n"
"create' or 'pvattest create') to the ultravisor and write the response to\n"
"OUT, in the same format: the request, the measurement, the additional data,\n"
"the user data and the configuration UID.  Verify OUT on a trusted system\n"
"with 'secex-owner attest verify' or 'pvattest verify'.\n"
"\n"
"  -u, --user-data FILE   up to 256 bytes bound into the measurement\n"
"  -h, --help             show this help\n";

static int perform(struct exchange *ex, const uint8_t *user, size_t user_len)
{
	struct uvio_attest att;
	uint32_t meas_len = ex->f[EXCH_MEAS].size ? ex->f[EXCH_MEAS].size :
						    DEFAULT_MEAS_LEN;
	uint32_t add_len = ex->f[EXCH_ADD].size;
	uint8_t *meas = calloc(1, meas_len), *add = calloc(1, add_len + 1);
	struct uv_status st;
	int rc = EXIT_ERR;

	if (!meas || !add)
		goto out;
	memset(&att, 0, sizeof(att));
	att.arcb_addr = (uint64_t)(uintptr_t)ex->f[EXCH_ARCB].data;
	att.arcb_len = ex->f[EXCH_ARCB].size;
	att.meas_addr = (uint64_t)(uintptr_t)meas;
	att.meas_len = meas_len;
	att.add_data_addr = add_len ? (uint64_t)(uintptr_t)add : 0;
	att.add_data_len = add_len;
	if (user_len)
		memcpy(att.user_data, user, user_len);
	att.user_data_len = (uint16_t)user_len;
	if (uv_ioctl(UVIO_IOCTL_ATT_NR, &att, sizeof(att), &st))
		goto out;
	if (st.rc != UVRC_EXECUTED) {
		uv_print_rc(NULL, UVRC_CMD_ATTEST, &st);
		rc = EXIT_REJECTED;
		goto out;
	}
	if (att.add_data_len < add_len)
		add_len = att.add_data_len;
	if (exch_set(ex, EXCH_MEAS, meas, meas_len) ||
	    exch_set(ex, EXCH_ADD, add_len ? add : NULL, add_len) ||
	    exch_set(ex, EXCH_USER, user_len ? user : NULL,
		     (uint32_t)user_len) ||
	    exch_set(ex, EXCH_CUID, att.config_uid, sizeof(att.config_uid)))
		goto out;
	rc = EXIT_OK;
out:
	free(meas);
	free(add);
	return rc;
}

int cmd_attest_perform(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "user-data", required_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 }
	};
	const char *user_path = NULL;
	uint8_t *user = NULL;
	size_t user_len = 0;
	struct exchange ex;
	int c, rc;

	while ((c = cli_getopt(argc, argv, "u:", opts, "IN OUT", usage)) != -1) {
		switch (c) {
		case 'u':
			user_path = optarg;
			break;
		default:
			return cli_exit(c);
		}
	}
	if (user_path &&
	    read_file(user_path, &user, &user_len, UVIO_ATT_USER_DATA_LEN))
		return EXIT_ERR;
	if (exch_read(&ex, argv[optind])) {
		free(user);
		return EXIT_ERR;
	}
	if (!ex.f[EXCH_ARCB].data) {
		cli_err("%s: no attestation request inside", argv[optind]);
		rc = EXIT_ERR;
	} else {
		rc = perform(&ex, user, user_len);
		if (rc == EXIT_OK && exch_write(&ex, argv[optind + 1]))
			rc = EXIT_ERR;
	}
	exch_free(&ex);
	free(user);
	return rc;
}
