// SPDX-License-Identifier: GPL-2.0
/*
 * secex-owner attest verify: recompute the attestation measurement of a
 * performed exchange file and compare it (exit 0 match, 2 mismatch).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
"Usage: secex-owner attest verify --in EXCHANGE --arpk KEYFILE --hdr SEHDR\n"
"                                 [--user-data FILE] [-o OUTPUT]\n"
"\n"
"Verify the attestation response that 'secex-uv attest perform' (or\n"
"'pvattest perform') wrote: decrypt the request with the protection key,\n"
"recompute the HMAC-SHA512 measurement over the SE header's PLD/ALD/TLD and\n"
"tag, the config UID, the user data, the nonce and the additional data, and\n"
"compare it with the measurement in the response.\n"
"\n"
"  -i, --in FILE          performed exchange file\n"
"  -a, --arpk FILE        protection key written by 'attest create'\n"
"      --hdr FILE         SE header (or SE image) of the attested guest\n"
"  -u, --user-data FILE   expected user data; a response without exactly\n"
"                         these bytes counts as a mismatch\n"
"  -o, --output FILE      write config UID and additional data as YAML\n"
"  -h, --help             show this help\n"
"\n"
"A measurement (or user data) that does not match exits 2, as in pvattest.\n";

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

static int write_yaml(const char *path, const struct exchange *ex)
{
	const struct exch_blob *add = &ex->f[EXCH_ADD];
	const struct exch_blob *user = &ex->f[EXCH_USER];
	FILE *f = fopen(path, "w");

	if (!f) {
		cli_err("%s: %s", path, strerror(errno));
		return -1;
	}
	fputs("cuid: '0x", f);
	hex_print(f, ex->f[EXCH_CUID].data, CUID_LEN);
	fputs("'\n", f);
	if (add->data && add->size) {
		fputs("add: '0x", f);
		hex_print(f, add->data, add->size);
		fputs("'\n", f);
	}
	if (user->data && user->size) {
		fputs("user_data: '0x", f);
		hex_print(f, user->data, user->size);
		fputs("'\n", f);
	}
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

static int verify(const char *in, const char *arpk_path, const char *hdr_path,
		  const char *user_path, const char *out)
{
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
	if (out && write_yaml(out, &ex))
		goto out_sec;
	printf("Attestation measurement verified\n");
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
		{ "in", required_argument, NULL, 'i' },
		{ "arpk", required_argument, NULL, 'a' },
		{ "hdr", required_argument, NULL, 'H' },
		{ "user-data", required_argument, NULL, 'u' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	const char *in = NULL, *arpk = NULL, *hdr = NULL, *user = NULL;
	const char *out = NULL;
	int c;

	while ((c = cli_getopt(argc, argv, "i:a:u:o:", opts, "",
			       usage)) != -1) {
		switch (c) {
		case 'i':
			in = optarg;
			break;
		case 'a':
			arpk = optarg;
			break;
		case 'H':
			hdr = optarg;
			break;
		case 'u':
			user = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		default:
			return cli_exit(c);
		}
	}
	if (!in)
		return cli_usage_error("missing --in");
	if (!arpk)
		return cli_usage_error("missing --arpk");
	if (!hdr)
		return cli_usage_error("missing --hdr");
	return verify(in, arpk, hdr, user, out);
}
