/* SPDX-License-Identifier: GPL-2.0 */
/*
 * P-521 field arithmetic on 64-bit limbs with 128-bit products, for the
 * 64-bit architectures whose compiler multiplies 64 x 64 -> 128 bits in
 * one instruction (x86_64, s390x).  Included by swuv_p521.c only; the
 * interface is described there.
 *
 * An element is nine limbs in radix 2^58 (9 * 58 = 522 bits), value
 * sum(v[i] * 2^(58 i)).  p = 2^521 - 1, so 2^521 == 1 and 2^522 == 2: a
 * product's columns above limb 8 fold back onto limbs 0..8 with a factor of
 * 2, and a carry out of the top limb (bit 521) adds to limb 0.  Nothing is
 * fully reduced until fe_canon(); the limbs stay within these bounds:
 *
 *   tight   limbs 0..7 < 2^58 + 2^13, limb 8 < 2^57: what fe_mul(),
 *           fe_sqr(), fe_sub(), fe_scale() and fe_from_be() return;
 *   loose   every limb < 2^61: fe_add() of two values each at most a sum
 *           of two tight ones.
 *
 * fe_mul() and fe_sqr() take loose inputs: a column holds at most 17
 * products of two limbs (the folded ones count twice), 17 * 2^122 < 2^127,
 * so the 128-bit accumulators cannot overflow.  fe_sub()'s subtrahend must
 * be at most three tight values added together (below 4p limb by limb).
 */
#ifndef _SWUV_P521_FE64_H
#define _SWUV_P521_FE64_H

#define FE_LIMBS	9
#define FE_RADIX	58
#define FE_MASK		((1ULL << FE_RADIX) - 1)
#define FE_TOP_RADIX	57			/* 521 - 8 * 58 */
#define FE_TOP_MASK	((1ULL << FE_TOP_RADIX) - 1)

struct fe {
	u64 v[FE_LIMBS];
};

static void fe_set_small(struct fe *r, u32 x)
{
	memset(r, 0, sizeof(*r));
	r->v[0] = x;
}

/*
 * One carry pass over limbs below 2^63: every limb to its radix, the carry
 * out of bit 521 back into limb 0.  The result is tight.
 */
static void fe_carry(struct fe *r)
{
	u64 c = 0;
	int i;

	for (i = 0; i < FE_LIMBS - 1; i++) {
		r->v[i] += c;
		c = r->v[i] >> FE_RADIX;
		r->v[i] &= FE_MASK;
	}
	r->v[8] += c;
	c = r->v[8] >> FE_TOP_RADIX;
	r->v[8] &= FE_TOP_MASK;
	r->v[0] += c;
	r->v[1] += r->v[0] >> FE_RADIX;
	r->v[0] &= FE_MASK;
}

/* r = a + b without carrying: inputs each below 2^60 a limb, result loose. */
static void fe_add(struct fe *r, const struct fe *a, const struct fe *b)
{
	int i;

	for (i = 0; i < FE_LIMBS; i++)
		r->v[i] = a->v[i] + b->v[i];
}

/*
 * r = a - b as a + 4p - b: 4p limb by limb is 2^60 - 4 (limbs 0..7) and
 * 2^59 - 4 (limb 8), above any subtrahend allowed here, so no limb goes
 * negative.  @a may be loose; the result is tight.
 */
static void fe_sub(struct fe *r, const struct fe *a, const struct fe *b)
{
	int i;

	for (i = 0; i < FE_LIMBS - 1; i++)
		r->v[i] = a->v[i] + ((1ULL << 60) - 4) - b->v[i];
	r->v[8] = a->v[8] + ((1ULL << 59) - 4) - b->v[8];
	fe_carry(r);
}

/* r = k * a for a small public k <= 8 and tight @a; the result is tight. */
static void fe_scale(struct fe *r, const struct fe *a, unsigned int k)
{
	int i;

	for (i = 0; i < FE_LIMBS; i++)
		r->v[i] = a->v[i] * k;
	fe_carry(r);
}

/*
 * The products keep their nine result limbs in scalar locals (registers,
 * or spill slots the compiler owns) until every column is done, as r may
 * be an input: no stack array to initialise or to wipe.
 *
 * Column k's sum (plus the carry from below) is in *acc: return its low 58
 * bits as limb k and leave the carry in *acc.
 */
static inline u64 fe_col_done(__uint128_t *acc)
{
	u64 limb = (u64)*acc & FE_MASK;

	*acc >>= FE_RADIX;
	return limb;
}

/*
 * Last step of a product, once the inputs are no longer read: @acc is limb
 * 8's column.  Limb 8 keeps 57 bits; the carry out of bit 521 (below 2^70)
 * adds to limb 0 (2^521 == 1) and limb 0's carry to limb 1.  Limbs 2..7
 * are stored by the caller.  The result is tight.
 */
