// SPDX-License-Identifier: GPL-2.0
/*
 * kselftest of /dev/pkey (secex_pkey on the software CPACF core): every
 * ioctl with its upstream errno semantics, the protkey sysfs attributes,
 * and the staleness of protected keys after a wrapping-key rotation.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../../include/uapi/secex/pkey.h"
#include "../lib/pkeytok.h"
#include "../lib/sysfs.h"
#include "../lib/hostctl.h"
#include "../lib/harness.h"

#define PKEY_DEV	"/dev/pkey"
#define PROTKEY_DIR	"/sys/devices/virtual/misc/pkey/protkey/"
#define ROTATE_FILE	"/sys/kernel/secex_swcpacf/rotate"
#define WKVP_SIZE	32

/*
 * Protected-key and clear-key tokens start with struct keytok (pkeytok.h,
 * native order).  The token structs need no packing: their fields are
 * naturally aligned.
 */
struct protaestok {
	struct keytok hdr;
	__u8 protkey[MAXPROTKEYSIZE];
};

struct uvsecrettok {
	__u8 type;
	__u8 res0[3];
	__u8 version;
	__u8 res1[3];
	__u16 secret_type;
	__u16 secret_len;
	__u8 secret_id[32];
};

static const __u32 aes_types[] = {
	PKEY_KEYTYPE_AES_128, PKEY_KEYTYPE_AES_192, PKEY_KEYTYPE_AES_256,
};

static __u32 aes_size(__u32 keytype)
{
	return 8 + 8 * keytype;		/* 16, 24, 32 */
}

static void fill_pattern(__u8 *p, size_t len, __u8 seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = (__u8)(seed + 7 * i);
}

/* Protected AES key token around @pk. */
static void make_prottok(struct protaestok *t, const struct pkey_protkey *pk)
{
	memset(t, 0, sizeof(*t));
	make_tok((__u8 *)t, 0x01, pk->type, pk->protkey, pk->len);
}

/*
 * Older harnesses run the test body even after SKIP() in the setup; a
 * test whose setup skipped returns at once (and stays skipped).
 */
FIXTURE(pkey) {
	int fd;
	void *noaccess;		/* a PROT_NONE page */
};

FIXTURE_SETUP(pkey)
{
	self->fd = open(PKEY_DEV, O_RDWR);
	if (self->fd < 0 && errno == ENOENT)
		SKIP(return, "%s missing: secex_pkey is not loaded", PKEY_DEV);
	ASSERT_LE(0, self->fd);
	self->noaccess = mmap(NULL, getpagesize(), PROT_NONE,
			      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, self->noaccess);
}

FIXTURE_TEARDOWN(pkey)
{
	munmap(self->noaccess, getpagesize());
	close(self->fd);
}

static int genprotk(int fd, __u32 keytype, struct pkey_protkey *pk)
{
	struct pkey_genprotk g = { .keytype = keytype };
	int ret = ioctl(fd, PKEY_GENPROTK, &g);

	if (!ret)
		*pk = g.protkey;
	return ret ? -errno : 0;
}

static int verifyprotk(int fd, const struct pkey_protkey *pk)
{
	struct pkey_verifyprotk v = { .protkey = *pk };

	return ioctl(fd, PKEY_VERIFYPROTK, &v) ? -errno : 0;
}

static int kblob2protk(int fd, const void *key, __u32 keylen,
		       struct pkey_protkey *pk)
{
	struct pkey_kblob2pkey k = { .key = (__u8 *)key, .keylen = keylen };
	int ret = ioctl(fd, PKEY_KBLOB2PROTK, &k);

	if (!ret && pk)
		*pk = k.protkey;
	return ret ? -errno : 0;
}

TEST_F(pkey, device_mode)
{
	struct stat st;

	ASSERT_EQ(0, stat(PKEY_DEV, &st));
	EXPECT_EQ(0666U, st.st_mode & 0777);
}

TEST_F(pkey, genprotk_aes)
{
	struct pkey_protkey pk;
	unsigned int i;

	for (i = 0; i < 3; i++) {
		ASSERT_EQ(0, genprotk(self->fd, aes_types[i], &pk));
		EXPECT_EQ(aes_types[i], pk.type);
		EXPECT_EQ(aes_size(aes_types[i]) + WKVP_SIZE, pk.len);
		EXPECT_EQ(0, verifyprotk(self->fd, &pk));
	}
}

