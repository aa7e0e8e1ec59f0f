/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hex string parsing and printing.
 */
#ifndef SECEX_HEX_H
#define SECEX_HEX_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * Parse exactly @len bytes from @s (optional "0x" prefix, no separators).
 * Returns 0 on success, -1 if @s is not 2*@len hex digits.
 */
int hex_parse(const char *s, uint8_t *out, size_t len);
/* Print @len bytes as lowercase hex to @f. */
void hex_print(FILE *f, const uint8_t *p, size_t len);
/* Parse a u64 in C notation (decimal, 0x hex, 0 octal) with range check. */
int parse_u64(const char *s, uint64_t *v, uint64_t max);

#endif /* SECEX_HEX_H */
