// SPDX-License-Identifier: GPL-2.0
/*
 * Request keys, key slots and request sealing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>

#include "../common/be.h"
#include "../common/cli.h"
#include "../common/fileio.h"
#include "../common/hex.h"
#include "crypto.h"
#include "reqkeys.h"

int fixed_or_random(uint8_t *dst, int set, const uint8_t *val, size_t len)
{
	if (set) {
		memcpy(dst, val, len);
		return 0;
	}
	return cr_random(dst, len);
}

/* Handle option @opt; 1 handled, 0 not one of ours, -1 invalid. */
static int fixed_opt(struct fixed_vals *fx, int opt, const char *arg)
{
	uint8_t *tmp;
	size_t len;

	switch (opt) {
	case OPT_X_IV:
		fx->iv_set = 1;
		return hex_parse(arg, fx->iv, sizeof(fx->iv)) ? -1 : 1;
	case OPT_X_PROT_KEY:
		fx->prot_set = 1;
		return hex_parse(arg, fx->prot, sizeof(fx->prot)) ? -1 : 1;
	case OPT_X_MEAS_KEY:
		fx->meas_set = 1;
		return hex_parse(arg, fx->meas, sizeof(fx->meas)) ? -1 : 1;
	case OPT_X_NONCE:
		fx->nonce_set = 1;
		return hex_parse(arg, fx->nonce, sizeof(fx->nonce)) ? -1 : 1;
	case OPT_X_CUST_KEY:
		/* raw big-endian P-521 scalar, 66..80 bytes */
		if (read_file(arg, &tmp, &len, EC_COORD_LEN))
			return -1;
		if (len < P521_SCALAR_LEN) {
			cli_err("%s: too short for a P-521 scalar", arg);
			secure_zero(tmp, len);
			free(tmp);
			return -1;
		}
		memcpy(fx->cust, tmp, len);
		fx->cust_len = len;
		fx->cust_set = 1;
		secure_zero(tmp, len);
		free(tmp);
		return 1;
	default:
		return 0;
	}
}

/*
 * Split the comma-separated list @arg in place (as s390-tools' -k, -C and
 * --crl take one) and hand each file to @take: -1 if all were taken, else
 * the exit code.
 */
static int each_file(struct req_opts *r, int opt, char *arg,
		     int (*take)(struct req_opts *r, int opt, char *file))
{
	char *file = arg, *comma;

	for (;;) {
		int rc;

		comma = strchr(file, ',');
		if (comma)
			*comma = 0;
		if (!*file)
			return cli_usage_error("an empty file name in the list of %s",
					       opt == 'k' ? "-k" :
					       opt == 'C' ? "-C" : "--crl");
		rc = take(r, opt, file);
		if (rc >= 0 || !comma)
			return rc;
		file = comma + 1;
	}
}

static int take_hkd(struct req_opts *r, int opt, char *file)
{
	(void)opt;
	if (r->nhkd == MAX_HOST_KEYS)
		return cli_usage_error("more than %d host-key documents",
				       MAX_HOST_KEYS);
	r->hkd[r->nhkd++] = file;
	return -1;
}

static int take_verify_file(struct req_opts *r, int opt, char *file)
{
	return hkd_verify_opt(&r->vfy, opt, file) > 0 ? -1 : EXIT_USAGE;
}

int req_opt(struct req_opts *r, int opt, char *arg)
{
	/* in the order of OPT_X_* */
	static const char *const x_names[] = {
		"x-iv", "x-prot-key", "x-cust-key", "x-meas-key", "x-nonce",
	};
	int rc;

	if (opt == 'k')
		return each_file(r, opt, arg, take_hkd);
	if (opt == 'C' || opt == OPT_HKD_CRL)
		return each_file(r, opt, arg, take_verify_file);
	rc = hkd_verify_opt(&r->vfy, opt, arg);
	if (rc)
		return rc > 0 ? -1 : EXIT_USAGE;
	rc = fixed_opt(&r->fx, opt, arg);
	if (rc > 0)
		return -1;
	if (rc < 0)
		return cli_usage_error("invalid value '%s' of --%s", arg,
				       x_names[opt - OPT_X_IV]);
	return cli_exit(opt);
}

