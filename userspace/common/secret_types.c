// SPDX-License-Identifier: GPL-2.0
/*
 * Secret type names.
 */
#include <stdio.h>

#include "secret_types.h"

static const struct {
	uint16_t type;
	const char *name;
} names[] = {
	{ SECRET_NULL, "Null" },
	{ SECRET_ASSOCIATION, "Association" },
	{ SECRET_PLAINTEXT, "PLAINTEXT" },
	{ SECRET_AES_128, "AES-128-KEY" },
	{ SECRET_AES_192, "AES-192-KEY" },
	{ SECRET_AES_256, "AES-256-KEY" },
	{ SECRET_AES_XTS_128, "AES-XTS-128-KEY" },
	{ SECRET_AES_XTS_256, "AES-XTS-256-KEY" },
	{ SECRET_HMAC_SHA_256, "HMAC-SHA-256-KEY" },
	{ SECRET_HMAC_SHA_512, "HMAC-SHA-512-KEY" },
	{ SECRET_EC_P256, "EC-SECP256R1-PRIVATE-KEY" },
	{ SECRET_EC_P384, "EC-SECP384R1-PRIVATE-KEY" },
	{ SECRET_EC_P521, "EC-SECP521R1-PRIVATE-KEY" },
	{ SECRET_EC_ED25519, "EC-ED25519-PRIVATE-KEY" },
	{ SECRET_EC_ED448, "EC-ED448-PRIVATE-KEY" },
	{ SECRET_UPDATE_CCK, "Update-CCK" },
};

const char *secret_type_name(uint16_t type)
{
	static char unknown[32];
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].type == type)
			return names[i].name;
	snprintf(unknown, sizeof(unknown), "Unknown 0x%04x", type);
	return unknown;
}

int secret_type_retrievable(uint16_t type)
{
	return type >= SECRET_PLAINTEXT && type <= SECRET_EC_ED448 &&
	       (type <= SECRET_HMAC_SHA_512 || type >= SECRET_EC_P256);
}
