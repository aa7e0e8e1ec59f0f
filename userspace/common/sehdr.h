/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading an SE header (as written by genprotimg/pvextract-hdr or
 * "secex-owner hdr make") and the values that bind requests to it.
 */
#ifndef SECEX_SEHDR_H
#define SECEX_SEHDR_H

#include <stddef.h>
#include <stdint.h>

#include "formats.h"

struct sehdr_info {
	uint8_t *raw;		/* the whole header, malloc'ed */
	size_t len;		/* == phs */
	uint64_t nks;
	uint64_t pcf;
	uint8_t pld[SEHDR_DIGEST_LEN];
	uint8_t ald[SEHDR_DIGEST_LEN];
	uint8_t tld[SEHDR_DIGEST_LEN];
	uint8_t tag[GCM_TAG_LEN];
};

/*
 * Parse an SE header from @path.  The file may be the header alone or a
 * whole SE image: in that case the header is searched from 0x14000 for 4
 * pages, as pvextract-hdr does.
 */
int sehdr_read(const char *path, struct sehdr_info *hdr);
/* 1 if one of the header's key slots is for host key hash @phkh. */
int sehdr_has_phkh(const struct sehdr_info *hdr, const uint8_t *phkh);
void sehdr_free(struct sehdr_info *hdr);

#endif /* SECEX_SEHDR_H */
