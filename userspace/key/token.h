/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Volume key tokens as pkey and paes take them (upstream formats, fields in
 * the machine's byte order): clear-key tokens (type 0x00, version 0x02) and
 * UV-secret tokens (type 0x00, version 0x09).  Every key secex-key makes is
 * an XTS volume key for paes-xts-plain64.
 */
#ifndef SECEX_KEY_TOKEN_H
#define SECEX_KEY_TOKEN_H

#include <stddef.h>
#include <stdint.h>

#define TOKTYPE_NON_CCA		0x00
#define TOKVER_CLEAR_KEY	0x02
#define TOKVER_UV_SECRET	0x09

#define CLRTOK_HDR_LEN		16	/* header, keytype, len */
#define UVTOK_LEN		44
#define UV_SECRET_ID_LEN	32
/* Largest token file: two clear-key tokens of AES-256 keys. */
#define TOKEN_MAX		(2 * (CLRTOK_HDR_LEN + 32))

enum key_kind {
	KEY_CLEAR_AES,		/* clear-key token(s): tests only */
	KEY_PVSECRET_AES,	/* reference to a retrievable UV secret */
};

/* What a token file holds, as far as secex-key uses it. */
struct key_token {
	enum key_kind kind;
	unsigned int bits;	/* bits of each of the two XTS keys: 128/256 */
	int pair;		/* CLEAR-AES: two AES tokens, one per XTS key */
	uint16_t secret_type;	/* PVSECRET-AES: UV secret type */
	uint8_t secret_id[UV_SECRET_ID_LEN];
};

/*
 * Clear-key token(s) for the XTS key @key of 2 * @bits / 8 bytes: one
 * AES-XTS token, or with @pair two AES tokens (one per half).  Returns
 * the length written to @out (TOKEN_MAX bytes).
 */
size_t token_make_clear(uint8_t *out, const uint8_t *key, unsigned int bits,
			int pair);
/* UV-secret token naming an AES-XTS-@bits secret.  Returns UVTOK_LEN. */
size_t token_make_uv(uint8_t *out, unsigned int bits,
		     const uint8_t id[UV_SECRET_ID_LEN]);
/*
 * Recognise a token file of @len bytes.  Returns 0, or -1 after printing
 * why it is not an XTS volume key token that secex-key knows.
 */
int token_parse(const uint8_t *tok, size_t len, struct key_token *kt);

/* "CLEAR-AES" or "PVSECRET-AES" */
const char *token_kind_name(enum key_kind kind);
/* Parse a key type name (case-insensitive); -1 if unknown. */
int token_kind_parse(const char *s, enum key_kind *kind);
/* Name of a PKEY_KEYTYPE_* value, e.g. "AES-XTS-256". */
const char *token_keytype_name(uint32_t keytype);

#endif /* SECEX_KEY_TOKEN_H */
