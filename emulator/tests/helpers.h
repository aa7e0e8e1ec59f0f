/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Test helpers: a fake guest (memory with holes, a recording key wrapper,
 * deterministic randomness), UVC control blocks in that memory, and a
 * request builder on the owner's side (SE header, ASRCB, resealing ARCBs
 * and ASRCBs for our host keys).
 */
#ifndef UVEMU_TEST_HELPERS_H
#define UVEMU_TEST_HELPERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../uv/uvemu_int.h"

/* --- the fake guest -------------------------------------------------------- */

#define GUEST_MEM_SIZE		(4u << 20)
/* Reads and writes touching [DENY_LO, DENY_HI) fail with an access exception. */
#define GUEST_DENY_LO		0x3f0000u
#define GUEST_DENY_HI		0x3f1000u
/* Fixed places in guest memory. */
#define G_UVCB			0x1000u
#define G_REQ			0x10000u	/* requests, 64 KiB */
#define G_OUT			0x20000u	/* list page, secret buffers */
#define G_MEAS			0x30000u
#define G_ADD			0x31000u

struct guest {
	uint8_t *mem;
	/* wrap_key: what it was last called with, and how to answer */
	unsigned int wrap_calls;
	uint16_t wrap_type;
	uint8_t wrap_clear[256];
	size_t wrap_len, wrap_out_len;
	int wrap_fail;			/* 0: wrap; else return this */
	unsigned int random_calls;
};

extern struct guest guest;

/* A fresh guest and an unprovisioned ultravisor on it. */
struct uvemu *guest_uv(bool with_wrap);
void guest_free(struct uvemu *uv);
/* The fake protected key: clear XOR 0xa5, then a fixed WKVP. */
void fake_wrap(const uint8_t *clear, size_t len, uint8_t *out);

/* --- UVCBs ------------------------------------------------------------------ */

/* Write a UVCB header (len, cmd, rc = rrc = 0) at G_UVCB, zeroing @len bytes. */
void uvcb_init(uint16_t cmd, uint16_t len);
uint16_t uvcb_rc(void);
uint16_t uvcb_rrc(void);
/* Run the UVC at G_UVCB; returns cc.  *rc (if rc) gets the UVCB's rc. */
int uvc(struct uvemu *uv, uint16_t *rc);

uint16_t uvc_simple(struct uvemu *uv, uint16_t cmd, uint16_t len);
uint16_t uvc_add(struct uvemu *uv, const uint8_t *req, size_t len);
uint16_t uvc_list(struct uvemu *uv, uint16_t start, uint8_t page[4096]);
uint16_t uvc_retr(struct uvemu *uv, uint16_t idx, uint32_t size,
		  uint8_t *out);

struct att_io {
	const uint8_t *arcb;
	size_t arcb_len;
	uint8_t user_data[256];		/* all copied into the UVCB */
	uint16_t user_data_len;
	uint32_t meas_len;
	uint32_t add_data_len;
	/* out */
	uint8_t meas[64];
	uint8_t add[1024];
	uint8_t cuid[16];
};
uint16_t uvc_attest(struct uvemu *uv, struct att_io *io);

/* --- owner side ----------------------------------------------------------- */

struct hostkey {
	uint8_t d[UVEMU_P521_BYTES];
	uint8_t pub[UVEMU_EC_PUB_SIZE];
	uint8_t phkh[UVEMU_PHKH_SIZE];
};

/* A deterministic host key made from @seed. */
void make_hostkey(struct hostkey *k, uint8_t seed);

/* The customer key all built requests use (IBM's test customer key). */
extern const uint8_t *cust_priv, *cust_pub;

struct hdr_params {
	const struct hostkey *keys[8];	/* one slot each */
	unsigned int nks;
	uint8_t cck[32];
	uint64_t pcf, scf;
	uint8_t fill_pld, fill_ald, fill_tld;
};

/* An SE header as genprotimg writes one; returns its size (phs). */
size_t build_se_hdr(uint8_t *out, const struct hdr_params *p);
/* What a request must name to be bound to that header. */
void hdr_tags(const uint8_t *hdr, size_t len, struct uvemu_boot_tags *t);

struct asrcb_params {
	uint16_t ud_type;
	uint64_t flags;
	const struct uvemu_boot_tags *tags;
	uint8_t cuid[16];
	uint16_t type;
	const uint8_t *secret;
	uint32_t secret_len;
	uint8_t id[32];
	uint8_t ext[32];
	const struct hostkey *keys[8];
	unsigned int nks;
};

/* A complete ASRCB v1; returns its size (rql). */
size_t build_asrcb(uint8_t *out, const struct asrcb_params *p);

/*
 * Reseal a request (ARCB: slots at 0xe0, ASRCB: at 0x4b8) after its
 * plaintext parts were edited: every key slot is replaced by one for
 * @keys[i] wrapping @prot, and the encrypted area @pt (sea bytes) is
 * encrypted anew with @prot and the request's IV.  The request's cpk must
 * be cust_pub.
 */
void reseal(uint8_t *req, size_t len, size_t slots_off,
	    const uint8_t prot[32], const uint8_t *pt,
	    const struct hostkey *const *keys);

/* AES-256-GCM encryption with a 16-byte tag (owner side, nettle). */
void gcm_seal(const uint8_t key[32], const uint8_t iv[12], const uint8_t *aad,
	      size_t aad_len, const uint8_t *pt, size_t len, uint8_t *ct,
	      uint8_t tag[16]);

/* A committed ultravisor on a fresh guest: two host keys, the header's
 * slot for the second one. */
struct fixture {
	struct uvemu *uv;
	struct hostkey hk[2];
	uint8_t hdr[1024];
	size_t hdr_len;
	struct uvemu_boot_tags tags;
	uint8_t cck[32];
	uint8_t cuid[16];
};

struct fixture_opts {
	uint64_t scf;
	bool no_wrap;			/* env.wrap_key = NULL */
	unsigned int store_size;	/* 0: default */
	bool random_cuid;		/* else 16 x 0x42, as IBM's vectors pin */
};

/* 0 on success; the fixture is torn down with guest_free(f->uv). */
int fixture_up(struct fixture *f, const struct fixture_opts *o);
/* A request for a listed secret of @type with @secret, bound to @f. */
size_t fixture_secret(const struct fixture *f, uint8_t *out, uint16_t type,
		      const uint8_t *secret, uint32_t len, uint8_t id_byte);
/* A plaintext secret request for @text. */
size_t fixture_plain(const struct fixture *f, uint8_t *out, const char *text,
		     uint8_t id_byte);

/* The test suites. */
void test_vectors(void);
void test_provision(void);
void test_uvc(void);
void test_secrets(void);
void test_attest(void);

#endif /* UVEMU_TEST_HELPERS_H */
