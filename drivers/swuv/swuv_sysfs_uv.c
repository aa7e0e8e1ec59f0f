// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/firmware/uv emulation for kernels without it (every x86_64 kernel,
 * and s390x kernels on machines without the ultravisor facility).  Tools
 * such as zkey check prot_virt_guest and query/max_retr_secrets before they
 * touch /dev/uv.  Formats follow arch/s390/kernel/uv.c.  If the directory
 * already exists (a real ultravisor), it is left alone.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernfs.h>
#include <linux/kobject.h>
#include <linux/sysfs.h>
#include <uapi/secex/uv_secret_types.h>
#include "swuv.h"

/* MSB0 bit n of a 64-bit word. */
#define MSB0(n)			BIT_ULL(63 - (n))

/* Installed calls (inst_calls_list word 0, MSB0 bit numbers of QUI). */
#define SWUV_INST_CALLS		(MSB0(0) /* QUI */ |			\
				 MSB0(28) /* retrieve attestation */ |	\
				 MSB0(29) /* add secret */ |		\
				 MSB0(30) /* list secrets */ |		\
				 MSB0(31) /* lock secrets */ |		\
				 MSB0(33) /* retrieve secret */)
/* Version n supported: MSB0 bit n - 1 of the version mask; only v1 (0x100). */
#define SWUV_SUPP_HDR_VER	MSB0(0)
#define SWUV_SUPP_ATT_PFLAGS	SWUV_PAF_SUPPORTED
#define SWUV_SUPP_SECRET_PCF	SWUV_ASRCB_FLAG_NO_DUMP

static struct kobject *uv_kobj, *uv_query_kobj;

static ssize_t prot_virt_guest_show(struct kobject *kobj,
				    struct kobj_attribute *attr, char *buf)
{
	/* Never claim to be a protected guest where a real ultravisor is. */
	return sysfs_emit(buf, "%d\n",
			  READ_ONCE(swuv.committed) && !swuv_machine_has_uv());
}

static ssize_t prot_virt_host_show(struct kobject *kobj,
				   struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "0\n");
}

static ssize_t facilities_show(struct kobject *kobj,
			       struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%llx\n%llx\n%llx\n%llx\n",
			  (unsigned long long)SWUV_INST_CALLS, 0ULL, 0ULL,
			  0ULL);
}

static ssize_t feature_indications_show(struct kobject *kobj,
					struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%llx\n", 0ULL);
}

#define SWUV_QUERY_HEX(_name, _val)					\
static ssize_t _name##_show(struct kobject *kobj,			\
			    struct kobj_attribute *attr, char *buf)	\
{									\
	return sysfs_emit(buf, "%llx\n", (unsigned long long)(_val));	\
}									\
static struct kobj_attribute _name##_attr = __ATTR_RO(_name)

SWUV_QUERY_HEX(supp_se_hdr_ver, SWUV_SUPP_HDR_VER);
SWUV_QUERY_HEX(supp_att_req_hdr_ver, SWUV_SUPP_HDR_VER);
SWUV_QUERY_HEX(supp_att_pflags, SWUV_SUPP_ATT_PFLAGS);
SWUV_QUERY_HEX(supp_add_secret_req_ver, SWUV_SUPP_HDR_VER);
SWUV_QUERY_HEX(supp_add_secret_pcf, SWUV_SUPP_SECRET_PCF);

/* MSB0 bit n set: secret type n is supported; every type of the table. */
static u64 swuv_supp_secret_types(void)
{
	const struct secex_secret_type_info *t;
	unsigned int i, n;
	u64 mask = 0;

	t = secex_secret_types(&n);
	for (i = 0; i < n; i++)
		mask |= MSB0(t[i].type);
	return mask;
}

SWUV_QUERY_HEX(supp_secret_types, swuv_supp_secret_types());

/* One pool serves association and retrievable secrets alike. */
static ssize_t max_secrets_show(struct kobject *kobj,
				struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", READ_ONCE(swuv.store_size));
}

static ssize_t max_assoc_secrets_show(struct kobject *kobj,
				      struct kobj_attribute *attr, char *buf)
{
	return max_secrets_show(kobj, attr, buf);
}

static ssize_t max_retr_secrets_show(struct kobject *kobj,
				     struct kobj_attribute *attr, char *buf)
{
	return max_secrets_show(kobj, attr, buf);
}

static struct kobj_attribute prot_virt_guest_attr = __ATTR_RO(prot_virt_guest);
static struct kobj_attribute prot_virt_host_attr = __ATTR_RO(prot_virt_host);
static struct kobj_attribute facilities_attr = __ATTR_RO(facilities);
static struct kobj_attribute feature_indications_attr =
	__ATTR_RO(feature_indications);
static struct kobj_attribute max_secrets_attr = __ATTR_RO(max_secrets);
static struct kobj_attribute max_assoc_secrets_attr =
	__ATTR_RO(max_assoc_secrets);
static struct kobj_attribute max_retr_secrets_attr =
	__ATTR_RO(max_retr_secrets);

static struct attribute *uv_top_attrs[] = {
	&prot_virt_guest_attr.attr,
	&prot_virt_host_attr.attr,
	NULL,
};

static const struct attribute_group uv_top_group = {
	.attrs = uv_top_attrs,
};

static struct attribute *uv_query_attrs[] = {
	&facilities_attr.attr,
	&feature_indications_attr.attr,
	&supp_se_hdr_ver_attr.attr,
	&supp_att_req_hdr_ver_attr.attr,
	&supp_att_pflags_attr.attr,
	&supp_add_secret_req_ver_attr.attr,
	&supp_add_secret_pcf_attr.attr,
	&supp_secret_types_attr.attr,
	&max_secrets_attr.attr,
	&max_assoc_secrets_attr.attr,
	&max_retr_secrets_attr.attr,
	NULL,
};

static const struct attribute_group uv_query_group = {
	.attrs = uv_query_attrs,
};

int swuv_sysfs_uv_init(void)
{
	struct kernfs_node *kn;
	int ret;

	kn = kernfs_find_and_get(firmware_kobj->sd, "uv");
	if (kn) {
		kernfs_put(kn);
		pr_info("/sys/firmware/uv exists, not emulated\n");
		return 0;
	}

	uv_kobj = kobject_create_and_add("uv", firmware_kobj);
	if (!uv_kobj)
		return -ENOMEM;
	ret = sysfs_create_group(uv_kobj, &uv_top_group);
	if (ret)
		goto err_put;
	uv_query_kobj = kobject_create_and_add("query", uv_kobj);
	if (!uv_query_kobj) {
		ret = -ENOMEM;
		goto err_top;
	}
	ret = sysfs_create_group(uv_query_kobj, &uv_query_group);
	if (ret)
		goto err_query;
	return 0;

err_query:
	kobject_put(uv_query_kobj);
	uv_query_kobj = NULL;
err_top:
	sysfs_remove_group(uv_kobj, &uv_top_group);
err_put:
	kobject_put(uv_kobj);
	uv_kobj = NULL;
	return ret;
}

void swuv_sysfs_uv_exit(void)
{
	if (!uv_kobj)
		return;
	sysfs_remove_group(uv_query_kobj, &uv_query_group);
	kobject_put(uv_query_kobj);
	sysfs_remove_group(uv_kobj, &uv_top_group);
	kobject_put(uv_kobj);
	uv_kobj = NULL;
	uv_query_kobj = NULL;
}
