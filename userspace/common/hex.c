// SPDX-License-Identifier: GPL-2.0
/*
 * Hex string parsing and printing.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "hex.h"

static int nibble(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int hex_parse(const char *s, uint8_t *out, size_t len)
{
	size_t i;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	if (strlen(s) != 2 * len)
		return -1;
	for (i = 0; i < len; i++) {
		int hi = nibble(s[2 * i]), lo = nibble(s[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return -1;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

void hex_print(FILE *f, const uint8_t *p, size_t len)
{
	while (len--)
		fprintf(f, "%02x", *p++);
}

int parse_u64(const char *s, uint64_t *v, uint64_t max)
{
	unsigned long long r;
	char *end;

	if (!*s || *s == '-')
		return -1;
	errno = 0;
	r = strtoull(s, &end, 0);
	if (errno || *end || r > max)
		return -1;
	*v = r;
	return 0;
}
