// SPDX-License-Identifier: GPL-2.0
/*
 * The secret store: Add Secret (UVC 0x1031) with ASRCB v1 requests, List
 * Secrets (0x1033), Lock Secret Store (0x1034) and Retrieve Secret
 * (0x1035).  Key secrets leave the store only as protected keys, wrapped
 * as the real ultravisor wraps them: by the machine's key, i.e. with PCKMO
 * where the machine has it for the key type, else by the software CPACF
 * core (secex_swcpacf); plaintext secrets leave as stored.
 */
#include <linux/err.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <crypto/algapi.h>
#include <secex/pkey_api.h>
#include <secex/swcpacf.h>
#include <uapi/secex/uv_secret_types.h>
#include "swuv.h"
#include <secex/compat.h>

#define ASRCB_EXT_INFO		"IBM Z Ultravisor Add-Secret"
#define SECRET_HDR_TYPE		0x02
#define SECRET_HDR_LEN		0x04
#define SECRET_HDR_ID		0x10
#define PLAIN_LEN_SIZE		2
#define PLAIN_ALIGN		16

/* Clear-key length of key secret type @type, or 0 if not a key type. */
static u32 swuv_key_secret_len(u16 type, u32 *keytype)
{
	struct secex_secret_type_info t = secex_secret_type_info(type);

	if (!t.pkey_type)
		return 0;
	if (keytype)
		*keytype = t.pkey_type;
	return t.len;
}

/* rc for a secret header announcing @len bytes of type @type, 0 if valid. */
static u16 swuv_check_secret_len(u16 type, u32 len)
{
	struct secex_secret_type_info t = secex_secret_type_info(type);

	if (!t.name)
		return SWUV_RC_ADD_TYPE;
	if (type == SECEX_SECRET_PLAINTEXT)
		return len < PLAIN_ALIGN || len % PLAIN_ALIGN ||
		       len > round_up(PLAIN_LEN_SIZE + SWUV_PLAIN_MAX, PLAIN_ALIGN) ?
		       SWUV_RC_ADD_SECRET_LEN : 0;
	return len == t.len ? 0 : SWUV_RC_ADD_SECRET_LEN;
}

static bool swuv_secret_listed(u16 type)
{
	return secex_secret_type_info(type).flags & SECEX_SECRET_LISTED;
}

/**
 * swuv_asrcb_parse() - check the plaintext part of an ASRCB v1
 * @req: the request
 * @len: size of the buffer holding it
 * @r: out: parsed fields
 *
 * Return: 0 if the request is well formed, else the ultravisor rc.
 */
u16 swuv_asrcb_parse(const u8 *req, u32 len, struct swuv_asrcb *r)
{
	u32 shdr, shdr_len, min_len;
	u16 rc;

	if (len < SWUV_ASRCB_SLOTS)
		return SWUV_RC_ADD_SIZE;
	if (memcmp(req, SWUV_ASRCB_MAGIC, strlen(SWUV_ASRCB_MAGIC)))
		return SWUV_RC_ADD_VERSION;
	r->ud_type = get_unaligned_be16(req + 6);
	if (r->ud_type > SWUV_ASRCB_MAX_UD_TYPE ||
	    get_unaligned_be32(req + SWUV_REQ_VERSION) != SWUV_REQ_VERSION_1)
		return SWUV_RC_ADD_VERSION;
	r->len = get_unaligned_be32(req + SWUV_REQ_LEN);
	if (r->len < SWUV_ASRCB_SLOTS || r->len > len)
		return SWUV_RC_ADD_SIZE;
	r->nks = req[SWUV_REQ_NKS];
	shdr = SWUV_ASRCB_SLOTS + r->nks * SWUV_KEYSLOT_SIZE;
	min_len = shdr + SWUV_SECRET_HDR_NULL + SWUV_EXT_SECRET_SIZE +
		  SWUV_TAG_SIZE;
	if (!r->nks || min_len > r->len)
		return SWUV_RC_ADD_NKS;
	r->flags = get_unaligned_be64(req + SWUV_ASRCB_FLAGS);
	if (r->flags & ~SWUV_ASRCB_FLAG_NO_DUMP)
		return SWUV_RC_ADD_FLAGS;

	r->type = get_unaligned_be16(req + shdr + SECRET_HDR_TYPE);
	r->secret_len = get_unaligned_be32(req + shdr + SECRET_HDR_LEN);
	shdr_len = r->type == SECEX_SECRET_NULL ? SWUV_SECRET_HDR_NULL :
						 SWUV_SECRET_HDR_LIST;
	r->aad_len = shdr + shdr_len;
	r->sea = get_unaligned_be32(req + SWUV_REQ_SEA);
	if (r->sea < SWUV_EXT_SECRET_SIZE || r->sea > r->len ||
	    (u64)r->aad_len + r->sea + SWUV_TAG_SIZE != r->len)
		return SWUV_RC_ADD_SIZE;
	rc = swuv_check_secret_len(r->type, r->secret_len);
	if (rc)
		return rc;
	if (r->secret_len != r->sea - SWUV_EXT_SECRET_SIZE)
		return SWUV_RC_ADD_SECRET_LEN;

	r->tags = req + SWUV_ASRCB_TAGS;
	r->cuid = req + SWUV_ASRCB_CUID;
	r->cpk = req + SWUV_ASRCB_CPK;
	r->slots = req + SWUV_ASRCB_SLOTS;
	r->id = swuv_secret_listed(r->type) ? req + shdr + SECRET_HDR_ID : NULL;
	r->tag = req + r->len - SWUV_TAG_SIZE;
	return 0;
}