/* @name as OpenSSL prints it in one line ("C = US, O = ..."), in @buf. */
static const char *name_text(const X509_NAME *name, char *buf, int size)
{
	BIO *b = BIO_new(BIO_s_mem());

	buf[0] = 0;
	if (b && X509_NAME_print_ex(b, name, 0, XN_FLAG_ONELINE) >= 0) {
		int n = BIO_read(b, buf, size - 1);

		buf[n > 0 ? n : 0] = 0;
	}
	BIO_free(b);
	return buf;
}

/* -v: how the documents are checked. */
static void note_verification(const struct hkd_verify_opts *v, int n)
{
	int i;

	if (cli_verbosity() < 1)
		return;
	if (v->no_verify) {
		cli_note(1, "%d host-key document(s), not verified (--no-verify)",
			 n);
		return;
	}
	cli_note(1, "verifying %d host-key document(s) against the IBM Z signing key in --cert, root CA %s%s",
		 n, v->root_ca ? v->root_ca : "from the system's CAs",
		 v->offline ? ", --offline" : "");
	for (i = 0; i < v->ncert; i++)
		cli_note(1, "  certificate file %s", v->cert[i]);
	for (i = 0; i < v->ncrl; i++)
		cli_note(1, "  CRL file %s", v->crl[i]);
}

/* -v: which document, which host key, and whether it was verified. */
static void note_host_key(const struct hkd_verify_opts *v, X509 *doc,
			  const char *path, EVP_PKEY *host)
{
	uint8_t phkh[PHKH_LEN];
	char subj[256], iss[256];

	if (cli_verbosity() < 1)
		return;
	name_text(X509_get_subject_name(doc), subj, sizeof(subj));
	name_text(X509_get_issuer_name(doc), iss, sizeof(iss));
	cli_note(1, "host-key document %s: '%s', issued by '%s': %s", path,
		 subj, iss, v->no_verify ? "NOT verified" :
		 "verified (signature, issuer, validity, CRL)");
	if (!phkh_of(host, phkh)) {
		char hex[2 * PHKH_LEN + 1];
		int i;

		for (i = 0; i < PHKH_LEN; i++)
			snprintf(hex + 2 * i, 3, "%02x", phkh[i]);
		cli_note(1, "  host key hash (PHKH) 0x%s", hex);
	}
}

/*
 * The keys of the host-key documents @hkd, verified as @v asks before
 * anything is encrypted to them.  The documents are read once, so that
 * the keys are those of the documents that were verified.
 */
static int host_keys(struct req_keys *k, const struct hkd_verify_opts *v,
		     char *const *hkd, int n)
{
	X509 *docs[MAX_HOST_KEYS] = { NULL };
	int i, rc = -1;

	for (i = 0; i < n; i++) {
		docs[i] = cr_load_cert(hkd[i], "host-key document");
		if (!docs[i])
			goto out;
	}
	note_verification(v, n);
	if (hkd_verify(v, docs, hkd, n))
		goto out;
	for (i = 0; i < n; i++) {
		k->hosts[i] = cr_hkd_key(docs[i], hkd[i]);
		if (!k->hosts[i])
			goto out;
		k->nhosts++;
		note_host_key(v, docs[i], hkd[i], k->hosts[i]);
	}
	rc = 0;
out:
	for (i = 0; i < n; i++)
		X509_free(docs[i]);
	return rc;
}

int req_keys_init(struct req_keys *k, const struct req_opts *r)
{
	const struct fixed_vals *fx = &r->fx;

	memset(k, 0, sizeof(*k));
	if (r->nhkd < 1 || r->nhkd > MAX_HOST_KEYS) {
		cli_err("between 1 and %d host-key documents needed",
			MAX_HOST_KEYS);
		return -1;
	}
	if (host_keys(k, &r->vfy, r->hkd, r->nhkd))
		goto err;
	if (fixed_or_random(k->iv, fx->iv_set, fx->iv, sizeof(k->iv)) ||
	    fixed_or_random(k->prot, fx->prot_set, fx->prot, sizeof(k->prot)))
		goto err;
	k->cust = fx->cust_set ? cr_p521_from_scalar(fx->cust, fx->cust_len) :
				 cr_p521_generate();
	if (!k->cust)
		goto err;
	return 0;
err:
	req_keys_free(k);
	return -1;
}

