// SPDX-License-Identifier: GPL-2.0
/*
 * Retrieve Attestation Measurement (UVC 0x1020), as swuv_attest.c: ARCB v1
 * parsing and decryption, the HMAC-SHA512 measurement and the additional
 * data, on host buffers; uvemu_call.c moves them to and from guest memory.
 */
#include <string.h>
#include "uvemu_int.h"

/* Encrypted area: measurement key, then the optional nonce. */
#define ARCB_ENC_NONCE		UVEMU_ARCB_MEAS_KEY_SIZE
#define ARCB_ENC_MAX		(UVEMU_ARCB_MEAS_KEY_SIZE + UVEMU_ARCB_NONCE_SIZE)

/* Firmware state (additional data, PAF bit 5); see Documentation/swuv.rst. */
#define FW_MAGIC		"SWUVFWST"
#define FW_VERSION		0x0100
#define FW_OFF_VERSION		0x08
#define FW_OFF_SIZE		0x0c
#define FW_OFF_NKEYS		0x10
#define FW_OFF_NSECRETS		0x14
#define FW_OFF_STORE_SIZE	0x18
#define FW_OFF_NADDS		0x1c
#define FW_OFF_LOCKED		0x20
#define FW_OFF_NO_DUMP		0x21
#define FW_OFF_PCF		0x28
#define FW_OFF_SCF		0x30
#define FW_OFF_IMG_PHKH		0x38
#define FW_OFF_KEYS_HASH	0x58
#define FW_OFF_RELEASE		0x78
#define FW_RELEASE_SIZE		64

/*
 * Check the plaintext part of an ARCB v1 whose length (arl) is @len.  Only
 * the first min(@len, UVEMU_ARCB_MAX) bytes need to be present: the fields
 * read here lie in the first 0xe0, and a longer request is refused.
 * Return 0 or the ultravisor rc.
 */
uint16_t uvemu_arcb_parse(const uint8_t *arcb, uint32_t len,
			  struct uvemu_arcb *a)
{
	uint32_t sea_expect;

	if (len < UVEMU_ARCB_SLOTS)
		return UVEMU_RC_ATT_LEN;
	if (get_be64(arcb + UVEMU_REQ_MAGIC) ||
	    get_be32(arcb + UVEMU_REQ_VERSION) != UVEMU_REQ_VERSION_1)
		return UVEMU_RC_ATT_VERSION;
	a->len = get_be32(arcb + UVEMU_REQ_LEN);
	if (a->len < UVEMU_ARCB_SLOTS || a->len > len)
		return UVEMU_RC_ATT_LEN;
	if (get_be32(arcb + UVEMU_ARCB_MAI) != UVEMU_MAI_HMAC_SHA512)
		return UVEMU_RC_ATT_MAI;
	a->paf = get_be64(arcb + UVEMU_ARCB_PAF);
	if (a->paf & ~UVEMU_PAF_SUPPORTED)
		return UVEMU_RC_ATT_PAF;
	a->nks = arcb[UVEMU_REQ_NKS];
	a->aad_len = UVEMU_ARCB_SLOTS + a->nks * UVEMU_KEYSLOT_SIZE;
	if (!a->nks || a->aad_len + UVEMU_TAG_SIZE > a->len)
		return UVEMU_RC_ATT_NKS;
	a->sea = get_be32(arcb + UVEMU_REQ_SEA);
	sea_expect = UVEMU_ARCB_MEAS_KEY_SIZE;
	if (a->paf & UVEMU_PAF_NONCE)
		sea_expect += UVEMU_ARCB_NONCE_SIZE;
	if (a->sea != sea_expect)
		return UVEMU_RC_ATT_SEA;
	if (a->aad_len + a->sea + UVEMU_TAG_SIZE != a->len)
		return UVEMU_RC_ATT_LEN;
	a->cpk = arcb + UVEMU_ARCB_CPK;
	a->slots = arcb + UVEMU_ARCB_SLOTS;
	return 0;
}

