// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/uv: the Secure Execution ultravisor device, with the ABI of
 * upstream's uvdevice (Linux 6.13+).
 *
 * Like upstream, the driver only does the checks that protect the kernel
 * (sizes, reserved fields, user copies).  Whatever the ultravisor checks is
 * left to the ultravisor, whose rc/rrc go back in struct uvio_ioctl_cb with
 * a zero return value.  Which ultravisor executes the calls is up to the
 * registered backend (see uv_backend.c).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#ifdef CONFIG_S390
#include <asm/facility.h>
#endif
#include <uapi/secex/uvdevice.h>
#include "uv.h"

/*
 * Buffers whose size userspace chooses (up to 1 MiB): failing them is an
 * ENOMEM for the caller, not something to warn about in the kernel log.
 */
#define GFP_USER_BUF	(GFP_KERNEL | __GFP_NOWARN)

static void uv_status_to_cb(struct uvio_ioctl_cb *cb,
			    const struct secex_uv_status *st)
{
	cb->uv_rc = st->rc;
	cb->uv_rrc = st->rrc;
}

static int uvio_uvdev_info(struct uvio_ioctl_cb *cb)
{
	struct uvio_uvdev_info info = {
		.supp_uvio_cmds = GENMASK_ULL(UVIO_IOCTL_NUM_IOCTLS - 1, 0),
		/* INFO itself is no ultravisor call: bit 0 stays clear. */
		.supp_uv_cmds = uv_backend_installed() &
				~UVIO_SUPP_UDEV_INFO,
	};
	void __user *user_info = u64_to_user_ptr(cb->argument_addr);

	if (cb->argument_len < sizeof(info))
		return -EINVAL;
	if (copy_to_user(user_info, &info, sizeof(info)))
		return -EFAULT;
	cb->uv_rc = SECEX_UVC_RC_EXECUTED;
	return 0;
}

static int uvio_att_check(const struct uvio_attest *att)
{
	if (!att->arcb_len || att->arcb_len > UVIO_ATT_ARCB_MAX_LEN)
		return -EINVAL;
	if (!att->meas_len || att->meas_len > UVIO_ATT_MEASUREMENT_MAX_LEN)
		return -EINVAL;
	if (att->add_data_len > UVIO_ATT_ADDITIONAL_MAX_LEN)
		return -EINVAL;
	if (att->reserved136)
		return -EINVAL;
	return 0;
}

static int uvio_att_copy_out(struct uvio_attest __user *user_att,
			     const struct uvio_attest *att,
			     const struct secex_uv_attest_args *args)
{
	if (copy_to_user(u64_to_user_ptr(att->meas_addr), args->meas,
			 att->meas_len))
		return -EFAULT;
	if (args->add_data &&
	    copy_to_user(u64_to_user_ptr(att->add_data_addr), args->add_data,
			 att->add_data_len))
		return -EFAULT;
	if (put_user(att->add_data_len, &user_att->add_data_len))
		return -EFAULT;
	if (copy_to_user(&user_att->config_uid, args->config_uid,
			 sizeof(user_att->config_uid)))
		return -EFAULT;
	return 0;
}

static int uvio_attestation(struct uvio_ioctl_cb *cb)
{
	struct uvio_attest __user *user_att = u64_to_user_ptr(cb->argument_addr);
	const struct secex_uv_backend *be;
	struct secex_uv_attest_args args = {};
	struct secex_uv_status st;
	struct uvio_attest *att;
	void *arcb = NULL;
	int ret;

	if (cb->argument_len != sizeof(*att))
		return -EINVAL;
	att = kzalloc(sizeof(*att), GFP_KERNEL);
	if (!att)
		return -ENOMEM;
	ret = -EFAULT;
	if (copy_from_user(att, user_att, sizeof(*att)))
		goto out_free;
	ret = uvio_att_check(att);
	if (ret)
		goto out_free;

	ret = -ENOMEM;
	arcb = kvzalloc(att->arcb_len, GFP_USER_BUF);
	args.meas = kvzalloc(att->meas_len, GFP_USER_BUF);
	if (att->add_data_len)
		args.add_data = kvzalloc(att->add_data_len, GFP_USER_BUF);
	if (!arcb || !args.meas || (att->add_data_len && !args.add_data))
		goto out_free;

	ret = -EFAULT;
	if (copy_from_user(arcb, u64_to_user_ptr(att->arcb_addr),
			   att->arcb_len))
		goto out_free;

	args.arcb = arcb;
	args.arcb_len = att->arcb_len;
	args.meas_len = att->meas_len;
	args.add_data_len = att->add_data_len;
	args.user_data = att->user_data;
	args.user_data_len = att->user_data_len;
	be = uv_backend_get();
	be->attest(&args, &st);
	uv_backend_put();
	uv_status_to_cb(cb, &st);

	/* Like upstream: results go back whatever the ultravisor said. */
	ret = uvio_att_copy_out(user_att, att, &args);
out_free:
	kvfree(args.add_data);
	kvfree(args.meas);
	kvfree(arcb);
	kfree(att);
	return ret;
}

