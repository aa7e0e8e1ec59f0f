// SPDX-License-Identifier: GPL-2.0
/*
 * Host-key document verification (see hkd_verify.h).  The checks and
 * their rules are those of s390-tools' libpv (cert.c) and pv crate
 * (verify.rs).  OpenSSL's X509_verify_cert() checks the chain of trust of
 * the IBM Z signing key with the CRLs of every CA on it; the host-key
 * documents themselves are checked by hand (X509_verify() and the signing
 * key's CRL), because the signing key is no CA and X509_verify_cert()
 * would refuse it as an issuer.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "../common/cli.h"
#include "../common/fileio.h"
#include "crypto.h"
#include "hkd_verify.h"

/* The subject of an IBM Z host-key signing key (libpv's PV_IBM_Z_*). */
#define IBM_Z_NAME		"International Business Machines Corporation"
#define IBM_Z_OU_SUFFIX		"Key Signing Service"
#define IBM_Z_SUBJECT_ENTRIES	6
/* OpenSSL security level 2: every key of the chain has 112 bits or more */
#define AUTH_LEVEL		2
/* the signing key, then at most two CAs below the root */
#define CHAIN_DEPTH		2
#define PKI_FILE_MAX		(1UL << 20)
#define TEXT_LEN		512

int hkd_verify_opt(struct hkd_verify_opts *v, int opt, const char *arg)
{
	switch (opt) {
	case 'C':
		if (v->ncert == HKD_VERIFY_MAX_FILES) {
			cli_usage_error("more than %d --cert files",
					HKD_VERIFY_MAX_FILES);
			return -1;
		}
		v->cert[v->ncert++] = arg;
		break;
	case OPT_HKD_CRL:
		if (v->ncrl == HKD_VERIFY_MAX_FILES) {
			cli_usage_error("more than %d --crl files",
					HKD_VERIFY_MAX_FILES);
			return -1;
		}
		v->crl[v->ncrl++] = arg;
		break;
	case OPT_HKD_ROOT_CA:
		if (v->root_ca) {
			cli_usage_error("--root-ca takes one root CA");
			return -1;
		}
		v->root_ca = arg;
		break;
	case OPT_HKD_OFFLINE:
		v->offline = 1;
		break;
	case OPT_HKD_NO_VERIFY:
		v->no_verify = 1;
		break;
	default:
		return 0;
	}
	/* checked at every option, so that the order does not matter */
	if (v->no_verify && (v->ncert || v->ncrl || v->root_ca || v->offline)) {
		cli_usage_error("--no-verify excludes --cert, --crl, --root-ca and --offline");
		return -1;
	}
	return 1;
}

/* @fmt on one line after "host-key document(s) [@path] refused: ". */
static void refuse(const char *path, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void refuse(const char *path, const char *fmt, ...)
{
	char msg[4 * TEXT_LEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (path)
		cli_err("host-key document %s refused: %s", path, msg);
	else
		cli_err("host-key documents refused: %s", msg);
}

/* The bytes of @s as printable ASCII (others as '?'), in @buf. */
static const char *str_of(const ASN1_STRING *s, char *buf, size_t size)
{
	const unsigned char *d = ASN1_STRING_get0_data(s);
	int len = ASN1_STRING_length(s);
	size_t i;

	for (i = 0; len > 0 && i < (size_t)len && i + 1 < size; i++)
		buf[i] = d[i] >= 0x20 && d[i] < 0x7f ? (char)d[i] : '?';
	buf[i] = 0;
	return buf;
}

/* Whether @s holds exactly the bytes of @want. */
static int str_is(const ASN1_STRING *s, const char *want)
{
	size_t n = strlen(want);

	return ASN1_STRING_length(s) == (int)n &&
	       !memcmp(ASN1_STRING_get0_data(s), want, n);
}

/* The contents of a memory BIO, NUL-terminated, in @buf. */
static const char *bio_text(BIO *b, int ok, char *buf, size_t size)
{
	int n = ok && b ? BIO_read(b, buf, (int)size - 1) : -1;

	buf[n > 0 ? n : 0] = 0;
	BIO_free(b);
	return buf;
}

/* @name on one line, as 'openssl x509 -subject' prints it. */
static const char *name_of(const X509_NAME *name, char *buf, size_t size)
{
	BIO *b = BIO_new(BIO_s_mem());

	return bio_text(b, b && X509_NAME_print_ex(b, name, 0,
						   XN_FLAG_ONELINE) >= 0,
			buf, size);
}

static const char *subject_of(X509 *x, char *buf, size_t size)
{
	return name_of(X509_get_subject_name(x), buf, size);
}

/* @t as "2027-01-05 19:20:30Z". */
static const char *time_of(const ASN1_TIME *t, char *buf, size_t size)
{
	BIO *b = BIO_new(BIO_s_mem());

	return bio_text(b, b && t && ASN1_TIME_print_ex(b, t,
							ASN1_DTFLGS_ISO8601),
			buf, size);
}

/* The first entry @nid of @name, or NULL. */
static const ASN1_STRING *entry_of(const X509_NAME *name, int nid)
{
	int i = X509_NAME_get_index_by_NID(name, nid, -1);

	return i < 0 ? NULL :
		X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, i));
}

