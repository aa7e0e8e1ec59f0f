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
#include <linux/rwsem.h>
#include <secex/uv_backend.h>
#include "uv.h"

static DECLARE_RWSEM(uv_backend_sem);
static const struct secex_uv_backend *uv_backend;

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
		pr_info("backend %s removed\n", be->name);
	}
	up_write(&uv_backend_sem);
}
EXPORT_SYMBOL_GPL(secex_uv_unregister_backend);

/*
 * Returns the active backend with the registry held for reading, or NULL
 * (registry not held).  Pair with uv_backend_put().
 */
const struct secex_uv_backend *uv_backend_get(void)
{
	down_read(&uv_backend_sem);
	if (uv_backend)
		return uv_backend;
	up_read(&uv_backend_sem);
	return NULL;
}

void uv_backend_put(void)
{
	up_read(&uv_backend_sem);
}

/* Bit n set: the call behind ioctl nr n is installed in the active backend. */
u64 uv_backend_installed(void)
{
	const struct secex_uv_backend *be = uv_backend_get();
	u64 installed;

	if (!be)
		return 0;
	installed = be->installed;
	uv_backend_put();
	return installed;
}
