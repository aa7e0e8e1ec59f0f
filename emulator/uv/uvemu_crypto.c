// SPDX-License-Identifier: GPL-2.0
/*
 * Crypto of the emulated ultravisor, all from nettle/hogweed: P-521 ECDH,
 * AES-256-GCM, SHA-256, SHA-512, HMAC-SHA512, HKDF-SHA512, plus the Secure
 * Execution exchange-key derivation and key-slot unwrap (swuv_crypto.c).
 *
 * Every context and temporary that held key material is wiped before it
 * goes.  GMP may leave copies in memory it reallocated internally; that is
 * out of our reach without replacing GMP's allocator for the whole process,
 * which an emulator library must not do.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <gmp.h>
#include <nettle/bignum.h>
#include <nettle/ecc.h>
#include <nettle/ecc-curve.h>
#include <nettle/gcm.h>
#include <nettle/hkdf.h>
#include <nettle/hmac.h>
#include <nettle/memops.h>
#include <nettle/sha2.h>
#include <nettle/xts.h>
#include "uvemu_int.h"

void uvemu_wipe(void *p, size_t len)
{
	volatile uint8_t *v = p;

	while (len--)
		*v++ = 0;
}

int uvemu_memneq(const void *a, const void *b, size_t len)
{
	return !memeql_sec(a, b, len);
}

/* --- P-521 ------------------------------------------------------------------ */

static void mpz_wipe_clear(mpz_t z)
{
	size_t n = mpz_size(z);

	if (n)
		uvemu_wipe(mpz_limbs_modify(z, (mp_size_t)n),
			   n * sizeof(mp_limb_t));
	mpz_clear(z);
}

static void scalar_wipe_clear(struct ecc_scalar *s)
{
	uvemu_wipe(s->p, (size_t)ecc_size(s->ecc) * sizeof(mp_limb_t));
	ecc_scalar_clear(s);
}

static void point_wipe_clear(struct ecc_point *p)
{
	uvemu_wipe(p->p, 2 * (size_t)ecc_size(p->ecc) * sizeof(mp_limb_t));
	ecc_point_clear(p);
}

/* @d as a scalar: 0, or -EINVAL unless 1 <= d < n. */
static int scalar_load(struct ecc_scalar *s, const uint8_t d[UVEMU_P521_BYTES])
{
	mpz_t z;
	int ok;

	mpz_init(z);
	nettle_mpz_set_str_256_u(z, UVEMU_P521_BYTES, d);
	ok = ecc_scalar_set(s, z);
	mpz_wipe_clear(z);
	return ok ? 0 : -EINVAL;
}

/* Coordinates each left-padded to 80 bytes; the padding must be zero. */
static int point_load(struct ecc_point *p, const uint8_t pub[UVEMU_EC_PUB_SIZE])
{
	static const uint8_t zero[UVEMU_EC_COORD_SIZE - UVEMU_P521_BYTES];
	const size_t pad = sizeof(zero);
	mpz_t x, y;
	int ok;

	if (memcmp(pub, zero, pad) ||
	    memcmp(pub + UVEMU_EC_COORD_SIZE, zero, pad))
		return -EINVAL;
	mpz_init(x);
	mpz_init(y);
	nettle_mpz_set_str_256_u(x, UVEMU_P521_BYTES, pub + pad);
	nettle_mpz_set_str_256_u(y, UVEMU_P521_BYTES,
				 pub + UVEMU_EC_COORD_SIZE + pad);
	/* Checks 0 <= x, y < p and the curve equation. */
	ok = ecc_point_set(p, x, y);
	mpz_clear(x);
	mpz_clear(y);
	return ok ? 0 : -EINVAL;
}

static void point_store(const struct ecc_point *p,
			uint8_t pub[UVEMU_EC_PUB_SIZE])
{
	const size_t pad = UVEMU_EC_COORD_SIZE - UVEMU_P521_BYTES;
	mpz_t x, y;

	mpz_init(x);
	mpz_init(y);
	ecc_point_get(p, x, y);
	memset(pub, 0, UVEMU_EC_PUB_SIZE);
	nettle_mpz_get_str_256(UVEMU_P521_BYTES, pub + pad, x);
	nettle_mpz_get_str_256(UVEMU_P521_BYTES,
			       pub + UVEMU_EC_COORD_SIZE + pad, y);
	mpz_clear(x);
	mpz_clear(y);
}

/* 0 if 1 <= @d < n, else -EINVAL. */
int uvemu_p521_check_scalar(const uint8_t d[UVEMU_P521_BYTES])
{
	struct ecc_scalar s;
	int ret;

	ecc_scalar_init(&s, nettle_get_secp_521r1());
	ret = scalar_load(&s, d);
	scalar_wipe_clear(&s);
	return ret;
}

