/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Writing a sysfs attribute or module parameter from a kselftest.
 */
#ifndef SECEX_SELFTEST_SYSFS_H
#define SECEX_SELFTEST_SYSFS_H

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

/* Write the string @val to @path: 0 or -errno. */
static inline int sysfs_write(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, val, strlen(val));
	close(fd);
	return n < 0 ? -errno : 0;
}

#endif
