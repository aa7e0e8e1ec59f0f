/* SPDX-License-Identifier: GPL-2.0 */
/*
 * uvemu: the guest-side Ultravisor Call (UVC, opcode 0xB9A4) of IBM Secure
 * Execution for an emulator, with the semantics of the project's software
 * ultravisor (drivers/swuv, Documentation/swuv.rst).
 *
 * The core does the whole call: it reads the UV control block (UVCB) and
 * every operand through the memory callbacks, checks and executes the
 * request and writes rc/rrc back.  The caller (the emulator's glue)
 * translates guest addresses, wraps keys into its protected-key format and
 * supplies randomness.  All data structures in guest memory are big-endian;
 * this code is byte-order neutral.
 *
 * Not thread-safe: the caller serializes every function on one instance.
 */
#ifndef UVEMU_H
#define UVEMU_H

#include <stddef.h>
#include <stdint.h>

/* Results of the memory callbacks (anything else non-zero counts as ACCESS). */
#define UVEMU_MEM_ACCESS	(-1)	/* access exception: rc 0x0031 */
#define UVEMU_MEM_INVALID	(-2)	/* translates to an invalid address: rc 0x0032 */

/* wrap_key() result: the protected key does not fit (rc 0x0109). */
#define UVEMU_WRAP_NOSPC	(-3)

/* UVC commands. */
#define UVEMU_CMD_QUERY		0x0001
#define UVEMU_CMD_ATTEST	0x1020
#define UVEMU_CMD_ADD_SECRET	0x1031
#define UVEMU_CMD_LIST_SECRETS	0x1033
#define UVEMU_CMD_LOCK_SECRETS	0x1034
#define UVEMU_CMD_RETR_SECRET	0x1035

/* Ultravisor return codes (header rc); rrc is always 0. */
#define UVEMU_RC_EXECUTED	0x0001
#define UVEMU_RC_INV_CMD	0x0002
#define UVEMU_RC_INV_STATE	0x0003
#define UVEMU_RC_INV_LEN	0x0005
#define UVEMU_RC_ACCESS		0x0031
#define UVEMU_RC_INV_ADDR	0x0032
#define UVEMU_RC_MORE_DATA	0x0100
/* Retrieve Attestation Measurement */
#define UVEMU_RC_ATT_USER_DATA	0x0102
#define UVEMU_RC_ATT_VERSION	0x0106
#define UVEMU_RC_ATT_LEN	0x0107
#define UVEMU_RC_ATT_NKS	0x0108
#define UVEMU_RC_ATT_SEA	0x0109
#define UVEMU_RC_ATT_PAF	0x010a
#define UVEMU_RC_ATT_MAI	0x010b
#define UVEMU_RC_ATT_UNSEAL	0x010c
#define UVEMU_RC_ATT_MEAS_LEN	0x010d
#define UVEMU_RC_ATT_ADD_LEN	0x010e
/* Add Secret, Lock Secret Store */
#define UVEMU_RC_SECRET_LOCKED	0x0102
#define UVEMU_RC_ADD_VERSION	0x0104
#define UVEMU_RC_ADD_SIZE	0x0105
#define UVEMU_RC_ADD_NKS	0x0106
#define UVEMU_RC_ADD_FLAGS	0x0107
#define UVEMU_RC_ADD_DECRYPT	0x0108
#define UVEMU_RC_ADD_TYPE	0x0109
#define UVEMU_RC_ADD_SECRET_LEN	0x010a
#define UVEMU_RC_ADD_FULL	0x010b
#define UVEMU_RC_ADD_UNABLE	0x010c
/* Retrieve Secret */
#define UVEMU_RC_RETR_BUF_SMALL	0x0109
#define UVEMU_RC_RETR_EMPTY	0x010f
#define UVEMU_RC_RETR_INV_IDX	0x0110
#define UVEMU_RC_RETR_INV_SECRET 0x0111

struct uvemu;

