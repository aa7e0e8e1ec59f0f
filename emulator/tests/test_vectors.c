// SPDX-License-Identifier: GPL-2.0
/*
 * Known answers, with the KUnit suites' data (drivers/swuv/swuv_kunit.c):
 * NIST CAVP ECC CDH P-521, and IBM's s390-tools key slot, ARCB, nine
 * ASRCBs and SE header, decrypted and parsed byte for byte.  IBM's host
 * private key is not published, so the exchange key is recovered from the
 * customer's side: ECDH(customer private key, host public key).
 */
#include <errno.h>
#include <string.h>
#include "helpers.h"
#include "tap.h"
#include "vectors.h"

/* The vectors' fixed parameters (testvectors/s390-tools/README.md). */
#define VEC_PROT_BYTE		0x17
#define VEC_MEAS_KEY_BYTE	0x77
#define VEC_NONCE_BYTE		0xab
#define VEC_ASSOC_BYTE		0x11
#define VEC_CUID_BYTE		0x42
#define VEC_PAF			0x7000000000000000ULL
#define VEC_SECRET_NAME		"add_secret_request"

static const uint8_t p521_order[UVEMU_P521_BYTES] = {
	0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xfa, 0x51, 0x86, 0x87, 0x83, 0xbf, 0x2f, 0x96, 0x6b, 0x7f, 0xcc,
	0x01, 0x48, 0xf7, 0x09, 0xa5, 0xd0, 0x3b, 0xb5, 0xc9, 0xb8, 0x89,
	0x9c, 0x47, 0xae, 0xbb, 0x6f, 0xb7, 0x1e, 0x91, 0x38, 0x64, 0x09,
};

static void p521(void)
{
	uint8_t z[66], z2[66], d[66], pub[160], pub2[160];

	EQ(uvemu_p521_ecdh(nist_d_iut, nist_qcavs, z), 0, "NIST P-521 ECDH");
	MEM(z, nist_z_iut, sizeof(z), "NIST P-521 ECDH: shared x is ZIUT");
	EQ(uvemu_p521_pubkey(nist_d_iut, pub), 0, "NIST P-521 public key");
	MEM(pub, nist_qiut, sizeof(pub), "NIST P-521 public key is QIUT");

	memset(d, 0, sizeof(d));
	EQ(uvemu_p521_check_scalar(d), -EINVAL, "scalar 0 refused");
	d[65] = 1;
	EQ(uvemu_p521_check_scalar(d), 0, "scalar 1 accepted");
	memcpy(d, p521_order, sizeof(d));
	EQ(uvemu_p521_check_scalar(d), -EINVAL, "scalar n refused");
	d[65]--;
	EQ(uvemu_p521_check_scalar(d), 0, "scalar n-1 accepted");
	memset(d, 0xff, sizeof(d));
	EQ(uvemu_p521_check_scalar(d), -EINVAL, "scalar 2^528-1 refused");

	memcpy(pub, nist_qcavs, sizeof(pub));
	pub[159] ^= 1;
	EQ(uvemu_p521_ecdh(nist_d_iut, pub, z), -EINVAL, "point off the curve refused");
	memcpy(pub, nist_qcavs, sizeof(pub));
	pub[0] = 1;
	EQ(uvemu_p521_ecdh(nist_d_iut, pub, z), -EINVAL, "point with non-zero padding refused");
	memcpy(pub, nist_qcavs, sizeof(pub));
	memset(pub + 14, 0xff, 66);
	EQ(uvemu_p521_ecdh(nist_d_iut, pub, z), -EINVAL, "point with x >= p refused");

	EQ(uvemu_p521_pubkey(ibm_cust_priv, pub2), 0, "IBM customer public key");
	MEM(pub2, ibm_cust_pub, sizeof(pub2), "IBM customer key pair matches");
	EQ(uvemu_p521_ecdh(nist_d_iut, ibm_cust_pub, z), 0, "ECDH(nist, cust)");
	EQ(uvemu_p521_ecdh(ibm_cust_priv, nist_qiut, z2), 0, "ECDH(cust, nist)");
	MEM(z, z2, sizeof(z), "ECDH is symmetric");
}