static int uvio_add_secret(struct uvio_ioctl_cb *cb)
{
	const struct secex_uv_backend *be;
	struct secex_uv_status st;
	void *asrcb;
	int ret = 0;

	if (!cb->argument_len || cb->argument_len > UVIO_ADD_SECRET_MAX_LEN)
		return -EINVAL;
	asrcb = kvzalloc(cb->argument_len, GFP_USER_BUF);
	if (!asrcb)
		return -ENOMEM;
	if (copy_from_user(asrcb, u64_to_user_ptr(cb->argument_addr),
			   cb->argument_len)) {
		ret = -EFAULT;
		goto out_free;
	}
	be = uv_backend_get();
	be->add_secret(asrcb, cb->argument_len, &st);
	uv_backend_put();
	uv_status_to_cb(cb, &st);
out_free:
	/* The request carries secrets, even if only encrypted ones. */
	kvfree_sensitive(asrcb, cb->argument_len);
	return ret;
}

struct uv_list_user {
	u8 __user *buf;
};

static int uv_list_copy_to_user(void *ctx, size_t off, const void *src,
				size_t len)
{
	struct uv_list_user *user = ctx;

	/* A stalled user page must not stall backend (un)registration. */
	uv_backend_assert_not_held();
	return copy_to_user(user->buf + off, src, len) ? -EFAULT : 0;
}

static int uvio_list_secrets(struct uvio_ioctl_cb *cb)
{
	struct uv_list_user user = { u64_to_user_ptr(cb->argument_addr) };
	struct secex_uv_status st;
	void *page;
	int ret;

	if (!cb->argument_len || cb->argument_len % UVIO_LIST_SECRETS_LEN)
		return -EINVAL;
	page = (void *)get_zeroed_page(GFP_KERNEL);
	if (!page)
		return -ENOMEM;
	ret = uv_list_merge(NULL, page, cb->argument_len, uv_list_copy_to_user,
			    &user, &st);
	if (!ret)
		uv_status_to_cb(cb, &st);
	free_page((unsigned long)page);
	return ret;
}

static int uvio_lock_secrets(struct uvio_ioctl_cb *cb)
{
	const struct secex_uv_backend *be;
	struct secex_uv_status st;

	if (cb->argument_addr || cb->argument_len)
		return -EINVAL;
	be = uv_backend_get();
	be->lock_secrets(&st);
	uv_backend_put();
	uv_status_to_cb(cb, &st);
	return 0;
}

static int uvio_retr_secret(struct uvio_ioctl_cb *cb)
{
	u16 __user *user_idx = u64_to_user_ptr(cb->argument_addr);
	const struct secex_uv_backend *be;
	struct secex_uv_status st;
	u16 idx;
	void *buf;
	int ret = 0;

	if (cb->argument_len < sizeof(idx) ||
	    cb->argument_len > UVIO_RETR_SECRET_MAX_LEN)
		return -EINVAL;
	buf = kvzalloc(cb->argument_len, GFP_USER_BUF);
	if (!buf)
		return -ENOMEM;
	if (get_user(idx, user_idx)) {
		ret = -EFAULT;
		goto out_free;
	}
	be = uv_backend_get();
	be->retr_secret(idx, buf, cb->argument_len, &st);
	uv_backend_put();
	if (copy_to_user(user_idx, buf, cb->argument_len)) {
		ret = -EFAULT;
		goto out_free;
	}
	uv_status_to_cb(cb, &st);
out_free:
	kvfree_sensitive(buf, cb->argument_len);
	return ret;
}

