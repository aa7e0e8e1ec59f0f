// SPDX-License-Identifier: GPL-2.0
/*
 * LUKS2 through libcryptsetup (header, key slots, tokens, activation) and
 * the token's JSON through json-c: nothing of the on-disk format is read
 * here.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>
#include <libcryptsetup.h>

#include "../common/cli.h"
#include "luks2.h"
#include "repo.h"

/* libcryptsetup's errors go to stderr with its name; the rest is dropped. */
static void log_cb(int level, const char *msg, void *usrptr)
{
	(void)usrptr;
	if (level == CRYPT_LOG_ERROR)
		fprintf(stderr, "libcryptsetup: %s%s", msg,
			msg[0] && msg[strlen(msg) - 1] == '\n' ? "" : "\n");
}

/* A handle for @dev, with our logging; token plugins only if @plugins. */
static struct crypt_device *dev_init(const char *dev, int plugins)
{
	struct crypt_device *cd;
	int r;

	crypt_set_log_callback(NULL, log_cb, NULL);
	/*
	 * The secex-key token has no plugin: do not look for one.  (This
	 * holds for the whole process, so it is the caller's choice.)
	 */
	if (!plugins)
		crypt_token_external_disable();
	r = crypt_init(&cd, dev);
	if (r < 0) {
		cli_err("%s: %s", dev, strerror(-r));
		return NULL;
	}
	crypt_set_log_callback(cd, log_cb, NULL);
	return cd;
}

struct crypt_device *luks2_load(const char *dev, int plugins)
{
	struct crypt_device *cd = dev_init(dev, plugins);
	int r;

	if (!cd)
		return NULL;
	r = crypt_load(cd, CRYPT_LUKS2, NULL);
	if (r < 0) {
		cli_err("%s: no valid LUKS2 header (%s)", dev,
			strerror(-r));
		crypt_free(cd);
		return NULL;
	}
	return cd;
}

static struct crypt_device *dev_load(const char *dev)
{
	return luks2_load(dev, 0);
}

static int is_hex_vp(const char *s, size_t len)
{
	return len == VP_HEX_LEN &&
	       strspn(s, "0123456789abcdefABCDEF") == VP_HEX_LEN;
}

const char *luks2_json_string(struct json_object *o, const char *name,
				 size_t *len)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, name, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	*len = (size_t)json_object_get_string_len(v);
	return json_object_get_string(v);
}

/*
 * Token @id of @dev, whose JSON is @json: 1 if it is a valid secex-key
 * token (filled into @t), 0 if it is someone else's, -1 if it is ours but
 * unusable (after a message).
 */
static int parse_token(const char *dev, int id, const char *json,
		       struct luks2_vp *t)
{
	struct json_tokener *tok = json_tokener_new();
	struct json_object *o;
	const char *s;
	size_t len;
	int ret = -1;

	if (!tok)
		return -1;
	o = json_tokener_parse_ex(tok, json, (int)strlen(json) + 1);
	if (!o || !json_object_is_type(o, json_type_object)) {
		cli_err("%s: token %d: not a JSON object (%s)", dev,
			id, json_tokener_error_desc(json_tokener_get_error(tok)));
		goto out;
	}
	s = luks2_json_string(o, "type", &len);
	if (!s || strcmp(s, LUKS2_TOKEN_TYPE)) {
		ret = 0;
		goto out;
	}
	s = luks2_json_string(o, "verification-pattern", &len);
	if (!s || !is_hex_vp(s, len)) {
		cli_err("%s: token %d has no valid verification-pattern (%d hex digits expected)",
			dev, id, VP_HEX_LEN);
		goto out;
	}
	memcpy(t->vp, s, VP_HEX_LEN + 1);
	t->name[0] = 0;
	s = luks2_json_string(o, "key-name", &len);
	/* the host can write it: it names a repository file, so a key name */
	if (s && len <= LUKS2_NAME_MAX && strlen(s) == len && repo_valid_name(s))
		memcpy(t->name, s, len + 1);
	else if (s)
		cli_err("%s: token %d: key-name ignored (not a key name: 1 to %d characters of A-Z, a-z, 0-9, . _ -)",
			dev, id, LUKS2_NAME_MAX);
	t->token = id;
	ret = 1;
out:
	json_object_put(o);
	json_tokener_free(tok);
	return ret;
}

