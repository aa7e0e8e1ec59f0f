// SPDX-License-Identifier: GPL-2.0
/*
 * Lookups in the secret-type table.
 */
#include <stdio.h>
#include <string.h>

#include "secret_types.h"


const char *secret_type_name(uint16_t type)
{
	static char unknown[32];
	const char *name = secex_secret_type_info(type).name;

	if (name)
		return name;
	snprintf(unknown, sizeof(unknown), "Unknown 0x%04x", type);
	return unknown;
}

int secret_type_retrievable(uint16_t type)
{
	return !!(secex_secret_type_info(type).flags & SECEX_SECRET_RETRIEVABLE);
}

uint16_t secret_type_by_kind(const char *kind, size_t len, int at_least)
{
	unsigned int i, n;
	const struct secex_secret_type_info *t = secex_secret_types(&n);
	uint16_t best = 0;
	uint32_t best_len = 0;

	for (i = 0; i < n; i++) {
		if (strcmp(t[i].kind, kind))
			continue;
		if (t[i].len == len)
			return t[i].type;
		if (at_least && t[i].len > len && (!best || t[i].len < best_len)) {
			best = t[i].type;
			best_len = t[i].len;
		}
	}
	return best;
}

void secret_kind_lengths(const char *kind, char *buf, size_t size)
{
	unsigned int i, n;
	const struct secex_secret_type_info *t = secex_secret_types(&n);
	size_t at = 0;

	buf[0] = 0;
	for (i = 0; i < n; i++)
		if (!strcmp(t[i].kind, kind) && at < size)
			at += (size_t)snprintf(buf + at, size - at, "%s%u",
					       at ? ", " : "", t[i].len);
}
