/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * /dev/uv user API: the Secure Execution ultravisor device.
 *
 * Structure layouts, ioctl numbers and constants are those of the upstream
 * s390 header <asm/uvdevice.h> (Linux 6.13+), so programs written against
 * that header (s390-tools' pvattest and pvsecret among them) work unchanged.
 * This copy also builds on architectures other than s390.
 */
#ifndef _UAPI_SECEX_UVDEVICE_H
#define _UAPI_SECEX_UVDEVICE_H

#include <linux/types.h>
#include <linux/ioctl.h>

/* Common control block of every ioctl. */
struct uvio_ioctl_cb {
	__u32 flags;		/* must be zero */
	__u16 uv_rc;		/* out: ultravisor return code */
	__u16 uv_rrc;		/* out: ultravisor return reason code */
	__u64 argument_addr;	/* user address of the per-ioctl argument */
	__u32 argument_len;	/* length of that argument */
	__u8  reserved14[0x40 - 0x14];	/* must be zero */
};

#define UVIO_ATT_USER_DATA_LEN		0x100
#define UVIO_ATT_UID_LEN		0x10
struct uvio_attest {
	__u64 arcb_addr;				/* 0x0000 */
	__u64 meas_addr;				/* 0x0008 */
	__u64 add_data_addr;				/* 0x0010 */
	__u8  user_data[UVIO_ATT_USER_DATA_LEN];	/* 0x0018 */
	__u8  config_uid[UVIO_ATT_UID_LEN];		/* 0x0118 */
	__u32 arcb_len;					/* 0x0128 */
	__u32 meas_len;					/* 0x012c */
	__u32 add_data_len;				/* 0x0130 */
	__u16 user_data_len;				/* 0x0134 */
	__u16 reserved136;				/* 0x0136 */
};

/**
 * struct uvio_uvdev_info - what this driver and the ultravisor can do
 * @supp_uvio_cmds: bit n (LSB0) set: the driver implements ioctl nr n
 * @supp_uv_cmds: bit n (LSB0) set: the ultravisor call behind ioctl nr n is
 *	installed. Only meaningful where the @supp_uvio_cmds bit is set.
 */
struct uvio_uvdev_info {
	__u64 supp_uvio_cmds;
	__u64 supp_uv_cmds;
};

/* Upper bounds of ioctl buffers (larger than what an ultravisor accepts). */
#define UVIO_ATT_ARCB_MAX_LEN		0x100000
#define UVIO_ATT_MEASUREMENT_MAX_LEN	0x8000
#define UVIO_ATT_ADDITIONAL_MAX_LEN	0x8000
#define UVIO_ADD_SECRET_MAX_LEN		0x100000
#define UVIO_LIST_SECRETS_LEN		0x1000
#define UVIO_RETR_SECRET_MAX_LEN	0x2000

#define UVIO_DEVICE_NAME "uv"
/*
 * Not upstream: the name of secex_uv's device (same ABI) where the
 * kernel's own uvdevice is /dev/uv but lacks later ioctls.
 */
#define UVIO_SECEX_DEVICE_NAME "secex-uv"
#define UVIO_TYPE_UVC 'u'

enum UVIO_IOCTL_NR {
	UVIO_IOCTL_UVDEV_INFO_NR = 0x00,
	UVIO_IOCTL_ATT_NR,
	UVIO_IOCTL_ADD_SECRET_NR,
	UVIO_IOCTL_LIST_SECRETS_NR,
	UVIO_IOCTL_LOCK_SECRETS_NR,
	UVIO_IOCTL_RETR_SECRET_NR,
	/* must be the last entry */
	UVIO_IOCTL_NUM_IOCTLS
};

#define UVIO_IOCTL(nr)			_IOWR(UVIO_TYPE_UVC, nr, struct uvio_ioctl_cb)
#define UVIO_IOCTL_UVDEV_INFO		UVIO_IOCTL(UVIO_IOCTL_UVDEV_INFO_NR)
#define UVIO_IOCTL_ATT			UVIO_IOCTL(UVIO_IOCTL_ATT_NR)
#define UVIO_IOCTL_ADD_SECRET		UVIO_IOCTL(UVIO_IOCTL_ADD_SECRET_NR)
#define UVIO_IOCTL_LIST_SECRETS		UVIO_IOCTL(UVIO_IOCTL_LIST_SECRETS_NR)
#define UVIO_IOCTL_LOCK_SECRETS		UVIO_IOCTL(UVIO_IOCTL_LOCK_SECRETS_NR)
#define UVIO_IOCTL_RETR_SECRET		UVIO_IOCTL(UVIO_IOCTL_RETR_SECRET_NR)

#define UVIO_SUPP_CALL(nr)		(1ULL << (nr))
/* Upstream spells this with a non-existent enum name; this copy compiles. */
#define UVIO_SUPP_UDEV_INFO		UVIO_SUPP_CALL(UVIO_IOCTL_UVDEV_INFO_NR)
#define UVIO_SUPP_ATT			UVIO_SUPP_CALL(UVIO_IOCTL_ATT_NR)
#define UVIO_SUPP_ADD_SECRET		UVIO_SUPP_CALL(UVIO_IOCTL_ADD_SECRET_NR)
#define UVIO_SUPP_LIST_SECRETS		UVIO_SUPP_CALL(UVIO_IOCTL_LIST_SECRETS_NR)
#define UVIO_SUPP_LOCK_SECRETS		UVIO_SUPP_CALL(UVIO_IOCTL_LOCK_SECRETS_NR)
#define UVIO_SUPP_RETR_SECRET		UVIO_SUPP_CALL(UVIO_IOCTL_RETR_SECRET_NR)

#endif /* _UAPI_SECEX_UVDEVICE_H */
