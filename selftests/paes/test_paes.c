// SPDX-License-Identifier: GPL-2.0
/*
 * kselftest of secex_paes through AF_ALG: known answers of ecb/cbc/ctr/
 * xts(paes) against the kernel's plain AES modes with the same key, given
 * as clear-key tokens, raw keys and protected-key tokens; key-size rules;
 * and uninterrupted service across a wrapping-key rotation.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/if_alg.h>

#include "../../include/uapi/secex/pkey.h"
#include "../lib/afalg.h"
#include "../lib/pkeytok.h"
#include "../lib/sysfs.h"
#include "../lib/hostctl.h"
#include "../lib/harness.h"

#define CLRKEY_PARAM	"/sys/module/secex_paes/parameters/clrkey"
#define ROTATE_FILE	"/sys/kernel/secex_swcpacf/rotate"
#define DATA_LEN	4096

static int read_clrkey(void)
{
	char c = 0;
	int fd = open(CLRKEY_PARAM, O_RDONLY);

	if (fd < 0)
		return -1;
	if (read(fd, &c, 1) != 1)
		c = 0;
	close(fd);
	return c == 'Y' ? 1 : c == 'N' ? 0 : -1;
}

static void fill_random(__u8 *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = (__u8)random();
}

struct mode {
	const char *aes;
	const char *paes;
	size_t len;		/* data length: ctr takes any */
	int xts;
	int has_iv;
};

static const struct mode modes[] = {
	{ "ecb(aes)", "ecb(paes)", DATA_LEN, 0, 0 },
	{ "cbc(aes)", "cbc(paes)", DATA_LEN, 0, 1 },
	{ "ctr(aes)", "ctr(paes)", DATA_LEN - 5, 0, 1 },
	{ "xts(aes)", "xts(paes)", DATA_LEN, 1, 1 },
};

/*
 * Older harnesses run the test body even after SKIP() in the setup; a
 * test whose setup skipped returns at once (and stays skipped).
 */
FIXTURE(paes) {
	int clrkey_saved;
	__u8 iv[16];
	__u8 pt[DATA_LEN], ref[DATA_LEN], ct[DATA_LEN], back[DATA_LEN];
};

FIXTURE_SETUP(paes)
{
	int s = alg_tfm("xts(paes)");

	self->clrkey_saved = -1;
	if (s == -EAFNOSUPPORT || s == -ENOENT) {
		/*
		 * Where the kernel cannot load modules on demand (a guest
		 * whose init left the initramfs), load what on-demand
		 * loading would: AF_ALG and the AES modes (paes's inner
		 * ciphers), by their aliases.
		 */
		static const char * const mods[] = {
			"algif_skcipher", "crypto-aes", "crypto-ecb",
			"crypto-cbc", "crypto-ctr", "crypto-xts",
			"'crypto-xts(aes)'",
		};
		char cmd[64];
		unsigned int i;

		for (i = 0; i < ARRAY_SIZE(mods); i++) {
			snprintf(cmd, sizeof(cmd), "modprobe -q %s 2>/dev/null",
				 mods[i]);
			if (system(cmd) == -1)
				break;
		}
		s = alg_tfm("xts(paes)");
	}
	if (s == -EAFNOSUPPORT)
		SKIP(return, "AF_ALG is not available");
	if (s < 0)
		SKIP(return, "xts(paes) is not available (secex_paes not loaded?): %s",
		     strerror(-s));
	close(s);
	self->clrkey_saved = read_clrkey();
	if (self->clrkey_saved < 0)
		SKIP(return, "%s missing", CLRKEY_PARAM);
	if (sysfs_write(CLRKEY_PARAM, "Y"))
		SKIP(return, "cannot allow clear-key tokens (root needed)");
	srandom(getpid());
	fill_random(self->iv, sizeof(self->iv));
	fill_random(self->pt, sizeof(self->pt));
}

FIXTURE_TEARDOWN(paes)
{
	if (self->clrkey_saved >= 0)
		sysfs_write(CLRKEY_PARAM, self->clrkey_saved ? "Y" : "N");
}

