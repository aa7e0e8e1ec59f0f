// SPDX-License-Identifier: GPL-2.0
/*
 * Concurrency: 64 threads mix every ioctl of /dev/uv and /dev/pkey while
 * the main thread keeps asking the kernel to unload the modules.  Unload
 * must be refused while the devices are open and succeed once they are
 * closed; the modules are loaded again at the end.  The harness' kernel
 * log check catches lockdep reports and warnings.
 *
 * Usage: test_concurrency [--threads N] [--seconds N]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "kselftest.h"
#include "secex/uvdevice.h"
#include "secex/pkey.h"

/* Modules that open /dev/uv and /dev/pkey descriptors keep in use. */
static const char * const busy_modules[] = { "secex_uv", "secex_pkey" };

static atomic_bool stop;
static atomic_ulong calls, unexpected;
static uint8_t arcb[0x190];

static void expect(int rc, int err, const char *what)
{
	static const int ok[] = { EINVAL, EFAULT, EKEYREJECTED, EKEYEXPIRED,
				  ENODEV, EOPNOTSUPP, ENOENT, ENOMEM, EBUSY };
	unsigned int i;

	atomic_fetch_add(&calls, 1);
	if (rc == 0)
		return;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (err == ok[i])
			return;
	if (atomic_fetch_add(&unexpected, 1) < 5)
		ksft_print_msg("%s: unexpected errno %d (%s)\n", what, err, strerror(err));
}

/* errno must be read after the call: arguments have no evaluation order. */
#define EXPECT_CALL(call, what)				\
	do {						\
		int __rc = (call);			\
							\
		expect(__rc, errno, what);		\
	} while (0)

static int uv_call(int fd, unsigned int nr, void *arg, uint32_t len)
{
	struct uvio_ioctl_cb cb = {
		.argument_addr = (uintptr_t)arg,
		.argument_len = len,
	};

	return ioctl(fd, UVIO_IOCTL(nr), &cb);
}

static void uv_round(int fd, unsigned int r)
{
	static __thread uint8_t page[2 * 4096];
	struct uvio_uvdev_info info;
	struct uvio_attest att = {
		.arcb_addr = (uintptr_t)arcb, .arcb_len = sizeof(arcb),
		.meas_addr = (uintptr_t)page, .meas_len = 64,
	};

	switch (r % 6) {
	case 0:
		EXPECT_CALL(uv_call(fd, UVIO_IOCTL_UVDEV_INFO_NR, &info, sizeof(info)), "INFO");
		break;
	case 1:
		EXPECT_CALL(uv_call(fd, UVIO_IOCTL_ATT_NR, &att, sizeof(att)), "ATT");
		break;
	case 2:
		EXPECT_CALL(uv_call(fd, UVIO_IOCTL_ADD_SECRET_NR, arcb, sizeof(arcb)), "ADD");
		break;
	case 3:
		EXPECT_CALL(uv_call(fd, UVIO_IOCTL_LIST_SECRETS_NR, page, 4096 << (r & 1)), "LIST");
		break;
	case 4:
		/* The modules are reloaded at the end, which unlocks again. */
		EXPECT_CALL(uv_call(fd, UVIO_IOCTL_LOCK_SECRETS_NR, NULL, 0), "LOCK");
		break;
	default:
		memset(page, 0, 2);
		page[1] = r & 3;
		EXPECT_CALL(uv_call(fd, UVIO_IOCTL_RETR_SECRET_NR, page, 512), "RETR");
		break;
	}
}

static void pkey_round(int fd, unsigned int r)
{
	struct pkey_genprotk gen = { .keytype = PKEY_KEYTYPE_AES_256 };
	struct pkey_clr2protk clr = { .keytype = PKEY_KEYTYPE_AES_128 };
	struct pkey_verifyprotk ver;
	uint8_t token[16 + 64 + 32] = { 0 };
	struct pkey_kblob2pkey kb = { .key = token, .keylen = 16 + 32 + 32 };
	struct pkey_verifykey2 vk = { .key = token, .keylen = 16 + 32 + 32 };
	struct pkey_apqn apqns[4];
	struct pkey_apqns4key a4k = { .key = token, .keylen = 16 + 32 + 32,
				      .apqns = apqns, .apqn_entries = 4 };
	struct pkey_apqns4keytype a4t = { .type = PKEY_TYPE_CCA_DATA,
					  .apqns = apqns, .apqn_entries = 4 };
	uint8_t seck[64];
	struct pkey_genseck2 gs = { .type = PKEY_TYPE_CCA_DATA,
				    .size = PKEY_SIZE_AES_256,
				    .key = seck, .keylen = sizeof(seck) };
	uint32_t v;

	if (ioctl(fd, PKEY_GENPROTK, &gen)) {
		expect(-1, errno, "GENPROTK");
		return;
	}
	expect(0, 0, "GENPROTK");
	/* A protected-key token (type 0, version 1) around the fresh key. */
	token[4] = 0x01;
	v = gen.protkey.type;
	memcpy(token + 8, &v, 4);
	v = gen.protkey.len;
	memcpy(token + 12, &v, 4);
	memcpy(token + 16, gen.protkey.protkey, gen.protkey.len);
	ver.protkey = gen.protkey;

	switch (r % 7) {
	case 0: EXPECT_CALL(ioctl(fd, PKEY_VERIFYPROTK, &ver), "VERIFYPROTK"); break;
	case 1: EXPECT_CALL(ioctl(fd, PKEY_CLR2PROTK, &clr), "CLR2PROTK"); break;
	case 2: EXPECT_CALL(ioctl(fd, PKEY_KBLOB2PROTK, &kb), "KBLOB2PROTK"); break;
	case 3: EXPECT_CALL(ioctl(fd, PKEY_VERIFYKEY2, &vk), "VERIFYKEY2"); break;
	case 4: EXPECT_CALL(ioctl(fd, PKEY_APQNS4K, &a4k), "APQNS4K"); break;
	case 5: EXPECT_CALL(ioctl(fd, PKEY_APQNS4KT, &a4t), "APQNS4KT"); break;
	default: EXPECT_CALL(ioctl(fd, PKEY_GENSECK2, &gs), "GENSECK2"); break;
	}
}

