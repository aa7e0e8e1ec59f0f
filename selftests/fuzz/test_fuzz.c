// SPDX-License-Identifier: GPL-2.0
/*
 * Structure-aware ioctl fuzzer for /dev/uv and /dev/pkey.
 *
 * Every call gets a command (mostly valid, sometimes a malformed
 * encoding), a control block or argument struct with boundary lengths,
 * pointers into unmapped memory and across the end of a mapping, non-zero
 * reserved fields, and payloads mutated from valid requests (IBM's
 * attestation and add-secret requests in testvectors/) and key tokens.  A call
 * may fail, but only with a documented errno; the kernel log check of the
 * harness catches crashes and warnings.  LOCK_SECRETS is never issued
 * valid, so the secret store of the guest stays usable for later tests.
 *
 * Usage: test_fuzz [--seed N] [--calls N] [--fault-inject PERCENT]
 * Defaults: seed 1, 20000 calls per device, fault injection (failslab and
 * fail_page_alloc, this process only) during the middle third of the run
 * where the kernel offers it.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kselftest.h"
#include "secex/uvdevice.h"
#include "secex/pkey.h"

#define MAX_CORPUS	32
#define PAGE		4096

struct blob {
	uint8_t *data;
	size_t len;
};

static struct blob corpus[MAX_CORPUS];
static unsigned int ncorpus;
static uint64_t rng_state;
static uint8_t *work;		/* scratch area, PAGE * 64 bytes */
static uint8_t *edge;		/* last byte before a PROT_NONE page */
static uint8_t *hole;		/* a PROT_NONE page */
static unsigned long bad_errno[4096];
/* Fuzzed calls that succeeded: zero means the fuzzer reached nothing. */
static unsigned long calls_ok;

static uint64_t rnd(void)
{
	/* xorshift64*: reproducible from --seed */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1DULL;
}

static uint32_t pick(uint32_t n)
{
	return n ? rnd() % n : 0;
}

static void load_corpus_file(const char *path)
{
	FILE *f;
	long len;

	if (ncorpus >= MAX_CORPUS)
		return;
	f = fopen(path, "rb");
	if (!f)
		return;
	if (fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) > 0 &&
	    fseek(f, 0, SEEK_SET) == 0) {
		corpus[ncorpus].data = malloc(len);
		if (corpus[ncorpus].data &&
		    fread(corpus[ncorpus].data, 1, len, f) == (size_t)len) {
			corpus[ncorpus].len = len;
			ncorpus++;
		}
	}
	fclose(f);
}

static void load_corpus(const char *dir)
{
	char path[512];
	struct dirent *de;
	DIR *d;

	snprintf(path, sizeof(path), "%s/arcb.bin", dir);
	load_corpus_file(path);
	snprintf(path, sizeof(path), "%s/asrcb", dir);
	d = opendir(path);
	if (!d)
		return;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/asrcb/%s", dir, de->d_name);
		load_corpus_file(path);
	}
	closedir(d);
}

/* Boundary-heavy length: exact limits, one off, zero, huge, random. */
static uint32_t fuzz_len(uint32_t exact, uint32_t max)
{
	switch (pick(10)) {
	case 0: return 0;
	case 1: return exact ? exact - 1 : 1;
	case 2: return exact + 1;
	case 3: return max;
	case 4: return max + 1;
	case 5: return 0xffffffffu;
	case 6: return pick(max + 2);
	default: return exact;
	}
}

/* A user pointer to @len bytes: valid, NULL, unmapped, crossing into an
 * unmapped page, or a kernel address. */
static uint64_t fuzz_ptr(size_t len)
{
	switch (pick(12)) {
	case 0: return 0;
	case 1: return (uintptr_t)hole;
	case 2: return (uintptr_t)(edge - (len ? pick(len) : 0));
	case 3: return 0xffff800000000000ull + (rnd() & 0xfffff000);
	case 4: return rnd();
	default: return (uintptr_t)(work + pick(PAGE));
	}
}