TEST_F(pkey, genprotk_einval)
{
	struct pkey_protkey pk;

	EXPECT_EQ(-EINVAL, genprotk(self->fd, 0, &pk));
	EXPECT_EQ(-EINVAL, genprotk(self->fd, PKEY_KEYTYPE_ECC, &pk));
	EXPECT_EQ(-EINVAL, genprotk(self->fd, PKEY_KEYTYPE_ECC_P256, &pk));
	EXPECT_EQ(-EINVAL, genprotk(self->fd, 99, &pk));
	/* 96 and more bytes do not fit struct pkey_protkey */
	EXPECT_EQ(-EINVAL, genprotk(self->fd, PKEY_KEYTYPE_AES_XTS_256, &pk));
	EXPECT_EQ(-EINVAL, genprotk(self->fd, PKEY_KEYTYPE_HMAC_512, &pk));
}

TEST_F(pkey, clr2protk)
{
	struct pkey_clr2protk c;
	unsigned int i;

	for (i = 0; i < 3; i++) {
		memset(&c, 0, sizeof(c));
		c.keytype = aes_types[i];
		fill_pattern(c.clrkey.clrkey, sizeof(c.clrkey.clrkey), i);
		ASSERT_EQ(0, ioctl(self->fd, PKEY_CLR2PROTK, &c));
		EXPECT_EQ(aes_types[i], c.protkey.type);
		EXPECT_EQ(aes_size(aes_types[i]) + WKVP_SIZE, c.protkey.len);
		EXPECT_EQ(0, verifyprotk(self->fd, &c.protkey));
	}
	memset(&c, 0, sizeof(c));
	c.keytype = PKEY_KEYTYPE_AES_XTS_128;
	EXPECT_EQ(-1, ioctl(self->fd, PKEY_CLR2PROTK, &c));
	EXPECT_EQ(EINVAL, errno);
	c.keytype = 0;
	EXPECT_EQ(-1, ioctl(self->fd, PKEY_CLR2PROTK, &c));
	EXPECT_EQ(EINVAL, errno);
}

TEST_F(pkey, verifyprotk_errors)
{
	struct pkey_protkey pk, bad;

	ASSERT_EQ(0, genprotk(self->fd, PKEY_KEYTYPE_AES_256, &pk));
	bad = pk;
	bad.len = MAXPROTKEYSIZE + 1;
	EXPECT_EQ(-EINVAL, verifyprotk(self->fd, &bad));
	bad = pk;
	bad.len = 48;
	EXPECT_EQ(-EINVAL, verifyprotk(self->fd, &bad));
	bad = pk;
	bad.type = 77;
	EXPECT_EQ(-EINVAL, verifyprotk(self->fd, &bad));
	/* a changed verification pattern is noticed by either maker */
	bad = pk;
	bad.protkey[32 + 2] ^= 0x01;
	EXPECT_EQ(-EKEYREJECTED, verifyprotk(self->fd, &bad));
	/*
	 * PCKMO keys carry no integrity tag: like the real machine, the
	 * check compares the WKVP only.  The software core notices more.
	 */
	if (pkey_uses_pckmo() == 1)
		return;
	/* any modified bit is noticed: key part, pattern, tag */
	bad = pk;
	bad.protkey[3] ^= 0x10;
	EXPECT_EQ(-EKEYREJECTED, verifyprotk(self->fd, &bad));
	bad = pk;
	bad.protkey[63] ^= 0x80;
	EXPECT_EQ(-EKEYREJECTED, verifyprotk(self->fd, &bad));
	/* the key type is bound into the key */
	bad = pk;
	bad.type = PKEY_KEYTYPE_AES_XTS_128;
	EXPECT_EQ(-EKEYREJECTED, verifyprotk(self->fd, &bad));
}

