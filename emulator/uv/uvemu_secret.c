// SPDX-License-Identifier: GPL-2.0
/*
 * The secret store (swuv_secret.c): Add Secret (UVC 0x1031) with ASRCB v1
 * requests, List Secrets (0x1033), Lock Secret Store (0x1034) and Retrieve
 * Secret (0x1035), on host buffers; uvemu_call.c moves them to and from
 * guest memory.  Key secrets leave the store only as protected keys made
 * by the glue's wrap_key(); plaintext secrets leave as stored.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "uvemu_int.h"

#define ASRCB_EXT_INFO		"IBM Z Ultravisor Add-Secret"
#define SECRET_HDR_TYPE		0x02
#define SECRET_HDR_LEN		0x04
#define SECRET_HDR_ID		0x10
#define PLAIN_LEN_SIZE		2

#define LR	(UVEMU_SECRET_LISTED | UVEMU_SECRET_RETRIEVABLE)
#define LRK	(LR | UVEMU_SECRET_KEY)

/*
 * Secret types, their lengths in a request and what the store does with
 * them: the table of include/uapi/secex/uv_secret_types.h (the tests check
 * that both agree).  HMAC keys are padded to the hash's block size, P-521
 * keys to 80 bytes and Ed448 keys to 64, as the ultravisor stores them.
 */
static const struct uvemu_secret_type secret_types[] = {
	{ UVEMU_SECRET_NULL, 0, 0 },
	{ UVEMU_SECRET_ASSOCIATION, 32, UVEMU_SECRET_LISTED },
	{ UVEMU_SECRET_PLAINTEXT, 0, LR },
	{ 0x0004, 16, LRK },	/* AES-128 */
	{ 0x0005, 24, LRK },	/* AES-192 */
	{ 0x0006, 32, LRK },	/* AES-256 */
	{ 0x0007, 32, LRK },	/* AES-XTS-128 */
	{ 0x0008, 64, LRK },	/* AES-XTS-256 */
	{ 0x0009, 64, LRK },	/* HMAC-SHA-256 */
	{ 0x000a, 128, LRK },	/* HMAC-SHA-512 */
	{ 0x0011, 32, LRK },	/* EC P-256 */
	{ 0x0012, 48, LRK },	/* EC P-384 */
	{ 0x0013, 80, LRK },	/* EC P-521 */
	{ 0x0014, 32, LRK },	/* Ed25519 */
	{ 0x0015, 64, LRK },	/* Ed448 */
	{ UVEMU_SECRET_UPDATE_CCK, 32, 0 },
};

const struct uvemu_secret_type *uvemu_secret_types(unsigned int *n)
{
	*n = ARRAY_SIZE(secret_types);
	return secret_types;
}

const struct uvemu_secret_type *uvemu_secret_type(uint16_t type)
{
	unsigned int i, n;
	const struct uvemu_secret_type *t = uvemu_secret_types(&n);

	for (i = 0; i < n; i++)
		if (t[i].type == type)
			return &t[i];
	return NULL;
}

/* Query's supp_secret_types: MSB0 bit n for every supported type n. */
uint64_t uvemu_supp_secret_types(void)
{
	unsigned int i, n;
	const struct uvemu_secret_type *t = uvemu_secret_types(&n);
	uint64_t mask = 0;

	for (i = 0; i < n; i++)
		mask |= MSB0(t[i].type);
	return mask;
}

static uint32_t type_flags(uint16_t type)
{
	const struct uvemu_secret_type *t = uvemu_secret_type(type);

	return t ? t->flags : 0;
}

/* rc for a secret header announcing @len bytes of type @type, 0 if valid. */
static uint16_t check_secret_len(uint16_t type, uint32_t len)
{
	const struct uvemu_secret_type *t = uvemu_secret_type(type);

	if (!t)
		return UVEMU_RC_ADD_TYPE;
	if (type == UVEMU_SECRET_PLAINTEXT)
		return len < UVEMU_PLAIN_ALIGN || len % UVEMU_PLAIN_ALIGN ||
		       len > UVEMU_SECRET_MAX ? UVEMU_RC_ADD_SECRET_LEN : 0;
	return len == t->len ? 0 : UVEMU_RC_ADD_SECRET_LEN;
}