static int expect_cpacf(void)
{
	const char *e = getenv("SECEX_EXPECT_CPACF");

	return e && !strcmp(e, "1");
}

/* The harness's z17-like machine: PCKMO makes AES-XTS double keys. */
static int expect_msa10(void)
{
	const char *e = getenv("SECEX_EXPECT_MSA10");

	return e && !strcmp(e, "1");
}

/* Reference ciphertext of the plain AES mode with the raw key. */
static int reference(const struct mode *m, const __u8 *key, size_t keylen,
		     const __u8 *iv, const __u8 *pt, __u8 *ref)
{
	int tfm = alg_tfm(m->aes), ret;

	if (tfm < 0)
		return tfm;
	ret = alg_setkey(tfm, key, keylen);
	if (!ret)
		ret = alg_crypt(tfm, ALG_OP_ENCRYPT, m->has_iv ? iv : NULL,
				pt, ref, m->len);
	close(tfm);
	return ret;
}

/*
 * Encrypt with paes keyed by @tok, compare with @ref, decrypt back.
 * Returns 0 or -errno of the first failing step (-EBADMSG: mismatch).
 */
static int check_paes(const struct mode *m, const void *tok, size_t toklen,
		      struct _test_data_paes *self)
{
	int tfm = alg_tfm(m->paes), ret;

	if (tfm < 0)
		return tfm;
	ret = alg_setkey(tfm, tok, toklen);
	if (!ret)
		ret = alg_crypt(tfm, ALG_OP_ENCRYPT, m->has_iv ? self->iv : NULL,
				self->pt, self->ct, m->len);
	if (!ret && memcmp(self->ct, self->ref, m->len))
		ret = -EBADMSG;
	if (!ret)
		ret = alg_crypt(tfm, ALG_OP_DECRYPT, m->has_iv ? self->iv : NULL,
				self->ct, self->back, m->len);
	if (!ret && memcmp(self->back, self->pt, m->len))
		ret = -EBADMSG;
	close(tfm);
	return ret;
}

/* Key @key (@keylen, both halves for XTS) as clear-key token(s). */
static size_t clear_tokens(const struct mode *m, __u8 *tok,
			   const __u8 *key, size_t keylen)
{
	size_t half = keylen / 2, n;

	if (!m->xts)
		return make_tok(tok, 0x02, aes_keytype(keylen), key, keylen);
	n = make_tok(tok, 0x02, aes_keytype(half), key, half);
	return n + make_tok(tok + n, 0x02, aes_keytype(half), key + half, half);
}

/*
 * Known answers of every mode for random AES keys of @min_size bytes and
 * up (XTS: two of them; there is no XTS-192), given to paes as clear-key
 * tokens or (!@tokens) raw.
 */
static void known_answers(struct __test_metadata *_metadata,
			  FIXTURE_DATA(paes) *self, size_t min_size,
			  int tokens)
{
	static const size_t sizes[] = { 16, 24, 32 };
	__u8 key[64], tok[2 * (TOKHDR_LEN + 32)];
	unsigned int i, j;
	size_t keylen, toklen;

	for (i = 0; i < ARRAY_SIZE(modes); i++) {
		for (j = 0; j < ARRAY_SIZE(sizes); j++) {
			if (sizes[j] < min_size ||
			    (modes[i].xts && sizes[j] == 24))
				continue;
			keylen = sizes[j] * (modes[i].xts ? 2 : 1);
			fill_random(key, keylen);
			ASSERT_EQ(0, reference(&modes[i], key, keylen, self->iv,
					       self->pt, self->ref));
			toklen = tokens ? clear_tokens(&modes[i], tok, key, keylen) :
					  keylen;
			EXPECT_EQ(0, check_paes(&modes[i], tokens ? tok : key,
						toklen, self))
				TH_LOG("%s, %s %zu-byte key", modes[i].paes,
				       tokens ? "token of a" : "raw", keylen);
		}
	}
}

