// SPDX-License-Identifier: GPL-2.0
/*
 * Test helpers (helpers.h): the fake guest, UVCBs in its memory, and the
 * owner's side of the protocol.  The owner side encrypts with nettle
 * directly and derives its exchange keys from the customer's private key
 * and the host's public key: the opposite direction of the ultravisor's
 * ECDH, so a wrong ECDH on either side cannot go unnoticed.
 */
#include <stdlib.h>
#include <string.h>
#include <nettle/gcm.h>
#include "helpers.h"
#include "vectors.h"

struct guest guest;

const uint8_t *cust_priv = ibm_cust_priv;
const uint8_t *cust_pub = ibm_cust_pub;

/* --- the fake guest -------------------------------------------------------- */

static int g_check(uint64_t addr, size_t len)
{
	if (addr >= GUEST_MEM_SIZE || len > GUEST_MEM_SIZE - addr)
		return UVEMU_MEM_INVALID;
	if (addr < GUEST_DENY_HI && addr + len > GUEST_DENY_LO)
		return UVEMU_MEM_ACCESS;
	return 0;
}

static int g_read(void *opaque, uint64_t addr, void *buf, size_t len)
{
	struct guest *g = opaque;
	int r = g_check(addr, len);

	if (!r)
		memcpy(buf, g->mem + addr, len);
	return r;
}

static int g_write(void *opaque, uint64_t addr, const void *buf, size_t len)
{
	struct guest *g = opaque;
	int r = g_check(addr, len);

	if (!r)
		memcpy(g->mem + addr, buf, len);
	return r;
}

static const uint8_t fake_wkvp[32] = {
	0x0f, 0x0a, 0x0c, 0x0e, 0x57, 0x4b, 0x56, 0x50,
	0x0f, 0x0a, 0x0c, 0x0e, 0x57, 0x4b, 0x56, 0x50,
};

void fake_wrap(const uint8_t *clear, size_t len, uint8_t *out)
{
	size_t i;

	for (i = 0; i < len; i++)
		out[i] = clear[i] ^ 0xa5;
	memcpy(out + len, fake_wkvp, sizeof(fake_wkvp));
}

static int g_wrap(void *opaque, uint16_t type, const uint8_t *clear,
		  size_t len, uint8_t *out, size_t out_len)
{
	(void)opaque;
	guest.wrap_calls++;
	guest.wrap_type = type;
	guest.wrap_len = len;
	guest.wrap_out_len = out_len;
	memcpy(guest.wrap_clear, clear,
	       len < sizeof(guest.wrap_clear) ? len : sizeof(guest.wrap_clear));
	if (guest.wrap_fail)
		return guest.wrap_fail;
	if (out_len < len + sizeof(fake_wkvp))
		return UVEMU_WRAP_NOSPC;
	fake_wrap(clear, len, out);
	return (int)(len + sizeof(fake_wkvp));
}

static int g_random(void *opaque, void *buf, size_t len)
{
	(void)opaque;
	guest.random_calls++;
	memset(buf, 0x5a, len);
	return 0;
}

struct uvemu *guest_uv(bool with_wrap)
{
	/* Referenced by the instance: static, and one guest at a time. */
	static struct uvemu_env env = {
		.read = g_read,
		.write = g_write,
		.random = g_random,
	};

	env.wrap_key = with_wrap ? g_wrap : NULL;
	env.opaque = &guest;

	free(guest.mem);
	memset(&guest, 0, sizeof(guest));
	guest.mem = calloc(1, GUEST_MEM_SIZE);
	if (!guest.mem)
		abort();
	return uvemu_new(&env);
}

void guest_free(struct uvemu *uv)
{
	uvemu_free(uv);
	free(guest.mem);
	guest.mem = NULL;
}

/* --- UVCBs ------------------------------------------------------------------ */

void uvcb_init(uint16_t cmd, uint16_t len)
{
	memset(guest.mem + G_UVCB, 0, len > 8 ? len : 8);
	put_be16(guest.mem + G_UVCB, len);
	put_be16(guest.mem + G_UVCB + 2, cmd);
}

uint16_t uvcb_rc(void)
{
	return get_be16(guest.mem + G_UVCB + 4);
}