/*
 * Why @x is no IBM Z host-key signing key, in @buf; NULL if it is one.
 * As libpv: exactly C, ST, L, O, OU and CN, with IBM's values (L was
 * Poughkeepsie and is Armonk in newer keys), OU ending in "Key Signing
 * Service" (IBM Z Host Key Signing Service).
 */
static const char *not_signing_key(X509 *x, char *buf, size_t size)
{
	static const struct {
		int nid;
		const char *sn, *want, *alt;
	} f[] = {
		{ NID_countryName, "C", "US", NULL },
		{ NID_stateOrProvinceName, "ST", "New York", NULL },
		{ NID_localityName, "L", "Poughkeepsie", "Armonk" },
		{ NID_organizationName, "O", IBM_Z_NAME, NULL },
		{ NID_commonName, "CN", IBM_Z_NAME, NULL },
	};
	const X509_NAME *name = X509_get_subject_name(x);
	const ASN1_STRING *s;
	char val[TEXT_LEN];
	size_t i, n, sfx = strlen(IBM_Z_OU_SUFFIX);

	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		s = entry_of(name, f[i].nid);
		if (!s) {
			snprintf(buf, size, "its subject has no %s", f[i].sn);
			return buf;
		}
		if (!str_is(s, f[i].want) && !(f[i].alt && str_is(s, f[i].alt))) {
			snprintf(buf, size, "%s is '%s', not '%s'%s%s", f[i].sn,
				 str_of(s, val, sizeof(val)), f[i].want,
				 f[i].alt ? " or " : "", f[i].alt ? f[i].alt : "");
			return buf;
		}
	}
	s = entry_of(name, NID_organizationalUnitName);
	if (!s) {
		snprintf(buf, size, "its subject has no OU");
		return buf;
	}
	n = (size_t)ASN1_STRING_length(s);
	if (n < sfx || memcmp(ASN1_STRING_get0_data(s) + n - sfx,
			      IBM_Z_OU_SUFFIX, sfx)) {
		snprintf(buf, size, "OU is '%s', not one ending in '%s'",
			 str_of(s, val, sizeof(val)), IBM_Z_OU_SUFFIX);
		return buf;
	}
	if (X509_NAME_entry_count(name) != IBM_Z_SUBJECT_ENTRIES) {
		snprintf(buf, size, "its subject has %d fields, not C, ST, L, O, OU and CN",
			 X509_NAME_entry_count(name));
		return buf;
	}
	return NULL;
}

/*
 * Whether the entries of @a and @b are equal.  IBM's signing keys moved
 * from L = Poughkeepsie to Armonk while their CRLs kept the old name
 * (libpv's x509_armonk_locality_fixup()): with @armonk, an Armonk in @a
 * matches a Poughkeepsie in @b.
 */
