// SPDX-License-Identifier: GPL-2.0
/*
 * The binding of a secex-uv token to its LUKS2 header (binding.h): the
 * policy checked before the ultravisor is asked, the canonical text of
 * the bound fields, and its HMAC-SHA256 under a key derived from the UV
 * secret (OpenSSL).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "../common/hex.h"
#include "binding.h"
#include "secex_uv_token.h"

/* Domain separation: the secret is also its key slot's passphrase. */
#define MAC_KEY_LABEL	"secex-uv header-mac key 1"
#define CANON_HEAD	"secex-uv header binding 1\n"

/* The one segment cipher spec per cipher that secex-key formats or enrolls. */
static const char *const segment_ciphers[] = {
	"aes-xts-plain64",	/* cryptsetup's default, clear volume key */
	"paes-xts-plain64",	/* secex-key cryptsetup: protected key */
};
/* The key slot area cipher libcryptsetup gives the slot enroll adds. */
static const char keyslot_cipher[] = "aes-xts-plain64";
static const char *const kdfs[] = { "pbkdf2", "argon2i", "argon2id" };

/* The member at dotted @path of @o ("area.encryption"), or NULL. */
static struct json_object *member(struct json_object *o, const char *path)
{
	char part[64];

	while (o && *path) {
		const char *dot = strchr(path, '.');
		size_t n = dot ? (size_t)(dot - path) : strlen(path);

		if (n >= sizeof(part))
			return NULL;
		memcpy(part, path, n);
		part[n] = '\0';
		if (!json_object_is_type(o, json_type_object) ||
		    !json_object_object_get_ex(o, part, &o))
			return NULL;
		path += n + (dot ? 1 : 0);
	}
	return o;
}

/* The string at @path of @o, or NULL if absent or not a string. */
static const char *string_at(struct json_object *o, const char *path)
{
	struct json_object *v = member(o, path);

	return v && json_object_is_type(v, json_type_string) ?
	       json_object_get_string(v) : NULL;
}

/* The integer at @path of @o, 0 if absent or not an integer. */
static int64_t int_at(struct json_object *o, const char *path)
{
	struct json_object *v = member(o, path);

	return v && json_object_is_type(v, json_type_int) ?
	       json_object_get_int64(v) : 0;
}

static int in_set(const char *s, const char *const *set, size_t n)
{
	size_t i;

	for (i = 0; s && i < n; i++)
		if (!strcmp(s, set[i]))
			return 1;
	return 0;
}

/* The key slot @name of @hdr's "keyslots", or NULL. */
static struct json_object *keyslot(struct json_object *hdr, const char *name)
{
	struct json_object *ks = member(hdr, "keyslots"), *k;

	if (!ks || !json_object_is_type(ks, json_type_object) ||
	    !json_object_object_get_ex(ks, name, &k))
		return NULL;
	return k;
}

#define say(...) (snprintf(why, BINDING_WHY_MAX, __VA_ARGS__), -1)

/* Room for a header value in a message: 24 bytes, each maybe \xNN. */
#define SHOW_LEN	(4 * 24 + 4)

/*
 * @s as a message shows it: the host wrote it, so a byte outside
 * printable ASCII, or a backslash or quote, becomes \xNN, and a long
 * value is cut ("..."); "?" for NULL.  Returns @buf.
 */
static const char *shown(const char *s, char buf[SHOW_LEN])
{
	size_t o = 0;

	if (!s)
		return "?";
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		int plain = c > 0x20 && c < 0x7f && c != '\\' && c != '\'';

		if (o + (plain ? 1 : 4) + 4 > SHOW_LEN) {
			memcpy(buf + o, "...", 4);
			return buf;
		}
		if (plain)
			buf[o++] = (char)c;
		else
			o += (size_t)snprintf(buf + o, SHOW_LEN - o, "\\x%02x", c);
	}
	buf[o] = '\0';
	return buf;
}

static int check_segments(struct json_object *hdr, char *why)
{
	struct json_object *segs = member(hdr, "segments");
	char a[SHOW_LEN], b[SHOW_LEN];
	int n = 0;

	if (!segs || !json_object_is_type(segs, json_type_object))
		return say("the header has no segments");
	json_object_object_foreach(segs, key, seg) {
		const char *type = string_at(seg, "type");
		const char *enc = string_at(seg, "encryption");

		if (!type || strcmp(type, "crypt"))
			return say("segment %s is of type '%s', not an encrypted (crypt) segment",
				   shown(key, a), shown(type, b));
		if (enc && strstr(enc, "cipher_null"))
			return say("segment %s is %s: the volume would be mapped in plaintext",
				   shown(key, a), shown(enc, b));
		if (!in_set(enc, segment_ciphers,
			    sizeof(segment_ciphers) / sizeof(*segment_ciphers)))
			return say("segment %s cipher '%s' is none that secex-key enrolls (aes-xts-plain64, paes-xts-plain64)",
				   shown(key, a), shown(enc, b));
		n++;
	}
	return n ? 0 : say("the header has no segments");
}