/* The first test loads the AES modules on first use: give it time. */
TEST_F_TIMEOUT(paes, known_answer_clear_key_tokens, 180)
{
	/*
	 * Not AES-128: its 32-byte token (64 for two XTS keys) has the
	 * length of a raw AES-256 key, and paes, like upstream, decides by
	 * length alone.
	 */
	known_answers(_metadata, self, 24, 1);
}

TEST_F(paes, known_answer_raw_keys)
{
	/* 16/24/32 (XTS: 32/64) bytes are a raw key, as upstream. */
	known_answers(_metadata, self, 16, 0);
}

TEST_F(paes, known_answer_full_xts_token)
{
	static const __u32 types[] = {
		PKEY_KEYTYPE_AES_XTS_128, PKEY_KEYTYPE_AES_XTS_256,
	};
	__u8 key[64], tok[TOKHDR_LEN + 64];
	unsigned int i;
	size_t keylen, toklen;

	/* one token holding both XTS keys (like a UV AES-XTS secret) */
	for (i = 0; i < 2; i++) {
		keylen = i ? 64 : 32;
		fill_random(key, keylen);
		ASSERT_EQ(0, reference(&modes[3], key, keylen, self->iv,
				       self->pt, self->ref));
		toklen = make_tok(tok, 0x02, types[i], key, keylen);
		EXPECT_EQ(0, check_paes(&modes[3], tok, toklen, self))
			TH_LOG("%zu-byte full-XTS key", keylen);
	}
}

/* Protected-key token of the AES key @key made by PKEY_CLR2PROTK. */
static int protkey_token(__u8 *tok, const __u8 *key, __u32 len)
{
	struct pkey_clr2protk c = { .keytype = aes_keytype(len) };
	int fd = open("/dev/pkey", O_RDWR), ret;

	if (fd < 0)
		return -errno;
	memcpy(c.clrkey.clrkey, key, len);
	ret = ioctl(fd, PKEY_CLR2PROTK, &c) ? -errno : 0;
	close(fd);
	if (ret)
		return ret;
	/* struct protaeskeytoken: 16-byte header and a 64-byte array */
	memset(tok, 0, 80);
	make_tok(tok, 0x01, c.protkey.type, c.protkey.protkey, c.protkey.len);
	return 80;
}

/* One protected double key (the full-XTS functions of z17's MSA 10). */
TEST_F(paes, known_answer_full_xts_protected_key_token)
{
	__u8 key[64], tok[TOKHDR_LEN + 96], pk[96];
	unsigned int i, pklen = 0;
	size_t keylen;
	int n;

	for (i = 0; i < 2; i++) {
		keylen = i ? 64 : 32;
		fill_random(key, keylen);
		ASSERT_EQ(0, reference(&modes[3], key, keylen, self->iv,
				       self->pt, self->ref));
		n = pkey_xts_protkey(key, keylen, pk, &pklen);
		if (n == 0)
			n = make_tok(tok, 0x01, pklen == 64 ? PKEY_KEYTYPE_AES_XTS_128 :
				     PKEY_KEYTYPE_AES_XTS_256, pk, pklen);
		if (n == -ENODEV && pkey_uses_pckmo() == 1 && !expect_msa10())
			SKIP(return, "this machine's PCKMO makes no AES-XTS double keys");
		ASSERT_EQ((int)(TOKHDR_LEN + keylen + 32), n)
			TH_LOG("%zu-byte double key: %s", keylen, strerror(-n));
		/* protected keys work even where clear keys are refused */
		ASSERT_EQ(0, sysfs_write(CLRKEY_PARAM, "N"));
		EXPECT_EQ(0, check_paes(&modes[3], tok, n, self))
			TH_LOG("%zu-byte protected double key", keylen);
		ASSERT_EQ(0, sysfs_write(CLRKEY_PARAM, "Y"));
	}
}