static inline void fe_mul_finish(struct fe *r, u64 t0, u64 t1,
				 __uint128_t acc)
{
	r->v[8] = (u64)acc & FE_TOP_MASK;
	acc = (acc >> FE_TOP_RADIX) + t0;
	r->v[0] = (u64)acc & FE_MASK;
	r->v[1] = t1 + (u64)(acc >> FE_RADIX);
}

/*
 * r = a * b.  Column k sums a[i] b[j] over i + j == k plus, doubled,
 * i + j == k + 9 (2^522 == 2).  Loose inputs, tight result; r may be a
 * or b.
 */
static void fe_mul(struct fe *r, const struct fe *fa, const struct fe *fb)
{
	const u64 *a = fa->v, *b = fb->v;
	u64 t0, t1, t2, t3, t4, t5, t6, t7;
	__uint128_t acc;

#define M(i, j)	((__uint128_t)a[i] * b[j])
	acc = M(0, 0) +
	      ((M(1, 8) + M(2, 7) + M(3, 6) + M(4, 5) + M(5, 4) + M(6, 3) +
		M(7, 2) + M(8, 1)) << 1);
	t0 = fe_col_done(&acc);
	acc += M(0, 1) + M(1, 0) +
	       ((M(2, 8) + M(3, 7) + M(4, 6) + M(5, 5) + M(6, 4) + M(7, 3) +
		 M(8, 2)) << 1);
	t1 = fe_col_done(&acc);
	acc += M(0, 2) + M(1, 1) + M(2, 0) +
	       ((M(3, 8) + M(4, 7) + M(5, 6) + M(6, 5) + M(7, 4) +
		 M(8, 3)) << 1);
	t2 = fe_col_done(&acc);
	acc += M(0, 3) + M(1, 2) + M(2, 1) + M(3, 0) +
	       ((M(4, 8) + M(5, 7) + M(6, 6) + M(7, 5) + M(8, 4)) << 1);
	t3 = fe_col_done(&acc);
	acc += M(0, 4) + M(1, 3) + M(2, 2) + M(3, 1) + M(4, 0) +
	       ((M(5, 8) + M(6, 7) + M(7, 6) + M(8, 5)) << 1);
	t4 = fe_col_done(&acc);
	acc += M(0, 5) + M(1, 4) + M(2, 3) + M(3, 2) + M(4, 1) + M(5, 0) +
	       ((M(6, 8) + M(7, 7) + M(8, 6)) << 1);
	t5 = fe_col_done(&acc);
	acc += M(0, 6) + M(1, 5) + M(2, 4) + M(3, 3) + M(4, 2) + M(5, 1) +
	       M(6, 0) + ((M(7, 8) + M(8, 7)) << 1);
	t6 = fe_col_done(&acc);
	acc += M(0, 7) + M(1, 6) + M(2, 5) + M(3, 4) + M(4, 3) + M(5, 2) +
	       M(6, 1) + M(7, 0) + (M(8, 8) << 1);
	t7 = fe_col_done(&acc);
	acc += M(0, 8) + M(1, 7) + M(2, 6) + M(3, 5) + M(4, 4) + M(5, 3) +
	       M(6, 2) + M(7, 1) + M(8, 0);
#undef M
	r->v[2] = t2;
	r->v[3] = t3;
	r->v[4] = t4;
	r->v[5] = t5;
	r->v[6] = t6;
	r->v[7] = t7;
	fe_mul_finish(r, t0, t1, acc);
}

/*
 * r = a^2: as fe_mul() with each a[i] a[j], i != j, counted once and
 * doubled (45 products instead of 81).  Loose input, tight result.
 */
static void fe_sqr(struct fe *r, const struct fe *fa)
{
	const u64 *a = fa->v;
	u64 t0, t1, t2, t3, t4, t5, t6, t7;
	__uint128_t acc;

#define M(i, j)	((__uint128_t)a[i] * a[j])
	acc = M(0, 0) +
	      ((M(1, 8) + M(2, 7) + M(3, 6) + M(4, 5)) << 2);
	t0 = fe_col_done(&acc);
	acc += (M(0, 1) + M(5, 5) + ((M(2, 8) + M(3, 7) + M(4, 6)) << 1)) << 1;
	t1 = fe_col_done(&acc);
	acc += M(1, 1) + ((M(0, 2) + ((M(3, 8) + M(4, 7) + M(5, 6)) << 1)) << 1);
	t2 = fe_col_done(&acc);
	acc += (M(0, 3) + M(1, 2) + M(6, 6) + ((M(4, 8) + M(5, 7)) << 1)) << 1;
	t3 = fe_col_done(&acc);
	acc += M(2, 2) +
	       ((M(0, 4) + M(1, 3) + ((M(5, 8) + M(6, 7)) << 1)) << 1);
	t4 = fe_col_done(&acc);
	acc += (M(0, 5) + M(1, 4) + M(2, 3) + M(7, 7) + (M(6, 8) << 1)) << 1;
	t5 = fe_col_done(&acc);
	acc += M(3, 3) + ((M(0, 6) + M(1, 5) + M(2, 4) + (M(7, 8) << 1)) << 1);
	t6 = fe_col_done(&acc);
	acc += (M(0, 7) + M(1, 6) + M(2, 5) + M(3, 4) + M(8, 8)) << 1;
	t7 = fe_col_done(&acc);
	acc += M(4, 4) + ((M(0, 8) + M(1, 7) + M(2, 6) + M(3, 5)) << 1);
#undef M
	r->v[2] = t2;
	r->v[3] = t3;
	r->v[4] = t4;
	r->v[5] = t5;
	r->v[6] = t6;
	r->v[7] = t7;
	fe_mul_finish(r, t0, t1, acc);
}

