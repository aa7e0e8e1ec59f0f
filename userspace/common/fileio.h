/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Whole-file read and write helpers.  All report errors on stderr.
 */
#ifndef SECEX_FILEIO_H
#define SECEX_FILEIO_H

#include <stddef.h>
#include <stdint.h>

/* Read @path ("-" is stdin) into a malloc'ed buffer of at most @max bytes. */
int read_file(const char *path, uint8_t **buf, size_t *len, size_t max);
/* Read exactly @len bytes from @path (the file must have that size). */
int read_file_exact(const char *path, uint8_t *buf, size_t len);
/* Write @len bytes to @path ("-" is stdout), created with @mode. */
int write_file(const char *path, const void *buf, size_t len, unsigned int mode);
/* Zero @len bytes at @p in a way the compiler keeps. */
void secure_zero(void *p, size_t len);

#endif /* SECEX_FILEIO_H */