uint16_t uvcb_rrc(void)
{
	return get_be16(guest.mem + G_UVCB + 6);
}

int uvc(struct uvemu *uv, uint16_t *rc)
{
	int cc = uvemu_call(uv, G_UVCB);

	if (rc)
		*rc = uvcb_rc();
	return cc;
}

uint16_t uvc_simple(struct uvemu *uv, uint16_t cmd, uint16_t len)
{
	uint16_t rc;

	uvcb_init(cmd, len);
	uvc(uv, &rc);
	return rc;
}

uint16_t uvc_add(struct uvemu *uv, const uint8_t *req, size_t len)
{
	uint16_t rc;

	memcpy(guest.mem + G_REQ, req, len);
	uvcb_init(UVEMU_CMD_ADD_SECRET, 0x48);
	put_be64(guest.mem + G_UVCB + 0x20, G_REQ);
	uvc(uv, &rc);
	return rc;
}

uint16_t uvc_list(struct uvemu *uv, uint16_t start, uint8_t page[4096])
{
	uint16_t rc;

	memset(guest.mem + G_OUT, 0xee, 4096);
	uvcb_init(UVEMU_CMD_LIST_SECRETS, 0x48);
	put_be16(guest.mem + G_UVCB + 0x1e, start);
	put_be64(guest.mem + G_UVCB + 0x20, G_OUT);
	uvc(uv, &rc);
	memcpy(page, guest.mem + G_OUT, 4096);
	return rc;
}

/* @out gets @size bytes of the buffer (pre-filled with 0xee). */
uint16_t uvc_retr(struct uvemu *uv, uint16_t idx, uint32_t size, uint8_t *out)
{
	uint16_t rc;

	memset(guest.mem + G_OUT, 0xee, size);
	uvcb_init(UVEMU_CMD_RETR_SECRET, 0x48);
	put_be16(guest.mem + G_UVCB + 0x18, idx);
	put_be32(guest.mem + G_UVCB + 0x1c, size);
	put_be64(guest.mem + G_UVCB + 0x20, G_OUT);
	uvc(uv, &rc);
	if (out)
		memcpy(out, guest.mem + G_OUT, size);
	return rc;
}

uint16_t uvc_attest(struct uvemu *uv, struct att_io *io)
{
	uint8_t *cb = guest.mem + G_UVCB;
	uint16_t rc;

	memcpy(guest.mem + G_REQ, io->arcb, io->arcb_len);
	memset(guest.mem + G_MEAS, 0, sizeof(io->meas));
	memset(guest.mem + G_ADD, 0, sizeof(io->add));
	uvcb_init(UVEMU_CMD_ATTEST, 0x188);
	put_be64(cb + 0x18, G_REQ);
	put_be16(cb + 0x2e, io->user_data_len);
	memcpy(cb + 0x30, io->user_data, sizeof(io->user_data));
	put_be32(cb + 0x13c, io->meas_len);
	put_be64(cb + 0x140, G_MEAS);
	put_be32(cb + 0x15c, io->add_data_len);
	put_be64(cb + 0x160, G_ADD);
	uvc(uv, &rc);
	memcpy(io->meas, guest.mem + G_MEAS, sizeof(io->meas));
	memcpy(io->add, guest.mem + G_ADD, sizeof(io->add));
	memcpy(io->cuid, cb + 0x148, sizeof(io->cuid));
	return rc;
}

/* --- owner side ----------------------------------------------------------- */

void make_hostkey(struct hostkey *k, uint8_t seed)
{
	unsigned int i;

	/* Below 2^520 < n and never zero: always a valid scalar. */
	for (i = 0; i < sizeof(k->d); i++)
		k->d[i] = (uint8_t)(seed * 31 + i * 7 + 1);
	k->d[0] = 0;
	if (uvemu_p521_pubkey(k->d, k->pub))
		abort();
	uvemu_phkh(k->pub, k->phkh);
}

