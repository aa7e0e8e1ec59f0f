// SPDX-License-Identifier: GPL-2.0
/*
 * In-kernel lookup of ultravisor secrets by ID, for pkey's UV-secret
 * tokens.  It goes through the active backend's list and retrieve calls,
 * like pvsecret/zkey do through the ioctls, so it sees exactly what user
 * space sees.  List pages are in the ultravisor's big-endian layout.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/module.h>
#include <linux/string.h>
#include <secex/compat.h>
#include <uapi/secex/uvdevice.h>
#include <secex/uv_secret.h>
#include "uv.h"

/* Offsets in a list entry (big-endian fields). */
#define UV_ENTRY_INDEX		0x00
#define UV_ENTRY_TYPE		0x02
#define UV_ENTRY_LEN		0x04
#define UV_ENTRY_ID		0x10

struct uv_find_ctx {
	const u8 *id;
	struct secex_uv_secret_meta *meta;
};

/* uv_list_merge() sink: search each page's entries, stop at a match. */
static int uv_find_emit(void *ctx, size_t off, const void *src, size_t len)
{
	struct uv_find_ctx *find = ctx;
	const u8 *e;

	if (!off)		/* the merged header */
		return 0;
	for (e = src; e + SECEX_UV_LIST_ENTRY_SIZE <= (const u8 *)src + len;
	     e += SECEX_UV_LIST_ENTRY_SIZE) {
		if (memcmp(e + UV_ENTRY_ID, find->id, SECEX_UV_SECRET_ID_LEN))
			continue;
		find->meta->index = get_unaligned_be16(e + UV_ENTRY_INDEX);
		find->meta->type = get_unaligned_be16(e + UV_ENTRY_TYPE);
		find->meta->len = get_unaligned_be32(e + UV_ENTRY_LEN);
		return 1;
	}
	return 0;
}

/* Called with the backend held; walks all list pages. */
static int uv_find_locked(const struct secex_uv_backend *be, const u8 *id,
			  struct secex_uv_secret_meta *meta)
{
	struct uv_find_ctx find = { .id = id, .meta = meta };
	struct secex_uv_status st;
	void *page;
	int ret;

	if (!(be->installed & UVIO_SUPP_LIST_SECRETS))
		return -ENODEV;
	page = (void *)get_zeroed_page(GFP_KERNEL);
	if (!page)
		return -ENOMEM;
	ret = uv_list_merge(be, page, SIZE_MAX, uv_find_emit, &find, &st);
	free_page((unsigned long)page);
	if (ret == 1)
		return 0;
	if (st.rc != SECEX_UVC_RC_EXECUTED && st.rc != SECEX_UVC_RC_MORE_DATA)
		return -EIO;
	return -ENOENT;
}

int secex_uv_find_secret(const u8 id[SECEX_UV_SECRET_ID_LEN],
			 struct secex_uv_secret_meta *meta)
{
	const struct secex_uv_backend *be = uv_backend_get();
	int ret;

	ret = uv_find_locked(be, id, meta);
	uv_backend_put();
	return ret;
}
EXPORT_SYMBOL_GPL(secex_uv_find_secret);

int secex_uv_retrieve_secret_by_id(const u8 id[SECEX_UV_SECRET_ID_LEN],
				   u16 *type, u8 *buf, u32 *len)
{
	const struct secex_uv_backend *be = uv_backend_get();
	struct secex_uv_secret_meta meta;
	struct secex_uv_status st;
	int ret;

	/* List and retrieve under one hold: the backend cannot change. */
	ret = uv_find_locked(be, id, &meta);
	if (ret)
		goto out;
	if (!(be->installed & UVIO_SUPP_RETR_SECRET)) {
		ret = -ENODEV;
		goto out;
	}
	if (meta.len > *len) {
		ret = -ENOSPC;
		goto out;
	}
	be->retr_secret(meta.index, buf, meta.len, &st);
	if (st.rc != SECEX_UVC_RC_EXECUTED) {
		memzero_explicit(buf, meta.len);
		ret = -EIO;
		goto out;
	}
	*type = meta.type;
	*len = meta.len;
out:
	uv_backend_put();
	return ret;
}
EXPORT_SYMBOL_GPL(secex_uv_retrieve_secret_by_id);