TEST_F(pkey, rotation_makes_keys_stale)
{
	struct pkey_protkey pk, pk2;
	struct protaestok tok;
	int ret;

	ASSERT_EQ(0, genprotk(self->fd, PKEY_KEYTYPE_AES_128, &pk));
	ASSERT_EQ(0, verifyprotk(self->fd, &pk));
	make_prottok(&tok, &pk);
	ASSERT_EQ(0, kblob2protk(self->fd, &tok, sizeof(tok), &pk2));

	/* The wrapping key of whoever makes the keys: PCKMO's or ours. */
	if (pkey_uses_pckmo() == 1) {
		ret = host_request("cpacf-new-wrapping-key");
		if (ret == -ENOENT)
			SKIP(return, "PCKMO keys, and no host control port to change the machine's wrapping key");
	} else {
		ret = sysfs_write(ROTATE_FILE, "1");
		if (ret == -ENOENT)
			SKIP(return, "%s missing: secex_swcpacf is not loaded",
			     ROTATE_FILE);
		if (ret == -EACCES || ret == -EPERM)
			SKIP(return, "rotation needs root");
	}
	ASSERT_EQ(0, ret);

	EXPECT_EQ(-EKEYREJECTED, verifyprotk(self->fd, &pk));
	EXPECT_EQ(-EKEYREJECTED, kblob2protk(self->fd, &tok, sizeof(tok),
					     NULL));
	ASSERT_EQ(0, genprotk(self->fd, PKEY_KEYTYPE_AES_128, &pk2));
	EXPECT_EQ(0, verifyprotk(self->fd, &pk2));
	EXPECT_EQ(-EINVAL, sysfs_write(ROTATE_FILE, "0"));
}

/* The software core's rotation count, or -1. */
static long long rotations(void)
{
	FILE *f = fopen("/sys/kernel/secex_swcpacf/generation", "r");
	long long g = -1;

	if (f) {
		if (fscanf(f, "%lld", &g) != 1)
			g = -1;
		fclose(f);
	}
	return g;
}

/*
 * A rotation whose allocation fails reports the error and leaves the old
 * wrapping key in place: fail the n-th fault-injection site of this task
 * (fail-nth, debug kernels), for n = 1, 2, ... until a rotation goes
 * through, so every allocation on the way is made to fail once.
 */
TEST_F(pkey, rotation_reports_allocation_failure)
{
	const char *knob = "/sys/kernel/debug/failslab/ignore-gfp-wait";
	const char *verbose = "/sys/kernel/debug/failslab/verbose";
	char path[64], n[16], old[4] = "Y", oldv[8] = "2";
	long long g0, g1;
	int nth, ret, failed = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/self/task/%ld/fail-nth",
		 (long)syscall(SYS_gettid));
	if (access(path, W_OK) || access(knob, W_OK))
		SKIP(return, "no fail-nth or failslab (a kernel without fault injection)");
	if (access(ROTATE_FILE, W_OK))
		SKIP(return, "%s not writable (root, secex_swcpacf)", ROTATE_FILE);
	/* GFP_KERNEL allocations fail only with ignore-gfp-wait off. */
	f = fopen(knob, "r");
	if (f) {
		if (!fgets(old, sizeof(old), f))
			strcpy(old, "Y");
		fclose(f);
	}
	f = fopen(verbose, "r");
	if (f) {
		if (!fgets(oldv, sizeof(oldv), f))
			strcpy(oldv, "2");
		fclose(f);
	}
	ASSERT_EQ(0, sysfs_write(knob, "N"));
	/* No stack dump per failure: the harness fails runs with traces. */
	ASSERT_EQ(0, sysfs_write(verbose, "0"));
	for (nth = 1; nth < 64; nth++) {
		g0 = rotations();
		snprintf(n, sizeof(n), "%d", nth);
		f = fopen(path, "w");
		ASSERT_NE(NULL, f);
		fputs(n, f);
		fclose(f);
		ret = sysfs_write(ROTATE_FILE, "1");
		f = fopen(path, "w");
		if (f) {
			fputs("0", f);
			fclose(f);
		}
		g1 = rotations();
		if (!ret) {
			EXPECT_EQ(g0 + 1, g1);
			break;
		}
		/* Where it failed (open, kernfs, the rotation) is logged. */
		failed++;
		TH_LOG("allocation %d failed: %s", nth, strerror(-ret));
		EXPECT_EQ(g0, g1) TH_LOG("a failed rotation changed the wrapping key");
	}
	sysfs_write(knob, old);
	sysfs_write(verbose, oldv);
	EXPECT_LT(nth, 64) TH_LOG("no rotation went through");
	TH_LOG("%d allocation failures reported, then a rotation went through", failed);
}

