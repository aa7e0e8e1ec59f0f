// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites of the software ultravisor (secex_swuv).
 *
 * Built into secex_swuv only with "make SECEX_KUNIT=1" (see
 * drivers/swuv/Kbuild); the suites run when the module loads into a kernel
 * with CONFIG_KUNIT.
 *
 * swuv_p521 checks the P-521 code against NIST CAVP's ECC CDH primitive
 * vector and for input validation, and cross-checks it against the
 * previous implementation (swuv_p521_ref.c, linked only into test builds)
 * on edge-case and random scalars.  swuv_vectors decrypts and parses IBM's
 * s390-tools request vectors byte for byte.  Their host private key is not
 * published, so the exchange key is recovered from the other side:
 * ECDH(customer private key, host public key of host.pem.crt).
 */
#include <kunit/test.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "swuv.h"
#include "swuv_p521_ref.h"
#include <secex/compat.h>
#include "swuv_kunit_vectors.h"

/* The vectors' fixed parameters (testvectors/s390-tools/README.md). */
#define VEC_PROT_BYTE		0x17
#define VEC_MEAS_KEY_BYTE	0x77
#define VEC_NONCE_BYTE		0xab
#define VEC_ASSOC_BYTE		0x11
#define VEC_CUID_BYTE		0x42
#define VEC_PAF			0x7000000000000000ULL
#define VEC_SECRET_NAME		"add_secret_request"

static const u8 p521_order[SWUV_P521_BYTES] = {
	0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xfa, 0x51, 0x86, 0x87, 0x83, 0xbf, 0x2f, 0x96, 0x6b, 0x7f, 0xcc,
	0x01, 0x48, 0xf7, 0x09, 0xa5, 0xd0, 0x3b, 0xb5, 0xc9, 0xb8, 0x89,
	0x9c, 0x47, 0xae, 0xbb, 0x6f, 0xb7, 0x1e, 0x91, 0x38, 0x64, 0x09,
};

