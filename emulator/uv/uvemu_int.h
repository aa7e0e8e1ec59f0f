/* SPDX-License-Identifier: GPL-2.0 */
/*
 * uvemu internals: state, formats and the functions the files share.
 *
 * Offsets, sizes and rules are those of drivers/swuv (swuv.h); requests
 * are parsed at fixed offsets with the byte helpers below, so nothing
 * depends on the host's byte order or alignment.
 */
#ifndef UVEMU_INT_H
#define UVEMU_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "uvemu.h"

/* --- bytes ---------------------------------------------------------------- */

static inline uint16_t get_be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t get_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static inline uint64_t get_be64(const uint8_t *p)
{
	return (uint64_t)get_be32(p) << 32 | get_be32(p + 4);
}

static inline void put_be16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static inline void put_be32(uint8_t *p, uint32_t v)
{
	put_be16(p, (uint16_t)(v >> 16));
	put_be16(p + 2, (uint16_t)v);
}

static inline void put_be64(uint8_t *p, uint64_t v)
{
	put_be32(p, (uint32_t)(v >> 32));
	put_be32(p + 4, (uint32_t)v);
}

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))

/* MSB0 bit @n of a 64-bit word, as the architecture numbers flags. */
#define MSB0(n)			(1ULL << (63 - (n)))

/* --- crypto (uvemu_crypto.c) ----------------------------------------------- */

#define UVEMU_P521_BYTES	66	/* scalar / coordinate, big-endian */
#define UVEMU_EC_COORD_SIZE	80	/* coordinate padded as in SE formats */
#define UVEMU_EC_PUB_SIZE	(2 * UVEMU_EC_COORD_SIZE)
#define UVEMU_KEY_SIZE		32	/* AES-256 */
#define UVEMU_IV_SIZE		12
#define UVEMU_TAG_SIZE		16
#define UVEMU_PHKH_SIZE		32	/* SHA-256 */
#define UVEMU_SHA512_SIZE	64
#define UVEMU_KEYSLOT_SIZE	80

/* memset that the compiler may not drop: for every buffer with key material. */
void uvemu_wipe(void *p, size_t len);
/* Constant-time comparison: nonzero if the buffers differ. */
int uvemu_memneq(const void *a, const void *b, size_t len);

int uvemu_p521_check_scalar(const uint8_t d[UVEMU_P521_BYTES]);
int uvemu_p521_pubkey(const uint8_t d[UVEMU_P521_BYTES],
		      uint8_t pub[UVEMU_EC_PUB_SIZE]);
int uvemu_p521_ecdh(const uint8_t d[UVEMU_P521_BYTES],
		    const uint8_t peer[UVEMU_EC_PUB_SIZE],
		    uint8_t z[UVEMU_P521_BYTES]);

void uvemu_sha256(const void *data, size_t len, uint8_t out[32]);
void uvemu_phkh(const uint8_t pub[UVEMU_EC_PUB_SIZE],
		uint8_t phkh[UVEMU_PHKH_SIZE]);
int uvemu_gcm_decrypt(const uint8_t key[UVEMU_KEY_SIZE],
		      const uint8_t iv[UVEMU_IV_SIZE], const uint8_t *aad,
		      size_t aad_len, const uint8_t *ct, size_t ct_len,
		      const uint8_t tag[UVEMU_TAG_SIZE], uint8_t *pt);
int uvemu_exchange_key(const uint8_t priv[UVEMU_P521_BYTES],
		       const uint8_t peer[UVEMU_EC_PUB_SIZE],
		       uint8_t key[UVEMU_KEY_SIZE]);
int uvemu_unwrap_slot(const uint8_t *slot,
		      const uint8_t exch_key[UVEMU_KEY_SIZE],
		      uint8_t prot_key[UVEMU_KEY_SIZE]);

/* One piece of a message made of several buffers. */
struct uvemu_iov {
	const void *base;
	size_t len;
};

int uvemu_xts_encrypt_page(const uint8_t key[2 * UVEMU_KEY_SIZE],
			   const uint8_t tweak[16], const uint8_t *in,
			   uint8_t *out, size_t len);
void uvemu_hmac_sha512(const uint8_t *key, size_t key_len,
		       const struct uvemu_iov *iov, size_t n,
		       uint8_t out[UVEMU_SHA512_SIZE]);
void uvemu_hkdf_sha512(const uint8_t *ikm, size_t ikm_len,
		       const uint8_t *salt, size_t salt_len,
		       const uint8_t *info, size_t info_len,
		       uint8_t *okm, size_t okm_len);

