// SPDX-License-Identifier: GPL-2.0
/*
 * SE header ("IBMSecEx" v1) validation at commit, as the ultravisor does
 * when it unpacks a secure image (swuv_hdr.c): find a key slot for one of
 * our host keys, unwrap the customer root key, authenticate the whole
 * header with AES-256-GCM and keep what later requests are bound to (PLD,
 * ALD, TLD, tag), the customer communication key and the control flags.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "uvemu_int.h"

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

/*
 * Unwrap a request's protection key: every slot is matched against every
 * host key by PHKH; the first match that unwraps wins.  Return 0 (with the
 * key and *@key_idx, the host key's index), -ENOKEY (no slot for any host
 * key), -EBADMSG (a matching slot did not authenticate) or -EINVAL (@cpk is
 * not a P-521 point).
 */
int uvemu_find_slot_key(const uint8_t *slots, unsigned int nks,
			const uint8_t *cpk, const struct uvemu_host_key *keys,
			unsigned int nkeys, uint8_t prot_key[UVEMU_KEY_SIZE],
			unsigned int *key_idx)
{
	uint8_t exch[UVEMU_KEY_SIZE];
	unsigned int k, i;
	int ret = -ENOKEY;

	for (k = 0; k < nkeys; k++) {
		bool have_exch = false;

		for (i = 0; i < nks; i++) {
			const uint8_t *slot = slots + i * UVEMU_KEYSLOT_SIZE;
			int r;

			if (memcmp(slot, keys[k].phkh, UVEMU_PHKH_SIZE))
				continue;
			if (!have_exch) {
				r = uvemu_exchange_key(keys[k].priv, cpk, exch);
				if (r) {
					ret = r;
					goto out;
				}
				have_exch = true;
			}
			r = uvemu_unwrap_slot(slot, exch, prot_key);
			if (!r) {
				*key_idx = k;
				ret = 0;
				goto out;
			}
			ret = r;
		}
	}
out:
	uvemu_wipe(exch, sizeof(exch));
	return ret;
}

/*
 * Validate a complete SE header of @len bytes.  Return 0 (and fill @img),
 * or -EINVAL with *@why naming the reason (the strings of swuv's log), or
 * -ENOMEM.
 */
int uvemu_hdr_validate(const uint8_t *hdr, size_t len,
		       const struct uvemu_host_key *keys, unsigned int nkeys,
		       struct uvemu_image *img, const char **why)
{
	uint8_t root_key[UVEMU_KEY_SIZE];
	unsigned int key_idx = 0;
	uint64_t nks, sea;
	size_t aad_len;
	uint8_t *enc;
	int ret;

	*why = NULL;
	if (len < SE_HDR_SLOTS + UVEMU_KEYSLOT_SIZE + SE_ENC_SIZE +
	    UVEMU_TAG_SIZE || len > UVEMU_SE_HDR_MAX) {
		*why = "SE header size out of range";
		return -EINVAL;
	}
	if (get_be64(hdr) != SE_HDR_MAGIC) {
		*why = "no IBMSecEx magic";
		return -EINVAL;
	}
	if (get_be32(hdr + SE_HDR_VERSION) != SE_HDR_VERSION_1) {
		*why = "unsupported SE header version";
		return -EINVAL;
	}
	if (get_be32(hdr + SE_HDR_PHS) != len) {
		*why = "SE header size (phs) differs from the written size";
		return -EINVAL;
	}
	nks = get_be64(hdr + SE_HDR_NKS);
	sea = get_be64(hdr + SE_HDR_SEA);
	if (!nks || nks > (len - SE_HDR_SLOTS) / UVEMU_KEYSLOT_SIZE) {
		*why = "invalid number of key slots";
		return -EINVAL;
	}
	aad_len = SE_HDR_SLOTS + nks * UVEMU_KEYSLOT_SIZE;
	if (sea < SE_ENC_SIZE || sea > len ||
	    aad_len + sea + UVEMU_TAG_SIZE != len) {
		*why = "encrypted area size inconsistent with the header size";
		return -EINVAL;
	}
	if (!nkeys) {
		*why = "no host key provisioned";
		return -EINVAL;
	}

	ret = uvemu_find_slot_key(hdr + SE_HDR_SLOTS, (unsigned int)nks,
				  hdr + SE_HDR_CPK, keys, nkeys, root_key,
				  &key_idx);
	switch (ret) {
	case 0:
		break;
	case -ENOKEY:
		*why = "no key slot for a provisioned host key (PHKH)";
		return -EINVAL;
	case -EBADMSG:
		*why = "key slot does not unwrap with the host key";
		return -EINVAL;
	default:
		*why = "customer public key is not a P-521 point";
		return -EINVAL;
	}

	enc = malloc(sea);
	if (!enc) {
		*why = "out of memory";
		ret = -ENOMEM;
		goto out;
	}
	ret = uvemu_gcm_decrypt(root_key, hdr + SE_HDR_IV, hdr, aad_len,
				hdr + aad_len, sea, hdr + len - UVEMU_TAG_SIZE,
				enc);
	if (ret) {
		*why = "GCM tag does not authenticate the SE header";
		ret = -EINVAL;
		goto out;
	}

	memcpy(img->tags.pld, hdr + SE_HDR_PLD, UVEMU_TAGS_LD_SIZE);
	memcpy(img->tags.ald, hdr + SE_HDR_ALD, UVEMU_TAGS_LD_SIZE);
	memcpy(img->tags.tld, hdr + SE_HDR_TLD, UVEMU_TAGS_LD_SIZE);
	memcpy(img->tags.tag, hdr + len - UVEMU_TAG_SIZE, UVEMU_TAG_SIZE);
	memcpy(img->cck, enc + SE_ENC_CCK, UVEMU_KEY_SIZE);
	memcpy(img->phkh, keys[key_idx].phkh, UVEMU_PHKH_SIZE);
	img->pcf = get_be64(hdr + SE_HDR_PCF);
	img->scf = get_be64(enc + SE_ENC_SCF);
out:
	if (enc) {
		uvemu_wipe(enc, sea);
		free(enc);
	}
	uvemu_wipe(root_key, sizeof(root_key));
	return ret;
}
