// SPDX-License-Identifier: GPL-2.0
/*
 * The secret store through the UVC: IBM's add-secret requests as they are
 * and resealed for our host key and image, every check of Add Secret, the
 * extension secret and CCK rules, List pages, Lock, Retrieve, and reset.
 */
#include <stdlib.h>
#include <string.h>
#include "helpers.h"
#include "tap.h"
#include "vectors.h"

#define N_IBM	9

static const struct {
	const char *name;
	const uint8_t *data;
	size_t len;
	bool assoc, pinned;
	uint8_t ext;		/* 0: zeros, 1: 0x17 bytes, 2: derived from CCK 0 / tag 04 */
} ibm[N_IBM] = {
#define V(n, a, p, e) { #n, ibm_asrcb_##n, sizeof(ibm_asrcb_##n), a, p, e }
	V(assoc_derived_default_cuid_one, true, true, 2),
	V(assoc_none_default_cuid_one, true, true, 0),
	V(assoc_simple_default_cuid_one, true, true, 1),
	V(null_derived_default_cuid_one, false, true, 2),
	V(null_none_default_cuid_one, false, true, 0),
	V(null_none_default_cuid_seven, false, true, 0),
	V(null_none_default_ncuid_one, false, false, 0),
	V(null_none_dump_cuid_one, false, true, 0),
	V(null_simple_default_cuid_one, false, true, 1),
#undef V
};

/*
 * IBM's request @i bound to @f: the same plaintext, user data, flags,
 * config UID, secret header, secret and extension secret under the same
 * protection key (unwrapped from IBM's slot with the customer's side of the
 * ECDH), with @f's SE-header tags and a slot for our host key in every
 * slot.  Returns its length.
 */
static size_t ibm_rebound(const struct fixture *f, unsigned int i, uint8_t *out)
{
	const struct hostkey *keys[8];
	uint8_t prot[32], pt[64];
	size_t len = ibm[i].len;
	uint32_t sea = get_be32(ibm[i].data + 0x2c);
	size_t aad = len - sea - 16;
	unsigned int k;

	if (uvemu_unwrap_slot(ibm[i].data + UVEMU_ASRCB_SLOTS, ibm_exch_key, prot) ||
	    sea > sizeof(pt) ||
	    uvemu_gcm_decrypt(prot, ibm[i].data + 0x10, ibm[i].data, aad,
			      ibm[i].data + aad, sea, ibm[i].data + len - 16, pt))
		abort();
	memcpy(out, ibm[i].data, len);
	memcpy(out + 0x38, f->tags.pld, 64);
	memcpy(out + 0x78, f->tags.ald, 64);
	memcpy(out + 0xb8, f->tags.tld, 64);
	memcpy(out + 0xf8, f->tags.tag, 16);
	for (k = 0; k < 8; k++)
		keys[k] = &f->hk[0];
	reseal(out, len, UVEMU_ASRCB_SLOTS, prot, pt, keys);
	return len;
}