static void keys_and_slots(void)
{
	uint8_t phkh[32], key[32], prot[32], slot[80], ext[32], zero[32];

	uvemu_phkh(ibm_host_pub, phkh);
	MEM(phkh, ibm_host_phkh, 32, "PHKH of IBM's host key");
	EQ(uvemu_exchange_key(ibm_cust_priv, ibm_host_pub, key), 0, "exchange key");
	MEM(key, ibm_exch_key, 32, "exchange key is SHA-256(Z || 00000001)");

	MEM(ibm_keyslot, ibm_host_phkh, 32, "IBM key slot names the host key");
	EQ(uvemu_unwrap_slot(ibm_keyslot, ibm_exch_key, prot), 0, "IBM key slot unwraps");
	OK(all_bytes(prot, VEC_PROT_BYTE, 32), "IBM key slot holds the protection key");
	memcpy(slot, ibm_keyslot, sizeof(slot));
	slot[79] ^= 1;
	EQ(uvemu_unwrap_slot(slot, ibm_exch_key, prot), -EBADMSG, "tampered key slot refused");

	memset(zero, 0, sizeof(zero));
	memset(slot, 0x04, 16);
	uvemu_ext_secret_from_cck(zero, slot, ext);
	MEM(ext, ibm_ext_derived, 32, "extension secret HKDF-SHA512 (CCK 0, tag 04..)");
}

static void arcb(void)
{
	static const uint8_t ud[] = "swuv kunit user data";
	struct uvemu_boot_tags tags;
	struct uvemu_arcb_secrets s;
	uint8_t prot[32], meas[64], add[64], cuid[16], buf[sizeof(ibm_arcb)];
	struct uvemu_arcb a;
	const uint32_t len = sizeof(ibm_arcb);

	EQ(uvemu_arcb_parse(ibm_arcb, len, &a), 0, "IBM ARCB parses");
	EQ(a.len, 0x190, "ARCB arl");
	EQ(a.nks, 1, "ARCB nks");
	EQ(a.sea, 80, "ARCB sea (with nonce)");
	EQ(a.paf, VEC_PAF, "ARCB PAF");
	EQ(a.aad_len, 0xe0 + 80, "ARCB AAD length");
	MEM(a.cpk, ibm_cust_pub, 160, "ARCB customer key");
	EQ(uvemu_add_data_size(a.paf), 64, "additional data: two PHKHs");
	EQ(uvemu_unwrap_slot(a.slots, ibm_exch_key, prot), 0, "ARCB slot unwraps");
	EQ(uvemu_arcb_open(ibm_arcb, &a, prot, &s), 0, "ARCB decrypts");
	OK(all_bytes(s.meas_key, VEC_MEAS_KEY_BYTE, 64), "ARCB measurement key");
	OK(all_bytes(s.nonce, VEC_NONCE_BYTE, 16), "ARCB nonce");

	memset(tags.pld, 0x01, 64);
	memset(tags.ald, 0x02, 64);
	memset(tags.tld, 0x03, 64);
	memset(tags.tag, 0x04, 16);
	memset(cuid, VEC_CUID_BYTE, 16);
	memcpy(add, ibm_host_phkh, 32);
	memcpy(add + 32, ibm_host_phkh, 32);
	uvemu_measure(&s, a.paf, &tags, cuid, ud, sizeof(ud) - 1, add,
		      sizeof(add), meas);
	MEM(meas, ibm_arcb_meas, 64, "measurement of the IBM ARCB (HMAC-SHA512 KAT)");

	/* Malformed copies, rc as swuv_kunit's vec_arcb_errors. */
#define ARCB_MUT(off, val, l, rc, name) do {				\
		memcpy(buf, ibm_arcb, len);				\
		buf[off] = val;						\
		EQ(uvemu_arcb_parse(buf, l, &a), rc, name);		\
	} while (0)
	ARCB_MUT(0x0a, 0x02, len, UVEMU_RC_ATT_VERSION, "ARCB version 0x200: rc 0x0106");
	ARCB_MUT(0x03, 0x01, len, UVEMU_RC_ATT_VERSION, "ARCB magic not zero: rc 0x0106");
	ARCB_MUT(0x3b, 0x02, len, UVEMU_RC_ATT_MAI, "ARCB MAI 2: rc 0x010b");
	ARCB_MUT(0x33, 0x01, len, UVEMU_RC_ATT_PAF, "ARCB PAF bit 31: rc 0x010a");
	ARCB_MUT(0x27, 0x00, len, UVEMU_RC_ATT_NKS, "ARCB nks 0: rc 0x0108");
	ARCB_MUT(0x27, 0x05, len, UVEMU_RC_ATT_NKS, "ARCB nks 5: rc 0x0108");
	ARCB_MUT(0x27, 0x02, len, UVEMU_RC_ATT_LEN, "ARCB nks 2: rc 0x0107");
	ARCB_MUT(0x2f, 64, len, UVEMU_RC_ATT_SEA, "ARCB sea 64 with nonce: rc 0x0109");
	ARCB_MUT(0x00, 0x00, len - 1, UVEMU_RC_ATT_LEN, "ARCB longer than its buffer: rc 0x0107");
	ARCB_MUT(0x00, 0x00, 0xdf, UVEMU_RC_ATT_LEN, "ARCB buffer below 0xe0: rc 0x0107");
