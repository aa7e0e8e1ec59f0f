/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The UV secret store: fetching the secret list (any length) and
 * retrieving one secret, silently; callers report failures their own way.
 */
#ifndef SECEX_UVLIST_H
#define SECEX_UVLIST_H

#include <stddef.h>
#include <stdint.h>

#include "formats.h"
#include "uvdev.h"

struct secret_entry {
	uint16_t index;
	uint16_t type;
	uint32_t len;
	uint8_t id[SECRET_ID_LEN];
};

struct secret_list {
	uint16_t total;		/* total number of secrets in the store */
	uint16_t num;		/* entries in @raw / @e */
	uint8_t *raw;		/* header + entries, UV format */
	size_t raw_len;
	struct secret_entry *e;
};

enum uvlist_status {
	UVLIST_OK,		/* the whole list */
	UVLIST_INCOMPLETE,	/* a kernel before 6.13 returned its one page */
	UVLIST_CALL_FAILED,	/* @call returned -errno, in *@err */
	UVLIST_REJECTED,	/* the ultravisor refused: see @st */
	UVLIST_BAD_COUNT,	/* @l->num (only that is set) does not fit */
	UVLIST_NO_MEMORY,
};

/*
 * List all secrets into @l, issuing the ioctls through @call.  @l is set
 * on UVLIST_OK and UVLIST_INCOMPLETE (release it with secret_list_free),
 * empty otherwise.
 */
enum uvlist_status uvlist_get(struct secret_list *l, uvdev_call_fn *call,
			      struct uv_status *st, int *err);
void secret_list_free(struct secret_list *l);

/*
 * Retrieve the secret of @e through @call.  Returns 0 with the ioctl's
 * buffer in *@buf and its length in *@len (check @st->rc; the caller
 * wipes and frees *@buf), or -errno (-ENOMEM, or @call's) with *@buf NULL.
 */
int uvlist_retrieve(uvdev_call_fn *call, const struct secret_entry *e,
		    uint8_t **buf, uint32_t *len, struct uv_status *st);
/*
 * The value of a retrieved plaintext secret (a be16 length, then the
 * data) in @buf/@len: *@data, *@dlen.  Returns -1 if the length does not fit.
 */
int uvlist_plaintext(const uint8_t *buf, uint32_t len, const uint8_t **data,
		     size_t *dlen);

#endif /* SECEX_UVLIST_H */