/*
 * Check the plaintext part of an ASRCB v1 whose length (rql) is @len.
 * Only the first UVEMU_ASRCB_MAX bytes of @req need to be present: every
 * field read here lies within them, and a request longer than that is
 * refused before its tag is located.  Return 0 or the ultravisor rc.
 */
uint16_t uvemu_asrcb_parse(const uint8_t *req, uint32_t len,
			   struct uvemu_asrcb *r)
{
	uint32_t shdr, shdr_len, min_len;
	uint16_t rc;

	if (len < UVEMU_ASRCB_SLOTS)
		return UVEMU_RC_ADD_SIZE;
	if (memcmp(req, UVEMU_ASRCB_MAGIC, strlen(UVEMU_ASRCB_MAGIC)))
		return UVEMU_RC_ADD_VERSION;
	r->ud_type = get_be16(req + 6);
	if (r->ud_type > UVEMU_ASRCB_MAX_UD_TYPE ||
	    get_be32(req + UVEMU_REQ_VERSION) != UVEMU_REQ_VERSION_1)
		return UVEMU_RC_ADD_VERSION;
	r->len = get_be32(req + UVEMU_REQ_LEN);
	if (r->len < UVEMU_ASRCB_SLOTS || r->len > len)
		return UVEMU_RC_ADD_SIZE;
	r->nks = req[UVEMU_REQ_NKS];
	shdr = UVEMU_ASRCB_SLOTS + r->nks * UVEMU_KEYSLOT_SIZE;
	min_len = shdr + UVEMU_SECRET_HDR_NULL + UVEMU_EXT_SECRET_SIZE +
		  UVEMU_TAG_SIZE;
	if (!r->nks || min_len > r->len)
		return UVEMU_RC_ADD_NKS;
	r->flags = get_be64(req + UVEMU_ASRCB_FLAGS);
	if (r->flags & ~UVEMU_ASRCB_FLAG_NO_DUMP)
		return UVEMU_RC_ADD_FLAGS;

	r->type = get_be16(req + shdr + SECRET_HDR_TYPE);
	r->secret_len = get_be32(req + shdr + SECRET_HDR_LEN);
	shdr_len = r->type == UVEMU_SECRET_NULL ? UVEMU_SECRET_HDR_NULL :
						  UVEMU_SECRET_HDR_LIST;
	r->aad_len = shdr + shdr_len;
	r->sea = get_be32(req + UVEMU_REQ_SEA);
	if (r->sea < UVEMU_EXT_SECRET_SIZE || r->sea > r->len ||
	    (uint64_t)r->aad_len + r->sea + UVEMU_TAG_SIZE != r->len)
		return UVEMU_RC_ADD_SIZE;
	rc = check_secret_len(r->type, r->secret_len);
	if (rc)
		return rc;
	if (r->secret_len != r->sea - UVEMU_EXT_SECRET_SIZE)
		return UVEMU_RC_ADD_SECRET_LEN;

	r->tags = req + UVEMU_ASRCB_TAGS;
	r->cuid = req + UVEMU_ASRCB_CUID;
	r->cpk = req + UVEMU_ASRCB_CPK;
	r->slots = req + UVEMU_ASRCB_SLOTS;
	r->id = type_flags(r->type) & UVEMU_SECRET_LISTED ?
		req + shdr + SECRET_HDR_ID : NULL;
	r->tag = req + r->len - UVEMU_TAG_SIZE;
	return 0;
}

/* Decrypt the encrypted area: @r->sea bytes, the secret then the extension secret. */
int uvemu_asrcb_open(const uint8_t *req, const struct uvemu_asrcb *r,
		     const uint8_t prot_key[UVEMU_KEY_SIZE], uint8_t *pt)
{
	return uvemu_gcm_decrypt(prot_key, req + UVEMU_REQ_IV, req, r->aad_len,
				 req + r->aad_len, r->sea, r->tag, pt);
}

