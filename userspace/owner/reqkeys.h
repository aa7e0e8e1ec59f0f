/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Keys every SE request needs (customer key pair, protection key, IV, the
 * host keys), the key slots built from them, request sealing, and the
 * hidden --x-* options that fix the random values for known-answer tests.
 */
#ifndef SECEX_OWNER_REQKEYS_H
#define SECEX_OWNER_REQKEYS_H

#include <getopt.h>
#include <stddef.h>
#include <stdint.h>
#include <openssl/evp.h>

#include "../common/formats.h"
#include "hkd_verify.h"

#define MAX_HOST_KEYS 255

/* Values that are random unless fixed with a hidden --x-* option. */
struct fixed_vals {
	int iv_set, prot_set, cust_set, meas_set, nonce_set;
	uint8_t iv[GCM_IV_LEN];
	uint8_t prot[PROT_KEY_LEN];
	uint8_t cust[EC_COORD_LEN];
	size_t cust_len;
	uint8_t meas[64];
	uint8_t nonce[16];
};

enum {
	OPT_X_IV = 0x1000,
	OPT_X_PROT_KEY,
	OPT_X_CUST_KEY,
	OPT_X_MEAS_KEY,
	OPT_X_NONCE,
};

#define FIXED_LONG_OPTIONS					\
	{ "x-iv", required_argument, NULL, OPT_X_IV },		\
	{ "x-prot-key", required_argument, NULL, OPT_X_PROT_KEY }, \
	{ "x-cust-key", required_argument, NULL, OPT_X_CUST_KEY }, \
	{ "x-meas-key", required_argument, NULL, OPT_X_MEAS_KEY }, \
	{ "x-nonce", required_argument, NULL, OPT_X_NONCE }

/* Copy @len bytes of @val to @dst if @set, else fill @dst randomly. */
int fixed_or_random(uint8_t *dst, int set, const uint8_t *val, size_t len);

/*
 * The options of every request builder: host keys, how to verify them,
 * and fixed values.
 */
struct req_opts {
	char *hkd[MAX_HOST_KEYS];
	int nhkd;
	struct hkd_verify_opts vfy;
	struct fixed_vals fx;
};

/*
 * --host-key-document as in s390-tools, --hkd as before; --crt is
 * s390-tools' alias of --cert.  -k, -C and --crl take comma-separated
 * lists too, as in s390-tools.
 */
#define REQ_LONG_OPTIONS					\
	{ "host-key-document", required_argument, NULL, 'k' },	\
	{ "hkd", required_argument, NULL, 'k' },		\
	{ "crt", required_argument, NULL, 'C' },		\
	HKD_VERIFY_LONG_OPTIONS,				\
	FIXED_LONG_OPTIONS
#define REQ_SHORT_OPTIONS "k:" HKD_VERIFY_SHORT_OPTIONS

#define REQ_HKD_HELP							\
"  -k, --host-key-document FILE, --hkd FILE\n"				\
"                         host-key document (X.509, P-521) of a host the guest\n" \
"                         may run on; repeat for several hosts (up to 255)\n" \
HKD_VERIFY_HELP								\
"                         -k, -C (--crt) and --crl also take FILE,FILE,...\n"

/*
 * Take option @opt (from cli_getopt()) of REQ_LONG_OPTIONS into @r.
 * Returns -1 if it was one of them, else the exit code: EXIT_USAGE after
 * a message for an invalid value, cli_exit(@opt) for any other option.
 */
int req_opt(struct req_opts *r, int opt, char *arg);

struct req_keys {
	EVP_PKEY *cust;
	uint8_t prot[PROT_KEY_LEN];
	uint8_t iv[GCM_IV_LEN];
	EVP_PKEY *hosts[MAX_HOST_KEYS];
	int nhosts;
};

/*
 * Verify the host-key documents of @r (hkd_verify()), load their keys, and
 * generate (or take from @r) the rest.
 */
int req_keys_init(struct req_keys *k, const struct req_opts *r);
void req_keys_free(struct req_keys *k);
/* PHKH of a host key: SHA-256 of its coordinates. */
int phkh_of(EVP_PKEY *host, uint8_t out[PHKH_LEN]);
/* Write customer coords and one key slot per host key at @cpk / @slots. */
int req_put_keys(const struct req_keys *k, uint8_t *cpk, uint8_t *slots);
/*
 * Fill the generic header of the request @req (@len bytes, allocated) with
 * encrypted area size @sea, and encrypt [len-sea-16, len-16) in place, tag
 * at the end.  Hands @req out in *@out and *@out_len, or wipes and frees
 * it if that fails (-1).
 */
int req_seal(const struct req_keys *k, uint8_t *req, size_t len, size_t sea,
	     uint8_t **out, size_t *out_len);
/*
 * req_seal() for a request that signs itself: after the encryption,
 * @sign(@arg, @req, @len - 16) may change the authenticated part (it sees
 * the request with the encrypted part, without the tag); the tag is then
 * computed over what it left.  pvsecret's signed user data.
 */
int req_seal_signed(const struct req_keys *k, uint8_t *req, size_t len,
		    size_t sea, int (*sign)(void *arg, uint8_t *req, size_t len),
		    void *arg, uint8_t **out, size_t *out_len);

#endif /* SECEX_OWNER_REQKEYS_H */
