// SPDX-License-Identifier: GPL-2.0
/*
 * Plaintext secrets of the UV secret store, retrieved without printing
 * anything: this is linked into the LUKS2 token plugin, whose messages go
 * through libcryptsetup, so failures are described in the caller's @why.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "hex.h"
#include "secret_types.h"
#include "sha256.h"
#include "uvlist.h"
#include "uvrc.h"
#include "uvsecret.h"

#define ID_HEX_LEN	(2 * SECRET_ID_LEN + 1)

int uvsecret_name_valid(const char *s, size_t len)
{
	return len && len <= UVSECRET_NAME_MAX &&
	       strspn(s, UVSECRET_NAME_CHARS) == len;
}

void uvsecret_name_escape(const char *s, size_t len, char *out, size_t size)
{
	size_t i, o = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		int plain = c && strchr(UVSECRET_NAME_CHARS, c);

		if (o + (plain ? 1 : 4) >= size)
			break;
		if (plain)
			out[o++] = (char)c;
		else
			o += (size_t)snprintf(out + o, size - o, "\\x%02x", c);
	}
	out[o] = '\0';
}

int uvsecret_ref_parse(const char *ref, struct uvsecret_ref *r)
{
	size_t n = strlen(ref);

	memset(r, 0, sizeof(*r));
	if (!hex_parse(ref, r->id, SECRET_ID_LEN))
		return 0;
	if (!uvsecret_name_valid(ref, n))
		return -1;
	memcpy(r->name, ref, n);
	/* the id 'secex-owner secret create' and 'pvsecret create' derive */
	sha256(ref, n, r->id);
	/* a --use-name secret: the name itself, NUL-padded, is the id */
	if (n < SECRET_ID_LEN) {
		memcpy(r->name_id, ref, n);
		r->has_name_id = 1;
	}
	return 0;
}

void uvsecret_id_hex(const uint8_t id[SECRET_ID_LEN], char hex[ID_HEX_LEN])
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < SECRET_ID_LEN; i++) {
		hex[2 * i] = digits[id[i] >> 4];
		hex[2 * i + 1] = digits[id[i] & 0xf];
	}
	hex[2 * SECRET_ID_LEN] = '\0';
}

static enum uvsecret_status say(char *why, enum uvsecret_status st,
				const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static enum uvsecret_status say(char *why, enum uvsecret_status st,
				const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, UVSECRET_WHY_MAX, fmt, ap);
	va_end(ap);
	return st;
}

/* How messages name the secret: 'NAME' if known, else its id. */
static void label(const struct uvsecret_ref *r,
		  char buf[UVSECRET_NAME_MAX + 3])
{
	/* UVSECRET_NAME_MAX + 3 > 2 * SECRET_ID_LEN: either fits */
	if (r->name[0])
		snprintf(buf, UVSECRET_NAME_MAX + 3, "'%s'", r->name);
	else
		uvsecret_id_hex(r->id, buf);
}

/* @rc: -errno of uvdev_ioctl() */
static enum uvsecret_status device_failed(char *why, int rc,
					  const struct uv_status *st,
					  unsigned int nr)
{
	if (st->opened)
		return say(why, UVSECRET_ERROR, "%s: ioctl %u failed: %s",
			   uvdev_path(), nr, strerror(-rc));
	if (rc == -ENOENT || rc == -ENODEV || rc == -ENXIO)
		return say(why, UVSECRET_NO_DEVICE,
			   "%s: %s (not a Secure Execution guest, or secex_uv is not loaded)",
			   uvdev_path(), strerror(-rc));
	return say(why, UVSECRET_ERROR, "%s: %s", uvdev_path(), strerror(-rc));
}

static const struct secret_entry *find(const struct secret_list *l,
				       const struct uvsecret_ref *r)
{
	uint16_t i;

	for (i = 0; i < l->num; i++) {
		if (!memcmp(l->e[i].id, r->id, SECRET_ID_LEN) ||
		    (r->has_name_id &&
		     !memcmp(l->e[i].id, r->name_id, SECRET_ID_LEN)))
			return &l->e[i];
	}
	return NULL;
}

