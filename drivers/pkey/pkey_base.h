/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internals of secex_pkey: key token formats (upstream's, native byte
 * order) and the functions the ioctl, sysfs and in-kernel front ends share.
 */
#ifndef _PKEY_BASE_H
#define _PKEY_BASE_H

#include <linux/types.h>
#include <secex/pkey_api.h>
#include <secex/swcpacf.h>

/* Bounds of key blobs passed in by user space (upstream's). */
#define PKEY_MINKEYBLOBSIZE		8
#define PKEY_KEYBLOBBUFSIZE		8192

/* Protected AES key token with its fixed 64-byte array (80 bytes). */
struct pkey_protaestok {
	struct secex_pkey_tokhdr hdr;
	u32 keytype;
	u32 len;
	u8 protkey[MAXPROTKEYSIZE];
} __packed;

/* Reference to a retrievable ultravisor secret (44 bytes). */
struct pkey_uvsecrettok {
	struct secex_pkey_tokhdr hdr;
	u16 secret_type;
	u16 secret_len;
	u8 secret_id[32];
} __packed;

/* pkey_keys.c */
bool pkey_is_aes_keytype(u32 keytype);
int pkey_key2protkey(const u8 *key, u32 keylen, u8 *protkey, u32 *protkeylen,
		     u32 *protkeytype, u32 xflags);
int pkey_verify_key(const u8 *key, u32 keylen, u32 *type, u32 *bitsize,
		    u32 *flags);
int pkey_verify_protkey(u32 keytype, const u8 *protkey, u32 protkeylen,
			u32 xflags);
int pkey_gen_protkey(u32 keytype, u8 *protkey, u32 *protkeylen);
int pkey_clr2protkey(u32 keytype, const u8 *clrkey, u32 clrkeylen,
		     u8 *protkey, u32 *protkeylen, u32 xflags);

/* pkey_cpacf.c: who wraps keys, PCKMO or the software core */
void pkey_cpacf_init(void);
int pkey_cpacf_wrap(u32 keytype, const u8 *clrkey, u32 clrkeylen,
		    u8 *protkey, u32 *protkeylen, u32 xflags);
int pkey_cpacf_verify(u32 keytype, const u8 *protkey, u32 protkeylen,
		      u32 xflags);

/* pkey_sysfs.c */
extern const struct attribute_group *pkey_attr_groups[];

#endif /* _PKEY_BASE_H */