static void ibm_requests(void)
{
	struct fixture f;
	struct fixture_opts o = { 0 };
	uint8_t req[2048], page[4096], id[32];
	unsigned int i, ok_asis = 0, ok_rebound = 0;
	size_t len;

	if (!EQ(fixture_up(&f, &o), 0, "fixture commits (config UID 42..42)"))
		return;
	for (i = 0; i < N_IBM; i++)
		ok_asis += uvc_add(f.uv, ibm[i].data, ibm[i].len) ==
			   UVEMU_RC_ADD_DECRYPT;
	EQ(ok_asis, N_IBM, "IBM's nine requests as they are: rc 0x0108 (bound to another image)");
	uvc_list(f.uv, 0, page);
	EQ(get_be16(page + 2), 0, "  nothing stored");

	/* Each on its own (a new store each time: a reset). */
	for (i = 0; i < N_IBM; i++) {
		uvemu_reset(f.uv);
		len = ibm_rebound(&f, i, req);
		ok_rebound += EQ(uvc_add(f.uv, req, len), UVEMU_RC_EXECUTED,
				 "IBM %s resealed for our key and image: rc 0x0001",
				 ibm[i].name);
	}
	/*
	 * All into one store, in order: the first, with an extension secret
	 * derived from IBM's CCK, primes it; "none" (zero) and "simple"
	 * (another value) are refused after that, "derived" ones accepted.
	 */
	uvemu_reset(f.uv);
	for (i = 0; i < N_IBM; i++) {
		int derived = strstr(ibm[i].name, "_derived_") != NULL;

		len = ibm_rebound(&f, i, req);
		EQ(uvc_add(f.uv, req, len),
		   derived ? UVEMU_RC_EXECUTED : UVEMU_RC_ADD_DECRYPT,
		   "IBM %s into one store after %s: rc %s", ibm[i].name,
		   ibm[0].name, derived ? "0x0001" : "0x0108 (another extension secret)");
	}
	EQ(uvc_list(f.uv, 0, page), UVEMU_RC_EXECUTED, "list after IBM's requests");
	EQ(get_be16(page + 2), 1, "  the association secret with the priming extension secret is listed, null ones are not");
	uvemu_sha256("add_secret_request", 18, id);
	OK(get_be16(page + 16) == 0 && get_be16(page + 16 + 2) == 2 &&
	   get_be32(page + 16 + 4) == 32 && !memcmp(page + 16 + 16, id, 32),
	   "  entry 0: index 0, association, 32 bytes, IBM's id");
	EQ(uvc_retr(f.uv, 0, 32, NULL), UVEMU_RC_RETR_INV_SECRET,
	   "an association secret is not retrievable: rc 0x0111");
	guest_free(f.uv);

	/* Another config UID: the pinned requests are refused. */
	o.random_cuid = true;
	if (!EQ(fixture_up(&f, &o), 0, "fixture with a random config UID"))
		return;
	for (i = 0; i < N_IBM; i++) {
		len = ibm_rebound(&f, i, req);
		EQ(uvc_add(f.uv, req, len),
		   ibm[i].pinned ? UVEMU_RC_ADD_DECRYPT : UVEMU_RC_EXECUTED,
		   "IBM %s under another config UID: rc %s", ibm[i].name,
		   ibm[i].pinned ? "0x0108" : "0x0001");
	}
	guest_free(f.uv);
}

/* The extension secret our image wants: HKDF-SHA512(@cck, salt tag). */
static void ext_for(const uint8_t cck[32], const struct fixture *f, uint8_t ext[32])
{
	uvemu_ext_secret_from_cck(cck, f->tags.tag, ext);
}

static size_t with_ext(const struct fixture *f, uint8_t *out, uint16_t type,
		       const uint8_t *secret, uint32_t slen, const uint8_t ext[32])
{
	struct asrcb_params p;

	memset(&p, 0, sizeof(p));
	p.tags = &f->tags;
	p.type = type;
	p.secret = secret;
	p.secret_len = slen;
	memset(p.id, 0x99, 32);
	memcpy(p.ext, ext, 32);
	p.keys[0] = &f->hk[0];
	p.nks = 1;
	return build_asrcb(out, &p);
}

