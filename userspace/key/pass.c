// SPDX-License-Identifier: GPL-2.0
/*
 * Passphrases of key slots, taken as cryptsetup takes them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "../common/cli.h"
#include "../common/fileio.h"
#include "pass.h"

/* As cryptsetup: a key file of at most 8 MiB, a typed passphrase of 512. */
#define PASS_FILE_MAX	(8u << 20)
#define PASS_TTY_MAX	512

void pass_free(struct pass *p)
{
	if (p->buf)
		secure_zero(p->buf, p->len);
	free(p->buf);
	p->buf = NULL;
	p->len = 0;
}

/* All of --key-file, as cryptsetup takes it ("-": standard input). */
static int pass_from_file(const char *path, struct pass *p)
{
	uint8_t *buf;
	size_t len;

	if (read_file(path, &buf, &len, PASS_FILE_MAX))
		return -1;
	if (!len) {
		cli_err("%s: the key file is empty", path);
		free(buf);
		return -1;
	}
	p->buf = (char *)buf;
	p->len = len;
	return 0;
}

/* One line of standard input, without echo on a terminal. */
static int read_line(const char *prompt, char *buf, size_t size, size_t *len)
{
	int tty = isatty(STDIN_FILENO);
	struct termios old, quiet;
	int ok;

	if (tty) {
		fputs(prompt, stderr);
		fflush(stderr);
		if (tcgetattr(STDIN_FILENO, &old))
			return -1;
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		quiet.c_lflag |= ECHONL;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	ok = fgets(buf, (int)size, stdin) != NULL;
	if (tty)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	if (!ok)
		return -1;
	*len = strcspn(buf, "\n");
	if (buf[*len] != '\n' && *len == size - 1) {
		cli_err("passphrase longer than %d characters",
			PASS_TTY_MAX);
		return -1;
	}
	buf[*len] = 0;
	return 0;
}

int pass_get(const char *keyfile, const char *dev, int new_slot,
	     struct pass *p)
{
	char line[PASS_TTY_MAX + 2], again[PASS_TTY_MAX + 2], prompt[300];
	size_t len, len2;
	int ret = -1;

	memset(p, 0, sizeof(*p));
	if (keyfile)
		return pass_from_file(keyfile, p);
	snprintf(prompt, sizeof(prompt), "Enter passphrase for %s: ", dev);
	if (read_line(prompt, line, sizeof(line), &len)) {
		cli_err("no passphrase (give --key-file FILE)");
		goto out;
	}
	if (!len) {
		cli_err("empty passphrase");
		goto out;
	}
	/* A new key slot: typed twice, as cryptsetup asks. */
	if (new_slot && isatty(STDIN_FILENO)) {
		if (read_line("Verify passphrase: ", again, sizeof(again), &len2) ||
		    len2 != len || memcmp(line, again, len)) {
			cli_err("the passphrases do not match");
			goto out;
		}
	}
	p->buf = malloc(len);
	if (!p->buf)
		goto out;
	memcpy(p->buf, line, len);
	p->len = len;
	ret = 0;
out:
	secure_zero(line, sizeof(line));
	secure_zero(again, sizeof(again));
	return ret;
}