static int uvio_copy_and_check_ioctl(struct uvio_ioctl_cb *cb,
				     void __user *argp, unsigned int cmd)
{
	if (_IOC_DIR(cmd) != (_IOC_READ | _IOC_WRITE) ||
	    _IOC_TYPE(cmd) != UVIO_TYPE_UVC ||
	    _IOC_NR(cmd) >= UVIO_IOCTL_NUM_IOCTLS ||
	    _IOC_SIZE(cmd) != sizeof(*cb))
		return -ENOIOCTLCMD;
	if (copy_from_user(cb, argp, sizeof(*cb)))
		return -EFAULT;
	if (cb->flags)
		return -EINVAL;
	if (memchr_inv(cb->reserved14, 0, sizeof(cb->reserved14)))
		return -EINVAL;
	return 0;
}

static long uvio_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	void __user *argp = (void __user *)arg;
	struct uvio_ioctl_cb cb;
	long ret;

	ret = uvio_copy_and_check_ioctl(&cb, argp, cmd);
	if (ret)
		return ret;

	switch (_IOC_NR(cmd)) {
	case UVIO_IOCTL_UVDEV_INFO_NR:
		ret = uvio_uvdev_info(&cb);
		break;
	case UVIO_IOCTL_ATT_NR:
		ret = uvio_attestation(&cb);
		break;
	case UVIO_IOCTL_ADD_SECRET_NR:
		ret = uvio_add_secret(&cb);
		break;
	case UVIO_IOCTL_LIST_SECRETS_NR:
		ret = uvio_list_secrets(&cb);
		break;
	case UVIO_IOCTL_LOCK_SECRETS_NR:
		ret = uvio_lock_secrets(&cb);
		break;
	case UVIO_IOCTL_RETR_SECRET_NR:
		ret = uvio_retr_secret(&cb);
		break;
	default:
		ret = -ENOIOCTLCMD;
	}
	if (ret)
		return ret;
	if (copy_to_user(argp, &cb, sizeof(cb)))
		return -EFAULT;
	return 0;
}

static const struct file_operations uvio_dev_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = uvio_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

static struct miscdevice uvio_dev_miscdev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = UVIO_DEVICE_NAME,
	.fops = &uvio_dev_fops,
	.mode = 0600,
};

/*
 * Where the kernel ships uvdevice (CONFIG_S390_UV_UAPI) and the machine
 * has the ultravisor, /dev/uv is the kernel's, and secex_uv never
 * registers a second /dev/uv (a duplicate name would fail with a stack
 * dump).  It registers the same ABI as /dev/secex-uv instead: the kernel's
 * device lacks what came after it (Linux 6.1: all but attestation; 6.12:
 * Retrieve Secret), and the tools use /dev/secex-uv for an ioctl that
 * /dev/uv does not know (ENOTTY).  -1 decides so; 1 and 0 force it either
 * way.
 */
static int uvio_chardev = -1;
module_param_named(chardev, uvio_chardev, int, 0444);
MODULE_PARM_DESC(chardev, "register /dev/uv: 1 yes, 0 no, -1 (default) unless the kernel's uvdevice serves this machine");

static bool uvio_kernel_uvdevice(void)
{
#ifdef CONFIG_S390
	return IS_ENABLED(CONFIG_S390_UV_UAPI) && test_facility(158);
#else
	return false;
#endif
}

static int __init uvio_dev_init(void)
{
	if (uvio_chardev < 0)
		uvio_chardev = !uvio_kernel_uvdevice();
	if (!uvio_chardev) {
		uvio_dev_miscdev.name = UVIO_SECEX_DEVICE_NAME;
		pr_info("/dev/uv is the kernel's uvdevice here: ours is /dev/%s\n",
			UVIO_SECEX_DEVICE_NAME);
	}
	return misc_register(&uvio_dev_miscdev);
}

static void __exit uvio_dev_exit(void)
{
	misc_deregister(&uvio_dev_miscdev);
}

module_init(uvio_dev_init);
module_exit(uvio_dev_exit);

MODULE_DESCRIPTION("Secure Execution ultravisor device (/dev/uv) with pluggable backends");
MODULE_LICENSE("GPL");
