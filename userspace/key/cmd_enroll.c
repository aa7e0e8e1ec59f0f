// SPDX-License-Identifier: GPL-2.0
/*
 * secex-key enroll|unenroll: a key slot of a LUKS2 volume whose
 * passphrase is a plaintext secret of the ultravisor's secret store, and
 * the secex-uv token that names the secret, so that the token plugin
 * (libcryptsetup-token-secex-uv.so) opens the volume with no one typing.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/fileio.h"
#include "cmds.h"
#include "../token/binding.h"
#include "pass.h"
#include "uvtoken.h"

/*
 * The secret is the passphrase of its key slot: a cheap KDF is enough
 * for a value of at least BINDING_SECRET_MIN random bytes (as
 * systemd-cryptenroll does for TPM2 keys), but not for anything shorter.
 */
#define ENROLL_PBKDF_ITER	1000

static const char enroll_usage[] =
"Usage: secex-key enroll VOLUME --uv-secret NAME|ID [OPTIONS]\n"
"\n"
"Add a key slot to the LUKS2 volume VOLUME (device or image file) whose\n"
"passphrase is the plaintext secret NAME (or 64-hex-digit ID) of this\n"
"guest's ultravisor secret store, and a LUKS2 token of type secex-uv that\n"
"names it.  With the token plugin installed, 'cryptsetup open' (and\n"
"systemd-cryptsetup, see 'secex-key crypttab') then retrieve the secret\n"
"from the ultravisor and open the volume without a passphrase, on this\n"
"guest and on any guest that holds the secret, and nowhere else.  The\n"
"existing key slots stay: keep a passphrase as the fallback.\n"
"\n"
"The secret must be in the store now (add it with 'secex-uv secret add')\n"
"and be at least 16 bytes: the new key slot uses PBKDF2 with 1000\n"
"iterations, which protects a random secret but not a short one.  Works\n"
"for any LUKS2 volume: aes-xts-plain64, and paes volumes whose volume key\n"
"is itself a UV-secret token (then both the key slot and the volume key\n"
"live in the ultravisor).\n"
"\n"
"Options:\n"
"  -u, --uv-secret NAME|ID  the plaintext secret: the name it was created\n"
"                           with, or its id (64 hex digits)\n"
"      --key-file FILE      an existing passphrase of the volume (all of the\n"
"                           file; - for standard input), else it is asked\n"
"  -S, --key-slot N         the new key slot's number (default: the first\n"
"                           free one)\n"
"  -h, --help               this text\n";

static const char unenroll_usage[] =
"Usage: secex-key unenroll VOLUME [--uv-secret NAME|ID | --token-id N]\n"
"\n"
"Remove secex-uv tokens from the LUKS2 volume VOLUME, and the key slots\n"
"they open: the one naming the secret NAME or ID, the token N, or, with\n"
"neither option, every secex-uv token.  No passphrase is needed, as for\n"
"'cryptsetup luksKillSlot'.  When no other key slot would remain, nothing\n"
"is removed (exit 1), so that the volume stays openable.  This is no\n"
"revocation: whoever holds an older copy of the header still has the\n"
"slot (Documentation/unlock.md).\n"
"\n"
"Options:\n"
"  -u, --uv-secret NAME|ID  the token naming this secret\n"
"  -t, --token-id N         the LUKS2 token N\n"
"  -h, --help               this text\n";

struct enroll {
	const char *dev;
	const char *keyfile;
	struct uvsecret_ref ref;
	int slot;
};

static int parse_slot(const char *s, const char *opt, int *v)
{
	char *end;
	long n = strtol(s, &end, 10);

	if (!*s || *end || n < 0 || n >= UVTOKEN_SLOTS_MAX)
		return cli_usage_error("%s is 0 to %d, not '%s'", opt,
				       UVTOKEN_SLOTS_MAX - 1, s);
	*v = (int)n;
	return -1;
}

static int ref_opt(const char *s, struct uvsecret_ref *r)
{
	if (uvsecret_ref_parse(s, r)) {
		char shown[4 * UVSECRET_NAME_MAX + 1];

		uvsecret_name_escape(s, strlen(s), shown, sizeof(shown));
		return cli_usage_error("--uv-secret: a name (%s) or a 64-hex-digit id, not '%s'",
				       UVSECRET_NAME_RULE, shown);
	}
	return -1;
}

