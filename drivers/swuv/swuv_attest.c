// SPDX-License-Identifier: GPL-2.0
/*
 * Retrieve Attestation Measurement (UVC 0x1020): ARCB v1 parsing and
 * decryption, the HMAC-SHA512 measurement and the additional data.
 */
#include <linux/err.h>
#include <linux/string.h>
#include <linux/utsname.h>
#include "swuv.h"
#include <secex/compat.h>

/* Encrypted area: measurement key, then the optional nonce. */
#define ARCB_ENC_NONCE		SWUV_ARCB_MEAS_KEY_SIZE
#define ARCB_ENC_MAX		(SWUV_ARCB_MEAS_KEY_SIZE + SWUV_ARCB_NONCE_SIZE)

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

/**
 * swuv_arcb_parse() - check the plaintext part of an ARCB v1
 * @arcb: the request
 * @len: size of the buffer holding it
 * @a: out: parsed fields
 *
 * Return: 0 if the request is well formed, else the ultravisor rc.
 */
u16 swuv_arcb_parse(const u8 *arcb, u32 len, struct swuv_arcb *a)
{
	u32 sea_expect;

	if (len < SWUV_ARCB_SLOTS)
		return SWUV_RC_ATT_LEN;
	if (get_unaligned_be64(arcb + SWUV_REQ_MAGIC) ||
	    get_unaligned_be32(arcb + SWUV_REQ_VERSION) != SWUV_REQ_VERSION_1)
		return SWUV_RC_ATT_VERSION;
	a->len = get_unaligned_be32(arcb + SWUV_REQ_LEN);
	if (a->len < SWUV_ARCB_SLOTS || a->len > len)
		return SWUV_RC_ATT_LEN;
	if (get_unaligned_be32(arcb + SWUV_ARCB_MAI) != SWUV_MAI_HMAC_SHA512)
		return SWUV_RC_ATT_MAI;
	a->paf = get_unaligned_be64(arcb + SWUV_ARCB_PAF);
	if (a->paf & ~SWUV_PAF_SUPPORTED)
		return SWUV_RC_ATT_PAF;
	a->nks = arcb[SWUV_REQ_NKS];
	a->aad_len = SWUV_ARCB_SLOTS + a->nks * SWUV_KEYSLOT_SIZE;
	if (!a->nks || a->aad_len + SWUV_TAG_SIZE > a->len)
		return SWUV_RC_ATT_NKS;
	a->sea = get_unaligned_be32(arcb + SWUV_REQ_SEA);
	sea_expect = SWUV_ARCB_MEAS_KEY_SIZE;
	if (a->paf & SWUV_PAF_NONCE)
		sea_expect += SWUV_ARCB_NONCE_SIZE;
	if (a->sea != sea_expect)
		return SWUV_RC_ATT_SEA;
	if (a->aad_len + a->sea + SWUV_TAG_SIZE != a->len)
		return SWUV_RC_ATT_LEN;
	a->cpk = arcb + SWUV_ARCB_CPK;
	a->slots = arcb + SWUV_ARCB_SLOTS;
	return 0;
}

/**
 * swuv_arcb_open() - decrypt the encrypted area of a parsed ARCB
 * @arcb: the request
 * @a: its parsed fields
 * @prot_key: the attestation request protection key
 * @s: out: measurement key and nonce (zero if absent)
 *
 * Return: 0, -EBADMSG if the request does not authenticate, or another
 * negative errno.
 */
int swuv_arcb_open(const u8 *arcb, const struct swuv_arcb *a,
		   const u8 prot_key[SWUV_KEY_SIZE],
		   struct swuv_arcb_secrets *s)
{
	u8 pt[ARCB_ENC_MAX];
	int ret;

	ret = swuv_gcm_decrypt(prot_key, arcb + SWUV_REQ_IV, arcb, a->aad_len,
			       arcb + a->aad_len, a->sea,
			       arcb + a->aad_len + a->sea, pt);
	if (!ret) {
		memset(s, 0, sizeof(*s));
		memcpy(s->meas_key, pt, SWUV_ARCB_MEAS_KEY_SIZE);
		if (a->paf & SWUV_PAF_NONCE)
			memcpy(s->nonce, pt + ARCB_ENC_NONCE,
			       SWUV_ARCB_NONCE_SIZE);
	}
	memzero_explicit(pt, sizeof(pt));
	return ret;
}

