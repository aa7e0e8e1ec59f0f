// SPDX-License-Identifier: GPL-2.0
/*
 * bench_ioctl: time one kind of ioctl on /dev/uv or /dev/pkey.
 *
 *   bench_ioctl info N          UVIO_IOCTL_UVDEV_INFO, N times
 *   bench_ioctl clr2protk N     PKEY_CLR2PROTK (AES-256), N times
 *   bench_ioctl att EXCH N      UVIO_IOCTL_ATT with the request inside a
 *                               pvattest exchange file, N times
 *   bench_ioctl list PAGES N    UVIO_IOCTL_LIST_SECRETS into PAGES pages
 *   bench_ioctl add REQ N       UVIO_IOCTL_ADD_SECRET with the add-secret
 *                               request in file REQ, N times (the software
 *                               UV stores a request as often as it comes)
 *
 * Prints "<what> <calls> <median ns> <p99 ns> <entries>" on one line;
 * exit 0, or 1 if a call fails (the failing call's errno or UV rc is shown).
 *
 *   bench_ioctl attpar EXCH T N T threads, each with its own descriptor,
 *                               do N ATT ioctls at the same time
 *
 * prints "attpar <threads> <calls> <wall-clock ns>" instead.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "secex/uvdevice.h"
#include "secex/pkey.h"

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static int uv_call(int fd, unsigned int nr, void *arg, uint32_t len)
{
	struct uvio_ioctl_cb cb = {
		.argument_addr = (uintptr_t)arg,
		.argument_len = len,
	};

	if (ioctl(fd, UVIO_IOCTL(nr), &cb)) {
		fprintf(stderr, "ioctl nr %u: %s\n", nr, strerror(errno));
		return -1;
	}
	if (cb.uv_rc != 0x0001 && cb.uv_rc != 0x0100) {
		fprintf(stderr, "ioctl nr %u: UV rc 0x%04x rrc 0x%04x\n", nr,
			cb.uv_rc, cb.uv_rrc);
		return -1;
	}
	return 0;
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

/*
 * A pvattest exchange file: a 0x40-byte header whose (size, offset) pairs
 * of big-endian u32 start at 0x18 (request, measurement, additional data,
 * user data, config UID).  Only the request and the measurement size are
 * needed.
 */
static uint8_t *read_exchange(const char *path, uint32_t *req_len,
			      uint32_t *meas_len)
{
	static uint8_t buf[1 << 20];
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f)
		return NULL;
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	if (n < 64)
		return NULL;
	if (memcmp(buf, "pvattest", 8))
		return NULL;
	*req_len = be32(buf + 0x18);
	*meas_len = be32(buf + 0x20);
	if (be32(buf + 0x1c) < 0x40 || be32(buf + 0x1c) + (uint64_t)*req_len > n ||
	    !*meas_len || *meas_len > 0x8000)
		return NULL;
	return buf + be32(buf + 0x1c);
}

struct att_job {
	const uint8_t *req;
	uint32_t req_len, meas_len, n;
	int rc;
};

static void *att_thread(void *arg)
{
	struct att_job *j = arg;
	uint8_t *meas = calloc(1, j->meas_len);
	struct uvio_attest att = {
		.arcb_addr = (uintptr_t)j->req,
		.arcb_len = j->req_len,
		.meas_addr = (uintptr_t)meas,
		.meas_len = j->meas_len,
	};
	int fd = open("/dev/uv", O_RDWR);
	uint32_t i;

	j->rc = !meas || fd < 0;
	for (i = 0; i < j->n && !j->rc; i++)
		j->rc = uv_call(fd, UVIO_IOCTL_ATT_NR, &att, sizeof(att));
	if (fd >= 0)
		close(fd);
	free(meas);
	return NULL;
}

/* T threads doing N attestations each; wall-clock time of all of them. */
static int att_parallel(const char *path, uint32_t threads, uint32_t n)
{
	struct att_job jobs[16];
	pthread_t tid[16];
	uint32_t req_len, meas_len, i;
	const uint8_t *req = read_exchange(path, &req_len, &meas_len);
	uint64_t t0;
	int rc = 0;

	if (!req || threads < 1 || threads > 16) {
		fprintf(stderr, "attpar: %s: not an exchange file, or 1 to 16 threads\n",
			path);
		return 2;
	}
	t0 = now_ns();
	for (i = 0; i < threads; i++) {
		jobs[i] = (struct att_job){ req, req_len, meas_len, n, 0 };
		if (pthread_create(&tid[i], NULL, att_thread, &jobs[i]))
			return 1;
	}
	for (i = 0; i < threads; i++) {
		pthread_join(tid[i], NULL);
		rc |= jobs[i].rc;
	}
	printf("attpar %u %u %llu\n", threads, threads * n,
	       (unsigned long long)(now_ns() - t0));
	return rc ? 1 : 0;
}

