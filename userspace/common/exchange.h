/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pvattest exchange file (version 0x0100): a 0x40-byte header with five
 * (size, offset) entries, followed by the blobs.  An entry with size 0 is
 * absent; size > 0 with offset 0 is a requested size only.
 */
#ifndef SECEX_EXCHANGE_H
#define SECEX_EXCHANGE_H

#include <stddef.h>
#include <stdint.h>

#define EXCH_MAGIC		"pvattest"
#define EXCH_VERSION		0x0100
#define EXCH_HDR_SIZE		0x40
#define EXCH_ARCB_MAX		0x100000
#define EXCH_MEAS_MAX		0x8000
#define EXCH_ADD_MAX		0x8000
#define EXCH_USER_MAX		0x100
#define EXCH_CUID_LEN		0x10

enum exch_field {
	EXCH_ARCB,
	EXCH_MEAS,
	EXCH_ADD,
	EXCH_USER,
	EXCH_CUID,
	EXCH_NUM_FIELDS
};

/* One field: @data is NULL if only @size was requested (or absent). */
struct exch_blob {
	uint32_t size;
	uint8_t *data;
};

struct exchange {
	struct exch_blob f[EXCH_NUM_FIELDS];
};

/* Parse @len bytes at @buf; blobs are copied.  Prints the reason on error. */
int exch_parse(struct exchange *ex, const uint8_t *buf, size_t len);
/* Serialize into a malloc'ed buffer. */
int exch_serialize(const struct exchange *ex, uint8_t **buf, size_t *len);
int exch_read(struct exchange *ex, const char *path);
int exch_write(const struct exchange *ex, const char *path);
/* Set field @i to a copy of @len bytes at @data (NULL: size request only). */
int exch_set(struct exchange *ex, enum exch_field i, const void *data,
	     uint32_t len);
void exch_free(struct exchange *ex);

#endif /* SECEX_EXCHANGE_H */