#undef ARCB_MUT

	memcpy(buf, ibm_arcb, len);
	buf[0x30] &= (uint8_t)~0x20;
	EQ(uvemu_arcb_parse(buf, len, &a), 0, "ARCB without the image-PHKH flag parses");
	EQ(uvemu_arcb_open(buf, &a, prot, &s), -EBADMSG, "but the flags are authenticated");
}

struct asrcb_vec {
	const char *name;
	const uint8_t *data;
	uint32_t len;
	uint16_t type;
	unsigned int nks;
	uint64_t flags;
	bool cuid;
	uint8_t ext;		/* 0: zeros, 1: 0x17 bytes, 2: CCK-derived */
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
	ASRCB_VEC(null_none_dump_cuid_one, 1, 1, UVEMU_ASRCB_FLAG_NO_DUMP, true, 0),
	ASRCB_VEC(null_simple_default_cuid_one, 1, 1, 0, true, 1),
};

static void asrcb_one(const struct asrcb_vec *v)
{
	uint8_t prot[32], ext[32], id[32], pt[64];
	struct uvemu_asrcb r;
	unsigned int i;
	bool slots_ok = true;

	if (!EQ(uvemu_asrcb_parse(v->data, v->len, &r), 0, "%s parses", v->name))
		return;
	OK(r.len == v->len && r.ud_type == 0 && r.type == v->type &&
	   r.nks == v->nks && r.flags == v->flags &&
	   r.secret_len == (v->type == 2 ? 32u : 0u),
	   "%s: length, user-data type, secret type, nks, flags, secret length", v->name);
	OK(all_bytes(r.tags, 0x01, 64) && all_bytes(r.tags + 64, 0x02, 64) &&
	   all_bytes(r.tags + 128, 0x03, 64) && all_bytes(r.tags + 192, 0x04, 16),
	   "%s: SE-header tags", v->name);
	OK(all_bytes(r.cuid, v->cuid ? VEC_CUID_BYTE : 0, 16), "%s: config UID", v->name);
	OK(r.tag == v->data + v->len - 16 && !memcmp(r.cpk, ibm_cust_pub, 160),
	   "%s: request tag and customer key", v->name);
	for (i = 0; i < r.nks; i++) {
		const uint8_t *slot = r.slots + i * 80;

		slots_ok &= !memcmp(slot, ibm_host_phkh, 32) &&
			    !uvemu_unwrap_slot(slot, ibm_exch_key, prot) &&
			    all_bytes(prot, VEC_PROT_BYTE, 32);
	}
	OK(slots_ok, "%s: all %u key slots unwrap to the protection key", v->name, r.nks);
	if (!EQ(uvemu_asrcb_open(v->data, &r, prot, pt), 0, "%s decrypts", v->name))
		return;
	if (v->type == 2) {
		uvemu_sha256(VEC_SECRET_NAME, strlen(VEC_SECRET_NAME), id);
		OK(all_bytes(pt, VEC_ASSOC_BYTE, 32) && r.id &&
		   !memcmp(r.id, id, 32), "%s: secret and id = SHA-256(name)", v->name);
	} else {
		OK(r.id == NULL, "%s: a null request has no id", v->name);
	}
	if (v->ext == 0)
		memset(ext, 0, 32);
	else if (v->ext == 1)
		memset(ext, VEC_PROT_BYTE, 32);
	else
		memcpy(ext, ibm_ext_derived, 32);
	MEM(pt + r.secret_len, ext, 32, "%s: extension secret", v->name);
}

