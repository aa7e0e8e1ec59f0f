// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/pkey: protected-key device with the ABI of upstream's s390 pkey.
 *
 * Every ioctl copies its argument in whole (-EFAULT on failure), works on
 * kernel copies only and wipes whatever held key material before
 * returning.  Secure-key (CCA/EP11) requests get upstream's answer for a
 * system without crypto cards, -ENODEV.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpufeature.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include "pkey_base.h"

/* Copy in a key blob: NULL or out-of-bounds lengths are -EINVAL. */
static u8 *pkey_copy_key(const u8 __user *ukey, u32 keylen)
{
	if (!ukey || keylen < PKEY_MINKEYBLOBSIZE ||
	    keylen > PKEY_KEYBLOBBUFSIZE)
		return ERR_PTR(-EINVAL);
	return memdup_user(ukey, keylen);
}

/*
 * APQN lists select crypto cards, which a guest does not have; they are
 * still copied so that a bad pointer fails as it does upstream.
 */
static int pkey_check_apqns(const struct pkey_apqn __user *uapqns, u32 nr)
{
	void *apqns;

	if (!uapqns || !nr)
		return 0;
	apqns = memdup_user(uapqns, (size_t)nr * sizeof(struct pkey_apqn));
	if (IS_ERR(apqns))
		return PTR_ERR(apqns);
	kfree(apqns);
	return 0;
}

static u32 pkey_aes_bits_to_keytype(u32 bits)
{
	switch (bits) {
	case PKEY_SIZE_AES_128:
		return PKEY_KEYTYPE_AES_128;
	case PKEY_SIZE_AES_192:
		return PKEY_KEYTYPE_AES_192;
	case PKEY_SIZE_AES_256:
		return PKEY_KEYTYPE_AES_256;
	default:
		return 0;
	}
}

/* Secure-key ioctls of the first generation: no card, no handler. */
static long pkey_ioctl_nocard(void __user *argp, size_t size)
{
	u8 buf[sizeof(struct pkey_clr2seck)];

	if (copy_from_user(buf, argp, size))
		return -EFAULT;
	memzero_explicit(buf, sizeof(buf));
	return -ENODEV;
}

/*
 * SEC2PROTK and SKEY2PKEY: a 64-byte key blob to a protected key.  Their
 * arguments differ only in where the two fields sit.
 */
static long pkey_ioctl_sec2protk(void __user *uarg, size_t size,
				 size_t seckey_off, size_t protkey_off)
{
	union {
		struct pkey_skey2pkey ks;
		struct pkey_sec2protk ksp;
	} arg;
	struct pkey_seckey *seckey = (void *)&arg + seckey_off;
	struct pkey_protkey *protkey = (void *)&arg + protkey_off;
	long ret;

	if (copy_from_user(&arg, uarg, size))
		return -EFAULT;
	protkey->len = sizeof(protkey->protkey);
	ret = pkey_key2protkey(seckey->seckey, sizeof(seckey->seckey),
			       protkey->protkey, &protkey->len,
			       &protkey->type, 0);
	if (!ret && copy_to_user(uarg, &arg, size))
		ret = -EFAULT;
	memzero_explicit(&arg, sizeof(arg));
	return ret;
}

#define PKEY_IOCTL_SEC2PROTK(uarg, type)				\
	pkey_ioctl_sec2protk(uarg, sizeof(type), offsetof(type, seckey), \
			     offsetof(type, protkey))

static long pkey_ioctl_verifykey(struct pkey_verifykey __user *uarg)
{
	struct pkey_verifykey kvk;
	u32 type, bits, flags;
	long ret;

	if (copy_from_user(&kvk, uarg, sizeof(kvk)))
		return -EFAULT;
	ret = pkey_verify_key(kvk.seckey.seckey, sizeof(kvk.seckey.seckey),
			      &type, &bits, &flags);
	/* Only CCA AES DATA keys qualify, and only a card makes those. */
	if (!ret)
		ret = -EINVAL;
	memzero_explicit(&kvk, sizeof(kvk));
	return ret;
}

