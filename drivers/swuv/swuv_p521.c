// SPDX-License-Identifier: GPL-2.0
/*
 * NIST P-521 (secp521r1) ECDH for the software ultravisor.
 *
 * Linux 6.1 has no P-521 ECDH, so this file carries a small, constant-time
 * implementation.  One attestation costs one ECDH, so its speed is the
 * attestation's speed:
 *
 * - field elements mod p = 2^521 - 1 behind one small interface with two
 *   implementations: nine 58-bit limbs with 128-bit products and lazy
 *   reduction where the compiler multiplies 64 x 64 -> 128 bits in one
 *   instruction (swuv_p521_fe64.h), else seventeen always fully reduced
 *   32-bit words (swuv_p521_fe32.h);
 * - points in Jacobian coordinates (X, Y, Z) ~ (X/Z^2, Y/Z^3), with the
 *   a = -3 doubling (3M + 5S) and the general addition (12M + 4S) of the
 *   Explicit-Formulas Database (dbl-2001-b, add-2007-bl);
 * - scalar multiplication with signed 5-bit windows: 105 digits in
 *   [-16, 16], five doublings and one addition of a table entry per digit.
 *   The entry is found by a masked scan over all 16 entries and negated by
 *   a masked select, so no branch and no memory address depends on the
 *   scalar.
 *
 * The addition formula fails for P + P, P + (-P) and the point at
 * infinity, which it cannot represent.  Infinity is tracked by a mask (the
 * accumulator before the first non-zero digit; a zero digit adds nothing)
 * and resolved by masked selects.  For a scalar 1 <= d < n and a point of
 * order n (every point on the curve: the cofactor is 1), the accumulator
 * before digit i is 32 K P, where K is the value of the digits above i and
 * |32 K| < n / 16 for every digit but the last one, so it can equal
 * +-(digit) P only if K = 0, i.e. at infinity.  At the last digit,
 * 32 K = n + digit is possible (d = n - 18, digit -9): there the addition is
 * a doubling, so the last step also doubles and selects that result when
 * the addition's inputs turn out equal.
 *
 * Public points are validated (coordinates below p, on the curve) before
 * use.  Byte strings are big-endian and converted byte by byte, so there is
 * no endianness assumption.
 *
 * Zeroization, one rule: every function wipes (memzero_explicit) the stack
 * copies it made of values that may derive from a private scalar before it
 * returns, helpers included; results go to the caller, whose rule it then
 * is.  Only functions that see public values alone (point validation, the
 * constant tables) wipe nothing.  The point formulas, the table lookup and
 * the inversion run thousands of times per scalar multiplication and take
 * their temporaries from its working set (struct p521_mul_ws) instead of
 * their own stack frames: those are the caller's copies, and one
 * kfree_sensitive() wipes them all at the end.
 */
#include <linux/build_bug.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/types.h>
#include "swuv.h"

/*
 * The field layer.  Either implementation provides struct fe and:
 *
 *   fe_set_small(r, x)      r = x (a small public constant)
 *   fe_add(r, a, b)         r = a + b
 *   fe_sub(r, a, b)         r = a - b
 *   fe_scale(r, a, k)       r = k * a for a public 1 <= k <= 8
 *   fe_mul(r, a, b)         r = a * b
 *   fe_sqr(r, a)            r = a^2
 *   fe_is_zero(a)           all ones if a == 0 (mod p), else 0
 *   fe_cmov(r, a, mask)     r = a if mask is all ones, unchanged if 0
 *   fe_from_be(r, bytes)    load 66 bytes, -EINVAL unless below p
 *   fe_to_be(bytes, a)      store the canonical value
 *
 * r may be one of the inputs.  All but fe_from_be() are constant time.
 * The 64-bit layer reduces lazily and states which results may feed which
 * inputs (its "tight" and "loose" bounds); the point formulas below keep to
 * them: fe_add() only of two values each at most a sum of two products,
 * differences or scalings; fe_sub() of at most a sum of two.
 *
 * s390 selects ARCH_SUPPORTS_INT128 only for clang, because gcc turns some
 * 128 x 128-bit products into libgcc calls the kernel lacks.  The 64-bit
 * layer only ever multiplies two 64-bit values (one MLGR on s390x), so it
 * is used there with gcc too; modpost would reject an unresolved libgcc
 * call.
 */
