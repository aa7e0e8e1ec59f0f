// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/pkey: protected-key device with the ABI of upstream's s390 pkey.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>

static long pkey_unlocked_ioctl(struct file *filp, unsigned int cmd,
				unsigned long arg)
{
	return -ENOTTY;
}

static const struct file_operations pkey_fops = {
	.owner = THIS_MODULE,
	.open = nonseekable_open,
	.unlocked_ioctl = pkey_unlocked_ioctl,
};

static struct miscdevice pkey_dev = {
	.name = "pkey",
	.minor = MISC_DYNAMIC_MINOR,
	.mode = 0666,
	.fops = &pkey_fops,
};

static int __init pkey_init(void)
{
	return misc_register(&pkey_dev);
}

static void __exit pkey_exit(void)
{
	misc_deregister(&pkey_dev);
}

module_init(pkey_init);
module_exit(pkey_exit);

MODULE_DESCRIPTION("Protected-key device (/dev/pkey) for Secure Execution guests");
MODULE_LICENSE("GPL");
