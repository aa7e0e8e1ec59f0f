// SPDX-License-Identifier: GPL-2.0
/*
 * The previous P-521 implementation of the software ultravisor, kept only
 * as a reference for the KUnit cross-checks of swuv_p521.c (built with
 * "make SECEX_KUNIT=1" only).  It shares no code with swuv_p521.c (whose
 * 32-bit field layer started as a copy of the field code here, but 64-bit
 * builds use the 58-bit limbs), so a mistake in the field layer or in the
 * windowed scalar multiplication there shows up as a mismatch.  Slow: a
 * bit-by-bit ladder of complete additions; do not call it elsewhere.
 *
 * - field elements mod p = 2^521 - 1 as seventeen 32-bit words, always
 *   fully reduced;
 * - points in homogeneous projective coordinates with the complete
 *   addition formula for a = -3 of Renes, Costello and Batina (2016);
 * - scalar multiplication by a Montgomery ladder over all 521 bits with
 *   masked conditional swaps.
 *
 * Zeroization as in swuv_p521.c: every function wipes the stack copies it
 * made of values that may derive from a private scalar.
 */
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/types.h>
#include "swuv.h"
#include "swuv_p521_ref.h"
#include "swuv_p521_fe32.h"

#define P521_BITS	521

struct p521_point {
	struct fe x, y, z;
};

static const u8 p521_b[SWUV_P521_BYTES] = {
	0x00, 0x51, 0x95, 0x3e, 0xb9, 0x61, 0x8e, 0x1c, 0x9a, 0x1f, 0x92,
	0x9a, 0x21, 0xa0, 0xb6, 0x85, 0x40, 0xee, 0xa2, 0xda, 0x72, 0x5b,
	0x99, 0xb3, 0x15, 0xf3, 0xb8, 0xb4, 0x89, 0x91, 0x8e, 0xf1, 0x09,
	0xe1, 0x56, 0x19, 0x39, 0x51, 0xec, 0x7e, 0x93, 0x7b, 0x16, 0x52,
	0xc0, 0xbd, 0x3b, 0xb1, 0xbf, 0x07, 0x35, 0x73, 0xdf, 0x88, 0x3d,
	0x2c, 0x34, 0xf1, 0xef, 0x45, 0x1f, 0xd4, 0x6b, 0x50, 0x3f, 0x00,
};

static const u8 p521_gx[SWUV_P521_BYTES] = {
	0x00, 0xc6, 0x85, 0x8e, 0x06, 0xb7, 0x04, 0x04, 0xe9, 0xcd, 0x9e,
	0x3e, 0xcb, 0x66, 0x23, 0x95, 0xb4, 0x42, 0x9c, 0x64, 0x81, 0x39,
	0x05, 0x3f, 0xb5, 0x21, 0xf8, 0x28, 0xaf, 0x60, 0x6b, 0x4d, 0x3d,
	0xba, 0xa1, 0x4b, 0x5e, 0x77, 0xef, 0xe7, 0x59, 0x28, 0xfe, 0x1d,
	0xc1, 0x27, 0xa2, 0xff, 0xa8, 0xde, 0x33, 0x48, 0xb3, 0xc1, 0x85,
	0x6a, 0x42, 0x9b, 0xf9, 0x7e, 0x7e, 0x31, 0xc2, 0xe5, 0xbd, 0x66,
};

static const u8 p521_gy[SWUV_P521_BYTES] = {
	0x01, 0x18, 0x39, 0x29, 0x6a, 0x78, 0x9a, 0x3b, 0xc0, 0x04, 0x5c,
	0x8a, 0x5f, 0xb4, 0x2c, 0x7d, 0x1b, 0xd9, 0x98, 0xf5, 0x44, 0x49,
	0x57, 0x9b, 0x44, 0x68, 0x17, 0xaf, 0xbd, 0x17, 0x27, 0x3e, 0x66,
	0x2c, 0x97, 0xee, 0x72, 0x99, 0x5e, 0xf4, 0x26, 0x40, 0xc5, 0x50,
	0xb9, 0x01, 0x3f, 0xad, 0x07, 0x61, 0x35, 0x3c, 0x70, 0x86, 0xa2,
	0x72, 0xc2, 0x40, 0x88, 0xbe, 0x94, 0x76, 0x9f, 0xd1, 0x66, 0x50,
};

