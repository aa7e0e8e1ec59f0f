/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SECEX_UV_PKEY_CHECK_H
#define SECEX_UV_PKEY_CHECK_H

#include <stddef.h>
#include <stdint.h>

/* 0 if /dev/pkey accepts @key (a protected key of @secret_type), else -1. */
int pkey_check_protkey(uint16_t secret_type, const uint8_t *key, size_t len);

#endif
