// SPDX-License-Identifier: GPL-2.0
/*
 * secex-uv secret add|list|lock: the UV secret store, and the one function
 * that adds a request (secret add, secret add-dir).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../common/fileio.h"
#include "../common/sha256.h"
#include "cmds.h"
#include "secret_list.h"
#include "uvdev.h"

static const char add_usage[] =
"Usage: secex-uv secret add [-f] (FILE | -i FILE)\n"
"\n"
"Add the secret in add-secret request FILE (from 'secex-owner secret create'\n"
"or 'pvsecret create') to the ultravisor's secret store of this guest.\n"
"Once the store is locked, the ultravisor rejects it (rc 0x0102, exit 2).\n"
"The options are those of 'pvsecret add'.\n"
"\n"
"  -i, --input FILE       the request (instead of FILE)\n"
"  -f, --force            accepted for pvsecret's command lines: a request\n"
"                         is always sent, also when a secret with its id is\n"
"                         in the store already (pvsecret refuses that\n"
"                         without --force)\n"
"  -h, --help             show this help\n";

static const char list_usage[] =
"Usage: secex-uv secret list [--format human|text|json|yaml|bin]\n"
"                            [-o FILE | FILE]\n"
"\n"
"List the secrets in the ultravisor's secret store as 'pvsecret list' does.\n"
"Any number of secrets is listed (a multi-page buffer is passed).\n"
"\n"
"  -f, --format FMT       human (default; also text), json, yaml (pvsecret's\n"
"                         fields and more: Documentation/tools.md,\n"
"                         Machine-readable output), or bin (the raw UV list:\n"
"                         16-byte header and 48-byte entries, big-endian)\n"
"  -o, --output FILE      write to FILE (or give FILE) instead of stdout\n"
"                         ('-')\n"
"  -h, --help             show this help\n";

static const char lock_usage[] =
"Usage: secex-uv secret lock\n"
"\n"
"Lock the secret store: no further secrets can be added to this guest.\n"
"A locked store rejects the call (rc 0x0102, exit 2).\n";

/* mkdir -p @path, new components with mode 0700; 0 or -errno. */
static int mkdir_parents(const char *path)
{
	char buf[4096];
	size_t i, n = strlen(path);

	if (n >= sizeof(buf))
		return -ENAMETOOLONG;
	memcpy(buf, path, n + 1);
	for (i = 1; i <= n; i++) {
		if (buf[i] != '/' && buf[i])
			continue;
		buf[i] = 0;
		if (mkdir(buf, 0700) && errno != EEXIST)
			return -errno;
		buf[i] = path[i];
	}
	return 0;
}

/*
 * The marker of a request: "<state_dir>/<sha256 of its bytes, hex>".
 * The secret's id sits in the encrypted part of the request, so it
 * cannot be compared with the store's list; the request's own bytes are
 * what identifies "this request was added".
 */
