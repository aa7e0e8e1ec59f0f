// SPDX-License-Identifier: GPL-2.0
/*
 * SE header ("IBMSecEx" v1) validation at commit, as the ultravisor does
 * when it unpacks a secure image (swuv_hdr.c): find a key slot for one of
 * our host keys, unwrap the customer root key, authenticate the whole
 * header with AES-256-GCM and keep what later requests are bound to (PLD,
 * ALD, TLD, tag), the customer communication key, the control flags and
 * the components' key; and the unpack check of the image the header
 * describes (uvemu_verify_image()).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "uvemu_int.h"

#define SE_HDR_MAGIC		0x49424d5365634578ULL	/* "IBMSecEx" */
#define SE_HDR_VERSION_1	0x0100
#define SE_HDR_VERSION		0x008
#define SE_HDR_PHS		0x00c
#define SE_HDR_IV		0x010
#define SE_HDR_NKS		0x020
#define SE_HDR_SEA		0x028
#define SE_HDR_PCF		0x038
#define SE_HDR_CPK		0x040
#define SE_HDR_PLD		0x0e0
#define SE_HDR_ALD		0x120
#define SE_HDR_TLD		0x160
#define SE_HDR_SLOTS		0x1a0
/* Offsets in the encrypted area. */
#define SE_ENC_CCK		0x00
#define SE_ENC_XTS		0x20
#define SE_ENC_SCF		0x70
#define SE_ENC_SIZE		0x80

/*
 * Unwrap a request's protection key: every slot is matched against every
 * host key by PHKH; the first match that unwraps wins.  Return 0 (with the
 * key and *@key_idx, the host key's index), -ENOKEY (no slot for any host
 * key), -EBADMSG (a matching slot did not authenticate) or -EINVAL (@cpk is
 * not a P-521 point).
 */
int uvemu_find_slot_key(const uint8_t *slots, unsigned int nks,
			const uint8_t *cpk, const struct uvemu_host_key *keys,
			unsigned int nkeys, uint8_t prot_key[UVEMU_KEY_SIZE],
			unsigned int *key_idx)
{
	uint8_t exch[UVEMU_KEY_SIZE];
	unsigned int k, i;
	int ret = -ENOKEY;

	for (k = 0; k < nkeys; k++) {
		bool have_exch = false;

		for (i = 0; i < nks; i++) {
			const uint8_t *slot = slots + i * UVEMU_KEYSLOT_SIZE;
			int r;

			if (memcmp(slot, keys[k].phkh, UVEMU_PHKH_SIZE))
				continue;
			if (!have_exch) {
				r = uvemu_exchange_key(keys[k].priv, cpk, exch);
				if (r) {
					ret = r;
					goto out;
				}
				have_exch = true;
			}
			r = uvemu_unwrap_slot(slot, exch, prot_key);
			if (!r) {
				*key_idx = k;
				ret = 0;
				goto out;
			}
			ret = r;
		}
	}
out:
	uvemu_wipe(exch, sizeof(exch));
	return ret;
}

/*
 * Validate a complete SE header of @len bytes.  Return 0 (and fill @img),
 * or -EINVAL with *@why naming the reason (the strings of swuv's log), or
 * -ENOMEM.
 */
int uvemu_hdr_validate(const uint8_t *hdr, size_t len,
		       const struct uvemu_host_key *keys, unsigned int nkeys,
		       struct uvemu_image *img, const char **why)
{
	uint8_t root_key[UVEMU_KEY_SIZE];
	unsigned int key_idx = 0;
	uint64_t nks, sea;
	size_t aad_len;
	uint8_t *enc;
	int ret;

