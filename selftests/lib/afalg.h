/* SPDX-License-Identifier: GPL-2.0 */
/*
 * AF_ALG skcipher helpers shared by the kselftests: a transform socket,
 * setkey and one encrypt or decrypt request.
 */
#ifndef SECEX_SELFTEST_AFALG_H
#define SECEX_SELFTEST_AFALG_H

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/if_alg.h>
#include <linux/types.h>

#ifndef SOL_ALG
#define SOL_ALG 279
#endif

/* A transform socket for @name, or -errno. */
static inline int alg_tfm(const char *name)
{
	struct sockaddr_alg sa = { .salg_family = AF_ALG };
	int s;

	strcpy((char *)sa.salg_type, "skcipher");
	strncpy((char *)sa.salg_name, name, sizeof(sa.salg_name) - 1);
	s = socket(AF_ALG, SOCK_SEQPACKET, 0);
	if (s < 0)
		return -errno;
	if (bind(s, (struct sockaddr *)&sa, sizeof(sa))) {
		int err = -errno;

		close(s);
		return err;
	}
	return s;
}

static inline int alg_setkey(int tfm, const void *key, size_t len)
{
	return setsockopt(tfm, SOL_ALG, ALG_SET_KEY, key, len) ? -errno : 0;
}

/*
 * One request on @tfm: @op is ALG_OP_ENCRYPT or ALG_OP_DECRYPT; @iv is
 * NULL for ECB, else 16 bytes.
 */
static inline int alg_crypt(int tfm, __u32 op, const __u8 *iv,
		     const __u8 *in, __u8 *out, size_t len)
{
	char cbuf[CMSG_SPACE(sizeof(__u32)) +
		  CMSG_SPACE(sizeof(struct af_alg_iv) + 16)] = { 0 };
	struct iovec iov = { .iov_base = (void *)in, .iov_len = len };
	struct msghdr msg = {
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
		.msg_iov = &iov, .msg_iovlen = 1,
	};
	struct af_alg_iv *aiv;
	struct cmsghdr *c;
	ssize_t n;
	int opfd, ret = 0;

	opfd = accept(tfm, NULL, 0);
	if (opfd < 0)
		return -errno;
	c = CMSG_FIRSTHDR(&msg);
	c->cmsg_level = SOL_ALG;
	c->cmsg_type = ALG_SET_OP;
	c->cmsg_len = CMSG_LEN(sizeof(__u32));
	memcpy(CMSG_DATA(c), &op, sizeof(op));
	if (!iv) {
		msg.msg_controllen = CMSG_SPACE(sizeof(__u32));
		goto send;
	}
	c = CMSG_NXTHDR(&msg, c);
	c->cmsg_level = SOL_ALG;
	c->cmsg_type = ALG_SET_IV;
	c->cmsg_len = CMSG_LEN(sizeof(struct af_alg_iv) + 16);
	aiv = (struct af_alg_iv *)CMSG_DATA(c);
	aiv->ivlen = 16;
	memcpy(aiv->iv, iv, 16);
send:
	if (sendmsg(opfd, &msg, 0) != (ssize_t)len) {
		ret = -errno;
		goto out;
	}
	n = read(opfd, out, len);
	if (n != (ssize_t)len)
		ret = n < 0 ? -errno : -EIO;
out:
	close(opfd);
	return ret;
}

#endif
