// SPDX-License-Identifier: GPL-2.0
/*
 * Fetching and printing the UV secret list.
 *
 * Since Linux 6.13, UVIO_IOCTL_LIST_SECRETS accepts any multiple of 4 KiB
 * and fills it with the entries of as many List Secrets calls as fit; the
 * rc 0x0100 (more data) then means the buffer was too small.  Older
 * kernels only accept exactly one page (EINVAL otherwise) and return at
 * most 85 entries.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../common/be.h"
#include "../common/cli.h"
#include "../common/hex.h"
#include "../common/secret_types.h"
#include "cmds.h"
#include "secret_list.h"
#include "uvdev.h"

#define LIST_START_PAGES 4
/* 65535 entries of 48 bytes plus the header, and one page of slack. */
#define LIST_MAX_PAGES ((SLIST_HDR_LEN + 0xffffUL * SLIST_ENTRY_LEN) / SLIST_PAGE + 2)

static int list_call(uint8_t **buf, size_t pages, struct uv_status *st)
{
	size_t len = pages * SLIST_PAGE;
	uint8_t *b = calloc(1, len);
	int rc;

	if (!b) {
		cli_err("out of memory");
		return -ENOMEM;
	}
	rc = uv_ioctl(UVIO_IOCTL_LIST_SECRETS_NR, b, (uint32_t)len, st);
	if (rc) {
		free(b);
		return rc;
	}
	free(*buf);
	*buf = b;
	return 0;
}

static int parse(struct secret_list *l, uint8_t *buf, size_t pages)
{
	size_t max = (pages * SLIST_PAGE - SLIST_HDR_LEN) / SLIST_ENTRY_LEN;
	uint16_t i;

	l->num = get_be16(buf);
	l->total = get_be16(buf + 2);
	if (l->num > max) {
		cli_err("list secrets: invalid entry count %u",
			l->num);
		return -1;
	}
	l->raw = buf;
	l->raw_len = SLIST_HDR_LEN + (size_t)l->num * SLIST_ENTRY_LEN;
	l->e = calloc(l->num + 1U, sizeof(*l->e));
	if (!l->e)
		return -1;
	for (i = 0; i < l->num; i++) {
		const uint8_t *p = buf + SLIST_HDR_LEN + i * SLIST_ENTRY_LEN;

		l->e[i].index = get_be16(p);
		l->e[i].type = get_be16(p + 2);
		l->e[i].len = get_be32(p + 4);
		memcpy(l->e[i].id, p + 16, SECRET_ID_LEN);
	}
	return 0;
}

int secret_list_get(struct secret_list *l)
{
	size_t pages = LIST_START_PAGES;
	struct uv_status st;
	uint8_t *buf = NULL;

	memset(l, 0, sizeof(*l));
	for (;;) {
		int rc = list_call(&buf, pages, &st);
		if (rc == -EINVAL && pages > 1) {
			/* kernel before 6.13: exactly one page */
			pages = 1;
			continue;
		}
		if (rc == -EINVAL)
			cli_err("list secrets: ioctl rejected the buffer");
		if (rc)
			return EXIT_ERR;
		if (st.rc != UVRC_MORE_DATA || pages == 1 ||
		    pages >= LIST_MAX_PAGES)
			break;
		pages = pages * 2 < LIST_MAX_PAGES ? pages * 2 : LIST_MAX_PAGES;
	}
	if (st.rc != UVRC_EXECUTED && st.rc != UVRC_MORE_DATA) {
		uv_print_rc("list secrets", UVRC_CMD_LIST_SECRETS, &st);
		free(buf);
		return EXIT_REJECTED;
	}
	if (st.rc == UVRC_MORE_DATA)
		cli_err("warning: the secret list is incomplete (this kernel returns one page only)");
	if (parse(l, buf, pages)) {
		free(buf);
		l->raw = NULL;
		return EXIT_ERR;
	}
	return EXIT_OK;
}

void secret_list_free(struct secret_list *l)
{
	free(l->raw);
	free(l->e);
	memset(l, 0, sizeof(*l));
}

/* The id as a name if it is a NUL-padded printable string (--use-name). */
static int id_as_name(const uint8_t *id)
{
	size_t n = strnlen((const char *)id, SECRET_ID_LEN), i;

	if (!n || n == SECRET_ID_LEN)
		return 0;
	for (i = 0; i < n; i++)
		if (!isprint(id[i]))
			return 0;
	for (; i < SECRET_ID_LEN; i++)
		if (id[i])
			return 0;
	return 1;
}

void secret_list_print_human(FILE *f, const struct secret_list *l)
{
	uint16_t i;

	fprintf(f, "Total number of secrets: %u\n", l->total);
	if (l->num)
		fputc('\n', f);
	for (i = 0; i < l->num; i++) {
		const struct secret_entry *e = &l->e[i];

		fprintf(f, "%u %s:\n ", e->index, secret_type_name(e->type));
		if (id_as_name(e->id))
			fprintf(f, "%s | ", (const char *)e->id);
		fputs("0x", f);
		hex_print(f, e->id, SECRET_ID_LEN);
		fputc('\n', f);
	}
}

void secret_list_print_yaml(FILE *f, const struct secret_list *l)
{
	uint16_t i;

	fprintf(f, "total_num_secrets: %u\n", l->total);
	fprintf(f, "secrets:%s\n", l->num ? "" : " []");
	for (i = 0; i < l->num; i++) {
		const struct secret_entry *e = &l->e[i];

		fprintf(f, "- index: %u\n  stype: %s\n  len: %u\n  id: '0x",
			e->index, secret_type_name(e->type), e->len);
		hex_print(f, e->id, SECRET_ID_LEN);
		fputs("'\n", f);
	}
}
