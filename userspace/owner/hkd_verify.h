/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host-key document (HKD) verification, as s390-tools' pvattest, pvsecret
 * and genprotimg do it: an HKD must be signed by the IBM Z host-key
 * signing key, whose certificate chains through the given intermediate CA
 * to a trusted root, and no certificate on the way may be revoked or out
 * of its validity period.  Without it, a host can hand the owner a key of
 * its own and read every secret encrypted to it.
 */
#ifndef SECEX_OWNER_HKD_VERIFY_H
#define SECEX_OWNER_HKD_VERIFY_H

#include <getopt.h>
#include <openssl/x509.h>

#define HKD_VERIFY_MAX_FILES 32

struct hkd_verify_opts {
	const char *cert[HKD_VERIFY_MAX_FILES];
	const char *crl[HKD_VERIFY_MAX_FILES];
	int ncert, ncrl;
	const char *root_ca;
	int no_verify, offline;
};

/* Above the OPT_X_* of reqkeys.h; -C is --cert. */
enum {
	OPT_HKD_CRL = 0x1100,
	OPT_HKD_ROOT_CA,
	OPT_HKD_OFFLINE,
	OPT_HKD_NO_VERIFY,
};

#define HKD_VERIFY_LONG_OPTIONS					\
	{ "cert", required_argument, NULL, 'C' },		\
	{ "crl", required_argument, NULL, OPT_HKD_CRL },	\
	{ "root-ca", required_argument, NULL, OPT_HKD_ROOT_CA }, \
	{ "offline", no_argument, NULL, OPT_HKD_OFFLINE },	\
	{ "no-verify", no_argument, NULL, OPT_HKD_NO_VERIFY }
#define HKD_VERIFY_SHORT_OPTIONS "C:"

#define HKD_VERIFY_HELP							\
"  -C, --cert FILE        certificate of the IBM Z host-key signing key or of\n" \
"                         its intermediate CA (PEM or DER); repeat for both.\n" \
"                         With --cert (or --root-ca, --crl, --offline) the\n" \
"                         host-key documents are verified, see tools.md\n" \
"      --crl FILE         certificate revocation list (PEM or DER) of the\n" \
"                         root CA, the intermediate CA or the signing key;\n" \
"                         repeat for each\n"				\
"      --root-ca FILE     the root CA to trust (default: the system's CAs)\n" \
"      --offline          fetch no CRLs (this tool never does: give every\n" \
"                         CRL with --crl)\n"				\
"      --no-verify        do not verify the host-key documents (test keys);\n" \
"                         a warning says so\n"

/*
 * Take option @opt of HKD_VERIFY_LONG_OPTIONS into @v: 1 if it was one of
 * them, 0 if not, -1 after a usage message.
 */
int hkd_verify_opt(struct hkd_verify_opts *v, int opt, const char *arg);

/*
 * Verify the @n host-key documents @docs (read from @paths) as @v asks,
 * or warn that they are not verified.  Returns 0 if they may be used, -1
 * after a message that names the reason if not.
 */
int hkd_verify(const struct hkd_verify_opts *v, X509 *const *docs,
	       char *const *paths, int n);

#endif /* SECEX_OWNER_HKD_VERIFY_H */