	*why = NULL;
	if (len < SE_HDR_SLOTS + UVEMU_KEYSLOT_SIZE + SE_ENC_SIZE +
	    UVEMU_TAG_SIZE || len > UVEMU_SE_HDR_MAX) {
		*why = "SE header size out of range";
		return -EINVAL;
	}
	if (get_be64(hdr) != SE_HDR_MAGIC) {
		*why = "no IBMSecEx magic";
		return -EINVAL;
	}
	if (get_be32(hdr + SE_HDR_VERSION) != SE_HDR_VERSION_1) {
		*why = "unsupported SE header version";
		return -EINVAL;
	}
	if (get_be32(hdr + SE_HDR_PHS) != len) {
		*why = "SE header size (phs) differs from the written size";
		return -EINVAL;
	}
	nks = get_be64(hdr + SE_HDR_NKS);
	sea = get_be64(hdr + SE_HDR_SEA);
	if (!nks || nks > (len - SE_HDR_SLOTS) / UVEMU_KEYSLOT_SIZE) {
		*why = "invalid number of key slots";
		return -EINVAL;
	}
	aad_len = SE_HDR_SLOTS + nks * UVEMU_KEYSLOT_SIZE;
	if (sea < SE_ENC_SIZE || sea > len ||
	    aad_len + sea + UVEMU_TAG_SIZE != len) {
		*why = "encrypted area size inconsistent with the header size";
		return -EINVAL;
	}
	if (!nkeys) {
		*why = "no host key provisioned";
		return -EINVAL;
	}

	ret = uvemu_find_slot_key(hdr + SE_HDR_SLOTS, (unsigned int)nks,
				  hdr + SE_HDR_CPK, keys, nkeys, root_key,
				  &key_idx);
	switch (ret) {
	case 0:
		break;
	case -ENOKEY:
		*why = "no key slot for a provisioned host key (PHKH)";
		return -EINVAL;
	case -EBADMSG:
		*why = "key slot does not unwrap with the host key";
		return -EINVAL;
	default:
		*why = "customer public key is not a P-521 point";
		return -EINVAL;
	}

	enc = malloc(sea);
	if (!enc) {
		*why = "out of memory";
		ret = -ENOMEM;
		goto out;
	}
	ret = uvemu_gcm_decrypt(root_key, hdr + SE_HDR_IV, hdr, aad_len,
				hdr + aad_len, sea, hdr + len - UVEMU_TAG_SIZE,
				enc);
	if (ret) {
		*why = "GCM tag does not authenticate the SE header";
		ret = -EINVAL;
		goto out;
	}

	memcpy(img->tags.pld, hdr + SE_HDR_PLD, UVEMU_TAGS_LD_SIZE);
	memcpy(img->tags.ald, hdr + SE_HDR_ALD, UVEMU_TAGS_LD_SIZE);
	memcpy(img->tags.tld, hdr + SE_HDR_TLD, UVEMU_TAGS_LD_SIZE);
	memcpy(img->tags.tag, hdr + len - UVEMU_TAG_SIZE, UVEMU_TAG_SIZE);
	memcpy(img->cck, enc + SE_ENC_CCK, UVEMU_KEY_SIZE);
	memcpy(img->comp_key, enc + SE_ENC_XTS, sizeof(img->comp_key));
	memcpy(img->phkh, keys[key_idx].phkh, UVEMU_PHKH_SIZE);
	img->pcf = get_be64(hdr + SE_HDR_PCF);
	img->scf = get_be64(enc + SE_ENC_SCF);
out:
	if (enc) {
		uvemu_wipe(enc, sea);
		free(enc);
	}
	uvemu_wipe(root_key, sizeof(root_key));
	return ret;
}

/*
 * The unpack check.  On IBM Z the hypervisor unpacks a secure image page by
 * page, naming each page's address and tweak, and the ultravisor decrypts
 * it with the header's component key; the guest starts only if the SHA-512
 * of the encrypted pages (PLD), of their addresses (ALD) and of their
 * tweaks (TLD) are the header's.  A machine that boots the plaintext
 * kernel, command line and initrd instead redoes that here: it encrypts
 * them as genprotimg laid them out, from the image's component table.
 */
#define IMG_PAGE		4096
#define IMG_ENTRY		24	/* tweak prefix, address, size */

struct img_digests {
	struct uvemu_runhash *pld, *ald, *tld;
};

static void img_tweak_add(uint8_t t[16], uint32_t v)
{
	int i;

	for (i = 15; i >= 0 && v; i--) {
		v += t[i];
		t[i] = (uint8_t)v;
		v >>= 8;
	}
}

/*
 * Hash one component of @len bytes (zero-padded to whole pages; one page
 * if empty) as entry @ent of the table places it, at *@next.
 */
static int img_hash_comp(const uint8_t *key, const uint8_t *ent,
			 const uint8_t *data, size_t len, uint64_t *next,
			 struct img_digests *d, const char **why)
{
	uint64_t addr = get_be64(ent + 8), size = get_be64(ent + 16);
	size_t pages = len ? (len + IMG_PAGE - 1) / IMG_PAGE : 1, i;
	uint8_t plain[IMG_PAGE], enc[IMG_PAGE], tweak[16] = { 0 }, a[8];

