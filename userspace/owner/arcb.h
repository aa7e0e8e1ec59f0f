/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Attestation request control block (ARCB) version 1: building one, and
 * opening one again with its protection key (ARPK) for verification.
 */
#ifndef SECEX_OWNER_ARCB_H
#define SECEX_OWNER_ARCB_H

#include <stddef.h>
#include <stdint.h>

#include "reqkeys.h"

struct arcb_secrets {
	uint64_t paf;
	uint8_t meas_key[ARCB_MEAS_KEY_LEN];
	int has_nonce;
	uint8_t nonce[ARCB_NONCE_LEN];
};

/* Size of the additional data the flags in @paf request. */
uint32_t arcb_add_size(uint64_t paf);
/* Build an ARCB (nonce included iff ARCB_PAF_NONCE is in @s->paf). */
int arcb_build(const struct req_keys *k, const struct arcb_secrets *s,
	       uint8_t **out, size_t *len);
/* Decrypt @arcb with @arpk; 1 if it does not decrypt, -1 if malformed. */
int arcb_open(const uint8_t *arcb, size_t len, const uint8_t *arpk,
	      struct arcb_secrets *s);

#endif /* SECEX_OWNER_ARCB_H */
