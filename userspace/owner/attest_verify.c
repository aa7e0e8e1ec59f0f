// SPDX-License-Identifier: GPL-2.0
/*
 * secex-owner attest verify: recompute the attestation measurement of a
 * performed exchange file and compare it (exit 0 match, 2 mismatch).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <openssl/crypto.h>

#include "../common/be.h"
#include "../common/cli.h"
#include "../common/exchange.h"
#include "../common/fileio.h"
#include "../common/hex.h"
#include "../common/sehdr.h"
#include "arcb.h"
#include "cmds.h"
#include "crypto.h"

static const char usage[] =
"Usage: secex-owner attest verify -i EXCHANGE -a KEYFILE --hdr SEHDR\n"
"                                 [-u FILE] [--expect-user-data FILE]\n"
"                                 [-o OUTPUT] [--format yaml]\n"
"\n"
"Verify the attestation response that 'secex-uv attest perform' (or\n"
"'pvattest perform') wrote: decrypt the request with the protection key,\n"
"recompute the HMAC-SHA512 measurement over the SE header's PLD/ALD/TLD and\n"
"tag, the config UID, the user data, the nonce and the additional data, and\n"
"compare it with the measurement in the response.  The options are those\n"
"of 'pvattest verify'.\n"
"\n"
"  -i, --input FILE, --in FILE\n"
"                         performed exchange file\n"
"  -a, --arpk FILE        protection key written by 'attest create'\n"
"      --hdr FILE         SE header (or SE image) of the attested guest\n"
"  -o, --output FILE      write the result as YAML: config UID, additional\n"
"                         data (also split into its fields), user data\n"
"      --format yaml      the format of --output (the only one, as pvattest)\n"
"  -u, --user-data FILE   a FILE that exists holds the expected user data: a\n"
"                         response without exactly these bytes is a mismatch;\n"
"                         if FILE does not exist, the verified user data of\n"
"                         the response is written to it (pvattest's meaning)\n"
"      --expect-user-data FILE\n"
"                         expected user data, always compared (FILE must exist)\n"
"  -h, --help             show this help\n"
"\n"
"A measurement (or user data) that does not match exits 2, as in pvattest.\n";

/* The additional data requested by ARCB flags, in their order. */
static const struct {
	uint64_t flag;
	uint32_t size;
	const char *name;
} add_fields[] = {
	{ ARCB_PAF_PHKH_IMG, ARCB_ADD_PHKH_LEN, "image_phkh" },
	{ ARCB_PAF_PHKH_ATT, ARCB_ADD_PHKH_LEN, "attestation_phkh" },
	{ ARCB_PAF_SECRET_HASH, ARCB_ADD_SECRET_HASH_LEN, "secret_store_hash" },
	{ ARCB_PAF_FW_STATE, ARCB_ADD_FW_STATE_LEN, "firmware_state" },
};

static int measure(const struct exchange *ex, const struct sehdr_info *hdr,
		   const struct arcb_secrets *s, uint8_t out[64])
{
	const struct exch_blob *user = &ex->f[EXCH_USER];
	const struct exch_blob *add = &ex->f[EXCH_ADD];
	uint32_t add_len = add->data ? add->size : 0;
	uint32_t user_len = user->data ? user->size : 0;
	size_t len = 3 * SEHDR_DIGEST_LEN + GCM_TAG_LEN + CUID_LEN + 8 +
		     user_len + (s->has_nonce ? ARCB_NONCE_LEN : 0) + add_len;
	uint8_t *in = calloc(1, len), *p = in;
	int rc;

	if (!in)
		return -1;
	memcpy(p, hdr->pld, SEHDR_DIGEST_LEN);
	memcpy(p += SEHDR_DIGEST_LEN, hdr->ald, SEHDR_DIGEST_LEN);
	memcpy(p += SEHDR_DIGEST_LEN, hdr->tld, SEHDR_DIGEST_LEN);
	memcpy(p += SEHDR_DIGEST_LEN, hdr->tag, GCM_TAG_LEN);
	memcpy(p += GCM_TAG_LEN, ex->f[EXCH_CUID].data, CUID_LEN);
	p += CUID_LEN;
	put_be16(p, (uint16_t)user_len);
	put_be32(p + 4, add_len);
	p += 8;
	if (user_len)
		memcpy(p, user->data, user_len);
	p += user_len;
	if (s->has_nonce) {
		memcpy(p, s->nonce, ARCB_NONCE_LEN);
		p += ARCB_NONCE_LEN;
	}
	if (add_len)
		memcpy(p, add->data, add_len);
	rc = cr_hmac_sha512(s->meas_key, ARCB_MEAS_KEY_LEN, in, len, out);
	free(in);
	return rc;
}

