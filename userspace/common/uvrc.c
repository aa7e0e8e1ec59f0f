// SPDX-License-Identifier: GPL-2.0
/*
 * Ultravisor return codes in words, per call (s390-tools wording).
 */
#include <stddef.h>

#include "uvrc.h"

struct rc_str {
	uint16_t rc;
	const char *str;
};

static const struct rc_str generic[] = {
	{ 0x0001, "successful completion" },
	{ 0x0002, "invalid command (ultravisor call not installed)" },
	{ 0x0003, "invalid state" },
	{ 0x0005, "invalid length of the control block" },
	{ 0x0030, "home address space control bit has R-bit set to one" },
	{ 0x0031, "access exception" },
	{ 0x0032, "request contains a virtual address translating to an invalid address" },
	{ 0x0100, "successful completion, more data available" },
	{ 0, NULL }
};

static const struct rc_str attest[] = {
	{ 0x0101, "invalid attestation request length" },
	{ 0x0102, "user data length too large" },
	{ 0x0103, "access exception on the attestation request" },
	{ 0x0104, "access exception on the measurement buffer" },
	{ 0x0105, "access exception on the additional-data buffer" },
	{ 0x0106, "unsupported attestation request version" },
	{ 0x0107, "invalid attestation request length field" },
	{ 0x0108, "invalid number of host-key slots" },
	{ 0x0109, "invalid size of the encrypted area" },
	{ 0x010a, "unsupported plaintext attestation flags" },
	{ 0x010b, "unsupported measurement algorithm" },
	{ 0x010c, "unable to decrypt the attestation request (no matching host key or corrupt request)" },
	{ 0x010d, "measurement buffer too small" },
	{ 0x010e, "additional-data buffer too small" },
	{ 0, NULL }
};

static const struct rc_str add_secret[] = {
	{ 0x0101, "not allowed to modify the secret store" },
	{ 0x0102, "secret store locked" },
	{ 0x0103, "access exception on the request" },
	{ 0x0104, "unsupported request version" },
	{ 0x0105, "invalid request size" },
	{ 0x0106, "invalid number of host keys" },
	{ 0x0107, "unsupported flags" },
	{ 0x0108, "unable to decrypt the request (no matching host key, other SE image or config UID)" },
	{ 0x0109, "unsupported secret type" },
	{ 0x010a, "invalid length for the secret" },
	{ 0x010b, "secret store full" },
	{ 0x010c, "unable to add the secret" },
	{ 0x010d, "dump in progress" },
	{ 0, NULL }
};

static const struct rc_str lock_secrets[] = {
	{ 0x0102, "secret store already locked" },
	{ 0, NULL }
};

static const struct rc_str retr_secret[] = {
	{ 0x0009, "buffer too small for the secret" },
	{ 0x0109, "buffer too small for the secret" },
	{ 0x010f, "secret store empty" },
	{ 0x0110, "no secret with this index" },
	{ 0x0111, "secret is not retrievable" },
	{ 0, NULL }
};

static const char *lookup(const struct rc_str *t, uint16_t rc)
{
	for (; t->str; t++)
		if (t->rc == rc)
			return t->str;
	return NULL;
}

const char *uvrc_str(enum uvrc_cmd cmd, uint16_t rc)
{
	const struct rc_str *t = NULL;
	const char *s;

	switch (cmd) {
	case UVRC_CMD_ATTEST:
		t = attest;
		break;
	case UVRC_CMD_ADD_SECRET:
		t = add_secret;
		break;
	case UVRC_CMD_LOCK_SECRETS:
		t = lock_secrets;
		break;
	case UVRC_CMD_RETR_SECRET:
		t = retr_secret;
		break;
	case UVRC_CMD_LIST_SECRETS:
		break;
	}
	s = t ? lookup(t, rc) : NULL;
	if (!s)
		s = lookup(generic, rc);
	return s ? s : "unknown return code";
}
