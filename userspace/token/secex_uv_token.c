// SPDX-License-Identifier: GPL-2.0
/*
 * libcryptsetup-token-secex-uv.so: the LUKS2 token plugin of type
 * "secex-uv".  The keyslot's passphrase is the value of a plaintext secret
 * in the ultravisor's secret store, so a Secure Execution guest into which
 * the secret was provisioned unlocks the volume without a prompt.
 *
 * The host can rewrite the header (binding.h): before the ultravisor is
 * asked, the header libcryptsetup holds is checked against what an
 * enrollment makes (binding_policy), and after, the token's header MAC
 * against that header under the secret (binding_verify).  Only then does
 * the secret leave the plugin.
 *
 * Failures that mean "this token cannot unlock here" (no /dev/uv, the
 * secret absent or of another type, the ultravisor refusing) return
 * -ENOENT, refusals of the header -EPERM: libcryptsetup then goes on to
 * the next token and the tools to the passphrase; -ENODEV or -EIO would
 * end the any-token loop.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>
#include <libcryptsetup.h>

#include "../common/hex.h"
#include "../common/uvsecret.h"
#include "binding.h"
#include "secex_uv_token.h"

/* The entry points libcryptsetup looks up (secex-uv-token.map exports them). */
const char *cryptsetup_token_version(void);
int cryptsetup_token_open(struct crypt_device *cd, int token, char **buffer,
			  size_t *buffer_len, void *usrptr);
void cryptsetup_token_buffer_free(void *buffer, size_t buffer_len);
int cryptsetup_token_validate(struct crypt_device *cd, const char *json);
void cryptsetup_token_dump(struct crypt_device *cd, const char *json);

/* A string member @name of @o, NULL if absent; -EINVAL if not a string. */
static int get_string(struct json_object *o, const char *name,
		      const char **s, size_t *len)
{
	struct json_object *v;

	*s = NULL;
	*len = 0;
	if (!json_object_object_get_ex(o, name, &v))
		return 0;
	if (!json_object_is_type(v, json_type_string))
		return -EINVAL;
	*s = json_object_get_string(v);
	*len = (size_t)json_object_get_string_len(v);
	/* an embedded \u0000 would make the C string shorter than the value */
	return strlen(*s) == *len ? 0 : -EINVAL;
}

/*
 * Messages: libcryptsetup ends those of every level but CRYPT_LOG_NORMAL
 * with a newline itself (crypt_logf), so only the dump's lines have one.
 *
 * Check @json and fill @r from it (the id from "secret-id", the name, for
 * messages only, from "secret-name").  Returns 0, or -EINVAL after logging
 * why at @level.
 */
static int parse(struct crypt_device *cd, const char *json,
		 struct uvsecret_ref *r, int level)
{
	struct json_object *o = json_tokener_parse(json);
	const char *s;
	size_t len;
	int rc = -EINVAL;

	memset(r, 0, sizeof(*r));
	if (!o || !json_object_is_type(o, json_type_object)) {
		crypt_logf(cd, level, "%s token: not a JSON object",
			   SECEX_UV_TOKEN_TYPE);
		goto out;
	}
	if (get_string(o, "type", &s, &len) || !s ||
	    strcmp(s, SECEX_UV_TOKEN_TYPE)) {
		crypt_logf(cd, level, "%s token: \"type\" is not \"%s\"",
			   SECEX_UV_TOKEN_TYPE, SECEX_UV_TOKEN_TYPE);
		goto out;
	}
	/* hex_parse() would take a 0x prefix: the token has none */
	if (get_string(o, SECEX_UV_TOKEN_ID, &s, &len) || !s ||
	    len != 2 * SECRET_ID_LEN || hex_parse(s, r->id, SECRET_ID_LEN)) {
		crypt_logf(cd, level, "%s token: \"%s\" must be %d hex digits",
			   SECEX_UV_TOKEN_TYPE, SECEX_UV_TOKEN_ID,
			   2 * SECRET_ID_LEN);
		goto out;
	}
	if (get_string(o, SECEX_UV_TOKEN_NAME, &s, &len) ||
	    (s && !uvsecret_name_valid(s, len))) {
		crypt_logf(cd, level, "%s token: \"%s\" must be a string of %s",
			   SECEX_UV_TOKEN_TYPE, SECEX_UV_TOKEN_NAME,
			   UVSECRET_NAME_RULE);
		goto out;
	}
	if (s)
		memcpy(r->name, s, len);
	/*
	 * Other members are allowed: a later secex-key may add some, and an
	 * older plugin rejecting them would make the token unusable.
	 */
	rc = 0;
out:
	json_object_put(o);
	return rc;
}

const char *cryptsetup_token_version(void)
{
	return SECEX_VERSION;
}

int cryptsetup_token_validate(struct crypt_device *cd, const char *json)
{
	struct uvsecret_ref r;

	return parse(cd, json, &r, CRYPT_LOG_ERROR);
}

/*
 * The header libcryptsetup holds (the one it opens the key slot and maps
 * the segment from), and the token's object in it; NULL after a message.
 */
static struct json_object *header(struct crypt_device *cd, int token,
				  struct json_object **tok)
{
	struct json_object *hdr;
	const char *json;

