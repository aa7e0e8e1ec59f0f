// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite of /dev/uv's list paging (secex_uv): a fake ultravisor that
 * holds n secrets answers List Secrets one page at a time, and the merge
 * must give what LIST_SECRETS promises for every buffer size.  Built into
 * secex_uv only with "make SECEX_KUNIT=1".
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <secex/compat.h>
#include <uapi/secex/uvdevice.h>
#include "uv.h"

static u16 fake_nsecrets;
static u16 fake_claim;		/* if non-zero: entry count the page claims */
static u16 fake_rc;		/* if non-zero: every call fails with it */
static bool fake_stall;		/* "more data", no entries, same next index */

static void fake_list(void *page, u16 start, struct secex_uv_status *st)
{
	u16 n = 0, i;
	u8 *p = page;

	st->rrc = 0;
	if (fake_rc) {
		st->rc = fake_rc;
		return;
	}
	if (fake_stall) {
		put_unaligned_be16(fake_nsecrets, p + 2);
		put_unaligned_be16(start, p + 4);
		st->rc = SECEX_UVC_RC_MORE_DATA;
		return;
	}
	if (start < fake_nsecrets)
		n = min_t(u16, fake_nsecrets - start, SECEX_UV_LIST_MAX_ENTRIES);
	put_unaligned_be16(fake_claim ?: n, p);
	put_unaligned_be16(fake_nsecrets, p + 2);
	put_unaligned_be16(start + n < fake_nsecrets ? start + n : 0, p + 4);
	for (i = 0; i < n; i++) {
		u8 *e = p + SECEX_UV_LIST_HDR_SIZE + i * SECEX_UV_LIST_ENTRY_SIZE;

		put_unaligned_be16(start + i, e);		/* index */
		put_unaligned_be16(0x0006, e + 2);		/* AES-256 */
		put_unaligned_be32(64, e + 4);
		memset(e + 16, (start + i) & 0xff, 32);		/* id */
	}
	st->rc = start + n < fake_nsecrets ? SECEX_UVC_RC_MORE_DATA :
					     SECEX_UVC_RC_EXECUTED;
}

static const struct secex_uv_backend fake_backend = {
	.name = "kunit fake",
	.installed = UVIO_SUPP_LIST_SECRETS,
	.list_secrets = fake_list,
};

struct sink {
	u8 *buf;
	size_t len;
};

static int sink_emit(void *ctx, size_t off, const void *src, size_t len)
{
	struct sink *s = ctx;

	if (off + len > s->len)
		return -EFAULT;
	memcpy(s->buf + off, src, len);
	return 0;
}

/* LIST into @pages pages with @n secrets; returns the entries merged. */
static u16 list(struct kunit *test, u16 n, unsigned int pages,
		struct secex_uv_status *st, u8 **out)
{
	struct sink s = { .len = pages * SECEX_UV_LIST_PAGE_SIZE };
	void *page = kunit_kzalloc(test, SECEX_UV_LIST_PAGE_SIZE, GFP_KERNEL);

	s.buf = kunit_kzalloc(test, s.len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, page);
	KUNIT_ASSERT_NOT_NULL(test, s.buf);
	fake_nsecrets = n;
	KUNIT_ASSERT_EQ(test, uv_list_merge(&fake_backend, page, s.len, sink_emit,
					    &s, st), 0);
	*out = s.buf;
	return get_unaligned_be16(s.buf);
}

static void uv_list_entries_are_contiguous(struct kunit *test, const u8 *buf,
					   u16 count)
{
	u16 i;

	for (i = 0; i < count; i++) {
		const u8 *e = buf + SECEX_UV_LIST_HDR_SIZE + i * SECEX_UV_LIST_ENTRY_SIZE;

		KUNIT_ASSERT_EQ_MSG(test, get_unaligned_be16(e), i, "entry %u", i);
	}
}

static void uv_list_empty(struct kunit *test)
{
	struct secex_uv_status st;
	u8 *buf;

	KUNIT_EXPECT_EQ(test, list(test, 0, 1, &st, &buf), 0);
	KUNIT_EXPECT_EQ(test, st.rc, SECEX_UVC_RC_EXECUTED);
}

