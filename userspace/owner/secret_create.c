// SPDX-License-Identifier: GPL-2.0
/*
 * secex-owner secret create: build an add-secret request (ASRCB) for one
 * SE image, as 'pvsecret create' does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/cli.h"
#include "../common/fileio.h"
#include "../common/hex.h"
#include "../common/secret_types.h"
#include "cmds.h"
#include "crypto.h"
#include "secret_payload.h"

static const char usage[] =
"Usage: secex-owner secret create [OPTIONS] meta\n"
"       secex-owner secret create [OPTIONS] association NAME\n"
"                                 [--input-secret FILE] [--output-secret FILE]\n"
"       secex-owner secret create [OPTIONS] retrievable NAME --type TYPE\n"
"                                 --secret FILE\n"
"\n"
"Create an add-secret request for the Secure Execution guest whose SE header\n"
"is given; add it inside the guest with 'secex-uv secret add'.\n"
"\n"
"Secret kinds:\n"
"  meta                   no secret; only the request's flags and binding\n"
"  association NAME       a 32-byte association secret (random unless\n"
"                         --input-secret), id SHA-256(NAME)\n"
"  retrievable NAME       a secret the guest can retrieve later; TYPE is one of\n"
"                         aes (16/24/32-byte key), aes-xts (32/64 bytes),\n"
"                         hmac (up to 128 bytes, padded to 64 or 128),\n"
"                         ec (PEM private key: P-256/384/521, Ed25519/448),\n"
"                         plaintext (up to 8190 bytes)\n"
"\n"
"Options:\n"
REQ_HKD_HELP
"      --hdr FILE         SE header (or SE image) of the target guest\n"
"  -o, --output FILE      request to write\n"
"      --cuid HEX         bind to the guest with this config UID (32 hex\n"
"                         digits, see 'attest verify -o'); default: any\n"
"      --extension-secret FILE  32-byte extension secret\n"
"      --cck FILE         32-byte customer communication key; the extension\n"
"                         secret is derived from it (HKDF-SHA512)\n"
"      --flags LIST       request flags; only 'disable-dump'\n"
"      --use-name         use the NUL-padded NAME (up to 31 bytes) as the id\n"
"                         instead of its SHA-256\n"
"      --input-secret FILE  association secret to use (32 bytes)\n"
"      --output-secret FILE write the association secret (mode 0600)\n"
"      --type TYPE        retrievable secret type (see above)\n"
"      --secret FILE      retrievable secret content\n"
"  -h, --help             show this help\n";

struct secret_args {
	const char *out, *hdr, *cuid, *ext, *cck, *in_secret, *out_secret;
	const char *type, *secret;
	int use_name;
	uint64_t flags;
	struct req_opts req;
};

static int ext_secret(const struct secret_args *a,
		      const struct sehdr_info *hdr, uint8_t ext[32])
{
	uint8_t cck[32];
	int rc;

	memset(ext, 0, ASRCB_EXT_SECRET_LEN);
	if (a->ext)
		return read_file_exact(a->ext, ext, ASRCB_EXT_SECRET_LEN);
	if (!a->cck)
		return 0;
	if (read_file_exact(a->cck, cck, sizeof(cck)))
		return -1;
	rc = cr_hkdf_sha512(cck, sizeof(cck), hdr->tag, GCM_TAG_LEN,
			    "IBM Z Ultravisor Add-Secret", ext,
			    ASRCB_EXT_SECRET_LEN);
	secure_zero(cck, sizeof(cck));
	return rc;
}

/*
 * Fill the secret part of @p for kind @argv[0] (checked by
 * secret_operands()); @buf receives owned data.
 */
static int secret_part(const struct secret_args *a, int argc, char **argv,
		       struct asrcb_params *p, uint8_t **buf, size_t *len)
{
	uint16_t type;

	*buf = NULL;
	*len = 0;
	if (argc == 1) {
		payload_null(p);
		return 0;
	}
	if (!strcmp(argv[0], "association")) {
		*len = 32;
		*buf = malloc(*len);
		if (!*buf)
			return -1;
		if (a->in_secret ? read_file_exact(a->in_secret, *buf, *len) :
				   cr_random(*buf, *len))
			return -1;
		if (a->out_secret &&
		    write_file(a->out_secret, *buf, *len, 0600))
			return -1;
		type = SECEX_SECRET_ASSOCIATION;
	} else if (payload_retrievable(a->type, a->secret, &type, buf,
				       len)) {
		return -1;
	}
	if (payload_listable(p, type, argv[1], a->use_name, *buf, *len))
		return -1;
	printf("%s secret '%s', id 0x", secret_type_name(type), argv[1]);
	hex_print(stdout, p->sec_hdr + 16, SECRET_ID_LEN);
	printf("\n");
	return 0;
}

