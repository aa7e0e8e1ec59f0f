/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Add-secret request control block (ASRCB) version 1.
 */
#ifndef SECEX_OWNER_ASRCB_H
#define SECEX_OWNER_ASRCB_H

#include <stddef.h>
#include <stdint.h>

#include "../common/sehdr.h"
#include "reqkeys.h"

struct asrcb_params {
	uint64_t flags;				/* ASRCB_FLAG_* */
	const struct sehdr_info *hdr;		/* image the secret is for */
	uint8_t cuid[CUID_LEN];			/* zero: any guest */
	uint8_t sec_hdr[SECRET_HDR_LIST_LEN];	/* secret header */
	size_t sec_hdr_len;			/* 16 (null) or 48 */
	const uint8_t *secret;			/* encrypted payload */
	size_t secret_len;
	uint8_t ext[ASRCB_EXT_SECRET_LEN];	/* extension secret */
};

int asrcb_build(const struct req_keys *k, const struct asrcb_params *p,
		uint8_t **out, size_t *len);

#endif /* SECEX_OWNER_ASRCB_H */