static void uv_list_one_full_page(struct kunit *test)
{
	struct secex_uv_status st;
	u8 *buf;

	KUNIT_EXPECT_EQ(test, list(test, 85, 1, &st, &buf), 85);
	KUNIT_EXPECT_EQ(test, st.rc, SECEX_UVC_RC_EXECUTED);
	KUNIT_EXPECT_EQ(test, get_unaligned_be16(buf + 2), 85);
	uv_list_entries_are_contiguous(test, buf, 85);
}

/* Old userspace (one page) gets 85 entries and "more data". */
static void uv_list_overflow_one_page(struct kunit *test)
{
	struct secex_uv_status st;
	u8 *buf;

	KUNIT_EXPECT_EQ(test, list(test, 86, 1, &st, &buf), 85);
	KUNIT_EXPECT_EQ(test, st.rc, SECEX_UVC_RC_MORE_DATA);
	KUNIT_EXPECT_EQ(test, get_unaligned_be16(buf + 2), 86);
	KUNIT_EXPECT_EQ(test, get_unaligned_be16(buf + 4), 85);	/* next index */
}

static void uv_list_two_pages_merge(struct kunit *test)
{
	struct secex_uv_status st;
	u8 *buf;

	KUNIT_EXPECT_EQ(test, list(test, 86, 2, &st, &buf), 86);
	KUNIT_EXPECT_EQ(test, st.rc, SECEX_UVC_RC_EXECUTED);
	uv_list_entries_are_contiguous(test, buf, 86);
}

static void uv_list_thousand(struct kunit *test)
{
	struct secex_uv_status st;
	u8 *buf;

	/* 1000 entries need 12 calls; 12 pages of buffer hold them packed. */
	KUNIT_EXPECT_EQ(test, list(test, 1000, 12, &st, &buf), 1000);
	KUNIT_EXPECT_EQ(test, st.rc, SECEX_UVC_RC_EXECUTED);
	uv_list_entries_are_contiguous(test, buf, 1000);
	/* Eleven pages of buffer: 11 calls, 935 entries, more data. */
	KUNIT_EXPECT_EQ(test, list(test, 1000, 11, &st, &buf), 935);
	KUNIT_EXPECT_EQ(test, st.rc, SECEX_UVC_RC_MORE_DATA);
}

static void uv_list_clamps_bogus_count(struct kunit *test)
{
	struct secex_uv_status st;
	u8 *buf;

	fake_claim = 500;
	KUNIT_EXPECT_EQ(test, list(test, 40, 1, &st, &buf), SECEX_UV_LIST_MAX_ENTRIES);
}

/* A failing first call still yields a (zero) header and its rc. */
static void uv_list_error_rc(struct kunit *test)
{
	struct secex_uv_status st;
	u8 *buf;

	fake_rc = SECEX_UVC_RC_INV_STATE;
	KUNIT_EXPECT_EQ(test, list(test, 10, 2, &st, &buf), 0);
	KUNIT_EXPECT_EQ(test, st.rc, SECEX_UVC_RC_INV_STATE);
}

/*
 * A backend that keeps answering "more data" without entries or progress
 * ends the walk, even with an unbounded buffer (the in-kernel lookup).
 */
static void uv_list_stops_without_progress(struct kunit *test)
{
	struct sink s = { .len = SECEX_UV_LIST_PAGE_SIZE };
	struct secex_uv_status st;
	void *page = kunit_kzalloc(test, SECEX_UV_LIST_PAGE_SIZE, GFP_KERNEL);

	s.buf = kunit_kzalloc(test, s.len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, page);
	KUNIT_ASSERT_NOT_NULL(test, s.buf);
	fake_nsecrets = 10;
	fake_stall = true;
	KUNIT_EXPECT_EQ(test, uv_list_merge(&fake_backend, page, SIZE_MAX,
					    sink_emit, &s, &st), 0);
	KUNIT_EXPECT_EQ(test, st.rc, SECEX_UVC_RC_MORE_DATA);
	KUNIT_EXPECT_EQ(test, get_unaligned_be16(s.buf), 0);
}

/*
 * A second store: its entries carry index 0x8000 and up, so a list that
 * mixed the two would show them.
 */
