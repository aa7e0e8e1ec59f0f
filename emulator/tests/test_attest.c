// SPDX-License-Identifier: GPL-2.0
/*
 * Retrieve Attestation Measurement through the UVC, with IBM's ARCB
 * resealed for our host key.  The expected measurement is computed here
 * with nettle from s390-tools' formula, independently of uvemu_measure()
 * (whose own known answer is in test_vectors.c).
 */
#include <stdlib.h>
#include <string.h>
#include <nettle/hmac.h>
#include <nettle/sha2.h>
#include "helpers.h"
#include "tap.h"
#include "vectors.h"

#define ARCB_SLOTS	0xe0
#define UD		"swuv kunit user data"

/* IBM's ARCB with @paf and our host key; the nonce goes with PAF bit 1. */
static size_t arcb_for(const struct fixture *f, uint64_t paf, uint8_t *out)
{
	const struct hostkey *keys[1] = { &f->hk[0] };
	size_t aad = ARCB_SLOTS + 80;
	uint8_t prot[32], pt[80];
	uint32_t sea = paf & UVEMU_PAF_NONCE ? 80 : 64;
	size_t len = aad + sea + 16;

	if (uvemu_unwrap_slot(ibm_arcb + ARCB_SLOTS, ibm_exch_key, prot) ||
	    uvemu_gcm_decrypt(prot, ibm_arcb + 0x10, ibm_arcb, aad, ibm_arcb + aad,
			      80, ibm_arcb + sizeof(ibm_arcb) - 16, pt))
		abort();
	memcpy(out, ibm_arcb, aad);
	put_be32(out + 0x0c, (uint32_t)len);
	put_be32(out + 0x2c, sea);
	put_be64(out + 0x30, paf);
	reseal(out, len, ARCB_SLOTS, prot, pt, keys);
	return len;
}

/* s390-tools' measurement: HMAC-SHA512 with IBM's measurement key 77..77. */
static void expect_meas(const struct fixture *f, uint64_t paf, const uint8_t *ud,
			uint16_t ud_len, const uint8_t *add, uint32_t add_len,
			uint8_t out[64])
{
	struct hmac_sha512_ctx ctx;
	uint8_t key[64], nonce[16], lens[8];

	memset(key, 0x77, sizeof(key));
	memset(nonce, 0xab, sizeof(nonce));
	put_be16(lens, ud_len);
	put_be16(lens + 2, 0);
	put_be32(lens + 4, add_len);
	hmac_sha512_set_key(&ctx, sizeof(key), key);
	hmac_sha512_update(&ctx, 64, f->tags.pld);
	hmac_sha512_update(&ctx, 64, f->tags.ald);
	hmac_sha512_update(&ctx, 64, f->tags.tld);
	hmac_sha512_update(&ctx, 16, f->tags.tag);
	hmac_sha512_update(&ctx, 16, f->cuid);
	hmac_sha512_update(&ctx, 8, lens);
	hmac_sha512_update(&ctx, ud_len, ud);
	if (paf & UVEMU_PAF_NONCE)
		hmac_sha512_update(&ctx, 16, nonce);
	hmac_sha512_update(&ctx, add_len, add);
	hmac_sha512_digest(&ctx, 64, out);
}