/*
 * The header as the plugin will see it: nothing it would refuse is
 * enrolled (binding_header_policy).  Returns 0, or -1 after a message.
 */
static int header_ok(struct crypt_device *cd, const char *dev)
{
	char why[BINDING_WHY_MAX];
	struct json_object *hdr;
	const char *json;
	int rc = -1;

	if (crypt_dump_json(cd, &json, 0) < 0 ||
	    !(hdr = json_tokener_parse(json))) {
		cli_err("%s: cannot read the LUKS2 header", dev);
		return -1;
	}
	if (binding_header_policy(hdr, why))
		cli_err("%s: not enrolled: %s", dev, why);
	else
		rc = 0;
	json_object_put(hdr);
	return rc;
}

/* The token of @n tokens whose id is @id_hex, or NULL. */
static const struct uvtoken *find_id(const struct uvtoken *t, int n,
				     const char *id_hex)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(t[i].id, id_hex))
			return &t[i];
	return NULL;
}

/*
 * With the plugin installed, have libcryptsetup open key slot @slot
 * through token @tok, as cryptsetup open will (check mode, no device
 * mapper).  Returns 0, or -1 after a message.
 */
static int check_token(struct crypt_device *cd, const char *dev, int tok,
		       int slot)
{
	int r;

	if (crypt_token_status(cd, tok, NULL) != CRYPT_TOKEN_EXTERNAL) {
		printf("%s: the " SECEX_UV_TOKEN_TYPE " token plugin is not installed here: the token is not tried until it is (libcryptsetup-token-" SECEX_UV_TOKEN_TYPE ".so)\n",
		       dev);
		return 0;
	}
	r = crypt_activate_by_token_pin(cd, NULL, SECEX_UV_TOKEN_TYPE, tok,
					NULL, 0, NULL, 0);
	if (r == slot)
		return 0;
	cli_err("%s: token %d does not open key slot %d through the plugin (%s)",
		dev, tok, slot, r < 0 ? strerror(-r) : "another key slot");
	return -1;
}

/* The key slot and the token, the volume key unlocked by @p. */
static int enroll_volume(struct crypt_device *cd, const struct enroll *e,
			 const struct pass *p, const uint8_t *secret,
			 size_t secret_len, const char *id_hex)
{
	struct crypt_pbkdf_type pbkdf = {
		.type = CRYPT_KDF_PBKDF2,
		.hash = "sha512",
		.iterations = ENROLL_PBKDF_ITER,
		.flags = CRYPT_PBKDF_NO_BENCHMARK,
	};
	int vk_size = crypt_get_volume_key_size(cd), slot, tok;
	char *vk = NULL, *json = NULL, why[BINDING_WHY_MAX];
	size_t vk_len;
	int ret = EXIT_ERR, r;

	if (vk_size <= 0) {
		cli_err("%s: the volume key size is unknown", e->dev);
		return EXIT_ERR;
	}
	vk_len = (size_t)vk_size;
	vk = malloc(vk_len);
	if (!vk)
		return EXIT_ERR;
	r = crypt_volume_key_get(cd, CRYPT_ANY_SLOT, vk, &vk_len, p->buf,
				 p->len);
	if (r < 0) {
		if (r == -EPERM)
			cli_err("%s: no key slot opens with this passphrase",
				e->dev);
		else
			cli_err("%s: unlocking the volume key failed: %s",
				e->dev, strerror(-r));
		goto out;
	}
	r = crypt_set_pbkdf_type(cd, &pbkdf);
	slot = r < 0 ? r :
	       crypt_keyslot_add_by_volume_key(cd, e->slot, vk, vk_len,
					       (const char *)secret, secret_len);
	if (slot < 0) {
		cli_err("%s: adding key slot %s failed: %s", e->dev,
			e->slot == CRYPT_ANY_SLOT ? "(any)" : "as asked",
			strerror(-slot));
		goto out;
	}
	json = uvtoken_json(cd, id_hex, e->ref.name, slot, secret, secret_len,
			    why);
	if (!json) {
		cli_err("%s: not enrolled: %s", e->dev, why);
		crypt_keyslot_destroy(cd, slot);
		goto out;
	}
	tok = crypt_token_json_set(cd, CRYPT_ANY_TOKEN, json);
	if (tok < 0) {
		cli_err("%s: storing the " SECEX_UV_TOKEN_TYPE " token failed: %s",
			e->dev, strerror(-tok));
		crypt_keyslot_destroy(cd, slot);
		goto out;
	}
	if (check_token(cd, e->dev, tok, slot)) {
		/* Nothing half-done stays behind. */
		crypt_token_json_set(cd, tok, NULL);
		crypt_keyslot_destroy(cd, slot);
		goto out;
	}
	printf("%s: key slot %d opens with UV secret %s%s%sid %s, through token %d\n",
	       e->dev, slot, e->ref.name[0] ? "'" : "", e->ref.name,
	       e->ref.name[0] ? "', " : "", id_hex, tok);
	ret = EXIT_OK;
out:
	if (vk)
		secure_zero(vk, (size_t)vk_size);
	free(vk);
	free(json);
	return ret;
}

