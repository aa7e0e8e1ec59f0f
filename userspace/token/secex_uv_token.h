/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The LUKS2 token of type "secex-uv": a keyslot whose passphrase is the
 * value of a plaintext secret in the ultravisor's secret store.  Shared by
 * the token plugin (libcryptsetup-token-secex-uv.so, which reads it) and
 * 'secex-key enroll' (which writes it), so that both agree on the names.
 *
 *   {"type":"secex-uv","keyslots":["1"],
 *    "secret-id":"<64 lower-case hex digits>","secret-name":"NAME",
 *    "header-mac":"<64 lower-case hex digits>"}
 *
 * "secret-id" is authoritative: it is what the ultravisor is asked for.
 * "secret-name" is optional and only used in luksDump output and messages;
 * it holds only the characters of uvsecret_name_valid().  "header-mac"
 * binds the token to its header (binding.h): without it, the plugin
 * refuses the token.
 */
#ifndef SECEX_UV_TOKEN_H
#define SECEX_UV_TOKEN_H

/* The JSON "type"; libcryptsetup loads libcryptsetup-token-<type>.so. */
#define SECEX_UV_TOKEN_TYPE	"secex-uv"
/* The secret's id: 64 lower-case hex digits, no 0x. */
#define SECEX_UV_TOKEN_ID	"secret-id"
/* Optional: the name the secret was created with, 1..64 characters. */
#define SECEX_UV_TOKEN_NAME	"secret-name"
/* Longest "secret-name" accepted (as UVSECRET_NAME_MAX). */
#define SECEX_UV_TOKEN_NAME_MAX	64
/* HMAC-SHA256 over the bound header fields, keyed from the secret. */
#define SECEX_UV_TOKEN_MAC	"header-mac"

#endif /* SECEX_UV_TOKEN_H */
