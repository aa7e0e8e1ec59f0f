/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The previous P-521 implementation (swuv_p521_ref.c), linked only into
 * test builds (SECEX_KUNIT=1) as the KUnit suite's reference.
 */
#ifndef _SWUV_P521_REF_H
#define _SWUV_P521_REF_H

#include "swuv.h"

int swuv_p521_ref_pubkey(const u8 d[SWUV_P521_BYTES],
			 u8 pub[SWUV_EC_PUB_SIZE]);
int swuv_p521_ref_ecdh(const u8 d[SWUV_P521_BYTES],
		       const u8 peer[SWUV_EC_PUB_SIZE], u8 z[SWUV_P521_BYTES]);

#endif /* _SWUV_P521_REF_H */
