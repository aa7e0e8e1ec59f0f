/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SECEX_UV_H
#define _SECEX_UV_H

#include <linux/types.h>
#include <secex/uv_backend.h>

const struct secex_uv_backend *uv_backend_get(void);
const struct secex_uv_backend *uv_backend_get_gen(u64 *gen);
void uv_backend_put(void);
void uv_backend_assert_not_held(void);
u64 uv_backend_installed(void);

/* Copies @len bytes from @src to offset @off of the caller's list buffer. */
typedef int (*uv_list_emit_t)(void *ctx, size_t off, const void *src,
			      size_t len);

/*
 * Run List Secrets as often as a buffer of @buf_len bytes takes, merging
 * the pages through @emit; @page is a scratch page and @st gets the status
 * of the last call.  @be is the backend the caller holds, or NULL: then
 * the active backend is held for each call only, and @emit (which may
 * fault on user memory) runs with nothing held.  A backend that answers
 * "more data" without progress ends the walk.  Returns 0 or @emit's error.
 */
int uv_list_merge(const struct secex_uv_backend *be, void *page,
		  size_t buf_len, uv_list_emit_t emit, void *ctx,
		  struct secex_uv_status *st);

#endif /* _SECEX_UV_H */
