// SPDX-License-Identifier: GPL-2.0
/*
 * secex-uv provision: load host keys, the SE header and the configuration
 * of the software ultravisor (module secex_swuv) through its sysfs
 * interface, then commit.  Provisioning happens once per module load.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../common/cli.h"
#include "../common/fileio.h"
#include "../common/formats.h"
#include "../common/hex.h"
#include "../common/sehdr.h"
#include "cmds.h"

#define SWUV_SYSFS	"/sys/kernel/secex_swuv"
#define MAX_KEYS	255

static const char usage[] =
"Usage: secex-uv provision --host-key KEY... --se-header FILE\n"
"                          [--config-uid HEX] [--store-size N] [--sysfs DIR]\n"
"\n"
"Provision the software ultravisor (secex_swuv) on a test machine, as the\n"
"firmware and the hypervisor would on IBM Z: the host private keys it may\n"
"use, the SE header of the \"running\" image, the configuration UID and the\n"
"secret-store size.  Then commit; afterwards /dev/uv attestation and secret\n"
"requests made for that image and those host keys are served.\n"
"\n"
"  -k, --host-key FILE    P-521 private host key, raw as the software\n"
"                         ultravisor takes it: the 66-byte big-endian\n"
"                         scalar that 'secex-owner hostkey make\n"
"                         --out-raw-key' writes; repeat for several keys\n"
"  -s, --se-header FILE   SE header (or image) from 'secex-owner hdr make' or\n"
"                         genprotimg\n"
"  -c, --config-uid HEX   configuration UID, 32 hex digits (default: chosen by\n"
"                         the software ultravisor)\n"
"  -n, --store-size N     number of secret-store slots\n"
"      --sysfs DIR        sysfs directory (default " SWUV_SYSFS ")\n"
"  -h, --help             show this help\n"
"\n"
"An error names the failing attribute and the errno (EBUSY: already\n"
"provisioned).\n";

struct prov_args {
	const char *keys[MAX_KEYS];
	int nkeys;
	const char *hdr, *cuid, *dir;
	int has_store;
	uint64_t store;
};

/* The group order n of P-521: a private key lies in 1..n-1. */
static const uint8_t p521_order[P521_SCALAR_LEN] = {
	0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xfa, 0x51, 0x86, 0x87, 0x83, 0xbf, 0x2f,
	0x96, 0x6b, 0x7f, 0xcc, 0x01, 0x48, 0xf7, 0x09,
	0xa5, 0xd0, 0x3b, 0xb5, 0xc9, 0xb8, 0x89, 0x9c,
	0x47, 0xae, 0xbb, 0x6f, 0xb7, 0x1e, 0x91, 0x38,
	0x64, 0x09,
};

#define RAW_KEY_HINT "66 bytes, big-endian, as 'secex-owner hostkey make --out-raw-key' writes"

/* A host key in the form secex_swuv's host_key attribute takes. */
static int read_host_key(const char *path, uint8_t out[P521_SCALAR_LEN])
{
	static const uint8_t zero[P521_SCALAR_LEN];
	uint8_t *buf;
	size_t len;
	int rc = -1;

	if (read_file(path, &buf, &len, 4096))
		return -1;
	if (len >= 11 && !memcmp(buf, "-----BEGIN ", 11))
		cli_err("%s: a PEM file, not a raw P-521 host key (" RAW_KEY_HINT ")",
			path);
	else if (len != P521_SCALAR_LEN)
		cli_err("%s: %zu bytes, not a raw P-521 host key (" RAW_KEY_HINT ")",
			path, len);
	else if (!memcmp(buf, zero, len) || memcmp(buf, p521_order, len) >= 0)
		cli_err("%s: not a P-521 private key: the value must lie between 1 and the group order - 1",
			path);
	else
		rc = 0;
	if (!rc)
		memcpy(out, buf, P521_SCALAR_LEN);
	secure_zero(buf, len);
	free(buf);
	return rc;
}

/* Write the optional config UID (normalised hex) and store size. */
static int write_config(const struct prov_args *a, const uint8_t *cuid);