static int check_token_slot(struct json_object *hdr, const char *name,
			    char *why)
{
	struct json_object *k = keyslot(hdr, name);
	char a[SHOW_LEN], b[SHOW_LEN];
	const char *type, *enc, *kdf;
	int64_t size;

	if (!k)
		return say("its key slot %s does not exist", shown(name, a));
	type = string_at(k, "type");
	enc = string_at(k, "area.encryption");
	kdf = string_at(k, "kdf.type");
	if (!type || strcmp(type, "luks2"))
		return say("its key slot %s is of type '%s', not luks2",
			   shown(name, a), shown(type, b));
	if (!enc || strcmp(enc, keyslot_cipher))
		return say("its key slot %s is encrypted with '%s', not %s",
			   shown(name, a), shown(enc, b), keyslot_cipher);
	if (!in_set(kdf, kdfs, sizeof(kdfs) / sizeof(*kdfs)))
		return say("its key slot %s has the KDF '%s', not pbkdf2 or argon2",
			   shown(name, a), shown(kdf, b));
	size = int_at(k, "key_size");
	if (size < BINDING_VK_MIN)
		return say("its key slot %s holds a volume key of %lld bytes, under %d",
			   shown(name, a), (long long)size, BINDING_VK_MIN);
	size = int_at(k, "area.key_size");
	if (size < BINDING_VK_MIN)
		return say("its key slot %s area key has %lld bytes, under %d",
			   shown(name, a), (long long)size, BINDING_VK_MIN);
	return 0;
}

int binding_header_policy(struct json_object *hdr, char why[BINDING_WHY_MAX])
{
	struct json_object *v = member(hdr, "config.requirements.mandatory");
	char a[SHOW_LEN], b[SHOW_LEN];

	if (v && (!json_object_is_type(v, json_type_array) ||
		  json_object_array_length(v)))
		return say("the header has mandatory requirements (an unfinished reencryption?)");
	if (check_segments(hdr, why))
		return -1;
	v = member(hdr, "keyslots");
	if (!v || !json_object_is_type(v, json_type_object))
		return say("the header has no key slots");
	json_object_object_foreach(v, key, ks) {
		const char *enc = string_at(ks, "area.encryption");

		if (enc && strstr(enc, "cipher_null"))
			return say("key slot %s is encrypted with %s: it would open with any passphrase",
				   shown(key, a), shown(enc, b));
	}
	return 0;
}

int binding_policy(struct json_object *hdr, struct json_object *tok,
		   char why[BINDING_WHY_MAX])
{
	struct json_object *slots = member(tok, "keyslots");
	const char *mac = string_at(tok, SECEX_UV_TOKEN_MAC);
	uint8_t raw[BINDING_MAC_LEN];
	size_t i, n;

	if (!mac)
		return say("it has no \"%s\" (enrolled before secex 0.2, or not by secex-key): unenroll and enroll it again",
			   SECEX_UV_TOKEN_MAC);
	if (strlen(mac) != 2 * BINDING_MAC_LEN ||
	    strspn(mac, "0123456789abcdef") != 2 * BINDING_MAC_LEN ||
	    hex_parse(mac, raw, sizeof(raw)))
		return say("its \"%s\" is not %d lower-case hex digits",
			   SECEX_UV_TOKEN_MAC, 2 * BINDING_MAC_LEN);
	if (binding_header_policy(hdr, why))
		return -1;
	if (!slots || !json_object_is_type(slots, json_type_array) ||
	    !(n = json_object_array_length(slots)))
		return say("it names no key slot");
	for (i = 0; i < n; i++) {
		struct json_object *v = json_object_array_get_idx(slots, i);

		if (!json_object_is_type(v, json_type_string))
			return say("its \"keyslots\" holds a non-string");
		if (check_token_slot(hdr, json_object_get_string(v), why))
			return -1;
	}
	return 0;
}

/*
 * One line per value, each length-prefixed so that no value can pose as
 * a field or another value:
 *   NAME -            absent
 *   NAME sLEN:BYTES   string
 *   NAME iNUMBER      integer
 *   NAME bN           boolean
 *   NAME aCOUNT       array, then its elements as "NAME[]" lines
 *   NAME oLEN:JSON    anything else (json-c's plain text)
 */
