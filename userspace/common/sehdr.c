// SPDX-License-Identifier: GPL-2.0
/*
 * Reading an SE header.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "be.h"
#include "cli.h"
#include "fileio.h"
#include "sehdr.h"

#define IMAGE_HDR_SEARCH_START	0x14000
#define IMAGE_HDR_SEARCH_LEN	0x4000
#define IMAGE_MAX		(512UL << 20)

static int sehdr_parse(const uint8_t *p, size_t avail, struct sehdr_info *h)
{
	uint32_t phs;

	if (avail < SEHDR_HEAD_LEN || get_be64(p) != SEHDR_MAGIC)
		return -1;
	if (get_be32(p + 8) != SEHDR_VERSION_1) {
		cli_err("unsupported SE header version 0x%x",
			get_be32(p + 8));
		return -1;
	}
	phs = get_be32(p + SEHDR_OFF_PHS);
	h->nks = get_be64(p + SEHDR_OFF_NKS);
	h->pcf = get_be64(p + SEHDR_OFF_PCF);
	if (phs > avail || phs > SEHDR_MAX_LEN || !h->nks || h->nks > 0xff ||
	    phs < SEHDR_HEAD_LEN + h->nks * KEYSLOT_LEN + SEHDR_ENC_LEN +
		  GCM_TAG_LEN) {
		cli_err("SE header has an invalid size");
		return -1;
	}
	h->raw = malloc(phs);
	if (!h->raw)
		return -1;
	memcpy(h->raw, p, phs);
	h->len = phs;
	memcpy(h->pld, p + SEHDR_OFF_PLD, SEHDR_DIGEST_LEN);
	memcpy(h->ald, p + SEHDR_OFF_ALD, SEHDR_DIGEST_LEN);
	memcpy(h->tld, p + SEHDR_OFF_TLD, SEHDR_DIGEST_LEN);
	memcpy(h->tag, p + phs - GCM_TAG_LEN, GCM_TAG_LEN);
	return 0;
}

int sehdr_read(const char *path, struct sehdr_info *hdr)
{
	uint8_t *buf;
	size_t len;
	int rc = -1;

	memset(hdr, 0, sizeof(*hdr));
	if (read_file(path, &buf, &len, IMAGE_MAX))
		return -1;
	if (len >= 8 && get_be64(buf) == SEHDR_MAGIC) {
		rc = sehdr_parse(buf, len, hdr);
	} else {
		size_t off;

		for (off = IMAGE_HDR_SEARCH_START;
		     off < IMAGE_HDR_SEARCH_START + IMAGE_HDR_SEARCH_LEN &&
		     off + 8 <= len; off += 8) {
			if (get_be64(buf + off) == SEHDR_MAGIC) {
				rc = sehdr_parse(buf + off, len - off, hdr);
				break;
			}
		}
	}
	if (rc)
		cli_err("%s: no valid SE header found", path);
	free(buf);
	return rc;
}

int sehdr_has_phkh(const struct sehdr_info *hdr, const uint8_t *phkh)
{
	uint64_t i;

	for (i = 0; i < hdr->nks; i++)
		if (!memcmp(hdr->raw + SEHDR_HEAD_LEN + i * KEYSLOT_LEN, phkh,
			    PHKH_LEN))
			return 1;
	return 0;
}

void sehdr_free(struct sehdr_info *hdr)
{
	free(hdr->raw);
	hdr->raw = NULL;
}