static void extension_and_cck(void)
{
	struct fixture f;
	struct fixture_opts o = { .scf = UVEMU_SCF_CCK_EXT_ENFORCE };
	uint8_t req[2048], ext[32], cck2[32], key[32];
	unsigned int i;
	size_t len;

	memset(key, 0x61, sizeof(key));
	memset(cck2, 0xd2, sizeof(cck2));
	if (!EQ(fixture_up(&f, &o), 0, "fixture with CCK extension enforcement (SCF bit 1)"))
		return;
	for (i = 0; i < N_IBM; i++) {
		len = ibm_rebound(&f, i, req);
		EQ(uvc_add(f.uv, req, len), UVEMU_RC_ADD_DECRYPT,
		   "IBM %s under enforcement: rc 0x0108 (extension secret not from our CCK)",
		   ibm[i].name);
	}
	ext_for(f.cck, &f, ext);
	len = with_ext(&f, req, 6, key, 32, ext);
	EQ(uvc_add(f.uv, req, len), UVEMU_RC_EXECUTED, "extension secret derived from our CCK and tag: rc 0x0001");
	len = with_ext(&f, req, UVEMU_SECRET_UPDATE_CCK, cck2, 32, ext);
	EQ(uvc_add(f.uv, req, len), UVEMU_RC_ADD_TYPE, "update-CCK without SCF bit 2: rc 0x0109");
	guest_free(f.uv);

	o.scf = UVEMU_SCF_CCK_EXT_ENFORCE | UVEMU_SCF_CCK_UPDATE;
	if (!EQ(fixture_up(&f, &o), 0, "fixture with enforcement and CCK update (SCF bits 1, 2)"))
		return;
	memset(ext, 0, sizeof(ext));
	len = with_ext(&f, req, UVEMU_SECRET_UPDATE_CCK, cck2, 32, ext);
	EQ(uvc_add(f.uv, req, len), UVEMU_RC_ADD_DECRYPT, "update-CCK with a zero extension secret: rc 0x0108");
	ext_for(f.cck, &f, ext);
	len = with_ext(&f, req, UVEMU_SECRET_UPDATE_CCK, cck2, 32, ext);
	EQ(uvc_add(f.uv, req, len), UVEMU_RC_EXECUTED, "update-CCK with the derived extension secret: rc 0x0001");
	len = with_ext(&f, req, 6, key, 32, ext);
	EQ(uvc_add(f.uv, req, len), UVEMU_RC_ADD_DECRYPT, "after the update the old CCK's extension secret: rc 0x0108");
	ext_for(cck2, &f, ext);
	len = with_ext(&f, req, 6, key, 32, ext);
	EQ(uvc_add(f.uv, req, len), UVEMU_RC_EXECUTED, "the new CCK's extension secret: rc 0x0001");
	uvemu_reset(f.uv);
	EQ(uvc_add(f.uv, req, len), UVEMU_RC_ADD_DECRYPT, "after reset the CCK is the header's again: rc 0x0108");
	ext_for(f.cck, &f, ext);
	len = with_ext(&f, req, 6, key, 32, ext);
	EQ(uvc_add(f.uv, req, len), UVEMU_RC_EXECUTED, "  and its extension secret works: rc 0x0001");
	guest_free(f.uv);
}

/*
 * Without CCK enforcement the first accepted request with a non-zero
 * extension secret primes the store; later requests must carry the same
 * one (se-threats-and-binding: "whoever is added first wins").
 */
static void extension_priming(void)
{
	struct fixture f;
	struct fixture_opts o = { 0 };
	uint8_t req[2048], e1[32], e2[32], zero[32] = { 0 }, key[32];
	size_t len;

	memset(key, 0x61, sizeof(key));
	memset(e1, 0xe1, sizeof(e1));
	memset(e2, 0xe2, sizeof(e2));
	if (!EQ(fixture_up(&f, &o), 0, "fixture without CCK enforcement"))
		return;
	len = with_ext(&f, req, 6, key, 32, zero);
	EQ(uvc_add(f.uv, req, len), UVEMU_RC_EXECUTED, "zero extension secret before priming: rc 0x0001");
	len = with_ext(&f, req, 6, key, 32, e1);
	EQ(uvc_add(f.uv, req, len), UVEMU_RC_EXECUTED, "first non-zero extension secret E1 primes: rc 0x0001");
	len = with_ext(&f, req, 6, key, 32, e2);
	EQ(uvc_add(f.uv, req, len), UVEMU_RC_ADD_DECRYPT, "then E2: rc 0x0108");
	len = with_ext(&f, req, 6, key, 32, zero);
	EQ(uvc_add(f.uv, req, len), UVEMU_RC_ADD_DECRYPT, "then a zero extension secret: rc 0x0108");
	len = with_ext(&f, req, 6, key, 32, e1);
	EQ(uvc_add(f.uv, req, len), UVEMU_RC_EXECUTED, "then E1 again: rc 0x0001");
	uvemu_reset(f.uv);
	len = with_ext(&f, req, 6, key, 32, e2);
	EQ(uvc_add(f.uv, req, len), UVEMU_RC_EXECUTED, "after reset E2 primes a new store: rc 0x0001");
	guest_free(f.uv);
}

