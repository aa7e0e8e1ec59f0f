/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Interfaces between the files of secex_swcpacf.  The module's API to other
 * modules is <secex/swcpacf.h>.
 */
#ifndef _SWCPACF_INTERNAL_H
#define _SWCPACF_INTERNAL_H

#include <linux/types.h>

int swcpacf_wk_init(void);
void swcpacf_wk_exit(void);
void swcpacf_debugfs_init(void);
void swcpacf_debugfs_exit(void);
#ifdef SECEX_KUNIT
int swcpacf_cmac_kat(const u8 *key, unsigned int keylen, const u8 *msg,
		     unsigned int len, u8 tag[16]);
int swcpacf_tag_kat(u32 keytype, const u8 *clrkey, u32 len, const u8 *protkey);
#endif

#ifdef CONFIG_S390
void swcpacf_pckmo_probe(void);
#else
static inline void swcpacf_pckmo_probe(void) { }
#endif

#endif /* _SWCPACF_INTERNAL_H */
