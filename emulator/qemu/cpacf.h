/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * s390x CPACF functions beyond SHA-512 and TRNG (see cpacf_aes.c)
 */

#ifndef TARGET_S390X_TCG_CPACF_H
#define TARGET_S390X_TCG_CPACF_H

#include "cpu.h"

/*
 * Run AES, encrypted-key AES or PCKMO subfunction @fc of the MSA
 * instruction of feature type @type.  Returns the condition code, or -1 if
 * this file does not implement the subfunction.
 */
int cpacf_aes(CPUS390XState *env, uintptr_t ra, uint32_t r1, uint32_t r2,
              uint32_t r3, uint32_t type, uint8_t fc, uint8_t mod);

/*
 * Replace the wrapping key, as a machine reset does on IBM Z: protected
 * keys made before end with condition code 1.
 */
void cpacf_reset_wrapping_key(void);

/*
 * Wrap @nkeys (1, or 2 for an XTS double key) clear AES keys of @klen
 * bytes as this machine's PCKMO does: wrapped key(s) || WKVP in @out.
 * Returns the bytes written, or -1 for an impossible request.
 */
int cpacf_wrap_protkey(const uint8_t *clear, int klen, int nkeys,
                       uint8_t *out, size_t out_len);

#endif