#if defined(__SIZEOF_INT128__) && \
	(defined(CONFIG_ARCH_SUPPORTS_INT128) || defined(CONFIG_S390))
#include "swuv_p521_fe64.h"
#else
#include "swuv_p521_fe32.h"
#endif

#define SC_WORDS	17	/* scalar as 32-bit words, for the range check */
#define P521_BITS	521
#define P521_WIN	5	/* window width */
#define P521_WINDOWS	105	/* 525 bits; bit 524, the top sign, is 0 */
#define P521_TAB	16	/* table entries: 1P .. 16P */

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

/* All ones if a == b, else 0, without a branch. */
static u64 ct_eq(u32 a, u32 b)
{
	u64 x = a ^ b;

	return ((x | (0 - x)) >> 63) - 1;
}

/* r = a^(2^n) for n >= 1. */
static void fe_sqr_n(struct fe *r, const struct fe *a, unsigned int n)
{
	fe_sqr(r, a);
	while (--n)
		fe_sqr(r, r);
}

/*
 * r = a^(p-2) = 1/a (0 for a == 0).  With e(k) = a^(2^k - 1) and
 * e(j + k) = e(j)^(2^k) e(k), build e(519) and take e(519)^4 a =
 * a^(2^521 - 3): 524 squarings and 13 multiplications, all public.
 * @tmp: P521_INV_TMP temporaries from the caller's working set.
 */
#define P521_INV_TMP	6
static void fe_inv(struct fe *r, const struct fe *a, struct fe *tmp)
{
	struct fe *e2 = &tmp[0], *e3 = &tmp[1], *e4 = &tmp[2], *e7 = &tmp[3];
	struct fe *x = &tmp[4], *t = &tmp[5];
	unsigned int k;

	fe_sqr(t, a);
	fe_mul(e2, t, a);
	fe_sqr(t, e2);
	fe_mul(e3, t, a);
	fe_sqr_n(t, e2, 2);
	fe_mul(e4, t, e2);
	fe_sqr_n(t, e4, 3);
	fe_mul(e7, t, e3);
	fe_sqr_n(t, e4, 4);
	fe_mul(x, t, e4);			/* e(8) */
	for (k = 8; k < 512; k *= 2) {		/* e(16) .. e(512) */
		fe_sqr_n(t, x, k);
		fe_mul(x, t, x);
	}
	fe_sqr_n(t, x, 7);
	fe_mul(x, t, e7);			/* e(519) */
	fe_sqr_n(t, x, 2);
	fe_mul(r, t, a);
}

struct p521_point {
	struct fe x, y, z;
};

static void p521_cmov(struct p521_point *r, const struct p521_point *a,
		      u64 mask)
{
	fe_cmov(&r->x, &a->x, mask);
	fe_cmov(&r->y, &a->y, mask);
	fe_cmov(&r->z, &a->z, mask);
}

/* y^2 == x^3 - 3x + b, for public affine coordinates. */
static bool p521_on_curve(const struct fe *x, const struct fe *y)
{
	struct fe l, r, t, b;

	fe_from_be(&b, p521_b);
	fe_sqr(&l, y);
	fe_sqr(&r, x);
	fe_mul(&r, &r, x);
	fe_scale(&t, x, 3);
	fe_sub(&r, &r, &t);
	fe_add(&r, &r, &b);
	fe_sub(&t, &l, &r);
	return fe_is_zero(&t);
}

/*
 * r = 2p (dbl-2001-b, a = -3).  r may be p.  Doubling the point at
 * infinity (Z = 0) gives Z = 0 again.  @tmp: P521_DBL_TMP temporaries.
 */
#define P521_DBL_TMP	6
static void p521_dbl(struct p521_point *r, const struct p521_point *p,
		     struct fe *tmp)
{
	struct fe *delta = &tmp[0], *gamma = &tmp[1], *beta = &tmp[2];
	struct fe *alpha = &tmp[3], *t = &tmp[4], *u = &tmp[5];

