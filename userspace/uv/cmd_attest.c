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
"Usage: secex-uv attest perform [-u FILE] (IN | -i IN) (OUT | -o OUT)\n"
"\n"
"Send the attestation request in exchange file IN (from 'secex-owner attest\n"
"create' or 'pvattest create') to the ultravisor and write the response to\n"
"OUT, in the same format: the request, the measurement, the additional data,\n"
"the user data and the configuration UID.  Verify OUT on a trusted system\n"
"with 'secex-owner attest verify' or 'pvattest verify'.  The options are\n"
"those of 'pvattest perform'.\n"
"\n"
"  -i, --input FILE       the request (instead of IN)\n"
"  -o, --output FILE      the response to write (instead of OUT)\n"
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

/*
 * IN and OUT as pvattest takes them: operands, or -i/--input and
 * -o/--output, not both.  -1 if they are all there, else the exit code.
 */
static int perform_files(int argc, char **argv, const char **in,
			 const char **out)
{
	int have = argc - optind;

	if (*in && *out)
		return cli_operands(argc, argv, "");
	if (*in || *out) {
		if (have > 1)
			return cli_usage_error("unexpected argument '%s'",
					       argv[optind + 1]);
		if (!have)
			return cli_usage_error("missing %s", *in ? "OUT" : "IN");
		if (*in)
			*out = argv[optind];
		else
			*in = argv[optind];
		return -1;
	}
	if (cli_operands(argc, argv, "IN OUT") >= 0)
		return EXIT_USAGE;
	*in = argv[optind];
	*out = argv[optind + 1];
	return -1;
}

int cmd_attest_perform(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "user-data", required_argument, NULL, 'u' },
		{ "input", required_argument, NULL, 'i' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	const char *user_path = NULL, *in = NULL, *out = NULL;
	uint8_t *user = NULL;
	size_t user_len = 0;
	struct exchange ex;
	int c, rc;

	while ((c = cli_getopt(argc, argv, "u:i:o:", opts, NULL,
			       usage)) != -1) {
		switch (c) {
		case 'u':
			user_path = optarg;
			break;
		case 'i':
			in = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		default:
			return cli_exit(c);
		}
	}
	rc = perform_files(argc, argv, &in, &out);
	if (rc >= 0)
		return rc;
	if (user_path &&
	    read_file(user_path, &user, &user_len, UVIO_ATT_USER_DATA_LEN))
		return EXIT_ERR;
	if (exch_read(&ex, in)) {
		free(user);
		return EXIT_ERR;
	}
	if (!ex.f[EXCH_ARCB].data) {
		cli_err("%s: no attestation request inside", in);
		rc = EXIT_ERR;
	} else {
		cli_note(1, "attestation request of %u bytes, %zu bytes of user data, through %s",
			 ex.f[EXCH_ARCB].size, user_len, uvdev_path());
		rc = perform(&ex, user, user_len);
		if (rc == EXIT_OK && exch_write(&ex, out))
			rc = EXIT_ERR;
		if (rc == EXIT_OK)
			cli_note(1, "response written to %s", out);
	}
	exch_free(&ex);
	free(user);
	return rc;
}
