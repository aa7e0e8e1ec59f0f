/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Verification patterns kept in a LUKS2 header, as a token
 *   {"type":"secex-key","keyslots":[],"key-name":NAME,
 *    "verification-pattern":HEX}
 * (zkey-cryptsetup keeps its own as "paes-verification-pattern").  The
 * header is read directly: no libcryptsetup, and no passphrase needed.
 */
#ifndef SECEX_KEY_LUKS2_H
#define SECEX_KEY_LUKS2_H

#include "vp.h"

#define LUKS2_TOKEN_TYPE	"secex-key"
#define LUKS2_NAME_MAX		64

struct luks2_vp {
	int token;				/* LUKS2 token id */
	char name[LUKS2_NAME_MAX + 1];		/* key-name, may be empty */
	char vp[VP_HEX_LEN + 1];
};

/*
 * Collect up to @max secex-key tokens of the LUKS2 device or file @dev.
 * Returns how many were found, or -1 after a message (not LUKS2, no valid
 * header, unreadable).
 */
int luks2_vp_tokens(const char *dev, struct luks2_vp *out, int max);

#endif /* SECEX_KEY_LUKS2_H */