/* Size of the additional data the flags in @paf ask for. */
u32 swuv_add_data_size(u64 paf)
{
	u32 size = 0;

	if (paf & SWUV_PAF_IMG_PHKH)
		size += SWUV_PHKH_SIZE;
	if (paf & SWUV_PAF_ATT_PHKH)
		size += SWUV_PHKH_SIZE;
	if (paf & SWUV_PAF_STORE_HASH)
		size += SHA512_DIGEST_SIZE;
	if (paf & SWUV_PAF_FW_STATE)
		size += SWUV_FW_STATE_SIZE;
	return size;
}

/**
 * swuv_measure() - the attestation measurement (HMAC-SHA512)
 * @s: measurement key and nonce from the ARCB
 * @paf: the ARCB's plaintext flags (for the nonce)
 * @tags: the SE header's PLD, ALD, TLD and tag
 * @cuid: configuration unique ID
 * @user_data: user data from the caller
 * @user_data_len: its length (at most 256)
 * @add_data: additional data as returned
 * @add_data_len: its length
 * @meas: out: the measurement
 *
 * Return: 0 or a negative errno.
 */
int swuv_measure(const struct swuv_arcb_secrets *s, u64 paf,
		 const struct swuv_boot_tags *tags, const u8 cuid[16],
		 const u8 *user_data, u16 user_data_len,
		 const u8 *add_data, u32 add_data_len,
		 u8 meas[SWUV_MEAS_SIZE])
{
	struct swuv_hmac *h;
	u8 lens[8];
	int ret;

	put_unaligned_be16(user_data_len, lens);
	put_unaligned_be16(0, lens + 2);
	put_unaligned_be32(add_data_len, lens + 4);

	h = swuv_hmac_sha512_start(s->meas_key, sizeof(s->meas_key));
	if (IS_ERR(h))
		return PTR_ERR(h);
	ret = swuv_hmac_update(h, tags->pld, sizeof(tags->pld));
	if (!ret)
		ret = swuv_hmac_update(h, tags->ald, sizeof(tags->ald));
	if (!ret)
		ret = swuv_hmac_update(h, tags->tld, sizeof(tags->tld));
	if (!ret)
		ret = swuv_hmac_update(h, tags->tag, sizeof(tags->tag));
	if (!ret)
		ret = swuv_hmac_update(h, cuid, 16);
	if (!ret)
		ret = swuv_hmac_update(h, lens, sizeof(lens));
	if (!ret)
		ret = swuv_hmac_update(h, user_data, user_data_len);
	if (!ret && (paf & SWUV_PAF_NONCE))
		ret = swuv_hmac_update(h, s->nonce, sizeof(s->nonce));
	if (!ret)
		ret = swuv_hmac_update(h, add_data, add_data_len);
	if (!ret)
		ret = swuv_hmac_finish(h, meas);
	swuv_hmac_free(h);
	return ret;
}

/* Firmware state: a snapshot of this emulated ultravisor.  Lock held. */
static int swuv_fw_state(u8 *out)
{
	u8 phkhs[SWUV_MAX_HOST_KEYS * SWUV_PHKH_SIZE];
	unsigned int i;

	memset(out, 0, SWUV_FW_STATE_SIZE);
	memcpy(out, FW_MAGIC, strlen(FW_MAGIC));
	put_unaligned_be32(FW_VERSION, out + FW_OFF_VERSION);
	put_unaligned_be32(SWUV_FW_STATE_SIZE, out + FW_OFF_SIZE);
	put_unaligned_be32(swuv.nkeys, out + FW_OFF_NKEYS);
	put_unaligned_be32(swuv.nsecrets, out + FW_OFF_NSECRETS);
	put_unaligned_be32(swuv.store_size, out + FW_OFF_STORE_SIZE);
	put_unaligned_be32(swuv.nadds, out + FW_OFF_NADDS);
	out[FW_OFF_LOCKED] = swuv.locked;
	out[FW_OFF_NO_DUMP] = swuv.dump_disabled;
	put_unaligned_be64(swuv.img.pcf, out + FW_OFF_PCF);
	put_unaligned_be64(swuv.img.scf, out + FW_OFF_SCF);
	memcpy(out + FW_OFF_IMG_PHKH, swuv.img.phkh, SWUV_PHKH_SIZE);
	for (i = 0; i < swuv.nkeys; i++)
		memcpy(phkhs + i * SWUV_PHKH_SIZE, swuv.keys[i].phkh,
		       SWUV_PHKH_SIZE);
	strscpy(out + FW_OFF_RELEASE, init_utsname()->release,
		FW_RELEASE_SIZE);
	return swuv_sha256(phkhs, swuv.nkeys * SWUV_PHKH_SIZE,
			   out + FW_OFF_KEYS_HASH);
}

