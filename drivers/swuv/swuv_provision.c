// SPDX-License-Identifier: GPL-2.0
/*
 * Provisioning of the software ultravisor: /sys/kernel/secex_swuv/.
 *
 *   host_key           (bin, 0200) one P-521 private key per write, 66 bytes
 *                      big-endian; up to SWUV_MAX_HOST_KEYS
 *   se_header          (bin, 0200) the complete SE header; writes at
 *                      offset 0 start it anew, later ones must append
 *   config_uid         (0644) 32 hex digits before commit; random if unset
 *   secret_store_size  (0644) decimal, 1..65535, default 64
 *   commit             (0200) "1": validate the SE header, then lock
 *   state              (0444) "unprovisioned" or "provisioned"
 *
 * Everything needs CAP_SYS_ADMIN.  After a successful commit every write
 * fails with -EPERM until the next boot, and nothing secret is ever
 * readable.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/kernel.h>
#include <linux/kobject.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include <secex/compat.h>
#include "swuv.h"

static struct kobject *swuv_kobj;

static ssize_t host_key_write(struct file *file, struct kobject *kobj,
			      SECEX_BIN_ATTR_CONST struct bin_attribute *attr,
			      char *buf, loff_t pos, size_t count)
{
	struct swuv_host_key *key;
	unsigned int i;
	ssize_t ret;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (pos || count != SWUV_P521_BYTES)
		return -EINVAL;
	key = kzalloc(sizeof(*key), GFP_KERNEL);
	if (!key)
		return -ENOMEM;
	memcpy(key->priv, buf, SWUV_P521_BYTES);
	memzero_explicit(buf, count);
	ret = swuv_p521_pubkey(key->priv, key->pub);
	if (!ret)
		ret = swuv_sha256(key->pub, sizeof(key->pub), key->phkh);
	if (ret)
		goto out;

	mutex_lock(&swuv.lock);
	if (swuv.committed) {
		ret = -EPERM;
	} else if (swuv.nkeys >= SWUV_MAX_HOST_KEYS) {
		ret = -ENOSPC;
	} else {
		for (i = 0; i < swuv.nkeys; i++)
			if (!memcmp(swuv.keys[i].phkh, key->phkh,
				    SWUV_PHKH_SIZE))
				ret = -EEXIST;
		if (!ret)
			swuv.keys[swuv.nkeys++] = *key;
	}
	mutex_unlock(&swuv.lock);
out:
	kfree_sensitive(key);
	return ret ? ret : count;
}

static ssize_t se_header_write(struct file *file, struct kobject *kobj,
			       SECEX_BIN_ATTR_CONST struct bin_attribute *attr,
			       char *buf, loff_t pos, size_t count)
{
	ssize_t ret = count;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (pos < 0 || pos + count > SWUV_SE_HDR_MAX)
		return -EFBIG;

	mutex_lock(&swuv.lock);
	if (swuv.committed) {
		ret = -EPERM;
		goto out;
	}
	if (!pos) {
		if (!swuv.se_hdr)
			swuv.se_hdr = kzalloc(SWUV_SE_HDR_MAX, GFP_KERNEL);
		if (!swuv.se_hdr) {
			ret = -ENOMEM;
			goto out;
		}
		memset(swuv.se_hdr, 0, SWUV_SE_HDR_MAX);
		swuv.se_hdr_len = 0;
	} else if (!swuv.se_hdr || pos != swuv.se_hdr_len) {
		ret = -EINVAL;
		goto out;
	}
	memcpy(swuv.se_hdr + pos, buf, count);
	swuv.se_hdr_len = pos + count;
out:
	mutex_unlock(&swuv.lock);
	return ret;
}

static const struct bin_attribute host_key_attr = {
	.attr = { .name = "host_key", .mode = 0200 },
	.write = host_key_write,
};

static const struct bin_attribute se_header_attr = {
	.attr = { .name = "se_header", .mode = 0200 },
	.write = se_header_write,
};

static ssize_t config_uid_show(struct kobject *kobj,
			       struct kobj_attribute *attr, char *buf)
{
	ssize_t ret = -ENODATA;

	mutex_lock(&swuv.lock);
	if (swuv.cuid_set)
		ret = sysfs_emit(buf, "%*phN\n", (int)sizeof(swuv.cuid),
				 swuv.cuid);
	mutex_unlock(&swuv.lock);
	return ret;
}

static ssize_t config_uid_store(struct kobject *kobj,
				struct kobj_attribute *attr, const char *buf,
				size_t count)
{
	u8 cuid[sizeof(swuv.cuid)];
	size_t len = count;
	ssize_t ret = count;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (len && buf[len - 1] == '\n')
		len--;
	if (len != 2 * sizeof(cuid) || hex2bin(cuid, buf, sizeof(cuid)))
		return -EINVAL;

	mutex_lock(&swuv.lock);
	if (swuv.committed) {
		ret = -EPERM;
	} else {
		memcpy(swuv.cuid, cuid, sizeof(cuid));
		swuv.cuid_set = true;
	}
	mutex_unlock(&swuv.lock);
	return ret;
}

static ssize_t secret_store_size_show(struct kobject *kobj,
				      struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", READ_ONCE(swuv.store_size));
}

static ssize_t secret_store_size_store(struct kobject *kobj,
				       struct kobj_attribute *attr,
				       const char *buf, size_t count)
{
	ssize_t ret = count;
	u32 size;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (kstrtou32(buf, 10, &size) || !size || size > SWUV_STORE_SIZE_MAX)
		return -EINVAL;

	mutex_lock(&swuv.lock);
	if (swuv.committed)
		ret = -EPERM;
	else
		WRITE_ONCE(swuv.store_size, size);
	mutex_unlock(&swuv.lock);
	return ret;
}

static ssize_t commit_store(struct kobject *kobj, struct kobj_attribute *attr,
			    const char *buf, size_t count)
{
	const char *why = NULL;
	ssize_t ret;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (!sysfs_streq(buf, "1"))
		return -EINVAL;

	mutex_lock(&swuv.lock);
	if (swuv.committed) {
		ret = -EPERM;
	} else {
		ret = swuv_commit(&why);
		if (ret)
			pr_info("commit refused: %s\n", why ? why : "error");
		else
			pr_info("provisioned with %u host key(s); provisioning locked until reboot\n",
				swuv.nkeys);
	}
	mutex_unlock(&swuv.lock);
	return ret ? ret : count;
}

static ssize_t state_show(struct kobject *kobj, struct kobj_attribute *attr,
			  char *buf)
{
	return sysfs_emit(buf, "%s\n", READ_ONCE(swuv.committed) ?
			  "provisioned" : "unprovisioned");
}

static struct kobj_attribute config_uid_attr = __ATTR_RW(config_uid);
static struct kobj_attribute secret_store_size_attr =
	__ATTR_RW(secret_store_size);
static struct kobj_attribute commit_attr = __ATTR_WO(commit);
static struct kobj_attribute state_attr = __ATTR_RO(state);

static struct attribute *swuv_attrs[] = {
	&config_uid_attr.attr,
	&secret_store_size_attr.attr,
	&commit_attr.attr,
	&state_attr.attr,
	NULL,
};

static const struct attribute_group swuv_attr_group = {
	.attrs = swuv_attrs,
};

int swuv_provision_init(void)
{
	int ret;

	swuv_kobj = kobject_create_and_add("secex_swuv", kernel_kobj);
	if (!swuv_kobj)
		return -ENOMEM;
	ret = sysfs_create_group(swuv_kobj, &swuv_attr_group);
	if (ret)
		goto err_put;
	ret = sysfs_create_bin_file(swuv_kobj, &host_key_attr);
	if (ret)
		goto err_group;
	ret = sysfs_create_bin_file(swuv_kobj, &se_header_attr);
	if (ret)
		goto err_host_key;
	return 0;

err_host_key:
	sysfs_remove_bin_file(swuv_kobj, &host_key_attr);
err_group:
	sysfs_remove_group(swuv_kobj, &swuv_attr_group);
err_put:
	kobject_put(swuv_kobj);
	return ret;
}

void swuv_provision_exit(void)
{
	sysfs_remove_bin_file(swuv_kobj, &se_header_attr);
	sysfs_remove_bin_file(swuv_kobj, &host_key_attr);
	sysfs_remove_group(swuv_kobj, &swuv_attr_group);
	kobject_put(swuv_kobj);
}
