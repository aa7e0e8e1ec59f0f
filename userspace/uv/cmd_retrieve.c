// SPDX-License-Identifier: GPL-2.0
/*
 * secex-uv secret retrieve: fetch a retrievable secret (a protected key or
 * a plaintext secret) from the UV secret store.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/base64.h"
#include "../common/cli.h"
#include "../common/fileio.h"
#include "../common/hex.h"
#include "../common/pkeydev.h"
#include "../common/secret_types.h"
#include "../common/sha256.h"
#include "cmds.h"
#include "secret_list.h"
#include "uvdev.h"

static const char retr_usage[] =
"Usage: secex-uv secret retrieve (--id HEX | --name NAME | --index N)\n"
"                                [--outform pem|bin] [-o FILE]\n"
"\n"
"Retrieve a retrievable secret from the secret store.  Keys come back as\n"
"protected keys (wrapped by the machine, never in the clear), written as a\n"
"PEM 'IBM PROTECTED KEY' block with a 'kind:' header; plaintext secrets as\n"
"a 'PLAINTEXT SECRET' block, or raw with --outform bin.\n"
"\n"
"      --id HEX           the 32-byte secret id (64 hex digits)\n"
"      --name NAME        the name given at creation (id SHA-256(NAME), or the\n"
"                         NUL-padded NAME for --use-name secrets)\n"
"      --index N          the index shown by 'secret list'\n"
"      --outform FMT      pem (default) or bin\n"
"      --verify           AES keys: have /dev/pkey check the protected key\n"
"  -o, --output FILE      write to FILE (mode 0600) instead of stdout\n"
"  -h, --help             show this help\n"
"\n"
"A secret that is not in the store exits 1; with --verify, a key that\n"
"/dev/pkey rejects exits 3.\n";

struct retr_sel {
	int by_id, by_name, by_index;
	uint8_t id[SECRET_ID_LEN], name_id[SECRET_ID_LEN];
	uint16_t index;
};

static int matches(const struct retr_sel *s, const struct secret_entry *e)
{
	if (s->by_index)
		return e->index == s->index;
	if (s->by_id)
		return !memcmp(e->id, s->id, SECRET_ID_LEN);
	return !memcmp(e->id, s->id, SECRET_ID_LEN) ||
	       (s->by_name > 1 && !memcmp(e->id, s->name_id, SECRET_ID_LEN));
}

static int retrieve(const struct secret_entry *e, const char *out, int pem,
		    int verify)
{
	struct uv_status st;
	const uint8_t *data;
	uint8_t *buf;
	uint32_t len;
	size_t dlen;
	FILE *f;
	int rc = EXIT_ERR;

	/* uv_ioctl() reported its failures; no memory stays silent as ever */
	if (uvlist_retrieve(uv_ioctl, e, &buf, &len, &st))
		return EXIT_ERR;
	if (st.rc != UVRC_EXECUTED) {
		uv_print_rc(NULL, UVRC_CMD_RETR_SECRET, &st);
		rc = EXIT_REJECTED;
		goto out;
	}
	data = buf;
	dlen = len;
	if (e->type == SECEX_SECRET_PLAINTEXT &&
	    uvlist_plaintext(buf, len, &data, &dlen)) {
		cli_err("invalid plaintext length");
		goto out;
	}
	if (verify && pkeydev_verify_secret(e->type, data, dlen)) {
		rc = EXIT_UNUSABLE;
		goto out;
	}
	f = open_out_private(out);
	if (!f)
		goto out;
	if (!pem) {
		fwrite(data, 1, dlen, f);
	} else if (e->type == SECEX_SECRET_PLAINTEXT) {
		pem_write(f, "PLAINTEXT SECRET", NULL, data, dlen);
	} else {
		char hdr[64];

		snprintf(hdr, sizeof(hdr), "kind: %s",
			 secret_type_name(e->type));
		pem_write(f, "IBM PROTECTED KEY", hdr, data, dlen);
	}
	rc = close_out(f);
out:
	secure_zero(buf, len);
	free(buf);
	return rc;
}

static int parse_retr_opts(int argc, char **argv, struct retr_sel *s,
			   const char **out, int *pem, int *verify)
{
	static const struct option opts[] = {
		{ "id", required_argument, NULL, 'i' },
		{ "name", required_argument, NULL, 'n' },
		{ "index", required_argument, NULL, 'x' },
		{ "outform", required_argument, NULL, 'F' },
		{ "verify", no_argument, NULL, 'V' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	uint64_t v;
	size_t n;
	int c;

	while ((c = cli_getopt(argc, argv, "o:", opts, "",
			       retr_usage)) != -1) {
		switch (c) {
		case 'i':
			s->by_id = 1;
			if (hex_parse(optarg, s->id, SECRET_ID_LEN))
				return cli_usage_error("--id needs 64 hex digits");
			break;
		case 'n':
			s->by_name = 1;
			sha256(optarg, strlen(optarg), s->id);
			n = strlen(optarg);
			if (n < SECRET_ID_LEN) {
				memcpy(s->name_id, optarg, n);
				s->by_name = 2;
			}
			break;
		case 'x':
			if (parse_u64(optarg, &v, 0xffff))
				return cli_usage_error("--index is 0 to 65535, not '%s'",
						       optarg);
			s->by_index = 1;
			s->index = (uint16_t)v;
			break;
		case 'F':
			*pem = !strcmp(optarg, "pem");
			if (!*pem && strcmp(optarg, "bin"))
				return cli_usage_error("--outform is pem or bin, not '%s'",
						       optarg);
			break;
		case 'o':
			*out = optarg;
			break;
		case 'V':
			*verify = 1;
			break;
		default:
			return cli_exit(c);
		}
	}
	if (!!s->by_id + !!s->by_name + s->by_index != 1)
		return cli_usage_error("give one of --id, --name and --index");
	return -1;
}

int cmd_secret_retrieve(int argc, char **argv)
{
	struct retr_sel s = { 0 };
	struct secret_list l;
	const char *out = NULL;
	int pem = 1, verify = 0, rc;
	uint16_t i;

	rc = parse_retr_opts(argc, argv, &s, &out, &pem, &verify);
	if (rc >= 0)
		return rc;
	rc = secret_list_get(&l);
	if (rc)
		return rc;
	for (i = 0; i < l.num && !matches(&s, &l.e[i]); i++)
		;
	if (i == l.num) {
		cli_err("no such secret in the store");
		rc = EXIT_ERR;
	} else if (!secret_type_retrievable(l.e[i].type)) {
		cli_err("%s secrets are not retrievable",
			secret_type_name(l.e[i].type));
		rc = EXIT_ERR;
	} else {
		rc = retrieve(&l.e[i], out, pem, verify);
	}
	secret_list_free(&l);
	return rc;
}