void req_keys_free(struct req_keys *k)
{
	int i;

	for (i = 0; i < k->nhosts; i++)
		EVP_PKEY_free(k->hosts[i]);
	EVP_PKEY_free(k->cust);
	secure_zero(k, sizeof(*k));
}

int phkh_of(EVP_PKEY *host, uint8_t out[PHKH_LEN])
{
	uint8_t coords[EC_PUB_LEN];

	if (cr_p521_coords(host, coords))
		return -1;
	return cr_sha256(coords, sizeof(coords), out);
}

static int keyslot_make(const struct req_keys *k, EVP_PKEY *host,
			uint8_t slot[KEYSLOT_LEN])
{
	static const uint8_t zero_iv[GCM_IV_LEN];
	uint8_t xkey[32];
	int rc;

	if (phkh_of(host, slot) || cr_exchange_key(k->cust, host, xkey))
		return -1;
	rc = cr_gcm_encrypt(xkey, zero_iv, NULL, 0, k->prot, PROT_KEY_LEN,
			    slot + PHKH_LEN, slot + PHKH_LEN + PROT_KEY_LEN);
	secure_zero(xkey, sizeof(xkey));
	return rc;
}

int req_put_keys(const struct req_keys *k, uint8_t *cpk, uint8_t *slots)
{
	int i;

	if (cr_p521_coords(k->cust, cpk))
		return -1;
	for (i = 0; i < k->nhosts; i++)
		if (keyslot_make(k, k->hosts[i], slots + i * KEYSLOT_LEN))
			return -1;
	return 0;
}

int req_seal(const struct req_keys *k, uint8_t *req, size_t len, size_t sea,
	     uint8_t **out, size_t *out_len)
{
	return req_seal_signed(k, req, len, sea, NULL, NULL, out, out_len);
}

int req_seal_signed(const struct req_keys *k, uint8_t *req, size_t len,
		    size_t sea, int (*sign)(void *arg, uint8_t *req, size_t len),
		    void *arg, uint8_t **out, size_t *out_len)
{
	size_t aad = len - sea - GCM_TAG_LEN;
	uint8_t *plain = NULL;
	int rc = -1;

	put_be32(req + REQ_VERSION, REQ_VERSION_1);
	put_be32(req + REQ_LEN, (uint32_t)len);
	memcpy(req + REQ_IV, k->iv, GCM_IV_LEN);
	req[REQ_NKS] = (uint8_t)k->nhosts;
	put_be32(req + REQ_SEA, (uint32_t)sea);
	if (sign) {
		/* the plaintext again for the second pass, which adds the tag */
		plain = malloc(sea ? sea : 1);
		if (!plain) {
			cli_err("out of memory");
			goto out;
		}
		memcpy(plain, req + aad, sea);
	}
	if (cr_gcm_encrypt(k->prot, k->iv, req, aad, req + aad, sea,
			   req + aad, req + len - GCM_TAG_LEN))
		goto out;
	/*
	 * As pvsecret: the signature covers the authenticated part and the
	 * ciphertext; the same key, IV and plaintext give the same
	 * ciphertext again, and only the second tag is ever written.
	 */
	if (sign && (sign(arg, req, len - GCM_TAG_LEN) ||
		     cr_gcm_encrypt(k->prot, k->iv, req, aad, plain, sea,
				    req + aad, req + len - GCM_TAG_LEN)))
		goto out;
	*out = req;
	*out_len = len;
	rc = 0;
out:
	if (plain) {
		secure_zero(plain, sea);
		free(plain);
	}
	if (rc) {
		secure_zero(req, len);
		free(req);
	}
	return rc;
}