TEST_F(pkey, kblob2protk_protkey_token)
{
	struct pkey_protkey pk, out;
	struct protaestok tok;

	ASSERT_EQ(0, genprotk(self->fd, PKEY_KEYTYPE_AES_192, &pk));
	make_prottok(&tok, &pk);
	ASSERT_EQ(0, kblob2protk(self->fd, &tok, sizeof(tok), &out));
	EXPECT_EQ(pk.type, out.type);
	ASSERT_EQ(pk.len, out.len);
	EXPECT_EQ(0, memcmp(pk.protkey, out.protkey, pk.len));
	/* shorter than struct protaeskeytoken */
	EXPECT_EQ(-EINVAL, kblob2protk(self->fd, &tok, 79, NULL));
	tok.hdr.len = 40;
	EXPECT_EQ(-EINVAL, kblob2protk(self->fd, &tok, sizeof(tok), NULL));
}

TEST_F(pkey, kblob2protk_clear_key_token)
{
	__u8 buf[64], key[32];
	struct pkey_protkey pk;
	size_t len;

	/* As upstream: the ioctls take them (only paes has a switch). */
	fill_pattern(key, sizeof(key), 3);
	len = make_tok(buf, 0x02, PKEY_KEYTYPE_AES_256, key, 32);
	ASSERT_EQ(0, kblob2protk(self->fd, buf, len, &pk));
	EXPECT_EQ((__u32)PKEY_KEYTYPE_AES_256, pk.type);
	EXPECT_EQ(64U, pk.len);
	EXPECT_EQ(0, verifyprotk(self->fd, &pk));
	/* length field disagrees with the type */
	((struct keytok *)buf)->len = 24;
	EXPECT_EQ(-EINVAL, kblob2protk(self->fd, buf, len, NULL));
	/* token shorter than its length field says */
	len = make_tok(buf, 0x02, PKEY_KEYTYPE_AES_256, key, 32);
	EXPECT_EQ(-EINVAL, kblob2protk(self->fd, buf, len - 1, NULL));
}

TEST_F(pkey, kblob2protk_errors)
{
	__u8 blob[64] = { 0 };

	EXPECT_EQ(-EINVAL, kblob2protk(self->fd, NULL, 64, NULL));
	EXPECT_EQ(-EINVAL, kblob2protk(self->fd, blob, 7, NULL));
	EXPECT_EQ(-EINVAL, kblob2protk(self->fd, blob, 8193, NULL));
	EXPECT_EQ(-EFAULT, kblob2protk(self->fd, self->noaccess, 64, NULL));
	/* CCA AES DATA secure key: no crypto card, no handler */
	blob[0] = 0x01;
	blob[4] = 0x04;
	EXPECT_EQ(-ENODEV, kblob2protk(self->fd, blob, 64, NULL));
	/* unknown token version */
	blob[0] = 0x00;
	blob[4] = 0x42;
	EXPECT_EQ(-ENODEV, kblob2protk(self->fd, blob, 64, NULL));
	/*
	 * A UV-secret token's 8-byte header alone: refused without reading
	 * beyond it (the debug kernel's KASAN would report the overread).
	 */
	blob[4] = 0x09;
	EXPECT_EQ(-EINVAL, kblob2protk(self->fd, blob, 8, NULL));
	EXPECT_EQ(-1, ioctl(self->fd, PKEY_KBLOB2PROTK, NULL));
	EXPECT_EQ(EFAULT, errno);
}

