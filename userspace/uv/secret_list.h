/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fetching the UV secret list (any length) and printing it the way
 * pvsecret does.
 */
#ifndef SECEX_UV_SECRET_LIST_H
#define SECEX_UV_SECRET_LIST_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../common/formats.h"

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

/* List all secrets; returns an EXIT_* code. */
int secret_list_get(struct secret_list *l);
void secret_list_free(struct secret_list *l);

void secret_list_print_human(FILE *f, const struct secret_list *l);
void secret_list_print_yaml(FILE *f, const struct secret_list *l);

#endif /* SECEX_UV_SECRET_LIST_H */
