/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Software ultravisor (secex_swuv): shared definitions.
 *
 * All request formats (SE header, ARCB, ASRCB, secret list) are big-endian
 * on the wire and are read with get_unaligned_be*() at fixed offsets, so
 * the code behaves the same on x86_64 and s390x.
 */
#ifndef _SWUV_H
#define _SWUV_H

#include <linux/types.h>
#include <linux/mutex.h>
#include <crypto/sha2.h>
#include <secex/uv_backend.h>
#ifdef CONFIG_S390
#include <asm/facility.h>
#endif

/* --- P-521 (swuv_p521.c) ------------------------------------------------ */

#define SWUV_P521_BYTES		66	/* scalar / coordinate, big-endian */
#define SWUV_EC_COORD_SIZE	80	/* coordinate padded as in SE formats */
#define SWUV_EC_PUB_SIZE	(2 * SWUV_EC_COORD_SIZE)

int swuv_p521_check_scalar(const u8 d[SWUV_P521_BYTES]);
int swuv_p521_pubkey(const u8 d[SWUV_P521_BYTES], u8 pub[SWUV_EC_PUB_SIZE]);
int swuv_p521_ecdh(const u8 d[SWUV_P521_BYTES],
		   const u8 peer[SWUV_EC_PUB_SIZE], u8 z[SWUV_P521_BYTES]);

/* --- crypto helpers (swuv_crypto.c) --------------------------------------- */

#define SWUV_KEY_SIZE		32	/* AES-256 */
#define SWUV_IV_SIZE		12
#define SWUV_TAG_SIZE		16
#define SWUV_PHKH_SIZE		SHA256_DIGEST_SIZE
#define SWUV_KEYSLOT_SIZE	80

int swuv_crypto_init(void);
void swuv_crypto_exit(void);
int swuv_sha256(const void *data, size_t len, u8 out[SHA256_DIGEST_SIZE]);
int swuv_gcm_decrypt(const u8 key[SWUV_KEY_SIZE], const u8 iv[SWUV_IV_SIZE],
		     const u8 *aad, size_t aad_len, const u8 *ct,
		     size_t ct_len, const u8 tag[SWUV_TAG_SIZE], u8 *pt);
int swuv_exchange_key(const u8 priv[SWUV_P521_BYTES],
		      const u8 peer[SWUV_EC_PUB_SIZE], u8 key[SWUV_KEY_SIZE]);
int swuv_unwrap_slot(const u8 *slot, const u8 exch_key[SWUV_KEY_SIZE],
		     u8 prot_key[SWUV_KEY_SIZE]);
int swuv_hkdf_sha512(const u8 *ikm, size_t ikm_len, const u8 *salt,
		     size_t salt_len, const u8 *info, size_t info_len,
		     u8 *okm, size_t okm_len);

/* HMAC-SHA512 over a sequence of buffers. */
struct swuv_hmac;
struct swuv_hmac *swuv_hmac_sha512_start(const u8 *key, size_t key_len);
int swuv_hmac_update(struct swuv_hmac *h, const void *data, size_t len);
int swuv_hmac_finish(struct swuv_hmac *h, u8 out[SHA512_DIGEST_SIZE]);
void swuv_hmac_free(struct swuv_hmac *h);

/* A running SHA-512 that can be finished repeatedly (secret-store hash). */
struct swuv_runhash;
struct swuv_runhash *swuv_runhash_alloc(void);
int swuv_runhash_update(struct swuv_runhash *rh, const void *data, size_t len);
int swuv_runhash_peek(struct swuv_runhash *rh, const void *tail,
		      size_t tail_len, u8 out[SHA512_DIGEST_SIZE]);
void swuv_runhash_free(struct swuv_runhash *rh);

/* --- SE header (swuv_hdr.c) ----------------------------------------------- */

#define SWUV_SE_HDR_MAX		(2 * 4096)
#define SWUV_TAGS_LD_SIZE	64

/* The parts of an SE header that bind requests to one image. */
struct swuv_boot_tags {
	u8 pld[SWUV_TAGS_LD_SIZE];
	u8 ald[SWUV_TAGS_LD_SIZE];
	u8 tld[SWUV_TAGS_LD_SIZE];
	u8 tag[SWUV_TAG_SIZE];
};

#define SWUV_MAX_HOST_KEYS	8

struct swuv_host_key {
	u8 priv[SWUV_P521_BYTES];
	u8 pub[SWUV_EC_PUB_SIZE];
	u8 phkh[SWUV_PHKH_SIZE];
};

/* What the ultravisor keeps of a validated SE header. */
struct swuv_image {
	struct swuv_boot_tags tags;
	u8 cck[SWUV_KEY_SIZE];
	u8 phkh[SWUV_PHKH_SIZE];	/* host key that unpacked the header */
	u64 pcf;
	u64 scf;
};