static void asrcb(void)
{
	const uint32_t len = sizeof(ibm_asrcb_assoc_none_default_cuid_one);
	const unsigned int shdr = UVEMU_ASRCB_SLOTS + 80;
	struct uvemu_asrcb r;
	uint8_t buf[sizeof(ibm_asrcb_assoc_none_default_cuid_one)];
	size_t i;

	for (i = 0; i < sizeof(asrcb_vecs) / sizeof(asrcb_vecs[0]); i++)
		asrcb_one(&asrcb_vecs[i]);

#define ASRCB_MUT(off, val, l, rc, name) do {				\
		memcpy(buf, ibm_asrcb_assoc_none_default_cuid_one, len);\
		buf[off] = val;						\
		EQ(uvemu_asrcb_parse(buf, l, &r), rc, name);		\
	} while (0)
	ASRCB_MUT(0, 'b', len, UVEMU_RC_ADD_VERSION, "ASRCB magic: rc 0x0104");
	ASRCB_MUT(7, 5, len, UVEMU_RC_ADD_VERSION, "ASRCB user-data type 5: rc 0x0104");
	ASRCB_MUT(0x0a, 2, len, UVEMU_RC_ADD_VERSION, "ASRCB version 0x200: rc 0x0104");
	ASRCB_MUT(0x27, 0, len, UVEMU_RC_ADD_NKS, "ASRCB nks 0: rc 0x0106");
	ASRCB_MUT(0x31, 1, len, UVEMU_RC_ADD_FLAGS, "ASRCB flag bit 15: rc 0x0107");
	ASRCB_MUT(0, 'a', len - 1, UVEMU_RC_ADD_SIZE, "ASRCB longer than its buffer: rc 0x0105");
	ASRCB_MUT(0x2f, 0x41, len, UVEMU_RC_ADD_SIZE, "ASRCB sea off: rc 0x0105");
	ASRCB_MUT(shdr + 3, 0x0b, len, UVEMU_RC_ADD_TYPE, "ASRCB secret type 0x0b: rc 0x0109");
	ASRCB_MUT(shdr + 3, 0x17, len, UVEMU_RC_ADD_TYPE, "ASRCB secret type 0x17: rc 0x0109");
	ASRCB_MUT(shdr + 7, 31, len, UVEMU_RC_ADD_SECRET_LEN, "ASRCB secret length 31: rc 0x010a");
	ASRCB_MUT(shdr + 3, 0x05, len, UVEMU_RC_ADD_SECRET_LEN, "ASRCB AES-192 of 32 bytes: rc 0x010a");
	ASRCB_MUT(shdr + 3, 0x06, len, 0, "ASRCB AES-256 of 32 bytes is well formed");
	ASRCB_MUT(7, 4, len, 0, "ASRCB user-data type 4 is accepted");
#undef ASRCB_MUT
}