static void put_value(FILE *f, const char *name, struct json_object *v)
{
	const char *s;
	size_t i, n;

	switch (v ? json_object_get_type(v) : json_type_null) {
	case json_type_null:
		fprintf(f, "%s -\n", name);
		break;
	case json_type_string:
		n = (size_t)json_object_get_string_len(v);
		fprintf(f, "%s s%zu:", name, n);
		fwrite(json_object_get_string(v), 1, n, f);
		fputc('\n', f);
		break;
	case json_type_int:
		/* json-c's text: exact for every int64 and uint64 */
		fprintf(f, "%s i%s\n", name,
			json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN));
		break;
	case json_type_boolean:
		fprintf(f, "%s b%d\n", name, json_object_get_boolean(v));
		break;
	case json_type_array:
		n = json_object_array_length(v);
		fprintf(f, "%s a%zu\n", name, n);
		for (i = 0; i < n; i++) {
			char el[80];

			snprintf(el, sizeof(el), "%s[]", name);
			put_value(f, el, json_object_array_get_idx(v, i));
		}
		break;
	default:
		s = json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN);
		fprintf(f, "%s o%zu:%s\n", name, strlen(s), s);
		break;
	}
}

static void put_fields(FILE *f, struct json_object *o,
		       const char *const *fields)
{
	for (; *fields; fields++)
		put_value(f, *fields, member(o, *fields));
}

/* Numeric order of the LUKS2 object keys ("2" < "10"), whatever the text. */
static int key_cmp(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	size_t lx = strlen(x), ly = strlen(y);

	return lx != ly ? (lx < ly ? -1 : 1) : strcmp(x, y);
}

/*
 * The keys of object @o (none if @o is not one), sorted, into *@keys (to
 * be freed), *@n of them.  Returns 0, or -1 if out of memory: a MAC over
 * fewer fields than the list says must never be made.
 */
static int sorted_keys(struct json_object *o, const char ***keys_out,
		       size_t *n)
{
	const char **keys;
	size_t i = 0;

	*n = 0;
	*keys_out = NULL;
	if (!o || !json_object_is_type(o, json_type_object) ||
	    !json_object_object_length(o))
		return 0;
	keys = calloc((size_t)json_object_object_length(o), sizeof(*keys));
	if (!keys)
		return -1;
	json_object_object_foreach(o, key, val) {
		(void)val;
		keys[i++] = key;
	}
	qsort(keys, i, sizeof(*keys), key_cmp);
	*n = i;
	*keys_out = keys;
	return 0;
}

/* Does the string array @a hold @s? */
static int array_has(struct json_object *a, const char *s)
{
	size_t i, n;

	if (!a || !json_object_is_type(a, json_type_array))
		return 0;
	n = json_object_array_length(a);
	for (i = 0; i < n; i++) {
		struct json_object *v = json_object_array_get_idx(a, i);

		if (json_object_is_type(v, json_type_string) &&
		    !strcmp(json_object_get_string(v), s))
			return 1;
	}
	return 0;
}

/* Does any key slot of token @tok appear in the string array @a? */
static int shares_slot(struct json_object *tok, struct json_object *a)
{
	struct json_object *slots = member(tok, "keyslots");
	size_t i, n = slots && json_object_is_type(slots, json_type_array) ?
		      json_object_array_length(slots) : 0;

	for (i = 0; i < n; i++) {
		struct json_object *v = json_object_array_get_idx(slots, i);

		if (json_object_is_type(v, json_type_string) &&
		    array_has(a, json_object_get_string(v)))
			return 1;
	}
	return 0;
}

/*
 * The bound fields.  Not bound, so that the header's ordinary life goes
 * on: other key slots and tokens (luksAddKey, token import), the digest's
 * list of key slots (which luksAddKey extends), priorities, labels,
 * flags.  Each of the token's key slots must still be one the digest
 * lists, or libcryptsetup would not accept the key it yields.
 */
static const char *const token_fields[] = {
	"type", "keyslots", SECEX_UV_TOKEN_ID, SECEX_UV_TOKEN_NAME, NULL
};
static const char *const segment_fields[] = {
	"type", "offset", "size", "iv_tweak", "encryption", "sector_size",
	"integrity", NULL
};
static const char *const keyslot_fields[] = {
	"type", "key_size", "area.type", "area.offset", "area.size",
	"area.encryption", "area.key_size", "kdf.type", "kdf.hash",
	"kdf.iterations", "kdf.time", "kdf.memory", "kdf.cpus", "kdf.salt",
	"af.type", "af.stripes", "af.hash", NULL
};
static const char *const digest_fields[] = {
	"type", "hash", "iterations", "salt", "digest", "segments", NULL
};