/**
 * swuv_asrcb_open() - decrypt the encrypted area of a parsed ASRCB
 * @req: the request
 * @r: its parsed fields
 * @prot_key: the request protection key
 * @pt: out: @r->sea bytes: the secret, then the 32-byte extension secret
 *
 * Return: 0, -EBADMSG if the request does not authenticate, or another
 * negative errno.
 */
int swuv_asrcb_open(const u8 *req, const struct swuv_asrcb *r,
		    const u8 prot_key[SWUV_KEY_SIZE], u8 *pt)
{
	return swuv_gcm_decrypt(prot_key, req + SWUV_REQ_IV, req, r->aad_len,
				req + r->aad_len, r->sea, r->tag, pt);
}

/**
 * swuv_ext_secret_from_cck() - extension secret derived from the CCK
 * @cck: customer communication key of the SE header
 * @se_tag: the SE header tag
 * @ext: out: HKDF-SHA512(@cck, salt @se_tag, "IBM Z Ultravisor Add-Secret")
 *
 * Return: 0 or a negative errno.
 */
int swuv_ext_secret_from_cck(const u8 cck[SWUV_KEY_SIZE],
			     const u8 se_tag[SWUV_TAG_SIZE],
			     u8 ext[SWUV_EXT_SECRET_SIZE])
{
	return swuv_hkdf_sha512(cck, SWUV_KEY_SIZE, se_tag, SWUV_TAG_SIZE,
				ASRCB_EXT_INFO, strlen(ASRCB_EXT_INFO),
				ext, SWUV_EXT_SECRET_SIZE);
}

/* Is the request bound to our image and configuration? */
static bool swuv_asrcb_bound(const struct swuv_asrcb *r)
{
	const struct swuv_boot_tags *t = &swuv.img.tags;
	const u8 *p = r->tags;

	if (memcmp(p, t->pld, sizeof(t->pld)) ||
	    memcmp(p + 64, t->ald, sizeof(t->ald)) ||
	    memcmp(p + 128, t->tld, sizeof(t->tld)) ||
	    memcmp(p + 192, t->tag, sizeof(t->tag)))
		return false;
	return !memchr_inv(r->cuid, 0, sizeof(swuv.cuid)) ||
	       !memcmp(r->cuid, swuv.cuid, sizeof(swuv.cuid));
}

/* Extension-secret rules; @ext is the decrypted extension secret. */
static u16 swuv_check_ext(const struct swuv_asrcb *r, const u8 *ext)
{
	u8 want[SWUV_EXT_SECRET_SIZE];
	bool need;
	u16 rc = 0;

	if (r->type == SECEX_SECRET_UPDATE_CCK &&
	    !(swuv.img.scf & SWUV_SCF_CCK_UPDATE))
		return SWUV_RC_ADD_TYPE;
	need = (swuv.img.scf & SWUV_SCF_CCK_EXT_ENFORCE) ||
	       r->type == SECEX_SECRET_UPDATE_CCK;
	if (!need) {
		/* The store's extension secret, once one primed it. */
		if (swuv.ext_primed &&
		    crypto_memneq(swuv.ext_secret, ext, sizeof(swuv.ext_secret)))
			return SWUV_RC_ADD_DECRYPT;
		return 0;
	}
	if (swuv_ext_secret_from_cck(swuv.img.cck, swuv.img.tags.tag, want) ||
	    crypto_memneq(want, ext, sizeof(want)))
		rc = SWUV_RC_ADD_DECRYPT;
	memzero_explicit(want, sizeof(want));
	return rc;
}

