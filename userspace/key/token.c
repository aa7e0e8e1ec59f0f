// SPDX-License-Identifier: GPL-2.0
/*
 * Building and recognising volume key tokens.  Multi-byte fields are in
 * native byte order, as pkey reads them (big-endian on s390x), so they
 * are copied with memcpy from host integers.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "../../include/uapi/secex/pkey.h"
#include "../common/cli.h"
#include "../common/secret_types.h"
#include "token.h"

static void put_hdr(uint8_t *out, uint8_t version)
{
	memset(out, 0, 8);
	out[0] = TOKTYPE_NON_CCA;
	out[4] = version;
}

static size_t put_clrtok(uint8_t *out, uint32_t keytype, const uint8_t *key,
			 uint32_t len)
{
	put_hdr(out, TOKVER_CLEAR_KEY);
	memcpy(out + 8, &keytype, 4);
	memcpy(out + 12, &len, 4);
	memcpy(out + CLRTOK_HDR_LEN, key, len);
	return CLRTOK_HDR_LEN + len;
}

size_t token_make_clear(uint8_t *out, const uint8_t *key, unsigned int bits,
			int pair)
{
	uint32_t half = bits / 8;
	size_t n;

	if (!pair)
		return put_clrtok(out, bits == 128 ? PKEY_KEYTYPE_AES_XTS_128 :
				  PKEY_KEYTYPE_AES_XTS_256, key, 2 * half);
	n = put_clrtok(out, bits == 128 ? PKEY_KEYTYPE_AES_128 :
		       PKEY_KEYTYPE_AES_256, key, half);
	return n + put_clrtok(out + n, bits == 128 ? PKEY_KEYTYPE_AES_128 :
			      PKEY_KEYTYPE_AES_256, key + half, half);
}

size_t token_make_uv(uint8_t *out, unsigned int bits,
		     const uint8_t id[UV_SECRET_ID_LEN])
{
	uint16_t type = bits == 128 ? SECEX_SECRET_AES_XTS_128 : SECEX_SECRET_AES_XTS_256;
	/* The length of the secret as the UV lists it: the clear key's. */
	uint16_t len = (uint16_t)(2 * bits / 8);

	put_hdr(out, TOKVER_UV_SECRET);
	memcpy(out + 8, &type, 2);
	memcpy(out + 10, &len, 2);
	memcpy(out + 12, id, UV_SECRET_ID_LEN);
	return UVTOK_LEN;
}

/* One clear-key token at @tok of exactly @len bytes; its keytype or 0. */
static uint32_t clrtok_keytype(const uint8_t *tok, size_t len)
{
	uint32_t keytype, klen;

	if (len < CLRTOK_HDR_LEN || tok[0] != TOKTYPE_NON_CCA ||
	    tok[4] != TOKVER_CLEAR_KEY)
		return 0;
	memcpy(&keytype, tok + 8, 4);
	memcpy(&klen, tok + 12, 4);
	if (klen != len - CLRTOK_HDR_LEN)
		return 0;
	switch (keytype) {
	case PKEY_KEYTYPE_AES_128:
	case PKEY_KEYTYPE_AES_XTS_128:
		return klen == (keytype == PKEY_KEYTYPE_AES_128 ? 16 : 32) ?
		       keytype : 0;
	case PKEY_KEYTYPE_AES_256:
	case PKEY_KEYTYPE_AES_XTS_256:
		return klen == (keytype == PKEY_KEYTYPE_AES_256 ? 32 : 64) ?
		       keytype : 0;
	default:
		return 0;
	}
}

static int parse_clear(const uint8_t *tok, size_t len, struct key_token *kt)
{
	uint32_t t = clrtok_keytype(tok, len), t2;

	kt->kind = KEY_CLEAR_AES;
	if (t == PKEY_KEYTYPE_AES_XTS_128 || t == PKEY_KEYTYPE_AES_XTS_256) {
		kt->bits = t == PKEY_KEYTYPE_AES_XTS_128 ? 128 : 256;
		kt->pair = 0;
		return 0;
	}
	t = clrtok_keytype(tok, len / 2);
	t2 = clrtok_keytype(tok + len / 2, len / 2);
	if (len % 2 == 0 && t == PKEY_KEYTYPE_AES_256 && t == t2) {
		kt->bits = 256;
		kt->pair = 1;
		return 0;
	}
	/* 64 bytes, which xts(paes) takes for a raw AES-256-XTS key. */
	if (len % 2 == 0 && t == PKEY_KEYTYPE_AES_128 && t == t2) {
		cli_err("two AES-128 clear-key tokens are 64 bytes, which xts(paes) takes for a raw XTS key: use one AES-XTS-128 token");
		return -1;
	}
	cli_err("not an XTS clear-key token: one AES-XTS token or two AES tokens of equal size expected");
	return -1;
}

static int parse_uv(const uint8_t *tok, size_t len, struct key_token *kt)
{
	uint16_t type;

	if (len != UVTOK_LEN) {
		cli_err("UV-secret token of %zu bytes, expected %d",
			len, UVTOK_LEN);
		return -1;
	}
	memcpy(&type, tok + 8, 2);
	if (type != SECEX_SECRET_AES_XTS_128 && type != SECEX_SECRET_AES_XTS_256) {
		cli_err("UV-secret token for a %s secret: an AES-XTS secret is needed for paes-xts-plain64",
			secret_type_name(type));
		return -1;
	}
	kt->kind = KEY_PVSECRET_AES;
	kt->bits = type == SECEX_SECRET_AES_XTS_128 ? 128 : 256;
	kt->pair = 0;
	kt->secret_type = type;
	memcpy(kt->secret_id, tok + 12, UV_SECRET_ID_LEN);
	return 0;
}

int token_parse(const uint8_t *tok, size_t len, struct key_token *kt)
{
	memset(kt, 0, sizeof(*kt));
	if (len < 8 || tok[0] != TOKTYPE_NON_CCA) {
		cli_err("not a key token of type 0x00 (clear-key or UV secret)");
		return -1;
	}
	if (tok[4] == TOKVER_CLEAR_KEY)
		return parse_clear(tok, len, kt);
	if (tok[4] == TOKVER_UV_SECRET)
		return parse_uv(tok, len, kt);
	cli_err("key token version 0x%02x is neither clear-key (0x02) nor UV secret (0x09)",
		tok[4]);
	return -1;
}

const char *token_kind_name(enum key_kind kind)
{
	return kind == KEY_CLEAR_AES ? "CLEAR-AES" : "PVSECRET-AES";
}

int token_kind_parse(const char *s, enum key_kind *kind)
{
	if (!strcasecmp(s, "CLEAR-AES"))
		*kind = KEY_CLEAR_AES;
	else if (!strcasecmp(s, "PVSECRET-AES"))
		*kind = KEY_PVSECRET_AES;
	else
		return -1;
	return 0;
}

const char *token_keytype_name(uint32_t keytype)
{
	switch (keytype) {
	case PKEY_KEYTYPE_AES_128:
		return "AES-128";
	case PKEY_KEYTYPE_AES_192:
		return "AES-192";
	case PKEY_KEYTYPE_AES_256:
		return "AES-256";
	case PKEY_KEYTYPE_AES_XTS_128:
		return "AES-XTS-128";
	case PKEY_KEYTYPE_AES_XTS_256:
		return "AES-XTS-256";
	case PKEY_KEYTYPE_HMAC_512:
		return "HMAC-512";
	case PKEY_KEYTYPE_HMAC_1024:
		return "HMAC-1024";
	default:
		return "unknown";
	}
}