/* Fill @len bytes at @p from the corpus, mutated. */
static void fuzz_payload(uint8_t *p, size_t len)
{
	size_t i, n;

	if (ncorpus && pick(4)) {
		const struct blob *b = &corpus[pick(ncorpus)];

		n = len < b->len ? len : b->len;
		memcpy(p, b->data, n);
		memset(p + n, 0, len - n);
	} else {
		for (i = 0; i < len; i++)
			p[i] = rnd();
	}
	for (i = pick(8); i-- && len;) {
		switch (pick(3)) {
		case 0: p[pick(len)] ^= 1 << pick(8); break;
		case 1: p[pick(len < 64 ? len : 64)] = rnd(); break;	/* headers */
		default: p[pick(len)] = pick(2) ? 0xff : 0; break;
		}
	}
}

static unsigned int fuzz_cmd(unsigned int valid)
{
	switch (pick(16)) {
	case 0: return _IOC(_IOC_DIR(valid) ^ pick(4), _IOC_TYPE(valid),
			    _IOC_NR(valid), _IOC_SIZE(valid));
	case 1: return _IOC(_IOC_DIR(valid), pick(256), _IOC_NR(valid),
			    _IOC_SIZE(valid));
	case 2: return _IOC(_IOC_DIR(valid), _IOC_TYPE(valid), pick(256),
			    _IOC_SIZE(valid));
	case 3: return _IOC(_IOC_DIR(valid), _IOC_TYPE(valid), _IOC_NR(valid),
			    pick(_IOC_SIZEMASK + 1));
	default: return valid;
	}
}

static void note_errno(int ok_rc, int err)
{
	static const int documented[] = {
		EFAULT, EINVAL, ENOTTY, ENOMEM, ENODEV, EOPNOTSUPP, EKEYREJECTED,
		EKEYEXPIRED, EBUSY, ENOENT, E2BIG, ENOSPC, EPERM, EIO, EAGAIN,
		EINTR, ENOKEY, EMSGSIZE, ERANGE, EBADMSG,
	};
	unsigned int i;

	if (ok_rc == 0) {
		calls_ok++;
		return;
	}
	for (i = 0; i < sizeof(documented) / sizeof(documented[0]); i++)
		if (err == documented[i])
			return;
	if (err >= 0 && err < 4096)
		bad_errno[err]++;
}