/* SE header secret control flags (MSB0). */
#define SWUV_SCF_CCK_EXT_ENFORCE	BIT_ULL(63 - 1)
#define SWUV_SCF_CCK_UPDATE		BIT_ULL(63 - 2)

int swuv_find_slot_key(const u8 *slots, unsigned int nks,
		       const u8 *cpk, const struct swuv_host_key *keys,
		       unsigned int nkeys, u8 prot_key[SWUV_KEY_SIZE],
		       unsigned int *key_idx);
int swuv_hdr_validate(const u8 *hdr, size_t len,
		      const struct swuv_host_key *keys, unsigned int nkeys,
		      struct swuv_image *img, const char **why);

/* --- requests (ARCB, ASRCB) ----------------------------------------------- */

/* Offsets of the generic request header (§1.5). */
#define SWUV_REQ_MAGIC		0x00
#define SWUV_REQ_VERSION	0x08
#define SWUV_REQ_LEN		0x0c
#define SWUV_REQ_IV		0x10
#define SWUV_REQ_NKS		0x27
#define SWUV_REQ_SEA		0x2c
#define SWUV_REQ_VERSION_1	0x0100

/* Attestation request (ARCB v1). */
#define SWUV_ARCB_PAF		0x30
#define SWUV_ARCB_MAI		0x38
#define SWUV_ARCB_CPK		0x40
#define SWUV_ARCB_SLOTS		0xe0
#define SWUV_ARCB_MEAS_KEY_SIZE	64
#define SWUV_ARCB_NONCE_SIZE	16

#define SWUV_PAF_NONCE		BIT_ULL(63 - 1)
#define SWUV_PAF_IMG_PHKH	BIT_ULL(63 - 2)
#define SWUV_PAF_ATT_PHKH	BIT_ULL(63 - 3)
#define SWUV_PAF_STORE_HASH	BIT_ULL(63 - 4)
#define SWUV_PAF_FW_STATE	BIT_ULL(63 - 5)
#define SWUV_PAF_BACKUP_KEY	BIT_ULL(63 - 62)
#define SWUV_PAF_GLOBAL_KEY	BIT_ULL(63 - 63)
#define SWUV_PAF_SUPPORTED	(SWUV_PAF_NONCE | SWUV_PAF_IMG_PHKH |	\
				 SWUV_PAF_ATT_PHKH | SWUV_PAF_STORE_HASH | \
				 SWUV_PAF_FW_STATE | SWUV_PAF_BACKUP_KEY | \
				 SWUV_PAF_GLOBAL_KEY)
#define SWUV_MAI_HMAC_SHA512	1
#define SWUV_MEAS_SIZE		SHA512_DIGEST_SIZE
#define SWUV_FW_STATE_SIZE	0x140
#define SWUV_USER_DATA_MAX	256

struct swuv_arcb {
	u64 paf;
	u32 len;
	unsigned int nks;
	u32 sea;
	u32 aad_len;
	const u8 *cpk;
	const u8 *slots;
};

/* Decrypted contents of an ARCB. */
struct swuv_arcb_secrets {
	u8 meas_key[SWUV_ARCB_MEAS_KEY_SIZE];
	u8 nonce[SWUV_ARCB_NONCE_SIZE];
};

u16 swuv_arcb_parse(const u8 *arcb, u32 len, struct swuv_arcb *a);
int swuv_arcb_open(const u8 *arcb, const struct swuv_arcb *a,
		   const u8 prot_key[SWUV_KEY_SIZE],
		   struct swuv_arcb_secrets *s);
u32 swuv_add_data_size(u64 paf);
int swuv_measure(const struct swuv_arcb_secrets *s, u64 paf,
		 const struct swuv_boot_tags *tags, const u8 cuid[16],
		 const u8 *user_data, u16 user_data_len,
		 const u8 *add_data, u32 add_data_len,
		 u8 meas[SWUV_MEAS_SIZE]);

/* Add-secret request (ASRCB v1). */
#define SWUV_ASRCB_FLAGS	0x030
#define SWUV_ASRCB_TAGS		0x038
#define SWUV_ASRCB_CUID		0x108
#define SWUV_ASRCB_USER_DATA	0x218
#define SWUV_ASRCB_CPK		0x418
#define SWUV_ASRCB_SLOTS	0x4b8
#define SWUV_ASRCB_MAGIC	"asrcbM"
#define SWUV_ASRCB_MAX_UD_TYPE	4
#define SWUV_ASRCB_FLAG_NO_DUMP	BIT_ULL(63 - 0)
#define SWUV_SECRET_HDR_NULL	16
#define SWUV_SECRET_HDR_LIST	48
#define SWUV_EXT_SECRET_SIZE	32
#define SWUV_SECRET_ID_SIZE	32

/* Secret types (§5.2). */

#define SWUV_PLAIN_MAX		8190