int main(int argc, char **argv)
{
	static uint8_t meas[0x8000], page[256 * 4096], asrcb[1 << 16];
	size_t asrcb_len = 0;
	struct uvio_attest att = { 0 };
	uint32_t n, pages = 1, i, entries = 0;
	const char *what = argc > 1 ? argv[1] : "";
	uint64_t *t, t0;
	int fd;

	if (!strcmp(what, "attpar") && argc == 5)
		return att_parallel(argv[2], strtoul(argv[3], NULL, 0),
				    strtoul(argv[4], NULL, 0));
	if (argc < 3 || (!strcmp(what, "att") && argc < 4) ||
	    (!strcmp(what, "list") && argc < 4) ||
	    (!strcmp(what, "add") && argc < 4)) {
		fprintf(stderr, "usage: bench_ioctl info|clr2protk N | att EXCH N | attpar EXCH T N | list PAGES N | add REQ N\n");
		return 2;
	}
	n = strtoul(argv[argc - 1], NULL, 0);
	t = calloc(n ? n : 1, sizeof(*t));
	fd = open(strcmp(what, "clr2protk") ? "/dev/uv" : "/dev/pkey", O_RDWR);
	if (!t || fd < 0 || !n) {
		perror("bench_ioctl");
		return 1;
	}
	if (!strcmp(what, "att")) {
		uint32_t req_len, meas_len;
		uint8_t *req = read_exchange(argv[2], &req_len, &meas_len);

		if (!req) {
			fprintf(stderr, "%s: not an exchange file\n", argv[2]);
			return 1;
		}
		att.arcb_addr = (uintptr_t)req;
		att.arcb_len = req_len;
		att.meas_addr = (uintptr_t)meas;
		att.meas_len = meas_len;
	}
	if (!strcmp(what, "list"))
		pages = strtoul(argv[2], NULL, 0);
	if (pages < 1 || pages > 256)
		return 2;
	if (!strcmp(what, "add")) {
		FILE *f = fopen(argv[2], "rb");

		asrcb_len = f ? fread(asrcb, 1, sizeof(asrcb), f) : 0;
		if (f)
			fclose(f);
		if (!asrcb_len) {
			fprintf(stderr, "%s: cannot read the request\n", argv[2]);
			return 1;
		}
	}

	for (i = 0; i < n; i++) {
		struct pkey_clr2protk clr = { .keytype = PKEY_KEYTYPE_AES_256 };
		struct uvio_uvdev_info info;
		int rc;

		t0 = now_ns();
		if (!strcmp(what, "info")) {
			rc = uv_call(fd, UVIO_IOCTL_UVDEV_INFO_NR, &info, sizeof(info));
		} else if (!strcmp(what, "clr2protk")) {
			rc = ioctl(fd, PKEY_CLR2PROTK, &clr);
			if (rc)
				perror("PKEY_CLR2PROTK");
		} else if (!strcmp(what, "att")) {
			rc = uv_call(fd, UVIO_IOCTL_ATT_NR, &att, sizeof(att));
		} else if (!strcmp(what, "add")) {
			rc = uv_call(fd, UVIO_IOCTL_ADD_SECRET_NR, asrcb, asrcb_len);
		} else if (!strcmp(what, "list")) {
			rc = uv_call(fd, UVIO_IOCTL_LIST_SECRETS_NR, page, pages * 4096);
			entries = (uint32_t)page[0] << 8 | page[1];
		} else {
			fprintf(stderr, "unknown benchmark '%s'\n", what);
			return 2;
		}
		t[i] = now_ns() - t0;
		if (rc)
			return 1;
	}
	qsort(t, n, sizeof(*t), cmp_u64);
	printf("%s %u %llu %llu %u\n", what, n, (unsigned long long)t[n / 2],
	       (unsigned long long)t[(uint64_t)n * 99 / 100], entries);
	free(t);
	close(fd);
	return 0;
}
