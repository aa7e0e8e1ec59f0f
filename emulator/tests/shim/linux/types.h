/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in for <linux/types.h>: the tests include the kernel's own
 * drivers/swuv/swuv_kunit_vectors.h (and the uapi secret-type table)
 * unchanged, and these are the only kernel types they use.
 */
#ifndef UVEMU_SHIM_LINUX_TYPES_H
#define UVEMU_SHIM_LINUX_TYPES_H

#include <stdint.h>

typedef uint8_t u8;
typedef uint8_t __u8;
typedef uint16_t __u16;
typedef uint32_t __u32;
typedef uint64_t __u64;
typedef int8_t __s8;
typedef int16_t __s16;
typedef int32_t __s32;
typedef int64_t __s64;

#endif /* UVEMU_SHIM_LINUX_TYPES_H */
