/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Passphrases of key slots, taken as cryptsetup takes them: all of a key
 * file ("-": standard input), else one line typed without echo.
 */
#ifndef SECEX_KEY_PASS_H
#define SECEX_KEY_PASS_H

#include <stddef.h>

struct pass {
	char *buf;
	size_t len;
};

/*
 * The passphrase of @keyfile, or typed for @dev (twice on a terminal for
 * a @new_slot).  Returns 0, or -1 after a message.
 */
int pass_get(const char *keyfile, const char *dev, int new_slot,
	     struct pass *p);
/* Wipe and free. */
void pass_free(struct pass *p);

#endif /* SECEX_KEY_PASS_H */