static int entry_eq(const X509_NAME_ENTRY *a, const X509_NAME_ENTRY *b,
		    int armonk)
{
	const ASN1_OBJECT *obj = X509_NAME_ENTRY_get_object(a);
	const ASN1_STRING *da = X509_NAME_ENTRY_get_data(a);
	const ASN1_STRING *db = X509_NAME_ENTRY_get_data(b);

	if (OBJ_cmp(obj, X509_NAME_ENTRY_get_object(b)))
		return 0;
	/* not ASN1_STRING_cmp(): the string types differ at times */
	if (ASN1_STRING_length(da) == ASN1_STRING_length(db) &&
	    !memcmp(ASN1_STRING_get0_data(da), ASN1_STRING_get0_data(db),
		    (size_t)ASN1_STRING_length(da)))
		return 1;
	return armonk && OBJ_obj2nid(obj) == NID_localityName &&
	       str_is(da, "Armonk") && str_is(db, "Poughkeepsie");
}

/*
 * Whether @a and @b hold the same entries in any order: IBM's CRLs list
 * the fields of the signing key's name in another order than its
 * certificate does (libpv's own_X509_NAME_equal() and pv_c2b_name()).
 */
static int names_eq(const X509_NAME *a, const X509_NAME *b, int armonk)
{
	int i, j, n = X509_NAME_entry_count(a);

	if (n != X509_NAME_entry_count(b))
		return 0;
	for (i = 0; i < n; i++) {
		for (j = 0; j < n; j++)
			if (entry_eq(X509_NAME_get_entry(a, i),
				     X509_NAME_get_entry(b, j), armonk))
				break;
		if (j == n)
			return 0;
	}
	return 1;
}

/* The first URI of @x's CRL distribution points, in @buf; NULL if none. */
static const char *crl_uri_of(X509 *x, char *buf, size_t size)
{
	STACK_OF(DIST_POINT) *dps;
	const char *found = NULL;
	int i, j;

	dps = X509_get_ext_d2i(x, NID_crl_distribution_points, NULL, NULL);
	for (i = 0; !found && i < sk_DIST_POINT_num(dps); i++) {
		DIST_POINT_NAME *dpn = sk_DIST_POINT_value(dps, i)->distpoint;

		if (!dpn || dpn->type != 0)
			continue;
		for (j = 0; !found && j < sk_GENERAL_NAME_num(dpn->name.fullname);
		     j++) {
			GENERAL_NAME *gn =
				sk_GENERAL_NAME_value(dpn->name.fullname, j);

			if (gn->type == GEN_URI)
				found = str_of(gn->d.uniformResourceIdentifier,
					       buf, size);
		}
	}
	sk_DIST_POINT_pop_free(dps, DIST_POINT_free);
	return found;
}

/*
 * What to do about a missing CRL that @x names.  s390-tools fetches it
 * from the distribution point unless --offline; this tool fetches
 * nothing (it has no HTTP client), so the CRL must come with --crl.
 */
static const char *crl_hint(int offline, X509 *x, char *buf, size_t size)
{
	char uri[TEXT_LEN];

	if (offline)
		snprintf(buf, size, "with --offline, give it with --crl");
	else if (crl_uri_of(x, uri, sizeof(uri)))
		snprintf(buf, size, "fetching CRLs from distribution points (%s) is not supported here: give it with --crl",
			 uri);
	else
		snprintf(buf, size, "fetching CRLs is not supported here: give it with --crl");
	return buf;
}

struct pki {
	X509_STORE *store;
	STACK_OF(X509) *certs;		/* of --cert: untrusted */
	STACK_OF(X509_CRL) *crls;	/* of --crl, --cert and --root-ca */
	X509 *sign;			/* the IBM Z signing key, in @certs */
	int offline;
};

/*
 * Add the certificates (to @certs, unless NULL) and the CRLs of @path to
 * the stacks: any number as PEM, else one as DER.
 */