struct swuv_asrcb {
	u32 len;
	u16 ud_type;
	unsigned int nks;
	u32 sea;
	u32 aad_len;
	u64 flags;
	u16 type;
	u32 secret_len;
	const u8 *tags;		/* pld, ald, tld, tag as in the SE header */
	const u8 *cuid;
	const u8 *cpk;
	const u8 *slots;
	const u8 *id;		/* NULL for null/update-CCK requests */
	const u8 *tag;		/* request tag: last 16 bytes */
};

u16 swuv_asrcb_parse(const u8 *req, u32 len, struct swuv_asrcb *r);
int swuv_asrcb_open(const u8 *req, const struct swuv_asrcb *r,
		    const u8 prot_key[SWUV_KEY_SIZE], u8 *pt);
int swuv_ext_secret_from_cck(const u8 cck[SWUV_KEY_SIZE],
			     const u8 se_tag[SWUV_TAG_SIZE],
			     u8 ext[SWUV_EXT_SECRET_SIZE]);

/* --- ultravisor rc values -------------------------------------------------- */

#define SWUV_RC_ATT_USER_DATA		0x0102
#define SWUV_RC_ATT_VERSION		0x0106
#define SWUV_RC_ATT_LEN			0x0107
#define SWUV_RC_ATT_NKS			0x0108
#define SWUV_RC_ATT_SEA			0x0109
#define SWUV_RC_ATT_PAF			0x010a
#define SWUV_RC_ATT_MAI			0x010b
#define SWUV_RC_ATT_UNSEAL		0x010c
#define SWUV_RC_ATT_MEAS_LEN		0x010d
#define SWUV_RC_ATT_ADD_LEN		0x010e

#define SWUV_RC_SECRET_LOCKED		0x0102
#define SWUV_RC_ADD_VERSION		0x0104
#define SWUV_RC_ADD_SIZE		0x0105
#define SWUV_RC_ADD_NKS			0x0106
#define SWUV_RC_ADD_FLAGS		0x0107
#define SWUV_RC_ADD_DECRYPT		0x0108
#define SWUV_RC_ADD_TYPE		0x0109
#define SWUV_RC_ADD_SECRET_LEN		0x010a
#define SWUV_RC_ADD_FULL		0x010b
#define SWUV_RC_ADD_UNABLE		0x010c

#define SWUV_RC_RETR_BUF_SMALL		0x0109
#define SWUV_RC_RETR_STORE_EMPTY	0x010f
#define SWUV_RC_RETR_INV_IDX		0x0110
#define SWUV_RC_RETR_INV_SECRET		0x0111

/* --- global state (swuv_main.c) -------------------------------------------- */

#define SWUV_STORE_SIZE_DEFAULT	64
#define SWUV_STORE_SIZE_MAX	65535

struct swuv_secret {
	u16 type;
	u32 list_len;		/* length reported by List and needed by Retrieve */
	u8 id[SWUV_SECRET_ID_SIZE];
	u32 len;		/* length of @data */
	u8 *data;
};

struct swuv_state {
	struct mutex lock;		/* protects everything below */
	bool committed;
	unsigned int nkeys;
	struct swuv_host_key keys[SWUV_MAX_HOST_KEYS];
	u8 *se_hdr;
	size_t se_hdr_len;
	u8 cuid[16];
	bool cuid_set;
	u32 store_size;
	/* valid once committed */
	struct swuv_image img;
	struct swuv_secret *secrets;
	u32 nsecrets;
	bool locked;
	bool dump_disabled;
	u32 nadds;
	struct swuv_runhash *store_hash;
	/*
	 * Without CCK enforcement the first accepted request that carries a
	 * non-zero extension secret primes the store: every later request
	 * must carry the same one.
	 */
	bool ext_primed;
	u8 ext_secret[SWUV_EXT_SECRET_SIZE];
};

extern struct swuv_state swuv;

int swuv_commit(const char **why);
void swuv_store_free(void);

void swuv_attest(struct secex_uv_attest_args *args,
		 struct secex_uv_status *st);
void swuv_add_secret(const void *asrcb, u32 len, struct secex_uv_status *st);
void swuv_list_secrets(void *page, u16 start, struct secex_uv_status *st);
void swuv_lock_secrets(struct secex_uv_status *st);
void swuv_retr_secret(u16 idx, void *buf, u32 len,
		      struct secex_uv_status *st);

int swuv_provision_init(void);
void swuv_provision_exit(void);
int swuv_sysfs_uv_init(void);
void swuv_sysfs_uv_exit(void);

static inline void swuv_set_rc(struct secex_uv_status *st, u16 rc)
{
	st->rc = rc;
	st->rrc = 0;
}

/*
 * The ultravisor-call facility (158): a real Secure Execution guest or
 * host, where this software ultravisor must not pretend to be the machine's.
 */
#ifdef CONFIG_S390
static inline bool swuv_machine_has_uv(void)
{
	return test_facility(158);
}
#else
static inline bool swuv_machine_has_uv(void)
{
	return false;
}
#endif

#endif /* _SWUV_H */
