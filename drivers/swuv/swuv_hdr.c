// SPDX-License-Identifier: GPL-2.0
/*
 * SE header ("IBMSecEx" v1) validation, as the ultravisor does when it
 * unpacks a secure image: find a key slot for one of our host keys, unwrap
 * the customer root key, authenticate the whole header with AES-256-GCM and
 * keep what later requests are bound to (PLD, ALD, TLD, tag), the customer
 * communication key and the control flags.
 */
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "swuv.h"
#include <secex/compat.h>

#define SE_HDR_MAGIC		0x49424d5365634578ULL	/* "IBMSecEx" */
#define SE_HDR_VERSION_1	0x0100
#define SE_HDR_VERSION		0x008
#define SE_HDR_PHS		0x00c
#define SE_HDR_IV		0x010
#define SE_HDR_NKS		0x020
#define SE_HDR_SEA		0x028
#define SE_HDR_PCF		0x038
#define SE_HDR_CPK		0x040
#define SE_HDR_PLD		0x0e0
#define SE_HDR_ALD		0x120
#define SE_HDR_TLD		0x160
#define SE_HDR_SLOTS		0x1a0
/* Offsets in the encrypted area. */
#define SE_ENC_CCK		0x00
#define SE_ENC_SCF		0x70
#define SE_ENC_SIZE		0x80

/**
 * swuv_find_slot_key() - unwrap a request's protection key
 * @slots: the request's key slots
 * @nks: their number
 * @cpk: the request's customer public key
 * @keys: provisioned host keys
 * @nkeys: their number
 * @prot_key: out: the unwrapped protection key
 * @key_idx: out: index of the host key that unwrapped it
 *
 * Every slot is matched against every host key by PHKH; the first match
 * that unwraps wins.
 *
 * Return: 0, -ENOKEY (no slot for any host key), -EBADMSG (a matching slot
 * did not authenticate), -EINVAL (@cpk is not a P-521 point) or another
 * negative errno.
 */
int swuv_find_slot_key(const u8 *slots, unsigned int nks,
		       const u8 *cpk, const struct swuv_host_key *keys,
		       unsigned int nkeys, u8 prot_key[SWUV_KEY_SIZE],
		       unsigned int *key_idx)
{
	u8 exch[SWUV_KEY_SIZE];
	unsigned int k, i;
	int ret = -ENOKEY;

	for (k = 0; k < nkeys; k++) {
		bool have_exch = false;

		for (i = 0; i < nks; i++) {
			const u8 *slot = slots + i * SWUV_KEYSLOT_SIZE;
			int r;

			if (memcmp(slot, keys[k].phkh, SWUV_PHKH_SIZE))
				continue;
			if (!have_exch) {
				r = swuv_exchange_key(keys[k].priv, cpk, exch);
				if (r) {
					ret = r;
					goto out;
				}
				have_exch = true;
			}
			r = swuv_unwrap_slot(slot, exch, prot_key);
			if (!r) {
				*key_idx = k;
				ret = 0;
				goto out;
			}
			ret = r;
		}
	}
out:
	memzero_explicit(exch, sizeof(exch));
	return ret;
}

/**
 * swuv_hdr_validate() - validate an SE header like the ultravisor
 * @hdr: the complete header
 * @len: its size in bytes
 * @keys: provisioned host keys
 * @nkeys: their number
 * @img: out: what the ultravisor keeps of the header
 * @why: out: on failure, a short reason for the log
 *
 * Return: 0 or -EINVAL (see @why), or another negative errno.
 */
int swuv_hdr_validate(const u8 *hdr, size_t len,
		      const struct swuv_host_key *keys, unsigned int nkeys,
		      struct swuv_image *img, const char **why)
{
	u8 root_key[SWUV_KEY_SIZE];
	unsigned int key_idx;
	u64 nks, sea;
	size_t aad_len;
	u8 *enc = NULL;
	int ret;

	*why = NULL;
	if (len < SE_HDR_SLOTS + SWUV_KEYSLOT_SIZE + SE_ENC_SIZE +
	    SWUV_TAG_SIZE || len > SWUV_SE_HDR_MAX) {
		*why = "SE header size out of range";
		return -EINVAL;
	}
	if (get_unaligned_be64(hdr) != SE_HDR_MAGIC) {
		*why = "no IBMSecEx magic";
		return -EINVAL;
	}
	if (get_unaligned_be32(hdr + SE_HDR_VERSION) != SE_HDR_VERSION_1) {
		*why = "unsupported SE header version";
		return -EINVAL;
	}
	if (get_unaligned_be32(hdr + SE_HDR_PHS) != len) {
		*why = "SE header size (phs) differs from the written size";
		return -EINVAL;
	}
	nks = get_unaligned_be64(hdr + SE_HDR_NKS);
	sea = get_unaligned_be64(hdr + SE_HDR_SEA);
	if (!nks || nks > (len - SE_HDR_SLOTS) / SWUV_KEYSLOT_SIZE) {
		*why = "invalid number of key slots";
		return -EINVAL;
	}
	aad_len = SE_HDR_SLOTS + nks * SWUV_KEYSLOT_SIZE;
	if (sea < SE_ENC_SIZE || sea > len ||
	    aad_len + sea + SWUV_TAG_SIZE != len) {
		*why = "encrypted area size inconsistent with the header size";
		return -EINVAL;
	}
	if (!nkeys) {
		*why = "no host key provisioned";
		return -EINVAL;
	}

	ret = swuv_find_slot_key(hdr + SE_HDR_SLOTS, nks, hdr + SE_HDR_CPK,
				 keys, nkeys, root_key, &key_idx);
	switch (ret) {
	case 0:
		break;
	case -ENOKEY:
		*why = "no key slot for a provisioned host key (PHKH)";
		return -EINVAL;
	case -EBADMSG:
		*why = "key slot does not unwrap with the host key";
		return -EINVAL;
	case -EINVAL:
		*why = "customer public key is not a P-521 point";
		return -EINVAL;
	default:
		*why = "crypto error while unwrapping the key slot";
		return ret;
	}

	enc = kmalloc(sea, GFP_KERNEL);
	if (!enc) {
		ret = -ENOMEM;
		goto out;
	}
	ret = swuv_gcm_decrypt(root_key, hdr + SE_HDR_IV, hdr, aad_len,
			       hdr + aad_len, sea, hdr + len - SWUV_TAG_SIZE,
			       enc);
	if (ret) {
		*why = ret == -EBADMSG ?
		       "GCM tag does not authenticate the SE header" :
		       "crypto error while decrypting the SE header";
		if (ret == -EBADMSG)
			ret = -EINVAL;
		goto out;
	}

	memcpy(img->tags.pld, hdr + SE_HDR_PLD, SWUV_TAGS_LD_SIZE);
	memcpy(img->tags.ald, hdr + SE_HDR_ALD, SWUV_TAGS_LD_SIZE);
	memcpy(img->tags.tld, hdr + SE_HDR_TLD, SWUV_TAGS_LD_SIZE);
	memcpy(img->tags.tag, hdr + len - SWUV_TAG_SIZE, SWUV_TAG_SIZE);
	memcpy(img->cck, enc + SE_ENC_CCK, SWUV_KEY_SIZE);
	memcpy(img->phkh, keys[key_idx].phkh, SWUV_PHKH_SIZE);
	img->pcf = get_unaligned_be64(hdr + SE_HDR_PCF);
	img->scf = get_unaligned_be64(enc + SE_ENC_SCF);
out:
	kfree_sensitive(enc);
	memzero_explicit(root_key, sizeof(root_key));
	return ret;
}