/*
 * r = the canonical representative (limbs exactly at their radix, value
 * below p) of any element whose limbs are below 2^63.  Three exact carry
 * passes: the first leaves a carry out of bit 521 of at most 2^7, the
 * second at most 1 and then a value below 2^7, so the third carries
 * nothing out.  The value is then at most p, and p itself (all ones)
 * becomes 0.
 */
static void fe_canon(struct fe *r, const struct fe *a)
{
	u64 c, all_ones;
	int pass, i;

	*r = *a;
	for (pass = 0; pass < 3; pass++) {
		c = 0;
		for (i = 0; i < FE_LIMBS - 1; i++) {
			r->v[i] += c;
			c = r->v[i] >> FE_RADIX;
			r->v[i] &= FE_MASK;
		}
		r->v[8] += c;
		c = r->v[8] >> FE_TOP_RADIX;
		r->v[8] &= FE_TOP_MASK;
		r->v[0] += c;
	}
	all_ones = r->v[8] ^ FE_TOP_MASK;
	for (i = 0; i < FE_LIMBS - 1; i++)
		all_ones |= r->v[i] ^ FE_MASK;
	/* all_ones == 0 iff r == p: then clear every limb. */
	all_ones = ((all_ones | (0 - all_ones)) >> 63) - 1;
	for (i = 0; i < FE_LIMBS; i++)
		r->v[i] &= ~all_ones;
}

/* All ones if a == 0 (mod p), else 0; constant time. */
static u64 fe_is_zero(const struct fe *a)
{
	struct fe t;
	u64 acc = 0;
	int i;

	fe_canon(&t, a);
	for (i = 0; i < FE_LIMBS; i++)
		acc |= t.v[i];
	memzero_explicit(&t, sizeof(t));
	return ((acc | (0 - acc)) >> 63) - 1;
}

/* r = a where @mask is all ones, r unchanged where it is 0. */
static void fe_cmov(struct fe *r, const struct fe *a, u64 mask)
{
	int i;

	for (i = 0; i < FE_LIMBS; i++)
		r->v[i] ^= mask & (r->v[i] ^ a->v[i]);
}

/*
 * Load 66 big-endian bytes: byte j from the end holds bits 8j..8j+7, which
 * may straddle two limbs.  Fails unless the value is below p (public
 * values only: the result of the check is not hidden).
 */
static int fe_from_be(struct fe *r, const u8 b[SWUV_P521_BYTES])
{
	unsigned int j, bit, limb, off;
	u64 all_ones = 0;

	if (b[0] > 1)
		return -EINVAL;
	memset(r, 0, sizeof(*r));
	for (j = 0; j < SWUV_P521_BYTES; j++) {
		u64 byte = b[SWUV_P521_BYTES - 1 - j];

		bit = 8 * j;
		limb = bit / FE_RADIX;
		off = bit % FE_RADIX;
		r->v[limb] |= (byte << off) & FE_MASK;
		if (off > FE_RADIX - 8 && limb + 1 < FE_LIMBS)
			r->v[limb + 1] |= byte >> (FE_RADIX - off);
	}
	/* Below 2^521 by the b[0] check; equal to p only if all ones. */
	for (j = 0; j < FE_LIMBS - 1; j++)
		all_ones |= r->v[j] ^ FE_MASK;
	all_ones |= r->v[8] ^ FE_TOP_MASK;
	return all_ones ? 0 : -EINVAL;
}

/* Store the canonical value of @a as 66 big-endian bytes. */
static void fe_to_be(u8 b[SWUV_P521_BYTES], const struct fe *a)
{
	unsigned int j, bit, limb, off;
	struct fe t;

	fe_canon(&t, a);
	for (j = 0; j < SWUV_P521_BYTES; j++) {
		u64 byte;

		bit = 8 * j;
		limb = bit / FE_RADIX;
		off = bit % FE_RADIX;
		byte = t.v[limb] >> off;
		if (off > FE_RADIX - 8 && limb + 1 < FE_LIMBS)
			byte |= t.v[limb + 1] << (FE_RADIX - off);
		b[SWUV_P521_BYTES - 1 - j] = (u8)byte;
	}
	memzero_explicit(&t, sizeof(t));
}

#endif /* _SWUV_P521_FE64_H */