static int load_objects(const char *path, STACK_OF(X509) *certs,
			STACK_OF(X509_CRL) *crls)
{
	STACK_OF(X509_INFO) *infos = NULL;
	const unsigned char *p;
	uint8_t *data;
	size_t len;
	BIO *b;
	int i, n = 0, rc = 0;

	if (read_file(path, &data, &len, PKI_FILE_MAX))
		return -1;
	b = BIO_new_mem_buf(data, (int)len);
	if (b)
		infos = PEM_X509_INFO_read_bio(b, NULL, NULL, NULL);
	for (i = 0; i < sk_X509_INFO_num(infos); i++) {
		X509_INFO *in = sk_X509_INFO_value(infos, i);

		n += in->x509 || in->crl;
		if (in->x509 && certs && !sk_X509_push(certs, in->x509))
			rc = -1;
		else if (in->x509 && certs)
			in->x509 = NULL;
		if (in->crl && !sk_X509_CRL_push(crls, in->crl))
			rc = -1;
		else if (in->crl)
			in->crl = NULL;
	}
	sk_X509_INFO_pop_free(infos, X509_INFO_free);
	if (!n) {
		X509 *x = NULL;
		X509_CRL *crl = NULL;

		p = data;
		if (certs)
			x = d2i_X509(NULL, &p, (long)len);
		p = data;
		if (!x)
			crl = d2i_X509_CRL(NULL, &p, (long)len);
		if ((x && !sk_X509_push(certs, x)) ||
		    (crl && !sk_X509_CRL_push(crls, crl))) {
			X509_free(x);
			X509_CRL_free(crl);
			rc = -1;
		}
	}
	if (rc)
		cr_print_errors(path);
	ERR_clear_error();
	BIO_free(b);
	free(data);
	return rc;
}

static void pki_free(struct pki *p)
{
	X509_STORE_free(p->store);
	sk_X509_pop_free(p->certs, X509_free);
	sk_X509_CRL_pop_free(p->crls, X509_CRL_free);
}

/* The trust store: the root CA, every CRL, the flags of libpv. */
static int pki_init(struct pki *p, const struct hkd_verify_opts *v)
{
	const unsigned long flags = X509_V_FLAG_CRL_CHECK |
		X509_V_FLAG_CRL_CHECK_ALL | X509_V_FLAG_TRUSTED_FIRST |
		X509_V_FLAG_CHECK_SS_SIGNATURE | X509_V_FLAG_X509_STRICT |
		X509_V_FLAG_POLICY_CHECK;
	STACK_OF(X509) *roots = NULL;
	int i, n, rc = -1;

	p->offline = v->offline;
	p->store = X509_STORE_new();
	p->certs = sk_X509_new_null();
	p->crls = sk_X509_CRL_new_null();
	roots = sk_X509_new_null();
	if (!p->store || !p->certs || !p->crls || !roots) {
		cr_print_errors("certificate store");
		goto out;
	}
	if (v->root_ca) {
		if (load_objects(v->root_ca, roots, p->crls))
			goto out;
		/* one only: a second one in the file is easily overlooked */
		if (sk_X509_num(roots) != 1) {
			cli_err("%s: %s", v->root_ca, sk_X509_num(roots) ?
				"several certificates; --root-ca takes one" :
				"no certificate (--root-ca)");
			goto out;
		}
		if (X509_STORE_add_cert(p->store, sk_X509_value(roots, 0)) != 1) {
			cr_print_errors(v->root_ca);
			goto out;
		}
	} else if (X509_STORE_set_default_paths(p->store) != 1) {
		cr_print_errors("the system's root CAs");
		goto out;
	}
	for (i = 0; i < v->ncert; i++) {
		n = sk_X509_num(p->certs);
		if (load_objects(v->cert[i], p->certs, p->crls))
			goto out;
		if (sk_X509_num(p->certs) == n) {
			cli_err("%s: no certificate (--cert)", v->cert[i]);
			goto out;
		}
	}
	for (i = 0; i < v->ncrl; i++) {
		n = sk_X509_CRL_num(p->crls);
		if (load_objects(v->crl[i], NULL, p->crls))
			goto out;
		if (sk_X509_CRL_num(p->crls) == n) {
			cli_err("%s: no CRL (--crl)", v->crl[i]);
			goto out;
		}
	}
	for (i = 0; i < sk_X509_CRL_num(p->crls); i++)
		if (X509_STORE_add_crl(p->store, sk_X509_CRL_value(p->crls, i)) != 1) {
			cr_print_errors("CRL");
			goto out;
		}
	if (X509_STORE_set_flags(p->store, flags) != 1 ||
	    X509_STORE_set_depth(p->store, CHAIN_DEPTH) != 1 ||
	    X509_STORE_set_purpose(p->store, X509_PURPOSE_ANY) != 1) {
		cr_print_errors("certificate store");
		goto out;
	}
	X509_VERIFY_PARAM_set_auth_level(X509_STORE_get0_param(p->store),
					 AUTH_LEVEL);
	rc = 0;
out:
	sk_X509_pop_free(roots, X509_free);
	return rc;
}