static int parse_enroll(int argc, char **argv, struct enroll *e)
{
	static const struct option opts[] = {
		{ "uv-secret", required_argument, NULL, 'u' },
		{ "key-file", required_argument, NULL, 'k' },
		{ "key-slot", required_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 }
	};
	int c, have_ref = 0, rc;

	e->slot = CRYPT_ANY_SLOT;
	while ((c = cli_getopt(argc, argv, "u:S:", opts, "VOLUME",
			       enroll_usage)) != -1) {
		switch (c) {
		case 'u':
			rc = ref_opt(optarg, &e->ref);
			if (rc >= 0)
				return rc;
			have_ref = 1;
			break;
		case 'k':
			e->keyfile = optarg;
			break;
		case 'S':
			rc = parse_slot(optarg, "--key-slot", &e->slot);
			if (rc >= 0)
				return rc;
			break;
		default:
			return cli_exit(c);
		}
	}
	if (!have_ref)
		return cli_usage_error("missing --uv-secret NAME|ID");
	e->dev = argv[optind];
	return -1;
}

int cmd_enroll(int argc, char **argv)
{
	struct uvtoken toks[UVTOKEN_SLOTS_MAX];
	char id_hex[2 * SECRET_ID_LEN + 1], why[UVSECRET_WHY_MAX];
	uint8_t id[SECRET_ID_LEN], *secret = NULL;
	const struct uvtoken *old;
	struct enroll e = { 0 };
	struct crypt_device *cd;
	struct pass p = { 0 };
	size_t secret_len = 0;
	int rc, n;

	rc = parse_enroll(argc, argv, &e);
	if (rc >= 0)
		return rc;
	/* The plugin checks the new token, so it may load. */
	cd = luks2_load(e.dev, 1);
	if (!cd)
		return EXIT_ERR;
	rc = EXIT_ERR;
	if (uvsecret_get_plaintext(&e.ref, &secret, &secret_len, id, why) !=
	    UVSECRET_OK) {
		cli_err("%s", why);
		goto out;
	}
	uvsecret_id_hex(id, id_hex);
	if (secret_len < BINDING_SECRET_MIN) {
		cli_err("UV secret %s has %zu bytes: too short to protect a key slot (at least %d random bytes)",
			id_hex, secret_len, BINDING_SECRET_MIN);
		goto out;
	}
	/* refused before the volume key is unlocked, not after */
	if (header_ok(cd, e.dev))
		goto out;
	n = uvtoken_list(cd, e.dev, toks, UVTOKEN_SLOTS_MAX);
	old = find_id(toks, n, id_hex);
	if (old) {
		cli_err("%s: already enrolled with this secret (token %d): unenroll it first",
			e.dev, old->token);
		goto out;
	}
	if (pass_get(e.keyfile, e.dev, 0, &p))
		goto out;
	rc = enroll_volume(cd, &e, &p, secret, secret_len, id_hex);
out:
	pass_free(&p);
	if (secret)
		uvsecret_free(secret, secret_len);
	crypt_free(cd);
	return rc;
}

/*
 * Would removing the key slots of the @n tokens @t leave @cd a key slot
 * that opens?  The count is made for all of them at once, before anything
 * is removed: a token may list every slot (an import, or a host edit).
 */
static int leaves_a_slot(struct crypt_device *cd, const struct uvtoken *t,
			 int n)
{
	int s, i, j, max = crypt_keyslot_max(CRYPT_LUKS2);

	for (s = 0; s < max; s++) {
		crypt_keyslot_info ki = crypt_keyslot_status(cd, s);
		int removed = 0;

		if (ki != CRYPT_SLOT_ACTIVE && ki != CRYPT_SLOT_ACTIVE_LAST)
			continue;
		for (i = 0; i < n && !removed; i++)
			for (j = 0; j < t[i].nslots; j++)
				removed |= t[i].slots[j] == s;
		if (!removed)
			return 1;
	}
	return 0;
}

