/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Secret types of the UV secret store and their names as pvsecret prints
 * them.
 */
#ifndef SECEX_SECRET_TYPES_H
#define SECEX_SECRET_TYPES_H

#include <stdint.h>

#define SECRET_NULL		0x0001
#define SECRET_ASSOCIATION	0x0002
#define SECRET_PLAINTEXT	0x0003
#define SECRET_AES_128		0x0004
#define SECRET_AES_192		0x0005
#define SECRET_AES_256		0x0006
#define SECRET_AES_XTS_128	0x0007
#define SECRET_AES_XTS_256	0x0008
#define SECRET_HMAC_SHA_256	0x0009
#define SECRET_HMAC_SHA_512	0x000a
#define SECRET_EC_P256		0x0011
#define SECRET_EC_P384		0x0012
#define SECRET_EC_P521		0x0013
#define SECRET_EC_ED25519	0x0014
#define SECRET_EC_ED448		0x0015
#define SECRET_UPDATE_CCK	0x0016

/* Name of @type ("Unknown 0x%04x" style names go to a static buffer). */
const char *secret_type_name(uint16_t type);
/* 1 if a secret of @type can be retrieved (plaintext and keys). */
int secret_type_retrievable(uint16_t type);

#endif /* SECEX_SECRET_TYPES_H */