/* Plaintext secrets: be16 length, payload, zero padding to 16 bytes. */
static u16 swuv_check_plain(const u8 *secret, u32 len)
{
	u32 plen = get_unaligned_be16(secret);

	if (plen > SWUV_PLAIN_MAX ||
	    round_up(PLAIN_LEN_SIZE + plen, PLAIN_ALIGN) != len)
		return SWUV_RC_ADD_SECRET_LEN;
	return 0;
}

/* Commit a decrypted, checked request to the store.  Lock held. */
static u16 swuv_store_add(const struct swuv_asrcb *r, const u8 *secret)
{
	struct swuv_secret *s;

	if (swuv_secret_listed(r->type)) {
		if (swuv.nsecrets >= swuv.store_size)
			return SWUV_RC_ADD_FULL;
		s = &swuv.secrets[swuv.nsecrets];
		s->data = kmemdup(secret, r->secret_len, GFP_KERNEL);
		if (!s->data)
			return SWUV_RC_ADD_UNABLE;
		s->type = r->type;
		s->len = r->secret_len;
		s->list_len = r->secret_len;
		if (swuv_key_secret_len(r->type, NULL))
			s->list_len += SECEX_WKVP_SIZE;
		memcpy(s->id, r->id, sizeof(s->id));
	}
	if (swuv_runhash_update(swuv.store_hash, r->tag, SWUV_TAG_SIZE)) {
		if (swuv_secret_listed(r->type)) {
			kfree_sensitive(swuv.secrets[swuv.nsecrets].data);
			swuv.secrets[swuv.nsecrets].data = NULL;
		}
		return SWUV_RC_ADD_UNABLE;
	}
	if (swuv_secret_listed(r->type))
		swuv.nsecrets++;
	if (r->type == SECEX_SECRET_UPDATE_CCK)
		memcpy(swuv.img.cck, secret, SWUV_KEY_SIZE);
	if (r->flags & SWUV_ASRCB_FLAG_NO_DUMP)
		swuv.dump_disabled = true;
	swuv.nadds++;
	return SECEX_UVC_RC_EXECUTED;
}

static u16 swuv_add_secret_locked(const u8 *req, u32 len)
{
	u8 prot_key[SWUV_KEY_SIZE];
	struct swuv_asrcb r;
	unsigned int kidx;
	u8 *pt;
	u16 rc;
	int ret;

	if (!swuv.committed)
		return SECEX_UVC_RC_INV_STATE;
	if (swuv.locked)
		return SWUV_RC_SECRET_LOCKED;
	rc = swuv_asrcb_parse(req, len, &r);
	if (rc)
		return rc;
	if (!swuv_asrcb_bound(&r))
		return SWUV_RC_ADD_DECRYPT;

	pt = kmalloc(r.sea, GFP_KERNEL);
	if (!pt)
		return SWUV_RC_ADD_UNABLE;
	ret = swuv_find_slot_key(r.slots, r.nks, r.cpk, swuv.keys, swuv.nkeys,
				 prot_key, &kidx);
	if (!ret)
		ret = swuv_asrcb_open(req, &r, prot_key, pt);
	memzero_explicit(prot_key, sizeof(prot_key));
	if (ret) {
		rc = SWUV_RC_ADD_DECRYPT;
		goto out;
	}
	rc = swuv_check_ext(&r, pt + r.secret_len);
	if (!rc && r.type == SECEX_SECRET_PLAINTEXT)
		rc = swuv_check_plain(pt, r.secret_len);
	if (!rc)
		rc = swuv_store_add(&r, pt);
	if (rc == SECEX_UVC_RC_EXECUTED && !swuv.ext_primed &&
	    memchr_inv(pt + r.secret_len, 0, SWUV_EXT_SECRET_SIZE)) {
		memcpy(swuv.ext_secret, pt + r.secret_len, SWUV_EXT_SECRET_SIZE);
		swuv.ext_primed = true;
	}
out:
	kfree_sensitive(pt);
	return rc;
}

/* Backend callback: Add Secret. */
void swuv_add_secret(const void *asrcb, u32 len, struct secex_uv_status *st)
{
	mutex_lock(&swuv.lock);
	swuv_set_rc(st, swuv_add_secret_locked(asrcb, len));
	mutex_unlock(&swuv.lock);
}

