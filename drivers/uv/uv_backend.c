// SPDX-License-Identifier: GPL-2.0
/*
 * Backend registry of /dev/uv.
 *
 * At most one backend is active.  Ioctls hold the registry's rwsem for
 * reading while they run a call; unregistering takes it for writing, so a
 * backend module can only go away once no call is executing in it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/lockdep.h>
#include <linux/rwsem.h>
#include <secex/uv_backend.h>
#include "uv.h"

static DECLARE_RWSEM(uv_backend_sem);
static const struct secex_uv_backend *uv_backend;
/* Bumped whenever uv_backend changes: a walk over several calls sees it. */
static u64 uv_backend_gen;

/*
 * Without a backend, every call reports "invalid command", as an
 * ultravisor without that call would: userspace sees the same rc it gets
 * on a machine that lacks the feature.
 */
static void uv_absent_status(struct secex_uv_status *st)
{
	st->rc = SECEX_UVC_RC_INV_CMD;
	st->rrc = 0;
}

static void uv_absent_attest(struct secex_uv_attest_args *args,
			     struct secex_uv_status *st)
{
	uv_absent_status(st);
}

static void uv_absent_add_secret(const void *asrcb, u32 len,
				 struct secex_uv_status *st)
{
	uv_absent_status(st);
}

static void uv_absent_list_secrets(void *page, u16 start,
				   struct secex_uv_status *st)
{
	uv_absent_status(st);
}

static void uv_absent_retr_secret(u16 idx, void *buf, u32 len,
				  struct secex_uv_status *st)
{
	uv_absent_status(st);
}

static const struct secex_uv_backend uv_absent_backend = {
	.name = "none",
	.attest = uv_absent_attest,
	.add_secret = uv_absent_add_secret,
	.list_secrets = uv_absent_list_secrets,
	.lock_secrets = uv_absent_status,
	.retr_secret = uv_absent_retr_secret,
};

int secex_uv_register_backend(const struct secex_uv_backend *be)
{
	int ret = 0;

	down_write(&uv_backend_sem);
	if (uv_backend) {
		pr_warn("backend %s refused: %s is active\n", be->name,
			uv_backend->name);
		ret = -EBUSY;
	} else {
		uv_backend = be;
		uv_backend_gen++;
		pr_info("backend: %s\n", be->name);
	}
	up_write(&uv_backend_sem);
	return ret;
}
EXPORT_SYMBOL_GPL(secex_uv_register_backend);

void secex_uv_unregister_backend(const struct secex_uv_backend *be)
{
	down_write(&uv_backend_sem);
	if (uv_backend == be) {
		uv_backend = NULL;
		uv_backend_gen++;
		pr_info("backend %s removed\n", be->name);
	}
	up_write(&uv_backend_sem);
}
EXPORT_SYMBOL_GPL(secex_uv_unregister_backend);

/*
 * Returns the active backend (or the absent one) with the registry held
 * for reading.  Pair with uv_backend_put().
 */
const struct secex_uv_backend *uv_backend_get(void)
{
	u64 gen;

	return uv_backend_get_gen(&gen);
}

/* uv_backend_get(), and which backend it is: *@gen changes with it. */
const struct secex_uv_backend *uv_backend_get_gen(u64 *gen)
{
	down_read(&uv_backend_sem);
	*gen = uv_backend_gen;
	return uv_backend ?: &uv_absent_backend;
}

void uv_backend_put(void)
{
	up_read(&uv_backend_sem);
}

/* Lockdep (debug kernels): complain if this task holds the registry. */
void uv_backend_assert_not_held(void)
{
	lockdep_assert_not_held(&uv_backend_sem);
}

/* Bit n set: the call behind ioctl nr n is installed in the active backend. */
u64 uv_backend_installed(void)
{
	const struct secex_uv_backend *be = uv_backend_get();
	u64 installed;

	installed = be->installed;
	uv_backend_put();
	return installed;
}