/* Decrypt the measurement key and nonce (zero if absent): 0 or -EBADMSG. */
int uvemu_arcb_open(const uint8_t *arcb, const struct uvemu_arcb *a,
		    const uint8_t prot_key[UVEMU_KEY_SIZE],
		    struct uvemu_arcb_secrets *s)
{
	uint8_t pt[ARCB_ENC_MAX];
	int ret;

	ret = uvemu_gcm_decrypt(prot_key, arcb + UVEMU_REQ_IV, arcb,
				a->aad_len, arcb + a->aad_len, a->sea,
				arcb + a->aad_len + a->sea, pt);
	if (!ret) {
		memset(s, 0, sizeof(*s));
		memcpy(s->meas_key, pt, UVEMU_ARCB_MEAS_KEY_SIZE);
		if (a->paf & UVEMU_PAF_NONCE)
			memcpy(s->nonce, pt + ARCB_ENC_NONCE,
			       UVEMU_ARCB_NONCE_SIZE);
	}
	uvemu_wipe(pt, sizeof(pt));
	return ret;
}

/* Size of the additional data the flags in @paf ask for. */
uint32_t uvemu_add_data_size(uint64_t paf)
{
	uint32_t size = 0;

	if (paf & UVEMU_PAF_IMG_PHKH)
		size += UVEMU_PHKH_SIZE;
	if (paf & UVEMU_PAF_ATT_PHKH)
		size += UVEMU_PHKH_SIZE;
	if (paf & UVEMU_PAF_STORE_HASH)
		size += UVEMU_SHA512_SIZE;
	if (paf & UVEMU_PAF_FW_STATE)
		size += UVEMU_FW_STATE_SIZE;
	return size;
}

/*
 * The measurement, exactly as s390-tools recomputes it: HMAC-SHA512 keyed
 * with the ARCB's measurement key over PLD, ALD, TLD, SE-header tag, config
 * UID, be16 user-data length, two zero bytes, be32 additional-data length,
 * the user data, the nonce (PAF bit 1) and the additional data.
 */
void uvemu_measure(const struct uvemu_arcb_secrets *s, uint64_t paf,
		   const struct uvemu_boot_tags *tags, const uint8_t cuid[16],
		   const uint8_t *user_data, uint16_t user_data_len,
		   const uint8_t *add_data, uint32_t add_data_len,
		   uint8_t meas[UVEMU_MEAS_SIZE])
{
	uint8_t lens[8];
	const struct uvemu_iov iov[] = {
		{ tags->pld, sizeof(tags->pld) },
		{ tags->ald, sizeof(tags->ald) },
		{ tags->tld, sizeof(tags->tld) },
		{ tags->tag, sizeof(tags->tag) },
		{ cuid, 16 },
		{ lens, sizeof(lens) },
		{ user_data, user_data_len },
		{ s->nonce, (paf & UVEMU_PAF_NONCE) ? sizeof(s->nonce) : 0 },
		{ add_data, add_data_len },
	};

	put_be16(lens, user_data_len);
	put_be16(lens + 2, 0);
	put_be32(lens + 4, add_data_len);
	uvemu_hmac_sha512(s->meas_key, sizeof(s->meas_key), iov,
			  ARRAY_SIZE(iov), meas);
}

/* Firmware state: a snapshot of this emulated ultravisor. */
static void fw_state(const struct uvemu *uv, uint8_t *out)
{
	uint8_t phkhs[UVEMU_MAX_HOST_KEYS * UVEMU_PHKH_SIZE];
	unsigned int i;

	memset(out, 0, UVEMU_FW_STATE_SIZE);
	memcpy(out, FW_MAGIC, strlen(FW_MAGIC));
	put_be32(out + FW_OFF_VERSION, FW_VERSION);
	put_be32(out + FW_OFF_SIZE, UVEMU_FW_STATE_SIZE);
	put_be32(out + FW_OFF_NKEYS, uv->nkeys);
	put_be32(out + FW_OFF_NSECRETS, uv->nsecrets);
	put_be32(out + FW_OFF_STORE_SIZE, uv->store_size);
	put_be32(out + FW_OFF_NADDS, uv->nadds);
	out[FW_OFF_LOCKED] = uv->locked;
	out[FW_OFF_NO_DUMP] = uv->dump_disabled;
	put_be64(out + FW_OFF_PCF, uv->img.pcf);
	put_be64(out + FW_OFF_SCF, uv->img.scf);
	memcpy(out + FW_OFF_IMG_PHKH, uv->img.phkh, UVEMU_PHKH_SIZE);
	for (i = 0; i < uv->nkeys; i++)
		memcpy(phkhs + i * UVEMU_PHKH_SIZE, uv->keys[i].phkh,
		       UVEMU_PHKH_SIZE);
	uvemu_sha256(phkhs, uv->nkeys * UVEMU_PHKH_SIZE,
		     out + FW_OFF_KEYS_HASH);
	/* NUL-padded; the string is far shorter than the field. */
	memcpy(out + FW_OFF_RELEASE, UVEMU_FW_LEVEL, strlen(UVEMU_FW_LEVEL));
}