/* "  name: '0x...'" lines of the fields of the additional data. */
static void print_add_fields(FILE *f, const struct exch_blob *add,
			     uint64_t paf, const char *indent)
{
	uint32_t at = 0;
	size_t i;

	for (i = 0; i < sizeof(add_fields) / sizeof(add_fields[0]); i++) {
		if (!(paf & add_fields[i].flag) ||
		    add->size - at < add_fields[i].size)
			continue;
		fprintf(f, "%s%s: '0x", indent, add_fields[i].name);
		hex_print(f, add->data + at, add_fields[i].size);
		fputs("'\n", f);
		at += add_fields[i].size;
	}
	if (at < add->size) {
		fprintf(f, "%sunrecognized: '0x", indent);
		hex_print(f, add->data + at, add->size - at);
		fputs("'\n", f);
	}
}

/* The result as pvattest's YAML (verify --format yaml). */
static void print_yaml(FILE *f, const struct exchange *ex, uint64_t paf)
{
	const struct exch_blob *add = &ex->f[EXCH_ADD];
	const struct exch_blob *user = &ex->f[EXCH_USER];

	fputs("cuid: '0x", f);
	hex_print(f, ex->f[EXCH_CUID].data, CUID_LEN);
	fputs("'\n", f);
	if (add->data && add->size) {
		fputs("add: '0x", f);
		hex_print(f, add->data, add->size);
		fputs("'\nadd_fields:\n", f);
		print_add_fields(f, add, paf, "  ");
	}
	if (user->data && user->size) {
		fputs("user_data: '0x", f);
		hex_print(f, user->data, user->size);
		fputs("'\n", f);
	}
}

static int write_yaml(const char *path, const struct exchange *ex,
		      uint64_t paf)
{
	FILE *f = fopen(path, "w");

	if (!f) {
		cli_err("%s: %s", path, strerror(errno));
		return -1;
	}
	print_yaml(f, ex, paf);
	return fclose(f) ? -1 : 0;
}

static int user_data_matches(const char *path, const struct exchange *ex)
{
	const struct exch_blob *user = &ex->f[EXCH_USER];
	uint8_t *want;
	size_t len;
	int ok;

	if (read_file(path, &want, &len, EXCH_USER_MAX))
		return -1;
	ok = (user->data ? user->size : 0) == len &&
	     (!len || !memcmp(want, user->data, len));
	free(want);
	return ok;
}

struct verify_args {
	const char *in, *arpk, *hdr, *out;
	const char *expect_user;	/* compare the user data with this file */
	const char *write_user;		/* write the verified user data here */
};

/* pvattest verify -u: the user data, verified, to @path. */
static int write_user_data(const char *path, const struct exchange *ex)
{
	const struct exch_blob *user = &ex->f[EXCH_USER];

	if (!user->data || !user->size) {
		cli_err("warning: location for user data given, but the response contains none: %s not written",
			path);
		return 0;
	}
	cli_note(1, "verified user data written to %s", path);
	return write_file(path, user->data, user->size, 0644);
}

