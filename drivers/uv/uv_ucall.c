// SPDX-License-Identifier: GPL-2.0
/*
 * The real Ultravisor Call backend of /dev/uv (s390x only).
 *
 * Used only when the machine has the ultravisor-call facility (158) and
 * the ultravisor lists the calls in its installed-calls list (Query
 * Ultravisor Information, as the kernel stored it at boot in uv_info).
 * Under QEMU TCG there is no ultravisor: the module says so once and does
 * not load.  The control blocks of the secret calls are defined here
 * because Linux 6.1's <asm/uv.h> predates them.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bitops.h>
#include <linux/build_bug.h>
#include <linux/cpufeature.h>
#include <linux/stddef.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/version.h>
#include <asm/facility.h>
#include <asm/uv.h>
#include <secex/uv_backend.h>

#define UCALL_CMD_RETR_ATTEST	0x1020
#define UCALL_CMD_ADD_SECRET	0x1031
#define UCALL_CMD_LIST_SECRETS	0x1033
#define UCALL_CMD_LOCK_SECRETS	0x1034
#define UCALL_CMD_RETR_SECRET	0x1035

/* Bits of the installed-calls list (MSB0 within the 256-bit list). */
#define UCALL_BIT_RETR_ATTEST	28
#define UCALL_BIT_ADD_SECRET	29
#define UCALL_BIT_LIST_SECRETS	30
#define UCALL_BIT_LOCK_SECRETS	31
#define UCALL_BIT_RETR_SECRET	33

struct ucall_cb_attest {
	struct uv_cb_header header;	/* 0x0000 */
	u64 reserved08[2];		/* 0x0008 */
	u64 arcb_addr;			/* 0x0018 */
	u64 cont_token;			/* 0x0020 */
	u8  reserved28[6];		/* 0x0028 */
	u16 user_data_len;		/* 0x002e */
	u8  user_data[256];		/* 0x0030 */
	u32 reserved130[3];		/* 0x0130 */
	u32 meas_len;			/* 0x013c */
	u64 meas_addr;			/* 0x0140 */
	u8  config_uid[16];		/* 0x0148 */
	u32 reserved158;		/* 0x0158 */
	u32 add_data_len;		/* 0x015c */
	u64 add_data_addr;		/* 0x0160 */
	u64 reserved168[4];		/* 0x0168 */
} __packed __aligned(8);

struct ucall_cb_addr {
	struct uv_cb_header header;	/* 0x00 */
	u64 reserved08[2];		/* 0x08 */
	u8  reserved18[6];		/* 0x18 */
	u16 start_idx;			/* 0x1e: list only */
	u64 addr;			/* 0x20 */
	u64 reserved28[4];		/* 0x28 */
} __packed __aligned(8);

struct ucall_cb_nodata {
	struct uv_cb_header header;	/* 0x00 */
	u64 reserved08[2];		/* 0x08 */
	u64 handle;			/* 0x18 */
	u64 reserved20[4];		/* 0x20 */
} __packed __aligned(8);

struct ucall_cb_retr_secr {
	struct uv_cb_header header;	/* 0x00 */
	u64 reserved08[2];		/* 0x08 */
	u16 secret_idx;			/* 0x18 */
	u16 reserved1a;			/* 0x1a */
	u32 buf_size;			/* 0x1c */
	u64 buf_addr;			/* 0x20 */
	u64 reserved28[4];		/* 0x28 */
} __packed __aligned(8);

/*
 * The layouts the ultravisor reads (upstream asm/uv.h, uvdevice.c): a
 * wrong offset would only show on real hardware, which CI does not have.
 */
static_assert(sizeof(struct uv_cb_header) == 0x08);
static_assert(offsetof(struct ucall_cb_attest, arcb_addr) == 0x18);
static_assert(offsetof(struct ucall_cb_attest, user_data_len) == 0x2e);
static_assert(offsetof(struct ucall_cb_attest, meas_len) == 0x13c);
static_assert(offsetof(struct ucall_cb_attest, config_uid) == 0x148);
static_assert(offsetof(struct ucall_cb_attest, add_data_len) == 0x15c);
static_assert(offsetof(struct ucall_cb_attest, add_data_addr) == 0x160);
static_assert(sizeof(struct ucall_cb_attest) == 0x188);
static_assert(offsetof(struct ucall_cb_addr, start_idx) == 0x1e);
static_assert(offsetof(struct ucall_cb_addr, addr) == 0x20);
static_assert(sizeof(struct ucall_cb_addr) == 0x48);
static_assert(offsetof(struct ucall_cb_nodata, handle) == 0x18);
static_assert(sizeof(struct ucall_cb_nodata) == 0x40);
static_assert(offsetof(struct ucall_cb_retr_secr, secret_idx) == 0x18);
static_assert(offsetof(struct ucall_cb_retr_secr, buf_size) == 0x1c);
static_assert(offsetof(struct ucall_cb_retr_secr, buf_addr) == 0x20);
static_assert(sizeof(struct ucall_cb_retr_secr) == 0x48);

static void ucall_status(const struct uv_cb_header *hdr,
			 struct secex_uv_status *st)
{
	st->rc = hdr->rc;
	st->rrc = hdr->rrc;
}

static void ucall_attest(struct secex_uv_attest_args *args,
			 struct secex_uv_status *st)
{
	struct ucall_cb_attest *cb;

