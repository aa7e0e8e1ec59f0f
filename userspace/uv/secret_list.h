/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fetching the UV secret list (common/uvlist.c) with the failures on
 * stderr, and printing it the way pvsecret does.
 */
#ifndef SECEX_UV_SECRET_LIST_H
#define SECEX_UV_SECRET_LIST_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../common/emit.h"
#include "../common/uvlist.h"

/* List all secrets, reporting failures; returns an EXIT_* code. */
int secret_list_get(struct secret_list *l);

void secret_list_print_human(FILE *f, const struct secret_list *l);
/*
 * --format json or yaml: pvsecret's fields (total_num_secrets; secrets:
 * index, stype, len, id) and ours (version, stype_code, name).  0, or -1
 * if writing failed.
 */
int secret_list_emit(FILE *f, const struct secret_list *l,
		     enum emit_format fmt);

#endif /* SECEX_UV_SECRET_LIST_H */
