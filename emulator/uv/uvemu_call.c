// SPDX-License-Identifier: GPL-2.0
/*
 * The Ultravisor Call itself: read the UVCB header, check command and
 * length, run the command on its operands in guest memory and write rc/rrc
 * back.  UVCB layouts are Linux's (arch/s390/include/asm/uv.h); see
 * uvc-emulation.md section 2 and emulator/README.md.
 */
#include <stdlib.h>
#include <string.h>
#include "uvemu_int.h"

/* UVCB header: be16 len, be16 cmd, be16 rc, be16 rrc. */
#define UVCB_HDR_SIZE		8
#define UVCB_RC			4

/* Query Ultravisor Information */
#define QUI_LEN			0x120
#define QUI_MIN_LEN		0xa8	/* less: rc 0x0005; up to 0x120: 0x0100 */
#define QUI_INST_CALLS		0x010
#define QUI_FEATURES		0x0a0
#define QUI_SE_HDR_VER		0x0b0
#define QUI_ATT_REQ_VER		0x0e0
#define QUI_ATT_PFLAGS		0x0e8
#define QUI_ADD_SECRET_VER	0x0f8
#define QUI_ADD_SECRET_PCF	0x100
#define QUI_SECRET_TYPES	0x108
#define QUI_MAX_ASSOC		0x110
#define QUI_MAX_RETR		0x112

/* Installed calls: 0 Query, 28 attestation, 29-31 add/list/lock, 33 retrieve. */
#define INST_CALLS		(MSB0(0) | MSB0(28) | MSB0(29) | MSB0(30) | \
				 MSB0(31) | MSB0(33))
/* Version n supported: MSB0 bit n - 1; only version 1 (0x0100). */
#define SUPP_VERSION_1		MSB0(0)

/* Retrieve Attestation Measurement */
#define ATT_LEN			0x188
#define ATT_ARCB_ADDR		0x018
#define ATT_USER_DATA_LEN	0x02e
#define ATT_USER_DATA		0x030
#define ATT_MEAS_LEN		0x13c
#define ATT_MEAS_ADDR		0x140
#define ATT_CONFIG_UID		0x148
#define ATT_ADD_DATA_LEN	0x15c
#define ATT_ADD_DATA_ADDR	0x160

/* Add Secret, List Secrets, Retrieve Secret: 0x48 bytes; Lock: 0x40. */
#define GUEST_ADDR_LEN		0x48
#define GUEST_ADDR		0x020
#define LIST_START_IDX		0x01e
#define LOCK_LEN		0x40
#define RETR_IDX		0x018
#define RETR_BUF_SIZE		0x01c
#define RETR_BUF_ADDR		0x020

static uint16_t mem_rc(int r)
{
	return r == UVEMU_MEM_INVALID ? UVEMU_RC_INV_ADDR : UVEMU_RC_ACCESS;
}

/* Guest memory access: 0 or the rc of the failure. */
static uint16_t gread(struct uvemu *uv, uint64_t addr, void *buf, size_t len)
{
	int r = len ? uv->env->read(uv->env->opaque, addr, buf, len) : 0;

	return r ? mem_rc(r) : 0;
}

static uint16_t gwrite(struct uvemu *uv, uint64_t addr, const void *buf,
		       size_t len)
{
	int r = len ? uv->env->write(uv->env->opaque, addr, buf, len) : 0;

	return r ? mem_rc(r) : 0;
}

/* Zero @len bytes of guest memory at @addr. */
static uint16_t gzero(struct uvemu *uv, uint64_t addr, uint64_t len)
{
	static const uint8_t zero[4096];
	uint16_t rc = 0;

	while (!rc && len) {
		size_t n = len < sizeof(zero) ? (size_t)len : sizeof(zero);

		rc = gwrite(uv, addr, zero, n);
		addr += n;
		len -= n;
	}
	return rc;
}

/*
 * Read a request (ARCB, ASRCB) whose be32 length is at offset 0x0c.  Only
 * its first min(length, @max) bytes are read: no longer request can be
 * well formed, and the parsers refuse it from those bytes alone.  The
 * buffer is at least a request header long, zero beyond what was read.
 */
static uint16_t read_request(struct uvemu *uv, uint64_t addr, uint32_t max,
			     uint8_t **req, uint32_t *len)
{
	uint8_t hdr[UVEMU_REQ_HDR_SIZE];
	uint32_t n;
	uint16_t rc;

	*req = NULL;
	rc = gread(uv, addr, hdr, UVEMU_REQ_LEN + 4);
	if (rc)
		return rc;
	*len = get_be32(hdr + UVEMU_REQ_LEN);
	n = *len < max ? *len : max;
	*req = calloc(1, n > sizeof(hdr) ? n : sizeof(hdr));
	if (!*req)	/* 0x010c: "unable to add" and attestation's internal error */
		return UVEMU_RC_ADD_UNABLE;
	rc = gread(uv, addr, *req, n);
	if (rc) {
		free(*req);
		*req = NULL;
	}
	return rc;
}