static void basic(void)
{
	struct fixture f;
	struct fixture_opts o = { .random_cuid = true };
	uint8_t arcb[1024], meas[64], add[64], bad[1024];
	struct att_io io;
	size_t len;
	uint16_t rc;

	if (!EQ(fixture_up(&f, &o), 0, "fixture with a random config UID"))
		return;
	len = arcb_for(&f, 0x7000000000000000ULL, arcb);
	EQ(len, 0x190, "IBM's ARCB resealed: 0x190 bytes");
	memset(&io, 0, sizeof(io));
	io.arcb = arcb;
	io.arcb_len = len;
	memcpy(io.user_data, UD, sizeof(UD) - 1);
	io.user_data_len = sizeof(UD) - 1;
	io.meas_len = 64;
	io.add_data_len = 100;
	EQ(uvc_attest(f.uv, &io), UVEMU_RC_EXECUTED, "attestation: rc 0x0001");
	memcpy(add, f.hk[1].phkh, 32);
	memcpy(add + 32, f.hk[0].phkh, 32);
	MEM(io.add, add, 64, "  additional data: image PHKH, attestation PHKH");
	OK(all_bytes(io.add + 64, 0, sizeof(io.add) - 64), "  nothing written after it");
	MEM(io.cuid, f.cuid, 16, "  config UID in the UVCB");
	EQ(get_be32(guest.mem + G_UVCB + 0x15c), 100, "  add_data_len left as the caller set it");
	expect_meas(&f, 0x7000000000000000ULL, (const uint8_t *)UD, sizeof(UD) - 1, add, 64, meas);
	MEM(io.meas, meas, 64, "  measurement as pvattest verify recomputes it");

	io.user_data_len = 0;
	EQ(uvc_attest(f.uv, &io), UVEMU_RC_EXECUTED, "attestation without user data: rc 0x0001");
	expect_meas(&f, 0x7000000000000000ULL, NULL, 0, add, 64, meas);
	MEM(io.meas, meas, 64, "  measurement over no user data");
	io.user_data_len = 256;
	EQ(uvc_attest(f.uv, &io), UVEMU_RC_EXECUTED, "256 bytes of user data: rc 0x0001");
	expect_meas(&f, 0x7000000000000000ULL, io.user_data, 256, add, 64, meas);
	MEM(io.meas, meas, 64, "  measurement over 256 bytes of user data");

	io.user_data_len = 257;
	EQ(uvc_attest(f.uv, &io), UVEMU_RC_ATT_USER_DATA, "257 bytes of user data: rc 0x0102");
	io.user_data_len = sizeof(UD) - 1;
	io.meas_len = 63;
	EQ(uvc_attest(f.uv, &io), UVEMU_RC_ATT_MEAS_LEN, "measurement buffer of 63 bytes: rc 0x010d");
	io.meas_len = 64;
	io.add_data_len = 63;
	EQ(uvc_attest(f.uv, &io), UVEMU_RC_ATT_ADD_LEN, "additional-data buffer of 63 bytes: rc 0x010e");
	io.add_data_len = 64;

	io.arcb = ibm_arcb;
	EQ(uvc_attest(f.uv, &io), UVEMU_RC_ATT_UNSEAL, "IBM's ARCB as it is (foreign host key): rc 0x010c");
	memcpy(bad, arcb, len);
	bad[len - 1] ^= 1;
	io.arcb = bad;
	EQ(uvc_attest(f.uv, &io), UVEMU_RC_ATT_UNSEAL, "ARCB with a broken tag: rc 0x010c");
	memcpy(bad, arcb, len);
	bad[0x0a] = 2;
	EQ(uvc_attest(f.uv, &io), UVEMU_RC_ATT_VERSION, "ARCB version 0x200: rc 0x0106");
	memcpy(bad, arcb, len);
	put_be32(bad + 0x0c, 0xdf);
	EQ(uvc_attest(f.uv, &io), UVEMU_RC_ATT_LEN, "arl 0xdf: rc 0x0107");
	put_be32(bad + 0x0c, 0xffffffff);
	EQ(uvc_attest(f.uv, &io), UVEMU_RC_ATT_LEN, "arl 0xffffffff: rc 0x0107");
	memcpy(bad, arcb, len);
	bad[0x30] |= 0x02;			/* PAF bit 6 */
	EQ(uvc_attest(f.uv, &io), UVEMU_RC_ATT_PAF, "PAF bit 6: rc 0x010a");

	uvcb_init(UVEMU_CMD_ATTEST, 0x188);
	put_be64(guest.mem + G_UVCB + 0x18, GUEST_MEM_SIZE);
	put_be32(guest.mem + G_UVCB + 0x13c, 64);
	uvc(f.uv, &rc);
	EQ(rc, UVEMU_RC_INV_ADDR, "ARCB at an invalid address: rc 0x0032");
	put_be16(guest.mem + G_UVCB + 0x2e, 257);
	uvc(f.uv, &rc);
	EQ(rc, UVEMU_RC_ATT_USER_DATA, "  with 257 bytes of user data: rc 0x0102 first");

	io.arcb = arcb;
	io.meas_len = 64;
	memcpy(guest.mem + G_REQ, arcb, len);
	uvcb_init(UVEMU_CMD_ATTEST, 0x188);
	put_be64(guest.mem + G_UVCB + 0x18, G_REQ);
	put_be32(guest.mem + G_UVCB + 0x13c, 64);
	put_be64(guest.mem + G_UVCB + 0x140, GUEST_DENY_LO);
	put_be32(guest.mem + G_UVCB + 0x15c, 64);
	put_be64(guest.mem + G_UVCB + 0x160, G_ADD);
	uvc(f.uv, &rc);
	EQ(rc, UVEMU_RC_ACCESS, "measurement buffer in a protected page: rc 0x0031");
	guest_free(f.uv);
}

static void flags(void)
{
	struct fixture f;
	struct fixture_opts o = { 0 };
	uint8_t arcb[1024], meas[64];
	struct att_io io;
	size_t len;

	if (!EQ(fixture_up(&f, &o), 0, "fixture"))
		return;
	memset(&io, 0, sizeof(io));
	io.meas_len = 64;

	len = arcb_for(&f, UVEMU_PAF_IMG_PHKH, arcb);
	io.arcb = arcb;
	io.arcb_len = len;
	io.add_data_len = 32;
	EQ(uvc_attest(f.uv, &io), UVEMU_RC_EXECUTED, "ARCB without a nonce (sea 64), image PHKH: rc 0x0001");
	MEM(io.add, f.hk[1].phkh, 32, "  additional data: the image PHKH");
	expect_meas(&f, UVEMU_PAF_IMG_PHKH, NULL, 0, f.hk[1].phkh, 32, meas);
	MEM(io.meas, meas, 64, "  measurement without nonce");

	len = arcb_for(&f, UVEMU_PAF_NONCE | UVEMU_PAF_BACKUP_KEY | UVEMU_PAF_GLOBAL_KEY, arcb);
	io.arcb_len = len;
	io.add_data_len = 0;
	EQ(uvc_attest(f.uv, &io), UVEMU_RC_EXECUTED, "PAF bits 62, 63 accepted, no additional data: rc 0x0001");
	expect_meas(&f, UVEMU_PAF_NONCE, NULL, 0, NULL, 0, meas);
	MEM(io.meas, meas, 64, "  measurement with nonce, no additional data");
	guest_free(f.uv);
}