/* The public key dG of @d, coordinates padded to 80 bytes: 0 or -EINVAL. */
int uvemu_p521_pubkey(const uint8_t d[UVEMU_P521_BYTES],
		      uint8_t pub[UVEMU_EC_PUB_SIZE])
{
	const struct ecc_curve *ecc = nettle_get_secp_521r1();
	struct ecc_scalar s;
	struct ecc_point r;
	int ret;

	ecc_scalar_init(&s, ecc);
	ecc_point_init(&r, ecc);
	ret = scalar_load(&s, d);
	if (!ret) {
		ecc_point_mul_g(&r, &s);
		point_store(&r, pub);
	}
	point_wipe_clear(&r);
	scalar_wipe_clear(&s);
	return ret;
}

/*
 * ECDH: the x coordinate of d * @peer, 66 bytes.  -EINVAL for a scalar out
 * of range or a peer key that is not a P-521 point.  With a valid point
 * and 1 <= d < n the product is never the point at infinity (cofactor 1).
 */
int uvemu_p521_ecdh(const uint8_t d[UVEMU_P521_BYTES],
		    const uint8_t peer[UVEMU_EC_PUB_SIZE],
		    uint8_t z[UVEMU_P521_BYTES])
{
	const struct ecc_curve *ecc = nettle_get_secp_521r1();
	struct ecc_point p, r;
	struct ecc_scalar s;
	mpz_t x;
	int ret;

	ecc_point_init(&p, ecc);
	ecc_point_init(&r, ecc);
	ecc_scalar_init(&s, ecc);
	ret = point_load(&p, peer);
	if (!ret)
		ret = scalar_load(&s, d);
	if (!ret) {
		ecc_point_mul(&r, &s, &p);
		mpz_init(x);
		ecc_point_get(&r, x, NULL);
		nettle_mpz_get_str_256(UVEMU_P521_BYTES, z, x);
		mpz_wipe_clear(x);
	}
	scalar_wipe_clear(&s);
	point_wipe_clear(&r);
	ecc_point_clear(&p);
	return ret;
}

/* --- hashes, GCM ------------------------------------------------------------ */

void uvemu_sha256(const void *data, size_t len, uint8_t out[32])
{
	struct sha256_ctx ctx;

	sha256_init(&ctx);
	sha256_update(&ctx, len, data);
	sha256_digest(&ctx, SHA256_DIGEST_SIZE, out);
}

/* Public host key hash: SHA-256 over the padded coordinates x || y. */
void uvemu_phkh(const uint8_t pub[UVEMU_EC_PUB_SIZE],
		uint8_t phkh[UVEMU_PHKH_SIZE])
{
	uvemu_sha256(pub, UVEMU_EC_PUB_SIZE, phkh);
}

/*
 * AES-256-GCM decryption with a 16-byte tag, checked in constant time.
 * @pt gets @ct_len bytes only if the tag authenticates (0), else it is
 * left zeroed and -EBADMSG is returned.  @pt may not overlap @ct.
 */
int uvemu_gcm_decrypt(const uint8_t key[UVEMU_KEY_SIZE],
		      const uint8_t iv[UVEMU_IV_SIZE], const uint8_t *aad,
		      size_t aad_len, const uint8_t *ct, size_t ct_len,
		      const uint8_t tag[UVEMU_TAG_SIZE], uint8_t *pt)
{
	struct gcm_aes256_ctx ctx;
	uint8_t got[UVEMU_TAG_SIZE];
	int ret = 0;

	gcm_aes256_set_key(&ctx, key);
	gcm_aes256_set_iv(&ctx, UVEMU_IV_SIZE, iv);
	if (aad_len)
		gcm_aes256_update(&ctx, aad_len, aad);
	if (ct_len)
		gcm_aes256_decrypt(&ctx, ct_len, pt, ct);
	gcm_aes256_digest(&ctx, sizeof(got), got);
	if (!memeql_sec(got, tag, sizeof(got))) {
		uvemu_wipe(pt, ct_len);
		ret = -EBADMSG;
	}
	uvemu_wipe(&ctx, sizeof(ctx));
	uvemu_wipe(got, sizeof(got));
	return ret;
}

/* Exchange key: SHA-256(ECDH(@priv, @peer) || 00 00 00 01). */
int uvemu_exchange_key(const uint8_t priv[UVEMU_P521_BYTES],
		       const uint8_t peer[UVEMU_EC_PUB_SIZE],
		       uint8_t key[UVEMU_KEY_SIZE])
{
	uint8_t z[UVEMU_P521_BYTES + 4];
	int ret;

	ret = uvemu_p521_ecdh(priv, peer, z);
	if (!ret) {
		put_be32(z + UVEMU_P521_BYTES, 1);
		uvemu_sha256(z, sizeof(z), key);
	}
	uvemu_wipe(z, sizeof(z));
	return ret;
}