static void add_errors(void)
{
	struct fixture f;
	struct fixture_opts o = { .store_size = 2 };
	uint8_t req[2048], bad[2048], secret[48];
	size_t len, shdr = UVEMU_ASRCB_SLOTS + 80;

	if (!EQ(fixture_up(&f, &o), 0, "fixture with a store of two"))
		return;
	len = fixture_plain(&f, req, "hello", 1);
#define BAD(stmt, rc, name) do {					\
		memcpy(bad, req, len);					\
		stmt;							\
		EQ(uvc_add(f.uv, bad, len), rc, name);			\
	} while (0)
	BAD(bad[0] = 'b', UVEMU_RC_ADD_VERSION, "ASRCB magic: rc 0x0104");
	BAD(put_be16(bad + 6, 5), UVEMU_RC_ADD_VERSION, "ASRCB user-data type 5: rc 0x0104");
	BAD(put_be32(bad + 8, 0x200), UVEMU_RC_ADD_VERSION, "ASRCB version 0x200: rc 0x0104");
	BAD(put_be32(bad + 0xc, 0x4b7), UVEMU_RC_ADD_SIZE, "rql 0x4b7: rc 0x0105");
	BAD(put_be32(bad + 0xc, 0x7fffffff), UVEMU_RC_ADD_SIZE, "rql 0x7fffffff: rc 0x0105");
	BAD(bad[0x27] = 0, UVEMU_RC_ADD_NKS, "nks 0: rc 0x0106");
	BAD(bad[0x27] = 200, UVEMU_RC_ADD_NKS, "nks 200: rc 0x0106");
	BAD(bad[0x37] = 1, UVEMU_RC_ADD_FLAGS, "flag bit 63: rc 0x0107");
	BAD(put_be32(bad + 0x2c, 31), UVEMU_RC_ADD_SIZE, "sea 31: rc 0x0105");
	BAD(put_be16(bad + shdr + 2, 0x0b), UVEMU_RC_ADD_TYPE, "secret type 0x0b: rc 0x0109");
	BAD(put_be16(bad + shdr + 2, 0), UVEMU_RC_ADD_TYPE, "secret type 0: rc 0x0109");
	BAD(put_be32(bad + shdr + 4, 32), UVEMU_RC_ADD_SECRET_LEN, "secret length 32 for 16 bytes: rc 0x010a");
	BAD(bad[0x40] ^= 1, UVEMU_RC_ADD_DECRYPT, "PLD differs from the image: rc 0x0108");
	BAD(bad[0xf8] ^= 1, UVEMU_RC_ADD_DECRYPT, "SE-header tag differs: rc 0x0108");
	BAD(bad[0x218] ^= 1, UVEMU_RC_ADD_DECRYPT, "user data changed (authenticated): rc 0x0108");
	BAD(bad[len - 1] ^= 1, UVEMU_RC_ADD_DECRYPT, "request tag changed: rc 0x0108");
	BAD(bad[UVEMU_ASRCB_SLOTS] ^= 1, UVEMU_RC_ADD_DECRYPT, "no slot for our host keys: rc 0x0108");
	BAD(memset(bad + UVEMU_ASRCB_CPK, 0, 160), UVEMU_RC_ADD_DECRYPT, "customer key not a point: rc 0x0108");
#undef BAD
	/* Plaintext whose inner length does not fit its size. */
	memset(secret, 0, sizeof(secret));
	put_be16(secret, 20);
	len = fixture_secret(&f, bad, UVEMU_SECRET_PLAINTEXT, secret, 16, 2);
	EQ(uvc_add(f.uv, bad, len), UVEMU_RC_ADD_SECRET_LEN, "plaintext be16 length 20 in 16 bytes: rc 0x010a");
	put_be16(secret, 14);
	len = fixture_secret(&f, bad, UVEMU_SECRET_PLAINTEXT, secret, 32, 2);
	EQ(uvc_add(f.uv, bad, len), UVEMU_RC_ADD_SECRET_LEN, "plaintext of 14 bytes in 32: rc 0x010a");
	len = fixture_secret(&f, bad, UVEMU_SECRET_PLAINTEXT, secret, 16, 2);
	EQ(uvc_add(f.uv, bad, len), UVEMU_RC_EXECUTED, "plaintext of 14 bytes in 16: rc 0x0001");
	len = fixture_plain(&f, req, "hello", 1);
	EQ(uvc_add(f.uv, req, len), UVEMU_RC_EXECUTED, "second secret: rc 0x0001");
	EQ(uvc_add(f.uv, req, len), UVEMU_RC_ADD_FULL, "third secret in a store of two: rc 0x010b");
	memcpy(bad, ibm_asrcb_null_none_default_ncuid_one, sizeof(ibm_asrcb_null_none_default_ncuid_one));
	EQ(uvc_add(f.uv, bad, sizeof(ibm_asrcb_null_none_default_ncuid_one)), UVEMU_RC_ADD_DECRYPT,
	   "a full store still authenticates first: rc 0x0108");
	guest_free(f.uv);
}