/* Backend callback: List Secrets, one page from index @start. */
void swuv_list_secrets(void *page, u16 start, struct secex_uv_status *st)
{
	u8 *p = page, *e;
	u32 i, n = 0;

	mutex_lock(&swuv.lock);
	if (!swuv.committed) {
		swuv_set_rc(st, SECEX_UVC_RC_INV_STATE);
		goto out;
	}
	memset(p, 0, SECEX_UV_LIST_PAGE_SIZE);
	for (i = start; i < swuv.nsecrets && n < SECEX_UV_LIST_MAX_ENTRIES;
	     i++, n++) {
		const struct swuv_secret *s = &swuv.secrets[i];

		e = p + SECEX_UV_LIST_HDR_SIZE + n * SECEX_UV_LIST_ENTRY_SIZE;
		put_unaligned_be16(i, e);
		put_unaligned_be16(s->type, e + 2);
		put_unaligned_be32(s->list_len, e + 4);
		memcpy(e + 16, s->id, SWUV_SECRET_ID_SIZE);
	}
	put_unaligned_be16(n, p);
	put_unaligned_be16(swuv.nsecrets, p + 2);
	if (i < swuv.nsecrets) {
		put_unaligned_be16(i, p + 4);
		swuv_set_rc(st, SECEX_UVC_RC_MORE_DATA);
	} else {
		swuv_set_rc(st, SECEX_UVC_RC_EXECUTED);
	}
out:
	mutex_unlock(&swuv.lock);
}

/* Backend callback: Lock Secret Store. */
void swuv_lock_secrets(struct secex_uv_status *st)
{
	mutex_lock(&swuv.lock);
	if (!swuv.committed) {
		swuv_set_rc(st, SECEX_UVC_RC_INV_STATE);
	} else if (swuv.locked) {
		swuv_set_rc(st, SWUV_RC_SECRET_LOCKED);
	} else {
		swuv.locked = true;
		swuv_set_rc(st, SECEX_UVC_RC_EXECUTED);
	}
	mutex_unlock(&swuv.lock);
}

/* @s as a protected key in @buf: 0, -ENOSPC or another -errno. */
static int swuv_wrap_key_secret(const struct swuv_secret *s, u8 *buf,
				u32 *len)
{
	u32 keytype;

	if (!swuv_key_secret_len(s->type, &keytype))
		return -EINVAL;
	if (secex_pckmo_has(keytype))
		return secex_pckmo_wrap(keytype, s->data, s->len, buf, len);
	return secex_swcpacf_wrap(keytype, s->data, s->len, buf, len);
}

static u16 swuv_retr_secret_locked(u16 idx, u8 *buf, u32 len)
{
	const struct swuv_secret *s;
	u32 out_len;

	if (!swuv.committed)
		return SECEX_UVC_RC_INV_STATE;
	if (!swuv.nsecrets)
		return SWUV_RC_RETR_STORE_EMPTY;
	if (idx >= swuv.nsecrets)
		return SWUV_RC_RETR_INV_IDX;
	s = &swuv.secrets[idx];
	if (s->type == SECEX_SECRET_ASSOCIATION)
		return SWUV_RC_RETR_INV_SECRET;
	if (len < s->list_len)
		return SWUV_RC_RETR_BUF_SMALL;

	if (s->type == SECEX_SECRET_PLAINTEXT) {
		memcpy(buf, s->data, s->len);
		out_len = s->len;
	} else {
		out_len = len;
		switch (swuv_wrap_key_secret(s, buf, &out_len)) {
		case 0:
			break;
		case -ENOSPC:
			memzero_explicit(buf, len);
			return SWUV_RC_RETR_BUF_SMALL;
		default:
			memzero_explicit(buf, len);
			return SWUV_RC_RETR_INV_SECRET;
		}
	}
	memset(buf + out_len, 0, len - out_len);
	return SECEX_UVC_RC_EXECUTED;
}

/* Backend callback: Retrieve Secret @idx into @buf. */
void swuv_retr_secret(u16 idx, void *buf, u32 len,
		      struct secex_uv_status *st)
{
	mutex_lock(&swuv.lock);
	swuv_set_rc(st, swuv_retr_secret_locked(idx, buf, len));
	mutex_unlock(&swuv.lock);
}

/* Free the secret store.  Lock held or no concurrent users. */
void swuv_store_free(void)
{
	u32 i;

	if (swuv.secrets) {
		for (i = 0; i < swuv.nsecrets; i++)
			kfree_sensitive(swuv.secrets[i].data);
		kvfree(swuv.secrets);
	}
	swuv.secrets = NULL;
	swuv.nsecrets = 0;
	swuv_runhash_free(swuv.store_hash);
	swuv.store_hash = NULL;
	memzero_explicit(swuv.ext_secret, sizeof(swuv.ext_secret));
	swuv.ext_primed = false;
}