TEST_F(paes, known_answer_protected_key_tokens)
{
	__u8 key[64], tok[160];
	unsigned int i;
	int n, n2;

	for (i = 0; i < ARRAY_SIZE(modes); i++) {
		size_t keylen = modes[i].xts ? 64 : 32;

		fill_random(key, keylen);
		ASSERT_EQ(0, reference(&modes[i], key, keylen, self->iv,
				       self->pt, self->ref));
		if (!modes[i].xts) {
			n = protkey_token(tok, key, 32);
			ASSERT_EQ(80, n);
		} else {
			n = protkey_token(tok, key, 32);
			n2 = protkey_token(tok + 80, key + 32, 32);
			ASSERT_EQ(80, n);
			ASSERT_EQ(80, n2);
			n = 160;
		}
		/* protected keys work even where clear keys are refused */
		ASSERT_EQ(0, sysfs_write(CLRKEY_PARAM, "N"));
		EXPECT_EQ(0, check_paes(&modes[i], tok, n, self))
			TH_LOG("%s, protected-key token", modes[i].paes);
		ASSERT_EQ(0, sysfs_write(CLRKEY_PARAM, "Y"));
	}
}

TEST_F(paes, clear_keys_refused_by_default)
{
	__u8 key[32], tok[TOKHDR_LEN + 32];
	size_t toklen;
	int tfm;

	fill_random(key, sizeof(key));
	toklen = make_tok(tok, 0x02, PKEY_KEYTYPE_AES_256, key, 32);
	ASSERT_EQ(0, sysfs_write(CLRKEY_PARAM, "N"));
	tfm = alg_tfm("cbc(paes)");
	ASSERT_LE(0, tfm);
	EXPECT_EQ(-EINVAL, alg_setkey(tfm, tok, toklen));
	EXPECT_EQ(-EINVAL, alg_setkey(tfm, key, 32));
	close(tfm);
}

TEST_F(paes, key_sizes)
{
	/*
	 * Too short, too long, and in range but no valid token (48 bytes
	 * for XTS: no raw XTS-192, so a blob, here an invalid one).
	 */
	static const struct {
		const char *alg;
		unsigned int too_short, too_long, invalid;
	} t[] = {
		{ "cbc(paes)", 15, 337, 64 },
		{ "xts(paes)", 31, 673, 48 },
	};
	__u8 buf[2 * 336 + 2] = { 0 };
	unsigned int i;
	int tfm;

	for (i = 0; i < ARRAY_SIZE(t); i++) {
		tfm = alg_tfm(t[i].alg);
		ASSERT_LE(0, tfm);
		EXPECT_EQ(-EINVAL, alg_setkey(tfm, buf, t[i].too_short));
		EXPECT_EQ(-EINVAL, alg_setkey(tfm, buf, t[i].too_long));
		EXPECT_NE(0, alg_setkey(tfm, buf, t[i].invalid));
		close(tfm);
	}
}

TEST_F(paes, rotation_does_not_fail_io)
{
	__u8 key[64], tok[160], before[DATA_LEN];
	const struct mode *m = &modes[3];
	int tfm, ptfm, ret;
	size_t toklen;

	if (pkey_uses_pckmo() == 1)
		SKIP(return, "the software core's rotation: protected keys are the machine's here (see cpacf_new_wrapping_key_rederives)");
	fill_random(key, sizeof(key));
	toklen = clear_tokens(m, tok, key, sizeof(key));
	tfm = alg_tfm(m->paes);
	ASSERT_LE(0, tfm);
	ASSERT_EQ(0, alg_setkey(tfm, tok, toklen));
	/* a transform keyed with protected-key tokens as well */
	ASSERT_EQ(80, protkey_token(tok, key, 32));
	ASSERT_EQ(80, protkey_token(tok + 80, key + 32, 32));
	ptfm = alg_tfm(m->paes);
	ASSERT_LE(0, ptfm);
	ASSERT_EQ(0, alg_setkey(ptfm, tok, 160));
	ASSERT_EQ(0, alg_crypt(tfm, ALG_OP_ENCRYPT, self->iv, self->pt, before,
			       m->len));

	ret = sysfs_write(ROTATE_FILE, "1");
	if (ret == -ENOENT)
		SKIP(goto out, "%s missing", ROTATE_FILE);
	ASSERT_EQ(0, ret);

	/* same transforms, same results, before and after re-derivation */
	EXPECT_EQ(0, alg_crypt(tfm, ALG_OP_ENCRYPT, self->iv, self->pt,
			       self->ct, m->len));
	EXPECT_EQ(0, memcmp(before, self->ct, m->len));
	EXPECT_EQ(0, alg_crypt(ptfm, ALG_OP_ENCRYPT, self->iv, self->pt,
			       self->ct, m->len));
	EXPECT_EQ(0, memcmp(before, self->ct, m->len));
	usleep(100000);
	EXPECT_EQ(0, alg_crypt(tfm, ALG_OP_DECRYPT, self->iv, before,
			       self->back, m->len));
	EXPECT_EQ(0, memcmp(self->pt, self->back, m->len));
	/* the old protected-key tokens are stale for new keys */
	EXPECT_EQ(-EKEYREJECTED, alg_setkey(ptfm, tok, 160));
out:
	close(ptfm);
	close(tfm);
}