/*
 * Exactly one of the --cert certificates has the signing key's subject:
 * which key signs the host-key documents must not be a guess.
 */
static int find_signing_key(struct pki *p)
{
	char why[TEXT_LEN], name[TEXT_LEN];
	int i, found = 0, named = 0;

	for (i = 0; i < sk_X509_num(p->certs); i++) {
		X509 *x = sk_X509_value(p->certs, i);

		/* the same one twice (in a bundle and alone) is one */
		if (not_signing_key(x, why, sizeof(why)) ||
		    (p->sign && !X509_cmp(p->sign, x)))
			continue;
		p->sign = x;
		found++;
	}
	if (found == 1)
		return 0;
	if (found > 1) {
		refuse(NULL, "%d IBM Z host-key signing keys among the --cert certificates; give one",
		       found);
		return -1;
	}
	/* name what is wrong with the certificates that are no CA */
	for (i = 0; i < sk_X509_num(p->certs); i++) {
		X509 *x = sk_X509_value(p->certs, i);

		if (X509_check_ca(x))
			continue;
		refuse(NULL, "'%s' is not an IBM Z host-key signing key: %s",
		       subject_of(x, name, sizeof(name)),
		       not_signing_key(x, why, sizeof(why)));
		named = 1;
	}
	if (!named)
		refuse(NULL, "no IBM Z host-key signing key among the --cert certificates");
	return -1;
}

/* Who @x is in messages. */
static const char *who(const struct pki *p, X509 *x, char *buf, size_t size)
{
	if (x == p->sign) {
		snprintf(buf, size, "the IBM Z signing key");
	} else {
		char name[TEXT_LEN];

		snprintf(buf, size, "'%s'", subject_of(x, name, sizeof(name)));
	}
	return buf;
}

/* Name the reason why X509_verify_cert() failed in @ctx. */
static void chain_refused(const struct pki *p, X509_STORE_CTX *ctx)
{
	int err = X509_STORE_CTX_get_error(ctx);
	X509 *x = X509_STORE_CTX_get_current_cert(ctx);
	char cert[TEXT_LEN], issuer[TEXT_LEN], when[TEXT_LEN], hint[2 * TEXT_LEN];

	if (!x) {
		refuse(NULL, "chain of trust of the IBM Z signing key: %s",
		       X509_verify_cert_error_string(err));
		return;
	}
	who(p, x, cert, sizeof(cert));
	name_of(X509_get_issuer_name(x), issuer, sizeof(issuer));
	switch (err) {
	case X509_V_ERR_CERT_REVOKED:
		refuse(NULL, "%s is revoked (CRL of '%s')", cert, issuer);
		break;
	case X509_V_ERR_CERT_HAS_EXPIRED:
		refuse(NULL, "%s has expired (valid until %s)", cert,
		       time_of(X509_get0_notAfter(x), when, sizeof(when)));
		break;
	case X509_V_ERR_CERT_NOT_YET_VALID:
		refuse(NULL, "%s is not valid yet (valid from %s)", cert,
		       time_of(X509_get0_notBefore(x), when, sizeof(when)));
		break;
	case X509_V_ERR_UNABLE_TO_GET_CRL:
		refuse(NULL, "no CRL of '%s' to check %s for revocation; %s",
		       issuer, cert, crl_hint(p->offline, x, hint, sizeof(hint)));
		break;
	case X509_V_ERR_CRL_HAS_EXPIRED:
		refuse(NULL, "the CRL of '%s' has expired; give a current one with --crl",
		       issuer);
		break;
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
		refuse(NULL, "chain of trust: no certificate of '%s', the issuer of %s (give the intermediate CA with --cert, the root CA with --root-ca)",
		       issuer, cert);
		break;
	default:
		refuse(NULL, "chain of trust: %s: %s", cert,
		       X509_verify_cert_error_string(err));
	}
}