TEST_F(pkey, kblob2protk2)
{
	struct pkey_kblob2pkey2 k = { 0 };
	struct pkey_protkey pk;
	struct protaestok tok;
	struct pkey_apqn apqn = { 0xFFFF, 0xFFFF };

	ASSERT_EQ(0, genprotk(self->fd, PKEY_KEYTYPE_AES_256, &pk));
	make_prottok(&tok, &pk);
	k.key = (__u8 *)&tok;
	k.keylen = sizeof(tok);
	ASSERT_EQ(0, ioctl(self->fd, PKEY_KBLOB2PROTK2, &k));
	EXPECT_EQ(0, memcmp(k.protkey.protkey, pk.protkey, pk.len));
	k.apqns = &apqn;
	k.apqn_entries = 1;
	EXPECT_EQ(0, ioctl(self->fd, PKEY_KBLOB2PROTK2, &k));
	k.apqns = self->noaccess;
	EXPECT_EQ(-1, ioctl(self->fd, PKEY_KBLOB2PROTK2, &k));
	EXPECT_EQ(EFAULT, errno);
	k.apqns = NULL;
	k.key = NULL;
	EXPECT_EQ(-1, ioctl(self->fd, PKEY_KBLOB2PROTK2, &k));
	EXPECT_EQ(EINVAL, errno);
}

/* Read one whole protkey sysfs attribute; returns its size or -errno. */
static ssize_t read_attr(const char *name, __u8 *buf, size_t size)
{
	char path[256];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s%s", PROTKEY_DIR, name);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, size);
	if (n < 0)
		n = -errno;
	close(fd);
	return n;
}

TEST_F(pkey, kblob2protk3)
{
	struct pkey_kblob2pkey3 k = { 0 };
	__u8 tok[176], pkey[160];
	int ret;

	if (pkey_uses_pckmo() == 1 &&
	    read_attr("protkey_aes_xts_256", tok, sizeof(tok)) == -ENODEV)
		SKIP(return, "this machine's PCKMO makes no AES-XTS double keys (z17's MSA 10)");
	ASSERT_EQ(112, read_attr("protkey_aes_xts_256", tok, sizeof(tok)));
	k.key = tok;
	k.keylen = 112;
	k.pkey = pkey;
	k.pkeylen = sizeof(pkey);
	ASSERT_EQ(0, ioctl(self->fd, PKEY_KBLOB2PROTK3, &k));
	EXPECT_EQ((__u32)PKEY_KEYTYPE_AES_XTS_256, k.pkeytype);
	EXPECT_EQ(96U, k.pkeylen);
	EXPECT_EQ(0, memcmp(pkey, tok + 16, 96));
	/* size query without buffer */
	k.pkey = NULL;
	k.pkeylen = 0;
	ASSERT_EQ(0, ioctl(self->fd, PKEY_KBLOB2PROTK3, &k));
	EXPECT_EQ(96U, k.pkeylen);
	/* buffer too small */
	k.pkey = pkey;
	k.pkeylen = 95;
	EXPECT_EQ(-1, ioctl(self->fd, PKEY_KBLOB2PROTK3, &k));
	EXPECT_EQ(EINVAL, errno);
	/* unwritable buffer */
	k.pkey = self->noaccess;
	k.pkeylen = sizeof(pkey);
	EXPECT_EQ(-1, ioctl(self->fd, PKEY_KBLOB2PROTK3, &k));
	EXPECT_EQ(EFAULT, errno);
	/* HMAC keys need the large buffer of this ioctl */
	ret = read_attr("protkey_hmac_1024", tok, sizeof(tok));
	if (ret == -ENODEV && pkey_uses_pckmo() == 1) {
		TH_LOG("this machine's PCKMO makes no HMAC keys: not tried");
		return;
	}
	ASSERT_EQ(176, ret);
	k.key = tok;
	k.keylen = 176;
	k.pkey = pkey;
	k.pkeylen = sizeof(pkey);
	ASSERT_EQ(0, ioctl(self->fd, PKEY_KBLOB2PROTK3, &k));
	EXPECT_EQ((__u32)PKEY_KEYTYPE_HMAC_1024, k.pkeytype);
	EXPECT_EQ(160U, k.pkeylen);
}