/* Fill the additional data in the order of the PAF bits.  Lock held. */
static int swuv_add_data(u64 paf, const u8 att_phkh[SWUV_PHKH_SIZE], u8 *out)
{
	u8 locked = swuv.locked;
	int ret;

	lockdep_assert_held(&swuv.lock);
	if (paf & SWUV_PAF_IMG_PHKH) {
		memcpy(out, swuv.img.phkh, SWUV_PHKH_SIZE);
		out += SWUV_PHKH_SIZE;
	}
	if (paf & SWUV_PAF_ATT_PHKH) {
		memcpy(out, att_phkh, SWUV_PHKH_SIZE);
		out += SWUV_PHKH_SIZE;
	}
	if (paf & SWUV_PAF_STORE_HASH) {
		ret = swuv_runhash_peek(swuv.store_hash, &locked,
					sizeof(locked), out);
		if (ret)
			return ret;
		out += SHA512_DIGEST_SIZE;
	}
	if (paf & SWUV_PAF_FW_STATE)
		return swuv_fw_state(out);
	return 0;
}

/*
 * After commit, the host keys, the image and the config UID do not change
 * until the module goes (which waits for every call): only the additional
 * data, which shows the secret store, needs swuv.lock.  The expensive part
 * (ECDH, GCM, HMAC) runs unlocked, so attestations do not wait for each
 * other.
 */
static u16 swuv_attest_committed(struct secex_uv_attest_args *args)
{
	struct swuv_arcb_secrets s;
	u8 prot_key[SWUV_KEY_SIZE];
	struct swuv_arcb a;
	unsigned int kidx;
	u32 add_len;
	u16 rc;
	int ret;

	if (args->user_data_len > SWUV_USER_DATA_MAX)
		return SWUV_RC_ATT_USER_DATA;
	rc = swuv_arcb_parse(args->arcb, args->arcb_len, &a);
	if (rc)
		return rc;
	if (args->meas_len < SWUV_MEAS_SIZE)
		return SWUV_RC_ATT_MEAS_LEN;
	add_len = swuv_add_data_size(a.paf);
	if (args->add_data_len < add_len || (add_len && !args->add_data))
		return SWUV_RC_ATT_ADD_LEN;

	ret = swuv_find_slot_key(a.slots, a.nks, a.cpk, swuv.keys, swuv.nkeys,
				 prot_key, &kidx);
	if (!ret)
		ret = swuv_arcb_open(args->arcb, &a, prot_key, &s);
	memzero_explicit(prot_key, sizeof(prot_key));
	if (ret)
		return SWUV_RC_ATT_UNSEAL;

	rc = SECEX_UVC_RC_EXECUTED;
	if (add_len) {
		mutex_lock(&swuv.lock);
		if (swuv_add_data(a.paf, swuv.keys[kidx].phkh, args->add_data))
			rc = SWUV_RC_ATT_UNSEAL;
		mutex_unlock(&swuv.lock);
	}
	if (rc == SECEX_UVC_RC_EXECUTED &&
	    swuv_measure(&s, a.paf, &swuv.img.tags, swuv.cuid,
			 args->user_data, args->user_data_len,
			 args->add_data, add_len, args->meas))
		rc = SWUV_RC_ATT_UNSEAL;
	if (rc == SECEX_UVC_RC_EXECUTED)
		memcpy(args->config_uid, swuv.cuid, sizeof(args->config_uid));
	memzero_explicit(&s, sizeof(s));
	return rc;
}

/* Backend callback: Retrieve Attestation Measurement. */
void swuv_attest(struct secex_uv_attest_args *args,
		 struct secex_uv_status *st)
{
	bool committed;

	/* The lock orders this after everything the commit wrote. */
	mutex_lock(&swuv.lock);
	committed = swuv.committed;
	mutex_unlock(&swuv.lock);
	swuv_set_rc(st, committed ? swuv_attest_committed(args) :
				    SECEX_UVC_RC_INV_STATE);
}
