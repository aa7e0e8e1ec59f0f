/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Base64 (RFC 4648) and PEM armour helpers for the guest tool.
 */
#ifndef SECEX_BASE64_H
#define SECEX_BASE64_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * Decode the body of the first PEM block labelled @label in @text.
 * Returns a malloc'ed buffer, or NULL if there is no such valid block.
 */
uint8_t *pem_decode(const char *text, const char *label, size_t *len);
/* Write @len bytes as a PEM block with optional "@hdr\n\n" headers. */
void pem_write(FILE *f, const char *label, const char *hdr,
	       const uint8_t *data, size_t len);

#endif /* SECEX_BASE64_H */
