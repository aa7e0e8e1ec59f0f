// SPDX-License-Identifier: GPL-2.0
/*
 * secex-owner hdr make: an SE header in genprotimg's format.
 *
 * The components (kernel, parmline, ramdisk and a one-page stage3b argument
 * block) are laid out page by page from COMP_START and encrypted with
 * AES-256-XTS like genprotimg does; PLD, ALD and TLD are the SHA-512 of the
 * encrypted pages, their guest addresses and their tweaks.  Only the header
 * is written: there is no boot loader, so the image itself does not boot.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/be.h"
#include "../common/cli.h"
#include "../common/fileio.h"
#include "../common/hex.h"
#include "cmds.h"
#include "crypto.h"
#include "reqkeys.h"

#define PAGE		0x1000
#define COMP_START	0x15000ULL
#define COMP_MAX	(1UL << 30)
#define PSW_MASK_EA_BA	0x0000000180000000ULL

enum { COMP_KERNEL, COMP_PARM, COMP_RAMDISK, COMP_STAGE3B, COMP_NUM };

static const char usage[] =
"Usage: secex-owner hdr make -k HKD... --kernel FILE --initrd FILE\n"
"                            --parmfile FILE [--cck FILE] [--comp-key FILE]\n"
"                            [--pcf HEX] [--scf HEX] [--comp-table FILE]\n"
"                            [-o HDR]\n"
"                            [-C CERT... [--crl CRL...] [--root-ca CA]\n"
"                            [--offline] | --no-verify]\n"
"\n"
"Write the SE header (\"IBMSecEx\", version 1, what pvextract-hdr extracts)\n"
"of a Secure Execution image made of the given kernel, initrd and kernel\n"
"parameters, encrypted for the given host keys.  PLD/ALD/TLD are computed\n"
"over the AES-XTS encrypted component pages as genprotimg does.  The\n"
"header is what 'attest verify', 'secret create' and 'secex-uv provision'\n"
"need; no bootable image is written.\n"
"\n"
REQ_HKD_HELP
"      --kernel FILE      kernel image\n"
"      --initrd FILE      initial ramdisk\n"
"      --parmfile FILE    kernel command line\n"
"      --cck FILE         32-byte customer communication key (default random)\n"
"      --comp-key FILE    64-byte AES-256-XTS component key (default random)\n"
"      --pcf HEX          plaintext control flags (default 0xe0)\n"
"      --scf HEX          secret control flags (default 0; 0x4000000000000000\n"
"                         enforces CCK-derived extension secrets)\n"
"      --comp-table FILE  also write the image's component table: for the\n"
"                         kernel, parmline, initrd and stage3b arguments,\n"
"                         the tweak prefix, address and size (8 bytes each,\n"
"                         big-endian), as the IPL parameter block lists them;\n"
"                         a test machine that boots the plain files checks\n"
"                         them against the header with it (s390-uv-emu)\n"
"  -o, --output FILE      header to write (default sehdr.bin)\n"
"  -h, --help             show this help\n";

#define COMP_ENTRY	24	/* tweak prefix, address, size */

struct comp_ctx {
	EVP_MD_CTX *pld, *ald, *tld;
	uint8_t key[64];
	uint64_t addr, nep;
	uint8_t table[COMP_NUM][COMP_ENTRY];
};

static void tweak_add(uint8_t t[16], uint32_t v)
{
	int i;

	for (i = 15; i >= 0 && v; i--) {
		v += t[i];
		t[i] = (uint8_t)v;
		v >>= 8;
	}
}

