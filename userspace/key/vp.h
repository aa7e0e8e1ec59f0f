/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Verification pattern of a volume key: what zkey computes with CPACF, 32
 * zero bytes encrypted with the effective key (zero tweak), as 64 hex
 * digits.  It names the key itself, not its wrapping, so it stays the same
 * across wrapping-key changes, reboots and re-wrapped tokens.
 */
#ifndef SECEX_KEY_VP_H
#define SECEX_KEY_VP_H

#include <stddef.h>
#include <stdint.h>

#define VP_LEN		32
#define VP_HEX_LEN	(2 * VP_LEN)

/* Where vp_compute() failed: the errno alone is ambiguous (ENOENT). */
enum vp_stage { VP_SOCKET, VP_BIND, VP_SETKEY, VP_CRYPT };

/*
 * The pattern of the XTS key token @tok, computed by the kernel's
 * xts(paes) through AF_ALG: neither the clear nor the protected key is
 * ever in this process.  Returns 0 or -errno with *@stage set (no message).
 */
int vp_compute(const uint8_t *tok, size_t len, char hex[VP_HEX_LEN + 1],
	       enum vp_stage *stage);

#endif /* SECEX_KEY_VP_H */