/*
 * The chain of trust of the signing key: X509_verify_cert() with a CRL
 * for every certificate below the root, and at least a root above it.
 */
static int verify_chain(const struct pki *p)
{
	X509_STORE_CTX *ctx = X509_STORE_CTX_new();
	int rc = -1;

	if (!ctx || X509_STORE_CTX_init(ctx, p->store, p->sign, p->certs) != 1) {
		cr_print_errors("certificate store");
	} else if (X509_verify_cert(ctx) != 1) {
		chain_refused(p, ctx);
	} else if (sk_X509_num(X509_STORE_CTX_get0_chain(ctx)) < 2) {
		refuse(NULL, "the IBM Z signing key is itself the trusted root; it must chain to a root CA");
	} else {
		rc = 0;
	}
	ERR_clear_error();
	X509_STORE_CTX_free(ctx);
	return rc;
}

/* Why @crl cannot be the signing key's CRL (libpv's pv_verify_crl()). */
static const char *crl_unusable(X509_CRL *crl, X509 *sign)
{
	AUTHORITY_KEYID *akid;
	int bad;

	akid = X509_CRL_get_ext_d2i(crl, NID_authority_key_identifier, NULL,
				    NULL);
	bad = akid && X509_check_akid(sign, akid) != X509_V_OK;
	AUTHORITY_KEYID_free(akid);
	if (bad)
		return "its authority key identifier is not the signing key's";
	if (X509_cmp_current_time(X509_CRL_get0_lastUpdate(crl)) != -1)
		return "it is not valid yet";
	if (!X509_CRL_get0_nextUpdate(crl))
		return "it has no next update";
	if (X509_cmp_current_time(X509_CRL_get0_nextUpdate(crl)) != 1)
		return "it has expired";
	if (X509_CRL_verify(crl, X509_get0_pubkey(sign)) != 1)
		return "its signature does not verify with the signing key";
	return NULL;
}

/*
 * The usable CRLs of the signing key, which list the host-key documents
 * it revoked: at least one is needed (libpv's "no valid CRL found").
 * Host-key document @doc names where it is published.
 */
static STACK_OF(X509_CRL) *signing_key_crls(const struct pki *p, X509 *doc)
{
	STACK_OF(X509_CRL) *ok = sk_X509_CRL_new_null();
	char name[TEXT_LEN], hint[2 * TEXT_LEN];
	const char *why;
	int i;

	if (!ok) {
		cr_print_errors("CRL");
		return NULL;
	}
	for (i = 0; i < sk_X509_CRL_num(p->crls); i++) {
		X509_CRL *crl = sk_X509_CRL_value(p->crls, i);

		if (!names_eq(X509_get_subject_name(p->sign),
			      X509_CRL_get_issuer(crl), 1))
			continue;
		why = crl_unusable(crl, p->sign);
		ERR_clear_error();
		if (why)
			cli_err("warning: a CRL of the IBM Z signing key is not used: %s",
				why);
		else if (!sk_X509_CRL_push(ok, crl))
			goto err;
	}
	if (sk_X509_CRL_num(ok))
		return ok;
	refuse(NULL, "no valid CRL of the IBM Z signing key '%s' to check the host-key documents for revocation; %s",
	       subject_of(p->sign, name, sizeof(name)),
	       crl_hint(p->offline, doc, hint, sizeof(hint)));
err:
	sk_X509_CRL_free(ok);
	return NULL;
}