static void read_tokens(struct crypt_device *cd, const char *dev,
			struct luks2_info *info)
{
	int id, max = crypt_token_max(CRYPT_LUKS2);
	const char *type, *json;
	crypt_token_info st;

	for (id = 0; id < max && info->ntokens < LUKS2_TOKENS_MAX; id++) {
		st = crypt_token_status(cd, id, &type);
		if (st == CRYPT_TOKEN_INVALID || st == CRYPT_TOKEN_INACTIVE ||
		    !type || strcmp(type, LUKS2_TOKEN_TYPE))
			continue;
		if (crypt_token_json_get(cd, id, &json) < 0) {
			cli_err("%s: token %d cannot be read", dev, id);
			continue;
		}
		if (parse_token(dev, id, json, &info->tok[info->ntokens]) == 1)
			info->ntokens++;
	}
}

int luks2_read(const char *dev, struct luks2_info *info)
{
	struct crypt_device *cd;
	const char *s;
	int size;

	memset(info, 0, sizeof(*info));
	cd = dev_load(dev);
	if (!cd)
		return -1;
	s = crypt_get_cipher(cd);
	snprintf(info->cipher, sizeof(info->cipher), "%s", s ? s : "");
	s = crypt_get_cipher_mode(cd);
	snprintf(info->mode, sizeof(info->mode), "%s", s ? s : "");
	size = crypt_get_volume_key_size(cd);
	info->key_size = size > 0 ? (size_t)size : 0;
	read_tokens(cd, dev, info);
	crypt_free(cd);
	return 0;
}

int luks2_check_cipher(const char *dev, const struct luks2_info *info,
		       size_t key_len)
{
	if (strcmp(info->cipher, LUKS2_CIPHER) ||
	    strcmp(info->mode, LUKS2_CIPHER_MODE)) {
		fprintf(stderr, "%s: encrypted with %s-%s, not " LUKS2_CIPHER "-"
			LUKS2_CIPHER_MODE ": not a volume of a secex-key key\n",
			dev, info->cipher, info->mode);
		return -1;
	}
	if (info->key_size != key_len) {
		cli_err("%s: the volume key has %zu bits, the key's token %zu: formatted with another kind of key",
			dev, 8 * info->key_size, 8 * key_len);
		return -1;
	}
	return 0;
}

char *luks2_json_dup(struct json_object *o)
{
	const char *s = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
						       JSON_C_TO_STRING_NOSLASHESCAPE);

	return s ? strdup(s) : NULL;
}

char *luks2_token_json(const char *key_name, const char *vp)
{
	struct json_object *o = json_object_new_object();
	struct json_object *slots = json_object_new_array();
	char *ret = NULL;

	if (!o || !slots ||
	    json_object_object_add(o, "type", json_object_new_string(LUKS2_TOKEN_TYPE)) ||
	    json_object_object_add(o, "keyslots", slots)) {
		json_object_put(slots);
		goto out;
	}
	if ((key_name &&
	     json_object_object_add(o, "key-name", json_object_new_string(key_name))) ||
	    json_object_object_add(o, "verification-pattern", json_object_new_string(vp)))
		goto out;
	ret = luks2_json_dup(o);
out:
	if (!ret)
		cli_err("out of memory for the LUKS2 token");
	json_object_put(o);
	return ret;
}