	fe_sqr(delta, &p->z);
	fe_sqr(gamma, &p->y);
	fe_mul(beta, &p->x, gamma);
	/* alpha = 3 (X - delta) (X + delta) = 3 X^2 + a Z^4 */
	fe_sub(t, &p->x, delta);
	fe_add(u, &p->x, delta);
	fe_mul(alpha, t, u);
	fe_scale(alpha, alpha, 3);
	/* Z3 = (Y + Z)^2 - gamma - delta = 2 Y Z; last read of p */
	fe_add(t, &p->y, &p->z);
	fe_sqr(t, t);
	fe_add(u, gamma, delta);
	fe_sub(&r->z, t, u);
	/* X3 = alpha^2 - 8 beta */
	fe_sqr(t, alpha);
	fe_scale(beta, beta, 4);
	fe_add(u, beta, beta);
	fe_sub(&r->x, t, u);
	/* Y3 = alpha (4 beta - X3) - 8 gamma^2 */
	fe_sub(t, beta, &r->x);
	fe_mul(t, alpha, t);
	fe_sqr(u, gamma);
	fe_scale(u, u, 8);
	fe_sub(&r->y, t, u);
}

/*
 * r = p + q (add-2007-bl) for p != +-q, neither at infinity.  r may be p
 * or q.  With @same not NULL, *same is set to all ones if p == q (both
 * differences zero: the result is then wrong and the caller must double
 * instead), else 0.  @tmp: P521_ADD_TMP temporaries.
 */
#define P521_ADD_TMP	12
static void p521_add(struct p521_point *r, const struct p521_point *p,
		     const struct p521_point *q, u64 *same, struct fe *tmp)
{
	struct fe *z1z1 = &tmp[0], *z2z2 = &tmp[1], *u1 = &tmp[2];
	struct fe *u2 = &tmp[3], *s1 = &tmp[4], *s2 = &tmp[5], *h = &tmp[6];
	struct fe *i = &tmp[7], *j = &tmp[8], *rr = &tmp[9], *v = &tmp[10];
	struct fe *t = &tmp[11];

	fe_sqr(z1z1, &p->z);
	fe_sqr(z2z2, &q->z);
	fe_mul(u1, &p->x, z2z2);
	fe_mul(u2, &q->x, z1z1);
	fe_mul(s1, &p->y, &q->z);
	fe_mul(s1, s1, z2z2);
	fe_mul(s2, &q->y, &p->z);
	fe_mul(s2, s2, z1z1);
	fe_sub(h, u2, u1);			/* H = U2 - U1 */
	fe_sub(rr, s2, s1);
	if (same)
		*same = fe_is_zero(h) & fe_is_zero(rr);
	fe_add(rr, rr, rr);			/* r = 2 (S2 - S1) */
	/* Z3 = 2 Z1 Z2 H; last read of p and q */
	fe_mul(t, &p->z, &q->z);
	fe_add(i, h, h);
	fe_mul(&r->z, t, i);
	fe_sqr(i, i);				/* I = (2H)^2 */
	fe_mul(j, h, i);			/* J = H I */
	fe_mul(v, u1, i);			/* V = U1 I */
	/* X3 = r^2 - J - 2V */
	fe_sqr(t, rr);
	fe_sub(t, t, j);
	fe_add(u2, v, v);
	fe_sub(&r->x, t, u2);
	/* Y3 = r (V - X3) - 2 S1 J */
	fe_sub(t, v, &r->x);
	fe_mul(t, rr, t);
	fe_mul(s1, s1, j);
	fe_add(s1, s1, s1);
	fe_sub(&r->y, t, s1);
}

/* Bit @i (public) of the big-endian scalar @k; 0 outside 0..527. */
static u32 sc_bit(const u8 k[SWUV_P521_BYTES], int i)
{
	if (i < 0 || i >= 8 * SWUV_P521_BYTES)
		return 0;
	return (k[SWUV_P521_BYTES - 1 - i / 8] >> (i % 8)) & 1;
}

/*
 * Signed digit @w of @k: bits 5w - 1 .. 5w + 4 read as
 * b[5w-1] + b[5w] + 2 b[5w+1] + 4 b[5w+2] + 8 b[5w+3] - 16 b[5w+4],
 * in [-16, 16].  The -16 b[5w+4] of one digit and the b[5w+4] 2^5 of the
 * next sum to b[5w+4] 2^4, so sum(digit(w) 2^(5w)) == k.  Returns the
 * magnitude; *neg is all ones for a negative digit.
 */
