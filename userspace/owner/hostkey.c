// SPDX-License-Identifier: GPL-2.0
/*
 * secex-owner hostkey make: a TEST host-key document (self-signed X.509
 * certificate with a P-521 key) and its private key, for the software
 * ultravisor: as PEM for OpenSSL, and raw as the software ultravisor's
 * provisioning takes it.  Never use such a key for a real machine.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "../common/cli.h"
#include "../common/fileio.h"
#include "../common/formats.h"
#include "cmds.h"
#include "crypto.h"

#define TEST_CN "secex TEST host key - NOT AN IBM HOST-KEY DOCUMENT"

static const char usage[] =
"Usage: secex-owner hostkey make --out-cert HKD.crt [--out-key KEY.pem]\n"
"                                [--out-raw-key KEY.bin] [--days N]\n"
"\n"
"Generate a TEST host key for the software ultravisor: a P-521 private key\n"
"and a self-signed X.509 host-key document whose subject says TEST.  The\n"
"document is accepted by the owner tools (and by s390-tools with\n"
"--no-verify).  The private key is written as PEM for OpenSSL (--out-key)\n"
"and/or raw, in the form the software ultravisor is provisioned with\n"
"(--out-raw-key, for 'secex-uv provision --host-key'); at least one.\n"
"\n"
"  -K, --out-key FILE     private key as PEM 'EC PRIVATE KEY' (the format\n"
"                         of 'openssl ecparam -genkey'), mode 0600\n"
"      --out-raw-key FILE private key as the 66-byte big-endian P-521\n"
"                         scalar that secex_swuv's host_key attribute\n"
"                         takes, mode 0600\n"
"  -c, --out-cert FILE    host-key document to write\n"
"      --days N           validity in days (default 365)\n"
"  -h, --help             show this help\n";

static X509 *make_cert(EVP_PKEY *key, long days)
{
	X509 *x = X509_new();
	X509_NAME *name = x ? X509_get_subject_name(x) : NULL;
	unsigned char serial[16];

	if (!name || cr_random(serial, sizeof(serial)))
		goto err;
	serial[0] &= 0x7f;
	if (!X509_set_version(x, X509_VERSION_3) ||
	    !ASN1_INTEGER_set_uint64(X509_get_serialNumber(x),
				     ((uint64_t)serial[0] << 56) |
				     ((uint64_t)serial[1] << 48) |
				     ((uint64_t)serial[2] << 40) |
				     ((uint64_t)serial[3] << 32) |
				     ((uint64_t)serial[4] << 24) | serial[5]) ||
	    !X509_gmtime_adj(X509_getm_notBefore(x), 0) ||
	    !X509_gmtime_adj(X509_getm_notAfter(x), days * 86400L) ||
	    !X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
					(const unsigned char *)"secex TEST",
					-1, -1, 0) ||
	    !X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
					(const unsigned char *)TEST_CN,
					-1, -1, 0) ||
	    !X509_set_issuer_name(x, name) || !X509_set_pubkey(x, key) ||
	    !X509_sign(x, key, EVP_sha512()))
		goto err;
	return x;
err:
	cr_print_errors("certificate");
	X509_free(x);
	return NULL;
}

/* The private scalar, big-endian and left-padded to 66 bytes. */
static int write_raw(const char *path, EVP_PKEY *key)
{
	uint8_t scalar[P521_SCALAR_LEN];
	BIGNUM *d = NULL;
	int rc = -1;

	if (!EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_PRIV_KEY, &d) ||
	    BN_bn2binpad(d, scalar, sizeof(scalar)) != (int)sizeof(scalar))
		cr_print_errors("raw private key");
	else
		rc = write_file(path, scalar, sizeof(scalar), 0600);
	secure_zero(scalar, sizeof(scalar));
	BN_clear_free(d);
	return rc;
}

static int write_pem(const char *key_path, const char *cert_path,
		     EVP_PKEY *key, X509 *x)
{
	FILE *f;
	int ok;

	if (key_path) {
		mode_t old = umask(077);
		BIO *b = BIO_new_file(key_path, "w");

		umask(old);
		if (!b) {
			cr_print_errors(key_path);
			return -1;
		}
		ok = PEM_write_bio_PrivateKey_traditional(b, key, NULL, NULL, 0,
							  NULL, NULL);
		if (BIO_free(b) != 1 || !ok) {
			cr_print_errors(key_path);
			return -1;
		}
	}
	f = fopen(cert_path, "w");
	if (!f) {
		cli_err("%s: %s", cert_path, strerror(errno));
		return -1;
	}
	ok = PEM_write_X509(f, x);
	if (fclose(f) || !ok) {
		cr_print_errors(cert_path);
		return -1;
	}
	return 0;
}

int cmd_hostkey_make(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "out-key", required_argument, NULL, 'K' },
		{ "out-cert", required_argument, NULL, 'c' },
		{ "out-raw-key", required_argument, NULL, 'R' },
		{ "days", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 }
	};
	const char *key_path = NULL, *cert_path = NULL, *raw_path = NULL;
	long days = 365;
	EVP_PKEY *key;
	X509 *x;
	int c, rc;

	while ((c = cli_getopt(argc, argv, "K:c:", opts, "", usage)) != -1) {
		switch (c) {
		case 'K':
			key_path = optarg;
			break;
		case 'c':
			cert_path = optarg;
			break;
		case 'R':
			raw_path = optarg;
			break;
		case 'd':
			if (sscanf(optarg, "%ld", &days) != 1 || days < 1 ||
			    days > 36500)
				return cli_usage_error("--days is 1 to 36500, not '%s'",
						       optarg);
			break;
		default:
			return cli_exit(c);
		}
	}
	if (!cert_path)
		return cli_usage_error("missing --out-cert");
	if (!key_path && !raw_path)
		return cli_usage_error("missing --out-key or --out-raw-key");
	rc = EXIT_ERR;
	key = cr_p521_generate();
	if (!key)
		return EXIT_ERR;
	x = make_cert(key, days);
	if (x && !write_pem(key_path, cert_path, key, x) &&
	    (!raw_path || !write_raw(raw_path, key)))
		rc = EXIT_OK;
	X509_free(x);
	EVP_PKEY_free(key);
	return rc;
}