static int create(struct secret_args *a, int argc, char **argv)
{
	struct asrcb_params p = { .flags = a->flags };
	struct sehdr_info hdr;
	struct req_keys k;
	uint8_t *secret = NULL, *req = NULL;
	size_t slen = 0, rlen = 0;
	int rc = EXIT_ERR;

	if (a->cuid && hex_parse(a->cuid, p.cuid, CUID_LEN))
		return cli_usage_error("--cuid needs 32 hex digits");
	if (sehdr_read(a->hdr, &hdr))
		return EXIT_ERR;
	p.hdr = &hdr;
	/* the host keys first: no secret is made or written for a refused one */
	if (req_keys_init(&k, &a->req))
		goto out_hdr;
	if (!ext_secret(a, &hdr, p.ext) &&
	    !secret_part(a, argc, argv, &p, &secret, &slen) &&
	    !asrcb_build(&k, &p, &req, &rlen) &&
	    !write_file(a->out, req, rlen, 0644))
		rc = EXIT_OK;
	free(req);
	req_keys_free(&k);
out_hdr:
	if (secret) {
		secure_zero(secret, slen);
		free(secret);
	}
	secure_zero(&p, sizeof(p));
	sehdr_free(&hdr);
	return rc;
}

/* The usage checks of what the options left: -1 if all is well. */
static int secret_operands(const struct secret_args *a, int argc,
			   char **argv)
{
	const char *kind = optind < argc ? argv[optind] : NULL;
	int rc;

	if (!a->req.nhkd)
		return cli_usage_error("missing --hkd");
	if (!a->hdr)
		return cli_usage_error("missing --hdr");
	if (!a->out)
		return cli_usage_error("missing --output");
	if (a->ext && a->cck)
		return cli_usage_error("--extension-secret and --cck exclude each other");
	if (!kind)
		return cli_usage_error("missing KIND: meta, association or retrievable");
	if (!strcmp(kind, "meta"))
		return cli_operands(argc, argv, "KIND");
	if (strcmp(kind, "association") && strcmp(kind, "retrievable"))
		return cli_usage_error("unknown secret kind '%s'", kind);
	rc = cli_operands(argc, argv, "KIND NAME");
	if (rc >= 0 || strcmp(kind, "retrievable"))
		return rc;
	if (!a->type)
		return cli_usage_error("missing --type");
	if (!a->secret)
		return cli_usage_error("missing --secret");
	return -1;
}

int cmd_secret_create(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "hdr", required_argument, NULL, 'H' },
		{ "output", required_argument, NULL, 'o' },
		{ "cuid", required_argument, NULL, 'u' },
		{ "extension-secret", required_argument, NULL, 'E' },
		{ "cck", required_argument, NULL, 'K' },
		{ "flags", required_argument, NULL, 'F' },
		{ "use-name", no_argument, NULL, 'U' },
		{ "input-secret", required_argument, NULL, 'I' },
		{ "output-secret", required_argument, NULL, 'O' },
		{ "type", required_argument, NULL, 'T' },
		{ "secret", required_argument, NULL, 'S' },
		REQ_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	struct secret_args a = { 0 };
	int c, rc;

	while ((c = cli_getopt(argc, argv, REQ_SHORT_OPTIONS "o:", opts,
			       NULL, usage)) != -1) {
		switch (c) {
		case 'H':
			a.hdr = optarg;
			break;
		case 'o':
			a.out = optarg;
			break;
		case 'u':
			a.cuid = optarg;
			break;
		case 'E':
			a.ext = optarg;
			break;
		case 'K':
			a.cck = optarg;
			break;
		case 'F':
			if (strcmp(optarg, "disable-dump"))
				return cli_usage_error("unknown flag '%s'",
						       optarg);
			a.flags |= ASRCB_FLAG_NO_DUMP;
			break;
		case 'U':
			a.use_name = 1;
			break;
		case 'I':
			a.in_secret = optarg;
			break;
		case 'O':
			a.out_secret = optarg;
			break;
		case 'T':
			a.type = optarg;
			break;
		case 'S':
			a.secret = optarg;
			break;
		default:
			rc = req_opt(&a.req, c, optarg);
			if (rc >= 0)
				return rc;
		}
	}
	rc = secret_operands(&a, argc, argv);
	if (rc >= 0)
		return rc;
	rc = create(&a, argc - optind, argv + optind);
	secure_zero(&a.req.fx, sizeof(a.req.fx));
	return rc;
}
