// SPDX-License-Identifier: GPL-2.0
/*
 * ARCB version 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/be.h"
#include "../common/cli.h"
#include "../common/fileio.h"
#include "arcb.h"
#include "crypto.h"

uint32_t arcb_add_size(uint64_t paf)
{
	uint32_t n = 0;

	if (paf & ARCB_PAF_PHKH_IMG)
		n += ARCB_ADD_PHKH_LEN;
	if (paf & ARCB_PAF_PHKH_ATT)
		n += ARCB_ADD_PHKH_LEN;
	if (paf & ARCB_PAF_SECRET_HASH)
		n += ARCB_ADD_SECRET_HASH_LEN;
	if (paf & ARCB_PAF_FW_STATE)
		n += ARCB_ADD_FW_STATE_LEN;
	return n;
}

int arcb_build(const struct req_keys *k, const struct arcb_secrets *s,
	       uint8_t **out, size_t *len)
{
	size_t aad = ARCB_OFF_SLOTS + (size_t)k->nhosts * KEYSLOT_LEN;
	size_t sea = ARCB_MEAS_KEY_LEN +
		     ((s->paf & ARCB_PAF_NONCE) ? ARCB_NONCE_LEN : 0);
	size_t total = aad + sea + GCM_TAG_LEN;
	uint8_t *r = calloc(1, total);

	if (!r) {
		cli_err("out of memory");
		return -1;
	}
	put_be64(r + ARCB_OFF_PAF, s->paf);
	put_be32(r + ARCB_OFF_MAI, ARCB_MAI_HMAC_SHA512);
	if (req_put_keys(k, r + ARCB_OFF_CPK, r + ARCB_OFF_SLOTS))
		goto err;
	memcpy(r + aad, s->meas_key, ARCB_MEAS_KEY_LEN);
	if (s->paf & ARCB_PAF_NONCE)
		memcpy(r + aad + ARCB_MEAS_KEY_LEN, s->nonce, ARCB_NONCE_LEN);
	return req_seal(k, r, total, sea, out, len);
err:
	secure_zero(r, total);
	free(r);
	return -1;
}

int arcb_open(const uint8_t *arcb, size_t len, const uint8_t *arpk,
	      struct arcb_secrets *s)
{
	uint8_t plain[ARCB_MEAS_KEY_LEN + ARCB_NONCE_LEN];
	size_t nks, sea, aad;
	int rc;

	if (len < ARCB_OFF_SLOTS + GCM_TAG_LEN || get_be64(arcb) ||
	    get_be32(arcb + REQ_VERSION) != REQ_VERSION_1 ||
	    get_be32(arcb + REQ_LEN) != len) {
		cli_err("not a version 1 attestation request");
		return -1;
	}
	nks = arcb[REQ_NKS];
	sea = get_be32(arcb + REQ_SEA);
	aad = ARCB_OFF_SLOTS + nks * KEYSLOT_LEN;
	s->paf = get_be64(arcb + ARCB_OFF_PAF);
	s->has_nonce = !!(s->paf & ARCB_PAF_NONCE);
	if (sea != ARCB_MEAS_KEY_LEN + (s->has_nonce ? ARCB_NONCE_LEN : 0) ||
	    aad + sea + GCM_TAG_LEN != len) {
		cli_err("attestation request has inconsistent sizes");
		return -1;
	}
	if (get_be32(arcb + ARCB_OFF_MAI) != ARCB_MAI_HMAC_SHA512) {
		cli_err("unsupported measurement algorithm %u",
			get_be32(arcb + ARCB_OFF_MAI));
		return -1;
	}
	rc = cr_gcm_decrypt(arpk, arcb + REQ_IV, arcb, aad, arcb + aad, sea,
			    plain, arcb + len - GCM_TAG_LEN);
	if (rc == 0) {
		memcpy(s->meas_key, plain, ARCB_MEAS_KEY_LEN);
		if (s->has_nonce)
			memcpy(s->nonce, plain + ARCB_MEAS_KEY_LEN,
			       ARCB_NONCE_LEN);
	}
	secure_zero(plain, sizeof(plain));
	return rc;
}
