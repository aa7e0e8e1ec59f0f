// SPDX-License-Identifier: GPL-2.0
/*
 * secex_swcpacf: the software CPACF core and its control files.
 *
 * /sys/kernel/secex_swcpacf/rotate (root, write "1") replaces the wrapping
 * key, which is what a live migration does to CPACF's wrapping key: every
 * protected key made so far becomes stale at once.  "generation" counts the
 * rotations so that tests can tell them apart.  debugfs has a timed
 * rotation for benchmarks (swcpacf_debugfs.c).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/kernel.h>
#include <linux/kobject.h>
#include <linux/module.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include <secex/swcpacf.h>
#include "swcpacf_internal.h"

static struct kobject *swcpacf_kobj;

static ssize_t rotate_store(struct kobject *kobj, struct kobj_attribute *attr,
			    const char *buf, size_t count)
{
	bool doit;
	int ret;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (kstrtobool(buf, &doit) || !doit)
		return -EINVAL;
	ret = secex_swcpacf_rotate();
	return ret ? ret : count;
}

static ssize_t generation_show(struct kobject *kobj,
			       struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%llu\n", secex_swcpacf_generation());
}

static struct kobj_attribute swcpacf_rotate_attr = __ATTR_WO(rotate);
static struct kobj_attribute swcpacf_generation_attr = __ATTR_RO(generation);

static struct attribute *swcpacf_attrs[] = {
	&swcpacf_rotate_attr.attr,
	&swcpacf_generation_attr.attr,
	NULL
};

static const struct attribute_group swcpacf_group = {
	.attrs = swcpacf_attrs,
};

static int __init swcpacf_init(void)
{
	int ret;

	swcpacf_pckmo_probe();
	ret = swcpacf_wk_init();
	if (ret)
		return ret;
	swcpacf_kobj = kobject_create_and_add("secex_swcpacf", kernel_kobj);
	if (!swcpacf_kobj) {
		ret = -ENOMEM;
		goto err_wk;
	}
	ret = sysfs_create_group(swcpacf_kobj, &swcpacf_group);
	if (ret)
		goto err_kobj;
	swcpacf_debugfs_init();
	return 0;

err_kobj:
	kobject_put(swcpacf_kobj);
err_wk:
	swcpacf_wk_exit();
	return ret;
}

static void __exit swcpacf_exit(void)
{
	swcpacf_debugfs_exit();
	sysfs_remove_group(swcpacf_kobj, &swcpacf_group);
	kobject_put(swcpacf_kobj);
	swcpacf_wk_exit();
}

module_init(swcpacf_init);
module_exit(swcpacf_exit);

MODULE_DESCRIPTION("Software CPACF protected-key wrapping core for Secure Execution guests");
MODULE_LICENSE("GPL");