/*
 * The highest-priority driver of @name in /proc/crypto into @drv; its
 * priority, or -1 if there is none.
 */
static int best_driver(const char *name, char *drv, size_t len)
{
	char line[256], cur[128] = "", want[160];
	int best = -1, match = 0, prio;
	FILE *f = fopen("/proc/crypto", "r");

	if (!f)
		return -1;
	snprintf(want, sizeof(want), "name         : %s\n", name);
	while (fgets(line, sizeof(line), f)) {
		if (line[0] == '\n')
			match = 0;
		else if (!strcmp(line, want))
			match = 1;
		else if (!strncmp(line, "driver       : ", 15))
			snprintf(cur, sizeof(cur), "%.*s",
				 (int)strcspn(line + 15, "\n"), line + 15);
		else if (match && sscanf(line, "priority     : %d", &prio) == 1 &&
			 prio > best) {
			best = prio;
			snprintf(drv, len, "%s", cur);
		}
	}
	fclose(f);
	return best;
}

/*
 * setkey while the wrapping key rotates as fast as it can: a rotation
 * between making the protected key and unwrapping it must not fail the
 * setkey (paes retries, as upstream does).
 */
TEST_F(paes, setkey_survives_rotation)
{
	enum { SETKEYS = 3000 };
	__u8 key[64], tok[2 * (TOKHDR_LEN + 32)];
	const struct mode *m = &modes[3];
	int tfm, i, failed = 0, first_err = 0, ret;
	size_t toklen;
	pid_t rotator;

	if (pkey_uses_pckmo() == 1)
		SKIP(return, "the software core's rotation: protected keys are the machine's here");
	if (access(ROTATE_FILE, W_OK))
		SKIP(return, "%s not writable (root, secex_swcpacf)", ROTATE_FILE);
	fill_random(key, sizeof(key));
	toklen = clear_tokens(m, tok, key, sizeof(key));
	tfm = alg_tfm(m->paes);
	ASSERT_LE(0, tfm);
	rotator = fork();
	ASSERT_LE(0, rotator);
	if (!rotator) {
		for (;;)
			if (sysfs_write(ROTATE_FILE, "1"))
				_exit(1);
	}
	for (i = 0; i < SETKEYS; i++) {
		ret = alg_setkey(tfm, tok, toklen);
		if (ret && !failed++)
			first_err = ret;
	}
	kill(rotator, SIGKILL);
	waitpid(rotator, NULL, 0);
	EXPECT_EQ(0, failed) TH_LOG("%d of %d setkeys failed, first: %s",
				    failed, SETKEYS, strerror(-first_err));
	close(tfm);
}

/*
 * On a machine with the CPACF encrypted-key functions, each paes mode is
 * served by our CPACF transforms: the protected key is never unwrapped.
 */
