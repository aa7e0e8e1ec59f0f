/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Plaintext secrets of the UV secret store, for code that unlocks with
 * them (secex-key enroll, the LUKS2 token plugin): find a secret by its
 * id, check its type, retrieve its value.  Nothing here prints: the
 * reason of a failure is written into @why, so that a library (the
 * plugin logs through libcryptsetup) and a tool (stderr) report it their
 * own way.  Values are wiped before they are freed.
 */
#ifndef SECEX_UVSECRET_H
#define SECEX_UVSECRET_H

#include <stddef.h>
#include <stdint.h>

#include "formats.h"

#define UVSECRET_NAME_MAX	64
#define UVSECRET_WHY_MAX	256

/* What names a secret: its id, and the name it was given, if known. */
struct uvsecret_ref {
	uint8_t id[SECRET_ID_LEN];
	/* --use-name secrets: the NUL-padded name is the id (pvsecret) */
	uint8_t name_id[SECRET_ID_LEN];
	int has_name_id;
	char name[UVSECRET_NAME_MAX + 1];	/* "" if given by id */
};

enum uvsecret_status {
	UVSECRET_OK,
	UVSECRET_NO_DEVICE,	/* /dev/uv cannot be opened: not an SE guest */
	UVSECRET_ABSENT,	/* no secret with this id in the store */
	UVSECRET_WRONG_TYPE,	/* present, but of another type */
	UVSECRET_REJECTED,	/* the ultravisor refused the call */
	UVSECRET_ERROR,		/* ioctl failure, no memory */
};

/*
 * Secret names hold 1 to UVSECRET_NAME_MAX of these characters and no
 * other: they end up in LUKS2 tokens that the host can write, in
 * messages, in luksDump and in /etc/crypttab lines, where a newline or an
 * escape sequence would be an injection.  One set for every tool and the
 * plugin.
 */
#define UVSECRET_NAME_CHARS \
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:+@"
#define UVSECRET_NAME_RULE \
	"1 to 64 characters of A-Z, a-z, 0-9 and - _ . : + @"

/* Is @s (@len bytes) a valid secret name? */
int uvsecret_name_valid(const char *s, size_t len);

/*
 * @s (@len bytes) for a message or a dump: bytes outside
 * UVSECRET_NAME_CHARS as \xNN, cut to fit @size (> 0) bytes with its NUL.
 */
void uvsecret_name_escape(const char *s, size_t len, char *out, size_t size);

/*
 * @ref is 64 hex digits (optionally with 0x): an id; anything else of at
 * most UVSECRET_NAME_MAX characters: a name, whose id is SHA-256(name) as
 * 'secex-owner secret create' and 'pvsecret create' make it (or the
 * NUL-padded name of a --use-name secret).  Returns 0, or -1 if @ref is
 * neither an id nor a valid name (uvsecret_name_valid).
 */
int uvsecret_ref_parse(const char *ref, struct uvsecret_ref *r);

/* The id as 64 lower-case hex digits and a NUL, into @hex. */
void uvsecret_id_hex(const uint8_t id[SECRET_ID_LEN],
		     char hex[2 * SECRET_ID_LEN + 1]);

/*
 * Retrieve the plaintext secret @r names (UVIO_IOCTL_LIST_SECRETS, then
 * UVIO_IOCTL_RETR_SECRET).  On UVSECRET_OK, *@val (malloc'ed, to be
 * released with uvsecret_free) and *@len hold the value without its
 * length prefix, and @id_out (may be NULL) the id that matched.  On
 * anything else, @why (UVSECRET_WHY_MAX bytes) says what happened in
 * words, naming the secret, and *@val is NULL; on UVSECRET_ERROR, errno
 * is ENOMEM if memory ran out (a caller may want to stop trying), else EIO.
 */
enum uvsecret_status uvsecret_get_plaintext(const struct uvsecret_ref *r,
					    uint8_t **val, size_t *len,
					    uint8_t id_out[SECRET_ID_LEN],
					    char *why);

/* Wipe and free a value of uvsecret_get_plaintext(). */
void uvsecret_free(uint8_t *val, size_t len);

#endif /* SECEX_UVSECRET_H */