static void se_hdr(void)
{
	struct uvemu_host_key key;
	struct uvemu_image img;
	uint8_t hdr[sizeof(ibm_se_hdr) + 16];
	const size_t len = sizeof(ibm_se_hdr);
	const char *why;

	EQ(get_be32(ibm_se_hdr + 0x0c), len, "IBM SE header phs");
	EQ(get_be64(ibm_se_hdr + 0x20), 1, "IBM SE header nks");

	/* The vector's host key is unknown: a foreign key finds no slot. */
	memcpy(key.priv, ibm_cust_priv, 66);
	uvemu_p521_pubkey(key.priv, key.pub);
	uvemu_phkh(key.pub, key.phkh);
	EQ(uvemu_hdr_validate(ibm_se_hdr, len, &key, 1, &img, &why), -EINVAL,
	   "IBM SE header with a foreign host key refused");
	OK(why && !strcmp(why, "no key slot for a provisioned host key (PHKH)"),
	   "reason: %s", why ? why : "(none)");

	/* With the slot's PHKH but the wrong private key, the slot fails. */
	memcpy(key.phkh, ibm_se_hdr + 0x1a0, 32);
	EQ(uvemu_hdr_validate(ibm_se_hdr, len, &key, 1, &img, &why), -EINVAL,
	   "IBM SE header slot with the wrong key refused");
	OK(why && !strcmp(why, "key slot does not unwrap with the host key"),
	   "reason: %s", why ? why : "(none)");

	memset(hdr, 0, sizeof(hdr));
	memcpy(hdr, ibm_se_hdr, len);
	EQ(uvemu_hdr_validate(hdr, len + 16, &key, 1, &img, &why), -EINVAL,
	   "SE header with trailing bytes refused");
	OK(why && !strcmp(why, "SE header size (phs) differs from the written size"),
	   "reason: %s", why ? why : "(none)");
	hdr[0] = 'X';
	EQ(uvemu_hdr_validate(hdr, len, &key, 1, &img, &why), -EINVAL,
	   "SE header without magic refused");
	OK(why && !strcmp(why, "no IBMSecEx magic"), "reason: %s", why ? why : "(none)");
	hdr[0] = ibm_se_hdr[0];
	hdr[0x27] = 2;
	EQ(uvemu_hdr_validate(hdr, len, &key, 1, &img, &why), -EINVAL,
	   "SE header with nks 2 refused");
	OK(why && !strcmp(why, "encrypted area size inconsistent with the header size"),
	   "reason: %s", why ? why : "(none)");
}

/* Our secret-type table is the project's (include/uapi/secex/uv_secret_types.h). */
#if defined(__linux__) && __has_include(<linux/ioctl.h>)
#include "../../include/uapi/secex/uv_secret_types.h"

static void secret_types(void)
{
	unsigned int i, n, bad = 0;

	for (i = 0; i <= 0xffff; i++) {
		const struct uvemu_secret_type *t = uvemu_secret_type((uint16_t)i);
		struct secex_secret_type_info u = secex_secret_type_info((uint16_t)i);

		if (!t != !u.name) {
			bad++;
			continue;
		}
		if (!t)
			continue;
		if (t->len != u.len || !(t->flags & UVEMU_SECRET_KEY) != !u.pkey_type ||
		    !(t->flags & UVEMU_SECRET_LISTED) != !(u.flags & SECEX_SECRET_LISTED) ||
		    !(t->flags & UVEMU_SECRET_RETRIEVABLE) !=
		    !(u.flags & SECEX_SECRET_RETRIEVABLE))
			bad++;
	}
	secex_secret_types(&n);
	EQ(bad, 0, "secret-type table agrees with uv_secret_types.h (%u types)", n);
}
#else
static void secret_types(void)
{
	tap_diag("skipping the uv_secret_types.h comparison: no Linux headers");
}
#endif

void test_vectors(void)
{
	tap_diag("known answers (NIST CAVP, IBM s390-tools vectors)");
	p521();
	keys_and_slots();
	arcb();
	asrcb();
	se_hdr();
	secret_types();
}
