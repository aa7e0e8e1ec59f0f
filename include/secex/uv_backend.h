/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Backends of /dev/uv.
 *
 * secex_uv owns the character device and does everything upstream's
 * uvdevice does before and after an ultravisor call: copying, size and
 * reserved-field checks.  A backend only "executes the ultravisor call" on
 * kernel buffers and reports the ultravisor's rc/rrc; it never sees user
 * pointers.  Two backends exist: the real Ultravisor Call on s390x
 * (secex_uv_ucall) and the software ultravisor (secex_swuv).
 */
#ifndef _SECEX_UV_BACKEND_H
#define _SECEX_UV_BACKEND_H

#include <linux/types.h>
#include <linux/module.h>

/* Ultravisor return codes shared by both backends and the core. */
#define SECEX_UVC_RC_EXECUTED		0x0001
#define SECEX_UVC_RC_INV_CMD		0x0002
#define SECEX_UVC_RC_INV_STATE		0x0003
#define SECEX_UVC_RC_INV_LEN		0x0005
#define SECEX_UVC_RC_MORE_DATA		0x0100

/* Size of one list-secrets page and of one entry in it. */
#define SECEX_UV_LIST_PAGE_SIZE		0x1000
#define SECEX_UV_LIST_HDR_SIZE		16
#define SECEX_UV_LIST_ENTRY_SIZE	48
#define SECEX_UV_LIST_MAX_ENTRIES	85

/**
 * struct secex_uv_status - outcome of one ultravisor call
 * @rc: ultravisor return code
 * @rrc: ultravisor return reason code
 */
struct secex_uv_status {
	u16 rc;
	u16 rrc;
};

/**
 * struct secex_uv_attest_args - operands of Retrieve Attestation Measurement
 * @arcb: the attestation request control block
 * @arcb_len: its length
 * @meas: buffer for the measurement
 * @meas_len: its length
 * @add_data: buffer for additional data, or NULL
 * @add_data_len: its length (0 if @add_data is NULL)
 * @user_data: plaintext user data bound into the measurement
 * @user_data_len: number of valid bytes in @user_data as the caller claims
 * @config_uid: out: the configuration unique ID
 */
struct secex_uv_attest_args {
	const void *arcb;
	u32 arcb_len;
	void *meas;
	u32 meas_len;
	void *add_data;
	u32 add_data_len;
	const u8 *user_data;
	u16 user_data_len;
	u8 config_uid[16];
};

/**
 * struct secex_uv_backend - one way of executing ultravisor calls
 * @name: shown in dmesg and in the module's sysfs "backend" parameter
 * @installed: bit n (LSB0) set: the call behind ioctl nr n is installed
 * @attest: Retrieve Attestation Measurement (UVC 0x1020)
 * @add_secret: Add Secret (UVC 0x1031)
 * @list_secrets: List Secrets (UVC 0x1033) into one zeroed page, starting
 *	at index @start
 * @lock_secrets: Lock Secret Store (UVC 0x1034)
 * @retr_secret: Retrieve Secret (UVC 0x1035) of index @idx into @buf
 *
 * Every call may sleep and must be safe against concurrent callers.
 */
struct secex_uv_backend {
	const char *name;
	u64 installed;
	void (*attest)(struct secex_uv_attest_args *args,
		       struct secex_uv_status *st);
	void (*add_secret)(const void *asrcb, u32 len,
			   struct secex_uv_status *st);
	void (*list_secrets)(void *page, u16 start,
			     struct secex_uv_status *st);
	void (*lock_secrets)(struct secex_uv_status *st);
	void (*retr_secret)(u16 idx, void *buf, u32 len,
			    struct secex_uv_status *st);
};

int secex_uv_register_backend(const struct secex_uv_backend *be);
void secex_uv_unregister_backend(const struct secex_uv_backend *be);

#endif /* _SECEX_UV_BACKEND_H */