static int add_component(struct comp_ctx *c, uint16_t idx,
			 const uint8_t *data, size_t len)
{
	size_t pages = len ? (len + PAGE - 1) / PAGE : 1, i;
	uint8_t plain[PAGE], enc[PAGE], tweak[16] = { 0 }, addr[8];

	put_be16(tweak, idx);
	if (cr_random(tweak + 2, 6))
		return -1;
	memcpy(c->table[idx], tweak, 8);
	put_be64(c->table[idx] + 8, c->addr);
	put_be64(c->table[idx] + 16, (uint64_t)pages * PAGE);
	for (i = 0; i < pages; i++) {
		size_t n = len - i * PAGE < PAGE ? len - i * PAGE : PAGE;

		memset(plain, 0, sizeof(plain));
		if (len)
			memcpy(plain, data + i * PAGE, n);
		if (cr_xts_encrypt(c->key, tweak, plain, PAGE, enc))
			return -1;
		put_be64(addr, c->addr);
		if (!EVP_DigestUpdate(c->pld, enc, PAGE) ||
		    !EVP_DigestUpdate(c->ald, addr, 8) ||
		    !EVP_DigestUpdate(c->tld, tweak, 16))
			return -1;
		tweak_add(tweak, PAGE);
		c->addr += PAGE;
		c->nep++;
	}
	secure_zero(plain, sizeof(plain));
	return 0;
}

struct hdr_args {
	const char *comp[COMP_STAGE3B], *cck, *comp_key, *out, *table;
	uint64_t pcf, scf;
	struct req_opts req;
};

/* Hash all components into @c; @enc receives the XTS key and the PSW. */
static int do_components(const struct hdr_args *a, struct comp_ctx *c,
			 uint8_t *enc)
{
	uint8_t s3b[PAGE] = { 0 };
	int i;

	c->addr = COMP_START;
	for (i = 0; i < COMP_STAGE3B; i++) {
		uint8_t *data;
		size_t len;
		int rc;

		if (read_file(a->comp[i], &data, &len, COMP_MAX))
			return -1;
		put_be64(s3b + 16 * i, c->addr);
		put_be64(s3b + 16 * i + 8, len);
		rc = add_component(c, (uint16_t)i, data, len);
		free(data);
		if (rc)
			return -1;
	}
	put_be64(enc + 96, PSW_MASK_EA_BA);
	put_be64(enc + 104, c->addr);
	return add_component(c, COMP_STAGE3B, s3b, sizeof(s3b));
}

static int finish_digest(EVP_MD_CTX *md, uint8_t *out)
{
	return EVP_DigestFinal_ex(md, out, NULL) ? 0 : -1;
}

/* @table: NULL, or where the component table goes (--comp-table). */
static int build(const struct hdr_args *a, uint8_t **out, size_t *len,
		 uint8_t table[COMP_NUM][COMP_ENTRY])
{
	struct comp_ctx c = { 0 };
	struct req_keys k;
	size_t aad = SEHDR_HEAD_LEN + (size_t)a->req.nhkd * KEYSLOT_LEN;
	size_t phs = aad + SEHDR_ENC_LEN + GCM_TAG_LEN;
	uint8_t enc[SEHDR_ENC_LEN] = { 0 }, *h = calloc(1, phs);
	int rc = -1;

	if (!h || req_keys_init(&k, &a->req)) {
		free(h);
		return -1;
	}
	c.pld = EVP_MD_CTX_new();
	c.ald = EVP_MD_CTX_new();
	c.tld = EVP_MD_CTX_new();
	if (!c.pld || !c.ald || !c.tld ||
	    !EVP_DigestInit_ex(c.pld, EVP_sha512(), NULL) ||
	    !EVP_DigestInit_ex(c.ald, EVP_sha512(), NULL) ||
	    !EVP_DigestInit_ex(c.tld, EVP_sha512(), NULL))
		goto out;
	if (a->cck ? read_file_exact(a->cck, enc, 32) : cr_random(enc, 32))
		goto out;
	if (a->comp_key ? read_file_exact(a->comp_key, c.key, 64) :
			  cr_random(c.key, 64))
		goto out;
	if (!memcmp(c.key, c.key + 32, 32)) {
		cli_err("the two halves of the XTS key must differ");
		goto out;
	}
	memcpy(enc + 32, c.key, 64);
	put_be64(enc + 112, a->scf);
	if (do_components(a, &c, enc) || finish_digest(c.pld, h + SEHDR_OFF_PLD) ||
	    finish_digest(c.ald, h + SEHDR_OFF_ALD) ||
	    finish_digest(c.tld, h + SEHDR_OFF_TLD))
		goto out;
	put_be64(h, SEHDR_MAGIC);
	put_be32(h + 8, SEHDR_VERSION_1);
	put_be32(h + SEHDR_OFF_PHS, (uint32_t)phs);
	memcpy(h + SEHDR_OFF_IV, k.iv, GCM_IV_LEN);
	put_be64(h + SEHDR_OFF_NKS, (uint64_t)a->req.nhkd);
	put_be64(h + SEHDR_OFF_SEA, SEHDR_ENC_LEN);
	put_be64(h + SEHDR_OFF_NEP, c.nep);
	put_be64(h + SEHDR_OFF_PCF, a->pcf);
	if (req_put_keys(&k, h + SEHDR_OFF_CPK, h + SEHDR_HEAD_LEN) ||
	    cr_gcm_encrypt(k.prot, k.iv, h, aad, enc, SEHDR_ENC_LEN, h + aad,
			   h + phs - GCM_TAG_LEN))
		goto out;
	if (table)
		memcpy(table, c.table, sizeof(c.table));
	*out = h;
	*len = phs;
	h = NULL;
	rc = 0;
out:
	secure_zero(enc, sizeof(enc));
	secure_zero(c.key, sizeof(c.key));
	EVP_MD_CTX_free(c.pld);
	EVP_MD_CTX_free(c.ald);
	EVP_MD_CTX_free(c.tld);
	req_keys_free(&k);
	free(h);
	return rc;
}