TEST_F(pkey, verifykey2)
{
	struct pkey_verifykey2 v = { 0 };
	struct pkey_protkey pk;
	struct protaestok tok;
	__u8 blob[64] = { 0x01, 0, 0, 0, 0x04 }, xts[80];

	ASSERT_EQ(0, genprotk(self->fd, PKEY_KEYTYPE_AES_256, &pk));
	make_prottok(&tok, &pk);
	v.key = (__u8 *)&tok;
	v.keylen = sizeof(tok);
	ASSERT_EQ(0, ioctl(self->fd, PKEY_VERIFYKEY2, &v));
	EXPECT_EQ((__u32)PKEY_TYPE_PROTKEY, (__u32)v.type);
	EXPECT_EQ((__u32)PKEY_SIZE_AES_256, (__u32)v.size);
	EXPECT_EQ((__u32)PKEY_KEYTYPE_AES_256, v.flags);
	/* The size in bits of other key types too (upstream since 6.13). */
	if (read_attr("protkey_aes_xts_128", xts, sizeof(xts)) == 80) {
		v.key = xts;
		v.keylen = 80;
		ASSERT_EQ(0, ioctl(self->fd, PKEY_VERIFYKEY2, &v));
		EXPECT_EQ(256U, v.size);
		EXPECT_EQ((__u32)PKEY_KEYTYPE_AES_XTS_128, v.flags);
	} else {
		TH_LOG("no AES-XTS double keys on this machine: size not checked");
	}
	v.key = blob;
	v.keylen = sizeof(blob);
	EXPECT_EQ(-1, ioctl(self->fd, PKEY_VERIFYKEY2, &v));
	EXPECT_EQ(ENODEV, errno);
	v.key = NULL;
	EXPECT_EQ(-1, ioctl(self->fd, PKEY_VERIFYKEY2, &v));
	EXPECT_EQ(EINVAL, errno);
}

TEST_F(pkey, genseck2_clr2seck2)
{
	struct pkey_genseck2 g = { 0 };
	struct pkey_clr2seck2 c = { 0 };
	__u8 key[64];

	g.type = PKEY_TYPE_CCA_DATA;
	g.size = PKEY_SIZE_AES_256;
	g.key = key;
	g.keylen = sizeof(key);
	EXPECT_EQ(-1, ioctl(self->fd, PKEY_GENSECK2, &g));
	EXPECT_EQ(ENODEV, errno);
	g.type = PKEY_TYPE_EP11_AES;
	EXPECT_EQ(-1, ioctl(self->fd, PKEY_GENSECK2, &g));
	EXPECT_EQ(ENODEV, errno);
	g.size = 100;
	EXPECT_EQ(-1, ioctl(self->fd, PKEY_GENSECK2, &g));
	EXPECT_EQ(EINVAL, errno);
	/* the protected-key handler answers for PKEY_TYPE_PROTKEY */
	g.type = PKEY_TYPE_PROTKEY;
	g.size = PKEY_SIZE_AES_128;
	ASSERT_EQ(0, ioctl(self->fd, PKEY_GENSECK2, &g));
	EXPECT_EQ(48U, g.keylen);
	g.key = NULL;
	g.keylen = 0;
	ASSERT_EQ(0, ioctl(self->fd, PKEY_GENSECK2, &g));
	EXPECT_EQ(48U, g.keylen);
	g.key = key;
	g.keylen = 47;
	EXPECT_EQ(-1, ioctl(self->fd, PKEY_GENSECK2, &g));
	EXPECT_EQ(EINVAL, errno);

	c.type = PKEY_TYPE_CCA_CIPHER;
	c.size = PKEY_SIZE_AES_192;
	c.key = key;
	c.keylen = sizeof(key);
	EXPECT_EQ(-1, ioctl(self->fd, PKEY_CLR2SECK2, &c));
	EXPECT_EQ(ENODEV, errno);
	c.type = PKEY_TYPE_PROTKEY;
	ASSERT_EQ(0, ioctl(self->fd, PKEY_CLR2SECK2, &c));
	EXPECT_EQ(56U, c.keylen);
	c.size = 0;
	EXPECT_EQ(-1, ioctl(self->fd, PKEY_CLR2SECK2, &c));
	EXPECT_EQ(EINVAL, errno);
}

