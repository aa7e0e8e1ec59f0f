/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SECEX_UV_H
#define _SECEX_UV_H

#include <linux/types.h>
#include <secex/uv_backend.h>

const struct secex_uv_backend *uv_backend_get(void);
void uv_backend_put(void);
u64 uv_backend_installed(void);

#endif /* _SECEX_UV_H */