/* HKDF-SHA512(@cck, salt @se_tag, "IBM Z Ultravisor Add-Secret"), 32 bytes. */
void uvemu_ext_secret_from_cck(const uint8_t cck[UVEMU_KEY_SIZE],
			       const uint8_t se_tag[UVEMU_TAG_SIZE],
			       uint8_t ext[UVEMU_EXT_SECRET_SIZE])
{
	uvemu_hkdf_sha512(cck, UVEMU_KEY_SIZE, se_tag, UVEMU_TAG_SIZE,
			  (const uint8_t *)ASRCB_EXT_INFO,
			  strlen(ASRCB_EXT_INFO), ext, UVEMU_EXT_SECRET_SIZE);
}

/* Is the request bound to our image and configuration? */
static bool asrcb_bound(const struct uvemu *uv, const struct uvemu_asrcb *r)
{
	static const uint8_t zero_cuid[sizeof(uv->cuid)];
	const struct uvemu_boot_tags *t = &uv->img.tags;
	const uint8_t *p = r->tags;

	if (memcmp(p, t->pld, sizeof(t->pld)) ||
	    memcmp(p + 64, t->ald, sizeof(t->ald)) ||
	    memcmp(p + 128, t->tld, sizeof(t->tld)) ||
	    memcmp(p + 192, t->tag, sizeof(t->tag)))
		return false;
	return !memcmp(r->cuid, zero_cuid, sizeof(zero_cuid)) ||
	       !memcmp(r->cuid, uv->cuid, sizeof(uv->cuid));
}

static bool all_zero(const uint8_t *p, size_t n)
{
	uint8_t acc = 0;

	while (n--)
		acc |= *p++;
	return !acc;
}

/* Extension-secret rules; @ext is the decrypted extension secret. */
static uint16_t check_ext(const struct uvemu *uv, const struct uvemu_asrcb *r,
			  const uint8_t *ext)
{
	uint8_t want[UVEMU_EXT_SECRET_SIZE];
	uint16_t rc = 0;
	bool need;

	if (r->type == UVEMU_SECRET_UPDATE_CCK &&
	    !(uv->img.scf & UVEMU_SCF_CCK_UPDATE))
		return UVEMU_RC_ADD_TYPE;
	need = (uv->img.scf & UVEMU_SCF_CCK_EXT_ENFORCE) ||
	       r->type == UVEMU_SECRET_UPDATE_CCK;
	if (!need) {
		/* The store's extension secret, once one primed it. */
		if (uv->ext_primed &&
		    uvemu_memneq(uv->ext_secret, ext, sizeof(uv->ext_secret)))
			return UVEMU_RC_ADD_DECRYPT;
		return 0;
	}
	uvemu_ext_secret_from_cck(uv->cck, uv->img.tags.tag, want);
	if (uvemu_memneq(want, ext, sizeof(want)))
		rc = UVEMU_RC_ADD_DECRYPT;
	uvemu_wipe(want, sizeof(want));
	return rc;
}

/* Plaintext secrets: be16 length, payload, zero padding to 16 bytes. */
static uint16_t check_plain(const uint8_t *secret, uint32_t len)
{
	uint32_t plen = get_be16(secret);
	uint32_t padded = (PLAIN_LEN_SIZE + plen + UVEMU_PLAIN_ALIGN - 1) /
			  UVEMU_PLAIN_ALIGN * UVEMU_PLAIN_ALIGN;

	if (plen > UVEMU_PLAIN_MAX || padded != len)
		return UVEMU_RC_ADD_SECRET_LEN;
	return 0;
}