	cb = kzalloc(sizeof(*cb), GFP_KERNEL);
	if (!cb) {
		/* No memory for the control block: the call did not run. */
		st->rc = SECEX_UVC_RC_INV_STATE;
		st->rrc = 0;
		return;
	}
	cb->header.len = sizeof(*cb);
	cb->header.cmd = UCALL_CMD_RETR_ATTEST;
	cb->arcb_addr = (u64)args->arcb;
	cb->user_data_len = args->user_data_len;
	memcpy(cb->user_data, args->user_data, sizeof(cb->user_data));
	cb->meas_len = args->meas_len;
	cb->meas_addr = (u64)args->meas;
	cb->add_data_len = args->add_data_len;
	cb->add_data_addr = (u64)args->add_data;
	uv_call_sched(0, (u64)cb);
	ucall_status(&cb->header, st);
	memcpy(args->config_uid, cb->config_uid, sizeof(args->config_uid));
	kfree(cb);
}

static void ucall_addr(u16 cmd, u64 addr, u16 start,
		       struct secex_uv_status *st)
{
	struct ucall_cb_addr cb = {
		.header.len = sizeof(cb),
		.header.cmd = cmd,
		.start_idx = start,
		.addr = addr,
	};

	uv_call_sched(0, (u64)&cb);
	ucall_status(&cb.header, st);
}

static void ucall_add_secret(const void *asrcb, u32 len,
			     struct secex_uv_status *st)
{
	ucall_addr(UCALL_CMD_ADD_SECRET, (u64)asrcb, 0, st);
}

static void ucall_list_secrets(void *page, u16 start,
			       struct secex_uv_status *st)
{
	ucall_addr(UCALL_CMD_LIST_SECRETS, (u64)page, start, st);
}

static void ucall_lock_secrets(struct secex_uv_status *st)
{
	struct ucall_cb_nodata cb = {
		.header.len = sizeof(cb),
		.header.cmd = UCALL_CMD_LOCK_SECRETS,
	};

	uv_call(0, (u64)&cb);
	ucall_status(&cb.header, st);
}

static void ucall_retr_secret(u16 idx, void *buf, u32 len,
			      struct secex_uv_status *st)
{
	struct ucall_cb_retr_secr cb = {
		.header.len = sizeof(cb),
		.header.cmd = UCALL_CMD_RETR_SECRET,
		.secret_idx = idx,
		.buf_size = len,
		.buf_addr = (u64)buf,
	};

	uv_call_sched(0, (u64)&cb);
	ucall_status(&cb.header, st);
}

static struct secex_uv_backend ucall_backend = {
	.name = "ultravisor call",
	.attest = ucall_attest,
	.add_secret = ucall_add_secret,
	.list_secrets = ucall_list_secrets,
	.lock_secrets = ucall_lock_secrets,
	.retr_secret = ucall_retr_secret,
};

/* Map the UV's installed-calls list onto ioctl numbers (LSB0). */
static u64 ucall_installed(void)
{
	static const struct {
		unsigned int ioctl_nr;
		unsigned int uv_bit;
	} map[] = {
		{ 1, UCALL_BIT_RETR_ATTEST },
		{ 2, UCALL_BIT_ADD_SECRET },
		{ 3, UCALL_BIT_LIST_SECRETS },
		{ 4, UCALL_BIT_LOCK_SECRETS },
		/* Upstream reports the attestation bit here; we report the call itself. */
		{ 5, UCALL_BIT_RETR_SECRET },
	};
	u64 installed = 0;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(map); i++)
		if (test_bit_inv(map[i].uv_bit, uv_info.inst_calls_list))
			installed |= BIT_ULL(map[i].ioctl_nr);
	return installed;
}

static int __init ucall_init(void)
{
	if (!test_facility(158)) {
		pr_info("no ultravisor (facility 158 missing): backend not available\n");
		return -ENODEV;
	}
	ucall_backend.installed = ucall_installed();
	if (!ucall_backend.installed) {
		pr_info("the ultravisor installs none of the /dev/uv calls\n");
		return -ENODEV;
	}
	return secex_uv_register_backend(&ucall_backend);
}

static void __exit ucall_exit(void)
{
	secex_uv_unregister_backend(&ucall_backend);
}

module_init(ucall_init);
module_exit(ucall_exit);

/*
 * udev loads this module on a machine with an ultravisor (facility 158),
 * as it loads the kernel's uvdevice, but only where that device lacks what
 * we serve: not built, or older than 6.13 (no Retrieve Secret).  On newer
 * kernels the kernel's device has every call and this one is loaded by
 * hand only.  The table is what module_cpu_feature_match() emits; the init
 * stays ucall_init, which says in the log why it refuses.
 */
#if !IS_ENABLED(CONFIG_S390_UV_UAPI) || LINUX_VERSION_CODE < KERNEL_VERSION(6, 13, 0)
static const struct cpu_feature ucall_cpu_features[] __maybe_unused = {
	{ .feature = cpu_feature(S390_CPU_FEATURE_UV) },
	{ }
};
MODULE_DEVICE_TABLE(cpu, ucall_cpu_features);
#endif

MODULE_DESCRIPTION("Ultravisor Call backend of /dev/uv (s390x)");
MODULE_LICENSE("GPL");
