// SPDX-License-Identifier: GPL-2.0
/*
 * Provisioning (the counterpart of /sys/kernel/secex_swuv/): host keys,
 * config UID, store size, and the commit that validates the SE header.
 */
#include <errno.h>
#include <string.h>
#include "helpers.h"
#include "tap.h"
#include "vectors.h"

static void host_keys(void)
{
	struct uvemu *uv = guest_uv(true);
	struct hostkey k;
	uint8_t d[66];
	unsigned int i;
	int ret = 0;

	memset(d, 0, sizeof(d));
	EQ(uvemu_add_host_key(uv, d, sizeof(d)), -EINVAL, "host key 0 refused");
	memset(d, 0xff, sizeof(d));
	EQ(uvemu_add_host_key(uv, d, sizeof(d)), -EINVAL, "host key >= n refused");
	make_hostkey(&k, 1);
	EQ(uvemu_add_host_key(uv, k.d, 65), -EINVAL, "host key of 65 bytes refused");
	EQ(uvemu_add_host_key(uv, k.d, 67), -EINVAL, "host key of 67 bytes refused");
	EQ(uvemu_add_host_key(uv, k.d, 66), 0, "host key added");
	EQ(uvemu_add_host_key(uv, k.d, 66), -EEXIST, "the same host key twice refused");
	for (i = 2; i <= 8; i++) {
		make_hostkey(&k, (uint8_t)i);
		ret |= uvemu_add_host_key(uv, k.d, 66);
	}
	EQ(ret, 0, "eight host keys in all");
	make_hostkey(&k, 9);
	EQ(uvemu_add_host_key(uv, k.d, 66), -ENOSPC, "a ninth host key refused");
	guest_free(uv);
}

static void settings(void)
{
	struct uvemu *uv = guest_uv(true);
	uint8_t cuid[16];

	EQ(uvemu_set_store_size(uv, 0), -EINVAL, "store size 0 refused");
	EQ(uvemu_set_store_size(uv, 65536), -EINVAL, "store size 65536 refused");
	EQ(uvemu_set_store_size(uv, 65535), 0, "store size 65535 accepted");
	EQ(uvemu_get_config_uid(uv, cuid), -ENODATA, "no config UID before it is set");
	memset(cuid, 0x11, sizeof(cuid));
	EQ(uvemu_set_config_uid(uv, cuid), 0, "config UID set");
	memset(cuid, 0, sizeof(cuid));
	OK(!uvemu_get_config_uid(uv, cuid) && all_bytes(cuid, 0x11, 16),
	   "config UID reads back");
	guest_free(uv);
}

static void commit(void)
{
	struct uvemu *uv = guest_uv(true);
	struct hostkey hk, other;
	struct hdr_params hp;
	uint8_t hdr[1024], bad[1024], cuid[16], ibm[sizeof(ibm_se_hdr)];
	const char *why = NULL;
	size_t len;

	make_hostkey(&hk, 1);
	make_hostkey(&other, 7);
	memset(&hp, 0, sizeof(hp));
	hp.keys[0] = &other;
	hp.keys[1] = &hk;
	hp.nks = 2;
	len = build_se_hdr(hdr, &hp);
	EQ(len, 0x2d0, "header with two key slots is 0x2d0 bytes");

	EQ(uvemu_commit(uv, hdr, len, &why), -EINVAL, "commit without host keys refused");
	OK(why && !strcmp(why, "no host key provisioned"), "reason: %s", why ? why : "(none)");
	EQ(uvemu_add_host_key(uv, hk.d, 66), 0, "host key added");
	EQ(uvemu_commit(uv, NULL, 0, &why), -EINVAL, "commit without header refused");
	OK(why && !strcmp(why, "no SE header provisioned"), "reason: %s", why ? why : "(none)");

	memcpy(ibm, ibm_se_hdr, sizeof(ibm));
	EQ(uvemu_commit(uv, ibm, sizeof(ibm), &why), -EINVAL,
	   "IBM's SE header refused: made for another host key");
	OK(why && !strcmp(why, "no key slot for a provisioned host key (PHKH)"),
	   "reason: %s", why ? why : "(none)");

	memcpy(bad, hdr, len);
	bad[len - 0x30] ^= 0x01;		/* in the encrypted area */
	EQ(uvemu_commit(uv, bad, len, &why), -EINVAL, "corrupted SE header refused");
	OK(why && !strcmp(why, "GCM tag does not authenticate the SE header"),
	   "reason: %s", why ? why : "(none)");
	memcpy(bad, hdr, len);
	bad[0xe0] ^= 0x80;			/* PLD: authenticated data */
	EQ(uvemu_commit(uv, bad, len, &why), -EINVAL, "SE header with changed PLD refused");
	memcpy(bad, hdr, len);
	bad[0x1a0 + 80 + 40] ^= 0x01;		/* our key slot's wrapped key */
	EQ(uvemu_commit(uv, bad, len, &why), -EINVAL, "SE header with a broken key slot refused");
	OK(why && !strcmp(why, "key slot does not unwrap with the host key"),
	   "reason: %s", why ? why : "(none)");
	memcpy(bad, hdr, len);
	put_be32(bad + 0x08, 0x200);
	EQ(uvemu_commit(uv, bad, len, &why), -EINVAL, "SE header version 0x200 refused");
	OK(why && !strcmp(why, "unsupported SE header version"), "reason: %s", why ? why : "(none)");
	memcpy(bad, hdr, len);
	memset(bad + 0x40, 0, 160);
	EQ(uvemu_commit(uv, bad, len, &why), -EINVAL, "SE header with customer key (0, 0) refused");
	OK(why && !strcmp(why, "customer public key is not a P-521 point"),
	   "reason: %s", why ? why : "(none)");
	EQ(uvemu_commit(uv, hdr, 200, &why), -EINVAL, "truncated SE header refused");
	OK(why && !strcmp(why, "SE header size out of range"), "reason: %s", why ? why : "(none)");
	OK(!uvemu_committed(uv), "still unprovisioned after refusals");

	EQ(uvemu_commit(uv, hdr, len, &why), 0, "SE header with our key in slot 2 commits");
	OK(why == NULL, "no reason on success");
	OK(uvemu_committed(uv), "provisioned");
	EQ(guest.random_calls, 1, "config UID drawn at commit");
	OK(!uvemu_get_config_uid(uv, cuid) && all_bytes(cuid, 0x5a, 16),
	   "config UID from the random callback");

	make_hostkey(&other, 8);
	EQ(uvemu_add_host_key(uv, other.d, 66), -EPERM, "no host key after commit");
	EQ(uvemu_set_config_uid(uv, cuid), -EPERM, "no config UID after commit");
	EQ(uvemu_set_store_size(uv, 5), -EPERM, "no store size after commit");
	EQ(uvemu_commit(uv, hdr, len, &why), -EPERM, "no second commit");
	guest_free(uv);
}

void test_provision(void)
{
	tap_diag("provisioning and commit");
	host_keys();
	settings();
	commit();
}
