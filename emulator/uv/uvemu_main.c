// SPDX-License-Identifier: GPL-2.0
/*
 * Life cycle and provisioning of the emulated ultravisor: the counterpart
 * of /sys/kernel/secex_swuv/ (swuv_provision.c, swuv_main.c).  Host keys,
 * config UID and store size are set before the commit, which validates the
 * SE header and locks provisioning for the life of the instance.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "uvemu_int.h"

struct uvemu *uvemu_new(const struct uvemu_env *env)
{
	struct uvemu *uv;

	if (!env || !env->read || !env->write)
		return NULL;
	uv = calloc(1, sizeof(*uv));
	if (!uv)
		return NULL;
	uv->env = env;
	uv->store_size = UVEMU_STORE_SIZE_DEFAULT;
	return uv;
}

void uvemu_free(struct uvemu *uv)
{
	if (!uv)
		return;
	uvemu_store_free(uv);
	uvemu_wipe(uv, sizeof(*uv));
	free(uv);
}

int uvemu_add_host_key(struct uvemu *uv, const uint8_t *raw66, size_t len)
{
	struct uvemu_host_key key;
	unsigned int i;
	int ret;

	if (!raw66 || len != UVEMU_P521_BYTES)
		return -EINVAL;
	memcpy(key.priv, raw66, UVEMU_P521_BYTES);
	ret = uvemu_p521_pubkey(key.priv, key.pub);
	if (ret)
		goto out;
	uvemu_phkh(key.pub, key.phkh);

	if (uv->committed) {
		ret = -EPERM;
	} else if (uv->nkeys >= UVEMU_MAX_HOST_KEYS) {
		ret = -ENOSPC;
	} else {
		for (i = 0; i < uv->nkeys; i++)
			if (!memcmp(uv->keys[i].phkh, key.phkh,
				    UVEMU_PHKH_SIZE))
				ret = -EEXIST;
		if (!ret)
			uv->keys[uv->nkeys++] = key;
	}
out:
	uvemu_wipe(&key, sizeof(key));
	return ret;
}

int uvemu_set_config_uid(struct uvemu *uv, const uint8_t cuid[16])
{
	if (uv->committed)
		return -EPERM;
	memcpy(uv->cuid, cuid, sizeof(uv->cuid));
	uv->cuid_set = true;
	return 0;
}

int uvemu_set_store_size(struct uvemu *uv, unsigned int n)
{
	if (!n || n > UVEMU_STORE_SIZE_MAX)
		return -EINVAL;
	if (uv->committed)
		return -EPERM;
	uv->store_size = n;
	return 0;
}

int uvemu_commit(struct uvemu *uv, const uint8_t *se_header, size_t len,
		 const char **why)
{
	struct uvemu_image img;
	const char *reason = NULL;
	int ret;

	if (uv->committed) {
		reason = "already committed";
		ret = -EPERM;
		goto out;
	}
	if (!uv->nkeys) {
		reason = "no host key provisioned";
		ret = -EINVAL;
		goto out;
	}
	if (!se_header || !len) {
		reason = "no SE header provisioned";
		ret = -EINVAL;
		goto out;
	}
	ret = uvemu_hdr_validate(se_header, len, uv->keys, uv->nkeys, &img,
				 &reason);
	if (ret)
		goto out;
	if (!uv->cuid_set &&
	    (!uv->env->random ||
	     uv->env->random(uv->env->opaque, uv->cuid, sizeof(uv->cuid)))) {
		reason = "no random bytes for the config UID";
		ret = -EIO;
		goto out;
	}
	uv->img = img;
	ret = uvemu_store_init(uv);
	if (ret) {
		uvemu_wipe(&uv->img, sizeof(uv->img));
		reason = "out of memory";
		goto out;
	}
	uv->cuid_set = true;
	uv->committed = true;
out:
	uvemu_wipe(&img, sizeof(img));
	if (why)
		*why = reason;
	return ret;
}

int uvemu_committed(const struct uvemu *uv)
{
	return uv->committed;
}

int uvemu_get_config_uid(const struct uvemu *uv, uint8_t cuid[16])
{
	if (!uv->cuid_set)
		return -ENODATA;
	memcpy(cuid, uv->cuid, sizeof(uv->cuid));
	return 0;
}

void uvemu_reset(struct uvemu *uv)
{
	if (!uv->committed)
		return;
	uvemu_store_free(uv);
	/*
	 * Without memory for a new store the instance cannot go on as
	 * committed: it answers rc 0x0003, as before a commit, from now on.
	 */
	if (uvemu_store_init(uv))
		uv->committed = false;
}
