// SPDX-License-Identifier: GPL-2.0
/*
 * LIST_SECRETS paging.
 *
 * The ultravisor fills one page per call: a 16-byte big-endian header
 * (number of entries in this page, total number of secrets, next index to
 * ask for) and up to 85 entries of 48 bytes.  A caller buffer of n pages
 * gets the entries of up to n calls packed behind one header whose count
 * is the total, and the rc of the last call, as upstream does since 6.13.
 * The calls run one at a time with the backend held, the copies between
 * them with nothing held: a backend that changes in between (one module
 * unloaded, another loaded) ends the walk with -EAGAIN, never with a list
 * made of two stores.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <asm/byteorder.h>
#include "uv.h"

int uv_list_merge(const struct secex_uv_backend *be, void *page,
		  size_t buf_len, uv_list_emit_t emit, void *ctx,
		  struct secex_uv_status *st)
{
	__be16 *num_stored = page, *next_idx = page + 4;
	size_t off = SECEX_UV_LIST_HDR_SIZE;
	u16 total = 0, count;
	u64 gen, gen0 = 0;
	bool first = true;
	int ret;

	memset(page, 0, SECEX_UV_LIST_PAGE_SIZE);
	do {
		u16 start = be16_to_cpu(*next_idx);

		memset(page, 0, SECEX_UV_LIST_PAGE_SIZE);
		if (be) {
			be->list_secrets(page, start, st);
		} else {
			const struct secex_uv_backend *cur = uv_backend_get_gen(&gen);

			if (!first && gen != gen0) {
				uv_backend_put();
				pr_warn_ratelimited("List Secrets: the backend changed between two pages; stopping\n");
				return -EAGAIN;
			}
			gen0 = gen;
			first = false;
			cur->list_secrets(page, start, st);
			uv_backend_put();
		}
		if (st->rc != SECEX_UVC_RC_EXECUTED &&
		    st->rc != SECEX_UVC_RC_MORE_DATA)
			break;
		/* More than a page holds would be an ultravisor bug: clamp. */
		count = min_t(u16, be16_to_cpu(*num_stored),
			      SECEX_UV_LIST_MAX_ENTRIES);
		ret = emit(ctx, off, page + SECEX_UV_LIST_HDR_SIZE,
			   count * SECEX_UV_LIST_ENTRY_SIZE);
		if (ret)
			return ret;
		off += count * SECEX_UV_LIST_ENTRY_SIZE;
		total += count;
		if (st->rc == SECEX_UVC_RC_MORE_DATA &&
		    (!count || be16_to_cpu(*next_idx) <= start)) {
			pr_warn_ratelimited("List Secrets: more data announced, no progress made; stopping\n");
			break;
		}
	} while (st->rc == SECEX_UVC_RC_MORE_DATA &&
		 off + SECEX_UV_LIST_PAGE_SIZE <= buf_len);

	*num_stored = cpu_to_be16(total);
	return emit(ctx, 0, page, SECEX_UV_LIST_HDR_SIZE);
}
