/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A volume key as the commands see it (token plus, for repository keys,
 * properties) and the checks that need the kernel: /dev/pkey and xts(paes).
 */
#ifndef SECEX_KEY_KEYCHECK_H
#define SECEX_KEY_KEYCHECK_H

#include <stdio.h>

#include "props.h"
#include "repo.h"
#include "token.h"
#include "vp.h"

struct key {
	const char *name;	/* repository name, NULL for a key file */
	const char *file;	/* the token file */
	char *path;		/* owned copy of file for repository keys */
	uint8_t tok[TOKEN_MAX];
	size_t len;
	struct key_token kt;
	struct props props;	/* empty for a key file */
};

/* Load key @name of @r, or the token file @path.  0 or -1 after a message. */
int key_load(const struct repo *r, const char *name, struct key *k);
int key_load_file(const char *path, struct key *k);
void key_free(struct key *k);

/* What key_check() found out, for --format json|yaml (zeroed by it). */
struct key_check_info {
	int verified;		/* PKEY_VERIFYKEY2 took the UV-secret token */
	uint32_t verify_type;	/* its key type (PKEY_TYPE_UVSECRET) */
	uint32_t verify_flags;	/* the secret's key type (PKEY_KEYTYPE_*) */
	int as_pair;		/* clear AES-XTS checked as two AES keys */
	int nprot;		/* protected keys derived (KBLOB2PROTK3) */
	struct {
		uint32_t type;	/* PKEY_KEYTYPE_* */
		uint32_t len;	/* bytes, with the 32-byte WKVP */
	} prot[2];
};

/*
 * Ask /dev/pkey whether the key can become a protected key (VERIFYKEY2 for
 * UV secrets, KBLOB2PROTK3 for each token); describe the results on @out
 * (NULL: quiet) and in @info (NULL: not).  Returns EXIT_OK, EXIT_UNUSABLE or EXIT_ERR after a message.
 */
int key_check(const struct key *k, FILE *out, struct key_check_info *info);
/* The verification pattern; EXIT_OK, or EXIT_UNUSABLE/EXIT_ERR after a message. */
int key_vp(const struct key *k, char vp[VP_HEX_LEN + 1]);
/* Why the kernel refused this key with errno @err, in words. */
const char *key_strerror(const struct key *k, int err);

#endif /* SECEX_KEY_KEYCHECK_H */
