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
#include <uapi/secex/uvdevice.h>
#include <secex/uv_secret.h>
#include "uv.h"

/* Offsets in a list page and in one of its entries. */
#define UV_LIST_NUM_STORED	0x00
#define UV_LIST_NEXT_IDX	0x04
#define UV_ENTRY_INDEX		0x00
#define UV_ENTRY_TYPE		0x02
#define UV_ENTRY_LEN		0x04
#define UV_ENTRY_ID		0x10

static u16 uv_page_u16(const u8 *p, unsigned int off)
{
	return be16_to_cpup((const __be16 *)(p + off));
}

/* Search one list page; entries are 2- and 4-byte aligned in the page. */
static bool uv_page_find(const u8 *page, const u8 *id,
			 struct secex_uv_secret_meta *meta)
{
	u16 i, n = min_t(u16, uv_page_u16(page, UV_LIST_NUM_STORED),
			 SECEX_UV_LIST_MAX_ENTRIES);

	for (i = 0; i < n; i++) {
		const u8 *e = page + SECEX_UV_LIST_HDR_SIZE +
			      i * SECEX_UV_LIST_ENTRY_SIZE;

		if (memcmp(e + UV_ENTRY_ID, id, SECEX_UV_SECRET_ID_LEN))
			continue;
		meta->index = uv_page_u16(e, UV_ENTRY_INDEX);
		meta->type = uv_page_u16(e, UV_ENTRY_TYPE);
		meta->len = be32_to_cpup((const __be32 *)(e + UV_ENTRY_LEN));
		return true;
	}
	return false;
}

/* Called with the backend held; walks all list pages. */
static int uv_find_locked(const struct secex_uv_backend *be, const u8 *id,
			  struct secex_uv_secret_meta *meta)
{
	struct secex_uv_status st;
	u16 start = 0;
	int ret = -ENOENT;
	u8 *page;

	if (!(be->installed & UVIO_SUPP_LIST_SECRETS))
		return -ENODEV;
	page = (u8 *)get_zeroed_page(GFP_KERNEL);
	if (!page)
		return -ENOMEM;
	do {
		memset(page, 0, SECEX_UV_LIST_PAGE_SIZE);
		be->list_secrets(page, start, &st);
		if (st.rc != SECEX_UVC_RC_EXECUTED &&
		    st.rc != SECEX_UVC_RC_MORE_DATA) {
			ret = -EIO;
			break;
		}
		if (uv_page_find(page, id, meta)) {
			ret = 0;
			break;
		}
		start = uv_page_u16(page, UV_LIST_NEXT_IDX);
	} while (st.rc == SECEX_UVC_RC_MORE_DATA && start);
	free_page((unsigned long)page);
	return ret;
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