void gcm_seal(const uint8_t key[32], const uint8_t iv[12], const uint8_t *aad,
	      size_t aad_len, const uint8_t *pt, size_t len, uint8_t *ct,
	      uint8_t tag[16])
{
	struct gcm_aes256_ctx ctx;

	gcm_aes256_set_key(&ctx, key);
	gcm_aes256_set_iv(&ctx, 12, iv);
	if (aad_len)
		gcm_aes256_update(&ctx, aad_len, aad);
	if (len)
		gcm_aes256_encrypt(&ctx, len, ct, pt);
	gcm_aes256_digest(&ctx, 16, tag);
}

/* A key slot for host key @k: PHKH, then @prot wrapped with the exchange key. */
static void make_slot(uint8_t *slot, const struct hostkey *k,
		      const uint8_t prot[32])
{
	static const uint8_t zero_iv[12];
	uint8_t exch[32];

	/* The customer's side of the ECDH. */
	if (uvemu_exchange_key(cust_priv, k->pub, exch))
		abort();
	memcpy(slot, k->phkh, 32);
	gcm_seal(exch, zero_iv, NULL, 0, prot, 32, slot + 32, slot + 64);
}

#define HDR_SLOTS	0x1a0
#define HDR_ENC_SIZE	0x80

size_t build_se_hdr(uint8_t *out, const struct hdr_params *p)
{
	uint8_t root[32], enc[HDR_ENC_SIZE];
	size_t aad = HDR_SLOTS + p->nks * 80;
	size_t len = aad + HDR_ENC_SIZE + 16;
	unsigned int i;

	memset(root, 0x3c, sizeof(root));
	memset(out, 0, len);
	memcpy(out, "IBMSecEx", 8);
	put_be32(out + 0x08, 0x100);
	put_be32(out + 0x0c, (uint32_t)len);
	memset(out + 0x10, 0x33, 12);			/* IV */
	put_be64(out + 0x20, p->nks);
	put_be64(out + 0x28, HDR_ENC_SIZE);
	put_be64(out + 0x30, 1);			/* nep */
	put_be64(out + 0x38, p->pcf);
	memcpy(out + 0x40, cust_pub, 160);
	memset(out + 0xe0, p->fill_pld, 64);
	memset(out + 0x120, p->fill_ald, 64);
	memset(out + 0x160, p->fill_tld, 64);
	for (i = 0; i < p->nks; i++)
		make_slot(out + HDR_SLOTS + i * 80, p->keys[i], root);

	memset(enc, 0, sizeof(enc));
	memcpy(enc, p->cck, 32);
	memset(enc + 0x20, 0x66, 64);			/* XTS keys */
	put_be64(enc + 0x60, 0x0000000180000000ULL);	/* PSW */
	put_be64(enc + 0x68, 0x29000);
	put_be64(enc + 0x70, p->scf);
	gcm_seal(root, out + 0x10, out, aad, enc, sizeof(enc), out + aad,
		 out + aad + HDR_ENC_SIZE);
	return len;
}

void hdr_tags(const uint8_t *hdr, size_t len, struct uvemu_boot_tags *t)
{
	memcpy(t->pld, hdr + 0xe0, 64);
	memcpy(t->ald, hdr + 0x120, 64);
	memcpy(t->tld, hdr + 0x160, 64);
	memcpy(t->tag, hdr + len - 16, 16);
}

void reseal(uint8_t *req, size_t len, size_t slots_off,
	    const uint8_t prot[32], const uint8_t *pt,
	    const struct hostkey *const *keys)
{
	uint32_t sea = get_be32(req + 0x2c);
	size_t aad = len - sea - 16;
	unsigned int i, nks = req[0x27];

	for (i = 0; i < nks; i++)
		make_slot(req + slots_off + i * 80, keys[i], prot);
	gcm_seal(prot, req + 0x10, req, aad, pt, sea, req + aad,
		 req + len - 16);
}