static int verify(const struct verify_args *a)
{
	const char *in = a->in, *arpk_path = a->arpk, *hdr_path = a->hdr;
	const char *user_path = a->expect_user, *out = a->out;
	uint8_t arpk[PROT_KEY_LEN], meas[64];
	struct arcb_secrets s;
	struct sehdr_info hdr;
	struct exchange ex;
	int rc = EXIT_ERR, r;

	if (read_file_exact(arpk_path, arpk, sizeof(arpk)))
		return EXIT_ERR;
	if (exch_read(&ex, in))
		goto out_key;
	if (sehdr_read(hdr_path, &hdr))
		goto out_ex;
	if (!ex.f[EXCH_ARCB].data || !ex.f[EXCH_CUID].data ||
	    !ex.f[EXCH_MEAS].data) {
		cli_err("%s: no attestation response (run 'attest perform' first)",
			in);
		goto out_hdr;
	}
	r = arcb_open(ex.f[EXCH_ARCB].data, ex.f[EXCH_ARCB].size, arpk, &s);
	if (r) {
		if (r > 0)
			cli_err("the protection key does not decrypt the request");
		goto out_hdr;
	}
	if (measure(&ex, &hdr, &s, meas))
		goto out_sec;
	if (ex.f[EXCH_MEAS].size != sizeof(meas) ||
	    CRYPTO_memcmp(meas, ex.f[EXCH_MEAS].data, sizeof(meas))) {
		cli_err("Attestation measurement verification failed");
		rc = EXIT_REJECTED;
		goto out_sec;
	}
	if (user_path) {
		r = user_data_matches(user_path, &ex);
		if (r < 0)
			goto out_sec;
		if (!r) {
			cli_err("User data does not match");
			rc = EXIT_REJECTED;
			goto out_sec;
		}
	}
	if (out && write_yaml(out, &ex, s.paf))
		goto out_sec;
	if (a->write_user && write_user_data(a->write_user, &ex))
		goto out_sec;
	if (cli_verbosity() >= 0)
		printf("Attestation measurement verified\n");
	if (cli_verbosity() >= 1) {
		cli_note(1, "the result:");
		print_yaml(stderr, &ex, s.paf);
	}
	rc = EXIT_OK;
out_sec:
	secure_zero(&s, sizeof(s));
out_hdr:
	sehdr_free(&hdr);
out_ex:
	exch_free(&ex);
out_key:
	secure_zero(arpk, sizeof(arpk));
	return rc;
}

int cmd_attest_verify(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "input", required_argument, NULL, 'i' },
		{ "in", required_argument, NULL, 'i' },
		{ "arpk", required_argument, NULL, 'a' },
		{ "hdr", required_argument, NULL, 'H' },
		{ "user-data", required_argument, NULL, 'u' },
		{ "expect-user-data", required_argument, NULL, 'E' },
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 }
	};
	struct verify_args a = { 0 };
	const char *user = NULL;
	struct stat st;
	int c;

	while ((c = cli_getopt(argc, argv, "i:a:u:o:", opts, "",
			       usage)) != -1) {
		switch (c) {
		case 'i':
			a.in = optarg;
			break;
		case 'a':
			a.arpk = optarg;
			break;
		case 'H':
			a.hdr = optarg;
			break;
		case 'u':
			user = optarg;
			break;
		case 'E':
			a.expect_user = optarg;
			break;
		case 'o':
			a.out = optarg;
			break;
		case 'F':
			if (strcmp(optarg, "yaml"))
				return cli_usage_error("--format is yaml, not '%s'",
						       optarg);
			break;
		default:
			return cli_exit(c);
		}
	}
	if (!a.in)
		return cli_usage_error("missing --input");
	if (!a.arpk)
		return cli_usage_error("missing --arpk");
	if (!a.hdr)
		return cli_usage_error("missing --hdr");
	if (user) {
		/*
		 * -u FILE: an existing FILE is the expected user data (our
		 * meaning since the start); a new one receives the verified
		 * user data (pvattest's).  Where both would apply they agree:
		 * a FILE that holds the user data stays as it is.
		 */
		if (!stat(user, &st)) {
			if (a.expect_user)
				return cli_usage_error("--user-data FILE exists and --expect-user-data is given: one file to compare with");
			a.expect_user = user;
		} else if (errno == ENOENT) {
			a.write_user = user;
		} else {
			cli_err("%s: %s", user, strerror(errno));
			return EXIT_ERR;
		}
	}
	return verify(&a);
}