/* The additional data in the order of the PAF bits; returns its size. */
static uint32_t add_data(const struct uvemu *uv, uint64_t paf,
			 const uint8_t att_phkh[UVEMU_PHKH_SIZE], uint8_t *out)
{
	const uint8_t locked = uv->locked;
	uint8_t *p = out;

	if (paf & UVEMU_PAF_IMG_PHKH) {
		memcpy(p, uv->img.phkh, UVEMU_PHKH_SIZE);
		p += UVEMU_PHKH_SIZE;
	}
	if (paf & UVEMU_PAF_ATT_PHKH) {
		memcpy(p, att_phkh, UVEMU_PHKH_SIZE);
		p += UVEMU_PHKH_SIZE;
	}
	if (paf & UVEMU_PAF_STORE_HASH) {
		uvemu_runhash_peek(uv->store_hash, &locked, sizeof(locked), p);
		p += UVEMU_SHA512_SIZE;
	}
	if (paf & UVEMU_PAF_FW_STATE) {
		fw_state(uv, p);
		p += UVEMU_FW_STATE_SIZE;
	}
	return (uint32_t)(p - out);
}

/*
 * Retrieve Attestation Measurement on the operands in @args.  On rc
 * 0x0001 @args->meas and the first @args->add_len bytes of @args->add_data
 * hold the results; the config UID is uv->cuid.  Checks in swuv's order.
 */
uint16_t uvemu_attest(struct uvemu *uv, struct uvemu_attest_args *args)
{
	struct uvemu_arcb_secrets s;
	uint8_t prot_key[UVEMU_KEY_SIZE];
	struct uvemu_arcb a;
	unsigned int kidx = 0;
	uint32_t add_len;
	uint16_t rc;
	int ret;

	if (!uv->committed)
		return UVEMU_RC_INV_STATE;
	if (args->user_data_len > UVEMU_USER_DATA_MAX)
		return UVEMU_RC_ATT_USER_DATA;
	rc = uvemu_arcb_parse(args->arcb, args->arcb_len, &a);
	if (rc)
		return rc;
	if (args->meas_len < UVEMU_MEAS_SIZE)
		return UVEMU_RC_ATT_MEAS_LEN;
	add_len = uvemu_add_data_size(a.paf);
	if (args->add_data_len < add_len)
		return UVEMU_RC_ATT_ADD_LEN;

	ret = uvemu_find_slot_key(a.slots, a.nks, a.cpk, uv->keys, uv->nkeys,
				  prot_key, &kidx);
	if (!ret)
		ret = uvemu_arcb_open(args->arcb, &a, prot_key, &s);
	uvemu_wipe(prot_key, sizeof(prot_key));
	if (ret)
		return UVEMU_RC_ATT_UNSEAL;

	args->add_len = add_data(uv, a.paf, uv->keys[kidx].phkh,
				 args->add_data);
	uvemu_measure(&s, a.paf, &uv->img.tags, uv->cuid, args->user_data,
		      args->user_data_len, args->add_data, args->add_len,
		      args->meas);
	uvemu_wipe(&s, sizeof(s));
	return UVEMU_RC_EXECUTED;
}