static void fuzz_uv_call(int fd)
{
	static const uint32_t limits[UVIO_IOCTL_NUM_IOCTLS][2] = {
		[UVIO_IOCTL_UVDEV_INFO_NR] = { sizeof(struct uvio_uvdev_info), 64 },
		[UVIO_IOCTL_ATT_NR] = { sizeof(struct uvio_attest), 0x200 },
		[UVIO_IOCTL_ADD_SECRET_NR] = { 0x200, UVIO_ADD_SECRET_MAX_LEN },
		[UVIO_IOCTL_LIST_SECRETS_NR] = { PAGE, 4 * PAGE },
		[UVIO_IOCTL_LOCK_SECRETS_NR] = { 0, 16 },
		[UVIO_IOCTL_RETR_SECRET_NR] = { 0x100, UVIO_RETR_SECRET_MAX_LEN },
	};
	unsigned int nr = pick(UVIO_IOCTL_NUM_IOCTLS), cmd;
	struct uvio_ioctl_cb cb = { 0 };
	uint8_t *arg = work + 8 * PAGE;
	int rc;

	cmd = fuzz_cmd(UVIO_IOCTL(nr));
	if (!pick(16))
		cb.flags = rnd();
	if (!pick(16))
		cb.reserved14[pick(sizeof(cb.reserved14))] = 1 + pick(255);
	cb.argument_len = fuzz_len(limits[nr][0], limits[nr][1]);
	if (cb.argument_len > 32 * PAGE)
		cb.argument_len = pick(2) ? 32 * PAGE : cb.argument_len;
	cb.argument_addr = pick(6) ? (uintptr_t)arg : fuzz_ptr(cb.argument_len);

	if (nr == UVIO_IOCTL_ATT_NR) {
		struct uvio_attest *att = (struct uvio_attest *)arg;
		uint8_t *arcb = work + 16 * PAGE, *meas = work + 24 * PAGE;

		memset(att, 0, sizeof(*att));
		att->arcb_len = fuzz_len(ncorpus ? corpus[0].len : 0x190,
					 UVIO_ATT_ARCB_MAX_LEN);
		if (att->arcb_len > 8 * PAGE)
			att->arcb_len = 8 * PAGE;
		fuzz_payload(arcb, att->arcb_len);
		att->arcb_addr = pick(6) ? (uintptr_t)arcb : fuzz_ptr(att->arcb_len);
		att->meas_len = fuzz_len(64, UVIO_ATT_MEASUREMENT_MAX_LEN);
		if (att->meas_len > 8 * PAGE)
			att->meas_len = 8 * PAGE;
		att->meas_addr = pick(6) ? (uintptr_t)meas : fuzz_ptr(att->meas_len);
		att->add_data_len = pick(3) ? 0 : fuzz_len(0x100, UVIO_ATT_ADDITIONAL_MAX_LEN);
		if (att->add_data_len > 4 * PAGE)
			att->add_data_len = 4 * PAGE;
		att->add_data_addr = (uintptr_t)(work + 40 * PAGE);
		att->user_data_len = fuzz_len(0, UVIO_ATT_USER_DATA_LEN);
		if (!pick(16))
			att->reserved136 = rnd();
	} else if (nr == UVIO_IOCTL_ADD_SECRET_NR) {
		if (cb.argument_len <= 32 * PAGE && cb.argument_addr == (uintptr_t)arg)
			fuzz_payload(arg, cb.argument_len);
	} else if (nr == UVIO_IOCTL_LOCK_SECRETS_NR) {
		/* Never a valid LOCK: later tests need an unlocked store. */
		if (!cb.argument_len && (!cb.argument_addr || !pick(2)))
			cb.argument_len = 1 + pick(64);
		if (cmd != UVIO_IOCTL_LOCK_SECRETS && !pick(2))
			cmd = UVIO_IOCTL_LOCK_SECRETS;
	} else if (nr == UVIO_IOCTL_RETR_SECRET_NR) {
		arg[0] = 0;
		arg[1] = pick(4) ? pick(8) : rnd();
	}
	rc = ioctl(fd, cmd, !pick(32) ? (void *)fuzz_ptr(sizeof(cb)) : &cb);
	note_errno(rc, errno);
}

/* pkey: ioctl number, argument size, offsets of pointer/length fields. */
struct pkey_desc {
	unsigned int cmd;
	size_t size;
	int key_ptr, key_len, apqn_ptr, apqn_len, out_ptr, out_len;
};

