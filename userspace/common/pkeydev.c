// SPDX-License-Identifier: GPL-2.0
/*
 * The /dev/pkey client of the tools.
 */
/*
 * secure_getenv(): this code also runs inside whatever process opens a
 * volume (the token plugin); a setuid or setgid one must not be pointed
 * at another device by its caller's environment.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "../../include/uapi/secex/pkey.h"
#include "cli.h"
#include "fileio.h"
#include "pkeydev.h"
#include "secret_types.h"

static const char *device(void)
{
	const char *dev = secure_getenv(PKEY_DEVICE_ENV);

	return dev && *dev ? dev : PKEY_DEVICE_DEFAULT;
}

int pkeydev_open(void)
{
	int fd = open(device(), O_RDWR);

	if (fd < 0)
		cli_err("%s: %s%s", device(), strerror(errno),
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

/*
 * The protected AES key type of a secret: PKEY_VERIFYPROTK of every
 * kernel (upstream's too) takes AES keys.
 */
static int aes_keytype(uint16_t secret_type)
{
	struct secex_secret_type_info t = secex_secret_type_info(secret_type);

	return t.kind && !strcmp(t.kind, "aes") ? (int)t.pkey_type : 0;
}

int pkeydev_verify_secret(uint16_t secret_type, const uint8_t *key,
			  size_t len)
{
	struct pkey_verifyprotk v;
	int fd, ret, keytype = aes_keytype(secret_type);

	if (!keytype || len > sizeof(v.protkey.protkey)) {
		cli_err("--verify: only AES protected keys can be checked");
		return -1;
	}
	fd = pkeydev_open();
	if (fd < 0)
		return -1;
	memset(&v, 0, sizeof(v));
	v.protkey.type = keytype;
	v.protkey.len = len;
	memcpy(v.protkey.protkey, key, len);
	ret = pkey_ioctl(fd, PKEY_VERIFYPROTK, &v);
	if (ret)
		cli_err("%s rejects the protected key: %s", device(),
			strerror(-ret));
	else
		cli_err("%s accepts the protected key", device());
	close(fd);
	secure_zero(&v, sizeof(v));
	return ret ? -1 : 0;
}