/* Remove token @t and its key slots.  Returns 0, or -1 after a message. */
static int unenroll_one(struct crypt_device *cd, const char *dev,
			const struct uvtoken *t)
{
	char label[128];
	int i, r;

	uvtoken_label(t, label, sizeof(label));
	for (i = 0; i < t->nslots; i++) {
		if (crypt_keyslot_status(cd, t->slots[i]) == CRYPT_SLOT_INACTIVE)
			continue;
		r = crypt_keyslot_destroy(cd, t->slots[i]);
		if (r < 0) {
			cli_err("%s: removing key slot %d failed: %s", dev,
				t->slots[i], strerror(-r));
			return -1;
		}
		printf("%s: key slot %d removed (UV secret %s)\n", dev,
		       t->slots[i], label);
	}
	r = crypt_token_json_set(cd, t->token, NULL);
	if (r < 0) {
		cli_err("%s: removing token %d failed: %s", dev, t->token,
			strerror(-r));
		return -1;
	}
	printf("%s: token %d (" SECEX_UV_TOKEN_TYPE ") removed\n", dev,
	       t->token);
	return 0;
}

int cmd_unenroll(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "uv-secret", required_argument, NULL, 'u' },
		{ "token-id", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	struct uvtoken toks[UVTOKEN_SLOTS_MAX];
	struct uvsecret_ref ref;
	char hex[2][2 * SECRET_ID_LEN + 1];
	int c, rc, n, i, token = -1, by_ref = 0, done = 0;
	struct crypt_device *cd;
	const char *dev;

	while ((c = cli_getopt(argc, argv, "u:t:", opts, "VOLUME",
			       unenroll_usage)) != -1) {
		switch (c) {
		case 'u':
			rc = ref_opt(optarg, &ref);
			if (rc >= 0)
				return rc;
			by_ref = 1;
			break;
		case 't':
			rc = parse_slot(optarg, "--token-id", &token);
			if (rc >= 0)
				return rc;
			break;
		default:
			return cli_exit(c);
		}
	}
	if (by_ref && token >= 0)
		return cli_usage_error("give --uv-secret or --token-id, not both");
	dev = argv[optind];
	cd = luks2_load(dev, 0);
	if (!cd)
		return EXIT_ERR;
	if (by_ref) {
		uvsecret_id_hex(ref.id, hex[0]);
		uvsecret_id_hex(ref.name_id, hex[1]);
	}
	n = uvtoken_list(cd, dev, toks, UVTOKEN_SLOTS_MAX);
	/* the chosen tokens to the front */
	for (i = 0; i < n; i++) {
		if (token >= 0 && toks[i].token != token)
			continue;
		if (by_ref && strcmp(toks[i].id, hex[0]) &&
		    (!ref.has_name_id || strcmp(toks[i].id, hex[1])))
			continue;
		toks[done++] = toks[i];
	}
	rc = EXIT_ERR;
	/*
	 * enroll makes tokens of one key slot; the host may write one that
	 * lists the passphrase's slot too, to have it removed as well
	 */
	for (i = 0; i < done; i++)
		if (toks[i].nslots != 1)
			break;
	if (!done)
		cli_err("%s: no " SECEX_UV_TOKEN_TYPE " token%s", dev,
			by_ref ? " names this secret" :
			token >= 0 ? " with this id" : "s");
	else if (i < done)
		cli_err("%s: token %d lists %d key slots, and secex-key enroll makes tokens of one: nothing removed (if it is yours, use cryptsetup token remove and luksKillSlot)",
			dev, toks[i].token, toks[i].nslots);
	else if (!leaves_a_slot(cd, toks, done))
		cli_err("%s: removing the key slots of %s would leave the volume no key slot: nothing removed",
			dev, done > 1 ? "these tokens" : "this token");
	else
		rc = EXIT_OK;
	for (i = 0; i < done && rc == EXIT_OK; i++)
		if (unenroll_one(cd, dev, &toks[i]))
			rc = EXIT_ERR;
	crypt_free(cd);
	return rc;
}
