// SPDX-License-Identifier: GPL-2.0
/*
 * Fetching the UV secret list and retrieving secrets.
 *
 * Since Linux 6.13, UVIO_IOCTL_LIST_SECRETS accepts any multiple of 4 KiB
 * and fills it with the entries of as many List Secrets calls as fit; the
 * rc 0x0100 (more data) then means the buffer was too small.  Older
 * kernels only accept exactly one page (EINVAL otherwise) and return at
 * most 85 entries.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "be.h"
#include "fileio.h"
#include "uvlist.h"
#include "uvrc.h"

#define LIST_START_PAGES 4
/*
 * EAGAIN: secex_uv's backend changed between two pages of one listing (a
 * backend module loaded or unloaded); the next try lists one store.
 */
#define LIST_TRIES 4
/* 65535 entries of 48 bytes plus the header, and one page of slack. */
#define LIST_MAX_PAGES ((SLIST_HDR_LEN + 0xffffUL * SLIST_ENTRY_LEN) / SLIST_PAGE + 2)

/* 0, @call's -errno, or 1 if there is no memory for the buffer */
static int list_call(uvdev_call_fn *call, uint8_t **buf, size_t pages,
		     struct uv_status *st)
{
	size_t len = pages * SLIST_PAGE;
	uint8_t *b = calloc(1, len);
	int rc;

	if (!b)
		return 1;
	rc = call(UVIO_IOCTL_LIST_SECRETS_NR, b, (uint32_t)len, st);
	if (rc) {
		free(b);
		return rc;
	}
	free(*buf);
	*buf = b;
	return 0;
}

static enum uvlist_status parse(struct secret_list *l, uint8_t *buf,
				size_t pages)
{
	size_t max = (pages * SLIST_PAGE - SLIST_HDR_LEN) / SLIST_ENTRY_LEN;
	uint16_t i;

	l->num = get_be16(buf);
	l->total = get_be16(buf + 2);
	if (l->num > max)
		return UVLIST_BAD_COUNT;
	l->e = calloc(l->num + 1U, sizeof(*l->e));
	if (!l->e)
		return UVLIST_NO_MEMORY;
	l->raw = buf;
	l->raw_len = SLIST_HDR_LEN + (size_t)l->num * SLIST_ENTRY_LEN;
	for (i = 0; i < l->num; i++) {
		const uint8_t *p = buf + SLIST_HDR_LEN + i * SLIST_ENTRY_LEN;

		l->e[i].index = get_be16(p);
		l->e[i].type = get_be16(p + 2);
		l->e[i].len = get_be32(p + 4);
		memcpy(l->e[i].id, p + 16, SECRET_ID_LEN);
	}
	return UVLIST_OK;
}

enum uvlist_status uvlist_get(struct secret_list *l, uvdev_call_fn *call,
			      struct uv_status *st, int *err)
{
	size_t pages = LIST_START_PAGES;
	enum uvlist_status ret;
	uint8_t *buf = NULL;
	int rc, tries = 1;

	memset(l, 0, sizeof(*l));
	for (;;) {
		rc = list_call(call, &buf, pages, st);
		if (rc == -EINVAL && pages > 1) {
			/* kernel before 6.13: exactly one page */
			pages = 1;
			continue;
		}
		if (rc == -EAGAIN && tries++ < LIST_TRIES)
			continue;
		if (rc > 0) {
			ret = UVLIST_NO_MEMORY;
			goto fail;
		}
		if (rc) {
			*err = rc;
			ret = UVLIST_CALL_FAILED;
			goto fail;
		}
		if (st->rc != UVRC_MORE_DATA || pages == 1 ||
		    pages >= LIST_MAX_PAGES)
			break;
		pages = pages * 2 < LIST_MAX_PAGES ? pages * 2 : LIST_MAX_PAGES;
	}
	if (st->rc != UVRC_EXECUTED && st->rc != UVRC_MORE_DATA) {
		ret = UVLIST_REJECTED;
		goto fail;
	}
	ret = parse(l, buf, pages);
	if (ret != UVLIST_OK)
		goto fail;
	return st->rc == UVRC_MORE_DATA ? UVLIST_INCOMPLETE : UVLIST_OK;
fail:
	free(buf);
	l->raw = NULL;
	free(l->e);
	l->e = NULL;
	if (ret != UVLIST_BAD_COUNT)
		l->num = 0;
	return ret;
}

void secret_list_free(struct secret_list *l)
{
	free(l->raw);
	free(l->e);
	memset(l, 0, sizeof(*l));
}

int uvlist_retrieve(uvdev_call_fn *call, const struct secret_entry *e,
		    uint8_t **buf, uint32_t *len, struct uv_status *st)
{
	uint32_t n = e->len < 2 ? 2 : e->len;
	uint16_t idx = e->index;
	uint8_t *b;
	int rc;

	if (n > UVIO_RETR_SECRET_MAX_LEN)
		n = UVIO_RETR_SECRET_MAX_LEN;
	*buf = NULL;
	b = calloc(1, n);
	if (!b)
		return -ENOMEM;
	/* the index goes into the first two bytes, in native byte order */
	memcpy(b, &idx, sizeof(idx));
	rc = call(UVIO_IOCTL_RETR_SECRET_NR, b, n, st);
	if (rc) {
		/* a partly done call may have left secret bytes behind */
		secure_zero(b, n);
		free(b);
		return rc;
	}
	*buf = b;
	*len = n;
	return 0;
}

int uvlist_plaintext(const uint8_t *buf, uint32_t len, const uint8_t **data,
		     size_t *dlen)
{
	if (len < 2 || get_be16(buf) > len - 2U)
		return -1;
	*dlen = get_be16(buf);
	*data = buf + 2;
	return 0;
}
