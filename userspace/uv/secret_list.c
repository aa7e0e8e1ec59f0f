// SPDX-License-Identifier: GPL-2.0
/*
 * Fetching the UV secret list (common/uvlist.c) and printing it.
 */
#include <ctype.h>
#include <errno.h>
#include <string.h>

#include "../common/cli.h"
#include "../common/emit.h"
#include "../common/hex.h"
#include "../common/secret_types.h"
#include "cmds.h"
#include "secret_list.h"
#include "uvdev.h"

int secret_list_get(struct secret_list *l)
{
	struct uv_status st;
	int err = 0;

	switch (uvlist_get(l, uv_ioctl, &st, &err)) {
	case UVLIST_OK:
		return EXIT_OK;
	case UVLIST_INCOMPLETE:
		cli_err("warning: the secret list is incomplete (this kernel returns one page only)");
		return EXIT_OK;
	case UVLIST_CALL_FAILED:
		/* uv_ioctl() reported all but this one */
		if (err == -EINVAL)
			cli_err("list secrets: ioctl rejected the buffer");
		else if (err == -EAGAIN)
			cli_err("list secrets: the ultravisor backend changed while listing, at every try (a module is being loaded or unloaded); try again later");
		return EXIT_ERR;
	case UVLIST_REJECTED:
		uv_print_rc("list secrets", UVRC_CMD_LIST_SECRETS, &st);
		return EXIT_REJECTED;
	case UVLIST_BAD_COUNT:
		cli_err("list secrets: invalid entry count %u", l->num);
		l->num = 0;
		return EXIT_ERR;
	case UVLIST_NO_MEMORY:
		break;
	}
	cli_err("out of memory");
	return EXIT_ERR;
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

int secret_list_emit(FILE *f, const struct secret_list *l,
		     enum emit_format fmt)
{
	struct emit e;
	uint16_t i;

	emit_begin(&e, f, fmt);
	/* pvsecret's (serde) names, then ours */
	emit_uint(&e, "total_num_secrets", l->total);
	emit_array_begin(&e, "secrets");
	for (i = 0; i < l->num; i++) {
		const struct secret_entry *e_ = &l->e[i];

		emit_object_begin(&e, NULL);
		emit_uint(&e, "index", e_->index);
		emit_string(&e, "stype", secret_type_name(e_->type));
		emit_uint(&e, "len", e_->len);
		emit_hex(&e, "id", e_->id, SECRET_ID_LEN);
		emit_uint(&e, "stype_code", e_->type);
		if (id_as_name(e_->id))
			emit_string(&e, "name", (const char *)e_->id);
		else
			emit_null(&e, "name");
		emit_object_end(&e);
	}
	emit_array_end(&e);
	return emit_end(&e);
}