static u32 sc_digit(const u8 k[SWUV_P521_BYTES], int w, u64 *neg)
{
	int b = P521_WIN * w;
	u32 x, s;

	x = sc_bit(k, b - 1) + sc_bit(k, b) + 2 * sc_bit(k, b + 1) +
	    4 * sc_bit(k, b + 2) + 8 * sc_bit(k, b + 3);
	s = sc_bit(k, b + 4);
	*neg = 0 - (u64)s;
	/* 16 - x when negative, by a mask rather than a branch */
	return x ^ ((x ^ (16 - x)) & (0U - s));
}

/*
 * r = tab[mag - 1], negated if @neg; all zero for mag 0.  Scans all
 * entries.  @ny: one temporary.
 */
static void p521_lookup(struct p521_point *r,
			const struct p521_point tab[P521_TAB], u32 mag,
			u64 neg, struct fe *ny)
{
	unsigned int i;

	memset(r, 0, sizeof(*r));
	for (i = 0; i < P521_TAB; i++)
		p521_cmov(r, &tab[i], ct_eq(i + 1, mag));
	fe_set_small(ny, 0);
	fe_sub(ny, ny, &r->y);
	fe_cmov(&r->y, ny, neg);
}

/*
 * The scalar multiplication's working set, about 5 KiB: too large for the
 * stack, and one allocation that kfree_sensitive() wipes at the end.  The
 * helpers take their temporaries from @tmp rather than from their own
 * stack frames, so no helper has anything of its own to wipe (and the
 * kernel's zero-initialisation of stack variables has nothing to clear on
 * every call).
 */
#define P521_TMP	P521_ADD_TMP	/* the most any helper needs */
struct p521_mul_ws {
	struct p521_point tab[P521_TAB];	/* 1P .. 16P */
	struct p521_point q;			/* the accumulator */
	struct p521_point sel;			/* +-tab[|digit| - 1] */
	struct p521_point sum;			/* q + sel */
	struct p521_point dbl;			/* 2q, for the last digit */
	struct fe zinv, t;
	struct fe tmp[P521_TMP];
};

static_assert(P521_TMP >= P521_DBL_TMP && P521_TMP >= P521_INV_TMP);

/*
 * Affine result of k * (x, y) into @out (x then y, 66 bytes each).  @k is a
 * 66-byte big-endian scalar with 1 <= k < n, (x, y) a point on the curve.
 * Fails if the result is the identity (it cannot be for such inputs) or
 * with -ENOMEM.
 */
static int p521_mul(const u8 k[SWUV_P521_BYTES], const struct fe *x,
		    const struct fe *y, u8 out_x[SWUV_P521_BYTES],
		    u8 out_y[SWUV_P521_BYTES])
{
	struct p521_mul_ws *ws;
	u64 q_inf, zero_digit, neg, same = 0;
	int w, i, ret = 0;
	u32 mag;

	ws = kmalloc(sizeof(*ws), GFP_KERNEL);
	if (!ws)
		return -ENOMEM;

	/* tab[i] = (i + 1) P: i P and P are distinct and not opposite. */
	ws->tab[0].x = *x;
	ws->tab[0].y = *y;
	fe_set_small(&ws->tab[0].z, 1);
	p521_dbl(&ws->tab[1], &ws->tab[0], ws->tmp);
	for (i = 2; i < P521_TAB; i++)
		p521_add(&ws->tab[i], &ws->tab[i - 1], &ws->tab[0], NULL,
			 ws->tmp);

	/* q starts at infinity: its coordinates mean nothing while q_inf. */
	memset(&ws->q, 0, sizeof(ws->q));
	q_inf = ~0ULL;
	for (w = P521_WINDOWS - 1; w >= 0; w--) {
		if (w != P521_WINDOWS - 1)
			for (i = 0; i < P521_WIN; i++)
				p521_dbl(&ws->q, &ws->q, ws->tmp);
		mag = sc_digit(k, w, &neg);
		zero_digit = ct_eq(mag, 0);
		p521_lookup(&ws->sel, ws->tab, mag, neg, ws->tmp);
		if (w) {
			p521_add(&ws->sum, &ws->q, &ws->sel, NULL, ws->tmp);
		} else {
			/* The one place where q == sel is possible. */
			p521_add(&ws->sum, &ws->q, &ws->sel, &same, ws->tmp);
			p521_dbl(&ws->dbl, &ws->q, ws->tmp);
			p521_cmov(&ws->sum, &ws->dbl,
				  same & ~q_inf & ~zero_digit);
		}
		/* q = q_inf ? sel : zero_digit ? q : q + sel */
		p521_cmov(&ws->q, &ws->sum, ~zero_digit);
		p521_cmov(&ws->q, &ws->sel, q_inf);
		q_inf &= zero_digit;
	}

	if (q_inf | fe_is_zero(&ws->q.z)) {
		ret = -EINVAL;
		goto out;
	}
	fe_inv(&ws->zinv, &ws->q.z, ws->tmp);
	fe_sqr(&ws->t, &ws->zinv);
	fe_mul(&ws->q.x, &ws->q.x, &ws->t);
	fe_to_be(out_x, &ws->q.x);
	if (out_y) {
		fe_mul(&ws->t, &ws->t, &ws->zinv);
		fe_mul(&ws->q.y, &ws->q.y, &ws->t);
		fe_to_be(out_y, &ws->q.y);
	}
out:
	kfree_sensitive(ws);
	return ret;
}