/* A running SHA-512 that can be finished repeatedly (secret-store hash). */
struct uvemu_runhash;
struct uvemu_runhash *uvemu_runhash_new(void);
void uvemu_runhash_update(struct uvemu_runhash *rh, const void *data,
			  size_t len);
void uvemu_runhash_peek(const struct uvemu_runhash *rh, const void *tail,
			size_t tail_len, uint8_t out[UVEMU_SHA512_SIZE]);
void uvemu_runhash_free(struct uvemu_runhash *rh);

/* --- SE header (uvemu_hdr.c) ------------------------------------------------ */

#define UVEMU_SE_HDR_MAX	(2 * 4096)
#define UVEMU_TAGS_LD_SIZE	64
#define UVEMU_MAX_HOST_KEYS	8

/* The parts of an SE header that bind requests to one image. */
struct uvemu_boot_tags {
	uint8_t pld[UVEMU_TAGS_LD_SIZE];
	uint8_t ald[UVEMU_TAGS_LD_SIZE];
	uint8_t tld[UVEMU_TAGS_LD_SIZE];
	uint8_t tag[UVEMU_TAG_SIZE];
};

struct uvemu_host_key {
	uint8_t priv[UVEMU_P521_BYTES];
	uint8_t pub[UVEMU_EC_PUB_SIZE];
	uint8_t phkh[UVEMU_PHKH_SIZE];
};

/* What the ultravisor keeps of a validated SE header. */
struct uvemu_image {
	struct uvemu_boot_tags tags;
	/* AES-256-XTS key of the image's components (the unpack check) */
	uint8_t comp_key[2 * UVEMU_KEY_SIZE];
	uint8_t cck[UVEMU_KEY_SIZE];	/* as in the header */
	uint8_t phkh[UVEMU_PHKH_SIZE];	/* host key that unpacked the header */
	uint64_t pcf;
	uint64_t scf;
};

/* SE header secret control flags. */
#define UVEMU_SCF_CCK_EXT_ENFORCE	MSB0(1)
#define UVEMU_SCF_CCK_UPDATE		MSB0(2)

int uvemu_find_slot_key(const uint8_t *slots, unsigned int nks,
			const uint8_t *cpk, const struct uvemu_host_key *keys,
			unsigned int nkeys, uint8_t prot_key[UVEMU_KEY_SIZE],
			unsigned int *key_idx);
int uvemu_hdr_validate(const uint8_t *hdr, size_t len,
		       const struct uvemu_host_key *keys, unsigned int nkeys,
		       struct uvemu_image *img, const char **why);

/* --- requests: generic header (ARCB and ASRCB) ------------------------------ */

#define UVEMU_REQ_MAGIC		0x00
#define UVEMU_REQ_VERSION	0x08
#define UVEMU_REQ_LEN		0x0c
#define UVEMU_REQ_IV		0x10
#define UVEMU_REQ_NKS		0x27
#define UVEMU_REQ_SEA		0x2c
#define UVEMU_REQ_HDR_SIZE	0x30
#define UVEMU_REQ_VERSION_1	0x0100

/* --- attestation (uvemu_attest.c) ------------------------------------------ */

#define UVEMU_ARCB_PAF		0x30
#define UVEMU_ARCB_MAI		0x38
#define UVEMU_ARCB_CPK		0x40
#define UVEMU_ARCB_SLOTS	0xe0
#define UVEMU_ARCB_MEAS_KEY_SIZE 64
#define UVEMU_ARCB_NONCE_SIZE	16
/* Largest ARCB that can be well formed: 255 slots, nonce. */
#define UVEMU_ARCB_MAX		(UVEMU_ARCB_SLOTS + 255 * UVEMU_KEYSLOT_SIZE + \
				 UVEMU_ARCB_MEAS_KEY_SIZE +		\
				 UVEMU_ARCB_NONCE_SIZE + UVEMU_TAG_SIZE)

#define UVEMU_PAF_NONCE		MSB0(1)
#define UVEMU_PAF_IMG_PHKH	MSB0(2)
#define UVEMU_PAF_ATT_PHKH	MSB0(3)
#define UVEMU_PAF_STORE_HASH	MSB0(4)
#define UVEMU_PAF_FW_STATE	MSB0(5)
#define UVEMU_PAF_BACKUP_KEY	MSB0(62)
#define UVEMU_PAF_GLOBAL_KEY	MSB0(63)
#define UVEMU_PAF_SUPPORTED	(UVEMU_PAF_NONCE | UVEMU_PAF_IMG_PHKH |	\
				 UVEMU_PAF_ATT_PHKH | UVEMU_PAF_STORE_HASH | \
				 UVEMU_PAF_FW_STATE | UVEMU_PAF_BACKUP_KEY | \
				 UVEMU_PAF_GLOBAL_KEY)