struct uvemu_env {
	/*
	 * Guest memory at a logical address as the UVC's operands name it
	 * (the glue translates through the home ASCE when DAT is on).
	 * Return 0, UVEMU_MEM_ACCESS or UVEMU_MEM_INVALID.
	 */
	int (*read)(void *opaque, uint64_t addr, void *buf, size_t len);
	int (*write)(void *opaque, uint64_t addr, const void *buf, size_t len);
	/*
	 * Wrap the clear key of a UV secret of type @secret_type (0x0004 to
	 * 0x000a, 0x0011 to 0x0015) into the machine's protected-key form:
	 * wrapped key || 32-byte WKVP, @out_len (= @len + 32) bytes at most.
	 * Return the number of bytes written, UVEMU_WRAP_NOSPC, or another
	 * negative value if this machine cannot wrap the type (rc 0x0111).
	 * NULL: no key secret is retrievable (rc 0x0111).
	 */
	int (*wrap_key)(void *opaque, uint16_t secret_type, const uint8_t *clear,
			size_t len, uint8_t *out, size_t out_len);
	/* Random bytes (the default config UID); 0 on success. */
	int (*random)(void *opaque, void *buf, size_t len);
	void *opaque;
};

/*
 * A new, unprovisioned ultravisor; NULL if out of memory or without
 * read/write.  @env is referenced, not copied: it must outlive the
 * instance, and the core reads it at every use, so the glue may point
 * opaque at the calling CPU before each uvemu_call().
 */
struct uvemu *uvemu_new(const struct uvemu_env *env);
/* Wipe every key and secret and free @uv (NULL is fine). */
void uvemu_free(struct uvemu *uv);

/*
 * Provisioning, before uvemu_commit() only (-EPERM after it), as
 * /sys/kernel/secex_swuv/ does it.  All return 0 or a negative errno.
 *
 * uvemu_add_host_key(): one P-521 host key, the 66-byte big-endian scalar
 * d with 1 <= d < n (-EINVAL); at most 8 (-ENOSPC); the same key twice:
 * -EEXIST.
 */
int uvemu_add_host_key(struct uvemu *uv, const uint8_t *raw66, size_t len);
/* The configuration unique ID; random (env->random) at commit if never set. */
int uvemu_set_config_uid(struct uvemu *uv, const uint8_t cuid[16]);
/* Secrets the store holds, 1..65535 (-EINVAL), default 64. */
int uvemu_set_store_size(struct uvemu *uv, unsigned int n);
/*
 * Validate the complete SE header (phs bytes, at most 8 KiB) as the
 * ultravisor does when it unpacks the image, keep what requests are bound
 * to, and go live.  On failure *@why (if @why) names the reason and
 * provisioning stays open; -EINVAL for a refused header.
 */
int uvemu_commit(struct uvemu *uv, const uint8_t *se_header, size_t len,
		 const char **why);
/* Whether uvemu_commit() succeeded. */
int uvemu_committed(const struct uvemu *uv);
/* The config UID once set or drawn: 0, or -ENODATA. */
int uvemu_get_config_uid(const struct uvemu *uv, uint8_t cuid[16]);

/* A buffer the machine loaded (uvemu_verify_image()). */
struct uvemu_blob {
	const uint8_t *data;
	size_t len;
};

/* The components of a secure image, in genprotimg's order. */
#define UVEMU_IMG_NCOMP		3	/* kernel, command line, initrd */

/*
 * The unpack check of a machine that boots the plaintext components of
 * the committed header's image: @comp are the kernel, the command line
 * and the initrd as the machine loads them; @table is the image's
 * component table (what the IPL parameter block's PV section lists, as
 * "secex-owner hdr make --comp-table" writes it): for each of those and
 * the stage3b arguments, the tweak prefix, guest address and size,
 * 8 bytes each, big-endian.  Return 0 (the image unpacks), -EBADMSG (it
 * does not: *@why names the digest), -EINVAL (a malformed table), -EPERM
 * (nothing committed) or -ENOMEM.
 */
int uvemu_verify_image(const struct uvemu *uv, const uint8_t *table,
		       size_t table_len,
		       const struct uvemu_blob comp[UVEMU_IMG_NCOMP],
		       const char **why);

/*
 * Re-IPL of the guest: the secret store is emptied and unlocked, the
 * secret-store hash and the CCK start again from the SE header; host keys,
 * header and config UID stay.
 */
void uvemu_reset(struct uvemu *uv);

/*
 * Execute the UVC whose UVCB is at logical address @uvcb_addr.
 * Return the condition code: 0 (rc 0x0001) or 1 (any other rc, written to
 * the UVCB); or UVEMU_MEM_ACCESS / UVEMU_MEM_INVALID if the UVCB itself
 * cannot be read or written: the glue then raises the program exception,
 * as the machine would.
 */
int uvemu_call(struct uvemu *uv, uint64_t uvcb_addr);

#endif /* UVEMU_H */
