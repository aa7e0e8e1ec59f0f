// SPDX-License-Identifier: GPL-2.0
/*
 * secex-uv secret retrieve --verify: hand a retrieved protected AES key to
 * /dev/pkey (PKEY_VERIFYPROTK), which accepts only keys wrapped by this
 * machine's current wrapping key.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "../../include/uapi/secex/pkey.h"
#include "../common/secret_types.h"
#include "pkey_check.h"

/*
 * The protected AES key type of a secret: PKEY_VERIFYPROTK of every
 * kernel (upstream's too) takes AES keys.
 */
static int aes_keytype(uint16_t secret_type)
{
	struct secex_secret_type_info t = secex_secret_type_info(secret_type);

	return t.kind && !strcmp(t.kind, "aes") ? (int)t.pkey_type : 0;
}

int pkey_check_protkey(uint16_t secret_type, const uint8_t *key, size_t len)
{
	struct pkey_verifyprotk v;
	int fd, rc, keytype = aes_keytype(secret_type);

	if (!keytype || len > sizeof(v.protkey.protkey)) {
		fprintf(stderr, "verify: only AES protected keys can be checked\n");
		return -1;
	}
	memset(&v, 0, sizeof(v));
	v.protkey.type = keytype;
	v.protkey.len = len;
	memcpy(v.protkey.protkey, key, len);
	fd = open("/dev/pkey", O_RDWR);
	if (fd < 0) {
		fprintf(stderr, "verify: /dev/pkey: %s\n", strerror(errno));
		return -1;
	}
	rc = ioctl(fd, PKEY_VERIFYPROTK, &v);
	if (rc)
		fprintf(stderr, "verify: /dev/pkey rejects the protected key: %s\n",
			strerror(errno));
	else
		fprintf(stderr, "verify: /dev/pkey accepts the protected key\n");
	close(fd);
	memset(&v, 0, sizeof(v));
	return rc ? -1 : 0;
}