#define UVEMU_MAI_HMAC_SHA512	1
#define UVEMU_MEAS_SIZE		UVEMU_SHA512_SIZE
#define UVEMU_FW_STATE_SIZE	0x140
#define UVEMU_USER_DATA_MAX	256
#define UVEMU_ADD_DATA_MAX	(2 * UVEMU_PHKH_SIZE + UVEMU_SHA512_SIZE + \
				 UVEMU_FW_STATE_SIZE)
/* The "firmware level" in the firmware state (swuv: the kernel release). */
#define UVEMU_FW_LEVEL		"uvemu 1"

struct uvemu_arcb {
	uint64_t paf;
	uint32_t len;
	unsigned int nks;
	uint32_t sea;
	uint32_t aad_len;
	const uint8_t *cpk;
	const uint8_t *slots;
};

/* Decrypted contents of an ARCB. */
struct uvemu_arcb_secrets {
	uint8_t meas_key[UVEMU_ARCB_MEAS_KEY_SIZE];
	uint8_t nonce[UVEMU_ARCB_NONCE_SIZE];
};

/* Operands and results of one Retrieve Attestation Measurement. */
struct uvemu_attest_args {
	const uint8_t *arcb;		/* the request, @arcb_len bytes */
	uint32_t arcb_len;
	const uint8_t *user_data;
	uint16_t user_data_len;
	uint32_t meas_len;		/* size of the caller's buffers */
	uint32_t add_data_len;
	uint8_t meas[UVEMU_MEAS_SIZE];	/* out */
	uint8_t add_data[UVEMU_ADD_DATA_MAX]; /* out */
	uint32_t add_len;		/* out: bytes of @add_data */
};

uint16_t uvemu_arcb_parse(const uint8_t *arcb, uint32_t len,
			  struct uvemu_arcb *a);
int uvemu_arcb_open(const uint8_t *arcb, const struct uvemu_arcb *a,
		    const uint8_t prot_key[UVEMU_KEY_SIZE],
		    struct uvemu_arcb_secrets *s);
uint32_t uvemu_add_data_size(uint64_t paf);
void uvemu_measure(const struct uvemu_arcb_secrets *s, uint64_t paf,
		   const struct uvemu_boot_tags *tags, const uint8_t cuid[16],
		   const uint8_t *user_data, uint16_t user_data_len,
		   const uint8_t *add_data, uint32_t add_data_len,
		   uint8_t meas[UVEMU_MEAS_SIZE]);
uint16_t uvemu_attest(struct uvemu *uv, struct uvemu_attest_args *args);

/* --- secrets (uvemu_secret.c) ---------------------------------------------- */

#define UVEMU_ASRCB_FLAGS	0x030
#define UVEMU_ASRCB_TAGS	0x038
#define UVEMU_ASRCB_CUID	0x108
#define UVEMU_ASRCB_USER_DATA	0x218
#define UVEMU_ASRCB_CPK		0x418
#define UVEMU_ASRCB_SLOTS	0x4b8
#define UVEMU_ASRCB_MAGIC	"asrcbM"
#define UVEMU_ASRCB_MAX_UD_TYPE	4
#define UVEMU_ASRCB_FLAG_NO_DUMP MSB0(0)
#define UVEMU_SECRET_HDR_NULL	16
#define UVEMU_SECRET_HDR_LIST	48
#define UVEMU_EXT_SECRET_SIZE	32
#define UVEMU_SECRET_ID_SIZE	32
#define UVEMU_PLAIN_MAX		8190
#define UVEMU_PLAIN_ALIGN	16
#define UVEMU_SECRET_MAX	8192	/* plaintext: round_up(2 + 8190, 16) */
#define UVEMU_WKVP_SIZE		32
/* Largest ASRCB that can be well formed: 255 slots, largest plaintext. */
#define UVEMU_ASRCB_MAX		(UVEMU_ASRCB_SLOTS + 255 * UVEMU_KEYSLOT_SIZE + \
				 UVEMU_SECRET_HDR_LIST + UVEMU_SECRET_MAX + \
				 UVEMU_EXT_SECRET_SIZE + UVEMU_TAG_SIZE)

