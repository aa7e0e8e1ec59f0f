/* SPDX-License-Identifier: GPL-2.0 */
/*
 * LUKS2 volumes of secex-key keys, through libcryptsetup; the JSON of
 * their token through json-c.  The token holds the verification pattern:
 *   {"type":"secex-key","keyslots":[],"key-name":NAME,
 *    "verification-pattern":HEX}
 * (zkey-cryptsetup keeps its own as "paes-verification-pattern").
 * Reading tokens and the cipher needs no passphrase.
 *
 * Every function reports its errors on stderr, naming the device.
 */
#ifndef SECEX_KEY_LUKS2_H
#define SECEX_KEY_LUKS2_H

#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>
#include <libcryptsetup.h>

#include "vp.h"

#define LUKS2_TOKEN_TYPE	"secex-key"
#define LUKS2_NAME_MAX		64
#define LUKS2_TOKENS_MAX	32
/* The cipher of every volume of secex-key (paes in dm-crypt's notation). */
#define LUKS2_CIPHER		"paes"
#define LUKS2_CIPHER_MODE	"xts-plain64"

struct luks2_vp {
	int token;				/* LUKS2 token id */
	char name[LUKS2_NAME_MAX + 1];		/* key-name, may be empty */
	char vp[VP_HEX_LEN + 1];
};

/* What secex-key needs to know of a LUKS2 volume. */
struct luks2_info {
	char cipher[32];			/* e.g. "paes" */
	char mode[32];				/* e.g. "xts-plain64" */
	size_t key_size;			/* volume key, bytes */
	int ntokens;				/* secex-key tokens found */
	struct luks2_vp tok[LUKS2_TOKENS_MAX];
};

/*
 * @dev's LUKS2 header, loaded; libcryptsetup's errors go to stderr.  With
 * @plugins 0, external token plugins are switched off for the process.
 * NULL after a message (unreadable, not LUKS2).
 */
struct crypt_device *luks2_load(const char *dev, int plugins);

/* The string member @name of JSON object @o and its length, or NULL. */
const char *luks2_json_string(struct json_object *o, const char *name,
			      size_t *len);

/* @o as one line of JSON text, malloc'ed; NULL if out of memory. */
char *luks2_json_dup(struct json_object *o);

/*
 * Load the LUKS2 header of the device or file @dev: cipher, volume key
 * size and the valid secex-key tokens.  Returns 0, or -1 after a message
 * (unreadable, not LUKS2).
 */
int luks2_read(const char *dev, struct luks2_info *info);

/*
 * The volume must be encrypted with paes-xts-plain64 and a volume key of
 * @key_len bytes (the whole token).  Returns 0, or -1 after a message.
 */
int luks2_check_cipher(const char *dev, const struct luks2_info *info,
		       size_t key_len);

/* The token as JSON text (json-c, one line), malloc'ed; NULL on error. */
char *luks2_token_json(const char *key_name, const char *vp);

/* Format settings, as cryptsetup luksFormat takes them. */
struct luks2_format {
	const char *pbkdf;		/* argon2i, argon2id or pbkdf2 */
	uint32_t iterations;		/* 0: benchmarked (pbkdf2 only) */
	uint32_t memory_kib;		/* argon2 only */
	uint32_t sector_size;		/* 0: libcryptsetup chooses */
};

/*
 * Format @dev as LUKS2 with paes-xts-plain64, the token @vk as volume
 * key, one key slot for @pass, and the secex-key token of @key_name and
 * @vp.  Returns 0, or -1 after a message.
 */
int luks2_format(const char *dev, const struct luks2_format *f,
		 const uint8_t *vk, size_t vk_len, const char *pass,
		 size_t pass_len, const char *key_name, const char *vp);

/*
 * Open @dev as /dev/mapper/@dm with @pass.  Returns 0, -1 after a
 * message, or -2 after a message when no key slot takes the passphrase.
 */
int luks2_open(const char *dev, const char *dm, const char *pass,
	       size_t pass_len);

#endif /* SECEX_KEY_LUKS2_H */
