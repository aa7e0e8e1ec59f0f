/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Secret types of the UV secret store: the table is
 * include/uapi/secex/uv_secret_types.h; these are the tools' lookups.
 */
#ifndef SECEX_SECRET_TYPES_H
#define SECEX_SECRET_TYPES_H

#include <stddef.h>
#include <stdint.h>

#include "../../include/uapi/secex/uv_secret_types.h"

/* Name of @type as pvsecret prints it ("Unknown 0x%04x" for others). */
const char *secret_type_name(uint16_t type);
/* 1 if a secret of @type can be retrieved (plaintext and keys). */
int secret_type_retrievable(uint16_t type);
/*
 * The type of family @kind (as in the table) whose secret is @len bytes;
 * with @at_least, the shortest one of at least @len bytes.  0 if none.
 */
uint16_t secret_type_by_kind(const char *kind, size_t len, int at_least);

/* The lengths of family @kind's types, "16, 24, 32", into @buf. */
void secret_kind_lengths(const char *kind, char *buf, size_t size);

#endif /* SECEX_SECRET_TYPES_H */