TEST_F(paes, cpacf_path_serves_every_mode)
{
	char drv[128], want[128];
	unsigned int i;
	int prio;

	if (best_driver("ecb(paes)", drv, sizeof(drv)) >= 0 &&
	    !strstr(drv, "-cpacf") && !expect_cpacf())
		SKIP(return, "no CPACF encrypted-key functions: software path (%s)", drv);
	for (i = 0; i < ARRAY_SIZE(modes); i++) {
		prio = best_driver(modes[i].paes, drv, sizeof(drv));
		snprintf(want, sizeof(want), "%.3s-paes-secex-cpacf", modes[i].paes);
		EXPECT_EQ(0, strcmp(drv, want)) TH_LOG("%s: %s", modes[i].paes, drv);
		EXPECT_EQ(300, prio);
	}
}

/*
 * The machine's wrapping key changes under an open transform (as in a
 * live migration): a key from a clear-key token is re-derived and the
 * next request gives the same answer; a protected-key token cannot be
 * re-derived, and its requests fail instead of returning garbage.  For
 * XTS also a transform keyed with one double-key token (full XTS).
 */
TEST_F(paes, cpacf_new_wrapping_key_rederives)
{
	__u8 key[64], tok[2 * (TOKHDR_LEN + 32)], ptok[160];
	__u8 dtok[TOKHDR_LEN + 64];
	int tfm, ptfm, dtfm, n, ret;
	unsigned int i;
	char drv[128];

	best_driver("ecb(paes)", drv, sizeof(drv));
	if (!strstr(drv, "-cpacf"))
		SKIP(return, "paes does not run on CPACF here (%s)", drv);
	for (i = 0; i < ARRAY_SIZE(modes); i++) {
		const struct mode *m = &modes[i];
		size_t keylen = m->xts ? 64 : 32;

		fill_random(key, keylen);
		ASSERT_EQ(0, reference(m, key, keylen, self->iv, self->pt,
				       self->ref));
		tfm = alg_tfm(m->paes);
		ASSERT_GE(tfm, 0);
		ASSERT_EQ(0, alg_setkey(tfm, tok, clear_tokens(m, tok, key, keylen)));
		n = protkey_token(ptok, key, 32);
		if (m->xts)
			n += protkey_token(ptok + n, key + 32, 32);
		ptfm = alg_tfm(m->paes);
		ASSERT_GE(ptfm, 0);
		ASSERT_EQ(0, alg_setkey(ptfm, ptok, n));
		dtfm = -1;
		if (m->xts) {
			dtfm = alg_tfm(m->paes);
			ASSERT_GE(dtfm, 0);
			ASSERT_EQ(0, alg_setkey(dtfm, dtok,
						make_tok(dtok, 0x02, PKEY_KEYTYPE_AES_XTS_256,
							 key, 64)));
		}

		ret = host_request("cpacf-new-wrapping-key");
		if (ret == -ENOENT) {
			close(tfm);
			close(ptfm);
			if (dtfm >= 0)
				close(dtfm);
			SKIP(return, "no host control port: not in a harness guest");
		}
		ASSERT_EQ(0, ret);
		memset(self->ct, 0, m->len);
		EXPECT_EQ(0, alg_crypt(tfm, ALG_OP_ENCRYPT, m->has_iv ? self->iv : NULL,
				       self->pt, self->ct, m->len));
		EXPECT_EQ(0, memcmp(self->ct, self->ref, m->len))
			TH_LOG("%s: wrong answer after the wrapping key changed", m->paes);
		ret = alg_crypt(ptfm, ALG_OP_ENCRYPT, m->has_iv ? self->iv : NULL,
				self->pt, self->ct, m->len);
		EXPECT_NE(0, ret) TH_LOG("%s: a stale protected-key token still worked", m->paes);
		if (dtfm >= 0) {
			memset(self->ct, 0, m->len);
			EXPECT_EQ(0, alg_crypt(dtfm, ALG_OP_ENCRYPT, self->iv,
					       self->pt, self->ct, m->len));
			EXPECT_EQ(0, memcmp(self->ct, self->ref, m->len))
				TH_LOG("double-key token: wrong answer after the wrapping key changed");
			close(dtfm);
		}
		close(tfm);
		close(ptfm);
	}
}

TEST_HARNESS_MAIN