static long pkey_ioctl_clr2protk(struct pkey_clr2protk __user *uarg)
{
	struct pkey_clr2protk kcp;
	long ret = -EINVAL;

	if (copy_from_user(&kcp, uarg, sizeof(kcp)))
		return -EFAULT;
	if (pkey_is_aes_keytype(kcp.keytype)) {
		kcp.protkey.len = sizeof(kcp.protkey.protkey);
		ret = pkey_clr2protkey(kcp.keytype, kcp.clrkey.clrkey,
				       secex_pkey_keytype_to_size(kcp.keytype),
				       kcp.protkey.protkey, &kcp.protkey.len, 0);
		kcp.protkey.type = kcp.keytype;
	}
	memzero_explicit(&kcp.clrkey, sizeof(kcp.clrkey));
	if (!ret && copy_to_user(uarg, &kcp, sizeof(kcp)))
		ret = -EFAULT;
	memzero_explicit(&kcp, sizeof(kcp));
	return ret;
}

static long pkey_ioctl_genprotk(struct pkey_genprotk __user *uarg)
{
	struct pkey_genprotk kgp;
	long ret;

	if (copy_from_user(&kgp, uarg, sizeof(kgp)))
		return -EFAULT;
	kgp.protkey.len = sizeof(kgp.protkey.protkey);
	ret = pkey_gen_protkey(kgp.keytype, kgp.protkey.protkey,
			       &kgp.protkey.len);
	kgp.protkey.type = kgp.keytype;
	if (!ret && copy_to_user(uarg, &kgp, sizeof(kgp)))
		ret = -EFAULT;
	memzero_explicit(&kgp, sizeof(kgp));
	return ret;
}

static long pkey_ioctl_verifyprotk(struct pkey_verifyprotk __user *uarg)
{
	struct pkey_verifyprotk kvp;
	long ret;

	if (copy_from_user(&kvp, uarg, sizeof(kvp)))
		return -EFAULT;
	if (kvp.protkey.len > sizeof(kvp.protkey.protkey))
		ret = -EINVAL;
	else
		ret = pkey_verify_protkey(kvp.protkey.type,
					  kvp.protkey.protkey,
					  kvp.protkey.len, 0);
	memzero_explicit(&kvp, sizeof(kvp));
	return ret;
}

/* Key blob to a struct pkey_protkey (at most MAXPROTKEYSIZE bytes). */
static long pkey_kblob_to_protkey(const u8 __user *ukey, u32 keylen,
				  struct pkey_protkey *protkey)
{
	u8 *key = pkey_copy_key(ukey, keylen);
	long ret;

	if (IS_ERR(key))
		return PTR_ERR(key);
	protkey->len = sizeof(protkey->protkey);
	ret = pkey_key2protkey(key, keylen, protkey->protkey, &protkey->len,
			       &protkey->type, 0);
	kfree_sensitive(key);
	return ret;
}

static long pkey_ioctl_kblob2protk(struct pkey_kblob2pkey __user *uarg)
{
	struct pkey_kblob2pkey ktp;
	long ret;

	if (copy_from_user(&ktp, uarg, sizeof(ktp)))
		return -EFAULT;
	ret = pkey_kblob_to_protkey(ktp.key, ktp.keylen, &ktp.protkey);
	if (!ret && copy_to_user(uarg, &ktp, sizeof(ktp)))
		ret = -EFAULT;
	memzero_explicit(&ktp, sizeof(ktp));
	return ret;
}

static long pkey_ioctl_kblob2protk2(struct pkey_kblob2pkey2 __user *uarg)
{
	struct pkey_kblob2pkey2 ktp;
	long ret;

	if (copy_from_user(&ktp, uarg, sizeof(ktp)))
		return -EFAULT;
	ret = pkey_check_apqns(ktp.apqns, ktp.apqn_entries);
	if (!ret)
		ret = pkey_kblob_to_protkey(ktp.key, ktp.keylen, &ktp.protkey);
	if (!ret && copy_to_user(uarg, &ktp, sizeof(ktp)))
		ret = -EFAULT;
	memzero_explicit(&ktp, sizeof(ktp));
	return ret;
}