static uint16_t uvc_query(struct uvemu *uv, uint64_t addr, uint16_t len)
{
	uint8_t q[QUI_LEN] = { 0 };
	size_t n = len < QUI_LEN ? len : QUI_LEN;
	uint16_t rc;

	put_be64(q + QUI_INST_CALLS, INST_CALLS);
	put_be64(q + QUI_FEATURES, 0);
	put_be64(q + QUI_SE_HDR_VER, SUPP_VERSION_1);
	put_be64(q + QUI_ATT_REQ_VER, SUPP_VERSION_1);
	put_be64(q + QUI_ATT_PFLAGS, UVEMU_PAF_SUPPORTED);
	put_be64(q + QUI_ADD_SECRET_VER, SUPP_VERSION_1);
	put_be64(q + QUI_ADD_SECRET_PCF, UVEMU_ASRCB_FLAG_NO_DUMP);
	put_be64(q + QUI_SECRET_TYPES, uvemu_supp_secret_types());
	/* One pool serves association and retrievable secrets alike. */
	put_be16(q + QUI_MAX_ASSOC, (uint16_t)uv->store_size);
	put_be16(q + QUI_MAX_RETR, (uint16_t)uv->store_size);

	/* Everything after the header that fits; the rest is "more data". */
	rc = gwrite(uv, addr + UVCB_HDR_SIZE, q + UVCB_HDR_SIZE,
		    n - UVCB_HDR_SIZE);
	if (rc)
		return rc;
	return len < QUI_LEN ? UVEMU_RC_MORE_DATA : UVEMU_RC_EXECUTED;
}

static uint16_t uvc_attest(struct uvemu *uv, uint64_t addr, uint16_t len)
{
	struct uvemu_attest_args *args;
	uint8_t cb[ATT_LEN];
	uint8_t *arcb = NULL;
	uint16_t rc;

	(void)len;
	rc = gread(uv, addr, cb, sizeof(cb));
	if (rc)
		return rc;
	/* Checked before the ARCB is touched, as swuv does. */
	if (get_be16(cb + ATT_USER_DATA_LEN) > UVEMU_USER_DATA_MAX)
		return UVEMU_RC_ATT_USER_DATA;
	args = calloc(1, sizeof(*args));
	if (!args)
		return UVEMU_RC_ATT_UNSEAL;
	rc = read_request(uv, get_be64(cb + ATT_ARCB_ADDR), UVEMU_ARCB_MAX,
			  &arcb, &args->arcb_len);
	if (rc)
		goto out;
	args->arcb = arcb;
	args->user_data = cb + ATT_USER_DATA;
	args->user_data_len = get_be16(cb + ATT_USER_DATA_LEN);
	args->meas_len = get_be32(cb + ATT_MEAS_LEN);
	args->add_data_len = get_be32(cb + ATT_ADD_DATA_LEN);
	rc = uvemu_attest(uv, args);
	if (rc != UVEMU_RC_EXECUTED)
		goto out;
	/*
	 * Only the measurement and the additional data the flags ask for
	 * are written; add_data_len and meas_len stay as the caller set them.
	 */
	rc = gwrite(uv, get_be64(cb + ATT_MEAS_ADDR), args->meas,
		    sizeof(args->meas));
	if (!rc)
		rc = gwrite(uv, get_be64(cb + ATT_ADD_DATA_ADDR),
			    args->add_data, args->add_len);
	if (!rc)
		rc = gwrite(uv, addr + ATT_CONFIG_UID, uv->cuid,
			    sizeof(uv->cuid));
	if (!rc)
		rc = UVEMU_RC_EXECUTED;
out:
	free(arcb);
	uvemu_wipe(args, sizeof(*args));
	free(args);
	return rc;
}

static uint16_t uvc_add_secret(struct uvemu *uv, uint64_t addr, uint16_t len)
{
	uint8_t cb[GUEST_ADDR_LEN];
	uint8_t *req;
	uint32_t rql;
	uint16_t rc;

	(void)len;
	/* A locked store refuses before the request is touched (swuv). */
	if (uv->locked)
		return UVEMU_RC_SECRET_LOCKED;
	rc = gread(uv, addr, cb, sizeof(cb));
	if (!rc)
		rc = read_request(uv, get_be64(cb + GUEST_ADDR),
				  UVEMU_ASRCB_MAX, &req, &rql);
	if (rc)
		return rc;
	rc = uvemu_add_secret(uv, req, rql);
	free(req);
	return rc;
}

