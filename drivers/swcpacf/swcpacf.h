/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SWCPACF_INTERNAL_H
#define _SWCPACF_INTERNAL_H

#include <linux/types.h>

int swcpacf_wk_init(void);
void swcpacf_wk_exit(void);
u64 swcpacf_generation(void);

#endif /* _SWCPACF_INTERNAL_H */