#define NO (-1)
#define OFF(s, f) ((int)offsetof(struct s, f))
static const struct pkey_desc pkey_descs[] = {
	{ PKEY_GENPROTK, sizeof(struct pkey_genprotk), NO, NO, NO, NO, NO, NO },
	{ PKEY_CLR2PROTK, sizeof(struct pkey_clr2protk), NO, NO, NO, NO, NO, NO },
	{ PKEY_VERIFYPROTK, sizeof(struct pkey_verifyprotk), NO, NO, NO, NO, NO, NO },
	{ PKEY_KBLOB2PROTK, sizeof(struct pkey_kblob2pkey),
	  OFF(pkey_kblob2pkey, key), OFF(pkey_kblob2pkey, keylen), NO, NO, NO, NO },
	{ PKEY_KBLOB2PROTK2, sizeof(struct pkey_kblob2pkey2),
	  OFF(pkey_kblob2pkey2, key), OFF(pkey_kblob2pkey2, keylen),
	  OFF(pkey_kblob2pkey2, apqns), OFF(pkey_kblob2pkey2, apqn_entries), NO, NO },
	{ PKEY_KBLOB2PROTK3, sizeof(struct pkey_kblob2pkey3),
	  OFF(pkey_kblob2pkey3, key), OFF(pkey_kblob2pkey3, keylen),
	  OFF(pkey_kblob2pkey3, apqns), OFF(pkey_kblob2pkey3, apqn_entries),
	  OFF(pkey_kblob2pkey3, pkey), OFF(pkey_kblob2pkey3, pkeylen) },
	{ PKEY_VERIFYKEY2, sizeof(struct pkey_verifykey2),
	  OFF(pkey_verifykey2, key), OFF(pkey_verifykey2, keylen), NO, NO, NO, NO },
	{ PKEY_APQNS4K, sizeof(struct pkey_apqns4key),
	  OFF(pkey_apqns4key, key), OFF(pkey_apqns4key, keylen),
	  OFF(pkey_apqns4key, apqns), OFF(pkey_apqns4key, apqn_entries), NO, NO },
	{ PKEY_APQNS4KT, sizeof(struct pkey_apqns4keytype), NO, NO,
	  OFF(pkey_apqns4keytype, apqns), OFF(pkey_apqns4keytype, apqn_entries), NO, NO },
	{ PKEY_GENSECK2, sizeof(struct pkey_genseck2), NO, NO,
	  OFF(pkey_genseck2, apqns), OFF(pkey_genseck2, apqn_entries),
	  OFF(pkey_genseck2, key), OFF(pkey_genseck2, keylen) },
	{ PKEY_CLR2SECK2, sizeof(struct pkey_clr2seck2), NO, NO,
	  OFF(pkey_clr2seck2, apqns), OFF(pkey_clr2seck2, apqn_entries),
	  OFF(pkey_clr2seck2, key), OFF(pkey_clr2seck2, keylen) },
};

/* A key token: clear, protected, UV secret or CCA, then mutated. */
static size_t fuzz_token(uint8_t *t)
{
	static const uint8_t vers[] = { 0x01, 0x02, 0x09, 0x04, 0x03, 0x06 };
	static const uint32_t sizes[] = { 16, 24, 32, 32, 64, 64, 128, 48, 80 };
	uint32_t keytype = 1 + pick(13), len = sizes[pick(9)];
	size_t total;

	memset(t, 0, 16);
	t[0] = pick(8) ? 0x00 : 0x01;
	t[4] = vers[pick(sizeof(vers))];
	if (t[4] == 0x09) {			/* UV secret reference */
		uint16_t type = 4 + pick(18), slen = len;

		memcpy(t + 8, &type, 2);
		memcpy(t + 10, &slen, 2);
		for (total = 12; total < 44; total++)
			t[total] = rnd();
		total = 44;
	} else {
		memcpy(t + 8, &keytype, 4);
		memcpy(t + 12, &len, 4);
		if (t[4] == 0x01)
			len += 32;		/* protected key + WKVP */
		for (total = 16; total < 16 + len; total++)
			t[total] = rnd();
	}
	if (pick(3) == 0)
		t[pick(16)] ^= 1 << pick(8);
	/*
	 * The header alone: nothing behind it may be read (a UV-secret
	 * token's type once was, beyond an 8-byte blob).
	 */
	if (pick(16) == 0)
		return 8;
	return pick(8) ? total : fuzz_len(total, 2 * PAGE);
}

