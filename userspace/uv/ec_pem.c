// SPDX-License-Identifier: GPL-2.0
/*
 * Minimal DER reading of SEC1 ECPrivateKey (RFC 5915) and PKCS#8
 * PrivateKeyInfo (RFC 5208) for P-521 keys.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/base64.h"
#include "../common/fileio.h"
#include "ec_pem.h"

#define DER_INTEGER	0x02
#define DER_OCTETS	0x04
#define DER_OID		0x06
#define DER_SEQUENCE	0x30
#define DER_CTX0	0xa0

/* 1.3.132.0.35 (secp521r1) and 1.2.840.10045.2.1 (id-ecPublicKey) */
static const uint8_t oid_p521[] = { 0x2b, 0x81, 0x04, 0x00, 0x23 };
static const uint8_t oid_ec[] = { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01 };

struct der {
	const uint8_t *p;
	size_t len;
};

/* Read one TLV of @tag from @d into @val; advance @d. */
static int der_get(struct der *d, uint8_t tag, struct der *val)
{
	size_t len, n;

	if (d->len < 2 || d->p[0] != tag)
		return -1;
	len = d->p[1];
	n = 2;
	if (len & 0x80) {
		size_t bytes = len & 0x7f, i;

		if (!bytes || bytes > 3 || d->len < 2 + bytes)
			return -1;
		for (len = 0, i = 0; i < bytes; i++)
			len = len << 8 | d->p[2 + i];
		n += bytes;
	}
	if (len > d->len - n)
		return -1;
	val->p = d->p + n;
	val->len = len;
	d->p += n + len;
	d->len -= n + len;
	return 0;
}

static int oid_is(const struct der *oid, const uint8_t *want, size_t len)
{
	return oid->len == len && !memcmp(oid->p, want, len);
}

/* ECPrivateKey ::= SEQUENCE { 1, OCTET STRING, [0] curve OPTIONAL, ... } */
static int parse_sec1(struct der d, int curve_known, uint8_t *out)
{
	struct der seq, ver, key, params, oid;

	if (der_get(&d, DER_SEQUENCE, &seq) ||
	    der_get(&seq, DER_INTEGER, &ver) || ver.len != 1 || ver.p[0] != 1 ||
	    der_get(&seq, DER_OCTETS, &key) || !key.len ||
	    key.len > P521_SCALAR_LEN)
		return -1;
	if (!der_get(&seq, DER_CTX0, &params)) {
		if (der_get(&params, DER_OID, &oid) ||
		    !oid_is(&oid, oid_p521, sizeof(oid_p521)))
			return -2;
		curve_known = 1;
	}
	if (!curve_known && key.len != P521_SCALAR_LEN)
		return -2;
	memset(out, 0, P521_SCALAR_LEN);
	memcpy(out + P521_SCALAR_LEN - key.len, key.p, key.len);
	return 0;
}

/* PrivateKeyInfo ::= SEQUENCE { 0, SEQUENCE { ecPublicKey, curve }, OCTETS } */
static int parse_pkcs8(struct der d, uint8_t *out)
{
	struct der seq, ver, alg, oid, key;

	if (der_get(&d, DER_SEQUENCE, &seq) ||
	    der_get(&seq, DER_INTEGER, &ver) || ver.len != 1 || ver.p[0] ||
	    der_get(&seq, DER_SEQUENCE, &alg) ||
	    der_get(&alg, DER_OID, &oid) || !oid_is(&oid, oid_ec, sizeof(oid_ec)))
		return -2;
	if (der_get(&alg, DER_OID, &oid) ||
	    !oid_is(&oid, oid_p521, sizeof(oid_p521)))
		return -2;
	if (der_get(&seq, DER_OCTETS, &key))
		return -1;
	return parse_sec1(key, 1, out);
}

int ec_pem_p521_scalar(const char *path, uint8_t out[P521_SCALAR_LEN])
{
	uint8_t *text, *der;
	struct der d;
	size_t len;
	int rc = -1;

	if (read_file(path, &text, &len, 64 * 1024))
		return -1;
	der = realloc(text, len + 1);
	if (!der) {
		free(text);
		return -1;
	}
	text = der;
	text[len] = 0;
	if (strstr((char *)text, "ENCRYPTED")) {
		fprintf(stderr, "%s: encrypted keys are not supported\n", path);
		goto out;
	}
	der = pem_decode((char *)text, "EC PRIVATE KEY", &d.len);
	if (der) {
		d.p = der;
		rc = parse_sec1(d, 0, out);
	} else {
		der = pem_decode((char *)text, "PRIVATE KEY", &d.len);
		d.p = der;
		if (der)
			rc = parse_pkcs8(d, out);
	}
	if (der) {
		secure_zero(der, d.len);
		free(der);
	}
	if (rc == -2)
		fprintf(stderr, "%s: not a P-521 (secp521r1) key\n", path);
	else if (rc)
		fprintf(stderr, "%s: no PEM EC private key found\n", path);
out:
	secure_zero(text, len);
	free(text);
	return rc ? -1 : 0;
}
