/* SPDX-License-Identifier: GPL-2.0 */
/*
 * P-521 field arithmetic on 32-bit words, for architectures without a
 * 64 x 64 -> 128-bit product.  Included by swuv_p521.c, which describes
 * the interface, and by the KUnit reference (swuv_p521_ref.c, the earlier
 * P-521 code), which needs no fe_scale() or fe_cmov(): those two are
 * __maybe_unused.
 *
 * An element is seventeen 32-bit words, always fully reduced (below p);
 * products use 64-bit accumulators only.  Every operation's result is
 * canonical, so the bounds that the 64-bit field layer has to respect do
 * not arise here.
 */
#ifndef _SWUV_P521_FE32_H
#define _SWUV_P521_FE32_H

#define FE_WORDS	17
#define FE_TOP_BITS	9	/* 521 = 16 * 32 + 9 */
#define FE_TOP_MASK	((1U << FE_TOP_BITS) - 1)

struct fe {
	u32 w[FE_WORDS];
};

static void fe_set_small(struct fe *r, u32 x)
{
	memset(r, 0, sizeof(*r));
	r->w[0] = x;
}

/*
 * @s holds a value below 2^521 + 2^521 (word 16 may use 10 bits).  Reduce
 * it to the canonical representative mod p.
 */
static void fe_reduce(struct fe *r, const u32 s[FE_WORDS])
{
	u32 t[FE_WORDS], u[FE_WORDS], mask;
	u64 c;
	unsigned int i;

	/* Fold bit 521: 2^521 == 1 (mod p).  Result <= 2^521. */
	c = s[FE_WORDS - 1] >> FE_TOP_BITS;
	for (i = 0; i < FE_WORDS; i++) {
		u32 v = s[i];

		if (i == FE_WORDS - 1)
			v &= FE_TOP_MASK;
		c += v;
		t[i] = (u32)c;
		c >>= 32;
	}
	/* t >= p iff t + 1 has bit 521 set; then t - p == (t + 1) mod 2^521. */
	c = 1;
	for (i = 0; i < FE_WORDS; i++) {
		c += t[i];
		u[i] = (u32)c;
		c >>= 32;
	}
	mask = 0U - ((u[FE_WORDS - 1] >> FE_TOP_BITS) & 1);
	for (i = 0; i < FE_WORDS; i++)
		r->w[i] = (t[i] & ~mask) | (u[i] & mask);
	r->w[FE_WORDS - 1] &= FE_TOP_MASK;
	memzero_explicit(t, sizeof(t));
	memzero_explicit(u, sizeof(u));
}

static void fe_add(struct fe *r, const struct fe *a, const struct fe *b)
{
	u32 s[FE_WORDS];
	u64 c = 0;
	unsigned int i;

	for (i = 0; i < FE_WORDS; i++) {
		c += (u64)a->w[i] + b->w[i];
		s[i] = (u32)c;
		c >>= 32;
	}
	fe_reduce(r, s);
	memzero_explicit(s, sizeof(s));
}

/* a - b == a + (p - b), and p - b is the 521-bit complement of b. */
static void fe_sub(struct fe *r, const struct fe *a, const struct fe *b)
{
	struct fe nb;
	unsigned int i;

	for (i = 0; i < FE_WORDS; i++)
		nb.w[i] = ~b->w[i];
	nb.w[FE_WORDS - 1] &= FE_TOP_MASK;
	fe_add(r, a, &nb);
	memzero_explicit(&nb, sizeof(nb));
}

/* r = k * a for a small public k >= 1, by additions. */
static void __maybe_unused fe_scale(struct fe *r, const struct fe *a, unsigned int k)
{
	struct fe t = *a;

	while (--k)
		fe_add(&t, &t, a);
	*r = t;
	memzero_explicit(&t, sizeof(t));
}

static void fe_mul(struct fe *r, const struct fe *a, const struct fe *b)
{
	u32 t[2 * FE_WORDS], s[FE_WORDS];
	unsigned int i, j;
	u64 c;

	memset(t, 0, sizeof(t));
	for (i = 0; i < FE_WORDS; i++) {
		c = 0;
		for (j = 0; j < FE_WORDS; j++) {
			c += (u64)a->w[i] * b->w[j] + t[i + j];
			t[i + j] = (u32)c;
			c >>= 32;
		}
		t[i + FE_WORDS] = (u32)c;
	}
	/* t = lo + 2^521 * hi, and 2^521 == 1: add hi = t >> 521 to lo. */
	c = 0;
	for (i = 0; i < FE_WORDS; i++) {
		u32 lo = t[i], hi;

		if (i == FE_WORDS - 1)
			lo &= FE_TOP_MASK;
		hi = t[FE_WORDS - 1 + i] >> FE_TOP_BITS;
		hi |= t[FE_WORDS + i] << (32 - FE_TOP_BITS);
		c += (u64)lo + hi;
		s[i] = (u32)c;
		c >>= 32;
	}
	fe_reduce(r, s);
	memzero_explicit(t, sizeof(t));
	memzero_explicit(s, sizeof(s));
}

static void fe_sqr(struct fe *r, const struct fe *a)
{
	fe_mul(r, a, a);
}

/* All ones if a == 0, else 0; constant time (a is canonical). */
static u64 fe_is_zero(const struct fe *a)
{
	u32 acc = 0;
	unsigned int i;

	for (i = 0; i < FE_WORDS; i++)
		acc |= a->w[i];
	return ((u64)((acc | (0U - acc)) >> 31)) - 1;
}

/* r = a where @mask is all ones, r unchanged where it is 0. */
static void __maybe_unused fe_cmov(struct fe *r, const struct fe *a, u64 mask)
{
	u32 m = (u32)mask;
	unsigned int i;

	for (i = 0; i < FE_WORDS; i++)
		r->w[i] ^= m & (r->w[i] ^ a->w[i]);
}

/* Load 66 big-endian bytes; fails unless the value is below p. */
static int fe_from_be(struct fe *r, const u8 b[SWUV_P521_BYTES])
{
	unsigned int i, j;
	u32 all_ones = 0;

	if (b[0] > 1)
		return -EINVAL;
	memset(r, 0, sizeof(*r));
	for (i = 0; i < SWUV_P521_BYTES; i++) {
		j = SWUV_P521_BYTES - 1 - i;	/* byte number from the LSB */
		r->w[j / 4] |= (u32)b[i] << (8 * (j % 4));
	}
	/* Below 2^521 by the b[0] check; equal to p only if all ones. */
	for (i = 0; i < FE_WORDS - 1; i++)
		all_ones |= ~r->w[i];
	all_ones |= r->w[FE_WORDS - 1] ^ FE_TOP_MASK;
	return all_ones ? 0 : -EINVAL;
}

static void fe_to_be(u8 b[SWUV_P521_BYTES], const struct fe *a)
{
	unsigned int i, j;

	for (i = 0; i < SWUV_P521_BYTES; i++) {
		j = SWUV_P521_BYTES - 1 - i;
		b[i] = (u8)(a->w[j / 4] >> (8 * (j % 4)));
	}
}

#endif /* _SWUV_P521_FE32_H */
