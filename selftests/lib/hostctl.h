/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Requests from a test to the machine it runs on: the harness gives its
 * guests a virtio-serial port (named by $SECEX_HOST_CTL) whose other end
 * carries them to the QEMU monitor (scripts/qemu/hostctl.py).
 */
#ifndef SECEX_SELFTEST_HOSTCTL_H
#define SECEX_SELFTEST_HOSTCTL_H

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * Ask the host for @req over the harness's control port; 0 when it
 * answered "ok", else -errno (-ENOENT: no port).
 */
static inline int host_request(const char *req)
{
	const char *port = getenv("SECEX_HOST_CTL");
	char reply[256];
	size_t n = 0;
	int fd;

	if (!port || !*port)
		return -ENOENT;
	fd = open(port, O_RDWR);
	if (fd < 0)
		return -errno;
	if (dprintf(fd, "%s\n", req) < 0) {
		close(fd);
		return -EIO;
	}
	while (n < sizeof(reply) - 1 && read(fd, reply + n, 1) == 1 &&
	       reply[n] != '\n')
		n++;
	reply[n] = 0;
	close(fd);
	printf("# host: %s\n", reply);
	return strncmp(reply, "ok", 2) ? -EIO : 0;
}

#endif