/* Secret types (the table of include/uapi/secex/uv_secret_types.h). */
#define UVEMU_SECRET_NULL		0x0001
#define UVEMU_SECRET_ASSOCIATION	0x0002
#define UVEMU_SECRET_PLAINTEXT		0x0003
#define UVEMU_SECRET_UPDATE_CCK		0x0016

#define UVEMU_SECRET_LISTED		0x1
#define UVEMU_SECRET_RETRIEVABLE	0x2
#define UVEMU_SECRET_KEY		0x4	/* retrieved as a protected key */

struct uvemu_secret_type {
	uint16_t type;
	uint32_t len;		/* 0: null; plaintext: variable */
	uint32_t flags;
};

/* The row of @type, NULL if the type is not supported. */
const struct uvemu_secret_type *uvemu_secret_type(uint16_t type);
/* Every supported type, *@n rows. */
const struct uvemu_secret_type *uvemu_secret_types(unsigned int *n);

struct uvemu_asrcb {
	uint32_t len;
	uint16_t ud_type;
	unsigned int nks;
	uint32_t sea;
	uint32_t aad_len;
	uint64_t flags;
	uint16_t type;
	uint32_t secret_len;
	const uint8_t *tags;	/* pld, ald, tld, tag as in the SE header */
	const uint8_t *cuid;
	const uint8_t *cpk;
	const uint8_t *slots;
	const uint8_t *id;	/* NULL for null/update-CCK requests */
	const uint8_t *tag;	/* request tag: last 16 bytes */
};

uint16_t uvemu_asrcb_parse(const uint8_t *req, uint32_t len,
			   struct uvemu_asrcb *r);
int uvemu_asrcb_open(const uint8_t *req, const struct uvemu_asrcb *r,
		     const uint8_t prot_key[UVEMU_KEY_SIZE], uint8_t *pt);
void uvemu_ext_secret_from_cck(const uint8_t cck[UVEMU_KEY_SIZE],
			       const uint8_t se_tag[UVEMU_TAG_SIZE],
			       uint8_t ext[UVEMU_EXT_SECRET_SIZE]);

struct uvemu_secret {
	uint16_t type;
	uint32_t list_len;	/* length reported by List and needed by Retrieve */
	uint8_t id[UVEMU_SECRET_ID_SIZE];
	uint32_t len;		/* length of @data */
	uint8_t *data;
};

#define UVEMU_LIST_PAGE_SIZE	0x1000
#define UVEMU_LIST_HDR_SIZE	16
#define UVEMU_LIST_ENTRY_SIZE	48
#define UVEMU_LIST_MAX_ENTRIES	85

uint16_t uvemu_add_secret(struct uvemu *uv, const uint8_t *req, uint32_t len);
uint16_t uvemu_list_secrets(struct uvemu *uv, uint16_t start,
			    uint8_t page[UVEMU_LIST_PAGE_SIZE]);
uint16_t uvemu_lock_secrets(struct uvemu *uv);
uint16_t uvemu_retr_secret(struct uvemu *uv, uint16_t idx, uint32_t buf_size,
			   uint8_t out[UVEMU_SECRET_MAX], uint32_t *out_len);
uint64_t uvemu_supp_secret_types(void);
int uvemu_store_init(struct uvemu *uv);
void uvemu_store_free(struct uvemu *uv);

/* --- state (uvemu_call.c) ---------------------------------------------------- */

#define UVEMU_STORE_SIZE_DEFAULT 64
#define UVEMU_STORE_SIZE_MAX	65535

struct uvemu {
	const struct uvemu_env *env;	/* the caller's, read on every use */
	bool committed;
	unsigned int nkeys;
	struct uvemu_host_key keys[UVEMU_MAX_HOST_KEYS];
	uint8_t cuid[16];
	bool cuid_set;
	uint32_t store_size;
	/* valid once committed */
	struct uvemu_image img;
	uint8_t cck[UVEMU_KEY_SIZE];	/* current CCK: update-CCK replaces it */
	struct uvemu_secret *secrets;
	uint32_t nsecrets;
	bool locked;
	bool dump_disabled;
	uint32_t nadds;
	struct uvemu_runhash *store_hash;
	/*
	 * Without CCK enforcement the first accepted request that carries a
	 * non-zero extension secret primes the store: every later request
	 * must carry the same one.
	 */
	bool ext_primed;
	uint8_t ext_secret[UVEMU_EXT_SECRET_SIZE];
};

#endif /* UVEMU_INT_H */
