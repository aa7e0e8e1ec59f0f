// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/devices/virtual/misc/pkey/protkey/: every read of an attribute
 * returns a new random protected key as key token(s), as upstream does.
 * Such keys suit volumes that must not outlive the boot (swap, scratch):
 * cryptsetup --key-file <attribute> with paes.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/errno.h>
#include <linux/device.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include <secex/compat.h>
#include "pkey_base.h"

/* Token of a protected key of @keytype at @buf (@size bytes, zeroed). */
static int pkey_protkey_token(u32 keytype, u8 *buf, size_t size)
{
	struct secex_pkey_keytok *t = (struct secex_pkey_keytok *)buf;
	u32 len = size - sizeof(*t);
	int ret;

	t->hdr.type = TOKTYPE_NON_CCA;
	t->hdr.version = TOKVER_PROTECTED_KEY;
	t->keytype = keytype;
	ret = pkey_gen_protkey(keytype, t->key, &len);
	t->len = len;
	return ret;
}

/* attr->private: PKEY_KEYTYPE_* | number of tokens << 8 */
static ssize_t pkey_protkey_read(struct file *file, struct kobject *kobj,
				 SECEX_BIN_ATTR_CONST struct bin_attribute *attr,
				 char *buf, loff_t off, size_t count)
{
	unsigned long priv = (unsigned long)attr->private;
	u32 keytype = priv & 0xff, ntok = priv >> 8, i;
	size_t toksize = attr->size / ntok;
	int ret = 0;

	/* A key is handed out whole or not at all. */
	if (off || count < attr->size)
		return -EINVAL;
	memset(buf, 0, attr->size);
	for (i = 0; i < ntok && !ret; i++)
		ret = pkey_protkey_token(keytype, buf + i * toksize, toksize);
	if (ret) {
		memzero_explicit(buf, attr->size);
		return ret;
	}
	return attr->size;
}

#define PKEY_PROTKEY_ATTR(_name, _keytype, _ntok, _size)		\
	static struct bin_attribute bin_attr_##_name = {		\
		.attr = { .name = #_name, .mode = 0444 },		\
		.size = (_size),					\
		.read = pkey_protkey_read,				\
		.private = (void *)((_keytype) | ((_ntok) << 8)),	\
	}

/*
 * AES tokens are struct protaeskeytoken (80 bytes; two of them for the
 * two-key XTS attributes), the others a 16-byte header and the key.
 */
PKEY_PROTKEY_ATTR(protkey_aes_128, PKEY_KEYTYPE_AES_128, 1, 80);
PKEY_PROTKEY_ATTR(protkey_aes_192, PKEY_KEYTYPE_AES_192, 1, 80);
PKEY_PROTKEY_ATTR(protkey_aes_256, PKEY_KEYTYPE_AES_256, 1, 80);
PKEY_PROTKEY_ATTR(protkey_aes_128_xts, PKEY_KEYTYPE_AES_128, 2, 160);
PKEY_PROTKEY_ATTR(protkey_aes_256_xts, PKEY_KEYTYPE_AES_256, 2, 160);
PKEY_PROTKEY_ATTR(protkey_aes_xts_128, PKEY_KEYTYPE_AES_XTS_128, 1, 16 + 64);
PKEY_PROTKEY_ATTR(protkey_aes_xts_256, PKEY_KEYTYPE_AES_XTS_256, 1, 16 + 96);
PKEY_PROTKEY_ATTR(protkey_hmac_512, PKEY_KEYTYPE_HMAC_512, 1, 16 + 96);
PKEY_PROTKEY_ATTR(protkey_hmac_1024, PKEY_KEYTYPE_HMAC_1024, 1, 16 + 160);

static SECEX_BIN_ATTR_CONST struct bin_attribute *SECEX_BIN_ATTR_CONST
pkey_protkey_attrs[] = {
	&bin_attr_protkey_aes_128,
	&bin_attr_protkey_aes_192,
	&bin_attr_protkey_aes_256,
	&bin_attr_protkey_aes_128_xts,
	&bin_attr_protkey_aes_256_xts,
	&bin_attr_protkey_aes_xts_128,
	&bin_attr_protkey_aes_xts_256,
	&bin_attr_protkey_hmac_512,
	&bin_attr_protkey_hmac_1024,
	NULL
};

static const struct attribute_group pkey_protkey_group = {
	.name = "protkey",
	.bin_attrs = pkey_protkey_attrs,
};

const struct attribute_group *pkey_attr_groups[] = {
	&pkey_protkey_group,
	NULL
};