/* Commit a decrypted, checked request to the store. */
static uint16_t store_add(struct uvemu *uv, const struct uvemu_asrcb *r,
			  const uint8_t *secret)
{
	uint32_t flags = type_flags(r->type);
	struct uvemu_secret *s;

	if (flags & UVEMU_SECRET_LISTED) {
		if (uv->nsecrets >= uv->store_size)
			return UVEMU_RC_ADD_FULL;
		s = &uv->secrets[uv->nsecrets];
		s->data = malloc(r->secret_len);
		if (!s->data)
			return UVEMU_RC_ADD_UNABLE;
		memcpy(s->data, secret, r->secret_len);
		s->type = r->type;
		s->len = r->secret_len;
		s->list_len = r->secret_len;
		if (flags & UVEMU_SECRET_KEY)
			s->list_len += UVEMU_WKVP_SIZE;
		memcpy(s->id, r->id, sizeof(s->id));
		uv->nsecrets++;
	}
	uvemu_runhash_update(uv->store_hash, r->tag, UVEMU_TAG_SIZE);
	if (r->type == UVEMU_SECRET_UPDATE_CCK)
		memcpy(uv->cck, secret, UVEMU_KEY_SIZE);
	if (r->flags & UVEMU_ASRCB_FLAG_NO_DUMP)
		uv->dump_disabled = true;
	uv->nadds++;
	return UVEMU_RC_EXECUTED;
}

/*
 * Add Secret.  @req holds the request (at least min(@len, UVEMU_ASRCB_MAX)
 * bytes), @len is its rql.  Return the ultravisor rc.
 */
uint16_t uvemu_add_secret(struct uvemu *uv, const uint8_t *req, uint32_t len)
{
	uint8_t prot_key[UVEMU_KEY_SIZE];
	struct uvemu_asrcb r;
	unsigned int kidx;
	uint8_t *pt;
	uint16_t rc;
	int ret;

	if (!uv->committed)
		return UVEMU_RC_INV_STATE;
	if (uv->locked)
		return UVEMU_RC_SECRET_LOCKED;
	rc = uvemu_asrcb_parse(req, len, &r);
	if (rc)
		return rc;
	if (!asrcb_bound(uv, &r))
		return UVEMU_RC_ADD_DECRYPT;

	pt = malloc(r.sea);
	if (!pt)
		return UVEMU_RC_ADD_UNABLE;
	ret = uvemu_find_slot_key(r.slots, r.nks, r.cpk, uv->keys, uv->nkeys,
				  prot_key, &kidx);
	if (!ret)
		ret = uvemu_asrcb_open(req, &r, prot_key, pt);
	uvemu_wipe(prot_key, sizeof(prot_key));
	if (ret) {
		rc = UVEMU_RC_ADD_DECRYPT;
		goto out;
	}
	rc = check_ext(uv, &r, pt + r.secret_len);
	if (!rc && r.type == UVEMU_SECRET_PLAINTEXT)
		rc = check_plain(pt, r.secret_len);
	if (!rc)
		rc = store_add(uv, &r, pt);
	if (rc == UVEMU_RC_EXECUTED && !uv->ext_primed &&
	    !all_zero(pt + r.secret_len, UVEMU_EXT_SECRET_SIZE)) {
		memcpy(uv->ext_secret, pt + r.secret_len, UVEMU_EXT_SECRET_SIZE);
		uv->ext_primed = true;
	}
out:
	uvemu_wipe(pt, r.sea);
	free(pt);
	return rc;
}

/* List Secrets: one page from index @start. */
uint16_t uvemu_list_secrets(struct uvemu *uv, uint16_t start,
			    uint8_t page[UVEMU_LIST_PAGE_SIZE])
{
	uint32_t i, n = 0;
	uint8_t *e;

	if (!uv->committed)
		return UVEMU_RC_INV_STATE;
	memset(page, 0, UVEMU_LIST_PAGE_SIZE);
	for (i = start; i < uv->nsecrets && n < UVEMU_LIST_MAX_ENTRIES;
	     i++, n++) {
		const struct uvemu_secret *s = &uv->secrets[i];

		e = page + UVEMU_LIST_HDR_SIZE + n * UVEMU_LIST_ENTRY_SIZE;
		put_be16(e, (uint16_t)i);
		put_be16(e + 2, s->type);
		put_be32(e + 4, s->list_len);
		memcpy(e + 16, s->id, UVEMU_SECRET_ID_SIZE);
	}
	put_be16(page, (uint16_t)n);
	put_be16(page + 2, (uint16_t)uv->nsecrets);
	if (i < uv->nsecrets) {
		put_be16(page + 4, (uint16_t)i);
		return UVEMU_RC_MORE_DATA;
	}
	return UVEMU_RC_EXECUTED;
}