static void list_pages(void)
{
	struct fixture f;
	struct fixture_opts o = { .store_size = 100 };
	uint8_t req[2048], page[4096], key[32];
	unsigned int i, good = 0;
	const uint8_t *e;
	size_t len;
	char text[32];

	if (!EQ(fixture_up(&f, &o), 0, "fixture with a store of 100"))
		return;
	EQ(uvc_list(f.uv, 0, page), UVEMU_RC_EXECUTED, "empty list: rc 0x0001");
	OK(get_be16(page) == 0 && get_be16(page + 2) == 0 && get_be16(page + 4) == 0 &&
	   all_bytes(page + 6, 0, 4096 - 6), "  empty page, all zero");
	memset(key, 0x61, sizeof(key));
	for (i = 0; i < 90; i++) {
		if (i % 3 == 1) {
			len = fixture_secret(&f, req, 6, key, 32, (uint8_t)i);
		} else {
			snprintf(text, sizeof(text), "secret %u", i);
			len = fixture_plain(&f, req, text, (uint8_t)i);
		}
		good += uvc_add(f.uv, req, len) == UVEMU_RC_EXECUTED;
	}
	EQ(good, 90, "90 secrets added");

	EQ(uvc_list(f.uv, 0, page), UVEMU_RC_MORE_DATA, "first page: rc 0x0100 (more data)");
	EQ(get_be16(page), 85, "  85 entries in it");
	EQ(get_be16(page + 2), 90, "  90 secrets in all");
	EQ(get_be16(page + 4), 85, "  next index 85");
	OK(all_bytes(page + 6, 0, 10), "  reserved header bytes zero");
	for (good = 0, i = 0; i < 85; i++) {
		e = page + 16 + 48 * i;
		good += get_be16(e) == i &&
			get_be16(e + 2) == (i % 3 == 1 ? 6 : 3) &&
			get_be32(e + 4) == (i % 3 == 1 ? 64u : 16u) &&
			all_bytes(e + 8, 0, 8) && all_bytes(e + 16, (uint8_t)i, 32);
	}
	EQ(good, 85, "  entries: index, type, listed length (AES-256: 32 + 32), id");
	OK(all_bytes(page + 16 + 48 * 85, 0, 4096 - 16 - 48 * 85), "  page tail zero");

	EQ(uvc_list(f.uv, 85, page), UVEMU_RC_EXECUTED, "second page from index 85: rc 0x0001");
	EQ(get_be16(page), 5, "  5 entries in it");
	EQ(get_be16(page + 2), 90, "  90 secrets in all");
	EQ(get_be16(page + 4), 0, "  next index 0");
	e = page + 16;
	OK(get_be16(e) == 85 && all_bytes(e + 16, 85, 32), "  first entry is index 85");
	EQ(uvc_list(f.uv, 3, page), UVEMU_RC_MORE_DATA, "page from index 3: rc 0x0100");
	OK(get_be16(page) == 85 && get_be16(page + 4) == 88 && get_be16(page + 16) == 3,
	   "  85 entries from index 3, next index 88");
	EQ(uvc_list(f.uv, 200, page), UVEMU_RC_EXECUTED, "start beyond the end: rc 0x0001");
	OK(get_be16(page) == 0 && get_be16(page + 2) == 90, "  no entries, total 90");
	guest_free(f.uv);
}