static int attr_write(const char *dir, const char *attr, const void *buf,
		      size_t len)
{
	const uint8_t *p = buf;
	char path[512];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, attr);
	fd = open(path, O_WRONLY);
	if (fd < 0) {
		cli_err("%s: %s", path, strerror(errno));
		return -1;
	}
	/* sysfs may take a large binary attribute a page at a time */
	while (len) {
		ssize_t w = write(fd, p, len);

		if (w <= 0) {
			cli_err("%s: write failed: %s", path,
				w < 0 ? strerror(errno) : "no progress");
			close(fd);
			return -1;
		}
		p += w;
		len -= (size_t)w;
	}
	if (close(fd)) {
		cli_err("%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

static int read_state(const char *dir, char *state, size_t len)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/state", dir);
	f = fopen(path, "r");
	if (!f) {
		cli_err("%s: %s%s", path, strerror(errno),
			errno == ENOENT ? " (is secex_swuv loaded?)" : "");
		return -1;
	}
	if (!fgets(state, (int)len, f))
		state[0] = 0;
	fclose(f);
	state[strcspn(state, "\n")] = 0;
	return 0;
}

static int write_config(const struct prov_args *a, const uint8_t *cuid)
{
	char buf[40];

	if (a->cuid) {
		int i;

		for (i = 0; i < 16; i++)
			snprintf(buf + 2 * i, 3, "%02x", cuid[i]);
		if (attr_write(a->dir, "config_uid", buf, 32))
			return -1;
	}
	if (a->has_store) {
		snprintf(buf, sizeof(buf), "%llu", (unsigned long long)a->store);
		if (attr_write(a->dir, "secret_store_size", buf, strlen(buf)))
			return -1;
	}
	return 0;
}

static int provision(const struct prov_args *a)
{
	uint8_t scalar[P521_SCALAR_LEN], cuid[16];
	struct sehdr_info hdr;
	char state[64];
	int i, rc;

	if (read_state(a->dir, state, sizeof(state)))
		return EXIT_ERR;
	if (strcmp(state, "unprovisioned")) {
		cli_err("software ultravisor state is '%s', not 'unprovisioned'",
			state);
		return EXIT_ERR;
	}
	if (a->cuid && hex_parse(a->cuid, cuid, sizeof(cuid)))
		return cli_usage_error("--config-uid needs 32 hex digits");
	if (sehdr_read(a->hdr, &hdr))
		return EXIT_ERR;
	for (i = 0; i < a->nkeys; i++) {
		if (read_host_key(a->keys[i], scalar))
			goto err;
		rc = attr_write(a->dir, "host_key", scalar, sizeof(scalar));
		secure_zero(scalar, sizeof(scalar));
		if (rc)
			goto err;
	}
	if (attr_write(a->dir, "se_header", hdr.raw, hdr.len) ||
	    write_config(a, cuid) ||
	    attr_write(a->dir, "commit", "1", 1) ||
	    read_state(a->dir, state, sizeof(state)))
		goto err;
	sehdr_free(&hdr);
	printf("software ultravisor: %s\n", state);
	return strcmp(state, "provisioned") ? EXIT_ERR : EXIT_OK;
err:
	sehdr_free(&hdr);
	return EXIT_ERR;
}

int cmd_provision(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "host-key", required_argument, NULL, 'k' },
		{ "se-header", required_argument, NULL, 's' },
		{ "config-uid", required_argument, NULL, 'c' },
		{ "store-size", required_argument, NULL, 'n' },
		{ "sysfs", required_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 }
	};
	struct prov_args a = { .dir = SWUV_SYSFS };
	int c;

	while ((c = cli_getopt(argc, argv, "k:s:c:n:", opts, "",
			       usage)) != -1) {
		switch (c) {
		case 'k':
			if (a.nkeys == MAX_KEYS)
				return cli_usage_error("more than %d host keys",
						       MAX_KEYS);
			a.keys[a.nkeys++] = optarg;
			break;
		case 's':
			a.hdr = optarg;
			break;
		case 'c':
			a.cuid = optarg;
			break;
		case 'n':
			if (parse_u64(optarg, &a.store, 0xffff))
				return cli_usage_error("--store-size is 0 to 65535, not '%s'",
						       optarg);
			a.has_store = 1;
			break;
		case 'S':
			a.dir = optarg;
			break;
		default:
			return cli_exit(c);
		}
	}
	if (!a.nkeys)
		return cli_usage_error("missing --host-key");
	if (!a.hdr)
		return cli_usage_error("missing --se-header");
	return provision(&a);
}