#define EXPECT_MEM(test, a, b, n)					\
	KUNIT_EXPECT_EQ_MSG(test, memcmp(a, b, n), 0, "%s != %s", #a, #b)

static bool all_bytes(const u8 *p, u8 v, size_t n)
{
	return !memchr_inv(p, v, n);
}

/* --- swuv_p521 ---------------------------------------------------------- */

static void p521_nist_ecdh(struct kunit *test)
{
	u8 z[SWUV_P521_BYTES];

	KUNIT_ASSERT_EQ(test, swuv_p521_ecdh(nist_d_iut, nist_qcavs, z), 0);
	EXPECT_MEM(test, z, nist_z_iut, sizeof(z));
}

static void p521_nist_pubkey(struct kunit *test)
{
	u8 pub[SWUV_EC_PUB_SIZE];

	KUNIT_ASSERT_EQ(test, swuv_p521_pubkey(nist_d_iut, pub), 0);
	EXPECT_MEM(test, pub, nist_qiut, sizeof(pub));
}

static void p521_scalar_range(struct kunit *test)
{
	u8 d[SWUV_P521_BYTES] = {};

	KUNIT_EXPECT_EQ(test, swuv_p521_check_scalar(d), -EINVAL);
	d[SWUV_P521_BYTES - 1] = 1;
	KUNIT_EXPECT_EQ(test, swuv_p521_check_scalar(d), 0);
	memcpy(d, p521_order, sizeof(d));
	KUNIT_EXPECT_EQ(test, swuv_p521_check_scalar(d), -EINVAL);
	d[SWUV_P521_BYTES - 1]--;
	KUNIT_EXPECT_EQ(test, swuv_p521_check_scalar(d), 0);
	memset(d, 0xff, sizeof(d));
	KUNIT_EXPECT_EQ(test, swuv_p521_check_scalar(d), -EINVAL);
}

static void p521_point_validation(struct kunit *test)
{
	u8 z[SWUV_P521_BYTES], pub[SWUV_EC_PUB_SIZE];

	memcpy(pub, nist_qcavs, sizeof(pub));
	pub[SWUV_EC_PUB_SIZE - 1] ^= 1;		/* y off the curve */
	KUNIT_EXPECT_EQ(test, swuv_p521_ecdh(nist_d_iut, pub, z), -EINVAL);

	memcpy(pub, nist_qcavs, sizeof(pub));
	pub[0] = 1;				/* padding not zero */
	KUNIT_EXPECT_EQ(test, swuv_p521_ecdh(nist_d_iut, pub, z), -EINVAL);

	memcpy(pub, nist_qcavs, sizeof(pub));
	memset(pub + SWUV_EC_COORD_SIZE - SWUV_P521_BYTES, 0xff,
	       SWUV_P521_BYTES);		/* x >= p */
	KUNIT_EXPECT_EQ(test, swuv_p521_ecdh(nist_d_iut, pub, z), -EINVAL);
}

static void p521_symmetric(struct kunit *test)
{
	u8 pa[SWUV_EC_PUB_SIZE], pb[SWUV_EC_PUB_SIZE];
	u8 za[SWUV_P521_BYTES], zb[SWUV_P521_BYTES];

	KUNIT_ASSERT_EQ(test, swuv_p521_pubkey(nist_d_iut, pa), 0);
	KUNIT_ASSERT_EQ(test, swuv_p521_pubkey(ibm_cust_priv, pb), 0);
	EXPECT_MEM(test, pb, ibm_cust_pub, sizeof(pb));
	KUNIT_ASSERT_EQ(test, swuv_p521_ecdh(nist_d_iut, pb, za), 0);
	KUNIT_ASSERT_EQ(test, swuv_p521_ecdh(ibm_cust_priv, pa, zb), 0);
	EXPECT_MEM(test, za, zb, sizeof(za));
}

/*
 * Scalars at the edges of the windowed scalar multiplication: small ones
 * (leading zero digits, the accumulator at infinity), ones just below n
 * (n - 18 makes the last addition a doubling) and around 2^520.
 */
struct p521_edge {
	const char *name;
	enum { P521_SMALL, P521_N_MINUS, P521_2POW520_PLUS } base;
	u8 delta;
};

static const struct p521_edge p521_edges[] = {
	{ "1", P521_SMALL, 1 },
	{ "2", P521_SMALL, 2 },
	{ "16", P521_SMALL, 16 },
	{ "17", P521_SMALL, 17 },
	{ "32", P521_SMALL, 32 },
	{ "33", P521_SMALL, 33 },
	{ "n-1", P521_N_MINUS, 1 },
	{ "n-2", P521_N_MINUS, 2 },
	{ "n-17", P521_N_MINUS, 17 },
	{ "n-18 (last addition doubles)", P521_N_MINUS, 18 },
	{ "n-19", P521_N_MINUS, 19 },
	{ "2^520", P521_2POW520_PLUS, 0 },
	{ "2^520+31", P521_2POW520_PLUS, 31 },
};

static void p521_edge_desc(const struct p521_edge *e, char *desc)
{
	strscpy(desc, e->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(p521_edge, p521_edges, p521_edge_desc);

static void p521_edge_scalar(const struct p521_edge *e,
			     u8 d[SWUV_P521_BYTES])
{
	int i, borrow = e->delta;

	memset(d, 0, SWUV_P521_BYTES);
	switch (e->base) {
	case P521_SMALL:
		d[SWUV_P521_BYTES - 1] = e->delta;
		break;
	case P521_N_MINUS:
		memcpy(d, p521_order, SWUV_P521_BYTES);
		for (i = SWUV_P521_BYTES - 1; i >= 0 && borrow; i--) {
			int v = d[i] - borrow;

			borrow = v < 0;
			d[i] = (u8)v;
		}
		break;
	case P521_2POW520_PLUS:
		d[0] = 1;
		d[SWUV_P521_BYTES - 1] = e->delta;
		break;
	}
}

/* Public key and ECDH (with the NIST peer) equal the reference's. */
static void p521_edge_vs_ref(struct kunit *test)
{
	const struct p521_edge *e = test->param_value;
	u8 d[SWUV_P521_BYTES], z[SWUV_P521_BYTES], zr[SWUV_P521_BYTES];
	u8 pub[SWUV_EC_PUB_SIZE], pubr[SWUV_EC_PUB_SIZE];

	p521_edge_scalar(e, d);
	KUNIT_ASSERT_EQ(test, swuv_p521_check_scalar(d), 0);
	KUNIT_ASSERT_EQ(test, swuv_p521_pubkey(d, pub), 0);
	KUNIT_ASSERT_EQ(test, swuv_p521_ref_pubkey(d, pubr), 0);
	EXPECT_MEM(test, pub, pubr, sizeof(pub));
	KUNIT_ASSERT_EQ(test, swuv_p521_ecdh(d, nist_qcavs, z), 0);
	KUNIT_ASSERT_EQ(test, swuv_p521_ref_ecdh(d, nist_qcavs, zr), 0);
	EXPECT_MEM(test, z, zr, sizeof(z));
}

#define P521_RANDOM_RUNS	8

static void p521_random_scalar(u8 d[SWUV_P521_BYTES])
{
	/* n is just below 2^521: almost every 521-bit value is a scalar. */
	do {
		get_random_bytes(d, SWUV_P521_BYTES);
		d[0] &= 1;
	} while (swuv_p521_check_scalar(d));
}

/*
 * Random scalars d and e: d's public key and ECDH(d, eG) equal the
 * reference's, and ECDH(d, eG) == ECDH(e, dG).
 */
static void p521_random_vs_ref(struct kunit *test)
{
	u8 d[SWUV_P521_BYTES], e[SWUV_P521_BYTES];
	u8 pd[SWUV_EC_PUB_SIZE], pe[SWUV_EC_PUB_SIZE], pr[SWUV_EC_PUB_SIZE];
	u8 zd[SWUV_P521_BYTES], ze[SWUV_P521_BYTES], zr[SWUV_P521_BYTES];
	unsigned int run;

	for (run = 0; run < P521_RANDOM_RUNS; run++) {
		p521_random_scalar(d);
		p521_random_scalar(e);
		KUNIT_ASSERT_EQ_MSG(test, swuv_p521_pubkey(d, pd), 0,
				    "run %u", run);
		KUNIT_ASSERT_EQ_MSG(test, swuv_p521_ref_pubkey(d, pr), 0,
				    "run %u", run);
		KUNIT_EXPECT_EQ_MSG(test, memcmp(pd, pr, sizeof(pd)), 0,
				    "run %u: public key %*phN", run,
				    SWUV_P521_BYTES, d);
		KUNIT_ASSERT_EQ_MSG(test, swuv_p521_pubkey(e, pe), 0,
				    "run %u", run);
		KUNIT_ASSERT_EQ_MSG(test, swuv_p521_ecdh(d, pe, zd), 0,
				    "run %u", run);
		KUNIT_ASSERT_EQ_MSG(test, swuv_p521_ecdh(e, pd, ze), 0,
				    "run %u", run);
		KUNIT_ASSERT_EQ_MSG(test, swuv_p521_ref_ecdh(d, pe, zr), 0,
				    "run %u", run);
		KUNIT_EXPECT_EQ_MSG(test, memcmp(zd, zr, sizeof(zd)), 0,
				    "run %u: ECDH with d %*phN", run,
				    SWUV_P521_BYTES, d);
		KUNIT_EXPECT_EQ_MSG(test, memcmp(zd, ze, sizeof(zd)), 0,
				    "run %u: ECDH(d, eG) != ECDH(e, dG)", run);
	}
	memzero_explicit(d, sizeof(d));
	memzero_explicit(e, sizeof(e));
}

static struct kunit_case swuv_p521_cases[] = {
	KUNIT_CASE(p521_nist_ecdh),
	KUNIT_CASE(p521_nist_pubkey),
	KUNIT_CASE(p521_scalar_range),
	KUNIT_CASE(p521_point_validation),
	KUNIT_CASE(p521_symmetric),
	KUNIT_CASE_PARAM(p521_edge_vs_ref, p521_edge_gen_params),
	KUNIT_CASE_SLOW(p521_random_vs_ref),
	{}
};

static struct kunit_suite swuv_p521_suite = {
	.name = "swuv_p521",
	.test_cases = swuv_p521_cases,
};

/* --- swuv_vectors --------------------------------------------------------- */

static void vec_exchange_key(struct kunit *test)
{
	u8 phkh[SWUV_PHKH_SIZE], key[SWUV_KEY_SIZE];

	KUNIT_ASSERT_EQ(test, swuv_sha256(ibm_host_pub, sizeof(ibm_host_pub),
					  phkh), 0);
	EXPECT_MEM(test, phkh, ibm_host_phkh, sizeof(phkh));
	KUNIT_ASSERT_EQ(test, swuv_exchange_key(ibm_cust_priv, ibm_host_pub,
						key), 0);
	EXPECT_MEM(test, key, ibm_exch_key, sizeof(key));
}

static void vec_keyslot(struct kunit *test)
{
	u8 prot[SWUV_KEY_SIZE], slot[SWUV_KEYSLOT_SIZE];

	EXPECT_MEM(test, ibm_keyslot, ibm_host_phkh, SWUV_PHKH_SIZE);
	KUNIT_ASSERT_EQ(test, swuv_unwrap_slot(ibm_keyslot, ibm_exch_key,
					       prot), 0);
	KUNIT_EXPECT_TRUE(test, all_bytes(prot, VEC_PROT_BYTE, sizeof(prot)));

	memcpy(slot, ibm_keyslot, sizeof(slot));
	slot[SWUV_KEYSLOT_SIZE - 1] ^= 1;
	KUNIT_EXPECT_EQ(test, swuv_unwrap_slot(slot, ibm_exch_key, prot),
			-EBADMSG);
}

static void vec_arcb(struct kunit *test)
{
	static const u8 ud[] = "swuv kunit user data";
	struct swuv_boot_tags tags;
	struct swuv_arcb_secrets s;
	u8 prot[SWUV_KEY_SIZE], meas[SWUV_MEAS_SIZE];
	u8 add[2 * SWUV_PHKH_SIZE], cuid[16];
	struct swuv_arcb a;

	KUNIT_ASSERT_EQ(test, swuv_arcb_parse(ibm_arcb, sizeof(ibm_arcb), &a),
			0);
	KUNIT_EXPECT_EQ(test, a.len, 0x190);
	KUNIT_EXPECT_EQ(test, a.nks, 1);
	KUNIT_EXPECT_EQ(test, a.sea, 80);
	KUNIT_EXPECT_EQ(test, a.paf, VEC_PAF);
	KUNIT_EXPECT_EQ(test, a.aad_len, 0xe0 + SWUV_KEYSLOT_SIZE);
	EXPECT_MEM(test, a.cpk, ibm_cust_pub, SWUV_EC_PUB_SIZE);
	EXPECT_MEM(test, a.slots, ibm_host_phkh, SWUV_PHKH_SIZE);
	KUNIT_EXPECT_EQ(test, swuv_add_data_size(a.paf), sizeof(add));

	KUNIT_ASSERT_EQ(test, swuv_unwrap_slot(a.slots, ibm_exch_key, prot),
			0);
	KUNIT_EXPECT_TRUE(test, all_bytes(prot, VEC_PROT_BYTE, sizeof(prot)));
	KUNIT_ASSERT_EQ(test, swuv_arcb_open(ibm_arcb, &a, prot, &s), 0);
	KUNIT_EXPECT_TRUE(test, all_bytes(s.meas_key, VEC_MEAS_KEY_BYTE,
					  sizeof(s.meas_key)));
	KUNIT_EXPECT_TRUE(test, all_bytes(s.nonce, VEC_NONCE_BYTE,
					  sizeof(s.nonce)));

	memset(tags.pld, 0x01, sizeof(tags.pld));
	memset(tags.ald, 0x02, sizeof(tags.ald));
	memset(tags.tld, 0x03, sizeof(tags.tld));
	memset(tags.tag, 0x04, sizeof(tags.tag));
	memset(cuid, VEC_CUID_BYTE, sizeof(cuid));
	memcpy(add, ibm_host_phkh, SWUV_PHKH_SIZE);
	memcpy(add + SWUV_PHKH_SIZE, ibm_host_phkh, SWUV_PHKH_SIZE);
	KUNIT_ASSERT_EQ(test, swuv_measure(&s, a.paf, &tags, cuid, ud,
					   sizeof(ud) - 1, add, sizeof(add),
					   meas), 0);
	EXPECT_MEM(test, meas, ibm_arcb_meas, sizeof(meas));
}

/* Parse a copy of the ARCB vector with one byte changed. */
static u16 arcb_mutated(struct kunit *test, unsigned int off, u8 val,
			u32 len)
{
	struct swuv_arcb a;
	u8 *buf;
	u16 rc;

	buf = kmemdup(ibm_arcb, sizeof(ibm_arcb), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	buf[off] = val;
	rc = swuv_arcb_parse(buf, len, &a);
	kfree(buf);
	return rc;
}

static void vec_arcb_errors(struct kunit *test)
{
	const u32 len = sizeof(ibm_arcb);
	struct swuv_arcb_secrets s;
	u8 prot[SWUV_KEY_SIZE];
	struct swuv_arcb a;
	u8 *buf;

	KUNIT_EXPECT_EQ(test, arcb_mutated(test, 0x0a, 0x02, len),
			SWUV_RC_ATT_VERSION);
	KUNIT_EXPECT_EQ(test, arcb_mutated(test, 0x3b, 0x02, len),
			SWUV_RC_ATT_MAI);
	KUNIT_EXPECT_EQ(test, arcb_mutated(test, 0x33, 0x01, len),
			SWUV_RC_ATT_PAF);
	KUNIT_EXPECT_EQ(test, arcb_mutated(test, 0x27, 0x00, len),
			SWUV_RC_ATT_NKS);
	KUNIT_EXPECT_EQ(test, arcb_mutated(test, 0x27, 0x05, len),
			SWUV_RC_ATT_NKS);
	KUNIT_EXPECT_EQ(test, arcb_mutated(test, 0x27, 0x02, len),
			SWUV_RC_ATT_LEN);
	KUNIT_EXPECT_EQ(test, arcb_mutated(test, 0x2f, 64, len),
			SWUV_RC_ATT_SEA);
	KUNIT_EXPECT_EQ(test, arcb_mutated(test, 0x00, 0x00, len - 1),
			SWUV_RC_ATT_LEN);
	KUNIT_EXPECT_EQ(test, arcb_mutated(test, 0x00, 0x00, 0xdf),
			SWUV_RC_ATT_LEN);

	/* The plaintext flags are authenticated. */
	buf = kmemdup(ibm_arcb, len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	buf[0x30] &= ~0x20;			/* drop the image PHKH flag */
	KUNIT_ASSERT_EQ(test, swuv_arcb_parse(buf, len, &a), 0);
	KUNIT_ASSERT_EQ(test, swuv_unwrap_slot(a.slots, ibm_exch_key, prot),
			0);
	KUNIT_EXPECT_EQ(test, swuv_arcb_open(buf, &a, prot, &s), -EBADMSG);
	kfree(buf);
}

struct asrcb_vec {
	const char *name;
	const u8 *data;
	u32 len;
	u16 type;
	unsigned int nks;
	u64 flags;
	bool cuid;
	u8 ext;			/* 0: zeros, 1: 0x17 bytes, 2: CCK-derived */
};

#define ASRCB_VEC(_n, _t, _k, _f, _c, _e)				\
	{ #_n, ibm_asrcb_##_n, sizeof(ibm_asrcb_##_n), _t, _k, _f, _c, _e }

static const struct asrcb_vec asrcb_vecs[] = {
	ASRCB_VEC(assoc_derived_default_cuid_one, 2, 1, 0, true, 2),
	ASRCB_VEC(assoc_none_default_cuid_one, 2, 1, 0, true, 0),
	ASRCB_VEC(assoc_simple_default_cuid_one, 2, 1, 0, true, 1),
	ASRCB_VEC(null_derived_default_cuid_one, 1, 1, 0, true, 2),
	ASRCB_VEC(null_none_default_cuid_one, 1, 1, 0, true, 0),
	ASRCB_VEC(null_none_default_cuid_seven, 1, 7, 0, true, 0),
	ASRCB_VEC(null_none_default_ncuid_one, 1, 1, 0, false, 0),
	ASRCB_VEC(null_none_dump_cuid_one, 1, 1, SWUV_ASRCB_FLAG_NO_DUMP,
		  true, 0),
	ASRCB_VEC(null_simple_default_cuid_one, 1, 1, 0, true, 1),
};

static void asrcb_vec_desc(const struct asrcb_vec *v, char *desc)
{
	strscpy(desc, v->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(asrcb, asrcb_vecs, asrcb_vec_desc);

/* One case per IBM vector, so that one failing vector hides no other. */
static void vec_asrcb(struct kunit *test)
{
	const struct asrcb_vec *v = test->param_value;
	u8 ext[SWUV_EXT_SECRET_SIZE], id[SWUV_SECRET_ID_SIZE];
	u8 prot[SWUV_KEY_SIZE], *pt;
	struct swuv_asrcb r;
	unsigned int i;

	KUNIT_ASSERT_EQ(test, swuv_asrcb_parse(v->data, v->len, &r), 0);
	KUNIT_EXPECT_EQ(test, r.len, v->len);
	KUNIT_EXPECT_EQ(test, r.ud_type, 0);
	KUNIT_EXPECT_EQ(test, r.type, v->type);
	KUNIT_EXPECT_EQ(test, r.nks, v->nks);
	KUNIT_EXPECT_EQ(test, r.flags, v->flags);
	KUNIT_EXPECT_EQ(test, r.secret_len, v->type == 2 ? 32 : 0);
	KUNIT_EXPECT_TRUE(test, all_bytes(r.tags, 0x01, 64));
	KUNIT_EXPECT_TRUE(test, all_bytes(r.tags + 64, 0x02, 64));
	KUNIT_EXPECT_TRUE(test, all_bytes(r.tags + 128, 0x03, 64));
	KUNIT_EXPECT_TRUE(test, all_bytes(r.tags + 192, 0x04, 16));
	KUNIT_EXPECT_TRUE(test, all_bytes(r.cuid, v->cuid ? VEC_CUID_BYTE : 0,
					  16));
	EXPECT_MEM(test, r.cpk, ibm_cust_pub, SWUV_EC_PUB_SIZE);
	EXPECT_MEM(test, r.tag, v->data + v->len - SWUV_TAG_SIZE,
		   SWUV_TAG_SIZE);

	for (i = 0; i < r.nks; i++) {
		const u8 *slot = r.slots + i * SWUV_KEYSLOT_SIZE;

		EXPECT_MEM(test, slot, ibm_host_phkh, SWUV_PHKH_SIZE);
		KUNIT_ASSERT_EQ(test, swuv_unwrap_slot(slot, ibm_exch_key,
						       prot), 0);
		KUNIT_EXPECT_TRUE(test, all_bytes(prot, VEC_PROT_BYTE,
						  sizeof(prot)));
	}

	pt = kunit_kzalloc(test, r.sea, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, pt);
	KUNIT_ASSERT_EQ(test, swuv_asrcb_open(v->data, &r, prot, pt), 0);
	if (v->type == 2) {
		KUNIT_EXPECT_TRUE(test, all_bytes(pt, VEC_ASSOC_BYTE, 32));
		KUNIT_ASSERT_EQ(test, swuv_sha256(VEC_SECRET_NAME,
						  strlen(VEC_SECRET_NAME),
						  id), 0);
		EXPECT_MEM(test, r.id, id, sizeof(id));
	} else {
		KUNIT_EXPECT_NULL(test, r.id);
	}
	switch (v->ext) {
	case 0:
		memset(ext, 0, sizeof(ext));
		break;
	case 1:
		memset(ext, VEC_PROT_BYTE, sizeof(ext));
		break;
	default:
		memset(prot, 0, sizeof(prot));	/* the CCK: 32 zero bytes */
		KUNIT_ASSERT_EQ(test, swuv_ext_secret_from_cck(prot, r.tags +
							       192, ext), 0);
		EXPECT_MEM(test, ext, ibm_ext_derived, sizeof(ext));
		break;
	}
	EXPECT_MEM(test, pt + r.secret_len, ext, sizeof(ext));
}

/* Parse a copy of the association vector with one byte changed. */
static u16 asrcb_mutated(struct kunit *test, unsigned int off, u8 val,
			 u32 len)
{
	struct swuv_asrcb r;
	u8 *buf;
	u16 rc;

	buf = kmemdup(ibm_asrcb_assoc_none_default_cuid_one,
		      sizeof(ibm_asrcb_assoc_none_default_cuid_one),
		      GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	buf[off] = val;
	rc = swuv_asrcb_parse(buf, len, &r);
	kfree(buf);
	return rc;
}

static void vec_asrcb_errors(struct kunit *test)
{
	const u32 len = sizeof(ibm_asrcb_assoc_none_default_cuid_one);
	const unsigned int shdr = SWUV_ASRCB_SLOTS + SWUV_KEYSLOT_SIZE;

	KUNIT_EXPECT_EQ(test, asrcb_mutated(test, 0, 'b', len),
			SWUV_RC_ADD_VERSION);
	KUNIT_EXPECT_EQ(test, asrcb_mutated(test, 7, 5, len),
			SWUV_RC_ADD_VERSION);
	KUNIT_EXPECT_EQ(test, asrcb_mutated(test, 0x0a, 2, len),
			SWUV_RC_ADD_VERSION);
	KUNIT_EXPECT_EQ(test, asrcb_mutated(test, 0x27, 0, len),
			SWUV_RC_ADD_NKS);
	KUNIT_EXPECT_EQ(test, asrcb_mutated(test, 0x31, 1, len),
			SWUV_RC_ADD_FLAGS);
	KUNIT_EXPECT_EQ(test, asrcb_mutated(test, 0, 'a', len - 1),
			SWUV_RC_ADD_SIZE);
	KUNIT_EXPECT_EQ(test, asrcb_mutated(test, 0x2f, 0x41, len),
			SWUV_RC_ADD_SIZE);
	KUNIT_EXPECT_EQ(test, asrcb_mutated(test, shdr + 3, 0x0b, len),
			SWUV_RC_ADD_TYPE);
	KUNIT_EXPECT_EQ(test, asrcb_mutated(test, shdr + 7, 31, len),
			SWUV_RC_ADD_SECRET_LEN);
	KUNIT_EXPECT_EQ(test, asrcb_mutated(test, shdr + 3, 0x05, len),
			SWUV_RC_ADD_SECRET_LEN);
	/* AES-256 has the association's 32 bytes: well formed. */
	KUNIT_EXPECT_EQ(test, asrcb_mutated(test, shdr + 3, 0x06, len), 0);
	/* All five user-data types are accepted. */
	KUNIT_EXPECT_EQ(test, asrcb_mutated(test, 7, 4, len), 0);
}

static void vec_se_hdr(struct kunit *test)
{
	struct swuv_host_key *key;
	struct swuv_image img;
	const char *why;
	u8 *hdr;

	KUNIT_EXPECT_EQ(test, get_unaligned_be32(ibm_se_hdr + 0x0c),
			sizeof(ibm_se_hdr));
	KUNIT_EXPECT_EQ(test, get_unaligned_be64(ibm_se_hdr + 0x20), 1);

	/* The vector's host key is unknown: a foreign key finds no slot. */
	key = kunit_kzalloc(test, sizeof(*key), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, key);
	memcpy(key->priv, ibm_cust_priv, SWUV_P521_BYTES);
	KUNIT_ASSERT_EQ(test, swuv_p521_pubkey(key->priv, key->pub), 0);
	KUNIT_ASSERT_EQ(test, swuv_sha256(key->pub, sizeof(key->pub),
					  key->phkh), 0);
	KUNIT_EXPECT_EQ(test, swuv_hdr_validate(ibm_se_hdr,
						sizeof(ibm_se_hdr), key, 1,
						&img, &why), -EINVAL);
	KUNIT_EXPECT_STREQ(test, why,
			   "no key slot for a provisioned host key (PHKH)");

	/*
	 * With the PHKH of the header's slot (not host.pem.crt's: the header
	 * was made for another host key), the slot must fail to unwrap.
	 */
	memcpy(key->phkh, ibm_se_hdr + 0x1a0, SWUV_PHKH_SIZE);
	KUNIT_EXPECT_EQ(test, swuv_hdr_validate(ibm_se_hdr,
						sizeof(ibm_se_hdr), key, 1,
						&img, &why), -EINVAL);
	KUNIT_EXPECT_STREQ(test, why,
			   "key slot does not unwrap with the host key");

	hdr = kunit_kzalloc(test, sizeof(ibm_se_hdr) + 16, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, hdr);
	memcpy(hdr, ibm_se_hdr, sizeof(ibm_se_hdr));
	KUNIT_EXPECT_EQ(test, swuv_hdr_validate(hdr, sizeof(ibm_se_hdr) + 16,
						key, 1, &img, &why), -EINVAL);
	KUNIT_EXPECT_STREQ(test, why,
			   "SE header size (phs) differs from the written size");
	hdr[0] = 'X';
	KUNIT_EXPECT_EQ(test, swuv_hdr_validate(hdr, sizeof(ibm_se_hdr), key,
						1, &img, &why), -EINVAL);
	KUNIT_EXPECT_STREQ(test, why, "no IBMSecEx magic");
	hdr[0] = ibm_se_hdr[0];
	hdr[0x27] = 2;				/* nks 2: sea no longer fits */
	KUNIT_EXPECT_EQ(test, swuv_hdr_validate(hdr, sizeof(ibm_se_hdr), key,
						1, &img, &why), -EINVAL);
	KUNIT_EXPECT_STREQ(test, why,
			   "encrypted area size inconsistent with the header size");
}

static struct kunit_case swuv_vectors_cases[] = {
	KUNIT_CASE(vec_exchange_key),
	KUNIT_CASE(vec_keyslot),
	KUNIT_CASE(vec_arcb),
	KUNIT_CASE(vec_arcb_errors),
	KUNIT_CASE_PARAM(vec_asrcb, asrcb_gen_params),
	KUNIT_CASE(vec_asrcb_errors),
	KUNIT_CASE(vec_se_hdr),
	{}
};

static struct kunit_suite swuv_vectors_suite = {
	.name = "swuv_vectors",
	.test_cases = swuv_vectors_cases,
};

kunit_test_suites(&swuv_p521_suite, &swuv_vectors_suite);
