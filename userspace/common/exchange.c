// SPDX-License-Identifier: GPL-2.0
/*
 * pvattest exchange file reading and writing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "be.h"
#include "cli.h"
#include "exchange.h"
#include "fileio.h"

static const char *const field_name[EXCH_NUM_FIELDS] = {
	"attestation request", "measurement", "additional data",
	"user data", "config UID",
};

static const uint32_t field_max[EXCH_NUM_FIELDS] = {
	EXCH_ARCB_MAX, EXCH_MEAS_MAX, EXCH_ADD_MAX, EXCH_USER_MAX,
	EXCH_CUID_LEN,
};

int exch_set(struct exchange *ex, enum exch_field i, const void *data,
	     uint32_t len)
{
	uint8_t *copy = NULL;

	if (data && len) {
		copy = malloc(len);
		if (!copy) {
			cli_err("out of memory");
			return -1;
		}
		memcpy(copy, data, len);
	}
	free(ex->f[i].data);
	ex->f[i].data = copy;
	ex->f[i].size = len;
	return 0;
}

int exch_parse(struct exchange *ex, const uint8_t *buf, size_t len)
{
	int i;

	memset(ex, 0, sizeof(*ex));
	if (len < EXCH_HDR_SIZE || memcmp(buf, EXCH_MAGIC, 8)) {
		cli_err("not a pvattest exchange file");
		return -1;
	}
	if (get_be32(buf + 8) != EXCH_VERSION) {
		cli_err("unsupported exchange file version 0x%x",
			get_be32(buf + 8));
		return -1;
	}
	if (get_be32(buf + 12) > len) {
		cli_err("exchange file is truncated");
		return -1;
	}
	for (i = 0; i < EXCH_NUM_FIELDS; i++) {
		uint32_t size = get_be32(buf + 0x18 + 8 * i);
		uint32_t off = get_be32(buf + 0x1c + 8 * i);

		if (size > field_max[i] ||
		    (i == EXCH_CUID && size && size != EXCH_CUID_LEN)) {
			cli_err("exchange file: invalid %s size %u",
				field_name[i], size);
			goto err;
		}
		if (!size || !off) {
			ex->f[i].size = size;
			continue;
		}
		if (off < EXCH_HDR_SIZE || off > len || size > len - off) {
			cli_err("exchange file: %s out of bounds",
				field_name[i]);
			goto err;
		}
		if (exch_set(ex, (enum exch_field)i, buf + off, size))
			goto err;
	}
	return 0;
err:
	exch_free(ex);
	return -1;
}

int exch_serialize(const struct exchange *ex, uint8_t **buf, size_t *len)
{
	size_t total = EXCH_HDR_SIZE, off = EXCH_HDR_SIZE;
	uint8_t *b;
	int i;

	for (i = 0; i < EXCH_NUM_FIELDS; i++)
		if (ex->f[i].data)
			total += ex->f[i].size;
	b = calloc(1, total);
	if (!b) {
		cli_err("out of memory");
		return -1;
	}
	memcpy(b, EXCH_MAGIC, 8);
	put_be32(b + 8, EXCH_VERSION);
	put_be32(b + 12, (uint32_t)total);
	for (i = 0; i < EXCH_NUM_FIELDS; i++) {
		const struct exch_blob *f = &ex->f[i];

		put_be32(b + 0x18 + 8 * i, f->size);
		if (!f->data)
			continue;
		put_be32(b + 0x1c + 8 * i, (uint32_t)off);
		memcpy(b + off, f->data, f->size);
		off += f->size;
	}
	*buf = b;
	*len = total;
	return 0;
}

int exch_read(struct exchange *ex, const char *path)
{
	size_t max = EXCH_HDR_SIZE + EXCH_ARCB_MAX + EXCH_MEAS_MAX +
		     EXCH_ADD_MAX + EXCH_USER_MAX + EXCH_CUID_LEN;
	uint8_t *buf;
	size_t len;
	int rc;

	if (read_file(path, &buf, &len, max))
		return -1;
	rc = exch_parse(ex, buf, len);
	if (rc)
		cli_err("%s: invalid exchange file", path);
	free(buf);
	return rc;
}

int exch_write(const struct exchange *ex, const char *path)
{
	uint8_t *buf;
	size_t len;
	int rc;

	if (exch_serialize(ex, &buf, &len))
		return -1;
	rc = write_file(path, buf, len, 0644);
	free(buf);
	return rc;
}

void exch_free(struct exchange *ex)
{
	int i;

	for (i = 0; i < EXCH_NUM_FIELDS; i++) {
		free(ex->f[i].data);
		ex->f[i].data = NULL;
		ex->f[i].size = 0;
	}
}
