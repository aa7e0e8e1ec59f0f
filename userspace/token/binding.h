/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The binding of a secex-uv token to the LUKS2 header it was enrolled on.
 *
 * The host owns the disk, and a LUKS2 header carries checksums, not a
 * MAC: it can rewrite any field.  So the token carries "header-mac", an
 * HMAC-SHA256 keyed by a key derived from the UV secret, over the fields
 * that decide what the secret unlocks and how (binding_canonical() lists
 * them).  The plugin hands the secret to libcryptsetup only when the MAC
 * of the header libcryptsetup holds matches; before it asks the
 * ultravisor at all, binding_policy() refuses what no enrollment makes.
 * Documentation/unlock.md ("Header binding") is the design.
 *
 * Shared by the token plugin (verifies) and secex-key enroll (computes).
 * Nothing here prints: reasons go into @why.
 */
#ifndef SECEX_UV_BINDING_H
#define SECEX_UV_BINDING_H

#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

#define BINDING_MAC_LEN		32	/* HMAC-SHA256 */
#define BINDING_WHY_MAX		256
/* The smallest volume key a secex-uv token unlocks (bytes). */
#define BINDING_VK_MIN		32
/*
 * The shortest secret that keys a key slot and its header MAC (bytes):
 * the token names the secret, and the host writes the token, so a short
 * one in the store would let it forge a header.  enroll refuses shorter
 * secrets, the plugin too.
 */
#define BINDING_SECRET_MIN	16

/*
 * The header checks that need no token (binding_policy makes them too):
 * no mandatory requirements, only crypt segments of the ciphers
 * secex-key enrolls, no cipher_null key slot.  Returns 0, or -1 with the
 * reason in @why.
 */
int binding_header_policy(struct json_object *hdr, char why[BINDING_WHY_MAX]);

/*
 * Refuse, from the header alone (@hdr: the whole LUKS2 JSON; @tok: the
 * token's object in it), what secex-key enroll never produces: a token
 * without a well-formed "header-mac", cipher_null in any segment or key
 * slot, a segment that is not a "crypt" segment of a cipher secex-key
 * formats or enrolls, a key slot of the token that is missing, not LUKS2,
 * not of an AES-XTS area cipher or of an unknown KDF, a volume key under
 * BINDING_VK_MIN bytes, or mandatory requirements (an unfinished
 * reencryption).  Returns 0, or -1 with the reason in @why.
 */
int binding_policy(struct json_object *hdr, struct json_object *tok,
		   char why[BINDING_WHY_MAX]);

/*
 * The bytes the MAC covers (documented in Documentation/unlock.md), in a
 * malloc'ed buffer, its length in *@len; NULL if out of memory.  Every
 * value is length-prefixed, so no two headers share a text.
 */
char *binding_canonical(struct json_object *hdr, struct json_object *tok,
			size_t *len);

/* The MAC of @canon under @secret.  Returns 0, or -1 (OpenSSL failed). */
int binding_mac(const uint8_t *secret, size_t secret_len, const char *canon,
		size_t canon_len, uint8_t mac[BINDING_MAC_LEN]);

/*
 * The token's "header-mac" checked against the header under @secret.
 * Returns 0 if it matches, else -1 with the reason in @why.
 */
int binding_verify(struct json_object *hdr, struct json_object *tok,
		   const uint8_t *secret, size_t secret_len,
		   char why[BINDING_WHY_MAX]);

/* The token object @token (its number) of @hdr, or NULL. */
struct json_object *binding_token(struct json_object *hdr, int token);

#endif /* SECEX_UV_BINDING_H */