TEST_F(pkey, apqns)
{
	struct pkey_apqns4key a = { 0 };
	struct pkey_apqns4keytype t = { 0 };
	__u8 blob[64] = { 0x01, 0, 0, 0, 0x04 };
	struct pkey_apqn list[4];

	a.key = blob;
	a.keylen = sizeof(blob);
	a.apqns = list;
	a.apqn_entries = 4;
	EXPECT_EQ(-1, ioctl(self->fd, PKEY_APQNS4K, &a));
	EXPECT_EQ(ENODEV, errno);
	a.key = NULL;
	EXPECT_EQ(-1, ioctl(self->fd, PKEY_APQNS4K, &a));
	EXPECT_EQ(EINVAL, errno);
	t.type = PKEY_TYPE_CCA_DATA;
	t.apqns = list;
	t.apqn_entries = 4;
	EXPECT_EQ(-1, ioctl(self->fd, PKEY_APQNS4KT, &t));
	EXPECT_EQ(ENODEV, errno);
}

TEST_F(pkey, first_generation_secure_key_ioctls)
{
	struct pkey_genseck g = { .keytype = PKEY_KEYTYPE_AES_256 };
	struct pkey_clr2seck c = { .keytype = PKEY_KEYTYPE_AES_256 };
	struct pkey_findcard f = { 0 };
	struct pkey_skey2pkey s = { 0 };
	struct pkey_verifykey v = { 0 };

	EXPECT_EQ(-1, ioctl(self->fd, PKEY_GENSECK, &g));
	EXPECT_EQ(ENODEV, errno);
	EXPECT_EQ(-1, ioctl(self->fd, PKEY_CLR2SECK, &c));
	EXPECT_EQ(ENODEV, errno);
	EXPECT_EQ(-1, ioctl(self->fd, PKEY_FINDCARD, &f));
	EXPECT_EQ(ENODEV, errno);
	s.seckey.seckey[0] = 0x01;
	s.seckey.seckey[4] = 0x04;
	EXPECT_EQ(-1, ioctl(self->fd, PKEY_SKEY2PKEY, &s));
	EXPECT_EQ(ENODEV, errno);
	v.seckey = s.seckey;
	EXPECT_EQ(-1, ioctl(self->fd, PKEY_VERIFYKEY, &v));
	EXPECT_EQ(ENODEV, errno);
}

TEST_F(pkey, uv_secret_token_unresolvable)
{
	struct uvsecrettok t = { .version = 0x09, .secret_type = 0x06 };
	int ret;

	memset(t.secret_id, 0xEE, sizeof(t.secret_id));
	/* no UV backend (ENODEV), no such secret (ENOENT), UV error (EIO) */
	ret = kblob2protk(self->fd, &t, sizeof(t), NULL);
	EXPECT_TRUE(ret == -ENODEV || ret == -ENOENT || ret == -EIO)
		TH_LOG("got %d", ret);
	EXPECT_EQ(-EINVAL, kblob2protk(self->fd, &t, sizeof(t) - 1, NULL));
	/* a secret type that is no key has no handler */
	t.secret_type = 0x03;
	EXPECT_EQ(-ENODEV, kblob2protk(self->fd, &t, sizeof(t), NULL));
}

TEST_F(pkey, efault)
{
	static const unsigned long cmds[] = {
		PKEY_GENSECK, PKEY_CLR2SECK, PKEY_SEC2PROTK, PKEY_CLR2PROTK,
		PKEY_FINDCARD, PKEY_SKEY2PKEY, PKEY_VERIFYKEY, PKEY_GENPROTK,
		PKEY_VERIFYPROTK, PKEY_KBLOB2PROTK, PKEY_GENSECK2,
		PKEY_CLR2SECK2, PKEY_VERIFYKEY2, PKEY_KBLOB2PROTK2,
		PKEY_APQNS4K, PKEY_APQNS4KT, PKEY_KBLOB2PROTK3,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cmds); i++) {
		EXPECT_EQ(-1, ioctl(self->fd, cmds[i], NULL));
		EXPECT_EQ(EFAULT, errno) TH_LOG("cmd %#lx NULL", cmds[i]);
		EXPECT_EQ(-1, ioctl(self->fd, cmds[i], self->noaccess));
		EXPECT_EQ(EFAULT, errno) TH_LOG("cmd %#lx PROT_NONE", cmds[i]);
	}
}

