// SPDX-License-Identifier: GPL-2.0
/*
 * secex-uv tokens of LUKS2 volumes: listing and writing their JSON
 * (json-c).  The value they name never passes through here.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/cli.h"
#include "../token/binding.h"
#include "uvtoken.h"

/* The "keyslots" array of @o (strings naming slots) into @t. */
static int parse_slots(struct json_object *o, struct uvtoken *t)
{
	struct json_object *a;
	size_t i, n;

	if (!json_object_object_get_ex(o, "keyslots", &a) ||
	    !json_object_is_type(a, json_type_array))
		return -1;
	n = json_object_array_length(a);
	t->nslots = 0;
	for (i = 0; i < n && t->nslots < UVTOKEN_SLOTS_MAX; i++) {
		struct json_object *v = json_object_array_get_idx(a, i);
		char *end;
		long s;

		if (!json_object_is_type(v, json_type_string))
			return -1;
		s = strtol(json_object_get_string(v), &end, 10);
		if (*end || s < 0 || s >= UVTOKEN_SLOTS_MAX)
			return -1;
		t->slots[t->nslots++] = (int)s;
	}
	return 0;
}

static int parse(const char *json, struct uvtoken *t)
{
	struct json_object *o = json_tokener_parse(json);
	const char *s;
	size_t len, i;
	int ret = -1;

	if (!o)
		return -1;
	s = luks2_json_string(o, SECEX_UV_TOKEN_ID, &len);
	if (!s || len != 2 * SECRET_ID_LEN ||
	    strspn(s, "0123456789abcdefABCDEF") != len)
		goto out;
	/* the plugin takes either case; compared in lower case here */
	for (i = 0; i <= len; i++)
		t->id[i] = (char)tolower((unsigned char)s[i]);
	/*
	 * The host can write the name, and it reaches messages and crypttab
	 * comments: a name outside the set is dropped (the id names the
	 * token then), and the plugin refuses such a token anyway.
	 */
	t->name[0] = 0;
	t->bad_name = 0;
	s = luks2_json_string(o, SECEX_UV_TOKEN_NAME, &len);
	if (s && strlen(s) == len && uvsecret_name_valid(s, len))
		memcpy(t->name, s, len + 1);
	else if (s)
		t->bad_name = 1;
	ret = parse_slots(o, t);
out:
	json_object_put(o);
	return ret;
}

int uvtoken_list(struct crypt_device *cd, const char *dev,
		 struct uvtoken *t, int max)
{
	int id, n = 0, end = crypt_token_max(CRYPT_LUKS2);
	const char *type, *json;
	crypt_token_info st;

	for (id = 0; id < end && n < max; id++) {
		st = crypt_token_status(cd, id, &type);
		if (st == CRYPT_TOKEN_INVALID || st == CRYPT_TOKEN_INACTIVE ||
		    !type || strcmp(type, SECEX_UV_TOKEN_TYPE))
			continue;
		if (crypt_token_json_get(cd, id, &json) < 0 ||
		    parse(json, &t[n])) {
			cli_err("%s: token %d (" SECEX_UV_TOKEN_TYPE ") is not valid: ignored",
				dev, id);
			continue;
		}
		if (t[n].bad_name)
			cli_err("%s: token %d (" SECEX_UV_TOKEN_TYPE "): \"" SECEX_UV_TOKEN_NAME "\" is not a valid name (%s): named by its id here, and the plugin refuses it",
				dev, id, UVSECRET_NAME_RULE);
		t[n++].token = id;
	}
	return n;
}

char *uvtoken_json(struct crypt_device *cd, const char *id_hex,
		   const char *name, int slot, const uint8_t *secret,
		   size_t secret_len, char why[BINDING_WHY_MAX])
{
	struct json_object *o = json_object_new_object();
	struct json_object *slots = json_object_new_array();
	struct json_object *hdr = NULL;
	uint8_t mac[BINDING_MAC_LEN];
	char num[16], mac_hex[2 * BINDING_MAC_LEN + 1];
	const char *hdr_json;
	char *canon = NULL, *ret = NULL;
	size_t len, i;

	snprintf(why, BINDING_WHY_MAX, "out of memory");
	snprintf(num, sizeof(num), "%d", slot);
	if (!o || !slots ||
	    json_object_array_add(slots, json_object_new_string(num))) {
		json_object_put(slots);
		goto out;
	}
	if (json_object_object_add(o, "type", json_object_new_string(SECEX_UV_TOKEN_TYPE)) ||
	    json_object_object_add(o, "keyslots", slots) ||
	    json_object_object_add(o, SECEX_UV_TOKEN_ID, json_object_new_string(id_hex)) ||
	    (name && *name &&
	     json_object_object_add(o, SECEX_UV_TOKEN_NAME, json_object_new_string(name))))
		goto out;
	/* the header as libcryptsetup holds it, with the new key slot */
	if (crypt_dump_json(cd, &hdr_json, 0) < 0 ||
	    !(hdr = json_tokener_parse(hdr_json))) {
		snprintf(why, BINDING_WHY_MAX, "cannot read the LUKS2 header");
		goto out;
	}
	canon = binding_canonical(hdr, o, &len);
	if (!canon)
		goto out;
	if (binding_mac(secret, secret_len, canon, len, mac)) {
		snprintf(why, BINDING_WHY_MAX, "computing the header MAC failed (OpenSSL)");
		goto out;
	}
	for (i = 0; i < BINDING_MAC_LEN; i++)
		snprintf(mac_hex + 2 * i, 3, "%02x", mac[i]);
	if (json_object_object_add(o, SECEX_UV_TOKEN_MAC, json_object_new_string(mac_hex)))
		goto out;
	/* what the plugin would refuse is not written */
	if (binding_policy(hdr, o, why))
		goto out;
	ret = luks2_json_dup(o);
out:
	free(canon);
	json_object_put(hdr);
	json_object_put(o);
	return ret;
}

void uvtoken_label(const struct uvtoken *t, char *buf, size_t size)
{
	if (t->name[0])
		snprintf(buf, size, "'%s', id %.16s...", t->name, t->id);
	else
		snprintf(buf, size, "id %s", t->id);
}