int cmd_hdr_make(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "kernel", required_argument, NULL, 'K' },
		{ "parmfile", required_argument, NULL, 'P' },
		{ "initrd", required_argument, NULL, 'R' },
		{ "cck", required_argument, NULL, 'c' },
		{ "comp-key", required_argument, NULL, 'X' },
		{ "pcf", required_argument, NULL, 'p' },
		{ "scf", required_argument, NULL, 's' },
		{ "comp-table", required_argument, NULL, 'T' },
		{ "output", required_argument, NULL, 'o' },
		REQ_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	struct hdr_args a = { .pcf = SEHDR_PCF_DEFAULT, .out = "sehdr.bin" };
	uint8_t table[COMP_NUM][COMP_ENTRY], *hdr;
	size_t len;
	int c, rc;

	while ((c = cli_getopt(argc, argv, REQ_SHORT_OPTIONS "o:", opts,
			       "", usage)) != -1) {
		switch (c) {
		case 'K':
			a.comp[COMP_KERNEL] = optarg;
			break;
		case 'P':
			a.comp[COMP_PARM] = optarg;
			break;
		case 'R':
			a.comp[COMP_RAMDISK] = optarg;
			break;
		case 'c':
			a.cck = optarg;
			break;
		case 'X':
			a.comp_key = optarg;
			break;
		case 'p':
		case 's':
			if (parse_u64(optarg, c == 'p' ? &a.pcf : &a.scf,
				      UINT64_MAX))
				return cli_usage_error("invalid flags '%s'",
						       optarg);
			break;
		case 'o':
			a.out = optarg;
			break;
		case 'T':
			a.table = optarg;
			break;
		default:
			rc = req_opt(&a.req, c, optarg);
			if (rc >= 0)
				return rc;
		}
	}
	if (!a.req.nhkd)
		return cli_usage_error("missing --hkd");
	if (!a.comp[COMP_KERNEL])
		return cli_usage_error("missing --kernel");
	if (!a.comp[COMP_RAMDISK])
		return cli_usage_error("missing --initrd");
	if (!a.comp[COMP_PARM])
		return cli_usage_error("missing --parmfile");
	rc = build(&a, &hdr, &len, table) ? EXIT_ERR : EXIT_OK;
	if (rc == EXIT_OK) {
		rc = write_file(a.out, hdr, len, 0644) ||
		     (a.table && write_file(a.table, table, sizeof(table), 0644)) ?
		     EXIT_ERR : EXIT_OK;
		free(hdr);
	}
	secure_zero(&a.req.fx, sizeof(a.req.fx));
	return rc;
}
