// SPDX-License-Identifier: GPL-2.0
/*
 * Whole-file read and write helpers.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "fileio.h"

void secure_zero(void *p, size_t len)
{
	volatile uint8_t *v = p;

	while (len--)
		*v++ = 0;
}

/*
 * Files read here may be passphrases or key files: every buffer is wiped
 * before it is freed.  Growing uses malloc and a copy, not realloc, which
 * would free the old block unwiped.
 */
int read_file(const char *path, uint8_t **buf, size_t *len, size_t max)
{
	int fd = strcmp(path, "-") ? open(path, O_RDONLY) : STDIN_FILENO;
	size_t cap = 4096, n = 0;
	uint8_t *b;
	int bad = 0;

	if (fd < 0) {
		cli_err("%s: %s", path, strerror(errno));
		return -1;
	}
	b = malloc(cap);
	bad = !b;
	while (!bad) {
		ssize_t r;

		if (n == cap) {
			uint8_t *nb = malloc(cap * 2);

			if (!nb) {
				bad = 1;
				break;
			}
			memcpy(nb, b, n);
			secure_zero(b, cap);
			free(b);
			b = nb;
			cap *= 2;
		}
		r = read(fd, b + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			cli_err("%s: %s", path, strerror(errno));
			bad = 1;
			break;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > max) {
			cli_err("%s: file larger than %zu bytes",
				path, max);
			bad = 1;
		}
	}
	if (fd != STDIN_FILENO)
		close(fd);
	if (bad) {
		if (b)
			secure_zero(b, cap);
		free(b);
		return -1;
	}
	*buf = b;
	*len = n;
	return 0;
}

int read_file_exact(const char *path, uint8_t *buf, size_t len)
{
	uint8_t *b;
	size_t n;

	if (read_file(path, &b, &n, len + 1))
		return -1;
	if (n != len) {
		cli_err("%s: expected %zu bytes, found %zu",
			path, len, n);
		secure_zero(b, n);
		free(b);
		return -1;
	}
	memcpy(buf, b, len);
	secure_zero(b, n);
	free(b);
	return 0;
}

int write_file(const char *path, const void *buf, size_t len, unsigned int mode)
{
	int to_stdout = !strcmp(path, "-");
	int fd = to_stdout ? STDOUT_FILENO :
		 open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	const uint8_t *p = buf;

	if (fd < 0) {
		cli_err("%s: %s", path, strerror(errno));
		return -1;
	}
	while (len) {
		ssize_t w = write(fd, p, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			cli_err("%s: %s", path, strerror(errno));
			if (!to_stdout)
				close(fd);
			return -1;
		}
		p += w;
		len -= (size_t)w;
	}
	if (!to_stdout && close(fd)) {
		cli_err("%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}
