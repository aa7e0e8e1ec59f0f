// SPDX-License-Identifier: GPL-2.0
/*
 * Parse a pvattest exchange file and write it again: the bytes must be
 * identical (known-answer test against IBM's exchange.bin).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/exchange.h"
#include "../common/fileio.h"

int main(int argc, char **argv)
{
	struct exchange ex;
	uint8_t *in, *out;
	size_t in_len, out_len;
	int rc = 1;

	if (argc != 2) {
		fprintf(stderr, "usage: %s EXCHANGE_FILE\n", argv[0]);
		return 2;
	}
	if (read_file(argv[1], &in, &in_len, 4 << 20))
		return 1;
	if (!exch_parse(&ex, in, in_len) &&
	    !exch_serialize(&ex, &out, &out_len)) {
		rc = out_len != in_len || memcmp(in, out, in_len);
		if (rc)
			fprintf(stderr, "%s: re-serialized bytes differ\n",
				argv[1]);
		free(out);
		exch_free(&ex);
	}
	free(in);
	return rc;
}