static long pkey_ioctl_kblob2protk3(struct pkey_kblob2pkey3 __user *uarg)
{
	u8 protkey[SECEX_MAXPROTKEYSIZE];
	u32 protkeylen = sizeof(protkey);
	struct pkey_kblob2pkey3 ktp;
	u8 *key;
	long ret;

	if (copy_from_user(&ktp, uarg, sizeof(ktp)))
		return -EFAULT;
	ret = pkey_check_apqns(ktp.apqns, ktp.apqn_entries);
	if (ret)
		return ret;
	key = pkey_copy_key(ktp.key, ktp.keylen);
	if (IS_ERR(key))
		return PTR_ERR(key);
	ret = pkey_key2protkey(key, ktp.keylen, protkey, &protkeylen,
			       &ktp.pkeytype, 0);
	kfree_sensitive(key);
	if (ret)
		goto out;
	/* Without a buffer, only the size and type go back. */
	if (ktp.pkey && ktp.pkeylen) {
		ret = -EINVAL;
		if (protkeylen > ktp.pkeylen)
			goto out;
		ret = -EFAULT;
		if (copy_to_user(ktp.pkey, protkey, protkeylen))
			goto out;
	}
	ktp.pkeylen = protkeylen;
	ret = copy_to_user(uarg, &ktp, sizeof(ktp)) ? -EFAULT : 0;
out:
	memzero_explicit(protkey, sizeof(protkey));
	return ret;
}

/*
 * GENSECK2 and CLR2SECK2: only PKEY_TYPE_PROTKEY has a handler in a guest
 * (as upstream's PCKMO handler, the result is a bare protected key).
 */
static long pkey_seck2_out(u8 __user *ukey, u32 *keylen, const u8 *key,
			   u32 len)
{
	if (ukey) {
		if (*keylen < len)
			return -EINVAL;
		if (copy_to_user(ukey, key, len))
			return -EFAULT;
	}
	*keylen = len;
	return 0;
}

static long pkey_ioctl_genseck2(struct pkey_genseck2 __user *uarg)
{
	u8 protkey[MAXPROTKEYSIZE];
	u32 len = sizeof(protkey);
	struct pkey_genseck2 kgs;
	u32 keytype;
	long ret;

	if (copy_from_user(&kgs, uarg, sizeof(kgs)))
		return -EFAULT;
	keytype = pkey_aes_bits_to_keytype(kgs.size);
	if (!keytype)
		return -EINVAL;
	ret = pkey_check_apqns(kgs.apqns, kgs.apqn_entries);
	if (ret)
		return ret;
	if (kgs.type != PKEY_TYPE_PROTKEY)
		return -ENODEV;
	ret = pkey_gen_protkey(keytype, protkey, &len);
	if (!ret)
		ret = pkey_seck2_out(kgs.key, &kgs.keylen, protkey, len);
	if (!ret && copy_to_user(uarg, &kgs, sizeof(kgs)))
		ret = -EFAULT;
	memzero_explicit(protkey, sizeof(protkey));
	return ret;
}

static long pkey_ioctl_clr2seck2(struct pkey_clr2seck2 __user *uarg)
{
	u8 protkey[MAXPROTKEYSIZE];
	u32 len = sizeof(protkey);
	struct pkey_clr2seck2 kcs;
	u32 keytype;
	long ret;

	if (copy_from_user(&kcs, uarg, sizeof(kcs)))
		return -EFAULT;
	keytype = pkey_aes_bits_to_keytype(kcs.size);
	ret = -EINVAL;
	if (!keytype)
		goto out;
	ret = pkey_check_apqns(kcs.apqns, kcs.apqn_entries);
	if (ret)
		goto out;
	ret = -ENODEV;
	if (kcs.type != PKEY_TYPE_PROTKEY)
		goto out;
	ret = pkey_clr2protkey(keytype, kcs.clrkey.clrkey,
			       secex_pkey_keytype_to_size(keytype), protkey,
			       &len, 0);
	memzero_explicit(&kcs.clrkey, sizeof(kcs.clrkey));
	if (!ret)
		ret = pkey_seck2_out(kcs.key, &kcs.keylen, protkey, len);
	if (!ret && copy_to_user(uarg, &kcs, sizeof(kcs)))
		ret = -EFAULT;
out:
	memzero_explicit(protkey, sizeof(protkey));
	memzero_explicit(&kcs, sizeof(kcs));
	return ret;
}

static long pkey_ioctl_verifykey2(struct pkey_verifykey2 __user *uarg)
{
	struct pkey_verifykey2 kvk;
	u32 type, size, flags;
	u8 *key;
	long ret;

	if (copy_from_user(&kvk, uarg, sizeof(kvk)))
		return -EFAULT;
	key = pkey_copy_key(kvk.key, kvk.keylen);
	if (IS_ERR(key))
		return PTR_ERR(key);
	ret = pkey_verify_key(key, kvk.keylen, &type, &size, &flags);
	kfree_sensitive(key);
	if (ret)
		return ret;
	kvk.type = type;
	kvk.size = size;
	kvk.flags = flags;
	return copy_to_user(uarg, &kvk, sizeof(kvk)) ? -EFAULT : 0;
}