uint16_t uvemu_lock_secrets(struct uvemu *uv)
{
	if (!uv->committed)
		return UVEMU_RC_INV_STATE;
	if (uv->locked)
		return UVEMU_RC_SECRET_LOCKED;
	uv->locked = true;
	return UVEMU_RC_EXECUTED;
}

/*
 * Retrieve Secret @idx for a buffer of @buf_size bytes: on rc 0x0001, @out
 * holds *@out_len bytes (the plaintext secret as stored, or the protected
 * key); the caller zeroes the rest of the buffer, as swuv does.
 */
uint16_t uvemu_retr_secret(struct uvemu *uv, uint16_t idx, uint32_t buf_size,
			   uint8_t out[UVEMU_SECRET_MAX], uint32_t *out_len)
{
	const struct uvemu_secret *s;
	int ret;

	if (!uv->committed)
		return UVEMU_RC_INV_STATE;
	if (!uv->nsecrets)
		return UVEMU_RC_RETR_EMPTY;
	if (idx >= uv->nsecrets)
		return UVEMU_RC_RETR_INV_IDX;
	s = &uv->secrets[idx];
	if (!(type_flags(s->type) & UVEMU_SECRET_RETRIEVABLE))
		return UVEMU_RC_RETR_INV_SECRET;
	if (buf_size < s->list_len)
		return UVEMU_RC_RETR_BUF_SMALL;

	if (!(type_flags(s->type) & UVEMU_SECRET_KEY)) {
		memcpy(out, s->data, s->len);
		*out_len = s->len;
		return UVEMU_RC_EXECUTED;
	}
	if (!uv->env->wrap_key)
		return UVEMU_RC_RETR_INV_SECRET;
	ret = uv->env->wrap_key(uv->env->opaque, s->type, s->data, s->len, out,
			       s->list_len);
	if (ret >= 0 && (uint32_t)ret <= s->list_len) {
		*out_len = (uint32_t)ret;
		return UVEMU_RC_EXECUTED;
	}
	uvemu_wipe(out, s->list_len);
	return ret == UVEMU_WRAP_NOSPC ? UVEMU_RC_RETR_BUF_SMALL :
					 UVEMU_RC_RETR_INV_SECRET;
}

/* An empty store for uv->store_size secrets. */
int uvemu_store_init(struct uvemu *uv)
{
	uv->secrets = calloc(uv->store_size, sizeof(*uv->secrets));
	uv->store_hash = uvemu_runhash_new();
	if (!uv->secrets || !uv->store_hash) {
		uvemu_store_free(uv);
		return -ENOMEM;
	}
	uv->nsecrets = 0;
	uv->locked = false;
	uv->dump_disabled = false;
	uv->nadds = 0;
	memcpy(uv->cck, uv->img.cck, sizeof(uv->cck));
	return 0;
}

/* Wipe and free every secret, the store and its hash. */
void uvemu_store_free(struct uvemu *uv)
{
	uint32_t i;

	if (uv->secrets) {
		for (i = 0; i < uv->nsecrets; i++) {
			uvemu_wipe(uv->secrets[i].data, uv->secrets[i].len);
			free(uv->secrets[i].data);
		}
		uvemu_wipe(uv->secrets, uv->store_size * sizeof(*uv->secrets));
		free(uv->secrets);
	}
	uv->secrets = NULL;
	uv->nsecrets = 0;
	uvemu_runhash_free(uv->store_hash);
	uv->store_hash = NULL;
	uvemu_wipe(uv->cck, sizeof(uv->cck));
	uvemu_wipe(uv->ext_secret, sizeof(uv->ext_secret));
	uv->ext_primed = false;
}
