// SPDX-License-Identifier: GPL-2.0
/*
 * Interoperability with an independent owner side: the project's
 * secex-owner (OpenSSL; pvattest's and pvsecret's formats) makes the host
 * key, the SE header and the requests, and verifies the attestation.
 *
 *   uvemu-interop SECEX-OWNER WORKDIR
 *
 * make check runs it in a fresh build/interop when ../userspace/secex-owner
 * has been built (make tools); otherwise it is skipped.  Paths must not
 * need quoting.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "helpers.h"
#include "tap.h"

static const char *owner, *dir;

/* Run a shell command in @dir; its exit status (-1 if it did not run). */
static __attribute__((format(printf, 1, 2))) int run(const char *fmt, ...)
{
	char cmd[2048];
	va_list ap;
	int n, st;

	n = snprintf(cmd, sizeof(cmd), "cd %s && ", dir);
	va_start(ap, fmt);
	vsnprintf(cmd + n, sizeof(cmd) - (size_t)n, fmt, ap);
	va_end(ap);
	st = system(cmd);
	/* POSIX system(): the exit status is in bits 8-15. */
	return st == -1 ? -1 : (st >> 8) & 0xff;
}

static size_t slurp(const char *name, uint8_t *buf, size_t max)
{
	char path[1024];
	size_t n = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "rb");
	if (f) {
		n = fread(buf, 1, max, f);
		fclose(f);
	}
	return n;
}

static void spit(const char *name, const void *buf, size_t len)
{
	char path[1024];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(buf, 1, len, f) != len)
		abort();
	fclose(f);
}

static uint16_t add_file(struct uvemu *uv, const char *name)
{
	uint8_t req[16384];
	size_t len = slurp(name, req, sizeof(req));

	return len ? uvc_add(uv, req, len) : 0xffff;
}

#define OWNER(...)	run("%s -q " __VA_ARGS__)
#define HKD		"--no-verify --hkd host.crt --hdr se.hdr"

static void secrets(struct uvemu *uv)
{
	uint8_t page[4096], out[64], want[64], id[32];
	const char *text = "the quick brown fox";

	spit("key.bin", "0123456789abcdef0123456789abcdef", 32);
	spit("text.txt", text, strlen(text));
	spit("cck2.bin", "CCK number two, thirty-two bytes", 32);
	EQ(OWNER("secret create " HKD " --cck cck.bin retrievable aeskey --type aes "
		 "--secret key.bin -o aes.req 2>/dev/null", owner), 0,
	   "secex-owner: AES-256 retrievable secret request");
	EQ(add_file(uv, "aes.req"), UVEMU_RC_EXECUTED, "  added: rc 0x0001");
	EQ(OWNER("secret create " HKD " --cck cck.bin retrievable note --type plain "
		 "--secret text.txt -o plain.req 2>/dev/null", owner), 0,
	   "secex-owner: plaintext secret request");
	EQ(add_file(uv, "plain.req"), UVEMU_RC_EXECUTED, "  added: rc 0x0001");
	EQ(OWNER("secret create " HKD " --cck cck.bin association assoc "
		 "-o assoc.req 2>/dev/null", owner), 0,
	   "secex-owner: association secret request");
	EQ(add_file(uv, "assoc.req"), UVEMU_RC_EXECUTED, "  added: rc 0x0001");
	EQ(OWNER("secret create " HKD " meta -o meta-noext.req 2>/dev/null", owner), 0,
	   "secex-owner: meta request without extension secret");
	EQ(add_file(uv, "meta-noext.req"), UVEMU_RC_ADD_DECRYPT,
	   "  refused under CCK enforcement: rc 0x0108");

	EQ(uvc_list(uv, 0, page), UVEMU_RC_EXECUTED, "list");
	uvemu_sha256("note", 4, id);
	OK(get_be16(page + 2) == 3 && get_be16(page + 16 + 48 + 2) == 3 &&
	   get_be32(page + 16 + 48 + 4) == 32 && !memcmp(page + 16 + 48 + 16, id, 32),
	   "  3 secrets; entry 1: plaintext, 32 bytes, id SHA-256(\"note\")");
	EQ(get_be32(page + 16 + 4), 64, "  AES-256 key listed as 64 bytes");

	EQ(uvc_retr(uv, 1, 64, out), UVEMU_RC_EXECUTED, "retrieve the plaintext");
	memset(want, 0, sizeof(want));
	put_be16(want, (uint16_t)strlen(text));
	memcpy(want + 2, text, strlen(text));
	MEM(out, want, 64, "  be16 length, text, zeros");
	EQ(uvc_retr(uv, 0, 64, out), UVEMU_RC_EXECUTED, "retrieve the AES key");
	OK(guest.wrap_type == 6 && !memcmp(guest.wrap_clear, "0123456789abcdef0123456789abcdef", 32),
	   "  wrap_key got AES-256 and the key from key.bin");

	EQ(OWNER("secret create " HKD " --cck cck.bin update-cck --secret cck2.bin "
		 "-o cck.req 2>/dev/null", owner), 0, "secex-owner: update-CCK request");
	EQ(add_file(uv, "cck.req"), UVEMU_RC_EXECUTED, "  added: rc 0x0001");
	EQ(OWNER("secret create " HKD " --cck cck.bin meta -o meta-old.req 2>/dev/null", owner), 0,
	   "secex-owner: meta request, old CCK");
	EQ(add_file(uv, "meta-old.req"), UVEMU_RC_ADD_DECRYPT, "  refused: rc 0x0108");
	EQ(OWNER("secret create " HKD " --cck cck2.bin --flags disable-dump meta "
		 "-o meta-new.req 2>/dev/null", owner), 0, "secex-owner: meta request, new CCK");
	EQ(add_file(uv, "meta-new.req"), UVEMU_RC_EXECUTED, "  added: rc 0x0001");
}