/* Group order n. */
static const u8 p521_n[SWUV_P521_BYTES] = {
	0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xfa, 0x51, 0x86, 0x87, 0x83, 0xbf, 0x2f, 0x96, 0x6b, 0x7f, 0xcc,
	0x01, 0x48, 0xf7, 0x09, 0xa5, 0xd0, 0x3b, 0xb5, 0xc9, 0xb8, 0x89,
	0x9c, 0x47, 0xae, 0xbb, 0x6f, 0xb7, 0x1e, 0x91, 0x38, 0x64, 0x09,
};

/* Load 66 big-endian bytes into 17 little-endian-ordered words. */
static void words_from_be(u32 w[FE_WORDS], const u8 b[SWUV_P521_BYTES])
{
	unsigned int i, j;

	memset(w, 0, FE_WORDS * sizeof(*w));
	for (i = 0; i < SWUV_P521_BYTES; i++) {
		j = SWUV_P521_BYTES - 1 - i;	/* byte number from the LSB */
		w[j / 4] |= (u32)b[i] << (8 * (j % 4));
	}
}

/* Returns 1 if a < b, else 0, in constant time. */
static u32 words_lt(const u32 a[FE_WORDS], const u32 b[FE_WORDS])
{
	u64 borrow = 0;
	unsigned int i;

	for (i = 0; i < FE_WORDS; i++) {
		u64 d = (u64)a[i] - b[i] - borrow;

		borrow = (d >> 32) & 1;
	}
	return (u32)borrow;
}

/* r = a^(p-2) = 1/a; the exponent 2^521 - 3 is public. */
static void fe_inv(struct fe *r, const struct fe *a)
{
	struct fe x = *a;
	int i;

	for (i = P521_BITS - 2; i >= 0; i--) {
		fe_sqr(&x, &x);
		if (i != 1)
			fe_mul(&x, &x, a);
	}
	*r = x;
	memzero_explicit(&x, sizeof(x));
}

static bool fe_equal(const struct fe *a, const struct fe *b)
{
	return !memcmp(a->w, b->w, sizeof(a->w));
}

static void fe_cswap(struct fe *a, struct fe *b, u32 mask)
{
	unsigned int i;

	for (i = 0; i < FE_WORDS; i++) {
		u32 t = mask & (a->w[i] ^ b->w[i]);

		a->w[i] ^= t;
		b->w[i] ^= t;
	}
}

/* y^2 == x^3 - 3x + b */
static bool p521_on_curve(const struct fe *x, const struct fe *y)
{
	struct fe l, r, t, b;

	fe_sqr(&l, y);
	fe_sqr(&r, x);
	fe_mul(&r, &r, x);
	fe_add(&t, x, x);
	fe_add(&t, &t, x);
	fe_sub(&r, &r, &t);
	words_from_be(b.w, p521_b);
	fe_add(&r, &r, &b);
	return fe_equal(&l, &r);
}

/*
 * Complete addition for a = -3 (Renes-Costello-Batina, algorithm 4).
 * Valid for all inputs, including P == Q and the identity (0:1:0).
 */
