/* SPDX-License-Identifier: GPL-2.0 */
/*
 * P-521 private keys from PEM files, without OpenSSL: SEC1 "EC PRIVATE
 * KEY" (what 'openssl ecparam -name secp521r1 -genkey' and
 * 'secex-owner hostkey make' write) and unencrypted PKCS#8 "PRIVATE KEY".
 */
#ifndef SECEX_UV_EC_PEM_H
#define SECEX_UV_EC_PEM_H

#include <stdint.h>

#include "../common/formats.h"

/* Read the private scalar of the P-521 key in @path, big-endian. */
int ec_pem_p521_scalar(const char *path, uint8_t out[P521_SCALAR_LEN]);

#endif /* SECEX_UV_EC_PEM_H */
