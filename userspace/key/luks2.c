// SPDX-License-Identifier: GPL-2.0
/*
 * Reading the tokens of a LUKS2 header: binary header (4 KiB) plus JSON
 * area, twice on disk; the valid copy with the higher sequence id counts,
 * as in cryptsetup.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../common/be.h"
#include "../common/sha256.h"
#include "json.h"
#include "luks2.h"

#define HDR_BIN_SIZE	4096
#define OFF_VERSION	6
#define OFF_HDR_SIZE	8
#define OFF_SEQID	16
#define OFF_CSUM_ALG	72
#define OFF_HDR_OFFSET	256
#define OFF_CSUM	448
#define CSUM_SIZE	64
#define HDR_SIZE_MIN	0x4000
#define HDR_SIZE_MAX	0x400000

static const char magic1[6] = { 'L', 'U', 'K', 'S', (char)0xba, (char)0xbe };
static const char magic2[6] = { 'S', 'K', 'U', 'L', (char)0xba, (char)0xbe };

/* Read and check the header copy at @off; NULL if there is no valid one. */
static char *read_hdr(int fd, off_t off, const char *magic, uint64_t *seqid)
{
	uint8_t bin[HDR_BIN_SIZE], csum[SHA256_LEN];
	uint64_t size;
	uint8_t *h;

	if (pread(fd, bin, sizeof(bin), off) != (ssize_t)sizeof(bin) ||
	    memcmp(bin, magic, 6) || get_be16(bin + OFF_VERSION) != 2 ||
	    get_be64(bin + OFF_HDR_OFFSET) != (uint64_t)off)
		return NULL;
	size = get_be64(bin + OFF_HDR_SIZE);
	if (size < HDR_SIZE_MIN || size > HDR_SIZE_MAX || (size & (size - 1)) ||
	    strncmp((char *)bin + OFF_CSUM_ALG, "sha256", 32))
		return NULL;
	h = malloc(size + 1);
	if (!h)
		return NULL;
	if (pread(fd, h, size, off) != (ssize_t)size)
		goto bad;
	/* The checksum covers the whole header with its own field zeroed. */
	memcpy(csum, h + OFF_CSUM, SHA256_LEN);
	memset(h + OFF_CSUM, 0, CSUM_SIZE);
	sha256(h, size, h + OFF_CSUM);
	if (memcmp(csum, h + OFF_CSUM, SHA256_LEN))
		goto bad;
	h[size] = 0;	/* the JSON area is NUL-padded; this ends it anyway */
	*seqid = get_be64(h + OFF_SEQID);
	return (char *)h;
bad:
	free(h);
	return NULL;
}

/* The JSON text of the newer valid header copy of @fd, malloc'ed. */
static char *read_json(int fd)
{
	uint64_t seq1 = 0, seq2 = 0, size;
	char *h1, *h2 = NULL, *best;
	off_t off;

	h1 = read_hdr(fd, 0, magic1, &seq1);
	/* The second copy follows the first; where, depends on its size. */
	for (size = HDR_SIZE_MIN; size <= HDR_SIZE_MAX && !h2; size *= 2) {
		off = (off_t)size;
		h2 = read_hdr(fd, off, magic2, &seq2);
	}
	best = !h2 || (h1 && seq1 >= seq2) ? h1 : h2;
	if (best != h1)
		free(h1);
	if (best != h2)
		free(h2);
	if (best)
		memmove(best, best + HDR_BIN_SIZE, strlen(best + HDR_BIN_SIZE) + 1);
	return best;
}

static int is_hex_vp(const char *s)
{
	return strlen(s) == VP_HEX_LEN &&
	       strspn(s, "0123456789abcdefABCDEF") == VP_HEX_LEN;
}

int luks2_vp_tokens(const char *dev, struct luks2_vp *out, int max)
{
	const char *tokens, *val;
	char id[16], type[32], *json;
	struct json_iter it;
	int fd, n = 0;

	fd = open(dev, O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "%s: %s\n", dev, strerror(errno));
		return -1;
	}
	json = read_json(fd);
	close(fd);
	if (!json) {
		fprintf(stderr, "%s: no valid LUKS2 header\n", dev);
		return -1;
	}
	tokens = json_member(json, "tokens");
	if (!tokens || json_obj_begin(&it, tokens)) {
		fprintf(stderr, "%s: LUKS2 metadata without a tokens object\n", dev);
		free(json);
		return -1;
	}
	while (n < max && json_obj_next(&it, id, sizeof(id), &val) == 1) {
		const char *v = json_member(val, "type");
		if (!v || json_string(v, type, sizeof(type)) ||
		    strcmp(type, LUKS2_TOKEN_TYPE))
			continue;
		v = json_member(val, "verification-pattern");
		if (!v || json_string(v, out[n].vp, sizeof(out[n].vp)) ||
		    !is_hex_vp(out[n].vp)) {
			fprintf(stderr, "%s: token %s has no valid verification-pattern\n",
				dev, id);
			continue;
		}
		v = json_member(val, "key-name");
		if (!v || json_string(v, out[n].name, sizeof(out[n].name)))
			out[n].name[0] = 0;
		out[n].token = atoi(id);
		n++;
	}
	free(json);
	return n;
}