char *binding_canonical(struct json_object *hdr, struct json_object *tok,
			size_t *len)
{
	struct json_object *segs = member(hdr, "segments");
	struct json_object *digs = member(hdr, "digests"), *slots, *o;
	const char **keys = NULL;
	char *buf = NULL;
	size_t i, n, size = 0;
	FILE *f = open_memstream(&buf, &size);

	if (!f)
		return NULL;
	fputs(CANON_HEAD, f);
	fputs("token\n", f);
	put_fields(f, tok, token_fields);
	/* persistent activation flags: allow-discards would leak free blocks */
	put_value(f, "config.flags", member(hdr, "config.flags"));

	if (sorted_keys(segs, &keys, &n))
		goto fail;
	for (i = 0; i < n; i++) {
		json_object_object_get_ex(segs, keys[i], &o);
		fprintf(f, "segment s%zu:%s\n", strlen(keys[i]), keys[i]);
		put_fields(f, o, segment_fields);
	}
	free(keys);

	slots = member(tok, "keyslots");
	n = slots && json_object_is_type(slots, json_type_array) ?
	    json_object_array_length(slots) : 0;
	for (i = 0; i < n; i++) {
		const char *name = json_object_get_string(
					json_object_array_get_idx(slots, i));

		put_value(f, "keyslot", json_object_array_get_idx(slots, i));
		put_fields(f, name ? keyslot(hdr, name) : NULL, keyslot_fields);
	}

	if (sorted_keys(digs, &keys, &n))
		goto fail;
	for (i = 0; i < n; i++) {
		json_object_object_get_ex(digs, keys[i], &o);
		if (!shares_slot(tok, member(o, "keyslots")))
			continue;
		fprintf(f, "digest s%zu:%s\n", strlen(keys[i]), keys[i]);
		put_fields(f, o, digest_fields);
	}
	free(keys);

	if (fclose(f)) {
		free(buf);
		return NULL;
	}
	*len = size;
	return buf;
fail:
	fclose(f);
	free(buf);
	return NULL;
}

int binding_mac(const uint8_t *secret, size_t secret_len, const char *canon,
		size_t canon_len, uint8_t mac[BINDING_MAC_LEN])
{
	uint8_t key[BINDING_MAC_LEN];
	size_t n = 0;
	int ok;

	ok = EVP_Q_mac(NULL, "HMAC", NULL, "SHA256", NULL, secret, secret_len,
		       (const unsigned char *)MAC_KEY_LABEL,
		       sizeof(MAC_KEY_LABEL) - 1, key, sizeof(key), &n) &&
	     n == sizeof(key) &&
	     EVP_Q_mac(NULL, "HMAC", NULL, "SHA256", NULL, key, sizeof(key),
		       (const unsigned char *)canon, canon_len, mac,
		       BINDING_MAC_LEN, &n) &&
	     n == BINDING_MAC_LEN;
	OPENSSL_cleanse(key, sizeof(key));
	return ok ? 0 : -1;
}

int binding_verify(struct json_object *hdr, struct json_object *tok,
		   const uint8_t *secret, size_t secret_len,
		   char why[BINDING_WHY_MAX])
{
	const char *hex = string_at(tok, SECEX_UV_TOKEN_MAC);
	uint8_t want[BINDING_MAC_LEN], got[BINDING_MAC_LEN];
	char *canon;
	size_t len;
	int r;

	if (!hex || strlen(hex) != 2 * BINDING_MAC_LEN ||
	    hex_parse(hex, want, sizeof(want)))
		return say("its \"%s\" is not %d hex digits",
			   SECEX_UV_TOKEN_MAC, 2 * BINDING_MAC_LEN);
	canon = binding_canonical(hdr, tok, &len);
	if (!canon)
		return say("out of memory");
	r = binding_mac(secret, secret_len, canon, len, got);
	free(canon);
	if (r)
		return say("computing the header MAC failed (OpenSSL)");
	if (CRYPTO_memcmp(want, got, sizeof(got)))
		return say("the header is not the one it was enrolled on (\"%s\" does not match: a segment, key slot, digest or the token was changed)",
			   SECEX_UV_TOKEN_MAC);
	return 0;
}

struct json_object *binding_token(struct json_object *hdr, int token)
{
	struct json_object *toks = member(hdr, "tokens"), *t;
	char name[16];

	snprintf(name, sizeof(name), "%d", token);
	if (!toks || !json_object_is_type(toks, json_type_object) ||
	    !json_object_object_get_ex(toks, name, &t) ||
	    !json_object_is_type(t, json_type_object))
		return NULL;
	return t;
}
