// SPDX-License-Identifier: GPL-2.0
/*
 * PEM armour (RFC 7468) with base64 (RFC 4648) for output.  Nothing is
 * decoded: key files come from secex-owner in raw form.
 */
#include "base64.h"

static const char alphabet[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

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
