// SPDX-License-Identifier: GPL-2.0
/*
 * ASRCB version 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/be.h"
#include "../common/cli.h"
#include "../common/fileio.h"
#include "asrcb.h"

int asrcb_build(const struct req_keys *k, const struct asrcb_params *p,
		uint8_t **out, size_t *len)
{
	size_t shdr = ASRCB_OFF_SLOTS + (size_t)k->nhosts * KEYSLOT_LEN;
	size_t enc = shdr + p->sec_hdr_len;
	size_t sea = p->secret_len + ASRCB_EXT_SECRET_LEN;
	size_t total = enc + sea + GCM_TAG_LEN;
	uint8_t *r;

	if (total > ASRCB_MAX_LEN) {
		cli_err("add-secret request too large");
		return -1;
	}
	r = calloc(1, total);
	if (!r) {
		cli_err("out of memory");
		return -1;
	}
	memcpy(r, ASRCB_MAGIC, 6);
	put_be64(r + ASRCB_OFF_FLAGS, p->flags);
	memcpy(r + ASRCB_OFF_PLD, p->hdr->pld, SEHDR_DIGEST_LEN);
	memcpy(r + ASRCB_OFF_ALD, p->hdr->ald, SEHDR_DIGEST_LEN);
	memcpy(r + ASRCB_OFF_TLD, p->hdr->tld, SEHDR_DIGEST_LEN);
	memcpy(r + ASRCB_OFF_TAG, p->hdr->tag, GCM_TAG_LEN);
	memcpy(r + ASRCB_OFF_CUID, p->cuid, CUID_LEN);
	if (req_put_keys(k, r + ASRCB_OFF_CPK, r + ASRCB_OFF_SLOTS))
		goto err;
	memcpy(r + shdr, p->sec_hdr, p->sec_hdr_len);
	if (p->secret_len)
		memcpy(r + enc, p->secret, p->secret_len);
	memcpy(r + enc + p->secret_len, p->ext, ASRCB_EXT_SECRET_LEN);
	return req_seal(k, r, total, sea, out, len);
err:
	secure_zero(r, total);
	free(r);
	return -1;
}