/* APQNs serve secure keys only: no card, nothing to report. */
static long pkey_ioctl_apqns4key(struct pkey_apqns4key __user *uarg)
{
	struct pkey_apqns4key kak;
	u8 *key;

	if (copy_from_user(&kak, uarg, sizeof(kak)))
		return -EFAULT;
	key = pkey_copy_key(kak.key, kak.keylen);
	if (IS_ERR(key))
		return PTR_ERR(key);
	kfree_sensitive(key);
	return -ENODEV;
}

static long pkey_ioctl_apqns4keytype(struct pkey_apqns4keytype __user *uarg)
{
	struct pkey_apqns4keytype kat;

	if (copy_from_user(&kat, uarg, sizeof(kat)))
		return -EFAULT;
	return -ENODEV;
}

static long pkey_unlocked_ioctl(struct file *file, unsigned int cmd,
				unsigned long arg)
{
	void __user *argp = (void __user *)arg;

	switch (cmd) {
	case PKEY_GENSECK:
		return pkey_ioctl_nocard(argp, sizeof(struct pkey_genseck));
	case PKEY_CLR2SECK:
		return pkey_ioctl_nocard(argp, sizeof(struct pkey_clr2seck));
	case PKEY_FINDCARD:
		return pkey_ioctl_nocard(argp, sizeof(struct pkey_findcard));
	case PKEY_SEC2PROTK:
		return PKEY_IOCTL_SEC2PROTK(argp, struct pkey_sec2protk);
	case PKEY_SKEY2PKEY:
		return PKEY_IOCTL_SEC2PROTK(argp, struct pkey_skey2pkey);
	case PKEY_VERIFYKEY:
		return pkey_ioctl_verifykey(argp);
	case PKEY_CLR2PROTK:
		return pkey_ioctl_clr2protk(argp);
	case PKEY_GENPROTK:
		return pkey_ioctl_genprotk(argp);
	case PKEY_VERIFYPROTK:
		return pkey_ioctl_verifyprotk(argp);
	case PKEY_KBLOB2PROTK:
		return pkey_ioctl_kblob2protk(argp);
	case PKEY_GENSECK2:
		return pkey_ioctl_genseck2(argp);
	case PKEY_CLR2SECK2:
		return pkey_ioctl_clr2seck2(argp);
	case PKEY_VERIFYKEY2:
		return pkey_ioctl_verifykey2(argp);
	case PKEY_KBLOB2PROTK2:
		return pkey_ioctl_kblob2protk2(argp);
	case PKEY_APQNS4K:
		return pkey_ioctl_apqns4key(argp);
	case PKEY_APQNS4KT:
		return pkey_ioctl_apqns4keytype(argp);
	case PKEY_KBLOB2PROTK3:
		return pkey_ioctl_kblob2protk3(argp);
	default:
		return -ENOTTY;
	}
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
	.groups = pkey_attr_groups,
};

static int __init pkey_init(void)
{
	pkey_cpacf_init();
	return misc_register(&pkey_dev);
}

static void __exit pkey_exit(void)
{
	misc_deregister(&pkey_dev);
}

module_init(pkey_init);
module_exit(pkey_exit);

/*
 * On s390x udev loads this module on every machine with the message-
 * security assist, as it would load the kernel's pkey, unless the kernel
 * has a pkey of its own (CONFIG_PKEY): then /dev/pkey is that one's, and
 * ours is loaded by hand only.  Elsewhere (the software CPACF) never by
 * itself.  The table is what module_cpu_feature_match() emits.
 */
#if IS_ENABLED(CONFIG_S390) && !IS_ENABLED(CONFIG_PKEY)
static const struct cpu_feature pkey_cpu_features[] __maybe_unused = {
	{ .feature = cpu_feature(S390_CPU_FEATURE_MSA) },
	{ }
};
MODULE_DEVICE_TABLE(cpu, pkey_cpu_features);
#endif

MODULE_DESCRIPTION("Protected-key device (/dev/pkey) for Secure Execution guests");
MODULE_LICENSE("GPL");