/* Load 66 big-endian bytes into 17 little-endian-ordered words. */
static void sc_from_be(u32 w[SC_WORDS], const u8 b[SWUV_P521_BYTES])
{
	unsigned int i, j;

	memset(w, 0, SC_WORDS * sizeof(*w));
	for (i = 0; i < SWUV_P521_BYTES; i++) {
		j = SWUV_P521_BYTES - 1 - i;	/* byte number from the LSB */
		w[j / 4] |= (u32)b[i] << (8 * (j % 4));
	}
}

/* Returns 1 if a < b, else 0, in constant time. */
static u32 sc_lt(const u32 a[SC_WORDS], const u32 b[SC_WORDS])
{
	u64 borrow = 0;
	unsigned int i;

	for (i = 0; i < SC_WORDS; i++) {
		u64 d = (u64)a[i] - b[i] - borrow;

		borrow = (d >> 32) & 1;
	}
	return (u32)borrow;
}

/**
 * swuv_p521_check_scalar() - check that @d is a valid private key
 * @d: big-endian scalar
 *
 * Return: 0 if 1 <= @d < n, else -EINVAL.  Constant time in @d.
 */
int swuv_p521_check_scalar(const u8 d[SWUV_P521_BYTES])
{
	u32 dw[SC_WORDS], nw[SC_WORDS], acc = 0;
	u32 lt;
	unsigned int i;

	sc_from_be(dw, d);
	sc_from_be(nw, p521_n);
	lt = sc_lt(dw, nw);
	for (i = 0; i < SC_WORDS; i++)
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

/**
 * swuv_p521_pubkey() - public key of a private scalar
 * @d: valid private scalar (see swuv_p521_check_scalar())
 * @pub: out: x and y, each left-padded to 80 bytes
 *
 * Return: 0, -EINVAL or -ENOMEM.
 */
int swuv_p521_pubkey(const u8 d[SWUV_P521_BYTES], u8 pub[SWUV_EC_PUB_SIZE])
{
	u8 x[SWUV_P521_BYTES], y[SWUV_P521_BYTES];
	struct fe gx, gy;
	int ret;

	ret = swuv_p521_check_scalar(d);
	if (ret)
		return ret;
	fe_from_be(&gx, p521_gx);
	fe_from_be(&gy, p521_gy);
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

/**
 * swuv_p521_ecdh() - ECDH shared secret
 * @d: valid private scalar
 * @peer: peer public key, x and y each left-padded to 80 bytes
 * @z: out: x coordinate of d * peer, 66 bytes big-endian
 *
 * Return: 0, -EINVAL for an invalid scalar or a point not on the curve, or
 * -ENOMEM.
 */
int swuv_p521_ecdh(const u8 d[SWUV_P521_BYTES],
		   const u8 peer[SWUV_EC_PUB_SIZE], u8 z[SWUV_P521_BYTES])
{
	struct fe x, y;
	int ret;

	ret = swuv_p521_check_scalar(d);
	if (ret)
		return ret;
	ret = p521_load_point(peer, &x, &y);
	if (ret)
		return ret;
	return p521_mul(d, &x, &y, z, NULL);
}
