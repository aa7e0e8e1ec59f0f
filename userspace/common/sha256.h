/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal SHA-256 (FIPS 180-4) for the guest tool, which has no OpenSSL.
 */
#ifndef SECEX_SHA256_H
#define SECEX_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_LEN 32

void sha256(const void *data, size_t len, uint8_t out[SHA256_LEN]);

#endif /* SECEX_SHA256_H */
