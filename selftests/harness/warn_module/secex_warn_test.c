// SPDX-License-Identifier: GPL-2.0
/*
 * Test module of the VM harness itself: it loads fine but hits WARN_ON(),
 * and a run that loads it must fail on the kernel-log check.
 */
#include <linux/bug.h>
#include <linux/module.h>

static int __init secex_warn_test_init(void)
{
	WARN_ON(1);
	return 0;
}

static void __exit secex_warn_test_exit(void)
{
}

module_init(secex_warn_test_init);
module_exit(secex_warn_test_exit);

MODULE_DESCRIPTION("Hits WARN_ON() on load, to prove the harness catches it");
MODULE_LICENSE("GPL");
MODULE_INFO(test, "Y");