static int marker_path(char *buf, size_t size, const char *state_dir,
		       const uint8_t *req, size_t len)
{
	uint8_t md[SHA256_LEN];
	char hex[2 * SHA256_LEN + 1];
	size_t i;
	int n;

	sha256(req, len, md);
	for (i = 0; i < SHA256_LEN; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	n = snprintf(buf, size, "%s/%s", state_dir, hex);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

static int marker_write(const char *marker, const char *state_dir)
{
	int fd, err = mkdir_parents(state_dir);

	if (err)
		return err;
	fd = open(marker, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	return close(fd) ? -errno : 0;
}

enum secret_add_result secret_add_file(const char *path, const char *what,
				       const char *state_dir)
{
	enum secret_add_result res = SECRET_NO_DEVICE;
	char marker[4096];
	struct uv_status st;
	struct stat sb;
	uint8_t *req;
	size_t len;
	int err;

	if (read_file(path, &req, &len, UVIO_ADD_SECRET_MAX_LEN))
		return SECRET_BAD;
	if (len < 8 || memcmp(req, ASRCB_MAGIC, 6)) {
		cli_err("%s: not an add-secret request (it does not start with '%s')",
			path, ASRCB_MAGIC);
		free(req);
		return SECRET_BAD;
	}
	if (state_dir) {
		if (marker_path(marker, sizeof(marker), state_dir, req, len)) {
			cli_err("%s: state folder name too long", state_dir);
			free(req);
			return SECRET_BAD;
		}
		if (!stat(marker, &sb)) {
			free(req);
			return SECRET_ALREADY;
		}
	}
	if (!uv_ioctl(UVIO_IOCTL_ADD_SECRET_NR, req, (uint32_t)len, &st)) {
		res = SECRET_ADDED;
		if (st.rc != UVRC_EXECUTED) {
			uv_print_rc(what, UVRC_CMD_ADD_SECRET, &st);
			res = SECRET_REJECTED;
		}
	}
	free(req);
	if (res != SECRET_ADDED || !state_dir)
		return res;
	err = marker_write(marker, state_dir);
	if (err) {
		cli_err("%s: added, but cannot record that in %s: %s (a second run in this boot would add it again)",
			path, marker, strerror(-err));
		return SECRET_UNRECORDED;
	}
	return SECRET_ADDED;
}

int cmd_secret_add(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "input", required_argument, NULL, 'i' },
		{ "force", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	const char *in = NULL;
	int c, rc;

	while ((c = cli_getopt(argc, argv, "i:f", opts, NULL,
			       add_usage)) != -1) {
		switch (c) {
		case 'i':
			in = optarg;
			break;
		case 'f':
			break;
		default:
			return cli_exit(c);
		}
	}
	rc = cli_operands(argc, argv, in ? "" : "FILE");
	if (rc >= 0)
		return rc;
	if (!in)
		in = argv[optind];
	cli_note(1, "adding the add-secret request %s through %s", in,
		 uvdev_path());
	switch (secret_add_file(in, NULL, NULL)) {
	case SECRET_ADDED:
		return EXIT_OK;
	case SECRET_REJECTED:
		return EXIT_REJECTED;
	default:
		return EXIT_ERR;
	}
}

int cmd_secret_lock(int argc, char **argv)
{
	int rc = cli_no_options(argc, argv, lock_usage, "");
	struct uv_status st;

	if (rc >= 0)
		return rc;
	cli_note(1, "locking the secret store through %s", uvdev_path());
	if (uv_ioctl(UVIO_IOCTL_LOCK_SECRETS_NR, NULL, 0, &st))
		return EXIT_ERR;
	if (st.rc != UVRC_EXECUTED) {
		uv_print_rc(NULL, UVRC_CMD_LOCK_SECRETS, &st);
		return EXIT_REJECTED;
	}
	return EXIT_OK;
}

FILE *open_out(const char *path)
{
	FILE *f;

	if (!path || !strcmp(path, "-"))
		return stdout;
	f = fopen(path, "w");
	if (!f)
		cli_err("%s: %s", path, strerror(errno));
	return f;
}

FILE *open_out_private(const char *path)
{
	struct stat st;
	FILE *f;
	int fd;

	if (!path || !strcmp(path, "-"))
		return stdout;
	/*
	 * No O_TRUNC yet: a file that is refused stays as it was.
	 * O_NONBLOCK: a FIFO must not block the open before it is refused.
	 */
	fd = open(path, O_WRONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC,
		  0600);
	if (fd < 0) {
		cli_err("%s: %s", path, errno == ELOOP ?
			"is a symbolic link: not followed" : strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		cli_err("%s: not a regular file", path);
		close(fd);
		return NULL;
	}
	/* a second name, or another owner, could read or reopen it */
	if (st.st_nlink > 1 || st.st_uid != geteuid()) {
		cli_err("%s: %s: not written", path, st.st_nlink > 1 ?
			"has other hard links" : "belongs to another user");
		close(fd);
		return NULL;
	}
	/* an existing file keeps its mode on open: tighten it first */
	if (fchmod(fd, 0600) || ftruncate(fd, 0)) {
		cli_err("%s: %s", path, strerror(errno));
		close(fd);
		return NULL;
	}
	f = fdopen(fd, "w");
	if (!f) {
		cli_err("%s: %s", path, strerror(errno));
		close(fd);
	}
	return f;
}

int close_out(FILE *f)
{
	if (f == stdout)
		return fflush(f) ? EXIT_ERR : EXIT_OK;
	return fclose(f) ? EXIT_ERR : EXIT_OK;
}

int cmd_secret_list(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	enum emit_format fmt = EMIT_TEXT;
	const char *out = NULL;
	struct secret_list l;
	FILE *f;
	int c, rc;

	while ((c = cli_getopt(argc, argv, "f:o:", opts, NULL,
			       list_usage)) != -1) {
		switch (c) {
		case 'f':
			if (emit_parse_format(optarg, 1, &fmt))
				return cli_usage_error("--format is human (text), json, yaml or bin, not '%s'",
						       optarg);
			break;
		case 'o':
			out = optarg;
			break;
		default:
			return cli_exit(c);
		}
	}
	/* pvsecret list [FILE]: the output as an operand, '-' by default */
	if (!out && optind < argc)
		out = argv[optind++];
	rc = cli_operands(argc, argv, "");
	if (rc >= 0)
		return rc;
	rc = secret_list_get(&l);
	if (rc)
		return rc;
	f = open_out(out);
	if (!f) {
		secret_list_free(&l);
		return EXIT_ERR;
	}
	if (fmt == EMIT_TEXT)
		secret_list_print_human(f, &l);
	else if (fmt == EMIT_BIN)
		fwrite(l.raw, 1, l.raw_len, f);
	else
		rc = secret_list_emit(f, &l, fmt) ? EXIT_ERR : EXIT_OK;
	rc = close_out(f) ? EXIT_ERR : rc;
	secret_list_free(&l);
	return rc;
}
