/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The secret part of an add-secret request: the secret header and the
 * bytes that go into the encrypted area, for every secret type.
 */
#ifndef SECEX_OWNER_SECRET_PAYLOAD_H
#define SECEX_OWNER_SECRET_PAYLOAD_H

#include <stddef.h>
#include <stdint.h>

#include "asrcb.h"

#define PLAINTEXT_MAX 8190

/* Null (meta) secret: a 16-byte header and no payload. */
void payload_null(struct asrcb_params *p);
/* Update-CCK secret: a 48-byte header and the 32-byte CCK @cck (kept by
 * reference). */
void payload_update_cck(struct asrcb_params *p, const uint8_t *cck);
/* A listable secret of @type named @name (id = SHA-256(name), or the
 * NUL-padded name with @use_name); @secret is kept by reference. */
int payload_listable(struct asrcb_params *p, uint16_t type, const char *name,
		     int use_name, const uint8_t *secret, size_t len);
/*
 * Turn the content of a --secret file into the payload of a retrievable
 * secret of kind @kind (aes, aes-xts, hmac, ec, plaintext).  Sets @type,
 * allocates @out.
 */
int payload_retrievable(const char *kind, const char *path, uint16_t *type,
			uint8_t **out, size_t *len);

#endif /* SECEX_OWNER_SECRET_PAYLOAD_H */