static enum uvsecret_status retrieve(const struct secret_entry *e,
				     const char *who, uint8_t **val,
				     size_t *len, char *why, int *oom)
{
	struct uv_status st = { 0 };
	enum uvsecret_status ret;
	const uint8_t *data;
	uint8_t *buf;
	uint32_t n;
	size_t dlen;
	int rc;

	rc = uvlist_retrieve(uvdev_ioctl, e, &buf, &n, &st);
	/* not even opened: the buffer could not be allocated */
	if (rc == -ENOMEM && !st.opened) {
		*oom = 1;
		return say(why, UVSECRET_ERROR, "out of memory");
	}
	if (rc)
		return device_failed(why, rc, &st, UVIO_IOCTL_RETR_SECRET_NR);
	if (st.rc != UVRC_EXECUTED) {
		ret = say(why, UVSECRET_REJECTED,
			  "UV secret %s: ultravisor rc 0x%04x, rrc 0x%04x: %s",
			  who, st.rc, st.rrc,
			  uvrc_str(UVRC_CMD_RETR_SECRET, st.rc));
	} else if (uvlist_plaintext(buf, n, &data, &dlen)) {
		ret = say(why, UVSECRET_ERROR,
			  "UV secret %s: invalid plaintext length", who);
	} else {
		/* one byte at least: an empty value is not a NULL one */
		*val = malloc(dlen ? dlen : 1);
		if (*val) {
			memcpy(*val, data, dlen);
			*len = dlen;
			ret = UVSECRET_OK;
		} else {
			*oom = 1;
			ret = say(why, UVSECRET_ERROR, "out of memory");
		}
	}
	secure_zero(buf, n);
	free(buf);
	return ret;
}

static enum uvsecret_status get_plaintext(const struct uvsecret_ref *r,
					  uint8_t **val, size_t *len,
					  uint8_t id_out[SECRET_ID_LEN],
					  char *why, int *oom)
{
	char who[UVSECRET_NAME_MAX + 3];
	const struct secret_entry *e;
	enum uvsecret_status ret;
	struct uv_status st = { 0 };
	enum uvlist_status ls;
	struct secret_list l;
	const char *type;
	int err = 0;

	*val = NULL;
	*len = 0;
	why[0] = '\0';
	label(r, who);
	ls = uvlist_get(&l, uvdev_ioctl, &st, &err);
	switch (ls) {
	case UVLIST_OK:
	case UVLIST_INCOMPLETE:
		break;
	case UVLIST_CALL_FAILED:
		/* a kernel before 6.13 fails with EINVAL on one page only */
		if (err == -EINVAL && st.opened)
			return say(why, UVSECRET_ERROR,
				   "list secrets: ioctl rejected the buffer");
		return device_failed(why, err, &st,
				     UVIO_IOCTL_LIST_SECRETS_NR);
	case UVLIST_REJECTED:
		return say(why, UVSECRET_REJECTED,
			   "list secrets: ultravisor rc 0x%04x, rrc 0x%04x: %s",
			   st.rc, st.rrc,
			   uvrc_str(UVRC_CMD_LIST_SECRETS, st.rc));
	case UVLIST_BAD_COUNT:
		return say(why, UVSECRET_ERROR,
			   "list secrets: invalid entry count %u", l.num);
	case UVLIST_NO_MEMORY:
	default:
		*oom = 1;
		return say(why, UVSECRET_ERROR, "out of memory");
	}
	e = find(&l, r);
	if (!e) {
		char hex[ID_HEX_LEN];

		uvsecret_id_hex(r->id, hex);
		if (r->name[0])
			ret = say(why, UVSECRET_ABSENT,
				  "UV secret %s (id %s) is not in the ultravisor's secret store%s",
				  who, hex, ls == UVLIST_INCOMPLETE ?
				  " (this kernel lists only one page of it)" : "");
		else
			ret = say(why, UVSECRET_ABSENT,
				  "UV secret %s is not in the ultravisor's secret store%s",
				  who, ls == UVLIST_INCOMPLETE ?
				  " (this kernel lists only one page of it)" : "");
	} else if (e->type != SECEX_SECRET_PLAINTEXT) {
		type = secret_type_name(e->type);
		ret = say(why, UVSECRET_WRONG_TYPE,
			  "UV secret %s is %s %s secret, not a plaintext secret",
			  who, strchr("AEIOUHaeiouh", type[0]) ? "an" : "a",
			  type);
	} else {
		ret = retrieve(e, who, val, len, why, oom);
		if (ret == UVSECRET_OK && id_out)
			memcpy(id_out, e->id, SECRET_ID_LEN);
	}
	secret_list_free(&l);
	return ret;
}

enum uvsecret_status uvsecret_get_plaintext(const struct uvsecret_ref *r,
					    uint8_t **val, size_t *len,
					    uint8_t id_out[SECRET_ID_LEN],
					    char *why)
{
	enum uvsecret_status ret;
	int oom = 0;

	ret = get_plaintext(r, val, len, id_out, why, &oom);
	/* set last: the frees on the way out need not keep errno */
	if (ret == UVSECRET_ERROR)
		errno = oom ? ENOMEM : EIO;
	return ret;
}

void uvsecret_free(uint8_t *val, size_t len)
{
	if (!val)
		return;
	secure_zero(val, len);
	free(val);
}