static void p521_add(struct p521_point *r, const struct p521_point *p,
		     const struct p521_point *q, const struct fe *b)
{
	struct fe t0, t1, t2, t3, t4, x3, y3, z3;

	fe_mul(&t0, &p->x, &q->x);
	fe_mul(&t1, &p->y, &q->y);
	fe_mul(&t2, &p->z, &q->z);
	fe_add(&t3, &p->x, &p->y);
	fe_add(&t4, &q->x, &q->y);
	fe_mul(&t3, &t3, &t4);
	fe_add(&t4, &t0, &t1);
	fe_sub(&t3, &t3, &t4);
	fe_add(&t4, &p->y, &p->z);
	fe_add(&x3, &q->y, &q->z);
	fe_mul(&t4, &t4, &x3);
	fe_add(&x3, &t1, &t2);
	fe_sub(&t4, &t4, &x3);
	fe_add(&x3, &p->x, &p->z);
	fe_add(&y3, &q->x, &q->z);
	fe_mul(&x3, &x3, &y3);
	fe_add(&y3, &t0, &t2);
	fe_sub(&y3, &x3, &y3);
	fe_mul(&z3, b, &t2);
	fe_sub(&x3, &y3, &z3);
	fe_add(&z3, &x3, &x3);
	fe_add(&x3, &x3, &z3);
	fe_sub(&z3, &t1, &x3);
	fe_add(&x3, &t1, &x3);
	fe_mul(&y3, b, &y3);
	fe_add(&t1, &t2, &t2);
	fe_add(&t2, &t1, &t2);
	fe_sub(&y3, &y3, &t2);
	fe_sub(&y3, &y3, &t0);
	fe_add(&t1, &y3, &y3);
	fe_add(&y3, &t1, &y3);
	fe_add(&t1, &t0, &t0);
	fe_add(&t0, &t1, &t0);
	fe_sub(&t0, &t0, &t2);
	fe_mul(&t1, &t4, &y3);
	fe_mul(&t2, &t0, &y3);
	fe_mul(&y3, &x3, &z3);
	fe_add(&y3, &y3, &t2);
	fe_mul(&x3, &x3, &t3);
	fe_sub(&x3, &x3, &t1);
	fe_mul(&z3, &z3, &t4);
	fe_mul(&t1, &t3, &t0);
	fe_add(&z3, &z3, &t1);

	r->x = x3;
	r->y = y3;
	r->z = z3;
	memzero_explicit(&t0, sizeof(t0));
	memzero_explicit(&t1, sizeof(t1));
	memzero_explicit(&t2, sizeof(t2));
	memzero_explicit(&t3, sizeof(t3));
	memzero_explicit(&t4, sizeof(t4));
	memzero_explicit(&x3, sizeof(x3));
	memzero_explicit(&y3, sizeof(y3));
	memzero_explicit(&z3, sizeof(z3));
}

struct p521_ladder {
	struct p521_point r0, r1;
	struct fe b;
};

/*
 * Affine result of k * (x, y) into @out (x then y, 66 bytes each).  @k is a
 * 66-byte big-endian scalar below 2^521.  Fails if the result is the
 * identity.
 */
static int p521_mul(const u8 k[SWUV_P521_BYTES], const struct fe *x,
		    const struct fe *y, u8 out_x[SWUV_P521_BYTES],
		    u8 out_y[SWUV_P521_BYTES])
{
	struct p521_ladder l;
	struct fe zinv;
	int i, ret = 0;

	words_from_be(l.b.w, p521_b);
	fe_set_small(&l.r0.x, 0);
	fe_set_small(&l.r0.y, 1);
	fe_set_small(&l.r0.z, 0);
	l.r1.x = *x;
	l.r1.y = *y;
	fe_set_small(&l.r1.z, 1);

	for (i = P521_BITS - 1; i >= 0; i--) {
		u32 bit = (k[SWUV_P521_BYTES - 1 - i / 8] >> (i % 8)) & 1;
		u32 mask = 0U - bit;

		fe_cswap(&l.r0.x, &l.r1.x, mask);
		fe_cswap(&l.r0.y, &l.r1.y, mask);
		fe_cswap(&l.r0.z, &l.r1.z, mask);
		p521_add(&l.r1, &l.r0, &l.r1, &l.b);
		p521_add(&l.r0, &l.r0, &l.r0, &l.b);
		fe_cswap(&l.r0.x, &l.r1.x, mask);
		fe_cswap(&l.r0.y, &l.r1.y, mask);
		fe_cswap(&l.r0.z, &l.r1.z, mask);
	}

	if (fe_is_zero(&l.r0.z)) {
		ret = -EINVAL;
		goto out;
	}
	fe_inv(&zinv, &l.r0.z);
	fe_mul(&l.r0.x, &l.r0.x, &zinv);
	fe_mul(&l.r0.y, &l.r0.y, &zinv);
	fe_to_be(out_x, &l.r0.x);
	if (out_y)
		fe_to_be(out_y, &l.r0.y);
out:
	memzero_explicit(&l, sizeof(l));
	memzero_explicit(&zinv, sizeof(zinv));
	return ret;
}