	if (crypt_dump_json(cd, &json, 0) < 0) {
		crypt_logf(cd, CRYPT_LOG_ERROR,
			   "%s token %d: cannot read the LUKS2 header",
			   SECEX_UV_TOKEN_TYPE, token);
		return NULL;
	}
	hdr = json_tokener_parse(json);
	*tok = hdr ? binding_token(hdr, token) : NULL;
	if (!*tok) {
		crypt_logf(cd, CRYPT_LOG_ERROR,
			   "%s token %d: not in the LUKS2 header",
			   SECEX_UV_TOKEN_TYPE, token);
		json_object_put(hdr);
		return NULL;
	}
	return hdr;
}

int cryptsetup_token_open(struct crypt_device *cd, int token, char **buffer,
			  size_t *buffer_len, void *usrptr)
{
	char why[UVSECRET_WHY_MAX > BINDING_WHY_MAX ? UVSECRET_WHY_MAX :
		 BINDING_WHY_MAX];
	struct json_object *hdr, *tok;
	enum uvsecret_status st;
	struct uvsecret_ref r;
	const char *json;
	uint8_t *val;
	size_t len;
	int rc;

	(void)usrptr;
	if (crypt_token_json_get(cd, token, &json) < 0) {
		crypt_logf(cd, CRYPT_LOG_ERROR, "%s token %d: cannot read it",
			   SECEX_UV_TOKEN_TYPE, token);
		return -ENOENT;
	}
	/* libcryptsetup validated it already: no second message */
	if (parse(cd, json, &r, CRYPT_LOG_DEBUG))
		return -ENOENT;
	hdr = header(cd, token, &tok);
	if (!hdr)
		return -ENOENT;
	/* before the ultravisor is asked: nothing reaches a forged header */
	if (binding_policy(hdr, tok, why)) {
		crypt_logf(cd, CRYPT_LOG_ERROR, "%s token %d refused: %s",
			   SECEX_UV_TOKEN_TYPE, token, why);
		json_object_put(hdr);
		return -EPERM;
	}
	st = uvsecret_get_plaintext(&r, &val, &len, NULL, why);
	/* the host names the secret: a short one could key a forged MAC */
	if (st == UVSECRET_OK && len < BINDING_SECRET_MIN) {
		uvsecret_free(val, len);
		crypt_logf(cd, CRYPT_LOG_ERROR,
			   "%s token %d refused: the UV secret it names has %zu bytes, fewer than the %d a header binding needs",
			   SECEX_UV_TOKEN_TYPE, token, len, BINDING_SECRET_MIN);
		json_object_put(hdr);
		return -EPERM;
	}
	if (st == UVSECRET_OK) {
		if (binding_verify(hdr, tok, val, len, why)) {
			uvsecret_free(val, len);
			crypt_logf(cd, CRYPT_LOG_ERROR,
				   "%s token %d refused: %s",
				   SECEX_UV_TOKEN_TYPE, token, why);
			json_object_put(hdr);
			return -EPERM;
		}
		json_object_put(hdr);
		/* handed over: libcryptsetup wipes and frees it (buffer_free) */
		*buffer = (char *)val;
		*buffer_len = len;
		return 0;
	}
	/* before json-c may touch errno */
	rc = st == UVSECRET_ERROR && errno == ENOMEM ? -ENOMEM : -ENOENT;
	json_object_put(hdr);
	/* no memory ends the any-token loop: no other token would fare better */
	/*
	 * ERROR, not NORMAL: with --token-only cryptsetup itself only says
	 * "No usable token is available.", so this is the one line that
	 * names the secret; systemd-cryptsetup logs it before falling back
	 * to the passphrase.
	 */
	crypt_logf(cd, CRYPT_LOG_ERROR, "%s", why);
	return rc;
}

void cryptsetup_token_buffer_free(void *buffer, size_t buffer_len)
{
	uvsecret_free(buffer, buffer_len);
}

/*
 * luksDump: the name with every byte outside the name's character set
 * escaped (a host-written name must not reach the terminal raw), and the
 * id; a token that does not parse says so instead.
 */
void cryptsetup_token_dump(struct crypt_device *cd, const char *json)
{
	char hex[2 * SECRET_ID_LEN + 1];
	struct json_object *o = json_tokener_parse(json);
	struct uvsecret_ref r;
	const char *s;
	size_t len;

	if (o && !get_string(o, SECEX_UV_TOKEN_NAME, &s, &len) && s) {
		char name[4 * SECEX_UV_TOKEN_NAME_MAX + 1];

		uvsecret_name_escape(s, len, name, sizeof(name));
		crypt_logf(cd, CRYPT_LOG_NORMAL, "\tUV secret:    %s%s\n", name,
			   uvsecret_name_valid(s, len) ? "" : " (invalid name)");
	}
	if (o && !get_string(o, SECEX_UV_TOKEN_MAC, &s, &len))
		crypt_logf(cd, CRYPT_LOG_NORMAL, "\tHeader MAC:   %s\n",
			   s ? "present" : "none (refused: enroll again)");
	json_object_put(o);
	if (parse(cd, json, &r, CRYPT_LOG_ERROR))
		return;
	/* like systemd's plugins: a tab, the label, the value */
	uvsecret_id_hex(r.id, hex);
	crypt_logf(cd, CRYPT_LOG_NORMAL, "\tUV secret id: %s\n", hex);
}