/*
 * One host-key document: issued by the signing key (name, signature,
 * key identifier), within its validity period, not revoked.
 */
static int verify_hkd(const struct pki *p, X509 *x, const char *path,
		      STACK_OF(X509_CRL) *crls)
{
	char a[TEXT_LEN], b[TEXT_LEN];
	AUTHORITY_KEYID *akid;
	X509_REVOKED *rev;
	int i, rc = -1, bad;

	if (!names_eq(X509_get_issuer_name(x), X509_get_subject_name(p->sign), 0)) {
		refuse(path, "its issuer '%s' is not the IBM Z signing key '%s'",
		       name_of(X509_get_issuer_name(x), a, sizeof(a)),
		       subject_of(p->sign, b, sizeof(b)));
		goto out;
	}
	if (X509_verify(x, X509_get0_pubkey(p->sign)) != 1) {
		refuse(path, "it is not signed by the IBM Z signing key (the signature does not verify)");
		goto out;
	}
	akid = X509_get_ext_d2i(x, NID_authority_key_identifier, NULL, NULL);
	bad = akid && X509_check_akid(p->sign, akid) != X509_V_OK;
	AUTHORITY_KEYID_free(akid);
	if (bad) {
		refuse(path, "its authority key identifier is not the IBM Z signing key's");
		goto out;
	}
	if (X509_cmp_current_time(X509_get0_notBefore(x)) != -1) {
		refuse(path, "it is not valid yet (valid from %s)",
		       time_of(X509_get0_notBefore(x), a, sizeof(a)));
		goto out;
	}
	if (X509_cmp_current_time(X509_get0_notAfter(x)) != 1) {
		refuse(path, "it has expired (valid until %s)",
		       time_of(X509_get0_notAfter(x), a, sizeof(a)));
		goto out;
	}
	for (i = 0; i < sk_X509_CRL_num(crls); i++) {
		rev = NULL;
		if (X509_CRL_get0_by_serial(sk_X509_CRL_value(crls, i), &rev,
					    X509_get0_serialNumber(x)) == 1 &&
		    rev) {
			refuse(path, "it is revoked (CRL of the IBM Z signing key, since %s)",
			       time_of(X509_REVOKED_get0_revocationDate(rev), a,
				       sizeof(a)));
			goto out;
		}
	}
	rc = 0;
out:
	ERR_clear_error();
	return rc;
}

int hkd_verify(const struct hkd_verify_opts *v, X509 *const *docs,
	       char *const *paths, int n)
{
	STACK_OF(X509_CRL) *crls = NULL;
	struct pki p = { 0 };
	int i, rc = -1;

	if (v->no_verify) {
		cli_err("warning: --no-verify: the host-key documents are NOT verified; a host that hands over a key of its own can read what is encrypted to it");
		return 0;
	}
	if (!v->ncert && !v->ncrl && !v->root_ca && !v->offline) {
		/* as pvattest and pvsecret: an unverified key only on request */
		refuse(NULL, "the host-key document is not verified: give the certificates of the IBM Z host-key signing key and its CA with --cert (and their CRLs with --crl), or --no-verify for a test key");
		return -1;
	}
	if (!v->ncert) {
		refuse(NULL, "no --cert given: the certificates of the IBM Z host-key signing key and of its intermediate CA are needed");
		return -1;
	}
	if (pki_init(&p, v) || find_signing_key(&p) || verify_chain(&p))
		goto out;
	crls = signing_key_crls(&p, docs[0]);
	if (!crls)
		goto out;
	for (i = 0; i < n; i++)
		if (verify_hkd(&p, docs[i], paths[i], crls))
			goto out;
	rc = 0;
out:
	sk_X509_CRL_free(crls);
	pki_free(&p);
	return rc;
}