/* 0 if 1 <= @d < n, else -EINVAL.  Constant time in @d. */
static int ref_check_scalar(const u8 d[SWUV_P521_BYTES])
{
	u32 dw[FE_WORDS], nw[FE_WORDS], acc = 0;
	u32 lt;
	unsigned int i;

	words_from_be(dw, d);
	words_from_be(nw, p521_n);
	lt = words_lt(dw, nw);
	for (i = 0; i < FE_WORDS; i++)
		acc |= dw[i];
	memzero_explicit(dw, sizeof(dw));
	/* d < n implies the byte 0 high bits are clear. */
	return (lt & (acc != 0)) ? 0 : -EINVAL;
}

static void pad_coord(u8 out[SWUV_EC_COORD_SIZE], const u8 in[SWUV_P521_BYTES])
{
	memset(out, 0, SWUV_EC_COORD_SIZE - SWUV_P521_BYTES);
	memcpy(out + SWUV_EC_COORD_SIZE - SWUV_P521_BYTES, in, SWUV_P521_BYTES);
}

/* As swuv_p521_pubkey(). */
int swuv_p521_ref_pubkey(const u8 d[SWUV_P521_BYTES],
			 u8 pub[SWUV_EC_PUB_SIZE])
{
	u8 x[SWUV_P521_BYTES], y[SWUV_P521_BYTES];
	struct fe gx, gy;
	int ret;

	ret = ref_check_scalar(d);
	if (ret)
		return ret;
	words_from_be(gx.w, p521_gx);
	words_from_be(gy.w, p521_gy);
	ret = p521_mul(d, &gx, &gy, x, y);
	if (!ret) {
		pad_coord(pub, x);
		pad_coord(pub + SWUV_EC_COORD_SIZE, y);
	}
	return ret;
}

/* Load a padded public point and check that it lies on the curve. */
static int p521_load_point(const u8 pub[SWUV_EC_PUB_SIZE], struct fe *x,
			   struct fe *y)
{
	const unsigned int pad = SWUV_EC_COORD_SIZE - SWUV_P521_BYTES;

	if (memchr_inv(pub, 0, pad) ||
	    memchr_inv(pub + SWUV_EC_COORD_SIZE, 0, pad))
		return -EINVAL;
	if (fe_from_be(x, pub + pad) ||
	    fe_from_be(y, pub + SWUV_EC_COORD_SIZE + pad))
		return -EINVAL;
	return p521_on_curve(x, y) ? 0 : -EINVAL;
}

/* As swuv_p521_ecdh(). */
int swuv_p521_ref_ecdh(const u8 d[SWUV_P521_BYTES],
		       const u8 peer[SWUV_EC_PUB_SIZE], u8 z[SWUV_P521_BYTES])
{
	struct fe x, y;
	int ret;

	ret = ref_check_scalar(d);
	if (ret)
		return ret;
	ret = p521_load_point(peer, &x, &y);
	if (ret)
		return ret;
	return p521_mul(d, &x, &y, z, NULL);
}
