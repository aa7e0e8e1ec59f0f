// SPDX-License-Identifier: GPL-2.0
/*
 * Base64 (RFC 4648) and PEM armour helpers.
 */
#include <stdlib.h>
#include <string.h>

#include "base64.h"

static const char alphabet[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static int b64_value(char c)
{
	const char *p = c ? strchr(alphabet, c) : NULL;

	return p ? (int)(p - alphabet) : -1;
}

uint8_t *pem_decode(const char *text, const char *label, size_t *len)
{
	char begin[80], end[80];
	const char *s, *e;
	uint8_t *out;
	uint32_t acc = 0;
	size_t n = 0;
	int bits = 0, pad = 0;

	snprintf(begin, sizeof(begin), "-----BEGIN %s-----", label);
	snprintf(end, sizeof(end), "-----END %s-----", label);
	s = strstr(text, begin);
	if (!s)
		return NULL;
	s += strlen(begin);
	e = strstr(s, end);
	if (!e)
		return NULL;
	/* Skip RFC 1421 style headers ("Name: value" lines). */
	if (memchr(s, ':', (size_t)(e - s))) {
		const char *blank = strstr(s, "\n\n");

		if (!blank || blank > e)
			return NULL;
		s = blank;
	}
	out = malloc((size_t)(e - s) / 4 * 3 + 3);
	if (!out)
		return NULL;
	for (; s < e; s++) {
		int v;

		if (*s == '\n' || *s == '\r' || *s == ' ' || *s == '\t')
			continue;
		if (*s == '=') {
			pad++;
			continue;
		}
		v = b64_value(*s);
		if (v < 0 || pad) {
			free(out);
			return NULL;
		}
		acc = (acc << 6) | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[n++] = (uint8_t)(acc >> bits);
		}
	}
	*len = n;
	return out;
}

void pem_write(FILE *f, const char *label, const char *hdr,
	       const uint8_t *data, size_t len)
{
	size_t i, col = 0;

	fprintf(f, "-----BEGIN %s-----\n", label);
	if (hdr)
		fprintf(f, "%s\n\n", hdr);
	for (i = 0; i < len; i += 3) {
		uint32_t v = (uint32_t)data[i] << 16;
		size_t rem = len - i;

		if (rem > 1)
			v |= (uint32_t)data[i + 1] << 8;
		if (rem > 2)
			v |= data[i + 2];
		fputc(alphabet[v >> 18 & 63], f);
		fputc(alphabet[v >> 12 & 63], f);
		fputc(rem > 1 ? alphabet[v >> 6 & 63] : '=', f);
		fputc(rem > 2 ? alphabet[v & 63] : '=', f);
		col += 4;
		if (col == 64) {
			fputc('\n', f);
			col = 0;
		}
	}
	if (col)
		fputc('\n', f);
	fprintf(f, "-----END %s-----\n", label);
}