/* Secret-store hash and firmware state, before and after reset. */
static void store_state(void)
{
	struct fixture f;
	struct fixture_opts o = { 0 };
	const uint64_t paf = UVEMU_PAF_NONCE | UVEMU_PAF_STORE_HASH | UVEMU_PAF_FW_STATE;
	uint8_t arcb[1024], req[2048], meas[64], hash[64], tags[32], phkhs[64], kh[32];
	struct asrcb_params p;
	struct sha512_ctx sha;
	struct att_io io;
	const uint8_t *fw;
	size_t len, rlen;

	if (!EQ(fixture_up(&f, &o), 0, "fixture"))
		return;
	len = arcb_for(&f, paf, arcb);
	memset(&io, 0, sizeof(io));
	io.arcb = arcb;
	io.arcb_len = len;
	io.meas_len = 64;
	io.add_data_len = 64 + 0x140;

	rlen = fixture_plain(&f, req, "first", 1);
	EQ(uvc_add(f.uv, req, rlen), UVEMU_RC_EXECUTED, "add a plaintext secret");
	memcpy(tags, req + rlen - 16, 16);
	memset(&p, 0, sizeof(p));
	p.tags = &f.tags;
	p.type = UVEMU_SECRET_NULL;
	p.flags = UVEMU_ASRCB_FLAG_NO_DUMP;
	p.keys[0] = &f.hk[0];
	p.nks = 1;
	rlen = build_asrcb(req, &p);
	EQ(uvc_add(f.uv, req, rlen), UVEMU_RC_EXECUTED, "add a null request with the disable-dump flag");
	memcpy(tags + 16, req + rlen - 16, 16);
	EQ(uvc_simple(f.uv, UVEMU_CMD_LOCK_SECRETS, 0x40), UVEMU_RC_EXECUTED, "lock");

	EQ(uvc_attest(f.uv, &io), UVEMU_RC_EXECUTED, "attestation with store hash and firmware state: rc 0x0001");
	sha512_init(&sha);
	sha512_update(&sha, 32, tags);
	sha512_update(&sha, 1, (const uint8_t *)"\1");
	sha512_digest(&sha, 64, hash);
	MEM(io.add, hash, 64, "  store hash: SHA-512(request tags || 01), as pvattest check computes it");
	fw = io.add + 64;
	MEM(fw, "SWUVFWST", 8, "  firmware state: magic");
	OK(get_be32(fw + 8) == 0x100 && get_be32(fw + 0xc) == 0x140, "  version 0x100, size 0x140");
	OK(get_be32(fw + 0x10) == 2 && get_be32(fw + 0x14) == 1 && get_be32(fw + 0x18) == 64 &&
	   get_be32(fw + 0x1c) == 2, "  2 host keys, 1 secret, store of 64, 2 adds");
	OK(fw[0x20] == 1 && fw[0x21] == 1, "  locked, dump disabled");
	OK(get_be64(fw + 0x28) == 0xe0 && get_be64(fw + 0x30) == 0, "  PCF, SCF of the header");
	MEM(fw + 0x38, f.hk[1].phkh, 32, "  image PHKH");
	memcpy(phkhs, f.hk[0].phkh, 32);
	memcpy(phkhs + 32, f.hk[1].phkh, 32);
	uvemu_sha256(phkhs, 64, kh);
	MEM(fw + 0x58, kh, 32, "  SHA-256 of the host keys' PHKHs");
	OK(!strcmp((const char *)fw + 0x78, UVEMU_FW_LEVEL) && all_bytes(fw + 0x78 + 7, 0, 0x140 - 0x78 - 7),
	   "  firmware level, NUL-padded");
	expect_meas(&f, paf, NULL, 0, io.add, 64 + 0x140, meas);
	MEM(io.meas, meas, 64, "  measurement over both");

	uvemu_reset(f.uv);
	EQ(uvc_attest(f.uv, &io), UVEMU_RC_EXECUTED, "attestation after reset");
	sha512_init(&sha);
	sha512_update(&sha, 1, (const uint8_t *)"\0");
	sha512_digest(&sha, 64, hash);
	MEM(io.add, hash, 64, "  store hash of an empty, unlocked store");
	OK(get_be32(fw + 0x14) == 0 && get_be32(fw + 0x1c) == 0 && fw[0x20] == 0 && fw[0x21] == 0,
	   "  firmware state: no secrets, no adds, unlocked, dump allowed");
	guest_free(f.uv);
}

void test_attest(void)
{
	tap_diag("attestation");
	basic();
	flags();
	store_state();
}