static void fuzz_pkey_call(int fd)
{
	const struct pkey_desc *d = &pkey_descs[pick(sizeof(pkey_descs) / sizeof(pkey_descs[0]))];
	uint8_t *arg = work + 8 * PAGE, *tok = work + 16 * PAGE;
	uint8_t *apqns = work + 24 * PAGE, *out = work + 28 * PAGE;
	uint64_t ptr;
	uint32_t len;
	size_t i;
	int rc;

	for (i = 0; i < d->size; i++)
		arg[i] = pick(4) ? 0 : rnd();
	/* Key types and lengths in the fixed part: mostly sane values. */
	if (d->size >= 8 && pick(2)) {
		uint32_t kt = 1 + pick(13);

		memcpy(arg, &kt, 4);
	}
	if (d->key_ptr != NO) {
		len = fuzz_token(tok);
		ptr = pick(6) ? (uintptr_t)tok : fuzz_ptr(len);
		memcpy(arg + d->key_ptr, &ptr, sizeof(ptr));
		memcpy(arg + d->key_len, &len, sizeof(len));
	}
	if (d->apqn_ptr != NO) {
		len = pick(3) ? 0 : fuzz_len(1, 256);
		for (i = 0; i < 64; i++)
			apqns[i] = pick(2) ? 0xff : rnd();
		ptr = pick(4) ? (uintptr_t)apqns : fuzz_ptr(len * 4);
		memcpy(arg + d->apqn_ptr, &ptr, sizeof(ptr));
		memcpy(arg + d->apqn_len, &len, sizeof(len));
	}
	if (d->out_ptr != NO) {
		len = fuzz_len(256, 2 * PAGE);
		ptr = pick(4) ? (uintptr_t)out : fuzz_ptr(len);
		memcpy(arg + d->out_ptr, &ptr, sizeof(ptr));
		memcpy(arg + d->out_len, &len, sizeof(len));
	}
	rc = ioctl(fd, fuzz_cmd(d->cmd), !pick(32) ? (void *)fuzz_ptr(d->size) : arg);
	note_errno(rc, errno);
}

/* Fault injection for this process only, through debugfs. */
static int fault_inject(int percent)
{
	static const char * const dirs[] = {
		"/sys/kernel/debug/failslab", "/sys/kernel/debug/fail_page_alloc",
	};
	char path[128], val[16];
	unsigned int i;
	int fd, ok = 0;

	for (i = 0; i < 2; i++) {
		/* GFP_KERNEL allocations are exempt unless ignore-gfp-wait=N. */
		static const char * const knobs[][2] = {
			{ "task-filter", "Y" }, { "interval", "1" },
			{ "times", "-1" }, { "verbose", "0" },
			{ "ignore-gfp-wait", "N" }, { "probability", NULL },
		};
		unsigned int k;

		for (k = 0; k < sizeof(knobs) / sizeof(knobs[0]); k++) {
			snprintf(path, sizeof(path), "%s/%s", dirs[i], knobs[k][0]);
			snprintf(val, sizeof(val), "%d", percent);
			fd = open(path, O_WRONLY);
			if (fd < 0)
				continue;
			if (write(fd, knobs[k][1] ? knobs[k][1] : val,
				  strlen(knobs[k][1] ? knobs[k][1] : val)) > 0)
				ok++;
			close(fd);
		}
	}
	fd = open("/proc/self/make-it-fail", O_WRONLY);
	if (fd >= 0) {
		if (write(fd, percent ? "1" : "0", 1) != 1)
			ok = 0;
		close(fd);
	}
	return ok;
}

/* A well-formed call that must succeed: 0, else -errno or -EPROTO. */
static int uv_healthy(int fd)
{
	struct uvio_uvdev_info info;
	struct uvio_ioctl_cb cb = {
		.argument_addr = (uintptr_t)&info,
		.argument_len = sizeof(info),
	};

	if (ioctl(fd, UVIO_IOCTL_UVDEV_INFO, &cb))
		return -errno;
	return cb.uv_rc == 1 ? 0 : -EPROTO;
}

static int pkey_healthy(int fd)
{
	struct pkey_genprotk g = { .keytype = PKEY_KEYTYPE_AES_128 };

	return ioctl(fd, PKEY_GENPROTK, &g) ? -errno : 0;
}

