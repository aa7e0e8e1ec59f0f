// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/pkey: VERIFYKEY2 and KBLOB2PROTK3.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "../../include/uapi/secex/pkey.h"
#include "pkeydev.h"

int pkeydev_open(void)
{
	const char *dev = getenv(PKEY_DEVICE_ENV);
	int fd;

	if (!dev || !*dev)
		dev = PKEY_DEVICE_DEFAULT;
	fd = open(dev, O_RDWR);
	if (fd < 0)
		fprintf(stderr, "%s: %s%s\n", dev, strerror(errno),
			errno == ENOENT ? " (is secex_pkey loaded?)" : "");
	return fd;
}

/*
 * Transient states of key derivation (as opencryptoki learned with
 * crypto cards) are retried a few times before they count as failures.
 */
static int pkey_ioctl(int fd, unsigned long nr, void *arg)
{
	struct timespec ts = { 0, 100 * 1000 * 1000 };
	int i;

	for (i = 0; i < 5; i++) {
		if (!ioctl(fd, nr, arg))
			return 0;
		if (errno != EBUSY && errno != EAGAIN && errno != EINTR)
			break;
		nanosleep(&ts, NULL);
	}
	return -errno;
}

int pkeydev_verifykey2(int fd, const uint8_t *tok, size_t len,
		       uint32_t *type, uint32_t *bits, uint32_t *flags)
{
	struct pkey_verifykey2 v;
	int ret;

	memset(&v, 0, sizeof(v));
	v.key = (uint8_t *)tok;
	v.keylen = (uint32_t)len;
	v.cardnr = 0xffff;
	v.domain = 0xffff;
	ret = pkey_ioctl(fd, PKEY_VERIFYKEY2, &v);
	if (!ret) {
		*type = v.type;
		*bits = v.size;
		*flags = v.flags;
	}
	return ret;
}

int pkeydev_kblob2protk3(int fd, const uint8_t *tok, size_t len,
			 uint32_t *keytype, uint32_t *keylen)
{
	struct pkey_kblob2pkey3 k;
	int ret;

	memset(&k, 0, sizeof(k));
	k.key = (uint8_t *)tok;
	k.keylen = (uint32_t)len;
	ret = pkey_ioctl(fd, PKEY_KBLOB2PROTK3, &k);
	if (!ret) {
		*keytype = k.pkeytype;
		*keylen = k.pkeylen;
	}
	return ret;
}