static void *worker(void *arg)
{
	unsigned int r = (unsigned int)(uintptr_t)arg * 2654435761u;
	int uv = open("/dev/uv", O_RDWR), pk = open("/dev/pkey", O_RDWR);

	while (!atomic_load(&stop)) {
		r = r * 1103515245u + 12345u;
		if (uv >= 0 && (r >> 16) & 1)
			uv_round(uv, r >> 17);
		else if (pk >= 0)
			pkey_round(pk, r >> 17);
	}
	if (uv >= 0)
		close(uv);
	if (pk >= 0)
		close(pk);
	return NULL;
}

static int try_unload(const char *name)
{
	return syscall(SYS_delete_module, name, O_NONBLOCK) ? errno : 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "threads", required_argument, NULL, 't' },
		{ "seconds", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned int nthreads = 64, seconds = 20, i, attempts = 0, refused = 0;
	pthread_t *threads;
	time_t end;
	int c, rc;

	while ((c = getopt_long(argc, argv, "t:s:h", opts, NULL)) != -1) {
		switch (c) {
		case 't': nthreads = strtoul(optarg, NULL, 0); break;
		case 's': seconds = strtoul(optarg, NULL, 0); break;
		default:
			printf("usage: %s [--threads N] [--seconds N]\n", argv[0]);
			return c == 'h' ? 0 : 2;
		}
	}
	ksft_print_header();
	if (access("/dev/uv", F_OK) || access("/dev/pkey", F_OK))
		ksft_exit_skip("needs /dev/uv and /dev/pkey (secex modules not loaded)\n");
	ksft_set_plan(4);
	memset(arcb, 0x5a, sizeof(arcb));
	/* /proc/modules lists the newest first: reversed, it is load order. */
	if (system("awk '/^secex_/ { print $1 }' /proc/modules | tac "
		   ">/tmp/secex-stress.modules"))
		ksft_exit_fail_msg("cannot list the loaded modules\n");

	threads = calloc(nthreads, sizeof(*threads));
	if (!threads)
		ksft_exit_fail_msg("out of memory\n");
	for (i = 0; i < nthreads; i++)
		if (pthread_create(&threads[i], NULL, worker, (void *)(uintptr_t)i))
			ksft_exit_fail_msg("pthread_create failed\n");

	/* While the threads run, every unload attempt must be refused. */
	end = time(NULL) + seconds;
	while (time(NULL) < end) {
		for (i = 0; i < sizeof(busy_modules) / sizeof(busy_modules[0]); i++) {
			rc = try_unload(busy_modules[i]);
			attempts++;
			if (rc == EBUSY || rc == EWOULDBLOCK)
				refused++;
			else
				ksft_print_msg("unload of %s while in use: %s\n",
					       busy_modules[i], rc ? strerror(rc) : "succeeded");
		}
		usleep(20000);
	}
	atomic_store(&stop, true);
	for (i = 0; i < nthreads; i++)
		pthread_join(threads[i], NULL);
	free(threads);

	ksft_print_msg("%u threads, %lu ioctls, %u unload attempts\n",
		       nthreads, atomic_load(&calls), attempts);
	ksft_test_result(atomic_load(&calls) > nthreads,
			 "%u threads issued ioctls on both devices\n", nthreads);
	ksft_test_result(atomic_load(&unexpected) == 0,
			 "every failed ioctl returned an expected errno\n");
	ksft_test_result(attempts && refused == attempts,
			 "unload refused while the devices are in use (%u/%u)\n",
			 refused, attempts);

	/* Closed now: the whole stack must unload, then load again. */
	rc = system("for m in $(awk '/^secex_/ { print $1 }' /proc/modules); do "
		    "modprobe -r $m 2>/dev/null; done; "
		    "! grep -q '^secex_' /proc/modules");
	ksft_test_result(rc == 0, "modules unload once the devices are closed\n");
	if (system("for m in $(cat /tmp/secex-stress.modules); do modprobe $m; done"))
		ksft_print_msg("reloading the modules failed\n");
	ksft_finished();
}