/* The PBKDF as cryptsetup luksFormat sets it from the same options. */
static void pbkdf_params(const struct luks2_format *f,
			 struct crypt_pbkdf_type *p)
{
	const struct crypt_pbkdf_type *def = crypt_get_pbkdf_default(CRYPT_LUKS2);

	memset(p, 0, sizeof(*p));
	p->type = f->pbkdf;
	p->hash = def ? def->hash : "sha256";
	p->time_ms = def ? def->time_ms : 2000;
	if (strcmp(f->pbkdf, CRYPT_KDF_PBKDF2)) {
		p->max_memory_kb = f->memory_kib ? f->memory_kib :
				   (def ? def->max_memory_kb : 0);
		p->parallel_threads = def ? def->parallel_threads : 4;
	}
	if (f->iterations) {
		p->iterations = f->iterations;
		p->time_ms = 0;
		p->flags |= CRYPT_PBKDF_NO_BENCHMARK;
	}
}

int luks2_format(const char *dev, const struct luks2_format *f,
		 const uint8_t *vk, size_t vk_len, const char *pass,
		 size_t pass_len, const char *key_name, const char *vp)
{
	struct crypt_params_luks2 params;
	struct crypt_pbkdf_type pbkdf;
	struct crypt_device *cd;
	char *json = NULL;
	int r, slot;

	cd = dev_init(dev, 0);
	if (!cd)
		return -1;
	pbkdf_params(f, &pbkdf);
	memset(&params, 0, sizeof(params));
	params.pbkdf = &pbkdf;
	params.sector_size = f->sector_size;
	r = crypt_format(cd, CRYPT_LUKS2, LUKS2_CIPHER, LUKS2_CIPHER_MODE, NULL,
			 (const char *)vk, vk_len, &params);
	if (r < 0) {
		fprintf(stderr, "%s: LUKS2 format with " LUKS2_CIPHER "-" LUKS2_CIPHER_MODE
			" and a %zu-bit volume key failed: %s\n",
			dev, 8 * vk_len, strerror(-r));
		goto err;
	}
	slot = crypt_keyslot_add_by_volume_key(cd, CRYPT_ANY_SLOT, NULL, 0,
					       pass, pass_len);
	if (slot < 0) {
		r = slot;
		cli_err("%s: adding a key slot for the passphrase failed: %s",
			dev, strerror(-r));
		goto err;
	}
	json = luks2_token_json(key_name, vp);
	r = json ? crypt_token_json_set(cd, CRYPT_ANY_TOKEN, json) : -ENOMEM;
	if (r < 0) {
		fprintf(stderr, "%s: storing the " LUKS2_TOKEN_TYPE " token failed: %s\n",
			dev, strerror(-r));
		goto err;
	}
	printf("%s: LUKS2, %s-%s, %zu-bit volume key (the key's token), key slot %d, %s token %d\n",
	       dev, LUKS2_CIPHER, LUKS2_CIPHER_MODE, 8 * vk_len, slot,
	       LUKS2_TOKEN_TYPE, r);
	free(json);
	crypt_free(cd);
	return 0;
err:
	free(json);
	crypt_free(cd);
	return -1;
}

int luks2_open(const char *dev, const char *dm, const char *pass,
	       size_t pass_len)
{
	struct crypt_device *cd = dev_load(dev);
	int r;

	if (!cd)
		return -1;
	r = crypt_activate_by_passphrase(cd, dm, CRYPT_ANY_SLOT, pass, pass_len, 0);
	crypt_free(cd);
	if (r >= 0) {
		printf("%s: opened as /dev/mapper/%s (key slot %d)\n", dev, dm, r);
		return 0;
	}
	if (r == -EPERM) {
		cli_err("%s: no key slot opens with this passphrase", dev);
		return -2;
	}
	if (r == -EEXIST)
		cli_err("%s: cannot open as %s: a device of that name exists",
			dev, dm);
	else
		cli_err("%s: opening as %s failed: %s", dev, dm,
			strerror(-r));
	return -1;
}