size_t build_asrcb(uint8_t *out, const struct asrcb_params *p)
{
	static const uint8_t prot[32] = { [0] = 0x71, [31] = 0x17 };
	size_t shdr = UVEMU_ASRCB_SLOTS + p->nks * 80;
	size_t shdr_len = p->type == UVEMU_SECRET_NULL ? 16 : 48;
	uint32_t sea = p->secret_len + 32;
	size_t len = shdr + shdr_len + sea + 16;
	uint8_t *pt = malloc(sea);

	if (!pt)
		abort();
	memset(out, 0, len);
	memcpy(out, "asrcbM", 6);
	put_be16(out + 6, p->ud_type);
	put_be32(out + 0x08, 0x100);
	put_be32(out + 0x0c, (uint32_t)len);
	memset(out + 0x10, 0x55, 12);
	out[0x27] = (uint8_t)p->nks;
	put_be32(out + 0x2c, sea);
	put_be64(out + 0x30, p->flags);
	memcpy(out + 0x38, p->tags->pld, 64);
	memcpy(out + 0x78, p->tags->ald, 64);
	memcpy(out + 0xb8, p->tags->tld, 64);
	memcpy(out + 0xf8, p->tags->tag, 16);
	memcpy(out + 0x108, p->cuid, 16);
	memcpy(out + UVEMU_ASRCB_CPK, cust_pub, 160);
	put_be16(out + shdr + 2, p->type);
	put_be32(out + shdr + 4, p->secret_len);
	if (shdr_len == 48)
		memcpy(out + shdr + 16, p->id, 32);
	if (p->secret_len)
		memcpy(pt, p->secret, p->secret_len);
	memcpy(pt + p->secret_len, p->ext, 32);
	reseal(out, len, UVEMU_ASRCB_SLOTS, prot, pt, p->keys);
	free(pt);
	return len;
}

int fixture_up(struct fixture *f, const struct fixture_opts *o)
{
	struct hdr_params hp;
	const char *why;
	int ret;

	memset(f, 0, sizeof(*f));
	f->uv = guest_uv(!o->no_wrap);
	make_hostkey(&f->hk[0], 1);
	make_hostkey(&f->hk[1], 2);
	memset(&hp, 0, sizeof(hp));
	hp.keys[0] = &f->hk[1];
	hp.nks = 1;
	memset(hp.cck, 0xcc, sizeof(hp.cck));
	hp.scf = o->scf;
	hp.pcf = 0xe0;
	hp.fill_pld = 0x01;
	hp.fill_ald = 0x02;
	hp.fill_tld = 0x03;
	memcpy(f->cck, hp.cck, sizeof(f->cck));
	f->hdr_len = build_se_hdr(f->hdr, &hp);
	hdr_tags(f->hdr, f->hdr_len, &f->tags);
	memset(f->cuid, 0x42, sizeof(f->cuid));

	if (!f->uv ||
	    uvemu_add_host_key(f->uv, f->hk[0].d, sizeof(f->hk[0].d)) ||
	    uvemu_add_host_key(f->uv, f->hk[1].d, sizeof(f->hk[1].d)))
		return -1;
	if (o->store_size && uvemu_set_store_size(f->uv, o->store_size))
		return -1;
	if (!o->random_cuid && uvemu_set_config_uid(f->uv, f->cuid))
		return -1;
	ret = uvemu_commit(f->uv, f->hdr, f->hdr_len, &why);
	if (!ret && o->random_cuid)
		ret = uvemu_get_config_uid(f->uv, f->cuid);
	return ret;
}

size_t fixture_secret(const struct fixture *f, uint8_t *out, uint16_t type,
		      const uint8_t *secret, uint32_t len, uint8_t id_byte)
{
	struct asrcb_params p;

	memset(&p, 0, sizeof(p));
	p.tags = &f->tags;
	p.type = type;
	p.secret = secret;
	p.secret_len = len;
	memset(p.id, id_byte, sizeof(p.id));
	p.keys[0] = &f->hk[0];
	p.nks = 1;
	return build_asrcb(out, &p);
}

size_t fixture_plain(const struct fixture *f, uint8_t *out, const char *text,
		     uint8_t id_byte)
{
	uint8_t secret[8192];
	size_t n = strlen(text);
	uint32_t len = (uint32_t)((2 + n + 15) / 16 * 16);

	memset(secret, 0, len);
	put_be16(secret, (uint16_t)n);
	memcpy(secret + 2, text, n);
	return fixture_secret(f, out, UVEMU_SECRET_PLAINTEXT, secret, len,
			      id_byte);
}