static void other_list(void *page, u16 start, struct secex_uv_status *st)
{
	fake_list(page, start, st);
	put_unaligned_be16(0x8000 + start,
			   (u8 *)page + SECEX_UV_LIST_HDR_SIZE);
}

static const struct secex_uv_backend other_backend = {
	.name = "kunit other",
	.installed = UVIO_SUPP_LIST_SECRETS,
	.list_secrets = other_list,
};

/* After the first page: the fake backend goes, another one comes. */
static int swap_emit(void *ctx, size_t off, const void *src, size_t len)
{
	if (off == SECEX_UV_LIST_HDR_SIZE) {
		secex_uv_unregister_backend(&fake_backend);
		if (secex_uv_register_backend(&other_backend))
			return -EBUSY;
	}
	return sink_emit(ctx, off, src, len);
}

/*
 * LIST over the active backend (NULL: as the ioctl does it), the fake one
 * with two pages of secrets, into a four-page @s through @emit.
 */
static int list_active(struct kunit *test, uv_list_emit_t emit,
		       struct sink *s, struct secex_uv_status *st)
{
	void *page = kunit_kzalloc(test, SECEX_UV_LIST_PAGE_SIZE, GFP_KERNEL);
	int ret;

	s->len = 4 * SECEX_UV_LIST_PAGE_SIZE;
	s->buf = kunit_kzalloc(test, s->len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, page);
	KUNIT_ASSERT_NOT_NULL(test, s->buf);
	if (secex_uv_register_backend(&fake_backend))
		kunit_skip(test, "a backend is active: the fake one cannot be staged");
	fake_nsecrets = 2 * SECEX_UV_LIST_MAX_ENTRIES;
	ret = uv_list_merge(NULL, page, s->len, emit, s, st);
	secex_uv_unregister_backend(&other_backend);
	secex_uv_unregister_backend(&fake_backend);
	return ret;
}

/*
 * A walk whose backend changes between two pages ends with -EAGAIN, not
 * with a list of two stores.
 */
static void uv_list_backend_changes(struct kunit *test)
{
	struct secex_uv_status st;
	struct sink s;

	KUNIT_EXPECT_EQ(test, list_active(test, swap_emit, &s, &st), -EAGAIN);
	/* nothing of the second store reached the caller's buffer */
	KUNIT_EXPECT_EQ(test, get_unaligned_be16(s.buf + SECEX_UV_LIST_HDR_SIZE +
						 SECEX_UV_LIST_MAX_ENTRIES *
						 SECEX_UV_LIST_ENTRY_SIZE), 0);
}

/* The same walk over an unchanged active backend merges as before. */
static void uv_list_active_backend(struct kunit *test)
{
	struct secex_uv_status st;
	struct sink s;

	KUNIT_EXPECT_EQ(test, list_active(test, sink_emit, &s, &st), 0);
	KUNIT_EXPECT_EQ(test, get_unaligned_be16(s.buf), 2 * SECEX_UV_LIST_MAX_ENTRIES);
	uv_list_entries_are_contiguous(test, s.buf, 2 * SECEX_UV_LIST_MAX_ENTRIES);
}

/* Every case starts from an honest fake ultravisor. */
static int uv_list_init(struct kunit *test)
{
	fake_nsecrets = 0;
	fake_claim = 0;
	fake_rc = 0;
	fake_stall = false;
	return 0;
}

static struct kunit_case uv_list_cases[] = {
	KUNIT_CASE(uv_list_empty),
	KUNIT_CASE(uv_list_one_full_page),
	KUNIT_CASE(uv_list_overflow_one_page),
	KUNIT_CASE(uv_list_two_pages_merge),
	KUNIT_CASE(uv_list_thousand),
	KUNIT_CASE(uv_list_clamps_bogus_count),
	KUNIT_CASE(uv_list_error_rc),
	KUNIT_CASE(uv_list_stops_without_progress),
	KUNIT_CASE(uv_list_active_backend),
	KUNIT_CASE(uv_list_backend_changes),
	{}
};

static struct kunit_suite uv_list_suite = {
	.name = "uv_list_paging",
	.init = uv_list_init,
	.test_cases = uv_list_cases,
};

kunit_test_suite(uv_list_suite);