/*
 * Fuzz @dev, then judge by what was seen: no crash (the harness checks
 * the kernel log), some fuzzed calls succeeded, and afterwards the device
 * still answers a well-formed call.
 */
static void run_device(const char *dev, void (*call)(int), int (*healthy)(int),
		       unsigned long calls, int fault_pct)
{
	unsigned long i, faulted = 0, ok0 = calls_ok;
	int fd = open(dev, O_RDWR), health;

	if (fd < 0) {
		ksft_test_result_skip("fuzz %s: cannot open (%s)\n", dev, strerror(errno));
		return;
	}
	for (i = 0; i < calls; i++) {
		if (fault_pct && i == calls / 3)
			faulted = fault_inject(fault_pct) ? calls / 3 : 0;
		if (fault_pct && i == 2 * calls / 3)
			fault_inject(0);
		call(fd);
	}
	fault_inject(0);
	health = healthy(fd);
	close(fd);
	if (health)
		ksft_print_msg("%s: a well-formed call fails after fuzzing: %s\n",
			       dev, strerror(-health));
	ksft_test_result(!health && calls_ok > ok0,
			 "fuzz %s: %lu calls, %lu succeeded, %lu with fault injection; the device still answers\n",
			 dev, calls, calls_ok - ok0, faulted);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "seed", required_argument, NULL, 's' },
		{ "calls", required_argument, NULL, 'n' },
		{ "fault-inject", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned long long seed = 1;
	unsigned long calls = 20000, bad = 0;
	int fault_pct = 5, c, e;
	char datadir[512];
	uint8_t *map;

	while ((c = getopt_long(argc, argv, "s:n:f:h", opts, NULL)) != -1) {
		switch (c) {
		case 's': seed = strtoull(optarg, NULL, 0); break;
		case 'n': calls = strtoul(optarg, NULL, 0); break;
		case 'f': fault_pct = atoi(optarg); break;
		default:
			printf("usage: %s [--seed N] [--calls N] [--fault-inject PERCENT]\n",
			       argv[0]);
			return c == 'h' ? 0 : 2;
		}
	}

	/* xorshift needs a non-zero state. */
	rng_state = seed ? seed : 1;
	ksft_print_header();
	ksft_set_plan(3);
	/* 64 pages of scratch, then the edge page, then a PROT_NONE page. */
	map = mmap(NULL, 66 * PAGE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (map == MAP_FAILED)
		ksft_exit_fail_msg("mmap: %s\n", strerror(errno));
	work = map;
	hole = map + 65 * PAGE;
	edge = hole - 1;
	if (mprotect(hole, PAGE, PROT_NONE))
		ksft_exit_fail_msg("mprotect: %s\n", strerror(errno));

	snprintf(datadir, sizeof(datadir), "%s", argv[0]);
	if (strrchr(datadir, '/'))
		*strrchr(datadir, '/') = '\0';
	else
		snprintf(datadir, sizeof(datadir), ".");
	strncat(datadir, "/../testvectors/s390-tools/exp",
		sizeof(datadir) - strlen(datadir) - 1);
	load_corpus(datadir);
	ksft_print_msg("seed %llu, %lu calls per device, corpus of %u requests\n",
		       seed, calls, ncorpus);

	run_device("/dev/uv", fuzz_uv_call, uv_healthy, calls, fault_pct);
	run_device("/dev/pkey", fuzz_pkey_call, pkey_healthy, calls, fault_pct);

	for (e = 0; e < 4096; e++) {
		if (!bad_errno[e])
			continue;
		ksft_print_msg("undocumented errno %d (%s): %lu times\n", e,
			       strerror(e), bad_errno[e]);
		bad += bad_errno[e];
	}
	ksft_test_result(bad == 0, "every failed call returned a documented errno\n");
	ksft_finished();
}
