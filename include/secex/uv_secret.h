/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Retrieve an ultravisor secret by its 32-byte ID (module secex_uv).
 *
 * pkey resolves UV-secret key tokens (TOKVER_UV_SECRET) with it.  The
 * lookup lists the secrets through the active /dev/uv backend and retrieves
 * the one whose ID matches, exactly as user space would with the
 * LIST_SECRETS and RETR_SECRET ioctls.  Key secrets come back as protected
 * keys (wrapped by the machine's wrapping key), never in the clear.
 */
#ifndef _SECEX_UV_SECRET_H
#define _SECEX_UV_SECRET_H

#include <linux/types.h>

#define SECEX_UV_SECRET_ID_LEN	32

/**
 * struct secex_uv_secret_meta - what the secret list says about a secret
 * @index: index for Retrieve Secret
 * @type: secret type (UV_SECRET_* of the ultravisor)
 * @len: length of the stored (retrievable) secret
 */
struct secex_uv_secret_meta {
	u16 index;
	u16 type;
	u32 len;
};

/*
 * Find the secret with @id; fill @meta.  Returns 0, -ENOENT (no such
 * secret), -ENODEV (no backend or listing not installed) or -EIO.
 * May sleep.
 */
int secex_uv_find_secret(const u8 id[SECEX_UV_SECRET_ID_LEN],
			 struct secex_uv_secret_meta *meta);

/*
 * Find the secret with @id and retrieve it into @buf (*@len in: size of
 * @buf, out: length of the secret); *@type gets its type.  Returns 0,
 * -ENOENT, -ENODEV, -ENOSPC (@buf too small) or -EIO.  May sleep.
 */
int secex_uv_retrieve_secret_by_id(const u8 id[SECEX_UV_SECRET_ID_LEN],
				   u16 *type, u8 *buf, u32 *len);

#endif /* _SECEX_UV_SECRET_H */
