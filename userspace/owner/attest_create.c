// SPDX-License-Identifier: GPL-2.0
/*
 * secex-owner attest create: build an attestation request and write it as
 * a pvattest exchange file, plus the request protection key (ARPK).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/cli.h"
#include "../common/exchange.h"
#include "../common/fileio.h"
#include "../common/hex.h"
#include "../common/sehdr.h"
#include "arcb.h"
#include "cmds.h"
#include "crypto.h"
#include "reqkeys.h"

static const char usage[] =
"Usage: secex-owner attest create -k HKD... -o EXCHANGE --arpk KEYFILE\n"
"                                 [-C CERT... [--crl CRL...] [--root-ca CA]\n"
"                                 [--offline] | --no-verify]\n"
"                                 [--hdr SEHDR] [--add-data LIST]\n"
"\n"
"Create an attestation request (ARCB) for a Secure Execution guest and write\n"
"it in pvattest's exchange format, ready for 'secex-uv attest perform' (or\n"
"'pvattest perform') inside the guest.  The options are those of 'pvattest\n"
"create'.\n"
"\n"
REQ_HKD_HELP
"  -o, --output FILE      exchange file to write\n"
"  -a, --arpk FILE        where to store the attestation request protection\n"
"                         key (32 raw bytes, mode 0600); keep it secret, it is\n"
"                         needed by 'attest verify'\n"
"      --hdr FILE         SE header (or image) of the guest; the tool warns if\n"
"                         none of the host keys can unpack it\n"
"      --add-data LIST    comma-separated additional data to request (the\n"
"                         option may be repeated):\n"
"                         phkh-img (hash of the host key that unpacked the\n"
"                         image), phkh-att (hash of the host key that decrypted\n"
"                         this request), secret-store-hash, firmware-state\n"
"  -h, --help             show this help\n";

static int parse_add_data(const char *list, uint64_t *paf)
{
	char *copy = strdup(list), *save = NULL, *tok;
	int rc = 0;

	if (!copy)
		return -1;
	for (tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (!strcmp(tok, "phkh-img")) {
			*paf |= ARCB_PAF_PHKH_IMG;
		} else if (!strcmp(tok, "phkh-att")) {
			*paf |= ARCB_PAF_PHKH_ATT;
		} else if (!strcmp(tok, "secret-store-hash")) {
			*paf |= ARCB_PAF_SECRET_HASH;
		} else if (!strcmp(tok, "firmware-state")) {
			*paf |= ARCB_PAF_FW_STATE;
		} else {
			cli_usage_error("unknown additional data '%s'", tok);
			rc = -1;
		}
	}
	free(copy);
	return rc;
}

static void check_hdr(const char *path, const struct req_keys *k)
{
	struct sehdr_info hdr;
	uint8_t phkh[PHKH_LEN];
	int i, found = 0;

	if (sehdr_read(path, &hdr))
		return;
	for (i = 0; i < k->nhosts; i++)
		if (!phkh_of(k->hosts[i], phkh) && sehdr_has_phkh(&hdr, phkh))
			found = 1;
	if (!found)
		cli_err("warning: none of the host keys can unpack the SE image %s",
			path);
	sehdr_free(&hdr);
}

static int write_request(const struct req_keys *k, struct arcb_secrets *s,
			 const char *out, const char *arpk)
{
	struct exchange ex = { 0 };
	uint32_t add = arcb_add_size(s->paf);
	uint8_t *arcb;
	size_t len;
	int rc;

	if (arcb_build(k, s, &arcb, &len))
		return -1;
	rc = exch_set(&ex, EXCH_ARCB, arcb, (uint32_t)len);
	free(arcb);
	if (rc)
		return -1;
	ex.f[EXCH_MEAS].size = ARCB_MEAS_LEN;
	ex.f[EXCH_ADD].size = add;
	rc = write_file(arpk, k->prot, PROT_KEY_LEN, 0600);
	if (!rc)
		rc = exch_write(&ex, out);
	exch_free(&ex);
	return rc;
}

int cmd_attest_create(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "arpk", required_argument, NULL, 'a' },
		{ "hdr", required_argument, NULL, 'H' },
		{ "add-data", required_argument, NULL, 'A' },
		{ "x-no-nonce", no_argument, NULL, 'N' },
		REQ_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	struct arcb_secrets s = { .paf = ARCB_PAF_NONCE };
	const char *out = NULL, *arpk = NULL, *hdr = NULL;
	struct req_opts r = { 0 };
	struct req_keys k;
	int c, rc;

	while ((c = cli_getopt(argc, argv, REQ_SHORT_OPTIONS "o:a:", opts,
			       "", usage)) != -1) {
		switch (c) {
		case 'o':
			out = optarg;
			break;
		case 'a':
			arpk = optarg;
			break;
		case 'H':
			hdr = optarg;
			break;
		case 'A':
			if (parse_add_data(optarg, &s.paf))
				return EXIT_USAGE;
			break;
		case 'N':
			s.paf &= ~ARCB_PAF_NONCE;
			break;
		default:
			rc = req_opt(&r, c, optarg);
			if (rc >= 0)
				return rc;
		}
	}
	if (!r.nhkd)
		return cli_usage_error("missing --host-key-document");
	if (!out)
		return cli_usage_error("missing --output");
	if (!arpk)
		return cli_usage_error("missing --arpk");
	if (req_keys_init(&k, &r))
		return EXIT_ERR;
	if (hdr)
		check_hdr(hdr, &k);
	rc = EXIT_ERR;
	if (fixed_or_random(s.meas_key, r.fx.meas_set, r.fx.meas,
			    sizeof(s.meas_key)) ||
	    fixed_or_random(s.nonce, r.fx.nonce_set, r.fx.nonce,
			    sizeof(s.nonce)))
		goto out;
	if (!write_request(&k, &s, out, arpk)) {
		cli_note(1, "attestation request for %d host key(s) written to %s, its protection key to %s",
			 k.nhosts, out, arpk);
		rc = EXIT_OK;
	}
out:
	secure_zero(&s, sizeof(s));
	secure_zero(&r.fx, sizeof(r.fx));
	req_keys_free(&k);
	return rc;
}
