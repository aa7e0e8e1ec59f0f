/* SPDX-License-Identifier: GPL-2.0 */
/*
 * PEM armour with base64 (RFC 4648) for the guest tool's output.
 */
#ifndef SECEX_BASE64_H
#define SECEX_BASE64_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Write @len bytes as a PEM block with optional "@hdr\n\n" headers. */
void pem_write(FILE *f, const char *label, const char *hdr,
	       const uint8_t *data, size_t len);

#endif /* SECEX_BASE64_H */