static uint16_t uvc_list_secrets(struct uvemu *uv, uint64_t addr,
				 uint16_t len)
{
	uint8_t cb[GUEST_ADDR_LEN];
	uint8_t page[UVEMU_LIST_PAGE_SIZE];
	uint16_t rc, wrc;

	(void)len;
	rc = gread(uv, addr, cb, sizeof(cb));
	if (rc)
		return rc;
	rc = uvemu_list_secrets(uv, get_be16(cb + LIST_START_IDX), page);
	if (rc == UVEMU_RC_EXECUTED || rc == UVEMU_RC_MORE_DATA) {
		wrc = gwrite(uv, get_be64(cb + GUEST_ADDR), page, sizeof(page));
		if (wrc)
			rc = wrc;
	}
	return rc;
}

static uint16_t uvc_lock_secrets(struct uvemu *uv, uint64_t addr,
				 uint16_t len)
{
	(void)addr;
	(void)len;
	return uvemu_lock_secrets(uv);
}

static uint16_t uvc_retr_secret(struct uvemu *uv, uint64_t addr, uint16_t len)
{
	uint8_t cb[GUEST_ADDR_LEN];
	uint32_t buf_size, out_len = 0;
	uint64_t buf;
	uint8_t *out;
	uint16_t rc;

	(void)len;
	rc = gread(uv, addr, cb, sizeof(cb));
	if (rc)
		return rc;
	buf_size = get_be32(cb + RETR_BUF_SIZE);
	buf = get_be64(cb + RETR_BUF_ADDR);
	out = malloc(UVEMU_SECRET_MAX);
	if (!out)
		return UVEMU_RC_RETR_INV_SECRET;
	rc = uvemu_retr_secret(uv, get_be16(cb + RETR_IDX), buf_size, out,
			       &out_len);
	if (rc == UVEMU_RC_EXECUTED) {
		/* The secret, then zeros to the end of the buffer (swuv). */
		rc = gwrite(uv, buf, out, out_len);
		if (!rc)
			rc = gzero(uv, buf + out_len, buf_size - out_len);
		if (!rc)
			rc = UVEMU_RC_EXECUTED;
	}
	uvemu_wipe(out, UVEMU_SECRET_MAX);
	free(out);
	return rc;
}

struct uvc_cmd {
	uint16_t cmd;
	uint16_t min_len;
	uint16_t (*run)(struct uvemu *uv, uint64_t addr, uint16_t len);
};

static const struct uvc_cmd uvc_cmds[] = {
	{ UVEMU_CMD_QUERY, QUI_MIN_LEN, uvc_query },
	{ UVEMU_CMD_ATTEST, ATT_LEN, uvc_attest },
	{ UVEMU_CMD_ADD_SECRET, GUEST_ADDR_LEN, uvc_add_secret },
	{ UVEMU_CMD_LIST_SECRETS, GUEST_ADDR_LEN, uvc_list_secrets },
	{ UVEMU_CMD_LOCK_SECRETS, LOCK_LEN, uvc_lock_secrets },
	{ UVEMU_CMD_RETR_SECRET, GUEST_ADDR_LEN, uvc_retr_secret },
};

static const struct uvc_cmd *find_cmd(uint16_t cmd)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(uvc_cmds); i++)
		if (uvc_cmds[i].cmd == cmd)
			return &uvc_cmds[i];
	return NULL;
}

/*
 * Order of the generic checks: an unknown (or not installed) command is rc
 * 0x0002 whatever its length, as kvm-unit-tests expect of the real UV;
 * then a UVCB shorter than the command's is rc 0x0005; then, for every
 * command but Query, the unprovisioned state is rc 0x0003.
 */
int uvemu_call(struct uvemu *uv, uint64_t uvcb_addr)
{
	const struct uvc_cmd *c;
	uint8_t hdr[UVCB_HDR_SIZE];
	uint16_t len, rc;
	int r;

	r = uv->env->read(uv->env->opaque, uvcb_addr, hdr, sizeof(hdr));
	if (r)
		return r == UVEMU_MEM_INVALID ? UVEMU_MEM_INVALID :
						UVEMU_MEM_ACCESS;
	len = get_be16(hdr);
	c = find_cmd(get_be16(hdr + 2));
	if (!c)
		rc = UVEMU_RC_INV_CMD;
	else if (len < c->min_len)
		rc = UVEMU_RC_INV_LEN;
	else if (!uv->committed && c->cmd != UVEMU_CMD_QUERY)
		rc = UVEMU_RC_INV_STATE;
	else
		rc = c->run(uv, uvcb_addr, len);

	put_be16(hdr + UVCB_RC, rc);
	put_be16(hdr + UVCB_RC + 2, 0);
	r = uv->env->write(uv->env->opaque, uvcb_addr + UVCB_RC, hdr + UVCB_RC,
			  4);
	if (r)
		return r == UVEMU_MEM_INVALID ? UVEMU_MEM_INVALID :
						UVEMU_MEM_ACCESS;
	return rc == UVEMU_RC_EXECUTED ? 0 : 1;
}