/* pvattest exchange file: header, then arcb, meas, add, user data, cuid. */
static void attest(struct uvemu *uv)
{
	static const char ud[] = "interop user data";
	uint8_t ex[8192], resp[8192], *p;
	struct att_io io;
	size_t n, arcb_len, arcb_off, add_len, off;

	EQ(OWNER("attest create " HKD " --add-data phkh-img,phkh-att,secret-store-hash,"
		 "firmware-state -o req.exch --arpk arpk.bin 2>/dev/null", owner), 0,
	   "secex-owner: attestation request");
	n = slurp("req.exch", ex, sizeof(ex));
	if (!OK(n > 0x40 && !memcmp(ex, "pvattest", 8), "  an exchange file"))
		return;
	arcb_len = get_be32(ex + 0x18);
	arcb_off = get_be32(ex + 0x1c);
	add_len = get_be32(ex + 0x28);
	if (!OK(arcb_off + arcb_len <= n && add_len == 64 + 64 + 0x140 &&
		get_be32(ex + 0x20) == 64, "  ARCB, 64-byte measurement, 448 bytes of additional data"))
		return;

	memset(&io, 0, sizeof(io));
	io.arcb = ex + arcb_off;
	io.arcb_len = arcb_len;
	memcpy(io.user_data, ud, sizeof(ud) - 1);
	io.user_data_len = sizeof(ud) - 1;
	io.meas_len = 64;
	io.add_data_len = (uint32_t)add_len;
	EQ(uvc_attest(uv, &io), UVEMU_RC_EXECUTED, "attestation: rc 0x0001");

	memset(resp, 0, sizeof(resp));
	memcpy(resp, "pvattest", 8);
	put_be32(resp + 8, 0x100);
	off = 0x40;
	p = resp;
#define BLOB(entry, src, len) do {					\
		put_be32(p + (entry), (uint32_t)(len));			\
		put_be32(p + (entry) + 4, (uint32_t)off);		\
		memcpy(p + off, src, len);				\
		off += len;						\
	} while (0)
	BLOB(0x18, io.arcb, arcb_len);
	BLOB(0x20, io.meas, 64);
	BLOB(0x28, io.add, add_len);
	BLOB(0x30, ud, sizeof(ud) - 1);
	BLOB(0x38, io.cuid, 16);
#undef BLOB
	put_be32(resp + 0x0c, (uint32_t)off);
	spit("resp.exch", resp, off);
	EQ(OWNER("attest verify -i resp.exch -a arpk.bin --hdr se.hdr 2>/dev/null", owner), 0,
	   "secex-owner attest verify accepts the measurement");
	resp[0x40 + arcb_len] ^= 1;
	spit("resp-bad.exch", resp, off);
	EQ(OWNER("attest verify -i resp-bad.exch -a arpk.bin --hdr se.hdr 2>/dev/null", owner), 2,
	   "  and refuses a changed one (exit 2)");
}