TEST_F(pkey, enotty)
{
	struct pkey_genprotk g = { .keytype = PKEY_KEYTYPE_AES_128 };
	__u8 big[512] = { 0 };

	/* wrong direction, size, number or type of a valid ioctl */
	EXPECT_EQ(-1, ioctl(self->fd, _IOWR(PKEY_IOCTL_MAGIC, 0x09,
					    struct pkey_verifyprotk), big));
	EXPECT_EQ(ENOTTY, errno);
	EXPECT_EQ(-1, ioctl(self->fd, _IOW(PKEY_IOCTL_MAGIC, 0x08,
					   struct pkey_genprotk), &g));
	EXPECT_EQ(ENOTTY, errno);
	EXPECT_EQ(-1, ioctl(self->fd, _IOC(_IOC_READ | _IOC_WRITE,
					   PKEY_IOCTL_MAGIC, 0x08,
					   sizeof(g) + 4), big));
	EXPECT_EQ(ENOTTY, errno);
	EXPECT_EQ(-1, ioctl(self->fd, _IOWR(PKEY_IOCTL_MAGIC, 0x0B,
					    struct pkey_genprotk), big));
	EXPECT_EQ(ENOTTY, errno);
	EXPECT_EQ(-1, ioctl(self->fd, _IOWR('q', 0x08,
					    struct pkey_genprotk), big));
	EXPECT_EQ(ENOTTY, errno);
	EXPECT_EQ(-1, ioctl(self->fd, 0, big));
	EXPECT_EQ(ENOTTY, errno);
}

TEST_F(pkey, sysfs_protkey_attributes)
{
	static const struct {
		const char *name;
		ssize_t size;
		__u32 keytype;
		__u32 pklen;
	} attrs[] = {
		{ "protkey_aes_128", 80, PKEY_KEYTYPE_AES_128, 48 },
		{ "protkey_aes_192", 80, PKEY_KEYTYPE_AES_192, 56 },
		{ "protkey_aes_256", 80, PKEY_KEYTYPE_AES_256, 64 },
		{ "protkey_aes_128_xts", 160, PKEY_KEYTYPE_AES_128, 48 },
		{ "protkey_aes_256_xts", 160, PKEY_KEYTYPE_AES_256, 64 },
		{ "protkey_aes_xts_128", 80, PKEY_KEYTYPE_AES_XTS_128, 64 },
		{ "protkey_aes_xts_256", 112, PKEY_KEYTYPE_AES_XTS_256, 96 },
		{ "protkey_hmac_512", 112, PKEY_KEYTYPE_HMAC_512, 96 },
		{ "protkey_hmac_1024", 176, PKEY_KEYTYPE_HMAC_1024, 160 },
	};
	__u8 a[256], b[256];
	struct keytok *t = (struct keytok *)a;
	char path[256];
	unsigned int i;
	int fd;

	for (i = 0; i < ARRAY_SIZE(attrs); i++) {
		/*
		 * The machine's PCKMO may lack a key type (AES-XTS double
		 * keys and HMAC came with z17): then there is no such key.
		 */
		if (pkey_uses_pckmo() == 1 &&
		    read_attr(attrs[i].name, a, sizeof(a)) == -ENODEV) {
			TH_LOG("%s: no PCKMO function for it on this machine",
			       attrs[i].name);
			continue;
		}
		ASSERT_EQ(attrs[i].size, read_attr(attrs[i].name, a, sizeof(a)))
			TH_LOG("%s", attrs[i].name);
		EXPECT_EQ(0x00, t->type);
		EXPECT_EQ(0x01, t->version);
		EXPECT_EQ(attrs[i].keytype, t->keytype);
		EXPECT_EQ(attrs[i].pklen, t->len);
		/* every read is a new key */
		ASSERT_EQ(attrs[i].size, read_attr(attrs[i].name, b, sizeof(b)));
		EXPECT_NE(0, memcmp(a, b, attrs[i].size));
		if (attrs[i].size == 80 && attrs[i].keytype <= 3)
			EXPECT_EQ(0, kblob2protk(self->fd, a, 80, NULL));
	}
	/* whole keys only */
	EXPECT_EQ(-EINVAL, read_attr("protkey_aes_256", a, 79));
	snprintf(path, sizeof(path), "%sprotkey_aes_256", PROTKEY_DIR);
	fd = open(path, O_RDONLY);
	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, pread(fd, a, 80, 1));
	EXPECT_EQ(EINVAL, errno);
	close(fd);
}

TEST_HARNESS_MAIN
