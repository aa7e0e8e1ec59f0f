// SPDX-License-Identifier: GPL-2.0
/*
 * Verification patterns through AF_ALG and xts(paes).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>
#include <linux/if_alg.h>

#include "vp.h"

#ifndef SOL_ALG
#define SOL_ALG 279
#endif

#define XTS_IV_LEN 16

/* One encryption of VP_LEN zero bytes on the operation socket @op. */
static int vp_encrypt(int op, uint8_t out[VP_LEN])
{
	static const uint8_t zero[VP_LEN];
	union {
		char buf[CMSG_SPACE(sizeof(uint32_t)) +
			 CMSG_SPACE(sizeof(struct af_alg_iv) + XTS_IV_LEN)];
		struct cmsghdr align;
	} c;
	struct iovec iov = { (void *)zero, sizeof(zero) };
	struct msghdr msg = { 0 };
	struct af_alg_iv *iv;
	struct cmsghdr *cm;
	uint32_t op_enc = ALG_OP_ENCRYPT;
	ssize_t n;

	memset(&c, 0, sizeof(c));
	msg.msg_control = c.buf;
	msg.msg_controllen = sizeof(c.buf);
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	cm = CMSG_FIRSTHDR(&msg);
	cm->cmsg_level = SOL_ALG;
	cm->cmsg_type = ALG_SET_OP;
	cm->cmsg_len = CMSG_LEN(sizeof(op_enc));
	memcpy(CMSG_DATA(cm), &op_enc, sizeof(op_enc));
	cm = CMSG_NXTHDR(&msg, cm);
	cm->cmsg_level = SOL_ALG;
	cm->cmsg_type = ALG_SET_IV;
	cm->cmsg_len = CMSG_LEN(sizeof(*iv) + XTS_IV_LEN);
	iv = (struct af_alg_iv *)(void *)CMSG_DATA(cm);
	iv->ivlen = XTS_IV_LEN;		/* the tweak: zero, as zkey's */
	if (sendmsg(op, &msg, 0) != (ssize_t)sizeof(zero))
		return -errno;
	n = read(op, out, VP_LEN);
	if (n < 0)
		return -errno;
	return n == VP_LEN ? 0 : -EIO;
}

int vp_compute(const uint8_t *tok, size_t len, char hex[VP_HEX_LEN + 1],
	       enum vp_stage *stage)
{
	struct sockaddr_alg sa = { .salg_family = AF_ALG };
	uint8_t out[VP_LEN];
	int tfm, op = -1, ret;

	strcpy((char *)sa.salg_type, "skcipher");
	strcpy((char *)sa.salg_name, "xts(paes)");
	*stage = VP_SOCKET;
	tfm = socket(AF_ALG, SOCK_SEQPACKET, 0);
	if (tfm < 0)
		return -errno;
	*stage = VP_BIND;
	ret = bind(tfm, (struct sockaddr *)&sa, sizeof(sa)) ? -errno : 0;
	/* setkey is where paes resolves the token through pkey. */
	if (!ret) {
		*stage = VP_SETKEY;
		if (setsockopt(tfm, SOL_ALG, ALG_SET_KEY, tok, (socklen_t)len))
			ret = -errno;
	}
	if (!ret) {
		*stage = VP_CRYPT;
		op = accept(tfm, NULL, NULL);
		ret = op < 0 ? -errno : vp_encrypt(op, out);
	}
	if (!ret)
		for (int i = 0; i < VP_LEN; i++)
			snprintf(hex + 2 * i, 3, "%02x", out[i]);
	if (op >= 0)
		close(op);
	close(tfm);
	return ret;
}