/*
 * The unpack check (uvemu_verify_image()) of the files secex-owner made
 * the header of, with its component table; then as a host would change
 * them after the header was made.
 */
static void unpack(struct uvemu *uv)
{
	static uint8_t kernel[16384], parm[256], initrd[16384];
	uint8_t table[256];
	size_t tlen = slurp("comps.bin", table, sizeof(table));
	struct uvemu_blob c[UVEMU_IMG_NCOMP] = {
		{ kernel, slurp("kernel", kernel, sizeof(kernel)) },
		{ parm, slurp("parmfile", parm, sizeof(parm)) },
		{ initrd, slurp("kernel", initrd, sizeof(initrd)) },
	};
	const char *why = NULL;
	int ret;

	tap_diag("the unpack check of the booted files");
	ret = uvemu_verify_image(uv, table, tlen, c, &why);
	EQ(ret, 0,
	   "the kernel, command line and initrd the header was made of unpack%s%s",
	   why ? ": " : "", why ? why : "");
	initrd[4000] ^= 1;
	ret = uvemu_verify_image(uv, table, tlen, c, &why);
	EQ(ret, -EBADMSG,
	   "an initrd with one bit changed does not (%s)", why ? why : "");
	initrd[4000] ^= 1;
	c[2].len += 4096;
	ret = uvemu_verify_image(uv, table, tlen, c, &why);
	EQ(ret, -EBADMSG,
	   "an initrd one page longer does not (%s)", why ? why : "");
	c[2].len -= 4096;
	c[1].len--;
	ret = uvemu_verify_image(uv, table, tlen, c, &why);
	EQ(ret, -EBADMSG,
	   "a command line one byte shorter does not (%s)", why ? why : "");
	c[1].len++;
	table[2] ^= 1;
	ret = uvemu_verify_image(uv, table, tlen, c, &why);
	EQ(ret, -EBADMSG,
	   "nor the right files with another tweak for the kernel (%s)", why ? why : "");
	table[2] ^= 1;
	ret = uvemu_verify_image(uv, table, tlen - 1, c, &why);
	EQ(ret, -EINVAL,
	   "a truncated component table is refused (%s)", why ? why : "");
	ret = uvemu_verify_image(uv, table, tlen, c, &why);
	EQ(ret, 0, "the files unpack again");
}

int main(int argc, char **argv)
{
	uint8_t raw[128], hdr[8192];
	size_t raw_len, hdr_len;
	struct uvemu *uv;
	const char *why = NULL;

	if (argc != 3)
		return 64;
	owner = argv[1];
	dir = argv[2];
	tap_diag("interoperability with %s", owner);
	if (run("head -c 8192 /dev/zero | tr '\\0' k > kernel && "
		"echo root=/dev/vda > parmfile && head -c 32 /dev/zero | tr '\\0' c > cck.bin") ||
	    !OK(OWNER("hostkey make --out-key host.pem --out-raw-key host.bin "
		      "--out-cert host.crt", owner) == 0, "secex-owner: test host key") ||
	    !OK(OWNER("hdr make --no-verify --hkd host.crt --kernel kernel --initrd kernel "
		      "--parmfile parmfile --cck cck.bin --scf 0x6000000000000000 -o se.hdr "
		      "--comp-table comps.bin "
		      "2>/dev/null", owner) == 0,
		"secex-owner: SE header, CCK enforcement and update allowed"))
		return tap_done("uvemu interop");

	uv = guest_uv(true);
	raw_len = slurp("host.bin", raw, sizeof(raw));
	hdr_len = slurp("se.hdr", hdr, sizeof(hdr));
	EQ(uvemu_add_host_key(uv, raw, raw_len), 0, "provision the raw host key");
	EQ(uvemu_commit(uv, hdr, hdr_len, &why), 0, "commit secex-owner's SE header%s%s",
	   why ? ": " : "", why ? why : "");
	if (uvemu_committed(uv)) {
		unpack(uv);
		secrets(uv);
		attest(uv);
	}
	guest_free(uv);
	return tap_done("uvemu interop");
}