/*
 * The 32-byte protection key of one key slot (PHKH, wrapped key, tag):
 * GCM with the exchange key, an all-zero IV and no AAD.  0 or -EBADMSG.
 */
int uvemu_unwrap_slot(const uint8_t *slot,
		      const uint8_t exch_key[UVEMU_KEY_SIZE],
		      uint8_t prot_key[UVEMU_KEY_SIZE])
{
	static const uint8_t zero_iv[UVEMU_IV_SIZE];

	return uvemu_gcm_decrypt(exch_key, zero_iv, NULL, 0,
				 slot + UVEMU_PHKH_SIZE, UVEMU_KEY_SIZE,
				 slot + UVEMU_PHKH_SIZE + UVEMU_KEY_SIZE,
				 prot_key);
}

/* --- HMAC, HKDF ------------------------------------------------------------- */

/*
 * AES-256-XTS encryption of @len bytes (a whole number of blocks) with the
 * 64-byte key K1 || K2 and the 16-byte tweak, as a secure image's pages
 * are encrypted.  Return 0, or -EINVAL for a length XTS cannot take.
 */
int uvemu_xts_encrypt_page(const uint8_t key[2 * UVEMU_KEY_SIZE],
			   const uint8_t tweak[16], const uint8_t *in,
			   uint8_t *out, size_t len)
{
	struct xts_aes256_key ctx;

	if (len < XTS_BLOCK_SIZE)
		return -EINVAL;
	xts_aes256_set_encrypt_key(&ctx, key);
	xts_aes256_encrypt_message(&ctx, tweak, len, out, in);
	uvemu_wipe(&ctx, sizeof(ctx));
	return 0;
}

void uvemu_hmac_sha512(const uint8_t *key, size_t key_len,
		       const struct uvemu_iov *iov, size_t n,
		       uint8_t out[UVEMU_SHA512_SIZE])
{
	struct hmac_sha512_ctx ctx;
	size_t i;

	hmac_sha512_set_key(&ctx, key_len, key);
	for (i = 0; i < n; i++)
		if (iov[i].len)
			hmac_sha512_update(&ctx, iov[i].len, iov[i].base);
	hmac_sha512_digest(&ctx, SHA512_DIGEST_SIZE, out);
	uvemu_wipe(&ctx, sizeof(ctx));
}

/* HKDF (RFC 5869) with HMAC-SHA512; @okm_len at most 255 * 64. */
void uvemu_hkdf_sha512(const uint8_t *ikm, size_t ikm_len,
		       const uint8_t *salt, size_t salt_len,
		       const uint8_t *info, size_t info_len,
		       uint8_t *okm, size_t okm_len)
{
	struct hmac_sha512_ctx ctx;
	uint8_t prk[SHA512_DIGEST_SIZE];

	hmac_sha512_set_key(&ctx, salt_len, salt);
	hkdf_extract(&ctx, (nettle_hash_update_func *)hmac_sha512_update,
		     (nettle_hash_digest_func *)hmac_sha512_digest,
		     SHA512_DIGEST_SIZE, ikm_len, ikm, prk);
	hmac_sha512_set_key(&ctx, sizeof(prk), prk);
	hkdf_expand(&ctx, (nettle_hash_update_func *)hmac_sha512_update,
		    (nettle_hash_digest_func *)hmac_sha512_digest,
		    SHA512_DIGEST_SIZE, info_len, info, okm_len, okm);
	uvemu_wipe(&ctx, sizeof(ctx));
	uvemu_wipe(prk, sizeof(prk));
}

/* --- running SHA-512 -------------------------------------------------------- */

struct uvemu_runhash {
	struct sha512_ctx ctx;
};

struct uvemu_runhash *uvemu_runhash_new(void)
{
	struct uvemu_runhash *rh = calloc(1, sizeof(*rh));

	if (rh)
		sha512_init(&rh->ctx);
	return rh;
}

void uvemu_runhash_update(struct uvemu_runhash *rh, const void *data,
			  size_t len)
{
	sha512_update(&rh->ctx, len, data);
}

/* Digest of everything so far plus @tail, without consuming the state. */
void uvemu_runhash_peek(const struct uvemu_runhash *rh, const void *tail,
			size_t tail_len, uint8_t out[UVEMU_SHA512_SIZE])
{
	struct sha512_ctx copy = rh->ctx;

	sha512_update(&copy, tail_len, tail);
	sha512_digest(&copy, SHA512_DIGEST_SIZE, out);
	uvemu_wipe(&copy, sizeof(copy));
}

void uvemu_runhash_free(struct uvemu_runhash *rh)
{
	if (!rh)
		return;
	uvemu_wipe(rh, sizeof(*rh));
	free(rh);
}