static void lock_and_reset(void)
{
	struct fixture f;
	struct fixture_opts o = { 0 };
	uint8_t req[2048], page[4096], out[64], cuid[16];
	size_t len;
	uint16_t rc;

	if (!EQ(fixture_up(&f, &o), 0, "fixture"))
		return;
	len = fixture_plain(&f, req, "before the lock", 1);
	EQ(uvc_add(f.uv, req, len), UVEMU_RC_EXECUTED, "add before the lock");
	EQ(uvc_simple(f.uv, UVEMU_CMD_LOCK_SECRETS, 0x40), UVEMU_RC_EXECUTED, "lock: rc 0x0001");
	EQ(uvc_simple(f.uv, UVEMU_CMD_LOCK_SECRETS, 0x40), UVEMU_RC_SECRET_LOCKED, "lock again: rc 0x0102");
	len = fixture_plain(&f, req, "after the lock", 2);
	EQ(uvc_add(f.uv, req, len), UVEMU_RC_SECRET_LOCKED, "add after the lock: rc 0x0102");
	uvcb_init(UVEMU_CMD_ADD_SECRET, 0x48);
	put_be64(guest.mem + G_UVCB + 0x20, GUEST_MEM_SIZE + 0x1000);
	uvc(f.uv, &rc);
	EQ(rc, UVEMU_RC_SECRET_LOCKED, "add after the lock, ASRCB unreadable: still rc 0x0102");
	EQ(uvc_list(f.uv, 0, page), UVEMU_RC_EXECUTED, "list after the lock works");
	EQ(get_be16(page + 2), 1, "  one secret");
	EQ(uvc_retr(f.uv, 0, 32, out), UVEMU_RC_EXECUTED, "retrieve after the lock works");

	uvemu_reset(f.uv);
	OK(uvemu_committed(f.uv), "reset keeps provisioning");
	OK(!uvemu_get_config_uid(f.uv, cuid) && !memcmp(cuid, f.cuid, 16), "reset keeps the config UID");
	EQ(uvc_list(f.uv, 0, page), UVEMU_RC_EXECUTED, "list after reset");
	EQ(get_be16(page + 2), 0, "  the store is empty");
	EQ(uvc_retr(f.uv, 0, 32, out), UVEMU_RC_RETR_EMPTY, "  retrieve: rc 0x010f");
	EQ(uvc_add(f.uv, req, len), UVEMU_RC_EXECUTED, "  and unlocked: add works");
	guest_free(f.uv);
}

/* Every key type goes to wrap_key with its type and clear key. */
static void retrieve_keys(void)
{
	struct fixture f;
	struct fixture_opts o = { 0 };
	static const uint16_t types[] = { 4, 5, 6, 7, 8, 9, 10, 0x11, 0x12, 0x13, 0x14, 0x15 };
	uint8_t req[2048], page[4096], clear[128], out[256], want[256];
	unsigned int i, good = 0;
	size_t len;

	if (!EQ(fixture_up(&f, &o), 0, "fixture"))
		return;
	for (i = 0; i < 128; i++)
		clear[i] = (uint8_t)(0x80 + i);
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		uint32_t klen = uvemu_secret_type(types[i])->len;

		len = fixture_secret(&f, req, types[i], clear, klen, (uint8_t)i);
		if (uvc_add(f.uv, req, len) != UVEMU_RC_EXECUTED)
			continue;
		uvc_list(f.uv, 0, page);
		guest.wrap_calls = 0;
		if (get_be32(page + 16 + 48 * i + 4) != klen + 32 ||
		    uvc_retr(f.uv, (uint16_t)i, klen + 32 + 8, out) != UVEMU_RC_EXECUTED)
			continue;
		fake_wrap(clear, klen, want);
		good += guest.wrap_calls == 1 && guest.wrap_type == types[i] &&
			guest.wrap_len == klen && guest.wrap_out_len == klen + 32 &&
			!memcmp(guest.wrap_clear, clear, klen) &&
			!memcmp(out, want, klen + 32) && all_bytes(out + klen + 32, 0, 8);
	}
	EQ(good, 12, "each of the 12 key types: listed as clear + 32, wrapped with its type and clear key");
	guest_free(f.uv);
}