	if (addr != *next || addr % IMG_PAGE) {
		*why = "the component table's addresses are not contiguous pages";
		return -EINVAL;
	}
	if (size != (uint64_t)pages * IMG_PAGE) {
		*why = "a component's size is not the one the image was made with";
		return -EBADMSG;
	}
	memcpy(tweak, ent, 8);
	for (i = 0; i < pages; i++) {
		size_t n = len - i * IMG_PAGE < IMG_PAGE ? len - i * IMG_PAGE : IMG_PAGE;

		memset(plain, 0, sizeof(plain));
		if (len)
			memcpy(plain, data + i * IMG_PAGE, n);
		uvemu_xts_encrypt_page(key, tweak, plain, enc, IMG_PAGE);
		put_be64(a, addr);
		uvemu_runhash_update(d->pld, enc, IMG_PAGE);
		uvemu_runhash_update(d->ald, a, sizeof(a));
		uvemu_runhash_update(d->tld, tweak, sizeof(tweak));
		img_tweak_add(tweak, IMG_PAGE);
		addr += IMG_PAGE;
	}
	uvemu_wipe(plain, sizeof(plain));
	*next = addr;
	return 0;
}

static int img_digests_check(const struct uvemu *uv, struct img_digests *d,
			     const char **why)
{
	uint8_t md[UVEMU_SHA512_SIZE];

	uvemu_runhash_peek(d->pld, NULL, 0, md);
	if (uvemu_memneq(md, uv->img.tags.pld, UVEMU_TAGS_LD_SIZE)) {
		*why = "the digest of the encrypted pages (PLD) is not the header's: the kernel, command line or initrd changed";
		return -EBADMSG;
	}
	uvemu_runhash_peek(d->ald, NULL, 0, md);
	if (uvemu_memneq(md, uv->img.tags.ald, UVEMU_TAGS_LD_SIZE)) {
		*why = "the digest of the page addresses (ALD) is not the header's";
		return -EBADMSG;
	}
	uvemu_runhash_peek(d->tld, NULL, 0, md);
	if (uvemu_memneq(md, uv->img.tags.tld, UVEMU_TAGS_LD_SIZE)) {
		*why = "the digest of the page tweaks (TLD) is not the header's";
		return -EBADMSG;
	}
	return 0;
}

int uvemu_verify_image(const struct uvemu *uv, const uint8_t *table,
		       size_t table_len,
		       const struct uvemu_blob comp[UVEMU_IMG_NCOMP],
		       const char **why)
{
	struct img_digests d;
	uint8_t s3b[IMG_PAGE] = { 0 };
	uint64_t next;
	int i, ret;

	*why = NULL;
	if (!uv->committed) {
		*why = "no SE header committed";
		return -EPERM;
	}
	if (table_len != (UVEMU_IMG_NCOMP + 1) * IMG_ENTRY) {
		*why = "the component table does not list the kernel, command line, initrd and stage3b arguments";
		return -EINVAL;
	}
	d.pld = uvemu_runhash_new();
	d.ald = uvemu_runhash_new();
	d.tld = uvemu_runhash_new();
	ret = -ENOMEM;
	if (!d.pld || !d.ald || !d.tld) {
		*why = "out of memory";
		goto out;
	}
	next = get_be64(table + 8);
	for (i = 0; i < UVEMU_IMG_NCOMP; i++) {
		/* genprotimg's stage3b arguments: each component's place */
		put_be64(s3b + 16 * i, next);
		put_be64(s3b + 16 * i + 8, comp[i].len);
		ret = img_hash_comp(uv->img.comp_key, table + i * IMG_ENTRY,
				    comp[i].data, comp[i].len, &next, &d, why);
		if (ret)
			goto out;
	}
	ret = img_hash_comp(uv->img.comp_key, table + i * IMG_ENTRY, s3b,
			    sizeof(s3b), &next, &d, why);
	if (!ret)
		ret = img_digests_check(uv, &d, why);
out:
	uvemu_runhash_free(d.pld);
	uvemu_runhash_free(d.ald);
	uvemu_runhash_free(d.tld);
	return ret;
}
