/* SPDX-License-Identifier: GPL-2.0 */
/*
 * secex-uv tokens of LUKS2 volumes, as secex-key enroll writes them and
 * the token plugin reads them (token/secex_uv_token.h has the format).
 */
#ifndef SECEX_KEY_UVTOKEN_H
#define SECEX_KEY_UVTOKEN_H

#include "../common/uvsecret.h"
#include "../token/binding.h"
#include "../token/secex_uv_token.h"
#include "luks2.h"

#define UVTOKEN_SLOTS_MAX	32

struct uvtoken {
	int token;				/* LUKS2 token id */
	int nslots;
	int slots[UVTOKEN_SLOTS_MAX];		/* its key slots */
	char id[2 * SECRET_ID_LEN + 1];		/* hex */
	char name[SECEX_UV_TOKEN_NAME_MAX + 1];	/* "" if none or invalid */
	int bad_name;				/* the token's name was invalid */
};

/*
 * The secex-uv tokens of @cd (loaded from @dev), at most @max into @t.
 * Returns their number; a token of the type that cannot be parsed is
 * skipped after a message.
 */
int uvtoken_list(struct crypt_device *cd, const char *dev,
		 struct uvtoken *t, int max);

/*
 * The token's JSON for key slot @slot of @cd (which holds the slot
 * already), with the "header-mac" that binds it to @cd's header under the
 * secret (token/binding.h), malloc'ed.  NULL, with the reason in @why, if
 * out of memory or if the header is one the plugin would refuse.
 */
char *uvtoken_json(struct crypt_device *cd, const char *id_hex,
		   const char *name, int slot, const uint8_t *secret,
		   size_t secret_len, char why[BINDING_WHY_MAX]);

/* "'NAME' (id 0123abcd...)" or "id 0123...": how messages name it. */
void uvtoken_label(const struct uvtoken *t, char *buf, size_t size);

#endif /* SECEX_KEY_UVTOKEN_H */