static void retrieve(void)
{
	struct fixture f;
	struct fixture_opts o = { 0 };
	uint8_t req[2048], out[128], want[64], key[32];
	size_t len;

	if (!EQ(fixture_up(&f, &o), 0, "fixture"))
		return;
	EQ(uvc_retr(f.uv, 0, 64, NULL), UVEMU_RC_RETR_EMPTY, "retrieve from an empty store: rc 0x010f");
	len = fixture_plain(&f, req, "a plaintext secret of 30 bytes", 1);
	EQ(uvc_add(f.uv, req, len), UVEMU_RC_EXECUTED, "plaintext added");
	memset(key, 0x61, sizeof(key));
	len = fixture_secret(&f, req, 6, key, 32, 2);
	EQ(uvc_add(f.uv, req, len), UVEMU_RC_EXECUTED, "AES-256 key added");
	len = fixture_secret(&f, req, 2, key, 32, 3);
	EQ(uvc_add(f.uv, req, len), UVEMU_RC_EXECUTED, "association secret added");

	EQ(uvc_retr(f.uv, 0, 100, out), UVEMU_RC_EXECUTED, "retrieve the plaintext secret: rc 0x0001");
	memset(want, 0, sizeof(want));
	put_be16(want, 30);
	memcpy(want + 2, "a plaintext secret of 30 bytes", 30);
	MEM(out, want, 32, "  be16 length, text, zero padding: as added");
	OK(all_bytes(out + 32, 0, 100 - 32), "  the rest of the buffer zeroed");
	EQ(uvc_retr(f.uv, 0, 31, out), UVEMU_RC_RETR_BUF_SMALL, "plaintext into 31 bytes: rc 0x0109");
	OK(all_bytes(out, 0xee, 31), "  buffer untouched");

	guest.wrap_calls = 0;
	EQ(uvc_retr(f.uv, 1, 64, out), UVEMU_RC_EXECUTED, "retrieve the AES-256 key: rc 0x0001");
	OK(guest.wrap_calls == 1 && guest.wrap_type == 6 && guest.wrap_len == 32 &&
	   !memcmp(guest.wrap_clear, key, 32), "  wrap_key got type 6 and the clear key");
	fake_wrap(key, 32, want);
	MEM(out, want, 64, "  the buffer holds what wrap_key made");
	guest.wrap_calls = 0;
	EQ(uvc_retr(f.uv, 1, 63, out), UVEMU_RC_RETR_BUF_SMALL, "AES-256 key into 63 bytes: rc 0x0109");
	EQ(guest.wrap_calls, 0, "  wrap_key not called");
	guest.wrap_fail = -22;
	EQ(uvc_retr(f.uv, 1, 64, out), UVEMU_RC_RETR_INV_SECRET, "wrap_key cannot wrap: rc 0x0111");
	OK(all_bytes(out, 0xee, 64), "  buffer untouched");
	guest.wrap_fail = UVEMU_WRAP_NOSPC;
	EQ(uvc_retr(f.uv, 1, 64, out), UVEMU_RC_RETR_BUF_SMALL, "wrap_key: no space: rc 0x0109");
	guest.wrap_fail = 0;

	EQ(uvc_retr(f.uv, 2, 64, out), UVEMU_RC_RETR_INV_SECRET, "association secret: rc 0x0111");
	EQ(uvc_retr(f.uv, 3, 64, out), UVEMU_RC_RETR_INV_IDX, "index 3 of 3: rc 0x0110");
	EQ(uvc_retr(f.uv, 0xffff, 64, out), UVEMU_RC_RETR_INV_IDX, "index 0xffff: rc 0x0110");
	guest_free(f.uv);

	o.no_wrap = true;
	if (!EQ(fixture_up(&f, &o), 0, "fixture without wrap_key"))
		return;
	len = fixture_secret(&f, req, 6, key, 32, 2);
	EQ(uvc_add(f.uv, req, len), UVEMU_RC_EXECUTED, "AES-256 key added");
	EQ(uvc_retr(f.uv, 0, 64, out), UVEMU_RC_RETR_INV_SECRET, "no wrap_key: key secrets not retrievable, rc 0x0111");
	guest_free(f.uv);
}

void test_secrets(void)
{
	tap_diag("secrets: add, list, lock, retrieve, reset");
	ibm_requests();
	extension_and_cck();
	extension_priming();
	add_errors();
	list_pages();
	lock_and_reset();
	retrieve_keys();
	retrieve();
}
