// SPDX-License-Identifier: GPL-2.0
/*
 * secex_swuv: a software ultravisor for Secure Execution test guests.
 *
 * It executes the guest-side ultravisor calls behind /dev/uv (attestation,
 * add/list/lock/retrieve secrets) in the kernel, with host keys and an SE
 * header that root provisions once per boot through /sys/kernel/secex_swuv.
 * It emulates firmware inside the guest it protects, so it offers no
 * isolation at all: it is a test and development tool.  See
 * Documentation/swuv.rst.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <uapi/secex/uvdevice.h>
#include "swuv.h"

struct swuv_state swuv = {
	.lock = __MUTEX_INITIALIZER(swuv.lock),
	.store_size = SWUV_STORE_SIZE_DEFAULT,
};

/**
 * swuv_commit() - validate the provisioned SE header and go live
 * @why: out: on failure, a short reason for the log
 *
 * Called with swuv.lock held and provisioning not yet committed.  On
 * success provisioning is locked for as long as the module is loaded.
 * Unloading it is the software equivalent of rebooting the machine's
 * firmware: every key, secret and lock is wiped (swuv_exit()).
 *
 * Return: 0, -EINVAL (see @why) or another negative errno.
 */
int swuv_commit(const char **why)
{
	struct swuv_secret *secrets;
	struct swuv_runhash *rh;
	struct swuv_image img;
	int ret;

	*why = NULL;
	if (!swuv.nkeys) {
		*why = "no host key provisioned";
		return -EINVAL;
	}
	if (!swuv.se_hdr) {
		*why = "no SE header provisioned";
		return -EINVAL;
	}
	ret = swuv_hdr_validate(swuv.se_hdr, swuv.se_hdr_len, swuv.keys,
				swuv.nkeys, &img, why);
	if (ret)
		goto out;

	secrets = kvcalloc(swuv.store_size, sizeof(*secrets), GFP_KERNEL);
	rh = swuv_runhash_alloc();
	if (!secrets || IS_ERR(rh)) {
		kvfree(secrets);
		if (!IS_ERR(rh))
			swuv_runhash_free(rh);
		*why = "out of memory";
		ret = -ENOMEM;
		goto out;
	}
	if (!swuv.cuid_set)
		get_random_bytes(swuv.cuid, sizeof(swuv.cuid));
	swuv.cuid_set = true;
	swuv.img = img;
	swuv.secrets = secrets;
	swuv.store_hash = rh;
	kfree_sensitive(swuv.se_hdr);
	swuv.se_hdr = NULL;
	swuv.se_hdr_len = 0;
	WRITE_ONCE(swuv.committed, true);
out:
	memzero_explicit(&img, sizeof(img));
	return ret;
}

static const struct secex_uv_backend swuv_backend = {
	.name = "swuv (software ultravisor)",
	.installed = UVIO_SUPP_ATT | UVIO_SUPP_ADD_SECRET |
		     UVIO_SUPP_LIST_SECRETS | UVIO_SUPP_LOCK_SECRETS |
		     UVIO_SUPP_RETR_SECRET,
	.attest = swuv_attest,
	.add_secret = swuv_add_secret,
	.list_secrets = swuv_list_secrets,
	.lock_secrets = swuv_lock_secrets,
	.retr_secret = swuv_retr_secret,
};

static void swuv_state_wipe(void)
{
	mutex_lock(&swuv.lock);
	swuv_store_free();
	kfree_sensitive(swuv.se_hdr);
	swuv.se_hdr = NULL;
	memzero_explicit(swuv.keys, sizeof(swuv.keys));
	memzero_explicit(&swuv.img, sizeof(swuv.img));
	swuv.nkeys = 0;
	mutex_unlock(&swuv.lock);
}

static bool force;
module_param(force, bool, 0444);
MODULE_PARM_DESC(force, "load even on a machine with the ultravisor-call facility (a real Secure Execution guest or host); taints the kernel");

static int __init swuv_init(void)
{
	int ret;

	if (swuv_machine_has_uv()) {
		if (!force) {
			pr_err("this machine has the ultravisor-call facility (a real Secure Execution guest or host): the software ultravisor does not load (force=1 overrides, for development only)\n");
			return -EPERM;
		}
		add_taint(TAINT_USER, LOCKDEP_STILL_OK);
		pr_warn("forced onto a machine with the ultravisor-call facility: /dev/uv answers from a SOFTWARE ultravisor, not the machine's; never do this in production\n");
	}
	ret = swuv_crypto_init();
	if (ret)
		return ret;
	ret = swuv_provision_init();
	if (ret)
		goto err_crypto;
	ret = swuv_sysfs_uv_init();
	if (ret)
		goto err_provision;
	ret = secex_uv_register_backend(&swuv_backend);
	if (ret)
		goto err_sysfs_uv;
	return 0;

err_sysfs_uv:
	swuv_sysfs_uv_exit();
err_provision:
	swuv_provision_exit();
err_crypto:
	swuv_crypto_exit();
	return ret;
}

static void __exit swuv_exit(void)
{
	secex_uv_unregister_backend(&swuv_backend);
	swuv_sysfs_uv_exit();
	swuv_provision_exit();
	swuv_state_wipe();
	swuv_crypto_exit();
}

module_init(swuv_init);
module_exit(swuv_exit);

MODULE_DESCRIPTION("Software ultravisor backend of /dev/uv (test and development only)");
MODULE_LICENSE("GPL");
